/* prompt.c — questions on the status line: a line of text or one letter. The
 * screen behind is redrawn on resize, so prompts survive it. */
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

char *prompt_line(struct app *app, const char *question, const char *initial)
{
        struct editor ed = {0};
        ed_set(&ed, initial);
        char *result = NULL;
        for (;;) {
                app->msg[0] = '\0';
                app_draw(app);
                if (app->too_small) {
                        int ch;
                        if (app_read_key(app, &ch) < 0)
                                break;
                        continue;
                }
                int y = app->rows - 1, qw = (int)text_width(question);
                if (qw > app->cols / 2)
                        qw = app->cols / 2;
                ui_put(app, y, 0, qw, question, A_BOLD, false);
                int w = app->cols - qw - 1;
                /* scroll the text so the cursor shows */
                int row, col;
                ed.width = 1 << 20;
                ed_cursor_pos(&ed, 1 << 20, &row, &col);
                size_t start = 0;
                while (col >= w && start < ed.cur) {
                        start++;
                        while (start < ed.text.len &&
                               ((unsigned char)ed.text.s[start] & 0xC0) == 0x80)
                                start++;
                        col = (int)text_width(ed.text.s + start) -
                              (int)text_width(ed.text.s + ed.cur);
                }
                ui_put(app, y, qw, w, buf_str(&ed.text) + start, A_NORMAL, true);
                move(y, qw + col);
                refresh();
                int ch;
                int key = app_read_key(app, &ch);
                if (key < 0)
                        break;
                if (key == KEY_RESIZE)
                        continue;
                if (key == KEY_CHAR(27) || key == KEY_CHAR(7) || key == KEY_CHAR(3))
                        break;
                if (key == KEY_CHAR('\r') || key == KEY_CHAR('\n') || key == KEY_ENTER) {
                        result = xstrdup(buf_str(&ed.text));
                        break;
                }
                ed_key(&ed, key);
        }
        ed_free(&ed);
        app->msg[0] = '\0';
        return result;
}

int prompt_choice(struct app *app, const char *question, const char *letters)
{
        for (;;) {
                app->msg[0] = '\0';
                app_draw(app);
                if (app->too_small) {
                        app_too_small(app, question); /* the question must show */
                } else {
                        ui_put(app, app->rows - 1, 0, app->cols, question, A_BOLD, true);
                        int qw = (int)text_width(question);
                        move(app->rows - 1, qw < app->cols ? qw : app->cols - 1);
                        refresh();
                }
                int ch;
                int key = app_read_key(app, &ch);
                if (key < 0 || key == KEY_CHAR(27) || key == KEY_CHAR(3))
                        return 0;
                if (key == KEY_RESIZE || !(key & 0x100000))
                        continue;
                int c = key & 0xFFFFF;
                if (c >= 'A' && c <= 'Z')
                        c = c - 'A' + 'a';
                if (c > 0 && c < 128 && strchr(letters, c))
                        return c;
        }
}
