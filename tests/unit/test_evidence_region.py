"""Evidence regions: the format of app/review/evidence.py and its validation by the service
(stored normalised, refused in Chinese when malformed, kept, moved and cleared on update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.review import evidence
from app.review.evidence import Region, normalise_region, parse_region_arg, read_region
from app.review.reviews import DeductionUpdate, ReviewService
from app.store.database import Database
from app.store.models import AuditEntry
from tests.unit.test_reviews import add_case, campaign_with, make_db


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = make_db(f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", tmp_path)
    yield database
    database.dispose()


# ---------------------------------------------------------------- the format
def test_a_region_is_normalised_ordered_clamped_and_rounded() -> None:
    region = normalise_region(
        {"page": 3, "x0": 0.8, "y0": 0.623456789, "x1": 0.1, "y1": -0.001}, page=3
    )
    assert region == Region(3, 0.1, 0.0, 0.8, 0.6235)
    assert region.as_json() == {"page": 3, "x0": 0.1, "y0": 0.0, "x1": 0.8, "y1": 0.6235}
    assert normalise_region(region) == region  # a Region passes as itself
    assert normalise_region({"page": 1, "x0": 0, "y0": 0, "x1": 1, "y1": 1}).width == 1.0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("page 3", "证据区域格式不正确"),
        ({"page": 3, "x0": 0.1, "y0": 0.1, "x1": 0.2}, "证据区域缺少 y1"),
        ({"page": 3, "x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.3, "w": 1}, "无法识别的字段：w"),
        ({"page": 0, "x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.3}, "页码应为从 1 起的整数"),
        ({"page": True, "x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.3}, "页码应为从 1 起的整数"),
        ({"page": 3, "x0": "左", "y0": 0.1, "x1": 0.2, "y1": 0.3}, "x0 应为 0 到 1 之间的小数"),
        ({"page": 3, "x0": float("nan"), "y0": 0.1, "x1": 0.2, "y1": 0.3}, "x0 应为 0 到 1"),
        ({"page": 3, "x0": 0.1, "y0": 0.1, "x1": 1.5, "y1": 0.3}, "x1 为 1.5，超出页面范围"),
        ({"page": 3, "x0": 0.1, "y0": -0.2, "x1": 0.5, "y1": 0.3}, "y0 为 -0.2，超出页面范围"),
        ({"page": 3, "x0": 0.2, "y0": 0.1, "x1": 0.2, "y1": 0.3}, "宽度或高度为零"),
        (
            {"page": 4, "x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.3},
            "位于第 4 页，与扣分所在的第 3 页",
        ),
    ],
)
def test_malformed_regions_are_refused_in_chinese(value: object, message: str) -> None:
    with pytest.raises(UserError, match=message):
        normalise_region(value, page=3)


def test_points_and_fractions_map_both_ways() -> None:
    a4 = (595.28, 841.89)
    region = Region.from_points(2, (59.528, 84.189, 297.64, 420.945), *a4)
    assert region == Region(2, 0.1, 0.1, 0.5, 0.5)
    x0, y0, x1, y1 = region.to_points(*a4)
    assert (x0, y0, x1, y1) == pytest.approx((59.528, 84.189, 297.64, 420.945))
    # A drag that ran past the page's edge ends on the edge.
    assert Region.from_points(1, (-30, 700, 200, 900), *a4).y1 == 1.0


def test_stored_values_are_read_leniently_for_display() -> None:
    assert read_region(None) is None and read_region({}) is None
    assert read_region({"x": 0.1, "y": 0.2, "w": 0.3, "h": 0.1}) is None  # unreadable
    assert read_region({"page": 2, "x0": 0.1, "y0": 0.1, "x1": 0.3, "y1": 0.2}) == Region(
        2, 0.1, 0.1, 0.3, 0.2
    )
    assert evidence.region_label(Region(2, 0.1, 0.1, 0.3, 0.2)) == "已框选第 2 页的一块区域"


def test_the_cli_argument_is_four_fractions_on_a_page() -> None:
    assert parse_region_arg("0.5, 0.2,0.1,0.4", 7) == Region(7, 0.1, 0.2, 0.5, 0.4)
    assert parse_region_arg("0.1，0.2，0.3，0.4", 1) == Region(1, 0.1, 0.2, 0.3, 0.4)
    with pytest.raises(UserError, match="需要同时用 --page"):
        parse_region_arg("0.1,0.2,0.3,0.4", None)
    with pytest.raises(UserError, match="应写成 X0,Y0,X1,Y1"):
        parse_region_arg("0.1,0.2,0.3", 1)
    with pytest.raises(UserError, match="应写成 X0,Y0,X1,Y1"):
        parse_region_arg("0.1,0.2,0.3,四", 1)
    with pytest.raises(UserError, match="超出页面范围"):
        parse_region_arg("0.1,0.2,3,0.4", 1)


# ---------------------------------------------------------------- the service
def test_deduct_stores_the_normalised_region_and_audits_it(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    reviews = ReviewService(db, default_reviewer="王五")
    change = reviews.deduct(
        campaign,
        case,
        "P-2.2",
        1,
        "询问笔录未签名",
        page=5,
        region={"page": 5, "x0": 0.61234567, "y0": 0.7, "x1": 0.2, "y1": 0.4},
    )
    [stored] = reviews.deductions(campaign, case)
    assert stored.page == 5
    assert stored.region == {"page": 5, "x0": 0.2, "y0": 0.4, "x1": 0.6123, "y1": 0.7}
    assert stored.as_json()["region"] == stored.region
    with db.session() as s:
        entry = s.scalar(
            select(AuditEntry).where(
                AuditEntry.entity == "deduction",
                AuditEntry.entity_id == str(change.deduction_id),
                AuditEntry.action == "create",
            )
        )
        after = entry.after
    assert after["region"] == stored.region

    # No page given: the region says which page the deduction is on.
    reviews.deduct(
        campaign,
        case,
        "P-2.3",
        1,
        "送达回证无日期",
        region={"page": 9, "x0": 0.1, "y0": 0.1, "x1": 0.3, "y1": 0.2},
    )
    assert reviews.deductions(campaign, case)[1].page == 9


def test_deduct_refuses_a_bad_region_and_stores_nothing(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    reviews = ReviewService(db, default_reviewer="王五")
    box = {"x0": 0.1, "y0": 0.1, "x1": 0.3, "y1": 0.2}
    with pytest.raises(UserError, match="位于第 4 页，与扣分所在的第 5 页不一致"):
        reviews.deduct(campaign, case, "P-2.2", 1, "理由", page=5, region={"page": 4, **box})
    with pytest.raises(UserError, match="超出页面范围"):
        reviews.deduct(
            campaign, case, "P-2.2", 1, "理由", page=5, region={**box, "page": 5, "x1": 1.2}
        )
    with pytest.raises(UserError, match="页码 31 超出案卷范围"):  # the case has 30 pages
        reviews.deduct(campaign, case, "P-2.2", 1, "理由", region={"page": 31, **box})
    assert reviews.deductions(campaign, case) == []
    reviews.deduct(campaign, case, "P-2.2", 1, "理由", page=5, region={})  # {}: no region
    assert reviews.deductions(campaign, case)[0].region is None


def test_update_keeps_replaces_moves_and_clears_the_region(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    reviews = ReviewService(db, default_reviewer="王五")
    box = {"x0": 0.1, "y0": 0.1, "x1": 0.3, "y1": 0.2}
    deduction = reviews.deduct(
        campaign, case, "P-2.2", 1, "理由", page=5, region={"page": 5, **box}
    ).deduction_id

    def stored():  # type: ignore[no-untyped-def]
        return reviews.deductions(campaign, case)[0]

    reviews.update_deduction(
        deduction, DeductionUpdate(count=2, reason="两处未签名")
    )  # region untouched
    assert stored().region == {"page": 5, **box} and stored().count == 2

    reviews.update_deduction(
        deduction, DeductionUpdate(region={"page": 5, "x0": 0.5, "y0": 0.5, "x1": 0.9, "y1": 0.6})
    )
    assert stored().region == {"page": 5, "x0": 0.5, "y0": 0.5, "x1": 0.9, "y1": 0.6}

    with pytest.raises(UserError, match="位于第 6 页，与扣分所在的第 5 页不一致"):
        reviews.update_deduction(deduction, DeductionUpdate(region={"page": 6, **box}))
    with pytest.raises(UserError, match="缺少 page"):
        reviews.update_deduction(deduction, DeductionUpdate(region=box))
    assert stored().region["x0"] == 0.5  # refused: unchanged

    # A new page with a region on it; then a new page alone drops the region of the old one.
    reviews.update_deduction(deduction, DeductionUpdate(page=7, region={"page": 7, **box}))
    assert (stored().page, stored().region) == (7, {"page": 7, **box})
    reviews.update_deduction(deduction, DeductionUpdate(page=8))
    assert (stored().page, stored().region) == (8, None)

    reviews.update_deduction(deduction, DeductionUpdate(region={"page": 8, **box}))
    assert stored().region == {"page": 8, **box}
    reviews.update_deduction(deduction, DeductionUpdate(region=evidence.CLEAR))
    assert stored().region is None and stored().page == 8
    with db.session() as s:
        last = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "deduction", AuditEntry.action == "update")
            .order_by(AuditEntry.id.desc())
        ).first()
        before, after = last.before, last.after
    assert before["region"] == {"page": 8, **box} and after["region"] is None
