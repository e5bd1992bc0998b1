"""The papers of a campaign as the 「文书与报表」 dialog lists them, and saving one to a file."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError, os_reason
from app.ui.parts import ask_save_file
from app.ui.qt import Qt, QtGui, QtWidgets

OPINION, SHEET, CIRCULAR, WORKBOOK, CHARTS = "opinion", "sheet", "circular", "workbook", "charts"
WORD_FILTER = "Word 文档 (*.docx)"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"

_LABELS = {
    SHEET: "评查表（逐卷）",
    CIRCULAR: "评查情况通报",
    WORKBOOK: "Excel 汇总表",
    CHARTS: "对比图表",
}
_TITLES = {
    SHEET: "行政执法案卷评查表",
    CIRCULAR: "行政执法案卷评查情况通报",
    WORKBOOK: "评查结果 Excel 汇总表",
    CHARTS: "对比图表",
}


@dataclass(frozen=True)
class Paper:
    """One paper: an opinion per department (with its number once issued) or a report."""

    kind: str
    department: str = ""
    problems: int = 0
    issued_number: str | None = None
    #: Why this department gets no opinion from the campaign (then nothing to issue).
    no_opinion: str = ""

    def label(self) -> str:
        """Its row in the list."""
        if self.kind == OPINION and self.no_opinion:
            return f"监督意见书 · {self.department}\n不出具（选中查看原因）"
        if self.kind == OPINION:
            state = f"已出具 {self.issued_number}" if self.issued_number else "未出具"
            return f"监督意见书 · {self.department}\n{self.problems} 个问题 · {state}"
        return _LABELS[self.kind]

    def title(self) -> str:
        """The heading above its preview."""
        if self.kind == OPINION:
            return f"行政执法监督意见书 — {self.department}"
        return _TITLES[self.kind]


class PaperList(QtWidgets.QListWidget):
    """The papers on the left; a re-listing keeps the chosen one chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(300)
        self.setSpacing(2)

    def set_papers(self, papers: list[Paper], current: Paper | None) -> None:
        """List ``papers`` without signals; ``current`` (same kind and department) is chosen."""
        self.blockSignals(True)
        self.clear()
        for paper in papers:
            item = QtWidgets.QListWidgetItem(paper.label())
            item.setData(Qt.ItemDataRole.UserRole, paper)
            if paper.kind == OPINION and paper.issued_number:
                item.setForeground(QtGui.QColor("#2e7d32"))
            elif paper.kind == OPINION and paper.no_opinion:
                item.setForeground(QtGui.QColor("#757575"))
            self.addItem(item)
            if current is not None and (paper.kind, paper.department) == (
                current.kind,
                current.department,
            ):
                self.setCurrentItem(item)
        self.blockSignals(False)

    def current_paper(self) -> Paper | None:
        item = self.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def row_texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def select(self, kind: str, department: str = "") -> None:
        for row in range(self.count()):
            paper = self.item(row).data(Qt.ItemDataRole.UserRole)
            if paper.kind == kind and (not department or paper.department == department):
                self.setCurrentRow(row)
                return
        raise KeyError(kind)


def ask_save_path(
    parent: QtWidgets.QWidget, folder: Path, name: str, file_filter: str
) -> Path | None:
    """The Word or Excel file to save a paper as, proposed in ``folder``."""
    suffix = ".xlsx" if file_filter == EXCEL_FILTER else ".docx"
    return ask_save_file(parent, "另存为", folder / name, file_filter, suffix)


def copy_into_place(source: Path, target: Path) -> None:
    """Copy beside the target first, then move into place: an earlier file stays whole."""
    if not target.parent.is_dir():
        raise UserError(f"文件夹“{target.parent}”不存在。")
    temp = target.with_name(f".{target.stem}.{os.getpid()}.tmp{target.suffix}")
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except OSError as exc:
        raise UserError(f"无法写入文件“{target}”：{os_reason(exc)}") from exc
    finally:
        temp.unlink(missing_ok=True)
