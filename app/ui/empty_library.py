"""The page the main window shows while the library holds no dossier yet."""

from __future__ import annotations

from app.ui.qt import Qt, QtWidgets


class EmptyLibraryPage(QtWidgets.QWidget):
    """What a reviewer sees before any dossier is in the library."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        title = QtWidgets.QLabel("案卷库还是空的")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        hint = QtWidgets.QLabel(
            "可以先打开演示库（合成的扫描案卷，含已知问题，与您的案卷分开存放），熟悉评查流程；\n"
            "或导入本单位扫描好的案卷（PDF、JPG/TIFF 图片或图片文件夹）。"
        )
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
