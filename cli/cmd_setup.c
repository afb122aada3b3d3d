/* cmd_setup.c — making a workbook, checking one (or each of a caseload), and
 * listing the frameworks they are checked against: new, check, frameworks. */
#include "cli/cli.h"
#include "core/fileio.h"
#include "core/git.h"
#include "core/journal.h"
#include "core/lock.h"
#include "core/sheet.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

int cmd_new(struct args *a)
{
        const char *name = arg_get(a, "candidate");
        const char *stage = arg_or(a, "stage", "AC");
        const char *pathway = arg_or(a, "pathway", "manager");
        /* --group "" makes a private one whatever [workbook] group says */
        const char *group = arg_or(a, "group", a->cfg.str[OPT_GROUP]);
        struct wb_options o = cli_wb_options(a);
        if (workbook_create_shared(a->pos[0], name, pathway, stage, arg_get(a, "units"), &o, group,
                                   &a->d) < 0)
                return EXIT_PROBLEMS;
        printf("created %s for %s", text_safe(a->pos[0]), text_safe(name));
        if (*group)
                printf(", shared with group %s", text_safe(group));
        putchar('\n');
        return arg_get(a, "git") ? cmd_new_git(a) : 0;
}

/* Other members' unsaved edits in a shared workbook: who, since when (from the
 * journal file's owner and time, never its content), as notes. */
static void others_pending(struct args *a, const char *dir)
{
        struct journal_other *o;
        size_t n = journal_others_pending(dir, &o);
        for (size_t i = 0; i < n; i++) {
                char what[160];
                journal_other_describe(&o[i], what, sizeof what);
                diag_add(&a->d, DIAG_NOTE, dir, 0, "%s", what);
        }
        free(o);
}

/* access: what permissions let the user do to it (a caseload's candidate), why
 * what stops them; NULL for a workbook named on its own. */
static int check_one(struct args *a, const char *path, const struct caseload_entry *access)
{
        struct workbook wb;
        size_t before = diag_count(&a->d, DIAG_WARN);
        struct wb_options o = cli_wb_options(a);
        if (workbook_open(&wb, path, &o, &a->d) < 0)
                return EXIT_USAGE;
        workbook_check(&wb, &a->d);
        struct journal_pending jp;
        if (!wb.single_sheet && journal_pending_read(wb.dir, &jp, &a->d)) {
                char what[512];
                journal_pending_describe(&jp, what, sizeof what);
                char *jpath = path_join(wb.dir, journal_file());
                diag_add(&a->d, DIAG_WARN, jpath, 0,
                         "a recovery journal is pending: %s; open the workbook with capbook to "
                         "recover or discard it",
                         what);
                free(jpath);
                journal_pending_free(&jp);
        }
        if (!wb.single_sheet)
                others_pending(a, wb.dir);
        struct lock_info li;
        if (!wb.single_sheet && lock_read(wb.dir, &li)) {
                char who[512];
                lock_describe(&li, who, sizeof who);
                diag_add(&a->d, DIAG_NOTE, wb.dir, 0, "%s by %s",
                         li.stale ? "a stale lock left" : "open for writing", who);
        }
        size_t problems = diag_count(&a->d, DIAG_WARN) - before;
        printf("%s: %zu entries, %s", text_safe(path), wb.nentries,
               problems ? "problems found" : "ok");
        /* an assessor's caseload says which candidates are only to be read */
        if (access && access->access == WB_ACCESS_READ)
                printf(" (read-only for you: %s)", text_safe(access->why));
        putchar('\n');
        workbook_free(&wb);
        return problems ? EXIT_PROBLEMS : 0;
}

/* The words of s from column *col, a line broken before a word that would go
 * past the width, continuation lines indented by 4. */
static int width_n(const char *s, size_t n)
{
        char *t = xstrndup(s, n);
        int w = (int)text_width(t);
        free(t);
        return w;
}

static bool words_out(FILE *f, const char *s, int *col)
{
        bool broke = false;
        for (s += strspn(s, " "); *s; s += strspn(s, " ")) {
                int room = WIDTH - *col - (*col > 4); /* a space before the words */
                const char *next;
                size_t len = text_wrap_words(s, room, &next);
                if (*col > 4 && len && width_n(s, len) > room) {
                        fputs("\n    ", f); /* not even a word fits: a new line */
                        *col = 4;
                        broke = true;
                        continue;
                }
                while (len && s[len - 1] == ' ')
                        len--;
                if (*col > 4)
                        fputc(' ', f), (*col)++;
                fwrite(s, 1, len, f);
                *col += width_n(s, len);
                s = next;
                if (s[strspn(s, " ")]) { /* words left: the line broke */
                        fputs("\n    ", f);
                        *col = 4;
                        broke = true;
                }
        }
        return broke;
}

/* check's messages, each within 80 columns where its path allows: one line
 * when it fits. A longer one says what probably happened and how to avoid it:
 * its first line holds FILE:LINE: and what was found (the message up to its
 * first ": " or "; "), the rest goes on indented lines below. After a path too
 * long to leave room, what was found (or a short message whole) stays on the
 * path's line, unbroken. */
static void check_print(struct args *a)
{
        fflush(stdout); /* the workbook's line before its messages */
        for (size_t i = 0; i < a->d.n; i++) {
                const struct diag_item *it = &a->d.v[i];
                char *whole = diag_format(it);
                struct buf msg = {0};
                text_sanitize(&msg, it->msg, strlen(it->msg), false);
                const char *m = buf_str(&msg);
                size_t loc = strlen(whole) - msg.len; /* "FILE:LINE: warning: " */
                char *loc_part = xstrndup(whole, loc ? loc - 1 : 0);
                int col = 9 + (int)text_width(loc_part);
                bool long_path = col > WIDTH - 20;
                if ((int)text_width(whole) + 9 <= WIDTH ||
                    (long_path && (int)text_width(m) + 4 <= WIDTH)) {
                        fprintf(stderr, "capbook: %s\n", whole);
                } else {
                        const char *colon = strstr(m, ": "), *semi = strstr(m, "; ");
                        const char *cut = colon && (!semi || colon < semi) ? colon : semi;
                        size_t head = cut ? (size_t)(cut - m) + 1 : msg.len;
                        fprintf(stderr, "capbook: %s", loc_part);
                        char *h = xstrndup(m, head);
                        bool broke = false;
                        if (long_path) {
                                fprintf(stderr, " %s", h);
                        } else {
                                col = col > 4 ? col : 5;
                                broke = words_out(stderr, h, &col);
                        }
                        free(h);
                        if (m[head] && !broke) { /* what it found alone on the first line */
                                fputs("\n    ", stderr);
                                col = 4;
                        }
                        words_out(stderr, m + head, &col);
                        fputc('\n', stderr);
                }
                free(loc_part);
                buf_free(&msg);
                free(whole);
        }
        diag_clear(&a->d);
}

int cmd_check(struct args *a)
{
        const char *path = a->pos[0];
        /* the repository it is in, said once for a caseload */
        size_t before = diag_count(&a->d, DIAG_WARN);
        git_check(path, &a->d);
        int git_rc = diag_count(&a->d, DIAG_WARN) > before ? EXIT_PROBLEMS : 0;
        int rc = 0;
        if (!workbook_is_caseload(path)) {
                rc = check_one(a, path, NULL);
                check_print(a);
                return rc > git_rc ? rc : git_rc;
        }
        struct caseload_entry *v;
        size_t n = workbook_caseload(path, &v);
        for (size_t i = 0; i < n; i++) {
                int r = check_one(a, v[i].dir, &v[i]);
                check_print(a); /* each workbook's messages with its line */
                if (r > rc)
                        rc = r;
        }
        workbook_caseload_free(v, n);
        return rc > git_rc ? rc : git_rc;
}

/* --- frameworks ----------------------------------------------------------- */

static int strcmp_ptr(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One framework's line in the list: id, kind, where; its counts below. */
static void framework_line(const char *id, const char *kind, const char *dir, const char *counts)
{
        printf("%-14s %-14s %s\n", text_safe(id), kind, text_safe(dir));
        cli_wrap(stdout, counts, 30, 30, WIDTH);
}

/* Every framework found along the search path (from wbdir, which may be NULL),
 * the first of each id. */
static int frameworks_list(struct args *a, const char *wbdir)
{
        char *dirs[16];
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
                                framework_line(names.v[k], kind, p, counts);
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
                cli_fail(a, "no frameworks found%s", NULL);
        strlist_free(&seen);
        return rc;
}

static void code_line(const char *code)
{
        printf("%s\n", text_safe(code));
}

/* A capabilities framework: capabilities, their themes, and (codes) the
 * indicators of each theme, one for each stage. */
static void list_capabilities(const struct framework *fw, bool codes)
{
        if (!codes) {
                struct buf l = {0};
                buf_adds(&l, "Stages:");
                for (size_t s = 0; s < fw->nstages; s++)
                        buf_printf(&l, "%s %s %s", s ? "," : "", fw->stages[s].code,
                                   fw->stages[s].name);
                buf_adds(&l, ". Pathways:");
                for (size_t p = 0; p < fw->npathways; p++)
                        buf_printf(&l, "%s %s (%s%s)", p ? "," : "", fw->pathways[p].id,
                                   fw->pathways[p].name,
                                   fw->pathways[p].shipped ? "" : ", indicators not shipped");
                buf_adds(&l, ".");
                cli_wrap(stdout, l.s, 2, 0, WIDTH);
                buf_free(&l);
        }
        for (size_t c = 0; c < fw->ncaps; c++) {
                const struct fw_capability *cap = &fw->caps[c];
                if (codes) {
                        code_line(cap->code);
                } else {
                        putchar('\n');
                        code_title(stdout, 0, 6, cap->code, cap->name, "");
                }
                for (size_t k = 0; k < cap->nthemes; k++) {
                        const struct fw_theme *t = &fw->themes[cap->themes[k]];
                        if (!codes) {
                                code_title(stdout, 2, 6, t->code, t->name, "");
                                continue;
                        }
                        code_line(t->code);
                        for (size_t s = 0; s < fw->nstages; s++)
                                printf("%s.%s\n", text_safe(t->code),
                                       text_safe(fw->stages[s].code));
                }
        }
}

/* A standards framework: units, mandatory ones said so, and their elements. */
static void list_standards(const struct framework *fw, bool codes)
{
        for (size_t u = 0; u < fw->nunits; u++) {
                const struct fw_unit *unit = &fw->units[u];
                if (codes)
                        code_line(unit->code);
                else
                        code_title(stdout, 0, 6, unit->code, unit->title,
                                   unit->mandatory ? " (mandatory)" : "");
                for (size_t k = 0; k < unit->nelements; k++) {
                        const struct fw_element *e = &fw->elements[unit->elements[k]];
                        if (codes)
                                code_line(e->code);
                        else
                                code_title(stdout, 2, 6, e->code, e->title, "");
                }
        }
}

/* The 2004 standards map: functional areas and the generic standards in each.
 * Its sheets are read as they are; nothing else in capbook uses them. */
static int list_standards_map(struct args *a, const char *dir, bool codes)
{
        struct sheet areas, stds;
        char *ap = path_join(dir, "areas.csv"), *sp = path_join(dir, "standards.csv");
        bool bad = sheet_load(&areas, ap, &a->d) < 0; /* either way, a sheet to free */
        bad |= sheet_load(&stds, sp, &a->d) < 0;
        free(ap), free(sp);
        if (bad) {
                sheet_free(&areas), sheet_free(&stds);
                return EXIT_USAGE;
        }
        int acode = sheet_col(&areas, "code"), atitle = sheet_col(&areas, "title");
        int sarea = sheet_col(&stds, "area"), scode = sheet_col(&stds, "code"),
            stitle = sheet_col(&stds, "title");
        for (size_t i = 0; i < areas.nrows; i++) {
                const char *area = sheet_get(&areas, i, acode);
                if (codes)
                        code_line(area);
                else
                        code_title(stdout, 0, 6, area, sheet_get(&areas, i, atitle), "");
                for (size_t k = 0; k < stds.nrows; k++) {
                        if (strcmp(sheet_get(&stds, k, sarea), area) != 0)
                                continue;
                        if (codes)
                                code_line(sheet_get(&stds, k, scode));
                        else
                                code_title(stdout, 2, 6, sheet_get(&stds, k, scode),
                                           sheet_get(&stds, k, stitle), "");
                }
        }
        sheet_free(&areas), sheet_free(&stds);
        return 0;
}

/* A mapping: its links, loaded against the default capabilities and standards. */
static int list_mapping(struct args *a, const char *wbdir, const char *id)
{
        struct framework fw;
        int rc = framework_load(&fw, wbdir, NULL, NULL, id, NULL, &a->d) < 0 ? EXIT_USAGE : 0;
        for (size_t i = 0; rc == 0 && i < fw.nlinks; i++) {
                const struct fw_link *l = &fw.links[i];
                struct buf t = {0};
                buf_printf(&t, "%-6s %-6s %-8s %s",
                           l->element >= 0 ? fw.elements[l->element].code : fw.units[l->unit].code,
                           l->theme >= 0 ? fw.themes[l->theme].code : fw.caps[l->cap].code,
                           link_kind_word(l->direct), l->source);
                cli_wrap(stdout, t.s, 23, 0, WIDTH);
                buf_free(&t);
        }
        framework_free(&fw);
        return rc;
}

/* One framework: its line as in the list, then what it holds with full titles;
 * or (codes) its codes alone, one a line, for scripts. */
static int frameworks_one(struct args *a, const char *wbdir, const char *id, bool codes)
{
        char *dir = framework_find(wbdir, id);
        char counts[256];
        const char *kind = dir ? framework_describe(dir, counts, sizeof counts) : NULL;
        int rc = 0;
        if (!kind) {
                cli_fail(a, "framework \"%s\" not found (capbook frameworks lists those found)",
                         id);
                rc = EXIT_USAGE;
        } else if (strcmp(kind, "mapping") == 0 && codes) {
                cli_fail(a,
                         "%s is a mapping: it links the codes of other frameworks and has none of "
                         "its own",
                         id);
                rc = EXIT_PROBLEMS;
        } else {
                if (!codes) {
                        framework_line(id, kind, dir, counts);
                        putchar('\n');
                }
                if (strcmp(kind, "mapping") == 0) {
                        rc = list_mapping(a, wbdir, id);
                } else if (strcmp(kind, "standards map") == 0) {
                        rc = list_standards_map(a, dir, codes);
                } else {
                        struct framework fw;
                        rc = framework_load_one(&fw, wbdir, id, &a->d) < 0 ? EXIT_USAGE : 0;
                        if (rc == 0 && fw.cap_dir)
                                list_capabilities(&fw, codes);
                        else if (rc == 0)
                                list_standards(&fw, codes);
                        framework_free(&fw);
                }
        }
        free(dir);
        return rc;
}

/* frameworks [PATH] [ID]: one argument is an id unless it names a path (a
 * workbook, a caseload or an evidence file) rather than a framework folder. */
int cmd_frameworks(struct args *a)
{
        const char *wbdir = a->npos ? a->pos[0] : NULL, *id = a->npos == 2 ? a->pos[1] : NULL;
        char counts[256];
        if (a->npos == 1 && !strchr(wbdir, '/') &&
            (!path_exists(wbdir) ||
             (path_is_dir(wbdir) && framework_describe(wbdir, counts, sizeof counts)))) {
                id = wbdir;
                wbdir = NULL;
        }
        bool codes = arg_get(a, "codes") != NULL;
        if (id)
                return frameworks_one(a, wbdir, id, codes);
        if (codes) {
                cli_fail(a, "--codes lists one framework's codes: capbook frameworks ID --codes%s",
                         NULL);
                return EXIT_USAGE;
        }
        return frameworks_list(a, wbdir);
}
