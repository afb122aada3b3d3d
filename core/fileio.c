/* fileio.c — whole-file reads and atomic replacement. Every write of a sheet
 * goes through file_replace so a crash leaves the old file or the new, whole. */
#include "core/fileio.h"
#include "core/text.h"
#include "core/user.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

uint64_t file_hash(const char *data, size_t len)
{
        uint64_t h = 1469598103934665603ULL;
        for (size_t i = 0; i < len; i++) {
                h ^= (unsigned char)data[i];
                h *= 1099511628211ULL;
        }
        return h;
}

static void stamp_fill(struct file_stamp *st, const struct stat *sb)
{
        st->exists = true;
        st->dev = sb->st_dev;
        st->ino = sb->st_ino;
        st->size = sb->st_size;
        st->mtime_ns = (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
}

static unsigned long long max_size = FILE_MAX_SIZE_DEFAULT;

void file_set_max_size(unsigned long long bytes)
{
        max_size = bytes ? bytes : FILE_MAX_SIZE_DEFAULT;
}

unsigned long long file_max_size(void)
{
        return max_size;
}

const char *file_strerror(int err)
{
        switch (err) {
        case FILE_E_NOTREG: return "not a regular file";
        case FILE_E_SYMLINK: return "is a symbolic link";
        case FILE_E_TOOBIG: return "larger than the size limit";
        default: return strerror(err);
        }
}

void file_size_text(unsigned long long bytes, char *out, size_t n)
{
        static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
                snprintf(out, n, "%llu byte%s", bytes, bytes == 1 ? "" : "s");
                return;
        }
        double v = (double)bytes;
        int u = -1;
        while (v >= 1024 && u < 3) {
                v /= 1024;
                u++;
        }
        if (v == (double)(unsigned long long)v)
                snprintf(out, n, "%llu %s", (unsigned long long)v, unit[u]);
        else
                snprintf(out, n, "%.1f %s", v, unit[u]);
}

int file_open_read(const char *path, unsigned flags, unsigned long long max, struct stat *sb)
{
        if (!max)
                max = max_size;
        int oflags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
        if (flags & FILE_NOFOLLOW)
                oflags |= O_NOFOLLOW;
        int fd = open(path, oflags);
        if (fd < 0) {
                /* a socket cannot be opened at all (ENXIO), a link refused is ELOOP:
                 * say what the thing is rather than the errno of the attempt */
                int e = errno;
                struct stat ls;
                if (e != ENOENT && e != EACCES &&
                    ((flags & FILE_NOFOLLOW) ? lstat(path, &ls) : stat(path, &ls)) == 0) {
                        if (S_ISLNK(ls.st_mode))
                                e = FILE_E_SYMLINK;
                        else if (!S_ISREG(ls.st_mode))
                                e = FILE_E_NOTREG;
                }
                errno = e;
                return -1;
        }
        int e = 0;
        if (fstat(fd, sb) < 0)
                e = errno;
        else if (!S_ISREG(sb->st_mode))
                e = FILE_E_NOTREG;
        else if ((unsigned long long)sb->st_size > max)
                e = FILE_E_TOOBIG;
        else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
                e = errno;
        if (e) {
                close(fd);
                errno = e;
                return -1;
        }
        return fd;
}

int file_read_all(const char *path, unsigned flags, unsigned long long max, char **data,
                  size_t *len, struct stat *sb)
{
        if (!max)
                max = max_size;
        int fd = file_open_read(path, flags, max, sb);
        if (fd < 0)
                return -1;
        /* room for the NUL and one byte more, so that reading to the end of a file
         * whose size is as stat said needs no reallocation */
        size_t cap = sb->st_size > 0 ? (size_t)sb->st_size + 2 : 4096, n = 0;
        char *p = xbig_alloc(cap);
        for (;;) {
                if (n + 1 >= cap) {
                        cap *= 2;
                        p = xrealloc(p, cap);
                }
                ssize_t r = read(fd, p + n, cap - n - 1);
                if (r < 0) {
                        if (errno == EINTR)
                                continue;
                        int e = errno;
                        free(p);
                        close(fd);
                        errno = e;
                        return -1;
                }
                if (r == 0)
                        break;
                n += (size_t)r;
                if (n > max) { /* it grew while being read */
                        free(p);
                        close(fd);
                        errno = FILE_E_TOOBIG;
                        return -1;
                }
        }
        close(fd);
        p[n] = '\0';
        *data = p;
        *len = n;
        return 0;
}

int file_read(const char *path, char **data, size_t *len, struct file_stamp *stamp)
{
        struct stat sb;
        if (file_read_all(path, 0, 0, data, len, &sb) < 0)
                return -1;
        if (stamp) {
                stamp_fill(stamp, &sb);
                stamp->size = (off_t)*len;
                stamp->hash = file_hash(*data, *len);
        }
        return 0;
}

bool file_stamp_now(const char *path, struct file_stamp *st)
{
        char *d;
        size_t n;
        memset(st, 0, sizeof *st);
        if (file_read(path, &d, &n, st) < 0)
                return false;
        free(d);
        return true;
}

bool file_stamp_same(const struct file_stamp *a, const struct file_stamp *b)
{
        if (a->exists != b->exists)
                return false;
        if (!a->exists)
                return true;
        return a->size == b->size && a->hash == b->hash;
}

bool path_is_dir(const char *path)
{
        struct stat sb;
        return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

bool path_exists(const char *path)
{
        struct stat sb;
        return lstat(path, &sb) == 0;
}

char *path_join(const char *dir, const char *name)
{
        struct buf b = {0};
        buf_adds(&b, dir);
        if (b.len && b.s[b.len - 1] != '/')
                buf_addc(&b, '/');
        buf_adds(&b, name);
        return buf_take(&b);
}

char *exe_dir(void)
{
        char buf[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n <= 0)
                return NULL;
        buf[n] = '\0';
        return path_dirname(buf);
}

char *path_join_up(const char *dir, const char *rel)
{
        char *d = xstrdup(dir);
        for (size_t n = strlen(d); n > 1 && d[n - 1] == '/';)
                d[--n] = '\0';
        /* only an absolute dir: "." or "a/.." cannot be shortened by text alone */
        while (d[0] == '/' && strncmp(rel, "../", 3) == 0) {
                char *up = path_dirname(d); /* "/" stays "/", as /.. is / */
                free(d);
                d = up;
                rel += 3;
        }
        char *p = path_join(d, rel);
        free(d);
        return p;
}

char *path_dirname(const char *path)
{
        const char *slash = strrchr(path, '/');
        if (!slash)
                return xstrdup(".");
        if (slash == path)
                return xstrdup("/");
        return xstrndup(path, (size_t)(slash - path));
}

const char *path_basename(const char *path)
{
        const char *slash = strrchr(path, '/');
        return slash ? slash + 1 : path;
}

int file_write_all(int fd, const char *p, size_t n)
{
        while (n) {
                ssize_t w = write(fd, p, n);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

bool folder_is_shared(const struct stat *sb)
{
        return S_ISDIR(sb->st_mode) && (sb->st_mode & S_ISGID) && (sb->st_mode & S_IWGRP);
}

unsigned folder_file_mode(const char *dir, unsigned mode)
{
        struct stat sb;
        if (stat(dir, &sb) == 0 && folder_is_shared(&sb))
                return 0660;
        return mode & 0660;
}

int folder_create(const char *path, const gid_t *gid, char *err, size_t errlen)
{
        if (mkdir(path, 0700) < 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create the folder: %s", strerror(errno));
                return -1;
        }
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
                snprintf(err, errlen, "cannot open the folder: %s", strerror(errno));
                return -1;
        }
        struct stat sb;
        int rc = 0;
        char group[64] = "";
        if (gid)
                user_group_name(*gid, group, sizeof group);
        /* the mode is set, not left to the umask; the group first, as a change of
         * group may clear the setgid bit */
        if (gid && fchown(fd, (uid_t)-1, *gid) < 0) {
                snprintf(err, errlen, "cannot give the folder to group %s: %s", group,
                         strerror(errno));
                rc = -1;
        } else if (fchmod(fd, gid ? 02770 : 0700) < 0) {
                snprintf(err, errlen, "cannot set the folder's permissions: %s", strerror(errno));
                rc = -1;
        } else if (gid && (fstat(fd, &sb) < 0 || !folder_is_shared(&sb) || sb.st_gid != *gid)) {
                snprintf(err, errlen, "the folder could not be made group %s's (setgid, 2770)",
                         group);
                rc = -1;
        }
        close(fd);
        return rc;
}

/* A new file's mode in the folder open as dfd (folder_file_mode). */
static unsigned new_file_mode(int dfd, unsigned mode)
{
        struct stat sb;
        if (fstat(dfd, &sb) == 0 && folder_is_shared(&sb))
                return 0660;
        return mode & 0660;
}

struct replace_data {
        const char *data;
        size_t len;
};

static int write_data(int fd, void *ctx)
{
        const struct replace_data *r = ctx;
        return file_write_all(fd, r->data, r->len);
}

int file_replace(const char *path, const char *data, size_t len, unsigned mode, char *err,
                 size_t errlen)
{
        struct replace_data r = {data, len};
        return file_replace_with(path, mode, write_data, &r, err, errlen);
}

int file_replace_with(const char *path, unsigned mode, int (*write_fn)(int fd, void *ctx),
                      void *ctx, char *err, size_t errlen)
{
        char *dir = path_dirname(path);
        const char *base = path_basename(path);
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        free(dir);
        if (dfd < 0) {
                snprintf(err, errlen, "cannot open its folder: %s", strerror(errno));
                return -1;
        }
        struct stat old;
        bool had_old = fstatat(dfd, base, &old, AT_SYMLINK_NOFOLLOW) == 0;
        if (had_old && S_ISLNK(old.st_mode)) {
                snprintf(err, errlen, "is a symbolic link; capbook does not write through links");
                close(dfd);
                return -1;
        }
        /* the folder would let the file be replaced, but the file's own mode says
         * who may change it: that is what the user is told and what is kept to */
        if (had_old && faccessat(dfd, base, W_OK, AT_EACCESS) < 0 && errno == EACCES) {
                char why[256];
                user_access_why(&old, W_OK, why, sizeof why);
                snprintf(err, errlen, "permission denied (%s)", why);
                close(dfd);
                return -1;
        }
        mode = had_old ? old.st_mode & 0660 : new_file_mode(dfd, mode);
        char tmp[512];
        int fd = -1;
        unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&tmp;
        for (int tries = 0; tries < 100 && fd < 0; tries++) {
                seed = seed * 1103515245u + 12345u;
                snprintf(tmp, sizeof tmp, ".%.200s.%06x.tmp", base, seed & 0xFFFFFF);
                fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
                if (fd < 0 && errno != EEXIST)
                        break;
        }
        struct stat ds;
        if (fd < 0 && errno == EACCES && fstat(dfd, &ds) == 0) {
                char why[256];
                user_access_why(&ds, W_OK | X_OK, why, sizeof why);
                snprintf(err, errlen, "permission denied (its folder: %s)", why);
                close(dfd);
                return -1;
        }
        if (fd < 0) {
                snprintf(err, errlen, "cannot create a temporary file beside it: %s",
                         strerror(errno));
                close(dfd);
                return -1;
        }
        /* group, then mode (a change of group may clear mode bits), before the
         * rename: the file never shows under its name with other permissions */
        struct stat now;
        if (had_old && fstat(fd, &now) == 0 && now.st_gid != old.st_gid &&
            fchown(fd, (uid_t)-1, old.st_gid) < 0 && (mode & 0070)) {
                char group[64];
                user_group_name(old.st_gid, group, sizeof group);
                snprintf(err, errlen,
                         "its group %s cannot be kept (you are not in it), and another group "
                         "would be let in",
                         group);
                close(fd);
                unlinkat(dfd, tmp, 0);
                close(dfd);
                return -1;
        }
        (void)fchmod(fd, mode);
        if (write_fn(fd, ctx) < 0 || fsync(fd) < 0) {
                snprintf(err, errlen, "write failed: %s", strerror(errno));
                close(fd);
                unlinkat(dfd, tmp, 0);
                close(dfd);
                return -1;
        }
        if (close(fd) < 0) {
                snprintf(err, errlen, "write failed: %s", strerror(errno));
                unlinkat(dfd, tmp, 0);
                close(dfd);
                return -1;
        }
        if (renameat(dfd, tmp, dfd, base) < 0) {
                snprintf(err, errlen, "cannot rename into place: %s", strerror(errno));
                unlinkat(dfd, tmp, 0);
                close(dfd);
                return -1;
        }
        (void)fsync(dfd); /* some filesystems cannot; the rename itself is atomic */
        close(dfd);
        return 0;
}

/* ".evidence.csv.1a2b3c.tmp": what file_replace writes before its rename. */
static bool is_save_temp(const char *name)
{
        size_t n = strlen(name);
        if (n < 13 || name[0] != '.' || strcmp(name + n - 4, ".tmp") != 0 || name[n - 11] != '.')
                return false;
        for (size_t i = n - 10; i < n - 4; i++)
                if (!isxdigit((unsigned char)name[i]))
                        return false;
        return true;
}

int file_clean_temps(const char *dir)
{
        DIR *d = opendir(dir);
        if (!d)
                return 0;
        int dfd = dirfd(d), removed = 0;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
                struct stat sb;
                if (!is_save_temp(de->d_name) ||
                    fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
                    !S_ISREG(sb.st_mode) || sb.st_uid != geteuid())
                        continue;
                if (unlinkat(dfd, de->d_name, 0) == 0)
                        removed++;
        }
        closedir(d);
        return removed;
}
