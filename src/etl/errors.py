"""One small exception hierarchy, so callers can catch by kind and messages name the culprit."""

from __future__ import annotations


class EtlError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(EtlError):
    """The sources file or a setting is invalid.

    The message always names the file, the source id and the key at fault, so an operator can
    fix the file without reading code.
    """

    def __init__(self, message: str, *, path: str | None = None, source_id: str | None = None,
                 key: str | None = None) -> None:
        where = [p for p in (path and f"file {path}", source_id and f"source '{source_id}'",
                             key and f"key '{key}'") if p]
        super().__init__(f"{'; '.join(where)}: {message}" if where else message)
        self.path = path
        self.source_id = source_id
        self.key = key


class FetchError(EtlError):
    """A page could not be fetched (after retries); carries the URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RefusedURLError(FetchError):
    """A URL the job must never request: foreign host, bad scheme, private address, robots.txt."""


class ExtractionError(EtlError):
    """A page could not be turned into an article (not an article, unparseable)."""


class StoreError(EtlError):
    """A table could not be read or written (schema drift, lock held by another run)."""


class UsageError(EtlError):
    """A command-line value or a path the run cannot use (exit 2): the message names it."""


class RunFailedError(EtlError):
    """The run finished writing what was good but failed its quality gate."""


class FeedError(EtlError):
    """A feed or sitemap could not be read safely (malformed, hostile, wrong type, too large)."""
