/* keys.c — the key map: defaults from the action table, overridden by [keys] in
 * capbook.ini ("add = a A"), and the default [keys] section written back out. */
#include "core/text.h"
#include "tui/tui.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>

const struct action_info action_info[ACT_COUNT] = {[ACT_NONE] = {"", "", "", ""},
#define X(id, name, keys, where, help) [id] = {name, keys, where, help},
                                                   ACTIONS(X)
#undef X
};

static const struct {
        const char *name;
        int key;
} named[] = {
    {"Down", KEY_DOWN},
    {"Up", KEY_UP},
    {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT},
    {"PageDown", KEY_NPAGE},
    {"PageUp", KEY_PPAGE},
    {"Home", KEY_HOME},
    {"End", KEY_END},
    {"BackTab", KEY_BTAB},
    {"Tab", KEY_CHAR('\t')},
    {"Enter", KEY_CHAR('\n')},
    {"Esc", KEY_CHAR(27)},
    {"Space", KEY_CHAR(' ')},
    {"Delete", KEY_DC},
    {"Backspace", KEY_BACKSPACE},
    {"F1", KEY_F(1)},
    {"F2", KEY_F(2)},
    {"F3", KEY_F(3)},
    {"F4", KEY_F(4)},
    {"F5", KEY_F(5)},
    {"F10", KEY_F(10)},
};

/* "j", "^R", "Down" → key code; -1 if not a key name. */
static int key_parse(const char *s)
{
        for (size_t i = 0; i < sizeof named / sizeof *named; i++)
                if (str_ieq(s, named[i].name))
                        return named[i].key;
        if (s[0] == '^' && s[1] && !s[2]) {
                char c = s[1];
                if (c >= 'a' && c <= 'z')
                        c = (char)(c - 'a' + 'A');
                if (c >= '@' && c <= '_')
                        return KEY_CHAR(c - '@');
                return -1;
        }
        unsigned cp;
        size_t n = utf8_seq((const unsigned char *)s, strlen(s), &cp);
        if (n && !s[n] && cp > ' ')
                return KEY_CHAR(cp);
        return -1;
}

static void bind(struct app *app, int key, enum action act)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].key == key) {
                        app->keys[i].act = act;
                        return;
                }
        app->keys = xrealloc(app->keys, (app->nkeys + 1) * sizeof *app->keys);
        app->keys[app->nkeys].key = key;
        app->keys[app->nkeys++].act = act;
}

static void bind_list(struct app *app, enum action act, const char *list, const char *path,
                      unsigned line)
{
        char *copy = xstrdup(list);
        for (char *t = strtok(copy, " "); t; t = strtok(NULL, " ")) {
                int k = key_parse(t);
                if (k < 0) {
                        diag_add(&app->diag, DIAG_WARN, path, line,
                                 "bad value for %s: unknown key \"%s\"", action_info[act].name,
                                 text_safe(t));
                        continue;
                }
                bind(app, k, act);
                if (k == KEY_CHAR('\n')) {
                        /* Enter arrives as ^M (nonl) or the keypad's Enter: all three */
                        bind(app, KEY_CHAR('\r'), act);
                        bind(app, KEY_ENTER, act);
                }
        }
        free(copy);
}

bool keys_known_name(const char *name)
{
        for (int a = 1; a < ACT_COUNT; a++)
                if (strcmp(action_info[a].name, name) == 0)
                        return true;
        return false;
}

void keys_init(struct app *app)
{
        for (int a = 1; a < ACT_COUNT; a++)
                bind_list(app, (enum action)a, action_info[a].keys, NULL, 0);
        for (int a = 1; a < ACT_COUNT; a++) {
                char key[64];
                snprintf(key, sizeof key, "keys:%s", action_info[a].name);
                const char *v = config_raw(&app->cfg, key);
                if (!v)
                        continue;
                /* the user's keys replace the defaults for this action */
                for (size_t i = 0; i < app->nkeys; i++)
                        if (app->keys[i].act == (enum action)a)
                                app->keys[i].act = ACT_NONE;
                bind_list(app, (enum action)a, v, app->cfg.path, config_line(&app->cfg, key));
        }
}

enum action keys_action(const struct app *app, int key)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].key == key)
                        return app->keys[i].act;
        return ACT_NONE;
}

static void key_label(int key, char *buf, size_t n)
{
        for (size_t i = 0; i < sizeof named / sizeof *named; i++)
                if (named[i].key == key) {
                        snprintf(buf, n, "%s", named[i].name);
                        return;
                }
        if (key == KEY_ENTER || key == KEY_CHAR('\r')) { /* keypad Enter, Enter under nonl() */
                snprintf(buf, n, "Enter");
                return;
        }
        if (key & 0x100000) {
                int c = key & 0xFFFFF;
                if (c < 32)
                        snprintf(buf, n, "^%c", c + '@');
                else {
                        wchar_t w[2] = {(wchar_t)c, 0};
                        snprintf(buf, n, "%ls", w);
                }
                return;
        }
        snprintf(buf, n, "key %d", key);
}

const char *keys_first(const struct app *app, enum action act, char *buf, size_t n)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].act == act) {
                        key_label(app->keys[i].key, buf, n);
                        return buf;
                }
        snprintf(buf, n, "(unbound)");
        return buf;
}

void tui_write_default_keys(FILE *f)
{
        fprintf(
            f, "\n[keys]\n; Keys of the full-screen workbook: action = keys, separated by spaces.\n"
               "; Names: a letter or symbol, ^X for Ctrl-X, Up Down Left Right PageUp PageDown\n"
               "; Home End Tab BackTab Enter Esc Space Delete Backspace F1-F5 F10.\n"
               "; Keys given here replace that action's defaults.\n");
        for (int a = 1; a < ACT_COUNT; a++)
                fprintf(f, "; %s\n%s = \"%s\"\n", action_info[a].help, action_info[a].name,
                        action_info[a].keys);
        fprintf(
            f,
            "\n[colors]\n; Colours by role: a colour, or \"colour on colour\". Colours: default "
            "black\n"
            "; red green yellow blue magenta cyan white. Marks and states are also shown by\n"
            "; letters or symbols and attributes, so colour is only an extra.\n"
            "actual = green\nmapped = cyan\nindirect = blue\nplanned = yellow\nupdate = magenta\n"
            "none = red\nlink = cyan\nerror = red\n");
}

void tui_write_man_keys(FILE *f)
{
        for (int a = 1; a < ACT_COUNT; a++)
                fprintf(f, ".TP\n.B %s\n%s (%s)\n", action_info[a].keys, action_info[a].help,
                        action_info[a].name);
}

void keys_name_of(int key, char *buf, size_t n)
{
        key_label(key, buf, n);
}
