"""Parse publication datelines and event dates written the Vietnamese way.

A dateline without a zone is Vietnam time; the result is a tz-aware UTC instant so rows from
different sources compare. A day without a time is 00:00 Vietnam time that day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from etl.settings import SOURCE_TIMEZONE
from etl.vocab import dates as V

VN_TZ = ZoneInfo(SOURCE_TIMEZONE)


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline: the instant (UTC) and whether the text gave a time of day."""

    instant: datetime
    has_time: bool
    #: The text said which zone its clock is in (an ISO offset, "GMT+7", "EDT"): such a time is
    #: sure; a bare clock is only taken to be Vietnam time.
    zoned: bool = False

    @property
    def local_date(self) -> date:
        return self.instant.astimezone(VN_TZ).date()


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _to_utc(
    d: date, hour: int = 0, minute: int = 0, second: int = 0, tz: timezone | ZoneInfo | None = None
) -> datetime | None:
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    local = datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=tz or VN_TZ)
    return local.astimezone(UTC)


def _parse_offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _twelve_hour(hour: int, half: str) -> int:
    """The 24-hour hour of a 12-hour clock time followed by ``half`` ("chiều", "pm", "trưa",
    "đêm"...): the word says which half of the day the hour is in."""
    if half in V.AFTERNOON_WORDS:
        return hour + 12 if hour < 12 else hour
    if half in V.MORNING_WORDS:
        return 0 if hour == 12 else hour
    if half in V.NOON_WORDS:
        return hour + 12 if 1 <= hour <= 4 else hour
    if half in V.NIGHT_WORDS:
        return hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)
    return hour


def _zone_after(text: str, pos: int) -> timezone | None:
    """The zone written right after a clock time: a numeric offset ("+0700", "GMT+07:00",
    "Z") or an abbreviation ("EDT", "ICT")."""
    offset = V.OFFSET_AFTER_TIME_RE.match(text, pos)
    if offset:
        return _parse_offset(offset.group(1))
    name = V.ZONE_AFTER_TIME_RE.match(text, pos)
    if name:
        return timezone(timedelta(hours=V.ZONE_ABBREVIATIONS[name.group(1).lower()]))
    return None


def _nearest_time(text: str, start: int, end: int) -> tuple[int, int, int, timezone | None] | None:
    """The clock time closest to the date span [start, end) within a short window, with the
    zone written right after it ("20:15:00 +0700", "9:41 AM EDT"), if any."""
    best: tuple[int, tuple[int, int, int, timezone | None]] | None = None
    for m in V.TIME_RE.finditer(text):
        if start <= m.start() < end:
            continue
        gap = m.start() - end if m.start() >= end else start - m.end()
        if gap > 30:
            continue
        hour, minute = int(m.group(1)), int(m.group(2))
        second = int(m.group(3) or 0)
        suffix = (m.group(4) or "").lower()
        if suffix and hour <= 12:
            hour = _twelve_hour(hour, suffix)
        if hour > 23 or minute > 59:
            continue
        if best is None or gap < best[0]:
            best = (gap, (hour, minute, second, _zone_after(text, m.end())))
    return best[1] if best else None


def _dated(text: str, d: date | None, start: int, end: int, *, zoned: bool = False) -> Dateline | None:
    """The instant of day ``d`` (found at [start, end) of ``text``) with its nearby clock time;
    ``zoned`` when the text said the clock is Vietnam time ("GMT+7")."""
    if d is None:
        return None
    hms = _nearest_time(text, start, end)
    inst = _to_utc(d, *hms[:3], tz=hms[3]) if hms else _to_utc(d)
    return Dateline(inst, hms is not None, zoned=bool(hms and (hms[3] is not None or zoned))) if inst else None


def _day_month(first: int, second: int, year: int) -> date | None:
    """A numeric date read day first (the Vietnamese order), or month first when the middle
    number cannot be a month ("09/18/2024" on an English-language page)."""
    d = _valid(year, second, first)
    if d is None and second > 12 >= first:
        d = _valid(year, first, second)
    return d


def parse_dateline(text: str) -> Dateline | None:
    """The first date in ``text`` with the clock time written next to it, as a UTC instant.

    Handles "Thứ ba, 18/08/2020 12:12", "Cập nhật lúc 09:05 ngày 03/06/2023", "(03/06/2023)",
    "05/03/2024 - 14:30", "ngày 5 tháng 3 năm 2024", "11 Tháng 3 2024 09:45", ISO instants and
    the English forms CMS meta tags use ("Tue, 26 Sep 2023 20:15:00 +0700", "May 10, 2024
    07:45:00 AM").
    """
    if not text:
        return None
    vn_zone = bool(V.TZ_NOISE_RE.search(text))
    text = V.TZ_NOISE_RE.sub(" ", text)
    iso = V.ISO_RE.search(text)
    dmy = V.DMY_RE.search(text)
    if iso and (not dmy or iso.start() <= dmy.start()):
        d = _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if d:
            if iso.group(4):
                inst = _to_utc(
                    d, int(iso.group(4)), int(iso.group(5)), int(iso.group(6) or 0), _parse_offset(iso.group(7))
                )
                if inst:
                    return Dateline(inst, True, zoned=bool(iso.group(7)) or vn_zone)
            dl = _dated(text, d, iso.start(), iso.end())
            if dl:
                return dl
    for m in V.DMY_RE.finditer(text):
        day = _day_month(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        dl = _dated(text, day, m.start(), m.end(), zoned=vn_zone)
        if dl:
            return dl
    for m in V.WORDY_DATE_RE.finditer(text):
        if not m.group(3):
            continue
        dl = _dated(text, _valid(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end())
        if dl:
            return dl
    english = [
        (m.start(), m.end(), int(m.group(3)), V.EN_MONTHS[m.group(2).lower()], int(m.group(1)))
        for m in V.EN_DMY_RE.finditer(text)
    ]
    english += [
        (m.start(), m.end(), int(m.group(3)), V.EN_MONTHS[m.group(1).lower()], int(m.group(2)))
        for m in V.EN_MDY_RE.finditer(text)
    ]
    for start, end, year, month, day in sorted(english):
        dl = _dated(text, _valid(year, month, day), start, end, zoned=vn_zone)
        if dl:
            return dl
    for m in V.DMY2_RE.finditer(text):
        day = _day_month(int(m.group(1)), int(m.group(3)), 2000 + int(m.group(4)))
        dl = _dated(text, day, m.start(), m.end(), zoned=vn_zone)
        if dl:
            return dl
    return None


def looks_like_dateline(text: str, *, max_chars: int = 120) -> bool:
    """Whether a short line is a dateline (a date, maybe a weekday, time and cue words only)."""
    text = text.strip()
    if not text or len(text) > max_chars or parse_dateline(text) is None:
        return False
    rest = V.DMY2_RE.sub(" ", V.DMY_RE.sub(" ", V.TZ_NOISE_RE.sub(" ", text)))
    rest = V.ISO_RE.sub(" ", rest)
    rest = V.TIME_RE.sub(" ", rest).lower()
    for word in sorted(V.DATELINE_CUES + V.MODIFIED_CUES + V.WEEKDAYS, key=len, reverse=True):
        rest = rest.replace(word, " ")
    leftover = re.sub(r"[\W\d_]+", " ", rest).split()
    leftover = [w for w in leftover if w not in ("lúc", "ngày", "giờ", "h", "am", "pm", "sa", "ch")]
    return len(leftover) <= 3


def _event_year(day: int, month: int, year: str | None, published: date | None) -> date | None:
    if year:
        return _valid(int(year), month, day)
    if published is None:
        return None
    d = _valid(published.year, month, day)
    if d and d > published:
        d = _valid(published.year - 1, month, day)
    return d


def parse_event_date(paragraphs: list[str], published: date | None = None, *, max_paragraphs: int = 2) -> date | None:
    """The day the event took place, read from the opening sentence(s).

    "Sáng ngày 05/3/2024", "sáng nay (18/8)", "Ngày 26/12/2022", "Chiều 12/4": the year comes
    from the publication date when the text omits it (the previous year if that would put the
    event after publication). A date right after a document code is that document's date.
    """
    for para in paragraphs[:max_paragraphs]:
        best: tuple[int, date] | None = None
        for pattern in (*V.EVENT_PATTERNS, V.EVENT_WORDY_RE):
            for m in pattern.finditer(para):
                if V.DOCUMENT_BEFORE_DATE_RE.search(para[max(0, m.start() - 40) : m.start()]):
                    continue
                d = _event_year(int(m.group(1)), int(m.group(2)), m.group(3), published)
                if d and (best is None or m.start() < best[0]):
                    best = (m.start(), d)
                break
        if best:
            return best[1]
    return None
