#!/bin/sh
# test_install.sh [BUILD] — the installed kiosk runs, its unit is sound and
# the Debian package holds what it should:
#   1. `make install DESTDIR=tmp PREFIX=/usr` and the installed program's
#      --check, finding its assets and translations under the prefix;
#   2. `systemd-analyze verify` of the installed unit, and its exposure
#      figure from `systemd-analyze security --offline=yes`;
#   3. `make deb`, its control file and contents (dpkg-deb -I / -c), the
#      package unpacked into a throwaway root and --check run from there;
#      lintian (no errors) when KIOSK_LINTIAN=1 and lintian is installed.
# Run from the repository root (make test-plain does, with BUILD in
# KIOSK_BUILD); prints one line per check and exits 1 on the first failure.
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
MAKE=${MAKE:-make}
T=$(mktemp -d /tmp/kiosk-install-XXXXXX)
trap 'rm -rf "$T"' EXIT
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }

# ---- 1. make install into a DESTDIR ----
$MAKE --no-print-directory -s install BUILD="$BUILD" DESTDIR="$T/dest" PREFIX=/usr \
    >"$T/install.log" 2>&1 || { cat "$T/install.log"; no "make install"; }
for f in usr/bin/family-hub-kiosk usr/lib/family-hub-kiosk/libkiosk-phone.so \
         usr/sbin/family-hub-kiosk-provision \
         usr/share/family-hub-kiosk/assets/fonts.conf \
         usr/share/family-hub-kiosk/assets/content/demo-central-sutton.json \
         usr/share/family-hub-kiosk/assets/keyboards/en.kbd \
         usr/share/family-hub-kiosk/locales/ur.po \
         usr/lib/systemd/system/family-hub-kiosk.service \
         usr/lib/sysusers.d/family-hub-kiosk.conf usr/share/man/man1/family-hub-kiosk.1.gz \
         usr/share/man/man8/family-hub-kiosk-provision.8.gz; do
    [ -f "$T/dest/$f" ] || no "make install put $f"
done
ok "make install DESTDIR PREFIX=/usr: program, phone plugin, assets, locales, unit, sysusers.d, man pages"
grep -q '^ExecStart=/usr/bin/family-hub-kiosk --config /etc/family-hub-kiosk/kiosk.ini' \
    "$T/dest/usr/lib/systemd/system/family-hub-kiosk.service" || no "the unit names /usr/bin"
grep -q '@[A-Z]*@' "$T/dest/usr/lib/systemd/system/family-hub-kiosk.service" &&
    no "the unit still holds a @PLACEHOLDER@"
ok "the installed unit runs /usr/bin/family-hub-kiosk"

# The installed program, away from the source tree, finds what was installed.
(cd "$T" && env -u KIOSK_DATA_DIR ./dest/usr/bin/family-hub-kiosk --check \
    --data-dir "$T/data" >"$T/check.out" 2>"$T/check.err") ||
    { cat "$T/check.err"; no "the installed kiosk's --check"; }
grep -q "are in order" "$T/check.out" || no "--check said it was in order"
grep -q "$T/dest/usr/share/family-hub-kiosk/assets/content" "$T/check.err" ||
    { cat "$T/check.err"; no "the installed kiosk read the installed content pack"; }
grep -q "phone numbers cannot be checked" "$T/check.err" &&
    { cat "$T/check.err"; no "the installed kiosk opened the installed phone plugin"; }
ok "installed family-hub-kiosk --check, with the assets and the phone plugin under the prefix"

# ---- 2. the unit ----
if command -v systemd-analyze >/dev/null 2>&1; then
    # verify wants the program at its path: the copy names the staged one.
    sed "s|/usr/bin/family-hub-kiosk|$T/dest/usr/bin/family-hub-kiosk|" \
        "$T/dest/usr/lib/systemd/system/family-hub-kiosk.service" > "$T/family-hub-kiosk.service"
    (cd "$T" && systemd-analyze verify ./family-hub-kiosk.service) >"$T/verify.log" 2>&1 ||
        { cat "$T/verify.log"; no "systemd-analyze verify"; }
    [ -s "$T/verify.log" ] && { cat "$T/verify.log"; no "systemd-analyze verify said nothing"; }
    ok "systemd-analyze verify: clean"
    for k in Type=notify WatchdogSec= Restart=always ProtectSystem=strict PrivateTmp=yes \
             NoNewPrivileges=yes StateDirectory=family-hub-kiosk User=family-hub-kiosk \
             SDL_VIDEODRIVER=kmsdrm; do
        grep -q "^[A-Za-z]*=*$k\|^$k" "$T/family-hub-kiosk.service" || no "the unit sets $k"
    done
    ok "the unit: Type=notify, WatchdogSec, Restart=always, ProtectSystem=strict, ..."
    level=$(cd "$T" && systemd-analyze security --offline=yes ./family-hub-kiosk.service 2>&1 |
            sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    [ -n "$level" ] || no "systemd-analyze security gave a figure"
    awk "BEGIN { exit !($level <= 2.5) }" || no "exposure $level above 2.5"
    ok "systemd-analyze security: exposure $level (at most 2.5)"
else
    ok "systemd-analyze not installed: unit not verified"
fi

# ---- 3. the Debian package ----
if ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
    ok "dpkg-dev not installed: package not built"
    exit 0
fi
deb=$($MAKE --no-print-directory -s deb BUILD="$BUILD" 2>"$T/deb.err" | tail -n 1) ||
    { cat "$T/deb.err"; no "make deb"; }
[ -f "$deb" ] || no "make deb wrote $deb"
ok "make deb: $deb ($(wc -c < "$deb") bytes)"
dpkg-deb -I "$deb" > "$T/info"
for dep in libsdl2-2.0-0 libsqlite3-0 libsodium23 libcurl4 libjansson4 libicu fonts-noto-core \
           fonts-material-design-icons-iconfont fonts-symbola libphonenumber8 libxml2 libsdl2-image-2.0-0; do
    grep -q "^ Depends:.*$dep" "$T/info" || { cat "$T/info"; no "Depends names $dep"; }
done
ok "dpkg-deb -I: Depends from dpkg-shlibdeps and the fonts"
for s in postinst prerm postrm; do grep -q " $s " "$T/info" || no "the package has a $s"; done
dpkg-deb -c "$deb" > "$T/contents"
for f in ./usr/bin/family-hub-kiosk ./usr/lib/family-hub-kiosk/libkiosk-phone.so \
         ./lib/systemd/system/family-hub-kiosk.service \
         ./usr/lib/sysusers.d/family-hub-kiosk.conf ./usr/share/doc/family-hub-kiosk/copyright \
         ./usr/share/family-hub-kiosk/assets/fonts.conf ./usr/share/family-hub-kiosk/locales/ta.po; do
    grep -q " $f\$" "$T/contents" || no "dpkg-deb -c lists $f"
done
grep -v ' root/root ' "$T/contents" && no "every file belongs to root"
grep -q ' ./etc/' "$T/contents" && no "the package ships nothing in /etc (provisioning writes it)"
ok "dpkg-deb -c: program, unit, sysusers.d, assets, locales, copyright; all root's; no /etc"

# Unpacked into a throwaway root, the packaged program runs from there.
dpkg-deb -x "$deb" "$T/root"
file_says=$(file -b "$T/root/usr/bin/family-hub-kiosk" 2>/dev/null || echo stripped)
case $file_says in *"not stripped"*) no "the packaged program is stripped" ;; esac
(cd "$T" && ./root/usr/bin/family-hub-kiosk --check --data-dir "$T/data2" \
    >"$T/check2.out" 2>"$T/check2.err") || { cat "$T/check2.err"; no "the packaged --check"; }
grep -q "$T/root/usr/share/family-hub-kiosk/assets" "$T/check2.err" ||
    no "the packaged kiosk read its own assets"
ok "package unpacked into a throwaway root: --check in order"

if [ "${KIOSK_LINTIAN:-0}" = 1 ] && command -v lintian >/dev/null 2>&1; then
    lintian --allow-root "$deb" > "$T/lintian" 2>&1 || true
    grep '^E:' "$T/lintian" && no "lintian: no errors"
    ok "lintian: no errors ($(grep -c '^W:' "$T/lintian" || true) warnings)"
fi
