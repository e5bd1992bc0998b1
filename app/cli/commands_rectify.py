"""``rectify list/show/reply/verify/extend/dashboard``: rectification tracking (整改督办).

Every date defaults to the global ``--today`` (or the real today)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import command_group, open_services
from app.cli.main import iso_date
from app.config import RunContext
from app.errors import UserError
from app.review.rectification import STATUS_LABELS


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "rectify", "整改督办：回复、验收、延期、逾期")

    p = sub.add_parser("list", help="意见书及其整改状态（逾期按 --today 计算）")
    p.add_argument("--status", choices=sorted(STATUS_LABELS), default=None)
    p.add_argument("--department", default=None)
    p.set_defaults(handler=cmd_list, human=_human_list)

    p = sub.add_parser("show", help="一份意见书的整改详情")
    p.add_argument("number", metavar="意见书文号")
    p.set_defaults(handler=cmd_show, human=_human_show)

    p = sub.add_parser("dashboard", help="今日督办：逾期、一周内到期、待验收")
    p.set_defaults(handler=cmd_dashboard, human=_human_dashboard)

    p = sub.add_parser("reply", help="登记执法单位的整改回复")
    p.add_argument("number", metavar="意见书文号")
    p.add_argument("--date", type=iso_date, default=None, help="收到回复的日期（默认今天）")
    p.add_argument("--file", type=Path, action="append", default=[], help="回复材料（可多次）")
    p.add_argument(
        "--outcome",
        action="append",
        default=[],
        metavar="N=rectified|partly|not",
        help="第 N 个问题的整改结果（未列出的视为已整改）",
    )
    p.add_argument("--note", default=None)
    p.set_defaults(handler=cmd_reply, human=_human_status)

    p = sub.add_parser("verify", help="验收整改回复（或 --return 退回补充整改）")
    p.add_argument("number", metavar="意见书文号")
    p.add_argument("--date", type=iso_date, default=None)
    p.add_argument("--return", dest="send_back", action="store_true", help="退回补充整改")
    p.add_argument("--note", default=None)
    p.set_defaults(handler=cmd_verify, human=_human_status)

    p = sub.add_parser("extend", help="延长整改期限（须说明理由）")
    p.add_argument("number", metavar="意见书文号")
    p.add_argument("--to", type=iso_date, required=True, dest="new_deadline")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=iso_date, default=None, help="批准日期（默认今天）")
    p.set_defaults(handler=cmd_extend, human=_human_status)

    p = sub.add_parser("remind", help="记录对逾期未整改单位的催办")
    p.add_argument("number", metavar="意见书文号")
    p.add_argument("--date", type=iso_date, default=None, help="催办日期（默认今天）")
    p.add_argument("--note", default="", help="催办方式或内容，如“电话催办”")
    p.set_defaults(handler=cmd_remind, human=_human_status)


def _outcomes(pairs: list[str]) -> dict[int, str]:
    result: dict[int, str] = {}
    for pair in pairs:
        seq, sep, outcome = pair.partition("=")
        if not sep or not seq.strip().isdigit():
            raise UserError(f"--outcome 应写成“序号=结果”，如 2=partly，而不是“{pair}”。")
        result[int(seq)] = outcome
    return result


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    service = open_services(ctx).rectification()
    rows = service.list(ctx.effective_today(), status=args.status, department=args.department)
    return [r.as_json() for r in rows]


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = open_services(ctx).rectification()
    return service.show(args.number, ctx.effective_today()).as_json(detail=True)


def cmd_dashboard(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    board = open_services(ctx).rectification().dashboard(ctx.effective_today())
    return {key: [r.as_json() for r in rows] for key, rows in board.items()}


def cmd_reply(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = open_services(ctx).rectification()
    info = service.record_reply(
        args.number,
        args.date or ctx.effective_today(),
        files=args.file,
        outcomes=_outcomes(args.outcome),
        note=args.note,
    )
    return info.as_json(detail=True)


def cmd_verify(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = open_services(ctx).rectification()
    info = service.verify(
        args.number, args.date or ctx.effective_today(), accept=not args.send_back, note=args.note
    )
    return info.as_json(detail=True)


def cmd_extend(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = open_services(ctx).rectification()
    info = service.extend(
        args.number, args.new_deadline, args.reason, args.date or ctx.effective_today()
    )
    return info.as_json(detail=True)


def cmd_remind(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = open_services(ctx).rectification()
    info = service.remind(args.number, args.date or ctx.effective_today(), args.note)
    return info.as_json(detail=True)


def _line(r: dict[str, Any]) -> str:
    extra = ""
    if r["status"] == "overdue":
        extra = f"（逾期{r['days_overdue']}天）"
    elif r.get("days_left") is not None and r["status"] == "issued":
        extra = f"（剩{r['days_left']}天）"
    return f"{r['number']}\t{r['department']}\t期限 {r['deadline']}\t{r['status_label']}{extra}"


def _human_list(rows: list[dict[str, Any]]) -> str:
    return "\n".join(_line(r) for r in rows) if rows else "没有已出具的监督意见书。"


def _human_status(r: dict[str, Any]) -> str:
    return _line(r)


def _human_show(r: dict[str, Any]) -> str:
    lines = [_line(r)]
    outcome = {"rectified": "已整改", "partly": "部分整改", "not": "未整改", None: "未回复"}
    for p in r["problems"]:
        lines.append(f"  {p['seq']}. {p['case_no'] or ''} {p['text']}（{outcome[p['outcome']]}）")
    for e in r["extensions"]:
        lines.append(f"  延期至 {e['new_deadline']}：{e['reason']}")
    return "\n".join(lines)


def _human_dashboard(board: dict[str, list[dict[str, Any]]]) -> str:
    titles = {"overdue": "逾期未整改", "due_soon": "一周内到期", "awaiting_verification": "待验收"}
    parts = []
    for key, title in titles.items():
        rows = board[key]
        parts.append(f"{title}（{len(rows)}）")
        parts.extend(f"  {_line(r)}" for r in rows)
    return "\n".join(parts)
