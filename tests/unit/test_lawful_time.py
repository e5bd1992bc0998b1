"""Cases that are lawfully long are not flagged (issue 13 item 6): an approved extension, a
检测 period, a 中止 … 恢复 and a written waiver, read from the pages' text by their titles
(the document types need not be known), then judged by the real time-limit rules."""

from __future__ import annotations

from datetime import date

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.precheck_facts import build_facts
from scoring.prechecks import run_prechecks
from tests.synthetic_pages import PENALTY, page

ORGAN = "江州市市场监督管理局"


DECISION = page("行政处罚决定书", ORGAN, "江市监罚〔2024〕8号", "罚款五千元。", "2024年6月20日")


def dossier(*extra: PageInput) -> tuple[list[PageInput], list[DocumentSpan]]:
    pages = [page("立案审批表", "同意立案。", "2024年3月1日"), *extra, DECISION]
    documents = [DocumentSpan("filing_approval", "立案审批表", 1, 1, 1.0)]
    # The extra pages are left as the splitter leaves what it does not know.
    documents += [DocumentSpan("unknown", "", n, n, 0.3) for n in range(2, len(pages))]
    documents.append(
        DocumentSpan("penalty_decision", "行政处罚决定书", len(pages), len(pages), 1.0)
    )
    return pages, documents


def rules(pages: list[PageInput], documents: list[DocumentSpan], **dates: date) -> dict:
    filed_decided = {"filed": date(2024, 3, 1), "decided": date(2024, 6, 20)}
    facts = build_facts("penalty", pages, documents, filed_decided | dates)
    return {s.rule: s for s in run_prechecks(facts, PENALTY)}


def test_an_approved_30_day_extension_is_not_over_90_days() -> None:
    assert "decision_over_90_days" in rules(*dossier())  # 111 days, nothing on file
    approval = page(
        "延长办案期限审批表",
        "延长理由：案情复杂。",
        "负责人意见：同意延长三十日。",
        "2024年5月25日",
    )
    found = rules(*dossier(approval))
    assert "decision_over_90_days" not in found


def test_a_refused_extension_does_not_count() -> None:
    refused = page("延长办案期限审批表", "负责人意见：不同意延长。", "2024年5月25日")
    assert "decision_over_90_days" in rules(*dossier(refused))


def test_a_testing_period_is_not_counted() -> None:
    notice = page(
        "检测期间告知书",
        "因案件需要对涉案产品进行检测，检测期间自2024年4月1日至2024年4月30日，",
        "该期间不计入案件办理期限。",
        "2024年4月1日",
    )
    found = rules(*dossier(notice))
    assert "decision_over_90_days" not in found  # 111 days less 30 of 检测


def test_a_suspension_until_resumed_is_not_counted() -> None:
    suspended = page("中止调查审批表", "负责人意见：同意中止。", "2024年4月1日")
    resumed = page("恢复调查审批表", "同意恢复调查。", "2024年4月30日")
    assert "decision_over_90_days" not in rules(*dossier(suspended, resumed))
    assert "decision_over_90_days" in rules(*dossier(suspended))  # never resumed: not known


NOTICE = page(
    "行政处罚事先告知书",
    ORGAN,
    "你单位可在收到本告知书之日起五个工作日内提出陈述、申辩，",
    "逾期未提出的，视为放弃陈述、申辩权利。",
    "2024年6月17日",
)


def test_a_written_waiver_lets_the_decision_come_earlier() -> None:
    served = {"notice_served": date(2024, 6, 17)}  # decided 6月20日: 3 working days later
    assert "decided_within_defence_period" in rules(*dossier(NOTICE), **served)
    waiver = page("陈述申辩笔录", "当事人：本人放弃陈述、申辩和听证的权利。", "2024年6月18日")
    found = rules(*dossier(NOTICE, waiver), **served)
    assert "decided_within_defence_period" not in found


def test_the_waiver_rests_on_the_page_it_was_read_from() -> None:
    # Decided after 5 working days anyway: no finding, but the facts name the waiver.
    waiver = page("陈述申辩笔录", "当事人表示放弃陈述申辩。", "2024年6月18日")
    pages, documents = dossier(NOTICE, waiver)
    facts = build_facts(
        "penalty",
        pages,
        documents,
        {
            "filed": date(2024, 3, 1),
            "decided": date(2024, 6, 20),
            "notice_served": date(2024, 6, 17),
        },
    )
    assert facts.dates["defence_waived"] == date(2024, 6, 18)
    assert facts.date_pages["defence_waived"] == 3


def test_the_time_of_a_hearing_is_not_counted() -> None:
    notice = page("听证通知书", "定于2024年4月20日举行听证。", "2024年4月10日")
    report = page("听证报告", "听证主持人意见：……", "2024年5月8日")
    assert "decision_over_90_days" not in rules(*dossier(notice, report))  # 111 − 29 days
    assert "decision_over_90_days" in rules(*dossier(notice))  # no report: not known
