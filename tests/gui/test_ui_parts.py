"""The parts shared by the windows: dialog buttons, the questions, table cells, the
page and zoom boxes of both viewers, and who scores in the scoring window's header."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.errors import UserError
from app.ui.parts import (
    EXCEL_OPEN_FILTER,
    accept_unless_refused,
    ask_open_file,
    ask_save_file,
    cell_data,
    cell_texts,
    closing_row,
    confirm,
    error_label,
    form_rows,
    ok_cancel,
    push_button,
    side_by_side,
    split_row,
    stacked,
)
from app.ui.qt import Qt, QtWidgets
from app.ui.review.scoring_header import Role, roles_for
from app.ui.viewer.page_controls import PageBox, ZoomBox
from app.ui.viewer.page_view import FIT_PAGE, PageView


def test_ok_cancel_names_the_buttons_and_wires_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QtWidgets.QDialog()
    qtbot.addWidget(dialog)
    pressed: list[bool] = []
    box, ok = ok_cancel(dialog, "创建", lambda: pressed.append(True))
    cancel = box.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    assert ok.text() == "创建" and cancel.text() == "取消"
    ok.click()
    assert pressed == [True]
    label = error_label()
    assert label.isHidden() and label.objectName() == "errorLabel"


def test_confirm_is_true_only_for_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    yes, no = QtWidgets.QMessageBox.StandardButton.Yes, QtWidgets.QMessageBox.StandardButton.No
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: yes)
    assert confirm(None, "删除", "删除吗？")
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: no)
    assert not confirm(None, "删除", "删除吗？")


def test_push_button_runs_its_action_and_shows_its_tip(qtbot) -> None:  # type: ignore[no-untyped-def]
    pressed: list[int] = []
    button = push_button("导入…", lambda: pressed.append(1), "从 Excel 导入")
    qtbot.addWidget(button)
    button.click()
    button.click()
    assert pressed == [1, 1] and button.text() == "导入…"
    assert button.toolTip() == "从 Excel 导入"
    assert push_button("关闭", lambda: None).toolTip() == ""


def test_ask_open_file_offers_excel_by_default_and_answers_a_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []
    answers = iter([str(tmp_path / "台账.xlsx"), ""])

    def dialog(_parent, _title, _dir, file_filter):  # type: ignore[no-untyped-def]
        asked.append(file_filter)
        return next(answers), ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", dialog)
    assert ask_open_file(None, "导入案件台账") == tmp_path / "台账.xlsx"
    assert ask_open_file(None, "选择备份文件", "数据库备份 (*.sqlite3)") is None
    assert asked == [EXCEL_OPEN_FILTER, "数据库备份 (*.sqlite3)"]
    assert "*.xlsx" in EXCEL_OPEN_FILTER


def test_ask_save_file_adds_the_missing_suffix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answers = iter([str(tmp_path / "通报"), str(tmp_path / "通报.DOCX"), ""])
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (next(answers), "")
    )
    assert ask_save_file(None, "另存为", tmp_path, "Word (*.docx)", ".docx") == (
        tmp_path / "通报.docx"
    )
    assert ask_save_file(None, "另存为", tmp_path, "Word (*.docx)", ".docx") == (
        tmp_path / "通报.DOCX"
    )
    assert ask_save_file(None, "另存为", tmp_path, "Word (*.docx)", ".docx") is None


def test_cells_read_back_with_empty_cells(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = QtWidgets.QTableWidget(2, 2)
    qtbot.addWidget(table)
    item = QtWidgets.QTableWidgetItem("甲")
    item.setData(Qt.ItemDataRole.UserRole, 7)
    table.setItem(0, 0, item)
    assert cell_texts(table) == [["甲", ""], ["", ""]]
    assert cell_data(table, 0) == 7 and cell_data(table, 1) is None
    splitter = side_by_side(QtWidgets.QWidget(), QtWidgets.QWidget(), (100, 300))
    qtbot.addWidget(splitter)
    assert splitter.count() == 2


def test_page_and_zoom_boxes_follow_the_view_and_drive_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = PageView()
    qtbot.addWidget(view)
    page_box, zoom_box = PageBox(view, 5), ZoomBox(view)
    qtbot.addWidget(page_box)
    qtbot.addWidget(zoom_box)
    assert page_box.maximum() == 5
    view.current_page_changed.emit(3)
    assert page_box.value() == 3
    view.zoom_changed.emit(1.8, "custom")
    assert zoom_box.currentText() == "180%"
    view.zoom_changed.emit(1.0, FIT_PAGE)
    assert zoom_box.currentText() == "适合页面"
    zoom_box.setEditText("150")
    zoom_box._on_typed()
    assert view.zoom == pytest.approx(1.5)


@dataclass
class Scope:
    team_mode: bool
    role: str
    name: str = ""


def test_roles_blind_for_a_team_reviewer_and_a_final_review_for_the_lead() -> None:
    reviewer = roles_for(Scope(True, "reviewer", "张三"), True, ["张三", "李四"], [], "张三")
    assert reviewer == [Role("评查人 张三", "张三")]
    lead = roles_for(Scope(True, "lead", "王五"), True, ["张三", "李四"], ["赵六"], "王五")
    assert [r.reviewer for r in lead] == ["张三", "李四", "王五"] and lead[-1].final
    single = roles_for(Scope(False, ""), False, [], ["赵六"], "王五")
    assert single == [Role("评查人", None)]
    named = roles_for(Scope(False, ""), True, ["张三"], ["赵六"], "王五")
    assert [r.reviewer for r in named] == ["赵六", "王五"]  # outside team mode: the campaign's


def test_stacked_holds_its_parts_top_to_bottom_without_margins(qtbot) -> None:  # type: ignore[no-untyped-def]
    label, table = QtWidgets.QLabel("甲"), QtWidgets.QTableWidget()
    row = QtWidgets.QHBoxLayout()
    holder = stacked(label, row, table, stretch_last=1)
    qtbot.addWidget(holder)
    layout = holder.layout()
    assert isinstance(layout, QtWidgets.QVBoxLayout)
    assert layout.contentsMargins().left() == 0 and layout.contentsMargins().top() == 0
    assert [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(3)] == [
        label,
        row,
        table,
    ]
    assert [layout.stretch(i) for i in range(3)] == [0, 0, 1]


def test_accept_unless_refused_keeps_a_refused_form_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QtWidgets.QDialog()
    qtbot.addWidget(dialog)
    line = error_label()

    def refuse() -> None:
        raise UserError("扣分不能超过该项分值。")

    accept_unless_refused(dialog, line, refuse)
    assert dialog.result() != QtWidgets.QDialog.DialogCode.Accepted
    assert line.text() == "扣分不能超过该项分值。" and not line.isHidden()
    accept_unless_refused(dialog, line, lambda: None)
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted


def test_closing_row_puts_the_buttons_left_and_close_right(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QtWidgets.QDialog()
    qtbot.addWidget(window)
    closed: list[bool] = []
    first, second = QtWidgets.QPushButton("新增…"), QtWidgets.QPushButton("删除")
    row = closing_row(lambda: closed.append(True), first, second)
    items = [row.itemAt(i) for i in range(row.count())]
    assert [i.widget() for i in items[:2]] == [first, second]
    assert items[2].spacerItem() is not None  # the stretch between
    close = items[3].widget()
    assert isinstance(close, QtWidgets.QPushButton) and close.text() == "关闭"
    close.click()
    assert closed == [True]


def test_split_row_keeps_left_and_right_apart(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = QtWidgets.QWidget()
    qtbot.addWidget(holder)
    run, accept, reject = (QtWidgets.QPushButton(t) for t in ("运行预检", "采纳", "不采纳"))
    row = split_row([run], [accept, reject])
    items = [row.itemAt(i) for i in range(row.count())]
    assert items[0].widget() is run
    assert items[1].spacerItem() is not None
    assert [i.widget() for i in items[2:]] == [accept, reject]


def test_form_rows_labels_each_field_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = QtWidgets.QWidget()
    qtbot.addWidget(holder)
    name, more = QtWidgets.QLineEdit(), QtWidgets.QLineEdit()
    row = QtWidgets.QHBoxLayout()
    form = form_rows(("活动名称：", name), ("", more), ("数据文件夹：", row))
    holder.setLayout(form)
    assert form.rowCount() == 3
    label = form.itemAt(0, QtWidgets.QFormLayout.ItemRole.LabelRole).widget()
    assert isinstance(label, QtWidgets.QLabel) and label.text() == "活动名称："
    assert form.itemAt(1, QtWidgets.QFormLayout.ItemRole.FieldRole).widget() is more
    assert form.itemAt(2, QtWidgets.QFormLayout.ItemRole.FieldRole).layout() is row
