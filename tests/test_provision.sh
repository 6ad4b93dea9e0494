#!/bin/sh
# test_provision.sh [BUILD] — provisioning/provision.sh in a temporary root
# (--root), as a technician runs it: the settings, token, CA and record key
# written with their modes, the staff PIN stored only as an Argon2id hash,
# the kiosk's --check run line by line; bad inputs refused before anything
# is written; a content pack the kiosk refuses reported as FAILED with exit 1.
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
KIOSK=$(cd "$BUILD" && pwd)/kiosk
PROV=provisioning/provision.sh
T=$(mktemp -d /tmp/kiosk-provision-XXXXXX)
trap 'rm -rf "$T"' EXIT
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; [ -f "$T/out" ] && cat "$T/out"; exit 1; }

# The inputs a technician is given.
mkdir -p "$T/in"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=central \
    -days 2 -keyout "$T/in/ca.key" -out "$T/in/ca.pem" 2>/dev/null
printf 'tok-3f9a27c1d5e8b640\n' > "$T/in/token"
head -c 32 /dev/urandom | base64 > "$T/in/record.pub"
PIN=73915082
me=$(id -un)

provision() {  # provision ROOT [extra options...] (the PIN on standard input)
    root=$1; shift
    sh "$PROV" --root "$root" --user "$me" --kiosk "$KIOSK" --hub-id central-sutton \
        --device-id sutton-central-01 --central-url https://central.example.org \
        --ca-file "$T/in/ca.pem" --token-file "$T/in/token" --record-key "$T/in/record.pub" "$@"
}

# ---- a good run ----
echo "$PIN" | provision "$T/root" > "$T/out" 2>&1 || no "provision.sh with good inputs exits 0"
grep -q '^FAILED' "$T/out" && no "no FAILED line"
[ "$(grep -c '^ok ' "$T/out")" -ge 8 ] || no "one ok line per check"
grep -q 'are in order' "$T/out" || no "--check's own line is shown"
ok "provision.sh: every check ok, --check in order"
E=$T/root/etc/family-hub-kiosk D=$T/root/var/lib/family-hub-kiosk
[ "$(stat -c %a "$E/device-token")" = 600 ] || no "device-token mode 600"
[ "$(stat -c %a "$E/kiosk.ini")" = 640 ] || no "kiosk.ini mode 640"
[ "$(stat -c %a "$D")" = 700 ] || no "data directory mode 700"
cmp -s "$E/device-token" "$T/in/token" || no "the token copied whole"
grep -q '^hub_id = central-sutton$' "$E/kiosk.ini" || no "kiosk.ini has the hub id"
grep -q '^url = https://central.example.org$' "$E/kiosk.ini" || no "kiosk.ini has the URL"
grep -q '^token_file = /etc/family-hub-kiosk/device-token$' "$E/kiosk.ini" ||
    no "kiosk.ini names the device's own path, not the temporary root"
ok "settings, token (600), data directory (700) as documented"
hash=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);
print(c.execute("SELECT value FROM kv WHERE key=?",("staff.pin_hash",)).fetchone()[0])' \
    "$D/kiosk.db")
case $hash in '$argon2id$'*) ;; *) no "the PIN is stored as an Argon2id hash" ;; esac
grep -rqa "$PIN" "$T/root" && no "the PIN's digits are nowhere in the root"
grep -qa "$PIN" "$T/out" && no "the PIN is not printed"
grep -qa 'tok-3f9a27c1d5e8b640' "$T/out" && no "the token is not printed"
ok "staff PIN stored as an Argon2id hash only; neither PIN nor token printed"
# the written settings are the kiosk's: it reads them back
"$KIOSK" --config "$E/kiosk.ini" --set "paths.data_dir=$D" --set "central.token_file=$E/device-token" \
    --set "central.ca_file=$E/ca.pem" --set "central.record_key_file=$E/record-key.pub" \
    --status > "$T/status" 2>&1 || { cat "$T/status"; no "--status on the provisioned root"; }
grep -q 'device sutton-central-01' "$T/status" || no "--status names the device"
ok "--status on the provisioned root names the hub and device"

# Again with a new PIN: the newest values win.
echo 99887766 | provision "$T/root" > "$T/out" 2>&1 || no "provision.sh runs a second time"
ok "provision.sh runs again over its own result"

# ---- refused before anything is written ----
refused() {  # refused WHAT SUBSTRING [options...] (PIN on stdin)
    what=$1 why=$2; shift 2
    rm -rf "$T/bad"
    if provision "$T/bad" "$@" > "$T/out" 2>&1; then no "$what is refused"; fi
    grep -q "$why" "$T/out" || no "$what: the message says \"$why\""
    [ ! -e "$T/bad" ] || no "$what: nothing written"
}
echo 12 | refused "a 2-digit PIN" "4 to 12 digits"
echo "$PIN" | refused "http:// to a remote host" "https://" --central-url http://central.example.org
head -c 16 /dev/urandom | base64 > "$T/in/short.pub"
echo "$PIN" | refused "a 16-byte record key" "32 bytes" --record-key "$T/in/short.pub"
printf 'two words\n' > "$T/in/blank-token"
echo "$PIN" | refused "a token with a blank" "no blanks" --token-file "$T/in/blank-token"
echo "$PIN" | refused "a CA file that is not PEM" "PEM" --ca-file "$T/in/token"
echo "$PIN" | refused "a hub id with a slash" "hub id" --hub-id "a/b"
ok "bad PIN, URL, record key, token, CA file and hub id refused; nothing written"

# ---- the kiosk's --check fails: FAILED and exit 1 ----
printf '{"hub": ' > "$T/in/broken.json"
rm -rf "$T/root2"
if echo "$PIN" | provision "$T/root2" --content "$T/in/broken.json" > "$T/out" 2>&1; then
    no "a content pack the kiosk refuses makes provision.sh exit 1"
fi
grep -q '^FAILED  family-hub-kiosk --check' "$T/out" || no "the failed --check is one FAILED line"
grep -q 'broken\|content' "$T/out" || no "the kiosk's reason is shown"
ok "a refused content pack: FAILED line, the kiosk's reason, exit 1"
