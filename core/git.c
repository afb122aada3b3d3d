/* git.c — the repository around a workbook (see git.h): found and read without
 * running git; set up for capbook by writing its attributes and ignores and by
 * running `git init` and `git config` with a fixed argv. */
#include "core/git.h"
#include "core/fileio.h"
#include "core/ini.h"
#include "core/site.h"
#include "core/user.h"
#include "core/workbook.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void git_repo_free(struct git_repo *r)
{
        free(r->top);
        free(r->gitdir);
        free(r->common);
        memset(r, 0, sizeof *r);
}

/* path's first line, trimmed, or NULL. */
static char *first_line(const char *path)
{
        char *data;
        size_t len;
        struct stat sb;
        if (file_read_all(path, 0, 64 << 10, &data, &len, &sb) < 0)
                return NULL;
        data[strcspn(data, "\r\n")] = '\0';
        char *line = xstrdup(str_trim(data));
        free(data);
        return line;
}

/* rel (maybe relative to base), canonical; NULL if it does not exist. */
static char *resolve(const char *base, const char *rel)
{
        char *joined = rel[0] == '/' ? xstrdup(rel) : path_join(base, rel);
        char *real = realpath(joined, NULL);
        free(joined);
        return real;
}

/* A git folder: what git itself looks for (HEAD, and objects or a commondir). */
static bool is_gitdir(const char *dir)
{
        char *head = path_join(dir, "HEAD"), *obj = path_join(dir, "objects"),
             *common = path_join(dir, "commondir");
        bool yes = path_exists(head) && (path_is_dir(obj) || path_exists(common));
        free(head), free(obj), free(common);
        return yes;
}

/* dir/.git as a folder or as a "gitdir: PATH" file: the git folder, or NULL. */
static char *dot_git(const char *dir)
{
        char *dg = path_join(dir, ".git");
        struct stat sb;
        char *gitdir = NULL;
        if (stat(dg, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                if (is_gitdir(dg))
                        gitdir = realpath(dg, NULL);
        } else if (stat(dg, &sb) == 0 && S_ISREG(sb.st_mode)) {
                char *line = first_line(dg);
                if (line && strncmp(line, "gitdir:", 7) == 0) {
                        char *p = str_trim(line + 7);
                        gitdir = resolve(dir, p);
                        if (gitdir && !is_gitdir(gitdir)) {
                                free(gitdir);
                                gitdir = NULL;
                        }
                }
                free(line);
        }
        free(dg);
        return gitdir;
}

int git_repo_find(const char *dir, struct git_repo *r)
{
        memset(r, 0, sizeof *r);
        char *cur = realpath(dir, NULL);
        while (cur) {
                char *gitdir = dot_git(cur);
                if (gitdir) {
                        r->top = cur;
                        r->gitdir = gitdir;
                        /* a linked worktree names the main git folder in commondir */
                        char *cd = path_join(gitdir, "commondir");
                        char *line = path_exists(cd) ? first_line(cd) : NULL;
                        r->common = line ? resolve(gitdir, line) : NULL;
                        if (!r->common)
                                r->common = xstrdup(gitdir);
                        free(line), free(cd);
                        return 1;
                }
                if (strcmp(cur, "/") == 0)
                        break;
                char *up = path_dirname(cur);
                free(cur);
                cur = up;
        }
        free(cur);
        return 0;
}

/* "merge.capbook.driver" as the INI reader names it: section, then the
 * subsection in quotes, then the key ("merge \"capbook\":driver"). */
static void ini_key_of(const char *key, struct buf *out)
{
        const char *first = strchr(key, '.'), *last = strrchr(key, '.');
        if (!first) {
                buf_adds(out, key);
                return;
        }
        buf_add(out, key, (size_t)(first - key));
        if (last != first)
                buf_printf(out, " \"%.*s\"", (int)(last - first - 1), first + 1);
        buf_printf(out, ":%s", last + 1);
}

/* 1 and *value, 0 not there, -1 the file cannot be read as INI. */
static int config_file_get(const char *path, const char *key, char **value)
{
        if (!path_exists(path))
                return 0;
        struct ini ini;
        struct diag quiet = {0};
        int rc = ini_load(&ini, path, 0, &quiet);
        diag_free(&quiet);
        if (rc < 0)
                return -1;
        struct buf k = {0};
        ini_key_of(key, &k);
        const char *v = ini_get(&ini, buf_str(&k));
        buf_free(&k);
        if (v)
                *value = xstrdup(v);
        ini_free(&ini);
        return v ? 1 : 0;
}

int git_config_get(const struct git_repo *r, const char *key, char **value)
{
        *value = NULL;
        char *main_cfg = path_join(r->common, "config"),
             *wt_cfg = path_join(r->gitdir, "config.worktree");
        int rc = config_file_get(main_cfg, key, value);
        if (rc >= 0) {
                /* a worktree's own config, when there is one, wins */
                char *wv = NULL;
                int wrc = config_file_get(wt_cfg, key, &wv);
                if (wrc == 1) {
                        free(*value);
                        *value = wv;
                        rc = 1;
                } else if (wrc < 0) {
                        rc = -1;
                }
        }
        free(main_cfg), free(wt_cfg);
        if (rc >= 0)
                return rc;
        /* a config the INI reader refuses (a key without "=", a long line): git's
         * own reading of it, with the repository named, nothing through a shell */
        free(*value);
        *value = NULL;
        struct buf out = {0};
        const char *argv[] = {"git", "--git-dir", r->gitdir, "config", "--get", key, NULL};
        int st = git_run(argv, &out, false);
        if (st == 0) {
                char *s = buf_take(&out);
                s[strcspn(s, "\n")] = '\0';
                *value = s;
                rc = 1;
        } else {
                rc = st == 1 ? 0 : -1; /* git config --get: 1 is "not set" */
        }
        buf_free(&out);
        return rc;
}

int git_run(const char *const *argv, struct buf *out, bool err_too)
{
        int pfd[2];
        if (pipe2(pfd, O_CLOEXEC) < 0) {
                if (out)
                        buf_printf(out, "cannot run git: %s", strerror(errno));
                return -1;
        }
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
        if (err_too)
                posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
        else
                posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        int err = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, environ);
        posix_spawn_file_actions_destroy(&fa);
        close(pfd[1]);
        if (err) {
                close(pfd[0]);
                if (out)
                        buf_printf(out, "cannot run git: %s", strerror(err));
                return -1;
        }
        char chunk[4096];
        for (;;) {
                ssize_t n = read(pfd[0], chunk, sizeof chunk);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                if (out && out->len < (1u << 20))
                        buf_add(out, chunk, (size_t)n);
        }
        close(pfd[0]);
        int status;
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return -1;
        if (!WIFEXITED(status))
                return -1;
        return WEXITSTATUS(status);
}

/* --- set-up -------------------------------------------------------------- */

#define BLOCK_BEGIN "# capbook:"
#define BLOCK_END   "# capbook end"

/* text with the capbook part (from a line starting BLOCK_BEGIN to the line
 * BLOCK_END) replaced by block, or block added at the end; other lines kept. */
static void block_replace(const char *text, const char *block, struct buf *out)
{
        const char *p = text;
        bool done = false, inside = false;
        while (*p) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
                bool begin = strncmp(p, BLOCK_BEGIN, strlen(BLOCK_BEGIN)) == 0;
                bool end = strncmp(p, BLOCK_END, strlen(BLOCK_END)) == 0 &&
                           (p[strlen(BLOCK_END)] == '\n' || p[strlen(BLOCK_END)] == '\r' ||
                            !p[strlen(BLOCK_END)]);
                if (!inside && begin && !end && !done) {
                        inside = true;
                        buf_adds(out, block);
                        done = true;
                } else if (inside) {
                        if (end)
                                inside = false;
                } else {
                        buf_add(out, p, n);
                        if (!nl)
                                buf_addc(out, '\n');
                }
                p += n;
        }
        if (!done) {
                if (out->len && out->s[out->len - 1] != '\n')
                        buf_addc(out, '\n');
                buf_adds(out, block);
        }
}

/* Writes the capbook part of file name at top; *changed when it did. */
static int write_block(const char *top, const char *name, const char *block, bool *changed,
                       struct diag *d)
{
        char *path = path_join(top, name), *old = NULL;
        size_t len = 0;
        *changed = false;
        struct stat sb;
        if (path_exists(path) &&
            file_read_all(path, FILE_NOFOLLOW, 1u << 20, &old, &len, &sb) < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", file_strerror(errno));
                free(path);
                return -1;
        }
        struct buf out = {0};
        block_replace(old ? old : "", block, &out);
        int rc = 0;
        if (!old || strcmp(old, buf_str(&out)) != 0) {
                char err[256];
                /* committed and shared, no personal data: readable like the sheets */
                if (file_replace(path, buf_str(&out), out.len, folder_file_mode(top, 0644), err,
                                 sizeof err) < 0) {
                        diag_add(d, DIAG_ERROR, path, 0, "not written: %s", err);
                        rc = -1;
                } else {
                        *changed = true;
                }
        }
        buf_free(&out);
        free(old), free(path);
        return rc;
}

static void attributes_block(struct buf *b)
{
        buf_adds(b, BLOCK_BEGIN
                 " its sheets are merged row by row by `capbook merge-driver`\n"
                 "# (each clone registers it once with `capbook git-setup`); -text keeps\n"
                 "# their bytes and line ends exactly as capbook wrote them.\n");
        for (int s = 0; s < WB_NSHEETS; s++)
                buf_printf(b, "%s merge=" GIT_DRIVER_NAME " -text\n", wb_sheet_file[s]);
        buf_adds(b, "history.csv merge=" GIT_DRIVER_NAME " -text\n" BLOCK_END "\n");
}

static const char ignores_block[] =
    BLOCK_BEGIN " what stays on this machine: the lock, the recovery journals,\n"
                "# the conflict records, copies saved beside a sheet, saves cut off, reports.\n"
                ".capbook.lock\n"
                ".capbook-journal*.csv\n"
                ".capbook-conflicts*.csv\n"
                "*.mine-*.csv\n"
                ".*.tmp\n"
                ".capbook/\n"
                "reports/\n" BLOCK_END "\n";

/* git -C top config KEY VALUE. */
static int config_set(const char *top, const char *key, const char *value, struct diag *d)
{
        struct buf out = {0};
        const char *argv[] = {"git", "-C", top, "config", key, value, NULL};
        int st = git_run(argv, &out, true);
        if (st != 0)
                diag_add(d, DIAG_ERROR, top, 0, "git config %s failed: %s", key,
                         text_safe(out.len ? buf_str(&out) : "?"));
        buf_free(&out);
        return st == 0 ? 0 : -1;
}

/* Does the repository have a remote (is it a clone)? */
static bool has_remote(const char *top)
{
        struct buf out = {0};
        const char *argv[] = {"git", "-C", top, "remote", NULL};
        int st = git_run(argv, &out, false);
        bool yes = st == 0 && out.len > 0;
        buf_free(&out);
        return yes;
}

/* The tag to set, into done->site: the given one, the one there, or chosen. */
static int choose_site(const char *path, const struct git_repo *r, const struct git_setup_opts *o,
                       bool created, struct git_setup_done *done, struct diag *d)
{
        char *have = NULL;
        int there = git_config_get(r, "capbook.site", &have);
        if (o->site) {
                if (*o->site && !site_tag_valid(o->site)) {
                        diag_add(d, DIAG_ERROR, path, 0,
                                 "site tag \"%s\": 1 to %d lower-case letters (a, b, ann), or "
                                 "\"\" for plain ids",
                                 text_safe(o->site), SITE_TAG_MAX);
                        free(have);
                        return -1;
                }
                snprintf(done->site, sizeof done->site, "%s", o->site);
                done->site_new = there != 1 || strcmp(have, o->site) != 0;
                free(have);
                return 0;
        }
        if (there == 1) { /* kept: ids minted here already carry it */
                snprintf(done->site, sizeof done->site, "%s", site_tag_valid(have) ? have : "");
                free(have);
                return 0;
        }
        free(have);
        done->site_new = true;
        if (created || !has_remote(r->top)) {
                done->site[0] = '\0'; /* the first clone: plain ids */
                return 0;
        }
        struct strlist used = {0};
        site_tags_used(path, &used);
        char login[64], tag[SITE_TAG_MAX + 1];
        user_login(login, sizeof login);
        site_tag_suggest(login, &used, tag);
        char asked[16], refused[96] = "";
        while (o->ask_site &&
               o->ask_site(tag, *refused ? refused : NULL, asked, sizeof asked) == 0) {
                if (!*asked)
                        break;
                if (!site_tag_valid(asked))
                        snprintf(refused, sizeof refused, "not a tag: 1 to %d lower-case letters",
                                 SITE_TAG_MAX);
                else if (strlist_has(&used, asked))
                        snprintf(refused, sizeof refused,
                                 "%s is taken: ids here already end with it", asked);
                else {
                        memcpy(tag, asked, strlen(asked) + 1); /* valid: SITE_TAG_MAX at most */
                        break;
                }
        }
        strlist_free(&used);
        snprintf(done->site, sizeof done->site, "%s", tag);
        return 0;
}

int git_setup(const char *path, const struct git_setup_opts *o, struct git_setup_done *done,
              struct diag *d)
{
        memset(done, 0, sizeof *done);
        if (!path_is_dir(path)) {
                diag_add(d, DIAG_ERROR, path, 0, "not a folder");
                return -1;
        }
        struct git_repo r;
        if (git_repo_find(path, &r) != 1) {
                char *abs = realpath(path, NULL);
                struct buf out = {0};
                const char *argv[] = {"git", "init", "--quiet", abs ? abs : path, NULL};
                int st = git_run(argv, &out, true);
                free(abs);
                if (st != 0) {
                        diag_add(d, DIAG_ERROR, path, 0, "git init failed: %s",
                                 text_safe(out.len ? buf_str(&out) : "?"));
                        buf_free(&out);
                        return -1;
                }
                buf_free(&out);
                done->created = true;
                if (git_repo_find(path, &r) != 1) {
                        diag_add(d, DIAG_ERROR, path, 0, "git init made no repository here");
                        return -1;
                }
        }
        done->top = xstrdup(r.top);
        int rc = choose_site(path, &r, o, done->created, done, d);
        struct buf attrs = {0};
        attributes_block(&attrs);
        if (rc == 0)
                rc = write_block(r.top, ".gitattributes", buf_str(&attrs), &done->attributes, d);
        buf_free(&attrs);
        if (rc == 0)
                rc = write_block(r.top, ".gitignore", ignores_block, &done->ignores, d);
        if (rc == 0) {
                struct buf cmd = {0};
                buf_printf(&cmd, "%s merge-driver %%O %%A %%B %%P", o->driver);
                rc = config_set(r.top, "merge." GIT_DRIVER_NAME ".name",
                                "capbook: sheets merged row by row", d);
                if (rc == 0)
                        rc =
                            config_set(r.top, "merge." GIT_DRIVER_NAME ".driver", buf_str(&cmd), d);
                buf_free(&cmd);
        }
        if (rc == 0 && done->site_new)
                rc = config_set(r.top, "capbook.site", done->site, d);
        git_repo_free(&r);
        return rc;
}

void git_setup_done_free(struct git_setup_done *done)
{
        free(done->top);
        memset(done, 0, sizeof *done);
}

/* --- check --------------------------------------------------------------- */

/* The line of .gitattributes in folder at that gives a capbook sheet (or every
 * CSV) to capbook's driver; 0 if none. */
static unsigned attributes_line(const char *at)
{
        char *path = path_join(at, ".gitattributes"), *data;
        size_t len;
        unsigned found = 0;
        struct stat sb;
        if (file_read_all(path, 0, 1u << 20, &data, &len, &sb) == 0) {
                unsigned line = 0;
                for (char *p = data; *p && !found;) {
                        char *nl = strchr(p, '\n');
                        if (nl)
                                *nl = '\0';
                        line++;
                        char *s = str_trim(p);
                        size_t pl = strcspn(s, " \t");
                        bool sheet = pl == 5 && strncmp(s, "*.csv", 5) == 0;
                        for (int k = 0; k < WB_NSHEETS && !sheet; k++)
                                sheet = pl == strlen(wb_sheet_file[k]) &&
                                        strncmp(s, wb_sheet_file[k], pl) == 0;
                        if (*s != '#' && sheet && strstr(s + pl, "merge=" GIT_DRIVER_NAME))
                                found = line;
                        p = nl ? nl + 1 : p + strlen(p);
                }
                free(data);
        }
        free(path);
        return found;
}

void git_check(const char *dir, struct diag *d)
{
        struct git_repo r;
        if (git_repo_find(dir, &r) != 1)
                return;
        /* the attribute: at the top, or in a folder from there down to dir */
        char *at = realpath(dir, NULL), *file = NULL;
        unsigned line = 0;
        while (at && !line) {
                line = attributes_line(at);
                if (line)
                        file = path_join(at, ".gitattributes");
                if (strcmp(at, r.top) == 0 || strcmp(at, "/") == 0)
                        break;
                char *up = path_dirname(at);
                free(at);
                at = up;
        }
        free(at);
        char *driver = NULL;
        if (line && git_config_get(&r, "merge." GIT_DRIVER_NAME ".driver", &driver) == 0)
                diag_add(d, DIAG_WARN, file, line,
                         "the sheets are merged by capbook's merge driver, but this clone has "
                         "none registered (a clone does not carry it): run capbook git-setup "
                         "%s once here; until then git merges the sheets as plain text",
                         text_safe(r.top));
        /* the driver registered by hand on a clone: its new ids would be plain, as
         * the first clone's are, and the two would both make E16 */
        char *site = NULL;
        if (line && driver && git_config_get(&r, "capbook.site", &site) == 0 && has_remote(r.top))
                diag_add(d, DIAG_WARN, file, line,
                         "this clone has no site tag, so ids made here can be made on another "
                         "clone too: run capbook git-setup %s once here",
                         text_safe(r.top));
        free(site), free(driver), free(file);
        git_repo_free(&r);
}
