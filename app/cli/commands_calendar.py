"""``calendar import FILE|-`` / ``calendar show YEAR``: the year's holidays from the State
Council notice (国务院办公厅关于20XX年部分节假日安排的通知), the same service the window's
文书设置 → 节假日 uses."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.cli.common import command_group, open_services
from app.config import RunContext
from app.errors import UserError

_WEEKDAYS = "一二三四五六日"


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "calendar", "节假日：导入国务院放假通知、查看某年的放假安排")
    imp = sub.add_parser("import", help="导入国务院办公厅关于某年部分节假日安排的通知（全文）")
    imp.add_argument("file", metavar="文件", help="通知全文的文本文件；- 表示从标准输入读取")
    imp.set_defaults(handler=cmd_import, human=human_import)
    show = sub.add_parser("show", help="查看某年的放假日、调休上班日及来源（内置/已导入/暂定）")
    show.add_argument("year", type=int, metavar="年份")
    show.set_defaults(handler=cmd_show, human=human_show)


def _read_text(name: str) -> str:
    """The notice's text from a file (UTF-8, or GB18030 as saved by older Windows tools)."""
    if name == "-":
        return sys.stdin.read()
    data = Path(name).expanduser().read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"无法读取文件 {name}：请另存为 UTF-8 编码的文本文件。")


def cmd_import(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    text = _read_text(args.file)
    services = open_services(ctx)
    result = services.calendar().import_notice(text).value
    # Letters issued with a 暂定 deadline of this year are listed for re-check.
    year = str(result["year"])
    result["recheck"] = [
        r
        for r in services.letters().provisional_letters()
        if r["deadline"] and r["deadline"][:4] >= year
    ]
    return result


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return open_services(ctx).calendar().show(args.year)


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.month}月{day.day}日（周{_WEEKDAYS[day.weekday()]}）"


def human_import(doc: dict[str, Any]) -> str:
    verb = "已更新" if doc["replaced"] else "已导入"
    lines = [f"{verb}{doc['year']}年节假日安排（保存为 {doc['file']}）："]
    for h in doc["holidays"]:
        span = _day(h["from"]) if h["from"] == h["to"] else f"{_day(h['from'])}至{_day(h['to'])}"
        lines.append(f"  {h['name']}：{span}")
    workdays = "、".join(_day(d) for d in doc["workdays"]) or "无"
    lines.append(f"  调休上班：{workdays}")
    for r in doc.get("recheck", []):
        now = r["recomputed"] or "（仍未知）"
        mark = "，需更正" if r["changed"] else "，无变化"
        lines.append(
            f"  请复核：{r['number']}（{r['department']}）暂定期限 {r['deadline']}，"
            f"按新日历为 {now}{mark}"
        )
    return "\n".join(lines)


def _runs(holidays: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """Consecutive days of one name as (name, first, last)."""
    runs: list[tuple[str, str, str]] = []
    for h in holidays:
        day = dt.date.fromisoformat(h["date"])
        if runs and runs[-1][0] == h["name"]:
            last = dt.date.fromisoformat(runs[-1][2])
            if day - last == dt.timedelta(days=1):
                runs[-1] = (h["name"], runs[-1][1], h["date"])
                continue
        runs.append((h["name"], h["date"], h["date"]))
    return runs


def human_show(doc: dict[str, Any]) -> str:
    detail = f"，{doc['source_detail']}" if doc["source_detail"] else ""
    lines = [f"{doc['year']}年节假日（来源：{doc['source_label']}{detail}）"]
    if doc["source"] == "provisional":
        lines.append("注意：暂定日历只含法定节日及补假，不含调休；据此计算的期限为暂定。")
    lines.append("放假日：")
    for name, first, last in _runs(doc["holidays"]):
        span = _day(first) if first == last else f"{_day(first)}至{_day(last)}"
        lines.append(f"  {span} {name}")
    workdays = "、".join(_day(d) for d in doc["workdays"]) or "无"
    lines.append(f"调休上班日：{workdays}")
    return "\n".join(lines)
