#!/bin/sh
# Install the Debian packages capbook needs to build and test, if any are missing.
# As root it runs apt-get; otherwise it prints the line to run and stops.
set -u
# `sh tools/deps.sh` (make run): what building needs. `sh tools/deps.sh check`
# (make check): also what the tests drive: tmux for the screen, python3 to read
# CSV back, LibreOffice to re-save a sheet while capbook has it open, clang and
# its libFuzzer runtime for the fuzzing harnesses (fuzz/), dpkg-buildflags for
# the Debian build in the install check, and for the printed report Chromium (to
# print the HTML to PDF), poppler-utils (to read the PDF back) and tidy (to
# validate the HTML).
PKGS="gcc make libncurses-dev libcsv-dev libiniparser-dev nettle-dev libcriterion-dev pkg-config tmux python3"
if [ "${1:-}" = check ]; then
	PKGS="$PKGS libreoffice-calc-nogui clang libclang-rt-14-dev dpkg-dev chromium poppler-utils tidy"
fi
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "capbook needs:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
