"""备份数据库 / 从备份恢复: the two questions, the background copy and its messages, apart
from the main window.

The copying itself is ``Services.backup_to`` / ``Services.restore_from``, run as a job on
the window's writer (no write of the window lands half-way through a copy, and the GUI keeps
painting), with progress and Cancel: a cancelled backup leaves no partial file; a restore
can be cancelled while the current database is being saved aside, not once the swap began.
A restore closes the program, since every open service still holds the replaced database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.services import Services
from app.tasks import TaskState
from app.ui.parts import ask_open_file, confirm
from app.ui.qt import QtWidgets
from app.ui.taskman import Job, TaskManager

BACKUP_FILTER = "数据库备份 (*.sqlite3 *.json)"

ShowProgress = Callable[[Job, str], None]


def backup_database(
    parent: QtWidgets.QWidget,
    services: Services,
    tasks: TaskManager,
    show_progress: ShowProgress,
    on_written: Callable[[Path], None],
) -> Job | None:
    """Ask where to and start writing a backup; ``on_written(file)`` when it is stored.
    None when the user chose no file."""
    suggested = str(Path.home() / f"案卷评查备份-{datetime.now():%Y%m%d-%H%M}.sqlite3")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "备份数据库", suggested, BACKUP_FILTER)
    if not path:
        return None

    def work(state: TaskState) -> Path:
        return services.backup_to(Path(path), state)

    job = tasks.start(work, writes=True)
    show_progress(job, "正在备份数据库……")
    job.succeeded.connect(on_written)
    job.failed.connect(lambda message: QtWidgets.QMessageBox.warning(parent, "备份失败", message))
    return job


def restore_database(
    parent: QtWidgets.QWidget,
    services: Services,
    tasks: TaskManager,
    show_progress: ShowProgress,
    on_restored: Callable[[], object],
) -> Job | None:
    """Ask for a backup and start restoring it; ``on_restored()`` once the database is
    replaced (the program should close). None when nothing was started."""
    path = ask_open_file(parent, "选择备份文件", f"{BACKUP_FILTER};;所有文件 (*)")
    if path is None:
        return None
    if not confirm(
        parent,
        "从备份恢复",
        "恢复会用备份替换当前的数据库（当前数据库会先另存一份）。恢复后程序将关闭，请重新启动。确定恢复吗？",
    ):
        return None
    if tasks.busy:
        QtWidgets.QMessageBox.warning(parent, "请稍候", "正在进行其他任务，请在其完成后再恢复。")
        return None

    def work(state: TaskState) -> Path | None:
        return services.restore_from(path, state)

    def restored(safety: Path | None) -> None:
        QtWidgets.QMessageBox.information(
            parent,
            "已恢复",
            f"数据库已从备份恢复。原数据库另存为：{safety}\n程序将关闭，请重新启动。",
        )
        on_restored()

    job = tasks.start(work, writes=True)
    show_progress(job, "正在从备份恢复数据库……")
    job.succeeded.connect(restored)
    job.failed.connect(lambda message: QtWidgets.QMessageBox.warning(parent, "无法恢复", message))
    return job
