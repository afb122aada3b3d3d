/* strmap.h — a small open-addressing map from strings to ints, for code and id
 * lookups that run once per reference on workbooks of 100k entries. */
#ifndef CAPBOOK_STRMAP_H
#define CAPBOOK_STRMAP_H

#include <stddef.h>

struct strmap_chunk;

struct strmap {
        char **keys; /* owned copies, kept in chunks */
        int *vals;
        unsigned *hashes; /* each key's hash, so growing never hashes again */
        size_t cap, n;
        struct strmap_chunk *chunks; /* the keys' bytes, a few allocations in all */
};

void strmap_put(struct strmap *m, const char *key, int val);
/* The value, or -1. */
int strmap_get(const struct strmap *m, const char *key);
int strmap_getn(const struct strmap *m, const char *key, size_t len);
void strmap_free(struct strmap *m);

#endif
