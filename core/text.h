/* text.h — byte buffers, the display sanitiser, UTF-8 checks, the formula guard
 * and `;`-separated lists: every string from a file passes through here. */
#ifndef CAPBOOK_TEXT_H
#define CAPBOOK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
        char *s;
        size_t len, cap;
};

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Memory for big arrays and buffers. Fresh memory is faulted in 4 KiB at a time,
 * which on a virtual machine can cost far more than filling it; a block of 1 MiB
 * or more is 2 MiB-aligned and may be backed by transparent huge pages. Not
 * zeroed (xbig_calloc is). Always free()-able and xrealloc()-able. */
void *xbig_alloc(size_t n);
void *xbig_calloc(size_t n, size_t size);
/* Grows (or shrinks) a block of used bytes to n bytes, as xrealloc; into a new
 * big block once it is big. */
void *xbig_realloc(void *p, size_t used, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the contents as a NUL-terminated string the caller owns; the buffer is emptied. */
char *buf_take(struct buf *b);
/* The contents, NUL-terminated (never NULL). */
const char *buf_str(struct buf *b);

/* Append s as display-safe text: C0/C1 controls, DEL, invalid UTF-8, bidi and
 * zero-width characters become visible placeholders (^[, \x9b, <U+202E>).
 * keep_newlines lets '\n' through (for multi-line output to a terminal). */
void text_sanitize(struct buf *out, const char *s, size_t len, bool keep_newlines);
/* Sanitised copy in one of a few rotating static buffers: for messages only. */
const char *text_safe(const char *s);

/* Length of a valid UTF-8 sequence at s (1..4), or 0 if invalid/truncated. */
size_t utf8_seq(const unsigned char *s, size_t len, unsigned *cp);
/* True if all of s is valid UTF-8; else *bad gets the offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* Display width of a sanitised UTF-8 string (wcwidth; 1 for unknown). */
size_t text_width(const char *s);
/* Wrapping: the first line of s at width display columns (widths as
 * text_width). It ends after the last space that fits, or before a space just
 * past the edge (the words before it fill the line); where no space does, at
 * the last character that fits (one character at least); or at a newline. The
 * line's length in bytes, the space it broke at included (but not one past the
 * edge), the newline not; *next (when not NULL) gets where the next line
 * starts: past the newline or that space, or the end. */
size_t text_wrap_line(const char *s, int width, const char **next);
/* The same, but a word wider than width is never broken: the line runs to its
 * end (a path, an address), for text that a terminal may wrap rather than cut. */
size_t text_wrap_words(const char *s, int width, const char **next);

/* Formula guard (SPEC): exactly reversible. */
bool guard_needed(const char *s, size_t len);
bool guard_present(const char *s, size_t len);

/* Lists: "A1.1; D1.2" → items, spaces around them trimmed, empties dropped. */
struct strlist {
        char **v;
        size_t n, cap;
};
/* The next item of a ';'-separated reference list at *p (spaces and tabs
 * around it trimmed, empty items skipped): its start and length; false at the
 * end. *p moves past it. */
bool list_next(const char **p, const char **item, size_t *len);
void strlist_split(struct strlist *l, const char *s);
void strlist_push(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
void strlist_join(const struct strlist *l, struct buf *out); /* "a; b" */
void strlist_free(struct strlist *l);

char *str_trim(char *s); /* in place, ASCII spaces/tabs */
bool str_ieq(const char *a, const char *b);
bool date_valid(const char *s); /* YYYY-MM-DD, a real date */
void date_today(char out[11]);
/* Days since 1970-01-01 of a valid date, and back. */
long date_days(const char *s);
void date_from_days(long days, char out[11]);
/* What probably happened to a date a spreadsheet reformatted (a day number,
 * 24/03/25), as words to add to a message; nothing if it does not look so. */
void date_damage(const char *v, struct buf *why);
/* A valid date moved by months (negative: back). A day the month lacks rolls
 * forward into the next month: 2024-02-29 + 12 months is 2025-03-01. */
void date_add_months(const char *s, int months, char out[11]);

#endif
