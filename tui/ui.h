/* ui.h — the full-screen program's shared state and drawing helpers. Only tui/
 * includes curses; everything it shows comes from core/. */
#ifndef CAPBOOK_UI_H
#define CAPBOOK_UI_H

#include "core/config.h"
#include "core/coverage.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/workbook.h"
#include "tui/actions.h"
#include "tui/tui.h"

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <wchar.h>

#define MIN_COLS    40
#define MIN_ROWS    12
#define KEY_CHAR(c) ((int)(c) | 0x100000) /* a typed character, apart from KEY_* codes */

enum pane_id { PANE_CAPS, PANE_NOS, PANE_EVIDENCE, NPANES };

struct pane_item {
        int a, b; /* caps: capability, theme (-1); NOS: unit, element (-1); evidence: entry, how */
};

struct pane {
        struct pane_item *items;
        size_t n, cap, sel, top;
};

enum color_role {
        CR_NONE,
        CR_TITLE,
        CR_ACTUAL,
        CR_MAPPED,
        CR_INDIRECT,
        CR_NA,
        CR_UPDATE,
        CR_PLANNED,
        CR_MISSING,
        CR_LINK,
        CR_ERROR,
        CR_COUNT
};

struct app;

/* A full-screen view (grid, log sheet, gaps, planner, sessions, caseload, help,
 * coverage): lines built from core data, drawn and scrolled generically. */
struct vline {
        char *text;
        int role; /* enum color_role, or -1 for a heading */
        int a, b; /* what Enter acts on */
        bool selectable;
};

struct view;
struct view_ops {
        const char *name;
        void (*build)(struct app *app, struct view *v, int width);
        /* Returns true if it handled the action (or character ch). */
        bool (*key)(struct app *app, struct view *v, int action, int ch);
        /* the status-line hints: an action's first key and what it does here */
        struct view_hint {
                enum action act;
                const char *label;
        } hints[4];
};

struct view {
        const struct view_ops *ops;
        char title[160];
        struct vline *lines;
        size_t n, sel, top;
        int arg;        /* e.g. the unit of a grid */
        bool stale;     /* rebuild before drawing */
        int built_cols; /* the width it was built for */
};

struct glyphs {
        const char *mark[7]; /* by enum cov_mark */
        const char *closed, *open, *sep, *link_direct, *link_indirect, *bar_full, *bar_part,
            *bar_empty, *ellipsis;
};

struct keybind {
        int key;
        enum action act;
};

struct app {
        const struct tui_opts *opts;
        struct config cfg;
        struct diag diag; /* problems found when opening: shown on the status line */
        char *open_path;  /* what was opened */
        bool caseload;    /* opened on a folder of workbooks */
        char *caseload_dir;
        bool have_wb;
        struct workbook wb;
        bool readonly;
        struct coverage cov;
        struct link_index lx;
        bool *cap_open, *unit_open;
        struct pane panes[NPANES];
        int focus, link_from;
        bool linking, all_stages;
        /* [ui] entry_detail (its choice index), then the entry-detail key */
        enum { ENTRY_DETAIL_AUTO, ENTRY_DETAIL_ALWAYS, ENTRY_DETAIL_NEVER } entry_detail;
        int rows, cols;
        bool ascii, color, too_small;
        const struct glyphs *gl;
        attr_t role_attr[CR_COUNT];
        char msg[512];
        bool msg_error;
        struct view *views[8];
        int nviews;
        char *search;
        struct keybind *keys;
        size_t nkeys;
        bool quit;
        int cursor_y, cursor_x;
        struct lock lock;       /* held while the workbook is open for writing */
        struct journal journal; /* every edit goes here first */
        struct journal_pending pending;
        bool recover_drafts; /* reopen the recovered forms once the screen is up */
        bool discarded;      /* the user chose to quit without saving */
};

extern volatile sig_atomic_t tui_signal;

/* draw.c */
void ui_colors_init(struct app *app);
/* Draws s (sanitised, ASCII-folded when needed) at y,x in at most width columns;
 * pads with spaces when pad. Returns the columns used. */
int ui_put(struct app *app, int y, int x, int width, const char *s, attr_t attr, bool pad);
void ui_fill(int y, int x, int width, attr_t attr);
/* Adds reverse video to n cells from y,x, keeping their text and colours: the
 * selection bar, over the start of a row up to the item's code. */
void ui_highlight(int y, int x, int n);
/* Wraps s into at most maxlines lines of width columns starting at y,x. */
int ui_wrap(struct app *app, int y, int x, int width, int maxlines, const char *s, attr_t attr);
/* How many lines ui_wrap would need for all of s. */
int ui_wrap_lines(struct app *app, int width, const char *s);
attr_t ui_mark_attr(struct app *app, enum cov_mark m);
/* One line of text folded to what the terminal can show: the caller frees. */
char *ui_display_text(struct app *app, const char *s);

/* keys.c */
void keys_init(struct app *app);
enum action keys_action(const struct app *app, int key);
const char *keys_first(const struct app *app, enum action act, char *buf, size_t n);
bool keys_known_name(const char *name);
void keys_name_of(int key, char *buf, size_t n);
bool colors_known_key(const char *key);

/* app.c */
void app_message(struct app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void app_refresh_model(struct app *app);    /* after an edit: coverage, index, panes */
int app_read_key(struct app *app, int *ch); /* waits; returns KEY_* or KEY_CHAR(c) */
void app_draw(struct app *app);
bool app_open_workbook(struct app *app, const char *path);
/* Selects the entry in Evidence, focused; if linking hides it, linking goes
 * off (and false is returned). */
bool app_show_entry(struct app *app, long entry);
void app_select_theme(struct app *app, int cap, int theme);
void app_select_unit(struct app *app, int unit, int element);
void app_layout_check(struct app *app); /* size and too_small from the terminal */
/* The "terminal too small" screen, with a question under it when one is asked. */
void app_too_small(struct app *app, const char *question);
/* The detail area's text: the focused pane's selection, or in Evidence when
 * the entry is not shown there, the selection Evidence is linked to. */
void app_detail_text(struct app *app, struct buf *b);

/* prompt.c */
/* A one-line prompt on the status line; NULL if cancelled (caller frees). */
char *prompt_line(struct app *app, const char *question, const char *initial);
/* y/n/other letter; returns the letter typed, or 0 for Esc. */
int prompt_choice(struct app *app, const char *question, const char *letters);

/* recover.c */
/* After a workbook is opened: takes the lock (or read-only), offers to recover a
 * pending journal, and journals every edit from then on. */
void recover_open(struct app *app);
/* Reopens the forms a crash interrupted (once the screen is up). */
void recover_drafts(struct app *app);
void recover_saved(struct app *app); /* after a clean save: the journal goes */
void recover_close(struct app *app, bool discarded);
/* A form's fields as typed so far ("new", "edit:E3", "revamp:E2"). */
void recover_form(struct app *app, const char *form, const char *const *cols,
                  const char *const *vals, unsigned n, bool sync);
void recover_form_done(struct app *app, const char *form);

/* form.c */
/* Opens the entry form: entry -1 adds (pre-filled from the selection). */
void form_entry(struct app *app, long entry, bool revamp);
/* Reopens a form from a recovered draft. */
void form_entry_draft(struct app *app, const char *form, const struct strlist *cols,
                      const struct strlist *vals);
/* Picker of references; returns a "; " list (caller frees) or NULL. */
char *picker_refs(struct app *app, bool nos, const char *initial);

/* views */
void view_push(struct app *app, const struct view_ops *ops, int arg);
void view_pop(struct app *app);
void view_draw(struct app *app, struct view *v);
bool view_key(struct app *app, struct view *v, int action, int ch);
void vline_add(struct view *v, int role, bool selectable, int a, int b, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Adds text as lines of at most width columns (a legend, a note), broken at
 * spaces, each line starting with indent spaces. */
void vline_wrap(struct view *v, int role, int width, int indent, const char *text);
void view_clear(struct view *v);
extern const struct view_ops view_grid_ops, view_log_ops, view_gaps_ops, view_plan_ops,
    view_sessions_ops, view_caseload_ops, view_help_ops, view_coverage_ops, view_detail_ops;

#endif
