/* workbook.h — a candidate's workbook: workbook.ini plus the evidence, units,
 * sessions, actions and resources sheets, with the evidence entries parsed
 * against the frameworks. Every change is a cell edit by row id, so edits can
 * be undone, journalled and re-applied to a sheet reloaded from disk. */
#ifndef CAPBOOK_WORKBOOK_H
#define CAPBOOK_WORKBOOK_H

#include "core/diag.h"
#include "core/framework.h"
#include "core/sheet.h"

#include <stdbool.h>
#include <stddef.h>

enum wb_sheet { WB_EVIDENCE, WB_UNITS, WB_SESSIONS, WB_ACTIONS, WB_RESOURCES, WB_NSHEETS };

enum ev_status { ST_PLANNED, ST_ACTUAL, ST_UPDATE, ST_NA, ST_UNKNOWN };
enum unit_status { US_NONE, US_PLANNED, US_IN_PROGRESS, US_ACHIEVED, US_CREDIT, US_UNKNOWN };

struct entry {
        size_t row; /* in the evidence sheet */
        enum ev_status status;
        struct ref *refs; /* elements and indicators, resolved */
        unsigned nrefs;
        unsigned nunknown; /* references not in the frameworks (kept as written) */
        int revamps;       /* entry index of the planned entry, or -1 */
        bool refs_pooled;  /* refs lie in the workbook's ref_pool: not freed on their own */
};

struct wb_edit {
        enum wb_sheet sheet;
        char *id, *col, *before, *after; /* before NULL: the row was created */
        unsigned group;
        bool removes_row; /* (to before_edit) undoing a creation: the row goes */
        bool renumbers;   /* (to before_edit) a save renumbers row id (= before) to after */
};

struct workbook {
        char *dir; /* the workbook folder */
        char *ini_path;
        bool single_sheet; /* opened from one evidence CSV */
        char *name, *pathway, *stage, *award, *supervisor;
        char *fw_caps, *fw_std, *fw_map;
        int stage_index, pathway_index;
        struct framework fw;
        struct sheet sheets[WB_NSHEETS];
        struct entry *entries;
        size_t nentries;
        struct ref *ref_pool;          /* the refs of the entries built at load, in one array */
        struct strmap ids[WB_NSHEETS]; /* row id → row */
        long *row_entry;               /* evidence row → entry index, or -1 */
        unsigned next_id[WB_NSHEETS];
        unsigned file_mode;
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
};

extern const char *const wb_sheet_file[WB_NSHEETS];
extern const char *const ev_status_name[];
extern const char *const unit_status_name[];

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
void workbook_free(struct workbook *wb);
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

/* True if path is a folder of workbook folders (a caseload). */
bool workbook_is_caseload(const char *path);
/* The workbook folders in a caseload, sorted (caller frees each and the array). */
size_t workbook_list_caseload(const char *path, char ***dirs);

/* Cell access by row id; the row is created when it does not exist. */
const char *wb_get(const struct workbook *wb, enum wb_sheet s, size_t row, const char *col);
long wb_find(const struct workbook *wb, enum wb_sheet s, const char *id);
int wb_set(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
           const char *value);
/* Sets n cells of row id ({column, value}; a NULL value as empty) as one undo
 * step; the row is created when it does not exist. */
void wb_set_row(struct workbook *wb, enum wb_sheet s, const char *id, const char *cells[][2],
                size_t n);
/* A fresh id for a new row of sheet s ("E14", "S3", "AP2"). */
char *wb_new_id(struct workbook *wb, enum wb_sheet s);
/* Removes a row outright (journal replay of an undone creation). */
void wb_remove_row(struct workbook *wb, enum wb_sheet s, const char *id);
void wb_begin(struct workbook *wb);
void wb_end(struct workbook *wb);
bool wb_undo(struct workbook *wb);
bool wb_redo(struct workbook *wb);

/* Evidence helpers. */
const char *entry_get(const struct workbook *wb, const struct entry *e, const char *col);
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

#endif
