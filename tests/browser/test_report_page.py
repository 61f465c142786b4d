"""The demo's data report opened in headless Chromium, as an analyst opens it: from disk, offline.

``etl demo`` (the real Prefect flow) writes DATA_DIR/report.html; the browser must draw every chart
(a sized SVG with marks, the demo's sources named in it), render the embedded font for the
Vietnamese names, and ask for nothing but the file itself. A second night against the broken
fixture site adds quarantined pages, and ``etl report`` rebuilds the page with that chart drawn too.
Screenshots go to ``screenshots/report/`` (gitignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from etl import dashboard
from etl.cli import main

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.usefixtures("prefect_harness"),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not installed (apt-get install chromium; see scripts/browser-test.sh)",
    ),
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (bash scripts/bootstrap.sh browser)"
)

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "screenshots" / "report"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_SOURCES = ("mic", "nghean", "thanhhoa")

#: Per chart, in the page: its box, how many drawn marks it has, and the text of its labels.
INSPECT = """
id => {
  const el = document.querySelector(`#chart-${id}`);
  if (!el) return null;
  const svg = el.querySelector('svg');
  if (!svg) return {empty: el.dataset.empty === 'true', text: el.textContent};
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('path, rect, use')].filter(m => {
    const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length;
  const labels = [...svg.querySelectorAll('text')].map(t => t.textContent);
  return {width: box.width, height: box.height, marks, labels};
}
"""


def _open(page, report: Path, shot: Path) -> dict[str, dict]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    charts = {cid: page.evaluate(INSPECT, cid) for cid in dashboard.CHARTS}
    page.screenshot(path=str(shot), full_page=True)
    assert all(u.startswith(("file:", "data:")) for u in requests), f"the report asked the network: {requests}"
    return charts


def _assert_drawn(chart_id: str, chart: dict | None, names: tuple[str, ...]) -> None:
    assert chart is not None, f"chart {chart_id} missing from the page"
    assert "marks" in chart, f"chart {chart_id} not drawn: {chart}"
    assert chart["width"] > 300 and chart["height"] > 150, f"chart {chart_id} is {chart['width']}x{chart['height']}"
    assert chart["marks"] >= 5, f"chart {chart_id} has {chart['marks']} visible marks"
    shown = {n for n in names if any(n in label for label in chart["labels"])}
    assert shown, f"chart {chart_id} names none of {names}: {chart['labels'][:20]}"


def test_the_demo_report_draws_every_chart_offline_with_vietnamese_text(tmp_path: Path, capsys) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data)]) == 0
    report = data.resolve() / "report.html"
    assert f"Report: {report}" in capsys.readouterr().out
    quarantined = pl.read_delta(str(data / "curated" / "quarantine")).height
    top_person = dashboard.load_report_data(dashboard.store.Tables.at(data)).people.row(0, named=True)["entry"]

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            charts = _open(page, report, SHOTS / "demo-report.png")
            for chart_id, chart in charts.items():
                if chart_id == "quarantine" and quarantined == 0:
                    assert chart == {"empty": True, "text": "Nothing was quarantined in this period."}
                    continue
                _assert_drawn(chart_id, chart, DEMO_SOURCES)
            assert top_person in charts["people"]["labels"]
            assert page.evaluate("name => document.fonts.check('12px \"DejaVu Sans\"', name)", top_person)
            faces = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
            assert any("DejaVu Sans" in f for f in faces), faces
            people_links = page.locator("#chart-people ~ details a[href^='http']")
            assert people_links.count() >= 5
        finally:
            browser.close()
    print(f"screenshot: {SHOTS / 'demo-report.png'}; report {report.stat().st_size} bytes")


def test_a_night_with_quarantined_pages_draws_the_quarantine_chart(
    broken_sources: Path, tmp_path: Path, capsys
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "data"
    assert main(["demo", "--data-dir", str(data), "--source", "mic"]) == 0
    assert main(["run", "--config", str(broken_sources), "--data-dir", str(data)]) == 1  # its quality gate fails
    assert pl.read_delta(str(data / "curated" / "quarantine")).height >= 2
    out = tmp_path / "report.html"
    assert main(["report", "--data-dir", str(data), "--out", str(out)]) == 0
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            charts = _open(
                browser.new_page(viewport={"width": 1280, "height": 900}), out, SHOTS / "report-with-quarantine.png"
            )
        finally:
            browser.close()
    _assert_drawn("quarantine", charts["quarantine"], ("nghean",))
    _assert_drawn("runs", charts["runs"], ("mic", "nghean"))
    assert any("not_error_page" in label for label in charts["quarantine"]["labels"])
