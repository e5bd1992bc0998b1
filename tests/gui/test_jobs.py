"""Background work that fails tells the user in Chinese: the service's own message, a file
error with its path, or a Chinese line for an unforeseen error — never a bare English text."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from app.errors import UserError
from app.ui.jobs import Job


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (UserError("模板缺少字段 deadline"), "模板缺少字段 deadline"),
        (OSError(28, "No space left on device", "/data/out.docx"), "文件操作失败“/data/out.docx”"),
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
    from app.ui.jobs import JobRunner

    runner = JobRunner()
    messages: list[str] = []

    def work(_state):  # type: ignore[no-untyped-def]
        raise UserError("立即失败")

    for _ in range(20):  # a lost signal is a race: try it often
        job = runner.start(work)
        job.failed.connect(messages.append)
    qtbot.waitUntil(lambda: len(messages) == 20, timeout=10_000)
    assert set(messages) == {"立即失败"}
    runner.shutdown()
