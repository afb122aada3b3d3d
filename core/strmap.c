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

void idmap_init(struct idmap *m, const char *prefix)
{
        memset(m, 0, sizeof *m);
        m->prefix = prefix;
}

/* The id's number when it is the prefix and a plain number, else -1. */
static long long id_plain(const struct idmap *m, const char *id)
{
        size_t pl = m->prefix ? strlen(m->prefix) : 0;
        if (!pl || strncmp(id, m->prefix, pl) != 0)
                return -1;
        const char *p = id + pl;
        if (*p < '0' || *p > '9' || (*p == '0' && p[1]))
                return -1;
        long long n = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
                n = n * 10 + (*p - '0');
                if (n > INT32_MAX)
                        return -1;
        }
        return *p ? -1 : n;
}

/* Can number n have an array slot? The array grows for numbers up to a few
 * times the ids it holds, never for one stray huge number. */
static bool by_number_room(struct idmap *m, long long n)
{
        if (n < 0)
                return false;
        if ((size_t)n < m->cap)
                return true;
        size_t limit = m->numbered * 4 + ((size_t)1 << 16);
        if ((size_t)n >= limit)
                return false;
        size_t cap = m->cap ? m->cap : 1024;
        while (cap <= (size_t)n)
                cap *= 2;
        unsigned *v = xbig_calloc(cap, sizeof *v);
        if (m->cap)
                memcpy(v, m->by_number, m->cap * sizeof *v);
        free(m->by_number);
        m->by_number = v;
        m->cap = cap;
        return true;
}

void idmap_reserve(struct idmap *m, size_t n)
{
        if (m->prefix && *m->prefix && n + 1 > m->cap) {
                size_t numbered = m->numbered;
                m->numbered = n; /* the room for them, before they are added */
                by_number_room(m, (long long)n + (long long)(n / 16));
                m->numbered = numbered;
        }
}

int idmap_get(const struct idmap *m, const char *id)
{
        long long n = id_plain(m, id);
        if (n >= 0 && (size_t)n < m->cap && m->by_number[n])
                return (int)m->by_number[n] - 1;
        return m->other.n ? strmap_get(&m->other, id) : -1;
}

int idmap_add(struct idmap *m, const char *id, int row)
{
        long long n = id_plain(m, id);
        if (n >= 0 && (size_t)n < m->cap && m->by_number[n])
                return (int)m->by_number[n] - 1;
        int had = m->other.n ? strmap_get(&m->other, id) : -1;
        if (had >= 0)
                return had;
        if (by_number_room(m, n)) {
                m->by_number[n] = (unsigned)row + 1;
                m->numbered++;
        } else {
                strmap_put(&m->other, id, row);
        }
        return -1;
}

void idmap_put(struct idmap *m, const char *id, int row)
{
        long long n = id_plain(m, id);
        if (n >= 0 && (size_t)n < m->cap && m->by_number[n]) {
                m->by_number[n] = (unsigned)row + 1;
                return;
        }
        if (m->other.n && strmap_get(&m->other, id) >= 0) {
                strmap_put(&m->other, id, row);
                return;
        }
        idmap_add(m, id, row);
}

void idmap_free(struct idmap *m)
{
        const char *prefix = m->prefix;
        free(m->by_number);
        strmap_free(&m->other);
        memset(m, 0, sizeof *m);
        m->prefix = prefix;
}
