"""A full disk and a folder made read-only mid-run (issue 18): import, OCR, scoring and every
export say in Chinese what could not be written, the database stays whole, and no
half-written output is left behind. The volumes are small tmpfs mounts (tests/volumes.py)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.documents.letter_requests import OpinionRequest
from app.errors import UserError, user_message
from app.services import Services
from benchmarks.reliability.world import DEPARTMENTS, World, build_world
from tests.volumes import fill, listing, read_only, small_volume

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "w")


def sound(services: Services) -> None:
    checked = services.check_database()
    assert checked["sound"], checked["problems"]
    assert services.verify_audit()["intact"]


EXPORTS = ("opinion", "sheet", "circular", "workbook", "charts")


def export(services: Services, world: World, kind: str, out: Path) -> object:
    reports = services.reports()
    if kind == "opinion":
        return services.letters().issue_opinion(OpinionRequest(world.campaign, DEPARTMENTS[2], date(2026, 9, 1), deadline=date(2026, 10, 9)), out / "意见书.docx")  # fmt: skip
    if kind == "sheet":
        return reports.sheet(world.campaign, world.cases[0], out / "评查表.docx")
    if kind == "circular":
        return reports.circular(world.campaign, out / "通报.docx", date(2026, 9, 1))
    if kind == "workbook":
        return reports.workbook(world.campaign, out / "汇总.xlsx", date(2026, 9, 1))
    return reports.charts(world.campaign, out / "图表")


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_every_export_names_the_file_it_could_not_write(
    template: World, tmp_path: Path, trouble: str
) -> None:
    world = template.copy_to(tmp_path / "w")
    services = Services.open(world.context())
    numbers_before = [(s.next_number, s.issued) for s in services.numbers().sequences()]
    try:
        with small_volume(tmp_path / "out", "2m") as out:
            (out / "图表").mkdir()
            fill(out) if trouble == "full" else read_only(out)
            for kind in EXPORTS:
                with pytest.raises(UserError) as refused:
                    export(services, world, kind, out)
                message = str(refused.value)
                assert CJK.search(message) and str(out) in message, message
                assert listing(out) == ["图表"], kind  # nothing half-written
        assert [
            (s.next_number, s.issued) for s in services.numbers().sequences()
        ] == numbers_before  # no 文号 taken
        sound(services)
    finally:
        services.close()


def noisy_pdf(path: Path) -> Path:
    """A one-page scan of noise: about 3 MB that no compression shrinks."""
    import io

    import numpy as np
    import pymupdf
    from PIL import Image

    noise = np.random.default_rng(18).integers(0, 256, (1000, 1000, 3), dtype=np.uint8)
    png = io.BytesIO()
    Image.fromarray(noise).save(png, "PNG")
    with pymupdf.open() as doc:
        doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), stream=png.getvalue())
        doc.save(path)
    return path


def test_import_on_a_full_library_leaves_nothing_behind(tmp_path: Path) -> None:
    with small_volume(tmp_path / "data", "6m") as data:
        services = Services.open(RunContext(Paths(data)))
        try:
            big = noisy_pdf(tmp_path / "卷宗.pdf")  # a 3 MB scan
            filler = fill(data)
            filler.write_bytes(b"\0" * (filler.stat().st_size - 1_000_000))  # 1 MB free
            before = listing(data / "library")
            with pytest.raises(UserError) as refused:
                services.library.import_path(big, DEPARTMENTS[0], "penalty")
            message = str(refused.value)
            assert "卷宗.pdf" in message and "磁盘空间已满" in message and "未导入" in message
            assert listing(data / "library") == before
            assert services.library.list_cases() == []
            sound(services)
        finally:
            services.close()


def test_scoring_and_ocr_on_a_full_disk_say_so_and_keep_the_database(
    template: World, tmp_path: Path
) -> None:
    with small_volume(tmp_path / "vol", "48m") as volume:
        shutil.copytree(template.data_dir.parent, volume / "w", dirs_exist_ok=True)
        world = World.from_json(
            template.to_json().replace(str(template.data_dir.parent), str(volume / "w"))
        )
        services = Services.open(world.context())
        try:
            kept = len(services.reviews.deductions(world.campaign, world.cases[0]))
            fill(volume)
            failures = []
            for work in (
                lambda: services.reviews.deduct(world.campaign, world.cases[0], "P-3.4", 1, "满盘"),
                lambda: services.processor().process(world.cases[1], redo=True),
            ):
                with pytest.raises(Exception) as failed:
                    for _ in range(500):  # until the disk refuses (SQLite may have room left)
                        work()
                failures.append(user_message(failed.value))
            for message in failures:
                assert "磁盘空间已满" in message and "已有数据未受影响" in message, message
            (volume / "filler.bin").unlink()
            assert len(services.reviews.deductions(world.campaign, world.cases[0])) >= kept
            sound(services)
        finally:
            services.close()
