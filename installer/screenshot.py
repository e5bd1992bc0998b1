"""Screenshots of the real window on an X screen, for the README and the user manual.

    Xvfb :97 -screen 0 1366x768x24 &
    cp -r DEMO_DATA /tmp/shots   # the script works in the library (it starts a reading)
    DISPLAY=:97 .venv/bin/python installer/screenshot.py --data-dir /tmp/shots \\
        --readme docs/screenshots --manual resources/manual/images

Every scene opens the windows a user would open, waits for them to settle and saves two
pictures: the whole X screen for the README (what a user's 1366×768 screen shows) and the
scene's own window, scaled to the manual's column, for ``resources/manual/images``. The
data folder should hold a demo library with its campaign (``python -m app --data-dir DIR
demo --campaign --here``). ``--only NAME`` takes one scene.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import Paths, RunContext
from app.ui.application import create_application, open_main_window
from app.ui.main_window import MainWindow
from app.ui.qt import Qt, QtCore, QtWidgets

MANUAL_WIDTH = 900  # the manual shows pictures at most this wide (app/ui/manual.py scales)
SETTLE_MS = 2500


@dataclass
class Scene:
    name: str
    #: Opens what the scene shows; returns the window to picture for the manual.
    setup: Callable[[MainWindow], QtWidgets.QWidget]
    readme: bool = True
    settle_ms: int = SETTLE_MS


def _campaign_window(main: MainWindow) -> QtWidgets.QWidget:
    main.show_campaigns()
    window = main.campaign_window
    window.move(0, 0)
    if window.cases_table.rowCount():
        window.cases_table.selectRow(0)
    return window


def _first_case(main: MainWindow) -> int:
    return main.services.library.list_cases()[0].id


def _viewer(main: MainWindow) -> QtWidgets.QWidget:
    window = main.dossiers.open(_first_case(main))
    window.move(0, 0)
    return window


def _scoring(main: MainWindow) -> QtWidgets.QWidget:
    campaigns = _campaign_window(main)
    assert hasattr(campaigns, "open_scoring")
    campaigns.open_scoring(0)
    window = next(iter(campaigns.scoring_windows.values()))
    window.move(0, 0)
    return window


def _evidence_region(main: MainWindow) -> QtWidgets.QWidget:
    """The scoring window with a deduction's evidence region framed on its page: on a
    campaign of its own (the demo campaign's dossiers are signed off), as a reviewer draws it."""
    from app.ui.review.scoring_window import ScoringWindow

    services, jobs = main.services, main.jobs
    case = next(c.id for c in services.library.list_cases() if c.kind == "penalty")
    campaign = jobs.run_op_and_wait(
        lambda: services.campaigns.create("2026年第四季度行政处罚案卷抽查", "spotcheck", "2026Q4")
    ).id
    jobs.run_op_and_wait(lambda: services.campaigns.add_cases(campaign, [case]))
    window = ScoringWindow(services, campaign, case, jobs, main)
    items = list(window.checklist.iter_items())
    # Page 2 is the 卷内目录: the region frames rows that name no document number.
    item = next((i.id for i in items if "目录" in str(i.model_dump())), items[0].id)
    region = {"page": 2, "x0": 0.1, "y0": 0.4, "x1": 0.9, "y1": 0.58}
    jobs.run_op_and_wait(
        lambda: services.reviews.deduct(
            campaign, case, item, 1, "卷内目录所列文书未填写文号", region=region
        )
    )
    window.refresh()
    window.move(0, 0)
    window.show()
    # The deduction clicked once the pages are laid out: its page shown, the region framed.
    QtCore.QTimer.singleShot(20000, lambda: window.deductions.cellClicked.emit(0, 0))
    return window


def _catalogue_import(main: MainWindow) -> QtWidgets.QWidget:
    """导入案件台账 on a county's register (an Excel file written here): columns mapped, the
    preview and the rows that are skipped."""
    import tempfile

    import openpyxl

    from app.ui.review.catalogue_dialog import CatalogueImportDialog

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "三季度"
    sheet.append(["某县行政处罚案件登记表"])
    sheet.append(["案件编号", "案件名称", "当事人", "执法单位", "立案日期", "结案日期"])
    units = ["某县市场监督管理局", "某县生态环境局", "某县交通运输局", "某县城市管理局"]
    for n in range(1, 19):
        sheet.append(
            [f"某县罚〔2026〕{n}号", f"案件{n}", f"当事人{n}", units[n % 4],
             f"2026-07-{n:02d}", f"2026-08-{n:02d}"]
        )  # fmt: skip
    sheet.append([None, "无号案件", "某某", units[0], None, None])
    sheet.append(["某县罚〔2026〕2号", "重复登记", "某某", units[0], None, None])
    path = Path(tempfile.mkdtemp()) / "某县行政处罚案件登记表.xlsx"
    book.save(path)
    campaigns = _campaign_window(main)
    campaign = main.services.campaigns.list()[-1].id
    dialog = CatalogueImportDialog(main.services, campaign, path, campaigns, main.jobs)
    dialog.move(0, 0)
    dialog.show()
    return dialog


def _campaign_dialog(main: MainWindow, make: Callable[..., QtWidgets.QWidget]) -> QtWidgets.QWidget:
    """A dialog of the campaign window on the latest campaign, shown at the screen's corner."""
    campaigns = _campaign_window(main)
    campaign = main.services.campaigns.list()[-1].id
    dialog = make(main.services, campaign, campaigns, tasks=main.jobs)
    dialog.move(0, 0)
    dialog.show()
    return dialog


def _documents(main: MainWindow) -> QtWidgets.QWidget:
    from app.ui.documents.documents_dialog import DocumentsDialog

    dialog = _campaign_dialog(main, DocumentsDialog)
    assert isinstance(dialog, DocumentsDialog)
    if dialog.paper_list.count():
        dialog.paper_list.setCurrentRow(0)
    return dialog


def _task_panel(main: MainWindow) -> QtWidgets.QWidget:
    """The 任务 panel with a real reading running (the first dossiers read again)."""
    main.tabs.setCurrentIndex(main.library_index)
    ids = [c.id for c in main.services.library.list_cases()[:3]]
    main.imports.reread(ids)
    main.task_dock.show()
    return main


def _library(main: MainWindow) -> QtWidgets.QWidget:
    main.tabs.setCurrentIndex(main.library_index)
    if main.model.rowCount():
        main.table.selectRow(0)
    return main


def _first_run(main: MainWindow) -> QtWidgets.QWidget:
    from app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(main.services, main, tasks=main.jobs)
    dialog.reviewer.setText("钱评查")
    dialog.show()
    return dialog


def _confirm_fact(main: MainWindow) -> QtWidgets.QWidget:
    from app.casefiles.case_detail import FactInfo
    from app.ui.confirm_fact_dialog import ConfirmFactDialog

    detail = main.services.cases.detail(_first_case(main))
    readings = tuple(
        {"value": v, "page": p, "document": d, "region": r, "confidence": c, "source": s}
        for v, p, d, r, c, s in (
            ("2025-03-02", 2, "filing_approval", [60.0, 640.0, 560.0, 700.0], 0.42, "立案审批表落款"),
            ("2025-03-07", 1, "case_cover", [60.0, 300.0, 560.0, 360.0], 0.9, "案卷封面"),
        )
    )  # fmt: skip
    fact = FactInfo("2025-03-02", 2, "extracted", "doubtful", 0.42, None, readings)
    dialog = ConfirmFactDialog(
        main.services, main.jobs, detail.id, "date.filed", fact, detail.file_path, parent=main
    )
    dialog.show()
    return dialog


def _quick_start(main: MainWindow) -> QtWidgets.QWidget:
    main.tabs.setCurrentIndex(main.library_index)
    main.start_quick_start()
    return main


def _team(main: MainWindow) -> QtWidgets.QWidget:
    from app.ui.review.team_dialog import TeamDialog

    return _campaign_dialog(main, TeamDialog)


def _holidays(main: MainWindow) -> QtWidgets.QWidget:
    from app.ui.holidays_dialog import HolidaysDialog

    dialog = HolidaysDialog(main.services, main.jobs, main)
    dialog.move(60, 40)
    dialog.show()
    return dialog


def _search(main: MainWindow) -> QtWidgets.QWidget:
    main.tabs.setCurrentIndex(main.library_index)
    main.show_search()
    main.search_panel.run("送达")
    return main


def _dashboard(main: MainWindow) -> QtWidgets.QWidget:
    main.tabs.setCurrentIndex(main.dashboard_index)
    return main


SCENES = [
    Scene("main-window", _library),
    Scene("quick-start", _quick_start, readme=False),
    Scene("first-run", _first_run, readme=False),
    Scene("viewer", _viewer, settle_ms=40000),
    Scene("confirm-fact", _confirm_fact, readme=False, settle_ms=3000),
    Scene("campaigns", _campaign_window),
    Scene("scoring", _scoring, settle_ms=40000),
    Scene("documents", _documents, settle_ms=15000),
    Scene("team", _team),
    Scene("holidays", _holidays),
    Scene("search", _search, settle_ms=4000),
    Scene("catalogue-import", _catalogue_import, settle_ms=4000),
    Scene("dashboard", _dashboard),
    Scene("evidence-region", _evidence_region, settle_ms=40000),  # makes a campaign
    Scene("task-panel", _task_panel, settle_ms=9000),  # last: it starts a reading
]


def _close_others(app: QtWidgets.QApplication, main: MainWindow) -> None:
    for widget in app.topLevelWidgets():
        if widget is not main and widget.isVisible() and widget.isWindow():
            widget.close()
    if getattr(main, "quick_start", None) is not None:
        main.quick_start.hide()
    main.task_dock.hide()
    main.search_dock.hide()
    # Closed windows that delete themselves go now, not under the next scene's dialogs.
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--readme", type=Path, help="folder for the whole-screen pictures")
    parser.add_argument("--manual", type=Path, help="folder for the manual's window pictures")
    parser.add_argument("--only", help="take these scenes (names, comma-separated)")
    args = parser.parse_args()

    app = create_application()
    window = open_main_window(RunContext(Paths(args.data_dir)))
    if not window.services.identity.known:  # scoring would ask for it first
        reviewer = window.services.set_reviewer_name
        window.jobs.run_op_and_wait(lambda: reviewer("演示评查员"))
    screen = app.primaryScreen()
    assert screen is not None
    window.setGeometry(screen.availableGeometry().adjusted(0, 0, 0, -30))
    window.show()
    chosen = set(args.only.split(",")) if args.only else {s.name for s in SCENES}
    scenes = [s for s in SCENES if s.name in chosen]

    def take(index: int) -> None:
        if index >= len(scenes):
            window.close()
            app.quit()
            return
        scene = scenes[index]
        _close_others(app, window)
        shown = scene.setup(window)

        def shoot() -> None:
            screen = app.primaryScreen()  # asked each time: Qt may replace the object
            assert screen is not None
            if args.readme is not None and scene.readme:
                args.readme.mkdir(parents=True, exist_ok=True)
                screen.grabWindow(0).save(str(args.readme / f"{scene.name}.png"))
            if args.manual is not None:
                args.manual.mkdir(parents=True, exist_ok=True)
                # The screen where the window is: windows over it (the 快速上手 panel) too.
                frame = shown.frameGeometry()
                picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                if picture.width() > MANUAL_WIDTH:
                    picture = picture.scaledToWidth(
                        MANUAL_WIDTH, Qt.TransformationMode.SmoothTransformation
                    )
                picture.save(str(args.manual / f"{scene.name}.png"))
            print(f"{scene.name}: {shown.width()}×{shown.height()}", flush=True)
            QtCore.QTimer.singleShot(300, lambda: take(index + 1))

        QtCore.QTimer.singleShot(scene.settle_ms, shoot)

    QtCore.QTimer.singleShot(3000, lambda: take(0))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
