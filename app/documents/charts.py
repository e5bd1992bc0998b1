"""Charts of a campaign (matplotlib, no pyplot): scores by department, the trend over the
campaigns of the same kind, deductions by checklist category, the grade distribution, and
self-review against spot-check.

Figures are built with :class:`matplotlib.figure.Figure` and the Agg canvas directly, so no
global pyplot state is shared between threads. Every text carries an explicit CJK font found
among the installed fonts (:data:`CJK_FONT_FAMILIES`, most preferred first); without one the
charts refuse with a Chinese :class:`~app.errors.UserError` instead of drawing boxes. SVG
files keep the glyphs as paths (they look the same without the font) and the texts as
comments, so the file stays searchable.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from app.documents.campaign_stats import CampaignStats
from app.documents.files import replaced_whole
from app.errors import UserError

# Fonts that hold Simplified Chinese, most preferred first (sans before serif). Kept as data:
# a bureau's own font can be put first.
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Heiti SC",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Serif SC",
    "SimSun",
    "Songti SC",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
    "Droid Sans Fallback",
)

DEFAULT_DPI = 150
FIGURE_SIZE = (8.0, 4.5)  # inches: 1200 × 675 pixels at 150 dpi
FORMATS = ("png", "svg")

CHART_TITLES: dict[str, str] = {
    "departments": "各执法单位案卷平均得分",
    "trend": "各执法单位平均得分变化趋势",
    "categories": "各评查类别扣分情况",
    "grades": "案卷等次分布",
    "self_vs_spot": "各执法单位自评与抽查平均得分对比",
    "corrections": "各执法单位行政复议、行政诉讼纠错案件数",
}
CHART_ORDER = tuple(CHART_TITLES)

GRADE_COLOURS = {"优秀": "#2e7d32", "良好": "#1565c0", "合格": "#f9a825", "不合格": "#c62828"}
BAR_COLOUR = "#1f5fa8"
SECOND_COLOUR = "#e08a1e"


# ------------------------------------------------------------------ font
@lru_cache(maxsize=8)
def _font_file(candidates: tuple[str, ...]) -> tuple[str, str] | None:
    installed: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        installed.setdefault(entry.name, entry.fname)
    for family in candidates:
        if family in installed:
            return family, installed[family]
    return None


def find_cjk_font(candidates: Sequence[str] = CJK_FONT_FAMILIES) -> str:
    """The family name of the first installed font of ``candidates``; a Chinese
    :class:`UserError` when none is installed."""
    found = _font_file(tuple(candidates))
    if found is None:
        wanted = "、".join(candidates[:4])
        raise UserError(
            f"没有找到可以显示中文的字体，无法绘制统计图。请先安装中文字体（如 {wanted}），再重新生成。"
        )
    return found[0]


def _apply_font(figure: Figure, family: str) -> None:
    """Give every text of the figure the CJK font: the texts that exist now (titles, axis
    labels, bar labels, legend) and the tick labels the axes create when drawn."""
    for axes in figure.axes:
        axes.tick_params(axis="both", labelfontfamily=family)
    for text in figure.findobj(Text):
        text.set_fontfamily(family)


# ------------------------------------------------------------------ figures
def _new_figure(title: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=FIGURE_SIZE, dpi=DEFAULT_DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=14, fontweight="bold")
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _score_axis(axes: Axes, axis: str) -> None:
    """Score axis from 0 to 100 (room left for the labels), ticks every 10 points.

    A 通报 is published: bars that start at 80 make a 4-point gap look like a halving, and
    readers compare bar lengths."""
    ticks = list(range(0, 101, 10))
    if axis == "x":
        axes.set_xlim(0, 108)
        axes.set_xticks(ticks)
    else:
        axes.set_ylim(0, 103)
        axes.set_yticks(ticks)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _departments(stats: CampaignStats) -> Figure | None:
    rows = sorted((d for d in stats.departments if d.scored), key=lambda d: (-d.average, d.name))
    if not rows:
        return None
    figure, axes = _new_figure(CHART_TITLES["departments"])
    names = [d.name for d in rows][::-1]
    values = [d.average for d in rows][::-1]
    bars = axes.barh(names, values, color=BAR_COLOUR, height=0.6)
    axes.bar_label(bars, labels=[_fmt(v) for v in values], padding=3, fontsize=9)
    _score_axis(axes, "x")
    axes.set_xlabel("平均得分（分）")
    return figure


def _trend(stats: CampaignStats) -> Figure | None:
    points = stats.trend
    if len(points) < 2:
        return None
    figure, axes = _new_figure(CHART_TITLES["trend"])
    labels = [p.period_label for p in points]
    names = list(dict.fromkeys(n for p in points for n in p.department_averages))
    for name in names:
        values = [p.department_averages.get(name, math.nan) for p in points]
        axes.plot(labels, values, marker="o", linewidth=1.8, label=name)
    overall = [p.average if p.scored else math.nan for p in points]
    axes.plot(labels, overall, linestyle="--", color="#555555", marker="s", label="全部案卷")
    _score_axis(axes, "y")
    axes.set_ylabel("平均得分（分）")
    axes.grid(axis="y", alpha=0.3)
    axes.legend(fontsize=8, loc="lower left", frameon=False)
    return figure


def _categories(stats: CampaignStats) -> Figure | None:
    rows = stats.categories
    if not rows or not stats.scored:
        return None
    figure, axes = _new_figure(CHART_TITLES["categories"])
    bars = axes.bar([c.name for c in rows], [c.points_lost for c in rows], color=BAR_COLOUR)
    axes.bar_label(
        bars, labels=[f"{_fmt(c.points_lost)}分/{c.count}处" for c in rows], padding=3, fontsize=9
    )
    axes.set_ylabel("扣分合计（分）")
    axes.set_ylim(0, max([c.points_lost for c in rows] + [1.0]) * 1.2)
    return figure


def _grades(stats: CampaignStats) -> Figure | None:
    if not stats.scored:
        return None
    figure, axes = _new_figure(CHART_TITLES["grades"])
    grades = stats.grades
    bars = axes.bar(
        [g.grade for g in grades],
        [g.count for g in grades],
        color=[GRADE_COLOURS.get(g.grade, BAR_COLOUR) for g in grades],
        width=0.6,
    )
    axes.bar_label(
        bars, labels=[f"{g.count}件（{_fmt(g.share)}%）" for g in grades], padding=3, fontsize=9
    )
    axes.set_ylabel("案卷数（件）")
    axes.set_ylim(0, max(g.count for g in grades) * 1.25 + 0.5)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _corrections(stats: CampaignStats) -> Figure | None:
    rows = sorted(
        ((name, n) for name, n in stats.corrections.items() if n > 0), key=lambda r: (-r[1], r[0])
    )
    if not rows:
        return None
    figure, axes = _new_figure(CHART_TITLES["corrections"])
    names = [name for name, _n in rows][::-1]
    values = [n for _name, n in rows][::-1]
    bars = axes.barh(names, values, color=SECOND_COLOUR, height=0.6)
    axes.bar_label(bars, labels=[f"{v}件" for v in values], padding=3, fontsize=9)
    axes.set_xlabel("纠错案件数（件）")
    axes.set_xlim(0, max(values) * 1.25 + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _self_vs_spot(stats: CampaignStats) -> Figure | None:
    rows = [
        r
        for r in stats.self_vs_spot
        if r.selfreview_average is not None or r.spotcheck_average is not None
    ]
    if not rows:
        return None
    figure, axes = _new_figure(CHART_TITLES["self_vs_spot"])
    rows = rows[::-1]
    positions = list(range(len(rows)))
    height = 0.38
    own = [r.selfreview_average if r.selfreview_average is not None else 0.0 for r in rows]
    spot = [r.spotcheck_average if r.spotcheck_average is not None else 0.0 for r in rows]
    first = axes.barh(
        [p + height / 2 for p in positions], own, height, color=SECOND_COLOUR, label="自评"
    )
    second = axes.barh(
        [p - height / 2 for p in positions], spot, height, color=BAR_COLOUR, label="抽查"
    )
    for bars, source in ((first, "selfreview_average"), (second, "spotcheck_average")):
        labels = [
            _fmt(getattr(r, source)) if getattr(r, source) is not None else "未评查" for r in rows
        ]
        axes.bar_label(bars, labels=labels, padding=3, fontsize=8)
    axes.set_yticks(positions, [r.department for r in rows])
    _score_axis(axes, "x")
    axes.set_xlabel("平均得分（分）")
    axes.legend(fontsize=9, loc="lower right", frameon=False)
    return figure


_BUILDERS: dict[str, Callable[[CampaignStats], Figure | None]] = {
    "departments": _departments,
    "trend": _trend,
    "categories": _categories,
    "grades": _grades,
    "self_vs_spot": _self_vs_spot,
    "corrections": _corrections,
}


def chart_title(name: str) -> str:
    return CHART_TITLES[name]


def build_chart(stats: CampaignStats, name: str) -> Figure | None:
    """One chart as a figure with the CJK font applied; None when the campaign has no data
    for it (no scored case, a single campaign for the trend, no self-review to compare)."""
    if name not in _BUILDERS:
        raise UserError(f"没有名为“{name}”的统计图。可选：{'、'.join(CHART_ORDER)}。")
    font = find_cjk_font()
    figure = _BUILDERS[name](stats)
    if figure is not None:
        _apply_font(figure, font)
    return figure


def available_charts(stats: CampaignStats) -> list[str]:
    """Names of the charts this campaign has data for, in report order."""
    return [n for n in CHART_ORDER if _BUILDERS[n](stats) is not None]


def _save(figure: Figure, target: Path | io.BytesIO, fmt: str, dpi: int) -> None:
    canvas = FigureCanvasSVG(figure) if fmt == "svg" else FigureCanvasAgg(figure)
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    canvas.print_figure(target, format=fmt, dpi=dpi, metadata=metadata)


def chart_png(stats: CampaignStats, name: str, dpi: int = DEFAULT_DPI) -> bytes | None:
    """One chart as PNG bytes (for the window); None when there is no data for it."""
    figure = build_chart(stats, name)
    if figure is None:
        return None
    buffer = io.BytesIO()
    _save(figure, buffer, "png", dpi)
    return buffer.getvalue()


def render_charts(
    stats: CampaignStats,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    names: Sequence[str] | None = None,
    dpi: int = DEFAULT_DPI,
    titled: bool = True,
) -> list[Path]:
    """Write every chart the campaign has data for (or those ``names``) into ``out_dir`` as
    ``<name>.png`` / ``<name>.svg``; returns the files written, chart by chart. Untitled
    (``titled=False``) for a document that captions them: "图1 …" over a chart that repeats
    it reads twice."""
    wrong = [f for f in formats if f not in FORMATS]
    if wrong:
        raise UserError(f"不支持的图片格式：{'、'.join(wrong)}（可选 png、svg）。")
    if dpi < DEFAULT_DPI:
        raise UserError(f"图片分辨率至少为 {DEFAULT_DPI} dpi。")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name in names or CHART_ORDER:
            figure = build_chart(stats, name)
            if figure is None:
                continue
            if not titled:
                for axes in figure.axes:
                    axes.set_title("")
            for fmt in formats:
                target = out_dir / f"{name}.{fmt}"
                with replaced_whole(target) as temp:
                    _save(figure, temp, fmt, dpi)
                written.append(target)
    except BaseException:  # a set of charts is exported whole or not at all
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
