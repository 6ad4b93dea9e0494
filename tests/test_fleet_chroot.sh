#!/bin/sh
# test_fleet_chroot.sh [BUILD] — the fleet playbook (provisioning/ansible)
# rolled out for real to two "hubs", two Debian 12 roots made with
# debootstrap and reached with Ansible's chroot connection:
#   1. the first run installs the package (its dependencies from the
#      mirror), writes each hub's settings and secrets from the inventory
#      and ansible-vault, stores the staff PIN's hash, runs --check and
#      enables the service, the pilot hub first;
#   2. the settings, owners and modes are as documented, the PIN is only a
#      hash (and it verifies), nothing secret is printed, the service is
#      enabled, --status runs as the kiosk's user;
#   3. a second run changes nothing;
#   4. a pilot hub that fails its --check stops the roll-out: the next
#      hub keeps its settings; fixed, the next run reaches both, and a new
#      PIN for one hub changes that hub's hash only.
# Needs root, debootstrap, ansible (community.general.chroot) and the
# Debian mirror; takes minutes, so it runs with make test-fleet
# (KIOSK_FLEET=1) and skips otherwise. The debootstrapped root is kept in
# KIOSK_FLEET_BASE (default /var/tmp/family-hub-kiosk-fleet/base) for the
# next run; the two hubs are copies of it, removed at the end
# (KIOSK_FLEET_KEEP=1 keeps them).
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
if [ "${KIOSK_FLEET:-0}" != 1 ]; then
    echo "skipped: the roll-out to two Debian roots runs with make test-fleet (root, debootstrap, the mirror; minutes)"
    exit 0
fi
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }
[ "$(id -u)" -eq 0 ] || no "make test-fleet runs as root (chroot)"
for c in debootstrap ansible-playbook ansible-vault python3; do
    command -v $c >/dev/null 2>&1 || no "$c is installed (apt-get install debootstrap ansible)"
done
REPO=$(pwd)
PLAY=$REPO/provisioning/ansible
# The Debian mirror this machine's apt uses.
MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
         2>/dev/null | sed -n -e 's/^URIs: *\([^ ]*\).*/\1/p' -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*/\2/p' |
         grep -v security | head -n 1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BASE=${KIOSK_FLEET_BASE:-/var/tmp/family-hub-kiosk-fleet/base}
if [ ! -x "$BASE/usr/bin/python3" ]; then
    mkdir -p "$(dirname "$BASE")"
    debootstrap --variant=minbase --include=python3,python3-apt,systemd,openssl,ca-certificates \
        bookworm "$BASE" "$MIRROR" > "$BASE.log" 2>&1 || { tail -20 "$BASE.log"; no "debootstrap"; }
fi
ok "a Debian 12 root (debootstrap, $MIRROR) in $BASE"

T=$(mktemp -d /var/tmp/kiosk-fleet-XXXXXX)
cleanup() {
    for h in hub-a hub-b; do umount "$T/$h/proc" 2>/dev/null || true; done
    [ "${KIOSK_FLEET_KEEP:-0}" = 1 ] && { echo "kept: $T"; return; }
    rm -rf "$T"
}
trap cleanup EXIT
for h in hub-a hub-b; do
    cp -a "$BASE" "$T/$h"
    mount -t proc proc "$T/$h/proc"
done
deb=$(make --no-print-directory -s deb BUILD="$BUILD" 2>"$T/deb.err" | tail -n 1) ||
    { cat "$T/deb.err"; no "make deb"; }
[ -f "$deb" ] || no "make deb wrote a package"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

# ---- the inventory: the example's shared settings, two chroot hubs ----
I=$T/inventory
mkdir -p "$I/group_vars/all" "$I/host_vars/hub-a" "$I/host_vars/hub-b" "$I/files"
cp "$PLAY/inventory/example/group_vars/all/main.yml" "$I/group_vars/all/main.yml"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=central \
    -days 2 -keyout "$T/ca.key" -out "$I/files/central-ca.pem" 2>/dev/null
TOK_A=tok-a-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
TOK_B=tok-b-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
PIN_A=48291735 PIN_B=90617354 PIN_B2=55103927
RECKEY=$(head -c 32 /dev/urandom | base64)
head -c 24 /dev/urandom | base64 > "$T/vault-pass"
chmod 600 "$T/vault-pass"
vault() {  # vault FILE: encrypts the YAML on standard input into FILE
    cat > "$1"
    ansible-vault encrypt --vault-password-file "$T/vault-pass" "$1" >/dev/null
}
printf -- '---\nvault_kiosk_record_key: "%s"\n' "$RECKEY" | vault "$I/group_vars/all/vault.yml"
hub_secrets() {  # hub_secrets HOST TOKEN PIN
    printf -- '---\nvault_kiosk_device_token: "%s"\nvault_kiosk_staff_pin: "%s"\n' "$2" "$3" |
        vault "$I/host_vars/$1/vault.yml"
}
hub_secrets hub-a "$TOK_A" "$PIN_A"
hub_secrets hub-b "$TOK_B" "$PIN_B"
inventory() {  # inventory [EXTRA-YAML-FOR-hub-a]
    cat > "$I/hubs.yml" <<EOT
---
hubs:
  children:
    pilot:
      hosts:
        hub-a:
          ansible_host: $T/hub-a
          kiosk_hub_id: central-sutton
          kiosk_device_id: sutton-central-01
$1
    rest:
      hosts:
        hub-b:
          ansible_host: $T/hub-b
          kiosk_hub_id: carshalton
          kiosk_device_id: carshalton-01
          kiosk_diagonal_in: 10.1
          kiosk_settings: {"timeouts.idle_s": $2}
  vars:
    ansible_connection: community.general.chroot
    ansible_become: false
    kiosk_start: false
    kiosk_deb: $deb
    kiosk_rollout_batches: [1, "100%"]
EOT
}
inventory "" 90
run() {  # run LOG: the playbook over the inventory; its exit status
    (cd "$PLAY" && ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ansible-playbook -i "$I/hubs.yml" \
        --vault-password-file "$T/vault-pass" site.yml) > "$1" 2>&1
}
recap() { sed -n "s/^$1 *: \(.*\)/\1/p" "$2" | tail -n 1; }
changed() { recap "$1" "$2" | sed -n 's/.*changed=\([0-9]*\).*/\1/p'; }

# ---- 1. the first run ----
start=$(date +%s)
run "$T/run1.log" || { tail -40 "$T/run1.log"; no "the first run succeeds"; }
for h in hub-a hub-b; do
    recap $h "$T/run1.log" | grep -q 'failed=0' || { tail -30 "$T/run1.log"; no "$h: no task failed"; }
    [ "$(changed $h "$T/run1.log")" -gt 0 ] || no "$h: the first run changed it"
done
first_b=$(grep -n '^ok: \[hub-b\]\|^changed: \[hub-b\]' "$T/run1.log" | head -n 1 | cut -d: -f1)
last_a=$(grep -n '^ok: \[hub-a\]\|^changed: \[hub-a\]' "$T/run1.log" | tail -n 1 | cut -d: -f1)
[ "$last_a" -lt "$first_b" ] || no "the pilot hub is done before the next one starts (serial)"
ok "first run: package, settings, secrets, PIN, --check, service on both hubs, the pilot first ($(($(date +%s) - start)) s)"

# ---- 2. what is on each hub ----
hash_of() {
    python3 -c 'import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute("SELECT value FROM kv WHERE key = ?", ("staff.pin_hash",)).fetchone()[0])' "$1"
}
verifies() {  # verifies HASH PIN: libsodium says the PIN is the hash's
    python3 -c 'import ctypes, ctypes.util, sys
s = ctypes.CDLL(ctypes.util.find_library("sodium")); s.sodium_init()
h, p = sys.argv[1].encode(), sys.argv[2].encode()
sys.exit(0 if s.crypto_pwhash_str_verify(h, p, ctypes.c_ulonglong(len(p))) == 0 else 1)' "$1" "$2"
}
check_hub() {  # check_hub HOST HUB-ID DEVICE-ID TOKEN PIN
    R=$T/$1 E=$T/$1/etc/family-hub-kiosk D=$T/$1/var/lib/family-hub-kiosk
    chroot "$R" dpkg-query -W -f='${Status} ${Version}\n' family-hub-kiosk | grep -q 'install ok installed' ||
        no "$1: the package is installed"
    grep -q "^hub_id = $2\$" "$E/kiosk.ini" || no "$1: kiosk.ini has hub_id $2"
    grep -q "^device_id = $3\$" "$E/kiosk.ini" || no "$1: kiosk.ini has device_id $3"
    grep -q '^url = https://central.example.org$' "$E/kiosk.ini" || no "$1: kiosk.ini has the URL"
    [ "$(chroot "$R" stat -c '%U %a' /etc/family-hub-kiosk/kiosk.ini)" = "family-hub-kiosk 640" ] ||
        no "$1: kiosk.ini family-hub-kiosk's, mode 640"
    [ "$(chroot "$R" stat -c '%U %a' /etc/family-hub-kiosk/device-token)" = "family-hub-kiosk 600" ] ||
        no "$1: device-token family-hub-kiosk's, mode 600"
    [ "$(cat "$E/device-token")" = "$4" ] || no "$1: the device token is this hub's"
    [ "$(chroot "$R" stat -c '%U %a' /var/lib/family-hub-kiosk)" = "family-hub-kiosk 700" ] ||
        no "$1: the data directory family-hub-kiosk's, mode 700"
    [ "$(cat "$E/record-key.pub")" = "$RECKEY" ] || no "$1: the record key"
    cmp -s "$E/ca.pem" "$I/files/central-ca.pem" || no "$1: the CA file"
    h=$(hash_of "$D/kiosk.db")
    case $h in '$argon2id$'*) ;; *) no "$1: the staff PIN is stored as an Argon2id hash" ;; esac
    verifies "$h" "$5" || no "$1: the stored hash is of this hub's PIN"
    grep -rqa "$5" "$R/etc" "$R/var" "$R/tmp" "$R/root" && no "$1: the PIN's digits are nowhere on the hub"
    [ "$(chroot "$R" systemctl is-enabled family-hub-kiosk.service)" = enabled ] ||
        no "$1: the service is enabled"
    chroot "$R" runuser -u family-hub-kiosk -- family-hub-kiosk \
        --config /etc/family-hub-kiosk/kiosk.ini --status > "$T/$1.status" 2>&1 ||
        { cat "$T/$1.status"; no "$1: --status as the kiosk's user"; }
    grep -q "device $3" "$T/$1.status" || { cat "$T/$1.status"; no "$1: --status names the device"; }
}
check_hub hub-a central-sutton sutton-central-01 "$TOK_A" "$PIN_A"
check_hub hub-b carshalton carshalton-01 "$TOK_B" "$PIN_B"
grep -q '^diagonal_in = 10.1$' "$T/hub-b/etc/family-hub-kiosk/kiosk.ini" || no "hub-b: its diagonal"
grep -q '^idle_s = 90$' "$T/hub-b/etc/family-hub-kiosk/kiosk.ini" || no "hub-b: kiosk_settings written"
for s in "$TOK_A" "$TOK_B" "$PIN_A" "$PIN_B" "$RECKEY"; do
    grep -qF -- "$s" "$T/run1.log" && no "no secret in the playbook's output"
done
ok "both hubs: settings (640), token (600), data (700) the kiosk's; PIN only as its hash; enabled; --status"
ok "neither token, PIN nor record key in the playbook's output"

# ---- 3. the second run changes nothing ----
sum_a=$(hash_of "$T/hub-a/var/lib/family-hub-kiosk/kiosk.db")
run "$T/run2.log" || { tail -40 "$T/run2.log"; no "the second run succeeds"; }
for h in hub-a hub-b; do
    [ "$(changed $h "$T/run2.log")" = 0 ] ||
        { grep -B2 "^changed: \[$h\]" "$T/run2.log"; no "$h: the second run changed nothing"; }
done
[ "$(hash_of "$T/hub-a/var/lib/family-hub-kiosk/kiosk.db")" = "$sum_a" ] ||
    no "the second run kept the stored PIN hash (not set again)"
ok "second run: changed=0 on both hubs (idempotent), the PIN's hash untouched"

# ---- 4. a failing pilot stops the roll-out ----
printf '{"hub": ' > "$I/files/broken.json"
inventory "          kiosk_content_pack: $I/files/broken.json" 120
if run "$T/run3.log"; then no "a pilot hub whose --check fails fails the run"; fi
recap hub-a "$T/run3.log" | grep -q 'failed=1' || { tail -30 "$T/run3.log"; no "hub-a failed"; }
grep -q '^idle_s = 90$' "$T/hub-b/etc/family-hub-kiosk/kiosk.ini" ||
    no "hub-b was not reached: its settings unchanged"
recap hub-b "$T/run3.log" | grep -q . && no "hub-b not in the recap: never started"
ok "a pilot hub failing its --check stops the roll-out; the next hub is not touched"
hub_secrets hub-b "$TOK_B" "$PIN_B2"
inventory "" 120
run "$T/run4.log" || { tail -40 "$T/run4.log"; no "the run after the fix succeeds"; }
grep -q '^idle_s = 120$' "$T/hub-b/etc/family-hub-kiosk/kiosk.ini" || no "hub-b reached after the fix"
verifies "$(hash_of "$T/hub-b/var/lib/family-hub-kiosk/kiosk.db")" "$PIN_B2" || no "hub-b: the new PIN"
[ "$(hash_of "$T/hub-a/var/lib/family-hub-kiosk/kiosk.db")" = "$sum_a" ] || no "hub-a: its PIN untouched"
ok "fixed: the next run reaches both; hub-b's new PIN stored, hub-a's hash untouched"
