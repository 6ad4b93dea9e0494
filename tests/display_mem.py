#!/usr/bin/env python3
"""display_mem.py — the memory of a program showing its first screen.

    display_mem.py [--ready] [--settle S] [--timeout S] [--tree] -- COMMAND...

Starts COMMAND, waits until it shows its screen, waits --settle seconds
more (default 1.5), then reads /proc for it (with --tree, for it and every
process it started, as a browser's renderer and GPU processes) and prints one
line of KEY=VALUE:

    rss_kib pss_kib hwm_kib procs llvm gl

rss and pss are the sums over the processes (PSS shares each shared page
among the processes that map it, so it is the fair sum for several);
hwm_kib is the peak RSS of the first process; llvm and gl say whether any
of them maps libLLVM, or a Mesa driver or libGL (0 or 1). Then COMMAND is
stopped (SIGTERM) unless it has already ended.

--ready waits for the program's systemd "READY=1" (a datagram on the
NOTIFY_SOCKET given to it, as systemd does); without it, --settle alone.
Exit status 1 when COMMAND ended before it was measured or never said
ready within --timeout (default 60) seconds.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

# libLLVM and the Mesa driver are the weight; libgbm (64 KiB) is not counted
GL_MARKS = ("libLLVM", "_dri.so", "libGLX_mesa", "libEGL_mesa", "libgallium", "libGL.so")


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def tree(pid):
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.append(p)
            todo += children(p)
    return seen


def rollup(pid):
    vals = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] in ("Rss:", "Pss:"):
                    vals[parts[0][:-1]] = int(parts[1])
    except OSError:
        return None
    return vals


def maps_text(pid):
    try:
        with open(f"/proc/{pid}/maps") as f:
            return f.read()
    except OSError:
        return ""


def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv):
    ready, settle, timeout, whole_tree = False, 1.5, 60.0, False
    i = 0
    while i < len(argv) and argv[i] != "--":
        a = argv[i]
        if a == "--ready":
            ready = True
        elif a == "--tree":
            whole_tree = True
        elif a in ("--settle", "--timeout") and i + 1 < len(argv):
            i += 1
            if a == "--settle":
                settle = float(argv[i])
            else:
                timeout = float(argv[i])
        else:
            print(__doc__, file=sys.stderr)
            return 2
        i += 1
    cmd = argv[i + 1:]
    if not cmd:
        print(__doc__, file=sys.stderr)
        return 2
    env = dict(os.environ)
    sock = None
    tmp = tempfile.mkdtemp(prefix="display-mem-")
    if ready:
        path = os.path.join(tmp, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        env["NOTIFY_SOCKET"] = path
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        if sock:
            said = False
            while not said and time.monotonic() < deadline:
                sock.settimeout(0.2)
                try:
                    said = b"READY=1" in sock.recv(4096)
                except socket.timeout:
                    pass
                if proc.poll() is not None:
                    break
            if not said:
                print("display_mem: the program never said READY=1", file=sys.stderr)
                return 1
        time.sleep(settle)
        if proc.poll() is not None:
            print("display_mem: the program ended before it was measured", file=sys.stderr)
            return 1
        pids = tree(proc.pid) if whole_tree else [proc.pid]
        rss = pss = 0
        llvm = gl = 0
        for p in pids:
            r = rollup(p)
            if not r:
                continue
            rss += r.get("Rss", 0)
            pss += r.get("Pss", 0)
            m = maps_text(p)
            llvm |= "libLLVM" in m
            gl |= any(mark in m for mark in GL_MARKS)
        print(f"rss_kib={rss} pss_kib={pss} hwm_kib={hwm(proc.pid)} procs={len(pids)} "
              f"llvm={int(llvm)} gl={int(gl)}", flush=True)
        return 0
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if sock:
            sock.close()
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
