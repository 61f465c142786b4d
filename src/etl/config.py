"""The sources file (TOML) → validated, immutable ``Source`` objects.

The file is the contract operators write, so every mistake is reported before anything is
fetched, with the file, the source id and the key at fault.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from etl.errors import ConfigError
from etl.settings import DEFAULT_SETTINGS, FetchSettings
from etl.urls import is_private_host, netloc_of

SOURCE_KINDS = ("ministry", "province")
#: How a source finds its articles: walk listing pages (default), read its declared feeds or
#: sitemaps, or find feeds/sitemaps on the start page and in robots.txt and fall back to listings.
DISCOVER_MODES = ("listings", "feeds", "sitemaps", "auto")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_TOP_KEYS = {"allow_private_networks", "crawl", "politeness", "sources"}
#: ``CrawlSettings`` fields a sources file may set, in ``[crawl]`` and per source.
CRAWL_KEYS = ("max_listing_pages", "max_articles_per_run")
_REQUIRED = ("id", "name", "kind", "start_urls", "article_url_pattern")
_OPTIONAL = ("listing_url_pattern", "adapter", *CRAWL_KEYS, "politeness", "enabled",
             "discover", "feed_urls", "sitemap_urls")
#: A portal that moved (or answers on a ``www.`` alias) is fetched on these hosts too.
_OPTIONAL += ("extra_hosts",)
#: Day counts a sources file may set, in ``[crawl]`` and per source (0 is allowed: "off").
CRAWL_DAYS = ("refresh_days",)
_OPTIONAL += CRAWL_DAYS


@dataclass(frozen=True)
class Source:
    """One portal section to collect. ``id`` becomes ``source_id`` in every table."""

    id: str
    name: str
    kind: str
    start_urls: tuple[str, ...]
    article_url_pattern: re.Pattern[str]
    listing_url_pattern: re.Pattern[str] | None = None
    adapter: str | None = None
    max_listing_pages: int | None = None
    #: Articles fetched in one run (None: ``CrawlSettings.max_articles_per_run``).
    max_articles_per_run: int | None = None
    enabled: bool = True
    fetch: FetchSettings = field(default_factory=FetchSettings)
    discover: str = "listings"
    feed_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    #: ``host`` or ``host:port`` entries fetched besides the start URLs' hosts (redirect targets too).
    extra_hosts: tuple[str, ...] = ()
    #: Stored articles published this many days ago or less are re-asked each night (edits).
    refresh_days: int = DEFAULT_SETTINGS.crawl.refresh_days

    @property
    def allowed_netlocs(self) -> frozenset[str]:
        """Only the hosts of the start URLs and ``extra_hosts`` are ever fetched for this source."""
        return frozenset(netloc_of(u) for u in (*self.start_urls, *self.extra_hosts))

    def is_article_url(self, url: str) -> bool:
        return self.article_url_pattern.search(url) is not None

    def is_listing_url(self, url: str) -> bool:
        return self.listing_url_pattern is not None and self.listing_url_pattern.search(url) is not None


@dataclass(frozen=True)
class SourcesConfig:
    sources: tuple[Source, ...]
    allow_private_networks: bool = False
    path: str | None = None

    def select(self, ids: list[str] | None) -> list[Source]:
        """The enabled sources, or exactly the ones named (an unknown id is an error)."""
        if not ids:
            return [s for s in self.sources if s.enabled]
        by_id = {s.id: s for s in self.sources}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise ConfigError(f"unknown source id(s) {unknown}; the file declares {sorted(by_id)}",
                              path=self.path, key="sources")
        return [by_id[i] for i in ids]


def default_sources_path() -> Path:
    """The shipped sources file: the real launch portals."""
    return Path(str(resources.files("etl") / "default_sources.toml"))


def load_config(path: str | Path | None = None) -> SourcesConfig:
    """Read and validate a sources file (the default one when ``path`` is None)."""
    path = Path(path) if path is not None else default_sources_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read sources file: {exc.strerror or exc}", path=str(path)) from exc
    return parse_config(text, path=str(path))


def parse_config(text: str, *, path: str | None = None) -> SourcesConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from exc
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"unknown top-level key(s) {unknown}; allowed: {sorted(_TOP_KEYS)}",
                          path=path, key=unknown[0])
    allow_private = data.get("allow_private_networks", False)
    if not isinstance(allow_private, bool):
        raise ConfigError("must be true or false", path=path, key="allow_private_networks")
    base_fetch = _fetch_settings(DEFAULT_SETTINGS.fetch, data.get("politeness", {}), path, None)
    crawl = data.get("crawl", {})
    if not isinstance(crawl, dict):
        raise ConfigError("must be a table", path=path, key="crawl")
    for key in sorted(set(crawl) - set(CRAWL_KEYS) - set(CRAWL_DAYS)):
        raise ConfigError(f"unknown crawl setting; allowed: {sorted(CRAWL_KEYS + CRAWL_DAYS)}", path=path,
                          key=f"crawl.{key}")
    for key, value in crawl.items():
        if key in CRAWL_DAYS:
            if not _whole_days(value):
                raise ConfigError(_DAYS_MESSAGE, path=path, key=f"crawl.{key}")
        elif not _whole_number(value):
            raise ConfigError("must be a whole number ≥ 1", path=path, key=f"crawl.{key}")
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError("declare at least one [[sources]] table", path=path, key="sources")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_sources):
        source = _parse_source(raw, index, base_fetch, path, crawl)
        _refuse_private_hosts(source, allow_private, path)
        if source.id in seen:
            raise ConfigError("duplicate source id", path=path, source_id=source.id, key="id")
        seen.add(source.id)
        sources.append(source)
    return SourcesConfig(sources=tuple(sources), allow_private_networks=allow_private, path=path)


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


_DAYS_MESSAGE = "must be a whole number of days ≥ 0 (0: never re-ask stored articles)"


def _whole_days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_source(raw: Any, index: int, base_fetch: FetchSettings, path: str | None,
                  crawl: dict[str, int]) -> Source:
    label = f"#{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError("each [[sources]] entry must be a table", path=path, source_id=label)
    sid = raw.get("id")
    label = sid if isinstance(sid, str) and sid else label

    def fail(message: str, key: str) -> ConfigError:
        return ConfigError(message, path=path, source_id=label, key=key)

    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise fail(f"unknown key; allowed: {sorted(_REQUIRED + _OPTIONAL)}", unknown[0])
    for key in _REQUIRED:
        if key not in raw:
            raise fail("missing required key", key)
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        raise fail("must be lowercase letters, digits, '-' or '_' (it becomes source_id)", "id")
    for key in ("name", "kind", "article_url_pattern"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail("must be a non-empty string", key)
    if raw["kind"] not in SOURCE_KINDS:
        raise fail(f"must be one of {list(SOURCE_KINDS)}, got {raw['kind']!r}", "kind")
    start_urls = raw["start_urls"]
    if not isinstance(start_urls, list) or not start_urls or not all(isinstance(u, str) for u in start_urls):
        raise fail("must be a non-empty list of URLs", "start_urls")
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail(f"not an absolute http(s) URL: {url!r}", "start_urls")
    adapter = raw.get("adapter")
    if adapter is not None:
        _check_adapter(adapter, fail)
    limits = {key: raw.get(key, crawl.get(key)) for key in CRAWL_KEYS}
    for key, value in limits.items():
        if value is not None and not _whole_number(value):
            raise fail("must be a whole number ≥ 1", key)
    refresh_days = raw.get("refresh_days", crawl.get("refresh_days", DEFAULT_SETTINGS.crawl.refresh_days))
    if not _whole_days(refresh_days):
        raise fail(_DAYS_MESSAGE, "refresh_days")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("must be true or false", "enabled")
    listing = raw.get("listing_url_pattern")
    if listing is not None and (not isinstance(listing, str) or not listing):
        raise fail("must be a non-empty string", "listing_url_pattern")
    source = Source(
        id=sid,
        name=raw["name"].strip(),
        kind=raw["kind"],
        start_urls=tuple(start_urls),
        article_url_pattern=_compile(raw["article_url_pattern"], fail, "article_url_pattern"),
        listing_url_pattern=_compile(listing, fail, "listing_url_pattern") if listing else None,
        adapter=adapter,
        max_listing_pages=limits["max_listing_pages"],
        max_articles_per_run=limits["max_articles_per_run"],
        enabled=enabled,
        fetch=_fetch_settings(base_fetch, raw.get("politeness", {}), path, label),
        extra_hosts=_extra_hosts(raw.get("extra_hosts", []), fail),
        refresh_days=refresh_days,
    )
    return _with_discovery(source, raw, fail)


def _with_discovery(source: Source, raw: dict[str, Any], fail: Any) -> Source:
    """Check ``discover`` / ``feed_urls`` / ``sitemap_urls`` together: each mode reads only its keys."""
    mode = raw.get("discover", "listings")
    if mode not in DISCOVER_MODES:
        raise fail(f"must be one of {list(DISCOVER_MODES)}, got {mode!r}", "discover")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("feed_urls", "sitemap_urls"):
        urls = raw.get(key, [])
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise fail("must be a list of URLs", key)
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise fail(f"not an absolute http(s) URL: {url!r}", key)
            if netloc_of(url) not in source.allowed_netlocs:
                raise fail(f"{url!r} is not on the source's hosts {sorted(source.allowed_netlocs)}", key)
        lists[key] = tuple(urls)
    wanted = {"feeds": "feed_urls", "sitemaps": "sitemap_urls"}.get(mode)
    if wanted and not lists[wanted]:
        raise fail(f"discover = {mode!r} needs a non-empty {wanted}", wanted)
    for key, urls in lists.items():
        if urls and mode not in ("auto", {"feed_urls": "feeds", "sitemap_urls": "sitemaps"}[key]):
            raise fail(f"is not read when discover = {mode!r}; set discover to "
                       f"{'feeds' if key == 'feed_urls' else 'sitemaps'!r} or 'auto'", key)
    return replace(source, discover=mode, feed_urls=lists["feed_urls"], sitemap_urls=lists["sitemap_urls"])


def _extra_hosts(value: Any, fail: Any) -> tuple[str, ...]:
    """``extra_hosts`` as written (``host`` or ``host:port``); a URL or a path is refused, since the
    entry is compared with the host part of URLs and anything more would silently never match."""
    if not isinstance(value, list) or not all(isinstance(h, str) and h.strip() for h in value):
        raise fail('must be a list of hosts, e.g. ["www.mic.gov.vn", "127.0.0.1:8080"]', "extra_hosts")
    for host in value:
        parts = urlsplit(f"http://{host.strip()}")
        try:
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            port_ok = False
        if not parts.hostname or "://" in host or parts.path or parts.query or parts.username or not port_ok:
            raise fail(f"not a host or host:port: {host!r} (write it as in the URL, without scheme or path)",
                       "extra_hosts")
    return tuple(h.strip() for h in value)


def _refuse_private_hosts(source: Source, allow_private: bool, path: str | None) -> None:
    """A loopback or private host in the file is refused here, before anything runs, rather than by
    the fetcher's guard on every request of the night."""
    if allow_private:
        return
    for key, entries in (("start_urls", source.start_urls), ("extra_hosts", source.extra_hosts)):
        for entry in entries:
            if is_private_host(entry):
                raise ConfigError(f"{entry} is a private or loopback address; set allow_private_networks = true "
                                  "at the top of the file (local test sites only)",
                                  path=path, source_id=source.id, key=key)


def _compile(pattern: str, fail: Any, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise fail(f"invalid regular expression {pattern!r}: {exc}", key) from exc


def _check_adapter(name: Any, fail: Any) -> None:
    from etl.adapters import ADAPTERS

    if not isinstance(name, str) or name not in ADAPTERS:
        raise fail(f"unknown adapter {name!r}; built-in adapters: {sorted(ADAPTERS)}", "adapter")


def _fetch_settings(base: FetchSettings, overrides: Any, path: str | None,
                    source_id: str | None) -> FetchSettings:
    """Apply a ``politeness`` table, checking each key and value type against ``FetchSettings``."""
    if not isinstance(overrides, dict):
        raise ConfigError("must be a table", path=path, source_id=source_id, key="politeness")
    allowed = FetchSettings.field_names()
    for key, value in overrides.items():
        if key not in allowed:
            raise ConfigError(f"unknown politeness setting; allowed: {sorted(allowed)}",
                              path=path, source_id=source_id, key=f"politeness.{key}")
        current = getattr(base, key)
        ok = (isinstance(value, bool) if isinstance(current, bool)
              else isinstance(value, (int, float)) and not isinstance(value, bool)
              if isinstance(current, (int, float))
              else isinstance(value, list) if isinstance(current, tuple)
              else isinstance(value, type(current)))
        if not ok:
            raise ConfigError(f"wrong type {type(value).__name__}, expected like {current!r}",
                              path=path, source_id=source_id, key=f"politeness.{key}")
        if isinstance(current, (int, float)) and not isinstance(current, bool) and value < 0:
            raise ConfigError(f"must be >= 0, got {value}", path=path, source_id=source_id,
                              key=f"politeness.{key}")
        if isinstance(current, int) and not isinstance(current, bool) and not isinstance(value, int):
            raise ConfigError("must be a whole number", path=path, source_id=source_id,
                              key=f"politeness.{key}")
    return base.with_overrides(overrides)
