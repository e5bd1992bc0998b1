#!/usr/bin/env bash
# Build the one-folder offline bundle (PyInstaller) and, on Debian/UOS/麒麟, the .deb.
#
#   bash installer/build_bundle.sh          dist/anjuan/ (the bundle)
#   bash installer/build_bundle.sh deb      the bundle, then dist/anjuan-pingcha_<version>_<arch>.deb
#
# From a clean checkout: a build venv in build/bundle-venv gets the product and PyInstaller
# from the package registry (VENV=… uses another venv that has `pip install -e .[bundle]`;
# PYTHON=… the Python 3.11+ that makes the venv). The bundle needs at least the glibc of the
# machine it is built on: installer/build_old_base.sh builds on an older base (麒麟, UOS).
# The bundle is built for the machine it runs on: build on ARM64 for ARM64, on Windows for
# Windows (there: `pyinstaller --noconfirm installer\anjuan.spec`, then installer/anjuan.iss).
# installer/bundle_smoke.sh checks the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
say() { printf '[bundle] %s\n' "$*" >&2; }

VENV=${VENV:-$ROOT/build/bundle-venv}
if [ ! -x "$VENV/bin/pyinstaller" ]; then
  PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
  say "build venv $VENV ($("$PY" --version))"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q -e ".[bundle]"
fi

say "PyInstaller (one folder) → dist/anjuan"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installer/anjuan.spec
say "bundle ready: dist/anjuan ($(du -sh dist/anjuan | cut -f1))"

if [ "${1:-}" = deb ]; then
  bash installer/build_deb.sh
fi
