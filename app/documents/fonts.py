"""Fonts of the letters: which are installed here, and the stand-in for one that is not.

The templates name the fonts GB/T 9704-2012 asks for (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312,
黑体, 宋体). A machine without them would show boxes or a random face in a PDF preview, so
the renderer replaces each missing font with the first installed one of its fallback list,
kept as data in ``templates/fonts.yaml``. Installed fonts are read once per process from
``fc-list`` (Linux, macOS) or matplotlib's font list (Windows); no Qt.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn

from app.paths import read_yaml, templates_dir

FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def fonts_file() -> Path:
    return templates_dir() / "fonts.yaml"


def _fc_list() -> set[str] | None:
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, ":", "family"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names: set[str] = set()
    for line in out.splitlines():
        names.update(part.strip() for part in line.split(",") if part.strip())
    return names


def _matplotlib_fonts() -> set[str]:
    from matplotlib import font_manager  # costly import: only where fc-list is missing

    return {f.name for f in font_manager.fontManager.ttflist}


@functools.cache
def installed_fonts() -> frozenset[str]:
    """Family names of the installed fonts, lower-cased (cached for the process)."""
    names = _fc_list()
    if names is None:
        names = _matplotlib_fonts()
    return frozenset(n.lower() for n in names)


def is_installed(name: str) -> bool:
    return name.strip().lower() in installed_fonts()


@dataclass(frozen=True)
class FontPlan:
    """For each font a template may name: the font to write instead, and whether to bold it."""

    replace: dict[str, str]
    bold: frozenset[str]


@functools.cache
def _load(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    data = read_yaml(path) or {}
    fallbacks = {str(k): [str(v) for v in vs] for k, vs in (data.get("fallbacks") or {}).items()}
    bold = {str(k): [str(v) for v in vs] for k, vs in (data.get("bold") or {}).items()}
    return fallbacks, bold


def font_plan(path: Path | None = None, installed: Iterable[str] | None = None) -> FontPlan:
    """What to substitute on this machine (``installed`` overrides detection, for tests)."""
    fallbacks, bold_lists = _load(path or fonts_file())
    have = installed_fonts() if installed is None else frozenset(n.lower() for n in installed)
    replace: dict[str, str] = {}
    bold: set[str] = set()
    for name, candidates in fallbacks.items():
        if name.lower() in have:
            continue
        chosen = next((c for c in candidates if c.lower() in have), None)
        if chosen is None or chosen == name:
            continue
        replace[name] = chosen
        if chosen.lower() in {b.lower() for b in bold_lists.get(name, [])}:
            bold.add(name)
    return FontPlan(replace, frozenset(bold))


def substitute_fonts(document: object, plan: FontPlan | None = None) -> int:
    """Replace missing fonts in every XML part of a python-docx ``Document`` (body, styles,
    headers, footers). Returns how many ``w:rFonts`` elements were changed."""
    plan = plan or font_plan()
    if not plan.replace:
        return 0
    changed = 0
    package = document.part.package  # type: ignore[attr-defined]
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for rfonts in element.iter(qn("w:rFonts")):
            hit = False
            to_bold = False
            for attr in FONT_ATTRS:
                value = rfonts.get(qn(attr))
                if value in plan.replace:
                    rfonts.set(qn(attr), plan.replace[value])
                    hit = True
                    to_bold = to_bold or value in plan.bold
            if hit:
                changed += 1
                if to_bold:
                    _bold(rfonts.getparent())
    return changed


def _bold(rpr: object) -> None:
    from docx.oxml import OxmlElement

    if rpr is None or rpr.find(qn("w:b")) is not None:  # type: ignore[attr-defined]
        return
    b = OxmlElement("w:b")
    # w:b comes right after w:rStyle/w:rFonts in the schema's order.
    rpr.find(qn("w:rFonts")).addnext(b)  # type: ignore[attr-defined]
