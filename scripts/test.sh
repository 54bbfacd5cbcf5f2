#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests run for real:
# redis-server (the shared-state tests start one on a random loopback port). Then `mvn -B verify`;
# extra arguments go to Maven (e.g. scripts/test.sh -o to build offline).
# The Keycloak end-to-end test (SampleApiKeycloakEndToEndTest) runs Keycloak 26.7.3 on a JDK 21 or
# later: KEYCLOAK_JAVA_HOME, else the newest one under /usr/lib/jvm (the build itself runs on 17).
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

if [ -z "${KEYCLOAK_JAVA_HOME:-}" ] && ! grep -qsE '^JAVA_VERSION="(2[1-9]|[3-9][0-9])' /usr/lib/jvm/*/release; then
  echo "[test] no JDK 21+ under /usr/lib/jvm and no KEYCLOAK_JAVA_HOME: the Keycloak end-to-end test will fail;" \
    "install one (e.g. Temurin 21 or 25) or set KEYCLOAK_JAVA_HOME" >&2
fi

mvn -B verify "$@"
