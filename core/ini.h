/* ini.h — iniparser, wrapped: its messages never reach stderr, a BOM or CRLF is
 * accepted, every value is read as a string and converted (and checked) here,
 * and each key knows its line for FILE:LINE: messages. */
#ifndef CAPBOOK_INI_H
#define CAPBOOK_INI_H

#include "core/diag.h"

#include <stdbool.h>

struct ini_key {
        char *name; /* "section:key", lower case */
        unsigned line;
};

struct ini {
        char *path;
        void *dict; /* iniparser's dictionary */
        struct ini_key *keys;
        size_t nkeys;
        struct ini_key *sections; /* "section", lower case, and its header's line */
        size_t nsections;
        bool empty; /* nothing but white space */
};

/* What is handed to iniparser at most (its load is quadratic in the lines). */
#define INI_MAX_BYTES (1u << 20)
#define INI_MAX_LINES 10000u

enum {
        INI_QUIET_MISSING = 1u, /* a missing file: -1 with no message */
        INI_NOFOLLOW = 2u,      /* a symbolic link is refused (workbook.ini) */
};

/* 0 ok; -1 unreadable or rejected (reason in d, as FILE:LINE:): not a regular
 * file, over INI_MAX_BYTES or INI_MAX_LINES, a NUL or control byte, a syntax
 * error. flags: INI_QUIET_MISSING, INI_NOFOLLOW. */
int ini_load(struct ini *ini, const char *path, unsigned flags, struct diag *d);
void ini_free(struct ini *ini);
/* key is "section:key"; NULL if absent. */
const char *ini_get(const struct ini *ini, const char *key);
unsigned ini_line(const struct ini *ini, const char *key);
/* Converted values: on a bad value, reports FILE:LINE: bad value for … and gives def. */
long ini_get_long(const struct ini *ini, const char *key, long def, long min, long max,
                  struct diag *d);
bool ini_get_bool(const struct ini *ini, const char *key, bool def, struct diag *d);
/* The index of value among choices (NULL-terminated), else reports and gives def. */
int ini_get_choice(const struct ini *ini, const char *key, const char *const *choices, int def,
                   struct diag *d);

/* Sets keys ("section:key") to values in the file, rewriting it atomically: a
 * key already there keeps its line, its value replaced; a new key goes after the
 * last key of its section (the section is added at the end if missing); every
 * other line (comments, other keys, blank lines) and the line ends stay as they
 * are. Values are written in double quotes and may hold neither a double quote
 * nor a line break. A missing file is created (with mode). 0, or -1 (reason in
 * d) with the file untouched, also when it cannot be read as INI. */
int ini_write(const char *path, const char *const *keys, const char *const *values, size_t n,
              unsigned mode, struct diag *d);

#endif
