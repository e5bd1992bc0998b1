"""A reason's closing bracket of citations is dropped when the 依据 printed after it cites
the same: "（《行政处罚法》第五十八条），扣4分，依据：《行政处罚法》第五十八条" was retyped."""

from __future__ import annotations

from app.documents.cited_basis import drop_repeated_basis, page_text


def test_a_bracket_citing_the_basis_is_dropped() -> None:
    reason = "卷内缺少法制审核意见，未经法制审核即作出处罚决定（《行政处罚法》第五十八条）。"
    assert (
        drop_repeated_basis(reason, "《行政处罚法》第五十八条")
        == "卷内缺少法制审核意见，未经法制审核即作出处罚决定。"
    )
    # a paragraph of the article cited: the basis names the article
    assert drop_repeated_basis(
        "卷内也无责令改正通知书（《行政处罚法》第二十八条第一款）。", "《行政处罚法》第二十八条"
    ) == ("卷内也无责令改正通知书。")


def test_nested_brackets_and_a_document_number() -> None:
    reason = "不能证明现场执法进行了全程音像记录（国办发〔2018〕118号 三、（八）；《行政处罚法》第四十七条）。"
    basis = "国办发〔2018〕118号 三、（八）；《行政处罚法》第四十七条（参照）"
    assert drop_repeated_basis(reason, basis) == "不能证明现场执法进行了全程音像记录。"


def test_a_bracket_citing_something_else_stays() -> None:
    reason = "加处罚款决定书（第19页）未载明加处罚款的标准（《行政强制法》第四十五条第一款）。"
    assert drop_repeated_basis(reason, "《行政处罚法》第六十七条、第七十二条") == reason
    # a page reference, or no basis at all: nothing to drop
    assert drop_repeated_basis("询问笔录未逐页签名（第5页）", "《行政处罚法》第五十五条").endswith(
        "（第5页）"
    )
    assert drop_repeated_basis("未经法制审核（《行政处罚法》第五十八条）", "") == (
        "未经法制审核（《行政处罚法》第五十八条）"
    )


def test_a_page_the_reason_names_is_not_cited_again() -> None:
    """ "109号（第16页）：行政处罚决定书（第16页）处罚款…" in the demo's decision."""
    assert page_text(16, "行政处罚决定书（第16页）处罚款2000000元") == ""
    assert page_text(16, "行政处罚决定书处罚款2000000元") == "第16页"
    assert page_text(1, "见第16页") == "第1页"  # 第16页 does not cite 第1页
    assert page_text(None, "任意") == ""
