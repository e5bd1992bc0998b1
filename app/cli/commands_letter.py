"""``letter opinion/decision/write/list/candidates/numbers/set-next``: the 监督意见书 and
监督决定书, and the 发文字号 registry."""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from app.cli.common import command_group, open_services
from app.cli.main import iso_date
from app.cli.output import line_each
from app.config import RunContext
from app.documents.decision_text import measure_table, parse_measure_choices
from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.review.letter_numbers import KIND_LABELS

Request = TypeVar("Request", OpinionRequest, DecisionRequest)
MEASURE_LABELS = "、".join(m.label for m in measure_table().measures.values())


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "letter", "监督意见书、监督决定书与文号登记簿")

    p = sub.add_parser("opinion", help="向一个执法单位出具《行政执法监督意见书》")
    p.add_argument("campaign_id", type=int, metavar="活动编号")
    p.add_argument("--department", required=True, help="执法单位名称")
    _issue_arguments(p, "整改")
    p.add_argument(
        "--served",
        dest="served_on",
        metavar="日期",
        type=iso_date,
        default=None,
        help="送达日期（设置 deadline_from=service 时整改期限自该日起算，默认同印发日期）",
    )
    p.set_defaults(handler=cmd_opinion, human=_human_opinion)

    p = sub.add_parser("decision", help="对逾期未整改的意见书出具《行政执法监督决定书》")
    p.add_argument("opinion_number", metavar="意见书文号", help="所依据的监督意见书文号")
    _issue_arguments(p, "纠正")
    p.add_argument(
        "--measure",
        action="append",
        default=[],
        metavar="序号=措施",
        help=f"某项问题的监督措施（可多次给出，如 1=撤销；可选：{MEASURE_LABELS}；"
        "未给出的按问题类别默认）",
    )
    p.add_argument(
        "--decision",
        dest="decisions",
        metavar="决定",
        action="append",
        default=None,
        help="直接写出决定事项（可多次给出；给出时不再按问题逐项生成）",
    )
    p.set_defaults(
        handler=cmd_decision, human=lambda r: f"已出具 {r['number']}{_provisional(r)}：{r['file']}"
    )

    p = sub.add_parser("write", help="按印发时的内容重新生成一份已出具的文书")
    p.add_argument("number", metavar="文号")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_write, human=lambda r: f"已重新生成 {r['number']}：{r['file']}")

    p = sub.add_parser("list", help="列出已出具的文书（给出 --today 时只列出该日及以前印发的）")
    p.set_defaults(handler=cmd_list, human=_human_list)

    p = sub.add_parser("candidates", help="评查活动中需出具意见书的执法单位")
    p.add_argument("campaign", type=int, metavar="活动编号")
    p.set_defaults(handler=cmd_candidates, human=_human_candidates)

    p = sub.add_parser("numbers", help="文号登记簿：各代字、年度的下一个序号")
    p.set_defaults(handler=cmd_numbers, human=_human_numbers)

    p = sub.add_parser("set-next", help="设置下一个序号（不能回到已使用的序号）")
    p.add_argument("--kind", choices=sorted(KIND_LABELS), required=True)
    p.add_argument("--code", default=None, help="机关代字（默认按设置）")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--next", type=int, required=True, dest="next_number")
    p.set_defaults(handler=cmd_set_next, human=lambda r: f"下一个文号：{r['next_text']}")


def _issue_arguments(p: argparse.ArgumentParser, period: str) -> None:
    """The options of every letter issued: named as its request's fields (see
    :func:`_request`), so the two letters cannot read them differently."""
    p.add_argument("--out", type=Path, required=True, help="输出的 .docx 文件")
    p.add_argument(
        "--date",
        dest="issued_on",
        metavar="日期",
        type=iso_date,
        default=None,
        help="印发日期（默认今天）",
    )
    p.add_argument("--deadline", type=iso_date, default=None, help=f"手工指定{period}期限")
    p.add_argument("--days", type=int, default=None, help=f"{period}期限天数（默认按设置）")


def _request(
    cls: type[Request], args: argparse.Namespace, ctx: RunContext, **given: Any
) -> Request:
    """The request of a letter from the options named as its fields; ``given`` adds the
    ones the command line spells otherwise. No date given: the letter is issued today."""
    named = {f.name: getattr(args, f.name) for f in fields(cls) if hasattr(args, f.name)}
    return cls(**{**named, "issued_on": args.issued_on or ctx.effective_today(), **given})


def cmd_opinion(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    request = _request(OpinionRequest, args, ctx)
    letters = open_services(ctx).letters(provisional=True)
    return letters.issue_opinion(request, args.out).as_json()


def cmd_decision(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    request = _request(DecisionRequest, args, ctx, measures=parse_measure_choices(args.measure))
    letters = open_services(ctx).letters(provisional=True)
    return letters.issue_decision(request, args.out).as_json()


def cmd_write(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return open_services(ctx).letters().rewrite(args.number, args.out).as_json()


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return open_services(ctx).letters().letters(until=ctx.today)


def cmd_candidates(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return [c.as_json() for c in open_services(ctx).letters().candidates(args.campaign)]


def cmd_numbers(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    services = open_services(ctx)
    registry = services.numbers()
    year = ctx.effective_today().year
    settings = services.settings
    return {
        "next": {
            kind: registry.peek(kind, settings.letter_code(kind), year) for kind in KIND_LABELS
        },
        "sequences": [s.as_json() for s in registry.sequences()],
    }


def cmd_set_next(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    services = open_services(ctx)
    settings = services.settings
    code = args.code or settings.letter_code(args.kind)
    registry = services.numbers()
    info = registry.set_next(args.kind, code, args.year, args.next_number)
    return info.as_json() | {"next_text": registry.peek(args.kind, code, args.year)}


@line_each("尚未出具文书。")
def _human_list(r: dict[str, Any]) -> str:
    deadline = f"\t期限 {r['deadline']}" if r["deadline"] else ""
    return f"{r['number']}\t{KIND_LABELS[r['kind']]}\t{r['department'] or '—'}\t印发 {r['issued_on']}{deadline}"


@line_each("本次评查未发现需出具监督意见书的问题。")
def _human_candidates(r: dict[str, Any]) -> str:
    issued = f"\t已出具 {r['issued_number']}" if r["issued_number"] else ""
    return f"{r['department']}\t{r['problems']} 个问题（{r['cases']} 件案卷）{issued}"


def _human_numbers(data: dict[str, Any]) -> str:
    lines = [f"下一个{label}文号：{data['next'][kind]}" for kind, label in KIND_LABELS.items()]
    for s in data["sequences"]:
        lines.append(
            f"{KIND_LABELS[s['kind']]}\t{s['code']}〔{s['year']}〕\t已发 {s['issued']} 个，下一个 {s['next_number']}"
        )
    return "\n".join(lines)


def _human_opinion(r: dict[str, Any]) -> str:
    return f"已出具 {r['number']}，整改期限 {r['deadline']}{_provisional(r)}：{r['file']}"


def _provisional(result: dict[str, Any]) -> str:
    """A deadline counted on a year whose holidays are not imported yet says so (暂定)."""
    if not result.get("deadline_provisional"):
        return ""
    return "（暂定：该年节假日安排尚未导入，导入后请用 calendar import 的复核清单核对）"
