#!/bin/sh
# Runs every test binary in BUILD/tests (argument 1) from the repository
# root and prints one closing line: "N passed, N failed".
#
# A program that passed its tests but whose exit LeakSanitizer could not
# check ("LeakSanitizer has encountered a fatal error": its tracer crashed
# stopping the threads, a failure of the tool, not a leak found) is run
# once more; a leak or any other sanitizer report fails at once.
BUILD=${1:-build}
pass=0; fail=0; failed=""
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
run_one() {
  KIOSK_BUILD="$BUILD" "$1" > "$out" 2>&1
  rc=$?
  cat "$out"
  return $rc
}
tool_failed() {
  grep -q "LeakSanitizer has encountered a fatal error" "$out" &&
    ! grep -q "ERROR: LeakSanitizer: detected memory leaks\|ERROR: AddressSanitizer\|runtime error:" "$out"
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  echo "== $t"
  if run_one "$t"; then ok=1
  elif tool_failed; then
    echo "== $t again: LeakSanitizer itself failed at exit (no leak reported)"
    if run_one "$t"; then ok=1; else ok=0; fi
  else ok=0
  fi
  if [ "$ok" -eq 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $(basename "$t")"; fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
