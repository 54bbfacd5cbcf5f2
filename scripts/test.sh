#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests run for real:
# redis-server (the shared-state tests start one on a random loopback port). Then `mvn -B verify`;
# extra arguments go to Maven (e.g. scripts/test.sh -o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  echo "[test] installing redis-server: the shared-state tests run a real Redis" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q redis-server >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q redis-server >/dev/null; }
fi

mvn -B verify "$@"
