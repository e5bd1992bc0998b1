"""Errors of the store. Every message is written for the user, in Chinese, and says whether
the database was left untouched, so the CLI and the window can show it as is."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every refusal or failure of the local store."""


class NotADatabaseError(StoreError):
    """The file is not a SQLite database, or not one made by this product."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the product; it is left untouched."""

    def __init__(self, revision: str, *, backup_file: bool = False) -> None:
        if backup_file:
            message = (
                f"该备份由较新版本的案卷评查工作站创建（版本 {revision}），本程序无法恢复。"
                "请升级程序后再试。当前数据库未作任何改动。"
            )
        else:
            message = (
                f"该数据库由较新版本的案卷评查工作站创建（版本 {revision}），本程序无法打开。"
                "请升级程序后再试。数据库未作任何改动。"
            )
        super().__init__(message)
        self.revision = revision


class BackupError(StoreError):
    """A backup or restore could not be made."""


class DriverMissingError(StoreError):
    """Team mode (a PostgreSQL URL) asked for, but the driver for it is not installed."""

    def __init__(self, driver: str) -> None:
        super().__init__(
            f"无法连接团队数据库：本机缺少 PostgreSQL 驱动（{driver}）。"
            "安装包和 pip 安装均已带 psycopg；从源代码运行时请执行 "
            '`pip install "psycopg[binary]"`，地址写作 postgresql+psycopg://用户@服务器/数据库。'
            "不使用团队模式时去掉 --db 即用本机数据文件夹中的 SQLite。"
        )
        self.driver = driver
