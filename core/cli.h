/* cli.h — the headless door: `capbook check|add|gaps|…` run without a terminal
 * screen, on the same core the full-screen workbook uses. */
#ifndef CAPBOOK_CLI_H
#define CAPBOOK_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Global options, shared with the full-screen program. */
struct global_opts {
        const char *config; /* -c FILE */
        bool readonly;      /* -r */
        bool ascii;         /* --ascii */
        bool no_color;      /* --no-color */
        const char *path;   /* PATH for the full-screen program */
};

/* Runs a command if argv names one; *handled says whether it did. Otherwise
 * fills g for the full-screen program. Returns the exit status. */
int cli_main(int argc, char **argv, struct global_opts *g, bool *handled);
/* Is name one of the commands? */
bool cli_is_command(const char *name);
void cli_usage(FILE *f);
/* Text wrapped to width columns, each line indented; sanitised. */
void cli_wrap(FILE *f, const char *text, int indent, int first_indent, int width);

#endif
