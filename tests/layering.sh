#!/bin/sh
# tests/layering.sh — the core stays apart from the front ends: nothing in core/
# includes curses or a header of tui/ or cli/. Run from the repository root
# (make check does); prints each offending line, and exits 1 if there is one.
set -eu
if [ ! -d core ]; then
	echo "tests/layering.sh: run it from the repository root" >&2
	exit 2
fi
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]((n?curses(w)?/)?n?curses(w)?\.h|term\.h|panel\.h|form\.h|menu\.h|tui/|cli/)' \
	core/*.c core/*.h || true)
if [ -n "$bad" ]; then
	echo "core/ includes what only a front end may:"
	echo "$bad" | sed 's/^/  /'
	exit 1
fi
echo "layering: core/ includes neither curses nor tui/ nor cli/"
