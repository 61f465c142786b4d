"""One row per person or document an article mentions, for the analysts' mentions table."""

from __future__ import annotations

from typing import Any

from etl.models import DocumentRef, Person


def mention_rows(
    article_id: str, people: list[Person], documents: list[DocumentRef]
) -> list[dict[str, Any]]:
    """Flatten people and documents into one long table so both can be queried together."""
    rows: list[dict[str, Any]] = [
        {"article_id": article_id, "kind": "person", "name": p.name, "position": p.position,
         "doc_type": None, "code": None, "doc_date": None}
        for p in people
    ]
    rows += [
        {"article_id": article_id, "kind": "document", "name": None, "position": None,
         "doc_type": d.type, "code": d.code, "doc_date": d.date}
        for d in documents
    ]
    return rows
