#!/usr/bin/env bash
# The browser ITs drive Chromium through ChromeDriver, both from Debian's packages (nothing downloads a browser at run
# time). Called by `mvn verify` before the ITs and by .ci/check-run-command.sh: installs both when they are missing
# and this is Debian with root; otherwise stops with one line that says what to install.
# Arguments: skipTests skipITs chromium chromedriver (the first two as Maven's properties, "true" skips).
set -euo pipefail
skip_tests=${1:-false} skip_its=${2:-false}
chromium=${3:-/usr/bin/chromium} chromedriver=${4:-/usr/bin/chromedriver}
[ "$skip_tests" = true ] || [ "$skip_its" = true ] && exit 0
[ -x "$chromium" ] && [ -x "$chromedriver" ] && exit 0

if [ "$chromium$chromedriver" = /usr/bin/chromium/usr/bin/chromedriver ] && [ "$(id -u)" = 0 ] \
    && command -v apt-get >/dev/null; then
  echo "[viewgate] Installing Debian's chromium and chromium-driver for the browser tests (apt-get)"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq chromium chromium-driver >/dev/null; then
    [ -x "$chromium" ] && [ -x "$chromedriver" ] && exit 0
  fi
  echo "[viewgate] apt-get could not install chromium and chromium-driver (see above)" >&2
  exit 1
fi
echo "[viewgate] The browser tests need Chromium and ChromeDriver: run 'sudo apt-get install chromium chromium-driver'" \
  "(Debian/Ubuntu), or pass -Dviewgate.chromium=<browser> -Dviewgate.chromedriver=<driver>; $chromium or $chromedriver is missing" >&2
exit 1
