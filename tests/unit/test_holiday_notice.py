"""The pasted State Council notice becomes the year's holidays and 调休 days (issue 14).

The 2025 and 2026 notices are the published texts (tests/fixtures/holiday_notices); the
parse must equal what ``chinese_calendar`` ships for those years.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from scoring.holiday_notice import NoticeError, parse_notice
from scoring.workdays import WorkingDayCalendar

NOTICES = Path(__file__).parents[1] / "fixtures" / "holiday_notices"


def _notice(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def _days_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", [2025, 2026])
def test_published_notice_equals_the_package_data(year: int) -> None:
    notice = parse_notice(_notice(year))
    assert notice.year == year
    assert set(notice.holiday_days()) == {d for d in chinese_calendar.holidays if d.year == year}
    assert set(notice.workdays) == {d for d in chinese_calendar.workdays if d.year == year}


@pytest.mark.parametrize("year", [2025, 2026])
def test_supplement_from_notice_gives_the_same_calendar(tmp_path: Path, year: int) -> None:
    (tmp_path / f"{year}.yaml").write_text(parse_notice(_notice(year)).to_yaml(), "utf-8")
    imported = WorkingDayCalendar([tmp_path], include_builtin=False)
    assert imported.supplement_sources[year] == tmp_path / f"{year}.yaml"
    bundled = WorkingDayCalendar(include_builtin=False)
    for day in _days_of(year):
        assert imported.is_workday(day) == bundled.is_workday(day), day


def test_holiday_names_and_combined_festivals() -> None:
    notice = parse_notice(_notice(2025))
    names = [p.name for p in notice.holidays]
    assert names == ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"]


def test_one_line_paste_ascii_punctuation_and_chinese_numerals() -> None:
    text = _notice(2026).replace("\n", "").replace("（", "(").replace("）", ")")
    text = text.replace("1月1日(周四)至3日(周六)", "一月一日(星期四)至三日(星期六)")
    text = text.replace("10月1日(周四)至7日(周三)", "十月一日(周四)至七日(周三)")
    notice = parse_notice(text)
    assert notice == parse_notice(_notice(2026))


NOTICE_2019 = """国务院办公厅关于2019年部分节假日安排的通知
一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
三、清明节：4月5日放假，与周末连休。
四、劳动节：5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。
五、端午节：6月7日放假，与周末连休。
六、中秋节：9月13日放假，与周末连休。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
"""


def test_new_year_break_beginning_in_december() -> None:
    # The 2019 notice's form: the break and a 调休 day in the old year, with 星期.
    text = NOTICE_2019
    notice = parse_notice(text)
    assert notice.holidays[0].start == dt.date(2018, 12, 30)
    assert notice.holidays[0].end == dt.date(2019, 1, 1)
    assert dt.date(2018, 12, 29) in notice.workdays
    assert notice.holidays[2].start == notice.holidays[2].end == dt.date(2019, 4, 5)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_wrong_weekday_is_refused_naming_the_line() -> None:
    text = _notice(2026).replace("4月4日（周六）", "4月4日（周五）")
    with pytest.raises(NoticeError) as info:
        parse_notice(text)
    message = str(info.value)
    assert f"第{_line_of(text, '三、清明节')}行" in message
    assert "4月4日是周六，通知写的是周五" in message
    assert "三、清明节：" in message


def test_wrong_weekday_of_a_working_day_is_refused() -> None:
    text = _notice(2026).replace("5月9日（周六）上班", "5月9日（周日）上班")
    with pytest.raises(NoticeError, match="四、劳动节"):
        parse_notice(text)


def test_day_count_must_match_the_range() -> None:
    text = _notice(2026).replace("放假调休，共9天", "放假调休，共8天")
    with pytest.raises(NoticeError, match="共9天，通知写的是8天"):
        parse_notice(text)


def test_partial_notice_is_refused() -> None:
    lines = [line for line in _notice(2026).splitlines() if "端午节：" not in line]
    with pytest.raises(NoticeError, match="通知不完整：缺少端午节"):
        parse_notice("\n".join(lines))


def test_unreadable_line_is_refused() -> None:
    text = _notice(2026).replace("6月19日（周五）至21日（周日）放假，共3天", "另行通知")
    with pytest.raises(NoticeError) as info:
        parse_notice(text)
    assert f"第{_line_of(text, '五、端午节')}行" in str(info.value)


def test_impossible_date_and_weekday_workday_are_refused() -> None:
    with pytest.raises(NoticeError, match="没有2月30日"):
        parse_notice(_notice(2026).replace("2月28日（周六）上班", "2月30日上班"))
    with pytest.raises(NoticeError, match="不是周六或周日"):
        parse_notice(_notice(2026).replace("5月9日（周六）上班", "5月8日上班"))


@pytest.mark.parametrize("text", ["", "   ", "一、元旦：1月1日放假。"])
def test_empty_or_yearless_text_is_refused(text: str) -> None:
    with pytest.raises(NoticeError):
        parse_notice(text)


def test_duplicate_festival_is_refused() -> None:
    text = _notice(2026) + "\n八、中秋节：9月25日（周五）放假。\n"
    with pytest.raises(NoticeError, match="中秋节的安排出现了两次"):
        parse_notice(text)


NOTICE_2017 = """国务院办公厅关于2017年部分节假日安排的通知
一、元旦：1月1日放假，1月2日（星期一）补休。
二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
三、清明节：4月2日至4日放假调休，共3天。4月1日（星期六）上班。
四、劳动节：5月1日放假，与周末连休。
五、端午节：5月28日至30日放假调休，共3天。5月27日（星期六）上班。
六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。
"""


@pytest.mark.parametrize("text", [NOTICE_2017, NOTICE_2019], ids=["2017", "2019"])
def test_older_notice_forms_match_the_package(tmp_path: Path, text: str) -> None:
    # 2017: a 补休 weekday; 2019: a break from December; both without 周X after dates.
    notice = parse_notice(text)
    (tmp_path / "x.yaml").write_text(notice.to_yaml(), "utf-8")
    imported = WorkingDayCalendar([tmp_path], include_builtin=False)
    bundled = WorkingDayCalendar(include_builtin=False)
    for day in _days_of(notice.year):
        assert imported.is_workday(day) == bundled.is_workday(day), day


def test_december_dates_without_a_year_belong_to_the_old_year() -> None:
    text = NOTICE_2019.replace("2018年12月30日至2019年1月1日", "12月30日至1月1日")
    text = text.replace("2018年12月29日", "12月29日")
    assert parse_notice(text) == parse_notice(NOTICE_2019)
