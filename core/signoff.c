/* signoff.c — signing evidence off, voiding a sign-off, and telling whether the
 * fields signed changed since: the canonical form and its digest, who may sign,
 * and what this session signed (kept until history.csv has it). */
#include "core/signoff.h"
#include "core/history.h"
#include "core/user.h"

#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

const char *const signed_field_name[SF_N] = {"status",   "date",       "ref",      "summary",
                                             "elements", "indicators", "rationale"};

/* What this session signed or voided; a memo counts while the edit group that
 * made it is done (not undone). */
struct signoff_memo {
        char *id;
        bool voided;
        char digest[DIGEST_HEX]; /* signed: the digest signed */
        char *fields;            /* signed: signoff_field_digests then */
        char when[32], login[64];
        unsigned group;
};

/* s with each CRLF or lone CR as LF: a spreadsheet may write a cell's line
 * breaks either way. */
static void add_text(struct buf *out, const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '\r') {
                        buf_addc(out, '\n');
                        if (i + 1 < n && s[i + 1] == '\n')
                                i++;
                } else {
                        buf_addc(out, s[i]);
                }
        }
}

/* A reference list as its codes: split at ';', spaces and tabs around each
 * trimmed and empty ones dropped, as entries are read (workbook.c). */
static void add_codes(const struct workbook *wb, struct buf *out, const char *p)
{
        bool first = true;
        const char *item;
        size_t n;
        while (list_next(&p, &item, &n)) {
                if (!first)
                        buf_adds(out, "; ");
                first = false;
                char code[64];
                struct ref r;
                if (n < sizeof code) {
                        memcpy(code, item, n);
                        code[n] = '\0';
                }
                if (n < sizeof code && ref_parse(&wb->fw, code, &r)) {
                        ref_code(&wb->fw, &r, code, sizeof code);
                        buf_adds(out, code);
                } else {
                        add_text(out, item, n);
                }
        }
}

void signoff_field_value(const struct workbook *wb, size_t row, enum signed_field f,
                         struct buf *out)
{
        const char *v = wb_get(wb, WB_EVIDENCE, row, signed_field_name[f]);
        if (f == SF_STATUS) {
                enum ev_status st = ev_status_parse(v);
                if (st != ST_UNKNOWN)
                        v = ev_status_name[st];
        }
        if (f == SF_ELEMENTS || f == SF_INDICATORS)
                add_codes(wb, out, v);
        else
                add_text(out, v, strlen(v));
}

void signoff_canonical(const struct workbook *wb, size_t row, struct buf *out)
{
        for (int f = 0; f < SF_N; f++) {
                if (f)
                        buf_addc(out, '\x1f');
                signoff_field_value(wb, row, (enum signed_field)f, out);
        }
}

void signoff_digest(const struct workbook *wb, size_t row, char out[DIGEST_HEX])
{
        struct buf b = {0};
        signoff_canonical(wb, row, &b);
        digest_sha256_hex(buf_str(&b), b.len, out);
        buf_free(&b);
}

void signoff_field_digests(const struct workbook *wb, size_t row, struct buf *out)
{
        struct buf v = {0};
        for (int f = 0; f < SF_N; f++) {
                char hex[DIGEST_HEX];
                buf_reset(&v);
                signoff_field_value(wb, row, (enum signed_field)f, &v);
                digest_sha256_hex(buf_str(&v), v.len, hex);
                buf_printf(out, "%s%s:%.16s", f ? "; " : "", signed_field_name[f], hex);
        }
        buf_free(&v);
}

bool signoff_may_sign(const struct workbook *wb, const char *login)
{
        return wb->assessors.n == 0 || strlist_has(&wb->assessors, login);
}

static struct signoff_memo *memo_add(struct workbook *wb, const char *id)
{
        wb->memos = xrealloc(wb->memos, (wb->nmemos + 1) * sizeof *wb->memos);
        struct signoff_memo *m = &wb->memos[wb->nmemos++];
        memset(m, 0, sizeof *m);
        m->id = xstrdup(id);
        m->group = wb->group;
        history_now(m->when);
        user_login(m->login, sizeof m->login);
        return m;
}

void signoff_memos_free(struct workbook *wb)
{
        for (size_t i = 0; i < wb->nmemos; i++) {
                free(wb->memos[i].id);
                free(wb->memos[i].fields);
        }
        free(wb->memos);
        wb->memos = NULL;
        wb->nmemos = 0;
}

/* Is the edit group that made memo m still done (not undone)? */
static bool memo_live(const struct workbook *wb, const struct signoff_memo *m)
{
        for (size_t i = 0; i < wb->undo_pos; i++)
                if (wb->undo[i].group == m->group)
                        return true;
        return false;
}

const char *signoff_memo_fields(const struct workbook *wb, const char *id, const char *digest)
{
        for (size_t i = wb->nmemos; i-- > 0;) {
                const struct signoff_memo *m = &wb->memos[i];
                if (!m->voided && strcmp(m->id, id) == 0 && strcmp(m->digest, digest) == 0)
                        return m->fields;
        }
        return NULL;
}

bool signoff_memo_voided(const struct workbook *wb, const char *id)
{
        for (size_t i = 0; i < wb->nmemos; i++)
                if (wb->memos[i].voided && strcmp(wb->memos[i].id, id) == 0 &&
                    memo_live(wb, &wb->memos[i]))
                        return true;
        return false;
}

static bool is_deleted(const struct workbook *wb, size_t entry)
{
        return str_ieq(entry_get(wb, &wb->entries[entry], "status"), "deleted");
}

enum sign_result signoff_sign(struct workbook *wb, const char *id, const char *by, const char *on,
                              struct diag *d)
{
        long ei = wb_entry_by_id(wb, id);
        if (ei < 0 || is_deleted(wb, (size_t)ei)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no entry %s to sign off", text_safe(id));
                return SIGN_NO_ENTRY;
        }
        char today[11];
        date_today(today);
        if (!on || !*on)
                on = today;
        if (!date_valid(on)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD", text_safe(on));
                return SIGN_BAD_DATE;
        }
        char login[64], name[256];
        user_login(login, sizeof login);
        if (!signoff_may_sign(wb, login)) {
                struct buf who = {0};
                for (size_t i = 0; i < wb->assessors.n; i++)
                        buf_printf(&who, "%s%s", i ? ", " : "", wb->assessors.v[i]);
                diag_add(d, DIAG_ERROR, wb->ini_path, 0,
                         "%s not signed off: you are logged in as %s, and [candidate] assessors "
                         "names only %s",
                         text_safe(id), text_safe(login), text_safe(buf_str(&who)));
                buf_free(&who);
                return SIGN_REFUSED;
        }
        if (!by || !*by) {
                user_full_name(name, sizeof name);
                by = name;
        }
        wb_begin(wb);
        int rc = wb_set_cell(wb, WB_EVIDENCE, id, "signed_by", by);
        rc |= wb_set_cell(wb, WB_EVIDENCE, id, "signed_on", on);
        if (rc == 0 && !strlist_has(&wb->sign_pending, id))
                strlist_push(&wb->sign_pending, id);
        wb_end(wb); /* the digest is taken when the outermost group ends: signoff_finish */
        if (rc) {
                diag_add(d, DIAG_ERROR, NULL, 0, "%s: the sign-off could not be recorded",
                         text_safe(id));
                return SIGN_REFUSED;
        }
        return SIGN_OK;
}

void signoff_finish(struct workbook *wb)
{
        char login[64];
        user_login(login, sizeof login);
        for (size_t i = 0; i < wb->sign_pending.n; i++) {
                const char *id = wb->sign_pending.v[i];
                long ei = wb_entry_by_id(wb, id);
                if (ei < 0 || !*entry_get(wb, &wb->entries[ei], "signed_by"))
                        continue;
                size_t row = wb->entries[ei].row;
                char digest[DIGEST_HEX];
                signoff_digest(wb, row, digest);
                struct buf fields = {0};
                signoff_field_digests(wb, row, &fields);
                wb_set_cell(wb, WB_EVIDENCE, id, "signed_login", login);
                wb_set_cell(wb, WB_EVIDENCE, id, "signed_digest", digest);
                struct signoff_memo *m = memo_add(wb, id);
                memcpy(m->digest, digest, sizeof digest);
                m->fields = buf_take(&fields);
        }
        strlist_free(&wb->sign_pending);
}

static const char *const signoff_cols[] = {"signed_by", "signed_on", "signed_login",
                                           "signed_digest"};

int signoff_void(struct workbook *wb, const char *id, struct diag *d)
{
        long ei = wb_entry_by_id(wb, id);
        if (ei < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no entry %s", text_safe(id));
                return -1;
        }
        if (!signoff_present(wb, (size_t)ei)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "%s is not signed off", text_safe(id));
                return -1;
        }
        wb_begin(wb);
        int rc = 0;
        for (size_t i = 0; i < sizeof signoff_cols / sizeof *signoff_cols; i++)
                if (wb_find(wb, WB_EVIDENCE, id) >= 0 &&
                    sheet_col(&wb->sheets[WB_EVIDENCE], signoff_cols[i]) >= 0)
                        rc |= wb_set_cell(wb, WB_EVIDENCE, id, signoff_cols[i], "");
        if (rc == 0)
                memo_add(wb, id)->voided = true;
        wb_end(wb);
        if (rc) {
                diag_add(d, DIAG_ERROR, NULL, 0, "%s: the void could not be recorded",
                         text_safe(id));
                return -1;
        }
        return 0;
}

/* wb_set of signed_by on evidence: a name is a sign-off (even over another
 * name: that is signing again), no name voids the sign-off. */
int signoff_set(struct workbook *wb, const char *id, const char *value)
{
        long ei = wb_entry_by_id(wb, id);
        if (ei < 0)
                return wb_set_cell(wb, WB_EVIDENCE, id, "signed_by", value);
        const char *before = entry_get(wb, &wb->entries[ei], "signed_by");
        if (strcmp(before, value) == 0)
                return 0;
        if (!*value) {
                struct diag quiet = {0};
                int rc = signoff_present(wb, (size_t)ei) ? signoff_void(wb, id, &quiet) : 0;
                diag_free(&quiet);
                return rc;
        }
        return signoff_sign(wb, id, value, NULL, &wb->refusals) == SIGN_OK ? 0 : -1;
}

bool signoff_present(const struct workbook *wb, size_t entry)
{
        const struct entry *e = &wb->entries[entry];
        return *entry_get(wb, e, "signed_by") || *entry_get(wb, e, "signed_digest");
}

bool signoff_col(const char *col)
{
        return strcmp(col, "signed_by") == 0;
}

bool signoff_edit_voids(const struct workbook *wb, const char *id, const char *col)
{
        long ei = wb_entry_by_id(wb, id);
        if (ei < 0 || !signoff_present(wb, (size_t)ei))
                return false;
        for (int f = 0; f < SF_N; f++)
                if (strcmp(col, signed_field_name[f]) == 0)
                        return true;
        return false;
}

bool signoff_fields_differ(const struct workbook *wb, size_t row, const char *record,
                           unsigned *changed)
{
        struct strlist rec = {0};
        strlist_split(&rec, record);
        struct buf v = {0};
        bool known = true;
        *changed = 0;
        for (int f = 0; f < SF_N && known; f++) {
                const char *want = NULL;
                size_t nl = strlen(signed_field_name[f]);
                for (size_t i = 0; i < rec.n && !want; i++)
                        if (strncmp(rec.v[i], signed_field_name[f], nl) == 0 && rec.v[i][nl] == ':')
                                want = rec.v[i] + nl + 1;
                if (!want) {
                        known = false;
                        break;
                }
                char hex[DIGEST_HEX];
                buf_reset(&v);
                signoff_field_value(wb, row, (enum signed_field)f, &v);
                digest_sha256_hex(buf_str(&v), v.len, hex);
                if (strlen(want) != 16 || strncmp(hex, want, 16) != 0)
                        *changed |= 1u << f;
        }
        buf_free(&v);
        strlist_free(&rec);
        return known;
}

void signoff_verify(struct workbook *wb, size_t entry, struct signoff_status *st)
{
        const struct entry *e = &wb->entries[entry];
        memset(st, 0, sizeof *st);
        st->by = entry_get(wb, e, "signed_by");
        st->on = entry_get(wb, e, "signed_on");
        st->login = entry_get(wb, e, "signed_login");
        st->voided_when = st->voided_login = "";
        st->by_candidate =
            *st->login && wb->login && *wb->login && strcmp(st->login, wb->login) == 0;
        const char *stored = entry_get(wb, e, "signed_digest");
        const char *id = entry_get(wb, e, "id");
        if (!*st->by && !*stored) {
                for (size_t i = wb->nmemos; i-- > 0;) {
                        const struct signoff_memo *m = &wb->memos[i];
                        if (strcmp(m->id, id) != 0 || !memo_live(wb, m))
                                continue;
                        if (m->voided) {
                                st->state = SO_VOIDED;
                                st->voided_when = m->when;
                                st->voided_login = m->login;
                        }
                        return;
                }
                struct history_row hr;
                if (!wb->single_sheet && history_last_signoff(wb, id, &hr) &&
                    strcmp(hr.what, "sign-off voided") == 0) {
                        st->state = SO_VOIDED;
                        st->voided_when = hr.when;
                        st->voided_login = hr.login;
                }
                return;
        }
        if (!*stored) {
                st->state = SO_NO_DIGEST;
                return;
        }
        char now[DIGEST_HEX];
        signoff_digest(wb, e->row, now);
        if (strcasecmp(now, stored) == 0) {
                st->state = SO_SIGNED;
                return;
        }
        st->state = SO_CHANGED;
        const char *record = signoff_memo_fields(wb, id, stored);
        struct history_row hr;
        if (!record && !wb->single_sheet && history_find_signed(wb, id, stored, &hr))
                record = hr.fields;
        st->fields_known = record && signoff_fields_differ(wb, e->row, record, &st->changed);
}

void signoff_changed_names(unsigned changed, struct buf *out)
{
        bool first = true;
        for (int f = 0; f < SF_N; f++)
                if (changed & (1u << f)) {
                        buf_printf(out, "%s%s", first ? "" : ", ", signed_field_name[f]);
                        first = false;
                }
}

void signoff_describe(const struct signoff_status *st, struct buf *out)
{
        switch (st->state) {
        case SO_NONE: return;
        case SO_VOIDED:
                buf_adds(out, "sign-off voided");
                if (*st->voided_when)
                        buf_printf(out, " on %s", st->voided_when);
                if (*st->voided_login)
                        buf_printf(out, " by %s", st->voided_login);
                return;
        default: break;
        }
        buf_printf(out, "signed off by %s", *st->by ? st->by : "(no name)");
        if (*st->on)
                buf_printf(out, " on %s", st->on);
        if (st->by_candidate)
                buf_printf(out, " (from the candidate's own login, %s)", st->login);
        if (st->state == SO_NO_DIGEST) {
                buf_adds(out, " (no digest: whether it changed since cannot be told)");
        } else if (st->state == SO_CHANGED) {
                if (st->fields_known && st->changed) {
                        buf_adds(out, "; changed since: ");
                        signoff_changed_names(st->changed, out);
                } else {
                        buf_adds(out, "; changed since (no record says which fields)");
                }
        }
}
