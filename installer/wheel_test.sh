#!/usr/bin/env bash
# The wheel works without the source tree: build it, install it into a fresh venv, and from
# a folder outside the checkout let the installed `anjuan` build the demo campaign (OCR
# included) and write every paper: 评查表, 监督意见书, 评查情况通报, Excel, charts and,
# once the deadline has passed, 监督决定书.
#
#   bash installer/wheel_test.sh            build, install, run (a few minutes; pip downloads
#                                           the dependencies the first time)
#   WHEEL=dist/x.whl bash installer/wheel_test.sh   test a wheel built elsewhere
#
# Exit 0 when every paper was written; the work folder is removed unless KEEP=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
WORK=$(mktemp -d -t anjuan-wheel-XXXXXX)
say() { printf '[wheel] %s\n' "$*" >&2; }
cleanup() { [ "${KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT

PY=$(command -v python3.11 || command -v python3)
if [ -z "${WHEEL:-}" ]; then
  say "building the wheel"
  "$PY" -m venv "$WORK/tools"
  "$WORK/tools/bin/python" -m pip install -q build
  "$WORK/tools/bin/python" -m build --wheel --outdir "$WORK/dist" "$ROOT" >/dev/null
  WHEEL=$(ls "$WORK"/dist/anjuan_pingcha-*.whl)
fi
say "installing $(basename "$WHEEL") into a fresh venv"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$WHEEL"

# Nothing of the checkout may be importable from here on.
cd "$WORK"
export PYTHONPATH="" PYTHONSAFEPATH=1 QT_QPA_PLATFORM=offscreen
ANJUAN="$WORK/venv/bin/anjuan"
where=$("$WORK/venv/bin/python" -c 'import app, pathlib; print(pathlib.Path(app.__file__).parent)')
case "$where" in "$ROOT"*) say "app imported from the checkout ($where)"; exit 1 ;; esac
version=$(basename "$WHEEL" | cut -d- -f2)
"$ANJUAN" --version | grep -qF "案卷评查工作站 $version" || { say "--version is not $version"; exit 1; }

DATA="$WORK/data"
OUT="$WORK/out"
mkdir -p "$OUT"
TODAY=2026-11-23
say "demo campaign (3 dossiers, OCR in worker processes)"
campaign=$("$ANJUAN" --data-dir "$DATA" --today $TODAY --json demo --count 3 --campaign |
  "$WORK/venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["campaign"])')
DEMO="$DATA/demo"
cli() { "$ANJUAN" --data-dir "$DEMO" --json "$@"; }
field() { "$WORK/venv/bin/python" -c "import json, sys; print(json.load(sys.stdin)$1)"; }

department=$(cli --today $TODAY letter candidates "$campaign" | field '[0]["department"]')
number=$(cli --today $TODAY letter opinion "$campaign" --department "$department" \
  --out "$OUT/意见书.docx" | field '["number"]')
cli --today $TODAY report sheet "$campaign" 1 --out "$OUT/评查表.docx" >/dev/null
cli --today $TODAY report circular "$campaign" --out "$OUT/通报.docx" >/dev/null
cli --today $TODAY report excel "$campaign" --out "$OUT/汇总.xlsx" >/dev/null
cli --today $TODAY report charts "$campaign" --out "$OUT/charts" >/dev/null
cli --today 2026-12-24 letter decision "$number" --deadline 2027-01-29 \
  --out "$OUT/决定书.docx" >/dev/null

# Each paper is a real document its library reads back, with the text the templates put in.
"$WORK/venv/bin/python" - "$OUT" "$department" "$number" <<'EOF'
import sys
from pathlib import Path

import docx
import openpyxl

out, department, number = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
def text(name: str) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / name)).paragraphs)

assert department in text("意见书.docx"), "the opinion names the department"
assert number in text("决定书.docx"), "the decision cites the opinion"
assert "评查" in text("评查表.docx")
assert len(docx.Document(str(out / "通报.docx")).inline_shapes) >= 2, "charts in the circular"
assert "案卷得分" in openpyxl.load_workbook(out / "汇总.xlsx").sheetnames
assert list((out / "charts").glob("*.svg")), "charts exported"
print("[wheel] every paper written:", ", ".join(sorted(p.name for p in out.iterdir())))
EOF
