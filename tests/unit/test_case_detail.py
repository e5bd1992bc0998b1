"""A dossier's detail for the viewer: pages, rotation as derived data, missing cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.errors import NotFoundError, UserError
from app.services import Services
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


def test_detail_lists_pages_and_points_at_the_library_copy(
    services: Services, tmp_path: Path
) -> None:
    source = make_pdf(tmp_path / "卷.pdf", pages=3)
    case_id = services.library.import_pdf(source, "市交通运输局", "coercion").id
    detail = services.cases.detail(case_id)
    assert [p.index for p in detail.pages] == [1, 2, 3]
    assert detail.file_path.read_bytes() == source.read_bytes()
    assert detail.file_path.parent.parent == services.ctx.paths.library_dir
    assert detail.department == "市交通运输局" and detail.kind == "coercion"
    assert detail.pages[0].width == pytest.approx(595)


def test_rotation_is_stored_without_touching_the_original(
    services: Services, tmp_path: Path
) -> None:
    case_id = services.library.import_pdf(make_pdf(tmp_path / "r.pdf", pages=2)).id
    copy = services.cases.detail(case_id).file_path
    before = copy.read_bytes()
    services.cases.set_rotation(case_id, 2, 270)
    services.cases.set_rotation(case_id, 1, 450)
    pages = services.cases.detail(case_id).pages
    assert [p.rotation for p in pages] == [90, 270]
    assert copy.read_bytes() == before
    with pytest.raises(UserError):
        services.cases.set_rotation(case_id, 1, 45)


def test_unknown_case_or_page(services: Services, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="没有编号为 99"):
        services.cases.detail(99)
    case_id = services.library.import_pdf(make_pdf(tmp_path / "p.pdf", pages=1)).id
    with pytest.raises(NotFoundError, match="第 5 页"):
        services.cases.page_text(case_id, 5)
    assert services.cases.page_text(case_id, 1).text == ""


def test_the_contents_table_is_read_from_the_stored_ocr(services: Services) -> None:
    import json

    from app.casefiles.case_detail import case_json
    from app.store import repositories
    from app.store.models import Document

    fixture = (
        Path(__file__).resolve().parent.parent / "fixtures" / "ocr" / "演示01-行政处罚案卷.json"
    )
    pages = json.loads(fixture.read_text(encoding="utf-8"))["pages"][:3]
    with services.db.session() as s:
        case = repositories.add_case_file(
            s, sha256="c" * 64, original_name="目录.pdf", stored_path="c", source_kind="pdf"
        )
        for index, page in enumerate(pages, start=1):
            repositories.add_page(
                s, case, index, width=page["width"], height=page["height"], ocr_boxes=page["lines"]
            )
        for doc_type, first in (("case_cover", 1), ("table_of_contents", 2), ("unknown", 3)):
            s.add(Document(case_file_id=case.id, type=doc_type, first_page=first, last_page=first))
        s.flush()
        case_id = case.id
    detail = services.cases.detail(case_id)
    assert len(detail.contents) == 13
    shown = case_json(detail)
    assert shown["contents"][9] == {  # type: ignore[index]
        "number": 10,
        "title": "本机关行政处罚决定书",
        "doc_no": "云市监处罚〔2025〕148号",
        "date": "2025-05-27",
        "first_page": 11,
        "last_page": 12,
        "page": 2,
    }
    names = [d["name"] for d in shown["documents"]]  # type: ignore[attr-defined]
    assert names == ["案卷封面", "卷内目录", "未识别文书（第 3 页）"]
