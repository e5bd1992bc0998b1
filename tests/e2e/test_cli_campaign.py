"""The campaign and review commands of CLI.md, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.config import Paths, RunContext
from app.services import Services
from app.store import repositories
from tests.support import run_cli


def seed_library(data_dir: Path) -> list[int]:
    """Three dossiers of two departments, stored the way an import leaves them."""
    services = Services.open(RunContext(Paths(data_dir)))
    ids = []
    with services.db.session() as s:
        for n, dept in (
            (1, "某县市场监督管理局"),
            (2, "某县市场监督管理局"),
            (3, "某县生态环境局"),
        ):
            department = repositories.get_or_create_department(s, dept)
            ids.append(
                repositories.add_case_file(
                    s,
                    sha256=f"{n:064x}",
                    original_name=f"{n}.pdf",
                    stored_path=f"{n}.pdf",
                    source_kind="pdf",
                    page_count=10,
                    department_id=department.id,
                    kind="penalty",
                    case_no=f"某县罚〔2024〕{n}号",
                ).id
            )
    services.db.dispose()
    return ids


def test_campaign_and_review_flow(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    created = run_cli(
        tmp_path,
        "campaign",
        "create",
        "--name",
        "二季度抽查",
        "--kind",
        "spotcheck",
        "--period",
        "2024年第二季度",
        "--json",
    )
    assert created.code == 0, created.stderr
    campaign = str(created.json()["id"])

    sampled = run_cli(
        tmp_path, "campaign", "sample", campaign, "--per-department", "1", "--seed", "42", "--json"
    )
    assert sampled.code == 0, sampled.stderr
    drawn = sampled.json()["cases"]
    assert len(drawn) == 2 and {c["department"] for c in drawn} == {
        "某县市场监督管理局",
        "某县生态环境局",
    }
    spare = next(i for i in ids if i not in {c["case_id"] for c in drawn})
    added = run_cli(tmp_path, "campaign", "add", campaign, str(spare), "--json")
    assert added.code == 0, added.stderr
    assert added.json()["cases"][0]["case_id"] == spare
    shown = run_cli(tmp_path, "campaign", "show", campaign, "--json").json()
    assert shown["period"] == "2024Q2" and shown["seed"] == 42 and len(shown["cases"]) == 3
    assert {c["drawn_by"] for c in shown["cases"]} == {"random", "manual"}  # scripts' words
    listed = run_cli(tmp_path, "campaign", "show", campaign).stdout  # a person's: Chinese
    assert listed.count("随机抽取") == 2 and listed.count("人工添加") == 1
    assert "random" not in listed and "manual" not in listed
    assert [c["id"] for c in run_cli(tmp_path, "campaign", "list", "--json").json()] == [
        int(campaign)
    ]

    case = str(spare)
    # Nobody named: the deduction is refused rather than stored under a placeholder person.
    nameless = run_cli(tmp_path, "review", "deduct", campaign, case, "P-2.2", "--reason", "未签名")
    assert nameless.code == 3 and "请先填写您的姓名" in nameless.stderr
    assert run_cli(tmp_path, "settings", "set", "reviewer_name", "王评查").code == 0
    deducted = run_cli(
        tmp_path,
        "review",
        "deduct",
        campaign,
        case,
        "P-2.2",
        "--count",
        "2",
        "--reason",
        "询问笔录未签名",
        "--basis",
        "《行政处罚法》第五十五条",
        "--page",
        "4",
        "--json",
    )
    assert deducted.code == 0, deducted.stderr
    assert isinstance(deducted.json()["deduction_id"], int)
    veto = run_cli(
        tmp_path, "review", "deduct", campaign, case, "P-1.1", "--reason", "超越职权", "--json"
    )
    assert veto.code == 0, veto.stderr

    score = run_cli(tmp_path, "review", "score", campaign, case, "--json")
    assert score.code == 0, score.stderr
    doc = score.json()
    assert doc["total"] == 95.0 and doc["vetoed"] is True and doc["grade"] == "不合格"
    assert {"name", "points", "lost"} <= doc["categories"][0].keys()
    assert sum(c["lost"] for c in doc["categories"]) == 5.0

    listed = run_cli(tmp_path, "review", "list", campaign, case, "--json").json()
    assert [(d["item_id"], d["points"], d["page"]) for d in listed] == [
        ("P-2.2", 2.0, 4),
        ("P-1.1", 3.0, None),
    ]

    accepted = run_cli(tmp_path, "review", "accept", campaign, case, "--json")
    assert accepted.code == 0, accepted.stderr
    assert isinstance(accepted.json()["accepted"], int)

    signed = run_cli(tmp_path, "review", "signoff", campaign, case, "--lead", "组长甲", "--json")
    assert signed.code == 0, signed.stderr
    assert signed.json()["signed_off"] is True
    assert (
        run_cli(tmp_path, "review", "score", campaign, case, "--json").json()["signed_off"] is True
    )

    found = run_cli(tmp_path, "review", "findings", campaign, "--json").json()
    assert found["某县市场监督管理局"][0]["item"] == "P-1.1"

    bad = run_cli(tmp_path, "review", "deduct", campaign, case, "Z-9", "--reason", "x")
    assert bad.code == 3 and "没有编号为 Z-9 的评查项目" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = run_cli(tmp_path, "campaign", "show", "77")
    assert missing.code == 5 and "没有编号为 77 的评查活动" in missing.stderr


def test_double_review_diff_and_reconcile(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    campaign = str(
        run_cli(
            tmp_path,
            "campaign",
            "create",
            "--name",
            "复核",
            "--kind",
            "selfreview",
            "--period",
            "2024Q3",
            "--double-review",
            "--reviewer",
            "王五",
            "--reviewer",
            "赵六",
            "--json",
        ).json()["id"]
    )
    case = str(ids[0])
    assert run_cli(tmp_path, "campaign", "add", campaign, case).code == 0
    for who, count in (("王五", "1"), ("赵六", "2")):
        r = run_cli(
            tmp_path,
            "review",
            "deduct",
            campaign,
            case,
            "P-2.2",
            "--count",
            count,
            "--reason",
            "笔录未签名",
            "--reviewer",
            who,
        )
        assert r.code == 0, r.stderr
    diff = run_cli(tmp_path, "review", "diff", campaign, case, "--json").json()
    assert diff["disagreements"] == 1 and diff["items"][0]["item_id"] == "P-2.2"
    nameless = run_cli(tmp_path, "review", "signoff", campaign, case)
    assert nameless.code == 3 and "请先填写您的姓名" in nameless.stderr  # no placeholder lead
    early = run_cli(tmp_path, "review", "signoff", campaign, case, "--lead", "孙组长")
    assert early.code == 3 and "尚未由组长合并" in early.stderr
    merged = run_cli(
        tmp_path, "review", "reconcile", campaign, case, "--lead", "孙组长", "--take", "P-2.2=赵六"
    )
    assert merged.code == 0, merged.stderr
    assert run_cli(tmp_path, "review", "signoff", campaign, case, "--lead", "孙组长").code == 0
    assert run_cli(tmp_path, "review", "score", campaign, case, "--json").json()["total"] == 98.0


def test_import_catalogue_command(tmp_path: Path) -> None:
    seed_library(tmp_path)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append(["序号", "案号", "案件名称", "执法单位"])
    ws.append([1, "某县罚[2024]1号", "无照经营", "某县市场监督管理局"])
    ws.append([2, "某县罚[2024]9号", "超限运输", "某县交通运输局"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    campaign = str(
        run_cli(
            tmp_path,
            "campaign",
            "create",
            "--name",
            "A",
            "--kind",
            "spotcheck",
            "--period",
            "2024Q2",
            "--json",
        ).json()["id"]
    )
    result = run_cli(tmp_path, "campaign", "import-catalogue", campaign, str(path), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["rows"] == 2 and result.json()["linked"] == 1
    wrong = run_cli(
        tmp_path, "campaign", "import-catalogue", campaign, str(path), "--sheet", "Sheet9"
    )
    assert wrong.code == 3 and "没有名为“Sheet9”的工作表" in wrong.stderr
    unnamed = tmp_path / "无案号.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["登记号", "案件名称", "当事人", "执法单位"])
    book.active.append(["某县罚[2024]1号", "某案", "张三", "某县市场监督管理局"])
    book.save(unnamed)
    no_case_no = run_cli(tmp_path, "campaign", "import-catalogue", campaign, str(unnamed))
    assert no_case_no.code == 3 and "没有“案号”列" in no_case_no.stderr
    assert "--column 案号=" in no_case_no.stderr  # the CLI says how to name the column
    sampled = run_cli(
        tmp_path, "campaign", "sample", campaign, "--per-department", "5", "--seed", "1", "--json"
    )
    assert {c["case_no"] for c in sampled.json()["cases"]} == {"某县罚[2024]1号", "某县罚[2024]9号"}
