#!/usr/bin/env bash
# HTTP load benchmark: the Warden sample API against a stock Spring Boot resource server in two
# forms, all on loopback, all validating tokens of one local issuer (same JWKS, issuer and audience):
#   warden  the sample API (Actuator + Prometheus, as a service team runs it)
#   stock   stock Boot with the same Actuator + Prometheus instrumentation
#   bare    the same stock server without Actuator, Micrometer's Boot integration or Prometheus
#           (servlet stack only)
#   introspect  the sample API again with global introspection on (warden.introspection.enabled,
#           against the local issuer's endpoint, which finds every token active; the sample caches
#           answers for 10 s): reused-token and ping scenarios, for introspection with a warm
#           cache against JWT-only (servlet stack only; INTROSPECT=0 leaves it out)
#
#   benchmarks/run-http.sh      # defaults: about 5 minutes on 2 cores (+ about 2.5 the first time: minting)
#   DURATION=3s WARMUP=2s ROUNDS=1 benchmarks/run-http.sh   # smoke run
#   STACK=reactive benchmarks/run-http.sh   # sample-api-reactive against a stock WebFlux resource server
#
# Scenarios, each run as `wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency`:
#   reused  GET /api/orders with one valid token on every request
#   ping    GET /public/ping without a token
#   fresh   GET /api/orders with a token not sent before on each request (Lua, from $TOKENS
#           distinct tokens; by default enough for every fresh-token request of the run, so
#           Warden's verified-token cache never hits: the report prints the hit ratio it saw)
# After a warm-up of every server x scenario, $ROUNDS rounds run every scenario on every server,
# rotating which server goes first. Prints req/s, p50 and p99 per server and scenario (median
# over the rounds), the server's CPU time per request (its user + system time over the requests it
# answered: steadier than req/s on a shared machine), the Warden/stock and Warden/bare ratios,
# Warden reused / Warden ping (in req/s and in CPU per request) and introspect reused / Warden
# reused (with the introspection cache's hit ratio); writes
# benchmarks/target/http-results.json and .csv. Everything it starts is stopped on exit.
#
# Environment (defaults): STACK (servlet; reactive: sample-api-reactive.jar against
# warden-benchmarks-stock-reactive-server.jar, no bare server, results in
# benchmarks/target/http-reactive-results.*), INTROSPECT (1), DURATION (10s), WARMUP (8s), ROUNDS (3), THREADS (2), CONNECTIONS (32),
# ALG (RS256 or ES256), JAVA_OPTS (-Xms512m -Xmx512m), SERVER_ARGS (none: extra arguments for the
# Warden and stock servers, e.g. --management.observations.enable.spring.security=false to measure
# a tuning of the observations both carry), SKIP_BUILD (0; 1 uses the jars already
# built), MVN_ARGS (extra Maven arguments, e.g. -o), TOKENS (auto: FRESH_RATE x the seconds of
# fresh-token load one server gets, WARMUP + ROUNDS x DURATION: 304,000 with the defaults),
# FRESH_RATE (8000 req/s). Tokens are minted once (RS256: about 2,000 a second on 2 cores) and
# reused from benchmarks/target/fixtures while they stay valid for 3 more hours (they live 24 h).
#
# Why not a 20,000-token cycle (twice the cache's 10,000 entries): Caffeine's admission policy
# keeps about half of a cyclic list cached, so from the second pass on such a cycle hits 45-49 %
# of the time (measured on VerifiedTokenCache with 10,000 entries). TOKENS=20000 measures that
# "working set twice the cache" case instead.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-8s}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TOKENS="${TOKENS:-auto}"
FRESH_RATE="${FRESH_RATE:-8000}"
ALG="${ALG:-RS256}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
SERVER_ARGS="${SERVER_ARGS:-}"
SKIP_BUILD="${SKIP_BUILD:-0}"
MVN_ARGS="${MVN_ARGS:-}"
STACK="${STACK:-servlet}"
INTROSPECT="${INTROSPECT:-1}"
case "$STACK" in
  servlet) SAMPLE=sample-api; STOCK=stock-server; RESULTS=http-results; SERVERS=(warden stock bare)
    [ "$INTROSPECT" = 1 ] && SERVERS+=(introspect) ;;
  reactive) SAMPLE=sample-api-reactive; STOCK=stock-reactive-server; RESULTS=http-reactive-results; SERVERS=(warden stock) ;;
  *) echo "[run-http] ERROR: STACK must be servlet or reactive, not '$STACK'" >&2; exit 1 ;;
esac
OUT="$HERE/target/${RESULTS%-results}"
WARDEN_JAR="$ROOT/$SAMPLE/target/$SAMPLE.jar"
STOCK_JAR="$HERE/target/warden-benchmarks-$STOCK.jar"
BARE_JAR="$HERE/target/warden-benchmarks-stock-bare.jar"
LUA="$HERE/http/bench.lua"

NAME=run-http
# shellcheck source=http/common.sh
. "$HERE/http/common.sh"

seconds() { # wrk duration (10s, 2m, 1h, 10) -> whole seconds
  case "$1" in
    *ms) echo 1 ;;
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}
if [ "$TOKENS" = auto ]; then
  TOKENS=$(( FRESH_RATE * ( $(seconds "$WARMUP") + ROUNDS * $(seconds "$DURATION") ) ))
  [ "$TOKENS" -ge 20000 ] || TOKENS=20000
fi

# --- build ---------------------------------------------------------------------------------------
if [ "$SKIP_BUILD" != "1" ]; then
  log "building $SAMPLE and benchmarks (mvn -DskipTests package -pl $SAMPLE,benchmarks -am)"
  (cd "$ROOT" && mvn -B -q $MVN_ARGS -DskipTests -pl "$SAMPLE,benchmarks" -am package)
fi
[ -f "$WARDEN_JAR" ] || die "$WARDEN_JAR is missing (run without SKIP_BUILD=1)"
[ -f "$STOCK_JAR" ] || die "$STOCK_JAR is missing (run without SKIP_BUILD=1)"
[ "$STACK" = reactive ] || [ -f "$BARE_JAR" ] || die "$BARE_JAR is missing (run without SKIP_BUILD=1)"
[ -f "$HERE/target/classpath.txt" ] || die "benchmarks/target/classpath.txt is missing (run without SKIP_BUILD=1)"
CLASSPATH_BENCH="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"

# --- wrk -----------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (Debian package)"
  if ! apt-get install -y -qq wrk >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null || die "cannot install wrk"
  fi
fi

# --- ports and processes -------------------------------------------------------------------------
declare -A PORT PID
for server in "${SERVERS[@]}"; do
  while :; do
    port="$(free_port)"
    case " ${PORT[*]:-} " in *" $port "*) ;; *) break ;; esac
  done
  PORT[$server]="$port"
done

rm -rf "$OUT"
mkdir -p "$OUT/runs"
: > "$OUT/runs.jsonl"

log "starting the local issuer ($TOKENS distinct $ALG tokens + 1 reused; minted once, then reused from target/fixtures)"
start_issuer "$OUT" "$ALG" "$TOKENS" "$THREADS"
log "JWKS at $JWKS_URI, issuer $ISSUER, audience $AUDIENCE"

log "starting Warden's $SAMPLE on 127.0.0.1:${PORT[warden]}"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$WARDEN_JAR" --server.address=127.0.0.1 --server.port="${PORT[warden]}" \
  --warden.issuer="$ISSUER" --warden.jwks-uri="$JWKS_URI" --warden.audiences="$AUDIENCE" $SERVER_ARGS \
  >"$OUT/warden.log" 2>&1 &
PIDS+=("$!")
PID[warden]="$!"

for server in "${SERVERS[@]:1}"; do
  if [ "$server" = introspect ]; then
    log "starting Warden's $SAMPLE with global introspection on 127.0.0.1:${PORT[$server]}"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$WARDEN_JAR" --server.address=127.0.0.1 --server.port="${PORT[$server]}" \
      --warden.issuer="$ISSUER" --warden.jwks-uri="$JWKS_URI" --warden.audiences="$AUDIENCE" \
      --warden.introspection.enabled=true --warden.introspection.uri="$INTROSPECTION_URI" $SERVER_ARGS \
      >"$OUT/$server.log" 2>&1 &
    PIDS+=("$!")
    PID[$server]="$!"
    continue
  fi
  jar="$STOCK_JAR"
  extra="$SERVER_ARGS"
  if [ "$server" = bare ]; then jar="$BARE_JAR"; extra=""; fi
  log "starting the $server resource server on 127.0.0.1:${PORT[$server]}"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" --server.address=127.0.0.1 --server.port="${PORT[$server]}" \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri="$JWKS_URI" \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri="$ISSUER" \
    --spring.security.oauth2.resourceserver.jwt.jws-algorithms="$ALG" $extra \
    >"$OUT/$server.log" 2>&1 &
  PIDS+=("$!")
  PID[$server]="$!"
done

url_of() { echo "http://127.0.0.1:${PORT[$1]}"; }
pid_of() { echo "${PID[$1]}"; }

for server in "${SERVERS[@]}"; do
  base="$(url_of $server)"
  for _ in $(seq 1 240); do
    [ "$(curl -s --max-time 2 "$base/public/ping" 2>/dev/null || true)" = pong ] && break
    kill -0 "$(pid_of $server)" 2>/dev/null || die "$server stopped; see $OUT/$server.log"
    sleep 0.5
  done
  [ "$(curl -s --max-time 2 "$base/public/ping" || true)" = pong ] || die "$server did not answer /public/ping in 120 s"
  token="$(cat "$OUT/token.txt")"
  code="$(curl -s -o "$OUT/$server-orders.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/orders")"
  [ "$code" = 200 ] || die "$server answered $code to GET /api/orders with a valid token"
  code="$(curl -s -o /dev/null -w '%{http_code}' "$base/api/orders")"
  [ "$code" = 401 ] || die "$server answered $code to GET /api/orders without a token"
  log "$server ready: /public/ping -> pong, /api/orders -> 200 $(cat "$OUT/$server-orders.json"), no token -> 401"
done

# --- runs ----------------------------------------------------------------------------------------
scrape_cache() { # server
  # warden: accepted validations served from / missed in the verified-token cache: "HITS MISSES";
  # introspect: lookups of the introspection cache, the same way
  curl -s --max-time 5 "$(url_of "$1")/actuator/prometheus" | awk -v server="$1" '
    server == "warden" && /^warden_token_validations_seconds_count/ && /outcome="accepted"/ {
      if ($0 ~ /cache="hit"/) h += $NF; else if ($0 ~ /cache="miss"/) m += $NF }
    server == "introspect" && /^warden_introspection_cache_requests_total/ {
      if ($0 ~ /result="hit"/) h += $NF; else if ($0 ~ /result="miss"/) m += $NF }
    END { printf "%d %d\n", h, m }'
}

run_wrk() { # phase round server scenario duration
  local phase="$1" round="$2" server="$3" scenario="$4" duration="$5"
  local base path args file before after
  base="$(url_of "$server")"
  case "$scenario" in
    reused) path=/api/orders; args=(reuse "$OUT/token.txt") ;;
    ping) path=/public/ping; args=(none) ;;
    fresh) path=/api/orders; args=(fresh "$OUT/tokens" "${FRESH_NEXT[$server]}") ;;
  esac
  file="$OUT/runs/$phase-$round-$scenario-$server.txt"
  before="0 0"
  case "$server" in warden|introspect) before="$(scrape_cache "$server")" ;; esac
  local cpu_before cpu_after
  cpu_before="$(cpu_ticks "$(pid_of "$server")")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$LUA" "$base$path" -- "${args[@]}" >"$file" 2>&1 \
    || die "wrk failed: $(cat "$file")"
  cpu_after="$(cpu_ticks "$(pid_of "$server")")"
  after="0 0"
  case "$server" in warden|introspect) after="$(scrape_cache "$server")" ;; esac
  local json
  json="$(sed -n 's/^WRKJSON //p' "$file")"
  [ -n "$json" ] || die "no result from wrk in $file"
  read -r hb mb <<<"$before"
  read -r ha ma <<<"$after"
  local sent next
  sent="$(sed -n 's/^WRKJSON {"requests":\([0-9]*\).*/\1/p' "$file")"
  next="$(sed -n 's/^WRKJSON .*"next":"\([0-9,]*\)".*/\1/p' "$file")"
  # the server's CPU time per request answered (all its threads: requests, GC, JIT), in µs
  local cpu_us
  cpu_us="$(python3 -c "print(round(($cpu_after - $cpu_before) * 1e6 / $CLK_TCK / max(1, $sent), 2))")"
  printf '{"phase":"%s","round":%d,"server":"%s","scenario":"%s","cache_hits":%d,"cache_misses":%d,"fresh_before":%d,"cpu_us_per_request":%s,"wrk":%s}\n' \
    "$phase" "$round" "$server" "$scenario" "$((ha - hb))" "$((ma - mb))" "${FRESH_SENT[$server]}" "$cpu_us" "$json" \
    >>"$OUT/runs.jsonl"
  if [ "$scenario" = fresh ]; then
    FRESH_SENT[$server]=$(( FRESH_SENT[$server] + sent ))
    FRESH_NEXT[$server]="$next"
  fi
  python3 - "$json" "$phase" "$round" "$server" "$scenario" "$cpu_us" >&2 <<'EOF'
import json, sys
w = json.loads(sys.argv[1])
rps = w["requests"] / (w["duration_us"] / 1e6)
errors = sum(w["errors"].values())
print(f"[run-http] {sys.argv[2]:6} r{sys.argv[3]} {sys.argv[4]:6} {sys.argv[5]:6} {rps:9.0f} req/s  "
      f"p50 {w['latency_us']['p50'] / 1000:6.2f} ms  p99 {w['latency_us']['p99'] / 1000:6.2f} ms  "
      f"server CPU {float(sys.argv[6]):6.1f} µs/req"
      + (f"  ERRORS {w['errors']}" if errors else ""))
EOF
}

SCENARIOS=(reused ping fresh)
declare -A FRESH_SENT=([warden]=0 [stock]=0 [bare]=0 [introspect]=0)  # fresh-scenario requests answered so far
declare -A FRESH_NEXT=([warden]=0 [stock]=0 [bare]=0 [introspect]=0)  # where each wrk thread goes on in its token part
scenarios_of() { # the introspecting server: reused token and ping (which also warms its JIT up), no fresh tokens
  if [ "$1" = introspect ]; then echo reused ping; else echo "${SCENARIOS[@]}"; fi
}
log "warm-up: $WARMUP per server and scenario"
for server in "${SERVERS[@]}"; do
  for scenario in $(scenarios_of "$server"); do
    run_wrk warmup 0 "$server" "$scenario" "$WARMUP"
  done
done

log "measuring: $ROUNDS round(s) x ${#SCENARIOS[@]} scenarios x ${#SERVERS[@]} servers (introspect: no fresh tokens), $DURATION each (wrk -t$THREADS -c$CONNECTIONS)"
for round in $(seq 1 "$ROUNDS"); do
  # rotate which server goes first
  shift_by=$(( (round - 1) % ${#SERVERS[@]} ))
  order=("${SERVERS[@]:$shift_by}" "${SERVERS[@]:0:$shift_by}")
  for scenario in "${SCENARIOS[@]}"; do
    for server in "${order[@]}"; do
      case " $(scenarios_of "$server") " in *" $scenario "*) ;; *) continue ;; esac
      run_wrk measure "$round" "$server" "$scenario" "$DURATION"
    done
  done
done

cat >"$OUT/settings.json" <<EOF
{"stack":"$STACK","duration":"$DURATION","warmup":"$WARMUP","rounds":$ROUNDS,"threads":$THREADS,"connections":$CONNECTIONS,
 "tokens":$TOKENS,"alg":"$ALG","java_opts":"$JAVA_OPTS","server_args":"$SERVER_ARGS","cpus":$(nproc),
 "wrk":"$(wrk -v 2>&1 | head -1 | sed 's/"/\\"/g')","java":"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')"}
EOF
python3 "$HERE/http_report.py" "$OUT/runs.jsonl" "$OUT/settings.json" "$HERE/target/$RESULTS.json" \
  "$HERE/target/$RESULTS.csv"
