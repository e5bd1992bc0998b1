#!/usr/bin/env bash
# One entry for a new machine: installs what the product needs, then runs it.
#
#   bash installer/setup.sh run     install everything and open the window
#                                   (the first run opens the demo library, built in
#                                   <data dir>/demo, apart from the user's own library)
#   bash installer/setup.sh test    install everything and run lint, walls, types (mypy) and the whole test suite
#   bash installer/setup.sh install install only
#
# Works on a fresh Debian/Ubuntu with Python 3.11: system packages come from apt (as root or
# through sudo), Python packages into .venv beside this checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
MODE=${1:-run}
shift || true

# Qt offscreen and on screen, CJK fonts, PDF tools, a virtual screen for screenshots.
APT_RUN=(python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 fonts-noto-cjk fonts-wqy-microhei poppler-utils)
# Tests also run the real PostgreSQL server and a virtual X screen.
APT_TEST=(postgresql xvfb libreoffice-writer-nogui libreoffice-calc-nogui fonts-arphic-ukai fonts-arphic-gbsn00lp)

say() { printf '[setup] %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { say "未找到 apt-get，请手动安装：${missing[*]}"; return 0; }
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "需要 root 权限安装：${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "apt: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_bin() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return 0
    fi
  done
  say "需要 Python 3.11 或更高版本"; exit 1
}

venv_install() {
  local py; py=$(python_bin)
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $py"
    "$py" -m venv .venv
  fi
  local stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    say "pip install -e .[dev]"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    rm -f .venv/.installed-*; touch "$stamp"
  fi
}

start_postgres() {
  # A real server for the tests marked `postgres`; skipped (with a note) where it cannot run.
  command -v pg_lsclusters >/dev/null || { say "PostgreSQL not installed: its tests will be skipped"; return 0; }
  if [ "$(id -u)" -ne 0 ]; then say "not root: PostgreSQL tests need ANJUAN_TEST_PG_URL set by hand"; return 0; fi
  local ver cluster
  read -r ver cluster _ < <(pg_lsclusters -h | head -n1)
  [ -n "${ver:-}" ] || { say "no PostgreSQL cluster"; return 0; }
  pg_ctlcluster "$ver" "$cluster" start 2>/dev/null || true
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='anjuan'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE anjuan LOGIN PASSWORD 'anjuan'\""
  # Tests create and drop a database each (DROP … WITH (FORCE) needs the right to end sessions).
  su postgres -c "psql -qc \"ALTER ROLE anjuan LOGIN SUPERUSER PASSWORD 'anjuan'\"" >/dev/null
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='anjuan_test'\"" | grep -q 1 ||
    su postgres -c "createdb -O anjuan anjuan_test"
  export ANJUAN_TEST_PG_URL="postgresql+psycopg://anjuan:anjuan@127.0.0.1:5432/anjuan_test"
  say "PostgreSQL $ver ready for tests"
}

case "$MODE" in
  install)
    apt_install "${APT_RUN[@]}"; venv_install ;;
  run)
    apt_install "${APT_RUN[@]}"; venv_install
    exec .venv/bin/python -m app "$@" ;;
  test)
    apt_install "${APT_RUN[@]}" "${APT_TEST[@]}"; venv_install; start_postgres
    export QT_QPA_PLATFORM=offscreen
    say "ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
    say "import-linter"; .venv/bin/lint-imports
    say "mypy"; .venv/bin/mypy
    say "pytest"; exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: bash installer/setup.sh run|test|install" >&2; exit 2 ;;
esac
