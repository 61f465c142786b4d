#!/usr/bin/env bash
# Install the project with its test extras and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
export PREFECT_HOME="${PREFECT_HOME:-$PWD/.prefect/test}"
export PREFECT_SERVER_ANALYTICS_ENABLED=false
mkdir -p "$PREFECT_HOME"
exec .venv/bin/python -m pytest "$@"
