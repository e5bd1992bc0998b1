"""installer/glibc_floor.sh reads the oldest glibc a bundle starts on from real ELF files (the
.deb's Depends: libc6 and the old-base build's check both rest on it), and GLIBC_MAX stops a
bundle that needs more. Run on a folder holding a copy of one of this machine's libraries."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

SCRIPT = ROOT / "installer" / "glibc_floor.sh"
pytestmark = pytest.mark.skipif(
    shutil.which("objdump") is None or sys.platform != "linux", reason="needs objdump (Linux)"
)


def _versions(path: Path) -> list[tuple[int, ...]]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return [tuple(map(int, v.split("."))) for v in set(re.findall(r"GLIBC_([0-9][0-9.]*)", out))]


def _library() -> Path:
    """A compiled extension of the running Python: an ELF file that asks for several glibc
    versions (at least one above 2.2.5, so GLIBC_MAX=2.2.5 must refuse it)."""
    import _ctypes

    return Path(_ctypes.__file__)


def _run(folder: Path, glibc_max: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GLIBC_MAX"}
    if glibc_max is not None:
        env["GLIBC_MAX"] = glibc_max
    return subprocess.run(
        ["bash", str(SCRIPT), str(folder)], capture_output=True, text=True, env=env
    )


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "anjuan" / "_internal"
    folder.mkdir(parents=True)
    shutil.copy(_library(), folder / "lib_example.so")
    (folder / "readme.txt").write_text("not an ELF file", encoding="utf-8")
    return tmp_path / "anjuan"


def test_prints_the_newest_glibc_version_the_files_ask_for(bundle: Path) -> None:
    expected = max(_versions(_library()))
    result = _run(bundle)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ".".join(map(str, expected))


def test_glibc_max_at_the_floor_passes(bundle: Path) -> None:
    floor = _run(bundle).stdout.strip()
    assert _run(bundle, glibc_max=floor).returncode == 0


def test_glibc_max_below_the_floor_fails_and_names_the_file(bundle: Path) -> None:
    result = _run(bundle, glibc_max="2.2.5")
    assert result.returncode == 1
    assert "lib_example.so" in result.stderr


def test_a_folder_without_elf_files_fails(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("text", encoding="utf-8")
    result = _run(tmp_path)
    assert result.returncode == 1
    assert "no glibc symbol versions" in result.stderr
