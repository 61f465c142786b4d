#!/usr/bin/env bash
# Prove docs/analysts.md works under exactly `pip install '.[analysis]'`: a fresh venv (not the
# project's .venv, which has the test extras), the demo, an export, then every ```python block of
# the doc run as it is (DATA pointed at the demo). Slow (a full install, ~750 MB): run by hand or
# before a release; tests/test_analyst_examples.py checks the same imports against pyproject on
# every test run.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d "${TMPDIR:-/tmp}/analysis-extra.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q ".[analysis]"
export PREFECT_HOME="$work/prefect" PREFECT_SERVER_ANALYTICS_ENABLED=false
(cd "$work" && venv/bin/etl demo --data-dir demo >/dev/null && venv/bin/etl export --data-dir demo --out demo/export >/dev/null)
"$work/venv/bin/python" - "$work/demo" <<'EOF'
import re
import sys
from pathlib import Path

data = sys.argv[1]
examples = re.findall(r"```python\n(.*?)```", Path("docs/analysts.md").read_text(encoding="utf-8"), flags=re.S)
for i, code in enumerate(examples, 1):
    exec(compile(code.replace('DATA = "data/demo"', f'DATA = "{data}"'), f"analysts.md example {i}", "exec"), {})
print(f"analysis extra: all {len(examples)} examples of docs/analysts.md ran")
EOF
