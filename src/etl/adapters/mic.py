"""The ministry portal (mic.gov.vn), section "Đảng bộ Bộ": SharePoint-era markup."""

from __future__ import annotations

from etl.adapters.base import SiteAdapter

MIC = SiteAdapter(
    name="mic",
    title="h1.title",
    dateline=".news-detail > .date",
    content=".content-detail",
    drop=(".related", ".share"),
)
