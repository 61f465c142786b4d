"""Raw pages: content-addressed, compressed, stored once, verified on read."""

from __future__ import annotations

import gzip

import pytest

from etl.errors import StoreError
from etl.raw import RawStore, sha256_hex


def test_put_is_content_addressed_compressed_and_idempotent(tmp_path) -> None:
    raw = RawStore(tmp_path)
    body = ("<html><body>" + "Tin tức Đảng bộ Bộ " * 200 + "</body></html>").encode()
    sha = raw.put(body)
    assert sha == sha256_hex(body)
    path = raw.path_for(sha)
    assert path.parent.parent == tmp_path / "raw" / "pages"
    assert path.name == f"{sha}.html.gz" and path.stat().st_size < len(body) / 5
    assert gzip.decompress(path.read_bytes()) == body
    mtime = path.stat().st_mtime_ns
    assert raw.put(body) == sha and path.stat().st_mtime_ns == mtime
    assert raw.get(sha) == body and sha in raw and list(raw) == [sha]
    assert not list(path.parent.glob(".tmp-*"))


def test_missing_and_corrupt_pages_raise_store_error(tmp_path) -> None:
    raw = RawStore(tmp_path)
    with pytest.raises(StoreError, match="not found"):
        raw.get("0" * 64)
    sha = raw.put(b"<html>a</html>")
    raw.path_for(sha).write_bytes(gzip.compress(b"<html>tampered</html>"))
    with pytest.raises(StoreError, match="corrupt"):
        raw.get(sha)
