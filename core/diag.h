/* diag.h — problems found in files, kept as FILE:LINE: message. The CLI prints
 * them to stderr and the TUI shows them on its status line; both format here. */
#ifndef CAPBOOK_DIAG_H
#define CAPBOOK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARN, DIAG_ERROR };

struct diag_item {
        enum diag_level level;
        char *file;    /* as the user named it */
        unsigned line; /* 0: the whole file */
        char *msg;
};

struct diag {
        struct diag_item *v;
        size_t n, cap;
};

void diag_add(struct diag *d, enum diag_level level, const char *file, unsigned line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t diag_count(const struct diag *d, enum diag_level min);
/* "FILE:LINE: message", sanitised; the caller frees. */
char *diag_format(const struct diag_item *it);
/* Prints every item as "capbook: FILE:LINE: message" to f. */
void diag_print(const struct diag *d, FILE *f);
void diag_clear(struct diag *d);
void diag_free(struct diag *d);

#endif
