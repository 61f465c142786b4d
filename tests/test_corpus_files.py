"""Consistency of the fixture corpus itself (tests/corpus and src/etl/fixtures/site).

These tests never run the extractor: they check that every page has an expected JSON with the
required keys, that expected bodies are NFC with folded whitespace, and that expected captions
and body paragraphs are visible text of the page while captions are not body paragraphs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SITE = ROOT / "src" / "etl" / "fixtures" / "site"

REQUIRED = {"url", "layout", "adapter", "title", "published_at", "event_date", "location", "author",
            "body", "images", "people", "documents"}
LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap"}
ADAPTERS = {"mic", "thanhhoa"}

CORPUS_PAGES = sorted(CORPUS.glob("*/*.html"))
SITE_PAGES = sorted(SITE.glob("*/expected/*.json"))


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def page_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return fold(soup.get_text(""))


def check_expected(exp: dict, html: str, *, absolute: bool) -> None:
    assert REQUIRED <= exp.keys(), REQUIRED - exp.keys()
    assert exp["layout"] in LAYOUTS
    assert exp["adapter"] in (None, *ADAPTERS)
    assert (exp["adapter"] is not None) == (exp["layout"] in ADAPTERS)
    if absolute:
        assert re.match(r"https?://[^/]+/", exp["url"])
    else:
        assert exp["url"].startswith("/")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00", exp["published_at"])
    assert exp["event_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", exp["event_date"])
    assert isinstance(exp["body"], list) and len(exp["body"]) >= 4
    text = page_text(html)
    assert fold(exp["title"]) == exp["title"] and exp["title"] in text
    for p in exp["body"]:
        assert p == unicodedata.normalize("NFC", p), "body not NFC"
        assert p == fold(p), f"whitespace not folded: {p[:60]!r}"
        assert p, "empty paragraph"
        assert p in text, f"body paragraph not in page text: {p[:80]!r}"
    if exp["location"]:
        assert "tại " + exp["location"] in exp["body"][0]
    if exp["author"]:
        assert exp["author"] in text and exp["author"] not in exp["body"]
    for im in exp["images"]:
        assert set(im) == {"url", "alt", "caption"}
        if absolute:
            assert re.match(r"https?://[^/]+/", im["url"]), im["url"]
        else:
            assert im["url"].startswith("/"), im["url"]
        if im["caption"]:
            assert im["caption"] == fold(im["caption"])
            assert im["caption"] in text, f"caption not in page: {im['caption']!r}"
            assert im["caption"] not in exp["body"], "caption is also a body paragraph"
            assert not any(p.startswith(im["caption"]) for p in exp["body"])
    for person in exp["people"]:
        assert set(person) == {"name", "position"}
        assert person["name"] in text
    for doc in exp["documents"]:
        assert set(doc) == {"type", "code", "date"}
        assert doc["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", doc["date"])


def test_corpus_size_and_layouts():
    layouts = {}
    for p in CORPUS_PAGES:
        layouts.setdefault(p.parent.name, []).append(p)
    assert len(CORPUS_PAGES) >= 48
    assert LAYOUTS <= set(layouts)
    unknown = sum(len(v) for k, v in layouts.items() if k not in ADAPTERS)
    assert unknown >= 30
    articles = {json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["article_id"] for p in CORPUS_PAGES}
    assert len(articles) >= 24


@pytest.mark.parametrize("page", CORPUS_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_page(page: Path):
    exp_path = page.with_suffix(".json")
    assert exp_path.exists(), f"no expected JSON beside {page}"
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    assert exp["layout"] == page.parent.name
    check_expected(exp, page.read_text(encoding="utf-8"), absolute=True)


@pytest.mark.parametrize("site", ["mic", "thanhhoa", "nghean"])
def test_site_routes(site: str):
    folder = SITE / site
    routes = json.loads((folder / "routes.json").read_text(encoding="utf-8"))
    assert (folder / "robots.txt").exists()
    for path, fname in routes.items():
        assert path.startswith("/"), path
        assert (folder / fname).exists(), fname
    articles = list((folder / "expected").glob("*.json"))
    assert len(articles) >= (10 if site != "nghean" else 5)
    served = set(routes.values())
    for exp_path in articles:
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        fname = exp_path.stem + ".html"
        assert fname in served
        assert routes[exp["url"]] == fname


@pytest.mark.parametrize("exp_path", SITE_PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_site_page(exp_path: Path):
    html = (exp_path.parent.parent / (exp_path.stem + ".html")).read_text(encoding="utf-8")
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    check_expected(exp, html, absolute=False)
    # every link on a fixture page is root-relative, off-site, or a fragment/javascript
    soup = BeautifulSoup(html, "lxml")
    for a in soup.find_all("a", href=True):
        href = a["href"]
        assert href.startswith(("/", "#", "javascript:", "https://", "http://", "?")), href
        if href.startswith("http"):
            assert "127.0.0.1" not in href and "localhost" not in href


def test_generated_files_up_to_date():
    """The committed pages are exactly what tools/build_corpus.py generates from the article data."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, str(ROOT / "tools" / "build_corpus.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
