"""Confirming a 待核实 fact: its candidate readings side by side, each with the crop of the
place it was read from; one click on a reading confirms it.

Why: a date under a seal is decided by looking at the scan, and the reviewer should not have
to hunt for the page. The crops render on the work pool (``TaskManager.run_query``), the
confirmation runs on the window's one writer through ``Services.confirm_fact`` (a correction
kept over re-OCR; the case's pre-checks re-run), and the app-wide change signal refreshes
the panels. A refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.casefiles.case_detail import FactInfo
from app.casefiles.corrections import FACT_LABELS
from app.casefiles.fact_crops import region_crops
from app.services import Services
from app.ui.qt import Qt, QtGui, QtWidgets
from app.ui.taskman import TaskManager
from app.ui.viewer.render_worker import to_qimage
from scoring.checklist import Checklist
from scoring.time_limits import format_cn_date

DOUBTFUL_STYLE = "color:#e65100;font-weight:bold"  # orange, and always with the word 待核实
CROP_WIDTH = 320  # pixels a crop is shown at most


def reading_text(name: str, value: Any) -> str:
    """A candidate value as the reviewer reads it (2024年7月27日, 8800 元); a place where
    nothing could be read (a date the seal hid entirely) says so."""
    if value is None or value == "":
        return "未能读出（可能被印章覆盖）"
    if name.startswith("date.") and isinstance(value, str):
        try:
            return format_cn_date(date.fromisoformat(value))
        except ValueError:
            return value
    if name == "fine_yuan":
        return f"{value} 元"
    return str(value)


class ReadingCard(QtWidgets.QGroupBox):
    """One candidate: the crop, the value, where it came from, and the button that picks it."""

    def __init__(self, number: int, name: str, reading: dict[str, Any]) -> None:
        super().__init__(f"读法 {number}")
        layout = QtWidgets.QVBoxLayout(self)
        self.image = QtWidgets.QLabel("正在载入原文……")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(200, 80)
        self.raw = reading.get("value")
        self.value = QtWidgets.QLabel(reading_text(name, self.raw))
        self.value.setStyleSheet("font-size:15px;font-weight:bold")
        details = [f"来源：{reading.get('source') or '识别结果'}"]
        if reading.get("page"):
            details.append(f"第 {reading['page']} 页")
        if isinstance(reading.get("confidence"), int | float):
            details.append(f"可信度 {float(reading['confidence']):.2f}")
        self.details = QtWidgets.QLabel("　".join(details))
        self.details.setWordWrap(True)
        self.choose = QtWidgets.QPushButton("采用此读法")
        self.choose.setToolTip("确认该要素取此值（作为人工更正保存，重新识别不会覆盖），并重新预检")
        self.choose.setEnabled(self.raw not in (None, ""))  # nothing to adopt: type the value
        for widget in (self.image, self.value, self.details, self.choose):
            layout.addWidget(widget)

    def set_image(self, image: QtGui.QImage | None) -> None:
        if image is None:
            self.image.setText("原文中没有这一页。")
            return
        pixmap = QtGui.QPixmap.fromImage(image)
        if pixmap.width() > CROP_WIDTH:
            pixmap = pixmap.scaledToWidth(CROP_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)


class ConfirmFactDialog(QtWidgets.QDialog):
    """Readings of fact ``name`` side by side; 采用此读法 or a typed value confirms it."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        case_id: int,
        name: str,
        fact: FactInfo,
        file_path: Path | None,
        *,
        checklist: Checklist | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.tasks, self.case_id, self.name = services, tasks, case_id, name
        self.checklist = checklist
        label = FACT_LABELS.get(name, name)
        self.setWindowTitle(f"核实{label}")
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QLabel(f"{label}　待核实")
        head.setStyleSheet(DOUBTFUL_STYLE)
        layout.addWidget(head)
        intro = QtWidgets.QLabel(
            "各处读到的值不一致或难以辨认（如印章覆盖）。请对照原文，点选正确的读法。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QtWidgets.QHBoxLayout()
        self.cards: list[ReadingCard] = []
        readings = list(fact.readings) or [
            {"value": fact.value, "page": fact.page, "region": fact.region, "source": ""}
        ]
        for number, reading in enumerate(readings, 1):
            card = ReadingCard(number, name, reading)
            card.choose.clicked.connect(lambda _=False, n=number: self.choose(n))
            self.cards.append(card)
            row.addWidget(card)
        self.use_stored_readings = bool(fact.readings)
        layout.addLayout(row)
        typed = QtWidgets.QHBoxLayout()
        self.value_edit = QtWidgets.QLineEdit()
        self.value_edit.setPlaceholderText("都不对？直接填写，例如 2024-07-27")
        self.type_button = QtWidgets.QPushButton("按填写的值确认")
        self.type_button.clicked.connect(self.confirm_typed)
        typed.addWidget(self.value_edit, 1)
        typed.addWidget(self.type_button)
        layout.addLayout(typed)
        self.message = QtWidgets.QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#b71c1c")
        layout.addWidget(self.message)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.crops_loaded = False
        if file_path is not None:
            wanted = [(int(r.get("page") or 0), r.get("region")) for r in readings]
            cases = services.cases
            tasks.run_query(
                lambda: region_crops(file_path, wanted, cases.page_rotations(case_id)),
                self._show_crops,
                self._crops_failed,
            )

    def _show_crops(self, images: list[Any]) -> None:
        for card, image in zip(self.cards, images, strict=False):
            card.set_image(to_qimage(image) if image is not None else None)
        self.crops_loaded = True

    def _crops_failed(self, message: str) -> None:
        for card in self.cards:
            card.image.setText("原文无法显示。")
        self.message.setText(message)

    def choose(self, number: int) -> None:
        if self.use_stored_readings:
            self._confirm(reading=number)
        else:
            self._confirm(value=str(self.cards[number - 1].raw or ""))

    def confirm_typed(self) -> None:
        self._confirm(value=self.value_edit.text())

    def _confirm(self, *, reading: int | None = None, value: str | None = None) -> None:
        services, case_id, name, checklist = self.services, self.case_id, self.name, self.checklist
        for card in self.cards:
            card.choose.setEnabled(False)
        self.tasks.run_op(
            self,
            lambda: services.confirm_fact(
                case_id, name, reading=reading, value=value, checklist=checklist
            ),
            on_success=lambda _r: self.accept(),
            on_failure=self._refused,
        )

    def _refused(self, message: str) -> None:
        self.message.setText(message)
        for card in self.cards:
            card.choose.setEnabled(True)
