"""乡镇（街道） files (issue 14, seed 004): the 赋权事项清单 (《行政处罚法》第二十四条) and the
衔接 time limits between a 乡镇 and the departments (移送 3 个工作日, 口头移送 24 小时内补书面,
受理告知 3 个工作日, 协助意见 7 个工作日, 补充资料 2 个工作日)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.casefiles.splitting import DocumentSpan, PageInput
from app.config import Paths
from app.errors import UserError
from app.review.precheck_facts import build_facts
from app.review.town_powers import TownPowerService
from scoring.prechecks import Suggestion, run_prechecks
from scoring.town_powers import PowerList, TownPowers, load_town_powers
from tests.synthetic_pages import PENALTY, page

LIST = """
lists:
  - name: 江东省赋予乡镇（街道）县级行政处罚权事项目录
    source: 江东省人民政府关于赋予乡镇（街道）县级行政处罚权的决定（江政发〔2022〕1号）
    matters:
      - {matter: 对露天焚烧秸秆的处罚, basis: 《中华人民共和国大气污染防治法》第一百一十九条第一款}
  - name: 桃源镇赋权事项清单
    source: 江州市人民政府公告
    organs: [桃源镇]
    matters:
      - {matter: 对露天烧烤的处罚, basis: 《中华人民共和国大气污染防治法》第一百一十八条}
"""


def _decision(basis: str, organ: str) -> list[Suggestion]:
    pages = [
        page(
            "行政处罚决定书",
            "经查明：当事人露天焚烧秸秆。",
            f"依据{basis}的规定，本机关决定对当事人作出如下行政处罚：罚款人民币一千元。",
            "同时责令当事人立即改正上述违法行为。",
            organ,
        )
    ]
    spans = [DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0)]
    powers = TownPowers.model_validate(__import__("yaml").safe_load(LIST))
    facts = build_facts("penalty", pages, spans, {}, town_powers=powers)
    return [s for s in run_prechecks(facts, PENALTY) if s.rule == "outside_delegated_powers"]


def test_a_town_acting_outside_its_list_is_an_organ_finding() -> None:
    straw = "《中华人民共和国大气污染防治法》第一百一十九条第一款"
    bbq = "《中华人民共和国大气污染防治法》第一百一十八条第三款"
    assert _decision(straw, "江州市临江县石桥镇人民政府") == []
    (hit,) = _decision(bbq, "江州市临江县石桥镇人民政府")
    assert hit.item_id == "P-1.1" and "第二十四条" in hit.message
    assert "江东省赋予乡镇（街道）县级行政处罚权事项目录" in hit.message
    # 桃源镇 has a list of its own: 烧烤 is in it, 秸秆 is not
    assert _decision(bbq, "江州市临江县桃源镇人民政府") == []
    assert len(_decision(straw, "江州市临江县桃源镇人民政府")) == 1
    # a department is not judged by a town's list
    assert _decision(bbq, "江州市生态环境局") == []


def test_no_list_bundled_so_nothing_is_judged() -> None:
    assert load_town_powers().lists == ()
    assert PowerList(name="清单", source="决定").covers is not None


def test_importing_a_list_keeps_it_in_the_data_folder(tmp_path: Path) -> None:
    service = TownPowerService(Paths(tmp_path / "data"))
    assert service.show() == []
    good = tmp_path / "清单.yaml"
    good.write_text(LIST, encoding="utf-8")
    assert service.import_file(good).value == 2
    shown = service.show()
    assert (
        shown[1]["organs"] == ["桃源镇"]
        and shown[0]["matters"][0]["matter"] == "对露天焚烧秸秆的处罚"
    )
    bad = tmp_path / "坏.yaml"
    bad.write_text(LIST.replace("    source:", "    sauce:", 1), encoding="utf-8")
    with pytest.raises(UserError, match="sauce"):
        service.import_file(bad)
    assert len(service.show()) == 2  # the good list stays


def _linked(
    *records: tuple[str, str, tuple[str, ...]], discovered: date | None = None
) -> dict[str, Suggestion]:
    pages: list[PageInput] = []
    spans: list[DocumentSpan] = []
    for n, (doc_type, title, body) in enumerate(records, start=1):
        pages.append(page(title, *body))
        spans.append(DocumentSpan(doc_type, title, n, n, 1.0))
    dates = {"discovered": discovered} if discovered else {}
    facts = build_facts("penalty", pages, spans, dates)
    return {s.rule: s for s in run_prechecks(facts, PENALTY)}


def test_transfer_within_three_working_days_of_discovery() -> None:
    found = date(2025, 5, 6)  # the 发现日期 extraction reads (立案审批表 …)
    late = ("case_transfer_letter", "案件移送函", ("经查……特此移送。", "2025年5月12日"))
    hit = _linked(late, discovered=found)["transfer_late"]
    assert hit.item_id == "P-4.19" and "3个工作日" in hit.message
    in_time = ("case_transfer_letter", "案件移送函", ("经查……特此移送。", "2025年5月9日"))
    assert "transfer_late" not in _linked(in_time, discovered=found)


def test_oral_transfer_confirmed_in_writing_within_24_hours() -> None:
    oral = ("oral_transfer_record", "口头移送记录", ("2025年5月6日电话移交", "记录人：张三"))
    letter = ("case_transfer_letter", "案件移送函", ("补办书面移送。", "2025年5月8日"))
    assert "oral_transfer_unconfirmed" in _linked(oral, letter)
    next_day = ("case_transfer_letter", "案件移送函", ("补办书面移送。", "2025年5月7日"))
    assert "oral_transfer_unconfirmed" not in _linked(oral, next_day)


def test_acceptance_told_in_three_working_days_of_receipt() -> None:
    def notice(signed: str) -> tuple[str, str, tuple[str, ...]]:
        body = ("你单位移送的案件，本机关于2025年5月7日收到，决定予以受理。", signed)
        return ("transfer_acceptance_notice", "移送案件受理情况告知书", body)

    assert "transfer_acknowledgement_late" in _linked(notice("2025年5月13日"))
    assert "transfer_acknowledgement_late" not in _linked(notice("2025年5月12日"))


def test_assistance_answered_in_seven_and_supplement_asked_in_two_working_days() -> None:
    def reply(signed: str) -> tuple[str, str, tuple[str, ...]]:
        body = ("你镇2025年5月6日协助函收悉，现提出书面意见如下。", signed)
        return ("assistance_reply", "协助事项书面意见", body)

    assert "assistance_reply_late" in _linked(reply("2025年5月16日"))
    assert "assistance_reply_late" not in _linked(reply("2025年5月15日"))
    ask = (
        "supplement_request",
        "补充材料通知书",
        ("你镇2025年5月6日协助函收悉，请补充检测报告。", "2025年5月9日"),
    )
    found = _linked(ask, reply("2025年5月30日"))
    assert "supplement_request_late" in found
    assert "assistance_reply_late" not in found  # the supplement time is not counted
