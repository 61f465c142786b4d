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
from itertools import accumulate

from etl.models import Person
from etl.vocab import people as vocab

log = logging.getLogger(__name__)

#: A token and the whitespace before it; the gaps between tokens are whitespace only.
_TOKEN = re.compile(r"(\s*)(\w+(?:[&/’']\w+)*|[^\w\s])")
#: Apostrophes inside Ê Đê / Gia Rai names ("H’Nhi Êban", "Y’Bih").
_APOSTROPHES = ("’", "'")
_SPACES = re.compile(r"\s+")
#: Separators between a name and the position that follows it, and between two titles.
_APPOSITION = frozenset({",", "-", "–", "—"})
#: How far back a title may stand before the name it belongs to.
_MAX_LEFT_WORDS = 16

Index = dict[str, list[list[str]]]


def _phrase_index(phrases: tuple[str, ...] | frozenset[str]) -> Index:
    """First word → word lists, longest first, so a token window is checked in O(k)."""
    index: Index = {}
    for phrase in phrases:
        words = phrase.lower().split()
        index.setdefault(words[0], []).append(words)
    for group in index.values():
        group.sort(key=len, reverse=True)
    return index


def _suffix_index(phrases: tuple[str, ...]) -> Index:
    """Last word → word lists, to find a phrase ending at a token while walking back."""
    index: Index = {}
    for phrase in phrases:
        words = phrase.lower().split()
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
#: Tokens where something may start: a surname, a place's first word, a word after an
#: honorific. The scan visits only these; every other token moves it on by one.
_SURNAMES = frozenset(vocab.SURNAMES)
_NAME_STOPS = frozenset(vocab.NAME_STOP_WORDS)
_PLACE_FIRSTS = frozenset(_PLACES)
_HONORIFIC_LASTS = frozenset(_HONORIFIC_ENDS)
_HEAD_ENDS = _suffix_index(vocab.POSITION_HEADS)
_HEAD_LASTS = frozenset(_HEAD_ENDS)


class _Tokens:
    """A paragraph's tokens as parallel lists (text, lower case, whitespace before); offsets
    are computed only when a span is quoted, which few paragraphs need."""

    __slots__ = ("_gaps", "_offsets", "lows", "n", "source", "texts")

    def __init__(self, source: str) -> None:
        pairs = _TOKEN.findall(source)
        self.source = source
        self.texts: list[str] = [t for _, t in pairs]
        self.lows: list[str] = list(map(str.lower, self.texts))
        self._gaps: list[int] = [len(w) for w, _ in pairs]
        self.n = len(self.texts)
        self._offsets: list[int] | None = None

    def gap(self, k: int) -> int:
        """Whitespace characters between token ``k - 1`` and token ``k``."""
        return self._gaps[k]

    def span(self, a: int, b: int) -> str:
        """Source text of tokens ``a..b-1``."""
        if self._offsets is None:
            lengths: list[int] = []
            for g, t in zip(self._gaps, self.texts, strict=True):
                lengths.append(g)
                lengths.append(len(t))
            self._offsets = list(accumulate(lengths))
        offsets = self._offsets
        return self.source[offsets[2 * a] : offsets[2 * (b - 1) + 1]]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum()


def _match_at(tk: _Tokens, i: int, index: Index) -> int:
    """Length in tokens of the longest phrase of ``index`` starting at ``i`` (0 if none)."""
    if i >= tk.n:
        return 0
    lows = tk.lows
    for words in index.get(lows[i], ()):
        n = len(words)
        if lows[i : i + n] == words:
            return n
    return 0


def _ends_at(tk: _Tokens, i: int, index: Index) -> bool:
    """Whether a phrase of ``index`` ends exactly at token ``i``."""
    if i < 0:
        return False
    lows = tk.lows
    for words in index.get(lows[i], ()):
        n = len(words)
        if i - n + 1 >= 0 and lows[i - n + 1 : i + 1] == words:
            return True
    return False


def _position_at(tk: _Tokens, i: int) -> int:
    """Tokens taken by a title starting at ``i`` ("nguyên Phó Bí thư"), 0 if none starts there."""
    j = i
    while (n := _match_at(tk, j, _PREFIXES)) and j - i < 3:
        j += n
    head = _match_at(tk, j, _HEADS)
    return j + head - i if head else 0


def _is_name_word(t: str) -> bool:
    if t[0].isalnum() and t.isalpha() and t[0].isupper() and (len(t) == 1 or t[1:].islower()):
        return True
    if not any(a in t for a in _APOSTROPHES):
        return False
    parts = re.split("[’']", t)
    return all(p and _is_name_word(p) for p in parts)


def _honorific_before(tk: _Tokens, i: int) -> bool:
    """Whether an honorific frames the name at ``i``; a capitalised "Ông"/"Bà" right after a
    capitalised word is part of a proper name ("Lăng Cá Ông Thắng Tam", "Đền Bà Chúa")."""
    if not _ends_at(tk, i - 1, _HONORIFIC_ENDS):
        return False
    word = tk.texts[i - 1]
    return not (word[0].isupper() and i >= 2 and _is_name_word(tk.texts[i - 2]) and tk.gap(i - 1) <= 2)


def _name_run(tk: _Tokens, i: int, *, after_honorific: bool = False) -> int:
    """Length of the person-name run starting at ``i``; 0 when no name starts there.

    A name starts with a known family name, except right after an honorific, which is
    evidence enough for a rarer family name ("đồng chí Đầu Thanh Tùng")."""
    texts = tk.texts
    t = texts[i]
    if not _is_name_word(t) or t in _NAME_STOPS:
        return 0
    if t not in _SURNAMES and not after_honorific:
        return 0
    if _ends_at(tk, i - 1, _PLACE_MARKER_ENDS) and not after_honorific:
        # "làng X" is a village, but "già làng X" is a village elder
        return 0
    if i >= 1 and _is_name_word(texts[i - 1]) and tk.gap(i) <= 2 and _ends_at(tk, i - 2, _PLACE_MARKER_ENDS):
        # a place takes at least two syllables: "tỉnh Lê Quang Thành" has no name at "Quang"
        return 0
    if (
        _match_at(tk, i, _HONORIFICS)
        or _position_at(tk, i)
        or _match_at(tk, i, _PLACES)
        or _match_at(tk, i, _ORGANISATIONS)
    ):
        return 0
    j = i + 1
    while (
        j < tk.n
        and _is_name_word(texts[j])
        and texts[j] not in _NAME_STOPS
        and not _position_at(tk, j)
        and not _match_at(tk, j, _HONORIFICS)
        and tk.gap(j) <= 2
    ):
        j += 1
    n = j - i
    if n < 2 or n > vocab.MAX_NAME_SYLLABLES:
        return 0
    return n


def _left_position(tk: _Tokens, i: int) -> tuple[str | None, bool]:
    """Look before the name: (title before it, whether an honorific or title frames it)."""
    if _honorific_before(tk, i):
        return None, True
    b = i
    limit = max(0, i - _MAX_LEFT_WORDS)
    while b > limit:
        k = b - 1
        tok = tk.texts[k]
        if not _is_word(tok):
            if tok in _HYPHENS and _is_name_word(tk.texts[b]) and not _position_at(tk, b):
                b = k
                continue
            if tok == "," and _in_organisation_list(tk, b):
                b = k
                continue
            break
        if _ends_at(tk, k, _HONORIFIC_ENDS):
            break
        if tk.lows[k] == vocab.CONJUNCTION:
            if _position_at(tk, b) or _match_at(tk, b, _HONORIFICS):
                break
        elif _ends_at(tk, k, _CLAUSE_STOP_ENDS):
            break
        b = k
    for h in range(b, i):
        if _is_word(tk.texts[h]) and _position_at(tk, h):
            return _span(tk, h, i), True
    return None, False


def _in_organisation_list(tk: _Tokens, b: int) -> bool:
    """Whether the comma before token ``b`` separates parts of an organisation's name ("Bộ Văn
    hóa, Thể thao và Du lịch"): a capitalised word follows that starts no name, title or
    honorific, and a lower-case word precedes it."""
    return (
        b >= 2
        and _is_name_word(tk.texts[b])
        and tk.texts[b - 2].isalpha()
        and tk.texts[b - 2].islower()
        and not _name_run(tk, b)
        and not _position_at(tk, b)
        and not _match_at(tk, b, _HONORIFICS)
    )


def _right_position(tk: _Tokens, j: int) -> str | None:
    """The appositive title after a name ("…, Bí thư Đảng ủy, Giám đốc Sở"), if any."""
    texts = tk.texts
    if j + 1 >= tk.n or texts[j] not in _APPOSITION:
        return None
    start = j + 1
    if not _position_at(tk, start):
        return None
    e = start
    words = 0
    while e < tk.n and words < vocab.MAX_POSITION_WORDS:
        tok = texts[e]
        if not _is_word(tok):
            if tok in _APPOSITION and _position_at(tk, e + 1):
                e += 1
                continue
            if (
                tok in _HYPHENS
                and e + 1 < tk.n
                and _is_name_word(texts[e + 1])
                and not _name_run(tk, e + 1)
                and not _match_at(tk, e + 1, _HONORIFICS)
            ):
                e += 1
                continue
            break
        if e > start and (
            _match_at(tk, e, _POSITION_STOPS)
            or _match_at(tk, e, _HONORIFICS)
            or _name_run(tk, e)
        ):
            break
        if tk.lows[e] == vocab.CONJUNCTION and (
            _position_at(tk, e + 1)
            or _match_at(tk, e + 1, _HONORIFICS)
            or (e + 1 < tk.n and _name_run(tk, e + 1))
        ):
            break
        words += 1
        e += 1
    if e == start:
        return None
    return _span(tk, start, e)


def _span(tk: _Tokens, a: int, b: int) -> str:
    """Source text of tokens ``a..b-1`` with whitespace collapsed and stray edges trimmed."""
    return _SPACES.sub(" ", tk.span(a, b)).strip(" ,-–")


def _starts(tk: _Tokens) -> list[int]:
    """Indices where a place or a name may start (see ``_SURNAMES`` above), in order."""
    out: list[int] = []
    after_honorific = False
    for i, (t, low) in enumerate(zip(tk.texts, tk.lows, strict=True)):
        if after_honorific or t in _SURNAMES or low in _PLACE_FIRSTS:
            out.append(i)
        after_honorific = low in _HONORIFIC_LASTS or low in _HEAD_LASTS
    return out


def _titled_foreign_name(tk: _Tokens, i: int) -> int:
    """A name with no Vietnamese family name (a Lao officer, an ethnic-minority name) framed
    on both sides: a title right before it and a position after it ("Thiếu tá Bounmy
    Phommachanh, Đại đội trưởng …"). One side alone is too weak: "Chủ tịch Hội Nông dân"."""
    if not _ends_at(tk, i - 1, _HEAD_ENDS) or tk.texts[i] in _SURNAMES:
        return 0
    n = _name_run(tk, i, after_honorific=True)
    return n if n and _right_position(tk, i + n) else 0


def _people_in(text: str) -> list[tuple[str, str | None]]:
    """(name, position) for every framed name in one paragraph, in order."""
    tk = _Tokens(text)
    found: list[tuple[str, str | None]] = []
    last_end = -10
    i = 0
    for c in _starts(tk):
        if c < i:
            continue
        i = c
        place = _match_at(tk, i, _PLACES)
        if place:
            i += place
            continue
        n = _name_run(tk, i, after_honorific=_honorific_before(tk, i)) or _titled_foreign_name(tk, i)
        if not n:
            i += 1
            continue
        j = i + n
        name = " ".join(tk.texts[i:j])
        if name in vocab.HISTORICAL_NAMES:
            i = j
            continue
        left, framed = _left_position(tk, i)
        right = _right_position(tk, j)
        listed = i >= 2 and last_end == i - 2 and tk.lows[i - 1] in vocab.LIST_JOINERS
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
