"""「文书与报表」: every paper of one campaign, previewed before it is saved.

On the left the papers: a 《行政执法监督意见书》 per department with problems (its number once
issued), the 评查表 of a chosen case, the 评查情况通报, the Excel 汇总表 and the comparison
charts. Choosing one builds its preview in the background (a newer choice supersedes an older
one; closing the dialog cancels it). An opinion is issued — a number taken — only on
「出具并保存…」; an issued one is 「重新生成…」 from its fields as issued. The other papers are
saved as the very file that was previewed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Unpack

from app.changes import OpChanges
from app.documents.letter_requests import OpinionRequest
from app.errors import UserError
from app.review.deadlines import cn_date
from app.services import Services
from app.tasks import TaskState
from app.ui.documents import preview as pv
from app.ui.documents.charts_view import ChartsView
from app.ui.documents.issue_dialog import IssueDialog
from app.ui.documents.pages_view import PagesView
from app.ui.documents.paper_jobs import PaperJobs
from app.ui.documents.papers import (
    CHARTS,
    CIRCULAR,
    EXCEL_FILTER,
    OPINION,
    SHEET,
    WORD_FILTER,
    WORKBOOK,
    Paper,
    PaperList,
    ask_save_path,
    copy_into_place,
)
from app.ui.documents.workbook_view import WorkbookView
from app.ui.first_run import ask_for_letters
from app.ui.parts import closing_row, push_button, side_by_side
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.work_windows import Opener, WorkDialog

__all__ = ["DocumentsDialog", "IssueDialog", "Paper"]


class DocumentsDialog(PaperJobs, WorkDialog):
    def __init__(self, services: Services, campaign_id: int, **opener: Unpack[Opener]) -> None:
        info = services.campaigns.show(campaign_id)
        # The window's one job runner (its writer issues letters, its pool renders previews).
        super().__init__(f"文书与报表 — {info.name}", (1180, 800), **opener)
        self.setWindowFlag(Qt.WindowType.Window)
        self.services = services
        self.campaign_id = campaign_id
        self.info = info
        self._own_tasks = self.tasks.parent() is self
        self._scratch = tempfile.TemporaryDirectory(
            prefix="anjuan-preview-", ignore_cleanup_errors=True
        )
        self._init_jobs()
        self._preview: Any = None  # DocPreview | WorkbookPreview | list[ChartImage]
        self._serial = 0
        self.saved_path: Path | None = None
        self.exported: list[Path] = []
        self.folder = Path(
            QtCore.QStandardPaths.writableLocation(
                QtCore.QStandardPaths.StandardLocation.DocumentsLocation
            )
            or Path.home()
        )

        self.paper_list = PaperList()
        self.paper_list.currentItemChanged.connect(lambda *_: self.show_paper())

        self.title_label = QtWidgets.QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.case_combo = QtWidgets.QComboBox()
        self.case_combo.setMinimumWidth(320)
        self.case_combo.currentIndexChanged.connect(lambda *_: self.show_paper())
        self.case_row = QtWidgets.QWidget()
        case_layout = QtWidgets.QHBoxLayout(self.case_row)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.addWidget(QtWidgets.QLabel("案卷："))
        case_layout.addWidget(self.case_combo)
        case_layout.addStretch(1)

        self.busy_bar = QtWidgets.QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.status_label = QtWidgets.QLabel()
        status_row = QtWidgets.QHBoxLayout()
        status_row.addWidget(self.busy_bar)
        status_row.addWidget(self.status_label, 1)
        self.note_label = QtWidgets.QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")

        self.pages_view = PagesView()
        self.workbook_view = WorkbookView()
        self.workbook_summary = self.workbook_view.summary
        self.workbook_tabs = self.workbook_view.tabs
        self.charts_view = ChartsView()
        self.charts_view.export_requested.connect(self.export_charts)
        self.stack = QtWidgets.QStackedWidget()
        for page in (self.pages_view, self.workbook_view, self.charts_view):
            self.stack.addWidget(page)

        self.result_label = QtWidgets.QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_button = push_button(
            "出具并保存…", self.issue_opinion, "选择印发日期，正式取得文号，并保存监督意见书"
        )
        self.rewrite_button = push_button(
            "重新生成…", self.rewrite_opinion, "按出具时的内容和文号再次生成该文书文件"
        )
        self.save_button = push_button("另存为…", self.save_as)
        self.open_folder_button = QtWidgets.QPushButton("打开所在文件夹")
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        # Why 出具并保存 / 另存为 are greyed, beside them (the preview is read before signing).
        self.wait_label = QtWidgets.QLabel()
        self.wait_label.setStyleSheet("color: #666;")
        buttons = closing_row(
            self.close,
            self.issue_button,
            self.rewrite_button,
            self.save_button,
            self.open_folder_button,
            self.wait_label,
        )

        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.case_row)
        right_layout.addLayout(status_row)
        right_layout.addWidget(self.note_label)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.result_label)
        right_layout.addLayout(buttons)

        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QtWidgets.QLabel(f"“{self.info.name}”的文书与报表"))
        left_layout.addWidget(self.paper_list)

        splitter = side_by_side(left, right, (320, 860))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter)

        self._fill_cases()
        self.refresh()

    # ------------------------------------------------------------ the list of papers
    @property
    def today(self) -> date:
        return self.services.ctx.effective_today()

    def _new_work_dir(self) -> Path:
        self._serial += 1
        folder = Path(self._scratch.name) / str(self._serial)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def refresh(self, select: Paper | None = None) -> None:
        """(Re)list the papers; an opinion's row shows its number once issued."""
        current = select or self.current_paper()
        try:
            letters = self.services.letters()
            candidates = letters.candidates(self.campaign_id)
            reasons = letters.no_opinion_reasons(self.campaign_id)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "文书与报表", str(exc))
            candidates, reasons = [], {}
        papers = [Paper(OPINION, c.department, c.problems, c.issued_number) for c in candidates]
        papers += [Paper(OPINION, name, no_opinion=why) for name, why in reasons.items()]
        papers += [
            Paper(SHEET),
            Paper(CIRCULAR),
            Paper(WORKBOOK),
            Paper(CHARTS),
        ]
        self.paper_list.set_papers(papers, current)
        if self.paper_list.currentItem() is None and self.paper_list.count():
            self.paper_list.setCurrentRow(0)  # emits: builds the preview
        else:
            self.show_paper()

    def _fill_cases(self) -> None:
        self.case_combo.blockSignals(True)
        for entry in self.services.campaigns.cases(self.campaign_id):
            if entry.case_id is None or not entry.in_sample:
                continue
            label = entry.case_no or f"案卷 {entry.case_id}"
            self.case_combo.addItem(f"{label}（{entry.department or '—'}）", (entry.case_id, label))
        self.case_combo.blockSignals(False)

    def current_paper(self) -> Paper | None:
        return self.paper_list.current_paper()

    def row_texts(self) -> list[str]:
        return self.paper_list.row_texts()

    def select(self, kind: str, department: str = "") -> None:
        self.paper_list.select(kind, department)

    # ------------------------------------------------------------ previews
    def show_paper(self) -> None:
        paper = self.current_paper()
        self._preview = None
        self.note_label.clear()
        self._update_buttons()
        if paper is None:
            return
        self.title_label.setText(paper.title())
        self.case_row.setVisible(paper.kind == SHEET)
        if paper.no_opinion:
            self._show_message(f"不出具监督意见书：{paper.no_opinion}")
            self._update_buttons()
            return
        if self._preview_job is not None:
            self._preview_job.cancel()
            self._preview_job = None
        self.pages_view.clear()
        work = self._preview_work(paper)
        if work is None:
            self._show_message("本次评查活动没有可生成评查表的案卷（需已关联卷宗）。")
            self._update_buttons()
            return
        self.stack.setCurrentWidget(
            {WORKBOOK: self.workbook_view, CHARTS: self.charts_view}.get(
                paper.kind, self.pages_view
            )
        )
        self._preview_job = self._start(work, self._preview_ready, "正在生成预览……")
        self._update_buttons()

    def _preview_work(self, paper: Paper) -> Callable[[TaskState], Any] | None:
        """The background work that builds ``paper``'s preview (None: nothing to preview)."""
        services, campaign, today, name = (
            self.services,
            self.campaign_id,
            self.today,
            self.info.name,
        )
        work_dir = self._new_work_dir()
        if paper.kind == OPINION:
            return lambda state: pv.opinion_preview(
                services, campaign, paper.department, paper.issued_number, today, work_dir, state
            )
        if paper.kind == SHEET:
            data = self.case_combo.currentData()
            if data is None:
                return None
            case_id, label = data
            sheet = work_dir / f"评查表-{pv.safe_name(label)}.docx"
            return lambda state: pv.report_preview(
                "评查表", sheet, lambda out: services.reports().sheet(campaign, case_id, out), state
            )
        if paper.kind == CIRCULAR:
            circular = work_dir / f"{pv.safe_name(name)}-评查情况通报.docx"
            return lambda state: pv.report_preview(
                "评查情况通报（含统计图）",
                circular,
                lambda out: services.reports().circular(campaign, out, today),
                state,
            )
        if paper.kind == WORKBOOK:
            return lambda state: pv.workbook_preview(
                services, campaign, name, today, work_dir, state
            )
        return lambda state: pv.chart_images(services, campaign, state)

    def _show_message(self, text: str) -> None:
        self.stack.setCurrentWidget(self.pages_view)
        self.pages_view.set_text(text)

    def _preview_ready(self, result: Any) -> None:
        self._preview = result
        if isinstance(result, pv.DocPreview):
            if result.pages:
                self.pages_view.set_pages(result.pages)
            else:
                self.pages_view.set_text(result.text)
            self.note_label.setText(result.note)
            pages = f"共 {len(result.pages)} 页" if result.pages else "文字预览"
            self.status_label.setText(f"预览已生成（{pages}）。")
        elif isinstance(result, pv.WorkbookPreview):
            self.workbook_view.show_workbook(result)
            self.status_label.setText("汇总表已生成。")
        else:
            self.charts_view.set_charts(result)
            self.status_label.setText(f"已绘制 {len(result)} 幅图表。")
        self._update_buttons()

    def preview_pages(self) -> int:
        return self.pages_view.page_count()

    def preview_ready(self) -> bool:
        return self._preview is not None

    # ------------------------------------------------------------ saving
    def _update_buttons(self) -> None:
        paper = self.current_paper()
        busy = bool(self._actions)
        is_opinion = paper is not None and paper.kind == OPINION and not paper.no_opinion
        issued = is_opinion and paper is not None and bool(paper.issued_number)
        self.issue_button.setVisible(is_opinion and not issued)
        self.rewrite_button.setVisible(issued)
        self.save_button.setVisible(not is_opinion and paper is not None and paper.kind != CHARTS)
        ready = self._preview is not None and not busy
        self.issue_button.setEnabled(ready)
        self.rewrite_button.setEnabled(not busy)
        self.save_button.setEnabled(ready)
        waiting = not ready and (
            self.issue_button.isVisibleTo(self) or self.save_button.isVisibleTo(self)
        )
        self.wait_label.setText(
            ("正在处理，请稍候…" if busy else "预览生成后即可出具或保存（请先阅读预览）")
            if waiting and paper is not None
            else ""
        )
        self.open_folder_button.setEnabled(self.saved_path is not None)

    def _ask_save(self, name: str, file_filter: str) -> Path | None:
        return ask_save_path(self, self.folder, name, file_filter)

    def issue_opinion(self) -> None:
        paper = self.current_paper()
        if paper is None or paper.kind != OPINION or paper.issued_number or paper.no_opinion:
            return
        # The organ, 代字 and legal basis are asked once, before the first number is taken.
        if not ask_for_letters(self.services, self, self.tasks):
            return
        # 暂定 deadlines allowed: the dialog asks the reviewer to confirm one (issue 14)
        letters = self.services.letters(provisional=True)
        dialog = IssueDialog(
            letters.deadline_for,
            self.today,
            paper.department,
            self,
            is_provisional=letters.deadline_provisional,
            from_service=self.services.settings.deadline_from == "service",
        )
        if not dialog.exec():
            return
        issued_on, deadline, served = dialog.issued_on(), dialog.deadline(), dialog.served_on()
        target = self._ask_save(f"{pv.safe_name(paper.department)}-监督意见书.docx", WORD_FILTER)
        if target is None:
            return
        campaign = self.campaign_id

        def work(state: TaskState) -> Any:
            state.check()
            return letters.issue_opinion(
                OpinionRequest(
                    campaign, paper.department, issued_on, deadline=deadline, served_on=served
                ),
                target,
            )

        self._start(
            work,
            self._issued,
            "正在出具监督意见书……",
            "出具监督意见书失败",
            changes=OpChanges(letters=True, rectification=True, campaign_id=campaign),
        )

    def _issued(self, letter: Any) -> None:
        self._saved(letter.file)
        deadline = f"，整改期限至{cn_date(letter.deadline)}" if letter.deadline else ""
        self.result_label.setText(
            f"已向{letter.department}出具 <b>{letter.number}</b>{deadline}。<br>"
            f"已保存：{letter.file}"
        )
        self.refresh(select=Paper(OPINION, letter.department))

    def rewrite_opinion(self) -> None:
        paper = self.current_paper()
        if paper is None or not paper.issued_number:
            return
        number = paper.issued_number
        target = self._ask_save(f"{pv.safe_name(paper.department)}-监督意见书.docx", WORD_FILTER)
        if target is None:
            return
        letters = self.services.letters()

        def work(state: TaskState) -> Any:
            state.check()
            return letters.rewrite(number, target)

        self._start(work, self._rewritten, "正在重新生成监督意见书……", "重新生成失败")

    def _rewritten(self, letter: Any) -> None:
        self._saved(letter.file)
        self.result_label.setText(
            f"已按出具时的内容重新生成 <b>{letter.number}</b>。<br>已保存：{letter.file}"
        )

    def save_as(self) -> None:
        paper = self.current_paper()
        result = self._preview
        if paper is None or result is None:
            return
        if isinstance(result, pv.DocPreview):
            source, file_filter = result.docx, WORD_FILTER
        elif isinstance(result, pv.WorkbookPreview):
            source, file_filter = result.path, EXCEL_FILTER
        else:
            return
        if paper.kind == CIRCULAR and not ask_for_letters(self.services, self, self.tasks):
            return  # a saved 通报 is issued: it takes a 文号, so the organ must be set
        target = self._ask_save(source.name, file_filter)
        if target is None:
            return
        if paper.kind == CIRCULAR:
            self._issue_circular(target)
            return
        try:
            copy_into_place(source, target)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "另存为失败", str(exc))
            return
        self._saved(target)
        self.result_label.setText(f"已保存：{target}")

    def _issue_circular(self, target: Path) -> None:
        """The 通报 saved from the window is the issued one: its 文号 is taken from the
        registry (通报代字) as it is written, not copied from the unnumbered preview."""
        reports, campaign, today = self.services.reports(), self.campaign_id, self.today

        def work(state: TaskState) -> Any:
            state.check()
            return reports.issue_circular(campaign, target, today)

        def done(result: Any) -> None:
            path, number = result
            self._saved(path)
            self.result_label.setText(f"已印发评查情况通报 <b>{number}</b>。<br>已保存：{path}")

        self._start(
            work,
            done,
            "正在印发评查情况通报……",
            "印发评查情况通报失败",
            changes=OpChanges(letters=True, campaign_id=campaign),
        )

    def export_charts(self, name: str) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self, "选择保存图表的文件夹", str(self.folder)
        )
        if not folder:
            return
        services, campaign = self.services, self.campaign_id
        names = [name] if name else None

        def work(state: TaskState) -> Any:
            state.check()
            return pv.export_charts(services, campaign, Path(folder), names)

        self._start(work, self._charts_exported, "正在导出图表……", "导出图表失败")

    def _charts_exported(self, files: list[Path]) -> None:
        if not files:
            self.result_label.setText("没有可导出的图表。")
            return
        self._saved(files[0])
        self.exported = list(files)
        self.result_label.setText(
            f"已导出 {len(files)} 个图片文件到：{files[0].parent}<br>"
            + "、".join(f.name for f in files)
        )

    def _saved(self, path: Path) -> None:
        self.saved_path = Path(path)
        self.folder = self.saved_path.parent
        self._update_buttons()

    def open_folder(self) -> None:
        if self.saved_path is not None:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(self.saved_path.parent)))

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
