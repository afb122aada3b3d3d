/* conflict.c — the conflict record (see conflict.h). It is a CSV sheet like the
 * others, written whole with file_replace, so a crash leaves it old or new. */
#include "core/conflict.h"
#include "core/user.h"
#include "core/fileio.h"
#include "core/lock.h"
#include "core/sheet.h"
#include "core/strmap.h"
#include "core/text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const conflict_cols[] = {"sheet",   "id",   "field",  "base",
                                            "on_disk", "mine", "source", "when"};
enum { CC_SHEET, CC_ID, CC_FIELD, CC_BASE, CC_ON_DISK, CC_MINE, CC_SOURCE, CC_WHEN, CC_N };

/* The record is private: created so, and kept so (file_replace never widens). */
#define CONFLICT_MODE 0600

char *conflict_path(const char *dir)
{
        char login[64], name[128];
        user_login_for_file(login, sizeof login);
        snprintf(name, sizeof name, "%s-%s.csv", CONFLICT_PREFIX, login);
        return path_join(dir, name);
}

static char **conflict_field(struct conflict *c, int col)
{
        char **f[CC_N] = {&c->sheet,   &c->id,   &c->field,  &c->base,
                          &c->on_disk, &c->mine, &c->source, &c->when};
        return f[col];
}

static const char *conflict_value(const struct conflict *c, int col)
{
        const char *v = *conflict_field((struct conflict *)c, col);
        return v ? v : "";
}

void conflict_free(struct conflict *c)
{
        for (int i = 0; i < CC_N; i++)
                free(*conflict_field(c, i));
        free(c->file);
        memset(c, 0, sizeof *c);
}

void conflict_list_free(struct conflict_list *l)
{
        for (size_t i = 0; i < l->n; i++)
                conflict_free(&l->v[i]);
        free(l->v);
        memset(l, 0, sizeof *l);
}

static void now_text(char out[32])
{
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

void conflict_fill(struct conflict *c, const char *sheet, const char *id, const char *field,
                   const char *base, const char *on_disk, const char *mine, const char *source)
{
        memset(c, 0, sizeof *c);
        char when[32];
        now_text(when);
        const char *v[CC_N] = {sheet, id, field, base, on_disk, mine, source, when};
        for (int i = 0; i < CC_N; i++)
                *conflict_field(c, i) = xstrdup(v[i] ? v[i] : "");
}

static bool is_record_name(const char *name)
{
        size_t n = strlen(name), pl = strlen(CONFLICT_PREFIX);
        return n > pl + 4 && strncmp(name, CONFLICT_PREFIX, pl) == 0 &&
               strcmp(name + n - 4, ".csv") == 0;
}

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The record files in dir, sorted; n in *n (caller frees each and the array). */
static char **record_files(const char *dir, size_t *n)
{
        *n = 0;
        DIR *dp = opendir(dir);
        if (!dp)
                return NULL;
        char **v = NULL;
        for (struct dirent *de; (de = readdir(dp));) {
                if (!is_record_name(de->d_name))
                        continue;
                v = xrealloc(v, (*n + 1) * sizeof *v);
                v[(*n)++] = path_join(dir, de->d_name);
        }
        closedir(dp);
        if (*n)
                qsort(v, *n, sizeof *v, cmp_str);
        return v;
}

/* Reads one record into l; -1 if it cannot be read (the reason in d, unless it
 * is another user's private record). */
static int read_record(const char *path, struct conflict_list *l, struct diag *d)
{
        struct sheet sh;
        struct diag quiet = {0};
        int rc = sheet_load(&sh, path, &quiet);
        if (rc < 0) {
                struct stat sb;
                bool others = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
                              sb.st_uid != geteuid() && access(path, R_OK) != 0;
                if (!others)
                        for (size_t i = 0; i < quiet.n; i++)
                                diag_add(d, quiet.v[i].level, quiet.v[i].file, quiet.v[i].line,
                                         "%s", quiet.v[i].msg);
                diag_free(&quiet);
                sheet_free(&sh);
                return -1;
        }
        diag_free(&quiet);
        int col[CC_N];
        for (int i = 0; i < CC_N; i++)
                col[i] = sheet_col(&sh, conflict_cols[i]);
        if (col[CC_SHEET] < 0 || col[CC_ID] < 0 || col[CC_FIELD] < 0) {
                diag_add(d, DIAG_ERROR, path, sh.header.line ? sh.header.line : 1,
                         "not a conflict record: no sheet, id and field columns");
                sheet_free(&sh);
                return -1;
        }
        for (size_t r = 0; r < sh.nrows; r++) {
                if (sh.rows[r].bad) {
                        diag_add(d, DIAG_WARN, path, sh.rows[r].line,
                                 "a conflict that cannot be read; kept as it is");
                        continue;
                }
                if (l->n == l->cap) {
                        l->cap = l->cap ? l->cap * 2 : 8;
                        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
                }
                struct conflict *c = &l->v[l->n++];
                memset(c, 0, sizeof *c);
                for (int i = 0; i < CC_N; i++)
                        *conflict_field(c, i) = xstrdup(sheet_get(&sh, r, col[i]));
                c->file = xstrdup(path);
                c->line = sh.rows[r].line;
        }
        sheet_free(&sh);
        return 0;
}

size_t conflict_read_all(const char *dir, struct conflict_list *l, struct diag *d)
{
        size_t n, before = l->n;
        char **files = record_files(dir, &n);
        for (size_t i = 0; i < n; i++) {
                read_record(files[i], l, d);
                free(files[i]);
        }
        free(files);
        return l->n - before;
}

static bool same_conflict(const struct conflict *a, const struct conflict *b, bool with_when)
{
        for (int i = 0; i < CC_N; i++)
                if ((i != CC_WHEN || with_when) &&
                    strcmp(conflict_value(a, i), conflict_value(b, i)) != 0)
                        return false;
        return true;
}

/* This user's record as a sheet: read when it is there (and theirs), else new. */
static int own_record(const char *path, struct sheet *sh, struct diag *d)
{
        struct stat sb;
        if (lstat(path, &sb) < 0) {
                sheet_init_new(sh, path, conflict_cols, CC_N, false);
                return 0;
        }
        if (S_ISREG(sb.st_mode) && sb.st_uid != geteuid()) {
                diag_add(d, DIAG_ERROR, path, 0,
                         "belongs to another user (uid %u); capbook does not write to it",
                         (unsigned)sb.st_uid);
                return -1;
        }
        if (sheet_load(sh, path, d) < 0) {
                sheet_free(sh);
                return -1;
        }
        for (int i = 0; i < CC_N; i++)
                sheet_ensure_col(sh, conflict_cols[i]);
        return 0;
}

static int write_record(struct sheet *sh, struct diag *d)
{
        struct buf out = {0};
        sheet_encode(sh, &out);
        char err[256];
        int rc =
            file_replace(sh->path, out.s ? out.s : "", out.len, CONFLICT_MODE, err, sizeof err);
        if (rc < 0)
                diag_add(d, DIAG_ERROR, sh->path, 0, "not written: %s", err);
        buf_free(&out);
        return rc;
}

int conflict_append(const char *dir, const struct conflict *c, size_t n, struct diag *d)
{
        if (!n)
                return 0;
        char *path = conflict_path(dir);
        struct sheet sh;
        if (own_record(path, &sh, d) < 0) {
                free(path);
                return -1;
        }
        free(path);
        int col[CC_N];
        for (int i = 0; i < CC_N; i++)
                col[i] = sheet_col(&sh, conflict_cols[i]);
        bool added = false;
        for (size_t k = 0; k < n; k++) {
                bool there = false;
                for (size_t r = 0; r < sh.nrows && !there; r++) {
                        if (sh.rows[r].bad)
                                continue;
                        struct conflict have = {0};
                        for (int i = 0; i < CC_N; i++)
                                *conflict_field(&have, i) = (char *)sheet_get(&sh, r, col[i]);
                        there = same_conflict(&have, &c[k], false);
                }
                if (there)
                        continue;
                size_t row = sheet_append(&sh);
                for (int i = 0; i < CC_N; i++)
                        sheet_set(&sh, row, col[i], conflict_value(&c[k], i));
                added = true;
        }
        int rc = added ? write_record(&sh, d) : 0;
        sheet_free(&sh);
        return rc;
}

/* The sheet of wb a conflict names (a loose evidence CSV by its own name). */
static int sheet_named(const struct workbook *wb, const char *name)
{
        for (int s = 0; s < WB_NSHEETS; s++)
                if (wb->sheets[s].path && strcmp(path_basename(wb->sheets[s].path), name) == 0)
                        return s;
        for (int s = 0; s < WB_NSHEETS; s++)
                if (strcmp(wb_sheet_file[s], name) == 0)
                        return s;
        return -1;
}

int conflict_resolve(struct workbook *wb, struct conflict *c, enum conflict_side side,
                     struct diag *d)
{
        int s = sheet_named(wb, c->sheet);
        if (s < 0) {
                diag_add(d, DIAG_ERROR, c->file, c->line, "no sheet %s in this workbook",
                         text_safe(c->sheet));
                return -1;
        }
        const char *want = side == CONFLICT_MINE ? c->mine : c->on_disk;
        long row = wb_find(wb, (enum wb_sheet)s, c->id);
        const char *now = row >= 0 ? wb_get(wb, (enum wb_sheet)s, (size_t)row, c->field) : NULL;
        bool needed = now ? strcmp(now, want) != 0 : *want != '\0';
        if (needed && wb_set(wb, (enum wb_sheet)s, c->id, c->field, want) < 0) {
                diag_add(d, DIAG_ERROR, wb->sheets[s].path, 0, "%s %s could not be set",
                         text_safe(c->id), text_safe(c->field));
                return -1;
        }
        c->resolved = true;
        return 0;
}

int conflict_remove_resolved(const char *dir, const struct conflict_list *l, struct diag *d)
{
        char *path = conflict_path(dir);
        bool any = false;
        for (size_t k = 0; k < l->n; k++)
                any |= l->v[k].resolved && l->v[k].file && strcmp(l->v[k].file, path) == 0;
        if (!any) {
                free(path);
                return 0;
        }
        struct sheet sh;
        if (own_record(path, &sh, d) < 0) {
                free(path);
                return -1;
        }
        int col[CC_N];
        for (int i = 0; i < CC_N; i++)
                col[i] = sheet_col(&sh, conflict_cols[i]);
        size_t left = 0;
        for (size_t r = sh.nrows; r-- > 0;) {
                if (sh.rows[r].bad) {
                        left++;
                        continue;
                }
                struct conflict have = {0};
                for (int i = 0; i < CC_N; i++)
                        *conflict_field(&have, i) = (char *)sheet_get(&sh, r, col[i]);
                bool done = false;
                for (size_t k = 0; k < l->n && !done; k++)
                        done = l->v[k].resolved && l->v[k].file &&
                               strcmp(l->v[k].file, path) == 0 &&
                               same_conflict(&have, &l->v[k], true);
                if (done)
                        sheet_remove(&sh, r);
                else
                        left++;
        }
        int rc = 0;
        if (left)
                rc = write_record(&sh, d);
        else if (unlink(path) < 0 && errno != ENOENT) {
                diag_add(d, DIAG_ERROR, path, 0, "cannot remove: %s", strerror(errno));
                rc = -1;
        }
        sheet_free(&sh);
        free(path);
        return rc;
}

/* --- copies saved beside a sheet by older versions ----------------------- */

/* "evidence.mine-20261123-101500.csv" of the sheet "evidence.csv": the stamp as
 * "2026-11-23 10:15:00" in when, or false. */
static bool mine_copy_of(const char *name, const char *sheet, char when[32])
{
        const char *dot = strrchr(sheet, '.');
        size_t stem = dot ? (size_t)(dot - sheet) : strlen(sheet);
        static const char mid[] = ".mine-";
        size_t n = strlen(name);
        if (n != stem + strlen(mid) + 15 + 4 || strncmp(name, sheet, stem) != 0 ||
            strncmp(name + stem, mid, strlen(mid)) != 0 || strcmp(name + n - 4, ".csv") != 0)
                return false;
        const char *s = name + stem + strlen(mid); /* YYYYMMDD-HHMMSS */
        for (int i = 0; i < 15; i++)
                if (i == 8 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
                        return false;
        snprintf(when, 32, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", s, s + 4, s + 6, s + 9, s + 11, s + 13);
        return true;
}

/* Calls fn for each copy beside a sheet of wb; stops at the first non-zero. */
static void each_mine_copy(const struct workbook *wb,
                           int (*fn)(const struct workbook *wb, int s, const char *path,
                                     const char *when, void *ctx),
                           void *ctx)
{
        DIR *dp = opendir(wb->dir);
        if (!dp)
                return;
        char **names = NULL;
        size_t n = 0;
        for (struct dirent *de; (de = readdir(dp));) {
                if (!strstr(de->d_name, ".mine-"))
                        continue;
                names = xrealloc(names, (n + 1) * sizeof *names);
                names[n++] = xstrdup(de->d_name);
        }
        closedir(dp);
        if (n)
                qsort(names, n, sizeof *names, cmp_str);
        bool stop = false;
        for (size_t i = 0; i < n; i++) {
                for (int s = 0; s < WB_NSHEETS && !stop; s++) {
                        const struct sheet *sh = &wb->sheets[s];
                        char when[32];
                        if (!sh->path || !mine_copy_of(names[i], path_basename(sh->path), when))
                                continue;
                        char *p = path_join(wb->dir, names[i]);
                        stop = fn(wb, s, p, when, ctx) != 0;
                        free(p);
                }
                free(names[i]);
        }
        free(names);
}

struct import_job {
        struct workbook *wb;
        struct diag *d;
        size_t added;
};

static int import_one(const struct workbook *cwb, int s, const char *path, const char *when,
                      void *ctx)
{
        struct import_job *job = ctx;
        struct workbook *wb = job->wb;
        (void)cwb;
        const struct sheet *cur = &wb->sheets[s];
        struct sheet mine;
        struct diag quiet = {0};
        if (!cur->loaded || sheet_load(&mine, path, &quiet) < 0) {
                diag_add(job->d, DIAG_WARN, path, 0,
                         "a copy saved beside the sheet that cannot be read; left as it is");
                diag_free(&quiet);
                sheet_free(&mine);
                return 0;
        }
        diag_free(&quiet);
        /* compared with the sheet as it is on disk (as last read or saved), not
         * with this session's edits */
        struct sheet disk;
        sheet_load_disk(&disk, cur, &quiet);
        diag_free(&quiet);
        int dk = sheet_col(&disk, wb_sheet_key[s]);
        struct strmap rows = {0};
        for (size_t r = 0; dk >= 0 && r < disk.nrows; r++)
                if (!disk.rows[r].bad)
                        strmap_put(&rows, sheet_get(&disk, r, dk), (int)r);
        int mk = sheet_col(&mine, wb_sheet_key[s]);
        struct conflict *found = NULL;
        size_t nfound = 0;
        const char *sheet = path_basename(cur->path);
        for (size_t r = 0; mk >= 0 && r < mine.nrows; r++) {
                if (mine.rows[r].bad)
                        continue;
                const char *id = sheet_get(&mine, r, mk);
                if (!*id)
                        continue;
                int crow = strmap_get(&rows, id);
                for (unsigned c = 0; c < mine.ncols; c++) {
                        const char *col = mine.cols[c];
                        if (!*col || (int)c == mk)
                                continue;
                        const char *mv = sheet_get(&mine, r, (int)c);
                        const char *cv =
                            crow >= 0 ? sheet_get(&disk, (size_t)crow, sheet_col(&disk, col)) : "";
                        if (strcmp(mv, cv) == 0)
                                continue;
                        found = xrealloc(found, (nfound + 1) * sizeof *found);
                        conflict_fill(&found[nfound], sheet, id, col, "", cv, mv,
                                      path_basename(path));
                        free(found[nfound].when);
                        found[nfound].when = xstrdup(when);
                        nfound++;
                }
        }
        strmap_free(&rows);
        sheet_free(&disk);
        sheet_free(&mine);
        int rc = conflict_append(wb->dir, found, nfound, job->d);
        for (size_t i = 0; i < nfound; i++)
                conflict_free(&found[i]);
        free(found);
        if (rc < 0)
                return 0; /* the copy stays until its differences are recorded */
        if (unlink(path) < 0) {
                diag_add(job->d, DIAG_WARN, path, 0,
                         "moved into the conflict record, but cannot "
                         "be removed: %s",
                         strerror(errno));
        } else if (nfound) {
                char *rec = conflict_path(wb->dir);
                diag_add(job->d, DIAG_NOTE, path, 0,
                         "%zu difference%s from the sheet moved into %s, and the copy removed",
                         nfound, nfound == 1 ? "" : "s", path_basename(rec));
                free(rec);
        }
        job->added += nfound;
        return 0;
}

size_t conflict_import_mine(struct workbook *wb, struct diag *d)
{
        struct import_job job = {wb, d, 0};
        each_mine_copy(wb, import_one, &job);
        return job.added;
}

/* A value shown in a message: sanitised, and cut short, into out. */
static void shown(char *out, size_t n, const char *v)
{
        struct buf b = {0};
        text_sanitize(&b, v, strlen(v), false);
        const char *safe = buf_str(&b);
        if (strlen(safe) < n) {
                snprintf(out, n, "%s", safe);
        } else {
                size_t cut = n - 4;
                while (cut > 0 && ((unsigned char)safe[cut] & 0xC0) == 0x80)
                        cut--; /* not inside a UTF-8 sequence */
                snprintf(out, n, "%.*s...", (int)cut, safe);
        }
        buf_free(&b);
}

struct copy_report {
        struct diag *d;
        size_t n;
};

static int report_copy_to(const struct workbook *wb, int s, const char *path, const char *when,
                          void *ctx)
{
        (void)wb;
        struct copy_report *r = ctx;
        r->n++;
        diag_add(r->d, DIAG_WARN, path, 0,
                 "your version of %s from a save on %s that met a change on disk; its "
                 "differences go into the conflict record at the next save",
                 wb_sheet_file[s], when);
        return 0;
}

size_t conflict_check(const struct workbook *wb, struct diag *d)
{
        struct conflict_list l = {0};
        conflict_read_all(wb->dir, &l, d);
        size_t n = 0;
        for (size_t i = 0; i < l.n; i++) {
                const struct conflict *c = &l.v[i];
                n++;
                /* each value in its own buffer: text_safe's are few and reused */
                char sheet[64], id[64], field[64], on_disk[96], mine[96], source[96], when[32];
                shown(sheet, sizeof sheet, c->sheet);
                shown(id, sizeof id, c->id);
                shown(field, sizeof field, c->field);
                shown(on_disk, sizeof on_disk, c->on_disk);
                shown(mine, sizeof mine, c->mine);
                shown(source, sizeof source, c->source);
                shown(when, sizeof when, c->when);
                diag_add(d, DIAG_WARN, c->file, c->line,
                         "%s %s %s: \"%s\" in the sheet, \"%s\" set aside here (%s, %s); "
                         "unresolved: open the workbook in capbook to pick one",
                         sheet, id, field, on_disk, mine, source, when);
        }
        conflict_list_free(&l);
        struct copy_report r = {d, 0};
        each_mine_copy(wb, report_copy_to, &r);
        return n + r.n;
}
