# Shared by run-http.sh and run-tuning.sh (sourced, not run). The sourcing script sets NAME (its
# log prefix) first, and HERE (the benchmarks folder) and CLASSPATH_BENCH before start_issuer.

log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# every process started goes into PIDS; all are stopped on exit, however the script ends
PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ "${#PIDS[@]}" -gt 0 ] && log "stopped ${#PIDS[@]} process(es) started by this script"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { # user + system CPU time of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

start_issuer() { # out-dir alg tokens parts: starts LocalIssuer, waits for it, reads its issuer.env
  java -Dwarden.bench.fixtures="$HERE/target/fixtures" -cp "$CLASSPATH_BENCH" dev.warden.benchmarks.LocalIssuer \
    --port 0 --alg "$2" --tokens "$3" --parts "$4" --out "$1" --max-seconds 3600 \
    >"$1/issuer.out" 2>"$1/issuer.log" &
  PIDS+=("$!")
  local pid="$!"
  for _ in $(seq 1 600); do
    grep -q '^READY ' "$1/issuer.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || die "the local issuer stopped: $(cat "$1/issuer.log")"
    sleep 0.5
  done
  grep -q '^READY ' "$1/issuer.out" || die "the local issuer did not start in 300 s"
  # shellcheck disable=SC1091
  . "$1/issuer.env"
}
