"""The data report: what each chart counts, Vietnam time, Vietnamese text, one self-contained file."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from conftest import run_without_prefect

from etl import dashboard, store
from etl.cli import main

SVG = re.compile(r'<figure class="chart" id="chart-(\w+)" data-chart="\w+">(<svg.*?</svg>)', re.S)


@pytest.fixture(scope="module")
def data_dir(fixture_sites, tmp_path_factory) -> Path:
    """The demo's three sources collected in two runs, plus a third run that finds nothing new."""
    from etl.fixtures.site import write_demo_sources

    base = tmp_path_factory.mktemp("dashboard")
    config = write_demo_sources(fixture_sites, base / "sources.toml")
    data = base / "data"
    run_without_prefect(config, data, ["mic", "nghean"])
    run_without_prefect(config, data, ["thanhhoa"])
    run_without_prefect(config, data)
    return data


@pytest.fixture(scope="module")
def page(data_dir: Path) -> str:
    result = dashboard.write_report(data_dir)
    assert result.path == data_dir.resolve() / "report.html"
    return result.path.read_text(encoding="utf-8")


def _charts(page: str) -> dict[str, str]:
    return dict(SVG.findall(page))


def test_weekly_counts_every_dated_article_once_by_vietnamese_week(data_dir: Path) -> None:
    data = dashboard.load_report_data(store.Tables.at(data_dir))
    articles = pl.read_delta(str(data_dir / "curated" / "articles"))
    assert data.weekly["articles"].sum() == articles["published_at"].drop_nulls().len()
    assert {d.weekday() for d in data.weekly["week"].to_list()} == {0}
    per_source = data.weekly.group_by("source_id").agg(pl.col("articles").sum()).sort("source_id")
    expected = articles.drop_nulls("published_at").group_by("source_id").len().sort("source_id")
    assert per_source["articles"].to_list() == expected["len"].to_list()


def test_a_monday_morning_in_vietnam_is_that_week_not_the_sunday_before_in_utc(tmp_path: Path) -> None:
    tables = store.Tables.at(tmp_path)
    # 00:30 Monday 2024-03-04 in Vietnam is 17:30 Sunday 2024-03-03 UTC.
    rows = [
        {
            "article_id": f"{i:016x}",
            "source_id": "mic",
            "source_kind": "ministry",
            "url": f"https://x.vn/{i}",
            "title": "Hội nghị",
            "published_at": when,
            "run_id": "r1",
            "body": ["x"],
            "images": [],
            "people": [],
            "documents": [],
            "content_hash": str(i),
        }
        for i, when in enumerate([datetime(2024, 3, 3, 17, 30, tzinfo=UTC), datetime(2024, 3, 3, 16, 30, tzinfo=UTC)])
    ]
    store.append(tables.articles, store.frame(rows, store.ARTICLES_SCHEMA), run_id="r1")
    weekly = dashboard.load_report_data(tables).weekly.sort("week")
    assert weekly.select("week", "articles").rows() == [(date(2024, 2, 26), 1), (date(2024, 3, 4), 1)]


def test_run_history_has_one_row_per_run_with_its_new_articles(data_dir: Path) -> None:
    data = dashboard.load_report_data(store.Tables.at(data_dir))
    runs = pl.read_delta(str(data_dir / "curated" / "runs")).sort("started_at")
    assert data.runs["run_id"].to_list() == runs["run_id"].to_list()
    articles = pl.read_delta(str(data_dir / "curated" / "articles"))
    assert data.runs["new"].sum() == articles.height
    assert data.runs["new"].to_list()[-1] == 0  # the third run found nothing new
    assert all(d > 0 for d in data.runs["duration_s"].to_list())
    assert str(data.runs["started_vn"].dtype) == "Datetime(time_unit='us', time_zone='Asia/Ho_Chi_Minh')"


def test_null_rates_are_those_of_the_rows_each_run_wrote(data_dir: Path) -> None:
    data = dashboard.load_report_data(store.Tables.at(data_dir))
    articles = pl.read_delta(str(data_dir / "curated" / "articles"))
    for row in data.nulls.iter_rows(named=True):
        written = articles.filter((pl.col("run_id") == row["run_id"]) & (pl.col("source_id") == row["source_id"]))
        assert row["rows"] == written.height
        assert row["author"] == pytest.approx(written["author"].is_null().mean())
    assert set(data.nulls["source_id"]) == {"mic", "nghean", "thanhhoa"}


def test_top_people_count_articles_per_source_and_overall(data_dir: Path) -> None:
    data = dashboard.load_report_data(store.Tables.at(data_dir))
    mentions = pl.read_delta(str(data_dir / "curated" / "mentions")).filter(pl.col("kind") == "person")
    top = data.people.filter(pl.col("source_id").is_null()).row(0, named=True)
    assert top["articles"] == mentions.filter(pl.col("name") == top["entry"])["article_id"].n_unique()
    assert top["articles"] == mentions.group_by("name").agg(pl.col("article_id").n_unique())["article_id"].max()
    per_source = data.people.filter(pl.col("entry") == top["entry"], pl.col("source_id").is_not_null())
    assert per_source["articles"].sum() >= top["articles"]


def test_every_chart_is_inline_svg_naming_the_sources_and_no_resource_is_fetched(data_dir: Path, page: str) -> None:
    charts = _charts(page)
    drawn = set(dashboard.CHARTS) - {"quarantine"}  # the demo's pages all pass the error-level checks
    assert drawn <= set(charts)
    for chart_id in drawn:
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", charts[chart_id])
        named = {s for s in ("mic", "nghean", "thanhhoa") if any(s in t for t in texts)}
        assert named, f"chart {chart_id} names no source"
    assert 'data-chart="quarantine" data-empty="true"' in page
    assert not re.search(r"<(script|link|img|iframe|object)\b|\bsrc=|@import|url\((?!data:|#)", page)
    urls = set(pl.read_delta(str(data_dir / "curated" / "articles"))["url"])
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") or h in urls for h in hrefs)  # SVG-internal refs, article links


def test_vietnamese_names_stay_text_and_the_page_embeds_a_font_that_has_them(data_dir: Path, page: str) -> None:
    from fontTools.ttLib import TTFont

    mentions = pl.read_delta(str(data_dir / "curated" / "mentions"))
    top = dashboard.load_report_data(store.Tables.at(data_dir)).people.row(0, named=True)["entry"]
    assert re.search(r"[^\x00-\x7f]", top) and top in mentions["name"].to_list()
    assert top in _charts(page)["people"]
    woff = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page)
    assert woff is not None
    import base64
    import io

    font = TTFont(io.BytesIO(base64.b64decode(woff.group(1))))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in top if not c.isspace())


def test_articles_are_linked_from_the_people_they_name(data_dir: Path, page: str) -> None:
    articles = pl.read_delta(str(data_dir / "curated" / "articles"))
    top = dashboard.load_report_data(store.Tables.at(data_dir)).people.row(0, named=True)["entry"]
    naming = articles.filter(pl.col("people").list.eval(pl.element().struct.field("name") == top).list.any())
    assert naming.height
    for url in naming["url"].to_list()[: dashboard.LINKS_PER_ENTRY]:
        assert f'href="{url}"' in page


def test_times_are_labelled_vietnam_time(data_dir: Path, page: str) -> None:
    runs = pl.read_delta(str(data_dir / "curated" / "runs"))
    first = runs["started_at"].min().astimezone(dashboard.VN)
    assert f"{first:%Y-%m-%d %H:%M}" in page
    assert page.count(dashboard.TZ_LABEL) >= 5


def test_since_leaves_out_older_articles_and_runs(data_dir: Path) -> None:
    tables = store.Tables.at(data_dir)
    data = dashboard.load_report_data(tables, since=date(2024, 1, 1))
    assert data.weekly["week"].min() >= date(2024, 1, 1)
    assert data.weekly["articles"].sum() < dashboard.load_report_data(tables).weekly["articles"].sum()
    tomorrow = dashboard.load_report_data(tables, since=date(2999, 1, 1))
    assert tomorrow.runs.is_empty() and tomorrow.weekly.is_empty()
    assert "No run in this period." in dashboard.render_html(tomorrow, tables.data_dir)


def test_cli_writes_the_report_and_rejects_bad_input(data_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "r" / "report.html"
    assert main(["report", "--data-dir", str(data_dir), "--out", str(out), "--since", "2020-01-01"]) == 0
    assert out.stat().st_size > 10_000 and str(out) in capsys.readouterr().out
    assert main(["report", "--data-dir", str(data_dir), "--since", "05/12/2024"]) == 2
    assert "--since '05/12/2024' is not a date" in capsys.readouterr().err
    assert main(["report", "--data-dir", str(tmp_path / "empty")]) == 2
    assert "no curated tables in" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", "--data-dir", str(data_dir), "--out", str(blocker / "report.html")]) == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_an_object_store_data_dir_is_reported_into_a_local_file(
    s3_server: dict[str, str], demo_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uuid

    bucket = f"s3://news-archive/{uuid.uuid4().hex[:8]}/data"
    run_without_prefect(demo_sources, bucket, ["nghean"])
    result = dashboard.write_report(bucket, tmp_path / "r.html")
    page = result.path.read_text(encoding="utf-8")
    assert bucket in page and "nghean" in _charts(page)["weekly"]
    assert result.figures["articles"] == 6
    monkeypatch.chdir(tmp_path)
    assert dashboard.default_report_path(bucket) == tmp_path.resolve() / "report.html"
