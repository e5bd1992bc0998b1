"""The letter and rectification flow from the command line, with ``--today`` moved past a
deadline: opinion → overdue in ``rectify list`` → decision; replies and extensions."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.review_support import ReviewedLibrary
from tests.support import run_cli

MARKET = "某市市场监督管理局"


def cli(reviewed: ReviewedLibrary, *args: str):  # type: ignore[no-untyped-def]
    reviewed.db.dispose()
    return run_cli(reviewed.paths.data_dir, "--json", *args)


def test_opinion_goes_overdue_and_a_decision_follows(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    opinion = cli(
        reviewed, "--today", "2026-09-01", "letter", "opinion", str(reviewed.spotcheck),
        "--department", MARKET, "--out", str(tmp_path / "意见书.docx"),
    )  # fmt: skip
    assert opinion.code == 0, opinion.stderr
    data = opinion.json()
    assert data["number"] == "司监意〔2026〕1号" and data["deadline"] == "2026-10-08"
    assert Path(data["file"]).is_file()

    on_time = cli(reviewed, "--today", "2026-10-08", "rectify", "list").json()
    assert [(r["number"], r["status"]) for r in on_time] == [("司监意〔2026〕1号", "issued")]
    late = cli(reviewed, "--today", "2026-10-09", "rectify", "list").json()
    assert late[0]["status"] == "overdue" and late[0]["days_overdue"] == 1
    assert late[0]["department"] == MARKET and late[0]["deadline"] == "2026-10-08"

    early = cli(
        reviewed, "--today", "2026-10-08", "letter", "decision", "司监意〔2026〕1号",
        "--out", str(tmp_path / "决定书.docx"),
    )  # fmt: skip
    assert (
        early.code != 0 and "尚未届满" in early.stderr and not (tmp_path / "决定书.docx").exists()
    )
    decision = cli(
        reviewed, "--today", "2026-10-09", "letter", "decision", "司监意〔2026〕1号",
        "--out", str(tmp_path / "决定书.docx"),
    )  # fmt: skip
    assert decision.code == 0, decision.stderr
    assert decision.json()["number"] == "司监决〔2026〕1号"
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "决定书.docx")).paragraphs)
    assert "司监意〔2026〕1号" in text and MARKET in text
    after = cli(reviewed, "--today", "2026-10-10", "rectify", "list").json()
    assert after[0]["status"] == "decided"


def test_reply_extension_and_verification_from_the_cli(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    assert cli(
        reviewed, "--today", "2026-09-01", "letter", "opinion", str(reviewed.spotcheck),
        "--department", MARKET, "--out", str(tmp_path / "o.docx"),
    ).code == 0  # fmt: skip
    extended = cli(
        reviewed, "--today", "2026-09-30", "rectify", "extend", "司监意〔2026〕1号",
        "--to", "2026-10-30", "--reason", "涉及多部门协调",
    )  # fmt: skip
    assert extended.code == 0, extended.stderr
    assert extended.json()["deadline"] == "2026-10-30"
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4")
    replied = cli(
        reviewed, "--today", "2026-10-20", "rectify", "reply", "司监意〔2026〕1号",
        "--file", str(report), "--outcome", "2=partly",
    )  # fmt: skip
    assert replied.json()["status"] == "replied"
    refused = cli(reviewed, "--today", "2026-10-21", "rectify", "verify", "司监意〔2026〕1号")
    assert refused.code != 0 and "未完全整改" in refused.stderr
    assert "Traceback" not in refused.stderr
    nameless = cli(
        reviewed, "--today", "2026-10-21", "rectify", "verify", "司监意〔2026〕1号", "--return"
    )
    assert nameless.code == 3 and "请先填写您的姓名" in nameless.stderr  # reviewed_by is a person
    assert cli(reviewed, "settings", "set", "reviewer_name", "王评查").code == 0
    back = cli(
        reviewed, "--today", "2026-10-21", "rectify", "verify", "司监意〔2026〕1号", "--return",
        "--note", "第2项须补充材料",
    )  # fmt: skip
    assert back.json()["status"] == "issued"
    cli(reviewed, "--today", "2026-10-28", "rectify", "reply", "司监意〔2026〕1号")
    done = cli(reviewed, "--today", "2026-10-29", "rectify", "verify", "司监意〔2026〕1号")
    assert done.json()["status"] == "verified"
    show = cli(reviewed, "--today", "2026-12-01", "rectify", "show", "司监意〔2026〕1号").json()
    assert show["status"] == "verified" and len(show["replies"]) == 2
    assert show["extensions"][0]["reason"] == "涉及多部门协调"


def test_registry_can_be_read_and_moved_forward(reviewed: ReviewedLibrary) -> None:
    moved = cli(
        reviewed, "--today", "2026-09-01", "letter", "set-next", "--kind", "opinion",
        "--year", "2026", "--next", "7",
    )  # fmt: skip
    assert moved.code == 0, moved.stderr
    assert moved.json()["next_text"] == "司监意〔2026〕7号"
    numbers = cli(reviewed, "--today", "2026-09-01", "letter", "numbers").json()
    assert numbers["next"]["opinion"] == "司监意〔2026〕7号"
    bad = cli(reviewed, "letter", "decision", "2026-1", "--out", "x.docx")
    assert bad.code != 0 and "不是有效的发文字号" in bad.stderr


def test_no_number_before_the_settings_then_one_measure_per_problem(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    from app.config import Settings

    Settings().save(reviewed.paths.settings_file)  # an office that has not said who it is
    out = tmp_path / "意见书.docx"
    opinion = (
        "--today", "2026-09-01", "letter", "opinion", str(reviewed.spotcheck),
        "--department", MARKET, "--out", str(out),
    )  # fmt: skip
    refused = cli(reviewed, *opinion)
    assert refused.code == 3 and not out.exists()
    assert "anjuan settings set" in refused.stderr and "organ_name" in refused.stderr
    assert "Traceback" not in refused.stderr  # the basis may stay unset: 有关规定 is cited
    assert cli(reviewed, "letter", "numbers").json()["sequences"] == []
    for key, value in (
        ("organ_name", "某县司法局"),
        ("legal_basis", "《某省行政执法监督办法》第二十条"),
    ):
        assert cli(reviewed, "settings", "set", key, value).code == 0
    assert cli(reviewed, *opinion).code == 0

    decision = (
        "--today", "2026-10-09", "letter", "decision", "司监意〔2026〕1号",
        "--out", str(tmp_path / "决定书.docx"),
    )  # fmt: skip
    bad = cli(reviewed, *decision, "--measure", "1-撤销")
    assert bad.code == 3 and "应写成“问题序号=措施”" in bad.stderr
    done = cli(
        reviewed,
        *decision,
        "--measure",
        "1=撤销",
        "--measure",
        "2=确认违法",
        "--measure",
        "3=确认违法",
    )
    assert done.code == 0, done.stderr
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "决定书.docx")).paragraphs)
    assert "（一）对上述第1项问题，责令你单位依法撤销该行政行为" in text
    assert "（二）对上述第2、3项问题，确认该行政执法行为违法" in text

    before = cli(reviewed, "--today", "2026-10-08", "letter", "list").json()
    assert [r["number"] for r in before] == ["司监意〔2026〕1号"]
    after = cli(reviewed, "--today", "2026-10-09", "letter", "list").json()
    assert [r["number"] for r in after] == ["司监意〔2026〕1号", "司监决〔2026〕1号"]


def test_a_circular_takes_its_number_from_the_registry(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    out = tmp_path / "通报.docx"
    early = cli(
        reviewed, "report", "circular", str(reviewed.spotcheck), "--out", str(out),
        "--date", "2026-06-15",
    )  # fmt: skip
    assert early.code != 0 and not out.exists()
    assert (
        "评查情况通报的成文日期（2026年6月15日）早于评查期间“2026年第二季度”的最后一天"
        in early.stderr
    )
    draft = cli(reviewed, "report", "circular", str(reviewed.spotcheck), "--out", str(out),
                "--draft")  # fmt: skip
    assert draft.code == 0 and draft.json()["number"] is None
    issued = cli(
        reviewed, "--today", "2026-07-10", "report", "circular", str(reviewed.spotcheck),
        "--out", str(out),
    )  # fmt: skip
    assert issued.code == 0, issued.stderr
    assert issued.json()["number"] == "司监通〔2026〕1号"
    again = cli(
        reviewed, "--today", "2026-07-11", "report", "circular", str(reviewed.spotcheck),
        "--out", str(tmp_path / "再.docx"),
    )  # fmt: skip
    assert again.code != 0 and "report circular --number 司监通〔2026〕1号" in again.stderr
    listed = cli(reviewed, "--today", "2026-07-10", "letter", "list")
    assert [(r["number"], r["kind"]) for r in listed.json()] == [("司监通〔2026〕1号", "bulletin")]
    assert cli(reviewed, "--today", "2026-07-09", "letter", "list").json() == []
    numbers = cli(reviewed, "--today", "2026-07-10", "letter", "numbers").json()
    assert numbers["next"]["bulletin"] == "司监通〔2026〕2号"
    human = run_cli(reviewed.paths.data_dir, "--today", "2026-07-10", "letter", "list")
    assert "司监通〔2026〕1号\t评查情况通报\t—\t印发 2026-07-10" in human.stdout
    same = cli(reviewed, "settings", "set", "bulletin_code", "司监意")
    assert same.code != 0 and "意见书和通报的机关代字应当不同" in same.stderr
