/* picker.c — the pickers of references, a view: every unit and element (or
 * capability, theme and indicator) in a list that typing filters, rows marked
 * with Space, the marked ones (or the selected one) taken with Enter. */
#include "core/text.h"
#include "tui/editor.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

struct pick_item {
        char code[32];
        char *label;
};

struct picker {
        bool nos;
        struct pick_item *items;
        size_t n;
        size_t *shown, nshown; /* the items the filter lets through */
        struct editor filter;
        struct strlist chosen;
        size_t sel, top;
        char *result; /* "; " list when accepted */
};

static void add(struct picker *p, const char *code, const char *fmt, const char *a, const char *b)
{
        p->items = xrealloc(p->items, (p->n + 1) * sizeof *p->items);
        snprintf(p->items[p->n].code, sizeof p->items[p->n].code, "%s", code);
        struct buf l = {0};
        buf_printf(&l, fmt, a, b);
        p->items[p->n++].label = buf_take(&l);
}

static void list_items(struct picker *p, const struct workbook *wb)
{
        const struct framework *fw = &wb->fw;
        if (p->nos) {
                for (size_t u = 0; u < fw->nunits; u++) {
                        add(p, fw->units[u].code, "%-6s %s", fw->units[u].code, fw->units[u].title);
                        for (size_t k = 0; k < fw->units[u].nelements; k++) {
                                const struct fw_element *e =
                                    &fw->elements[fw->units[u].elements[k]];
                                add(p, e->code, "  %-6s %s", e->code,
                                    *e->title ? e->title : "(title not in the sources)");
                        }
                }
                return;
        }
        for (size_t c = 0; c < fw->ncaps; c++) {
                add(p, fw->caps[c].code, "%-9s %s", fw->caps[c].code, fw->caps[c].name);
                for (size_t k = 0; k < fw->caps[c].nthemes; k++) {
                        int t = fw->caps[c].themes[k];
                        add(p, fw->themes[t].code, "  %-7s %s", fw->themes[t].code,
                            fw->themes[t].name);
                        for (size_t s = 0; s < fw->nstages; s++) {
                                bool fb = false;
                                const struct fw_indicator *ind =
                                    fw_indicator(fw, t, (int)s, wb->pathway_index, &fb);
                                char code[32];
                                snprintf(code, sizeof code, "%s.%s", fw->themes[t].code,
                                         fw->stages[s].code);
                                /* another pathway's text says so first, where it shows */
                                struct buf text = {0};
                                if (ind && fb && ind->pathway >= 0 &&
                                    (size_t)ind->pathway < fw->npathways)
                                        buf_printf(&text, "[%s' text] ",
                                                   fw->pathways[ind->pathway].name);
                                buf_adds(&text, ind ? ind->text : "");
                                add(p, code, "    %-9s %s", code, buf_str(&text));
                                buf_free(&text);
                        }
                }
        }
}

static void filter_apply(struct picker *p)
{
        const char *f = buf_str(&p->filter.text);
        p->nshown = 0;
        for (size_t i = 0; i < p->n; i++)
                if (!*f || strcasestr(p->items[i].label, f))
                        p->shown[p->nshown++] = i;
        if (p->sel >= p->nshown)
                p->sel = p->nshown ? p->nshown - 1 : 0;
}

static void picker_draw(struct app *app, struct view *v)
{
        struct picker *p = v->data;
        struct tui_term *t = &app->term;
        char title[200], km[16], ka[16], kc[16];
        /* short enough for 80 columns: what Esc does must show */
        snprintf(title, sizeof title, " Pick %s  %s marks  %s accepts  %s cancels",
                 p->nos ? "units/elements" : "indicators",
                 keys_first(app, ACT_PICK_MARK, km, sizeof km),
                 keys_first(app, ACT_PICK_ACCEPT, ka, sizeof ka),
                 keys_first(app, ACT_PICK_CANCEL, kc, sizeof kc));
        ui_put(t, 0, 0, t->cols, title, t->role_attr[CR_TITLE], true);
        struct buf cl = {0};
        strlist_join(&p->chosen, &cl);
        char line[300];
        snprintf(line, sizeof line, "Type to filter: %s", buf_str(&p->filter.text));
        ui_put(t, 1, 0, t->cols, line, A_BOLD, true);
        snprintf(line, sizeof line, "Chosen: %s", buf_str(&cl));
        ui_put(t, t->rows - 1, 0, t->cols, line, A_BOLD, true);
        buf_free(&cl);
        int rows = t->rows - 3;
        if (p->sel < p->top)
                p->top = p->sel;
        if (p->sel >= p->top + (size_t)rows)
                p->top = p->sel - (size_t)rows + 1;
        for (int r = 0; r < rows; r++) {
                size_t k = p->top + (size_t)r;
                if (k >= p->nshown)
                        break;
                const struct pick_item *it = &p->items[p->shown[k]];
                char row[600];
                snprintf(row, sizeof row, "[%s] %s", strlist_has(&p->chosen, it->code) ? "x" : " ",
                         it->label);
                ui_put(t, 2 + r, 0, t->cols, row, k == p->sel ? A_REVERSE : A_NORMAL, true);
        }
        t->cursor_y = 2 + (int)(p->sel - p->top);
        t->cursor_x = 1;
}

static void toggle_chosen(struct picker *p, const char *code)
{
        if (!strlist_has(&p->chosen, code)) {
                strlist_push(&p->chosen, code);
                return;
        }
        struct strlist keep = {0};
        for (size_t i = 0; i < p->chosen.n; i++)
                if (strcmp(p->chosen.v[i], code))
                        strlist_push(&keep, p->chosen.v[i]);
        strlist_free(&p->chosen);
        p->chosen = keep;
}

static enum reaction picker_key(struct app *app, struct view *v, enum action act, int key)
{
        (void)app;
        struct picker *p = v->data;
        size_t last = p->nshown ? p->nshown - 1 : 0;
        switch (act) {
        case ACT_PICK_CANCEL: return REACT_POP;
        case ACT_PICK_ACCEPT: {
                if (!p->chosen.n && p->nshown)
                        strlist_push(&p->chosen, p->items[p->shown[p->sel]].code);
                struct buf out = {0};
                strlist_join(&p->chosen, &out);
                p->result = buf_take(&out);
                return REACT_POP;
        }
        case ACT_PICK_MARK:
                if (p->nshown)
                        toggle_chosen(p, p->items[p->shown[p->sel]].code);
                return REACT_NONE;
        case ACT_ED_DOWN:
        case ACT_DOWN: p->sel = p->sel < last ? p->sel + 1 : last; return REACT_NONE;
        case ACT_ED_UP:
        case ACT_UP: p->sel = p->sel ? p->sel - 1 : 0; return REACT_NONE;
        case ACT_PAGE_DOWN: p->sel = p->sel + 10 < last ? p->sel + 10 : last; return REACT_NONE;
        case ACT_PAGE_UP: p->sel = p->sel > 10 ? p->sel - 10 : 0; return REACT_NONE;
        case ACT_NONE:
                if (!ed_insert(&p->filter, KEY_CHAR_OF(key)))
                        return REACT_NONE;
                break;
        default:
                if (!ed_act(&p->filter, act))
                        return REACT_IGNORED;
        }
        p->sel = 0; /* the filter changed (or its cursor moved) */
        filter_apply(p);
        return REACT_NONE;
}

static const struct view_ops picker_ops = {
    .name = "picker",
    .flags = VIEW_MODAL | VIEW_TEXT,
    .keymap = {KM_PICKER, KM_EDITOR},
    .draw = picker_draw,
    .key = picker_key,
};

char *picker_refs(struct app *app, bool nos, const char *initial)
{
        struct picker p = {0};
        p.nos = nos;
        list_items(&p, &app->ses.wb);
        p.shown = xmalloc((p.n + 1) * sizeof *p.shown);
        strlist_split(&p.chosen, initial);
        filter_apply(&p);
        struct view *v = view_push(app, &picker_ops, 0);
        v->data = &p;
        unsigned long id = v->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id)); /* still there when a signal ended the loop */
        for (size_t i = 0; i < p.n; i++)
                free(p.items[i].label);
        free(p.items);
        free(p.shown);
        strlist_free(&p.chosen);
        ed_free(&p.filter);
        return p.result;
}
