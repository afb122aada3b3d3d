/* journal.c — append-only recovery journal. It is a CSV sheet like the others
 * (written with the same field encoder, read back with the same loader), so a
 * torn last line after a crash is just a bad row, and a person can read it. */
#include "core/journal.h"
#include "core/fileio.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/user.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const journal_cols[] = {"kind", "time", "user",   "host", "sheet",
                                           "id",   "col",  "before", "after"};
enum { JC_KIND, JC_TIME, JC_USER, JC_HOST, JC_SHEET, JC_ID, JC_COL, JC_BEFORE, JC_AFTER, JC_N };

const char *journal_file(void)
{
        static char name[128];
        char login[64];
        user_login_for_file(login, sizeof login);
        snprintf(name, sizeof name, ".capbook-journal-%s.csv", login);
        return name;
}

void journal_init(struct journal *j, const char *dir, unsigned mode)
{
        (void)mode;
        j->path = path_join(dir, journal_file());
        j->fd = -1;
        j->mode = 0600;
        j->failed = false;
}

static void add_row(struct buf *b, const char *const *v, unsigned n)
{
        for (unsigned i = 0; i < n; i++) {
                if (i)
                        buf_addc(b, ',');
                sheet_encode_field(b, v[i] ? v[i] : "");
        }
        buf_addc(b, '\n');
}

static int ensure_open(struct journal *j)
{
        if (j->fd >= 0)
                return 0;
        if (j->failed)
                return -1;
        /* never through a symlink; an existing journal (being recovered) is appended to */
        int fd =
            open(j->path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, j->mode);
        bool fresh = fd >= 0;
        if (fd < 0 && errno == EEXIST)
                fd = open(j->path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
                if (fd >= 0)
                        close(fd);
                j->failed = true;
                return -1;
        }
        j->fd = fd;
        if (fresh) {
                (void)fchmod(fd, j->mode);
                struct buf b = {0};
                add_row(&b, journal_cols, JC_N);
                int rc = file_write_all(fd, b.s, b.len);
                buf_free(&b);
                if (rc < 0) {
                        j->failed = true;
                        return -1;
                }
        }
        return 0;
}

static void now_text(char out[32])
{
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

static int append(struct journal *j, const char *kind, const char *sheet, const char *id,
                  const char *col, const char *before, const char *after, bool sync)
{
        if (ensure_open(j) < 0)
                return -1;
        char t[32], host[128], login[64];
        now_text(t);
        user_login(login, sizeof login);
        if (gethostname(host, sizeof host) != 0)
                snprintf(host, sizeof host, "localhost");
        host[sizeof host - 1] = '\0';
        const char *v[JC_N] = {kind, t, login, host, sheet, id, col, before, after};
        struct buf b = {0};
        add_row(&b, v, JC_N);
        int rc = file_write_all(j->fd, b.s, b.len);
        buf_free(&b);
        if (rc == 0 && sync)
                rc = fdatasync(j->fd);
        if (rc < 0)
                j->failed = true;
        return rc;
}

int journal_edit(struct journal *j, const struct wb_edit *e, bool removes_row)
{
        const char *kind = e->renumbers ? "renumber" : removes_row ? "remove" : "edit";
        return append(j, kind, wb_sheet_file[e->sheet], e->id, e->col, e->before, e->after, true);
}

int journal_draft(struct journal *j, const char *form, const char *const *cols,
                  const char *const *vals, unsigned n, bool sync)
{
        for (unsigned i = 0; i < n; i++)
                if (append(j, "draft", "", form, cols[i], NULL, vals[i], sync && i + 1 == n) < 0)
                        return -1;
        return 0;
}

int journal_draft_end(struct journal *j, const char *form)
{
        if (j->fd < 0)
                return 0;
        return append(j, "draft-end", "", form, "", NULL, NULL, true);
}

void journal_clear(struct journal *j)
{
        if (j->fd >= 0)
                close(j->fd);
        j->fd = -1;
        j->failed = false;
        unlink(j->path);
}

void journal_close(struct journal *j)
{
        if (j->fd >= 0)
                close(j->fd);
        j->fd = -1;
        free(j->path);
        j->path = NULL;
}

/* --- reading ------------------------------------------------------------- */

static struct journal_draft *draft_find(struct journal_pending *p, const char *form)
{
        for (size_t i = 0; i < p->ndrafts; i++)
                if (strcmp(p->drafts[i].form, form) == 0)
                        return &p->drafts[i];
        return NULL;
}

static void draft_drop(struct journal_pending *p, const char *form)
{
        struct journal_draft *dr = draft_find(p, form);
        if (!dr)
                return;
        free(dr->form);
        strlist_free(&dr->cols);
        strlist_free(&dr->vals);
        *dr = p->drafts[--p->ndrafts];
}

static void draft_set(struct journal_pending *p, const char *form, const char *col, const char *val)
{
        struct journal_draft *dr = draft_find(p, form);
        if (!dr) {
                p->drafts = xrealloc(p->drafts, (p->ndrafts + 1) * sizeof *p->drafts);
                dr = &p->drafts[p->ndrafts++];
                memset(dr, 0, sizeof *dr);
                dr->form = xstrdup(form);
        }
        for (size_t i = 0; i < dr->cols.n; i++)
                if (strcmp(dr->cols.v[i], col) == 0) {
                        free(dr->vals.v[i]);
                        dr->vals.v[i] = xstrdup(val);
                        return;
                }
        strlist_push(&dr->cols, col);
        strlist_push(&dr->vals, val);
}

/* A save renumbered row `from` of sheet s to `to` (it had been added on disk
 * too): the edits journalled before follow it, as the workbook's undo list did,
 * so a replay never writes into the row added on disk. */
static void pending_renumber(struct journal_pending *p, enum wb_sheet s, const char *from,
                             const char *to)
{
        /* the references that name a row by id: an entry's revamps, an action's session */
        const char *ref_col = s == WB_EVIDENCE ? "revamps" : s == WB_SESSIONS ? "session" : NULL;
        enum wb_sheet ref_sheet = s == WB_SESSIONS ? WB_ACTIONS : s;
        for (size_t i = 0; i < p->nedits; i++) {
                struct wb_edit *e = &p->edits[i];
                if (e->sheet == s && strcmp(e->id, from) == 0) {
                        free(e->id);
                        e->id = xstrdup(to);
                }
                if (ref_col && e->sheet == ref_sheet && strcmp(e->col, ref_col) == 0) {
                        if (strcmp(e->after, from) == 0) {
                                free(e->after);
                                e->after = xstrdup(to);
                        }
                        if (e->before && strcmp(e->before, from) == 0) {
                                free(e->before);
                                e->before = xstrdup(to);
                        }
                }
        }
        /* a form of that row being filled ("edit:E15", "revamp:E15") */
        for (size_t i = 0; i < p->ndrafts && s == WB_EVIDENCE; i++) {
                char *colon = strchr(p->drafts[i].form, ':');
                if (colon && strcmp(colon + 1, from) == 0) {
                        struct buf b = {0};
                        buf_printf(&b, "%.*s:%s", (int)(colon - p->drafts[i].form),
                                   p->drafts[i].form, to);
                        free(p->drafts[i].form);
                        p->drafts[i].form = buf_take(&b);
                }
        }
}

static int sheet_by_file(const char *name)
{
        for (int s = 0; s < WB_NSHEETS; s++)
                if (strcmp(wb_sheet_file[s], name) == 0)
                        return s;
        return -1;
}

/* The journal every user shared before journals were per person, when this
 * user owns it and has none of their own: it becomes theirs by name. Where it
 * cannot be moved (a read-only folder) it is read where it is: the path to
 * read, which the caller frees. */
static char *legacy_move(const char *dir, char *own)
{
        char *old = path_join(dir, JOURNAL_LEGACY_FILE);
        struct stat sb, mine;
        if (lstat(old, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
            lstat(own, &mine) < 0 && errno == ENOENT && rename(old, own) < 0) {
                free(own);
                return old;
        }
        free(old);
        return own;
}

bool journal_pending_read(const char *dir, struct journal_pending *p, struct diag *d)
{
        memset(p, 0, sizeof *p);
        /* the old shared name planted as a link (or a folder) is said, never read */
        char *old = path_join(dir, JOURNAL_LEGACY_FILE);
        struct stat os;
        if (lstat(old, &os) == 0 && !S_ISREG(os.st_mode))
                diag_add(d, DIAG_ERROR, old, 0, "%s; not read, left as it is",
                         file_strerror(S_ISLNK(os.st_mode) ? FILE_E_SYMLINK : FILE_E_NOTREG));
        free(old);
        char *path = legacy_move(dir, path_join(dir, journal_file()));
        struct stat sb;
        if (lstat(path, &sb) < 0) {
                free(path);
                return false;
        }
        if (S_ISREG(sb.st_mode) && sb.st_uid != geteuid()) {
                char owner[64];
                user_name_of(sb.st_uid, owner, sizeof owner);
                diag_add(d, DIAG_ERROR, path, 0,
                         "a recovery journal under your name that %s owns; not read, left as "
                         "it is",
                         owner);
                free(path);
                return false;
        }
        struct sheet sh;
        struct diag quiet = {0};
        if (!S_ISREG(sb.st_mode)) {
                /* never read through: nothing of what a link points to is shown */
                diag_add(d, DIAG_ERROR, path, 0, "%s; not read, left as it is",
                         file_strerror(S_ISLNK(sb.st_mode) ? FILE_E_SYMLINK : FILE_E_NOTREG));
                free(path);
                return false;
        }
        if (sheet_load(&sh, path, &quiet) < 0) {
                diag_add(d, DIAG_ERROR, path, 0,
                         "a recovery journal that cannot be read; left as it is");
                diag_free(&quiet);
                free(path);
                return false;
        }
        diag_free(&quiet);
        int c[JC_N];
        for (int i = 0; i < JC_N; i++)
                c[i] = sheet_col(&sh, journal_cols[i]);
        for (size_t r = 0; r < sh.nrows; r++) {
                if (sh.rows[r].bad || sh.rows[r].ncells < JC_N) {
                        p->bad_lines++;
                        continue;
                }
                const char *kind = sheet_get(&sh, r, c[JC_KIND]);
                const char *t = sheet_get(&sh, r, c[JC_TIME]);
                if (!*p->first)
                        snprintf(p->first, sizeof p->first, "%s", t);
                snprintf(p->last, sizeof p->last, "%s", t);
                snprintf(p->user, sizeof p->user, "%s", text_safe(sheet_get(&sh, r, c[JC_USER])));
                snprintf(p->host, sizeof p->host, "%s", text_safe(sheet_get(&sh, r, c[JC_HOST])));
                const char *id = sheet_get(&sh, r, c[JC_ID]);
                const char *col = sheet_get(&sh, r, c[JC_COL]);
                if (strcmp(kind, "edit") == 0 || strcmp(kind, "remove") == 0) {
                        int s = sheet_by_file(sheet_get(&sh, r, c[JC_SHEET]));
                        if (s < 0 || !*id || !*col) {
                                p->bad_lines++;
                                continue;
                        }
                        p->edits = xrealloc(p->edits, (p->nedits + 1) * sizeof *p->edits);
                        p->removes = xrealloc(p->removes, (p->nedits + 1) * sizeof *p->removes);
                        const char *before = sheet_get(&sh, r, c[JC_BEFORE]);
                        struct wb_edit *e = &p->edits[p->nedits];
                        e->sheet = (enum wb_sheet)s;
                        e->id = xstrdup(id);
                        e->col = xstrdup(col);
                        e->before = *before ? xstrdup(before) : NULL;
                        e->after = xstrdup(sheet_get(&sh, r, c[JC_AFTER]));
                        e->group = 0;
                        p->removes[p->nedits++] = strcmp(kind, "remove") == 0;
                } else if (strcmp(kind, "renumber") == 0) {
                        int s = sheet_by_file(sheet_get(&sh, r, c[JC_SHEET]));
                        const char *to = sheet_get(&sh, r, c[JC_AFTER]);
                        if (s < 0 || !*id || !*to) {
                                p->bad_lines++;
                                continue;
                        }
                        pending_renumber(p, (enum wb_sheet)s, id, to);
                } else if (strcmp(kind, "draft") == 0) {
                        draft_set(p, id, col, sheet_get(&sh, r, c[JC_AFTER]));
                } else if (strcmp(kind, "draft-end") == 0) {
                        draft_drop(p, id);
                } else {
                        p->bad_lines++;
                }
        }
        sheet_free(&sh);
        free(path);
        if (!p->nedits && !p->ndrafts && !p->bad_lines) {
                journal_pending_free(p);
                return false;
        }
        return true;
}

void journal_pending_free(struct journal_pending *p)
{
        for (size_t i = 0; i < p->nedits; i++) {
                free(p->edits[i].id), free(p->edits[i].col);
                free(p->edits[i].before), free(p->edits[i].after);
        }
        free(p->edits);
        free(p->removes);
        for (size_t i = 0; i < p->ndrafts; i++) {
                free(p->drafts[i].form);
                strlist_free(&p->drafts[i].cols);
                strlist_free(&p->drafts[i].vals);
        }
        free(p->drafts);
        memset(p, 0, sizeof *p);
}

void journal_pending_describe(const struct journal_pending *p, char *out, size_t n)
{
        snprintf(out, n, "%zu unsaved edit%s and %zu unfinished form%s by %s on %s, %s to %s",
                 p->nedits, p->nedits == 1 ? "" : "s", p->ndrafts, p->ndrafts == 1 ? "" : "s",
                 *p->user ? p->user : "someone", *p->host ? p->host : "?", p->first, p->last);
}

size_t journal_replay(struct workbook *wb, const struct journal_pending *p, struct diag *d)
{
        size_t applied = 0;
        wb_begin(wb);
        for (size_t i = 0; i < p->nedits; i++) {
                const struct wb_edit *e = &p->edits[i];
                if (p->removes[i]) {
                        wb_remove_row(wb, e->sheet, e->id);
                        applied++;
                        continue;
                }
                long row = wb_find(wb, e->sheet, e->id);
                const char *now = row >= 0 ? wb_get(wb, e->sheet, (size_t)row, e->col) : "";
                const char *want = e->before ? e->before : "";
                if (strcmp(now, want) != 0 && strcmp(now, e->after) != 0)
                        diag_add(d, DIAG_WARN, wb->sheets[e->sheet].path, 0,
                                 "%s %s was \"%s\" on disk, not \"%s\" as when it was edited; "
                                 "the journalled value is applied",
                                 text_safe(e->id), text_safe(e->col), text_safe(now),
                                 text_safe(want));
                if (wb_set_cell(wb, e->sheet, e->id, e->col, e->after) == 0)
                        applied++;
        }
        wb_end(wb);
        return applied;
}

/* ".capbook-journal-LOGIN.csv" or the old ".capbook-journal.csv" */
static bool is_journal_name(const char *name)
{
        if (strcmp(name, JOURNAL_LEGACY_FILE) == 0)
                return true;
        size_t n = strlen(name), pre = strlen(".capbook-journal-");
        return n > pre + 4 && strncmp(name, ".capbook-journal-", pre) == 0 &&
               strcmp(name + n - 4, ".csv") == 0;
}

static int cmp_since(const void *a, const void *b)
{
        const struct journal_other *x = a, *y = b;
        return x->since < y->since ? -1 : x->since > y->since ? 1 : strcmp(x->who, y->who);
}

size_t journal_others_pending(const char *dir, struct journal_other **out)
{
        *out = NULL;
        DIR *dp = opendir(dir);
        if (!dp)
                return 0;
        size_t n = 0;
        const char *own = journal_file();
        struct dirent *de;
        while ((de = readdir(dp))) {
                struct stat sb;
                if (!is_journal_name(de->d_name) || strcmp(de->d_name, own) == 0 ||
                    fstatat(dirfd(dp), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
                    !S_ISREG(sb.st_mode))
                        continue;
                *out = xrealloc(*out, (n + 1) * sizeof **out);
                struct journal_other *o = &(*out)[n++];
                o->uid = sb.st_uid;
                user_name_of(sb.st_uid, o->who, sizeof o->who);
                o->since = sb.st_mtim.tv_sec;
        }
        closedir(dp);
        if (n)
                qsort(*out, n, sizeof **out, cmp_since);
        return n;
}

void journal_other_describe(const struct journal_other *o, char *out, size_t n)
{
        struct tm tm;
        localtime_r(&o->since, &tm);
        char day[11], today[11], at[32];
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        date_today(today);
        strftime(at, sizeof at, strcmp(day, today) == 0 ? "%H:%M" : "%Y-%m-%d %H:%M", &tm);
        snprintf(out, n, "%s has unsaved edits pending since %s", text_safe(o->who), at);
}
