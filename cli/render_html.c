/* render_html.c — the report as one self-contained HTML page (no script, no
 * external file) that reads on screen, with its contents, and prints on A4 in
 * black and white: headers repeated on every page, log sheets from the top of a
 * page, long words broken rather than cut off, dates never broken. */
#include "cli/cli.h"
#include "cli/render.h"

#include <stdlib.h>
#include <string.h>

struct html {
        bool in_fields; /* a <dl> of fields is open */
        bool in_body;   /* a table's <tbody> is open */
        unsigned row;
};

/* A run of this many characters without a space may be broken (<wbr>): a long
 * address or reference wraps in its cell instead of widening the table past the
 * page, while ordinary words are never broken. */
#define LONG_RUN 20

/* Text for an element's content or an attribute: sanitised (controls and
 * bidirectional overrides shown as placeholders), escaped, line breaks as <br>
 * (in_attr: as spaces), a break allowed in long runs (not in_attr). */
static void html_text(FILE *f, const char *s, bool in_attr)
{
        if (!s)
                return;
        struct buf b = {0};
        text_sanitize(&b, s, strlen(s), true);
        int run = 0;
        for (const char *p = buf_str(&b); *p; p++) {
                bool lead = ((unsigned char)*p & 0xC0) != 0x80;
                run = *p == ' ' || *p == '\n' ? 0 : run + lead;
                if (!in_attr && lead && run > LONG_RUN) {
                        fputs("<wbr>", f);
                        run = 1;
                }
                switch (*p) {
                case '&': fputs("&amp;", f); break;
                case '<': fputs("&lt;", f); break;
                case '>': fputs("&gt;", f); break;
                case '"': fputs("&quot;", f); break;
                case '\'': fputs("&#39;", f); break;
                case '\n': fputs(in_attr ? " " : "<br>", f); break;
                default: fputc(*p, f);
                }
        }
        buf_free(&b);
}

/* A string for CSS (the page footer), cut at max_chars: anything but plain
 * letters and digits as an escape, so a name can never end the string or the
 * style element. */
static void css_string(FILE *f, const char *s, size_t max_chars)
{
        struct buf b = {0};
        text_sanitize(&b, s, strlen(s), false);
        fputc('"', f);
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)buf_str(&b); *p; p++) {
                if ((*p & 0xC0) != 0x80 && ++chars > max_chars) {
                        fputs("\\2026", f); /* … */
                        break;
                }
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == ' ' || *p == ',' || *p == '.' || *p >= 0x80)
                        fputc(*p, f);
                else
                        fprintf(f, "\\%x ", *p);
        }
        fputc('"', f);
        buf_free(&b);
}

static struct html *st(struct doc *d)
{
        return d->state;
}

static void fields_close(struct doc *d)
{
        if (st(d)->in_fields)
                fputs("</dl>\n", d->f);
        st(d)->in_fields = false;
}

/* The style: one sheet for screen and print. Type in points so that the page
 * prints as it reads; borders and weights, never colour alone, tell things
 * apart. Tables are laid out fixed, each column its share of the width, so that
 * no text, however long, makes one wider than the page: a cell breaks it. */
static const char style[] =
    "*{box-sizing:border-box}"
    "html{font:10pt/1.35 \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#000;"
    "background:#fff}"
    "body{max-width:64rem;margin:1rem auto;padding:0 1rem}"
    "h1{font-size:17pt;margin:.2em 0 .6em}"
    "h2{font-size:14pt;margin:1.4em 0 .5em;padding-bottom:.1em;border-bottom:2px solid #000}"
    "h3{font-size:12pt;margin:1.2em 0 .4em}"
    "h4{font-size:10.5pt;margin:1em 0 .3em}"
    "h1,h2,h3,h4{break-after:avoid;overflow-wrap:break-word}"
    "p,dd,caption,li{overflow-wrap:break-word}"
    "td{overflow-wrap:anywhere}th{overflow-wrap:break-word}"
    "p.note{font-size:9pt;margin:.3em 0 .8em}"
    "dl.fields{display:grid;grid-template-columns:minmax(6em,max-content) minmax(0,1fr);"
    "gap:.15em 1em;margin:.4em 0 .9em}"
    "dl.fields dt{font-weight:bold}dl.fields dd{margin:0;min-width:0}"
    "table{border-collapse:collapse;table-layout:fixed;width:100%;margin:.3em 0 .9em;"
    "font-size:8.5pt}"
    "caption{text-align:left;font-weight:bold;padding:.2em 0}"
    "th,td{border:1px solid #000;padding:.15em .3em;vertical-align:top;text-align:left;"
    "hyphens:manual}"
    "thead th{border-bottom:2px solid #000;background:#eee}"
    "thead{display:table-header-group}"
    ".date{white-space:nowrap;overflow-wrap:normal}"
    ".num{text-align:right}.mark{text-align:center}"
    ".wide{width:34%}"
    ".strong{font-weight:bold}"
    ".met::before{content:\"\\2713\\00a0\"}"
    ".missing{font-style:italic}.missing::before{content:\"\\2717\\00a0\"}"
    "td.rep{border-top-style:hidden}"
    ".sign{display:flex;gap:1.2em;margin:.6em 0 1.2em;break-inside:avoid}"
    ".sign div{flex:2;border-top:1px solid #000;margin-top:2.6em;padding-top:.15em;"
    "font-size:8.5pt}"
    ".sign div:last-child{flex:1}"
    "nav.contents{border:1px solid #000;padding:.3em 1em;margin:0 0 1em;font-size:9.5pt}"
    "nav.contents ol{margin:.2em 0;padding-left:1.5em}"
    "@page{margin:14mm 12mm 16mm}"
    "@media print{body{max-width:none;margin:0;padding:0}"
    "nav.contents{display:none}"
    ".page{break-before:page}"
    "tr,.sign,dl.fields{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}";

static void html_begin(struct doc *d, const char *title)
{
        d->state = xcalloc(1, sizeof(struct html));
        fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"capbook\">\n<title>",
              d->f);
        html_text(d->f, title, true);
        fprintf(d->f, "</title>\n<style>\n%s\n@page{size:A4%s;@bottom-left{content:", style,
                d->landscape ? " landscape" : "");
        css_string(d->f, title, 48); /* in the footer's left half */
        fputs(";font-size:8pt}@bottom-right{content:\"page \" counter(page) \" of \" "
              "counter(pages);font-size:8pt}}\n</style>\n</head>\n<body>\n<h1 id=\"top\">",
              d->f);
        html_text(d->f, title, false);
        fputs("</h1>\n", d->f);
}

static void html_contents(struct doc *d, const struct doc_toc *toc, size_t n)
{
        fields_close(d);
        fputs("<nav class=\"contents\">\n<h2>Contents</h2>\n<ol>\n", d->f);
        for (size_t i = 0; i < n; i++) {
                fputs("<li><a href=\"#", d->f);
                html_text(d->f, toc[i].anchor, true);
                fputs("\">", d->f);
                html_text(d->f, toc[i].title, false);
                fputs("</a>", d->f);
                bool next_inside = i + 1 < n && toc[i + 1].level > toc[i].level;
                bool last_inside = toc[i].level > 1 && (i + 1 == n || toc[i + 1].level == 1);
                if (next_inside)
                        fputs("\n<ol>\n", d->f);
                else
                        fputs("</li>\n", d->f);
                if (last_inside)
                        fputs("</ol></li>\n", d->f);
        }
        fputs("</ol>\n</nav>\n", d->f);
}

static void html_heading(struct doc *d, int level, const char *anchor, const char *text,
                         unsigned flags)
{
        fields_close(d);
        if (level < 1 || level > 6)
                level = 6;
        fprintf(d->f, "<h%d", level);
        if (anchor) {
                fputs(" id=\"", d->f);
                html_text(d->f, anchor, true);
                fputc('"', d->f);
        }
        if (flags & HEAD_NEW_PAGE)
                fputs(" class=\"page\"", d->f);
        fputc('>', d->f);
        html_text(d->f, text, false);
        fprintf(d->f, "</h%d>\n", level);
}

static const char *classes(unsigned flags, char *buf, size_t n)
{
        static const struct {
                unsigned flag;
                const char *name;
        } names[] = {{CELL_DATE, "date"}, {CELL_NUM, "num"},       {CELL_MARK, "mark"},
                     {CELL_WIDE, "wide"}, {CELL_STRONG, "strong"}, {CELL_REPEAT, "rep"},
                     {CELL_CODE, "code"}, {CELL_MET, "met"},       {CELL_MISSING, "missing"}};
        size_t len = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
                if (flags & names[i].flag)
                        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
                                                len ? " " : "", names[i].name);
        return buf;
}

static void class_attr(FILE *f, unsigned flags)
{
        char c[128];
        if (*classes(flags, c, sizeof c))
                fprintf(f, " class=\"%s\"", c);
}

static void html_field(struct doc *d, const char *label, const char *value, unsigned flags)
{
        if (!st(d)->in_fields)
                fputs("<dl class=\"fields\">\n", d->f);
        st(d)->in_fields = true;
        fputs("<dt>", d->f);
        html_text(d->f, label, false);
        fputs("</dt><dd", d->f);
        class_attr(d->f, flags);
        fputc('>', d->f);
        html_text(d->f, value, false);
        fputs("</dd>\n", d->f);
}

static void html_note(struct doc *d, const char *text)
{
        fields_close(d);
        fputs("<p class=\"note\">", d->f);
        html_text(d->f, text, false);
        fputs("</p>\n", d->f);
}

static void html_table_begin(struct doc *d, const struct doc_table *t)
{
        fields_close(d);
        char name[64];
        snprintf(name, sizeof name, "%s", t->name);
        for (char *p = name; *p; p++)
                if (*p == '_')
                        *p = '-';
        fprintf(d->f, "<table class=\"t-%s\">\n", name);
        if (t->caption) {
                fputs("<caption>", d->f);
                html_text(d->f, t->caption, false);
                fputs("</caption>\n", d->f);
        }
        fputs("<thead><tr>", d->f);
        for (size_t i = 0; i < t->ncols; i++) {
                if (!doc_col_shown(&t->cols[i]))
                        continue;
                fputs("<th scope=\"col\"", d->f);
                /* a share of the width, or for long text a good part of it */
                int pct = t->cols[i].pct;
                unsigned fl = t->cols[i].flags & (CELL_DATE | CELL_NUM | CELL_MARK | CELL_WIDE);
                class_attr(d->f, pct > 0 && pct < 100 ? fl & ~(unsigned)CELL_WIDE : fl);
                if (pct > 0 && pct < 100)
                        fprintf(d->f, " style=\"width:%d%%\"", pct);
                fputc('>', d->f);
                html_text(d->f, t->cols[i].label, false);
                fputs("</th>", d->f);
        }
        fputs("</tr></thead>\n<tbody>\n", d->f);
        st(d)->in_body = true;
        st(d)->row = 0;
}

static bool safe_href(const char *h)
{
        /* a place in the page, a file beside it, or a web address: never a
         * javascript: or data: address from a sheet */
        if (h[0] == '#')
                return true;
        if (strncmp(h, "http://", 7) == 0 || strncmp(h, "https://", 8) == 0)
                return true;
        return strchr(h, ':') == NULL && h[0] != '/' && h[0] != '\\';
}

static void html_row(struct doc *d, const struct doc_cell *cells)
{
        const struct doc_table *t = d->table;
        fputs("<tr>", d->f);
        for (size_t i = 0; i < t->ncols; i++) {
                if (!doc_col_shown(&t->cols[i]))
                        continue;
                unsigned fl = t->cols[i].flags | cells[i].flags;
                if (st(d)->row == 0)
                        fl &= ~(unsigned)CELL_REPEAT;
                fputs("<td", d->f);
                class_attr(d->f, fl & ~(unsigned)(CELL_CODE | CELL_WIDE));
                fputc('>', d->f);
                if (fl & CELL_REPEAT) {
                        fputs("</td>", d->f);
                        continue;
                }
                const char *text = cells[i].text ? cells[i].text : "";
                if (cells[i].href && *cells[i].href && safe_href(cells[i].href)) {
                        fputs("<a href=\"", d->f);
                        html_text(d->f, cells[i].href, true);
                        fputs("\">", d->f);
                        html_text(d->f, text, false);
                        fputs("</a>", d->f);
                } else {
                        html_text(d->f, text, false);
                }
                fputs("</td>", d->f);
        }
        fputs("</tr>\n", d->f);
        st(d)->row++;
}

static void html_table_end(struct doc *d)
{
        fputs("</tbody>\n</table>\n", d->f);
        st(d)->in_body = false;
}

static void html_signature(struct doc *d, const char *const *labels, size_t n)
{
        fields_close(d);
        fputs("<div class=\"sign\">", d->f);
        for (size_t i = 0; i < n; i++) {
                fputs("<div>", d->f);
                html_text(d->f, labels[i], false);
                fputs("</div>", d->f);
        }
        fputs("</div>\n", d->f);
}

static int html_end(struct doc *d)
{
        fields_close(d);
        fputs("</body>\n</html>\n", d->f);
        free(d->state);
        d->state = NULL;
        return 0;
}

const struct doc_ops render_html = {"html",         html_begin,     html_contents,    html_heading,
                                    html_field,     html_note,      html_table_begin, html_row,
                                    html_table_end, html_signature, html_end,         fields_close};
