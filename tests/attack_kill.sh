#!/bin/sh
# attack_kill.sh BUILD [ROUNDS] — the kiosk killed with SIGKILL while
# visitors check in, ROUNDS times (default 50) at random moments, all on one
# data directory. Then: the database passes integrity_check, every check-in
# the log called saved (logged after its commit, before "thank you") is in
# the outbox exactly once, no record id is there twice, and each check-in
# has its attendance row. Run by `make test-attack`; needs python3.
set -u
BUILD=${1:-build}
ROUNDS=${2:-50}
KIOSK="$BUILD/kiosk"
[ -x "$KIOSK" ] || { echo "attack_kill: $KIOSK not built" >&2; exit 1; }
TMP=$(mktemp -d /tmp/kiosk-attack-kill-XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/data" "$TMP/out"
{
  i=0
  while [ $i -lt 30 ]; do
    printf 'tap home.checkin\ntap checkin.session.0\ntap party.next\ntap details.first.yes\n'
    printf 'tap details.name\ntype Visitor\ntap kbd.done\ntap details.next\ntap confirm.ok\n'
    printf 'expect-screen thanks\nwait 7000\n'
    i=$((i + 1))
  done
} > "$TMP/script.txt"
n=0
while [ $n -lt "$ROUNDS" ]; do
  "$KIOSK" --demo --headless --data-dir "$TMP/data" --script "$TMP/script.txt" \
    --out "$TMP/out" 2>> "$TMP/log" &
  pid=$!
  # 10 to 600 ms: start-up, the import, a save or the wait between
  sleep "0.$(awk -v s="$n$$" 'BEGIN { srand(s); printf "%03d", 10 + int(rand() * 590) }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  n=$((n + 1))
done
python3 - "$TMP/data/kiosk.db" "$TMP/log" <<'EOF'
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
bad = []
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    bad.append("integrity_check: %s" % ok)
ids = [r[0] for r in db.execute("SELECT id FROM outbox")]
if len(ids) != len(set(ids)):
    bad.append("a record id is in the outbox twice")
logged = re.findall(r"check-in ([0-9a-f-]{36}) saved", open(sys.argv[2]).read())
missing = set(logged) - set(ids)
if missing:
    bad.append("%d check-ins logged as saved are not in the outbox" % len(missing))
orphans = db.execute("SELECT count(*) FROM outbox o WHERE o.type = 'checkin' AND NOT EXISTS "
                     "(SELECT 1 FROM attendance a WHERE a.record_id = o.id)").fetchone()[0]
if orphans:
    bad.append("%d check-ins without their attendance row" % orphans)
print("attack_kill: %d saved before a kill, %d in the outbox, integrity %s"
      % (len(logged), len(ids), ok))
for b in bad:
    print("attack_kill: " + b)
sys.exit(1 if bad or not logged else 0)
EOF
