/* strmap.c — FNV-1a hashing, linear probing, grows at half full. */
#include "core/strmap.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t n)
{
        uint64_t h = 1469598103934665603ULL;
        for (size_t i = 0; i < n; i++) {
                h ^= (unsigned char)s[i];
                h *= 1099511628211ULL;
        }
        return h;
}

static void grow(struct strmap *m)
{
        struct strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = xcalloc(m->cap, sizeof *m->keys);
        m->vals = xcalloc(m->cap, sizeof *m->vals);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
                if (!old.keys[i])
                        continue;
                size_t j = hash(old.keys[i], strlen(old.keys[i])) & (m->cap - 1);
                while (m->keys[j])
                        j = (j + 1) & (m->cap - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->n++;
        }
        free(old.keys);
        free(old.vals);
}

void strmap_put(struct strmap *m, const char *key, int val)
{
        if ((m->n + 1) * 2 > m->cap)
                grow(m);
        size_t len = strlen(key);
        size_t j = hash(key, len) & (m->cap - 1);
        while (m->keys[j]) {
                if (strcmp(m->keys[j], key) == 0) {
                        m->vals[j] = val;
                        return;
                }
                j = (j + 1) & (m->cap - 1);
        }
        m->keys[j] = xstrdup(key);
        m->vals[j] = val;
        m->n++;
}

int strmap_getn(const struct strmap *m, const char *key, size_t len)
{
        if (!m->cap)
                return -1;
        size_t j = hash(key, len) & (m->cap - 1);
        while (m->keys[j]) {
                if (strncmp(m->keys[j], key, len) == 0 && m->keys[j][len] == '\0')
                        return m->vals[j];
                j = (j + 1) & (m->cap - 1);
        }
        return -1;
}

int strmap_get(const struct strmap *m, const char *key)
{
        return strmap_getn(m, key, strlen(key));
}

void strmap_free(struct strmap *m)
{
        for (size_t i = 0; i < m->cap; i++)
                free(m->keys[i]);
        free(m->keys);
        free(m->vals);
        memset(m, 0, sizeof *m);
}
