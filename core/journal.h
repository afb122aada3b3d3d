/* journal.h — the recovery journal (.capbook-journal-LOGIN.csv in the workbook
 * folder, one per person, 0600): every edit is appended and flushed before it is
 * applied, and a form being filled is written as a draft, so a hang-up, a kill
 * or a crash loses nothing. After a clean save the journal is removed. */
#ifndef CAPBOOK_JOURNAL_H
#define CAPBOOK_JOURNAL_H

#include "core/diag.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* This user's journal: ".capbook-journal-LOGIN.csv" (user_login_for_file: the
 * login, or the uid's number when it has no name or an odd one). Unsaved edits are private until
 * saved, so each member of a shared workbook has their own. */
const char *journal_file(void);
#define JOURNAL_FILE journal_file()
/* The one journal of every user before journals were per person: recovered by
 * its owner, and then moved to the owner's own name. */
#define JOURNAL_LEGACY_FILE ".capbook-journal.csv"

struct journal {
        char *path;
        int fd; /* -1 until the first record (opening without editing leaves no file) */
        unsigned mode;
        bool failed; /* a write failed: edits are refused rather than left unjournalled */
};

/* A form that was being filled: its key ("new", "edit:E3", "revamp:E2") and the
 * last value journalled for each field. */
struct journal_draft {
        char *form;
        struct strlist cols, vals;
};

struct journal_pending {
        struct wb_edit *edits; /* in order; before NULL: the value was empty or the row new */
        bool *removes;         /* edits[i] removes its row (an undone creation) */
        size_t nedits;
        struct journal_draft *drafts;
        size_t ndrafts;
        char first[32], last[32]; /* times of the first and last record */
        char user[64], host[128];
        unsigned bad_lines; /* torn or unreadable records (a crash mid-write) */
};

/* mode is not used: a journal holds unsaved words and is only ever its
 * writer's (0600, even in a shared folder). */
void journal_init(struct journal *j, const char *dir, unsigned mode);
/* Appends one edit and flushes it to disk. 0, or -1 (the edit must not be applied). */
int journal_edit(struct journal *j, const struct wb_edit *e, bool removes_row);
/* Appends a snapshot of a form's fields; sync flushes it to disk. */
int journal_draft(struct journal *j, const char *form, const char *const *cols,
                  const char *const *vals, unsigned n, bool sync);
/* The form was saved into the workbook or abandoned: its draft is done. */
int journal_draft_end(struct journal *j, const char *form);
/* After a clean save: the journal is removed. */
void journal_clear(struct journal *j);
void journal_close(struct journal *j);

/* True if dir holds this user's journal; p is filled (free with
 * journal_pending_free). Only the user's own is read: a journal named for them
 * but owned by someone else is reported and left alone. An old shared-name
 * journal (JOURNAL_LEGACY_FILE) the user owns is first moved to their name. */
bool journal_pending_read(const char *dir, struct journal_pending *p, struct diag *d);
void journal_pending_free(struct journal_pending *p);
/* One line: "3 edits and 1 unfinished form by ann on host1, 2026-11-23 10:01 to 10:07". */
void journal_pending_describe(const struct journal_pending *p, char *out, size_t n);
/* Applies the pending edits to wb (as undoable edits). Values that differ from
 * what the journal expected are reported into d. Returns the number applied. */
size_t journal_replay(struct workbook *wb, const struct journal_pending *p, struct diag *d);

/* Another member's journal in the folder: who and since when come from the
 * file's owner and time, never from its content (which is theirs alone). */
struct journal_other {
        uid_t uid;
        char who[64]; /* the owner's login, or uid number */
        time_t since; /* the file's last change */
};
/* Every journal in dir but this user's own, oldest first (*out malloc'd). */
size_t journal_others_pending(const char *dir, struct journal_other **out);
/* "ann has unsaved edits pending since 10:05" (a day other than today: since
 * 2026-11-23 10:05). */
void journal_other_describe(const struct journal_other *o, char *out, size_t n);

#endif
