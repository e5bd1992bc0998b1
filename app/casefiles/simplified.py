"""Traditional characters read by OCR in a simplified-Chinese dossier, put back.

The recognition model knows both scripts and now and then reads a printed 萧 as 蕭 or 国 as 國
(seen on the demo library: 7 in 110,000 characters, names among them). A mainland dossier is
printed in simplified characters, so such a reading is the model's slip, and left alone it
keeps a reviewer's name from matching the 执法人员名册. Only characters outside GB 2312 whose
simplified form is inside it are mapped (``resources/traditional_chars.txt``): a character a
mainland paper prints is never changed."""

from __future__ import annotations

from functools import cache

from app.paths import resources_dir


@cache
def _table() -> dict[int, str]:
    path = resources_dir() / "traditional_chars.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            table[ord(line[0])] = line[1]
    return table


def simplified(text: str) -> str:
    """``text`` with traditional characters in their simplified form."""
    return text.translate(_table())


__all__ = ["simplified"]
