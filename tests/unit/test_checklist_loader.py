"""Checklist files: the bundled ones are sound, and every kind of mistake in a file is
reported in Chinese with the file, the field path and what is wrong."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.checklist import SCHEMA_FILE, Checklist, json_schema_text
from scoring.checklist_loader import (
    ChecklistError,
    dump_checklist,
    load_checklist,
    load_checklists,
    scan_checklists,
)

BUNDLED = Path(__file__).resolve().parents[2] / "scoring" / "checklists"

# Ids later pre-checks map to; renaming one breaks them, so the test pins them.
PENALTY_PRECHECK_IDS = {
    "P-4.2": "立案",
    "P-4.11": "90日",
    "P-4.7": "陈述申辩",
    "P-4.12": "7个工作日",
    "P-5.4": "文号",
    "P-5.3": "行政复议",
    "P-1.3": "两人",
    "P-4.5": "法制审核",
    "P-4.6": "集体讨论",
    "P-3.3": "幅度",
    "P-6.2": "页码",
    "P-6.3": "顺序",
}
COERCION_PRECHECK_IDS = {
    "C-4.4": "30日",
    "C-4.6": "解除决定",
    "C-2.3": "现场笔录",
    "C-5.2": "行政复议",
    "C-5.3": "清单",
    "C-4.7": "催告",
    "C-4.10": "夜间",
}


def minimal() -> dict[str, Any]:
    """A small valid checklist as parsed YAML; each test breaks one thing."""
    return {
        "id": "test-list",
        "name": "测试标准",
        "province": "湖北",
        "kind": "penalty",
        "version": "1",
        "effective_date": "2024-01-01",
        "source": "测试",
        "grades": [{"grade": "合格", "min": 60}, {"grade": "不合格", "min": 0}],
        "categories": [
            {
                "name": "执法主体",
                "points": 40,
                "items": [
                    {
                        "id": "A-1",
                        "text": "主体合法",
                        "points": 40,
                        "rule": {"mode": "all_or_nothing"},
                        "veto": True,
                        "source": "测试",
                    }
                ],
            },
            {
                "name": "文书制作",
                "points": 60,
                "items": [
                    {
                        "id": "B-1",
                        "text": "文书规范",
                        "points": 30,
                        "rule": {"mode": "per_occurrence", "amount": 0.5},
                        "source": "测试",
                    },
                    {
                        "id": "B-2",
                        "text": "页码连续",
                        "points": 30,
                        "rule": {"mode": "per_occurrence", "amount": 2},
                        "source": "测试",
                    },
                ],
            },
        ],
    }


def write(tmp_path: Path, data: Any, name: str = "list.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_for(tmp_path: Path, data: Any) -> ChecklistError:
    path = write(tmp_path, data)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    assert str(path) in str(caught.value)
    return caught.value


# ------------------------------------------------------------------ bundled checklists
@pytest.mark.parametrize(
    ("file", "kind", "ids"),
    [
        ("penalty-assembled.yaml", "penalty", PENALTY_PRECHECK_IDS),
        ("coercion-assembled.yaml", "coercion", COERCION_PRECHECK_IDS),
    ],
)
def test_bundled_checklist_is_sound(file: str, kind: str, ids: dict[str, str]) -> None:
    checklist = load_checklist(BUNDLED / file)
    assert checklist.kind == kind
    assert checklist.total_points == 100
    assert 30 <= checklist.item_count <= 50
    assert 6 <= len(checklist.categories) <= 7
    assert len(checklist.veto_items) >= 5
    assert all(item.source for item in checklist.iter_items())
    assert [b.grade for b in checklist.grades] == ["优秀", "良好", "合格", "不合格"]
    for item_id, word in ids.items():
        assert word in checklist.item(item_id).text, item_id


def test_bundled_folder_loads_both_kinds() -> None:
    kinds = sorted(c.kind for c in load_checklists([BUNDLED]))
    assert kinds == ["coercion", "penalty"]


def test_schema_json_matches_the_model() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "schema.json is stale: run `python -m scoring.checklist`"
    )
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["title"] == "Checklist"


def test_dump_then_load_round_trips(tmp_path: Path) -> None:
    original = load_checklist(BUNDLED / "penalty-assembled.yaml")
    path = dump_checklist(original, tmp_path / "sub" / "copy.yaml")
    text = path.read_text(encoding="utf-8")
    assert "行政处罚案卷评查标准" in text  # allow_unicode: readable Chinese, not \u escapes
    assert "points: 3.0" not in text
    assert load_checklist(path) == original


# ------------------------------------------------------------------ one error of each kind
def test_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="文件不存在") as caught:
        load_checklist(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(caught.value)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nname: [unclosed\nkind: penalty\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    message = str(caught.value)
    assert "YAML 语法错误" in message and "第 3 行" in message and "bad.yaml" in message


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    error = error_for(tmp_path, ["a", "b"])
    assert "映射" in str(error)


def test_missing_field(tmp_path: Path) -> None:
    data = minimal()
    del data["categories"][1]["items"][0]["text"]
    error = error_for(tmp_path, data)
    assert "categories[1].items[0].text：缺少必填字段项目内容（text）" in str(error)


def test_points_not_a_number(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][1]["points"] = "三十分"
    error = error_for(tmp_path, data)
    assert "categories[1].items[1].points：分值（points）应为数字" in str(error)
    assert "三十分" in str(error)


def test_wrong_type(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][0]["items"][0]["veto"] = "也许"
    data["grades"] = "优秀"
    message = str(error_for(tmp_path, data))
    assert "categories[0].items[0].veto：否决项（veto）应为 true 或 false" in message
    assert "grades：等次分档（grades）应为列表" in message


def test_negative_points_out_of_range(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][0]["points"] = -1
    assert "categories[1].items[0].points：分值（points）不能小于 0" in str(
        error_for(tmp_path, data)
    )


def test_points_not_half_steps(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][0]["points"] = 29.3
    assert "应为 0.5 的整数倍" in str(error_for(tmp_path, data))


def test_unknown_kind(tmp_path: Path) -> None:
    data = minimal()
    data["kind"] = "licence"
    assert "kind：未知的案卷类型 “licence”" in str(error_for(tmp_path, data))


def test_unknown_rule_mode(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][0]["rule"] = {"mode": "每处"}
    message = str(error_for(tmp_path, data))
    assert "categories[1].items[0].rule：未知的扣分方式 “每处”" in message


def test_misspelt_field(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][0]["items"][0]["vetoo"] = True
    assert "categories[0].items[0].vetoo：未知字段“vetoo”" in str(error_for(tmp_path, data))


def test_bad_date(tmp_path: Path) -> None:
    data = minimal()
    data["effective_date"] = "2024年1月1日"
    assert "effective_date：施行日期（effective_date）应为 YYYY-MM-DD" in str(
        error_for(tmp_path, data)
    )


def test_total_not_100_gives_actual_total(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["points"] = 50
    data["categories"][1]["items"][1]["points"] = 20
    message = str(error_for(tmp_path, data))
    assert "categories：各类别分值合计为 90 分，应为 100 分" in message


def test_category_points_not_sum_of_items(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][1]["points"] = 25
    message = str(error_for(tmp_path, data))
    assert "categories[1].points：类别分值为 60 分，但其下各项分值之和为 55 分" in message


def test_duplicate_item_id(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][1]["id"] = "A-1"
    message = str(error_for(tmp_path, data))
    assert "categories[1].items[1].id：项目编号 A-1 重复（已用于 categories[0].items[0].id）" in (
        message
    )


def test_amount_above_points(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"][0]["rule"]["amount"] = 31
    message = str(error_for(tmp_path, data))
    assert "categories[1].items[0].rule.amount：每处扣分 31 分大于该项分值 30 分" in message


def test_zero_points_only_for_veto(tmp_path: Path) -> None:
    data = minimal()
    data["categories"][1]["items"].append(
        {"id": "B-3", "text": "x", "points": 0, "rule": {"mode": "all_or_nothing"}, "source": "s"}
    )
    assert "categories[1].items[2].points：分值为0的项目只能是否决项" in str(
        error_for(tmp_path, data)
    )


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        (
            [{"grade": "优秀", "min": 60}, {"grade": "合格", "min": 60}, {"grade": "差", "min": 0}],
            "grades[1].min",
        ),
        (
            [{"grade": "优秀", "min": 90}, {"grade": "合格", "min": 60}],
            "grades[1].min：最后一个等次的最低分应为 0",
        ),
    ],
)
def test_grade_bands(tmp_path: Path, grades: list[dict[str, Any]], expected: str) -> None:
    data = minimal()
    data["grades"] = grades
    assert expected in str(error_for(tmp_path, data))


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    data = minimal()
    del data["name"]
    data["kind"] = "x"
    error = error_for(tmp_path, data)
    assert len(error.problems) == 2
    assert "有 2 处错误" in str(error)


def test_numeric_version_is_text(tmp_path: Path) -> None:
    data = minimal()
    data["version"] = 2023
    assert load_checklist(write(tmp_path, data)).version == "2023"


# ------------------------------------------------------------------ folders
def test_scan_keeps_good_files_and_reports_bad_and_duplicates(tmp_path: Path) -> None:
    write(tmp_path, minimal(), "a.yaml")
    write(tmp_path, minimal(), "b.yml")
    broken = copy.deepcopy(minimal())
    broken["kind"] = "x"
    write(tmp_path, broken, "c.yaml")
    (tmp_path / "notes.txt").write_text("不是评查标准", encoding="utf-8")
    good, errors = scan_checklists([tmp_path, tmp_path / "missing-folder"])
    assert [c.id for c in good] == ["test-list"]
    assert len(errors) == 2
    assert "b.yml" in str(errors[0]) and "重复" in str(errors[0])
    assert "c.yaml" in str(errors[1])
    with pytest.raises(ChecklistError):
        load_checklists([tmp_path])


def test_lookup_helpers() -> None:
    checklist = Checklist.model_validate(minimal())
    assert checklist.item("B-2").points == 30
    assert not checklist.has_item("Z-9")
    assert [i.id for i in checklist.veto_items] == ["A-1"]
    assert checklist.grade_for(60) == "合格" and checklist.grade_for(59.5) == "不合格"


def test_bad_checklist_id(tmp_path: Path) -> None:
    data = minimal()
    data["id"] = "Hubei Penalty"
    assert "id：标准编号 “Hubei Penalty” 格式不对，只能由小写字母" in str(error_for(tmp_path, data))


def test_a_missing_licence_copy_is_not_a_veto() -> None:
    """P-1.5 (veto: the party wrongly identified) must not overlap P-2.5 (identity papers
    collected): a missing 营业执照 copy costs P-2.5's points, it never fails the file."""
    checklist = load_checklist(BUNDLED / "penalty-assembled.yaml")
    veto, papers = checklist.item("P-1.5"), checklist.item("P-2.5")
    assert veto.veto and not papers.veto
    for word in ("营业执照", "身份证明", "齐全"):
        assert word not in veto.text, word
    assert "营业执照" in papers.text
