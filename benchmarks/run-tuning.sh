#!/usr/bin/env bash
# Measures one setting of the sample API against its defaults: two instances of sample-api.jar side
# by side on loopback, "default" with the sample's defaults and "tuned" with TUNING added, both
# validating tokens of one local issuer. Each round runs every scenario on both, alternating which
# goes first, so that both see the same machine; the ratios of a round are what to read (on a
# shared machine whole runs drift by 10-25 %, a round's two halves much less).
#
#   TUNING=--management.observations.enable.spring.security.filterchains=false benchmarks/run-tuning.sh
#   TUNING=--warden.introspection.enabled=true benchmarks/run-tuning.sh   # global introspection, warm
#
# Scenarios, each `wrk -t$THREADS -c$CONNECTIONS -d$DURATION`:
#   reused  GET /api/orders with one valid token on every request
#   ping    GET /public/ping without a token
# Prints, per round and as the median over the rounds: req/s and the server's CPU time per request
# (user + system time of its process over the requests it answered) of both instances, tuned ÷
# default for each scenario, and reused ÷ ping for each instance. Writes benchmarks/target/tuning.txt.
#
# Environment (defaults): TUNING (required: extra arguments of the tuned instance), ROUNDS (5),
# DURATION (8s), WARMUP (30s per instance and scenario: the first round after 20 s still ran
# slow), THREADS (2), CONNECTIONS (32), JAVA_OPTS
# (-Xms512m -Xmx512m), SKIP_BUILD (0; 1 uses the jars already built), MVN_ARGS (extra Maven
# arguments, e.g. -o). Both instances know the local issuer's introspection endpoint
# (warden.introspection.uri), which finds every token active; only a TUNING that turns
# introspection on makes them call it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
TUNING="${TUNING:?set TUNING to the arguments of the tuned instance, e.g. TUNING=--management.observations.enable.spring.security.filterchains=false}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-8s}"
WARMUP="${WARMUP:-30s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
SKIP_BUILD="${SKIP_BUILD:-0}"
MVN_ARGS="${MVN_ARGS:-}"
OUT="$HERE/target/tuning"
JAR="$ROOT/sample-api/target/sample-api.jar"
LUA="$HERE/http/bench.lua"
SCENARIOS=(reused ping)

NAME=run-tuning
# shellcheck source=http/common.sh
. "$HERE/http/common.sh"

if [ "$SKIP_BUILD" != "1" ]; then
  log "building sample-api and benchmarks (mvn -DskipTests package -pl sample-api,benchmarks -am)"
  (cd "$ROOT" && mvn -B -q $MVN_ARGS -DskipTests -pl sample-api,benchmarks -am package)
fi
[ -f "$JAR" ] || die "$JAR is missing (run without SKIP_BUILD=1)"
[ -f "$HERE/target/classpath.txt" ] || die "benchmarks/target/classpath.txt is missing (run without SKIP_BUILD=1)"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: benchmarks/run-http.sh installs it, or apt-get install wrk"
CLASSPATH_BENCH="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"

rm -rf "$OUT"
mkdir -p "$OUT"
start_issuer "$OUT" RS256 20000 "$THREADS"

declare -A PORT PID
for instance in default tuned; do
  PORT[$instance]="$(free_port)"
  extra=""
  [ "$instance" = tuned ] && extra="$TUNING"
  log "starting the $instance instance on 127.0.0.1:${PORT[$instance]} ${extra}"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="${PORT[$instance]}" \
    --warden.issuer="$ISSUER" --warden.jwks-uri="$JWKS_URI" --warden.audiences="$AUDIENCE" \
    --warden.introspection.uri="$INTROSPECTION_URI" $extra >"$OUT/$instance.log" 2>&1 &
  PIDS+=("$!")
  PID[$instance]="$!"
done
for instance in default tuned; do
  base="http://127.0.0.1:${PORT[$instance]}"
  for _ in $(seq 1 240); do
    [ "$(curl -s --max-time 2 "$base/public/ping" 2>/dev/null || true)" = pong ] && break
    kill -0 "${PID[$instance]}" 2>/dev/null || die "the $instance instance stopped; see $OUT/$instance.log"
    sleep 0.5
  done
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$OUT/token.txt")" "$base/api/orders")"
  [ "$code" = 200 ] || die "the $instance instance answered $code to GET /api/orders with a valid token"
done

measure() { # instance scenario duration -> "req/s cpu-µs-per-request"
  local path=/api/orders args=(reuse "$OUT/token.txt") before after
  if [ "$2" = ping ]; then path=/public/ping; args=(none); fi
  before="$(cpu_ticks "${PID[$1]}")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" -s "$LUA" "http://127.0.0.1:${PORT[$1]}$path" -- "${args[@]}" \
    >"$OUT/wrk.txt" 2>&1 || die "wrk failed: $(cat "$OUT/wrk.txt")"
  after="$(cpu_ticks "${PID[$1]}")"
  sed -n 's/^WRKJSON //p' "$OUT/wrk.txt" | python3 -c "
import json, sys
w = json.load(sys.stdin)
print(round(w['requests'] / (w['duration_us'] / 1e6)), round(($after - $before) * 1e6 / $CLK_TCK / max(1, w['requests']), 1))"
}

log "warm-up: $WARMUP per instance and scenario"
for instance in default tuned; do
  for scenario in "${SCENARIOS[@]}"; do
    measure "$instance" "$scenario" "$WARMUP" >/dev/null
  done
done

log "measuring: $ROUNDS round(s), $DURATION per instance and scenario (wrk -t$THREADS -c$CONNECTIONS)"
: >"$OUT/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  order=(default tuned)
  [ $((round % 2)) = 0 ] && order=(tuned default)
  for scenario in "${SCENARIOS[@]}"; do
    for instance in "${order[@]}"; do
      echo "$round $instance $scenario $(measure "$instance" "$scenario" "$DURATION")" >>"$OUT/rounds.txt"
    done
  done
done

python3 - "$OUT/rounds.txt" "$TUNING" <<'EOF' | tee "$HERE/target/tuning.txt"
import collections, statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
rps = collections.defaultdict(dict)
cpu = collections.defaultdict(dict)
for round_, instance, scenario, r, c in rows:
    rps[int(round_)][(instance, scenario)] = float(r)
    cpu[int(round_)][(instance, scenario)] = float(c)
print(f"tuned = defaults + {sys.argv[2]}")
print("round | reused req/s default tuned (µs/req) | ping req/s default tuned (µs/req) | tuned÷default reused, ping | reused÷ping default, tuned")
ratios = collections.defaultdict(list)
for n in sorted(rps):
    r, c = rps[n], cpu[n]
    values = {
        "tuned/default reused": r[("tuned", "reused")] / r[("default", "reused")],
        "tuned/default ping": r[("tuned", "ping")] / r[("default", "ping")],
        "reused/ping default": r[("default", "reused")] / r[("default", "ping")],
        "reused/ping tuned": r[("tuned", "reused")] / r[("tuned", "ping")],
    }
    for key, value in values.items():
        ratios[key].append(value)
    print(f"{n:5} | {r[('default', 'reused')]:7.0f} ({c[('default', 'reused')]:5.1f}) {r[('tuned', 'reused')]:7.0f} ({c[('tuned', 'reused')]:5.1f})"
          f" | {r[('default', 'ping')]:7.0f} ({c[('default', 'ping')]:5.1f}) {r[('tuned', 'ping')]:7.0f} ({c[('tuned', 'ping')]:5.1f})"
          f" | {values['tuned/default reused']:.2f}, {values['tuned/default ping']:.2f}"
          f" | {values['reused/ping default']:.2f}, {values['reused/ping tuned']:.2f}")
print("median over the rounds (req/s ratios):")
for key, values in ratios.items():
    print(f"  {key:22} {statistics.median(values):.2f}   (rounds: {', '.join(f'{v:.2f}' for v in values)})")
EOF
