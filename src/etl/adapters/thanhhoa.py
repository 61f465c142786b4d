"""The Thanh Hóa department portal (stttt.thanhhoa.gov.vn): table layout, ``news-*`` classes."""

from __future__ import annotations

from etl.adapters.base import SiteAdapter

THANHHOA = SiteAdapter(
    name="thanhhoa",
    title=".news-detail .news-title",
    dateline=".news-detail .news-date",
    content=".news-detail .news-content",
    drop=(".news-tools", ".other-news"),
)
