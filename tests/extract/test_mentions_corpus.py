"""The hand-labelled mentions corpus meets its floors, and mentions flatten to rows."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from etl.extract.mentions import mention_rows
from etl.models import DocumentRef, Person

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "mentions" / "cases"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_mentions", ROOT / "benchmarks" / "bench_mentions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()
FLOORS = {"codes": 0.95, "names": 0.9, "dates": 0.9}


def test_corpus_is_large_enough() -> None:
    cases = bench.load_cases(CASES)
    assert len(cases) >= 30
    assert len(bench.load_cases(CASES, "held")) >= 10
    assert len({c["id"] for c in cases}) == len(cases)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floors_on_whole_corpus(field: str) -> None:
    tally = bench.score(bench.load_cases(CASES)).tallies[field]
    assert tally.expected > 0
    assert tally.recall >= FLOORS[field], f"{field} recall {tally.recall:.3f}"
    assert tally.precision >= FLOORS[field], f"{field} precision {tally.precision:.3f}"


def test_mention_rows() -> None:
    rows = mention_rows(
        "a1",
        [Person("Lê Hải Quân", "UV Ban Thường vụ")],
        [DocumentRef("Nghị quyết", "06-NQ/TU", date(2021, 11, 10))],
    )
    assert rows == [
        {"article_id": "a1", "kind": "person", "name": "Lê Hải Quân", "position": "UV Ban Thường vụ",
         "doc_type": None, "code": None, "doc_date": None},
        {"article_id": "a1", "kind": "document", "name": None, "position": None,
         "doc_type": "Nghị quyết", "code": "06-NQ/TU", "doc_date": date(2021, 11, 10)},
    ]
    assert mention_rows("a2", [], []) == []
