"""The checklist commands, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import yaml

from app.paths import bundled_checklists_dir
from tests.support import run_cli


def test_checklist_list_shows_both_bundled_checklists(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "checklist", "list", "--json")
    assert result.code == 0, result.stderr
    rows = result.json()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"penalty", "coercion"}
    for row in rows:
        assert row["total_points"] == 100
        assert row["veto_items"] > 0
        assert row["items"] >= 20
        assert {
            "id",
            "name",
            "kind",
            "version",
            "total_points",
            "items",
            "veto_items",
        } <= row.keys()


def test_checklist_show_lists_categories_summing_to_100(tmp_path: Path) -> None:
    listed = run_cli(tmp_path, "checklist", "list", "--json").json()
    penalty = next(r for r in listed if r["kind"] == "penalty")
    shown = run_cli(tmp_path, "checklist", "show", penalty["id"], "--json")
    assert shown.code == 0, shown.stderr
    doc = shown.json()
    assert sum(c["points"] for c in doc["categories"]) == 100
    assert any(i["veto"] for c in doc["categories"] for i in c["items"])
    assert doc["grades"][0]["grade"] == "优秀"


def test_unknown_checklist_is_a_chinese_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "checklist", "show", "no-such-checklist")
    assert result.code == 5
    assert "没有找到评查标准" in result.stderr
    assert "Traceback" not in result.stderr


def _bundled_penalty() -> dict:
    path = next(p for p in sorted(bundled_checklists_dir().glob("*.yaml")) if "penalty" in p.name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_malformed_checklist_names_file_and_field_in_chinese(tmp_path: Path) -> None:
    data = _bundled_penalty()
    data["categories"][0]["items"][0]["points"] = "十"
    bad = tmp_path / "坏的标准.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli(tmp_path / "data", "checklist", "validate", str(bad))
    assert result.code != 0
    assert "坏的标准.yaml" in result.stderr
    assert "categories[0].items[0].points" in result.stderr
    assert "Traceback" not in result.stderr


def test_checklist_total_not_100_is_refused(tmp_path: Path) -> None:
    data = _bundled_penalty()
    item = data["categories"][0]["items"][0]
    item["points"] = float(item["points"]) + 1
    item["rule"] = {"mode": "all_or_nothing"}
    bad = tmp_path / "total.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = run_cli(tmp_path / "data", "checklist", "list", "--json").json()
    result = run_cli(tmp_path / "data", "checklist", "import", str(bad))
    assert result.code != 0
    assert "100" in result.stderr
    listed = run_cli(tmp_path / "data", "checklist", "list", "--json").json()
    assert listed == before, "a refused checklist must not be stored"


def test_yaml_import_adds_a_version(tmp_path: Path) -> None:
    data = _bundled_penalty()
    data["id"] = "my-bureau-penalty"
    data["version"] = "2026"
    data["name"] = "某市行政处罚案卷评查标准"
    good = tmp_path / "mine.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli(tmp_path / "data", "checklist", "import", str(good), "--json")
    assert result.code == 0, result.stderr
    listed = run_cli(tmp_path / "data", "checklist", "list", "--json").json()
    mine = [r for r in listed if r["id"] == "my-bureau-penalty"]
    assert mine and mine[0]["origin"] == "imported" and mine[0]["version"] == "2026"


def test_usage_errors_are_chinese(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "checklist", "show")
    assert result.code == 2
    assert "缺少必需的参数" in result.stderr
