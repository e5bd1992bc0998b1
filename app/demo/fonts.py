"""Find the CJK fonts the synthetic scans are printed with.

The scans must look like forms printed in 宋体/黑体, so a real CJK font is needed; shipping
one would add ~20 MB, so we look for what the system has (fontconfig on Linux, the usual
font folders on Windows and macOS) and stop with a clear Chinese message when nothing fits.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

from app.paths import resources_dir

# (fontconfig pattern, family name the match must report) per role, best first.
_FC_CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "serif": (
        ("Noto Serif CJK SC", "Noto Serif CJK SC"),
        ("Source Han Serif SC", "Source Han Serif SC"),
        ("AR PL UMing CN", "AR PL UMing"),
        ("Noto Sans CJK SC", "Noto Sans CJK SC"),
        ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei"),
    ),
    "serif_bold": (
        ("Noto Serif CJK SC:bold", "Noto Serif CJK SC"),
        ("Noto Sans CJK SC:bold", "Noto Sans CJK SC"),
        ("Source Han Sans SC:bold", "Source Han Sans SC"),
        ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei"),
    ),
    "sans": (
        ("Noto Sans CJK SC", "Noto Sans CJK SC"),
        ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei"),
        ("Source Han Sans SC", "Source Han Sans SC"),
        ("Noto Serif CJK SC", "Noto Serif CJK SC"),
    ),
    "hand": (
        ("AR PL UKai CN", "AR PL UKai"),
        ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei"),
        ("Noto Sans CJK SC", "Noto Sans CJK SC"),
    ),
}

# Fallback file paths (Windows, macOS) with the face index of the simplified-Chinese face.
_FILE_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "serif": (
        ("C:/Windows/Fonts/simsun.ttc", 0),
        ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ),
    "serif_bold": (
        ("C:/Windows/Fonts/simhei.ttf", 0),
        ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ),
    "sans": (("C:/Windows/Fonts/msyh.ttc", 0), ("/System/Library/Fonts/PingFang.ttc", 0)),
    "hand": (
        ("C:/Windows/Fonts/simkai.ttf", 0),
        ("/System/Library/Fonts/Supplemental/Kaiti.ttc", 0),
    ),
}

ROLES = tuple(_FC_CANDIDATES)


class FontNotFoundError(RuntimeError):
    """No usable Chinese font on this machine."""


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int


def _fc_match(pattern: str, family: str) -> FontFace | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{file}|%{index}|%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("|", 2)
    if len(parts) != 3 or family not in parts[2]:
        return None  # fontconfig always answers; a DejaVu fallback is no CJK font.
    return FontFace(parts[0], int(parts[1] or 0))


def _renders_chinese(face: FontFace) -> bool:
    try:
        font = ImageFont.truetype(face.path, 40, index=face.index)
    except OSError:
        return False
    box = font.getbbox("案卷")
    return box[2] - box[0] > 40


@cache
def find_face(role: str) -> FontFace:
    """The font file and .ttc face index used for ``role`` (serif, serif_bold, sans, hand)."""
    bundled = resources_dir() / "fonts"
    candidates: list[FontFace] = []
    if bundled.is_dir():
        candidates += [FontFace(str(p), 0) for p in sorted(bundled.glob("*.tt[fc]"))]
    for pattern, family in _FC_CANDIDATES[role]:
        face = _fc_match(pattern, family)
        if face is not None:
            candidates.append(face)
    candidates += [FontFace(p, i) for p, i in _FILE_CANDIDATES[role] if Path(p).exists()]
    for face in candidates:
        if _renders_chinese(face):
            return face
    raise FontNotFoundError(
        "未找到可用的中文字体，无法生成演示案卷。请安装 Noto CJK（思源）或文泉驿字体，"
        "或将一个中文 TTF/TTC 字体文件放入 resources/fonts 文件夹后重试。"
    )


@cache
def font(role: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A loaded font of ``size_px`` pixels for ``role``; cached because layout asks often."""
    face = find_face(role)
    return ImageFont.truetype(face.path, size_px, index=face.index)
