"""The scoring window of one case in one campaign: the scan on the left, the checklist right.

Every edit is stored at once through ``ReviewService`` (there is nothing to "save"); the
score, grade and veto at the top are read back from the service after each change. The
viewer widgets are composed here the way ``dossier_window`` composes them. The window
assembles its parts and forwards intent: the header (``scoring_header``), the checklist and
pre-check side (``scoring_side``), the page and zoom boxes (``viewer.page_controls``) and the
evidence regions drawn on the pages (``evidence_regions``).
"""

from __future__ import annotations

from typing import Any

from app.changes import OpChanges
from app.review.evidence import Region
from app.review.reviews import DeductionInfo, DeductionUpdate
from app.services import Services
from app.tasks import TaskState
from app.ui.confirm_fact_dialog import ConfirmFactDialog
from app.ui.parts import confirm
from app.ui.qt import Qt, QtGui, QtWidgets
from app.ui.review.common import attempt
from app.ui.review.evidence_regions import EvidenceRegions
from app.ui.review.reconcile_dialog import ReconcileDialog
from app.ui.review.scoring_header import Role, ScoringHeader, roles_for
from app.ui.review.scoring_panel import DeductionDialog
from app.ui.review.scoring_side import ScoringSide
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager
from app.ui.viewer.page_controls import PageBox, ZoomBox
from app.ui.viewer.page_view import PageView
from app.ui.viewer.render_worker import RenderWorker
from app.ui.window_keys import ShutsDownOnClose, install_close_keys
from app.ui.work_windows import WorkWindow
from scoring.scores import ScoreResult, score_review

__all__ = ["Role", "ScoringWindow"]


class ScoringWindow(EvidenceRegions, ShutsDownOnClose, WorkWindow):
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
        super().__init__(jobs, parent)
        self.services = services
        self.reviews = services.reviews
        self.campaign_id = campaign_id
        self.case_id = case_id
        self.campaign = services.campaigns.show(campaign_id)
        self.detail = services.cases.detail(case_id)
        # The one rule (app.review.checklist_choice) decides, as for deductions and statistics.
        self.checklist = services.reviews.checklist_for(campaign_id, case_id)
        self.precheck_job: Any = None
        self.signoff_cleared = False
        self.scope = services.team.visibility(campaign_id, self.lead)
        name = self.detail.case_no or self.detail.original_name
        self.setWindowTitle(f"{name} — 评分 — {self.campaign.name}")
        fit_to_screen(self, 1400, 880)

        self.worker = RenderWorker(self.detail.file_path, processes=2, parent=self)
        self.view = PageView()
        self.side = ScoringSide()
        self.tree = self.side.tree
        self.deductions = self.side.deductions
        self.prechecks = self.side.prechecks
        self._init_regions()

        self._build_header()
        self._build_toolbar()
        self._build_panel()
        self.view.region_mode_changed.connect(self._on_region_mode)
        self.view.region_drawn.connect(self._on_region_drawn)
        self.view.set_document(self.worker, self.detail.pages)
        self.tree.set_checklist(self.checklist)
        self.refresh()
        self.refresh_prechecks()
        self.page_box.show_page(1)
        self.tree.setFocus()

    @property
    def lead(self) -> str:
        """The person at the machine, read at call time (a change of 我的身份 while the
        window is open names the new person); '' until named: signing then asks for a name."""
        return self.services.identity.name

    # ------------------------------------------------------------ building
    def _roles(self) -> list[Role]:
        return roles_for(
            self.scope,
            self.campaign.double_review,
            self._assigned() if self.scope.team_mode else [],
            self.campaign.reviewers,
            self.lead,
        )

    def _build_header(self) -> None:
        roles = self._roles()
        self.header = ScoringHeader(roles, self.campaign.double_review or self.scope.team_mode)
        self.score_label = self.header.score_label
        self.signoff_label = self.header.signoff_label
        self.role_box = self.header.role_box
        self.reconcile_button = self.header.reconcile_button
        self.signoff_button = self.header.signoff_button
        self.role_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.reconcile_button.clicked.connect(self.open_reconcile)
        self.signoff_button.clicked.connect(self.sign_off)

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
        self.page_box = PageBox(self.view, len(self.detail.pages))
        bar.addWidget(self.page_box)
        bar.addWidget(QtWidgets.QLabel(f" / {len(self.detail.pages)} 页 "))
        bar.addSeparator()
        bar.addAction("缩小", self.view.zoom_out)
        self.zoom_box = ZoomBox(self.view)
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
        self.close_keys = install_close_keys(self)  # Ctrl+W; Esc leaves the region mode
        self.leave_region = QtGui.QShortcut(QtGui.QKeySequence(Qt.Key.Key_Escape), self)
        self.leave_region.setEnabled(False)
        self.leave_region.activated.connect(lambda: self.view.set_region_mode(False))

    def _build_panel(self) -> None:
        side = self.side
        self.deduct_button = side.deduct_button
        self.edit_button = side.edit_button
        self.delete_button = side.delete_button
        self.redraw_button = side.redraw_button
        self.deduct_button.clicked.connect(lambda: self.deduct())
        self.edit_button.clicked.connect(lambda: self.edit_deduction())
        self.delete_button.clicked.connect(lambda: self.delete_deduction())
        self.redraw_button.clicked.connect(lambda: self.redraw_region())
        self.tree.deduct_requested.connect(self.deduct)
        self.deductions.chosen.connect(self.show_deduction)
        self.deductions.edit_requested.connect(self.edit_deduction)
        self.deductions.redraw_requested.connect(self.redraw_region)
        self.deductions.clear_region_requested.connect(self.clear_region)
        self.deductions.delete_requested.connect(self.delete_deduction)
        delete = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Delete, self.deductions)
        delete.activated.connect(lambda: self.delete_deduction())

        self.tabs = side
        self.prechecks.run_requested.connect(self.run_prechecks)
        self.prechecks.accept_requested.connect(self.accept_prechecks)
        self.prechecks.accept_one_requested.connect(lambda sid: self.accept_prechecks([sid]))
        self.prechecks.reject_requested.connect(self.reject_precheck)
        self.prechecks.page_requested.connect(self.view.go_to_page)
        self.prechecks.confirm_requested.connect(self.confirm_fact)

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(side)
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
        return self.header.role()

    def set_role(self, reviewer: str | None, final: bool = False) -> None:
        self.header.set_role(reviewer, final)

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
        self.header.show_score(result, waiting)
        leads = "、".join(self.campaign.leads)
        self.header.show_lead_buttons(
            self.campaign.double_review, role.final, self.may_lead(), leads
        )
        self._show_signoff()

    def _show_signoff(self) -> None:
        status = self.reviews.status(self.campaign_id, self.case_id)
        self.signoff_cleared = self.header.show_signoff(status, self.signoff_cleared)

    def refresh_prechecks(self) -> None:
        self.prechecks.set_suggestions(self.services.precheck_suggestions(self.case_id))

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        """Read back when a write (here or in another window) touched this case; a change
        of 我的身份 renames the lead's role and re-reads what this person may see."""
        if changes.settings:
            self.scope = self.services.team.visibility(self.campaign_id, self.lead)
            self.header.set_roles(self._roles())
            self.refresh()
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
                    current.id, DeductionUpdate(**values), reviewer=current.reviewer
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
        if not confirm(
            self, "删除扣分", f"删除 {current.item_id} 的这条扣分（{current.reason}）？"
        ):
            return
        self._write(
            "删除扣分",
            lambda: self.reviews.delete_deduction(current.id, reviewer=current.reviewer),
        )

    # ------------------------------------------------------------ pre-checks
    def confirm_fact(self, name: str) -> ConfirmFactDialog | None:
        """The readings dialog of a 需核实 item's fact; confirming re-runs the pre-checks
        against this campaign's checklist."""
        fact = self.services.cases.detail(self.case_id).facts.get(name)
        if fact is None:
            return None
        self.confirm_dialog = ConfirmFactDialog(
            self.services, self.jobs, self.case_id, name, fact, self.detail.file_path,
            checklist=self.checklist, parent=self,
        )  # fmt: skip
        self.confirm_dialog.open()
        return self.confirm_dialog

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
            if result.get("needs_check"):
                message += f"；{len(result['needs_check'])} 条需核实，请先确认所依据的要素"
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

    def shutdown(self) -> None:
        """Stop rendering (and the window's own jobs); safe to call twice."""
        self.worker.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
