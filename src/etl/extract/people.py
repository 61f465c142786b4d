"""People an article names, with the position it gives them.

Vietnamese news introduces participants in a few fixed shapes: an honorific ("đồng chí",
"Đ/c", "ông"), a title before the name ("Bộ trưởng Bộ TT&TT Nguyễn Mạnh Hùng") or an
appositive after it ("Đỗ Hữu Quyết - Bí thư Đảng ủy, Giám đốc Sở"). A name is a run of
2–4 title-cased syllables that starts with a family name; a run is only a person when one
of those shapes frames it, so organisations and places written in title case stay out.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from etl.models import Person
from etl.vocab import people as vocab

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+(?:[&/]\w+)*|[^\w\s]")
_SPACES = re.compile(r"\s+")
#: Separators between a name and the position that follows it, and between two titles.
_APPOSITION = frozenset({",", "-", "–", "—"})
#: How far back a title may stand before the name it belongs to.
_MAX_LEFT_WORDS = 16


def _phrase_index(phrases: tuple[str, ...] | frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """First word → word tuples, longest first, so a token window is checked in O(k)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        index.setdefault(words[0], []).append(words)
    for group in index.values():
        group.sort(key=len, reverse=True)
    return index


def _suffix_index(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Last word → word tuples, to find a phrase ending at a token while walking back."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        index.setdefault(words[-1], []).append(words)
    return index


_HONORIFICS = _phrase_index(vocab.HONORIFICS)
_HONORIFIC_ENDS = _suffix_index(vocab.HONORIFICS)
_PREFIXES = _phrase_index(vocab.POSITION_PREFIXES)
_HEADS = _phrase_index(vocab.POSITION_HEADS)
_POSITION_STOPS = _phrase_index(vocab.POSITION_STOPS)
_CLAUSE_STOP_ENDS = _suffix_index(vocab.CLAUSE_STOPS)
_PLACES = _phrase_index(vocab.PLACE_NAMES)
_PLACE_MARKER_ENDS = _suffix_index(vocab.PLACE_MARKERS)
_ORGANISATIONS = _phrase_index(vocab.ORGANISATION_NAMES)
#: Hyphens inside organisation names ("Vụ Kế hoạch - Tài chính").
_HYPHENS = frozenset({"-", "–", "—"})


@dataclass(frozen=True)
class _Token:
    text: str
    low: str
    start: int
    end: int
    word: bool


def _tokenise(text: str) -> list[_Token]:
    return [
        _Token(m.group(), m.group().lower(), m.start(), m.end(), m.group()[0].isalnum())
        for m in _TOKEN.finditer(text)
    ]


def _match_at(tokens: list[_Token], i: int, index: dict[str, list[tuple[str, ...]]]) -> int:
    """Length in tokens of the longest phrase of ``index`` starting at ``i`` (0 if none)."""
    if i >= len(tokens):
        return 0
    for words in index.get(tokens[i].low, ()):
        n = len(words)
        if i + n <= len(tokens) and all(tokens[i + k].low == words[k] for k in range(n)):
            return n
    return 0


def _ends_at(tokens: list[_Token], i: int, index: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether a phrase of ``index`` ends exactly at token ``i``."""
    if i < 0:
        return False
    for words in index.get(tokens[i].low, ()):
        n = len(words)
        if i - n + 1 >= 0 and all(tokens[i - n + 1 + k].low == words[k] for k in range(n)):
            return True
    return False


def _position_at(tokens: list[_Token], i: int) -> int:
    """Tokens taken by a title starting at ``i`` ("nguyên Phó Bí thư"), 0 if none starts there."""
    j = i
    while (n := _match_at(tokens, j, _PREFIXES)) and j - i < 3:
        j += n
    head = _match_at(tokens, j, _HEADS)
    return j + head - i if head else 0


def _is_name_word(tok: _Token) -> bool:
    t = tok.text
    return tok.word and t.isalpha() and t[0].isupper() and (len(t) == 1 or t[1:].islower())


def _name_run(tokens: list[_Token], i: int, *, after_honorific: bool = False) -> int:
    """Length of the person-name run starting at ``i``; 0 when no name starts there.

    A name starts with a known family name, except right after an honorific, which is
    evidence enough for a rarer family name ("đồng chí Đầu Thanh Tùng")."""
    tok = tokens[i]
    if not _is_name_word(tok) or tok.text in vocab.NAME_STOP_WORDS:
        return 0
    if tok.text not in vocab.SURNAMES and not after_honorific:
        return 0
    if _ends_at(tokens, i - 1, _PLACE_MARKER_ENDS):
        return 0
    if (
        _match_at(tokens, i, _HONORIFICS)
        or _position_at(tokens, i)
        or _match_at(tokens, i, _PLACES)
        or _match_at(tokens, i, _ORGANISATIONS)
    ):
        return 0
    j = i + 1
    while (
        j < len(tokens)
        and _is_name_word(tokens[j])
        and tokens[j].text not in vocab.NAME_STOP_WORDS
        and not _position_at(tokens, j)
        and not _match_at(tokens, j, _HONORIFICS)
        and tokens[j].start - tokens[j - 1].end <= 2
    ):
        j += 1
    n = j - i
    if n < 2 or n > vocab.MAX_NAME_SYLLABLES:
        return 0
    return n


def _left_position(text: str, tokens: list[_Token], i: int) -> tuple[str | None, bool]:
    """Look before the name: (title before it, whether an honorific or title frames it)."""
    if _ends_at(tokens, i - 1, _HONORIFIC_ENDS):
        return None, True
    b = i
    limit = max(0, i - _MAX_LEFT_WORDS)
    while b > limit:
        k = b - 1
        tok = tokens[k]
        if not tok.word:
            if tok.text in _HYPHENS and _is_name_word(tokens[b]) and not _position_at(tokens, b):
                b = k
                continue
            break
        if _ends_at(tokens, k, _HONORIFIC_ENDS):
            break
        if tok.low == vocab.CONJUNCTION:
            if _position_at(tokens, b) or _match_at(tokens, b, _HONORIFICS):
                break
        elif _ends_at(tokens, k, _CLAUSE_STOP_ENDS):
            break
        b = k
    for h in range(b, i):
        if tokens[h].word and _position_at(tokens, h):
            return _span(text, tokens, h, i), True
    return None, False


def _right_position(tokens: list[_Token], j: int, text: str) -> str | None:
    """The appositive title after a name ("…, Bí thư Đảng ủy, Giám đốc Sở"), if any."""
    if j + 1 >= len(tokens) or tokens[j].text not in _APPOSITION:
        return None
    start = j + 1
    if not _position_at(tokens, start):
        return None
    e = start
    words = 0
    while e < len(tokens) and words < vocab.MAX_POSITION_WORDS:
        tok = tokens[e]
        if not tok.word:
            if tok.text in _APPOSITION and _position_at(tokens, e + 1):
                e += 1
                continue
            if (
                tok.text in _HYPHENS
                and e + 1 < len(tokens)
                and _is_name_word(tokens[e + 1])
                and not _name_run(tokens, e + 1)
                and not _match_at(tokens, e + 1, _HONORIFICS)
            ):
                e += 1
                continue
            break
        if e > start and (
            _match_at(tokens, e, _POSITION_STOPS)
            or _match_at(tokens, e, _HONORIFICS)
            or _name_run(tokens, e)
        ):
            break
        if tok.low == vocab.CONJUNCTION and (
            _position_at(tokens, e + 1)
            or _match_at(tokens, e + 1, _HONORIFICS)
            or (e + 1 < len(tokens) and _name_run(tokens, e + 1))
        ):
            break
        words += 1
        e += 1
    if e == start:
        return None
    return _span(text, tokens, start, e)


def _span(text: str, tokens: list[_Token], a: int, b: int) -> str:
    """Source text of tokens ``a..b-1`` with whitespace collapsed and stray edges trimmed."""
    return _SPACES.sub(" ", text[tokens[a].start : tokens[b - 1].end]).strip(" ,-–")


def _people_in(text: str) -> list[tuple[str, str | None]]:
    """(name, position) for every framed name in one paragraph, in order."""
    tokens = _tokenise(text)
    found: list[tuple[str, str | None]] = []
    last_end = -10
    i = 0
    while i < len(tokens):
        place = _match_at(tokens, i, _PLACES)
        if place:
            i += place
            continue
        n = _name_run(tokens, i, after_honorific=_ends_at(tokens, i - 1, _HONORIFIC_ENDS))
        if not n:
            i += 1
            continue
        j = i + n
        name = " ".join(t.text for t in tokens[i:j])
        if name in vocab.HISTORICAL_NAMES:
            i = j
            continue
        left, framed = _left_position(text, tokens, i)
        right = _right_position(tokens, j, text)
        listed = i >= 2 and last_end == i - 2 and tokens[i - 1].low in vocab.LIST_JOINERS
        if framed or right or listed:
            positions = [p for p in (left, right) if p]
            found.append((name, max(positions, key=len) if positions else None))
            last_end = j - 1
        i = j
    return found


def extract_people(paragraphs: list[str]) -> list[Person]:
    """Everyone the paragraphs present by honorific or title: once each, first mention first,
    with the longest position the article gives them."""
    order: list[str] = []
    best: dict[str, str | None] = {}
    for paragraph in paragraphs:
        text = unicodedata.normalize("NFC", paragraph)
        for name, position in _people_in(text):
            if name not in best:
                order.append(name)
                best[name] = position
            elif position and len(position) > len(best[name] or ""):
                best[name] = position
    log.debug("found %d people", len(order))
    return [Person(name=name, position=best[name]) for name in order]
