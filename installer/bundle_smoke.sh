#!/usr/bin/env bash
# Smoke test of the offline bundle (and, with `deb`, of the .deb): with the network
# unreachable (`unshare -n`, as root) and Qt offscreen, the bundled program
#   1. says its version;
#   2. builds the demo library and its demo campaign (two scanned demo dossiers read with OCR
#      in worker processes: freeze_support and the bundled models at work; the second
#      dossier's planted problems are what the opinion letter needs);
#   3. opens the window on the demo library and quits (--quit-after-start);
#   4. imports one scanned PDF with OCR into an empty library of its own;
#   5. writes a 监督意见书 from the demo campaign.
# First it prints the oldest glibc the bundle starts on (installer/glibc_floor.sh; with
# GLIBC_MAX=2.31 it fails when the bundle needs more).
# With `deb` it then installs dist/anjuan-pingcha_*.deb with dpkg -i, runs /usr/bin/anjuan
# (--version, a CLI command, the window offscreen), checks the menu entry and icon, and
# removes the package again.
#
#   bash installer/build_bundle.sh deb && bash installer/bundle_smoke.sh deb
#
# BUNDLE=… tests a bundle elsewhere; KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BUNDLE=${BUNDLE:-$ROOT/dist/anjuan}
WORK=$(mktemp -d -t anjuan-smoke-XXXXXX)
say() { printf '[smoke] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
cleanup() { [ "${KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
[ -x "$BUNDLE/anjuan" ] || fail "$BUNDLE/anjuan missing: run installer/build_bundle.sh"
floor=$(bash installer/glibc_floor.sh "$BUNDLE") || fail "glibc: the bundle needs more than ${GLIBC_MAX:-?}"
say "the bundle needs glibc >= $floor (this machine: $(ldd --version | head -n1 | grep -o '[0-9.]*$'))"

# No network: a new network namespace has only a loopback that is down.
OFFLINE=()
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  OFFLINE=(unshare -n)
else
  say "warning: cannot drop the network here (needs root and unshare); running with it"
fi
# A home of its own: the default data folder and Qt's caches never touch the user's.
export HOME="$WORK/home" QT_QPA_PLATFORM=offscreen PYTHONIOENCODING=utf-8
mkdir -p "$HOME"
run() { "${OFFLINE[@]}" "$@"; }
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

smoke() {
  local anjuan=$1 data="$WORK/data-$2"
  say "$anjuan --version"
  run "$anjuan" --version | grep -q "案卷评查工作站" || fail "--version"

  say "demo library and campaign (OCR of the demo's scanned dossier)"
  local campaign
  campaign=$(run "$anjuan" --data-dir "$data" --today 2026-11-23 --json demo --count 2 --campaign |
    json '["campaign"]')
  local demo="$data/demo"

  say "window on the demo library"
  local shown
  shown=$(run "$anjuan" --data-dir "$demo" --quit-after-start 2>"$WORK/window.err") ||
    { cat "$WORK/window.err" >&2; fail "window"; }
  say "  $shown"
  case "$shown" in *"窗口已打开"*"案卷 2 卷"*"取消"*) ;; *) fail "window: $shown" ;; esac

  say "import one scanned PDF with OCR"
  local pdf own="$data/own"
  pdf=$(ls "$demo"/demo-scans/*.pdf | head -n1)
  run "$anjuan" --data-dir "$own" --json import "$pdf" >/dev/null
  local documents
  documents=$(run "$anjuan" --data-dir "$own" --json case show 1 | json '["documents"].__len__()')
  [ "$documents" -ge 5 ] || fail "import: $documents documents"
  say "  $documents documents recognised"

  say "opinion letter"
  local department
  department=$(run "$anjuan" --data-dir "$demo" --today 2026-11-23 --json letter candidates \
    "$campaign" | json '[0]["department"]')
  run "$anjuan" --data-dir "$demo" --today 2026-11-23 --json letter opinion "$campaign" \
    --department "$department" --out "$WORK/意见书-$2.docx" >/dev/null
  python3 - "$WORK/意见书-$2.docx" "$department" <<'EOF' || fail "opinion letter"
import sys, zipfile
body = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8")
assert sys.argv[2] in body and "监督意见书" in body, "department and title in the letter"
EOF
  say "  监督意见书 written for $department"
}

smoke "$BUNDLE/anjuan" bundle

if [ "${1:-}" = deb ]; then
  deb=$(ls "$ROOT"/dist/anjuan-pingcha_*.deb | tail -n1)
  say "dpkg -i $(basename "$deb")"
  dpkg -i "$deb" >/dev/null
  trap 'dpkg --purge anjuan-pingcha >/dev/null 2>&1 || true; cleanup' EXIT
  [ -f /usr/share/applications/anjuan-pingcha.desktop ] || fail "menu entry"
  [ -f /usr/share/icons/hicolor/256x256/apps/anjuan-pingcha.png ] || fail "icon"
  run /usr/bin/anjuan --version | grep -q "案卷评查工作站" || fail "/usr/bin/anjuan --version"
  run /usr/bin/anjuan --data-dir "$WORK/data-bundle/demo" --json cases | json '[0]["file"]' |
    grep -q "演示01" || fail "/usr/bin/anjuan cases"
  shown=$(run /usr/bin/anjuan --data-dir "$WORK/data-bundle/demo" --quit-after-start) ||
    fail "/usr/bin/anjuan window"
  say "  deb: $shown"
  dpkg --purge anjuan-pingcha >/dev/null
  [ ! -e /usr/bin/anjuan ] || fail "dpkg --purge left /usr/bin/anjuan"
  say "deb installed, started and removed"
fi
say "OK"
