"""Score people and document extraction on the hand-labelled corpus in tests/mentions/cases.

Run ``python benchmarks/bench_mentions.py``: prints recall and precision per field for the
development cases (``dev*``) and the held-out cases (``held*``, written after the extractor
was finished, never tuned on), then the cases that still differ from their labels.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.extract.documents import extract_documents
from etl.extract.people import extract_people

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "mentions" / "cases"
FIELDS = ("names", "positions", "codes", "types", "dates")


@dataclass
class Tally:
    """True positives and the two denominators of one field."""

    tp: int = 0
    expected: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0


@dataclass
class Score:
    """Tallies per field over a set of cases, and what each failing case got wrong."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    failures: dict[str, list[str]] = field(default_factory=dict)
    cases: int = 0
    seconds: float = 0.0


def load_cases(directory: Path = CASES_DIR, prefix: str = "") -> list[dict]:
    """Every case file whose name starts with ``prefix``, in name order."""
    return [json.loads(p.read_text("utf-8")) for p in sorted(directory.glob(f"{prefix}*.json"))]


def _add(tally: Tally, expected: set, predicted: set) -> tuple[set, set]:
    tally.tp += len(expected & predicted)
    tally.expected += len(expected)
    tally.predicted += len(predicted)
    return expected - predicted, predicted - expected


def score(cases: list[dict]) -> Score:
    """Run both extractors on every case and compare with its labels."""
    result = Score(cases=len(cases))
    for case in cases:
        started = time.perf_counter()
        people = extract_people(case["paragraphs"])
        docs = extract_documents(case["paragraphs"], default_year=case.get("default_year"))
        result.seconds += time.perf_counter() - started
        exp_docs = case["documents"]
        got = {
            "names": {p.name for p in people},
            "positions": {(p.name, p.position) for p in people if p.position},
            "codes": {d.code for d in docs},
            "types": {(d.code, d.type) for d in docs},
            "dates": {(d.code, d.date.isoformat()) for d in docs if d.date},
        }
        want = {
            "names": {p["name"] for p in case["people"]},
            "positions": {(p["name"], p["position"]) for p in case["people"] if p["position"]},
            "codes": {d["code"] for d in exp_docs},
            "types": {(d["code"], d["type"]) for d in exp_docs},
            "dates": {(d["code"], date.fromisoformat(d["date"]).isoformat()) for d in exp_docs if d["date"]},
        }
        problems = []
        for name in FIELDS:
            missing, extra = _add(result.tallies[name], want[name], got[name])
            if missing or extra:
                problems.append(f"{name}: missing {sorted(missing)} extra {sorted(extra)}")
        if problems:
            result.failures[case["id"]] = problems
    return result


def _report(title: str, s: Score) -> None:
    print(f"\n{title}: {s.cases} cases, {1000 * s.seconds / max(s.cases, 1):.2f} ms/article")
    print(f"{'field':<10} {'recall':>7} {'precision':>9} {'tp':>5} {'exp':>5} {'pred':>5}")
    for name, t in s.tallies.items():
        print(f"{name:<10} {t.recall:>7.3f} {t.precision:>9.3f} {t.tp:>5} {t.expected:>5} {t.predicted:>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES_DIR)
    args = parser.parse_args(argv)
    parts = {"dev": score(load_cases(args.cases, "dev")), "held-out": score(load_cases(args.cases, "held"))}
    parts["all"] = score(load_cases(args.cases))
    for title, s in parts.items():
        _report(title, s)
    failures = parts["all"].failures
    print(f"\nfailing cases: {len(failures)}")
    for case_id, problems in failures.items():
        print(f"- {case_id}")
        for line in problems:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
