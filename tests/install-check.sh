#!/bin/sh
# tests/install-check.sh — the shipped files match the tables they come from, and
# `make install` / `make uninstall` work: install into a scratch DESTDIR, run the
# installed program from there, uninstall, and insist nothing is left behind.
#
#   sh tests/install-check.sh            run the checks (from the repository root,
#                                        after `make`); "N passed, N failed" at the end
#   sh tests/install-check.sh --update   rewrite conf/capbook.ini and the KEYS list of
#                                        man/capbook.1 from ./capbook, then stop
set -eu

REPO=$PWD
CAPBOOK=$REPO/capbook
MAKE_CMD=${MAKE:-make}
if [ ! -f Makefile ] || [ ! -d data ]; then
	echo "tests/install-check.sh: run it from the repository root" >&2
	exit 2
fi
if [ ! -x "$CAPBOOK" ]; then
	echo "tests/install-check.sh: build ./capbook first (make)" >&2
	exit 2
fi

KEYS_BEGIN='^\.\\" keys: begin'
KEYS_END='^\.\\" keys: end'

# The man page's key list: the lines between the two markers.
man_keys() {
	sed -n "/$KEYS_BEGIN/,/$KEYS_END/p" man/capbook.1 | sed '1d;$d'
}

if [ "${1:-}" = "--update" ]; then
	"$CAPBOOK" --default-config >conf/capbook.ini.tmp
	mv conf/capbook.ini.tmp conf/capbook.ini
	"$CAPBOOK" --man-keys >man/capbook.1.keys
	awk -v keys=man/capbook.1.keys '
		/^\.\\" keys: end/ { skip = 0 }
		!skip { print }
		/^\.\\" keys: begin/ { while ((getline l < keys) > 0) print l; skip = 1 }
	' man/capbook.1 >man/capbook.1.tmp
	rm -f man/capbook.1.keys
	mv man/capbook.1.tmp man/capbook.1
	echo "rewrote conf/capbook.ini and the KEYS list of man/capbook.1"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capbook-install.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT HUP TERM

# Nothing of the user's: no config, no data folder of theirs, a fixed locale.
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export LC_ALL=C.UTF-8
unset CAPBOOK_CONFIG NO_COLOR 2>/dev/null || true
mkdir -p "$HOME"
# A root with a tight umask must still install files everyone can read.
umask 027

PREFIX=/opt/capbook
DEST="$tmp/stage dir" # a space, so unquoted paths in the Makefile show up
ROOT="$DEST$PREFIX"

# fail and the runner
. "$REPO/tests/lib.sh"

# tree DIR: every path under DIR with its type and mode, sorted.
tree() {
	(cd "$1" && find . -mindepth 1 -exec stat -c '%F %a %n' {} + | sort)
}

# make TARGET DESTDIR=...: every directory is given, so that nothing from the
# environment or from a parent make's command line (make check BINDIR=...) moves it.
mk() {
	"$MAKE_CMD" --no-print-directory -s "$@" PREFIX="$PREFIX" BINDIR="$PREFIX/bin" \
		DATADIR="$PREFIX/share/capbook" SYSCONFDIR="$PREFIX/etc" \
		MANDIR="$PREFIX/share/man" BASHCOMPDIR="$PREFIX/share/bash-completion/completions" \
		>"$T/make.out" 2>&1 || {
		cat "$T/make.out"
		fail "make $*"
	}
}

# --- the shipped files match the tables -----------------------------------

t_conf_matches_table() {
	"$CAPBOOK" --default-config >"$T/default.ini"
	cmp -s "$T/default.ini" conf/capbook.ini || {
		diff -u conf/capbook.ini "$T/default.ini" | head -40
		fail "conf/capbook.ini differs from capbook --default-config" \
			"(sh tests/install-check.sh --update rewrites it)"
	}
}

t_conf_loads_cleanly() {
	"$CAPBOOK" -c conf/capbook.ini check data/examples/freda >"$T/out" 2>"$T/err"
	[ ! -s "$T/err" ] || {
		cat "$T/err"
		fail "capbook complains about its own default config"
	}
}

t_man_keys_match_table() {
	grep -q "$KEYS_BEGIN" man/capbook.1 || fail "man/capbook.1 has no 'keys: begin' line"
	grep -q "$KEYS_END" man/capbook.1 || fail "man/capbook.1 has no 'keys: end' line"
	"$CAPBOOK" --man-keys >"$T/keys"
	[ -s "$T/keys" ] || fail "capbook --man-keys printed nothing"
	man_keys >"$T/man-keys"
	cmp -s "$T/keys" "$T/man-keys" || {
		diff -u "$T/man-keys" "$T/keys" | head -40
		fail "the KEYS list of man/capbook.1 differs from capbook --man-keys" \
			"(sh tests/install-check.sh --update rewrites it)"
	}
}

# Every command of --help has its SYNOPSIS line and its COMMANDS entry.
t_man_lists_every_command() {
	"$CAPBOOK" --help | sed -n 's/^ *capbook \([a-z][a-z]*\) .*/\1/p' >"$T/commands"
	[ "$(wc -l <"$T/commands")" -ge 10 ] || fail "could not read the commands from --help"
	sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' man/capbook.1 >"$T/synopsis"
	sed -n '/^\.SH COMMANDS/,/^\.SH OPTIONS/p' man/capbook.1 >"$T/cmds"
	while read -r c; do
		grep -q "^\.B $c\$" "$T/synopsis" || fail "SYNOPSIS lacks $c"
		grep -q "^\.B $c\( \|\$\)" "$T/cmds" || fail "COMMANDS lacks $c"
	done <"$T/commands"
}

t_man_renders() {
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T lint -W warning man/capbook.1 || fail "mandoc -T lint"
	fi
	if command -v groff >/dev/null 2>&1; then
		groff -man -ww -z -Tutf8 man/capbook.1 2>"$T/err"
		[ ! -s "$T/err" ] || {
			cat "$T/err"
			fail "groff warnings"
		}
	fi
	if ! command -v mandoc >/dev/null 2>&1 && ! command -v groff >/dev/null 2>&1; then
		echo "neither mandoc nor groff installed: not rendered"
	fi
}

# --- install, run from there, uninstall -------------------------------------

# make install into an empty DESTDIR; checks what landed where, and the modes.
install_fresh() {
	rm -rf "$DEST"
	mk install DESTDIR="$DEST"
}

t_install_puts_files_in_place() {
	install_fresh
	for f in bin/capbook etc/capbook/capbook.ini share/man/man1/capbook.1 \
		share/bash-completion/completions/capbook \
		share/capbook/sil/indicators.csv share/capbook/examples/freda/evidence.csv \
		share/capbook/examples/freda/workbook.ini share/capbook/README.md; do
		[ -f "$ROOT/$f" ] || fail "not installed: $f"
	done
	[ "$(stat -c %a "$ROOT/bin/capbook")" = 755 ] || fail "bin/capbook is not mode 755"
	# every data file, readable by everyone whatever the umask
	(cd data && find . -type f) | while IFS= read -r f; do
		[ -f "$ROOT/share/capbook/$f" ] || fail "data file not installed: $f"
		cmp -s "data/$f" "$ROOT/share/capbook/$f" || fail "installed $f differs"
		[ "$(stat -c %a "$ROOT/share/capbook/$f")" = 644 ] || fail "$f is not mode 644"
	done
	find "$ROOT" -type d ! -perm -555 | grep . && fail "directories others cannot enter"
	cmp -s conf/capbook.ini "$ROOT/etc/capbook/capbook.ini" || fail "installed config differs"
	cmp -s man/capbook.1 "$ROOT/share/man/man1/capbook.1" || fail "installed man page differs"
	cmp -s cli/capbook.bash "$ROOT/share/bash-completion/completions/capbook" ||
		fail "installed bash completion differs"
	[ "$(stat -c %a "$ROOT/share/bash-completion/completions/capbook")" = 644 ] ||
		fail "the bash completion is not mode 644"
	# nothing outside PREFIX
	(cd "$DEST" && find . -mindepth 1 -maxdepth 1) >"$T/top"
	[ "$(cat "$T/top")" = "./opt" ] || fail "installed outside PREFIX: $(cat "$T/top")"
}

# The installed program was built for its PREFIX, even when ./capbook was built
# for another: the objects are rebuilt when the flags change.
t_installed_built_for_its_prefix() {
	"$MAKE_CMD" --no-print-directory -s capbook PREFIX=/nonexistent-prefix >/dev/null 2>&1 ||
		fail "make capbook PREFIX=/nonexistent-prefix"
	install_fresh
	grep -q "$PREFIX/share/capbook" "$ROOT/bin/capbook" ||
		fail "the installed capbook does not know $PREFIX/share/capbook"
	grep -q "/nonexistent-prefix" "$ROOT/bin/capbook" &&
		fail "the installed capbook was built for another PREFIX"
	true
}

t_installed_version() {
	install_fresh
	out=$("$ROOT/bin/capbook" --version)
	want=$("$CAPBOOK" --version)
	[ "$out" = "$want" ] || fail "--version: '$out', wanted '$want'"
	"$ROOT/bin/capbook" --help >/dev/null || fail "--help"
}

t_installed_finds_its_data() {
	install_fresh
	"$ROOT/bin/capbook" frameworks >"$T/out" 2>"$T/err" || {
		cat "$T/out" "$T/err"
		fail "frameworks failed"
	}
	for id in sil lmcs2008 lmcs2012 lmcs2008-sil topss2004; do
		grep -q -e "$ROOT/share/capbook/$id\$" "$T/out" || {
			cat "$T/out"
			fail "frameworks does not name the installed $id"
		}
	done
	grep -q "6 capabilities, 22 themes, 66 indicators" "$T/out" || fail "sil counts"
	if grep -q "$REPO" "$T/out"; then
		cat "$T/out"
		fail "the installed program read the source tree's data"
	fi
}

t_installed_checks_an_example() {
	install_fresh
	"$ROOT/bin/capbook" check "$ROOT/share/capbook/examples/freda" >"$T/out" 2>"$T/err" || {
		cat "$T/out" "$T/err"
		fail "check on the installed example"
	}
	grep -q "24 entries, ok" "$T/out" || fail "check said: $(cat "$T/out")"
	[ ! -s "$T/err" ] || fail "check wrote to stderr: $(cat "$T/err")"
	"$ROOT/bin/capbook" check "$ROOT/share/capbook/examples" >"$T/out" 2>&1 || {
		cat "$T/out"
		fail "check on the installed caseload"
	}
	[ "$(grep -c ', ok$' "$T/out")" -eq 7 ] || fail "caseload: $(cat "$T/out")"
	# a new workbook made by the installed program finds the installed frameworks
	"$ROOT/bin/capbook" new "$tmp/wb" --candidate "Jo" >/dev/null
	id=$("$ROOT/bin/capbook" add "$tmp/wb" --ref P/1 --summary "Reflective account" \
		--elements A1.1 --indicators SLF.2.AC)
	[ "$id" = E1 ] || fail "add printed '$id'"
	"$ROOT/bin/capbook" gaps "$tmp/wb" | grep -q "VIS Vision: EM, ES and AC missing" || fail "gaps"
	rm -rf "$tmp/wb"
}

# The installed completion, sourced as bash-completion would, completes a
# command, an option and a code with the installed program and data.
t_installed_completion() {
	command -v bash >/dev/null 2>&1 || { echo "bash not installed"; exit 77; }
	install_fresh
	bash -c '
		. "$1/share/bash-completion/completions/capbook"
		prog=$1/bin/capbook
		c() {
			COMP_WORDS=("$prog" "$@")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_capbook
			printf "%s\n" "${COMPREPLY[*]}"
		}
		[ "$(c trans)" = transfer ] || { echo "command: $(c trans)"; exit 1; }
		[ "$(c plan x --st)" = --stage ] || { echo "option: $(c plan x --st)"; exit 1; }
		[ "$(c grid x E1)" = "E1 E10" ] || { echo "code: $(c grid x E1)"; exit 1; }
	' sh "$ROOT" >"$T/out" 2>&1 || fail "$(cat "$T/out")"
}

# A Debian build: with the flags dpkg-buildflags gives (every hardening
# feature on) the build has no warning, _FORTIFY_SOURCE is in effect (the
# checked variants of printf and friends are called) and so are the linker's
# flags (full RELRO). Built in a copy of the sources, so ./capbook stays as it is.
t_debian_build_flags() {
	command -v dpkg-buildflags >/dev/null 2>&1 || { echo "dpkg-buildflags not installed (dpkg-dev)"; exit 77; }
	mkdir "$T/src"
	cp -R "$REPO/core" "$REPO/tui" "$REPO/cli" "$REPO/Makefile" "$T/src/"
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all
	cppflags=$(dpkg-buildflags --get CPPFLAGS)
	cflags=$(dpkg-buildflags --get CFLAGS)
	ldflags=$(dpkg-buildflags --get LDFLAGS)
	case $cppflags in *-D_FORTIFY_SOURCE*) ;; *) fail "dpkg-buildflags gives no _FORTIFY_SOURCE: $cppflags" ;; esac
	# its own make, not a submake of make -j2 check (whose jobserver warning would count)
	(cd "$T/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE_CMD" --no-print-directory -s -j2 capbook \
		CPPFLAGS="$cppflags" CFLAGS="$cflags" LDFLAGS="$ldflags") >"$T/build.out" 2>&1 || {
		cat "$T/build.out"
		fail "the build with dpkg-buildflags failed"
	}
	if grep -i 'warning' "$T/build.out"; then
		fail "warnings in the build with dpkg-buildflags"
	fi
	nm -D "$T/src/capbook" | grep -q ' U __[a-z]*printf_chk' ||
		fail "_FORTIFY_SOURCE is not in effect: no __*printf_chk call"
	readelf -lW "$T/src/capbook" | grep -q GNU_RELRO || fail "-z relro (LDFLAGS) not in effect"
	readelf -dW "$T/src/capbook" | grep -q 'BIND_NOW' || fail "-z now (LDFLAGS) not in effect"
	"$T/src/capbook" --version >/dev/null || fail "the hardened build does not run"
}

t_installed_config_is_found() {
	install_fresh
	conf="$ROOT/etc/capbook/capbook.ini"
	# the installed default gives no message
	"$ROOT/bin/capbook" check "$ROOT/share/capbook/examples/freda" >"$T/out" 2>"$T/err"
	[ ! -s "$T/err" ] || fail "installed config gives: $(cat "$T/err")"
	# it is the file read: a value set in it takes effect...
	sed 's/^file_mode = 0600$/file_mode = 0640/' "$conf" >"$T/edited.ini"
	grep -q '^file_mode = 0640$' "$T/edited.ini" || fail "no file_mode line to edit"
	cat "$T/edited.ini" >"$conf"
	"$ROOT/bin/capbook" new "$tmp/wb" --candidate "Jo" >/dev/null 2>"$T/err"
	mode=$(stat -c %a "$tmp/wb/evidence.csv")
	rm -rf "$tmp/wb"
	[ "$mode" = 640 ] || fail "file_mode = 0640 in the installed config gave mode $mode"
	# ...and a problem in it is reported under its installed name
	printf '[ui]\nnot_a_key = 1\n' >>"$conf"
	"$ROOT/bin/capbook" check "$ROOT/share/capbook/examples/freda" >"$T/out" 2>"$T/err" || true
	grep -q -e "$conf:[0-9]*: .*not_a_key" \
		-e "$ROOT/bin/\.\./etc/capbook/capbook.ini:[0-9]*: .*not_a_key" "$T/err" ||
		fail "not reported: $(cat "$T/err")"
	# the user's own config comes first
	mkdir -p "$XDG_CONFIG_HOME/capbook"
	printf '[workbook]\nfile_mode = 0660\n' >"$XDG_CONFIG_HOME/capbook/capbook.ini"
	"$ROOT/bin/capbook" new "$tmp/wb" --candidate "Jo" >/dev/null 2>"$T/err"
	mode=$(stat -c %a "$tmp/wb/evidence.csv")
	rm -rf "$tmp/wb" "$XDG_CONFIG_HOME/capbook"
	[ "$mode" = 660 ] || fail "the user's config was not read first (mode $mode)"
}

t_uninstall_leaves_nothing() {
	install_fresh
	# a second install over the first changes nothing
	tree "$DEST" >"$T/once"
	mk install DESTDIR="$DEST"
	tree "$DEST" >"$T/twice"
	cmp -s "$T/once" "$T/twice" || {
		diff "$T/once" "$T/twice"
		fail "a second install changed the tree"
	}
	mk uninstall DESTDIR="$DEST"
	[ -d "$DEST" ] || fail "uninstall removed DESTDIR itself"
	(cd "$DEST" && find . -mindepth 1) >"$T/left"
	[ ! -s "$T/left" ] || {
		cat "$T/left"
		fail "left behind after uninstall"
	}
}

# Installing into a tree that already holds other programs, then uninstalling,
# gives back exactly that tree: nothing of capbook stays, nothing else goes.
t_uninstall_keeps_what_was_there() {
	rm -rf "$DEST"
	for d in bin etc share/man/man1 share/doc/other; do
		mkdir -p "$ROOT/$d"
	done
	echo other >"$ROOT/bin/other"
	echo other >"$ROOT/etc/other.conf"
	echo other >"$ROOT/share/man/man1/other.1"
	echo other >"$ROOT/share/doc/other/README"
	tree "$DEST" >"$T/before"
	mk install DESTDIR="$DEST"
	mk uninstall DESTDIR="$DEST"
	tree "$DEST" >"$T/after"
	cmp -s "$T/before" "$T/after" || {
		diff "$T/before" "$T/after"
		fail "uninstall did not give back the tree as it was"
	}
}

# An installed capbook.ini that the administrator edited survives a reinstall.
t_reinstall_keeps_an_edited_config() {
	install_fresh
	conf="$ROOT/etc/capbook/capbook.ini"
	echo "; edited by the administrator" >>"$conf"
	cp "$conf" "$T/edited"
	mk install DESTDIR="$DEST"
	cmp -s "$conf" "$T/edited" || fail "reinstall overwrote the edited config"
	cmp -s "$conf.new" conf/capbook.ini || fail "no capbook.ini.new beside it"
	mk uninstall DESTDIR="$DEST"
	(cd "$DEST" && find . -mindepth 1) >"$T/left"
	[ ! -s "$T/left" ] || {
		cat "$T/left"
		fail "left behind after uninstall"
	}
}

# A relative DESTDIR is taken from where make runs, not from data/.
t_relative_destdir() {
	rel="tests/out/install-check-$$"
	rm -rf "$rel"
	mk install DESTDIR="$rel"
	ok=1
	[ -f "$rel$PREFIX/share/capbook/sil/themes.csv" ] || ok=0
	[ ! -e "data/$rel" ] || ok=0
	mk uninstall DESTDIR="$rel"
	left=$(find "$rel" -mindepth 1 2>/dev/null)
	rm -rf "$rel" "data/$rel"
	rmdir tests/out data/tests/out data/tests 2>/dev/null || true
	[ "$ok" = 1 ] || fail "relative DESTDIR went astray"
	[ -z "$left" ] || fail "left behind: $left"
}

tests="t_conf_matches_table t_conf_loads_cleanly t_man_keys_match_table
t_man_lists_every_command t_man_renders t_install_puts_files_in_place
t_installed_built_for_its_prefix t_installed_version t_installed_finds_its_data
t_installed_checks_an_example t_installed_completion
t_installed_config_is_found t_debian_build_flags t_uninstall_leaves_nothing
t_uninstall_keeps_what_was_there t_reinstall_keeps_an_edited_config
t_relative_destdir"

TESTS_DIR=$tmp/t
# shellcheck disable=SC2086 # one word a test
run_tests t_ $tests
