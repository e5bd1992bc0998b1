"""The 评查活动 window: campaigns, their catalogue and draw, and the table of their cases.

Thin: every change goes through ``CampaignService``/``ReviewService``; a double-click on a
case opens its scoring window, whose edits refresh the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.casefiles.library import KIND_LABELS
from app.changes import OpChanges, OpResult
from app.errors import UserError
from app.review.campaigns import KIND_LABELS as CAMPAIGN_KINDS
from app.review.campaigns import CampaignInfo, CaseEntry
from app.services import Services
from app.ui.parts import ask_open_file, push_button, side_by_side, stacked
from app.ui.qt import Qt, QtGui, QtWidgets
from app.ui.review.campaign_dialogs import AddCasesDialog, CreateCampaignDialog, SampleDialog
from app.ui.review.common import ask_identity, attempt, table_item
from app.ui.review.scoring_window import ScoringWindow
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager
from app.ui.work_windows import WorkWindow
from scoring.checklist import fmt_points

CASE_COLUMNS = ["案号", "执法单位", "类型", "评查人", "评查状态", "得分", "等次", "否决"]
VETO_COLUMN = CASE_COLUMNS.index("否决")
ROLE_LABELS = {"reviewer": "评查人", "lead": "组长"}


class CampaignWindow(WorkWindow):
    def __init__(
        self,
        services: Services,
        jobs: TaskManager | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(jobs, parent)
        self.setWindowTitle("评查活动")
        fit_to_screen(self, 1180, 720)
        self.services = services
        self.scoring_windows: dict[tuple[int, int], ScoringWindow] = {}

        self.campaign_list = QtWidgets.QListWidget()
        self.campaign_list.currentItemChanged.connect(lambda *_: self.show_campaign())
        self.new_button = push_button("新建评查活动…", self.new_campaign)
        left = stacked(QtWidgets.QLabel("评查活动"), self.campaign_list, self.new_button)

        self.info_label = QtWidgets.QLabel("请在左侧选择或新建一个评查活动。")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = push_button("导入案件台账…", self.import_catalogue)
        self.sample_button = push_button("随机抽取…", self.draw_sample)
        self.add_button = push_button("添加案卷…", self.add_cases)
        self.team_button = push_button(
            "评查组与分工…", self.open_team, "设定评查人和组长，把案卷分配给评查人"
        )
        self.identity_label = QtWidgets.QLabel()
        self.identity_label.setObjectName("identityLabel")
        self.identity_button = QtWidgets.QPushButton("更改身份…")
        self.identity_button.setToolTip(
            "本机使用者的姓名：写入审计记录，并决定分工后能看到哪些案卷"
        )
        self.identity_button.clicked.connect(self.change_identity)
        self.visibility_label = QtWidgets.QLabel()
        self.visibility_label.setObjectName("visibilityLabel")
        self.visibility_label.setWordWrap(True)
        self.visibility_label.setStyleSheet("color: #8a5a00;")
        self.visibility_label.hide()
        self.open_button = push_button(
            "评分", lambda: self.open_scoring(), "打开所选案卷的评分窗口（也可双击案卷）"
        )
        self.documents_button = push_button(
            "文书与报表…",
            self.open_documents,
            "预览并保存本活动的监督意见书、评查表、通报、汇总表和图表",
        )
        actions = QtWidgets.QHBoxLayout()
        for button in (self.import_button, self.sample_button, self.add_button, self.team_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.documents_button)

        self.cases_table = QtWidgets.QTableWidget(0, len(CASE_COLUMNS))
        self.cases_table.setHorizontalHeaderLabels(CASE_COLUMNS)
        self.cases_table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.cases_table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.cases_table.verticalHeader().setVisible(False)
        self.cases_table.horizontalHeader().setStretchLastSection(True)
        self.cases_table.setAlternatingRowColors(True)
        self.cases_table.cellActivated.connect(lambda row, _col: self.open_scoring(row))
        self.cases_table.cellDoubleClicked.connect(lambda row, _col: self.open_scoring(row))

        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        identity = QtWidgets.QHBoxLayout()
        identity.addWidget(self.info_label, 1)
        identity.addWidget(self.identity_label, 0, Qt.AlignmentFlag.AlignTop)
        identity.addWidget(self.identity_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(identity)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.visibility_label)
        right_layout.addWidget(self.cases_table)

        self.setCentralWidget(side_by_side(left, right, (280, 900)))
        self.refresh()

    # ------------------------------------------------------------ campaigns
    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.campaign_id()
        self.campaign_list.blockSignals(True)
        self.campaign_list.clear()
        for info in self.services.campaigns.list():
            item = QtWidgets.QListWidgetItem(
                f"{info.name}\n{CAMPAIGN_KINDS.get(info.kind, info.kind)} · {info.period}"
                f" · {info.cases} 卷"
            )
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.campaign_list.addItem(item)
            if info.id == current:
                self.campaign_list.setCurrentItem(item)
        if self.campaign_list.currentItem() is None and self.campaign_list.count():
            self.campaign_list.setCurrentRow(self.campaign_list.count() - 1)
        self.campaign_list.blockSignals(False)
        self.show_campaign()

    def campaign_id(self) -> int | None:
        item = self.campaign_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select_campaign(self, campaign_id: int) -> None:
        self.refresh(select=campaign_id)

    def show_campaign(self) -> None:
        campaign_id = self.campaign_id()
        buttons = (
            self.import_button,
            self.sample_button,
            self.add_button,
            self.team_button,
            self.open_button,
        )
        for button in buttons:
            button.setEnabled(campaign_id is not None)
        self.identity_label.setText(self._identity_text(campaign_id))
        self.documents_button.setEnabled(campaign_id is not None)
        if campaign_id is None:
            self.info_label.setText("还没有评查活动。点击“新建评查活动…”开始。")
            self.cases_table.setRowCount(0)
            return
        info = self.services.campaigns.show(campaign_id)
        self.info_label.setText(self._info_text(info))
        self.refresh_cases()

    @staticmethod
    def _info_text(info: CampaignInfo) -> str:
        checklists = "、".join(f"{c['name']}（{c['version']}版）" for c in info.checklists) or "—"
        parts = [
            f"<b>{info.name}</b>　{CAMPAIGN_KINDS.get(info.kind, info.kind)}　评查期间 {info.period}",
            f"评查标准：{checklists}",
            f"执法单位：{'、'.join(info.departments) or '不限'}",
            f"评查人：{'、'.join(info.reviewers) or '未指定'}"
            + (f"　组长：{'、'.join(info.leads)}" if info.leads else "")
            + ("　<b>双人评查</b>" if info.double_review else "")
            + ("　<b>已分工</b>" if info.team_mode else ""),
            f"案件台账 {info.catalogue_rows} 行　评查案卷 {info.cases} 卷"
            + (f"　随机种子 {info.seed}" if info.seed is not None else ""),
        ]
        return "<br>".join(parts)

    def new_campaign(self) -> None:
        dialog = CreateCampaignDialog(self.services, parent=self, tasks=self.jobs)
        if dialog.exec() and dialog.created is not None:
            self.select_campaign(dialog.created.id)
            self.statusBar().showMessage(f"已新建评查活动“{dialog.created.name}”", 5000)

    # ------------------------------------------------------------ catalogue and cases
    def import_catalogue(self) -> None:
        campaign_id = self.campaign_id()
        if campaign_id is None:
            return
        path = ask_open_file(self, "导入案件台账")
        if path is None:
            return
        from app.ui.review.catalogue_dialog import CatalogueImportDialog

        dialog = attempt(
            self,
            "导入案件台账失败",
            lambda: CatalogueImportDialog(
                self.services, campaign_id, path, parent=self, tasks=self.jobs
            ),
        )
        if dialog is None or not dialog.exec() or dialog.result_info is None:
            return
        result = dialog.result_info
        text = f"已从“{result.sheet}”导入 {result.rows} 行，其中 {result.linked} 卷已在案卷库中。"
        if result.skipped:
            text += f"\n跳过 {len(result.skipped)} 行：\n" + "\n".join(result.skipped[:10])
        QtWidgets.QMessageBox.information(self, "导入案件台账", text)
        self.show_campaign()

    def draw_sample(self) -> None:
        campaign_id = self.campaign_id()
        if campaign_id is None:
            return
        dialog = SampleDialog(self.services.campaigns.show(campaign_id).seed, self)
        if not dialog.exec():
            return
        per, seed = dialog.per_department.value(), dialog.seed_box.value()
        campaigns = self.services.campaigns
        self._add_to_sample(
            campaign_id,
            "随机抽取",
            lambda: campaigns.sample(campaign_id, per, seed),
            lambda n: (f"随机种子 {seed}：抽取 {n} 卷", 8000),
        )

    def add_cases(self) -> None:
        campaign_id = self.campaign_id()
        if campaign_id is None:
            return
        present = {e.case_id for e in self.services.campaigns.cases(campaign_id) if e.case_id}
        dialog = AddCasesDialog(self.services, present, self)
        if not dialog.exec() or not dialog.chosen():
            return
        chosen, campaigns = dialog.chosen(), self.services.campaigns
        self._add_to_sample(
            campaign_id,
            "添加案卷",
            lambda: campaigns.add_cases(campaign_id, chosen),
            lambda n: (f"已添加 {n} 卷", 5000),
        )

    def _add_to_sample(
        self,
        campaign_id: int,
        title: str,
        write: Callable[[], OpResult[Any]],
        said: Callable[[int], tuple[str, int]],
    ) -> None:
        """Run a write that adds cases to the campaign on the writer; then the table again
        and the status line ``said`` of how many were added (text, milliseconds shown)."""

        def done(result: OpResult[Any]) -> None:
            self.refresh(select=campaign_id)
            self.statusBar().showMessage(*said(len(result.value)))

        self.jobs.run_op(self, write, done, title=title)

    def refresh_cases(self) -> None:
        campaign_id = self.campaign_id()
        if campaign_id is None:
            return
        viewer = self.viewer()
        entries = self.services.campaigns.cases(campaign_id, viewer=viewer)
        scope = self.services.team.visibility(campaign_id, viewer)
        self.visibility_label.setText(scope.note)
        self.visibility_label.setVisible(bool(scope.note))
        library = {c.id: c for c in self.services.library.list_cases()}
        self.cases_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            summary = library.get(entry.case_id) if entry.case_id else None
            case_no = entry.case_no or (summary.file_name if summary else "—")
            kind = KIND_LABELS.get(summary.kind or "", "类型未定") if summary else "—"
            state, score, grade, veto = self._review_columns(campaign_id, entry)
            people = "、".join(entry.reviewers) or "—"
            cells = [case_no, entry.department or "—", kind, people, state, score, grade, veto]
            for col, text in enumerate(cells):
                item = table_item(text, entry.case_id)
                if col == VETO_COLUMN and veto:
                    item.setForeground(QtGui.QColor("#b00020"))
                self.cases_table.setItem(row, col, item)
        self.cases_table.resizeColumnsToContents()

    def _review_columns(self, campaign_id: int, entry: CaseEntry) -> tuple[str, str, str, str]:
        if entry.case_id is None:
            return "案卷库中无卷宗", "", "", ""
        reviews = self.services.reviews
        try:
            status = reviews.status(campaign_id, entry.case_id)
        except UserError as exc:
            return str(exc)[:40], "", "", ""
        if not status["reviewers"] and not status["final"]:
            return "未评查", "", "", ""
        if status["signed_off"]:
            state = "已签字确认"
        elif status["double_review"] and not status["final"]:
            return f"评查中（{len(status['reviewers'])} 人已评）", "待合并", "", ""
        elif status["double_review"]:
            state = "已合并，待签字"
        else:
            state = "已评分，待签字"
        try:
            result = reviews.score(campaign_id, entry.case_id)
        except UserError:
            return state, "", "", ""
        veto = "否决" if result.vetoed else ""
        return state, fmt_points(result.total), result.grade, veto

    # ------------------------------------------------------------ who is working
    def viewer(self) -> str:
        return (self.services.settings.reviewer_name or "").strip()

    def _identity_text(self, campaign_id: int | None) -> str:
        name = self.viewer()
        if not name:
            return "当前身份：未填写姓名"
        if campaign_id is None:
            return f"当前身份：{name}"
        role = self.services.team.visibility(campaign_id, name).role
        return f"当前身份：{name}（{ROLE_LABELS.get(role or '', '不在评查组')}）"

    def change_identity(self) -> None:
        ask_identity(self, self.services, self.jobs, self.campaign_id())

    def identity_changed(self) -> None:
        """Another person now works here: scoring windows opened as the previous one close
        (every edit is already saved) and the cases shown follow the new person's part."""
        if self.scoring_windows:
            self.close_all()
            self.statusBar().showMessage("身份已更改，已关闭之前打开的评分窗口。", 8000)
        self.show_campaign()

    def open_team(self) -> QtWidgets.QDialog | None:
        from app.ui.review.team_dialog import TeamDialog

        return self._show_for_campaign(
            lambda campaign_id: TeamDialog(self.services, campaign_id, parent=self, tasks=self.jobs)
        )

    def _show_for_campaign(
        self, make: Callable[[int], QtWidgets.QDialog]
    ) -> QtWidgets.QDialog | None:
        """A dialog about the chosen campaign (none chosen: nothing), gone once closed."""
        campaign_id = self.campaign_id()
        if campaign_id is None:
            return None
        dialog = make(campaign_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        """Follow stored changes of the campaign shown: its team and cases, their scores;
        and a change of who works here (settings)."""
        if changes.settings:
            self.identity_changed()
            return
        shown = self.campaign_id()
        if shown is None or not changes.touches_campaign(shown):
            return
        if changes.campaign:
            self.show_campaign()
        elif changes.review or changes.library:
            self.refresh_cases()

    def case_at(self, row: int) -> int | None:
        item = self.cases_table.item(row, 0)
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(data) if data is not None else None

    # ------------------------------------------------------------ scoring
    def open_scoring(self, row: int | None = None) -> ScoringWindow | None:
        campaign_id = self.campaign_id()
        row = self.cases_table.currentRow() if row is None else row
        if campaign_id is None or row < 0:
            return None
        case_id = self.case_at(row)
        if case_id is None:
            QtWidgets.QMessageBox.information(
                self, "评分", "这一案件还没有扫描案卷，请先导入其卷宗（案号相同即自动关联）。"
            )
            return None
        key = (campaign_id, case_id)
        window = self.scoring_windows.get(key)
        # A score is somebody's: ask who before any is recorded as 未填写姓名.
        if (
            window is None
            and not self.services.identity.known
            and not ask_identity(self, self.services, self.jobs, campaign_id)
        ):
            self.statusBar().showMessage("评分前请先选择您的身份（评查人姓名）。", 8000)
            return None
        if window is None:
            try:
                window = ScoringWindow(self.services, campaign_id, case_id, self.jobs, self)
            except UserError as exc:
                QtWidgets.QMessageBox.warning(self, "无法评分", str(exc))
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.scoring_windows.pop(key, None))
            self.scoring_windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # ------------------------------------------------------------ papers
    def open_documents(self) -> QtWidgets.QDialog | None:
        from app.ui.documents.documents_dialog import DocumentsDialog

        return self._show_for_campaign(
            lambda campaign_id: DocumentsDialog(
                self.services, campaign_id, parent=self, tasks=self.jobs
            )
        )

    def close_all(self) -> None:
        for window in list(self.scoring_windows.values()):
            window.close()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.close_all()
        if self._own_jobs:
            self.jobs.shutdown()
        super().closeEvent(event)
