/* editor.h — the text editor inside prompts and form fields: UTF-8 aware cursor
 * moves, word moves, line moves by display width, paste of long text. */
#ifndef CAPBOOK_EDITOR_H
#define CAPBOOK_EDITOR_H

#include "core/text.h"

#include <stdbool.h>

struct editor {
        struct buf text;
        size_t cur; /* byte offset, always on a character boundary */
        bool multiline;
        int width; /* for Up/Down over wrapped lines */
};

void ed_set(struct editor *ed, const char *s);
void ed_free(struct editor *ed);
/* Handles a key (KEY_* or KEY_CHAR(c)); true if it was an editing key. */
bool ed_key(struct editor *ed, int key);
/* Visual lines of the text wrapped at width: starts[i] byte offsets; returns count. */
size_t ed_lines(const struct editor *ed, int width, size_t *starts, size_t max);
/* Row and column (display) of the cursor when wrapped at width. */
void ed_cursor_pos(const struct editor *ed, int width, int *row, int *col);

#endif
