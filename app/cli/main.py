"""The command-line entry: global options, sub-commands, exit codes, Chinese error lines.

Each ``commands_*`` module registers its sub-commands with :func:`register`; a handler gets
the parsed arguments and a :class:`~app.config.RunContext` and returns a plain result that
:func:`app.cli.output.emit` prints as JSON or text.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from app import CLI_NAME, __version__
from app.cli.chinese_argparse import ChineseArgumentParser
from app.cli.errors import CliError, ExitCode, exit_code_for
from app.cli.output import emit
from app.config import Paths, RunContext, default_data_dir
from app.errors import os_reason, user_message

Handler = Callable[[argparse.Namespace, RunContext], Any]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text}") from exc


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog=CLI_NAME,
        description="案卷评查工作站：不带命令时打开窗口，带命令时作为命令行工具运行。",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"案卷评查工作站 {__version__}",
        help="显示版本号并退出",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="数据文件夹（案卷库、数据库与设置所在位置）"
    )
    parser.add_argument(
        "--db",
        dest="db_url",
        default=None,
        help="数据库地址（SQLAlchemy URL），默认用数据文件夹中的 SQLite",
    )
    parser.add_argument(
        "--today", type=iso_date, default=None, help="把“今天”固定为该日期（期限计算用）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.add_argument("--verbose", action="store_true", help="出错时输出详细信息")
    # Installers' smoke tests: open the window, report what it shows, quit (not for users).
    parser.add_argument("--quit-after-start", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )

    for module in command_modules():
        module.register(subparsers)
    return parser


# The order commands are listed in ``--help``; a ``commands_*`` module not named here is
# listed after them (each module registers itself, so adding one needs no edit here).
_HELP_ORDER = (
    "checklist",
    "db",
    "demo",
    "cases",
    "library",
    "precheck",
    "campaign",
    "review",
    "roster",
    "town",
    "letter",
    "report",
    "rectify",
    "ledger",
    "settings",
    "calendar",
)


def command_modules() -> list[ModuleType]:
    """Every ``app/cli/commands_*.py`` module, in help order."""
    import app.cli

    names = [
        info.name.removeprefix("commands_")
        for info in pkgutil.iter_modules(app.cli.__path__)
        if info.name.startswith("commands_")
    ]
    rank = {name: i for i, name in enumerate(_HELP_ORDER)}
    names.sort(key=lambda n: (rank.get(n, len(rank)), n))
    return [importlib.import_module(f"app.cli.commands_{n}") for n in names]


def as_cli_error(exc: Exception) -> Exception:
    """Map the services' own errors (which carry Chinese messages) to CLI exit codes, by
    class (see :func:`app.cli.errors.exit_code_for`); an unforeseen error is returned as is."""
    if isinstance(exc, CliError):
        return exc
    code = exit_code_for(exc)
    if code is None:
        return exc
    if isinstance(exc, (FileNotFoundError, IsADirectoryError, PermissionError)):
        return CliError(f"无法访问文件“{exc.filename}”：{os_reason(exc)}", code)
    return CliError(user_message(exc), code, detail=traceback.format_exc())


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; ``--json``/``--verbose`` are accepted after the command too."""
    parser = build_parser()
    argv = list(argv)
    moved = [a for a in argv if a in ("--json", "--verbose")]
    return parser.parse_args([*moved, *[a for a in argv if a not in moved]])


def context_from(args: argparse.Namespace) -> RunContext:
    data_dir = args.data_dir.expanduser() if args.data_dir else default_data_dir()
    return RunContext(paths=Paths(data_dir), db_url=args.db_url, today=args.today)


def execute(args: argparse.Namespace) -> int:
    """Run one parsed CLI command; returns the exit code. No traceback for bad input."""
    handler: Handler = args.handler
    ctx = context_from(args)
    try:
        try:
            result = handler(args, ctx)
        except Exception as exc:
            raise as_cli_error(exc) from exc
    except CliError as exc:
        if exc.result is not None:
            emit(exc.result, args.json, getattr(args, "human", None))
        sys.stderr.write(f"错误：{exc.message}\n")
        if args.verbose and exc.detail:
            sys.stderr.write(exc.detail + "\n")
        return exc.code
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        return ExitCode.INTERRUPTED
    except Exception as exc:  # a bug: still one Chinese line, the traceback only on request
        sys.stderr.write(
            f"错误：程序内部错误（{type(exc).__name__}: {exc}）。请用 --verbose 查看详情并报告此问题。\n"
        )
        if args.verbose:
            traceback.print_exc()
        return ExitCode.FAILURE
    emit(result, args.json, getattr(args, "human", None))
    return ExitCode.OK
