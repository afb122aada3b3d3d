/* main.c — entry point: a command runs headless; otherwise the full screen. */
#include "core/cli.h"
#include "core/config.h"
#include "tui/tui.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
        setlocale(LC_ALL, "");
        struct global_opts g;
        memset(&g, 0, sizeof g);
        bool handled;
        int rc = cli_main(argc, argv, &g, &handled);
        if (handled) {
                if (rc == -1) {
                        printf(
                            "; capbook.ini — capbook's configuration. Every key, with its "
                            "default.\n"
                            "; capbook reads the first of: -c FILE, $CAPBOOK_CONFIG,\n"
                            "; $XDG_CONFIG_HOME/capbook/capbook.ini "
                            "(~/.config/capbook/capbook.ini),\n"
                            "; and this installed copy. Unknown keys and bad values are reported "
                            "as\n"
                            "; FILE:LINE: message and the default is used. A file that others can\n"
                            "; write is refused. Values holding ; or # must be quoted.\n");
                        config_write_defaults(stdout);
                        tui_write_default_keys(stdout);
                        return 0;
                }
                if (rc == -2) {
                        tui_write_man_keys(stdout);
                        return 0;
                }
                return rc;
        }
        struct tui_opts o = {g.config, g.readonly, g.ascii, g.no_color, g.path};
        return tui_run(&o);
}
