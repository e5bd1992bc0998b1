"""Masking names, ID and phone numbers in the circular's example texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.documents.anonymise import (
    anonymise,
    anonymise_all,
    is_person_name,
    mask_cued_names,
    mask_id_numbers,
    mask_phone_numbers,
    pseudonym,
)

GIVEN_CHARS = "三四伟芳娜敏静丽磊洋勇艳杰娟涛超"
SURNAMES = "张李王赵刘陈杨黄周吴"


def test_id_numbers_keep_region_and_last_four() -> None:
    assert mask_id_numbers("身份证号330102198001011234") == "身份证号330102********1234"
    assert mask_id_numbers("号码33010219800101123X。") == "号码330102********123X。"
    assert mask_id_numbers("旧证330102800101123") == "旧证330102*****1123"
    # case numbers, dates and amounts are not touched
    text = "某市1罚〔2026〕15号，2026年3月1日罚款20000元"
    assert mask_id_numbers(text) == text


def test_phone_numbers_are_masked_in_the_middle() -> None:
    assert mask_phone_numbers("电话13812345678") == "电话138****5678"
    assert mask_phone_numbers("座机0571-87654321") == "座机0571-****4321"
    assert mask_phone_numbers("罚款5000元") == "罚款5000元"


def test_person_or_organisation() -> None:
    assert is_person_name("张三") and is_person_name("欧阳修") and is_person_name("买买提·艾力")
    for organisation in ("某某商贸有限公司", "某某餐饮店", "红星农民专业合作社", "某市交通运输局"):
        assert not is_person_name(organisation)
    assert not is_person_name("张某") and not is_person_name("") and not is_person_name(None)
    assert pseudonym("张三") == "张某" and pseudonym("欧阳修") == "欧阳某"


def test_reasons_of_the_reviewed_library() -> None:
    assert anonymise("询问笔录未由当事人张三逐页签名") == "询问笔录未由当事人张某逐页签名"
    assert (
        anonymise("当事人李四（身份证号330102198001011234）有从轻情节未适用")
        == "当事人李某（身份证号330102********1234）有从轻情节未适用"
    )
    assert anonymise("执法人员王小明无行政执法证件") == "执法人员王某无行政执法证件"


def test_cued_names_lists_and_organisations() -> None:
    assert mask_cued_names("执法人员张三、李四未出示证件") == "执法人员张某、李某未出示证件"
    assert mask_cued_names("法定代表人：欧阳修签名缺失") == "法定代表人：欧阳某签名缺失"
    # an organisation after the cue and an already masked name stay as they are
    assert mask_cued_names("当事人王记餐饮店未办理许可") == "当事人王记餐饮店未办理许可"
    assert mask_cued_names("当事人张某未签名") == "当事人张某未签名"
    assert mask_cued_names("当事人某某商贸有限公司未陈述") == "当事人某某商贸有限公司未陈述"


def test_the_party_is_masked_wherever_it_appears() -> None:
    assert anonymise("张三未到场，告知书由张三家属代收", ["张三", "某某公司"]) == (
        "张某未到场，告知书由张某家属代收"
    )
    assert anonymise("某某商贸有限公司未申辩", ["某某商贸有限公司"]) == "某某商贸有限公司未申辩"


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=17, max_size=17))
    return body + draw(st.sampled_from("0123456789X"))


@given(st.text(max_size=30), id_numbers(), st.text(max_size=30))
def test_no_id_number_is_ever_left_intact(before: str, number: str, after: str) -> None:
    assert number not in anonymise(before + number + after)


@given(
    st.text(max_size=30).filter(lambda s: not s[-1:].isdecimal()),
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.text(max_size=30).filter(lambda s: not s[:1].isdecimal()),
)
def test_no_mobile_number_is_ever_left_intact(before: str, number: str, after: str) -> None:
    # a mobile number standing alone (not part of a longer run of digits)
    assert number not in anonymise(before + number + after)


@given(
    st.text(max_size=20),
    st.sampled_from(SURNAMES),
    st.text(GIVEN_CHARS, min_size=1, max_size=2),
    st.text(max_size=20),
)
def test_a_person_party_never_appears(
    before: str, family: str, given_name: str, after: str
) -> None:
    name = family + given_name
    result = anonymise(before + name + after, [name])
    assert name not in result
    assert family + "某" in result


def test_known_names_without_a_cue_and_every_text_of_a_context() -> None:
    """Names from the database (an officer, a party) are masked where no cue word stands
    before them; a whole context is walked, numbers and other values kept."""
    names = ["周建国", "某某商贸有限公司", None, ""]
    assert anonymise("现场笔录仅周建国一人签名", names) == "现场笔录仅周某一人签名"
    context = {
        "title": "通报",
        "rows": [{"text": "周建国未出示证件，电话13812345678", "count": 3}],
        "pair": ("周建国", 1.5),
    }
    masked = anonymise_all(context, names)
    assert masked == {
        "title": "通报",
        "rows": [{"text": "周某未出示证件，电话138****5678", "count": 3}],
        "pair": ("周某", 1.5),
    }


def test_a_name_in_brackets_after_the_cue() -> None:
    """An automatic pre-check writes the officer it found in brackets."""
    assert (
        anonymise("询问笔录仅载明1名执法人员（杨华），执法人员不得少于两人")
        == "询问笔录仅载明1名执法人员（杨某），执法人员不得少于两人"
    )
    assert anonymise("当事人(王小明、李四)未签名") == "当事人(王某、李某)未签名"


def test_an_officers_certificate_number_is_masked() -> None:
    """The demo's circular named 韩某 and printed 执法证号32053235753 beside it."""
    text = "第5页执法人员韩平（执法证号32053235753）的执法证不在有效期内；执法证件号：A1234567X"
    masked = anonymise(text, ["韩平"])
    assert "32053235753" not in masked and "A1234567X" not in masked
    assert "执法证号3205*****53" in masked and "执法证件号：A123***7X" in masked
    # dates and short numbers after the cue words stay
    assert anonymise("证号2024年1月3日") == "证号2024年1月3日"
