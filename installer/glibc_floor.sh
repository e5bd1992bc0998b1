#!/usr/bin/env bash
# Print the newest glibc symbol version any library or program in a bundle asks for: the
# oldest glibc the bundle can start on. With GLIBC_MAX=2.31 (say) it fails when the bundle
# needs more, so a build meant for 麒麟 V10 (2.31) or 统信UOS V20 (2.28) cannot pass unnoticed.
#
#   bash installer/glibc_floor.sh [dist/anjuan]            → 2.31
#   GLIBC_MAX=2.28 bash installer/glibc_floor.sh           → fails, naming the libraries above
#
# Needs objdump (binutils). build_deb.sh writes the printed version into Depends: libc6 (>= …);
# bundle_smoke.sh runs it as its first check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUNDLE=${1:-dist/anjuan}
say() { printf '[glibc] %s\n' "$*" >&2; }
command -v objdump >/dev/null || { say "objdump missing (install binutils)"; exit 1; }
[ -d "$BUNDLE" ] || { say "$BUNDLE missing: run installer/build_bundle.sh"; exit 1; }

# One line per file and version: "<version> <file>". The executable counts too, not only *.so.
# Files objdump cannot read (data, scripts) print nothing.
versions() {
  find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' f; do
      { objdump -T "$f" 2>/dev/null || true; } | { grep -o 'GLIBC_[0-9][0-9.]*' || true; } |
        sed 's/^GLIBC_//' | sort -Vu | sed "s|\$| $f|"
    done
}
LIST=$(versions)
FLOOR=$(printf '%s\n' "$LIST" | cut -d' ' -f1 | sort -Vu | tail -n1)
[ -n "$FLOOR" ] || { say "no glibc symbol versions found in $BUNDLE"; exit 1; }
echo "$FLOOR"

if [ -n "${GLIBC_MAX:-}" ]; then
  highest=$(printf '%s\n%s\n' "$FLOOR" "$GLIBC_MAX" | sort -V | tail -n1)
  if [ "$highest" != "$GLIBC_MAX" ]; then
    say "the bundle needs glibc $FLOOR, more than GLIBC_MAX=$GLIBC_MAX; these ask for more:"
    printf '%s\n' "$LIST" | while read -r v f; do
      [ "$(printf '%s\n%s\n' "$v" "$GLIBC_MAX" | sort -V | tail -n1)" = "$GLIBC_MAX" ] ||
        say "  GLIBC_$v ${f#"$BUNDLE"/}"
    done | sort -u >&2
    exit 1
  fi
fi
