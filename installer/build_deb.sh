#!/usr/bin/env bash
# Package dist/anjuan (from installer/build_bundle.sh) as a .deb for Debian, 统信UOS and 麒麟:
#   /opt/anjuan-pingcha/          the bundle (Python, Qt, OCR models inside)
#   /usr/bin/anjuan               the launcher (window without arguments, CLI with a command)
#   /usr/share/applications/      the menu entry;  /usr/share/icons/hicolor/  the icon
# It depends only on the system libraries Qt's xcb platform needs; CJK fonts and LibreOffice
# (page previews) are recommended. The architecture is the build machine's (amd64 or arm64):
# build the bundle on an ARM64 machine to get an arm64 package (see README, 安装).
#
#   bash installer/build_deb.sh     → dist/anjuan-pingcha_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
say() { printf '[deb] %s\n' "$*" >&2; }
[ -x dist/anjuan/anjuan ] || { say "dist/anjuan missing: run installer/build_bundle.sh first"; exit 1; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
ARCH=$(dpkg --print-architecture)
PKG=anjuan-pingcha
STAGE="$ROOT/build/deb/${PKG}_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/doc/$PKG"
cp -a dist/anjuan "$STAGE/opt/$PKG"
install -m 0755 installer/linux/anjuan.sh "$STAGE/usr/bin/anjuan"
install -m 0644 installer/linux/anjuan-pingcha.desktop "$STAGE/usr/share/applications/"
install -m 0644 resources/icons/anjuan.png "$STAGE/usr/share/icons/hicolor/256x256/apps/$PKG.png"
install -m 0644 resources/changelog.yaml "$STAGE/usr/share/doc/$PKG/changelog.yaml"
install -m 0755 installer/linux/postinst "$STAGE/DEBIAN/postinst"
install -m 0755 installer/linux/postinst "$STAGE/DEBIAN/postrm"

SIZE=$(du -sk "$STAGE" | cut -f1)
# The newest glibc any bundled library asks for (PySide6 6.12's wheels need 2.34, newer than
# UOS 20's 2.28 or 麒麟 V10's 2.31): dpkg refuses the package on an older system instead of
# the program failing at start. GLIBC_MAX=2.31 stops here when the bundle needs more
# (installer/build_old_base.sh builds on an older base to reach those systems).
GLIBC=$(bash installer/glibc_floor.sh dist/anjuan)
say "the bundle needs glibc >= $GLIBC"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" -e "s/@GLIBC@/$GLIBC/" \
  installer/linux/control.in >"$STAGE/DEBIAN/control"
# dpkg-deb refuses group-writable control files and folders.
chmod -R go-w "$STAGE"
# gzip: several times faster than dpkg-deb's default xz on the 600 MB bundle (the package
# is somewhat larger), and read by every dpkg (older UOS/麒麟 ones do not know zstd).
dpkg-deb --root-owner-group -Zgzip --build "$STAGE" "dist/${PKG}_${VERSION}_${ARCH}.deb" >/dev/null
say "dist/${PKG}_${VERSION}_${ARCH}.deb ($(du -h "dist/${PKG}_${VERSION}_${ARCH}.deb" | cut -f1))"
