"""Importing dossiers from the window: file and folder dialogs, drag and drop, the password
of an encrypted PDF, confirming the department and kind the import guessed, and resuming
reading that a closed window or a killed process interrupted.

The work runs on the window's job runner (off the GUI thread) with one OCR worker pool kept
warm for the session; this module only asks, shows and forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from app.casefiles.library import KIND_LABELS
from app.changes import OpChanges
from app.services import Services
from app.tasks import TaskState
from app.ui.parts import ok_cancel
from app.ui.qt import QtCore, QtWidgets
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import Job, TaskManager
from app.work_queue import JobRecord

if TYPE_CHECKING:
    from app.casefiles.importing import ImportItem
    from app.casefiles.ocr_pool import OcrPool

FILE_FILTER = "扫描案卷 (*.pdf *.tif *.tiff *.jpg *.jpeg *.png);;所有文件 (*)"
LIBRARY_CHANGED = OpChanges(library=True)


class ClassificationDialog(QtWidgets.QDialog):
    """Confirm or correct the department and kind of the dossiers just imported."""

    def __init__(
        self,
        rows: list[tuple[int, str, str | None, str | None]],
        departments: list[str],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认执法单位与案件类型")
        fit_to_screen(self, 760, 120 + 36 * len(rows))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            QtWidgets.QLabel("以下为根据案卷文字推断的执法单位和案件类型，请确认或更正：")
        )
        grid = QtWidgets.QGridLayout()
        for col, title in enumerate(("案卷", "执法单位", "案件类型")):
            grid.addWidget(QtWidgets.QLabel(f"<b>{title}</b>"), 0, col)
        self.editors: list[tuple[int, QtWidgets.QComboBox, QtWidgets.QComboBox]] = []
        for row, (case_id, name, department, kind) in enumerate(rows, start=1):
            dept = QtWidgets.QComboBox()
            dept.setEditable(True)
            dept.addItems(departments)
            dept.setCurrentText(department or "")
            dept_edit = dept.lineEdit()
            assert dept_edit is not None  # the box was made editable above
            dept_edit.setPlaceholderText("输入执法单位全称")
            kinds = QtWidgets.QComboBox()
            kinds.addItem("（未确定）", None)
            for key, label in KIND_LABELS.items():
                kinds.addItem(label, key)
            kinds.setCurrentIndex(max(0, kinds.findData(kind)))
            grid.addWidget(QtWidgets.QLabel(name), row, 0)
            grid.addWidget(dept, row, 1)
            grid.addWidget(kinds, row, 2)
            self.editors.append((case_id, dept, kinds))
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons, _ok = ok_cancel(self, None, self.accept)
        layout.addWidget(buttons)

    def values(self) -> list[tuple[int, str, str | None]]:
        return [(cid, d.currentText().strip(), k.currentData()) for cid, d, k in self.editors]


class ImportFlow(QtCore.QObject):
    """Everything the window does to bring dossiers in; each step ends with a ``library``
    change on the app-wide signal (``TaskManager.signals``)."""

    def __init__(
        self,
        services: Services,
        jobs: TaskManager,
        parent: QtWidgets.QWidget,
        show_progress: Callable[[Job, str], None],
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.jobs = jobs
        self.show_progress = show_progress
        self._pool: OcrPool | None = None
        # Work asked for while another job ran, each with its 等待中 line in the 任务 panel.
        self._queued: list[tuple[JobRecord, Callable[[], object]]] = []
        # Dossiers whose reading the user cancelled: not resumed behind their back this
        # session (the next start resumes them).
        self._stopped: set[int] = set()
        # Whatever job ends (an import, a backup, the demo campaign), the queue moves on.
        jobs.job_ended.connect(self.run_queued)
        # Dialogs are patched by tests; kept as attributes so a test can swap them.
        self.ask_password: Callable[[str], str | None] = self._ask_password
        self.confirm: Callable[[list[ImportItem]], None] = self._confirm_classification
        self.report: Callable[[str, str], object] = lambda title, text: (
            QtWidgets.QMessageBox.warning(self.window, title, text)
        )

    @property
    def window(self) -> QtWidgets.QWidget:
        """The window the flow works for (its Qt parent): the parent of its dialogs."""
        return cast(QtWidgets.QWidget, self.parent())

    # ------------------------------------------------------------ the pool
    def _ocr_pool(self) -> OcrPool:
        """One pool for the session, created on the worker thread (its import is heavy)."""
        if self._pool is None:
            from app.casefiles.ocr_pool import OcrPool

            self._pool = OcrPool()
            self._pool.start()
        return self._pool

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    # ------------------------------------------------------------ asking
    def choose_files(self) -> None:
        files, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self.window, "导入扫描案卷", "", FILE_FILTER
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self.window, "导入文件夹（一个页面图片文件夹为一卷；含 PDF 的文件夹逐个导入）"
        )
        if folder:
            self.import_paths([Path(folder)])

    def _ask_password(self, message: str) -> str | None:
        text, ok = QtWidgets.QInputDialog.getText(
            self.window, "需要密码", message, QtWidgets.QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    # ------------------------------------------------------------ working
    def import_paths(self, paths: list[Path], password: str | None = None) -> Job | None:
        title = f"导入 {paths[0].name}" if len(paths) == 1 else f"导入 {len(paths)} 项"
        if self.jobs.busy:  # runs when the current task ends (one writer at a time)
            # The user's import goes before background reading: that stops between two
            # pages (what it read stays) and carries on after the import.
            preempted = self.jobs.queue.running_background()
            for record in preempted:
                self.jobs.cancel(record, by_user=False)
            if preempted and not self._resume_waiting():
                self._wait("继续识别未完成的案卷", self.resume_unfinished, background=True)
            self._wait(title, lambda: self.import_paths(paths, password), front=True)
            return None
        services = self.services

        def work(state: TaskState) -> list[ImportItem]:
            importer = services.importer(self._ocr_pool())
            return importer.import_paths(paths, password=password, state=state)

        job = self.jobs.start(work, changes=LIBRARY_CHANGED, title=title)
        self._follow(job)
        self.show_progress(job, f"正在导入 {len(paths)} 项……")
        job.succeeded.connect(self._after_import)
        job.failed.connect(lambda msg: self.report("导入失败", msg))
        return job

    def _wait(
        self,
        title: str,
        run: Callable[[], object],
        *,
        front: bool = False,
        background: bool = False,
    ) -> None:
        """Queue ``run`` until the running job ends, listed as 等待中 in the 任务 panel."""
        # In front: before background work, after the user's own earlier requests.
        at = len(self._queued)
        if front:
            at = next((i for i, (r, _) in enumerate(self._queued) if r.background), at)
        before = self._queued[at][0] if at < len(self._queued) else None
        record = self.jobs.queue.add(title, background=background, running=False, before=before)
        entry = (record, run)
        record.drop = lambda: self._queued.remove(entry) if entry in self._queued else None
        self._queued.insert(at, entry)
        self.jobs.queue_changed.emit()

    def after_current(self, title: str, run: Callable[[], object]) -> None:
        """Run ``run`` once the running job has ended, listed as 等待中 in the 任务 panel
        (work that needs what the running job makes, e.g. the demo campaign its reading)."""
        if not any(r.title == title for r, _ in self._queued):
            self._wait(title, run)

    def _resume_waiting(self) -> bool:
        return any(r.background for r, _ in self._queued)

    def _follow(self, job: Job) -> None:
        """Keep the library list true while a job reads: a dossier shows as soon as it is
        registered and again when its titles are read (reviewable before the full text);
        a dossier whose reading the user cancelled is not resumed behind their back."""
        seen: list[tuple[str, str]] = []

        def moved(*_args: object) -> None:
            where = (job.record.dossier, job.record.stage)
            if where != ("", "") and (not seen or seen[-1] != where):
                seen.append(where)
                self.jobs.signals.changed.emit(LIBRARY_CHANGED, None)

        def cancelled() -> None:
            if job.record.cancelled_by_user and job.record.case_id is not None:
                self._stopped.add(job.record.case_id)

        job.progressed.connect(moved)
        job.cancelled.connect(cancelled)

    def run_queued(self) -> None:
        """Start the next piece of work asked for while another was running."""
        while self._queued and not self.jobs.busy:  # a resume with nothing left starts none
            record, run = self._queued.pop(0)
            self.jobs.queue.remove(record)
            self.jobs.queue_changed.emit()
            run()

    def _after_import(self, items: list[ImportItem]) -> None:
        locked = [i for i in items if i.needs_password]
        errors = [i for i in items if i.error and not i.needs_password]
        new = [i for i in items if i.outcome and i.outcome.duplicate_of is None]
        duplicates = [i for i in items if i.outcome and i.outcome.duplicate_of is not None]
        lines = [
            f"“{i.path.name}”已在案卷库中（案卷 {i.outcome.duplicate_of}），未重复导入。"
            for i in duplicates
            if i.outcome
        ]
        lines += [i.error for i in errors if i.error]
        if lines:
            self.report("部分文件未导入", "\n".join(lines))
        if new:
            self.confirm(new)
        for item in locked:
            password = self.ask_password(item.error or "请输入打开密码")
            if password:
                self._retry_locked(item.path, password)

    def _retry_locked(self, path: Path, password: str) -> None:
        self.import_paths([path], password)  # queued until the current import has ended

    def _confirm_classification(self, items: list[ImportItem]) -> None:
        rows = []
        for item in items:
            assert item.outcome is not None
            detail = self.services.cases.detail(item.outcome.id)
            rows.append((detail.id, item.path.name, detail.department, detail.kind))
        dialog = ClassificationDialog(rows, self.services.library.departments(), self.window)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            values, library = dialog.values(), self.services.library

            def store() -> OpChanges:
                for case_id, department, kind in values:
                    library.set_classification(case_id, department or None, kind)
                return OpChanges(library=True, case_facts=True).with_ids(
                    None, *(case_id for case_id, _d, _k in values)
                )

            self.jobs.run_op(self.window, store, title="无法保存分类")

    def reread(self, case_ids: list[int]) -> Job | None:
        """Read these dossiers again from their scans (OCR, documents, facts); a reviewer's
        corrections of the outline and the facts are kept. Cancel stops between pages, and
        what was read so far stays (the rest is resumed at the next start)."""
        if not case_ids or self.jobs.busy:
            return None
        self._stopped.difference_update(case_ids)  # asked for again
        return self._read(case_ids, redo=True, step="重新识别案卷", failed="重新识别失败")

    def resume_unfinished(self) -> Job | None:
        """Carry on reading dossiers whose OCR was interrupted; pages already read are kept."""
        if self.jobs.busy:
            if not self._resume_waiting():
                self._wait("继续识别未完成的案卷", self.resume_unfinished, background=True)
            return None
        pending = [i for i in self.services.library.unfinished_case_ids() if i not in self._stopped]
        if not pending:
            return None
        return self._read(
            pending, redo=False, step="继续识别未完成的案卷", failed="识别失败", background=True
        )

    def _read(
        self, case_ids: list[int], *, redo: bool, step: str, failed: str, background: bool = False
    ) -> Job:
        """One background job reading ``case_ids`` in turn, with progress and cancel."""
        services, total = self.services, len(case_ids)

        def work(state: TaskState) -> int:
            processor = services.processor(self._ocr_pool())
            for n, case_id in enumerate(case_ids, start=1):
                state.describe(index=n, count=total)
                state.progress(n - 1, total, f"{step}（{n}/{total}）")
                processor.process(case_id, state, redo=redo)
            return total

        job = self.jobs.start(
            work,
            changes=OpChanges(library=True, case_facts=True),
            title=step,
            background=background,
        )
        self._follow(job)
        self.show_progress(job, f"正在{step}（共 {total} 卷）……")
        job.failed.connect(lambda msg: self.report(failed, msg))
        return job
