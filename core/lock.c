/* lock.c — the workbook lock file and spreadsheet lock files. The lock is
 * created exclusively and never followed through a symlink; it is advisory, so a
 * second capbook can say who is editing instead of silently racing a save. */
#include "core/lock.h"
#include "core/user.h"
#include "core/fileio.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void lock_whoami(char *user, size_t un, char *host, size_t hn)
{
        user_login(user, un);
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

/* Fills info from the lock's text; false if it is not a lock (empty, garbage). */
static bool parse_lock(const char *data, struct lock_info *info)
{
        char *copy = xstrdup(data);
        for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
                char *eq = strchr(line, '=');
                if (!eq)
                        continue;
                *eq = '\0';
                const char *k = line, *v = eq + 1;
                if (strcmp(k, "user") == 0)
                        copy_value(info->user, sizeof info->user, v);
                else if (strcmp(k, "name") == 0)
                        copy_value(info->name, sizeof info->name, v);
                else if (strcmp(k, "host") == 0)
                        copy_value(info->host, sizeof info->host, v);
                else if (strcmp(k, "since") == 0)
                        copy_value(info->since, sizeof info->since, v);
                else if (strcmp(k, "pid") == 0)
                        info->pid = strtol(v, NULL, 10);
        }
        free(copy);
        return info->pid > 0 && *info->host;
}

/* The most of a lock file read: a lock is a few lines. */
#define LOCK_MAX_BYTES (64u << 10)

/* Reads the lock in dir into info (which says whether it is stale). 1: a lock is
 * there; 0: none; -1: something that is no lock file (a link, a folder): err says
 * what. */
static int lock_inspect(const char *dir, struct lock_info *info, struct stat *at, char *err,
                        size_t errlen)
{
        memset(info, 0, sizeof *info);
        char *p = path_join(dir, LOCK_FILE);
        struct stat sb;
        if (lstat(p, &sb) < 0) {
                free(p);
                return 0;
        }
        if (at)
                *at = sb;
        if (!S_ISREG(sb.st_mode)) {
                snprintf(err, errlen, "%s %s; capbook does not follow or replace it", LOCK_FILE,
                         S_ISLNK(sb.st_mode) ? "is a symbolic link" : "is not a regular file");
                free(p);
                return -1;
        }
        /* the owner of the file is known even when its text cannot be read */
        const struct passwd *pw = getpwuid(sb.st_uid);
        if (pw && pw->pw_name)
                copy_value(info->user, sizeof info->user, pw->pw_name);
        else
                snprintf(info->user, sizeof info->user, "uid %u", (unsigned)sb.st_uid);
        struct tm tm;
        localtime_r(&sb.st_mtime, &tm);
        char changed[32];
        strftime(changed, sizeof changed, "%Y-%m-%d %H:%M:%S", &tm);
        char *data;
        size_t len;
        struct stat rs;
        bool parsed = false;
        if (file_read_all(p, FILE_NOFOLLOW, LOCK_MAX_BYTES, &data, &len, &rs) < 0) {
                int e = errno;
                free(p);
                if (e == ENOENT)
                        return 0; /* released meanwhile */
                if (e == EACCES || e == EPERM) {
                        /* another user's lock, private to them: held, whatever its age */
                        info->unread = true;
                        snprintf(info->since, sizeof info->since, "%s", changed);
                        return 1;
                }
                data = NULL; /* garbage too big to be a lock: broken, as below */
        } else {
                free(p);
        }
        char owner[64];
        snprintf(owner, sizeof owner, "%s", info->user);
        if (data)
                parsed = parse_lock(data, info);
        free(data);
        if (!parsed) {
                /* killed between creating it and writing it (an older capbook could
                 * be), or garbage: stale once it has not changed for a while */
                memset(info, 0, sizeof *info);
                snprintf(info->user, sizeof info->user, "%s", owner);
                snprintf(info->since, sizeof info->since, "%s", changed);
                info->broken = true;
                time_t now = time(NULL);
                info->stale = now - sb.st_mtime >= LOCK_BROKEN_STALE_SECONDS ||
                              sb.st_mtime - now > 3600; /* a clock far ahead: not "young" */
                return 1;
        }
        char me[64], host[128];
        lock_whoami(me, sizeof me, host, sizeof host);
        info->stale = strcmp(info->host, host) == 0 && process_gone(info->pid);
        return 1;
}

bool lock_read(const char *dir, struct lock_info *info)
{
        char err[256];
        return lock_inspect(dir, info, NULL, err, sizeof err) > 0;
}

void lock_describe(const struct lock_info *info, char *out, size_t n)
{
        char who[200];
        if (*info->name && *info->user)
                snprintf(who, sizeof who, "%s (%s)", info->name, info->user);
        else
                snprintf(who, sizeof who, "%s", *info->user ? info->user : "someone");
        if (info->broken)
                snprintf(out, n, "%s, whose lock file is empty or cannot be read (last changed %s)",
                         who, *info->since ? info->since : "at an unknown time");
        else if (info->unread)
                snprintf(out, n, "%s, whose lock file only they can read (since %s)", who,
                         *info->since ? info->since : "an unknown time");
        else
                snprintf(out, n, "%s on %s (pid %ld) since %s", who,
                         *info->host ? info->host : "an unknown host", info->pid,
                         *info->since ? info->since : "an unknown time");
}

/* The lock's text, written whole into a temporary file beside it. Its name, or
 * "" on failure (err says why). */
static bool write_temp(int dfd, const char *body, size_t blen, unsigned mode, char *tmp, size_t tn,
                       char *err, size_t errlen)
{
        int fd = -1;
        unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&fd;
        for (int tries = 0; tries < 100 && fd < 0; tries++) {
                seed = seed * 1103515245u + 12345u;
                /* the name file_clean_temps knows: ".NAME.XXXXXX.tmp" */
                snprintf(tmp, tn, ".%s.%06x.tmp", LOCK_FILE, seed & 0xFFFFFF);
                fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
                if (fd < 0 && errno != EEXIST)
                        break;
        }
        if (fd < 0) {
                snprintf(err, errlen, "cannot create %s: %s", LOCK_FILE, strerror(errno));
                return false;
        }
        (void)fchmod(fd, mode);
        if (file_write_all(fd, body, blen) < 0 || fsync(fd) < 0 || close(fd) < 0) {
                snprintf(err, errlen, "cannot write %s: %s", LOCK_FILE, strerror(errno));
                unlinkat(dfd, tmp, 0);
                return false;
        }
        return true;
}

/* Puts the lock in place: 0 taken, 1 one is there already, -1 failed (err). */
static int place_lock(int dfd, const char *body, size_t blen, unsigned mode, char *err,
                      size_t errlen)
{
        char tmp[128];
        if (!write_temp(dfd, body, blen, mode, tmp, sizeof tmp, err, errlen))
                return -1;
        int rc = linkat(dfd, tmp, dfd, LOCK_FILE, 0);
        int e = errno;
        unlinkat(dfd, tmp, 0);
        if (rc == 0) {
                (void)fsync(dfd);
                return 0;
        }
        /* ENOENT: our temporary file went (file_clean_temps of the holder): the
         * lock is there, or is gone and is tried again */
        if (e == EEXIST || e == ENOENT)
                return 1;
        if (e != EPERM && e != EOPNOTSUPP && e != ENOSYS && e != EMLINK && e != EXDEV) {
                snprintf(err, errlen, "cannot create %s: %s", LOCK_FILE, strerror(e));
                return -1;
        }
        /* no hard links here (some network and FAT filesystems): create it
         * exclusively and write it, as well as can be done without them */
        int fd = openat(dfd, LOCK_FILE, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0) {
                if (errno == EEXIST)
                        return 1;
                snprintf(err, errlen, "cannot create %s: %s", LOCK_FILE, strerror(errno));
                return -1;
        }
        (void)fchmod(fd, mode);
        if (file_write_all(fd, body, blen) < 0 || fsync(fd) < 0 || close(fd) < 0) {
                snprintf(err, errlen, "cannot write %s: %s", LOCK_FILE, strerror(errno));
                unlinkat(dfd, LOCK_FILE, 0);
                return -1;
        }
        return 0;
}

enum lock_result lock_take(struct lock *l, const char *dir, unsigned mode, bool take_stale,
                           struct lock_info *info, char *err, size_t errlen)
{
        l->path = NULL;
        memset(info, 0, sizeof *info);
        char user[64], host[128], name[128], since[32];
        lock_whoami(user, sizeof user, host, sizeof host);
        user_full_name(name, sizeof name);
        if (strcmp(name, user) == 0) /* no full name: the login alone, not "ann (ann)" */
                name[0] = '\0';
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S", &tm);
        char body[640];
        int blen = snprintf(body, sizeof body, "user=%s\nname=%s\nhost=%s\npid=%ld\nsince=%s\n",
                            user, name, host, (long)getpid(), since);
        if (blen < 0 || (size_t)blen >= sizeof body) {
                snprintf(err, errlen, "cannot write %s: the text is too long", LOCK_FILE);
                return LOCK_FAILED;
        }
        mode &= 0660;
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0) {
                snprintf(err, errlen, "cannot open the folder: %s", strerror(errno));
                return LOCK_FAILED;
        }
        enum lock_result result = LOCK_HELD;
        for (int attempt = 0; attempt < 3; attempt++) {
                int placed = place_lock(dfd, body, (size_t)blen, mode, err, errlen);
                if (placed == 0) {
                        l->path = path_join(dir, LOCK_FILE);
                        result = LOCK_TAKEN;
                        break;
                }
                if (placed < 0) {
                        result = LOCK_FAILED;
                        break;
                }
                struct stat judged;
                int there = lock_inspect(dir, info, &judged, err, errlen);
                if (there < 0) {
                        result = LOCK_FAILED;
                        break;
                }
                if (there == 0)
                        continue; /* released meanwhile: try again */
                if (!info->stale) {
                        result = LOCK_HELD;
                        break;
                }
                if (!take_stale) {
                        result = LOCK_STALE;
                        break;
                }
                /* stale, and the user has been told: take it over, if it is still
                 * the file judged stale */
                struct stat now_sb;
                if (fstatat(dfd, LOCK_FILE, &now_sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                    now_sb.st_ino == judged.st_ino && now_sb.st_dev == judged.st_dev &&
                    now_sb.st_mtime == judged.st_mtime)
                        unlinkat(dfd, LOCK_FILE, 0);
        }
        close(dfd);
        return result;
}

void lock_release(struct lock *l)
{
        if (!l->path)
                return;
        char *data;
        size_t len;
        struct stat sb;
        if (file_read_all(l->path, FILE_NOFOLLOW, LOCK_MAX_BYTES, &data, &len, &sb) == 0) {
                char mine[32];
                snprintf(mine, sizeof mine, "\npid=%ld\n", (long)getpid());
                if (strstr(data, mine))
                        unlink(l->path);
                free(data);
        }
        free(l->path);
        l->path = NULL;
}

/* The file NAME in DIR, whole and NUL-terminated (caller frees; its length in
 * *len), or NULL. A spreadsheet's lock file is small: read LOCK_MAX_BYTES at most. */
static char *read_in(const char *dir, const char *name, size_t *len)
{
        char *p = path_join(dir, name), *data;
        struct stat sb;
        int rc = file_read_all(p, FILE_NOFOLLOW, LOCK_MAX_BYTES, &data, len, &sb);
        free(p);
        return rc < 0 ? NULL : data;
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
