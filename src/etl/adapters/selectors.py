"""A small CSS-selector subset compiled to XPath, so adapters stay readable without cssselect.

Supported: ``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=value]`` compounds, the descendant
(space) and child (``>``) combinators, and comma-separated groups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from etl.errors import ConfigError

_TOKEN_RE = re.compile(r"\s*(>)\s*|\s+|([^\s>]+)")
_SIMPLE_RE = re.compile(r"([.#]?[\w\-]+|\[[^\]]+\]|\*)")


def _compound(sel: str) -> str:
    tag = "*"
    preds: list[str] = []
    pos = 0
    for m in _SIMPLE_RE.finditer(sel):
        if m.start() != pos:
            raise ConfigError(f"unsupported CSS selector {sel!r}")
        pos = m.end()
        part = m.group(1)
        if part.startswith("."):
            preds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {part[1:]} ')")
        elif part.startswith("#"):
            preds.append(f"@id='{part[1:]}'")
        elif part.startswith("["):
            inner = part[1:-1]
            if "=" in inner:
                name, value = inner.split("=", 1)
                preds.append(f"@{name.strip()}='{value.strip().strip(chr(34) + chr(39))}'")
            else:
                preds.append(f"@{inner.strip()}")
        else:
            tag = part
    if pos != len(sel):
        raise ConfigError(f"unsupported CSS selector {sel!r}")
    return tag + "".join(f"[{p}]" for p in preds)


@lru_cache(maxsize=256)
def css_to_xpath(selector: str) -> str:
    """XPath (relative to any node, searching descendants) for a CSS selector of the subset."""
    groups = []
    for group in selector.split(","):
        steps: list[str] = []
        axis = "descendant-or-self::"
        for m in _TOKEN_RE.finditer(group.strip()):
            if m.group(1):
                axis = "child::"
            elif m.group(2):
                steps.append(axis + _compound(m.group(2)))
                axis = "descendant::"
            else:
                continue
        if not steps:
            raise ConfigError(f"empty CSS selector {selector!r}")
        groups.append("/".join(steps))
    return " | ".join(groups)


@lru_cache(maxsize=256)
def compiled(selector: str) -> etree.XPath:
    """The compiled XPath of a CSS selector (cached: adapters reuse the same few)."""
    return etree.XPath(css_to_xpath(selector))


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """Elements under ``root`` matching ``selector``, in document order."""
    return list(compiled(selector)(root))


def select_first(root: etree._Element, selector: str | None) -> etree._Element | None:
    """The first match of ``selector`` under ``root``, or None (also for no selector)."""
    if not selector:
        return None
    found = compiled(selector)(root)
    return found[0] if found else None
