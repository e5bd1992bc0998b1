"""Charts of a campaign: real matplotlib, a real CJK font, files checked by decoding them."""

from __future__ import annotations

import io
import threading
import warnings
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from app.documents.campaign_stats import campaign_stats
from app.documents.charts import (
    CHART_ORDER,
    CHART_TITLES,
    available_charts,
    build_chart,
    chart_png,
    find_cjk_font,
    render_charts,
)
from app.errors import UserError
from app.review.campaigns import CampaignService
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

# A character drawn as a box is a failure, not a warning.
pytestmark = pytest.mark.filterwarnings("error:Glyph:UserWarning")


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> ReviewedLibrary:
    return build_reviewed_library(tmp_path_factory.mktemp("charts"))


def test_the_glyph_check_really_catches_boxes() -> None:
    # the default font has no Chinese: drawing Chinese with it must fail this module's filter
    figure = Figure()
    figure.text(0.5, 0.5, "中文", fontfamily="DejaVu Sans")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="Glyph"):
            FigureCanvasAgg(figure).draw()


def test_a_missing_cjk_font_is_a_chinese_error() -> None:
    with pytest.raises(UserError, match="中文字体"):
        find_cjk_font(("没有这种字体", "No Such Font Sans"))
    assert find_cjk_font()  # this machine has one


def test_all_charts_as_png_and_svg(lib: ReviewedLibrary, tmp_path: Path) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    drawn = [n for n in CHART_ORDER if n != "corrections"]  # the ledger is empty here
    assert available_charts(stats) == drawn
    files = render_charts(stats, tmp_path / "charts")
    assert [f.name for f in files] == [f"{n}.{fmt}" for n in drawn for fmt in ("png", "svg")]
    for png in (f for f in files if f.suffix == ".png"):
        with Image.open(png) as image:
            image.load()
            assert image.format == "PNG" and image.size == (1200, 675)  # 8 × 4.5 in at 150 dpi
    svg = {f.stem: f.read_text(encoding="utf-8") for f in files if f.suffix == ".svg"}
    for name, text in svg.items():
        assert text.lstrip().startswith("<?xml") and CHART_TITLES[name] in text
    assert all(d in svg["departments"] for d in DEPARTMENTS)
    assert "2026年第一季度" in svg["trend"] and "2026年第二季度" in svg["trend"]
    assert "执法主体" in svg["categories"] and "不合格" in svg["grades"]
    assert "自评" in svg["self_vs_spot"] and "抽查" in svg["self_vs_spot"]
    assert not list((tmp_path / "charts").glob(".*"))  # no temporary file left behind


def test_higher_resolution_and_one_format(lib: ReviewedLibrary, tmp_path: Path) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    files = render_charts(stats, tmp_path, formats=("png",), names=["grades"], dpi=200)
    assert [f.name for f in files] == ["grades.png"]
    with Image.open(files[0]) as image:
        assert image.size == (1600, 900)
    with pytest.raises(UserError, match="格式"):
        render_charts(stats, tmp_path, formats=("gif",))


def test_png_bytes_for_the_window(lib: ReviewedLibrary) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    data = chart_png(stats, "departments")
    assert data is not None and data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 675)
    with pytest.raises(UserError, match="统计图"):
        chart_png(stats, "pie-in-the-sky")


def test_charts_without_data_are_left_out(lib: ReviewedLibrary, tmp_path: Path) -> None:
    first = campaign_stats(lib.db, lib.spotcheck_previous)
    # one spot-check only so far: no trend, and no self-review of that quarter
    assert available_charts(first) == ["departments", "categories", "grades"]
    empty_id = CampaignService(lib.db).create("空活动", "spotcheck", "2027Q1").id
    empty = campaign_stats(lib.db, empty_id)
    assert chart_png(empty, "departments") is None
    files = render_charts(empty, tmp_path)
    assert [f.stem for f in files] == ["trend", "trend"]  # the trend still has earlier quarters


def test_charts_drawn_in_two_threads_at_once(lib: ReviewedLibrary, tmp_path: Path) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    results: dict[int, list[Path]] = {}
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            results[n] = render_charts(stats, tmp_path / str(n), formats=("png",))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [f.name for f in results[0]] == [f.name for f in results[1]]
    assert [f.read_bytes() for f in results[0]] == [f.read_bytes() for f in results[1]]


def test_corrected_cases_per_department_are_charted(lib: ReviewedLibrary, tmp_path: Path) -> None:
    import dataclasses

    stats = dataclasses.replace(
        campaign_stats(lib.db, lib.spotcheck), corrections={DEPARTMENTS[0]: 2, DEPARTMENTS[1]: 0}
    )
    assert "corrections" in available_charts(stats)
    (svg,) = render_charts(stats, tmp_path, ("svg",), names=["corrections"])
    text = svg.read_text(encoding="utf-8")
    assert CHART_TITLES["corrections"] in text and DEPARTMENTS[0] in text
    assert DEPARTMENTS[1] not in text  # a department without corrected cases is not drawn


def test_every_value_axis_starts_at_zero(lib: ReviewedLibrary) -> None:
    """A published 通报: a bar that starts at 80 makes a 4-point gap look like a halving."""
    stats = campaign_stats(lib.db, lib.spotcheck)
    names = available_charts(stats)
    assert "departments" in names
    for name in names:
        figure = build_chart(stats, name)
        assert figure is not None
        axes = figure.axes[0]
        horizontal = name in ("departments", "self_vs_spot")
        low = axes.get_xlim()[0] if horizontal else axes.get_ylim()[0]
        assert low == 0, (name, low)
