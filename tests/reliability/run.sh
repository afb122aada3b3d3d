#!/bin/sh
# tests/reliability/run.sh — "never lose a word": locks, the recovery journal after
# SIGHUP / SIGTERM / SIGKILL, saves killed at random moments, and a sheet re-saved
# by LibreOffice while the workbook is open. Usage (from the repository root):
#   sh tests/reliability/run.sh PATH_TO_CAPBOOK
# Prints "ok - name" / "not ok - name", then "N passed, N failed".
set -eu

case ${1:-} in
"") echo "usage: sh tests/reliability/run.sh PATH_TO_CAPBOOK" >&2 && exit 2 ;;
/*) CAPBOOK=$1 ;;
*) CAPBOOK=$PWD/$1 ;;
esac
REPO=$PWD
EXAMPLES=$REPO/data/examples
KILLS=${KILLS:-200}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-rel.XXXXXX")
# the private tmux server and the helpers that drive capbook in it
. "$REPO/tests/tmux.sh"
trap 'tmux_server_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LC_ALL=C.UTF-8
export TERM=xterm-256color
# each person's journal is .capbook-journal-LOGIN.csv: the login name, or the
# uid's number when the user database has none
JOURNAL=.capbook-journal-$(id -un 2>/dev/null || id -u).csv
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR TMUX 2>/dev/null || true
mkdir -p "$HOME"
umask 022
tmux_server_start

# fail, run, contains and the runner
. "$REPO/tests/lib.sh"

# summary_of WORKBOOK ID: the entry's summary, read with python's csv module.
summary_of() {
	python3 - "$1/evidence.csv" "$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        if row.get('id') == sys.argv[2]:
            print(row.get('summary', ''), end='')
EOF
}

has_summary() {
	python3 - "$1/evidence.csv" "$2" <<'EOF' || fail "no entry with summary \"$2\" in $1/evidence.csv"
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    sys.exit(0 if any(r.get('summary') == sys.argv[2] for r in csv.DictReader(f)) else 1)
EOF
}

# --- the screen: sessions by name, in the harness's private tmux server ---

# screen_start NAME COMMAND...: the pane is the command (its pid is capbook's).
screen_start() {
	_ss=$1
	shift
	tm_new "$_ss" 80 24 "exec $*"
}

screen() { tm_screen "$1"; }
keys() { tm_keys "$@"; }

# wait_for NAME TEXT [SECONDS]: polls the screen until TEXT shows.
wait_for() { tm_wait_for "$1" "$2" $((${3:-5} * 10)); }

pane_pid() { T display-message -p -t "$1" '#{pane_pid}'; }

# gone PID [SECONDS]: waits for the process to end.
gone() {
	i=0
	# a zombie has ended: tmux may take a moment to reap it
	while kill -0 "$1" 2>/dev/null && ! ps -o stat= -p "$1" | grep -q Z; do
		i=$((i + 1))
		[ $i -lt $((${2:-1} * 20)) ] || fail "process $1 still running after ${2:-1} s"
		sleep 0.05
	done
}

example() {
	cp -R "$EXAMPLES/$1" "$T/$1"
}

# --- locks ---

test_lock_refuses_second_writer() {
	example fred
	sleep 30 &
	holder=$!
	printf 'user=ann\nhost=%s\npid=%s\nsince=2026-01-15 09:00:00\n' "$(hostname)" "$holder" \
		>"$T/fred/.capbook.lock"
	cp "$T/fred/evidence.csv" "$T/before.csv"
	run 1 add "$T/fred" --ref R --summary "second writer" --elements A1.1
	kill "$holder"
	contains "$T/err" "open for writing by ann on $(hostname) (pid $holder)"
	cmp "$T/before.csv" "$T/fred/evidence.csv" || fail "a locked workbook was written"
	[ -f "$T/fred/.capbook.lock" ] || fail "someone else's lock was removed"
}

test_stale_lock_taken_over() {
	example fred
	sh -c 'exit 0' &
	dead=$!
	wait $dead
	printf 'user=ann\nhost=%s\npid=%s\nsince=2026-01-15 09:00:00\n' "$(hostname)" "$dead" \
		>"$T/fred/.capbook.lock"
	run 0 add "$T/fred" --ref R --summary "after a stale lock" --elements A1.1
	contains "$T/err" "taking over the lock left by ann"
	has_summary "$T/fred" "after a stale lock"
	[ ! -e "$T/fred/.capbook.lock" ] || fail "the lock was left behind"
}

test_pending_journal_reported_and_respected() {
	example fred
	# written as an older capbook named it: its owner's own journal now
	printf 'kind,time,user,host,sheet,id,col,before,after\nedit,2026-01-15 10:00:00,ann,h1,evidence.csv,E1,summary,,typed then lost\n' \
		>"$T/fred/.capbook-journal.csv"
	run 1 check "$T/fred"
	contains "$T/err" "$JOURNAL: "
	joined "$T/err"
	contains "$T/err.joined" "a recovery journal is pending: 1 unsaved edit"
	run 1 add "$T/fred" --ref R --summary "would collide" --elements A1.1
	contains "$T/err" "unsaved work from a session that ended abruptly"
}

test_files_private_and_nothing_left() {
	run 0 new "$T/wb" --candidate "Private Person"
	run 0 add "$T/wb" --ref R --summary "personal" --elements A1.1
	for f in "$T"/wb/*.csv "$T/wb/workbook.ini"; do
		m=$(stat -c %a "$f")
		[ "$m" = 600 ] || fail "$f has mode $m"
	done
	left=$(find "$T/wb" -name '.*' -type f)
	[ -z "$left" ] || fail "left behind: $left"
}

# --- saves killed at random moments ---

test_saves_survive_sigkill() {
	run 0 new "$T/big" --candidate "Big Workbook"
	python3 - "$T/big/evidence.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], 'a', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    for i in range(1, 20001):
        w.writerow([f'E{i}', 'actual', '2025-01-01', f'P/{i}',
                    f'Evidence {i}, with "quotes", commas\nand a second line ' + 'x' * 80,
                    'A1.1; A1.2', 'SLF.2.AC', '', '', '', ''])
EOF
	size=$(wc -c <"$T/big/evidence.csv")
	# how long one add takes here: the kills land in its second half, where it saves
	t0=$(date +%s%N)
	run 0 add "$T/big" --ref K0 --summary "timing" --elements A1.1
	ms=$((($(date +%s%N) - t0) / 1000000))
	n=0
	torn=0
	while [ $n -lt "$KILLS" ]; do
		n=$((n + 1))
		cp "$T/big/evidence.csv" "$T/before.csv"
		"$CAPBOOK" add "$T/big" --ref "K$n" --summary "kill $n" --elements A1.1 >/dev/null 2>&1 &
		pid=$!
		# somewhere between start-up and the end of the save
		sleep "$(awk -v s="$n$$" -v ms="$ms" 'BEGIN { srand(s); printf "%.4f", ms * (0.4 + rand() * 0.7) / 1000 }')"
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
		if ls -a "$T/big" | grep -q '^\.evidence\.csv\..*\.tmp$'; then
			echo mid-write >>"$T/outcomes" # killed while writing its temporary file
		fi
		if cmp -s "$T/before.csv" "$T/big/evidence.csv"; then
			echo old >>"$T/outcomes"
			continue
		fi
		python3 - "$T/before.csv" "$T/big/evidence.csv" "kill $n" "$T/outcomes" <<'EOF' || torn=$((torn + 1))
import csv, sys
old = open(sys.argv[1], 'rb').read()
new = open(sys.argv[2], 'rb').read()
outcome = open(sys.argv[4], 'a')
if new == old:
    outcome.write('old\n')
    sys.exit(0)
outcome.write('new\n')
# the new version: the old bytes, whole, then one more row with our summary
if not new.startswith(old):
    print("evidence.csv is neither the old nor the new version"); sys.exit(1)
rows = list(csv.reader(new.decode('utf-8').splitlines(True)))
if rows[-1][4] != sys.argv[3]:
    print("the new row is not whole:", rows[-1]); sys.exit(1)
EOF
		[ $torn -eq 0 ] || fail "after kill $n the sheet was torn"
	done
	echo "$n kills during saves of a $size-byte sheet: $(grep -c old "$T/outcomes") left the old version, $(grep -c new "$T/outcomes") the new, none torn; $(grep -c mid-write "$T/outcomes") were killed mid-write"
	run 0 check "$T/big"
}

# --- the screen: hang-ups and crashes lose nothing ---

# opens the form, types a summary in two steps, leaves the cursor in it
type_entry() {
	keys "$1" a
	wait_for "$1" "New entry"
	keys "$1" Tab Tab "P/77" Tab
	keys "$1" -l "$2"
	sleep 0.2
}

recover_and_save() {
	screen_start "$1" "$CAPBOOK" "$2"
	if [ "${3:-}" = stale ]; then
		# a killed process leaves its lock: capbook asks before taking it over
		wait_for "$1" "Take over a stale lock?"
		keys "$1" y
	fi
	wait_for "$1" "Recover unsaved work?"
	keys "$1" r
}

test_sighup_keeps_a_half_filled_form() {
	example freda
	screen_start hup "$CAPBOOK" "$T/freda"
	wait_for hup "Capabilities"
	type_entry hup "Words typed when the line dropped, café, ok"
	pid=$(pane_pid hup)
	kill -HUP "$pid"
	gone "$pid" 1
	[ -f "$T/freda/$JOURNAL" ] || fail "no journal after SIGHUP"
	run 1 check "$T/freda"
	joined "$T/err"
	contains "$T/err.joined" "a recovery journal is pending: 0 unsaved edits and 1 unfinished form"
	recover_and_save hup2 "$T/freda"
	wait_for hup2 "recovered after a crash"
	wait_for hup2 "Words typed when the line dropped, café, ok"
	keys hup2 C-s
	wait_for hup2 "added"
	keys hup2 w
	wait_for hup2 "saved"
	keys hup2 q
	has_summary "$T/freda" "Words typed when the line dropped, café, ok"
	[ ! -e "$T/freda/$JOURNAL" ] || fail "the journal was left after a clean save"
	[ ! -e "$T/freda/.capbook.lock" ] || fail "the lock was left after quitting"
}

test_sigterm_exits_promptly_and_keeps_the_form() {
	example john
	screen_start term "$CAPBOOK" "$T/john"
	wait_for term "Capabilities"
	type_entry term "Typed before SIGTERM"
	pid=$(pane_pid term)
	kill -TERM "$pid"
	gone "$pid" 1
	recover_and_save term2 "$T/john"
	wait_for term2 "Typed before SIGTERM"
	keys term2 Escape
	wait_for term2 "Discard"
	keys term2 y
	keys term2 q
	sleep 0.3
	screen term2 2>/dev/null | grep -q "Save changes" && keys term2 n
	true
}

test_sigkill_keeps_recorded_entries() {
	example fred
	screen_start kill "$CAPBOOK" "$T/fred"
	wait_for kill "Capabilities"
	type_entry kill "Recorded, then the program was killed"
	keys kill C-s
	wait_for kill "added"
	pid=$(pane_pid kill)
	kill -KILL "$pid"
	gone "$pid" 1
	recover_and_save kill2 "$T/fred" stale
	wait_for kill2 "recovered "
	keys kill2 w
	wait_for kill2 "saved"
	keys kill2 q
	has_summary "$T/fred" "Recorded, then the program was killed"
}

# SIGINT (kill -INT; ^C is a key) with a form open quits as q would, asking
# only about unsaved changes; the form's words stay in the journal, offered
# again at the next start.
test_sigint_keeps_an_open_form() {
	example john
	screen_start int "$CAPBOOK" "$T/john"
	wait_for int "Capabilities"
	type_entry int "Typed before SIGINT"
	pid=$(pane_pid int)
	kill -INT "$pid"
	gone "$pid" 1
	recover_and_save int2 "$T/john"
	wait_for int2 "recovered after a crash"
	wait_for int2 "Typed before SIGINT"
	keys int2 C-s
	wait_for int2 "added"
	keys int2 w
	wait_for int2 "saved"
	keys int2 q
	has_summary "$T/john" "Typed before SIGINT"
}

# A burst of typing in the form, then a pause: the draft is written to the
# journal when input goes idle, so a SIGKILL a moment later loses none of it.
test_idle_form_draft_survives_sigkill() {
	example freda
	screen_start idle "$CAPBOOK" "$T/freda"
	wait_for idle "Capabilities"
	keys idle a
	wait_for idle "New entry"
	keys idle Tab Tab Tab
	wait_for idle "Enter new line"
	keys idle -l "Typed in one burst, then a pause"
	wait_for idle "then a pause"
	sleep 2 # the pause: nothing to wait for but the clock
	pid=$(pane_pid idle)
	kill -KILL "$pid"
	gone "$pid" 1
	cat "$T"/freda/.capbook-journal*.csv >"$T/journal" 2>/dev/null || fail "no journal after SIGKILL"
	contains "$T/journal" "Typed in one burst, then a pause"
}

# A journal discarded at the recovery question is set aside, named for its owner
# (.capbook-journal.discarded-LOGIN-STAMP.csv), and taken for nobody's pending
# journal after that.
test_discarded_journal_named_for_its_owner() {
	example fred
	screen_start disc "$CAPBOOK" "$T/fred"
	wait_for disc "Capabilities"
	type_entry disc "Words the user then discards"
	keys disc C-s
	wait_for disc "added"
	pid=$(pane_pid disc)
	kill -KILL "$pid"
	gone "$pid" 1
	screen_start disc2 "$CAPBOOK" "$T/fred"
	wait_for disc2 "Take over a stale lock?"
	keys disc2 y
	wait_for disc2 "Recover unsaved work?"
	keys disc2 d
	login=${JOURNAL#.capbook-journal-}
	login=${login%.csv}
	wait_for disc2 "unsaved work set aside in .capbook-journal.discarded-$login-"
	keys disc2 q
	gone "$(pane_pid disc2)" 2
	set -- "$T"/fred/.capbook-journal.discarded-"$login"-*.csv
	[ -f "$1" ] || fail "no .capbook-journal.discarded-$login-STAMP.csv: $(ls -A "$T/fred" | tr '\n' ' ')"
	contains "$1" "Words the user then discards"
	[ ! -e "$T/fred/$JOURNAL" ] || fail "the journal is still pending"
	run 0 check "$T/fred"
	lacks "$T/err" "unsaved edits pending"
	lacks "$T/err" "recovery journal"
}

test_second_opener_is_read_only() {
	example bridget
	screen_start first "$CAPBOOK" "$T/bridget"
	wait_for first "Capabilities"
	screen_start second "$CAPBOOK" "$T/bridget"
	wait_for second "read-only"
	wait_for second "read-only: open for writing by"
	keys second q
	keys first q
}

# LibreOffice's CSV import as its dialog comes by default: comma, semicolon and
# tab ticked as separators, '"' as the text delimiter, UTF-8, from line 1.
LO_IMPORT='CSV:44/59/9,34,76,1'
LO_EXPORT='csv:Text - txt - csv (StarCalc):44,34,76'

# Every example, each sheet opened in LibreOffice with its default import and
# saved back as CSV: check is clean, and every value of every row is the same.
test_libreoffice_round_trip_every_example() {
	if ! command -v soffice >/dev/null 2>&1; then
		echo "SKIP: soffice (LibreOffice) is not installed"
		exit 77
	fi
	# every sheet in one folder (WORKBOOK-SHEET.csv): one start of LibreOffice
	mkdir "$T/flat"
	for d in "$EXAMPLES"/*/; do
		w=$(basename "$d")
		cp -R "$d" "$T/$w"
		for f in "$d"*.csv; do cp "$f" "$T/flat/$w-$(basename "$f")"; done
	done
	(cd "$T/flat" && HOME="$T/lo-home" timeout 300 soffice --headless --infilter="$LO_IMPORT" \
		--convert-to "$LO_EXPORT" --outdir "$T/lo" ./*.csv >"$T/lo.log" 2>&1) ||
		fail "soffice failed: $(cat "$T/lo.log")"
	for d in "$EXAMPLES"/*/; do
		w=$(basename "$d")
		for f in "$T/$w"/*.csv; do
			lo=$T/lo/$w-$(basename "$f")
			[ -s "$lo" ] || fail "soffice wrote no $w/$(basename "$f")"
			cp "$lo" "$f"
		done
		run 0 check "$T/$w"
		lacks "$T/err" "warning:"
		lacks "$T/err" "error:"
		python3 - "$d" "$T/$w" <<'EOF'
import csv, os, sys
def rows(p):
    with open(p, newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith('.csv'):
        continue
    was, now = rows(os.path.join(sys.argv[1], name)), rows(os.path.join(sys.argv[2], name))
    assert len(was) == len(now), f"{name}: {len(was)} rows, now {len(now)}"
    for n, (a, b) in enumerate(zip(was, now), 2):
        for k, v in a.items():
            assert b.get(k) == v, f"{name}:{n} {k}: {v!r} became {b.get(k)!r}"
        for k, v in b.items():
            assert k in a or not v, f"{name}:{n}: a value moved into a new column: {v!r}"
EOF
	done
}

test_libreoffice_resave_while_open() {
	if ! command -v soffice >/dev/null 2>&1; then
		echo "SKIP: soffice (LibreOffice) is not installed"
		exit 77
	fi
	example rashid
	screen_start lo "$CAPBOOK" "$T/rashid"
	wait_for lo "Capabilities"
	type_entry lo "Added while LibreOffice re-saved the sheet"
	keys lo C-s
	wait_for lo "added"
	# a colleague opens evidence.csv in LibreOffice and saves it back as CSV
	mkdir -p "$T/lo"
	HOME="$T/lo" timeout 120 soffice --headless --infilter="$LO_IMPORT" --convert-to "$LO_EXPORT" \
		--outdir "$T/lo" "$T/rashid/evidence.csv" >"$T/lo.log" 2>&1 || fail "soffice failed: $(cat "$T/lo.log")"
	cp "$T/lo/evidence.csv" "$T/rashid/evidence.csv"
	cp "$T/lo/evidence.csv" "$T/theirs.csv"
	keys lo w
	wait_for lo "saved; "
	wait_for lo "changed on disk since capbook read it"
	keys lo q
	has_summary "$T/rashid" "Added while LibreOffice re-saved the sheet"
	# everything of their version is still there: each of their rows, by id
	python3 - "$T/theirs.csv" "$T/rashid/evidence.csv" <<'EOF'
import csv, sys
def rows(p):
    with open(p, newline='', encoding='utf-8-sig') as f:
        return {r['id']: r for r in csv.DictReader(f)}
theirs, now = rows(sys.argv[1]), rows(sys.argv[2])
for i, r in theirs.items():
    assert i in now, f"{i} lost"
    for k, v in r.items():
        assert now[i].get(k) == v, f"{i} {k}: {now[i].get(k)!r} != {v!r}"
EOF
}

# An entry recorded in one candidate's workbook, then another opened from the
# caseload: capbook asks first, and the answer saves it.
test_caseload_switch_asks_before_closing() {
	mkdir "$T/cases"
	for w in bridget fred; do cp -R "$EXAMPLES/$w" "$T/cases/$w"; done
	screen_start case "$CAPBOOK" "$T/cases"
	wait_for case "caseload: 2 workbooks"
	keys case Enter
	wait_for case "Capabilities"
	type_entry case "Recorded before switching candidate"
	keys case C-s
	wait_for case "added"
	keys case Escape
	wait_for case "caseload: 2 workbooks"
	keys case Down Enter
	wait_for case "Save changes to this workbook first?"
	keys case y
	wait_for case "Fred |"
	keys case q
	has_summary "$T/cases/bridget" "Recorded before switching candidate"
}

# The full screen killed (SIGKILL) while it saves a big workbook, round after
# round: each round opens it (taking over the lock the last kill left, and
# recovering the journal it left), adds an entry, presses w, and is killed within
# the save: before the new file is written, while it is written, or after it is
# renamed into place but before the journal is cleared, in turn (the moments found
# by watching the folder). After every kill the sheet is the old version or the
# new one, whole, and when it is the old one the journal holds the entry; at the
# end one more start recovers and saves, and every entry of every round is there,
# once. CHAOS_ROUNDS sets the rounds (default 9).
chaos_start() { # NAME: opens $T/big, answering the questions a kill leaves behind
	screen_start "$1" "$CAPBOOK" "$T/big"
	if [ -e "$T/big/.capbook.lock" ]; then
		wait_for "$1" "Take over a stale lock?" 20
		keys "$1" y
	fi
	if [ -e "$T/big/$JOURNAL" ]; then
		wait_for "$1" "Recover unsaved work?" 20
		keys "$1" r
		wait_for "$1" "recovered" 20
	fi
	wait_for "$1" "Capabilities" 20
}

# chaos_save NAME MOMENT SUMMARY: presses w in screen NAME, watching the folder
# from before the key (a save can take a few milliseconds). MOMENT measure: prints
# the milliseconds from the key to the new file's creation and to its rename,
# kills nothing. MOMENT before|writing|renamed: kills the program then (before: at
# a random moment before the new file appears, BEFORE_MS at most; writing: within
# WRITE_MS of its creation), waits for it to end, checks the sheet and the journal
# against SUMMARY (the entry the round added), and appends the outcome to
# $T/outcomes.
chaos_save() {
	python3 - "$(pane_pid "$1")" "$T/big" "$2" "${BEFORE_MS:-0}" "${WRITE_MS:-0}" "${3:-}" \
		"$T/outcomes" "$JOURNAL" "$1" tmux -L "$TMUX_SOCK" -f /dev/null <<'EOF'
import csv, os, random, signal, subprocess, sys, time
pid, d, moment = int(sys.argv[1]), sys.argv[2], sys.argv[3]
before_ms, write_ms, summary, outcomes = float(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7]
journal_name, target, tmux = sys.argv[8], sys.argv[9], sys.argv[10:]
sheet, journal = os.path.join(d, 'evidence.csv'), os.path.join(d, journal_name)
old = open(sheet, 'rb').read()
ino = os.stat(sheet).st_ino
def writing():
    return any(f.startswith('.evidence.csv.') and f.endswith('.tmp') for f in os.listdir(d))
def renamed():
    return os.stat(sheet).st_ino != ino
subprocess.run(tmux + ['send-keys', '-t', target, 'w'], check=True)
t0 = time.monotonic()
def wait(cond):
    while not cond():
        if time.monotonic() - t0 > 20:
            sys.exit("the save did not get that far in 20 s")
        time.sleep(0.0001)
    return (time.monotonic() - t0) * 1000
if moment == 'measure':
    seen = wait(lambda: writing() or renamed())
    print('%d %d' % (seen, max(wait(renamed), seen + 1)))
    sys.exit(0)
if moment == 'before':
    time.sleep(random.uniform(0, before_ms * 0.9) / 1000)
elif moment == 'writing':
    wait(lambda: writing() or renamed())
    time.sleep(random.uniform(0, write_ms * 0.8) / 1000)
else:
    wait(renamed)
os.kill(pid, signal.SIGKILL)
def ended():
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except OSError:
        return True
wait(ended)
tmp_left = writing()
new = open(sheet, 'rb').read()
out = open(outcomes, 'a')
if new == old:
    # not saved: the journal must hold the entry
    if not os.path.exists(journal):
        sys.exit("killed %s: the sheet is the old version and there is no journal" % moment)
    if summary not in open(journal, encoding='utf-8').read():
        sys.exit("killed %s: the sheet is the old version and the journal lacks \"%s\"" % (moment, summary))
    out.write('old-mid-write\n' if tmp_left else 'old\n')
    sys.exit(0)
if not new.startswith(old):
    sys.exit("killed %s: evidence.csv is neither the old version nor the old one with rows added" % moment)
rows = list(csv.reader(new.decode('utf-8').splitlines(True)))
if rows[-1][4] != summary:
    sys.exit("killed %s: the new version does not end with the row of \"%s\": %r" % (moment, summary, rows[-1]))
out.write('new-journal-left\n' if os.path.exists(journal) else 'new\n')
EOF
}

test_chaos_kills_during_saves() {
	run 0 new "$T/big" --candidate "Big Workbook"
	python3 - "$T/big/evidence.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], 'a', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    for i in range(1, 10001):
        w.writerow([f'E{i}', 'actual', '2025-01-01', f'P/{i}',
                    f'Evidence {i}, with "quotes", commas\nand a second line ' + 'x' * 80,
                    'A1.1; A1.2', 'SLF.2.AC', '', '', '', ''])
EOF
	size=$(wc -c <"$T/big/evidence.csv")
	rounds=${CHAOS_ROUNDS:-9}
	: >"$T/outcomes"
	# round 0 saves to the end, to see when a save here writes and renames
	chaos_start c0
	type_entry c0 "chaos 0"
	keys c0 C-s
	wait_for c0 "added" 20
	times=$(chaos_save c0 measure) || fail "round 0: $times"
	wait_for c0 "saved" 20
	BEFORE_MS=${times% *}
	WRITE_MS=$((${times#* } - BEFORE_MS))
	pid=$(pane_pid c0)
	keys c0 q
	gone "$pid" 2
	round=0 # not n: the harness's helpers count in n
	while [ $round -lt "$rounds" ]; do
		round=$((round + 1))
		chaos_start "c$round"
		type_entry "c$round" "chaos $round"
		keys "c$round" C-s
		wait_for "c$round" "added" 20
		case $((round % 3)) in
		0) moment=before ;;
		1) moment=writing ;;
		*) moment=renamed ;;
		esac
		BEFORE_MS=$BEFORE_MS WRITE_MS=$WRITE_MS chaos_save "c$round" $moment "chaos $round" ||
			fail "round $round"
	done
	# one more start recovers what the last kill left, and saves it
	chaos_start cend
	pid=$(pane_pid cend)
	keys cend w
	wait_for cend "saved" 20
	keys cend q
	gone "$pid" 2
	python3 - "$T/big/evidence.csv" "$rounds" <<'EOF' || fail "an entry was lost or doubled"
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    got = [r['summary'] for r in csv.DictReader(f) if r['summary'].startswith('chaos ')]
want = ['chaos %d' % i for i in range(int(sys.argv[2]) + 1)]
missing = [w for w in want if w not in got]
doubled = sorted({g for g in got if got.count(g) > 1})
if missing or doubled:
    sys.exit("missing %s, doubled %s" % (missing, doubled))
EOF
	old=$(grep -c '^old$' "$T/outcomes" || true)
	mid=$(grep -c '^old-mid-write$' "$T/outcomes" || true)
	late=$(grep -c '^new-journal-left$' "$T/outcomes" || true)
	after=$(grep -c '^new$' "$T/outcomes" || true)
	echo "$rounds kills of the full screen while it saved a $size-byte sheet (the new file written from ${BEFORE_MS} ms after the key, for ${WRITE_MS} ms): $((old + mid + late)) landed mid-save ($old before the new file was written, $mid while it was written, $late after the rename but before the journal was cleared), $after after the save; every one left the old or the new file whole and a journal that recovered; no entry lost"
}

tests="
test_caseload_switch_asks_before_closing
test_lock_refuses_second_writer
test_stale_lock_taken_over
test_pending_journal_reported_and_respected
test_files_private_and_nothing_left
test_saves_survive_sigkill
test_sighup_keeps_a_half_filled_form
test_sigterm_exits_promptly_and_keeps_the_form
test_sigkill_keeps_recorded_entries
test_idle_form_draft_survives_sigkill
test_sigint_keeps_an_open_form
test_second_opener_is_read_only
test_discarded_journal_named_for_its_owner
test_libreoffice_resave_while_open
test_libreoffice_round_trip_every_example
test_chaos_kills_during_saves
"

# a passing kill test's counts are worth seeing
ok_notes() { sed -n 's/^\([0-9]* kills .*\)/#   \1/p' "$1"; }

# shellcheck disable=SC2086 # one word a test
run_tests test_ $tests
