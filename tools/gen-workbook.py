#!/usr/bin/env python3
"""gen-workbook.py N OUTDIR — a synthetic capbook workbook with N evidence entries.

Seeded with random.Random(N): the same N gives the same bytes on every run and
machine. Used by tools/bench.sh. The shape follows the peers' benchmark files
(research/perf-baselines.md): summaries of 50-400 characters with commas,
"" quotes in about a quarter of the rows, embedded newlines in about 2 %,
non-ASCII in most rows, LF record ends and minimal quoting (Python csv's), with
a field holding a ';' or a tab quoted too, as capbook writes it (so a save
rewrites only the rows it changed).
Every reference is a real framework code, so `capbook check` on the result
reports nothing; no cell starts with = + - @ (the formula guard never fires).
Files are written to NAME.tmp and renamed; evidence.csv last, so a folder with
an evidence.csv is complete.
"""
import csv
import datetime
import io
import os
import random
import sys

ELEMENTS = ("A1.1 A1.2 A1.3 A1.4 B1.1 B1.2 B1.3 B3.1 B3.2 B3.3 B7.1 B7.2 B7.3 B7.4 "
            "B8.1 B8.2 B8.3 E7.1 E7.2 E7.3 A2 D1 C1 E1").split()
THEMES = {"VIS": 4, "SLF": 5, "MOT": 3, "EMP": 4, "COL": 3, "CRE": 3}
CAPS = list(THEMES)
THEME_CODES = ["%s.%d" % (c, i) for c in CAPS for i in range(1, THEMES[c] + 1)]
INDICATORS = ["%s.%s" % (t, s) for t in THEME_CODES for s in ("EM", "ES", "AC")]

OPENERS = [
    "Supervision notes with", "Reflective account of", "Observed practice during",
    "Team meeting minutes on", "Witness statement from", "Care plan review with",
    "Audit of", "Induction pack for", "Action plan agreed with", "Case file review for",
    "Training record for", "Feedback from", "Report to the board on", "Risk assessment for",
    "Email exchange with", "Presentation to", "Appraisal of", "Learning log on",
]
WORDS = (
    "staff team|service users|families|carers|residents|managers|colleagues|partner "
    "agencies|inspectors|commissioners|volunteers|students|the local authority|the NHS "
    "trust|social workers|the health visitor|the key worker|night staff|the rota|the "
    "budget|the care plan|medication records|the fire drill|safeguarding procedures|"
    "the complaints log|daily programmes|the support plan|outcomes|person-centred "
    "planning|positive behaviour support|transitions|the review meeting|the referral|"
    "induction|supervision|appraisal|continuous improvement|group living|risk "
    "assessment|communication|records|confidentiality|consent|dignity|choice|rights|"
    "responsibilities|wellbeing|quality assurance|the action plan|lessons learned|"
    "training needs|the business plan|recruitment|retention|workload|sickness absence|"
    "handover|shift patterns|the new policy|the visiting professional|advocacy|"
    "independence|daily living|the community|activities|mealtimes|the garden project|"
    "the parents' group|house meeting|rota changes|the inspection report|the team "
    "development day|and|and|with|about|for|during|after|before|including|showing|"
    "evidencing|to improve|to support|to review|to agree|to reduce|to promote|so that|"
    "which led to|agreed|reviewed|discussed|planned|delegated|monitored"
).split("|")
PEOPLE = [
    "Zoë O’Neill", "Siân Davies", "José Martínez", "Renée Dubois", "Łukasz Nowak",
    "Chloé Brontë", "Seán Ó Briain", "Anaïs Lefèvre", "Björn Åkesson", "Müller Jürgen",
    "Ana Ibáñez", "Mairéad Ní Bhriain", "Tomás Ó Sé", "Dorothée Chassé", "Agnieszka Wójcik",
    "Freda Smith", "Joseph Green", "Amelia Brown", "John Reid", "Liliana Costa",
    "Rashid Khan", "Bridget Moore", "Fred Allan",
]
FLAVOUR = [
    "café-style lunch club", "naïve assumptions challenged", "résumé of the week",
    "£12.50 per session", "ratio 1:4 – agreed", "the ‘open door’ approach",
    "co‑ordinated with the GP", "a “no surprises” rule", "rôle play", "façade repairs",
    "piñata at the summer fair", "coöperation with the school", "§ 4 of the policy",
    "follow‑up in 2 weeks", "déjà vu from last audit", "the Ærø exchange visit",
]
QUOTES = [
    '"person-centred"', '"I felt listened to"', '"what matters to me"', '"no decision about me without me"',
    '"good enough"', '"team around the person"', '"stepping up"', '"you said, we did"',
]
RATIONALES = [
    "Not applicable: the service has no group living provision, so this does not apply.",
    "Not applicable this year; the business plan is held by the area manager, not me.",
    "Covered by credit transfer from the previous award; no new evidence needed.",
    "Not applicable: no young people are supported by this service.",
]


def summary(rng):
    want = max(rng.randint(50, 400), rng.randint(50, 400))
    parts = [rng.choice(OPENERS), rng.choice(PEOPLE) + ","]
    length = sum(len(p) + 1 for p in parts)
    non_ascii = rng.random() < 0.93
    quote = rng.random() < 0.25
    newline = rng.random() < 0.02
    extras = []
    if non_ascii:
        extras.append(rng.choice(FLAVOUR))
    if quote:
        extras.append(rng.choice(QUOTES))
    while length < want:
        if extras and rng.random() < 0.15:
            w = extras.pop()
        else:
            w = rng.choice(WORDS)
            r = rng.random()
            if r < 0.08:
                w += ","
            elif r < 0.11:
                w += "."
        parts.append(w)
        length += len(w) + 1
    parts.extend(extras)
    text = " ".join(parts)
    if len(text) > 399:
        text = text[:399].rstrip()
    text = text.rstrip(",. ") + "."
    if newline:
        cut = text.find(" ", len(text) // 2)
        if cut > 0:
            text = text[:cut] + "\n" + text[cut + 1:]
    return text


def date(rng, lo=datetime.date(2020, 1, 1), span=(datetime.date(2026, 12, 31) - datetime.date(2020, 1, 1)).days):
    return lo + datetime.timedelta(days=rng.randint(0, span))


def write_sheet(outdir, name, header, rows):
    path = os.path.join(outdir, name)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        # a row with a ";" or a tab in a cell is written cell by cell, those cells quoted
        w.writerow(header)
        for r in rows:
            for cell in r:
                assert not cell or cell[0] not in "=+-@'\t\r", (name, cell)
            if not any(";" in c or "\t" in c for c in r):
                w.writerow(r)
                continue
            cells = []
            for c in r:
                if ";" in c or "\t" in c:
                    buf = io.StringIO()
                    csv.writer(buf, lineterminator="", quoting=csv.QUOTE_ALL).writerow([c])
                    cells.append(buf.getvalue())
                else:
                    buf = io.StringIO()
                    csv.writer(buf, lineterminator="").writerow([c])
                    cells.append(buf.getvalue() if c else "")
            f.write(",".join(cells) + "\n")
    os.replace(tmp, path)


def evidence_rows(rng, n):
    planned = []  # ids of planned entries not yet revamped
    for i in range(1, n + 1):
        r = rng.random()
        status = ("actual" if r < 0.60 else "planned" if r < 0.90 else
                  "needs-update" if r < 0.96 else "na")
        d = date(rng)
        elements = "; ".join(rng.sample(ELEMENTS, rng.randint(0, 3)))
        inds = []
        for _ in range(rng.randint(0, 3)):
            k = rng.random()
            inds.append(rng.choice(CAPS) if k < 0.15 else
                        rng.choice(THEME_CODES) if k < 0.5 else rng.choice(INDICATORS))
        indicators = "; ".join(dict.fromkeys(inds))
        revamps = ""
        if status == "actual" and planned and rng.random() < 0.03:
            revamps = planned.pop(rng.randrange(len(planned)))
        rationale = rng.choice(RATIONALES) if status == "na" else ""
        signed_by = signed_on = ""
        if status == "actual" and rng.random() < 0.7:
            signed_by = rng.choice(PEOPLE)
            signed_on = (d + datetime.timedelta(days=rng.randint(0, 60))).isoformat()
        if status == "planned":
            planned.append("E%d" % i)
            if len(planned) > 1000:
                planned.pop(0)
        yield ["E%d" % i, status, d.isoformat(), "P/%04d" % i, summary(rng), elements,
               indicators, revamps, rationale, signed_by, signed_on]


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: gen-workbook.py N OUTDIR")
    n, outdir = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    os.makedirs(outdir, exist_ok=True)
    ini = os.path.join(outdir, "workbook.ini")
    with open(ini + ".tmp", "w", encoding="utf-8") as f:
        f.write("; capbook benchmark workbook: %d generated evidence entries\n"
                "[candidate]\nname = \"Bench Candidate %d\"\npathway = manager\nstage = AC\n"
                "\n[frameworks]\ncapabilities = sil\nstandards = lmcs2008\n"
                "mapping = lmcs2008-sil\n" % (n, n))
    os.replace(ini + ".tmp", ini)
    write_sheet(outdir, "units.csv", ["unit", "status", "notes"], [
        ["A1", "achieved", "Signed off by the assessor"],
        ["B1", "achieved", ""],
        ["C1", "achieved", "Health and safety file, see P/0003"],
        ["E1", "achieved", ""],
        ["A2", "in-progress", "Chosen for the vision gap"],
        ["B3", "planned", ""],
        ["D1", "credit-transfer", "From the previous award, 2019"],
        ["E7", "planned", "Business plan with the area manager"],
    ])
    sessions = []
    for k in range(1, 6):
        sessions.append(["S%d" % k, date(rng).isoformat(),
                         rng.choice(["Self-leadership", "Vision", "Collaborating and influencing",
                                     "Optional units", "Gap analysis"]),
                         "%s; %s" % (rng.choice(PEOPLE), rng.choice(PEOPLE)), summary(rng)])
    write_sheet(outdir, "sessions.csv", ["id", "date", "focus", "participants", "notes"], sessions)
    actions = []
    for k in range(1, 9):
        done = rng.choice(["", "yes", "no", date(rng).isoformat()])
        actions.append(["AP%d" % k, "S%d" % rng.randint(1, 5),
                        "Gather evidence for %s" % rng.choice(THEME_CODES),
                        "Two actual entries signed off", date(rng).isoformat(),
                        rng.choice(PEOPLE), done])
    write_sheet(outdir, "actions.csv", ["id", "session", "objective", "success_indicator", "due",
                                        "responsibility", "done"], actions)
    write_sheet(outdir, "evidence.csv",
                ["id", "status", "date", "ref", "summary", "elements", "indicators", "revamps",
                 "rationale", "signed_by", "signed_on"], evidence_rows(rng, n))


if __name__ == "__main__":
    main()
