"""Rules learnt from the third hand-written corpus (tests/corpus_final), each on a small
real-shaped page."""

from __future__ import annotations

from etl.extract import extract_article

URL = "https://so.example.gov.vn/tin-tuc/bai-viet.html"
LONG = "có nhiều dấu phẩy, nhiều chữ, đủ dài để là một đoạn văn của bài viết chính"
PARAS = f"<p>Đoạn một, {LONG}.</p><p>Đoạn hai, {LONG}.</p><p>Đoạn ba, {LONG}.</p>"


def _row(text: str, style: str = "font-size:15px;") -> str:
    return f"<tr><td style='{style}'>{text}</td></tr>"


def test_nguon_line_gives_the_author_without_its_label() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>20/03/2024</div>"
            f"<div class='content'>{PARAS}<p style='text-align:right'><b>Nguồn: Báo Bắc Giang</b></p>"
            "</div></body></html>")
    art = extract_article(html, URL)
    assert art.author == "Báo Bắc Giang"
    assert all("Nguồn" not in p for p in art.body)


def test_rows_between_article_rows_are_article() -> None:
    rows = "".join(_row(f"Đoạn {i}, {LONG}, {LONG}, {LONG}.") for i in range(3))
    html = ("<html><body><table>"
            + _row("<b>Tiêu đề bài viết thử nghiệm trong bản tin</b>")
            + rows
            + "<tr><td>•</td><td>Mục một của danh sách ngắn;</td></tr>"
            + _row("Một đoạn ngắn giữa hai đoạn dài.")
            + rows.replace("Đoạn", "Phần")
            + "</table></body></html>")
    body = extract_article(html, URL).body
    assert "Mục một của danh sách ngắn;" in body
    assert "Một đoạn ngắn giữa hai đoạn dài." in body


def test_headline_in_a_styled_cell_anchors_the_dateline_after_it() -> None:
    rows = "".join(_row(f"Đoạn {i}, {LONG}, {LONG}, {LONG}.") for i in range(3))
    html = ("<html><head><title>Nghiệm thu đề tài giống lúa chịu mặn</title></head><body><table>"
            + _row("Nghiệm thu đề tài giống lúa chịu mặn", "font-size:22px;font-weight:bold")
            + _row("22/03/2024 08:00", "font-size:12px;color:#888") + rows + "</table></body></html>")
    assert extract_article(html, URL).published_at.isoformat() == "2024-03-22T01:00:00+00:00"


def test_byline_footer_right_after_the_section_is_the_author() -> None:
    html = ("<html><body><article><header><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<p class='meta'><time datetime='2024-04-10T08:30:00+07:00'>10/04/2024</time></p></header>"
            f"<section>{PARAS}</section><footer class='byline'><p>Thanh Bình</p></footer></article>"
            "<footer class='site-footer'><p>Sở Y tế tỉnh - 04 Phan Chu Trinh</p></footer></body></html>")
    assert extract_article(html, URL).author == "Thanh Bình"


def test_labelled_writer_in_the_meta_line_under_the_headline() -> None:
    html = ("<html><body><article><header><h1>Tiêu đề bài viết thử nghiệm</h1>"
            "<p class='meta'>Đăng ngày <time datetime='2024-03-25T09:20:00+07:00'>25/03/2024 09:20</time>"
            " · Tác giả: Phương Thảo · Chuyên mục: <a href='/moi-truong'>Môi trường</a></p></header>"
            f"<section>{PARAS}</section></article></body></html>")
    assert extract_article(html, URL).author == "Phương Thảo"


def test_meeting_room_is_a_location() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>19/04/2024</div>"
            f"<div><p>Chiều 19/4, tại phòng họp B2, Khoa tổ chức đối thoại, {LONG}.</p>{PARAS}</div>"
            "</body></html>")
    assert extract_article(html, URL).location == "phòng họp B2"


def test_lightbox_class_on_an_image_does_not_drop_it() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết thử nghiệm</h1><div class='date'>10/05/2024</div>"
            "<div class='featured'><img class='entry-thumb td-modal-image' width='696' height='464' "
            "src='https://so.example.gov.vn/anh/khai-mac.jpg'>"
            "<span class='wp-caption-text'>Tiết mục nghệ thuật tại lễ khai mạc</span></div>"
            f"<div class='content'>{PARAS}</div></body></html>")
    art = extract_article(html, URL)
    assert [im.url for im in art.images] == ["https://so.example.gov.vn/anh/khai-mac.jpg"]
    assert art.images[0].caption == "Tiết mục nghệ thuật tại lễ khai mạc"


def test_no_name_starts_at_the_second_syllable_after_a_place_word() -> None:
    from etl.extract.people import extract_people

    got = extract_people(["Phó Chủ tịch UBND tỉnh Nguyễn Văn Đề yêu cầu nhà thầu thi công đúng tiến độ."])
    assert "Văn Đề" not in [p.name for p in got]


def test_academic_titles_and_em_frame_a_name() -> None:
    from etl.extract.people import extract_people

    got = extract_people(["Đề tài do Trung tâm chủ trì, ThS. Lê Thị Mai làm chủ nhiệm.",
                          "Đặc biệt, em Nguyễn Minh Khôi, học sinh lớp 12 đạt giải Nhất."])
    assert [p.name for p in got] == ["Lê Thị Mai", "Nguyễn Minh Khôi"]


def test_title_reaches_back_over_a_comma_inside_the_ministry_name() -> None:
    from etl.extract.people import extract_people

    got = extract_people(["Phát biểu tại buổi lễ, Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch Hoàng Đạo Minh đánh giá cao."])
    assert [(p.name, p.position) for p in got] == [
        ("Hoàng Đạo Minh", "Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch")]
