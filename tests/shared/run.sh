#!/bin/sh
# tests/shared/run.sh — one server, many people: capbook run as other Unix users
# (uids 4001-4005, which need no entry in the user database) and the group
# `users` (gid 100), with setpriv, on a copy of the binary and data in a folder
# every uid can reach. Needs root; skipped, saying so, otherwise. Nothing in the
# user or group databases is changed.
#
#   sh tests/shared/run.sh PATH_TO_CAPBOOK PATH_TO_UNIT_TESTS   (from the repository root)
set -eu

if [ $# -ne 2 ]; then
	echo "usage: sh tests/shared/run.sh PATH_TO_CAPBOOK PATH_TO_UNIT_TESTS" >&2
	exit 2
fi
REPO=$PWD
for f in "$1" "$2"; do
	if [ ! -x "$f" ]; then
		echo "tests/shared/run.sh: $f is not an executable" >&2
		exit 2
	fi
done

skip() {
	echo "shared: skipped: $*"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "not run as root (these tests run capbook as other users with setpriv; run make check as root to include them)"
command -v setpriv >/dev/null 2>&1 || skip "no setpriv (util-linux)"
GROUP=$(getent group 100 | cut -d: -f1) || true
[ -n "$GROUP" ] || skip "no group with gid 100 (Debian's users)"
for u in 4001 4002 4003 4004 4005; do
	if getent passwd "$u" >/dev/null 2>&1; then
		skip "uid $u has a user-database entry; these tests need uids without one"
	fi
done

# A folder every uid can reach (the checkout may sit under a 0700 home), with a
# copy of the program, its data and the unit tests (they find data/ beside bin/).
work=$(mktemp -d "${TMPDIR:-/tmp}/capbook-shared.XXXXXX")
# the full screen as another user: our tmux server (root) runs capbook through
# capbook-as, so the pane's program is that user's (without tmux those tests skip)
HAVE_TMUX=false
command -v tmux >/dev/null 2>&1 && HAVE_TMUX=true
trap 'if $HAVE_TMUX; then tmux_server_stop; fi; rm -rf "$work"' EXIT
trap 'exit 130' INT HUP TERM
chmod 0755 "$work"
mkdir "$work/bin" "$work/logs" "$work/t"
cp "$1" "$work/bin/capbook"
cp "$2" "$work/bin/unit-tests"
cp -R "$REPO/data" "$work/data"
chmod -R a+rX "$work/bin" "$work/data"
chmod 0755 "$work/t"

# capbook-as: runs capbook (or, with --unit, the unit tests) as $AS_UID with the
# supplementary group $AS_GROUPS (none: no group at all), under umask 077, with
# a home and config of that uid's own: the modes must come from capbook.
cat >"$work/bin/capbook-as" <<EOF
#!/bin/sh
home="$work/home/\$AS_UID"
[ -d "\$home" ] || { mkdir -p "\$home" && chown "\$AS_UID:\$AS_UID" "\$home" && chmod 0700 "\$home"; }
prog="$work/bin/capbook"
if [ "\${1:-}" = --unit ]; then
	shift
	prog="$work/bin/unit-tests"
fi
if [ "\$AS_GROUPS" = none ]; then set -- --clear-groups "\$prog" "\$@"; else set -- --groups "\$AS_GROUPS" "\$prog" "\$@"; fi
umask 077
HOME=\$home XDG_CONFIG_HOME=\$home/.config XDG_DATA_HOME=\$home/.local/share \\
	exec setpriv --reuid "\$AS_UID" --regid "\$AS_UID" "\$@"
EOF
chmod 0755 "$work/bin/capbook-as"

CAPBOOK=$work/bin/capbook-as
tmp=$work/logs
TESTS_DIR=$work/t
export CAPBOOK_TODAY=2026-01-15
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR CAPBOOK_TEST_SHARED_DIR CAPBOOK_TEST_OTHERS 2>/dev/null || true

# fail, run, contains, lacks and the runner
. "$REPO/tests/lib.sh"
if $HAVE_TMUX; then
	# start, keys, screen, wait_for … (tmp: the harness's scratch folder)
	. "$REPO/tests/tmux.sh"
	tmux_server_start
fi
after_test() {
	if $HAVE_TMUX; then T kill-session -t "t$$-$1" >/dev/null 2>&1 || true; fi
}

# The people: ann (4001) a candidate and bob (4002) her assessor, both in the
# group; cy (4003) outside it; dora (4004) and eve (4005) other candidates.
ANN=4001
BOB=4002
CY=4003
DORA=4004
EVE=4005
# as UID: the next `run` is that user, in the group (as_outsider: in none).
as() {
	AS_UID=$1
	AS_GROUPS=100
	export AS_UID AS_GROUPS
}
as_outsider() {
	AS_UID=$1
	AS_GROUPS=none
	export AS_UID AS_GROUPS
}
# shell_as UID COMMAND: a shell command as that member (for chgrp/chmod by hand).
shell_as() {
	setpriv --reuid "$1" --regid "$1" --groups 100 sh -c "$2"
}
# A folder of uid's own in $T, that others may pass through (a home folder).
home_of() {
	mkdir -p "$T/$2"
	chown "$1:$1" "$T/$2"
	chmod 0711 "$T/$2"
}
# shared_wb UID DIR NAME: a workbook made by uid and then shared with the group
# by hand (2770, files 0660), as the README says.
shared_wb() {
	as "$1"
	run 0 new "$2" --candidate "$3"
	shell_as "$1" "chgrp -R $GROUP '$2' && chmod 2770 '$2' && chmod 0660 '$2'/*"
}
# perms FILE: "owner group mode", numbers for the owner, the group's name.
perms() {
	stat -c '%u %G %a' "$1"
}
expect_perms() {
	got=$(perms "$1")
	[ "$got" = "$2" ] || fail "$1 is \"$got\", not \"$2\""
}

# --- tests ---------------------------------------------------------------------

test_members_save_in_turn() {
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	ev=$T/ann/wb/evidence.csv
	as $ANN
	run 0 add "$T/ann/wb" --ref R1 --summary "ann's first" --elements A1.1
	[ "$(cat "$T/out")" = E1 ] || fail "ann's add printed $(cat "$T/out")"
	expect_perms "$ev" "$ANN $GROUP 660"
	as $BOB
	run 0 add "$T/ann/wb" --ref R2 --summary "bob's note"
	[ "$(cat "$T/out")" = E2 ] || fail "bob's add printed $(cat "$T/out")"
	expect_perms "$ev" "$BOB $GROUP 660"
	# bob edits ann's entry, ann edits bob's
	run 0 link "$T/ann/wb" E1 A1.2
	expect_perms "$ev" "$BOB $GROUP 660"
	as $ANN
	run 0 link "$T/ann/wb" E2 SLF.2.AC
	expect_perms "$ev" "$ANN $GROUP 660"
	run 0 add "$T/ann/wb" --ref R3 --summary "ann again"
	expect_perms "$ev" "$ANN $GROUP 660"
	for id in E1 E2 E3; do
		grep -q "^$id,actual," "$ev" || fail "row $id lost"
	done
	contains "$ev" "bob's note"
	grep -q '^E1,.*A1.1; A1.2' "$ev" || fail "bob's edit of E1 lost: $(grep '^E1,' "$ev")"
	grep -q '^E2,.*SLF.2.AC' "$ev" || fail "ann's edit of E2 lost: $(grep '^E2,' "$ev")"
	expect_perms "$T/ann/wb" "$ANN $GROUP 2770"
	[ ! -e "$T/ann/wb/.capbook.lock" ] || fail "a lock was left behind"
	if ls -a "$T/ann/wb" | grep -q '\.tmp$'; then fail "a temporary file was left behind"; fi
	# a file a member makes there is the group's, whatever their file_mode
	as $BOB
	run 0 report "$T/ann/wb" --format html -o "$T/ann/wb/report.html"
	expect_perms "$T/ann/wb/report.html" "$BOB $GROUP 660"
	as $ANN
	run 0 check "$T/ann/wb"
	contains "$T/out" "3 entries, ok"
}

test_outsider_is_told_permission_denied() {
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	as_outsider $CY
	run 2 check "$T/ann/wb"
	contains "$T/err" "capbook: $T/ann/wb: permission denied (you are not in group $GROUP)"
	lacks "$T/err" "not a workbook"
	run 2 add "$T/ann/wb" --ref R1 --summary "cy's"
	contains "$T/err" "permission denied (you are not in group $GROUP)"
	# a workbook cy may read but not write: the save is refused (exit 1)
	chmod o+rx "$T/ann/wb"
	chmod o+r "$T/ann/wb"/*
	cp "$T/ann/wb/evidence.csv" "$T/before.csv"
	run 0 check "$T/ann/wb"
	run 1 add "$T/ann/wb" --ref R1 --summary "cy's"
	grep -qi "permission denied" "$T/err" || fail "no permission denied in: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "a refused add printed an id"
	cmp -s "$T/before.csv" "$T/ann/wb/evidence.csv" || fail "a refused add changed evidence.csv"
}

test_member_refused_a_sheet_kept_from_the_group() {
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	shell_as $ANN "chmod 0640 '$T/ann/wb/evidence.csv'"
	cp "$T/ann/wb/evidence.csv" "$T/before.csv"
	as $BOB
	run 0 check "$T/ann/wb"
	run 1 add "$T/ann/wb" --ref R1 --summary "bob's"
	contains "$T/err" "capbook: $T/ann/wb/evidence.csv: permission denied (its group $GROUP may not write it)"
	cmp -s "$T/before.csv" "$T/ann/wb/evidence.csv" || fail "evidence.csv was replaced"
	expect_perms "$T/ann/wb/evidence.csv" "$ANN $GROUP 640"
	# the sheet's owner still may
	as $ANN
	run 0 add "$T/ann/wb" --ref R1 --summary "ann's"
	expect_perms "$T/ann/wb/evidence.csv" "$ANN $GROUP 640"
}

test_group_that_cannot_be_kept_is_not_given_away() {
	home_of $ANN ann
	as $ANN
	run 0 new "$T/ann/wb" --candidate "Ann Example"
	# a sheet of ann's that another group (one ann is not in) may write
	chgrp 4999 "$T/ann/wb/evidence.csv"
	chmod 0660 "$T/ann/wb/evidence.csv"
	run 1 add "$T/ann/wb" --ref R1 --summary "ann's"
	contains "$T/err" "its group 4999 cannot be kept (you are not in it)"
	[ "$(stat -c %g "$T/ann/wb/evidence.csv")" = 4999 ] || fail "the sheet's group changed"
}

test_journals_apart() {
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	export CAPBOOK_TEST_SHARED_DIR="$T/ann/wb"
	# ann's session is killed with an edit journalled (the unit test leaves it)
	as $ANN
	export CAPBOOK_TEST_OTHERS=""
	run 0 --unit --filter 'shared/journals_apart_in_one_folder'
	contains "$T/err" "Passing: 1"
	expect_perms "$T/ann/wb/.capbook-journal-$ANN.csv" "$ANN $GROUP 600"
	# bob is not held up by ann's unsaved edits, and they are not offered to him
	as $BOB
	run 0 add "$T/ann/wb" --ref R2 --summary "bob's"
	run 0 check "$T/ann/wb"
	lacks "$T/err" "recovery journal"
	export CAPBOOK_TEST_OTHERS="$ANN"
	run 0 --unit --filter 'shared/journals_apart_in_one_folder'
	contains "$T/err" "Passing: 1"
	expect_perms "$T/ann/wb/.capbook-journal-$BOB.csv" "$BOB $GROUP 600"
	expect_perms "$T/ann/wb/.capbook-journal-$ANN.csv" "$ANN $GROUP 600"
	# ann's own journal stops her command-line save until she recovers it
	as $ANN
	run 1 add "$T/ann/wb" --ref R3 --summary "ann's"
	contains "$T/err" "holds unsaved work"
	run 1 check "$T/ann/wb"
	joined "$T/err"
	contains "$T/err.joined" ".capbook-journal-$ANN.csv: warning: a recovery journal is pending: 1 unsaved edit"
	contains "$T/err" "by $ANN on"
}

test_old_journal_moves_for_its_owner() {
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	shell_as $ANN "umask 077; printf '%s\n%s\n' 'kind,time,user,host,sheet,id,col,before,after' 'edit,2026-01-15 10:00:00,ann,h,evidence.csv,E1,summary,,typed' >'$T/ann/wb/.capbook-journal.csv'"
	as $BOB
	run 0 check "$T/ann/wb"
	lacks "$T/err" "recovery journal"
	[ -f "$T/ann/wb/.capbook-journal.csv" ] || fail "bob moved ann's journal"
	as $ANN
	run 1 check "$T/ann/wb"
	contains "$T/err" ".capbook-journal-$ANN.csv: warning: a recovery journal is pending"
	[ ! -e "$T/ann/wb/.capbook-journal.csv" ] || fail "the old journal is still there"
	expect_perms "$T/ann/wb/.capbook-journal-$ANN.csv" "$ANN $GROUP 600"
}

test_caseload_through_links() {
	home_of $ANN ann
	home_of $DORA dora
	home_of $EVE eve
	home_of $BOB bob
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	# dora lets the group read only: 2750, files 0640
	as $DORA
	run 0 new "$T/dora/wb" --candidate "Dora Reader"
	shell_as $DORA "chgrp -R $GROUP '$T/dora/wb' && chmod 2750 '$T/dora/wb' && chmod 0640 '$T/dora/wb'/*"
	# eve keeps hers private
	as $EVE
	run 0 new "$T/eve/wb" --candidate "Eve Private"
	shell_as $BOB "mkdir '$T/bob/caseload' && ln -s '$T/ann/wb' '$T/bob/caseload/ann' && ln -s '$T/dora/wb' '$T/bob/caseload/dora' && ln -s '$T/eve/wb' '$T/bob/caseload/eve'"
	as $BOB
	run 0 report "$T/bob/caseload" --format csv
	contains "$T/out" "ann,Ann Example,"
	contains "$T/out" "dora,Dora Reader,"
	contains "$T/err" "capbook: $T/eve/wb: permission denied (only its owner $EVE may look into it)"
	run 2 check "$T/bob/caseload"
	contains "$T/out" "$T/bob/caseload/ann: 0 entries, ok"
	contains "$T/out" "$T/bob/caseload/dora: 0 entries, ok"
	contains "$T/err" "$T/eve/wb: permission denied"
	# and the assessor's notes go into the candidate he may write
	run 0 add "$T/bob/caseload/ann" --ref R1 --summary "assessor's note"
	expect_perms "$T/ann/wb/evidence.csv" "$BOB $GROUP 660"
	run 1 add "$T/bob/caseload/dora" --ref R1 --summary "assessor's note"
}

test_core_as_group_members() {
	# the unit tests that permissions stop (skipped as root), as ann and as cy
	as $ANN
	run 0 --unit --filter 'shared/*'
	contains "$T/err" "Failing: 0"
	as_outsider $CY
	run 0 --unit --filter 'shared/*'
	contains "$T/err" "Failing: 0"
}

test_new_with_group_by_a_member() {
	home_of $ANN ann
	as $ANN
	run 0 new "$T/ann/wb" --candidate "Ann Example" --group "$GROUP"
	contains "$T/out" "shared with group $GROUP"
	expect_perms "$T/ann/wb" "$ANN $GROUP 2770"
	expect_perms "$T/ann/wb/evidence.csv" "$ANN $GROUP 660"
	as $BOB
	run 0 add "$T/ann/wb" --ref R1 --summary "bob's note"
	expect_perms "$T/ann/wb/evidence.csv" "$BOB $GROUP 660"
	# [workbook] group in ann's own config does the same
	shell_as $ANN "umask 077; mkdir -p '$work/home/$ANN/.config/capbook' && printf '[workbook]\ngroup = %s\n' $GROUP >'$work/home/$ANN/.config/capbook/capbook.ini'"
	as $ANN
	run 0 new "$T/ann/wb2" --candidate "Ann Two"
	expect_perms "$T/ann/wb2" "$ANN $GROUP 2770"
	# a group the user is not in: refused, nothing made
	home_of $CY cy
	as_outsider $CY
	run 1 new "$T/cy/wb" --candidate "Cy" --group "$GROUP"
	contains "$T/err" "you are not in group $GROUP, so a workbook cannot be shared with it"
	[ ! -e "$T/cy/wb/workbook.ini" ] || fail "a refused new made a workbook"
	# the caseload screen's new workbook: the config's group offered, shared as
	# new --group shares it; a group left out of the dialog: private
	$HAVE_TMUX || return 0
	shell_as $ANN "mkdir '$T/ann/caseload' && ln -s '$T/ann/wb' '$T/ann/caseload/ann'"
	start 80 24 AS_UID=$ANN AS_GROUPS=100 -- "$T/ann/caseload"
	wait_for "caseload: 1 workbook"
	keys a
	wait_for "New workbook in"
	wait_line "Group" "$GROUP"
	typed "amelia"
	keys Tab
	typed "Amelia"
	keys C-s
	wait_for "made amelia for Amelia"
	keys a
	wait_for "New workbook in"
	typed "ben"
	keys Tab
	typed "Ben"
	keys Tab Tab Tab Tab
	wait_line "Group" "$GROUP"
	keys C-u
	keys C-s
	wait_for "made ben for Ben"
	keys q
	wait_exit
	expect_perms "$T/ann/caseload/amelia" "$ANN $GROUP 2770"
	expect_perms "$T/ann/caseload/amelia/evidence.csv" "$ANN $GROUP 660"
	[ "$(stat -c %a "$T/ann/caseload/ben")" = 700 ] || fail "ben: $(stat -c '%a %G' "$T/ann/caseload/ben")"
}

# An outsider who may read a workbook but not write it: the screen's header
# says why it is read-only; the command line refuses a save with the reason,
# before any lock.
test_outsider_sees_why_read_only() {
	$HAVE_TMUX || {
		echo "no tmux"
		exit 77
	}
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	chmod o+rx "$T/ann/wb"
	chmod o+r "$T/ann/wb"/*
	start 80 24 AS_UID=$CY AS_GROUPS=none -- "$T/ann/wb"
	wait_for "Ann Example"
	screen | head -n 1 | grep -qF "read-only: you are not in group $GROUP" || fail "header: $(screen | head -n 1)"
	keys w
	wait_for "read-only: not saved (you are not in group $GROUP)"
	keys q
	wait_exit
	[ "$rc" = 0 ] || fail "exit status $rc"
	[ ! -e "$T/ann/wb/.capbook.lock" ] || fail "a lock was left"
	as_outsider $CY
	run 1 add "$T/ann/wb" --ref R1 --summary "cy's"
	contains "$T/err" "capbook: $T/ann/wb: permission denied (you are not in group $GROUP); nothing saved"
	lacks "$T/err" "capbook.lock"
}

# A member's full-screen session killed with an entry unsaved: the journal is
# hers alone; the other member opening the workbook is not offered it, and is
# told it is there (whose, since when); check says so too. She recovers it.
test_killed_session_journal_is_the_members_own() {
	$HAVE_TMUX || {
		echo "no tmux"
		exit 77
	}
	home_of $ANN ann
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	start 80 24 AS_UID=$ANN AS_GROUPS=100 -- "$T/ann/wb"
	wait_for "NOS units"
	keys a
	wait_for "New entry"
	keys Tab Tab Tab
	typed "Ann's words, not yet saved"
	keys C-s
	wait_for "E1 added"
	kill -9 "$(app_pid)"
	wait_exit
	expect_perms "$T/ann/wb/.capbook-journal-$ANN.csv" "$ANN $GROUP 600"
	# bob: a session of his own (its own folder for the harness's files)
	T0=$T
	T=$T/bob-screen
	mkdir -p "$T"
	name=$name-bob
	start 80 24 AS_UID=$BOB AS_GROUPS=100 -- "$T0/ann/wb"
	wait_for "Take over a stale lock?"
	keys y
	wait_for "$ANN has unsaved edits pending since"
	screen | grep -qF "Recover unsaved work?" && fail "bob was offered ann's journal"
	screen | head -n 1 | grep -qF "read-only" && fail "bob's copy is read-only: $(screen | head -n 1)"
	keys q
	wait_exit
	T kill-session -t "$S"
	T=$T0
	as $BOB
	run 0 check "$T/ann/wb"
	contains "$T/err" "capbook: $T/ann/wb: note: $ANN has unsaved edits pending since"
	lacks "$T/err" "recovery journal is pending"
	# ann is offered her own, and saves it
	name=${name%-bob}
	start 80 24 AS_UID=$ANN AS_GROUPS=100 -- "$T/ann/wb"
	wait_for "Recover unsaved work?"
	keys r
	wait_for "recovered "
	keys w
	wait_for "saved"
	keys q
	wait_exit
	grep -q "Ann's words, not yet saved" "$T/ann/wb/evidence.csv" || fail "ann's entry was not recovered"
	[ ! -e "$T/ann/wb/.capbook-journal-$ANN.csv" ] || fail "ann's journal is still there"
}

# A caseload through links: the candidates the assessor can only read, or not
# reach, are marked with the reason on the screen, in report and in check.
test_caseload_marks_read_only_and_unreachable() {
	home_of $ANN ann
	home_of $DORA dora
	home_of $EVE eve
	home_of $BOB bob
	shared_wb $ANN "$T/ann/wb" "Ann Example"
	as $DORA
	run 0 new "$T/dora/wb" --candidate "Dora Reader"
	shell_as $DORA "chgrp -R $GROUP '$T/dora/wb' && chmod 2750 '$T/dora/wb' && chmod 0640 '$T/dora/wb'/*"
	as $EVE
	run 0 new "$T/eve/wb" --candidate "Eve Private"
	shell_as $BOB "mkdir '$T/bob/caseload' && ln -s '$T/ann/wb' '$T/bob/caseload/ann' && ln -s '$T/dora/wb' '$T/bob/caseload/dora' && ln -s '$T/eve/wb' '$T/bob/caseload/eve'"
	as $BOB
	run 0 report "$T/bob/caseload"
	joined "$T/out" # the table wraps where it wraps
	contains "$T/out.joined" "Dora Reader (read-only for you: its group $GROUP may not write in it)"
	contains "$T/out.joined" "eve (cannot be opened: only its owner $EVE may look into it)"
	run 0 report "$T/bob/caseload" --format csv
	python3 - "$T/out" "$GROUP" "$EVE" <<'EOF'
import csv, sys
rows = {r['folder']: r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))}
assert rows['ann']['access'] == 'read-write' and rows['ann']['why'] == '', rows['ann']
assert rows['dora']['access'] == 'read-only', rows['dora']
assert rows['dora']['why'] == 'its group %s may not write in it' % sys.argv[2], rows['dora']
assert rows['eve']['access'] == 'none' and rows['eve']['entries'] == '', rows['eve']
assert rows['eve']['why'] == 'only its owner %s may look into it' % sys.argv[3], rows['eve']
EOF
	run 2 check "$T/bob/caseload"
	contains "$T/out" "$T/bob/caseload/ann: 0 entries, ok"
	lacks "$T/out" "caseload/ann: 0 entries, ok (read-only"
	contains "$T/out" "$T/bob/caseload/dora: 0 entries, ok (read-only for you: its group $GROUP may not write in it)"
	$HAVE_TMUX || return 0
	start 80 24 AS_UID=$BOB AS_GROUPS=100 -- "$T/bob/caseload"
	wait_for "caseload: 3 workbooks"
	wait_joined "read-only for you: its group $GROUP may not write in it"
	wait_line "eve" "cannot be opened:"
	wait_joined "only its owner $EVE may look into it"
	keys q
	wait_exit
}

# --- runner ----------------------------------------------------------------------

tests="
test_members_save_in_turn
test_outsider_is_told_permission_denied
test_member_refused_a_sheet_kept_from_the_group
test_group_that_cannot_be_kept_is_not_given_away
test_journals_apart
test_old_journal_moves_for_its_owner
test_caseload_through_links
test_core_as_group_members
test_new_with_group_by_a_member
test_outsider_sees_why_read_only
test_killed_session_journal_is_the_members_own
test_caseload_marks_read_only_and_unreachable
"

# shellcheck disable=SC2086 # one word a test
run_tests test_ $tests
