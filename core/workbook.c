/* workbook.c — opening, checking, editing and saving a workbook. Sheets are kept
 * as read (unknown columns, bad rows); entries are derived from the evidence
 * rows and re-derived after each edit. */
#include "core/workbook.h"
#include "core/conflict.h"
#include "core/fileio.h"
#include "core/ini.h"
#include "core/lock.h"
#include "core/text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Evidence rows from which entries are derived while the ids are indexed. */
#ifndef DERIVE_THREAD_MIN
#define DERIVE_THREAD_MIN 4096
#endif

const char *const wb_sheet_file[WB_NSHEETS] = {"evidence.csv", "units.csv", "sessions.csv",
                                               "actions.csv", "resources.csv"};
static const char *const key_col[WB_NSHEETS] = {"id", "unit", "id", "id", "ref"};
static const char *const id_prefix[WB_NSHEETS] = {"E", "", "S", "AP", ""};
static const char *const cols_evidence[] = {"id",        "status",    "date",       "ref",
                                            "summary",   "elements",  "indicators", "revamps",
                                            "rationale", "signed_by", "signed_on"};
static const char *const cols_units[] = {"unit", "status", "notes"};
static const char *const cols_sessions[] = {"id", "date", "focus", "participants", "notes"};
static const char *const cols_actions[] = {
    "id", "session", "objective", "success_indicator", "due", "responsibility", "done"};
static const char *const cols_resources[] = {"ref", "title", "address", "notes"};
static const char *const *const sheet_cols[WB_NSHEETS] = {cols_evidence, cols_units, cols_sessions,
                                                          cols_actions, cols_resources};
static const unsigned sheet_ncols[WB_NSHEETS] = {11, 3, 5, 7, 4};

const char *const ev_status_name[] = {"planned", "actual", "needs-update", "na", "unknown"};
const char *const unit_status_name[] = {"",         "planned",         "in-progress",
                                        "achieved", "credit-transfer", "unknown"};

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

long wb_find(const struct workbook *wb, enum wb_sheet s, const char *id)
{
        int r = strmap_get(&wb->ids[s], id);
        return r;
}

long wb_entry_by_id(const struct workbook *wb, const char *id)
{
        long row = wb_find(wb, WB_EVIDENCE, id);
        if (row < 0 || !wb->row_entry)
                return -1;
        return wb->row_entry[row];
}

static unsigned id_number(const char *id, const char *prefix)
{
        size_t pl = strlen(prefix);
        if (strncmp(id, prefix, pl) != 0 || !isdigit((unsigned char)id[pl]))
                return 0;
        char *end;
        unsigned long n = strtoul(id + pl, &end, 10);
        return *end ? 0 : (unsigned)n;
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
        struct ref *v;
        size_t n, cap;
};

static void refvec_push(struct refvec *rv, const struct ref *r)
{
        if (rv->n == rv->cap) {
                rv->cap = rv->cap ? rv->cap * 2 : 4;
                rv->v = xbig_realloc(rv->v, rv->n * sizeof *rv->v, rv->cap * sizeof *rv->v);
        }
        rv->v[rv->n++] = *r;
}

/* Sets e->status and e->nunknown from the entry's cells and appends its resolved
 * references to rv (e->nrefs of them); e->refs is left to the caller. */
static void entry_derive_into(struct workbook *wb, struct entry *e, const struct ev_cols *ec,
                              struct refvec *rv)
{
        const struct sheet *sh = &wb->sheets[WB_EVIDENCE];
        e->status = ev_status_parse(sheet_get(sh, e->row, ec->status));
        e->nrefs = e->nunknown = 0;
        const char *cols[2] = {sheet_get(sh, e->row, ec->elements),
                               sheet_get(sh, e->row, ec->indicators)};
        for (int c = 0; c < 2; c++) {
                const char *p = cols[c];
                while (*p) {
                        while (*p == ' ' || *p == '\t' || *p == ';')
                                p++;
                        const char *q = p;
                        while (*q && *q != ';')
                                q++;
                        const char *end = q;
                        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
                                end--;
                        if (end > p) {
                                char code[64];
                                size_t n = (size_t)(end - p) < sizeof code - 1 ? (size_t)(end - p)
                                                                               : sizeof code - 1;
                                memcpy(code, p, n);
                                code[n] = '\0';
                                struct ref r;
                                if (ref_parse(&wb->fw, code, &r) &&
                                    (size_t)(end - p) < sizeof code) {
                                        refvec_push(rv, &r);
                                        e->nrefs++;
                                } else {
                                        e->nunknown++;
                                }
                        }
                        p = q;
                }
        }
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
        const char *raw = sheet_row_raw(&wb->sheets[s], r);
        for (size_t i = 0; i + pl < r->raw_len; i++) {
                if (i > 0 && raw[i - 1] != ',' && raw[i - 1] != '"')
                        continue;
                if (strncmp(raw + i, pre, pl) != 0 || !isdigit((unsigned char)raw[i + pl]))
                        continue;
                unsigned long n = 0;
                size_t j = i + pl;
                while (j < r->raw_len && isdigit((unsigned char)raw[j]) && n < 100000000UL)
                        n = n * 10 + (unsigned long)(raw[j++] - '0');
                if (j < r->raw_len && raw[j] != ',' && raw[j] != '"' && raw[j] != '\r' &&
                    raw[j] != '\n')
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
        strmap_free(&wb->ids[s]);
        int kc = sheet_col(sh, key_col[s]);
        if (sh->loaded && sh->exists && kc < 0 && s != WB_RESOURCES && sh->nrows) {
                diag_add(d, DIAG_ERROR, sh->path, sh->header.line ? sh->header.line : 1,
                         "no \"%s\" column; rows cannot be told apart", key_col[s]);
        }
        if (sh->loaded && sh->exists && sh->nrows)
                renamed_column(sh, s, d);
        if (kc >= 0)
                strmap_reserve(&wb->ids[s], sh->nrows);
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad) {
                        note_raw_ids(wb, s, &sh->rows[i]);
                        continue;
                }
                const char *id = sheet_get(sh, i, kc);
                if (s == WB_RESOURCES) {
                        if (*id)
                                strmap_add(&wb->ids[s], id, (int)i); /* the first row kept */
                        continue;
                }
                if (!*id) {
                        if (kc >= 0)
                                diag_add(d, DIAG_ERROR, sh->path, sh->rows[i].line,
                                         "row has no %s; kept as it is", key_col[s]);
                        mark_bad(sh, i, later);
                        continue;
                }
                if (strmap_add(&wb->ids[s], id, (int)i) >= 0) {
                        diag_add(d, DIAG_ERROR, sh->path, sh->rows[i].line,
                                 "%s %s appears twice; this row is kept as it is", key_col[s],
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
                if (sh->rows[i].bad)
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
        size_t at = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                struct entry e = wb->entries[i]; /* zero for a row bad when derived */
                size_t first = at;
                at += e.nrefs;
                wb->row_entry[i] = -1;
                if (sh->rows[i].bad)
                        continue;
                e.refs = e.nrefs ? j->rv.v + first : NULL;
                e.refs_pooled = e.nrefs > 0;
                wb->entries[wb->nentries] = e;
                wb->row_entry[i] = (long)wb->nentries++;
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

/* workbook.ini's keys, in the order of wb_known_keys */
enum { K_NAME, K_PATHWAY, K_STAGE, K_AWARD, K_SUPERVISOR, K_CAPS, K_STD, K_MAP, K_N };
static const char *const wb_known_keys[K_N + 1] = {
    "candidate:name",       "candidate:pathway",    "candidate:stage",
    "candidate:award",      "candidate:supervisor", "frameworks:capabilities",
    "frameworks:standards", "frameworks:mapping",   NULL};

/* Unknown keys named one by one; the rest are counted. */
#define UNKNOWN_KEYS_SHOWN 10

/* lines: where each of wb_known_keys was written (0: not written) */
static void read_meta(struct workbook *wb, unsigned *lines, struct diag *d)
{
        struct ini ini;
        bool have =
            wb->ini_path && ini_load(&ini, wb->ini_path, INI_QUIET_MISSING | INI_NOFOLLOW, d) == 0;
        const struct ini *ip = have ? &ini : NULL;
        meta_set(&wb->name, ip, "candidate:name", "");
        meta_set(&wb->pathway, ip, "candidate:pathway", "manager");
        meta_set(&wb->stage, ip, "candidate:stage", "AC");
        meta_set(&wb->award, ip, "candidate:award", "");
        meta_set(&wb->supervisor, ip, "candidate:supervisor", "");
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
                                    "unknown key %s ignored (workbook.ini holds only [candidate] "
                                    "and [frameworks])",
                                    text_safe(ini.keys[i].name));
                }
                if (unknown > UNKNOWN_KEYS_SHOWN)
                        diag_add(d, DIAG_WARN, wb->ini_path, 0, "%u more unknown keys ignored",
                                 unknown - UNKNOWN_KEYS_SHOWN);
                ini_free(&ini);
        }
}

static void sheet_open_or_new(struct workbook *wb, enum wb_sheet s, const char *path,
                              bool may_create, struct diag *d)
{
        struct sheet *sh = &wb->sheets[s];
        if (path && path_exists(path)) {
                sheet_load(sh, path, d);
                return;
        }
        char *p = path ? xstrdup(path) : path_join(wb->dir, wb_sheet_file[s]);
        sheet_init_new(sh, p, sheet_cols[s], sheet_ncols[s], wb->excel_style);
        free(p);
        sh->dirty = false;
        sh->loaded = may_create; /* a sheet we may create on first save */
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
                diag_add(d, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
                return -1;
        }
        char *evpath;
        if (S_ISDIR(sb.st_mode)) {
                wb->dir = xstrdup(path);
                wb->ini_path = path_join(path, "workbook.ini");
                evpath = path_join(path, "evidence.csv");
                if (!path_exists(wb->ini_path) && !path_exists(evpath)) {
                        diag_add(d, DIAG_ERROR, path, 0,
                                 "not a workbook: no workbook.ini or evidence.csv here");
                        free(evpath);
                        return -1;
                }
        } else if (!S_ISREG(sb.st_mode)) {
                diag_add(d, DIAG_ERROR, path, 0, "%s", file_strerror(FILE_E_NOTREG));
                return -1;
        } else {
                wb->single_sheet = true;
                wb->dir = path_dirname(path);
                evpath = xstrdup(path);
        }
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
                for (size_t i = 0; i < wb->fw.npathways; i++)
                        buf_printf(&known, "%s%s", i ? ", " : "", wb->fw.pathways[i].id);
                diag_add(d, DIAG_WARN, wb->ini_path, lines[K_PATHWAY],
                         "unknown pathway \"%s\" (kept as written; the pathways are %s)",
                         text_safe(wb->pathway), known.s);
                buf_free(&known);
        }
        sheet_open_or_new(wb, WB_EVIDENCE, evpath, true, d);
        free(evpath);
        /* an evidence sheet that cannot be read at all (a directory, an .xlsx, UTF-16)
         * is no workbook to work on: unreadable input, as the manual's exit 2 says */
        if (!wb->sheets[WB_EVIDENCE].loaded)
                return -1;
        for (int s = WB_UNITS; s < WB_NSHEETS; s++) {
                char *p = path_join(wb->dir, wb_sheet_file[s]);
                sheet_open_or_new(wb, (enum wb_sheet)s, wb->single_sheet ? NULL : p,
                                  !wb->single_sheet, d);
                free(p);
        }
        for (int s = 0; s < WB_NSHEETS; s++)
                wb->next_id[s] = 1;
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

static void renumbered_clear(struct workbook *wb);

void workbook_free(struct workbook *wb)
{
        free_entries(wb);
        renumbered_clear(wb);
        for (int s = 0; s < WB_NSHEETS; s++) {
                sheet_free(&wb->sheets[s]);
                strmap_free(&wb->ids[s]);
        }
        framework_free(&wb->fw);
        for (size_t i = 0; i < wb->nundo; i++) {
                free(wb->undo[i].id), free(wb->undo[i].col);
                free(wb->undo[i].before), free(wb->undo[i].after);
        }
        free(wb->undo);
        free(wb->dir), free(wb->ini_path), free(wb->name), free(wb->pathway), free(wb->stage);
        free(wb->award), free(wb->supervisor), free(wb->fw_caps), free(wb->fw_std);
        free(wb->fw_map);
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

/* The date in column col (an index) of a row; col_name for the message. */
static void check_date_at(const struct sheet *sh, size_t row, int col, const char *col_name,
                          bool required, struct diag *d)
{
        const char *v = sheet_get(sh, row, col);
        if ((*v || required) && !date_valid(v))
                diag_add(d, DIAG_WARN, sh->path, sh->rows[row].line,
                         "%s \"%s\" is not a date (YYYY-MM-DD)", col_name, text_safe(v));
}

static void check_date(const struct sheet *sh, size_t row, const char *col, bool required,
                       struct diag *d)
{
        check_date_at(sh, row, sheet_col(sh, col), col, required, d);
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
        conflict_check(wb, d);
        if (!wb->single_sheet)
                check_lock_file(wb, d);
        const struct sheet *ev = &wb->sheets[WB_EVIDENCE];
        /* the columns looked up once, not for every entry */
        int c_status = sheet_col(ev, "status"), c_rationale = sheet_col(ev, "rationale");
        int c_date = sheet_col(ev, "date"), c_signed_on = sheet_col(ev, "signed_on");
        int c_revamps = sheet_col(ev, "revamps");
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                unsigned line = ev->rows[e->row].line;
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
                        if (e->revamps < 0)
                                diag_add(d, DIAG_WARN, ev->path, line,
                                         "revamps %s, which is not an entry here", text_safe(rv));
                        else if (wb->entries[e->revamps].status != ST_PLANNED)
                                diag_add(d, DIAG_NOTE, ev->path, line,
                                         "revamps %s, which is no longer planned", text_safe(rv));
                }
        }
        const struct sheet *us = &wb->sheets[WB_UNITS];
        for (size_t i = 0; i < us->nrows; i++) {
                if (us->rows[i].bad)
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
                if (!ss->rows[i].bad)
                        check_date(ss, i, "date", true, d);
        const struct sheet *as = &wb->sheets[WB_ACTIONS];
        for (size_t i = 0; i < as->nrows; i++) {
                if (as->rows[i].bad)
                        continue;
                check_date(as, i, "due", false, d);
                const char *sess = sheet_get(as, i, sheet_col(as, "session"));
                if (*sess && wb_find(wb, WB_SESSIONS, sess) < 0)
                        diag_add(d, DIAG_WARN, as->path, as->rows[i].line,
                                 "action of session %s, which is not in sessions.csv",
                                 text_safe(sess));
                const char *done = sheet_get(as, i, sheet_col(as, "done"));
                if (*done && !date_valid(done) && !str_ieq(done, "yes") && !str_ieq(done, "no"))
                        diag_add(d, DIAG_WARN, as->path, as->rows[i].line,
                                 "done \"%s\" is not a date (YYYY-MM-DD), yes or no",
                                 text_safe(done));
        }
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
        int kc = sheet_col(sh, key_col[s]);
        for (size_t i = 0; kc >= 0 && i < sh->nrows; i++)
                if (!sh->rows[i].bad && strcmp(sheet_get(sh, i, kc), from) == 0)
                        sheet_set(sh, i, kc, to);
        for (size_t k = 0; k < sizeof id_refs / sizeof *id_refs; k++) {
                if (id_refs[k].to != s)
                        continue;
                struct sheet *rs = &wb->sheets[id_refs[k].from];
                int rc = sheet_col(rs, id_refs[k].col),
                    rk = sheet_col(rs, key_col[id_refs[k].from]);
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
        int kc = sheet_col(sh, key_col[s]);
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
                const char *raw = sheet_row_raw(sh, r);
                for (size_t k = 0; k + pl < r->raw_len; k++) {
                        if (k > 0 && raw[k - 1] != ',' && raw[k - 1] != '"')
                                continue;
                        if (strncmp(raw + k, pre, pl) != 0 || !isdigit((unsigned char)raw[k + pl]))
                                continue;
                        unsigned long n = 0;
                        size_t j = k + pl;
                        while (j < r->raw_len && isdigit((unsigned char)raw[j]) && n < 100000000UL)
                                n = n * 10 + (unsigned long)(raw[j++] - '0');
                        if (j < r->raw_len && raw[j] != ',' && raw[j] != '"' && raw[j] != '\r' &&
                            raw[j] != '\n')
                                continue;
                        char id[32];
                        snprintf(id, sizeof id, "%s%lu", pre, n);
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
        int kc = sheet_col(ours, key_col[s]);
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
                snprintf(to, sizeof to, "%s%u", id_prefix[s], next);
                struct wb_edit e = {
                    s, clash.v[i], (char *)key_col[s], clash.v[i], to, wb->group, false, true};
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
        sheet_load_mem(&base, ours->path, ours->data ? ours->data : "", ours->len, &quiet);
        diag_free(&quiet);
        int bkc = sheet_col(&base, key_col[s]), tkc = sheet_col(&theirs, key_col[s]);
        struct strmap tids = {0}, bids = {0};
        for (size_t i = 0; i < base.nrows; i++)
                if (!base.rows[i].bad && bkc >= 0)
                        strmap_put(&bids, sheet_get(&base, i, bkc), (int)i);
        if (renumber_added(wb, s, &bids, &theirs, d) < 0) {
                strmap_free(&bids);
                sheet_free(&base);
                sheet_free(&theirs);
                return -1;
        }
        for (size_t i = 0; i < theirs.nrows; i++)
                if (!theirs.rows[i].bad && tkc >= 0)
                        strmap_put(&tids, sheet_get(&theirs, i, tkc), (int)i);
        int okc = sheet_col(ours, key_col[s]);
        const char *sheet_name = path_basename(ours->path);
        struct conflict *found = NULL;
        size_t nfound = 0, applied = 0;
        for (size_t i = 0; i < ours->nrows && okc >= 0; i++) {
                const struct sheet_row *r = &ours->rows[i];
                if (r->bad || !r->dirty)
                        continue;
                const char *id = sheet_get(ours, i, okc);
                int brow = strmap_get(&bids, id), trow = strmap_get(&tids, id);
                bool removed = brow >= 0 && trow < 0; /* changed here, removed on disk */
                if (trow < 0 && !removed) {
                        trow = (int)sheet_append(&theirs);
                        sheet_set(&theirs, (size_t)trow, sheet_ensure_col(&theirs, key_col[s]), id);
                }
                for (unsigned c = 0; c < ours->ncols; c++) {
                        const char *col = ours->cols[c];
                        if (!*col || (int)c == okc)
                                continue;
                        const char *ov = sheet_get(ours, i, (int)c);
                        const char *bv =
                            brow >= 0 ? sheet_get(&base, (size_t)brow, sheet_col(&base, col)) : "";
                        if (strcmp(ov, bv) == 0)
                                continue;
                        const char *tv =
                            trow >= 0 ? sheet_get(&theirs, (size_t)trow, sheet_col(&theirs, col))
                                      : "";
                        if (!removed && strcmp(tv, ov) == 0)
                                continue;
                        if (removed || strcmp(tv, bv) != 0) {
                                /* both changed it (or the row went on disk): the disk's value
                                 * stays in the sheet, ours is set aside */
                                found = xrealloc(found, (nfound + 1) * sizeof *found);
                                conflict_fill(&found[nfound++], sheet_name, id, col, bv, tv, ov,
                                              removed ? "save (the row was removed on disk)"
                                                      : "save");
                                continue;
                        }
                        sheet_set(&theirs, (size_t)trow, sheet_ensure_col(&theirs, col), ov);
                        applied++;
                }
        }
        strmap_free(&tids);
        strmap_free(&bids);
        sheet_free(&base);
        /* what is set aside is recorded before the sheet takes the disk's values:
         * if it cannot be, nothing is saved and ours stays open (and journalled) */
        if (nfound && conflict_append(wb->dir, found, nfound, d) < 0) {
                diag_add(d, DIAG_ERROR, ours->path, 0,
                         "changed on disk since capbook read it, and %zu field%s changed on both "
                         "sides could not be set aside; not saved: your changes are still open",
                         nfound, nfound == 1 ? "" : "s");
                for (size_t k = 0; k < nfound; k++)
                        conflict_free(&found[k]);
                free(found);
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
                conflict_free(&found[k]);
        }
        free(found);
        free(record);
        diag_add(d, DIAG_NOTE, ours->path, 0,
                 "changed on disk since capbook read it; your %zu change%s applied to that "
                 "version",
                 applied, applied == 1 ? " is" : "s are");
        theirs.dirty = true;
        sheet_free(ours);
        *ours = theirs;
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
        renumbered_clear(wb);
        conflict_import_mine(wb, d);
        for (int s = 0; s < WB_NSHEETS; s++) {
                struct sheet *sh = &wb->sheets[s];
                if (!sh->loaded || !sh->dirty)
                        continue;
                if (sheet_changed_on_disk(sh) && merge_outside(wb, (enum wb_sheet)s, d) < 0) {
                        rc = -1;
                        continue;
                }
                if (sheet_save(sh, wb->file_mode, false, d) < 0)
                        rc = -1;
        }
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
        long row = wb_find(wb, s, id);
        *created = false;
        if (row < 0) {
                row = (long)sheet_append(sh);
                int kc = sheet_ensure_col(sh, key_col[s]);
                sheet_set(sh, (size_t)row, kc, id);
                strmap_put(&wb->ids[s], id, (int)row);
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
                        e->row = (size_t)row;
                        e->revamps = -1;
                        wb->row_entry[row] = (long)wb->nentries++;
                }
        }
        int c = sheet_ensure_col(sh, col);
        sheet_set(sh, (size_t)row, c, value);
        if (s == WB_EVIDENCE) {
                struct entry *e = &wb->entries[wb->row_entry[row]];
                entry_derive(wb, e);
                const char *rv = entry_get(wb, e, "revamps");
                e->revamps = *rv ? (int)wb_entry_by_id(wb, rv) : -1;
        }
        wb->dirty = true;
        return 0;
}

int wb_set(struct workbook *wb, enum wb_sheet s, const char *id, const char *col, const char *value)
{
        long row = wb_find(wb, s, id);
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

void wb_set_row(struct workbook *wb, enum wb_sheet s, const char *id, const char *cells[][2],
                size_t n)
{
        wb_begin(wb);
        for (size_t i = 0; i < n; i++)
                wb_set(wb, s, id, cells[i][0], cells[i][1] ? cells[i][1] : "");
        wb_end(wb);
}

char *wb_new_id(struct workbook *wb, enum wb_sheet s)
{
        char id[32];
        snprintf(id, sizeof id, "%s%u", id_prefix[s], wb->next_id[s]);
        return xstrdup(id);
}

static void remove_row(struct workbook *wb, enum wb_sheet s, const char *id)
{
        long row = wb_find(wb, s, id);
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
        const char *status = ne->status && *ne->status ? ne->status : "actual";
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
        struct new_entry ne = {"actual", date, ref, sum, el, ind, planned_id, NULL};
        char *id = wb_add_entry(wb, &ne, d);
        free(el), free(ind), free(ref), free(sum);
        return id;
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
        unsigned mode = opt && opt->file_mode ? opt->file_mode : 0600;
        char *ini_path = path_join(path, "workbook.ini");
        char *ev_path = path_join(path, "evidence.csv");
        int rc = -1;
        struct framework fw;
        memset(&fw, 0, sizeof fw);
        struct buf ini = {0};
        if (path_exists(ini_path) || path_exists(ev_path)) {
                diag_add(d, DIAG_ERROR, path, 0, "already a workbook; not overwritten");
                goto out;
        }
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
        if (fw_pathway_index(&fw, pathway) < 0)
                diag_add(d, DIAG_WARN, NULL, 0,
                         "pathway \"%s\" is not in the frameworks; kept as given",
                         text_safe(pathway));
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
        if (!path_is_dir(path) && mkdir(path, 0700) < 0) {
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
                                wb_set(&wb, WB_UNITS, want.v[i], "status", "planned");
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

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t workbook_list_caseload(const char *path, char ***dirs)
{
        *dirs = NULL;
        DIR *dp = opendir(path);
        if (!dp)
                return 0;
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(dp))) {
                if (de->d_name[0] == '.')
                        continue;
                char *p = path_join(path, de->d_name);
                if (path_is_dir(p) && is_workbook_dir(p)) {
                        *dirs = xrealloc(*dirs, (n + 1) * sizeof **dirs);
                        (*dirs)[n++] = p;
                } else {
                        free(p);
                }
        }
        closedir(dp);
        if (n)
                qsort(*dirs, n, sizeof **dirs, cmp_str);
        return n;
}

bool workbook_is_caseload(const char *path)
{
        if (!path_is_dir(path) || is_workbook_dir(path))
                return false;
        char **dirs;
        size_t n = workbook_list_caseload(path, &dirs);
        for (size_t i = 0; i < n; i++)
                free(dirs[i]);
        free(dirs);
        return n > 0;
}
