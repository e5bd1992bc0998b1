"""The Chinese for every argparse error a wrong call can raise, checked against the
messages this Python's argparse really produces (its wording changes between versions)."""

from __future__ import annotations

import pytest

from app.cli.chinese_argparse import ChineseArgumentParser, translate


def error_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    parser = ChineseArgumentParser(prog="anjuan")
    parser.add_argument("--count", type=int)
    parser.add_argument("--kind", choices=["penalty", "coercion"])
    parser.add_argument("--pages", nargs="+")
    parser.add_argument("--flag", action="store_true")
    parser.add_argument("--pair", nargs=2)
    both = parser.add_mutually_exclusive_group(required=True)
    both.add_argument("--all", action="store_true")
    both.add_argument("--one")
    parser.add_argument("--onetime")
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(argv)
    assert exit_info.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "chinese"),
    [
        (["--all", "--count", "x"], "参数 --count：值 'x' 格式不正确"),
        (["--all", "--kind", "x"], "参数 --kind：取值 'x' 无效，可选：'penalty', 'coercion'"),
        (["--all", "--pages"], "参数 --pages：至少需要一个值"),
        (["--all", "--count"], "参数 --count：需要一个值"),
        (["--all", "--pair", "a"], "参数 --pair：需要 2 个值"),
        (["--all", "--flag=yes"], "参数 --flag：不接受值 'yes'"),
        (["--all", "--one", "x"], "参数 --one：不能与 --all 同时使用"),
        ([], "必须给出以下参数之一：--all --one"),
        (["--all", "--on", "x"], "选项 --on 不明确，可能是：--one, --onetime"),
        (["--all", "extra"], "无法识别的参数：extra"),
    ],
)
def test_argparse_errors_read_in_chinese(
    argv: list[str], chinese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = error_line(argv, capsys)
    assert line == f"命令行参数有误：{chinese}（用 --help 查看用法）\n"


def test_unknown_english_is_not_shown_but_chinese_from_our_types_is() -> None:
    assert translate("argument --x: something argparse may say one day") == "参数 --x：参数不正确"
    assert translate("argument --today: 日期应为 YYYY-MM-DD 格式：x") == (
        "参数 --today：日期应为 YYYY-MM-DD 格式：x"
    )
