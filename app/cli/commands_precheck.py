"""``precheck ID [--checklist CHECKLIST_ID]``: automatic pre-checks of one dossier."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import open_services
from app.config import RunContext
from app.errors import UserError
from app.review.precheck_text import facts_text


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "precheck", help="自动预检：期限、应有文书、文号、救济告知、执法人员、页码"
    )
    p.add_argument("id", type=int, metavar="编号")
    p.add_argument("--checklist", default=None, help="评查标准编号（默认用该案卷类型的自带标准）")
    p.set_defaults(handler=cmd_precheck, human=human_precheck)


def cmd_precheck(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    services = open_services(ctx)
    kind = services.cases.detail(args.id).kind  # NotFoundError names a missing dossier
    if args.checklist:
        checklist = services.checklists.get(args.checklist)
    else:
        if kind is None:
            raise UserError("案卷的案件类型未知，请用 --checklist 指定评查标准。")
        checklist = services.checklists.default_for(kind)
    return [s.as_json() for s in services.run_prechecks(args.id, checklist)]


def human_precheck(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "未发现问题。"
    lines = []
    for r in rows:
        pages = "、".join(str(p) for p in r["pages"])
        points = "" if r["suggested_points"] is None else f"，建议扣 {r['suggested_points']:g} 分"
        where = f"（第 {pages} 页）" if pages else ""
        head = "[需核实]" if r.get("needs_check") else f"[{r['item_id'] or '—'}]"
        lines.append(f"{head} {r['message']}{where}{points}")
        if r.get("facts"):
            lines.append("    " + facts_text(r["facts"]))
    return "\n".join(lines)
