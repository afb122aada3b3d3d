/* strmap.c — FNV-1a hashing, linear probing, grows at half full. */
#include "core/strmap.h"
#include "core/text.h"

#include <stdbool.h>
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

struct strmap_chunk {
        struct strmap_chunk *next;
        size_t used, cap;
        char mem[];
};

/* A copy of key[0..len) with its NUL, from the map's chunks. */
static char *key_copy(struct strmap *m, const char *key, size_t len)
{
        struct strmap_chunk *c = m->chunks;
        if (!c || c->cap - c->used < len + 1) {
                size_t cap = c && c->cap < ((size_t)1 << 20) ? c->cap * 2 : (size_t)4096;
                if (cap < len + 1)
                        cap = len + 1;
                c = xmalloc(sizeof *c + cap);
                c->next = m->chunks;
                c->used = 0;
                c->cap = cap;
                m->chunks = c;
        }
        char *p = c->mem + c->used;
        memcpy(p, key, len);
        p[len] = '\0';
        c->used += len + 1;
        return p;
}

static void grow_to(struct strmap *m, size_t cap)
{
        struct strmap old = *m;
        m->cap = cap;
        m->slots = xbig_calloc(m->cap, sizeof *m->slots);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
                if (!old.slots[i].key)
                        continue;
                size_t j = old.slots[i].hash & (m->cap - 1);
                while (m->slots[j].key)
                        j = (j + 1) & (m->cap - 1);
                m->slots[j] = old.slots[i];
                m->n++;
        }
        free(old.slots);
}

static void grow(struct strmap *m)
{
        grow_to(m, m->cap ? m->cap * 2 : 64);
}

void strmap_reserve(struct strmap *m, size_t n)
{
        size_t cap = m->cap ? m->cap : 64;
        while (n * 2 > cap)
                cap *= 2;
        if (cap > m->cap)
                grow_to(m, cap);
}

/* The slot holding the len bytes of key, or the free slot where they would go. */
static struct strmap_slot *slot(const struct strmap *m, const char *key, size_t len, unsigned h)
{
        size_t j = h & (m->cap - 1);
        while (m->slots[j].key) {
                const struct strmap_slot *sl = &m->slots[j];
                if (sl->hash == h && strncmp(sl->key, key, len) == 0 && sl->key[len] == '\0')
                        break;
                j = (j + 1) & (m->cap - 1);
        }
        return &m->slots[j];
}

/* The slot for key, made (key copied, val set) if it was not there; *made says. */
static struct strmap_slot *slot_made(struct strmap *m, const char *key, int val, bool *made)
{
        if ((m->n + 1) * 2 > m->cap)
                grow(m);
        size_t len = strlen(key);
        unsigned h = (unsigned)hash(key, len);
        struct strmap_slot *sl = slot(m, key, len, h);
        *made = !sl->key;
        if (*made) {
                sl->key = key_copy(m, key, len);
                sl->hash = h;
                sl->val = val;
                m->n++;
        }
        return sl;
}

void strmap_put(struct strmap *m, const char *key, int val)
{
        bool made;
        slot_made(m, key, val, &made)->val = val;
}

int strmap_add(struct strmap *m, const char *key, int val)
{
        bool made;
        struct strmap_slot *sl = slot_made(m, key, val, &made);
        return made ? -1 : sl->val;
}

int strmap_getn(const struct strmap *m, const char *key, size_t len)
{
        if (!m->cap)
                return -1;
        const struct strmap_slot *sl = slot(m, key, len, (unsigned)hash(key, len));
        return sl->key ? sl->val : -1;
}

int strmap_get(const struct strmap *m, const char *key)
{
        return strmap_getn(m, key, strlen(key));
}

void strmap_free(struct strmap *m)
{
        for (struct strmap_chunk *c = m->chunks, *next; c; c = next) {
                next = c->next;
                free(c);
        }
        free(m->slots);
        memset(m, 0, sizeof *m);
}
