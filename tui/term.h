/* term.h — the terminal: curses started and stopped, UTF-8 or ASCII glyphs,
 * colour or monochrome, signals by flag, a key read with hang-up detection, and
 * suspend; then the drawing of text on it (draw.c). Only tui/ includes curses. */
#ifndef CAPBOOK_TERM_H
#define CAPBOOK_TERM_H

#include "core/config.h"
#include "core/coverage.h"

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#define MIN_COLS 40
#define MIN_ROWS 12
/* A typed character, apart from the KEY_* codes; and what term_read_key returns
 * when its wait ran out (TERM_IDLE) or a signal or hang-up ends the program. */
#define KEY_CHAR(c)    ((int)(c) | 0x100000)
#define KEY_IS_CHAR(k) (((k)&0x100000) != 0)
#define KEY_CHAR_OF(k) ((k)&0xFFFFF)
#define TERM_IDLE      (-2)
#define TERM_GONE      (-1)

enum color_role {
        CR_NONE,
        CR_TITLE,
        CR_ACTUAL,
        CR_MAPPED,
        CR_INDIRECT,
        CR_NA,
        CR_UPDATE,
        CR_PLANNED,
        CR_MISSING,
        CR_LINK,
        CR_ERROR,
        CR_COUNT
};

struct glyphs {
        const char *mark[7]; /* by enum cov_mark */
        const char *closed, *open, *sep, *link_direct, *link_indirect, *bar_full, *bar_part,
            *bar_empty, *ellipsis;
        const char *signed_ok, *signed_changed; /* an entry signed off; changed since */
};

struct tui_term {
        SCREEN *screen;
        int rows, cols;
        bool too_small; /* under MIN_COLS x MIN_ROWS */
        bool ascii, color;
        const struct glyphs *gl;
        attr_t role_attr[CR_COUNT];
        int cursor_y, cursor_x; /* where the real cursor goes once a paint is done */
};

/* The signal that ends the program (SIGHUP, SIGTERM; SIGINT asks first), or 0;
 * set by the handlers, read by the loop. A lost terminal counts as SIGHUP. */
extern volatile sig_atomic_t term_signal;

/* Starts curses on stdin and stdout: glyphs (ASCII when asked, on a non-UTF-8
 * locale or a VT100-type terminal; ASCII marks on the Linux console), colours
 * from cfg's [colors] unless no_color, NO_COLOR or [ui] color = never, the ESC
 * delay, the signal handlers. False, with why in err, when it cannot. */
bool term_start(struct tui_term *t, const struct config *cfg, bool ascii, bool no_color, char *err,
                size_t n);
void term_stop(struct tui_term *t);
/* The size now, and whether it is too small. */
void term_size(struct tui_term *t);
/* Waits at most wait_ms (-1: as long as it takes) for a key: KEY_* or
 * KEY_CHAR(c), word moves (Ctrl- or Alt-Left/Right) as KEY_SLEFT/KEY_SRIGHT;
 * TERM_IDLE when the wait ran out; TERM_GONE on a signal or a lost terminal. */
int term_read_key(struct tui_term *t, int wait_ms);
/* Ctrl-Z: the terminal back to the shell until fg. */
void term_suspend(struct tui_term *t);
/* Runs a program (argv, no shell) with the terminal handed to it, then takes the
 * screen back: its exit status, or -1 when it could not run or did not exit. */
int term_run(struct tui_term *t, char *const argv[]);
bool term_color_key(const char *key); /* a key of [colors] */

/* --- drawing (draw.c) --- */

/* Draws s (sanitised, ASCII-folded when needed) at y,x in at most width columns;
 * pads with spaces when pad. Returns the columns used. */
int ui_put(const struct tui_term *t, int y, int x, int width, const char *s, attr_t attr, bool pad);
void ui_fill(int y, int x, int width, attr_t attr);
/* Adds reverse video to n cells from y,x, keeping their text and colours: the
 * selection bar, over the start of a row up to the item's code. */
void ui_highlight(int y, int x, int n);
/* Wraps s into at most maxlines lines of width columns starting at y,x. */
int ui_wrap(const struct tui_term *t, int y, int x, int width, int maxlines, const char *s,
            attr_t attr);
/* How many lines ui_wrap would need for all of s. */
int ui_wrap_lines(const struct tui_term *t, int width, const char *s);
attr_t ui_mark_attr(const struct tui_term *t, enum cov_mark m);
/* One line of text folded to what the terminal can show: the caller frees. */
char *ui_display_text(const struct tui_term *t, const char *s);
/* A unit's title for width columns (the caller frees): whole when it fits; else,
 * when it starts as another unit's does (B2, B6 and B8 all begin "Lead and
 * manage provision of care services that promotes"), its first words, an
 * ellipsis and the words that tell it apart, so the rows do not all read alike. */
char *ui_unit_title(const struct tui_term *t, const struct framework *fw, int unit, int width);
/* s as exactly width columns for a column of a list (the caller frees): safe to
 * show, cut with an ellipsis when it is longer, padded with spaces. */
char *ui_fit(const struct tui_term *t, const char *s, int width);

#endif
