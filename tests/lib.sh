# tests/lib.sh — what the shell test scripts share (sourced, not run): the
# assertion helpers and the runner. A script sets CAPBOOK and tmp, defines its
# test functions, and ends with: run_tests PREFIX TEST...
#
# Inside a test (a subshell with set -e): T is the test's own folder, and
#   fail MESSAGE...           ends the test as failed
#   run WANT ARGS...          runs capbook ARGS; stdout in $T/out, stderr in $T/err;
#                             fails unless the exit status is WANT
#   contains FILE TEXT        fails unless FILE holds TEXT (a fixed string)
#   lacks FILE TEXT           fails if FILE holds TEXT
# A test that exits 77 is skipped (with its last line of output as the reason).

fail() {
	echo "FAIL: $*"
	exit 1
}

run() {
	want=$1
	shift
	rc=0
	"$CAPBOOK" "$@" >"$T/out" 2>"$T/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "capbook $*"
		echo "  exit status $rc, wanted $want"
		sed 's/^/  stdout: /' "$T/out"
		sed 's/^/  stderr: /' "$T/err"
		exit 1
	fi
}

contains() {
	grep -qF -- "$2" "$1" || {
		echo "FAIL: $1 does not contain \"$2\":"
		sed 's/^/  | /' "$1"
		exit 1
	}
}

lacks() {
	if grep -qF -- "$2" "$1"; then
		echo "FAIL: $1 contains \"$2\":"
		sed 's/^/  | /' "$1"
		exit 1
	fi
}

# run_tests PREFIX TEST...: runs each test function in a subshell with set -e,
# in its own folder $TESTS_DIR/NAME (NAME: the function's name without PREFIX;
# TESTS_DIR defaults to $tmp), its output kept in $tmp/NAME.log and shown only
# when it fails. Prints "ok - NAME" or "not ok - NAME" a test, then the counts;
# returns non-zero if any failed. Hooks a script may define: after_test NAME
# (always run, e.g. to close a tmux session) and ok_notes LOG (lines worth
# showing from a passing test's log). ONLY="NAME NAME" in the environment runs
# those tests alone (NAME without PREFIX).
run_tests() {
	prefix=$1
	shift
	passed=0
	failed=0
	skipped=0
	for t in "$@"; do
		name=${t#"$prefix"}
		if [ -n "${ONLY:-}" ]; then
			case " $ONLY " in
			*" $name "*) ;;
			*) continue ;;
			esac
		fi
		T=${TESTS_DIR:-$tmp}/$name
		mkdir -p "$T"
		set +e
		(
			set -e
			$t
		) >"$tmp/$name.log" 2>&1
		rc=$?
		set -e
		if command -v after_test >/dev/null 2>&1; then
			after_test "$name"
		fi
		if [ "$rc" -eq 0 ]; then
			echo "ok - $name"
			if command -v ok_notes >/dev/null 2>&1; then
				ok_notes "$tmp/$name.log"
			fi
			passed=$((passed + 1))
		elif [ "$rc" -eq 77 ]; then
			echo "ok - $name # SKIP $(tail -n 1 "$tmp/$name.log")"
			skipped=$((skipped + 1))
		else
			echo "not ok - $name"
			sed 's/^/#   /' "$tmp/$name.log"
			failed=$((failed + 1))
		fi
	done
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}

# joined FILE: FILE.joined, its lines stripped and joined by one space, so that
# a message or a table cell wrapped over lines reads as one line.
joined() {
	sed 's/^ *//; s/ *$//' "$1" | tr '\n' ' ' | tr -s ' ' >"$1.joined"
}
