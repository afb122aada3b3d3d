/* ui.h — the full-screen program's parts: the workbook session, the stack of
 * views and the one loop that runs them, the keys, and what each view file
 * offers the others. Everything shown comes from core/. */
#ifndef CAPBOOK_UI_H
#define CAPBOOK_UI_H

#include "core/config.h"
#include "core/conflict.h"
#include "core/coverage.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/workbook.h"
#include "tui/actions.h"
#include "tui/term.h"
#include "tui/tui.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct conflict_pick; /* view_conflicts.c */

/* The workbook session: what is open, and how (read-only, locked, journalled). */
struct session {
        const struct tui_opts *opts;
        struct config cfg;
        bool caseload; /* opened on a folder of workbooks */
        char *caseload_dir;
        bool have_wb;
        struct workbook wb;
        bool readonly;
        char readonly_why[300]; /* for the header: "you are not in group assessors" */
        struct coverage cov;    /* of wb at its target stage */
        struct link_index lx;   /* what each row of the panes links to */
        struct lock lock;       /* held while the workbook is open for writing */
        struct journal journal; /* every edit goes here first */
        struct journal_pending pending;
        bool discarded;      /* the user chose to close it without saving */
        unsigned open_forms; /* forms whose drafts are in the journal */
        /* the conflict records' fields changed here and on disk (view_conflicts.c),
         * and for each, the pick that resolved it */
        struct conflict_list conflicts;
        struct conflict_pick *picks;
};

/* What a key handler (or a timer) asks the loop to do next; the loop does it
 * once. A key always repaints the screen (curses sends only what changed). */
enum reaction {
        REACT_NONE = 0,
        REACT_REDRAW = 1 << 0,  /* repaint (a timer that changed what shows) */
        REACT_MODEL = 1 << 1,   /* the workbook changed: coverage, index, every view anew */
        REACT_POP = 1 << 2,     /* this view is done: it leaves the stack */
        REACT_IGNORED = 1 << 3, /* not this view's key: the loop's own keys may take it */
};

enum view_flag {
        VIEW_MODAL = 1 << 0,    /* the loop's own keys (save, quit, back…) do not reach past it */
        VIEW_TEXT = 1 << 1,     /* takes typing: printable keys are text, not generic actions */
        VIEW_OVERLAY = 1 << 2,  /* drawn over the view below it (a question on its status line) */
        VIEW_SMALL_OK = 1 << 3, /* gets keys while the terminal is too small (its question shows) */
        VIEW_QUITS = 1 << 4     /* quit here quits the program, even above another view */
};

/* A line of a list view: built from core data, drawn and scrolled generically. */
struct vline {
        char *text;
        int role; /* enum color_role, or -1 for a heading */
        int a, b; /* what Enter acts on */
        bool selectable;
};

struct app;
struct view;

struct view_hint {
        enum action act;
        const char *label;
};

/* Every screen is a view (htop's Panel, tig's view_ops): the three panes, the
 * list views, the entry form, the pickers, the prompts, the recovery dialog. */
struct view_ops {
        const char *name;
        unsigned flags;        /* enum view_flag */
        enum keymap keymap[2]; /* its own keys, looked up before the generic ones */
        /* a list view: its lines for a width (and draw NULL) */
        void (*build)(struct app *app, struct view *v, int width);
        /* any other view: the whole screen (an overlay: over what is below) */
        void (*draw)(struct app *app, struct view *v);
        /* an action, or ACT_NONE for a typed character (key KEY_CHAR(c)) */
        enum reaction (*key)(struct app *app, struct view *v, enum action act, int key);
        /* the next match of text (dir 1) or the one before (-1); false: none */
        bool (*search)(struct app *app, struct view *v, const char *text, int dir);
        /* the workbook changed (fresh: another one was opened) */
        void (*model)(struct app *app, struct view *v, bool fresh);
        /* the selected entry, or -1 (actions that need one are refused) */
        long (*entry)(struct app *app, struct view *v);
        const char *entry_hint; /* what to do when there is none */
        /* before it leaves the stack; ending: the program is ending with it open */
        void (*done)(struct app *app, struct view *v, bool ending);
        /* the status-line hints: an action's first key and what it does here */
        struct view_hint hints[4];
};

struct view {
        const struct view_ops *ops;
        unsigned long id;
        char title[160];
        struct vline *lines;
        size_t n, sel, top;
        int arg;              /* e.g. the unit of a grid */
        bool stale;           /* rebuild before drawing */
        int built_cols;       /* the width it was built for */
        void *data;           /* the view's own state */
        const char *question; /* shown on the "terminal too small" screen */
};

struct keybind {
        enum keymap km;
        int key;
        enum action act;
};

typedef enum reaction (*timer_fn)(struct app *app, struct view *v);

struct timer {
        unsigned long view; /* its view's id; 0 for the session's own */
        long long due;      /* ms, CLOCK_MONOTONIC */
        int idle_ms;        /* >0: put off by every key */
        timer_fn fire;
};

struct app {
        struct tui_term term;
        struct session ses;
        struct keybind *keys;
        size_t nkeys;
        struct diag diag; /* problems in the config: shown at start-up */
        char msg[512];
        bool msg_error;
        char *search; /* the last search */
        struct view *views[16];
        int nviews;
        unsigned long last_id;
        struct timer *timers;
        size_t ntimers;
        bool quit;
        /* set by the main screen: shows an entry there (say, once a form has saved
         * it); false when linking had to go off for it to show */
        bool (*show_entry)(struct app *app, long entry);
};

void app_message(struct app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same after the message already shown ("; " between), or alone. */
void app_message_add(struct app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* loop.c */
struct view *view_push(struct app *app, const struct view_ops *ops, int arg);
void view_remove(struct app *app, struct view *v); /* wherever it is on the stack */
struct view *view_top(struct app *app);
struct view *view_by_id(struct app *app, unsigned long id); /* NULL once it has gone */
/* Runs the loop until the view with id until leaves the stack (0: until the
 * program ends), a signal ends it, or quit is set. */
void loop_run(struct app *app, unsigned long until);
/* Does an action on view v as its key would (what it needs checked first): for
 * a view whose key means another action here. */
enum reaction loop_act(struct app *app, struct view *v, enum action act);
/* Calls fire once after ms milliseconds, or (idle) once input has been idle for
 * ms; a view's timers go with it. Setting the same fire for a view again moves it. */
void loop_timer(struct app *app, struct view *v, int ms, bool idle, timer_fn fire);
/* The workbook changed: coverage and the link index anew, every view told. */
void loop_model(struct app *app, bool fresh);
/* The program ends: every view leaves the stack (told it is ending). */
void loop_close_all(struct app *app);

/* session.c */
/* Opens a workbook (asking first about unsaved changes in the one open); false,
 * with the message shown, when it cannot. */
bool session_open(struct app *app, const char *path);
void session_refresh(struct app *app); /* coverage and the link index, anew */
void session_close(struct app *app);
/* Asks before the workbook is closed with unsaved changes; false: stay. */
bool session_close_ok(struct app *app, const char *question);
bool session_quit_ok(struct app *app);

/* edit.c — the editing commands */
bool edit_save(struct app *app);
enum reaction edit_undo(struct app *app, bool redo);
enum reaction edit_cross_reference(struct app *app, long entry, const char *cap_code,
                                   const char *nos_code);
enum reaction edit_entry_status(struct app *app, long entry);
enum reaction edit_unit_status(struct app *app, int unit);
enum reaction edit_sign_off(struct app *app, long entry);
/* Deletes row id of s (an entry, a session, an action; what: it in words),
 * asking first, and again when wb_delete_concerns has something to say. */
enum reaction edit_delete(struct app *app, enum wb_sheet s, const char *id, const char *what);
enum reaction edit_delete_entry(struct app *app, long entry);
/* The first words of s (its first line, up to 40 bytes, an ellipsis if cut) to
 * name a row in a question. */
void edit_words_start(struct buf *out, const char *s);
enum reaction edit_unit_notes(struct app *app, int unit);
enum reaction edit_profile(struct app *app); /* the profile dialog, workbook.ini at once */
/* Before a change to what (its words: "status", "summary, date") of entry id:
 * when the entry is signed off, says so and asks; false when the user says no.
 * *voids: the caller voids the sign-off (signoff_void) in the change's own undo
 * step, which history.csv then records. */
bool edit_signed_ask(struct app *app, const char *id, const char *what, bool *voids);
/* Writes the HTML report (unit >= 0: that unit's log sheet and grid) to
 * reports/NAME-YYYY-MM-DD.html in the workbook folder and says where. */
enum reaction edit_report(struct app *app, int unit);

/* keys.c */
void keys_init(struct app *app);
/* The action of key for a view; ACT_NONE for nothing, or for text it takes. */
enum action keys_action(const struct app *app, const struct view_ops *ops, int key);
/* The first key of act (as its name), in its own keymaps; _in: in km if it has one there. */
const char *keys_first(const struct app *app, enum action act, char *buf, size_t n);
const char *keys_first_in(const struct app *app, enum keymap km, enum action act, char *buf,
                          size_t n);
/* Every key bound to act in its keymaps, names separated by spaces. */
void keys_of(const struct app *app, enum action act, char *buf, size_t n);
bool keys_known_name(const char *name);

/* prompt.c */
/* A one-line prompt on the status line; NULL if cancelled (caller frees). */
char *prompt_line(struct app *app, const char *question, const char *initial);
/* The same, calling changed(ctx, text) after every change to the text (a filter
 * applied as it is typed); NULL if cancelled. */
char *prompt_live(struct app *app, const char *question, const char *initial,
                  void (*changed)(struct app *app, void *ctx, const char *text), void *ctx);
/* y/n/other letter; returns the letter typed, or 0 for Esc. */
int prompt_choice(struct app *app, const char *question, const char *letters);

/* recover.c */
/* After a workbook is opened: takes the lock (or read-only), offers to recover a
 * pending journal (reopening the forms it held), and journals every edit from then on. */
void recover_open(struct app *app);
/* The recovered forms reopened (after any view the opening put up). */
void recover_forms(struct app *app);
void recover_saved(struct app *app); /* after a clean save: the journal goes */
void recover_close(struct app *app, bool discarded);
/* A form's fields as typed so far ("new", "edit:E3", "revamp:E2"). */
void recover_form(struct app *app, const char *form, const char *const *cols,
                  const char *const *vals, unsigned n, bool sync);
void recover_form_done(struct app *app, const char *form);
struct editor;
/* What a form last journalled of its fields, so that only changes are written. */
#define DRAFT_FIELDS 16
struct form_draft {
        uint64_t hash;                /* the fields as last journalled */
        uint64_t field[DRAFT_FIELDS]; /* each of them */
        int cur;                      /* the field the cursor was in then */
        struct timespec time;         /* and when */
};
/* A hash of the n fields' texts: what changed since is compared with it. */
uint64_t draft_hash(const struct editor *ed, int n);
/* Journals form's n fields (cols: their columns) when they changed: at once
 * (flushed) when the cursor moved to another field (cur) or when forced (input
 * gone idle, the program ending), else at most once a second while typing;
 * only the fields changed since the last time. */
void draft_journal(struct app *app, struct form_draft *dr, const char *form,
                   const struct editor *ed, const char *const *cols, int n, int cur, bool force);

/* form.c */
/* Opens the entry form: entry -1 adds, pre-filled with elements and indicators
 * (either may be NULL); revamp turns a planned entry into a new actual one. */
void form_open(struct app *app, long entry, bool revamp, const char *elements,
               const char *indicators);
/* Reopens a form from a recovered draft. */
void form_open_draft(struct app *app, const char *form, const struct strlist *cols,
                     const struct strlist *vals);
/* Edits an editor's text in $EDITOR (any form's field); false when unchanged. */
struct editor;
bool form_edit_external(struct app *app, struct editor *ed);

/* Edits an editor's text in $EDITOR (the form's ^O); false when unchanged. */
struct editor;
bool form_edit_external(struct app *app, struct editor *ed);

/* dialog.c — a small form of a few fields, for what is not an entry */
struct dialog_field {
        const char *label;
        const char *init;           /* what it starts with (NULL: nothing, or the first choice) */
        const char *const *choices; /* NULL: text; else the values to choose from, NULL-ended */
        const char *const *shown;   /* the choices as shown (NULL: as the values) */
        bool multiline;
        const char *hint; /* under the field while it is the current one */
        char *value;      /* set by the dialog as saved: the caller frees */
};
/* Makes the change once the dialog is saved: true when done (it closes); false
 * with why, and *field the field it is about (or -1), to stay open. */
typedef bool (*dialog_fn)(struct app *app, void *ctx, struct dialog_field *f, int *field,
                          struct buf *why);
/* Runs a dialog until it is saved (true; each field's value set) or cancelled. */
bool dialog_run(struct app *app, const char *title, struct dialog_field *f, size_t n,
                dialog_fn accept, void *ctx);

/* picker.c */
/* Picker of references; returns a "; " list (caller frees) or NULL. */
char *picker_refs(struct app *app, bool nos, const char *initial);

/* view.c — the list views */
void vline_add(struct view *v, int role, bool selectable, int a, int b, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Adds text as lines of at most width columns (a legend, a note), broken at
 * spaces, each line starting with indent spaces. */
void vline_wrap(struct view *v, int role, int width, int indent, const char *text);
void view_clear(struct view *v);
void list_draw(struct app *app, struct view *v);
enum reaction list_key(struct app *app, struct view *v, enum action act);
bool list_search(struct app *app, struct view *v, const char *text, int dir);
/* The status line: the message if there is one, else hints. */
void status_line(struct app *app, const char *hints);
extern const struct view_ops view_grid_ops, view_log_ops, view_gaps_ops, view_plan_ops,
    view_sessions_ops, view_caseload_ops, view_help_ops, view_coverage_ops, view_detail_ops,
    view_history_ops;
/* view_caseload.c: pushes the caseload list (its sort and filter as last left). */
void caseload_push(struct app *app);

/* view_conflicts.c — the conflict list, and the session's conflicts */
/* Reads every conflict record of the workbook; with unresolved ones, the list
 * goes up. */
void conflicts_open(struct app *app);
/* After an edit, undo or redo: a conflict stays resolved while the edit that
 * resolved it is still done. */
void conflicts_sync(struct app *app);
/* After a save (saved: it succeeded, and the resolved ones leave the record):
 * the records read again; returns how many conflicts the save set aside, and
 * in removed how many resolved ones left. */
size_t conflicts_after_save(struct app *app, bool saved, size_t *removed, struct diag *d);
size_t conflicts_unresolved(const struct app *app);
void conflicts_free(struct app *app);
extern const struct view_ops view_conflicts_ops;

/* view_notice.c */
/* Shows the problems in d under title until the user dismisses them. */
void notice_run(struct app *app, const char *title, const struct diag *d);

/* view_history.c: the history of entry (an index) on a screen of its own. */
void history_view_open(struct app *app, long entry);

/* panes.c — the main screen, as the other views may ask of it */
/* Pushes the main screen (the bottom of the stack). */
void panes_push(struct app *app);
/* Back to the main screen (every view above it closed), the row selected there. */
void panes_select_theme(struct app *app, int cap, int theme);
void panes_select_unit(struct app *app, int unit, int element);
/* The text of the detail area for the selection, every stage of a theme when
 * all_stages; the first line is its title. */
void panes_detail_text(struct app *app, struct buf *b, bool all_stages);
/* The id of the entry selected in Evidence (caller frees), or NULL; and that
 * entry selected again by id (say, after a save renumbered it). */
char *panes_entry_id(struct app *app);
void panes_follow_entry(struct app *app, const char *id);

/* editor.c: the text of ed at y, x over rows rows to the right edge: wrapped
 * (wrap), or one line scrolled sideways to keep the cursor in view when cur (a
 * field not being edited shows its start); the cursor placed when cur. */
struct editor;
void ed_draw(struct tui_term *t, struct editor *ed, int y, int x, int rows, bool wrap, bool cur,
             attr_t a);

#endif
