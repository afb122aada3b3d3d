#!/bin/sh
# tests/screen/golden.sh — whole-screen tests: each case drives capbook in tmux
# with a script of keys and compares the whole screen (and where the cursor is)
# with tests/screen/golden/CASE.txt. From the repository root:
#   sh tests/screen/golden.sh PATH_TO_CAPBOOK            compare (make screen)
#   sh tests/screen/golden.sh --update PATH_TO_CAPBOOK   rewrite the golden files
#                                                        (make golden)
# A change in what the screen shows fails here until the golden files are
# rewritten and the difference read in `git diff`. The date, locale, terminal
# and the workbooks' paths (relative, in a temporary folder) are pinned, so the
# screens are the same on every machine. GOLDEN_CASES="main_80x24 help" runs some.
set -eu

update=false
if [ "${1:-}" = --update ]; then
	update=true
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: sh tests/screen/golden.sh [--update] PATH_TO_CAPBOOK" >&2
	exit 2
fi
case $1 in
/*) CAPBOOK=$1 ;;
*) CAPBOOK=$PWD/$1 ;;
esac
if [ ! -x "$CAPBOOK" ]; then
	echo "tests/screen/golden.sh: $CAPBOOK is not an executable" >&2
	exit 2
fi
REPO=$PWD
EXAMPLES=$REPO/data/examples
GOLDEN=$REPO/tests/screen/golden

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-golden.XXXXXX")
. "$REPO/tests/tmux.sh"
trap 'tmux_server_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LANG=C.UTF-8
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR ESCDELAY LINES COLUMNS TMUX 2>/dev/null || true
mkdir -p "$HOME"
tmux_server_start

. "$REPO/tests/lib.sh"

fail() {
	echo "FAIL: $*"
	if [ -n "${S:-}" ] && T has-session -t "$S" 2>/dev/null; then
		echo "screen was:"
		T capture-pane -p -t "$S" | sed 's/^/  | /'
	fi
	exit 1
}

# example NAME: a copy of data/examples/NAME in the test's folder, opened as the
# relative path NAME (capbook runs there), so no temporary path shows.
example() {
	cp -R "$EXAMPLES/$1" "$T/$1"
	find "$T/$1" -name '.capbook*' -exec rm -f {} +
}

# snap: the screen, once settled, and the cursor, against golden/$name.txt.
snap() {
	wait_settled
	{
		screen
		T display-message -p -t "$S" -- '-- cursor at row #{cursor_y}, column #{cursor_x}'
	} >"$T/got.txt"
	if $update; then
		cp "$T/got.txt" "$GOLDEN/$name.txt"
		echo "wrote tests/screen/golden/$name.txt"
		return 0
	fi
	[ -f "$GOLDEN/$name.txt" ] || fail "no tests/screen/golden/$name.txt (make golden writes it)"
	if ! cmp -s "$GOLDEN/$name.txt" "$T/got.txt"; then
		diff -u "$GOLDEN/$name.txt" "$T/got.txt" | sed 's/^/  /'
		fail "the screen differs from tests/screen/golden/$name.txt (make golden rewrites it)"
	fi
}

# main SIZE...: the demo's main screen.
main_screen() {
	example freda
	start "$@" freda
	wait_for "Detail"
	snap
}

# --- the cases: the key script, then snap ---

g_main_80x24() { main_screen 80 24; }
g_main_40x12() { main_screen 40 12; }
g_main_200x50() { main_screen 200 50; }
g_main_ascii() { main_screen 80 24 -- --ascii; }
g_main_linux() { main_screen 80 24 TERM=linux; }

g_main_evidence() {
	example freda
	start 80 24 freda
	wait_for "Evidence ("
	keys Tab Tab j
	wait_for "[Evidence"
	snap
}

g_main_expanded() {
	example freda
	start 80 24 freda
	wait_for "Evidence ("
	keys j Enter j j
	wait_for "SLF.2"
	keys Tab Enter
	wait_for "A1.1"
	snap
}

g_grid() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys Tab g
	wait_for "mapping grid of"
	snap
}

g_log_sheet() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys Tab L
	wait_for "log sheet of"
	snap
}

g_gaps() {
	example fred
	start 80 24 fred
	wait_for "NOS units"
	keys x
	wait_for "gaps up to"
	snap
}

g_planner() {
	example fred
	start 80 24 fred
	wait_for "NOS units"
	keys p
	wait_for "unit planner"
	snap
}

g_sessions() {
	example freda
	start 80 24 CAPBOOK_TODAY=2026-03-20 -- freda
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	snap
}

g_coverage() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys v
	wait_for "coverage picture"
	snap
}

g_detail() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys j Enter j j
	wait_for "SLF.2"
	keys Enter
	wait_for "capbook  SLF.2"
	snap
}

g_help() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys '?'
	wait_for "Moving"
	snap
}

g_help_form() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	keys F1
	wait_for "help: the entry form"
	snap
}

g_form() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	snap
}

g_form_40x12() {
	example freda
	start 40 12 freda
	wait_for "Detail"
	keys a
	wait_for "New entry"
	snap
}

g_picker() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	keys Tab Tab Tab Tab
	wait_for "F2 pick from list"
	keys F2
	wait_for "Esc cancels"
	typed "supervision"
	wait_gone "A1.1"
	snap
}

g_prompt_line() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys /
	typed "360"
	wait_for "/360"
	snap
}

g_prompt_choice() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence"
	keys t
	wait_for "Status: (p)lanned"
	snap
}

g_too_small() {
	example freda
	start 39 11 freda
	wait_for "terminal too small"
	snap
}

g_profile() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys P
	wait_for "The workbook's profile"
	snap
}

g_session_edit() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	keys e
	wait_for "Session S1"
	snap
}

g_action_edit() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys S
	wait_for "supervision sessions"
	keys j e
	wait_for "Agreed action AP1"
	snap
}

g_delete_question() {
	example freda
	start 80 24 freda
	wait_for "NOS units"
	keys Tab Tab
	wait_for "[Evidence"
	keys D y
	wait_for "all the same?"
	snap
}

g_gap_units() {
	example fred
	start 80 24 fred
	wait_for "NOS units"
	keys x
	wait_for "gaps up to"
	keys G g
	wait_for "units whose mapping links to COL"
	snap
}

g_caseload_sorted() {
	mkdir "$T/examples"
	for w in "$EXAMPLES"/*/; do
		example "$(basename "$w")"
		mv "$T/$(basename "$w")" "$T/examples/"
	done
	start 80 24 examples
	wait_for "Rashid"
	keys s s
	wait_for "by gaps (most first)"
	snap
}

g_caseload() {
	mkdir "$T/examples"
	for w in "$EXAMPLES"/*/; do
		example "$(basename "$w")"
		mv "$T/$(basename "$w")" "$T/examples/"
	done
	start 80 24 examples
	wait_for "caseload:"
	wait_for "Rashid"
	snap
}

# The conflict list at open: a field a save set aside and one a git merge did.
g_conflicts() {
	example freda
	printf '%s\n' 'sheet,id,field,base,on_disk,mine,source,when' \
		'evidence.csv,E3,ref,P/016-old,P/016,P/016-mine,save,2026-01-15 10:15:00' \
		'evidence.csv,E4,summary,"Personal development plan for 2025","Personal development plan for 2025, agreed with Joseph, with objectives, learning activities and target dates.","Personal development plan for 2025 and 2026, agreed in supervision",git merge,2026-01-15 11:02:41' \
		>"$T/freda/.capbook-conflicts-golden.csv"
	start 80 24 freda
	wait_for "conflicts: 2 fields"
	snap
}

# The 2004 standards put to work: the teamleader's specification, plan and CPD
# record, the map with A1 open, the row form and the picker of competences.
g_spec() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys J
	wait_for "person management specification"
	snap
}

g_pdp() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys T
	wait_for "personal development plan"
	snap
}

g_cpd() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys K
	wait_for "CPD record"
	snap
}

g_map() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys M
	wait_for "the 2004 map"
	keys j Enter
	wait_for "Specialist standards"
	snap
}

g_row_form() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys K
	wait_for "CPD record"
	keys a
	wait_for "New CPD activity"
	keys Tab
	typed "Shadowed the service manager at a budget meeting"
	keys Tab
	typed "shadowing"
	wait_for "Shadowing"
	snap
}

g_choose() {
	example teamleader
	start 80 24 teamleader
	wait_for "NOS units"
	keys J
	wait_for "person management specification"
	keys a
	wait_for "New requirement"
	keys Tab F2
	wait_for "Pick competences"
	typed "supervision"
	wait_gone "MSC A1 "
	snap
}

cases="
g_main_80x24
g_main_40x12
g_main_200x50
g_main_ascii
g_main_linux
g_main_evidence
g_main_expanded
g_grid
g_log_sheet
g_gaps
g_planner
g_sessions
g_coverage
g_detail
g_help
g_help_form
g_form
g_form_40x12
g_picker
g_prompt_line
g_prompt_choice
g_too_small
g_caseload
g_conflicts
g_caseload_sorted
g_profile
g_session_edit
g_action_edit
g_delete_question
g_gap_units
g_spec
g_pdp
g_cpd
g_map
g_row_form
g_choose
"
[ -n "${GOLDEN_CASES:-}" ] && cases=$(printf '%s\n' $GOLDEN_CASES | sed 's/^g_//; s/^/g_/')
mkdir -p "$GOLDEN"

after_test() { T kill-session -t "t$$-$1" >/dev/null 2>&1 || true; }

# shellcheck disable=SC2086 # one word a case
run_tests g_ $cases
