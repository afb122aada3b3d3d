/* view_notice.c — a message the user reads and dismisses before going on: the
 * problems found in the config at start-up, each as FILE:LINE: message (stderr
 * is not seen while the screen is up). Any key but a move carries on. */
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

struct notice {
        const char *title;
        const struct diag *d;
};

static void build(struct app *app, struct view *v, int width)
{
        const struct notice *nt = v->data;
        snprintf(v->title, sizeof v->title, "%s", nt->title);
        for (size_t i = 0; i < nt->d->n; i++) {
                char *m = diag_format(&nt->d->v[i]);
                vline_wrap(v, CR_ERROR, width, 0, m);
                free(m);
        }
        vline_add(v, CR_NONE, false, 0, 0, " ");
        char k[32];
        keys_first(app, ACT_OPEN, k, sizeof k);
        char t[200];
        snprintf(t, sizeof t,
                 "Where a value is bad, its default is used. capbook check PATH lists these "
                 "too. Press %s (or any key) to carry on.",
                 k);
        vline_wrap(v, -1, width, 0, t);
}

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)app, (void)v, (void)ch;
        /* help is the loop's; everything else dismisses (the moves scroll first) */
        return act == ACT_HELP ? REACT_IGNORED : REACT_POP;
}

static const struct view_ops view_notice_ops = {.name = "notice",
                                                .flags = VIEW_MODAL,
                                                .build = build,
                                                .key = key,
                                                .hints = {{ACT_OPEN, "carry on"}}};

void notice_run(struct app *app, const char *title, const struct diag *d)
{
        struct notice nt = {title, d};
        struct view *v = view_push(app, &view_notice_ops, 0);
        v->data = &nt;
        unsigned long id = v->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id));
}
