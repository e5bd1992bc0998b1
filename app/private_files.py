"""User-only permissions for what the product keeps for itself (issue 18, item 6).

Why: the data folder holds parties' and officers' names, ID numbers and a bureau's
official record, often on a machine several people log in to. So the data folder and
every folder the product makes in it are 0700, and the files it writes for itself (the
database and its WAL, backups, the log, settings, library copies, page images) are 0600.
Papers meant to be shared (letters, reports, workbooks, charts) are not written through
here: they get the user's normal mode (``app.documents.files``).

"Where the OS allows": on Windows (no POSIX modes) nothing is done, and a folder the user
does not own, or a file system without modes (a FAT stick, a network share), keeps what it
has: a refused ``chmod`` is never a reason to refuse the work itself.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "make_private", "private_dir"]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _chmod(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # not ours, gone meanwhile, or no modes here
        os.chmod(path, mode)


def private_dir(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) and give it, and each parent made here,
    user-only access. Parents that existed are left alone: they are the user's (their
    home, a drive)."""
    folder = Path(folder)
    made = [folder]
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        made.append(parent)
        parent = parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    for path in made:
        _chmod(path, PRIVATE_DIR_MODE)
    return folder


def make_private(*paths: Path) -> None:
    """User-only access to each existing path: 0600 for a file, 0700 for a folder and
    everything in it (a library copy of an image folder). Missing paths are skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            _chmod(path, PRIVATE_DIR_MODE)
            for inner in path.rglob("*"):
                _chmod(inner, PRIVATE_DIR_MODE if inner.is_dir() else PRIVATE_FILE_MODE)
        elif path.exists():
            _chmod(path, PRIVATE_FILE_MODE)
