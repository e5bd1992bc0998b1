"""argparse in Chinese: help headings, ``-h``, placeholders and the usage errors people make.

argparse writes its own words in English ("usage:", "options:", "the following arguments are
required") and names a value's placeholder after its ``dest`` (``--out OUT``); a reviewer who
types ``anjuan letter opinion --help`` reads Chinese. Every sub-command parser is a
:class:`ChineseArgumentParser` too (``parser_class``), so one class covers the whole CLI.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from typing import Any

from app.cli.errors import ExitCode

# The placeholder shown for a value, by the argument's ``dest`` (an unlisted one keeps
# argparse's upper-case name: the help test lists what is left).
PLACEHOLDERS: dict[str, str] = {
    "basis": "依据",
    "case": "案卷编号",
    "case_no": "案号",
    "channel": "渠道",
    "checklist": "评查标准",
    "checklist_id": "标准编号",
    "checklist_version": "版本",
    "code": "机关代字",
    "col_category": "列名",
    "col_detail": "列名",
    "col_item": "列名",
    "col_points": "列名",
    "col_seq": "列名",
    "col_veto": "列名",
    "count": "数量",
    "data_dir": "文件夹",
    "date": "日期",
    "days": "天数",
    "db_url": "数据库地址",
    "deadline": "日期",
    "decision": "决定",
    "department": "单位",
    "document": "文书序号",
    "effective_date": "日期",
    "file": "文件",
    "formats": "格式",
    "id": "编号",
    "kind": "类别",
    "lead": "组长",
    "limit": "条数",
    "name": "名称",
    "new_deadline": "日期",
    "new_type": "文书类型",
    "next_number": "序号",
    "note": "说明",
    "number": "序号",
    "organ": "机关",
    "out": "输出文件",
    "page": "页码",
    "password": "密码",
    "per_department": "数量",
    "period": "期间",
    "province": "省份",
    "quarter": "季度",
    "query": "检索词",
    "reading": "读数",
    "reason": "理由",
    "rectification": "整改情况",
    "rectified_on": "日期",
    "result": "结果",
    "review": "评查编号",
    "reviewer": "评查人",
    "seed": "随机种子",
    "served": "日期",
    "sheet": "工作表",
    "split_at": "页码",
    "split_type": "文书类型",
    "status": "状态",
    "to": "日期",
    "today": "日期",
    "value": "值",
    "year": "年份",
}

# argparse speaks English; reviewers read Chinese. The phrases argparse uses for the
# mistakes people actually make are translated; anything else is shown as it is.
_ARGPARSE_PHRASES: list[tuple[str, str]] = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"参数 \1 的取值 \2 无效，可选：\3",
    ),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 格式不正确"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 至少需要一个值"),
    (r"one of the arguments (.*) is required", r"必须给出以下参数之一：\1"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
]


def translate_argparse(message: str) -> str:
    for pattern, replacement in _ARGPARSE_PHRASES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """``--help`` opens with 用法 and names values by what they are (``--out 输出文件``)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # the help column counts display width
            shown = self._format_action_invocation(action)
            self._action_max_length = max(
                self._action_max_length, self._current_indent + _width(shown)
            )

    def _format_action(self, action: argparse.Action) -> str:
        """argparse pads by characters; a Chinese placeholder is two columns wide per
        character, so the help after it is pulled back (or put on the next line) to stay in
        its column."""
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        wide = _width(header) - len(header)
        first, newline, rest = text.partition("\n")
        end = first.find(header) + len(header)
        if not wide or not action.help or end < len(header) or end >= len(first):
            return text
        help_text = first[end:].lstrip(" ")
        column = len(first) - len(help_text)
        if column - end - wide >= 2:
            first = first[:end] + " " * (column - end - wide) + help_text
        else:
            first = first[:end] + "\n" + " " * column + help_text
        return first + newline + rest

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return PLACEHOLDERS.get(action.dest, action.dest.upper())

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return PLACEHOLDERS.get(action.dest, action.dest)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help is Chinese (headings, -h, placeholders) and whose usage
    errors are one Chinese line and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # argparse's own -h says "show this help message and exit"
        super().__init__(*args, **kwargs)
        # argparse names its two default groups in English and offers no parameter for them.
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if with_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"命令行参数有误：{translate_argparse(message)}（用 --help 查看用法）\n")
        raise SystemExit(ExitCode.USAGE)
