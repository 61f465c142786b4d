"""trafilatura's published_at to the minute on a corpus, beside ours (bench_extract gives it a day only).

Run ``python benchmarks/traf_published_at.py --corpus tests/corpus_web``. trafilatura is asked for
its date with a time (htmldate ``outputformat`` with hours and minutes, original date, extensive
search); a result without an offset is read as Vietnam time, the same default our extractor uses.
Prints the share of pages whose instant matches the expected one to the minute, for both tools.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import load_corpus  # noqa: E402

from etl.extract import extract_article  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}


def trafilatura_instant(html: str, url: str) -> datetime | None:
    """trafilatura's publication time as an aware datetime (Vietnam time when it gives no offset)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, date_extraction_params=PARAMS)
    if doc is None or not doc.date:
        return None
    value = datetime.fromisoformat(doc.date)
    return value if value.tzinfo else value.replace(tzinfo=VN)


def _minute(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(VN).replace(second=0, microsecond=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    pages = load_corpus(args.corpus)
    if not pages:
        print(f"no pages under {args.corpus}")
        return 1
    ours_ok = theirs_ok = 0
    for path, gold in pages:
        want = _minute(datetime.fromisoformat(gold["published_at"]))
        raw = path.read_bytes()
        ours = _minute(extract_article(raw, gold["url"]).published_at)
        theirs = _minute(trafilatura_instant(raw.decode("utf-8", "replace"), gold["url"]))
        ours_ok += ours == want
        theirs_ok += theirs == want
        if args.failures and (ours != want or theirs != want):
            print(f"  {path.relative_to(args.corpus)}: want {want}, ours {ours}, trafilatura {theirs}")
    n = len(pages)
    print(
        f"corpus {args.corpus}: {n} pages; published_at to the minute: "
        f"ours {ours_ok / n:.3f}, trafilatura {theirs_ok / n:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
