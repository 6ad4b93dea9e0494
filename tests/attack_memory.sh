#!/bin/sh
# attack_memory.sh BUILD — what a visitor typed, looked for in a real kiosk
# process's memory after they left. Each journey runs the built program
# headless under gdb, which stops it as it shuts down (app_destroy, after
# the script's Quick exit or idle wipe) and writes a core file of all its
# memory: heap, stacks, every library's data. The core is searched for the
# typed words in UTF-8, UTF-16 and UTF-32 (little-endian). Any copy fails.
# In-process scans (test_privacy.c) see the heap and anonymous mappings of
# the test program; this sees the program that ships, with its own stack
# and the libraries' static buffers (espeak-ng's last clause). Slow (a core
# of about 100 MB per journey): run by `make test-attack`, not test-plain.
# ATTACK_JOURNEY=NAME runs that journey alone. Needs gdb (gcore) and python3; skipped (exit 0, said so) without gdb.
set -u
BUILD=${1:-build}
KIOSK="$BUILD/kiosk"
command -v gdb >/dev/null 2>&1 || { echo "attack_memory: gdb not installed: skipped"; exit 0; }
[ -x "$KIOSK" ] || { echo "attack_memory: $KIOSK not built" >&2; exit 1; }
TMP=$(mktemp -d /tmp/kiosk-attack-mem-XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
NAME=Qorvindelle
PHONE="07700 912345"
fail=0

# journey NAME WORDS... < script: runs the script, dumps the core, searches it.
journey() {
  j=$1; shift
  if [ -n "${ATTACK_JOURNEY:-}" ] && [ "$ATTACK_JOURNEY" != "$j" ]; then
    cat > /dev/null; return
  fi
  cat > "$TMP/$j.txt"
  mkdir -p "$TMP/$j.out" "$TMP/$j.data"
  cat > "$TMP/gdb" <<EOF
set pagination off
set breakpoint pending on
break app_destroy
run
gcore $TMP/core
kill
quit
EOF
  gdb -q -batch -x "$TMP/gdb" --args "$KIOSK" --demo --headless --data-dir "$TMP/$j.data" \
    --script "$TMP/$j.txt" --out "$TMP/$j.out" > "$TMP/$j.log" 2>&1
  if [ ! -s "$TMP/core" ]; then
    echo "attack_memory: $j: no core written (see below)"; tail -5 "$TMP/$j.log"; fail=1; return
  fi
  if ! python3 - "$TMP/core" "$j" "$@" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
found = 0
for w in sys.argv[3:]:
    for enc in ('utf-8', 'utf-16-le', 'utf-32-le'):
        n = data.count(w.encode(enc))
        if n:
            print("attack_memory: %s: %r found %d times (%s)" % (sys.argv[2], w, n, enc))
            found += n
sys.exit(1 if found else 0)
EOF
  then fail=1; else echo "attack_memory: $j: nothing left"; fi
  rm -f "$TMP/core"
}

journey checkin-listen-exit "$NAME" <<EOF
tap home.checkin
tap checkin.session.0
tap party.next
tap details.first.yes
tap details.name
type $NAME
tap kbd.done
tap details.postcode
type CR7 9QX
tap kbd.done
listen one
listen two
tap nav.exit
wait 2000
EOF

journey checkin-idle "$NAME" <<EOF
tap home.checkin
tap checkin.session.0
tap party.next
tap details.first.yes
tap details.name
type $NAME
tap kbd.done
wait 80000
EOF

journey callback-listen-exit "$PHONE" "$NAME" <<EOF
tap home.callback
tap callback.need.0
tap request.name
type $NAME
tap kbd.done
tap request.phone
type $PHONE
tap kbd.done
listen one
listen two
tap nav.exit
wait 2000
EOF

# dumps of the keyboard and of the details screen while the name shows:
# the dump's text must not stay in a freed stdio or jansson buffer
journey checkin-dump-exit "$NAME" <<EOF
tap home.checkin
tap checkin.session.0
tap party.next
tap details.first.yes
tap details.name
type $NAME
dump typing
tap kbd.done
dump details
tap nav.exit
wait 2000
EOF

journey search-exit "$NAME" <<EOF
tap home.support
tap support.search
type $NAME
tap nav.exit
wait 2000
EOF

journey search-listen-exit "$NAME" <<EOF
tap home.support
tap support.search
type $NAME
listen one
listen two
tap nav.exit
wait 2000
EOF

[ "$fail" -eq 0 ] && echo "attack_memory: every journey left nothing"
exit "$fail"
