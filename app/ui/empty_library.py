"""The page the main window shows while the library holds no dossier yet."""

from __future__ import annotations

from app.ui.qt import Qt, QtWidgets

EMPTY_TITLE = "案卷库还是空的"
EMPTY_HINT = (
    "可以先打开演示库（合成的扫描案卷，含已知问题，与您的案卷分开存放），熟悉评查流程；\n"
    "或导入本单位扫描好的案卷（PDF、JPG/TIFF 图片或图片文件夹）。"
)
BUILDING_TITLE = "正在生成演示案卷库……"
BUILDING_HINT = (
    "正在生成合成的扫描案卷，完成后即列在这里（约需一两分钟）；\n"
    "全文识别随后在后台进行，进度见窗口右下角的“任务”。"
)


class EmptyLibraryPage(QtWidgets.QWidget):
    """What a reviewer sees before any dossier is in the library."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        title = self.title = QtWidgets.QLabel(EMPTY_TITLE)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        hint = self.hint = QtWidgets.QLabel(EMPTY_HINT)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setObjectName("emptyHint")
        self.demo_button = QtWidgets.QPushButton("生成演示案卷库")
        self.import_button = QtWidgets.QPushButton("导入扫描案卷…")
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def set_building(self, building: bool) -> None:
        """While the demo library is built the page says so instead of "empty"."""
        self.title.setText(BUILDING_TITLE if building else EMPTY_TITLE)
        self.hint.setText(BUILDING_HINT if building else EMPTY_HINT)
        self.demo_button.setVisible(not building)
        self.import_button.setVisible(not building)
