/* panes.h — the main screen's own state, shared by its two files: panes.c
 * (building the panes, selection, keys, search) and panes_draw.c (layout,
 * drawing, the detail text). Other views reach it only through ui.h. */
#ifndef CAPBOOK_PANES_H
#define CAPBOOK_PANES_H

#include "tui/ui.h"

enum pane_id { PANE_CAPS, PANE_NOS, PANE_EVIDENCE, NPANES };

struct pane_item {
        int a, b; /* caps: capability, theme (-1); NOS: unit, element (-1); evidence: entry, how */
};

struct pane {
        struct pane_item *items;
        size_t n, cap, sel, top;
};

/* [ui] entry_detail (its choice index), then the entry-detail key */
enum entry_detail { ENTRY_DETAIL_AUTO, ENTRY_DETAIL_ALWAYS, ENTRY_DETAIL_NEVER };

struct panes {
        bool *cap_open, *unit_open; /* expanded rows, by capability and by unit */
        struct pane pane[NPANES];
        int focus, link_from; /* link_from: the pane Evidence follows */
        bool linking, all_stages;
        enum entry_detail entry_detail;
        int status_w, unit_status_w; /* the widest status word among the entries, the units */
};

/* The main screen's state (the bottom view's). */
struct panes *panes_state(const struct app *app);
void panes_draw(struct app *app, struct view *v);
/* Whether the detail area follows the Evidence cursor. */
bool panes_entry_in_detail(const struct app *app);

#endif
