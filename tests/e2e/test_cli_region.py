"""``review deduct --region``: an evidence region from the command line, listed back as JSON;
a bad region is one Chinese line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli_campaign import seed_library
from tests.support import run_cli


def test_deduct_with_a_region_and_list_it_back(tmp_path: Path) -> None:
    [case, *_] = seed_library(tmp_path)
    created = run_cli(
        tmp_path, "campaign", "create", "--name", "抽查", "--kind", "spotcheck",
        "--period", "2024Q2", "--json",
    )  # fmt: skip
    assert created.code == 0, created.stderr
    campaign = str(created.json()["id"])
    assert run_cli(tmp_path, "campaign", "add", campaign, str(case)).code == 0

    def deduct(*extra: str):  # type: ignore[no-untyped-def]
        return run_cli(
            tmp_path, "review", "deduct", campaign, str(case), "P-2.2",
            "--reason", "询问笔录未签名", "--reviewer", "王评查", *extra, "--json",
        )  # fmt: skip

    done = deduct("--page", "4", "--region", "0.6,0.25,0.1,0.123456")
    assert done.code == 0, done.stderr
    plain = deduct("--page", "6")
    assert plain.code == 0, plain.stderr

    listed = run_cli(tmp_path, "review", "list", campaign, str(case), "--json")
    assert listed.code == 0, listed.stderr
    rows = {d["id"]: d for d in listed.json()}
    assert rows[done.json()["deduction_id"]]["region"] == {
        "page": 4,
        "x0": 0.1,
        "y0": 0.1235,
        "x1": 0.6,
        "y1": 0.25,
    }
    assert rows[plain.json()["deduction_id"]]["region"] is None

    for extra, message in (
        (("--region", "0.1,0.1,0.3,0.3"), "--region 需要同时用 --page"),
        (("--page", "4", "--region", "0.1,0.1,0.3"), "应写成 X0,Y0,X1,Y1"),
        (("--page", "4", "--region", "0.1,0.1,1.3,0.3"), "超出页面范围"),
        (("--page", "4", "--region", "0.1,0.1,0.1,0.3"), "宽度或高度为零"),
        (("--page", "40", "--region", "0.1,0.1,0.2,0.3"), "页码 40 超出案卷范围"),
    ):
        bad = deduct(*extra)
        assert bad.code == 3, (extra, bad.stderr)
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], bad.stderr
        assert "Traceback" not in bad.stderr
    listed = run_cli(tmp_path, "review", "list", campaign, str(case), "--json").json()
    assert len(listed) == 2  # nothing stored by the refused calls
