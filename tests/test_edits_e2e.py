"""Edits are captured: a recently published article is re-asked each night through the real flow.

A loopback fixture site serves one article published yesterday and one published two months ago.
Night 1 stores both; before night 2 the recent article is corrected on the site; night 3 finds the
site unchanged. The page files are rewritten between nights, so the server's ETag changes exactly
when the page does (as on a real portal).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from etl import store
from etl.fixtures.site import SiteServer, load_site
from etl.report import load_run_report, render_markdown

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

SITE = Path(__file__).parent / "sites" / "edited"
RECENT = "/tin/khai-truong-diem-wifi-1.html"
OLD = "/tin/hoi-thi-tin-hoc-tre-2.html"
ORIGINAL = {
    "{TITLE}": "Khai trương điểm wifi công cộng tại chợ trung tâm xã",
    "{PARAGRAPH}": "Phát biểu tại buổi lễ, đồng chí Trần Văn Bình, Giám đốc Sở Khoa học và Công nghệ, đề nghị "
    "xã giữ gìn thiết bị và mở rộng thêm hai điểm truy cập tại nhà văn hóa các thôn.",
    "{SPEED}": "tốc độ 100 Mb/giây",
}
EDITED = {
    "{TITLE}": "Khai trương điểm wifi công cộng miễn phí tại chợ trung tâm xã",
    "{PARAGRAPH}": "Phát biểu tại buổi lễ, đồng chí Trần Văn Bình, Phó Giám đốc Sở Khoa học và Công nghệ, đề nghị "
    "xã giữ gìn thiết bị và mở rộng thêm ba điểm truy cập tại nhà văn hóa các thôn.",
    "{SPEED}": "tốc độ 300 Mb/giây",
}


def _vn_date(days_ago: int) -> str:
    return (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(days=days_ago)).strftime("%d/%m/%Y")


def _render(folder: Path, values: dict[str, str]) -> None:
    for name in ("recent.html", "old.html"):
        text = (SITE / name).read_text(encoding="utf-8")
        for key, value in {**values, "{DATE}": _vn_date(1), "{OLD_DATE}": _vn_date(60)}.items():
            text = text.replace(key, value)
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def edited_site(tmp_path: Path) -> Iterator[tuple[SiteServer, Path]]:
    root = tmp_path / "sites"
    shutil.copytree(SITE, root / "edited")
    _render(root / "edited", ORIGINAL)
    site = load_site("edited", root)
    site.start()
    config = tmp_path / "edited.toml"
    config.write_text(
        f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
[[sources]]
id = "khcn"
name = "Sở Khoa học và Công nghệ"
kind = "province"
start_urls = ["{site.base_url}/tin-tuc"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
""",
        encoding="utf-8",
    )
    yield site, config
    site.stop()


def _night(config: Path, data: Path) -> None:
    from flows.nightly import collect_news

    state = collect_news(config=str(config), data_dir=str(data), return_state=True)
    assert state.is_completed(), state.message


def test_an_edited_article_updates_its_row_once_and_keeps_its_old_text(edited_site, tmp_path: Path) -> None:
    site, config = edited_site
    data = tmp_path / "data"
    tables = store.Tables.at(data)

    _night(config, data)
    first = pl.read_delta(str(tables.articles))
    assert first.height == 2
    recent_id = first.filter(pl.col("url").str.ends_with(RECENT))["article_id"].item()
    original = first.filter(pl.col("article_id") == recent_id).row(0, named=True)
    assert site.requests.count(RECENT) == 1 and site.requests.count(OLD) == 1

    _render(site.folder, EDITED)
    _night(config, data)
    second = pl.read_delta(str(tables.articles))
    assert second.height == 2
    row = second.filter(pl.col("article_id") == recent_id).row(0, named=True)
    assert row["title"] == EDITED["{TITLE}"] and any("300 Mb/giây" in p for p in row["body"])
    assert row["content_hash"] != original["content_hash"] and row["raw_sha256"] != original["raw_sha256"]
    assert row["updated_at"] > original["updated_at"] and row["url"] == original["url"]
    unchanged = second.filter(pl.col("article_id") != recent_id)
    assert unchanged.equals(first.filter(pl.col("article_id") != recent_id))
    assert site.requests.count(RECENT) == 2, "the recent article is re-asked once a night"
    assert site.requests.count(OLD) == 1, "an article older than refresh_days is never re-asked"
    report = load_run_report(tables)
    assert report is not None and report.status == "completed"
    assert report.per_source["khcn"]["edited"] == 1 and report.per_source["khcn"]["new"] == 0
    assert report.per_source["khcn"]["refreshed"] == 1
    summary = render_markdown(report)
    assert "| re-asked (recent) | edited |" in summary and "| 1 | 1 |" in summary

    versions = pl.read_delta(str(tables.article_versions)).filter(pl.col("article_id") == recent_id).sort("version")
    assert versions.select("version", "change", "title").rows() == [
        (1, "new", ORIGINAL["{TITLE}"]),
        (2, "edit", EDITED["{TITLE}"]),
    ]
    assert versions["body"][0].to_list() == original["body"]
    mentions = pl.read_delta(str(tables.mentions)).filter(pl.col("article_id") == recent_id)
    assert mentions.filter(pl.col("kind") == "person").select("name", "position").rows() == [
        ("Trần Văn Bình", "Phó Giám đốc Sở Khoa học và Công nghệ")
    ]

    versions_before = store.version_of(tables.article_versions)
    _night(config, data)
    third = pl.read_delta(str(tables.articles))
    assert third.sort("article_id").equals(second.sort("article_id"))
    assert pl.read_delta(str(tables.article_versions)).height == 3
    assert store.version_of(tables.article_versions) == versions_before + 1  # the run's (empty) commit
    report = load_run_report(tables)
    assert report is not None and report.status == "completed"
    assert report.per_source["khcn"]["edited"] == 0 and report.per_source["khcn"]["refreshed"] == 1
    asked = pl.read_delta(str(tables.fetch_log)).filter(
        (pl.col("run_id") == report.run_id) & pl.col("url").str.ends_with(RECENT)
    )
    assert asked.select("status", "not_modified").rows() == [(304, True)], "night 3 asks conditionally"
    assert site.requests.count(RECENT) == 3 and site.requests.count(OLD) == 1
