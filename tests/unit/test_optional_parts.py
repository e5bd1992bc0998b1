"""Optional parts missing say what is missing and how to get it: LibreOffice (page previews)
and the PostgreSQL driver (team mode)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.documents.pdf_convert import INSTALL_HINT, docx_to_pdf, find_soffice
from app.errors import UserError, user_message
from app.store.database import open_database
from app.store.errors import DriverMissingError
from tests.support import ROOT


def test_without_libreoffice_the_preview_says_how_to_get_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without LibreOffice on its PATH
    monkeypatch.delenv("ANJUAN_SOFFICE", raising=False)
    assert find_soffice() is None
    paper = tmp_path / "意见书.docx"
    paper.write_bytes((ROOT / "templates" / "opinion.docx").read_bytes())
    with pytest.raises(UserError) as refused:
        docx_to_pdf(paper, tmp_path / "out")
    assert "安装 LibreOffice" in str(refused.value)
    assert "apt install libreoffice-writer" in INSTALL_HINT and "Windows" in INSTALL_HINT


def test_team_mode_without_the_driver_names_it() -> None:
    with pytest.raises(DriverMissingError) as refused:
        open_database("postgresql+pg8000://anjuan@127.0.0.1/anjuan")
    message = user_message(refused.value)
    assert "PostgreSQL 驱动（pg8000）" in message and "psycopg" in message


def test_team_mode_on_a_machine_without_psycopg_says_what_to_install(tmp_path: Path) -> None:
    """psycopg made unimportable in a separate process, as on a machine that lacks it."""
    script = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from app.__main__ import main\n"
        "sys.exit(main(['--data-dir', sys.argv[1], '--db',"
        " 'postgresql+psycopg://anjuan@127.0.0.1/anjuan', 'cases']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 4, proc.stderr
    assert "缺少 PostgreSQL 驱动（psycopg）" in proc.stderr
    assert 'pip install "psycopg[binary]"' in proc.stderr
    assert "Traceback" not in proc.stderr
