"""The command line's own words are Chinese: ``--help`` of every command and a wrong call."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.chinese_argparse import ChineseHelpFormatter, _width
from app.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
# What a help text may show in Latin letters: option names (--out), file formats and
# programs the help names, and values scripts type (N=rectified|partly|not, X0,Y0…).
_OPTION = re.compile(r"--?[A-Za-z][\w-]*(=\w+)?")
_ALLOWED = {
    "anjuan",
    "PDF",
    "JPG",
    "JPEG",
    "PNG",
    "TIFF",
    "OCR",
    "Excel",
    "Word",
    "JSON",
    "SQLite",
    "PostgreSQL",
    "SQLAlchemy",
    "URL",
    "docx",
    "xlsx",
    "csv",
    "svg",
    "png",
    "pdf",
    "yaml",
    "YAML",
    "ID",
    "N",
    "X0",
    "Y0",
    "X1",
    "Y1",
    "rectified",
    "partly",
    "not",
    "YYYY",
    "MM",
    "DD",
    "Q",
    "WPS",
    "LibreOffice",
    "SVG",
    "backups",
}
_WORD = re.compile(r"[A-Za-z]{2,}\w*")


def every_parser(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield parser.prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from every_parser(child)


def typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """What a user types after the program name: command names and choice values."""
    typed: set[str] = set()
    for _prog, each in every_parser(parser):
        for action in each._actions:
            typed.update(str(choice) for choice in action.choices or ())
    return typed


def english_words(text: str, typed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    plain = text
    for word in sorted(typed, key=len, reverse=True):
        plain = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", plain)
    plain = re.sub(r"\w+\[\]\.\w+", " ", plain)  # a JSON path: documents[].id
    plain = _OPTION.sub(" ", plain)
    plain = re.sub(r"\S*/\S*", " ", plain)  # a path: scoring/data/town_powers.yaml
    plain = re.sub(r"\b\w+(\.\w+)+", " ", plain)  # a key as typed: date.filed
    plain = re.sub(r"\b[a-z_]+=[\w|]+", " ", plain)  # a setting as typed: deadline_from=service
    return [w for w in _WORD.findall(plain) if w not in _ALLOWED and "_" not in w]


def test_every_help_text_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # no line wrapped inside a word
    parser = build_parser()
    typed = typed_words(parser)
    found: dict[str, list[str]] = {}
    parsers = list(every_parser(parser))
    assert len(parsers) > 60  # every sub-command was reached
    for prog, each in parsers:
        assert isinstance(each._get_formatter(), ChineseHelpFormatter)
        words = english_words(each.format_help().replace(prog, " "), typed)
        if words:
            found[prog] = words
    assert found == {}


def test_help_and_a_wrong_call_from_the_shell() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    shown = run("letter", "opinion", "--help")
    assert shown.returncode == 0
    assert shown.stdout.startswith("用法：")
    assert "选项" in shown.stdout and "显示本帮助并退出" in shown.stdout
    assert "usage" not in shown.stdout and "options" not in shown.stdout
    # The help column holds although the placeholders are Chinese (two columns each).
    columns = set()
    for line in shown.stdout.splitlines():
        _header, gap, help_text = line.strip().partition("  ")
        if line.startswith("  --") and gap and help_text.strip():
            prefix = line[: line.index(help_text.strip())]
            columns.add(_width(prefix))
    assert len(columns) == 1, columns
    wrong = run("letter", "opinion")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("命令行参数有误：缺少必需的参数：活动编号")
    assert english_words(wrong.stderr.replace("--department", "").replace("--out", "")) == []
