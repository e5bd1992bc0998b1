"""Checking templates against templates/fields.yaml: the bundled ones pass; a bureau's
broken one is refused, naming the field and the file, before anything is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from app.documents.docx_render import TemplateError, check_template, render_document
from app.documents.template_fields import KINDS, load_specs
from app.errors import UserError
from app.paths import templates_dir
from tests.unit.test_docx_render import circular_context, opinion_context


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_templates_pass_the_check(kind: str) -> None:
    check_template(kind)


def test_field_list_covers_the_four_documents() -> None:
    specs = load_specs()
    assert set(specs) == set(KINDS)
    opinion = specs["opinion"]
    assert opinion.fields["deadline"].required and opinion.fields["deadline"].label == "整改期限"
    assert set(opinion.fields["problems"].fields) == {
        "seq",
        "case_no",
        "page_text",
        "item",
        "item_text",
        "text",
        "basis",
    }
    examples = specs["circular"].fields["categories"].fields["examples"]
    assert set(examples.fields) == {"case_no", "text"}


def bureau_copy(
    tmp_path: Path, kind: str, replace: dict[str, str] | None = None, add: str | None = None
) -> Path:
    """The bundled template as a bureau edited it in Word: some paragraphs' text changed."""
    folder = tmp_path / "模板"
    folder.mkdir(exist_ok=True)
    name = load_specs()[kind].file
    doc = Document(str(templates_dir() / name))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for old, new in (replace or {}).items():
        hits = [p for p in paragraphs if old in p.text]
        assert hits, old
        for p in hits:
            p.text = p.text.replace(old, new)
    if add:
        doc.add_paragraph(add)
    doc.save(str(folder / name))
    return folder


def refused(kind: str, folder: Path, tmp_path: Path) -> str:
    """Render with the bureau's template into an existing file: refused, file untouched."""
    out = tmp_path / "已有文书.docx"
    out.write_bytes(b"earlier document")
    context = circular_context(tmp_path) if kind == "circular" else opinion_context()
    with pytest.raises(TemplateError) as info:
        render_document(kind, context, out, template_dir=folder)
    assert out.read_bytes() == b"earlier document"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".docx"] == ["已有文书.docx"]
    with pytest.raises(TemplateError):
        check_template(kind, folder)
    return str(info.value)


def test_misspelt_top_level_field(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", {"{{ deadline }}": "{{ deadlin }}"})
    message = refused("opinion", folder, tmp_path)
    assert "deadlin" in message and "opinion.docx" in message
    assert "是否应为“deadline”（整改期限）" in message
    # the misspelling also means the required deadline is gone
    assert "缺少必需字段“deadline”" in message


def test_misspelt_attribute_inside_a_loop(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", {"{{ p.text|trim": "{{ p.txet|trim"})
    message = refused("opinion", folder, tmp_path)
    assert "p.txet" in message and "opinion.docx" in message
    assert "“发现的问题”（problems）的每一项没有“txet”" in message
    assert "是否应为“text”" in message


def test_misspelt_attribute_in_a_nested_loop_and_in_an_object(tmp_path: Path) -> None:
    folder = bureau_copy(
        tmp_path,
        "circular",
        {"{{ e.text|trim": "{{ e.txt|trim", "{{ summary.median }}": "{{ summary.mediam }}"},
    )
    message = refused("circular", folder, tmp_path)
    assert "e.txt" in message and "summary.mediam" in message and "circular.docx" in message


def test_missing_required_field(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", {"{{ number }}": "（文号）"})
    message = refused("opinion", folder, tmp_path)
    assert "缺少必需字段“number”（发文字号）" in message and "opinion.docx" in message


def test_a_loop_variable_used_outside_its_loop_is_unknown(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", add="最后一个问题：{{ p.text }}")
    message = refused("opinion", folder, tmp_path)
    assert "未知字段“p”" in message


def test_set_and_jinja_names_are_accepted(tmp_path: Path) -> None:
    folder = bureau_copy(
        tmp_path,
        "opinion",
        add="{% set n = problems|length %}共{{ n }}个问题，{{ range(2)|list|length }}"
        "{% for p in problems|sort(attribute='seq') %}{{ loop.index }}{{ p.case_no }}{% endfor %}",
    )
    check_template("opinion", folder)
    out = render_document("opinion", opinion_context(), tmp_path / "o.docx", template_dir=folder)
    assert "共2个问题，21某市1罚〔2026〕1号2某市1罚〔2026〕2号" in "\n".join(
        p.text for p in Document(str(out)).paragraphs
    )


def test_jinja_syntax_error(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", add="{% if copy_to %}抄送未闭合")
    message = refused("opinion", folder, tmp_path)
    assert "opinion.docx" in message and "“{% if copy_to %}”没有对应的结束语句" in message


def test_unknown_filter(tmp_path: Path) -> None:
    folder = bureau_copy(tmp_path, "opinion", add="{{ organ|nosuchfilter }}")
    assert "opinion.docx" in refused("opinion", folder, tmp_path)


def test_not_a_docx(tmp_path: Path) -> None:
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "opinion.docx").write_text("这不是 Word 文档", encoding="utf-8")
    message = refused("opinion", folder, tmp_path)
    assert "opinion.docx" in message and "不是有效的 Word 文档" in message
    with zipfile.ZipFile(folder / "opinion.docx", "w") as z:
        z.writestr("hello.txt", "zip but no Word inside")
    message = refused("opinion", folder, tmp_path)
    assert "opinion.docx" in message and "不是有效的 Word 文档" in message


def test_a_doc_file_is_told_to_save_as_docx(tmp_path: Path) -> None:
    from app.documents.docx_render import _open

    old = tmp_path / "opinion.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(TemplateError, match="另存为"):
        _open(old)


def test_unknown_kind() -> None:
    with pytest.raises(UserError, match="未知的文书类型"):
        check_template("memo")
