#!/usr/bin/env python3
"""check.py — what tests/report/run.sh asks of a printed report (a PDF made by
headless Chromium from capbook's HTML), read back with poppler's pdftotext.

  check.py width PDF REF_HEIGHT   every word inside the page's side margins, and
                                  the type printed at its size (Chromium shrinks a
                                  page whose content is wider than the paper)
  check.py height PDF             the height of the first word (the title), for
                                  REF_HEIGHT
  check.py sheets WORKBOOK PDF    every unit the candidate takes has its log sheet,
                                  listing the ref and id of every entry naming the
                                  unit or one of its elements, and its mapping grid
  check.py indicators WORKBOOK DATA PDF
                                  the indicator text of every theme at every stage
                                  up to the target, for the workbook's pathway (or
                                  the stand-in one's, marked as another pathway's)
  check.py pages PDF              the number of pages
  check.py has PDF TEXT...        the text holds each TEXT (spaces ignored)
  check.py lacks PDF TEXT...      it holds none of them

Text is compared with all white space taken out: where a line of a cell breaks
is the printer's business, not the report's.
"""
import configparser
import csv
import re
import subprocess
import sys

MARGIN_PT = 12 / 25.4 * 72  # the side margins of @page, 12 mm
SLACK_PT = 1.0


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squeeze(s):
    return re.sub(r"\s+", "", s)


def pages(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M)
    return int(m.group(1))


def page_texts(pdf):
    # pdftotext ends every page with a form feed
    # -raw: in the order drawn, which is the page's, so a cell's lines stay together
    return run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").split("\f")


def words(pdf):
    """(page, page width, xmin, ymin, xmax, ymax, word) for every word."""
    out = run("pdftotext", "-bbox", pdf, "-")
    page, width = 0, 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)"', line)
        if m:
            page += 1
            width = float(m.group(1))
            continue
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                      line)
        if m:
            yield (page, width, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                   float(m.group(4)), m.group(5))


def first_height(pdf):
    for w in words(pdf):
        return w[5] - w[3]
    sys.exit("%s: no text" % pdf)


def fail(msgs):
    for m in msgs[:20]:
        print(m, file=sys.stderr)
    if len(msgs) > 20:
        print("... and %d more" % (len(msgs) - 20), file=sys.stderr)
    sys.exit(1)


def cmd_width(pdf, ref):
    bad = []
    for page, width, x0, _y0, x1, _y1, w in words(pdf):
        if x0 < MARGIN_PT - SLACK_PT or x1 > width - MARGIN_PT + SLACK_PT:
            bad.append("%s: page %d: %r at x %.1f-%.1f is outside the margins (0-%.1f wide, "
                       "%.1f pt each side)" % (pdf, page, w[:40], x0, x1, width, MARGIN_PT))
    h, want = first_height(pdf), float(ref)
    if abs(h - want) > want * 0.01:
        bad.append("%s: the title is printed %.2f pt high, not %.2f: the page was shrunk to fit "
                   "something wider than the paper" % (pdf, h, want))
    if bad:
        fail(bad)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def workbook_units(wb):
    return [r["unit"] for r in read_csv(wb + "/units.csv")
            if r.get("status", "").strip() and r["unit"].strip()]


def entries(wb):
    return [r for r in read_csv(wb + "/evidence.csv") if r.get("status", "") != "deleted"]


def names_unit(entry, unit):
    for code in (entry.get("elements") or "").split(";"):
        code = code.strip().upper()
        if code == unit.upper() or code.startswith(unit.upper() + "."):
            return True
    return False


def cmd_sheets(wb, pdf):
    texts = [squeeze(t) for t in page_texts(pdf)]
    units = workbook_units(wb)
    # the page each unit's sheet starts on
    start = {}
    for u in units:
        head = squeeze("Reference log sheet: %s" % u)
        # a heading, not a line of the contents (which print leaves out)
        found = [i for i, t in enumerate(texts) if head + "Unit" in t]
        if not found:
            fail(["%s: no reference log sheet for %s" % (pdf, u)])
        start[u] = found[0]
    order = sorted(start, key=lambda u: start[u])
    bad = []
    for k, u in enumerate(order):
        end = start[order[k + 1]] if k + 1 < len(order) else len(texts)
        sheet = "".join(texts[start[u]:max(end, start[u] + 1)])
        if squeeze("Mapping grid: %s" % u) not in sheet:
            bad.append("%s: the sheet of %s has no mapping grid" % (pdf, u))
        for e in entries(wb):
            if not names_unit(e, u):
                continue
            for col in ("ref", "id"):
                if squeeze(e[col]) not in sheet:
                    bad.append("%s: the log sheet of %s lacks %s %r of %s" %
                               (pdf, u, col, e[col], e["id"]))
    if bad:
        fail(bad)
    print(len(units))


def cmd_indicators(wb, data, pdf):
    ini = configparser.ConfigParser()
    ini.read(wb + "/workbook.ini", encoding="utf-8")
    pathway = ini.get("candidate", "pathway", fallback="manager").strip('"')
    target = ini.get("candidate", "stage", fallback="AC").strip('"')
    stages = [r["code"] for r in read_csv(data + "/sil/stages.csv")]
    upto = stages[:stages.index(target) + 1]
    shipped = {r["id"]: r["indicators"] == "shipped" for r in read_csv(data + "/sil/pathways.csv")}
    rows = read_csv(data + "/sil/indicators.csv")
    if not shipped.get(pathway):
        pathway = next(p for p in shipped if shipped[p])
    text = squeeze("".join(page_texts(pdf)))
    bad = ["%s: lacks the text of %s: %s" % (pdf, r["code"], r["text"][:60])
           for r in rows if r["pathway"] == pathway and r["stage"] in upto
           and squeeze(r["text"]) not in text]
    if bad:
        fail(bad)


def cmd_has(pdf, want, *texts):
    text = squeeze("".join(page_texts(pdf)))
    bad = ["%s: %s %r" % (pdf, "lacks" if want else "holds", t)
           for t in texts if (squeeze(t) in text) != want]
    if bad:
        fail(bad)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "width":
        cmd_width(*args)
    elif cmd == "height":
        print("%.3f" % first_height(args[0]))
    elif cmd == "sheets":
        cmd_sheets(*args)
    elif cmd == "indicators":
        cmd_indicators(*args)
    elif cmd == "pages":
        print(pages(args[0]))
    elif cmd == "has":
        cmd_has(args[0], True, *args[1:])
    elif cmd == "lacks":
        cmd_has(args[0], False, *args[1:])
    else:
        sys.exit("check.py: unknown command " + cmd)


main()
