/* draw.c — putting text from files on screen safely: sanitised, folded to ASCII
 * when the terminal cannot show more, cut by display width, and colour only as
 * an extra over attributes. */
#include "core/text.h"
#include "tui/term.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

attr_t ui_mark_attr(const struct tui_term *t, enum cov_mark m)
{
        static const enum color_role r[] = {CR_MISSING,  CR_PLANNED, CR_UPDATE, CR_NA,
                                            CR_INDIRECT, CR_MAPPED,  CR_ACTUAL};
        return t->role_attr[r[m]];
}

/* ASCII stand-ins for the Latin-1 letters and common punctuation. */
static const char *ascii_fold(unsigned cp)
{
        static const char *latin[64] = {
            "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
            "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
            "d", "n", "o", "o", "o", "o", "o",  "/", "o", "u", "u", "u", "u", "y", "th", "y"};
        if (cp >= 0xC0 && cp <= 0xFF)
                return latin[cp - 0xC0];
        switch (cp) {
        case 0x2018:
        case 0x2019: return "'";
        case 0x201C:
        case 0x201D: return "\"";
        case 0x2013:
        case 0x2014: return "-";
        case 0x2026: return "...";
        case 0x00A0: return " ";
        case 0x00A3: return "GBP";
        default: return "?";
        }
}

/* s made safe to show (newlines kept for wrapping, or shown as ^J), and folded
 * to ASCII when the terminal shows no more. */
static char *display_text(const struct tui_term *term, const char *s, bool keep_newlines)
{
        struct buf b = {0};
        text_sanitize(&b, s, strlen(s), keep_newlines);
        if (!term->ascii)
                return buf_take(&b);
        struct buf a = {0};
        const unsigned char *u = (const unsigned char *)buf_str(&b);
        size_t len = b.len, i = 0;
        while (i < len) {
                if (u[i] < 0x80) {
                        buf_addc(&a, (char)u[i++]);
                        continue;
                }
                unsigned cp;
                size_t n = utf8_seq(u + i, len - i, &cp);
                buf_adds(&a, n ? ascii_fold(cp) : "?");
                i += n ? n : 1;
        }
        buf_free(&b);
        return buf_take(&a);
}

char *ui_display_text(const struct tui_term *t, const char *s)
{
        return display_text(t, s, false);
}

int ui_put(const struct tui_term *term, int y, int x, int width, const char *s, attr_t attr,
           bool pad)
{
        if (width <= 0 || y < 0 || y >= term->rows)
                return 0;
        char *t = ui_display_text(term, s ? s : "");
        wchar_t *w = xmalloc((strlen(t) + 1) * sizeof *w);
        mbstate_t st;
        memset(&st, 0, sizeof st);
        const char *p = t;
        size_t n = 0;
        int used = 0;
        while (*p) {
                wchar_t wc;
                size_t k = mbrtowc(&wc, p, strlen(p), &st);
                if (k == 0 || k == (size_t)-1 || k == (size_t)-2) {
                        wc = L'?';
                        k = 1;
                        memset(&st, 0, sizeof st);
                }
                int cw = wcwidth(wc);
                if (cw < 0)
                        cw = 1, wc = L'?';
                if (used + cw > width) {
                        /* mark the cut with an ellipsis when there is room */
                        if (n && width > 1) {
                                while (n && used + 1 > width) {
                                        int last = wcwidth(w[n - 1]);
                                        used -= last > 0 ? last : 1;
                                        n--;
                                }
                                w[n++] =
                                    term->ascii || term->gl->ellipsis[0] == '~' ? L'~' : L'\x2026';
                                used++;
                        }
                        break;
                }
                w[n++] = wc;
                used += cw;
                p += k;
        }
        attr_set(attr, PAIR_NUMBER(attr), NULL);
        if (n)
                mvaddnwstr(y, x, w, (int)n);
        if (pad && used < width) {
                move(y, x + used);
                for (int i = used; i < width; i++)
                        addch(' ');
        }
        attr_set(A_NORMAL, 0, NULL);
        free(w);
        free(t);
        return used;
}

void ui_fill(int y, int x, int width, attr_t attr)
{
        attr_set(attr, PAIR_NUMBER(attr), NULL);
        move(y, x);
        for (int i = 0; i < width; i++)
                addch(' ');
        attr_set(A_NORMAL, 0, NULL);
}

void ui_highlight(int y, int x, int n)
{
        int maxy, maxx;
        getmaxyx(stdscr, maxy, maxx);
        if (y < 0 || y >= maxy)
                return;
        for (int i = x; i < x + n && i < maxx;) {
                cchar_t c;
                wchar_t wc[CCHARW_MAX + 1];
                attr_t a;
                short pair;
                if (mvin_wch(y, i, &c) == ERR || getcchar(&c, wc, &a, &pair, NULL) == ERR) {
                        i++;
                        continue;
                }
                int cw = wc[0] ? wcwidth(wc[0]) : 1;
                if (setcchar(&c, wc, a | A_REVERSE, pair, NULL) != ERR)
                        mvadd_wch(y, i, &c);
                i += cw > 0 ? cw : 1;
        }
}

/* Wraps s at width, drawing the lines from y,x when draw; returns how many
 * lines (at most maxlines) it takes. */
static int wrap(const struct tui_term *term, int y, int x, int width, int maxlines, const char *s,
                attr_t attr, bool draw)
{
        if (width < 4 || maxlines <= 0)
                return 0;
        char *t = display_text(term, s ? s : "", true);
        int lines = 0;
        for (const char *p = t; lines < maxlines;) {
                const char *next;
                size_t len = text_wrap_line(p, width, &next);
                if (draw) {
                        char *line = xstrndup(p, len);
                        ui_put(term, y + lines, x, width, line, attr, true);
                        free(line);
                }
                lines++;
                if (!p[len])
                        break;
                p = next;
        }
        free(t);
        return lines;
}

int ui_wrap(const struct tui_term *term, int y, int x, int width, int maxlines, const char *s,
            attr_t attr)
{
        return wrap(term, y, x, width, maxlines, s, attr, true);
}

int ui_wrap_lines(const struct tui_term *term, int width, const char *s)
{
        return wrap(term, 0, 0, width, INT_MAX, s, A_NORMAL, false);
}

/* The columns of the first n bytes of s. */
static int width_of(const char *s, size_t n)
{
        char *p = xstrndup(s, n);
        int w = (int)text_width(p);
        free(p);
        return w;
}

char *ui_unit_title(const struct tui_term *t, const struct framework *fw, int unit, int width)
{
        const char *title =
            *fw->units[unit].title ? fw->units[unit].title : "(title not in the sources)";
        if (width <= 0 || (int)text_width(title) <= width)
                return xstrdup(title);
        /* the longest run of whole words it shares with another unit's title */
        size_t shared = 0;
        for (size_t u = 0; u < fw->nunits; u++) {
                const char *o = fw->units[u].title;
                if ((int)u == unit)
                        continue;
                for (size_t k = 0; title[k] && title[k] == o[k]; k++)
                        if (title[k] == ' ' && k + 1 > shared)
                                shared = k + 1;
        }
        /* cut at the end, as any text is, unless the cut would leave only what
         * another title starts with too */
        if (!title[shared] || width_of(title, shared) < width - 1)
                return xstrdup(title);
        const char *ell = t->gl->ellipsis, *rest = title + shared;
        int room = width - (int)text_width(rest) - (int)text_width(ell) - 1;
        /* the first words that fit, then the words that tell it apart */
        size_t head = 0;
        for (size_t k = 1; k < shared; k++)
                if (title[k] == ' ' && title[k - 1] != ' ' && width_of(title, k) <= room)
                        head = k;
        struct buf b = {0};
        buf_add(&b, title, head);
        buf_adds(&b, ell);
        if (head)
                buf_addc(&b, ' ');
        buf_adds(&b, rest);
        return buf_take(&b);
}

char *ui_fit(const struct tui_term *t, const char *s, int width)
{
        char *d = ui_display_text(t, s);
        struct buf b = {0};
        int used = 0;
        size_t len = strlen(d), i = 0;
        while (i < len) {
                unsigned cp;
                size_t k = utf8_seq((const unsigned char *)d + i, len - i, &cp);
                int cw = k ? wcwidth((wchar_t)cp) : 1;
                cw = cw < 0 ? 1 : cw;
                k = k ? k : 1;
                if (used + cw > width - (i + k < len ? 1 : 0)) {
                        /* no room for this and what follows: the ellipsis ends it */
                        if (used < width) {
                                buf_adds(&b, t->gl->ellipsis);
                                used++;
                        }
                        break;
                }
                buf_add(&b, d + i, k);
                used += cw;
                i += k;
        }
        for (; used < width; used++)
                buf_addc(&b, ' ');
        free(d);
        return buf_take(&b);
}
