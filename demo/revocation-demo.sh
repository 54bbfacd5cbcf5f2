#!/usr/bin/env bash
# Fleet-wide revocation, live: Redis, the demo authorization server and TWO instances of the sample
# API sharing state. A token is served by both; the authorization server pushes a CAEP
# session-revoked event to the FIRST instance only; the SECOND refuses the token too.
#   demo/revocation-demo.sh
# Ports: AUTH_PORT (9000), API_PORT (8080; the second instance uses API_PORT+1), REDIS_PORT (6390).
# Needs a JDK 17+, Maven and redis-server (scripts/test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

AUTH_PORT="${AUTH_PORT:-9000}"
API_PORT="${API_PORT:-8080}"
API_PORT2=$((API_PORT + 1))
REDIS_PORT="${REDIS_PORT:-6390}"
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$AUTH_PORT" "$API_PORT" "$API_PORT2" "$REDIS_PORT"; do
  if port_in_use "$port"; then echo "Port $port is in use; set AUTH_PORT / API_PORT / REDIS_PORT." >&2; exit 1; fi
done

echo "Building the demo authorization server and the sample API..."
mvn -B -q -DskipTests package -pl demo-auth-server,sample-api -am

mkdir -p target
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > target/redis.log 2>&1 &
pids+=($!)
ISSUER="http://localhost:$AUTH_PORT"
java -jar demo-auth-server/target/demo-auth-server-0.1.0-SNAPSHOT-exec.jar \
  --server.port="$AUTH_PORT" --demo.issuer="$ISSUER" > target/demo-auth-server.log 2>&1 &
pids+=($!)
for port in "$API_PORT" "$API_PORT2"; do
  java -jar sample-api/target/sample-api.jar --server.port="$port" --warden.issuer="$ISSUER" \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
    --warden.shared-state.store=redis --warden.revocation.push.enabled=true > "target/sample-api-$port.log" 2>&1 &
  pids+=($!)
done

wait_for() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 did not start" >&2; exit 1; }
wait_for "$ISSUER/.well-known/openid-configuration"
wait_for "http://localhost:$API_PORT/public/ping"
wait_for "http://localhost:$API_PORT2/public/ping"

TOKEN=$(curl -s -u orders-reader:reader-secret -d grant_type=client_credentials -d scope=orders:read \
  "$ISSUER/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
status() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://localhost:$1/api/orders"; }

echo
echo "1. The client's token at both instances:  :$API_PORT -> $(status "$API_PORT"),  :$API_PORT2 -> $(status "$API_PORT2")"
echo "2. The authorization server signs a CAEP session-revoked SET for subject orders-reader and pushes it to :$API_PORT only:"
curl -s -u ssf-admin:ssf-admin-secret -d sub=orders-reader \
  -d receiver="http://127.0.0.1:$API_PORT/ssf/events" "$ISSUER/demo/signals/session-revoked"
echo
start=$(date +%s%N)
while [ "$(status "$API_PORT2")" != "401" ]; do
  if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 5000 ]; then echo "   :$API_PORT2 still serves the token after 5 s" >&2; exit 1; fi
  sleep 0.01
done
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
echo "3. :$API_PORT -> $(status "$API_PORT");  :$API_PORT2 -> 401 as well, $elapsed ms after the push (shared through Redis)"
curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "http://localhost:$API_PORT2/api/orders" | grep -i '^www-authenticate'
# tokens issued in the same second as the event count as issued before it
sleep 1
NEW=$(curl -s -u orders-reader:reader-secret -d grant_type=client_credentials -d scope=orders:read \
  "$ISSUER/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
echo "4. A token issued after the event is served: :$API_PORT2 -> $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $NEW" "http://localhost:$API_PORT2/api/orders")"
