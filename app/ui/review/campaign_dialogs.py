"""Dialogs of the campaign window: a new campaign, the random draw, cases from the library."""

from __future__ import annotations

import random
from typing import Unpack

from app.casefiles.library import KIND_LABELS
from app.errors import UserError
from app.review.campaigns import CampaignInfo
from app.services import Services
from app.ui.parts import error_label, ok_cancel
from app.ui.qt import Qt, QtWidgets
from app.ui.review.common import split_names
from app.ui.screen_fit import fit_to_screen
from app.ui.work_windows import Opener, WorkDialog

KINDS = [("spotcheck", "抽查"), ("selfreview", "自评")]
NO_CHECKLIST = "（本次不评查此类案卷）"


class CreateCampaignDialog(WorkDialog):
    """新建评查活动: the campaign is created through the service when OK is pressed; a
    refusal is shown in the dialog, which stays open."""

    def __init__(self, services: Services, **opener: Unpack[Opener]) -> None:
        super().__init__("新建评查活动", None, **opener)
        self.services = services
        self.created: CampaignInfo | None = None
        self.setMinimumWidth(520)

        self.name_edit = QtWidgets.QLineEdit()
        self.name_edit.setPlaceholderText("如：2024年第二季度行政处罚案卷抽查")
        self.kind_box = QtWidgets.QComboBox()
        for key, label in KINDS:
            self.kind_box.addItem(label, key)
        self.period_edit = QtWidgets.QLineEdit()
        self.period_edit.setPlaceholderText(
            "2024Q2、2024年第二季度、2024年上半年、2024年5月或 2024年"
        )

        self.department_list = QtWidgets.QListWidget()
        self.department_list.setMaximumHeight(120)
        for name in services.library.departments():
            item = QtWidgets.QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.department_list.addItem(item)
        self.more_departments = QtWidgets.QLineEdit()
        self.more_departments.setPlaceholderText("其他执法单位（多个以顿号分隔）；不选则不限单位")

        self.checklist_boxes: dict[str, QtWidgets.QComboBox] = {}
        infos = services.checklists.list()
        for kind in ("penalty", "coercion"):
            box = QtWidgets.QComboBox()
            for info in infos:
                if info.kind == kind:
                    box.addItem(f"{info.name}（{info.version}）", f"{info.id}@{info.version}")
            box.addItem(NO_CHECKLIST, None)
            self.checklist_boxes[kind] = box

        self.double_check = QtWidgets.QCheckBox("双人评查（两位评查人背靠背评分，组长复核合并）")
        self.reviewers_edit = QtWidgets.QLineEdit()
        self.reviewers_edit.setPlaceholderText("评查人姓名，多个以顿号分隔，如：王五、赵六")
        self.leads_edit = QtWidgets.QLineEdit()
        self.leads_edit.setPlaceholderText("组长姓名（负责分工、合并与签字确认），可不填")

        form = QtWidgets.QFormLayout()
        form.addRow("活动名称：", self.name_edit)
        form.addRow("评查类型：", self.kind_box)
        form.addRow("评查期间：", self.period_edit)
        form.addRow("执法单位：", self.department_list)
        form.addRow("", self.more_departments)
        for kind, box in self.checklist_boxes.items():
            form.addRow(f"{KIND_LABELS[kind]}评查标准：", box)
        form.addRow("", self.double_check)
        form.addRow("评查人：", self.reviewers_edit)
        form.addRow("组长：", self.leads_edit)

        self.error_label = error_label()
        buttons, self.ok_button = ok_cancel(self, "创建", self.create_campaign)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def departments(self) -> list[str]:
        chosen = [
            self.department_list.item(i).text()
            for i in range(self.department_list.count())
            if self.department_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return list(dict.fromkeys(chosen + split_names(self.more_departments.text())))

    def checklists(self) -> list[str]:
        return [box.currentData() for box in self.checklist_boxes.values() if box.currentData()]

    def create_campaign(self) -> None:
        checklists = self.checklists()
        if not checklists:
            self.show_error("请至少为一类案卷选定评查标准。")
            return
        campaigns = self.services.campaigns
        name, kind, period = (
            self.name_edit.text(),
            self.kind_box.currentData(),
            self.period_edit.text(),
        )
        departments, double = self.departments(), self.double_check.isChecked()
        reviewers = split_names(self.reviewers_edit.text())
        leads = split_names(self.leads_edit.text())

        def create() -> CampaignInfo:
            return campaigns.create(
                name,
                kind,
                period,
                departments=departments,
                checklists=checklists,
                double_review=double,
                reviewers=reviewers,
                leads=leads,
            )

        try:
            self.created = self.tasks.run_op_and_wait(create, initiator=self)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class SampleDialog(QtWidgets.QDialog):
    """随机抽取: how many per department and the seed (shown, so the draw can be repeated)."""

    def __init__(self, previous_seed: int | None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("随机抽取案卷")
        self.per_department = QtWidgets.QSpinBox()
        self.per_department.setRange(1, 999)
        self.per_department.setValue(2)
        self.per_department.setSuffix(" 卷")
        self.seed_box = QtWidgets.QSpinBox()
        self.seed_box.setRange(0, 2_000_000_000)
        self.seed_box.setValue(
            previous_seed if previous_seed is not None else random.randint(1, 999_999)
        )
        hint = QtWidgets.QLabel(
            "随机种子会记入评查活动：同一台账、同一种子总能得到同样的抽取结果，便于复核。"
        )
        hint.setWordWrap(True)
        form = QtWidgets.QFormLayout(self)
        form.addRow("每个执法单位抽取：", self.per_department)
        form.addRow("随机种子：", self.seed_box)
        form.addRow(hint)
        buttons, _ok = ok_cancel(self, "抽取", self.accept)
        form.addRow(buttons)


class AddCasesDialog(QtWidgets.QDialog):
    """添加案卷: choose dossiers of the library (several at once) not yet in the campaign."""

    def __init__(
        self, services: Services, present: set[int], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("从案卷库添加案卷")
        fit_to_screen(self, 560, 420)
        self.case_list = QtWidgets.QListWidget()
        self.case_list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        for case in services.library.list_cases():
            if case.id in present:
                continue
            label = "　".join(
                part
                for part in (
                    case.case_no or case.file_name,
                    case.department or "（未注明执法单位）",
                    KIND_LABELS.get(case.kind or "", "类型未定"),
                    f"{case.pages} 页",
                )
                if part
            )
            item = QtWidgets.QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            # what the filter box matches: the label and the party (not shown, often searched)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{label}　{case.party or ''}")
            self.case_list.addItem(item)
        self.filter_edit = QtWidgets.QLineEdit()
        self.filter_edit.setPlaceholderText("筛选：案号、执法单位、当事人、类型……")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)
        hint = QtWidgets.QLabel("按住 Ctrl 或 Shift 可选择多卷。")
        buttons, _ok = ok_cancel(self, "添加", self.accept)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.case_list)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def apply_filter(self, text: str) -> None:
        """Show only the dossiers whose 案号, 单位, 当事人 or type contain every word typed;
        a hidden dossier is also unselected, so 添加 adds only what can be seen."""
        words = text.split()
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            haystack = str(item.data(Qt.ItemDataRole.UserRole + 1))
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if hidden:
                item.setSelected(False)

    def select_cases(self, case_ids: set[int]) -> None:
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in case_ids)

    def chosen(self) -> list[int]:
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in self.case_list.selectedItems()]
