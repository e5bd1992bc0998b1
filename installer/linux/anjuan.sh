#!/bin/sh
# 案卷评查工作站: without arguments the window, with a command the command line (anjuan --help).
exec /opt/anjuan-pingcha/anjuan "$@"
