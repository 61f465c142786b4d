"""Score ``extract_article`` and trafilatura 2.x on the quality corpus, and time both.

Run ``python benchmarks/bench_extract.py [--corpus tests/corpus] [--repeat 3]``. Pages whose
expected JSON names an adapter form the "adapter layouts" group (our extractor runs with the
adapter there, and again without it in the "adapter layouts, no adapter" column); the others
are "unknown layouts", which no adapter knows. trafilatura's body is its default
``extract(html, url=url)`` text as a user gets it, one paragraph a line, nothing removed (so
captions it mixes into the body count as leaked); its title, date (a day, read as 00:00 Vietnam
time) and author come from a ``with_metadata`` run, its captions from an ``include_images`` run
(the line right after an image line); it names no people or documents. People and documents
are scored as sets of names and codes against the expected JSON. Its pages/s time the default call only, which gives it
less work than our one call that yields every field.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import FIELDS, PageScore, aggregate, article_to_dict, load_corpus, score_page  # noqa: E402

from etl.extract import extract_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_IMAGE_LINE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
METRICS = (
    "body_token_f1",
    "para_precision",
    "para_recall",
    "caption_leak",
    "caption_f1",
    *FIELDS,
    "people_recall",
    "people_precision",
    "doc_recall",
    "doc_precision",
)
FLOORS = {
    "body_token_f1": 0.99,
    "para_precision": 0.95,
    "caption_leak": 0.02,
    "caption_f1": 0.95,
    "published_at": 0.95,
    "event_date": 0.9,
    "author": 0.95,
    "location": 0.9,
}


def trafilatura_body(html: str, url: str) -> list[str]:
    """trafilatura's body as a user gets it: the default ``extract`` call, one paragraph a line.

    Nothing is removed from it (no caption lines, no title line), so captions it leaks into the
    body count as leaked."""
    import trafilatura

    text = trafilatura.extract(html, url=url) or ""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def trafilatura_captions(html: str, url: str) -> list[str]:
    """Captions as trafilatura can give them at best: with ``include_images``, the line right
    after an image line is taken as that image's caption."""
    import trafilatura

    text = trafilatura.extract(html, url=url, include_images=True) or ""
    captions: list[str] = []
    after_image = False
    for raw in text.split("\n"):
        line = raw.strip().strip("|").strip()
        if _IMAGE_LINE_RE.search(line):
            after_image = True
            continue
        line = " ".join(line.split())
        if line and after_image:
            captions.append(line)
        if line:
            after_image = False
    return captions


def trafilatura_predict(html: str, url: str) -> dict[str, Any]:
    """trafilatura's output in the shape ``score_page`` reads: body from the default call,
    metadata from a ``with_metadata`` call (its date, a day, read as 00:00 Vietnam time),
    captions from an ``include_images`` call."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    published = None
    if doc is not None and doc.date:
        day = datetime.fromisoformat(doc.date[:10])
        published = day.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return {
        "title": doc.title if doc else None,
        "published_at": published,
        "author": doc.author if doc else None,
        "body": trafilatura_body(html, url),
        "captions": trafilatura_captions(html, url),
    }


def _mention_misses(art: Any, gold: dict[str, Any]) -> list[str]:
    """People names and document codes missed or extra on one page, for ``--failures``."""
    out = []
    for label, got, want in (
        ("people", {p.name for p in art.people}, {p["name"] for p in gold.get("people") or []}),
        ("documents", {d.code for d in art.documents}, {d["code"] for d in gold.get("documents") or []}),
    ):
        if want - got:
            out.append(f"{label} missed {sorted(want - got)}")
        if got - want:
            out.append(f"{label} extra {sorted(got - want)}")
    return out


def _fmt(value: float | None) -> str:
    return "   —  " if value is None else f"{value:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes over the corpus")
    parser.add_argument("--failures", action="store_true", help="list our pages that differ")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = load_corpus(args.corpus)
    if not pages:
        print(f"no pages under {args.corpus}")
        return 1
    htmls = [(p.read_bytes(), p.read_text(encoding="utf-8", errors="replace"), g) for p, g in pages]

    ours: dict[str, list[PageScore]] = {"unknown": [], "adapter": [], "adapter_generic": []}
    theirs: dict[str, list[PageScore]] = {"unknown": [], "adapter": []}
    failures = []
    traf_has = ("title", "published_day", "author")
    for (path, gold), (raw, text, _) in zip(pages, htmls, strict=True):
        group = "adapter" if gold.get("adapter") else "unknown"
        art = extract_article(raw, gold["url"], gold.get("adapter"))
        s = score_page(article_to_dict(art), gold)
        ours[group].append(s)
        if group == "adapter":
            ours["adapter_generic"].append(score_page(article_to_dict(extract_article(raw, gold["url"])), gold))
        theirs[group].append(score_page(trafilatura_predict(text, gold["url"]), gold, has=traf_has))
        bad = [k for k, v in s.fields.items() if v is False]
        mentions = _mention_misses(art, gold)
        if s.token_f1 < 1 or s.para_pred_ok < s.para_pred or s.cap_fp or s.cap_fn or bad or mentions:
            failures.append((path.relative_to(args.corpus), s, bad + mentions))

    def timed(fn: Any) -> tuple[float, float]:
        """Pages per wall-clock second and per CPU second of this process (the CPU figure is
        what a shared, loaded machine distorts least)."""
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(args.repeat):
            for raw, text, gold in htmls:
                fn(raw, text, gold)
        pages = args.repeat * len(htmls)
        return pages / (time.perf_counter() - start), pages / (time.process_time() - start_cpu)

    ours_speed, ours_cpu = timed(lambda raw, text, g: extract_article(raw, g["url"], g.get("adapter")))
    theirs_speed, theirs_cpu = timed(lambda raw, text, g: trafilatura_body(text, g["url"]))

    cols = [
        ("ours unknown", aggregate(ours["unknown"])),
        ("traf unknown", aggregate(theirs["unknown"])),
        ("ours adapter", aggregate(ours["adapter"])),
        ("ours no-adpt", aggregate(ours["adapter_generic"])),
        ("traf adapter", aggregate(theirs["adapter"])),
        ("ours all", aggregate(ours["unknown"] + ours["adapter"])),
        ("traf all", aggregate(theirs["unknown"] + theirs["adapter"])),
    ]
    print(
        f"corpus {args.corpus}: {len(pages)} pages "
        f"({len(ours['unknown'])} unknown layouts, {len(ours['adapter'])} adapter layouts)\n"
    )
    print(f"{'metric':<16}" + "".join(f"{name:>14}" for name, _ in cols) + "   floor")
    for metric in ("pages", *METRICS):
        floor = FLOORS.get(metric)
        mark = "" if floor is None else (f"  ≤ {floor}" if metric == "caption_leak" else f"  ≥ {floor}")
        print(f"{metric:<16}" + "".join(f"{_fmt(agg.get(metric)):>14}" for _, agg in cols) + mark)
    print(
        f"\npages/s: ours {ours_speed:.1f}, trafilatura {theirs_speed:.1f} "
        f"(ratio {ours_speed / theirs_speed:.1f}x, {args.repeat} passes)"
    )
    print(f"pages/CPU-s: ours {ours_cpu:.1f}, trafilatura {theirs_cpu:.1f} (ratio {ours_cpu / theirs_cpu:.2f}x)")
    if args.failures:
        for rel, s, bad in failures:
            print(
                f"  {rel}: token F1 {s.token_f1:.3f}, paragraphs {s.para_pred_ok}/{s.para_pred}, "
                f"captions fp {s.cap_fp} fn {s.cap_fn}, fields {bad}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
