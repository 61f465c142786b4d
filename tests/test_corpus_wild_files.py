"""Consistency of the held-out "wild" corpus (tests/corpus_wild).

The wild corpus is hand-written, independent of the extractor and of tests/corpus: messy pages in
layouts the extractor was not built against. These tests never run the extractor; they check that
every page has an expected JSON with the required keys, that expected text is NFC with folded
whitespace, that every expected body paragraph, caption, title, author, person and document code is
visible text of the page, and that captions are never body paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_checks import check_expected, load_expected

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "tests" / "corpus_wild"
GENERATED_LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap"}

PAGES = sorted(WILD.glob("*/*.html"))


def test_wild_corpus_size_and_layouts():
    layouts: dict[str, list[Path]] = {}
    for p in PAGES:
        layouts.setdefault(p.parent.name, []).append(p)
    assert len(PAGES) >= 24
    assert len(layouts) >= 10
    assert not set(layouts) & GENERATED_LAYOUTS, "wild layouts must differ from the generated corpus"
    assert (WILD / "README.md").exists()
    # no orphan expected files
    for j in WILD.glob("*/*.json"):
        assert j.with_suffix(".html").exists(), f"expected JSON without page: {j}"
    titles = [load_expected(p)["title"] for p in PAGES]
    assert len(set(titles)) == len(titles), "each wild page is a distinct article"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_wild_page(page: Path):
    assert page.with_suffix(".json").exists(), f"no expected JSON beside {page}"
    exp = load_expected(page)
    check_expected(exp, page.read_text(encoding="utf-8"))
    assert exp["layout"] == page.parent.name and exp["adapter"] is None
    body = exp["body"]
    assert len(set(body)) == len(body), "duplicate body paragraph"
    for im in exp["images"]:
        assert im["alt"] is None or (im["alt"] and im["alt"] == im["alt"].strip())
    urls = [im["url"] for im in exp["images"]]
    assert len(set(urls)) == len(urls), "an image listed twice"


def test_wild_corpus_is_independent_of_the_extractor():
    """The wild corpus must not be produced by the corpus generator or by the extractor."""
    for p in PAGES:
        html = p.read_text(encoding="utf-8")
        assert "tools/build_corpus.py" not in html
    import ast

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(a.name.split(".")[0] == "etl" for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] != "etl"
