"""Helpers shared by the corpus generator: article data loading, text folding, expected JSON,
inline HTML decoration that changes markup but never the visible text.

Everything here is deterministic (seeded by page name) so regenerating gives identical files.
"""

from __future__ import annotations

import html
import importlib.util
import json
import random
import re
import unicodedata
import zlib
from pathlib import Path
from urllib.parse import urljoin

SRC = Path(__file__).resolve().parent / "corpus_src"

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Whitespace folded (NBSP counts as whitespace), NFC."""
    return " ".join(nfc(s).split())


def slugify(title: str) -> str:
    s = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-")


def rng_for(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode("utf-8")))


def hex12(text: str) -> str:
    return "%012x" % (zlib.crc32(text.encode()) * 7919 % (16**12))


# ---------------------------------------------------------------- article data

def load_articles() -> dict[str, dict]:
    arts: list[dict] = []
    for p in sorted(SRC.glob("*.json")):
        arts.append(json.loads(p.read_text(encoding="utf-8")))
    for p in sorted(SRC.glob("articles_*.py")):
        spec = importlib.util.spec_from_file_location(p.stem, p)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        arts.extend(mod.ARTICLES)
    out = {}
    for a in arts:
        a = dict(a)
        a["blocks"] = [nfc(b) if isinstance(b, str) else {k: (nfc(v) if isinstance(v, str) else v) for k, v in b.items()} for b in a["blocks"]]
        a["title"] = nfc(a["title"])
        a.setdefault("slug", slugify(a["title"]))
        a.setdefault("sample", False)
        assert a["id"] not in out, a["id"]
        out[a["id"]] = a
        validate_article(a)
    return out


def validate_article(a: dict) -> None:
    paras = [b for b in a["blocks"] if isinstance(b, str)]
    assert 4 <= len(paras) <= 40, (a["id"], len(paras))
    text = " ".join(paras)
    for name, _pos in a["people"]:
        assert name in text or any(isinstance(b, dict) and name in (b.get("caption") or "") for b in a["blocks"]), (a["id"], name)
    if a.get("location"):
        assert "tại " + a["location"] in paras[0], (a["id"], a["location"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", a["published"]), a["id"]


def body_of(a: dict) -> list[str]:
    return [fold(b) for b in a["blocks"] if isinstance(b, str)]


def published(a: dict, with_time: bool = True) -> str:
    d, t = a["published"].split("T")
    return f"{d}T{t}:00+07:00" if with_time else f"{d}T00:00:00+07:00"


def pub_parts(a: dict):
    d, t = a["published"].split("T")
    y, m, dd = (int(x) for x in d.split("-"))
    return y, m, dd, t


def weekday(a: dict) -> str:
    import datetime as _dt

    y, m, d, _ = pub_parts(a)
    return WEEKDAYS[_dt.date(y, m, d).weekday()]


def expected(a: dict, *, url: str, layout: str, adapter: str | None, published_at: str | None,
             images: list[dict], author: str | None, canonical_url: str | None = None) -> dict:
    return {
        "url": url,
        "layout": layout,
        "adapter": adapter,
        "article_id": a["id"],
        "title": fold(a["title"]),
        "published_at": published_at,
        "event_date": a.get("event_date"),
        "location": a.get("location"),
        "author": author,
        "body": body_of(a),
        "images": images,
        "people": [{"name": n, "position": p} for n, p in a["people"]],
        "documents": [{"type": t, "code": c, "date": d} for t, c, d in a["documents"]],
        "canonical_url": canonical_url,
    }


def image_entry(page_url: str | None, src: str, alt: str | None, caption: str | None) -> dict:
    url = urljoin(page_url, src) if page_url else src
    return {"url": url, "alt": fold(alt) if alt else None, "caption": fold(caption) if caption else None}


# ---------------------------------------------------------------- inline decoration

ENTITY_SWAPS = [("“", "&ldquo;"), ("”", "&rdquo;"), ("…", "&hellip;"), ("–", "&ndash;")]


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def esc_attr(s: str) -> str:
    return html.escape(s, quote=True)


def numeric_entities(s: str) -> str:
    """Old CMS style: every non-ASCII character as a decimal character reference."""
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in s)


def decorate(text: str, a: dict, rng: random.Random, level: int = 1, *, nfd: bool = False,
             entities: bool = False) -> str:
    """Escape ``text`` and add the inline noise real CMS output has (strong/a/span/&nbsp;/stray
    whitespace). The visible text, folded, is exactly ``fold(text)``."""
    t = esc(text)
    if level >= 2 and rng.random() < 0.35 and ", " in t:
        t = t.replace(", ", ",&nbsp;", 1)
    if level >= 1:
        for sym, ent in ENTITY_SWAPS:
            if rng.random() < 0.7:
                t = t.replace(sym, ent)
    if nfd:
        t = unicodedata.normalize("NFD", t)
    if entities:
        t = numeric_entities(t)
    if level >= 1 and not (nfd or entities):
        if rng.random() < 0.35:
            for name, _ in a["people"]:
                if name in t:
                    tag = rng.choice(["strong", "b"])
                    t = t.replace(name, f"<{tag}>{name}</{tag}>", 1)
                    break
        if rng.random() < 0.3:
            for _typ, code, _d in a["documents"]:
                if code in t and "<" not in code:
                    t = t.replace(code, f'<a href="/van-ban/{slugify(code).lower()}.html" target="_blank">{code}</a>', 1)
                    break
        if level >= 2 and rng.random() < 0.2:
            t = f'<span style="font-family:Times New Roman,serif; font-size:14pt">{t}</span>'
    if level >= 2 and rng.random() < 0.3:
        t = "\n\t" + t + " \n"
    return t
