/* conflict.h — the conflict record: fields changed both here and on disk (by a
 * save that met a spreadsheet's edit, or a git merge), kept until someone picks a
 * side, in .capbook-conflicts-LOGIN.csv in the workbook folder (mode 0600).
 * Everything that lists conflicts reads every .capbook-conflicts*.csv there. */
#ifndef CAPBOOK_CONFLICT_H
#define CAPBOOK_CONFLICT_H

#include "core/diag.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

#define CONFLICT_PREFIX ".capbook-conflicts"

/* One field: its value when this session read the sheet (base), on disk when it
 * saved (on_disk, kept in the sheet) and this session's (mine, kept here). */
struct conflict {
        char *sheet; /* "evidence.csv" (the sheet's file name in the workbook folder) */
        char *id, *field;
        char *base, *on_disk, *mine;
        char *source; /* "save", "git merge", "evidence.mine-20261123-101500.csv" */
        char *when;   /* "2026-11-23 10:15:00", local time */
        char *file;   /* the record read from (conflict_read_all), or NULL */
        unsigned line;
        bool resolved; /* a side was picked (conflict_resolve); gone at conflict_remove_resolved */
};

struct conflict_list {
        struct conflict *v;
        size_t n, cap;
};

/* This user's record in dir: .capbook-conflicts-LOGIN.csv (caller frees). */
char *conflict_path(const char *dir);
/* Every record in dir that can be read (other users' are private to them, and
 * skipped when they cannot be read), file by file in name order, row by row.
 * Problems go to d. Returns the number read. */
size_t conflict_read_all(const char *dir, struct conflict_list *l, struct diag *d);
void conflict_list_free(struct conflict_list *l);
/* Adds n conflicts to this user's record (created 0600; written whole and
 * atomically; one already there is not added twice). A record there that is a
 * link, or not this user's, is refused. 0, or -1 with the reason in d. */
int conflict_append(const char *dir, const struct conflict *c, size_t n, struct diag *d);
/* Fills c (owned strings; when = now) for a conflict found by a save. */
void conflict_fill(struct conflict *c, const char *sheet, const char *id, const char *field,
                   const char *base, const char *on_disk, const char *mine, const char *source);
void conflict_free(struct conflict *c);

enum conflict_side { CONFLICT_MINE, CONFLICT_ON_DISK };
/* Resolves c by picking a side: the value is written through the workbook's
 * normal edit (undoable, journalled) when it differs from what is there, and c
 * is marked resolved. 0, or -1 (no such sheet, or the edit was refused; d). */
int conflict_resolve(struct workbook *wb, struct conflict *c, enum conflict_side side,
                     struct diag *d);
/* Rewrites this user's record without the conflicts of l marked resolved (the
 * record goes when none is left). Call it once the workbook is saved. 0 or -1. */
int conflict_remove_resolved(const char *dir, const struct conflict_list *l, struct diag *d);

/* Reports each unresolved conflict of every record in dir as RECORD:LINE (a
 * warning), and each copy saved beside a sheet by an older capbook
 * (*.mine-STAMP.csv) not yet moved into the record. Returns how many. */
size_t conflict_check(const struct workbook *wb, struct diag *d);
/* Moves the copies an older capbook saved beside a sheet when both sides changed
 * a field (evidence.mine-20261123-101500.csv) into this user's record: each field
 * where the copy differs from the sheet becomes a conflict (on_disk the sheet's
 * value, mine the copy's), and the copy is removed. Returns how many conflicts. */
size_t conflict_import_mine(struct workbook *wb, struct diag *d);

#endif
