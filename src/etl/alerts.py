"""What is worth waking an operator for, read from the tables (no Prefect, no network).

The nightly flow sends these through a Prefect notification block (``flows/alerts.py``); here
they are only found and worded, so they are tested on plain tables.
"""

from __future__ import annotations

import polars as pl

from etl import store


def quiet_sources(tables: store.Tables, nights: int) -> dict[str, int]:
    """Sources whose last ``nights`` runs (or more, in a row) each brought 0 new articles.

    Read from ``runs``: a night counts for a source when the source took part in it (its counts
    are in the row), whatever the run's status, so a portal that silently stopped publishing, or
    whose listing changed so nothing matches any more, is noticed on the second night. Returns the
    length of each such streak, which the message gives.
    """
    runs = store.read_table(tables.runs, store.RUNS_SCHEMA)
    if runs.is_empty() or nights < 1:
        return {}
    new = (
        runs.select("run_id", "finished_at", "counts")
        .explode("counts")
        .unnest("counts")
        .filter(pl.col("name") == "new")
        .sort("finished_at", descending=True)
    )
    streaks: dict[str, int] = {}
    for (source_id,), part in new.group_by("source_id", maintain_order=True):
        values = part["value"].to_list()
        streak = next((i for i, v in enumerate(values) if v), len(values))
        if streak >= nights:
            streaks[str(source_id)] = streak
    return dict(sorted(streaks.items()))


def quiet_message(streaks: dict[str, int]) -> str:
    """One line per quiet source, saying how long it has been quiet and where to look first."""
    return "\n".join(
        f"{sid}: 0 new articles in the last {n} runs; check its listing pages and "
        f"article_url_pattern (run report, fetch_log)"
        for sid, n in streaks.items()
    )
