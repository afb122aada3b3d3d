/* editor.c — a small UTF-8 text editor for prompts, form fields and filters: the
 * editor keymap's actions on a text, and its lines when wrapped. */
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

void ed_set(struct editor *ed, const char *s)
{
        buf_reset(&ed->text);
        buf_adds(&ed->text, s ? s : "");
        buf_str(&ed->text);
        ed->cur = ed->text.len;
}

void ed_free(struct editor *ed)
{
        buf_free(&ed->text);
}

static size_t next_char(const struct editor *ed, size_t i)
{
        if (i >= ed->text.len)
                return ed->text.len;
        i++;
        while (i < ed->text.len && ((unsigned char)ed->text.s[i] & 0xC0) == 0x80)
                i++;
        return i;
}

static size_t prev_char(const struct editor *ed, size_t i)
{
        if (i == 0)
                return 0;
        i--;
        while (i > 0 && ((unsigned char)ed->text.s[i] & 0xC0) == 0x80)
                i--;
        return i;
}

static int char_width(const char *s, size_t len)
{
        unsigned cp;
        size_t n = utf8_seq((const unsigned char *)s, len, &cp);
        if (!n)
                return 1;
        if (cp < 0x20 || cp == 0x7F)
                return 2; /* shown as ^X */
        int w = wcwidth((wchar_t)cp);
        return w < 0 ? 1 : w;
}

size_t ed_lines(const struct editor *ed, int width, size_t *starts, size_t max)
{
        size_t n = 0, i = 0, len = ed->text.len;
        const char *s = ed->text.s ? ed->text.s : "";
        if (width < 1)
                width = 1;
        if (max)
                starts[n++] = 0;
        int col = 0;
        size_t last_space = 0;
        while (i < len && n < max) {
                if (s[i] == '\n') {
                        i++;
                        starts[n++] = i;
                        col = 0;
                        last_space = 0;
                        continue;
                }
                int w = char_width(s + i, len - i);
                if (col + w > width) {
                        size_t brk = last_space > starts[n - 1] ? last_space : i;
                        starts[n++] = brk;
                        i = brk;
                        col = 0;
                        last_space = 0;
                        continue;
                }
                col += w;
                if (s[i] == ' ')
                        last_space = i + 1;
                i = next_char(ed, i);
        }
        return n;
}

void ed_cursor_pos(const struct editor *ed, int width, int *row, int *col)
{
        size_t starts[4096];
        size_t n = ed_lines(ed, width, starts, 4096);
        size_t r = 0;
        while (r + 1 < n && starts[r + 1] <= ed->cur)
                r++;
        int c = 0;
        for (size_t i = starts[r]; i < ed->cur && i < ed->text.len;) {
                c += char_width(ed->text.s + i, ed->text.len - i);
                i = next_char(ed, i);
        }
        *row = (int)r;
        *col = c;
}

static void move_line(struct editor *ed, int delta)
{
        int row, col;
        ed_cursor_pos(ed, ed->width, &row, &col);
        size_t starts[4096];
        size_t n = ed_lines(ed, ed->width, starts, 4096);
        long target = row + delta;
        if (target < 0 || target >= (long)n)
                return;
        size_t i = starts[target], end = (size_t)target + 1 < n ? starts[target + 1] : ed->text.len;
        int c = 0;
        while (i < end && ed->text.s[i] != '\n') {
                int w = char_width(ed->text.s + i, ed->text.len - i);
                if (c + w > col)
                        break;
                c += w;
                i = next_char(ed, i);
        }
        if ((size_t)target + 1 < n && i == end && end > starts[target] &&
            ed->text.s[end - 1] != '\n')
                i = prev_char(ed, end); /* stay on this visual line */
        ed->cur = i;
}

static bool is_word(char c)
{
        return c != ' ' && c != '\n' && c != '\t';
}

/* Deletes the bytes from a to b, the cursor left at a. */
static void cut(struct editor *ed, size_t a, size_t b)
{
        struct buf *t = &ed->text;
        memmove(t->s + a, t->s + b, t->len - b + 1);
        t->len -= b - a;
        ed->cur = a;
}

bool ed_act(struct editor *ed, enum action act)
{
        struct buf *t = &ed->text;
        buf_str(t);
        size_t p = ed->cur;
        switch (act) {
        case ACT_ED_LEFT: ed->cur = prev_char(ed, ed->cur); return true;
        case ACT_ED_RIGHT: ed->cur = next_char(ed, ed->cur); return true;
        case ACT_ED_LINE_START:
                while (ed->cur > 0 && t->s[ed->cur - 1] != '\n')
                        ed->cur--;
                return true;
        case ACT_ED_LINE_END:
                while (ed->cur < t->len && t->s[ed->cur] != '\n')
                        ed->cur++;
                return true;
        case ACT_ED_UP:
        case ACT_ED_DOWN:
                if (!ed->multiline)
                        return false;
                move_line(ed, act == ACT_ED_UP ? -1 : 1);
                return true;
        case ACT_ED_NEW_LINE: return ed->multiline && ed_insert(ed, '\n');
        case ACT_ED_DELETE_BACK: cut(ed, prev_char(ed, p), p); return true;
        case ACT_ED_DELETE: cut(ed, p, next_char(ed, p)); return true;
        case ACT_ED_KILL_START:
                while (p > 0 && t->s[p - 1] != '\n')
                        p--;
                cut(ed, p, ed->cur);
                return true;
        case ACT_ED_KILL_END:
                while (p < t->len && t->s[p] != '\n')
                        p++;
                cut(ed, ed->cur, p);
                return true;
        case ACT_ED_KILL_WORD:
                while (p > 0 && !is_word(t->s[p - 1]))
                        p--;
                while (p > 0 && is_word(t->s[p - 1]))
                        p--;
                cut(ed, p, ed->cur);
                return true;
        case ACT_ED_WORD_LEFT:
                while (ed->cur > 0 && !is_word(t->s[ed->cur - 1]))
                        ed->cur--;
                while (ed->cur > 0 && is_word(t->s[ed->cur - 1]))
                        ed->cur--;
                return true;
        case ACT_ED_WORD_RIGHT:
                while (ed->cur < t->len && !is_word(t->s[ed->cur]))
                        ed->cur++;
                while (ed->cur < t->len && is_word(t->s[ed->cur]))
                        ed->cur++;
                return true;
        default: return false;
        }
}

bool ed_insert(struct editor *ed, int c)
{
        struct buf *t = &ed->text;
        buf_str(t);
        char enc[8];
        size_t n = 0;
        if (c == '\n') {
                if (!ed->multiline)
                        return false;
                enc[n++] = '\n';
        } else if (c < 0x20 || c == 0x7F) {
                return false;
        } else {
                wchar_t w = (wchar_t)c;
                mbstate_t st;
                memset(&st, 0, sizeof st);
                size_t k = wcrtomb(enc, w, &st);
                if (k == (size_t)-1)
                        return true;
                n = k;
        }
        buf_grow(t, n);
        memmove(t->s + ed->cur + n, t->s + ed->cur, t->len - ed->cur + 1);
        memcpy(t->s + ed->cur, enc, n);
        t->len += n;
        ed->cur += n;
        return true;
}

void ed_draw(struct tui_term *t, struct editor *ed, int y, int x, int rows, bool wrap, bool cur,
             attr_t a)
{
        int vw = t->cols - x - 1;
        ed->width = vw;
        if (!wrap) {
                int row, col;
                ed_cursor_pos(ed, 1 << 20, &row, &col);
                const char *s = buf_str(&ed->text);
                size_t off = 0; /* scrolled sideways so the cursor shows (its start else) */
                while (cur && col >= vw - 1 && off < ed->cur) {
                        size_t k = off + 1;
                        while (k < ed->text.len && ((unsigned char)s[k] & 0xC0) == 0x80)
                                k++;
                        char *skip = xstrndup(s + off, k - off);
                        col -= (int)text_width(skip);
                        free(skip);
                        off = k;
                }
                ui_put(t, y, x, vw, s + off, a, true);
                if (cur)
                        t->cursor_y = y, t->cursor_x = x + col;
                return;
        }
        size_t starts[1024];
        size_t n = ed_lines(ed, vw, starts, 1024);
        int crow = 0, ccol = 0;
        ed_cursor_pos(ed, vw, &crow, &ccol);
        int first = crow >= rows ? crow - rows + 1 : 0;
        for (int r = 0; r < rows; r++) {
                size_t li = (size_t)(first + r);
                if (li >= n) {
                        ui_fill(y + r, x, vw, a);
                        continue;
                }
                size_t from = starts[li], to = li + 1 < n ? starts[li + 1] : ed->text.len;
                while (to > from && ed->text.s[to - 1] == '\n')
                        to--;
                char *line = xstrndup(ed->text.s + from, to - from);
                ui_put(t, y + r, x, vw, line, a, true);
                free(line);
        }
        if (cur)
                t->cursor_y = y + crow - first, t->cursor_x = x + ccol;
}
