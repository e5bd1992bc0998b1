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


def test_a_folder_given_as_the_file_is_named_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "意见书.docx"
    folder.mkdir()
    with pytest.raises(UserError) as refused, replaced_whole(folder):
        pytest.fail("a folder is no file to write")
    assert str(refused.value) == f"无法写入文件“{folder}”：这是一个文件夹，请给出要保存的文件名。"
    assert list(folder.iterdir()) == []


def test_a_missing_or_read_only_folder_names_the_target_not_the_temporary_file(
    tmp_path: Path,
) -> None:
    import errno

    missing = tmp_path / "没有的文件夹" / "通报.docx"
    with pytest.raises(UserError) as refused, replaced_whole(missing):
        pytest.fail("nothing to write into")
    assert (
        str(refused.value) == f"无法写入文件“{missing}”：文件或文件夹不存在。没有留下不完整的文件。"
    )
    out = tmp_path / "通报.docx"
    with pytest.raises(UserError) as read_only, replaced_whole(out):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".通报-x.docx"))
    assert (
        str(read_only.value)
        == f"无法写入文件“{out}”：所在磁盘或文件夹是只读的。没有留下不完整的文件。"
    )
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_a_saved_paper_gets_the_users_normal_file_mode(tmp_path: Path) -> None:
    import os

    out = tmp_path / "评查表.docx"
    mask = os.umask(0o027)
    try:
        with replaced_whole(out) as temp:
            temp.write_bytes(b"x")
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o640  # not the temporary file's private 0600
