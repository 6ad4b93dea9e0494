#!/bin/sh
# run-arm64.sh BUILD SYSROOT — runs the arm64 test programs in BUILD/tests
# under qemu-user from the repository root, as run-all.sh runs the native
# ones, and prints one closing line: "N passed, N failed".
#
# binfmt_misc need not be mounted: every program is started as
# "qemu-aarch64-static PROGRAM" with QEMU_LD_PREFIX=SYSROOT (the arm64 root
# of provisioning/arm64-sysroot.sh). Tests that start the kiosk as a
# process find it as $KIOSK_BUILD/kiosk; KIOSK_BUILD is BUILD/qemu, where
# kiosk is tests/qemu_exec.c, which runs BUILD/kiosk under qemu.
#
# ARM64_SKIP: names of test programs not run (the subset docs/appliance.md
# names); each is listed as skipped. Shell tests (tests/test_*.sh) are not
# run here: they test the install, package and provisioning scripts, which
# do not depend on the architecture, and run with the native suite.
BUILD=${1:?BUILD}
SYSROOT=${2:?SYSROOT}
QEMU=${KIOSK_QEMU:-qemu-aarch64-static}
QEMU_LD_PREFIX=$SYSROOT
KIOSK_BUILD=$BUILD/qemu
export QEMU_LD_PREFIX KIOSK_BUILD KIOSK_QEMU
pass=0; fail=0; skip=0; failed=""
all_start=$(date +%s)
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  case " $ARM64_SKIP " in
    *" $n "*) echo "== $t skipped"; skip=$((skip+1)); continue ;;
  esac
  start=$(date +%s)
  echo "== $t (qemu)"
  if "$QEMU" "$t"; then pass=$((pass+1)); r=ok; else fail=$((fail+1)); r=FAILED; failed="$failed $n"; fi
  echo "== $n $r in $(( $(date +%s) - start )) s"
done
[ -n "$failed" ] && echo "failed under qemu:$failed"
echo "arm64 tests took $(( $(date +%s) - all_start )) s"
echo "arm64: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
