"""Word → PDF with LibreOffice in headless mode (previews in the window, layout tests).

Each conversion runs with its own LibreOffice user profile (``-env:UserInstallation``), so
conversions running at the same time, or beside a LibreOffice the user has open, do not
collide on the profile lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document

from app.documents import fonts
from app.errors import UserError, for_administrator, os_reason

_WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_MAC_CANDIDATE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
# How a reviewer gets page previews (the window's preview note and the error below say it).
INSTALL_HINT = (
    "安装 LibreOffice 后重新打开即可看到页面预览："
    "Windows 从 LibreOffice 官方网站下载安装（装在默认位置即可找到）；"
    "统信UOS/麒麟 在应用商店安装 LibreOffice，或执行 sudo apt install libreoffice-writer。"
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    env = os.environ.get("ANJUAN_SOFFICE")
    if env and Path(env).is_file():
        return env
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = _WINDOWS_CANDIDATES if sys.platform == "win32" else (_MAC_CANDIDATE,)
    return next((c for c in candidates if Path(c).is_file()), None)


def preview_copy(docx: Path, work: Path) -> Path:
    """A copy of ``docx`` whose missing GB/T 9704 fonts are replaced by installed ones.

    The paper itself keeps the standard font names (a bureau PC has them); only the preview
    rendered here needs stand-ins, or LibreOffice would pick a random face or boxes."""
    document = Document(str(docx))
    if not fonts.substitute_fonts(document):
        return docx
    folder = work / "preview"
    folder.mkdir()
    copy = folder / docx.name
    document.save(str(copy))
    return copy


def docx_to_pdf(docx: Path, out_dir: Path, timeout: float = 120) -> Path:
    """Convert ``docx`` to ``out_dir/<same name>.pdf`` and return that path."""
    docx = Path(docx)
    out_dir = Path(out_dir)
    if not docx.is_file():
        raise UserError(f"文件“{docx}”不存在，无法转换为 PDF。")
    soffice = find_soffice()
    if soffice is None:
        raise UserError(f"未找到 LibreOffice，无法生成 PDF 预览。{INSTALL_HINT}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="anjuan-lo-") as profile:
        source = preview_copy(docx, Path(profile))
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise UserError(
                f"LibreOffice 在 {timeout:g} 秒内未能将“{docx.name}”转换为 PDF，已停止。"
            ) from exc
        except OSError as exc:
            raise UserError(f"无法启动 LibreOffice（{soffice}）：{os_reason(exc)}") from exc
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout or "").strip().splitlines()
        # LibreOffice speaks English; its last line is for an administrator, marked as such.
        tail = for_administrator(detail[-1]) if detail else ""
        raise UserError(
            f"LibreOffice 未能将“{docx.name}”转换为 PDF，请确认该文件能在 WPS 或 Word 中打开。{tail}"
        )
    return target
