#!/usr/bin/env bash
# Installs the system packages Lantern's tests and local stack need when they are missing (Debian/Ubuntu).
# Java and Maven run the local Neo4j; redis-server lets Lantern start a private Redis (and the fault tests
# stop and start one). With --for-tests it also installs Chromium, which only the console's browser tests
# drive (Debian's package; never a browser downloaded by Playwright), so `npm start` never needs it.
set -euo pipefail

for_tests=0
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=1 ;;
    *) echo "usage: $0 [--for-tests]" >&2; exit 2 ;;
  esac
done

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "$for_tests" -eq 1 ] && [ -z "${LANTERN_TEST_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then missing+=(chromium); fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "lantern: missing system packages: ${missing[*]}; install them with your package manager" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "lantern: installing ${missing[*]} with apt-get" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >&2
