/* config.h — capbook.ini: one table of options (section, key, type, default,
 * documentation) drives the loader, the checks and the shipped conf/capbook.ini. */
#ifndef CAPBOOK_CONFIG_H
#define CAPBOOK_CONFIG_H

#include "core/diag.h"
#include "core/ini.h"

#include <stdbool.h>
#include <stdio.h>

enum opt_type { OPT_STR, OPT_BOOL, OPT_INT, OPT_MODE, OPT_CHOICE, OPT_SIZE };

/* X(id, section, key, type, default, choices (for OPT_CHOICE), documentation) */
#define CONFIG_OPTIONS(X)                                                                          \
        X(OPT_WORKBOOK, "workbook", "default", OPT_STR, "", NULL,                                  \
          "Workbook (or caseload folder) opened when capbook is started without a PATH; "          \
          "a full path (~ is not expanded). Empty: the bundled demo workbook.")                    \
        X(OPT_FILE_MODE, "workbook", "file_mode", OPT_MODE, "0600", NULL,                          \
          "Permissions of the files capbook creates: 0600 (only you), 0640 or 0660 (your "         \
          "group too). Never wider: world bits are refused. An existing sheet keeps its mode. "    \
          "A shared workbook (see group) ignores this: its files are 0660.")                       \
        X(OPT_GROUP, "workbook", "group", OPT_STR, "", NULL,                                       \
          "Group (a name or number) that new workbooks are shared with: the folder is made the "   \
          "group's and setgid (2770) and every file capbook creates in it 0660, so that the "      \
          "group's members can read and save it. You must be in the group. Empty: new "            \
          "workbooks are private.")                                                                \
        X(OPT_NEW_FILES, "workbook", "new_files", OPT_CHOICE, "plain", "plain excel",              \
          "How new sheets are written. plain: UTF-8, LF line ends. excel: UTF-8 with a "           \
          "byte-order mark and CRLF line ends, as Excel on Windows expects. Existing sheets "      \
          "keep the style they came with.")                                                        \
        X(OPT_MAX_FILE_SIZE, "workbook", "max_file_size", OPT_SIZE, "4G", NULL,                    \
          "The largest sheet capbook opens: a number of bytes, or with K, M, G or T (1024 "        \
          "each: 512M, 4G). A bigger file is refused with a message rather than read into "        \
          "memory.")                                                                               \
        X(OPT_COLOR, "ui", "color", OPT_CHOICE, "auto", "auto always never",                       \
          "Colour on screen: auto (whenever the terminal has colours; always means the same) "     \
          "or never. NO_COLOR in the environment, or --no-color, turns colour off whatever "       \
          "this says.")                                                                            \
        X(OPT_ASCII, "ui", "ascii", OPT_BOOL, "false", NULL,                                       \
          "true: draw lines, marks and bars with plain ASCII only (for PuTTY, the Linux "          \
          "console, or a terminal without UTF-8). --ascii does the same.")                         \
        X(OPT_ENTRY_DETAIL, "ui", "entry_detail", OPT_CHOICE, "auto", "auto always never",         \
          "What the detail area shows while you move in the Evidence pane. always: the "           \
          "selected entry. never: the Capabilities or NOS selection that Evidence is linked "      \
          "to (Enter opens the entry). auto: the entry on a screen of 40 rows or more, where "     \
          "the detail area has room for it; on a smaller one a move then redraws only the list, "  \
          "which is what a slow link pays for. The entry-detail key (i) switches it.")             \
        X(OPT_ESCDELAY, "ui", "escdelay", OPT_INT, "25", NULL,                                     \
          "Milliseconds to wait after Esc before taking it as Esc (not the start of a key "        \
          "sequence). ESCDELAY in the environment wins.")                                          \
        X(OPT_EDITOR, "ui", "editor", OPT_STR, "", NULL,                                           \
          "Program for editing long text (run without a shell; words split on spaces). "           \
          "Empty: $VISUAL, then $EDITOR, then vi.")

enum config_id {
#define X(id, sec, key, type, def, choices, doc) id,
        CONFIG_OPTIONS(X)
#undef X
            OPT_COUNT
};

struct config_option {
        const char *section, *key;
        enum opt_type type;
        const char *def, *choices, *doc;
};
extern const struct config_option config_options[OPT_COUNT];

struct config {
        char *path;   /* the file read, or NULL */
        bool missing; /* the file named by -c or $CAPBOOK_CONFIG does not exist (exit 2) */
        struct ini ini;
        bool have_ini;
        char *str[OPT_COUNT]; /* every value as text (defaults filled in) */
        long num[OPT_COUNT];  /* bools, ints, modes, choice indexes */
};

/* Sections whose keys are checked by the screen code, not here. */
typedef bool (*config_key_check)(const char *section, const char *key);

/* Finds and reads the configuration: explicit (-c), $CAPBOOK_CONFIG,
 * $XDG_CONFIG_HOME/capbook/capbook.ini, the installed copy. A file named by -c
 * or $CAPBOOK_CONFIG must exist: if not, -1 with "FILE: no such file" and
 * c->missing set. -1 too for a file that cannot be used (untrusted, unreadable);
 * the defaults apply either way. */
int config_load(struct config *c, const char *explicit_path, config_key_check check,
                struct diag *d);
void config_free(struct config *c);
/* A raw value from any section ("keys:quit"), or NULL. */
const char *config_raw(const struct config *c, const char *key);
unsigned config_line(const struct config *c, const char *key);
/* "4G", "512M", "1048576", "16 KiB" → bytes; false if it is not a size. */
bool config_parse_size(const char *s, unsigned long long *bytes);
/* The colour names a [colors] value may use ("default", "black", … "white"). */
extern const char *const config_color_names[];
/* A [colors] value: a colour, or "colour on colour". */
bool config_color_valid(const char *value);
/* One action's keys as the screen binds them: the action's name, its keys (words
 * separated by spaces) and the line of the config that set them (0: its default). */
struct config_binding {
        const char *action, *keys;
        unsigned line;
};
/* Reports each key given to two actions, as FILE:LINE at the binding the user
 * wrote (binding save = q takes q from quit). key_code turns a key word into a
 * code (negative: not a key; skipped), so two spellings of one key are one key.
 * Returns how many keys were given twice. */
size_t config_check_bindings(const struct config *c, const struct config_binding *b, size_t n,
                             int (*key_code)(const char *word), struct diag *d);
/* Writes the documented default file for the core options. */
void config_write_defaults(FILE *f);

#endif
