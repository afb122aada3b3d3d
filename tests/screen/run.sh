#!/bin/sh
# tests/screen/run.sh — the screen tests: sh tests/screen/run.sh PATH_TO_CAPBOOK,
# run from the repository root. Each test drives the real full-screen program
# in tmux (a private server, never the user's), sends keys and polls the
# captured screen for what should appear; nothing waits by sleeping alone.
# Prints "ok - name" or "not ok - name" per test, then "N passed, M failed";
# exits 1 if any failed. Works on copies of data/examples in a temporary
# folder; data/ is never touched.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/screen/run.sh PATH_TO_CAPBOOK" >&2
	exit 2
fi
case $1 in
/*) CAPBOOK=$1 ;;
*) CAPBOOK=$PWD/$1 ;;
esac
if [ ! -x "$CAPBOOK" ]; then
	echo "tests/screen/run.sh: $CAPBOOK is not an executable" >&2
	exit 2
fi
for tool in tmux python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "tests/screen/run.sh: $tool is needed for the screen tests" >&2
		exit 2
	fi
done
# the system's python starts in a tenth of the time a version manager's shim takes
PYTHON=python3
[ -x /usr/bin/python3 ] && PYTHON=/usr/bin/python3
REPO=$PWD
EXAMPLES=$REPO/data/examples

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-screen.XXXXXX")
# the private tmux server and the helpers that drive capbook in it
. "$REPO/tests/tmux.sh"
trap 'tmux_server_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

# Nothing of the user's: no config, no data folder, a fixed date, a fixed locale.
export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LANG=C.UTF-8
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR ESCDELAY LINES COLUMNS TMUX 2>/dev/null || true
mkdir -p "$HOME"

tmux_server_start

# --- helpers (used inside the tests, which run with set -e in a subshell) ---

# run, contains and the runner; fail is this script's own (it shows the screen)
. "$REPO/tests/lib.sh"

fail() {
	echo "FAIL: $*"
	if [ -n "${S:-}" ] && T has-session -t "$S" 2>/dev/null; then
		echo "screen was:"
		T capture-pane -p -t "$S" | sed 's/^/  | /'
	fi
	exit 1
}

# new_entry TEXT: on the main screen, opens the entry form (a) and types TEXT
# into the summary.
new_entry() {
	keys a
	wait_for "New entry"
	keys Tab Tab Tab
	wait_for "Enter new line"
	typed "$1"
}

# entry_detail: in the Evidence pane below 40 rows, makes the detail area show
# the selected entry (the entry-detail key), not what Evidence is linked to.
entry_detail() {
	keys i
	wait_for "detail area: the selected entry"
}

# quit_clean: q quits at once (nothing unsaved) with status 0.
quit_clean() {
	keys q
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc after q, wanted 0"
}

# copy_examples FROM TO: a copy without the lock or journal of a capbook that
# may have data/examples open right now.
copy_examples() {
	cp -R "$1" "$2"
	find "$2" -name '.capbook*' -exec rm -f {} +
}

example() {
	[ -d "$EXAMPLES/$1" ] || fail "data/examples/$1 does not exist"
	copy_examples "$EXAMPLES/$1" "$T/$1"
}

# field CSV ID COLUMN: the value of COLUMN in the row whose id is ID.
field() {
	"$PYTHON" - "$1" "$2" "$3" <<'EOF'
import csv, sys
path, key, col = sys.argv[1:4]
with open(path, newline='', encoding='utf-8-sig') as f:
    for r in csv.DictReader(f):
        if r.get('id') == key:
            sys.stdout.write(r[col])
            sys.exit(0)
sys.exit("no row %s in %s" % (key, path))
EOF
}

# no_colour_sgr FILE: FILE (capture-pane -e) sets no foreground or background
# colour (39 and 49, "default colour", are allowed).
no_colour_sgr() {
	"$PYTHON" - "$1" <<'EOF'
import re, sys
data = open(sys.argv[1], encoding='utf-8', errors='replace').read()
bad = []
for m in re.finditer(r'\x1b\[([0-9;:]*)m', data):
    ps = [p for p in re.split('[;:]', m.group(1)) if p]
    for p in ps:
        v = int(p)
        if 30 <= v <= 38 or 40 <= v <= 48 or 90 <= v <= 97 or 100 <= v <= 107:
            bad.append(m.group(0).replace('\x1b', '^['))
            break
if bad:
    sys.exit("colour SGR found: " + " ".join(sorted(set(bad))[:10]))
EOF
}

# ascii_only FILE: no byte above 0x7F.
ascii_only() {
	extra=$(LC_ALL=C tr -d '\000-\177' <"$1" | wc -c)
	if [ "$extra" -ne 0 ]; then
		echo "FAIL: $extra bytes above 0x7F in:"
		LC_ALL=C grep -n "$(printf '[\200-\377]')" "$1" | sed 's/^/  | /'
		exit 1
	fi
}

# --- tests ---------------------------------------------------------------------

# With no PATH the demo opens (here a copy in the user's data folder, so the
# shipped data/ is never touched).
test_demo_three_panes_80x24() {
	mkdir -p "$XDG_DATA_HOME/capbook/examples"
	rm -rf "$XDG_DATA_HOME/capbook/examples/freda"
	copy_examples "$EXAMPLES/freda" "$XDG_DATA_HOME/capbook/examples/freda"
	start 80 24
	wait_for "Capabilities"
	wait_for "NOS units"
	wait_for "Evidence ("
	wait_for "Detail"
	wait_for "Freda"
	wait_for "SLF Self-leadership"
	wait_for "A1"
	[ "$(screen | wc -l)" -eq 24 ] || fail "screen is not 24 lines"
	# the key hints fit: help and quit are not cut off
	screen | tail -n 1 | grep -qF "? help  q quit" || fail "key hints cut: $(screen | tail -n 1)"
	quit_clean
	rm -rf "$XDG_DATA_HOME/capbook/examples/freda"
}

# A new, empty workbook says how to begin.
test_new_workbook_empty() {
	"$CAPBOOK" new "$T/wb" --candidate "Ann Example" >"$T/out" 2>&1 || fail "capbook new: $(cat "$T/out")"
	start 80 24 "$T/wb"
	wait_for "Ann Example"
	wait_for "0 entries"
	wait_for "no entries yet (a adds one)"
	quit_clean
}

# Freda: select self-leadership, A1.1 is marked as mapped directly in the NOS
# pane, Evidence is filtered to what links to it; then A1's mapping grid.
test_freda_supervision_focus() {
	example freda
	start 80 24 "$T/freda"
	wait_for "linked to VIS"
	keys Tab
	wait_for "[NOS units]"
	keys Enter # expand A1 (the candidate's units come first)
	wait_for "A1.1"
	keys BTab
	wait_for "[Capabilities]"
	keys Down # Self-leadership
	wait_for "linked to SLF"
	# A1.1 carries the direct-link mark in the NOS pane
	wait_line "│◆" "A1.1"
	screen | grep -F "A1.1" | grep -qF "│◆" || fail "A1.1 not marked direct"
	# Evidence filtered: fewer than all 24 entries, direct (=) and mapped (◆) told apart
	line=$(screen | grep -F "Evidence (")
	case $line in
	*"(24,"*) fail "Evidence not filtered: $line" ;;
	esac
	wait_line "= E1 " "actual"
	wait_line "◆ E3 " "actual"
	keys Enter # themes
	wait_for "SLF.2 Improving"
	# a theme's indicator at the target stage, and the whole text on Enter
	keys j j
	wait_for "AC accomplished: I am aware of my own leadership style"
	wait_for "Detail (more: Enter shows all of it)"
	keys s # every stage: the target stage still first
	wait_for "AC accomplished: I am aware of my own leadership style"
	keys Enter
	wait_for "capbook  SLF.2 Improving own leadership"
	wait_joined "colleagues both within and outwith the organisation."
	wait_for "EM emerging: I reflect on my leadership approach"
	wait_for "ES established: I actively seek feedback"
	keys Escape
	wait_for "[Capabilities]"
	keys s
	keys Tab
	wait_for "[NOS units]"
	wait_for "Maps to: SLF (direct)." # once, though A1 and A1.1 both map to it
	keys g
	wait_for "mapping grid of A1"
	wait_line "A1.1" "◆ 8/1" # every entry naming A1.1 counts for SLF through its link
	wait_for "◆ direct link, ◇ indirect, · none"
	# the legend, wrapped rather than cut, says the cell rule as capbook grid does
	wait_joined "entries that name the row and count for the capability (by naming it, or through the row's or its unit's link)"
	# the log sheet: entries under each element, in aligned columns
	keys L
	wait_for "log sheet of A1"
	screen >"$T/log.txt"
	col=$(awk '/^  E6 /  { print index($0, "Supervision records") }
		/^  E7 /  { print index($0, "Audit report") }
		/^  E13 / { print index($0, "Self-assessment") }' "$T/log.txt" | sort -u)
	[ "$(echo "$col" | wc -l)" -eq 1 ] && [ "$col" -gt 0 ] ||
		fail "the log sheet's summaries do not start in one column: $col"
	keys Escape
	wait_for "[NOS units]"
	quit_clean
}

# A new entry typed in the form: a two-line summary with é and a comma, saved,
# and read back from the command line.
# An entry added while linking is on, but not linked to the selection: linking
# goes off so that it shows, selected, and the Evidence title says so.
test_add_unlinked_entry_shows() {
	example freda
	start 80 24 "$T/freda"
	wait_for " Evidence (3, linked to VIS)"
	keys a
	wait_for "Indicators    VIS"
	keys Tab Tab Tab
	wait_for "Enter new line"
	typed "Rota review with the night staff"
	keys Tab Tab
	keys C-e C-u
	typed "EMP.1"
	wait_for "Indicators    EMP.1"
	keys C-s
	wait_for "E25 added (w saves the workbook; linking off to show it)"
	wait_for "[Evidence (25, all entries)]"
	row=$(screen | grep -n "E25 .*Rota review" | cut -d: -f1)
	[ -n "$row" ] || fail "E25 not on the screen"
	wait_cursor $((row - 1))
	keys q
	wait_for "Save changes before quitting?"
	keys n
	wait_exit
}

test_add_entry_and_read_back() {
	example freda
	start 80 24 "$T/freda"
	wait_for "24 entries"
	keys a
	wait_for "New entry"
	wait_for "Indicators    VIS"
	keys Tab Tab # Date, Portfolio ref
	typed "P/099"
	keys Tab
	wait_for "Enter new line"
	typed "Chaired the forum, café"
	keys Enter
	typed "second line"
	wait_for "second line"
	keys C-s
	wait_for "E25 added"
	wait_for "25 entries | modified"
	keys w
	wait_for "25 entries | saved"
	quit_clean
	got=$(field "$T/freda/evidence.csv" E25 summary)
	want=$(printf 'Chaired the forum, caf\303\251\nsecond line')
	[ "$got" = "$want" ] || fail "summary read back as \"$got\""
	[ "$(field "$T/freda/evidence.csv" E25 ref)" = P/099 ] || fail "ref not P/099"
	[ "$(field "$T/freda/evidence.csv" E25 indicators)" = VIS ] || fail "indicators not VIS"
	[ "$(field "$T/freda/evidence.csv" E25 date)" = 2026-01-15 ] || fail "date not today"
	"$CAPBOOK" check "$T/freda" >"$T/out" 2>&1 || fail "capbook check: $(cat "$T/out")"
	"$CAPBOOK" report "$T/freda" >"$T/out" 2>&1 || fail "capbook report failed"
	grep -qF "Chaired the forum, café" "$T/out" || fail "report lacks the summary"
	grep -qF "second line" "$T/out" || fail "report lacks the second line"
}

# The form's editor: UTF-8-aware cursor moves and word-wise moves.
test_form_editing() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	# Status: a letter picks it, anything else is refused, not typed in
	keys p
	wait_for "Status        planned"
	keys z
	wait_for "status: p planned, a actual"
	wait_for "Status        planned"
	keys a
	wait_for "Status        actual"
	# a one-line field longer than the screen scrolls sideways with the cursor
	keys Tab Tab
	typed "word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11 word12"
	wait_line "Portfolio ref" "word12"
	keys C-a
	wait_line "Portfolio ref" "word01"
	keys Tab
	wait_for "Enter new line"
	typed "café au lait"
	wait_for "Summary       café au lait"
	keys C-Left
	typed "X"
	wait_for "café au Xlait"
	keys C-Left C-Left C-Left
	typed "Y"
	wait_for "Ycafé au Xlait"
	keys C-Right Left
	typed "Z"
	wait_for "YcafZé au Xlait"
	keys C-e BSpace BSpace
	wait_for "YcafZé au Xla"
	wait_gone "Xlait"
	# the element picker: type-ahead over codes and titles
	keys Tab
	wait_for "F2 pick from list"
	keys F2
	wait_for "Esc cancels"
	typed "supervision"
	wait_for "A1.2"
	wait_gone "A1.1"
	keys Space Enter
	# A1.2 marked joins A1, the NOS selection the form was pre-filled with
	wait_for "Elements      A1; A1.2"
	keys Escape
	wait_for "Discard this entry"
	keys y
	wait_for "NOS units"
	quit_clean
}

# A long paste into the summary arrives whole, wraps at words, and is saved.
test_paste_long_text() {
	example freda
	long=$("$PYTHON" -c "print(' '.join('w%04d' % i for i in range(800)), end='')")
	start 80 24 "$T/freda"
	wait_for "NOS units"
	new_entry "$long"
	wait_line "w0790 w0791" "w0799"
	keys C-s
	wait_for "E25 added"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "$long" ] || fail "the pasted text was not saved whole"
}

# ^O edits the summary in $EDITOR: a private file in the workbook folder, the
# editor run without a shell, the form back on screen after.
test_summary_in_editor() {
	example freda
	cat >"$T/ed.sh" <<EOF
#!/bin/sh
stat -c %a "\$1" >'$T/ed.mode'
dirname "\$1" >'$T/ed.dir'
printf 'edited in the editor, \303\247a va\n' >>"\$1"
EOF
	chmod +x "$T/ed.sh"
	start 80 24 "EDITOR=$T/ed.sh" -- "$T/freda"
	wait_for "NOS units"
	new_entry "typed first"
	wait_for "typed first"
	keys C-o
	wait_for "edited in the editor, ça va"
	wait_for "New entry"
	wait_for "Signed on"
	[ "$(cat "$T/ed.mode")" = 600 ] || fail "the editor's file has mode $(cat "$T/ed.mode")"
	[ "$(cat "$T/ed.dir")" = "$(cd "$T/freda" && pwd -P)" ] ||
		fail "the editor's file is in $(cat "$T/ed.dir")"
	keys C-s
	wait_for "E25 added"
	keys w
	wait_for "| saved"
	quit_clean
	want=$(printf 'typed first\nedited in the editor, \303\247a va')
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "$want" ] ||
		fail "summary saved as \"$(field "$T/freda/evidence.csv" E25 summary)\""
	if ls -a "$T/freda" | grep -q capbook-edit; then
		fail "the editor's file was left behind: $(ls -a "$T/freda")"
	fi
}

# Escape sequences in a cell are shown as placeholders, never sent raw.
test_escape_bytes_shown_safely() {
	example freda
	evil=$(printf 'Evil \033[31mred\033[0m \033]2;pwned\007 \033[2J end')
	"$CAPBOOK" add "$T/freda" --ref "$(printf 'R\033[7m1')" --summary "$evil" --elements A1.1 >"$T/out" ||
		fail "capbook add failed"
	# without colour of its own, any colour on screen would be the cell's
	start 80 24 NO_COLOR=1 -- "$T/freda"
	wait_for "NOS units"
	keys /
	typed "Evil"
	keys Enter
	wait_for "[Evidence"
	entry_detail
	wait_for "Evil ^[[31mred^[[0m ^[]2;pwned^G ^[[2J end"
	wait_for "ref R^[[7m1"
	T capture-pane -p -e -t "$S" >"$T/e.txt"
	no_colour_sgr "$T/e.txt" || fail "the cell's own colour escape reached the terminal"
	title=$(T display-message -p -t "$S" '#{pane_title}')
	case $title in *pwned*) fail "the cell set the window title" ;; esac
	screen | grep -q "Evil" || fail "summary not shown"
	wait_for "NOS units" # the screen was not cleared by the cell's ESC[2J
	quit_clean
}

# Revamp: a planned entry becomes a new actual one, pre-filled and linked.
test_revamp_planned_entry() {
	example freda
	start 80 24 "$T/freda"
	wait_for "24 entries"
	keys /
	typed "E13"
	keys Enter
	wait_for "[Evidence"
	wait_line "E13" "planned" "2026-01-20"
	entry_detail
	keys r
	wait_for "Revamp E13"
	wait_for "Status        actual"
	wait_for "Self-assessment"
	typed " Done."
	keys C-s
	wait_for "E25 added"
	# the search put linking off to show E13; the Evidence title says so still
	wait_for "[Evidence (25, all entries)]"
	wait_for "revamps E13"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E25 revamps)" = E13 ] || fail "E25 does not revamp E13"
	[ "$(field "$T/freda/evidence.csv" E25 status)" = actual ] || fail "E25 not actual"
	[ "$(field "$T/freda/evidence.csv" E13 status)" = planned ] || fail "E13 no longer planned"
	[ "$(field "$T/freda/evidence.csv" E25 indicators)" = "$(field "$T/freda/evidence.csv" E13 indicators)" ] ||
		fail "E25 lost E13's indicators"
	field "$T/freda/evidence.csv" E25 summary | grep -qF "Done." || fail "typed text not saved"
}

# Cross-reference (Fred): E3 also counts for vision, in two keystrokes.
test_cross_reference() {
	example fred
	before=$(field "$T/fred/evidence.csv" E3 indicators)
	case $before in *VIS*) fail "E3 already names VIS" ;; esac
	start 80 24 "$T/fred"
	wait_for "linked to VIS"
	keys Tab # NOS: Evidence follows it, A1's entries
	wait_for "linked to A1"
	keys Tab
	wait_for "[Evidence"
	entry_detail
	keys /
	typed "E3"
	keys Enter
	wait_for "E3 actual"
	wait_for "linked to A1" # E3 was there: linking stays on
	keys c
	wait_for "E3 also counts for: (c) VIS  (n) A1  Esc cancels"
	keys c
	wait_for "E3 now also counts for VIS"
	wait_for "VIS" 
	keys w
	wait_for "| saved"
	quit_clean
	after=$(field "$T/fred/evidence.csv" E3 indicators)
	case $after in
	*VIS*) ;;
	*) fail "E3's indicators are \"$after\"" ;;
	esac
}

# n/a asks why; sign-off records who and when; a unit's status from NOS.
test_status_sign_off_unit() {
	example freda
	start 80 24 "$T/freda"
	wait_for "linked to VIS"
	keys Tab Tab # A1's entries, E1 first
	wait_for "[Evidence (20, linked to A1)]"
	entry_detail
	keys t
	wait_for "Status: (p)lanned (a)ctual"
	keys n
	wait_for "Why is it not applicable?"
	typed "Not about vision after all"
	keys Enter
	# E1 is signed off (by Joseph, in the example): changing it voids that
	wait_for "E1 is signed off: void it to change its status and rationale? (y)es (n)o"
	keys y
	wait_for "E1 is now na; its sign-off is voided"
	wait_line "= E1 " "n/a"
	wait_for "Rationale: Not about vision after all"
	keys o
	wait_for "Signed off by:"
	keys C-u
	typed "Joseph Bloggs"
	keys Enter
	wait_for "On (YYYY-MM-DD):"
	keys Enter
	wait_for "E1 signed off by Joseph Bloggs on 2026-01-15"
	keys BTab
	wait_for "[NOS units]"
	keys j j j j j j # A3, not chosen
	wait_line "A3" "Actively engage"
	keys t
	wait_for "Unit status:"
	keys p
	wait_line "A3" "planned"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E1 status)" = na ] || fail "E1 not na"
	[ "$(field "$T/freda/evidence.csv" E1 rationale)" = "Not about vision after all" ] ||
		fail "E1's rationale lost"
	[ "$(field "$T/freda/evidence.csv" E1 signed_by)" = "Joseph Bloggs" ] || fail "E1 not signed"
	[ "$(field "$T/freda/evidence.csv" E1 signed_on)" = 2026-01-15 ] || fail "E1 sign-off date"
	grep -q '^A3,planned' "$T/freda/units.csv" || fail "A3 not planned in units.csv: $(cat "$T/freda/units.csv")"
}

# o signs with a digest (a mark in Evidence, a line in the detail); editing the
# signed entry says so, asks, and voids the sign-off; H shows the history with
# the sign-off and the void. A refusal (not among [candidate] assessors) is said
# at once, before any question.
test_sign_edit_void_history() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence (20, linked to A1)]"
	entry_detail
	keys j j
	wait_for "E3 actual 2025-03-10 ref P/016"
	keys o
	wait_for "Signed off by:"
	keys C-u
	typed "Ann Assessor"
	keys Enter
	wait_for "On (YYYY-MM-DD):"
	keys Enter
	wait_for "E3 signed off by Ann Assessor on 2026-01-15"
	wait_line "= E3 " "✓actual"
	wait_for "Sign-off: signed off by Ann Assessor on 2026-01-15"
	keys w
	wait_for "| saved"
	[ "$(field "$T/freda/evidence.csv" E3 signed_login)" = "$(id -un)" ] || fail "no signed_login"
	[ -n "$(field "$T/freda/evidence.csv" E3 signed_digest)" ] || fail "no digest"
	keys e
	wait_for "Edit E3; signed off: a change voids the sign-off"
	keys Tab Tab Tab C-e
	typed " Revised."
	wait_for "workload. Revised."
	keys C-s
	wait_for "E3 is signed off: void it to change its summary? (y)es (n)o"
	keys n
	wait_for "E3 unchanged: still signed off"
	keys C-s
	wait_for "E3 is signed off: void it to change its summary? (y)es (n)o"
	keys y
	wait_for "E3 changed, its sign-off voided"
	wait_for "Sign-off: sign-off voided"
	keys w
	wait_for "| saved"
	keys H
	wait_for "history of E3"
	wait_line "$(id -un)" "signed"
	wait_line "$(id -un)" "sign-off voided"
	wait_line "$(id -un)" "changed summary"
	keys Escape
	wait_for "[Evidence"
	quit_clean
	[ -z "$(field "$T/freda/evidence.csv" E3 signed_by)" ] || fail "E3 still signed"
	field "$T/freda/evidence.csv" E3 summary | grep -qF "Revised." || fail "the edit was not saved"
	grep -q ',evidence.csv,E3,sign-off voided,' "$T/freda/history.csv" || fail "the void is not in history.csv"
	"$CAPBOOK" check "$T/freda" >/dev/null 2>&1 || fail "check is not clean after the void"
	# one not among the assessors is refused at once
	sed 's/^supervisor = .*/&\nassessors = nobody-here/' "$T/freda/workbook.ini" >"$T/ini"
	cp "$T/ini" "$T/freda/workbook.ini"
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence (20, linked to A1)]"
	keys j j o
	wait_for "E3 not signed off: you are logged in as $(id -un), and [candidate] assessors names"
	screen | grep -qF "Signed off by:" && fail "asked who signs before refusing"
	quit_clean
}

# An entry changed in a spreadsheet after it was signed: a mark in Evidence
# (ASCII too) and the detail naming the field.
test_changed_since_signed_marked() {
	example freda
	"$CAPBOOK" sign "$T/freda" E3 --by "Ann Assessor" >/dev/null 2>&1 || fail "sign failed"
	"$PYTHON" - "$T/freda/evidence.csv" <<'PY'
import csv, sys
p = sys.argv[1]
with open(p, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
i = rows[0].index('date')
for r in rows[1:]:
    if r[0] == 'E3':
        r[i] = '2025-03-11'
with open(p, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
PY
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence (20, linked to A1)]"
	entry_detail
	keys j j
	wait_line "= E3 " "✗actual"
	wait_joined "Sign-off: signed off by Ann Assessor on 2026-01-15; changed since: date"
	quit_clean
	start 80 24 -- --ascii "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence (20, linked to A1)]"
	wait_line "E3 " "!actual"
	wait_line "E1 " "sactual"
	quit_clean
}

# R writes the report into the workbook folder: the whole pack from Evidence,
# the selected unit's log sheet from NOS.
test_report_key_writes_reports() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys R
	wait_for "report written: reports/Freda-2026-01-15.html in freda"
	grep -qF "Unit mapping summary table" "$T/freda/reports/Freda-2026-01-15.html" ||
		fail "the report lacks the unit mapping summary table"
	[ "$(stat -c %a "$T/freda/reports/Freda-2026-01-15.html")" = 600 ] || fail "report mode"
	keys Tab
	wait_for "[NOS units]"
	keys R
	wait_for "report written: reports/Freda-A1-2026-01-15.html in freda"
	grep -qF "Reference log sheet: A1" "$T/freda/reports/Freda-A1-2026-01-15.html" ||
		fail "the unit's report lacks its log sheet"
	grep -qF "Unit mapping summary table" "$T/freda/reports/Freda-A1-2026-01-15.html" &&
		fail "the unit's report holds the whole pack"
	quit_clean
}

# The form survives resizing: 60x20, 200x50, too small and back; still usable.
test_resize_with_form_open() {
	example freda
	start 80 24 "$T/freda"
	wait_for "24 entries"
	new_entry "Typed before resizing"
	wait_for "Typed before resizing"
	resize 60 20
	wait_line "Summary" "Typed before resizing"
	wait_for "Indicators"
	typed " at 60"
	wait_for "resizing at 60"
	resize 200 50
	wait_line "Summary" "Typed before resizing at 60"
	wait_for "Signed on"
	typed " and 200"
	wait_for "resizing at 60 and 200"
	# at 40x12 the form scrolls to the field being edited
	resize 40 12
	wait_for "^S save  Esc cancel"
	keys Tab Tab Tab Tab Tab
	typed "2026-01-16"
	wait_line "Signed on" "2026-01-16"
	keys BTab BTab BTab BTab BTab
	wait_line "Summary" "Typed before"
	resize 39 11
	wait_for "terminal too small (39x11, need 40x12)"
	resize 80 24
	wait_line "Summary" "resizing at 60 and 200"
	keys C-s
	wait_for "E25 added"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E25 signed_on)" = 2026-01-16 ] || fail "signed_on lost"
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "Typed before resizing at 60 and 200" ] ||
		fail "summary saved as \"$(field "$T/freda/evidence.csv" E25 summary)\""
}

# Below 40x12 q still quits, asking first (where the question can be read)
# when something is unsaved.
test_quit_when_too_small() {
	example freda
	start 80 24 "$T/freda"
	wait_for "24 entries | saved"
	new_entry "Unsaved when the window shrank"
	keys C-s
	wait_for "25 entries | modified"
	resize 30 10
	wait_for "terminal too small"
	wait_for "need 40x12)"
	keys q
	wait_for "Save changes"
	keys c
	wait_gone "Save changes"
	[ ! -s "$T/rc" ] || fail "capbook exited on cancel"
	keys C-c
	wait_for "Save changes"
	keys y
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "Unsaved when the window shrank" ] ||
		fail "not saved on quit: \"$(field "$T/freda/evidence.csv" E25 summary)\""
}

# A prompt on the status line survives resizing, too small included.
test_prompt_survives_resize() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys /
	typed "360"
	wait_for "/360"
	resize 60 20
	wait_for "/360"
	resize 39 11
	wait_for "terminal too small (39x11, need 40x12)"
	resize 200 50
	wait_for "/360"
	typed "-degree"
	wait_for "/360-degree"
	keys Enter
	wait_for "E2 actual" # 50 rows: the detail area shows the entry
	resize 80 24
	wait_for "Detail of the Capabilities selection (i: the entry here)"
	wait_line "E2" "actual" "360-degree"
	entry_detail
	wait_for "E2 actual"
	quit_clean
}

# The main screen at other sizes, too small, and back.
test_too_small_and_back() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	resize 60 20
	wait_for "Detail"
	# the hints start with what matters most: help and quit show
	wait_for "? help  q quit"
	# one pane at a time, and the title says where Tab leads
	wait_for "[Capabilities]  Tab: NOS units"
	keys Tab
	wait_for "[NOS units]  Tab: Evidence"
	keys BTab
	wait_for "[Capabilities]"
	resize 39 11
	wait_for "terminal too small (39x11, need 40x12)"
	wait_gone "Detail"
	keys j # keys while too small do nothing harmful
	resize 40 12
	wait_for "Detail"
	wait_gone "terminal too small"
	resize 200 50
	wait_for "NOS units"
	wait_for "Evidence ("
	wait_for "Capabilities"
	resize 80 24
	wait_for "NOS units"
	quit_clean
}

test_no_color_has_no_colour_sgr() {
	example freda
	# with colour, the same screen does show colour: the check means something
	start 80 24 "$T/freda"
	wait_for "NOS units"
	T capture-pane -p -e -t "$S" >"$T/colour.txt"
	if no_colour_sgr "$T/colour.txt" >/dev/null 2>&1; then
		fail "no colour even without NO_COLOR: the check below would prove nothing"
	fi
	quit_clean
	T kill-session -t "$S"
	printf '[ui]\ncolor = never\n' >"$T/mono.ini"
	chmod 600 "$T/mono.ini"
	for how in NO_COLOR=1 --no-color config; do
		case $how in
		config) start 80 24 -- -c "$T/mono.ini" "$T/freda" ;;
		--*) start 80 24 -- "$how" "$T/freda" ;;
		*) start 80 24 "$how" -- "$T/freda" ;;
		esac
		wait_for "NOS units"
		T capture-pane -p -e -t "$S" >"$T/mono.txt"
		no_colour_sgr "$T/mono.txt" || fail "$how: colour on the main screen"
		keys x
		wait_for "gaps up to"
		T capture-pane -p -e -t "$S" >"$T/mono.txt"
		no_colour_sgr "$T/mono.txt" || fail "$how: colour in the gap list"
		keys Escape
		wait_for "NOS units"
		keys a
		wait_for "New entry"
		T capture-pane -p -e -t "$S" >"$T/mono.txt"
		no_colour_sgr "$T/mono.txt" || fail "$how: colour in the form"
		keys Escape
		wait_for "NOS units"
		quit_clean
		T kill-session -t "$S"
	done
}

test_ascii_has_no_byte_above_7f() {
	example freda
	start 80 24 -- --ascii "$T/freda"
	wait_for "NOS units"
	screen >"$T/a.txt"
	keys Enter # expand, so the open/closed marks show
	wait_for "VIS.1"
	screen >>"$T/a.txt"
	keys Tab g
	wait_for "mapping grid of"
	screen >>"$T/a.txt"
	keys Escape p
	wait_for "unit planner"
	wait_joined "that the unit links to; (i) indirect" # the legend wraps
	screen >>"$T/a.txt"
	keys Escape x
	wait_for "gaps up to"
	screen >>"$T/a.txt"
	keys Escape v
	wait_for "coverage"
	keys G # the last theme: the units and the legend below it show
	wait_joined "numbers: the actual counts of the unit's mapping grid added up" # the legend wraps
	screen >>"$T/a.txt"
	keys Escape '?'
	wait_for "help"
	screen >>"$T/a.txt"
	keys Escape S
	wait_for "S1"
	screen >>"$T/a.txt"
	keys Escape a
	wait_for "New entry"
	keys Tab Tab
	typed "café"
	keys Tab
	typed "naïve “quoted” – dash"
	wait_for "quoted"
	screen >>"$T/a.txt"
	ascii_only "$T/a.txt"
	# the typed letters are kept as typed, only shown folded
	keys C-s
	wait_for "E25 added"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "naïve “quoted” – dash" ] ||
		fail "summary saved as \"$(field "$T/freda/evidence.csv" E25 summary)\""
	# narrow, one pane at a time, and ASCII from [ui] ascii = true
	printf '[ui]\nascii = true\n' >"$T/ascii.ini"
	chmod 600 "$T/ascii.ini"
	start 60 20 -- -c "$T/ascii.ini" "$T/freda"
	wait_for "Capabilities"
	screen >"$T/b.txt"
	ascii_only "$T/b.txt"
	quit_clean
}

# An assessor's caseload: a folder of workbooks; Enter opens one, back returns.
test_caseload_open_and_back() {
	copy_examples "$EXAMPLES" "$T/caseload"
	start 80 24 "$T/caseload"
	wait_for "caseload:"
	wait_for "7 workbooks"
	wait_for "Freda"
	wait_for "Rashid"
	wait_joined "· nothing. Gaps: themes not met." # wrapped, not cut
	# a bar per capability, a cell per theme in theme order, full when the theme
	# is met at every stage up to the target: Fred has nothing in VIS or COL,
	# SLF but for SLF.4, EMP but for EMP.3 (his gap list's); Freda all of SLF
	wait_line "Fred " "AC" "21  ···· ███·█ ███ ██·█ ··· ███    9"
	wait_line "Freda " "24  ·█·· █████ "
	keys Enter
	wait_for "NOS units"
	wait_gone "caseload:"
	head=$(screen | head -n 1)
	keys b
	wait_for "caseload:"
	keys Down Enter
	wait_for "NOS units"
	[ "$(screen | head -n 1)" != "$head" ] || fail "the second workbook looks like the first"
	keys Escape
	wait_for "caseload:"
	quit_clean
}

# q quits at once when nothing is unsaved, and asks when something is.
test_quit_asks_only_when_unsaved() {
	example fred
	cp "$T/fred/evidence.csv" "$T/before.csv"
	start 80 24 "$T/fred"
	wait_for "NOS units"
	quit_clean
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence"
	keys m
	wait_for "linking off"
	screen | head -n 1 | grep -qF "| linking off" || fail "the header does not say linking is off"
	keys c c
	wait_for "now also counts for VIS"
	wait_for "modified"
	keys q
	wait_for "Save changes before quitting?"
	keys c # cancel: still running
	wait_gone "Save changes before quitting?"
	wait_for "NOS units"
	[ ! -s "$T/rc" ] || fail "capbook exited on cancel"
	keys q
	wait_for "Save changes before quitting?"
	keys n
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc after discarding"
	cmp -s "$T/fred/evidence.csv" "$T/before.csv" || fail "evidence.csv changed after discarding"
}

test_undo_redo() {
	example freda
	start 80 24 "$T/freda"
	wait_for "24 entries | saved"
	new_entry "To be undone"
	keys C-s
	wait_for "25 entries | modified"
	keys u
	wait_for "undone"
	wait_for "24 entries"
	keys C-r
	wait_for "redone"
	wait_for "25 entries"
	keys u
	wait_for "24 entries"
	keys u u u
	wait_for "nothing to undo"
	# every change undone: the files match again, and quit does not ask
	wait_for "24 entries | saved"
	keys C-r
	wait_for "25 entries | modified"
	keys q
	wait_for "Save changes before quitting?"
	keys c
	wait_gone "Save changes before quitting?"
	keys u
	wait_for "24 entries | saved"
	keys q
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
}

test_search() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys /
	wait_for "/"
	typed "360-degree"
	keys Enter
	wait_for "[Evidence"
	entry_detail
	wait_for "E2 actual"
	keys /
	keys C-u
	typed "Challenging discrimination"
	keys Enter
	wait_for "[Capabilities]"
	wait_line "SLF.5" "Challenging"
	# n and N step through the matches, round the end
	keys /
	keys C-u
	typed "P/05"
	keys Enter
	wait_for "E13 planned 2026-01-20 ref P/052"
	keys n
	wait_for "E14 actual 2026-02-10 ref P/052"
	keys n
	wait_for "E13 planned 2026-01-20 ref P/052"
	keys N
	wait_for "E14 actual 2026-02-10 ref P/052"
	keys /
	keys C-u
	typed "no such words anywhere"
	keys Enter
	wait_for "not found: no such words anywhere"
	quit_clean
}

# Search reaches every row: a capability framework of 700 themes, the match in
# the 651st row of the Capabilities tree.
test_search_reaches_every_row() {
	"$CAPBOOK" new "$T/big" --candidate "Big Framework" >"$T/out" 2>&1 || fail "capbook new: $(cat "$T/out")"
	mkdir "$T/big/bigcaps"
	printf 'code,name,description\nBIG,Big capability,many\n' >"$T/big/bigcaps/capabilities.csv"
	printf 'code,name,description\nEM,emerging,e\nES,established,s\nAC,accomplished,a\n' >"$T/big/bigcaps/stages.csv"
	printf 'code,theme,stage,pathway,text,clf\n' >"$T/big/bigcaps/indicators.csv"
	{
		echo "code,capability,name"
		i=1
		while [ $i -le 700 ]; do
			if [ $i = 650 ]; then echo "BIG.$i,BIG,the needle"; else echo "BIG.$i,BIG,Theme $i"; fi
			i=$((i + 1))
		done
	} >"$T/big/bigcaps/themes.csv"
	sed -i 's/^capabilities = .*/capabilities = bigcaps/' "$T/big/workbook.ini"
	grep -q '^capabilities = bigcaps' "$T/big/workbook.ini" || fail "workbook.ini names no capabilities: $(cat "$T/big/workbook.ini")"
	start 80 24 "$T/big"
	wait_for "BIG Big capability"
	keys /
	typed "the needle"
	keys Enter
	wait_line "BIG.650" "the needle"
	quit_clean
}

# The help screen lists every action of the action table.
test_help_lists_actions() {
	example freda
	start 100 120 "$T/freda" # the whole help on one screen
	wait_for "NOS units"
	keys '?'
	wait_for "help"
	wait_for "Moving"
	names=$(sed -n 's/.*X(ACT_[A-Z_]*, "\([a-z-]*\)".*/\1/p' "$REPO/tui/actions.h")
	[ -n "$names" ] || fail "no action names found in tui/actions.h"
	screen >"$T/help.txt"
	for n in $names; do
		grep -qE -- " $n +" "$T/help.txt" || fail "help lacks the action $n"
	done
	grep -qF "key " "$T/help.txt" && fail "help shows a raw key code"
	keys Escape
	wait_gone "Moving"
	# at 80x24 the help scrolls: a line, a page, to the end, back to the top
	resize 80 24
	keys '?'
	wait_for "Moving"
	keys j
	wait_gone "Moving"
	keys k
	wait_for "Moving"
	keys C-f
	wait_gone "Moving"
	wait_for "Searching"
	keys G
	wait_for "In the entry form"
	# long lines wrap under themselves rather than being cut
	wait_joined "Ctrl-Left/Right word by word ^U ^K ^W delete to line start / end / word"
	keys C-b C-b C-b C-b C-b
	wait_for "Moving"
	wait_joined "add an entry, pre-filled with the Capabilities and NOS selections; in sessions: a session"
	keys Escape
	wait_for "NOS units"
	quit_clean
}

# Help covers every action of the table: the main help, and F1 in the form, a
# picker and a question (each lists the keys that work there).
test_help_covers_every_key() {
	example freda
	names=$(sed -n 's/.*X(ACT_[A-Z_]*, "\([a-z.-]*\)".*/\1/p' "$REPO/tui/actions.h")
	[ "$(echo "$names" | wc -l)" -ge 60 ] || fail "fewer than 60 actions found in tui/actions.h"
	start 100 120 "$T/freda" # the whole help on one screen
	wait_for "NOS units"
	keys '?'
	wait_for "Moving"
	screen >"$T/help.txt"
	keys Escape
	wait_gone "Moving"
	keys a
	wait_for "New entry"
	keys F1
	wait_for "help: the entry form"
	screen >>"$T/help.txt"
	keys Escape
	wait_for "New entry" # back in the form, as it was
	keys Tab Tab Tab Tab F2
	wait_for "Esc cancels"
	keys F1
	wait_for "A picker of references"
	screen >>"$T/help.txt"
	keys Escape
	wait_for "Esc cancels"
	keys Escape
	wait_for "New entry"
	keys Escape
	wait_gone "New entry"
	keys /
	wait_for "/"
	keys F1
	wait_for "A question on the status line"
	screen >>"$T/help.txt"
	for n in $names; do
		grep -qE -- " $n +" "$T/help.txt" || fail "no help lists the action $n"
	done
	grep -qF "key " "$T/help.txt" && fail "a help shows a raw key code"
	keys Escape Escape
	wait_for "NOS units"
	quit_clean
}

# [keys] binds per keymap: form.save for the form only, sessions.toggle in the
# sessions view and not the planner, main.quit on the main screen only.
test_keys_per_keymap() {
	example fred
	printf '[keys]\nform.save = "F5"\nsessions.toggle = "x"\nmain.quit = "Q"\n' >"$T/capbook.ini"
	chmod 600 "$T/capbook.ini"
	start 80 24 -- -c "$T/capbook.ini" "$T/fred"
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	keys Tab Tab Tab
	wait_for "F5 save  Esc cancel"
	typed "Saved with F5"
	keys C-s # no longer the form's save
	wait_for "Saved with F5"
	screen | grep -qF "added" && fail "^S still saves the entry"
	keys F5
	wait_for "added (w saves the workbook"
	keys p # the planner keeps Space for its toggle
	wait_for "unit planner"
	keys Space
	wait_for "A2: planned"
	keys Escape S
	wait_for "supervision sessions"
	wait_for "x done"
	keys Escape
	wait_for "NOS units"
	keys Q # main.quit: Q too on the main screen
	wait_for "Save changes before quitting?"
	keys n
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
}

# / searches the lines of a view as well: in the help, n finds the next match.
test_search_in_a_view() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys '?'
	wait_for "Moving"
	keys /
	typed "Coverage marks"
	keys Enter
	wait_gone "Moving"
	wait_for "Coverage marks (at the target stage)"
	keys /
	keys C-u
	typed "no such words anywhere"
	keys Enter
	wait_for "not found: no such words anywhere"
	keys Escape
	wait_for "NOS units"
	quit_clean
}

test_other_terminals() {
	example freda
	for term in linux vt100; do
		start 80 24 "TERM=$term" -- "$T/freda"
		wait_for "Capabilities"
		wait_for "NOS units"
		wait_for "Evidence ("
		wait_for "Detail"
		keys Down
		wait_for "linked to SLF"
		screen >"$T/$term.txt"
		case $term in
		# a VT100 shows no UTF-8 at all: ASCII only
		vt100) ascii_only "$T/$term.txt" ;;
		# the console's font lacks most geometric shapes: the marks are letters
		linux)
			grep -qF "A + SLF Self-leadership" "$T/$term.txt" ||
				fail "TERM=linux: marks are not the ASCII ones"
			if LC_ALL=C grep -q "$(printf '\342\227\|\342\200\246')" "$T/$term.txt"; then
				fail "TERM=linux: geometric shapes or an ellipsis on the console"
			fi
			;;
		esac
		keys a
		wait_for "New entry"
		keys Escape
		wait_for "NOS units"
		quit_clean
		T kill-session -t "$S"
	done
}

# SIGTERM and SIGHUP end the program within a second, leaving the terminal as
# it was (normal screen, cursor shown, keypad off).
test_signals_exit_promptly() {
	example freda
	for sig in TERM HUP; do
		start 80 24 "$T/freda"
		wait_for "NOS units"
		pid=$(app_pid)
		kill -s "$sig" "$pid"
		wait_exit 10
		case $sig in
		TERM) [ "$rc" = 143 ] || fail "SIGTERM: exit status $rc, wanted 143" ;;
		HUP) [ "$rc" = 129 ] || fail "SIGHUP: exit status $rc, wanted 129" ;;
		esac
		! kill -0 "$pid" 2>/dev/null || fail "SIG$sig: process $pid still there"
		flags=$(T display-message -p -t "$S" '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}')
		[ "$flags" = "0 1 0" ] || fail "SIG$sig: terminal left with alternate/cursor/keypad = $flags"
		T kill-session -t "$S"
	done
	# also inside the form
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	pid=$(app_pid)
	kill -s TERM "$pid"
	wait_exit 10
	[ "$rc" = 143 ] || fail "SIGTERM in the form: exit status $rc"
}

# The terminal goes away (the tmux window closes under it, as an SSH drop
# does): capbook ends within a second or two and never spins.
test_terminal_gone() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	pid=$(app_pid)
	T kill-session -t "$S"
	n=0
	while kill -0 "$pid" 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -lt 20 ] || fail "capbook ($pid) still running 2 s after its terminal closed: $(ps -o pid,stat,pcpu,cmd -p "$pid" | tail -n 1)"
		sleep 0.1
	done
}

# Fred plans an optional unit that fills his vision gap: the planner shows what
# each unit maps to and the gaps it would fill; the status goes to units.csv.
test_unit_planner_fred() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys p
	wait_for "unit planner"
	wait_line "A2" "not chosen" "VIS"
	wait_line "D1" "not chosen" "COL"
	keys t
	wait_for "A2: planned"
	wait_line "A2" "planned" "VIS"
	keys w
	wait_for "saved"
	keys Escape
	wait_line "A2" "planned"
	quit_clean
	grep -q '^A2,planned' "$T/fred/units.csv" || fail "A2 not planned: $(cat "$T/fred/units.csv")"
}

# Rashid: evidence logged against capabilities shows the NOS elements it could
# also count for (reverse transfer); A4 is held by credit transfer.
test_reverse_transfer_rashid() {
	example rashid
	start 80 24 "$T/rashid"
	wait_for "NOS units"
	wait_line "A4" "transfer"
	keys Tab Tab
	wait_for "[Evidence"
	entry_detail
	keys /
	typed "R/CAP/01"
	keys Enter
	wait_for "E1 actual 2025-03-17 ref R/CAP/01"
	wait_for "Could also count for: A1.1, A1"
	quit_clean
}

# Fred has no evidence for vision or collaborating: the gap list says so and
# names units whose grids could supply it.
test_gap_list_fred() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys x
	wait_for "gaps up to accomplished"
	wait_line "VIS" "Vision" "EM, ES and AC missing"
	wait_line "COL" "Collaborating" "EM, ES and AC missing"
	wait_line "could come from" "A2"
	wait_line "could come from" "D1"
	keys Enter # jumps to the first gap
	wait_for "[Capabilities]"
	wait_for "linked to VIS"
	quit_clean
}

test_sessions_view_freda() {
	example freda
	# on 2026-03-20 AP2 (due 2026-03-17, not done) is overdue
	start 80 24 CAPBOOK_TODAY=2026-03-20 -- "$T/freda"
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	wait_line "S1" "2026-01-20" "Self-leadership"
	# at 80 columns every action's due date, who and state show, and its words wrap
	wait_line "[x] AP1" "due 2026-02-17" "by Freda" "done 2026-02-10"
	wait_line "[ ] AP2" "due 2026-03-17 OVERDUE" "by Freda"
	wait_line "[ ] AP3" "due 2026-03-31" "by Joseph"
	wait_joined "Ask for written feedback on my leadership from two people who use the service and a manager in a partner organisation"
	wait_joined "Success: Feedback from at least three sources in the portfolio, cross-referenced to SLF.2.AC"
	# narrower: the words wrap again to the new width, nothing cut
	resize 60 24
	wait_joined "Success: Feedback from at least three sources in the portfolio, cross-referenced to SLF.2.AC"
	wait_line "[ ] AP2" "OVERDUE"
	resize 80 24
	keys Escape
	wait_for "NOS units"
	quit_clean
}

# Recording a supervision session and its agreed actions at the keyboard.
test_record_session_and_action() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	keys a
	wait_for "Session date (YYYY-MM-DD): 2026-01-15"
	keys Enter
	wait_for "Focus:"
	typed "Vision"
	keys Enter
	wait_for "Participants:"
	keys C-u
	typed "Freda; Joseph"
	keys Enter
	wait_for "Notes:"
	typed "Looked at the gap in vision, with commas, and é"
	keys Enter
	wait_for "session S2 added"
	wait_line "S2" "2026-01-15" "Vision"
	keys A
	wait_for "Objective:"
	typed "Lead the team day on the service's vision"
	keys Enter
	wait_for "Success indicator:"
	typed "Witness testimony logged against VIS.2.AC"
	keys Enter
	wait_for "Due (YYYY-MM-DD):"
	typed "2026-02-28"
	keys Enter
	wait_for "Responsibility (who):"
	typed "Freda"
	keys Enter
	wait_for "action AP4 added to S2"
	wait_line "[ ] AP4" "due 2026-02-28" "by Freda" # selected, so on screen
	keys d
	wait_line "[x] AP4" "done 2026-01-15"
	# undo, redo and save work in the view too
	keys u
	wait_line "[ ] AP4" "due 2026-02-28"
	keys C-r
	wait_line "[x] AP4" "done 2026-01-15"
	keys w
	wait_for "saved"
	keys Escape
	wait_for "NOS units"
	quit_clean
	[ "$(field "$T/freda/sessions.csv" S2 notes)" = "Looked at the gap in vision, with commas, and é" ] ||
		fail "session notes: $(field "$T/freda/sessions.csv" S2 notes)"
	[ "$(field "$T/freda/actions.csv" AP4 session)" = S2 ] || fail "AP4 not in S2"
	[ "$(field "$T/freda/actions.csv" AP4 due)" = 2026-02-28 ] || fail "AP4 due"
	[ "$(field "$T/freda/actions.csv" AP4 done)" = 2026-01-15 ] || fail "AP4 not done"
}

# -r opens read-only: the header says so and edits are refused, not lost.
test_read_only() {
	example freda
	cp "$T/freda/evidence.csv" "$T/before.csv"
	start 80 24 -- -r "$T/freda"
	wait_for "read-only"
	keys a
	wait_for "read-only: cannot add"
	keys Tab Tab
	wait_for "[Evidence"
	keys c c
	wait_for "read-only: nothing changed"
	# Enter shows the entry, but it cannot be changed
	keys Enter
	wait_for "Edit E1 (read-only)"
	keys Tab Tab Tab
	typed "X"
	keys C-s
	wait_for "read-only: nothing can be changed (Esc closes)"
	keys Escape
	wait_for "Discard this entry's changes?"
	keys y
	wait_for "[Evidence"
	screen | head -n 1 | grep -qF "| saved" || fail "the workbook is modified: $(screen | head -n 1)"
	keys q
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
	cmp -s "$T/freda/evidence.csv" "$T/before.csv" || fail "evidence.csv changed"
}

# Keys from [keys] replace an action's defaults; "Enter" is still the Enter key
# however the terminal sends it.
# The detail area in the Evidence pane: below 40 rows it shows what Evidence is
# linked to until the entry-detail key asks for the entry; from 40 rows up, or
# with [ui] entry_detail = always, the entry; the key's choice survives a resize.
test_entry_detail() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence (20, linked to A1)]"
	wait_for "Detail of the NOS selection (i: the entry here)"
	wait_for "A1 Manage and develop yourself and your workforce"
	keys j
	wait_line "E2" "actual" "360-degree"
	screen | grep -qF "E2 actual 2025-02-25" && fail "the entry is in the detail area at 80x24"
	keys i
	wait_for "E2 actual 2025-02-25 ref P/015"
	keys j
	wait_for "E3 actual"
	resize 200 50
	wait_for "E3 actual"
	keys i
	wait_for "Detail of the NOS selection (i: the entry here)"
	resize 80 24
	wait_for "Detail of the NOS selection (i: the entry here)"
	resize 40 12 # one pane at a time: the title is cut to fit, not mid-word
	wait_for " Detail: NOS (i: the entry)"
	quit_clean
	start 80 40 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "E1 actual 2025-02-11 ref P/014"
	quit_clean
	printf '[ui]\nentry_detail = always\n' >"$T/capbook.ini"
	chmod 600 "$T/capbook.ini"
	start 80 24 -- -c "$T/capbook.ini" "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "E1 actual 2025-02-11 ref P/014"
	quit_clean
}

test_keys_from_config() {
	example freda
	printf '[keys]\nopen = "Enter"\nquit = "Q"\ntoggle = "x"\nadd-action = "F2"\n' >"$T/capbook.ini"
	chmod 600 "$T/capbook.ini"
	start 80 24 -- -c "$T/capbook.ini" "$T/freda"
	wait_for "NOS units"
	wait_for "Q quit"
	keys Enter
	wait_for "VIS.1"
	keys l # no longer bound to open
	keys Tab
	wait_for "[NOS units]"
	wait_for "▸ A1"
	# the views' own keys come from the same table: hints, and what they do
	keys S
	wait_for "supervision sessions"
	wait_for "F2 add action to it  x done"
	wait_line "[x] AP1" "done"
	keys Down x
	wait_line "[ ] AP1"
	# d no longer toggles: the undo after it undoes x
	keys d u
	wait_for "undone"
	screen | grep -qF "[x] AP1" || fail "d still toggles: $(screen | grep -F AP1)"
	keys F2
	wait_for "Objective:"
	keys Escape
	wait_gone "Objective:"
	keys Escape
	wait_for "NOS units"
	keys Q
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc after Q"
}

# The real cursor sits on the selected row or the field being typed in (what
# a screen reader or braille display follows).
test_cursor_follows_selection() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	row_of() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }
	[ "$(cur)" = $(($(row_of "VIS Vision") - 1)) ] || fail "cursor on row $(cur), not on VIS"
	keys j
	wait_for "linked to SLF"
	[ "$(cur)" = $(($(row_of "SLF Self-leadership") - 1)) ] || fail "cursor on row $(cur), not on SLF"
	keys a
	wait_for "New entry"
	keys Tab Tab
	typed "P/1"
	wait_line "Portfolio ref" "P/1"
	[ "$(cur)" = $(($(row_of "Portfolio ref") - 1)) ] || fail "cursor on row $(cur), not in the ref field"
	[ "$(T display-message -p -t "$S" '#{cursor_x}')" = 17 ] || fail "cursor not after P/1"
	keys Escape
	wait_for "Discard"
	keys y
	wait_for "NOS units"
	quit_clean
}

# Idle, nothing is written to the terminal (repaint only on events); a cursor
# move writes little: the selection bar's cells. Below 40 rows the detail area
# shows what Evidence is linked to, so a move leaves it alone: 73 bytes for E2
# to E3 of the demo at 80x24 (281 when the detail area followed the entry, 500
# when the whole row was reversed).
test_idle_writes_nothing() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	: >"$T/out.bin"
	T pipe-pane -o -t "$S" "cat >>'$T/out.bin'"
	sleep 1.5 # nothing to wait for: this measures that nothing happens
	idle=$(wc -c <"$T/out.bin")
	[ "$idle" -eq 0 ] || fail "$idle bytes written while idle"
	keys Tab Tab j
	wait_for "[Evidence"
	row=$(($(screen | grep -n "E2 .*360-degree" | cut -d: -f1) - 1))
	wait_cursor "$row" # on E2
	sleep 0.3
	: >"$T/out.bin"
	keys j
	wait_cursor $((row + 1)) # on E3
	sleep 0.3
	moved=$(wc -c <"$T/out.bin")
	echo "a cursor move in Evidence wrote $moved bytes"
	[ "$moved" -le 150 ] || fail "a cursor move wrote $moved bytes (more than 150)"
	T pipe-pane -t "$S"
	quit_clean
}

# Esc takes effect at once (ncurses would wait a second for more of a sequence).
test_escape_is_prompt() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	best=9999
	for i in 1 2 3; do
		keys '?'
		wait_for "Moving"
		t0=$(date +%s%N)
		keys Escape
		n=0
		while screen | grep -qF "Moving"; do
			n=$((n + 1))
			[ "$n" -lt 500 ] || fail "Esc did not leave the help"
			sleep 0.01
		done
		ms=$((($(date +%s%N) - t0) / 1000000))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	echo "Esc took $best ms (best of 3)"
	[ "$best" -lt 400 ] || fail "Esc took $best ms"
	quit_clean
}

# edit_outside WB: a spreadsheet (python's csv) changes E3's ref and adds a row
# E25 to evidence.csv while capbook has the workbook open.
edit_outside() {
	"$PYTHON" - "$1/evidence.csv" <<'EOF'
import csv, sys
p = sys.argv[1]
with open(p, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
h = rows[0]
for r in rows[1:]:
    if r[0] == 'E3':
        r[h.index('ref')] = 'P/016-theirs'
new = [''] * len(h)
new[0], new[h.index('status')], new[h.index('date')] = 'E25', 'actual', '2026-01-14'
new[h.index('ref')], new[h.index('summary')] = 'X/1', 'Added in the spreadsheet'
rows.append(new)
with open(p, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
EOF
}

# A save that meets the same field changed on disk, and the same new id added
# there: the status line says what was renumbered and what was set aside, the
# selection follows the renumbered entry, and the conflict list (C) resolves
# each by a side or an edit, with undo; unresolved, the list comes up when the
# workbook is opened again; saved, the resolved ones leave the record.
test_conflict_list() {
	example freda
	start 120 30 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab j j e
	wait_for "Edit E3"
	keys Tab Tab C-e C-u
	typed "P/016-mine"
	keys C-s
	wait_for "E3 changed"
	new_entry "New entry of mine"
	keys C-s
	wait_for "E25 added"
	edit_outside "$T/freda"
	keys w
	wait_for "saved; E25 is now E26: E25 was added on disk too; 1 field set aside as conflicts (C: the list)"
	# the selection followed the entry to its new id
	screen | sed -n "$(($(cur) + 1))p" | grep -qF "E26" || fail "the selection is not on E26: $(screen | sed -n "$(($(cur) + 1))p")"
	[ "$(field "$T/freda/evidence.csv" E25 summary)" = "Added in the spreadsheet" ] || fail "their E25 changed"
	[ "$(field "$T/freda/evidence.csv" E3 ref)" = "P/016-theirs" ] || fail "the sheet does not keep the value on disk"
	keys C
	wait_for "conflicts: 1 field changed here and on disk, 1 unresolved"
	wait_line "[ ] E3 ref in evidence.csv (save, "
	wait_line "base" "P/016"
	wait_line "on disk" "P/016-theirs"
	wait_line "mine" "P/016-mine"
	keys m
	wait_line "[x] E3 ref" "yours kept"
	wait_for "0 unresolved"
	keys u
	wait_line "[ ] E3 ref"
	# the value on disk is there already: picking it changes nothing, and u in
	# the list takes the pick back rather than an older edit
	keys d
	wait_line "[x] E3 ref" "the value on disk kept"
	keys u
	wait_for "undone: unresolved again"
	wait_line "[ ] E3 ref"
	keys Escape
	wait_for "NOS units"
	screen | grep -qF "E26" || fail "the undo in the list undid an older edit"
	# nothing unsaved (the pick taken back): q quits at once; the conflict stays
	quit_clean
	run 1 check "$T/freda"
	joined "$T/err"
	contains "$T/err.joined" "evidence.csv E3 ref: \"P/016-theirs\" in the sheet, \"P/016-mine\" set aside here"
	# opened again: straight to the list, at 80x24
	start 80 24 "$T/freda"
	wait_for "conflicts: 1 field changed here and on disk, 1 unresolved"
	keys e
	wait_for "E3 ref: P/016-mine"
	keys C-u
	typed "P/016 agreed"
	keys Enter
	wait_line "[x] E3 ref" "edited"
	keys w
	wait_for "saved; 1 resolved conflict left the list"
	wait_for "No conflicts"
	[ "$(field "$T/freda/evidence.csv" E3 ref)" = "P/016 agreed" ] || fail "E3 ref is $(field "$T/freda/evidence.csv" E3 ref)"
	if ls -A "$T/freda" | grep -q '^\.capbook-conflicts'; then fail "the record is still there"; fi
	run 0 check "$T/freda"
	keys Escape
	wait_for "NOS units"
	quit_clean
}

# A conflict of any source (a git merge records its own) is listed with it;
# Enter on an entry's conflict shows the entry on the main screen.
test_conflict_list_any_source() {
	example freda
	printf 'sheet,id,field,base,on_disk,mine,source,when\nevidence.csv,E4,ref,P/017-base,P/017,P/017-theirs,git merge,2026-01-15 10:00:00\nsessions.csv,S1,focus,a,b,c,git merge,2026-01-15 10:00:00\n' >"$T/freda/.capbook-conflicts-merge.csv"
	start 80 24 "$T/freda"
	wait_for "conflicts: 2 fields changed here and on disk, 2 unresolved"
	wait_line "[ ] E4 ref in evidence.csv (git merge, 2026-01-15 10:00:00)"
	# a git merge's sides: what the sheet kept, and the other clone's value
	wait_line "in sheet" "P/017"
	wait_line "other side" "P/017-theirs"
	wait_line "[ ] S1 focus in sessions.csv (git merge"
	keys Enter
	wait_for "NOS units"
	wait_line "E4" "P/017"
	screen | sed -n "$(($(cur) + 1))p" | grep -qF "E4" || fail "E4 is not selected"
	keys C
	wait_for "conflicts: 2 fields"
	keys Escape
	wait_for "NOS units"
	quit_clean
}

# Config problems are shown on the screen at start-up, FILE:LINE each, until a
# key dismisses them: a key given to two actions (save = q takes q from quit),
# an unknown action, a bad colour. A config named with -c that is missing: exit 2.
test_config_problems_on_screen() {
	example freda
	printf '[keys]\nsave = q\nno-such-action = x\n[colors]\nplanned = greeen\n' >"$T/keys.ini"
	chmod 600 "$T/keys.ini"
	start 80 24 -- -c "$T/keys.ini" "$T/freda"
	wait_for "problems in the config"
	wait_joined "$T/keys.ini:2: warning: key q is given to both save and quit (its default); only one can have it"
	wait_joined "$T/keys.ini:3: warning: unknown key keys:no-such-action ignored"
	wait_joined "$T/keys.ini:5: warning: bad value for planned"
	keys Enter
	wait_for "NOS units"
	# as the config says: q saves now
	keys q
	wait_for "saved"
	keys C-c
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
	start 80 24 -- -c "$T/nope.ini" "$T/freda"
	wait_exit
	[ "$rc" = 2 ] || fail "a missing -c FILE: exit status $rc, not 2"
	start 80 24 CAPBOOK_CONFIG="$T/nope.ini" -- "$T/freda"
	wait_exit
	[ "$rc" = 2 ] || fail "a missing \$CAPBOOK_CONFIG: exit status $rc, not 2"
}

# Read-only says why in the header: -r, or the lock someone else holds.
test_read_only_says_why() {
	example freda
	start 80 24 -- -r "$T/freda"
	wait_line "| saved | read-only: opened with -r"
	keys w
	wait_for "read-only: not saved (opened with -r)"
	quit_clean
	start 80 24 "$T/freda"
	wait_for "NOS units"
	first=$S
	# a second capbook, in a folder and session of its own
	T0=$T
	T=$T/second
	mkdir -p "$T"
	name=$name-second
	start 80 24 "$T0/freda"
	wait_for "read-only: open for writing by"
	screen | head -n 1 | grep -qF "read-only: open for writing by $(id -un)" || fail "header: $(screen | head -n 1)"
	quit_clean
	T kill-session -t "$S"
	T=$T0
	S=$first
	quit_clean
}

# Someone else's journal in the folder (a member's session that ended abruptly)
# is not offered for recovery: the opening says whose and since when.
test_others_pending_edits_said() {
	example freda
	printf 'kind,time,user,host,sheet,id,col,before,after\n' >"$T/freda/.capbook-journal-someone-else.csv"
	touch -d '2026-01-14 10:05:00' "$T/freda/.capbook-journal-someone-else.csv"
	start 80 24 "$T/freda"
	wait_for "$(id -un) has unsaved edits pending since 2026-01-14 10:05"
	screen | grep -qF "Recover unsaved work?" && fail "someone else's journal was offered"
	quit_clean
}

# --- editing everything at the keyboard, and what the case studies found wrong ---

# D deletes an entry: it asks; for a signed-off or revamped entry it says why
# and asks again; u brings it back; saved, the row stays as a tombstone.
test_delete_entry() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence"
	entry_detail
	keys /
	typed "E13"
	keys Enter
	wait_for "E13 planned"
	keys D
	wait_for "Delete E13 (P/052: Self-assessment using the leadership ski…)? (y)es (n)o"
	keys n
	wait_for "not deleted"
	keys D
	wait_for "Delete E13"
	keys y
	wait_for "E14 revamps it. Delete E13 all the same? (y)es (n)o"
	keys y
	wait_for "E13 deleted (u brings it back; w saves)"
	wait_for "| 23 entries |"
	keys u
	wait_for "| 24 entries |"
	wait_for "E13 planned"
	# a signed-off entry: the second question names who signed it
	keys /
	typed "P/014"
	keys Enter
	wait_for "E1 actual"
	keys D y
	wait_for "E1 is signed off by Joseph on 2025-03-04. Delete E1 all the same?"
	keys y
	wait_for "E1 deleted"
	keys w
	wait_for "| saved"
	quit_clean
	[ "$(field "$T/freda/evidence.csv" E1 status)" = deleted ] || fail "E1 not a tombstone"
	[ "$(field "$T/freda/evidence.csv" E1 date)" = 2026-01-15 ] || fail "E1's date"
	[ -z "$(field "$T/freda/evidence.csv" E1 summary)" ] || fail "E1's summary kept"
	[ "$(field "$T/freda/evidence.csv" E13 status)" = planned ] || fail "E13 not back"
}

# e edits a session and an action in a dialog (typing replaces a field, a bad
# date is said under it); Space marks an action done and not done; D deletes an
# action, and a session with its actions (asking again); none shows after.
test_edit_and_delete_sessions() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	keys e
	wait_for "Session S1"
	wait_line "Date" "2026-01-20"
	typed "2026-13-01"
	keys C-s
	wait_for "a date: YYYY-MM-DD"
	keys C-u
	typed "2026-01-21"
	keys Tab Tab
	wait_line "Participants" "Freda; Joseph"
	typed "Freda; Joseph; Amelia"
	keys C-s
	wait_for "S1 changed (w saves)"
	wait_line "S1" "2026-01-21" "(Freda; Joseph; Amelia)"
	keys j # AP1, done
	wait_line "[x] AP1"
	keys e
	wait_for "Agreed action AP1"
	keys Tab Tab Tab
	wait_line "Due" "2026-02-17"
	typed "2026-02-20"
	keys Tab Tab BSpace # Done emptied: not done
	keys C-s
	wait_for "AP1 changed"
	wait_line "[ ] AP1" "due 2026-02-20"
	keys Space
	wait_line "[x] AP1" "done 2026-01-15"
	keys j D
	wait_for "Delete action AP2"
	keys y
	wait_for "AP2 deleted"
	wait_gone "[ ] AP2"
	keys k k D
	wait_for "Delete session S1"
	keys y
	wait_for "its 2 actions go with it. Delete S1 all the same? (y)es (n)o"
	keys y
	wait_for "No sessions yet"
	keys w
	wait_for "saved"
	keys Escape
	wait_for "NOS units"
	quit_clean
	[ "$(field "$T/freda/sessions.csv" S1 status)" = deleted ] || fail "S1 not a tombstone"
	[ "$(field "$T/freda/actions.csv" AP3 status)" = deleted ] || fail "AP3 not gone with S1"
}

# A unit's notes (e in NOS), and a unit chosen then un-chosen in the planner
# leaves no row in units.csv.
test_unit_notes_and_unchoosing() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys Tab e
	wait_for "Notes on A1"
	typed "Held from the LMCS award"
	keys C-s
	wait_for "notes on A1 kept"
	wait_joined "Notes: Held from the LMCS award."
	keys p
	wait_for "unit planner"
	keys /
	typed "D1"
	keys Enter
	wait_line "D1" "not chosen"
	keys t
	wait_line "D1" "planned"
	keys t
	wait_line "D1" "in-progress"
	keys t t t
	wait_for "D1: not chosen"
	keys w
	wait_for "saved"
	keys Escape
	wait_for "NOS units"
	quit_clean
	! grep -q '^D1,' "$T/fred/units.csv" || fail "units.csv keeps D1: $(cat "$T/fred/units.csv")"
	grep -q '^A1,achieved,Held from the LMCS award' "$T/fred/units.csv" ||
		fail "units.csv: $(cat "$T/fred/units.csv")"
}

# --- the 2004 standards put to work: the specification, the plan, the CPD record, the map ---

# A requirement built with the pickers: F2 on Competences lists the map and the
# frameworks, typing filters ("rmab5" is MSC B5 by its code, "reflect" HSC E1.1
# by its words), Space marks, Enter takes; the code under the cursor is said in
# words; the mix moves (46 -> 48: MSC B5 generic, HSC E1.1 specialist, neither
# in the specification before) and undo moves it back.
test_spec_row_with_pickers() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys J
	wait_for "Nadia: person management specification"
	wait_for "Mix of 46: 12 generic, 30 specialist, 4 partnership, 0 organisational, 2 outside"
	wait_for "first line manager | last review 2025-04-01 | next due 2026-04-01"
	keys a
	wait_for "New requirement of the specification"
	typed "Chair multi-agency meetings"
	keys Tab
	wait_for "F2 pick from a list"
	keys F2
	wait_for "Pick competences"
	typed "mscb5"
	wait_line "[ ]" "MSC B5" "Provide leadership for your team"
	keys Space
	wait_line "[x]" "MSC B5"
	keys C-u
	typed "reflect"
	wait_line "[ ]" "HSC E1.1" "Reflect upon and develop own practice"
	keys Space
	wait_for "Chosen: MSC B5; HSC E1.1"
	keys Enter
	wait_line "Competences" "MSC B5; HSC E1.1"
	# the code under the cursor, in words
	wait_for "HSC E1.1 Reflect upon and develop own practice"
	typed "; RMA:4"
	wait_for "RMA:4: outside the map (kept as written)"
	keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	wait_gone "RMA:4"
	keys Tab
	typed "as above"
	keys C-s
	wait_for "R16 added"
	wait_line "R16" "Chair multi-agency meetings"
	wait_line "g" "MSC B5" "Provide leadership for your team"
	wait_line "s" "HSC E1.1" "Reflect upon"
	keys C-b C-b C-b C-b C-b C-b
	wait_for "Mix of 48: 13 generic, 31 specialist, 4 partnership, 0 organisational, 2 outside"
	keys u
	wait_for "Mix of 46: 12 generic, 30 specialist"
	keys C-r
	wait_for "Mix of 48: 13 generic, 31 specialist"
	keys w
	wait_for "saved"
	keys Escape
	wait_for "NOS units"
	quit_clean
	[ "$(field "$T/teamleader/spec.csv" R16 competences)" = "MSC B5; HSC E1.1" ] ||
		fail "R16 competences: $(field "$T/teamleader/spec.csv" R16 competences)"
	[ "$(field "$T/teamleader/spec.csv" R16 learning)" = "as above" ] || fail "R16 learning"
	[ "$(field "$T/teamleader/spec.csv" R16 revised)" = 2026-01-15 ] || fail "R16 not dated today"
}

# P: the profile, pathway and stage chosen from lists, written to workbook.ini
# at once; the screen follows the new stage and pathway.
test_profile_dialog() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys P
	wait_for "The workbook's profile"
	wait_line "Pathway" "[Managers]"
	typed "Freda Smith"
	keys Tab Right
	wait_line "Pathway" "[Frontline workers]"
	keys Tab Left
	wait_line "Target stage" "[established]"
	keys Tab Tab Tab
	typed "Anna Assessor"
	keys C-s
	wait_for "profile written to workbook.ini"
	wait_for "Freda Smith | Frontline workers | ES |"
	quit_clean
	ini=$T/freda/workbook.ini
	grep -q '^name = "Freda Smith"' "$ini" || fail "name: $(cat "$ini")"
	grep -q '^pathway = "\{0,1\}frontline"\{0,1\}$' "$ini" || fail "pathway: $(cat "$ini")"
	grep -q '^stage = "\{0,1\}ES"\{0,1\}$' "$ini" || fail "stage: $(cat "$ini")"
	grep -q '^assessor = "Anna Assessor"' "$ini" || fail "assessor: $(cat "$ini")"
	grep -q '^supervisor = Joseph' "$ini" || fail "supervisor rewritten: $(cat "$ini")"
	grep -q '^; capbook workbook: Freda' "$ini" || fail "comment lost: $(cat "$ini")"
}

# The caseload: two candidates of one name told apart by folder; sorted by
# stage; a filter narrows it as it is typed and Esc clears it.
test_caseload_sort_and_filter() {
	copy_examples "$EXAMPLES" "$T/examples"
	cp -R "$T/examples/fred" "$T/examples/fred-2024"
	start 80 24 "$T/examples"
	wait_for "caseload: 8 workbooks by name"
	wait_line "Fred (fred) " "AC"
	wait_line "Fred (…-2024)" "AC"
	keys s
	wait_for "by stage"
	screen | sed -n '3,4p' | grep -c ' ES ' | grep -q 2 || fail "ES first: $(screen)"
	keys f
	typed "rash"
	wait_for "1 with \"rash\""
	wait_gone "Bridget"
	keys Escape
	wait_for "Bridget"
	wait_gone "with \"rash\""
	quit_clean
}

# At 80x24 the newest action's words come on screen when it is selected.
test_newest_action_readable() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	for k in 4 5; do # (not n: the wait helpers count with it)
		keys A
		wait_for "Objective:"
		typed "Objective number $k: observe the provider forum, then write a witness testimony"
		keys Enter
		wait_for "Success indicator:"
		typed "Testimony $k logged"
		keys Enter Enter Enter
		wait_for "action AP$k added"
	done
	keys G
	wait_line "AP5"
	wait_joined "Objective number 5: observe the provider forum, then write a witness testimony"
	wait_joined "Success: Testimony 5 logged"
	keys Escape
	wait_for "NOS units"
	keys q
	wait_for "Save changes"
	keys n
	wait_exit
}

# Unit titles use the room there is, and where their cut would read alike (B2,
# B6 and B8 all begin "Lead and manage provision…") show what tells them apart.
test_unit_titles_told_apart() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys p
	wait_for "unit planner"
	wait_line "B2 " "well being of people"
	wait_line "B6 " "development of children and young people"
	wait_line "B8 " "positive behaviour"
	wait_line "A2 " "Facilitate and manage change within care"
	keys Escape Tab
	wait_line "B6 " "…development of ch"
	quit_clean
}

# A general resource (no capability code) shows with every capability; / finds
# resources too.
test_general_resource_and_search() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	wait_joined "Resource (general): How good are your people skills"
	keys /
	typed "Mind tools"
	keys Enter
	wait_for "in the resource: Leadership skills toolkit (Mind tools)"
	wait_for "linked to SLF"
	quit_clean
}

# Planned evidence that counts only through the mapping is counted as planned:
# in the row's n/m and in the detail.
test_planned_through_mapping_counted() {
	"$CAPBOOK" new "$T/wb" --candidate Ann >/dev/null
	"$CAPBOOK" add "$T/wb" --ref P/1 --summary plan --elements A1.1 --status planned >/dev/null
	start 80 24 "$T/wb"
	wait_for "NOS units"
	wait_line "SLF Self-leadership" "0/1"
	keys j
	wait_joined "Up to AC: not met, EM, ES and AC missing. EM ○ 1 planned by the mapping | ES ○ 1 planned by the mapping | AC ○ 1 planned by the mapping"
	quit_clean
}

# The screen says the sheets' words: credit-transfer, in-progress, needs-update.
test_status_words() {
	example bridget
	start 80 24 "$T/bridget"
	wait_for "NOS units"
	keys m Tab Tab
	wait_for "[Evidence"
	keys /
	typed "E7"
	keys Enter
	wait_line "E7 " "needs-update"
	quit_clean
	example rashid
	start 80 24 "$T/rashid"
	wait_for "NOS units"
	wait_line "A4 " "credit-transfer"
	quit_clean
}

# --- the README's six workflows, key by key as written there --------------------

# 1. Supervision focus (Freda and Joseph).
test_readme_workflow_1_supervision_focus() {
	example freda
	start 80 24 "$T/freda"
	wait_for "NOS units"
	keys j # 2. SLF: Evidence shows its entries, NOS marks A1 with a direct link
	wait_for "linked to SLF"
	wait_line "◆ ● ▸ A1"
	# the detail area: met up to AC, the three stages side by side
	wait_joined "Up to AC: met. EM ● 3 actual, 14 by the mapping (1 planned) | ES ● 3 actual, 14 by the mapping (1 planned) | AC ● 7 actual, 1 planned, 10 by the mapping"
	keys Tab Enter # 3. NOS, A1 selected, its elements
	wait_line "A1.1"
	keys g # 4. the mapping grid
	wait_for "mapping grid of A1"
	wait_line "A1.1" "◆ 8/1"
	keys L
	wait_for "log sheet of A1"
	keys Escape BTab # 5. back, to Capabilities: SLF's resource
	wait_for "[Capabilities]"
	wait_joined "Resource: Leadership skills toolkit (Mind tools)"
	keys S # 6. sessions: a adds a session, A an action, d marks it done
	wait_for "supervision sessions"
	keys a
	wait_for "Session date (YYYY-MM-DD): 2026-01-15"
	keys Enter
	wait_for "Focus:"
	typed "Self-leadership"
	keys Enter
	wait_for "Participants: Joseph"
	typed "Freda; Joseph" # replaces the supervisor offered
	wait_for "Participants: Freda; Joseph"
	keys Enter
	wait_for "Notes:"
	typed "Toolkit self-assessment"
	keys Enter
	wait_for "session S2 added"
	keys A
	wait_for "Objective:"
	typed "Write the reflective account"
	keys Enter Enter
	wait_for "Due (YYYY-MM-DD):"
	typed "2026-03-01"
	keys Enter
	wait_for "Responsibility (who):"
	typed "Freda"
	keys Enter
	wait_for "action AP4 added to S2"
	keys d
	wait_line "[x] AP4" "done 2026-01-15"
	keys d # not done again
	wait_line "[ ] AP4" "due 2026-03-01"
	keys w
	wait_for "saved"
	keys Escape
	wait_for "NOS units"
	quit_clean
	[ "$(field "$T/freda/sessions.csv" S2 participants)" = "Freda; Joseph" ] ||
		fail "participants: $(field "$T/freda/sessions.csv" S2 participants)"
	[ "$(field "$T/freda/actions.csv" AP4 done)" = "" ] || fail "AP4 done"
}

# 2. Plan optional units (Liliana).
test_readme_workflow_2_plan_optional_units() {
	example liliana
	start 80 24 "$T/liliana"
	wait_for "NOS units"
	keys p # 1. the planner
	wait_for "unit planner"
	keys / # D1, the unit to plan
	typed "D1"
	keys Enter
	wait_line "D1" "not chosen"
	keys t # 2. planned, in turn
	wait_for "D1: planned"
	wait_line "D1" "planned"
	keys Escape # 3. back; a theme in Capabilities and the unit in NOS
	wait_for "NOS units"
	keys Enter j # COL's first theme
	wait_for "linked to VIS.1"
	keys Tab
	wait_for "[NOS units]"
	keys /
	typed "D1"
	keys Enter
	wait_for "linked to D1"
	keys a # pre-filled with both selections
	wait_for "New entry"
	wait_for "Elements      D1"
	wait_for "Indicators    VIS.1.AC"
	keys p # planned
	wait_for "Status        planned"
	keys Tab Tab
	typed "P/9"
	keys Tab
	typed "Lead the partnership meeting"
	keys C-s
	wait_for "added (w saves"
	keys w
	wait_for "saved"
	id=$(awk -F, 'NR > 1 { id = $1 } END { print id }' "$T/liliana/evidence.csv")
	[ "$(field "$T/liliana/evidence.csv" "$id" status)" = planned ] || fail "$id not planned"
	[ "$(field "$T/liliana/evidence.csv" "$id" elements)" = D1 ] || fail "$id elements"
	[ "$(field "$T/liliana/evidence.csv" "$id" indicators)" = VIS.1.AC ] || fail "$id indicators"
	keys r # 4. the planned entry, still selected in Evidence, revamped
	wait_for "Revamp $id"
	keys C-s
	wait_for "added (w saves"
	keys w
	wait_for "saved"
	quit_clean
	new=$(awk -F, 'NR > 1 { id = $1 } END { print id }' "$T/liliana/evidence.csv")
	[ "$(field "$T/liliana/evidence.csv" "$new" revamps)" = "$id" ] || fail "$new revamps"
	grep -q '^D1,planned,' "$T/liliana/units.csv" || fail "units.csv: $(cat "$T/liliana/units.csv")"
}

# 3. Gap analysis (Fred).
test_readme_workflow_3_gap_analysis() {
	example fred
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys x # 1. the gap list: which stages are missing, and the units that could fill each
	wait_for "gaps up to accomplished"
	wait_line "VIS" "EM, ES and AC missing" "Vision"
	wait_line "could come from: A2 direct"
	wait_line "could come from: D1 direct, D2 indirect"
	keys / # 2. g on COL: D1 and D2 could fill it, so it asks which
	typed "Collaborating"
	keys Enter
	keys g
	wait_for "units whose mapping links to COL"
	wait_line "D1" "direct"
	wait_line "D2" "indirect"
	keys j Enter
	wait_for "mapping grid of D2"
	keys Escape
	wait_for "gaps up to"
	keys Enter # the theme
	wait_for "linked to COL"
	keys v # 3. the coverage picture
	wait_for "coverage picture"
	wait_line "VIS" "0/4 met"
	wait_line "VIS.1" "EM ES AC missing" # each theme, each stage on its own
	keys Escape
	wait_for "NOS units"
	quit_clean
}

# 4. Cross-reference (Fred): c from Capabilities, on the entry selected in Evidence.
test_readme_workflow_4_cross_reference() {
	example fred
	case $(field "$T/fred/evidence.csv" E3 indicators) in *VIS*) fail "E3 already names VIS" ;; esac
	start 80 24 "$T/fred"
	wait_for "NOS units"
	keys m # 1. linking off
	wait_for "linking off"
	keys Tab Tab j j # 2. through NOS to Evidence, E3
	wait_for "[Evidence"
	keys Tab # 3. round to Capabilities; VIS is the first row
	wait_for "[Capabilities]"
	keys c # 4.
	wait_for "E3 also counts for: (c) VIS  (n) A1  Esc cancels"
	keys c
	wait_for "E3 now also counts for VIS"
	keys w
	wait_for "saved"
	quit_clean
	case $(field "$T/fred/evidence.csv" E3 indicators) in
	*VIS*) ;;
	*) fail "E3's indicators: $(field "$T/fred/evidence.csv" E3 indicators)" ;;
	esac
}

# 5. Reverse transfer (Rashid).
test_readme_workflow_5_reverse_transfer() {
	example rashid
	start 80 24 "$T/rashid"
	wait_for "NOS units"
	keys Tab Tab # 1. to Evidence
	wait_for "[Evidence"
	keys i # 2. the entry in the detail area
	wait_for "Could also count for: A1.1, A1"
	keys BTab Enter j # 3. A1.1 in NOS, then c, n
	wait_line "A1.1"
	keys c
	wait_for "E1 also counts for:"
	keys n
	wait_for "E1 now also counts for A1.1"
	keys /
	typed "E7"
	keys Enter
	wait_for "[NOS units]"
	keys t # 4. credit transfer
	wait_for "Unit status:"
	keys c
	wait_line "E7" "credit-transfer"
	keys w
	wait_for "saved"
	quit_clean
	grep -q '^E7,credit-transfer' "$T/rashid/units.csv" || fail "units.csv: $(cat "$T/rashid/units.csv")"
}

# 6. Caseload (an assessor): the list, sorted, filtered, a new workbook, one opened.
test_readme_workflow_6_caseload() {
	copy_examples "$EXAMPLES" "$T/examples"
	start 80 24 "$T/examples"
	wait_for "caseload: 7 workbooks by name"
	wait_line "Freda " "AC" "24" "2026-01-20"
	keys s s # 2. by gaps, most first
	wait_for "by gaps (most first)"
	keys f
	typed "fred"
	wait_for "2 with \"fred\""
	keys Enter
	wait_gone "Filter"
	keys a # 3. a new workbook
	wait_for "New workbook in"
	typed "amelia"
	keys Tab
	typed "Amelia"
	keys Tab Right # Frontline workers
	keys C-s
	wait_for "made amelia for Amelia"
	wait_line "Amelia" "AC" "0"
	keys Enter # 4. open it, and back
	wait_for "Amelia | Frontline workers | AC"
	keys b
	wait_for "caseload: 8 workbooks"
	quit_clean
	grep -q '^pathway = "frontline"' "$T/examples/amelia/workbook.ini" ||
		fail "workbook.ini: $(cat "$T/examples/amelia/workbook.ini")"
}

# Edit, review and delete in the specification view: the edit dates the row,
# the review dates the whole, the delete says what points at the row first and
# leaves a tombstone; the whole specification is not deleted.
test_spec_edit_review_delete() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys J
	wait_for "Mix of 46"
	keys j
	wait_line "whole" "for the whole specification"
	keys D
	wait_for "the whole specification is not deleted"
	keys Enter
	wait_for "Range of in-house courses plus shadowing, mentoring, secondments"
	keys j
	wait_line "R1" "Negotiation, planning and commissioning"
	keys e
	wait_for "Edit requirement of the specification R1"
	wait_line "Requirement" "Negotiation, planning and commissioning"
	keys Tab
	keys C-e
	typed "; RMRCC 17"
	keys C-s
	wait_for "R1 changed"
	wait_line "s" "RMRCC 17" "Promote and manage a quality provision"
	keys R
	wait_for "Record a review of the whole specification on 2026-01-15?"
	keys y
	wait_for "reviewed on 2026-01-15"
	keys C-b C-b
	wait_for "last review 2026-01-15 | next due 2027-01-15"
	keys j j
	wait_line "R1" "Negotiation"
	keys D
	wait_for "Delete R1 (T3 is tied to it; C2 refers to it)? (y)es (n)o"
	keys y
	wait_for "R1 deleted"
	wait_gone "Negotiation, planning"
	keys w
	wait_for "saved"
	keys q
	wait_for "NOS units"
	keys q
	wait_exit
	[ "$(field "$T/teamleader/spec.csv" R1 status)" = deleted ] || fail "R1 is no tombstone"
	[ "$(field "$T/teamleader/spec.csv" R1 requirement)" = "" ] || fail "R1 keeps its words"
	[ "$(field "$T/teamleader/spec.csv" whole revised)" = 2026-01-15 ] || fail "no review"
	run 0 spec "$T/teamleader"
	contains "$T/out" "Requirements (14)"
}

# A CPD activity added on screen moves the totals (5 days -> 7, short 10 ->
# 8), they move back when it is deleted; the form refuses an activity with no
# words or no time, and picks its kind from the list.
test_cpd_add_moves_the_total() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys K
	wait_for "Nadia: CPD record"
	wait_for "Counted on 2026-01-15: 5 days (37.5 h) from 7 activities since 2023-01-16"
	wait_for "SHORT of the minimum by 10 days (75 h)"
	wait_for "C2 (2023-01-16) leaves the window on 2026-01-16, taking 1 day (7.5 h) with it"
	wait_line "C1" "2023-01-15" "course" "left 2026-01-15"
	keys a
	wait_for "New CPD activity"
	wait_line "Date" "2026-01-15"
	keys C-s
	wait_for "say what it is"
	wait_for "the time it took: days or hours"
	typed "Course on supervision"
	keys Tab
	keys F2
	wait_for "Pick the kind of activity"
	typed "cours"
	wait_line "course" "Direct training or course"
	keys Enter
	wait_line "Kind" "course"
	wait_for "Direct training or course"
	keys Tab
	typed "2"
	keys Tab Tab Tab
	keys F2
	wait_for "Pick requirements and competences"
	typed "R6"
	wait_line "req" "R6" "Recruit, manage"
	keys Space Enter
	wait_line "Relates to" "R6"
	keys C-s
	wait_for "C9 added; 7 days counted, 8 days short"
	wait_line "C9" "2026-01-15" "course" "2d" "until 2029-01-15"
	keys C-b C-b C-b
	wait_for "Counted on 2026-01-15: 7 days (52.5 h) from 8 activities since 2023-01-16"
	wait_for "SHORT of the minimum by 8 days (60 h)"
	keys G
	wait_line "C9" "2026-01-15"
	keys Enter
	wait_for "Relates to: R6 Recruit, manage and develop a team"
	keys D
	wait_for "Delete C9? (y)es (n)o"
	keys y
	wait_for "C9 deleted"
	keys C-b C-b C-b
	wait_for "Counted on 2026-01-15: 5 days (37.5 h) from 7 activities"
	keys u
	wait_for "Counted on 2026-01-15: 7 days (52.5 h) from 8 activities"
	keys w
	wait_for "saved"
	keys q
	wait_for "NOS units"
	keys q
	wait_exit
	[ "$(field "$T/teamleader/cpd.csv" C9 kind)" = course ] || fail "C9 kind"
	[ "$(field "$T/teamleader/cpd.csv" C9 days)" = 2 ] || fail "C9 days"
	[ "$(field "$T/teamleader/cpd.csv" C9 refs)" = R6 ] || fail "C9 refs"
}

# A target added with a due date before today (CAPBOOK_TODAY) is overdue at
# once; Space marks it done and the count follows; with a later today T4 is
# overdue too.
test_pdp_target_overdue() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys T
	wait_for "Nadia: personal development plan"
	wait_for "5 targets: 2 done, 3 open, 1 overdue (today 2026-01-15)"
	wait_line "[ ] T3" "due 2025-12-19 OVERDUE"
	keys a
	wait_for "New development target"
	wait_line "Agreed with" "Service manager"
	typed "Chair a team meeting"
	keys Tab Tab Tab
	typed "2026-01-10"
	keys Tab Tab F2
	wait_for "Pick what it is tied to"
	typed "recruit"
	wait_line "req" "R6" "Recruit"
	keys Enter
	wait_line "Tied to" "R6"
	keys Tab F2
	wait_for "Pick the level"
	typed "disc"
	keys Enter
	wait_line "Level" "discrete"
	keys C-s
	wait_for "T6 added"
	wait_line "[ ] T6" "due 2026-01-10 OVERDUE" "with Service manager"
	wait_for "For: R6 Recruit, manage and develop a team"
	keys C-b C-b C-b
	wait_for "6 targets: 2 done, 4 open, 2 overdue (today 2026-01-15)"
	keys G
	wait_line "[ ] T6"
	keys Space
	wait_for "T6 done"
	wait_line "[x] T6" "done 2026-01-15"
	keys C-b C-b C-b
	wait_for "6 targets: 3 done, 3 open, 1 overdue"
	keys w
	wait_for "saved"
	keys q
	wait_for "NOS units"
	keys q
	wait_exit
	[ "$(field "$T/teamleader/pdp.csv" T6 done)" = 2026-01-15 ] || fail "T6 not done"
	[ "$(field "$T/teamleader/pdp.csv" T6 level)" = discrete ] || fail "T6 level"
	start 80 24 CAPBOOK_TODAY=2026-04-01 -- "$T/teamleader"
	wait_for "NOS units"
	keys T
	wait_for "6 targets: 3 done, 3 open, 2 overdue (today 2026-04-01)"
	wait_line "[ ] T4" "due 2026-03-31 OVERDUE"
	keys q
	wait_for "NOS units"
	quit_clean
}

# The map from the main screen and from the caseload (no workbook open): areas
# and standards, a standard opened with Enter, / finds a related standard and
# opens the way to it; from one of the views another replaces it (Esc goes
# straight back to the main screen).
test_map_browser() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys M
	wait_for "the 2004 map of leadership and management standards"
	wait_line "A" "Managing self and personal skills"
	wait_line "A1" "Manage your own resources"
	keys j Enter
	wait_for "Specialist standards"
	wait_line "RMA RG6" "Take responsibility for your business performance"
	keys Enter
	wait_gone "Specialist standards"
	keys /
	typed "Make use of supervision"
	keys Enter
	wait_line "DANOS: AC2" "Make use of supervision."
	keys Enter
	wait_for "DANOS AC2: listed against A2 (specialist)"
	keys J
	wait_for "person management specification"
	keys K
	wait_for "Nadia: CPD record"
	keys Escape
	wait_for "NOS units"
	quit_clean
	mkdir "$T/load"
	mv "$T/teamleader" "$T/load/"
	start 80 24 "$T/load"
	wait_for "caseload:"
	keys J
	wait_for "open a workbook first"
	keys M
	wait_for "the 2004 map of leadership and management standards"
	keys Escape
	wait_for "caseload:"
	quit_clean
}

# Read-only: the views show, and every change is refused with the reason.
test_plans_read_only() {
	example teamleader
	cp "$T/teamleader/cpd.csv" "$T/before.csv"
	start 80 24 -- -r "$T/teamleader"
	wait_for "read-only"
	keys K
	wait_for "Nadia: CPD record"
	keys a
	wait_for "read-only: cannot add"
	keys D
	wait_for "read-only: nothing changed"
	keys T
	wait_for "personal development plan"
	keys Space
	wait_for "read-only: nothing changed"
	keys J
	wait_for "person management specification"
	keys R
	wait_for "read-only: nothing changed"
	keys q
	wait_for "NOS units"
	keys q
	wait_exit
	cmp -s "$T/teamleader/cpd.csv" "$T/before.csv" || fail "cpd.csv changed"
}

# A half-filled CPD form survives a hang-up: the next start offers to recover
# it and reopens it with its words.
test_cpd_form_survives_hangup() {
	example teamleader
	start 80 24 "$T/teamleader"
	wait_for "NOS units"
	keys K
	wait_for "CPD record"
	keys a
	wait_for "New CPD activity"
	keys Tab
	typed "Words typed when the line dropped"
	sleep 1
	pid=$(app_pid)
	kill -HUP "$pid"
	wait_exit
	start 80 24 "$T/teamleader"
	wait_for "Recover unsaved work?"
	keys r
	wait_for "New CPD activity (recovered after a crash)"
	wait_line "Activity" "Words typed when the line dropped"
	keys Tab Tab
	typed "reading"
	keys Tab
	typed "1"
	keys C-s
	wait_for "C9 added"
	keys w
	wait_for "saved"
	keys q
	wait_exit
	[ "$(field "$T/teamleader/cpd.csv" C9 activity)" = "Words typed when the line dropped" ] ||
		fail "the words were lost"
}

# --- runner ----------------------------------------------------------------------

tests="
test_demo_three_panes_80x24
test_new_workbook_empty
test_freda_supervision_focus
test_add_entry_and_read_back
test_add_unlinked_entry_shows
test_form_editing
test_paste_long_text
test_summary_in_editor
test_escape_bytes_shown_safely
test_revamp_planned_entry
test_cross_reference
test_status_sign_off_unit
test_sign_edit_void_history
test_changed_since_signed_marked
test_report_key_writes_reports
test_resize_with_form_open
test_too_small_and_back
test_prompt_survives_resize
test_no_color_has_no_colour_sgr
test_ascii_has_no_byte_above_7f
test_caseload_open_and_back
test_quit_asks_only_when_unsaved
test_undo_redo
test_quit_when_too_small
test_search
test_search_reaches_every_row
test_help_lists_actions
test_help_covers_every_key
test_keys_per_keymap
test_search_in_a_view
test_other_terminals
test_signals_exit_promptly
test_terminal_gone
test_unit_planner_fred
test_reverse_transfer_rashid
test_gap_list_fred
test_sessions_view_freda
test_record_session_and_action
test_read_only
test_keys_from_config
test_entry_detail
test_cursor_follows_selection
test_idle_writes_nothing
test_escape_is_prompt
test_conflict_list
test_conflict_list_any_source
test_config_problems_on_screen
test_read_only_says_why
test_others_pending_edits_said
test_readme_workflow_1_supervision_focus
test_readme_workflow_2_plan_optional_units
test_readme_workflow_3_gap_analysis
test_readme_workflow_4_cross_reference
test_readme_workflow_5_reverse_transfer
test_readme_workflow_6_caseload
test_delete_entry
test_edit_and_delete_sessions
test_unit_notes_and_unchoosing
test_profile_dialog
test_caseload_sort_and_filter
test_newest_action_readable
test_unit_titles_told_apart
test_general_resource_and_search
test_planned_through_mapping_counted
test_status_words
test_spec_row_with_pickers
test_spec_edit_review_delete
test_cpd_add_moves_the_total
test_pdp_target_overdue
test_map_browser
test_plans_read_only
test_cpd_form_survives_hangup
"

# Run a subset: SCREEN_TESTS="test_search test_undo_redo" sh tests/screen/run.sh ./capbook
[ -n "${SCREEN_TESTS:-}" ] && tests=$SCREEN_TESTS

after_test() { T kill-session -t "t$$-$1" >/dev/null 2>&1 || true; }

# shellcheck disable=SC2086 # one word a test
run_tests test_ $tests
