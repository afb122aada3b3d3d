/* cli.h — what the command line's files share: the command table, a command's
 * parsed arguments, opening and saving a workbook, the --stage, --format and
 * --date options, and the helpers of text and CSV output. */
#ifndef CAPBOOK_CLI_CLI_H
#define CAPBOOK_CLI_CLI_H

#include "core/config.h"
#include "core/coverage.h"
#include "core/diag.h"
#include "core/text.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stdio.h>

#define EXIT_PROBLEMS 1 /* the command ran and found problems, or refused */
#define EXIT_USAGE    2 /* usage, or input that cannot be read */
#define WIDTH         80

/* The options given before a command (or before the full screen's PATH). */
struct global_opts {
        const char *config; /* -c FILE */
        bool readonly;      /* -r */
        bool ascii;         /* --ascii */
        bool no_color;      /* --no-color */
        const char *path;   /* PATH for the full-screen program */
        /* The full screen's part of the config ([keys], [colors]), judged by its
         * own tables; main.c hands them over, so that check reports every problem
         * the screen would (the other commands do not use those sections). */
        config_key_check ui_key_ok;
        void (*ui_check)(const struct config *c, struct diag *d);
};

/* One option of a command, for the parser and for COMMAND --help. */
struct cli_option {
        const char *name;  /* without dashes; a one-letter name is written -o */
        const char *value; /* what it takes ("TEXT"); NULL: a flag, given or not */
        const char *help;
};

/* What an edit command made, for cli_edit to print once it is saved: the id of a
 * new row as the save left it (a save that met the same id added on disk gives
 * the row the next free one). */
struct made {
        enum wb_sheet sheet;
        char *id; /* NULL: nothing new */
};

#define MAX_POS  8
#define MAX_OPTS 24

/* A command's arguments, as parsed from argv. */
struct args {
        const char *pos[MAX_POS];
        int npos;
        const char *name[MAX_OPTS], *val[MAX_OPTS]; /* val "" for a flag */
        char name_buf[MAX_OPTS][32];
        int nopt;
        struct global_opts *g;
        struct config cfg;
        struct diag d;
        struct made made; /* an edit command's new row (cli_edit prints its id) */
};

struct command {
        const char *name, *synopsis, *help;
        const struct cli_option *options; /* ends with a NULL name */
        const char *required;             /* of the options, those that must be given, not empty */
        int min_pos, max_pos;
        int (*run)(struct args *a); /* a command that reads */
        /* or one that changes the workbook: checks its arguments, makes its change
         * and puts what it prints into out; cli_edit opens, saves and prints */
        int (*edit)(struct args *a, struct workbook *wb, struct buf *out);
};

/* commands.c: the table, in the order --help lists it. */
extern const struct command commands[];
extern const size_t ncommands;
const struct command *command_find(const char *name);

/* command.c: parses a command's arguments (argv[0] is the command's name) and
 * runs it; returns the exit status. */
int command_run(const struct command *cmd, int argc, char **argv, struct global_opts *g);
/* The whole usage (capbook --help), and one command's (capbook COMMAND --help). */
void cli_usage(FILE *f);
void command_usage(const struct command *cmd, FILE *f);

/* common.c: options and messages. */
const char *arg_get(const struct args *a, const char *name); /* NULL if not given */
const char *arg_or(const struct args *a, const char *name, const char *def);
/* An error message into a->d; arg (sanitised) fills the one %s of fmt. */
void cli_fail(struct args *a, const char *fmt, const char *arg);
/* --stage as a stage index (default: the workbook's target stage); -1 after
 * saying why. */
int arg_stage(struct args *a, const struct workbook *wb);
enum cli_format { FMT_TEXT, FMT_CSV, FMT_HTML, FMT_BAD = -1 };
/* --format (default text); html only where html_ok; FMT_BAD after saying why. */
enum cli_format arg_format(struct args *a, bool html_ok);
/* --date, or today's date (into today); NULL after saying it is not YYYY-MM-DD. */
const char *arg_date(struct args *a, char today[11]);

/* common.c: workbooks. */
struct wb_options cli_wb_options(const struct args *a);
/* Opens PATH as one workbook (a caseload is refused); 0, or an exit status. */
int cli_open(struct args *a, struct workbook *wb, const char *path);
/* Saves under the workbook's lock, refusing while a recovery journal waits;
 * 0, or an exit status. */
int cli_save(struct args *a, struct workbook *wb);
/* Runs an edit command on a->pos[0]: open, edit, save, and print only once saved. */
int cli_edit(struct args *a, int (*edit)(struct args *, struct workbook *, struct buf *));

/* common.c: output. */
/* Text wrapped to width columns, each line indented; sanitised. */
void cli_wrap(FILE *f, const char *text, int indent, int first_indent, int width);
/* One RFC 4180 row from a NULL-terminated list of values. */
void csv_row(FILE *f, const char *const *v);
/* "accomplished (AC)"; "?" for no stage. */
const char *stage_label(const struct workbook *wb, int st, char *buf, size_t n);
const char *pathway_name(const struct workbook *wb);
/* A unit's or element's title, or words saying the sources give none. */
const char *title_or_unknown(const char *title);
/* "CODE   title" from column indent, the code padded to width, the title (and
 * after) wrapped under itself. */
void code_title(FILE *f, int indent, int width, const char *code, const char *title,
                const char *after);
/* "A2 (direct), D1 (indirect, held)". */
void hints_text(const struct workbook *wb, const struct unit_hint *h, size_t n, struct buf *out);

/* The commands, one file a group. */
int cmd_new(struct args *a); /* cmd_setup.c */
int cmd_check(struct args *a);
int cmd_frameworks(struct args *a);
int cmd_add(struct args *a, struct workbook *wb, struct buf *out); /* cmd_edit.c */
int cmd_link(struct args *a, struct workbook *wb, struct buf *out);
int cmd_revamp(struct args *a, struct workbook *wb, struct buf *out);
int cmd_sign(struct args *a, struct workbook *wb, struct buf *out);
int cmd_unsign(struct args *a, struct workbook *wb, struct buf *out);
int cmd_unit(struct args *a, struct workbook *wb, struct buf *out);
int cmd_session(struct args *a, struct workbook *wb, struct buf *out);
int cmd_action(struct args *a, struct workbook *wb, struct buf *out);
int cmd_done(struct args *a, struct workbook *wb, struct buf *out);
int cmd_gaps(struct args *a); /* cmd_coverage.c */
int cmd_grid(struct args *a);
int cmd_plan(struct args *a);
int cmd_transfer(struct args *a);
int cmd_report(struct args *a); /* cmd_report.c */
/* The HTML report of wb at its target stage (unit >= 0: that unit's sheet and
 * grid alone) to f, for the full screen; 0, or -1. */
int report_html(struct workbook *wb, int unit, FILE *f);
int cmd_standards(struct args *a); /* cmd_plans.c */
int cmd_spec(struct args *a);
int cmd_pdp(struct args *a);
int cmd_cpd(struct args *a);
int cmd_spec_add(struct args *a, struct workbook *wb, struct buf *out);
int cmd_spec_review(struct args *a, struct workbook *wb, struct buf *out);
int cmd_pdp_add(struct args *a, struct workbook *wb, struct buf *out);
int cmd_cpd_add(struct args *a, struct workbook *wb, struct buf *out);
int cmd_git_setup(struct args *a); /* cmd_git.c */
int cmd_new_git(struct args *a);
int cmd_merge_driver(struct args *a);

#endif
