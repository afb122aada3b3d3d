/* merge.h — the three-way merge of a sheet by its key, the one merge capbook has:
 * a save that finds the sheet changed on disk since it was read, and git's merge
 * driver given two clones' versions of a sheet, both call it. history.csv is
 * merged apart: its rows are a union in time order, re-chained. */
#ifndef CAPBOOK_MERGE_H
#define CAPBOOK_MERGE_H

#include "core/conflict.h"
#include "core/diag.h"
#include "core/sheet.h"
#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>

/* One merge: the sheet's key column, the names its conflicts are recorded
 * under, and which side a field changed on both sides keeps. */
struct merge_job {
        const char *key;            /* "id", "unit", "ref" */
        const char *sheet;          /* the sheet's file name ("evidence.csv") */
        const char *source;         /* the conflicts' source: "save", "git merge" */
        const char *source_removed; /* when one side removed the row the other changed */
        bool keep_into;             /* such a field keeps into's value (else other's) */
};

struct merge_result {
        struct conflict *conflicts; /* base; on_disk the value kept; mine the one set aside */
        size_t nconflicts;
        size_t taken;    /* fields and rows the result took from other */
        size_t uncopied; /* rows only other has that cannot be copied (unparsable) */
};

/* Merges other into `into` (both sides' changes since base), by the key: rows
 * are matched by their key (a row without a key of its own — none, one seen
 * before in its sheet, or a row that cannot be parsed — by its bytes, as a
 * whole); a field changed on one side takes that side's value; one changed on
 * both sides differently keeps the value job says and the other goes into the
 * result's conflicts; a row one side removed goes unless the other changed it
 * (a conflict). Rows added on both sides are all kept (the same key added on
 * both is merged field by field, from empty). Order: the rows that were in base
 * keep their order (the order one side gave them, when only one side reordered
 * them), then the rows added on either side in key order (site_id_cmp: E9, E10,
 * E10b, E11). `into` keeps its bytes where a row is unchanged, its header and its
 * style (BOM, line ends); rows changed or taken from other are written as capbook
 * writes a row. Columns only other has are added where a value needs them. */
void merge_sheet(const struct merge_job *job, const struct sheet *base, struct sheet *into,
                 const struct sheet *other, struct merge_result *res);
void merge_result_free(struct merge_result *res);

/* history.csv of two clones as one trail, into out: the rows both have from the
 * start, then the others of either side in time order (each side's own order
 * kept, a row on both sides once). The chain is computed again from the first
 * row one side did not have, and a row "merged" (when, login given) is added
 * naming both sides' last chains, so that an older copy can still be matched; a
 * row whose chain did not hold on its own side keeps its stored chain, so check
 * still reports it. Returns how many rows were re-chained. */
size_t merge_history(const struct sheet *ours, const struct sheet *theirs, const char *when,
                     const char *login, struct buf *out);

/* git's merge driver (merge.capbook.driver = capbook merge-driver %O %A %B %P):
 * merges the versions base and theirs into ours (rewritten in place) as the
 * sheet named by pathname (its file name chooses the key; history.csv is merged
 * as above); a field changed on both sides keeps ours's value, and theirs's goes
 * into the conflict record beside pathname (source "git merge"). 0 merged, 1
 * merged with conflicts (recorded), 2 not merged (why in d; ours left as it is). */
int merge_driver(const char *base, const char *ours, const char *theirs, const char *pathname,
                 struct diag *d);

#endif
