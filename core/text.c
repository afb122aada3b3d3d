/* text.c — byte buffers, the display sanitiser, UTF-8 checks, the formula guard
 * and `;`-separated lists. No curses here: the TUI and the CLI share it. */
#include "core/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <wchar.h>

static void oom(void)
{
        static const char msg[] = "capbook: out of memory\n";
        fwrite(msg, 1, sizeof msg - 1, stderr);
        abort();
}

void *xmalloc(size_t n)
{
        void *p = malloc(n ? n : 1);
        if (!p)
                oom();
        return p;
}

void *xcalloc(size_t n, size_t size)
{
        void *p = calloc(n ? n : 1, size ? size : 1);
        if (!p)
                oom();
        return p;
}

void *xrealloc(void *p, size_t n)
{
        p = realloc(p, n ? n : 1);
        if (!p)
                oom();
        return p;
}

#define HUGE_ALIGN ((size_t)2 << 20)
#define BIG_MIN    ((size_t)1 << 20)

void *xbig_alloc(size_t n)
{
        if (n < BIG_MIN)
                return xmalloc(n);
        size_t r = (n + HUGE_ALIGN - 1) & ~(HUGE_ALIGN - 1);
        void *p;
        if (posix_memalign(&p, HUGE_ALIGN, r) != 0)
                return xmalloc(n);
#ifdef MADV_HUGEPAGE
        (void)madvise(p, r, MADV_HUGEPAGE);
#endif
        return p;
}

void *xbig_calloc(size_t n, size_t size)
{
        if (size && n > (size_t)-1 / size)
                oom();
        if (n * size < BIG_MIN)
                return xcalloc(n, size);
        void *p = xbig_alloc(n * size);
        memset(p, 0, n * size);
        return p;
}

void *xbig_realloc(void *p, size_t used, size_t n)
{
        if (n < BIG_MIN || !p)
                return p ? xrealloc(p, n) : xbig_alloc(n);
        void *q = xbig_alloc(n);
        memcpy(q, p, used < n ? used : n);
        free(p);
        return q;
}

char *xstrndup(const char *s, size_t n)
{
        char *p = xmalloc(n + 1);
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *xstrdup(const char *s)
{
        return xstrndup(s, strlen(s));
}

void buf_grow(struct buf *b, size_t extra)
{
        if (b->len + extra + 1 <= b->cap)
                return;
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + extra + 1)
                cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
        b->s[b->len] = '\0';
}

void buf_add(struct buf *b, const char *s, size_t n)
{
        buf_grow(b, n);
        if (n)
                memcpy(b->s + b->len, s, n);
        b->len += n;
        b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
        buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
        buf_grow(b, 1);
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n <= 0)
                return;
        buf_grow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
        b->len += (size_t)n;
}

void buf_reset(struct buf *b)
{
        b->len = 0;
        if (b->s)
                b->s[0] = '\0';
}

void buf_free(struct buf *b)
{
        free(b->s);
        b->s = NULL;
        b->len = b->cap = 0;
}

char *buf_take(struct buf *b)
{
        char *s = b->s ? b->s : xstrdup("");
        b->s = NULL;
        b->len = b->cap = 0;
        return s;
}

const char *buf_str(struct buf *b)
{
        if (!b->s)
                buf_grow(b, 0), b->s[0] = '\0';
        return b->s;
}

size_t utf8_seq(const unsigned char *s, size_t len, unsigned *cp)
{
        if (!len)
                return 0;
        unsigned c = s[0];
        size_t n;
        unsigned min;
        if (c < 0x80) {
                *cp = c;
                return 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
                n = 2, c &= 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3, c &= 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4, c &= 0x07, min = 0x10000;
        } else {
                return 0;
        }
        if (len < n)
                return 0;
        for (size_t i = 1; i < n; i++) {
                if ((s[i] & 0xC0) != 0x80)
                        return 0;
                c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
                return 0;
        *cp = c;
        return n;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t i = 0;
        unsigned cp;
        while (i < len) {
                if (u[i] < 0x80) {
                        i++;
                        continue;
                }
                size_t n = utf8_seq(u + i, len - i, &cp);
                if (!n) {
                        if (bad)
                                *bad = i;
                        return false;
                }
                i += n;
        }
        return true;
}

/* Characters that reorder or hide text: shown as <U+XXXX>. */
static bool invisible_format(unsigned cp)
{
        return cp == 0x061C || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

void text_sanitize(struct buf *out, const char *s, size_t len, bool keep_newlines)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t i = 0;
        buf_grow(out, len);
        while (i < len) {
                unsigned c = u[i];
                if (c >= 0x20 && c < 0x7F) {
                        size_t j = i;
                        while (j < len && u[j] >= 0x20 && u[j] < 0x7F)
                                j++;
                        buf_add(out, s + i, j - i);
                        i = j;
                        continue;
                }
                if (c < 0x20 || c == 0x7F) {
                        if (c == '\n' && keep_newlines) {
                                buf_addc(out, '\n');
                        } else {
                                buf_addc(out, '^');
                                buf_addc(out, c == 0x7F ? '?' : (char)(c + 0x40));
                        }
                        i++;
                        continue;
                }
                unsigned cp;
                size_t n = utf8_seq(u + i, len - i, &cp);
                if (!n) {
                        buf_printf(out, "\\x%02x", c);
                        i++;
                        continue;
                }
                if ((cp >= 0x80 && cp <= 0x9F) || invisible_format(cp))
                        buf_printf(out, "<U+%04X>", cp);
                else
                        buf_add(out, s + i, n);
                i += n;
        }
}

const char *text_safe(const char *s)
{
        static struct buf ring[4];
        static unsigned next;
        struct buf *b = &ring[next++ % 4];
        buf_reset(b);
        if (!s)
                s = "";
        text_sanitize(b, s, strlen(s), false);
        return buf_str(b);
}

size_t text_width(const char *s)
{
        const unsigned char *u = (const unsigned char *)s;
        size_t len = strlen(s), i = 0, w = 0;
        unsigned cp;
        while (i < len) {
                size_t n = utf8_seq(u + i, len - i, &cp);
                if (!n) {
                        w++, i++;
                        continue;
                }
                int cw = wcwidth((wchar_t)cp);
                w += cw < 0 ? 1 : (size_t)cw;
                i += n;
        }
        return w;
}

size_t text_wrap_line(const char *s, int width, const char **next)
{
        const unsigned char *u = (const unsigned char *)s;
        /* never strlen(s): a line is a few columns of a text that may be huge */
        size_t i = 0, last_space = 0, cut = 0;
        size_t w = 0;
        for (;;) {
                if (!s[i] || s[i] == '\n') {
                        cut = i;
                        break;
                }
                unsigned cp;
                size_t n = utf8_seq(u + i, strnlen(s + i, 4), &cp);
                if (!n)
                        n = 1, cp = '?';
                int cw = wcwidth((wchar_t)cp);
                size_t add = cw < 0 ? 1 : (size_t)cw;
                if (width < 0 || w + add > (size_t)width) {
                        /* a space past the edge: the words before it fit whole */
                        if (cp == ' ' && i) {
                                if (next)
                                        *next = s + i + 1;
                                return i;
                        }
                        cut = last_space ? last_space : (i ? i : n);
                        break;
                }
                w += add;
                i += n;
                if (cp == ' ')
                        last_space = i;
        }
        if (next)
                *next = s + cut + (s[cut] == '\n');
        return cut;
}

size_t text_wrap_words(const char *s, int width, const char **next)
{
        size_t cut = text_wrap_line(s, width, next);
        /* cut inside the first word: the whole word instead */
        if (s[cut] && s[cut] != ' ' && s[cut] != '\n' && !memchr(s, ' ', cut)) {
                cut += strcspn(s + cut, " \n");
                if (next)
                        *next = s + cut + (s[cut] == '\n');
        }
        return cut;
}

static bool guard_trigger(char c)
{
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* zero or more ' then a trigger */
bool guard_needed(const char *s, size_t len)
{
        size_t i = 0;
        while (i < len && s[i] == '\'')
                i++;
        return i < len && guard_trigger(s[i]);
}

/* one or more ' then a trigger */
bool guard_present(const char *s, size_t len)
{
        return len > 1 && s[0] == '\'' && guard_needed(s, len);
}

char *str_trim(char *s)
{
        while (*s == ' ' || *s == '\t')
                s++;
        size_t n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                s[--n] = '\0';
        return s;
}

bool str_ieq(const char *a, const char *b)
{
        for (; *a && *b; a++, b++)
                if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
                        return false;
        return *a == *b;
}

void strlist_push(struct strlist *l, const char *s)
{
        if (l->n == l->cap) {
                l->cap = l->cap ? l->cap * 2 : 4;
                l->v = xrealloc(l->v, l->cap * sizeof *l->v);
        }
        l->v[l->n++] = xstrdup(s);
}

bool list_next(const char **p, const char **item, size_t *len)
{
        const char *s = *p;
        while (*s == ' ' || *s == '\t' || *s == ';')
                s++;
        const char *q = s;
        while (*q && *q != ';')
                q++;
        const char *end = q;
        while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
                end--;
        *p = q;
        *item = s;
        *len = (size_t)(end - s);
        return end > s;
}

void strlist_split(struct strlist *l, const char *s)
{
        while (s && *s) {
                const char *e = strchr(s, ';');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                char *item = xstrndup(s, n);
                char *t = str_trim(item);
                if (*t)
                        strlist_push(l, t);
                free(item);
                s = e ? e + 1 : NULL;
        }
}

bool strlist_has(const struct strlist *l, const char *s)
{
        for (size_t i = 0; i < l->n; i++)
                if (strcmp(l->v[i], s) == 0)
                        return true;
        return false;
}

void strlist_join(const struct strlist *l, struct buf *out)
{
        for (size_t i = 0; i < l->n; i++) {
                if (i)
                        buf_adds(out, "; ");
                buf_adds(out, l->v[i]);
        }
}

void strlist_free(struct strlist *l)
{
        for (size_t i = 0; i < l->n; i++)
                free(l->v[i]);
        free(l->v);
        l->v = NULL;
        l->n = l->cap = 0;
}

bool date_valid(const char *s)
{
        if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
                return false;
        for (int i = 0; i < 10; i++)
                if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
                        return false;
        /* the digits are checked: the numbers are read directly (atoi is strtol) */
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (y < 1900 || m < 1 || m > 12 || d < 1)
                return false;
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return d <= mdays[m - 1] + (m == 2 && leap);
}

void date_today(char out[11])
{
        const char *fixed = getenv("CAPBOOK_TODAY"); /* tests pin the date */
        if (fixed && date_valid(fixed)) {
                memcpy(out, fixed, 11);
                return;
        }
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The civil-calendar conversions of Howard Hinnant's date algorithms: exact
 * for every Gregorian date, no time zone involved. */
long date_days(const char *s)
{
        long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
        y -= m <= 2;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

void date_from_days(long days, char out[11])
{
        days += 719468;
        long era = (days >= 0 ? days : days - 146096) / 146097;
        long doe = days - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        y += m <= 2;
        char t[64]; /* room the compiler can see; the date is 10 bytes */
        snprintf(t, sizeof t, "%04ld-%02ld-%02ld", y % 10000, m, d);
        memcpy(out, t, 10);
        out[10] = '\0';
}

void date_add_months(const char *s, int months, char out[11])
{
        long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
        long total = y * 12 + (m - 1) + months;
        y = total / 12;
        m = total % 12 + 1;
        char first[64];
        snprintf(first, sizeof first, "%04ld-%02ld-01", y % 10000, m);
        /* day d of that month, counted from its first: past its end rolls on */
        date_from_days(date_days(first) + d - 1, out);
}

/* The YYYY-MM-DD of a spreadsheet's day number (LibreOffice and Excel count
 * from 1899-12-30 for every day after February 1900). */
static void serial_date(long serial, char out[40])
{
        /* days from 1970-01-01 to civil date (H. Hinnant's algorithm) */
        long z = serial - 25569 + 719468; /* 25569: 1970-01-01 as a day number */
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
        long mm = mp < 10 ? mp + 3 : mp - 9;
        snprintf(out, 40, "%04ld-%02ld-%02ld", y + (mm <= 2), mm, dd);
}

/* What probably happened to a date a spreadsheet reformatted, in words for a
 * message ("" if it does not look like that). */
void date_damage(const char *v, struct buf *why)
{
        size_t n = strlen(v);
        bool digits = n >= 4 && n <= 6;
        for (size_t i = 0; digits && i < n; i++)
                digits = isdigit((unsigned char)v[i]);
        if (digits) {
                long serial = strtol(v, NULL, 10);
                if (serial > 60 && serial < 2958466) {
                        char d[40];
                        serial_date(serial, d);
                        buf_printf(why,
                                   ": it looks like a spreadsheet's day number for %s (the "
                                   "column was formatted as numbers); format the column as "
                                   "text, or as a YYYY-MM-DD date, before saving",
                                   d);
                }
                return;
        }
        unsigned a, b, c;
        char s1, s2;
        int used = 0;
        if (sscanf(v, "%2u%c%2u%c%4u%n", &a, &s1, &b, &s2, &c, &used) != 5 || (size_t)used != n ||
            s1 != s2 || !strchr("/.-", s1) || a < 1 || b < 1)
                return;
        unsigned day = a, month = b, year = c < 100 ? 2000 + c : c;
        if (a <= 12 && b > 12)
                day = b, month = a; /* month first, as a US setting writes it */
        char d[16];
        snprintf(d, sizeof d, "%04u-%02u-%02u", year % 10000, month % 100, day % 100);
        if (!date_valid(d))
                return;
        buf_printf(why,
                   ": a spreadsheet probably rewrote it in its own date format (%s?); capbook "
                   "reads YYYY-MM-DD: set the column's format to YYYY-MM-DD (or text) before "
                   "saving",
                   d);
}
