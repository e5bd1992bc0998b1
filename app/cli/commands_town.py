"""``town import FILE`` / ``town show``: the 乡镇（街道）赋权事项清单 (《行政处罚法》第二十四条).

The pre-check of a 乡镇's dossier compares the decision's penalty basis with the list in
force; none ships with the product, the province's list is imported here."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import command_group, open_services
from app.config import RunContext


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "town", "乡镇（街道）赋权事项清单：导入、查看")
    imp = sub.add_parser(
        "import", help="导入赋权事项清单（YAML，格式见 scoring/data/town_powers.yaml）"
    )
    imp.add_argument("file", type=Path, help="清单文件")
    imp.set_defaults(handler=cmd_import, human=lambda r: f"已导入 {r['lists']} 份赋权事项清单。")
    show = sub.add_parser("show", help="列出在用的赋权事项清单")
    show.set_defaults(handler=cmd_show, human=human_show)


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, int]:
    return {"lists": open_services(ctx).town_powers.import_file(args.file).value}


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return open_services(ctx).town_powers.show()


def human_show(lists: list[dict[str, Any]]) -> str:
    if not lists:
        return "尚未导入乡镇（街道）赋权事项清单：乡镇案卷的执法主体预检不作判断。"
    lines = []
    for pl in lists:
        scope = "、".join(pl["organs"]) or "全部乡镇（街道）"
        lines.append(f"{pl['name']}（适用：{scope}；{pl['source']}）")
        lines += [f"  {m['matter']}\t{m['basis']}" for m in pl["matters"]]
    return "\n".join(lines)
