#!/bin/sh
# test_display.sh [BUILD] — a real X11 window (under Xvfb) on the software
# display path maps no OpenGL: no libLLVM, no Mesa driver, no libGL
# (screen.renderer=auto, the default, and =software), and its RSS on the
# home screen stays near the headless figure; screen.renderer=gpu does map
# them where Mesa is installed (so the check sees what it looks for); an
# unknown screen.renderer is refused. Skipped, with one line saying so,
# when Xvfb is not installed. docs/appliance.md, "The display path".
set -eu
BUILD=${1:-${KIOSK_BUILD:-build}}
KIOSK=$(cd "$BUILD" && pwd)/kiosk
MEM="python3 tests/display_mem.py"
LIMIT_MIB=${KIOSK_WINDOW_RSS_MIB:-60}
ok() { printf 'ok      %s\n' "$*"; }
no() { printf 'FAILED  %s\n' "$*"; exit 1; }
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "skipped: Xvfb is not installed (apt-get install xvfb): a real window's libraries not checked"
    exit 0
fi
T=$(mktemp -d /tmp/kiosk-display-XXXXXX)
XPID=
cleanup() {
    [ -z "$XPID" ] || kill "$XPID" 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$T/display" 2>"$T/xvfb.log" &
XPID=$!
i=0
while [ ! -s "$T/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/display" ] || { cat "$T/xvfb.log"; no "Xvfb started"; }
export DISPLAY=:$(cat "$T/display")
# A sanitizer's shadow memory is not the kiosk's: its RSS is not limited.
SANITIZED=
ldd "$KIOSK" 2>/dev/null | grep -q 'libasan\|libtsan' && SANITIZED="a sanitizer build"
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER SDL_FRAMEBUFFER_ACCELERATION

window() {  # window NAME [--set ...]: the home screen in a real window, measured
    name=$1; shift
    rm -rf "$T/data"
    $MEM --ready -- "$KIOSK" --demo --windowed 800x480 --data-dir "$T/data" "$@" \
        > "$T/$name.mem" 2> "$T/$name.err" || { cat "$T/$name.err"; no "$name: the window opened"; }
}
val() { sed -n "s/.*$2=\([0-9]*\).*/\1/p" "$T/$1.mem"; }

for r in auto software; do
    window "$r" --set screen.renderer=$r
    grep -q 'display: software path, SDL renderer software on the x11 video driver' "$T/$r.err" ||
        { cat "$T/$r.err"; no "renderer=$r: the log names the software path on x11"; }
    [ "$(val "$r" llvm)" = 0 ] || no "renderer=$r: a real window maps no libLLVM"
    [ "$(val "$r" gl)" = 0 ] || no "renderer=$r: a real window maps no Mesa driver or libGL"
    rss=$(val "$r" rss_kib)
    if [ -n "$SANITIZED" ]; then
        ok "renderer=$r: a real X11 window, no libLLVM, no GL (RSS not limited: $SANITIZED)"
        continue
    fi
    [ "$rss" -le $((LIMIT_MIB * 1024)) ] || no "renderer=$r: RSS $((rss / 1024)) MiB, at most $LIMIT_MIB"
    ok "renderer=$r: a real X11 window, no libLLVM, no GL, RSS $((rss / 1024)) MiB (at most $LIMIT_MIB)"
done

# The default is auto; a configuration without the key gets it.
window default
grep -q 'display: software path' "$T/default.err" || no "no screen.renderer: the software path"
[ "$(val default llvm)" = 0 ] || no "no screen.renderer: no libLLVM"
ok "no screen.renderer set: the software path, no libLLVM"

# The GPU path maps Mesa's stack: the check above would see it.
if ldconfig -p 2>/dev/null | grep -q 'libLLVM' && ldconfig -p | grep -q 'libGLX_mesa'; then
    window gpu --set screen.renderer=gpu
    grep -q 'display: gpu path' "$T/gpu.err" || { cat "$T/gpu.err"; no "renderer=gpu: the gpu path"; }
    [ "$(val gpu llvm)" = 1 ] || no "renderer=gpu: Mesa's llvmpipe maps libLLVM (the check sees it)"
    ok "renderer=gpu: the GL renderer on llvmpipe maps libLLVM, RSS $(($(val gpu rss_kib) / 1024)) MiB"
else
    ok "Mesa's GL with libLLVM not installed: the gpu path's libraries not compared"
fi

# An unknown path is refused at start and by --check.
if "$KIOSK" --demo --windowed 800x480 --data-dir "$T/data" --exit-after 5 \
    --set screen.renderer=vulkan > "$T/bad.out" 2>&1; then no "renderer=vulkan refused"; fi
grep -q 'screen.renderer "vulkan": auto, software or gpu' "$T/bad.out" || no "the refusal names the values"
if "$KIOSK" --check --data-dir "$T/data" --set screen.renderer=vulkan > "$T/bad.out" 2>&1; then
    no "--check refuses renderer=vulkan"
fi
ok "screen.renderer=vulkan refused at start and by --check"
