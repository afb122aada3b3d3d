# tests/tmux.sh — the tmux harness the screen, golden and reliability tests share
# (sourced, not run): a private tmux server, sessions that run capbook, and polling
# of what they show. Nothing waits by sleeping alone.
#
# The sourcing script sets tmp (its scratch folder), REPO, CAPBOOK and, in each
# test, T (the test's folder) and name; it calls tmux_server_start once and
# tmux_server_stop on exit. Then, on session $S (a test's session, or named):
#   start W H [VAR=VALUE...] [--] ARGS...   capbook ARGS in a new W x H session $S,
#                                  run in $T; its exit status goes to $T/rc
#   tm_new SESSION W H COMMAND     any command in a new session (the pane is the command)
#   screen / keys KEY... / typed TEXT / resize W H / cur / app_pid
#   wait_for TEXT [TENTHS], wait_gone, wait_line PATTERN..., wait_joined TEXT,
#   wait_cursor ROW, wait_exit [TENTHS], wait_settled
# and the same with an explicit session: tm_screen, tm_keys, tm_wait_for SESSION TEXT TENTHS.

TMUX_SOCK=capbook-test-$$
T() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# One server for the whole run, kept up between sessions: a server that exits
# when its last session closes races with the next test's new-session.
tmux_server_start() {
	command -v tmux >/dev/null 2>&1 || {
		echo "tmux is needed for the screen tests" >&2
		exit 2
	}
	unset TMUX 2>/dev/null || true
	T start-server \; set-option -s exit-empty off
}

tmux_server_stop() { T kill-server >/dev/null 2>&1 || true; }

tm_new() { # SESSION W H COMMAND
	T kill-session -t "$1" >/dev/null 2>&1 || true
	T new-session -d -s "$1" -x "$2" -y "$3" "$4" \; set-option -w -t "$1" remain-on-exit on
}

tm_screen() { T capture-pane -p -t "$1"; }
tm_keys() {
	s=$1
	shift
	T send-keys -t "$s" "$@"
}

# tm_wait_for SESSION TEXT TENTHS: polls the screen until it shows TEXT (a fixed
# string); fails, showing the screen, after TENTHS tenths of a second.
tm_wait_for() {
	_tw=0 # not n: callers count in n
	while [ "$_tw" -lt $(($3 * 2)) ]; do
		tm_screen "$1" >"$T/screen" 2>/dev/null || true
		grep -qF -- "$2" "$T/screen" && return 0
		sleep 0.05
		_tw=$((_tw + 1))
	done
	echo "FAIL: timeout waiting for \"$2\"; the screen shows:"
	tm_screen "$1" 2>/dev/null | sed 's/^/  | /'
	exit 1
}

# start W H [VAR=VALUE...] [--] ARGS...: runs capbook ARGS in a new tmux session
# of W x H in $T, with TERM=xterm-256color unless a TERM=... is given. The session
# is $S; capbook's exit status goes to $T/rc, and the pane then stays alive a
# while so the terminal's state after exit can be examined. (Home and End are not
# sent: tmux encodes them for its own TERM.)
start() {
	w=$1
	h=$2
	shift 2
	envs="TERM=xterm-256color"
	while [ $# -gt 0 ]; do
		case $1 in
		--)
			shift
			break
			;;
		*=*)
			envs="$envs '$1'"
			shift
			;;
		*) break ;;
		esac
	done
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	rm -f "$T/rc"
	cat >"$T/launch.sh" <<EOF
cd '$T'
env $envs '$CAPBOOK' $args
echo \$? >'$T/rc.tmp'
mv '$T/rc.tmp' '$T/rc'
exec sleep 60
EOF
	S=t$$-$name
	tm_new "$S" "$w" "$h" "sh '$T/launch.sh'"
}

screen() { tm_screen "$S"; }
keys() { tm_keys "$S" "$@"; }
typed() { T send-keys -t "$S" -l -- "$1"; }
resize() { T resize-window -t "$S" -x "$1" -y "$2"; }

# The process id of capbook (the child of the pane's shell).
app_pid() {
	pp=$(T display-message -p -t "$S" '#{pane_pid}')
	n=0
	while [ "$n" -lt 50 ]; do
		p=$(ps -o pid= --ppid "$pp" 2>/dev/null | tr -d ' ' | head -n 1)
		[ -n "$p" ] && {
			echo "$p"
			return 0
		}
		sleep 0.1
		n=$((n + 1))
	done
	fail "no capbook process under the pane"
}

# cur: the row of the real cursor (0 is the top line); wait_cursor ROW polls
# until it is there.
cur() { T display-message -p -t "$S" '#{cursor_y}'; }
wait_cursor() {
	n=0
	until [ "$(cur)" = "$1" ]; do
		[ $((n += 1)) -lt 50 ] || fail "the cursor is on row $(cur), not $1"
		sleep 0.1
	done
}

# wait_for TEXT [TENTHS]: polls the screen until it shows TEXT (a fixed string).
wait_for() {
	n=0
	while [ "$n" -lt "${2:-50}" ]; do
		screen >"$T/screen" 2>/dev/null || true
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	fail "timeout waiting for \"$1\""
}

# wait_gone TEXT [TENTHS]: polls until the screen no longer shows TEXT.
wait_gone() {
	n=0
	while [ "$n" -lt "${2:-50}" ]; do
		screen >"$T/screen" 2>/dev/null || true
		grep -qF -- "$1" "$T/screen" || return 0
		sleep 0.1
		n=$((n + 1))
	done
	fail "\"$1\" still on the screen"
}

# wait_line PATTERN... : polls until one line of the screen holds every fixed
# string given (in any order).
wait_line() {
	n=0
	while [ "$n" -lt 50 ]; do
		screen >"$T/screen" 2>/dev/null || true
		lines=$(cat "$T/screen")
		for p in "$@"; do
			lines=$(printf '%s\n' "$lines" | grep -F -- "$p" || true)
		done
		[ -n "$lines" ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	fail "timeout waiting for a line with: $*"
}

# wait_joined TEXT: polls until the screen, its lines stripped of leading and
# trailing spaces, joined and runs of spaces squeezed to one, shows TEXT (text
# wrapped over lines).
wait_joined() {
	n=0
	while [ "$n" -lt 50 ]; do
		screen 2>/dev/null | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | tr -s ' ' >"$T/screen" || true
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	fail "timeout waiting for \"$1\" (lines joined)"
}

# wait_exit [TENTHS]: polls until capbook has exited; its status in $rc.
wait_exit() {
	n=0
	while [ "$n" -lt "${1:-50}" ]; do
		if [ -s "$T/rc" ]; then
			rc=$(cat "$T/rc")
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	fail "capbook did not exit within $((${1:-50} / 10)) s"
}

# wait_settled: polls until the screen and the cursor are the same in three
# captures a tenth of a second apart (a repaint has finished), at most 5 s.
wait_settled() {
	n=0
	same=0
	last=""
	while [ "$n" -lt 50 ] && [ "$same" -lt 2 ]; do
		now=$(screen 2>/dev/null; T display-message -p -t "$S" '#{cursor_y},#{cursor_x}')
		if [ "$now" = "$last" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		last=$now
		sleep 0.1
		n=$((n + 1))
	done
	[ "$same" -ge 2 ] || fail "the screen did not settle"
}
