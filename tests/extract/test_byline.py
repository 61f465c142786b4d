"""Behaviours of the author (``etl.extract.byline`` and the signature reading in ``generic``):
which name on a page is its writer."""

from __future__ import annotations

from pagekit import PARAS, PARAS_BODY, URL, article_page, footdate_page, signed_page

from etl.extract import extract_article


def test_hashtag_line_is_not_body_and_the_signature_above_it_is_the_author() -> None:
    art = extract_article(article_page(f"{PARAS}<p>Tin: Ngọc Ánh</p><p>#TinhdoanHaTinh #TuoitreHaTinh 🌸</p>"), URL)
    assert not any("#" in p for p in art.body)
    assert art.author == "Ngọc Ánh"
    assert "Tin: Ngọc Ánh" not in art.body


def test_right_aligned_office_signature_is_the_author_as_written() -> None:
    html = article_page(f"{PARAS}<p style='text-align:right'><b>Phòng Thống kê Tổng hợp</b></p>")
    art = extract_article(html, URL)
    assert art.author == "Phòng Thống kê Tổng hợp"
    assert art.body[-1].startswith("Đoạn ba")


def test_nguon_line_gives_the_author_without_its_label() -> None:
    html = (
        "<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>20/03/2024</div>"
        f"<div class='content'>{PARAS}<p style='text-align:right'><b>Nguồn: Báo Bắc Giang</b></p>"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.author == "Báo Bắc Giang"
    assert all("Nguồn" not in p for p in art.body)


def test_byline_footer_right_after_the_section_is_the_author() -> None:
    html = (
        "<html><body><article><header><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<p class='meta'><time datetime='2024-04-10T08:30:00+07:00'>10/04/2024</time></p></header>"
        f"<section>{PARAS}</section><footer class='byline'><p>Thanh Bình</p></footer></article>"
        "<footer class='site-footer'><p>Sở Y tế tỉnh - 04 Phan Chu Trinh</p></footer></body></html>"
    )
    assert extract_article(html, URL).author == "Thanh Bình"


def test_labelled_writer_in_the_meta_line_under_the_headline() -> None:
    html = (
        "<html><body><article><header><h1>Tiêu đề bài viết thử nghiệm</h1>"
        "<p class='meta'>Đăng ngày <time datetime='2024-03-25T09:20:00+07:00'>25/03/2024 09:20</time>"
        " · Tác giả: Phương Thảo · Chuyên mục: <a href='/moi-truong'>Môi trường</a></p></header>"
        f"<section>{PARAS}</section></article></body></html>"
    )
    assert extract_article(html, URL).author == "Phương Thảo"


def test_byline_beside_the_dateline_in_a_post_footer() -> None:
    art = extract_article(
        footdate_page(
            "<div class='post-footer'><span class='post-author'>Lê Hà</span> - "
            "<span class='post-date'>15/03/2024 | 17:45 GMT+7</span></div>"
        ),
        URL,
    )
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-15T10:45:00+00:00"
    assert art.author == "Lê Hà"


def test_name_in_a_dropped_box_without_the_dateline_is_not_the_author() -> None:
    art = extract_article(
        footdate_page(
            "<div class='post-date'>15/03/2024 | 17:45</div>"
            "<div class='comments'><dl><dt class='comment-author'>Nguyễn Văn Bình</dt>"
            "<dd>16/03/2024 | 08:10</dd></dl></div>"
        ),
        URL,
    )
    assert art.author is None
    assert art.body == PARAS_BODY and art.published_at.isoformat() == "2024-03-15T10:45:00+00:00"


def test_writer_role_note_stays_with_the_name_a_unit_does_not() -> None:
    from etl.extract.generic import signature_name

    assert signature_name("Hoàng Lam (CTV)") == "Hoàng Lam (CTV)"
    assert signature_name("Thanh Tâm (CCBVMT)") == "Thanh Tâm"


def test_top_byline_wins_over_a_trailing_source_line() -> None:
    html = signed_page(
        "<p class='byline'>Tin, ảnh: Văn Long - Thu Trang</p>",
        f"{PARAS}<p style='text-align:right'><em>Nguồn: Báo Hải Dương</em></p>",
    )
    art = extract_article(html, URL)
    assert art.author == "Văn Long - Thu Trang"
    assert all("Nguồn" not in p for p in art.body)


def test_signature_right_before_a_source_line_is_the_author() -> None:
    html = signed_page(
        "",
        f"{PARAS}<p style='text-align:right'><strong>Bảo Yến</strong></p>"
        "<p style='text-align:right'><em>Nguồn: Báo Đại biểu Nhân dân</em></p>",
    )
    art = extract_article(html, URL)
    assert art.author == "Bảo Yến"
    assert "Bảo Yến" not in art.body


def test_source_line_alone_is_still_the_author() -> None:
    html = signed_page("", f"{PARAS}<p style='text-align:right'><b>Nguồn: Trung tâm Y tế huyện Kỳ Sơn</b></p>")
    assert extract_article(html, URL).author == "Trung tâm Y tế huyện Kỳ Sơn"


def test_theo_signature_before_map_and_contact_boxes() -> None:
    after = (
        "<section class='post-map'><h4>Vị trí trên bản đồ</h4><p class='map-note'>Quảng trường,"
        " đường Quách Xuân Kỳ, TP Đồng Hới</p></section><section class='contact-box'><h4>Thông tin"
        " liên hệ</h4><p>Trung tâm Thông tin xúc tiến du lịch</p></section>"
    )
    html = signed_page("", f"{PARAS}<p style='text-align:right'><strong>Theo Báo Quảng Bình</strong></p>{after}")
    art = extract_article(html, URL)
    assert art.author == "Theo Báo Quảng Bình"
    assert not any("liên hệ" in p or "bản đồ" in p or "Quách Xuân Kỳ" in p for p in art.body)


def test_head_author_shown_in_the_meta_line_is_the_author() -> None:
    meta = "<meta name='author' content='Trần Thảo Vy'>"
    html = signed_page(
        "<div class='post-meta'><span>12 tháng 5, 2024</span>&nbsp;·&nbsp;3 phút&nbsp;·&nbsp;Trần Thảo Vy</div>",
        PARAS,
        meta=meta,
    )
    assert extract_article(html, URL).author == "Trần Thảo Vy"


def test_head_author_not_shown_is_not_the_author() -> None:
    html = signed_page("", PARAS, meta="<meta name='author' content='Trần Thảo Vy'>")
    art = extract_article(html, URL)
    assert art.author is None
    assert art.body == PARAS_BODY


def test_signature_with_unit_or_label_is_the_author() -> None:
    for line, name in (
        ("<p><em>Trần Hoa (Trung tâm CNTT&amp;TT)</em></p>", "Trần Hoa"),
        (
            "<p style='text-align:right'><strong>Thu Hường (Trung tâm Thông tin Công nghiệp "
            "và Thương mại)</strong></p>",
            "Thu Hường",
        ),
        ("<p style='text-align: right;'><strong>Bài và ảnh: Lê Hợi</strong></p>", "Lê Hợi"),
        ("<div style='text-align: right;'><strong>Thanh Tâm (CCBVMT)</strong></div>", "Thanh Tâm"),
    ):
        art = extract_article(
            f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}{line}</div></body></html>", URL
        )
        assert art.author == name, line
        assert len(art.body) == 3


def test_sentence_in_brackets_is_not_a_unit() -> None:
    art = extract_article(
        f"<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div>{PARAS}"
        "<p>Hội nghị kết thúc (xem thêm phụ lục).</p></div></body></html>",
        URL,
    )
    assert art.author is None
    assert art.body[-1] == "Hội nghị kết thúc (xem thêm phụ lục)."


def test_a_two_line_signature_gives_its_first_line_and_leaves_the_body() -> None:
    html = article_page(
        f"{PARAS}<p style='text-align: right;'>Hồng Nhung</p>"
        "<p style='text-align: right;'>(Trung tâm Văn hóa - Thông tin huyện Hương Sơn)</p>"
    )
    art = extract_article(html, URL)
    assert art.author == "Hồng Nhung"
    assert art.body == PARAS_BODY


def test_a_signature_with_its_source_site_under_it() -> None:
    html = article_page(
        f"{PARAS}<p style='text-align: right;'>Theo Minh Anh/Báo Kinh tế và Đô thị</p>"
        "<p style='text-align: right;'>kinhtedothi.vn</p>"
    )
    art = extract_article(html, URL)
    assert art.author == "Theo Minh Anh/Báo Kinh tế và Đô thị"
    assert art.body == PARAS_BODY


def test_initials_keep_their_final_dot() -> None:
    art = extract_article(article_page(f"{PARAS}<p align='right'>H.V.</p>"), URL)
    assert art.author == "H.V."
    assert art.body == PARAS_BODY


def test_a_photo_story_credit_names_the_author_without_its_label() -> None:
    art = extract_article(article_page(f"{PARAS}<p style='text-align:right'><strong>Ảnh: Thanh Miền</strong></p>"), URL)
    assert art.author == "Thanh Miền"


def test_an_office_signature_classed_as_the_signature() -> None:
    art = extract_article(article_page(f"{PARAS}<p class='signature'><strong>Khoa Kiểm soát bệnh tật</strong></p>"), URL)
    assert art.author == "Khoa Kiểm soát bệnh tật"
    assert art.body == PARAS_BODY


def test_english_byline_with_the_date_on_its_line() -> None:
    html = (
        "<html><head><meta property='og:site_name' content='Tech Ledger'></head><body>"
        "<h1>Chipmaker opens packaging plant near Hanoi</h1>"
        "<div class='author'>By <a href='/a/x'>Mark Ellis</a>, Tech Ledger</div>"
        "<div class='content'><p>By Mark Ellis · Published 09/18/2024 06:30 PM ICT</p>"
        "<p>A semiconductor company has opened a chip testing and packaging plant, its first such facility.</p>"
        "<p>The plant will employ about 1,500 workers when it reaches full capacity next year, most of them local.</p>"
        "<p>By 2030, the country wants ten such plants, officials said at the opening on Wednesday morning.</p>"
        "</div></body></html>"
    )
    art = extract_article(html, URL)
    assert art.author == "Mark Ellis"
    assert not any(p.startswith("By Mark") for p in art.body)
    assert art.body[-1].startswith("By 2030, the country")
    assert art.published_at is not None and art.published_at.isoformat() == "2024-09-18T11:30:00+00:00"


def test_english_byline_lines_against_sentences_that_open_with_by() -> None:
    from etl.extract.signature import is_english_byline_line

    assert is_english_byline_line("By Mark Ellis · Published 09/18/2024 06:30 PM ICT")
    assert is_english_byline_line("By Hoang Phong September 23, 2024 | 09:12 pm GMT+7")
    assert is_english_byline_line("By Jane Doe and John Roe")
    assert not is_english_byline_line("By noon the river had risen two metres and roads were cut.")
    assert not is_english_byline_line("By Monday, the river had risen above the bridge.")
    assert not is_english_byline_line("By 2030, Vietnam plans to build ten such plants.")


def test_lines_that_close_a_signature_under_the_name() -> None:
    from etl.extract.signature import is_signature_annex

    assert is_signature_annex("(Trung tâm Văn hóa - Thông tin huyện Hương Sơn)")
    assert is_signature_annex("kinhtedothi.vn")
    assert is_signature_annex("Nguồn: TTXVN")
    assert not is_signature_annex("(tổng hợp)")
    assert not is_signature_annex("Năm nay, lễ hội thu hút hơn 20.000 lượt người dân và du khách tham dự.")


def test_meta_line_separators_around_a_byline_are_not_part_of_the_name() -> None:
    from etl.extract.byline import clean_author

    assert clean_author("/ Cory Doctorow /") == "Cory Doctorow"
    assert clean_author("· Thanh Tâm ·") == "Thanh Tâm"
    assert clean_author("H.V. /") == "H.V."
