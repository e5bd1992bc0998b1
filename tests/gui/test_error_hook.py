"""An error no slot caught reaches the user as a Chinese message box and the log as a traceback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.errors import UserError
from app.ui.application import install_error_hooks
from app.ui.qt import QtWidgets


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox,
        "critical",
        lambda _p, title, text, *a, **k: shown.append((title, text)),
    )
    return shown


@pytest.fixture
def hooks(qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    log_file = tmp_path / "logs" / "anjuan.log"
    reporter = install_error_hooks(log_file)
    yield reporter, log_file
    reporter.uninstall()
    import logging

    for handler in list(logging.getLogger("app").handlers):
        if getattr(handler, "baseFilename", "") == str(log_file):
            logging.getLogger("app").removeHandler(handler)
            handler.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_chinese_box_and_logs_the_traceback(
    qtbot, hooks, boxes: list[tuple[str, str]]
) -> None:
    _reporter, log_file = hooks
    button = QtWidgets.QPushButton("坏按钮")
    qtbot.addWidget(button)

    def broken() -> None:
        raise KeyError("不存在的键")

    button.clicked.connect(broken)
    button.click()
    assert len(boxes) == 1
    title, text = boxes[0]
    assert "出错了" in title and "程序内部错误：KeyError" in text and "日志" in text
    logged = log_file.read_text(encoding="utf-8")
    assert "未处理的异常" in logged and "Traceback" in logged and "in broken" in logged


@pytest.mark.qt_no_exception_capture
def test_a_refusal_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot, hooks, boxes: list[tuple[str, str]]
) -> None:
    def work() -> None:
        raise UserError("请先选择案卷。")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes == [(boxes[0][0], "请先选择案卷。")]
