"""Read and write checklist YAML files, with errors a reviewer can act on.

A checklist file is edited by hand or produced by the Excel importer; when it is wrong
the product must say, in Chinese, which file, which field and what is wrong, and never
show a traceback. Shape rules live in :mod:`scoring.checklist`; this module only turns
files into models and failures into :class:`ChecklistError`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scoring.checklist import Checklist
from scoring.messages import Problem, translate_validation_error

CHECKLIST_SUFFIXES = (".yaml", ".yml")


class ChecklistError(ValueError):
    """A checklist file that cannot be used. ``str()`` is the Chinese message to show."""

    def __init__(self, file: Path | str | None, problems: list[Problem]) -> None:
        self.file = Path(file) if file is not None else None
        self.problems = problems
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"评查标准文件 {self.file}" if self.file else "评查标准"
        if len(self.problems) == 1:
            return f"{where} 有误：{self.problems[0]}"
        lines = [f"{where} 有 {len(self.problems)} 处错误："]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, start=1)]
        return "\n".join(lines)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChecklistError(path, [Problem("", "文件不存在")]) from None
    except UnicodeDecodeError:
        raise ChecklistError(path, [Problem("", "文件不是 UTF-8 编码的文本")]) from None
    except OSError as exc:
        raise ChecklistError(path, [Problem("", f"无法读取文件（{exc.strerror}）")]) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
        what = exc.problem or exc.context or "格式错误"
        raise ChecklistError(path, [Problem("", f"YAML 语法错误，位于{line}：{what}")]) from None
    except yaml.YAMLError as exc:
        raise ChecklistError(path, [Problem("", f"YAML 语法错误：{exc}")]) from None


def checklist_from_data(data: Any, file: Path | str | None = None) -> Checklist:
    """Validate already-parsed data (a dict) into a checklist, or raise ChecklistError."""
    if not isinstance(data, dict):
        raise ChecklistError(
            file, [Problem("", "文件内容应为“键: 值”形式的映射（id、name、categories 等）")]
        )
    try:
        return Checklist.model_validate(data)
    except ValidationError as exc:
        raise ChecklistError(file, translate_validation_error(exc)) from None


def load_checklist(path: Path | str) -> Checklist:
    """Load one YAML checklist file."""
    path = Path(path)
    return checklist_from_data(_read_yaml(path), path)


def checklist_files(dirs: Iterable[Path | str]) -> list[Path]:
    """The checklist files in these folders, in a stable order. Missing folders are skipped
    (the user's own checklist folder does not exist until something is imported)."""
    files: list[Path] = []
    for folder in map(Path, dirs):
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix.lower() in CHECKLIST_SUFFIXES)
    return files


def scan_checklists(dirs: Iterable[Path | str]) -> tuple[list[Checklist], list[ChecklistError]]:
    """Load every checklist it can; return the good ones and the errors of the others.

    The window uses this so that one broken imported file does not hide the rest.
    A second file with the same id and version as an earlier one is an error.
    """
    good: list[Checklist] = []
    errors: list[ChecklistError] = []
    first_file: dict[tuple[str, str], Path] = {}
    for path in checklist_files(dirs):
        try:
            checklist = load_checklist(path)
        except ChecklistError as exc:
            errors.append(exc)
            continue
        key = (checklist.id, checklist.version)
        if key in first_file:
            message = f"编号 {checklist.id} 版本 {checklist.version} 与 {first_file[key]} 重复"
            errors.append(ChecklistError(path, [Problem("id", message)]))
            continue
        first_file[key] = path
        good.append(checklist)
    return good, errors


def load_checklists(dirs: Iterable[Path | str]) -> list[Checklist]:
    """Load every checklist in these folders; the first bad file raises ChecklistError."""
    good, errors = scan_checklists(dirs)
    if errors:
        raise errors[0]
    return good


def _tidy(value: Any) -> Any:
    """Whole-number floats as ints, so a dumped file reads ``points: 3`` not ``3.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def dump_checklist_text(checklist: Checklist) -> str:
    data = _tidy(checklist.model_dump(mode="json", exclude_none=True))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def dump_checklist(checklist: Checklist, path: Path | str) -> Path:
    """Write a checklist as YAML (atomically: a crash never leaves half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dump_checklist_text(checklist))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
