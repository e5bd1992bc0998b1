"""The list of work the window is doing or will do, in words a reviewer understands.

Every long job (an import, the reading of dossiers, the demo build, a backup) has one
:class:`JobRecord`: which dossier it is on, at which stage (标题识别, 全文识别 …), page i of
n, dossier k of m. The job fills its record from the worker thread through
:meth:`app.tasks.TaskState.describe` and its progress; the 任务 panel only draws the records.
Plain Python on purpose: what a line says, and in which order jobs are listed, is tested
without Qt.

Attribute writes from the worker thread and reads from the GUI thread need no lock: each
field is one assignment, and a line drawn half-updated is corrected by the next report.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Unpack

from app.tasks import Whereabouts

RUNNING, WAITING, CANCELLING = "running", "waiting", "cancelling"
STATE_LABELS = {RUNNING: "进行中", WAITING: "等待中", CANCELLING: "正在取消"}

# The stages a reading goes through, as the processing reports them.
TITLE_PASS, FULL_PASS, FACTS = "标题识别", "全文识别", "整理文书与要素"
REGISTERING = "登记入库"
UNTITLED = "后台任务"  # a job started without a title of its own


@dataclass(eq=False)  # one record per job: identity, not equal fields
class JobRecord:
    """What one job is doing now (see module)."""

    id: int
    title: str
    background: bool = False  # a resume nobody asked for now: a user's import goes first
    state: str = WAITING
    dossier: str = ""
    stage: str = ""
    page: int = 0
    pages: int = 0
    index: int = 0  # dossier k …
    count: int = 0  # … of m
    message: str = ""  # the job's own wording when it has no stage (backup, demo build)
    case_id: int | None = None  # the dossier being read now
    cancelled_by_user: bool = False  # not a pre-emption: do not resume it this session
    drop: Callable[[], None] | None = None  # how a waiting job leaves its queue

    def describe(self, **where: Unpack[Whereabouts]) -> None:
        """Note where the job is; a new dossier or stage starts its page count again."""
        dossier, stage = where.get("dossier"), where.get("stage")
        if dossier is not None and dossier != self.dossier:
            self.dossier, self.page, self.pages = dossier, 0, 0
        if stage is not None and stage != self.stage:
            self.stage, self.page, self.pages = stage, 0, 0
        if (index := where.get("index")) is not None:
            self.index = index
        if (count := where.get("count")) is not None:
            self.count = count
        if (case_id := where.get("case_id")) is not None:
            self.case_id = case_id

    def progress(self, done: int, total: int, message: str = "") -> None:
        self.page, self.pages = done, total
        if message:
            self.message = message

    def line(self) -> str:
        """One line for the panel: 案卷 · 阶段 第 i/n 页 · 第 k 卷，共 m 卷."""
        if self.state != RUNNING:
            return f"{self.title}（{STATE_LABELS[self.state]}）"
        parts = [self.dossier or self.title]
        if self.stage:
            pages = f" 第 {self.page}/{self.pages} 页" if self.pages else ""
            parts.append(self.stage + pages)
        elif self.message:
            parts.append(self.message)
        if self.count > 1:
            parts.append(f"第 {self.index} 卷，共 {self.count} 卷")
        return " · ".join(parts)


@dataclass
class WorkQueue:
    """Every job of the window, running ones first, then waiting ones in the order asked."""

    _records: list[JobRecord] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(
        self,
        title: str,
        *,
        background: bool = False,
        running: bool = True,
        before: JobRecord | None = None,
    ) -> JobRecord:
        """A new job, listed last (or just ``before`` a waiting one it jumps ahead of)."""
        record = JobRecord(next(self._ids), title, background, RUNNING if running else WAITING)
        at = self._records.index(before) if before in self._records else len(self._records)
        self._records.insert(at, record)
        return record

    def remove(self, record: JobRecord) -> None:
        if record in self._records:
            self._records.remove(record)

    def records(self) -> list[JobRecord]:
        waiting = [r for r in self._records if r.state == WAITING]
        return [r for r in self._records if r.state != WAITING] + waiting

    def running_background(self) -> list[JobRecord]:
        """Background readings a user's own import should pre-empt."""
        return [r for r in self._records if r.background and r.state == RUNNING]

    def summary(self) -> str:
        """The status bar's words: the first running job's line and how many more there are."""
        records = self.records()
        if not records:
            return ""
        more = f"（另有 {len(records) - 1} 项任务）" if len(records) > 1 else ""
        return records[0].line() + more
