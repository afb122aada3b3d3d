/* keys.c — the keymaps: defaults from the action table, overridden by [keys] in
 * capbook.ini ("add = a A", or for one keymap "sessions.toggle = x"); a key
 * looked up in a view's own keymaps, then the generic one; and the default
 * [keys] section and the man page's key list written back out. */
#include "core/text.h"
#include "tui/tui.h"
#include "tui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

const struct action_info action_info[ACT_COUNT] = {[ACT_NONE] = {"", 0, "", 0, "", ""},
#define X(id, name, keymaps, keys, flags, group, help)                                             \
        [id] = {name, keymaps, keys, flags, group, help},
                                                   ACTIONS(X)
#undef X
};

const char *const keymap_name[KM_COUNT] = KEYMAP_NAMES;

static const struct {
        const char *name;
        int key;
} named[] = {
    {"Down", KEY_DOWN},         {"Up", KEY_UP},
    {"Left", KEY_LEFT},         {"Right", KEY_RIGHT},
    {"Ctrl-Left", KEY_SLEFT}, /* term_read_key gives word moves these codes */
    {"Ctrl-Right", KEY_SRIGHT}, {"PageDown", KEY_NPAGE},
    {"PageUp", KEY_PPAGE},      {"Home", KEY_HOME},
    {"End", KEY_END},           {"BackTab", KEY_BTAB},
    {"Tab", KEY_CHAR('\t')},    {"Enter", KEY_CHAR('\n')},
    {"Esc", KEY_CHAR(27)},      {"Space", KEY_CHAR(' ')},
    {"Delete", KEY_DC},         {"Backspace", KEY_BACKSPACE},
    {"F1", KEY_F(1)},           {"F2", KEY_F(2)},
    {"F3", KEY_F(3)},           {"F4", KEY_F(4)},
    {"F5", KEY_F(5)},           {"F10", KEY_F(10)},
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

/* The key table being made: the app's, or a scratch one (tui_config_check). */
struct keytab {
        struct keybind *v;
        size_t n;
        struct diag *d; /* problems with [keys] */
};

static void bind(struct keytab *kt, enum keymap km, int key, enum action act)
{
        for (size_t i = 0; i < kt->n; i++)
                if (kt->v[i].km == km && kt->v[i].key == key) {
                        kt->v[i].act = act;
                        return;
                }
        kt->v = xrealloc(kt->v, (kt->n + 1) * sizeof *kt->v);
        kt->v[kt->n++] = (struct keybind){km, key, act};
}

/* Binds the keys in list to act in keymap km, in place of the ones it had there;
 * a bad key name is reported when path is not NULL. */
static void bind_list(struct keytab *kt, enum keymap km, enum action act, const char *list,
                      const char *path, unsigned line)
{
        for (size_t i = 0; i < kt->n; i++)
                if (kt->v[i].km == km && kt->v[i].act == act)
                        kt->v[i].act = ACT_NONE;
        char *copy = xstrdup(list);
        for (char *t = strtok(copy, " "); t; t = strtok(NULL, " ")) {
                int k = key_parse(t);
                if (k < 0) {
                        if (path)
                                diag_add(kt->d, DIAG_WARN, path, line,
                                         "bad value for %s: unknown key \"%s\"",
                                         action_info[act].name, text_safe(t));
                        continue;
                }
                bind(kt, km, k, act);
                /* Enter arrives as ^M (nonl) or the keypad's Enter; Backspace as
                 * the terminal's key, ^? or ^H: all of them */
                if (k == KEY_CHAR('\n')) {
                        bind(kt, km, KEY_CHAR('\r'), act);
                        bind(kt, km, KEY_ENTER, act);
                } else if (k == KEY_BACKSPACE) {
                        bind(kt, km, KEY_CHAR(127), act);
                        bind(kt, km, KEY_CHAR(8), act);
                }
        }
        free(copy);
}

static enum action action_named(const char *name)
{
        for (int a = 1; a < ACT_COUNT; a++)
                if (strcmp(action_info[a].name, name) == 0)
                        return (enum action)a;
        return ACT_NONE;
}

/* "sessions.toggle": the keymap and the action (of any keymap) it names. */
static bool keymap_action(const char *name, enum keymap *km, enum action *act)
{
        const char *dot = strchr(name, '.');
        for (int k = 0; dot && k < KM_COUNT; k++)
                if (strlen(keymap_name[k]) == (size_t)(dot - name) &&
                    strncmp(keymap_name[k], name, (size_t)(dot - name)) == 0) {
                        *km = (enum keymap)k;
                        *act = action_named(dot + 1);
                        return *act != ACT_NONE;
                }
        return false;
}

bool keys_known_name(const char *name)
{
        enum keymap km;
        enum action act;
        return action_named(name) != ACT_NONE || keymap_action(name, &km, &act);
}

/* The [keys] value that binds action a in keymap km only ("keys:sessions.toggle"),
 * or NULL; key holds its config key. An action whose own name has a dot
 * (form.save), or a name that is itself an action's, is no keymap binding. */
static const char *keymap_value(const struct config *cfg, enum keymap km, int a, char *key,
                                size_t n)
{
        snprintf(key, n, "keys:%s.%s", keymap_name[km], action_info[a].name);
        bool own = strchr(action_info[a].name, '.') || action_named(key + 5);
        return own ? NULL : config_raw(cfg, key);
}

/* Every keymap's keys, as the screen binds them: the defaults, then [keys] (an
 * action's keys in all its keymaps, or keymap.action in that one). */
static void keys_load(struct keytab *kt, const struct config *cfg)
{
        for (int a = 1; a < ACT_COUNT; a++)
                for (int k = 0; k < KM_COUNT; k++)
                        if (action_info[a].keymaps & (1u << k))
                                bind_list(kt, (enum keymap)k, (enum action)a, action_info[a].keys,
                                          NULL, 0);
        for (int a = 1; a < ACT_COUNT; a++) {
                char key[96];
                snprintf(key, sizeof key, "keys:%s", action_info[a].name);
                const char *v = config_raw(cfg, key);
                bool first = true;
                for (int k = 0; v && k < KM_COUNT; k++)
                        if (action_info[a].keymaps & (1u << k)) {
                                bind_list(kt, (enum keymap)k, (enum action)a, v,
                                          first ? cfg->path : NULL, config_line(cfg, key));
                                first = false;
                        }
        }
        for (int k = 0; k < KM_COUNT; k++)
                for (int a = 1; a < ACT_COUNT; a++) {
                        char key[128];
                        const char *v = keymap_value(cfg, (enum keymap)k, a, key, sizeof key);
                        if (v)
                                bind_list(kt, (enum keymap)k, (enum action)a, v, cfg->path,
                                          config_line(cfg, key));
                }
}

/* A key given to two actions in one keymap goes to the one bound last, and the
 * other loses it without a word (save = q takes q from quit): each such key is
 * reported at the line that gave it. Keymaps apart are no clash: a view's own
 * keymap is looked up before the generic one by design. */
static void keys_check_twice(const struct config *cfg, struct diag *d)
{
        struct config_binding *b = xcalloc(ACT_COUNT, sizeof *b);
        char(*names)[128] = xcalloc(ACT_COUNT, sizeof *names);
        for (int k = 0; k < KM_COUNT; k++) {
                size_t n = 0;
                for (int a = 1; a < ACT_COUNT; a++) {
                        char key[128];
                        const char *v = keymap_value(cfg, (enum keymap)k, a, key, sizeof key);
                        if (v) {
                                snprintf(names[n], sizeof names[n], "%s", key + 5);
                        } else if (action_info[a].keymaps & (1u << k)) {
                                snprintf(key, sizeof key, "keys:%s", action_info[a].name);
                                v = config_raw(cfg, key);
                                snprintf(names[n], sizeof names[n], "%s", action_info[a].name);
                        } else {
                                continue;
                        }
                        b[n].action = names[n];
                        b[n].keys = v ? v : action_info[a].keys;
                        b[n].line = v ? config_line(cfg, key) : 0;
                        n++;
                }
                config_check_bindings(cfg, b, n, key_parse, d);
        }
        free(names);
        free(b);
}

void keys_init(struct app *app)
{
        struct keytab kt = {NULL, 0, &app->diag};
        keys_load(&kt, &app->ses.cfg);
        keys_check_twice(&app->ses.cfg, &app->diag);
        app->keys = kt.v;
        app->nkeys = kt.n;
}

void tui_config_check(const struct config *c, struct diag *d)
{
        struct keytab kt = {NULL, 0, d};
        keys_load(&kt, c);
        keys_check_twice(c, d);
        free(kt.v);
}

static const struct keybind *binding(const struct app *app, enum keymap km, int key)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].km == km && app->keys[i].key == key)
                        return &app->keys[i];
        return NULL;
}

enum action keys_action(const struct app *app, const struct view_ops *ops, int key)
{
        for (int i = 0; i < 2; i++) {
                enum keymap km = ops->keymap[i];
                const struct keybind *b = km != KM_GENERIC && (i == 0 || km != ops->keymap[0])
                                              ? binding(app, km, key)
                                              : NULL;
                if (b)
                        return b->act;
        }
        /* where text is typed, a character is text unless the view's keys take it */
        int c = KEY_CHAR_OF(key);
        if ((ops->flags & VIEW_TEXT) && KEY_IS_CHAR(key) && c >= ' ' && c != 0x7F)
                return ACT_NONE;
        const struct keybind *b = binding(app, KM_GENERIC, key);
        return b ? b->act : ACT_NONE;
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
        if (key == KEY_CHAR(127) || key == KEY_CHAR(8)) {
                snprintf(buf, n, "Backspace");
                return;
        }
        if (KEY_IS_CHAR(key)) {
                int c = KEY_CHAR_OF(key);
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

static bool bound_home(const struct keybind *b)
{
        return b->act != ACT_NONE && (action_info[b->act].keymaps & (1u << b->km));
}

const char *keys_first(const struct app *app, enum action act, char *buf, size_t n)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].act == act && bound_home(&app->keys[i])) {
                        key_label(app->keys[i].key, buf, n);
                        return buf;
                }
        snprintf(buf, n, "(unbound)");
        return buf;
}

const char *keys_first_in(const struct app *app, enum keymap km, enum action act, char *buf,
                          size_t n)
{
        for (size_t i = 0; i < app->nkeys; i++)
                if (app->keys[i].act == act && app->keys[i].km == km) {
                        key_label(app->keys[i].key, buf, n);
                        return buf;
                }
        return keys_first(app, act, buf, n);
}

void keys_of(const struct app *app, enum action act, char *buf, size_t n)
{
        size_t len = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < app->nkeys; i++) {
                const struct keybind *b = &app->keys[i];
                if (b->act != act || !bound_home(b))
                        continue;
                char k[32];
                key_label(b->key, k, sizeof k);
                /* one name per key: Enter is bound as ^J, ^M and the keypad's */
                bool seen = false;
                for (size_t j = 0; j < i && !seen; j++) {
                        char o[32];
                        key_label(app->keys[j].key, o, sizeof o);
                        seen = app->keys[j].act == act && bound_home(&app->keys[j]) &&
                               strcmp(o, k) == 0;
                }
                if (!seen)
                        len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
                                                len ? " " : "", k);
        }
}

static bool text_keymaps(int a)
{
        return action_info[a].keymaps &
               ((1u << KM_FORM) | (1u << KM_EDITOR) | (1u << KM_PICKER) | (1u << KM_PROMPT));
}

/* Every action through one(f, a), the heading before the first of the text
 * keymaps' (the form's, the editor's, the pickers', the prompts'). */
static void actions_write(FILE *f, const char *heading, void (*one)(FILE *f, int a))
{
        for (int a = 1; a < ACT_COUNT; a++) {
                if (text_keymaps(a) && !text_keymaps(a - 1))
                        fputs(heading, f);
                one(f, a);
        }
}

static void config_line_of(FILE *f, int a)
{
        /* the help as comment lines within 80 columns */
        for (const char *p = action_info[a].help, *next; *p; p = next) {
                size_t len = text_wrap_line(p, 78, &next);
                while (len && p[len - 1] == ' ')
                        len--;
                fprintf(f, "; %.*s\n", (int)len, p);
                if (next == p)
                        break;
        }
        fprintf(f, "%s = \"%s\"\n", action_info[a].name, action_info[a].keys);
}

static void man_line_of(FILE *f, int a)
{
        fprintf(f, ".TP\n.B %s\n%s (%s)\n", action_info[a].keys, action_info[a].help,
                action_info[a].name);
}

void tui_write_default_keys(FILE *f)
{
        fprintf(
            f, "\n[keys]\n; Keys of the full-screen workbook: action = keys, separated by spaces.\n"
               "; Names: a letter or symbol, ^X for Ctrl-X, Up Down Left Right Ctrl-Left\n"
               "; Ctrl-Right PageUp PageDown Home End Tab BackTab Enter Esc Space Delete\n"
               "; Backspace F1-F5 F10. Keys given here replace that action's defaults.\n"
               "; keymap.action = keys binds an action in one keymap only (generic, main,\n"
               "; sessions, planner, caseload, conflicts, spec, pdp, cpd, form, editor, picker,\n"
               "; prompt): sessions.toggle = x. A key a view's own keymaps do not bind\n"
               "; means what the generic one says. A key given to two actions in one\n"
               "; keymap is reported (FILE:LINE, on screen and by capbook check): only\n"
               "; one has it.\n");
        actions_write(f,
                      "\n; The entry form (form.), any text being typed (editor.), the pickers "
                      "of\n; references (picker.) and questions on the status line (prompt.).\n",
                      config_line_of);
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
        actions_write(f,
                      ".PP\nIn the entry form, in any text being typed, in the pickers of "
                      "references and at a question on the status line:\n",
                      man_line_of);
}
