"""One view of a dossier's pages, whatever the scan arrived as.

Dossiers come as PDFs, single page images, multi-page TIFFs or folders of page images. The
renderer, the OCR and the viewer only need "how many pages, how big, draw page *i*", so each
kind is wrapped in a :class:`PageSource`. Opening is cheap and lazy (a 1,000-page PDF opens
without touching its pages) and every bad input is turned into a :class:`PageSourceError`
whose Chinese message names the file, so the window and the CLI can show it as it is.

A PageSource is not thread-safe: PyMuPDF documents must not be shared across threads, so
each thread or worker process opens its own (``render.PageRenderer`` does that).
"""

from __future__ import annotations

import os
import re
import struct
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import UserError

if TYPE_CHECKING:
    import pymupdf

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"})
_MULTI_FRAME_SUFFIXES = frozenset({".tif", ".tiff"})

# A page with fewer characters than this in its text layer is treated as a bare scan: scanners
# and stamping tools often add a page number or a file name on top of an image-only page.
MIN_TEXT_LAYER_CHARS = 4

# Images without a usable resolution tag are assumed to be A4 scans: their long side is
# taken as 297 mm, so page coordinates stay in familiar PDF points.
_A4_LONG_SIDE_PT = 841.89
_PLAUSIBLE_DPI = (50.0, 1200.0)

# PyMuPDF silently repairs a truncated PDF and then shows blank pages; a file that needed
# repair and has no end-of-file marker near its end was cut off (download or copy unfinished).
_EOF_TAIL_BYTES = 2048

Point = tuple[float, float]
Rect = tuple[float, float, float, float]


# ---------------------------------------------------------------- errors


class PageSourceError(UserError):
    """A dossier file that cannot be read; the message (Chinese) names the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class FileMissing(PageSourceError):
    pass


class EmptyFile(PageSourceError):
    pass


class NotAPdf(PageSourceError):
    pass


class CorruptFile(PageSourceError):
    pass


class NoImages(PageSourceError):
    pass


class UnsupportedFile(PageSourceError):
    pass


class PasswordRequired(PageSourceError):
    """The PDF is encrypted: the window asks for the password, the CLI takes ``--password``.

    ``wrong_password`` tells a first request from a retry after a bad password."""

    def __init__(self, path: Path | str, wrong_password: bool) -> None:
        name = Path(path).name
        if wrong_password:
            message = f"“{name}”的密码不正确，请重新输入打开密码。"
        else:
            message = f"“{name}”已加密，请输入打开密码。"
        super().__init__(path, message)
        self.wrong_password = wrong_password


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class TextWord:
    """A word of a page's own text layer, boxed in PDF points (72 dpi, origin top-left)."""

    text: str
    rect: Rect
    block: int
    line: int


# ---------------------------------------------------------------- the abstraction


class PageSource(ABC):
    """The pages of one dossier. Page numbers are 0-based; sizes are in PDF points."""

    def __init__(self, path: Path) -> None:
        self.path = path
        stat = path.stat()
        # Keys render caches: a file replaced under the same name gets a new id.
        self.source_id = f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}"

    @property
    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of the page as displayed, in PDF points."""

    def has_text_layer(self, index: int) -> bool:
        return False

    def text_layer(self, index: int) -> str:
        return ""

    def text_words(self, index: int) -> list[TextWord]:
        return []

    @abstractmethod
    def render(
        self, index: int, dpi: float, rotation: int = 0, clip: Rect | None = None
    ) -> Image.Image:
        """The page as an RGB image at ``dpi``.

        ``clip`` (PDF points, before ``rotation``) limits drawing to part of the page, which
        is how the title band is rendered cheaply; ``rotation`` (multiple of 90, clockwise)
        is the reviewer's extra turn on top of the page's own orientation."""

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        pass

    def _check_index(self, index: int) -> None:
        if not 0 <= index < self.count:
            raise IndexError(f"第 {index + 1} 页不存在（“{self.path.name}”共 {self.count} 页）")

    def __enter__(self) -> PageSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _check_rotation(rotation: int) -> int:
    if rotation % 90:
        raise ValueError(f"rotation must be a multiple of 90, got {rotation}")
    return rotation % 360


# ---------------------------------------------------------------- PDF


def _pdf_error_base() -> type[Exception]:
    """MuPDF's own error class (a cycle in the page tree is ``FzErrorFormat``, found by
    fuzzing), raised beside RuntimeError; RuntimeError itself where PyMuPDF lacks it."""
    import pymupdf

    base = getattr(getattr(pymupdf, "mupdf", None), "FzErrorBase", None)
    return base if isinstance(base, type) and issubclass(base, Exception) else RuntimeError


def _pdf_errors() -> tuple[type[Exception], ...]:
    return (RuntimeError, _pdf_error_base())


class PdfSource(PageSource):
    def __init__(self, path: Path, password: str | None = None) -> None:
        super().__init__(path)
        _check_pdf_header(path)
        import pymupdf  # here, not at the top: importing PyMuPDF 2 costs ~1 s at start-up

        try:
            doc = pymupdf.open(path, filetype="pdf")
        except (pymupdf.FileDataError, RuntimeError, _pdf_error_base()) as exc:
            raise CorruptFile(path, f"“{path.name}”已损坏，无法作为 PDF 打开。") from exc
        if doc.needs_pass and (not password or not doc.authenticate(password)):
            doc.close()
            raise PasswordRequired(path, wrong_password=bool(password))
        if doc.is_repaired and not _has_eof_marker(path):
            doc.close()
            raise CorruptFile(path, f"“{path.name}”不完整（文件被截断，可能下载或复制未完成）。")
        try:
            pages = doc.page_count
        except _pdf_errors() as exc:  # a page tree MuPDF cannot walk (a cycle …)
            doc.close()
            raise CorruptFile(path, f"“{path.name}”已损坏，无法读取页面。") from exc
        if pages == 0:
            doc.close()
            raise CorruptFile(path, f"“{path.name}”中没有任何页面。")
        self._doc = doc
        self._opened_with = pages

    @property
    def count(self) -> int:
        return self._doc.page_count

    def _page(self, index: int) -> pymupdf.Page:
        if 0 <= index < self._opened_with and index >= self.count:
            # MuPDF repaired the file while reading and lost pages it had counted.
            raise CorruptFile(self.path, f"“{self.path.name}”第 {index + 1} 页已损坏，无法读取。")
        self._check_index(index)
        try:
            return self._doc.load_page(index)
        except (ValueError, RuntimeError, _pdf_error_base()) as exc:
            raise CorruptFile(
                self.path, f"“{self.path.name}”第 {index + 1} 页已损坏，无法读取。"
            ) from exc

    def page_size(self, index: int) -> tuple[float, float]:
        rect = self._page(index).rect
        return (rect.width, rect.height)

    def text_layer(self, index: int) -> str:
        return self._page(index).get_text("text")

    def has_text_layer(self, index: int) -> bool:
        text = self.text_layer(index)
        return sum(not ch.isspace() for ch in text) >= MIN_TEXT_LAYER_CHARS

    def text_words(self, index: int) -> list[TextWord]:
        import pymupdf

        page = self._page(index)
        # Word boxes come in unrotated page space; turn them into the page as displayed.
        turn = page.rotation_matrix
        words = []
        for w in page.get_text("words", sort=True):
            rect = pymupdf.Rect(w[:4]) * turn
            words.append(TextWord(text=w[4], rect=tuple(rect), block=w[5], line=w[6]))
        return words

    def render(
        self, index: int, dpi: float, rotation: int = 0, clip: Rect | None = None
    ) -> Image.Image:
        import pymupdf

        page = self._page(index)
        zoom = dpi / 72.0
        matrix = pymupdf.Matrix(zoom, zoom).prerotate(_check_rotation(rotation))
        # PyMuPDF takes the clip in the page as displayed (its /Rotate applied), like the
        # text boxes and page sizes here.
        pdf_clip = pymupdf.Rect(clip) if clip is not None else None
        try:
            pix = page.get_pixmap(
                matrix=matrix, clip=pdf_clip, alpha=False, colorspace=pymupdf.csRGB
            )
        except _pdf_errors() as exc:
            raise CorruptFile(
                self.path, f"“{self.path.name}”第 {index + 1} 页已损坏，无法显示。"
            ) from exc
        return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)

    def close(self) -> None:
        self._doc.close()


def _check_pdf_header(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdf(path, f"“{path.name}”不是 PDF 文件（可能是改了扩展名的其他文件）。")


def _has_eof_marker(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - _EOF_TAIL_BYTES))
        return b"%%EOF" in fh.read()


# ---------------------------------------------------------------- images


@dataclass(frozen=True)
class _ImagePage:
    file: Path
    frame: int
    size_px: tuple[int, int]
    dpi: float


class ImageSource(PageSource):
    """Single images, multi-page TIFFs and folders of page images, one frame per page.

    Only headers are read at open time; pixels are decoded when a page is rendered."""

    def __init__(self, path: Path, pages: list[_ImagePage]) -> None:
        super().__init__(path)
        self._pages = pages

    @classmethod
    def from_file(cls, path: Path) -> ImageSource:
        return cls(path, _image_pages(path))

    @classmethod
    def from_folder(cls, path: Path) -> ImageSource:
        files = sorted(
            (p for p in path.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
            key=lambda p: natural_key(p.name),
        )
        if not files:
            raise NoImages(path, f"文件夹“{path.name}”中没有页面图片（支持 JPG、PNG、TIFF）。")
        pages = [page for file in files for page in _image_pages(file)]
        return cls(path, pages)

    @property
    def count(self) -> int:
        return len(self._pages)

    def page_size(self, index: int) -> tuple[float, float]:
        self._check_index(index)
        page = self._pages[index]
        scale = 72.0 / page.dpi
        return (page.size_px[0] * scale, page.size_px[1] * scale)

    def render(
        self, index: int, dpi: float, rotation: int = 0, clip: Rect | None = None
    ) -> Image.Image:
        self._check_index(index)
        page = self._pages[index]
        rotation = _check_rotation(rotation)
        image = _load_frame(page)
        px_per_pt = page.dpi / 72.0
        if clip is not None:
            box = tuple(round(v * px_per_pt) for v in clip)
            image = image.crop(box)  # type: ignore[arg-type]
        scale = dpi / page.dpi
        if abs(scale - 1.0) > 1e-3:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(
                size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC
            )
        if rotation:
            # PIL turns counter-clockwise; page rotation is clockwise like PDF /Rotate.
            image = image.rotate(-rotation, expand=True)
        return image


# What Pillow raises on a damaged or hostile image besides its own errors (found by fuzzing,
# benchmarks/reliability/fuzz.py): broken TIFF tags give TypeError/KeyError/ValueError, a
# huge declared size DecompressionBombError.
_DAMAGED_IMAGE = (
    UnidentifiedImageError, OSError, SyntaxError, EOFError, TypeError, ValueError, KeyError,
    IndexError, ZeroDivisionError, struct.error, Image.DecompressionBombError, MemoryError,
)  # fmt: skip


def _image_pages(file: Path) -> list[_ImagePage]:
    if file.stat().st_size == 0:
        raise EmptyFile(file, f"“{file.name}”是空文件（0 字节）。")
    try:
        with Image.open(file) as im:
            frames = (
                getattr(im, "n_frames", 1) if file.suffix.lower() in _MULTI_FRAME_SUFFIXES else 1
            )
            pages = []
            for frame in range(frames):
                im.seek(frame)
                size = _oriented_size(im)
                pages.append(_ImagePage(file, frame, size, _image_dpi(im, size)))
            return pages
    except _DAMAGED_IMAGE as exc:
        raise CorruptFile(file, f"“{file.name}”不是可读取的图片，可能已损坏。") from exc


def _oriented_size(im: Image.Image) -> tuple[int, int]:
    """The size after the EXIF orientation is applied (phones store photos sideways)."""
    orientation = im.getexif().get(0x0112, 1)
    w, h = im.size
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def _image_dpi(im: Image.Image, size: tuple[int, int]) -> float:
    dpi = im.info.get("dpi")
    if dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            value = 0.0
        if _PLAUSIBLE_DPI[0] <= value <= _PLAUSIBLE_DPI[1]:
            return value
    return max(size) * 72.0 / _A4_LONG_SIDE_PT


def _load_frame(page: _ImagePage) -> Image.Image:
    try:
        with Image.open(page.file) as im:
            im.seek(page.frame)
            im.load()
            return ImageOps.exif_transpose(im).convert("RGB")
    except _DAMAGED_IMAGE as exc:
        raise CorruptFile(page.file, f"“{page.file.name}”图片已损坏，无法显示。") from exc


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting ``2.jpg`` before ``10.jpg`` (scanners number pages without padding)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(name)
        if part
    )


# ---------------------------------------------------------------- entry point


def open_pages(path: str | os.PathLike[str], password: str | None = None) -> PageSource:
    """Open any supported dossier for reading its pages; raises :class:`PageSourceError`."""
    path = Path(path)
    if not path.exists():
        raise FileMissing(path, f"找不到“{path}”。")
    if path.is_dir():
        return ImageSource.from_folder(path)
    suffix = path.suffix.lower()
    if suffix not in PDF_SUFFIXES and suffix not in IMAGE_SUFFIXES:
        raise UnsupportedFile(
            path, f"不支持“{path.name}”的文件类型，请导入 PDF、JPG、PNG、TIFF 或页面图片文件夹。"
        )
    if path.stat().st_size == 0:
        raise EmptyFile(path, f"“{path.name}”是空文件（0 字节）。")
    if suffix in PDF_SUFFIXES:
        return PdfSource(path, password)
    return ImageSource.from_file(path)
