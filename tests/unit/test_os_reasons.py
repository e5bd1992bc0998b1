"""The operating system's reasons in Chinese (issue 18): its own ``strerror`` is English,
so every message a user reads names the file and gives the cause from one mapping
(``app.errors.os_reason``). Checked on the mapping and on two real failures: a read-only
volume and a full one (small tmpfs mounts, tests/volumes.py)."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from app.cli.errors import CliError
from app.cli.main import as_cli_error
from app.config import Paths, RunContext, data_folder_problem
from app.errors import OS_REASONS, os_reason, user_message
from app.services import Services
from app.store.errors import StoreError
from tests.unit.test_library_import import make_pdf
from tests.volumes import fill, read_only, small_volume

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english_outside(message: str, *paths: Path) -> list[str]:
    """English words in ``message`` once the named paths (which may be English) are cut."""
    for path in paths:
        message = message.replace(str(path), "")
    return ENGLISH.findall(message)


@pytest.mark.parametrize("code", sorted(OS_REASONS))
def test_every_mapped_reason_is_chinese(code: int) -> None:
    exc = OSError(code, "English text from the system", "台账.xlsx")
    reason = os_reason(exc)
    assert reason and not ENGLISH.search(reason)
    message = user_message(exc)
    assert "台账.xlsx" in message and reason in message and "English" not in message


def test_an_unforeseen_code_is_named_by_number_not_by_the_english_text() -> None:
    exc = OSError(errno.ENOLINK, "Link has been severed")
    assert os_reason(exc) == f"系统错误（代码 {errno.ENOLINK}）"
    assert os_reason(OSError("no errno at all")) == "系统错误"


def test_a_file_held_open_on_windows_is_said_so() -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file", "意见书.docx")
    exc.winerror = 32  # type: ignore[attr-defined]  # set by Windows itself there
    assert os_reason(exc) == "文件正被其他程序使用（可能在 Word 或 Excel 中打开）"


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/srv/台账.xlsx"), "没有访问权限"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "/srv/台账.xlsx"), "不存在"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "/srv/台账.xlsx"), "文件夹"),
    ],
)
def test_the_cli_names_the_file_and_the_cause_in_chinese(exc: OSError, reason: str) -> None:
    mapped = as_cli_error(exc)
    assert isinstance(mapped, CliError)
    message = mapped.message
    assert "/srv/台账.xlsx" in message and reason in message
    assert not english_outside(message, Path("/srv/台账.xlsx"))


def test_a_read_only_folder_named_with_the_cause(tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    try:
        services.library.import_path(make_pdf(tmp_path / "一.pdf"), "市交通运输局", "penalty")
        with small_volume(tmp_path / "vol") as volume:
            read_only(volume)
            problem = data_folder_problem(volume / "新库")
            with pytest.raises(StoreError) as refused:
                services.backup_to(volume / "备份.sqlite3")
    finally:
        services.close()
    assert problem is not None and "只读" in problem and str(volume / "新库") in problem
    assert not english_outside(problem, volume / "新库")
    message = str(refused.value)
    assert "备份.sqlite3" in message and "只读" in message
    assert not english_outside(message, volume / "备份.sqlite3")


def test_a_full_disk_named_with_the_cause_and_no_partial_backup(tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    try:
        services.library.import_path(make_pdf(tmp_path / "一.pdf"), "市交通运输局", "penalty")
        with small_volume(tmp_path / "vol", size="1m") as volume:
            fill(volume)
            with pytest.raises(StoreError) as refused:
                services.backup_to(volume / "备份.sqlite3")
            assert sorted(p.name for p in volume.iterdir()) == ["filler.bin"]
    finally:
        services.close()
    message = str(refused.value)
    assert "备份.sqlite3" in message and "磁盘空间已满" in message
    assert not english_outside(message, volume / "备份.sqlite3")
