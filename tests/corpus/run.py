#!/usr/bin/env python3
"""tests/corpus/run.py — runs capbook over the hostile-input corpus.

usage: python3 tests/corpus/run.py PATH_TO_CAPBOOK   (from the repository root)

Each case in tests/corpus/expect.tsv (and a few huge ones made here) replaces one
file of a copy of data/examples/freda, and then `capbook check`, `gaps`, `report`,
`add` (which saves) and `check` again are run. For every run: no signal, exit
status at most 2, no hang (10 s), bounded memory, no sanitizer report, every
stderr line "capbook: ...", no control, C1 or bidi character in the output, the
expected FILE:LINE: message; the workbook byte-identical after check, gaps and
report; after add saved, every row of the original file still there byte for
byte. Then the pty output of check, report and the full-screen program on a
workbook full of terminal escapes (in cells, headers, ids, workbook.ini and the
folder name) must hold none of them raw.
Prints "ok - NAME" / "not ok - NAME", then "N passed, M failed"; exits 1 on failure.
"""
import csv
import os
import pty
import re
import resource
import select
import shutil
import signal
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
import sys
import tempfile
import time

TIMEOUT = 10
if len(sys.argv) != 2:
    sys.exit("usage: python3 tests/corpus/run.py PATH_TO_CAPBOOK")
CAPBOOK = os.path.abspath(sys.argv[1])
if not os.access(CAPBOOK, os.X_OK):
    sys.exit("tests/corpus/run.py: %s is not an executable" % CAPBOOK)
REPO = os.getcwd()
TMP = tempfile.mkdtemp(prefix="capbook-corpus.")
# A private copy of the binary (a rebuild meanwhile must not break the run); it
# finds data/ and conf/ beside it as it would in the source tree.
os.makedirs(os.path.join(TMP, "bin"))
shutil.copy2(CAPBOOK, os.path.join(TMP, "bin", "capbook"))
os.symlink(os.path.join(REPO, "data"), os.path.join(TMP, "data"))
os.symlink(os.path.join(REPO, "conf"), os.path.join(TMP, "conf"))
CAPBOOK = os.path.join(TMP, "bin", "capbook")
HERE = os.path.join(REPO, "tests", "corpus")
BASE = os.path.join(REPO, "data", "examples", "freda")
# A sanitizer build reserves terabytes of address space: bound its resident size only.
SAN = b"__asan_init" in open(CAPBOOK, "rb").read()
MAX_RSS_KB = (1500 if SAN else 400) * 1024
# Under the sanitizers every start costs a lot: the commands that read (check,
# report) and the one that saves (add); the plain build runs them all.
CMDS = [["check"], ["report"]] if SAN else [["check"], ["gaps"], ["report"], ["report", "--format", "html"]]

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": os.path.join(TMP, "home"),
    "XDG_CONFIG_HOME": os.path.join(TMP, "home", ".config"),
    "XDG_DATA_HOME": os.path.join(TMP, "home", ".local", "share"),
    "CAPBOOK_TODAY": "2026-01-15",
    "LC_ALL": "C.UTF-8",
    "TERM": "xterm-256color",
    "ASAN_OPTIONS": "detect_leaks=1:exitcode=86:abort_on_error=0",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:exitcode=86",
}
os.makedirs(ENV["HOME"])
os.umask(0o022)
# inherited by every capbook run: no core files, and (without ASan) at most 2 GiB
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
if not SAN:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
LOCK = threading.Lock()

passed = failed = 0
FAILS = []


class Fail(Exception):
    pass


def run(args, cwd=None):
    """Runs capbook ARGS; returns (status, stdout, stderr, maxrss_kb)."""
    out = tempfile.TemporaryFile(dir=TMP)
    err = tempfile.TemporaryFile(dir=TMP)
    proc = subprocess.Popen([CAPBOOK] + args, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                            env=ENV, cwd=cwd, start_new_session=True)
    deadline = time.monotonic() + TIMEOUT * (3 if SAN else 1)
    while True:
        p, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if p:
            proc.returncode = 0  # reaped here
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = 0
            raise Fail("capbook %s: no exit within %d s (hang)" % (" ".join(args)[:200], TIMEOUT))
        time.sleep(0.005)
    out.seek(0)
    err.seek(0)
    o, e = out.read(), err.read()
    out.close()
    err.close()
    what = "capbook " + " ".join(a if len(a) < 80 else a[:80] + "..." for a in args)
    if os.WIFSIGNALED(status):
        raise Fail("%s: killed by signal %d\n%s" % (what, os.WTERMSIG(status), show(e)))
    rc = os.WEXITSTATUS(status)
    if b"Sanitizer" in e or b"runtime error:" in e or rc == 86:
        raise Fail("%s: sanitizer report\n%s" % (what, show(e)))
    if rc > 2:
        raise Fail("%s: exit status %d\n%s" % (what, rc, show(e)))
    if ru.ru_maxrss > MAX_RSS_KB:
        raise Fail("%s: used %d MB of memory" % (what, ru.ru_maxrss // 1024))
    return rc, o, e, ru.ru_maxrss


def show(b, n=3000):
    s = b[:n].decode("utf-8", "backslashreplace")
    return "\n".join("    | " + l for l in s.splitlines())


# Code points that must never reach a terminal from data: C0 (but \n, and \t),
# DEL, C1, bidi controls, and invisible format characters.
BAD_CP = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2069\ufeff]")


def clean_text(what, b, allow_cr=False):
    """b (program output) holds no raw control byte and is valid UTF-8."""
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError as x:
        raise Fail("%s: output is not valid UTF-8 at byte %d (a raw byte from the file?)\n%s"
                   % (what, x.start, show(b[max(0, x.start - 80):x.start + 40])))
    if allow_cr:
        s = s.replace("\r\n", "\n")
    m = BAD_CP.search(s)
    if m:
        raise Fail("%s: output holds U+%04X raw\n%s" % (what, ord(m.group()),
                   show(s[max(0, m.start() - 80):m.start() + 40].encode("utf-8", "surrogateescape"))))


def messages(e):
    """stderr's messages, each whole: check's indented continuation lines
    joined to the line they continue, by one space."""
    out = []
    for line in e.decode("utf-8", "replace").splitlines():
        if out and line.startswith("    ") and not line.startswith("capbook: "):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def diag_lines(what, e):
    """Every stderr line is a capbook message, or the indented rest of one that
    check wrapped to 80 columns."""
    first = True
    for line in e.decode("utf-8", "replace").splitlines():
        if line.startswith("capbook: ") or (not first and line.startswith("    ") and line.strip()):
            first = False
            continue
        raise Fail("%s: stderr line not \"capbook: ...\": %r" % (what, line[:200]))


def snapshot(d):
    snap = {}
    for root, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            if os.path.islink(p):
                continue
            with open(p, "rb") as fh:
                snap[os.path.relpath(p, d)] = fh.read()
    return snap


def same(what, d, before):
    now = snapshot(d)
    for k in sorted(set(before) | set(now)):
        if before.get(k) != now.get(k):
            raise Fail("%s changed %s (%s)" % (what, k, "created" if k not in before else
                                                "removed" if k not in now else "bytes differ"))


def old_style(body):
    """A ';' or a tab outside quotes: capbook quotes such a row on its next save."""
    inside = False
    for b in body:
        if b == 0x22:
            inside = not inside
        elif not inside and b in (0x3B, 0x09):
            return True
    return False


GUARD = re.compile(r"^'*[=+\-@\t\r]")


def reencoded(body):
    """The row as capbook writes it from its cells (formula guard, quotes), or
    None if Python's csv module reads it otherwise."""
    try:
        cells = next(csv.reader([body.decode("utf-8", "surrogateescape")], strict=True))
    except (csv.Error, StopIteration):
        return None
    out = []
    for c in cells:
        v = c[1:] if c.startswith("'") and GUARD.match(c[1:]) else c  # the guard read off
        g = "'" + v if GUARD.match(v) else v
        q = any(ch in v for ch in ',"\r\n;\t') or v.startswith("\ufeff") or v.lower().startswith("sep=")
        out.append('"' + g.replace('"', '""') + '"' if q else g)
    return ",".join(out).encode("utf-8", "surrogateescape")


def preserved(orig, new, name):
    """Every row of orig is still in new, byte for byte and in order (the header
    may have gained columns), but for a row with a ';' or a tab outside quotes,
    which capbook writes again, quoted, once."""
    if new.startswith(orig):
        return
    rows = re.split(rb"(?<=\n)|(?<=\r)(?!\n)", orig)
    rows = [r for r in rows if r]
    pos = 0
    # the header line may be rewritten; with a BOM or sep= line, skip those too
    skip = 1
    if orig.startswith(b"\xef\xbb\xbf") and rows[0][3:4] == b"" and len(rows) > 1:
        skip = 2
    if rows and rows[0].lstrip(b"\xef\xbb\xbf").lower().startswith(b"sep="):
        skip += 1
    for r in rows[skip:]:
        body = r.rstrip(b"\r\n")
        if not body:
            continue
        i = new.find(body, pos)
        if i < 0 and old_style(body):
            again = reencoded(body)
            if again is not None:
                i, body = new.find(again, pos), again
        if i < 0:
            raise Fail("add lost bytes of %s: row %r not found after offset %d" % (name, body[:120], pos))
        pos = i + len(body)


def fresh_workbook(name="wb"):
    d = os.path.join(TMP, "cases", name)
    if os.path.exists(d):
        shutil.rmtree(d)
    shutil.copytree(BASE, d, ignore=shutil.ignore_patterns(".capbook*", ".~lock*", "*.journal"))
    return d


def test(name, fn):
    global passed, failed
    try:
        fn()
        with LOCK:
            passed += 1
            print("ok - %s" % name)
    except Fail as x:
        with LOCK:
            failed += 1
            FAILS.append(name)
            print("not ok - %s\n  %s" % (name, str(x).replace("\n", "\n  ")))
    sys.stdout.flush()


def case_runner(target, data, regex, wbname="wb"):
    def body():
        wb = fresh_workbook(wbname)
        args_c = []
        if target == "capbook.ini":
            conf = os.path.join(TMP, "cases", wbname + "-conf")
            os.makedirs(conf, exist_ok=True)
            cpath = os.path.join(conf, "capbook.ini")
            with open(cpath, "wb") as fh:
                fh.write(data)
            os.chmod(cpath, 0o600)
            args_c = ["-c", cpath]
        else:
            with open(os.path.join(wb, target), "wb") as fh:
                fh.write(data)
        before = snapshot(wb)
        found = regex == "-"
        for cmd in CMDS:
            args = args_c + [cmd[0], wb] + cmd[1:]
            rc, o, e, _ = run(args)
            what = "capbook " + " ".join(cmd)
            diag_lines(what, e)
            clean_text(what + " stderr", e)
            if cmd == ["check"] or cmd == ["gaps"] or cmd == ["report"]:
                clean_text(what + " stdout", o)
            if cmd[0] == "check" and not found:
                found = any(re.search(regex, l) for l in messages(e))
                if not found:
                    raise Fail("capbook check: no stderr line matches /%s/\n%s" % (regex, show(e)))
            same(what, wb, before)
        rc, o, e, _ = run(args_c + ["add", wb, "--ref", "A1.1", "--summary", "corpus entry"])
        diag_lines("capbook add", e)
        clean_text("capbook add stderr", e)
        after = snapshot(wb)
        if target.endswith(".csv"):
            new = after.get(target)
            if new is None:
                raise Fail("add removed %s" % target)
            if new != data:
                if rc != 0:
                    raise Fail("add failed (status %d) but changed %s" % (rc, target))
                preserved(data, new, target)
        elif target == "workbook.ini" and after.get(target) != data:
            raise Fail("add changed workbook.ini")
        if target == "capbook.ini":
            with open(args_c[1], "rb") as fh:
                if fh.read() != data:
                    raise Fail("add changed capbook.ini")
        if rc == 0 and after.get("evidence.csv") == before.get("evidence.csv"):
            raise Fail("add said it saved but evidence.csv is unchanged")
        if SAN:
            return
        # the saved workbook reads again, and check leaves it alone
        before2 = snapshot(wb)
        rc, o, e, _ = run(args_c + ["check", wb])
        diag_lines("capbook check after add", e)
        same("capbook check after add", wb, before2)
        # the file on its own: capbook check FILE.csv
        if target == "evidence.csv":
            single = os.path.join(TMP, "cases", wbname + "-single.csv")
            with open(single, "wb") as fh:
                fh.write(data)
            rc, o, e, _ = run(["check", single])
            diag_lines("capbook check FILE", e)
            clean_text("capbook check FILE", o + e)
            with open(single, "rb") as fh:
                if fh.read() != data:
                    raise Fail("capbook check FILE changed it")
    return body


# --- the checked-in corpus ---
cases = []
with open(os.path.join(HERE, "expect.tsv")) as fh:
    for line in fh:
        if line.startswith("#") or not line.strip():
            continue
        f, target, regex = line.rstrip("\n").split("\t")
        with open(os.path.join(HERE, f), "rb") as cf:
            cases.append((f, target, cf.read(), regex))

# --- the huge ones, made here ---
HEAD = b"id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on\n"
FIVE_MB = 5 * 1024 * 1024
cases += [
    ("huge: 5 MB quoted cell", "evidence.csv",
     HEAD + b'E1,actual,2025-01-01,P/1,"' + b"ab,c\n\"\"d" * (FIVE_MB // 8) + b'",A1.1,,,,,\n'
     + b"E2,actual,2025-01-02,P/2,after,A1.1,,,,,\n", "-"),
    ("huge: 5 MB unquoted cell", "evidence.csv",
     HEAD + b"E1,actual,2025-01-01,P/1," + b"x" * FIVE_MB + b",A1.1,,,,,\n", "-"),
    ("huge: 5 MB unterminated quote", "evidence.csv",
     HEAD + b'E1,actual,2025-01-01,P/1,"' + b"line of text, no close\n" * (FIVE_MB // 23),
     r"evidence\.csv:2: unterminated quoted field"),
    ("huge: 5 MB of stray quotes", "evidence.csv",
     HEAD + b'E1,actual,2025-01-01,P/1,"a""' * (FIVE_MB // 30) + b"\n",
     r"evidence\.csv:2: "),
    ("huge: 100,000-field row", "evidence.csv",
     HEAD + b"E1,actual,2025-01-01,P/1,s,A1.1" + b",f" * 100000 + b"\n", "-"),
    ("huge: 100,000-column header", "evidence.csv",
     b",".join(b"h%d" % i for i in range(100000)) + b"\n" + b"x," * 99999 + b"x\n", r"evidence\.csv:1: "),
    ("huge: 50,000 rows of quotes and CRs", "evidence.csv",
     HEAD + b"".join(b'E%d,actual,2025-01-01,"P/\r%d",s"\r' % (i, i) for i in range(1, 50000)),
     r"evidence\.csv:\d+: "),
    ("huge: 10,000-line ini continuation", "workbook.ini",
     b"[candidate]\nname = a\\\n" + b"b\\\n" * 10000 + b"c\n", r"workbook\.ini:\d+: "),
]

with ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 2)) as pool:
    for i, (f, target, data, regex) in enumerate(cases):
        pool.submit(test, "%s -> %s" % (f, target), case_runner(target, data, regex, "wb%d" % i))

# --- escapes in file and folder names ---
ESCNAME = "wb-\x1b]0;PWNTITLE\x07-\x1b[31mPWNRED-\u202ePWNRLO-\x08PWNBS-\u009bPWNC1"


def escaped_names():
    wb = fresh_workbook(ESCNAME)
    with open(os.path.join(HERE, "csv", "escapes-cells.csv"), "rb") as fh:
        data = fh.read()
    with open(os.path.join(wb, "evidence.csv"), "wb") as fh:
        fh.write(data + b"E99,actual,2025-01-01,P/1,\"open\n")
    before = snapshot(wb)
    for cmd in (["check"], ["gaps"], ["report"]):
        rc, o, e, _ = run([cmd[0], wb] + cmd[1:])
        diag_lines("capbook " + cmd[0], e)
        clean_text("capbook %s (escaped folder name)" % cmd[0], o + e)
        same("capbook " + cmd[0], wb, before)
    rc, o, e, _ = run(["check", wb])
    if b"PWNTITLE" not in e:
        raise Fail("check did not name the file (expected a message about the unterminated quote)\n"
                   + show(e))
    rc, o, e, _ = run(["add", wb, "--ref", "A1.1", "--summary", "x"])
    clean_text("capbook add (escaped folder name)", o + e)
    single = os.path.join(TMP, "cases", "ev-\x1b]52;c;cHduZWQ=\x07PWNCLIP-\x1b[2JPWNCLEAR.csv")
    with open(single, "wb") as fh:
        fh.write(b"id,status\n\x1b]0;x\x07,\"open\n")
    rc, o, e, _ = run(["check", single])
    clean_text("capbook check FILE (escaped file name)", o + e)
    if b"PWNCLIP" not in e:
        raise Fail("check did not name the file\n" + show(e))
    rc, o, e, _ = run(["check", os.path.join(TMP, "cases", "missing-\x1b]0;PWNTITLE\x07")])
    clean_text("capbook check MISSING (escaped name)", o + e)


test("escape sequences in folder and file names", escaped_names)


# --- the pty: what reaches a terminal ---
RAW = [b"\x1b]", b"\x1bP", b"\x1bc", b"\x1b[6n", b"\x07", b"\x05", b"\x9b", b"\xc2\x9b",
       b"\xc2\x9d", b"\xe2\x80\xae", b"\xe2\x81\xa6", b"\x1b[31mPWN", b"\x1b[2JPWN",
       b"\x08PWN", b"\x7fPWN", b"\rPWN"]


def pty_run(args, keys=b"", cols=100, rows=30, settle=1.5):
    """Runs capbook on a pty; returns everything it wrote to the terminal."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            os.execve(CAPBOOK, [CAPBOOK] + args, ENV)
        finally:
            os._exit(127)
    import fcntl
    import struct
    import termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    out = bytearray()
    start = time.monotonic()
    sent = 0
    status = None
    deadline = start + TIMEOUT * (3 if SAN else 1) + settle * 2
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            out += chunk
        elif keys and sent < len(keys) and time.monotonic() - start > settle:
            os.write(fd, keys[sent:sent + 1])
            sent += 1
            time.sleep(0.15 if not SAN else 0.3)
        p, st = os.waitpid(pid, os.WNOHANG)
        if p:
            status = st
            # drain
            while True:
                r, _, _ = select.select([fd], [], [], 0.1)
                if not r:
                    break
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            break
    if status is None:
        # the terminal closes a moment before the process can be reaped
        p = 0
        while not p and time.monotonic() < deadline:
            p, status = os.waitpid(pid, os.WNOHANG)
            if not p:
                time.sleep(0.02)
        if not p:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
            raise Fail("capbook %s on a pty: no exit (hang)\n%s" % (args[0] if args else "",
                                                                      show(bytes(out[-2000:]))))
    os.close(fd)
    if os.WIFSIGNALED(status):
        raise Fail("capbook on a pty: killed by signal %d" % os.WTERMSIG(status))
    if os.WEXITSTATUS(status) > 2:
        raise Fail("capbook on a pty: exit status %d\n%s" % (os.WEXITSTATUS(status), show(bytes(out[-3000:]))))
    return bytes(out)


def no_raw(what, out, want_marker=True):
    for r in RAW:
        i = out.find(r)
        if i >= 0:
            raise Fail("%s: %r reached the terminal raw\n%s" % (what, r, show(out[max(0, i - 200):i + 60])))
    if want_marker and b"PWN" not in out:
        raise Fail("%s: none of the data with escapes was shown (test proves nothing)\n%s"
                   % (what, show(out[-2000:])))


def escape_workbook():
    wb = fresh_workbook(ESCNAME)
    for f, target in (("csv/escapes-cells.csv", "evidence.csv"), ("csv/escapes-sessions.csv", "sessions.csv"),
                      ("csv/escapes-actions.csv", "actions.csv"), ("csv/escapes-resources.csv", "resources.csv"),
                      ("ini/wb-escape-values.ini", "workbook.ini")):
        shutil.copy(os.path.join(HERE, f), os.path.join(wb, target))
    with open(os.path.join(wb, "units.csv"), "ab") as fh:
        fh.write(b'"\x1b]0;PWNTITLE\x07A9",planned,"\x1b[31mPWNRED"\n')
    with open(os.path.join(wb, "evidence.csv"), "ab") as fh:
        fh.write(b"E50,actual,2025-01-01,SLF\x1b]0;PWNTITLE\x07,s,A1.1,,,,,\n"
                 b'E51,actual,2025-01-01,P/1,"\x1b[31mPWNRED open\n')
    return wb


def pty_cli():
    wb = escape_workbook()
    before = snapshot(wb)
    for args in (["check", wb], ["report", wb], ["gaps", wb], ["check", os.path.join(wb, "evidence.csv")]):
        out = pty_run(args)
        no_raw("capbook %s (pty)" % args[0], out)
        clean_text("capbook %s (pty)" % args[0], out, allow_cr=True)
    same("check/report on a pty", wb, before)


def pty_screen():
    wb = escape_workbook()
    # panes, rows, open, back, sessions, gaps, coverage, help, then quit
    keys = b"\tjjjj\tjj\t\x1bjjjjjjjj\x0cSjj\x1bx\x1bv\x1b?\x1b/PWN\rn\x1bq"
    out = pty_run([wb], keys=keys + b"q", cols=120, rows=40)
    no_raw("full-screen capbook (pty)", out)
    # with escapes in a capbook.ini too, and a window too small
    conf = os.path.join(TMP, "cases", "conf-esc")
    os.makedirs(conf, exist_ok=True)
    cpath = os.path.join(conf, "capbook.ini")
    with open(os.path.join(HERE, "ini", "conf-escape-error.ini"), "rb") as fh:
        open(cpath, "wb").write(fh.read())
    os.chmod(cpath, 0o600)
    out = pty_run(["-c", cpath, wb], keys=b"jjq" + b"q", cols=100, rows=30)
    no_raw("full-screen capbook with a bad capbook.ini (pty)", out, want_marker=False)


test("pty: check, report and gaps on escapes", pty_cli)
test("pty: the full-screen workbook on escapes", pty_screen)

shutil.rmtree(TMP, ignore_errors=True)
print("%d passed, %d failed" % (passed, failed))
if FAILS:
    print("failed: " + ", ".join(FAILS))
sys.exit(1 if failed else 0)
