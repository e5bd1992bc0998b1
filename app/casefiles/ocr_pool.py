"""OCR of many pages on every core, in worker processes that may crash without taking the app.

Each worker process holds one RapidOCR engine, created once when the process starts, and
opens its own page source (PyMuPDF documents are not shared across processes or threads).
Workers are started with ``spawn``: forking a process that runs Qt threads is unsafe, and
spawn is what Windows does anyway. onnxruntime runs one thread per worker, so two workers on
two cores do not fight over them.

Results arrive as they complete. A Cancel stops submitting and drops the pages not started;
it is noticed while waiting for a page too, not only when one completes. Background work
(``TaskState.background``: resuming other dossiers) keeps one page per worker in flight, not
two: when a user's import preempts it, what the import waits for is at most the pages the
workers are busy with, never a queue of another dossier's pages. A worker that dies (out of memory, a native crash in a decoder) fails only the pages it was
working on, with a Chinese message, and a fresh pool carries on with the rest.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.casefiles.ocr import (
    DET_LIMIT_SIDE_LEN,
    OCR_DPI,
    TITLE_BAND,
    OcrEngine,
    PageText,
    page_text,
)
from app.casefiles.page_source import PageSource, PageSourceError, open_pages
from app.tasks import TaskState

Mode = Literal["full", "title"]
DEFAULT_WORKERS = 2
MAX_RESTARTS = 2  # a pool that keeps dying is a machine problem, not a page problem
CANCEL_POLL = 0.2  # seconds between two looks at Cancel while the workers read


def pages_in_flight(workers: int, background: bool) -> int:
    """How many pages a run keeps submitted: two per worker so that none idles while the
    caller stores a result; one per worker for background work, which must give way."""
    return workers if background else workers * 2


@dataclass(frozen=True)
class PageResult:
    """The outcome for one page: its text, or an ``error`` written for the user."""

    index: int
    text: PageText | None
    error: str | None = None


# ---------------------------------------------------------------- worker side

_engine: OcrEngine | None = None
_sources: dict[tuple[str, str | None], PageSource] = {}


def _init_worker(det_limit_side_len: int) -> None:
    global _engine
    _engine = OcrEngine(det_limit_side_len=det_limit_side_len, threads=1)
    _engine.warm_up()


def _ready() -> int:
    return os.getpid()


def _worker_source(path: str, password: str | None) -> PageSource:
    key = (path, password)
    source = _sources.get(key)
    if source is None:
        for old in _sources.values():  # one dossier at a time: do not hoard open files
            old.close()
        _sources.clear()
        source = _sources[key] = open_pages(path, password)
    return source


def _ocr_one(
    path: str, password: str | None, index: int, mode: Mode, dpi: float, turn: int = 0
) -> PageResult:
    assert _engine is not None, "worker not initialised"
    try:
        source = _worker_source(path, password)
        if mode == "title":
            return PageResult(
                index, page_text(source, index, _engine, dpi, band=TITLE_BAND, turn=turn)
            )
        return PageResult(index, page_text(source, index, _engine, dpi, turn=turn))
    except PageSourceError as exc:
        return PageResult(index, None, str(exc))


# ---------------------------------------------------------------- main-process side

_CRASHED = "文字识别进程意外退出（可能内存不足），第 {page} 页未识别，可稍后重新识别。"
_GAVE_UP = "文字识别进程反复退出，第 {page} 页未识别。"


def _with_page_number(result: PageResult) -> PageResult:
    if result.error in (_CRASHED, _GAVE_UP):
        return PageResult(result.index, None, result.error.format(page=result.index + 1))
    return result


class OcrPool:
    """A pool of OCR worker processes; keep one for the session and close it on exit.

    Starting a worker (imports and model load) takes a second or two, so the pool is meant
    to outlive a single dossier."""

    def __init__(
        self, workers: int = DEFAULT_WORKERS, det_limit_side_len: int = DET_LIMIT_SIDE_LEN
    ) -> None:
        self.workers = workers
        self._det_limit = det_limit_side_len
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self._det_limit,),
            )
        return self._executor

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def start(self) -> None:
        """Start the workers and load their models in the background, without waiting.

        Call it when the window opens: a dossier imported a few seconds later finds the
        workers ready instead of paying the start-up (seconds) itself."""
        pool = self._pool()
        for _ in range(self.workers):
            pool.submit(_ready)

    def pages_submitted(self) -> int:
        """Pages handed to the workers and not yet read (queued or being read), over all
        runs; read from the executor's table as :meth:`worker_pids` does."""
        if self._executor is None:
            return 0
        return sum(1 for f in self._executor._pending_work_items.values() if not f.future.done())

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (none before the first page is submitted).

        For diagnostics and the crash test; reads the executor's process table because
        ``concurrent.futures`` has no public accessor for it."""
        if self._executor is None:
            return []
        return list(self._executor._processes or {})

    def run(
        self,
        path: str | os.PathLike[str],
        pages: Iterable[int] | None = None,
        *,
        password: str | None = None,
        mode: Mode = "full",
        dpi: float = OCR_DPI,
        state: TaskState | None = None,
        turns: dict[int, int] | None = None,
    ) -> Iterator[PageResult]:
        """OCR ``pages`` (default: all) of a dossier, yielding results as they complete;
        ``turns`` gives a page (0-based) the turn it is read with (a reviewer's rotation).

        ``state`` reports progress and is honoured between pages: on Cancel no new page is
        started, pages not started are dropped, and :class:`app.tasks.Cancelled` is raised
        from the iterator (results already yielded stay valid)."""
        path_str = str(Path(path).resolve())
        if pages is None:
            with open_pages(path_str, password) as source:
                pages = range(source.count)
        queue = list(pages)
        queue.reverse()  # pop() from the end takes pages in the order given
        total = len(queue)
        done = 0
        restarts = 0
        running: dict[Future[PageResult], int] = {}
        state = state or TaskState()
        state.progress(0, total, "正在识别文字")
        limit = pages_in_flight(self.workers, state.background)
        try:
            while queue or running:
                while queue and len(running) < limit:
                    state.check()
                    index = queue.pop()
                    turn = (turns or {}).get(index, 0)
                    future = self._pool().submit(
                        _ocr_one, path_str, password, index, mode, dpi, turn
                    )
                    running[future] = index
                finished: set[Future[PageResult]] = set()
                while not finished:  # a Cancel is honoured without waiting for a page
                    state.check()
                    finished, _ = wait(running, timeout=CANCEL_POLL, return_when=FIRST_COMPLETED)
                results = [self._collect(f, running.pop(f)) for f in finished]
                if any(r.error == _CRASHED for r in results):
                    # Every page still in flight died with the pool: report them too.
                    results += [PageResult(i, None, _CRASHED) for i in running.values()]
                    running.clear()
                    self._restart()
                    restarts += 1
                    if restarts > MAX_RESTARTS:
                        results += [PageResult(i, None, _GAVE_UP) for i in reversed(queue)]
                        queue.clear()
                for result in sorted(results, key=lambda r: r.index):
                    done += 1
                    yield _with_page_number(result)
                    state.progress(done, total, f"已识别 {done}/{total} 页")
        finally:
            for future in running:
                future.cancel()

    @staticmethod
    def _collect(future: Future[PageResult], index: int) -> PageResult:
        try:
            return future.result()
        except BrokenProcessPool:
            return PageResult(index, None, _CRASHED)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
