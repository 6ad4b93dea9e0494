#!/bin/sh
# bench_display.sh [BUILD] — the kiosk's memory on the home screen on each
# display path, beside a Chromium kiosk showing a page like it, all in the
# same run under one Xvfb (make bench-display; docs/appliance.md, "The
# display path"). Each row is the median of BENCH_REPS runs (default 3),
# measured by tests/display_mem.py once the kiosk has said READY=1 and
# drawn (1.5 s later), or 10 s after Chromium started:
#   headless      --headless on a script (peak RSS of the whole run)
#   dummy         the real loop on SDL's dummy video driver (no display)
#   window auto   a real X11 window, screen.renderer=auto (software into
#                 the window surface: no OpenGL)
#   window gpu    screen.renderer=gpu (SDL's OpenGL renderer; here on
#                 Mesa's llvmpipe, as Xvfb has no GPU)
#   sw on GL      the software renderer with SDL's default window surface,
#                 an OpenGL texture (SDL_FRAMEBUFFER_ACCELERATION=1): the
#                 kiosk before the display path was chosen
#   chromium      chromium --kiosk on tests/bench_display/home.html, all
#                 its processes (RSS summed counts shared pages once per
#                 process; PSS is the fair sum)
# Needs Xvfb (xvfb) and python3; chromium is measured when installed.
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
REPS=${BENCH_REPS:-3}
KIOSK=$(cd "$BUILD" && pwd)/kiosk
HERE=$(cd "$(dirname "$0")" && pwd)
MEM="python3 $HERE/display_mem.py"
command -v Xvfb >/dev/null 2>&1 || { echo "bench-display: Xvfb is not installed (apt-get install xvfb)"; exit 1; }
T=$(mktemp -d /tmp/kiosk-bench-display-XXXXXX)
XPID=
cleanup() {
    [ -z "$XPID" ] || kill "$XPID" 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$T/display" 2>"$T/xvfb.log" &
XPID=$!
i=0
while [ ! -s "$T/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/display" ] || { cat "$T/xvfb.log"; echo "bench-display: Xvfb did not start"; exit 1; }
export DISPLAY=:$(cat "$T/display")

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p"; }
# row NAME MEASURE-COMMAND...: REPS measurements, the medians in MiB
row() {
    name=$1; shift
    : > "$T/rows"
    r=0
    while [ $r -lt "$REPS" ]; do
        "$@" >> "$T/rows" 2>>"$T/err" || { tail -5 "$T/err"; echo "bench-display: $name failed"; exit 1; }
        r=$((r + 1))
    done
    rss=$(field rss_kib < "$T/rows" | median) pss=$(field pss_kib < "$T/rows" | median)
    procs=$(field procs < "$T/rows" | median) llvm=$(field llvm < "$T/rows" | sort -u | tr '\n' ' ')
    gl=$(field gl < "$T/rows" | sort -u | tr '\n' ' ')
    awk -v n="$name" -v r="$rss" -v p="$pss" -v c="$procs" -v l="$llvm" -v g="$gl" 'BEGIN {
        pss = p > 0 ? sprintf("%7.1f MiB", p / 1024) : "      - MiB"
        printf "  %-14s RSS %7.1f MiB   PSS %s   %2d process(es)   libLLVM %s  GL %s\n",
               n, r / 1024, pss, c, (l ~ /1/ ? "yes" : "no "), (g ~ /1/ ? "yes" : "no") }'
}
kiosk_at() {  # kiosk_at [--set ...]: the real loop, measured on the home screen
    rm -rf "$T/data"
    $MEM --ready -- "$KIOSK" --demo --windowed 800x480 --data-dir "$T/data" "$@"
}
printf 'tap home.checkin\ntap nav.back\nsnap home\n' > "$T/home.txt"
headless_peak() {
    rm -rf "$T/data" "$T/out"
    python3 -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"rss_kib={peak} pss_kib=0 procs=1 llvm=0 gl=0")
sys.exit(rc)' "$KIOSK" --headless --demo --script "$T/home.txt" --out "$T/out" --data-dir "$T/data"
}

echo "Display path memory, home screen 800x480, median of $REPS (Xvfb $DISPLAY, $(uname -m)):"
row "headless" headless_peak
echo "                 (headless: the peak RSS of the whole run)"
SDL_VIDEODRIVER=dummy row "dummy" kiosk_at
row "window auto" kiosk_at
row "window gpu" kiosk_at --set screen.renderer=gpu
SDL_FRAMEBUFFER_ACCELERATION=1 row "sw on GL" kiosk_at --set screen.renderer=software
if command -v chromium >/dev/null 2>&1; then
    chromium_at() {
        rm -rf "$T/profile"
        $MEM --tree --settle 10 -- chromium --kiosk --no-sandbox --no-first-run \
            --user-data-dir="$T/profile" --window-size=800,480 --window-position=0,0 \
            "file://$HERE/bench_display/home.html"
    }
    row "chromium" chromium_at
    echo "                 ($(chromium --version 2>/dev/null | head -n 1))"
else
    echo "  chromium       not installed (apt-get install chromium): not measured"
fi
