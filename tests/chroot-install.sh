#!/bin/sh
# chroot-install.sh DEB [ROOT] — installs the package as a technician would,
# with apt, into a fresh Debian 12 root (debootstrap, minbase), then
# provisions it there and asks for --status as the kiosk's user. Needs root
# and the Debian mirror; not part of make test (several minutes, network).
# ROOT (default: a new temporary directory) is kept for a look afterwards.
set -eu
DEB=$1
R=${2:-$(mktemp -d /tmp/kiosk-chroot-XXXXXX)}
[ -x "$R/bin/sh" ] || debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian
cp "$DEB" "$R/tmp/kiosk.deb"
mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
trap 'umount "$R/proc" 2>/dev/null || true' EXIT
chroot "$R" sh -c 'apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/kiosk.deb'
chroot "$R" id family-hub-kiosk
chroot "$R" systemctl is-enabled family-hub-kiosk.service
chroot "$R" systemd-analyze verify /lib/systemd/system/family-hub-kiosk.service
mkdir -p "$R/root/hub"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=central \
    -days 2 -keyout "$R/root/hub/ca.key" -out "$R/root/hub/ca.pem" 2>/dev/null
echo "tok-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$R/root/hub/device-token"
head -c 32 /dev/urandom | base64 > "$R/root/hub/record-key.pub"
echo 482913 | chroot "$R" family-hub-kiosk-provision --hub-id central-sutton \
    --device-id sutton-central-01 --central-url https://central.example.org \
    --ca-file /root/hub/ca.pem --token-file /root/hub/device-token \
    --record-key /root/hub/record-key.pub
chroot "$R" runuser -u family-hub-kiosk -- family-hub-kiosk \
    --config /etc/family-hub-kiosk/kiosk.ini --status
echo "chroot-install: done in $R"
