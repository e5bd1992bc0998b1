"""Containers for the scanned pages: image-only PDF, a folder of JPGs, a multi-page TIFF.

Real dossiers reach the product in all three shapes (scanner PDF, phone/scanner image
folders, fax-style TIFF), so import tests need each. The same JPEG bytes go into every
container so the pixels, and hence the ground truth, are the same.
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pymupdf
from PIL import Image

A4_POINTS = (595.276, 841.89)


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.part")


def write_pdf(jpegs: list[bytes], path: Path, scanned_on: date | None = None) -> Path:
    """One raster image per page, no text layer, as a scanner writes it."""
    doc = pymupdf.open()
    for data in jpegs:
        page = doc.new_page(width=A4_POINTS[0], height=A4_POINTS[1])
        page.insert_image(page.rect, stream=data)
    stamp = f"D:{scanned_on:%Y%m%d}093000+08'00'" if scanned_on else ""
    doc.set_metadata(
        {
            "producer": "Scan2PDF",
            "creator": "Document Scanner",
            "creationDate": stamp,
            "modDate": stamp,
        }
    )
    tmp = _atomic_target(path)
    doc.save(tmp, garbage=3, deflate=True, no_new_id=True)
    doc.close()
    os.replace(tmp, path)
    return path


def write_image_folder(jpegs: list[bytes], folder: Path) -> list[Path]:
    """page_001.jpg, page_002.jpg, … in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, data in enumerate(jpegs, start=1):
        path = folder / f"page_{number:03d}.jpg"
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_tiff(jpegs: list[bytes], path: Path) -> Path:
    """A multi-page TIFF (JPEG-compressed, 200 dpi)."""
    images = [Image.open(io.BytesIO(data)) for data in jpegs]
    tmp = _atomic_target(path)
    images[0].save(
        tmp,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="jpeg",
        quality=80,
        dpi=(200, 200),
    )
    os.replace(tmp, path)
    return path
