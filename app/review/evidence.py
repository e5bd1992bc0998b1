"""The evidence region of a deduction: where on which page the reviewer saw the problem.

This module is the one definition of the stored format (``Deduction.region``, a JSON value)::

    {"page": 3, "x0": 0.1234, "y0": 0.5, "x1": 0.8, "y1": 0.62}

* ``page`` — the 1-based page of the dossier; it is the deduction's page.
* ``x0, y0, x1, y1`` — the rectangle's left, top, right and bottom edges as fractions (0..1)
  of the page's width and height, measured on the page as its source shows it (the rendered
  scan), *before* the reviewer's rotation in the viewer. Turning a page in the viewer never
  moves a stored region; the viewer maps the fractions through the rotation when it draws.
* After :func:`normalise_region`: ``x0 < x1``, ``y0 < y1``, every edge within 0..1 and rounded
  to :data:`DECIMALS` places (a ten-thousandth of an A4 page is well under a pixel at 300 dpi).

``None`` means "no region". In :meth:`ReviewService.update_deduction` ``region=None`` keeps
the stored region and :data:`CLEAR` (an empty mapping, ``{}``) removes it.

Plain Python (no Qt, no database): the service validates with :func:`normalise_region`, the
CLI parses ``--region`` with :func:`parse_region_arg`, the window reads stored values with
:func:`read_region` (lenient: an unreadable old value shows as no region).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from app.errors import UserError

EDGES = ("x0", "y0", "x1", "y1")
KEYS = ("page", *EDGES)
DECIMALS = 4
# How far outside the page an edge may lie and still be taken as the page's edge (a drag that
# ends on the page border, float noise); anything further is refused, not silently clamped.
TOLERANCE = 0.002
CLEAR: Mapping[str, Any] = MappingProxyType(
    {}
)  # pass as ``region`` to update_deduction to remove the region


@dataclass(frozen=True)
class Region:
    """A normalised evidence region (see the module's docstring for the meaning)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_json(self) -> dict[str, Any]:
        return {"page": self.page, "x0": self.x0, "y0": self.y0, "x1": self.x1, "y1": self.y1}

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def to_points(self, page_width: float, page_height: float) -> tuple[float, float, float, float]:
        """The rectangle in the page's own units (e.g. PDF points): x0, y0, x1, y1."""
        return (
            self.x0 * page_width,
            self.y0 * page_height,
            self.x1 * page_width,
            self.y1 * page_height,
        )

    @classmethod
    def from_points(
        cls,
        page: int,
        box: tuple[float, float, float, float],
        page_width: float,
        page_height: float,
    ) -> Region:
        """A rectangle in the page's own units → a normalised region (edges clamped)."""
        if page_width <= 0 or page_height <= 0:
            raise UserError("页面尺寸未知，无法记录证据区域。")
        x0, y0, x1, y1 = box
        return normalise_region(
            {
                "page": page,
                "x0": _clamp(x0 / page_width),
                "y0": _clamp(y0 / page_height),
                "x1": _clamp(x1 / page_width),
                "y1": _clamp(y1 / page_height),
            }
        )


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def is_clear(value: Any) -> bool:
    """Whether ``value`` asks to remove a region (an empty mapping)."""
    return isinstance(value, Mapping) and not value


def normalise_region(value: Any, page: int | None = None) -> Region:
    """Validate a region given as a mapping (or a :class:`Region`); ``page``, when known, is
    the deduction's page, which the region's page must equal. Raises :class:`UserError`
    with a Chinese message for anything malformed."""
    if isinstance(value, Region):
        value = value.as_json()
    if not isinstance(value, Mapping):
        raise UserError("证据区域格式不正确：应为包含 page、x0、y0、x1、y1 的对象。")
    missing = [k for k in KEYS if k not in value]
    if missing:
        raise UserError(f"证据区域缺少 {'、'.join(missing)}。")
    extra = sorted(str(k) for k in value if k not in KEYS)
    if extra:
        raise UserError(f"证据区域含有无法识别的字段：{'、'.join(extra)}。")
    region_page = value["page"]
    if isinstance(region_page, bool) or not isinstance(region_page, int) or region_page < 1:
        raise UserError(f"证据区域的页码应为从 1 起的整数，实际为 {region_page!r}。")
    if page is not None and region_page != page:
        raise UserError(f"证据区域位于第 {region_page} 页，与扣分所在的第 {page} 页不一致。")
    edges: dict[str, float] = {}
    for key in EDGES:
        raw = value[key]
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise UserError(f"证据区域的 {key} 应为 0 到 1 之间的小数，实际为 {raw!r}。")
        if raw < -TOLERANCE or raw > 1 + TOLERANCE:
            raise UserError(
                f"证据区域的 {key} 为 {raw:g}，超出页面范围（应为 0 到 1 之间的页面比例）。"
            )
        edges[key] = round(_clamp(float(raw)), DECIMALS)
    x0, x1 = sorted((edges["x0"], edges["x1"]))
    y0, y1 = sorted((edges["y0"], edges["y1"]))
    if x0 == x1 or y0 == y1:
        raise UserError("证据区域的宽度或高度为零，请重新框选。")
    return Region(region_page, x0, y0, x1, y1)


def read_region(value: Any) -> Region | None:
    """A stored region for display; ``None`` when there is none or it cannot be read."""
    if value is None or is_clear(value):
        return None
    try:
        return normalise_region(value)
    except UserError:
        return None


def parse_region_arg(text: str, page: int | None) -> Region:
    """The CLI's ``--region X0,Y0,X1,Y1`` (fractions of the page) on ``--page``."""
    if page is None:
        raise UserError("--region 需要同时用 --page 指明区域所在的页。")
    parts = [p.strip() for p in (text or "").replace("，", ",").split(",")]
    if len(parts) != 4:
        raise UserError(
            f"--region 应写成 X0,Y0,X1,Y1 四个 0 到 1 之间的页面比例（而不是“{text}”）。"
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise UserError(
            f"--region 应写成 X0,Y0,X1,Y1 四个 0 到 1 之间的页面比例（而不是“{text}”）。"
        ) from None
    return normalise_region({"page": page, **dict(zip(EDGES, numbers, strict=True))}, page)


def region_label(region: Region) -> str:
    """How the window names a region: 已框选第 N 页的一块区域."""
    return f"已框选第 {region.page} 页的一块区域"
