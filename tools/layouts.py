"""One small template function per page layout.

Each ``render_<layout>(a, ctx)`` returns ``(html, expected_dict)``. ``ctx`` carries:
  url      - the page URL written in "url" of the expected JSON (absolute for the corpus,
             root-relative path for the fixture site)
  base     - URL image sources are resolved against for the expected JSON (None: keep the
             root-relative src as is, used by the fixture site)
  related  - list of (href, title, "dd/mm/yyyy") of other articles for the boxes around the body
  opts     - per-page variations (dict)
  rng      - random.Random seeded by the page name
The expected dict is built from the article data, never by parsing the page.
"""

from __future__ import annotations

import zlib

from corpus_lib import (
    decorate,
    esc,
    esc_attr,
    expected,
    fold,
    hex12,
    image_entry,
    pub_parts,
    published,
    weekday,
)


def _dmy(a) -> str:
    y, m, d, _ = pub_parts(a)
    return f"{d:02}/{m:02}/{y}"


# ============================================================================ mic (adapter)

MIC_HEAD = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8" /><title>{title} - Bộ Thông tin và Truyền thông</title>
<link rel="stylesheet" href="/Style Library/css/site.css" /><script src="/Style Library/js/jquery.js"></script>
<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-000000-1']);</script></head>
<body><form method="post" action="./" id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk" />
<div id="header"><a href="/"><img src="/Style Library/images/logo.png" alt="Bộ Thông tin và Truyền thông" /></a>
<div class="top-links"><a href="/en">English</a> | <a href="/Pages/SiteMap.aspx">Sơ đồ cổng</a> | <a href="/Pages/LienHe.aspx">Liên hệ</a></div>
<div class="search"><input type="text" placeholder="Tìm kiếm..." /><a href="#">Tìm kiếm</a></div></div>
<ul id="menu"><li><a href="/Pages/Trang-chu.aspx">Trang chủ</a></li><li><a href="/Pages/Gioi-thieu.aspx">Giới thiệu</a></li><li><a href="/Pages/Tin-tuc-Su-kien.aspx">Tin tức - Sự kiện</a></li><li><a href="/Pages/Hoat-dong-cua-Bo.aspx">Hoạt động của Bộ</a></li><li><a href="/Pages/Dang-bo-Bo.aspx">Đảng bộ Bộ</a></li><li><a href="/Pages/Van-ban.aspx">Văn bản</a></li><li><a href="/Pages/Thu-tuc-hanh-chinh.aspx">Thủ tục hành chính</a></li><li><a href="/Pages/Chinh-sach-Phap-luat.aspx">Chính sách - Pháp luật</a></li><li><a href="/Pages/Hoi-dap.aspx">Hỏi đáp</a></li><li><a href="/Pages/Lien-he.aspx">Liên hệ</a></li></ul>
<div id="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/Pages/TinTuc/DangBoBo.aspx">Đảng bộ Bộ</a></div>
"""

MIC_POLL = """<div class="box"><h3>Thăm dò ý kiến</h3><p>Bạn đánh giá thế nào về giao diện mới của Cổng?</p>
<label><input type="radio" name="poll" /> Đẹp, dễ sử dụng</label><label><input type="radio" name="poll" /> Bình thường</label><a href="#">Biểu quyết</a></div></div></div>
"""

MIC_FOOT = """<div id="footer-links"><img src="/Style Library/images/banner.png" alt="banner" /><div class="box-link"><img src="/Style Library/images/icon.png" alt="icon" /><h4>Cổng dịch vụ công<br />Quốc Gia</h4><p>Những thông tin thủ tục hành chính<br />khai báo online tại đây</p><a href="https://dichvucong.gov.vn">Xem chi tiết <img src="/Style Library/images/arrow.png" alt="icon" /></a></div><div class="box-link"><img src="/Style Library/images/icon.png" alt="icon" /><h4>Chính sách<br />pháp luật Việt Nam</h4><p>Cập nhật thông tin, chính sách<br />pháp luật Việt Nam</p><a href="https://dichvucong.gov.vn">Xem chi tiết <img src="/Style Library/images/arrow.png" alt="icon" /></a></div><div class="box-link"><img src="/Style Library/images/icon.png" alt="icon" /><h4>Giới thiệu<br />Sản phẩm dịch vụ</h4><p>Nơi giới thiệu những sản phẩm,<br />dịch vụ tốt nhất dành cho bạn đọc</p><a href="https://dichvucong.gov.vn">Xem chi tiết <img src="/Style Library/images/arrow.png" alt="icon" /></a></div>
<h4>Cổng thông tin điện tử của các đơn vị thuộc Bộ</h4><select><option>-- Chọn đơn vị --</option><option>Cục Viễn thông</option></select>
<h4>Doanh nghiệp</h4><select><option>-- Chọn doanh nghiệp --</option><option>VNPT</option><option>Viettel</option></select></div>
<div id="footer"><p>Cơ quan chủ quản: Bộ Thông tin và Truyền thông</p><p>Giấy phép số 1010/GP-TTĐT ngày 27/12/2012</p>
<p>Địa chỉ: 18 Nguyễn Du, Hà Nội. Điện thoại: 024.39435602. Email: banbientap@mic.gov.vn</p>
<p>Ghi rõ nguồn "Cổng thông tin điện tử Bộ Thông tin và Truyền thông" khi phát hành lại thông tin từ website này.</p></div>
<a href="#" id="back-top">Top</a></form></body></html>"""


def mic_path(a) -> str:
    return f"/Pages/TinTuc/{a['num']}/{a['slug']}.html"


def render_mic(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    level = 0 if a["sample"] else 1
    y, m, d, t = pub_parts(a)
    out = [MIC_HEAD.format(title=esc(a["title"]))]
    out.append('<div id="content"><div class="col-main"><div class="news-detail">\n')
    out.append(f'<h1 class="title">{esc(a["title"])}</h1>\n')
    out.append(f'<div class="date">{weekday(a)}, {_dmy(a)} {t}</div>\n')
    out.append('<div class="share"><a href="#">Chia sẻ</a> <a href="#">In bài</a> <a href="#">Gửi email</a> <a href="#">A-</a> <a href="#">A+</a></div>\n')
    out.append('<div class="content-detail">\n')
    images = []
    for b in a["blocks"]:
        if isinstance(b, str):
            out.append(f'<p style="text-align: justify;">{decorate(b, a, rng, level)}</p>\n')
        else:
            src = f"/Uploads_CMS/Images/{y}/{m:02}/{d:02}/{b['img']}"
            alt = b.get("alt", b["img"])
            out.append(f'<p style="text-align: center;"><img alt="{esc_attr(alt)}" src="{src}" style="width: 600px;" /></p>\n')
            cap = b.get("caption")
            if cap:
                out.append(f'<p style="text-align: center;"><em>{esc(cap)}</em></p>\n')
            images.append(image_entry(ctx["base"], src, alt, cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'<p style="text-align: right;"><strong>{esc(author)}</strong></p>\n')
    out.append("</div>\n")
    rel = ctx["related"]
    out.append('<div class="related"><h3>Tin liên quan</h3><ul>' + "".join(
        f'<li><a href="{esc_attr(h)}">{esc(ti)}</a></li>' for h, ti, _ in rel[:3]) + "</ul></div>\n")
    out.append("</div></div>\n")
    out.append('<div class="col-right"><div class="box"><h3>Tin mới nhất</h3><ul>' + "".join(
        f'<li><a href="{esc_attr(h)}">{esc(ti)}</a> <span class="date">({dt})</span></li>' for h, ti, dt in rel[:5]) + "</ul></div>\n")
    out.append(MIC_POLL)
    out.append(MIC_FOOT)
    exp = expected(a, url=ctx["url"], layout="mic", adapter="mic", published_at=published(a),
                   images=images, author=author)
    return "".join(out), exp


# ============================================================================ thanhhoa (adapter)

TH_FOOT = """<div class="portal-footer"><p>TRANG THÔNG TIN ĐIỆN TỬ SỞ THÔNG TIN VÀ TRUYỀN THÔNG THANH HÓA</p><p>Giấy phép số 12/GP-TTĐT do Cục Quản lý Phát thanh, Truyền hình và Thông tin điện tử cấp ngày 11/4/2014</p><p>Chịu trách nhiệm: Ông Đỗ Hữu Quyết - Giám đốc</p><p>Địa chỉ: Tòa nhà Trung tâm Công nghệ thông tin tỉnh Thanh Hóa, Đại lộ Nam Sông Mã - Phố Ái Sơn 2 - Phường Đông Hải - Thành phố Thanh Hóa</p><p>Số ĐT: (02373) 713.985 - Fax: (02373) 713.985</p><p>Website được thiết kế bởi Trung tâm Công nghệ thông tin và truyền thông Thanh Hóa</p></div></body></html>"""


def th_left(links) -> str:
    return ('<body><div class="portal-header"><div class="banner-text">Sở Thông tin và truyền thông Thanh Hóa</div></div>\n'
            '<table class="layout" width="100%"><tr><td class="left" valign="top">\n'
            '<div class="portlet"><ul><li><a href="/portal/Pages/Lien-ket.aspx">Liên kết website</a></li><li><a href="/portal/Pages/Thong-ke.aspx">Thống kê truy cập</a></li>\n'
            '<li>Đang online: 1<br><br>Hôm nay: 576<br><br>Đã truy cập: 7837536</li></ul></div>\n'
            '<div class="portlet"><div class="portlet-title">Tin mới</div><table>'
            + "".join(f'<tr><td><a href="{esc_attr(h)}">{esc(ti)}</a></td></tr>' for h, ti, _ in links)
            + "</table></div></td>\n")


def th_path(a) -> str:
    y, m, d, _ = pub_parts(a)
    h = a.get("th_hex") or hex12(a["title"])
    return f"/portal/Pages/{y}-{m}-{d}/{a['slug'][:60]}{h}.aspx"


def render_thanhhoa(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    level = 0 if a["sample"] else 1
    y, m, d, t = pub_parts(a)
    out = [f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(a["title"])}</title></head>\n']
    rel = ctx["related"]
    out.append(th_left(rel[:5]))
    out.append(f'<td class="center" valign="top"><div class="news-detail"><div class="news-title">{esc(a["title"])}</div>\n')
    out.append(f'<div class="news-date">Ngày đăng: {_dmy(a)} {t}</div>\n')
    out.append('<div class="news-content">')
    images = []
    for i, b in enumerate(a["blocks"]):
        if isinstance(b, str):
            out.append(f"<p>{decorate(b, a, rng, level)}</p>")
        else:
            src = f"/portal/VideoPhoto/ImgNews/{y}{m:02}/{a['num']}_{i}.jpg"
            out.append(f'<p style="text-align:center"><img src="{src}" border="0"></p>')
            cap = b.get("caption")
            if cap and not a["sample"] and not cap.startswith("Ảnh"):
                cap = "Ảnh: " + cap
            if cap:
                out.append(f'<p style="text-align:center"><span style="font-size:12px"><em>{esc(cap)}</em></span></p>')
            images.append(image_entry(ctx["base"], src, None, cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'<p style="text-align:right"><b>{esc(author)}</b></p>')
    out.append("</div>\n")
    out.append('<div class="news-tools"><a href="javascript:window.print()">In trang</a> | <a href="#">Gửi bài viết</a> | <a href="#">Về đầu trang</a></div>\n')
    out.append('<div class="other-news"><div class="portlet-title">Các tin khác</div><ul>' + "".join(
        f'<li><a href="{esc_attr(h)}">{esc(ti)}</a> ({dt})</li>' for h, ti, dt in rel[:6]) + "</ul></div></div></td></tr></table>\n")
    out.append(TH_FOOT)
    exp = expected(a, url=ctx["url"], layout="thanhhoa", adapter="thanhhoa", published_at=published(a),
                   images=images, author=author)
    return "".join(out), exp


# ============================================================================ wordpress

def render_wordpress(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    y, m, d, t = pub_parts(a)
    host = opts.get("host", "stttt.quangbinh.gov.vn")
    site = opts.get("site_name", "Sở Thông tin và Truyền thông Quảng Bình")
    with_time = not opts.get("date_only")
    dt_attr = f"{y}-{m:02}-{d:02}T{t}:00+07:00" if with_time else f"{y}-{m:02}-{d:02}"
    canonical = ctx["url"]
    title = esc(a["title"])
    out = [f"""<!DOCTYPE html>
<html lang="vi" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &#8211; {site}</title>
<link rel="canonical" href="{esc_attr(canonical)}" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{esc_attr(a['title'])}" />
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.2.2' media='all' />
<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.6.4' id='jquery-core-js'></script>
</head>
<body class="post-template-default single single-post postid-{a['num']} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
<header id="masthead" class="site-header">
 <div class="site-branding"><a href="/" rel="home"><img src="/wp-content/uploads/2021/05/logo-so.png" class="custom-logo" alt="{esc_attr(site)}"></a>
 <p class="site-title"><a href="/" rel="home">{esc(site)}</a></p></div>
 <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
  <li class="menu-item"><a href="/">Trang chủ</a></li><li class="menu-item"><a href="/gioi-thieu/">Giới thiệu</a></li>
  <li class="menu-item current-menu-parent"><a href="/category/tin-tuc-su-kien/">Tin tức - Sự kiện</a></li>
  <li class="menu-item"><a href="/category/chuyen-doi-so/">Chuyển đổi số</a></li><li class="menu-item"><a href="/van-ban/">Văn bản</a></li>
  <li class="menu-item"><a href="/lien-he/">Liên hệ</a></li></ul></nav>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{a['num']}" class="post-{a['num']} post type-post status-publish format-standard has-post-thumbnail hentry category-tin-tuc-su-kien">
<header class="entry-header">
<span class="cat-links"><a href="/category/tin-tuc-su-kien/" rel="category tag">Tin tức - Sự kiện</a></span>
<h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on">Đăng ngày <a href="{esc_attr(canonical)}" rel="bookmark"><time class="entry-date published" datetime="{dt_attr}">{d:02}/{m:02}/{y}</time></a></span>
<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/bientap/">Ban biên tập</a></span></span>
<span class="post-views">Lượt xem: {rng.randint(120, 5000)}</span></div>
</header>
<div class="entry-content">
"""]
    images = []
    up = f"/wp-content/uploads/{y}/{m:02}/"
    for i, b in enumerate(a["blocks"]):
        if isinstance(b, str):
            out.append(f"<p>{decorate(b, a, rng, 2)}</p>\n")
        else:
            src = f"https://{host}{up}{b['img']}" if opts.get("abs_img") else f"{up}{b['img']}"
            alt = "" if i % 2 else fold(b.get("caption") or "")
            cap = b.get("caption")
            out.append(f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" src="{src}" alt="{esc_attr(alt)}" class="wp-image-{a["num"] + i}" srcset="{src} 1024w, {src[:-4]}-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px" />')
            if cap:
                out.append(f'<figcaption class="wp-element-caption">{decorate(cap, a, rng, 0)}</figcaption>')
            out.append("</figure>\n")
            images.append(image_entry(ctx["base"], src, alt, cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'<p class="has-text-align-right"><strong>{esc(author)}</strong></p>\n')
    out.append("""<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Chia sẻ:</h3>
<ul><li class="share-facebook"><a rel="nofollow noopener" class="share-facebook sd-button" href="?share=facebook" target="_blank"><span>Facebook</span></a></li>
<li class="share-twitter"><a rel="nofollow noopener" class="share-twitter sd-button" href="?share=twitter" target="_blank"><span>Twitter</span></a></li>
<li class="share-zalo"><a href="#" class="sd-button"><span>Zalo</span></a></li><li class="share-print"><a href="#print" class="sd-button"><span>In</span></a></li></ul></div></div>
</div><!-- .entry-content -->
<footer class="entry-footer"><span class="tags-links">Thẻ: <a href="/tag/chuyen-doi-so/" rel="tag">chuyển đổi số</a>, <a href="/tag/so-tttt/" rel="tag">Sở TT&amp;TT</a>, <a href="/tag/hoat-dong-so/" rel="tag">hoạt động Sở</a></span></footer>
</article>
<div class="related-posts"><h3 class="widget-title">Bài viết liên quan</h3><div class="row">
""")
    for h, ti, dt in ctx["related"][:3]:
        out.append(f'<div class="col-md-4"><a href="{esc_attr(h)}"><img src="/wp-content/uploads/thumb-{zlib.crc32(ti.encode()) % 1000}.jpg" alt="{esc_attr(ti)}" /></a><h4><a href="{esc_attr(h)}">{esc(ti)}</a></h4><span class="date">{dt}</span></div>\n')
    out.append("""</div></div>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Để lại bình luận</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu <span class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">Bình luận <span class="required">*</span></label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="comment-form-author"><label for="author">Tên <span class="required">*</span></label><input id="author" name="author" type="text" /></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Gửi bình luận" /></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><input type="search" class="search-field" placeholder="Tìm kiếm &hellip;" name="s" /><input type="submit" class="search-submit" value="Tìm kiếm" /></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>
""")
    for h, ti, _ in ctx["related"][:5]:
        out.append(f'<li><a href="{esc_attr(h)}">{esc(ti)}</a></li>\n')
    out.append(f"""</ul></section>
<section class="widget widget_media_image"><a href="https://dichvucong.gov.vn/"><img src="/wp-content/uploads/2022/01/banner-dvc.jpg" alt="Cổng dịch vụ công quốc gia" /></a></section>
<section class="widget widget_media_image"><a href="https://tinnhiemmang.vn/"><img src="/wp-content/uploads/2022/01/tin-nhiem-mang.png" alt="Tín nhiệm mạng" /></a></section>
</aside></div>
<footer id="colophon" class="site-footer"><div class="site-info"><p><strong>{esc(site.upper())}</strong></p>
<p>Chịu trách nhiệm chính: Giám đốc Sở. Giấy phép số 05/GP-TTĐT.</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
<p>Thiết kế bởi <a href="https://wordpress.org/">WordPress</a></p></div></footer></div>
<script src='/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js?ver=12.1' id='sharing-js-js'></script>
</body></html>
""")
    exp = expected(a, url=ctx["url"], layout="wordpress", adapter=None, published_at=published(a, with_time),
                   images=images, author=author, canonical_url=canonical)
    return "".join(out), exp


# ============================================================================ newscms

def render_newscms(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    y, m, d, t = pub_parts(a)
    site = opts.get("site_name", "Báo Thanh Hóa")
    if opts.get("date_style") == "vnexpress":
        dateline = f"{weekday(a)}, {d}/{m}/{y}, {t} (GMT+7)"
    else:
        dateline = f"Cập nhật lúc {t} ngày {d:02}/{m:02}/{y}"
    rel = ctx["related"]
    canonical = opts.get("canonical")
    canon_tag = f'<link rel="canonical" href="{esc_attr(canonical)}" />\n' if canonical else ""
    out = [f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])} | {esc(site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
{canon_tag}<link href="/Content/css/style.css?v=2.3" rel="stylesheet"><script src="/Scripts/jquery-3.5.1.min.js"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script></head>
<body><div class="wrapper">
<div class="header"><div class="top-bar"><span class="today">{weekday(a)}, {d:02}/{m:02}/{y}</span> <a href="/rss">RSS</a> <a href="/lien-he.html">Liên hệ</a> <a href="/quang-cao.html">Quảng cáo</a></div>
<a class="logo" href="/"><img src="/Content/images/logo.png" alt="{esc_attr(site)}"></a>
<ul class="main-nav"><li><a href="/">Trang chủ</a></li><li><a href="/chinh-tri">Chính trị</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/xa-hoi">Xã hội</a></li><li><a href="/chuyen-doi-so">Chuyển đổi số</a></li><li><a href="/van-hoa">Văn hóa</a></li></ul></div>
<div class="container"><div class="main-col">
<ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/chinh-tri">Chính trị</a></li><li><a href="/chinh-tri/xay-dung-dang">Xây dựng Đảng</a></li></ul>
<div class="detail">
<h1 class="title-detail">{esc(a['title'])}</h1>
<div class="meta"><span class="date">{dateline}</span> <span class="views">Lượt xem: {rng.randint(1, 9)}.{rng.randint(100, 999)}</span></div>
<div class="social-top"><a href="#" class="fb">Facebook</a> <a href="#" class="zalo">Zalo</a> <a href="#" class="print">In</a></div>
<div class="fck_detail">
"""]
    images = []
    paras_seen = 0
    box_after = opts.get("box_after", 2)
    first = True
    for b in a["blocks"]:
        if isinstance(b, str):
            if first:
                out.append(f'<p class="description">{decorate(b, a, rng, 1)}</p>\n')
                first = False
            else:
                out.append(f'<p class="Normal">{decorate(b, a, rng, 2)}</p>\n')
            paras_seen += 1
            if paras_seen == box_after and rel:
                out.append('<div class="box-tinlienquan"><div class="title-box">Tin liên quan</div><ul>' + "".join(
                    f'<li><a href="{esc_attr(h)}">{esc(ti)}</a></li>' for h, ti, _ in rel[:3]) + "</ul></div>\n")
        else:
            src = f"/Uploads/Images/{y}/{m}/{d}/{b['img']}"
            cap = b.get("caption")
            alt = fold(cap) if cap else ""
            out.append(f'<table class="tplCaption" border="0" cellpadding="3" cellspacing="0" align="center" width="100%"><tbody><tr><td><img alt="{esc_attr(alt)}" src="{src}" class="lazy" /></td></tr>')
            if cap:
                out.append(f'<tr><td><p class="Image">{decorate(cap, a, rng, 0)}</p></td></tr>')
            out.append("</tbody></table>\n")
            images.append(image_entry(ctx["base"], src, alt, cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        if author.startswith("Theo "):
            out.append(f'<p class="author" style="text-align:right"><em>{esc(author)}</em></p>\n')
        else:
            out.append(f'<p style="text-align:right"><strong>{esc(author)}</strong></p>\n')
    out.append("</div>\n")
    out.append(f"""<div class="rating"><span>Đánh giá bài viết:</span> <a href="#" class="star">1</a><a href="#" class="star">2</a><a href="#" class="star">3</a><a href="#" class="star">4</a><a href="#" class="star">5</a> <span class="rate-count">({rng.randint(3, 40)} lượt)</span></div>
<div class="tags"><span>Từ khóa:</span> <a href="/tag/chuyen-doi-so">chuyển đổi số</a> <a href="/tag/xay-dung-dang">xây dựng Đảng</a></div>
<div class="same-cate"><h3 class="box-title">Cùng chuyên mục</h3><ul>
""")
    for h, ti, dt in rel[:5]:
        out.append(f'<li><a href="{esc_attr(h)}"><img src="/Uploads/thumbs/{zlib.crc32(ti.encode()) % 997}.jpg" alt=""></a><a href="{esc_attr(h)}">{esc(ti)}</a> <span class="time">{dt}</span></li>\n')
    out.append("""</ul></div></div></div>
<div class="side-col"><div class="box"><h3 class="box-title">Tin mới</h3><ol>
""")
    for h, ti, _ in rel[:6]:
        out.append(f'<li><a href="{esc_attr(h)}">{esc(ti)}</a></li>\n')
    out.append(f"""</ol></div>
<div class="box adv"><a href="https://dichvucong.gov.vn/"><img src="/Uploads/adv/dvc.jpg" alt="Dịch vụ công"></a></div>
<div class="box"><h3 class="box-title">Đọc nhiều</h3><ol><li><a href="/xa-hoi/thoi-tiet-hom-nay-1.html">Thời tiết hôm nay: trời nắng nóng</a></li></ol></div></div></div>
<div class="footer"><p><strong>{esc(site.upper())}</strong> - Cơ quan của Đảng bộ tỉnh</p><p>Giấy phép hoạt động báo điện tử số 455/GP-BTTTT. Tổng Biên tập: Nguyễn Văn Hòa</p>
<p>Tòa soạn: 248 Trần Phú, phường Ba Đình. Điện thoại: 0237.3852.676</p><p>&copy; Bản quyền thuộc về {esc(site)}. Không được sao chép khi chưa có sự đồng ý bằng văn bản.</p></div>
</div></body></html>
""")
    exp = expected(a, url=ctx["url"], layout="newscms", adapter=None, published_at=published(a),
                   images=images, author=author, canonical_url=canonical)
    return "".join(out), exp


# ============================================================================ aspnet

def render_aspnet(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    y, m, d, t = pub_parts(a)
    with_time = not opts.get("date_only")
    dateline = f"{d:02}/{m:02}/{y} {t}" if with_time else f"({d:02}/{m:02}/{y})"
    nfd, ent = opts.get("nfd", False), opts.get("entities", False)
    site = opts.get("site_name", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ TĨNH")
    brmode = opts.get("br", False)
    out = [f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<HTML>
<HEAD>
<TITLE>{esc(a['title'])}</TITLE>
<META http-equiv="Content-Type" content="text/html; charset=utf-8">
<LINK href="/Portals/_default/default.css" type="text/css" rel="stylesheet">
<script type="text/javascript" src="/js/dnncore.js"></script>
</HEAD>
<BODY bottomMargin="0" leftMargin="0" topMargin="0" rightMargin="0">
<form name="Form" method="post" action="/Default.aspx?tabid=123" id="Form" enctype="multipart/form-data">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="dDwxMjU4NzcyNjMzOzs+" />
<TABLE class="pagemaster" cellSpacing="0" cellPadding="0" width="980" align="center" border="0">
<TR><TD class="banner" colspan="3"><img src="/Portals/0/banner.jpg" width="980" height="120" alt="{esc_attr(site)}" border="0"></TD></TR>
<TR><TD colspan="3" class="menubar"><a href="/Default.aspx?tabid=36" class="Menu">Trang chủ</a> | <a href="/Default.aspx?tabid=37" class="Menu">Giới thiệu</a> | <a href="/Default.aspx?tabid=123" class="Menu">Tin tức - Sự kiện</a> | <a href="/Default.aspx?tabid=140" class="Menu">Văn bản pháp quy</a> | <a href="/Default.aspx?tabid=150" class="Menu">Hỏi đáp</a></TD></TR>
<TR>
<TD class="leftpane" vAlign="top" width="200"><table width="100%"><tr><td class="Head">Liên kết</td></tr>
<tr><td><a href="http://www.chinhphu.vn">Chính phủ</a><br><a href="https://mic.gov.vn">Bộ TT&amp;TT</a><br><a href="/Default.aspx?tabid=99">Hộp thư góp ý</a></td></tr></table></TD>
<TD class="contentpane" vAlign="top" width="580">
<table id="dnn_ctr584_ViewNews" width="100%" cellpadding="2" cellspacing="0">
<tr><td><span id="dnn_ctr_lblTitle" class="Head">{decorate(a['title'], a, rng, 0, nfd=nfd, entities=ent)}</span></td></tr>
<tr><td><span id="dnn_ctr_lblDate" class="NormalDate">{dateline}</span></td></tr>
<tr><td class="NormalText" id="dnn_ctr_lblContent">
"""]
    images = []
    sep_br = False
    for b in a["blocks"]:
        if isinstance(b, str):
            txt = decorate(b, a, rng, 1, nfd=nfd, entities=ent)
            if brmode:
                out.append(("<br><br>\n" if sep_br else "") + txt)
                sep_br = True
            else:
                out.append(f'<div style="text-align: justify">{txt}</div>\n')
                if rng.random() < 0.3:
                    out.append("<div>&nbsp;</div>\n")
        else:
            if brmode and sep_br:
                out.append("<br>\n")
            src = f"Portals/0/News/{y}/{m:02}/{b['img']}"
            out.append(f'<div align="center"><img src="{src}" border="0" width="500"></div>\n')
            cap = b.get("caption")
            if cap:
                words = cap.split(" ")
                if opts.get("two_line") and len(words) > 8:
                    half = len(words) // 2
                    capm = decorate(" ".join(words[:half]), a, rng, 0, nfd=nfd, entities=ent) + "<br>" + decorate(" ".join(words[half:]), a, rng, 0, nfd=nfd, entities=ent)
                else:
                    capm = decorate(cap, a, rng, 0, nfd=nfd, entities=ent)
                out.append(f'<div align="center"><i>{capm}</i></div>\n')
            sep_br = False
            images.append(image_entry(ctx["base"], src, None, cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'{"<br><br>" if brmode else ""}<div align="right"><b>{decorate(author, a, rng, 0, nfd=nfd, entities=ent)}</b></div>\n')
    out.append("""<div>&nbsp;</div>
</td></tr>
<tr><td class="printbar" align="right"><a href="javascript:window.print()"><img src="/images/print.gif" border="0" alt="In trang">In trang</a> | <a href="/Default.aspx?tabid=123&amp;ctl=SendMail"><img src="/images/email.gif" border="0" alt="Gửi email">Gửi email</a> | <a href="#top">Về đầu trang</a></td></tr>
<tr><td><span class="SubHead">Các tin khác</span><ul class="othernews">
""")
    for h, ti, dt in ctx["related"][:6]:
        out.append(f'<li><a href="{esc_attr(h)}" class="Normal">{esc(ti)}</a> <span class="NormalDate">({dt})</span></li>\n')
    out.append(f"""</ul></td></tr></table></TD>
<TD class="rightpane" vAlign="top" width="200"><table width="100%"><tr><td class="Head">Thống kê truy cập</td></tr><tr><td>Đang truy cập: 12<br>Tổng số: 1.204.557</td></tr></table>
<a href="https://dichvucong.gov.vn/"><img src="/Portals/0/dvc.gif" border="0" alt="dịch vụ công"></a></TD>
</TR>
<TR><TD colspan="3" class="footer" align="center">{esc(site)}<br>Địa chỉ: số 02 đường Nguyễn Chí Thanh. ĐT: 0239.3855.689<br>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</TD></TR>
</TABLE></form></BODY></HTML>
""")
    exp = expected(a, url=ctx["url"], layout="aspnet", adapter=None, published_at=published(a, with_time),
                   images=images, author=author)
    return "".join(out), exp


# ============================================================================ printbar

def render_printbar(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    y, m, d, t = pub_parts(a)
    site = opts.get("site_name", "Sở Thông tin và Truyền thông Ninh Bình")
    credit = opts.get("credit", "Nguyễn Văn A")
    out = [f"""<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(a['title'])}</title>
<meta name="description" content="{esc_attr(fold(a['blocks'][0] if isinstance(a['blocks'][0], str) else a['title'])[:150])}" />
<meta property="og:title" content="{esc_attr(a['title'])}" />
<meta property="article:published_time" content="{y}-{m:02}-{d:02}T{t}:00+07:00" />
<meta property="article:section" content="Hoạt động của Sở" />
<link href="/App_Themes/Default/style.css" rel="stylesheet" type="text/css" /></head>
<body><form name="aspnetForm" method="post" action="" id="aspnetForm">
<div id="wrapper"><div id="header"><img src="/images/header-banner.jpg" alt="{esc_attr(site)}" /></div>
<div id="topmenu"><a href="/">Trang chủ</a> <a href="/gioi-thieu.aspx">Giới thiệu</a> <a href="/tin-tuc.aspx">Tin tức</a> <a href="/van-ban.aspx">Văn bản</a> <a href="/lien-he.aspx">Liên hệ</a></div>
<div id="main"><div class="left-col">
<div class="path"><a href="/">Trang chủ</a> » <a href="/tin-tuc.aspx">Tin tức</a> » Hoạt động của Sở</div>
<h1 class="detail-title">{esc(a['title'])}</h1>
<div class="toolbar"><a href="javascript:window.print();" class="print">In bài</a> | <a href="/guiemail.aspx" class="email">Gửi email</a> | <a href="#" class="font-minus">A-</a> <a href="#" class="font-plus">A+</a> | <a href="#" class="share">Chia sẻ</a></div>
<div id="ctl00_content" class="detail-content">
"""]
    images = []
    for b in a["blocks"]:
        if isinstance(b, str):
            out.append(f"<p>{decorate(b, a, rng, 2)}</p>\n")
        else:
            src = f"/upload/images/tin-tuc/{y}/{m:02}/{b['img']}"
            out.append(f'<p align="center"><img src="{src}" alt="" /></p>\n')
            cap = b.get("caption")
            line = f"{cap} (Ảnh: {credit})" if cap else f"Ảnh: {credit}"
            if opts.get("no_credit") and not cap:
                line = None
            if line:
                out.append(f'<p align="center"><em>{decorate(line, a, rng, 0)}</em></p>\n')
            images.append(image_entry(ctx["base"], src, None, line))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'<p style="text-align:right"><b>{esc(author)}</b></p>\n')
    out.append(f"""</div>
<div class="viewcount">Lượt xem: {rng.randint(100, 4000)}</div>
<div class="toolbar bottom"><a href="javascript:window.print();">In bài</a> | <a href="/guiemail.aspx">Gửi email</a> | <a href="#">Chia sẻ</a></div>
<div class="xemthem"><h3>Xem thêm</h3><ul>
""")
    rel = ctx["related"]
    for h, ti, _date in rel[:2]:
        out.append(f'<li><a href="{esc_attr(h)}">{esc(ti)}</a></li>\n')
    out.append('</ul></div>\n<div class="cungchuyenmuc"><h3>Tin cùng chuyên mục</h3><ul>\n')
    for h, ti, dt in rel[2:7] or rel[:3]:
        out.append(f'<li><a href="{esc_attr(h)}">{esc(ti)}</a> <span>({dt})</span></li>\n')
    out.append(f"""</ul></div></div>
<div class="right-col"><div class="box"><h3>Liên kết website</h3><select><option>-- Chọn liên kết --</option><option>Bộ Thông tin và Truyền thông</option></select></div>
<div class="box"><a href="https://dichvucong.gov.vn/"><img src="/images/dvc.png" alt="Dịch vụ công trực tuyến" /></a></div>
<div class="box"><h3>Thống kê truy cập</h3><p>Online: 23</p><p>Tổng lượt truy cập: 2.345.678</p></div></div></div>
<div id="footer"><p>{esc(site.upper())}</p><p>Giấy phép số 32/GP-STTTT. Người chịu trách nhiệm: Giám đốc Sở</p><p>Địa chỉ: Đường Lê Hồng Phong, thành phố Ninh Bình</p></div>
</div></form></body></html>
""")
    exp = expected(a, url=ctx["url"], layout="printbar", adapter=None, published_at=published(a),
                   images=images, author=author)
    return "".join(out), exp


# ============================================================================ bootstrap ("cổng thông tin")

def render_bootstrap(a, ctx):
    rng, opts = ctx["rng"], ctx["opts"]
    y, m, d, t = pub_parts(a)
    with_time = not opts.get("date_only")
    wd = weekday(a).title()
    dateline = f"{wd}, {d:02}/{m:02}/{y}" + (f" - {t}" if with_time else "")
    site = opts.get("site_name", "Cổng thông tin điện tử Sở Thông tin và Truyền thông Bắc Ninh")
    rel = ctx["related"]
    out = [f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head><title>{esc(a['title'])} - {esc(site)}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<link href="/o/portal-theme/css/bootstrap.min.css" rel="stylesheet" type="text/css" />
<script src="/o/frontend-js-web/liferay/global.bundle.js"></script></head>
<body class="controls-visible yui3-skin-sam guest-site signed-out public-page site">
<header id="banner" role="banner"><div class="container"><div class="row align-items-center">
<div class="col-md-2"><a class="logo" href="/web/guest" title="Trang chủ"><img alt="Logo" src="/o/portal-theme/images/logo.png" height="90" /></a></div>
<div class="col-md-10"><h2 class="site-name">{esc(site)}</h2></div></div></div>
<nav class="navbar navbar-expand-lg navbar-dark bg-primary"><div class="container"><ul class="navbar-nav">
<li class="nav-item"><a class="nav-link" href="/web/guest">Trang chủ</a></li><li class="nav-item"><a class="nav-link" href="/web/guest/gioi-thieu">Giới thiệu</a></li>
<li class="nav-item active"><a class="nav-link" href="/web/guest/tin-tuc-su-kien">Tin tức sự kiện</a></li><li class="nav-item"><a class="nav-link" href="/web/guest/chuyen-doi-so">Chuyển đổi số</a></li>
<li class="nav-item"><a class="nav-link" href="/web/guest/van-ban">Văn bản</a></li><li class="nav-item"><a class="nav-link" href="/web/guest/lien-he">Liên hệ</a></li></ul></div></nav></header>
<section id="content"><div class="container"><div class="row">
<div class="col-lg-8">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/web/guest">Trang chủ</a></li><li class="breadcrumb-item"><a href="/web/guest/tin-tuc-su-kien">Tin tức sự kiện</a></li><li class="breadcrumb-item active" aria-current="page">Hoạt động của Sở</li></ol></nav>
<div class="journal-content-article news-detail">
<h2 class="title-news">{esc(a['title'])}</h2>
<div class="d-flex justify-content-between meta-news"><span class="time-news"><i class="fa fa-clock-o"></i> {dateline}</span>
<span class="font-size-tools"><a href="#" class="btn btn-sm">A-</a><a href="#" class="btn btn-sm">A</a><a href="#" class="btn btn-sm">A+</a> <a href="#" onclick="window.print()" class="btn btn-sm"><i class="fa fa-print"></i> In</a></span></div>
<div class="content-news">
"""]
    images = []
    npara = 0
    box_at = opts.get("box_after", 3)
    cap_style = opts.get("cap_style", "p")
    for b in a["blocks"]:
        if isinstance(b, str):
            out.append(f"<p>{decorate(b, a, rng, 2)}</p>\n")
            npara += 1
            if npara == box_at and rel:
                out.append('<div class="related-news-inline card"><div class="card-header">Tin liên quan</div><ul class="list-unstyled">' + "".join(
                    f'<li><i class="fa fa-angle-right"></i> <a href="{esc_attr(h)}">{esc(ti)}</a></li>' for h, ti, _ in rel[:2]) + "</ul></div>\n")
        else:
            src = f"/documents/10181/{a['num']}/{b['img']}"
            out.append(f'<div class="text-center"><img class="img-fluid" src="{src}" alt="{esc_attr(b["img"].rsplit(".", 1)[0])}" /></div>\n')
            cap = b.get("caption")
            if cap:
                if cap_style == "em":
                    out.append(f'<p style="text-align:center"><em>{decorate(cap, a, rng, 0)}</em></p>\n')
                else:
                    out.append(f'<p class="caption">{decorate(cap, a, rng, 0)}</p>\n')
            images.append(image_entry(ctx["base"], src, b["img"].rsplit(".", 1)[0], cap))
    author = a.get("author") if not opts.get("hide_author") else None
    if author:
        out.append(f'<p class="text-right author"><strong>{esc(author)}</strong></p>\n')
    out.append("""</div>
<div class="tags-news"><span class="badge badge-secondary">Từ khóa</span> <a href="/web/guest/tim-kiem?tag=chuyen-doi-so" class="badge badge-light">chuyển đổi số</a> <a href="/web/guest/tim-kiem?tag=so-tttt" class="badge badge-light">Sở TT&amp;TT</a></div>
<div class="share-news"><a href="#" class="fb-share">Chia sẻ Facebook</a> <a href="#" class="zalo-share">Zalo</a></div>
</div>
<div class="other-news"><h4 class="title-box">Tin khác</h4><div class="row">
""")
    for h, ti, dt in rel[:4]:
        out.append(f'<div class="col-md-6 media"><img class="mr-2" src="/documents/thumbs/{zlib.crc32(ti.encode()) % 991}.jpg" alt="" width="90" /><div class="media-body"><a href="{esc_attr(h)}">{esc(ti)}</a><div class="small text-muted">{dt}</div></div></div>\n')
    out.append(f"""</div></div></div>
<div class="col-lg-4"><div class="card mb-3"><div class="card-header">Thông báo</div><ul class="list-group list-group-flush"><li class="list-group-item"><a href="/web/guest/thong-bao/1">Thông báo tuyển dụng viên chức năm 2024</a></li></ul></div>
<div class="card mb-3"><a href="https://dichvucong.gov.vn/"><img class="img-fluid" src="/o/portal-theme/images/banner-dvc.png" alt="Dịch vụ công trực tuyến" /></a></div>
<div class="card"><div class="card-header">Thống kê truy cập</div><div class="card-body">Đang truy cập: 35<br />Hôm nay: 1.024<br />Tổng: 3.456.789</div></div></div>
</div></div></section>
<footer id="footer" class="bg-dark text-white"><div class="container py-3"><p class="mb-1 font-weight-bold">{esc(site.upper())}</p>
<p class="mb-1">Cơ quan chủ quản: UBND tỉnh. Giấy phép số 01/GP-TTĐT. Người chịu trách nhiệm: Giám đốc Sở Thông tin và Truyền thông</p>
<p class="mb-0">Ghi rõ nguồn khi trích dẫn thông tin từ Cổng thông tin này.</p></div></footer>
</body></html>
""")
    exp = expected(a, url=ctx["url"], layout="bootstrap", adapter=None, published_at=published(a, with_time),
                   images=images, author=author)
    return "".join(out), exp


RENDERERS = {
    "mic": render_mic,
    "thanhhoa": render_thanhhoa,
    "wordpress": render_wordpress,
    "newscms": render_newscms,
    "aspnet": render_aspnet,
    "printbar": render_printbar,
    "bootstrap": render_bootstrap,
}
