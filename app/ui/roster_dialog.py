"""评查 → 执法人员名册: the certified officers the pre-checks compare the records with.

Shows what the roster records for each officer — 执法证号 and its validity, 所属单位, 执法类别
and 法律职业资格 (《行政处罚法》第五十八条第二款: a first-time 法制审核 reviewer holds one) — so
a reviewer can see why a pre-check names or spares an officer, and imports a new sheet. The
dialog only shows and imports: the service (``Services.roster``/``import_roster``) reads it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from app.changes import OpResult
from app.ui.list_import_dialog import ListImportDialog
from app.ui.qt import QtWidgets
from app.ui.work_windows import Opener

if TYPE_CHECKING:
    from app.services import Services

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


class RosterDialog(ListImportDialog):
    IMPORT_LABEL = "导入名册(&I)…"
    IMPORT_TIP = "从 Excel 导入：姓名、执法证号、执法类别、有效期、所属单位、法律职业资格证书编号"
    NOUN = "执法人员名册"

    def __init__(self, services: Services, **opener: Unpack[Opener]) -> None:
        table = QtWidgets.QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        super().__init__(services, "执法人员名册", (860, 520), table, **opener)
        self.table = table
        self.reload()

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

    def read_file(self, path: Path) -> OpResult[int]:
        return self.services.import_roster(path)
