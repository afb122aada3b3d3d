/* tui.h — the full-screen workbook: the only part of capbook that draws. The
 * command line (cli/) fills tui_opts from argv and hands over. */
#ifndef CAPBOOK_TUI_H
#define CAPBOOK_TUI_H

#include "core/config.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stdio.h>

struct workbook;

/* What the command line says about the full screen. */
struct tui_opts {
        const char *config; /* -c FILE, or NULL */
        bool readonly;      /* -r */
        bool ascii;         /* --ascii */
        bool no_color;      /* --no-color */
        const char *path;   /* PATH, or NULL: the configured default, else the demo */
        /* The command line's HTML report of wb at its target stage (unit >= 0:
         * that unit's log sheet and grid alone) written to f; 0, or -1. Handed
         * over so that the screen's report is the same pack as capbook report's. */
        int (*report_html)(struct workbook *wb, int unit, FILE *f);
};

/* Runs the full-screen program; returns the exit status. */
int tui_run(const struct tui_opts *o);
/* The config's [keys] and [colors], which only the full screen uses: a key of
 * theirs it knows (config_load's check), and every problem of their values —
 * an unknown key name, a key given to two actions — as FILE:LINE into d. */
bool tui_config_key_ok(const char *section, const char *key);
void tui_config_check(const struct config *c, struct diag *d);
/* Writes the [keys] part of the default configuration (from the action table). */
void tui_write_default_keys(FILE *f);
/* The key list for the man page, as troff. */
void tui_write_man_keys(FILE *f);

#endif
