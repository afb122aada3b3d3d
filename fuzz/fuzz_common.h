/* fuzz_common.h — helpers shared by the libFuzzer harnesses. */
#ifndef CAPBOOK_FUZZ_COMMON_H
#define CAPBOOK_FUZZ_COMMON_H

#include "core/diag.h"
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(cond)                                                                          \
        do {                                                                                       \
                if (!(cond)) {                                                                     \
                        fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__,       \
                                #cond);                                                            \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

/* True if s (len bytes) is safe to print on a terminal: valid UTF-8, no C0 but
 * the allowed newline, no DEL, no C1, no bidi or invisible format character. */
static inline bool fuzz_display_safe(const char *s, size_t len, bool newline_ok)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t i = 0;
        while (i < len) {
                unsigned cp;
                size_t n = utf8_seq(u + i, len - i, &cp);
                if (!n)
                        return false;
                if ((cp < 0x20 && !(cp == '\n' && newline_ok)) || (cp >= 0x7F && cp <= 0x9F))
                        return false;
                if (cp == 0x061C || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
                    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
                    cp == 0xFEFF)
                        return false;
                i += n;
        }
        return true;
}

/* Every message a load produced formats as display-safe text. */
static inline void fuzz_check_diag(const struct diag *d)
{
        for (size_t i = 0; i < d->n; i++) {
                char *s = diag_format(&d->v[i]);
                FUZZ_ASSERT(fuzz_display_safe(s, strlen(s), false));
                free(s);
        }
}

#endif
