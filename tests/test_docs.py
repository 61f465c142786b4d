"""The data dictionary documents every column of every table, with the contract's types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl import store

DICTIONARY = Path(__file__).parents[1] / "docs" / "data-dictionary.md"
TABLES = {"curated/articles": store.ARTICLES_SCHEMA, "curated/mentions": store.MENTIONS_SCHEMA,
          "curated/article_versions": store.ARTICLE_VERSIONS_SCHEMA,
          "curated/quarantine": store.QUARANTINE_SCHEMA, "curated/dq_results": store.DQ_RESULTS_SCHEMA,
          "curated/runs": store.RUNS_SCHEMA, "raw/fetch_log": store.FETCH_LOG_SCHEMA}


def _documented_columns() -> dict[str, list[str]]:
    sections = re.split(r"^## ", DICTIONARY.read_text(encoding="utf-8"), flags=re.M)[1:]
    out = {}
    for section in sections:
        name = re.match(r"`([^`]+)`", section).group(1)
        out[name] = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)
    return out


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_documented_in_order(table: str) -> None:
    assert _documented_columns()[table] == list(TABLES[table])


def test_readme_documents_every_politeness_setting() -> None:
    from etl.settings import FetchSettings

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Politeness defaults", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    assert FetchSettings.field_names() <= documented, FetchSettings.field_names() - documented
