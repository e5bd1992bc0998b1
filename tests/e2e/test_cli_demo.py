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
    demo = tmp_path / "demo"
    assert result.json()["data_dir"] == str(demo), "the demo library has a folder of its own"
    assert run_cli(tmp_path, "cases", "--json").json() == [], "the real library stays empty"

    truths = sorted((demo / "demo-scans").glob("*.truth.json"))
    assert len(truths) == 2
    listed = run_cli(demo, "cases", "--json").json()
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
    assert len(run_cli(demo, "cases", "--json").json()) == 2, "same dossiers are duplicates"
    settings = json.loads((demo / "settings.json").read_text(encoding="utf-8"))
    assert settings["issuing_organ"] == "演示市司法局", "demo letters come from the demo organ"
    assert settings["letter_code_opinion"] == "演司监意", "and have their own number sequence"


def test_demo_here_makes_the_folder_a_demo_library_but_never_a_real_one(tmp_path: Path) -> None:
    built = run_cli(tmp_path / "trial", "demo", "--here", "--count", "1", "--json")
    assert built.code == 0, built.stderr
    assert built.json()["data_dir"] == str(tmp_path / "trial")
    assert (tmp_path / "trial" / "demo-library.txt").is_file()


def test_demo_count_out_of_range(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "demo", "--count", "0")
    assert result.code == 2 and "1 到 200" in result.stderr
