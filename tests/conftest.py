"""Shared fixtures: the embedded fixture site and one Prefect test harness per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.fixtures.site import SiteServer, serve_fixture_sites, write_demo_sources

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "etl")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A real (temporary) Prefect server for every flow run of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def fixture_sites() -> Iterator[dict[str, SiteServer]]:
    with serve_fixture_sites() as servers:
        yield servers


@pytest.fixture
def broken_sources(tmp_path: Path) -> Iterator[Path]:
    """A source whose site serves one good article and three bad pages (soft 404, empty, stub)."""
    from etl.fixtures.site import load_site

    site = load_site("broken", Path(__file__).parent / "sites")
    site.start()
    config = tmp_path / "broken.toml"
    config.write_text(f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
[[sources]]
id = "nghean"
name = "Sở Thông tin và Truyền thông Nghệ An"
kind = "province"
start_urls = ["{site.base_url}/tin-tuc"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
""", encoding="utf-8")
    yield config
    site.stop()


@pytest.fixture
def demo_sources(fixture_sites: dict[str, SiteServer], tmp_path: Path) -> Path:
    """A sources file pointing at the live fixture sites."""
    return write_demo_sources(fixture_sites, tmp_path / "sources.toml")


def run_without_prefect(config_path: Path, data_dir: Path, sources: list[str] | None = None):
    """The nightly flow's stages composed in plain Python: the library needs no Prefect."""
    from datetime import UTC, datetime

    from etl import store
    from etl.config import load_config
    from etl.pipeline import collect_articles, discover_source, new_run_id, open_fetcher, write_run
    from etl.raw import RawStore
    from etl.settings import DEFAULT_SETTINGS

    cfg = load_config(config_path)
    tables, raw = store.Tables.at(data_dir), RawStore(data_dir)
    started = datetime.now(UTC)
    run_id = new_run_id(started)
    batches = []
    for source in cfg.select(sources):
        with open_fetcher(source, cfg) as fetcher:
            batch = discover_source(source, fetcher, tables, raw, DEFAULT_SETTINGS, run_id=run_id)
            batches.append(collect_articles(batch, source, fetcher, raw, DEFAULT_SETTINGS, run_id=run_id))
    return write_run(tables, batches, DEFAULT_SETTINGS, run_id=run_id, started_at=started,
                     parameters={"config": str(config_path)})
