/* cmd_git.c — sharing a workbook through git: git-setup (and new --git) sets a
 * repository up for capbook; merge-driver is what git runs to merge a sheet.
 * capbook never commits, pulls or pushes: that stays the user's. */
#include "cli/cli.h"
#include "core/fileio.h"
#include "core/git.h"
#include "core/merge.h"
#include "core/site.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_merge_driver(struct args *a)
{
        int rc = merge_driver(a->pos[0], a->pos[1], a->pos[2], a->pos[3], &a->d);
        return rc == 0 ? 0 : rc == 1 ? EXIT_PROBLEMS : EXIT_USAGE;
}

/* The command git runs to merge a sheet: "capbook" when the capbook running is
 * the one PATH finds by that name (an installed one), else this capbook's own
 * absolute path (a build tree), quoted for the shell git runs it with. */
static void driver_command(struct buf *out)
{
        char *self = realpath("/proc/self/exe", NULL);
        bool on_path = false;
        for (const char *p = getenv("PATH"); self && p && *p;) {
                size_t n = strcspn(p, ":");
                /* the first capbook on PATH is the one git would run (a relative
                 * entry would depend on where git runs: not counted) */
                if (n && *p == '/') {
                        char *dir = xstrndup(p, n), *cand = path_join(dir, "capbook");
                        char *real = access(cand, X_OK) == 0 ? realpath(cand, NULL) : NULL;
                        on_path = real && strcmp(real, self) == 0;
                        bool found = real != NULL;
                        free(real), free(cand), free(dir);
                        if (found)
                                break;
                }
                p += n + (p[n] == ':');
        }
        if (on_path || !self) {
                buf_adds(out, "capbook");
        } else {
                buf_addc(out, '\'');
                for (const char *c = self; *c; c++)
                        if (*c == '\'')
                                buf_adds(out, "'\\''");
                        else
                                buf_addc(out, *c);
                buf_addc(out, '\'');
        }
        free(self);
}

/* Asks for a site tag on a terminal; -1 when there is none to ask, or no answer. */
static int ask_site(const char *suggested, const char *refused, char *out, size_t n)
{
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
                return -1;
        if (refused)
                printf("  %s\n", refused);
        printf("Site tag for this clone: ids made here end with it (E16%s). "
               "1 to %d letters [%s]: ",
               suggested, SITE_TAG_MAX, suggested);
        fflush(stdout);
        char line[64];
        if (!fgets(line, sizeof line, stdin))
                return -1;
        line[strcspn(line, "\r\n")] = '\0';
        snprintf(out, n, "%s", str_trim(line));
        return 0;
}

/* git-setup's work on path, said on stdout. 0 or an exit status. */
static int setup(struct args *a, const char *path, const char *site)
{
        struct buf drv = {0};
        driver_command(&drv);
        struct git_setup_opts o = {buf_str(&drv), site, ask_site};
        struct git_setup_done done;
        int rc = git_setup(path, &o, &done, &a->d) < 0 ? EXIT_PROBLEMS : 0;
        if (rc == 0) {
                printf("git repository: %s%s\n", text_safe(done.top),
                       done.created ? " (made now)" : "");
                printf("sheets merged by: %s merge-driver\n", text_safe(buf_str(&drv)));
                if (*done.site)
                        printf("site tag: %s%s: ids made on this clone end with it (E16%s, "
                               "S4%s)\n",
                               done.site, done.site_new ? "" : " (kept)", done.site, done.site);
                else
                        printf("site tag: none%s: ids made here are plain (E16, S4)\n",
                               done.site_new ? " (the first clone)" : " (kept)");
                if (done.attributes || done.ignores)
                        printf("commit what changed: git -C %s add .gitattributes .gitignore\n",
                               text_safe(done.top));
        }
        git_setup_done_free(&done);
        buf_free(&drv);
        return rc;
}

int cmd_git_setup(struct args *a)
{
        const char *path = a->pos[0];
        if (!workbook_is_caseload(path)) {
                struct workbook wb;
                struct wb_options o = cli_wb_options(a);
                struct diag quiet = {0}; /* the workbook's own problems are check's to say */
                int opened = workbook_open(&wb, path, &o, &quiet);
                diag_free(&quiet);
                if (opened < 0) {
                        diag_add(&a->d, DIAG_ERROR, path, 0,
                                 "not a workbook: git-setup takes a workbook folder or a "
                                 "caseload folder");
                        return EXIT_USAGE;
                }
                bool folder = !wb.single_sheet;
                workbook_free(&wb);
                if (!folder) {
                        diag_add(&a->d, DIAG_ERROR, path, 0,
                                 "git-setup takes a workbook folder or a caseload folder, not "
                                 "one sheet");
                        return EXIT_USAGE;
                }
        }
        return setup(a, path, arg_get(a, "site"));
}

int cmd_new_git(struct args *a)
{
        return setup(a, a->pos[0], NULL);
}
