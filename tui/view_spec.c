/* view_spec.c — the person management specification: the role and level, the
 * review (due ones flagged), the mix of competences against the guidance for
 * the level, the whole specification's learning and training, and each
 * requirement with its competences tagged by kind; add, edit, delete, review. */
#include "core/spec.h"
#include "core/text.h"
#include "tui/plans_view.h"

#include <stdlib.h>
#include <string.h>

/* Text wrapped under indent, or (not open) its first line cut to the width. */
static void text_lines(struct view *v, int role, int width, int indent, const char *label,
                       const char *text, bool open)
{
        struct buf b = {0};
        buf_printf(&b, "%s%s", label, text);
        if (open) {
                vline_wrap(v, role, width, indent, buf_str(&b));
        } else {
                const char *s = buf_str(&b);
                size_t n = strcspn(s, "\n");
                vline_add(v, role, false, 0, 0, "%*s%.*s%s", indent, "", (int)n, s,
                          s[n] ? " …" : "");
        }
        buf_free(&b);
}

static void mix_lines(struct app *app, struct view *v, int width, const struct spec *s)
{
        const struct workbook *wb = &app->ses.wb;
        const struct comp_mix *m = &s->mix;
        struct buf note = {0};
        bool fits = spec_mix_note(wb->level_code, m, &note);
        struct buf l = {0};
        buf_printf(&l,
                   "Mix of %u: %u generic, %u specialist, %u partnership, %u organisational, %u "
                   "outside",
                   m->total, m->n[MIX_GENERIC], m->n[MIX_SPECIALIST], m->n[MIX_PARTNERSHIP],
                   m->n[MIX_ORGANISATIONAL], m->n[MIX_OUTSIDE]);
        plans_hang_wrap(v, CR_NONE, width, 5, buf_str(&l), true, PL_MIX, 0);
        buf_free(&l);
        if (plans_is_open(v, "mix")) {
                vline_wrap(v, fits ? CR_NONE : CR_UPDATE, width, 5, buf_str(&note));
        } else if (wb->level_code > LEVEL_NONE && wb->level_code < LEVEL_UNKNOWN) {
                char k[16];
                vline_add(v, fits ? CR_ACTUAL : CR_UPDATE, false, 0, 0,
                          "     %s the guidance for a %s (%s: the guidance)",
                          fits ? "follows" : "does not follow", mgr_levels[wb->level_code].name,
                          keys_first(app, ACT_OPEN, k, sizeof k));
        } else {
                vline_add(v, CR_UPDATE, false, 0, 0,
                          "     no level set: [candidate] level in workbook.ini");
        }
        buf_free(&note);
}

static void requirement_lines(struct app *app, struct view *v, int width, const struct spec_req *r)
{
        const struct workbook *wb = &app->ses.wb;
        const char *id = wb_get(wb, WB_SPEC, r->row, "id");
        const char *req = wb_get(wb, WB_SPEC, r->row, "requirement");
        bool open = plans_is_open(v, id);
        size_t n = strcspn(req, "\n");
        vline_add(v, -1, true, PL_ROW, (int)r->row, "%-4s %.*s%s", id, (int)n, req,
                  req[n] && !open ? " …" : "");
        if (req[n] && open)
                vline_wrap(v, CR_NONE, width, 5, req + n + 1);
        for (size_t k = 0; k < r->ncomps; k++) {
                const struct competence *c = &r->comps[k];
                const char *title = competence_title(c);
                struct buf l = {0};
                buf_printf(&l, "     %-3s %-12s %s", plans_kind_tag(c), c->code,
                           title                     ? title
                           : c->kind == COMP_OUTSIDE ? "(outside the map)"
                                                     : "");
                int role = c->kind == COMP_OUTSIDE ? CR_MISSING : CR_NONE;
                if (open)
                        plans_hang_wrap(v, role, width, 22, buf_str(&l), false, 0, 0);
                else
                        vline_add(v, role, false, 0, 0, "%s", buf_str(&l));
                buf_free(&l);
        }
        if (!r->ncomps)
                vline_add(v, CR_UPDATE, false, 0, 0, "     (no competences yet)");
        static const char *const cols[] = {"learning", "training"};
        static const char *const label[] = {"Learning: ", "Training: "};
        for (int k = 0; k < 2; k++) {
                bool above;
                const char *t = spec_cell(wb, r->row, cols[k], &above);
                if (above)
                        vline_add(v, CR_NONE, false, 0, 0, "     %sas above", label[k]);
                else if (*t)
                        text_lines(v, CR_NONE, width, 5, label[k], t, open);
        }
}

static void build(struct app *app, struct view *v, int width)
{
        const struct workbook *wb = &app->ses.wb;
        char today[11];
        date_today(today);
        struct spec s;
        spec_build(wb, today, &s);
        snprintf(v->title, sizeof v->title, "%s: person management specification",
                 *wb->name ? wb->name : "the candidate");
        long whole = s.whole;
        const char *role = wb->role && *wb->role ? wb->role
                           : whole >= 0          ? wb_get(wb, WB_SPEC, (size_t)whole, "requirement")
                                                 : "";
        const char *level = wb->level_code > LEVEL_NONE && wb->level_code < LEVEL_UNKNOWN
                                ? mgr_levels[wb->level_code].name
                                : "level not set";
        if (*role)
                vline_add(v, CR_NONE, false, 0, 0, "%.*s", (int)strcspn(role, "\n"), role);
        char kr[16];
        keys_first_in(app, KM_SPEC, ACT_REVIEW, kr, sizeof kr);
        if (!*s.last_review)
                vline_add(v, CR_UPDATE, false, 0, 0, "%s | not reviewed yet (%s records a review)",
                          level, kr);
        else if (s.review_due)
                vline_add(v, CR_ERROR, false, 0, 0, "%s | REVIEW DUE since %s (%s records one)",
                          level, s.next_review, kr);
        else
                vline_add(v, CR_NONE, false, 0, 0, "%s | last review %s | next due %s", level,
                          s.last_review, s.next_review);
        mix_lines(app, v, width, &s);
        bool open = plans_is_open(v, SPEC_WHOLE);
        vline_add(v, -1, true, PL_WHOLE, 0, "%-6s%s", SPEC_WHOLE,
                  "for the whole specification: learning and training");
        if (whole >= 0) {
                const char *learn = wb_get(wb, WB_SPEC, (size_t)whole, "learning");
                const char *train = wb_get(wb, WB_SPEC, (size_t)whole, "training");
                if (*learn)
                        text_lines(v, CR_NONE, width, 5, "Learning: ", learn, open);
                if (*train)
                        text_lines(v, CR_NONE, width, 5, "Training: ", train, open);
        }
        char ka[16];
        keys_first(app, ACT_ADD, ka, sizeof ka);
        if (!s.nreqs)
                vline_add(v, CR_NONE, false, 0, 0, "No requirements yet: %s adds one.", ka);
        for (size_t i = 0; i < s.nreqs; i++)
                requirement_lines(app, v, width, &s.reqs[i]);
        vline_add(v, CR_NONE, false, 0, 0, " ");
        vline_wrap(v, CR_NONE, width, 0,
                   "g generic, s specialist, p partnership, sp both, o organisational, ? outside "
                   "the map (kept as written). Enter shows a row in full.");
        spec_free(&s);
}

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)ch;
        struct workbook *wb = &app->ses.wb;
        const struct vline *l =
            v->sel < v->n && v->lines[v->sel].selectable ? &v->lines[v->sel] : NULL;
        const char *id = plans_selected_id(app, v);
        switch (act) {
        case ACT_ADD: rowform_open(app, WB_SPEC, NULL, v->id); return REACT_NONE;
        case ACT_EDIT:
                if (l && l->a == PL_WHOLE)
                        rowform_open(app, WB_SPEC, SPEC_WHOLE, v->id);
                else if (id)
                        rowform_open(app, WB_SPEC, id, v->id);
                else
                        app_message(app, true,
                                    "select a requirement, or the whole specification, to edit");
                return REACT_NONE;
        case ACT_OPEN:
                if (l)
                        plans_toggle_shown(app, v,
                                           l->a == PL_MIX     ? "mix"
                                           : l->a == PL_WHOLE ? SPEC_WHOLE
                                                              : id);
                return REACT_NONE;
        case ACT_DELETE:
                if (l && l->a == PL_WHOLE) {
                        app_message(app, true,
                                    "the whole specification is not deleted; e edits its words");
                        return REACT_NONE;
                }
                return plans_delete(app, v);
        case ACT_REVIEW: {
                char today[11], q[200];
                date_today(today);
                snprintf(q, sizeof q,
                         "Record a review of the whole specification on %s? (y)es (n)o", today);
                if (prompt_choice(app, q, "yn") != 'y')
                        return REACT_NONE;
                struct diag d = {0};
                int rc = spec_review(wb, NULL, &d);
                diag_free(&d);
                if (rc < 0) {
                        app_message(app, true, "the review could not be recorded");
                        return REACT_NONE;
                }
                app_message(app, false, "reviewed on %s (w saves the workbook)", today);
                return REACT_MODEL;
        }
        default: return REACT_IGNORED;
        }
}

const struct view_ops view_spec_ops = {
    .name = "spec",
    .keymap = {KM_SPEC, KM_SPEC},
    .build = build,
    .key = key,
    .search = list_search,
    .model = plans_model,
    .done = plans_done,
    .hints = {
        {ACT_ADD, "add"}, {ACT_EDIT, "edit"}, {ACT_DELETE, "delete"}, {ACT_REVIEW, "review"}}};
