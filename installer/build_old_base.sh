#!/usr/bin/env bash
# Build the bundle and the .deb on an old base so they start on older glibc (麒麟 V10: 2.31,
# 统信UOS V20: 2.28), from a newer Debian machine, as root:
#
#   sudo bash installer/build_old_base.sh        → dist/anjuan/, dist/anjuan-pingcha_*.deb
#
# A bundle carries the libpython, libstdc++ and wheels of the machine it is built on, so a
# bundle built on Debian 12 needs glibc 2.36. This script builds inside a Debian 11 (bullseye,
# glibc 2.31) root made with mmdebstrap, outside the checkout (OLD_ROOT):
#   1. the root, with the -dev libraries CPython needs and binutils/dpkg-dev for the .deb;
#   2. CPython 3.11 (bullseye has 3.9 only) from Debian's bookworm source tarball (checked
#      against its sha256), --enable-shared (PyInstaller needs libpython), into /opt/python3.11
#      of the root: the slow step, done once;
#   3. installer/build_bundle.sh deb inside the root with that Python: pip there takes only
#      wheels the old glibc meets (PySide6-Essentials 6.9.x, manylinux_2_28; 6.10+ need 2_34),
#      and build_deb.sh fails when a bundled library asks for more than GLIBC_MAX.
# The checkout is bind-mounted at /src in the root; the build venv lives in the root.
#
#   OLD_ROOT=/var/tmp/anjuan-bullseye   where the root goes (kept for the next build)
#   SUITE=bullseye  GLIBC_MAX=2.31       the base and the newest glibc the result may need
#   JOBS=2                               make -j for CPython
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SRC=$(pwd)
say() { printf '[old-base] %s\n' "$*" >&2; }
[ "$(id -u)" -eq 0 ] || { say "run as root (mmdebstrap, chroot, mount)"; exit 1; }

OLD_ROOT=${OLD_ROOT:-/var/tmp/anjuan-bullseye}
SUITE=${SUITE:-bullseye}
GLIBC_MAX=${GLIBC_MAX:-2.31}
JOBS=${JOBS:-2}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
# Debian bookworm's CPython 3.11 source (the .dsc names the tarball and its sha256).
PY_TARBALL=python3.11_3.11.2.orig.tar.gz
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
PY_PREFIX=/opt/python3.11
PACKAGES=build-essential,libssl-dev,libsqlite3-dev,libffi-dev,zlib1g-dev,libbz2-dev,liblzma-dev
PACKAGES+=,libreadline-dev,libncurses-dev,uuid-dev,libgdbm-dev,xz-utils,ca-certificates
PACKAGES+=,pkg-config,binutils,dpkg-dev,libgl1,libegl1,libxkbcommon0,libfontconfig1,libdbus-1-3
PACKAGES+=,libglib2.0-0

if [ ! -f "$OLD_ROOT/etc/debian_version" ]; then
  command -v mmdebstrap >/dev/null || apt-get install -y mmdebstrap
  say "$SUITE root → $OLD_ROOT"
  mmdebstrap --variant=apt --include="$PACKAGES" "$SUITE" "$OLD_ROOT" "$MIRROR"
fi
say "base: $(cat "$OLD_ROOT/etc/debian_version"), $(chroot "$OLD_ROOT" ldd --version | head -n1)"

# /proc, /dev and the checkout inside the root, unmounted again however the script ends.
MOUNTS=()
cleanup() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount -l "${MOUNTS[i]}" || true; done
}
trap cleanup EXIT
bind() {
  mkdir -p "$2"
  mount --bind "$1" "$2"
  MOUNTS+=("$2")
}
bind /proc "$OLD_ROOT/proc"
bind /dev "$OLD_ROOT/dev"
bind "$SRC" "$OLD_ROOT/src"
cp /etc/resolv.conf "$OLD_ROOT/etc/resolv.conf"
# pip reads only the bundle named here, not certifi's: the system's, with the host's own
# certificate authorities (a company proxy's, say) added below.
inroot() {
  chroot "$OLD_ROOT" env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt "$@"
}
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$OLD_ROOT/usr/local/share/ca-certificates/"
  inroot update-ca-certificates >/dev/null
fi

if [ ! -x "$OLD_ROOT$PY_PREFIX/bin/python3.11" ]; then
  tarball="$OLD_ROOT/usr/src/$PY_TARBALL"
  if [ ! -f "$tarball" ]; then
    say "download $PY_TARBALL"
    curl -fsS -o "$tarball.part" "$MIRROR/pool/main/p/python3.11/$PY_TARBALL"
    mv "$tarball.part" "$tarball"
  fi
  echo "$PY_SHA256  $tarball" | sha256sum -c --quiet
  say "build CPython 3.11 in the root (make -j$JOBS; 20-40 minutes on a busy machine)"
  start=$(date +%s)
  inroot bash -euc "
    cd /usr/src && rm -rf Python-3.11.* && tar xzf $PY_TARBALL && cd Python-3.11.*/
    ./configure --prefix=$PY_PREFIX --enable-shared LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/dev/null
    make -j$JOBS >/dev/null
    make install >/dev/null"
  say "CPython built in $((($(date +%s) - start) / 60)) minutes"
fi
inroot "$PY_PREFIX/bin/python3.11" -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib' ||
  { say "the root's Python lacks a module (a -dev package missing when it was built)"; exit 1; }

say "bundle and .deb inside the root (glibc at most $GLIBC_MAX)"
inroot bash -euc "cd /src && PYTHON=$PY_PREFIX/bin/python3.11 VENV=/opt/bundle-venv \
  GLIBC_MAX=$GLIBC_MAX bash installer/build_bundle.sh deb"
say "done: $(ls "$SRC"/dist/anjuan-pingcha_*.deb | tail -n1) needs glibc $(bash installer/glibc_floor.sh)"
