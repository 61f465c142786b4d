"""A portal that moved to another host, met by the real nightly flow (Prefect, Delta, two sockets).

The start URL on one loopback server answers 301 to a second one (another port: another host for
every guard). The first night fails naming both hosts and the ``extra_hosts`` line to add, without
sending a request to the new host; once the line is in the sources file, the next night collects
from the new host.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from servers.faults import CLEAN_SLUGS, FaultServer

from etl import store
from etl.cli import main

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def sources_toml(start_url: str, extra_hosts: str = "") -> str:
    return f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
[[sources]]
id = "moved"
name = "Sở Khoa học và Công nghệ (cổng cũ)"
kind = "province"
start_urls = ["{start_url}"]
article_url_pattern = '/news/[a-z0-9-]+\\.html$'
{extra_hosts}
"""


def run_summaries(containing: str) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["run-summary"])))
    return [str(a.data) for a in artifacts if containing in str(a.data)]


def test_moved_start_url_fails_naming_both_hosts_then_extra_hosts_follows_it(tmp_path: Path, capsys) -> None:
    from flows.nightly import collect_news

    data = tmp_path / "data"
    config = tmp_path / "sources.toml"
    with FaultServer() as old, FaultServer() as new:
        start = old.url(f"/redirect?code=301&to={new.url('/newsroom/clean')}")
        config.write_text(sources_toml(start), encoding="utf-8")
        hint = (f"redirected to host {new.netloc}, not among the source's hosts; "
                f'add extra_hosts = ["{new.netloc}"] to [[sources]] id="moved"')

        code = main(["run", "--config", str(config), "--data-dir", str(data)])
        err = capsys.readouterr().err
        assert code == 1
        assert f"moved: {start} {hint}" in err
        assert new.count() == 0, "the new host must not be asked before the file allows it"
        assert run_summaries(hint), "the run-summary artifact does not show where the portal went"
        log = pl.read_delta(str(store.Tables.at(data).fetch_log))
        assert log.select("kind", "status", "error").rows() == [("listing", 301,
                                                                  f"redirected to another host: {new.netloc}")]

        config.write_text(sources_toml(start, f'extra_hosts = ["{new.netloc}"]'), encoding="utf-8")
        state = collect_news(config=str(config), data_dir=str(data), return_state=True)
        assert state.is_completed(), state.message
        articles = pl.read_delta(str(store.Tables.at(data).articles))
        assert sorted(articles["url"]) == sorted(new.url(f"/news/{s}.html") for s in CLEAN_SLUGS)
        assert old.count("/redirect") == 2 and new.count("/newsroom/clean") == 1
