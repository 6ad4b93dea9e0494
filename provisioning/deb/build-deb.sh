#!/bin/sh
# build-deb.sh BUILD VERSION — builds BUILD/deb/family-hub-kiosk_VERSION_ARCH.deb
# from BUILD/kiosk and BUILD/libkiosk-phone.so with dpkg-deb (for `make deb`):
# installs into a staging root as `make install` does for /usr, strips the
# program and the phone number plugin, writes the control file with the
# shared libraries' packages found by dpkg-shlibdeps (for both), and the
# maintainer scripts beside it.
# DEB_MAINTAINER overrides the Maintainer field.
set -eu
BUILD=${1:-build}
VERSION=${2:-0.0.0}
HERE=$(dirname "$0")
OUT=$BUILD/deb
STAGE=$OUT/root
ARCH=$(dpkg --print-architecture)
PKG=family-hub-kiosk
MAINTAINER=${DEB_MAINTAINER:-Family Hub Kiosk maintainers <kiosk@example.org>}

rm -rf "$OUT"
mkdir -p "$STAGE"
# Debian 12 keeps units in /lib/systemd/system (its merged /usr aside).
${MAKE:-make} --no-print-directory -s install BUILD="$BUILD" DESTDIR="$STAGE" PREFIX=/usr \
    UNITDIR=/lib/systemd/system SYSUSERSDIR=/usr/lib/sysusers.d >/dev/null
PLUGIN=usr/lib/$PKG/libkiosk-phone.so
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
    "$STAGE/usr/bin/$PKG" "$STAGE/$PLUGIN"

DOC=$STAGE/usr/share/doc/$PKG
install -m 0644 "$HERE/copyright" "$DOC/copyright"
{
    printf '%s (%s) stable; urgency=medium\n\n' "$PKG" "$VERSION"
    printf '  * Version %s of the kiosk (the project history has the changes).\n\n' "$VERSION"
    printf ' -- %s  %s\n' "$MAINTAINER" \
        "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")"
} | gzip -9n > "$DOC/changelog.gz"
chmod 0644 "$DOC/changelog.gz"

# dpkg-shlibdeps reads debian/control: a small one for this package.
mkdir -p "$OUT/src/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PKG" "$PKG" > "$OUT/src/debian/control"
SHLIBS=$(cd "$OUT/src" && dpkg-shlibdeps -O "-e../root/usr/bin/$PKG" "-e../root/$PLUGIN" \
             2>"../shlibdeps.log" |
         sed -n 's/^shlibs:Depends=//p')
[ -n "$SHLIBS" ] || { cat "$OUT/shlibdeps.log" >&2; echo "build-deb: dpkg-shlibdeps found nothing" >&2; exit 1; }

mkdir -p "$STAGE/DEBIAN"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@SIZE@|$SIZE|" \
    -e "s|@SHLIBS@|$SHLIBS|" -e "s|@MAINTAINER@|$MAINTAINER|" \
    "$HERE/control.in" > "$STAGE/DEBIAN/control"
for s in postinst prerm postrm; do
    install -m 0755 "$HERE/$s" "$STAGE/DEBIAN/$s"
done
(cd "$STAGE" && find . -type f ! -path './DEBIAN/*' | sed 's|^\./||' | LC_ALL=C sort |
    xargs md5sum) > "$STAGE/DEBIAN/md5sums"
chmod 0644 "$STAGE/DEBIAN/md5sums" "$STAGE/DEBIAN/control"
find "$STAGE" -type d -exec chmod 0755 {} +

DEB=$OUT/${PKG}_${VERSION}_$ARCH.deb
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
