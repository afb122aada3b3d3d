#!/bin/sh
# tools/layers.sh — the layers keep apart: core/ (the model) includes no curses
# header and nothing of tui/ or cli/; tui/ (the full screen) nothing of cli/;
# cli/ (the command line) no curses, and of tui/ only tui/tui.h, from main.c.
# (That core/ calls no curses function is checked by the link: the unit tests
# and the fuzz harnesses link core/ without ncurses.)
#
#   sh tools/layers.sh [DIR]     check the tree at DIR (default: .); exit 1 on a breach
#   sh tools/layers.sh --self-test   show that a breach in each layer is caught
set -eu

# The curses family's headers, as an extended regular expression.
CURSES='(n?curses(w)?/)?(n?curses|curses|term|panel|menu|form|eti|unctrl)\.h'

# includes DIR FILES_GLOB PATTERN: the #include lines of DIR's files that
# match PATTERN, as FILE:LINE: text.
includes() {
	dir=$1
	glob=$2
	pat=$3
	for f in "$dir"/$glob; do
		[ -f "$f" ] || continue
		grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pat)" "$f" || true
	done
}

check() {
	root=$1
	bad=0
	found=$(includes "$root" 'core/*.[ch]' "$CURSES|tui/|cli/")
	if [ -n "$found" ]; then
		echo "$found" | sed 's/$/  (core\/ includes no curses, tui\/ or cli\/ header)/'
		bad=1
	fi
	found=$(includes "$root" 'tui/*.[ch]' 'cli/')
	if [ -n "$found" ]; then
		echo "$found" | sed 's/$/  (tui\/ includes nothing of cli\/)/'
		bad=1
	fi
	found=$(includes "$root" 'cli/*.[ch]' "$CURSES|tui/" | grep -v '^[^:]*/cli/main\.c:[0-9]*:.*"tui/tui\.h"' || true)
	if [ -n "$found" ]; then
		echo "$found" | sed 's/$/  (cli\/ includes no curses; of tui\/ only tui\/tui.h, from main.c)/'
		bad=1
	fi
	return $bad
}

if [ "${1:-}" = "--self-test" ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-layers.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	mkdir "$tmp/core" "$tmp/tui" "$tmp/cli"
	ok() { check "$tmp" >/dev/null || { echo "layers self-test: a clean tree was refused: $*"; exit 1; }; }
	breach() { ! check "$tmp" >/dev/null || { echo "layers self-test: not caught: $*"; exit 1; }; }
	printf '#include "core/x.h"\n#include <stdio.h>\n' >"$tmp/core/a.c"
	printf '#include "tui/tui.h"\n' >"$tmp/cli/main.c"
	printf '#include <curses.h>\n#include "core/x.h"\n' >"$tmp/tui/b.c"
	ok "core, tui with curses, cli/main.c with tui/tui.h"
	for line in '#include <curses.h>' '#include <ncursesw/ncurses.h>' '#  include <term.h>' \
		'#include "tui/ui.h"' '#include "cli/cli.h"'; do
		printf '%s\n' "$line" >"$tmp/core/bad.h"
		breach "core/bad.h: $line"
		rm "$tmp/core/bad.h"
	done
	printf '#include "cli/cli.h"\n' >"$tmp/tui/bad.c"
	breach "tui/bad.c includes cli/"
	rm "$tmp/tui/bad.c"
	printf '#include "tui/tui.h"\n' >"$tmp/cli/other.c"
	breach "cli/other.c includes tui/tui.h"
	rm "$tmp/cli/other.c"
	printf '#include "tui/ui.h"\n' >>"$tmp/cli/main.c"
	breach "cli/main.c includes tui/ui.h"
	printf '#include "tui/tui.h"\n' >"$tmp/cli/main.c"
	printf '#include <ncurses.h>\n' >"$tmp/cli/c.c"
	breach "cli/c.c includes ncurses.h"
	echo "layers self-test: every breach caught"
	exit 0
fi

if check "${1:-.}"; then
	echo "layers: core/ apart from tui/ and cli/; cli/ reaches tui/ through tui/tui.h alone"
else
	exit 1
fi
