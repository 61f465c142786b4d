"""End to end: the real Prefect flow against the embedded fixture site, into real Delta tables."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from etl import store
from etl.cli import main
from etl.fixtures.site import SiteServer
from etl.report import load_run_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def _article_requests(sites: dict[str, SiteServer]) -> list[str]:
    return [p for s in sites.values() for p in s.requests
            if not p.startswith("/robots.txt") and "DangBoBo" not in p and "Tin-hoat-dong" not in p
            and "hoat-dong-so" not in p]


def test_first_run_collects_every_source_and_rerun_adds_nothing(
        fixture_sites: dict[str, SiteServer], demo_sources: Path, tmp_path: Path) -> None:
    from flows.nightly import collect_news

    data = tmp_path / "data"
    state = collect_news(config=str(demo_sources), data_dir=str(data), return_state=True)
    assert state.is_completed(), state.message
    tables = store.Tables.at(data)
    articles = pl.read_delta(str(tables.articles))
    per_source = dict(articles.group_by("source_id").len().iter_rows())
    assert per_source["mic"] >= 10 and per_source["thanhhoa"] >= 10 and per_source["nghean"] >= 5
    assert articles["article_id"].is_unique().all()
    assert articles.schema == pl.Schema(store.ARTICLES_SCHEMA)
    assert articles["published_at"].null_count() == 0
    assert (articles["word_count"] > 50).all()
    assert not articles["url"].str.contains("utm_|#").any()
    first = load_run_report(tables)
    assert first is not None and first.status == "completed"
    assert first.per_source["mic"]["listing_pages"] >= 2
    assert sum(c["rows_written"] for c in first.per_source.values()) == articles.height
    versions = {name: store.version_of(path) for name, path in tables.curated_tables().items()}

    before = len(_article_requests(fixture_sites))
    state = collect_news(config=str(demo_sources), data_dir=str(data), return_state=True)
    assert state.is_completed(), state.message
    assert len(_article_requests(fixture_sites)) == before, "rerun fetched an article page again"
    again = pl.read_delta(str(tables.articles))
    assert again.sort("article_id").equals(articles.sort("article_id"))
    second = load_run_report(tables)
    assert second is not None and second.run_id != first.run_id
    assert all(c["new"] == 0 and c["rows_written"] == 0 for c in second.per_source.values())
    assert all(second.per_source[s]["unchanged"] == per_source[s] for s in per_source)
    for name, path in tables.curated_tables().items():
        assert store.version_of(path) == versions[name] + 1, name
    assert pl.read_delta(str(tables.runs)).height == 2


def test_cli_run_selects_sources_and_reports(demo_sources: Path, tmp_path: Path, capsys) -> None:
    data = tmp_path / "cli-data"
    code = main(["run", "--config", str(demo_sources), "--data-dir", str(data), "--source", "nghean",
                 "--max-listing-pages", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    articles = pl.read_delta(str(data / "curated" / "articles"))
    assert set(articles["source_id"]) == {"nghean"}
    assert "nghean" in out and "pl.read_delta" in out and str(data) in out
    report = load_run_report(store.Tables.at(data))
    assert report is not None and report.per_source["nghean"]["listing_pages"] == 1


def test_cli_rejects_bad_config_before_fetching(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[sources]]\nid = "x"\nname = "X"\nkind = "village"\nstart_urls = ["https://x.vn/"]\n'
                   'article_url_pattern = "/a/"\n', encoding="utf-8")
    assert main(["run", "--config", str(bad), "--data-dir", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert "source 'x'" in err and "key 'kind'" in err
    assert not (tmp_path / "d").exists()
    assert main(["run", "--config", str(bad).replace("bad", "missing")]) == 2


def test_failed_run_is_a_failed_flow_with_its_artifact(broken_sources: Path, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.nightly import collect_news

    state = collect_news(config=str(broken_sources), data_dir=str(tmp_path / "d"), return_state=True)
    assert state.is_failed() and "failure rate 75%" in state.message
    assert pl.read_delta(str(tmp_path / "d" / "curated" / "articles")).height == 1
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["run-summary"])))
    markdown = [a.data for a in artifacts if "failure rate 75%" in str(a.data)]
    assert markdown, "no run-summary artifact for the failed run"
    assert "| fetch | not_error_page | nghean | error | 2 |" in markdown[0]


def test_demo_command_serves_the_fixture_site_itself_and_rerun_finds_nothing(tmp_path: Path, capsys) -> None:
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data)]) == 0
    first = capsys.readouterr().out
    assert main(["demo", "--data-dir", str(data)]) == 0
    second = capsys.readouterr().out
    assert "mic" in first and "new: 11" in first and "rows written: 12" in first
    assert "new: 0" in second and "rows written: 0" in second and "new: 1" not in second
    assert pl.read_delta(str(data / "curated" / "articles")).height == 29


def test_cli_reprocess_and_maintain_change_nothing_on_fresh_data(demo_sources: Path, tmp_path: Path,
                                                                 capsys) -> None:
    data = tmp_path / "d"
    assert main(["run", "--config", str(demo_sources), "--data-dir", str(data), "--source", "nghean"]) == 0
    before = pl.read_delta(str(data / "curated" / "articles")).sort("article_id")
    capsys.readouterr()
    assert main(["reprocess", "--config", str(demo_sources), "--data-dir", str(data)]) == 0
    assert "{'inserted': 0, 'updated': 0}" in capsys.readouterr().out
    DeltaTable(str(data / "curated" / "articles")).update(updates={"extractor_version": "'0.1.0'"})
    assert main(["reprocess", "--config", str(demo_sources), "--data-dir", str(data), "--stale-only"]) == 0
    assert f"{{'inserted': 0, 'updated': {before.height}}}" in capsys.readouterr().out
    assert main(["reprocess", "--config", str(demo_sources), "--data-dir", str(data), "--stale-only"]) == 0
    assert "{'inserted': 0, 'updated': 0}" in capsys.readouterr().out
    assert main(["maintain", "--data-dir", str(data), "--retention-days", "0"]) == 0
    out = capsys.readouterr().out
    assert "articles:" in out and "vacuumed_files" in out
    after = pl.read_delta(str(data / "curated" / "articles")).sort("article_id")
    assert after.drop("run_id", "updated_at").equals(before.drop("run_id", "updated_at"))
    assert main(["maintain", "--data-dir", str(data), "--retention-days", "-1"]) == 2


def test_demo_publishes_the_data_report_as_an_artifact_and_prints_where_it_is(tmp_path: Path, capsys) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data), "--source", "nghean"]) == 0
    report = (data / "report.html").resolve()
    assert f"Report: {report}" in capsys.readouterr().out
    assert 'id="chart-weekly"' in report.read_text(encoding="utf-8")
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["data-report"])))
    mine = [str(a.data) for a in artifacts if str(report) in str(a.data)]
    assert mine, "no data-report artifact naming this run's report"
    assert "| articles | 6 |" in mine[0] and report.as_uri() in mine[0]


def test_a_report_that_cannot_be_written_never_fails_the_night(demo_sources: Path, tmp_path: Path) -> None:
    from flows.nightly import collect_news

    data = tmp_path / "data"
    (data / "report.html").mkdir(parents=True)  # the report's path is taken: drawing it fails
    state = collect_news(config=str(demo_sources), data_dir=str(data), sources=["nghean"], return_state=True)
    assert state.is_completed(), state.message
    assert pl.read_delta(str(data / "curated" / "articles")).height == 6
    assert (data / "report.html").is_dir()
