#!/bin/sh
# test_logs.sh [BUILD] — no log holds what a visitor or staff member typed.
# Runs full headless journeys (tests/scripts/*.txt, and
# tests/data/logs-journey.txt, which needs the staff PIN set, in English and
# in Ukrainian with a Cyrillic name) with --verbose, so that debug lines are
# written too, plus --set-staff-pin, --check and --status on the same data
# directory; then searches everything they wrote to standard error and
# standard output for every name, postcode and PIN typed. Also checks that
# the lines carry their level, and a syslog priority when standard error
# is the journal (JOURNAL_STREAM).
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
K=$BUILD/kiosk
T=$(mktemp -d /tmp/kiosk-logs-XXXXXX)
trap 'rm -rf "$T"' EXIT
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }
LOG=$T/all.log
: > "$LOG"

echo 739182 | "$K" --set-staff-pin --data-dir "$T/data" --verbose >>"$LOG" 2>&1 ||
    no "--set-staff-pin"
for s in tests/scripts/*.txt tests/data/logs-journey.txt; do
    n=$(basename "$s" .txt)
    "$K" --headless --verbose --script "$s" --out "$T/out-$n" --data-dir "$T/data" \
        >>"$LOG" 2>&1 || { tail -20 "$LOG"; no "the journey $s runs to its end"; }
done
# the same journey with a Cyrillic name, in Ukrainian
sed -e 's/^type Quenburga$/type Олександра/' -e '1i lang uk' tests/data/logs-journey.txt \
    > "$T/uk.txt"
"$K" --headless --verbose --script "$T/uk.txt" --out "$T/out-uk" --data-dir "$T/data" \
    >>"$LOG" 2>&1 || { tail -20 "$LOG"; no "the Ukrainian journey runs to its end"; }
"$K" --check --verbose --data-dir "$T/data" >>"$LOG" 2>&1 || no "--check"
"$K" --status --data-dir "$T/data" >>"$LOG" 2>&1 || no "--status"
"$K" --status --json --data-dir "$T/data" >>"$LOG" 2>&1 || no "--status --json"
[ -s "$T/out-logs-journey/staff.png" ] || no "the staff view was drawn (with the names on it)"
lines=$(wc -l < "$LOG")
[ "$lines" -gt 20 ] || no "the runs logged something ($lines lines)"
ok "journeys, --set-staff-pin, --check and --status ran: $lines lines of logs"

# What the scripts typed: each `type` line's text, and the PIN.
grep -h '^type ' tests/scripts/*.txt tests/data/logs-journey.txt "$T/uk.txt" | sed 's/^type //' | sort -u > "$T/typed"
echo 739182 >> "$T/typed"
found=0
while IFS= read -r word; do
    case $word in *'\x'*|'') continue ;; esac
    [ "${#word}" -ge 3 ] || continue
    if grep -qF -- "$word" "$LOG"; then
        printf 'FAILED  logged: "%s"\n' "$word"
        grep -nF -- "$word" "$LOG" | head -3
        found=1
    fi
    # each part alone too (a name, a postcode's half), as a whole word: a
    # part as short as "4ab" may be found inside a record's random id
    for part in $word; do
        [ "${#part}" -ge 3 ] || continue
        grep -qwF -- "$part" "$LOG" && { printf 'FAILED  logged: "%s"\n' "$part"; found=1; }
    done
done < "$T/typed"
[ "$found" -eq 0 ] || exit 1
ok "none of the $(wc -l < "$T/typed") names, postcodes and PINs typed is in any log"

# The data directory does hold them (the search above could find them).
grep -qaF Quenburga "$T/data/kiosk.db" "$T/data/kiosk.db-wal" 2>/dev/null ||
    no "the check-in's name is in the database (the search is meaningful)"
ok "the name typed is in the database, as it should be until the day's end"

# Levels: "kiosk LEVEL: MODULE: ...", and <N> first under journald.
grep '^kiosk \(debug\|info\|warning\|error\): ' "$LOG" >/dev/null || no "lines carry a level"
if ! grep -v '^kiosk \(debug\|info\|warning\|error\): ' "$LOG" | grep -q '^kiosk [a-z]*: [a-z-]*: '
then ok "every log line carries its level"
else no "a log line without a known level"
fi
# JOURNAL_STREAM names the device and inode of standard error, as systemd
# sets it for a service whose standard error is the journal.
dev_ino=$(stat -c '%d:%i' "$T/journal.log" 2>/dev/null || { : > "$T/journal.log";
          stat -c '%d:%i' "$T/journal.log"; })
JOURNAL_STREAM=$dev_ino "$K" --check --data-dir "$T/data" 2>>"$T/journal.log" >/dev/null ||
    no "--check under JOURNAL_STREAM"
grep -q '^<6>kiosk info: ' "$T/journal.log" || { cat "$T/journal.log"; no "<6> before info"; }
grep -v '^<[0-7]>kiosk ' "$T/journal.log" | grep '^kiosk [a-z]*: [a-z]*: ' &&
    no "every line of the kiosk's log has a priority under journald"
ok "under journald each line starts with its syslog priority (<6> info, <4> warning, ...)"
