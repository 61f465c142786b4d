"""The HTTP client of the job: polite, bounded, and unable to wander off the declared sites.

Every limit comes from :class:`etl.settings.FetchSettings`. A page that fails never raises: the
:class:`FetchResult` says why (``"http 404"``, ``"timeout"``, ``"too large"``, ``"refused: …"``),
so one broken portal cannot stop a nightly run.

Design choices, each forced by the real web:

* Redirects are followed by hand (``allow_redirects=False``) so every hop passes the host / scheme
  / private-address guard; requests' own redirect handling would already have connected.
* Bodies are read raw (``decode_content=False``) in small pieces and decompressed here with
  ``zlib``'s ``max_length``, so a gzip bomb is cut off after ``max_bytes`` of *decoded* output and
  memory never holds more than the cap.
* The per-host rate limit lives in a process-wide registry: sources run in parallel threads, each
  with its own ``Fetcher``, and two sources on one portal must still share its politeness budget.

Known limits: the private-address check resolves the name before requests connects, so a DNS
answer that changes in between (rebinding) is not caught; the whole-response deadline is checked
between reads, so one stalled read can add up to ``read_timeout_s`` to it.
"""

from __future__ import annotations

import codecs
import logging
import random
import re
import socket
import threading
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3.exceptions
from charset_normalizer import from_bytes
from protego import Protego

from etl.errors import RefusedURLError
from etl.settings import FetchSettings
from etl.urls import REASON_HOST, check_url_allowed, netloc_of, normalise_netlocs

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Error of a URL whose redirect leads off the source's hosts (followed by ``<host[:port]>``). Not a
#: policy refusal: it is how a portal that moved shows itself, so it fails the URL and says where to.
OFF_HOST_REDIRECT = "redirected to another host: "
#: Error of a request whose host name does not resolve (followed by the host): no network, a typo,
#: or a portal whose domain lapsed. Said as such, not as a robots.txt or connection problem.
DNS_FAILED = "DNS lookup failed for host "
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Read size of one socket read; small enough that deadlines are checked often.
CHUNK_BYTES = 64 * 1024
#: Largest piece decompressed at once, so a bomb never materialises more than this per step.
DECODE_STEP = 256 * 1024
#: RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt; more is not worth reading.
ROBOTS_MAX_BYTES = 512 * 1024

#: Magic numbers of the binaries portals serve behind ``.html`` links.
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04",
                 b"\xd0\xcf\x11\xe0", b"Rar!", b"\x1f\x8b")


@dataclass
class FetchResult:
    """What happened to one URL. ``error`` is None exactly when the fetch succeeded."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body: bytes | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    error: str | None = None
    not_modified: bool = False
    #: HTTP requests sent for this URL (retries and redirect hops included; robots.txt not).
    attempts: int = 0
    #: The redirect hops followed, in order (empty when the first response was final).
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class RobotsRules:
    """What one origin's robots.txt allows: its parsed rules, or a blanket answer.

    Parsed by protego, an RFC 9309 parser: ``*`` and ``$`` in paths and the longest match between
    Allow and Disallow, which the stdlib parser ignores (it takes the first matching line).
    """

    parser: Protego | None = None
    #: Used when there is no parser: True for "no rules" (4xx), False for "closed" (401/403, outage).
    allow_all: bool = True

    def can_fetch(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        return self.parser.crawl_delay(user_agent) if self.parser is not None else None

    def sitemaps(self) -> list[str]:
        """The file's ``Sitemap:`` lines (RFC 9309 §2.2.4), as written."""
        return list(self.parser.sitemaps) if self.parser is not None else []

    @classmethod
    def parse(cls, text: str) -> RobotsRules:
        return cls(parser=Protego.parse(text))


# --------------------------------------------------------------------------------------------
# Per-host politeness shared by every Fetcher of the process
# --------------------------------------------------------------------------------------------

@dataclass
class _HostState:
    cond: threading.Condition = field(default_factory=threading.Condition)
    in_flight: int = 0
    last_start: float = float("-inf")
    not_before: float = 0.0


class HostRegistry:
    """Start times and in-flight counts per netloc, shared across threads and Fetchers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: dict[str, _HostState] = {}

    def _state(self, netloc: str) -> _HostState:
        with self._lock:
            return self._hosts.setdefault(netloc, _HostState())

    @contextmanager
    def slot(self, netloc: str, min_delay_s: float, concurrency: int) -> Iterator[None]:
        """Wait for a free slot on ``netloc`` and for ``min_delay_s`` since the previous start."""
        state = self._state(netloc)
        with state.cond:
            while state.in_flight >= max(1, concurrency):
                state.cond.wait()
            now = time.monotonic()
            start = max(now, state.last_start + min_delay_s, state.not_before)
            state.last_start = start
            state.in_flight += 1
        try:
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            with state.cond:
                state.in_flight -= 1
                state.cond.notify_all()

    def defer(self, netloc: str, seconds: float) -> None:
        """Hold every request to ``netloc`` for ``seconds`` (a Retry-After applies to the host)."""
        state = self._state(netloc)
        with state.cond:
            state.not_before = max(state.not_before, time.monotonic() + seconds)


#: The process-wide registry every Fetcher uses unless given another.
HOSTS = HostRegistry()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _is_dns_failure(exc: BaseException) -> bool:
    """Whether a connection error was the name not resolving (requests buries it a few levels down)."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror | urllib3.exceptions.NameResolutionError):
            return True
        linked = (current.__cause__, current.__context__, getattr(current, "reason", None), *current.args)
        stack.extend(e for e in linked if isinstance(e, BaseException))
    return False


def _mime(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


class _TooLarge(Exception):
    pass


class _BodyDecoder:
    """Incremental Content-Encoding decoder that never produces more than the caller's budget."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._started = False
        self._d = self._new()

    def _new(self, raw_deflate: bool = False) -> zlib._Decompress | None:
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.encoding == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return None

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        """Yield decoded pieces of ``data``; raise _TooLarge once output would exceed ``room``."""
        if self._d is None:
            if len(data) > room:
                raise _TooLarge
            yield data
            return
        buf = data
        while True:
            # Small steps: the largest live buffer is DECODE_STEP, not the whole cap.
            step = min(room + 1, DECODE_STEP)
            try:
                out = self._d.decompress(buf, step)
            except zlib.error:
                # Servers disagree on whether "deflate" carries the zlib header; retry raw once.
                if self.encoding == "deflate" and not self._started:
                    self._started = True
                    self._d = self._new(raw_deflate=True)
                    continue
                raise
            self._started = True
            if len(out) > room:
                raise _TooLarge
            room -= len(out)
            if out:
                yield out
            buf = self._d.unconsumed_tail
            if self._d.eof:
                rest = self._d.unused_data
                if rest.strip(b"\0") and self.encoding in ("gzip", "x-gzip"):
                    self._d = self._new()  # another gzip member follows
                    buf = rest
                    continue
                break
            if not buf and len(out) < step:
                break

    @property
    def complete(self) -> bool:
        return self._d is None or self._d.eof


@dataclass
class _Attempt:
    """One HTTP exchange as the retry loop sees it."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None


# --------------------------------------------------------------------------------------------
# The fetcher
# --------------------------------------------------------------------------------------------

class Fetcher:
    """Polite, guarded HTTP GETs for one source (one set of allowed netlocs)."""

    def __init__(self, settings: FetchSettings, *, allowed_netlocs: Iterable[str],
                 allow_private_networks: bool = False, registry: HostRegistry | None = None) -> None:
        self.settings = settings
        self.allowed_netlocs = normalise_netlocs(allowed_netlocs)
        self.allow_private_networks = allow_private_networks
        self._registry = registry or HOSTS
        self._session = requests.Session()
        # Proxies and .netrc from the environment would route around the guards.
        self._session.trust_env = False
        self._session.headers.update({
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "vi,en;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        })
        self._robots: dict[str, RobotsRules] = {}
        self._crawl_delay: dict[str, float] = {}
        self._robots_unavailable: dict[str, str] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # --- public API ----------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            expect_html: bool = True) -> FetchResult:
        """Fetch ``url``; never raises for a failing page (the result's ``error`` says why)."""
        result = FetchResult(url=url, final_url=url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            self._follow(url, result, headers, expect_html=expect_html,
                         max_bytes=self.settings.max_bytes, check_robots=True)
        except Exception as exc:  # a bug here must not stop the whole run
            logger.exception("unexpected error fetching %s", url)
            result.error = f"internal error: {type(exc).__name__}"
        result.fetched_at = datetime.now(UTC)
        if result.error:
            logger.warning("fetch failed %s: %s (attempts=%d)", url, result.error, result.attempts)
        else:
            logger.debug("fetched %s -> %s status=%s bytes=%s", url, result.final_url,
                         result.status, len(result.body) if result.body is not None else None)
        return result

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- redirects and guards ------------------------------------------------------------
    def _follow(self, url: str, result: FetchResult, headers: dict[str, str], *,
                expect_html: bool, max_bytes: int, check_robots: bool) -> None:
        current = _strip_fragment(url)
        visits: dict[str, int] = {}
        while True:
            result.final_url = current
            try:
                check_url_allowed(current, self.allowed_netlocs,
                                  allow_private_networks=self.allow_private_networks)
            except RefusedURLError as exc:
                if result.redirects and exc.reason == REASON_HOST:
                    result.error = OFF_HOST_REDIRECT + netloc_of(current)
                else:
                    result.error = f"refused: {exc.reason}"
                return
            if check_robots and self.settings.obey_robots_txt:
                refusal = self._robots_refusal(current)
                if refusal:
                    result.error = refusal
                    return
            visits[current] = visits.get(current, 0) + 1
            attempt = self._with_retries(current, headers, result, expect_html=expect_html,
                                         max_bytes=max_bytes)
            result.status = attempt.status
            location = attempt.headers.get("location")
            if attempt.error is None and attempt.status in REDIRECT_STATUSES and location:
                target = _strip_fragment(urljoin(current, location.strip()))
                if len(result.redirects) >= self.settings.max_redirects:
                    result.error = "too many redirects"
                    return
                # A repeat is a loop unless the server just set a cookie (session handshakes
                # redirect to the same URL once); max_redirects bounds that case.
                if target in visits and "set-cookie" not in attempt.headers:
                    result.error = "redirect loop"
                    return
                result.redirects.append(target)
                current = target
                continue
            self._fill(result, attempt)
            return

    @staticmethod
    def _fill(result: FetchResult, attempt: _Attempt) -> None:
        h = attempt.headers
        result.content_type = h.get("content-type")
        result.etag = h.get("etag")
        result.last_modified = h.get("last-modified")
        if attempt.error:
            result.error = attempt.error
        elif attempt.status == 304:
            result.not_modified = True
        elif attempt.status in REDIRECT_STATUSES:
            result.error = f"http {attempt.status} without location"
        else:
            result.body = attempt.body

    # --- retries -------------------------------------------------------------------------
    def _backoff(self, retry_number: int) -> float:
        base = self.settings.backoff_s * (2 ** (retry_number - 1))
        return min(self.settings.backoff_max_s, base + random.uniform(0, base / 2))

    def _with_retries(self, url: str, headers: dict[str, str], result: FetchResult, *,
                      expect_html: bool, max_bytes: int) -> _Attempt:
        s = self.settings
        netloc = netloc_of(url)
        retry = 0
        while True:
            result.attempts += 1
            attempt = self._once(url, headers, expect_html=expect_html, max_bytes=max_bytes)
            if not attempt.retryable:
                return attempt
            if attempt.retry_after is not None and attempt.retry_after > s.max_retry_after_s:
                logger.warning("%s: Retry-After %.0fs exceeds the %.0fs cap; giving up tonight",
                               url, attempt.retry_after, s.max_retry_after_s)
                attempt.error = f"{attempt.error} (retry-after too long)"
                return attempt
            if retry >= s.retries:
                return attempt
            retry += 1
            if attempt.retry_after is not None:
                # The host asked for a pause: every request to it waits, not only this one.
                self._registry.defer(netloc, attempt.retry_after)
                delay = 0.0
            else:
                delay = self._backoff(retry)
            logger.info("retrying %s after %s (retry %d/%d, wait %.2fs)", url, attempt.error,
                        retry, s.retries, attempt.retry_after or delay)
            if delay:
                time.sleep(delay)

    # --- one exchange ----------------------------------------------------------------------
    def _min_delay(self, url: str) -> float:
        origin = self._origin(url)
        return max(self.settings.min_delay_s, self._crawl_delay.get(origin, 0.0))

    def _once(self, url: str, headers: dict[str, str], *, expect_html: bool,
              max_bytes: int) -> _Attempt:
        s = self.settings
        with self._registry.slot(netloc_of(url), self._min_delay(url), s.per_host_concurrency):
            started = time.monotonic()
            try:
                response = self._session.get(
                    url, headers=headers, stream=True, allow_redirects=False,
                    timeout=(s.connect_timeout_s, s.read_timeout_s))
            except requests.exceptions.Timeout:
                return _Attempt(error="timeout", retryable=True)
            except requests.exceptions.ConnectionError as exc:
                logger.debug("connection error on %s: %s", url, exc)
                if _is_dns_failure(exc):
                    return _Attempt(error=f"{DNS_FAILED}{urlsplit(url).hostname}", retryable=True)
                return _Attempt(error="connection error", retryable=True)
            except requests.exceptions.RequestException as exc:
                return _Attempt(error=f"request error: {type(exc).__name__}")
            try:
                return self._read(response, started, expect_html=expect_html,
                                  max_bytes=max_bytes)
            finally:
                response.close()

    def _read(self, response: requests.Response, started: float, *, expect_html: bool,
              max_bytes: int) -> _Attempt:
        s = self.settings
        attempt = _Attempt(status=response.status_code,
                           headers={k.lower(): v for k, v in response.headers.items()})
        status = response.status_code
        if status in REDIRECT_STATUSES or status == 304:
            return attempt
        if status >= 400 or status < 200:
            attempt.error = f"http {status}"
            attempt.retryable = status in s.retry_statuses
            if attempt.retryable:
                attempt.retry_after = parse_retry_after(attempt.headers.get("retry-after"))
            return attempt
        mime = _mime(attempt.headers.get("content-type"))
        if expect_html and mime is not None and mime not in HTML_TYPES:
            attempt.error = "not html"
            return attempt
        encoding = attempt.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            attempt.error = f"unsupported encoding {encoding}"
            return attempt
        declared_length = attempt.headers.get("content-length", "")
        length = int(declared_length) if declared_length.isdigit() else None
        if length is not None and length > max_bytes:
            attempt.error = "too large"
            return attempt
        decoder = _BodyDecoder(encoding)
        parts: list[bytes] = []
        received = decoded = 0
        raw = response.raw
        try:
            while True:
                chunk = raw.read1(CHUNK_BYTES, decode_content=False)
                if not chunk:
                    break
                received += len(chunk)
                if received > max_bytes:
                    attempt.error = "too large"
                    return attempt
                for piece in decoder.feed(chunk, max_bytes - decoded):
                    if expect_html and decoded == 0 and piece.lstrip().startswith(_BINARY_MAGIC):
                        attempt.error = "not html"
                        return attempt
                    parts.append(piece)
                    decoded += len(piece)
                if time.monotonic() - started > s.total_timeout_s:
                    attempt.error = "timeout (total)"
                    return attempt
        except _TooLarge:
            attempt.error = "too large"
            return attempt
        except zlib.error:
            attempt.error = "bad content encoding"
            return attempt
        except urllib3.exceptions.ReadTimeoutError:
            attempt.error, attempt.retryable = "timeout", True
            return attempt
        except urllib3.exceptions.ProtocolError as exc:
            truncated = "IncompleteRead" in repr(exc)
            attempt.error = "truncated" if truncated else "connection error"
            attempt.retryable = True
            return attempt
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            logger.debug("read error: %r", exc)
            attempt.error, attempt.retryable = "connection error", True
            return attempt
        if (length is not None and received < length) or not decoder.complete:
            attempt.error, attempt.retryable = "truncated", True
            return attempt
        attempt.body = b"".join(parts)
        return attempt

    # --- robots.txt ------------------------------------------------------------------------
    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme.lower()}://{netloc_of(url)}"

    def _robots_refusal(self, url: str) -> str | None:
        """None when robots.txt allows ``url``; else the FetchResult error to record."""
        origin = self._origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._robots[origin] = self._load_robots(origin)
        if origin in self._robots_unavailable:
            reason = self._robots_unavailable[origin]
            if reason.startswith(DNS_FAILED):  # the host is unreachable, whatever robots.txt says
                return reason
            return f"refused: robots.txt unavailable ({reason})"
        if not rules.can_fetch(url, self.settings.user_agent):
            logger.info("robots.txt of %s disallows %s", origin, url)
            return "refused: robots.txt"
        return None

    def robots_sitemaps(self, url: str) -> list[str]:
        """The sitemaps named by the robots.txt of ``url``'s origin, absolute: the file the fetcher
        reads anyway (once per origin), so discovery needs no request of its own for them."""
        origin = self._origin(url)
        self._robots_refusal(f"{origin}/robots.txt")  # loads and caches the origin's rules
        rules = self._robots.get(origin)
        return [urljoin(f"{origin}/", u) for u in rules.sitemaps()] if rules is not None else []

    def _load_robots(self, origin: str) -> RobotsRules:
        """Fetch robots.txt once through the guarded path; decide what a failure means.

        RFC 9309: a 4xx means there are no rules; a 5xx or no answer means the site may be
        overloaded, so nothing is fetched there until the next run. 401/403 are read as "closed".
        """
        robots_url = f"{origin}/robots.txt"
        result = FetchResult(url=robots_url, final_url=robots_url)
        self._follow(robots_url, result, {}, expect_html=False,
                     max_bytes=min(ROBOTS_MAX_BYTES, self.settings.max_bytes), check_robots=False)
        status = result.status
        if result.ok and result.body is not None:
            rules = RobotsRules.parse(result.body.decode("utf-8", "replace"))
            delay = rules.crawl_delay(self.settings.user_agent)
            if delay is not None:
                self._crawl_delay[origin] = min(float(delay), self.settings.max_crawl_delay_s)
            return rules
        if status in (401, 403):
            logger.warning("robots.txt of %s answers %s: treating the site as closed",
                           origin, status)
            return RobotsRules(allow_all=False)
        if status is not None and 400 <= status < 500 and status != 429:
            return RobotsRules(allow_all=True)
        logger.warning("robots.txt of %s unavailable (%s): nothing fetched there this run",
                       origin, result.error)
        self._robots_unavailable[origin] = result.error or f"http {status}"
        return RobotsRules(allow_all=False)


# --------------------------------------------------------------------------------------------
# Charset decoding
# --------------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
#: WHATWG: browsers decode these labels as windows-1252; so do the pages' authors' tools.
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii"})


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        logger.debug("unknown charset label %r", label)
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _utf8_share(body: bytes) -> tuple[int, int]:
    """(multibyte characters, invalid sequences) when ``body`` is read as UTF-8."""
    text = body.decode("utf-8", "replace")
    invalid = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - invalid
    return multibyte, invalid


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode a page to NFC text; never raises.

    Order: BOM, charset of the header, ``<meta>`` in the first 4 KiB, UTF-8, charset_normalizer.
    A declared non-UTF-8 charset loses when the bytes are (mostly) valid multi-byte UTF-8: portals
    often keep an ``iso-8859-1`` header or a stale ``<meta>`` while serving UTF-8, and trusting the
    label would turn every Vietnamese letter into mojibake. windows-1258 keeps tone marks as
    combining characters, hence NFC at the end.
    """
    if not body:
        return ""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _nfc(body[len(bom):].decode(codec, "replace"))
    multibyte, invalid = _utf8_share(body)
    # Text in a single-byte charset almost never forms valid multi-byte UTF-8 sequences, so a
    # clear majority of valid ones means UTF-8 whatever the label says; invalid bytes among them
    # are damage. When the label itself says UTF-8, valid sequences need only match invalid ones.
    mostly_utf8 = multibyte > 0 and invalid * 4 <= multibyte
    labelled_utf8_plausible = invalid == 0 or multibyte >= invalid
    header_match = _HEADER_CHARSET.search(content_type or "")
    meta_match = _META_CHARSET.search(body[:4096])
    declared = [_codec_name(header_match.group(1) if header_match else None),
                _codec_name(meta_match.group(1).decode("ascii", "replace") if meta_match else None)]
    for codec in declared:
        if codec is None:
            continue
        if codec == "utf-8":
            if labelled_utf8_plausible:
                return _nfc(body.decode("utf-8", "replace"))
            continue
        if mostly_utf8:
            logger.debug("declared %s but the bytes are UTF-8; using UTF-8", codec)
            return _nfc(body.decode("utf-8", "replace"))
        try:
            return _nfc(body.decode(codec))
        except (UnicodeDecodeError, LookupError):
            logger.debug("bytes are not valid %s; trying the next candidate", codec)
    if invalid == 0 or mostly_utf8:
        return _nfc(body.decode("utf-8", "replace"))
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return _nfc(body.decode(best.encoding, "replace"))
    fallback = next((c for c in declared if c), "cp1252")
    return _nfc(body.decode(fallback, "replace"))
