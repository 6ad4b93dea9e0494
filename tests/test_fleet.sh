#!/bin/sh
# test_fleet.sh [BUILD] — the fleet playbook (provisioning/ansible), the
# quick part that runs with the other tests (make test-fleet rolls it out
# to two Debian roots: tests/test_fleet_chroot.sh):
#   1. ansible-playbook --syntax-check, and ansible-lint when installed;
#   2. its kiosk.ini template gives the same settings as
#      family-hub-kiosk-provision for the same hub, and the kiosk reads the
#      rendered file (--check), extra keys (kiosk_settings) included;
#   3. its staff PIN module stores a PIN through the kiosk's own
#      --set-staff-pin, leaves a matching hash alone (changed=false) and
#      sets a new PIN again.
# Skipped, with one line saying so, when ansible-playbook is not installed.
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
KIOSK=$(cd "$BUILD" && pwd)/kiosk
PLAY=provisioning/ansible
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }
if ! command -v ansible-playbook >/dev/null 2>&1; then
    echo "skipped: ansible is not installed (apt-get install ansible-core): the fleet playbook not checked"
    exit 0
fi
T=$(mktemp -d /tmp/kiosk-fleet-XXXXXX)
trap 'rm -rf "$T"' EXIT
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$T/ansible-local" ANSIBLE_REMOTE_TEMP="$T/ansible-remote"
export ANSIBLE_CONFIG="$PWD/$PLAY/ansible.cfg"

# ---- 1. syntax and lint ----
(cd "$PLAY" && ansible-playbook --syntax-check site.yml) > "$T/syntax" 2>&1 ||
    { cat "$T/syntax"; no "ansible-playbook --syntax-check site.yml"; }
ok "ansible-playbook --syntax-check site.yml"
if command -v ansible-lint >/dev/null 2>&1; then
    (cd "$PLAY" && ansible-lint --offline --nocolor site.yml roles) > "$T/lint" 2>&1 ||
        { cat "$T/lint"; no "ansible-lint site.yml roles"; }
    ok "ansible-lint: $(tail -n 1 "$T/lint")"
else
    ok "ansible-lint not installed: not linted"
fi

# ---- 2. the template against the provisioning script ----
mkdir -p "$T/in"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=central \
    -days 2 -keyout "$T/in/ca.key" -out "$T/in/ca.pem" 2>/dev/null
printf 'tok-5d0c1e9a7b3f2864\n' > "$T/in/token"
head -c 32 /dev/urandom | base64 > "$T/in/record.pub"
echo 40718253 | sh provisioning/provision.sh --root "$T/prov" --user "$(id -un)" --kiosk "$KIOSK" \
    --hub-id carshalton --device-id carshalton-01 --central-url https://central.example.org \
    --ca-file "$T/in/ca.pem" --token-file "$T/in/token" --record-key "$T/in/record.pub" \
    --diagonal 10.1 > "$T/prov.out" 2>&1 || { cat "$T/prov.out"; no "provision.sh for the comparison"; }
render() {  # render OUT EXTRA-VARS-JSON: the role's template on this machine
    cat > "$T/render.yml" <<EOT
- name: Render the kiosk's settings
  hosts: localhost
  connection: local
  gather_facts: false
  vars_files: [$PWD/$PLAY/roles/family_hub_kiosk/defaults/main.yml]
  tasks:
    - name: Render
      ansible.builtin.template:
        src: $PWD/$PLAY/roles/family_hub_kiosk/templates/kiosk.ini.j2
        dest: $1
        mode: "0600"
EOT
    ansible-playbook -i localhost, -e "$2" "$T/render.yml" > "$T/render.log" 2>&1 ||
        { cat "$T/render.log"; no "the template renders"; }
}
HUB='"kiosk_hub_id": "carshalton", "kiosk_device_id": "carshalton-01",
     "kiosk_central_url": "https://central.example.org", "kiosk_diagonal_in": 10.1'
render "$T/play.ini" "{$HUB}"
settings() { grep -v '^#' "$1" | grep -v '^ *$'; }
settings "$T/prov/etc/family-hub-kiosk/kiosk.ini" > "$T/prov.keys"
settings "$T/play.ini" > "$T/play.keys"
diff "$T/prov.keys" "$T/play.keys" > "$T/keys.diff" ||
    { cat "$T/keys.diff"; no "the playbook's kiosk.ini holds what provision.sh writes"; }
ok "the playbook's kiosk.ini: the same settings as family-hub-kiosk-provision's"

E=$T/prov/etc/family-hub-kiosk D=$T/prov/var/lib/family-hub-kiosk
render "$T/extra.ini" "{$HUB, \"kiosk_renderer\": \"software\",
    \"kiosk_settings\": {\"timeouts.idle_s\": 90, \"speech.volume\": 60, \"timeouts.thanks_s\": 8}}"
grep -q '^renderer = software$' "$T/extra.ini" || no "kiosk_renderer written"
[ "$(grep -c '^\[timeouts\]$' "$T/extra.ini")" = 1 ] || no "kiosk_settings: one [timeouts] section"
"$KIOSK" --config "$T/extra.ini" --set "paths.data_dir=$D" --set "central.token_file=$E/device-token" \
    --set "central.ca_file=$E/ca.pem" --set "central.record_key_file=$E/record-key.pub" \
    --check > "$T/check.out" 2>&1 || { cat "$T/check.out"; no "the kiosk reads the rendered settings"; }
grep -q 'are in order' "$T/check.out" || no "--check in order on the rendered settings"
ok "kiosk_settings and kiosk_renderer rendered; the kiosk's --check reads the file"

# ---- 3. the staff PIN module ----
pin_task() {  # pin_task PIN: the module once, its result line
    cat > "$T/pin.yml" <<EOT
- name: Staff PIN
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Staff PIN
      family_hub_kiosk_pin:
        pin: "$1"
        config: $E/kiosk.ini
        database: $D/kiosk.db
        user: $(id -un)
        program: $KIOSK
      no_log: true
EOT
    ANSIBLE_LIBRARY="$PWD/$PLAY/roles/family_hub_kiosk/library" \
        ansible-playbook -i localhost, "$T/pin.yml" > "$T/pin.log" 2>&1 ||
        { cat "$T/pin.log"; no "the PIN module runs"; }
    sed -n 's/^localhost *: .*changed=\([0-9]*\).*/\1/p' "$T/pin.log"
}
# provision.sh's --kiosk paths are the temporary root's: the module uses
# the kiosk with the file, so the file must name them.
sed -e "s|^data_dir = .*|data_dir = $D|" -e "s|^token_file = .*|token_file = $E/device-token|" \
    -e "s|^ca_file = .*|ca_file = $E/ca.pem|" -e "s|^record_key_file = .*|record_key_file = $E/record-key.pub|" \
    "$E/kiosk.ini" > "$E/kiosk.ini.new" && mv "$E/kiosk.ini.new" "$E/kiosk.ini"
[ "$(pin_task 40718253)" = 0 ] || no "the PIN module: the PIN provision.sh stored is left alone"
before=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM kv WHERE key = ?", ("staff.pin_hash",)).fetchone()[0])' \
    "$D/kiosk.db")
[ "$(pin_task 66190427)" = 1 ] || no "the PIN module: a new PIN is set (changed)"
[ "$(pin_task 66190427)" = 0 ] || no "the PIN module: the same PIN again changes nothing"
after=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM kv WHERE key = ?", ("staff.pin_hash",)).fetchone()[0])' \
    "$D/kiosk.db")
[ "$before" != "$after" ] || no "the PIN module changed the stored hash"
case $after in '$argon2id$'*) ;; *) no "the PIN module stored an Argon2id hash" ;; esac
grep -q 66190427 "$T/pin.log" && no "the PIN is not in the playbook's output"
grep -rqa 66190427 "$T/prov" && no "the PIN's digits are nowhere in the root"
ok "the PIN module: a matching hash left alone, a new PIN set once, only its hash stored"
