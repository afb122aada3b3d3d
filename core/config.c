/* config.c — finding, trusting and reading capbook.ini against the option table. */
#include "core/config.h"
#include "core/fileio.h"
#include "core/text.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const struct config_option config_options[OPT_COUNT] = {
#define X(id, sec, key, type, def, choices, doc) {sec, key, type, def, choices, doc},
    CONFIG_OPTIONS(X)
#undef X
};

static char *installed_config(void)
{
        char *p = path_join(CAPBOOK_SYSCONFDIR, "capbook/capbook.ini");
        if (path_exists(p))
                return p;
        free(p);
        char *dir = exe_dir();
        if (!dir)
                return NULL;
        const char *rel[] = {"../etc/capbook/capbook.ini", "conf/capbook.ini",
                             "../conf/capbook.ini", "../../conf/capbook.ini"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                p = path_join_up(dir, rel[i]);
                if (path_exists(p)) {
                        free(dir);
                        return p;
                }
                free(p);
        }
        free(dir);
        return NULL;
}

/* A config can choose the editor command and file modes: refuse one that others
 * could have written (as ssh does with StrictModes). */
static bool trusted(const char *path, struct diag *d)
{
        struct stat sb;
        if (stat(path, &sb) < 0)
                return true; /* reported when read */
        if (!S_ISREG(sb.st_mode))
                return true; /* refused when read, as "not a regular file" */
        if (sb.st_uid != getuid() && sb.st_uid != 0) {
                diag_add(d, DIAG_ERROR, path, 0,
                         "not used: owned by another user (uid %u); defaults apply",
                         (unsigned)sb.st_uid);
                return false;
        }
        if (sb.st_mode & 022) {
                diag_add(d, DIAG_ERROR, path, 0,
                         "not used: others can write it (mode %04o); run chmod go-w on it",
                         (unsigned)(sb.st_mode & 07777));
                return false;
        }
        return true;
}

bool config_parse_size(const char *s, unsigned long long *bytes)
{
        while (*s == ' ' || *s == '\t')
                s++;
        if (*s < '0' || *s > '9')
                return false;
        char *end;
        errno = 0;
        unsigned long long n = strtoull(s, &end, 10);
        if (errno)
                return false;
        while (*end == ' ')
                end++;
        static const char units[] = "KMGT";
        const char *u = *end ? strchr(units, *end >= 'a' ? *end - 'a' + 'A' : *end) : NULL;
        int shift = 0;
        if (u && *u) {
                shift = 10 * (int)(u - units + 1);
                end++;
                if (*end == 'i' || *end == 'I')
                        end++;
                if (*end == 'b' || *end == 'B')
                        end++;
        } else if (*end == 'b' || *end == 'B') {
                end++;
        }
        while (*end == ' ' || *end == '\t')
                end++;
        if (*end || n == 0 || (shift && n > (~0ULL >> shift)))
                return false;
        *bytes = n << shift;
        return true;
}

const char *const config_color_names[] = {"default", "black",   "red",  "green", "yellow",
                                          "blue",    "magenta", "cyan", "white", NULL};

static bool color_name(const char *s, size_t n)
{
        for (int i = 0; config_color_names[i]; i++)
                if (strlen(config_color_names[i]) == n &&
                    strncasecmp(config_color_names[i], s, n) == 0)
                        return true;
        return false;
}

bool config_color_valid(const char *value)
{
        const char *p = value;
        for (int part = 0; part < 2; part++) {
                while (*p == ' ' || *p == '\t')
                        p++;
                const char *w = p;
                while (*p && *p != ' ' && *p != '\t')
                        p++;
                if (!color_name(w, (size_t)(p - w)))
                        return false;
                while (*p == ' ' || *p == '\t')
                        p++;
                if (!*p)
                        return true;
                if (part == 1 || strncasecmp(p, "on", 2) != 0 || (p[2] != ' ' && p[2] != '\t'))
                        return false;
                p += 2;
        }
        return false;
}

static void parse_values(struct config *c, struct diag *d)
{
        for (int i = 0; i < OPT_COUNT; i++) {
                const struct config_option *o = &config_options[i];
                char key[128];
                snprintf(key, sizeof key, "%s:%s", o->section, o->key);
                const char *v = c->have_ini ? ini_get(&c->ini, key) : NULL;
                free(c->str[i]);
                c->str[i] = xstrdup(v ? v : o->def);
                const struct ini *ip = c->have_ini ? &c->ini : NULL;
                switch (o->type) {
                case OPT_STR: break;
                case OPT_BOOL:
                        c->num[i] = ini_get_bool(ip, key, strcmp(o->def, "true") == 0, d);
                        break;
                case OPT_INT: c->num[i] = ini_get_long(ip, key, atol(o->def), 0, 10000, d); break;
                case OPT_MODE: {
                        long m = ini_get_long(ip, key, 0600, 0, 0777, d);
                        if (m & 07) {
                                diag_add(d, DIAG_WARN, c->path, ini_line(ip, key),
                                         "bad value for %s: %04lo gives others access; 0600 used",
                                         o->key, m);
                                m = 0600;
                        }
                        if (m & 0111) {
                                diag_add(d, DIAG_WARN, c->path, ini_line(ip, key),
                                         "bad value for %s: %04lo is executable; 0600 used", o->key,
                                         m);
                                m = 0600;
                        }
                        c->num[i] = m;
                        break;
                }
                case OPT_SIZE: {
                        unsigned long long n = 0;
                        config_parse_size(o->def, &n);
                        if (v && *v && !config_parse_size(v, &n)) {
                                diag_add(d, DIAG_WARN, c->path, ini_line(ip, key),
                                         "bad value for %s: \"%s\" (a size: bytes, or with K, M, "
                                         "G or T, as 512M or 4G); %s used",
                                         o->key, text_safe(v), o->def);
                                config_parse_size(o->def, &n);
                        }
                        c->num[i] = (long)(n > LONG_MAX ? LONG_MAX : n);
                        break;
                }
                case OPT_CHOICE: {
                        char buf[128];
                        const char *choices[8];
                        int n = 0, def = 0;
                        snprintf(buf, sizeof buf, "%s", o->choices);
                        for (char *t = strtok(buf, " "); t && n < 7; t = strtok(NULL, " ")) {
                                if (strcmp(t, o->def) == 0)
                                        def = n;
                                choices[n++] = t;
                        }
                        choices[n] = NULL;
                        c->num[i] = ini_get_choice(ip, key, choices, def, d);
                        break;
                }
                }
        }
}

/* A [colors] value the screen could not use: said here, where the line is known
 * (the screen then keeps that role's default colour). */
static void check_color(const struct config *c, const char *key, struct diag *d)
{
        const char *v = ini_get(&c->ini, key);
        if (!v || config_color_valid(v))
                return;
        struct buf names = {0};
        for (int i = 0; config_color_names[i]; i++)
                buf_printf(&names, "%s%s", i ? " " : "", config_color_names[i]);
        diag_add(d, DIAG_WARN, c->path, ini_line(&c->ini, key),
                 "bad value for %s: \"%s\" (a colour, or \"colour on colour\"; colours: %s); "
                 "default used",
                 key + 7, text_safe(v), buf_str(&names));
        buf_free(&names);
}

size_t config_check_bindings(const struct config *c, const struct config_binding *b, size_t n,
                             int (*key_code)(const char *word), struct diag *d)
{
        struct taken {
                int code;
                size_t binding;
                char *word;
        } *seen = NULL;
        size_t nseen = 0, twice = 0;
        for (size_t i = 0; i < n; i++) {
                char *copy = xstrdup(b[i].keys ? b[i].keys : "");
                for (char *w = strtok(copy, " \t"); w; w = strtok(NULL, " \t")) {
                        int code = key_code(w);
                        if (code < 0)
                                continue;
                        size_t k = 0;
                        while (k < nseen && seen[k].code != code)
                                k++;
                        if (k == nseen) {
                                seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
                                seen[nseen++] = (struct taken){code, i, xstrdup(w)};
                                continue;
                        }
                        const struct config_binding *first = &b[seen[k].binding];
                        if (first == &b[i])
                                continue; /* "a a": the same action twice is harmless */
                        /* said where the user wrote it: the later line, or the one written */
                        const struct config_binding *at = b[i].line >= first->line ? &b[i] : first;
                        twice++;
                        diag_add(d, DIAG_WARN, at->line ? c->path : NULL, at->line,
                                 "key %s is given to both %s%s and %s%s; only one can have it",
                                 text_safe(seen[k].word), first->action,
                                 first->line ? "" : " (its default)", b[i].action,
                                 b[i].line ? "" : " (its default)");
                }
                free(copy);
        }
        for (size_t k = 0; k < nseen; k++)
                free(seen[k].word);
        free(seen);
        return twice;
}

int config_load(struct config *c, const char *explicit_path, config_key_check check, struct diag *d)
{
        memset(c, 0, sizeof *c);
        char *path = NULL;
        bool must_exist = false;
        if (explicit_path) {
                path = xstrdup(explicit_path);
                must_exist = true;
        } else if (getenv("CAPBOOK_CONFIG") && *getenv("CAPBOOK_CONFIG")) {
                path = xstrdup(getenv("CAPBOOK_CONFIG"));
                must_exist = true;
        } else {
                const char *xdg = getenv("XDG_CONFIG_HOME");
                const char *home = getenv("HOME");
                if (xdg && *xdg == '/')
                        path = path_join(xdg, "capbook/capbook.ini");
                else if (home && *home)
                        path = path_join(home, ".config/capbook/capbook.ini");
                if (path && !path_exists(path)) {
                        free(path);
                        path = NULL;
                }
                if (!path)
                        path = installed_config();
        }
        int rc = 0;
        if (path) {
                c->path = path;
                if (!path_exists(path)) {
                        if (must_exist) {
                                diag_add(d, DIAG_ERROR, path, 0, "no such file");
                                c->missing = true;
                                rc = -1;
                        }
                } else if (trusted(path, d)) {
                        c->have_ini = ini_load(&c->ini, path, 0, d) == 0;
                        if (!c->have_ini)
                                rc = -1;
                } else {
                        rc = -1;
                }
        }
        if (c->have_ini) {
                for (size_t i = 0; i < c->ini.nkeys; i++) {
                        const char *name = c->ini.keys[i].name;
                        const char *colon = strchr(name, ':');
                        bool known = false;
                        for (int k = 0; k < OPT_COUNT && !known; k++) {
                                char key[128];
                                snprintf(key, sizeof key, "%s:%s", config_options[k].section,
                                         config_options[k].key);
                                known = strcmp(key, name) == 0;
                        }
                        if (!known && colon && check) {
                                char sec[64];
                                snprintf(sec, sizeof sec, "%.*s", (int)(colon - name), name);
                                known = check(sec, colon + 1);
                        }
                        if (!known)
                                diag_add(d, DIAG_WARN, path, c->ini.keys[i].line,
                                         "unknown key %s ignored", text_safe(name));
                        else if (colon && strncmp(name, "colors:", 7) == 0)
                                check_color(c, name, d);
                }
        }
        parse_values(c, d);
        /* the one limit every read of a sheet obeys, in this process */
        file_set_max_size((unsigned long long)c->num[OPT_MAX_FILE_SIZE]);
        return rc;
}

void config_free(struct config *c)
{
        if (c->have_ini)
                ini_free(&c->ini);
        for (int i = 0; i < OPT_COUNT; i++)
                free(c->str[i]);
        free(c->path);
        memset(c, 0, sizeof *c);
}

const char *config_raw(const struct config *c, const char *key)
{
        return c->have_ini ? ini_get(&c->ini, key) : NULL;
}

unsigned config_line(const struct config *c, const char *key)
{
        return c->have_ini ? ini_line(&c->ini, key) : 0;
}

static void write_doc(FILE *f, const char *doc)
{
        /* wrap at 76 columns as "; " comment lines */
        const char *p = doc;
        while (*p) {
                size_t n = strlen(p);
                if (n > 74) {
                        n = 74;
                        while (n > 0 && p[n] != ' ')
                                n--;
                        if (n == 0)
                                n = 74;
                }
                fprintf(f, "; %.*s\n", (int)n, p);
                p += n;
                while (*p == ' ')
                        p++;
        }
}

void config_write_defaults(FILE *f)
{
        const char *section = "";
        for (int i = 0; i < OPT_COUNT; i++) {
                const struct config_option *o = &config_options[i];
                if (strcmp(section, o->section) != 0) {
                        fprintf(f, "\n[%s]\n", o->section);
                        section = o->section;
                }
                write_doc(f, o->doc);
                if (strchr(o->def, ';') || strchr(o->def, '#') || !*o->def)
                        fprintf(f, "%s = \"%s\"\n\n", o->key, o->def);
                else
                        fprintf(f, "%s = %s\n\n", o->key, o->def);
        }
}
