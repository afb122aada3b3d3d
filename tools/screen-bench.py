#!/usr/bin/env python3
"""screen-bench.py CAPBOOK WORKBOOK [--runs N] [--moves N] [--size 80x24]

The full-screen workbook as a user over SSH pays for it, for tools/bench.sh:
capbook runs on a pseudo-terminal of its own (Python's pty module, no tmux),
and every byte it writes to the terminal is counted.

  first_paint_ms   from just before the fork until the last byte of the first
                   screen (output that has shown the Capabilities pane's title,
                   then QUIET_FIRST s of silence); median of --runs starts
  idle_bytes       bytes written during 1 s with no key pressed
  move_bytes       Evidence pane (Tab Tab from the start), Down --moves times:
                   bytes per cursor move (mean; _med and _max per key too)
  sel_bytes        Capabilities pane (focused at start), Down and Up in turn,
                   each a selection change (the Evidence pane relinks): bytes
                   per change
  sel_cpu_us       CPU time capbook spent per selection change, from
                   /proc/PID/schedstat (nanoseconds on a CPU, all of its work:
                   relinking, drawing, writing), mean over the changes
  move_cpu_us      the same per cursor move in the Evidence pane

Keys go one at a time; after each, the output is read until it has been
quiet for QUIET s, so each key is painted on its own (a burst would let
curses skip frames). Keys are sent as xterm sends them in keypad mode
(ESC O B), which is what ncurses asks the terminal for. The workbook is
copied to a temporary folder first (the screen takes a lock and may keep
a journal beside the files); no config or data of the user's is read.
Prints one "name value" line per measure.
"""

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

QUIET = 0.04
QUIET_FIRST = 0.3
DOWN, UP, TAB = b"\x1bOB", b"\x1bOA", b"\t"
FIRST_SCREEN = b"Capabilities"  # the first pane's title: a progress message is not a paint


def cpu_ns(pid):
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Screen:
    def __init__(self, capbook, workbook, cols, rows, env):
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(capbook, [capbook, workbook], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.total = 0
        self.last_byte = None
        self.seen = b""

    def read_until_quiet(self, quiet, first_timeout, marker=None):
        """Reads until `quiet` s pass without output (after the first byte, or
        first_timeout s if nothing comes; with a marker, after the marker has
        been seen). Returns the bytes read."""
        got = 0
        deadline = time.perf_counter() + first_timeout
        while True:
            now = time.perf_counter()
            waiting = got == 0 or (marker is not None and marker not in self.seen)
            wait = (deadline - now) if waiting else quiet
            if wait <= 0:
                break
            r, _, _ = select.select([self.fd], [], [], wait)
            if not r:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            self.last_byte = time.perf_counter()
            got += len(data)
            self.total += len(data)
            if len(self.seen) < 200000:
                self.seen += data
        return got

    def key(self, k):
        os.write(self.fd, k)
        return self.read_until_quiet(QUIET, 1.0)

    def quit(self):
        try:
            os.write(self.fd, b"q")
            self.read_until_quiet(0.2, 2.0)
        except OSError:
            pass
        for _ in range(50):
            p, _ = os.waitpid(self.pid, os.WNOHANG)
            if p:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def keys_measure(scr, seq):
    per, c0 = [], cpu_ns(scr.pid)
    for k in seq:
        per.append(scr.key(k))
    c1 = cpu_ns(scr.pid)
    cpu = (c1 - c0) / 1e3 / len(seq) if c0 is not None and c1 is not None else float("nan")
    return per, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("capbook")
    ap.add_argument("workbook")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--moves", type=int, default=60)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--only-first-paint", action="store_true")
    a = ap.parse_args()
    cols, rows = (int(x) for x in a.size.split("x"))
    capbook = os.path.abspath(a.capbook)

    with tempfile.TemporaryDirectory(prefix="capbook-screen-bench.") as tmp:
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        wb = os.path.join(tmp, "wb")
        shutil.copytree(a.workbook, wb)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
               "XDG_CONFIG_HOME": os.path.join(home, ".config"),
               "XDG_DATA_HOME": os.path.join(home, ".local/share"),
               "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

        paints, first_bytes = [], []
        for _ in range(a.runs):
            scr = Screen(capbook, wb, cols, rows, env)
            n = scr.read_until_quiet(QUIET_FIRST, 60.0, FIRST_SCREEN)
            paints.append((scr.last_byte - scr.t0) * 1e3 if n else float("nan"))
            first_bytes.append(n)
            scr.quit()
        print("first_paint_ms %.1f" % statistics.median(paints))
        print("first_paint_bytes %d" % statistics.median(first_bytes))
        if a.only_first_paint:
            return 0

        scr = Screen(capbook, wb, cols, rows, env)
        scr.read_until_quiet(QUIET_FIRST, 60.0, FIRST_SCREEN)
        if FIRST_SCREEN not in scr.seen:
            print("screen-bench: no Capabilities pane on the first screen", file=sys.stderr)
            scr.quit()
            return 1
        time.sleep(1.0)
        print("idle_bytes %d" % scr.read_until_quiet(QUIET, 0.01))
        # Capabilities pane: Down, Up, Down, ... each one a selection change
        seq = [DOWN if i % 2 == 0 else UP for i in range(a.moves)]
        per, cpu = keys_measure(scr, seq)
        print("sel_bytes %.1f" % statistics.mean(per))
        print("sel_bytes_med %d" % statistics.median(per))
        print("sel_bytes_max %d" % max(per))
        print("sel_cpu_us %.1f" % cpu)
        print("sel_changes %d" % len(per))
        # Evidence pane: Tab Tab, then Down
        scr.key(TAB)
        scr.key(TAB)
        per, cpu = keys_measure(scr, [DOWN] * a.moves)
        print("move_bytes %.1f" % statistics.mean(per))
        print("move_bytes_med %d" % statistics.median(per))
        print("move_bytes_max %d" % max(per))
        print("move_cpu_us %.1f" % cpu)
        print("moves %d" % len(per))
        scr.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
