"""``settings show`` / ``settings set``: the settings the window edits, checked by the same code."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from tests.support import run_cli


def test_settings_set_and_show(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "settings", "set", "organ_name", "某县司法局").code == 0
    assert run_cli(tmp_path, "settings", "set", "deadline_days", "15").code == 0
    assert run_cli(tmp_path, "settings", "set", "deadline_day_kind", "working").code == 0
    assert run_cli(tmp_path, "settings", "set", "opinion_code", "县司监意").code == 0
    shown = run_cli(tmp_path, "settings", "show", "--json")
    assert shown.code == 0, shown.stderr
    doc = shown.json()
    assert doc["organ_name"] == "某县司法局" and doc["deadline_days"] == 15
    assert doc["deadline_day_kind"] == "working" and doc["opinion_code"] == "县司监意"
    saved = Settings.load(tmp_path / "settings.json")
    assert saved.issuing_organ == "某县司法局" and saved.rectification_days == 15
    text = run_cli(tmp_path, "settings", "show").stdout
    assert "发文机关（organ_name）：某县司法局" in text


def test_bad_values_are_refused_in_chinese_and_change_nothing(tmp_path: Path) -> None:
    for key, value, message in [
        ("deadline_days", "400", "1 至 365 天"),
        ("deadline_days", "三十", "整数"),
        ("deadline_day_kind", "lunar", "期限计算方式"),
        ("opinion_code", "司监意【2026】", "不应含括号"),
        ("decision_code", "司监意", "应当不同"),
        ("organ_name", " ", "发文机关不能为空"),
        ("colour", "red", "没有名为“colour”的设置"),
    ]:
        refused = run_cli(tmp_path, "settings", "set", key, value)
        assert refused.code == 3, (key, refused.stderr)
        assert message in refused.stderr and "Traceback" not in refused.stderr
    assert Settings.load(tmp_path / "settings.json") == Settings()


def test_the_registry_accepts_what_the_settings_accept(tmp_path: Path) -> None:
    """One bracket set: a 代字 the settings refuse is refused by the number registry too."""
    from app.config import CODE_BRACKETS, code_problem
    from app.review.letter_numbers import _check_code, parse_number

    for bracket in CODE_BRACKETS:
        assert code_problem("代字", f"司{bracket}") is not None
    assert parse_number("司监意【2026】3号") == ("司监意", 2026, 3)
    assert _check_code("县司监意") == "县司监意"
