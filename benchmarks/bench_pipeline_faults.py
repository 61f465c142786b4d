"""Peak memory and wall time of whole pipeline runs that meet the fault server's faults, bombs included.

``bench_fetch_memory.py`` measures one Fetcher call; this measures what a night costs: discover →
collect → write_run (no Prefect) in a fresh child process per case, so each ``ru_maxrss`` is that
run's own peak (imports of polars/deltalake included). The fault server runs in another child, so
its bomb bytes are not counted. Cases:

* ``clean``        — the clean listing (2 articles): the baseline;
* ``faults, small bombs`` — every ``/news/<fault>.html`` with gzip/deflate bombs just over the cap;
* ``faults, 1 GiB bombs`` — the same with bombs of ``--bomb-mb`` MiB decompressed.

The difference between the last two is what the bombs' size costs a run (it should be ~0).

    .venv/bin/python benchmarks/bench_pipeline_faults.py [--bomb-mb 1024] [--max-bytes 5242880]
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from etl.settings import FetchSettings

#: The fault server is test-only code (tests/servers), not part of the shipped package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

#: Fast politeness so the timeouts of the slow faults do not dominate the figures.
POLITENESS = {"min_delay_s": 0.0, "retries": 1, "backoff_s": 0.05, "backoff_max_s": 0.1,
              "connect_timeout_s": 0.5, "read_timeout_s": 0.3, "total_timeout_s": 1.0,
              "max_retry_after_s": 2.0}


def _serve(conn: Connection, bomb_mb: int) -> None:
    from servers.faults import FaultServer, make_bomb

    make_bomb(bomb_mb << 20, 31)
    make_bomb(bomb_mb << 20, 15)
    with FaultServer(news_bomb_mb=bomb_mb) as server:
        conn.send(server.url("/"))
        conn.recv()


def _sources_toml(start_url: str, max_bytes: int) -> str:
    politeness = "\n".join(f"{k} = {v}" for k, v in {**POLITENESS, "max_bytes": max_bytes}.items())
    return f"""
allow_private_networks = true
[politeness]
{politeness}
[[sources]]
id = "bench"
name = "Cổng thông tin thử nghiệm"
kind = "province"
start_urls = ["{start_url}"]
article_url_pattern = '/news/[a-z0-9-]+\\.html$'
listing_url_pattern = '/newsroom\\?page=\\d+$'
max_listing_pages = 1
"""


def _run(conn: Connection, start_url: str, max_bytes: int) -> None:
    """One whole run in this (fresh) process; send back its peak RSS, time and fetch errors."""
    logging.basicConfig(level=logging.ERROR)  # every fault logs a warning; the figures are the output
    from etl import store
    from etl.config import parse_config
    from etl.pipeline import collect_articles, discover_source, new_run_id, open_fetcher, write_run
    from etl.raw import RawStore
    from etl.settings import DEFAULT_SETTINGS

    imported_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    config = parse_config(_sources_toml(start_url, max_bytes))
    source = config.sources[0]
    with tempfile.TemporaryDirectory() as data:
        tables, raw = store.Tables.at(data), RawStore(data)
        started_at = datetime.now(UTC)
        run_id = new_run_id(started_at)
        started = time.perf_counter()
        with open_fetcher(source, config) as fetcher:
            batch = discover_source(source, fetcher, tables, raw, DEFAULT_SETTINGS, run_id=run_id)
            batch = collect_articles(batch, source, fetcher, raw, DEFAULT_SETTINGS, run_id=run_id)
        report = write_run(tables, [batch], DEFAULT_SETTINGS, run_id=run_id, started_at=started_at,
                           parameters={})
        elapsed = time.perf_counter() - started
    errors = Counter(f["error"] for f in batch.fetch_log if f["kind"] == "article")
    conn.send({"peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "after_import_kib": imported_rss, "elapsed": elapsed, "errors": dict(errors),
               "counts": report.per_source["bench"]})


def _measure(start_url: str, max_bytes: int) -> dict[str, Any]:
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=_run, args=(child, start_url, max_bytes))
    proc.start()
    result = parent.recv()
    proc.join(60)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=1024, help="decompressed size of the big bombs")
    parser.add_argument("--max-bytes", type=int, default=FetchSettings().max_bytes)
    args = parser.parse_args(argv)
    small_mb = (args.max_bytes >> 20) + 1

    servers = []
    for mb in (small_mb, args.bomb_mb):
        parent, child = mp.Pipe()
        proc = mp.get_context("spawn").Process(target=_serve, args=(child, mb), daemon=True)
        proc.start()
        servers.append((parent, proc, parent.recv()))
    (_, _, small), (_, _, big) = servers
    cases = [("clean (2 articles)", f"{small}newsroom/clean"),
             (f"faults, bombs {small_mb} MiB", f"{small}newsroom?page=1"),
             (f"faults, bombs {args.bomb_mb} MiB", f"{big}newsroom?page=1")]
    print(f"max_bytes cap: {args.max_bytes / (1 << 20):.1f} MiB; one child process per run")
    for label, url in cases:
        r = _measure(url, args.max_bytes)
        bombs = {e: n for e, n in r["errors"].items() if e == "too large"}
        print(f"{label:28} peak RSS {r['peak_rss_kib'] / 1024:7.1f} MiB (after imports "
              f"{r['after_import_kib'] / 1024:6.1f} MiB)  wall {r['elapsed']:5.2f}s  "
              f"new={r['counts']['new']} quarantined={r['counts']['quarantined']} "
              f"skipped={r['counts']['skipped']} too-large={bombs.get('too large', 0)}")
    for parent, proc, _ in servers:
        parent.send("stop")
        proc.join(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
