"""The default measure of a 监督决定书 problem (resources/decision_measures.yaml): the statute's
measure where it names one for the defect, else the category's, always changeable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.decision_text import measure_table, with_measures
from app.errors import UserError


def test_the_statute_s_measure_wins_for_the_items_it_names() -> None:
    table = measure_table()
    # 行政处罚法第七十六条第四、五项: an unlawful 委托, officers without a 执法证件 → 责令改正
    for item in ("P-1.2", "P-1.3", "C-1.2"):
        assert table.measures[table.default_for("执法主体", item)].label == "责令改正"
    # 超越职权: the category's 撤销 (行政复议法第六十四条)
    assert table.measures[table.default_for("执法主体", "P-1.1")].label == "撤销"
    assert table.measures[table.default_for("执法程序", "P-4.6")].label == "确认违法"
    assert table.default_for("", None) == table.fallback


def test_a_problem_gets_its_item_s_default_unless_the_reviewer_chose_another() -> None:
    problems = [
        {"seq": 1, "category": "执法主体", "item": "P-1.3"},
        {"seq": 2, "category": "执法主体", "item": "P-1.1"},
    ]
    defaulted = with_measures(problems, None)
    assert [p["measure_label"] for p in defaulted] == ["责令改正", "撤销"]
    chosen = with_measures(problems, {1: "撤销"})
    assert [p["measure_label"] for p in chosen] == ["撤销", "撤销"]


def test_an_item_rule_naming_an_unknown_measure_is_refused(tmp_path: Path) -> None:
    (tmp_path / "decision_measures.yaml").write_text(
        "measures:\n  perform: {label: 责令限期履行, text: 责令履行}\n"
        "defaults:\n  - {item: P-1.3, measure: correct}\nfallback: perform\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="默认措施“correct”未在 measures 中定义"):
        measure_table(tmp_path)
