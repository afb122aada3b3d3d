/* lock.h — who has a workbook open for writing (.capbook.lock in its folder), and
 * whether a spreadsheet has one of its sheets open (LibreOffice / Office lock files). */
#ifndef CAPBOOK_LOCK_H
#define CAPBOOK_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#define LOCK_FILE ".capbook.lock"

struct lock_info {
        char user[64], host[128], since[32];
        long pid;
        bool stale; /* same host, and that process is gone */
};

enum lock_result {
        LOCK_TAKEN,  /* ours now */
        LOCK_HELD,   /* someone else's (info filled) */
        LOCK_STALE,  /* a dead process's on this host (info filled); take_stale to take it */
        LOCK_FAILED, /* the folder cannot be written: err says why */
};

struct lock {
        char *path; /* NULL when not held */
};

/* Takes the lock of workbook folder dir. With take_stale, a stale lock is
 * replaced (the caller has said so to the user). mode: permissions of the file. */
enum lock_result lock_take(struct lock *l, const char *dir, unsigned mode, bool take_stale,
                           struct lock_info *info, char *err, size_t errlen);
/* Reads the lock of dir without taking it: false if there is none. */
bool lock_read(const char *dir, struct lock_info *info);
/* Removes the lock if it is still ours. */
void lock_release(struct lock *l);
/* "Ann on host1 (pid 123) since 2026-11-23 10:00" */
void lock_describe(const struct lock_info *info, char *out, size_t n);

/* This user's login name and this host's name. */
void lock_whoami(char *user, size_t un, char *host, size_t hn);

/* A spreadsheet's lock file beside sheet_path (.~lock.NAME# of LibreOffice,
 * ~$NAME of Office): who holds it, as text, or false. Never removes it. */
bool office_lock_owner(const char *sheet_path, char *who, size_t n);

#endif
