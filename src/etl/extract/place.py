"""The place an article happened: the place name after "tại" in its opening sentences."""

from __future__ import annotations

import re

from etl.vocab import places as VP

#: Characters after a place cue ("tại") read for the place: a place with its chain of units is
#: far shorter, and a window keeps a sentence of megabytes from being copied once per cue.
PLACE_WINDOW_CHARS = 1_000
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")
_WORD_BEFORE_DOT_RE = re.compile(r"(?<!\w)(\w{1,2})\.$")


def _abbreviation_dot(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviated unit word ("TP. Hồ Chí Minh",
    "TP.HCM", "Q.1") rather than a sentence."""
    word = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 4), dot + 1)
    after = text[dot + 1 : dot + 3].lstrip()
    return word is not None and word.group(1).lower() in VP.PLACE_ABBREVIATIONS and after[:1].isalnum()


def _joins_name(text: str, stop: re.Match[str]) -> bool:
    """Whether a spaced dash at ``stop`` joins two capitalised parts of one name ("Trung tâm
    Văn hóa - Thể thao huyện", "Bà Rịa - Vũng Tàu") rather than starting the next clause."""
    if stop.group().strip() not in VP.NAME_DASHES:
        return False
    before = text[: stop.start()].split()
    after = text[stop.end() :].split(maxsplit=1)
    if not before or not after or not before[-1][:1].isalpha() or not after[0][:1].isupper():
        return False
    nxt = VP.PLACE_STOP_RE.search(text, stop.end())
    return nxt is None or nxt.start() > stop.end()


def _in_compound(text: str, stop: re.Match[str]) -> bool:
    """Whether a stop word is the second syllable of a compound ("Công nhân", "bệnh nhân")."""
    head = text[: stop.end()].lower()
    return any(
        head.endswith(c) and (len(head) == len(c) or not head[-len(c) - 1].isalnum()) for c in VP.STOP_WORD_COMPOUNDS
    )


def _place_stop(rest: str, pos: int = 0) -> re.Match[str] | None:
    """Where the place name starting at ``pos`` stops; the full stop of "TP." and the dash
    inside a compound name do not count."""
    stop = VP.PLACE_STOP_RE.search(rest, pos)
    while stop is not None and (
        (stop.group() == "." and _abbreviation_dot(rest, stop.start()))
        or _joins_name(rest, stop)
        or _in_compound(rest, stop)
    ):
        stop = VP.PLACE_STOP_RE.search(rest, stop.end())
    return stop


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph; "TP. Hồ Chí Minh" does not end one."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if text[m.start() - 1] == "." and _abbreviation_dot(text, m.start() - 1):
            continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def _place_phrase(rest: str) -> str:
    """The place name at the start of ``rest``, with the administrative units that follow it
    after commas ("xã Hạ Long, huyện Vân Đồn")."""
    stop = _place_stop(rest)
    place = (rest[: stop.start()] if stop else rest).strip(" -–—")
    while stop is not None and rest[stop.start()] == ",":
        unit = VP.ADMIN_UNIT_RE.match(rest, stop.end())
        if unit is None:
            country = VP.COUNTRY_RE.match(rest, stop.end())
            after = _place_stop(rest, country.end()) if country else None
            if country and (
                after is None
                and not rest[country.end() :].strip()
                or after is not None
                and after.start() == country.end()
            ):
                place = f"{place}, {country.group(1)}"
            break
        tail = rest[unit.end() :]
        if not tail[:1].isupper() and not tail[:1].isdigit():
            break
        nxt = _place_stop(tail)
        name = (tail[: nxt.start()] if nxt else tail).strip(" -–—")
        if not name or len(name.split()) > VP.MAX_ADMIN_NAME_WORDS:
            break
        place = f"{place}, {rest[stop.end() : unit.end()].strip()} {name}"
        rest = tail
        stop = nxt
    return place


def find_location(paragraphs: list[str], *, max_sentences: int = 2) -> str | None:
    """The place the opening sentence gives: "… tại Hà Nội." → "Hà Nội"; events are skipped
    ("tại Đại hội …"), the name stops at punctuation or the next clause."""
    if not paragraphs:
        return None
    sentences = _sentences(paragraphs[0])[:max_sentences]
    for sentence in sentences:
        for m in VP.PLACE_CUE_RE.finditer(sentence):
            rest = sentence[m.end() : m.end() + PLACE_WINDOW_CHARS]
            low = rest.lower()
            if any(
                low.startswith(noun) and (len(low) == len(noun) or not low[len(noun)].isalnum())
                for noun in VP.EVENT_NOUNS
            ):
                continue
            place = _place_phrase(rest)
            words = place.split()
            if not words or len(words) > VP.MAX_PLACE_WORDS:
                continue
            if not words[0][0].isupper() and words[0].lower() not in VP.PLACE_HEAD_WORDS:
                continue
            return place
    return None
