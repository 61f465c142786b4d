"""The publication dateline of a page: where it sits and which of its cues wins.

Parsing a dateline's text is ``etl.extract.dates``; this module finds the element that holds it
(the adapter's selector, the lines right after or before the headline, meta tags / JSON-LD, a
date-classed element) and reconciles a visible date with a machine-readable one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from etl.clean import cue_string, norm_text
from etl.extract.dates import VN_TZ, Dateline, looks_like_dateline, parse_dateline
from etl.extract.meta import PageMeta
from etl.extract.nodes import in_link_list, spaced_text
from etl.vocab import boilerplate as B
from etl.vocab import dates as VD

#: Elements after the headline searched for its dateline.
DATELINE_WINDOW = 80
#: Elements before the headline searched for a dateline when none follows it.
DATELINE_LOOKBACK = 15
#: Longest element text read as a dateline.
DATELINE_MAX_CHARS = 160
#: Elements after the lead searched for a dateline the article marks ("(Cập nhật …)").
ARTICLE_DATELINE_WINDOW = 6
#: Elements after the headline searched for a marked dateline printed under the text
#: ("Cập nhật: 14/04/2021 17:47" at the foot of a print page or an old portal's article).
FOOT_DATELINE_WINDOW = 600
#: Largest gap, in hours, between a bare visible clock and a zoned machine time of the same
#: minute that is read as one instant shown in another zone (UTC on a misconfigured server).
MAX_ZONE_SHIFT_HOURS = 14


def date_text(el: etree._Element) -> str | None:
    """The text to read a dateline from: a machine-readable ``datetime`` when the element holds
    a <time> giving the clock time, or a zoned ISO instant in its ``title`` (the hAtom
    ``<abbr class="published" title="2015-03-13T21:00:00+11:00">`` and CMSs that copy it), else
    the visible text (if short)."""
    for t in el.iter("time"):
        value = t.get("datetime")
        if value:
            dl = parse_dateline(value)
            if dl and (dl.has_time or el is t):
                return value
    machine = _zoned_title(el)
    if machine is not None:
        return machine
    text = spaced_text(el)
    if not text or len(text) > DATELINE_MAX_CHARS:
        return None
    return text


def find_published(
    body: etree._Element, meta: PageMeta, title_el: etree._Element | None, forced: etree._Element | None = None
) -> Dateline | None:
    """The publication instant: the adapter's dateline element, else the dateline just after
    (or just before) the headline, else meta tags / JSON-LD, else a date-classed element."""
    visible: Dateline | None = None
    if forced is not None:
        visible = parse_dateline(spaced_text(forced))
    if visible is None and title_el is not None:
        visible = _near_headline(body, title_el)
    machine = [d for d in (parse_dateline(v) for v in meta.published or []) if d]
    meta_dl = machine[0] if machine else None
    if visible is not None and visible.has_time and not visible.zoned:
        shifted = next((d for d in machine if _zone_shift_of(d, visible)), None)
        if shifted is not None:
            return shifted
    if visible is not None:
        if (
            not visible.has_time
            and meta_dl is not None
            and meta_dl.has_time
            and meta_dl.local_date == visible.local_date
        ):
            return meta_dl
        if visible.has_time and visible.instant.second == 0:
            return next((d for d in machine if d.has_time and _same_minute(d, visible)), visible)
        if not visible.has_time and title_el is not None:
            return _with_time_apart(body, title_el, visible)
        return visible
    if meta_dl is not None:
        return meta_dl
    marked = _first_dateline(_short_elements(body.iter()), marked_only=True)
    if marked is not None:
        return marked[0]
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        cues = cue_string(el)
        if el.tag != "time" and not (cues and VD.DATE_CLASS_RE.search(cues)):
            continue
        if in_link_list(el):
            continue
        text = date_text(el)
        if text:
            dl = parse_dateline(text)
            if dl:
                return dl
    return None


def _with_time_apart(body: etree._Element, title_el: etree._Element, day: Dateline) -> Dateline:
    """The day's dateline with the clock time a blog writes apart from it, after the post
    ("Đăng bởi admin lúc <span class='published'>16:40</span>" under a date header): the first
    date-classed element after the headline whose text is only a time."""
    after = False
    for el in body.iter():
        if el is title_el:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or not (el.text or "").strip():
            continue
        cues = cue_string(el)
        if not (cues and VD.DATE_CLASS_RE.search(cues)):
            continue
        m = VD.TIME_ONLY_RE.match(norm_text(el.text_content() or ""))
        if m is None:
            continue
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23 or minute > 59:
            return day
        local = day.instant.astimezone(VN_TZ).replace(hour=hour, minute=minute, second=int(m.group(3) or 0))
        return Dateline(local.astimezone(day.instant.tzinfo), True)
    return day


def _zoned_title(el: etree._Element) -> str | None:
    """The ``title`` of ``el`` when it is a whole ISO instant with its zone (nothing else)."""
    value = (el.get("title") or "").strip()
    if not value or len(value) > 40:
        return None
    m = VD.ISO_RE.fullmatch(value)
    return value if m is not None and m.group(4) and m.group(7) else None


def _zone_shift_of(machine: Dateline, visible: Dateline) -> bool:
    """``machine`` (with its zone written out) is the instant a bare visible clock shows in
    another zone: same minute, a whole number of hours apart. A page whose server prints UTC
    ("17/09/2024 03:15") beside ``article:published_time`` "…T03:15:00+00:00": the zoned time
    wins, the bare clock was only assumed to be Vietnam time."""
    if not (machine.zoned and machine.has_time) or machine.instant == visible.instant:
        return False
    gap = abs((machine.instant - visible.instant).total_seconds())
    return gap % 3600 == 0 and gap <= MAX_ZONE_SHIFT_HOURS * 3600


def _short_elements(elements: Iterable[etree._Element]) -> Iterator[etree._Element]:
    """Elements with text of their own whose whole text is short enough to be a dateline (the
    rest cannot be one); the length is read lazily, so a big container costs a few chunks."""
    for el in elements:
        if not isinstance(el.tag, str) or not (el.text or "").strip():
            continue
        size = 0
        for chunk in el.itertext():
            size += len(chunk.strip())
            if size > DATELINE_MAX_CHARS:
                break
        else:
            yield el


def _same_minute(a: Dateline, b: Dateline) -> bool:
    """One instant written twice: "14:25" on the page and "14:25:37" in its markup."""
    return a.instant.replace(second=0, microsecond=0) == b.instant.replace(second=0, microsecond=0)


def _near_headline(body: etree._Element, title_el: etree._Element) -> Dateline | None:
    """The dateline just after the headline, else just before it. A dateline marked "Cập
    nhật"/"Ngày đăng" in the article (under the lead) beats an unmarked date above the headline:
    that one is usually the site's top bar showing today."""
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    try:
        start = elements.index(title_el)
    except ValueError:
        return None
    inside_title = set(title_el.iter())
    after = [el for el in elements[start + 1 : start + 1 + DATELINE_WINDOW] if el not in inside_title]
    cut = 0

    def up_to_lead() -> Iterator[etree._Element]:
        # lazily: most pages give their dateline in the first few elements
        nonlocal cut
        for el in after:
            if (
                len((el.text or "").strip()) > DATELINE_MAX_CHARS
                or el.tag == "p"
                and len(norm_text(el.text_content() or "")) > DATELINE_MAX_CHARS
            ):
                return
            cut += 1
            yield el

    found = _first_dateline(up_to_lead())
    if found is not None:
        return found[0]
    before = _first_dateline(list(reversed(elements[max(0, start - DATELINE_LOOKBACK) : start])))
    marked = _first_dateline(after[cut : cut + ARTICLE_DATELINE_WINDOW], marked_only=True)
    if marked is None and before is not None and not _publication_cued(before[1]):
        # a dateline may sit under the text: a marked one there beats an unmarked date above
        # the headline (the top bar's today); with none above, meta tags come first
        foot = elements[start + 1 + cut + ARTICLE_DATELINE_WINDOW : start + 1 + FOOT_DATELINE_WINDOW]
        marked = _first_dateline(_short_elements(el for el in foot if el not in inside_title), marked_only=True)
    if marked is not None and (before is None or not _publication_cued(before[1])):
        return marked[0]
    return before[0] if before else None


def _first_dateline(elements: Iterable[etree._Element], *, marked_only: bool = False) -> tuple[Dateline, str] | None:
    """The first element reading as a dateline, with its text; failing that, the first meta
    line with a dateline among its fields ("Ngày 18/09/2024 - 15:10 | Tác giả: Thanh Tâm")."""
    texts: list[str] = []
    for el in elements:
        if in_link_list(el):
            continue
        text = date_text(el)
        if not text:
            continue
        texts.append(text)
        if marked_only:
            if (
                el.tag == "time"
                or not _publication_cued(text)
                or not looks_like_dateline(text, max_chars=DATELINE_MAX_CHARS)
            ):
                continue
        elif (
            el.tag != "time" and not looks_like_dateline(text, max_chars=DATELINE_MAX_CHARS) and not dateline_cued(text)
        ):
            continue
        dl = parse_dateline(text)
        if dl:
            return dl, text
    if marked_only:
        return None
    for text in texts:
        if not B.META_FIELD_SEP_RE.search(text):
            continue
        for field in B.META_FIELD_SEP_RE.split(text):
            dl = parse_dateline(field) if looks_like_dateline(field, max_chars=DATELINE_MAX_CHARS) else None
            if dl:
                return dl, field
    return None


def _publication_cued(text: str) -> bool:
    """Whether a dateline names itself a publication/update date ("Ngày đăng", "Cập nhật")."""
    low = text.lower()
    return any(cue in low for cue in VD.DATELINE_CUES)


def dateline_cued(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in VD.DATELINE_CUES) or low.startswith(VD.WEEKDAYS)
