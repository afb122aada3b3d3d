/* render.c — what the report's renderers share: the calls on a document, each
 * forwarded to the renderer, the columns' CSV names, and the walk through a
 * coverage table, each capability followed by its themes. */
#include "cli/render.h"

#include <ctype.h>
#include <stdlib.h>

void doc_begin(struct doc *d, const char *title)
{
        d->ops->begin(d, title);
}

void doc_contents(struct doc *d, const struct doc_toc *toc, size_t n)
{
        if (d->ops->contents)
                d->ops->contents(d, toc, n);
}

void doc_heading(struct doc *d, int level, const char *anchor, const char *text, unsigned flags)
{
        if (anchor) {
                snprintf(d->section_buf, sizeof d->section_buf, "%s", anchor);
                d->section = d->section_buf;
        }
        d->ops->heading(d, level, anchor, text, flags);
}

void doc_field(struct doc *d, const char *label, const char *value, unsigned flags)
{
        d->ops->field(d, label, value ? value : "", flags);
}

void doc_note(struct doc *d, const char *text)
{
        d->ops->note(d, text);
}

void doc_table(struct doc *d, const struct doc_table *t)
{
        d->table = t;
        d->ops->table_begin(d, t);
}

void doc_row(struct doc *d, const struct doc_cell *cells)
{
        d->ops->row(d, cells);
}

void doc_row_text(struct doc *d, const char *const *texts)
{
        size_t n = d->table->ncols;
        struct doc_cell *c = xcalloc(n ? n : 1, sizeof *c);
        for (size_t i = 0; i < n; i++)
                c[i].text = texts[i];
        d->ops->row(d, c);
        free(c);
}

void doc_table_end(struct doc *d)
{
        d->ops->table_end(d);
        d->table = NULL;
}

void doc_signature(struct doc *d, const char *const *labels, size_t n)
{
        d->ops->signature(d, labels, n);
}

int doc_end(struct doc *d)
{
        return d->ops->end(d);
}

void doc_settle(struct doc *d)
{
        if (d->ops->settle)
                d->ops->settle(d);
}

void doc_col_name(const struct doc_col *c, char *out, size_t n)
{
        if (c->name) {
                snprintf(out, n, "%s", c->name);
                return;
        }
        size_t k = 0;
        for (const char *p = c->label; *p && k + 1 < n; p++)
                out[k++] = *p == ' ' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
        out[k] = '\0';
}

bool doc_col_shown(const struct doc_col *c)
{
        return !(c->flags & CELL_KEY);
}

bool doc_col_in_csv(const struct doc_col *c)
{
        return !(c->flags & CELL_PAPER);
}

bool cov_row_next(const struct framework *fw, const struct coverage *c, struct cov_row *r)
{
        /* place 0: not started; then the capability's themes count from 1 */
        if (r->place == 0) {
                r->cap = 0;
                r->place = 1;
        } else if (r->place++ > (int)fw->caps[r->cap].nthemes) {
                r->cap++;
                r->place = 1;
        }
        if ((size_t)r->cap >= fw->ncaps)
                return false;
        const struct fw_capability *cap = &fw->caps[r->cap];
        r->theme = r->place == 1 ? -1 : cap->themes[r->place - 2];
        r->code = r->theme < 0 ? cap->code : fw->themes[r->theme].code;
        r->name = r->theme < 0 ? cap->name : fw->themes[r->theme].name;
        r->cov = r->theme < 0 ? &c->caps[r->cap] : &c->themes[r->theme];
        return true;
}
