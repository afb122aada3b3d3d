#!/bin/sh
# bench.sh — `make bench`: capbook's load, check, gaps, selection, save and memory
# on generated workbooks, beside the peers' yardstick (Python's csv module on the
# same evidence.csv). Run from the repository root after `make capbook`.
#   SIZES="1000 10000"   evidence entries per workbook (default 1k 10k 100k 500k)
#   RUNS=5               runs per measure; every time is a median
#   PYTHON=/usr/bin/python3  the python whose csv module is the yardstick (default:
#                        the system one, as in research/perf-baselines.md; a pyenv
#                        shim adds ~40 ms of start-up to every run)
# Workbooks are generated once into build/bench-data/ and reused.
set -eu

SIZES=${SIZES:-"1000 10000 100000 500000"}
RUNS=${RUNS:-5}
CC=${CC:-cc}
DATA=build/bench-data
BENCH=build/bench

say() { printf '%s\n' "$*" >&2; }

[ -x ./capbook ] || { say "bench: ./capbook is not built (run: make capbook)"; exit 2; }
command -v python3 >/dev/null 2>&1 || { say "bench: python3 is needed"; exit 2; }
if [ -z "${PYTHON:-}" ]; then
	PYTHON=python3
	[ -x /usr/bin/python3 ] && PYTHON=/usr/bin/python3
fi

# build/bench, when missing or older than the core or bench.c
if [ ! -x "$BENCH" ] || [ -n "$(find core tools/bench.c -newer "$BENCH" -name '*.[ch]' 2>/dev/null)" ]; then
	say "bench: building $BENCH"
	mkdir -p build
	$CC -std=c11 -Wall -Wextra -Wpedantic -O2 -g -D_GNU_SOURCE -I. -I/usr/include/iniparser \
		-DCAPBOOK_VERSION='"bench"' -DCAPBOOK_DATADIR='"/nonexistent"' \
		-DCAPBOOK_SYSCONFDIR='"/nonexistent"' \
		tools/bench.c core/*.c -lcsv -liniparser -pthread -o "$BENCH"
fi

# Median wall time (ms) of RUNS runs after one warm-up, the peak RSS (MiB) of one
# more run under GNU time ("-" without /usr/bin/time), and the last exit status:
# "MS RSS RC". (RUSAGE_CHILDREN would count the forked python before exec.)
TIMER='
import os, statistics, subprocess, sys, tempfile, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
def run(prefix=()):
    t = time.perf_counter()
    rc = subprocess.call(list(prefix) + cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, rc
run()
ts = []
for _ in range(runs):
    t, rc = run()
    ts.append(t)
rss = "-"
if os.access("/usr/bin/time", os.X_OK):
    with tempfile.NamedTemporaryFile("r") as f:
        run(("/usr/bin/time", "-f", "%M", "-o", f.name))
        rss = "%.1f" % (int(f.read().split()[-1]) / 1024)
print("%.1f %s %d" % (statistics.median(ts) * 1000, rss, rc))
'
PYCSV='import csv,sys; n=sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))'

mkdir -p "$DATA"
for d in "$DATA"/.bench-save-*; do
	if [ -d "$d" ]; then rm -rf "$d"; fi # left by an interrupted run
done

for n in $SIZES; do
	wb="$DATA/wb-$n"
	if [ ! -f "$wb/evidence.csv" ] || [ -n "$(find tools/gen-workbook.py -newer "$wb/evidence.csv")" ]; then
		say "bench: generating $wb ($n entries)"
		t0=$(date +%s)
		rm -rf "$wb"
		python3 tools/gen-workbook.py "$n" "$wb"
		say "bench: generated $wb in $(($(date +%s) - t0)) s"
	fi
done

printf '# %s; %s CPUs; load average %s; yardstick %s\n' "$(date '+%Y-%m-%d %H:%M')" \
	"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
	"$("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
printf '%8s %6s %8s %7s %6s %6s %8s %8s %8s %7s %6s %5s %8s %7s %8s %6s %7s %7s\n' \
	entries "ev MB" "load ms" "warm ms" "chk ms" "gap ms" "selcapus" "selelus" "save ms" \
	"RSS MB" "x file" "probs" "check ms" "chk RSS" "pycsv ms" "ratio" "read ms" "libcsv"
for n in $SIZES; do
	wb="$DATA/wb-$n"
	say "bench: $n entries: in-process measures"
	out=$("$BENCH" "$wb" "$RUNS") || say "bench: $BENCH $wb exited $?"
	get() { printf '%s\n' "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
	say "bench: $n entries: capbook check, python csv"
	# shellcheck disable=SC2046 # three words wanted
	set -- $(python3 -c "$TIMER" "$RUNS" ./capbook check "$wb")
	chk_ms=$1 chk_rss=$2 chk_rc=$3
	[ "$chk_rc" -eq 0 ] || say "bench: capbook check $wb exited $chk_rc"
	# shellcheck disable=SC2046
	set -- $(python3 -c "$TIMER" "$RUNS" "$PYTHON" -c "$PYCSV" "$wb/evidence.csv")
	py_ms=$1
	bytes=$(get evidence_bytes)
	rss_kb=$(get peak_rss_kb)
	probs=$(($(get load_problems) + $(get check_problems)))
	awk -v n="$n" -v bytes="$bytes" -v load="$(get load_ms)" -v warm="$(get load_warm_ms)" -v chk="$(get check_ms)" \
		-v gaps="$(get gaps_ms)" -v selc="$(get select_cap_us)" \
		-v sele="$(get select_element_us)" -v save="$(get save_ms)" -v rss="$rss_kb" \
		-v probs="$probs" -v cm="$chk_ms" -v crss="$chk_rss" -v py="$py_ms" \
		-v lc="$(get libcsv_ms)" -v rd="$(get read_ms)" 'BEGIN {
		printf "%8d %6.1f %8.1f %7.1f %6.1f %6.1f %8.0f %8.0f %8.1f %7.1f %6.2f %5d %8.1f %7s %8.1f %6.2f %7.1f %7.1f\n",
			n, bytes / 1e6, load, warm, chk, gaps, selc, sele, save, rss / 1024,
			rss * 1024 / bytes, probs, cm, crss, py, cm / py, rd, lc }'
	[ "$(get save_failed)" = 0 ] || say "bench: the save to a copy of $wb failed"
done
cat <<'EOF'
Columns (build/bench: medians of RUNS, CLOCK_MONOTONIC): ev MB = evidence.csv size (10^6 B);
load ms = workbook_open (read, parse, index, resolve refs) in a fresh child process, as at start-up;
warm ms = the same repeated in one process (freed memory recycled: mostly CPU, fewer page faults);
chk ms = workbook_check; gap ms = coverage_compute + coverage_gaps at the workbook's stage;
selcapus / selelus = one linked-selection change, us (entry_counts_for on every entry for capability
SLF / entry_counts_for_nos for element A1.1); save ms = workbook_save of a copy after one cell
changed in the last row of each sheet (all of evidence.csv rewritten; fsync and rename included);
RSS MB = peak RSS of the loading child (ru_maxrss, MiB); x file = RSS / evidence.csv size; probs =
problems reported by load + check (0 expected). Whole process, median of RUNS after a warm-up:
check ms = `./capbook check DIR` wall time; chk RSS = its peak RSS (GNU time %M, MiB); pycsv ms =
`$PYTHON -c 'import csv...'` counting the rows of the same evidence.csv; ratio = check ms / pycsv
ms. Floors: read ms = read() of evidence.csv into fresh memory, as the loader does in a new process
(page faults included); libcsv = libcsv alone parsing those bytes in one call.
Targets: ratio <= 0.5 at 100k; RSS <= 3 x file size (x file <= 3); selection changes in us, not ms.
EOF
