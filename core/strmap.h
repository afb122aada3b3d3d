/* strmap.h — a small open-addressing map from strings to ints, for code and id
 * lookups that run once per reference on workbooks of 100k entries. */
#ifndef CAPBOOK_STRMAP_H
#define CAPBOOK_STRMAP_H

#include <stddef.h>

struct strmap_chunk;

struct strmap_slot {
        char *key;     /* an owned copy, kept in the chunks; NULL: a free slot */
        unsigned hash; /* the key's, so growing never hashes again */
        int val;
};

struct strmap {
        struct strmap_slot *slots; /* one array: a probe touches one cache line */
        size_t cap, n;
        struct strmap_chunk *chunks; /* the keys' bytes, a few allocations in all */
};

void strmap_put(struct strmap *m, const char *key, int val);
/* Adds key with val unless it is there already: then returns its value and
 * leaves it; -1 when added. One lookup where strmap_get + strmap_put take two. */
int strmap_add(struct strmap *m, const char *key, int val);
/* Room for n keys in all, so that adding them never grows the table. */
void strmap_reserve(struct strmap *m, size_t n);
/* The value, or -1. */
int strmap_get(const struct strmap *m, const char *key);
int strmap_getn(const struct strmap *m, const char *key, size_t len);
void strmap_free(struct strmap *m);

/* Row ids to rows, for sheets of a million rows: an id that is the sheet's
 * prefix and a plain number (E17, not E017 or E17b) is found by its number in
 * an array, four bytes a row; any other in a strmap. The same answers as a
 * strmap of every id. */
struct idmap {
        const char *prefix;  /* "" for a sheet whose ids are names (units) */
        unsigned *by_number; /* number → row + 1, 0 for none */
        size_t cap, numbered;
        struct strmap other;
};

void idmap_init(struct idmap *m, const char *prefix);
/* Room for n ids numbered 1..n (and a little more). */
void idmap_reserve(struct idmap *m, size_t n);
void idmap_put(struct idmap *m, const char *id, int row);
/* Adds id with row unless it is there already: then returns its row; -1 when added. */
int idmap_add(struct idmap *m, const char *id, int row);
/* The row, or -1. */
int idmap_get(const struct idmap *m, const char *id);
void idmap_free(struct idmap *m);

#endif
