"""What every expected-extraction JSON of every corpus must satisfy, whoever wrote it.

Shared by the consistency tests of tests/corpus (generated), tests/corpus_wild and
tests/corpus_holdout (hand-written). They never run the extractor: they check that the expected
output is something a reader of the page would write (visible text, NFC, folded whitespace,
captions apart from the body), so a score against it means what it says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

REQUIRED = {"url", "layout", "adapter", "title", "published_at", "event_date", "location", "author",
            "body", "images", "people", "documents"}
ABSOLUTE = re.compile(r"https?://[^/]+/")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_text(html: str) -> str:
    """What a reader sees, folded: no script/style/template text, ``<br>`` as a space."""
    soup = BeautifulSoup(html, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return fold(soup.get_text(""))


def load_expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def check_expected(exp: dict, html: str, *, absolute: bool = True, min_paragraphs: int = 3) -> str:
    """Assert the corpus-independent rules; return the page's visible text for further checks."""
    assert REQUIRED <= exp.keys(), REQUIRED - exp.keys()
    assert ABSOLUTE.match(exp["url"]) if absolute else exp["url"].startswith("/"), exp["url"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", exp["published_at"]), exp["published_at"]
    assert exp["event_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", exp["event_date"])
    assert exp["event_date"] is None or exp["event_date"] <= exp["published_at"][:10], "event after publication"
    text = page_text(html)
    assert exp["title"] == fold(exp["title"]) and exp["title"] in text

    body = exp["body"]
    assert isinstance(body, list) and len(body) >= min_paragraphs
    for p in body:
        assert p, "empty paragraph"
        assert p == unicodedata.normalize("NFC", p), f"body not NFC: {p[:60]!r}"
        assert p == fold(p), f"whitespace not folded: {p[:60]!r}"
        assert p in text, f"body paragraph not in page text: {p[:80]!r}"
    if exp["location"]:
        assert "tại " + exp["location"] in body[0]
    if exp["author"]:
        assert exp["author"] == fold(exp["author"]) and exp["author"] in text
        assert exp["author"] not in body

    for im in exp["images"]:
        assert set(im) == {"url", "alt", "caption"}
        assert ABSOLUTE.match(im["url"]) if absolute else im["url"].startswith("/"), im["url"]
        if im["caption"]:
            cap = im["caption"]
            assert cap == fold(cap), f"caption not folded: {cap!r}"
            assert cap in text, f"caption not in page: {cap!r}"
            assert cap not in body, "caption is also a body paragraph"
            assert not any(p.startswith(cap) for p in body), f"a body paragraph starts with a caption: {cap!r}"

    squeezed = re.sub(r"\s+", "", text)
    for person in exp["people"]:
        assert set(person) == {"name", "position"}
        assert person["name"] in text, person["name"]
    for doc in exp["documents"]:
        assert set(doc) == {"type", "code", "date"}
        assert doc["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", doc["date"])
        assert " " not in doc["code"] and doc["code"] in squeezed, doc["code"]
    return text
