"""The checklist (评查标准) schema: one pydantic model is the single source of truth.

Checklists are data a bureau edits and imports, so every rule about their shape lives
in these models (and the JSON schema exported from them), never in hand-written checks
scattered over the loader, the importer and the UI. Cross-field rules that pydantic
cannot express as constraints (sums, unique ids, band order) are model validators that
raise ``PydanticCustomError`` with a Chinese message and a ``field`` hint, so the
loader can name the exact place in the file.

Run ``python -m scoring.checklist`` to rewrite ``scoring/checklists/schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

SCHEMA_FILE = Path(__file__).resolve().parent / "checklists" / "schema.json"
TOTAL_POINTS = Decimal(100)
# The two kinds of case file a checklist is for, as every paper, list and message names them.
CASE_KIND_LABELS = {"penalty": "行政处罚", "coercion": "行政强制"}

Points = Annotated[
    float,
    Field(ge=0, le=100, multiple_of=0.5, description="分值，≥0，可为0.5的倍数"),
]
ItemId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        max_length=32,
        description="评查项目编号，在本标准内唯一且保持稳定（自动预检按编号对应），如 P-3.2",
    ),
]
NonEmptyText = Annotated[str, Field(min_length=1)]


def dec(value: float) -> Decimal:
    """Exact decimal of a point value as written (0.1 stays 0.1, not 0.1000000000000000055)."""
    return Decimal(str(value))


def fmt_points(value: float | Decimal) -> str:
    """Points as a reviewer writes them: 3, 0.5, 2.5 (never 3.0 or 2.50)."""
    return f"{float(value):g}"


class _Model(BaseModel):
    # frozen: a loaded checklist is a fact a score was computed with, never edited in place.
    # extra=forbid: a misspelt key in a hand-edited file must be reported, not ignored.
    # coerce_numbers_to_str: `version: 2023` in YAML is a number but means the text "2023".
    model_config = ConfigDict(
        frozen=True, extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True
    )


class PerOccurrenceRule(_Model):
    """每处/每项扣 ``amount`` 分，扣完为止（不超过该项分值）。"""

    mode: Literal["per_occurrence"]
    amount: float = Field(gt=0, le=100, description="每处扣分，>0 且不大于该项分值")


class AllOrNothingRule(_Model):
    """发现问题即扣该项全部分值。"""

    mode: Literal["all_or_nothing"]


Rule = Annotated[PerOccurrenceRule | AllOrNothingRule, Field(discriminator="mode")]


class Item(_Model):
    """One 评查项目: what is checked, what it is worth, how a defect is scored."""

    id: ItemId
    text: NonEmptyText = Field(description="评查项目（检查内容）")
    points: Points
    rule: Rule = Field(
        description="扣分方式：per_occurrence（每处扣分）或 all_or_nothing（扣全分）"
    )
    veto: bool = Field(default=False, description="否决项：存在问题即评为不合格")
    supervision: bool = Field(
        default=False,
        description="监督事项：主体、职权、内容、程序、决定违法或重要制度未落实，汇总进监督意见书",
    )
    source: NonEmptyText = Field(description="出处：本项取自哪一份公开的评查标准")
    basis: str | None = Field(default=None, description="法律依据")
    detail: str | None = Field(default=None, description="评分细则")

    @model_validator(mode="after")
    def _rule_fits_points(self) -> Item:
        if self.points == 0 and not self.veto:
            raise PydanticCustomError(
                "zero_points_not_veto",
                "分值为0的项目只能是否决项（veto: true）",
                {"field": "points"},
            )
        if isinstance(self.rule, PerOccurrenceRule) and dec(self.rule.amount) > dec(self.points):
            raise PydanticCustomError(
                "amount_above_points",
                "每处扣分 {amount} 分大于该项分值 {points} 分",
                {
                    "field": "rule.amount",
                    "amount": fmt_points(self.rule.amount),
                    "points": fmt_points(self.points),
                },
            )
        return self


class Category(_Model):
    """评查类别: a group of items whose points add up to the category's points."""

    name: NonEmptyText
    points: Points = Field(description="类别分值，必须等于其下各项分值之和")
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _points_are_sum(self) -> Category:
        total = sum((dec(i.points) for i in self.items), Decimal(0))
        if total != dec(self.points):
            raise PydanticCustomError(
                "category_sum",
                "类别分值为 {points} 分，但其下各项分值之和为 {total} 分",
                {"field": "points", "points": fmt_points(self.points), "total": fmt_points(total)},
            )
        return self


class GradeBand(_Model):
    """得分不低于 ``min`` 即评为 ``grade``（自上而下取第一个满足的等次）。"""

    grade: NonEmptyText
    min: float = Field(ge=0, le=100)


class Checklist(_Model):
    """One version of one published (or bureau-imported) standard."""

    id: str = Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=64,
        description="标准编号（小写字母、数字和连字符），如 penalty-assembled",
    )
    name: NonEmptyText
    province: NonEmptyText
    kind: Literal["penalty", "coercion"] = Field(
        description="penalty（行政处罚）或 coercion（行政强制）"
    )
    version: NonEmptyText
    effective_date: date
    source: NonEmptyText
    categories: list[Category] = Field(min_length=1)
    grades: list[GradeBand] = Field(
        min_length=1, description="等次分档，min 严格递减，最后一档 min 为 0；各单位可自行配置"
    )
    veto_grade: NonEmptyText = Field(default="不合格", description="存在否决项时的等次")

    _by_id: dict[str, Item] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _whole_checklist_rules(self) -> Checklist:
        seen: dict[str, str] = {}
        for ci, category in enumerate(self.categories):
            for ii, item in enumerate(category.items):
                where = f"categories[{ci}].items[{ii}].id"
                if item.id in seen:
                    raise PydanticCustomError(
                        "duplicate_id",
                        "项目编号 {id} 重复（已用于 {first}）",
                        {"field": where, "id": item.id, "first": seen[item.id]},
                    )
                seen[item.id] = where
        total = sum((dec(c.points) for c in self.categories), Decimal(0))
        if total != TOTAL_POINTS:
            raise PydanticCustomError(
                "total_not_100",
                "各类别分值合计为 {total} 分，应为 100 分",
                {"field": "categories", "total": fmt_points(total)},
            )
        for gi, band in enumerate(self.grades[1:], start=1):
            if band.min >= self.grades[gi - 1].min:
                raise PydanticCustomError(
                    "grades_order",
                    "等次分档的最低分应严格递减：{grade} 的 {min} 分不低于上一档",
                    {
                        "field": f"grades[{gi}].min",
                        "grade": band.grade,
                        "min": fmt_points(band.min),
                    },
                )
        if self.grades[-1].min != 0:
            raise PydanticCustomError(
                "grades_floor",
                "最后一个等次的最低分应为 0，才能覆盖所有得分",
                {"field": f"grades[{len(self.grades) - 1}].min"},
            )
        return self

    def model_post_init(self, context: object, /) -> None:
        self._by_id = {item.id: item for item in self.iter_items()}

    # ------------------------------------------------------------ queries
    def iter_items(self) -> Iterator[Item]:
        for category in self.categories:
            yield from category.items

    def item(self, item_id: str) -> Item:
        """The item with this id; ``KeyError`` if the checklist has none."""
        return self._by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._by_id

    @property
    def item_count(self) -> int:
        return len(self._by_id)

    @property
    def total_points(self) -> float:
        return float(sum((dec(c.points) for c in self.categories), Decimal(0)))

    @property
    def veto_items(self) -> list[Item]:
        return [item for item in self.iter_items() if item.veto]

    def grade_for(self, score: float) -> str:
        """The band of a (non-vetoed) score: the first band whose minimum it reaches."""
        for band in self.grades:
            if score >= band.min:
                return band.grade
        return self.grades[-1].grade


def json_schema_text() -> str:
    """The JSON schema of a checklist file, as written to ``schema.json``."""
    schema = Checklist.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json_schema(path: Path = SCHEMA_FILE) -> Path:
    path.write_text(json_schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_json_schema())
