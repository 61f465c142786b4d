"""What a site adapter may say: a few selectors that steer the generic extractor.

An adapter never carries logic: each selector only narrows where the generic machinery looks
(content root, headline, dateline, byline) or names extra boilerplate to drop. A selector that
matches nothing on a page is ignored, so a redesign degrades to the generic extractor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.adapters.selectors import css_to_xpath
from etl.errors import ConfigError


@dataclass(frozen=True)
class SiteAdapter:
    """Selectors (a CSS subset: tag, .class, #id, [attr], descendant and child combinators)."""

    name: str
    #: The headline element.
    title: str | None = None
    #: The element holding the publication dateline.
    dateline: str | None = None
    #: The element holding the article text (lead, paragraphs, images, signature).
    content: str | None = None
    #: The byline element, when the site has one apart from the signature line.
    author: str | None = None
    #: Extra boilerplate inside or around the content (share bars, related boxes).
    drop: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for key in ("title", "dateline", "content", "author"):
            value = getattr(self, key)
            if value is not None:
                self._check(key, value)
        for value in self.drop:
            self._check("drop", value)

    def _check(self, key: str, selector: str) -> None:
        try:
            css_to_xpath(selector)
        except ConfigError as exc:
            raise ConfigError(str(exc), source_id=self.name, key=key) from None
