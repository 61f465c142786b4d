"""URL canonicalisation and the guards that decide which URLs the job may ever request.

Canonical URLs are the deduplication key of discovery and storage: the same article linked with
``utm_*`` tags or a ``#comments`` fragment must map to one row. The guards keep a misconfigured
source or a hostile redirect from sending the crawler to another site or into a private network.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable
from urllib.parse import quote, unquote_plus, urljoin, urlsplit, urlunsplit

from etl.errors import RefusedURLError

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

#: Query keys that only track the click; dropping them never changes the page served.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "igshid", "zarsrc", "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi", "_openstat",
    "srsltid", "gad_source", "ref_src", "oly_anon_id", "oly_enc_id", "vero_id", "spm",
})
#: Key prefixes with the same meaning (``utm_source``, ``_ga``, ``_gl``...).
TRACKING_PREFIXES = ("utm_", "_ga", "_gl", "pk_", "hsa_")

# Characters left as they are in paths and queries; everything else is percent-encoded so that
# a raw Vietnamese path and its encoded form canonicalise to the same string.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"

# Reason strings of RefusedURLError (the fetcher reports them as "refused: <reason>").
REASON_SCHEME = "scheme not allowed"
REASON_HOST = "host not allowed"
REASON_PRIVATE = "private address"


def _is_tracking(key: str) -> bool:
    k = unquote_plus(key).strip().lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def _normalise_host(host: str) -> str:
    """Lowercase, strip the root dot, and turn an internationalised name into its ASCII form."""
    host = host.strip().rstrip(".").lower()
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            logger.debug("host %r is not valid IDNA; kept as is", host)
    return host


def _host_port(scheme: str, host: str, port: int | None) -> str:
    """``host[:port]`` with the scheme's default port dropped and IPv6 literals bracketed."""
    shown = f"[{host}]" if ":" in host else host
    if port is None or DEFAULT_PORTS.get(scheme) == port:
        return shown
    return f"{shown}:{port}"


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The one spelling of ``url`` used as a deduplication key.

    Resolves against ``base``, lowercases scheme and host, drops the default port, the fragment and
    tracking parameters (other parameters keep their order and encoding), and turns an empty
    path into ``/``. Non-http(s) URLs are returned resolved but otherwise untouched; the guards,
    not this function, refuse them.
    """
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = _normalise_host(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        logger.debug("invalid port in %r; netloc kept as written", url)
        netloc = parts.netloc.lower()
    else:
        netloc = _host_port(scheme, host, port)
        if parts.username is not None:
            userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
            netloc = f"{userinfo}@{netloc}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    kept = [p for p in parts.query.split("&") if p and not _is_tracking(p.split("=", 1)[0])]
    query = quote("&".join(kept), safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def netloc_of(url: str) -> str:
    """``host[:port]`` of ``url``, lowercase, default port dropped: the key of allow-lists and
    per-host rate limits. Accepts a bare ``host[:port]`` too."""
    if "://" not in url:
        url = f"http://{url}"
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _normalise_host(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        return parts.netloc.rsplit("@", 1)[-1].lower()
    return _host_port(scheme, host, port)


def normalise_netlocs(netlocs: Iterable[str]) -> frozenset[str]:
    """Allow-list entries in the same spelling as :func:`netloc_of` (entries may be full URLs)."""
    return frozenset(netloc_of(n) for n in netlocs if n and n.strip())


def _is_forbidden_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (not ip.is_global or ip.is_private or ip.is_loopback or ip.is_link_local
            or ip.is_reserved or ip.is_multicast or ip.is_unspecified)


def is_private_host(url_or_netloc: str) -> bool:
    """True when the host is written as a non-public address: an IP literal in a private, loopback,
    link-local or reserved range, or ``localhost``. Names are not resolved (no network needed)."""
    host = urlsplit(url_or_netloc if "://" in url_or_netloc else f"http://{url_or_netloc}").hostname or ""
    host = _normalise_host(host)
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return _is_forbidden_ip(ipaddress.ip_address(host))
    except ValueError:
        return False


def _resolved_addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        # Unresolvable now: the request itself will fail with a connection error, which is retried
        # and reported honestly; refusing here would misreport a DNS hiccup as policy.
        logger.debug("cannot resolve %s: %s", host, exc)
        return []
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


def check_url_allowed(url: str, allowed_netlocs: Iterable[str], *,
                      allow_private_networks: bool) -> None:
    """Raise :class:`RefusedURLError` unless the job may request ``url``.

    Refused: a scheme other than http(s); a netloc outside the source's declared set; a host that
    is, or resolves to, a private / loopback / link-local / reserved address (unless
    ``allow_private_networks``, which only tests and the local fixture site set).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedURLError(url, REASON_SCHEME)
    host = _normalise_host(parts.hostname or "")
    if not host:
        raise RefusedURLError(url, REASON_HOST)
    if netloc_of(url) not in normalise_netlocs(allowed_netlocs):
        raise RefusedURLError(url, REASON_HOST)
    if allow_private_networks:
        return
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            port = parts.port or DEFAULT_PORTS[scheme]
        except ValueError:
            port = DEFAULT_PORTS[scheme]
        addresses = _resolved_addresses(host, port)
    for address in addresses:
        if _is_forbidden_ip(ipaddress.ip_address(address)):
            logger.warning("refusing %s: %s is a non-public address", url, address)
            raise RefusedURLError(url, REASON_PRIVATE)
