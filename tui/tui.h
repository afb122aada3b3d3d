/* tui.h — the full-screen workbook: the only part of capbook that draws. */
#ifndef CAPBOOK_TUI_H
#define CAPBOOK_TUI_H

#include "core/cli.h"

#include <stdio.h>

/* Runs the full-screen program on g->path (or the configured default / demo). */
int tui_run(const struct global_opts *g);
/* Writes the [keys] part of the default configuration (from the action table). */
void tui_write_default_keys(FILE *f);
/* The key list for the man page, as troff. */
void tui_write_man_keys(FILE *f);

#endif
