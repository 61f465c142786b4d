"""Signature and byline lines as lines of text: where a name ends and what is not a name.

Shared by the body assembly (``etl.extract.generic``: which closing lines are a signature, not
body) and the byline module (which of them names the writer); it reads text only.
"""

from __future__ import annotations

import re

from etl.vocab import boilerplate as B
from etl.vocab import dates as VD

#: Longest English byline meta line.
EN_BYLINE_MAX_CHARS = 160
#: Longest line closing a signature below the name ("(Trung tâm Văn hóa - Thông tin huyện …)").
ANNEX_MAX_CHARS = 100
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)


def before_date(text: str) -> str:
    """A byline that carries the date after the name ("By Hoang Phong September 23, 2024 |
    09:12 pm", "Lê Hà - 15/03/2024"): the name is what comes before the date."""
    starts = [
        m.start()
        for rx in (VD.DMY_RE, VD.ISO_RE, VD.EN_MDY_RE, VD.EN_DMY_RE, VD.TIME_RE)
        if (m := rx.search(text)) is not None
    ]
    cut = min(starts, default=0)
    return text[:cut].strip(" ·|•-–—,") if cut > 0 else text


def is_english_byline_line(text: str) -> bool:
    """Whether a short body line is an English byline meta line ("By Mark Ellis · Published
    09/18/2024 06:30 PM ICT"), not a sentence opening with "By" ("By noon the river had …"):
    capitalised names after "By", then nothing, a site name or the date."""
    if len(text) > EN_BYLINE_MAX_CHARS or not B.EN_BYLINE_START_RE.match(text):
        return False
    names = B.EN_META_LABEL_RE.sub("", before_date(text)[3:].strip(" ·|•–—,"))
    return B.EN_BYLINE_NAMES_RE.fullmatch(names.strip(" ·|•–—,")) is not None


def is_signature_annex(text: str) -> bool:
    """A line that closes a multi-line signature under the name: the writer's unit in brackets
    ("(Trung tâm Văn hóa - Thông tin huyện Hương Sơn)"), a source ("Nguồn: TTXVN") or the
    source site ("kinhtedothi.vn"). The name above it is the attribution."""
    text = text.strip()
    if not text or len(text) > ANNEX_MAX_CHARS:
        return False
    if B.SOURCE_LINE_RE.match(text) or _DOMAIN_RE.match(text):
        return True
    return text.startswith("(") and text.endswith(")") and "(" not in text[1:-1] and text[1:2].isupper()
