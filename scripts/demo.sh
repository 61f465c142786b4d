#!/usr/bin/env bash
# Offline demo: install, then run the nightly flow against the embedded fixture site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/etl demo "$@"
