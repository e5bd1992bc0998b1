"""Searching inside one dossier from the viewer's toolbar: a field, 上一个/下一个, "n / m".

The hits come from ``app.casefiles.search.search`` limited to this case file (the window
hands the bar that search, so the bar needs nothing else of the services); each step hands a
hit out through ``hit_selected`` and the window highlights its boxes on the scan.
"""

from __future__ import annotations

from collections.abc import Callable

from app.casefiles.search import SearchHit, SearchQueryError
from app.ui.qt import QtWidgets, Signal


class FindBar(QtWidgets.QWidget):
    """Steps through the hits of ``search_dossier(query)`` (the search limited to the one
    dossier the window shows), starting from ``current_page()``."""

    hit_selected = Signal(object)  # SearchHit

    def __init__(
        self,
        search_dossier: Callable[[str], list[SearchHit]],
        current_page: Callable[[], int],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search_dossier = search_dossier
        self.current_page = current_page
        self.hits: list[SearchHit] = []
        self.position = -1
        self._query: str | None = None

        self.edit = QtWidgets.QLineEdit()
        self.edit.setPlaceholderText("在本卷中检索（Ctrl+F）")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(180)
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(self._on_text_changed)
        self.count_label = QtWidgets.QLabel("")
        self.count_label.setMinimumWidth(64)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.count_label)

    def _on_text_changed(self, _text: str) -> None:
        self._query = None
        self.hits = []
        self.position = -1
        self.count_label.setText("")

    def _ensure_hits(self) -> bool:
        text = self.edit.text()
        if self._query == text:
            return bool(self.hits)
        self._query = text
        self.position = -1
        try:
            self.hits = self.search_dossier(text)
        except SearchQueryError as exc:
            self.hits = []
            self.count_label.setText("")
            self.setToolTip(str(exc))
            self.count_label.setToolTip(str(exc))
            self.count_label.setText("请输入检索词")
            return False
        if not self.hits:
            self.count_label.setText("没有找到")
            return False
        return True

    def find_next(self) -> SearchHit | None:
        return self._step(1)

    def find_previous(self) -> SearchHit | None:
        return self._step(-1)

    def _step(self, delta: int) -> SearchHit | None:
        if not self._ensure_hits():
            return None
        if self.position < 0:
            # Start from the page the reader is on.
            page = self.current_page()
            if delta > 0:
                after = [i for i, h in enumerate(self.hits) if h.page >= page]
                self.position = after[0] if after else 0
            else:
                before = [i for i, h in enumerate(self.hits) if h.page <= page]
                self.position = before[-1] if before else len(self.hits) - 1
        else:
            self.position = (self.position + delta) % len(self.hits)
        hit = self.hits[self.position]
        self.count_label.setText(f"{self.position + 1} / {len(self.hits)}")
        self.hit_selected.emit(hit)
        return hit
