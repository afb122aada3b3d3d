/* main.c — capbook's entry point: the options before a command, then one of
 * the program's listings (help, version, default config, man page keys), a
 * command run headless, or the full screen. */
#include "cli/cli.h"
#include "core/config.h"
#include "tui/tui.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static int show_help(void)
{
        cli_usage(stdout);
        return 0;
}

static int show_version(void)
{
        printf("capbook %s\n", CAPBOOK_VERSION);
        return 0;
}

/* conf/capbook.ini is this output (make check compares them). */
static int write_default_config(void)
{
        printf("; capbook.ini — capbook's configuration. Every key, with its default.\n"
               "; capbook reads the first of: -c FILE, $CAPBOOK_CONFIG,\n"
               "; $XDG_CONFIG_HOME/capbook/capbook.ini (~/.config/capbook/capbook.ini),\n"
               "; and this installed copy; a file named by -c or $CAPBOOK_CONFIG must\n"
               "; exist (else capbook stops, exit status 2). Unknown keys and bad values\n"
               "; are reported as FILE:LINE: message (capbook check lists them all; the\n"
               "; full screen shows them at start-up) and the default is used. A file that\n"
               "; others can write is refused. Values holding ; or # must be quoted.\n");
        config_write_defaults(stdout);
        tui_write_default_keys(stdout);
        return 0;
}

/* The KEYS list of man/capbook.1 is this output (make check compares them). */
static int write_man_keys(void)
{
        tui_write_man_keys(stdout);
        return 0;
}

/* The options that are the whole run: each prints something and exits. The
 * last two are for the build, not for people, so --help does not list them. */
static const struct listing {
        const char *short_name, *long_name;
        int (*run)(void);
} listings[] = {
    {"-h", "--help", show_help},
    {"-V", "--version", show_version},
    {NULL, "--default-config", write_default_config},
    {NULL, "--man-keys", write_man_keys},
};

static const struct listing *listing_find(const char *s)
{
        for (size_t i = 0; i < sizeof listings / sizeof *listings; i++)
                if ((listings[i].short_name && strcmp(s, listings[i].short_name) == 0) ||
                    strcmp(s, listings[i].long_name) == 0)
                        return &listings[i];
        return NULL;
}

/* What argv asks for, once the options before a command are read. */
struct start {
        enum { START_SCREEN, START_COMMAND, START_LISTING, START_USAGE_ERROR } what;
        const struct listing *listing;
        const struct command *cmd;
        int next; /* START_COMMAND: argv[next] is the command's name */
};

static struct start start_parse(int argc, char **argv, struct global_opts *g)
{
        struct start st = {START_SCREEN, NULL, NULL, 0};
        int i = 1;
        bool after_dashdash = false;
        for (; i < argc; i++) {
                const char *s = argv[i];
                if (strcmp(s, "--") == 0) {
                        after_dashdash = true;
                        i++;
                        break;
                }
                if (strcmp(s, "-c") == 0 || strcmp(s, "--config") == 0) {
                        if (i + 1 >= argc) {
                                fprintf(stderr, "capbook: %s needs a FILE\n", s);
                                st.what = START_USAGE_ERROR;
                                return st;
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
                } else if ((st.listing = listing_find(s))) {
                        st.what = START_LISTING;
                        return st;
                } else if (s[0] == '-' && s[1]) {
                        fprintf(stderr, "capbook: unknown option %s (capbook --help lists them)\n",
                                text_safe(s));
                        st.what = START_USAGE_ERROR;
                        return st;
                } else {
                        break;
                }
        }
        if (i < argc && !after_dashdash && (st.cmd = command_find(argv[i]))) {
                st.what = START_COMMAND;
                st.next = i;
                return st;
        }
        if (i < argc)
                g->path = argv[i++];
        if (i < argc) {
                fprintf(stderr, "capbook: one PATH only (got %s too)\n", text_safe(argv[i]));
                st.what = START_USAGE_ERROR;
        }
        return st;
}

int main(int argc, char **argv)
{
        setlocale(LC_ALL, "");
        struct global_opts g;
        memset(&g, 0, sizeof g);
        g.ui_key_ok = tui_config_key_ok;
        g.ui_check = tui_config_check;
        struct start st = start_parse(argc, argv, &g);
        switch (st.what) {
        case START_USAGE_ERROR: return EXIT_USAGE;
        case START_LISTING: return st.listing->run();
        case START_COMMAND: return command_run(st.cmd, argc - st.next, argv + st.next, &g);
        case START_SCREEN: break;
        }
        struct tui_opts o = {g.config, g.readonly, g.ascii, g.no_color, g.path, report_html};
        return tui_run(&o);
}
