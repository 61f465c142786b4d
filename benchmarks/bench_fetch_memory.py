"""Prove the fetcher's memory stays small on a gzip bomb and an oversize body.

The fault server runs in a child process so the parent's peak RSS is the fetcher's alone. For each
case the script prints the FetchResult error, the wall time, the tracemalloc peak of the fetch and
the process's peak RSS (``resource.getrusage``) before and after.

    .venv/bin/python benchmarks/bench_fetch_memory.py [--bomb-mb 1024] [--big-mb 256]
        [--max-bytes 5242880] [--naive]

``--naive`` finally fetches the same bomb with plain ``requests.get(...).content`` (no cap), to
show what the guard saves; it is off by default because it needs the whole decompressed size.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
from multiprocessing.connection import Connection
from pathlib import Path

from etl.fetch import Fetcher
from etl.settings import FetchSettings

#: The fault server is test-only code (tests/servers), not part of the shipped package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from servers.faults import FaultServer, make_bomb  # noqa: E402


def _serve(conn: Connection, bomb_mb: int) -> None:
    make_bomb(bomb_mb << 20, 31)
    make_bomb(bomb_mb << 20, 15)
    with FaultServer() as server:
        conn.send(server.netloc)
        conn.recv()


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _measure(fetcher: Fetcher, url: str) -> tuple[str | None, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    result = fetcher.get(url)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result.error, elapsed, peak / (1 << 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=1024, help="decompressed size of the bomb")
    parser.add_argument("--big-mb", type=int, default=256, help="size of the oversize body")
    parser.add_argument("--max-bytes", type=int, default=FetchSettings().max_bytes)
    parser.add_argument("--naive", action="store_true", help="also fetch the bomb uncapped")
    args = parser.parse_args(argv)

    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=_serve, args=(child, args.bomb_mb), daemon=True)
    proc.start()
    netloc = parent.recv()
    settings = FetchSettings(min_delay_s=0.0, max_bytes=args.max_bytes, obey_robots_txt=False,
                             retries=0)
    cases = [
        (f"gzip bomb ({args.bomb_mb} MiB decompressed)", f"/bomb.html?mb={args.bomb_mb}"),
        (f"deflate bomb ({args.bomb_mb} MiB decompressed)", f"/bomb-deflate.html?mb={args.bomb_mb}"),
        (f"oversize body, Content-Length ({args.big_mb} MiB)", f"/big.html?bytes={args.big_mb << 20}"),
        (f"oversize body, no Content-Length ({args.big_mb} MiB)",
         f"/big.html?bytes={args.big_mb << 20}&cl=0"),
    ]
    print(f"max_bytes cap: {args.max_bytes / (1 << 20):.1f} MiB")
    print(f"peak RSS before fetching: {_rss_mib():.1f} MiB")
    with Fetcher(settings, allowed_netlocs={netloc}, allow_private_networks=True) as fetcher:
        for label, path in cases:
            error, elapsed, traced = _measure(fetcher, f"http://{netloc}{path}")
            print(f"{label:48} error={error!r:14} {elapsed:6.2f}s  tracemalloc peak "
                  f"{traced:6.2f} MiB  peak RSS {_rss_mib():6.1f} MiB")
    if args.naive:
        import requests

        started = time.perf_counter()
        size = len(requests.get(f"http://{netloc}/bomb.html?mb={args.bomb_mb}", timeout=60).content)
        print(f"{'naive requests .content on the gzip bomb':48} {size >> 20} MiB in memory "
              f"{time.perf_counter() - started:6.2f}s  peak RSS {_rss_mib():6.1f} MiB")
    parent.send("stop")
    proc.join(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
