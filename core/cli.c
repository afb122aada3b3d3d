/* cli.c — every workflow as a command: new, check, add, link, revamp, unit,
 * session, action, done, sign, gaps, grid, plan, transfer, report, frameworks.
 * Output is plain text for 80 columns or RFC 4180 CSV; nothing from a file is
 * printed without the sanitiser. */
#include "core/cli.h"
#include "core/config.h"
#include "core/coverage.h"
#include "core/fileio.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/sheet.h"
#include "core/text.h"
#include "core/workbook.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_PROBLEMS 1
#define EXIT_USAGE    2
#define WIDTH         80

struct args {
        const char *pos[8];
        int npos;
        const char *name[24], *val[24];
        int nopt;
        struct global_opts *g;
        struct config cfg;
        struct diag d;
};

struct command {
        const char *name, *synopsis, *help;
        const char *options;  /* allowed: "ref summary …" */
        const char *required; /* of those, the ones that must be given, not empty */
        int min_pos, max_pos;
        int (*run)(struct args *a); /* a command that reads */
        /* or one that changes the workbook (see run_edit) */
        int (*edit)(struct args *a, struct workbook *wb, struct buf *out);
};

static const char *opt(const struct args *a, const char *name)
{
        for (int i = a->nopt - 1; i >= 0; i--)
                if (strcmp(a->name[i], name) == 0)
                        return a->val[i];
        return NULL;
}

/* An option's value, or def when it was not given. */
static const char *opt_or(const struct args *a, const char *name, const char *def)
{
        const char *v = opt(a, name);
        return v ? v : def;
}

static void fail(struct args *a, const char *fmt, const char *arg)
{
        diag_add(&a->d, DIAG_ERROR, NULL, 0, fmt, arg ? text_safe(arg) : "");
}

static struct wb_options wb_opts(const struct args *a)
{
        struct wb_options o = {(unsigned)a->cfg.num[OPT_FILE_MODE], a->cfg.num[OPT_NEW_FILES] == 1};
        return o;
}

/* Opens PATH as one workbook; 0, or an exit status. */
static int open_workbook(struct args *a, struct workbook *wb, const char *path)
{
        if (workbook_is_caseload(path)) {
                diag_add(&a->d, DIAG_ERROR, path, 0,
                         "is a caseload folder; name one workbook in it");
                return EXIT_USAGE;
        }
        struct wb_options o = wb_opts(a);
        if (workbook_open(wb, path, &o, &a->d) < 0)
                return EXIT_USAGE;
        if (!wb->sheets[WB_EVIDENCE].loaded) {
                workbook_free(wb);
                return EXIT_USAGE;
        }
        return 0;
}

static int save_workbook(struct args *a, struct workbook *wb)
{
        if (a->g->readonly) {
                diag_add(&a->d, DIAG_ERROR, NULL, 0, "read-only (-r): nothing saved");
                return EXIT_PROBLEMS;
        }
        if (wb->single_sheet)
                return workbook_save(wb, &a->d) < 0 ? EXIT_PROBLEMS : 0;
        struct journal_pending jp;
        if (journal_pending_read(wb->dir, &jp, &a->d)) {
                char what[512];
                journal_pending_describe(&jp, what, sizeof what);
                journal_pending_free(&jp);
                diag_add(&a->d, DIAG_ERROR, wb->dir, 0,
                         "holds unsaved work from a session that ended abruptly (%s); open it "
                         "with capbook to recover or discard it first; nothing saved",
                         what);
                return EXIT_PROBLEMS;
        }
        struct lock lk;
        struct lock_info li;
        char err[256], who[512];
        enum lock_result lr = lock_take(&lk, wb->dir, wb->file_mode, false, &li, err, sizeof err);
        if (lr == LOCK_STALE) {
                lock_describe(&li, who, sizeof who);
                diag_add(&a->d, DIAG_NOTE, wb->dir, 0,
                         "taking over the lock left by %s (that process is gone)", who);
                lr = lock_take(&lk, wb->dir, wb->file_mode, true, &li, err, sizeof err);
        }
        switch (lr) {
        case LOCK_TAKEN: break;
        case LOCK_STALE:
        case LOCK_HELD:
                lock_describe(&li, who, sizeof who);
                diag_add(&a->d, DIAG_ERROR, wb->dir, 0,
                         "is open for writing by %s; nothing saved (try again when it is closed)",
                         who);
                return EXIT_PROBLEMS;
        case LOCK_FAILED:
                diag_add(&a->d, DIAG_ERROR, wb->dir, 0, "nothing saved: %s", err);
                return EXIT_PROBLEMS;
        }
        file_clean_temps(wb->dir); /* left by a save that was killed */
        workbook_office_locks(wb, &a->d);
        int rc = workbook_save(wb, &a->d) < 0 ? EXIT_PROBLEMS : 0;
        lock_release(&lk);
        return rc;
}

static int stage_arg(struct args *a, const struct workbook *wb)
{
        const char *s = opt(a, "stage");
        if (wb->fw.nstages == 0) {
                diag_add(&a->d, DIAG_ERROR, wb->ini_path ? wb->ini_path : wb->dir, 0,
                         "no stages: the capability framework could not be loaded");
                return -1;
        }
        if (!s)
                return wb->stage_index;
        int st = fw_stage_index(&wb->fw, s);
        if (st < 0)
                fail(a, "unknown stage \"%s\" (EM, ES or AC)", s);
        return st;
}

static int format_arg(struct args *a, bool html_ok)
{
        const char *f = opt(a, "format");
        if (!f || strcmp(f, "text") == 0)
                return 0;
        if (strcmp(f, "csv") == 0)
                return 1;
        if (html_ok && strcmp(f, "html") == 0)
                return 2;
        fail(a,
             html_ok ? "--format is text, csv or html, not \"%s\""
                     : "--format is text or csv, not \"%s\"",
             f);
        return -1;
}

void cli_wrap(FILE *f, const char *text, int indent, int first_indent, int width)
{
        struct buf b = {0};
        text_sanitize(&b, text, strlen(text), true);
        const char *p = buf_str(&b);
        int col = first_indent, ind = first_indent;
        bool line_start = true;
        fprintf(f, "%*s", first_indent, "");
        while (*p) {
                if (*p == '\n') {
                        fprintf(f, "\n%*s", indent, "");
                        col = ind = indent;
                        line_start = true;
                        p++;
                        continue;
                }
                /* spaces between words are kept (columns stay aligned) unless the
                 * line breaks there */
                int spaces = (int)strspn(p, " ");
                p += spaces;
                if (!*p || *p == '\n')
                        continue;
                size_t n = strcspn(p, " \n");
                char *word = xstrndup(p, n);
                int w = (int)text_width(word);
                if (!line_start && col + spaces + w > width) {
                        fprintf(f, "\n%*s", indent, "");
                        col = ind = indent;
                        line_start = true;
                }
                if (!line_start) {
                        fprintf(f, "%*s", spaces, "");
                        col += spaces;
                }
                fputs(word, f);
                col += w;
                line_start = false;
                free(word);
                p += n;
        }
        (void)ind;
        fputc('\n', f);
        buf_free(&b);
}

/* CSV output: one row from a NULL-terminated list of values. */
static void csv_row(FILE *f, const char *const *v)
{
        struct buf b = {0};
        for (int i = 0; v[i]; i++) {
                if (i)
                        buf_addc(&b, ',');
                sheet_encode_field(&b, v[i]);
        }
        buf_adds(&b, "\r\n");
        fwrite(b.s, 1, b.len, f);
        buf_free(&b);
}

static const char *stage_label(const struct workbook *wb, int st, char *buf, size_t n)
{
        if (st < 0 || (size_t)st >= wb->fw.nstages)
                return "?";
        snprintf(buf, n, "%s (%s)", wb->fw.stages[st].name, wb->fw.stages[st].code);
        return buf;
}

static const char *pathway_name(const struct workbook *wb)
{
        return wb->pathway_index >= 0 ? wb->fw.pathways[wb->pathway_index].name : wb->pathway;
}

static void hints_text(const struct workbook *wb, const struct unit_hint *h, size_t n,
                       struct buf *out)
{
        for (size_t i = 0; i < n; i++) {
                if (i)
                        buf_adds(out, ", ");
                const struct fw_unit *u = &wb->fw.units[h[i].unit];
                buf_printf(out, "%s (%s%s)", u->code, h[i].direct ? "direct" : "indirect",
                           wb_unit_status(wb, h[i].unit) == US_ACHIEVED ||
                                   wb_unit_status(wb, h[i].unit) == US_CREDIT
                               ? ", held"
                               : "");
        }
}

/* --- new ---------------------------------------------------------------- */

static int cmd_new(struct args *a)
{
        const char *name = opt(a, "candidate");
        const char *stage = opt_or(a, "stage", "AC");
        const char *pathway = opt_or(a, "pathway", "manager");
        struct wb_options o = wb_opts(a);
        if (workbook_create(a->pos[0], name, pathway, stage, opt(a, "units"), &o, &a->d) < 0)
                return EXIT_PROBLEMS;
        printf("created %s for %s\n", text_safe(a->pos[0]), text_safe(name));
        return 0;
}

/* --- check -------------------------------------------------------------- */

static int check_one(struct args *a, const char *path, bool quiet_ok)
{
        struct workbook wb;
        size_t before = diag_count(&a->d, DIAG_WARN);
        struct wb_options o = wb_opts(a);
        if (workbook_open(&wb, path, &o, &a->d) < 0)
                return EXIT_USAGE;
        workbook_check(&wb, &a->d);
        struct journal_pending jp;
        if (!wb.single_sheet && journal_pending_read(wb.dir, &jp, &a->d)) {
                char what[512];
                journal_pending_describe(&jp, what, sizeof what);
                char *jpath = path_join(wb.dir, JOURNAL_FILE);
                diag_add(&a->d, DIAG_WARN, jpath, 0,
                         "a recovery journal is pending: %s; open the workbook with capbook to "
                         "recover or discard it",
                         what);
                free(jpath);
                journal_pending_free(&jp);
        }
        struct lock_info li;
        if (!wb.single_sheet && lock_read(wb.dir, &li)) {
                char who[512];
                lock_describe(&li, who, sizeof who);
                diag_add(&a->d, DIAG_NOTE, wb.dir, 0, "%s by %s",
                         li.stale ? "a stale lock left" : "open for writing", who);
        }
        size_t problems = diag_count(&a->d, DIAG_WARN) - before;
        if (!problems || !quiet_ok)
                printf("%s: %zu entries, %s\n", text_safe(path), wb.nentries,
                       problems ? "problems found" : "ok");
        workbook_free(&wb);
        return problems ? EXIT_PROBLEMS : 0;
}

static int cmd_check(struct args *a)
{
        const char *path = a->pos[0];
        if (!workbook_is_caseload(path))
                return check_one(a, path, false);
        char **dirs;
        size_t n = workbook_list_caseload(path, &dirs);
        int rc = 0;
        for (size_t i = 0; i < n; i++) {
                int r = check_one(a, dirs[i], false);
                if (r > rc)
                        rc = r;
                free(dirs[i]);
        }
        free(dirs);
        return rc;
}

/* --- add, link, revamp, sign --------------------------------------------- */

/* The commands that change a workbook are edits: given the open workbook, they
 * check their arguments, make their change and put what they will print into
 * out, or return an exit status. The dispatcher saves (lock, journal check,
 * atomic write) and prints out only when the save succeeded. */

static int cmd_add(struct args *a, struct workbook *wb, struct buf *out)
{
        struct new_entry ne = {opt(a, "status"),  opt(a, "date"),     opt(a, "ref"),
                               opt(a, "summary"), opt(a, "elements"), opt(a, "indicators"),
                               opt(a, "revamps"), opt(a, "rationale")};
        char *id = wb_add_entry(wb, &ne, &a->d);
        if (!id)
                return EXIT_PROBLEMS;
        buf_printf(out, "%s\n", id);
        free(id);
        return 0;
}

static int cmd_link(struct args *a, struct workbook *wb, struct buf *out)
{
        struct buf refs = {0};
        for (int i = 2; i < a->npos; i++)
                buf_printf(&refs, "%s;", a->pos[i]);
        int rc = wb_link(wb, a->pos[1], buf_str(&refs), &a->d) < 0 ? EXIT_PROBLEMS : 0;
        buf_free(&refs);
        if (rc == 0) {
                const struct entry *e = &wb->entries[wb_entry_by_id(wb, a->pos[1])];
                buf_printf(out, "%s: elements %s; indicators %s\n", text_safe(a->pos[1]),
                           text_safe(entry_get(wb, e, "elements")),
                           text_safe(entry_get(wb, e, "indicators")));
        }
        return rc;
}

static int cmd_revamp(struct args *a, struct workbook *wb, struct buf *out)
{
        char *id = wb_revamp(wb, a->pos[1], opt(a, "summary"), opt(a, "date"), &a->d);
        if (!id)
                return EXIT_PROBLEMS;
        buf_printf(out, "%s\n", id);
        free(id);
        return 0;
}

/* The --date option, or today's date (into today[11]); it must be YYYY-MM-DD:
 * NULL after saying so. */
static const char *valid_date(struct args *a, char *today)
{
        date_today(today);
        const char *date = opt_or(a, "date", today);
        if (date_valid(date))
                return date;
        fail(a, "date \"%s\" is not YYYY-MM-DD", date);
        return NULL;
}

static int cmd_sign(struct args *a, struct workbook *wb, struct buf *out)
{
        char today[11];
        const char *by = opt(a, "by"), *date;
        if (wb_entry_by_id(wb, a->pos[1]) < 0) {
                fail(a, "no entry %s", a->pos[1]);
                return EXIT_PROBLEMS;
        }
        if (!(date = valid_date(a, today)))
                return EXIT_PROBLEMS;
        const char *row[][2] = {{"signed_by", by}, {"signed_on", date}};
        wb_set_row(wb, WB_EVIDENCE, a->pos[1], row, 2);
        buf_printf(out, "%s signed by %s on %s\n", text_safe(a->pos[1]), text_safe(by), date);
        return 0;
}

/* --- units, sessions, actions -------------------------------------------- */

static int cmd_unit(struct args *a, struct workbook *wb, struct buf *out)
{
        struct ref r;
        const char *status = opt(a, "status");
        if (!ref_parse(&wb->fw, a->pos[1], &r) || r.kind != REF_UNIT) {
                fail(a, "unknown unit %s", a->pos[1]);
                return EXIT_PROBLEMS;
        }
        if (status &&
            (unit_status_parse(status) == US_UNKNOWN || unit_status_parse(status) == US_NONE)) {
                fail(a,
                     "unit status is planned, in-progress, achieved or credit-transfer, not \"%s\"",
                     status);
                return EXIT_USAGE;
        }
        const char *code = wb->fw.units[r.unit].code;
        wb_begin(wb);
        if (status)
                wb_set(wb, WB_UNITS, code, "status", unit_status_name[unit_status_parse(status)]);
        else if (wb_find(wb, WB_UNITS, code) < 0)
                wb_set(wb, WB_UNITS, code, "status", "planned");
        if (opt(a, "notes"))
                wb_set(wb, WB_UNITS, code, "notes", opt(a, "notes"));
        wb_end(wb);
        buf_printf(out, "%s %s\n", code, unit_status_name[wb_unit_status(wb, r.unit)]);
        return 0;
}

static int cmd_session(struct args *a, struct workbook *wb, struct buf *out)
{
        char today[11];
        const char *date = valid_date(a, today);
        if (!date)
                return EXIT_PROBLEMS;
        char *id = wb_new_id(wb, WB_SESSIONS);
        const char *row[][2] = {{"date", date},
                                {"focus", opt(a, "focus")},
                                {"participants", opt(a, "participants")},
                                {"notes", opt(a, "notes")}};
        wb_set_row(wb, WB_SESSIONS, id, row, 4);
        buf_printf(out, "%s\n", id);
        free(id);
        return 0;
}

static int cmd_action(struct args *a, struct workbook *wb, struct buf *out)
{
        const char *sess = opt_or(a, "session", "");
        const char *due = opt_or(a, "due", "");
        if (*sess && wb_find(wb, WB_SESSIONS, sess) < 0) {
                fail(a, "no session %s", sess);
                return EXIT_PROBLEMS;
        }
        if (*due && !date_valid(due)) {
                fail(a, "due date \"%s\" is not YYYY-MM-DD", due);
                return EXIT_PROBLEMS;
        }
        char *id = wb_new_id(wb, WB_ACTIONS);
        const char *row[][2] = {{"session", sess},
                                {"objective", opt(a, "objective")},
                                {"success_indicator", opt(a, "success")},
                                {"due", due},
                                {"responsibility", opt(a, "who")},
                                {"done", ""}};
        wb_set_row(wb, WB_ACTIONS, id, row, 6);
        buf_printf(out, "%s\n", id);
        free(id);
        return 0;
}

static int cmd_done(struct args *a, struct workbook *wb, struct buf *out)
{
        char today[11];
        const char *date;
        if (wb_find(wb, WB_ACTIONS, a->pos[1]) < 0) {
                fail(a, "no action %s", a->pos[1]);
                return EXIT_PROBLEMS;
        }
        if (!(date = valid_date(a, today)))
                return EXIT_PROBLEMS;
        wb_set(wb, WB_ACTIONS, a->pos[1], "done", date);
        buf_printf(out, "%s done on %s\n", text_safe(a->pos[1]), date);
        return 0;
}

/* Runs an edit command: open, edit, save, print. */
static int run_edit(struct args *a, int (*edit)(struct args *, struct workbook *, struct buf *))
{
        struct workbook wb;
        int rc = open_workbook(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        struct buf out = {0};
        if ((rc = edit(a, &wb, &out)) == 0 && (rc = save_workbook(a, &wb)) == 0)
                fputs(buf_str(&out), stdout);
        buf_free(&out);
        workbook_free(&wb);
        return rc;
}

/* --- gaps --------------------------------------------------------------- */

static void print_needs_update(const struct workbook *wb, FILE *f)
{
        bool any = false;
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                if (e->status != ST_UPDATE)
                        continue;
                if (!any)
                        fprintf(f, "\nEvidence marked needs-update:\n");
                any = true;
                struct buf b = {0};
                buf_printf(&b, "%s [%s] %s", entry_get(wb, e, "id"), entry_get(wb, e, "ref"),
                           entry_get(wb, e, "summary"));
                cli_wrap(f, b.s, 4, 2, WIDTH);
                buf_free(&b);
        }
}

static int cmd_gaps(struct args *a)
{
        struct workbook wb;
        int rc = open_workbook(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        int fmt = format_arg(a, false);
        int st = stage_arg(a, &wb);
        if (fmt < 0 || st < 0) {
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        struct coverage c;
        coverage_compute(&wb, st, &c);
        struct gap *g;
        size_t n = coverage_gaps(&wb, &c, &g);
        const struct framework *fw = &wb.fw;
        if (fmt == 1) {
                const char *hdr[] = {"capability", "theme",        "name", "coverage", "actual",
                                     "planned",    "needs_update", "na",   "units",    NULL};
                csv_row(stdout, hdr);
                for (size_t i = 0; i < n; i++) {
                        const struct cov *cv =
                            g[i].theme < 0 ? &c.caps[g[i].cap] : &c.themes[g[i].theme];
                        char nums[4][16];
                        snprintf(nums[0], 16, "%u", cv->direct.actual);
                        snprintf(nums[1], 16, "%u",
                                 cv->direct.planned + cv->mapped_direct.planned +
                                     cv->mapped_indirect.planned);
                        snprintf(nums[2], 16, "%u",
                                 cv->direct.update + cv->mapped_direct.update +
                                     cv->mapped_indirect.update);
                        snprintf(nums[3], 16, "%u", cv->direct.na);
                        struct buf h = {0};
                        hints_text(&wb, g[i].units, g[i].nunits, &h);
                        const char *row[] = {fw->caps[g[i].cap].code,
                                             g[i].theme < 0 ? "" : fw->themes[g[i].theme].code,
                                             g[i].theme < 0 ? fw->caps[g[i].cap].name
                                                            : fw->themes[g[i].theme].name,
                                             cov_mark_name[g[i].mark],
                                             nums[0],
                                             nums[1],
                                             nums[2],
                                             nums[3],
                                             buf_str(&h),
                                             NULL};
                        csv_row(stdout, row);
                        buf_free(&h);
                }
        } else {
                char sl[64];
                printf("Gaps at %s for %s, %s pathway\n", stage_label(&wb, st, sl, sizeof sl),
                       *wb.name ? text_safe(wb.name) : "this workbook",
                       text_safe(pathway_name(&wb)));
                if (!n)
                        printf("\nNo gaps: every capability and theme has actual evidence.\n");
                int last_cap = -1;
                for (size_t i = 0; i < n; i++) {
                        struct buf line = {0}, h = {0};
                        if (g[i].cap != last_cap && g[i].theme >= 0) {
                                /* the capability itself is covered; say how */
                                enum cov_mark m = cov_mark(&c.caps[g[i].cap]);
                                printf("\n%s %s: %s\n", fw->caps[g[i].cap].code,
                                       text_safe(fw->caps[g[i].cap].name), cov_mark_name[m]);
                        }
                        if (g[i].theme < 0) {
                                printf("\n%s %s: %s\n", fw->caps[g[i].cap].code,
                                       text_safe(fw->caps[g[i].cap].name),
                                       g[i].mark == MARK_NONE ? "no evidence"
                                                              : cov_mark_name[g[i].mark]);
                                if (g[i].nunits) {
                                        hints_text(&wb, g[i].units, g[i].nunits, &h);
                                        buf_printf(&line, "could come from: %s", h.s);
                                        cli_wrap(stdout, line.s, 6, 4, WIDTH);
                                }
                        } else {
                                buf_printf(&line, "%s %s: %s", fw->themes[g[i].theme].code,
                                           fw->themes[g[i].theme].name,
                                           g[i].mark == MARK_NONE ? "no evidence"
                                                                  : cov_mark_name[g[i].mark]);
                                cli_wrap(stdout, line.s, 6, 2, WIDTH);
                        }
                        last_cap = g[i].cap;
                        buf_free(&line), buf_free(&h);
                }
                print_needs_update(&wb, stdout);
        }
        gaps_free(g, n);
        coverage_free(&c);
        workbook_free(&wb);
        return 0;
}

/* --- grid --------------------------------------------------------------- */

static int cmd_grid(struct args *a)
{
        struct workbook wb;
        int rc = open_workbook(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        int fmt = format_arg(a, false);
        struct ref r;
        if (fmt < 0 || !ref_parse(&wb.fw, a->pos[1], &r) || r.kind != REF_UNIT) {
                if (fmt >= 0)
                        fail(a, "unknown unit %s", a->pos[1]);
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        const struct framework *fw = &wb.fw;
        const struct fw_unit *u = &fw->units[r.unit];
        struct grid g;
        coverage_grid(&wb, r.unit, &g);
        if (fmt == 1) {
                const char *hdr[] = {"row",    "title",   "capability", "link",
                                     "actual", "planned", NULL};
                csv_row(stdout, hdr);
                for (size_t i = 0; i < g.nrows; i++) {
                        const char *code = i ? fw->elements[u->elements[i - 1]].code : u->code;
                        const char *title = i ? fw->elements[u->elements[i - 1]].title : u->title;
                        for (size_t cidx = 0; cidx < g.ncols; cidx++) {
                                const struct grid_cell *cell = &g.cells[i * g.ncols + cidx];
                                char n1[16], n2[16];
                                snprintf(n1, 16, "%u", cell->actual);
                                snprintf(n2, 16, "%u", cell->planned);
                                const char *row[] = {code,
                                                     title,
                                                     fw->caps[cidx].code,
                                                     cell->kind == 1   ? "direct"
                                                     : cell->kind == 2 ? "indirect"
                                                                       : "",
                                                     n1,
                                                     n2,
                                                     NULL};
                                csv_row(stdout, row);
                        }
                }
        } else {
                struct buf t = {0};
                buf_printf(&t, "%s %s", u->code,
                           *u->title ? u->title : "(title not in the sources)");
                cli_wrap(stdout, t.s, 4, 0, WIDTH);
                buf_free(&t);
                printf("Mapping grid: D direct link, i indirect; actual/planned entries that name\n"
                       "the row and the capability; entries: all entries naming the row.\n\n");
                printf("%-9s", "");
                for (size_t cidx = 0; cidx < g.ncols; cidx++)
                        printf(" %-7s", fw->caps[cidx].code);
                printf(" entries\n");
                for (size_t i = 0; i < g.nrows; i++) {
                        const char *code = i ? fw->elements[u->elements[i - 1]].code : u->code;
                        printf("%-9s", text_safe(code));
                        for (size_t cidx = 0; cidx < g.ncols; cidx++) {
                                const struct grid_cell *cell = &g.cells[i * g.ncols + cidx];
                                char cellbuf[16];
                                char k = cell->kind == 1 ? 'D' : cell->kind == 2 ? 'i' : '.';
                                if (cell->actual || cell->planned)
                                        snprintf(cellbuf, sizeof cellbuf, "%c %u/%u", k,
                                                 cell->actual, cell->planned);
                                else
                                        snprintf(cellbuf, sizeof cellbuf, "%c", k);
                                printf(" %-7s", cellbuf);
                        }
                        printf(" %u\n", g.row_entries[i]);
                }
                if (u->nelements) {
                        printf("\n");
                        for (size_t i = 0; i < u->nelements; i++) {
                                const struct fw_element *e = &fw->elements[u->elements[i]];
                                struct buf l = {0};
                                buf_printf(&l, "%-6s %s", e->code,
                                           *e->title ? e->title : "(title not in the sources)");
                                cli_wrap(stdout, l.s, 7, 0, WIDTH);
                                buf_free(&l);
                        }
                } else {
                        printf("\nThe elements of %s are not in the shipped data; add them to the\n"
                               "standards' elements.csv in the workbook's own framework folder.\n",
                               text_safe(u->code));
                }
        }
        grid_free(&g);
        workbook_free(&wb);
        return 0;
}

/* --- plan --------------------------------------------------------------- */

static int plan_cmp(const void *x, const void *y)
{
        const struct plan_row *a = x, *b = y;
        if (a->gaps_filled != b->gaps_filled)
                return a->gaps_filled < b->gaps_filled ? 1 : -1;
        if (a->ncaps_direct != b->ncaps_direct)
                return a->ncaps_direct < b->ncaps_direct ? 1 : -1;
        return a->unit - b->unit;
}

static int cmd_plan(struct args *a)
{
        struct workbook wb;
        int rc = open_workbook(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        int fmt = format_arg(a, false);
        int st = stage_arg(a, &wb);
        if (fmt < 0 || st < 0) {
                workbook_free(&wb);
                return EXIT_USAGE;
        }
        const struct framework *fw = &wb.fw;
        struct coverage c;
        coverage_compute(&wb, st, &c);
        struct plan_row *p;
        size_t n = coverage_plan(&wb, &c, &p);
        qsort(p, n, sizeof *p, plan_cmp);
        if (fmt == 1) {
                const char *hdr[] = {"unit",     "title",       "status", "direct",
                                     "indirect", "gaps_filled", NULL};
                csv_row(stdout, hdr);
        } else {
                char sl[64];
                struct buf h = {0};
                buf_printf(&h,
                           "Optional units for %s at %s: what each maps to and the gaps it "
                           "would fill (capabilities and themes with no actual evidence).",
                           *wb.name ? wb.name : "this workbook",
                           stage_label(&wb, st, sl, sizeof sl));
                cli_wrap(stdout, h.s, 0, 0, WIDTH);
                buf_free(&h);
                putchar('\n');
                printf("%-5s %-16s %-24s %-5s %s\n", "unit", "status", "maps to", "gaps", "title");
        }
        for (size_t i = 0; i < n; i++) {
                const struct fw_unit *u = &fw->units[p[i].unit];
                struct buf d = {0}, ind = {0}, both = {0};
                for (size_t k = 0; k < p[i].ncaps; k++) {
                        struct buf *b = p[i].caps_direct[k] ? &d : &ind;
                        if (b->len)
                                buf_adds(b, "; ");
                        buf_adds(b, fw->caps[p[i].caps[k]].code);
                        if (both.len)
                                buf_adds(&both, " ");
                        buf_printf(&both, "%s%s", fw->caps[p[i].caps[k]].code,
                                   p[i].caps_direct[k] ? "" : "(i)");
                }
                const char *status =
                    p[i].status == US_NONE ? "not chosen" : unit_status_name[p[i].status];
                char gaps[16];
                snprintf(gaps, sizeof gaps, "%zu", p[i].gaps_filled);
                if (fmt == 1) {
                        const char *row[] = {
                            u->code,     u->title,      p[i].status == US_NONE ? "" : status,
                            buf_str(&d), buf_str(&ind), gaps,
                            NULL};
                        csv_row(stdout, row);
                } else {
                        struct buf l = {0};
                        buf_printf(&l, "%-5s %-16s %-24s %-5s %s", u->code, status,
                                   both.len ? both.s : "-", gaps,
                                   *u->title ? u->title : "(title not in the sources)");
                        cli_wrap(stdout, l.s, 54, 0, WIDTH);
                        buf_free(&l);
                }
                buf_free(&d), buf_free(&ind), buf_free(&both);
        }
        if (fmt == 0) {
                struct buf l = {0};
                buf_printf(&l, "(i): indirect link. Links come from the mapping %s.",
                           fw->map_path ? fw->map_path : fw->map_id);
                putchar('\n');
                cli_wrap(stdout, l.s, 0, 0, WIDTH);
                buf_free(&l);
        }
        plan_free(p, n);
        coverage_free(&c);
        workbook_free(&wb);
        return 0;
}

/* --- transfer ----------------------------------------------------------- */

static int cmd_transfer(struct args *a)
{
        struct workbook wb;
        int rc = open_workbook(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        const struct framework *fw = &wb.fw;
        long only = -1;
        if (a->npos > 1 && (only = wb_entry_by_id(&wb, a->pos[1])) < 0) {
                fail(a, "no entry %s", a->pos[1]);
                workbook_free(&wb);
                return EXIT_PROBLEMS;
        }
        size_t shown = 0;
        for (size_t i = 0; i < wb.nentries; i++) {
                if (only >= 0 && (long)i != only)
                        continue;
                const struct entry *e = &wb.entries[i];
                struct transfer *t;
                size_t n = entry_transfer(&wb, e, &t);
                size_t fresh = 0;
                for (size_t k = 0; k < n; k++)
                        fresh += !t[k].named;
                if (fresh || only >= 0) {
                        struct buf l = {0};
                        buf_printf(&l, "%s [%s] %s", entry_get(&wb, e, "id"),
                                   entry_get(&wb, e, "ref"), entry_get(&wb, e, "indicators"));
                        cli_wrap(stdout, l.s, 4, 0, WIDTH);
                        buf_free(&l);
                        if (!fresh)
                                printf("    no further NOS elements through the mapping\n");
                        for (size_t k = 0; k < n; k++) {
                                if (t[k].named)
                                        continue;
                                const struct fw_unit *u = &fw->units[t[k].unit];
                                const char *code =
                                    t[k].element >= 0 ? fw->elements[t[k].element].code : u->code;
                                const char *title =
                                    t[k].element >= 0 ? fw->elements[t[k].element].title : u->title;
                                enum unit_status us = wb_unit_status(&wb, t[k].unit);
                                buf_printf(&l, "could also count for %s (%s link%s) %s", code,
                                           t[k].direct ? "direct" : "indirect",
                                           us == US_NONE       ? ""
                                           : us == US_CREDIT   ? ", unit held by credit transfer"
                                           : us == US_ACHIEVED ? ", unit achieved"
                                                               : ", unit chosen",
                                           title);
                                cli_wrap(stdout, l.s, 6, 4, WIDTH);
                                buf_free(&l);
                        }
                        shown++;
                }
                free(t);
        }
        if (!shown)
                printf("No entry names a capability that the mapping links to a NOS unit it does\n"
                       "not already name.\n");
        workbook_free(&wb);
        return 0;
}

/* --- report ------------------------------------------------------------- */

static void html_text(FILE *f, const char *s)
{
        struct buf b = {0};
        text_sanitize(&b, s, strlen(s), true);
        for (const char *p = buf_str(&b); *p; p++) {
                switch (*p) {
                case '&': fputs("&amp;", f); break;
                case '<': fputs("&lt;", f); break;
                case '>': fputs("&gt;", f); break;
                case '"': fputs("&quot;", f); break;
                case '\n': fputs("<br>", f); break;
                default: fputc(*p, f);
                }
        }
        buf_free(&b);
}

static void report_text(FILE *f, struct workbook *wb, int st)
{
        const struct framework *fw = &wb->fw;
        char sl[64];
        fprintf(f, "capbook report: %s\n", *wb->name ? text_safe(wb->name) : text_safe(wb->dir));
        struct buf l = {0};
        buf_printf(&l, "Pathway: %s   Target stage: %s", pathway_name(wb),
                   stage_label(wb, st, sl, sizeof sl));
        cli_wrap(f, l.s, 2, 0, WIDTH);
        if (*wb->award) {
                buf_reset(&l);
                buf_printf(&l, "Award: %s", wb->award);
                cli_wrap(f, l.s, 7, 0, WIDTH);
        }
        if (*wb->supervisor) {
                buf_reset(&l);
                buf_printf(&l, "Supervisor/assessor: %s", wb->supervisor);
                cli_wrap(f, l.s, 21, 0, WIDTH);
        }
        buf_free(&l);
        fprintf(f, "\nUnits\n");
        const struct sheet *us = &wb->sheets[WB_UNITS];
        for (size_t i = 0; i < us->nrows; i++) {
                if (us->rows[i].bad)
                        continue;
                const char *code = sheet_get(us, i, sheet_col(us, "unit"));
                struct ref r;
                const char *title =
                    ref_parse(fw, code, &r) && r.kind == REF_UNIT ? fw->units[r.unit].title : "";
                struct buf l = {0};
                buf_printf(&l, "%-5s %-16s %s", code, sheet_get(us, i, sheet_col(us, "status")),
                           title);
                const char *notes = sheet_get(us, i, sheet_col(us, "notes"));
                if (*notes)
                        buf_printf(&l, " (%s)", notes);
                cli_wrap(f, l.s, 23, 2, WIDTH);
                buf_free(&l);
        }
        struct coverage c;
        coverage_compute(wb, st, &c);
        fprintf(f, "\nCoverage at %s (actual/planned; m: through the mapping)\n",
                fw->stages[st].code);
        for (size_t ci = 0; ci < fw->ncaps; ci++) {
                const struct cov *cv = &c.caps[ci];
                fprintf(f, "  %-4s %-36.36s %-20s %u/%u, m %u\n", fw->caps[ci].code,
                        text_safe(fw->caps[ci].name), cov_mark_name[cov_mark(cv)],
                        cv->direct.actual, cv->direct.planned,
                        cv->mapped_direct.actual + cv->mapped_indirect.actual);
                for (size_t k = 0; k < fw->caps[ci].nthemes; k++) {
                        int t = fw->caps[ci].themes[k];
                        const struct cov *tv = &c.themes[t];
                        struct buf l = {0};
                        buf_printf(&l, "%-6s %s: %s, %u/%u", fw->themes[t].code, fw->themes[t].name,
                                   cov_mark_name[cov_mark(tv)], tv->direct.actual,
                                   tv->direct.planned);
                        cli_wrap(f, l.s, 11, 4, WIDTH);
                        buf_free(&l);
                }
        }
        coverage_free(&c);
        fprintf(f, "\nEvidence (%zu entries)\n", wb->nentries);
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                struct buf l = {0};
                buf_printf(&l, "%s %s %s [%s]", entry_get(wb, e, "id"), entry_get(wb, e, "status"),
                           entry_get(wb, e, "date"), entry_get(wb, e, "ref"));
                const char *rv = entry_get(wb, e, "revamps");
                if (*rv)
                        buf_printf(&l, " revamps %s", rv);
                cli_wrap(f, l.s, 6, 2, WIDTH);
                buf_reset(&l);
                cli_wrap(f, entry_get(wb, e, "summary"), 6, 6, WIDTH);
                buf_printf(&l, "elements: %s  indicators: %s", entry_get(wb, e, "elements"),
                           entry_get(wb, e, "indicators"));
                cli_wrap(f, l.s, 8, 6, WIDTH);
                if (*entry_get(wb, e, "rationale")) {
                        buf_reset(&l);
                        buf_printf(&l, "rationale: %s", entry_get(wb, e, "rationale"));
                        cli_wrap(f, l.s, 8, 6, WIDTH);
                }
                if (*entry_get(wb, e, "signed_by")) {
                        buf_reset(&l);
                        buf_printf(&l, "signed by %s on %s", entry_get(wb, e, "signed_by"),
                                   entry_get(wb, e, "signed_on"));
                        cli_wrap(f, l.s, 8, 6, WIDTH);
                }
                buf_free(&l);
        }
        const struct sheet *ss = &wb->sheets[WB_SESSIONS], *as = &wb->sheets[WB_ACTIONS];
        if (ss->nrows)
                fprintf(f, "\nSupervision sessions\n");
        for (size_t i = 0; i < ss->nrows; i++) {
                if (ss->rows[i].bad)
                        continue;
                const char *sid = sheet_get(ss, i, sheet_col(ss, "id"));
                struct buf l = {0};
                buf_printf(&l, "%s %s focus: %s; with %s", sid,
                           sheet_get(ss, i, sheet_col(ss, "date")),
                           sheet_get(ss, i, sheet_col(ss, "focus")),
                           sheet_get(ss, i, sheet_col(ss, "participants")));
                cli_wrap(f, l.s, 6, 2, WIDTH);
                cli_wrap(f, sheet_get(ss, i, sheet_col(ss, "notes")), 6, 6, WIDTH);
                for (size_t k = 0; k < as->nrows; k++) {
                        if (as->rows[k].bad ||
                            strcmp(sheet_get(as, k, sheet_col(as, "session")), sid))
                                continue;
                        buf_reset(&l);
                        const char *done = sheet_get(as, k, sheet_col(as, "done"));
                        buf_printf(&l, "%s %s — success: %s; due %s; %s; %s%s",
                                   sheet_get(as, k, sheet_col(as, "id")),
                                   sheet_get(as, k, sheet_col(as, "objective")),
                                   sheet_get(as, k, sheet_col(as, "success_indicator")),
                                   sheet_get(as, k, sheet_col(as, "due")),
                                   sheet_get(as, k, sheet_col(as, "responsibility")),
                                   *done ? "done " : "open", done);
                        cli_wrap(f, l.s, 10, 6, WIDTH);
                }
                buf_free(&l);
        }
}

static void report_html(FILE *f, struct workbook *wb, int st)
{
        const struct framework *fw = &wb->fw;
        fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<title>capbook report: ");
        html_text(f, wb->name);
        fprintf(f, "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                   "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;"
                   "vertical-align:top;text-align:left}</style></head><body>\n<h1>");
        html_text(f, *wb->name ? wb->name : wb->dir);
        fprintf(f, "</h1>\n<p>Pathway: ");
        html_text(f, pathway_name(wb));
        fprintf(f, ". Target stage: ");
        html_text(f, fw->stages[st].name);
        fprintf(f, ".</p>\n<h2>Coverage</h2>\n<table><tr><th>Code</th><th>Capability or theme</th>"
                   "<th>Coverage</th><th>Actual</th><th>Planned</th></tr>\n");
        struct coverage c;
        coverage_compute(wb, st, &c);
        for (size_t ci = 0; ci < fw->ncaps; ci++) {
                for (int k = -1; k < (int)fw->caps[ci].nthemes; k++) {
                        int t = k < 0 ? -1 : fw->caps[ci].themes[k];
                        const struct cov *cv = t < 0 ? &c.caps[ci] : &c.themes[t];
                        fprintf(f, "<tr><td>");
                        html_text(f, t < 0 ? fw->caps[ci].code : fw->themes[t].code);
                        fprintf(f, "</td><td>%s", t < 0 ? "<b>" : "");
                        html_text(f, t < 0 ? fw->caps[ci].name : fw->themes[t].name);
                        fprintf(f, "%s</td><td>%s</td><td>%u</td><td>%u</td></tr>\n",
                                t < 0 ? "</b>" : "", cov_mark_name[cov_mark(cv)], cv->direct.actual,
                                cv->direct.planned);
                }
        }
        coverage_free(&c);
        fprintf(f, "</table>\n<h2>Evidence</h2>\n<table><tr><th>Id</th><th>Status</th><th>Date</th>"
                   "<th>Ref</th><th>Summary</th><th>Elements</th><th>Indicators</th></tr>\n");
        for (size_t i = 0; i < wb->nentries; i++) {
                const struct entry *e = &wb->entries[i];
                const char *cols[] = {"id",      "status",   "date",      "ref",
                                      "summary", "elements", "indicators"};
                fprintf(f, "<tr>");
                for (size_t k = 0; k < 7; k++) {
                        fprintf(f, "<td>");
                        html_text(f, entry_get(wb, e, cols[k]));
                        fprintf(f, "</td>");
                }
                fprintf(f, "</tr>\n");
        }
        fprintf(f, "</table>\n</body></html>\n");
}

static void report_csv(FILE *f, struct workbook *wb, int st)
{
        const struct framework *fw = &wb->fw;
        const char *hdr[] = {"capability",
                             "theme",
                             "name",
                             "coverage",
                             "actual",
                             "planned",
                             "needs_update",
                             "na",
                             "actual_through_mapping",
                             NULL};
        csv_row(f, hdr);
        struct coverage c;
        coverage_compute(wb, st, &c);
        for (size_t ci = 0; ci < fw->ncaps; ci++) {
                for (int k = -1; k < (int)fw->caps[ci].nthemes; k++) {
                        int t = k < 0 ? -1 : fw->caps[ci].themes[k];
                        const struct cov *cv = t < 0 ? &c.caps[ci] : &c.themes[t];
                        char n[5][16];
                        snprintf(n[0], 16, "%u", cv->direct.actual);
                        snprintf(n[1], 16, "%u", cv->direct.planned);
                        snprintf(n[2], 16, "%u", cv->direct.update);
                        snprintf(n[3], 16, "%u", cv->direct.na);
                        snprintf(n[4], 16, "%u",
                                 cv->mapped_direct.actual + cv->mapped_indirect.actual);
                        const char *row[] = {fw->caps[ci].code,
                                             t < 0 ? "" : fw->themes[t].code,
                                             t < 0 ? fw->caps[ci].name : fw->themes[t].name,
                                             cov_mark_name[cov_mark(cv)],
                                             n[0],
                                             n[1],
                                             n[2],
                                             n[3],
                                             n[4],
                                             NULL};
                        csv_row(f, row);
                }
        }
        coverage_free(&c);
}

static void report_caseload(FILE *f, struct args *a, const char *path, int fmt)
{
        char **dirs;
        size_t n = workbook_list_caseload(path, &dirs);
        bool header = false;
        for (size_t i = 0; i < n; i++) {
                struct workbook wb;
                struct wb_options o = wb_opts(a);
                if (workbook_open(&wb, dirs[i], &o, &a->d) == 0) {
                        struct coverage c;
                        coverage_compute(&wb, wb.stage_index, &c);
                        if (!header) {
                                if (fmt == 1) {
                                        fprintf(f, "folder,candidate,pathway,stage,entries");
                                        for (size_t k = 0; k < wb.fw.ncaps; k++)
                                                fprintf(f, ",%s", wb.fw.caps[k].code);
                                        fprintf(f, "\r\n");
                                } else {
                                        fprintf(f, "%-10s %-12s %-5s %-7s", "candidate", "pathway",
                                                "stage", "entries");
                                        for (size_t k = 0; k < wb.fw.ncaps; k++)
                                                fprintf(f, " %s", wb.fw.caps[k].code);
                                        fprintf(f, "\n");
                                }
                                header = true;
                        }
                        char entries[16];
                        snprintf(entries, sizeof entries, "%zu", wb.nentries);
                        if (fmt == 1) {
                                struct buf b = {0};
                                const char *row[] = {
                                    path_basename(dirs[i]),
                                    wb.name,
                                    wb.pathway,
                                    wb.fw.nstages ? wb.fw.stages[wb.stage_index].code : "?",
                                    entries,
                                    NULL};
                                for (int k = 0; row[k]; k++) {
                                        if (k)
                                                buf_addc(&b, ',');
                                        sheet_encode_field(&b, row[k]);
                                }
                                for (size_t k = 0; k < wb.fw.ncaps; k++)
                                        buf_printf(&b, ",%s", cov_mark_name[cov_mark(&c.caps[k])]);
                                buf_adds(&b, "\r\n");
                                fwrite(b.s, 1, b.len, f);
                                buf_free(&b);
                        } else {
                                fprintf(f, "%-10.10s %-12.12s %-5s %-7s", text_safe(wb.name),
                                        text_safe(wb.pathway),
                                        wb.fw.nstages ? wb.fw.stages[wb.stage_index].code : "?",
                                        entries);
                                for (size_t k = 0; k < wb.fw.ncaps; k++)
                                        fprintf(f, " %-3c", cov_mark_letter[cov_mark(&c.caps[k])]);
                                fprintf(f, "\n");
                        }
                        coverage_free(&c);
                        workbook_free(&wb);
                }
                free(dirs[i]);
        }
        free(dirs);
        if (fmt == 0 && header)
                fprintf(
                    f,
                    "\nA actual, m through the mapping, i indirect only, n n/a, u needs update,\n"
                    "p planned only, - nothing.\n");
}

static int cmd_report(struct args *a)
{
        int fmt = format_arg(a, true);
        if (fmt < 0)
                return EXIT_USAGE;
        const char *out = opt(a, "o");
        FILE *f = stdout;
        char *mem = NULL;
        size_t memlen = 0;
        if (out)
                f = open_memstream(&mem, &memlen);
        int rc = 0;
        if (workbook_is_caseload(a->pos[0])) {
                report_caseload(f, a, a->pos[0], fmt);
        } else {
                struct workbook wb;
                rc = open_workbook(a, &wb, a->pos[0]);
                if (rc == 0) {
                        int st = stage_arg(a, &wb);
                        if (st < 0)
                                rc = EXIT_USAGE;
                        else if (fmt == 2)
                                report_html(f, &wb, st);
                        else if (fmt == 1)
                                report_csv(f, &wb, st);
                        else
                                report_text(f, &wb, st);
                        workbook_free(&wb);
                }
        }
        if (out) {
                fclose(f);
                char err[256];
                if (rc == 0 && file_replace(out, mem, memlen, (unsigned)a->cfg.num[OPT_FILE_MODE],
                                            err, sizeof err) < 0) {
                        diag_add(&a->d, DIAG_ERROR, out, 0, "not written: %s", err);
                        rc = EXIT_PROBLEMS;
                }
                free(mem);
        }
        return rc;
}

/* --- frameworks --------------------------------------------------------- */

static int strcmp_ptr(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmd_frameworks(struct args *a)
{
        char *dirs[16];
        const char *wbdir = a->npos ? a->pos[0] : NULL;
        size_t n = framework_search_path(wbdir, dirs, 16);
        struct strlist seen = {0};
        printf("%-14s %-14s %s\n", "id", "kind", "where, and what it holds");
        for (size_t i = 0; i < n; i++) {
                DIR *dp = opendir(dirs[i]);
                struct dirent *de;
                struct strlist names = {0};
                while (dp && (de = readdir(dp)))
                        if (de->d_name[0] != '.')
                                strlist_push(&names, de->d_name);
                if (dp)
                        closedir(dp);
                if (names.n) /* qsort(NULL, 0, …) is undefined */
                        qsort(names.v, names.n, sizeof *names.v, strcmp_ptr);
                for (size_t k = 0; k < names.n; k++) {
                        char *p = path_join(dirs[i], names.v[k]);
                        char counts[256];
                        const char *kind =
                            path_is_dir(p) ? framework_describe(p, counts, sizeof counts) : NULL;
                        if (kind && !strlist_has(&seen, names.v[k])) {
                                strlist_push(&seen, names.v[k]);
                                printf("%-14s %-14s %s\n", text_safe(names.v[k]), kind,
                                       text_safe(p));
                                cli_wrap(stdout, counts, 30, 30, WIDTH);
                        }
                        free(p);
                }
                strlist_free(&names);
                free(dirs[i]);
        }
        if (wbdir) {
                char *own = path_join(wbdir, "mapping.csv");
                if (path_exists(own))
                        printf("%-14s %-14s %s (overrides the shipped mapping)\n", "(workbook)",
                               "mapping", text_safe(own));
                free(own);
        }
        int rc = seen.n ? 0 : EXIT_PROBLEMS;
        if (!seen.n)
                fail(a, "no frameworks found%s", NULL);
        strlist_free(&seen);
        return rc;
}

/* --- the table and the dispatcher ---------------------------------------- */

static const struct command commands[] = {
    {"new", "new PATH --candidate NAME [--pathway ID] [--stage EM|ES|AC] [--units A1,A2]",
     "create a workbook folder (mandatory units are added as planned)",
     "candidate pathway stage units", "candidate", 1, 1, cmd_new, NULL},
    {"check", "check PATH", "validate every sheet: FILE:LINE: message per problem", "", "", 1, 1,
     cmd_check, NULL},
    {"add",
     "add PATH --ref REF --summary TEXT [--elements LIST] [--indicators LIST] "
     "[--status planned|actual|needs-update|na] [--date YYYY-MM-DD] [--rationale TEXT]",
     "log an evidence entry; prints the new id",
     "ref summary elements indicators status date rationale revamps", "ref summary", 1, 1, NULL,
     cmd_add},
    {"link", "link PATH ID REF...", "cross-reference an entry to more elements or indicators", "",
     "", 3, 8, NULL, cmd_link},
    {"revamp", "revamp PATH ID [--summary TEXT] [--date YYYY-MM-DD]",
     "turn a planned entry into a new actual one that points to it", "summary date", "", 2, 2, NULL,
     cmd_revamp},
    {"sign", "sign PATH ID --by NAME [--date YYYY-MM-DD]",
     "record who signed an entry off, and when", "by date", "by", 2, 2, NULL, cmd_sign},
    {"unit",
     "unit PATH UNIT [--status planned|in-progress|achieved|credit-transfer] [--notes TEXT]",
     "choose a unit or set its status", "status notes", "", 2, 2, NULL, cmd_unit},
    {"session", "session PATH --focus TEXT [--date D] [--participants P] [--notes TEXT]",
     "record a supervision session; prints its id", "focus date participants notes", "focus", 1, 1,
     NULL, cmd_session},
    {"action", "action PATH --objective TEXT [--session ID] [--success TEXT] [--due D] [--who P]",
     "record an agreed action; prints its id", "objective session success due who", "objective", 1,
     1, NULL, cmd_action},
    {"done", "done PATH ACTION [--date YYYY-MM-DD]", "mark an agreed action done", "date", "", 2, 2,
     NULL, cmd_done},
    {"gaps", "gaps PATH [--stage EM|ES|AC] [--format text|csv]",
     "capabilities and themes without actual evidence, and units that could fill them",
     "stage format", "", 1, 1, cmd_gaps, NULL},
    {"grid", "grid PATH UNIT [--format text|csv]",
     "the mapping grid of a unit: elements by capabilities, links and evidence", "format", "", 2, 2,
     cmd_grid, NULL},
    {"plan", "plan PATH [--stage EM|ES|AC] [--format text|csv]",
     "what each optional unit would add", "stage format", "", 1, 1, cmd_plan, NULL},
    {"transfer", "transfer PATH [ID]",
     "NOS elements that evidence logged against capabilities could also count for", "", "", 1, 2,
     cmd_transfer, NULL},
    {"report", "report PATH [--stage S] [--format text|csv|html] [-o FILE]",
     "the workbook (or a caseload) as a report", "stage format o", "", 1, 1, cmd_report, NULL},
    {"frameworks", "frameworks [PATH]", "list the frameworks found, where, and their counts", "",
     "", 0, 1, cmd_frameworks, NULL},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

bool cli_is_command(const char *name)
{
        for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(commands[i].name, name) == 0)
                        return true;
        return false;
}

/* A synopsis within WIDTH columns: broken only between words outside [ ],
 * continuation lines indented to just after the command's name. */
static void usage_synopsis(FILE *f, const char *synopsis)
{
        int indent = (int)strlen("  capbook ") + (int)strcspn(synopsis, " ") + 1;
        int col = fprintf(f, "  capbook");
        const char *p = synopsis;
        while (*p) {
                while (*p == ' ')
                        p++;
                size_t n = 0;
                for (int depth = 0; p[n] && (depth > 0 || p[n] != ' '); n++)
                        depth += p[n] == '[' ? 1 : p[n] == ']' ? -1 : 0;
                if (col + 1 + (int)n > WIDTH)
                        col = fprintf(f, "\n%*s", indent - 1, "") - 1;
                col += fprintf(f, " %.*s", (int)n, p);
                p += n;
        }
        fputc('\n', f);
}

void cli_usage(FILE *f)
{
        fprintf(f, "usage: capbook [-c FILE] [-r] [--ascii] [--no-color] [PATH]\n");
        cli_wrap(f,
                 "open the full-screen workbook (PATH: a workbook folder, a caseload folder of "
                 "workbooks, or one evidence CSV)",
                 6, 6, WIDTH);
        fprintf(f, "\ncommands:\n");
        for (size_t i = 0; i < NCOMMANDS; i++) {
                usage_synopsis(f, commands[i].synopsis);
                cli_wrap(f, commands[i].help, 6, 6, WIDTH);
        }
        fprintf(f, "  capbook --help | --version\n\n");
        cli_wrap(f,
                 "Exit status: 0 success, 1 problems found or refused, 2 usage or unreadable "
                 "input.",
                 0, 0, WIDTH);
}

static bool allowed(const struct command *c, const char *name)
{
        size_t n = strlen(name);
        for (const char *p = c->options; (p = strstr(p, name)); p += n)
                if ((p == c->options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
                        return true;
        return false;
}

static bool known_ui_key(const char *section, const char *key)
{
        (void)key;
        /* the full-screen program checks these against its own tables */
        return strcmp(section, "keys") == 0 || strcmp(section, "colors") == 0;
}

int cli_main(int argc, char **argv, struct global_opts *g, bool *handled)
{
        *handled = false;
        int i = 1;
        for (; i < argc; i++) {
                const char *s = argv[i];
                if (strcmp(s, "--") == 0) {
                        i++;
                        break;
                }
                if (strcmp(s, "-c") == 0 || strcmp(s, "--config") == 0) {
                        if (i + 1 >= argc) {
                                fprintf(stderr, "capbook: %s needs a FILE\n", s);
                                *handled = true;
                                return EXIT_USAGE;
                        }
                        g->config = argv[++i];
                } else if (strncmp(s, "--config=", 9) == 0) {
                        g->config = s + 9;
                } else if (strcmp(s, "-r") == 0 || strcmp(s, "--read-only") == 0) {
                        g->readonly = true;
                } else if (strcmp(s, "--ascii") == 0) {
                        g->ascii = true;
                } else if (strcmp(s, "--no-color") == 0 || strcmp(s, "--no-colour") == 0) {
                        g->no_color = true;
                } else if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
                        cli_usage(stdout);
                        *handled = true;
                        return 0;
                } else if (strcmp(s, "-V") == 0 || strcmp(s, "--version") == 0) {
                        printf("capbook %s\n", CAPBOOK_VERSION);
                        *handled = true;
                        return 0;
                } else if (strcmp(s, "--default-config") == 0) {
                        *handled = true;
                        return -1; /* the caller writes the whole default file */
                } else if (strcmp(s, "--man-keys") == 0) {
                        *handled = true;
                        return -2; /* the caller writes the man page's key list */
                } else if (s[0] == '-' && s[1]) {
                        fprintf(stderr, "capbook: unknown option %s (capbook --help lists them)\n",
                                text_safe(s));
                        *handled = true;
                        return EXIT_USAGE;
                } else {
                        break;
                }
        }
        const struct command *cmd = NULL;
        bool after_dashdash = i > 1 && strcmp(argv[i - 1], "--") == 0;
        if (i < argc && !after_dashdash) {
                for (size_t k = 0; k < NCOMMANDS; k++)
                        if (strcmp(commands[k].name, argv[i]) == 0)
                                cmd = &commands[k];
        }
        if (!cmd) {
                if (i < argc)
                        g->path = argv[i++];
                if (i < argc) {
                        fprintf(stderr, "capbook: one PATH only (got %s too)\n",
                                text_safe(argv[i]));
                        *handled = true;
                        return EXIT_USAGE;
                }
                return 0;
        }
        *handled = true;
        struct args a;
        memset(&a, 0, sizeof a);
        a.g = g;
        bool opts_done = false;
        for (i++; i < argc; i++) {
                const char *s = argv[i];
                if (!opts_done && strcmp(s, "--") == 0) {
                        opts_done = true;
                        continue;
                }
                if (!opts_done && s[0] == '-' && s[1]) {
                        const char *name = s + (s[1] == '-' ? 2 : 1);
                        const char *eq = strchr(name, '=');
                        char key[32];
                        snprintf(key, sizeof key, "%.*s",
                                 (int)(eq ? (size_t)(eq - name) : strlen(name)), name);
                        if (strcmp(key, "c") == 0 || strcmp(key, "config") == 0) {
                                if (!eq && i + 1 >= argc)
                                        goto usage;
                                g->config = eq ? eq + 1 : argv[++i];
                                continue;
                        }
                        if (strcmp(key, "r") == 0) {
                                g->readonly = true;
                                continue;
                        }
                        if (strcmp(key, "output") == 0)
                                snprintf(key, sizeof key, "o");
                        if (!allowed(cmd, key)) {
                                fprintf(stderr, "capbook: %s does not take %s\n", cmd->name,
                                        text_safe(s));
                                goto usage;
                        }
                        if (a.nopt == 24)
                                goto usage;
                        static char keys[24][32];
                        snprintf(keys[a.nopt], sizeof keys[a.nopt], "%s", key);
                        a.name[a.nopt] = keys[a.nopt];
                        if (eq) {
                                a.val[a.nopt++] = eq + 1;
                        } else {
                                if (i + 1 >= argc) {
                                        fprintf(stderr, "capbook: %s needs a value\n",
                                                text_safe(s));
                                        goto usage;
                                }
                                a.val[a.nopt++] = argv[++i];
                        }
                        continue;
                }
                if (a.npos == 8)
                        goto usage;
                a.pos[a.npos++] = s;
        }
        if (a.npos < cmd->min_pos || a.npos > cmd->max_pos) {
                fprintf(stderr, "capbook: usage: capbook %s\n", cmd->synopsis);
                return EXIT_USAGE;
        }
        for (const char *p = cmd->required; *p;) {
                size_t n = strcspn(p, " ");
                char want[32];
                snprintf(want, sizeof want, "%.*s", (int)n, p);
                const char *v = opt(&a, want);
                if (!v || !*v) {
                        fprintf(stderr, "capbook: %s needs --%s\ncapbook: usage: capbook %s\n",
                                cmd->name, want, cmd->synopsis);
                        return EXIT_USAGE;
                }
                p += n + (p[n] == ' ');
        }
        config_load(&a.cfg, g->config, known_ui_key, &a.d);
        /* problems in the files are reported; the exit status is the command's own
         * (an add that was saved succeeded, whatever else the sheet holds) */
        int rc = cmd->run ? cmd->run(&a) : run_edit(&a, cmd->edit);
        diag_print(&a.d, stderr);
        config_free(&a.cfg);
        diag_free(&a.d);
        return rc;
usage:
        fprintf(stderr, "capbook: usage: capbook %s\n", cmd->synopsis);
        return EXIT_USAGE;
}
