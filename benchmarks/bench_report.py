"""Size and build time of the data report (``etl report``) on the demo data and on a 10,000-article table.

    nice -n 10 .venv/bin/python benchmarks/bench_report.py [--articles 10000] [--runs 60] [--keep DIR]

The demo data is collected from the embedded fixture site by the real pipeline (no Prefect). The
synthetic table is written through the project's own store functions, one merge per run like the
nightly job: ``--runs`` runs spread over two years of publication dates, several sources, Vietnamese
names and document codes drawn from pools, some nulls, quarantined pages and warnings per run.
Prints, per data set: rows, report bytes, build seconds (wall and CPU; read+aggregate, charts+page)
and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from etl import dashboard, store
from etl.config import load_config
from etl.fixtures.site import serve_fixture_sites, write_demo_sources
from etl.pipeline import collect_articles, discover_source, new_run_id, open_fetcher, write_run
from etl.raw import RawStore
from etl.settings import DEFAULT_SETTINGS

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Xuân", "Ngọc", "Mạnh"]
GIVEN = ["Hùng", "Dũng", "Quyết", "Tuấn", "Lan", "Hương", "Thắng", "Việt", "Long", "Hải", "Mai", "Tâm", "Khánh"]
POSITIONS = ["Bí thư Đảng ủy", "Giám đốc Sở", "Phó Chủ tịch UBND tỉnh", "Thứ trưởng", None]
DOC_TYPES = [("Nghị quyết", "NQ/TW"), ("Chỉ thị", "CT/TW"), ("Kết luận", "KL/TW"), ("Quyết định", "QĐ-UBND")]
SOURCES = [
    ("mic", "ministry"),
    ("thanhhoa", "province"),
    ("nghean", "province"),
    ("hatinh", "province"),
    ("quangbinh", "province"),
    ("laocai", "province"),
]
CHECKS = [("extract", "body_min_length"), ("fetch", "not_error_page"), ("extract", "title_not_site_name")]


def collect_demo(data_dir: Path) -> None:
    """The demo's sources collected once, as ``etl demo`` does (without Prefect)."""
    with serve_fixture_sites() as servers:
        cfg = load_config(write_demo_sources(servers, data_dir / "demo_sources.toml"))
        tables, raw = store.Tables.at(data_dir), RawStore(data_dir)
        started = datetime.now(UTC)
        run_id = new_run_id(started)
        batches = []
        for source in cfg.select(None):
            with open_fetcher(source, cfg) as fetcher:
                batch = discover_source(source, fetcher, tables, raw, DEFAULT_SETTINGS, run_id=run_id)
                batches.append(collect_articles(batch, source, fetcher, raw, DEFAULT_SETTINGS, run_id=run_id))
        write_run(tables, batches, DEFAULT_SETTINGS, run_id=run_id, started_at=started, parameters={})


def synthetic(data_dir: Path, articles: int, runs: int, seed: int = 13) -> None:
    rnd = random.Random(seed)
    tables = store.Tables.at(data_dir)
    people = [f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}" for _ in range(400)]
    docs = [(t, f"{rnd.randint(1, 99):02d}-{suffix}") for t, suffix in DOC_TYPES for _ in range(40)]
    first_run = datetime(2026, 1, 1, 18, 30, tzinfo=UTC)
    start = first_run - timedelta(days=730)
    n = 0
    for r in range(runs):
        per_run = articles * (r + 1) // runs - articles * r // runs
        started = first_run + timedelta(days=r)
        run_id = f"{started:%Y%m%dT%H%M%SZ}-{r:06x}"
        rows, counts, quarantine, dq = [], [], [], []
        for index, (source_id, kind) in enumerate(SOURCES):
            share = per_run * (index + 1) // len(SOURCES) - per_run * index // len(SOURCES)
            layout_broke = source_id == "laocai" and r > runs * 2 // 3  # a layout change: authors vanish
            for _ in range(share):
                n += 1
                published = start + timedelta(minutes=rnd.randint(0, 730 * 24 * 60 + r * 1440))
                rows.append(
                    {
                        "article_id": f"{n:016x}",
                        "source_id": source_id,
                        "source_kind": kind,
                        "url": f"https://{source_id}.gov.vn/tin-tuc/{n}.html",
                        "title": f"Hội nghị triển khai nhiệm vụ số {n}",
                        "published_at": published if rnd.random() > 0.02 else None,
                        "event_date": published.date() if rnd.random() > 0.2 else None,
                        "location": rnd.choice(["Hà Nội", "Thanh Hóa", "Nghệ An", None]),
                        "author": None if layout_broke or rnd.random() < 0.25 else rnd.choice(people),
                        "body": [f"Đoạn {i} của bài viết về chuyển đổi số, an toàn thông tin." * 4 for i in range(6)],
                        "images": [],
                        "word_count": 300,
                        "raw_sha256": f"{n:064x}",
                        "fetched_at": started,
                        "run_id": run_id,
                        "extractor_version": "bench",
                        "people": [
                            {"name": p, "position": rnd.choice(POSITIONS)}
                            for p in {
                                rnd.choice(people[: 40 if rnd.random() < 0.6 else 400])
                                for _ in range(rnd.randint(0, 4))
                            }
                        ],
                        "documents": [
                            {"type": t, "code": c, "date": None}
                            for t, c in {
                                rnd.choice(docs[:30] if rnd.random() < 0.5 else docs) for _ in range(rnd.randint(0, 3))
                            }
                        ],
                        "fetched_url": None,
                        "content_hash": f"{n:064x}",
                    }
                )
            bad = rnd.randint(0, 3)
            for i in range(bad):
                stage, check = rnd.choice(CHECKS)
                quarantine.append(
                    {
                        "url": f"https://{source_id}.gov.vn/x/{r}-{i}",
                        "source_id": source_id,
                        "stage": stage,
                        "check": check,
                        "message": "bench",
                        "run_id": run_id,
                        "quarantined_at": started,
                    }
                )
            dq.append(
                {
                    "run_id": run_id,
                    "stage": "curated",
                    "check": "null_author_rate_stable",
                    "source_id": source_id,
                    "severity": "warning",
                    "passed": 0 if layout_broke else 1,
                    "failed": 1 if layout_broke and r == runs * 2 // 3 + 1 else 0,
                    "examples": [],
                    "checked_at": started,
                }
            )
            counts += [
                {"source_id": source_id, "stage": s, "name": name, "value": v}
                for s, name, v in (
                    ("extract", "new", share),
                    ("fetch", "failed", rnd.randint(0, 2)),
                    ("quality", "quarantined", bad),
                )
            ]
        store.merge(
            tables.articles,
            store.frame(rows, store.ARTICLES_SCHEMA),
            key="article_id",
            run_id=run_id,
            change_column="content_hash",
        )
        store.append(tables.quarantine, store.frame(quarantine, store.QUARANTINE_SCHEMA), run_id=run_id)
        store.append(tables.dq_results, store.frame(dq, store.DQ_RESULTS_SCHEMA), run_id=run_id)
        store.append(
            tables.runs,
            store.frame(
                [
                    {
                        "run_id": run_id,
                        "started_at": started,
                        "finished_at": started + timedelta(seconds=rnd.uniform(40, 400)),
                        "status": "completed" if rnd.random() > 0.05 else "failed",
                        "parameters": "{}",
                        "counts": counts,
                        "table_versions": [],
                        "extractor_version": "bench",
                        "message": None,
                    }
                ],
                store.RUNS_SCHEMA,
            ),
            run_id=run_id,
        )
    store.rebuild_mentions(tables, run_id="bench")


def measure(label: str, data_dir: Path, out: Path) -> None:
    tables = store.Tables.at(data_dir)
    t0 = time.perf_counter()
    data = dashboard.load_report_data(tables)
    t1 = time.perf_counter()
    dashboard.render_html(data, data_dir)
    t2 = time.perf_counter()
    cpu = time.process_time()
    result = dashboard.write_report(data_dir, out)
    cpu = time.process_time() - cpu
    rows = pl.scan_delta(str(tables.articles)).select(pl.len()).collect().item()
    mentions = pl.scan_delta(str(tables.mentions)).select(pl.len()).collect().item()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {rows} articles, {mentions} mentions, {data.runs.height} runs, {len(data.sources)} sources")
    print(f"  report {result.bytes} bytes ({result.bytes / 1024:.0f} KiB) at {result.path}")
    print(
        f"  build {result.seconds:.2f} s wall, {cpu:.2f} s CPU (etl report's write_report; wall time grows with "
        f"the machine's load, CPU time does not); parts (wall): read+aggregate {t1 - t0:.2f} s, "
        f"charts+page {t2 - t1:.2f} s; peak RSS so far {peak_mb:.0f} MiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="build the data sets here and keep them (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        base = args.keep or Path(tmp)
        demo, big = base / "demo", base / "synthetic"
        collect_demo(demo)
        measure("demo data", demo, demo / "report.html")
        t = time.perf_counter()
        synthetic(big, args.articles, args.runs)
        print(f"(synthetic table written in {time.perf_counter() - t:.1f} s)")
        measure(f"synthetic {args.articles}-article table", big, big / "report.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
