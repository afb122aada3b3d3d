#!/bin/sh
# tests/git/run.sh — a workbook shared through git, with real git in a temp
# folder and no network: sh tests/git/run.sh PATH_TO_CAPBOOK, from the
# repository root. A bare repository stands for the assessor's server; clones
# stand for the sites, each worked on by another git user. Prints "ok - name" or
# "not ok - name" per test, then the counts; exits 1 if any failed.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/git/run.sh PATH_TO_CAPBOOK" >&2
	exit 2
fi
# as capbook names itself to git (the driver's command): its real path
CAPBOOK=$(readlink -f -- "$1" 2>/dev/null || echo "$1")
if [ ! -x "$CAPBOOK" ]; then
	echo "tests/git/run.sh: $CAPBOOK is not an executable" >&2
	exit 2
fi
command -v git >/dev/null 2>&1 || {
	echo "tests/git/run.sh: git is needed" >&2
	exit 2
}
REPO=$PWD

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-git.XXXXXX")
have_tmux=no
if command -v tmux >/dev/null 2>&1; then
	have_tmux=yes
	. "$REPO/tests/tmux.sh"
	tmux_server_start
fi
trap '[ "$have_tmux" = no ] || tmux_server_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

# Nothing of the user's: no config (capbook's or git's), a fixed date and locale.
export CAPBOOK_TODAY=2026-01-15
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LC_ALL=C.UTF-8
export GIT_CONFIG_NOSYSTEM=1
unset CAPBOOK_CONFIG NO_COLOR VISUAL EDITOR GIT_DIR GIT_WORK_TREE 2>/dev/null || true
mkdir -p "$HOME"
cat >"$HOME/.gitconfig" <<'EOF'
[init]
	defaultBranch = main
[pull]
	rebase = false
[user]
	name = Nobody
	email = nobody@example.org
[advice]
	detachedHead = false
EOF
umask 022

. "$REPO/tests/lib.sh"

LOGIN=$(id -un 2>/dev/null || id -u)

# --- helpers ---------------------------------------------------------------

# as USER git ARGS...: git run as that person (author and committer).
as() {
	_u=$1
	shift
	GIT_AUTHOR_NAME="$_u" GIT_AUTHOR_EMAIL="$_u@example.org" \
		GIT_COMMITTER_NAME="$_u" GIT_COMMITTER_EMAIL="$_u@example.org" "$@"
}

# commit CLONE USER MESSAGE: everything in the clone, committed by USER.
commit() {
	git -C "$1" add -A
	as "$2" git -C "$1" commit -q -m "$3"
}

# pull CLONE USER: a merge of what the hub has; fails the test on a conflict.
pull() {
	as "$2" git -C "$1" pull -q --no-rebase >"$T/pull.out" 2>&1 || {
		sed 's/^/  | /' "$T/pull.out"
		fail "git pull in $1 did not merge cleanly"
	}
}

push() {
	git -C "$1" push -q >"$T/push.out" 2>&1 || {
		sed 's/^/  | /' "$T/push.out"
		fail "git push from $1 failed"
	}
}

# hub: a workbook made with new --git (the first clone), committed and pushed
# into a bare repository $T/hub.git; then clones a and b, each set up with its
# site tag.
hub() {
	run 0 new "$T/first" --candidate "Ann Example" --units B4 --git
	commit "$T/first" Ann "A new workbook"
	git clone -q --bare "$T/first" "$T/hub.git"
	git -C "$T/first" remote add origin "$T/hub.git"
	git -C "$T/first" fetch -q origin
	git -C "$T/first" branch -q -u origin/main
	for c in a b; do
		git clone -q "$T/hub.git" "$T/$c"
		run 0 git-setup "$T/$c" --site "$c"
		contains "$T/out" "site tag: $c"
	done
}

# ids PATH SHEET: the keys of the sheet, one a line, in file order.
ids() {
	python3 - "$1/$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
for r in rows[1:]:
    print(r[0])
EOF
}

# field CSV ID COLUMN: the value of COLUMN in the row whose first cell is ID.
field() {
	python3 - "$1" "$2" "$3" <<'EOF'
import csv, sys
path, key, col = sys.argv[1:4]
with open(path, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.DictReader(f))
for r in rows:
    if r.get('id', r.get('unit')) == key:
        sys.stdout.write(r[col])
        sys.exit(0)
sys.exit("no row %s in %s" % (key, path))
EOF
}

# valid_csv FILE: parses whole with python's csv module, no conflict markers.
valid_csv() {
	! grep -q '^<<<<<<<\|^=======\|^>>>>>>>' "$1" || fail "$1 has conflict markers"
	python3 - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, strict=True))
n = len(rows[0])
for i, r in enumerate(rows[1:], 2):
    if len(r) != n:
        sys.exit("%s:%d: %d fields, the header has %d" % (sys.argv[1], i, len(r), n))
EOF
}

# work CLONE USER TAG: a day's work at one site: two entries (one planned), a
# session and its action, the planned entry revamped, a unit chosen; committed.
work() {
	c=$1
	u=$2
	t=$3
	run 0 add "$T/$c" --ref "P/$t-1" --summary "reflective account at $c" --elements A1.1
	[ "$(cat "$T/out")" = "E1$t" ] || fail "the first entry at $c is $(cat "$T/out"), not E1$t"
	run 0 add "$T/$c" --ref "P/$t-2" --summary "planned at $c" --status planned
	[ "$(cat "$T/out")" = "E2$t" ] || fail "got $(cat "$T/out"), not E2$t"
	run 0 session "$T/$c" --focus "supervision at $c" --participants "Ann; $u"
	[ "$(cat "$T/out")" = "S1$t" ] || fail "the session at $c is $(cat "$T/out"), not S1$t"
	run 0 action "$T/$c" --objective "read the toolkit ($c)" --session "S1$t" --due 2026-02-01
	[ "$(cat "$T/out")" = "AP1$t" ] || fail "the action at $c is $(cat "$T/out"), not AP1$t"
	run 0 revamp "$T/$c" "E2$t" --summary "done at $c"
	[ "$(cat "$T/out")" = "E3$t" ] || fail "the revamp at $c is $(cat "$T/out"), not E3$t"
	run 0 unit "$T/$c" "$([ "$c" = a ] && echo C2 || echo D1)" --status planned
	before=$(git -C "$T/$c" rev-list --count HEAD)
	[ -n "$(git -C "$T/$c" status --porcelain)" ] || fail "capbook's work at $c left nothing to commit"
	commit "$T/$c" "$u" "Work at $c"
	[ "$(git -C "$T/$c" rev-list --count HEAD)" = $((before + 1)) ] || fail "capbook made commits of its own"
}

# both_merged: a and b hold the same sheets, every row of both sites once, with
# their references, check clean on each, nothing unmerged, no conflict record.
both_merged() {
	for s in evidence.csv units.csv sessions.csv actions.csv history.csv; do
		cmp "$T/a/$s" "$T/b/$s" || fail "$s differs between the clones"
	done
	ids "$T/a" evidence.csv >"$T/ev"
	printf 'E1a\nE1b\nE2a\nE2b\nE3a\nE3b\n' >"$T/want"
	diff "$T/want" "$T/ev" || fail "evidence.csv does not hold each site's entries once, in id order"
	[ "$(ids "$T/a" sessions.csv | tr '\n' ' ')" = "S1a S1b " ] || fail "sessions: $(ids "$T/a" sessions.csv)"
	[ "$(ids "$T/a" actions.csv | tr '\n' ' ')" = "AP1a AP1b " ] || fail "actions: $(ids "$T/a" actions.csv)"
	[ "$(ids "$T/a" units.csv | sort | tr '\n' ' ')" = "A1 B1 B4 C1 C2 D1 E1 " ] ||
		fail "units: $(ids "$T/a" units.csv | tr '\n' ' ')"
	for t in a b; do
		[ "$(field "$T/a/evidence.csv" "E3$t" revamps)" = "E2$t" ] || fail "E3$t does not revamp E2$t"
		[ "$(field "$T/a/actions.csv" "AP1$t" session)" = "S1$t" ] || fail "AP1$t is not of S1$t"
		[ "$(field "$T/a/evidence.csv" "E2$t" status)" = planned ] || fail "E2$t lost its status"
	done
	for c in a b; do
		run 0 check "$T/$c"
		[ -z "$(git -C "$T/$c" ls-files -u)" ] || fail "$c has unmerged files"
		[ -z "$(git -C "$T/$c" status --porcelain)" ] || fail "$c is not clean: $(git -C "$T/$c" status --porcelain)"
		! ls "$T/$c"/.capbook-conflicts* >/dev/null 2>&1 || fail "a conflict record in $c"
	done
	grep -q ',merged,' "$T/a/history.csv" || fail "history.csv does not say a merge re-chained it"
}

# --- tests -----------------------------------------------------------------------

# new --git: the first clone. Plain ids, the attributes, the ignores, the driver;
# git-setup again changes nothing.
test_first_clone() {
	run 0 new "$T/wb" --candidate "Ann Example" --git
	contains "$T/out" "site tag: none"
	[ -d "$T/wb/.git" ] || fail "no repository made"
	[ "$(git -C "$T/wb" config --get capbook.site)" = "" ] || fail "the first clone has a tag"
	git -C "$T/wb" config --get merge.capbook.driver >"$T/drv"
	contains "$T/drv" "'$CAPBOOK' merge-driver %O %A %B %P"
	for s in evidence.csv units.csv sessions.csv actions.csv resources.csv spec.csv pdp.csv cpd.csv history.csv; do
		[ "$(git -C "$T/wb" check-attr merge -- "$s" | sed 's/.*: //')" = capbook ] ||
			fail "$s is not given to capbook's merge driver"
	done
	[ "$(git -C "$T/wb" check-attr merge -- workbook.ini | sed 's/.*: //')" = unspecified ] ||
		fail "workbook.ini is not left to git's own merge"
	for f in .capbook.lock .capbook-journal-ann.csv .capbook-conflicts-ann.csv \
		evidence.mine-20261123-101500.csv reports/pack.html .evidence.csv.1a2b3c.tmp; do
		git -C "$T/wb" check-ignore -q -- "$f" || fail "$f is not ignored"
	done
	git -C "$T/wb" check-ignore -q -- evidence.csv && fail "evidence.csv is ignored"
	run 0 add "$T/wb" --ref P1 --summary one
	[ "$(cat "$T/out")" = E1 ] || fail "the first clone made $(cat "$T/out"), not E1"
	cp "$T/wb/.gitattributes" "$T/attr" && cp "$T/wb/.gitignore" "$T/ign"
	printf '# ours\n*.docx binary\n' >>"$T/wb/.gitattributes"
	run 0 git-setup "$T/wb"
	contains "$T/out" "site tag: none (kept)"
	lacks "$T/out" "commit what changed"
	contains "$T/wb/.gitattributes" "*.docx binary"
	cmp "$T/ign" "$T/wb/.gitignore" || fail "git-setup again rewrote .gitignore"
	[ "$(grep -c 'merge=capbook' "$T/wb/.gitattributes")" = 9 ] || fail "the attributes were doubled"
	git -C "$T/wb" log -1 >/dev/null 2>&1 && fail "capbook committed"
	run 0 check "$T/wb"
}

# Two sites work the same day and meet through the hub: a pushes first, b
# merges, pushes, and a pulls that. No conflict; everything once; check clean;
# the merged sheets are what capbook itself writes (a save after changes one
# line only).
test_two_sites_a_first() {
	hub
	work a Amelia a
	work b Bridget b
	push "$T/a"
	pull "$T/b" Bridget
	push "$T/b"
	pull "$T/a" Amelia
	both_merged
	run 0 link "$T/a" E1b A1.2
	[ "$(git -C "$T/a" diff --numstat -- evidence.csv | cut -f1,2)" = "$(printf '1\t1')" ] ||
		fail "a save after the merge rewrote more than the row changed: $(git -C "$T/a" diff -- evidence.csv)"
	run 0 done "$T/a" AP1b
	[ "$(git -C "$T/a" diff --numstat -- actions.csv | cut -f1,2)" = "$(printf '1\t1')" ] ||
		fail "a save after the merge rewrote actions.csv: $(git -C "$T/a" diff -- actions.csv)"
}

# The same, the other way round: b pushes first and a merges.
test_two_sites_b_first() {
	hub
	work a Amelia a
	work b Bridget b
	push "$T/b"
	pull "$T/a" Amelia
	push "$T/a"
	pull "$T/b" Bridget
	both_merged
}

# The driver itself, on the three versions git gives it, both ways round: the
# same bytes whichever side merges into which.
test_driver_either_direction() {
	hub
	work a Amelia a
	work b Bridget b
	git -C "$T/b" fetch -q
	mb=$(git -C "$T/b" merge-base HEAD origin/main)
	for s in evidence.csv units.csv sessions.csv actions.csv; do
		git -C "$T/b" show "$mb:$s" >"$T/base.csv"
		git -C "$T/b" show "HEAD:$s" >"$T/one.csv"
		git -C "$T/a" show "HEAD:$s" >"$T/two.csv"
		cp "$T/one.csv" "$T/x.csv" && cp "$T/two.csv" "$T/y.csv"
		run 0 merge-driver "$T/base.csv" "$T/x.csv" "$T/two.csv" "$s"
		run 0 merge-driver "$T/base.csv" "$T/y.csv" "$T/one.csv" "$s"
		cmp "$T/x.csv" "$T/y.csv" || fail "$s merged differs by direction: $(diff "$T/x.csv" "$T/y.csv")"
		valid_csv "$T/x.csv"
	done
}

# The same field changed at both sites: git says CONFLICT; the sheets stay
# valid CSV holding our value; the conflict record beside them holds theirs
# (source "git merge"), is not committed, and check reports it by line.
test_same_field_both_sides() {
	hub
	run 0 unit "$T/a" B4 --notes "from the office"
	run 0 unit "$T/b" B4 --notes "from the laptop"
	commit "$T/a" Amelia "B4 notes at a"
	commit "$T/b" Bridget "B4 notes at b"
	push "$T/a"
	rc=0
	as Bridget git -C "$T/b" pull --no-rebase >"$T/pull.out" 2>&1 || rc=$?
	[ "$rc" -ne 0 ] || fail "git did not report the conflict"
	contains "$T/pull.out" "CONFLICT (content): Merge conflict in units.csv"
	contains "$T/pull.out" "B4 notes changed on both sides"
	valid_csv "$T/b/units.csv"
	[ "$(field "$T/b/units.csv" B4 notes)" = "from the laptop" ] || fail "the sheet does not keep our value"
	rec="$T/b/.capbook-conflicts-$LOGIN.csv"
	[ -f "$rec" ] || fail "no conflict record $rec"
	python3 - "$rec" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 1, rows
r = rows[0]
assert (r['sheet'], r['id'], r['field']) == ('units.csv', 'B4', 'notes'), r
assert r['on_disk'] == 'from the laptop' and r['mine'] == 'from the office', r
assert r['base'] == '' and r['source'] == 'git merge', r
EOF
	[ "$(stat -c %a "$rec")" = 600 ] || fail "the record is not private"
	git -C "$T/b" check-ignore -q -- "$(basename "$rec")" || fail "the record would be committed"
	run 1 check "$T/b"
	joined "$T/err"
	contains "$T/err.joined" "$rec:2: warning: units.csv B4 notes"
	contains "$T/err.joined" "unresolved"
	if [ "$have_tmux" = yes ]; then
		# the full screen opens on the conflict list: the merge's sides named
		# as they are; m takes the other clone's value, w writes the sheet
		cp -R "$T/b" "$T/b2"
		name=conflict
		start 80 24 "$T/b2"
		wait_for "conflicts: 1 field changed here and on disk, 1 unresolved"
		wait_line "[ ] B4 notes in units.csv (git merge"
		wait_line "in sheet" "from the laptop"
		wait_line "other side" "from the office"
		keys m
		wait_line "[x] B4 notes"
		keys w
		wait_for "saved; 1 resolved conflict left the list"
		keys Escape
		wait_for "NOS units"
		keys q
		wait_exit
		[ "$rc" = 0 ] || fail "capbook exited $rc"
		[ "$(field "$T/b2/units.csv" B4 notes)" = "from the office" ] || fail "the pick was not written"
		run 0 check "$T/b2"
	fi
	# the sheet can be taken as it is: git add and commit finish the merge
	git -C "$T/b" add units.csv
	as Bridget git -C "$T/b" commit -q --no-edit
	[ -z "$(git -C "$T/b" ls-files -u)" ] || fail "still unmerged"
}

# A fresh clone without git-setup: check says the driver is missing (with the
# attribute's FILE:LINE); git-setup once, and check is content.
test_fresh_clone_told_to_set_up() {
	hub
	git clone -q "$T/hub.git" "$T/c"
	run 1 check "$T/c"
	contains "$T/err" "$T/c/.gitattributes:4: warning:"
	contains "$T/err" "capbook git-setup"
	# the driver registered by hand, no tag: its ids would be plain too
	git -C "$T/c" config merge.capbook.driver "'$CAPBOOK' merge-driver %O %A %B %P"
	run 1 check "$T/c"
	contains "$T/err" "$T/c/.gitattributes:4: warning: this clone has no site tag"
	lacks "$T/err" "none registered"
	run 0 git-setup "$T/c" --site c
	run 0 check "$T/c"
	lacks "$T/err" "warning"
	# the first clone has a remote too, and plain ids by choice: no warning
	run 0 check "$T/first"
	lacks "$T/err" "warning"
}

# A clone's tag made from the login (nothing given, no terminal to ask): not
# one the ids already carry.
test_site_tag_from_login() {
	hub
	first=$(printf '%s' "$LOGIN" | tr -cd 'A-Za-z' | cut -c1 | tr 'A-Z' 'a-z')
	[ -n "$first" ] || first=a
	run 0 git-setup "$T/a" --site "$first"
	run 0 add "$T/a" --ref P1 --summary "at a"
	commit "$T/a" Amelia "at a"
	push "$T/a"
	git clone -q "$T/hub.git" "$T/c"
	run 0 git-setup "$T/c" </dev/null
	tag=$(git -C "$T/c" config --get capbook.site)
	[ -n "$tag" ] && [ "$tag" != "$first" ] || fail "clone c got tag \"$tag\" (a has \"$first\")"
	run 0 add "$T/c" --ref P2 --summary "at c"
	[ "$(cat "$T/out")" = "E2$tag" ] || fail "c made $(cat "$T/out"), not E2$tag"
	run 1 git-setup "$T/c" --site B
	contains "$T/err" "1 to 3 lower-case letters"
	[ "$(git -C "$T/c" config --get capbook.site)" = "$tag" ] || fail "a refused tag was set"
}

# On a terminal git-setup asks a fresh clone for its tag, suggesting one from
# the login; a tag that is not one, or that ids already carry, is asked again
# with the reason.
test_site_tag_asked() {
	[ "$have_tmux" = yes ] || {
		echo "no tmux to give git-setup a terminal"
		exit 77
	}
	hub
	run 0 add "$T/a" --ref P1 --summary "at a"
	commit "$T/a" Amelia "at a"
	push "$T/a"
	git clone -q "$T/hub.git" "$T/c"
	name=asked
	start 100 24 git-setup "$T/c"
	wait_for "Site tag for this clone"
	typed "B"
	keys Enter
	wait_for "not a tag: 1 to 3 lower-case letters"
	typed "a"
	keys Enter
	wait_for "a is taken: ids here already end with it"
	typed "x"
	keys Enter
	wait_exit
	[ "$rc" = 0 ] || fail "git-setup exited $rc"
	wait_for "site tag: x: ids made on this clone end with it"
	[ "$(git -C "$T/c" config --get capbook.site)" = x ] || fail "the tag answered was not set"
	run 0 add "$T/c" --ref P2 --summary "at c"
	[ "$(cat "$T/out")" = E2x ] || fail "c made $(cat "$T/out"), not E2x"
}

# Twenty rounds at three sites: random entries, sessions and actions, merged in
# a random order (pulls and pushes at random), then everyone pulls: the same
# rows everywhere, each once, no conflict ever, check clean. SEED picks the run.
test_random_rounds() {
	hub
	git clone -q "$T/hub.git" "$T/c"
	run 0 git-setup "$T/c" --site c
	seed=${SEED:-20260115}
	echo "seed $seed"
	rnd() { # rnd N: a number from 0 to N-1 into $r
		seed=$(((seed * 1103515245 + 12345) % 2147483648))
		r=$(((seed / 65536) % $1))
	}
	: >"$T/made"
	round=0
	while [ "$round" -lt 20 ]; do
		round=$((round + 1))
		rnd 6
		case $r in
		0) order="a b c" ;; 1) order="a c b" ;; 2) order="b a c" ;;
		3) order="b c a" ;; 4) order="c a b" ;; *) order="c b a" ;;
		esac
		for c in $order; do
			rnd 3
			k=0
			while [ "$k" -le "$r" ]; do
				k=$((k + 1))
				run 0 add "$T/$c" --ref "R$round/$c/$k" --summary "round $round at $c" --status planned
				cat "$T/out" >>"$T/made"
			done
			rnd 2
			if [ "$r" = 1 ]; then
				run 0 session "$T/$c" --focus "round $round at $c"
				sid=$(cat "$T/out")
				echo "$sid" >>"$T/made"
				run 0 action "$T/$c" --objective "after $sid" --session "$sid"
				cat "$T/out" >>"$T/made"
			fi
			commit "$T/$c" "user-$c" "round $round at $c"
			rnd 3
			case $r in
			0) pull "$T/$c" "user-$c" ;;
			1) pull "$T/$c" "user-$c" && push "$T/$c" ;;
			*) : ;; # kept to itself this round
			esac
		done
	done
	for pass in 1 2; do
		for c in a b c; do
			pull "$T/$c" "user-$c"
			push "$T/$c"
		done
	done
	for c in a b c; do
		[ "$(git -C "$T/$c" rev-parse HEAD)" = "$(git -C "$T/hub.git" rev-parse HEAD)" ] ||
			fail "$c is not at the hub's commit"
		! ls "$T/$c"/.capbook-conflicts* >/dev/null 2>&1 || fail "a conflict at $c"
		run 0 check "$T/$c"
	done
	for s in evidence.csv sessions.csv actions.csv; do
		ids "$T/a" "$s" >"$T/$s.ids"
		for c in b c; do
			ids "$T/$c" "$s" | cmp -s - "$T/$s.ids" || fail "$s differs at $c"
		done
	done
	cat "$T/evidence.csv.ids" "$T/sessions.csv.ids" "$T/actions.csv.ids" | sort >"$T/have"
	sort "$T/made" >"$T/want"
	diff "$T/want" "$T/have" || fail "rows lost or doubled"
	sort -c "$T/evidence.csv.ids" 2>/dev/null || true
	n=$(wc -l <"$T/made" | tr -d ' ')
	echo "$n rows made in 20 rounds at 3 sites"
	[ "$n" -ge 60 ] || fail "only $n rows made"
}

# A caseload in one repository: git-setup on the caseload folder; two sites add
# to both candidates' workbooks; check, report and the caseload screen work
# the same, and the ids carry each site's tag.
test_caseload_in_one_repository() {
	mkdir "$T/caseload"
	run 0 new "$T/caseload/ann" --candidate "Ann Example"
	run 0 new "$T/caseload/bob" --candidate "Bob Example"
	run 0 git-setup "$T/caseload"
	[ -d "$T/caseload/.git" ] && [ ! -d "$T/caseload/ann/.git" ] || fail "not one repository"
	commit "$T/caseload" Ann "caseload"
	git clone -q --bare "$T/caseload" "$T/hub.git"
	for c in a b; do
		git clone -q "$T/hub.git" "$T/$c"
		run 0 git-setup "$T/$c" --site "$c"
		for w in ann bob; do
			run 0 add "$T/$c/$w" --ref "P/$c" --summary "$w at $c" --elements A1.1
			[ "$(cat "$T/out")" = "E1$c" ] || fail "$w at $c made $(cat "$T/out")"
		done
		commit "$T/$c" "user-$c" "at $c"
	done
	push "$T/a"
	pull "$T/b" user-b
	push "$T/b"
	pull "$T/a" user-a
	for w in ann bob; do
		[ "$(ids "$T/a/$w" evidence.csv | tr '\n' ' ')" = "E1a E1b " ] || fail "$w: $(ids "$T/a/$w" evidence.csv)"
	done
	run 0 check "$T/a"
	[ "$(grep -c 'entries, ok' "$T/out")" = 2 ] || fail "check did not check both workbooks"
	run 0 report "$T/a"
	contains "$T/out" "Ann Exampl"
	contains "$T/out" "Bob Exampl"
	# a conflict in one workbook of the caseload: recorded in that workbook's folder
	push "$T/a"
	run 0 unit "$T/a/bob" B1 --notes "office"
	run 0 unit "$T/b/bob" B1 --notes "laptop"
	commit "$T/a" user-a "B1 at a"
	commit "$T/b" user-b "B1 at b"
	push "$T/a"
	rc=0
	as user-b git -C "$T/b" pull -q --no-rebase >"$T/pull.out" 2>&1 || rc=$?
	[ "$rc" -ne 0 ] || fail "git did not report the conflict"
	contains "$T/pull.out" "Merge conflict in bob/units.csv"
	valid_csv "$T/b/bob/units.csv"
	[ -f "$T/b/bob/.capbook-conflicts-$LOGIN.csv" ] || fail "no conflict record in bob's folder"
	! ls "$T/b"/.capbook-conflicts* "$T/b/ann"/.capbook-conflicts* >/dev/null 2>&1 ||
		fail "a conflict record outside bob's folder"
	run 1 check "$T/b"
	joined "$T/err"
	contains "$T/err.joined" "$T/b/bob/.capbook-conflicts-$LOGIN.csv:2: warning: units.csv B1 notes"
	[ "$have_tmux" = yes ] || return 0
	name=caseload
	start 80 24 "$T/a"
	wait_for "caseload:"
	wait_for "2 workbooks"
	wait_for "Ann Example"
	wait_for "Bob Example"
	keys Enter
	wait_for "Ann Example | "
	keys m # every entry, not only those linked to the selection
	wait_for "E1a"
	wait_for "E1b"
	keys b
	wait_for "2 workbooks"
	keys q
	wait_exit
	[ "$rc" = 0 ] || fail "capbook exited $rc"
}

after_test() {
	[ "$have_tmux" = no ] || T kill-session -t "t$$-$1" >/dev/null 2>&1 || true
}

tests="test_first_clone test_two_sites_a_first test_two_sites_b_first
test_driver_either_direction test_same_field_both_sides test_fresh_clone_told_to_set_up
test_site_tag_from_login test_site_tag_asked test_random_rounds test_caseload_in_one_repository"
# shellcheck disable=SC2086
run_tests test_ $tests
