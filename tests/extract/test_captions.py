"""Behaviours of images and captions: which images are the article's and which text is their
caption, apart from the body."""

from __future__ import annotations

from pagekit import LONG, PARAS, PARAS_BODY, URL

from etl.extract import extract_article


def test_lightbox_class_on_an_image_does_not_drop_it() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>10/05/2024</div>"
        "<div class='featured'><img class='entry-thumb td-modal-image' width='696' height='464' "
        "src='https://so.example.gov.vn/anh/khai-mac.jpg'>"
        "<span class='wp-caption-text'>Tiết mục nghệ thuật tại lễ khai mạc</span></div>"
        f"<div class='content'>{PARAS}</div></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.url for im in art.images] == ["https://so.example.gov.vn/anh/khai-mac.jpg"]
    assert art.images[0].caption == "Tiết mục nghệ thuật tại lễ khai mạc"


def test_figcaption_paragraph_and_credit_are_one_caption() -> None:
    html = (
        "<html><body><h1>Công bố Quy hoạch vùng Đồng bằng sông Cửu Long</h1><article><section>"
        f"<p>Đoạn một, {LONG}.</p><figure class='story__figure'><img src='/media/hoi-nghi.jpg' alt=''>"
        "<figcaption>\n<p>Quang cảnh Hội nghị công bố Quy hoạch vùng.</p>\n"
        "<span class='credit'>Ảnh: TTXVN</span>\n</figcaption></figure>"
        f"<p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></section></article></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Quang cảnh Hội nghị công bố Quy hoạch vùng. Ảnh: TTXVN"]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_caption_split_over_two_italic_paragraphs_is_one_caption() -> None:
    html = (
        "<html><body><h1>Triển khai Nghị định 33 về cán bộ cấp xã</h1><div id='content'>"
        f"<div style='text-align: justify;'>Đoạn một, {LONG}.</div>"
        "<p style='text-align: center;'><img src='/uploads/hoi-nghi.jpg' width='600' height='400'></p>"
        "<p style='text-align: center;'><em>Đồng chí Hoàng Văn Tuấn, Giám đốc Sở Nội vụ</em></p>"
        "<p style='text-align: center;'><em>phát biểu khai mạc hội nghị</em></p>"
        f"<div style='text-align: justify;'>Đoạn hai, {LONG}.</div>"
        f"<div style='text-align: justify;'>Đoạn ba, {LONG}.</div></div></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == [
        "Đồng chí Hoàng Văn Tuấn, Giám đốc Sở Nội vụ phát biểu khai mạc hội nghị"
    ]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_a_finished_caption_is_not_continued_by_the_next_line() -> None:
    html = (
        "<html><body><h1>Triển khai Nghị định 33 về cán bộ cấp xã</h1><div id='content'>"
        f"<p>Đoạn một, {LONG}.</p><p><img src='/uploads/hoi-nghi.jpg' width='600' height='400'></p>"
        "<p><em>Quang cảnh hội nghị.</em></p>"
        f"<p><em>và đây là một đoạn nghiêng, {LONG}.</em></p><p>Đoạn hai, {LONG}.</p>"
        f"<p>Đoạn ba, {LONG}.</p></div></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Quang cảnh hội nghị."]
    assert f"và đây là một đoạn nghiêng, {LONG}." in art.body


def test_amp_figure_above_the_content_div_and_amp_ad_fallback() -> None:
    html = (
        "<html><body><h1 class='ttl'>Quảng Ninh phát động Tết trồng cây năm 2024</h1>"
        "<figure><amp-img src='https://cdn.example.vn/2024/02/18/tet-trong-cay.jpg' width='1200' height='800'"
        " layout='responsive' alt='Trồng cây'></amp-img>"
        "<figcaption>Bí thư Tỉnh ủy trồng cây tại lễ phát động. Ảnh: Đỗ Phương</figcaption></figure>"
        f"<div class='ctn'><p>Đoạn một, {LONG}.</p><amp-ad width='300' height='250' type='adsense'>"
        f"<div fallback>Quảng cáo</div></amp-ad><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p></div>"
        "</body></html>"
    )
    art = extract_article(html, URL)
    assert [(im.url, im.caption) for im in art.images] == [
        (
            "https://cdn.example.vn/2024/02/18/tet-trong-cay.jpg",
            "Bí thư Tỉnh ủy trồng cây tại lễ phát động. Ảnh: Đỗ Phương",
        )
    ]
    assert art.body == [f"Đoạn một, {LONG}.", f"Đoạn hai, {LONG}.", f"Đoạn ba, {LONG}."]


def test_cms_image_and_caption_fields_beside_the_body_field() -> None:
    html = (
        "<html><body><h1 class='title'>Vĩnh Long tổ chức Hội nghị xúc tiến đầu tư năm 2024</h1>"
        "<div class='content clearfix'><div class='field field-name-field-image field-label-hidden'>"
        "<div class='field-item even'><img src='/files/hoi-nghi.jpg' width='720' height='480' alt=''></div></div>"
        "<div class='field field-name-field-chu-thich-anh field-label-hidden'><div class='field-item even'>"
        "Quang cảnh Hội nghị xúc tiến đầu tư</div></div>"
        f"<div class='field field-name-body field-label-hidden'><div class='field-item even'>{PARAS}</div></div>"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert [(im.url, im.caption) for im in art.images] == [
        ("https://so.example.gov.vn/files/hoi-nghi.jpg", "Quang cảnh Hội nghị xúc tiến đầu tư")
    ]
    assert len(art.body) == 3


def test_gallery_after_the_body_with_a_label_and_some_captions() -> None:
    item = (
        "<div class='field-item'><a href='/g/{n}.jpg' class='colorbox'><img src='/g/m/{n}.jpg' width='220' "
        "height='147' alt=''></a>{cap}</div>"
    )
    gallery = "".join(
        item.format(n=n, cap=f"<div class='image-caption'>{cap}</div>" if cap else "")
        for n, cap in ((1, "Tiết mục nghệ thuật tại lễ khai mạc"), (2, ""), (3, "Thi đấu bắn nỏ"))
    )
    html = (
        "<html><body><h1>Khai mạc Ngày hội Văn hóa các dân tộc tỉnh Sơn La</h1><article>"
        f"<div class='field field-name-body'>{PARAS}</div>"
        f"<div class='field field-name-field-gallery'><div class='field-label'>Hình ảnh:&nbsp;</div>{gallery}</div>"
        "</article></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Tiết mục nghệ thuật tại lễ khai mạc", None, "Thi đấu bắn nỏ"]
    assert len(art.body) == 3


def test_caption_span_and_credit_span_side_by_side() -> None:
    html = (
        "<html><body><div class='itemView'><h2 class='itemTitle'>Phú Thọ tuyên dương học sinh giỏi quốc gia</h2>"
        "<div class='itemBody'><div class='itemImageBlock'><span class='itemImage'><a href='/k2/XL.jpg'>"
        "<img src='/k2/L.jpg' alt='Tuyên dương'></a></span>"
        "<span class='itemImageCaption'>Lãnh đạo tỉnh trao thưởng cho học sinh</span>"
        "<span class='itemImageCredits'>Ảnh: Hà Linh</span></div>"
        f"<div class='itemIntroText'><p>Ngày 10/3, tại Nhà văn hóa trung tâm tỉnh, {LONG}.</p></div>"
        f"<div class='itemFullText'><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p><p>Đoạn bốn, {LONG}.</p>"
        "</div></div></div></body></html>"
    )
    art = extract_article(html, URL)
    assert [im.caption for im in art.images] == ["Lãnh đạo tỉnh trao thưởng cho học sinh"]
    assert "Ảnh: Hà Linh" not in art.body
    assert art.body[0].startswith("Ngày 10/3") and len(art.body) == 4


def test_related_thumbnails_beside_the_body_are_not_article_images() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='wrap'>"
        f"<div class='detail'>{PARAS}</div><div class='box-item'><a href='/bai-khac.htm'>"
        "<img src='/thumb/khac.jpg' alt='Bài khác'></a><h3><a href='/bai-khac.htm'>Bài khác</a></h3></div>"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.images == []
    assert art.body == PARAS_BODY


STORY_LEAD = f"Sáng 20/3, tại xã Hòa Bình, huyện Tân Lạc, tỉnh tổ chức lễ khánh thành cầu dân sinh, {LONG}."


def _photo_story(photos: str) -> str:
    return (
        "<html><head><title>Khánh thành cầu dân sinh tại xã Hòa Bình</title></head><body><div class='main'>"
        "<h1>Khánh thành cầu dân sinh tại xã Hòa Bình</h1><div class='date'>20/03/2024 08:00</div>"
        f"<div class='content'><p>{STORY_LEAD}</p>{photos}</div></div></body></html>"
    )


def test_a_photo_story_in_centred_italic_captions_keeps_its_lead_and_no_caption_is_body() -> None:
    caption = "Người dân đi qua cầu mới ngày khánh thành, ảnh số {i}, " + LONG + "."
    photos = "".join(
        f"<p style='text-align:center'><img src='/a/{i}.jpg' width='800' height='600'></p>"
        f"<p style='text-align:center'><em>{caption.format(i=i)}</em></p>"
        for i in range(5)
    )
    art = extract_article(_photo_story(photos), URL)
    assert art.body == [STORY_LEAD]
    assert [im.caption for im in art.images] == [caption.format(i=i) for i in range(5)]


def test_a_long_figcaption_is_still_a_caption() -> None:
    caption = "Người dân đi qua cầu mới ngày khánh thành, ảnh số {i}, " + ", ".join([LONG] * 5) + "."
    photos = "".join(
        f"<figure><img src='/a/{i}.jpg' width='800' height='600'><figcaption>{caption.format(i=i)}</figcaption></figure>"
        for i in range(3)
    )
    assert len(caption) > 400
    art = extract_article(_photo_story(photos), URL)
    assert art.body == [STORY_LEAD]
    assert [im.caption for im in art.images] == [caption.format(i=i) for i in range(3)]


def test_a_centred_page_does_not_make_every_paragraph_after_a_photo_a_caption() -> None:
    paragraphs = [f"Đoạn {i}, {LONG}." for i in range(4)]
    html = _photo_story("").replace(
        f"<p>{STORY_LEAD}</p>",
        "".join(
            f"<p style='text-align:center'>{p}</p>"
            + (f"<p style='text-align:center'><img src='/a/{i}.jpg' width='800' height='600'></p>" if i == 1 else "")
            for i, p in enumerate(paragraphs)
        ),
    )
    art = extract_article(html, URL)
    assert art.body == paragraphs
    assert [im.caption for im in art.images] == [None]
