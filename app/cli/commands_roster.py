"""``roster import FILE [--sheet]`` / ``roster list``: the roster of certified officers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import open_services
from app.config import RunContext


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("roster", help="执法人员名册：导入、查看")
    sub = p.add_subparsers(dest="roster_command", required=True)
    imp = sub.add_parser("import", help="从 Excel 导入执法人员名册（按执法证号更新）")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--sheet", default=None, help="工作表名称（默认自动查找）")
    imp.set_defaults(handler=cmd_import, human=lambda r: f"已导入 {r['imported']} 名执法人员。")
    ls = sub.add_parser("list", help="列出执法人员名册")
    ls.set_defaults(handler=cmd_list, human=human_list)


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, int]:
    return {"imported": open_services(ctx).import_roster(args.file, args.sheet)}


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return open_services(ctx).roster()


def human_list(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "执法人员名册为空。"
    return "\n".join(
        f"{r['name']}\t{r['cert_no']}\t{r['department'] or '—'}\t有效期至 {r['valid_to'] or '—'}"
        for r in rows
    )
