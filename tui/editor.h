/* editor.h — the text editor inside prompts, form fields and filters: UTF-8
 * aware cursor moves, word moves, line moves by display width, paste of long text. */
#ifndef CAPBOOK_EDITOR_H
#define CAPBOOK_EDITOR_H

#include "core/text.h"
#include "tui/actions.h"

#include <stdbool.h>

struct editor {
        struct buf text;
        size_t cur; /* byte offset, always on a character boundary */
        bool multiline;
        int width; /* for Up/Down over wrapped lines */
};

void ed_set(struct editor *ed, const char *s);
void ed_free(struct editor *ed);
/* Does an editor action (ACT_ED_*); false when it does not apply here (a line
 * move or a new line in a one-line text, or not an editor action). */
bool ed_act(struct editor *ed, enum action act);
/* Inserts a typed character (a newline only when multi-line); false if it is
 * not one to insert. */
bool ed_insert(struct editor *ed, int c);
/* Visual lines of the text wrapped at width: starts[i] byte offsets; returns count. */
size_t ed_lines(const struct editor *ed, int width, size_t *starts, size_t max);
/* Row and column (display) of the cursor when wrapped at width. */
void ed_cursor_pos(const struct editor *ed, int width, int *row, int *col);

#endif
