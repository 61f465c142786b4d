"""Consistency of the hand-written fifth test set (tests/corpus_fifth).

The pages are written by hand, in layouts nobody tuned the extractor on, and the expected JSON
beside each page is what a human reader sees.  These tests never run the extractor: they check
every page against the shared rules of tests/corpus_checks.py (required keys, well-formed dates,
visible text, NFC, folded whitespace, captions apart from the body) plus the extras of this set:
its size, layouts that no other corpus uses, a README entry for every layout and unique article
ids.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from corpus_checks import check_expected, load_expected

ROOT = Path(__file__).resolve().parent.parent
FIFTH = ROOT / "tests" / "corpus_fifth"
PAGES = sorted(FIFTH.glob("*/*.html"))
OTHER_CORPORA = [d for d in sorted((ROOT / "tests").glob("corpus*"))
                 if d.is_dir() and d.name != "corpus_fifth"]

# the layouts of the other corpora when this set was written; the folders are read as well
KNOWN_LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap",
                 "amp", "bs5portal", "dnnmodule", "drupal7", "enewspaper", "fontbr", "joomla",
                 "ogheadline", "photocms", "sharepoint", "tablecaption", "blogspot", "chinhphu",
                 "congttdt", "figurecredit", "footdate", "justifydiv", "liferay7", "mediaembed",
                 "nextjs", "phptable", "richtext", "courtsource", "elementor", "html5section",
                 "inlinerelated", "lazyimg", "newsletter", "partysite", "policenews",
                 "speechquote", "twocolumn", "vnptportal", "wordsdate", "broadcaster", "congdoan",
                 "encodedtext", "googlesites", "hospitalgallery", "jspsoup", "kickertitle",
                 "lightboxcaption", "quochoi", "staticgen", "topbyline", "tourismmap"}


def _used_layouts() -> set[str]:
    used = set(KNOWN_LAYOUTS)
    for corpus in OTHER_CORPORA:
        if corpus.is_dir():
            used |= {d.name for d in corpus.iterdir() if d.is_dir() and not d.name.startswith((".", "_"))}
    return used


def _layouts() -> dict[str, int]:
    layouts: dict[str, int] = {}
    for p in PAGES:
        layouts[p.parent.name] = layouts.get(p.parent.name, 0) + 1
    return layouts


def test_fifth_size_and_layouts():
    layouts = _layouts()
    assert len(PAGES) >= 20, len(PAGES)
    assert len(layouts) >= 10, layouts
    assert not (set(layouts) & _used_layouts()), set(layouts) & _used_layouts()
    for j in FIFTH.glob("*/*.json"):
        assert j.with_suffix(".html").exists(), f"stray JSON without its page: {j}"


def test_fifth_layouts_described_in_readme():
    readme = (FIFTH / "README.md").read_text(encoding="utf-8")
    for name, count in _layouts().items():
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{name}` |")]
        assert rows, f"layout {name} has no row in the README table"
        assert rows[0].split("|")[2].strip() == str(count), f"page count of {name} in the README"


def test_fifth_article_ids_unique():
    ids = [load_expected(p).get("article_id") for p in PAGES]
    assert all(isinstance(i, str) and i for i in ids), ids
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fifth_page(page: Path):
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
