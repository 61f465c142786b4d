"""What a page's <head> and structured data say (meta tags, <title>, canonical, JSON-LD).

Read on the raw tree before cleaning removes them; the title, dateline and byline modules
cross-check the visible page against it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lxml import etree

from etl.clean import norm_text
from etl.vocab import dates as VD


@dataclass
class PageMeta:
    """What the <head> and structured data say, read before cleaning removes them."""

    title: str | None = None
    og_title: str | None = None
    published: list[str] | None = None
    author: str | None = None
    canonical: str | None = None
    #: The publication's own name (og:site_name, application-name), to tell it from a writer.
    site_name: str | None = None


def read_meta(doc: etree._Element) -> PageMeta:
    """Meta tags, <title>, canonical link and JSON-LD of a document."""
    meta = PageMeta(published=[])
    t = doc.find(".//title")
    if t is not None and t.text_content():
        meta.title = norm_text(t.text_content())
    wanted = {k: i for i, k in enumerate(VD.META_PUBLISHED)}
    found: list[tuple[int, str]] = []
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not key or not content:
            continue
        if key in ("og:title", "twitter:title") and meta.og_title is None:
            meta.og_title = norm_text(content)
        elif key in wanted:
            found.append((wanted[key], content))
        elif key in ("author", "article:author", "dc.creator") and meta.author is None:
            meta.author = norm_text(content)
        elif key in ("og:site_name", "application-name") and meta.site_name is None:
            meta.site_name = norm_text(content)
    for el in doc.xpath("//*[@property and @content and not(self::meta)]"):
        for key in el.get("property").lower().split():
            if key in wanted:
                found.append((wanted[key], el.get("content").strip()))
                break
    for el in doc.xpath("//*[@itemprop='datePublished' or @itemprop='dateCreated']"):
        value = (
            el.get("content")
            or el.get("datetime")
            or (el.get("title") if el.tag == "abbr" else None)
            or el.text_content()
        )
        if value and value.strip():
            found.append((wanted.get("datepublished", 0), value.strip()))
    for script in doc.xpath("//script[@type='application/ld+json']"):
        _read_json_ld(script.text or "", meta, found, wanted)
    for el in doc.xpath("//link[@rel='canonical']"):
        if el.get("href"):
            meta.canonical = el.get("href").strip()
            break
    meta.published = [v for _, v in sorted(found, key=lambda kv: kv[0])]
    return meta


def _read_json_ld(text: str, meta: PageMeta, found: list[tuple[int, str]], wanted: dict[str, int]) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            if isinstance(item.get("datePublished"), str):
                found.append((wanted.get("datepublished", 0), item["datePublished"]))
            if isinstance(item.get("headline"), str) and meta.og_title is None:
                meta.og_title = norm_text(item["headline"])
            author = item.get("author")
            if isinstance(author, dict):
                author = author.get("name")
            elif isinstance(author, list) and author and isinstance(author[0], dict):
                author = author[0].get("name")
            if isinstance(author, str) and meta.author is None:
                meta.author = norm_text(author)
