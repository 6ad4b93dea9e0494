#!/bin/sh
# Installs the Debian packages the kiosk builds and runs with, when any is
# missing. Uses sudo when not run as root. Safe to run again.
set -e
PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libsqlite3-dev libqrencode-dev libcurl4-openssl-dev libcmocka-dev libfribidi-dev
libsodium-dev libjansson-dev libicu-dev libharfbuzz-dev fonts-noto-core
gettext tzdata zbar-tools fonts-material-design-icons-iconfont
clang libclang-rt-14-dev python3 openssl libxml2-dev
libespeak-ng-dev espeak-ng-data libphonenumber-dev
dpkg-dev file systemd lintian
xvfb ansible-core ansible-lint"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
