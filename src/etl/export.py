"""Plain-Parquet export of the curated tables' current version, for tools that cannot read Delta.

A Delta table folder also holds the Parquet files that later versions replaced (a merge or a
reprocess rewrites files; only vacuum deletes the old ones), so ``pd.read_parquet(folder)`` or
DuckDB's ``read_parquet('…/*.parquet')`` counts updated rows twice. The export holds exactly the
rows of one version per table, one file per source and month of the row's date in Vietnam time
(``articles/mic/2024-04/part-0.parquet``), so any Parquet reader is right. Folders are plain names,
not Hive ``source_id=mic``: with Hive names pandas (pyarrow) refuses files that also hold the
column, and a polars glob drops the column from files that do not; plain names keep every file
a complete slice of the table. It is rebuilt whole and swapped in: no reader sees half an export.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from etl import store
from etl.errors import StoreError
from etl.settings import SOURCE_TIMEZONE

log = logging.getLogger(__name__)

#: Written last into every export: which table version each folder holds. Its presence is also
#: what lets a later export replace the folder (anything else there is never deleted).
MARKER = "EXPORT.json"
#: Per table, the timestamp column whose Vietnamese month partitions it (None: one file, no partitions).
MONTH_OF: dict[str, str | None] = {
    "articles": "published_at",
    "article_versions": "published_at",
    "mentions": "published_at",
    "quarantine": "quarantined_at",
    "dq_results": "checked_at",
    "runs": None,
}
NO_MONTH = "unknown"


@dataclass(frozen=True)
class ExportedTable:
    table: str
    version: int
    rows: int
    files: int


def _folder_name(value: str | None) -> str:
    return NO_MONTH if value is None else re.sub(r"[^A-Za-z0-9_.-]", "_", value) or "_"


def _write(df: pl.DataFrame, folder: Path, month_of: str | None) -> int:
    """One Parquet file per source and Vietnamese month, with every column of the table kept in it."""
    folder.mkdir(parents=True)
    if month_of is None or df.is_empty():
        df.write_parquet(folder / "part-0.parquet")
        return 1
    month = pl.col(month_of).dt.convert_time_zone(SOURCE_TIMEZONE).dt.strftime("%Y-%m").alias("_month")
    files = 0
    for (source_id, ym), part in df.with_columns(month).partition_by("source_id", "_month", as_dict=True).items():
        sub = folder / _folder_name(source_id) / _folder_name(ym)
        sub.mkdir(parents=True, exist_ok=True)
        part.drop("_month").write_parquet(sub / "part-0.parquet")
        files += 1
    return files


def export_current(data_dir: str | Path, out: str | Path) -> list[ExportedTable]:
    """Write every curated table's current version under the local folder ``out`` as plain Parquet.

    ``data_dir`` may be an object-store URI; a previous export at ``out`` is replaced whole.
    """
    tables = store.Tables.at(data_dir)
    target = Path(out).resolve()
    if target.exists() and not (target / MARKER).is_file():
        if not target.is_dir() or any(target.iterdir()):
            raise StoreError(f"{target} exists and is not an etl export (no {MARKER}); choose an empty or new folder")
    if not store.is_remote(data_dir) and (
        target.is_relative_to(tables.curated) or tables.data_dir.is_relative_to(target)
    ):
        raise StoreError(f"{target} holds or is inside the data dir's tables; export to a folder of its own")
    staging = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    done: list[ExportedTable] = []
    try:
        for name, path in tables.curated_tables().items():
            version = store.version_of(path)
            if version is None:
                continue
            df = store.read_table(path, version=version)
            files = _write(df, staging / name, MONTH_OF[name])
            done.append(ExportedTable(name, version, df.height, files))
        marker = {
            "data_dir": store.location_uri(data_dir),
            "exported_at": datetime.now(UTC).isoformat(),
            "tables": {t.table: {"version": t.version, "rows": t.rows, "files": t.files} for t in done},
        }
        (staging / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for t in done:
        log.info("exported %s v%d: %d rows in %d file(s)", t.table, t.version, t.rows, t.files)
    return done
