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
#include "core/stdmap.h"

#include <stdbool.h>
#include <stddef.h>

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
};

struct workbook {
        char *dir; /* the workbook folder */
        char *ini_path;
        bool single_sheet; /* opened from one evidence CSV */
        char *name, *pathway, *stage, *award, *supervisor;
        char *fw_caps, *fw_std, *fw_map;
        char *level; /* [candidate] level as written */
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
/* Loads the 2004 standards map if it is not loaded yet (a missing map is said
 * once, into d). Call before showing or adding to the specification, plan or
 * CPD record of a workbook that may have none yet. 0 when the map is there. */
int workbook_map(struct workbook *wb, struct diag *d);
/* Validates every row (references, statuses, dates, links); reports into d. */
void workbook_check(struct workbook *wb, struct diag *d);
/* Saves every changed sheet atomically. A sheet changed on disk since it was
 * read is merged by row id, or (fields changed on both sides) left alone with
 * ours saved beside it. */
int workbook_save(struct workbook *wb, struct diag *d);
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
