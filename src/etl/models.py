"""The records that travel between stages. Plain dataclasses: no I/O, no Prefect."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Image:
    url: str
    alt: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone the article names: the name as written (NFC) and the longest position given."""

    name: str
    position: str | None = None


@dataclass(frozen=True)
class DocumentRef:
    """A party or state document cited: type ("Nghị quyết"), normalised code ("68/NQ-CP"), date."""

    type: str
    code: str
    date: date | None = None


@dataclass
class Article:
    """What ``extract_article`` returns for one page: the fields of the ``articles`` table
    that come from the page itself (the pipeline adds ids, provenance and run metadata)."""

    url: str
    title: str | None = None
    #: Tz-aware instant (UTC). A dateline without time is 00:00 Vietnam time that day.
    published_at: datetime | None = None
    event_date: date | None = None
    location: str | None = None
    author: str | None = None
    body: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    #: Canonical URL when the page declares one (``<link rel="canonical">``).
    canonical_url: str | None = None

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.body)

    @property
    def captions(self) -> list[str]:
        return [i.caption for i in self.images if i.caption]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
