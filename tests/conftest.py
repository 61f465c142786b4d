"""Shared fixtures: the embedded fixture site and one Prefect test harness per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.fixtures.site import SiteServer, serve_fixture_sites, write_demo_sources

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "etl")


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
def demo_sources(fixture_sites: dict[str, SiteServer], tmp_path: Path) -> Path:
    """A sources file pointing at the live fixture sites."""
    return write_demo_sources(fixture_sites, tmp_path / "sources.toml")
