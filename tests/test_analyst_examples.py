"""Every Python example in docs/analysts.md runs against a freshly collected data dir.

They must also run under exactly ``pip install '.[analysis]'``: every module they import is the
standard library's or comes with the base install or the ``analysis`` extra (read from pyproject).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from conftest import run_without_prefect

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "analysts.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def data_dir(fixture_sites, tmp_path_factory) -> Path:
    from etl.fixtures.site import write_demo_sources

    base = tmp_path_factory.mktemp("analysts")
    config = write_demo_sources(fixture_sites, base / "sources.toml")
    data = base / "data"
    run_without_prefect(config, data, ["mic", "nghean"])
    run_without_prefect(config, data, ["thanhhoa"])
    from etl.export import export_current

    export_current(data, data / "export")
    return data


def test_there_are_examples_for_each_tool() -> None:
    text = "\n".join(EXAMPLES)
    assert len(EXAMPLES) >= 5
    for needle in ("pl.read_delta", "duckdb.sql", "to_pandas", "version=0", "version=as_of", "mentions"):
        assert needle in text


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_example_runs(index: int, data_dir: Path, capsys) -> None:
    code = EXAMPLES[index].replace('DATA = "data/demo"', f'DATA = "{data_dir}"')
    assert str(data_dir) in code
    exec(compile(code, f"analysts.md example {index + 1}", "exec"), {})
    assert capsys.readouterr().out.strip()


def _name(requirement: str) -> str:
    """'pandas>=2.2' / 'pandera[polars]>=0.35' → 'pandas' / 'pandera', normalised like pip does."""
    return re.split(r"[\[<>=!~; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _installed_with(names: set[str]) -> set[str]:
    """The distributions these bring along (their own requirements, recursively, as pip installs them)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            deps = requires(name) or []
        except Exception:  # noqa: BLE001 - a requirement not installed here cannot be followed
            continue
        todo += [_name(d) for d in deps if "extra ==" not in d]
    return seen


def test_examples_import_only_what_the_analysis_extra_installs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = {_name(r) for r in project["optional-dependencies"]["analysis"]}
    assert {"duckdb", "pandas", "matplotlib"} <= extra
    provided = _installed_with({_name(r) for r in project["dependencies"]} | extra)
    owners = packages_distributions()
    imported = set()
    for code in EXAMPLES:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert {"polars", "duckdb", "pandas", "deltalake"} <= imported
    for module in imported - set(sys.stdlib_module_names):
        dists = {_name(d) for d in owners.get(module, [])}
        assert dists & provided, f"docs/analysts.md imports {module!r}, which the analysis extra does not install"
    # pandas is also used without an import: polars' to_pandas() needs it.
    if "to_pandas" in "\n".join(EXAMPLES):
        assert "pandas" in extra
