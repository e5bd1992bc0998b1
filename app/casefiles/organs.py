"""Names of enforcement organs as printed on case-file documents (for guessing a department).

An organ's name stands on a line of its own on the forms (the heading above a 决定书's
title, the 落款 above the seal), so only whole OCR lines are taken: a name quoted inside a
sentence (向某市人民政府申请行政复议) is not the organ that made the file. A guess only: the
import dialog shows it for the reviewer to confirm or correct.
"""

from __future__ import annotations

import re

_ORGAN_END = r"(?:局|人民政府|委员会|办事处|执法大队|执法支队)"
_ORGAN_LINE = re.compile(
    r"[\u4e00-\u9fff]{1,12}(?:省|市|县|区|旗|镇|乡|街道)[\u4e00-\u9fff]{0,14}" + _ORGAN_END
)
# An organ's name whose place OCR may have garbled under a seal (青川县 read 青青).
_ORGAN_LIKE = re.compile(r"[\u4e00-\u9fff]{2,26}" + _ORGAN_END)


def organ_names(text: str) -> list[str]:
    """Every line of ``text`` that is an organ's name, in order (repeats kept for counting)."""
    names = []
    for line in text.splitlines():
        line = re.sub(r"[\s（）()]", "", line)
        if _ORGAN_LINE.fullmatch(line):
            names.append(line)
    return names


def looks_like_organ(text: str) -> bool:
    """A whole line that reads like an organ's name, its place perhaps garbled: where a
    落款 stands (for finding the date under it), not for naming a department."""
    return _ORGAN_LIKE.fullmatch(re.sub(r"[\s（）()]", "", text)) is not None
