"""Writing an output file so that it appears whole or not at all.

Why: a letter, a workbook or a chart is written into a temporary file beside its final
name and moved into place in one step, so a crash or a full disk never leaves a
half-written file under the real name for Word or Excel to choke on. The three writers of
this package share this one rule, and the one Chinese message when the file cannot be
written (most often because it is open in Word or Excel): it names the file asked for,
never the temporary one, and gives the reason in Chinese. The file gets the mode any new
file of the user gets (a temporary file is private, 0600, until it takes its place).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import UserError, os_reason

__all__ = ["cannot_write", "replaced_whole"]


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def cannot_write(out: Path, exc: OSError) -> UserError:
    """The one Chinese message for an output file that cannot be written, naming it and why."""
    if out.is_dir():
        return UserError(f"无法写入文件“{out}”：这是一个文件夹，请给出要保存的文件名。")
    if isinstance(exc, PermissionError) and out.is_file():  # Word or Excel holds it open
        return UserError(f"无法写入文件“{out}”：文件可能正在 Word 或 Excel 中打开，请关闭后重试。")
    return UserError(f"无法写入文件“{out}”：{os_reason(exc)}。没有留下不完整的文件。")


@contextmanager
def replaced_whole(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` to write into; it replaces ``out`` when the block
    ends without error and is removed in every case. The folder must exist.

    An ``OSError`` while creating, writing or moving (a read-only folder, a full disk, the
    file open in Word) becomes a :class:`UserError` naming ``out``."""
    out = Path(out)
    if out.is_dir():
        raise cannot_write(out, IsADirectoryError())
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, out)
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    finally:
        temp.unlink(missing_ok=True)
