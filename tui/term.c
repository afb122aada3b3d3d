/* term.c — the terminal layer: starting and stopping curses, the glyphs and
 * colours this terminal can show, signals by flag, reading a key (and noticing a
 * terminal that has gone away), and suspending to the shell. */
#include "core/text.h"
#include "tui/term.h"

#include <errno.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

volatile sig_atomic_t term_signal;

static const struct glyphs glyphs_utf8 = {{"\xC2\xB7", "\xE2\x97\x8B", "!", "\xE2\x88\x85",
                                           "\xE2\x97\x94", "\xE2\x97\x90", "\xE2\x97\x8F"},
                                          "\xE2\x96\xB8",
                                          "\xE2\x96\xBE",
                                          "\xE2\x94\x82",
                                          "\xE2\x97\x86",
                                          "\xE2\x97\x87",
                                          "\xE2\x96\x88",
                                          "\xE2\x96\x92",
                                          "\xC2\xB7",
                                          "\xE2\x80\xA6",
                                          "\xE2\x9C\x93",
                                          "\xE2\x9C\x97"};
static const struct glyphs glyphs_ascii = {
    {"-", "p", "u", "n", "i", "m", "A"}, "+", "-", "|", "D", "i", "#", "+", ".", "~", "s", "!"};

static const struct {
        const char *name;
        short color;
} named_colors[] = {{"default", -1},
                    {"black", COLOR_BLACK},
                    {"red", COLOR_RED},
                    {"green", COLOR_GREEN},
                    {"yellow", COLOR_YELLOW},
                    {"blue", COLOR_BLUE},
                    {"magenta", COLOR_MAGENTA},
                    {"cyan", COLOR_CYAN},
                    {"white", COLOR_WHITE}};

static const struct {
        const char *key;
        short fg;
        attr_t mono; /* what shows the role without colour */
} roles[CR_COUNT] = {
    [CR_NONE] = {"text", -1, A_NORMAL},
    [CR_TITLE] = {"title", -1, A_REVERSE},
    [CR_ACTUAL] = {"actual", COLOR_GREEN, A_BOLD},
    [CR_MAPPED] = {"mapped", COLOR_CYAN, A_NORMAL},
    [CR_INDIRECT] = {"indirect", COLOR_BLUE, A_NORMAL},
    [CR_NA] = {"na", -1, A_DIM},
    [CR_UPDATE] = {"update", COLOR_MAGENTA, A_UNDERLINE},
    [CR_PLANNED] = {"planned", COLOR_YELLOW, A_NORMAL},
    [CR_MISSING] = {"none", COLOR_RED, A_NORMAL},
    [CR_LINK] = {"link", COLOR_CYAN, A_BOLD},
    [CR_ERROR] = {"error", COLOR_RED, A_BOLD},
};

/* The codes ncurses gave Ctrl- and Alt-Left/Right on this terminal (assigned at
 * run time from its description): looked up once, never assumed. */
static int word_codes[2][4];

static void on_signal(int sig)
{
        term_signal = sig;
}

bool term_color_key(const char *key)
{
        for (int i = 0; i < CR_COUNT; i++)
                if (strcmp(roles[i].key, key) == 0)
                        return true;
        return false;
}

static short parse_color(const char *s, short def)
{
        for (size_t i = 0; i < sizeof named_colors / sizeof *named_colors; i++)
                if (str_ieq(s, named_colors[i].name))
                        return named_colors[i].color;
        return def;
}

static void colors_init(struct tui_term *t, const struct config *cfg)
{
        for (int i = 0; i < CR_COUNT; i++)
                t->role_attr[i] = roles[i].mono;
        if (!t->color)
                return;
        start_color();
        use_default_colors();
        for (int i = 1; i < CR_COUNT && i < COLOR_PAIRS; i++) {
                char key[64];
                snprintf(key, sizeof key, "colors:%s", roles[i].key);
                const char *v = config_raw(cfg, key);
                short fg = roles[i].fg, bg = -1;
                if (v) {
                        char buf[64];
                        snprintf(buf, sizeof buf, "%s", v);
                        char *on = strstr(buf, " on ");
                        if (on) {
                                *on = '\0';
                                bg = parse_color(str_trim(on + 4), -1);
                        }
                        fg = parse_color(str_trim(buf), fg);
                }
                if (i == CR_TITLE && !v)
                        continue; /* the title bar stays reverse video: no colour forced */
                if (fg >= COLORS)
                        fg = -1;
                init_pair((short)i, fg, bg);
                t->role_attr[i] =
                    COLOR_PAIR(i) | (roles[i].mono & (A_BOLD | A_UNDERLINE | A_REVERSE | A_DIM));
        }
}

static void word_keys_init(void)
{
        static const char *const names[2][4] = {{"kLFT5", "kLFT3", "kLFT6", "kLFT7"},
                                                {"kRIT5", "kRIT3", "kRIT6", "kRIT7"}};
        for (int r = 0; r < 2; r++)
                for (int i = 0; i < 4; i++) {
                        char *seq = tigetstr(names[r][i]);
                        int k = seq && seq != (char *)-1 ? key_defined(seq) : 0;
                        word_codes[r][i] = k > 0 ? k : -1;
                }
}

bool term_start(struct tui_term *t, const struct config *cfg, bool ascii, bool no_color, char *err,
                size_t n)
{
        memset(t, 0, sizeof *t);
        const char *cs = nl_langinfo(CODESET);
        bool utf8 = cs && (str_ieq(cs, "UTF-8") || str_ieq(cs, "utf8"));
        /* a VT100-type terminal shows no UTF-8; the Linux console's font lacks most
         * of the geometric shapes the marks use, though it shows accented letters */
        const char *term = getenv("TERM") ? getenv("TERM") : "";
        bool vt = term[0] == 'v' && term[1] == 't', console = strncmp(term, "linux", 5) == 0;
        t->ascii = ascii || cfg->num[OPT_ASCII] || !utf8 || vt;
        t->gl = t->ascii || console ? &glyphs_ascii : &glyphs_utf8;
        t->screen = newterm(NULL, stdout, stdin);
        if (!t->screen) {
                snprintf(err, n, "cannot use this terminal (TERM=%s)", text_safe(term));
                return false;
        }
        if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
                term_stop(t);
                snprintf(err, n,
                         "this terminal (TERM=%s) cannot move the cursor; the commands "
                         "(capbook --help) work without a screen",
                         text_safe(term));
                return false;
        }
        const char *nc = getenv("NO_COLOR");
        t->color = has_colors() && !(nc && *nc) && !no_color && cfg->num[OPT_COLOR] != 2;
        if (!getenv("ESCDELAY"))
                set_escdelay((int)cfg->num[OPT_ESCDELAY]);
        raw();
        noecho();
        nonl();
        keypad(stdscr, TRUE);
        curs_set(1);
        colors_init(t, cfg);
        word_keys_init();
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGHUP, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        term_size(t);
        return true;
}

void term_stop(struct tui_term *t)
{
        if (!t->screen)
                return;
        endwin();
        delscreen(t->screen);
        t->screen = NULL;
}

void term_size(struct tui_term *t)
{
        getmaxyx(stdscr, t->rows, t->cols);
        t->too_small = t->cols < MIN_COLS || t->rows < MIN_ROWS;
}

static long elapsed_ms(const struct timespec *t0)
{
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        return (t1.tv_sec - t0->tv_sec) * 1000L + (t1.tv_nsec - t0->tv_nsec) / 1000000L;
}

int term_read_key(struct tui_term *t, int wait_ms)
{
        int fast_errors = 0;
        struct timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
                if (term_signal)
                        return TERM_GONE;
                /* wakes at least every 250 ms to see a signal's flag; nothing is
                 * redrawn then */
                long left = wait_ms < 0 ? 250 : wait_ms - elapsed_ms(&start);
                if (left <= 0)
                        return TERM_IDLE;
                timeout(left < 250 ? (int)left : 250);
                wint_t w;
                struct timespec t0;
                clock_gettime(CLOCK_MONOTONIC, &t0);
                int r = get_wch(&w);
                long waited = elapsed_ms(&t0);
                if (r == ERR && waited >= (left < 250 ? left : 250) / 2) {
                        fast_errors = 0; /* the timeout: an idle user, not a lost terminal */
                        continue;
                }
                if (r == ERR) {
                        /* an ERR that comes at once, again and again, means the
                         * terminal is gone: treat it as a hang-up */
                        if (!isatty(STDIN_FILENO) || (errno == EIO && ++fast_errors > 3) ||
                            ++fast_errors > 200) {
                                term_signal = SIGHUP;
                                return TERM_GONE;
                        }
                        continue;
                }
                fast_errors = 0;
                if (r != KEY_CODE_YES)
                        return KEY_CHAR(w);
                if (w == KEY_RESIZE)
                        term_size(t);
                for (int i = 0; i < 4; i++) {
                        if (word_codes[0][i] == (int)w)
                                return KEY_SLEFT;
                        if (word_codes[1][i] == (int)w)
                                return KEY_SRIGHT;
                }
                return (int)w;
        }
}

void term_suspend(struct tui_term *t)
{
        endwin();
        kill(getpid(), SIGTSTP);
        refresh();
        term_size(t);
}

int term_run(struct tui_term *t, char *const argv[])
{
        def_prog_mode();
        endwin();
        /* ^C in the program is the program's: capbook neither quits nor dies */
        struct sigaction ign, old_int, old_quit;
        memset(&ign, 0, sizeof ign);
        ign.sa_handler = SIG_IGN;
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGQUIT, &ign, &old_quit);
        pid_t pid = fork();
        int status = -1;
        if (pid == 0) {
                signal(SIGINT, SIG_DFL);
                signal(SIGQUIT, SIG_DFL);
                execvp(argv[0], argv);
                _exit(127);
        }
        if (pid > 0)
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                        ;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        reset_prog_mode();
        clearok(curscr, TRUE);
        refresh();
        term_size(t);
        return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
