#!/usr/bin/env python3
"""tests/corpus/gen.py — writes the hostile-input corpus: tests/corpus/csv/*.csv,
tests/corpus/ini/*.ini and tests/corpus/expect.tsv (what `capbook check` must
say about each). The files are checked in; run this again after changing it.
The huge cases (a 5 MB cell, a 100,000-field row) are made by run.py at test
time instead.

expect.tsv: FILE <TAB> TARGET <TAB> REGEX
  TARGET: the sheet the file replaces in a copy of data/examples/freda
          (evidence.csv, units.csv, sessions.csv, ...), or workbook.ini, or
          capbook.ini (passed with -c).
  REGEX:  a Python regex that one line of `capbook check` stderr must match
          ("-" for none: the file is fine, or only has to be survived).
"""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
EV_HEAD = b"id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on"


def ev(*rows, head=EV_HEAD, eol=b"\n", final=True):
    out = eol.join([head] + list(rows))
    return out + (eol if final else b"")


R1 = b"E1,actual,2025-02-11,P/014,First good row,A1.1,SLF.1.AC,,,,"
R2 = b"E2,actual,2025-02-25,P/015,Second good row,A1.1,SLF.2.AC,,,,"
R3 = b"E3,planned,2025-03-10,P/016,Third good row,A1.1,,,,,"

# Terminal escape payloads; each is followed by a marker word (PWN...) so the
# runner can tell whether the raw sequence reached the terminal.
ESC = [
    b"\x1b]0;PWNTITLE\x07",  # OSC 0: window title
    b"\x1b]52;c;cm0gLXJmIH4K\x07",  # OSC 52: set the clipboard
    b"\x1b]8;;http://evil.invalid/\x07PWNLINK\x1b]8;;\x07",  # OSC 8 hyperlink
    b"\x1b[31mPWNRED\x1b[0m",  # CSI SGR
    b"\x1b[2JPWNCLEAR",  # CSI erase display
    b"\x1b[6nPWNDSR",  # CSI device status report: the terminal types a reply
    b"\x1bP+q544e\x1b\\PWNDCS",  # DCS XTGETTCAP
    b"\x1bcPWNRIS",  # full reset
    b"\xc2\x9b31mPWNC1",  # U+009B: C1 CSI as UTF-8
    b"\xc2\x9d0;PWNOSC1\xc2\x9c",  # U+009D OSC ... U+009C ST
    b"\xe2\x80\xaePWNRLO\xe2\x80\xac",  # bidi override (Trojan Source)
    b"\xe2\x81\xa6PWNLRI\xe2\x81\xa9",  # bidi isolate
    b"\x07PWNBEL",
    b"\x08\x08\x08PWNBS",
    b"\x05PWNENQ",  # answerback
    b"\x7fPWNDEL",
]
ALL_ESC = b"".join(ESC)


def q(b):
    """A CSV field, quoted."""
    return b'"' + b.replace(b'"', b'""') + b'"'


def xlsx():
    mem = io.BytesIO()
    with zipfile.ZipFile(mem, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"></Types>',
        )
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + "<row/>" * 200 + "</worksheet>")
    return mem.getvalue()


CSV = []  # (name, bytes, target, regex)


def case(name, data, regex="-", target="evidence.csv"):
    CSV.append((name, data, target, regex))


# --- quotes ---
case("unterminated-quote-mid", ev(R1, b'E2,actual,2025-02-25,P/015,"never closed,A1.1,,,,,', R3, R2),
     r"evidence\.csv:3: unterminated quoted field")
case("unterminated-quote-eof", ev(R1, R2, b'E3,actual,2025-03-10,P/016,"open to the end'),
     r"evidence\.csv:4: unterminated quoted field")
case("unterminated-quote-header", b'id,"status,date,ref,summary\n' + R1 + b"\n",
     r"evidence\.csv:1: ")
case("quote-only-line", ev(R1, b'"', R2), r"evidence\.csv:3: unterminated quoted field")
case("stray-quote", ev(R1, b'E2,actual,2025-02-25,P/015,he said "hi" to me,A1.1,,,,,', R3),
     r"evidence\.csv:3: malformed quotes")
case("text-after-quote", ev(R1, b'E2,actual,2025-02-25,P/015,"quoted"tail,A1.1,,,,,', R3),
     r"evidence\.csv:3: malformed quotes")
case("many-stray-quotes", ev(*[b'E%d,actual,2025-01-01,x,a"b"c"d,,,,,,' % i for i in range(1, 300)]),
     r"evidence\.csv:2: malformed quotes")
case("quotes-alternating", ev(*[b'"' * (i % 7) + b"E%d,actual" % i for i in range(1, 200)]),
     r"evidence\.csv:\d+: ")
case("quoted-newlines-ok",
     ev(R1, b'E2,actual,2025-02-25,P/015,"line one\nline two\r\nline three ""q""",A1.1,,,,,', R3))
# --- line ends ---
case("crlf", ev(R1, R2, R3, eol=b"\r\n"))
case("cr-only", ev(R1, R2, R3, eol=b"\r"))
case("mixed-eol", EV_HEAD + b"\r\n" + R1 + b"\n" + R2 + b"\r" + R3 + b"\r\n")
case("no-final-newline", ev(R1, R2, R3, final=False))
case("blank-lines", EV_HEAD + b"\n\n\n" + R1 + b"\n\r\n\r\n" + R2 + b"\n\n\n")
case("lf-cr-reversed", EV_HEAD + b"\n\r" + R1 + b"\n\r" + R2 + b"\n\r")
# --- encodings ---
case("bom-utf8", b"\xef\xbb\xbf" + ev(R1, R2, eol=b"\r\n"))
case("bom-twice", b"\xef\xbb\xbf\xef\xbb\xbf" + ev(R1, R2), r"evidence\.csv:1: ")
case("bom-only", b"\xef\xbb\xbf", r"evidence\.csv(:\d+)?: ")
case("bom-mid-file", ev(R1, b"\xef\xbb\xbf" + R2))
text = ev(R1, R2).decode()
case("utf16le-bom", b"\xff\xfe" + text.encode("utf-16-le"), r"evidence\.csv:1: UTF-16")
case("utf16be-bom", b"\xfe\xff" + text.encode("utf-16-be"), r"evidence\.csv:1: UTF-16")
case("utf16le-nobom", text.encode("utf-16-le"), r"evidence\.csv:1: .*NUL")
case("windows-1252",
     ev(R1, b"E2,actual,2025-02-25,P/015,\x93Caf\xe9\x94 \x96 na\xefve \x80 50,A1.1,,,,,", R3),
     r"evidence\.csv:3: not valid UTF-8 \(byte 0x93\).*Windows-1252")
case("latin1", ev(R1, b"E2,actual,2025-02-25,P/015,caf\xe9 cr\xe8me,A1.1,,,,,"),
     r"evidence\.csv:3: not valid UTF-8 \(byte 0xE9\)")
case("utf8-overlong", ev(R1, b"E2,actual,2025-02-25,P/015,slash \xc0\xaf here,A1.1,,,,,"),
     r"evidence\.csv:3: not valid UTF-8")
case("utf8-surrogate", ev(R1, b"E2,actual,2025-02-25,P/015,sur \xed\xa0\x80 ,A1.1,,,,,"),
     r"evidence\.csv:3: not valid UTF-8")
case("utf8-above-10ffff", ev(R1, b"E2,actual,2025-02-25,P/015,big \xf4\x90\x80\x80,A1.1,,,,,"),
     r"evidence\.csv:3: not valid UTF-8")
case("utf8-truncated-eof", ev(R1, b"E2,actual,2025-02-25,P/015,cut \xe2\x82", final=False),
     r"evidence\.csv:3: not valid UTF-8")
case("utf8-lone-continuation", ev(b"E1,actual,2025-02-25,P/015,\x80\x81\xbf,A1.1,,,,,"),
     r"evidence\.csv:2: not valid UTF-8")
case("utf8-in-header", b"id,st\xe9tus,date,ref,summary\n" + R1 + b"\n",
     r"evidence\.csv:1: header row not valid UTF-8 \(byte 0xE9\)")
# --- NUL bytes ---
case("nul-early", ev(R1, b"E2,actual,2025-02-25,P/015,nul\x00here,A1.1,,,,,"),
     r"evidence\.csv:1: .*NUL")
case("nul-late",
     ev(*[b"E%d,actual,2025-02-25,P/015,padding row %d,A1.1,,,,," % (i, i) for i in range(1, 120)],
        b"E999,actual,2025-02-25,P/015,nul\x00here,A1.1,,,,,"),
     r"evidence\.csv:121: contains a NUL byte")
case("nul-in-quoted-late",
     ev(*[b"E%d,actual,2025-02-25,P/015,padding row %d,A1.1,,,,," % (i, i) for i in range(1, 120)],
        b'E999,actual,2025-02-25,P/015,"nul\x00quoted",A1.1,,,,,'),
     r"evidence\.csv:121: contains a NUL byte")
# --- shape ---
case("too-few-fields", ev(R1, b"E2,actual", b"E3", R3))
case("too-many-fields", ev(R1, R2 + b",extra,more,fields,,,,", R3))
case("single-column", b"id\nE1\nE2\n", r"evidence\.csv(:\d+)?: ")
case("empty", b"", r"evidence\.csv(:0)?: empty file")
case("only-newlines", b"\n\n\r\n\r", r"evidence\.csv(:\d+)?: ")
case("only-spaces", b"   \n  \n", r"evidence\.csv(:\d+)?: ")
case("header-only", EV_HEAD + b"\n")
case("header-only-no-newline", EV_HEAD)
case("missing-header", ev(R2, R3, head=R1), r"evidence\.csv:1: ")
case("missing-id-column", ev(b"actual,2025-02-11,P/014,x", head=b"status,date,ref,summary"),
     r"evidence\.csv:1: ")
case("duplicate-header", ev(R1, head=b"id,status,date,ref,summary,summary,elements,id,,,"),
     r"evidence\.csv:1: warning: column \"summary\" appears twice \(columns 5 and 6\)")
case("renamed-header", ev(R1, head=b"ID ,Status,Date Logged,Reference,Description,Elements,Inds,x,y,z,w"),
     r"evidence\.csv:1: warning: no \"date\" column, .*\"Date Logged\": renamed\?")
case("empty-header-cells", ev(R1, head=b",,,,,,,,,,"), r"evidence\.csv:1: ")
case("duplicate-ids", ev(R1, R1, R1.replace(b"First", b"Other")), r"evidence\.csv:\d+: .*E1")
case("empty-ids", ev(b",actual,2025-02-11,P/014,no id,A1.1,,,,,", R2), r"evidence\.csv:2: ")
case("bad-values", ev(b"E1,maybe,2025-13-45,P/014,x,ZZ9.9,NOPE.9,,,,", R2), r"evidence\.csv:2: ")
case("huge-id", ev(b"E" + b"9" * 5000 + b",actual,2025-02-11,P/014,x,A1.1,,,,,", R2))
case("id-overflow", ev(b"E99999999999999999999999,actual,2025-02-11,P/014,x,A1.1,,,,,", R2))
case("long-line-no-newline", EV_HEAD + b"\n" + b"E1,actual,2025-01-01,x," + b"y" * 300000)
case("many-columns", b",".join(b"c%d" % i for i in range(20000)) + b"\n" + b"," * 19999 + b"\n",
     r"evidence\.csv:1: ")
case("tabs-separated", ev(R1.replace(b",", b"\t"), head=EV_HEAD.replace(b",", b"\t")),
     r"evidence\.csv:1: looks tab-separated")
case("spaces-around", ev(b"  E1 , actual ,2025-02-11 , A1.1 ,  padded  ,A1.1,,,,,"))
# --- Excel's separators ---
case("sep-comma", b"sep=,\n" + ev(R1, R2))
case("sep-comma-crlf", b"sep=,\r\n" + ev(R1, R2, eol=b"\r\n"))
case("sep-semicolon", b"sep=;\n" + ev(R1).replace(b",", b";"), r"evidence\.csv:1: .*separator")
case("sep-tab", b"sep=\t\n" + ev(R1).replace(b",", b"\t"), r"evidence\.csv:1: .*separator")
case("sep-escape", b"sep=\x1b]0;PWNTITLE\x07\n" + ev(R1), r"evidence\.csv:1: .*separator")
case("bom-sep", b"\xef\xbb\xbfsep=,\r\n" + ev(R1, eol=b"\r\n"))
case("semicolons", ev(R1, R2, head=EV_HEAD).replace(b",", b";"), r"evidence\.csv:1: .*semicolon")
# --- formulas (kept as text, guarded on save) ---
case("formulas", ev(
    b'E1,actual,2025-02-11,P/014,"=HYPERLINK(""http://evil.invalid"",""x"")",A1.1,,,,,',
    b"E2,actual,2025-02-25,P/015,+5+5,A1.1,,,,,",
    b"E3,actual,2025-02-25,P/015,-3,A1.1,,,,,",
    b"E4,actual,2025-02-25,P/015,@SUM(1;2),A1.1,,,,,",
    b"E5,actual,2025-02-25,P/015,'=1+2,A1.1,,,,,",
    b"E6,actual,2025-02-25,P/015,''=1+2,A1.1,,,,,",
    b'E7,actual,2025-02-25,P/015,"\t=tab",A1.1,,,,,',
    b"=cmd|' /C calc'!A0,actual,2025-02-25,=1+1,=2+2,=A1,,,,,"))
# --- binary files renamed ---
case("xlsx-renamed", xlsx(), r"evidence\.csv:1: a ZIP file")
case("zip-empty", b"PK\x05\x06" + b"\x00" * 18, r"evidence\.csv(:\d+)?: ")
case("xls-renamed", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, r"evidence\.csv:1: .*Office")
case("png-renamed", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"evidence\.csv:1: ")
case("all-bytes", bytes(range(256)) * 4, r"evidence\.csv:1: ")
# --- escapes ---
case("escapes-cells", ev(*[b"E%d,actual,2025-02-11,A1.1,%s,A1.1,SLF.1.AC,,%s,,"
                           % (i + 1, q(e), q(e)) for i, e in enumerate(ESC)]))
case("escapes-unquoted", ev(*[b"E%d,actual,2025-02-11,A1.1,x%sy,A1.1,,,,," % (i + 1, e)
                              for i, e in enumerate(ESC)]))
case("escapes-c1-raw", ev(R1, b"E2,actual,2025-02-11,A1.1,raw \x9b31mPWNRAW9B csi,A1.1,,,,,"),
     r"evidence\.csv:3: not valid UTF-8 \(byte 0x9B\)")
case("escapes-ids", ev(*[b"%s,actual,2025-02-11,%s,x,%s,%s,,,,"
                         % (q(b"E" + e), q(b"A1.1" + e), q(e + b"A1.1"), q(b"SLF" + e))
                         for e in ESC]), r"evidence\.csv:\d+: ")
case("escapes-header", ev(R1, R2, head=EV_HEAD + b"," + q(ALL_ESC) + b",\x1b[31mPWNHDR"))
case("escapes-header-only", q(ALL_ESC) + b"\n", r"evidence\.csv:1: ")
case("escapes-units", b"unit,status,notes\n" + b"\n".join(
    b"%s,%s,%s" % (q(b"A1" + e), q(b"achieved" + e), q(e)) for e in ESC) + b"\n",
    r"units\.csv:\d+: ", target="units.csv")
case("escapes-sessions", b"id,date,focus,participants,notes\n" + b"\n".join(
    b"S%d,2026-01-20,%s,%s,%s" % (i + 1, q(e), q(e), q(e)) for i, e in enumerate(ESC)) + b"\n",
    target="sessions.csv")
case("escapes-actions", b"id,session,objective,success_indicator,due,responsibility,done\n" + b"\n".join(
    b"AP%d,%s,%s,%s,2026-02-17,%s," % (i + 1, q(b"S1" + e), q(e), q(e), q(e))
    for i, e in enumerate(ESC)) + b"\n", r"actions\.csv:\d+: ", target="actions.csv")
case("escapes-resources", b"ref,title,address,notes\n" + b"\n".join(
    b"%s,%s,%s,%s" % (q(b"R" + e), q(e), q(e), q(e)) for e in ESC) + b"\n", target="resources.csv")
# --- other sheets ---
case("units-unterminated", b'unit,status,notes\nA1,achieved,"open\nB1,achieved,x\n',
     r"units\.csv:2: unterminated", target="units.csv")
case("units-utf16", b"\xff\xfe" + "unit,status\nA1,achieved\n".encode("utf-16-le"),
     r"units\.csv:1: UTF-16", target="units.csv")
case("units-empty", b"", r"units\.csv(:0)?: empty file", target="units.csv")
case("sessions-xlsx", xlsx(), r"sessions\.csv:1: a ZIP file", target="sessions.csv")
case("actions-cp1252", b"id,session,objective\nAP1,S1,\x93quoted\x94\n",
     r"actions\.csv:2: not valid UTF-8", target="actions.csv")
case("mapping-hostile", b"unit,element,capability,theme,source\n\x1b]0;PWNTITLE\x07,\"open\n",
     r"mapping\.csv(:\d+)?: ", target="mapping.csv")

# --- INI (workbook.ini and capbook.ini) ---
WB_OK = (b"[candidate]\nname = Freda\npathway = manager\nstage = AC\n\n[frameworks]\n"
         b"capabilities = sil\nstandards = lmcs2008\nmapping = lmcs2008-sil\n")
CONF_OK = b"[workbook]\nfile_mode = 0600\n\n[ui]\ncolor = auto\nascii = false\nescdelay = 25\n"
INI = []


def ini(name, data, regex="-", target="workbook.ini"):
    INI.append((name, data, target, regex))


for tgt, ok, short in (("workbook.ini", WB_OK, "wb"), ("capbook.ini", CONF_OK, "conf")):
    f = tgt.replace(".", r"\.")
    ini(short + "-no-equals", ok + b"this line has no equals sign\n",
        f + r":10: syntax error: this line has no equals sign" if short == "wb"
        else f + r":8: syntax error", tgt)
    ini(short + "-unterminated-section", b"[unterminated\n" + ok, f + r":1: syntax error", tgt)
    ini(short + "-section-no-open", b"candidate]\n" + ok, f + r":1: syntax error", tgt)
    ini(short + "-empty-key", ok + b"= value\n", f + r":\d+: ", tgt)
    ini(short + "-long-line", ok + b"k = " + b"x" * 1100 + b"\n", f + r":\d+: line too long", tgt)
    ini(short + "-long-section", b"[" + b"s" * 1500 + b"]\n" + ok, f + r":1: line too long", tgt)
    ini(short + "-long-continuation", ok + b"k = a\\\n" + b"bbbbbbbbbb\\\n" * 200 + b"end\n",
        f + r":\d+: ", tgt)
    ini(short + "-nul", ok + b"k = a\x00b\n", f + r"(:\d+)?: .*NUL", tgt)
    ini(short + "-bom", b"\xef\xbb\xbf" + ok, "-", tgt)
    ini(short + "-crlf", ok.replace(b"\n", b"\r\n"), "-", tgt)
    ini(short + "-bom-crlf", b"\xef\xbb\xbf" + ok.replace(b"\n", b"\r\n"), "-", tgt)
    ini(short + "-cr-only", ok.replace(b"\n", b"\r"), "-", tgt)
    ini(short + "-empty", b"", "-", tgt)
    ini(short + "-utf16", b"\xff\xfe" + ok.decode().encode("utf-16-le"), f + r"(:\d+)?: ", tgt)
    ini(short + "-cp1252", ok + b"[x]\nk = caf\xe9\n", f + r":\d+: (warning: )?not valid UTF-8", tgt)
    ini(short + "-cve-2023-33461", ok + b"[candidate:name]\n[ui:color]\n[workbook:file_mode]\n"
        b"[frameworks:capabilities]\n[ui:escdelay]\n[ui:ascii]\n", "-", tgt)
    ini(short + "-escape-error", ok + b"\x1b]0;PWNTITLE\x07\x1b[31mPWNRED\n", f + r":\d+: syntax error", tgt)
    ini(short + "-escape-section", ok + b"[\x1b]0;PWNTITLE\x07]\nk = v\n", "-", tgt)
    ini(short + "-unterminated-quote", ok + b'[extra]\nk = "open\n', "-", tgt)
    ini(short + "-duplicate-keys", ok + ok, "-", tgt)
    ini(short + "-keys-before-section", b"orphan = 1\n" + ok, "-", tgt)
    ini(short + "-binary", bytes(range(1, 256)) * 3, f + r"(:\d+)?: ", tgt)
    ini(short + "-xlsx", xlsx(), f + r"(:\d+)?: ", tgt)

ini("wb-escape-values", b"[candidate]\nname = \"Freda" + ALL_ESC.replace(b'"', b"") + b"\"\n"
    b"pathway = \"manager\x1b]0;PWNTITLE\x07\"\nstage = \"AC\x1b[31mPWNRED\"\nsupervisor = \""
    + ALL_ESC + b"\"\n[frameworks]\ncapabilities = sil\nstandards = lmcs2008\nmapping = lmcs2008-sil\n",
    r"workbook\.ini(:\d+)?: .*unknown stage")
ini("wb-bad-frameworks", b"[candidate]\nname = x\n[frameworks]\ncapabilities = ../../../etc\n"
    b"standards = \x1b]0;PWNTITLE\x07\nmapping = /dev/zero\n", r"framework id .* is not a plain name")
ini("wb-bad-stage", b"[candidate]\nname = x\nstage = ZZ\npathway = nope\n", r"workbook\.ini(:3)?: .*unknown stage")
ini("conf-bad-values", b"[workbook]\nfile_mode = 0777\nnew_files = fancy\n[ui]\ncolor = purple\n"
    b"ascii = maybe\nescdelay = 99999999999999999999999\neditor = \x1b]0;PWNTITLE\x07\n",
    r"capbook\.ini:2: ", "capbook.ini")
ini("conf-hex-octal", b"[workbook]\nfile_mode = 0x180\n[ui]\nescdelay = 0x10\n", "-", "capbook.ini")
ini("conf-unknown", b"[nonsense]\nfoo = bar\n[ui]\nfrobnicate = 1\n", r"capbook\.ini:\d+: ", "capbook.ini")
ini("conf-keys-escape", b"[keys]\nquit = \x1b]0;PWNTITLE\x07\n\x1b[31m = q\n", "-", "capbook.ini")


def main():
    for sub in ("csv", "ini"):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
    lines = []
    for name, data, target, regex in CSV:
        with open(os.path.join(HERE, "csv", name + ".csv"), "wb") as fh:
            fh.write(data)
        lines.append("csv/%s.csv\t%s\t%s" % (name, target, regex))
    for name, data, target, regex in INI:
        with open(os.path.join(HERE, "ini", name + ".ini"), "wb") as fh:
            fh.write(data)
        lines.append("ini/%s.ini\t%s\t%s" % (name, target, regex))
    with open(os.path.join(HERE, "expect.tsv"), "w") as fh:
        fh.write("# written by tests/corpus/gen.py: FILE, TARGET, REGEX (see there)\n")
        fh.write("\n".join(lines) + "\n")
    print("%d CSV and %d INI cases" % (len(CSV), len(INI)))


if __name__ == "__main__":
    main()
