"""Printing and scanning: pages of drawing operations → JPEG scans → an image-only PDF.

The scan recipe: off-white paper, the red seal multiplied over the print (ink over ink, so
the digits under it stay but are crossed by red strokes), uneven seal ink, a small blur,
skew up to ±3°, sensor noise, then JPEG. A grey scan is the same page converted to L mode,
where the seal becomes mid-grey strokes over the date: the hard case for OCR.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from benchmarks.foreign.fonts import font
from benchmarks.foreign.pages import HEIGHT, WIDTH, Box, Page, Photo, Rule, Seal, Text

_PAPER = (246, 244, 236)
_SEAL_INK = (214, 38, 44)
MAX_SKEW = 3.0


def _px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


def _draw_text(draw: ImageDraw.ImageDraw, op: Text, dpi: int) -> None:
    size = max(_px(op.size, dpi), 6)
    face = font(op.role, size)
    anchor = {"l": "la", "m": "ma", "r": "ra"}[op.anchor]
    draw.text((_px(op.x, dpi), _px(op.y, dpi)), op.text, font=face, fill=op.ink, anchor=anchor)


def _seal_layer(op: Seal, dpi: int, rng: random.Random) -> Image.Image:
    """A round official seal (ring, five-pointed star, the organ's name on the arc) on a
    white square of side 2r + margin, centred: multiplied over the page where it is stamped."""
    r = _px(op.r, dpi)
    size = (2 * r + 8, 2 * r + 8)
    cx = cy = r + 4
    layer = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    ring = max(r // 14, 2)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=_SEAL_INK, width=ring)
    star = [
        (
            cx + (r * (0.3 if k % 2 == 0 else 0.12)) * math.sin(math.pi * k / 5),
            cy - (r * (0.3 if k % 2 == 0 else 0.12)) * math.cos(math.pi * k / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=_SEAL_INK)
    text = op.text
    char_px = max(int(r * 0.34), 8)
    face = font("hei", char_px)
    span = math.radians(250)
    for n, ch in enumerate(text):
        angle = -span / 2 + span * (n + 0.5) / len(text)
        x = cx + (r - ring - char_px * 0.75) * math.sin(angle)
        y = cy - (r - ring - char_px * 0.75) * math.cos(angle)
        glyph = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(glyph).text((char_px, char_px), ch, font=face, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC)
        layer.paste(_SEAL_INK, (int(x - char_px), int(y - char_px)), glyph)
    # uneven stamping: thin the ink in blotches so the seal is not a perfect drawing
    noise = np.random.default_rng(rng.randrange(1 << 30)).random(
        (size[1] // 8 + 1, size[0] // 8 + 1)
    )
    mask = Image.fromarray((noise * 120 + 135).clip(0, 255).astype(np.uint8)).resize(size)
    return Image.composite(layer, Image.new("RGB", size, (255, 255, 255)), mask)


def _photo(image: Image.Image, op: Photo, dpi: int) -> None:
    """An evidence photo: sky, ground and a few buildings or objects, deterministic by seed."""
    rng = random.Random(op.seed)
    x0, y0, x1, y1 = (_px(v, dpi) for v in op.box)
    w, h = x1 - x0, y1 - y0
    sky = np.linspace(rng.randint(150, 210), rng.randint(90, 140), h)[:, None, None]
    pixels = np.broadcast_to(sky, (h, w, 1)) * np.array([0.8, 0.9, 1.05])
    horizon = int(h * rng.uniform(0.45, 0.7))
    pixels[horizon:] = np.array([rng.randint(80, 130), rng.randint(80, 120), rng.randint(60, 90)])
    photo = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(photo)
    for _ in range(rng.randint(3, 6)):
        bw, bh = rng.randint(w // 10, w // 4), rng.randint(h // 5, h // 2)
        bx = rng.randint(0, w - bw)
        tone = tuple(rng.randint(90, 220) for _ in range(3))
        draw.rectangle((bx, horizon - bh, bx + bw, horizon), fill=tone)
        for wy in range(horizon - bh + 8, horizon - 10, max(bh // 5, 6)):
            draw.rectangle((bx + 5, wy, bx + bw - 5, wy + 4), fill=(60, 70, 80))
    image.paste(photo.filter(ImageFilter.GaussianBlur(1.2)), (x0, y0))


def render(page: Page, dpi: int, seed: int) -> Image.Image:
    """The printed page as an RGB image at ``dpi`` (before scanning)."""
    size = (_px(WIDTH, dpi), _px(HEIGHT, dpi))
    image = Image.new("RGB", size, _PAPER)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    seals = []
    for op in page.ops:
        if isinstance(op, Text):
            _draw_text(draw, op, dpi)
        elif isinstance(op, Rule):
            draw.line(
                (_px(op.x0, dpi), _px(op.y0, dpi), _px(op.x1, dpi), _px(op.y1, dpi)),
                fill=(30, 30, 30),
                width=max(_px(op.width, dpi), 1),
            )
        elif isinstance(op, Photo):
            _photo(image, op, dpi)
        else:
            seals.append(op)
    for op in seals:  # stamped after printing, over the print
        layer = _seal_layer(op, dpi, rng)
        x0, y0 = _px(op.cx, dpi) - layer.width // 2, _px(op.cy, dpi) - layer.height // 2
        box = (x0, y0, x0 + layer.width, y0 + layer.height)
        image.paste(ImageChops.multiply(image.crop(box), layer), box[:2])
    return image


def skew_of(seed: int) -> float:
    return random.Random(seed * 31 + 7).uniform(-MAX_SKEW, MAX_SKEW)


def scan(image: Image.Image, *, colour: bool, seed: int) -> bytes:
    """Scanner artefacts and JPEG; returns the JPEG bytes."""
    rng = np.random.default_rng(seed)
    out = image.filter(ImageFilter.GaussianBlur(0.6)).rotate(
        skew_of(seed), resample=Image.Resampling.BILINEAR, expand=False, fillcolor=_PAPER
    )
    if not colour:
        out = out.convert("L")
    pixels = np.asarray(out, dtype=np.int16)
    pixels = pixels + rng.normal(0, 6, pixels.shape).astype(np.int16)
    out = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=int(rng.integers(55, 80)))
    return buffer.getvalue()


def skewed_box(box: Box, seed: int) -> Box:
    """Where ``box`` (mm) lands after :func:`scan` rotates the page about its centre."""
    angle = math.radians(skew_of(seed))
    cx, cy = WIDTH / 2, HEIGHT / 2
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy
        # PIL rotates counter-clockwise on screen (y down): x' = cos·dx + sin·dy
        xs.append(cx + dx * math.cos(angle) + dy * math.sin(angle))
        ys.append(cy - dx * math.sin(angle) + dy * math.cos(angle))
    return (min(xs), min(ys), max(xs), max(ys))


def write_pdf(jpegs: list[bytes], path: Path) -> None:
    """An image-only PDF: one A4 page per JPEG, no text layer."""
    doc = pymupdf.open()
    try:
        for data in jpegs:
            page = doc.new_page(width=WIDTH / 25.4 * 72, height=HEIGHT / 25.4 * 72)
            page.insert_image(page.rect, stream=data)
        doc.save(path, deflate=True, garbage=3)
    finally:
        doc.close()
