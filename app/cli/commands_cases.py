"""``cases``: the library list."""

from __future__ import annotations

import argparse
from typing import Any

from app import CLI_NAME
from app.casefiles.library import KIND_LABELS
from app.cli.common import open_services
from app.cli.output import table
from app.config import RunContext


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("cases", help="列出案卷库中的案卷")
    p.set_defaults(handler=cmd_cases, human=human_cases)


def cmd_cases(args: argparse.Namespace, ctx: RunContext) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "case_no": c.case_no,
            "department": c.department,
            "kind": c.kind,
            "party": c.party,
            "pages": c.pages,
            "file": c.file_name,
            "status": c.status,
        }
        for c in open_services(ctx).library.list_cases()
    ]


def human_cases(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return f"案卷库为空。可运行 `{CLI_NAME} demo` 在单独的演示库文件夹中生成演示案卷。"
    return table(
        [
            [
                str(r["id"]),
                r["case_no"] or "—",
                r["department"] or "—",
                KIND_LABELS.get(r["kind"], r["kind"] or "—"),
                r["party"] or "—",
                str(r["pages"]),
                r["file"],
            ]
            for r in rows
        ],
        ["编号", "案号", "执法单位", "类型", "当事人", "页数", "文件"],
    )
