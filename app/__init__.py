"""案卷评查工作站 — the desktop application and its command line."""

__version__ = "0.1.0"
APP_NAME = "案卷评查工作站"
