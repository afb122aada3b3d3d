#!/bin/sh
# tools/compare-output.sh — runs two capbook binaries over every example workbook
# and every command (reading ones on the examples, editing ones on copies) and
# compares stdout, stderr, exit status and the files an edit leaves behind.
#
#   sh tools/compare-output.sh OLD_CAPBOOK NEW_CAPBOOK
#
# Run from the repository root. Prints each difference and "N runs, N differ";
# exits 1 if any run differs. For a change meant to keep the output as it was.
set -eu

if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
	echo "usage: sh tools/compare-output.sh OLD_CAPBOOK NEW_CAPBOOK" >&2
	exit 2
fi
case $1 in /*) OLD=$1 ;; *) OLD=$PWD/$1 ;; esac
case $2 in /*) NEW=$2 ;; *) NEW=$PWD/$2 ;; esac
REPO=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

export CAPBOOK_TODAY=2026-01-15
# Both find the frameworks in the same place, wherever the binaries lie: the
# user's data folder is the source tree's data/.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR 2>/dev/null || true
mkdir -p "$XDG_DATA_HOME"
ln -s "$REPO/data" "$XDG_DATA_HOME/capbook"

runs=0
differ=0

# same LABEL: the two runs' stdout, stderr and exit status are the same; else
# says how they differ, counts it and fails.
same() {
	for f in out err rc; do
		if ! cmp -s "$tmp/old.$f" "$tmp/new.$f"; then
			differ=$((differ + 1))
			echo "differs ($f): $1"
			diff "$tmp/old.$f" "$tmp/new.$f" | head -20
			return 1
		fi
	done
}

# one LABEL ARGS...: the two binaries on the same arguments, run in the same
# place; paths of the temporary folders are the same for both.
one() {
	label=$1
	shift
	runs=$((runs + 1))
	for side in old new; do
		bin=$OLD
		[ "$side" = new ] && bin=$NEW
		rc=0
		(cd "$tmp/work" && "$bin" "$@") >"$tmp/$side.out" 2>"$tmp/$side.err" || rc=$?
		echo "$rc" >"$tmp/$side.rc"
	done
	same "$label" || true
}

# edit LABEL EXAMPLE ARGS...: an editing command on a fresh copy of EXAMPLE for
# each binary (the copy is named WB in ARGS); compares the output and the files.
edit() {
	label=$1
	ex=$2
	shift 2
	runs=$((runs + 1))
	for side in old new; do
		bin=$OLD
		[ "$side" = new ] && bin=$NEW
		rm -rf "$tmp/work/wb"
		cp -R "$REPO/data/examples/$ex" "$tmp/work/wb"
		rc=0
		(cd "$tmp/work" && "$bin" "$@") >"$tmp/$side.out" 2>"$tmp/$side.err" || rc=$?
		echo "$rc" >"$tmp/$side.rc"
		rm -rf "$tmp/$side.wb"
		mv "$tmp/work/wb" "$tmp/$side.wb"
		rm -f "$tmp/$side.wb"/.capbook-* "$tmp/$side.wb"/history.csv
	done
	same "$label" || return 0
	if ! diff -r "$tmp/old.wb" "$tmp/new.wb" >"$tmp/diff"; then
		differ=$((differ + 1))
		echo "differs (files): $label"
		head -20 "$tmp/diff"
	fi
}

mkdir -p "$tmp/work"
cp -R "$REPO/data/examples" "$tmp/work/examples"
one "--help" --help
one "--version" --version
one "no arguments to a command" gaps
one "unknown command option" gaps examples/fred --nope
one "unknown option" --nope
one "frameworks" frameworks
one "default config" --default-config
one "man keys" --man-keys
for ex in "$REPO"/data/examples/*/; do
	ex=$(basename "$ex")
	wb=examples/$ex
	one "check $ex" check "$wb"
	one "frameworks $ex" frameworks "$wb"
	for st in "" EM ES AC XX; do
		s=
		[ -n "$st" ] && s="--stage $st"
		# shellcheck disable=SC2086 # $s is two words or none
		one "gaps $ex $s" gaps "$wb" $s
		# shellcheck disable=SC2086
		one "gaps csv $ex $s" gaps "$wb" --format csv $s
		# shellcheck disable=SC2086
		one "plan $ex $s" plan "$wb" $s
		# shellcheck disable=SC2086
		one "plan csv $ex $s" plan "$wb" --format csv $s
		for fmt in text csv html; do
			# shellcheck disable=SC2086
			one "report $fmt $ex $s" report "$wb" --format "$fmt" $s
		done
	done
	one "gaps bad format $ex" gaps "$wb" --format html
	one "report bad format $ex" report "$wb" --format pdf
	for u in A1 A2 A3 A4 A5 B1 B2 B3 B4 B5 B6 B7 B8 C1 C2 D1 D2 D3 E1 E7 E10 a1 Q9; do
		one "grid $ex $u" grid "$wb" "$u"
		one "grid csv $ex $u" grid "$wb" "$u" --format csv
	done
	one "transfer $ex" transfer "$wb"
	for id in E1 E2 E3 E5 E404; do
		one "transfer $ex $id" transfer "$wb" "$id"
	done
	edit "add $ex" "$ex" add wb --ref R/1 --summary "New evidence" --elements A1.1 --indicators SLF.2.AC
	edit "add planned $ex" "$ex" add wb --ref R/2 --summary "Plan" --status planned --date 2026-02-01
	edit "add bad ref $ex" "$ex" add wb --ref R/3 --summary "x" --elements Z9
	edit "link $ex" "$ex" link wb E1 VIS A2
	edit "link bad $ex" "$ex" link wb E404 VIS
	edit "revamp $ex" "$ex" revamp wb E1 --summary "Done now"
	edit "sign $ex" "$ex" sign wb E1 --by "A. Assessor"
	edit "sign bad date $ex" "$ex" sign wb E1 --by X --date 2026-13-45
	edit "unit $ex" "$ex" unit wb B4
	edit "unit status $ex" "$ex" unit wb A2 --status credit-transfer --notes "from another award"
	edit "unit bad status $ex" "$ex" unit wb A2 --status sideways
	edit "session $ex" "$ex" session wb --focus "Vision" --participants "Jo; Sam"
	edit "action $ex" "$ex" action wb --objective "Read" --due 2026-03-01 --who Jo
	edit "action bad session $ex" "$ex" action wb --objective "Read" --session S99
	edit "done $ex" "$ex" "done" wb AP1
	edit "read-only $ex" "$ex" -r add wb --ref R --summary S
done
one "check caseload" check examples
for fmt in text csv html; do
	one "report caseload $fmt" report examples --format "$fmt"
done
edit "new" fred new wb/new --candidate "Ann Example" --units A2,B4
edit "new twice" fred new wb --candidate "Ann Example"

echo "$runs runs, $differ differ"
[ "$differ" -eq 0 ]
