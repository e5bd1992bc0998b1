"""``report sheet/circular/excel/charts``: a campaign's 评查表, 评查情况通报, Excel workbook
and comparison charts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import command_group, open_services
from app.cli.main import iso_date
from app.config import RunContext
from app.review.letter_numbers import normalise_number


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "report", "评查表、评查情况通报、Excel 汇总与对比图表")

    p = sub.add_parser("sheet", help="单个案卷的评查表（Word）")
    p.add_argument("campaign", type=int, metavar="活动编号")
    p.add_argument("case", metavar="案卷编号", help="案卷编号或案号")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_sheet, human=lambda r: f"已生成评查表：{r['file']}")

    p = sub.add_parser(
        "circular", help="印发评查情况通报（Word，含图表；文号由文号登记簿按通报代字编排）"
    )
    p.add_argument("campaign", type=int, metavar="活动编号")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--date", type=iso_date, default=None, help="成文日期（默认今天）")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--draft", action="store_true", help="只生成预览稿，不取文号")
    how.add_argument(
        "--number",
        default="",
        metavar="文号",
        help="按已印发的通报文号（如 司监通〔2026〕1号）重新生成文件",
    )
    p.set_defaults(handler=cmd_circular, human=_human_circular)

    p = sub.add_parser("excel", help="评查结果汇总工作簿（Excel）")
    p.add_argument("campaign", type=int, metavar="活动编号")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument(
        "--public", action="store_true", help="供公开的版本：当事人等个人姓名隐去，不列评查人"
    )
    p.set_defaults(handler=cmd_excel, human=lambda r: f"已生成汇总表：{r['file']}")

    p = sub.add_parser("charts", help="对比图表（PNG 与 SVG）")
    p.add_argument("campaign", type=int, metavar="活动编号")
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
    day = args.date or ctx.effective_today()
    if args.draft or args.number:
        return {"file": str(reports.circular(args.campaign, args.out, day, args.number)),
                "number": normalise_number(args.number) if args.number else None}  # fmt: skip
    written, number = reports.issue_circular(args.campaign, args.out, day)
    return {"file": str(written), "number": number}


def _human_circular(r: dict[str, Any]) -> str:
    if r["number"]:
        return f"已生成评查情况通报（{r['number']}）：{r['file']}"
    return f"已生成评查情况通报预览稿（未取文号）：{r['file']}"


def cmd_excel(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    reports = open_services(ctx).reports()
    written = reports.workbook(args.campaign, args.out, ctx.effective_today(), public=args.public)
    return {"file": str(written)}


def cmd_charts(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    reports = open_services(ctx).reports()
    files = reports.charts(args.campaign, args.out, tuple(args.formats or ("png", "svg")))
    return {"files": [str(f) for f in files]}
