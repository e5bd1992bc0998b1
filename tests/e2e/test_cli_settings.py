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
        ("organ_name", " ", "发文机关（organ_name）：未填写"),
        ("legal_basis", "《行政执法监督条例》第×条", "含有占位符"),
        ("deadline_from", "receipt", "整改期限起算日应为 issue（印发之日）、service（送达之日）"),
        ("opinion_scope", "some", "意见书问题范围"),
        ("decision_issuer", "government", "请填写决定书出具机关"),
        ("decision_grace_days", "-1", "0 至 365 天"),
        ("decision_needs_reminder", "maybe", "应为“是”或“否”"),
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


def test_the_letter_settings_of_issue_15_are_set_and_shown(tmp_path: Path) -> None:
    for key, value in [
        ("deadline_from", "service"),
        ("opinion_scope", "all"),
        ("decision_organ", "某县人民政府"),
        ("decision_issuer", "government"),
        ("decision_grace_days", "5"),
        ("decision_needs_reminder", "是"),
        ("legal_basis", "《某省行政执法监督办法》第二十条"),
    ]:
        done = run_cli(tmp_path, "settings", "set", key, value)
        assert done.code == 0, (key, done.stderr)
    saved = Settings.load(tmp_path / "settings.json")
    assert (saved.deadline_from, saved.opinion_scope, saved.decision_issuer) == (
        "service",
        "all",
        "government",
    )
    assert saved.decision_grace_days == 5 and saved.decision_needs_reminder is True
    text = run_cli(tmp_path, "settings", "show").stdout
    assert "整改期限起算日（deadline_from）：送达之日（service）" in text
    assert "意见书问题范围（opinion_scope）：全部扣分项（all）" in text
    assert "出具决定书前须催办（decision_needs_reminder）：是" in text


def test_a_version_1_file_with_the_shipped_placeholders_reads_as_unset(tmp_path: Path) -> None:
    """Version 1 saved its placeholders; they are not the bureau's choice, so letters ask."""
    import json

    (tmp_path / "settings.json").write_text(
        json.dumps(
            {
                "version": 1,
                "issuing_organ": "某市司法局",
                "legal_basis_opinion": "《行政执法监督条例》",
                "legal_basis_decision": "《行政执法监督条例》",
                "reviewer_name": "王评查",
            }
        ),
        encoding="utf-8",
    )
    loaded = Settings.load(tmp_path / "settings.json")
    assert loaded.reviewer_name == "王评查" and loaded.issuing_organ == ""
    assert [g.split("（")[0] for g in loaded.letter_gaps()] == ["发文机关"]
    assert loaded.legal_basis("decision") == "《行政执法监督条例》"  # the default, cited 有关规定
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "settings.json").write_text(
        json.dumps({"version": 1, "issuing_organ": "某市司法局", "legal_basis_opinion": "x"}),
        encoding="utf-8",
    )
    assert Settings.load(chosen / "settings.json").issuing_organ == "某市司法局"
