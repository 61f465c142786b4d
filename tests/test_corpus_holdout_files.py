"""Consistency of the hand-written held-out corpus (tests/corpus_holdout).

The held-out pages are written by hand, in layouts nobody tuned the extractor on; the expected
JSON beside each page is what a human reader sees.  These tests never run the extractor: they
check that every page has its expected JSON with the required keys and well-formed values, that
every expected body paragraph and image caption is visible text of the page after whitespace
folding, that no caption is also a body paragraph, and that the corpus keeps its size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from corpus_checks import check_expected, load_expected

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "corpus_holdout"
PAGES = sorted(HOLDOUT.glob("*/*.html"))

# layouts of tests/corpus and tests/corpus_wild: the held-out set must not reuse them
USED_LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap",
                "amp", "bs5portal", "dnnmodule", "drupal7", "enewspaper", "fontbr", "joomla",
                "ogheadline", "photocms", "sharepoint", "tablecaption"}


def test_holdout_size_and_layouts():
    layouts: dict[str, int] = {}
    for p in PAGES:
        layouts[p.parent.name] = layouts.get(p.parent.name, 0) + 1
    assert len(PAGES) >= 20, len(PAGES)
    assert len(layouts) >= 10, layouts
    assert not (set(layouts) & USED_LAYOUTS), set(layouts) & USED_LAYOUTS
    # every layout is described in the README
    readme = (HOLDOUT / "README.md").read_text(encoding="utf-8")
    for name in layouts:
        assert f"`{name}`" in readme, name
    # no stray JSON without its page
    for j in HOLDOUT.glob("*/*.json"):
        assert j.with_suffix(".html").exists(), j


def test_holdout_article_ids_unique():
    ids = [load_expected(p).get("article_id") for p in PAGES]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_holdout_page(page: Path):
    assert page.with_suffix(".json").exists(), f"no expected JSON beside {page}"
    exp = load_expected(page)
    html = page.read_text(encoding="utf-8")
    check_expected(exp, html, min_paragraphs=4)
    assert exp["layout"] == page.parent.name and exp["adapter"] is None
    body = exp["body"]
    assert len(body) <= 40
    if exp["author"]:
        assert not any(p.endswith(exp["author"]) for p in body), "signature left in body"
    for im in exp["images"]:
        assert im["alt"] is None or im["alt"].strip(), "empty alt must be null"
        if im["caption"]:
            assert not any(im["caption"].startswith(p) for p in body), "caption overlaps a body paragraph"
    names = [p["name"] for p in exp["people"]]
    assert len(names) == len(set(names))
    for name in names:
        assert any(name in p for p in body), f"person not named in the body: {name}"
    codes = [d["code"] for d in exp["documents"]]
    assert len(codes) == len(set(codes))
    for doc in exp["documents"]:
        assert any(doc["type"] in p for p in body), doc
    if exp.get("canonical_url"):
        link = BeautifulSoup(html, "lxml").find("link", rel="canonical")
        assert link is not None and link["href"] == exp["canonical_url"]
