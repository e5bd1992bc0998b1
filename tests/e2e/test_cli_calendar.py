"""``calendar import`` / ``calendar show`` and a letter whose deadline falls in a year not yet
imported (issue 14: next year's holidays)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.workdays import WorkingDayCalendar
from tests.review_support import ReviewedLibrary
from tests.support import ROOT, run_cli

NOTICES = Path(__file__).parents[1] / "fixtures" / "holiday_notices"
MARKET = "某市市场监督管理局"
NEXT_YEAR = max(WorkingDayCalendar().known_years) + 1


def test_import_a_notice_file_and_show_the_year(tmp_path: Path) -> None:
    imported = run_cli(tmp_path, "--json", "calendar", "import", str(NOTICES / "2026.txt"))
    assert imported.code == 0, imported.stderr
    doc = imported.json()
    assert doc["year"] == 2026 and doc["recheck"] == []
    assert {"name": "春节", "from": "2026-02-15", "to": "2026-02-23"} in doc["holidays"]
    assert (tmp_path / "calendar" / "2026.yaml").is_file()

    shown = run_cli(tmp_path, "calendar", "show", "2026", "--json").json()
    assert shown["source"] == "imported" and "2026-10-10" in shown["workdays"]
    text = run_cli(tmp_path, "calendar", "show", "2026").stdout
    assert "来源：已导入" in text and "2月15日（周日）至2月23日（周一） 春节" in text


def test_unknown_year_is_shown_as_provisional(tmp_path: Path) -> None:
    shown = run_cli(tmp_path, "calendar", "show", str(NEXT_YEAR))
    assert shown.code == 0, shown.stderr
    assert "来源：暂定" in shown.stdout and "不含调休" in shown.stdout


def test_notice_from_stdin_refused_with_the_line(tmp_path: Path) -> None:
    bad = (NOTICES / "2026.txt").read_text("utf-8").replace("共9天", "共8天")
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path), "calendar", "import", "-"],
        input=bad,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 3
    assert "第9行无法识别" in proc.stderr and "二、春节" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list((tmp_path / "calendar").glob("*.yaml"))


def cli(reviewed: ReviewedLibrary, *args: str):  # type: ignore[no-untyped-def]
    reviewed.db.dispose()
    return run_cli(reviewed.paths.data_dir, "--json", *args)


def test_letter_deadline_in_an_unknown_year_is_provisional_then_rechecked(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    if NEXT_YEAR != 2027:
        pytest.skip("the invented notice is for 2027")
    opinion = cli(
        reviewed, "--today", "2026-12-20", "letter", "opinion", str(reviewed.spotcheck),
        "--department", MARKET, "--out", str(tmp_path / "意见书.docx"),
    )  # fmt: skip
    assert opinion.code == 0, opinion.stderr
    data = opinion.json()
    assert data["deadline_provisional"] is True and data["deadline"] == "2027-01-19"

    imported = cli(reviewed, "calendar", "import", str(NOTICES / "2027_invented.txt"))
    assert imported.code == 0, imported.stderr
    [recheck] = imported.json()["recheck"]
    assert recheck["number"] == data["number"] and recheck["recomputed"] == "2027-01-19"
    assert recheck["changed"] is False
