/* cmd_report.c — capbook report: the report of a workbook (or of one unit), or
 * a caseload's page, through the renderer of the chosen --format; to stdout,
 * or with -o written whole and atomically: a file, or a folder (the CSV tables
 * a file each; a caseload's page with each candidate's report beside it). */
#include "cli/cli.h"
#include "cli/report.h"
#include "core/fileio.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct doc_ops *const renderers[] = {
    [FMT_TEXT] = &render_text, [FMT_CSV] = &render_csv, [FMT_HTML] = &render_html};

/* Where -o writes: a file, or a folder of files. */
struct report_out {
        struct args *a;
        const char *dir; /* a folder: files go in it */
        unsigned mode;
};

static int write_whole(struct report_out *o, const char *path, const char *data, size_t len)
{
        char err[256];
        if (file_replace(path, data, len, o->mode, err, sizeof err) < 0) {
                diag_add(&o->a->d, DIAG_ERROR, path, 0, "not written: %s", err);
                return -1;
        }
        return 0;
}

static int put_file(struct doc *d, const char *name, const char *data, size_t len)
{
        struct report_out *o = d->put_ctx;
        char *path = path_join(o->dir, name);
        int rc = write_whole(o, path, data, len);
        free(path);
        return rc;
}

static int make_folder(struct args *a, const char *dir)
{
        char err[256];
        if (path_is_dir(dir))
                return 0;
        if (folder_create(dir, NULL, err, sizeof err) < 0) {
                diag_add(&a->d, DIAG_ERROR, dir, 0, "not made: %s", err);
                return -1;
        }
        return 0;
}

static bool ends_with(const char *s, const char *ext)
{
        size_t n = strlen(s), m = strlen(ext);
        return n > m && s[n - m - 1] == '.' && strcasecmp(s + n - m, ext) == 0;
}

/* What a document writes: path NULL, stdout; dir_files, CSV's tables a file each
 * in the folder path; else the file path, replaced whole once written. */
struct doc_run {
        struct doc d;
        struct report_out o;
        char *mem;
        size_t len;
        const char *path;
};

static void run_start(struct doc_run *r, struct args *a, const struct doc_ops *ops,
                      const char *path, bool dir_files)
{
        memset(r, 0, sizeof *r);
        r->o = (struct report_out){a, NULL, (unsigned)a->cfg.num[OPT_FILE_MODE]};
        r->d.ops = ops;
        r->d.diag = &a->d;
        r->d.put_ctx = &r->o;
        r->path = path;
        r->d.f = path ? open_memstream(&r->mem, &r->len) : stdout;
        if (path && dir_files) {
                r->o.dir = path;
                r->d.put_file = put_file;
        }
}

/* rc: the document's (0 or -1); returns the exit status. */
static int run_end(struct doc_run *r, int rc)
{
        if (r->path) {
                fclose(r->d.f);
                if (rc == 0 && !r->o.dir && write_whole(&r->o, r->path, r->mem, r->len) < 0)
                        rc = -1;
                free(r->mem);
        }
        return rc < 0 ? EXIT_PROBLEMS : 0;
}

/* The report of one workbook (unit >= 0: that unit's sheet alone). */
static int report_to(struct args *a, struct workbook *wb, const struct doc_ops *ops, int st,
                     int unit, const char *path, bool dir_files)
{
        if (dir_files && make_folder(a, path) < 0)
                return EXIT_PROBLEMS;
        struct doc_run r;
        run_start(&r, a, ops, path, dir_files);
        int rc = unit >= 0 ? report_unit(&r.d, wb, st, unit)
                           : report_workbook(&r.d, wb, st, arg_get(a, "history") != NULL);
        return run_end(&r, rc);
}

/* A candidate's own report in a caseload's folder: FOLDER.EXT, or for CSV the
 * folder FOLDER of tables; "index" is the page's own name. */
static char *candidate_path(const char *dir, const char *folder, const char *ext, bool csv)
{
        struct buf b = {0};
        buf_printf(&b, "%s%s", folder, strcmp(folder, "index") == 0 ? "-candidate" : "");
        if (!csv)
                buf_printf(&b, ".%s", ext);
        char *p = path_join(dir, b.s);
        buf_free(&b);
        return p;
}

static int report_caseload(struct args *a, const char *path, const struct doc_ops *ops)
{
        const char *out = arg_get(a, "o");
        bool csv = ops == &render_csv;
        /* -o names a folder unless it names a file of the format */
        bool dir = out && !ends_with(out, ops->ext);
        if (dir && make_folder(a, out) < 0)
                return EXIT_PROBLEMS;
        char *page = dir ? NULL : (char *)out;
        if (dir) {
                struct buf b = {0};
                buf_printf(&b, "index.%s", ops->ext);
                page = path_join(out, b.s);
                buf_free(&b);
        }
        struct doc_run r;
        run_start(&r, a, ops, page, false);
        struct caseload_page *p =
            caseload_page_begin(&r.d, path, dir && ops == &render_html ? ops->ext : NULL);
        int rc = 0;
        struct caseload_entry *v;
        size_t n = workbook_caseload(path, &v);
        for (size_t i = 0; i < n; i++) {
                struct workbook wb;
                struct wb_options o = cli_wb_options(a);
                const char *folder = path_basename(v[i].dir);
                size_t before = a->d.n;
                if (workbook_open(&wb, v[i].dir, &o, &a->d) == 0) {
                        caseload_page_row(p, folder, &wb, v[i].access, v[i].why);
                        if (dir) {
                                char *own = candidate_path(out, folder, ops->ext, csv);
                                if (wb.fw.nstages &&
                                    report_to(a, &wb, ops, wb.stage_index, -1, own, csv) != 0)
                                        rc = EXIT_PROBLEMS;
                                free(own);
                        }
                        workbook_free(&wb);
                } else {
                        /* why: what the permissions say, else what the open said */
                        char *why = *v[i].why         ? xstrdup(v[i].why)
                                    : a->d.n > before ? xstrdup(a->d.v[a->d.n - 1].msg)
                                                      : NULL;
                        caseload_page_row(p, folder, NULL, WB_ACCESS_NONE, why);
                        free(why);
                }
        }
        workbook_caseload_free(v, n);
        int prc = run_end(&r, caseload_page_end(p));
        if (dir)
                free(page);
        return rc ? rc : prc;
}

int report_html(struct workbook *wb, int unit, FILE *f)
{
        if (!wb->fw.nstages)
                return -1;
        struct diag d = {0};
        struct doc doc = {.ops = &render_html, .f = f, .diag = &d};
        int rc = unit >= 0 ? report_unit(&doc, wb, wb->stage_index, unit)
                           : report_workbook(&doc, wb, wb->stage_index, false);
        diag_free(&d);
        return rc;
}

int cmd_report(struct args *a)
{
        enum cli_format fmt = arg_format(a, true);
        if (fmt == FMT_BAD)
                return EXIT_USAGE;
        const struct doc_ops *ops = renderers[fmt];
        const char *out = arg_get(a, "o"), *unit_code = arg_get(a, "unit");
        if (workbook_is_caseload(a->pos[0])) {
                if (unit_code) {
                        cli_fail(a, "--unit is for one workbook, not a caseload", NULL);
                        return EXIT_USAGE;
                }
                return report_caseload(a, a->pos[0], ops);
        }
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        int st = arg_stage(a, &wb), unit = -1;
        struct ref r;
        if (unit_code) {
                if (ref_parse(&wb.fw, unit_code, &r) && r.kind == REF_UNIT)
                        unit = r.unit;
                else
                        cli_fail(a, "unknown unit \"%s\" (a code such as A1)", unit_code);
        }
        if (st < 0 || (unit_code && unit < 0))
                rc = EXIT_USAGE;
        else
                rc = report_to(a, &wb, ops, st, unit, out,
                               out && fmt == FMT_CSV && !ends_with(out, "csv"));
        workbook_free(&wb);
        return rc;
}
