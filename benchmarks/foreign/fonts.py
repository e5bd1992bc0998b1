"""The CJK fonts this corpus prints with, found through ``fc-list :lang=zh``.

Deliberately not app/demo's lookup: the point of a second corpus is a second recipe, so the
faces are chosen differently (AR PL UMing/UKai first, as many county offices' old templates
print in 宋体/楷体 rather than Noto) and any Chinese face on the machine is an acceptable
fallback. CI installs fonts-arphic-*; a developer machine usually has Noto CJK.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from PIL import ImageFont

#: Family-name fragments per role, best first (matched case-insensitively).
_PREFERRED: dict[str, tuple[str, ...]] = {
    "song": ("AR PL UMing CN", "AR PL SungtiL", "Noto Serif CJK SC", "Source Han Serif SC"),
    "hei": ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC"),
    "kai": ("AR PL UKai CN", "AR PL KaitiM", "AR PL UMing CN", "Noto Serif CJK SC"),
}


@dataclass(frozen=True)
class Face:
    path: str
    index: int
    family: str


@cache
def _installed() -> tuple[Face, ...]:
    exe = shutil.which("fc-list")
    if exe is None:
        return ()
    out = subprocess.run(
        [exe, "-f", "%{file}|%{index}|%{family}\n", ":lang=zh"],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    ).stdout
    faces = []
    for line in sorted(out.splitlines()):
        parts = line.split("|", 2)
        if len(parts) == 3 and parts[0].lower().endswith((".ttf", ".ttc", ".otf")):
            faces.append(Face(parts[0], int(parts[1] or 0), parts[2]))
    return tuple(faces)


@cache
def face(role: str) -> Face:
    """The face printed for ``role`` (song: body text, hei: titles, kai: handwriting)."""
    faces = _installed()
    for wanted in _PREFERRED[role]:
        for found in faces:
            if wanted.lower() in found.family.lower():
                return found
    if faces:
        return faces[0]
    raise RuntimeError("no Chinese font on this machine (install fonts-arphic-uming or Noto CJK)")


@cache
def font(role: str, size_px: int) -> ImageFont.FreeTypeFont:
    chosen = face(role)
    return ImageFont.truetype(chosen.path, size_px, index=chosen.index)
