"""``settings show`` / ``settings set KEY VALUE``: the same settings the window's 文书设置 and
我的身份 edit, checked by the same :meth:`app.config.Settings.problems`."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import command_group
from app.config import SETTING_CHOICES, SETTING_KEYS, SETTING_LABELS, RunContext, Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    sub = command_group(subparsers, "settings", "设置：我的身份、发文机关、机关代字、整改期限等")
    show = sub.add_parser("show", help="查看设置")
    show.set_defaults(handler=cmd_show, human=human_show)
    keys = "、".join(SETTING_KEYS)
    put = sub.add_parser("set", help=f"修改一项设置（{keys}）")
    put.add_argument("key", metavar="设置项", help=f"设置项：{keys}")
    put.add_argument("value", metavar="值")
    put.set_defaults(handler=cmd_set, human=lambda r: f"已设置 {r['key']} = {r['value']}。")


def cmd_show(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    return Settings.load(ctx.paths.settings_file).public()


def cmd_set(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    settings = Settings.load(ctx.paths.settings_file)
    settings.set_text(args.key, args.value)  # refuses (UserError, Chinese) and changes nothing
    settings.save(ctx.paths.settings_file)
    return {"key": args.key, "value": settings.public()[args.key]}


def _shown(key: str, value: object) -> str:
    if value == "":
        return "（未填写）"
    if key in SETTING_CHOICES:
        return f"{SETTING_CHOICES[key].get(str(value), value)}（{value}）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def human_show(doc: dict[str, Any]) -> str:
    return "\n".join(f"{SETTING_LABELS.get(k, k)}（{k}）：{_shown(k, v)}" for k, v in doc.items())
