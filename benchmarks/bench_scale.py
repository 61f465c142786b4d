"""Scale: a many-article backfill through `etl run` (threads vs Dask), and the nightly table steps vs table size.

Part 1 serves HOSTS synthetic portals on 127.0.0.1 (copies of the fixture site's mic article pages,
each with its own URL and title, 50 links per listing page) and runs one real `etl run` over all of
them, with `--task-runner threads` and then `--task-runner dask` (a local cluster of 2 worker
processes). It prints articles/s of the run against `extract_article` pages/s on the same pages in
one process, and the peak RSS of every process of the run (etl, Prefect's temporary server, Dask
scheduler and workers), sampled with psutil.

Part 2 times the table steps of a nightly increment (`write_run` of 80 new articles: fetch log,
articles merge, mentions, quarantine, dq_results, runs) on tables already holding 2k, 10k and 100k
rows, without network.

    nice -n 10 .venv/bin/python benchmarks/bench_scale.py [--articles 10000] [--sizes 2000,10000,100000]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "src" / "etl" / "fixtures" / "site" / "mic"
PER_LISTING = 50
HOSTS = 4


def _templates() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(SITE.glob("article-*.html"))]
    return [re.sub(r"<link[^>]+canonical[^>]*>", "", p) for p in pages]


class Portal:
    """One synthetic portal: /list?page=N (newest first, 50 links each) and /a/N/t.html articles."""

    def __init__(self, articles: int, templates: list[str]) -> None:
        self.articles, self.templates = articles, templates
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                body, status = portal.page(self.path)
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str) -> tuple[str, int]:
        if path == "/robots.txt":
            return "User-agent: *\nAllow: /\n", 200
        if m := re.match(r"^/list(?:\?page=(\d+))?$", path):
            n = int(m.group(1) or 1)
            first = (n - 1) * PER_LISTING
            ids = range(first, min(first + PER_LISTING, self.articles))
            links = "".join(f'<li><a href="/a/{i}/bai-viet-{i}.html">Bài {i}</a></li>' for i in ids)
            more = f'<a href="/list?page={n + 1}">Trang sau</a>' if first + PER_LISTING < self.articles else ""
            return f"<html><body><ul>{links}</ul>{more}</body></html>", 200
        if m := re.match(r"^/a/(\d+)/", path):
            i = int(m.group(1))
            page = self.templates[i % len(self.templates)]
            return re.sub(r"<title>(.*?)</title>", lambda t: f"<title>{t.group(1)} (số {i})</title>", page,
                          count=1, flags=re.S).replace("</h1>", f" — số {i}</h1>", 1), 200
        return "not found", 404

    def stop(self) -> None:
        self.server.shutdown()


def sources_file(portals: list[Portal], path: Path, articles: int) -> Path:
    pages = -(-articles // (PER_LISTING * len(portals))) + 1
    blocks = [f'''[[sources]]
id = "p{i}"
name = "Cổng thử {i}"
kind = "province"
adapter = "mic"
start_urls = ["{p.base}/list"]
article_url_pattern = '/a/\\d+/[^/]+\\.html$'
listing_url_pattern = '/list\\?page=\\d+'
max_listing_pages = {min(pages, 100)}
''' for i, p in enumerate(portals)]
    path.write_text(f"allow_private_networks = true\n[politeness]\nmin_delay_s = 0.0\n\n[crawl]\n"
                    f"max_articles_per_run = {articles}\n\n" + "\n".join(blocks), encoding="utf-8")
    return path


def extract_rate(portals: list[Portal], n: int = 400) -> float:
    """extract_article pages/s in this process, on the same synthetic pages."""
    from etl.extract import extract_article

    pages = [(portals[0].page(f"/a/{i}/x.html")[0], f"{portals[0].base}/a/{i}/x.html") for i in range(n)]
    started = time.perf_counter()
    for html, url in pages:
        extract_article(html, url, adapter="mic")
    return n / (time.perf_counter() - started)


def run_etl(config: Path, data: Path, runner: str) -> tuple[float, int, dict[str, float]]:
    """One `etl run`; returns (seconds, exit code, peak RSS MiB per process kind)."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(data.parent / "prefect")}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    log = (data.parent / f"etl-{runner}.log").open("w+", encoding="utf-8")  # a file: a full pipe would stall the run
    proc = subprocess.Popen([sys.executable, "-m", "etl.cli", "run", "--config", str(config), "--data-dir", str(data),
                             "--task-runner", runner], env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
    peaks: dict[int, tuple[str, float]] = {}
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss / 2**20
                    kind = _kind(p)
                except psutil.Error:
                    continue
                if rss > peaks.get(p.pid, ("", 0.0))[1]:
                    peaks[p.pid] = (kind, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    log.seek(0)
    if proc.returncode:
        print(log.read()[-2000:], file=sys.stderr)
    log.close()
    by_kind: dict[str, float] = {}
    for kind, rss in peaks.values():
        label = kind if kind not in by_kind else f"{kind} #{sum(k.startswith(kind) for k in by_kind) + 1}"
        by_kind[label] = rss
    return elapsed, proc.returncode, by_kind


def _kind(p: psutil.Process) -> str:
    cmd = " ".join(p.cmdline())
    if "etl.cli" in cmd:
        return "etl"
    if "uvicorn" in cmd or "prefect.server" in cmd:
        return "prefect server"
    if "multiprocessing" in cmd or "distributed" in cmd or "dask" in cmd:
        return "dask process"
    return p.name()


def part_backfill(articles: int) -> None:
    import polars as pl

    templates = _templates()
    per_host = -(-articles // HOSTS)
    portals = [Portal(per_host, templates) for _ in range(HOSTS)]
    try:
        rate = extract_rate(portals)
        print(f"extract_article alone: {rate:.0f} pages/s (one process, same synthetic pages)")
        for runner in ("threads", "dask"):
            with tempfile.TemporaryDirectory() as tmp:
                data = Path(tmp) / "data"
                config = sources_file(portals, Path(tmp) / "sources.toml", per_host * HOSTS)
                seconds, code, peaks = run_etl(config, data, runner)
                rows = pl.read_delta(str(data / "curated" / "articles")).height if code == 0 else 0
                unique = pl.read_delta(str(data / "curated" / "articles"))["article_id"].n_unique() if rows else 0
                print(f"{runner:>7}: exit {code}, {rows} rows ({unique} unique) in {seconds:.1f} s = "
                      f"{rows / seconds:.1f} articles/s = {rows / seconds / rate:.2f}x extract_article")
                for kind, rss in sorted(peaks.items(), key=lambda kv: -kv[1]):
                    print(f"         peak RSS {kind}: {rss:.0f} MiB")
    finally:
        for p in portals:
            p.stop()


def part_nightly(sizes: list[int]) -> None:
    from etl import store
    from etl.pipeline import SourceBatch, write_run
    from etl.settings import DEFAULT_SETTINGS

    def row(i: int, run: str) -> dict:
        return {"article_id": f"{i:016x}", "source_id": f"p{i % 4}", "source_kind": "province",
                "url": f"https://example.gov.vn/a/{i}", "title": f"Tin {i}", "body": ["Nội dung " * 40] * 6,
                "images": [], "word_count": 240, "raw_sha256": f"{i:064x}", "fetched_at": datetime.now(UTC),
                "published_at": datetime(2024, 1, 1, tzinfo=UTC), "run_id": run, "extractor_version": "bench",
                "people": [{"name": f"Nguyễn Văn {i}", "position": "Giám đốc"}], "documents": [],
                "fetched_url": f"https://example.gov.vn/a/{i}", "content_hash": f"h{i}"}

    times: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tables = store.Tables.at(tmp)
            for start in range(0, size, 20_000):
                rows = [row(i, "seed") for i in range(start, min(size, start + 20_000))]
                store.merge(tables.articles, store.frame(rows, store.ARTICLES_SCHEMA), key="article_id", run_id="seed")
            store.rebuild_mentions(tables, run_id="seed")
            samples = []
            for night in range(3):
                first = size + night * 80
                batch = SourceBatch(source_id="p0", rows=[row(i, f"n{night}") for i in range(first, first + 80)])
                started = time.perf_counter()
                write_run(tables, [batch], DEFAULT_SETTINGS, run_id=f"n{night}", started_at=datetime.now(UTC),
                          parameters={})
                samples.append(time.perf_counter() - started)
            times[size] = sorted(samples)[1]
            print(f"nightly increment of 80 at {size:>6} rows: table steps {times[size]:.2f} s (median of 3)")
    if len(times) > 1:
        low, high = min(times), max(times)
        print(f"table steps at {high} rows / at {low} rows: {times[high] / times[low]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sizes", default="2000,10000,100000")
    parser.add_argument("--skip-backfill", action="store_true")
    args = parser.parse_args()
    if not args.skip_backfill:
        part_backfill(args.articles)
    part_nightly([int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
