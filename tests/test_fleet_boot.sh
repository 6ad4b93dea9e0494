#!/bin/sh
# test_fleet_boot.sh [BUILD] — the fleet playbook (provisioning/ansible)
# rolled out to a "hub" that has really booted: a Debian 12 root started
# with systemd-nspawn --boot, systemd its first process. What the chroot
# roll-out (test_fleet_chroot.sh) cannot show, because nothing runs there:
#   1. the playbook installs and starts the service (kiosk_start true, its
#      own "the service is running" step) and systemd says it is active,
#      as the kiosk's user, Type=notify (READY=1 came);
#   2. the main loop's watchdog pings reach systemd (the time of the last
#      one moves on);
#   3. kill -9 of the kiosk: Restart=always starts it again;
#   4. a hung kiosk (SIGSTOP) is killed by the watchdog and started again;
#   5. a second run with a changed setting restarts the service (the
#      playbook's handler), a third with nothing new changes nothing.
# The unit is the package's own; one drop-in, written before the boot,
# sets SDL_VIDEODRIVER=dummy, as a container has no screen (KMSDRM needs
# /dev/dri). The playbook reaches the running container through Ansible's
# chroot connection with ansible_chroot_exe set to a small program that
# enters the container's namespaces (nsenter), so every task, systemctl
# included, runs inside the booted system.
# Needs root, systemd-nspawn (systemd-container), nsenter, ansible, and the
# Debian root test_fleet_chroot.sh makes (KIOSK_FLEET_BASE, made with
# debootstrap if missing); runs with make test-fleet (KIOSK_FLEET=1) and
# skips otherwise. The copy it boots is removed at the end
# (KIOSK_FLEET_KEEP=1 keeps it).
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
if [ "${KIOSK_FLEET:-0}" != 1 ]; then
    echo "skipped: the roll-out to a booted Debian root runs with make test-fleet (root, systemd-nspawn; minutes)"
    exit 0
fi
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }
[ "$(id -u)" -eq 0 ] || no "make test-fleet runs as root (systemd-nspawn)"
for c in systemd-nspawn nsenter ansible-playbook ansible-vault openssl; do
    command -v $c >/dev/null 2>&1 || no "$c is installed (apt-get install systemd-container ansible)"
done
REPO=$(pwd)
PLAY=$REPO/provisioning/ansible
BASE=${KIOSK_FLEET_BASE:-/var/tmp/family-hub-kiosk-fleet/base}
if [ ! -x "$BASE/lib/systemd/systemd" ]; then
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
             2>/dev/null | sed -n -e 's/^URIs: *\([^ ]*\).*/\1/p' \
             -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*/\2/p' | grep -v security | head -n 1)
    mkdir -p "$(dirname "$BASE")"
    debootstrap --variant=minbase --include=python3,python3-apt,systemd,openssl,ca-certificates \
        bookworm "$BASE" "${MIRROR:-http://deb.debian.org/debian}" > "$BASE.log" 2>&1 ||
        { tail -20 "$BASE.log"; no "debootstrap"; }
fi

T=$(mktemp -d /var/tmp/kiosk-fleet-boot-XXXXXX)
H=$T/hub-c
NSPAWN=
leader() { cat "$T/leader" 2>/dev/null; }
in_hub() { nsenter --target "$(leader)" --mount --uts --ipc --net --pid --root --wd -- "$@"; }
cleanup() {
    if [ -n "$NSPAWN" ] && kill -0 "$NSPAWN" 2>/dev/null; then
        in_hub systemctl poweroff >/dev/null 2>&1 || kill "$NSPAWN" 2>/dev/null || true
        i=0
        while kill -0 "$NSPAWN" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
        kill -9 "$NSPAWN" 2>/dev/null || true
    fi
    [ "${KIOSK_FLEET_KEEP:-0}" = 1 ] && { echo "kept: $T"; return; }
    rm -rf "$T"
}
trap cleanup EXIT
cp -a "$BASE" "$H"
# The container has no screen: the kiosk draws with SDL's dummy driver.
mkdir -p "$H/etc/systemd/system/family-hub-kiosk.service.d"
printf '[Service]\nEnvironment=SDL_VIDEODRIVER=dummy\n' \
    > "$H/etc/systemd/system/family-hub-kiosk.service.d/container.conf"

# ---- the boot ----
systemd-nspawn --quiet --register=no --keep-unit --boot --directory="$H" \
    --machine="kiosk-fleet-$$" --console=passive > "$T/boot.log" 2>&1 &
NSPAWN=$!
i=0
while [ $i -lt 60 ]; do   # the container's first process: systemd, nspawn's child
    for p in $(pgrep -P "$NSPAWN" 2>/dev/null); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = systemd ] && { echo "$p" > "$T/leader"; break 2; }
    done
    kill -0 "$NSPAWN" 2>/dev/null || { cat "$T/boot.log"; no "systemd-nspawn --boot started"; }
    sleep 1; i=$((i + 1))
done
[ -n "$(leader)" ] || { cat "$T/boot.log"; no "the container's systemd is running"; }
state=$(timeout 120 nsenter --target "$(leader)" --mount --uts --ipc --net --pid --root --wd -- \
        systemctl is-system-running --wait 2>/dev/null) || true
case $state in
    running|degraded) ;;
    *) cat "$T/boot.log"; no "the container booted (systemctl is-system-running: $state)" ;;
esac
ok "a Debian 12 root booted with systemd-nspawn (systemd $state, process $(leader))"

# The chroot connection runs "EXE ROOT /bin/sh -c CMD"; this EXE enters the
# running container instead of changing root.
cat > "$T/enter" <<EOT
#!/bin/sh
shift
exec nsenter --target $(leader) --mount --uts --ipc --net --pid --root --wd -- "\$@"
EOT
chmod 755 "$T/enter"

deb=$(make --no-print-directory -s deb BUILD="$BUILD" 2>"$T/deb.err" | tail -n 1) ||
    { cat "$T/deb.err"; no "make deb"; }
[ -f "$deb" ] || no "make deb wrote a package"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

# ---- the inventory: the example's shared settings, one booted hub ----
I=$T/inventory
mkdir -p "$I/group_vars/all" "$I/host_vars/hub-c" "$I/files"
cp "$PLAY/inventory/example/group_vars/all/main.yml" "$I/group_vars/all/main.yml"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=central \
    -days 2 -keyout "$T/ca.key" -out "$I/files/central-ca.pem" 2>/dev/null
head -c 24 /dev/urandom | base64 > "$T/vault-pass"
chmod 600 "$T/vault-pass"
printf -- '---\nvault_kiosk_record_key: "%s"\n' "$(head -c 32 /dev/urandom | base64)" \
    > "$I/group_vars/all/vault.yml"
printf -- '---\nvault_kiosk_device_token: "tok-c-%s"\nvault_kiosk_staff_pin: "%s"\n' \
    "$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')" 73920461 > "$I/host_vars/hub-c/vault.yml"
for f in "$I/group_vars/all/vault.yml" "$I/host_vars/hub-c/vault.yml"; do
    ansible-vault encrypt --vault-password-file "$T/vault-pass" "$f" >/dev/null
done
inventory() {  # inventory IDLE-SECONDS
    cat > "$I/hubs.yml" <<EOT
---
hubs:
  children:
    pilot:
      hosts:
        hub-c:
          ansible_host: $H
          kiosk_hub_id: central-sutton
          kiosk_device_id: sutton-central-03
          kiosk_settings: {"timeouts.idle_s": $1}
  vars:
    ansible_connection: community.general.chroot
    ansible_chroot_exe: $T/enter
    ansible_become: false
    kiosk_start: true
    kiosk_deb: $deb
EOT
}
run() {  # run LOG: the playbook over the inventory; its exit status
    (cd "$PLAY" && ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ansible-playbook -i "$I/hubs.yml" \
        --vault-password-file "$T/vault-pass" site.yml) > "$1" 2>&1
}
changed() { sed -n 's/^hub-c *: .*changed=\([0-9]*\).*/\1/p' "$1" | tail -n 1; }
prop() { in_hub systemctl show -P "$1" family-hub-kiosk.service; }
journal() { in_hub journalctl -u family-hub-kiosk --no-pager -n 30 || true; }
active_again() {  # active_again OLD-PID SECONDS: active under a new main process
    i=0
    while [ $i -lt "$2" ]; do
        now=$(prop MainPID)
        [ "$(prop ActiveState)" = active ] && [ "$now" != 0 ] && [ "$now" != "$1" ] && return 0
        sleep 1; i=$((i + 1))
    done
    return 1
}

# ---- 1. the playbook starts the service under systemd ----
inventory 90
start=$(date +%s)
run "$T/run1.log" || { tail -40 "$T/run1.log"; journal; no "the first run succeeds"; }
sed -n 's/^hub-c *: .*failed=\([0-9]*\).*/\1/p' "$T/run1.log" | grep -qx 0 || no "no task failed"
grep -q 'The service is running on this hub' "$T/run1.log" || no "the playbook checked the service"
[ "$(in_hub systemctl is-active family-hub-kiosk.service)" = active ] ||
    { journal; no "systemctl is-active family-hub-kiosk: active"; }
pid=$(prop MainPID)
[ "$(prop Type)" = notify ] || no "Type=notify"
[ "$(prop Restart)" = always ] || no "Restart=always"
[ "$(in_hub stat -c %U "/proc/$pid")" = family-hub-kiosk ] ||
    no "the kiosk runs as family-hub-kiosk"
in_hub journalctl -u family-hub-kiosk --no-pager | grep -q 'app: started' ||
    { journal; no "the kiosk's log reaches the journal"; }
ok "first run: installed, enabled and started under systemd, active as family-hub-kiosk (Type=notify), $(($(date +%s) - start)) s"

# ---- 2. the watchdog pings ----
w1=$(prop WatchdogTimestampMonotonic)
[ "$(prop WatchdogUSec)" = 30s ] || no "WatchdogSec=30 (systemd: $(prop WatchdogUSec))"
i=0
while [ "$(prop WatchdogTimestampMonotonic)" = "$w1" ] && [ $i -lt 25 ]; do sleep 1; i=$((i + 1)); done
w2=$(prop WatchdogTimestampMonotonic)
[ "$w2" != "$w1" ] && [ "$w2" -gt 0 ] || no "a WATCHDOG=1 ping within 25 s (every 15 s)"
ok "the main loop's watchdog pings reach systemd (last ping moved on after $i s)"

# ---- 3. kill -9: Restart=always ----
n0=$(prop NRestarts)
in_hub sh -c "kill -9 $pid"
active_again "$pid" 60 || { journal; no "killed with -9, the kiosk is started again"; }
[ "$(prop NRestarts)" -gt "$n0" ] || no "systemd counted the restart"
ok "kill -9: started again by Restart=always (process $pid, now $(prop MainPID))"

# ---- 4. a hung kiosk: the watchdog ----
pid=$(prop MainPID)
start=$(date +%s)
in_hub sh -c "kill -STOP $pid"
active_again "$pid" 100 || { journal; no "a stopped kiosk is killed by the watchdog and started again"; }
in_hub journalctl -u family-hub-kiosk --no-pager | grep -qi 'watchdog timeout' ||
    { journal; no "the journal says the watchdog fired"; }
ok "a hung kiosk (SIGSTOP): watchdog timeout, started again after $(($(date +%s) - start)) s"

# ---- 5. a changed setting restarts it; nothing new changes nothing ----
pid=$(prop MainPID)
inventory 120
run "$T/run2.log" || { tail -40 "$T/run2.log"; no "the second run succeeds"; }
grep -q '^idle_s = 120$' "$H/etc/family-hub-kiosk/kiosk.ini" || no "the new setting written"
grep -q '^RUNNING HANDLER.*Restart the kiosk' "$T/run2.log" || no "the restart handler ran"
active_again "$pid" 30 || no "restarted by the playbook (a new main process, active)"
ok "second run, a new setting: the playbook restarted the service (process $pid, now $(prop MainPID))"
pid=$(prop MainPID)
run "$T/run3.log" || { tail -40 "$T/run3.log"; no "the third run succeeds"; }
[ "$(changed "$T/run3.log")" = 0 ] || { grep -B2 '^changed:' "$T/run3.log"; no "the third run changed nothing"; }
[ "$(prop MainPID)" = "$pid" ] || no "the third run left the kiosk running (same process)"
ok "third run, nothing new: changed=0, the kiosk not restarted"
