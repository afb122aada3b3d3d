#!/bin/sh
# tests/report/run.sh — the printed report: sh tests/report/run.sh PATH_TO_CAPBOOK,
# run from the repository root. capbook's HTML reports are printed to PDF by
# headless Chromium and read back with poppler's pdftotext: every unit's log
# sheet with its entries, the indicator text, the page count, the caseload
# page, nothing wider than the paper; and each page checked by tidy. Without
# chromium, pdftotext or tidy the suite fails (make deps installs them).
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/report/run.sh PATH_TO_CAPBOOK" >&2
	exit 2
fi
case $1 in
/*) CAPBOOK=$1 ;;
*) CAPBOOK=$PWD/$1 ;;
esac
REPO=$PWD
EXAMPLES=$REPO/data/examples
CHECK="python3 $REPO/tests/report/check.py"
CHROMIUM=${CHROMIUM:-chromium}

missing=""
for tool in "$CHROMIUM" pdftotext pdfinfo tidy python3; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "tests/report/run.sh: missing:$missing (sh tools/deps.sh check installs them)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR 2>/dev/null || true
mkdir -p "$HOME"

. "$REPO/tests/lib.sh"

# pdf HTML PDF: prints HTML as Chromium does to A4 (the page's own @page), no
# header or footer of Chromium's own; a fresh profile each time.
pdf() {
	prof=$(mktemp -d "$tmp/chromium.XXXXXX")
	sandbox=""
	[ "$(id -u)" -ne 0 ] || sandbox=--no-sandbox # root: Chromium refuses its sandbox
	# shellcheck disable=SC2086
	timeout 300 "$CHROMIUM" --headless $sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
		>"$prof.log" 2>&1 || {
		cat "$prof.log"
		fail "chromium could not print $1"
	}
	rm -rf "$prof" "$prof.log"
	[ -s "$2" ] || fail "chromium printed nothing for $1"
}

# valid HTML: tidy finds neither an error nor a warning.
valid() {
	tidy -e -q "$1" >"$T/tidy.txt" 2>&1 || {
		cat "$T/tidy.txt"
		fail "tidy: $1 is not valid HTML"
	}
}

# The title's height printed at its own size, from a page of nothing but the
# report's head and title (which cannot be too wide, so is never shrunk): every
# report's title is printed so high unless Chromium shrank the page to fit.
ref_page() {
	sed '/<\/h1>/q' "$1" >"$2"
	printf '</body>\n</html>\n' >>"$2"
}

# print WORKBOOK NAME [ARGS...]: the HTML report (ARGS added) as $T/NAME.html,
# checked by tidy, printed to $T/NAME.pdf, nothing wider than the paper.
print_report() {
	wb=$1
	name=$2
	shift 2
	run 0 report "$wb" --format html -o "$T/$name.html" "$@"
	valid "$T/$name.html"
	pdf "$T/$name.html" "$T/$name.pdf"
	$CHECK width "$T/$name.pdf" "$REF_HEIGHT"
}

units_taken() {
	python3 - "$1/units.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    print(sum(1 for r in csv.DictReader(f) if r.get('status', '').strip()))
EOF
}

# --- tests -----------------------------------------------------------------------

# Every example prints: each unit's log sheet with its entries' refs and ids and
# its mapping grid, the indicator text up to the target stage, and a frontline
# candidate's indicators marked as another pathway's.
test_examples_print_whole() {
	for dir in "$EXAMPLES"/*/; do
		ex=$(basename "$dir")
		print_report "$dir" "$ex"
		$CHECK sheets "$dir" "$T/$ex.pdf" >/dev/null
		$CHECK indicators "$dir" "$REPO/data" "$T/$ex.pdf"
		$CHECK has "$T/$ex.pdf" "Unit mapping summary table" "Element mapping summary table" \
			"Gaps and the units that could fill them" "Supervision sessions and agreed actions" \
			"Generated 2026-01-15"
	done
	$CHECK has "$T/john.pdf" "[the Managers pathway's text: none is shipped for Frontline workers]" \
		"No indicator text is shipped for Frontline workers"
	$CHECK has "$T/freda.pdf" "Candidate Freda" "Supervisor Joseph" "Award LMCS award (completed)" \
		"Leadership skills toolkit (Mind tools)" "revamped into E14" "AP2" \
		"Success indicator" "Assessor's signature"
	# the demo prints on more pages than it has units: each log sheet on its own
	units=$(units_taken "$EXAMPLES/freda")
	pages=$($CHECK pages "$T/freda.pdf")
	[ "$pages" -gt "$units" ] || fail "freda: $pages pages for $units units"
	sheets=$($CHECK sheets "$EXAMPLES/freda" "$T/freda.pdf")
	[ "$sheets" -eq "$units" ] || fail "freda: $sheets sheets for $units units"
}

# --unit: that unit's sheet and grid alone.
test_unit_sheet_alone() {
	print_report "$EXAMPLES/freda" a1 --unit a1
	$CHECK has "$T/a1.pdf" "Reference log sheet: A1" "Mapping grid: A1" "P/014" "P/052" \
		"Assessor's signature"
	$CHECK lacks "$T/a1.pdf" "Unit mapping summary table" "Reference log sheet: A2" \
		"Supervision sessions"
	run 2 report "$EXAMPLES/freda" --unit Q9
	contains "$T/err" 'unknown unit "Q9"'
	run 2 report "$EXAMPLES" --unit A1
}

# The caseload is a page of its own: every candidate, each linking to their
# own report written beside it.
test_caseload_page_links_each_report() {
	run 0 report "$EXAMPLES" --format html -o "$T/caseload"
	valid "$T/caseload/index.html"
	pdf "$T/caseload/index.html" "$T/caseload.pdf"
	$CHECK width "$T/caseload.pdf" "$REF_HEIGHT"
	for dir in "$EXAMPLES"/*/; do
		ex=$(basename "$dir")
		name=$(sed -n 's/^name *= *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$dir/workbook.ini")
		$CHECK has "$T/caseload.pdf" "$name"
		contains "$T/caseload/index.html" "<a href=\"$ex.html\">"
		valid "$T/caseload/$ex.html"
	done
	$CHECK has "$T/caseload.pdf" "Last session" "Overdue actions" "2026-01-20"
}

# Text at any length: an unbroken 3000-character summary, a long web address as
# a ref, long names, and 300 generated entries all stay inside the paper.
test_long_text_stays_on_the_page() {
	name=$(python3 -c 'print("Longcandidatenamewithoutspaces" * 5)')
	run 0 new "$T/long" --candidate "$name" --units A2,D1
	run 0 add "$T/long" --ref "https://example.org/$(python3 -c 'print("segment/" * 40)')?q=1" \
		--summary "$(python3 -c 'print("x" * 3000)')" --elements "A1.1; A2; D1.1" \
		--indicators "SLF.2.AC; VIS.1.AC"
	run 0 add "$T/long" --ref "$(python3 -c 'print("R" * 120)')" \
		--summary "$(python3 -c 'print(" ".join(["word"] * 2000))')" --elements "D1.2" \
		--indicators "COL.1.AC; COL.2.AC; COL.3.AC; SLF.1.EM; SLF.1.ES; SLF.1.AC"
	run 0 session "$T/long" --focus "$(python3 -c 'print("f" * 300)')" \
		--participants "$(python3 -c 'print("p" * 200)')"
	run 0 action "$T/long" --objective "$(python3 -c 'print("o" * 400)')" --session S1 \
		--success "$(python3 -c 'print("s" * 400)')" --due 2025-01-01 --who "$(python3 -c 'print("w" * 150)')"
	run 0 sign "$T/long" E1 --by "$(python3 -c 'print("b" * 200)')"
	print_report "$T/long" long
	$CHECK sheets "$T/long" "$T/long.pdf" >/dev/null
	python3 "$REPO/tools/gen-workbook.py" 300 "$T/w300" >/dev/null
	print_report "$T/w300" w300
	$CHECK sheets "$T/w300" "$T/w300.pdf" >/dev/null
	$CHECK indicators "$T/w300" "$REPO/data" "$T/w300.pdf"
}

# The check of the width can fail: a line that cannot break, and a box wider
# than A4, are both caught.
test_width_check_catches_overflow() {
	long=$(python3 -c 'print("y" * 400)')
	sed "s|</body>|<p style=\"white-space:nowrap\">$long</p></body>|" "$tmp/ref.html" >"$T/nowrap.html"
	sed 's|</body>|<div style="width:260mm;border:1px solid">wide</div></body>|' "$tmp/ref.html" >"$T/box.html"
	for bad in nowrap box; do
		pdf "$T/$bad.html" "$T/$bad.pdf"
		if $CHECK width "$T/$bad.pdf" "$REF_HEIGHT" >"$T/$bad.txt" 2>&1; then
			fail "an overflowing page ($bad) passed the width check"
		fi
		contains "$T/$bad.txt" "shrunk"
	done
}

# A sign-off's state prints: changed since, and which field; --history lists
# what history.csv records of each entry.
test_signoff_state_and_history_print() {
	cp -R "$EXAMPLES/freda" "$T/freda"
	run 0 sign "$T/freda" E3 --by "Joseph Bloggs"
	python3 - "$T/freda/evidence.csv" <<'EOF'
import csv, sys
p = sys.argv[1]
with open(p, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
i = rows[0].index('summary')
for r in rows[1:]:
    if r[0] == 'E3':
        r[i] = r[i] + ' (edited later)'
with open(p, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
EOF
	print_report "$T/freda" signed --history
	$CHECK has "$T/signed.pdf" "signed off by Joseph Bloggs on 2026-01-15; changed since: summary" \
		"CHANGED since signed: summary" "History of each entry"
	run 0 report "$T/freda" --history
	contains "$T/out" "changed since: summary"
	grep -Eq '^E3 +[0-9-]{10} .* signed$' "$T/out" || fail "the text report's history lacks E3's sign-off"
	run 0 report "$T/freda" --format csv -o "$T/csv"
	python3 - "$T/csv" <<'EOF'
import csv, os, sys
d = sys.argv[1]
names = sorted(os.listdir(d))
for want in ('log_sheet.csv', 'grid.csv', 'unit_summary.csv', 'element_summary.csv',
             'indicators.csv', 'gaps.csv', 'planned.csv', 'actions.csv', 'resources.csv',
             'evidence.csv', 'fields.csv', 'stages.csv'):
    assert want in names, (want, names)
for n in names:
    with open(os.path.join(d, n), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    assert rows and all(len(r) == len(rows[0]) for r in rows), n
with open(os.path.join(d, 'evidence.csv'), newline='', encoding='utf-8') as f:
    e3 = [r for r in csv.DictReader(f) if r['id'] == 'E3'][0]
assert 'changed since: summary' in e3['signoff'], e3
with open(os.path.join(d, 'log_sheet.csv'), newline='', encoding='utf-8') as f:
    units = {r['unit'] for r in csv.DictReader(f)}
assert units == {'A1', 'A2', 'B1', 'B2', 'C1', 'E1'}, units
EOF
}

# --- runner ----------------------------------------------------------------------

tests="
test_examples_print_whole
test_unit_sheet_alone
test_caseload_page_links_each_report
test_long_text_stays_on_the_page
test_width_check_catches_overflow
test_signoff_state_and_history_print
"

# The reference height, once: from the demo's head and title.
T=$tmp
run 0 report "$EXAMPLES/freda" --format html -o "$tmp/head.html"
ref_page "$tmp/head.html" "$tmp/ref.html"
pdf "$tmp/ref.html" "$tmp/ref.pdf"
REF_HEIGHT=$($CHECK height "$tmp/ref.pdf")

# REPORT_TESTS="test_a test_b" runs those alone
# shellcheck disable=SC2086 # one word a test
run_tests test_ ${REPORT_TESTS:-$tests}
