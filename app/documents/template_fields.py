"""The fields each Word template may use (``templates/fields.yaml``), and the check of a
template's Jinja code against them.

docxtpl's ``get_undeclared_template_variables`` only sees top-level names; a misspelt
attribute inside a loop (``{{ p.txet }}`` in ``{%p for p in problems %}``) would print
nothing at render time. So the check walks the Jinja syntax tree itself, binding each loop
variable to the item fields of the list it runs over.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import nodes

from app.documents.images import Picture
from app.paths import read_yaml, templates_dir

KINDS = ("opinion", "decision", "circular", "sheet")
TYPES = ("text", "number", "list", "object", "picture")
# Names Jinja itself provides; a template may use them without a field of that name.
JINJA_NAMES = frozenset(
    {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "true", "false", "none"}
)
# Filters that hand back the same list (so a loop over ``problems|sort(...)`` still knows
# its items).
SAME_LIST_FILTERS = frozenset(
    {"sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr"}
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    required: bool = False
    type: str = "text"
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    path: tuple[str, ...] = ()

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    def item(self) -> FieldSpec:
        """What one item of this list is: an object with its fields, or a plain value."""
        kind = "object" if self.fields else "text"
        return FieldSpec(self.name, self.label, False, kind, self.fields, self.path)


@dataclass(frozen=True)
class TemplateSpec:
    kind: str
    file: str
    title: str
    fields: dict[str, FieldSpec]


class FieldsFileError(Exception):
    """``fields.yaml`` itself is wrong: a defect of the product, not of a bureau's template."""


def fields_file() -> Path:
    return templates_dir() / "fields.yaml"


def _parse_field(name: str, raw: Any, parent: tuple[str, ...]) -> FieldSpec:
    if not isinstance(raw, Mapping):
        raise FieldsFileError(f"fields.yaml: {'.'.join((*parent, name))} must be a mapping")
    kind = str(raw.get("type", "text"))
    if kind not in TYPES:
        raise FieldsFileError(f"fields.yaml: {name}: unknown type {kind!r}")
    if name in _DICT_ATTRS:
        # Jinja reads c.items as the dict's method, not the key: never a field name.
        raise FieldsFileError(f"fields.yaml: {name!r} is a dict method name")
    path = (*parent, name)
    children = {str(k): _parse_field(str(k), v, path) for k, v in (raw.get("fields") or {}).items()}
    if children and kind not in ("list", "object"):
        raise FieldsFileError(f"fields.yaml: {name}: only list and object fields have fields")
    return FieldSpec(
        name, str(raw.get("label", name)), bool(raw.get("required")), kind, children, path
    )


@functools.cache
def _load(path: Path) -> dict[str, TemplateSpec]:
    data = read_yaml(path) or {}
    specs = {}
    for kind, raw in data.items():
        fields = {str(k): _parse_field(str(k), v, ()) for k, v in (raw.get("fields") or {}).items()}
        specs[str(kind)] = TemplateSpec(str(kind), str(raw["file"]), str(raw["title"]), fields)
    return specs


def load_specs(path: Path | None = None) -> dict[str, TemplateSpec]:
    return _load(path or fields_file())


# ------------------------------------------------------------------ checking a template
@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template, with the field's text as written in it."""

    code: str  # "unknown" | "unknown_attr" | "missing"
    field: str
    message: str


def _listing(fields: Mapping[str, FieldSpec]) -> str:
    return "、".join(f"{f.name}（{f.label}）" for f in fields.values())


def _suggest(name: str, fields: Mapping[str, FieldSpec]) -> str:
    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
    if not close:
        return ""
    spec = fields[close[0]]
    return f"是否应为“{spec.name}”（{spec.label}）？"


def _text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_text(node.node)}[{node.arg.value!r}]"
    return "…"


_DICT_ATTRS = frozenset(dir(dict))
_ANY = object()  # a value whose shape the check does not know (a {% set %} name, a macro arg)


class _Walker:
    def __init__(self, spec: TemplateSpec) -> None:
        self.spec = spec
        self.used: set[tuple[str, ...]] = set()
        self.problems: list[Problem] = []

    # expressions return the FieldSpec they denote, _ANY, or None (a computed value)
    def expr(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.attr(node, node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            if isinstance(node.arg.value, str):
                return self.attr(node, node.node, node.arg.value, scope)
            base = self.expr(node.node, scope)
            return base.item() if isinstance(base, FieldSpec) and base.type == "list" else None
        if isinstance(node, nodes.Filter) and node.node is not None:
            base = self.expr(node.node, scope)
            self.children(node, scope, skip=node.node)
            return base if node.name in SAME_LIST_FILTERS else None
        self.children(node, scope)
        return None

    def children(self, node: nodes.Node, scope: dict[str, Any], skip: Any = None) -> None:
        for child in node.iter_child_nodes():
            if child is not skip:
                self.visit(child, scope)

    def name(self, node: nodes.Name, scope: dict[str, Any]) -> Any:
        if node.ctx != "load":
            return None
        if node.name in scope:
            return scope[node.name]
        top = self.spec.fields.get(node.name)
        if top is not None:
            self.used.add(top.path)
            return top
        if node.name not in JINJA_NAMES:
            self.problems.append(
                Problem(
                    "unknown",
                    node.name,
                    f"使用了未知字段“{node.name}”。{_suggest(node.name, self.spec.fields)}"
                    f"该模板可用的字段：{_listing(self.spec.fields)}。",
                )
            )
        return None

    def attr(
        self, node: nodes.Node, base_node: nodes.Node, attr: str, scope: dict[str, Any]
    ) -> Any:
        base = self.expr(base_node, scope)
        if not isinstance(base, FieldSpec) or base.type != "object":
            return None
        child = base.fields.get(attr)
        if child is None:
            where = f"“{base.label}”（{base.dotted}）" + (
                "的每一项" if base.path and self._is_item(base) else ""
            )
            self.problems.append(
                Problem(
                    "unknown_attr",
                    _text(node),
                    f"使用了未知字段“{_text(node)}”：{where}没有“{attr}”这一项。"
                    f"{_suggest(attr, base.fields)}可用的有：{_listing(base.fields)}。",
                )
            )
            return None
        self.used.add(child.path)
        return child

    def _is_item(self, spec: FieldSpec) -> bool:
        top: Any = self.spec.fields.get(spec.path[0])
        for part in spec.path[1:]:
            top = top.fields.get(part) if top is not None else None
        return top is not None and top.type == "list"

    # statements
    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            self.visit_for(node, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            self.visit_assign(node, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            self.visit_macro(node, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, inner, self.expr(value, scope))
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            self.children(node, scope)

    def visit_assign(self, node: nodes.Assign | nodes.AssignBlock, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Assign):
            self.expr(node.node, scope)
        else:
            for child in node.body:
                self.visit(child, scope)
        self.bind(node.target, scope, _ANY)

    def visit_macro(self, node: nodes.Macro | nodes.CallBlock, scope: dict[str, Any]) -> None:
        inner = dict(scope)
        for arg in node.args:
            self.bind(arg, inner, _ANY)
        inner["caller"] = _ANY
        if isinstance(node, nodes.Macro):
            scope[node.name] = _ANY
        else:
            self.expr(node.call, scope)
        for child in node.body:
            self.visit(child, inner)

    def visit_for(self, node: nodes.For, scope: dict[str, Any]) -> None:
        iterated = self.expr(node.iter, scope)
        inner = dict(scope)
        if isinstance(iterated, FieldSpec) and iterated.type == "list":
            self.bind(node.target, inner, iterated.item())
        else:
            self.bind(node.target, inner, _ANY)
        inner["loop"] = _ANY
        if node.test is not None:
            self.expr(node.test, inner)
        for child in node.body:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def bind(self, target: nodes.Node, scope: dict[str, Any], value: Any) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, scope, _ANY)

    def missing(self) -> list[Problem]:
        out = []
        for spec in self._required(self.spec.fields.values()):
            if spec.path not in self.used:
                out.append(
                    Problem(
                        "missing",
                        spec.dotted,
                        f"缺少必需字段“{spec.dotted}”（{spec.label}），"
                        f"请在模板中加入 {{{{ {spec.dotted} }}}}。",
                    )
                )
        return out

    def _required(self, fields: Any) -> list[FieldSpec]:
        out = []
        for spec in fields:
            if spec.required:
                out.append(spec)
            # a required attribute of a part is only required when the part is used
            if spec.fields and spec.path in self.used:
                out.extend(self._required(spec.fields.values()))
        return out


def check_ast(spec: TemplateSpec, parsed: list[nodes.Template]) -> list[Problem]:
    """Unknown fields first, then missing required ones (parts share one field list)."""
    walker = _Walker(spec)
    for template in parsed:
        walker.visit(template, {})
    seen: set[tuple[str, str]] = set()
    unique = []
    for problem in walker.problems + walker.missing():
        if (problem.code, problem.field) not in seen:
            seen.add((problem.code, problem.field))
            unique.append(problem)
    return unique


# ------------------------------------------------------------------ checking a context
class ContextError(ValueError):
    """A context that does not carry every declared field: a programming error."""


def check_context(spec: TemplateSpec, context: Mapping[str, Any]) -> None:
    _check_fields(spec.fields, context, f"{spec.kind} context")


def _check_fields(fields: Mapping[str, FieldSpec], value: Any, where: str) -> None:
    if not isinstance(value, Mapping):
        raise ContextError(f"{where}: expected a mapping, got {type(value).__name__}")
    for name, spec in fields.items():
        if name not in value:
            raise ContextError(f"{where}: missing field {name!r} ({spec.label})")
        _check_value(spec, value[name], f"{where}.{name}")


def _check_value(spec: FieldSpec, value: Any, where: str) -> None:
    if spec.type == "list":
        if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
            raise ContextError(f"{where}: expected a list, got {type(value).__name__}")
        if spec.fields:
            for i, item in enumerate(value):
                _check_fields(spec.fields, item, f"{where}[{i}]")
    elif spec.type == "object":
        _check_fields(spec.fields, value, where)
    elif spec.type == "picture":
        if not isinstance(value, Picture):
            raise ContextError(f"{where}: expected a Picture, got {type(value).__name__}")
    elif value is None:
        raise ContextError(f"{where}: None (use an empty string for an absent value)")
