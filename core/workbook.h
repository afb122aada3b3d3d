/* workbook.h — a candidate's workbook: workbook.ini plus the evidence, units,
 * sessions, actions and resources sheets, the person management specification,
 * development plan and CPD record, with the evidence entries parsed against the
 * frameworks. Every change is a cell edit by row id, so edits can
 * be undone, journalled and re-applied to a sheet reloaded from disk. */
#ifndef CAPBOOK_WORKBOOK_H
#define CAPBOOK_WORKBOOK_H

#include "core/diag.h"
#include "core/framework.h"
#include "core/sheet.h"
#include "core/words.h"
#include "core/stdmap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* spec.csv, pdp.csv and cpd.csv are optional: absent is empty, made on first write. */
enum wb_sheet {
        WB_EVIDENCE,
        WB_UNITS,
        WB_SESSIONS,
        WB_ACTIONS,
        WB_RESOURCES,
        WB_SPEC,
        WB_PDP,
        WB_CPD,
        WB_NSHEETS
};

/* The manager's level, [candidate] level: the mix of competences a profile is
 * likely to need depends on it. */
enum mgr_level { LEVEL_NONE, LEVEL_FIRST_LINE, LEVEL_MIDDLE, LEVEL_SENIOR, LEVEL_UNKNOWN };

/* A minimum of CPD, [cpd] minimum = "15 days over 3 years". */
struct cpd_minimum {
        bool set;
        double amount;
        bool in_hours;   /* the amount is hours, not days */
        unsigned months; /* the window ending today */
};

/* 24 bytes: a workbook of a million entries holds a million of them. */
struct entry {
        uint32_t *refs; /* elements and indicators, resolved and packed (entry_ref) */
        uint32_t row;   /* in the evidence sheet */
        int revamps;    /* entry index of the planned entry, or -1 */
        unsigned nrefs;
        unsigned nunknown : 23;   /* references not in the frameworks (kept as written) */
        unsigned refs_pooled : 1; /* refs lie in the workbook's ref_pool: not freed on their own */
        unsigned status : 8;      /* enum ev_status */
};

struct wb_edit {
        enum wb_sheet sheet;
        char *id, *col, *before, *after; /* before NULL: the row was created */
        unsigned group;
        bool removes_row; /* (to before_edit) undoing a creation: the row goes */
        bool renumbers;   /* (to before_edit) a save renumbers row id (= before) to after */
};

struct signoff_memo; /* signoff.c */
struct history;      /* history.c */

struct workbook {
        char *dir; /* the workbook folder */
        char *ini_path;
        bool single_sheet; /* opened from one evidence CSV */
        char *name, *pathway, *stage, *award, *supervisor, *assessor;
        char *fw_caps, *fw_std, *fw_map;
        char *login;              /* [candidate] login: the candidate's own login, or "" */
        struct strlist assessors; /* [candidate] assessors: who may sign (none: anyone) */
        char *level;              /* [candidate] level as written */
        char *role;               /* [candidate] role: the job, in the organisation's words */
        enum mgr_level level_code;
        unsigned review_months;     /* [specification] review_every_months (12) */
        double cpd_hours_per_day;   /* [cpd] hours_per_day (7.5) */
        struct cpd_minimum cpd_min; /* [cpd] minimum; .set false when none */
        /* the 2004 standards map: loaded at open when spec.csv, pdp.csv or cpd.csv
         * exists, else by workbook_map; empty (dir NULL) until then or if not found */
        struct stdmap map;
        bool map_tried;
        int stage_index, pathway_index;
        struct framework fw;
        struct sheet sheets[WB_NSHEETS];
        struct entry *entries;
        size_t nentries;
        uint32_t *ref_pool;           /* the refs of the entries built at load, in one array */
        struct idmap ids[WB_NSHEETS]; /* row id → row */
        int32_t *row_entry;           /* evidence row → entry index, or -1 */
        unsigned next_id[WB_NSHEETS];
        char *site;         /* the clone's site tag new ids end with (site.h), or NULL */
        bool site_read;     /* site looked up (on the first new id) */
        unsigned file_mode; /* of new files: wb_file_mode's answer, kept here for callers */
        bool shared;        /* the folder is shared (folder_is_shared): files 0660 */
        bool excel_style;
        /* undo / redo */
        struct wb_edit *undo;
        size_t nundo, undo_pos;
        unsigned group, group_depth;
        bool dirty;
        /* undo_pos when the files last matched memory; clean_lost once a change
         * outside the undo list (or a partial save) makes that unknowable */
        size_t clean_pos;
        bool clean_lost;
        /* rows the last save renumbered (added here and on disk under one id) */
        struct wb_renumbered {
                enum wb_sheet sheet;
                char *from, *to;
        } * renumbered;
        size_t nrenumbered;
        /* called before an edit is applied (the journal); non-zero refuses it */
        int (*before_edit)(void *ctx, const struct wb_edit *e);
        void *before_edit_ctx;
        /* sign-offs (signoff.c): entries signed within the open edit group, their
         * digests taken when the group ends; what was signed or voided this
         * session; refusals made where no caller could be told, reported by the
         * next save */
        struct strlist sign_pending;
        struct signoff_memo *memos;
        size_t nmemos;
        struct diag refusals;
        struct history *history; /* history.csv as read (history.c), or NULL */
};

extern const char *const wb_sheet_file[WB_NSHEETS];
extern const char *const wb_sheet_key[WB_NSHEETS]; /* the column that names a row */

struct wb_options {
        unsigned file_mode; /* for new files; 0 → 0600 */
        bool excel_style;   /* new files with BOM + CRLF */
};

/* Opens a workbook folder or one evidence CSV. Problems go to d. 0 ok; -1 the
 * workbook cannot be opened (exit status 2). */
int workbook_open(struct workbook *wb, const char *path, const struct wb_options *opt,
                  struct diag *d);
/* Creates a new workbook folder (refuses an existing workbook). */
int workbook_create(const char *path, const char *name, const char *pathway, const char *stage,
                    const char *units, const struct wb_options *opt, struct diag *d);
/* The same, shared with group (a name or a number; NULL or "" for a private
 * workbook): the folder is made the group's and setgid (2770) and every file in
 * it 0660, whatever the umask and opt->file_mode. A group the user is not in is
 * refused (root may name any). */
int workbook_create_shared(const char *path, const char *name, const char *pathway,
                           const char *stage, const char *units, const struct wb_options *opt,
                           const char *group, struct diag *d);
void workbook_free(struct workbook *wb);

/* The mode of every file capbook creates in the workbook's folder (sheets,
 * history, lock, reports, sheets saved beside): 0660 in a shared workbook —
 * one whose folder is setgid and group-writable — else the configured
 * [workbook] file_mode (0600 by default). Private files (journal, conflict
 * record) are 0600 whatever this says. */
unsigned wb_file_mode(const struct workbook *wb);
/* Why the user cannot save this workbook ("you are not in group assessors",
 * "evidence.csv is not writable by you (only its owner ann may write it)"),
 * for the front ends to show after "read-only: "; false if they can. Only
 * permissions: a lock someone else holds is lock.h's to say. */
bool workbook_readonly_reason(const struct workbook *wb, char *out, size_t n);

/* What the user may do to a workbook folder, judged from permissions alone. */
enum wb_access { WB_ACCESS_NONE, WB_ACCESS_READ, WB_ACCESS_WRITE };
/* why (may be NULL) says what stops reading or writing ("" for WB_ACCESS_WRITE). */
enum wb_access workbook_access(const char *dir, char *why, size_t n);
/* Loads the 2004 standards map if it is not loaded yet (a missing map is said
 * once, into d). Call before showing or adding to the specification, plan or
 * CPD record of a workbook that may have none yet. 0 when the map is there. */
int workbook_map(struct workbook *wb, struct diag *d);
/* Validates every row (references, statuses, dates, links); reports into d. */
void workbook_check(struct workbook *wb, struct diag *d);
/* Saves every changed sheet atomically. A sheet changed on disk since it was
 * read is merged by row id: rows this session added under an id the disk now has
 * too take the next free ids (a note "E15 is now E16: …" in d; the journal hook
 * sees a wb_edit that renumbers; references and the undo list follow), and a
 * field changed both here and on disk keeps the disk's value while ours goes into
 * the conflict record (a warning in d; the rest is saved). Copies an older
 * capbook saved beside a sheet are moved into the conflict record first. */
int workbook_save(struct workbook *wb, struct diag *d);
/* The id row `id` of sheet s has after the last save: a row that save renumbered
 * has a new one (say, to keep a selection or print the id of an entry just
 * added); any other keeps its own. */
const char *wb_renumbered_id(const struct workbook *wb, enum wb_sheet s, const char *id);
/* Warns (into d) of changed sheets that a spreadsheet has open. */
void workbook_office_locks(const struct workbook *wb, struct diag *d);
bool workbook_dirty(const struct workbook *wb);

/* True if path is a folder of workbook folders (a caseload): at least one of
 * its folders, or of the folders its symbolic links point to, is a workbook the
 * user can read. */
bool workbook_is_caseload(const char *path);
/* The candidates of a caseload, sorted: every workbook folder in it or linked
 * from it, and every folder or link in it the user may not look into (they
 * show as permission denied where they are opened). Caller frees each and the
 * array. */
size_t workbook_list_caseload(const char *path, char ***dirs);
/* The same with what the user may do to each. */
struct caseload_entry {
        char *dir;
        enum wb_access access;
        char why[256]; /* what stops reading or writing; "" if nothing */
};
size_t workbook_caseload(const char *path, struct caseload_entry **out);
void workbook_caseload_free(struct caseload_entry *v, size_t n);

/* Cell access by row id; the row is created when it does not exist. */
const char *wb_get(const struct workbook *wb, enum wb_sheet s, size_t row, const char *col);
/* The row of id, or -1: a deleted row (a tombstone) is not found. */
long wb_find(const struct workbook *wb, enum wb_sheet s, const char *id);
/* Is the row a tombstone (status "deleted": evidence, sessions, actions, and the
 * specification, plan and CPD record)? Every list of rows skips it; evidence
 * tombstones are no entries at all. */
bool wb_row_deleted(const struct workbook *wb, enum wb_sheet s, size_t row);
/* On evidence, setting signed_by to another name is a sign-off (signoff_sign:
 * the login and digest recorded when the edit group ends; when the user may not
 * sign, -1, and the next save reports why) and emptying it voids the sign-off. */
int wb_set(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
           const char *value);
/* One cell as given, nothing read into it (journal replay, the sign-off's own cells). */
int wb_set_cell(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
                const char *value);
/* Sets n cells of row id ({column, value}; a NULL value as empty) as one undo
 * step; the row is created when it does not exist. On evidence, a non-empty
 * signed_by among them signs the entry off (signoff_sign, with signed_on as the
 * date), even when the name is unchanged: a refusal is reported by the next save.
 * 0, or -1 when a cell could not be set (the sheet could not be read, or the
 * journal refused the edit): the cells set before it stay, in the one undo step. */
int wb_set_row(struct workbook *wb, enum wb_sheet s, const char *id, const char *cells[][2],
               size_t n);
/* A fresh id for a new row of sheet s ("E14", "S3", "AP2"; "E14b" on a clone
 * tagged b): one more than the highest number of any id in the sheet, whatever
 * its tag, tombstones and rows that cannot be parsed included. */
char *wb_new_id(struct workbook *wb, enum wb_sheet s);
/* Removes a row outright (journal replay of an undone creation). */
void wb_remove_row(struct workbook *wb, enum wb_sheet s, const char *id);
void wb_begin(struct workbook *wb);
void wb_end(struct workbook *wb);
bool wb_undo(struct workbook *wb);
bool wb_redo(struct workbook *wb);

/* Evidence helpers. */
const char *entry_get(const struct workbook *wb, const struct entry *e, const char *col);
/* Reference i of entry e, unpacked. */
void entry_ref(const struct workbook *wb, const struct entry *e, unsigned i, struct ref *out);
long wb_entry_by_id(const struct workbook *wb, const char *id);
enum ev_status ev_status_parse(const char *s);
enum unit_status unit_status_parse(const char *s);
enum unit_status wb_unit_status(const struct workbook *wb, int unit);
const char *wb_unit_notes(const struct workbook *wb, int unit);

/* Adds an evidence entry; returns its id (caller frees) or NULL (reason in d). */
struct new_entry {
        const char *status, *date, *ref, *summary, *elements, *indicators, *revamps, *rationale;
};
char *wb_add_entry(struct workbook *wb, const struct new_entry *ne, struct diag *d);
/* Adds refs (elements or indicators) to an entry, keeping what is there. */
int wb_link(struct workbook *wb, const char *id, const char *refs, struct diag *d);
/* A new actual entry grown from a planned one; returns the new id. */
char *wb_revamp(struct workbook *wb, const char *planned_id, const char *summary, const char *date,
                struct diag *d);

/* Deleting an entry, a session, an action, a requirement of the specification,
 * a development target or a CPD activity. What it would disturb, in words into
 * why ("E5 is signed off by Amelia on 2026-01-10; E9 revamps it", "its 3
 * actions go with it", "T3 is tied to it"), so a front end can ask again;
 * returns how many things. */
size_t wb_delete_concerns(const struct workbook *wb, enum wb_sheet s, const char *id,
                          struct buf *why);
/* Deletes the row as one undo step: it stays as a tombstone (its id; status
 * "deleted"; the day of deleting in date (evidence, sessions, CPD) or revised
 * (the specification); every other cell emptied, columns capbook does not know
 * too), so its id is never used again. A session's actions are deleted with
 * it. The whole specification's row is not deleted (its cells are emptied
 * instead). 0, or -1 (reason in d). */
int wb_delete(struct workbook *wb, enum wb_sheet s, const char *id, struct diag *d);

/* Edits of an existing session or action as one undo step; a NULL field is left
 * as it is. Dates are YYYY-MM-DD; an action's session must exist; done is a
 * date, yes, no or empty. 0, or -1 (reason in d) with nothing changed. */
struct session_fields {
        const char *date, *focus, *participants, *notes;
};
int wb_session_edit(struct workbook *wb, const char *id, const struct session_fields *f,
                    struct diag *d);
struct action_fields {
        const char *session, *objective, *success_indicator, *due, *responsibility, *done;
};
int wb_action_edit(struct workbook *wb, const char *id, const struct action_fields *f,
                   struct diag *d);
/* Done today, or not done (done emptied). */
int wb_action_done(struct workbook *wb, const char *id, bool done, struct diag *d);
/* A unit's notes; its status (US_NONE: not chosen, and its row, left with nothing
 * but its code, is not written on save). */
int wb_unit_set_notes(struct workbook *wb, int unit, const char *notes);
int wb_unit_set_status(struct workbook *wb, int unit, enum unit_status st);

/* The workbook's profile in workbook.ini's [candidate]; a NULL field is left as
 * it is. The pathway must be one of the frameworks' and the stage EM, ES or AC;
 * no value holds a double quote or a line break. workbook.ini is rewritten
 * atomically at once (not on save, not undone): other keys and comments stay. */
struct wb_profile {
        const char *name, *pathway, *stage, *award, *supervisor, *assessor;
};
int workbook_set_profile(struct workbook *wb, const struct wb_profile *p, struct diag *d);
/* The pathways, in words for a message: "manager, frontline, strategic, citizen". */
void workbook_pathways_text(const struct framework *fw, struct buf *out);

#endif
