#!/bin/sh
# fuzz/run.sh — runs the libFuzzer harnesses (built by `make fuzz-build`), from the
# repository root.
#   sh fuzz/run.sh SECONDS [NAME...]   fuzz each for SECONDS, seeded from tests/corpus
#   sh fuzz/run.sh regress [NAME...]   run every saved input in fuzz/crashes/NAME once
# A new crash is left in build/fuzz/crash-NAME-*; fix it, then copy the input to
# fuzz/crashes/NAME/ so `make check` replays it from then on.
set -u
mode=${1:?usage: sh fuzz/run.sh SECONDS|regress [NAME...]}
shift
[ $# -eq 0 ] && set -- sheet ref ini text competence
B=build/fuzz
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for name in "$@"; do
	bin=$B/fuzz_$name
	if [ ! -x "$bin" ]; then
		echo "fuzz/run.sh: $bin is not built (make fuzz-build)" >&2
		exit 2
	fi
	if [ "$mode" = regress ]; then
		n=0
		for f in fuzz/crashes/$name/*; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			if ! "$bin" "$f" >"$B/regress-$name.log" 2>&1; then
				echo "not ok - fuzz regression $f"
				tail -n 30 "$B/regress-$name.log"
				status=1
			fi
		done
		echo "fuzz_$name: $n saved inputs replayed"
		continue
	fi
	case $name in
	sheet) seeds="tests/corpus/csv fuzz/crashes/sheet" ;;
	ref) seeds="fuzz/seeds/ref fuzz/crashes/ref" ;;
	competence) seeds="fuzz/seeds/competence fuzz/crashes/competence" ;;
	ini) seeds="tests/corpus/ini fuzz/crashes/ini" ;;
	text) seeds="tests/corpus/csv tests/corpus/ini fuzz/crashes/text" ;;
	*) seeds="" ;;
	esac
	work=$B/corpus-$name
	mkdir -p "$work"
	dirs=""
	for s in $seeds; do [ -d "$s" ] && dirs="$dirs $s"; done
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$mode" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$B/crash-$name-" "$work" $dirs \
		>"$B/fuzz-$name.log" 2>&1
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$B/fuzz-$name.log" | tail -n 1)
	execs=$(grep -E '^stat::number_of_executed_units' "$B/fuzz-$name.log" | awk '{print $2}')
	if [ $rc -ne 0 ]; then
		echo "not ok - fuzz_$name found a problem (input in $B/crash-$name-*):"
		grep -E 'ERROR|runtime error|assertion failed|SUMMARY' "$B/fuzz-$name.log" | head -n 5
		status=1
	else
		echo "fuzz_$name: ${execs:-?} runs in ${mode}s; $done_line"
	fi
done
exit $status
