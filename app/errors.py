"""Errors that the application's services raise with a message written for the user (Chinese),
and the one function that turns any exception into the line a user reads.

Services raise :class:`UserError`. ``scoring/`` may not import ``app``, so its errors
(``ChecklistError`` …) carry Chinese messages of their own and are translated here, at the
boundary, together with the store's ``StoreError`` and file-system errors. The window (job
failures, the exception hook) and the CLI both read :func:`user_message`.
"""

from __future__ import annotations

import errno


class UserError(Exception):
    """Bad input or a refused operation; the message says what and what to do, in Chinese."""


class NotFoundError(UserError):
    """Something the user named (a case, a checklist, a campaign) does not exist."""


INTERNAL_ERROR = "操作未能完成（程序内部错误：{name}）。详细信息已写入日志。"
DISK_FULL = "磁盘空间已满{where}，操作未完成，已有数据未受影响。请清理磁盘后重试。"
# The operating system's reasons in Chinese (its own strerror is English on most systems).
OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作不被允许（文件可能被锁定或设为不可更改）",
    errno.EROFS: "所在磁盘或文件夹是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EEXIST: "已存在同名文件",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EIO: "磁盘读写出错",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EFBIG: "文件太大，超出了该磁盘允许的大小",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EMFILE: "同时打开的文件太多",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EAGAIN: "文件正被其他程序锁定",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ELOOP: "路径中的链接形成了循环",
    errno.ENODEV: "磁盘或设备不存在（可能已拔出）",
    errno.ENXIO: "磁盘或设备不存在（可能已拔出）",
}
# Windows reports a file held open by Word or Excel with its own codes (``winerror``).
WINDOWS_REASONS = {
    32: "文件正被其他程序使用（可能在 Word 或 Excel 中打开）",
    33: "文件的一部分被其他程序锁定",
    112: "磁盘空间已满",
}


def for_administrator(detail: object) -> str:
    """Another program's own words (a database server's, LibreOffice's: often English), kept
    for whoever maintains the PC and marked as such, so the sentence around them stays the
    user's. One wording wherever such words are shown."""
    return f"请把以下系统信息告诉管理员：{detail}"


def os_reason(exc: OSError) -> str:
    """The operating system's reason for ``exc`` in Chinese (its own text is English, and an
    unforeseen code is named by number rather than by that English text)."""
    reason = WINDOWS_REASONS.get(getattr(exc, "winerror", None) or 0)
    reason = reason or OS_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    return f"系统错误（代码 {exc.errno}）" if exc.errno else "系统错误"


def translated_classes() -> tuple[type[BaseException], ...]:
    """Exceptions from outside ``app`` whose messages are already written for the user."""
    from app.store.errors import StoreError
    from scoring.checklist_loader import ChecklistError
    from scoring.fine_ranges import FineRangeDataError
    from scoring.prechecks import PrecheckDataError
    from scoring.scores import ScoringError
    from scoring.time_limits import TimeLimitDataError
    from scoring.workdays import CalendarDataError, CalendarRangeError

    return (
        ChecklistError,
        ScoringError,
        CalendarRangeError,
        CalendarDataError,
        TimeLimitDataError,
        PrecheckDataError,
        FineRangeDataError,
        StoreError,
    )


def is_user_facing(exc: BaseException) -> bool:
    """Whether the exception's own text is a message for the user (no traceback needed)."""
    return isinstance(exc, (UserError, *translated_classes()))


def database_reason(exc: BaseException) -> str | None:
    """The Chinese reason of a database failure (SQLAlchemy wraps the driver's error in
    ``orig``): disk full, locked, read-only, damaged. None for anything else."""
    if getattr(exc, "orig", None) is None:
        return None
    from app.store.way_out import sqlite_reason

    return sqlite_reason(exc)


def user_message(exc: BaseException) -> str:
    """What a user reads when work fails: the service's own Chinese message, a Chinese line
    for a file-system error, and for anything unforeseen a Chinese line naming it (the
    traceback goes to the log, not to the user)."""
    if is_user_facing(exc):
        return str(exc)
    reason = database_reason(exc)
    if reason:
        return f"数据库无法写入：{reason}。这次的操作没有保存，已有数据未受影响。"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DISK_FULL.format(where=f"，无法写入“{exc.filename}”" if exc.filename else "")
        where = f"“{exc.filename}”" if exc.filename else ""
        return f"文件操作失败{where}：{os_reason(exc)}"
    return INTERNAL_ERROR.format(name=type(exc).__name__)
