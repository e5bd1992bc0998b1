"""The dossier window shows the dossier's own 卷内目录 in its tab, and names a page the
splitter could not place 未识别文书（第 N 页） in the outline, never by an id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services import Services
from app.store.models import Document, Page
from app.ui.viewer.contents_panel import EMPTY_TEXT
from app.ui.viewer.dossier_window import DossierWindow

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ocr" / "演示01-行政处罚案卷.json"


@pytest.fixture
def services(window_services: Services) -> Services:
    return window_services  # the shared copy of the demo library (tests/gui/conftest.py)


def open_window(qtbot, services: Services, case_id: int) -> DossierWindow:  # type: ignore[no-untyped-def]
    window = DossierWindow(services, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_contents_tab_and_unplaced_pages(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case_id = services.library.list_cases()[0].id
    contents_page = json.loads(FIXTURE.read_text(encoding="utf-8"))["pages"][1]
    with services.db.session() as s:
        page = s.scalar(select(Page).where(Page.case_file_id == case_id, Page.index == 2))
        assert page is not None
        page.ocr_boxes = contents_page["lines"]
        s.add_all(
            [
                Document(case_file_id=case_id, type="case_cover", first_page=1, last_page=1),
                Document(case_file_id=case_id, type="table_of_contents", first_page=2, last_page=2),
                Document(case_file_id=case_id, type="unknown", first_page=3, last_page=3),
            ]
        )
    window = open_window(qtbot, services, case_id)
    tree = window.outline.tree
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == [
        "案卷封面",
        "卷内目录",
        "未识别文书（第 3 页）",
    ]
    table = window.side.contents.table
    assert table.rowCount() == 13
    assert [table.item(9, c).text() for c in range(4)] == [
        "10",
        "本机关行政处罚决定书",
        "2025-05-27",
        "11–12",
    ]
    assert window.side.contents.note.text().startswith("第 2 页卷内目录所列文件")


def test_a_dossier_without_contents_says_so(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, services, services.library.list_cases()[0].id)
    assert window.side.contents.note.text() == EMPTY_TEXT
    assert window.side.contents.table.isHidden()
