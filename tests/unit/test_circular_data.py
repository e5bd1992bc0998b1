"""The circular's context: the contract with the template's field list, the figures,
anonymised examples, the comparison with the previous quarter and the charts."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.documents.campaign_stats import campaign_stats
from app.documents.circular import circular_context
from app.documents.images import Picture
from app.documents.template_fields import FieldSpec, check_context, load_specs
from app.review.campaigns import CampaignService
from app.review.reviews import ReviewService
from app.store.models import Officer
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

MARKET, CITY, TRANSPORT = DEPARTMENTS
ISSUED = date(2026, 11, 23)

pytestmark = pytest.mark.filterwarnings("error:Glyph:UserWarning")


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> ReviewedLibrary:
    lib = build_reviewed_library(tmp_path_factory.mktemp("circular"))
    # make the quarter differ from the previous one and the departments differ from each other
    ReviewService(lib.db, default_reviewer="王评查").deduct(
        lib.spotcheck, lib.cases[TRANSPORT][-1], "P-6.1", 2, "案卷封面未填写当事人张三的名称"
    )
    return lib


@pytest.fixture(scope="module")
def context(lib: ReviewedLibrary, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return circular_context(
        campaign_stats(lib.db, lib.spotcheck),
        organ="某市司法局",
        issued_date=ISSUED,
        chart_dir=tmp_path_factory.mktemp("charts"),
        number="某司通〔2026〕5号",
        corrections={MARKET: 2, TRANSPORT: 1},
        rectification={CITY: "限期30日内整改"},
    )


def _keys(fields: dict[str, FieldSpec]) -> dict[str, Any]:
    return {name: _keys(spec.fields) if spec.fields else None for name, spec in fields.items()}


def _shape(value: Any, spec: dict[str, Any] | None) -> Any:
    if spec is None:
        return None
    if isinstance(value, list):
        return _shape(value[0], spec) if value else spec
    return {k: _shape(value[k], spec[k]) for k in value}


def test_matches_the_template_field_list_exactly(context: dict[str, Any]) -> None:
    spec = load_specs()["circular"]
    check_context(spec, context)  # every declared field, of the declared kind
    assert _shape(context, _keys(spec.fields)) == _keys(spec.fields)  # and nothing else


def test_heading_and_summary(context: dict[str, Any]) -> None:
    assert context["title"] == "关于2026年第二季度行政执法案卷抽查情况的通报"
    assert context["organ"] == "某市司法局" and context["number"] == "某司通〔2026〕5号"
    assert context["issued_date"] == "2026年11月23日"
    assert context["period_label"] == "2026年第二季度" and context["kind_label"] == "抽查"
    assert context["campaign_name"] == "2026年第二季度行政执法案卷抽查"
    # 1170 − 1 = 1169 points over 12 cases = 97.41…
    assert context["summary"] == {
        "cases": 12,
        "departments": 3,
        "average": "97.4",
        "median": "96.5",  # six 96s, then 97: (96 + 97) / 2
        "highest": "100.0",
        "lowest": "96.0",
        "vetoed": 3,
    }
    assert context["grades"] == [
        {"grade": "优秀", "count": 9, "share": "75.0%"},
        {"grade": "良好", "count": 0, "share": "0.0%"},
        {"grade": "合格", "count": 0, "share": "0.0%"},
        {"grade": "不合格", "count": 3, "share": "25.0%"},
    ]


def test_department_table(context: dict[str, Any]) -> None:
    rows = context["departments"]
    assert [(r["rank"], r["name"], r["average"]) for r in rows] == [
        (1, MARKET, "97.5"),
        (1, CITY, "97.5"),
        (3, TRANSPORT, "97.3"),  # 389 / 4 = 97.25 → 97.3 (half up)
    ]
    assert rows[0] == {
        "rank": 1,
        "name": MARKET,
        "cases": 4,
        "average": "97.5",
        "median": "97.0",
        "excellent": 3,
        "good": 0,
        "passed": 0,
        "failed": 1,
        "rectification": "",
    }
    assert rows[1]["rectification"] == "限期30日内整改"
    assert context["corrections"] == [
        {"department": MARKET, "count": 2},
        {"department": TRANSPORT, "count": 1},
    ]


def test_categories_with_anonymised_examples(context: dict[str, Any]) -> None:
    categories = context["categories"]
    counts = [c["count"] for c in categories]
    assert counts == sorted(counts, reverse=True) and all(counts)
    assert {c["name"] for c in categories} >= {"执法主体", "法律适用", "执法程序", "案卷管理"}
    for c in categories:
        assert 1 <= len(c["examples"]) <= 3
        assert all(e["case_no"] and e["text"] for e in c["examples"])
        assert isinstance(c["points_lost"], str)
    texts = [e["text"] for c in categories for e in c["examples"]]
    assert "当事人李某（身份证号330102********1234）有从轻情节未适用（第12页）" in texts
    assert "执法人员王某无行政执法证件（第3页）" in texts
    assert "案卷封面未填写当事人张某的名称" in texts
    published = json.dumps(context, ensure_ascii=False, default=str)
    for secret in ("张三", "李四", "王小明", "330102198001011234"):
        assert secret not in published


def test_top_items(context: dict[str, Any]) -> None:
    items = context["top_items"]
    assert 1 <= len(items) <= 10
    assert items[0]["count"] >= items[-1]["count"]
    assert {"item", "text", "count"} == set(items[0])
    assert any(i["item"] == "P-4.4" and i["count"] == 3 for i in items)


def test_comparison_with_the_previous_quarter(context: dict[str, Any]) -> None:
    sentence = context["comparison"]
    assert sentence.startswith("与2026年第一季度抽查相比")
    assert "比上期（97.5分）下降0.1分" in sentence
    assert "不合格3件（上期3件）" in sentence and sentence.endswith("。")


def test_charts_are_pictures_of_rendered_pngs(context: dict[str, Any]) -> None:
    charts = context["charts"]
    assert [c["title"] for c in charts][:2] == [
        "各执法单位案卷平均得分",
        "各执法单位平均得分变化趋势",
    ]
    for c in charts:
        assert isinstance(c["picture"], Picture) and c["picture"].path.suffix == ".png"
        with Image.open(c["picture"].path) as image:
            assert image.size[0] >= 1200


def test_first_quarter_and_empty_campaign(lib: ReviewedLibrary, tmp_path: Path) -> None:
    first = circular_context(
        campaign_stats(lib.db, lib.spotcheck_previous),
        organ="某市司法局",
        issued_date=ISSUED,
        chart_dir=tmp_path,
    )
    assert first["comparison"] == "" and first["corrections"] == [] and first["number"] == ""
    assert first["title"] == "关于2026年第一季度行政执法案卷抽查情况的通报"
    own = circular_context(
        campaign_stats(lib.db, lib.selfreview),
        organ="某市司法局",
        issued_date=ISSUED,
        chart_dir=tmp_path,
    )
    assert own["title"] == "关于2026年第二季度行政执法案卷自评情况的通报"

    empty_id = (
        CampaignService(lib.db)
        .create("2027年第一季度抽查", "spotcheck", "2027Q1", departments=[MARKET])
        .id
    )
    empty = circular_context(
        campaign_stats(lib.db, empty_id),
        organ="某市司法局",
        issued_date=ISSUED,
        chart_dir=tmp_path / "e",
    )
    check_context(load_specs()["circular"], empty)
    assert empty["summary"]["cases"] == 0 and empty["summary"]["average"] == "—"
    assert empty["categories"] == [] and empty["top_items"] == [] and empty["comparison"] == ""
    assert empty["departments"][0]["rank"] == "" and empty["departments"][0]["average"] == "—"


def test_names_the_database_knows_are_masked_without_a_cue(
    lib: ReviewedLibrary, tmp_path: Path
) -> None:
    """An officer of the roster and a party, named in a reason with no cue word before
    them, are masked in every text of the circular (issue 18 item 6)."""
    with lib.db.session() as session:
        session.add(Officer(name="欧阳建国", certificate_no="33010000123"))
    stats = campaign_stats(lib.db, lib.spotcheck)
    assert {"欧阳建国", "张三", "李四"} <= set(stats.personal_names)
    first = stats.deductions[0]
    reasons = [
        dataclasses.replace(first, reason="现场检查笔录仅欧阳建国一人签名，李四未到场。", page=13),
        *stats.deductions[1:],
    ]
    context = circular_context(
        dataclasses.replace(stats, deductions=reasons),
        organ="某市司法局",
        issued_date=ISSUED,
        chart_dir=tmp_path,
        rectification={CITY: "欧阳建国负责整改"},
    )
    texts = [e["text"] for c in context["categories"] for e in c["examples"]]
    assert "现场检查笔录仅欧阳某一人签名，李某未到场（第13页）" in texts
    published = json.dumps(context, ensure_ascii=False, default=str)
    assert "欧阳建国" not in published and "李四" not in published
    assert "。（第" not in published  # the page stands before the closing stop
    assert "欧阳某负责整改" in published


def test_an_example_that_names_its_page_is_not_given_it_again() -> None:
    """Seen in the demo 通报: "…未载明执法记录仪…（第5页）…（第5页）"."""
    from app.documents.circular import _examples
    from app.documents.stats_results import DeductionRow

    def row(reason: str, page: int) -> DeductionRow:
        return DeductionRow(1, "某罚〔2026〕1号", "某局", "", "P-4.1", "项", "执法程序", 1, 1.0,
                            reason, "", page, "王", False)  # fmt: skip

    texts = [e["text"] for e in _examples([row("现场笔录（第5页）未载明执法记录仪", 5)], ())]
    assert texts == ["现场笔录（第5页）未载明执法记录仪"]
    texts = [e["text"] for e in _examples([row("送达回证缺少日期。", 7)], ())]
    assert texts == ["送达回证缺少日期（第7页）"]
