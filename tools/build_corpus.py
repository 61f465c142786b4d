"""Generate the fixture corpus and the embedded fixture site from the article data.

    .venv/bin/python tools/build_corpus.py          # rewrite tests/corpus/ and src/etl/fixtures/site/
    .venv/bin/python tools/build_corpus.py --check  # fail if the committed files differ

Article contents live in tools/corpus_src/ (s01/s02.json: the two reference samples; articles_*.py:
the others). Every page is produced by one template function per layout (tools/layouts.py) and
its expected JSON is built from the same article data, so expectations are correct by
construction. A self-check at the end verifies, with a plain text dump of each page (no
extractor), that every expected body paragraph and caption is visible text of the page.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_lib import esc, esc_attr, fold, load_articles, nfc, pub_parts, rng_for  # noqa: E402
from layouts import MIC_FOOT, MIC_HEAD, RENDERERS, TH_FOOT, mic_path, th_left, th_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SITE = ROOT / "src" / "etl" / "fixtures" / "site"

# ----------------------------------------------------------------------------- corpus plan
# (layout, article id, per-page options). Hosts are real-looking provincial portals.
WP1 = {"host": "stttt.quangbinh.gov.vn", "site_name": "Sở Thông tin và Truyền thông Quảng Bình"}
WP2 = {"host": "stttt.nghean.gov.vn", "site_name": "Sở Thông tin và Truyền thông Nghệ An"}
NC1 = {"host": "baothanhhoa.vn", "section": "chinh-tri", "site_name": "Báo Thanh Hóa"}
NC2 = {"host": "baohatinh.vn", "section": "xa-hoi", "site_name": "Báo Hà Tĩnh", "date_style": "vnexpress"}
AS1 = {"host": "sotttt.hatinh.gov.vn", "site_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ TĨNH"}
AS2 = {"host": "stttt.yenbai.gov.vn", "scheme": "http", "site_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG YÊN BÁI"}
PB1 = {"host": "stttt.ninhbinh.gov.vn", "site_name": "Sở Thông tin và Truyền thông Ninh Bình"}
BS1 = {"host": "stttt.bacninh.gov.vn", "site_name": "Cổng thông tin điện tử Sở Thông tin và Truyền thông Bắc Ninh"}
BS2 = {"host": "sotttt.quangtri.gov.vn", "site_name": "Cổng thông tin điện tử Sở Thông tin và Truyền thông Quảng Trị"}

PLAN: list[tuple[str, str, dict]] = [
    # mic (adapter) - 9
    ("mic", "s01", {}), ("mic", "s02", {}), ("mic", "a03", {}), ("mic", "a06", {}), ("mic", "a09", {}),
    ("mic", "a11", {}), ("mic", "a16", {}), ("mic", "a18", {"hide_author": True}), ("mic", "a20", {}),
    # thanhhoa (adapter) - 9
    ("thanhhoa", "s01", {}), ("thanhhoa", "s02", {}), ("thanhhoa", "a01", {}), ("thanhhoa", "a02", {}),
    ("thanhhoa", "a04", {}), ("thanhhoa", "a05", {}), ("thanhhoa", "a10", {}), ("thanhhoa", "a12", {}),
    ("thanhhoa", "a15", {}),
    # wordpress - 8
    ("wordpress", "a01", WP1), ("wordpress", "a07", WP2), ("wordpress", "a08", {**WP1, "abs_img": True}),
    ("wordpress", "a11", WP2), ("wordpress", "a13", {**WP1, "date_only": True}), ("wordpress", "a17", WP2),
    ("wordpress", "a19", {**WP2, "hide_author": True}), ("wordpress", "a22", WP1),
    # newscms - 8
    ("newscms", "a02", NC1), ("newscms", "a05", NC1), ("newscms", "a07", NC2), ("newscms", "a10", {**NC1, "box_after": 1}),
    ("newscms", "a12", NC2), ("newscms", "a14", NC1), ("newscms", "a19", {**NC2, "box_after": 3}), ("newscms", "a21", NC1),
    # aspnet - 7
    ("aspnet", "a04", {**AS1, "date_only": True}), ("aspnet", "a08", {**AS2, "two_line": True, "br": True}),
    ("aspnet", "a13", {**AS1, "two_line": True}), ("aspnet", "a15", {**AS2, "entities": True, "date_only": True}),
    ("aspnet", "a16", {**AS1, "br": True}), ("aspnet", "a20", {**AS2, "nfd": True}), ("aspnet", "s02", {**AS1, "two_line": True}),
    # printbar - 7
    ("printbar", "a03", PB1), ("printbar", "a09", {**PB1, "credit": "Trần Hùng"}), ("printbar", "a14", PB1),
    ("printbar", "a17", {**PB1, "credit": "Minh Đức"}), ("printbar", "a21", {**PB1, "no_credit": True}),
    ("printbar", "a22", PB1), ("printbar", "s01", {**PB1, "no_credit": True, "credit": "Nhóm PV"}),
    # bootstrap - 7
    ("bootstrap", "a01", BS1), ("bootstrap", "a06", {**BS2, "cap_style": "em"}), ("bootstrap", "a11", {**BS1, "date_only": True}),
    ("bootstrap", "a12", BS2), ("bootstrap", "a18", {**BS1, "box_after": 2}), ("bootstrap", "a19", {**BS2, "cap_style": "em", "date_only": True}),
    ("bootstrap", "a10", BS1),
]
ADAPTER_LAYOUTS = {"mic", "thanhhoa"}


def corpus_url(layout: str, a: dict, o: dict) -> str:
    y, m, d, _ = pub_parts(a)
    host, scheme, slug = o.get("host"), o.get("scheme", "https"), a["slug"].lower()
    if layout == "mic":
        return "https://mic.gov.vn" + mic_path(a)
    if layout == "thanhhoa":
        return "https://stttt.thanhhoa.gov.vn" + th_path(a)
    if layout == "wordpress":
        return f"{scheme}://{host}/{y}/{m:02}/{d:02}/{slug}/"
    if layout == "newscms":
        return f"{scheme}://{host}/{o.get('section', 'tin-tuc')}/{slug}-{a['num']}.html"
    if layout == "aspnet":
        return f"{scheme}://{host}/Default.aspx?tabid=123&ItemID={a['num'] % 10000}"
    if layout == "printbar":
        return f"{scheme}://{host}/tin-tuc/hoat-dong-cua-so/{slug}-{a['num']}.aspx"
    if layout == "bootstrap":
        return f"{scheme}://{host}/web/guest/tin-tuc-su-kien/-/asset_publisher/x1Yz/content/{slug}"
    raise KeyError(layout)


def dmy(a: dict) -> str:
    y, m, d, _ = pub_parts(a)
    return f"{d:02}/{m:02}/{y}"


def root_relative(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def dump(path: Path, html_text: str | None = None, data=None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if html_text is not None:
        path.write_text(html_text, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


OUT: dict[Path, str] = {}


def emit(path: Path, text: str) -> None:
    OUT[path] = text


def emit_json(path: Path, data) -> None:
    OUT[path] = json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# ----------------------------------------------------------------------------- corpus

def build_corpus(arts: dict) -> list[tuple[str, dict]]:
    pages = []
    by_layout: dict[str, list] = {}
    for layout, aid, o in PLAN:
        if aid not in arts:
            print("skipping (no article data yet):", layout, aid)
            continue
        by_layout.setdefault(layout, []).append((aid, o))
    for layout, items in by_layout.items():
        urls = {aid: corpus_url(layout, arts[aid], o) for aid, o in items}
        for aid, o in items:
            a = arts[aid]
            others = [x for x, _ in items if x != aid]
            related = [(root_relative(urls[x]) if layout != "aspnet" else "/" + urls[x].split("/", 3)[3], arts[x]["title"], dmy(arts[x])) for x in others]
            name = f"{aid}_{a['slug'].lower()[:40].rstrip('-')}"
            ctx = {"url": urls[aid], "base": urls[aid], "related": related, "opts": o, "rng": rng_for(f"{layout}/{name}")}
            html_text, exp = RENDERERS[layout](a, ctx)
            emit(CORPUS / layout / f"{name}.html", html_text)
            emit_json(CORPUS / layout / f"{name}.json", exp)
            pages.append((html_text, exp))
    return pages


# ----------------------------------------------------------------------------- fixture site

SITE_PLAN = {
    "mic": ["s01", "s02", "a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09", "a10"],
    "thanhhoa": ["s01", "s02", "a11", "a12", "a13", "a14", "a15", "a16", "a17", "a18", "a19", "a20"],
    "nghean": ["a13", "a16", "a17", "a20", "a21", "a22"],
}


def chunks(seq, sizes):
    i = 0
    for s in sizes:
        yield seq[i:i + s]
        i += s


# Feeds and sitemaps name absolute URLs, as the protocols require; the fixture server replaces
# ORIGIN in .xml/.rss/.txt files with its own http://127.0.0.1:<port>.
ORIGIN = "{origin}"


def iso(a: dict) -> str:
    return a["published"] + ":00+07:00"


def rfc822(a: dict) -> str:
    from datetime import datetime

    when = datetime.fromisoformat(iso(a))
    return when.strftime("%a, %d %b %Y %H:%M:%S +0700")


def rss_feed(title: str, link: str, items: list[tuple[str, dict]]) -> str:
    body = "".join(f"<item><title>{esc(a['title'])}</title><link>{ORIGIN}{esc(path)}</link>"
                   f"<guid isPermaLink=\"true\">{ORIGIN}{esc(path)}</guid><pubDate>{rfc822(a)}</pubDate></item>\n"
                   for path, a in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{esc(title)}</title><link>{ORIGIN}{link}</link><description>{esc(title)}</description>\n"
            + body + "</channel></rss>\n")


def atom_feed(title: str, feed_path: str, items: list[tuple[str, dict]]) -> str:
    body = "".join(f'<entry><title>{esc(a["title"])}</title><link rel="alternate" type="text/html" href="{ORIGIN}{esc_attr(path)}"/>'
                   f"<id>{ORIGIN}{esc(path)}</id><updated>{iso(a)}</updated></entry>\n" for path, a in items)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>{esc(title)}</title><id>{ORIGIN}{feed_path}</id><link rel="self" href="{ORIGIN}{feed_path}"/>'
            f"<updated>{iso(items[0][1])}</updated>\n" + body + "</feed>\n")


def sitemap(entries: list[tuple[str, str]], index: bool = False) -> str:
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"<{item}><loc>{ORIGIN}{esc(path)}</loc><lastmod>{mod}</lastmod></{item}>\n" for path, mod in entries)
            + f"</{tag}>\n")


def mic_site(arts: dict) -> list[tuple[str, dict]]:
    ids = SITE_PLAN["mic"]
    # newest first, as a real listing
    ids = sorted(ids, key=lambda x: arts[x]["published"], reverse=True)
    out_dir = SITE / "mic"
    routes: dict[str, str] = {"/robots.txt": "robots.txt"}
    pages = []
    paths = {x: mic_path(arts[x]) for x in ids}
    latest = [(paths[x], arts[x]["title"], dmy(arts[x])) for x in ids[:5]]
    for x in ids:
        a = arts[x]
        fname = f"article-{a['num']}.html"
        related = latest if x not in ids[:5] else [r for r in latest if r[0] != paths[x]] + [(paths[ids[5]], arts[ids[5]]["title"], dmy(arts[ids[5]]))]
        ctx = {"url": paths[x], "base": None, "related": related, "opts": {}, "rng": rng_for(f"site/mic/{x}")}
        html_text, exp = RENDERERS["mic"](a, ctx)
        emit(out_dir / fname, html_text)
        emit_json(out_dir / "expected" / f"article-{a['num']}.json", exp)
        routes[paths[x]] = fname
        pages.append((html_text, exp))
    listing = "/Pages/TinTuc/DangBoBo.aspx"
    groups = list(chunks(ids, [5, 4, 3]))
    for pno, group in enumerate(groups, 1):
        items = []
        for x in group:
            a = arts[x]
            href = paths[x]
            if x == ids[1]:
                href += "?utm_source=fb&utm_medium=social"
            if x == ids[6]:
                href += "#binh-luan"
            lead = fold(next(b for b in a["blocks"] if isinstance(b, str)))[:160] + "..."
            items.append(f'<div class="item"><a href="{esc_attr(href)}"><img src="/Uploads_CMS/thumb/{a["num"]}.jpg" alt="img" /></a>\n'
                         f'<h3><a href="{esc_attr(href)}">{esc(a["title"])}</a></h3><span class="date">{dmy(a)}</span><p>{esc(lead)}</p></div>')
        pager = []
        for k in range(1, len(groups) + 1):
            pager.append(f"<span>{k}</span>" if k == pno else f'<a href="{listing}?Page={k}">{k}</a>')
        if pno < len(groups):
            pager.append(f'<a href="{listing}?Page={pno + 1}">Trang sau &raquo;</a>')
        html_text = (MIC_HEAD.format(title="Đảng bộ Bộ")
                     + '<div id="content"><div class="col-main"><h2>Đảng bộ Bộ</h2><div class="list-news">' + "".join(items)
                     + '</div><div class="pager">' + " ".join(pager) + "</div>"
                     + '<div class="ext-links"><a href="/Pages/Gioi-thieu.aspx">Giới thiệu về Bộ</a> | <a href="/Pages/LienHe.aspx">Liên hệ</a> | <a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></div></div>\n'
                     + '<div class="col-right"><div class="box"><h3>Tin mới nhất</h3><ul>' + "".join(
                         f'<li><a href="{esc_attr(h)}">{esc(t)}</a> <span class="date">({d})</span></li>' for h, t, d in latest) + "</ul></div>\n"
                     + '<div class="box"><h3>Thăm dò ý kiến</h3><p>Bạn đánh giá thế nào về giao diện mới của Cổng?</p>\n<label><input type="radio" name="poll" /> Đẹp, dễ sử dụng</label><label><input type="radio" name="poll" /> Bình thường</label><a href="#">Biểu quyết</a></div></div></div>\n'
                     + MIC_FOOT)
        fname = f"listing-{pno}.html"
        emit(out_dir / fname, html_text)
        routes[f"{listing}?Page={pno}"] = fname
        if pno == 1:
            routes[listing] = fname
    for path, fname, title, text in [
        ("/Pages/Gioi-thieu.aspx", "gioi-thieu.html", "Giới thiệu", "Bộ Thông tin và Truyền thông là cơ quan của Chính phủ, thực hiện chức năng quản lý nhà nước về báo chí, xuất bản, bưu chính, viễn thông, công nghệ thông tin."),
        ("/Pages/LienHe.aspx", "lien-he.html", "Liên hệ", "Địa chỉ: 18 Nguyễn Du, Hà Nội. Điện thoại: 024.39435602. Email: banbientap@mic.gov.vn"),
    ]:
        emit(out_dir / fname, MIC_HEAD.format(title=title) + f'<div id="content"><div class="col-main"><h2>{title}</h2><p>{esc(text)}</p></div></div>\n' + MIC_FOOT)
        routes[path] = fname
    blocked = paths["a02"] if "a02" in paths else paths[ids[-1]]  # robots.txt forbids this one article
    news = [(paths[x], iso(arts[x])) for x in ids]
    emit(out_dir / "sitemap-news.xml", sitemap(news))
    emit(out_dir / "sitemap-pages.xml", sitemap([("/Pages/Gioi-thieu.aspx", "2019-05-01"), ("/Pages/LienHe.aspx", "2019-05-01")]))
    emit(out_dir / "sitemap.xml", sitemap([("/sitemap-news.xml", news[0][1]), ("/sitemap-pages.xml", "2019-05-01")], index=True))
    for name in ("sitemap.xml", "sitemap-news.xml", "sitemap-pages.xml"):
        routes["/" + name] = name
    emit(out_dir / "robots.txt", f"User-agent: *\nDisallow: /admin/\nDisallow: /_layouts/\nDisallow: {blocked}\n\nSitemap: {ORIGIN}/sitemap.xml\n")
    emit_json(out_dir / "routes.json", routes)
    return pages


def thanhhoa_site(arts: dict) -> list[tuple[str, dict]]:
    ids = sorted(SITE_PLAN["thanhhoa"], key=lambda x: arts[x]["published"], reverse=True)
    if len(ids) < 8:
        return []
    out_dir = SITE / "thanhhoa"
    routes: dict[str, str] = {"/robots.txt": "robots.txt"}
    paths = {x: th_path(arts[x]) for x in ids}
    latest = [(paths[x], arts[x]["title"], dmy(arts[x])) for x in ids[:5]]
    pages = []
    for x in ids:
        a = arts[x]
        fname = f"article-{a['num']}.html"
        related = [r for r in latest if r[0] != paths[x]]
        ctx = {"url": paths[x], "base": None, "related": related, "opts": {}, "rng": rng_for(f"site/thanhhoa/{x}")}
        html_text, exp = RENDERERS["thanhhoa"](a, ctx)
        emit(out_dir / fname, html_text)
        emit_json(out_dir / "expected" / f"article-{a['num']}.json", exp)
        routes[paths[x]] = fname
        pages.append((html_text, exp))
    listing = "/portal/Pages/Tin-hoat-dong.aspx"
    groups = list(chunks(ids, [5, 5, 2]))
    for pno, group in enumerate(groups, 1):
        items = []
        for x in group:
            a = arts[x]
            href = paths[x]
            if x == ids[2]:
                href += "?utm_source=fb"
            if x == ids[7]:
                href += "#top"
            lead = fold(next(b for b in a["blocks"] if isinstance(b, str)))[:200]
            items.append(f'<div class="news-item"><img class="thumb" src="/portal/VideoPhoto/ImgNews/thumb/{a["num"]}.jpg"><a class="title" href="{esc_attr(href)}">{esc(a["title"])}</a><div class="sapo">{esc(lead)}</div></div>')
        pager = " ".join(f"<span>{k}</span>" if k == pno else f'<a href="{listing}?Page={k}">{k}</a>' for k in range(1, len(groups) + 1))
        left = th_left(latest).replace(
            '<li><a href="/portal/Pages/Thong-ke.aspx">Thống kê truy cập</a></li>',
            '<li><a href="/portal/Pages/Thong-ke.aspx">Thống kê truy cập</a></li><li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li>')
        html_text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Tin hoạt động</title>'
                     '<link rel="alternate" type="application/atom+xml" title="Tin hoạt động" href="/portal/feed/tin-hoat-dong.xml"></head>\n'
                     + left + '<td class="center" valign="top"><div class="portlet-title">Tin hoạt động</div>' + "".join(items)
                     + f'<div class="paging">Trang: {pager}</div></td></tr></table>\n' + TH_FOOT)
        fname = f"listing-{pno}.html"
        emit(out_dir / fname, html_text)
        routes[f"{listing}?Page={pno}"] = fname
        if pno == 1:
            routes[listing] = fname
    for path, fname, title in [("/portal/Pages/Lien-ket.aspx", "lien-ket.html", "Liên kết website"),
                               ("/portal/Pages/Thong-ke.aspx", "thong-ke.html", "Thống kê truy cập")]:
        emit(out_dir / fname, '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
             f'<title>{title}</title></head>\n' + th_left(latest) + f'<td class="center" valign="top"><div class="portlet-title">{title}</div><p>Đang cập nhật.</p></td></tr></table>\n' + TH_FOOT)
        routes[path] = fname
    emit(out_dir / "tin-hoat-dong.xml", atom_feed("Tin hoạt động", "/portal/feed/tin-hoat-dong.xml", [(paths[x], arts[x]) for x in ids]))
    routes["/portal/feed/tin-hoat-dong.xml"] = "tin-hoat-dong.xml"
    emit(out_dir / "robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /portal/_layouts/\n")
    emit_json(out_dir / "routes.json", routes)
    return pages


def nghean_site(arts: dict) -> list[tuple[str, dict]]:
    ids = sorted(SITE_PLAN["nghean"], key=lambda x: arts[x]["published"], reverse=True)
    if len(ids) < 5:
        return []
    out_dir = SITE / "nghean"
    routes: dict[str, str] = {"/robots.txt": "robots.txt"}
    paths = {x: f"/tin-tuc/{arts[x]['slug'].lower()}-{arts[x]['num']}.html" for x in ids}
    canon_id = ids[1]
    alias = f"/tin-tuc/hoat-dong-so/{arts[canon_id]['slug'].lower()}-{arts[canon_id]['num']}.html"
    rel_all = [(paths[x], arts[x]["title"], dmy(arts[x])) for x in ids]
    pages = []
    for x in ids:
        a = arts[x]
        fname = f"article-{a['num']}.html"
        opts = {"site_name": "Sở Thông tin và Truyền thông Nghệ An", "date_style": "vnexpress" if ids.index(x) % 2 else "cms"}
        if x == canon_id:
            opts["canonical"] = paths[x]
        ctx = {"url": paths[x], "base": None, "related": [r for r in rel_all if r[0] != paths[x]], "opts": opts,
               "rng": rng_for(f"site/nghean/{x}")}
        html_text, exp = RENDERERS["newscms"](a, ctx)
        emit(out_dir / fname, html_text)
        emit_json(out_dir / "expected" / f"article-{a['num']}.json", exp)
        routes[paths[x]] = fname
        if x == canon_id:
            routes[alias] = fname
        pages.append((html_text, exp))
    listing = "/tin-tuc/hoat-dong-so"
    groups = list(chunks(ids, [4, 2]))
    for pno, group in enumerate(groups, 1):
        items = []
        for x in group:
            a = arts[x]
            href = alias if x == canon_id else paths[x]
            if x == ids[0]:
                href += "?utm_source=zalo&utm_campaign=share"
            if x == ids[2]:
                href += "#comments"
            lead = fold(next(b for b in a["blocks"] if isinstance(b, str)))[:180] + "…"
            items.append(f'<article class="item-news"><a class="thumb" href="{esc_attr(href)}"><img src="/Uploads/thumbs/{a["num"]}.jpg" alt="{esc_attr(a["title"])}"></a>'
                         f'<h3 class="title-news"><a href="{esc_attr(href)}">{esc(a["title"])}</a></h3><p class="description">{esc(lead)}</p></article>\n')
        pager = " ".join(f'<span class="active">{k}</span>' if k == pno else f'<a href="{listing}{"" if k == 1 else f"?page={k}"}">{k}</a>' for k in range(1, len(groups) + 1))
        html_text = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hoạt động của Sở | Sở Thông tin và Truyền thông Nghệ An</title>
<link rel="alternate" type="application/rss+xml" title="Hoạt động của Sở" href="/rss/hoat-dong-so.rss"></head>
<body><div class="header"><a class="logo" href="/"><img src="/Content/images/logo.png" alt="Sở Thông tin và Truyền thông Nghệ An"></a>
<ul class="main-nav"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc/hoat-dong-so">Hoạt động của Sở</a></li><li><a href="/lien-he">Liên hệ</a></li><li><a href="https://dichvucong.gov.vn/">Dịch vụ công</a></li></ul></div>
<div class="container"><h1 class="cate-title">Hoạt động của Sở</h1>
{''.join(items)}<div class="pagination">{pager}</div>
<div class="box"><h3 class="box-title">Tin mới</h3><ol>{''.join(f'<li><a href="{esc_attr(h)}">{esc(t)}</a></li>' for h, t, _ in rel_all[:4])}</ol></div></div>
<div class="footer"><p>SỞ THÔNG TIN VÀ TRUYỀN THÔNG NGHỆ AN</p><p>Địa chỉ: 16 Trường Thi, thành phố Vinh, Nghệ An</p></div></body></html>
"""
        fname = f"listing-{pno}.html"
        emit(out_dir / fname, html_text)
        routes[listing if pno == 1 else f"{listing}?page={pno}"] = fname
    for path, fname, title in [("/gioi-thieu", "gioi-thieu.html", "Giới thiệu"), ("/lien-he", "lien-he.html", "Liên hệ")]:
        emit(out_dir / fname, f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1><p>Sở Thông tin và Truyền thông Nghệ An, 16 Trường Thi, thành phố Vinh.</p></body></html>\n')
        routes[path] = fname
    emit(out_dir / "hoat-dong-so.rss", rss_feed("Hoạt động của Sở", listing, [(paths[x], arts[x]) for x in ids]))
    routes["/rss/hoat-dong-so.rss"] = "hoat-dong-so.rss"
    emit(out_dir / "robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /search\n")
    emit_json(out_dir / "routes.json", routes)
    return pages


# ----------------------------------------------------------------------------- self-check

def visible_text(html_text: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_text, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return fold(soup.get_text(""))


def self_check(pages: list[tuple[str, dict]]) -> None:
    for html_text, exp in pages:
        text = visible_text(html_text)
        where = exp["url"]
        assert fold(exp["title"]) in text, where
        for p in exp["body"]:
            assert p == fold(p) and p == nfc(p), (where, p)
            assert p in text, (where, p[:80])
        for im in exp["images"]:
            if im["caption"]:
                assert im["caption"] in text, (where, im["caption"])
                assert all(im["caption"] != p for p in exp["body"]), where


def main() -> int:
    arts = load_articles()
    for k in SITE_PLAN:
        SITE_PLAN[k] = [x for x in SITE_PLAN[k] if x in arts]
    pages = build_corpus(arts)
    pages += mic_site(arts) + thanhhoa_site(arts) + nghean_site(arts)
    self_check(pages)
    check = "--check" in sys.argv
    bad = []
    for path, text in sorted(OUT.items()):
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                bad.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if not check:
        # drop generated files no longer produced (keep README.md and package files)
        for base in (CORPUS, SITE):
            for p in base.rglob("*"):
                if p.is_file() and p not in OUT and p.name not in ("README.md", "__init__.py"):
                    p.unlink()
    n_corpus = sum(1 for p in OUT if p.is_relative_to(CORPUS) and p.suffix == ".html")
    print(f"{len(arts)} articles, {n_corpus} corpus pages, {len(OUT)} files {'checked' if check else 'written'}")
    if bad:
        print("out of date:", *bad, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
