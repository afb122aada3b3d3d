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
        struct wb_options o = cli_wb_options(a);
        if (workbook_create(a->pos[0], name, pathway, stage, arg_get(a, "units"), &o, &a->d) < 0)
                return EXIT_PROBLEMS;
        printf("created %s for %s\n", text_safe(a->pos[0]), text_safe(name));
        return arg_get(a, "git") ? cmd_new_git(a) : 0;
}

static int check_one(struct args *a, const char *path, bool quiet_ok)
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

int cmd_check(struct args *a)
{
        const char *path = a->pos[0];
        /* the repository it is in, said once for a caseload */
        size_t before = diag_count(&a->d, DIAG_WARN);
        git_check(path, &a->d);
        int git_rc = diag_count(&a->d, DIAG_WARN) > before ? EXIT_PROBLEMS : 0;
        if (!workbook_is_caseload(path)) {
                int rc = check_one(a, path, false);
                return rc > git_rc ? rc : git_rc;
        }
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
