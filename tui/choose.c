/* choose.c — picking a code as one types, a view: the list is asked for again
 * at each key (competences over the 2004 map and the workbook's frameworks,
 * requirements, kinds of CPD activity, plan levels, evidence entries), rows
 * marked with Space, the marked ones (or the selected one) taken with Enter. */
#include "core/competence.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/text.h"
#include "tui/editor.h"
#include "tui/plans.h"

#include <stdlib.h>
#include <string.h>

void choices_free(struct choice *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i].code), free(v[i].label);
        free(v);
}

static void choice_add(struct choice **v, size_t *n, const char *code, const char *label)
{
        *v = xrealloc(*v, (*n + 1) * sizeof **v);
        (*v)[*n].code = xstrdup(code);
        (*v)[(*n)++].label = xstrdup(label);
}

const char *plans_kind_tag(const struct competence *c)
{
        switch (competence_mix(c)) {
        case 1u << MIX_GENERIC: return "g";
        case 1u << MIX_SPECIALIST: return "s";
        case 1u << MIX_PARTNERSHIP: return "p";
        case 1u << MIX_SPECIALIST | 1u << MIX_PARTNERSHIP: return "sp";
        case 1u << MIX_ORGANISATIONAL: return "o";
        default: return "?";
        }
}

void plans_describe_ref(const struct workbook *wb, const char *text, struct buf *out)
{
        struct spec_link l;
        spec_link_resolve(wb, text, &l);
        if (l.row >= 0) {
                const char *req = wb_get(wb, WB_SPEC, (size_t)l.row, "requirement");
                if (strcmp(text, SPEC_WHOLE) == 0)
                        buf_adds(out, "the whole specification: ");
                else
                        buf_printf(out, "%s ", text);
                buf_printf(out, "%.*s", (int)strcspn(req, "\n"), req);
                return;
        }
        const char *title = competence_title(&l.comp);
        buf_printf(out, "%s %s", l.comp.code, title ? title : "");
        buf_printf(out, "%s[%s]", title ? " " : "", competence_kind_name(&l.comp));
}

/* "s   RMA RG6        Take responsibility …" */
static void competence_label(const struct comp_choice *c, struct buf *out)
{
        struct competence k = {0};
        k.kind = c->kind;
        k.kinds = c->kinds;
        buf_printf(out, "%-3s %-16s %s", plans_kind_tag(&k), c->code, c->title ? c->title : "");
}

size_t choices_competences(struct app *app, const char *typed, struct choice **out)
{
        struct comp_choice *c;
        size_t n = competence_choices(&app->ses.wb.map, &app->ses.wb.fw, typed, &c), k = 0;
        *out = NULL;
        for (size_t i = 0; i < n; i++) {
                struct buf l = {0};
                competence_label(&c[i], &l);
                choice_add(out, &k, c[i].code, buf_str(&l));
                buf_free(&l);
        }
        free(c);
        return k;
}

/* The requirements of the specification first, then every competence. */
size_t choices_refs(struct app *app, const char *typed, struct choice **out)
{
        const struct workbook *wb = &app->ses.wb;
        const struct sheet *sh = &wb->sheets[WB_SPEC];
        struct choice *v = NULL;
        size_t n = 0;
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_SPEC, i))
                        continue;
                const char *id = wb_get(wb, WB_SPEC, i, "id"),
                           *req = wb_get(wb, WB_SPEC, i, "requirement");
                struct buf l = {0};
                buf_printf(&l, "%-3s %-16s %.*s", "req", id, (int)strcspn(req, "\n"), req);
                if (!*typed || strcasestr(buf_str(&l), typed))
                        choice_add(&v, &n, id, buf_str(&l));
                buf_free(&l);
        }
        struct choice *c;
        size_t nc = choices_competences(app, typed, &c);
        v = xrealloc(v, (n + nc + 1) * sizeof *v);
        memcpy(v + n, c, nc * sizeof *c);
        free(c);
        *out = v;
        return n + nc;
}

size_t choices_kinds(struct app *app, const char *typed, struct choice **out)
{
        const struct stdmap *m = &app->ses.wb.map;
        struct choice *v = NULL;
        size_t n = 0;
        for (size_t i = 0; i < m->ncpd_kinds; i++) {
                struct buf l = {0};
                buf_printf(&l, "%-24s %s", m->cpd_kinds[i].code, m->cpd_kinds[i].name);
                if (!*typed || strcasestr(buf_str(&l), typed))
                        choice_add(&v, &n, m->cpd_kinds[i].code, buf_str(&l));
                buf_free(&l);
        }
        *out = v;
        return n;
}

size_t choices_levels(struct app *app, const char *typed, struct choice **out)
{
        (void)app;
        struct choice *v = NULL;
        size_t n = 0;
        for (int i = PDP_BASICS; i <= PDP_DISCRETE; i++) {
                struct buf l = {0};
                buf_printf(&l, "%-16s %s", pdp_levels[i].code, pdp_levels[i].name);
                if (!*typed || strcasestr(buf_str(&l), typed))
                        choice_add(&v, &n, pdp_levels[i].code, buf_str(&l));
                buf_free(&l);
        }
        *out = v;
        return n;
}

size_t choices_evidence(struct app *app, const char *typed, struct choice **out)
{
        const struct workbook *wb = &app->ses.wb;
        struct choice *v = NULL;
        size_t n = 0;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                const char *sum = entry_get(wb, e, "summary");
                struct buf l = {0};
                buf_printf(&l, "%-6s %-8s %.*s", entry_get(wb, e, "id"), entry_get(wb, e, "status"),
                           (int)strcspn(sum, "\n"), sum);
                if (!*typed || strcasestr(buf_str(&l), typed))
                        choice_add(&v, &n, entry_get(wb, e, "id"), buf_str(&l));
                buf_free(&l);
        }
        *out = v;
        return n;
}

bool same_competence(struct app *app, const char *a, const char *b)
{
        if (strcmp(a, b) == 0)
                return true;
        const struct workbook *wb = &app->ses.wb;
        struct competence ca, cb;
        if (!competence_resolve(&wb->map, &wb->fw, a, &ca) ||
            !competence_resolve(&wb->map, &wb->fw, b, &cb))
                return false;
        return ca.kind == cb.kind && strcmp(ca.code, cb.code) == 0;
}

/* --- the picker -------------------------------------------------------------------- */

struct chooser {
        const char *title;
        choices_fn fn;
        same_fn same;
        bool multi;
        struct choice *items;
        size_t n, sel, top;
        struct editor filter;
        struct strlist chosen; /* as written in the field, or as picked */
        char *result;
        bool accepted;
};

static void refill(struct app *app, struct chooser *c)
{
        choices_free(c->items, c->n);
        c->n = c->fn(app, buf_str(&c->filter.text), &c->items);
        if (c->sel >= c->n)
                c->sel = c->n ? c->n - 1 : 0;
}

/* The chosen entry that is code written some way, or -1. */
static long chosen_index(struct app *app, const struct chooser *c, const char *code)
{
        for (size_t i = 0; i < c->chosen.n; i++)
                if (c->same ? c->same(app, c->chosen.v[i], code)
                            : strcmp(c->chosen.v[i], code) == 0)
                        return (long)i;
        return -1;
}

static void toggle(struct app *app, struct chooser *c, const char *code)
{
        long at = chosen_index(app, c, code);
        if (at < 0) {
                strlist_push(&c->chosen, code);
                return;
        }
        struct strlist keep = {0};
        for (size_t i = 0; i < c->chosen.n; i++)
                if ((long)i != at)
                        strlist_push(&keep, c->chosen.v[i]);
        strlist_free(&c->chosen);
        c->chosen = keep;
}

static void chooser_draw(struct app *app, struct view *v)
{
        struct chooser *c = v->data;
        struct tui_term *t = &app->term;
        char title[300], km[16], ka[16], kc[16];
        if (c->multi)
                snprintf(title, sizeof title, " Pick %s  %s marks  %s takes  %s cancels", c->title,
                         keys_first(app, ACT_PICK_MARK, km, sizeof km),
                         keys_first(app, ACT_PICK_ACCEPT, ka, sizeof ka),
                         keys_first(app, ACT_PICK_CANCEL, kc, sizeof kc));
        else
                snprintf(title, sizeof title, " Pick %s  %s takes  %s cancels", c->title,
                         keys_first(app, ACT_PICK_ACCEPT, ka, sizeof ka),
                         keys_first(app, ACT_PICK_CANCEL, kc, sizeof kc));
        ui_put(t, 0, 0, t->cols, title, t->role_attr[CR_TITLE], true);
        struct buf line = {0};
        buf_printf(&line, "Type to filter: %s", buf_str(&c->filter.text));
        ui_put(t, 1, 0, t->cols, buf_str(&line), A_BOLD, true);
        int rows = t->rows - 3;
        if (c->sel < c->top)
                c->top = c->sel;
        if (c->sel >= c->top + (size_t)rows)
                c->top = c->sel - (size_t)rows + 1;
        for (int r = 0; r < rows; r++) {
                size_t k = c->top + (size_t)r;
                if (k >= c->n) {
                        if (k == 0)
                                ui_put(t, 2, 0, t->cols, "  nothing matches what is typed",
                                       A_NORMAL, true);
                        continue;
                }
                buf_reset(&line);
                if (c->multi)
                        buf_printf(&line, "[%s] ",
                                   chosen_index(app, c, c->items[k].code) >= 0 ? "x" : " ");
                buf_adds(&line, c->items[k].label);
                ui_put(t, 2 + r, 0, t->cols, buf_str(&line), k == c->sel ? A_REVERSE : A_NORMAL,
                       true);
        }
        buf_reset(&line);
        if (c->multi) {
                buf_adds(&line, "Chosen: ");
                strlist_join(&c->chosen, &line);
        } else {
                buf_printf(&line, "%zu to choose from", c->n);
        }
        ui_put(t, t->rows - 1, 0, t->cols, buf_str(&line), A_BOLD, true);
        buf_free(&line);
        t->cursor_y = c->n ? 2 + (int)(c->sel - c->top) : 1;
        t->cursor_x = c->n ? 1 : 16 + (int)text_width(buf_str(&c->filter.text));
        if (t->cursor_x >= t->cols)
                t->cursor_x = t->cols - 1;
}

static enum reaction chooser_key(struct app *app, struct view *v, enum action act, int key)
{
        struct chooser *c = v->data;
        size_t last = c->n ? c->n - 1 : 0;
        switch (act) {
        case ACT_PICK_CANCEL: return REACT_POP;
        case ACT_PICK_ACCEPT:
                if (c->multi && !c->chosen.n && c->n)
                        strlist_push(&c->chosen, c->items[c->sel].code);
                if (c->multi) {
                        struct buf out = {0};
                        strlist_join(&c->chosen, &out);
                        c->result = buf_take(&out);
                } else if (c->n) {
                        c->result = xstrdup(c->items[c->sel].code);
                } else {
                        return REACT_NONE; /* nothing to take */
                }
                return REACT_POP;
        case ACT_PICK_MARK:
                if (!c->multi)
                        return loop_act(app, v, ACT_PICK_ACCEPT);
                if (c->n)
                        toggle(app, c, c->items[c->sel].code);
                return REACT_NONE;
        case ACT_ED_DOWN:
        case ACT_DOWN: c->sel = c->sel < last ? c->sel + 1 : last; return REACT_NONE;
        case ACT_ED_UP:
        case ACT_UP: c->sel = c->sel ? c->sel - 1 : 0; return REACT_NONE;
        case ACT_PAGE_DOWN: c->sel = c->sel + 10 < last ? c->sel + 10 : last; return REACT_NONE;
        case ACT_PAGE_UP: c->sel = c->sel > 10 ? c->sel - 10 : 0; return REACT_NONE;
        case ACT_NONE:
                if (!ed_insert(&c->filter, KEY_CHAR_OF(key)))
                        return REACT_NONE;
                break;
        default:
                if (!ed_act(&c->filter, act))
                        return REACT_IGNORED;
        }
        c->sel = 0;
        refill(app, c);
        return REACT_NONE;
}

static const struct view_ops chooser_ops = {
    .name = "picker",
    .flags = VIEW_MODAL | VIEW_TEXT,
    .keymap = {KM_PICKER, KM_EDITOR},
    .draw = chooser_draw,
    .key = chooser_key,
};

char *choose(struct app *app, const char *title, choices_fn fn, same_fn same, bool multi,
             const char *initial)
{
        struct chooser c = {0};
        c.title = title;
        c.fn = fn;
        c.same = same;
        c.multi = multi;
        if (multi)
                strlist_split(&c.chosen, initial);
        refill(app, &c);
        /* a single choice starts on the one the field holds */
        for (size_t i = 0; !multi && initial && i < c.n; i++)
                if (same ? same(app, c.items[i].code, initial)
                         : strcmp(c.items[i].code, initial) == 0)
                        c.sel = i;
        struct view *v = view_push(app, &chooser_ops, 0);
        v->data = &c;
        unsigned long id = v->id;
        loop_run(app, id);
        view_remove(app, view_by_id(app, id)); /* still there when a signal ended the loop */
        choices_free(c.items, c.n);
        strlist_free(&c.chosen);
        ed_free(&c.filter);
        return c.result;
}
