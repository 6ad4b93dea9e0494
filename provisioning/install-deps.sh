#!/bin/sh
# Installs the Debian packages the kiosk builds and runs with, when any is
# missing. Uses sudo when not run as root. Safe to run again.
#   install-deps.sh --arm64   also the Raspberry Pi build's: the cross
#       compilers, qemu-user and the arm64 root (provisioning/arm64-sysroot.sh,
#       in $ARM64_SYSROOT when set), each when not there yet
set -e
ARM64=0
[ "${1:-}" = --arm64 ] && ARM64=1
PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libsqlite3-dev libqrencode-dev libcurl4-openssl-dev libcmocka-dev libfribidi-dev
libsodium-dev libjansson-dev libicu-dev libharfbuzz-dev fonts-noto-core
gettext tzdata zbar-tools fonts-material-design-icons-iconfont fonts-symbola
clang libclang-rt-14-dev python3 openssl libxml2-dev
libespeak-ng-dev espeak-ng-data libphonenumber-dev
dpkg-dev file systemd lintian
xvfb ansible-core ansible-lint
gdb"
# The Raspberry Pi build: the cross compilers and qemu-user (docs/appliance.md).
[ "$ARM64" = 1 ] &&
  PKGS="$PKGS gcc-aarch64-linux-gnu g++-aarch64-linux-gnu qemu-user-static"
# make test-fleet's: Debian roots (debootstrap), Ansible's chroot connection
# (community.general, in ansible), one root booted (systemd-nspawn).
PKGS="$PKGS debootstrap ansible systemd-container"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# The arm64 root: kept when it is already made from the same list.
if [ "$ARM64" = 1 ]; then
  $SUDO sh "$(dirname "$0")/arm64-sysroot.sh" ${ARM64_SYSROOT:+"$ARM64_SYSROOT"}
fi
