"""``import``, ``ocr``, ``case show/set/clear/doc``, ``search``: the library of dossiers."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from app.casefiles.case_detail import case_json
from app.casefiles.corrections import FACT_LABELS
from app.casefiles.facts import DOUBTFUL
from app.casefiles.library import KIND_LABELS
from app.cli.common import command_group, open_services
from app.cli.errors import CliError, ExitCode
from app.cli.output import line_each, progress_line
from app.config import RunContext
from app.tasks import TaskState


def _progress() -> TaskState:
    last: list[str] = [""]

    def report(done: int, total: int, message: str) -> None:
        if message != last[0]:
            last[0] = message
            progress_line(f"[{done}/{total}] {message}")

    return TaskState(on_progress=report)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("import", help="导入扫描案卷：PDF、图片、多页 TIFF 或页面图片文件夹")
    p.add_argument("paths", nargs="+", type=Path, metavar="路径")
    p.add_argument("--department", default=None, help="执法单位（不给则从文字中推断）")
    p.add_argument(
        "--kind", choices=["penalty", "coercion"], default=None, help="案件类型（不给则推断）"
    )
    p.add_argument("--password", default=None, help="加密 PDF 的打开密码")
    p.add_argument("--no-ocr", action="store_true", help="只入库，不识别文字")
    p.set_defaults(handler=cmd_import, human=human_import)

    p = subparsers.add_parser("ocr", help="（重新）识别文字、拆分文书、提取要素")
    p.add_argument("ids", nargs="*", type=int, metavar="编号")
    p.add_argument("--all", action="store_true", help="全部案卷")
    p.set_defaults(
        handler=cmd_ocr,
        human=lambda rows: (
            "\n".join(f"案卷 {r['id']}：{r['pages']} 页，用时 {r['seconds']:.1f} 秒" for r in rows)
            or "没有需要识别的案卷。"
        ),
    )

    sub = command_group(subparsers, "case", "单个案卷：查看、更正要素、编辑文书目录")
    p = sub.add_parser("show", help="查看案卷的文书与要素")
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_show, human=human_show)
    p = sub.add_parser("set", help="更正一项要素（更正优先于识别结果）")
    p.add_argument("id", type=int)
    p.add_argument("field", choices=list(FACT_LABELS), metavar="要素", help="、".join(FACT_LABELS))
    p.add_argument("value")
    p.add_argument("--page", type=int, default=None, help="要素所在页")
    p.set_defaults(handler=cmd_set, human=lambda r: f"已更正 {r['label']}：{r['value']}")
    p = sub.add_parser("doubtful", help="列出待核实的要素及其候选读法（供 confirm-fact 选择）")
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_doubtful, human=human_doubtful)
    p = sub.add_parser(
        "confirm-fact", help="确认一项待核实的要素：选一个候选读法或直接填写，随后重新预检"
    )
    p.add_argument("id", type=int)
    p.add_argument("field", choices=list(FACT_LABELS), metavar="要素", help="、".join(FACT_LABELS))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--reading", type=int, default=None, help="候选读法序号（见 case doubtful）")
    group.add_argument("--value", default=None, help="直接填写的数值")
    p.set_defaults(handler=cmd_confirm, human=human_confirm)
    p = sub.add_parser("clear", help="撤销对一项要素的更正，恢复识别结果")
    p.add_argument("id", type=int)
    p.add_argument("field", choices=list(FACT_LABELS), metavar="要素")
    p.set_defaults(handler=cmd_clear, human=lambda r: "已恢复识别结果。")
    p = sub.add_parser("doc", help="编辑文书目录：改类型、与下一份合并、从某页拆开")
    p.add_argument("id", type=int)
    p.add_argument("document", type=int, help="文书编号（见 case show --json 的 documents[].id）")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--type", dest="new_type", default=None)
    group.add_argument("--merge-next", action="store_true")
    group.add_argument("--split-at", type=int, default=None)
    p.add_argument("--split-type", default="unknown", help="拆出的新文书的类型")
    p.set_defaults(handler=cmd_doc, human=lambda r: "文书目录已更新。")

    p = subparsers.add_parser("search", help="在案卷库的识别文字中检索")
    p.add_argument("query")
    p.add_argument("--case", type=int, default=None, help="只在这个案卷中检索")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=cmd_search, human=human_search)


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    services = open_services(ctx)
    importer = services.importer()
    try:
        items = importer.import_paths(
            args.paths,
            department=args.department,
            kind=args.kind,
            password=args.password,
            ocr=not args.no_ocr,
            state=_progress(),
        )
    finally:
        importer.close()
    result = [i.as_json() for i in items]
    failed = [i for i in items if i.error]
    for item in failed:
        progress_line(f"错误：{item.error}")
    if failed:
        done = len(items) - len(failed)
        message = f"{len(failed)} 个文件未能导入" + (f"，其余 {done} 个已导入。" if done else "。")
        raise CliError(message, ExitCode.BAD_INPUT, result=result)
    return result


def human_import(rows: list[dict[str, Any]]) -> str:
    lines = []
    for r in rows:
        if r.get("duplicate_of"):
            lines.append(f"{r['file']}：已在案卷库中（案卷 {r['duplicate_of']}），未重复导入")
        else:
            lines.append(f"{r['file']}：已导入为案卷 {r['id']}，{r['pages']} 页")
    return "\n".join(lines)


def cmd_ocr(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    services = open_services(ctx)
    ids = [c.id for c in services.library.list_cases()] if args.all else args.ids
    if not ids:
        raise CliError("请给出案卷编号，或用 --all 识别全部案卷。", ExitCode.USAGE)
    processor = services.processor()
    rows = []
    try:
        for case_id in ids:
            started = time.perf_counter()
            result = processor.process(case_id, _progress(), redo=True)
            rows.append(
                {
                    "id": case_id,
                    "pages": result.pages,
                    "seconds": round(time.perf_counter() - started, 2),
                    "failed_pages": result.failed_pages,
                }
            )
    finally:
        processor.close()
    return rows


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    services = open_services(ctx)
    detail = services.cases.detail(args.id)
    doc: dict[str, Any] = case_json(detail)
    doc["documents"] = [
        {"id": d.id, **shown} for d, shown in zip(detail.documents, doc["documents"], strict=True)
    ]
    return doc


def human_show(doc: dict[str, Any]) -> str:
    fields = doc["fields"]
    lines = [
        f"案卷 {doc['id']}：{doc['file']}（{doc['pages']} 页，{KIND_LABELS.get(doc['kind'], doc['kind'] or '类型未定')}）",
        f"执法单位：{doc['department'] or '—'}",
        f"案号：{fields['case_no'] or '—'}    当事人：{fields['party'] or '—'}",
        f"案由：{fields['cause'] or '—'}    罚款：{fields['fine_yuan'] if fields['fine_yuan'] is not None else '—'}",
        "日期："
        + "，".join(f"{FACT_LABELS['date.' + k]} {v}" for k, v in fields["dates"].items() if v),
        "文书：",
    ]
    for d in doc["documents"]:
        pages = (
            f"第 {d['first_page']} 页"
            if d["first_page"] == d["last_page"]
            else f"第 {d['first_page']}–{d['last_page']} 页"
        )
        lines.append(f"  [{d['id']}] {d['title'] or d['name']}  {pages}")
    if doc.get("contents"):
        lines.append("卷内目录：")
        for row in doc["contents"]:
            listed = _listed_pages(row["first_page"], row["last_page"])
            lines.append(f"  {row['number'] or '—'}  {row['title']}  {row['date'] or ''}  {listed}")
    return "\n".join(lines)


def _listed_pages(first: int | None, last: int | None) -> str:
    """A 目录 row's pages as printed in it: 页号 3, 页号 3–5, or 无页号."""
    if first is None:
        return "无页号"
    return f"页号 {first}" if last in (None, first) else f"页号 {first}–{last}"


def cmd_set(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    value = (
        open_services(ctx).corrections.set_fact(args.id, args.field, args.value, args.page).value
    )
    return {"id": args.id, "field": args.field, "label": FACT_LABELS[args.field], "value": value}


def cmd_doubtful(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    """The 待核实 view: each doubtful fact with its numbered candidate readings."""
    detail = open_services(ctx).cases.detail(args.id)
    return [
        {
            "field": name,
            "label": FACT_LABELS.get(name, name),
            "value": fact.value,
            "page": fact.page,
            "region": list(fact.region) if fact.region else None,
            "confidence": fact.confidence,
            "readings": [{"n": n, **r} for n, r in enumerate(fact.readings, 1)],
        }
        for name, fact in sorted(detail.facts.items())
        if fact.status == DOUBTFUL
    ]


def human_doubtful(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "没有待核实的要素。"
    lines = []
    for r in rows:
        lines.append(f"{r['label']}（{r['field']}）待核实，现读作 {r['value'] or '—'}：")
        for reading in r["readings"]:
            page = f"第 {reading['page']} 页" if reading.get("page") else ""
            lines.append(
                f"  [{reading['n']}] {reading['value']}  {page} {reading.get('source') or ''}"
            )
    return "\n".join(lines)


def cmd_confirm(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    services = open_services(ctx)
    value = services.confirm_fact(args.id, args.field, reading=args.reading, value=args.value).value
    return {
        "id": args.id,
        "field": args.field,
        "label": FACT_LABELS[args.field],
        "value": value,
        "status": "confirmed",
        "prechecks": services.precheck_suggestions(args.id),
    }


def human_confirm(doc: dict[str, Any]) -> str:
    still = sum(1 for s in doc["prechecks"] if s["needs_check"] and s["state"] == "pending")
    tail = f"；仍有 {still} 条需核实" if still else ""
    return f"已确认 {doc['label']}：{doc['value']}，已重新预检，现有 {len(doc['prechecks'])} 条提示{tail}。"


def cmd_clear(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    open_services(ctx).corrections.clear_fact(args.id, args.field)
    return {"id": args.id, "field": args.field}


def cmd_doc(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    corrections = open_services(ctx).corrections
    if args.new_type:
        corrections.retype(args.id, args.document, args.new_type)
    elif args.merge_next:
        corrections.merge_with_next(args.id, args.document)
    else:
        corrections.split_at(args.id, args.document, args.split_at, args.split_type)
    return {"id": args.id}


def cmd_search(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:

    hits = open_services(ctx).search(args.query, case_file_id=args.case, limit=args.limit)
    return [{"case_id": h.case_file_id, "page": h.page, "snippet": h.marked()} for h in hits]


@line_each("没有找到。")
def human_search(r: dict[str, Any]) -> str:
    return f"案卷 {r['case_id']} 第 {r['page']} 页：{r['snippet']}"
