"""公示 (国办发〔2018〕118号: 行政处罚 decisions public within 7 个工作日, issue 14 item 3) and
法制审核 in substance (《行政处罚法》第五十八条: a one-line "同意"), from synthetic pages."""

from __future__ import annotations

from datetime import date

from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.review.precheck_facts import build_facts
from app.review.publication_date import publication_date
from scoring.prechecks import load_prechecks, run_prechecks
from tests.synthetic_pages import PENALTY, page

ORGAN = "江州市市场监督管理局"


DECISION = page("行政处罚决定书", ORGAN, "江市监罚〔2024〕8号", "罚款五千元。", "2024年7月1日")


def dossier(*extra: PageInput) -> tuple[list[PageInput], list[DocumentSpan]]:
    pages = [DECISION, *extra]
    documents = [DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0)]
    documents += [DocumentSpan("unknown", "", n, n, 0.3) for n in range(2, len(pages) + 1)]
    return pages, documents


def rules(*extra: PageInput) -> dict:
    facts = build_facts("penalty", *dossier(*extra), {"decided": date(2024, 7, 1)})
    return {s.rule: s for s in run_prechecks(facts, PENALTY)}


def closing(line: str) -> PageInput:
    return page("结案审批表", "处理结果：罚款五千元。", line, "2024年8月1日")


def test_a_publication_after_7_working_days_is_late() -> None:
    # 7 working days from Monday 2024-07-01 end on Wednesday 2024-07-10.
    hit = rules(closing("本案已于2024年7月15日在江州市人民政府网站公示。"))
    assert hit["publication_late"].item_id == "P-4.15"
    assert "公开期限" in hit["publication_late"].message
    assert "publication_late" not in rules(closing("本案已于2024年7月10日在网站公示。"))


def test_a_publication_screenshot_gives_its_labelled_date() -> None:
    shot = page("行政处罚信息公示截图", "江市监罚〔2024〕8号", "发布时间：2024-07-19")
    assert publication_date(*dossier(shot), load_prechecks()) == (date(2024, 7, 19), 2)
    assert "publication_late" in rules(shot)


def test_no_publication_date_is_no_finding() -> None:
    # a duty stated is no record of publication: unknown is not late
    duty = closing("决定应当自作出之日起7个工作日内于2024年7月20日前公示。")
    assert publication_date(*dossier(duty), load_prechecks()) is None
    assert "publication_late" not in rules(duty)
    assert "publication_late" not in rules()


def review(opinion: str) -> PageInput:
    return page(
        "法制审核意见书", "案件名称：某公司销售过期食品案", f"审核意见：{opinion}", "审核人：李四"
    )


def test_a_one_word_legal_review_is_found() -> None:
    hit = rules(review("同意。"))["legal_review_opinion_bare"]
    assert hit.item_id == "P-4.5" and "仅为“同意”" in hit.message
    assert "legal_review_opinion_bare" in rules(review("同意承办机构意见"))


def test_a_legal_review_in_substance_is_silent() -> None:
    real = "经审核，本案执法主体合法，事实清楚，证据确凿，适用法律正确，程序合法，裁量适当，同意。"
    assert "legal_review_opinion_bare" not in rules(review(real))
    assert "legal_review_opinion_bare" not in rules()  # no review on file: nothing to judge
    # the review written out above a one-line conclusion (a layout the demo does not use)
    reasoned = page(
        "法制审核意见书",
        "案由：销售过期食品　当事人：某公司",
        "经审核，本案执法主体合法，执法人员具备执法资格，案件事实清楚，证据确实充分，",
        "适用依据正确，程序合法。拟对当事人罚款人民币5000元，处罚裁量适当。",
        "审核意见：同意承办机构的处理意见。",
        "法制审核机构负责人：李四",
    )
    assert "legal_review_opinion_bare" not in rules(reasoned)


def test_a_form_cell_label_without_colon_is_read() -> None:
    form = page("法制审核意见书", "审核意见", "同意", "法制审核人员：李四　2024年6月28日")
    assert rules(form)["legal_review_opinion_bare"].message.startswith("法制审核意见仅为“同意”")


def test_a_form_row_with_a_centred_label_reads_the_cell_to_its_right() -> None:
    def at(text: str, x0: float, y0: float, x1: float) -> TextLine:
        return TextLine(text, ((x0, y0), (x1, y0), (x1, y0 + 20), (x0, y0 + 20)), 0.99)

    form = PageInput(
        [
            at("法制审核意见书", 200, 60, 400),
            at("拟处理意见", 60, 200, 150),
            at("罚款五千元", 180, 200, 400),
            at("同意。", 180, 240, 240),  # the cell's text, above its centred label
            at("审核意见", 60, 280, 140),
            at("法制审核人员：李四　2024.06.28", 300, 330, 540),
        ],
        595,
        842,
    )
    hit = rules(form)["legal_review_opinion_bare"]
    assert "仅为“同意”" in hit.message  # not "罚款五千元同意" of the row above


# ---------------------------------------------------------------- 听证通知 (第六十四条)


def hearing(notice_day: str, held_day: str, receipt_day: str | None = None) -> dict:
    pages = [
        DECISION,
        page("听证通知书", "定于2024年6月20日上午9时举行听证。", notice_day),
        page("听证笔录", f"听证时间：{held_day}9时", "听证地点：本局三楼会议室"),
    ]
    documents = [
        DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0),
        DocumentSpan("hearing_notice", "听证通知书", 2, 2, 1.0),
        DocumentSpan("hearing_record", "听证笔录", 3, 3, 1.0),
    ]
    if receipt_day:
        pages.insert(2, page("送达回证", "送达文书：听证通知书", f"送达时间：{receipt_day}"))
        documents[2:] = [
            DocumentSpan("service_receipt", "送达回证", 3, 3, 1.0),
            DocumentSpan("hearing_record", "听证笔录", 4, 4, 1.0),
        ]
    facts = build_facts("penalty", pages, documents, {"decided": date(2024, 7, 1)})
    return {s.rule: s for s in run_prechecks(facts, PENALTY)}


def test_a_hearing_notified_fewer_than_7_working_days_before_is_found() -> None:
    # 2024-06-14 (Fri) to the hearing on 2024-06-20 (Thu): 3 working days, plus 端午 on 6-10
    hit = hearing("2024年6月14日", "2024年6月20日")["hearing_notified_late"]
    assert hit.item_id == "P-4.9" and "听证通知期限" in hit.message
    assert "hearing_notified_late" not in hearing("2024年6月5日", "2024年6月20日")


def test_the_receipt_of_the_notice_wins_over_its_signature() -> None:
    assert "hearing_notified_late" not in hearing("2024年6月5日", "2024年6月20日")
    late = hearing("2024年6月5日", "2024年6月20日", receipt_day="2024年6月17日")
    assert "hearing_notified_late" in late


# ---------------------------------------------------------------- 先行登记保存 (第五十六条)


def preservation(handled_day: str) -> dict:
    saved = page(
        "先行登记保存通知书",
        "对下列物品予以先行登记保存，保存期限至2024年6月12日。",
        "2024年6月3日",
    )
    handled = page("先行登记保存物品处理决定书", "决定解除先行登记保存。", handled_day)
    return rules(saved, handled)


def test_a_preservation_handled_after_7_working_days_is_late() -> None:
    # 7 working days from Monday 2024-06-03 (端午 2024-06-10 not counted) end on 2024-06-13.
    late = preservation("2024年6月14日")["preservation_handled_late"]
    assert late.item_id == "P-4.4" and "先行登记保存处理期限" in late.message
    assert "preservation_handled_late" not in preservation("2024年6月13日")


def test_without_the_handling_record_the_preservation_rule_is_silent() -> None:
    saved = page("先行登记保存通知书", "对下列物品予以先行登记保存。", "2024年6月3日")
    assert "preservation_handled_late" not in rules(saved)


# ---------------------------------------------------------------- 送达地址确认书 (第六十一条)


def test_an_address_confirmation_is_no_proof_of_service() -> None:
    confirmation = page(
        "送达地址确认书", "受送达人：某公司", "送达地址：江州市某路1号", "2024年7月2日"
    )
    receipt = page("送达回证", "送达文书：行政处罚决定书", "签收：张三", "2024年7月2日")

    def with_receipt(extra: PageInput, title: str) -> dict:
        pages, documents = dossier(extra)
        documents[1] = DocumentSpan("service_receipt", title, 2, 2, 1.0)  # as the splitter types it
        facts = build_facts("penalty", pages, documents, {"decided": date(2024, 7, 1)})
        return {s.rule: s for s in run_prechecks(facts, PENALTY)}

    assert "missing_decision_receipt" in with_receipt(confirmation, "送达地址确认书")
    assert "missing_decision_receipt" in with_receipt(confirmation, "")  # by the page's title
    assert "missing_decision_receipt" not in with_receipt(receipt, "送达回证")


def test_other_sentences_with_a_date_are_not_a_publication() -> None:
    facts = page(
        "案件调查终结报告",
        "当事人于2024年8月1日在其网店公开销售涉案产品。",
        "经查询，当事人于2024年8月2日在国家企业信用信息公示系统变更登记。",
    )
    assert publication_date(*dossier(facts), load_prechecks()) is None
    early = closing("本案已于2024年6月1日在网站公示。")  # before the decision: not its publication
    assert publication_date(*dossier(early), load_prechecks(), date(2024, 7, 1)) is None
