/* command.c — a command's arguments (positional ones, its options, -c and -r)
 * parsed and checked against its table entry, then run; and the usage text,
 * whole (capbook --help) or of one command (capbook COMMAND --help). */
#include "cli/cli.h"

#include <string.h>

static const struct cli_option *option_find(const struct command *c, const char *name)
{
        for (const struct cli_option *o = c->options; o->name; o++)
                if (strcmp(o->name, name) == 0)
                        return o;
        return NULL;
}

/* The config's [keys] and [colors] belong to the full screen, which checks
 * them against its own tables; a command only needs to know they are fine. */
static bool known_ui_key(const char *section, const char *key)
{
        (void)key;
        return strcmp(section, "keys") == 0 || strcmp(section, "colors") == 0;
}

static int usage_error(const struct command *cmd)
{
        fprintf(stderr, "capbook: usage: capbook %s\n", cmd->synopsis);
        return EXIT_USAGE;
}

/* Takes the option in argv[*i] (a "-x" or "--name[=value]") into a, its value
 * from the next argument when not given after "=". 0, 1 when it asked for
 * help, or -1 after saying what is wrong. */
static int take_option(const struct command *cmd, struct args *a, int argc, char **argv, int *i)
{
        const char *s = argv[*i];
        const char *name = s + (s[1] == '-' ? 2 : 1);
        const char *eq = strchr(name, '=');
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(eq ? (size_t)(eq - name) : strlen(name)), name);
        if (strcmp(key, "h") == 0 || strcmp(key, "help") == 0)
                return 1;
        if (strcmp(key, "c") == 0 || strcmp(key, "config") == 0) {
                if (!eq && *i + 1 >= argc)
                        return -1;
                a->g->config = eq ? eq + 1 : argv[++*i];
                return 0;
        }
        if (strcmp(key, "r") == 0) {
                a->g->readonly = true;
                return 0;
        }
        if (strcmp(key, "output") == 0)
                snprintf(key, sizeof key, "o");
        const struct cli_option *o = option_find(cmd, key);
        if (!o) {
                fprintf(stderr, "capbook: %s does not take %s\n", cmd->name, text_safe(s));
                return -1;
        }
        if (a->nopt == MAX_OPTS)
                return -1;
        snprintf(a->name_buf[a->nopt], sizeof a->name_buf[a->nopt], "%s", key);
        a->name[a->nopt] = a->name_buf[a->nopt];
        if (!o->value) {
                if (eq) {
                        fprintf(stderr, "capbook: %s takes no value\n", text_safe(s));
                        return -1;
                }
                a->val[a->nopt++] = "";
        } else if (eq) {
                a->val[a->nopt++] = eq + 1;
        } else if (*i + 1 < argc) {
                a->val[a->nopt++] = argv[++*i];
        } else {
                fprintf(stderr, "capbook: %s needs a value\n", text_safe(s));
                return -1;
        }
        return 0;
}

int command_run(const struct command *cmd, int argc, char **argv, struct global_opts *g)
{
        struct args a;
        memset(&a, 0, sizeof a);
        a.g = g;
        bool opts_done = false;
        for (int i = 1; i < argc; i++) {
                const char *s = argv[i];
                if (!opts_done && strcmp(s, "--") == 0) {
                        opts_done = true;
                } else if (!opts_done && s[0] == '-' && s[1]) {
                        int r = take_option(cmd, &a, argc, argv, &i);
                        if (r == 1) {
                                command_usage(cmd, stdout);
                                return 0;
                        }
                        if (r < 0)
                                return usage_error(cmd);
                } else if (a.npos == MAX_POS) {
                        return usage_error(cmd);
                } else {
                        a.pos[a.npos++] = s;
                }
        }
        if (a.npos < cmd->min_pos || a.npos > cmd->max_pos)
                return usage_error(cmd);
        for (const char *p = cmd->required; *p;) {
                size_t n = strcspn(p, " ");
                char want[32];
                snprintf(want, sizeof want, "%.*s", (int)n, p);
                const char *v = arg_get(&a, want);
                if (!v || !*v) {
                        fprintf(stderr, "capbook: %s needs --%s\n", cmd->name, want);
                        return usage_error(cmd);
                }
                p += n + (p[n] == ' ');
        }
        /* check judges the screen's sections of the config too, by the screen's
         * own tables: it is where a user asks what is wrong */
        bool whole_config = cmd->run == cmd_check && g->ui_key_ok && g->ui_check;
        config_load(&a.cfg, g->config, whole_config ? g->ui_key_ok : known_ui_key, &a.d);
        int rc;
        if (a.cfg.missing) {
                rc = EXIT_USAGE; /* a config named by -c or $CAPBOOK_CONFIG is not there */
        } else {
                if (whole_config)
                        g->ui_check(&a.cfg, &a.d);
                /* problems in the files are reported; the exit status is the command's
                 * own (an add that was saved succeeded, whatever else the sheet holds;
                 * check's says whether the workbook is sound) */
                rc = cmd->run ? cmd->run(&a) : cli_edit(&a, cmd->edit);
        }
        diag_print(&a.d, stderr);
        config_free(&a.cfg);
        diag_free(&a.d);
        return rc;
}

/* A synopsis within WIDTH columns after prefix: broken only between words
 * outside [ ] and ( ), continuation lines indented to just after the command's name. */
static void usage_synopsis(FILE *f, const char *prefix, const char *synopsis)
{
        int indent = (int)strlen(prefix) + 1 + (int)strcspn(synopsis, " ") + 1;
        int col = fprintf(f, "%s", prefix);
        const char *p = synopsis;
        while (*p) {
                while (*p == ' ')
                        p++;
                size_t n = 0;
                for (int depth = 0; p[n] && (depth > 0 || p[n] != ' '); n++)
                        depth += p[n] == '[' || p[n] == '('   ? 1
                                 : p[n] == ']' || p[n] == ')' ? -1
                                                              : 0;
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
        for (size_t i = 0; i < ncommands; i++) {
                usage_synopsis(f, "  capbook", commands[i].synopsis);
                cli_wrap(f, commands[i].help, 6, 6, WIDTH);
        }
        fprintf(f, "  capbook --help | --version\n\n");
        cli_wrap(f, "capbook COMMAND --help describes one command and its options.", 0, 0, WIDTH);
        cli_wrap(f,
                 "Exit status: 0 success, 1 problems found or refused, 2 usage or unreadable "
                 "input.",
                 0, 0, WIDTH);
}

/* One option's line: "  --name VALUE" (or "  -o VALUE"), its help beside it
 * (or on the next line, when the name is long), wrapped under itself. */
static void option_usage(FILE *f, const char *name, const char *value, const char *help)
{
        enum { INDENT = 2, HELP_COL = 22 };
        struct buf l = {0};
        buf_printf(&l, "%s%s%s%s", name[1] ? "--" : "-", name, value ? " " : "",
                   value ? value : "");
        int pad = HELP_COL - INDENT - (int)l.len;
        if (pad < 2)
                buf_printf(&l, "\n%s", help);
        else
                buf_printf(&l, "%*s%s", pad, "", help);
        cli_wrap(f, l.s, HELP_COL, INDENT, WIDTH);
        buf_free(&l);
}

void command_usage(const struct command *cmd, FILE *f)
{
        usage_synopsis(f, "usage: capbook", cmd->synopsis);
        cli_wrap(f, cmd->help, 0, 0, WIDTH);
        fprintf(f, "\noptions:\n");
        for (const struct cli_option *o = cmd->options; o->name; o++)
                option_usage(f, o->name, o->value, o->help);
        option_usage(f, "c", "FILE", "read this config file (as capbook -c FILE)");
        if (cmd->edit)
                option_usage(f, "r", NULL, "read-only: check the change but save nothing (exit 1)");
        option_usage(f, "help", NULL, "this help (-h too)");
}
