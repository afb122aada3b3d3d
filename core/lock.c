/* lock.c — the workbook lock file and spreadsheet lock files. The lock is
 * created exclusively and never followed through a symlink; it is advisory, so a
 * second capbook can say who is editing instead of silently racing a save. */
#include "core/lock.h"
#include "core/fileio.h"
#include "core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void lock_whoami(char *user, size_t un, char *host, size_t hn)
{
        const struct passwd *pw = getpwuid(getuid());
        const char *u = pw && pw->pw_name ? pw->pw_name : getenv("USER");
        snprintf(user, un, "%s", u && *u ? u : "unknown");
        if (gethostname(host, hn) != 0)
                snprintf(host, hn, "localhost");
        host[hn - 1] = '\0';
}

static void copy_value(char *dst, size_t n, const char *v)
{
        /* lock files are written by whoever can write the folder: shown sanitised */
        snprintf(dst, n, "%s", text_safe(v));
}

/* Gone: no such process, or one that has ended and not yet been reaped. */
static bool process_gone(long pid)
{
        if (pid <= 0)
                return false;
        if (kill((pid_t)pid, 0) < 0)
                return errno == ESRCH;
        char path[64], buf[256];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *f = fopen(path, "r");
        if (!f)
                return false;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        const char *paren = strrchr(buf, ')'); /* "pid (comm) S ..." */
        return paren && paren[1] == ' ' && paren[2] == 'Z';
}

static void parse_lock(const char *data, struct lock_info *info)
{
        memset(info, 0, sizeof *info);
        char *copy = xstrdup(data);
        for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
                char *eq = strchr(line, '=');
                if (!eq)
                        continue;
                *eq = '\0';
                const char *k = line, *v = eq + 1;
                if (strcmp(k, "user") == 0)
                        copy_value(info->user, sizeof info->user, v);
                else if (strcmp(k, "host") == 0)
                        copy_value(info->host, sizeof info->host, v);
                else if (strcmp(k, "since") == 0)
                        copy_value(info->since, sizeof info->since, v);
                else if (strcmp(k, "pid") == 0)
                        info->pid = strtol(v, NULL, 10);
        }
        free(copy);
        char me[64], host[128];
        lock_whoami(me, sizeof me, host, sizeof host);
        info->stale = strcmp(info->host, host) == 0 && process_gone(info->pid);
}

/* The file NAME in DIR, whole and NUL-terminated (caller frees; its length in
 * *len), or NULL. */
static char *read_in(const char *dir, const char *name, size_t *len)
{
        char *p = path_join(dir, name), *data;
        int rc = file_read(p, &data, len, NULL);
        free(p);
        return rc < 0 ? NULL : data;
}

bool lock_read(const char *dir, struct lock_info *info)
{
        size_t len;
        char *data = read_in(dir, LOCK_FILE, &len);
        if (!data)
                return false;
        parse_lock(data, info);
        free(data);
        return true;
}

void lock_describe(const struct lock_info *info, char *out, size_t n)
{
        snprintf(out, n, "%s on %s (pid %ld) since %s", *info->user ? info->user : "someone",
                 *info->host ? info->host : "an unknown host", info->pid,
                 *info->since ? info->since : "an unknown time");
}

enum lock_result lock_take(struct lock *l, const char *dir, unsigned mode, bool take_stale,
                           struct lock_info *info, char *err, size_t errlen)
{
        l->path = NULL;
        char *p = path_join(dir, LOCK_FILE);
        char user[64], host[128], since[32];
        lock_whoami(user, sizeof user, host, sizeof host);
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S", &tm);
        char body[512];
        int blen = snprintf(body, sizeof body, "user=%s\nhost=%s\npid=%ld\nsince=%s\n", user, host,
                            (long)getpid(), since);
        mode &= 0660;
        for (int attempt = 0; attempt < 2; attempt++) {
                int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
                if (fd >= 0) {
                        ssize_t w = write(fd, body, (size_t)blen);
                        (void)fchmod(fd, mode);
                        if (w != blen || fsync(fd) < 0) {
                                snprintf(err, errlen, "cannot write %s: %s", LOCK_FILE,
                                         strerror(errno));
                                close(fd);
                                unlink(p);
                                free(p);
                                return LOCK_FAILED;
                        }
                        close(fd);
                        l->path = p;
                        return LOCK_TAKEN;
                }
                if (errno != EEXIST) {
                        snprintf(err, errlen, "cannot create %s: %s", LOCK_FILE, strerror(errno));
                        free(p);
                        return LOCK_FAILED;
                }
                if (!lock_read(dir, info)) {
                        /* a symlink to nowhere, or unreadable: someone else's business */
                        memset(info, 0, sizeof *info);
                        free(p);
                        return LOCK_HELD;
                }
                if (!info->stale) {
                        free(p);
                        return LOCK_HELD;
                }
                if (!take_stale) {
                        free(p);
                        return LOCK_STALE;
                }
                unlink(p); /* stale, and the user has been told: take it over */
        }
        free(p);
        return LOCK_HELD;
}

void lock_release(struct lock *l)
{
        if (!l->path)
                return;
        char *data;
        size_t len;
        if (file_read(l->path, &data, &len, NULL) == 0) {
                char mine[32];
                snprintf(mine, sizeof mine, "\npid=%ld\n", (long)getpid());
                if (strstr(data, mine))
                        unlink(l->path);
                free(data);
        }
        free(l->path);
        l->path = NULL;
}

static bool office_lock_in(const char *dir, const char *name, bool libre, char *who, size_t n)
{
        size_t len;
        char *data = read_in(dir, name, &len);
        if (!data)
                return false;
        if (libre) {
                /* "Full Name,user,host,date,url;" */
                char *f[5] = {0};
                char *s = data;
                for (int i = 0; i < 5 && s; i++) {
                        f[i] = s;
                        s = strchr(s, ',');
                        if (s)
                                *s++ = '\0';
                }
                const char *user = f[0] && *f[0] ? f[0] : f[1] && *f[1] ? f[1] : "someone";
                char u[128], h[128], t[64];
                snprintf(u, sizeof u, "%s", text_safe(user));
                snprintf(h, sizeof h, "%s", f[2] ? text_safe(f[2]) : "?");
                snprintf(t, sizeof t, "%s", f[3] ? text_safe(f[3]) : "?");
                snprintf(who, n, "%s on %s in LibreOffice, since %s", u, h, t);
        } else {
                /* Office: a length byte then the user's name, padded with spaces
                 * to 54 bytes */
                size_t end = len < 54 ? len : 54;
                if (len > 1 && (unsigned char)data[0] >= 1 && (unsigned char)data[0] < end)
                        end = 1 + (unsigned char)data[0];
                while (end > 1 && data[end - 1] == ' ')
                        end--;
                struct buf b = {0};
                for (size_t i = 1; i < end; i++)
                        if (data[i] >= 0x20 && data[i] < 0x7f)
                                buf_addc(&b, data[i]);
                snprintf(who, n, "%s in Microsoft Office", b.len ? buf_str(&b) : "someone");
                buf_free(&b);
        }
        free(data);
        return true;
}

bool office_lock_owner(const char *sheet_path, char *who, size_t n)
{
        char *dir = path_dirname(sheet_path);
        const char *base = path_basename(sheet_path);
        struct buf name = {0};
        buf_printf(&name, ".~lock.%s#", base);
        bool found = office_lock_in(dir, buf_str(&name), true, who, n);
        if (!found) {
                buf_reset(&name);
                buf_printf(&name, "~$%s", base);
                found = office_lock_in(dir, buf_str(&name), false, who, n);
        }
        buf_free(&name);
        free(dir);
        return found;
}
