/* workbook.c — opening, checking, editing and saving a workbook. Sheets are kept
 * as read (unknown columns, bad rows); entries are derived from the evidence
 * rows and re-derived after each edit. */
#include "core/workbook.h"
#include "core/cpd.h"
#include "core/conflict.h"
#include "core/fileio.h"
#include "core/history.h"
#include "core/ini.h"
#include "core/lock.h"
#include "core/merge.h"
#include "core/signoff.h"
#include "core/site.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/target.h"
#include "core/text.h"
#include "core/user.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Evidence rows from which entries are derived while the ids are indexed. */
#ifndef DERIVE_THREAD_MIN
#define DERIVE_THREAD_MIN 4096
#endif

const char *const wb_sheet_file[WB_NSHEETS] = {"evidence.csv", "units.csv",     "sessions.csv",
                                               "actions.csv",  "resources.csv", "spec.csv",
                                               "pdp.csv",      "cpd.csv"};
const char *const wb_sheet_key[WB_NSHEETS] = {"id", "unit", "id", "id", "ref", "id", "id", "id"};
static const char *const id_prefix[WB_NSHEETS] = {"E", "", "S", "AP", "", "R", "T", "C"};
static const char *const cols_evidence[] = {"id",        "status",    "date",       "ref",
                                            "summary",   "elements",  "indicators", "revamps",
                                            "rationale", "signed_by", "signed_on"};
static const char *const cols_units[] = {"unit", "status", "notes"};
static const char *const cols_sessions[] = {"id", "date", "focus", "participants", "notes"};
static const char *const cols_actions[] = {
    "id", "session", "objective", "success_indicator", "due", "responsibility", "done"};
static const char *const cols_resources[] = {"ref", "title", "address", "notes"};
static const char *const cols_spec[] = {"id",       "requirement", "competences",
                                        "learning", "training",    "revised"};
static const char *const cols_pdp[] = {"id",  "objective", "measure", "agreed_with",
                                       "due", "done",      "link",    "level"};
static const char *const cols_cpd[] = {"id",    "date",   "activity", "kind",    "days",
                                       "hours", "learnt", "refs",     "evidence"};
static const char *const *const sheet_cols[WB_NSHEETS] = {
    cols_evidence,  cols_units, cols_sessions, cols_actions,
    cols_resources, cols_spec,  cols_pdp,      cols_cpd};
static const unsigned sheet_ncols[WB_NSHEETS] = {11, 3, 5, 7, 4, 6, 8, 9};

enum ev_status ev_status_parse(const char *s)
{
        for (int i = 0; i < ST_UNKNOWN; i++)
                if (str_ieq(s, ev_status_name[i]))
                        return (enum ev_status)i;
        if (str_ieq(s, "needs update") || str_ieq(s, "needs_update"))
                return ST_UPDATE;
        if (str_ieq(s, "n/a"))
                return ST_NA;
        return ST_UNKNOWN;
}

enum unit_status unit_status_parse(const char *s)
{
        if (!*s)
                return US_NONE;
        for (int i = 1; i < US_UNKNOWN; i++)
                if (str_ieq(s, unit_status_name[i]))
                        return (enum unit_status)i;
        if (str_ieq(s, "in progress"))
                return US_IN_PROGRESS;
        if (str_ieq(s, "credit transfer"))
                return US_CREDIT;
        return US_UNKNOWN;
}

const char *wb_get(const struct workbook *wb, enum wb_sheet s, size_t row, const char *col)
{
        const struct sheet *sh = &wb->sheets[s];
        return sheet_get(sh, row, sheet_col(sh, col));
}

const char *entry_get(const struct workbook *wb, const struct entry *e, const char *col)
{
        return wb_get(wb, WB_EVIDENCE, e->row, col);
}

/* A deleted row of any sheet with ids (evidence, sessions, actions, the
 * specification, plan and CPD record) stays as a tombstone: its id, status
 * "deleted" (and the day, in its date), every other cell emptied. It keeps its
 * id taken and shows a spreadsheet user what happened; capbook shows and
 * counts it nowhere. */
static bool sheet_has_tombstones(enum wb_sheet s)
{
        return s != WB_UNITS && s != WB_RESOURCES;
}

/* Where a tombstone is dated with the day of deleting: the row's date, or for
 * a requirement the day the specification was revised; actions and targets
 * have no date of their own (their due date is emptied with the rest). */
static const char *tombstone_day_col(enum wb_sheet s)
{
        switch (s) {
        case WB_EVIDENCE:
        case WB_SESSIONS:
        case WB_CPD: return "date";
        case WB_SPEC: return "revised";
        default: return NULL;
        }
}

static bool is_tombstone(const char *status)
{
        return str_ieq(status, "deleted");
}

bool wb_row_deleted(const struct workbook *wb, enum wb_sheet s, size_t row)
{
        if (!sheet_has_tombstones(s))
                return false;
        const struct sheet *sh = &wb->sheets[s];
        return is_tombstone(sheet_get(sh, row, sheet_col(sh, "status")));
}

/* The row of id, tombstones included (the edits' own lookup). */
static long row_of(const struct workbook *wb, enum wb_sheet s, const char *id)
{
        return idmap_get(&wb->ids[s], id);
}

long wb_find(const struct workbook *wb, enum wb_sheet s, const char *id)
{
        long r = row_of(wb, s, id);
        return r >= 0 && wb_row_deleted(wb, s, (size_t)r) ? -1 : r;
}

long wb_entry_by_id(const struct workbook *wb, const char *id)
{
        long row = row_of(wb, WB_EVIDENCE, id);
        if (row < 0 || !wb->row_entry)
                return -1;
        return wb->row_entry[row];
}

/* The number of an id, with or without a site tag (E16, E16b: 16); 0 if none. */
static unsigned id_number(const char *id, const char *prefix)
{
        return site_id_number(id, prefix);
}

/* The clone's site tag, looked up once. */
static const char *site_of(struct workbook *wb)
{
        if (!wb->site_read) {
                wb->site = site_tag_of(wb->dir);
                wb->site_read = true;
        }
        return wb->site ? wb->site : "";
}

/* The evidence columns an entry is derived from, looked up once per sheet
 * rather than by name for every entry. */
struct ev_cols {
        int status, elements, indicators, revamps;
};

static struct ev_cols ev_cols_find(const struct sheet *sh)
{
        struct ev_cols c = {sheet_col(sh, "status"), sheet_col(sh, "elements"),
                            sheet_col(sh, "indicators"), sheet_col(sh, "revamps")};
        return c;
}

/* A growing array of refs: one entry's, or every entry's at load. */
struct refvec {
        uint32_t *v;
        size_t n, cap;
};

static void refvec_push(struct refvec *rv, uint32_t packed)
{
        if (rv->n == rv->cap) {
                rv->cap = rv->cap ? rv->cap * 2 : 4;
                rv->v = xbig_realloc(rv->v, rv->n * sizeof *rv->v, rv->cap * sizeof *rv->v);
        }
        rv->v[rv->n++] = packed;
}

void entry_ref(const struct workbook *wb, const struct entry *e, unsigned i, struct ref *out)
{
        ref_unpack(&wb->fw, e->refs[i], out);
}

/* Sets e->status and e->nunknown from the entry's cells and appends its resolved
 * references to rv (e->nrefs of them); e->refs is left to the caller. */
static void entry_derive_into(struct workbook *wb, struct entry *e, const struct ev_cols *ec,
                              struct refvec *rv)
{
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        e->status = ev_status_parse(sheet_get(sh, e->row, ec->status));
        e->nrefs = 0;
        unsigned unknown = 0;
        const char *cols[2] = {sheet_get(sh, e->row, ec->elements),
                               sheet_get(sh, e->row, ec->indicators)};
        for (int c = 0; c < 2; c++) {
                const char *p = cols[c], *item;
                size_t len;
                while (list_next(&p, &item, &len)) {
                        char code[64];
                        size_t n = len < sizeof code - 1 ? len : sizeof code - 1;
                        memcpy(code, item, n);
                        code[n] = '\0';
                        struct ref r;
                        uint32_t packed;
                        if (ref_parse(&wb->fw, code, &r) && len < sizeof code &&
                            (packed = ref_pack(&r))) {
                                refvec_push(rv, packed);
                                e->nrefs++;
                        } else {
                                unknown++;
                        }
                }
        }
        e->nunknown = unknown < (1u << 23) ? unknown : (1u << 23) - 1;
        /* -2: a revamps cell to resolve once the ids are known (link_revamps) */
        e->revamps = *sheet_get(sh, e->row, ec->revamps) ? -2 : -1;
}

/* Resolves an entry's references from its cells (after an edit). */
static void entry_derive(struct workbook *wb, struct entry *e)
{
        struct ev_cols ec = ev_cols_find(&wb->sheets[WB_EVIDENCE]);
        struct refvec rv = {0};
        if (!e->refs_pooled)
                free(e->refs);
        e->refs_pooled = false;
        entry_derive_into(wb, e, &ec, &rv);
        e->refs = rv.v;
}

static void link_revamps(struct workbook *wb)
{
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        int rc = sheet_col(sh, "revamps");
        for (size_t i = 0; i < wb->nentries; i++) {
                struct entry *e = &wb->entries[i];
                if (e->revamps == -1)
                        continue; /* an empty cell (entry_derive_into): nothing to read */
                const char *rv = sheet_get(sh, e->row, rc);
                e->revamps = *rv ? (int)wb_entry_by_id(wb, rv) : -1;
        }
}

/* A row that could not be parsed may still hold an id: new ids skip any
 * prefix+number that starts a field in its raw bytes, so none is ever reused. */
static void note_raw_ids(struct workbook *wb, enum wb_sheet s, const struct sheet_row *r)
{
        const char *pre = id_prefix[s];
        size_t pl = strlen(pre);
        if (!pl)
                return;
        size_t raw_len;
        const char *raw = sheet_row_raw(&wb->sheets[s], r, &raw_len);
        for (size_t i = 0; i + pl < raw_len; i++) {
                if (i > 0 && raw[i - 1] != ',' && raw[i - 1] != '"')
                        continue;
                unsigned long n;
                if (!site_id_scan(raw + i, raw_len - i, pre, &n))
                        continue;
                if (n >= wb->next_id[s])
                        wb->next_id[s] = (unsigned)n + 1;
        }
}

/* A column capbook does not read while one it reads is missing: renamed in a
 * spreadsheet? Said once per sheet; the column is kept as it is. */
static void renamed_column(const struct sheet *sh, enum wb_sheet s, struct diag *d)
{
        const char *missing = NULL;
        for (unsigned k = 0; k < sheet_ncols[s] && !missing; k++)
                if (sheet_col(sh, sheet_cols[s][k]) < 0)
                        missing = sheet_cols[s][k];
        for (unsigned i = 0; missing && i < sh->ncols; i++) {
                bool known = !*sh->cols[i];
                for (unsigned k = 0; k < sheet_ncols[s] && !known; k++)
                        known = strcmp(sh->cols[i], sheet_cols[s][k]) == 0;
                if (!known) {
                        diag_add(d, DIAG_WARN, sh->path, sh->header.line ? sh->header.line : 1,
                                 "no \"%s\" column, and capbook does not read column \"%s\": "
                                 "renamed? (kept as it is)",
                                 missing, text_safe(row_cell(&sh->header, i)));
                        return;
                }
        }
}

/* Rows an index found bad, marked after it (when entries are derived meanwhile). */
struct row_marks {
        size_t *v;
        size_t n, cap;
};

static void mark_bad(struct sheet *sh, size_t row, struct row_marks *later)
{
        if (!later) {
                sh->rows[row].bad = true;
                return;
        }
        if (later->n == later->cap) {
                later->cap = later->cap ? later->cap * 2 : 16;
                later->v = xrealloc(later->v, later->cap * sizeof *later->v);
        }
        later->v[later->n++] = row;
}

/* Indexes a sheet's rows by id; rows without a usable id are reported and kept
 * as they are (never edited, never dropped). With later, such rows are listed
 * there instead of being marked bad: the caller marks them. */
static void index_sheet_marks(struct workbook *wb, enum wb_sheet s, struct diag *d,
                              struct row_marks *later)
{
        struct sheet *sh = &wb->sheets[s];
        idmap_free(&wb->ids[s]);
        idmap_init(&wb->ids[s], id_prefix[s]);
        int kc = sheet_col(sh, wb_sheet_key[s]);
        if (sh->loaded && sh->exists && kc < 0 && s != WB_RESOURCES && sh->nrows) {
                diag_add(d, DIAG_ERROR, sh->path, sh->header.line ? sh->header.line : 1,
                         "no \"%s\" column; rows cannot be told apart", wb_sheet_key[s]);
        }
        if (sh->loaded && sh->exists && sh->nrows)
                renamed_column(sh, s, d);
        if (kc >= 0)
                idmap_reserve(&wb->ids[s], sh->nrows);
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad) {
                        note_raw_ids(wb, s, &sh->rows[i]);
                        continue;
                }
                const char *id = sheet_get(sh, i, kc);
                if (s == WB_RESOURCES) {
                        if (*id)
                                idmap_add(&wb->ids[s], id, (int)i); /* the first row kept */
                        continue;
                }
                if (!*id) {
                        if (kc >= 0)
                                diag_add(d, DIAG_ERROR, sh->path, sh->rows[i].line,
                                         "row has no %s; kept as it is", wb_sheet_key[s]);
                        mark_bad(sh, i, later);
                        continue;
                }
                if (idmap_add(&wb->ids[s], id, (int)i) >= 0) {
                        diag_add(d, DIAG_ERROR, sh->path, sh->rows[i].line,
                                 "%s %s appears twice; this row is kept as it is", wb_sheet_key[s],
                                 text_safe(id));
                        mark_bad(sh, i, later);
                        continue;
                }
                unsigned n = id_number(id, id_prefix[s]);
                if (*id_prefix[s] && n >= wb->next_id[s])
                        wb->next_id[s] = n + 1;
        }
}

static void index_sheet(struct workbook *wb, enum wb_sheet s, struct diag *d)
{
        index_sheet_marks(wb, s, d, NULL);
}

static void free_entries(struct workbook *wb)
{
        for (size_t i = 0; i < wb->nentries; i++)
                if (!wb->entries[i].refs_pooled)
                        free(wb->entries[i].refs);
        free(wb->entries);
        free(wb->row_entry);
        free(wb->ref_pool);
        wb->entries = NULL;
        wb->row_entry = NULL;
        wb->ref_pool = NULL;
        wb->nentries = 0;
}

/* Entries for the rows of the evidence sheet, derived before they are
 * numbered: wb->entries[row] for each row not bad, the refs of all in rv in row
 * order. Reads the sheet and the frameworks only, so it can run while the
 * sheet's ids are indexed (rows found bad then are dropped by number_entries). */
struct derive_job {
        struct workbook *wb;
        struct refvec rv;
};

static void *derive_rows(void *arg)
{
        struct derive_job *j = arg;
        struct workbook *wb = j->wb;
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        struct ev_cols ec = ev_cols_find(sh);
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || is_tombstone(sheet_get(sh, i, ec.status)))
                        continue;
                struct entry *e = &wb->entries[i];
                e->row = i;
                entry_derive_into(wb, e, &ec, &j->rv);
        }
        return NULL;
}

/* Room for an entry per row, and the refs' array: about four refs an entry,
 * grown if not enough; what is not used is not touched. */
static void derive_start(struct workbook *wb, struct derive_job *j)
{
        free_entries(wb);
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        wb->entries = xbig_calloc(sh->nrows + 1, sizeof *wb->entries);
        wb->row_entry = xbig_alloc((sh->nrows + 1) * sizeof *wb->row_entry);
        j->wb = wb;
        j->rv.n = 0;
        j->rv.cap = sh->nrows * 4 + 4;
        j->rv.v = xbig_alloc(j->rv.cap * sizeof *j->rv.v);
}

/* The derived entries of the rows still not bad, moved down to their numbers
 * (in row order); their refs stay where they are in the one array (ref_pool). */
static void number_entries(struct workbook *wb, struct derive_job *j)
{
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        int sc = sheet_col(sh, "status");
        size_t at = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                struct entry e = wb->entries[i]; /* zero for a row bad when derived */
                size_t first = at;
                at += e.nrefs;
                wb->row_entry[i] = -1;
                if (sh->rows[i].bad || is_tombstone(sheet_get(sh, i, sc)))
                        continue;
                e.refs = e.nrefs ? j->rv.v + first : NULL;
                e.refs_pooled = e.nrefs > 0;
                wb->entries[wb->nentries] = e;
                wb->row_entry[i] = (int32_t)wb->nentries++;
        }
        if (at) {
                wb->ref_pool = j->rv.v;
        } else {
                free(j->rv.v);
                wb->ref_pool = NULL;
        }
        j->rv.v = NULL;
        link_revamps(wb);
}

/* Every entry from the evidence rows; their refs go into one array (ref_pool)
 * instead of one allocation each. */
static void build_entries(struct workbook *wb)
{
        struct derive_job j;
        derive_start(wb, &j);
        derive_rows(&j);
        number_entries(wb, &j);
}

static void meta_set(char **dst, const struct ini *ini, const char *key, const char *def)
{
        const char *v = ini_get(ini, key);
        free(*dst);
        *dst = xstrdup(v ? v : def);
}

/* "FILE: permission denied (you are not in group users)" */
static void denied(struct diag *d, const char *path, int want)
{
        char why[320];
        user_path_why(path, want, why, sizeof why);
        diag_add(d, DIAG_ERROR, path, 0, "permission denied (%s)", why);
}

/* False, reported, when the user may not read path (a folder: look into it). */
static bool readable(const char *path, struct diag *d)
{
        struct stat sb;
        int want = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) ? R_OK | X_OK : R_OK;
        if (faccessat(AT_FDCWD, path, want, AT_EACCESS) == 0 || errno != EACCES)
                return true; /* other failures are the loader's to name */
        denied(d, path, want);
        return false;
}

unsigned wb_file_mode(const struct workbook *wb)
{
        return wb->shared ? 0660 : (wb->file_mode ? wb->file_mode : 0600) & 0660;
}

/* workbook.ini's keys, in the order of wb_known_keys */
enum {
        K_NAME,
        K_PATHWAY,
        K_STAGE,
        K_AWARD,
        K_SUPERVISOR,
        K_ASSESSOR,
        K_LOGIN,
        K_ASSESSORS,
        K_LEVEL,
        K_ROLE,
        K_CAPS,
        K_STD,
        K_MAP,
        K_REVIEW,
        K_CPD_MIN,
        K_CPD_HPD,
        K_N
};
static const char *const wb_known_keys[K_N + 1] = {"candidate:name",
                                                   "candidate:pathway",
                                                   "candidate:stage",
                                                   "candidate:award",
                                                   "candidate:supervisor",
                                                   "candidate:assessor",
                                                   "candidate:login",
                                                   "candidate:assessors",
                                                   "candidate:level",
                                                   "candidate:role",
                                                   "frameworks:capabilities",
                                                   "frameworks:standards",
                                                   "frameworks:mapping",
                                                   "specification:review_every_months",
                                                   "cpd:minimum",
                                                   "cpd:hours_per_day",
                                                   NULL};

/* [candidate] level, [specification] and [cpd]: a value not understood is
 * reported where it was written and the default used. */
static void read_settings(struct workbook *wb, const struct ini *ip, const unsigned *lines,
                          struct diag *d)
{
        meta_set(&wb->level, ip, "candidate:level", "");
        wb->level_code = mgr_level_parse(wb->level);
        if (wb->level_code == LEVEL_UNKNOWN)
                diag_add(d, DIAG_WARN, wb->ini_path, lines[K_LEVEL],
                         "level \"%s\" is not first line, middle or senior (kept as written)",
                         text_safe(wb->level));
        wb->review_months = 12;
        wb->cpd_hours_per_day = 7.5;
        memset(&wb->cpd_min, 0, sizeof wb->cpd_min);
        if (!ip)
                return;
        const char *v = ini_get(ip, "specification:review_every_months");
        if (v) {
                char *end;
                long n = strtol(v, &end, 10);
                if (*v && !*end && n >= 1 && n <= 120)
                        wb->review_months = (unsigned)n;
                else
                        diag_add(d, DIAG_WARN, wb->ini_path, lines[K_REVIEW],
                                 "review_every_months \"%s\" is not a number of months from 1 "
                                 "to 120; 12 used",
                                 text_safe(v));
        }
        if ((v = ini_get(ip, "cpd:hours_per_day"))) {
                double h;
                if (cpd_amount_parse(v, &h) && h > 0 && h <= 24)
                        wb->cpd_hours_per_day = h;
                else
                        diag_add(d, DIAG_WARN, wb->ini_path, lines[K_CPD_HPD],
                                 "hours_per_day \"%s\" is not a number of hours above 0 and up "
                                 "to 24; 7.5 used",
                                 text_safe(v));
        }
        if ((v = ini_get(ip, "cpd:minimum")) && *v && cpd_minimum_parse(v, &wb->cpd_min) < 0)
                diag_add(d, DIAG_WARN, wb->ini_path, lines[K_CPD_MIN],
                         "minimum \"%s\" is not understood (write it as \"15 days over 3 "
                         "years\" or \"30 hours over 12 months\"); no minimum is set",
                         text_safe(v));
}

/* Unknown keys named one by one; the rest are counted. */
#define UNKNOWN_KEYS_SHOWN 10

/* lines: where each of wb_known_keys was written (0: not written) */
static void read_meta(struct workbook *wb, unsigned *lines, struct diag *d)
{
        struct ini ini;
        bool have = wb->ini_path && readable(wb->ini_path, d) &&
                    ini_load(&ini, wb->ini_path, INI_QUIET_MISSING | INI_NOFOLLOW, d) == 0;
        const struct ini *ip = have ? &ini : NULL;
        meta_set(&wb->name, ip, "candidate:name", "");
        meta_set(&wb->pathway, ip, "candidate:pathway", "manager");
        meta_set(&wb->stage, ip, "candidate:stage", "AC");
        meta_set(&wb->award, ip, "candidate:award", "");
        meta_set(&wb->supervisor, ip, "candidate:supervisor", "");
        meta_set(&wb->assessor, ip, "candidate:assessor", "");
        meta_set(&wb->role, ip, "candidate:role", "");
        meta_set(&wb->login, ip, "candidate:login", "");
        /* "ann, bob": logins separated by commas or spaces */
        char *assessors = NULL;
        meta_set(&assessors, ip, "candidate:assessors", "");
        for (char *p = assessors; *p; p++)
                if (*p == ',' || *p == ' ')
                        *p = ';';
        strlist_free(&wb->assessors);
        strlist_split(&wb->assessors, assessors);
        free(assessors);
        meta_set(&wb->fw_caps, ip, "frameworks:capabilities", "sil");
        meta_set(&wb->fw_std, ip, "frameworks:standards", "lmcs2008");
        meta_set(&wb->fw_map, ip, "frameworks:mapping", "lmcs2008-sil");
        if (have) {
                if (ini.empty)
                        diag_add(d, DIAG_ERROR, wb->ini_path, 0, "empty");
                unsigned unknown = 0;
                for (size_t i = 0; i < ini.nkeys; i++) {
                        bool known = false;
                        for (int k = 0; wb_known_keys[k]; k++)
                                if (str_ieq(ini.keys[i].name, wb_known_keys[k])) {
                                        known = true;
                                        lines[k] = ini.keys[i].line;
                                }
                        if (!known && ++unknown <= UNKNOWN_KEYS_SHOWN)
                                diag_add(
                                    d, DIAG_WARN, wb->ini_path, ini.keys[i].line,
                                    "unknown key %s ignored (workbook.ini holds only [candidate], "
                                    "[frameworks], [specification] and [cpd])",
                                    text_safe(ini.keys[i].name));
                }
                if (unknown > UNKNOWN_KEYS_SHOWN)
                        diag_add(d, DIAG_WARN, wb->ini_path, 0, "%u more unknown keys ignored",
                                 unknown - UNKNOWN_KEYS_SHOWN);
        }
        read_settings(wb, ip, lines, d);
        if (have)
                ini_free(&ini);
}

/* What a sheet's writer must know of its rows: a units row edited down to its
 * code alone (the unit no longer chosen) is left out, not written as "D1,,". */
static void sheet_rules(struct workbook *wb, enum wb_sheet s)
{
        struct sheet *sh = &wb->sheets[s];
        int kc = sheet_col(sh, wb_sheet_key[s]);
        sh->drop_bare_rows = s == WB_UNITS && kc >= 0;
        sh->bare_key = kc >= 0 ? (unsigned)kc : 0;
}

/* Opens a sheet, or starts it empty when there is none yet. False if the
 * user may not read it (reported; the sheet is left unloaded, so never written). */
static bool sheet_open_or_new(struct workbook *wb, enum wb_sheet s, const char *path,
                              bool may_create, struct diag *d)
{
        struct sheet *sh = &wb->sheets[s];
        if (path && path_exists(path)) {
                if (!readable(path, d)) {
                        memset(sh, 0, sizeof *sh);
                        sh->path = xstrdup(path);
                        return false;
                }
                sheet_load(sh, path, d);
                sheet_rules(wb, s);
                return true;
        }
        char *p = path ? xstrdup(path) : path_join(wb->dir, wb_sheet_file[s]);
        sheet_init_new(sh, p, sheet_cols[s], sheet_ncols[s], wb->excel_style);
        free(p);
        sh->dirty = false;
        sh->loaded = may_create; /* a sheet we may create on first save */
        sheet_rules(wb, s);
        return true;
}

/* The folder (or the one sheet) as it is to be opened: the path as named, or,
 * when the name itself is a symbolic link, the real path it leads to (a caseload
 * of links to workbook folders). Inside the folder no link is ever followed. */
static char *real_if_link(const char *path)
{
        struct stat ls;
        if (lstat(path, &ls) == 0 && S_ISLNK(ls.st_mode)) {
                char *real = realpath(path, NULL);
                if (real)
                        return real;
        }
        return xstrdup(path);
}

static int open_files(struct workbook *wb, const char *named, const struct wb_options *opt,
                      struct diag *d);

int workbook_open(struct workbook *wb, const char *path, const struct wb_options *opt,
                  struct diag *d)
{
        char *named = real_if_link(path);
        int rc = open_files(wb, named, opt, d);
        free(named);
        if (rc < 0)
                workbook_free(wb); /* nothing left to free: the callers' cleanup is harmless */
        return rc;
}

static int open_files(struct workbook *wb, const char *path, const struct wb_options *opt,
                      struct diag *d)
{
        memset(wb, 0, sizeof *wb);
        wb->file_mode = opt && opt->file_mode ? opt->file_mode : 0600;
        wb->excel_style = opt && opt->excel_style;
        struct stat sb;
        if (stat(path, &sb) < 0) {
                if (errno == EACCES)
                        denied(d, path, R_OK);
                else
                        diag_add(d, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
                return -1;
        }
        char *evpath;
        if (S_ISDIR(sb.st_mode)) {
                /* a folder that cannot be looked into is not "not a workbook" */
                if (!readable(path, d))
                        return -1;
                wb->dir = xstrdup(path);
                wb->ini_path = path_join(path, "workbook.ini");
                evpath = path_join(path, "evidence.csv");
                if (!path_exists(wb->ini_path) && !path_exists(evpath)) {
                        diag_add(d, DIAG_ERROR, path, 0,
                                 "not a workbook: no workbook.ini or evidence.csv here");
                        free(evpath);
                        workbook_free(wb);
                        return -1;
                }
                wb->shared = folder_is_shared(&sb);
        } else if (!S_ISREG(sb.st_mode)) {
                diag_add(d, DIAG_ERROR, path, 0, "%s", file_strerror(FILE_E_NOTREG));
                return -1;
        } else {
                wb->single_sheet = true;
                wb->dir = path_dirname(path);
                evpath = xstrdup(path);
                struct stat ds;
                wb->shared = stat(wb->dir, &ds) == 0 && folder_is_shared(&ds);
        }
        wb->file_mode = wb_file_mode(wb);
        unsigned lines[K_N] = {0};
        read_meta(wb, lines, d);
        struct fw_origin from = {wb->ini_path, {lines[K_CAPS], lines[K_STD], lines[K_MAP]}};
        framework_load(&wb->fw, wb->dir, wb->fw_caps, wb->fw_std, wb->fw_map, &from, d);
        wb->stage_index = fw_stage_index(&wb->fw, wb->stage);
        if (wb->stage_index < 0) {
                if (wb->fw.nstages)
                        diag_add(d, DIAG_WARN, wb->ini_path, lines[K_STAGE],
                                 "unknown stage \"%s\"; using %s", text_safe(wb->stage),
                                 wb->fw.stages[wb->fw.nstages - 1].code);
                wb->stage_index = wb->fw.nstages ? (int)wb->fw.nstages - 1 : 0;
        }
        wb->pathway_index = fw_pathway_index(&wb->fw, wb->pathway);
        if (wb->pathway_index < 0 && wb->fw.npathways) {
                struct buf known = {0};
                workbook_pathways_text(&wb->fw, &known);
                diag_add(d, DIAG_WARN, wb->ini_path, lines[K_PATHWAY],
                         "unknown pathway \"%s\" (kept as written; the pathways are %s)",
                         text_safe(wb->pathway), known.s);
                buf_free(&known);
        }
        bool ev_read = sheet_open_or_new(wb, WB_EVIDENCE, evpath, true, d);
        free(evpath);
        if (!ev_read || !wb->sheets[WB_EVIDENCE].loaded) {
                /* an evidence sheet that cannot be read at all (a directory, an .xlsx,
                 * UTF-16) is no workbook to work on: unreadable input, exit 2 */
                return -1;
        }
        for (int s = WB_UNITS; s < WB_NSHEETS; s++) {
                char *p = path_join(wb->dir, wb_sheet_file[s]);
                sheet_open_or_new(wb, (enum wb_sheet)s, wb->single_sheet ? NULL : p,
                                  !wb->single_sheet, d);
                free(p);
        }
        for (int s = 0; s < WB_NSHEETS; s++)
                wb->next_id[s] = 1;
        /* the 2004 map, for a workbook that uses it; others load it when they
         * first need it (workbook_map), so a caseload of them does not pay */
        if (wb->sheets[WB_SPEC].exists || wb->sheets[WB_PDP].exists || wb->sheets[WB_CPD].exists)
                workbook_map(wb, d);
        /* the entries are derived (on a second thread for a big evidence sheet)
         * while the evidence ids are indexed; rows the index finds bad are marked
         * after, and number_entries drops them */
        struct derive_job j;
        derive_start(wb, &j);
        pthread_t th;
        bool threaded = wb->sheets[WB_EVIDENCE].nrows >= DERIVE_THREAD_MIN &&
                        pthread_create(&th, NULL, derive_rows, &j) == 0;
        struct row_marks later = {0};
        index_sheet_marks(wb, WB_EVIDENCE, d, &later);
        if (threaded)
                pthread_join(th, NULL);
        else
                derive_rows(&j);
        for (size_t i = 0; i < later.n; i++)
                wb->sheets[WB_EVIDENCE].rows[later.v[i]].bad = true;
        free(later.v);
        for (int s = WB_UNITS; s < WB_NSHEETS; s++)
                index_sheet(wb, (enum wb_sheet)s, d);
        if (wb->sheets[WB_RESOURCES].exists)
                framework_add_resources(&wb->fw, wb->sheets[WB_RESOURCES].path, true, d);
        number_entries(wb, &j);
        return 0;
}

int workbook_map(struct workbook *wb, struct diag *d)
{
        if (!wb->map_tried) {
                wb->map_tried = true;
                stdmap_load(&wb->map, wb->dir, false, d);
        }
        return wb->map.dir ? 0 : -1;
}

static void renumbered_clear(struct workbook *wb);

void workbook_free(struct workbook *wb)
{
        free_entries(wb);
        renumbered_clear(wb);
        for (int s = 0; s < WB_NSHEETS; s++) {
                sheet_free(&wb->sheets[s]);
                idmap_free(&wb->ids[s]);
        }
        framework_free(&wb->fw);
        stdmap_free(&wb->map);
        for (size_t i = 0; i < wb->nundo; i++) {
                free(wb->undo[i].id), free(wb->undo[i].col);
                free(wb->undo[i].before), free(wb->undo[i].after);
        }
        free(wb->undo);
        free(wb->dir), free(wb->ini_path), free(wb->name), free(wb->pathway), free(wb->stage);
        free(wb->award), free(wb->supervisor), free(wb->assessor), free(wb->fw_caps),
            free(wb->fw_std);
        free(wb->fw_map), free(wb->login), free(wb->level), free(wb->role), free(wb->site);
        strlist_free(&wb->assessors);
        strlist_free(&wb->sign_pending);
        signoff_memos_free(wb);
        diag_free(&wb->refusals);
        history_free(wb);
        memset(wb, 0, sizeof *wb);
}

static void check_refs(struct workbook *wb, const struct sheet *sh, size_t row, const char *col,
                       struct diag *d)
{
        /* a framework that could not be loaded is reported once, not per reference */
        if (!wb->fw.cap_dir || !wb->fw.std_dir)
                return;
        struct strlist l = {0};
        strlist_split(&l, sheet_get(sh, row, sheet_col(sh, col)));
        for (size_t i = 0; i < l.n; i++) {
                struct ref r;
                if (!ref_parse(&wb->fw, l.v[i], &r))
                        diag_add(d, DIAG_WARN, sh->path, sh->rows[row].line,
                                 "unknown reference %s in %s (kept as written)", text_safe(l.v[i]),
                                 col);
        }
        strlist_free(&l);
}

/* --- what a spreadsheet does to a sheet ----------------------------------- */

/* The date in column col (an index) of a row; col_name for the message. */
static void check_date_at(const struct sheet *sh, size_t row, int col, const char *col_name,
                          bool required, struct diag *d)
{
        const char *v = sheet_get(sh, row, col);
        if ((*v || required) && !date_valid(v)) {
                struct buf why = {0};
                date_damage(v, &why);
                diag_add(d, DIAG_WARN, sh->path, sh->rows[row].line,
                         "%s \"%s\" is not a date (YYYY-MM-DD)%s", col_name, text_safe(v),
                         buf_str(&why));
                buf_free(&why);
        }
}

/* A cell a reference list was split from: it starts with a space (what is left
 * after "; ") and holds nothing but known codes. */
static bool split_refs(const struct workbook *wb, const char *v)
{
        if (*v != ' ' || !wb->fw.cap_dir)
                return false;
        struct strlist l = {0};
        strlist_split(&l, v);
        bool all = l.n > 0;
        for (size_t i = 0; all && i < l.n; i++) {
                struct ref r;
                all = ref_parse(&wb->fw, l.v[i], &r);
        }
        strlist_free(&l);
        return all;
}

/* Rows a spreadsheet shifted: a reference list split over two cells, or more
 * cells than the header names. One message a row, saying what probably
 * happened and how to avoid it. Returns how many rows. */
static size_t check_shifted(const struct workbook *wb, enum wb_sheet s, bool *shifted,
                            struct diag *d)
{
        const struct sheet *sh = &wb->sheets[s];
        unsigned named = 0;
        for (unsigned i = 0; i < sh->ncols; i++)
                if (*sh->cols[i])
                        named = i + 1;
        int sc = sheet_has_tombstones(s) ? sheet_col(sh, "status") : -1;
        size_t n = 0;
        for (size_t r = 0; r < sh->nrows; r++) {
                const struct sheet_row *row = &sh->rows[r];
                if (row->bad || (sc >= 0 && is_tombstone(sheet_get(sh, r, sc))))
                        continue;
                unsigned split = 0;
                for (unsigned i = 1; i < row->ncells && !split; i++)
                        if (*row_cell(row, i - 1) && split_refs(wb, row_cell(row, i)))
                                split = i;
                unsigned extra = 0;
                for (unsigned i = named; i < row->ncells; i++)
                        extra += *row_cell(row, i) != '\0';
                if (split) {
                        const char *col = split - 1 < sh->ncols ? sh->cols[split - 1] : "";
                        diag_add(d, DIAG_WARN, sh->path, row->line,
                                 "\"%s\" and \"%s\" look like one reference list%s%s split over "
                                 "two cells, and every column after it moved one to the right: "
                                 "a spreadsheet probably split the cell at its ';' (LibreOffice's "
                                 "import ticks \"Semicolon\" as a separator). Mend the row; "
                                 "import with only \"Comma\" ticked",
                                 text_safe(row_cell(row, split - 1)),
                                 text_safe(row_cell(row, split)), *col ? " in " : "", col);
                        shifted[r] = true;
                        n++;
                } else if (extra) {
                        diag_add(d, DIAG_WARN, sh->path, row->line,
                                 "%u cells where the header names %u columns: the columns are "
                                 "probably shifted (a spreadsheet that split a cell at a ';' or a "
                                 "tab, or a value typed past the last column); mend the row, and "
                                 "import with only \"Comma\" ticked as the separator",
                                 row->ncells, named);
                        shifted[r] = true;
                        n++;
                }
        }
        return n;
}

static void check_date(const struct sheet *sh, size_t row, const char *col, bool required,
                       struct diag *d)
{
        check_date_at(sh, row, sheet_col(sh, col), col, required, d);
}

/* The columns and state the sign-off check of each entry needs, looked up once. */
struct signoff_check {
        int by, digest, id, status;
        bool trail; /* a workbook folder with a history.csv */
        struct buf names;
};

/* An entry's sign-off: signed fields changed since (in capbook or a spreadsheet),
 * a sign-off history.csv does not record, or one gone without a recorded void.
 * Called within the loop over the entries, while the row's cells are in cache. */
static void check_signoff(struct workbook *wb, size_t i, struct signoff_check *c, struct diag *d)
{
        const struct sheet *ev = &wb->sheets[WB_EVIDENCE];
        const struct entry *e = &wb->entries[i];
        const char *dg = sheet_get(ev, e->row, c->digest);
        bool by = *sheet_get(ev, e->row, c->by);
        if (!by && !*dg && !c->trail)
                return;
        unsigned line = ev->rows[e->row].line;
        const char *id = sheet_get(ev, e->row, c->id);
        bool deleted = str_ieq(sheet_get(ev, e->row, c->status), "deleted");
        struct history_row hr;
        if (!by && !*dg) {
                if (history_last_signoff(wb, id, &hr) && strcmp(hr.what, "signed") == 0 && !deleted)
                        diag_add(d, DIAG_WARN, ev->path, line,
                                 "%s was signed off (history.csv:%u) and no longer is, with no "
                                 "void recorded",
                                 text_safe(id), hr.line);
                return;
        }
        /* a name with no digest has nothing to compare; a tombstone's sign-off went
         * with it */
        if (!*dg || deleted)
                return;
        struct signoff_status st;
        signoff_verify(wb, i, &st);
        if (st.state == SO_CHANGED) {
                buf_reset(&c->names);
                signoff_changed_names(st.changed, &c->names);
                bool named = st.fields_known && st.changed;
                diag_add(d, DIAG_ERROR, ev->path, line,
                         "%s was signed off by %s on %s; changed since%s%s", text_safe(id),
                         text_safe(st.by), text_safe(st.on), named ? ": " : "",
                         named ? text_safe(buf_str(&c->names))
                               : " (no record in history.csv says which fields)");
        } else if (st.state == SO_SIGNED && !wb->single_sheet &&
                   !history_find_signed(wb, id, dg, &hr)) {
                diag_add(d, DIAG_WARN, ev->path, line,
                         "%s's sign-off by %s on %s is not recorded in history.csv", text_safe(id),
                         text_safe(st.by), text_safe(st.on));
        }
}

/* A lock planted as a link (or a folder) in the workbook folder: never followed,
 * so never read, and no save can take the lock while it is there. */
static void check_lock_file(const struct workbook *wb, struct diag *d)
{
        char *p = path_join(wb->dir, LOCK_FILE);
        struct stat sb;
        if (lstat(p, &sb) == 0 && !S_ISREG(sb.st_mode))
                diag_add(d, DIAG_WARN, p, 0, "%s; no save can take the lock while it is there",
                         file_strerror(S_ISLNK(sb.st_mode) ? FILE_E_SYMLINK : FILE_E_NOTREG));
        free(p);
}

void workbook_check(struct workbook *wb, struct diag *d)
{
        /* a shifted row gets the one message that says why, not one per cell moved */
        bool *shifted[WB_NSHEETS];
        for (int s = 0; s < WB_NSHEETS; s++) {
                const struct sheet *sh = &wb->sheets[s];
                shifted[s] = xcalloc(sh->nrows + 1, sizeof *shifted[s]);
                if (!sh->loaded || !sh->exists)
                        continue;
                check_shifted(wb, (enum wb_sheet)s, shifted[s], d);
                size_t old = sheet_old_style_rows(sh);
                if (old)
                        diag_add(d, DIAG_NOTE, sh->path, 0,
                                 "%zu row%s hold%s a ';' or a tab outside quotes, which a "
                                 "spreadsheet splitting on either would break; capbook quotes "
                                 "%s the next time it saves this sheet (only %s change%s)",
                                 old, old == 1 ? "" : "s", old == 1 ? "s" : "",
                                 old == 1 ? "it" : "them", old == 1 ? "that row" : "those rows",
                                 old == 1 ? "s" : "");
        }
        conflict_check(wb, d);
        if (!wb->single_sheet)
                check_lock_file(wb, d);
        const struct sheet *ev = &wb->sheets[WB_EVIDENCE];
        /* the columns looked up once, not for every entry */
        int c_status = sheet_col(ev, "status"), c_rationale = sheet_col(ev, "rationale");
        int c_date = sheet_col(ev, "date"), c_signed_on = sheet_col(ev, "signed_on");
        int c_revamps = sheet_col(ev, "revamps");
        history_check(wb, d); /* history.csv read afresh, before the entries use it */
        struct signoff_check sc = {sheet_col(ev, "signed_by"),
                                   sheet_col(ev, "signed_digest"),
                                   sheet_col(ev, "id"),
                                   c_status,
                                   !wb->single_sheet && history_exists(wb),
                                   {0}};
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                unsigned line = ev->rows[e->row].line;
                if (shifted[WB_EVIDENCE][e->row])
                        continue;
                if (e->status == ST_UNKNOWN)
                        diag_add(d, DIAG_WARN, ev->path, line,
                                 "status \"%s\" is not planned, actual, needs-update or na",
                                 text_safe(sheet_get(ev, e->row, c_status)));
                if (e->status == ST_NA && !*sheet_get(ev, e->row, c_rationale))
                        diag_add(d, DIAG_WARN, ev->path, line,
                                 "status na needs a rationale saying why");
                check_date_at(ev, e->row, c_date, "date", false, d);
                check_date_at(ev, e->row, c_signed_on, "signed_on", false, d);
                /* the entry was derived from these cells with the same splitting and
                 * the same ref_parse: only an entry with unknown codes has any to report */
                if (e->nunknown) {
                        check_refs(wb, ev, e->row, "elements", d);
                        check_refs(wb, ev, e->row, "indicators", d);
                }
                const char *rv = sheet_get(ev, e->row, c_revamps);
                if (*rv) {
                        long rr = row_of(wb, WB_EVIDENCE, rv);
                        if (e->revamps < 0 && rr >= 0 &&
                            wb_row_deleted(wb, WB_EVIDENCE, (size_t)rr))
                                diag_add(d, DIAG_NOTE, ev->path, line,
                                         "revamps %s, which was deleted", text_safe(rv));
                        else if (e->revamps < 0)
                                diag_add(d, DIAG_WARN, ev->path, line,
                                         "revamps %s, which is not an entry here", text_safe(rv));
                        else if (wb->entries[e->revamps].status != ST_PLANNED)
                                diag_add(d, DIAG_NOTE, ev->path, line,
                                         "revamps %s, which is no longer planned", text_safe(rv));
                }
                check_signoff(wb, i, &sc, d);
        }
        buf_free(&sc.names);
        const struct sheet *us = &wb->sheets[WB_UNITS];
        for (size_t i = 0; i < us->nrows; i++) {
                if (us->rows[i].bad || shifted[WB_UNITS][i])
                        continue;
                const char *code = sheet_get(us, i, sheet_col(us, "unit"));
                struct ref r;
                if (wb->fw.std_dir && (!ref_parse(&wb->fw, code, &r) || r.kind != REF_UNIT))
                        diag_add(d, DIAG_WARN, us->path, us->rows[i].line,
                                 "unit %s is not in the standards (%s)", text_safe(code),
                                 wb->fw.std_id ? wb->fw.std_id : "?");
                const char *st = sheet_get(us, i, sheet_col(us, "status"));
                if (unit_status_parse(st) == US_UNKNOWN)
                        diag_add(d, DIAG_WARN, us->path, us->rows[i].line,
                                 "unit status \"%s\" is not planned, in-progress, achieved or "
                                 "credit-transfer",
                                 text_safe(st));
        }
        const struct sheet *ss = &wb->sheets[WB_SESSIONS];
        for (size_t i = 0; i < ss->nrows; i++)
                if (!ss->rows[i].bad && !wb_row_deleted(wb, WB_SESSIONS, i) &&
                    !shifted[WB_SESSIONS][i])
                        check_date(ss, i, "date", true, d);
        const struct sheet *as = &wb->sheets[WB_ACTIONS];
        for (size_t i = 0; i < as->nrows; i++) {
                if (as->rows[i].bad || wb_row_deleted(wb, WB_ACTIONS, i) || shifted[WB_ACTIONS][i])
                        continue;
                target_check_row(as, i, d);
                const char *sess = sheet_get(as, i, sheet_col(as, "session"));
                long sr = *sess ? row_of(wb, WB_SESSIONS, sess) : 0;
                if (sr < 0)
                        diag_add(d, DIAG_WARN, as->path, as->rows[i].line,
                                 "action of session %s, which is not in sessions.csv",
                                 text_safe(sess));
                else if (*sess && wb_row_deleted(wb, WB_SESSIONS, (size_t)sr))
                        diag_add(d, DIAG_WARN, as->path, as->rows[i].line,
                                 "action of session %s, which was deleted", text_safe(sess));
        }
        for (int s = 0; s < WB_NSHEETS; s++)
                free(shifted[s]);
        spec_check(wb, d);
        pdp_check(wb, d);
        cpd_check(wb, d);
}

bool workbook_dirty(const struct workbook *wb)
{
        /* every edit undone (or redone) back to what was last saved: nothing to save */
        if (!wb->clean_lost && wb->undo_pos == wb->clean_pos)
                return false;
        for (int s = 0; s < WB_NSHEETS; s++)
                if (wb->sheets[s].loaded && wb->sheets[s].dirty)
                        return true;
        return false;
}

/* The references between sheets that name a row by its id: an entry's revamps
 * names an entry, an action's session a session. */
static const struct {
        enum wb_sheet from;
        const char *col;
        enum wb_sheet to;
} id_refs[] = {{WB_EVIDENCE, "revamps", WB_EVIDENCE}, {WB_ACTIONS, "session", WB_SESSIONS}};

/* Did this session set cell col of row id to value (an edit still applied)? */
static bool session_set(const struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
                        const char *value)
{
        for (size_t i = 0; i < wb->undo_pos; i++) {
                const struct wb_edit *e = &wb->undo[i];
                if (e->sheet == s && strcmp(e->col, col) == 0 && strcmp(e->id, id) == 0 &&
                    strcmp(e->after, value) == 0)
                        return true;
        }
        return false;
}

static void replace_str(char **p, const char *from, const char *to)
{
        if (*p && strcmp(*p, from) == 0) {
                free(*p);
                *p = xstrdup(to);
        }
}

/* Row id `from` of sheet s, added by this session and never saved, becomes `to`:
 * its key cell (when the row is in memory), this session's references to it,
 * and the undo list (so that undo and redo follow it). */
static void renumber_row(struct workbook *wb, enum wb_sheet s, const char *from, const char *to)
{
        struct sheet *sh = &wb->sheets[s];
        int kc = sheet_col(sh, wb_sheet_key[s]);
        for (size_t i = 0; kc >= 0 && i < sh->nrows; i++)
                if (!sh->rows[i].bad && strcmp(sheet_get(sh, i, kc), from) == 0)
                        sheet_set(sh, i, kc, to);
        for (size_t k = 0; k < sizeof id_refs / sizeof *id_refs; k++) {
                if (id_refs[k].to != s)
                        continue;
                struct sheet *rs = &wb->sheets[id_refs[k].from];
                int rc = sheet_col(rs, id_refs[k].col),
                    rk = sheet_col(rs, wb_sheet_key[id_refs[k].from]);
                for (size_t i = 0; rc >= 0 && rk >= 0 && i < rs->nrows; i++) {
                        if (rs->rows[i].bad || strcmp(sheet_get(rs, i, rc), from) != 0)
                                continue;
                        const char *rid = sheet_get(rs, i, rk);
                        /* the reference is this session's (the row's own id may have just
                         * been renumbered too: then it was set under the old one) */
                        if (session_set(wb, id_refs[k].from, rid, id_refs[k].col, from))
                                sheet_set(rs, i, rc, to);
                }
        }
        for (size_t i = 0; i < wb->nundo; i++) {
                struct wb_edit *e = &wb->undo[i];
                bool ref = false;
                for (size_t k = 0; k < sizeof id_refs / sizeof *id_refs; k++)
                        ref |= id_refs[k].to == s && e->sheet == id_refs[k].from &&
                               strcmp(e->col, id_refs[k].col) == 0;
                if (ref) {
                        replace_str(&e->before, from, to);
                        replace_str(&e->after, from, to);
                }
        }
        /* the ids last: session_set above looks rows up by the ids they had */
        for (size_t i = 0; i < wb->nundo; i++)
                if (wb->undo[i].sheet == s)
                        replace_str(&wb->undo[i].id, from, to);
}

/* The highest id number in the rows of sh (a row that could not be parsed
 * included: any prefix+number starting one of its fields); each id found is put
 * in taken. */
static unsigned sheet_max_id(const struct sheet *sh, enum wb_sheet s, struct strmap *taken)
{
        const char *pre = id_prefix[s];
        size_t pl = strlen(pre);
        int kc = sheet_col(sh, wb_sheet_key[s]);
        unsigned max = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                const struct sheet_row *r = &sh->rows[i];
                if (!r->bad) {
                        const char *id = sheet_get(sh, i, kc);
                        unsigned n = id_number(id, pre);
                        if (n > max)
                                max = n;
                        if (*id)
                                strmap_put(taken, id, (int)i);
                        continue;
                }
                size_t raw_len;
                const char *raw = sheet_row_raw(sh, r, &raw_len);
                for (size_t k = 0; k + pl < raw_len; k++) {
                        if (k > 0 && raw[k - 1] != ',' && raw[k - 1] != '"')
                                continue;
                        unsigned long n;
                        size_t idlen = site_id_scan(raw + k, raw_len - k, pre, &n);
                        if (!idlen)
                                continue;
                        char id[32];
                        snprintf(id, sizeof id, "%.*s", (int)(idlen < 31 ? idlen : 31), raw + k);
                        strmap_put(taken, id, (int)i);
                        if (n > max)
                                max = (unsigned)n;
                }
        }
        return max;
}

/* Rows this session added (not in base, the version it read) whose ids the
 * version on disk (theirs) has too, added there meanwhile: nobody else's yet, so
 * they take the next free ids. Each renumbering is journalled first (refused:
 * -1, nothing renumbered). Says what was renumbered into d. */
static int renumber_added(struct workbook *wb, enum wb_sheet s, const struct strmap *bids,
                          const struct sheet *theirs, struct diag *d)
{
        if (!*id_prefix[s])
                return 0; /* units and resources are named, not numbered: merged by field */
        struct sheet *ours = &wb->sheets[s];
        struct strmap taken = {0};
        unsigned max = sheet_max_id(theirs, s, &taken);
        unsigned next = wb->next_id[s] > max + 1 ? wb->next_id[s] : max + 1;
        /* the clashes: rows in memory, and rows created by edits now in the redo
         * list (a redo would otherwise write into the row added on disk) */
        struct strlist clash = {0};
        int kc = sheet_col(ours, wb_sheet_key[s]);
        for (size_t i = 0; kc >= 0 && i < ours->nrows; i++) {
                const char *id = ours->rows[i].bad ? "" : sheet_get(ours, i, kc);
                if (*id && strmap_get(bids, id) < 0 && strmap_get(&taken, id) >= 0 &&
                    !strlist_has(&clash, id))
                        strlist_push(&clash, id);
        }
        for (size_t i = 0; i < wb->nundo; i++) {
                const struct wb_edit *e = &wb->undo[i];
                if (e->sheet == s && !e->before && strmap_get(bids, e->id) < 0 &&
                    strmap_get(&taken, e->id) >= 0 && !strlist_has(&clash, e->id))
                        strlist_push(&clash, e->id);
        }
        int rc = 0;
        for (size_t i = 0; i < clash.n; i++) {
                char to[48];
                snprintf(to, sizeof to, "%s%u%s", id_prefix[s], next, site_of(wb));
                struct wb_edit e = {
                    s, clash.v[i], (char *)wb_sheet_key[s], clash.v[i], to, wb->group, false, true};
                if (wb->before_edit && wb->before_edit(wb->before_edit_ctx, &e) != 0) {
                        diag_add(d, DIAG_ERROR, ours->path, 0,
                                 "%s was added here and on disk, and could not be renumbered (the "
                                 "recovery journal cannot be written); not saved",
                                 text_safe(clash.v[i]));
                        rc = -1;
                        break;
                }
                renumber_row(wb, s, clash.v[i], to);
                wb->renumbered =
                    xrealloc(wb->renumbered, (wb->nrenumbered + 1) * sizeof *wb->renumbered);
                wb->renumbered[wb->nrenumbered++] =
                    (struct wb_renumbered){s, xstrdup(clash.v[i]), xstrdup(to)};
                diag_add(d, DIAG_NOTE, ours->path, 0, "%s is now %s: %s was added on disk too",
                         text_safe(clash.v[i]), to, text_safe(clash.v[i]));
                next++;
        }
        if (next > wb->next_id[s])
                wb->next_id[s] = next;
        if (clash.n)
                index_sheet(wb, s, NULL);
        strlist_free(&clash);
        strmap_free(&taken);
        return rc;
}

/* The sheet was changed on disk (a spreadsheet, a colleague) since we read it:
 * three-way merge by row id. Rows this session added under an id the disk now
 * has too are renumbered; our changed fields are applied to the version on disk
 * where it left them alone; a field both sides changed keeps the disk's value,
 * and ours goes into the conflict record. The rest is saved. */
static int merge_outside(struct workbook *wb, enum wb_sheet s, struct diag *d)
{
        struct sheet *ours = &wb->sheets[s];
        struct sheet base, theirs;
        struct diag quiet = {0};
        if (!path_exists(ours->path)) {
                ours->exists = false; /* removed meanwhile: write ours afresh */
                return 0;
        }
        if (sheet_load(&theirs, ours->path, &quiet) < 0) {
                diag_add(d, DIAG_ERROR, ours->path, 0,
                         "changed on disk into something capbook cannot read (%s); not "
                         "overwritten: your changes are still open",
                         quiet.n ? quiet.v[0].msg : "?");
                sheet_free(&theirs);
                diag_free(&quiet);
                return -1;
        }
        sheet_load_disk(&base, ours, &quiet);
        diag_free(&quiet);
        int bkc = sheet_col(&base, wb_sheet_key[s]), tkc = sheet_col(&theirs, wb_sheet_key[s]);
        struct strmap bids = {0};
        for (size_t i = 0; i < base.nrows; i++)
                if (!base.rows[i].bad && bkc >= 0)
                        strmap_put(&bids, sheet_get(&base, i, bkc), (int)i);
        if (renumber_added(wb, s, &bids, &theirs, d) < 0) {
                strmap_free(&bids);
                sheet_free(&base);
                sheet_free(&theirs);
                return -1;
        }
        strmap_free(&bids);
        struct merge_job job = {wb_sheet_key[s], path_basename(ours->path), "save",
                                "save (the row was removed on disk)", true};
        struct merge_result res;
        merge_sheet(&job, &base, &theirs, ours, &res);
        sheet_free(&base);
        struct conflict *found = res.conflicts;
        size_t nfound = res.nconflicts, applied = res.taken;
        /* what is set aside is recorded before the sheet takes the disk's values:
         * if it cannot be, nothing is saved and ours stays open (and journalled) */
        if (nfound && conflict_append(wb->dir, found, nfound, d) < 0) {
                diag_add(d, DIAG_ERROR, ours->path, 0,
                         "changed on disk since capbook read it, and %zu field%s changed on both "
                         "sides could not be set aside; not saved: your changes are still open",
                         nfound, nfound == 1 ? "" : "s");
                merge_result_free(&res);
                sheet_free(&theirs);
                return -1;
        }
        char *record = nfound ? conflict_path(wb->dir) : NULL;
        for (size_t k = 0; k < nfound; k++) {
                const struct conflict *c = &found[k];
                long trow = -1;
                for (size_t i = 0; tkc >= 0 && i < theirs.nrows && trow < 0; i++)
                        if (!theirs.rows[i].bad && strcmp(sheet_get(&theirs, i, tkc), c->id) == 0)
                                trow = (long)i;
                diag_add(d, DIAG_WARN, ours->path, trow >= 0 ? theirs.rows[trow].line : 0,
                         "%s %s was changed here (\"%s\") and %s (\"%s\"): the sheet keeps the "
                         "version on disk, yours is set aside in %s",
                         text_safe(c->id), text_safe(c->field), text_safe(c->mine),
                         trow >= 0 ? "on disk" : "its row removed on disk", text_safe(c->on_disk),
                         path_basename(record));
        }
        merge_result_free(&res);
        free(record);
        diag_add(d, DIAG_NOTE, ours->path, 0,
                 "changed on disk since capbook read it; your %zu change%s applied to that "
                 "version",
                 applied, applied == 1 ? " is" : "s are");
        theirs.dirty = true;
        sheet_free(ours);
        *ours = theirs;
        sheet_rules(wb, s);
        index_sheet(wb, s, NULL);
        if (s == WB_EVIDENCE)
                build_entries(wb);
        return 0;
}

void workbook_office_locks(const struct workbook *wb, struct diag *d)
{
        for (int s = 0; s < WB_NSHEETS; s++) {
                const struct sheet *sh = &wb->sheets[s];
                char who[256];
                if (sh->loaded && sh->dirty && office_lock_owner(sh->path, who, sizeof who))
                        diag_add(d, DIAG_WARN, sh->path, 0,
                                 "open in a spreadsheet by %s; a save there would overwrite "
                                 "this one (capbook will notice and merge)",
                                 who);
        }
}

static void renumbered_clear(struct workbook *wb)
{
        for (size_t i = 0; i < wb->nrenumbered; i++)
                free(wb->renumbered[i].from), free(wb->renumbered[i].to);
        free(wb->renumbered);
        wb->renumbered = NULL;
        wb->nrenumbered = 0;
}

const char *wb_renumbered_id(const struct workbook *wb, enum wb_sheet s, const char *id)
{
        /* a row renumbered twice in one save (E15 → E16 → E17) is followed through */
        for (size_t i = 0; i < wb->nrenumbered; i++)
                if (wb->renumbered[i].sheet == s && strcmp(wb->renumbered[i].from, id) == 0)
                        id = wb->renumbered[i].to;
        return id;
}

int workbook_save(struct workbook *wb, struct diag *d)
{
        int rc = 0;
        /* sign-offs refused where the caller could not be told (wb_set_row) */
        if (wb->refusals.n) {
                for (size_t i = 0; i < wb->refusals.n; i++) {
                        const struct diag_item *it = &wb->refusals.v[i];
                        diag_add(d, it->level, it->file, it->line, "%s", it->msg);
                }
                diag_clear(&wb->refusals);
                rc = -1;
        }
        /* the audit trail: what each sheet's save changes, appended once they are
         * written (a crash between loses at worst these rows, never a sheet) */
        struct history_batch hb = {0};
        renumbered_clear(wb);
        conflict_import_mine(wb, d);
        for (int s = 0; s < WB_NSHEETS; s++) {
                struct sheet *sh = &wb->sheets[s];
                if (!sh->loaded || !sh->dirty)
                        continue;
                if (path_exists(sh->path) && faccessat(AT_FDCWD, sh->path, W_OK, AT_EACCESS) < 0 &&
                    errno == EACCES) {
                        denied(d, sh->path, W_OK); /* said before any merge is tried */
                        rc = -1;
                        continue;
                }
                if (sheet_changed_on_disk(sh) && merge_outside(wb, (enum wb_sheet)s, d) < 0) {
                        rc = -1;
                        continue;
                }
                size_t mark = hb.n;
                if (!wb->single_sheet)
                        history_collect(wb, (enum wb_sheet)s, &hb);
                if (sheet_save(sh, wb_file_mode(wb), false, d) < 0) {
                        history_batch_cut(&hb, mark);
                        rc = -1;
                }
        }
        if (hb.n && history_append(wb, &hb, d) < 0)
                rc = -1;
        else if (!wb->single_sheet && !wb->sheets[WB_EVIDENCE].dirty)
                signoff_memos_free(wb); /* what they held is in history.csv now */
        history_batch_free(&hb);
        wb->clean_pos = wb->undo_pos;
        wb->clean_lost = rc < 0;
        wb->dirty = workbook_dirty(wb);
        return rc;
}

/* --- edits --------------------------------------------------------------- */

static void undo_push(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
                      const char *before, const char *after)
{
        for (size_t i = wb->undo_pos; i < wb->nundo; i++) {
                free(wb->undo[i].id), free(wb->undo[i].col);
                free(wb->undo[i].before), free(wb->undo[i].after);
        }
        if (wb->clean_pos > wb->undo_pos)
                wb->clean_lost = true; /* the saved state was in the redo list just dropped */
        wb->nundo = wb->undo_pos;
        wb->undo = xrealloc(wb->undo, (wb->nundo + 1) * sizeof *wb->undo);
        struct wb_edit *e = &wb->undo[wb->nundo++];
        /* zeroed: a redo hands this very edit to before_edit, flags and all */
        memset(e, 0, sizeof *e);
        e->sheet = s;
        e->id = xstrdup(id);
        e->col = xstrdup(col);
        e->before = before ? xstrdup(before) : NULL;
        e->after = xstrdup(after);
        e->group = wb->group_depth ? wb->group : ++wb->group;
        wb->undo_pos = wb->nundo;
}

void wb_begin(struct workbook *wb)
{
        if (wb->group_depth++ == 0)
                wb->group++;
}

void wb_end(struct workbook *wb)
{
        /* sign-offs made in the group take their digest now, in the same group */
        if (wb->group_depth == 1 && wb->sign_pending.n)
                signoff_finish(wb);
        if (wb->group_depth)
                wb->group_depth--;
}

/* Applies one cell change; creates the row when create is set and it is missing. */
static int apply(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
                 const char *value, bool *created)
{
        struct sheet *sh = &wb->sheets[s];
        if (!sh->loaded)
                return -1;
        long row = row_of(wb, s, id);
        *created = false;
        if (row < 0) {
                row = (long)sheet_append(sh);
                int kc = sheet_ensure_col(sh, wb_sheet_key[s]);
                sheet_set(sh, (size_t)row, kc, id);
                idmap_put(&wb->ids[s], id, (int)row);
                *created = true;
                unsigned n = id_number(id, id_prefix[s]);
                if (*id_prefix[s] && n >= wb->next_id[s])
                        wb->next_id[s] = n + 1;
                if (s == WB_EVIDENCE) {
                        wb->entries =
                            xrealloc(wb->entries, (wb->nentries + 1) * sizeof *wb->entries);
                        wb->row_entry =
                            xrealloc(wb->row_entry, (sh->nrows + 1) * sizeof *wb->row_entry);
                        struct entry *e = &wb->entries[wb->nentries];
                        memset(e, 0, sizeof *e);
                        e->row = (uint32_t)row;
                        e->revamps = -1;
                        wb->row_entry[row] = (int32_t)wb->nentries++;
                }
        }
        int c = sheet_ensure_col(sh, col);
        sheet_set(sh, (size_t)row, c, value);
        if (s == WB_EVIDENCE) {
                bool gone = wb_row_deleted(wb, s, (size_t)row);
                long ei = wb->row_entry[row];
                if (ei < 0 ? !gone && !sh->rows[row].bad : gone) {
                        build_entries(wb); /* deleted, or brought back: the entries renumber */
                } else if (ei >= 0) {
                        struct entry *e = &wb->entries[ei];
                        entry_derive(wb, e);
                        const char *rv = entry_get(wb, e, "revamps");
                        e->revamps = *rv ? (int)wb_entry_by_id(wb, rv) : -1;
                }
        }
        wb->dirty = true;
        return 0;
}

int wb_set(struct workbook *wb, enum wb_sheet s, const char *id, const char *col, const char *value)
{
        if (s == WB_EVIDENCE && signoff_col(col))
                return signoff_set(wb, id, value);
        return wb_set_cell(wb, s, id, col, value);
}

int wb_set_cell(struct workbook *wb, enum wb_sheet s, const char *id, const char *col,
                const char *value)
{
        long row = row_of(wb, s, id);
        const char *before = row >= 0 ? wb_get(wb, s, (size_t)row, col) : NULL;
        if (before && strcmp(before, value) == 0)
                return 0;
        char *saved = before ? xstrdup(before) : NULL;
        struct wb_edit e = {s,         (char *)id, (char *)col, saved, (char *)value,
                            wb->group, false,      false};
        if (wb->before_edit && wb->before_edit(wb->before_edit_ctx, &e) != 0) {
                free(saved);
                return -1;
        }
        bool created;
        if (apply(wb, s, id, col, value, &created) < 0) {
                free(saved);
                return -1;
        }
        undo_push(wb, s, id, col, created ? NULL : saved, value);
        free(saved);
        return 0;
}

int wb_set_row(struct workbook *wb, enum wb_sheet s, const char *id, const char *cells[][2],
               size_t n)
{
        /* a name in signed_by is a sign-off, dated by signed_on: made after the other
         * cells, so the row exists and the digest covers them */
        const char *by = NULL, *on = NULL;
        for (size_t i = 0; s == WB_EVIDENCE && i < n; i++) {
                if (strcmp(cells[i][0], "signed_by") == 0 && cells[i][1] && *cells[i][1])
                        by = cells[i][1];
                else if (strcmp(cells[i][0], "signed_on") == 0)
                        on = cells[i][1];
        }
        int rc = 0;
        wb_begin(wb);
        for (size_t i = 0; i < n; i++) {
                const char *col = cells[i][0];
                if (by && (strcmp(col, "signed_by") == 0 || strcmp(col, "signed_on") == 0))
                        continue;
                if (wb_set(wb, s, id, col, cells[i][1] ? cells[i][1] : "") < 0)
                        rc = -1;
        }
        if (by && rc == 0)
                signoff_sign(wb, id, by, on, &wb->refusals);
        wb_end(wb);
        return rc;
}

char *wb_new_id(struct workbook *wb, enum wb_sheet s)
{
        char id[48];
        snprintf(id, sizeof id, "%s%u%s", id_prefix[s], wb->next_id[s],
                 *id_prefix[s] ? site_of(wb) : "");
        return xstrdup(id);
}

static void remove_row(struct workbook *wb, enum wb_sheet s, const char *id)
{
        long row = row_of(wb, s, id);
        if (row < 0)
                return;
        sheet_remove(&wb->sheets[s], (size_t)row);
        index_sheet(wb, s, NULL);
        if (s == WB_EVIDENCE)
                build_entries(wb);
}

void wb_remove_row(struct workbook *wb, enum wb_sheet s, const char *id)
{
        remove_row(wb, s, id);
        wb->clean_lost = true; /* not on the undo list */
        wb->dirty = true;
}

bool wb_undo(struct workbook *wb)
{
        if (wb->undo_pos == 0)
                return false;
        unsigned g = wb->undo[wb->undo_pos - 1].group;
        while (wb->undo_pos > 0 && wb->undo[wb->undo_pos - 1].group == g) {
                struct wb_edit *e = &wb->undo[--wb->undo_pos];
                bool created;
                if (wb->before_edit) {
                        struct wb_edit inv = {
                            e->sheet, e->id,      e->col, e->after, e->before ? e->before : "",
                            g,        !e->before, false};
                        wb->before_edit(wb->before_edit_ctx, &inv);
                }
                if (e->before)
                        apply(wb, e->sheet, e->id, e->col, e->before, &created);
                else
                        remove_row(wb, e->sheet, e->id);
        }
        wb->dirty = workbook_dirty(wb);
        return true;
}

bool wb_redo(struct workbook *wb)
{
        if (wb->undo_pos >= wb->nundo)
                return false;
        unsigned g = wb->undo[wb->undo_pos].group;
        while (wb->undo_pos < wb->nundo && wb->undo[wb->undo_pos].group == g) {
                struct wb_edit *e = &wb->undo[wb->undo_pos++];
                bool created;
                if (wb->before_edit)
                        wb->before_edit(wb->before_edit_ctx, e);
                apply(wb, e->sheet, e->id, e->col, e->after, &created);
        }
        wb->dirty = workbook_dirty(wb);
        return true;
}

enum unit_status wb_unit_status(const struct workbook *wb, int unit)
{
        long row = wb_find(wb, WB_UNITS, wb->fw.units[unit].code);
        if (row < 0)
                return US_NONE;
        return unit_status_parse(wb_get(wb, WB_UNITS, (size_t)row, "status"));
}

const char *wb_unit_notes(const struct workbook *wb, int unit)
{
        long row = wb_find(wb, WB_UNITS, wb->fw.units[unit].code);
        return row < 0 ? "" : wb_get(wb, WB_UNITS, (size_t)row, "notes");
}

/* Canonical "A1.1; SLF.2.AC" from user text; unknown codes are reported into d
 * and make it fail (a typo on the command line should not be saved). */
static int normalise_refs(struct workbook *wb, const char *in, struct buf *elements,
                          struct buf *indicators, struct diag *d)
{
        struct strlist l = {0};
        strlist_split(&l, in);
        int rc = 0;
        for (size_t i = 0; i < l.n; i++) {
                /* commas are a common slip for ';' on the command line */
                struct strlist parts = {0};
                for (char *p = l.v[i]; *p; p++)
                        if (*p == ',')
                                *p = ';';
                strlist_split(&parts, l.v[i]);
                for (size_t j = 0; j < parts.n; j++) {
                        struct ref r;
                        if (!ref_parse(&wb->fw, parts.v[j], &r)) {
                                diag_add(
                                    d, DIAG_ERROR, NULL, 0,
                                    "unknown reference %s (capbook frameworks lists the codes)",
                                    text_safe(parts.v[j]));
                                rc = -1;
                                continue;
                        }
                        char code[64];
                        ref_code(&wb->fw, &r, code, sizeof code);
                        struct buf *out =
                            r.kind == REF_UNIT || r.kind == REF_ELEMENT ? elements : indicators;
                        if (out->len)
                                buf_adds(out, "; ");
                        buf_adds(out, code);
                }
                strlist_free(&parts);
        }
        strlist_free(&l);
        return rc;
}

static void merge_list(const char *have, const char *add, struct buf *out)
{
        struct strlist a = {0}, b = {0};
        strlist_split(&a, have);
        strlist_split(&b, add);
        for (size_t i = 0; i < b.n; i++)
                if (!strlist_has(&a, b.v[i]))
                        strlist_push(&a, b.v[i]);
        strlist_join(&a, out);
        strlist_free(&a);
        strlist_free(&b);
}

char *wb_add_entry(struct workbook *wb, const struct new_entry *ne, struct diag *d)
{
        const char *status = ne->status && *ne->status ? ne->status : ev_status_name[ST_ACTUAL];
        enum ev_status st = ev_status_parse(status);
        if (st == ST_UNKNOWN) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "status must be planned, actual, needs-update or na, not \"%s\"",
                         text_safe(status));
                return NULL;
        }
        char today[11];
        date_today(today);
        const char *date = ne->date && *ne->date ? ne->date : today;
        if (!date_valid(date)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD", text_safe(date));
                return NULL;
        }
        if (st == ST_NA && (!ne->rationale || !*ne->rationale)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "an entry marked na needs a rationale");
                return NULL;
        }
        if (!wb->sheets[WB_EVIDENCE].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[WB_EVIDENCE].path, 0,
                         "cannot add: the sheet could not be read");
                return NULL;
        }
        struct buf el = {0}, ind = {0}, all = {0};
        buf_printf(&all, "%s;%s", ne->elements ? ne->elements : "",
                   ne->indicators ? ne->indicators : "");
        if (normalise_refs(wb, all.s, &el, &ind, d) < 0) {
                buf_free(&el), buf_free(&ind), buf_free(&all);
                return NULL;
        }
        if (ne->revamps && *ne->revamps && wb_entry_by_id(wb, ne->revamps) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no entry %s to revamp", text_safe(ne->revamps));
                buf_free(&el), buf_free(&ind), buf_free(&all);
                return NULL;
        }
        char *id = wb_new_id(wb, WB_EVIDENCE);
        wb_begin(wb);
        int rc = wb_set(wb, WB_EVIDENCE, id, "status", ev_status_name[st]);
        rc |= wb_set(wb, WB_EVIDENCE, id, "date", date);
        rc |= wb_set(wb, WB_EVIDENCE, id, "ref", ne->ref ? ne->ref : "");
        rc |= wb_set(wb, WB_EVIDENCE, id, "summary", ne->summary ? ne->summary : "");
        rc |= wb_set(wb, WB_EVIDENCE, id, "elements", buf_str(&el));
        rc |= wb_set(wb, WB_EVIDENCE, id, "indicators", buf_str(&ind));
        if (ne->revamps && *ne->revamps)
                rc |= wb_set(wb, WB_EVIDENCE, id, "revamps", ne->revamps);
        if (ne->rationale && *ne->rationale)
                rc |= wb_set(wb, WB_EVIDENCE, id, "rationale", ne->rationale);
        wb_end(wb);
        buf_free(&el), buf_free(&ind), buf_free(&all);
        if (rc) {
                diag_add(d, DIAG_ERROR, NULL, 0, "the entry could not be recorded");
                free(id);
                return NULL;
        }
        return id;
}

int wb_link(struct workbook *wb, const char *id, const char *refs, struct diag *d)
{
        long ei = wb_entry_by_id(wb, id);
        if (ei < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no entry %s", text_safe(id));
                return -1;
        }
        struct buf el = {0}, ind = {0}, m1 = {0}, m2 = {0};
        int rc = normalise_refs(wb, refs, &el, &ind, d);
        if (rc == 0) {
                const struct entry *e = &wb->entries[ei];
                merge_list(entry_get(wb, e, "elements"), buf_str(&el), &m1);
                merge_list(entry_get(wb, e, "indicators"), buf_str(&ind), &m2);
                wb_begin(wb);
                rc |= wb_set(wb, WB_EVIDENCE, id, "elements", buf_str(&m1));
                rc |= wb_set(wb, WB_EVIDENCE, id, "indicators", buf_str(&m2));
                wb_end(wb);
        }
        buf_free(&el), buf_free(&ind), buf_free(&m1), buf_free(&m2);
        return rc;
}

char *wb_revamp(struct workbook *wb, const char *planned_id, const char *summary, const char *date,
                struct diag *d)
{
        long pi = wb_entry_by_id(wb, planned_id);
        if (pi < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no entry %s", text_safe(planned_id));
                return NULL;
        }
        const struct entry *p = &wb->entries[pi];
        if (p->status != ST_PLANNED) {
                diag_add(d, DIAG_ERROR, NULL, 0, "%s is %s, not planned: only a plan is revamped",
                         text_safe(planned_id), ev_status_name[p->status]);
                return NULL;
        }
        char *el = xstrdup(entry_get(wb, p, "elements"));
        char *ind = xstrdup(entry_get(wb, p, "indicators"));
        char *ref = xstrdup(entry_get(wb, p, "ref"));
        char *sum = xstrdup(summary && *summary ? summary : entry_get(wb, p, "summary"));
        struct new_entry ne = {
            ev_status_name[ST_ACTUAL], date, ref, sum, el, ind, planned_id, NULL};
        char *id = wb_add_entry(wb, &ne, d);
        free(el), free(ind), free(ref), free(sum);
        return id;
}

/* --- deleting and editing rows ------------------------------------------ */

/* The actions of session sid that are not deleted, in sheet order (row numbers). */
static size_t session_actions(const struct workbook *wb, const char *sid, size_t **rows)
{
        const struct sheet *as = &wb->sheets[WB_ACTIONS];
        int sc = sheet_col(as, "session");
        size_t n = 0;
        *rows = NULL;
        for (size_t i = 0; i < as->nrows; i++) {
                if (as->rows[i].bad || wb_row_deleted(wb, WB_ACTIONS, i) ||
                    strcmp(sheet_get(as, i, sc), sid) != 0)
                        continue;
                *rows = xrealloc(*rows, (n + 1) * sizeof **rows);
                (*rows)[n++] = i;
        }
        return n;
}

size_t wb_delete_concerns(const struct workbook *wb, enum wb_sheet s, const char *id,
                          struct buf *why)
{
        size_t n = 0;
        if (s == WB_EVIDENCE) {
                long ei = wb_entry_by_id(wb, id);
                if (ei < 0)
                        return 0;
                const struct entry *e = &wb->entries[ei];
                const char *by = entry_get(wb, e, "signed_by");
                if (*by) {
                        const char *on = entry_get(wb, e, "signed_on");
                        buf_printf(why, "%s is signed off by %s%s%s", id, by, *on ? " on " : "",
                                   on);
                        n++;
                }
                for (size_t i = 0; i < wb->nentries; i++) {
                        if (wb->entries[i].revamps != ei)
                                continue;
                        buf_printf(why, "%s%s revamps it", n ? "; " : "",
                                   entry_get(wb, &wb->entries[i], "id"));
                        n++;
                }
        } else if (s == WB_SESSIONS && wb_find(wb, s, id) >= 0) {
                size_t *rows;
                size_t na = session_actions(wb, id, &rows);
                free(rows);
                if (na) {
                        buf_printf(why, "its %zu action%s go%s with it", na, na == 1 ? "" : "s",
                                   na == 1 ? "es" : "");
                        n++;
                }
        } else if (s == WB_SPEC && wb_find(wb, s, id) >= 0) {
                n += spec_row_users(wb, id, why);
        }
        return n;
}

/* Row row of sheet s made a tombstone, inside the caller's undo step: status
 * deleted first (it leaves the entries then), the day in its date column,
 * every other cell emptied, unknown columns too (what the row said goes with
 * it; undo brings it back). */
static void tombstone(struct workbook *wb, enum wb_sheet s, size_t row, const char *today)
{
        struct sheet *sh = &wb->sheets[s];
        const char *day = tombstone_day_col(s);
        char *id = xstrdup(sheet_get(sh, row, sheet_col(sh, wb_sheet_key[s])));
        wb_set(wb, s, id, "status", "deleted");
        if (day)
                wb_set(wb, s, id, day, today);
        for (unsigned c = 0; c < sh->ncols; c++) {
                const char *col = sh->cols[c];
                if (!*col || !strcmp(col, wb_sheet_key[s]) || !strcmp(col, "status") ||
                    (day && !strcmp(col, day)))
                        continue;
                if (*sheet_get(sh, (size_t)row_of(wb, s, id), (int)c)) {
                        char *name = xstrdup(col); /* wb_set may grow the header */
                        wb_set(wb, s, id, name, "");
                        free(name);
                }
        }
        free(id);
}

/* What a row of sheet s is called in a message. */
static const char *row_noun(enum wb_sheet s)
{
        switch (s) {
        case WB_EVIDENCE: return "entry";
        case WB_SESSIONS: return "session";
        case WB_ACTIONS: return "action";
        case WB_SPEC: return "requirement";
        case WB_PDP: return "development target";
        case WB_CPD: return "CPD activity";
        default: return "row";
        }
}

int wb_delete(struct workbook *wb, enum wb_sheet s, const char *id, struct diag *d)
{
        if (!sheet_has_tombstones(s)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "rows of %s are not deleted this way",
                         wb_sheet_file[s]);
                return -1;
        }
        if (s == WB_SPEC && strcmp(id, "whole") == 0) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "the whole specification is not deleted; empty its cells instead");
                return -1;
        }
        long row = wb_find(wb, s, id);
        if (row < 0 || (s == WB_EVIDENCE && wb_entry_by_id(wb, id) < 0)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no %s %s", row_noun(s), text_safe(id));
                return -1;
        }
        if (!wb->sheets[s].loaded) {
                diag_add(d, DIAG_ERROR, wb->sheets[s].path, 0,
                         "cannot delete: the sheet could not be read");
                return -1;
        }
        char today[11];
        date_today(today);
        wb_begin(wb);
        if (s == WB_SESSIONS) {
                size_t *rows;
                size_t na = session_actions(wb, id, &rows);
                for (size_t i = 0; i < na; i++)
                        tombstone(wb, WB_ACTIONS, rows[i], today);
                free(rows);
        }
        tombstone(wb, s, (size_t)row, today);
        wb_end(wb);
        return 0;
}

/* Sets the cells given (a NULL value: left as it is) of an existing row as one
 * undo step. */
static void set_fields(struct workbook *wb, enum wb_sheet s, const char *id,
                       const char *const *cols, const char *const *vals, size_t n)
{
        wb_begin(wb);
        for (size_t i = 0; i < n; i++)
                if (vals[i])
                        wb_set(wb, s, id, cols[i], vals[i]);
        wb_end(wb);
}

static bool date_or_empty(const char *v)
{
        return !v || !*v || date_valid(v);
}

int wb_session_edit(struct workbook *wb, const char *id, const struct session_fields *f,
                    struct diag *d)
{
        if (wb_find(wb, WB_SESSIONS, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no session %s", text_safe(id));
                return -1;
        }
        if (f->date && !date_valid(f->date)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "date \"%s\" is not YYYY-MM-DD",
                         text_safe(f->date));
                return -1;
        }
        static const char *const cols[] = {"date", "focus", "participants", "notes"};
        const char *vals[] = {f->date, f->focus, f->participants, f->notes};
        set_fields(wb, WB_SESSIONS, id, cols, vals, 4);
        return 0;
}

int wb_action_edit(struct workbook *wb, const char *id, const struct action_fields *f,
                   struct diag *d)
{
        if (wb_find(wb, WB_ACTIONS, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no action %s", text_safe(id));
                return -1;
        }
        if (f->session && *f->session && wb_find(wb, WB_SESSIONS, f->session) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no session %s", text_safe(f->session));
                return -1;
        }
        if (!date_or_empty(f->due)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "due date \"%s\" is not YYYY-MM-DD",
                         text_safe(f->due));
                return -1;
        }
        if (f->done && *f->done && !date_valid(f->done) && !str_ieq(f->done, "yes") &&
            !str_ieq(f->done, "no")) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "done \"%s\" is not a date (YYYY-MM-DD), yes or no", text_safe(f->done));
                return -1;
        }
        static const char *const cols[] = {"session", "objective",      "success_indicator",
                                           "due",     "responsibility", "done"};
        const char *vals[] = {f->session, f->objective,      f->success_indicator,
                              f->due,     f->responsibility, f->done};
        set_fields(wb, WB_ACTIONS, id, cols, vals, 6);
        return 0;
}

int wb_action_done(struct workbook *wb, const char *id, bool done, struct diag *d)
{
        char today[11];
        date_today(today);
        struct action_fields f = {0};
        f.done = done ? today : "";
        return wb_action_edit(wb, id, &f, d);
}

int wb_unit_set_notes(struct workbook *wb, int unit, const char *notes)
{
        if (unit < 0 || (size_t)unit >= wb->fw.nunits || !wb->sheets[WB_UNITS].loaded)
                return -1;
        return wb_set(wb, WB_UNITS, wb->fw.units[unit].code, "notes", notes ? notes : "");
}

int wb_unit_set_status(struct workbook *wb, int unit, enum unit_status st)
{
        if (unit < 0 || (size_t)unit >= wb->fw.nunits || st == US_UNKNOWN ||
            !wb->sheets[WB_UNITS].loaded)
                return -1;
        const char *code = wb->fw.units[unit].code;
        if (st == US_NONE && wb_find(wb, WB_UNITS, code) < 0)
                return 0;
        return wb_set(wb, WB_UNITS, code, "status", unit_status_name[st]);
}

/* --- the profile in workbook.ini --------------------------------------- */

void workbook_pathways_text(const struct framework *fw, struct buf *out)
{
        for (size_t i = 0; i < fw->npathways; i++)
                buf_printf(out, "%s%s", i ? ", " : "", fw->pathways[i].id);
        if (!fw->npathways)
                buf_adds(out, "(none: the capability framework could not be loaded)");
}

int workbook_set_profile(struct workbook *wb, const struct wb_profile *p, struct diag *d)
{
        if (!wb->ini_path) {
                diag_add(d, DIAG_ERROR, wb->dir, 0,
                         "opened from one evidence sheet: there is no workbook.ini to hold the "
                         "profile");
                return -1;
        }
        const char *keys[6], *vals[6];
        char **dst[6];
        size_t n = 0;
        const char *fields[6] = {p->name,  p->pathway,    p->stage,
                                 p->award, p->supervisor, p->assessor};
        char **mine[6] = {&wb->name,  &wb->pathway,    &wb->stage,
                          &wb->award, &wb->supervisor, &wb->assessor};
        static const char *const names[6] = {"candidate:name",       "candidate:pathway",
                                             "candidate:stage",      "candidate:award",
                                             "candidate:supervisor", "candidate:assessor"};
        char stage_code[16] = "";
        for (size_t i = 0; i < 6; i++) {
                if (!fields[i])
                        continue;
                const char *v = fields[i];
                if (i == 1 && fw_pathway_index(&wb->fw, v) < 0) {
                        struct buf known = {0};
                        workbook_pathways_text(&wb->fw, &known);
                        diag_add(d, DIAG_ERROR, NULL, 0,
                                 "unknown pathway \"%s\"; the pathways are %s", text_safe(v),
                                 buf_str(&known));
                        buf_free(&known);
                        return -1;
                }
                if (i == 2) {
                        int si = fw_stage_index(&wb->fw, v);
                        if (si < 0) {
                                diag_add(d, DIAG_ERROR, NULL, 0,
                                         "unknown stage \"%s\" (EM, ES or AC)", text_safe(v));
                                return -1;
                        }
                        snprintf(stage_code, sizeof stage_code, "%s", wb->fw.stages[si].code);
                        v = stage_code;
                }
                if (strpbrk(v, "\"\r\n")) {
                        diag_add(d, DIAG_ERROR, NULL, 0,
                                 "%s cannot hold a double quote or a line break",
                                 names[i] + strlen("candidate:"));
                        return -1;
                }
                keys[n] = names[i];
                vals[n] = v;
                dst[n] = mine[i];
                n++;
        }
        if (ini_write(wb->ini_path, keys, vals, n, wb->file_mode, d) < 0)
                return -1;
        for (size_t i = 0; i < n; i++) {
                free(*dst[i]);
                *dst[i] = xstrdup(vals[i]);
        }
        wb->stage_index = fw_stage_index(&wb->fw, wb->stage);
        if (wb->stage_index < 0)
                wb->stage_index = wb->fw.nstages ? (int)wb->fw.nstages - 1 : 0;
        wb->pathway_index = fw_pathway_index(&wb->fw, wb->pathway);
        return 0;
}

/* --- creating and finding workbooks -------------------------------------- */

static int write_new(const char *path, const char *text, unsigned mode, struct diag *d)
{
        char err[256];
        if (file_replace(path, text, strlen(text), mode, err, sizeof err) < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "not written: %s", err);
                return -1;
        }
        return 0;
}

static bool ini_value_ok(const char *v)
{
        return !strpbrk(v, "\"\r\n");
}

int workbook_create(const char *path, const char *name, const char *pathway, const char *stage,
                    const char *units, const struct wb_options *opt, struct diag *d)
{
        return workbook_create_shared(path, name, pathway, stage, units, opt, NULL, d);
}

/* The group of a new shared workbook: 0 and *gid, or -1 (reported). */
static int group_for_new(const char *group, gid_t *gid, struct diag *d)
{
        if (user_group_parse(group, gid) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no group \"%s\" on this system",
                         text_safe(group));
                return -1;
        }
        /* chown would refuse it anyway; this says why, and what would do */
        if (geteuid() != 0 && !user_in_group(*gid)) {
                char name[64];
                user_group_name(*gid, name, sizeof name);
                char *mine = user_group_names();
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "you are not in group %s, so a workbook cannot be shared with it "
                         "(your groups: %s)",
                         text_safe(name), text_safe(mine));
                free(mine);
                return -1;
        }
        return 0;
}

int workbook_create_shared(const char *path, const char *name, const char *pathway,
                           const char *stage, const char *units, const struct wb_options *opt,
                           const char *group, struct diag *d)
{
        unsigned mode = opt && opt->file_mode ? opt->file_mode : 0600;
        char *ini_path = path_join(path, "workbook.ini");
        char *ev_path = path_join(path, "evidence.csv");
        int rc = -1;
        struct framework fw;
        memset(&fw, 0, sizeof fw);
        struct buf ini = {0};
        bool shared = group && *group;
        gid_t gid = 0;
        if (path_exists(ini_path) || path_exists(ev_path)) {
                diag_add(d, DIAG_ERROR, path, 0, "already a workbook; not overwritten");
                goto out;
        }
        if (shared && group_for_new(group, &gid, d) < 0)
                goto out;
        if (!ini_value_ok(name) || !ini_value_ok(pathway) || !ini_value_ok(stage)) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "candidate, pathway and stage cannot hold a double quote or a line break");
                goto out;
        }
        if (framework_load(&fw, NULL, NULL, NULL, NULL, NULL, d) < 0)
                goto out;
        int si = fw_stage_index(&fw, stage);
        if (si < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "unknown stage \"%s\" (EM, ES or AC)",
                         text_safe(stage));
                goto out;
        }
        if (fw_pathway_index(&fw, pathway) < 0) {
                struct buf known = {0};
                workbook_pathways_text(&fw, &known);
                diag_add(d, DIAG_ERROR, NULL, 0, "unknown pathway \"%s\"; the pathways are %s",
                         text_safe(pathway), buf_str(&known));
                buf_free(&known);
                goto out;
        }
        struct strlist want = {0};
        for (size_t i = 0; i < fw.nunits; i++)
                if (fw.units[i].mandatory)
                        strlist_push(&want, fw.units[i].code);
        struct strlist given = {0};
        if (units) {
                char *u = xstrdup(units);
                for (char *p = u; *p; p++)
                        if (*p == ',')
                                *p = ';';
                strlist_split(&given, u);
                free(u);
        }
        bool bad = false;
        for (size_t i = 0; i < given.n; i++) {
                struct ref r;
                if (!ref_parse(&fw, given.v[i], &r) || r.kind != REF_UNIT) {
                        diag_add(d, DIAG_ERROR, NULL, 0, "unknown unit %s", text_safe(given.v[i]));
                        bad = true;
                        continue;
                }
                if (!strlist_has(&want, fw.units[r.unit].code))
                        strlist_push(&want, fw.units[r.unit].code);
        }
        strlist_free(&given);
        if (bad) {
                strlist_free(&want);
                goto out;
        }
        char err[256];
        if (shared && folder_create(path, &gid, err, sizeof err) < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "%s", err);
                strlist_free(&want);
                goto out;
        }
        if (!shared && !path_is_dir(path) && mkdir(path, 0700) < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "cannot create the folder: %s", strerror(errno));
                strlist_free(&want);
                goto out;
        }
        buf_printf(&ini,
                   "; capbook workbook\n[candidate]\nname = \"%s\"\npathway = \"%s\"\nstage = "
                   "%s\naward = \"\"\n\n[frameworks]\ncapabilities = sil\nstandards = "
                   "lmcs2008\nmapping = lmcs2008-sil\n",
                   name, pathway, fw.stages[si].code);
        struct wb_options o = {mode, opt && opt->excel_style};
        rc = write_new(ini_path, ini.s, mode, d);
        if (rc == 0) {
                struct workbook wb;
                if (workbook_open(&wb, path, &o, d) == 0) {
                        for (int s = 0; s < WB_RESOURCES; s++)
                                wb.sheets[s].dirty = true;
                        wb.clean_lost = true;
                        for (size_t i = 0; i < want.n; i++)
                                wb_set(&wb, WB_UNITS, want.v[i], "status",
                                       unit_status_name[US_PLANNED]);
                        rc = workbook_save(&wb, d);
                } else {
                        rc = -1;
                }
                workbook_free(&wb);
        }
        strlist_free(&want);
out:
        buf_free(&ini);
        framework_free(&fw);
        free(ini_path);
        free(ev_path);
        return rc;
}

static bool is_workbook_dir(const char *dir)
{
        char *p = path_join(dir, "workbook.ini");
        bool yes = path_exists(p);
        free(p);
        if (!yes) {
                p = path_join(dir, "evidence.csv");
                yes = path_exists(p);
                free(p);
        }
        return yes;
}

/* True, with the reason in out, if the user may not write in dir or may not
 * write one of the files in it (NULL-terminated names; those missing are
 * skipped: they would be created in the folder). */
static bool folder_readonly_why(const char *dir, const char *const *files, char *out, size_t n)
{
        if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) < 0 &&
            (errno == EACCES || errno == EROFS || errno == EPERM)) {
                user_path_why(dir, W_OK | X_OK, out, n);
                return true;
        }
        for (size_t i = 0; files[i]; i++) {
                char *p = path_join(dir, files[i]);
                bool denied_here = path_exists(p) && faccessat(AT_FDCWD, p, W_OK, AT_EACCESS) < 0 &&
                                   (errno == EACCES || errno == EROFS || errno == EPERM);
                if (denied_here) {
                        char why[256];
                        user_path_why(p, W_OK, why, sizeof why);
                        snprintf(out, n, "%s is not writable by you (%s)", files[i], why);
                }
                free(p);
                if (denied_here)
                        return true;
        }
        if (n)
                *out = '\0';
        return false;
}

bool workbook_readonly_reason(const struct workbook *wb, char *out, size_t n)
{
        const char *files[WB_NSHEETS + 1] = {NULL};
        size_t k = 0;
        for (int s = 0; s < WB_NSHEETS; s++) {
                const struct sheet *sh = &wb->sheets[s];
                if (sh->path && sh->exists && (s == WB_EVIDENCE || !wb->single_sheet))
                        files[k++] = path_basename(sh->path);
        }
        files[k] = NULL;
        return folder_readonly_why(wb->dir, files, out, n);
}

enum wb_access workbook_access(const char *dir, char *why, size_t n)
{
        char spare[8];
        if (!why) {
                why = spare;
                n = sizeof spare;
        }
        *why = '\0';
        struct stat sb;
        if (stat(dir, &sb) < 0) {
                if (errno == EACCES)
                        user_path_why(dir, R_OK | X_OK, why, n);
                else
                        snprintf(why, n, "%s", strerror(errno));
                return WB_ACCESS_NONE;
        }
        if (faccessat(AT_FDCWD, dir, R_OK | X_OK, AT_EACCESS) < 0) {
                user_path_why(dir, R_OK | X_OK, why, n);
                return WB_ACCESS_NONE;
        }
        char *ev = path_join(dir, "evidence.csv");
        bool ev_denied = path_exists(ev) && faccessat(AT_FDCWD, ev, R_OK, AT_EACCESS) < 0;
        if (ev_denied) {
                char w[256];
                user_path_why(ev, R_OK, w, sizeof w);
                snprintf(why, n, "evidence.csv is not readable by you (%s)", w);
        }
        free(ev);
        if (ev_denied)
                return WB_ACCESS_NONE;
        const char *files[WB_NSHEETS + 1];
        for (int s = 0; s < WB_NSHEETS; s++)
                files[s] = wb_sheet_file[s];
        files[WB_NSHEETS] = NULL;
        return folder_readonly_why(dir, files, why, n) ? WB_ACCESS_READ : WB_ACCESS_WRITE;
}

static int cmp_entry(const void *a, const void *b)
{
        return strcmp(((const struct caseload_entry *)a)->dir,
                      ((const struct caseload_entry *)b)->dir);
}

/* A caseload's entry name: a workbook, a folder or link the user may not look
 * into (listed, so that nobody is left out silently), or neither (false). */
static bool caseload_candidate(const char *caseload, const char *name, struct caseload_entry *e)
{
        char *p = path_join(caseload, name);
        struct stat sb, lsb;
        bool reached = stat(p, &sb) == 0;
        int serr = errno;
        bool link = lstat(p, &lsb) == 0 && S_ISLNK(lsb.st_mode);
        memset(e, 0, sizeof *e);
        e->dir = p;
        if (reached && !S_ISDIR(sb.st_mode))
                goto no;
        if (!reached && (!link || (serr != EACCES && serr != ENOENT)))
                goto no;
        if (!reached) {
                /* a link whose folder cannot be reached: say where it points */
                char target[PATH_MAX];
                ssize_t tn = readlink(p, target, sizeof target - 1);
                target[tn > 0 ? tn : 0] = '\0';
                char *abs = target[0] == '/' ? xstrdup(target) : path_join(caseload, target);
                if (serr == ENOENT)
                        snprintf(e->why, sizeof e->why, "it links to %s, which is not there",
                                 text_safe(target));
                else
                        user_path_why(abs, R_OK | X_OK, e->why, sizeof e->why);
                free(abs);
                e->access = WB_ACCESS_NONE;
                return true;
        }
        if (faccessat(AT_FDCWD, p, R_OK | X_OK, AT_EACCESS) < 0) {
                user_path_why(p, R_OK | X_OK, e->why, sizeof e->why);
                e->access = WB_ACCESS_NONE;
                return true;
        }
        if (!is_workbook_dir(p))
                goto no;
        e->access = workbook_access(p, e->why, sizeof e->why);
        return true;
no:
        free(p);
        e->dir = NULL;
        return false;
}

size_t workbook_caseload(const char *path, struct caseload_entry **out)
{
        *out = NULL;
        DIR *dp = opendir(path);
        if (!dp)
                return 0;
        size_t n = 0, readable_wbs = 0;
        struct dirent *de;
        while ((de = readdir(dp))) {
                if (de->d_name[0] == '.')
                        continue;
                struct caseload_entry e;
                if (!caseload_candidate(path, de->d_name, &e))
                        continue;
                readable_wbs += e.access != WB_ACCESS_NONE;
                *out = xrealloc(*out, (n + 1) * sizeof **out);
                (*out)[n++] = e;
        }
        closedir(dp);
        if (!readable_wbs) { /* folders no one may look into do not make a caseload */
                workbook_caseload_free(*out, n);
                *out = NULL;
                return 0;
        }
        qsort(*out, n, sizeof **out, cmp_entry);
        return n;
}

void workbook_caseload_free(struct caseload_entry *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i].dir);
        free(v);
}

size_t workbook_list_caseload(const char *path, char ***dirs)
{
        struct caseload_entry *v;
        size_t n = workbook_caseload(path, &v);
        *dirs = n ? xcalloc(n, sizeof **dirs) : NULL;
        for (size_t i = 0; i < n; i++)
                (*dirs)[i] = v[i].dir;
        free(v);
        return n;
}

bool workbook_is_caseload(const char *path)
{
        if (!path_is_dir(path) || is_workbook_dir(path))
                return false;
        struct caseload_entry *v;
        size_t n = workbook_caseload(path, &v);
        workbook_caseload_free(v, n);
        return n > 0;
}
