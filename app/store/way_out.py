"""When the database cannot be used: the Chinese reason and the way out (issue 18).

A database that is damaged, truncated, locked by another program, on a read-only folder or
on a full disk is never overwritten or "repaired" silently. The user is told what is wrong
and, where a backup exists, which one is the latest (with its date) and how to go back to
it: 从最近的备份恢复 in the start-up message, or ``db restore FILE``. A restore first sets the
current file aside in the backup folder, damaged or not (``app.store.restore``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.errors import for_administrator
from app.store.backup import backups_in
from app.store.errors import StoreError

# What SQLite says (its messages are English and stable) → the reason a user reads.
SQLITE_REASONS = (
    ("database is locked", "数据库正被其他程序锁定（可能另一个窗口或命令正在写入）"),
    ("readonly database", "数据库文件或其所在文件夹是只读的，无法写入"),
    ("unable to open database file", "无法打开数据库文件（文件夹不存在、只读或没有访问权限）"),
    ("disk is full", "磁盘空间已满，数据库无法写入"),
    ("disk image is malformed", "数据库文件已损坏"),
    ("file is not a database", "数据库文件已损坏或不是数据库"),
    ("disk i/o error", "读写数据库文件时磁盘出错"),
)


class DatabaseUnusableError(StoreError):
    """The database cannot be opened or written; ``backup`` is the latest backup, if any."""

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.backup = backup


def sqlite_reason(exc: BaseException) -> str | None:
    """The Chinese reason for a SQLite failure (``exc`` or the DB-API error it wraps)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return next((reason for key, reason in SQLITE_REASONS if key in text), None)


def latest_backup(folder: Path) -> tuple[Path, datetime] | None:
    found = backups_in(folder)
    if not found:
        return None
    return found[0], datetime.fromtimestamp(found[0].stat().st_mtime)


def way_out(folder: Path) -> str:
    """What the user can do, naming the latest backup and its date."""
    latest = latest_backup(folder)
    if latest is None:
        return f"备份文件夹“{folder}”中没有备份；请联系管理员检查数据库文件。"
    path, when = latest
    return (
        f"最近的备份是“{path.name}”（{when:%Y-%m-%d %H:%M}）。可以从这份备份恢复"
        f'（窗口提示中的“从最近的备份恢复”，或命令 db restore "{path}"）；'
        "当前的数据库文件会先另存到备份文件夹，不会被覆盖。"
    )


def unusable(reason: str, folder: Path, *, offer_backup: bool = True) -> DatabaseUnusableError:
    """The error to raise: the reason, then the way out."""
    latest = latest_backup(folder) if offer_backup else None
    tail = way_out(folder) if offer_backup else ""
    return DatabaseUnusableError(
        f"{reason.rstrip('。')}。{tail}".rstrip(), latest[0] if latest else None
    )


def database_unusable(exc: BaseException, folder: Path) -> StoreError:
    """The start-up failure ``exc`` (a refused file, or SQLite's own error) in words, with
    the latest backup where going back to it is the way out. Anything unforeseen is
    returned as it came (the caller re-raises it)."""
    if isinstance(exc, StoreError):
        return unusable(str(exc), folder)
    reason = sqlite_reason(exc)
    if reason is None:
        # Unforeseen: the driver's own words stay, marked as the system's, for the
        # administrator; the sentence around them is the user's.
        return StoreError(
            "无法打开数据库，数据库未作任何改动。"
            + for_administrator(getattr(exc, "orig", None) or exc)
        )
    if "锁定" in reason:
        return DatabaseUnusableError(f"{reason}。请关闭占用它的程序后重试；数据库未作任何改动。")
    if "只读" in reason or "无法打开" in reason:
        return DatabaseUnusableError(
            f"{reason}。请检查数据文件夹“{folder.parent}”的写入权限，或用 --data-dir 选择另一个文件夹；"
            "数据库未作任何改动。"
        )
    if "已满" in reason:
        return DatabaseUnusableError(f"{reason}。请清理磁盘后重试；已有数据未受影响。")
    return unusable(reason, folder)
