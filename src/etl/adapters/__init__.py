"""Registry of site adapters, looked up by the name a source's configuration gives."""

from __future__ import annotations

from etl.adapters.base import SiteAdapter
from etl.adapters.mic import MIC
from etl.adapters.thanhhoa import THANHHOA
from etl.errors import ConfigError

_REGISTRY: dict[str, SiteAdapter] = {a.name: a for a in (MIC, THANHHOA)}

#: Names a source may give as its ``adapter``.
ADAPTERS: tuple[str, ...] = tuple(sorted(_REGISTRY))


def get_adapter(name: str) -> SiteAdapter:
    """The adapter registered under ``name``; ConfigError names the unknown key otherwise."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(
            f"unknown adapter {name!r}; known: {', '.join(ADAPTERS)}", key="adapter"
        ) from None


__all__ = ["ADAPTERS", "SiteAdapter", "get_adapter"]
