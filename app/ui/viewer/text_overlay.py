"""The OCR text over the scan: which lines a page has, which ones the reviewer selected.

A reviewer drags a rectangle over the scan and copies the lines inside it (Ctrl+C), the
simple, robust form of "selectable text over an image". The lines come from
``CaseDetailService.page_text`` through a provider function and are fetched only for pages
that are shown while the text layer is on. No Qt here: the page view maps the drag to page
points and asks this layer.
"""

from __future__ import annotations

from collections.abc import Callable

from app.casefiles.case_detail import OcrLine
from app.ui.viewer.geometry import Box, selected_line_indexes

LineProvider = Callable[[int], list[OcrLine]]


class TextLayer:
    def __init__(self, provider: LineProvider | None = None) -> None:
        self.provider = provider
        self.enabled = False
        self._lines: dict[int, list[OcrLine]] = {}
        self._boxes: dict[int, list[Box]] = {}
        self.selection: dict[int, list[int]] = {}  # page → line indexes, in line order

    def lines(self, page: int) -> list[OcrLine]:
        if page not in self._lines:
            lines = self.provider(page) if self.provider else []
            self._lines[page] = lines
            self._boxes[page] = [Box.from_points(line.box) for line in lines]
        return self._lines[page]

    def boxes(self, page: int) -> list[Box]:
        self.lines(page)
        return self._boxes[page]

    def forget(self, page: int | None = None) -> None:
        """Drop cached lines (after OCR ran again) of one page or of all."""
        if page is None:
            self._lines.clear()
            self._boxes.clear()
        else:
            self._lines.pop(page, None)
            self._boxes.pop(page, None)

    def select(self, bands: dict[int, Box]) -> None:
        """Select the lines under a drag that crossed these pages (page → band in points)."""
        self.selection = {}
        for page, band in sorted(bands.items()):
            chosen = selected_line_indexes(self.boxes(page), band)
            if chosen:
                self.selection[page] = chosen

    def clear_selection(self) -> None:
        self.selection = {}

    def selected_text(self) -> str:
        parts: list[str] = []
        for page in sorted(self.selection):
            lines = self.lines(page)
            parts.extend(lines[i].text for i in self.selection[page])
        return "\n".join(parts)
