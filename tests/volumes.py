"""Small volumes for the full-disk and read-only tests (issue 18): a tmpfs of a few
megabytes mounted on a test folder, filled to the last byte or remounted read-only. Needs
root (mount); the tests using it are skipped, saying why, where mounting is not permitted."""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextmanager
def small_volume(folder: Path, size: str = "4m") -> Iterator[Path]:
    """``folder`` as a tmpfs of ``size``; skipped when this machine does not allow mounts."""
    folder.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"无法挂载测试用的小磁盘（需要 root 权限）：{done.stderr.strip()}")
    try:
        yield folder
    finally:
        _mount("-o", "remount,rw", str(folder))
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    """Take every free byte of the volume under ``folder``; the filler file is returned."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for size in (1 << 20, 65536, 4096, 512, 1):  # big steps, then the last crumbs
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    return filler


def read_only(folder: Path) -> None:
    """Make the mounted volume read-only now, with whatever is open on it."""
    done = _mount("-o", "remount,ro", str(folder))
    if done.returncode != 0:
        pytest.skip(f"无法把测试磁盘改为只读：{done.stderr.strip()}")


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "filler.bin")


__all__ = ["fill", "listing", "read_only", "small_volume"]
