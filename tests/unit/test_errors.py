"""One error path: ``user_message`` turns any exception into the line a user reads, and the
CLI maps exception classes (not strings) to exit codes."""

from __future__ import annotations

import errno

import pytest

from app.cli.errors import CliError, ExitCode, exit_code_for
from app.cli.main import as_cli_error
from app.errors import NotFoundError, UserError, user_message
from app.store.errors import SchemaTooNewError
from scoring.workdays import CalendarRangeError


@pytest.mark.parametrize(
    ("exc", "code", "text"),
    [
        (NotFoundError("没有编号为 9 的案卷。"), ExitCode.NOT_FOUND, "没有编号为 9 的案卷。"),
        (UserError("请说明理由。"), ExitCode.BAD_INPUT, "请说明理由。"),
        (CalendarRangeError(2031), ExitCode.BAD_INPUT, "2031年的节假日安排尚未收录"),
        (SchemaTooNewError("9999"), ExitCode.DATABASE, "较新版本"),
        (OSError(errno.ENOSPC, "No space left on device"), ExitCode.FAILURE, "磁盘空间已满"),
    ],
)
def test_services_errors_map_by_class(exc: Exception, code: ExitCode, text: str) -> None:
    assert exit_code_for(exc) == code
    mapped = as_cli_error(exc)
    assert isinstance(mapped, CliError) and mapped.code == code and text in mapped.message


def test_a_missing_file_names_the_file() -> None:
    exc = FileNotFoundError(errno.ENOENT, "No such file or directory", "台账.xlsx")
    mapped = as_cli_error(exc)
    assert isinstance(mapped, CliError) and mapped.code == ExitCode.BAD_INPUT
    assert "台账.xlsx" in mapped.message
    assert "台账.xlsx" in user_message(exc)


def test_a_bug_is_not_dressed_as_bad_input() -> None:
    bug = KeyError("x")
    assert exit_code_for(bug) is None and as_cli_error(bug) is bug
    assert user_message(bug) == "操作未能完成（程序内部错误：KeyError）。详细信息已写入日志。"


def test_no_mapping_names_a_class_that_does_not_exist() -> None:
    from app.cli.errors import EXIT_CODES

    assert all(isinstance(cls, type) and issubclass(cls, BaseException) for cls, _ in EXIT_CODES)
