"""A second reading of the dates and numbers a seal covers, with the seal's ink taken away.

GB/T 9704 puts the organ's red seal over the 署名 and 成文日期 of every 决定书 and 告知书, so
the date a pre-check rests on is the one most often misread (7月27日 read as 7月2日). After
the page's plain OCR, each line that may carry such a date or 文号 is rendered again from
the page at a higher resolution and recognised once more:

- colour scans: seal ink is red (or blue) — bright in at least one channel — while text ink
  is dark in all three, so the brightest channel of a pixel (max of R, G, B) shows the text
  and drops the seal; a threshold then turns what is left of the seal to paper white;
- grey scans: no colour to separate, but seal ink prints mid-grey where text is near-black,
  so the band is contrast-stretched and only the darkest pixels are kept.

Both readings are kept (the plain one in the line, this one under its ``reread`` key): the
fact extractor and its cross-checks decide which to believe, never this module. Only short
date/文号-like lines, or short lines in the bottom of a page, are re-read, and only where
the line's box shows seal ink (coloured pixels, or a mass of mid-grey ones on a grey
scan), so a page costs one small crop more at most a few times (thresholds in
``resources/extraction.yaml``, section ``seal_reading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

if TYPE_CHECKING:
    from app.casefiles.ocr import Line, OcrEngine, Rect
    from app.casefiles.page_source import PageSource

COLOUR, GREY = "colour", "grey"

# A date or a document number: digits (or Chinese numerals) next to 年/月/日/号, or 〔year〕.
_DATE_OR_NUMBER = re.compile(
    r"[0-9〇○零一二三四五六七八九十]\s*[年月日号]|[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]"
)


@dataclass(frozen=True)
class Reread:
    """The text of a line read again without the seal; ``mode`` is COLOUR or GREY."""

    text: str
    score: float
    mode: str

    def json(self) -> dict[str, Any]:
        """As stored beside the line in ``pages.ocr_boxes`` (key ``reread``)."""
        return {"text": self.text, "score": round(self.score, 4), "mode": self.mode}

    @classmethod
    def from_json(cls, raw: Any) -> Reread | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            return None
        return cls(raw["text"], float(raw.get("score", 0.0)), str(raw.get("mode", "")))


@cache
def seal_config() -> dict[str, Any]:
    from app.casefiles.splitting import extraction_config  # splitting imports this module

    return dict(extraction_config().get("seal_reading", {}))


def _conf(key: str, default: float) -> float:
    return float(seal_config().get(key, default))


# ---------------------------------------------------------------- ink


def coloured_share(pixels: np.ndarray) -> float:
    """Share of pixels whose channels differ a lot (seal ink on a colour scan)."""
    spread = pixels.max(axis=2).astype(np.int16) - pixels.min(axis=2)
    return float((spread > _conf("colour_spread", 60)).mean())


def separate_ink(image: Image.Image) -> tuple[list[Image.Image], str]:
    """The text ink of ``image`` alone, dark on white, once per threshold to try, and
    whether colour was separated.

    Colour: the brightest channel of each pixel (red or bright blue ink is bright in one
    channel, black and blue-black pen in none). Grey: the grey level itself. Either way the
    result is stretched from its darkest to its paper level, and whatever is lighter than a
    threshold (seal ink) becomes paper. Grey seal ink ranges from dark to pale from one
    scan to the next, so grey scans get several thresholds and the best-read one wins."""
    pixels = np.asarray(image.convert("RGB"))
    colour = coloured_share(pixels) >= _conf("colour_min_share", 0.002)
    level = pixels.max(axis=2) if colour else np.asarray(image.convert("L"))
    low = float(np.percentile(level, 1))
    paper = float(np.percentile(level, 90))
    stretched = (level.astype(np.float32) - low) / max(paper - low, 1.0)
    cuts = seal_config().get("colour_thresholds" if colour else "grey_thresholds") or [0.45]
    # A ramp, not a hard cut: text keeps its anti-aliased edges, seal ink turns white.
    inks = [
        Image.fromarray((np.clip(stretched / float(cut), 0.0, 1.0) * 255).astype(np.uint8))
        for cut in cuts
    ]
    return [ink.convert("RGB") for ink in inks], COLOUR if colour else GREY


# ---------------------------------------------------------------- which lines


def seal_evidence(pixels: np.ndarray) -> bool:
    """Seal ink in a line's box: coloured pixels, or (grey scans) a mass of mid-grey ones
    that text alone, near-black with thin anti-aliased edges, does not make."""
    if pixels.size == 0:
        return False
    if coloured_share(pixels) >= _conf("red_line_share", 0.01):
        return True
    level = pixels.mean(axis=2)
    low, paper = float(np.percentile(level, 1)), float(np.percentile(level, 90))
    stretched = (level - low) / max(paper - low, 1.0)
    mid = float(((stretched > 0.3) & (stretched < 0.75)).mean())
    return mid >= _conf("grey_seal_share", 0.16)


def needs_reread(line: Line, page_height: float, page_image: Image.Image, dpi: float) -> bool:
    """A short line holding seal ink that reads like a date or 文号, or stands in the
    署名/日期 band at the bottom of the page (a seal may garble a date past recognition).

    Seal ink is required: re-reading a clean line gains nothing, and on faint forms the
    separation thins strokes (2024 re-read as 2021 on the demo's grey-toner forms)."""
    compact = re.sub(r"\s+", "", line.text)
    if len(compact) > _conf("max_chars", 24):
        return False
    x0, y0, x1, y1 = line.rect
    in_band = y0 >= page_height * (1.0 - _conf("bottom_band", 0.45))
    if not (in_band or _DATE_OR_NUMBER.search(compact)):
        return False
    scale = dpi / 72.0
    box = (int(x0 * scale), int(y0 * scale), int(x1 * scale) + 1, int(y1 * scale) + 1)
    return seal_evidence(np.asarray(page_image.crop(box).convert("RGB")).astype(np.int16))


# ---------------------------------------------------------------- re-reading


def reread_line(
    source: PageSource,
    index: int,
    line: Line,
    engine: OcrEngine,
    page_size: tuple[float, float],
    span: tuple[float, float] | None = None,
) -> Reread | None:
    """``line`` rendered again at ``reread_dpi`` with the seal ink taken away, and read.

    The crop is widened by a line height or two on each side: a seal may have hidden the
    ends of the date from the detector too; and to ``span`` (x0, x1), the 落款's organ name
    above the line, when there is one (``signature_span``). Only text whose middle falls
    within the line's own height is kept, so a neighbouring line caught by the crop is not
    mixed in."""
    x0, y0, x1, y1 = line.rect
    height = y1 - y0
    width, page_height = page_size
    pad_x = height * _conf("pad_x_lines", 1.5)
    left, right = (min(x0, span[0]), max(x1, span[1])) if span else (x0, x1)
    clip = (
        max(0.0, left - pad_x),
        max(0.0, y0 - height * 0.25),
        min(width, right + pad_x),
        min(page_height, y1 + height * 0.25),
    )
    return _read_clip(source, index, clip, engine, (y0, y1))[0]


def _read_clip(
    source: PageSource,
    index: int,
    clip: Rect,
    engine: OcrEngine,
    rows: tuple[float, float],
    plain: bool = False,
) -> tuple[Reread | None, Line | None]:
    """The text of ``clip`` at ``reread_dpi`` with the seal's ink taken away (the best of
    the thresholds), keeping text whose middle lies within ``rows``; with ``plain``, also
    the clip as rendered, read as one line (else None)."""
    from app.casefiles.ocr import Line as OcrLine
    from app.casefiles.ocr import reading_order

    dpi = _conf("reread_dpi", 300)
    image = source.render(index, dpi, clip=clip)
    inks, mode = separate_ink(image)

    def read(picture: Image.Image) -> list[Line]:
        found = engine.recognize(picture, dpi, offset=clip[:2])
        return reading_order([ln for ln in found if rows[0] <= _middle(ln) <= rows[1]])

    best: Reread | None = None
    for ink in inks:
        found = read(ink)
        if not found:
            continue
        chars = sum(len(ln.text) for ln in found)
        score = sum(ln.score * len(ln.text) for ln in found) / max(chars, 1)
        if best is None or score > best.score:
            best = Reread("".join(ln.text for ln in found), score, mode)
    as_read = None
    if plain:
        found = read(image)
        chars = max(sum(len(ln.text) for ln in found), 1)
        x0, y0, x1, y1 = clip
        as_read = OcrLine(
            "".join(ln.text for ln in found),
            ((x0, y0), (x1, y0), (x1, y1), (x0, y1)),
            sum(ln.score * len(ln.text) for ln in found) / chars,
        )
    return best, as_read


def hidden_date_bands(lines: list[Line], page_size: tuple[float, float]) -> list[Rect]:
    """The band under a 落款 whose date the seal hid from the detector entirely: an organ's
    name (its place perhaps garbled by the seal: 青川县 read 青 ) right of the page's centre with no date-like line within two lines below it (the
    heading organ name is centred, and has its title below). The last such 落款 only."""
    from app.casefiles.organs import looks_like_organ  # plain text rules, no OCR

    width, page_height = page_size
    bands = []
    for line in lines:
        x0, y0, x1, y1 = line.rect
        if not looks_like_organ(line.text) or (x0 + x1) / 2 < width * _conf(
            "signature_centre", 0.55
        ):
            continue
        height = y1 - y0
        below = (y1 - height * 0.25, y1 + height * _conf("hidden_band_lines", 2.5))
        if any(
            below[0] <= other.rect[1] <= below[1] and _DATE_OR_NUMBER.search(other.text)
            for other in lines
        ):
            continue
        bands.append(
            (max(0.0, x0 - height), y1, min(width, x1 + height), min(page_height, below[1]))
        )
    return bands[-1:]


def signature_span(lines: list[Line], line: Line) -> tuple[float, float] | None:
    """(x0, x1) of the 落款's organ name right above ``line``, when ``line`` is a piece of
    the 成文日期 under it. GB/T 9704 sets the date under the organ's name, about as wide;
    when the seal's ink hides most of the date from the detector, only a piece of it is
    boxed ("五日" of 二〇二四年十月十五日), and the re-read must cover the whole date."""
    x0, y0, x1, y1 = line.rect
    height = y1 - y0
    from app.casefiles.organs import looks_like_organ  # plain text rules, no OCR

    above = [
        other
        for other in lines
        if other is not line
        and looks_like_organ(other.text)
        and y0 - 2.5 * height <= other.rect[3] <= y0 + 0.5 * height
        and other.rect[0] < x1
        and other.rect[2] > x0
    ]
    if not above:
        return None
    organ = max(above, key=lambda other: other.rect[3])
    return organ.rect[0], organ.rect[2]


def _middle(line: Line) -> float:
    return (line.rect[1] + line.rect[3]) / 2


def with_rereads(
    source: PageSource,
    index: int,
    lines: list[Line],
    engine: OcrEngine,
    page_image: Image.Image,
    dpi: float,
) -> list[Line]:
    """``lines`` with a ``reread`` on those that need one (at most ``max_per_page``, the
    lowest first: the 落款 is at the bottom), and a line read in the band under a 落款
    whose date no line holds (``hidden_date_bands``)."""
    from dataclasses import replace

    size = source.page_size(index)
    wanted = [i for i, ln in enumerate(lines) if needs_reread(ln, size[1], page_image, dpi)]
    wanted = sorted(wanted, key=lambda i: -lines[i].rect[1])[: int(_conf("max_per_page", 4))]
    out = list(lines)
    for i in wanted:
        span = signature_span(lines, lines[i])
        reread = reread_line(source, index, lines[i], engine, size, span)
        if reread is not None:
            out[i] = replace(lines[i], reread=reread)
    for band in hidden_date_bands(out, size):
        # The band read as rendered and with the seal's ink taken away: a line of its own,
        # placed after the 落款's organ name, its text the plain reading.
        reread, as_read = _read_clip(source, index, band, engine, (band[1], band[3]), plain=True)
        if as_read is not None and (as_read.text or reread is not None):
            at = next((i for i, ln in enumerate(out) if ln.rect[3] == band[1]), len(out) - 1) + 1
            out.insert(at, replace(as_read, reread=reread))
    return out
