"""Headings that open an article's back matter: where the text came from, what it cites and how
to cite it. What follows such a heading is apparatus, not the article (``etl.clean``)."""

from __future__ import annotations

#: Compared with the heading's whole text, lower case, without trailing punctuation.
BACK_MATTER_HEADINGS: frozenset[str] = frozenset(
    {
        "story source",
        "journal reference",
        "journal references",
        "cite this page",
        "cite this article",
        "references",
        "reference",
        "further reading",
        "tài liệu tham khảo",
        "nguồn tham khảo",
        "trích dẫn",
    }
)
