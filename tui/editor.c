/* editor.c — a small UTF-8 text editor for prompts and form fields. */
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

/* Ctrl-Left/Right (and Alt-) are extended keys whose codes ncurses assigns at
 * run time from the terminal's description: look them up, never assume. */
static bool word_key(int key, bool right)
{
        static int codes[2][4];
        static bool done;
        if (!done) {
                static const char *const names[2][4] = {{"kLFT5", "kLFT3", "kLFT6", "kLFT7"},
                                                        {"kRIT5", "kRIT3", "kRIT6", "kRIT7"}};
                for (int r = 0; r < 2; r++)
                        for (int i = 0; i < 4; i++) {
                                char *seq = tigetstr(names[r][i]);
                                int k = seq && seq != (char *)-1 ? key_defined(seq) : 0;
                                codes[r][i] = k > 0 ? k : -1;
                        }
                done = true;
        }
        for (int i = 0; i < 4; i++)
                if (codes[right][i] == key)
                        return true;
        return false;
}

bool ed_key(struct editor *ed, int key)
{
        struct buf *t = &ed->text;
        buf_str(t);
        if (word_key(key, false))
                key = KEY_SLEFT;
        else if (word_key(key, true))
                key = KEY_SRIGHT;
        switch (key) {
        case KEY_LEFT: ed->cur = prev_char(ed, ed->cur); return true;
        case KEY_RIGHT: ed->cur = next_char(ed, ed->cur); return true;
        case KEY_HOME:
        case KEY_CHAR(1): /* ^A */
                while (ed->cur > 0 && t->s[ed->cur - 1] != '\n')
                        ed->cur--;
                return true;
        case KEY_END:
        case KEY_CHAR(5): /* ^E: end of line */
                while (ed->cur < t->len && t->s[ed->cur] != '\n')
                        ed->cur++;
                return true;
        case KEY_UP:
                if (!ed->multiline)
                        return false;
                move_line(ed, -1);
                return true;
        case KEY_DOWN:
                if (!ed->multiline)
                        return false;
                move_line(ed, 1);
                return true;
        case KEY_BACKSPACE:
        case KEY_CHAR(127):
        case KEY_CHAR(8): {
                size_t p = prev_char(ed, ed->cur);
                memmove(t->s + p, t->s + ed->cur, t->len - ed->cur + 1);
                t->len -= ed->cur - p;
                ed->cur = p;
                return true;
        }
        case KEY_DC:
        case KEY_CHAR(4): { /* ^D */
                size_t nx = next_char(ed, ed->cur);
                memmove(t->s + ed->cur, t->s + nx, t->len - nx + 1);
                t->len -= nx - ed->cur;
                return true;
        }
        case KEY_CHAR(21): /* ^U: delete to the start of the line */
        {
                size_t p = ed->cur;
                while (p > 0 && t->s[p - 1] != '\n')
                        p--;
                memmove(t->s + p, t->s + ed->cur, t->len - ed->cur + 1);
                t->len -= ed->cur - p;
                ed->cur = p;
                return true;
        }
        case KEY_CHAR(11): /* ^K: delete to the end of the line */
        {
                size_t e = ed->cur;
                while (e < t->len && t->s[e] != '\n')
                        e++;
                memmove(t->s + ed->cur, t->s + e, t->len - e + 1);
                t->len -= e - ed->cur;
                return true;
        }
        case KEY_CHAR(23): /* ^W: delete the word before */
        {
                size_t p = ed->cur;
                while (p > 0 && !is_word(t->s[p - 1]))
                        p--;
                while (p > 0 && is_word(t->s[p - 1]))
                        p--;
                memmove(t->s + p, t->s + ed->cur, t->len - ed->cur + 1);
                t->len -= ed->cur - p;
                ed->cur = p;
                return true;
        }
        case KEY_SLEFT:
                while (ed->cur > 0 && !is_word(t->s[ed->cur - 1]))
                        ed->cur--;
                while (ed->cur > 0 && is_word(t->s[ed->cur - 1]))
                        ed->cur--;
                return true;
        case KEY_SRIGHT:
                while (ed->cur < t->len && !is_word(t->s[ed->cur]))
                        ed->cur++;
                while (ed->cur < t->len && is_word(t->s[ed->cur]))
                        ed->cur++;
                return true;
        default: break;
        }
        if (!(key & 0x100000))
                return false;
        int c = key & 0xFFFFF;
        char enc[8];
        size_t n = 0;
        if (c == '\r' || c == '\n') {
                if (!ed->multiline)
                        return false;
                enc[n++] = '\n';
        } else if (c == '\t') {
                if (!ed->multiline)
                        return false;
                enc[n++] = '\t';
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
