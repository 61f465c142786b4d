"""Quality floors on pages no adapter knows (the corpus's unknown layouts, the hand-written
wild, holdout and final corpora of layouts the extractor was not built against, and our own tricky
pages) and on the launch samples, with and without their adapter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring import PageScore, aggregate, article_to_dict, load_corpus, score_page  # noqa: E402

from etl.extract import extract_article  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = ROOT / "tests" / "corpus"
WILD = ROOT / "tests" / "corpus_wild"
HOLDOUT = ROOT / "tests" / "corpus_holdout"
FINAL = ROOT / "tests" / "corpus_final"
LAST = ROOT / "tests" / "corpus_last"
FIFTH = ROOT / "tests" / "corpus_fifth"
FLOORS = {
    "body_token_f1": 0.99,
    "para_precision": 0.95,
    "caption_f1": 0.95,
    "title": 0.97,
    "published_at": 0.95,
    "event_date": 0.9,
    "author": 0.95,
    "location": 0.9,
}
MAX_CAPTION_LEAK = 0.02


def _pages(folder: Path, *, adapters: bool) -> list[tuple[Path, dict]]:
    return [(p, g) for p, g in load_corpus(folder) if bool(g.get("adapter")) == adapters]


def _own_pages(folder: Path) -> list[tuple[Path, dict]]:
    import json

    return [
        (j.with_suffix(".html"), json.loads(j.read_text(encoding="utf-8")))
        for j in sorted(folder.glob("*.json"))
        if j.with_suffix(".html").exists()
    ]


def _scores(pages: list[tuple[Path, dict]], *, use_adapter: bool) -> list[PageScore]:
    out = []
    for path, gold in pages:
        adapter = gold.get("adapter") if use_adapter else None
        art = extract_article(path.read_bytes(), gold["url"], adapter)
        out.append(score_page(article_to_dict(art), gold))
    return out


def _check(scores: list[PageScore], floors: dict[str, float] = FLOORS) -> None:
    agg = aggregate(scores)
    failing = {k: round(agg[k], 3) for k, floor in floors.items() if agg[k] is not None and agg[k] < floor}
    if agg["caption_leak"] > MAX_CAPTION_LEAK:
        failing["caption_leak"] = round(agg["caption_leak"], 3)
    assert not failing, f"below floor on {len(scores)} pages: {failing}"


#: The hand-written corpora of layouts no adapter knows, each scored against the floors.
HANDWRITTEN = {"wild": WILD, "holdout": HOLDOUT, "final": FINAL, "last": LAST, "fifth": FIFTH}


def _present(pages: list, folder: Path) -> list:
    """The pages of a corpus whose floor is asserted; a missing or empty corpus fails the floor
    (a skipped floor would pass silently when a folder is renamed or lost)."""
    assert pages, f"{folder.relative_to(ROOT)}: no pages to check the quality floor on"
    return pages


def test_unknown_layouts_of_the_corpus() -> None:
    _check(_scores(_present(_pages(CORPUS, adapters=False), CORPUS), use_adapter=False))


@pytest.mark.parametrize("name", sorted(HANDWRITTEN))
def test_unknown_layouts_of_a_handwritten_corpus(name: str) -> None:
    pages = _present(load_corpus(HANDWRITTEN[name]), HANDWRITTEN[name])
    assert not any(g.get("adapter") for _, g in pages)
    _check(_scores(pages, use_adapter=False))


WEB = ROOT / "tests" / "corpus_web"
#: corpus_web (issue 11) after the field rules and the body rules, measured with bench_extract:
#: location 0.952 (two places after "tại" run on into the verb), every other field 1.000. Floors a
#: little under those figures; its first-contact figures are in tests/corpus_web/FIRST_CONTACT.md.
WEB_FLOORS = {"body_token_f1": 0.99, "para_precision": 0.97, "caption_f1": 0.95, "title": 0.97, "published_at": 0.97,
              "event_date": 0.95, "author": 0.97, "location": 0.9}


def test_unknown_layouts_of_the_web_corpus() -> None:
    pages = _present(load_corpus(WEB), WEB)
    assert not any(g.get("adapter") for _, g in pages)
    _check(_scores(pages, use_adapter=False), WEB_FLOORS)


def test_a_missing_corpus_fails_its_floor() -> None:
    with pytest.raises(AssertionError, match="no pages"):
        _present(load_corpus(ROOT / "tests" / "corpus_that_is_not_there"), ROOT / "tests" / "corpus_that_is_not_there")


def test_own_tricky_pages() -> None:
    _check(_scores(_present(_own_pages(HERE / "pages"), HERE / "pages"), use_adapter=False))


@pytest.mark.parametrize("use_adapter", [True, False], ids=["adapter", "generic"])
def test_launch_samples(use_adapter: bool) -> None:
    pages = _own_pages(HERE / "samples")
    assert len(pages) == 4
    scores = _scores(pages, use_adapter=use_adapter)
    _check(scores)
    assert all(s.token_f1 == 1.0 and s.para_pred == s.para_pred_ok == s.para_gold for s in scores)


@pytest.mark.parametrize("use_adapter", [True, False], ids=["adapter", "generic"])
def test_adapter_layouts_of_the_corpus(use_adapter: bool) -> None:
    pages = _present(_pages(CORPUS, adapters=True), CORPUS)
    _check(_scores(pages, use_adapter=use_adapter))
