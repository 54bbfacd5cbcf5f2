#!/usr/bin/env bash
# Runs the Warden demo: builds the demo authorization server and the sample API, starts both,
# walks through the main answers, then leaves both running until interrupted.
#   ./demo.sh            walkthrough, then keep running (Ctrl-C stops both)
#   ./demo.sh --exit     walkthrough, then stop
# Ports: AUTH_PORT (default 9000), API_PORT (default 8080). Needs a JDK 17+ and Maven.
# SAMPLE=sample-api-reactive ./demo.sh runs the same walkthrough against the WebFlux sample.
set -euo pipefail
cd "$(dirname "$0")"

AUTH_PORT="${AUTH_PORT:-9000}"
API_PORT="${API_PORT:-8080}"
SAMPLE="${SAMPLE:-sample-api}"
case "$SAMPLE" in
  sample-api|sample-api-reactive) ;;
  *) echo "SAMPLE must be sample-api or sample-api-reactive, not '$SAMPLE'." >&2; exit 1 ;;
esac
EXIT_AFTER=0
[ "${1:-}" = "--exit" ] && EXIT_AFTER=1

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$AUTH_PORT" "$API_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port is in use; set AUTH_PORT / API_PORT to free ports." >&2
    exit 1
  fi
done

echo "Building the demo authorization server and the sample API..."
mvn -B -q -DskipTests package -pl "demo-auth-server,$SAMPLE" -am

mkdir -p target
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped the authorization server and the sample API."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ISSUER="http://localhost:$AUTH_PORT"
java -jar demo-auth-server/target/demo-auth-server-0.1.0-SNAPSHOT-exec.jar \
  --server.port="$AUTH_PORT" --demo.issuer="$ISSUER" > target/demo-auth-server.log 2>&1 &
pids+=($!)
java -jar "$SAMPLE/target/$SAMPLE.jar" --server.port="$API_PORT" --warden.issuer="$ISSUER" \
  --warden.introspection.enabled=true --warden.introspection.cache-ttl=5s > target/sample-api.log 2>&1 &
pids+=($!)
echo "Authorization server: $ISSUER (log: target/demo-auth-server.log)"
echo "Sample API ($SAMPLE): http://localhost:$API_PORT (log: target/sample-api.log)"

java demo/Walkthrough.java "$ISSUER" "http://localhost:$API_PORT"

if [ "$EXIT_AFTER" = 1 ]; then
  exit 0
fi
echo
echo "Both keep running; press Ctrl-C to stop them. Get a token with:"
echo "  curl -s -u orders-reader:reader-secret -d grant_type=client_credentials -d scope=orders:read $ISSUER/oauth2/token"
wait
