"""Word documents from the .docx templates (docxtpl): which template, its check, the render.

A bureau may put its own edited copy of a template into its template folder
(``Settings.template_dir``); that file then wins over the bundled one. Every template is
checked against ``templates/fields.yaml`` before anything is written, and the document is
written to a temporary file beside the target and moved into place, so a failure leaves
neither a half-written file nor a damaged earlier one.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, nodes
from jinja2 import TemplateError as JinjaError

from app.documents.docx_layout import finish_layout
from app.documents.files import replaced_whole
from app.documents.images import Picture
from app.documents.template_fields import (
    KINDS,
    ContextError,
    TemplateSpec,
    check_ast,
    check_context,
    load_specs,
)
from app.errors import UserError
from app.paths import templates_dir

__all__ = [
    "KINDS",
    "ContextError",
    "TemplateError",
    "bundled_template",
    "check_template",
    "export_templates",
    "render_document",
    "template_path",
]

HEADER_URI = DocxTemplate.HEADER_URI
FOOTER_URI = DocxTemplate.FOOTER_URI
# What a template's own code can raise once the context is known to be complete.
RENDER_ERRORS = (
    JinjaError,
    TypeError,
    ValueError,
    AttributeError,
    KeyError,
    IndexError,
    ZeroDivisionError,
)
_CN_DIGITS = "零一二三四五六七八九"


class TemplateError(UserError):
    """A template that cannot be used: not a .docx, bad Jinja, unknown or missing fields."""


def cn_index(value: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (for headings numbered （一）（二）… in a loop)."""
    n = int(value)
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def jinja_env() -> Environment:
    env = Environment(undefined=StrictUndefined, autoescape=True)
    env.filters["cn_index"] = cn_index
    return env


def _spec(kind: str) -> TemplateSpec:
    specs = load_specs()
    if kind not in specs:
        known = "、".join(f"{k}（{s.title}）" for k, s in specs.items())
        raise TemplateError(f"未知的文书类型“{kind}”。可用的类型：{known}。")
    return specs[kind]


def bundled_template(kind: str) -> Path:
    return templates_dir() / _spec(kind).file


def template_path(kind: str, template_dir: Path | str | None = None) -> Path:
    """The bureau's template when its folder has one of that name, else the bundled one."""
    spec = _spec(kind)
    if template_dir:
        own = Path(template_dir) / spec.file
        if own.is_file():
            return own
    return templates_dir() / spec.file


# ------------------------------------------------------------------ checking
def _open(path: Path) -> DocxTemplate:
    where = f"模板文件“{path}”"
    if not path.is_file():
        raise TemplateError(f"{where}不存在。")
    if path.suffix.lower() != ".docx":
        hint = "请在 Word 中“另存为” .docx 格式。" if path.suffix.lower() == ".doc" else ""
        raise TemplateError(f"{where}不是 Word 文档（.docx）。{hint}")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{where}不是有效的 Word 文档（.docx），文件可能已损坏。")
    tpl = DocxTemplate(path)
    try:
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds (in English) for a broken package
        raise TemplateError(f"{where}不是有效的 Word 文档（.docx），文件可能已损坏。") from exc
    return tpl


def _parts_xml(tpl: DocxTemplate) -> list[tuple[str, str]]:
    """The Jinja source of the body, headers and footers, as docxtpl renders them."""
    parts = [("正文", tpl.patch_xml(tpl.get_xml()))]
    for uri, label in ((HEADER_URI, "页眉"), (FOOTER_URI, "页脚")):
        for rel in tpl.docx._part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                parts.append((label, tpl.patch_xml(tpl.get_part_xml(rel.target_part))))
    return parts


_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)[^%]*%\}")
# Jinja's block tags, each closed by "end" + its name ({% if %} … {% endif %}).
_OPENERS = {tag: f"end{tag}" for tag in ("if", "for", "macro", "with", "call", "filter", "block")}


def _unclosed(source: str) -> str | None:
    """The first block tag ({% if … %}, {% for … %}) left without its end tag."""
    stack: list[tuple[str, str]] = []
    for m in _BLOCK_TAG.finditer(source):
        word = m[1]
        if word in _OPENERS:
            stack.append((_OPENERS[word], m[0]))
        elif stack and word == stack[-1][0]:
            stack.pop()
    return re.sub(r"<[^>]+>", "", stack[0][1]) if stack else None


def _syntax_message(exc: TemplateSyntaxError, source: str) -> str:
    if exc.message and exc.message.startswith("Unexpected end of template"):
        tag = _unclosed(source)
        where = f"“{tag}”" if tag else "某个 {% if %} 或 {% for %}"
        return f"{where}没有对应的结束语句（{{% endif %}} 或 {{% endfor %}}）"
    if exc.message and exc.message.startswith("Encountered unknown tag"):
        return f"有多余或拼错的控制语句（{exc.message}）"
    if exc.message and exc.message.startswith("No filter named"):
        return f"使用了不存在的过滤器（{exc.message}）"
    return f"字段或控制语句书写有误（{exc.message}）"


def _parse(path: Path, tpl: DocxTemplate) -> list[nodes.Template]:
    env = jinja_env()
    parsed = []
    for label, source in _parts_xml(tpl):
        try:
            parsed.append(env.parse(source))
            env.from_string(source)  # also catches unknown filters and tests
        except TemplateSyntaxError as exc:
            raise TemplateError(
                f"模板文件“{path.name}”的{label}中{_syntax_message(exc, source)}。"
                "请检查 {{ }} 与 {% %} 是否成对、拼写是否正确。模板位置：" + str(path)
            ) from exc
    return parsed


def _check(kind: str, path: Path) -> tuple[TemplateSpec, DocxTemplate]:
    spec = _spec(kind)
    tpl = _open(path)
    problems = check_ast(spec, _parse(path, tpl))
    if problems:
        lines = "\n".join(f"· {p.message}" for p in problems)
        raise TemplateError(
            f"模板文件“{path.name}”（{spec.title}）有 {len(problems)} 处字段问题，"
            f"未生成文书：\n{lines}\n模板位置：{path}"
        )
    return spec, tpl


def check_template(kind: str, template_dir: Path | str | None = None) -> None:
    """Refuse (``TemplateError``) a template that would not render correctly."""
    _check(kind, template_path(kind, template_dir))


# ------------------------------------------------------------------ rendering
def _with_images(tpl: DocxTemplate, value: Any) -> Any:
    if isinstance(value, Picture):
        if not Path(value.path).is_file():
            raise UserError(f"图片文件“{value.path}”不存在，无法插入文书。")
        return InlineImage(tpl, str(value.path), width=Mm(value.width_mm))
    if isinstance(value, Mapping):
        return {k: _with_images(tpl, v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_images(tpl, v) for v in value]
    return value


def render_document(
    kind: str,
    context: Mapping[str, Any],
    out: Path,
    *,
    template_dir: Path | str | None = None,
) -> Path:
    """Check the template, fill it with ``context`` and write ``out`` atomically.

    A context lacking a declared field raises ``ContextError`` (the caller's bug); a bad
    template raises ``TemplateError`` before anything is written."""
    out = Path(out)
    path = template_path(kind, template_dir)
    spec, tpl = _check(kind, path)
    check_context(spec, context)
    if not out.parent.is_dir():
        raise UserError(f"输出文件夹“{out.parent}”不存在。")
    try:
        tpl.render(_with_images(tpl, context), jinja_env(), autoescape=True)
    except RENDER_ERRORS as exc:
        raise TemplateError(
            f"模板文件“{path.name}”（{spec.title}）无法填入内容：{exc}。模板位置：{path}"
        ) from exc
    finish_layout(tpl.docx)
    # The saved paper names the GB/T 9704 fonts (仿宋_GB2312, 方正小标宋简体 …) so the PC that
    # prints it uses them; stand-ins are put in only for a preview (pdf_convert).
    with replaced_whole(out) as temp:
        tpl.save(temp)
    return out


# ------------------------------------------------------------------ for a bureau to edit
def fields_help(spec: TemplateSpec) -> str:
    """A plain-text list of a template's fields, for whoever edits it in Word."""

    def lines(fields: Any, indent: str, prefix: str) -> list[str]:
        out = []
        for f in fields.values():
            flag = "（必需）" if f.required else ""
            if f.type == "list":
                var = f.name[0]
                out.append(
                    f"{indent}{prefix}{f.name}：{f.label}{flag}，列表，"
                    f"用 {{%p for {var} in {prefix}{f.name} %}} … {{%p endfor %}}"
                    f"（表格行用 {{%tr for … %}}）逐项写出"
                )
                out.extend(lines(f.fields, indent + "    ", f"{var}."))
            elif f.type == "object":
                out.append(f"{indent}{prefix}{f.name}：{f.label}{flag}")
                out.extend(lines(f.fields, indent + "    ", f"{prefix}{f.name}."))
            else:
                out.append(f"{indent}{{{{ {prefix}{f.name} }}}}：{f.label}{flag}")
        return out

    head = [f"《{spec.title}》 模板文件 {spec.file} 可用的字段", ""]
    return "\n".join(head + lines(spec.fields, "", "")) + "\n"


def export_templates(dest: Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the bundled templates into ``dest`` for a bureau to edit, with a field list
    (字段说明.txt). Existing templates there are kept unless ``overwrite``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    specs = load_specs()
    existing = [dest / s.file for s in specs.values() if (dest / s.file).exists()]
    if existing and not overwrite:
        names = "、".join(p.name for p in existing)
        raise TemplateError(f"文件夹“{dest}”中已有模板 {names}，为免覆盖修改过的模板，未导出。")
    copies = []
    for spec in specs.values():
        target = dest / spec.file
        shutil.copyfile(templates_dir() / spec.file, target)
        copies.append(target)
    help_text = "\n\n".join(fields_help(s) for s in specs.values())
    (dest / "字段说明.txt").write_text(help_text, encoding="utf-8")
    return copies
