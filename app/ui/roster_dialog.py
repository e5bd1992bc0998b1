"""评查 → 执法人员名册: the certified officers the pre-checks compare the records with.

Shows what the roster records for each officer — 执法证号 and its validity, 所属单位, 执法类别
and 法律职业资格 (《行政处罚法》第五十八条第二款: a first-time 法制审核 reviewer holds one) — so
a reviewer can see why a pre-check names or spares an officer, and imports a new sheet. The
dialog only shows and imports: the service (``Services.roster``/``import_roster``) reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.changes import OpResult
from app.ui.qt import QtWidgets
from app.ui.register_dialog import Register, RegisterDialog

COLUMNS = ("姓名", "执法证号", "所属单位", "执法类别", "有效期至", "法律职业资格")
EMPTY = "尚未导入执法人员名册：执法人员和法制审核人员资格的预检不作判断。"
NO_QUALIFICATION = (
    "名册未登记任何人的法律职业资格：法制审核人员资格的预检不作判断。"
    "如需核对，请在名册中加“法律职业资格证书编号”列后重新导入。"
)


def _cells(row: dict[str, Any]) -> list[str]:
    return [
        row["name"],
        row["cert_no"],
        row["department"] or "—",
        row["category"] or "—",
        row["valid_to"] or "长期",
        row["legal_qualification"] or "—",
    ]


class RosterDialog(RegisterDialog):
    register = Register(
        noun="执法人员名册",
        short="名册",
        tip="从 Excel 导入：姓名、执法证号、执法类别、有效期、所属单位、法律职业资格证书编号",
    )

    def make_view(self) -> QtWidgets.QWidget:
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        return self.table

    def reload(self) -> None:
        rows = self.services.roster()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(_cells(row)):
                self.table.setItem(r, c, QtWidgets.QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        qualified = sum(1 for row in rows if row["legal_qualification"])
        if not rows:
            self.note.setText(EMPTY)
        elif not qualified:
            self.note.setText(f"共 {len(rows)} 名执法人员。" + NO_QUALIFICATION)
        else:
            self.note.setText(
                f"共 {len(rows)} 名执法人员，其中 {qualified} 名登记了法律职业资格。"
                "预检核对笔录上的执法证号，以及法制审核人员是否登记了法律职业资格。"
            )

    def reader(self, path: Path) -> Callable[[], object]:
        services = self.services
        return lambda: services.import_roster(path)

    def imported(self, result: OpResult[int]) -> str:
        return (
            f"已导入 {result.value} 名执法人员。预检将核对笔录上的执法证号是否在名册中且在有效期内，"
            "以及法制审核人员是否登记了法律职业资格。"
        )
