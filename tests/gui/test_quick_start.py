"""快速上手 in the main window: each step frames the real widget or menu to use and moves on
when the user did it (a dossier opened, a deduction recorded, a letter issued) or on 下一步;
跳过 ends it and 帮助 → 快速上手 starts it again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.changes import OpChanges, OpResult
from app.config import Paths, RunContext
from app.documents.letter_requests import OpinionRequest
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtWidgets
from tests.review_support import DEPARTMENTS, build_reviewed_library


def open_main(qtbot, services: Services) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def framed(guide, window: QtWidgets.QWidget, rect: QtCore.QRect) -> bool:  # type: ignore[no-untyped-def]
    """Whether the guide's frame is in ``window`` and surrounds ``rect`` (window coordinates)."""
    guide.place_highlight()
    shown = guide.highlighted()
    return shown is not None and guide.highlight.parentWidget() is window and shown.contains(rect)


def test_the_walk_frames_each_step_and_follows_the_user(qtbot, window_services: Services) -> None:
    services = window_services
    window = open_main(qtbot, services)
    guide = window.start_quick_start()
    qtbot.waitExposed(guide)
    assert guide.title.text() == "打开案卷" and "第 1 步，共 3 步" in guide.caption.text()
    window.tabs.setCurrentIndex(window.library_index)
    table = QtCore.QRect(window.table.mapTo(window, QtCore.QPoint(0, 0)), window.table.size())
    assert framed(guide, window, table)

    case = services.library.list_cases()[0].id
    viewer = window.dossiers.open(case)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: guide.title.text() == "评查")
    bar = window.menuBar()
    menu = bar.actionGeometry(window.review_menu.menuAction())
    assert framed(guide, window, QtCore.QRect(bar.mapTo(window, menu.topLeft()), menu.size()))

    # Opening the scoring window is not yet scoring; recording a deduction is.
    from app.ui.review.scoring_window import ScoringWindow

    campaign = services.campaigns.create("2024年第二季度抽查", "spotcheck", "2024Q2").id
    services.campaigns.add_cases(campaign, [case])
    scoring = ScoringWindow(services, campaign, case, window.jobs, window)
    qtbot.addWidget(scoring, before_close_func=lambda w: w.shutdown())
    scoring.show()
    qtbot.waitExposed(scoring)
    assert guide.title.text() == "评查"
    window.jobs.run_op_and_wait(
        lambda: services.reviews.deduct(campaign, case, "P-2.2", 1, "询问笔录无签名")
    )
    assert guide.title.text() == "出具意见书"
    # Until the campaign window is open, the way there (the 评查 menu) is framed.
    assert framed(guide, window, QtCore.QRect(bar.mapTo(window, menu.topLeft()), menu.size()))
    window.show_campaigns()
    campaigns = window.campaign_window
    qtbot.waitExposed(campaigns)
    button = campaigns.documents_button
    where = QtCore.QRect(button.mapTo(campaigns, QtCore.QPoint(0, 0)), button.size())
    assert framed(guide, campaigns, where)
    assert guide.next_button.text() == "完成"
    guide.next_button.click()
    assert not guide.isVisible() and guide.highlighted() is None
    campaigns.close()


def test_an_issued_letter_ends_the_walk(qtbot, tmp_path: Path) -> None:
    lib = build_reviewed_library(tmp_path)
    lib.db.dispose()
    services = Services.open(RunContext(Paths(lib.paths.data_dir), today=date(2026, 9, 1)))
    try:
        window = open_main(qtbot, services)
        guide = window.start_quick_start()
        guide.next_step()
        guide.next_step()
        assert guide.title.text() == "出具意见书"
        letters = services.letters()

        departments = iter(DEPARTMENTS)

        def issue() -> OpResult[object]:
            department = next(departments)
            out = tmp_path / f"{department}.docx"
            issued = letters.issue_opinion(
                OpinionRequest(lib.spotcheck, department, date(2026, 9, 1)), out
            )
            return OpResult(issued, OpChanges(letters=True, rectification=True))

        window.jobs.run_op_and_wait(issue)
        assert not guide.tour.finished  # issued elsewhere than 文书与报表: not the user's
        from app.ui.documents.documents_dialog import DocumentsDialog

        dialog = DocumentsDialog(services, lib.spotcheck, parent=window, tasks=window.jobs)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.shutdown())
        dialog.show()
        qtbot.waitExposed(dialog)
        window.jobs.run_op_and_wait(issue)
        assert guide.tour.finished and not guide.isVisible()
    finally:
        services.db.dispose()


def test_skipped_then_started_again_from_the_help_menu(qtbot, window_services: Services) -> None:
    window = open_main(qtbot, window_services)
    guide = window.start_quick_start()
    guide.next_step()
    guide.skip_button.click()
    assert not guide.isVisible() and guide.tour.finished
    window.quick_start_action.trigger()
    assert guide.isVisible() and guide.title.text() == "打开案卷"
