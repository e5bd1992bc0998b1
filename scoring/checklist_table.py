"""A province's official checklist table (rows of 序号/评查类别/评查项目/分值/评分细则/否决项)
turned into a :class:`~scoring.checklist.Checklist`, with a per-row validation report.

Bureaus receive their standard as an Excel sheet, not as our YAML, so importing the sheet
is the first-class way to get a province's checklist in. This module is the pure half:
the app reads the workbook and maps the sheet's columns to the role names below; here
the rows are checked and assembled. Every problem names the sheet row and column in
Chinese so the user can fix the sheet and try again.

Conventions of such tables that are honoured:
- 评查类别 is a merged cell: an empty category cell inherits the previous row's.
- A row with a category and nothing else is a heading; "合计/总分/小计" rows are skipped.
- A category cell may carry numbering and points, "一、执法主体（10分）": the name is
  cleaned and the points are checked against the sum of its items.
- The per-occurrence amount is read from 评分细则 ("每处扣1分", "缺一项扣2分");
  otherwise a defect costs the whole item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from scoring.checklist import TOTAL_POINTS, Checklist, fmt_points
from scoring.messages import translate_error

ROLES = ("seq", "category", "item", "points", "detail", "veto")
COLUMN_NAMES = {
    "seq": "序号",
    "category": "评查类别",
    "item": "评查项目",
    "points": "分值",
    "detail": "评分细则",
    "veto": "否决项",
}
DEFAULT_GRADES: tuple[tuple[str, float], ...] = (
    ("优秀", 90),
    ("良好", 80),
    ("合格", 70),
    ("不合格", 0),
)
_ID_PREFIX = {"penalty": "P", "coercion": "C"}

_VETO_YES = {"是", "√", "✓", "✔"}
_VETO_NO = {"", "否", "×", "✗", "✘"}
_TOTAL_WORDS = ("合计", "总计", "总分", "小计")
_CN_NUMBERS = {
    "半": "0.5",
    "一": "1",
    "二": "2",
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    "十": "10",
}
_PER_OCCURRENCE = re.compile(
    r"(?:每|缺|少)[^，,。；;扣]{0,8}?扣(?:除)?\s*(\d+(?:\.\d+)?|[半一二两三四五六七八九十])\s*分"
)
_POINTS_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*分?\s*$")
_CATEGORY_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．)）]\s*")
_CATEGORY_POINTS = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")


@dataclass(frozen=True)
class ChecklistMeta:
    """What the table does not say and the user enters in the import dialog."""

    id: str
    name: str
    province: str
    kind: str
    version: str
    effective_date: date
    source: str
    grades: tuple[tuple[str, float], ...] = DEFAULT_GRADES
    veto_grade: str = "不合格"
    id_prefix: str | None = None
    """Item ids are ``<prefix>-<category#>.<n>``; default P (penalty) / C (coercion)."""


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong (or, in ``notes``, worth knowing) about the table."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row is not None else "整表"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}"


@dataclass
class ValidationReport:
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)
    """Things done on the user's behalf (inherited categories, skipped total rows)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, row: int | None, role: str | None, message: str) -> None:
        self.problems.append(RowProblem(row, COLUMN_NAMES.get(role or "", role), message))

    def note(self, row: int | None, role: str | None, message: str) -> None:
        self.notes.append(RowProblem(row, COLUMN_NAMES.get(role or "", role), message))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        if self.ok:
            return "评查表检查通过"
        return "\n".join([f"评查表有 {len(self.problems)} 处问题：", *self.lines()])


# ------------------------------------------------------------------ cell parsing
def cell_text(value: object) -> str:
    """A cell as text: None → "", 3.0 → "3", strings stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# No item of a 100-point checklist is worth more; beyond it a cell is garbage, not points
# (and 1e300 would break the half-point check's decimal arithmetic: found by fuzzing).
MAX_POINTS = Decimal(10_000)


def parse_points(value: object) -> Decimal | None:
    """分值 cell → Decimal, or None when it is not a (non-negative, sane) number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
    else:
        match = _POINTS_TEXT.match(cell_text(value))
        if not match:
            return None
        number = Decimal(match.group(1))
    return number if number.is_finite() and 0 <= number <= MAX_POINTS else None


def parse_veto(value: object) -> bool | None:
    """否决项 cell → True/False, or None when it is none of 是/否/√/×/空."""
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if text in _VETO_YES:
        return True
    if text in _VETO_NO:
        return False
    return None


def parse_amount(detail: str) -> Decimal | None:
    """The per-occurrence amount stated in 评分细则 ("每处扣1分", "缺一项扣0.5分"), if any."""
    match = _PER_OCCURRENCE.search(detail)
    if not match:
        return None
    raw = match.group(1)
    return Decimal(_CN_NUMBERS.get(raw, raw))


def parse_category(text: str) -> tuple[str, Decimal | None]:
    """ "一、执法主体（10分）" → ("执法主体", 10)."""
    name = _CATEGORY_NUMBERING.sub("", text)
    declared = None
    match = _CATEGORY_POINTS.search(name)
    if match:
        declared = Decimal(match.group(1))
        name = name[: match.start()]
    return name.strip(), declared


# ------------------------------------------------------------------ assembly
@dataclass
class _Item:
    row: int
    seq: str
    text: str
    points: Decimal
    detail: str
    veto: bool
    amount: Decimal | None


@dataclass
class _Category:
    name: str
    declared: Decimal | None
    declared_row: int
    items: list[_Item] = field(default_factory=list)


def _is_total_row(cells: Mapping[str, str]) -> bool:
    return any(cells[r].startswith(_TOTAL_WORDS) for r in ("seq", "category", "item"))


class _TableReader:
    """Walks the rows once, carrying the current category down merged cells."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        self.categories: dict[str, _Category] = {}
        self.current: _Category | None = None

    def read(self, rows: Sequence[Mapping[str, object]]) -> None:
        for index, row in enumerate(rows):
            number = row.get("row")
            row_no = number if isinstance(number, int) else index + 1
            self.read_row(row_no, row)

    def set_category(self, row_no: int, text: str) -> None:
        name, declared = parse_category(text)
        category = self.categories.get(name)
        if category is None:
            category = _Category(name=name, declared=declared, declared_row=row_no)
            self.categories[name] = category
        elif declared is not None and category.declared is None:
            category.declared, category.declared_row = declared, row_no
        self.current = category

    def read_row(self, row_no: int, row: Mapping[str, object]) -> None:
        cells = {role: cell_text(row.get(role)) for role in ROLES}
        if not any(cells.values()):
            return
        if _is_total_row(cells):
            self.report.note(row_no, None, "合计行，已跳过")
            return
        if cells["category"]:
            self.set_category(row_no, cells["category"])
        if not cells["item"]:
            self.read_heading(row_no, row, cells)
            return
        if self.current is None:
            self.report.problem(row_no, "category", "缺少评查类别（之前也没有可沿用的类别）")
            return
        if not cells["category"]:
            self.report.note(row_no, "category", f"沿用上一行的评查类别“{self.current.name}”")
        item = self.read_item(row_no, row, cells)
        if item is not None:
            self.current.items.append(item)

    def read_heading(
        self, row_no: int, row: Mapping[str, object], cells: Mapping[str, str]
    ) -> None:
        """A row without item text: a category heading (maybe with the category's points)."""
        if cells["category"] and not cells["detail"]:
            if cells["points"] and self.current is not None:
                declared = parse_points(row.get("points"))
                if declared is None:
                    self.report.problem(row_no, "points", f"分值不是数字（{cells['points']}）")
                elif self.current.declared is None:
                    self.current.declared, self.current.declared_row = declared, row_no
        elif cells["points"] or cells["detail"]:
            self.report.problem(row_no, "item", "评查项目为空")
        else:
            self.report.note(row_no, None, "只有序号或否决项，已跳过")

    def read_item(
        self, row_no: int, row: Mapping[str, object], cells: Mapping[str, str]
    ) -> _Item | None:
        problems_before = len(self.report.problems)
        points = parse_points(row.get("points"))
        if points is None:
            shown = cells["points"] or "空"
            self.report.problem(row_no, "points", f"分值不是数字（{shown}）")
        elif points % Decimal("0.5"):
            self.report.problem(row_no, "points", f"分值 {points} 应为 0.5 的整数倍")
        veto = parse_veto(row.get("veto"))
        if veto is None:
            self.report.problem(
                row_no, "veto", f"否决项应填 是、否、√、× 或留空，实际为“{cells['veto']}”"
            )
        amount = parse_amount(cells["detail"])
        if points is not None and amount is not None and amount > points:
            self.report.problem(
                row_no, "detail", f"评分细则中的每处扣分 {amount} 分大于分值 {points} 分"
            )
        if points == 0 and veto is False:
            self.report.problem(row_no, "points", "分值为 0 的项目只能是否决项")
        if len(self.report.problems) > problems_before or points is None or veto is None:
            return None
        return _Item(row_no, cells["seq"], cells["item"], points, cells["detail"], veto, amount)


def _check_sums(categories: list[_Category], report: ValidationReport) -> None:
    if not any(c.items for c in categories):
        report.problem(None, None, "表中没有任何评查项目")
        return
    for category in categories:
        total = sum((i.points for i in category.items), Decimal(0))
        if not category.items:
            report.problem(
                category.declared_row, "category", f"评查类别“{category.name}”下没有项目"
            )
        elif category.declared is not None and category.declared != total:
            report.problem(
                category.declared_row,
                "category",
                f"评查类别“{category.name}”标明 {fmt_points(category.declared)} 分，"
                f"但其下各项分值之和为 {fmt_points(total)} 分",
            )
    grand = sum((i.points for c in categories for i in c.items), Decimal(0))
    if grand != TOTAL_POINTS:
        report.problem(None, "points", f"分值合计为 {fmt_points(grand)} 分，应为 100 分")


def _to_data(categories: list[_Category], meta: ChecklistMeta) -> tuple[dict[str, Any], dict]:
    prefix = meta.id_prefix or _ID_PREFIX.get(meta.kind, "X")
    rows: dict[tuple[int, int], int] = {}
    data_categories = []
    for ci, category in enumerate(categories):
        items = []
        for ii, it in enumerate(category.items):
            rows[(ci, ii)] = it.row
            rule: dict[str, Any] = {"mode": "all_or_nothing"}
            if it.amount is not None:
                rule = {"mode": "per_occurrence", "amount": float(it.amount)}
            where = f"序号 {it.seq}" if it.seq else f"第 {it.row} 行"
            items.append(
                {
                    "id": f"{prefix}-{ci + 1}.{ii + 1}",
                    "text": it.text,
                    "points": float(it.points),
                    "rule": rule,
                    "veto": it.veto,
                    "source": f"{meta.source}（{where}）",
                    "detail": it.detail or None,
                }
            )
        points = float(sum((i.points for i in category.items), Decimal(0)))
        data_categories.append({"name": category.name, "points": points, "items": items})
    data = {
        "id": meta.id,
        "name": meta.name,
        "province": meta.province,
        "kind": meta.kind,
        "version": meta.version,
        "effective_date": meta.effective_date,
        "source": meta.source,
        "categories": data_categories,
        "grades": [{"grade": g, "min": m} for g, m in meta.grades],
        "veto_grade": meta.veto_grade,
    }
    return data, rows


_FIELD_ROLE = {"text": "item", "points": "points", "rule": "detail", "veto": "veto", "id": "seq"}


def _report_validation(exc: ValidationError, rows: dict, report: ValidationReport) -> None:
    """Errors the schema still finds (e.g. bad metadata) mapped back to sheet rows."""
    for error in exc.errors():
        problem = translate_error(dict(error))
        loc = error["loc"]
        if len(loc) >= 4 and loc[0] == "categories" and loc[2] == "items":
            field_name = loc[4] if len(loc) > 4 else None
            role = _FIELD_ROLE.get(str(field_name))
            report.problem(rows.get((loc[1], loc[3])), role, problem.message)
        else:
            report.problem(None, None, f"标准信息 {problem}")


def checklist_from_rows(
    rows: Sequence[Mapping[str, object]], meta: ChecklistMeta
) -> tuple[Checklist | None, ValidationReport]:
    """Rows keyed by role ("seq", "category", "item", "points", "detail", "veto", and
    "row" = the sheet's row number) → the checklist, or None, and the report."""
    report = ValidationReport()
    reader = _TableReader(report)
    reader.read(rows)
    categories = list(reader.categories.values())
    _check_sums(categories, report)
    if not report.ok:
        return None, report
    data, row_of = _to_data(categories, meta)
    try:
        return Checklist.model_validate(data), report
    except ValidationError as exc:
        _report_validation(exc, row_of, report)
        return None, report
