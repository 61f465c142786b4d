#!/usr/bin/env bash
# Run the end-to-end test of the Prefect UI in headless Chromium (tests/browser), installing what it
# needs first: Debian's chromium (apt-get, as root) and the playwright package (the `browser` extra).
# Playwright's own browser download does not work offline; the test drives /usr/bin/chromium instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser-test: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
bash scripts/bootstrap.sh test,browser
export PREFECT_SERVER_ANALYTICS_ENABLED=false
exec .venv/bin/python -m pytest -m browser tests/browser "$@"
