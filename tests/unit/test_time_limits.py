"""The statutory time-limit table and its evaluation on real 2024/2025 calendars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.time_limits import (
    DEFAULT_TIME_LIMITS_PATH,
    ExcludedPeriod,
    TimeLimitDataError,
    TimeLimitRule,
    derive_events,
    due_date,
    evaluate,
    evaluate_all,
    format_cn_date,
    load_time_limit_table,
    load_time_limits,
)
from scoring.workdays import CalendarRangeError, WorkingDayCalendar, default_calendar

D = dt.date

REQUIRED_IDS = {
    "penalty.decide_after_filing",
    "penalty.file_after_discovery",
    "penalty.serve_decision",
    "penalty.defence_period",
    "penalty.defence_period_hearing",
    "penalty.hearing_request",
    "penalty.hearing_notice",
    "penalty.pay_fine",
    "penalty.publication",
    "penalty.time_bar",
    "penalty.time_bar_extended",
    "coercion.seizure",
    "coercion.seizure_extension",
    "coercion.emergency_report",
    "coercion.demand_before_enforcement",
    "coercion.court_application",
    "coercion.court_application_after_demand",
    "remedy.reconsideration",
    "remedy.litigation",
    "local.transfer",
    "local.assistance_reply",
}


@pytest.fixture(scope="module")
def rules() -> dict[str, TimeLimitRule]:
    return load_time_limits()


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return default_calendar()


def test_format_cn_date() -> None:
    assert format_cn_date(D(2024, 3, 5)) == "2024年3月5日"
    assert format_cn_date(D(2025, 12, 31)) == "2025年12月31日"


# ---------------------------------------------------------------- the table


def test_table_has_every_rule_with_labels(rules: dict[str, TimeLimitRule]) -> None:
    assert set(rules) >= REQUIRED_IDS
    for rule in rules.values():
        assert rule.start_label and rule.end_label, rule.id
        assert rule.source and rule.name


@pytest.mark.parametrize(
    ("rule_id", "length", "unit", "relation"),
    [
        ("penalty.decide_after_filing", 90, "calendar_days", "within"),
        ("penalty.file_after_discovery", 15, "working_days", "within"),
        ("penalty.serve_decision", 7, "working_days", "within"),
        ("penalty.defence_period", None, "working_days", "not_before"),
        ("penalty.defence_period_market", 5, "working_days", "not_before"),
        ("penalty.defence_period_hearing", 5, "working_days", "not_before"),
        ("penalty.hearing_request", 5, "working_days", "within"),
        ("penalty.hearing_notice", 7, "working_days", "at_least"),
        ("penalty.pay_fine", 15, "calendar_days", "within"),
        ("penalty.time_bar", 2, "years", "within"),
        ("penalty.time_bar_extended", 5, "years", "within"),
        ("coercion.seizure", 30, "calendar_days", "within"),
        ("coercion.emergency_report", 24, "hours", "within"),
        ("coercion.demand_before_enforcement", None, "calendar_days", "not_before"),
        ("coercion.court_application", 3, "months", "within"),
        ("coercion.court_application_after_demand", 10, "working_days", "not_before"),
        ("remedy.reconsideration", 60, "calendar_days", "within"),
        ("remedy.litigation", 6, "months", "within"),
        ("local.transfer", 3, "working_days", "within"),
        ("local.assistance_reply", 7, "working_days", "within"),
    ],
)
def test_rule_values_follow_the_law(
    rules: dict[str, TimeLimitRule], rule_id: str, length: int, unit: str, relation: str
) -> None:
    rule = rules[rule_id]
    assert (rule.length, rule.unit, rule.relation) == (length, unit, relation)


def test_exclusions_of_key_rules(rules: dict[str, TimeLimitRule]) -> None:
    assert {"testing", "hearing", "announcement", "suspension"} <= set(
        rules["penalty.decide_after_filing"].excludes
    )
    assert rules["coercion.seizure"].excludes == ("testing",)


# ---------------------------------------------------------------- due dates


def test_ninety_days_after_filing(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    assert due_date(rules["penalty.decide_after_filing"], D(2024, 3, 5), cal) == D(2024, 6, 3)


def test_serve_decision_across_2024_national_day(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["penalty.serve_decision"]
    assert due_date(rule, D(2024, 9, 27), cal) == D(2024, 10, 12)
    late = evaluate(rule, {"decided": D(2024, 9, 27), "served": D(2024, 10, 14)}, cal)
    assert late is not None
    assert not late.satisfied
    assert late.elapsed == 8  # Sep 29, 30, Oct 8-12, Oct 14
    assert late.days_over == 2
    on_time = evaluate(rule, {"decided": D(2024, 9, 27), "served": D(2024, 10, 12)}, cal)
    assert on_time is not None and on_time.satisfied and on_time.elapsed == 7


def test_seizure_ending_in_spring_festival_rolls(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["coercion.seizure"]
    assert due_date(rule, D(2025, 1, 1), cal) == D(2025, 2, 5)
    check = evaluate(rule, {"seized": D(2025, 1, 1), "released": D(2025, 2, 5)}, cal)
    assert check is not None and check.satisfied
    assert check.elapsed == 35  # calendar days used; allowed because the end rolled


def test_pay_fine_ending_on_2024_makeup_sunday(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    # served Sat 3 Feb 2024 + 15 days = Sun 18 Feb 2024, a 调休 working day: no roll
    assert due_date(rules["penalty.pay_fine"], D(2024, 2, 3), cal) == D(2024, 2, 18)


def test_defence_period_across_2025_spring_festival(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["penalty.defence_period"].with_stated({"defence_period": (3, "working_days")})
    # notice Thu 6 Feb 2025: Fri 7, Sat 8 (调休), Mon 10 -> period ends Mon 10 Feb
    assert due_date(rule, D(2025, 2, 6), cal) == D(2025, 2, 10)
    early = evaluate(rule, {"notice_served": D(2025, 2, 6), "decided": D(2025, 2, 10)}, cal)
    assert early is not None and not early.satisfied and early.days_over == 1
    assert "尚未届满" in early.message()
    fine = evaluate(rule, {"notice_served": D(2025, 2, 6), "decided": D(2025, 2, 11)}, cal)
    assert fine is not None and fine.satisfied and fine.days_over == 0


def test_defence_period_waived_is_not_checked(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    events = {
        "notice_served": D(2025, 2, 6),
        "decided": D(2025, 2, 7),
        "defence_waived": D(2025, 2, 6),
    }
    assert evaluate(rules["penalty.defence_period"], events, cal) is None


def test_hearing_notice_at_least_seven_working_days(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["penalty.hearing_notice"]
    events = {"hearing_notified": D(2024, 9, 27), "hearing_held": D(2024, 10, 12)}
    ok = evaluate(rule, events, cal)
    assert ok is not None and ok.satisfied
    short = evaluate(rule, {**events, "hearing_held": D(2024, 10, 11)}, cal)
    assert short is not None and not short.satisfied and short.days_over == 1
    assert "间隔不足7个工作日的听证通知期限" in short.message()


def test_months_rule_month_end(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    # served 31 Aug 2024 + 6 months = Fri 28 Feb 2025 (no 31 Feb)
    assert due_date(rules["remedy.litigation"], D(2024, 8, 31), cal) == D(2025, 2, 28)
    # 3 months after 30 Nov 2023 = Thu 29 Feb 2024 (leap year)
    assert due_date(rules["coercion.court_application"], D(2023, 11, 30), cal) == D(2024, 2, 29)


def test_time_bar_years(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    rule = rules["penalty.time_bar"]
    # 2 years after 5 Oct 2022 = Sat 5 Oct 2024 (国庆) -> Tue 8 Oct 2024 (民法典 第203条):
    # a case found on the first working day after the holiday is not time-barred
    assert rule.roll_forward
    assert due_date(rule, D(2022, 10, 5), cal) == D(2024, 10, 8)
    found_after_holiday = {"violation_ended": D(2022, 10, 5), "discovered": D(2024, 10, 8)}
    in_time = evaluate(rule, found_after_holiday, cal)
    assert in_time is not None and in_time.satisfied
    check = evaluate(rule, {"violation_ended": D(2022, 10, 5), "discovered": D(2024, 10, 9)}, cal)
    assert check is not None and not check.satisfied and check.elapsed == 2
    extended = evaluate(
        rules["penalty.time_bar_extended"],
        {"violation_ended": D(2020, 10, 5), "discovered": D(2024, 10, 9)},
        cal,
    )
    assert extended is not None and extended.satisfied and extended.elapsed == 4


def test_emergency_report_hours_at_day_precision(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["coercion.emergency_report"]
    # hours run through holidays and never roll forward
    assert due_date(rule, D(2024, 9, 30), cal) == D(2024, 10, 1)
    late = evaluate(rule, {"emergency_taken": D(2024, 9, 30), "emergency_reported": D(2024, 10, 2)}, cal)  # fmt: skip
    assert late is not None and not late.satisfied and late.elapsed == 48


# ---------------------------------------------------------------- excluded periods


def test_excluded_period_pushes_due_date(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["penalty.decide_after_filing"]
    hearing = ExcludedPeriod(D(2024, 4, 1), D(2024, 4, 30), "hearing")
    # 90 + 30 days after 5 Mar 2024 = Wed 3 Jul 2024
    assert due_date(rule, D(2024, 3, 5), cal, [hearing]) == D(2024, 7, 3)
    events = {"filed": D(2024, 3, 5), "decided": D(2024, 7, 1)}
    check = evaluate(rule, events, cal, [hearing])
    assert check is not None and check.satisfied
    assert check.elapsed == 88 and check.excluded_days == 30
    assert "已扣除不计入期限的期间30日" in check.message()


def test_excluded_periods_overlap_counted_once_and_outside_ignored(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    rule = rules["penalty.decide_after_filing"]
    periods = [
        (D(2024, 4, 1), D(2024, 4, 20)),
        (D(2024, 4, 11), D(2024, 4, 30)),  # overlaps the first: 30 days in all
        (D(2024, 1, 1), D(2024, 1, 31)),  # before filing: no effect
        (D(2024, 12, 1), D(2024, 12, 31)),  # after the due date: no effect
    ]
    assert due_date(rule, D(2024, 3, 5), cal, periods) == D(2024, 7, 3)


def test_kind_not_excluded_by_rule_is_ignored(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    seizure = rules["coercion.seizure"]
    hearing = ExcludedPeriod(D(2025, 1, 5), D(2025, 1, 14), "hearing")
    testing = ExcludedPeriod(D(2025, 1, 5), D(2025, 1, 14), "testing")
    assert due_date(seizure, D(2025, 1, 1), cal, [hearing]) == D(2025, 2, 5)
    # 30 + 10 days = Mon 10 Feb 2025
    assert due_date(seizure, D(2025, 1, 1), cal, [testing]) == D(2025, 2, 10)


def test_excluded_working_days(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    rule = rules["local.assistance_reply"]
    # received Mon 4 Mar 2024; 5-6 Mar spent on supplementary material
    supplement = ExcludedPeriod(D(2024, 3, 5), D(2024, 3, 6), "supplement")
    assert due_date(rule, D(2024, 3, 4), cal) == D(2024, 3, 13)
    assert due_date(rule, D(2024, 3, 4), cal, [supplement]) == D(2024, 3, 15)


def test_reversed_excluded_period_is_an_error(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    with pytest.raises(ValueError, match="早于开始日期"):
        due_date(rules["coercion.seizure"], D(2025, 1, 1), cal, [(D(2025, 1, 9), D(2025, 1, 5))])


# ---------------------------------------------------------------- evaluation


def test_message_names_dates_and_due_date(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    check = evaluate(
        rules["penalty.decide_after_filing"],
        {"filed": D(2024, 3, 5), "decided": D(2024, 7, 1)},
        cal,
    )
    assert check is not None
    assert check.rule_id == "penalty.decide_after_filing"
    assert (check.due, check.elapsed, check.limit, check.days_over) == (D(2024, 6, 3), 118, 90, 28)
    assert check.message() == (
        "立案日期2024年3月5日，作出处罚决定日期2024年7月1日，"
        "超过90日的办案期限（应于2024年6月3日前作出处罚决定）"
    )


def test_missing_event_gives_none(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    assert evaluate(rules["penalty.decide_after_filing"], {"filed": D(2024, 3, 5)}, cal) is None


def test_extension_switches_rules(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    events = {"seized": D(2024, 3, 1), "released": D(2024, 4, 20)}
    plain = evaluate_all(
        rules, events, cal, rule_ids=["coercion.seizure", "coercion.seizure_extension"]
    )
    assert [c.rule_id for c in plain] == ["coercion.seizure"]
    assert not plain[0].satisfied
    extended = {**events, "extension_decided": D(2024, 3, 25)}
    checks = {c.rule_id: c for c in evaluate_all(rules, extended, cal)}
    assert "coercion.seizure" not in checks
    assert checks["coercion.seizure_extension"].satisfied
    assert checks["coercion.seizure_extension_decision"].satisfied


def test_derive_remedy_expired_and_court_application(
    rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar
) -> None:
    events = derive_events({"served": D(2024, 1, 10), "court_applied": D(2024, 10, 11)}, rules, cal)
    assert events["remedy_expired"] == D(2024, 7, 10)  # 6 months (诉讼) outlast 60 days (复议)
    check = evaluate(rules["coercion.court_application"], events, cal)
    assert check is not None and not check.satisfied and check.due == D(2024, 10, 10)


def test_unknown_year_propagates(rules: dict[str, TimeLimitRule], cal: WorkingDayCalendar) -> None:
    last = max(cal.known_years)
    with pytest.raises(CalendarRangeError):
        due_date(rules["penalty.serve_decision"], D(last, 12, 28), cal)


# ---------------------------------------------------------------- malformed files


def _table_with(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(DEFAULT_TIME_LIMITS_PATH.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "limits.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _rule(data: dict, rule_id: str) -> dict:  # type: ignore[type-arg]
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [
        (
            lambda d: _rule(d, "penalty.pay_fine").update(unit="weeks"),
            ["penalty.pay_fine", "unit", "取值不在允许范围内"],
        ),
        (
            lambda d: _rule(d, "penalty.pay_fine").update(length="十五"),
            ["penalty.pay_fine", "length", "应为整数"],
        ),
        (
            lambda d: _rule(d, "penalty.pay_fine").pop("source"),
            ["penalty.pay_fine", "source", "缺少必填项"],
        ),
        (
            lambda d: _rule(d, "penalty.pay_fine").update(end_event="payed"),
            ["penalty.pay_fine", "end_event", "未登记的事件“payed”"],
        ),
        (
            lambda d: _rule(d, "coercion.seizure").update(excludes=["holiday"]),
            ["coercion.seizure", "excludes", "holiday"],
        ),
        (lambda d: d["rules"].append(dict(d["rules"][0])), ["重复"]),
        (lambda d: _rule(d, "penalty.pay_fine").update(lenght=15), ["lenght", "不认识的字段"]),
    ],
)
def test_malformed_table_gives_chinese_error(
    tmp_path: Path,
    mutate,  # type: ignore[no-untyped-def]
    fragments: list[str],
) -> None:
    path = _table_with(tmp_path, mutate)
    with pytest.raises(TimeLimitDataError) as info:
        load_time_limits(path)
    message = str(info.value)
    assert "limits.yaml" in message
    for fragment in fragments:
        assert fragment in message


def test_unreadable_tables(tmp_path: Path) -> None:
    with pytest.raises(TimeLimitDataError, match="找不到时限规则文件"):
        load_time_limits(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(TimeLimitDataError, match="不是有效的 YAML 格式"):
        load_time_limits(bad)
    bad.write_text("- a\n", encoding="utf-8")
    with pytest.raises(TimeLimitDataError, match="应包含 events"):
        load_time_limits(bad)


def test_table_object_keeps_vocabulary() -> None:
    table = load_time_limit_table()
    assert table.events["filed"] == "立案"
    assert table.exclusion_kinds["testing"].startswith("检测")


# ---------------------------------------------------------------- properties


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=D(2005, 1, 1), max_value=D(2024, 6, 30)),
    end_offset=st.integers(min_value=0, max_value=200),
    rule_id=st.sampled_from(
        sorted(REQUIRED_IDS - {"penalty.time_bar", "penalty.time_bar_extended"})
    ),
)
def test_satisfied_matches_relation_to_due(start: dt.date, end_offset: int, rule_id: str) -> None:
    rule = load_time_limits()[rule_id]
    cal = default_calendar()
    events = {rule.start_event: start, rule.end_event: start + dt.timedelta(days=end_offset)}
    events.update({name: start for name in rule.requires_events})
    stated = {rule.stated_period: (7, "working_days")} if rule.stated_period else None
    check = evaluate(rule, events, cal, sector=(rule.sectors or (None,))[0], stated=stated)
    assert check is not None
    if rule.relation == "within":
        assert check.satisfied == (check.end <= check.due)
    elif rule.relation == "not_before":
        assert check.satisfied == (check.end > check.due)
    else:
        assert check.satisfied == (check.end >= check.due)
    assert (check.days_over == 0) == check.satisfied
    if rule.unit == "working_days":
        assert check.elapsed == cal.working_days_between(start, check.end)
