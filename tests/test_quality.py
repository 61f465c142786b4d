"""Quality checks per stage, and the run that fails its gate after writing what was good."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import polars as pl
import pytest
from conftest import run_without_prefect

from etl import store
from etl.config import parse_config
from etl.models import Article, Image
from etl.quality import ERROR, Finding, Tally, check_article, check_page, compare_with_previous, validate_articles
from etl.settings import QualitySettings

Q = QualitySettings()
SOURCE = parse_config("""
[[sources]]
id = "nghean"
name = "Sở Thông tin và Truyền thông Nghệ An"
kind = "province"
start_urls = ["https://stttt.nghean.gov.vn/tin-tuc"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
""").sources[0]


def _failed(findings: list[Finding]) -> set[str]:
    return {f.check for f in findings if not f.passed}


def test_page_checks() -> None:
    good = ("<html><body>" + "<p>Nội dung bài viết về hội nghị.</p>" * 40 + "</body></html>").encode()
    assert _failed(check_page(200, "text/html; charset=utf-8", good, good.decode(), Q)) == set()
    soft = "<html><body><h1>Không tìm thấy trang</h1>" + "x" * 600 + "</body></html>"
    assert _failed(check_page(200, "text/html", soft.encode(), soft, Q)) == {"not_error_page"}
    assert _failed(check_page(200, "text/html", b"", "", Q)) == {"size_within_bounds", "not_error_page"}
    assert "content_type_html" in _failed(check_page(200, "application/pdf", good, good.decode(), Q))
    assert "http_status_ok" in _failed(check_page(500, "text/html", good, good.decode(), Q))
    garbled = good.decode() + "\ufffd" * 50
    assert _failed(check_page(200, "text/html", good, garbled, Q)) == {"decodes_cleanly"}


def _article(**changes) -> Article:
    base = dict(url="https://stttt.nghean.gov.vn/tin/hoi-nghi-1.html", title="Hội nghị chuyển đổi số",
                published_at=datetime(2024, 3, 5, 1, tzinfo=UTC), event_date=date(2024, 3, 5),
                body=["Sáng ngày 5/3, Sở Thông tin và Truyền thông tổ chức hội nghị chuyển đổi số. " * 4,
                      "Hội nghị đã thống nhất các nhiệm vụ trọng tâm năm 2024."],
                images=[Image("https://stttt.nghean.gov.vn/a.jpg", None, "Ảnh: Toàn cảnh hội nghị chuyển đổi số")])
    base.update(changes)
    return Article(**base)


@pytest.mark.parametrize(("changes", "failed"), [
    ({}, set()),
    ({"title": "Sở Thông tin và Truyền thông Nghệ An"}, {"title_not_site_name"}),
    ({"title": None}, {"title_present"}),
    ({"body": ["Ngắn."]}, {"body_min_length"}),
    ({"published_at": datetime.now(UTC) + timedelta(days=30)}, {"published_at_plausible"}),
    ({"published_at": datetime(1999, 12, 31, tzinfo=UTC)}, {"published_at_plausible"}),
    ({"published_at": None}, {"published_at_present"}),
    ({"url": "https://stttt.nghean.gov.vn/lien-he.aspx"}, {"url_matches_source"}),
])
def test_article_error_checks(changes: dict, failed: set[str]) -> None:
    findings = check_article(_article(**changes), SOURCE, Q, site_names=[SOURCE.name])
    assert _failed(findings) == failed


def test_boilerplate_and_caption_left_in_body_are_warnings() -> None:
    article = _article()
    article.body += ["Lượt xem: 1.234", "Xem chi tiết", "Giấy phép số 12/GP-TTĐT do Cục cấp",
                     "Ảnh: Toàn cảnh hội nghị chuyển đổi số"]
    findings = check_article(article, SOURCE, Q, site_names=[SOURCE.name])
    bad = {f.check: f for f in findings if not f.passed}
    assert set(bad) == {"no_boilerplate_in_body", "no_caption_in_body"}
    assert all(f.severity == "warning" for f in bad.values())


def test_tally_rows_and_contract_validation() -> None:
    tally = Tally(max_examples=1)
    tally.add("mic", [Finding("fetch", "x", ERROR, True)], "u1")
    tally.add("mic", [Finding("fetch", "x", ERROR, False, "boom")], "u2")
    tally.add("mic", [Finding("fetch", "x", ERROR, False, "boom")], "u3")
    (row,) = tally.rows("r1", datetime(2024, 1, 1, tzinfo=UTC))
    assert (row["passed"], row["failed"], row["examples"]) == (1, 2, ["u2: boom"])
    findings, _ = validate_articles(pl.DataFrame({"article_id": ["x"]}))
    assert not findings[0].passed and "missing column source_id" in findings[0].message
    empty = store.frame([], store.ARTICLES_SCHEMA)
    assert all(f.passed for f in validate_articles(empty)[0])
    dup = store.frame([{"article_id": "a" * 16, "source_id": "mic", "source_kind": "ministry",
                        "url": "https://mic.gov.vn/x", "title": "T", "word_count": 1, "raw_sha256": "b" * 64}] * 2,
                      store.ARTICLES_SCHEMA)
    assert "articles_unique" in _failed(validate_articles(dup)[0])


def test_drift_alerts_against_previous_run() -> None:
    previous = {"mic": {"rows": 12, "null_published_at": 0.0}}
    ok = compare_with_previous({"mic": {"rows": 12, "null_published_at": 0.1}}, previous, Q)
    assert all(f.passed for _, f in ok)
    bad = compare_with_previous({"mic": {"rows": 0}}, previous, Q)
    assert _failed([f for _, f in bad]) == {"source_yields_rows"}
    nulls = compare_with_previous({"mic": {"rows": 10, "null_published_at": 0.5}}, previous, Q)
    assert _failed([f for _, f in nulls]) == {"null_published_at_rate_stable"}


def test_failing_run_quarantines_bad_pages_writes_good_ones_and_fails(broken_sources, tmp_path) -> None:
    report = run_without_prefect(broken_sources, tmp_path / "data")
    assert report.status == "failed" and "failure rate 75%" in report.message
    tables = store.Tables.at(tmp_path / "data")
    articles = pl.read_delta(str(tables.articles))
    assert articles["url"].str.ends_with("/tin/bai-tot-1.html").to_list() == [True]
    quarantine = pl.read_delta(str(tables.quarantine)).sort("url")
    assert quarantine.select("stage", "check").rows() == [
        ("fetch", "not_error_page"), ("extract", "body_min_length"), ("fetch", "size_within_bounds")]
    assert quarantine["raw_sha256"].null_count() == 0
    dq = pl.read_delta(str(tables.dq_results))
    row = dq.filter(pl.col("check") == "not_error_page").row(0, named=True)
    assert (row["passed"], row["failed"]) == (2, 2) and "bai-da-xoa-2" in " ".join(row["examples"])
    runs = pl.read_delta(str(tables.runs))
    assert runs["status"].to_list() == ["failed"]


def test_fetch_log_frame_validated_with_pandera() -> None:
    from etl.quality import validate_fetch_log

    good = store.frame([{"url": "https://mic.gov.vn/a", "kind": "article", "status": 200, "sha256": "a" * 64,
                         "bytes": 10}, {"url": "https://mic.gov.vn/b", "kind": "article", "error": "timeout"}],
                       store.FETCH_LOG_SCHEMA)
    assert [f.passed for f in validate_fetch_log(good)] == [True]
    bad = store.frame([{"url": "ftp://x", "kind": "page", "status": 999, "sha256": "zz"}, {"url": "https://m/c",
                       "kind": "listing"}], store.FETCH_LOG_SCHEMA)
    (finding,) = validate_fetch_log(bad)
    assert not finding.passed
    for column in ("url", "kind", "status", "sha256", "outcome_known"):
        assert column in finding.message
