"""Datelines and event dates in the forms Vietnamese portals write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from etl.extract.dates import VN_TZ as VN
from etl.extract.dates import looks_like_dateline, parse_dateline, parse_event_date


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "instant", "has_time"),
    [
        ("Thứ ba, 18/08/2020 12:12", utc(2020, 8, 18, 5, 12), True),
        ("Ngày đăng: 27/12/2022 08:15", utc(2022, 12, 27, 1, 15), True),
        ("Cập nhật lúc 09:05 ngày 03/06/2023", utc(2023, 6, 3, 2, 5), True),
        ("03/06/2023 09:05", utc(2023, 6, 3, 2, 5), True),
        ("(03/06/2023)", utc(2023, 6, 2, 17, 0), False),
        ("Thứ bảy, 3/6/2023, 09:05 (GMT+7)", utc(2023, 6, 3, 2, 5), True),
        ("05/03/2024 - 14:30", utc(2024, 3, 5, 7, 30), True),
        ("2024-03-05T14:30:00+07:00", utc(2024, 3, 5, 7, 30), True),
        ("2024-03-05T07:30:00Z", utc(2024, 3, 5, 7, 30), True),
        ("2024-03-05", utc(2024, 3, 4, 17, 0), False),
        ("14h30 ngày 5/3/2024", utc(2024, 3, 5, 7, 30), True),
        ("Ngày 5 tháng 3 năm 2024", utc(2024, 3, 4, 17, 0), False),
        ("2:30 PM 05/03/2024", utc(2024, 3, 5, 7, 30), True),
    ],
)
def test_dateline_forms(text: str, instant: datetime, has_time: bool) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None
    assert parsed.instant == instant
    assert parsed.instant.tzinfo is not None
    assert parsed.has_time is has_time


def test_invalid_dates_are_skipped() -> None:
    assert parse_dateline("31/02/2024") is None
    assert parse_dateline("không có ngày") is None
    assert parse_dateline("Số 155/2019 ngày 45/13/2019 lúc 10:00") is None


def test_dateline_detection_rejects_sentences() -> None:
    assert looks_like_dateline("Ngày đăng: 27/12/2022 08:15")
    assert looks_like_dateline("Thứ ba, 18/08/2020 12:12")
    assert not looks_like_dateline("Ngày 26/12/2022, Đảng bộ Sở đã tổ chức Hội nghị tổng kết công tác Đảng")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sáng ngày 05/3/2024, tại Hà Nội, Bộ TT&TT tổ chức hội nghị.", date(2024, 3, 5), date(2024, 3, 5)),
        ("Chiều ngày 9/11, Sở TT&TT tổ chức hội nghị.", date(2022, 11, 10), date(2022, 11, 9)),
        ("Đại hội diễn ra sáng nay (18/8) tại Hà Nội.", date(2020, 8, 18), date(2020, 8, 18)),
        ("Ngày 26/12/2022, Đảng bộ Sở tổ chức hội nghị.", date(2022, 12, 27), date(2022, 12, 26)),
        ("Chiều 12/4, tại trụ sở Bộ, đoàn công tác làm việc.", date(2024, 4, 12), date(2024, 4, 12)),
        ("Tối 1/10, lễ khai mạc diễn ra tại quảng trường.", date(2023, 10, 2), date(2023, 10, 1)),
        ("Trong hai ngày 5-6/3, hội nghị tập huấn được tổ chức.", date(2024, 3, 7), date(2024, 3, 5)),
    ],
)
def test_event_dates(text: str, published: date, expected: date) -> None:
    assert parse_event_date([text], published) == expected


def test_event_year_rolls_back_when_it_would_follow_publication() -> None:
    assert parse_event_date(["Tối 28/12, Ban Chỉ đạo tổng kết năm."], date(2024, 1, 3)) == date(2023, 12, 28)


def test_document_dates_are_not_event_dates() -> None:
    text = "Thực hiện Kế hoạch số 155-KH/ĐUK ngày 10/10/2019 của Đảng ủy Khối, các chi bộ đã họp."
    assert parse_event_date([text], date(2020, 1, 1)) is None
    assert parse_event_date(
        ["Ngày 12/10/2019, các chi bộ đã họp theo Kế hoạch số 155-KH/ĐUK."], date(2020, 1, 1)
    ) == date(2019, 10, 12)


def test_no_event_date_and_no_year_without_publication() -> None:
    assert parse_event_date(["Năm 2022, Đảng bộ đã hoàn thành nhiệm vụ."], date(2022, 12, 27)) is None
    assert parse_event_date(["Chiều 12/4, hội nghị diễn ra."], None) is None


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        # Joomla's Vietnamese locale: month word, no "năm"
        ("Thứ hai, 11 Tháng 3 2024 09:45", utc(2024, 3, 11, 2, 45)),
        # RFC 2822 in an itemprop meta, with its own offset
        ("Tue, 26 Sep 2023 20:15:00 +0700", utc(2023, 9, 26, 13, 15)),
        ("26 Sep 2023 13:15:00 +0000", utc(2023, 9, 26, 13, 15)),
        # US-style CMS meta with AM/PM
        ("May 10, 2024 07:45:00 AM", utc(2024, 5, 10, 0, 45)),
        ("Dec 3, 2023 2:05 PM", utc(2023, 12, 3, 7, 5)),
    ],
)
def test_month_word_datelines(text: str, instant: datetime) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None and parsed.has_time
    assert parsed.instant == instant


def test_month_words_need_a_plausible_year() -> None:
    assert parse_dateline("11 tháng 3 1000 người tham dự") is None
    assert parse_dateline("may 10, 1000") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # press style: day-month with a dash or a dot
        ("Sáng 5-3, tại Hà Nội, Bộ Y tế tổ chức hội nghị.", date(2024, 3, 5)),
        ("Ngày 5-3-2024, Sở tổ chức hội nghị.", date(2024, 3, 5)),
        ("Chiều 12.3, đoàn công tác làm việc.", date(2024, 3, 12)),
        ("Sáng nay (5-3), hội nghị khai mạc.", date(2024, 3, 5)),
        # a range before a slash still gives the first day
        ("Trong hai ngày 5-6/3, lớp tập huấn diễn ra.", date(2024, 3, 5)),
    ],
)
def test_event_dates_with_dash_or_dot(text: str, expected: date) -> None:
    assert parse_event_date([text], date(2024, 3, 20)) == expected


def test_percentages_and_decimals_are_not_event_dates() -> None:
    assert parse_event_date(["Sáng 5.3% hộ dân được hỗ trợ."], date(2024, 3, 20)) is None
    assert parse_event_date(["Sáng 5/3, 5.3% hộ dân được hỗ trợ."], date(2024, 3, 20)) == date(2024, 3, 5)


def test_event_date_after_a_lead_agency_prefix() -> None:
    text = "BP - Ngày 9/5, tại Đồn Biên phòng, đơn vị tổ chức tuần tra song phương."
    assert parse_event_date([text], date(2024, 5, 10)) == date(2024, 5, 9)


def test_event_date_after_a_leading_emoji() -> None:
    text = "❤️ Ngày 21/7, tại Nhà Văn hóa Công nhân tỉnh, Tỉnh đoàn tổ chức Ngày hội hiến máu."
    assert parse_event_date([text], date(2024, 7, 21)) == date(2024, 7, 21)


def test_event_range_with_den_gives_the_first_day() -> None:
    text = "Từ ngày 16 đến 18/9, Sở Du lịch đón đoàn famtrip gồm 40 doanh nghiệp lữ hành."
    assert parse_event_date([text], date(2024, 9, 18)) == date(2024, 9, 16)


def test_event_range_of_two_days_gives_the_first_day() -> None:
    text = "Trong 2 ngày 29 và 30/6, Hội Nông dân tỉnh tổ chức tập huấn cho hội viên."
    assert parse_event_date([text], date(2024, 7, 1)) == date(2024, 6, 29)


def test_weekday_between_part_of_day_and_date() -> None:
    text = "Sáng Chủ nhật ngày 02/3/2025, tại thôn Thượng Sơn, UBND xã tổ chức lễ ra quân."
    assert parse_event_date([text], date(2025, 3, 5)) == date(2025, 3, 2)


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("20/09/2024 2:45 chiều", "2024-09-20T14:45"),
        ("16/09/2024 9:05 tối", "2024-09-16T21:05"),
        ("21/09/2024 11:20 trưa", "2024-09-21T11:20"),
        ("21/09/2024 1:15 trưa", "2024-09-21T13:15"),
        ("05/03/2024 10:20 đêm", "2024-03-05T22:20"),
        ("05/03/2024 1:10 đêm", "2024-03-05T01:10"),
        ("05/03/2024 7:05 sáng", "2024-03-05T07:05"),
        ("September 23, 2024 | 09:12 pm GMT+7", "2024-09-23T21:12"),
        ("05/03/2024 12:30 SA", "2024-03-05T00:30"),
    ],
)
def test_twelve_hour_clocks_take_the_half_of_day_word(text: str, local: str) -> None:
    dl = parse_dateline(text)
    assert dl is not None and dl.has_time
    assert dl.instant.astimezone(VN).isoformat()[:16] == local


@pytest.mark.parametrize(
    ("text", "local"),
    [("Cập nhật: 26/09/24 14:05", "2024-09-26T14:05"), ("02/10/24 - 09:40", "2024-10-02T09:40")],
)
def test_two_digit_years_are_this_century(text: str, local: str) -> None:
    dl = parse_dateline(text)
    assert dl is not None and dl.instant.astimezone(VN).isoformat()[:16] == local


def test_a_four_digit_date_beats_a_two_digit_one() -> None:
    dl = parse_dateline("Số 12/05/24 ngày 03/06/2023")
    assert dl is not None and dl.local_date == date(2023, 6, 3)


def test_numeric_date_is_month_first_only_when_the_middle_cannot_be_a_month() -> None:
    assert parse_dateline("09/18/2024").local_date == date(2024, 9, 18)
    assert parse_dateline("09/10/2024").local_date == date(2024, 10, 9)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("Published 9:41 AM EDT, Tue September 17, 2024", "2024-09-17T13:41:00+00:00"),
        ("09/18/2024 06:30 PM ICT", "2024-09-18T11:30:00+00:00"),
        ("2024-09-17T03:15:00+00:00", "2024-09-17T03:15:00+00:00"),
    ],
)
def test_a_written_zone_is_kept_and_marks_the_time_zoned(text: str, utc: str) -> None:
    dl = parse_dateline(text)
    assert dl is not None and dl.zoned and dl.instant.isoformat() == utc


def test_a_bare_clock_is_vietnam_time_and_not_zoned() -> None:
    dl = parse_dateline("17/09/2024 03:15")
    assert dl is not None and not dl.zoned
    assert dl.instant.isoformat() == "2024-09-16T20:15:00+00:00"
