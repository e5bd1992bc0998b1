"""A picture to place in a Word document.

Context builders (plain data, no docxtpl) put :class:`Picture` values anywhere in a
document's context; the renderer turns each into a docxtpl ``InlineImage`` at render time,
because an ``InlineImage`` needs the template object that only the renderer holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Picture:
    path: Path
    width_mm: float = 150.0
