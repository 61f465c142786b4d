"""The data report: one self-contained HTML file of charts over the curated tables.

Analysts see what was collected without writing code, operators see the trend a single Prefect
run cannot show (freshness, quality drift, run history). Charts are drawn by matplotlib as SVG
with text kept as text, and a subset of DejaVu Sans (it has every Vietnamese glyph) is embedded
in the page, so the file opens offline and diacritics render in any browser. Times are shown in
Vietnam time, labelled so. ``src/etl/report.py`` is the per-run summary; this is the trend.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from etl import store
from etl.pipeline import WATCHED_NULLS
from etl.settings import SOURCE_TIMEZONE

log = logging.getLogger(__name__)

VN = ZoneInfo(SOURCE_TIMEZONE)
TZ_LABEL = "giờ Việt Nam (UTC+07:00)"
REPORT_NAME = "report.html"
#: People / documents shown per chart and per source table, and article links per entry.
TOP_N = 10
LINKS_PER_ENTRY = 5
FONT_FAMILY = "DejaVu Sans"

#: The charts every report has, in page order: id → heading. The browser test walks this list.
CHARTS: dict[str, str] = {
    "weekly": "Articles per source per week",
    "quarantine": "Quarantined records per run, by source and check",
    "warnings": "Quality warnings per run, by source and check",
    "nulls": "Null rates per source per run",
    "people": "Most-mentioned people",
    "documents": "Most-cited documents",
    "runs": "Run history",
}


@dataclass
class ReportData:
    """The frames behind the report, all times already in Vietnam time."""

    since: date | None
    sources: list[str]
    weekly: pl.DataFrame
    freshness: pl.DataFrame
    runs: pl.DataFrame
    per_run_source: pl.DataFrame
    quarantine: pl.DataFrame
    warnings: pl.DataFrame
    nulls: pl.DataFrame
    people: pl.DataFrame
    documents: pl.DataFrame
    links: pl.DataFrame


@dataclass
class ReportResult:
    """What was written, for the CLI, the Prefect artifact and the benchmark."""

    path: Path
    bytes: int
    seconds: float
    figures: dict[str, Any] = field(default_factory=dict)


def _vn(column: str) -> pl.Expr:
    return pl.col(column).dt.convert_time_zone(SOURCE_TIMEZONE)


def _since_utc(since: date | None) -> datetime | None:
    """Midnight of ``since`` in Vietnam, as a UTC instant (the tables store UTC)."""
    if since is None:
        return None
    return datetime(since.year, since.month, since.day, tzinfo=VN).astimezone(UTC)


def _after(df: pl.DataFrame, column: str, start: datetime | None) -> pl.DataFrame:
    return df if start is None else df.filter(pl.col(column) >= start)


def _read(path: Path, schema: dict[str, pl.DataType], columns: list[str]) -> pl.DataFrame:
    """Only the columns a chart needs (articles' bodies are most of the table's bytes)."""
    if not store.exists(path):
        return pl.DataFrame(schema={c: schema[c] for c in columns})
    return store.scan(path).select(columns).collect()


def load_report_data(tables: store.Tables, since: date | None = None) -> ReportData:
    """Read the curated tables (current version) and aggregate what each chart shows."""
    start = _since_utc(since)
    wanted = ["article_id", "source_id", "url", "title", "published_at", "fetched_at", "run_id"]
    articles = _read(tables.articles, store.ARTICLES_SCHEMA, [*wanted, *(c for c in WATCHED_NULLS if c not in wanted)])
    runs_raw = _after(store.read_table(tables.runs, store.RUNS_SCHEMA), "started_at", start)
    mentions = store.read_table(tables.mentions, store.MENTIONS_SCHEMA)
    quarantine_raw = _after(store.read_table(tables.quarantine, store.QUARANTINE_SCHEMA), "quarantined_at", start)
    dq = _after(store.read_table(tables.dq_results, store.DQ_RESULTS_SCHEMA), "checked_at", start)

    in_period = _after(articles, "published_at", start)
    runs = _run_history(runs_raw)
    per_run_source = _per_run_source(runs_raw)
    run_times = runs.select("run_id", "started_vn")
    sources = sorted(set(articles["source_id"].to_list()) | set(per_run_source["source_id"].to_list()))

    weekly = (
        in_period.drop_nulls("published_at")
        .group_by("source_id", week=_vn("published_at").dt.truncate("1w").dt.date())
        .agg(articles=pl.len())
        .sort("week", "source_id")
    )
    freshness = _freshness(articles, runs_raw, sources)

    quarantine = (
        quarantine_raw.group_by("run_id", "source_id", "check")
        .agg(count=pl.len())
        .join(run_times, on="run_id", how="left")
        .sort("started_vn", "source_id", "check")
    )
    warnings = (
        dq.filter((pl.col("severity") == "warning") & (pl.col("failed") > 0))
        .group_by("run_id", "source_id", "check")
        .agg(count=pl.col("failed").sum())
        .join(run_times, on="run_id", how="left")
        .sort("started_vn", "source_id", "check")
    )
    # A row carries the run that wrote (or last changed) it: per run, the rates of what it wrote.
    nulls = (
        articles.join(run_times, on="run_id", how="inner")
        .group_by("run_id", "started_vn", "source_id")
        .agg(rows=pl.len(), **{c: pl.col(c).is_null().mean() for c in WATCHED_NULLS})
        .sort("started_vn", "source_id")
    )

    mentions = _after(mentions, "published_at", start)
    people = _top(mentions.filter(pl.col("kind") == "person"), "name")
    documents = _top(
        mentions.filter(pl.col("kind") == "document").with_columns(
            label=pl.concat_str(pl.col("doc_type").fill_null(""), pl.lit(" "), "code").str.strip_chars()
        ),
        "label",
    )
    links = (
        mentions.select("article_id")
        .unique()
        .join(articles.select("article_id", "title", "url", "published_at"), on="article_id")
    )
    return ReportData(
        since=since,
        sources=sources,
        weekly=weekly,
        freshness=freshness,
        runs=runs,
        per_run_source=per_run_source,
        quarantine=quarantine,
        warnings=warnings,
        nulls=nulls,
        people=people,
        documents=documents,
        links=_links(mentions, links),
    )


def _run_history(runs: pl.DataFrame) -> pl.DataFrame:
    """One row per run: start (VN), duration, new articles, failures, quarantined, status."""
    counts = (
        runs.select("run_id", "counts")
        .explode("counts")
        .drop_nulls("counts")
        .unnest("counts")
        .group_by("run_id")
        .agg(**{n: pl.col("value").filter(pl.col("name") == n).sum() for n in ("new", "failed", "quarantined")})
    )
    return (
        runs.select(
            "run_id",
            "status",
            "message",
            started_vn=_vn("started_at"),
            duration_s=(pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds() / 1000,
        )
        .join(counts, on="run_id", how="left")
        .fill_null(0)
        .sort("started_vn")
    )


def _per_run_source(runs: pl.DataFrame) -> pl.DataFrame:
    """Per run and source: new articles and failed fetches (the run history's stacked bars)."""
    schema = {"run_id": pl.String, "source_id": pl.String, "new": pl.Int64, "failed": pl.Int64}
    exploded = runs.select("run_id", "counts").explode("counts").drop_nulls("counts")
    if exploded.is_empty():
        return pl.DataFrame(schema=schema)
    return (
        exploded.unnest("counts")
        .group_by("run_id", "source_id")
        .agg(**{n: pl.col("value").filter(pl.col("name") == n).sum() for n in ("new", "failed")})
    )


def _freshness(articles: pl.DataFrame, runs: pl.DataFrame, sources: list[str]) -> pl.DataFrame:
    """Per source: articles, the newest publication, the last fetch, the last run that read it."""
    last_article = articles.group_by("source_id").agg(
        articles=pl.len(), last_published=_vn("published_at").max(), last_fetched=_vn("fetched_at").max()
    )
    seen = (
        runs.select("run_id", "status", "started_at", "counts")
        .explode("counts")
        .drop_nulls("counts")
        .unnest("counts")
        .select("run_id", "status", "started_at", "source_id")
        .unique()
        .sort("started_at")
        .group_by("source_id")
        .agg(last_run=_vn("started_at").last(), last_run_status=pl.col("status").last())
    )
    base = pl.DataFrame({"source_id": sources}, schema={"source_id": pl.String})
    return (
        base.join(last_article, on="source_id", how="left")
        .join(seen, on="source_id", how="left")
        .with_columns(pl.col("articles").fill_null(0))
        .sort("source_id")
    )


def _top(mentions: pl.DataFrame, key: str) -> pl.DataFrame:
    """Articles mentioning each entry, per source and overall (``source_id`` null = all sources)."""
    per_source = mentions.group_by(key, "source_id").agg(articles=pl.col("article_id").n_unique())
    overall = (
        mentions.group_by(key)
        .agg(articles=pl.col("article_id").n_unique())
        .with_columns(source_id=pl.lit(None, pl.String))
    )
    return (
        pl.concat([per_source, overall.select(per_source.columns)])
        .rename({key: "entry"})
        .sort(["articles", "entry"], descending=[True, False])
    )


def _links(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Per entry (person name or document label) and source: the articles naming it, newest first."""
    entries = pl.concat(
        [
            mentions.filter(pl.col("kind") == "person").select(
                entry="name", article_id="article_id", source_id="source_id"
            ),
            mentions.filter(pl.col("kind") == "document").select(
                entry=pl.concat_str(pl.col("doc_type").fill_null(""), pl.lit(" "), "code").str.strip_chars(),
                article_id="article_id",
                source_id="source_id",
            ),
        ]
    ).unique()
    return entries.join(articles, on="article_id").sort("published_at", descending=True, nulls_last=True)


# ---------------------------------------------------------------- charts


@contextmanager
def _style() -> Iterator[Any]:
    """matplotlib with no display, DejaVu Sans, and SVG text kept as text (the page embeds the font)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "font.family": FONT_FAMILY,
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 96,
            "axes.prop_cycle": matplotlib.cycler(color=plt.get_cmap("tab10").colors + plt.get_cmap("Dark2").colors),
        }
    ):
        yield plt


def _svg(fig: Any, plt: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _run_axis(ax: Any, labels: list[str]) -> None:
    """Runs on a categorical axis, labelled by their start in Vietnam time (at most ~12 labels)."""
    step = max(1, len(labels) // 12)
    ticks = list(range(0, len(labels), step))
    ax.set_xticks(ticks, [labels[i] for i in ticks], rotation=30, ha="right")
    ax.set_xlim(-0.6, max(len(labels), 8) - 0.4)  # a first run is one bar, not the whole width
    ax.set_xlabel(f"run start, {TZ_LABEL}")


def _run_labels(runs: pl.DataFrame) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M}" for t in runs["started_vn"].to_list()]


def _stacked_by_run(
    plt: Any, runs: pl.DataFrame, df: pl.DataFrame, series: str, value: str, ylabel: str, ax: Any = None
) -> Any:
    """Bars per run, stacked by ``series`` (e.g. 'source · check'), legend naming each series."""
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(9, 3.6))
    order = runs["run_id"].to_list()
    index = {r: i for i, r in enumerate(order)}
    bottom = [0.0] * len(order)
    for name in sorted(set(df[series].to_list())):
        part = df.filter(pl.col(series) == name)
        heights = [0.0] * len(order)
        for run_id, v in zip(part["run_id"].to_list(), part[value].to_list(), strict=True):
            if run_id in index:
                heights[index[run_id]] += float(v or 0)
        ax.bar(range(len(order)), heights, bottom=bottom, label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    _run_axis(ax, _run_labels(runs))
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return ax.figure if own else ax


def chart_weekly(plt: Any, data: ReportData) -> str | None:
    """Stacked bars, one per week with articles: years of sparse weeks stay readable."""
    if data.weekly.is_empty():
        return None
    fig, ax = plt.subplots(figsize=(9, 3.6))
    weeks = sorted(set(data.weekly["week"].to_list()))
    bottom = dict.fromkeys(weeks, 0)
    for source in data.sources:
        part = dict(data.weekly.filter(pl.col("source_id") == source).select("week", "articles").iter_rows())
        if part:
            ax.bar(
                weeks,
                [part.get(w, 0) for w in weeks],
                bottom=[bottom[w] for w in weeks],
                width=6,
                align="edge",
                label=source,
            )
            bottom = {w: bottom[w] + part.get(w, 0) for w in weeks}
    ax.set_ylabel("articles published")
    ax.set_xlabel(f"week (Monday, {TZ_LABEL})")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="source", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.autofmt_xdate()
    return _svg(fig, plt)


def chart_counts_by_check(plt: Any, data: ReportData, df: pl.DataFrame, ylabel: str) -> str | None:
    if df.is_empty() or data.runs.is_empty():
        return None
    labelled = df.with_columns(series=pl.concat_str("source_id", pl.lit(" · "), "check"))
    return _svg(_stacked_by_run(plt, data.runs, labelled, "series", "count", ylabel), plt)


def chart_nulls(plt: Any, data: ReportData) -> str | None:
    if data.nulls.is_empty():
        return None
    order = data.runs["run_id"].to_list()
    index = {r: i for i, r in enumerate(order)}
    fig, axes = plt.subplots(2, 2, figsize=(10, 5.6), sharex=True, sharey=True)
    for ax, column in zip(axes.flat, WATCHED_NULLS, strict=True):
        for source in data.sources:
            part = data.nulls.filter(pl.col("source_id") == source)
            if part.is_empty():
                continue
            ax.plot(
                [index[r] for r in part["run_id"].to_list()],
                [100 * v for v in part[column].to_list()],
                marker="o",
                markersize=3,
                linewidth=1.2,
                label=source,
            )
        ax.set_title(column, fontsize=9)
        ax.set_ylim(-5, 105)
        ax.set_ylabel("% null")
        _run_axis(ax, _run_labels(data.runs))
    for ax in axes[0]:
        ax.set_xlabel("")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, title="source", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 0.95), frameon=False)
    fig.tight_layout()
    return _svg(fig, plt)


def chart_top(plt: Any, data: ReportData, top: pl.DataFrame, what: str) -> str | None:
    """Horizontal bars of the overall top entries, each bar split by source."""
    overall = top.filter(pl.col("source_id").is_null()).head(TOP_N)
    if overall.is_empty():
        return None
    entries = overall["entry"].to_list()[::-1]
    per_source = top.filter(pl.col("source_id").is_not_null() & pl.col("entry").is_in(entries))
    fig, ax = plt.subplots(figsize=(9, 0.8 + 0.32 * len(entries)))
    left = [0.0] * len(entries)
    for source in data.sources:
        counts = dict(per_source.filter(pl.col("source_id") == source).select("entry", "articles").iter_rows())
        widths = [float(counts.get(e, 0)) for e in entries]
        if any(widths):
            ax.barh(range(len(entries)), widths, left=left, label=source, height=0.7)
            left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(range(len(entries)), entries)
    ax.set_xlabel(f"articles mentioning the {what}")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="source", fontsize=8, loc="lower right", frameon=False)
    return _svg(fig, plt)


def chart_runs(plt: Any, data: ReportData) -> str | None:
    if data.runs.is_empty():
        return None
    fig, (top, mid, low) = plt.subplots(3, 1, figsize=(9, 7), sharex=True)
    top.bar(
        range(data.runs.height),
        data.runs["duration_s"].to_list(),
        width=0.8,
        color=["#c0392b" if s != "completed" else "#4c72b0" for s in data.runs["status"].to_list()],
    )
    top.set_ylabel("duration (s)")
    top.set_title("duration (red: failed run)", fontsize=9)
    _stacked_by_run(plt, data.runs, data.per_run_source, "source_id", "new", "new articles", ax=mid)
    mid.set_title("new articles", fontsize=9)
    _stacked_by_run(plt, data.runs, data.per_run_source, "source_id", "failed", "failed fetches", ax=low)
    low.set_title("failed article fetches", fontsize=9)
    for ax in (top, mid):
        ax.set_xlabel("")
    fig.tight_layout()
    return _svg(fig, plt)


def render_charts(data: ReportData) -> dict[str, str | None]:
    """Chart id → inline SVG (None when the period has nothing to draw)."""
    with _style() as plt:
        return {
            "weekly": chart_weekly(plt, data),
            "quarantine": chart_counts_by_check(plt, data, data.quarantine, "records quarantined"),
            "warnings": chart_counts_by_check(plt, data, data.warnings, "records warned about"),
            "nulls": chart_nulls(plt, data),
            "people": chart_top(plt, data, data.people, "person"),
            "documents": chart_top(plt, data, data.documents, "document"),
            "runs": chart_runs(plt, data),
        }


# ---------------------------------------------------------------- page


CSS = """
body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px; color: #222;
       padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; }
figure.chart { margin: 1em 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: .85em; color: #555; }
.empty { color: #777; font-style: italic; }
.key { display: flex; gap: 2em; flex-wrap: wrap; } .key div { font-size: .9em; }
.key b { display: block; font-size: 1.6em; }
details { margin: .3em 0 .8em; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _when(value: datetime | None) -> str:
    return "—" if value is None else f"{value:%Y-%m-%d %H:%M}"


def _link(url: str | None, text: str) -> str:
    """A link only for http(s) URLs: a stored value is never trusted to be one."""
    if not url or not url.startswith(("http://", "https://")):
        return _e(text)
    return f'<a href="{_e(url)}">{_e(text)}</a>'


def _figure(chart_id: str, svg: str | None, caption: str, empty: str) -> str:
    if svg is None:
        return f'<p class="empty" id="chart-{chart_id}" data-chart="{chart_id}" data-empty="true">{_e(empty)}</p>'
    return (
        f'<figure class="chart" id="chart-{chart_id}" data-chart="{chart_id}">{svg}'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def _table(head: list[str], rows: list[list[str]], numeric: frozenset[int] | set[int] = frozenset()) -> str:
    out = ["<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        out.append(
            "<tr>"
            + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
            + "</tr>"
        )
    return "".join(out) + "</table>"


def _entries_section(data: ReportData, top: pl.DataFrame, what: str) -> str:
    """Per source and overall: the top entries with links to the newest articles that name them."""
    parts = []
    for scope in [None, *data.sources]:
        rows = (
            top.filter(pl.col("source_id").is_null()) if scope is None else top.filter(pl.col("source_id") == scope)
        ).head(TOP_N)
        if rows.is_empty():
            continue
        links = data.links.filter(pl.col("entry").is_in(rows["entry"].implode()))
        if scope is not None:
            links = links.filter(pl.col("source_id") == scope)
        newest = {e: g.head(LINKS_PER_ENTRY) for (e,), g in links.partition_by("entry", as_dict=True).items()}
        body = []
        for entry, n in rows.select("entry", "articles").iter_rows():
            arts = newest.get(entry)
            items = (
                [] if arts is None else [_link(r["url"], r["title"] or r["url"]) for r in arts.iter_rows(named=True)]
            )
            body.append([_e(entry), str(n), "<br>".join(items)])
        title = "all sources" if scope is None else f"source {scope}"
        parts.append(
            f"<details{' open' if scope is None else ''}><summary>{_e(what)} — {_e(title)}</summary>"
            + _table([what, "articles", f"newest articles (up to {LINKS_PER_ENTRY})"], body, {1})
            + "</details>"
        )
    return "".join(parts)


def _font_face(text: str) -> str:
    """DejaVu Sans subset to the characters on the page, as an inline WOFF (a few tens of kB).

    Charts and tables then render Vietnamese diacritics with the same font on any machine,
    even one without DejaVu, and the SVG text stays selectable text.
    """
    import matplotlib
    from fontTools import subset
    from fontTools.ttLib import TTFont

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = []
    for file, weight in (("DejaVuSans.ttf", "normal"), ("DejaVuSans-Bold.ttf", "bold")):
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        options.drop_tables = [*options.drop_tables, "FFTM"]
        font = TTFont(str(fonts / file))
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text))))
        subsetter.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff"
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); }}'
        )
    return "\n".join(faces)


def _key_figures(data: ReportData) -> dict[str, Any]:
    last = data.runs.row(-1, named=True) if data.runs.height else None
    return {
        "articles": int(data.freshness["articles"].sum()) if data.freshness.height else 0,
        "sources": len(data.sources),
        "runs": data.runs.height,
        "last_run": _when(last["started_vn"]) if last else "—",
        "last_run_status": last["status"] if last else "—",
        "quarantined": int(data.quarantine["count"].sum()) if data.quarantine.height else 0,
        "warnings": int(data.warnings["count"].sum()) if data.warnings.height else 0,
    }


def render_html(data: ReportData, data_dir: str | Path, *, generated_at: datetime | None = None) -> str:
    """The whole page: key figures, freshness, charts, top people/documents with links, runs."""
    charts = render_charts(data)
    now = (generated_at or datetime.now(UTC)).astimezone(VN)
    key = _key_figures(data)
    period = f"published / run since {data.since:%Y-%m-%d}" if data.since else "all data"
    fresh_rows = [
        [
            _e(r["source_id"]),
            str(r["articles"]),
            _when(r["last_published"]),
            _when(r["last_fetched"]),
            _when(r["last_run"]),
            _e(r["last_run_status"] or "—"),
        ]
        for r in data.freshness.iter_rows(named=True)
    ]
    run_rows = [
        [
            _when(r["started_vn"]),
            _e(r["run_id"]),
            _e(r["status"]),
            f"{r['duration_s']:.1f}",
            str(r["new"]),
            str(r["failed"]),
            str(r["quarantined"]),
            _e(r["message"] or ""),
        ]
        for r in data.runs.reverse().head(20).iter_rows(named=True)
    ]
    body = [
        "<h1>Vietnamese ICT news: data report</h1>",
        f"<p>Data dir <code>{_e(data_dir)}</code> · {_e(period)} · generated {_when(now)} {TZ_LABEL}. "
        f"Every time on this page is {TZ_LABEL}.</p>",
        '<div class="key">'
        + "".join(f"<div><b>{_e(v)}</b>{_e(k.replace('_', ' '))}</div>" for k, v in key.items())
        + "</div>",
        "<h2>Freshness per source</h2>",
        _table(
            [
                "source",
                "articles",
                f"last article published ({TZ_LABEL})",
                "last article fetched",
                "last run that read the source",
                "its status",
            ],
            fresh_rows,
            {1},
        ),
        f"<h2>{CHARTS['weekly']}</h2>",
        _figure(
            "weekly",
            charts["weekly"],
            f"Articles by the week of their publication date; weeks start Monday ({TZ_LABEL}).",
            "No article with a publication date in this period.",
        ),
        "<h2>Data quality over time</h2>",
        f"<h3>{CHARTS['quarantine']}</h3>",
        _figure(
            "quarantine",
            charts["quarantine"],
            "Records that failed an error-level check and went to curated/quarantine instead of articles.",
            "Nothing was quarantined in this period.",
        ),
        f"<h3>{CHARTS['warnings']}</h3>",
        _figure(
            "warnings",
            charts["warnings"],
            "Warning-level checks that failed (recorded, nothing dropped), from curated/dq_results.",
            "No warning in this period.",
        ),
        f"<h3>{CHARTS['nulls']}</h3>",
        _figure(
            "nulls",
            charts["nulls"],
            "Share of null values among the articles each run wrote (a row "
            "carries the run that wrote or last changed it); a jump means a layout changed.",
            "No article rows in this period.",
        ),
        f"<h2>{CHARTS['people']}</h2>",
        _figure(
            "people",
            charts["people"],
            f"Top {TOP_N} people by articles naming them, split by source.",
            "No person mentioned in this period.",
        ),
        _entries_section(data, data.people, "person"),
        f"<h2>{CHARTS['documents']}</h2>",
        _figure(
            "documents",
            charts["documents"],
            f"Top {TOP_N} party/state documents by articles citing them, split by source.",
            "No document cited in this period.",
        ),
        _entries_section(data, data.documents, "document"),
        f"<h2>{CHARTS['runs']}</h2>",
        _figure(
            "runs",
            charts["runs"],
            "Per run: wall-clock duration, new articles and failed article fetches per source.",
            "No run in this period.",
        ),
        _table(
            [f"started ({TZ_LABEL})", "run", "status", "duration (s)", "new", "failed", "quarantined", "message"],
            run_rows,
            {3, 4, 5, 6},
        ),
    ]
    page = "\n".join(body)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Data report</title>"
        f"<style>{_font_face(page)}\n{CSS}</style></head><body>\n{page}\n</body></html>\n"
    )


def default_report_path(data_dir: str | Path) -> Path:
    """``DATA_DIR/report.html``; for an object-store data dir (``s3://…``) ``./report.html``, a file to open."""
    return Path(REPORT_NAME).resolve() if store.is_remote(data_dir) else Path(data_dir).resolve() / REPORT_NAME


def write_report(data_dir: str | Path, out: str | Path | None = None, *, since: date | None = None) -> ReportResult:
    """Build the report of ``data_dir`` into the local file ``out`` (default: ``default_report_path``), atomically."""
    started = time.perf_counter()
    tables = store.Tables.at(data_dir)
    target = Path(out) if out is not None else default_report_path(data_dir)
    data = load_report_data(tables, since)
    page = render_html(data, store.location_uri(data_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    result = ReportResult(
        path=target.resolve(),
        bytes=target.stat().st_size,
        seconds=time.perf_counter() - started,
        figures=_key_figures(data),
    )
    log.info("report written to %s (%d bytes, %.1f s)", result.path, result.bytes, result.seconds)
    return result


def render_markdown(result: ReportResult) -> str:
    """The Prefect artifact: the key figures and where the HTML report is."""
    lines = [
        "# Data report",
        "",
        f"[{result.path.name}]({result.path.as_uri()}) · `{result.path}` · "
        f"{result.bytes / 1024:.0f} KiB, built in {result.seconds:.1f} s",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    lines += [f"| {k.replace('_', ' ')} | {v} |" for k, v in result.figures.items()]
    return "\n".join(lines)
