"""Consistency of the hand-written held-out corpus (tests/corpus_holdout).

The held-out pages are written by hand, in layouts nobody tuned the extractor on; the expected
JSON beside each page is what a human reader sees.  These tests never run the extractor: they
check that every page has its expected JSON with the required keys and well-formed values, that
every expected body paragraph and image caption is visible text of the page after whitespace
folding, that no caption is also a body paragraph, and that the corpus keeps its size.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "corpus_holdout"
PAGES = sorted(HOLDOUT.glob("*/*.html"))

REQUIRED = {"url", "layout", "adapter", "title", "published_at", "event_date", "location", "author",
            "body", "images", "people", "documents"}
# layouts of tests/corpus and tests/corpus_wild: the held-out set must not reuse them
USED_LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap",
                "amp", "bs5portal", "dnnmodule", "drupal7", "enewspaper", "fontbr", "joomla",
                "ogheadline", "photocms", "sharepoint", "tablecaption"}


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def page_text(html: str) -> str:
    """What a reader sees, folded: no script/style/template text, <br> as a space."""
    soup = BeautifulSoup(html, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return fold(soup.get_text(""))


def load(page: Path) -> dict:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


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
    ids = [load(p).get("article_id") for p in PAGES]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_holdout_page(page: Path):
    exp_path = page.with_suffix(".json")
    assert exp_path.exists(), f"no expected JSON beside {page}"
    exp = load(page)
    html = page.read_text(encoding="utf-8")
    text = page_text(html)

    assert REQUIRED <= exp.keys(), REQUIRED - exp.keys()
    assert exp["layout"] == page.parent.name
    assert exp["adapter"] is None
    assert re.match(r"https?://[^/]+/", exp["url"]), exp["url"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", exp["published_at"]), exp["published_at"]
    assert exp["event_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", exp["event_date"])
    if exp["event_date"]:
        assert exp["event_date"] <= exp["published_at"][:10], "event after publication"

    assert exp["title"] == fold(exp["title"]) and exp["title"] in text

    body = exp["body"]
    assert isinstance(body, list) and 4 <= len(body) <= 40
    for p in body:
        assert p, "empty paragraph"
        assert p == unicodedata.normalize("NFC", p), f"body not NFC: {p[:60]!r}"
        assert p == fold(p), f"whitespace not folded: {p[:60]!r}"
        assert p in text, f"body paragraph not in page text: {p[:80]!r}"

    if exp["location"]:
        assert "tại " + exp["location"] in body[0]
    if exp["author"]:
        assert exp["author"] == fold(exp["author"])
        assert exp["author"] in text, exp["author"]
        assert exp["author"] not in body
        assert not any(p.endswith(exp["author"]) for p in body), "signature left in body"

    assert isinstance(exp["images"], list)
    for im in exp["images"]:
        assert set(im) == {"url", "alt", "caption"}
        assert re.match(r"https?://[^/]+/", im["url"]), im["url"]
        assert im["alt"] is None or im["alt"].strip(), "empty alt must be null"
        if im["caption"]:
            cap = im["caption"]
            assert cap == fold(cap) and cap == unicodedata.normalize("NFC", cap)
            assert cap in text, f"caption not in page: {cap!r}"
            assert cap not in body, "caption is also a body paragraph"
            assert not any(p.startswith(cap) or cap.startswith(p) for p in body), \
                f"caption overlaps a body paragraph: {cap!r}"

    for person in exp["people"]:
        assert set(person) == {"name", "position"}
        assert person["name"] in text, person["name"]
        assert any(person["name"] in p for p in body), f"person not named in the body: {person['name']}"
    names = [p["name"] for p in exp["people"]]
    assert len(names) == len(set(names))

    for doc in exp["documents"]:
        assert set(doc) == {"type", "code", "date"}
        assert doc["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", doc["date"])
        assert " " not in doc["code"], doc["code"]
        assert any(doc["type"] in p for p in body), doc
    codes = [d["code"] for d in exp["documents"]]
    assert len(codes) == len(set(codes))

    if exp.get("canonical_url"):
        soup = BeautifulSoup(html, "lxml")
        link = soup.find("link", rel="canonical")
        assert link is not None and link["href"] == exp["canonical_url"]
