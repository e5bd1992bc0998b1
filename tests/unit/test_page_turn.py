"""Pages scanned upside down: read turned, stored on the scan, read upright by the readers.

The pages here are drawn by hand (``test_seal_reading.decision_scan``: a decision with its
date under a red seal), not by the demo generator, and turned the way a sheet fed into the
scanner the wrong way round comes out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from sqlalchemy import select

from app.casefiles import ocr
from app.casefiles.facts import DOUBTFUL, extract_facts
from app.casefiles.page_lines import stored_page_input
from app.casefiles.page_source import open_pages
from app.casefiles.page_turn import scan_rect, to_scan, to_upright, upright_size
from app.casefiles.splitting import DocumentSpan
from app.config import Paths, RunContext
from app.demo.fonts import font
from app.services import Services
from app.store.models import Page
from tests.unit.test_seal_reading import DPI, decision_scan, engine

coordinate = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(st.tuples(coordinate, coordinate), st.sampled_from([0, 90, 180, 270]))
def test_a_point_turned_and_put_back_is_where_it_was(point: tuple[float, float], turn: int) -> None:
    size = (595.0, 842.0)
    upright = to_upright(point, size, turn)
    back = to_scan(upright, size, turn)
    assert back == pytest.approx(point)


def test_the_turned_page_is_the_scan_turned_clockwise() -> None:
    size = (600.0, 800.0)
    assert upright_size(size, 90) == (800.0, 600.0)
    assert to_upright((0, 0), size, 90) == (800, 0)  # the top-left corner goes to the top-right
    assert to_upright((0, 0), size, 180) == (600, 800)
    assert to_upright((0, 0), size, 270) == (0, 600)
    assert scan_rect((10, 20, 110, 40), size, 180) == (490, 760, 590, 780)


def test_a_stored_page_read_turned_is_given_to_the_readers_upright() -> None:
    """The title OCR boxed at the foot of the upside-down scan stands at the top."""
    foot = [[200, 780], [400, 780], [400, 800], [200, 800]]
    records = [{"text": "行政处罚决定书", "box": foot, "score": 0.99, "turn": 180}]
    page = stored_page_input(records, 595, 842)
    box = page.lines[0].box
    assert box[0] == (195, 42)  # the top-left corner first, on the upright page
    assert max(y for _, y in box) < 842 / 2
    unturned = stored_page_input([{k: v for k, v in records[0].items() if k != "turn"}], 595, 842)
    assert unturned.lines[0].box == tuple(tuple(p) for p in foot)


def fed(path: Path, turn: Image.Transpose) -> Path:
    """The scan of ``path``'s only page, fed into the scanner turned (PIL's turns are
    counter-clockwise: ROTATE_270 is a sheet fed sideways, 90° clockwise)."""
    with open_pages(path) as source:
        image = source.render(0, DPI)
    turned = path.with_name(f"{turn.name}-{path.name}")
    image.transpose(turn).save(turned, resolution=DPI)
    return turned


def upside_down(path: Path) -> Path:
    return fed(path, Image.Transpose.ROTATE_180)


def test_an_upside_down_decision_is_read_turned_with_its_sealed_date(tmp_path: Path) -> None:
    path = upside_down(decision_scan(tmp_path, grey=False))
    with open_pages(path) as source:
        text = ocr.page_text(source, 0, engine())
        size = source.page_size(0)
    assert text.turned == 180
    assert text.text.splitlines()[0] == "行政处罚决定书"  # reading order of the upright page
    title = next(ln for ln in text.lines if ln.text == "行政处罚决定书")
    assert title.rect[1] > size[1] * 0.8  # boxed where it is on the scan: at its foot
    # the seal over the date is taken away on the turned page as on any other
    assert any(ln.reread is not None and "7月27日" in ln.reread.text for ln in text.lines)

    records = [
        {"text": ln.text, "box": ln.box, "score": ln.score, "turn": 180} for ln in text.lines
    ]
    pages = [stored_page_input(records, *size)]
    decided = extract_facts(pages, [DocumentSpan("penalty_decision", "", 1, 1, 1.0)]).dates[
        "decided"
    ]
    assert decided is not None
    assert decided.value == date(2024, 7, 27) or decided.status == DOUBTFUL


def test_a_page_the_right_way_up_is_read_as_it_is(tmp_path: Path) -> None:
    with open_pages(decision_scan(tmp_path, grey=True)) as source:
        text = ocr.page_text(source, 0, engine())
    assert text.turned == 0
    assert text.text.splitlines()[0] == "行政处罚决定书"


def test_an_imported_upside_down_page_is_shown_upright_and_its_facts_point_at_the_scan(
    tmp_path: Path,
) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(upside_down(decision_scan(tmp_path, grey=False))).id
    processor = services.processor()
    try:
        processor.process(case_id)
    finally:
        processor.close()
    with services.db.session() as session:
        page = session.scalars(select(Page).where(Page.case_file_id == case_id)).one()
        assert page.rotation == 180  # the viewer turns it as a reviewer would
        width, height = page.width, page.height
    assert services.cases.page_rotations(case_id) == {1: 180}  # crops are turned with it
    detail = services.cases.detail(case_id)
    assert [(d.type, d.first_page) for d in detail.documents] == [("penalty_decision", 1)]
    case_no = detail.facts["case_no"]
    assert case_no.value == "望交罚〔2024〕27号"
    # the 文号 stands under the title at the top of the decision: at the foot of the scan
    assert case_no.region is not None and case_no.region[1] > height * 0.7
    assert 0 <= case_no.region[0] < case_no.region[2] <= width


def sideways(path: Path) -> Path:
    return fed(path, Image.Transpose.ROTATE_270)


def test_a_page_is_read_the_way_a_reviewer_turned_it(tmp_path: Path) -> None:
    path = sideways(decision_scan(tmp_path, grey=True))
    with open_pages(path) as source:
        text = ocr.page_text(source, 0, engine(), turn=270)
        width, _height = source.page_size(0)
    assert text.turned == 270
    assert text.text.splitlines()[0] == "行政处罚决定书"
    title = next(ln for ln in text.lines if ln.text == "行政处罚决定书")
    assert title.rect[0] > width * 0.8  # the upright page's top is the scan's right edge


def test_a_page_on_its_side_is_read_upright_at_import_and_again_after(tmp_path: Path) -> None:
    """A sheet fed in sideways reads clearly line by line, but on end: it is turned a
    quarter at import, shown upright, and comes out the same when it is read again."""
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(sideways(decision_scan(tmp_path, grey=True))).id
    processor = services.processor()
    try:
        for redo in (False, True):
            processor.process(case_id, redo=redo)
            with services.db.session() as session:
                page = session.scalars(select(Page).where(Page.case_file_id == case_id)).one()
                assert page.rotation == 270
                assert (page.ocr_text or "").splitlines()[0] == "行政处罚决定书"
                assert {ln.get("turn") for ln in page.ocr_boxes} == {270}
                width = page.width
    finally:
        processor.close()
    detail = services.cases.detail(case_id)
    assert [(d.type, d.first_page) for d in detail.documents] == [("penalty_decision", 1)]
    case_no = detail.facts["case_no"]
    assert case_no.value == "望交罚〔2024〕27号"
    assert case_no.region is not None and case_no.region[0] > width * 0.6  # on the scan


@pytest.mark.parametrize(
    ("feed", "turn"), [(Image.Transpose.ROTATE_270, 270), (Image.Transpose.ROTATE_90, 90)]
)
def test_a_page_on_either_side_is_turned_the_right_way(
    tmp_path: Path, feed: Image.Transpose, turn: int
) -> None:
    with open_pages(fed(decision_scan(tmp_path, grey=False), feed)) as source:
        text = ocr.page_text(source, 0, engine())
    assert text.turned == turn
    assert text.text.splitlines()[0] == "行政处罚决定书"


def title_only_upside_down(folder: Path) -> Path:
    """A page holding only a short title, scanned upside down: too little ink and text for
    the way-up check to try a turn (a cover or a separator sheet often looks like this)."""
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (width // 2, int(1.2 * DPI)), "送达回证", font=font("serif", 60), anchor="mm", fill="black"
    )
    path = folder / "title.pdf"
    image.transpose(Image.Transpose.ROTATE_180).save(path, resolution=DPI)
    return path


def test_a_page_the_reviewer_turned_is_read_that_way_when_read_again(tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(title_only_upside_down(tmp_path)).id
    processor = services.processor()

    def page() -> Page:
        with services.db.session() as session:
            found = session.scalars(select(Page).where(Page.case_file_id == case_id)).one()
            session.expunge(found)
            return found

    try:
        processor.process(case_id)
        assert page().rotation == 0 and "送达回证" not in (page().ocr_text or "")  # not caught
        services.cases.set_rotation(case_id, 1, 180)  # the reviewer turns it
        processor.process(case_id, redo=True)
    finally:
        processor.close()
    assert (page().ocr_text or "").strip() == "送达回证"
    assert {ln.get("turn") for ln in page().ocr_boxes} == {180}
