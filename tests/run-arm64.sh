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
# The subset (docs/appliance.md, "Raspberry Pi"): test programs named in
# ARM64_SKIP (default none) are listed as skipped; test_golden compares
# with a tolerance of KIOSK_GOLDEN_LEVELS (default 2) levels of 255 per
# channel, as the arm64 libraries round anti-aliased edges one or two
# levels away from amd64's; test_alloc runs twice: the stretches whose
# label holds $KIOSK_ALLOC_ONLY (default "build home": the home screen
# built in English and Urdu as each allocation fails), then, unless
# ARM64_ALLOC_SAVE_STRIDE is 0, the check-in's save and the save-error
# screen ("save") with every ARM64_ALLOC_SAVE_STRIDE-th allocation failing
# (default 250); KIOSK_TEST_SLOWDOWN (default 8) widens the limits of timed
# steps (tests/harness.h). Shell tests (tests/test_*.sh) are not
# run here: they test the install, package and provisioning scripts, which
# do not depend on the architecture, and run with the native suite.
BUILD=${1:?BUILD}
SYSROOT=${2:?SYSROOT}
QEMU=${KIOSK_QEMU:-qemu-aarch64-static}
QEMU_LD_PREFIX=$SYSROOT
KIOSK_BUILD=$BUILD/qemu
KIOSK_ALLOC_ONLY=${KIOSK_ALLOC_ONLY-build home}
KIOSK_TEST_SLOWDOWN=${KIOSK_TEST_SLOWDOWN:-8}
ARM64_SKIP=${ARM64_SKIP-}
ARM64_ALLOC_SAVE_STRIDE=${ARM64_ALLOC_SAVE_STRIDE:-250}
KIOSK_GOLDEN_LEVELS=${KIOSK_GOLDEN_LEVELS:-2}
export QEMU_LD_PREFIX KIOSK_BUILD KIOSK_QEMU KIOSK_ALLOC_ONLY KIOSK_TEST_SLOWDOWN KIOSK_GOLDEN_LEVELS
# What else a test may look for beside the kiosk (its plugins) is the arm64 build's.
for f in "$BUILD"/*.so; do
  [ -e "$f" ] && ln -sfn "../${f##*/}" "$KIOSK_BUILD/${f##*/}"
done
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
  ok=1
  "$QEMU" "$t" || ok=0
  if [ "$n" = test_alloc ] && [ "$ARM64_ALLOC_SAVE_STRIDE" != 0 ]; then
    echo "== $t (qemu): the save and the save-error screen, allocation 1, 1 + $ARM64_ALLOC_SAVE_STRIDE, ... failing"
    KIOSK_ALLOC_ONLY=save KIOSK_ALLOC_STRIDE=$ARM64_ALLOC_SAVE_STRIDE "$QEMU" "$t" || ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass+1)); r=ok; else fail=$((fail+1)); r=FAILED; failed="$failed $n"; fi
  echo "== $n $r in $(( $(date +%s) - start )) s"
done
[ -n "$failed" ] && echo "failed under qemu:$failed"
echo "arm64 tests took $(( $(date +%s) - all_start )) s"
echo "arm64: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
