"""Party and state documents an article cites, with their normalised code and date.

A reference is a code ("155- KH/ĐUK", "68/NQ-CP", "86/2015/QH13") governed by a type word
before it in the same clause ("Kế hoạch số …", "Luật An toàn thông tin mạng số …"). Counts
like "02 Chỉ thị" and named plans like "Nghị quyết Đại hội XIII" carry no code, so they are
not references. Portal text often has stray spaces inside codes; they are removed.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from etl.models import DocumentRef
from etl.vocab import documents as vocab

log = logging.getLogger(__name__)

_CODE = re.compile(
    rf"(?P<number>{vocab.CODE_NUMBER})"
    rf"(?:{vocab.CODE_SEPARATOR}(?P<year>(?:19|20)\d\d)(?!\d))?"
    rf"(?P<rest>(?:{vocab.CODE_SEPARATOR}{vocab.CODE_GROUP}){{1,3}})"
)
#: Every code has a digit then a separator; paragraphs without one are not searched.
_CODE_HINT = re.compile(r"\d\s*[-/–]")
_GROUP_SPLIT = re.compile(rf"({vocab.CODE_SEPARATOR})")
_TYPE_WORD = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(t) for t in sorted(vocab.DOCUMENT_TYPES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_CANONICAL = {t.lower(): vocab.TYPE_ALIASES.get(t, t) for t in vocab.DOCUMENT_TYPES}
_CLAUSE_BREAK = re.compile(r"[.;!?\n]")
_DATE_AFTER = re.compile(
    r"\s*[,(]?\s*(?:" + "|".join(sorted(vocab.DATE_LEADS, key=len, reverse=True)) + r")\s+"
    rf"(?P<d>\d{{1,2}})\s*(?:[/.-]|\s+{vocab.DATE_MONTH_WORD}\s+)\s*(?P<m>\d{{1,2}})"
    rf"(?:\s*(?:[/.-]|\s+{vocab.DATE_YEAR_WORD}\s+)\s*(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_MARKERS_LONGEST = sorted(vocab.MARKER_TYPES, key=len, reverse=True)
_ISSUERS = frozenset(vocab.ISSUERS)
_LAW_MARKER = re.compile(vocab.LAW_MARKER_PATTERN)
#: How far before a code its type word may stand (a law's title sits in between).
_TYPE_WINDOW = 110


def _normalise_code(m: re.Match[str]) -> tuple[str, str | None, int | None]:
    """(code without stray spaces, its marker, its year) for one code match."""
    parts = [p.strip() for p in _GROUP_SPLIT.split(m.group("rest")) if p.strip()]
    seps = [p.replace("–", "-") for p in parts[0::2]]
    groups = parts[1::2]
    year = int(m.group("year")) if m.group("year") else None
    state_style = seps[0] == "/"
    if state_style and len(groups) == 1:
        groups = _split_glued(groups[0])
        if len(groups) == 2:
            seps = [*seps, "-"]
    code = m.group("number")
    if year is not None:
        code += f"/{year}"
    for sep, group in zip(seps, groups, strict=False):
        code += sep + group
    marker = next((g for g in groups if _marker_type(g)), None)
    return code, marker, year


def _split_glued(group: str) -> list[str]:
    """Split a marker glued to its issuer ("QĐTTg" → ["QĐ", "TTg"]) when both are known."""
    if group in vocab.MARKER_TYPES or group in _ISSUERS:
        return [group]
    for marker in _MARKERS_LONGEST:
        if group.startswith(marker) and group[len(marker) :] in _ISSUERS:
            return [marker, group[len(marker) :]]
    return [group]


def _marker_type(group: str) -> str | None:
    if _LAW_MARKER.fullmatch(group):
        return vocab.LAW_TYPE
    return vocab.MARKER_TYPES.get(group)


def _governing_type(text: str, start: int, marker: str | None) -> str | None:
    """The type word governing a code at ``start``: the nearest one in the clause, or the
    nearest one agreeing with the code's marker when a title stands in between."""
    lo = max(0, start - _TYPE_WINDOW)
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, lo, start)]
    lo = breaks[-1] if breaks else lo
    candidates = []
    for tm in _TYPE_WORD.finditer(text, lo, start):
        before = text[max(0, tm.start() - 8) : tm.start()].rstrip().rsplit(" ", 1)[-1]
        if before in vocab.TYPE_NEGATIVE_PREFIXES:
            continue
        candidates.append(_CANONICAL[tm.group(1).lower()])
    if not candidates:
        return None
    implied = _marker_type(marker) if marker else None
    if implied:
        agreeing = [c for c in candidates if c == implied or c.endswith(implied.lower())]
        if agreeing:
            return agreeing[-1]
    return candidates[-1]


def _date_after(text: str, end: int, year: int | None, default_year: int | None) -> date | None:
    dm = _DATE_AFTER.match(text, end)
    if not dm:
        return None
    y = int(dm.group("y")) if dm.group("y") else (year or default_year)
    if y is None or not vocab.MIN_YEAR <= y <= vocab.MAX_YEAR:
        return None
    try:
        return date(y, int(dm.group("m")), int(dm.group("d")))
    except ValueError:
        log.debug("impossible date after code: %r", dm.group())
        return None


def extract_documents(
    paragraphs: list[str], *, default_year: int | None = None
) -> list[DocumentRef]:
    """Every document cited with a code, once per code (a date from any mention is kept),
    in order of first mention. ``default_year`` completes dates written without a year."""
    order: list[str] = []
    found: dict[str, DocumentRef] = {}
    for paragraph in paragraphs:
        if not _CODE_HINT.search(paragraph):
            continue
        text = unicodedata.normalize("NFC", paragraph)
        for m in _CODE.finditer(text):
            code, marker, year = _normalise_code(m)
            if "/" not in code:
                continue
            doc_type = _governing_type(text, m.start(), marker)
            if doc_type is None:
                continue
            when = _date_after(text, m.end(), year, default_year)
            if code not in found:
                order.append(code)
                found[code] = DocumentRef(type=doc_type, code=code, date=when)
            elif found[code].date is None and when is not None:
                found[code] = DocumentRef(type=found[code].type, code=code, date=when)
    log.debug("found %d documents", len(order))
    return [found[c] for c in order]
