/* fileio.h — reading a file whole and replacing one atomically (temp file in the
 * same folder, created exclusively, flushed, renamed, folder flushed). */
#ifndef CAPBOOK_FILEIO_H
#define CAPBOOK_FILEIO_H

#include <stdbool.h>
#include <sys/stat.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct file_stamp {
        bool exists;
        dev_t dev;
        ino_t ino;
        off_t size;
        long long mtime_ns;
        uint64_t hash; /* FNV-1a of the bytes */
};

/* What a read refuses, beyond errno's own reasons: errno holds one of these
 * (file_strerror names them). */
enum {
        FILE_E_NOTREG = 0x7f000001, /* not a regular file: a FIFO, folder, socket, device */
        FILE_E_SYMLINK,             /* a symbolic link where none is followed (FILE_NOFOLLOW) */
        FILE_E_TOOBIG,              /* larger than the limit */
};
/* How a file is opened for reading. */
enum { FILE_NOFOLLOW = 1u /* refuse a symbolic link (a file inside the workbook folder) */ };

/* The largest file read whole ([workbook] max_file_size); the default until set. */
#define FILE_MAX_SIZE_DEFAULT (4ULL << 30)
void file_set_max_size(unsigned long long bytes);
unsigned long long file_max_size(void);

/* Opens path for reading without blocking on it (a FIFO without a writer, a
 * device), and only if it is a regular file of at most max bytes (0: the limit
 * file_max_size). The descriptor with *sb filled (O_NONBLOCK cleared again), or
 * -1 with errno, a FILE_E_* for what is refused (*sb filled for FILE_E_TOOBIG). */
int file_open_read(const char *path, unsigned flags, unsigned long long max, struct stat *sb);
/* errno's text, or the FILE_E_* reason ("not a regular file", "is a symbolic link"). */
const char *file_strerror(int err);
/* "4 GiB", "512 MiB", "1.5 KiB", "100 bytes". */
void file_size_text(unsigned long long bytes, char *out, size_t n);

/* Reads path whole into *data (NUL-terminated, caller frees) as file_open_read
 * opens it (links followed, the size limit). 0 or -1 with errno. */
int file_read(const char *path, char **data, size_t *len, struct file_stamp *stamp);
/* The same with flags and a limit (0: file_max_size), with the file's stat and no
 * hash; a big file's buffer is on huge pages (xbig_alloc). */
int file_read_all(const char *path, unsigned flags, unsigned long long max, char **data,
                  size_t *len, struct stat *sb);
uint64_t file_hash(const char *data, size_t len);
/* Stamp of the file now (hashing its bytes); false if it cannot be read. */
bool file_stamp_now(const char *path, struct file_stamp *st);
bool file_stamp_same(const struct file_stamp *a, const struct file_stamp *b);

/* A shared folder: setgid and group-writable (2770), so that the files made in
 * it belong to its group, which may read and write them. */
bool folder_is_shared(const struct stat *sb);
/* The mode of a new file in folder dir: 0660 in a shared folder, whatever mode
 * says; else mode, never with world or execute bits. */
unsigned folder_file_mode(const char *dir, unsigned mode);
/* Makes folder path (its parent must exist): private (0700), or with gid
 * shared (2770, owned by group *gid). An existing folder is made so too. 0, or
 * -1 with err filled. */
int folder_create(const char *path, const gid_t *gid, char *err, size_t errlen);

/* Replaces path with data atomically. mode is used for a new file (0660 in a
 * shared folder, see folder_file_mode); an existing file keeps its mode (never
 * widened) and its group, set on the new file before the rename. Refuses a path
 * that is a symlink, a file the user may not write ("permission denied: ...")
 * and a file whose group cannot be kept while its mode lets the group in.
 * On failure returns -1 and fills err; the old file is untouched. */
int file_replace(const char *path, const char *data, size_t len, unsigned mode, char *err,
                 size_t errlen);
/* The same, the new contents written by write_fn into fd (0, or -1 with errno),
 * so that they need not be held in memory whole. */
int file_replace_with(const char *path, unsigned mode, int (*write_fn)(int fd, void *ctx),
                      void *ctx, char *err, size_t errlen);
/* Removes what saves cut off by a crash left in dir (our own temporary files
 * only); call it holding the workbook's lock. Returns how many went. */
int file_clean_temps(const char *dir);
/* write(2) until done (EINTR retried). 0, or -1 with errno. */
int file_write_all(int fd, const char *p, size_t n);
bool path_is_dir(const char *path);
bool path_exists(const char *path);
char *path_join(const char *dir, const char *name);
char *path_dirname(const char *path);
/* The folder of the running program (canonical, from /proc/self/exe); NULL if
 * unknown. Caller frees. */
char *exe_dir(void);
/* dir joined with rel, each leading "../" of rel taken off dir's end, so that
 * messages name "/usr/share/capbook", not "/usr/bin/../share/capbook". For a
 * canonical dir (no symlinks, as exe_dir gives) it names the same place. */
char *path_join_up(const char *dir, const char *rel);
const char *path_basename(const char *path);

#endif
