"""The campaign's comparison charts, one under another, each with its export button."""

from __future__ import annotations

from app.ui.documents.preview import ChartImage
from app.ui.parts import push_button
from app.ui.qt import Qt, QtGui, QtWidgets, Signal

CHART_WIDTH = 720


class ChartsView(QtWidgets.QScrollArea):
    """Shows :class:`ChartImage` items; asks for an export through ``export_requested``
    (a chart name, or ``""`` for all of them)."""

    export_requested = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._names: list[str] = []
        self.export_buttons: dict[str, QtWidgets.QPushButton] = {}
        self.export_all_button = push_button(
            "导出全部图表…",
            lambda: self.export_requested.emit(""),
            "将所有统计图以 PNG 和 SVG 格式保存到一个文件夹",
        )
        self.set_charts([])

    def set_charts(self, charts: list[ChartImage]) -> None:
        self.export_buttons = {}
        self._names = [c.name for c in charts]
        holder = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(holder)
        top = QtWidgets.QHBoxLayout()
        count = QtWidgets.QLabel(
            f"本次评查活动共有 {len(charts)} 幅对比图表。" if charts else "没有可绘制的图表。"
        )
        top.addWidget(count)
        top.addStretch(1)
        top.addWidget(self.export_all_button)
        self.export_all_button.setEnabled(bool(charts))
        layout.addLayout(top)
        for chart in charts:
            layout.addWidget(self._chart_box(chart))
        layout.addStretch(1)
        self.setWidget(holder)

    def _chart_box(self, chart: ChartImage) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox(chart.title)
        layout = QtWidgets.QVBoxLayout(box)
        pixmap = QtGui.QPixmap()
        pixmap.loadFromData(chart.png, "PNG")
        image = QtWidgets.QLabel()
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if pixmap.width() > CHART_WIDTH:
            pixmap = pixmap.scaledToWidth(CHART_WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.setPixmap(pixmap)
        layout.addWidget(image)
        button = QtWidgets.QPushButton("导出 PNG/SVG…")
        button.setToolTip(f"将“{chart.title}”保存为 PNG 和 SVG 图片")
        button.clicked.connect(lambda _=False, name=chart.name: self.export_requested.emit(name))
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        self.export_buttons[chart.name] = button
        return box

    def chart_names(self) -> list[str]:
        return list(self._names)
