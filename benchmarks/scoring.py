"""Scores of an extraction against a corpus page's expected JSON (shared by bench and tests).

Body token F1: F1 over the multiset of whitespace tokens of the joined body. Exact-paragraph
precision/recall: share of predicted/expected paragraphs that match one on the other side
exactly. Caption leak: share of expected captions found in the predicted body (as a paragraph
or inside one). Caption F1: exact-match F1 over caption strings. Fields: exact match. People: recall/precision
of the set of names (exact); documents: recall/precision of the set of codes (exact); both
micro over pages, and absent (None) for a tool that names neither.
Aggregates are micro (summed counts) except token F1 and field accuracies (page means).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

FIELDS = ("title", "published_at", "published_day", "event_date", "location", "author")


def norm(text: str | None) -> str | None:
    if text is None:
        return None
    return unicodedata.normalize("NFC", " ".join(text.split()))


def token_f1(pred: list[str], gold: list[str]) -> float:
    p = Counter(" ".join(pred).split())
    g = Counter(" ".join(gold).split())
    if not p and not g:
        return 1.0
    overlap = sum((p & g).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _matched(items: list[str], other: list[str]) -> int:
    pool = Counter(other)
    hits = 0
    for item in items:
        if pool[item] > 0:
            pool[item] -= 1
            hits += 1
    return hits


@dataclass
class PageScore:
    """Counts and matches for one page; ``None`` in ``fields`` means the tool has no such field."""

    token_f1: float
    para_pred: int
    para_pred_ok: int
    para_gold: int
    para_gold_ok: int
    captions_gold: int
    captions_leaked: int
    cap_tp: int
    cap_fp: int
    cap_fn: int
    fields: dict[str, bool | None] = field(default_factory=dict)
    #: (true positives, predicted, expected) of people names and of document codes; None when
    #: the tool gives no people or documents.
    people: tuple[int, int, int] | None = None
    documents: tuple[int, int, int] | None = None


def _instant(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _day(value: Any) -> date | None:
    """The Vietnam-time day of a datetime (or an ISO date string)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    return _day(datetime.fromisoformat(text)) if "T" in text else date.fromisoformat(text[:10])


def score_page(pred: dict[str, Any], gold: dict[str, Any], *, has: tuple[str, ...] = FIELDS,
               has_captions: bool = True) -> PageScore:
    """Score one prediction (a dict with the Article's keys; missing fields count as None)."""
    body = [norm(p) for p in pred.get("body") or [] if norm(p)]
    gold_body = [norm(p) for p in gold["body"]]
    gold_caps = [norm(i["caption"]) for i in gold.get("images", []) if i.get("caption")]
    pred_caps = [norm(c) for c in pred.get("captions") or [] if c] if has_captions else []
    joined = [p for p in body]
    leaked = sum(1 for c in gold_caps if any(c == p or c in p for p in joined))
    cap_hits = _matched(pred_caps, gold_caps)
    checks: dict[str, bool | None] = {}
    for name in FIELDS:
        if name not in has:
            checks[name] = None
        elif name == "published_at":
            checks[name] = _instant(pred.get("published_at")) == _instant(gold.get("published_at"))
        elif name == "published_day":
            checks[name] = _day(pred.get("published_at")) == _day(gold.get("published_at"))
        elif name == "event_date":
            checks[name] = _day(pred.get("event_date")) == _day(gold.get("event_date"))
        else:
            checks[name] = norm(pred.get(name)) == norm(gold.get(name))
    people = docs = None
    if "people" in pred:
        want = {norm(_key(x, "name")) for x in gold.get("people") or []}
        got = {norm(n) for n in pred["people"]}
        people = (len(want & got), len(got), len(want))
    if "documents" in pred:
        want = {norm(_key(x, "code")) for x in gold.get("documents") or []}
        got = {norm(c) for c in pred["documents"]}
        docs = (len(want & got), len(got), len(want))
    return PageScore(
        token_f1=token_f1(body, gold_body),
        para_pred=len(body), para_pred_ok=_matched(body, gold_body),
        para_gold=len(gold_body), para_gold_ok=_matched(gold_body, body),
        captions_gold=len(gold_caps), captions_leaked=leaked,
        cap_tp=cap_hits, cap_fp=len(pred_caps) - cap_hits, cap_fn=len(gold_caps) - cap_hits,
        fields=checks, people=people, documents=docs,
    )


def _key(item: Any, key: str) -> str:
    """A person's name or a document's code from an expected entry (a dict, or the bare string)."""
    return item[key] if isinstance(item, dict) else str(item)


def _micro(counts: list[tuple[int, int, int] | None]) -> tuple[float | None, float | None]:
    """(recall, precision) of summed (tp, predicted, expected) counts; None without counts."""
    known = [c for c in counts if c is not None]
    if not known:
        return None, None
    tp, pred, gold = (sum(c[i] for c in known) for i in range(3))
    return (tp / gold if gold else 1.0), (tp / pred if pred else 1.0)


def aggregate(scores: list[PageScore]) -> dict[str, float | None]:
    """Corpus-level metrics of a list of page scores."""
    if not scores:
        return {}
    n = len(scores)
    out: dict[str, float | None] = {"pages": float(n)}
    out["body_token_f1"] = sum(s.token_f1 for s in scores) / n
    pred = sum(s.para_pred for s in scores)
    gold = sum(s.para_gold for s in scores)
    out["para_precision"] = sum(s.para_pred_ok for s in scores) / pred if pred else 0.0
    out["para_recall"] = sum(s.para_gold_ok for s in scores) / gold if gold else 0.0
    caps = sum(s.captions_gold for s in scores)
    out["caption_leak"] = sum(s.captions_leaked for s in scores) / caps if caps else 0.0
    tp = sum(s.cap_tp for s in scores)
    fp = sum(s.cap_fp for s in scores)
    fn = sum(s.cap_fn for s in scores)
    out["caption_f1"] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    for name in FIELDS:
        vals = [s.fields.get(name) for s in scores]
        known = [v for v in vals if v is not None]
        out[name] = sum(known) / len(known) if known else None
    out["people_recall"], out["people_precision"] = _micro([s.people for s in scores])
    out["doc_recall"], out["doc_precision"] = _micro([s.documents for s in scores])
    return out


def article_to_dict(article: Any) -> dict[str, Any]:
    """An ``Article`` as the dict ``score_page`` reads (captions from its images)."""
    return {
        "title": article.title,
        "published_at": article.published_at,
        "event_date": article.event_date,
        "location": article.location,
        "author": article.author,
        "body": list(article.body),
        "captions": [im.caption for im in article.images if im.caption],
        "people": [p.name for p in article.people],
        "documents": [d.code for d in article.documents],
    }


def load_corpus(root: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(html path, expected JSON) pairs of a corpus directory (``<layout>/<page>.html|.json``)."""
    pages = []
    for expected in sorted(root.glob("*/*.json")):
        html = expected.with_suffix(".html")
        if html.exists():
            pages.append((html, json.loads(expected.read_text(encoding="utf-8"))))
    return pages
