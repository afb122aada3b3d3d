/* run.c — the full-screen program from start to end: the config, what to open
 * (the named workbook or caseload, the configured default, else the demo), the
 * terminal, the first views, the loop, and everything put away after it. */
#include "core/fileio.h"
#include "core/text.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool tui_config_key_ok(const char *section, const char *key)
{
        if (strcmp(section, "keys") == 0)
                return keys_known_name(key);
        if (strcmp(section, "colors") == 0)
                return term_color_key(key);
        return false;
}

static void app_free(struct app *app)
{
        loop_close_all(app);
        session_close(app);
        free(app->keys);
        free(app->search);
        free(app->ses.caseload_dir);
        config_free(&app->ses.cfg);
        diag_free(&app->diag);
}

int tui_run(const struct tui_opts *g)
{
        struct app app;
        memset(&app, 0, sizeof app);
        app.ses.opts = g;
        config_load(&app.ses.cfg, g->config, tui_config_key_ok, &app.diag);
        if (app.ses.cfg.missing) { /* -c FILE or $CAPBOOK_CONFIG names nothing */
                diag_print(&app.diag, stderr);
                config_free(&app.ses.cfg);
                diag_free(&app.diag);
                return 2;
        }
        keys_init(&app);
        const char *path = g->path;
        char *demo = NULL;
        if (!path && *app.ses.cfg.str[OPT_WORKBOOK])
                path = app.ses.cfg.str[OPT_WORKBOOK];
        if (!path)
                path = demo = framework_find(NULL, "examples/freda");
        int rc = 2;
        if (!path) {
                fprintf(stderr, "capbook: no workbook named and the demo workbook was not found\n");
        } else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
                fprintf(stderr, "capbook: the full-screen workbook needs a terminal; the commands "
                                "(capbook --help) work without one\n");
        } else if (!(app.ses.caseload = workbook_is_caseload(path)) && !path_exists(path)) {
                diag_print(&app.diag, stderr);
                fprintf(stderr, "capbook: %s: no such workbook\n", text_safe(path));
        } else {
                rc = 0;
        }
        char err[300];
        if (rc == 0 &&
            !term_start(&app.term, &app.ses.cfg, g->ascii, g->no_color, err, sizeof err)) {
                diag_print(&app.diag, stderr);
                fprintf(stderr, "capbook: %s\n", err);
                rc = 2;
        }
        if (rc != 0) {
                free(app.keys);
                config_free(&app.ses.cfg);
                diag_free(&app.diag);
                free(demo);
                return rc;
        }
        panes_push(&app);
        /* the config's problems on screen, read and dismissed before anything else
         * asks a question (stderr is not seen while the screen is up) */
        if (app.diag.n)
                notice_run(&app, "problems in the config", &app.diag);
        if (app.ses.caseload) {
                app.ses.caseload_dir = xstrdup(path);
                caseload_push(&app);
        } else if (!session_open(&app, path)) {
                term_stop(&app.term);
                fprintf(stderr, "capbook: %s\n", app.msg);
                app_free(&app);
                free(demo);
                return 2;
        }
        loop_run(&app, 0);
        term_stop(&app.term);
        if (term_signal == SIGHUP || term_signal == SIGTERM)
                rc = 128 + term_signal;
        app_free(&app);
        free(demo);
        return rc;
}
