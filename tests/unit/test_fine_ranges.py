"""Statutory fine ranges: the table, provision matching, the basis read from a decision,
and the pre-check fine_out_of_range firing (or staying silent) on real decision text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.casefiles.penalty_basis import penalty_basis
from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.demo import DossierSpec, dossier_truth
from app.review.prechecks import build_facts, fine_basis
from scoring.checklist_loader import load_checklist
from scoring.fine_ranges import (
    FineRangeDataError,
    Provision,
    cn_number,
    cn_numeral,
    fine_range_for,
    load_fine_ranges,
    parse_provision,
    parse_provisions,
)
from scoring.prechecks import load_prechecks, run_prechecks
from tests.demo_facts import facts_from_truth, laid_pages

ROOT = Path(__file__).resolve().parents[2]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")
AIR = "大气污染防治法"


# ---------------------------------------------------------------- numbers and provisions


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十四", 124),
        ("十", 10),
        ("十五", 15),
        ("一百零三", 103),
        ("一百一十九", 119),
        ("124", 124),
    ],
)
def test_chinese_numerals_both_ways(text: str, value: int) -> None:
    assert cn_number(text) == value
    if not text.isdigit():
        assert cn_numeral(value) == text
    assert cn_number("条") is None


def test_citations_in_every_form_name_the_same_provision() -> None:
    same = [
        "《中华人民共和国大气污染防治法》第一百一十九条第一款",
        "《大气污染防治法》第119条第1款",
        "《中华人民共和国 大气污染防治法》第 一百一十九 条 第一款",
    ]
    assert {tuple(parse_provisions(t)) for t in same} == {(Provision(AIR, 119, 1),)}
    (item,) = parse_provisions("《中华人民共和国食品安全法》第一百二十四条第一款第（五）项")
    assert item == Provision("食品安全法", 124, 1, 5)
    assert item.label() == "《食品安全法》第一百二十四条第一款第（五）项"
    assert parse_provisions("《大气污染防治法》第九十九条第(二)项") == [Provision(AIR, 99, None, 2)]
    # several articles of one law, and a second law, in one clause
    assert parse_provisions(
        "《大气污染防治法》第九十九条、第一百一十九条第二款和《消防法》第六十条"
    ) == [
        Provision(AIR, 99),
        Provision(AIR, 119, 2),
        Provision("消防法", 60),
    ]
    assert parse_provision("大气污染防治法第九十九条") == Provision(AIR, 99)
    assert parse_provision("大气污染防治法") is None
    assert parse_provision("大气污染防治法第九十九条规定的情形") is None


def test_an_article_entry_covers_its_paragraphs_unless_a_specific_one_exists() -> None:
    table = load_fine_ranges()
    # 第九十九条 has one entry: its 项 fall back to it
    assert (
        fine_range_for([Provision(AIR, 99, None, 2)], True, table).text == "10万元以上100万元以下"
    )
    # 第一百一十九条 has one entry per 款, with different ranges
    first = fine_range_for([Provision(AIR, 119, 1)], True, table)
    second = fine_range_for([Provision(AIR, 119, 2)], True, table)
    assert (first.low, first.high) == (500, 2000)
    assert (second.low, second.high) == (10_000, 100_000)
    assert fine_range_for([Provision(AIR, 119, 2)], False, table).high == 2000
    # the whole article cited: which 款 is not known, so no range is borrowed
    assert fine_range_for([Provision(AIR, 119)], True, table) is None


def test_party_relative_and_unknown_provisions() -> None:
    waste = Provision("城市建筑垃圾管理规定", 26)
    assert fine_range_for([waste], True).text == "5000元以上5万元以下"
    assert fine_range_for([waste], False).text == "200元以下"
    unknown_party = fine_range_for([waste], None)
    assert (unknown_party.low, unknown_party.high) == (0, 50_000)
    # 消防法第六十条第一款 is about 单位 only
    assert fine_range_for([Provision("消防法", 60, 1)], False) is None
    # multiples of 货值金额 are not checked; an article not in the table neither
    assert fine_range_for([Provision("食品安全法", 124, 1, 5)], True) is None
    assert fine_range_for([Provision("产品质量法", 50)], True) is None
    assert fine_range_for([Provision("城乡规划法", 65)], False) is None
    # one unknown basis among known ones: it might allow the fine, so nothing is said
    assert fine_range_for([Provision(AIR, 99), Provision("某某条例", 3)], True) is None
    both = fine_range_for([Provision(AIR, 99), Provision(AIR, 118, 3)], True)
    assert (both.low, both.high) == (500, 1_000_000)


def test_the_shipped_table_is_valid_and_covers_the_demo_catalog() -> None:
    from app.demo.identities import catalog

    table = load_fine_ranges()
    assert len(table.provisions) >= 15
    for entry in table.provisions:
        assert entry.source
        assert entry.relative or entry.fine or entry.organisation or entry.person
    fixed = 0
    for dept in catalog()["departments"].values():
        for cause in dept["causes"]:
            parties = {"organisation": (True,), "person": (False,)}.get(
                cause.get("party", ""), (True, False)
            )
            for company in parties:
                found = fine_range_for(parse_provisions(cause["basis"]), company, table)
                if found is None:
                    continue
                fixed += 1
                assert all(found.contains(f) for f in cause["fines"]), cause["cause"]
    assert fixed >= 4


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fine_ranges.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_table_is_refused_in_chinese_naming_file_and_field(tmp_path: Path) -> None:
    good = (
        "provisions:\n  - provision: 消防法第六十条第一款\n    source: 处五千元以上五万元以下罚款\n"
    )
    assert (
        len(
            load_fine_ranges(
                _write(tmp_path, good + "    fine: {low: 5000, high: 50000}\n")
            ).provisions
        )
        == 1
    )

    with pytest.raises(FineRangeDataError) as err:
        load_fine_ranges(_write(tmp_path, good + "    fine: {low: 50000, high: 5000}\n"))
    assert "fine_ranges.yaml" in str(err.value) and "provisions.第1项.fine" in str(err.value)
    assert "下限" in str(err.value)

    with pytest.raises(FineRangeDataError) as err:
        load_fine_ranges(_write(tmp_path, good))
    assert "应填写 fine" in str(err.value)

    with pytest.raises(FineRangeDataError) as err:
        load_fine_ranges(
            _write(
                tmp_path,
                good.replace("消防法第六十条第一款", "消防法的某条")
                + "    fine: {low: 1, high: 2}\n",
            )
        )
    assert "无法识别条款" in str(err.value)

    with pytest.raises(FineRangeDataError) as err:
        load_fine_ranges(_write(tmp_path, good + "    relative: true\n"))
    assert "note" in str(err.value)

    twice = (
        good
        + "    fine: {low: 1, high: 2}\n"
        + good.replace("provisions:\n", "").replace("第六十条第一款", "第60条第1款")
        + "    fine: {low: 1, high: 2}\n"
    )
    with pytest.raises(FineRangeDataError) as err:
        load_fine_ranges(_write(tmp_path, twice))
    assert "重复" in str(err.value)

    with pytest.raises(FineRangeDataError, match="不是有效的 YAML"):
        load_fine_ranges(_write(tmp_path, "provisions: [\n"))
    with pytest.raises(FineRangeDataError, match="找不到"):
        load_fine_ranges(tmp_path / "none.yaml")


# ---------------------------------------------------------------- the basis in a decision

DECISION = (
    "本机关认为，当事人的上述行为违反了《中华人民共和国大气污染防治法》第七十七条的规定。"
    "依据《中华人民共和国大气污染防治法》第一百一十九条第一款的规定，本机关决定对当事人作出如下"
    "行政处罚：罚款人民币伍仟元（¥5,000.00）。当事人应当自收到本决定书之日起十五日内缴纳罚款。"
    "逾期不缴纳的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，"
    "每日按罚款数额的百分之三加处罚款。当事人如不服本决定，可以依据《中华人民共和国行政复议法》"
    "的规定申请行政复议。"
)


def test_the_basis_is_the_clause_leading_to_the_penalty_not_the_violated_or_late_payment() -> None:
    basis = penalty_basis(DECISION)
    assert basis is not None and basis.provisions == (Provision(AIR, 119, 1),)
    assert not basis.mitigated
    assert DECISION[basis.start :].startswith("依据《中华人民共和国大气污染防治法》第一百一十九条")
    # a title ending in 规定 does not cut the clause short
    waste = "依据《城市建筑垃圾管理规定》第二十六条的规定，本机关决定对当事人作出如下行政处罚："
    assert penalty_basis(waste).provisions == (Provision("城市建筑垃圾管理规定", 26),)
    assert penalty_basis("当事人违反了《消防法》第十六条的规定。") is None
    reduced = DECISION.replace(
        "第一百一十九条第一款的规定",
        "第一百一十九条第一款、《中华人民共和国行政处罚法》第三十二条第（一）项的规定",
    )
    found = penalty_basis(reduced)
    assert found.provisions == (Provision(AIR, 119, 1),) and found.mitigated


def _pages(*texts: str) -> list[PageInput]:
    return [
        PageInput([TextLine(t, (40, 100 + 30 * i, 560, 120 + 30 * i)) for i, t in enumerate(page)])
        for page in texts
    ]


def _facts(decision_lines: list[str], fine: float, party: str):  # type: ignore[no-untyped-def]
    pages = _pages(["立案审批表"], ["行政处罚决定书", *decision_lines])
    spans = [
        DocumentSpan("filing_approval", "", 1, 1, 1.0),
        DocumentSpan("penalty_decision", "", 2, 2, 1.0),
    ]
    return build_facts("penalty", pages, spans, {}, fine_yuan=fine, party=party)


LINES = [
    "本机关认为，当事人的上述行为违反了《中华人民共和国大气污染防治法》第七十七条的规定。依据《中华人民共和国",
    "大气污染防治法》第一百一十九条第一款的规定，本机关决定对当事人作出如下行政处罚：",
    "罚款人民币伍仟元（¥5,000.00）。",
]


def test_fine_out_of_range_fires_with_fine_range_provision_and_page() -> None:
    facts = _facts(LINES, 5000, "张伟")
    assert facts.fine_range == (500, 2000) and facts.fine_page == 2
    (found,) = [s for s in run_prechecks(facts, PENALTY) if s.rule == "fine_out_of_range"]
    assert found.item_id == "P-3.3" and found.pages == (2,)
    assert found.message == (
        "行政处罚决定书（第2页）处罚款5000元，超过法定上限：处罚依据《大气污染防治法》"
        "第一百一十九条第一款规定对个人处500元以上2000元以下的罚款。"
    )
    # the provision is a fact of the finding, and the basis its deduction will cite (P-3.3's
    # own basis only says "所适用法律、法规、规章规定的处罚种类和幅度")
    basis = {f.name: f.value for f in found.facts}["fine_basis"]
    assert basis == "《大气污染防治法》第一百一十九条第一款"
    stored = [f.as_json() for f in found.facts]
    assert load_prechecks().finding_basis("fine_out_of_range", stored) == basis
    assert load_prechecks().finding_basis("single_officer", stored) is None
    low = _facts(LINES, 200, "江州市恒达商贸有限公司")
    (below,) = [s for s in run_prechecks(low) if s.rule == "fine_out_of_range"]
    assert "低于法定下限" in below.message and "对单位" in below.message


def test_fine_out_of_range_is_silent_in_range_relative_unknown_or_reduced() -> None:
    def fires(lines: list[str], fine: float, party: str = "张伟") -> bool:
        return any(s.rule == "fine_out_of_range" for s in run_prechecks(_facts(lines, fine, party)))

    assert not fires(LINES, 2000)
    relative = [
        "依据《中华人民共和国产品质量法》第五十条的规定，本机关决定对当事人作出如下行政处罚：",
        "罚款人民币伍佰万元。",
    ]
    assert _facts(relative, 5_000_000, "张伟").fine_range is None
    assert not fires(relative, 5_000_000)
    unknown = [ln.replace("第一百一十九条第一款", "第一百二十七条") for ln in LINES]
    assert not fires(unknown, 5000)
    reduced = [
        LINES[0],
        LINES[1].replace(
            "的规定，", "、《中华人民共和国行政处罚法》第三十二条的规定，予以减轻处罚，"
        ),
        LINES[2],
    ]
    assert fires(reduced, 5000) and not fires(reduced, 200)
    # no decision in the split: nothing to read
    pages = _pages(["立案审批表"], LINES)
    spans = [DocumentSpan("filing_approval", "", 1, 2, 1.0)]
    assert fine_basis(pages, spans, False) is None


def test_a_planted_demo_fine_is_found_from_the_laid_out_decision() -> None:
    spec = DossierSpec(
        "f", kind="penalty", department="town", seed=31, defects=("fine_out_of_range",)
    )
    truth = dossier_truth(spec)
    assert [d["code"] for d in truth["defects"]] == ["fine_out_of_range"]
    facts = facts_from_truth(truth, laid_pages(spec))
    (found,) = [s for s in run_prechecks(facts, PENALTY) if s.rule == "fine_out_of_range"]
    decision = next(d for d in truth["documents"] if d["type"] == "penalty_decision")
    assert decision["first_page"] <= found.pages[0] <= decision["last_page"]
    assert f"罚款{truth['fields']['fine_yuan']}元" in found.message
    clean = DossierSpec("c", kind="penalty", department="town", seed=31)
    assert not run_prechecks(facts_from_truth(dossier_truth(clean), laid_pages(clean)))


@pytest.mark.parametrize(
    ("party", "organisation"),
    [
        ("张三", False),
        ("张三（身份证号330102198001011234）", False),
        ("买买提·吐尔逊", False),
        ("某某商贸有限公司", True),
        ("李四烧烤店", True),
        # Establishments the word list does not name: unknown, so judged on both ranges,
        # never on the 200-yuan ceiling for persons.
        ("某建筑工程队", None),
        ("某某餐厅", None),
        ("某养殖场", None),
        ("某村村民委员会", None),
    ],
)
def test_the_kind_of_party_is_only_decided_when_the_name_says_it(
    party: str, organisation: bool | None
) -> None:
    from app.review.precheck_facts import _is_organisation
    from scoring.prechecks import load_prechecks

    assert _is_organisation(party, load_prechecks()) is organisation


def test_a_reduced_fine_under_the_old_law_is_not_below_the_range() -> None:
    text = (
        "当事人积极配合调查，依据《中华人民共和国行政处罚法》第二十七条第一款第（一）项、"
        "《城市建筑垃圾管理规定》第二十六条的规定，决定对当事人处以罚款3000元。"
    )
    basis = penalty_basis(text)
    assert basis is not None and basis.mitigated


# ---------------------------------------------------------------- a law over a 规章 (issue 14)

GARBAGE = [
    "当事人于2024年5月6日在城东路随意倾倒生活垃圾，违反了《城市生活垃圾管理办法》第十六条的规定。",
    "依据《城市生活垃圾管理办法》第四十二条的规定，本机关决定对当事人作出如下行政处罚：",
    "罚款人民币壹万元。",
]


def test_a_regulation_the_law_overtook_is_judged_by_the_law_and_says_so() -> None:
    """《城市生活垃圾管理办法》第四十二条 (单位5000–5万) against 《固体废物污染环境防治法》
    第一百一十一条 (单位5万–50万) since 2020-09-01: 1万 is inside the 规章 but below the law."""
    facts = _facts(GARBAGE, 10000, "江州市恒达商贸有限公司")
    assert facts.fine_range == (50000, 500000)
    (found,) = [s for s in run_prechecks(facts, PENALTY) if s.rule == "fine_out_of_range"]
    assert "低于法定下限" in found.message
    assert "《固体废物污染环境防治法》第一百一十一条第一款第（一）项" in found.message
    assert "应适用法律规定的幅度" in found.message and "立法法" in found.message
    lawful = _facts(GARBAGE, 80000, "江州市恒达商贸有限公司")  # above the 规章, inside the law
    assert not [s for s in run_prechecks(lawful, PENALTY) if s.rule == "fine_out_of_range"]


def test_an_act_before_the_law_keeps_the_regulations_range() -> None:
    old = fine_range_for(
        parse_provisions("依据《城市生活垃圾管理办法》第四十二条"),
        True,
        acted_on=date(2019, 5, 6),
    )
    assert old is not None and (old.low, old.high) == (5000, 50000) and not old.note
    lines = [GARBAGE[0].replace("2024年", "2019年"), *GARBAGE[1:]]
    assert _facts(lines, 10000, "江州市恒达商贸有限公司").fine_range == (5000, 50000)


def test_both_sentences_of_the_highway_paragraph_count() -> None:
    """《公路安全保护条例》第六十五条第三款: 租借、转让 1000–5000元, then 使用伪造、变造的
    通行证 3万元以下 in the same 款: a 2万 fine for a forged permit is no finding."""
    found = fine_range_for(parse_provisions("依据《公路安全保护条例》第六十五条第三款"), True)
    assert found is not None and (found.low, found.high) == (0, 30000)


def test_a_superseding_provision_must_be_in_the_table(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """provisions:
  - provision: 某某办法第一条
    source: 对单位处五千元以上五万元以下罚款
    organisation: {low: 5000, high: 50000}
    superseded_by: 某某法第二条
    since: 2020-09-01
    note: 法律优先。
""",
    )
    with pytest.raises(FineRangeDataError, match="superseded_by"):
        load_fine_ranges(path)
