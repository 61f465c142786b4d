"""Consistency of the held-out "wild" corpus (tests/corpus_wild).

The wild corpus is hand-written, independent of the extractor and of tests/corpus: messy pages in
layouts the extractor was not built against. These tests never run the extractor; they check that
every page has an expected JSON with the required keys, that expected text is NFC with folded
whitespace, that every expected body paragraph, caption, title, author, person and document code is
visible text of the page, and that captions are never body paragraphs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT / "tests" / "corpus_wild"
GENERATED_LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap"}

REQUIRED = {"url", "layout", "adapter", "title", "published_at", "event_date", "location", "author",
            "body", "images", "people", "documents"}

PAGES = sorted(WILD.glob("*/*.html"))


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def page_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return fold(soup.get_text(""))


def load(page: Path) -> dict:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


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
    titles = [load(p)["title"] for p in PAGES]
    assert len(set(titles)) == len(titles), "each wild page is a distinct article"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_wild_page(page: Path):
    exp_path = page.with_suffix(".json")
    assert exp_path.exists(), f"no expected JSON beside {page}"
    exp = load(page)
    html = page.read_text(encoding="utf-8")
    assert REQUIRED <= exp.keys(), REQUIRED - exp.keys()
    assert exp["layout"] == page.parent.name
    assert exp["adapter"] is None
    assert re.match(r"https?://[^/]+/", exp["url"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00", exp["published_at"])
    assert exp["event_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", exp["event_date"])
    assert exp["event_date"] is None or exp["event_date"] <= exp["published_at"][:10]
    if exp.get("canonical_url") is not None:
        assert re.match(r"https?://[^/]+/", exp["canonical_url"])

    text = page_text(html)
    assert exp["title"] == fold(exp["title"]) and exp["title"] in text

    body = exp["body"]
    assert isinstance(body, list) and len(body) >= 3
    assert len(set(body)) == len(body), "duplicate body paragraph"
    for p in body:
        assert p, "empty paragraph"
        assert p == unicodedata.normalize("NFC", p), "body not NFC"
        assert p == fold(p), f"whitespace not folded: {p[:60]!r}"
        assert p in text, f"body paragraph not in page text: {p[:80]!r}"

    if exp["location"]:
        assert "tại " + exp["location"] in body[0]
    if exp["author"]:
        assert exp["author"] == fold(exp["author"])
        assert exp["author"] in text
        assert exp["author"] not in body

    for im in exp["images"]:
        assert set(im) == {"url", "alt", "caption"}
        assert re.match(r"https?://[^/]+/", im["url"]), im["url"]
        assert im["alt"] is None or (im["alt"] and im["alt"] == im["alt"].strip())
        if im["caption"]:
            cap = im["caption"]
            assert cap == fold(cap) and cap == unicodedata.normalize("NFC", cap)
            assert cap in text, f"caption not in page: {cap!r}"
            assert cap not in body, "caption is also a body paragraph"
            assert not any(p.startswith(cap) for p in body), "a body paragraph starts with a caption"
    urls = [im["url"] for im in exp["images"]]
    assert len(set(urls)) == len(urls), "an image listed twice"

    for person in exp["people"]:
        assert set(person) == {"name", "position"}
        assert person["name"] in text, person["name"]
    squeezed = re.sub(r"\s+", "", text)
    for doc in exp["documents"]:
        assert set(doc) == {"type", "code", "date"}
        assert doc["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", doc["date"])
        assert " " not in doc["code"]
        assert doc["code"] in squeezed, f"document code not on page: {doc['code']}"


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
