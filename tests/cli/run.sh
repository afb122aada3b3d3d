#!/bin/sh
# tests/cli/run.sh — the command-line tests: sh tests/cli/run.sh PATH_TO_CAPBOOK,
# run from the repository root. Prints "ok - name" or "not ok - name" per test,
# then "N passed, M failed"; exits 1 if any failed.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/cli/run.sh PATH_TO_CAPBOOK" >&2
	exit 2
fi
case $1 in
/*) CAPBOOK=$1 ;;
*) CAPBOOK=$PWD/$1 ;;
esac
if [ ! -x "$CAPBOOK" ]; then
	echo "tests/cli/run.sh: $CAPBOOK is not an executable" >&2
	exit 2
fi
REPO=$PWD
EXAMPLES=$REPO/data/examples

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

# Nothing of the user's: no config, no data folder, a fixed date, a fixed locale.
export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR 2>/dev/null || true
mkdir -p "$HOME"
umask 022 # capbook must not rely on the umask for its 0600

# --- helpers (used inside the tests, which run with set -e in a subshell) ---

# fail, run, contains, lacks and the runner
. "$REPO/tests/lib.sh"

# run WANT_STATUS ARGS...: runs capbook, stdout in $T/out, stderr in $T/err.
# contains FILE TEXT: FILE holds TEXT (a fixed string).
# field CSV ID COLUMN: the value of COLUMN in the row whose id (first column
# named id or unit) is ID, read with python's csv module.
field() {
	python3 - "$1" "$2" "$3" <<'EOF'
import csv, sys
path, key, col = sys.argv[1:4]
with open(path, newline='', encoding='utf-8-sig') as f:  # -sig: a BOM is no part of "id"
    rows = list(csv.DictReader(f))
for r in rows:
    if r.get('id', r.get('unit')) == key:
        sys.stdout.write(r[col])
        sys.exit(0)
sys.exit("no row %s in %s" % (key, path))
EOF
}

# new_wb DIR [ARGS...]: a fresh workbook.
new_wb() {
	d=$1
	shift
	run 0 new "$d" --candidate "Ann Example" "$@"
}

example() {
	[ -d "$EXAMPLES/$1" ] || fail "data/examples/$1 does not exist"
	cp -R "$EXAMPLES/$1" "$T/$1"
}

# --- tests ---------------------------------------------------------------------

test_new_add_check_gaps() {
	new_wb "$T/wb"
	summary=$(printf 'Reflective account, "quoted" words\nsecond line caf\303\251')
	run 0 add "$T/wb" --ref "P/1" --summary "$summary" --elements A1.1 --indicators SLF.2.AC
	[ "$(cat "$T/out")" = E1 ] || fail "add printed $(cat "$T/out"), not E1"
	run 0 check "$T/wb"
	run 0 gaps "$T/wb"
	contains "$T/out" "Ann Example"
	python3 - "$T/wb/evidence.csv" "$summary" <<'EOF'
import csv, sys
path, want = sys.argv[1], sys.argv[2]
with open(path, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
head = rows[0]
for col in ('id', 'status', 'date', 'ref', 'summary', 'elements', 'indicators',
            'revamps', 'rationale', 'signed_by', 'signed_on'):
    assert col in head, 'no column %s in %r' % (col, head)
assert len(rows) == 2, rows
row = dict(zip(head, rows[1]))
assert row['summary'] == want, 'summary %r != %r' % (row['summary'], want)
assert row['id'] == 'E1' and row['status'] == 'actual', row
assert row['date'] == '2026-01-15', row
assert row['ref'] == 'P/1' and row['elements'] == 'A1.1' and row['indicators'] == 'SLF.2.AC', row
EOF
}

test_add_prints_ids_and_refuses_unknown_refs() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary one --elements A1.1
	[ "$(cat "$T/out")" = E1 ] || fail "first add printed $(cat "$T/out")"
	run 0 add "$T/wb" --ref R2 --summary two --indicators "SLF.1.AC; VIS"
	[ "$(cat "$T/out")" = E2 ] || fail "second add printed $(cat "$T/out")"
	cp "$T/wb/evidence.csv" "$T/before.csv"
	run 1 add "$T/wb" --ref R3 --summary three --indicators ZZ9
	contains "$T/err" "ZZ9"
	[ ! -s "$T/out" ] || fail "a refused add printed an id"
	cmp "$T/before.csv" "$T/wb/evidence.csv" || fail "a refused add changed evidence.csv"
	run 1 add "$T/wb" --ref R3 --summary three --elements A1.9
	cmp "$T/before.csv" "$T/wb/evidence.csv" || fail "a refused add changed evidence.csv"
	run 1 add "$T/wb" --ref R3 --summary three --date 2025-02-30
	cmp "$T/before.csv" "$T/wb/evidence.csv" || fail "a refused add changed evidence.csv"
	run 0 add "$T/wb" --ref R4 --summary four --status planned
	[ "$(cat "$T/out")" = E3 ] || fail "refused adds used up ids: got $(cat "$T/out")"
}

test_check_examples() {
	n=0
	for d in "$EXAMPLES"/*/; do
		[ -d "$d" ] || continue
		run 0 check "${d%/}"
		contains "$T/out" "ok"
		n=$((n + 1))
	done
	[ "$n" -ge 6 ] || fail "only $n example workbooks in data/examples"
	run 0 check "$EXAMPLES"
	[ "$(grep -c ': .* entries, ok$' "$T/out")" -ge 6 ] || fail "check data/examples did not check each workbook"
	run 0 check data/examples/fred
}

test_broken_row_reported_with_line() {
	example freda
	ev="$T/freda/evidence.csv"
	[ -z "$(tail -c 1 "$ev")" ] || printf '\n' >>"$ev"
	printf 'E99,actual,2026-01-10,X,bad"quote,A1.1,,,,,\n' >>"$ev"
	n=$(wc -l <"$ev" | tr -d ' ')
	cp "$ev" "$T/before.csv"
	run 1 check "$T/freda"
	contains "$T/err" "capbook: $ev:$n: "
	[ "$(grep -c "^capbook: $ev:$n: " "$T/err")" -eq 1 ] || fail "want one message for line $n"
	cmp "$T/before.csv" "$ev" || fail "check changed the file"
	# the rest of the workbook still works, and a save keeps the bad row (the exit
	# status of this add is test_add_succeeds_beside_a_bad_row's business)
	"$CAPBOOK" add "$T/freda" --ref X2 --summary "after the bad row" --elements A1.2 >"$T/out" 2>"$T/err" || true
	# E99 is taken by the unparsed row, so the next id is E100
	[ "$(cat "$T/out")" = E100 ] || fail "add printed \"$(cat "$T/out")\", not E100"
	[ "$(field "$ev" E100 summary)" = "after the bad row" ] || fail "E100 not written"
	grep -qxF 'E99,actual,2026-01-10,X,bad"quote,A1.1,,,,,' "$ev" || fail "the bad row was not kept verbatim"
	head -n "$n" "$ev" | cmp - "$T/before.csv" || fail "the rows before the new one changed"
}

# An add that is recorded and saved succeeds (exit 0), whatever else the file
# holds: a script that sees 1 would think it refused and add it again.
test_add_succeeds_beside_a_bad_row() {
	new_wb "$T/wb"
	printf 'E7,actual,2026-01-10,X,bad"quote,A1.1,,,,,\n' >>"$T/wb/evidence.csv"
	run 0 add "$T/wb" --ref R --summary "recorded" --elements A1.2
	[ -n "$(cat "$T/out")" ] || fail "add printed no id"
	contains "$T/err" "evidence.csv:2: "
}

# The id of a row that cannot be parsed is still taken.
test_add_never_reuses_the_id_of_a_bad_row() {
	new_wb "$T/wb"
	printf 'E1,actual,2026-01-10,X,bad"quote,A1.1,,,,,\n' >>"$T/wb/evidence.csv"
	"$CAPBOOK" add "$T/wb" --ref R --summary "recorded" --elements A1.2 >"$T/out" 2>"$T/err" || true
	id=$(cat "$T/out")
	[ -n "$id" ] || fail "add printed no id"
	[ "$id" != E1 ] || fail "the new entry was given E1, the id of the unparsed row on line 2"
	[ "$(grep -c '^E1,' "$T/wb/evidence.csv")" -eq 1 ] || fail "two rows with id E1"
}

test_utf16_and_zip_refused() {
	new_wb "$T/wb"
	printf '\377\376i\000d\000,\000s\000\r\000\n\000' >"$T/wb/evidence.csv"
	cp "$T/wb/evidence.csv" "$T/before.csv"
	run 2 check "$T/wb"
	contains "$T/err" "UTF-16"
	contains "$T/err" "$T/wb/evidence.csv"
	run 2 add "$T/wb" --ref R --summary s
	cmp "$T/before.csv" "$T/wb/evidence.csv" || fail "the UTF-16 file was changed"
	printf 'PK\003\004\024\000\006\000garbage' >"$T/wb/evidence.csv"
	run 2 check "$T/wb"
	contains "$T/err" "ZIP"
}

test_usage_errors() {
	new_wb "$T/wb"
	run 2 --no-such-option
	contains "$T/err" "no-such-option"
	run 2 check
	run 2 gaps
	run 2 add
	run 2 gaps /nonexistent
	run 2 gaps "$T/wb" --format xml
	run 2 gaps "$T/wb" --stage XX
	run 2 add "$T/wb" --ref R --summary s --bogus x
	run 2 add "$T/wb" --ref R
	contains "$T/err" "capbook: add needs --summary"
	contains "$T/err" "usage: capbook add PATH --ref REF --summary TEXT"
	# a required option given empty is as good as missing
	run 2 session "$T/wb" --focus ""
	contains "$T/err" "capbook: session needs --focus"
	# --by may be left out (the signer's own name), not given empty
	run 2 sign "$T/wb" E1 --by ""
	contains "$T/err" "--by is empty"
	run 2 session "$T/wb"
	contains "$T/err" "capbook: session needs --focus"
	run 2 grid "$T/wb" Q9
	run 2 check "$T/wb" extra
}

test_gaps_csv_grid_plan_report_frameworks() {
	new_wb "$T/wb" --units A2
	run 0 add "$T/wb" --ref R1 --summary one --elements A1.1 --indicators SLF.2.AC
	# the stages are cumulative: accomplished evidence alone leaves SLF a gap
	run 0 gaps "$T/wb" --format csv
	grep -q '^SLF,,' "$T/out" || fail "SLF with accomplished evidence only is not a gap"
	run 0 add "$T/wb" --ref R0 --summary earlier --indicators "SLF.2.EM"
	run 0 add "$T/wb" --ref R0 --summary earlier --indicators "SLF.2.ES"
	run 0 gaps "$T/wb" --format csv
	python3 - "$T/out" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
head = rows[0]
assert head[:2] == ['capability', 'theme'], head
assert len(rows) > 1, 'no gaps listed for a workbook with one entry'
for r in rows[1:]:
    assert len(r) == len(head), r
caps = {r[0] for r in rows[1:] if r[1] == ''}
assert 'VIS' in caps and 'COL' in caps, caps
assert 'SLF' not in caps, caps
EOF
	run 0 grid "$T/wb" A1
	contains "$T/out" "A1.1"
	run 0 grid "$T/wb" a1 --format csv
	contains "$T/out" "A1.1"
	run 0 plan "$T/wb"
	contains "$T/out" "B4"
	run 0 plan "$T/wb" --format csv
	contains "$T/out" "unit,"
	run 0 report "$T/wb" --format html -o "$T/report.html"
	[ -f "$T/report.html" ] || fail "no report written"
	[ "$(stat -c %a "$T/report.html")" = 600 ] || fail "report mode $(stat -c %a "$T/report.html")"
	contains "$T/report.html" "<html"
	run 0 report "$T/wb"
	contains "$T/out" "Ann Example"
	run 0 report "$T/wb" --format csv
	run 0 frameworks
	contains "$T/out" "6 capabilities, 22 themes, 66 indicators"
}

test_transfer_rashid() {
	example rashid
	run 0 transfer "$T/rashid"
	contains "$T/out" "could also count for"
	grep -Eq 'could also count for [A-E][0-9]+(\.[0-9]+)? ' "$T/out" || fail "no element or unit named"
	run 0 transfer "$T/rashid" E1
	contains "$T/out" "A1.1"
	run 1 transfer "$T/rashid" E404
}

test_link_revamp_unit_session_action_done() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary "A1 evidence" --elements A1.3 --indicators SLF.1.AC
	run 0 link "$T/wb" E1 VIS
	[ "$(field "$T/wb/evidence.csv" E1 indicators)" = "SLF.1.AC; VIS" ] ||
		fail "indicators are $(field "$T/wb/evidence.csv" E1 indicators)"
	run 0 link "$T/wb" E1 vis d1.2
	[ "$(field "$T/wb/evidence.csv" E1 indicators)" = "SLF.1.AC; VIS" ] || fail "VIS linked twice"
	[ "$(field "$T/wb/evidence.csv" E1 elements)" = "A1.3; D1.2" ] || fail "D1.2 not linked"
	run 1 link "$T/wb" E1 NOPE

	run 0 add "$T/wb" --ref R2 --summary "the plan" --status planned --elements D1.1 --indicators COL.1.AC
	plan=$(cat "$T/out")
	run 0 revamp "$T/wb" "$plan" --summary "what happened"
	new=$(cat "$T/out")
	if [ -z "$new" ] || [ "$new" = "$plan" ]; then fail "revamp printed \"$new\""; fi
	[ "$(field "$T/wb/evidence.csv" "$new" revamps)" = "$plan" ] || fail "revamps is not $plan"
	[ "$(field "$T/wb/evidence.csv" "$new" status)" = actual ] || fail "the revamp is not actual"
	[ "$(field "$T/wb/evidence.csv" "$new" elements)" = D1.1 ] || fail "elements not carried over"
	[ "$(field "$T/wb/evidence.csv" "$plan" status)" = planned ] || fail "the plan is no longer planned"
	run 1 revamp "$T/wb" E1

	run 0 sign "$T/wb" E1 --by Amelia
	[ "$(field "$T/wb/evidence.csv" E1 signed_by)" = Amelia ] || fail "not signed"
	[ "$(field "$T/wb/evidence.csv" E1 signed_on)" = 2026-01-15 ] || fail "signed on the wrong day"

	run 0 unit "$T/wb" A4 --status credit-transfer
	[ "$(field "$T/wb/units.csv" A4 status)" = credit-transfer ] || fail "A4 not credit-transfer"
	run 2 unit "$T/wb" A4 --status finished

	run 0 session "$T/wb" --focus "Self-leadership" --participants "Ann, Joseph"
	sess=$(cat "$T/out")
	[ "$sess" = S1 ] || fail "session printed $sess"
	run 0 action "$T/wb" --objective "Use the toolkit" --session S1 --success "A reflective account" --due 2026-02-01 --who Ann
	act=$(cat "$T/out")
	[ "$act" = AP1 ] || fail "action printed $act"
	[ "$(field "$T/wb/actions.csv" AP1 session)" = S1 ] || fail "action not tied to S1"
	run 1 action "$T/wb" --objective x --session S9
	run 0 "done" "$T/wb" AP1
	[ "$(field "$T/wb/actions.csv" AP1 "done")" = 2026-01-15 ] || fail "AP1 not done today"
	run 0 check "$T/wb"
}

# Every output byte of a command checked for terminal controls.
no_controls() {
	python3 - "$@" <<'EOF'
import sys
bad = []
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    text = data.decode('utf-8', errors='surrogateescape')
    for i, ch in enumerate(text):
        o = ord(ch)
        if ch in '\n':
            continue
        if o < 0x20 or o == 0x7f or 0x80 <= o <= 0x9f or 0xdc80 <= o <= 0xdcff \
                or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
            bad.append('%s: U+%04X at %d' % (path, o, i))
    # a raw 0x9b (8-bit CSI) is not UTF-8: it shows above as U+DC9B
    if b'\x1b' in data or b'\x07' in data:
        bad.append('%s: raw ESC or BEL byte' % path)
if bad:
    sys.exit('\n'.join(bad[:20]))
EOF
}

test_escape_sequences_never_reach_the_terminal() {
	new_wb "$T/wb"
	{
		echo 'id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on'
		printf 'E1,actual,2026-01-02,\033[2J\033]52;c;aGVsbG8=\007,"clear \033[2J copy \033]52;c;aGVsbG8=\007 csi \302\233""31m rlo \342\200\256txt",A1.1,SLF.2.AC,,,\033[31mAmelia,2026-01-03\n'
		printf 'E2,planned,2026-01-02,\302\2336n,plan \342\200\256,A1.2,"\033[5mZZ9",,,,\n'
	} >"$T/wb/evidence.csv"
	cp "$T/wb/evidence.csv" "$T/good.csv"
	printf 'E3,actual,2026-01-02,raw,\233[2J raw c1 byte,A1.1,,,,,\n' >>"$T/wb/evidence.csv"
	run 1 check "$T/wb"
	cat "$T/out" "$T/err" >"$T/check.txt"
	contains "$T/check.txt" "ZZ9"
	contains "$T/check.txt" "evidence.csv:4: "
	cp "$T/good.csv" "$T/wb/evidence.csv"
	run 1 check "$T/wb"
	cat "$T/out" "$T/err" >>"$T/check.txt"
	run 0 report "$T/wb"
	cat "$T/out" "$T/err" >"$T/report.txt"
	contains "$T/report.txt" "^[[2J"
	run 0 report "$T/wb" --format html
	cat "$T/out" "$T/err" >"$T/report.html"
	run 0 gaps "$T/wb"
	cat "$T/out" "$T/err" >"$T/gaps.txt"
	run 0 transfer "$T/wb"
	cat "$T/out" "$T/err" >"$T/transfer.txt"
	run 0 link "$T/wb" E1 VIS
	cat "$T/out" "$T/err" >"$T/link.txt"
	# a folder name with an escape in it, in a FILE:LINE: message
	esc_dir="$T/$(printf 'wb\033[2J')"
	cp -R "$T/wb" "$esc_dir"
	printf 'E9,actual,2026-01-02,X,bad"quote,,,,,,\n' >>"$esc_dir/evidence.csv"
	run 1 check "$esc_dir"
	cat "$T/out" "$T/err" >"$T/dir.txt"
	contains "$T/dir.txt" "wb^[[2J/evidence.csv:4: "
	no_controls "$T/dir.txt" "$T/check.txt" "$T/report.txt" "$T/report.html" "$T/gaps.txt" "$T/transfer.txt" "$T/link.txt"
}

test_dash_file_name() {
	mkdir "$T/cwd"
	(cd "$T/cwd" && "$CAPBOOK" new ./-wb --candidate Dash >/dev/null) || fail "new ./-wb failed"
	rc=0
	(cd "$T/cwd" && "$CAPBOOK" check -- -wb >"$T/out" 2>"$T/err") || rc=$?
	[ "$rc" -eq 0 ] || {
		cat "$T/err"
		fail "check -- -wb exited $rc"
	}
	contains "$T/out" "-wb"
	rc=0
	(cd "$T/cwd" && "$CAPBOOK" add -- -wb --ref R --summary s >"$T/out" 2>"$T/err") || rc=$?
	[ "$rc" -eq 2 ] || fail "after --, --ref is not an option (exit $rc)"
}

test_read_only_refuses() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary one --elements A1.1
	for f in evidence.csv units.csv sessions.csv actions.csv; do cp "$T/wb/$f" "$T/$f.before"; done
	run 1 -r add "$T/wb" --ref R2 --summary two --elements A1.2
	contains "$T/err" "read-only"
	run 1 -r unit "$T/wb" A2 --status planned
	run 1 -r link "$T/wb" E1 VIS
	run 1 add "$T/wb" -r --ref R2 --summary two --elements A1.2
	for f in evidence.csv units.csv sessions.csv actions.csv; do
		cmp "$T/$f.before" "$T/wb/$f" || fail "-r changed $f"
	done
	ls -A "$T/wb" | grep -v -e '^workbook.ini$' -e '\.csv$' >"$T/extra" || true
	[ ! -s "$T/extra" ] || fail "files left behind: $(cat "$T/extra")"
	run 0 -r check "$T/wb"
}

test_new_files_are_private() {
	new_wb "$T/wb"
	for f in workbook.ini evidence.csv units.csv sessions.csv actions.csv; do
		[ -f "$T/wb/$f" ] || fail "new did not create $f"
		m=$(stat -c %a "$T/wb/$f")
		[ "$m" = 600 ] || fail "$f has mode $m"
	done
	m=$(stat -c %a "$T/wb")
	[ "$m" = 700 ] || fail "the folder has mode $m"
	run 0 add "$T/wb" --ref R --summary s
	[ "$(stat -c %a "$T/wb/evidence.csv")" = 600 ] || fail "a save widened evidence.csv"
	run 1 new "$T/wb" --candidate Again
	contains "$T/err" "already"
}

test_caseload_report() {
	[ -d "$EXAMPLES" ] || fail "no data/examples"
	run 0 report "$EXAMPLES"
	for n in Freda John Bridget Fred Liliana Rashid; do contains "$T/out" "$n"; done
	run 0 report "$EXAMPLES" --format csv
	python3 - "$T/out" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
assert rows[0][:2] == ['folder', 'candidate'], rows[0]
assert len(rows) >= 7, rows
for r in rows[1:]:
    assert len(r) == len(rows[0]), r
EOF
	run 2 add "$EXAMPLES" --ref R --summary s
}

test_single_evidence_csv() {
	example fred
	mkdir "$T/loose"
	cp "$T/fred/evidence.csv" "$T/loose/log.csv"
	run 0 check "$T/loose/log.csv"
	run 0 gaps "$T/loose/log.csv"
	run 0 add "$T/loose/log.csv" --ref R --summary "one more" --elements A1.1
	[ "$(cat "$T/out")" = E22 ] || fail "add printed $(cat "$T/out")"
	[ "$(field "$T/loose/log.csv" E22 summary)" = "one more" ] || fail "E22 not written"
	[ "$(ls -A "$T/loose")" = log.csv ] || fail "other files appeared: $(ls -A "$T/loose" | tr '\n' ' ')"
}

test_excel_style_file_kept() {
	example fred
	ev="$T/fred/evidence.csv"
	{ printf '\357\273\277'; sed 's/$/\r/' "$T/fred/evidence.csv"; } >"$T/excel.csv"
	cp "$T/excel.csv" "$ev"
	run 0 check "$T/fred"
	run 0 add "$T/fred" --ref R --summary "from the command line" --elements A1.2
	[ "$(head -c 3 "$ev" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the byte-order mark was lost"
	n=$(wc -l <"$T/excel.csv" | tr -d ' ')
	head -n "$n" "$ev" | cmp - "$T/excel.csv" || fail "existing rows changed"
	tail -n 1 "$ev" | od -An -c | tr -d ' \n' | grep -q '\\r\\n$' || fail "the new row does not end in CRLF"
	[ "$(field "$ev" E22 summary)" = "from the command line" ] || fail "E22 not written"
	run 0 link "$T/fred" E3 VIS
	[ "$(field "$ev" E3 indicators)" = "SLF.1.AC; VIS" ] || fail "link failed"
	[ "$(grep -c "$(printf '\r')\$" "$ev")" -eq "$(wc -l <"$ev")" ] || fail "a line lost its CR"
}

test_config_file_is_read_and_checked() {
	printf '[workbook]\nfile_mode = 0640\n' >"$T/group.ini"
	chmod 600 "$T/group.ini"
	CAPBOOK_CONFIG="$T/group.ini" "$CAPBOOK" new "$T/a" --candidate A >/dev/null 2>"$T/err" || fail "new with a config failed"
	[ "$(stat -c %a "$T/a/evidence.csv")" = 640 ] || fail "file_mode 0640 from \$CAPBOOK_CONFIG not used"
	run 0 -c "$T/group.ini" new "$T/b" --candidate B
	[ "$(stat -c %a "$T/b/units.csv")" = 640 ] || fail "file_mode 0640 from -c not used"
	mkdir -p "$XDG_CONFIG_HOME/capbook"
	cp "$T/group.ini" "$XDG_CONFIG_HOME/capbook/capbook.ini"
	run 0 new "$T/c" --candidate C
	[ "$(stat -c %a "$T/c/units.csv")" = 640 ] || fail "the XDG config was not read"
	rm -f "$XDG_CONFIG_HOME/capbook/capbook.ini"
	# others could have written it: not used, and said so
	chmod 666 "$T/group.ini"
	CAPBOOK_CONFIG="$T/group.ini" "$CAPBOOK" new "$T/d" --candidate D >/dev/null 2>"$T/err" || true
	contains "$T/err" "$T/group.ini"
	[ "$(stat -c %a "$T/d/evidence.csv")" = 600 ] || fail "a world-writable config chose the file mode"
	# a world-readable mode is replaced, with a FILE:LINE: warning
	printf '[workbook]\nfile_mode = 0644\n' >"$T/world.ini"
	chmod 600 "$T/world.ini"
	run 0 -c "$T/world.ini" new "$T/e" --candidate E
	contains "$T/err" "$T/world.ini:2: "
	[ "$(stat -c %a "$T/e/evidence.csv")" = 600 ] || fail "file_mode 0644 was used"
}

test_new_refused_leaves_nothing() {
	run 1 new "$T/wb" --candidate X --units Q9
	[ ! -e "$T/wb" ] || fail "a refused new left $T/wb"
	run 1 new "$T/wb" --candidate X --stage ZZ
	[ ! -e "$T/wb" ] || fail "a refused new left $T/wb"
	run 2 new "$T/wb"
	[ ! -e "$T/wb" ] || fail "a refused new left $T/wb"
}

# Text output is readable at 80 columns: every line of every command's text
# output on every example fits (paths of the install aside), and the columns of
# a table stay aligned when a long title wraps.
# fits_80 FILE WHAT: every line of FILE (the repository's path as REPO) fits 80 columns.
fits_80() {
	python3 - "$1" "$REPO" "$2" <<'PY' || exit 1
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read().replace(sys.argv[2], "REPO")
for n, line in enumerate(text.split("\n"), 1):
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
    if w > 80:
        sys.exit("capbook %s: line %d is %d columns: %s" % (sys.argv[3], n, w, line))
PY
}


test_text_output_fits_80_columns() {
	for ex in "$EXAMPLES"/*/; do
		for cmd in check gaps plan transfer report frameworks "grid A1" "grid A2"; do
			# shellcheck disable=SC2086 # "grid A1" is two words
			set -- $cmd
			c=$1
			shift
			"$CAPBOOK" "$c" "$ex" "$@" >"$T/out" 2>&1 || true
			fits_80 "$T/out" "$c $(basename "$ex")"
		done
	done
	run 0 --help
	python3 - "$T/out" <<'PY'
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if len(line.rstrip("\n")) > 80:
        sys.exit("--help line over 80 columns: " + line)
PY
	run 0 plan "$EXAMPLES/fred"
	grep -q '^A2    not chosen       VIS                      5     Facilitate' "$T/out" ||
		fail "plan columns not aligned: $(grep '^A2' "$T/out")"
}

# capbook COMMAND --help (and -h) prints that command's usage, its one-line
# description and every option of its synopsis, on stdout, and exits 0.
test_every_command_has_help() {
	"$CAPBOOK" --help | sed -n 's/^  capbook \([a-z][a-z-]*\) .*/\1/p' >"$T/commands"
	[ "$(wc -l <"$T/commands")" -ge 16 ] || fail "could not read the commands from --help"
	while read -r c; do
		run 0 "$c" --help
		[ ! -s "$T/err" ] || fail "$c --help wrote to stderr: $(cat "$T/err")"
		head -n 1 "$T/out" | grep -q "^usage: capbook $c\( \|\$\)" || fail "$c --help: $(head -n 1 "$T/out")"
		# every --option of the synopsis is described on a line of its own
		sed -n '/^usage:/,/^[^ u]/p' "$T/out" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/opts"
		while read -r o; do
			grep -q -- "^  $o\( \|\$\)" "$T/out" || fail "$c --help does not describe $o"
		done <"$T/opts"
		grep -q -- '^  -c FILE ' "$T/out" || fail "$c --help does not describe -c"
		python3 - "$T/out" "$c" <<'PY'
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if len(line.rstrip("\n")) > 80:
        sys.exit(sys.argv[2] + " --help: line over 80 columns: " + line)
PY
		cp "$T/out" "$T/long"
		run 0 "$c" -h
		cmp -s "$T/out" "$T/long" || fail "$c -h differs from $c --help"
	done <"$T/commands"
	# the description is the one capbook --help gives
	run 0 gaps --help
	contains "$T/out" "capabilities and themes without actual evidence, and units that could"
	contains "$T/out" "--format text|csv"
	# help wins over missing arguments, and changes nothing
	new_wb "$T/wb"
	cp "$T/wb/evidence.csv" "$T/before.csv"
	run 0 add "$T/wb" --ref R --help
	cmp -s "$T/before.csv" "$T/wb/evidence.csv" || fail "add --help changed the workbook"
	run 0 --help
	contains "$T/out" "capbook COMMAND --help"
}

# capbook frameworks ID lists a framework's units (or capabilities and themes)
# with full titles within 80 columns; --codes lists its codes alone, one a line.
test_frameworks_id_and_codes() {
	run 0 frameworks lmcs2008
	contains "$T/out" "21 units, 23 elements"
	python3 - "$T/out" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for n, line in enumerate(text.split("\n"), 1):
    if len(line) > 80 and not line.startswith("lmcs2008 "):
        sys.exit("line %d over 80 columns: %s" % (n, line))
flat = " ".join(text.split())
for want in ["A2 Facilitate and manage change within care services through reflective, "
             "motivating and flexible leadership",
             "A1.4 Enhance the quality and safety of your provision through workforce development",
             "A1 Manage and develop yourself and your workforce within care services (mandatory)",
             "D2 (title not in the sources)"]:
    if want not in flat:
        sys.exit("not listed in full: " + want)
PY
	run 0 frameworks lmcs2008 --codes
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	[ "$(wc -l <"$T/out")" -eq 44 ] || fail "lmcs2008 --codes: $(wc -l <"$T/out") lines, not 21 units + 23 elements"
	grep -qvE '^[A-E][0-9]+(\.[0-9]+)?$' "$T/out" && fail "not a code a line: $(grep -vE '^[A-E][0-9]+(\.[0-9]+)?$' "$T/out" | head -n 3)"
	[ "$(sed -n '1,2p' "$T/out" | tr '\n' ' ')" = "A1 A1.1 " ] || fail "units not followed by their elements"
	run 0 frameworks sil --codes
	[ "$(wc -l <"$T/out")" -eq 94 ] || fail "sil --codes: $(wc -l <"$T/out") lines, not 6 + 22 + 66"
	grep -qx 'SLF.2.AC' "$T/out" || fail "no indicator SLF.2.AC"
	grep -qx 'COL' "$T/out" || fail "no capability COL"
	run 0 frameworks sil
	contains "$T/out" "SLF.2  Improving own leadership"
	run 0 frameworks topss2004 --codes
	grep -qx 'F12' "$T/out" || fail "topss2004 --codes lacks F12"
	run 0 frameworks lmcs2008-sil
	contains "$T/out" "A1.1   SLF    direct"
	run 1 frameworks lmcs2008-sil --codes
	run 2 frameworks nope
	contains "$T/err" "framework \"nope\" not found"
	run 2 frameworks --codes
	run 2 frameworks lmcs2008 --codes=yes
	# a workbook's own folder is searched first: PATH ID
	example fred
	mkdir "$T/fred/lmcs2008"
	printf 'code,title,group,mandatory\nZ1,Own unit,Z,no\n' >"$T/fred/lmcs2008/units.csv"
	run 0 frameworks "$T/fred" lmcs2008 --codes
	[ "$(cat "$T/out")" = Z1 ] || fail "the workbook's own lmcs2008 was not used: $(cat "$T/out")"
	# one argument that names a workbook is still the PATH of the list
	run 0 frameworks "$T/fred"
	contains "$T/out" "where, and what it holds"
}

# The bash completion, sourced in bash: commands, a command's options, an
# option's values, and unit and reference codes.
test_bash_completion() {
	command -v bash >/dev/null 2>&1 || { echo "bash not installed"; exit 77; }
	example fred
	CAPBOOK_BIN=$CAPBOOK bash -c '
		set -u
		. "$1/cli/capbook.bash"
		complete -p capbook >/dev/null || { echo "no completion for capbook"; exit 1; }
		c() {
			COMP_WORDS=("$CAPBOOK_BIN" "$@")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_capbook
			printf "%s\n" "${COMPREPLY[*]}"
		}
		want() { [ "$1" = "$2" ] || { echo "completing $3: got \"$1\", wanted \"$2\""; exit 1; }; }
		want "$(c gr)" "grid" "gr"
		want "$(c gaps "$2" --f)" "--format" "gaps PATH --f"
		want "$(c report "$2" --format "")" "text csv html" "report --format"
		want "$(c grid "$2" B7)" "B7" "grid PATH B7"
		want "$(c add "$2" --indicators SLF.2.A)" "SLF.2.AC" "--indicators SLF.2.A"
		want "$(c add "$2" --elements "A1.1;A1.")" "A1.1;A1.1 A1.1;A1.2 A1.1;A1.3 A1.1;A1.4" "--elements A1.1;A1."
		want "$(c frameworks lmcs2008-)" "lmcs2008-sil" "frameworks lmcs2008-"
	' sh "$REPO" "$T/fred" >"$T/out" 2>&1 || fail "$(cat "$T/out")"
}

# A problem in workbook.ini is reported at its line, once: an unknown stage or
# pathway, a framework that is not found (and not every reference it breaks).
test_workbook_ini_problems_have_lines() {
	example fred
	ini=$T/fred/workbook.ini
	cp "$ini" "$T/ini"
	sed 's/^stage = .*/stage = XX/' "$T/ini" >"$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:5: warning: unknown stage \"XX\"; using AC"
	sed 's/^pathway = .*/pathway = "Nobody"/' "$T/ini" >"$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:4: warning: unknown pathway \"Nobody\""
	sed 's/^capabilities = .*/capabilities = nope/' "$T/ini" >"$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:9: framework \"nope\" not found"
	# one message (check wraps a long one over indented lines)
	[ "$(grep -c '^capbook: ' "$T/err")" -eq 1 ] || fail "more than the one message: $(cat "$T/err")"
	sed 's/^standards = .*/standards = gone/' "$T/ini" >"$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:10: framework \"gone\" not found"
	# one message (check wraps a long one over indented lines)
	[ "$(grep -c '^capbook: ' "$T/err")" -eq 1 ] || fail "more than the one message: $(cat "$T/err")"
	sed 's/^mapping = .*/mapping = nomap/' "$T/ini" >"$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:11: warning: mapping \"nomap\" not found; no links"
}

# The 2004 standards map named as a workbook's standards: one message, at its
# line, saying what to name instead; the evidence is left as it is.
test_standards_map_refused_once() {
	example fred
	ini=$T/fred/workbook.ini
	cp "$T/fred/evidence.csv" "$T/before.csv"
	sed 's/^standards = .*/standards = topss2004/' "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	run 1 check "$T/fred"
	contains "$T/err" "fred/workbook.ini:10: \"topss2004\" is the 2004 standards map"
	contains "$T/err" "name lmcs2008 or lmcs2012 as the standards"
	# one message (check wraps a long one over indented lines)
	[ "$(grep -c '^capbook: ' "$T/err")" -eq 1 ] || fail "more than the one message: $(cat "$T/err")"
	cmp "$T/before.csv" "$T/fred/evidence.csv" || fail "evidence.csv changed"
}

test_caseload_check_finds_the_broken_one() {
	mkdir "$T/caseload"
	example fred
	example john
	mv "$T/fred" "$T/john" "$T/caseload/"
	run 0 check "$T/caseload"
	printf 'E99,actual,2026-01-10,X,bad"quote,,,,,,\n' >>"$T/caseload/john/evidence.csv"
	run 1 check "$T/caseload"
	contains "$T/err" "john/evidence.csv:"
	contains "$T/out" "fred"
}

# --- sign-off digest and the audit trail ----------------------------------------

# edit_csv DIR ID COLUMN VALUE: sets one cell of DIR/evidence.csv with Python's
# csv module, as a script or another program would.
edit_csv() {
	python3 - "$1/evidence.csv" "$2" "$3" "$4" <<'EOF'
import csv, sys
path, key, col, value = sys.argv[1:5]
with open(path, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
head = rows[0]
for r in rows[1:]:
    if r[head.index('id')] == key:
        r[head.index(col)] = value
with open(path, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
EOF
}

test_sign_then_edit_then_check() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref P/014 --summary "Reflective account" --elements A1.1 --indicators SLF.2.AC
	run 0 add "$T/wb" --ref P/015 --summary "Second" --elements A1.2
	run 0 sign "$T/wb" E1 --by "Joseph Bloggs"
	digest=$(field "$T/wb/evidence.csv" E1 signed_digest)
	[ ${#digest} -eq 64 ] || fail "signed_digest is \"$digest\""
	[ "$(field "$T/wb/evidence.csv" E1 signed_login)" = "$(id -un)" ] || fail "signed_login"
	# the digest is SHA-256 of the fields joined by 0x1F, as the README says
	python3 - "$T/wb/evidence.csv" <<'EOF' || fail "the digest does not recompute"
import csv, hashlib, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    r = next(row for row in csv.DictReader(f) if row['id'] == 'E1')
form = '\x1f'.join(r[k] for k in ('status', 'date', 'ref', 'summary', 'elements',
                                  'indicators', 'rationale'))
assert hashlib.sha256(form.encode('utf-8')).hexdigest() == r['signed_digest'], form
EOF
	run 0 check "$T/wb"
	edit_csv "$T/wb" E1 summary "Reflective account, improved afterwards"
	run 1 check "$T/wb"
	contains "$T/err" "wb/evidence.csv:2: E1 was signed off by Joseph Bloggs on 2026-01-15; changed since: summary"
	lacks "$T/err" "E2"
	edit_csv "$T/wb" E1 date "2025-12-31"
	run 1 check "$T/wb"
	contains "$T/err" "changed since: date, summary"
	edit_csv "$T/wb" E1 summary "Reflective account"
	edit_csv "$T/wb" E1 date "2026-01-15"
	run 0 check "$T/wb"
	# signing again (the same name, the same day) takes the digest again
	edit_csv "$T/wb" E1 summary "Reflective account, as discussed"
	run 0 sign "$T/wb" E1 --by "Joseph Bloggs"
	run 0 check "$T/wb"
	[ "$(field "$T/wb/evidence.csv" E1 signed_digest)" != "$digest" ] || fail "digest not taken again"
}

test_sign_survives_a_libreoffice_resave() {
	if ! command -v soffice >/dev/null 2>&1; then
		echo "SKIP: soffice (LibreOffice) is not installed"
		exit 77
	fi
	example freda
	summary=$(printf 'Two lines, "quoted",\nand a formula-like =1+2 at the end')
	run 0 add "$T/freda" --ref P/099 --summary "$summary" --elements "a1.1; A1.2" \
		--indicators SLF.2.AC --status na --rationale "-5 is not a date"
	id=$(cat "$T/out")
	run 0 sign "$T/freda" E1 --by "Joseph Bloggs"
	run 0 sign "$T/freda" "$id" --by "Joseph Bloggs"
	run 0 check "$T/freda"
	cp "$T/freda/evidence.csv" "$T/before.csv"
	mkdir -p "$T/lo"
	HOME="$T/lo" timeout 120 soffice --headless --infilter="CSV:44,34,76,1" \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
		--outdir "$T/lo" "$T/freda/evidence.csv" >"$T/lo.log" 2>&1 || fail "soffice failed: $(cat "$T/lo.log")"
	cmp -s "$T/lo/evidence.csv" "$T/before.csv" && fail "LibreOffice wrote the file byte for byte: not a test"
	cp "$T/lo/evidence.csv" "$T/freda/evidence.csv"
	run 0 check "$T/freda"
	# and a change made after the re-save is still found
	edit_csv "$T/freda" "$id" rationale "-6 is not a date"
	run 1 check "$T/freda"
	contains "$T/err" "$id was signed off by Joseph Bloggs on 2026-01-15; changed since: rationale"
}

test_history_grows_and_check_catches_tampering() {
	new_wb "$T/wb"
	h=$T/wb/history.csv
	[ -f "$h" ] || fail "new wrote no history.csv"
	[ "$(stat -c %a "$h")" = 600 ] || fail "history.csv has mode $(stat -c %a "$h")"
	n0=$(wc -l <"$h")
	run 0 add "$T/wb" --ref P/1 --summary "One" --elements A1.1
	n1=$(wc -l <"$h")
	[ "$n1" -eq $((n0 + 1)) ] || fail "add appended $((n1 - n0)) rows"
	tail -n 1 "$h" >"$T/last"
	contains "$T/last" ",$(id -un),evidence.csv,E1,added,"
	run 0 link "$T/wb" E1 SLF.2.AC
	tail -n 1 "$h" >"$T/last"
	contains "$T/last" ",evidence.csv,E1,changed indicators,"
	run 0 sign "$T/wb" E1 --by Joseph
	tail -n 1 "$h" >"$T/last"
	contains "$T/last" ",evidence.csv,E1,signed,$(field "$T/wb/evidence.csv" E1 signed_digest),\"status:"
	run 0 unit "$T/wb" A1 --status achieved
	tail -n 1 "$h" >"$T/last"
	contains "$T/last" ",units.csv,A1,status achieved,"
	cp "$h" "$T/kept"
	run 0 add "$T/wb" --ref P/2 --summary "Two"
	[ "$(wc -l <"$h")" -eq $(($(wc -l <"$T/kept") + 1)) ] || fail "the add appended no row"
	head -n "$(wc -l <"$T/kept")" "$h" | cmp -s - "$T/kept" || fail "earlier rows were rewritten"
	run 0 check "$T/wb"
	cp "$h" "$T/history.csv"
	# a row removed: the row after it is named
	sed '3d' "$T/history.csv" >"$h"
	run 1 check "$T/wb"
	contains "$T/err" "wb/history.csv:3: this row was changed, or a row before it removed"
	# a row edited with Python's csv module: that row is named
	python3 - "$T/history.csv" "$h" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
rows[4][1] = 'someone-else'
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
EOF
	run 1 check "$T/wb"
	contains "$T/err" "wb/history.csv:5: this row was changed, or a row before it removed"
	lacks "$T/err" "history.csv:6"
	# the sign-off's own row removed: the entry says its sign-off is not recorded
	grep -v ',E1,signed,' "$T/history.csv" >"$h"
	run 1 check "$T/wb"
	contains "$T/err" "E1's sign-off by Joseph on 2026-01-15 is not recorded in history.csv"
}

test_sign_refused_unless_an_assessor() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref P/1 --summary "One" --elements A1.1
	ini=$T/wb/workbook.ini
	sed 's/^award = .*/&\nassessors = nobody-here, someone-else/' "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	cp "$T/wb/evidence.csv" "$T/before.csv"
	run 1 sign "$T/wb" E1 --by Joseph
	contains "$T/err" "E1 not signed off: you are logged in as $(id -un), and [candidate] assessors names only nobody-here, someone-else"
	[ ! -s "$T/out" ] || fail "printed as if signed: $(cat "$T/out")"
	cmp -s "$T/wb/evidence.csv" "$T/before.csv" || fail "evidence.csv changed"
	run 0 check "$T/wb"
	sed "s/^assessors = .*/assessors = nobody-here, $(id -un)/" "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	run 0 sign "$T/wb" E1 --by Joseph
	[ "$(field "$T/wb/evidence.csv" E1 signed_by)" = Joseph ] || fail "not signed"
}

# sign without --by records the user's own name; a sign-off from the candidate's
# own login says so, here and in the report; unsign voids it, recorded; a
# refusal is exit 1 and says when the login is the candidate's own.
test_sign_by_default_unsign_and_own_login() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref P/1 --summary "One" --elements A1.1
	run 0 sign "$T/wb" E1
	by=$(field "$T/wb/evidence.csv" E1 signed_by)
	[ -n "$by" ] || fail "sign without --by recorded no name"
	[ "$(cat "$T/out")" = "E1 signed off by $by on 2026-01-15" ] || fail "sign printed: $(cat "$T/out")"
	[ "$(field "$T/wb/evidence.csv" E1 signed_login)" = "$(id -un)" ] || fail "signed_login"
	ini=$T/wb/workbook.ini
	sed "s/^award = .*/&\nlogin = $(id -un)/" "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	run 0 sign "$T/wb" E1 --by Joseph
	contains "$T/out" "E1 signed off by Joseph on 2026-01-15 (from the candidate's own login, $(id -un))"
	run 0 report "$T/wb"
	contains "$T/out" "from the candidate's own login"
	run 0 unsign "$T/wb" E1
	contains "$T/out" "E1: sign-off voided"
	[ -z "$(field "$T/wb/evidence.csv" E1 signed_by)" ] || fail "unsign left signed_by"
	[ -z "$(field "$T/wb/evidence.csv" E1 signed_digest)" ] || fail "unsign left signed_digest"
	tail -n 1 "$T/wb/history.csv" >"$T/last"
	contains "$T/last" ",evidence.csv,E1,sign-off voided,"
	run 0 check "$T/wb"
	run 0 report "$T/wb" --format csv
	contains "$T/out" "sign-off voided on"
	run 1 unsign "$T/wb" E1
	contains "$T/err" "E1 is not signed off"
	run 1 unsign "$T/wb" E9
	contains "$T/err" "no entry E9"
	sed 's/^award = .*/&\nassessors = nobody-here/' "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	run 1 sign "$T/wb" E1
	contains "$T/err" "E1 not signed off: you are logged in as $(id -un)"
	contains "$T/err" "$(id -un) is the candidate's own login"
	[ ! -s "$T/out" ] || fail "printed as if signed: $(cat "$T/out")"
	run 2 sign "$T/wb" E1 --date 2026-13-01
}

# The report's text and CSV carry the pack: the cover (assessor, both stages
# when --stage is not the target), the "ES missing" wording, a frontline
# candidate's indicators marked as another pathway's, each log sheet; deleted
# sessions are not reported; CSV tables one after another on stdout, a file
# each with -o DIR, all in one file with -o FILE.csv.
test_report_pack_text_and_csv() {
	example freda
	ini=$T/freda/workbook.ini
	sed 's/^supervisor = .*/&\nassessor = Amelia Assessor/' "$ini" >"$T/ini" && cp "$T/ini" "$ini"
	sed '1s/$/,status/' "$EXAMPLES/freda/sessions.csv" >"$T/freda/sessions.csv"
	printf 'S9,2025-01-01,Withdrawn session,,,deleted\n' >>"$T/freda/sessions.csv"
	run 0 report "$T/freda" --stage EM
	contains "$T/out" "Assessor:       Amelia Assessor"
	contains "$T/out" "Reported at:    emerging (EM); the target stage is accomplished (AC)"
	contains "$T/out" "Reference log sheet: A1"
	contains "$T/out" "Reference log sheet: E1"
	contains "$T/out" "Mapping grid: A1"
	contains "$T/out" "Unit mapping summary table"
	contains "$T/out" "Element mapping summary table"
	contains "$T/out" "S1 2026-01-20: Self-leadership"
	lacks "$T/out" "Withdrawn session"
	run 0 report "$T/freda"
	contains "$T/out" "EM, ES and AC missing"
	contains "$T/out" "Assessor's signature:"
	run 0 report "$EXAMPLES/john"
	tr -s ' \n' '  ' <"$T/out" >"$T/joined" # the text wraps where it wraps
	contains "$T/joined" "No indicator text is shipped for Frontline workers"
	contains "$T/joined" "[the Managers pathway's text: none is shipped for Frontline workers]"
	run 0 report "$EXAMPLES/john" --format csv
	contains "$T/out" "[the Managers pathway's text: none is shipped for Frontline workers]"
	contains "$T/out" "# log_sheet"
	contains "$T/out" "# indicators"
	run 0 report "$T/freda" --format csv -o "$T/one.csv"
	contains "$T/one.csv" "# unit_summary"
	run 0 report "$T/freda" --format csv -o "$T/tables"
	[ "$(stat -c %a "$T/tables/log_sheet.csv")" = 600 ] || fail "log_sheet.csv mode"
	python3 - "$T/tables" <<'EOF'
import csv, os, sys
d = sys.argv[1]
def rows(n):
    with open(os.path.join(d, n), newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))
fields = {(r['section'], r['field']): r['value'] for r in rows('fields.csv')}
assert fields[('summary', 'assessor')] == 'Amelia Assessor', fields
assert {r['unit'] for r in rows('log_sheet.csv')} == {'A1', 'A2', 'B1', 'B2', 'C1', 'E1'}
assert [r['ref'] for r in rows('log_sheet.csv') if r['id'] == 'E1'] == ['P/014']
assert any(r['capability'] == 'SLF' and r['stage'] == 'AC' and r['state'].startswith('met')
           for r in rows('indicators.csv'))
assert any(r['id'] == 'E13' and r['revamped_into'].startswith('E14') for r in rows('planned.csv'))
head = list(rows('unit_summary.csv')[0])
assert head[:4] == ['unit', 'title', 'kind', 'taken'] and 'SLF' in head, head
EOF
	run 2 report "$T/freda" --unit nope
	contains "$T/err" 'unknown unit "nope"'
}

# A typo in the pathway is refused (exit 1) with the pathways to choose from,
# and leaves no folder behind.
test_new_refuses_an_unknown_pathway() {
	run 1 new "$T/wb" --candidate "Ann Example" --pathway frontlinee
	contains "$T/err" 'unknown pathway "frontlinee"; the pathways are manager, frontline, strategic, citizen'
	[ ! -e "$T/wb" ] || fail "a refused new left $T/wb"
	run 0 new "$T/wb" --candidate "Ann Example" --pathway frontline
}

# A save that changes nothing writes nothing; an edit rewrites its row only; a
# row in the old style (an unquoted ';') is counted by check and quoted once, by
# the next save that writes its sheet, and never again.
test_saves_identical_and_old_rows_quoted_once() {
	example freda
	ev="$T/freda/evidence.csv"
	cp "$ev" "$T/orig.csv"
	run 0 link "$T/freda" E1 A1.1
	cmp "$ev" "$T/orig.csv" || fail "a link that changed nothing rewrote evidence.csv"
	run 0 link "$T/freda" E1 A1.1
	cmp "$ev" "$T/orig.csv" || fail "the second save is not byte-identical"
	# E5 in the old style, as an older capbook (or a spreadsheet) wrote it
	sed 's/^\(E5,.*\),"A1.1; A1.2",/\1,A1.1; A1.2,/' "$T/orig.csv" >"$ev"
	grep -q '^E5,.*,A1.1; A1.2,' "$ev" || fail "the test could not make an old-style row"
	run 0 check "$T/freda"
	contains "$T/err" "evidence.csv: note: 1 row holds a ';' or a tab outside quotes"
	run 0 sign "$T/freda" E3 --by Joseph --date 2026-01-12
	grep -q '^E5,.*,"A1.1; A1.2",' "$ev" || fail "the old-style row was not quoted on save"
	# the sign-off adds its two columns to the header; every other row is as it was
	[ "$(head -n 1 "$ev")" = "$(head -n 1 "$T/orig.csv"),signed_login,signed_digest" ] ||
		fail "the header is not the old one and the sign-off's columns: $(head -n 1 "$ev")"
	grep -v '^E3,' "$T/orig.csv" | tail -n +2 >"$T/want.csv"
	grep -v '^E3,' "$ev" | tail -n +2 | cmp - "$T/want.csv" || fail "rows other than E3 and E5 changed"
	cp "$ev" "$T/after.csv"
	run 0 check "$T/freda"
	lacks "$T/err" "outside quotes"
	run 0 sign "$T/freda" E3 --by Joseph --date 2026-01-12
	cmp "$ev" "$T/after.csv" || fail "a save of an unchanged workbook is not byte-identical"
}

# Damaged copies of an example, as a spreadsheet leaves them: check names each
# kind of damage, says what probably happened, and exits 1.
test_check_names_spreadsheet_damage() {
	example freda
	python3 - "$T/freda/evidence.csv" <<'EOF'
import csv, io, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='', encoding='utf-8')))
out = []
for r in rows:
    cells = []
    for c in r:
        cells.extend(c.split(';'))  # what "Semicolon" ticked as a separator does
    out.append(cells)
w = max(len(r) for r in out)
buf = io.StringIO()
csv.writer(buf, lineterminator='\n').writerows([r + [''] * (w - len(r)) for r in out])
open(p, 'w', encoding='utf-8', newline='').write(buf.getvalue())
EOF
	run 1 check "$T/freda"
	# each message wrapped to 80 columns: read with its lines joined
	joined "$T/err"
	contains "$T/err.joined" 'evidence.csv:6: warning: "A1.1" and " A1.2" look like one reference list in elements split over two cells'
	contains "$T/err.joined" "LibreOffice's import ticks \"Semicolon\" as a separator"
	lacks "$T/err.joined" 'revamps  MOT.2.AC'
	example john
	sed 's/^E1,actual,2025-06-09,/E1,actual,45817,/; s/^E3,actual,2025-07-21,/E3,actual,21\/07\/25,/' \
		"$EXAMPLES/john/evidence.csv" >"$T/john/evidence.csv"
	printf 'E99,actual,2025-09-01,X,extra cell,C1,,,,,,moved\n' >>"$T/john/evidence.csv"
	run 1 check "$T/john"
	joined "$T/err"
	contains "$T/err.joined" "evidence.csv:2: warning: date \"45817\" is not a date (YYYY-MM-DD): it looks like a spreadsheet's day number for 2025-06-09"
	contains "$T/err.joined" "evidence.csv:4: warning: date \"21/07/25\" is not a date (YYYY-MM-DD): a spreadsheet probably rewrote it in its own date format (2025-07-21?)"
	contains "$T/err.joined" "evidence.csv:12: warning: 12 cells where the header names 11 columns"
	# the damaged copies' messages fit 80 columns, each starting FILE:LINE:
	for wb in freda john; do
		(cd "$T" && "$CAPBOOK" check "$wb") >"$T/out" 2>&1 || true
		fits_80 "$T/out" "check $wb (damaged)"
		grep -q "^capbook: $wb/evidence.csv:[0-9]*: warning: " "$T/out" ||
			fail "check $wb: no message starts FILE:LINE: $(cat "$T/out")"
	done
}

# The stages are cumulative: a gap says which stage is missing, as text and in
# the CSV's missing column; a theme's gap keeps the units that could fill it
# once its capability is met (by a theme's indicators at every stage).
test_gaps_say_which_stage_is_missing() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary one --indicators SLF.2.AC
	run 0 gaps "$T/wb"
	contains "$T/out" "SLF Self-leadership: EM and ES missing"
	contains "$T/out" "  SLF.2 Improving own leadership: EM and ES missing"
	run 0 gaps "$T/wb" --format csv
	contains "$T/out" 'capability,theme,name,coverage,missing,actual,'
	contains "$T/out" 'SLF,SLF.2,Improving own leadership,none,"EM; ES",1,'
	run 0 add "$T/wb" --ref R0 --summary earlier --indicators SLF.2.EM
	run 0 gaps "$T/wb"
	contains "$T/out" "  SLF.2 Improving own leadership: ES missing"
	for s in EM ES AC; do
		run 0 add "$T/wb" --ref V --summary vision --indicators "VIS.1.$s"
	done
	run 0 gaps "$T/wb"
	contains "$T/out" "VIS Vision: met"
	python3 - "$T/out" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(i for i, l in enumerate(lines) if l.startswith("  VIS.4 "))
assert "VIS.4 Thinking and planning strategically: EM, ES and AC missing" in lines[i], lines[i]
assert lines[i + 1].strip() == "each could come from: A2 (direct)", lines[i:i + 2]
PY
	run 0 plan "$T/wb"
	joined "$T/out"
	contains "$T/out.joined" "capabilities and themes not met: a stage up to AC without actual evidence naming them"
}

# The grid's cell rule is said in capbook grid as the screen's grid says it.
test_grid_says_its_cell_rule() {
	run 0 grid "$EXAMPLES/freda" A1
	joined "$T/out"
	contains "$T/out.joined" "n/m: actual/planned entries that name the row and count for the capability (by naming it, or through the row's or its unit's link); entries: every entry naming the row."
	grep -q '^A1.1 *\. *D 8/1 ' "$T/out" || fail "A1.1 x SLF: $(grep '^A1.1' "$T/out")"
}

# run_timed WANT ARGS...: run, but a capbook that blocks (on a FIFO, say) fails the
# test after 20 s instead of hanging the suite.
run_timed() {
	want=$1
	shift
	rc=0
	timeout 20 "$CAPBOOK" "$@" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" -ne 124 ] || fail "capbook $* did not finish in 20 s"
	if [ "$rc" -ne "$want" ]; then
		echo "capbook $*"
		echo "  exit status $rc, wanted $want"
		sed 's/^/  stdout: /' "$T/out"
		sed 's/^/  stderr: /' "$T/err"
		exit 1
	fi
}

# A FIFO, a folder, a socket or a device where a sheet should be: refused at
# once (never blocked on, never read without end), exit 2 as unreadable input.
test_special_files_refused() {
	new_wb "$T/wb"
	ev=$T/wb/evidence.csv
	rm "$ev"
	mkfifo "$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "capbook: $ev: not a regular file"
	run_timed 2 add "$T/wb" --ref Q --summary s
	contains "$T/err" "capbook: $ev: not a regular file"
	rm "$ev"
	mkdir "$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "capbook: $ev: not a regular file"
	rmdir "$ev"
	python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "capbook: $ev: not a regular file"
	rm "$ev"
	ln -s /dev/zero "$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "capbook: $ev: is a symbolic link"
	rm "$ev"
	# the one sheet named on the command line: a FIFO there too
	mkfifo "$T/loose.csv"
	run_timed 2 check "$T/loose.csv"
	contains "$T/err" "not a regular file"
	# the other sheets and workbook.ini: reported, the rest of the workbook works
	new_wb "$T/wb2"
	rm "$T/wb2/units.csv" "$T/wb2/workbook.ini"
	mkfifo "$T/wb2/units.csv" "$T/wb2/workbook.ini"
	run_timed 1 check "$T/wb2"
	contains "$T/err" "capbook: $T/wb2/units.csv: not a regular file"
	contains "$T/err" "capbook: $T/wb2/workbook.ini: not a regular file"
	# a configuration that is a FIFO or a device
	mkfifo "$T/conf.ini"
	run_timed 0 -c "$T/conf.ini" check "$T/wb"
	contains "$T/err" "capbook: $T/conf.ini: not a regular file"
	run_timed 0 -c /dev/zero check "$T/wb"
	contains "$T/err" "capbook: /dev/zero: not a regular file"
}

# [workbook] max_file_size: a bigger sheet is refused with a clear message.
test_max_file_size() {
	example fred
	printf '[workbook]\nmax_file_size = 1K\n' >"$T/small.ini"
	chmod 600 "$T/small.ini"
	[ "$(wc -c <"$T/fred/evidence.csv")" -gt 1024 ] || fail "fred's evidence.csv is not over 1 KiB"
	run_timed 2 -c "$T/small.ini" check "$T/fred"
	contains "$T/err" "capbook: $T/fred/evidence.csv: too big to open:"
	contains "$T/err" "over the limit of 1 KiB ([workbook] max_file_size in capbook.ini)"
	run_timed 2 -c "$T/small.ini" add "$T/fred" --ref Q --summary s
	printf '[workbook]\nmax_file_size = 512M\n' >"$T/big.ini"
	chmod 600 "$T/big.ini"
	run_timed 0 -c "$T/big.ini" check "$T/fred"
	printf '[workbook]\nmax_file_size = lots\n' >"$T/bad.ini"
	chmod 600 "$T/bad.ini"
	run_timed 0 -c "$T/bad.ini" check "$T/fred"
	joined "$T/err"
	contains "$T/err.joined" "capbook: $T/bad.ini:2: warning: bad value for max_file_size: \"lots\""
}

# A sheet, workbook.ini, lock or journal that is a symbolic link is refused, for
# reading and saving alike, and nothing of what it points to is shown.
test_symbolic_links_inside_the_workbook() {
	new_wb "$T/wb"
	ev=$T/wb/evidence.csv
	rm "$ev"
	ln -s /etc/passwd "$ev"
	run_timed 2 check "$T/wb"
	cat "$T/out" "$T/err" >"$T/all"
	lacks "$T/all" "root:"
	contains "$T/err" "capbook: $ev: is a symbolic link"
	run_timed 2 add "$T/wb" --ref Q --summary s
	cat "$T/out" "$T/err" >"$T/all"
	lacks "$T/all" "root:"
	[ -L "$ev" ] || fail "the link was replaced"
	rm "$ev"
	# workbook.ini through a link: not read (no line of it shown), reported
	new_wb "$T/wb2"
	printf '[candidate]\nname = "root:secret"\n' >"$T/elsewhere.ini"
	rm "$T/wb2/workbook.ini"
	ln -s "$T/elsewhere.ini" "$T/wb2/workbook.ini"
	run_timed 1 check "$T/wb2"
	contains "$T/err" "capbook: $T/wb2/workbook.ini: is a symbolic link"
	cat "$T/out" "$T/err" >"$T/all"
	lacks "$T/all" "secret"
	# units.csv through a link: a save does not write through it
	new_wb "$T/wb3"
	mv "$T/wb3/units.csv" "$T/units-elsewhere.csv"
	ln -s "$T/units-elsewhere.csv" "$T/wb3/units.csv"
	cp "$T/units-elsewhere.csv" "$T/units-before.csv"
	"$CAPBOOK" unit "$T/wb3" A2 --status planned >"$T/out" 2>"$T/err" || true
	contains "$T/err" "capbook: $T/wb3/units.csv: is a symbolic link"
	cmp "$T/units-before.csv" "$T/units-elsewhere.csv" || fail "written through the link"
	[ -L "$T/wb3/units.csv" ] || fail "the link was replaced"
	# a lock or journal planted as a link: nothing is saved through it
	new_wb "$T/wb4"
	ln -s "$T/victim" "$T/wb4/.capbook.lock"
	run_timed 1 add "$T/wb4" --ref Q --summary s
	contains "$T/err" ".capbook.lock is a symbolic link"
	[ ! -e "$T/victim" ] || fail "the lock was written through its link"
	rm "$T/wb4/.capbook.lock"
	ln -s /etc/passwd "$T/wb4/.capbook-journal.csv"
	run_timed 1 check "$T/wb4"
	contains "$T/err" "capbook: $T/wb4/.capbook-journal.csv: is a symbolic link"
	cat "$T/out" "$T/err" >"$T/all"
	lacks "$T/all" "root:"
	# the journal under the user's own name, the same
	rm "$T/wb4/.capbook-journal.csv"
	ln -s /etc/passwd "$T/wb4/.capbook-journal-$(id -un).csv"
	run_timed 1 check "$T/wb4"
	contains "$T/err" "capbook: $T/wb4/.capbook-journal-$(id -un).csv: is a symbolic link"
	cat "$T/out" "$T/err" >"$T/all"
	lacks "$T/all" "root:"
	# a workbook folder named through a link is followed
	new_wb "$T/real"
	ln -s "$T/real" "$T/linked"
	run_timed 0 add "$T/linked" --ref Q --summary "through the folder link"
	[ "$(field "$T/real/evidence.csv" E1 summary)" = "through the folder link" ] || fail "not saved in the real folder"
	[ -L "$T/linked" ] || fail "the folder link was replaced"
}

# workbook.ini and capbook.ini: a million lines, an empty file, garbage, a NUL
# byte in a value. Each bounded by timeout; each a FILE: or FILE:LINE: message.
test_ini_files_bounded_and_reported() {
	new_wb "$T/wb"
	ini=$T/wb/workbook.ini
	cp "$ini" "$T/ini"
	cp "$ini" "$T/ini.orig"
	python3 -c '
import sys
with open(sys.argv[1], "a") as f:
    f.write("[extra]\n")
    for i in range(1000000):
        f.write("key%d = value%d\n" % (i, i))
' "$ini"
	run_timed 1 check "$T/wb"
	contains "$T/err" "capbook: $ini: too big for a settings file:"
	python3 -c '
import sys
with open(sys.argv[1], "a") as f:
    f.write("[extra]\n")
    for i in range(30000):
        f.write("k%d=\n" % i)
' "$T/ini" && cp "$T/ini" "$ini"
	run_timed 1 check "$T/wb"
	contains "$T/err" "capbook: $ini:10001: too many lines for a settings file (10000 at most)"
	: >"$ini"
	run_timed 1 check "$T/wb"
	contains "$T/err" "capbook: $ini: empty"
	printf '[candidate]\nname = "Ann\000Example"\n' >"$ini"
	run_timed 1 check "$T/wb"
	contains "$T/err" "capbook: $ini:2: contains a NUL byte"
	head -c 4096 /dev/urandom >"$ini"
	printf '\n\001\376[garbage\n' >>"$ini"
	run_timed 1 check "$T/wb"
	grep -q "^capbook: $ini:[0-9][0-9]*: " "$T/err" || fail "no FILE:LINE: message for garbage: $(head -c 300 "$T/err")"
	[ "$(wc -l <"$T/err")" -lt 20 ] || fail "$(wc -l <"$T/err") lines of messages for one file"
	# the configuration file: the same limits
	python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("[workbook]\n")
    for i in range(30000):
        f.write("; %d\n" % i)
' "$T/conf.ini"
	chmod 600 "$T/conf.ini"
	cp "$T/ini.orig" "$ini"
	run_timed 0 -c "$T/conf.ini" check "$T/wb"
	contains "$T/err" "capbook: $T/conf.ini:10001: too many lines for a settings file"
}

# Input capbook cannot read at all: exit 2 from every command, as the manual says.
test_unreadable_input_exit_2_everywhere() {
	new_wb "$T/wb"
	ev=$T/wb/evidence.csv
	printf 'PK\003\004\024\000\006\000\010\000\000\000!\000garbage' >"$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "ZIP"
	run_timed 2 add "$T/wb" --ref Q --summary s
	printf '\377\376i\000d\000,\000s\000\r\000\n\000' >"$ev"
	run_timed 2 check "$T/wb"
	contains "$T/err" "UTF-16"
	run_timed 2 add "$T/wb" --ref Q --summary s
	rm "$ev"
	mkdir "$ev"
	run_timed 2 check "$T/wb"
	run_timed 2 add "$T/wb" --ref Q --summary s
	run_timed 2 gaps "$T/wb"
	# the one sheet named on its own
	printf '\377\376i\000d\000' >"$T/loose.csv"
	run_timed 2 check "$T/loose.csv"
	run_timed 2 add "$T/loose.csv" --ref Q --summary s
}

# An empty lock (a process killed between creating it and writing it), or one
# that cannot be read, older than 10 s: taken over with a note. A young one may be
# being written: held.
test_empty_lock_taken_over() {
	new_wb "$T/wb"
	: >"$T/wb/.capbook.lock"
	touch -d '1 minute ago' "$T/wb/.capbook.lock"
	run 0 add "$T/wb" --ref Q --summary s
	contains "$T/err" "note: taking over the lock"
	[ "$(cat "$T/out")" = E1 ] || fail "add printed $(cat "$T/out")"
	[ ! -e "$T/wb/.capbook.lock" ] || fail "the lock was left behind"
	printf 'garbage\001 not a lock\n' >"$T/wb/.capbook.lock"
	touch -d '1 minute ago' "$T/wb/.capbook.lock"
	run 0 add "$T/wb" --ref Q --summary s
	contains "$T/err" "note: taking over the lock"
	: >"$T/wb/.capbook.lock"
	run 1 add "$T/wb" --ref Q --summary s
	contains "$T/err" "is open for writing"
	run 0 check "$T/wb" || true
}

# A configuration named with -c or $CAPBOOK_CONFIG that does not exist is said
# to be missing; an unknown colour in [colors] is reported at its line.
test_config_problems_reported() {
	new_wb "$T/wb"
	"$CAPBOOK" -c "$T/nope.ini" check "$T/wb" >"$T/out" 2>"$T/err" || true
	contains "$T/err" "capbook: $T/nope.ini: no such file"
	CAPBOOK_CONFIG="$T/nope2.ini" "$CAPBOOK" check "$T/wb" >"$T/out" 2>"$T/err" || true
	contains "$T/err" "capbook: $T/nope2.ini: no such file"
	printf '[colors]\nactual = green\nplanned = greeen\n' >"$T/colors.ini"
	chmod 600 "$T/colors.ini"
	run 0 -c "$T/colors.ini" check "$T/wb"
	joined "$T/err"
	contains "$T/err.joined" "capbook: $T/colors.ini:3: warning: bad value for planned: \"greeen\""
	lacks "$T/err" "colors.ini:2:"
}

# Fields changed both here and on disk are kept in the conflict record
# (.capbook-conflicts-LOGIN.csv, private), which check reports line by line. The
# copy an older capbook saved beside the sheet (evidence.mine-STAMP.csv) is moved
# into it by the next save.
test_conflict_record_reported_by_check() {
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary one
	run 0 add "$T/wb" --ref R2 --summary two
	run 0 check "$T/wb"
	sed 's/,two,/,two as I had it,/' "$T/wb/evidence.csv" >"$T/wb/evidence.mine-20261123-101500.csv"
	run 1 check "$T/wb"
	joined "$T/err"
	contains "$T/err.joined" "capbook: $T/wb/evidence.mine-20261123-101500.csv: warning: your version of evidence.csv"
	run 0 add "$T/wb" --ref R3 --summary three
	[ ! -e "$T/wb/evidence.mine-20261123-101500.csv" ] || fail "the copy was not moved into the record"
	rec=$T/wb/.capbook-conflicts-$(id -un).csv
	[ -f "$rec" ] || fail "no conflict record: $(ls -A "$T/wb" | tr '\n' ' ')"
	[ "$(stat -c %a "$rec")" = 600 ] || fail "the record has mode $(stat -c %a "$rec")"
	[ "$(field "$T/wb/evidence.csv" E2 summary)" = two ] || fail "the sheet's value was changed"
	run 1 check "$T/wb"
	joined "$T/err"
	contains "$T/err.joined" "capbook: $rec:2: warning: evidence.csv E2 summary: \"two\" in the sheet, \"two as I had it\" set aside here"
	# a record another copy of the workbook left (a git merge, say): read too
	printf 'sheet,id,field,base,on_disk,mine,source,when\nevidence.csv,E1,ref,R1,R1,R1b,git merge,2026-01-15 10:00:00\n' >"$T/wb/.capbook-conflicts-other.csv"
	run 1 check "$T/wb"
	joined "$T/err"
	contains "$T/err.joined" "capbook: $T/wb/.capbook-conflicts-other.csv:2: warning: evidence.csv E1 ref:"
	contains "$T/err.joined" "(git merge, 2026-01-15 10:00:00)"
}

# A config named with -c or $CAPBOOK_CONFIG that does not exist stops every
# command (exit 2) before it reads or writes anything.
test_config_named_must_exist() {
	new_wb "$T/wb"
	cp "$T/wb/evidence.csv" "$T/before.csv"
	run 2 -c "$T/nope.ini" check "$T/wb"
	contains "$T/err" "capbook: $T/nope.ini: no such file"
	[ ! -s "$T/out" ] || fail "check ran: $(cat "$T/out")"
	run 2 -c "$T/nope.ini" add "$T/wb" --ref R --summary s
	CAPBOOK_CONFIG="$T/nope2.ini"
	export CAPBOOK_CONFIG
	run 2 add "$T/wb" --ref R --summary s
	contains "$T/err" "capbook: $T/nope2.ini: no such file"
	run 2 gaps "$T/wb"
	unset CAPBOOK_CONFIG
	cmp -s "$T/before.csv" "$T/wb/evidence.csv" || fail "evidence.csv was written"
	run 0 add "$T/wb" --ref R --summary s
}

# check reports the config's [keys] and [colors] as the screen reads them: an
# unknown action, a bad key name, a key given to two actions in one keymap (at
# the line that gave it); keymaps apart are no clash. The workbook is still ok.
test_check_reports_key_bindings() {
	new_wb "$T/wb"
	printf '[keys]\nsave = q\nsessions.toggle = A\nno-such-action = x\nadd = Zz\nlinking = a\n[colors]\nplanned = greeen\n' >"$T/keys.ini"
	chmod 600 "$T/keys.ini"
	run 0 -c "$T/keys.ini" check "$T/wb"
	contains "$T/out" "$T/wb: 0 entries, ok"
	contains "$T/err" "capbook: $T/keys.ini:2: warning: key q is given to both save and quit (its default); only one can have it"
	contains "$T/err" "capbook: $T/keys.ini:3: warning: key A is given to both add-action (its default) and sessions.toggle"
	contains "$T/err" "capbook: $T/keys.ini:4: warning: unknown key keys:no-such-action ignored"
	contains "$T/err" "capbook: $T/keys.ini:5: warning: bad value for add: unknown key \"Zz\""
	contains "$T/err" "capbook: $T/keys.ini:8: warning: bad value for planned"
	# linking (main screen) and add (every screen) are in two keymaps
	lacks "$T/err" "keys.ini:6"
	# the defaults alone: nothing to say
	run 0 check "$T/wb"
	[ ! -s "$T/err" ] || fail "the defaults were reported: $(cat "$T/err")"
	# the other commands leave the screen's sections to the screen
	run 0 -c "$T/keys.ini" gaps "$T/wb"
	lacks "$T/err" "given to both"
}

# unit, session, action and done on a sheet that could not be read: refused
# (exit 2), nothing printed as done, nothing saved.
test_edit_refused_on_an_unreadable_sheet() {
	example freda
	wb=$T/freda
	run 0 action "$wb" --objective "before" --session S1
	ap=$(cat "$T/out")
	for sheet in units sessions actions; do
		mv "$wb/$sheet.csv" "$T/$sheet.csv"
		mkdir "$wb/$sheet.csv"
	done
	run 2 unit "$wb" A3
	contains "$T/err" "capbook: $wb/units.csv: cannot be read, so it cannot be changed; nothing saved"
	[ ! -s "$T/out" ] || fail "unit printed $(cat "$T/out")"
	run 2 session "$wb" --focus "lost"
	contains "$T/err" "$wb/sessions.csv: cannot be read"
	[ ! -s "$T/out" ] || fail "session printed $(cat "$T/out")"
	run 2 action "$wb" --objective "lost"
	contains "$T/err" "$wb/actions.csv: cannot be read"
	[ ! -s "$T/out" ] || fail "action printed $(cat "$T/out")"
	run 2 done "$wb" "$ap"
	contains "$T/err" "$wb/actions.csv: cannot be read"
	for sheet in units sessions actions; do
		[ -d "$wb/$sheet.csv" ] || fail "$sheet.csv was written over"
		rmdir "$wb/$sheet.csv"
		mv "$T/$sheet.csv" "$wb/$sheet.csv"
	done
	run 0 unit "$wb" A3
	contains "$T/out" "A3 planned"
}

# An id added here and, meanwhile, on disk (a spreadsheet appends a row between
# capbook's read and its save): the save gives the new row the next free id,
# and that is the id printed. A shim runs the spreadsheet's edit just before the
# lock is linked into place.
test_add_prints_the_renumbered_id() {
	command -v cc >/dev/null 2>&1 || {
		echo "no C compiler for the shim"
		exit 77
	}
	cat >"$T/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
int linkat(int ofd, const char *o, int nfd, const char *n, int flags)
{
	static int (*real)(int, const char *, int, const char *, int);
	const char *cmd = getenv("SHIM_BEFORE_LOCK");
	if (cmd && *cmd) {
		if (system(cmd) != 0)
			abort();
		unsetenv("SHIM_BEFORE_LOCK");
	}
	if (!real)
		real = (int (*)(int, const char *, int, const char *, int))dlsym(RTLD_NEXT, "linkat");
	return real(ofd, o, nfd, n, flags);
}
EOF
	cc -shared -fPIC -o "$T/shim.so" "$T/shim.c" -ldl || fail "the shim did not build"
	new_wb "$T/wb"
	run 0 add "$T/wb" --ref R1 --summary one
	printf 'printf "E2,actual,2026-01-15,X,added in a spreadsheet,,,,,,\\n" >>"%s/evidence.csv"\n' "$T/wb" >"$T/edit.sh"
	SHIM_BEFORE_LOCK="sh $T/edit.sh" LD_PRELOAD="$T/shim.so" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$CAPBOOK" add "$T/wb" --ref R2 --summary "mine" >"$T/out" 2>"$T/err" || fail "add failed: $(cat "$T/err")"
	[ "$(cat "$T/out")" = E3 ] || fail "add printed $(cat "$T/out"), not E3: $(cat "$T/err")"
	contains "$T/err" "E2 is now E3: E2 was added on disk too"
	[ "$(field "$T/wb/evidence.csv" E2 summary)" = "added in a spreadsheet" ] || fail "their E2 changed"
	[ "$(field "$T/wb/evidence.csv" E3 summary)" = "mine" ] || fail "mine is not E3"
	# a session, the same way
	printf 'printf "S1,2026-01-15,theirs,,\\n" >>"%s/sessions.csv"\n' "$T/wb" >"$T/edit.sh"
	SHIM_BEFORE_LOCK="sh $T/edit.sh" LD_PRELOAD="$T/shim.so" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$CAPBOOK" session "$T/wb" --focus "mine" >"$T/out" 2>"$T/err" || fail "session failed: $(cat "$T/err")"
	[ "$(cat "$T/out")" = S2 ] || fail "session printed $(cat "$T/out"), not S2: $(cat "$T/err")"
	# a CPD activity, the same way
	run 0 cpd-add "$T/wb" --date 2026-01-10 --activity "first" --kind course --days 1
	printf 'printf "C2,2026-01-14,theirs,course,1,,,,\\n" >>"%s/cpd.csv"\n' "$T/wb" >"$T/edit.sh"
	SHIM_BEFORE_LOCK="sh $T/edit.sh" LD_PRELOAD="$T/shim.so" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$CAPBOOK" cpd-add "$T/wb" --date 2026-01-15 --activity "mine" --kind course --days 1 \
		>"$T/out" 2>"$T/err" || fail "cpd-add failed: $(cat "$T/err")"
	[ "$(cat "$T/out")" = C3 ] || fail "cpd-add printed $(cat "$T/out"), not C3: $(cat "$T/err")"
	[ "$(field "$T/wb/cpd.csv" C3 activity)" = "mine" ] || fail "mine is not C3"
}

# A lock file that is empty (or garbage) and old is taken over with a note that
# says so, not as a lock whose process is gone.
test_broken_lock_note_says_so() {
	new_wb "$T/wb"
	: >"$T/wb/.capbook.lock"
	touch -d '2026-01-15 09:00:00' "$T/wb/.capbook.lock"
	run 0 add "$T/wb" --ref Q --summary s
	contains "$T/err" "note: taking over the lock: its file is empty or cannot be read, and was last changed more than 10 s ago (2026-01-15 09:00:00)"
	lacks "$T/err" "that process is gone"
}

# new --group: the folder the group's and setgid (2770), its files 0660, from the
# option or [workbook] group; --group "" makes a private one; no such group: refused.
test_new_shared_with_a_group() {
	g=$(id -gn)
	run 0 new "$T/a" --candidate A --group "$g"
	contains "$T/out" "created $T/a for A, shared with group $g"
	[ "$(stat -c '%a %G' "$T/a")" = "2770 $g" ] || fail "the folder is $(stat -c '%a %G' "$T/a")"
	[ "$(stat -c '%a %G' "$T/a/evidence.csv")" = "660 $g" ] || fail "evidence.csv is $(stat -c '%a %G' "$T/a/evidence.csv")"
	# history.csv too, whatever the umask (the group appends to it on every save)
	[ "$(stat -c '%a %G' "$T/a/history.csv")" = "660 $g" ] || fail "history.csv is $(stat -c '%a %G' "$T/a/history.csv")"
	run 0 add "$T/a" --ref R --summary s
	[ "$(stat -c '%a' "$T/a/evidence.csv")" = 660 ] || fail "a save changed the mode"
	printf '[workbook]\ngroup = %s\n' "$g" >"$T/group.ini"
	chmod 600 "$T/group.ini"
	run 0 -c "$T/group.ini" new "$T/b" --candidate B
	[ "$(stat -c '%a' "$T/b")" = 2770 ] || fail "[workbook] group not used: $(stat -c '%a' "$T/b")"
	run 0 -c "$T/group.ini" new "$T/c" --candidate C --group ""
	lacks "$T/out" "shared with"
	[ "$(stat -c '%a' "$T/c/evidence.csv")" = 600 ] || fail "--group \"\" is not private"
	run 1 new "$T/d" --candidate D --group no-such-group-here
	contains "$T/err" "no group \"no-such-group-here\" on this system"
	[ ! -e "$T/d/workbook.ini" ] || fail "a refused new left a workbook"
	run 0 new --help
	contains "$T/out" "--group GROUP"
}

# check says when someone else has unsaved edits pending in the folder (whose
# journal, since when: from the file, never its words), as a note.
test_check_names_others_pending_edits() {
	new_wb "$T/wb"
	printf 'kind,time,user,host,sheet,id,col,before,after\n' >"$T/wb/.capbook-journal-someone-else.csv"
	touch -d '2026-01-15 10:05:00' "$T/wb/.capbook-journal-someone-else.csv"
	run 0 check "$T/wb"
	contains "$T/err" "capbook: $T/wb: note: $(id -un) has unsaved edits pending since 10:05"
	# and it does not stop a save: it is not this user's
	run 0 add "$T/wb" --ref R --summary s
}

# --- the 2004 standards put to work: the map, the specification, the plan, CPD ---

# has FILE TEXT: FILE holds TEXT once its lines are joined (see joined).
has() {
	joined "$1"
	grep -qF -- "$2" "$1.joined" || {
		echo "FAIL: $1 does not hold \"$2\" (lines joined):"
		sed 's/^/  | /' "$1"
		exit 1
	}
}

# fits80 FILE WHAT: every line of FILE fits 80 columns.
fits80() {
	python3 - "$1" "$2" <<'PY'
import sys, unicodedata
for n, line in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n"), 1):
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
    if w > 80:
        sys.exit("%s: line %d is %d columns: %s" % (sys.argv[2], n, w, line))
PY
}

# capbook standards: the whole map with its legend, one area, a generic
# standard, a related standard by its identity (misprints too), an earlier
# number, a category, a search, the CPD kinds; refusals exit 1 or 2.
test_standards_map() {
	run 0 standards
	fits80 "$T/out" "standards"
	contains "$T/out" "A  Managing self and personal skills"
	contains "$T/out" "  A1   Manage your own resources"
	contains "$T/out" "  F12  "
	contains "$T/out" "         RMA RG6        Take responsibility for your business performance and"
	contains "$T/out" "Categories of the specialist and partnership standards"
	contains "$T/out" "  RMRCC    Registered Manager Residential Child Care"
	contains "$T/out" "  VSNTO    read as VSNT0"
	[ "$(grep -c '^  [A-F][0-9][0-9]* ' "$T/out")" = 46 ] || fail "not 46 generic standards"
	[ "$(grep -c '^[A-F]  ' "$T/out")" = 6 ] || fail "not 6 areas"
	run 0 standards B
	contains "$T/out" "B  Providing direction"
	lacks "$T/out" "C1   "
	run 0 standards "msc:a1"
	has "$T/out" "A1 Manage your own resources to make sure you have the personal resources"
	contains "$T/out" "Partnership standards:"
	run 0 standards "RMA:RG6"
	contains "$T/out" "RMA RG6: specialist standard (RMA, Registered Manager Adults)"
	contains "$T/out" "against A1 Manage your own resources"
	run 0 standards "VSNTO: A4"
	contains "$T/out" "VSNT0 A4: specialist standard"
	run 0 standards 14
	has "$T/out" "14 Fostering innovation (a generic standard of the earlier numbering the strategy cites; not tied to A1-F12)"
	run 0 standards RMRCC
	contains "$T/out" "RMRCC: Registered Manager Residential Child Care"
	contains "$T/out" "RMRCC 12"
	run 0 standards --search "make use of supervision"
	contains "$T/out" "DANOS AC2      Make use of supervision. (specialist, against A2)"
	run 1 standards --search "zzzq"
	contains "$T/err" "nothing in the 2004 map matches \"zzzq\""
	run 1 standards ZZ9
	contains "$T/err" "\"ZZ9\" is no area, standard or category of the 2004 map"
	run 2 standards A1 --search x
	run 0 standards --kinds
	contains "$T/out" "shadowing                Shadowing"
	contains "$T/out" "reflective-diary         Reflective learning diary"
}

# The example's specification, every number of its mix counted again here from
# its own CSV: 46 distinct competences; 12 generic (the earlier numbering: 1 9
# 12 13 14 15 17 18 24 25 38 39); 32 standards of the map, 30 listed as
# specialist and 4 as partnership (H 57 and NHSKSF Dimension 2 both ways);
# 2 outside the map (RMA:4, RMA:SNH4U1); 15 requirements besides the whole.
test_spec_prints_the_example() {
	example teamleader
	run 0 spec "$T/teamleader"
	fits80 "$T/out" "spec"
	contains "$T/out" "Person management specification: Nadia"
	contains "$T/out" "Role: Team Leader (first line manager), Children and Families team"
	contains "$T/out" "Level: first line manager"
	contains "$T/out" "Last review 2025-04-01; next due 2026-04-01 (every 12 months)"
	has "$T/out" "Revisions: 2025-10-06 R13; 2025-04-01 whole, R1, R2,"
	has "$T/out" "Mix: 46 distinct competences: 12 generic, 30 specialist, 4 partnership, 0 organisational, 2 outside the map"
	has "$T/out" "This profile has more specialist and partnership competences (34) than generic ones (12)."
	has "$T/out" "All managers will require competences in working in partnership."
	contains "$T/out" "Requirements (15)"
	contains "$T/out" "     RMA:4        [outside the map]"
	contains "$T/out" "     RMA:SNH4U1   [outside the map]"
	contains "$T/out" "     14           Fostering innovation [generic standard (earlier numbering)]"
	contains "$T/out" "     Learning: as above (the whole specification's)"
	[ "$(grep -c '^R[0-9]' "$T/out")" = "$(grep -c '^R[0-9]' "$T/teamleader/spec.csv")" ] ||
		fail "not every requirement printed"
	run 0 spec "$T/teamleader" --format csv
	cp "$T/out" "$T/spec.csv"
	python3 - "$T/spec.csv" <<'PY' >"$T/count"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
seen = {}
for r in rows:
    if r["competence"]:
        seen[(r["kind"], r["code"].replace(" ", "").replace(":", "").upper())] = r["kind"]
kinds = list(seen.values())
generic = sum(k.startswith("generic") for k in kinds)
spec = sum(k.startswith("specialist") for k in kinds)
part = sum("partnership" in k for k in kinds)
out = sum(k == "outside the map" for k in kinds)
reqs = len({r["id"] for r in rows if r["id"] != "whole"})
print(len(seen), generic, spec, part, out, reqs)
PY
	[ "$(cat "$T/count")" = "46 12 30 4 2 15" ] || fail "counted from the CSV: $(cat "$T/count")"
	head -n 1 "$T/spec.csv" | grep -q '^id,requirement,competence,code,kind,title,learning,training,revised' ||
		fail "spec csv header: $(head -n 1 "$T/spec.csv")"
	contains "$T/spec.csv" 'R1,"Negotiation, planning and commissioning'
	run 0 spec "$T/teamleader" --format html
	contains "$T/out" "<h2>Person management specification</h2>"
	contains "$T/out" "<b>RMA RG6</b>"
	python3 -c 'import sys, html.parser; html.parser.HTMLParser().feed(open(sys.argv[1]).read())' "$T/out"
	run 2 spec "$T/teamleader" --format xml
	CAPBOOK_TODAY=2026-04-01 run 0 spec "$T/teamleader"
	contains "$T/out" "next due 2026-04-01, now overdue"
	# a workbook with none of it yet
	new_wb "$T/wb"
	run 0 spec "$T/wb"
	contains "$T/out" "Level: not set ([candidate] level in workbook.ini)"
	contains "$T/out" "Not reviewed yet"
	contains "$T/out" "Requirements (0)"
	[ ! -e "$T/wb/spec.csv" ] || fail "showing the specification made spec.csv"
}

test_spec_add_and_review() {
	example teamleader
	run 0 spec-add "$T/teamleader" --requirement "Chair multi-agency meetings" \
		--competences "RMA:RG6; VSNTO:A4 ; NOPE 1" --learning "as above"
	[ "$(cat "$T/out")" = R16 ] || fail "spec-add printed $(cat "$T/out")"
	contains "$T/err" "competence NOPE 1 is outside the map (kept as written)"
	[ "$(field "$T/teamleader/spec.csv" R16 competences)" = "RMA:RG6; VSNTO:A4; NOPE 1" ] ||
		fail "competences as kept: $(field "$T/teamleader/spec.csv" R16 competences)"
	[ "$(field "$T/teamleader/spec.csv" R16 revised)" = 2026-01-15 ] || fail "R16 not dated today"
	run 0 spec "$T/teamleader"
	has "$T/out" "Mix: 47 distinct competences: 12 generic, 30 specialist, 4 partnership, 0 organisational, 3 outside the map"
	contains "$T/out" "     NOPE 1       [outside the map]"
	has "$T/out" "Revisions: 2026-01-15 R16; 2025-10-06 R13"
	run 0 check "$T/teamleader"
	run 2 spec-add "$T/teamleader" --competences "A1"
	contains "$T/err" "spec-add needs --requirement"
	run 2 spec-add "$T/teamleader" --requirement "x"
	contains "$T/err" "spec-add needs --competences"
	run 1 -r spec-add "$T/teamleader" --requirement x --competences A1
	run 0 spec-review "$T/teamleader" --date 2026-01-10
	[ "$(cat "$T/out")" = "reviewed on 2026-01-10; next due 2027-01-10" ] ||
		fail "spec-review printed $(cat "$T/out")"
	run 0 spec "$T/teamleader"
	contains "$T/out" "Last review 2026-01-10; next due 2027-01-10"
	run 1 spec-review "$T/teamleader" --date 2026-02-30
}

# The plan: 5 targets (T1 done 2025-06-24, T5 done 2025-11-28; T2 due
# 2027-03-31, T4 due 2026-03-31 open; T3 due 2025-12-19 open, so overdue on
# 2026-01-15): 2 done, 3 open, 1 overdue.
test_pdp_prints_adds_and_done() {
	example teamleader
	run 0 pdp "$T/teamleader"
	fits80 "$T/out" "pdp"
	contains "$T/out" "5 targets: 2 done, 3 open, 1 of them overdue on 2026-01-15."
	contains "$T/out" "  T3   OVERDUE (due 2025-12-19); agreed with Service manager"
	contains "$T/out" "  T1   done 2025-06-24; agreed with Service manager"
	contains "$T/out" "  T4   open, due 2026-03-31; agreed with Service manager"
	has "$T/out" "Organisational basics and induction T1"
	has "$T/out" "For: R1 Negotiation, planning and commissioning"
	has "$T/out" "For: RMA B3 Manage the use of financial resources. [specialist standard]"
	run 0 pdp-add "$T/teamleader" --objective "Chair a team meeting" --due 2026-01-10 \
		--link R6 --level discrete --agreed-with "Service manager"
	[ "$(cat "$T/out")" = T6 ] || fail "pdp-add printed $(cat "$T/out")"
	run 0 pdp "$T/teamleader"
	contains "$T/out" "6 targets: 2 done, 4 open, 2 of them overdue on 2026-01-15."
	contains "$T/out" "  T6   OVERDUE (due 2026-01-10)"
	run 0 "done" "$T/teamleader" T6 --date 2026-01-14
	[ "$(cat "$T/out")" = "T6 done on 2026-01-14" ] || fail "done printed $(cat "$T/out")"
	[ "$(field "$T/teamleader/pdp.csv" T6 "done")" = 2026-01-14 ] || fail "T6 not done"
	run 0 pdp "$T/teamleader" --format csv
	contains "$T/out" "T3,discrete,Shadow the commissioning manager through one contract review"
	grep -q '^T3,.*,overdue,R1,' "$T/out" || fail "T3 not overdue in CSV: $(grep '^T3' "$T/out")"
	grep -q '^T6,.*,done,R6,' "$T/out" || fail "T6 not done in CSV: $(grep '^T6' "$T/out")"
	run 0 pdp-add "$T/teamleader" --objective "Read about budgets" --link "XYZ 9"
	contains "$T/err" "link XYZ 9 is neither a specification row nor a competence of the map"
	run 1 pdp-add "$T/teamleader" --objective x --level sideways
	contains "$T/err" "level \"sideways\" is not basics, qualifications or discrete"
	run 1 pdp-add "$T/teamleader" --objective x --due 2026-13-01
	contains "$T/err" "due date \"2026-13-01\" is not YYYY-MM-DD"
	run 1 "done" "$T/teamleader" T99
	contains "$T/err" "no action or development target T99"
	run 0 check "$T/teamleader"
}

# The CPD record on 2026-01-15, 15 days over 3 years at 7.5 hours a day, every
# total counted here from cpd.csv again: the window runs from 2023-01-16; C1
# (2023-01-15) has just left it; 7 activities count; the oldest, C2, leaves
# on 2026-01-16 with its 1 day.
test_cpd_totals_by_hand() {
	example teamleader
	python3 - "$T/teamleader/cpd.csv" <<'PY' >"$T/hand"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
hours = lambda r: float(r["days"] or 0) * 7.5 + float(r["hours"] or 0)
counted = [r for r in rows if "2023-01-16" <= r["date"] <= "2026-01-15"]
total = sum(hours(r) for r in counted)
every = sum(hours(r) for r in rows if r["date"] <= "2026-01-15")
oldest = min(counted, key=lambda r: r["date"])
fmt = lambda v: ("%.2f" % v).rstrip("0").rstrip(".")
print(len(counted), fmt(total / 7.5), fmt(total), fmt(15 - total / 7.5), fmt(112.5 - total),
      oldest["id"], fmt(hours(oldest) / 7.5), fmt(every / 7.5), fmt(every))
PY
	[ "$(cat "$T/hand")" = "7 5 37.5 10 75 C2 1 7 52.5" ] || fail "the hand count moved: $(cat "$T/hand")"
	run 0 cpd "$T/teamleader"
	fits80 "$T/out" "cpd"
	contains "$T/out" "Minimum: 15 days over 3 years; a day is 7.5 hours"
	has "$T/out" "On 2026-01-15: 5 days (37.5 hours) counted from 7 activities since 2023-01-16; 10 days (75 hours) short of the minimum"
	has "$T/out" "The oldest counted activity (C2, 2023-01-16) leaves the window on 2026-01-16, taking 1 day (7.5 hours) with it"
	contains "$T/out" "All activities to date: 7 days (52.5 hours)"
	contains "$T/out" "C1   2023-01-15  course  2 days  left the window on 2026-01-15"
	contains "$T/out" "C3   2024-02-29  seminar  3.5 hours  counts until 2027-03-01"
	has "$T/out" "Relates to: R1 Negotiation, planning and commissioning"
	run 0 cpd "$T/teamleader" --format csv
	grep -q '^C1,2023-01-15,.*,no,2026-01-15,' "$T/out" || fail "C1 counts in CSV: $(grep '^C1' "$T/out")"
	grep -q '^C2,2023-01-16,.*,yes,2026-01-16,' "$T/out" || fail "C2 in CSV: $(grep '^C2' "$T/out")"
	run 0 cpd "$T/teamleader" --format html
	contains "$T/out" "<h2>CPD record</h2>"
	# the next day C2 has left: 30 hours, 4 days; the oldest is C3
	CAPBOOK_TODAY=2026-01-16 run 0 cpd "$T/teamleader"
	has "$T/out" "4 days (30 hours) counted from 6 activities since 2023-01-17; 11 days (82.5 hours) short"
	has "$T/out" "(C3, 2024-02-29) leaves the window on 2027-03-01"
	# adding moves the total: 2 days more
	run 0 cpd-add "$T/teamleader" --date 2026-01-14 --activity "Course on supervision" \
		--kind course --days 2 --refs "R6; RMRCC:12; NOPE" --learnt "Supervision agreements"
	[ "$(cat "$T/out")" = C9 ] || fail "cpd-add printed $(cat "$T/out")"
	contains "$T/err" "reference NOPE is neither a specification row nor in the map"
	run 0 cpd "$T/teamleader"
	has "$T/out" "On 2026-01-15: 7 days (52.5 hours) counted from 8 activities since 2023-01-16; 8 days (60 hours) short"
	run 0 cpd-add "$T/teamleader" --activity "Talk on kinship care" --kind "seminar, LECTURE or talk" --hours 1.5
	[ "$(cat "$T/out")" = C10 ] || fail "cpd-add printed $(cat "$T/out")"
	[ "$(field "$T/teamleader/cpd.csv" C10 kind)" = seminar ] || fail "kind not by its code"
	[ "$(field "$T/teamleader/cpd.csv" C10 date)" = 2026-01-15 ] || fail "no date is today"
	run 2 cpd-add "$T/teamleader" --activity x --kind course
	contains "$T/err" "cpd-add needs the time: --days N or --hours N"
	run 1 cpd-add "$T/teamleader" --activity x --kind golf --days 1
	contains "$T/err" "kind \"golf\" is not one of course, seminar"
	run 1 cpd-add "$T/teamleader" --activity x --kind course --days two
	contains "$T/err" "an activity needs its time as a number of days or hours"
	run 1 cpd-add "$T/teamleader" --activity x --kind course --days 1 --evidence E9
	contains "$T/err" "evidence E9 is not an entry here"
	run 0 check "$T/teamleader"
	# no minimum set: every activity counts, no shortfall
	new_wb "$T/wb"
	run 0 cpd-add "$T/wb" --activity "Reading" --kind reading --hours 2
	run 0 cpd "$T/wb"
	contains "$T/out" "Minimum: no minimum; a day is 7.5 hours"
	contains "$T/out" "All activities to date: 0.27 days (2 hours)"
	lacks "$T/out" "short"
}

# The report carries the three, in each format, after what it printed before;
# a workbook without them reports as it did.
test_report_has_the_three() {
	example teamleader
	run 0 report "$T/teamleader"
	fits80 "$T/out" "report teamleader"
	contains "$T/out" "Person management specification: Nadia"
	contains "$T/out" "Personal development plan: Nadia"
	contains "$T/out" "CPD record: Nadia"
	has "$T/out" "5 days (37.5 hours) counted from 7 activities"
	[ "$(grep -n 'Person management specification' "$T/out" | cut -d: -f1)" -gt \
		"$(grep -n '^Evidence and sign-offs' "$T/out" | cut -d: -f1)" ] || fail "the specification is not after the evidence"
	run 0 report "$T/teamleader" --format csv
	contains "$T/out" "id,requirement,competence,code,kind,title,learning,training,revised"
	contains "$T/out" "id,level,objective,measure,agreed_with,due,done,state,link,link_is"
	contains "$T/out" "id,date,activity,kind,days,hours,counts,leaves,learnt,refs,evidence"
	run 0 report "$T/teamleader" --format html
	contains "$T/out" "<h2>Personal development plan</h2>"
	[ "$(tail -n 2 "$T/out" | tr -d '\n')" = '</body></html>' ] || fail "the page does not end the body last"
	example fred
	for fmt in text csv html; do
		run 0 report "$T/fred" --format $fmt
		lacks "$T/out" "Person management specification"
		lacks "$T/out" "Personal development plan"
		lacks "$T/out" "id,requirement,competence"
	done
}

test_plans_help_and_completion() {
	for c in standards spec spec-add spec-review pdp pdp-add cpd cpd-add; do
		run 0 "$c" --help
		head -n 1 "$T/out" | grep -q "^usage: capbook $c " || fail "$c --help: $(head -n 1 "$T/out")"
	done
	command -v bash >/dev/null 2>&1 || { echo "bash not installed"; exit 77; }
	example teamleader
	CAPBOOK_BIN=$CAPBOOK bash -c '
		set -u
		. "$1/cli/capbook.bash"
		c() {
			COMP_WORDS=("$CAPBOOK_BIN" "$@")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_capbook
			printf "%s\n" "${COMPREPLY[*]}"
		}
		want() { [ "$1" = "$2" ] || { echo "completing $3: got \"$1\", wanted \"$2\""; exit 1; }; }
		want "$(c spec-a)" "spec-add" "spec-a"
		want "$(c cpd-a)" "cpd-add" "cpd-a"
		want "$(c cpd-add "$2" --kind sha)" "shadowing" "--kind sha"
		want "$(c pdp-add "$2" --level "")" "basics qualifications discrete" "--level"
		want "$(c spec "$2" --format "")" "text csv html" "spec --format"
		want "$(c standards --k)" "--kinds" "standards --k"
	' sh "$REPO" "$T/teamleader" >"$T/out" 2>&1 || fail "$(cat "$T/out")"
}

# --- runner ----------------------------------------------------------------------

tests="
test_new_add_check_gaps
test_add_prints_ids_and_refuses_unknown_refs
test_check_examples
test_broken_row_reported_with_line
test_add_succeeds_beside_a_bad_row
test_add_never_reuses_the_id_of_a_bad_row
test_utf16_and_zip_refused
test_usage_errors
test_gaps_csv_grid_plan_report_frameworks
test_transfer_rashid
test_link_revamp_unit_session_action_done
test_escape_sequences_never_reach_the_terminal
test_dash_file_name
test_read_only_refuses
test_new_files_are_private
test_caseload_report
test_single_evidence_csv
test_excel_style_file_kept
test_config_file_is_read_and_checked
test_new_refused_leaves_nothing
test_caseload_check_finds_the_broken_one
test_text_output_fits_80_columns
test_workbook_ini_problems_have_lines
test_every_command_has_help
test_frameworks_id_and_codes
test_bash_completion
test_sign_then_edit_then_check
test_sign_survives_a_libreoffice_resave
test_history_grows_and_check_catches_tampering
test_sign_refused_unless_an_assessor
test_sign_by_default_unsign_and_own_login
test_report_pack_text_and_csv
test_new_refuses_an_unknown_pathway
test_saves_identical_and_old_rows_quoted_once
test_check_names_spreadsheet_damage
test_standards_map_refused_once
test_special_files_refused
test_max_file_size
test_symbolic_links_inside_the_workbook
test_ini_files_bounded_and_reported
test_unreadable_input_exit_2_everywhere
test_empty_lock_taken_over
test_config_problems_reported
test_conflict_record_reported_by_check
test_config_named_must_exist
test_check_reports_key_bindings
test_edit_refused_on_an_unreadable_sheet
test_add_prints_the_renumbered_id
test_broken_lock_note_says_so
test_new_shared_with_a_group
test_check_names_others_pending_edits
test_gaps_say_which_stage_is_missing
test_grid_says_its_cell_rule
test_standards_map
test_spec_prints_the_example
test_spec_add_and_review
test_pdp_prints_adds_and_done
test_cpd_totals_by_hand
test_report_has_the_three
test_plans_help_and_completion
"

# Run a subset: CLI_TESTS="test_check_examples test_usage_errors" sh tests/cli/run.sh ./capbook
[ -n "${CLI_TESTS:-}" ] && tests=$CLI_TESTS

# shellcheck disable=SC2086 # one word a test
run_tests test_ $tests
