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

from etl.errors import StoreError

_SUFFIX = ".html.gz"


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class RawStore:
    """Content-addressed page store under ``DATA_DIR/raw/pages``."""

    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir) / "raw" / "pages"

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{_SUFFIX}"

    def put(self, body: bytes) -> str:
        """Store ``body`` once; return its sha256. Atomic: a crash never leaves half a file."""
        digest = sha256_hex(body)
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
            with gzip.open(path, "rb") as fh:
                body = fh.read()
        except FileNotFoundError as exc:
            raise StoreError(f"raw page {sha256} not found under {self.root}") from exc
        if sha256_hex(body) != sha256:
            raise StoreError(f"raw page {sha256} is corrupt (hash mismatch) at {path}")
        return body

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def __iter__(self) -> Iterator[str]:
        if not self.root.exists():
            return
        for path in sorted(self.root.glob(f"*/*{_SUFFIX}")):
            yield path.name[: -len(_SUFFIX)]
