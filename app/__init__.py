"""案卷评查工作站 — the desktop application and its command line."""

__version__ = "0.1.0"
APP_NAME = "案卷评查工作站"
# The command a user types: the installed launcher (wheel, bundle, .deb, Windows), not
# `python -m app`, which only a source checkout has.
CLI_NAME = "anjuan"
