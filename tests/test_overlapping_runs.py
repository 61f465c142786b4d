"""Two real `etl run`s started at once on one data dir: the lock serialises them, nothing doubles.

A night's run that overruns into a manual rerun (or a retried deployment) must not interleave Delta
commits: ``store.run_lock`` makes the second run wait (``StoreSettings.lock_timeout_s``) and then find
every article already stored.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from etl import store

pytestmark = pytest.mark.e2e

#: The whole test; a run against the fixture sites takes a few seconds plus Prefect start-up and the
#: data report, but three runs start at once on a shared 2-core machine: the bound is for a hang only.
DEADLINE_S = 240


def _etl_run(config: Path, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([sys.executable, "-m", "etl.cli", "run", "--config", str(config),
                             "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _delta_versions(table: Path) -> list[int]:
    return sorted(int(p.stem) for p in (table / "_delta_log").glob("*.json"))


class _Output:
    """A run's merged stdout/stderr, read in a thread so the test can wait for a line."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def has(self, text: str) -> bool:
        return any(text in line for line in list(self.lines))

    def wait(self, timeout: float) -> tuple[int, str]:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise
        self._thread.join(5)
        return code, "".join(self.lines)


def test_two_runs_at_once_serialise_on_the_lock(demo_sources: Path, tmp_path: Path) -> None:
    """The test holds the lock until both flows are past start-up, so both really contend for it."""
    data, clean = tmp_path / "data", tmp_path / "clean"
    started = time.monotonic()
    single = _Output(_etl_run(demo_sources, clean))  # the reference: one run alone, meanwhile
    with store.run_lock(data, timeout_s=1):
        outputs = [_Output(_etl_run(demo_sources, data)) for _ in range(2)]
        while not all(o.has("source(s) from") for o in outputs):
            assert all(o.proc.poll() is None for o in outputs), "".join(line for o in outputs for line in o.lines)
            assert time.monotonic() - started < DEADLINE_S, "flows never started"
            time.sleep(0.1)
        assert not (data / "curated").exists() and not (data / "raw").exists(), "a run ignored the lock"
    results = [o.wait(max(1.0, DEADLINE_S - (time.monotonic() - started))) for o in outputs]
    codes = [code for code, _ in results]
    for code, out in results:
        assert code == 0 or (code == 1 and ".etl.lock" in out), out[-3000:]
    assert 0 in codes, results

    single_code, single_out = single.wait(DEADLINE_S)
    assert single_code == 0, single_out[-3000:]

    tables = store.Tables.at(data)
    articles = pl.read_delta(str(tables.articles))
    expected = pl.read_delta(str(store.Tables.at(clean).articles))
    assert articles["article_id"].is_unique().all()
    assert articles.height == expected.height > 0
    assert sorted(articles["url"]) == sorted(expected["url"])

    runs = pl.read_delta(str(tables.runs)).sort("started_at")
    completed = codes.count(0)
    assert runs["status"].to_list() == ["completed"] * completed
    if completed == 2:
        # The second run committed after the first: it found every article stored.
        first, second = runs.sort("finished_at").iter_rows(named=True)
        assert second["started_at"] < first["finished_at"], "the runs did not overlap"
        new = {c["source_id"]: c["value"] for c in second["counts"] if c["name"] == "new"}
        assert new and all(v == 0 for v in new.values()), new
    commits: list[tuple[int, str]] = []
    for name, path in {**tables.curated_tables(), "fetch_log": tables.fetch_log}.items():
        versions = _delta_versions(path)
        assert versions == list(range(len(versions))), f"{name}: versions {versions}"
        infos = [json.loads(line)["commitInfo"] for v in versions
                 for line in (path / "_delta_log" / f"{v:020d}.json").read_text().splitlines()
                 if line.startswith('{"commitInfo"')]
        assert len(infos) == len(versions), f"{name}: a version without commitInfo"
        assert {i.get("etl.run_id") for i in infos} == set(runs["run_id"]), name
        commits += [(i["timestamp"], i["etl.run_id"]) for i in infos]
        pl.read_delta(str(path))
    # Across every table, one run's commits form one unbroken stretch: the other never wrote between.
    order = [rid for _, rid in sorted(commits)]
    assert _contiguous(order), order
    assert time.monotonic() - started < DEADLINE_S


def _contiguous(run_ids: list[str]) -> bool:
    """True when each run id occupies one unbroken stretch of the sequence."""
    seen: list[str] = []
    for rid in run_ids:
        if not seen or seen[-1] != rid:
            if rid in seen:
                return False
            seen.append(rid)
    return True
