"""夜间或法定节假日执行 (C-4.10, 《行政强制法》第四十三条, issue 14 item 8): the enforcement
record's day and clock time read from synthetic pages, judged on the real calendar."""

from __future__ import annotations

from datetime import date, time

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.enforcement_record import clock_after, enforcement_reading
from app.review.precheck_facts import build_facts
from scoring.prechecks import DossierFacts, load_prechecks, run_prechecks
from scoring.prechecks.enforcement import in_night
from tests.synthetic_pages import COERCION, page

RULE = "enforcement_at_night_or_holiday"


def dossier(*record_lines: str) -> tuple[list[PageInput], list[DocumentSpan]]:
    pages = [
        page("行政强制执行决定书", "江州市城市管理局", "江城强执〔2024〕3号", "2024年6月20日"),
        page("强制执行现场笔录", *record_lines),
    ]
    documents = [
        DocumentSpan("enforcement_decision", "行政强制执行决定书", 1, 1, 1.0),
        DocumentSpan("unknown", "", 2, 2, 0.3),  # the record's type is not known: its title is
    ]
    return pages, documents


def found(*record_lines: str) -> dict:
    facts = build_facts("coercion", *dossier(*record_lines), {})
    return {s.rule: s for s in run_prechecks(facts, COERCION)}


def test_the_clock_time_is_read_in_its_common_forms() -> None:
    assert clock_after("22时30分至23时") == (time(22, 30), 6)
    assert clock_after("下午3时")[0] == time(15, 0)  # type: ignore[index]
    assert clock_after("晚上九点")[0] == time(21, 0)  # type: ignore[index]
    assert clock_after("22:05")[0] == time(22, 5)  # type: ignore[index]
    assert clock_after("在现场") is None


def test_the_night_window_wraps_midnight() -> None:
    start, end = time(22), time(6)
    assert in_night(time(22, 30), start, end) and in_night(time(5, 59), start, end)
    assert not in_night(time(6, 0), start, end) and not in_night(time(21, 59), start, end)


def test_an_enforcement_at_night_is_found_with_its_page() -> None:
    hit = found("执行时间：2024年7月1日22时30分至23时10分", "执行地点：江州市某路1号")
    suggestion = hit[RULE]
    assert suggestion.item_id == "C-4.10" and suggestion.suggested_points == 3
    assert "22时30分至23时10分在夜间" in suggestion.message
    assert 2 in suggestion.pages


def test_an_enforcement_in_the_day_on_a_working_day_is_silent() -> None:
    assert RULE not in found("执行时间：2024年7月1日9时30分至11时", "执行地点：某路1号")


def test_an_enforcement_on_a_statutory_holiday_is_found() -> None:
    hit = found("执行时间：2024年10月2日9时至10时")
    assert "法定节假日（国庆节）" in hit[RULE].message


def test_a_saturday_counts_as_the_supreme_court_answered() -> None:
    # 2024-07-06 is a Saturday; (2016)最高法行他81号: no 强制拆除 on a Saturday.
    assert "休息日（星期六）" in found("执行时间：2024年7月6日9时")[RULE].message
    # a 调休 working Saturday (2024-09-14) is a working day
    assert RULE not in found("执行时间：2024年9月14日9时")


def test_a_record_stating_urgency_is_silent() -> None:
    lines = ("执行时间：2024年7月1日22时30分", "因堤坝险情情况紧急，立即实施强制拆除。")
    assert RULE not in found(*lines)
    denied = ("执行时间：2024年7月1日22时30分", "本案不属于情况紧急。")
    assert RULE in found(*denied)


def test_no_time_read_no_finding() -> None:
    assert RULE not in found("执行地点：某路1号", "当事人拒不到场。")
    reading = enforcement_reading(*dossier("当事人拒不到场。"), load_prechecks())
    assert reading is None


def test_a_date_only_record_still_shows_a_holiday() -> None:
    facts = DossierFacts(
        kind="coercion", dates={"enforced": date(2024, 10, 3)}, date_pages={"enforced": 5}
    )
    hit = {s.rule: s for s in run_prechecks(facts, COERCION)}
    assert "国庆节" in hit[RULE].message and hit[RULE].pages == (5,)


def test_a_corrected_enforcement_date_wins_over_the_reading() -> None:
    pages, documents = dossier("执行时间：2024年7月1日9时")  # a Monday, in the day
    assert RULE not in {
        s.rule for s in run_prechecks(build_facts("coercion", pages, documents, {}))
    }
    corrected = build_facts("coercion", pages, documents, {"enforced": date(2024, 10, 1)})
    hit = {s.rule: s for s in run_prechecks(corrected, COERCION)}
    assert "国庆节" in hit[RULE].message
