"""The one atomic writer of app.documents: whole file or the old one, never half of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.files import replaced_whole
from app.errors import UserError


def test_the_new_file_replaces_the_old_one_and_no_temporary_file_stays(tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    out.write_text("old", encoding="utf-8")
    with replaced_whole(out) as temp:
        assert temp.parent == tmp_path and temp != out
        temp.write_text("new", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通报.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replaced_whole(out) as temp:
        temp.write_text("half", encoding="utf-8")
        raise RuntimeError("boom")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]


def test_an_os_error_becomes_a_chinese_user_error_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "图表.png"
    with pytest.raises(UserError, match=r"无法写入文件“.*图表\.png”"), replaced_whole(out):
        raise PermissionError(13, "Permission denied")
    assert list(tmp_path.iterdir()) == []
