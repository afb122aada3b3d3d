/* common.c — what every command uses: its options (--stage, --format, --date),
 * opening and saving a workbook (lock, journal check), and text and CSV output. */
#include "cli/cli.h"
#include "core/fileio.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/sheet.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *arg_get(const struct args *a, const char *name)
{
        for (int i = a->nopt - 1; i >= 0; i--)
                if (strcmp(a->name[i], name) == 0)
                        return a->val[i];
        return NULL;
}

const char *arg_or(const struct args *a, const char *name, const char *def)
{
        const char *v = arg_get(a, name);
        return v ? v : def;
}

void cli_fail(struct args *a, const char *fmt, const char *arg)
{
        diag_add(&a->d, DIAG_ERROR, NULL, 0, fmt, arg ? text_safe(arg) : "");
}

struct wb_options cli_wb_options(const struct args *a)
{
        struct wb_options o = {(unsigned)a->cfg.num[OPT_FILE_MODE], a->cfg.num[OPT_NEW_FILES] == 1};
        return o;
}

int cli_open(struct args *a, struct workbook *wb, const char *path)
{
        if (workbook_is_caseload(path)) {
                diag_add(&a->d, DIAG_ERROR, path, 0,
                         "is a caseload folder; name one workbook in it");
                return EXIT_USAGE;
        }
        struct wb_options o = cli_wb_options(a);
        return workbook_open(wb, path, &o, &a->d) < 0 ? EXIT_USAGE : 0;
}

int cli_save(struct args *a, struct workbook *wb)
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
        /* a folder the user may not write: said as permissions say it, not as the
         * lock file that could not be made */
        char why[512];
        if (faccessat(AT_FDCWD, wb->dir, W_OK | X_OK, AT_EACCESS) < 0 &&
            workbook_readonly_reason(wb, why, sizeof why)) {
                diag_add(&a->d, DIAG_ERROR, wb->dir, 0, "permission denied (%s); nothing saved",
                         why);
                return EXIT_PROBLEMS;
        }
        struct lock lk;
        struct lock_info li;
        char err[256], who[512];
        enum lock_result lr = lock_take(&lk, wb->dir, wb->file_mode, false, &li, err, sizeof err);
        if (lr == LOCK_STALE) {
                if (li.broken)
                        diag_add(&a->d, DIAG_NOTE, wb->dir, 0,
                                 "taking over the lock: its file is empty or cannot be read, and "
                                 "was last changed more than %d s ago (%s), so no capbook is "
                                 "still writing it",
                                 LOCK_BROKEN_STALE_SECONDS,
                                 *li.since ? li.since : "at an unknown time");
                else {
                        lock_describe(&li, who, sizeof who);
                        diag_add(&a->d, DIAG_NOTE, wb->dir, 0,
                                 "taking over the lock left by %s (that process is gone)", who);
                }
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

int cli_edit(struct args *a, int (*edit)(struct args *, struct workbook *, struct buf *))
{
        struct workbook wb;
        int rc = cli_open(a, &wb, a->pos[0]);
        if (rc)
                return rc;
        struct buf out = {0};
        if ((rc = edit(a, &wb, &out)) == 0 && (rc = cli_save(a, &wb)) == 0) {
                if (a->made.id)
                        printf("%s\n", text_safe(wb_renumbered_id(&wb, a->made.sheet, a->made.id)));
                fputs(buf_str(&out), stdout);
        }
        free(a->made.id);
        a->made.id = NULL;
        buf_free(&out);
        workbook_free(&wb);
        return rc;
}

int arg_stage(struct args *a, const struct workbook *wb)
{
        const char *s = arg_get(a, "stage");
        if (wb->fw.nstages == 0) {
                diag_add(&a->d, DIAG_ERROR, wb->ini_path ? wb->ini_path : wb->dir, 0,
                         "no stages: the capability framework could not be loaded");
                return -1;
        }
        if (!s)
                return wb->stage_index;
        int st = fw_stage_index(&wb->fw, s);
        if (st < 0)
                cli_fail(a, "unknown stage \"%s\" (EM, ES or AC)", s);
        return st;
}

enum cli_format arg_format(struct args *a, bool html_ok)
{
        const char *f = arg_get(a, "format");
        if (!f || strcmp(f, "text") == 0)
                return FMT_TEXT;
        if (strcmp(f, "csv") == 0)
                return FMT_CSV;
        if (html_ok && strcmp(f, "html") == 0)
                return FMT_HTML;
        cli_fail(a,
                 html_ok ? "--format is text, csv or html, not \"%s\""
                         : "--format is text or csv, not \"%s\"",
                 f);
        return FMT_BAD;
}

const char *arg_date(struct args *a, char today[11])
{
        date_today(today);
        const char *date = arg_or(a, "date", today);
        if (date_valid(date))
                return date;
        cli_fail(a, "date \"%s\" is not YYYY-MM-DD", date);
        return NULL;
}

void cli_wrap(FILE *f, const char *text, int indent, int first_indent, int width)
{
        struct buf b = {0};
        text_sanitize(&b, text, strlen(text), true);
        const char *p = buf_str(&b);
        int room = width - first_indent;
        fprintf(f, "%*s", first_indent, "");
        for (;;) {
                p += strspn(p, " "); /* no line starts with the spaces it broke at */
                const char *next;
                size_t len = text_wrap_words(p, room, &next);
                bool newline = p[len] == '\n';
                while (len && p[len - 1] == ' ')
                        len--;
                fwrite(p, 1, len, f);
                p = next;
                if (!newline && !p[strspn(p, " ")])
                        break;
                fprintf(f, "\n%*s", indent, "");
                room = width - indent;
        }
        fputc('\n', f);
        buf_free(&b);
}

void csv_row(FILE *f, const char *const *v)
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

const char *stage_label(const struct workbook *wb, int st, char *buf, size_t n)
{
        if (st < 0 || (size_t)st >= wb->fw.nstages)
                return "?";
        snprintf(buf, n, "%s (%s)", wb->fw.stages[st].name, wb->fw.stages[st].code);
        return buf;
}

const char *pathway_name(const struct workbook *wb)
{
        return wb->pathway_index >= 0 ? wb->fw.pathways[wb->pathway_index].name : wb->pathway;
}

const char *title_or_unknown(const char *title)
{
        return *title ? title : "(title not in the sources)";
}

void code_title(FILE *f, int indent, int width, const char *code, const char *title,
                const char *after)
{
        struct buf l = {0};
        buf_printf(&l, "%-*s %s%s", width, code, title_or_unknown(title), after);
        cli_wrap(f, l.s, indent + width + 1, indent, WIDTH);
        buf_free(&l);
}

void hints_text(const struct workbook *wb, const struct unit_hint *h, size_t n, struct buf *out)
{
        for (size_t i = 0; i < n; i++) {
                if (i)
                        buf_adds(out, ", ");
                enum unit_status us = wb_unit_status(wb, h[i].unit);
                buf_printf(out, "%s (%s%s)", wb->fw.units[h[i].unit].code,
                           link_kind_word(h[i].direct),
                           us == US_ACHIEVED || us == US_CREDIT ? ", held" : "");
        }
}
