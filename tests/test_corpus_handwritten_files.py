"""Consistency of the hand-written held-out sets written last: corpus_final, corpus_last, corpus_fifth.

Each was written by someone who never saw the extractor, in layouts nobody had tuned it on, and
was measured once before any tuning (the figures are in the commit history and the closing notes).
These tests never run the extractor: they check every page against the shared rules of
tests/corpus_checks.py plus the extras these sets promise: their size, layouts no other corpus
uses, a README row for every layout with its page count, unique article ids.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from corpus_checks import check_expected, load_expected

TESTS = Path(__file__).resolve().parent
CORPORA = ("corpus_final", "corpus_last", "corpus_fifth", "corpus_web")
PAGES = [p for name in CORPORA for p in sorted((TESTS / name).glob("*/*.html"))]


def _layouts(corpus: str) -> dict[str, int]:
    layouts: dict[str, int] = {}
    for p in (TESTS / corpus).glob("*/*.html"):
        layouts[p.parent.name] = layouts.get(p.parent.name, 0) + 1
    return layouts


@pytest.mark.parametrize("corpus", CORPORA)
def test_size_and_layouts_of_its_own(corpus: str) -> None:
    layouts = _layouts(corpus)
    assert sum(layouts.values()) >= 20 and len(layouts) >= 10, layouts
    others = {
        d.name for c in TESTS.glob("corpus*") if c.is_dir() and c.name != corpus for d in c.iterdir() if d.is_dir()
    }
    assert not set(layouts) & others, set(layouts) & others
    for j in (TESTS / corpus).glob("*/*.json"):
        assert j.with_suffix(".html").exists(), f"stray JSON without its page: {j}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_layouts_described_in_readme(corpus: str) -> None:
    readme = (TESTS / corpus / "README.md").read_text(encoding="utf-8")
    for name, count in _layouts(corpus).items():
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{name}` |")]
        assert rows, f"layout {name} has no row in the README table"
        assert rows[0].split("|")[2].strip() == str(count), f"page count of {name} in the README"


def test_article_ids_unique() -> None:
    ids = [load_expected(p).get("article_id") for p in PAGES]
    assert all(isinstance(i, str) and i for i in ids), ids
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.stem}")
def test_page(page: Path) -> None:
    assert page.with_suffix(".json").exists(), f"no expected JSON beside {page}"
    exp = load_expected(page)
    html = page.read_text(encoding="utf-8")
    check_expected(exp, html, min_paragraphs=4)
    assert exp["layout"] == page.parent.name and exp["adapter"] is None
    assert "canonical_url" in exp
    body = exp["body"]
    assert len(body) <= 40
    for field in ("title", "author", "location"):
        if exp[field]:
            assert exp[field] == unicodedata.normalize("NFC", exp[field]), f"{field} not NFC"
    if exp["author"]:
        assert exp["author"].lower() != "admin", "the account name is not an author"
        assert not any(p.endswith(exp["author"]) for p in body), "signature left in body"
    for im in exp["images"]:
        assert im["alt"] is None or im["alt"].strip(), "empty alt must be null"
        assert not im["url"].startswith("data:") and not im["url"].endswith((".gif", "blank.png")), im["url"]
        if im["caption"]:
            assert im["caption"] == unicodedata.normalize("NFC", im["caption"]), "caption not NFC"
            assert not any(im["caption"].startswith(p) for p in body), "caption overlaps a body paragraph"
    urls = [im["url"] for im in exp["images"]]
    assert len(urls) == len(set(urls)), "an image listed twice"
    names = [p["name"] for p in exp["people"]]
    assert len(names) == len(set(names))
    for name in names:
        assert any(name in p for p in body), f"person not named in the body: {name}"
    codes = [d["code"] for d in exp["documents"]]
    assert len(codes) == len(set(codes))
    for doc in exp["documents"]:
        assert any(doc["type"] in p for p in body), doc
        assert any(doc["code"] in "".join(p.split()) for p in body), f"code not in the body: {doc}"
    assert not any(p.lstrip().startswith("#") for p in body), "hashtag line left in body"
    link = BeautifulSoup(html, "lxml").find("link", rel="canonical")
    if exp["canonical_url"]:
        assert link is not None and link["href"] == exp["canonical_url"]
    else:
        assert link is None, "the page declares a canonical URL"
