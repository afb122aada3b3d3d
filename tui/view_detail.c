/* view_detail.c — the whole detail text of a theme or element on a screen of its
 * own, when the detail area is too small for it: every stage's indicator (the
 * target stage first), coverage, resources; Enter on a theme or element. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

static void build(struct app *app, struct view *v, int width)
{
        struct buf b = {0};
        panes_detail_text(app, &b, true);
        char *text = buf_take(&b);
        /* the first line is the title; each further line a paragraph */
        char *p = text, *nl = strchr(p, '\n');
        if (nl)
                *nl = '\0';
        snprintf(v->title, sizeof v->title, "%s", p);
        p = nl ? nl + 1 : p + strlen(p);
        while (*p) {
                nl = strchr(p, '\n');
                if (nl)
                        *nl = '\0';
                if (*p)
                        vline_wrap(v, CR_NONE, width - 1, 1, p);
                vline_add(v, CR_NONE, false, 0, 0, " ");
                if (!nl)
                        break;
                p = nl + 1;
        }
        free(text);
}

const struct view_ops view_detail_ops = {
    .name = "detail", .build = build, .search = list_search, .hints = {{ACT_DOWN, "scroll"}}};
