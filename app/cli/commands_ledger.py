"""``ledger add|list|import|note|delete|counts``: the 纠错案件台账 (cases corrected on 行政复议
or in 行政诉讼), recorded per quarter."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import command_group, excel_arguments, open_services
from app.cli.errors import CliError, ExitCode
from app.cli.output import table
from app.config import RunContext

if TYPE_CHECKING:
    from app.review.corrected_cases import CorrectedCaseService


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "ledger", "纠错案件台账：行政复议、行政诉讼纠错案件")

    add = sub.add_parser("add", help="登记一件纠错案件")
    add.add_argument("--department", required=True, help="被纠错的执法单位")
    add.add_argument("--case-no", required=True, help="原行政行为的案号（文号）")
    add.add_argument(
        "--channel", required=True, help="纠错方式：reconsideration/复议 或 litigation/诉讼"
    )
    add.add_argument("--organ", required=True, help="纠错机关（复议机关或人民法院）")
    add.add_argument("--date", required=True, help="纠错日期 YYYY-MM-DD")
    add.add_argument("--result", required=True, help="纠错结果：撤销、变更、确认违法、责令履行等")
    add.add_argument("--reason", required=True, help="纠错原因")
    add.add_argument("--note", help="复盘情况")
    add.set_defaults(handler=cmd_add, human=lambda r: f"已登记纠错案件，编号 {r['id']}。")

    ls = sub.add_parser("list", help="列出纠错案件")
    ls.add_argument("--quarter", help="季度，如 2026Q3 或 2026年第三季度")
    ls.add_argument("--department", help="只列该执法单位")
    ls.set_defaults(handler=cmd_list, human=human_list)

    imp = sub.add_parser("import", help="从 Excel 导入纠错案件台账（已有的记录更新）")
    excel_arguments(imp)
    imp.set_defaults(handler=cmd_import, human=lambda r: _summary(r))

    note = sub.add_parser("note", help="填写复盘情况或整改情况")
    note.add_argument("id", type=int, metavar="编号")
    note.add_argument("--review", help="复盘情况")
    note.add_argument("--rectification", help="整改情况")
    note.add_argument("--rectified-on", help="整改完成日期 YYYY-MM-DD")
    note.set_defaults(handler=cmd_note, human=lambda r: f"已更新纠错案件 {r['id']}。")

    delete = sub.add_parser("delete", help="删除一条纠错案件记录")
    delete.add_argument("id", type=int, metavar="编号")
    delete.set_defaults(handler=cmd_delete, human=lambda r: f"已删除纠错案件 {r['id']}。")

    counts = sub.add_parser("counts", help="各执法单位的纠错案件数")
    counts.add_argument("--quarter", help="季度（或 2026H1、2026 等期间）")
    counts.add_argument("--to", help="统计到该季度为止（与 --quarter 组成期间）")
    counts.set_defaults(handler=cmd_counts, human=human_counts)


def _service(ctx: RunContext) -> CorrectedCaseService:
    return open_services(ctx).ledger()


def cmd_add(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    info = _service(ctx).add(
        args.department,
        args.case_no,
        args.channel,
        args.organ,
        args.date,
        args.result,
        args.reason,
        review_note=args.note,
    )
    return info.as_json()


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    entries = _service(ctx).list(quarter=args.quarter, department=args.department)
    return [e.as_json() for e in entries]


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    report = _service(ctx).import_excel(args.file, args.sheet).as_json()
    if report["errors"]:
        raise CliError(
            f"有 {len(report['errors'])} 行未导入（第 "
            + "、".join(str(e["row"]) for e in report["errors"])
            + " 行），其余已导入。",
            ExitCode.BAD_INPUT,
            result=report,
        )
    return report


def cmd_note(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    fields = {
        key: value
        for key, value in (
            ("review_note", args.review),
            ("rectification_note", args.rectification),
            ("rectified_on", args.rectified_on),
        )
        if value is not None
    }
    if not fields:
        raise CliError(
            "请至少给出 --review、--rectification 或 --rectified-on 之一。", ExitCode.USAGE
        )
    return _service(ctx).update(args.id, **fields).as_json()


def cmd_delete(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    _service(ctx).delete(args.id)
    return {"id": args.id, "deleted": True}


def cmd_counts(args: argparse.Namespace, ctx: RunContext) -> dict[str, int]:
    return _service(ctx).counts_by_department(args.quarter, args.to)


def _summary(report: dict[str, Any]) -> str:
    lines = [
        f"工作表“{report['sheet']}”：新增 {report['imported']} 件，更新 {report['updated']} 件，"
        f"未变 {report['unchanged']} 件。"
    ]
    lines += [f"第 {e['row']} 行：{e['message']}" for e in report["errors"]]
    return "\n".join(lines)


def human_list(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "纠错案件台账为空。"
    channel = {"reconsideration": "复议", "litigation": "诉讼"}
    return table(
        [
            [
                str(r["id"]),
                r["quarter"],
                r["department"],
                r["case_no"],
                channel.get(r["channel"], r["channel"]),
                r["organ"],
                r["date"],
                r["result"],
                "有" if r["review_note"] else "—",
                r["rectified_on"] or "—",
            ]
            for r in rows
        ],
        [
            "编号",
            "季度",
            "执法单位",
            "案号",
            "方式",
            "纠错机关",
            "纠错日期",
            "结果",
            "复盘",
            "整改",
        ],
    )


def human_counts(counts: dict[str, int]) -> str:
    if not counts:
        return "该期间没有纠错案件。"
    return "\n".join(f"{name}\t{n}" for name, n in counts.items())
