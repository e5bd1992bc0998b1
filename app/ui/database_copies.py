"""备份数据库 / 从备份恢复: the two questions and their messages, apart from the main window.

The copying itself is ``Services.backup_to`` / ``Services.restore_from``; a restore closes
the program, since every open service still holds the replaced database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.errors import user_message
from app.services import Services
from app.ui.parts import confirm
from app.ui.qt import QtWidgets

BACKUP_FILTER = "数据库备份 (*.sqlite3 *.json)"


def backup_database(parent: QtWidgets.QWidget, services: Services) -> Path | None:
    """Ask where to and write a backup; the file written, or None (cancelled or failed)."""
    suggested = str(Path.home() / f"案卷评查备份-{datetime.now():%Y%m%d-%H%M}.sqlite3")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "备份数据库", suggested, BACKUP_FILTER)
    if not path:
        return None
    try:
        return services.backup_to(Path(path))
    except Exception as exc:  # the store's message is Chinese
        QtWidgets.QMessageBox.warning(parent, "备份失败", user_message(exc))
        return None


def restore_database(
    parent: QtWidgets.QWidget, services: Services, busy: Callable[[], bool]
) -> bool:
    """Ask for a backup and restore it; True when restored (the program should close)."""
    path, _ = QtWidgets.QFileDialog.getOpenFileName(
        parent, "选择备份文件", "", f"{BACKUP_FILTER};;所有文件 (*)"
    )
    if not path:
        return False
    if not confirm(
        parent,
        "从备份恢复",
        "恢复会用备份替换当前的数据库（当前数据库会先另存一份）。恢复后程序将关闭，请重新启动。确定恢复吗？",
    ):
        return False
    if busy():
        QtWidgets.QMessageBox.warning(parent, "请稍候", "正在进行其他任务，请在其完成后再恢复。")
        return False
    try:
        safety = services.restore_from(Path(path))
    except Exception as exc:
        QtWidgets.QMessageBox.warning(parent, "无法恢复", user_message(exc))
        return False
    QtWidgets.QMessageBox.information(
        parent,
        "已恢复",
        f"数据库已从备份恢复。原数据库另存为：{safety}\n程序将关闭，请重新启动。",
    )
    return True
