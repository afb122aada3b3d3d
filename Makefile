# capbook — plain Makefile.  `make V=1` shows the commands.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/capbook
SYSCONFDIR ?= $(PREFIX)/etc
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
VERSION    := 0.1.0

# CPPFLAGS, CFLAGS and LDFLAGS are the packager's (Debian: dpkg-buildflags), added
# after capbook's own so that theirs win; the warnings and -std stay.
WARN     := -std=c11 -Wall -Wextra -Wpedantic
CPPFLAGS ?=
CFLAGS   ?= -O2 -g
LDFLAGS  ?=
NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CRITERION_LIBS := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null || echo -lcriterion)
ALL_CFLAGS = $(WARN) -D_GNU_SOURCE -I. -I/usr/include/iniparser \
	-DCAPBOOK_VERSION='"$(VERSION)"' -DCAPBOOK_DATADIR='"$(DATADIR)"' \
	-DCAPBOOK_SYSCONFDIR='"$(SYSCONFDIR)"' $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(ALL_CFLAGS) $(LDFLAGS)
CORE_LIBS = -lcsv -liniparser -lnettle -pthread

Q = @
ifeq ($(V),1)
Q =
endif

# core/ is the model (no curses); tui/ the full screen; cli/ the command line
# and main(). The unit tests and the fuzz harnesses link core/ alone.
CORE_SRC := $(wildcard core/*.c)
TUI_SRC  := $(wildcard tui/*.c)
CLI_SRC  := $(wildcard cli/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)

OBJ      := $(CORE_SRC:%.c=build/%.o) $(TUI_SRC:%.c=build/%.o) $(CLI_SRC:%.c=build/%.o)
CORE_OBJ := $(CORE_SRC:%.c=build/%.o)
SAN_CORE := $(CORE_SRC:%.c=build/san/%.o)
SAN_OBJ  := $(SAN_CORE) $(TUI_SRC:%.c=build/san/%.o) $(CLI_SRC:%.c=build/san/%.o)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all run check deps unit cli report screen golden reliability sancheck hostile fuzz-build fuzz-check install uninstall clean bench fuzz format format-check layers shared gitcheck
all: capbook

capbook: $(OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(OBJ) $(CORE_LIBS) $(NCURSES_LIBS)

build/tui/%.o: tui/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(NCURSES_CFLAGS) -MMD -MP -c -o $@ $<

build/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/tui/%.o: tui/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/SAN  $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(NCURSES_CFLAGS) $(SANFLAGS) -O1 -MMD -MP -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/SAN  $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -O1 -MMD -MP -c -o $@ $<

build/san/capbook: $(SAN_OBJ)
	$(Q)$(CC) $(ALL_LDFLAGS) $(SANFLAGS) -o $@ $(SAN_OBJ) $(CORE_LIBS) $(NCURSES_LIBS)

build/unit-tests: $(UNIT_SRC:%.c=build/%.o) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CRITERION_LIBS)

build/san/unit-tests: $(UNIT_SRC:%.c=build/san/%.o) $(SAN_CORE)
	$(Q)$(CC) $(ALL_LDFLAGS) $(SANFLAGS) -o $@ $^ $(CORE_LIBS) $(CRITERION_LIBS)

# Objects are rebuilt when the flags change (PREFIX, DATADIR, CFLAGS …): the
# flags of the last build are kept in build/flags, rewritten only when they differ.
FLAGS_NOW = $(ALL_LDFLAGS) $(NCURSES_CFLAGS) $(SANFLAGS)
ifneq ($(strip $(FLAGS_NOW)),$(strip $(file <build/flags)))
$(shell mkdir -p build)
$(file >build/flags,$(strip $(FLAGS_NOW)))
endif
build/flags: ;
$(OBJ) $(SAN_OBJ) $(UNIT_SRC:%.c=build/%.o) $(UNIT_SRC:%.c=build/san/%.o): build/flags

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(UNIT_SRC:%.c=build/%.d) $(UNIT_SRC:%.c=build/san/%.d)

# Installs any missing Debian package (as root), or says which apt-get line to run.
deps:
	$(Q)sh tools/deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	./capbook data/examples/freda

unit: build/unit-tests
	./build/unit-tests --color=never -j2

cli: capbook
	$(Q)sh tests/cli/run.sh ./capbook

# The HTML reports printed to PDF by headless Chromium and read back (poppler's
# pdftotext), checked by tidy: log sheets, indicator text, pages, widths.
report: capbook
	$(Q)sh tests/report/run.sh ./capbook

# The tmux screen tests, then the golden whole screens (tests/screen/golden/).
screen: capbook
	$(Q)sh tests/screen/run.sh ./capbook
	$(Q)sh tests/screen/golden.sh ./capbook

# Rewrites the golden screens from ./capbook: read the difference in git diff.
golden: capbook
	$(Q)sh tests/screen/golden.sh --update ./capbook

# capbook run as other users in one group (setpriv; needs root, else skipped).
shared: capbook build/unit-tests
	$(Q)sh tests/shared/run.sh ./capbook ./build/unit-tests

# A workbook shared through git: real git on clones in a temp folder (no network),
# merged through capbook's merge driver.
gitcheck: capbook
	$(Q)sh tests/git/run.sh ./capbook

# Locks, recovery after SIGHUP/SIGTERM/SIGKILL, saves killed at random moments
# (KILLS of them), a sheet re-saved by LibreOffice while open.
reliability: capbook
	$(Q)sh tests/reliability/run.sh ./capbook

# The unit, command-line and git tests again, built with AddressSanitizer and
# UBSan (git runs the sanitizer build as the merge driver).
sancheck: build/san/unit-tests build/san/capbook
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./build/san/unit-tests --color=never -j2
	$(Q)ASAN_OPTIONS=detect_leaks=1 sh tests/cli/run.sh ./build/san/capbook
	$(Q)ASAN_OPTIONS=detect_leaks=1 sh tests/git/run.sh ./build/san/capbook

# The hostile-input corpus (tests/corpus), with the plain and the sanitizer build.
hostile: capbook build/san/capbook
	$(Q)sh tests/corpus/run.sh ./capbook
	$(Q)sh tests/corpus/run.sh ./build/san/capbook

# libFuzzer harnesses (fuzz/), built with clang, ASan and UBSan. `make fuzz` runs
# each for FUZZ_TIME seconds; fuzz-check (in `make check`) runs each for
# FUZZ_CHECK_TIME and replays every saved input in fuzz/crashes/.
FUZZ_CC         ?= clang
FUZZ_TIME       ?= 60
FUZZ_CHECK_TIME ?= 15
FUZZ_NAMES      := sheet ref ini text competence
FUZZ_SAN        := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CORE       := $(CORE_SRC:%.c=build/fuzz/%.o)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/FUZZ $<")
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -MMD -MP -c -o $@ $<

build/fuzz/libcore.a: $(FUZZ_CORE)
	$(Q)rm -f $@ && ar rcs $@ $(FUZZ_CORE)

build/fuzz/fuzz_%: build/fuzz/fuzz/fuzz_%.o build/fuzz/libcore.a
	@$(if $(Q),echo "  LD/FUZZ $@")
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< build/fuzz/libcore.a $(CORE_LIBS)

-include $(FUZZ_CORE:.o=.d) $(FUZZ_NAMES:%=build/fuzz/fuzz/fuzz_%.d)

.SECONDARY: $(FUZZ_NAMES:%=build/fuzz/fuzz/fuzz_%.o)

fuzz-build: $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

fuzz: fuzz-build
	$(Q)sh fuzz/run.sh $(FUZZ_TIME) $(FUZZ_NAMES)

fuzz-check: fuzz-build
	$(Q)sh fuzz/run.sh regress $(FUZZ_NAMES)
	$(Q)sh fuzz/run.sh $(FUZZ_CHECK_TIME) $(FUZZ_NAMES)

# core/ includes no curses, tui/ or cli/ header; cli/ reaches tui/ through tui/tui.h.
layers:
	$(Q)sh tools/layers.sh
	$(Q)sh tools/layers.sh --self-test

check:
	$(Q)sh tools/deps.sh check
	$(Q)$(MAKE) --no-print-directory layers
	$(Q)$(MAKE) --no-print-directory all build/unit-tests
	$(Q)$(MAKE) --no-print-directory unit cli report screen gitcheck shared reliability sancheck hostile fuzz-check install-check
	@echo "make check: all test suites passed"

# Every path is quoted and nothing cds, so PREFIX, DESTDIR (relative too) and the
# other directories may hold spaces. Existing directories are left as they are
# (install -d would reset their mode). An installed capbook.ini that was edited
# is kept: the new default goes beside it as capbook.ini.new.
install: capbook
	$(Q)for d in "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(SYSCONFDIR)/capbook" \
		"$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(BASHCOMPDIR)"; do \
		[ -d "$$d" ] || install -d "$$d" || exit 1; done
	install -m 755 capbook "$(DESTDIR)$(BINDIR)/capbook"
	@echo "install data/ -> $(DESTDIR)$(DATADIR)"
	$(Q)find data -type d | sed 's,^data,,' | while IFS= read -r d; do \
		install -d "$(DESTDIR)$(DATADIR)$$d" || exit 1; done
	$(Q)find data -type f | sed 's,^data/,,' | while IFS= read -r f; do \
		install -m 644 "data/$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done
	$(Q)conf="$(DESTDIR)$(SYSCONFDIR)/capbook/capbook.ini"; \
	if [ -f "$$conf" ] && ! cmp -s conf/capbook.ini "$$conf"; then \
		install -m 644 conf/capbook.ini "$$conf.new" && \
		echo "kept the edited $$conf; the new default is $$conf.new"; \
	else \
		echo "install -m 644 conf/capbook.ini $$conf"; \
		install -m 644 conf/capbook.ini "$$conf"; \
	fi
	install -m 644 man/capbook.1 "$(DESTDIR)$(MANDIR)/man1/capbook.1"
	install -m 644 cli/capbook.bash "$(DESTDIR)$(BASHCOMPDIR)/capbook"

# Removes what install wrote, and capbook's own folders once empty (files someone
# added to them stay). The shared folders (bin, man1, etc, share, the bash
# completions) are removed only in a staging tree (DESTDIR set), and only when empty.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/capbook" "$(DESTDIR)$(MANDIR)/man1/capbook.1"
	rm -f "$(DESTDIR)$(BASHCOMPDIR)/capbook"
	rm -f "$(DESTDIR)$(SYSCONFDIR)/capbook/capbook.ini" "$(DESTDIR)$(SYSCONFDIR)/capbook/capbook.ini.new"
	@echo "remove data/ <- $(DESTDIR)$(DATADIR)"
	$(Q)find data -type f | sed 's,^data/,,' | while IFS= read -r f; do \
		rm -f "$(DESTDIR)$(DATADIR)/$$f"; done
	$(Q)find data -depth -type d | sed 's,^data,,' | while IFS= read -r d; do \
		rmdir "$(DESTDIR)$(DATADIR)$$d" 2>/dev/null; done; true
	$(Q)rmdir "$(DESTDIR)$(SYSCONFDIR)/capbook" 2>/dev/null; true
	$(Q)if [ -n "$(DESTDIR)" ]; then \
		for d in "$(BINDIR)" "$(MANDIR)/man1" "$(SYSCONFDIR)" "$(DATADIR)" "$(BASHCOMPDIR)"; do \
			while [ "$$d" != / ] && [ "$$d" != . ] && \
				{ [ ! -e "$(DESTDIR)$$d" ] || rmdir "$(DESTDIR)$$d" 2>/dev/null; }; do \
				d=$$(dirname "$$d"); done; \
		done; \
	fi

# install into a scratch prefix, run from there, uninstall, and insist nothing is left.
install-check: capbook
	$(Q)sh tests/install-check.sh

bench: capbook
	$(Q)sh tools/bench.sh

FORMAT_FILES = core/*.c core/*.h tui/*.c tui/*.h cli/*.c cli/*.h tests/unit/*.c tests/unit/*.h tools/*.c

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build capbook
