/* config.c — finding, trusting and reading capbook.ini against the option table. */
#include "core/config.h"
#include "core/fileio.h"
#include "core/text.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
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
                                diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s",
                                         strerror(ENOENT));
                                rc = -1;
                        }
                } else if (trusted(path, d)) {
                        c->have_ini = ini_load(&c->ini, path, false, d) == 0;
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
                }
        }
        parse_values(c, d);
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
