"""``etl``: the command operators, the nightly deployment and newcomers use.

    etl run [--config FILE] [--data-dir DIR] [--source ID ...] [--max-listing-pages N]
            [--task-runner threads|dask] [--dask-address tcp://HOST:PORT]
    etl demo [--data-dir DIR]
    etl backfill --source ID [--until YYYY-MM-DD] [--max-listing-pages N] [--config FILE] [--data-dir DIR]
    etl reprocess [--config FILE] [--data-dir DIR] [--source ID ...] [--stale-only]
    etl maintain [--data-dir DIR] [--retention-days N]
    etl report [--data-dir DIR] [--since DATE] [--out FILE]
    etl export [--data-dir DIR] [--out DIR]
    etl sources suggest URL [--max-articles N] [--allow-private-networks]

Both run the real Prefect flow; with no Prefect server configured, Prefect starts a temporary
local one. Exit status 0 when the run completed, 1 when it failed, 2 for a bad command or config.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from etl import progress
from etl.errors import ConfigError, EtlError, StoreError, UsageError
from etl.settings import DEFAULT_DATA_DIR, DEFAULT_SETTINGS, DEMO_DATA_DIR, MAX_LISTING_PAGES_PER_RUN

log = logging.getLogger("etl.cli")


def prepare_prefect_env() -> None:
    """Defaults that make an unconfigured machine work offline; explicit settings win."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "etl")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    # Prefect gives its temporary server 20 s to answer; a busy 2-core machine needs more.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if "PREFECT_API_URL" not in os.environ and "PREFECT_HOME" not in os.environ:
        home = Path.home()
        if not home.is_dir():
            os.environ["PREFECT_HOME"] = str(Path.cwd() / ".prefect")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="etl", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="collect new articles from the sources file's portals")
    run.add_argument("--config", help="sources TOML file (default: the shipped real portals)")
    run.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="where data goes (default: ./data)")
    run.add_argument("--source", action="append", dest="sources", metavar="ID",
                     help="collect only this source id (repeatable)")
    run.add_argument("--max-listing-pages", type=int, metavar="N", help="listing pages per source")
    add_task_runner_arguments(run)

    demo = sub.add_parser("demo", help="run the nightly flow against the embedded fixture site (offline)")
    demo.add_argument("--data-dir", default=str(DEMO_DATA_DIR),
                      help=f"where data goes (default: ./{DEMO_DATA_DIR}, apart from real data)")
    demo.add_argument("--source", action="append", dest="sources", metavar="ID")
    demo.add_argument("--max-listing-pages", type=int, metavar="N")

    rep = sub.add_parser("reprocess", help="re-extract every stored raw page with the current extractor")
    rep.add_argument("--config", help="sources TOML file (default: the shipped real portals)")
    rep.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    rep.add_argument("--source", action="append", dest="sources", metavar="ID")
    rep.add_argument("--stale-only", action="store_true",
                     help="re-extract only pages whose row an older extractor version wrote")

    bkf = sub.add_parser("backfill", help="walk one source's archive of listing pages (resumable)")
    bkf.add_argument("--source", required=True, metavar="ID", help="the source whose archive is walked")
    bkf.add_argument("--until", metavar="YYYY-MM-DD",
                     help="stop after the first listing page whose articles are all older than this date")
    bkf.add_argument("--max-listing-pages", type=int, metavar="N",
                     help=f"listing pages to read at most (default {DEFAULT_SETTINGS.crawl.backfill_max_listing_pages})")
    bkf.add_argument("--config", help="sources TOML file (default: the shipped real portals)")
    bkf.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))

    mnt = sub.add_parser("maintain", help="compact small files and vacuum old table versions")
    mnt.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    mnt.add_argument("--retention-days", type=int, default=DEFAULT_SETTINGS.store.vacuum_retention_days,
                     help="keep versions younger than this (default %(default)s)")

    rpt = sub.add_parser("report", help="write the data report (one self-contained HTML file with charts)")
    rpt.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    rpt.add_argument("--since", metavar="DATE", help="only articles published / runs started from this day "
                     "on (YYYY-MM-DD, Vietnam time)")
    rpt.add_argument("--out", metavar="FILE", help="where the HTML goes (default: DATA_DIR/report.html)")

    exp = sub.add_parser("export", help="write the tables' current version as plain Parquet (one file per "
                         "source and month) for tools that read Parquet, not Delta")
    exp.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    exp.add_argument("--out", metavar="DIR", help="where the export goes, replaced whole (default: DATA_DIR/export)")

    src = sub.add_parser("sources", help="help with the sources file")
    src_sub = src.add_subparsers(dest="sources_command", required=True)
    sug = src_sub.add_parser("suggest", help="read one listing page and print a [[sources]] entry for it")
    sug.add_argument("url", metavar="URL", help="a listing page of the portal (its news section)")
    sug.add_argument("--max-articles", type=int, default=3, metavar="N", help="articles previewed (default 3)")
    sug.add_argument("--allow-private-networks", action="store_true",
                     help="allow a private or loopback address (test portals)")
    return parser


#: What ``--dask-address`` accepts: a Dask scheduler address.
DASK_ADDRESS_RE = re.compile(r"^(tcp|tls|ucx|inproc)://\S+$")


def add_task_runner_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task-runner", choices=("threads", "dask"), default="threads",
                        help="threads in this process (default), or dask: a cluster of worker processes")
    parser.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                        help="run the tasks on this existing Dask cluster (implies --task-runner dask)")


def check_task_runner_arguments(args: argparse.Namespace) -> str | None:
    """The one-line complaint about a bad ``--dask-address``, or None."""
    address = getattr(args, "dask_address", None)
    if address is not None and not DASK_ADDRESS_RE.match(address):
        return f"--dask-address {address!r} is not a Dask scheduler address like tcp://HOST:PORT"
    return None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("etl").setLevel(logging.INFO)
    if getattr(args, "max_listing_pages", None) is not None and args.max_listing_pages < 1:
        print("etl: --max-listing-pages must be ≥ 1", file=sys.stderr)
        return 2
    if args.command in ("run", "demo") and (args.max_listing_pages or 0) > MAX_LISTING_PAGES_PER_RUN:
        print(f"etl: --max-listing-pages must be at most {MAX_LISTING_PAGES_PER_RUN} for one run, got "
              f"{args.max_listing_pages}", file=sys.stderr)
        return 2
    if complaint := check_task_runner_arguments(args):
        print(f"etl: {complaint}", file=sys.stderr)
        return 2
    try:
        if args.command in ("run", "demo"):
            return _run(args, fixture_site=args.command == "demo")
        if args.command == "reprocess":
            return _reprocess(args)
        if args.command == "backfill":
            return _backfill(args)
        if args.command == "maintain":
            return _maintain(args)
        if args.command == "report":
            return _report(args)
        if args.command == "export":
            return _export(args)
        if args.command == "sources":
            return _suggest(args)
    except ConfigError as exc:
        print(f"etl: configuration error: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"etl: {exc}", file=sys.stderr)
        return 2
    except EtlError as exc:
        print(f"etl: {exc}", file=sys.stderr)
        return 1
    return 2


def _run(args: argparse.Namespace, *, fixture_site: bool) -> int:
    from etl import store
    from etl.config import load_config
    from etl.dashboard import default_report_path
    from etl.report import load_run_report, render_console

    if not fixture_site:
        load_config(args.config).select(args.sources)  # fail fast, before Prefect starts
    store.check_data_dir(args.data_dir)
    prepare_prefect_env()
    from flows.nightly import collect_news

    started = datetime.now(UTC)
    with ExitStack() as stack:
        if sys.stderr.isatty():
            progress.use(stack.enter_context(progress.RichProgress()))
        state = collect_news(sources=args.sources, max_listing_pages=args.max_listing_pages,
                             data_dir=args.data_dir, config=None if fixture_site else args.config,
                             fixture_site=fixture_site, task_runner=getattr(args, "task_runner", "threads"),
                             dask_address=getattr(args, "dask_address", None), return_state=True)
    progress.use(progress.LogProgress())
    report = load_run_report(store.Tables.at(args.data_dir))
    if report is not None and report.started_at >= started.replace(microsecond=0):
        print(render_console(report))
        data_report = default_report_path(args.data_dir)
        if data_report.is_file() and data_report.stat().st_mtime >= started.timestamp():
            print(f"Report: {data_report.resolve()} (open it in a browser; `etl report` rebuilds it)")
    if not state.is_completed():
        print(f"etl: run {state.name}: {state.message}", file=sys.stderr)
        return 1
    return 0



def _reprocess(args: argparse.Namespace) -> int:
    from etl.config import load_config

    load_config(args.config).select(args.sources)
    prepare_prefect_env()
    from flows.maintenance import reprocess_news

    state = reprocess_news(data_dir=args.data_dir, config=args.config, sources=args.sources,
                           stale_only=args.stale_only, return_state=True)
    if not state.is_completed():
        print(f"etl: reprocess {state.name}: {state.message}", file=sys.stderr)
        return 1
    result = state.result()
    print(f"Reprocessed {args.data_dir}: {result['merged']}; table versions {result['table_versions']}")
    return 0


def _backfill(args: argparse.Namespace) -> int:
    from datetime import date

    from etl.config import load_config

    until = None
    if args.until is not None:
        try:
            until = date.fromisoformat(args.until)
        except ValueError:
            print(f"etl: --until {args.until!r} is not a date like 2024-01-31", file=sys.stderr)
            return 2
    if args.max_listing_pages is not None and args.max_listing_pages > 10_000:
        print(f"etl: --max-listing-pages must be at most 10000, got {args.max_listing_pages}", file=sys.stderr)
        return 2
    load_config(args.config).select([args.source])  # fail fast, before Prefect starts
    prepare_prefect_env()
    from flows.backfill import backfill_news

    with ExitStack() as stack:
        if sys.stderr.isatty():
            progress.use(stack.enter_context(progress.RichProgress()))
        state = backfill_news(source=args.source, until=until, max_listing_pages=args.max_listing_pages,
                              data_dir=args.data_dir, config=args.config, return_state=True)
    progress.use(progress.LogProgress())
    if not state.is_completed():
        print(f"etl: backfill {state.name}: {state.message}", file=sys.stderr)
        return 1
    done = state.result()
    print(f"Backfill {args.source}: {done['listing_pages']} listing page(s) ({done['listing_from_raw']} read back "
          f"from raw), {done['new']} new article(s), {done['already_stored']} already stored; "
          f"stopped: {done['stopped_by']}")
    return 0 if done["status"] == "completed" else 1


def _maintain(args: argparse.Namespace) -> int:
    if args.retention_days < 0:
        print("etl: --retention-days must be ≥ 0", file=sys.stderr)
        return 2
    prepare_prefect_env()
    from flows.maintenance import maintain_tables

    state = maintain_tables(data_dir=args.data_dir, retention_days=args.retention_days, return_state=True)
    if not state.is_completed():
        print(f"etl: maintain {state.name}: {state.message}", file=sys.stderr)
        return 1
    for table, done in state.result().items():
        print(f"{table}: {done}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from datetime import date

    from etl import dashboard, store

    since = None
    if args.since is not None:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            print(f"etl: --since {args.since!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return 2
    tables = store.Tables.at(args.data_dir)
    if not any(store.exists(p) for p in tables.curated_tables().values()):
        print(f"etl: no curated tables in {tables.curated} (run `etl run` or `etl demo` first)", file=sys.stderr)
        return 2
    try:
        result = dashboard.write_report(args.data_dir, args.out, since=since)
    except OSError as exc:
        print(f"etl: cannot write the report to {args.out or tables.data_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Report: {result.path} ({result.bytes / 1024:.0f} KiB, built in {result.seconds:.1f} s)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from etl import store
    from etl.export import export_current

    tables = store.Tables.at(args.data_dir)
    if not any(store.exists(p) for p in tables.curated_tables().values()):
        print(f"etl: no curated tables in {tables.curated} (run `etl run` or `etl demo` first)", file=sys.stderr)
        return 2
    if args.out is None and store.is_remote(args.data_dir):
        print("etl: --out DIR is needed to export an object-store data dir (the export is a local folder)",
              file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else tables.data_dir / "export"
    try:
        done = export_current(args.data_dir, out)
    except StoreError as exc:
        print(f"etl: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"etl: cannot write the export to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for t in done:
        print(f"{t.table}: version {t.version}, {t.rows} rows in {t.files} file(s)")
    print(f"Export: {out.resolve()} (plain Parquet, one folder per table; read it with any Parquet reader)")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from etl.suggest import suggest_source

    logging.getLogger("etl").setLevel(logging.ERROR)  # the outcome is the printed block or one line
    try:
        found = suggest_source(args.url, max_articles=args.max_articles,
                               allow_private_networks=args.allow_private_networks)
    except ConfigError as exc:
        print(f"etl: sources suggest: {exc}", file=sys.stderr)
        return 2
    print(found.toml())
    print(f"# {len(found.article_urls)} article link(s), {len(found.listing_urls)} pager link(s), "
          f"{len(found.other_urls)} other link(s) on the page")
    for p in found.previews:
        if p.error:
            print(f"# {p.url}\n#   could not be read: {p.error}")
            continue
        first = (p.first_line or "")[:120]
        print(f"# {p.url}\n#   title: {p.title}\n#   published_at: "
              f"{p.published_at.isoformat() if p.published_at else None}\n#   author: {p.author}\n#   body: {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
