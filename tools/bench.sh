#!/bin/sh
# bench.sh — `make bench`: capbook's load, check, gaps, save and memory on generated
# workbooks, beside the peers' yardstick (Python's csv module on the same
# evidence.csv, in the same run); then the full-screen workbook at 80x24 through a
# pseudo-terminal: bytes written per cursor move and per selection change, CPU time
# per selection change, first paint (tools/screen-bench.py). Run from the
# repository root after `make capbook`. Not part of `make check`: timings vary.
#   SIZES="1000 10000"   evidence entries per workbook (default 1k 10k 100k 500k)
#   SCREEN_SIZES="10000" workbooks the screen is measured on (default: 10k and 100k,
#                        those of them in SIZES); SCREEN=0 skips the screen
#   RUNS=5               runs per measure; every time is a median
#   PYTHON=/usr/bin/python3  the python whose csv module is the yardstick (default:
#                        the system one, as in research/perf-baselines.md; a pyenv
#                        shim adds ~40 ms of start-up to every run)
# Workbooks are generated once into build/bench-data/ and reused.
set -eu

SIZES=${SIZES:-"1000 10000 100000 500000"}
if [ -z "${SCREEN_SIZES:-}" ]; then
	SCREEN_SIZES=""
	for n in $SIZES; do
		case $n in 10000 | 100000) SCREEN_SIZES="$SCREEN_SIZES $n" ;; esac
	done
fi
[ "${SCREEN:-1}" != 0 ] || SCREEN_SIZES=""
RUNS=${RUNS:-5}
CC=${CC:-cc}
DATA=build/bench-data
BENCH=build/bench

say() { printf '%s\n' "$*" >&2; }

[ -x ./capbook ] || { say "bench: ./capbook is not built (run: make capbook)"; exit 2; }
# Measured: a copy of ./capbook taken now, so that a rebuild while the bench runs
# neither changes what is measured nor fails a run. In build/, like ./capbook one
# level below the repository, so it finds data/ the same way.
mkdir -p build
CAPBOOK=build/bench-capbook
n=0
until cp ./capbook "$CAPBOOK.tmp" && "$CAPBOOK.tmp" --version >/dev/null 2>&1; do
	n=$((n + 1))
	[ "$n" -lt 10 ] || { say "bench: ./capbook does not run"; exit 2; }
	sleep 1
done
mv "$CAPBOOK.tmp" "$CAPBOOK"
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
		tools/bench.c core/*.c -lcsv -liniparser -lnettle -pthread -o "$BENCH"
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

for n in $SIZES $SCREEN_SIZES; do
	wb="$DATA/wb-$n"
	if [ ! -f "$wb/evidence.csv" ] || [ -n "$(find tools/gen-workbook.py -newer "$wb/evidence.csv")" ]; then
		say "bench: generating $wb ($n entries)"
		t0=$(date +%s)
		rm -rf "$wb"
		python3 tools/gen-workbook.py "$n" "$wb"
		say "bench: generated $wb in $(($(date +%s) - t0)) s"
	fi
done

printf '# %s; %s CPUs; load average %s; yardstick %s; RUNS=%s\n' "$(date '+%Y-%m-%d %H:%M')" \
	"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
	"$("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')" "$RUNS"

# Table 1: whole processes, as a user runs them.
printf '\n%8s %6s %8s %8s %8s %8s %6s %8s %8s %6s\n' entries "ev MB" "check ms" "gaps ms" \
	"add ms" "chk RSS" "x file" "add RSS" "pycsv ms" ratio
details=""
for n in $SIZES; do
	wb="$DATA/wb-$n"
	say "bench: $n entries: capbook check, gaps, add; python csv"
	# shellcheck disable=SC2046 # three words wanted
	set -- $(python3 -c "$TIMER" "$RUNS" "$CAPBOOK" check "$wb" || echo nan - 99)
	chk_ms=$1 chk_rss=$2
	[ "$3" -eq 0 ] || say "bench: capbook check $wb exited $3"
	# shellcheck disable=SC2046
	set -- $(python3 -c "$TIMER" "$RUNS" "$CAPBOOK" gaps "$wb" || echo nan - 99)
	gaps_ms=$1
	[ "$3" -le 1 ] || say "bench: capbook gaps $wb exited $3"
	# add: load, append one entry, save (evidence.csv rewritten) — on a copy; each run adds one
	copy="$DATA/.bench-save-add-$n"
	rm -rf "$copy"
	cp -R "$wb" "$copy"
	# shellcheck disable=SC2046
	set -- $(python3 -c "$TIMER" "$RUNS" "$CAPBOOK" add "$copy" --ref P/BENCH --date 2026-01-15 \
		--summary "Bench entry, with a comma" --elements A1.1 --indicators SLF.1.AC ||
		echo nan - 99)
	add_ms=$1 add_rss=$2
	[ "$3" -eq 0 ] || say "bench: capbook add $copy exited $3"
	rm -rf "$copy"
	# shellcheck disable=SC2046
	set -- $(python3 -c "$TIMER" "$RUNS" "$PYTHON" -c "$PYCSV" "$wb/evidence.csv" || echo nan - 99)
	py_ms=$1
	bytes=$(wc -c <"$wb/evidence.csv")
	awk -v n="$n" -v bytes="$bytes" -v cm="$chk_ms" -v gm="$gaps_ms" -v am="$add_ms" \
		-v crss="$chk_rss" -v arss="$add_rss" -v py="$py_ms" 'BEGIN {
		printf "%8d %6.1f %8.1f %8.1f %8.1f %8s %6.2f %8s %8.1f %6s\n", n, bytes / 1e6, cm, gm,
			am, crss, crss * 1048576 / bytes, arss, py,
			(py + 0 > 0 && cm + 0 > 0) ? sprintf("%.2f", cm / py) : "-" }'

	say "bench: $n entries: in-process measures"
	out=$("$BENCH" "$wb" "$RUNS") || say "bench: $BENCH $wb exited $?"
	get() { printf '%s\n' "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
	[ "$(get save_failed)" = 0 ] || say "bench: the save to a copy of $wb failed"
	probs=$(($(get load_problems) + $(get check_problems)))
	details="$details$(awk -v n="$n" -v bytes="$(get evidence_bytes)" -v load="$(get load_ms)" \
		-v warm="$(get load_warm_ms)" -v chk="$(get check_ms)" -v gaps="$(get gaps_ms)" \
		-v save="$(get save_ms)" -v rss="$(get peak_rss_kb)" -v selc="$(get select_cap_us)" \
		-v sele="$(get select_element_us)" -v rd="$(get read_ms)" -v lc="$(get libcsv_ms)" \
		-v probs="$probs" 'BEGIN {
		printf "%8d %8.1f %7.1f %6.1f %6.1f %7.1f %7.1f %6.2f %8.0f %8.0f %7.1f %7.1f %5d",
			n, load, warm, chk, gaps, save, rss / 1024, rss * 1024 / bytes, selc, sele, rd, lc,
			probs }')
"
done

# Table 2: inside one process (build/bench), and the floors under a loader.
printf '\n%8s %8s %7s %6s %6s %7s %7s %6s %8s %8s %7s %7s %5s\n' entries "load ms" "warm ms" \
	"chk ms" "gap ms" "save ms" "RSS MB" "x file" "scan cap" "scan el" "read ms" libcsv probs
printf '%s' "$details"

# Table 3: the full-screen workbook through a pseudo-terminal, 80x24.
if [ "${SCREEN:-1}" != 0 ]; then
	printf '\n%-14s %7s %6s %5s %7s %9s %7s %7s %9s %7s\n' "80x24 screen" "1st ms" "1st B" \
		"idle" "B/move" "(med/max)" "us/move" "B/sel" "(med/max)" "us/sel"
	screen_row() { # LABEL WORKBOOK [--only-first-paint]
		label=$1
		shift
		if ! s=$(python3 tools/screen-bench.py --runs "$RUNS" "$CAPBOOK" "$@"); then
			say "bench: tools/screen-bench.py $* failed"
			return 0
		fi
		sget() { printf '%s\n' "$s" | awk -v k="$1" '$1 == k { print $2 }'; }
		if [ -n "$(sget move_bytes)" ]; then
			printf '%-14s %7s %6s %5s %7s %9s %7s %7s %9s %7s\n' "$label" "$(sget first_paint_ms)" \
				"$(sget first_paint_bytes)" "$(sget idle_bytes)" "$(sget move_bytes)" \
				"$(sget move_bytes_med)/$(sget move_bytes_max)" "$(sget move_cpu_us)" \
				"$(sget sel_bytes)" "$(sget sel_bytes_med)/$(sget sel_bytes_max)" "$(sget sel_cpu_us)"
		else
			printf '%-14s %7s %6s\n' "$label" "$(sget first_paint_ms)" "$(sget first_paint_bytes)"
		fi
	}
	say "bench: screen: the demo (data/examples/freda)"
	screen_row "demo (freda)" data/examples/freda --only-first-paint
	for n in $SCREEN_SIZES; do
		say "bench: screen: $n entries"
		screen_row "$n entries" "$DATA/wb-$n"
	done
fi

cat <<'EOF'

Table 1, whole processes (median of RUNS after a warm-up; wall time; build/bench-capbook, a copy
of ./capbook taken at the start): check = `capbook check DIR` (read, parse, index, resolve
references, validate); gaps = `capbook gaps DIR`; add = `capbook add COPY --ref ... --summary ...`
on a copy (load, append, save: evidence.csv rewritten, fsync and rename included); chk RSS / add RSS = peak RSS in MiB (GNU time %M); x file = check's
peak RSS / evidence.csv size; pycsv = `$PYTHON -c 'import csv...'` counting the rows of the same
file; ratio = check / pycsv.
Table 2, build/bench in one process (medians of RUNS, CLOCK_MONOTONIC): load = workbook_open in a
fresh child (as at start-up; RSS MB / x file are that child's peak); warm = the same repeated in
one process; chk = workbook_check; gap = coverage_compute + coverage_gaps; save = workbook_save of
a copy after one cell changed in the last row of each sheet; scan cap / scan el = us to test every
entry against capability SLF / element A1.1 with entry_counts_for (the screen uses a prebuilt link
index instead); read = read() of evidence.csv into fresh memory; libcsv = libcsv alone parsing
those bytes; probs = problems reported by load + check (0 expected).
Table 3, tools/screen-bench.py (TERM=xterm-256color, a pty of its own, every byte capbook writes
counted): 1st = first paint, ms from fork to the last byte of the first screen (median of RUNS
starts), and its bytes; idle = bytes in 1 s without a key; B/move = Down in the Evidence pane
(mean, median/max per key), us/move = capbook's CPU time per move (/proc/PID/schedstat); B/sel,
us/sel = Down/Up in the Capabilities pane, each a selection change that relinks the Evidence pane.
Targets: at 100k ratio <= 0.5 and x file <= 3; B/move <= 300; us/sel <= 1000 at
100k; first paint of the demo <= 50 ms.
EOF
