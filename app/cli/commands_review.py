"""``review deduct/list/score/accept/reject/diff/reconcile/signoff/findings``: scoring files."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import command_group, open_services
from app.cli.errors import CliError, ExitCode
from app.cli.output import line_each
from app.config import RunContext
from app.review.evidence import parse_region_arg
from app.review.reviews import ReviewService, score_json


def _service(ctx: RunContext, args: argparse.Namespace | None = None) -> ReviewService:
    """The window's review service; ``--reviewer``/``--lead`` name who works this run."""
    who = None
    if args is not None:
        who = getattr(args, "lead", None) or getattr(args, "reviewer", None)
    return open_services(ctx, who).reviews


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "review", "评查评分：扣分、预检、合并、签字确认")

    def case_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("campaign", type=int, metavar="活动编号")
        p.add_argument("case", metavar="案卷编号", help="案卷编号或案号")

    p = sub.add_parser("deduct", help="记录一项扣分")
    case_args(p)
    p.add_argument("item", metavar="评查项目", help="评查项目编号")
    p.add_argument("--count", type=int, default=1, help="问题处数")
    p.add_argument("--reason", required=True, help="扣分理由")
    p.add_argument("--basis", default=None, help="法律依据")
    p.add_argument("--page", type=int, default=None, help="问题所在页（从 1 起）")
    p.add_argument(
        "--region",
        default=None,
        metavar="X0,Y0,X1,Y1",
        help="证据区域：左、上、右、下边在页面宽高中的比例（0 到 1，未旋转的页面），须同时给出 --page",
    )
    p.add_argument("--reviewer", default=None, help="评查人")
    p.add_argument("--final", action="store_true", help="记入组长的合并结果")
    p.set_defaults(
        handler=cmd_deduct,
        human=lambda r: f"已记录扣分 {r['deduction_id']}（{r['points']:g} 分）。",
    )

    p = sub.add_parser("list", help="列出扣分")
    case_args(p)
    p.add_argument("--reviewer", default=None)
    p.set_defaults(handler=cmd_list, human=_human_list)

    p = sub.add_parser("score", help="得分、等次与否决项")
    case_args(p)
    p.add_argument("--reviewer", default=None)
    p.set_defaults(handler=cmd_score, human=_human_score)

    p = sub.add_parser("accept", help="把预检提示采纳为扣分")
    case_args(p)
    p.add_argument("--reviewer", default=None)
    p.set_defaults(handler=cmd_accept, human=human_accept)

    p = sub.add_parser("reject", help="不采纳一条预检提示（须说明理由）")
    p.add_argument("suggestion", type=int, metavar="预检建议编号")
    p.add_argument("--reason", required=True)
    p.add_argument("--reviewer", default=None)
    p.set_defaults(handler=cmd_reject, human=lambda r: "已记录不采纳的理由。")

    p = sub.add_parser("diff", help="两位评查人逐项比较（组长用）")
    case_args(p)
    p.set_defaults(handler=cmd_diff, human=_human_diff)

    p = sub.add_parser("reconcile", help="组长合并两位评查人的结果")
    case_args(p)
    p.add_argument("--lead", default=None, help="组长姓名")
    p.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="评查项目=评查人",
        help="逐项选定采用谁的扣分（评查人写“无”表示不扣分）",
    )
    p.set_defaults(handler=cmd_reconcile, human=lambda r: "已合并为组长结果。")

    p = sub.add_parser("signoff", help="组长签字确认")
    case_args(p)
    p.add_argument("--lead", default=None, help="组长姓名")
    p.set_defaults(handler=cmd_signoff, human=lambda r: "已签字确认。")

    p = sub.add_parser("findings", help="按执法单位汇总监督事项问题")
    p.add_argument("campaign", type=int, metavar="活动编号")
    p.set_defaults(handler=cmd_findings, human=_human_findings)


def cmd_deduct(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    region = None if args.region is None else parse_region_arg(args.region, args.page).as_json()
    change = _service(ctx, args).deduct(
        args.campaign,
        args.case,
        args.item,
        args.count,
        args.reason,
        args.basis,
        args.page,
        region,
        reviewer=args.reviewer,
        final=args.final,
    )
    return {"deduction_id": change.deduction_id, **change.as_json()}


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return [
        d.as_json() for d in _service(ctx, args).deductions(args.campaign, args.case, args.reviewer)
    ]


def cmd_score(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = _service(ctx, args)
    doc = score_json(service.score(args.campaign, args.case, args.reviewer))
    doc["signed_off"] = service.status(args.campaign, args.case)["signed_off"]
    return doc


def cmd_accept(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return _service(ctx, args).accept_prechecks(args.campaign, args.case, reviewer=args.reviewer)


def cmd_reject(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    _service(ctx, args).reject_precheck(args.suggestion, args.reason, reviewer=args.reviewer)
    return {"rejected": True, "suggestion_id": args.suggestion}


def cmd_diff(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return _service(ctx, args).differences(args.campaign, args.case).as_json()


def cmd_reconcile(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    choices: dict[str, str | None] = {}
    for pair in args.take:
        item, sep, who = pair.partition("=")
        if not sep or not item.strip():
            raise CliError(f"--take 应写成 项目编号=评查人（而不是“{pair}”）。", ExitCode.USAGE)
        choices[item.strip()] = who.strip() or None
    change = _service(ctx, args).reconcile(args.campaign, args.case, args.lead, choices)
    return {"reconciled": True, **change.as_json()}


def cmd_signoff(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    change = _service(ctx, args).signoff(args.campaign, args.case, args.lead)
    return {"signed_off": True, "review_id": change.review_id}


def cmd_findings(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    services = open_services(ctx)
    return {d: [f.as_json() for f in rows] for d, rows in services.findings(args.campaign).items()}


@line_each("没有扣分。")
def _human_list(r: dict[str, Any]) -> str:
    page = f"（第{r['page']}页）" if r["page"] else ""
    return f"{r['id']}  {r['item_id']}  ×{r['count']}  -{r['points']:g}  {r['reason']}{page}"


def _human_score(doc: dict[str, Any]) -> str:
    vetoed = "（存在否决项）" if doc["vetoed"] else ""
    categories = [
        f"  {c['name']}：{c['points']:g} 分，扣 {c['lost']:g} 分" for c in doc["categories"]
    ]
    return "\n".join([f"得分 {doc['total']:g}，等次 {doc['grade']}{vetoed}", *categories])


def _human_diff(doc: dict[str, Any]) -> str:
    lines = []
    for item in doc["items"]:
        sides = "；".join(f"{s['reviewer']} 扣 {s['points']:g} 分" for s in item["sides"])
        lines.append(f"{'  ' if item['agree'] else '≠ '}{item['item_id']}  {sides}")
    return "\n".join(lines) or "两位评查人均未扣分。"


def _human_findings(doc: dict[str, Any]) -> str:
    lines = []
    for department, rows in doc.items():
        lines.append(department)
        lines += [f"  {r['case_no']}  {r['item']}  {r['text']}" for r in rows]
    return "\n".join(lines) or "没有监督事项问题。"


def human_accept(result: dict[str, Any]) -> str:
    """How many became deductions; 需核实 items wait for their fact to be confirmed."""
    text = f"已采纳 {result['accepted']} 条预检提示。"
    if result.get("needs_check"):
        text += f"另有 {len(result['needs_check'])} 条需核实，请先用 case confirm-fact 确认所依据的要素。"
    return text
