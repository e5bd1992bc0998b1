"""Evidence regions in the scoring window on a real demo dossier: 框选证据 turns a drag on a
page into a deduction with its region (as fractions of the unrotated page), a click on the
deduction frames the region on its page, re-drawing and clearing go through the service,
rotated pages map both ways, and text selection still works with the mode off."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.review.evidence import read_region
from app.services import Services
from app.ui.qt import Qt, QtCore, QtWidgets
from app.ui.review.scoring_panel import REGION_MARK, DeductionDialog
from app.ui.review.scoring_window import ScoringWindow
from app.ui.viewer.evidence_frame import FRAME_PEN
from app.ui.viewer.page_item import HIGHLIGHT_COLOUR
from app.ui.viewer.page_view import FIT_PAGE, PageView

Fractions = tuple[float, float]


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    opened.set_reviewer_name("王评查")  # deductions name a person, never a placeholder
    yield opened
    opened.db.dispose()


@pytest.fixture
def window(qtbot, services: Services) -> ScoringWindow:  # type: ignore[no-untyped-def]
    case = next(c.id for c in services.library.list_cases() if c.kind == "penalty")
    campaign = services.campaigns.create("2024年第二季度抽查", "spotcheck", "2024Q2").id
    services.campaigns.add_cases(campaign, [case])
    scoring = ScoringWindow(services, campaign, case)
    qtbot.addWidget(scoring, before_close_func=lambda w: w.shutdown())
    scoring.show()
    qtbot.waitExposed(scoring)
    scoring.view.set_zoom_mode(FIT_PAGE)  # the whole page on screen: any drag fits
    return scoring


def at(view: PageView, page: int, point: Fractions) -> QtCore.QPoint:
    """A point given as fractions of the page *as displayed* → viewport pixels."""
    rect = view.page_items[page - 1].sceneBoundingRect()
    return view.mapFromScene(
        QtCore.QPointF(rect.left() + point[0] * rect.width(), rect.top() + point[1] * rect.height())
    )


def drag(qtbot, view: PageView, page: int, start: Fractions, end: Fractions) -> None:  # type: ignore[no-untyped-def]
    view.go_to_page(page)
    viewport = view.viewport()
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(view, page, start))
    qtbot.mouseMove(viewport, pos=at(view, page, middle))
    qtbot.mouseMove(viewport, pos=at(view, page, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(view, page, end))


def answer_form(monkeypatch, reason: str = "询问笔录无被询问人签名", clear: bool = False) -> list:  # type: ignore[no-untyped-def]
    """The deduction form fills itself in and presses its button instead of blocking."""
    seen: list[DeductionDialog] = []

    def fake_exec(dialog: DeductionDialog) -> int:
        seen.append(dialog)
        dialog.shown_region = dialog.region_label.text()  # type: ignore[attr-defined]
        dialog.reason_edit.setPlainText(reason)
        if clear:
            dialog.clear_region_button.click()
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(DeductionDialog, "exec", fake_exec)
    return seen


def edges(region: dict) -> tuple[float, float, float, float]:  # type: ignore[type-arg]
    return (region["x0"], region["y0"], region["x1"], region["y1"])


def frame_fractions(view: PageView, page: int) -> tuple[float, float, float, float]:
    """Where the evidence frame is, as fractions of the page as displayed."""
    shown = view.evidence_shown()
    assert shown is not None and shown[0] == page
    rect, page_rect = shown[1], view.page_items[page - 1].sceneBoundingRect()
    return (
        (rect.left() - page_rect.left()) / page_rect.width(),
        (rect.top() - page_rect.top()) / page_rect.height(),
        (rect.right() - page_rect.left()) / page_rect.width(),
        (rect.bottom() - page_rect.top()) / page_rect.height(),
    )


def test_a_dragged_region_becomes_the_evidence_of_a_deduction_and_is_framed_on_click(
    qtbot, window: ScoringWindow, services: Services, monkeypatch
) -> None:
    view = window.view
    assert not view.region_mode
    window.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # not a rotation
    assert view.region_mode and window.region_action.isChecked()
    assert view.rotations[view.current_page()] == 0
    assert view.dragMode() == QtWidgets.QGraphicsView.DragMode.NoDrag
    seen = answer_form(monkeypatch)

    # No item chosen yet: the region waits, framed, and the status bar says what to do.
    assert window.tree.current_item_id() is None
    drag(qtbot, view, 2, (0.2, 0.3), (0.6, 0.5))
    assert seen == []
    assert window.pending_region is not None and window.pending_region.page == 2
    assert "请在评查标准中选择评查项目" in window.statusBar().currentMessage()
    assert view.evidence_shown() is not None and view.evidence_shown()[0] == 2
    window.tree.select_item("P-2.2")
    window.deduct_button.click()
    [form] = seen
    assert form.page_box.value() == 2
    assert form.shown_region == "已框选第 2 页的一块区域"
    assert window.pending_region is None
    [first] = services.reviews.deductions(window.campaign_id, window.case_id)
    assert first.page == 2
    assert edges(first.region) == pytest.approx((0.2, 0.3, 0.6, 0.5), abs=0.01)

    # An item chosen: releasing the drag opens its form with page and region filled in.
    window.tree.select_item("P-2.3")
    drag(qtbot, view, 3, (0.55, 0.7), (0.1, 0.62))  # dragged up and to the left
    assert len(seen) == 2 and seen[1].item.id == "P-2.3" and seen[1].page_box.value() == 3
    second = services.reviews.deductions(window.campaign_id, window.case_id)[1]
    assert second.page == 3
    assert edges(second.region) == pytest.approx((0.1, 0.62, 0.55, 0.7), abs=0.01)
    # A click, not a drag, draws nothing.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, 3, (0.5, 0.5)))
    assert len(seen) == 2

    # Esc leaves the mode; the view scrolls by dragging again.
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.region_mode and not window.region_action.isChecked()
    assert view.dragMode() == QtWidgets.QGraphicsView.DragMode.ScrollHandDrag

    # The table marks deductions with a region; one without shows just its page.
    services.reviews.deduct(
        window.campaign_id, window.case_id, "P-3.1", 1, "未告知陈述申辩权利", page=4
    )
    window.refresh()
    table = window.deductions
    assert [table.item(r, 4).text() for r in range(3)] == [
        f"第 2 页 {REGION_MARK}",
        f"第 3 页 {REGION_MARK}",
        "第 4 页",
    ]

    # Clicking a deduction goes to its page and frames its region, until another is chosen.
    view.go_to_page(5)
    table.cellClicked.emit(0, 0)
    assert view.current_page() == 2
    assert frame_fractions(view, 2) == pytest.approx(edges(first.region), abs=0.005)
    frame = view.evidence
    assert frame is not None and frame.isVisible()
    assert frame.pen().color() == FRAME_PEN and FRAME_PEN != HIGHLIGHT_COLOUR
    assert view.highlights == {}  # not a search highlight
    table.cellClicked.emit(1, 3)
    assert view.current_page() == 3 and view.evidence_shown()[0] == 3
    table.cellClicked.emit(2, 0)  # no region: just its page, the frame goes
    assert view.current_page() == 4 and view.evidence_shown() is None

    # Grab the window with the frame shown (the README's screenshot is made the same way).
    table.cellClicked.emit(0, 0)
    image = window.grab().toImage()
    centre = view.viewport().mapTo(window, view.mapFromScene(view.evidence_shown()[1].center()))
    pixel = image.pixelColor(centre * window.devicePixelRatioF())
    assert pixel.red() > pixel.blue() + 20  # tinted red-orange over the page


def test_redraw_and_clear_the_region_of_a_stored_deduction(
    qtbot, window: ScoringWindow, services: Services, monkeypatch
) -> None:
    change = services.reviews.deduct(
        window.campaign_id, window.case_id, "P-2.2", 1, "笔录未签名", page=2
    )
    window.refresh()
    table = window.deductions
    table.selectRow(0)
    menu = table.context_menu(table.visualRect(table.model().index(0, 0)).center())
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == ["修改…", "重新框选证据区域", "清除证据区域", "删除"]
    assert not actions["清除证据区域"].isEnabled()  # nothing to clear yet

    actions["重新框选证据区域"].trigger()
    assert window.view.region_mode and "Esc 取消" in window.statusBar().currentMessage()
    drag(qtbot, window.view, 2, (0.1, 0.1), (0.4, 0.2))
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)  # stored by the writer
    [stored] = services.reviews.deductions(window.campaign_id, window.case_id)
    assert stored.id == change.deduction_id
    assert edges(stored.region) == pytest.approx((0.1, 0.1, 0.4, 0.2), abs=0.01)
    assert not window.view.region_mode  # one drag, then back to how it was
    assert window.view.evidence_shown()[0] == 2

    # Editing keeps the region unless it is cleared in the form.
    answer_form(monkeypatch, reason="两份笔录未签名")
    window.edit_deduction(stored.id)
    [kept] = services.reviews.deductions(window.campaign_id, window.case_id)
    assert kept.reason == "两份笔录未签名" and kept.region == stored.region
    seen = answer_form(monkeypatch, reason="两份笔录未签名", clear=True)
    window.edit_deduction(stored.id)
    assert seen[0].shown_region == "已框选第 2 页的一块区域"
    [cleared] = services.reviews.deductions(window.campaign_id, window.case_id)
    assert cleared.region is None and cleared.page == 2
    assert window.view.evidence_shown() is None  # the framed region went with it
    assert table.item(0, 4).text() == "第 2 页"

    # Re-drawn on another page: the deduction moves to that page. Esc cancels a re-draw.
    window.redraw_region(stored.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.view.region_mode and window._redraw is None
    window.redraw_region(stored.id)
    drag(qtbot, window.view, 6, (0.5, 0.5), (0.7, 0.8))
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    [moved] = services.reviews.deductions(window.campaign_id, window.case_id)
    assert moved.page == 6 and read_region(moved.region).page == 6

    window.clear_region(moved.id)
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    assert services.reviews.deductions(window.campaign_id, window.case_id)[0].region is None


def test_a_region_drawn_on_a_turned_page_is_stored_unrotated_and_drawn_back_turned(
    qtbot, window: ScoringWindow, services: Services, monkeypatch
) -> None:
    view = window.view
    page = 2
    view.rotate_page(page, 90)  # turned clockwise in the viewer
    answer_form(monkeypatch)
    window.tree.select_item("P-2.2")
    window.region_action.trigger()
    shown = (0.1, 0.2, 0.5, 0.35)  # x0, y0, x1, y1 on the page as displayed
    drag(qtbot, view, page, shown[:2], shown[2:])
    [stored] = services.reviews.deductions(window.campaign_id, window.case_id)
    # Turned 90° clockwise, the source's x runs down the screen and its y right to left.
    dx0, dy0, dx1, dy1 = shown
    assert edges(stored.region) == pytest.approx((dy0, 1 - dx1, dy1, 1 - dx0), abs=0.01)

    window.deductions.cellClicked.emit(0, 0)
    assert frame_fractions(view, page) == pytest.approx(shown, abs=0.01)
    view.rotate_page(page, 90)  # turned again, upside down: the frame follows the page
    x0, y0, x1, y1 = edges(stored.region)
    assert frame_fractions(view, page) == pytest.approx((1 - x1, 1 - y1, 1 - x0, 1 - y0), abs=0.01)


def test_text_selection_still_works_when_the_region_mode_is_off(
    qtbot, window: ScoringWindow
) -> None:
    view = window.view
    drawn: list[tuple] = []  # type: ignore[type-arg]
    view.region_drawn.connect(lambda *args: drawn.append(args))
    view.set_text_visible(True)
    with qtbot.waitSignal(view.selection_changed, timeout=2000):
        drag(qtbot, view, 1, (0.1, 0.1), (0.9, 0.4))
    assert drawn == [] and view.evidence_shown() is None
    window.region_action.trigger()
    drag(qtbot, view, 1, (0.1, 0.1), (0.9, 0.4))
    assert len(drawn) == 1
    window.region_action.trigger()  # off again: the text cursor is back
    assert view.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor
