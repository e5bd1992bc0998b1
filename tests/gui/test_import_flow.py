"""Importing from the window: dialogs, drop, a bad file in the batch, an encrypted PDF,
confirming department and kind, resuming unfinished reading — with real OCR workers."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtGui, QtWidgets
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.reports = []  # type: ignore[attr-defined]
    window.confirmed = []  # type: ignore[attr-defined]
    window.imports.report = lambda title, text: window.reports.append(text)  # type: ignore[attr-defined]
    window.imports.confirm = lambda items: window.confirmed.extend(items)  # type: ignore[attr-defined]
    yield window
    window.close()


def wait_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=240_000)


def test_batch_with_a_bad_file_imports_the_rest(qtbot, window: MainWindow, tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "好.pdf", pages=2)
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"")
    window.imports.import_paths([bad, good])
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 1
    assert window.stack.currentIndex() == 1
    assert any("0 字节" in text for text in window.reports)
    assert [i.path.name for i in window.confirmed] == ["好.pdf"]
    detail = window.services.cases.detail(window.model.case_at(0).id)
    assert all(p.ocr_status == "done" for p in detail.pages)
    assert detail.status == "ready"


def test_encrypted_pdf_asks_for_the_password(qtbot, window: MainWindow, tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page()
    locked = tmp_path / "加密.pdf"
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="123456")
    asked: list[str] = []

    def answer(message: str) -> str:
        asked.append(message)
        return "123456"

    window.imports.ask_password = answer
    window.imports.import_paths([locked])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=240_000)
    wait_idle(qtbot, window)
    assert asked and "加密" in asked[0]


def test_dropping_files_imports_them(qtbot, window: MainWindow, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "拖入.pdf", pages=1)
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(pdf))])
    drop = QtGui.QDropEvent(
        QtCore.QPointF(10, 10),
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    wait_idle(qtbot, window)
    assert window.reports == []
    assert window.model.rowCount() == 1


def test_duplicate_is_reported_not_imported_twice(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "一卷.pdf", pages=1)
    window.services.library.import_path(pdf)
    window.imports.import_paths([pdf])
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 1
    assert any("已在案卷库中" in text for text in window.reports)


def test_classification_dialog_stores_the_reviewers_choice(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from app.ui.import_flow import ClassificationDialog

    case_id = window.services.library.import_path(make_pdf(tmp_path / "c.pdf")).id
    dialog = ClassificationDialog(
        [(case_id, "c.pdf", "望海市交通运输局", None)], ["望海市交通运输局"]
    )
    qtbot.addWidget(dialog)
    _, department, kind = dialog.editors[0]
    department.setCurrentText("望海市城市管理综合行政执法局")
    kind.setCurrentIndex(kind.findData("coercion"))
    [(cid, dept, chosen)] = dialog.values()
    window.services.library.set_classification(cid, dept, chosen)
    detail = window.services.cases.detail(case_id)
    assert (detail.department, detail.kind) == ("望海市城市管理综合行政执法局", "coercion")


def test_unfinished_reading_is_resumed(qtbot, window: MainWindow, tmp_path: Path) -> None:
    case_id = window.services.library.import_path(make_pdf(tmp_path / "未完成.pdf", pages=2)).id
    assert window.services.library.unfinished_case_ids() == [case_id]
    job = window.imports.resume_unfinished()
    assert job is not None
    wait_idle(qtbot, window)
    assert window.services.library.unfinished_case_ids() == []
    assert window.services.cases.detail(case_id).status == "ready"


def test_import_actions_exist(window: MainWindow) -> None:
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.acceptDrops()
    assert isinstance(window.empty_page.import_button, QtWidgets.QPushButton)


def test_imports_asked_for_while_busy_run_afterwards(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    first = make_pdf(tmp_path / "先.pdf", pages=1)
    second = make_pdf(tmp_path / "后.pdf", pages=2)
    assert window.imports.import_paths([first]) is not None
    assert window.imports.import_paths([second]) is None, "queued, not refused"
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=240_000)
    wait_idle(qtbot, window)
    assert window.reports == []


def test_selected_dossiers_are_read_again_keeping_corrections(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import update

    from app.store.models import Page
    from tests.unit.test_page_source_scans import SAMPLE_LINES, scan_pdf

    window.imports.import_paths([scan_pdf(tmp_path / "决定书.pdf", [SAMPLE_LINES])])
    wait_idle(qtbot, window)
    case_id = window.model.case_at(0).id
    services = window.services
    services.corrections.set_fact(case_id, "party", "某某商贸有限公司（人工更正）")
    with services.db.session() as s:  # a reading gone bad (an older engine, a crash …)
        s.execute(update(Page).where(Page.case_file_id == case_id).values(ocr_text="乱码"))

    window.table.selectionModel().select(  # not selectRow: it follows stale key modifiers
        window.proxy.index(0, 0),
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QtCore.QItemSelectionModel.SelectionFlag.Rows,
    )
    assert window.selected_case_ids() == [case_id]
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    window.reread_action.trigger()
    wait_idle(qtbot, window)

    detail = services.cases.detail(case_id)
    assert detail.status == "ready"
    text = services.cases.page_text(case_id, 1).text
    assert "乱码" not in text and "行政处罚决定书" in text
    assert detail.facts["party"].value == "某某商贸有限公司（人工更正）"
    assert detail.facts["party"].source == "user"


def test_every_database_write_of_an_import_runs_on_the_writer(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Import and OCR run on the work pool; each of their writes (the dossier, every page
    read, the outline, the facts, the status) is handed to the window's one writer."""
    import threading

    from sqlalchemy import event

    from app.ui.taskman import WRITER_THREAD

    writers: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writers.append(threading.current_thread().name)

    engine = window.services.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        window.imports.import_paths([make_pdf(tmp_path / "卷.pdf", pages=2)])
        wait_idle(qtbot, window)
        case_id = window.model.case_at(0).id
        window.imports.reread([case_id])
        wait_idle(qtbot, window)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert window.services.cases.detail(case_id).status == "ready"
    assert len(writers) > 5  # the dossier, its pages, the outline, the facts …
    assert {name.split("_")[0] for name in writers} == {WRITER_THREAD}
