"""A real `etl run` killed mid-way, then rerun: no row duplicated, none lost, tables readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from etl import store

pytestmark = pytest.mark.e2e


def _etl_run(config: Path, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([sys.executable, "-m", "etl.cli", "run", "--config", str(config),
                             "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _kill_when(proc: subprocess.Popen[str], ready, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"run ended before the kill point:\n{proc.stdout.read()}"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)


def _commits(table: Path) -> int:
    """Commits that added data files: the table is created empty first, which does not count."""
    log = table / "_delta_log"
    return sum('"add"' in p.read_text(encoding="utf-8") for p in log.glob("*.json")) if log.exists() else 0


@pytest.mark.parametrize("kill_point", ["while fetching", "right after the articles commit"])
def test_killed_run_then_rerun_neither_duplicates_nor_loses(kill_point: str, demo_sources: Path,
                                                            tmp_path: Path) -> None:
    data = tmp_path / "data"
    tables = store.Tables.at(data)
    slow = demo_sources.read_text(encoding="utf-8").replace("min_delay_s = 0.05", "min_delay_s = 0.15")
    config = tmp_path / "slow.toml"
    config.write_text(slow, encoding="utf-8")

    proc = _etl_run(config, data)
    if kill_point == "while fetching":
        _kill_when(proc, lambda: len(list((data / "raw" / "pages").glob("*/*.gz"))) >= 5)
        assert not store.exists(tables.articles)
    else:
        _kill_when(proc, lambda: _commits(tables.articles) >= 1)
        assert not store.exists(tables.runs), "killed too late: the run had finished"

    rerun = _etl_run(config, data)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out
    articles = pl.read_delta(str(tables.articles))
    assert articles["article_id"].is_unique().all()
    complete = _etl_run(config, tmp_path / "clean")
    clean_out, _ = complete.communicate(timeout=300)
    assert complete.returncode == 0, clean_out
    expected = pl.read_delta(str(tmp_path / "clean" / "curated" / "articles"))
    assert sorted(articles["url"]) == sorted(expected["url"])
    runs = pl.read_delta(str(tables.runs))
    assert runs.height == 1 and runs["status"].to_list() == ["completed"]
