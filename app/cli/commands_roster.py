"""``roster import FILE [--sheet]`` / ``roster list``: the roster of certified officers."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import command_group, excel_arguments, open_services
from app.cli.output import line_each
from app.config import RunContext


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "roster", "执法人员名册：导入、查看")
    imp = sub.add_parser("import", help="从 Excel 导入执法人员名册（按执法证号更新）")
    excel_arguments(imp)
    imp.set_defaults(handler=cmd_import, human=lambda r: f"已导入 {r['imported']} 名执法人员。")
    ls = sub.add_parser("list", help="列出执法人员名册")
    ls.set_defaults(handler=cmd_list, human=human_list)


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, int]:
    return {"imported": open_services(ctx).import_roster(args.file, args.sheet).value}


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return open_services(ctx).roster()


@line_each("执法人员名册为空。")
def human_list(r: dict[str, Any]) -> str:
    return (
        f"{r['name']}\t{r['cert_no']}\t{r['department'] or '—'}\t{r['category'] or '—'}"
        f"\t有效期至 {r['valid_to'] or '—'}\t法律职业资格 {r.get('legal_qualification') or '—'}"
    )
