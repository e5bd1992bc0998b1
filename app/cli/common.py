"""Helpers shared by the command modules: opening services for a run context."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.config import RunContext
from app.services import Services


def open_services(ctx: RunContext, who: str | None = None) -> Services:
    """Open the data folder and database (migrating with a backup when needed).

    ``who`` (a command's ``--reviewer``/``--lead``) is who works for this run: the same
    identity the window uses, so permissions and the audit log agree; without it the
    settings' 我的身份 is used."""
    services = Services.open(ctx)
    services.act_as(who)
    return services


def command_group(
    subparsers: argparse._SubParsersAction, name: str, help: str
) -> argparse._SubParsersAction:
    """A command made of sub-commands (``ledger add``, ``ledger list`` …), one of which must
    be given; the chosen one is ``args.<name>_command``."""
    parser = subparsers.add_parser(name, help=help)
    return parser.add_subparsers(dest=f"{name}_command", metavar="子命令", required=True)


def excel_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE`` and ``--sheet`` of a command that imports an Excel table (the sheet is found
    by its headers when not named)."""
    parser.add_argument("file", type=Path, metavar="文件")
    parser.add_argument("--sheet", default=None, help="Excel 工作表名称（默认按表头自动查找）")
