/* ini.c — the iniparser wrapper. iniparser 4.1 rejects a file with a BOM and
 * crashes in its typed getters on section names, so the file is cleaned into a
 * memory file first and only iniparser_getstring is ever called. */
#include "core/ini.h"
#include "core/fileio.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
        struct diag *d;
        const char *path;
        unsigned shown, more; /* messages given, and those left out */
} errsink;

/* Messages of one file: a file of garbage would otherwise give one a line. */
#define INI_MAX_MESSAGES 5

/* iniparser reports "syntax error in FILE (N):\n-> LINE" and the like. */
static int ini_error(const char *fmt, ...)
{
        char msg[2048];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        if (!errsink.d)
                return 0;
        if (errsink.shown >= INI_MAX_MESSAGES) {
                errsink.more++;
                return 0;
        }
        errsink.shown++;
        unsigned line = 0;
        const char *paren = strstr(msg, " (");
        if (paren)
                line = (unsigned)strtoul(paren + 2, NULL, 10);
        const char *what = strstr(msg, "syntax error")  ? "syntax error"
                           : strstr(msg, "too long")    ? "line too long (1024 bytes at most)"
                           : strstr(msg, "cannot open") ? "cannot open"
                                                        : "cannot be read";
        const char *text = strstr(msg, "-> ");
        if (text) {
                char shown[80];
                snprintf(shown, sizeof shown, "%s", text + 3);
                shown[strcspn(shown, "\n")] = '\0';
                diag_add(errsink.d, DIAG_ERROR, errsink.path, line, "%s: %s", what, shown);
        } else {
                diag_add(errsink.d, DIAG_ERROR, errsink.path, line, "%s", what);
        }
        return 0;
}

/* Records "section:key" → line for every key line, the way iniparser reads them. */
static void prescan(struct ini *ini, const char *data, size_t len)
{
        char section[256] = "";
        unsigned line = 0;
        size_t pos = 0;
        while (pos < len) {
                const char *nl = memchr(data + pos, '\n', len - pos);
                size_t e = nl ? (size_t)(nl - data) : len;
                line++;
                char buf[1100];
                size_t n = e - pos < sizeof buf - 1 ? e - pos : sizeof buf - 1;
                memcpy(buf, data + pos, n);
                buf[n] = '\0';
                pos = nl ? e + 1 : len;
                char *s = str_trim(buf);
                size_t sl = strlen(s);
                if (sl && s[sl - 1] == '\r')
                        s[--sl] = '\0';
                if (!*s || *s == ';' || *s == '#')
                        continue;
                if (*s == '[') {
                        char *close = strchr(s, ']');
                        if (close) {
                                *close = '\0';
                                snprintf(section, sizeof section, "%s", str_trim(s + 1));
                                for (char *p = section; *p; p++)
                                        *p = (char)tolower((unsigned char)*p);
                                ini->sections = xrealloc(ini->sections, (ini->nsections + 1) *
                                                                            sizeof *ini->sections);
                                ini->sections[ini->nsections].name = xstrdup(section);
                                ini->sections[ini->nsections].line = line;
                                ini->nsections++;
                        }
                        continue;
                }
                char *eq = strchr(s, '=');
                if (!eq)
                        continue;
                *eq = '\0';
                char *k = str_trim(s);
                struct buf name = {0};
                buf_printf(&name, "%s:%s", section, k);
                for (size_t i = 0; i < name.len; i++)
                        name.s[i] = (char)tolower((unsigned char)name.s[i]);
                ini->keys = xrealloc(ini->keys, (ini->nkeys + 1) * sizeof *ini->keys);
                ini->keys[ini->nkeys].name = buf_take(&name);
                ini->keys[ini->nkeys].line = line;
                ini->nkeys++;
        }
}

static int load(struct ini *ini, const char *path, unsigned flags, struct diag *d);

/* On failure nothing stays allocated: callers only free what loaded. */
int ini_load(struct ini *ini, const char *path, unsigned flags, struct diag *d)
{
        int rc = load(ini, path, flags, d);
        if (rc < 0)
                ini_free(ini);
        return rc;
}

/* The line (1-based) of byte off in data. */
static unsigned line_of(const char *data, size_t off)
{
        unsigned line = 1;
        for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + off - p))); p++)
                line++;
        return line;
}

/* What iniparser is not handed: its dictionary looks each key up by a linear
 * search as it stores it, so a file of many lines takes quadratic time (100,000
 * lines: seconds; a million: minutes). A configuration or a workbook.ini has a
 * few dozen lines; these limits are far above that and far below the slow. */
static int too_much(const char *path, const char *data, size_t len, struct diag *d)
{
        unsigned lines = 0;
        for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + len - p))); p++)
                if (++lines == INI_MAX_LINES) {
                        size_t at = (size_t)(p - data) + 1;
                        if (at < len) { /* more than a blank end */
                                diag_add(d, DIAG_ERROR, path, INI_MAX_LINES + 1,
                                         "too many lines for a settings file (%u at most); "
                                         "not read",
                                         INI_MAX_LINES);
                                return -1;
                        }
                        break;
                }
        return 0;
}

/* A NUL byte: iniparser would stop reading the line there (and call it "too long"). */
static int has_nul(const char *path, const char *data, size_t len, struct diag *d)
{
        const char *nul = memchr(data, '\0', len);
        if (!nul)
                return 0;
        diag_add(d, DIAG_ERROR, path, line_of(data, (size_t)(nul - data)),
                 "contains a NUL byte: not a text file; not read");
        return -1;
}

static int load(struct ini *ini, const char *path, unsigned flags, struct diag *d)
{
        memset(ini, 0, sizeof *ini);
        ini->path = xstrdup(path);
        char *data;
        size_t len;
        struct stat sb;
        memset(&sb, 0, sizeof sb);
        if (file_read_all(path, flags & INI_NOFOLLOW ? FILE_NOFOLLOW : 0, INI_MAX_BYTES, &data,
                          &len, &sb) < 0) {
                int e = errno;
                if ((flags & INI_QUIET_MISSING) && e == ENOENT)
                        return -1;
                if (e == FILE_E_TOOBIG) {
                        char size[32], max[32];
                        file_size_text((unsigned long long)sb.st_size, size, sizeof size);
                        file_size_text(INI_MAX_BYTES, max, sizeof max);
                        diag_add(d, DIAG_ERROR, path, 0,
                                 "too big for a settings file: %s (%s at most); not read", size,
                                 max);
                } else if (e == FILE_E_NOTREG || e == FILE_E_SYMLINK) {
                        diag_add(d, DIAG_ERROR, path, 0, "%s", file_strerror(e));
                } else if (e == ENOENT) {
                        diag_add(d, DIAG_ERROR, path, 0, "no such file");
                } else {
                        diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", file_strerror(e));
                }
                return -1;
        }
        size_t off = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (has_nul(path, data, len, d) < 0 || too_much(path, data, len, d) < 0) {
                free(data);
                return -1;
        }
        size_t bad;
        if (!utf8_valid(data + off, len - off, &bad))
                diag_add(d, DIAG_WARN, path, line_of(data, off + bad),
                         "not valid UTF-8; save it as UTF-8");
        ini->empty = true;
        for (size_t i = off; i < len && ini->empty; i++)
                ini->empty = data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
                             data[i] == '\r' || data[i] == '\f';
        /* a cleaned copy in memory: no BOM, no CR */
        struct buf clean = {0};
        for (size_t i = off; i < len; i++)
                if (data[i] != '\r')
                        buf_addc(&clean, data[i]);
        prescan(ini, clean.s ? clean.s : "", clean.len);
        int fd = memfd_create("capbook-ini", MFD_CLOEXEC);
        if (fd < 0) {
                diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", strerror(errno));
                free(data);
                buf_free(&clean);
                return -1;
        }
        size_t done = 0;
        while (done < clean.len) {
                ssize_t w = write(fd, clean.s + done, clean.len - done);
                if (w <= 0)
                        break;
                done += (size_t)w;
        }
        char fdpath[64];
        snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
        errsink.d = d;
        errsink.path = path;
        errsink.shown = errsink.more = 0;
        iniparser_set_error_callback(ini_error);
        ini->dict = iniparser_load(fdpath);
        if (errsink.more)
                diag_add(d, DIAG_ERROR, path, 0, "%u more lines that cannot be read", errsink.more);
        errsink.d = NULL;
        close(fd);
        free(data);
        buf_free(&clean);
        if (!ini->dict) {
                if (!diag_count(d, DIAG_ERROR))
                        diag_add(d, DIAG_ERROR, path, 0, "cannot be read as an INI file");
                return -1;
        }
        return 0;
}

void ini_free(struct ini *ini)
{
        if (ini->dict)
                iniparser_freedict(ini->dict);
        for (size_t i = 0; i < ini->nkeys; i++)
                free(ini->keys[i].name);
        free(ini->keys);
        for (size_t i = 0; i < ini->nsections; i++)
                free(ini->sections[i].name);
        free(ini->sections);
        free(ini->path);
        memset(ini, 0, sizeof *ini);
}

const char *ini_get(const struct ini *ini, const char *key)
{
        if (!ini || !ini->dict)
                return NULL;
        char lower[256];
        snprintf(lower, sizeof lower, "%s", key);
        for (char *p = lower; *p; p++)
                *p = (char)tolower((unsigned char)*p);
        return iniparser_getstring(ini->dict, lower, NULL);
}

unsigned ini_line(const struct ini *ini, const char *key)
{
        unsigned line = 0;
        for (size_t i = 0; ini && i < ini->nkeys; i++)
                if (str_ieq(ini->keys[i].name, key))
                        line = ini->keys[i].line; /* the last one wins, as in iniparser */
        return line;
}

static void bad_value(const struct ini *ini, const char *key, const char *v, const char *want,
                      struct diag *d)
{
        diag_add(d, DIAG_WARN, ini->path, ini_line(ini, key),
                 "bad value for %s: \"%s\" (%s); default used",
                 strchr(key, ':') ? strchr(key, ':') + 1 : key, text_safe(v), want);
}

long ini_get_long(const struct ini *ini, const char *key, long def, long min, long max,
                  struct diag *d)
{
        const char *v = ini_get(ini, key);
        if (!v || !*v)
                return def;
        char *end;
        errno = 0;
        long n = strtol(v, &end, 0);
        if (errno || end == v || *str_trim(end) || n < min || n > max) {
                char want[96];
                snprintf(want, sizeof want, "a whole number from %ld to %ld", min, max);
                bad_value(ini, key, v, want, d);
                return def;
        }
        return n;
}

bool ini_get_bool(const struct ini *ini, const char *key, bool def, struct diag *d)
{
        const char *v = ini_get(ini, key);
        if (!v || !*v)
                return def;
        static const char *const yes[] = {"true", "yes", "on", "1", NULL};
        static const char *const no[] = {"false", "no", "off", "0", NULL};
        for (int i = 0; yes[i]; i++)
                if (str_ieq(v, yes[i]))
                        return true;
        for (int i = 0; no[i]; i++)
                if (str_ieq(v, no[i]))
                        return false;
        bad_value(ini, key, v, "true or false", d);
        return def;
}

int ini_get_choice(const struct ini *ini, const char *key, const char *const *choices, int def,
                   struct diag *d)
{
        const char *v = ini_get(ini, key);
        if (!v || !*v)
                return def;
        struct buf want = {0};
        for (int i = 0; choices[i]; i++) {
                if (str_ieq(v, choices[i])) {
                        buf_free(&want);
                        return i;
                }
                buf_printf(&want, "%s%s", i ? ", " : "one of ", choices[i]);
        }
        bad_value(ini, key, v, buf_str(&want), d);
        buf_free(&want);
        return def;
}

/* --- writing ------------------------------------------------------------- */

/* The last line (1-based) of the section's part of the file: its last key, or
 * its header; 0 if the section is not there. Keys before any section belong to
 * the nameless section "". */
static unsigned section_end(const struct ini *ini, const char *section)
{
        unsigned end = 0;
        for (size_t i = 0; i < ini->nsections; i++)
                if (strcmp(ini->sections[i].name, section) == 0 && ini->sections[i].line > end)
                        end = ini->sections[i].line;
        size_t sl = strlen(section);
        for (size_t i = 0; i < ini->nkeys; i++)
                if (strncmp(ini->keys[i].name, section, sl) == 0 && ini->keys[i].name[sl] == ':' &&
                    ini->keys[i].line > end)
                        end = ini->keys[i].line;
        return end;
}

static bool value_ok(const char *v)
{
        return !strpbrk(v, "\"\r\n") && strlen(v) < 900;
}

int ini_write(const char *path, const char *const *keys, const char *const *values, size_t n,
              unsigned mode, struct diag *d)
{
        for (size_t k = 0; k < n; k++)
                if (!value_ok(values[k]) || !strchr(keys[k], ':')) {
                        diag_add(d, DIAG_ERROR, path, 0,
                                 "%s: a value cannot hold a double quote or a line break, nor "
                                 "run past 900 bytes",
                                 strchr(keys[k], ':') ? strchr(keys[k], ':') + 1 : keys[k]);
                        return -1;
                }
        char *data = NULL;
        size_t len = 0;
        struct ini ini;
        memset(&ini, 0, sizeof ini);
        if (path_exists(path)) {
                if (ini_load(&ini, path, false, d) < 0)
                        return -1; /* said why; never written over what cannot be read */
                if (file_read(path, &data, &len, NULL) < 0) {
                        diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", strerror(errno));
                        ini_free(&ini);
                        return -1;
                }
        }
        const char *eol = data && memmem(data, len, "\r\n", 2) ? "\r\n" : "\n";
        /* each line as it is, and what to put after each (new keys of its section) */
        struct strlist lines = {0};
        for (size_t pos = 0; pos < len;) {
                const char *nl = memchr(data + pos, '\n', len - pos);
                size_t e = nl ? (size_t)(nl - data) + 1 : len;
                char *l = xstrndup(data + pos, e - pos);
                strlist_push(&lines, l);
                free(l);
                pos = e;
        }
        struct buf *after = xcalloc(lines.n + 1, sizeof *after);
        struct buf tail = {0};
        for (size_t k = 0; k < n; k++) {
                unsigned at = ini_line(&ini, keys[k]);
                const char *colon = strchr(keys[k], ':');
                if (at && at <= lines.n) {
                        char *l = lines.v[at - 1];
                        char *eq = strchr(l, '=');
                        const char *cur = ini_get(&ini, keys[k]);
                        if (!eq || (cur && strcmp(cur, values[k]) == 0))
                                continue; /* the same value: the line as it is */
                        struct buf nl = {0};
                        buf_add(&nl, l, (size_t)(eq - l) + 1);
                        buf_printf(&nl, " \"%s\"%s", values[k],
                                   l[strlen(l) - 1] == '\n' ? (strstr(l, "\r\n") ? "\r\n" : "\n")
                                                            : "");
                        free(lines.v[at - 1]);
                        lines.v[at - 1] = buf_take(&nl);
                        continue;
                }
                char section[256];
                snprintf(section, sizeof section, "%.*s", (int)(colon - keys[k]), keys[k]);
                unsigned end = section_end(&ini, section);
                if (end && end <= lines.n) {
                        buf_printf(&after[end - 1], "%s = \"%s\"%s", colon + 1, values[k], eol);
                        continue;
                }
                /* a section not there: made at the end, once */
                char header[300];
                snprintf(header, sizeof header, "[%s]", section);
                if (!strstr(buf_str(&tail), header))
                        buf_printf(&tail, "%s%s%s", tail.len || len ? eol : "", header, eol);
                buf_printf(&tail, "%s = \"%s\"%s", colon + 1, values[k], eol);
        }
        struct buf out = {0};
        for (size_t i = 0; i < lines.n; i++) {
                buf_adds(&out, lines.v[i]);
                if (after[i].len) {
                        size_t ll = strlen(lines.v[i]);
                        if (!ll || lines.v[i][ll - 1] != '\n')
                                buf_adds(&out, eol); /* the last line had no line end */
                        buf_add(&out, after[i].s, after[i].len);
                }
                buf_free(&after[i]);
        }
        free(after);
        if (tail.len) {
                if (out.len && out.s[out.len - 1] != '\n')
                        buf_adds(&out, eol);
                buf_add(&out, tail.s, tail.len);
        }
        buf_free(&tail);
        strlist_free(&lines);
        ini_free(&ini);
        int rc = 0;
        char err[256];
        if (!data || out.len != len || memcmp(out.s ? out.s : "", data, len) != 0)
                if (file_replace(path, buf_str(&out), out.len, mode, err, sizeof err) < 0) {
                        diag_add(d, DIAG_ERROR, path, 0, "not written: %s", err);
                        rc = -1;
                }
        free(data);
        buf_free(&out);
        return rc;
}
