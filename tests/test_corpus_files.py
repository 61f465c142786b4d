"""Consistency of the fixture corpus itself (tests/corpus and src/etl/fixtures/site).

These tests never run the extractor: they check that every page has an expected JSON with the
required keys, that expected bodies are NFC with folded whitespace, and that expected captions
and body paragraphs are visible text of the page while captions are not body paragraphs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from corpus_checks import check_expected

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SITE = ROOT / "src" / "etl" / "fixtures" / "site"

LAYOUTS = {"mic", "thanhhoa", "wordpress", "newscms", "aspnet", "printbar", "bootstrap"}
ADAPTERS = {"mic", "thanhhoa"}

CORPUS_PAGES = sorted(CORPUS.glob("*/*.html"))
SITE_PAGES = sorted(SITE.glob("*/expected/*.json"))


def check_layout(exp: dict) -> None:
    assert exp["layout"] in LAYOUTS
    assert exp["adapter"] in (None, *ADAPTERS)
    assert (exp["adapter"] is not None) == (exp["layout"] in ADAPTERS)


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
    check_layout(exp)
    check_expected(exp, page.read_text(encoding="utf-8"), min_paragraphs=4)


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
    check_layout(exp)
    check_expected(exp, html, absolute=False, min_paragraphs=4)
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
