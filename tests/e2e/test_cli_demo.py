"""``demo`` then ``cases``: the demo library built and listed through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli


def test_demo_builds_scanned_dossiers_with_ground_truth(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "demo", "--count", "2", "--json")
    assert result.code == 0, result.stderr
    assert result.json()["cases"] == 2
    assert "正在生成" in result.stderr, "progress goes to stderr"

    truths = sorted((tmp_path / "demo-scans").glob("*.truth.json"))
    assert len(truths) == 2
    listed = run_cli(tmp_path, "cases", "--json").json()
    assert len(listed) == 2
    by_file = {row["file"]: row for row in listed}
    for truth_file in truths:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        row = by_file[Path(truth["file"]).name]
        assert row["department"] == truth["department"]
        assert row["kind"] == truth["kind"]
        assert row["pages"] == truth["pages"]

    again = run_cli(tmp_path, "demo", "--count", "2", "--json")
    assert again.code == 0
    assert len(run_cli(tmp_path, "cases", "--json").json()) == 2, "same dossiers are duplicates"


def test_demo_count_out_of_range(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "demo", "--count", "0")
    assert result.code == 2 and "1 到 200" in result.stderr
