"""The OCR process pool: two workers, results as they come, Cancel, and a worker that dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.casefiles.ocr_pool import OcrPool, PageResult
from app.tasks import Cancelled, TaskState
from tests.unit.test_page_source_scans import scan_pdf

TITLES = ["立案审批表", "询问笔录", "行政处罚决定书", "送达回证", "现场检查笔录", "结案报告"]


@pytest.fixture(scope="module")
def pool() -> Iterator[OcrPool]:
    with OcrPool(workers=2) as pool:
        yield pool


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = [[title, "案号：临城市监罚〔2024〕17号"] for title in TITLES]
    return scan_pdf(tmp_path_factory.mktemp("pool") / "卷宗.pdf", pages)


def _first_line(result: PageResult) -> str:
    assert result.text is not None, result.error
    return result.text.lines[0].text


def test_four_pages_on_two_workers(pool: OcrPool, dossier: Path) -> None:
    progress: list[tuple[int, int]] = []
    state = TaskState(on_progress=lambda done, total, _msg: progress.append((done, total)))
    results = list(pool.run(dossier, [0, 1, 2, 3], state=state))
    assert sorted(r.index for r in results) == [0, 1, 2, 3]
    assert {r.index: _first_line(r) for r in results} == dict(enumerate(TITLES[:4]))
    assert all(r.text and r.text.origin == "ocr" for r in results)
    assert len(pool.worker_pids()) == 2
    assert progress[0] == (0, 4) and progress[-1] == (4, 4)


def test_cancel_stops_after_the_current_pages(pool: OcrPool, dossier: Path) -> None:
    state = TaskState()
    received = []
    with pytest.raises(Cancelled):
        for result in pool.run(dossier, mode="title", state=state):
            received.append(result)
            state.cancel()
    assert len(received) == 1
    # The pool is still usable after a cancel.
    (again,) = pool.run(dossier, [5], mode="title")
    assert _first_line(again) == TITLES[5]


def test_worker_crash_fails_only_its_pages(pool: OcrPool, dossier: Path) -> None:
    results: list[PageResult] = []
    for result in pool.run(dossier, mode="title"):
        if not results:  # kill a worker while the next pages are in flight
            os.kill(pool.worker_pids()[0], signal.SIGKILL)
        results.append(result)
    summary = [(r.index, r.error or _first_line(r)) for r in results]
    assert sorted(r.index for r in results) == list(range(len(TITLES))), summary
    failed = [r for r in results if r.error]
    assert failed, summary
    for r in failed:
        assert r.text is None
        assert f"第 {r.index + 1} 页" in r.error and "意外退出" in r.error
    read = {r.index: _first_line(r) for r in results if not r.error}
    assert read[results[0].index] == TITLES[results[0].index]  # earlier results kept
    assert all(TITLES[i] == title for i, title in read.items()), summary
    # A fresh pool carries on: the pages the crash took are read at once when asked again
    # (whether any page was still queued at the crash depends on timing, so that is not asserted).
    retried = list(pool.run(dossier, [r.index for r in failed], mode="title"))
    assert all(r.error is None and _first_line(r) == TITLES[r.index] for r in retried), retried


def test_background_reading_leaves_no_pages_queued_for_a_users_import(dossier: Path) -> None:
    """A preempted background run leaves the workers only the pages they are reading: a
    user's import is never queued behind another dossier's pages."""
    with OcrPool(workers=1) as one:
        waiting_user: list[int] = []
        for _result in one.run(dossier, [0, 1, 2], mode="title", state=TaskState()):
            waiting_user.append(one.pages_submitted())
        waiting_background: list[int] = []
        background = TaskState(background=True)
        for _result in one.run(dossier, [0, 1, 2], mode="title", state=background):
            waiting_background.append(one.pages_submitted())
    # A user's run keeps the worker fed (the next page is there when one is read) ...
    assert waiting_user[:2] == [1, 1]
    # ... background work submits a page only when the worker is free.
    assert waiting_background == [0, 0, 0]


def test_background_flag_goes_to_every_stage() -> None:
    state = TaskState(background=True)
    assert state.child(lambda *_: None).background
    assert not TaskState().child(lambda *_: None).background
