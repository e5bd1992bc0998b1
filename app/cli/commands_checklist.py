"""``checklist list / show / validate / import``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import command_group, excel_arguments, open_services
from app.cli.output import table
from app.config import RunContext
from app.review.checklist_excel import ROLES
from app.review.checklists import ChecklistService, checklist_json
from scoring.checklist import CASE_KIND_LABELS

KIND_LABELS = CASE_KIND_LABELS


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "checklist", "评查标准：列出、查看、校验、导入")

    p = sub.add_parser("list", help="列出评查标准")
    p.set_defaults(handler=cmd_list, human=human_list)

    p = sub.add_parser("show", help="查看一个评查标准")
    p.add_argument("id")
    p.add_argument("--version", dest="checklist_version", default=None)
    p.set_defaults(handler=cmd_show, human=human_show)

    p = sub.add_parser("validate", help="校验评查标准文件（YAML），不导入")
    p.add_argument("file", type=Path)
    p.set_defaults(
        handler=cmd_validate,
        human=lambda r: f"校验通过：{r['name']}（{r['items']} 项，共 {r['total_points']:g} 分）",
    )

    p = sub.add_parser("import", help="导入评查标准：YAML 文件，或 Excel 表格（.xlsx）")
    excel_arguments(p)
    for role, label, _required in ROLES:
        p.add_argument(f"--col-{role}", type=int, default=None, help=f"“{label}”所在列（从 1 起）")
    p.add_argument("--id", dest="checklist_id", default=None, help="标准编号（Excel 导入用）")
    p.add_argument("--name", default=None, help="标准名称（Excel 导入用）")
    p.add_argument("--province", default=None)
    p.add_argument("--kind", choices=["penalty", "coercion"], default=None)
    p.add_argument("--version", dest="checklist_version", default=None)
    p.add_argument("--effective-date", default=None)
    p.set_defaults(handler=cmd_import, human=human_import)


def cmd_list(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return [info.as_json() for info in open_services(ctx).checklists.list()]


def human_list(rows: list[dict[str, Any]]) -> str:
    return table(
        [
            [
                r["id"],
                r["name"],
                KIND_LABELS.get(r["kind"], r["kind"]),
                r["version"],
                f"{r['total_points']:g}",
                str(r["items"]),
                str(r["veto_items"]),
            ]
            for r in rows
        ],
        ["编号", "名称", "类型", "版本", "总分", "项数", "否决项"],
    )


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return checklist_json(open_services(ctx).checklists.get(args.id, args.checklist_version))


def human_show(doc: dict[str, Any]) -> str:
    lines = [f"{doc['name']}（{doc['version']}）  总分 {doc['total_points']:g}"]
    lines.append("等次：" + "，".join(f"{g['grade']} ≥ {g['min']:g}" for g in doc["grades"]))
    for cat in doc["categories"]:
        lines.append(f"\n{cat['name']}（{cat['points']:g} 分）")
        for item in cat["items"]:
            veto = "  【否决项】" if item["veto"] else ""
            lines.append(f"  {item['id']:<8} {item['points']:>4g} 分  {item['text']}{veto}")
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    checklist = ChecklistService.validate_file(args.file)
    return {
        "file": str(args.file),
        "valid": True,
        "id": checklist.id,
        "name": checklist.name,
        "total_points": float(checklist.total_points),
        "items": checklist.item_count,
        "veto_items": len(checklist.veto_items),
    }


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    from datetime import date

    from app.cli.errors import CliError, ExitCode

    service = open_services(ctx).checklists
    if args.file.suffix.lower() not in (".xlsx", ".xlsm"):
        checklist = service.import_file(args.file).value
        return {
            "id": checklist.id,
            "version": checklist.version,
            "name": checklist.name,
            "notes": [],
        }
    job = service.start_excel_import(args.file, args.sheet)
    for role, _label, _required in ROLES:
        col = getattr(args, f"col_{role}")
        if col is not None:
            job.mapping[role] = col - 1
    job.update_meta(
        id=args.checklist_id,
        name=args.name,
        province=args.province,
        kind=args.kind,
        version=args.checklist_version,
        effective_date=date.fromisoformat(args.effective_date) if args.effective_date else None,
    )
    result = job.convert()
    if result.checklist is None:
        raise CliError("表格未通过校验，未导入：\n" + result.report_text, ExitCode.BAD_INPUT)
    checklist = job.save().value
    return {
        "id": checklist.id,
        "version": checklist.version,
        "name": checklist.name,
        "items": checklist.item_count,
        "notes": [str(n) for n in result.report.notes],
    }


def human_import(doc: dict[str, Any]) -> str:
    notes = "\n".join(f"  说明：{n}" for n in doc.get("notes", []))
    return f"已导入评查标准：{doc['name']}（{doc['id']}，版本 {doc['version']}）" + (
        f"\n{notes}" if notes else ""
    )
