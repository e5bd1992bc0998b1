"""Evidence regions in the scoring window: framing a deduction's region, drawing a new one.

With 框选证据 (Ctrl+R) on, a drag on a page opens the deduction form of the item selected in
the checklist with the page and region filled in (no item selected: the region waits for the
next 扣分); clicking a deduction frames its region on its page; 重新框选 draws a stored
deduction's region again. A mixin of ``ScoringWindow``: it works on the window's view,
checklist, deduction table and status bar, and keeps these steps out of the window's file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.review import evidence
from app.review.evidence import Region, normalise_region, read_region, region_label
from app.review.reviews import DeductionInfo, DeductionUpdate
from app.ui.qt import QtGui, QtWidgets

if TYPE_CHECKING:
    from app.review.reviews import ReviewService
    from app.ui.review.scoring_panel import ChecklistTree, DeductionDialog, DeductionTable
    from app.ui.taskman import TaskManager
    from app.ui.viewer.page_view import PageView


class EvidenceRegions:
    """Region drawing and framing; ``ScoringWindow`` provides the attributes declared here."""

    if TYPE_CHECKING:
        view: PageView
        tree: ChecklistTree
        deductions: DeductionTable
        reviews: ReviewService
        jobs: TaskManager
        region_action: QtGui.QAction
        leave_region: QtGui.QShortcut

        def statusBar(self) -> QtWidgets.QStatusBar: ...
        def deduct(
            self, item_id: str | None = None, region: Region | None = None
        ) -> DeductionDialog | None: ...
        def _write(self, title: str, op: Any, on_success: Any = None) -> None: ...
        def _stored(self, change: Any) -> None: ...

    def _init_regions(self) -> None:
        self.pending_region: Region | None = None  # drawn with no item chosen: for the next 扣分
        self.shown_evidence: int | None = None  # the deduction whose region the view frames
        self._redraw: DeductionInfo | None = None  # the deduction a region is re-drawn for
        self._region_mode_before = False

    def _window(self) -> QtWidgets.QWidget:
        assert isinstance(self, QtWidgets.QWidget)
        return self

    def show_deduction(self, deduction: DeductionInfo) -> None:
        """Go to a deduction's page and frame its evidence region (if it has one)."""
        self.shown_evidence = deduction.id
        region = read_region(deduction.region)
        if region is not None:
            self.view.show_evidence(region.page, (region.x0, region.y0, region.x1, region.y1))
            return
        self.view.clear_evidence()
        if deduction.page:
            self.view.go_to_page(deduction.page)

    def _show_evidence_of(self, deduction_id: int) -> None:
        self.shown_evidence = deduction_id
        self._sync_evidence()

    def _sync_evidence(self) -> None:
        """After the deductions were read again: the framed one may have changed or gone."""
        if self.shown_evidence is None:
            return
        shown = next((d for d in self.deductions.rows if d.id == self.shown_evidence), None)
        region = read_region(shown.region) if shown is not None else None
        if region is None:
            self.shown_evidence = None
            self.view.clear_evidence()
        else:
            fractions = (region.x0, region.y0, region.x1, region.y1)
            self.view.show_evidence(region.page, fractions, scroll=False)

    def _on_region_mode(self, on: bool) -> None:
        self.region_action.blockSignals(True)
        self.region_action.setChecked(on)
        self.region_action.blockSignals(False)
        self.leave_region.setEnabled(on)
        if on:
            if self._redraw is None:
                self.statusBar().showMessage(
                    "框选证据：在页面上拖出问题所在区域，松开后为所选评查项目扣分（Esc 退出）。"
                )
        elif self._redraw is not None:
            self._redraw = None
            self.statusBar().showMessage("已取消重新框选。", 5000)
        else:
            self.statusBar().clearMessage()

    def _on_region_drawn(self, page: int, x0: float, y0: float, x1: float, y1: float) -> None:
        try:
            region = normalise_region({"page": page, "x0": x0, "y0": y0, "x1": x1, "y1": y1})
        except UserError as exc:  # too thin a drag
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.shown_evidence = None
        self.view.show_evidence(page, (region.x0, region.y0, region.x1, region.y1), scroll=False)
        if self._redraw is not None:
            self._store_redrawn(self._redraw, region)
            return
        item_id = self.tree.current_item_id()
        if not item_id:
            self.pending_region = region
            self.statusBar().showMessage(
                f"{region_label(region)}。请在评查标准中选择评查项目后点“扣分…”，"
                "该区域将作为这条扣分的证据。"
            )
            return
        self.deduct(item_id, region=region)

    def redraw_region(self, deduction_id: int | None = None) -> None:
        """Draw the evidence region of a stored deduction again (one drag, then back)."""
        current = self._deduction(deduction_id)
        if current is None:
            return
        self._region_mode_before = self.view.region_mode
        self.view.set_region_mode(True)
        self._redraw = current
        if current.page:
            self.view.go_to_page(current.page)
        self.statusBar().showMessage(
            f"请在页面上拖出 {current.item_id} 这条扣分的证据区域（Esc 取消）。"
        )

    def _store_redrawn(self, current: DeductionInfo, region: Region) -> None:
        self._redraw = None
        if not self._region_mode_before:
            self.view.set_region_mode(False)
        # Framed at once; a refusal clears the frame again.
        self.shown_evidence = current.id

        def stored(change: Any) -> None:
            self._stored(change)
            self.statusBar().showMessage(f"{current.item_id}：{region_label(region)}。", 5000)

        def refused(message: str) -> None:
            self.shown_evidence = None
            self.view.clear_evidence()
            QtWidgets.QMessageBox.warning(self._window(), "框选证据区域", message)

        reviews = self.reviews
        self.jobs.run_op(
            self._window(),
            lambda: reviews.update_deduction(
                current.id,
                DeductionUpdate(page=region.page, region=region.as_json()),
                reviewer=current.reviewer,
            ),
            stored,
            on_failure=refused,
        )

    def clear_region(self, deduction_id: int | None = None) -> None:
        current = self._deduction(deduction_id)
        if current is None:
            return
        reviews = self.reviews
        self._write(
            "清除证据区域",
            lambda: reviews.update_deduction(
                current.id, DeductionUpdate(region=evidence.CLEAR), reviewer=current.reviewer
            ),
        )

    def _deduction(self, deduction_id: int | None) -> DeductionInfo | None:
        """The deduction meant: the given one, or the one chosen in the table."""
        if deduction_id is None:
            current = self.deductions.current_deduction()
            if current is None:
                self.statusBar().showMessage("请先在扣分记录中选择一条。", 5000)
            return current
        return next((d for d in self.deductions.rows if d.id == deduction_id), None)
