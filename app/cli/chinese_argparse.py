"""argparse in Chinese: the help screen's headings and the usage errors reviewers see.

argparse writes its own words ("usage:", "options:", "show this help message and exit",
"the following arguments are required …") through gettext, bound once at import to the
process-wide catalogue; installing a catalogue there would change every argparse in the
process (pytest's too) and depend on the locale. So the Chinese lives in a parser and a
help-formatter subclass: the headings are set where argparse creates them, and an error's
English is mapped, phrase by phrase, to one Chinese line before it is printed. Exit code 2
(a usage error) is unchanged.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from app.cli.errors import ExitCode

USAGE_PREFIX = "用法："
POSITIONALS_TITLE = "位置参数"
OPTIONALS_TITLE = "选项"
HELP_HELP = "显示帮助并退出"
VERSION_HELP = "显示版本号并退出"

# argparse's error phrases (Python 3.11 to 3.13 spell them alike), each with its Chinese.
# An "argument X: …" prefix is split off first, so each phrase is listed once.
_PHRASES: list[tuple[str, str]] = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"取值 \1 无效，可选：\2"),
    (r"invalid (\w+) value: (.*)", r"值 \2 格式不正确"),
    (r"expected one argument", r"需要一个值"),
    (r"expected at most one argument", r"最多只能有一个值"),
    (r"expected at least one argument", r"至少需要一个值"),
    (r"expected (\d+) arguments?", r"需要 \1 个值"),
    (r"one of the arguments (.*) is required", r"必须给出以下参数之一：\1"),
    (r"not allowed with argument (.*)", r"不能与 \1 同时使用"),
    (r"ignored explicit argument (.*)", r"不接受值 \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"unknown parser (.*?) \(choices: (.*)\)", r"取值 \1 无效，可选：\2"),
    (r"unexpected option string: (.*)", r"不应出现选项 \1"),
]
_ARGUMENT_PREFIX = re.compile(r"argument (\S+): (.*)", re.DOTALL)
_UNKNOWN = "参数不正确"


def _phrase(message: str) -> str | None:
    for pattern, replacement in _PHRASES:
        if re.fullmatch(pattern, message, re.DOTALL):
            return re.sub(pattern, replacement, message, flags=re.DOTALL)
    return None


def translate(message: str) -> str:
    """argparse's English error ``message`` as one Chinese phrase.

    A message from the project's own ``type=`` functions is Chinese already and is kept;
    an English phrase not in the table becomes a plain Chinese "参数不正确" (naming the
    argument) rather than English on a reviewer's screen."""
    match = _ARGUMENT_PREFIX.fullmatch(message)
    argument, rest = (match.group(1), match.group(2)) if match else (None, message)
    chinese = _phrase(rest)
    if chinese is None:
        chinese = rest if re.search(r"[\u4e00-\u9fff]", rest) else _UNKNOWN
    return f"参数 {argument}：{chinese}" if argument else chinese


class ChineseHelpFormatter(argparse.HelpFormatter):
    """The help screen with "用法：" where argparse writes "usage: "."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: headings, ``-h`` help, and usage errors as one
    Chinese line with exit code 2. Sub-command parsers are of the same class (argparse
    gives ``add_subparsers`` the parent's class), so every level of the CLI speaks alike."""

    def __init__(
        self,
        prog: str | None = None,
        *,
        formatter_class: type[argparse.HelpFormatter] = ChineseHelpFormatter,
        add_help: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(prog, formatter_class=formatter_class, add_help=False, **kwargs)
        self._positionals.title = POSITIONALS_TITLE
        self._optionals.title = OPTIONALS_TITLE
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP_HELP)

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"命令行参数有误：{translate(message)}（用 --help 查看用法）\n")
        raise SystemExit(ExitCode.USAGE)
