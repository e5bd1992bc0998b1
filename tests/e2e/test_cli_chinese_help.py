"""``anjuan --help`` and a wrong call speak Chinese: headings, ``-h`` help and error lines.

Reviewers read Chinese; what may stay in Latin letters is what they type (command and
option names, the placeholders standing for their values) and the product names the
help text mentions (Excel, SQLite …)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from app.cli.main import build_parser
from tests.support import run_cli

PRODUCT_NAMES = {"Excel", "SQLAlchemy", "SQLite", "JSON", "PDF", "TIFF", "URL"}
ARGPARSE_ENGLISH = ("usage", "options", "positional", "show this help", "error", "required")


def typed_names() -> set[str]:
    """Every word a user types or sees as a placeholder: command and sub-command names,
    option strings and metavars, at every level of the real parser."""
    names: set[str] = {"anjuan"}

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            names.update(action.option_strings)
            names.add(action.dest.upper())
            metavar = action.metavar
            for part in (metavar,) if isinstance(metavar, str) else metavar or ():
                names.update(re.split(r"[^\w-]+", part))  # "X0,Y0,X1,Y1": four placeholders
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    names.add(name)
                    walk(sub)

    walk(build_parser())
    return names


def english_words(text: str, names: set[str]) -> set[str]:
    words = set(re.findall(r"(?<![\w-])-{0,2}[A-Za-z][\w-]*", text))
    return {w for w in words if w not in names and w not in PRODUCT_NAMES}


def test_help_screens_are_chinese(tmp_path: Path) -> None:
    names = typed_names()
    for args in [("--help",), ("letter", "--help"), ("review", "deduct", "--help")]:
        result = run_cli(tmp_path, *args)
        assert result.code == 0, result.stderr
        assert result.stdout.startswith("用法：anjuan"), result.stdout
        assert "选项" in result.stdout and "位置参数" in result.stdout
        assert "-h, --help" in result.stdout and "显示帮助并退出" in result.stdout
        assert english_words(result.stdout, names) == set(), args
        assert not any(phrase in result.stdout for phrase in ARGPARSE_ENGLISH)


def test_wrong_calls_are_one_chinese_line_with_exit_code_2(tmp_path: Path) -> None:
    names = typed_names()
    for args, expected in [
        (("letter", "opinion"), "缺少必需的参数：CAMPAIGN, --department, --out"),
        (("bogus",), "参数 COMMAND：取值 'bogus' 无效"),
        (("review", "deduct", "1", "2", "3", "--count", "abc", "--reason", "r"), "值 'abc'"),
        (("cases", "--nope"), "无法识别的参数：--nope"),
    ]:
        result = run_cli(tmp_path, *args)
        assert result.code == 2, result.stderr
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
        # the user's own words may be said back to them
        assert english_words(result.stderr, names | set(args)) == set(), result.stderr
