/* form_row.c — the form over one row of the person management specification,
 * the development plan or the CPD record, a view: its fields from a table per
 * sheet, codes picked from lists (F2) and each code under the cursor said in
 * words as it is typed, checks shown next to the field, the draft journalled
 * as it is typed; recorded through core (spec_add/edit, pdp_add/edit,
 * cpd_add/edit). */
#include "core/cpd.h"
#include "core/pdp.h"
#include "core/spec.h"
#include "core/text.h"
#include "tui/editor.h"
#include "tui/form_row.h"
#include "tui/plans.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- the draft in the journal ------------------------------------------------------ */

/* The fields to the journal when they changed (see draft_journal). */
static void journal_form(struct app *app, struct rowform *f, bool force)
{
        const char *cols[MAXF];
        for (int i = 0; i < f->rs->n; i++)
                cols[i] = f->rs->fields[i].col;
        draft_journal(app, &f->draft, f->key, f->ed, cols, f->rs->n, f->cur, force);
}

/* --- recording ------------------------------------------------------------------------ */

static char *record(struct app *app, struct rowform *f, struct diag *d)
{
        struct workbook *wb = &app->ses.wb;
        const char *v[MAXF];
        for (int i = 0; i < f->rs->n; i++)
                v[i] = rf_val(f, i);
        char *id = NULL;
        int rc = 0;
        switch (f->rs->sheet) {
        case WB_SPEC: {
                struct spec_new n = {v[0], v[1], v[2], v[3]};
                if (!f->id)
                        id = spec_add(wb, &n, d);
                else
                        rc = spec_edit(wb, f->id, &n, d);
                break;
        }
        case WB_PDP: {
                struct pdp_new n = {v[0], v[1], v[2], v[3], v[5], v[6]};
                if (!f->id) {
                        wb_begin(wb);
                        id = pdp_add(wb, &n, d);
                        if (id && *v[4])
                                wb_set(wb, WB_PDP, id, "done", v[4]);
                        wb_end(wb);
                } else {
                        rc = pdp_edit(wb, f->id, &n, v[4], d);
                }
                break;
        }
        default: {
                struct cpd_new n = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]};
                if (!f->id)
                        id = cpd_add(wb, &n, d);
                else
                        rc = cpd_edit(wb, f->id, &n, d);
        }
        }
        if (f->id && rc == 0)
                id = xstrdup(f->id);
        return id;
}

static bool commit(struct app *app, struct view *v, struct rowform *f)
{
        struct diag d = {0};
        char *id = record(app, f, &d);
        if (!id) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not recorded");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                return false;
        }
        (void)v;
        plans_select(app, f->parent, id);
        char ks[16];
        keys_first(app, ACT_SAVE, ks, sizeof ks);
        /* what was kept as written is said, not refused */
        const char *note = d.n ? d.v[0].msg : NULL;
        struct buf total = {0};
        if (f->rs->sheet == WB_CPD && app->ses.wb.cpd_min.set) {
                /* the total moves: said at once, the totals may be scrolled away */
                char today[11], a[32], b[32];
                date_today(today);
                struct cpd_totals t;
                cpd_totals(&app->ses.wb, today, &t);
                cpd_amount_format(cpd_days(&app->ses.wb, t.hours_window), a, sizeof a);
                cpd_amount_format(cpd_days(&app->ses.wb, t.shortfall_hours), b, sizeof b);
                buf_printf(&total, "; %s day%s counted, %s day%s short", a,
                           strcmp(a, "1") ? "s" : "", b, strcmp(b, "1") ? "s" : "");
        }
        app_message(app, false, "%s %s%s (%s saves)%s%s", id, f->id ? "changed" : "added",
                    buf_str(&total), ks, note ? "; " : "", note ? note : "");
        buf_free(&total);
        free(id);
        diag_free(&d);
        return true;
}

/* --- drawing ---------------------------------------------------------------------------- */

enum { LABEL_W = 13 };

/* The code of the `;` list under the cursor, in words: what it names, or that
 * it is outside the map (kept as written). */
static void cursor_hint(struct app *app, struct rowform *f, struct buf *out)
{
        const struct workbook *wb = &app->ses.wb;
        const struct rf_field *fd = &f->rs->fields[f->cur];
        struct editor *ed = &f->ed[f->cur];
        const char *s = buf_str(&ed->text);
        size_t a = ed->cur, b = ed->cur;
        while (a > 0 && s[a - 1] != ';')
                a--;
        while (s[b] && s[b] != ';')
                b++;
        char *item = xstrndup(s + a, b - a);
        char *t = str_trim(item);
        if (!*t) {
                free(item);
                return;
        }
        struct competence c;
        switch (fd->pick) {
        case RP_COMPETENCES:
                if (competence_resolve(&wb->map, &wb->fw, t, &c)) {
                        const char *title = competence_title(&c);
                        buf_printf(out, "%s %s%s[%s]", c.code, title ? title : "", title ? " " : "",
                                   competence_kind_name(&c));
                } else {
                        buf_printf(out, "%s: outside the map (kept as written)", t);
                }
                break;
        case RP_REFS:
        case RP_LINK: plans_describe_ref(wb, t, out); break;
        case RP_KIND: {
                int k = stdmap_cpd_kind(&wb->map, t);
                if (k >= 0)
                        buf_printf(out, "%s", wb->map.cpd_kinds[k].name);
                break;
        }
        case RP_LEVEL: {
                enum pdp_level lv = pdp_level_parse(t);
                if (lv > PDP_LEVEL_NONE && lv < PDP_LEVEL_UNKNOWN)
                        buf_printf(out, "%s", pdp_levels[lv].name);
                break;
        }
        case RP_EVIDENCE: {
                long e = wb_entry_by_id(wb, t);
                if (e >= 0) {
                        const char *sum = entry_get(wb, &wb->entries[e], "summary");
                        buf_printf(out, "%s %.*s", t, (int)strcspn(sum, "\n"), sum);
                }
                break;
        }
        case RP_NONE: break;
        }
        free(item);
}

/* The rows each field gets: one, and for a field shown wrapped as many as its
 * text needs while there is room, the field being edited first. */
static void field_rows(struct app *app, struct rowform *f, int avail, int *h, bool hint)
{
        int vw = app->term.cols - LABEL_W - 1, need[MAXF], used = 0;
        for (int i = 0; i < f->rs->n; i++) {
                h[i] = 1;
                need[i] = 1;
                if (f->rs->fields[i].wrap) {
                        size_t starts[512];
                        f->ed[i].width = vw;
                        need[i] = (int)ed_lines(&f->ed[i], vw, starts, 512);
                        int row, col;
                        ed_cursor_pos(&f->ed[i], vw, &row, &col);
                        need[i] = need[i] > row + 1 ? need[i] : row + 1;
                        need[i] = need[i] < 1 ? 1 : need[i] > 10 ? 10 : need[i];
                }
                used += 1 + (f->error[i] != NULL);
        }
        used += hint;
        int extra = avail - used;
        for (int pass = 0; pass < 2; pass++)
                for (int i = 0; i < f->rs->n && extra > 0; i++) {
                        if ((pass == 0) != (i == f->cur))
                                continue;
                        int more = need[i] - h[i];
                        more = more < extra ? more : extra;
                        /* the others get two rows at first, the rest once all have had theirs */
                        if (pass == 1 && more > 2)
                                more = 2;
                        h[i] += more;
                        extra -= more;
                }
        for (int i = 0; i < f->rs->n && extra > 0; i++) {
                int more = need[i] - h[i];
                more = more < extra ? more : extra;
                h[i] += more > 0 ? more : 0;
                extra -= more > 0 ? more : 0;
        }
}

static void rowform_hint(struct app *app, const struct rowform *f, char *out, size_t n)
{
        char ks[16], kc[16], kn[16], kp[16], ke[16];
        keys_first(app, ACT_FORM_SAVE, ks, sizeof ks);
        keys_first(app, ACT_FORM_CANCEL, kc, sizeof kc);
        keys_first(app, ACT_FORM_NEXT, kn, sizeof kn);
        keys_first(app, ACT_FORM_PICK, kp, sizeof kp);
        keys_first(app, ACT_FORM_EDITOR, ke, sizeof ke);
        const struct rf_field *fd = &f->rs->fields[f->cur];
        if (fd->pick != RP_NONE)
                snprintf(out, n, " %s save  %s cancel  %s pick from a list  %s next field", ks, kc,
                         kp, kn);
        else if (fd->multiline)
                snprintf(out, n, " %s save  %s cancel  Enter new line  %s $EDITOR  %s next", ks, kc,
                         ke, kn);
        else
                snprintf(out, n, " %s save  %s cancel  %s/Enter next field  %s $EDITOR", ks, kc, kn,
                         ke);
}

static void rowform_draw(struct app *app, struct view *v)
{
        struct rowform *f = v->data;
        struct tui_term *t = &app->term;
        ui_put(t, 0, 0, t->cols, f->title, t->role_attr[CR_TITLE], true);
        struct buf hint = {0};
        if (f->rs->fields[f->cur].pick != RP_NONE)
                cursor_hint(app, f, &hint);
        bool has_hint = hint.len > 0;
        int h[MAXF], total = 0;
        int top = 2, bottom = t->rows - 1;
        field_rows(app, f, bottom - top, h, has_hint);
        for (int i = 0; i < f->rs->n; i++)
                total += h[i] + (f->error[i] != NULL) + (i == f->cur && has_hint);
        if (total > bottom - top)
                top = 1;
        int skip = 0;
        for (;; skip++) {
                int upto = 0;
                for (int i = skip; i <= f->cur; i++)
                        upto += h[i] + (f->error[i] != NULL) + (i == f->cur && has_hint);
                if (upto <= bottom - top || skip == f->cur)
                        break;
        }
        int y = top, vw = t->cols - LABEL_W - 1;
        t->cursor_y = 1, t->cursor_x = 0;
        for (int i = skip; i < f->rs->n; i++) {
                if (y + h[i] > bottom)
                        break;
                bool cur = i == f->cur;
                const char *label = f->whole && i == 0 ? "Role" : f->rs->fields[i].label;
                ui_put(t, y, 0, LABEL_W, label, cur ? A_BOLD | A_UNDERLINE : A_BOLD, true);
                ed_draw(t, &f->ed[i], y, LABEL_W, h[i], f->rs->fields[i].wrap, cur,
                        cur ? A_UNDERLINE : A_NORMAL);
                y += h[i];
                if (f->error[i] && y < bottom) {
                        ui_put(t, y, LABEL_W, vw, f->error[i], t->role_attr[CR_ERROR], true);
                        y++;
                }
                if (cur && has_hint && y < bottom) {
                        ui_put(t, y, LABEL_W, vw, buf_str(&hint), t->role_attr[CR_LINK], true);
                        y++;
                }
        }
        buf_free(&hint);
        char line[200];
        rowform_hint(app, f, line, sizeof line);
        ui_put(t, t->rows - 1, 0, t->cols, app->msg[0] ? app->msg : line,
               app->msg[0] && app->msg_error ? t->role_attr[CR_ERROR] : A_NORMAL, true);
        if (t->cursor_x >= t->cols)
                t->cursor_x = t->cols - 1;
}

/* --- keys ---------------------------------------------------------------------------- */

static enum reaction rowform_idle(struct app *app, struct view *v)
{
        journal_form(app, v->data, true);
        return REACT_NONE;
}

/* F2 on a field of codes: its list, type-ahead; the field takes what is picked. */
static void pick(struct app *app, struct rowform *f)
{
        const struct rf_field *fd = &f->rs->fields[f->cur];
        struct editor *ed = &f->ed[f->cur];
        char *r = NULL;
        switch (fd->pick) {
        case RP_COMPETENCES:
                r = choose(app, "competences", choices_competences, same_competence, true,
                           buf_str(&ed->text));
                break;
        case RP_REFS:
                r = choose(app, "requirements and competences", choices_refs, same_competence, true,
                           buf_str(&ed->text));
                break;
        case RP_LINK:
                r = choose(app, "what it is tied to", choices_refs, same_competence, false,
                           buf_str(&ed->text));
                break;
        case RP_KIND:
                r = choose(app, "the kind of activity", choices_kinds, NULL, false,
                           buf_str(&ed->text));
                break;
        case RP_LEVEL:
                r = choose(app, "the level", choices_levels, NULL, false, buf_str(&ed->text));
                break;
        case RP_EVIDENCE:
                r = choose(app, "evidence entries", choices_evidence, NULL, true,
                           buf_str(&ed->text));
                break;
        case RP_NONE: app_message(app, true, "no list for %s: type it", fd->label); return;
        }
        if (r) {
                ed_set(ed, r);
                ed->cur = ed->text.len;
        }
        free(r);
}

static enum reaction rowform_key(struct app *app, struct view *v, enum action act, int key)
{
        struct rowform *f = v->data;
        int n = f->rs->n;
        struct editor *ed = &f->ed[f->cur];
        const struct rf_field *fd = &f->rs->fields[f->cur];
        uint64_t before = draft_hash(f->ed, f->rs->n);
        switch (act) {
        case ACT_FORM_CANCEL:
                if (f->changed &&
                    prompt_choice(app, "Discard this form's changes? (y)es (n)o", "yn") != 'y')
                        break;
                f->finished = true;
                return REACT_POP;
        case ACT_FORM_SAVE:
                if (rf_validate(app, f) && commit(app, v, f)) {
                        f->finished = true;
                        return REACT_POP | REACT_MODEL;
                }
                for (int i = 0; i < n; i++)
                        if (f->error[i]) {
                                f->cur = i;
                                break;
                        }
                break;
        case ACT_FORM_NEXT: f->cur = (f->cur + 1) % n; break;
        case ACT_FORM_PREV: f->cur = (f->cur + n - 1) % n; break;
        case ACT_FORM_PICK: pick(app, f); break;
        case ACT_FORM_EDITOR: form_edit_external(app, ed); break;
        default:
                if (act == ACT_NONE) {
                        ed_insert(ed, KEY_CHAR_OF(key));
                } else if (act == ACT_ED_NEW_LINE && !fd->multiline) {
                        f->cur = (f->cur + 1) % n;
                } else if (act == ACT_ED_UP || act == ACT_ED_DOWN || act == ACT_ED_NEW_LINE) {
                        size_t at = ed->cur;
                        bool moved = ed_act(ed, act) && (act == ACT_ED_NEW_LINE || ed->cur != at);
                        if (!moved)
                                f->cur = (f->cur + (act == ACT_ED_UP ? n - 1 : 1)) % n;
                } else if (!ed_act(ed, act)) {
                        return REACT_IGNORED;
                }
        }
        if (draft_hash(f->ed, f->rs->n) != before) {
                f->changed = true;
                loop_timer(app, v, 500, true, rowform_idle);
        }
        journal_form(app, f, false);
        return REACT_NONE;
}

static void rowform_done(struct app *app, struct view *v, bool ending)
{
        struct rowform *f = v->data;
        (void)ending;
        if (f->finished) {
                recover_form_done(app, f->key);
                app->ses.open_forms--;
        } else {
                journal_form(app, f, true); /* the program ends with it open: keep the words */
        }
        for (int i = 0; i < f->rs->n; i++) {
                ed_free(&f->ed[i]);
                free(f->error[i]);
        }
        free(f->id);
        free(f);
}

static const struct view_ops rowform_ops = {
    .name = "form",
    .flags = VIEW_MODAL | VIEW_TEXT,
    .keymap = {KM_FORM, KM_EDITOR},
    .draw = rowform_draw,
    .key = rowform_key,
    .done = rowform_done,
};

static void rowform_start(struct app *app, enum wb_sheet s, const char *id, unsigned long parent,
                          const struct strlist *cols, const struct strlist *vals)
{
        struct workbook *wb = &app->ses.wb;
        struct diag d = {0};
        workbook_map(wb, &d);
        diag_free(&d);
        struct rowform *f = xcalloc(1, sizeof *f);
        f->rs = rf_sheet_of(s);
        f->parent = parent;
        long row = id ? wb_find(wb, s, id) : -1;
        f->whole = s == WB_SPEC && id && strcmp(id, SPEC_WHOLE) == 0;
        if (id && (row >= 0 || f->whole))
                f->id = xstrdup(id);
        for (int i = 0; i < f->rs->n; i++) {
                f->ed[i].multiline = f->rs->fields[i].multiline;
                if (row >= 0)
                        ed_set(&f->ed[i], wb_get(wb, s, (size_t)row, f->rs->fields[i].col));
        }
        char today[11];
        date_today(today);
        if (!f->id && s == WB_CPD)
                ed_set(&f->ed[rf_field_index(f, "date")], today);
        if (!f->id && s == WB_PDP && *wb->supervisor)
                ed_set(&f->ed[rf_field_index(f, "agreed_with")], wb->supervisor);
        if (f->whole)
                snprintf(f->title, sizeof f->title,
                         " The whole specification: its role, "
                         "learning and training");
        else if (f->id)
                snprintf(f->title, sizeof f->title, " Edit %s %s", f->rs->what, f->id);
        else
                snprintf(f->title, sizeof f->title, " New %s", f->rs->what);
        if (f->id)
                snprintf(f->key, sizeof f->key, "%s:edit:%s", f->rs->key, f->id);
        else
                snprintf(f->key, sizeof f->key, "%s:new", f->rs->key);
        f->draft.cur = f->cur;
        for (size_t k = 0; cols && vals && k < cols->n && k < vals->n; k++) {
                int i = rf_field_index(f, cols->v[k]);
                if (i >= 0 && strcmp(vals->v[k], rf_val(f, i)) != 0) {
                        ed_set(&f->ed[i], vals->v[k]);
                        f->changed = true;
                }
        }
        size_t len = strlen(f->title);
        if (cols)
                len += (size_t)snprintf(f->title + len, sizeof f->title - len,
                                        " (recovered after a crash)");
        if (app->ses.readonly)
                snprintf(f->title + len, sizeof f->title - len, " (read-only)");
        for (int i = 0; i < f->rs->n; i++)
                f->ed[i].cur = f->ed[i].text.len;
        app->msg[0] = '\0';
        struct view *v = view_push(app, &rowform_ops, 0);
        v->data = f;
        app->ses.open_forms++;
        journal_form(app, f, false);
}

void rowform_open(struct app *app, enum wb_sheet s, const char *id, unsigned long parent)
{
        rowform_start(app, s, id, parent, NULL, NULL);
}

bool rowform_open_draft(struct app *app, const char *form, const struct strlist *cols,
                        const struct strlist *vals)
{
        const struct rf_sheet *rs = rf_sheet_of_draft(form);
        if (!rs)
                return false;
        const char *rest = form + strlen(rs->key) + 1;
        const char *id = strncmp(rest, "edit:", 5) == 0 ? rest + 5 : NULL;
        /* a row that is gone: its words are kept in a new row's form */
        rowform_start(app, rs->sheet, id, 0, cols, vals);
        return true;
}
