"""Chinese wording of checklist validation errors.

Pydantic reports errors as (type, location, context) in English. Reviewers read Chinese,
and a file or table they must fix is only useful if the message says *where* and *what*
in their words, so every error type a checklist can raise is translated here, once, for
the file loader and the Excel importer alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

# Union tags pydantic inserts into locations (``rule.per_occurrence.amount``); a user never
# wrote them, so they are dropped from the path shown.
_UNION_TAGS = {"per_occurrence", "all_or_nothing"}

# What each field is called in Chinese, so messages read "分值（points）".
FIELD_LABELS: dict[str, str] = {
    "id": "编号",
    "name": "名称",
    "province": "省份",
    "kind": "案卷类型",
    "version": "版本",
    "effective_date": "施行日期",
    "source": "出处",
    "categories": "评查类别",
    "items": "评查项目",
    "text": "项目内容",
    "points": "分值",
    "rule": "扣分方式",
    "mode": "扣分方式",
    "amount": "每处扣分",
    "veto": "否决项",
    "supervision": "监督事项",
    "basis": "法律依据",
    "detail": "评分细则",
    "grades": "等次分档",
    "grade": "等次",
    "min": "最低分",
    "veto_grade": "否决等次",
}

_NUMBER_TYPES = {"float_parsing", "float_type", "int_parsing", "int_type", "decimal_parsing"}
_DATE_TYPES = {
    "date_parsing",
    "date_type",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (a field path like ``categories[2].items[0].points``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}：{self.message}" if self.path else self.message


def format_loc(loc: Sequence[str | int]) -> str:
    """``('categories', 2, 'items', 0, 'points')`` → ``categories[2].items[0].points``."""
    out = ""
    previous: str | int | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_TAGS and previous == "rule":
            continue
        else:
            out += f".{part}" if out else part
        previous = part
    return out


def _label(loc: Sequence[str | int]) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part not in _UNION_TAGS:
            label = FIELD_LABELS.get(part)
            return f"{label}（{part}）" if label else part
    return "该项"


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "..."


# Message templates by pydantic error type. Fields: {label} (the field's Chinese name),
# {value} (what the file holds), {field} (the key as written) and the error's context.
_TEMPLATES: dict[str, str] = {
    "missing": "缺少必填字段{label}",
    "extra_forbidden": "未知字段“{field}”（请检查拼写，或删除该字段）",
    "bool_parsing": "{label}应为 true 或 false，实际为 {value}",
    "bool_type": "{label}应为 true 或 false，实际为 {value}",
    "string_type": "{label}应为文本，实际为 {value}",
    "list_type": "{label}应为列表（每行以“- ”开头），实际为 {value}",
    "model_type": "{label}应为“键: 值”形式的映射，实际为 {value}",
    "dict_type": "{label}应为“键: 值”形式的映射，实际为 {value}",
    "model_attributes_type": "{label}应为“键: 值”形式的映射，实际为 {value}",
    "greater_than_equal": "{label}不能小于 {ge:g}，实际为 {value}",
    "greater_than": "{label}必须大于 {gt:g}，实际为 {value}",
    "less_than_equal": "{label}不能大于 {le:g}，实际为 {value}",
    "multiple_of": "{label}应为 {multiple_of:g} 的整数倍，实际为 {value}",
    "literal_error": "{label}取值 {value} 无效，应为 {expected}",
    "union_tag_invalid": (
        "未知的扣分方式 “{tag}”，应为 per_occurrence（每处扣分）或 all_or_nothing（扣全分）"
    ),
    "union_tag_not_found": (
        "缺少扣分方式 mode，应为 per_occurrence（每处扣分）或 all_or_nothing（扣全分）"
    ),
    "string_too_short": "{label}不能为空",
    "too_short": "{label}至少要有 {min_length} 项",
    "string_too_long": "{label}过长（最多 {max_length} 个字符）",
    "string_pattern_mismatch": "{label} {value} 格式不对，只能使用字母、数字、连字符等（{pattern}）",
}
_TEMPLATES.update(dict.fromkeys(_NUMBER_TYPES, "{label}应为数字，实际为 {value}"))
_TEMPLATES.update(dict.fromkeys(_DATE_TYPES, "{label}应为 YYYY-MM-DD 格式的日期，实际为 {value}"))
_BAD_CHECKLIST_ID = "标准编号 {value} 格式不对，只能由小写字母、数字和连字符组成，如 penalty-hubei"
_UNKNOWN_KIND = "未知的案卷类型 {value}，应为 penalty（行政处罚）或 coercion（行政强制）"


def translate_error(error: dict[str, Any]) -> Problem:
    """One pydantic error dict → a Chinese :class:`Problem`."""
    loc = tuple(error.get("loc", ()))
    ctx = dict(error.get("ctx") or {})
    path = format_loc(loc)
    if "field" in ctx:
        # Our own cross-field errors carry their Chinese message and a more precise place.
        path = f"{path}.{ctx['field']}" if path else str(ctx["field"])
        return Problem(path=path, message=error["msg"])
    kind = error["type"]
    template = _TEMPLATES.get(kind, "{label}取值无效：{msg}")
    if kind == "literal_error" and loc and loc[-1] == "kind":
        template = _UNKNOWN_KIND
    elif kind == "string_pattern_mismatch" and loc == ("id",):
        template = _BAD_CHECKLIST_ID
    values = {
        **ctx,
        "label": _label(loc),
        "value": _show(error.get("input")),
        "field": loc[-1] if loc else "",
        "msg": error.get("msg", ""),
    }
    try:
        message = template.format(**values)
    except (KeyError, ValueError):
        message = f"{values['label']}取值无效：{values['msg']}"
    return Problem(path=path, message=message)


def translate_validation_error(exc: ValidationError) -> list[Problem]:
    return [translate_error(dict(e)) for e in exc.errors()]
