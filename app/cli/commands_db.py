"""``db upgrade / backup / verify / check / restore``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.cli.common import command_group
from app.cli.errors import CliError, ExitCode
from app.config import RunContext

if TYPE_CHECKING:
    from app.services import Services

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "db", "数据库：升级、备份、校验、恢复")

    p = sub.add_parser("upgrade", help="把数据库升级到本程序的版本（升级前自动备份）")
    p.set_defaults(handler=cmd_upgrade, human=human_upgrade)

    p = sub.add_parser("backup", help="备份数据库到一个文件")
    p.add_argument(
        "--out", type=Path, default=None, help="备份文件（默认放在数据文件夹的 backups 中）"
    )
    p.set_defaults(handler=cmd_backup, human=lambda r: f"已备份到：{r['file']}")

    p = sub.add_parser("verify", help="校验审计日志：发现绕过本程序改动、删除或插入的记录")
    p.set_defaults(handler=cmd_verify, human=human_verify)

    p = sub.add_parser(
        "check", help="核对数据是否完整：文书↔文号↔文件、评查↔扣分、文件↔校验值、数据库完整性"
    )
    p.set_defaults(handler=cmd_check, human=lambda r: r["summary"])

    p = sub.add_parser("restore", help="用备份文件恢复数据库（恢复前先保存当前数据库）")
    p.add_argument("file", type=Path)
    p.set_defaults(
        handler=cmd_restore,
        human=lambda r: f"已从 {r['file']} 恢复；原数据库另存为 {r['safety_copy']}",
    )


def cmd_upgrade(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    from app.services import upgrade_database

    return upgrade_database(ctx)


def human_upgrade(r: dict[str, Any]) -> str:
    if r["from_revision"] == r["to_revision"]:
        return f"数据库已是最新版本（{r['to_revision']}）。"
    backup = f"；升级前的备份：{r['backup']}" if r["backup"] else ""
    return f"数据库已从 {r['from_revision'] or '空库'} 升级到 {r['to_revision']}{backup}"


def _once(ctx: RunContext, action: Callable[[Services], T]) -> T:
    """Open the data folder, do one thing, close it again (backup, verify, check)."""
    from app.cli.common import open_services

    services = open_services(ctx)
    try:
        return action(services)
    finally:
        services.close()


def cmd_backup(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    written = _once(ctx, lambda s: s.backup_to(args.out))
    return {"file": str(written)}


def cmd_verify(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    result = _once(ctx, lambda s: s.verify_audit())
    if not result["intact"]:
        count = len(result["problems"])
        raise CliError(
            f"审计日志有 {count} 处与写入时不符，见上。", ExitCode.DATABASE, result=result
        )
    return result


def human_verify(r: dict[str, Any]) -> str:
    if r["intact"]:
        return f"审计日志完整：{r['entries']} 条记录均与写入时一致。"
    return "\n".join(p["message"] for p in r["problems"])


def cmd_check(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    result = _once(ctx, lambda s: s.check_database())
    if not result["sound"]:
        raise CliError(
            f"数据核对发现 {result['errors']} 处错误，见上。", ExitCode.DATABASE, result=result
        )
    return result


def cmd_restore(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    from app.services import restore_database

    safety = restore_database(ctx, args.file)
    return {"file": str(args.file), "safety_copy": str(safety) if safety else None}
