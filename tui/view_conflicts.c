/* view_conflicts.c — the conflict list: fields changed both here and on disk (by
 * a save that met a spreadsheet's edit, or a git merge), as every conflict
 * record holds them; each resolved by picking a side or editing the value, as an
 * undoable edit; the resolved ones leave the record once the workbook is saved. */
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

/* How a conflict was resolved this session, and by which edit: it stays resolved
 * while that edit is done (an undo takes it back, a redo brings it again). */
struct conflict_pick {
        enum { PICK_NONE, PICK_MINE, PICK_ON_DISK, PICK_EDITED } side;
        bool by_edit;        /* false: the value already was the one picked */
        size_t at;           /* the edit's place in the undo list; without an edit, undo_pos */
        unsigned group;      /* its group: groups are never reused */
        unsigned long order; /* picks without an edit, newest highest: undone by u in the list */
};

static unsigned long pick_order;

void conflicts_free(struct app *app)
{
        conflict_list_free(&app->ses.conflicts);
        free(app->ses.picks);
        app->ses.picks = NULL;
}

void conflicts_sync(struct app *app)
{
        struct session *s = &app->ses;
        for (size_t i = 0; i < s->conflicts.n; i++) {
                const struct conflict_pick *p = &s->picks[i];
                bool done = p->side != PICK_NONE;
                if (done && p->by_edit)
                        done = p->at < s->wb.undo_pos && s->wb.undo[p->at].group == p->group;
                s->conflicts.v[i].resolved = done;
        }
}

size_t conflicts_unresolved(const struct app *app)
{
        size_t n = 0;
        for (size_t i = 0; i < app->ses.conflicts.n; i++)
                n += !app->ses.conflicts.v[i].resolved;
        return n;
}

static void conflicts_read(struct app *app, struct diag *d)
{
        struct session *s = &app->ses;
        conflicts_free(app);
        conflict_read_all(s->wb.dir, &s->conflicts, d);
        s->picks = xcalloc(s->conflicts.n + 1, sizeof *s->picks);
}

void conflicts_open(struct app *app)
{
        struct diag d = {0};
        conflicts_read(app, &d);
        if (d.n) {
                char *m = diag_format(&d.v[0]);
                app_message_add(app, true, "%s", m);
                free(m);
        }
        diag_free(&d);
        if (conflicts_unresolved(app))
                view_push(app, &view_conflicts_ops, 0);
}

static bool same_conflict(const struct conflict *a, const struct conflict *b)
{
        const char *fa[] = {a->sheet, a->id,     a->field, a->base, a->on_disk,
                            a->mine,  a->source, a->when,  a->file};
        const char *fb[] = {b->sheet, b->id,     b->field, b->base, b->on_disk,
                            b->mine,  b->source, b->when,  b->file};
        for (size_t i = 0; i < sizeof fa / sizeof *fa; i++)
                if (strcmp(fa[i] ? fa[i] : "", fb[i] ? fb[i] : "") != 0)
                        return false;
        return true;
}

size_t conflicts_after_save(struct app *app, bool saved, size_t *removed, struct diag *d)
{
        struct session *s = &app->ses;
        size_t resolved = s->conflicts.n - conflicts_unresolved(app);
        if (saved)
                conflict_remove_resolved(s->wb.dir, &s->conflicts, d);
        struct conflict_list old = s->conflicts;
        struct conflict_pick *old_picks = s->picks;
        s->conflicts = (struct conflict_list){0};
        s->picks = NULL;
        conflicts_read(app, d);
        /* one still there keeps its pick (a save that failed, or another record's) */
        size_t added = 0;
        for (size_t i = 0; i < s->conflicts.n; i++) {
                bool known = false;
                for (size_t k = 0; k < old.n && !known; k++)
                        if (same_conflict(&s->conflicts.v[i], &old.v[k])) {
                                s->picks[i] = old_picks[k];
                                known = true;
                        }
                added += !known;
        }
        conflict_list_free(&old);
        free(old_picks);
        conflicts_sync(app);
        size_t still = s->conflicts.n - conflicts_unresolved(app);
        *removed = resolved > still ? resolved - still : 0;
        return added;
}

/* --- the view ---------------------------------------------------------------- */

static const char *shown(const char *v)
{
        return v && *v ? v : "(empty)";
}

/* "      on disk  the value", wrapped under itself. */
static void value_lines(struct view *v, int width, const char *label, const char *value)
{
        enum { INDENT = 15 };
        size_t first = v->n;
        vline_wrap(v, CR_NONE, width, INDENT, shown(value));
        if (first < v->n) {
                struct vline *l = &v->lines[first];
                memcpy(l->text, "    ", 4);
                memcpy(l->text + 4, label, strlen(label));
        }
}

/* The sheet a conflict names (a loose evidence CSV by its own name), or -1. */
static int sheet_of(const struct session *s, const struct conflict *c)
{
        for (int k = 0; k < WB_NSHEETS; k++)
                if (s->wb.sheets[k].path &&
                    strcmp(path_basename(s->wb.sheets[k].path), c->sheet) == 0)
                        return k;
        for (int k = 0; k < WB_NSHEETS; k++)
                if (strcmp(wb_sheet_file[k], c->sheet) == 0)
                        return k;
        return -1;
}

/* The field's value in the workbook as it is, or NULL (no such sheet or row). */
static const char *current(const struct session *s, const struct conflict *c)
{
        int k = sheet_of(s, c);
        long row = k < 0 ? -1 : wb_find(&s->wb, (enum wb_sheet)k, c->id);
        return row >= 0 ? wb_get(&s->wb, (enum wb_sheet)k, (size_t)row, c->field) : NULL;
}

static const char *pick_words(int side)
{
        switch (side) {
        case PICK_MINE: return "yours kept";
        case PICK_ON_DISK: return "the value on disk kept";
        case PICK_EDITED: return "edited";
        default: return "resolved";
        }
}

static void build(struct app *app, struct view *v, int width)
{
        const struct session *s = &app->ses;
        size_t n = s->conflicts.n, open = conflicts_unresolved(app);
        snprintf(v->title, sizeof v->title,
                 "conflicts: %zu field%s changed here and on disk, %zu unresolved", n,
                 n == 1 ? "" : "s", open);
        char km[16], kd[16], ke[16], kw[16], t[400];
        keys_first_in(app, KM_CONFLICTS, ACT_KEEP_MINE, km, sizeof km);
        keys_first_in(app, KM_CONFLICTS, ACT_KEEP_DISK, kd, sizeof kd);
        keys_first(app, ACT_EDIT, ke, sizeof ke);
        keys_first(app, ACT_SAVE, kw, sizeof kw);
        if (!n) {
                vline_wrap(v, CR_NONE, width, 0,
                           "No conflicts: no field has been changed both here and on disk.");
                return;
        }
        snprintf(t, sizeof t,
                 "Each field was changed both here and on disk; the sheet keeps the value on "
                 "disk until you pick. %s keeps yours, %s the one on disk, %s edits it; %s saves, "
                 "and the resolved ones leave the list.",
                 km, kd, ke, kw);
        vline_wrap(v, CR_NONE, width, 0, t);
        for (size_t i = 0; i < n; i++) {
                const struct conflict *c = &s->conflicts.v[i];
                vline_add(v, CR_NONE, false, 0, 0, " ");
                char state[64];
                if (c->resolved)
                        snprintf(state, sizeof state, "  - %s", pick_words(s->picks[i].side));
                else
                        state[0] = '\0';
                vline_add(v, c->resolved ? CR_ACTUAL : -1, true, (int)i, 0,
                          "[%s] %s %s in %s (%s, %s)%s", c->resolved ? "x" : " ", c->id, c->field,
                          c->sheet, shown(c->source), shown(c->when), state);
                value_lines(v, width, "base", c->base);
                /* a git merge kept its own side in the sheet and set the other
                 * clone's aside: "mine" would say it was typed here */
                bool merged = c->source && strstr(c->source, "git") != NULL;
                value_lines(v, width, merged ? "in sheet" : "on disk", c->on_disk);
                value_lines(v, width, merged ? "other side" : "mine", c->mine);
                /* what the sheet holds now, once that is neither (edited, or changed
                 * since) or this session picked yours */
                const char *now = current(s, c);
                if (now && strcmp(now, c->on_disk ? c->on_disk : "") != 0)
                        value_lines(v, width, "now", now);
        }
}

/* The conflict of the selected line, or NULL. */
static struct conflict *selected(struct app *app, struct view *v, size_t *index)
{
        if (v->sel >= v->n || !v->lines[v->sel].selectable)
                return NULL;
        size_t i = (size_t)v->lines[v->sel].a;
        if (i >= app->ses.conflicts.n)
                return NULL;
        *index = i;
        return &app->ses.conflicts.v[i];
}

/* After a pick: the next unresolved conflict selected (the view built anew). */
static void select_next(struct app *app, struct view *v, size_t from)
{
        view_clear(v);
        v->ops->build(app, v, app->term.cols);
        v->built_cols = app->term.cols;
        v->stale = false;
        size_t n = app->ses.conflicts.n;
        for (size_t k = 1; k <= n; k++) {
                size_t want = (from + k) % n;
                if (app->ses.conflicts.v[want].resolved)
                        continue;
                for (size_t l = 0; l < v->n; l++)
                        if (v->lines[l].selectable && (size_t)v->lines[l].a == want) {
                                v->sel = l;
                                return;
                        }
        }
}

/* Resolves conflict i: by a side, or (edited) with value, as one undo step. */
static enum reaction resolve(struct app *app, struct view *v, size_t i, int side, const char *value)
{
        struct session *s = &app->ses;
        struct conflict *c = &s->conflicts.v[i];
        struct diag d = {0};
        size_t before = s->wb.undo_pos;
        wb_begin(&s->wb);
        unsigned group = s->wb.group;
        int rc;
        if (side == PICK_EDITED) {
                int k = sheet_of(s, c);
                rc = k < 0 ? -1 : wb_set(&s->wb, (enum wb_sheet)k, c->id, c->field, value);
                if (rc == 0)
                        c->resolved = true;
                else
                        diag_add(&d, DIAG_ERROR, c->file, c->line, "%s %s could not be set",
                                 text_safe(c->id), text_safe(c->field));
        } else {
                rc = conflict_resolve(&s->wb, c,
                                      side == PICK_MINE ? CONFLICT_MINE : CONFLICT_ON_DISK, &d);
        }
        wb_end(&s->wb);
        if (rc < 0) {
                char *m = d.n ? diag_format(&d.v[0]) : xstrdup("not resolved");
                app_message(app, true, "%s", m);
                free(m);
                diag_free(&d);
                return REACT_NONE;
        }
        diag_free(&d);
        struct conflict_pick *p = &s->picks[i];
        p->side = side;
        p->by_edit = s->wb.undo_pos > before;
        p->at = before;
        p->group = group;
        p->order = p->by_edit ? 0 : ++pick_order;
        char ku[16], kw[16];
        size_t left = conflicts_unresolved(app);
        app_message(app, false, "%s %s: %s (%s undoes); %zu left, %s saves", c->id, c->field,
                    pick_words(side), keys_first(app, ACT_UNDO, ku, sizeof ku), left,
                    keys_first(app, ACT_SAVE, kw, sizeof kw));
        select_next(app, v, i);
        return REACT_MODEL;
}

/* u in the list: a pick that changed nothing (the value already was the one
 * picked, as the one on disk usually is) is no step of the undo list; the
 * newest such pick is taken back first, while nothing has been done since.
 * False: the undo list's to undo. */
static bool undo_free_pick(struct app *app)
{
        struct session *s = &app->ses;
        struct conflict_pick *last = NULL;
        for (size_t i = 0; i < s->conflicts.n; i++) {
                struct conflict_pick *p = &s->picks[i];
                if (p->side != PICK_NONE && !p->by_edit && p->order &&
                    (!last || p->order > last->order))
                        last = p;
        }
        if (!last || last->at != s->wb.undo_pos)
                return false;
        last->side = PICK_NONE;
        last->order = 0;
        app_message(app, false, "undone: unresolved again");
        return true;
}

static enum reaction key(struct app *app, struct view *v, enum action act, int ch)
{
        (void)ch;
        size_t i;
        struct conflict *c = selected(app, v, &i);
        switch (act) {
        case ACT_UNDO: return undo_free_pick(app) ? REACT_MODEL : REACT_IGNORED;
        case ACT_KEEP_MINE:
        case ACT_KEEP_DISK:
                if (!c)
                        return REACT_NONE;
                return resolve(app, v, i, act == ACT_KEEP_MINE ? PICK_MINE : PICK_ON_DISK, NULL);
        case ACT_EDIT: {
                if (!c)
                        return REACT_NONE;
                char q[200];
                snprintf(q, sizeof q, "%s %s: ", c->id, c->field);
                char *value = prompt_line(app, q, c->mine ? c->mine : "");
                enum reaction r = REACT_NONE;
                /* the prompt ran the loop: the list may have been read again */
                if (value && i < app->ses.conflicts.n)
                        r = resolve(app, v, i, PICK_EDITED, value);
                free(value);
                return r;
        }
        case ACT_OPEN: /* an entry's conflict: the entry, on the main screen */
                if (c && strcmp(c->sheet, wb_sheet_file[WB_EVIDENCE]) == 0 && app->show_entry) {
                        long e = wb_entry_by_id(&app->ses.wb, c->id);
                        if (e >= 0) {
                                while (app->nviews > 1)
                                        view_remove(app, view_top(app));
                                app->show_entry(app, e);
                                return REACT_NONE;
                        }
                }
                return REACT_NONE;
        default: return REACT_IGNORED;
        }
}

const struct view_ops view_conflicts_ops = {.name = "conflicts",
                                            .keymap = {KM_CONFLICTS, KM_CONFLICTS},
                                            .build = build,
                                            .key = key,
                                            .search = list_search,
                                            .hints = {{ACT_KEEP_MINE, "keep mine"},
                                                      {ACT_KEEP_DISK, "keep disk's"},
                                                      {ACT_EDIT, "edit"},
                                                      {ACT_SAVE, "save"}}};
