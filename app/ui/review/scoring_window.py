"""The scoring window of one case in one campaign: the scan on the left, the checklist right.

Every edit is stored at once through ``ReviewService`` (there is nothing to "save"); the
score, grade and veto at the top are read back from the service after each change. The
viewer widgets are composed here the way ``dossier_window`` composes them.

Evidence regions: with 框选证据 (Ctrl+R) on, a drag on a page opens the deduction form of the
item selected in the checklist with the page and region filled in (no item selected: the
region waits for the next 扣分); clicking a deduction frames its region on its page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.changes import OpChanges
from app.errors import UserError
from app.review import evidence
from app.review.evidence import Region, normalise_region, read_region, region_label
from app.review.reviews import DeductionInfo
from app.services import Services
from app.tasks import TaskState
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.review.common import attempt, score_text
from app.ui.review.precheck_list import PrecheckList
from app.ui.review.reconcile_dialog import ReconcileDialog
from app.ui.review.scoring_panel import ChecklistTree, DeductionDialog, DeductionTable
from app.ui.taskman import TaskManager
from app.ui.viewer.page_view import CUSTOM, FIT_PAGE, FIT_WIDTH, PageView
from app.ui.viewer.render_worker import RenderWorker
from scoring.scores import ScoreResult, score_review

ZOOM_CHOICES = [("适合宽度", FIT_WIDTH), ("适合页面", FIT_PAGE)] + [
    (f"{p}%", p) for p in (50, 75, 100, 125, 150, 200)
]


@dataclass(frozen=True)
class Role:
    """Who is scoring: a reviewer of a double review, the lead (final review), or anyone."""

    label: str
    reviewer: str | None  # passed to the service calls
    final: bool = False


class ScoringWindow(QtWidgets.QMainWindow):
    """Writes run on the window's one writer (``TaskManager``); the score, the deductions
    and the pre-checks are read back when the app-wide change signal names this case."""

    def __init__(
        self,
        services: Services,
        campaign_id: int,
        case_id: int,
        jobs: TaskManager | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.services = services
        self.reviews = services.reviews
        self.campaign_id = campaign_id
        self.case_id = case_id
        self.campaign = services.campaigns.show(campaign_id)
        self.detail = services.cases.detail(case_id)
        # The one rule (app.review.checklist_choice) decides, as for deductions and statistics.
        self.checklist = services.reviews.checklist_for(campaign_id, case_id)
        self.jobs = jobs if jobs is not None else TaskManager(parent=self)
        self._own_jobs = jobs is None
        self.jobs.signals.changed.connect(self._on_changed)
        self.precheck_job: Any = None
        self.signoff_cleared = False
        self.lead = services.identity.name  # '' until named: signing then asks for a name
        self.scope = services.team.visibility(campaign_id, services.settings.reviewer_name)
        name = self.detail.case_no or self.detail.original_name
        self.setWindowTitle(f"{name} — 评分 — {self.campaign.name}")
        self.resize(1400, 880)

        self.worker = RenderWorker(self.detail.file_path, processes=2, parent=self)
        self.view = PageView()
        self.tree = ChecklistTree()
        self.deductions = DeductionTable()
        self.prechecks = PrecheckList()
        self.pending_region: Region | None = None  # drawn with no item chosen: for the next 扣分
        self.shown_evidence: int | None = None  # the deduction whose region the view frames
        self._redraw: DeductionInfo | None = None  # the deduction a region is being re-drawn for
        self._region_mode_before = False

        self._build_header()
        self._build_toolbar()
        self._build_panel()
        self.view.current_page_changed.connect(self._on_current_page)
        self.view.zoom_changed.connect(self._on_zoom)
        self.view.region_mode_changed.connect(self._on_region_mode)
        self.view.region_drawn.connect(self._on_region_drawn)
        self.view.set_document(self.worker, self.detail.pages)
        self.tree.set_checklist(self.checklist)
        self.refresh()
        self.refresh_prechecks()
        self._on_current_page(1)
        self.tree.setFocus()

    # ------------------------------------------------------------ building
    def _build_header(self) -> None:
        self.score_label = QtWidgets.QLabel()
        self.score_label.setObjectName("scoreLabel")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.score_label.setFont(font)
        self.signoff_label = QtWidgets.QLabel()
        self.signoff_label.setObjectName("signoffLabel")
        self.role_box = QtWidgets.QComboBox()
        for role in self._roles():
            self.role_box.addItem(role.label, role)
        self.role_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.reconcile_button = QtWidgets.QPushButton("差异核对…")
        self.reconcile_button.clicked.connect(self.open_reconcile)
        self.signoff_button = QtWidgets.QPushButton("签字确认")
        self.signoff_button.clicked.connect(self.sign_off)

        header = QtWidgets.QWidget()
        layout = QtWidgets.QHBoxLayout(header)
        layout.addWidget(self.score_label)
        layout.addSpacing(24)
        layout.addWidget(self.signoff_label)
        layout.addStretch(1)
        self.role_caption = QtWidgets.QLabel("评查人：")
        layout.addWidget(self.role_caption)
        layout.addWidget(self.role_box)
        layout.addWidget(self.reconcile_button)
        layout.addWidget(self.signoff_button)
        shown = self.campaign.double_review or self.scope.team_mode
        self.role_caption.setVisible(shown)
        self.role_box.setVisible(shown)
        self.header = header

    def _roles(self) -> list[Role]:
        """Whose review this window works on. Outside team mode: the one review, or in a
        double review each reviewer's and the lead's. In team mode a reviewer works only on
        their own review (blind); a lead sees the reviews of the people assigned to the case
        and, in a double review, writes the final one."""
        scope = self.scope
        assigned = self._assigned()
        if scope.team_mode and scope.role == "reviewer":
            return [Role(f"评查人 {scope.name}", scope.name)]
        if not self.campaign.double_review:
            if scope.team_mode and scope.role == "lead" and assigned:
                return [Role(f"评查人 {n}", n) for n in assigned]
            return [Role("评查人", None)]
        names = (
            (assigned if scope.team_mode else [])
            or self.campaign.reviewers
            or [self.services.identity.name]
        )
        roles = [Role(f"评查人 {n}".strip(), n or None) for n in names]
        roles.append(Role(f"组长 {self.lead}（最终结果）", self.lead, final=True))
        return roles

    def _assigned(self) -> list[str]:
        for entry in self.services.campaigns.cases(self.campaign_id):
            if entry.case_id == self.case_id:
                return list(entry.reviewers)
        return []

    def may_lead(self) -> bool:
        """Whether this person may reconcile and sign off: anybody until the campaign names
        leads, then only they (the service refuses the others; the buttons say so first)."""
        return not self.campaign.leads or self.scope.role == "lead"

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("查看")
        bar.setObjectName("scoringToolbar")
        bar.setMovable(False)
        bar.addAction("上一页", self.view.previous_page)
        bar.addAction("下一页", self.view.next_page)
        bar.addWidget(QtWidgets.QLabel(" 第 "))
        self.page_box = QtWidgets.QSpinBox()
        self.page_box.setRange(1, max(1, len(self.detail.pages)))
        self.page_box.setButtonSymbols(QtWidgets.QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setMinimumWidth(48)
        self.page_box.valueChanged.connect(self.view.go_to_page)
        bar.addWidget(self.page_box)
        bar.addWidget(QtWidgets.QLabel(f" / {len(self.detail.pages)} 页 "))
        bar.addSeparator()
        bar.addAction("缩小", self.view.zoom_out)
        self.zoom_box = QtWidgets.QComboBox()
        for label, value in ZOOM_CHOICES:
            self.zoom_box.addItem(label, value)
        self.zoom_box.activated.connect(self._on_zoom_choice)
        bar.addWidget(self.zoom_box)
        bar.addAction("放大", self.view.zoom_in)
        bar.addSeparator()
        self.region_action = bar.addAction("框选证据")
        self.region_action.setObjectName("regionAction")
        self.region_action.setCheckable(True)
        self.region_action.setShortcut(QtGui.QKeySequence("Ctrl+R"))
        self.region_action.setToolTip(
            "在页面上拖出问题所在区域，松开后为所选评查项目扣分（Ctrl+R；Esc 退出）"
        )
        self.region_action.toggled.connect(self.view.set_region_mode)
        self.leave_region = QtGui.QShortcut(QtGui.QKeySequence(Qt.Key.Key_Escape), self)
        self.leave_region.setEnabled(False)
        self.leave_region.activated.connect(lambda: self.view.set_region_mode(False))

    def _build_panel(self) -> None:
        self.deduct_button = QtWidgets.QPushButton("扣分…")
        self.deduct_button.setToolTip("对所选评查项目扣分（也可在项目上按回车或双击）")
        self.deduct_button.clicked.connect(lambda: self.deduct())
        self.edit_button = QtWidgets.QPushButton("修改…")
        self.edit_button.clicked.connect(lambda: self.edit_deduction())
        self.delete_button = QtWidgets.QPushButton("删除")
        self.delete_button.clicked.connect(lambda: self.delete_deduction())
        self.redraw_button = QtWidgets.QPushButton("重新框选")
        self.redraw_button.setToolTip("为所选扣分记录重新在页面上框选证据区域")
        self.redraw_button.clicked.connect(lambda: self.redraw_region())
        self.tree.deduct_requested.connect(self.deduct)
        self.deductions.chosen.connect(self.show_deduction)
        self.deductions.edit_requested.connect(self.edit_deduction)
        self.deductions.redraw_requested.connect(self.redraw_region)
        self.deductions.clear_region_requested.connect(self.clear_region)
        self.deductions.delete_requested.connect(self.delete_deduction)
        delete = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Delete, self.deductions)
        delete.activated.connect(lambda: self.delete_deduction())

        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.deduct_button)
        buttons.addStretch(1)
        buttons.addWidget(QtWidgets.QLabel("扣分记录："))
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.redraw_button)
        buttons.addWidget(self.delete_button)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        lower = QtWidgets.QWidget()
        lower_layout = QtWidgets.QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.deductions)
        split.addWidget(lower)
        split.setSizes([520, 260])

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(split, "评分")
        self.tabs.addTab(self.prechecks, "预检提示")
        self.prechecks.run_requested.connect(self.run_prechecks)
        self.prechecks.accept_requested.connect(self.accept_prechecks)
        self.prechecks.accept_one_requested.connect(lambda sid: self.accept_prechecks([sid]))
        self.prechecks.reject_requested.connect(self.reject_precheck)
        self.prechecks.page_requested.connect(self.view.go_to_page)

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([760, 640])
        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    # ------------------------------------------------------------ who is scoring
    def role(self) -> Role:
        return self.role_box.currentData()

    def set_role(self, reviewer: str | None, final: bool = False) -> None:
        for i in range(self.role_box.count()):
            role = self.role_box.itemData(i)
            if role.reviewer == reviewer and role.final == final:
                self.role_box.setCurrentIndex(i)
                return
        raise KeyError(reviewer)

    def _query_reviewer(self) -> str | None:
        """Whose review the window shows: the reviewer's own; for the lead the final one."""
        role = self.role()
        return None if role.final else role.reviewer

    def _has_final(self) -> bool:
        return bool(self.reviews.status(self.campaign_id, self.case_id)["final"])

    # ------------------------------------------------------------ showing
    def refresh(self) -> None:
        role = self.role()
        waiting = role.final and not self._has_final()
        if waiting:
            rows: list[DeductionInfo] = []
            result = score_review(self.checklist, [])
        else:
            reviewer = self._query_reviewer()
            rows = self.reviews.deductions(self.campaign_id, self.case_id, reviewer)
            result = self.reviews.score(self.campaign_id, self.case_id, reviewer)
        self.result: ScoreResult = result
        self.deductions.set_deductions(rows)
        self._sync_evidence()
        self.tree.set_score(self.checklist, result)
        text = score_text(result)
        if waiting:
            text = "尚未合并两位评查人的结果"
        self.score_label.setText(text)
        self.score_label.setStyleSheet("color: #b00020;" if result.vetoed else "")
        double = self.campaign.double_review
        self.reconcile_button.setVisible(double and role.final)
        self.signoff_button.setVisible(not double or role.final)
        leads = "、".join(self.campaign.leads)
        for button in (self.reconcile_button, self.signoff_button):
            button.setEnabled(self.may_lead())
            button.setToolTip("" if self.may_lead() else f"只有组长（{leads}）可以合并与签字确认")
        self._show_signoff()

    def _show_signoff(self) -> None:
        status = self.reviews.status(self.campaign_id, self.case_id)
        if status["signed_off"]:
            when = QtCore.QDateTime.fromString(status["signed_off_at"][:19], Qt.DateFormat.ISODate)
            when.setTimeZone(QtCore.QTimeZone.utc())
            self.signoff_label.setText(
                f"✔ 已签字确认（{status['signed_off_by']}，"
                f"{when.toLocalTime().toString('yyyy-MM-dd HH:mm')}）"
            )
            self.signoff_label.setStyleSheet("color: #1b7f3b;")
            self.signoff_cleared = False
        elif self.signoff_cleared or status.get("signoff_cleared"):
            self.signoff_label.setText("签字确认已因修改撤销，需组长重新签字确认")
            self.signoff_label.setStyleSheet("color: #c25e00;")
        else:
            self.signoff_label.setText("未签字确认")
            self.signoff_label.setStyleSheet("color: #555555;")

    def refresh_prechecks(self) -> None:
        self.prechecks.set_suggestions(self.services.precheck_suggestions(self.case_id))

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        """Read back when a write (here or in another window) touched this case."""
        if (changes.review or changes.checklists) and (
            changes.touches_case(self.case_id) and changes.touches_campaign(self.campaign_id)
        ):
            self.refresh()
            self.refresh_prechecks()

    def _stored(self, change: Any) -> None:
        """After a write of this window: note a cleared sign-off (the read-back follows the
        app-wide change signal)."""
        cleared = (
            change.get("signoff_cleared")
            if isinstance(change, dict)
            else getattr(change, "signoff_cleared", False)
        )
        if cleared:
            self.signoff_cleared = True
            self.statusBar().showMessage("修改后原签字确认已撤销，需重新签字确认。", 8000)

    def _write(self, title: str, op: Any, on_success: Any = None) -> None:
        """A write off the GUI thread on the one writer; a refusal is shown under ``title``."""

        def done(result: Any) -> None:
            self._stored(result)
            if on_success is not None:
                on_success(result)

        self.jobs.run_op(self, op, done, title=title)

    def _write_now(self, op: Any) -> Any:
        """A form's write: on the writer, waited for, so the form stays open on a refusal."""
        result = self.jobs.run_op_and_wait(op, initiator=self)
        self._stored(result)
        return result

    # ------------------------------------------------------------ deductions
    def deduct(
        self, item_id: str | None = None, region: Region | None = None
    ) -> DeductionDialog | None:
        """The deduction form for an item; ``region`` (or a region waiting for an item)
        fills in the page and the evidence region."""
        item_id = item_id or self.tree.current_item_id()
        if not item_id:
            self.statusBar().showMessage("请先在评查标准中选择一个评查项目。", 5000)
            return None
        self.tree.select_item(item_id)
        if region is None and self.pending_region is not None:
            region, self.pending_region = self.pending_region, None
        role = self.role()
        if not self.campaign.double_review and self._has_final():
            role = Role(role.label, None, final=True)  # signed off unscored: the lead's review
        stored: list[int | None] = []

        def submit(values: dict[str, Any]) -> None:
            change = self._write_now(
                lambda: self.reviews.deduct(
                    self.campaign_id,
                    self.case_id,
                    item_id,
                    values["count"],
                    values["reason"],
                    values["basis"],
                    values["page"],
                    values["region"],
                    reviewer=role.reviewer,
                    final=role.final,
                )
            )
            stored.append(change.deduction_id)

        dialog = DeductionDialog(
            self.checklist.item(item_id),
            len(self.detail.pages),
            self.view.current_page(),
            submit,
            parent=self,
            region=region,
        )
        dialog.exec()
        if region is not None:  # the drawn region was framed as a preview
            if stored and stored[-1] is not None:
                self._show_evidence_of(stored[-1])
            elif self.shown_evidence is None:
                self.view.clear_evidence()
        return dialog

    def edit_deduction(self, deduction_id: int | None = None) -> DeductionDialog | None:
        current = self._deduction(deduction_id)
        if current is None:
            return None

        def submit(values: dict[str, Any]) -> None:
            self._write_now(
                lambda: self.reviews.update_deduction(
                    current.id,
                    count=values["count"],
                    reason=values["reason"],
                    basis=values["basis"],
                    page=values["page"],
                    region=values["region"],
                    reviewer=current.reviewer,
                )
            )

        dialog = DeductionDialog(
            self.checklist.item(current.item_id),
            len(self.detail.pages),
            current.page,
            submit,
            existing=current,
            parent=self,
        )
        dialog.exec()
        return dialog

    def delete_deduction(self, deduction_id: int | None = None) -> None:
        current = self._deduction(deduction_id)
        if current is None:
            return
        answer = QtWidgets.QMessageBox.question(
            self,
            "删除扣分",
            f"删除 {current.item_id} 的这条扣分（{current.reason}）？",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        self._write(
            "删除扣分",
            lambda: self.reviews.delete_deduction(current.id, reviewer=current.reviewer),
        )

    # ------------------------------------------------------------ evidence regions
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
        else:
            if self._redraw is not None:
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
            QtWidgets.QMessageBox.warning(self, "框选证据区域", message)

        self.jobs.run_op(
            self,
            lambda: self.reviews.update_deduction(
                current.id, page=region.page, region=region.as_json(), reviewer=current.reviewer
            ),
            stored,
            on_failure=refused,
        )

    def clear_region(self, deduction_id: int | None = None) -> None:
        current = self._deduction(deduction_id)
        if current is None:
            return
        self._write(
            "清除证据区域",
            lambda: self.reviews.update_deduction(
                current.id, region=evidence.CLEAR, reviewer=current.reviewer
            ),
        )

    def _deduction(self, deduction_id: int | None) -> DeductionInfo | None:
        if deduction_id is None:
            current = self.deductions.current_deduction()
            if current is None:
                self.statusBar().showMessage("请先在扣分记录中选择一条。", 5000)
            return current
        return next((d for d in self.deductions.rows if d.id == deduction_id), None)

    # ------------------------------------------------------------ pre-checks
    def run_prechecks(self) -> None:
        services, case_id, checklist = self.services, self.case_id, self.checklist

        def work(_state: TaskState) -> int:
            return len(services.run_prechecks(case_id, checklist))

        self.prechecks.set_running(True)
        job = self.jobs.start(
            work, writes=True, changes=OpChanges(review=True).with_ids(None, case_id)
        )
        job.succeeded.connect(lambda n: self.statusBar().showMessage(f"预检完成：{n} 条提示", 5000))
        job.failed.connect(lambda msg: QtWidgets.QMessageBox.warning(self, "预检失败", msg))
        job.finished.connect(lambda: self.prechecks.set_running(False))
        self.precheck_job = job

    def accept_prechecks(self, only: list[int] | None = None) -> None:
        role = self.role()
        if role.final:
            QtWidgets.QMessageBox.information(
                self, "采纳预检提示", "预检提示由评查人采纳；组长请通过差异核对合并结果。"
            )
            return

        def accepted(result: Any) -> None:
            message = f"已采纳 {result['accepted']} 条预检提示为扣分"
            if result["skipped"]:
                message += f"；{len(result['skipped'])} 条所指项目不在本评查标准中，未采纳"
            self.statusBar().showMessage(message, 8000)

        self._write(
            "采纳预检提示",
            lambda: self.reviews.accept_prechecks(
                self.campaign_id, self.case_id, reviewer=role.reviewer, run_missing=False, only=only
            ),
            accepted,
        )

    def reject_precheck(self, suggestion_id: int) -> None:
        reason, ok = QtWidgets.QInputDialog.getText(
            self, "不采纳预检提示", "不采纳的理由（如：当事人书面放弃陈述申辩）："
        )
        if not ok:
            return
        reviewer = self.role().reviewer
        self._write(
            "不采纳预检提示",
            lambda: self.reviews.reject_precheck(suggestion_id, reason, reviewer=reviewer),
        )

    # ------------------------------------------------------------ double review and sign-off
    def open_reconcile(self) -> ReconcileDialog | None:
        differences = attempt(
            self, "差异核对", lambda: self.reviews.differences(self.campaign_id, self.case_id)
        )
        if differences is None:
            return None

        def submit(choices: dict[str, str | None]) -> None:
            self._write_now(
                lambda: self.reviews.reconcile(self.campaign_id, self.case_id, self.lead, choices)
            )

        dialog = ReconcileDialog(differences, submit, self)
        dialog.exec()
        return dialog

    def sign_off(self) -> None:
        lead = self.lead

        def signed(_change: Any) -> None:
            self.signoff_cleared = False
            self.statusBar().showMessage(f"{lead} 已签字确认", 5000)

        self._write(
            "签字确认", lambda: self.reviews.signoff(self.campaign_id, self.case_id, lead), signed
        )

    # ------------------------------------------------------------ viewer in step
    def _on_current_page(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)

    def _on_zoom(self, zoom: float, mode: str) -> None:
        self.zoom_box.blockSignals(True)
        index = self.zoom_box.findData(mode) if mode != CUSTOM else -1
        if index < 0:
            index = self.zoom_box.findData(round(zoom * 100))
        self.zoom_box.setCurrentIndex(index)
        self.zoom_box.blockSignals(False)

    def _on_zoom_choice(self, index: int) -> None:
        value = self.zoom_box.itemData(index)
        if isinstance(value, int):
            self.view.set_zoom(value / 100)
        else:
            self.view.set_zoom_mode(value)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop rendering (and the window's own jobs); safe to call twice."""
        self.worker.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
