"""The red round seal (公章) of an organ: its name along the rim around a five-point star.

Drawn once per organ and size as an alpha mask, then inked with an uneven pressure each
time it is stamped, because a perfectly uniform seal is the first thing that looks fake.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from app.demo.fonts import font

SEAL_RADIUS = 160  # 42 mm seal at 200 dpi ≈ 330 px across
SEAL_RGB = (205, 35, 40)


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


@cache
def seal_mask(organ: str, radius: int = SEAL_RADIUS) -> Image.Image:
    """An 'L' mask (255 = ink) of the seal of ``organ``."""
    size = 2 * radius + 8
    centre = size / 2
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(7, radius // 20)
    draw.ellipse((4, 4, size - 4, size - 4), outline=255, width=ring)
    draw.polygon(_star(centre, centre, radius * 0.3), fill=255)
    chars = list(organ)
    char_px = int(radius * (0.3 if len(chars) <= 9 else 0.26 if len(chars) <= 12 else 0.22))
    fnt = font("serif_bold", char_px)
    span = min(262.0, 27.0 * len(chars))  # degrees of rim the name covers
    text_r = radius - ring - char_px * 0.72
    for i, ch in enumerate(chars):
        deg = -90 - span / 2 + span * (i + 0.5) / len(chars)
        rad = math.radians(deg)
        glyph = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(glyph).text((char_px, char_px), ch, font=fnt, fill=255, anchor="mm")
        glyph = glyph.rotate(-(deg + 90), resample=Image.Resampling.BICUBIC)
        x = centre + text_r * math.cos(rad) - char_px
        y = centre + text_r * math.sin(rad) - char_px
        mask.paste(255, (round(x), round(y)), glyph)
    return mask


def inked_seal(organ: str, rng: np.random.Generator) -> tuple[Image.Image, Image.Image]:
    """(colour tile, alpha) of one impression: rotated, with patchy ink."""
    mask = seal_mask(organ).rotate(float(rng.uniform(-18, 18)), resample=Image.Resampling.BICUBIC)
    alpha = np.asarray(mask, dtype=np.float32) / 255.0
    h, w = alpha.shape
    coarse = rng.uniform(0.65, 1.0, size=(h // 24 + 2, w // 24 + 2)).astype(np.float32)
    pressure = (
        np.asarray(
            Image.fromarray((coarse * 255).astype(np.uint8)).resize(
                (w, h), Image.Resampling.BICUBIC
            ),
            dtype=np.float32,
        )
        / 255.0
    )
    grain = rng.uniform(0.75, 1.0, size=alpha.shape).astype(np.float32)
    alpha = np.clip(alpha * pressure * grain * rng.uniform(0.82, 0.95), 0, 1)
    alpha_img = Image.fromarray((alpha * 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(0.8)
    )
    colour = Image.new("RGB", (w, h), SEAL_RGB)
    return colour, alpha_img
