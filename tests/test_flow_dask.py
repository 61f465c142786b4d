"""The nightly flow on a real Dask cluster (scheduler + 2 worker processes on loopback).

Tasks get plain inputs and build their own HTTP session, so the same fixture site collected on the
cluster gives exactly the rows of a threads run, and a rerun adds none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from etl import store
from etl.cli import main

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

#: What identifies a row's content; run ids and fetch times differ between runs by design.
SAME = ["article_id", "source_id", "url", "content_hash", "raw_sha256"]


@pytest.fixture(scope="module")
def dask_cluster(prefect_harness, s3_server: dict[str, str]) -> Iterator[str]:
    """A scheduler and two worker processes, told where this session's Prefect API and S3 server are."""
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL

    with LocalCluster(n_workers=2, threads_per_worker=2, processes=True, host="127.0.0.1",
                      scheduler_port=0, dashboard_address=None,
                      env={"PREFECT_API_URL": PREFECT_API_URL.value(), **s3_server}) as cluster:
        yield cluster.scheduler_address


def _rows(data: Path | str) -> pl.DataFrame:
    return store.read_table(store.Tables.at(data).articles).select(SAME).sort("article_id")


def test_the_fixture_site_on_a_dask_cluster_gives_the_rows_of_a_threads_run(
        dask_cluster: str, demo_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.nightly import collect_news

    monkeypatch.chdir(tmp_path)  # an s3:// night draws its data report in the working directory

    on_threads, on_dask = tmp_path / "threads", tmp_path / "dask"
    state = collect_news(config=str(demo_sources), data_dir=str(on_threads), return_state=True)
    assert state.is_completed(), state.message
    state = collect_news(config=str(demo_sources), data_dir=str(on_dask), dask_address=dask_cluster,
                         return_state=True)
    assert state.is_completed(), state.message
    expected, got = _rows(on_threads), _rows(on_dask)
    assert got.height >= 25 and got.equals(expected)
    runs = pl.read_delta(str(store.Tables.at(on_dask).runs))
    assert '"dask_address": "tcp://127.0.0.1:' in runs["parameters"][0]

    # The same into the S3 server: raw pages and tables in the bucket, tasks on the cluster.
    bucket = "s3://news-archive/dask-run/data"
    for night in (1, 2):
        state = collect_news(config=str(demo_sources), data_dir=bucket, dask_address=dask_cluster,
                             return_state=True)
        assert state.is_completed(), state.message
        assert _rows(bucket).equals(expected), f"night {night} on the cluster into S3 differs from threads"
    runs = store.read_table(store.Tables.at(bucket).runs).sort("started_at")
    new = [c["value"] for c in runs["counts"][1] if c["name"] == "new"]
    assert runs.height == 2 and new and not any(new), "the rerun fetched articles again"


def test_a_malformed_dask_address_is_bad_input(tmp_path: Path, capsys) -> None:
    code = main(["run", "--data-dir", str(tmp_path), "--dask-address", "localhost:8786"])
    assert code == 2
    assert "--dask-address 'localhost:8786' is not a Dask scheduler address" in capsys.readouterr().err
