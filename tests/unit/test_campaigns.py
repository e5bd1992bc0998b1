"""Campaigns: life cycle, catalogue (案件台账) import, seeded sampling, manual choice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.config import Paths
from app.errors import NotFoundError, UserError
from app.review.campaigns import CampaignService, normalise_period
from app.review.catalogue import CatalogueSheet, normalise_case_no, read_catalogue
from app.review.checklists import ChecklistService
from app.store import audit, repositories
from app.store.database import Database
from app.store.migrations import ensure_ready


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = ensure_ready(f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", None)
    ChecklistService(database, Paths(tmp_path / "data")).sync_bundled()
    yield database
    database.dispose()


def add_case(
    db: Database,
    n: int,
    department: str,
    case_no: str,
    kind: str = "penalty",
    *,
    demo: bool = False,
) -> int:
    with db.session() as s:
        dept = repositories.get_or_create_department(s, department)
        case = repositories.add_case_file(
            s,
            sha256=f"{n:064x}",
            original_name=f"{n}.pdf",
            stored_path=f"{n}.pdf",
            source_kind="pdf",
            page_count=20,
            department_id=dept.id,
            kind=kind,
            case_no=case_no,
            demo=demo,
        )
        return case.id


DEPARTMENTS = ["某县市场监督管理局", "某县生态环境局", "某县交通运输局"]


def write_catalogue(
    path: Path, rows: int = 6, *, header_offset: int = 2, case_no_header="案号"
) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "本表为2024年第二季度行政处罚案件台账"
    ws = book.create_sheet("台账")
    for _ in range(header_offset):
        ws.append(["某县行政处罚案件台账"])
    ws.append(
        [
            "序号",
            case_no_header,
            "案件名称",
            "当事人",
            "执法单位",
            "立案日期",
            "处罚种类/金额",
            "承办人",
        ]
    )
    n = 0
    for dept_index, dept in enumerate(DEPARTMENTS):
        for i in range(rows):
            n += 1
            ws.append(
                [
                    n,
                    f"某县{dept_index}罚〔2024〕{i + 1}号",
                    f"案件{n}",
                    f"当事人{n}",
                    dept,
                    "2024-04-01",
                    "罚款 5000元",
                    "张三、李四",
                ]
            )
    book.save(path)
    return path


def test_period_is_normalised() -> None:
    for text in ("2024Q2", "2024q2", "2024-Q2", "2024年第二季度", "2024年第2季度", "2024年二季度"):
        assert normalise_period(text) == "2024Q2"
    assert normalise_period("2024年上半年") == "2024H1"
    assert normalise_period("2024年5月") == "2024-05"
    with pytest.raises(UserError, match="评查期间"):
        normalise_period("去年")


def test_case_numbers_match_across_bracket_styles() -> None:
    a = normalise_case_no("某市监罚〔2024〕12号")
    assert (
        a == normalise_case_no("某市监罚[2024]12号") == normalise_case_no("某市监罚 (2024) 12 号")
    )
    assert a == normalise_case_no("某市监罚（２０２４）１２号")
    assert a != normalise_case_no("某市监罚〔2024〕13号")


def test_campaign_life_cycle_pins_checklists_and_audits(db: Database) -> None:
    service = CampaignService(db, who="管理员")
    info = service.create(
        "2024年第二季度抽查",
        "spotcheck",
        "2024年第二季度",
        departments=DEPARTMENTS[:2],
        double_review=True,
        reviewers=["王五", "赵六"],
    )
    assert info.period == "2024Q2"
    assert info.double_review is True
    assert {c["id"] for c in info.checklists} == {"penalty-assembled", "coercion-assembled"}
    assert info.departments == DEPARTMENTS[:2]
    assert info.reviewers == ["王五", "赵六"]
    assert [c.id for c in service.list()] == [info.id]
    assert service.show(info.id).name == "2024年第二季度抽查"
    with db.session() as s:
        entries = audit.history(s, "campaign", info.id)
        assert entries[0].action == "create" and entries[0].who == "管理员"
    with pytest.raises(NotFoundError, match="没有编号为 99"):
        service.show(99)
    with pytest.raises(UserError, match="评查类型"):
        service.create("x", "audit", "2024Q2")
    with pytest.raises(NotFoundError, match="no-such"):
        service.create("x", "selfreview", "2024Q2", checklists=["no-such"])


def test_catalogue_import_finds_header_sheet_and_links_dossiers(
    db: Database, tmp_path: Path
) -> None:
    path = write_catalogue(tmp_path / "台账.xlsx")
    linked_id = add_case(db, 1, DEPARTMENTS[0], "某县0罚[2024]3号")
    service = CampaignService(db)
    campaign = service.create("抽查", "spotcheck", "2024Q2").id
    result = service.import_catalogue(campaign, CatalogueSheet(path))
    assert result.sheet == "台账"
    assert result.header_row == 3
    assert result.rows == 18
    assert result.linked == 1
    assert result.mapping["case_no"] == "案号" and result.mapping["department"] == "执法单位"
    rows = service.cases(campaign, include_catalogue=True)
    assert len(rows) == 18 and not any(r.in_sample for r in rows)
    linked = [r for r in rows if r.case_id == linked_id]
    assert linked and linked[0].case_no == "某县0罚〔2024〕3号"
    assert linked[0].catalogue["party"] == "当事人3"


def test_catalogue_wrong_sheet_and_missing_case_number_column(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "台账.xlsx")
    with pytest.raises(UserError, match=r"没有名为“汇总”的工作表.*台账"):
        read_catalogue(CatalogueSheet(path, "汇总"))
    with pytest.raises(UserError, match=r"工作表“说明”.*找不到案件台账的表头"):
        read_catalogue(CatalogueSheet(path, "说明"))
    other = write_catalogue(tmp_path / "无案号.xlsx", case_no_header="编码")
    with pytest.raises(UserError, match="没有“案号”列"):
        read_catalogue(CatalogueSheet(other))
    # The explicit mapping names the column.
    table = read_catalogue(CatalogueSheet(other, columns={"案号": "编码"}))
    assert table.rows[0]["case_no"] == "某县0罚〔2024〕1号"
    with pytest.raises(UserError, match="没有“文号X”这一列"):
        read_catalogue(CatalogueSheet(other, columns={"案号": "文号X"}))


def test_sampling_is_reproducible_and_per_department(db: Database, tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "台账.xlsx")
    service = CampaignService(db)
    first = service.create("A", "spotcheck", "2024Q2", departments=DEPARTMENTS[:2]).id
    second = service.create("B", "spotcheck", "2024Q2", departments=DEPARTMENTS[:2]).id
    for campaign in (first, second):
        service.import_catalogue(campaign, CatalogueSheet(path))
    draw_a = service.sample(first, per_department=2, seed=20240701).value
    draw_b = service.sample(second, per_department=2, seed=20240701).value
    assert [c.case_no for c in draw_a] == [c.case_no for c in draw_b]
    per_dept: dict[str, int] = {}
    for c in draw_a:
        per_dept[c.department] = per_dept.get(c.department, 0) + 1
    assert per_dept == {DEPARTMENTS[0]: 2, DEPARTMENTS[1]: 2}  # scope respected
    assert service.show(first).seed == 20240701
    assert {c.case_no for c in service.cases(first)} == {c.case_no for c in draw_a}
    # Another seed gives (for these 6-row departments) another draw, replacing the first.
    other = service.sample(first, per_department=2, seed=7).value
    assert {c.case_no for c in service.cases(first)} == {c.case_no for c in other}
    assert len(service.cases(first)) == 4


def test_sampling_from_library_without_catalogue_and_manual_add(db: Database) -> None:
    ids = [add_case(db, n, DEPARTMENTS[n % 3], f"某县罚〔2024〕{n}号") for n in range(1, 13)]
    service = CampaignService(db)
    campaign = service.create("自评", "selfreview", "2024Q3").id
    drawn = service.sample(campaign, per_department=1, seed=5).value
    assert len(drawn) == 3 and {c.department for c in drawn} == set(DEPARTMENTS)
    again = service.create("自评2", "selfreview", "2024Q3").id
    assert [c.case_id for c in service.sample(again, per_department=1, seed=5).value] == [
        c.case_id for c in drawn
    ]
    spare = next(i for i in ids if i not in {c.case_id for c in drawn})
    added = service.add_cases(campaign, [spare]).value
    assert added[0].drawn_by == "manual" and added[0].case_id == spare
    assert len(service.cases(campaign)) == 4
    with pytest.raises(NotFoundError, match="没有编号为 999"):
        service.add_cases(campaign, [999])


def _mixed_library(db: Database) -> tuple[list[int], list[int]]:
    """Real dossiers and, as older versions left them, demo dossiers in the same library."""
    real = [add_case(db, n, DEPARTMENTS[n % 3], f"某县罚〔2024〕{n}号") for n in range(1, 7)]
    demo = [
        add_case(db, n, DEPARTMENTS[n % 3], f"演示罚〔2024〕{n}号", demo=True)
        for n in range(101, 113)
    ]
    return real, demo


def test_spot_check_without_scope_never_draws_demo_dossiers(db: Database) -> None:
    real, demo = _mixed_library(db)
    service = CampaignService(db)
    campaign = service.create("抽查", "spotcheck", "2024Q3").id  # no department scope
    drawn = service.sample(campaign, per_department=5, seed=7).value
    assert {c.case_id for c in drawn} == set(real)
    with pytest.raises(UserError, match="演示案卷"):
        service.add_cases(campaign, [demo[0]])


def test_catalogue_never_links_a_demo_dossier(db: Database, tmp_path: Path) -> None:
    add_case(db, 1, DEPARTMENTS[0], "某县0罚〔2024〕1号", demo=True)
    service = CampaignService(db)
    campaign = service.create("抽查", "spotcheck", "2024Q3").id
    service.import_catalogue(
        campaign, CatalogueSheet(write_catalogue(tmp_path / "台账.xlsx", rows=3))
    )
    assert service.link_dossiers(campaign).value == 0


def test_in_the_demo_library_demo_dossiers_are_the_work(tmp_path: Path) -> None:
    from app.config import DEMO_MARKER

    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / DEMO_MARKER).write_text("演示库", encoding="utf-8")
    demo_db = ensure_ready(f"sqlite:///{folder / 'library.sqlite3'}", None)
    try:
        ChecklistService(demo_db, Paths(folder)).sync_bundled()
        assert demo_db.demo_library
        demo = [add_case(demo_db, n, DEPARTMENTS[n % 3], f"演{n}", demo=True) for n in (1, 2, 3)]
        service = CampaignService(demo_db)
        campaign = service.create("演示抽查", "spotcheck", "2024Q3").id
        assert {c.case_id for c in service.sample(campaign, 1, seed=1).value} == set(demo)
    finally:
        demo_db.dispose()
