"""Reading the YAML data files of ``scoring`` (time limits, fine ranges, pre-checks, holidays).

Why one module: every table a province may edit by hand is read the same way: dates left as
text for pydantic, a missing or unreadable file and every validation error reported in
Chinese naming the file and the field, each as the table's own error class. Written once
here so the four loaders cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

__all__ = ["describe_validation_error", "load_data_file", "read_yaml"]

T = TypeVar("T")

_ERROR_TEXT = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段",
    "date_type": "应为日期（格式 YYYY-MM-DD）",
    "date_parsing": "应为日期（格式 YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（格式 YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期，不含时间",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "greater_than": "应为正数",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
}


def _loc_text(loc: tuple[int | str, ...], data: Any) -> str:
    """Render a pydantic error location as 'rules 第3项（penalty.x）.unit'."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = f"第{key + 1}项"
            child = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(child, dict) and isinstance(child.get("id"), str):
                label += f"（{child['id']}）"
            parts.append(label)
            node = child
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def describe_validation_error(path: Path | str, exc: ValidationError, data: Any) -> str:
    """Turn a pydantic error into one Chinese message that names the file and the field.

    Shared by the loaders of ``scoring`` so that a user who edits a data file by hand is told
    where the mistake is, in words they can act on.
    """
    lines = []
    for err in exc.errors():
        if err["type"] == "value_error":
            text = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            text = _ERROR_TEXT.get(err["type"], f"取值无效（{err['msg']}）")
            if err["type"] in {"literal_error", "enum"}:
                expected = err.get("ctx", {}).get("expected")
                if expected:
                    options = str(expected).replace(" or ", ", ").replace(", ", "、")
                    text += f"，应为 {options} 之一"
        loc = tuple(err["loc"])
        lines.append(f"字段 {_loc_text(loc, data)}：{text}" if loc else text)
    return f"文件 {path} 有误：\n" + "\n".join(lines)


class _DatesAsTextLoader(yaml.SafeLoader):
    """Safe YAML loader that leaves ``2027-02-30`` as text.

    PyYAML turns date-like scalars into ``date`` objects itself and raises a bare
    ``ValueError`` (with no line or field) on an impossible date; leaving them as text lets
    pydantic parse them and report the exact field in Chinese.
    """


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, what: str) -> Any:
    """Parse a data file; ``what`` names the kind of file in the Chinese error message."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OSError(f"无法读取{what} {path}：{exc.strerror or exc}") from exc
    try:
        return yaml.load(text, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise ValueError(f"{what} {path} {where}不是有效的 YAML 格式") from exc


def load_data_file(
    path: Path,
    what: str,
    model: type[T],
    error: type[Exception],
    *,
    shape: str | None = None,
) -> T:
    """Read and validate one data file against ``model``; every failure raises ``error``.

    ``what`` names the kind of file in the messages (时限规则文件 …); ``shape``, when given,
    is the Chinese hint shown when the file's top level is not a mapping."""
    if not path.is_file():
        raise error(f"找不到{what} {path}")
    try:
        data = read_yaml(path, what)
    except (OSError, ValueError) as exc:
        raise error(str(exc)) from exc
    if shape is not None and not isinstance(data, dict):
        raise error(f"{what} {path} {shape}")
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise error(describe_validation_error(path, exc, data)) from exc
