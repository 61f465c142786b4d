"""A run's report as people read it: the Prefect artifact (markdown) and the terminal summary."""

from __future__ import annotations

import json

import polars as pl

from etl import store
from etl.pipeline import ON_SOURCE_HOSTS, RunReport

COLUMNS = (("listing_pages", "listing pages"), ("feed_documents", "feeds/sitemaps"), ("new", "new"), ("unchanged", "unchanged"),
           ("skipped", "skipped"), ("failed", "failed"), ("quarantined", "quarantined"), ("rows_written", "rows written"),
           ("left", "left for next run"), ("retried", "retried (failed before)"),
           ("refreshed", "re-asked (recent)"), ("edited", "edited"))

READ_SNIPPET = """import polars as pl
articles = pl.read_delta("{path}")
print(articles.select("source_id", "published_at", "title").sort("published_at").tail())"""


def source_rows(report: RunReport) -> list[dict[str, object]]:
    return [{"source": sid, **{label: counts.get(key, 0) for key, label in COLUMNS}}
            for sid, counts in report.per_source.items()]


def moved_hosts(report: RunReport) -> list[str]:
    """``<source>: <url>: redirected to host …; add extra_hosts = […]`` for every URL (a few per
    source) that left the source's hosts: a portal that moved, and the line that fixes the file."""
    return [f"{r['source_id']}: {example}" for r in report.dq_failures if r["check"] == ON_SOURCE_HOSTS
            for example in r["examples"] or []]


def render_markdown(report: RunReport) -> str:
    duration = (report.finished_at - report.started_at).total_seconds()
    head = "| source | " + " | ".join(label for _, label in COLUMNS) + " |"
    sep = "|---" * (len(COLUMNS) + 1) + "|"
    lines = [f"# Run {report.run_id}: {report.status}", "",
             f"Duration {duration:.1f} s · data in `{report.data_dir}` · failure rate {report.failure_rate:.0%}",
             "", head, sep]
    for row in source_rows(report):
        lines.append("| " + " | ".join(str(v) for v in row.values()) + " |")
    lines += ["", "**Table versions written:** " + ", ".join(f"`{t}` v{v}" for t, v in report.table_versions.items())]
    if report.message:
        lines += ["", f"**Why it failed:** {report.message}"]
    if moved := moved_hosts(report):
        lines += ["", "**Moved to another host** (update the sources file):"] + [f"- {m}" for m in moved]
    if report.alerts:
        lines += ["", "**Alerts:**"] + [f"- {a}" for a in report.alerts]
    if report.dq_failures:
        lines += ["", "**Failed checks:**", "", "| stage | check | source | severity | failed | example |",
                  "|---|---|---|---|---|---|"]
        for r in report.dq_failures:
            example = (r["examples"] or [""])[0].replace("|", "\\|")[:160]
            lines.append(f"| {r['stage']} | {r['check']} | {r['source_id']} | {r['severity']} | "
                         f"{r['failed']} | {example} |")
    return "\n".join(lines)


def render_console(report: RunReport) -> str:
    articles = f"{report.data_dir}/curated/articles"
    lines = [f"Run {report.run_id}: {report.status}"
             + (f" ({report.message})" if report.message else "")]
    for row in source_rows(report):
        src = row.pop("source")
        lines.append(f"  {src:<10} " + ", ".join(f"{k}: {v}" for k, v in row.items()))
    lines += [f"  moved: {m}" for m in moved_hosts(report)]
    lines.append("  table versions: " + ", ".join(f"{t} v{v}" for t, v in report.table_versions.items()))
    lines += [f"Data: {report.data_dir}/curated (Delta tables), raw pages in {report.data_dir}/raw",
              "Read it:", READ_SNIPPET.format(path=articles)]
    return "\n".join(lines)


def load_run_report(tables: store.Tables, run_id: str | None = None) -> RunReport | None:
    """Rebuild a run's report from the ``runs`` and ``dq_results`` tables (the latest run by default)."""
    runs = store.read_table(tables.runs, store.RUNS_SCHEMA)
    if run_id is not None:
        runs = runs.filter(pl.col("run_id") == run_id)
    if runs.is_empty():
        return None
    row = runs.sort("finished_at").row(-1, named=True)
    per_source: dict[str, dict[str, int]] = {}
    for c in row["counts"]:
        per_source.setdefault(c["source_id"], {})[c["name"]] = c["value"]
    dq = store.read_table(tables.dq_results, store.DQ_RESULTS_SCHEMA).filter(
        (pl.col("run_id") == row["run_id"]) & (pl.col("failed") > 0))
    return RunReport(run_id=row["run_id"], started_at=row["started_at"], finished_at=row["finished_at"],
                     status=row["status"], parameters=json.loads(row["parameters"] or "{}"),
                     per_source=per_source,
                     table_versions={t["table"]: t["version"] for t in row["table_versions"]},
                     data_dir=str(tables.data_dir), message=row["message"] or "",
                     dq_failures=dq.to_dicts())
