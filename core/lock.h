/* lock.h — who has a workbook open for writing (.capbook.lock in its folder), and
 * whether a spreadsheet has one of its sheets open (LibreOffice / Office lock files). */
#ifndef CAPBOOK_LOCK_H
#define CAPBOOK_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#define LOCK_FILE ".capbook.lock"

struct lock_info {
        char user[64];  /* login */
        char name[128]; /* full name (the passwd GECOS field), or "" */
        char host[128], since[32];
        long pid;
        bool stale;  /* same host, and that process is gone; or broken and old */
        bool broken; /* empty or unparsable (a writer killed half-way, or garbage) */
        bool unread; /* there, but not ours to read (another user's private lock) */
};

/* A lock that is empty or unparsable is taken to be still being written for this
 * long after it was last changed; older, it is stale. */
#define LOCK_BROKEN_STALE_SECONDS 10

enum lock_result {
        LOCK_TAKEN,  /* ours now */
        LOCK_HELD,   /* someone else's (info filled) */
        LOCK_STALE,  /* a dead process's on this host (info filled); take_stale to take it */
        LOCK_FAILED, /* the folder cannot be written, or the lock is a link: err says why */
};

struct lock {
        char *path; /* NULL when not held */
};

/* Takes the lock of workbook folder dir. The lock is written whole into a
 * temporary file and then linked into place, so no one ever reads it half
 * written (where the filesystem has no hard links, it is created exclusively and
 * written). With take_stale, a stale lock is replaced (the caller has said so to
 * the user). mode: permissions of the file. */
enum lock_result lock_take(struct lock *l, const char *dir, unsigned mode, bool take_stale,
                           struct lock_info *info, char *err, size_t errlen);
/* Reads the lock of dir without taking it: false if there is none. */
bool lock_read(const char *dir, struct lock_info *info);
/* Removes the lock if it is still ours. */
void lock_release(struct lock *l);
/* "Ann Example (ann) on host1 (pid 123) since 2026-11-23 10:00:00" */
void lock_describe(const struct lock_info *info, char *out, size_t n);

/* This user's login name and this host's name. */
void lock_whoami(char *user, size_t un, char *host, size_t hn);

/* A spreadsheet's lock file beside sheet_path (.~lock.NAME# of LibreOffice,
 * ~$NAME of Office): who holds it, as text, or false. Never removes it. */
bool office_lock_owner(const char *sheet_path, char *who, size_t n);

#endif
