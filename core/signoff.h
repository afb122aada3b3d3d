/* signoff.h — an evidence entry's sign-off: who (signed_by, signed_login), when
 * (signed_on) and a SHA-256 digest of the fields signed (signed_digest) over a
 * canonical form a spreadsheet re-save cannot disturb; who may sign, and which
 * signed fields changed since. */
#ifndef CAPBOOK_SIGNOFF_H
#define CAPBOOK_SIGNOFF_H

#include "core/diag.h"
#include "core/digest.h"
#include "core/text.h"
#include "core/workbook.h"

#include <stdbool.h>
#include <stddef.h>

/* The fields a sign-off covers, in the order of the canonical form. */
enum signed_field {
        SF_STATUS,
        SF_DATE,
        SF_REF,
        SF_SUMMARY,
        SF_ELEMENTS,
        SF_INDICATORS,
        SF_RATIONALE,
        SF_N
};
extern const char *const signed_field_name[SF_N];

/* One field of evidence row `row` in canonical form: as capbook reads it
 * (formula guard undone), line breaks as LF; status as its name when known;
 * elements and indicators as their codes joined by "; " (known codes as the
 * frameworks spell them, unknown ones as written, trimmed). */
void signoff_field_value(const struct workbook *wb, size_t row, enum signed_field f,
                         struct buf *out);
/* The canonical form: the SF_N fields joined by the byte 0x1F. */
void signoff_canonical(const struct workbook *wb, size_t row, struct buf *out);
/* SHA-256 of the canonical form, hex. */
void signoff_digest(const struct workbook *wb, size_t row, char out[DIGEST_HEX]);
/* Each field's own digest (the first 16 hex digits of SHA-256 of its canonical
 * value) as "status:HEX; date:HEX; …": kept with a sign-off in history.csv, so
 * that a later check can say which fields changed without keeping their text. */
void signoff_field_digests(const struct workbook *wb, size_t row, struct buf *out);

/* Which fields of evidence row `row` differ from a record made by
 * signoff_field_digests (1 << SF_x each, into *changed); false when the record
 * does not name every field. */
bool signoff_fields_differ(const struct workbook *wb, size_t row, const char *record,
                           unsigned *changed);

/* The [candidate] assessors of workbook.ini name who may sign; with none named,
 * anyone may. */
bool signoff_may_sign(const struct workbook *wb, const char *login);

enum sign_result { SIGN_OK, SIGN_REFUSED, SIGN_NO_ENTRY, SIGN_BAD_DATE };
/* Signs entry id off as one undoable step: signed_by = by (NULL or "": the
 * user's full name, else the login), signed_on = on (NULL: today), and, when
 * the edit group ends, signed_login and signed_digest. SIGN_REFUSED when the
 * user's login is not among the assessors; the reason goes to d. */
enum sign_result signoff_sign(struct workbook *wb, const char *id, const char *by, const char *on,
                              struct diag *d);
/* Voids the sign-off of entry id as one undoable step (the four signed_
 * columns emptied); the next save records "sign-off voided" in history.csv.
 * -1 if there is no such entry or it is not signed (reason in d). */
int signoff_void(struct workbook *wb, const char *id, struct diag *d);

/* Does entry (an index) carry a sign-off? */
bool signoff_present(const struct workbook *wb, size_t entry);
/* Would setting column col of entry id change what its sign-off covers? A front
 * end asks the user before such an edit, then calls signoff_void. */
bool signoff_edit_voids(const struct workbook *wb, const char *id, const char *col);

enum signoff_state {
        SO_NONE,      /* never signed, as far as capbook knows */
        SO_SIGNED,    /* signed, and the signed fields are as they were */
        SO_CHANGED,   /* signed, and the signed fields changed since */
        SO_NO_DIGEST, /* signed_by filled in without a digest (by hand or before digests) */
        SO_VOIDED,    /* the sign-off was voided (history.csv or this session says so) */
};

struct signoff_status {
        enum signoff_state state;
        const char *by, *on, *login;            /* the entry's cells ("" when empty) */
        bool by_candidate;                      /* signed_login is [candidate] login */
        unsigned changed;                       /* SO_CHANGED: 1 << SF_x for each field changed */
        bool fields_known;                      /* SO_CHANGED: false when no record says which */
        const char *voided_when, *voided_login; /* SO_VOIDED: when and by whom, or "" */
};

/* The sign-off state of entry (an index). The strings stay valid until the next
 * edit or save. Reads history.csv (once) when the fields or a void need it. */
void signoff_verify(struct workbook *wb, size_t entry, struct signoff_status *st);
/* "summary, date": the changed fields' names, in the canonical order. */
void signoff_changed_names(unsigned changed, struct buf *out);
/* One line on the state, for the report and the screen: "signed off by Joseph
 * on 2026-01-15", "… (the candidate's own login)", "… ; changed since: summary",
 * "sign-off voided on 2026-01-20T10:01:02+00:00 by ann", "signed off by … (no
 * digest)"; "" for SO_NONE. */
void signoff_describe(const struct signoff_status *st, struct buf *out);

/* The workbook's side of the hooks in wb_set and wb_end: signoff_col says which
 * column is a sign-off's (signed_by), signoff_set sets it (a name signs, no
 * name voids), signoff_finish takes the digests of the group's sign-offs. */
bool signoff_col(const char *col);
int signoff_set(struct workbook *wb, const char *id, const char *value);
void signoff_finish(struct workbook *wb);
/* What was signed in this session for entry id with this digest: its field
 * digests (signoff_field_digests), or NULL. */
const char *signoff_memo_fields(const struct workbook *wb, const char *id, const char *digest);
/* Was entry id's sign-off voided in this session (and not undone)? */
bool signoff_memo_voided(const struct workbook *wb, const char *id);
void signoff_memos_free(struct workbook *wb);

#endif
