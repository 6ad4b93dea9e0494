#!/bin/sh
# provision.sh — sets up one kiosk for its hub: writes the settings, the
# device token, the CA file and the record key where the kiosk's service
# reads them, stores the staff PIN as a hash, then checks the result with
# the kiosk's own --check. Installed as family-hub-kiosk-provision.
# provisioning/README.md walks through it step by step.
#
# The staff PIN is read from standard input (asked for twice on a
# terminal), never from the command line, so that it is in no shell
# history or process list. The token is given as a file for the same
# reason.
set -eu
umask 077

KIOSK=@BINDIR@/family-hub-kiosk
case $KIOSK in @*) KIOSK=family-hub-kiosk ;; esac
ROOT=/
USER_NAME=family-hub-kiosk
HUB= DEVICE= URL= CA= TOKEN= RECKEY= CONTENT= LANG_TAG=en-GB DIAG=

usage() {
    cat <<'EOT'
Usage: family-hub-kiosk-provision --hub-id ID --device-id ID --central-url URL
         --ca-file FILE --token-file FILE --record-key FILE [OPTIONS] < PIN
Writes /etc/family-hub-kiosk/ (kiosk.ini, device-token, ca.pem,
record-key.pub) and the staff PIN's hash in /var/lib/family-hub-kiosk, then
runs family-hub-kiosk --check. The staff PIN (4 to 12 digits) is read from
standard input.
Options:
  --content FILE    the hub's content pack, copied to the data directory
  --language TAG    the language the kiosk starts in (default en-GB)
  --diagonal INCHES the screen's diagonal (default 7)
  --user NAME       the kiosk's user (default family-hub-kiosk)
  --root DIR        write under DIR instead of / (an image being prepared)
  --kiosk PROGRAM   the kiosk program that checks the result
EOT
}

say() { printf '%s\n' "$*"; }
fail() { printf 'provision: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || case $1 in --help) ;; *) fail "$1 needs a value (--help)" ;; esac
    case $1 in
    --hub-id) HUB=$2 ;;
    --device-id) DEVICE=$2 ;;
    --central-url) URL=$2 ;;
    --ca-file) CA=$2 ;;
    --token-file) TOKEN=$2 ;;
    --record-key) RECKEY=$2 ;;
    --content) CONTENT=$2 ;;
    --language) LANG_TAG=$2 ;;
    --diagonal) DIAG=$2 ;;
    --user) USER_NAME=$2 ;;
    --root) ROOT=$2 ;;
    --kiosk) KIOSK=$2 ;;
    --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
    shift 2
done

# ---- the inputs, each checked before anything is written ----
ident_ok() { printf '%s' "$1" | grep -Eq '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'; }
[ -n "$HUB" ] || fail "--hub-id is required"
ident_ok "$HUB" || fail "hub id \"$HUB\": letters, digits, . _ - only, at most 63"
[ -n "$DEVICE" ] || fail "--device-id is required"
ident_ok "$DEVICE" || fail "device id \"$DEVICE\": letters, digits, . _ - only, at most 63"
case $URL in
https://*) ;;
'') fail "--central-url is required" ;;
http://127.0.0.1*|http://localhost*) ;;
*) fail "central URL must start with https://" ;;
esac
[ -r "$CA" ] || fail "CA file \"$CA\" cannot be read"
grep -q -- '-----BEGIN CERTIFICATE-----' "$CA" || fail "CA file \"$CA\" holds no PEM certificate"
if command -v openssl >/dev/null 2>&1; then
    openssl x509 -in "$CA" -noout 2>/dev/null || fail "CA file \"$CA\": openssl cannot read it"
fi
[ -r "$TOKEN" ] || fail "token file \"$TOKEN\" cannot be read"
[ "$(wc -l < "$TOKEN")" -le 1 ] || fail "token file holds more than one line"
head -n 1 "$TOKEN" | grep -Eq '^[!-~]+$' || fail "token file: one line of printable ASCII, no blanks"
[ -r "$RECKEY" ] || fail "record key \"$RECKEY\" cannot be read"
keylen=$(head -n 1 "$RECKEY" | base64 -d 2>/dev/null | wc -c)
[ "$keylen" -eq 32 ] || fail "record key: base64 of 32 bytes expected, got $keylen bytes"
[ -z "$CONTENT" ] || [ -r "$CONTENT" ] || fail "content pack \"$CONTENT\" cannot be read"
if [ "$(id -u)" -eq 0 ]; then
    id -u "$USER_NAME" >/dev/null 2>&1 || fail "no user $USER_NAME (install the package first)"
fi

if [ -t 0 ]; then
    stty -echo; printf 'Staff PIN (4-12 digits): '; read -r PIN; printf '\n'
    printf 'The same PIN again: '; read -r PIN2; printf '\n'; stty echo
    [ "$PIN" = "$PIN2" ] || fail "the two PINs differ"
    PIN2=
else
    read -r PIN || true
fi
printf '%s' "$PIN" | grep -Eq '^[0-9]{4,12}$' || fail "a staff PIN is 4 to 12 digits"

# ---- writing ----
ROOT=${ROOT%/}
ETC=$ROOT/etc/family-hub-kiosk
DATA=$ROOT/var/lib/family-hub-kiosk
own() {
    [ "$(id -u)" -eq 0 ] || return 0
    chown "$USER_NAME:$(id -gn "$USER_NAME")" "$@"
}
mkdir -p "$ETC" "$DATA"
chmod 0755 "$ETC"
chmod 0700 "$DATA"
own "$DATA"

# A file is written beside its place and renamed, so that a kiosk starting
# meanwhile reads the old one or the new one, never half of one.
put() {  # put SOURCE DEST MODE
    cp "$1" "$2.new"
    chmod "$3" "$2.new"
    own "$2.new"
    mv -f "$2.new" "$2"
}
head -n 1 "$TOKEN" > "$ETC/.token.tmp"
put "$ETC/.token.tmp" "$ETC/device-token" 0600
rm -f "$ETC/.token.tmp"
put "$CA" "$ETC/ca.pem" 0644
put "$RECKEY" "$ETC/record-key.pub" 0644
PACK_LINE="# content_pack = /var/lib/family-hub-kiosk/content.json (none given)"
if [ -n "$CONTENT" ]; then
    put "$CONTENT" "$DATA/content.json" 0600
    PACK_LINE="content_pack = /var/lib/family-hub-kiosk/content.json"
fi
cat > "$ETC/kiosk.ini.tmp" <<EOT
# Family hub kiosk settings, written by family-hub-kiosk-provision.
# docs/config.md explains every key.
[hub]
hub_id = $HUB
device_id = $DEVICE
default_language = $LANG_TAG
$PACK_LINE

[screen]
fullscreen = true
${DIAG:+diagonal_in = $DIAG}

[paths]
data_dir = /var/lib/family-hub-kiosk

[central]
url = $URL
token_file = /etc/family-hub-kiosk/device-token
ca_file = /etc/family-hub-kiosk/ca.pem
record_key_file = /etc/family-hub-kiosk/record-key.pub
EOT
put "$ETC/kiosk.ini.tmp" "$ETC/kiosk.ini" 0640
rm -f "$ETC/kiosk.ini.tmp"

# Paths as the kiosk sees them here: under --root they are moved there.
set --
if [ -n "$ROOT" ]; then
    set -- --set "paths.data_dir=$DATA" --set "central.token_file=$ETC/device-token" \
           --set "central.ca_file=$ETC/ca.pem" --set "central.record_key_file=$ETC/record-key.pub"
    [ -z "$CONTENT" ] || set -- "$@" --set "hub.content_pack=$DATA/content.json"
fi
as_kiosk() {
    if [ "$(id -u)" -eq 0 ] && [ "$USER_NAME" != root ]; then
        runuser -u "$USER_NAME" -- "$@"
    else
        "$@"
    fi
}
if ! printf '%s\n' "$PIN" | as_kiosk "$KIOSK" --config "$ETC/kiosk.ini" "$@" --set-staff-pin \
    >/dev/null 2>"$ETC/.pin.err"; then
    grep -v '^kiosk info:' "$ETC/.pin.err" >&2 || true
    rm -f "$ETC/.pin.err"
    fail "the staff PIN could not be stored"
fi
rm -f "$ETC/.pin.err"
PIN=

# ---- checking, line by line ----
bad=0
check() {  # check WHAT COMMAND...
    what=$1; shift
    if "$@"; then say "ok      $what"; else say "FAILED  $what"; bad=1; fi
}
mode_is() { [ "$(stat -c %a "$1")" = "$2" ]; }
owner_is() { [ "$(id -u)" -ne 0 ] || [ "$(stat -c %U "$1")" = "$USER_NAME" ]; }
check "settings $ETC/kiosk.ini (mode 640)" mode_is "$ETC/kiosk.ini" 640
check "settings owned by $USER_NAME" owner_is "$ETC/kiosk.ini"
check "device token readable by $USER_NAME only (mode 600)" mode_is "$ETC/device-token" 600
check "device token owned by $USER_NAME" owner_is "$ETC/device-token"
check "data directory $DATA (mode 700)" mode_is "$DATA" 700
check "data directory owned by $USER_NAME" owner_is "$DATA"
check "staff PIN stored (an Argon2id hash) in $DATA/kiosk.db" test -s "$DATA/kiosk.db"
if as_kiosk "$KIOSK" --config "$ETC/kiosk.ini" "$@" --check > "$ETC/.check.out" 2>&1; then
    say "ok      family-hub-kiosk --check:"
else
    say "FAILED  family-hub-kiosk --check:"
    bad=1
fi
# its conclusions and problems (its information lines go to the journal)
grep -v '^kiosk info:' "$ETC/.check.out" | sed 's/^/          /'
rm -f "$ETC/.check.out"
if [ "$bad" -ne 0 ]; then
    say "provision: the kiosk is not ready; see the lines above" >&2
    exit 1
fi
say "provision: done; start it with: systemctl enable --now family-hub-kiosk"
