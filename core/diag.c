/* diag.c — the one place problems become "FILE:LINE: message" text. */
#include "core/diag.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_add(struct diag *d, enum diag_level level, const char *file, unsigned line,
              const char *fmt, ...)
{
        if (!d)
                return;
        if (d->n == d->cap) {
                d->cap = d->cap ? d->cap * 2 : 8;
                d->v = xrealloc(d->v, d->cap * sizeof *d->v);
        }
        struct buf b = {0};
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        buf_grow(&b, n > 0 ? (size_t)n : 0);
        va_start(ap, fmt);
        vsnprintf(b.s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
        va_end(ap);
        b.len = n > 0 ? (size_t)n : 0;
        struct diag_item *it = &d->v[d->n++];
        it->level = level;
        it->file = xstrdup(file ? file : "");
        it->line = line;
        it->msg = buf_take(&b);
}

size_t diag_count(const struct diag *d, enum diag_level min)
{
        size_t n = 0;
        for (size_t i = 0; i < d->n; i++)
                n += d->v[i].level >= min;
        return n;
}

char *diag_format(const struct diag_item *it)
{
        struct buf b = {0};
        if (*it->file) {
                text_sanitize(&b, it->file, strlen(it->file), false);
                if (it->line)
                        buf_printf(&b, ":%u", it->line);
                buf_adds(&b, ": ");
        }
        if (it->level == DIAG_WARN)
                buf_adds(&b, "warning: ");
        else if (it->level == DIAG_NOTE)
                buf_adds(&b, "note: ");
        text_sanitize(&b, it->msg, strlen(it->msg), false);
        return buf_take(&b);
}

void diag_print(const struct diag *d, FILE *f)
{
        for (size_t i = 0; i < d->n; i++) {
                char *s = diag_format(&d->v[i]);
                fprintf(f, "capbook: %s\n", s);
                free(s);
        }
}

void diag_clear(struct diag *d)
{
        for (size_t i = 0; i < d->n; i++) {
                free(d->v[i].file);
                free(d->v[i].msg);
        }
        d->n = 0;
}

void diag_free(struct diag *d)
{
        diag_clear(d);
        free(d->v);
        d->v = NULL;
        d->cap = 0;
}
