"""评查组与分工: the campaign's reviewers and leads, and which reviewer scores which case.

Each button is one service call, saved at once (there is no "apply"); a refusal is shown and
nothing changes. Assigning the first case puts the campaign in team mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Unpack

from app.changes import OpResult
from app.review.campaigns import CampaignInfo
from app.services import Services
from app.ui.parts import cell_data, confirm, push_button
from app.ui.qt import QtWidgets
from app.ui.review.common import split_names, table_item
from app.ui.work_windows import Opener, WorkDialog

COLUMNS = ["案号", "执法单位", "评查人"]


class TeamDialog(WorkDialog):
    """Writes run on the window's one writer; the campaign window follows the app-wide
    change signal (``campaign`` for this campaign)."""

    def __init__(self, services: Services, campaign_id: int, **opener: Unpack[Opener]) -> None:
        super().__init__("评查组与分工", (760, 620), **opener)
        self.services = services
        self.campaign_id = campaign_id
        info = services.campaigns.show(campaign_id)

        self.reviewers_edit = QtWidgets.QLineEdit("、".join(info.reviewers))
        self.reviewers_edit.setPlaceholderText("评查人姓名，多个以顿号分隔")
        self.leads_edit = QtWidgets.QLineEdit("、".join(info.leads))
        self.leads_edit.setPlaceholderText("组长姓名（负责分工、合并与签字确认）")
        self.save_team_button = push_button("保存评查组", self.save_team)
        form = QtWidgets.QFormLayout()
        form.addRow("评查人：", self.reviewers_edit)
        form.addRow("组长：", self.leads_edit)
        team_row = QtWidgets.QHBoxLayout()
        self.members_label = QtWidgets.QLabel()
        self.members_label.setWordWrap(True)
        team_row.addWidget(self.members_label, 1)
        team_row.addWidget(self.save_team_button)

        self.mode_label = QtWidgets.QLabel()
        self.mode_label.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)

        self.person_boxes = [QtWidgets.QComboBox() for _ in range(2 if info.double_review else 1)]
        self.assign_button = push_button("分配所选案卷", self.assign_selected)
        self.auto_button = push_button("平均分配未分配的案卷", self.auto_assign)
        self.clear_button = push_button("取消全部分工", self.clear_assignments)
        assign_row = QtWidgets.QHBoxLayout()
        assign_row.addWidget(QtWidgets.QLabel("分配给："))
        for box in self.person_boxes:
            assign_row.addWidget(box)
        assign_row.addWidget(self.assign_button)
        assign_row.addStretch(1)
        assign_row.addWidget(self.auto_button)
        assign_row.addWidget(self.clear_button)

        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.button(QtWidgets.QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        group = QtWidgets.QGroupBox("评查组")
        group_layout = QtWidgets.QVBoxLayout(group)
        group_layout.addLayout(form)
        group_layout.addLayout(team_row)
        layout.addWidget(group)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(assign_row)
        layout.addWidget(close)
        self.refresh()

    # ------------------------------------------------------------ reading
    def info(self) -> CampaignInfo:
        return self.services.campaigns.show(self.campaign_id)

    def refresh(self) -> None:
        info = self.info()
        members = self.services.team.members(self.campaign_id)
        self.members_label.setText(
            "；".join(
                f"{m.name}（{'组长' if m.role == 'lead' else '评查人'}）"
                + ("" if m.role == "lead" else f" 分配 {m.assigned} 卷，已评 {m.scored} 卷")
                for m in members
            )
            or "尚未设定评查组。"
        )
        each = "两名评查人背靠背评分" if info.double_review else "一名评查人评分"
        self.mode_label.setText(
            f"已分工：每卷由{each}，评查人只看到分配给自己的案卷，组长看到全部。"
            if info.team_mode
            else f"尚未分工：所有人都能看到全部案卷。分配案卷后，每卷由{each}。"
        )
        for box in self.person_boxes:
            current = box.currentText()
            box.clear()
            box.addItems(info.reviewers)
            if current in info.reviewers:
                box.setCurrentText(current)
        boxes = self.person_boxes
        if len(boxes) == 2 and boxes[0].currentText() == boxes[1].currentText():
            boxes[1].setCurrentIndex((boxes[0].currentIndex() + 1) % max(1, len(info.reviewers)))
        has_people = len(info.reviewers) >= len(self.person_boxes)
        self.assign_button.setEnabled(has_people)
        self.auto_button.setEnabled(has_people)
        self.clear_button.setEnabled(info.team_mode)

        entries = self.services.campaigns.cases(self.campaign_id)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [
                entry.case_no or f"卷宗 {entry.case_id}",
                entry.department or "—",
                "、".join(entry.reviewers) or ("未分配" if entry.case_id else "案卷库中无卷宗"),
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, table_item(text, entry.case_id))
        self.table.resizeColumnsToContents()

    def selected_cases(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = []
        for row in rows:
            data = cell_data(self.table, row)
            if data is not None:
                ids.append(int(data))
        return ids

    # ------------------------------------------------------------ changes
    def _write(
        self, title: str, op: Callable[[], OpResult[Any]], message: Callable[[Any], str]
    ) -> None:
        """One team write on the writer; the table is read back once it is stored."""

        def stored(result: OpResult[Any]) -> None:
            self.refresh()
            self.setWindowTitle(f"评查组与分工 — {message(result.value)}")

        self.tasks.run_op(self, op, stored, title=title, initiator=self)

    def save_team(self) -> None:
        reviewers = split_names(self.reviewers_edit.text())
        leads = split_names(self.leads_edit.text())
        team, campaign_id = self.services.team, self.campaign_id
        self._write(
            "保存评查组",
            lambda: team.set_team(campaign_id, reviewers, leads),
            lambda _r: "评查组已保存",
        )

    def assign_selected(self) -> None:
        cases = self.selected_cases()
        if not cases:
            QtWidgets.QMessageBox.information(self, "分配案卷", "请先在表中选择要分配的案卷。")
            return
        people = [box.currentText() for box in self.person_boxes]
        team, campaign_id = self.services.team, self.campaign_id
        self._write(
            "分配案卷",
            lambda: team.assign(campaign_id, cases, people),
            lambda _r: f"已分配 {len(cases)} 卷",
        )

    def auto_assign(self) -> None:
        team, campaign_id = self.services.team, self.campaign_id
        self._write(
            "平均分配",
            lambda: team.auto_assign(campaign_id),
            lambda entries: f"已分配 {len(entries or [])} 卷",
        )

    def clear_assignments(self) -> None:
        if not confirm(
            self,
            "取消全部分工",
            "取消全部分工后，所有人都能看到并评查全部案卷。已有的评分保留。是否继续？",
        ):
            return
        team, campaign_id = self.services.team, self.campaign_id
        self._write("取消分工", lambda: team.clear(campaign_id), lambda _r: "已取消全部分工")
