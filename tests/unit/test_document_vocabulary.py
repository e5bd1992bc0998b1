"""The document-type vocabulary: breadth across sectors, one owner per alias, display names."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.casefiles.document_types import (
    display_name,
    document_types,
    load_document_types,
    sector_names,
)
from app.casefiles.splitting import normalise

# Aliases two types share on purpose: the dossier's kind decides (splitting._choose).
DELIBERATE_SHARED = {"现场笔录"}


def test_at_least_80_types_with_every_sector_represented() -> None:
    types = document_types()
    assert len(types) >= 80
    used = {t.sector for t in types.values() if t.sector}
    assert used == set(sector_names())
    assert sector_names()["ecology_environment"] == "生态环境"


def test_no_alias_belongs_to_two_types_unless_deliberate() -> None:
    owners: Counter[str] = Counter()
    for t in document_types().values():
        owners.update({normalise(a) for a in (t.name, *t.aliases)})
    shared = {a for a, n in owners.items() if n > 1}
    assert shared == {normalise(a) for a in DELIBERATE_SHARED}


@pytest.mark.parametrize(
    ("title", "type_id"),
    [
        ("责令（限期）改正通知书", "rectification_order"),
        ("当场行政处罚决定书", "on_the_spot_decision"),
        ("不予行政处罚决定书", "non_penalty_decision"),
        ("延长办案期限审批表", "extension_approval"),
        ("案件中止审批表", "suspension_approval"),
        ("案件终止审批表", "termination_approval"),
        ("检测检验鉴定期间告知书", "test_period_notice"),
        ("先行登记保存证据通知书", "preservation_notice"),
        ("先行登记保存证据审批表", "preservation_approval"),
        ("抽样记录", "sampling_record"),
        ("协助调查函", "assistance_letter"),
        ("授权委托书", "power_of_attorney"),
        ("听证会通知书", "hearing_notice"),
        ("行政处罚决定履行催告书", "demand_notice"),
        ("分期缴纳罚款审批表", "installment_approval"),
        ("卷宗封面", "case_cover"),
        ("卷皮", "case_cover"),
        ("卷内文件目录", "table_of_contents"),
        ("卷内备考表", "archive_note"),
        ("视听资料说明", "evidence"),
        ("营业执照（复印件）", "evidence"),
    ],
)
def test_published_form_names_are_known(title: str, type_id: str) -> None:
    types = document_types()
    owners = [t.id for t in types.values() if normalise(title) in map(normalise, t.aliases)]
    assert owners == [type_id]


def test_existing_ids_stay() -> None:
    stable = {
        "case_cover", "table_of_contents", "case_source_register", "filing_approval",
        "inspection_record", "inquiry_record", "evidence", "investigation_report",
        "legal_review", "collective_discussion", "prior_notice", "defence_record",
        "hearing_notice_of_rights", "hearing_notice", "hearing_record", "hearing_report",
        "decision_approval", "penalty_decision", "on_the_spot_decision", "service_receipt",
        "payment_receipt", "demand_notice", "court_enforcement_application", "closing_approval",
        "coercion_approval", "seizure_decision", "seizure_record", "property_list",
        "extension_decision", "release_decision", "return_list", "enforcement_decision",
        "substitute_performance_decision", "archive_note",
    }  # fmt: skip
    assert stable <= set(document_types())


def test_display_name_never_shows_an_id() -> None:
    assert display_name("penalty_decision") == "行政处罚决定书"
    assert display_name("blank", 4) == "空白页"
    assert display_name("unknown", 7) == "未识别文书（第 7 页）"
    assert display_name("some_future_type") == "未识别文书"


def test_a_sector_must_be_declared(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text(
        "types:\n  - {id: a, name: 甲, kind: penalty, order: 1, sector: mars}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="行业"):
        load_document_types(bad)


def test_a_precheck_names_new_types_in_chinese() -> None:
    from app.casefiles.splitting import DocumentSpan, PageInput
    from app.review.precheck_facts import build_facts
    from scoring.prechecks import run_prechecks

    documents = [
        DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0),
        DocumentSpan("rectification_order", "责令改正通知书", 2, 2, 1.0),
    ]
    facts = build_facts("penalty", [PageInput([]), PageInput([])], documents, {})
    [order] = [s for s in run_prechecks(facts) if s.rule == "documents_out_of_order"]
    assert order.message.startswith("行政处罚决定书（第1页）排在责令改正通知书（第2页）之前")
