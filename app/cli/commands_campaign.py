"""``campaign create/list/show/import-catalogue/sample/add/team/assign``: review campaigns,
their review group and the 分工 (which reviewer scores which case)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import command_group, excel_arguments, open_services
from app.cli.errors import CliError, ExitCode
from app.cli.output import line_each, listing
from app.config import RunContext
from app.review.campaigns import DRAWN_LABELS, KIND_LABELS, CampaignService
from app.review.catalogue import CatalogueSheet, NoCaseNoColumn
from app.review.team import TeamService


def _service(ctx: RunContext) -> CampaignService:
    return open_services(ctx).campaigns


def _team(ctx: RunContext) -> TeamService:
    return open_services(ctx).team


def _columns(pairs: list[str]) -> dict[str, str | int | None]:
    columns: dict[str, str | int | None] = {}
    for pair in pairs:
        role, sep, column = pair.partition("=")
        if not sep or not role.strip() or not column.strip():
            raise CliError(
                f"列对应应写成 栏目=列名，如 案号=文书编号（而不是“{pair}”）。", ExitCode.USAGE
            )
        columns[role.strip()] = column.strip()
    return columns


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "campaign", "评查活动：创建、导入案件台账、抽取案卷")

    p = sub.add_parser("create", help="创建评查活动")
    p.add_argument("--name", required=True, help="活动名称")
    p.add_argument(
        "--kind", required=True, choices=list(KIND_LABELS), help="selfreview 自评 / spotcheck 抽查"
    )
    p.add_argument("--period", required=True, help="评查期间，如 2024Q2 或 2024年第二季度")
    p.add_argument(
        "--department", action="append", default=[], help="评查范围内的执法单位（可多次给出）"
    )
    p.add_argument(
        "--checklist",
        action="append",
        default=[],
        help="固定的评查标准 ID 或 ID@版本（可多次给出）",
    )
    p.add_argument("--reviewer", action="append", default=[], help="评查人姓名（可多次给出）")
    p.add_argument(
        "--lead", action="append", default=[], help="组长姓名（合并与签字确认；可多次给出）"
    )
    p.add_argument(
        "--double-review", action="store_true", help="每卷两名评查人背靠背评分，组长合并"
    )
    p.set_defaults(
        handler=cmd_create, human=lambda r: f"已创建评查活动 {r['id']}（{r['period']}）。"
    )

    p = sub.add_parser("list", help="列出评查活动")
    p.set_defaults(handler=cmd_list, human=_human_list)

    p = sub.add_parser("show", help="查看一个评查活动及其案卷")
    p.add_argument("id", type=int)
    p.add_argument(
        "--viewer",
        default=None,
        metavar="姓名",
        help="只列出此人可见的案卷（已分工时：评查人只见分给自己的，组长见全部）",
    )
    p.set_defaults(handler=cmd_show, human=_human_show)

    p = sub.add_parser("team", help="查看或设定评查组（评查人、组长）")
    p.add_argument("id", type=int)
    p.add_argument("--reviewer", action="append", default=[], help="评查人姓名（可多次给出）")
    p.add_argument("--lead", action="append", default=[], help="组长姓名（可多次给出）")
    p.set_defaults(handler=cmd_team, human=_human_team)

    p = sub.add_parser("assign", help="分工：把案卷分配给评查人（双人评查每卷两人）")
    p.add_argument("id", type=int)
    p.add_argument("cases", nargs="*", metavar="案卷编号", help="案卷编号或案号")
    p.add_argument("--reviewer", action="append", default=[], help="评查人姓名（可多次给出）")
    p.add_argument("--auto", action="store_true", help="把未分配的案卷在评查人之间平均分配")
    p.add_argument("--clear", action="store_true", help="取消全部分工（回到不分工模式）")
    p.set_defaults(handler=cmd_assign, human=_human_assign)

    p = sub.add_parser("import-catalogue", help="导入案件台账（Excel）")
    p.add_argument("id", type=int)
    excel_arguments(p)
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="栏目=列名",
        help="指定列对应，如 案号=文书编号",
    )
    p.set_defaults(
        handler=cmd_import_catalogue,
        human=lambda r: (
            f"已从工作表“{r['sheet']}”导入 {r['rows']} 行，其中 {r['linked']} 件已关联案卷库中的卷宗。"
        ),
    )

    p = sub.add_parser("sample", help="按执法单位随机抽取案卷（记录随机种子）")
    p.add_argument("id", type=int)
    p.add_argument("--per-department", type=int, required=True, help="每个执法单位抽取的件数")
    p.add_argument("--seed", type=int, required=True, help="随机种子（同一种子抽取结果相同）")
    p.set_defaults(handler=cmd_sample, human=_human_cases)

    p = sub.add_parser("add", help="手工选定案卷加入评查活动")
    p.add_argument("id", type=int)
    p.add_argument("cases", nargs="+", type=int, metavar="案卷编号")
    p.set_defaults(handler=cmd_add, human=_human_cases)


def cmd_create(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    info = _service(ctx).create(
        args.name,
        args.kind,
        args.period,
        departments=args.department,
        checklists=args.checklist,
        double_review=args.double_review,
        reviewers=args.reviewer,
        leads=args.lead,
    )
    return info.as_json()


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return [c.as_json() for c in _service(ctx).list()]


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    service = _service(ctx)
    doc = service.show(args.id).as_json()
    doc["cases"] = [c.as_json() for c in service.cases(args.id, viewer=args.viewer)]
    if args.viewer is not None:
        doc["visibility"] = _team(ctx).visibility(args.id, args.viewer).as_json()
    return doc


def cmd_team(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    team = _team(ctx)
    if args.reviewer or args.lead:
        members = team.set_team(args.id, args.reviewer, args.lead).value
    else:
        members = team.members(args.id)
    return {"campaign_id": args.id, "members": [m.as_json() for m in members]}


def cmd_assign(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    chosen = sum(bool(x) for x in (args.auto, args.clear, args.cases))
    if chosen != 1:
        raise CliError(
            "请给出要分配的案卷（CASE… --reviewer 姓名），或 --auto，或 --clear。", ExitCode.USAGE
        )
    team = _team(ctx)
    if args.clear:
        return {"cleared": team.clear(args.id).value, "cases": []}
    if args.auto:
        entries = team.auto_assign(args.id).value
    else:
        if not args.reviewer:
            raise CliError("请用 --reviewer 指明评查人。", ExitCode.USAGE)
        entries = team.assign(args.id, args.cases, args.reviewer).value
    return {"cases": [e.as_json() for e in entries]}


def cmd_import_catalogue(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    try:
        source = CatalogueSheet(args.file, args.sheet, _columns(args.column))
        result = _service(ctx).import_catalogue(args.id, source)
    except NoCaseNoColumn as exc:
        raise NoCaseNoColumn(f"{exc}（如 --column 案号=文书编号）") from exc
    return result.as_json()


def cmd_sample(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    drawn = _service(ctx).sample(args.id, per_department=args.per_department, seed=args.seed).value
    return {"cases": [c.as_json() for c in drawn], "seed": args.seed}


def cmd_add(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return {"cases": [c.as_json() for c in _service(ctx).add_cases(args.id, args.cases).value]}


@line_each("还没有评查活动。")
def _human_list(r: dict[str, Any]) -> str:
    return f"{r['id']}  {r['name']}  {KIND_LABELS[r['kind']]}  {r['period']}  {r['cases']} 件"


def _human_show(doc: dict[str, Any]) -> str:
    lines = [
        f"评查活动 {doc['id']}：{doc['name']}（{KIND_LABELS[doc['kind']]}，{doc['period']}）",
        f"评查人：{'、'.join(doc['reviewers']) or '未指定'}；组长：{'、'.join(doc['leads']) or '未指定'}",
        "评查标准："
        + "、".join(f"{c['name']}（{c['id']}@{c['version']}）" for c in doc["checklists"]),
        f"双人评查：{'是' if doc['double_review'] else '否'}；"
        f"随机种子：{'未抽取' if doc['seed'] is None else doc['seed']}",
    ]
    return "\n".join([*lines, _human_cases(doc)])


def _human_team(doc: dict[str, Any]) -> str:
    roles = {"reviewer": "评查人", "lead": "组长"}
    rows = doc["members"]
    return listing(
        rows,
        lambda m: (
            f"{roles[m['role']]}  {m['name']}  分配 {m['assigned']} 卷  已评 {m['scored']} 卷"
        ),
        "评查组尚未设定。",
    )


def _human_assign(doc: dict[str, Any]) -> str:
    if "cleared" in doc:
        return f"已取消 {doc['cleared']} 条分工。"
    return "\n".join(
        f"{c['case_no'] or c['case_id']}  →  {'、'.join(c['reviewers'])}" for c in doc["cases"]
    )


def _human_cases(doc: dict[str, Any]) -> str:
    rows = doc["cases"]
    return listing(
        rows,
        lambda c: (
            f"{c['case_no'] or '（无案号）'}  {c['department'] or ''}  "
            f"{'卷宗 ' + str(c['case_id']) if c['case_id'] else '尚无卷宗'}  "
            f"{DRAWN_LABELS.get(c['drawn_by'], c['drawn_by'])}"
            + (f"  分给 {'、'.join(c['reviewers'])}" if c.get("reviewers") else "")
        ),
        "没有案卷。",
    )
