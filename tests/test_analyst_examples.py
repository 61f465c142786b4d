"""Every Python example in docs/analysts.md runs against a freshly collected data dir."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_without_prefect

DOC = Path(__file__).parents[1] / "docs" / "analysts.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def data_dir(fixture_sites, tmp_path_factory) -> Path:
    from etl.fixtures.site import write_demo_sources

    base = tmp_path_factory.mktemp("analysts")
    config = write_demo_sources(fixture_sites, base / "sources.toml")
    data = base / "data"
    run_without_prefect(config, data, ["mic", "nghean"])
    run_without_prefect(config, data, ["thanhhoa"])
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
