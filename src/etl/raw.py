"""Raw pages, kept immutably: content-addressed, gzip-compressed, never named after a URL.

``DATA_DIR/raw/pages/ab/abcdef….html.gz`` holds the exact bytes served; the same bytes fetched
twice are stored once. Reprocessing reads from here, so the network is needed only once.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from upath import UPath

from etl.errors import StoreError

_SUFFIX = ".html.gz"


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class RawStore:
    """Content-addressed page store under ``DATA_DIR/raw/pages`` (a folder, or ``s3://`` objects)."""

    def __init__(self, data_dir: str | Path) -> None:
        if "://" in str(data_dir):
            self._remote: ObjectPages | None = ObjectPages(f"{str(data_dir).rstrip('/')}/raw/pages")
            self.root = UPath(self._remote.uri)
            return
        self._remote = None
        self.root = Path(data_dir) / "raw" / "pages"

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{_SUFFIX}"

    def put(self, body: bytes) -> str:
        """Store ``body`` once; return its sha256. Atomic: a crash never leaves half a file."""
        digest = sha256_hex(body)
        if self._remote is not None:
            self._remote.put(_key(digest), gzip.compress(body, mtime=0))
            return digest
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
                gz.write(body)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            if self._remote is not None:
                body = gzip.decompress(self._remote.get(_key(sha256)))
            else:
                with gzip.open(path, "rb") as fh:
                    body = fh.read()
        except FileNotFoundError as exc:
            raise StoreError(f"raw page {sha256} not found under {self.root}") from exc
        if sha256_hex(body) != sha256:
            raise StoreError(f"raw page {sha256} is corrupt (hash mismatch) at {path}")
        return body

    def __contains__(self, sha256: str) -> bool:
        if self._remote is not None:
            return self._remote.exists(_key(sha256))
        return self.path_for(sha256).exists()

    def __iter__(self) -> Iterator[str]:
        if self._remote is not None:
            yield from sorted(k.rsplit("/", 1)[-1][: -len(_SUFFIX)] for k in self._remote.keys()
                              if k.endswith(_SUFFIX))
            return
        if not self.root.exists():
            return
        for path in sorted(self.root.glob(f"*/*{_SUFFIX}")):
            yield path.name[: -len(_SUFFIX)]


def _key(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256}{_SUFFIX}"


class ObjectPages:
    """The raw pages as objects in an S3-compatible store (obstore), configured by ``AWS_*`` variables."""

    def __init__(self, uri: str) -> None:
        from obstore.store import S3Store

        parts = urlsplit(uri)
        if parts.scheme != "s3" or not parts.netloc:
            raise StoreError(f"unsupported data dir {uri!r}: use a local folder or s3://BUCKET/PREFIX")
        self.uri = uri
        env = os.environ
        options: dict[str, Any] = {"region": env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"}
        for key, name in (("endpoint", "AWS_ENDPOINT_URL"), ("access_key_id", "AWS_ACCESS_KEY_ID"),
                          ("secret_access_key", "AWS_SECRET_ACCESS_KEY"), ("session_token", "AWS_SESSION_TOKEN")):
            if env.get(name):
                options[key] = env[name]
        allow_http = env.get("AWS_ALLOW_HTTP", "").lower() in ("1", "true", "yes")
        self._store = S3Store(parts.netloc, prefix=parts.path.strip("/") or None,
                              client_options={"allow_http": allow_http}, **options)

    def put(self, key: str, data: bytes) -> None:
        """Create-if-absent: the key is the content's hash, so an existing object is the same page."""
        import obstore
        from obstore.exceptions import AlreadyExistsError

        try:
            obstore.put(self._store, key, data, mode="create")
        except AlreadyExistsError:
            pass

    def get(self, key: str) -> bytes:
        import obstore

        return obstore.get(self._store, key).bytes().to_bytes()

    def exists(self, key: str) -> bool:
        import obstore

        try:
            obstore.head(self._store, key)
        except FileNotFoundError:
            return False
        return True

    def keys(self) -> Iterator[str]:
        import obstore

        for batch in obstore.list(self._store):
            for meta in batch:
                yield meta["path"]
