"""The viewer's widgets on a real demo dossier: layout, jumps, lazy rendering, zoom, rotation,
thumbnails, outline, OCR text copy and search highlights."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.casefiles.case_detail import CaseDetail, DocumentInfo
from app.config import Paths, RunContext
from app.services import Services
from app.store.models import Page
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.viewer import geometry as geo
from app.ui.viewer.outline import EMPTY_TEXT, OutlineView
from app.ui.viewer.page_item import point_transform
from app.ui.viewer.page_view import FIT_PAGE, FIT_WIDTH, PageView
from app.ui.viewer.render_worker import PAGE, RenderWorker
from app.ui.viewer.thumbnails import ThumbnailStrip


@dataclass
class Dossier:
    services: Services
    detail: CaseDetail


@pytest.fixture
def dossier(demo_library_template: Path, tmp_path: Path) -> Iterator[Dossier]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    services = Services.open(RunContext(Paths(target)))
    biggest = max(services.library.list_cases(), key=lambda c: c.pages)
    yield Dossier(services, services.cases.detail(biggest.id))
    services.db.dispose()


@pytest.fixture
def view(qtbot, dossier: Dossier) -> Iterator[PageView]:
    worker = RenderWorker(dossier.detail.file_path, processes=2)
    widget = PageView()
    widget.text.provider = lambda page: (
        dossier.services.cases.page_text(dossier.detail.id, page).lines
    )
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    widget.set_document(worker, dossier.detail.pages)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    worker.shutdown()


def viewport_scene_rect(view: PageView) -> QtCore.QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def wait_sharp(qtbot, view: PageView, page: int) -> None:
    qtbot.waitUntil(lambda: (page, view.dpi()) in view.cache, timeout=15_000)


# ---------------------------------------------------------------- geometry


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_point_mapping_round_trips_and_matches_the_painter(rotation: int) -> None:
    size = (595.0, 842.0)
    for point in [(0.0, 0.0), (100.0, 700.0), (595.0, 842.0)]:
        shown = geo.to_displayed(point, size, rotation)
        assert geo.from_displayed(shown, size, rotation) == pytest.approx(point)
        mapped = point_transform(size, rotation, 2.0).map(QtCore.QPointF(*point))
        assert (mapped.x(), mapped.y()) == pytest.approx((shown[0] * 2, shown[1] * 2))
    assert geo.displayed_points(size, rotation) == (size if rotation % 180 == 0 else size[::-1])


def test_a_drag_selects_lines_it_covers_by_half_their_height() -> None:
    lines = [geo.Box(10, 10, 200, 30), geo.Box(10, 40, 200, 60), geo.Box(10, 70, 200, 90)]
    assert geo.selected_line_indexes(lines, geo.Box(0, 15, 300, 58)) == [0, 1]
    assert geo.selected_line_indexes(lines, geo.Box(0, 55, 300, 95)) == [2]


# ---------------------------------------------------------------- page view


def test_all_pages_are_laid_out_at_their_sizes_before_rendering(
    view: PageView, dossier: Dossier
) -> None:
    pages = dossier.detail.pages
    assert view.page_count() == len(pages) == len(view.page_items) > 10
    scale = geo.scale_for_zoom(view.zoom)
    tops = []
    for item, info in zip(view.page_items, pages, strict=True):
        rect = item.sceneBoundingRect()
        assert rect.width() == pytest.approx(info.width * scale, rel=1e-3)
        assert rect.height() == pytest.approx(info.height * scale, rel=1e-3)
        tops.append(rect.top())
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "one under the other"
    assert view.sceneRect().height() > sum(i.sceneBoundingRect().height() for i in view.page_items)


def test_jump_scrolls_to_the_page_and_paints_it_sharp(qtbot, view: PageView) -> None:
    target = view.page_count() - 3
    with qtbot.waitSignal(
        view.page_painted,
        timeout=15_000,
        check_params_cb=lambda page, sharp: page == target and sharp,
    ):
        view.go_to_page(target)
    assert view.current_page() == target
    assert target in view.visible_pages()
    item_rect = view.page_items[target - 1].sceneBoundingRect()
    shown = viewport_scene_rect(view)
    assert shown.top() <= item_rect.top() < shown.bottom(), "the page's top is on screen"


def test_only_visible_pages_and_one_ahead_reach_the_renderer(qtbot, view: PageView) -> None:
    wait_sharp(qtbot, view, 1)
    target = 10
    view.go_to_page(target)
    wait_sharp(qtbot, view, target)
    qtbot.waitUntil(lambda: not view.worker.is_pending(_page_req(view, target + 1)), timeout=15_000)
    rendered = {r.page for r in view.worker.rendered_requests if r.kind == PAGE}
    # 640×480 at fit width shows about half a page: page 1 (+2 ahead), then 10 (+11 ahead).
    assert target in rendered and 1 in rendered
    assert rendered <= {1, 2, target, target + 1}, rendered
    assert not rendered & set(range(3, target)), "the pages jumped over were never rendered"


def _page_req(view: PageView, page: int):  # type: ignore[no-untyped-def]
    from app.ui.viewer.render_worker import RenderRequest

    return RenderRequest(page, view.dpi(), PAGE)


def test_zoom_modes_change_the_scale(qtbot, view: PageView) -> None:
    vw, vh = view.viewport().width(), view.viewport().height()
    view.set_zoom_mode(FIT_WIDTH)
    width = view.page_items[0].sceneBoundingRect().width()
    assert width == pytest.approx(vw - 2 * geo.MARGIN, abs=1.5)
    view.set_zoom_mode(FIT_PAGE)
    rect = view.page_items[0].sceneBoundingRect()
    assert rect.height() == pytest.approx(vh - 2 * geo.MARGIN, abs=1.5) and rect.width() < width
    view.set_zoom(1.0)
    at_100 = view.page_items[0].sceneBoundingRect().width()
    assert at_100 == pytest.approx(dossier_width(view) * 96 / 72, rel=1e-3)
    view.set_zoom(2.0)
    assert view.page_items[0].sceneBoundingRect().width() == pytest.approx(2 * at_100, rel=1e-3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(geo.next_zoom(2.0, -1))
    before = view.zoom
    wheel = QtGui.QWheelEvent(
        QtCore.QPointF(50, 50),
        QtCore.QPointF(50, 50),
        QtCore.QPoint(0, 0),
        QtCore.QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > before
    wait_sharp(qtbot, view, view.current_page())


def dossier_width(view: PageView) -> float:
    return view.page_items[0].size[0]


def test_keyboard_navigation(qtbot, view: PageView) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page() == 2
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_page() == view.page_count()
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current_page() == view.page_count() - 1
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_page() == 1


def test_single_page_mode_shows_one_page(qtbot, view: PageView) -> None:
    view.set_continuous(False)
    view.go_to_page(4)
    assert [i.index for i in view.page_items if i.isVisible()] == [4]
    assert view.visible_pages() == [4]
    assert view.sceneRect().height() < 2 * view.page_items[3].sceneBoundingRect().height()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert [i.index for i in view.page_items if i.isVisible()] == [5]


def test_rotation_turns_the_page_and_reports_it(qtbot, view: PageView) -> None:
    view.go_to_page(3)
    before = view.page_items[2].sceneBoundingRect()
    with qtbot.waitSignal(view.rotation_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_R)
    assert blocker.args == [3, 90]
    after = view.page_items[2].sceneBoundingRect()
    assert after.width() > after.height() and before.height() > before.width()
    with qtbot.waitSignal(view.rotation_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == [3, 0]


def test_highlight_draws_over_the_page_and_scrolls_to_it(qtbot, view: PageView) -> None:
    page = 8
    box = (100.0, 600.0, 400.0, 640.0)  # points, low on the page
    view.highlight(page, [box])
    wait_sharp(qtbot, view, page)
    hit = view.page_items[page - 1].scene_rect_of(geo.Box(*box))
    assert viewport_scene_rect(view).contains(hit), "the first hit is on screen"
    centre = view.mapFromScene(hit.center())
    image = view.viewport().grab().toImage()
    colour = image.pixelColor(centre)
    assert colour.red() - colour.blue() > 60, colour.name()
    view.clear_highlights()
    plain = view.viewport().grab().toImage().pixelColor(centre)
    assert plain.red() - plain.blue() < 40, plain.name()


def seed_ocr(
    dossier: Dossier, page: int, lines: list[tuple[str, tuple[float, float, float, float]]]
) -> None:
    with dossier.services.db.session() as session:
        row = session.scalar(
            select(Page).where(Page.case_file_id == dossier.detail.id, Page.index == page)
        )
        assert row is not None
        row.ocr_text = "\n".join(text for text, _ in lines)
        row.ocr_boxes = [
            {"text": text, "box": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], "score": 0.99}
            for text, (x0, y0, x1, y1) in lines
        ]
        row.ocr_status = "done"


def test_dragging_over_the_scan_copies_the_ocr_lines(
    qtbot, view: PageView, dossier: Dossier
) -> None:
    seed_ocr(
        dossier,
        1,
        [
            ("行政处罚案卷", (150.0, 100.0, 450.0, 130.0)),
            ("案号：望市监罚〔2025〕12号", (100.0, 160.0, 480.0, 180.0)),
            ("当事人：望海市锦程物流有限公司", (100.0, 190.0, 480.0, 210.0)),
        ],
    )
    view.go_to_page(1)
    view.set_text_visible(True)
    item = view.page_items[0]
    top_left = view.mapFromScene(item.scene_rect_of(geo.Box(90, 150, 90, 150)).topLeft())
    bottom_right = view.mapFromScene(item.scene_rect_of(geo.Box(490, 215, 490, 215)).topLeft())
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=top_left)
    qtbot.mouseMove(viewport, bottom_right)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom_right)
    assert view.text.selection == {1: [1, 2]}
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QtWidgets.QApplication.clipboard().text() == (
        "案号：望市监罚〔2025〕12号\n当事人：望海市锦程物流有限公司"
    )


# ---------------------------------------------------------------- thumbnails and outline


def test_thumbnails_one_per_page_rendered_lazily(qtbot, dossier: Dossier) -> None:
    worker = RenderWorker(dossier.detail.file_path, processes=1)
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    strip.resize(150, 400)
    strip.set_document(worker, dossier.detail.pages)
    strip.show()
    qtbot.waitExposed(strip)
    model = strip.thumbnail_model()
    try:
        assert model.rowCount() == len(dossier.detail.pages)
        qtbot.waitUntil(lambda: model.has_thumbnail(1), timeout=15_000)
        last = model.rowCount()
        assert not model.has_thumbnail(last), "rows never shown are not rendered"
        with qtbot.waitSignal(strip.page_activated) as blocker:
            strip.clicked.emit(model.index(1))
        assert blocker.args == [2]
        strip.scrollToBottom()
        qtbot.waitUntil(lambda: model.has_thumbnail(last), timeout=15_000)
    finally:
        worker.shutdown()


def test_outline_shows_documents_and_jumps(qtbot) -> None:
    outline = OutlineView()
    qtbot.addWidget(outline)
    assert outline.is_empty() and outline.currentWidget() is outline.empty_label
    assert outline.empty_label.text() == EMPTY_TEXT
    outline.set_documents(
        [
            DocumentInfo(1, "case_cover", "行政处罚案卷", 1, 1, False),
            DocumentInfo(2, "filing_approval", "立案审批表", 2, 3, False),
            DocumentInfo(3, "penalty_decision", None, 4, 6, False),
        ]
    )
    tree = outline.tree
    assert outline.currentWidget() is tree and tree.topLevelItemCount() == 3
    decision = tree.topLevelItem(2)
    assert decision.text(0) == "行政处罚决定书" and decision.text(1) == "第 4–6 页"
    assert decision.childCount() == 3
    with qtbot.waitSignal(outline.page_requested) as blocker:
        tree.itemClicked.emit(decision, 0)
    assert blocker.args == [4]
    with qtbot.waitSignal(outline.page_requested) as blocker:
        tree.itemClicked.emit(decision.child(1), 0)
    assert blocker.args == [5]
    outline.set_current_page(3)
    assert tree.currentItem() is tree.topLevelItem(1)
