"""The window's one job runner: failures reach the user in Chinese, writes run one after
another on the one writer thread (never the GUI thread), a Cancel really cancels, and each
operation emits the app-wide change signal exactly once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.changes import OpChanges, OpResult
from app.errors import UserError
from app.tasks import Cancelled, TaskState
from app.ui.taskman import WRITER_THREAD, Job, TaskManager


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (UserError("模板缺少字段 deadline"), "模板缺少字段 deadline"),
        (
            OSError(28, "No space left on device", "/data/out.docx"),
            "磁盘空间已满，无法写入“/data/out.docx”",
        ),
        (
            OSError(13, "Permission denied", "/data/out.docx"),
            "文件操作失败“/data/out.docx”：没有访问权限",
        ),
        (KeyError("deadline_iso"), "操作未能完成（程序内部错误：KeyError）"),
    ],
)
def test_failures_reach_the_user_in_chinese(qtbot, error: Exception, expected: str) -> None:
    def work(_state):  # type: ignore[no-untyped-def]
        raise error

    job = Job(work)
    with ThreadPoolExecutor(1) as pool, qtbot.waitSignal(job.failed, timeout=10_000) as signal:
        job.run_in(pool)
    assert signal.args[0].startswith(expected)


def test_a_job_that_fails_at_once_still_reaches_the_handler_connected_after_start(qtbot) -> None:
    runner = TaskManager()
    messages: list[str] = []

    def work(_state):  # type: ignore[no-untyped-def]
        raise UserError("立即失败")

    for _ in range(20):  # a lost signal is a race: try it often
        job = runner.start(work)
        job.failed.connect(messages.append)
    qtbot.waitUntil(lambda: len(messages) == 20, timeout=10_000)
    assert set(messages) == {"立即失败"}
    runner.shutdown()


def test_writes_run_one_at_a_time_on_the_one_writer_thread(qtbot) -> None:
    tasks = TaskManager(workers=3)
    threads: set[str] = set()
    running = 0
    overlapped = False
    lock = threading.Lock()

    def op() -> OpChanges:
        nonlocal running, overlapped
        with lock:
            running += 1
            overlapped = overlapped or running > 1
            threads.add(threading.current_thread().name)
        threading.Event().wait(0.01)  # a write that takes a moment: others must queue
        with lock:
            running -= 1
        return OpChanges(review=True)

    done: list[object] = []
    for _ in range(8):
        tasks.run_op(None, op, done.append)
    tasks.start(lambda _s: op(), writes=True)  # a long job that writes joins the same queue
    qtbot.waitUntil(lambda: tasks.idle and len(done) == 8, timeout=10_000)
    assert not overlapped
    assert len(threads) == 1 and next(iter(threads)).startswith(WRITER_THREAD)
    assert threading.current_thread().name not in threads
    tasks.shutdown()


def test_each_operation_emits_the_change_signal_once_with_its_changes(qtbot) -> None:
    tasks = TaskManager()
    seen: list[tuple[object, object]] = []
    tasks.signals.changed.connect(lambda changes, who: seen.append((changes, who)))
    initiator = object()
    values: list[int] = []

    job = tasks.run_op(
        None,
        lambda: OpResult(7, OpChanges(review=True).with_ids(3, 5)),
        lambda result: values.append(result.value),
        initiator=initiator,
    )
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: tasks.idle, timeout=10_000)
    assert values == [7]
    assert len(seen) == 1
    changes, who = seen[0]
    assert isinstance(changes, OpChanges) and changes.review and changes.case_ids == {5}
    assert who is initiator
    tasks.shutdown()


def test_a_failed_operation_reports_in_chinese_and_emits_no_change(qtbot) -> None:
    tasks = TaskManager()
    seen: list[object] = []
    tasks.signals.changed.connect(lambda changes, _who: seen.append(changes))
    messages: list[str] = []

    def op() -> OpChanges:
        raise UserError("已签字确认，不能修改")

    tasks.run_op(None, op, on_failure=messages.append)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["已签字确认，不能修改"]
    assert seen == []
    tasks.shutdown()


def test_cancel_stops_a_long_job_between_steps(qtbot) -> None:
    tasks = TaskManager()
    started = threading.Event()
    steps: list[int] = []

    def work(state: TaskState) -> int:
        for i in range(1000):
            state.progress(i, 1000, "处理中")
            started.set()
            steps.append(i)
            threading.Event().wait(0.005)
        return len(steps)

    job = tasks.start(work, changes=OpChanges(library=True))
    changed: list[object] = []
    tasks.signals.changed.connect(lambda changes, _who: changed.append(changes))
    qtbot.waitUntil(started.is_set, timeout=10_000)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert len(steps) < 1000
    assert changed == [OpChanges(library=True)]  # what was saved before Cancel is announced
    tasks.shutdown()


def test_a_form_write_waits_on_the_writer_and_raises_the_refusal(qtbot) -> None:
    tasks = TaskManager()
    seen: list[object] = []
    tasks.signals.changed.connect(lambda changes, _who: seen.append(changes))
    ran_on: list[str] = []

    def op() -> OpResult[int]:
        ran_on.append(threading.current_thread().name)
        return OpResult(3, OpChanges(ledger=True))

    assert tasks.run_op_and_wait(op).value == 3
    assert ran_on[0].startswith(WRITER_THREAD) and seen == [OpChanges(ledger=True)]

    def refused() -> OpChanges:
        raise UserError("请填写纠错原因。")

    with pytest.raises(UserError, match="纠错原因"):
        tasks.run_op_and_wait(refused)
    assert len(seen) == 1  # a refusal changes nothing
    tasks.shutdown()


def test_closing_never_drops_a_write_the_user_asked_for(qtbot) -> None:
    tasks = TaskManager()
    stored: list[int] = []
    for n in range(5):
        tasks.run_op(None, lambda n=n: stored.append(n) or OpChanges(review=True))
    tasks.shutdown()  # before the event loop had a chance to start them
    assert stored == [0, 1, 2, 3, 4]


def test_a_long_job_computes_on_the_pool_and_hands_each_write_to_the_writer(qtbot) -> None:
    tasks = TaskManager()
    seen: list[tuple[str, str]] = []

    def work(state: TaskState) -> int:
        seen.append(("work", threading.current_thread().name))
        for _ in range(3):
            state.progress(0, 3)
            state.child(lambda *_a: None).write(
                lambda: seen.append(("write", threading.current_thread().name))
            )
        return 3

    tasks.start(work)
    tasks.start(work, writes=True)  # a job already on the writer writes in place (no wait)
    qtbot.waitUntil(lambda: tasks.idle, timeout=10_000)
    work_threads = [name for kind, name in seen if kind == "work"]
    write_threads = {name for kind, name in seen if kind == "write"}
    assert not work_threads[0].startswith(WRITER_THREAD)
    assert work_threads[1].startswith(WRITER_THREAD)
    assert len(seen) == 8 and len(write_threads) == 1
    assert next(iter(write_threads)).startswith(WRITER_THREAD)
    tasks.shutdown()


def test_a_write_after_the_window_closed_stops_the_job_as_cancelled(qtbot) -> None:
    tasks = TaskManager()
    tasks.shutdown()
    stored: list[int] = []
    with ThreadPoolExecutor(1) as pool, pytest.raises(Cancelled):
        pool.submit(tasks.write, lambda: stored.append(1)).result()
    assert stored == []
