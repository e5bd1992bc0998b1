"""The work queue's words and order (what the 任务 panel shows), and what a reading tells it:
the dossier, its stages in order, and a cancel that leaves no 识别中 behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.casefiles.ocr_pool import OcrPool
from app.config import Paths, RunContext
from app.services import Services
from app.tasks import Cancelled, TaskState
from app.work_queue import FACTS, FULL_PASS, RUNNING, TITLE_PASS, JobRecord, WorkQueue
from tests.unit.test_library_import import make_pdf


def test_a_running_reading_names_dossier_stage_page_and_dossier_count() -> None:
    record = WorkQueue().add("继续识别未完成的案卷")
    record.describe(index=3, count=12)
    record.describe(dossier="卷宗3.pdf", stage=FULL_PASS)
    record.progress(4, 11)
    assert record.line() == "卷宗3.pdf · 全文识别 第 4/11 页 · 第 3 卷，共 12 卷"


def test_a_new_stage_or_dossier_starts_its_page_count_again() -> None:
    record = JobRecord(1, "导入 2 项", state=RUNNING)
    record.describe(dossier="甲.pdf", stage=TITLE_PASS)
    record.progress(5, 5)
    record.describe(stage=FULL_PASS)
    assert (record.page, record.pages) == (0, 0)
    assert record.line() == "甲.pdf · 全文识别"  # one dossier: no "第 1 卷，共 1 卷"
    record.progress(2, 5)
    record.describe(dossier="乙.pdf")
    assert (record.page, record.pages) == (0, 0)


def test_a_job_without_a_stage_shows_its_own_words() -> None:
    record = JobRecord(1, "正在备份数据库", state=RUNNING)
    record.progress(1, 3, "正在复制数据库")
    assert record.line() == "正在备份数据库 · 正在复制数据库"


def test_running_jobs_come_first_then_waiting_ones_in_the_order_asked() -> None:
    queue = WorkQueue()
    first = queue.add("导入 甲.pdf", running=False)
    resume = queue.add("继续识别未完成的案卷", background=True)
    second = queue.add("导入 乙.pdf", running=False)
    assert queue.records() == [resume, first, second]
    assert queue.running_background() == [resume]
    assert first.line() == "导入 甲.pdf（等待中）"
    assert queue.summary().endswith("（另有 2 项任务）")
    urgent = queue.add("导入 丙.pdf", running=False, before=first)
    assert queue.records() == [resume, urgent, first, second]
    queue.remove(urgent)
    queue.remove(resume)
    queue.remove(first)
    queue.remove(second)
    assert queue.records() == [] and queue.summary() == ""


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


def test_a_reading_reports_its_stages_and_a_cancel_leaves_it_waiting_again(
    services: Services, tmp_path: Path
) -> None:
    outcome = services.library.import_path(make_pdf(tmp_path / "卷宗.pdf", pages=3))
    described: list[dict] = []
    record = JobRecord(1, "导入 卷宗.pdf")

    def describe(**fields: object) -> None:
        described.append({k: v for k, v in fields.items() if v is not None})
        record.describe(**fields)  # type: ignore[arg-type]

    state = TaskState(on_describe=describe)

    def progress(done: int, total: int, _message: str) -> None:
        if record.stage == FULL_PASS and done >= 1:
            state.cancel()  # the reviewer presses 取消 after the first page of full text

    state.on_progress = progress
    with OcrPool(workers=1) as pool, pytest.raises(Cancelled):
        services.processor(pool).process(outcome.id, state)
    assert described[0] == {"dossier": "卷宗.pdf", "case_id": outcome.id}
    assert [d["stage"] for d in described if "stage" in d] == [TITLE_PASS, FULL_PASS]
    detail = services.cases.detail(outcome.id)
    assert detail.status == "imported"  # 待识别, not 识别中 for good
    read = [p for p in detail.pages if p.ocr_status == "done"]
    assert 1 <= len(read) < 3  # what was read before the cancel stays

    stages: list[str] = []
    with OcrPool(workers=1) as pool:
        services.processor(pool).process(
            outcome.id, TaskState(on_describe=lambda **f: stages.append(f.get("stage") or ""))
        )
    assert [s for s in stages if s] == [TITLE_PASS, FULL_PASS, FACTS]
    assert services.cases.detail(outcome.id).status == "ready"
