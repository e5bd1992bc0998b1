"""Rasterise laid-out pages into convincing 200-dpi scans, encoded as JPEG.

Real scans are never clean renders: the paper is off-white and unevenly lit, the sheet sits
a little askew, toner is grey rather than black, signatures are in blue-black ink, and the
scanner adds blur, grain and dust. OCR and splitting must be tested against that.
"""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from app.demo.fonts import font
from app.demo.layout import PAGE_H, PAGE_W, STYLES, LaidPage, LineOp, PhotoOp, SealOp, TextOp
from app.demo.seal import inked_seal

JPEG_QUALITY = 72
_BLUE_INK = np.array([0.16, 0.2, 0.45], dtype=np.float32)  # blue-black pen, as reflectance


def _photo(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A photocopied photograph: soft shapes and grain in greys."""
    base = rng.uniform(60, 200, size=(h // 40 + 2, w // 40 + 2)).astype(np.float32)
    img = Image.fromarray(base.astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(3, 7))):
        x0, y0 = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 60))
        x1, y1 = x0 + int(rng.integers(60, w // 2)), y0 + int(rng.integers(60, h // 2))
        shade = int(rng.integers(30, 230))
        if rng.random() < 0.5:
            draw.rectangle((x0, y0, x1, y1), fill=shade)
        else:
            draw.ellipse((x0, y0, x1, y1), fill=shade)
    img = img.filter(ImageFilter.GaussianBlur(6))
    return img


def _draw_ink(
    page: LaidPage, rng: np.random.Generator
) -> tuple[Image.Image, Image.Image, list[SealOp]]:
    """Two 'L' layers (255 = paper): printed toner and hand-written pen."""
    toner = Image.new("L", (PAGE_W, PAGE_H), 255)
    pen = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw_t, draw_p = ImageDraw.Draw(toner), ImageDraw.Draw(pen)
    grey = int(rng.integers(18, 45))
    seals: list[SealOp] = []
    for op in page.ops:
        if isinstance(op, TextOp):
            role, size, line_h = STYLES[op.style]
            top = op.y + (line_h - size) // 2
            if op.style == "hand":
                jitter = int(rng.integers(-4, 5))
                draw_p.text((op.x, top + jitter), op.text, font=font(role, size), fill=25)
            else:
                draw_t.text((op.x, top), op.text, font=font(role, size), fill=grey)
        elif isinstance(op, LineOp):
            draw_t.line(op.box, fill=grey, width=op.width)
        elif isinstance(op, PhotoOp):
            toner.paste(_photo(rng, op.x1 - op.x0, op.y1 - op.y0), (op.x0, op.y0))
            draw_t.rectangle(op.box, outline=grey, width=2)
        elif isinstance(op, SealOp):
            seals.append(op)
    return toner, pen, seals


def _paper(rng: np.random.Generator) -> np.ndarray:
    """Off-white, slightly warm: red >= green >= blue, as aged office paper scans."""
    red = rng.uniform(238, 248)
    green = red - rng.uniform(1, 5)
    blue = green - rng.uniform(4, 12)
    return np.array([red, green, blue], dtype=np.float32)


_NOISE_MARGIN = 256


@cache
def _noise_field() -> np.ndarray:
    """Scanner grain, made once per process; each page reads it at a random offset."""
    rng = np.random.default_rng(20240101)
    shape = (PAGE_H + _NOISE_MARGIN, PAGE_W + _NOISE_MARGIN)
    return np.round(rng.standard_normal(shape, dtype=np.float32) * 2.4).astype(np.int16)


def _skew(layer: Image.Image, angle: float, smooth: bool = True) -> Image.Image:
    """The sheet lying askew on the glass, then the optics' softness."""
    resample = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    layer = layer.rotate(angle, resample=resample, fillcolor=236 if smooth else 255)
    return layer.filter(ImageFilter.BoxBlur(0.6))


def _lamp(rng: np.random.Generator) -> Image.Image:
    """Uneven illumination: a gentle brightness gradient across the sheet."""
    corners = Image.fromarray(rng.integers(243, 256, size=(2, 2)).astype(np.uint8), "L")
    return corners.resize((PAGE_W, PAGE_H), Image.Resampling.BILINEAR)


def _tint(grey: Image.Image, rgb: tuple[float, float, float]) -> Image.Image:
    """Map a grey image onto colour: white → ``rgb``, black stays black."""
    return Image.merge("RGB", [grey.point(lambda v, c=c: v * c / 255.0) for c in rgb])


def render_page(page: LaidPage, seed: int) -> Image.Image:
    """The scanned look of one page as an RGB image (deterministic for ``seed``)."""
    rng = np.random.default_rng(seed)
    toner, pen, seals = _draw_ink(page, rng)
    paper = _paper(rng)
    angle = float(rng.uniform(0.3, 1.2) * rng.choice((-1, 1)))
    grey = ImageChops.multiply(_skew(toner, angle), _lamp(rng))
    arr = np.asarray(grey, dtype=np.int16)
    oy, ox = (int(v) for v in rng.integers(0, _NOISE_MARGIN, 2))
    arr = arr + _noise_field()[oy : oy + PAGE_H, ox : ox + PAGE_W]
    _speckle(arr, rng)
    grey = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    red, green, blue = (float(c) for c in paper)
    img = _tint(grey, (red, green, blue))
    if any(isinstance(op, TextOp) and op.style == "hand" for op in page.ops):
        ink = tuple(255.0 * float(b) for b in _BLUE_INK)
        pen_rgb = Image.merge(
            "RGB",
            [
                _skew(pen, angle, smooth=False).point(
                    lambda v, c=c: 255 - (255 - v) * (1 - c / 255.0)
                )
                for c in ink
            ],
        )
        img = ImageChops.multiply(img, pen_rgb)
    for op in seals:
        _stamp(img, op, rng)
    return img


def _speckle(t: np.ndarray, rng: np.random.Generator) -> None:
    """Dust and toner specks of one to three pixels."""
    count = int(rng.integers(60, 260))
    yy = rng.integers(0, PAGE_H - 3, count)
    xx = rng.integers(0, PAGE_W - 3, count)
    sizes = rng.integers(1, 4, count)
    values = rng.integers(40, 170, count)
    for y, x, s, v in zip(yy, xx, sizes, values, strict=True):
        t[y : y + s, x : x + s] = np.minimum(t[y : y + s, x : x + s], v)


def _stamp(img: Image.Image, op: SealOp, rng: np.random.Generator) -> None:
    """Multiply a red seal impression onto the page, a little off its nominal place."""
    colour, alpha = inked_seal(op.organ, rng)
    x = op.cx - colour.width // 2 + int(rng.integers(-40, 41))
    y = op.cy - colour.height // 2 + int(rng.integers(-30, 31))
    region = img.crop((x, y, x + colour.width, y + colour.height))
    img.paste(Image.composite(ImageChops.multiply(region, colour), region, alpha), (x, y))


def to_jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=True, dpi=(200, 200))
    return out.getvalue()
