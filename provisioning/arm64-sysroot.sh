#!/bin/sh
# arm64-sysroot.sh [DIR] — makes the arm64 root the Raspberry Pi build
# compiles against and qemu-user runs the tests in (docs/appliance.md).
#
# Debian's arm64 packages of the libraries the kiosk needs (the -dev
# packages and everything they depend on, the C library included) are
# downloaded with apt and unpacked with dpkg-deb into DIR
# (default /var/lib/family-hub-kiosk-cross/arm64, or $ARM64_SYSROOT). The
# machine's own packages are not touched: dpkg is not told about arm64,
# nothing amd64 is upgraded or removed, and apt keeps its arm64 lists and
# downloads in DIR.apt beside the root. The amd64 build stays as it was.
#
# Safe to run again: a root made from the same list is kept as it is.
# Needs root (or write access to DIR) and the Debian mirror.
set -eu
DIR=${1:-${ARM64_SYSROOT:-/var/lib/family-hub-kiosk-cross/arm64}}
PKGS="libc6-dev libstdc++6 libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libsqlite3-dev libqrencode-dev libcurl4-openssl-dev libcmocka-dev libfribidi-dev
libsodium-dev libjansson-dev libicu-dev libharfbuzz-dev libxml2-dev
libespeak-ng-dev espeak-ng-data libphonenumber-dev"
# The list and the version of this script name the root: a change makes it again.
STAMP="arm64-sysroot 1: $(echo $PKGS)"
if [ -f "$DIR/.kiosk-sysroot" ] && [ "$(cat "$DIR/.kiosk-sysroot")" = "$STAMP" ]; then
  exit 0
fi

APT="$DIR.apt"
rm -rf "$DIR" "$APT"
mkdir -p "$APT/lists/partial" "$APT/archives/partial" "$DIR"
: > "$APT/status"
# An apt of its own: arm64 only, an empty package database, its own lists
# and cache; the machine's sources, keys and settings (a proxy) as they are.
set -- -q -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
  -o Dir::State::Lists="$APT/lists" -o Dir::State::status="$APT/status" \
  -o Dir::Cache="$APT" -o Dir::Cache::archives="$APT/archives" \
  -o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root
echo "arm64 root in $DIR: package lists"
apt-get "$@" update >"$APT/update.log" 2>&1 || { cat "$APT/update.log"; exit 1; }
echo "arm64 root: downloading"
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get "$@" install -y --download-only \
  --no-install-recommends $PKGS >"$APT/install.log" 2>&1 || { cat "$APT/install.log"; exit 1; }
n=0
for deb in "$APT"/archives/*.deb; do
  dpkg-deb -x "$deb" "$DIR"
  n=$((n + 1))
done
echo "arm64 root: $n packages unpacked"

# Debian 12 merges /lib into /usr/lib; packages still ship some files under
# /lib (the dynamic loader, libc). One tree, as on the device.
for d in lib bin sbin; do
  if [ -d "$DIR/$d" ] && [ ! -L "$DIR/$d" ]; then
    mkdir -p "$DIR/usr/$d"
    cp -a "$DIR/$d/." "$DIR/usr/$d/"
    rm -rf "${DIR:?}/$d"
  fi
  ln -sfn "usr/$d" "$DIR/$d"
done
# A link to an absolute path means that path inside the root, not on this
# machine: made to point there (the linker and qemu follow it as a file).
find "$DIR" -type l | while read -r l; do
  t=$(readlink "$l")
  case "$t" in /*) ln -sfn "$DIR$t" "$l" ;; esac
done
# No shell in the root: a program under qemu that runs /bin/sh gets this
# machine's, which runs natively.
rm -f "$DIR/usr/bin/sh" "$DIR/usr/bin/dash" "$DIR/usr/bin/bash"
rm -rf "$APT/archives"
echo "$STAMP" > "$DIR/.kiosk-sysroot"
du -sh "$DIR" | sed 's/^/arm64 root: /'
