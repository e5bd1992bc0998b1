"""``report sheet/circular/excel/charts``: a campaign's 评查表, 评查情况通报, Excel workbook
and comparison charts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import command_group, open_services
from app.cli.main import iso_date
from app.config import RunContext


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "report", "评查表、评查情况通报、Excel 汇总与对比图表")

    p = sub.add_parser("sheet", help="单个案卷的评查表（Word）")
    p.add_argument("campaign", type=int, metavar="CAMPAIGN")
    p.add_argument("case", metavar="CASE", help="案卷编号或案号")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_sheet, human=lambda r: f"已生成评查表：{r['file']}")

    p = sub.add_parser("circular", help="评查情况通报（Word，含图表）")
    p.add_argument("campaign", type=int, metavar="CAMPAIGN")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--date", type=iso_date, default=None, help="成文日期（默认今天）")
    p.add_argument("--number", default="", help="通报文号（可空）")
    p.set_defaults(handler=cmd_circular, human=lambda r: f"已生成评查情况通报：{r['file']}")

    p = sub.add_parser("excel", help="评查结果汇总工作簿（Excel）")
    p.add_argument("campaign", type=int, metavar="CAMPAIGN")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_excel, human=lambda r: f"已生成汇总表：{r['file']}")

    p = sub.add_parser("charts", help="对比图表（PNG 与 SVG）")
    p.add_argument("campaign", type=int, metavar="CAMPAIGN")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument(
        "--format", action="append", choices=("png", "svg"), default=None, dest="formats"
    )
    p.set_defaults(
        handler=cmd_charts, human=lambda r: "\n".join(r["files"]) or "没有可绘制的数据。"
    )


def cmd_sheet(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return {"file": str(open_services(ctx).reports().sheet(args.campaign, args.case, args.out))}


def cmd_circular(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    reports = open_services(ctx).reports()
    written = reports.circular(
        args.campaign, args.out, args.date or ctx.effective_today(), args.number
    )
    return {"file": str(written)}


def cmd_excel(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    reports = open_services(ctx).reports()
    return {"file": str(reports.workbook(args.campaign, args.out, ctx.effective_today()))}


def cmd_charts(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    reports = open_services(ctx).reports()
    files = reports.charts(args.campaign, args.out, tuple(args.formats or ("png", "svg")))
    return {"files": [str(f) for f in files]}
