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


def _serve_s3(ports) -> None:
    """Child process: moto's S3 server on an ephemeral loopback port, until killed."""
    import logging
    import threading

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    ports.put(server.get_host_and_port()[1])
    threading.Event().wait()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[dict[str, str]]:
    """An S3-compatible server on 127.0.0.1 (moto) with one bucket; yields the ``AWS_*`` variables for it.

    It runs in its own process: deltalake calls block while holding the GIL, so a server thread in
    the test process could never answer them.
    """
    import multiprocessing

    import boto3

    ctx = multiprocessing.get_context("spawn")
    ports = ctx.Queue()
    child = ctx.Process(target=_serve_s3, args=(ports,), daemon=True)
    child.start()
    port = ports.get(timeout=120)
    env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test-key",
           "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_REGION": "us-east-1", "AWS_ALLOW_HTTP": "true"}
    boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                 aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                 region_name=env["AWS_REGION"]).create_bucket(Bucket="news-archive")
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    child.terminate()
    child.join(30)
