/* user.c — who is running capbook, from the user and group databases, with the
 * number standing in for a name the databases do not have (a uid given by a
 * directory service that is down, a container, setpriv). */
#include "core/user.h"
#include "core/fileio.h"
#include "core/text.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void user_login_for_file_of(const char *login, char *out, size_t n)
{
        bool ok = login && *login && *login != '.' && strlen(login) < 64;
        for (const char *p = login; ok && *p; p++)
                ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-';
        if (ok)
                snprintf(out, n, "%s", login);
        else
                snprintf(out, n, "%lu", (unsigned long)geteuid());
}

/* GECOS: "Ann Example,Room 1,..." → "Ann Example"; '&' stands for the login
 * with a capital (the BSD convention some sites keep). */
static void full_from_gecos(const char *gecos, const char *login, char *out, size_t n)
{
        struct buf b = {0};
        for (const char *p = gecos; *p && *p != ','; p++) {
                if (*p == '&') {
                        for (const char *l = login; *l; l++)
                                buf_addc(&b, l == login && *l >= 'a' && *l <= 'z'
                                                 ? (char)(*l - 'a' + 'A')
                                                 : *l);
                } else if ((unsigned char)*p >= 0x20 && *p != 0x7f) {
                        buf_addc(&b, *p);
                }
        }
        char *t = buf_take(&b);
        snprintf(out, n, "%s", t ? str_trim(t) : "");
        free(t);
}

/* Looked up once per effective uid: the journal asks for every record. */
static struct {
        bool known;
        uid_t uid;
        char login[64], full[128], file[64];
} me;

static void me_load(void)
{
        uid_t uid = geteuid();
        if (me.known && me.uid == uid)
                return;
        memset(&me, 0, sizeof me);
        me.known = true;
        me.uid = uid;
        const struct passwd *pw = getpwuid(uid);
        bool named = pw && pw->pw_name && *pw->pw_name;
        if (named)
                snprintf(me.login, sizeof me.login, "%s", pw->pw_name);
        else
                snprintf(me.login, sizeof me.login, "%lu", (unsigned long)uid);
        if (named && pw->pw_gecos)
                full_from_gecos(pw->pw_gecos, me.login, me.full, sizeof me.full);
        if (!*me.full)
                snprintf(me.full, sizeof me.full, "%s", me.login);
        user_login_for_file_of(me.login, me.file, sizeof me.file);
}

void user_login(char *out, size_t n)
{
        me_load();
        snprintf(out, n, "%s", me.login);
}

void user_full_name(char *out, size_t n)
{
        me_load();
        snprintf(out, n, "%s", me.full);
}

void user_login_for_file(char *out, size_t n)
{
        me_load();
        snprintf(out, n, "%s", me.file);
}

void user_name_of(uid_t uid, char *out, size_t n)
{
        const struct passwd *pw = getpwuid(uid);
        if (pw && pw->pw_name && *pw->pw_name)
                snprintf(out, n, "%s", pw->pw_name);
        else
                snprintf(out, n, "%lu", (unsigned long)uid);
}

void user_group_name(gid_t gid, char *out, size_t n)
{
        const struct group *gr = getgrgid(gid);
        if (gr && gr->gr_name && *gr->gr_name)
                snprintf(out, n, "%s", gr->gr_name);
        else
                snprintf(out, n, "%lu", (unsigned long)gid);
}

int user_group_parse(const char *spec, gid_t *gid)
{
        if (!spec || !*spec)
                return -1;
        const struct group *gr = getgrnam(spec);
        if (gr) {
                *gid = gr->gr_gid;
                return 0;
        }
        char *end;
        errno = 0;
        unsigned long v = strtoul(spec, &end, 10);
        if (*spec < '0' || *spec > '9' || *end || errno || v >= (unsigned long)(gid_t)-1)
                return -1;
        *gid = (gid_t)v;
        return 0;
}

/* The supplementary groups (malloc'd; *n of them). */
static gid_t *groups_get(int *n)
{
        *n = getgroups(0, NULL);
        if (*n <= 0) {
                *n = 0;
                return NULL;
        }
        gid_t *v = xcalloc((size_t)*n, sizeof *v);
        *n = getgroups(*n, v);
        if (*n < 0)
                *n = 0;
        return v;
}

bool user_in_group(gid_t gid)
{
        if (getegid() == gid)
                return true;
        int n;
        gid_t *v = groups_get(&n);
        bool in = false;
        for (int i = 0; i < n && !in; i++)
                in = v[i] == gid;
        free(v);
        return in;
}

char *user_group_names(void)
{
        struct buf b = {0};
        char name[64];
        user_group_name(getegid(), name, sizeof name);
        buf_adds(&b, name);
        int n;
        gid_t *v = groups_get(&n);
        for (int i = 0; i < n; i++) {
                if (v[i] == getegid())
                        continue;
                user_group_name(v[i], name, sizeof name);
                buf_printf(&b, ", %s", name);
        }
        free(v);
        return buf_take(&b);
}

static const char *verb(int want, bool dir)
{
        if (want & W_OK)
                return dir ? "write in" : "write";
        if (dir)
                return "look into";
        return (want & X_OK) && !(want & R_OK) ? "run" : "read";
}

void user_access_why(const struct stat *sb, int want, char *out, size_t n)
{
        bool dir = S_ISDIR(sb->st_mode);
        mode_t m = sb->st_mode;
        /* the bits that would grant want to the owner and to the group (capbook
         * never gives the others any) */
        mode_t wu = 0, wg = 0;
        if (want & R_OK)
                wu |= S_IRUSR, wg |= S_IRGRP;
        if (want & W_OK)
                wu |= S_IWUSR, wg |= S_IWGRP;
        if (want & X_OK)
                wu |= S_IXUSR, wg |= S_IXGRP;
        char owner[64], group[64];
        user_name_of(sb->st_uid, owner, sizeof owner);
        user_group_name(sb->st_gid, group, sizeof group);
        const char *v = verb(want, dir);
        if (sb->st_uid == geteuid())
                snprintf(out, n, "you own it, but its mode (%04o) does not let you %s it",
                         (unsigned)(m & 07777), v);
        else if (user_in_group(sb->st_gid))
                snprintf(out, n, "its group %s may not %s it", group, v);
        else if ((m & wg) == wg)
                snprintf(out, n, "you are not in group %s", group);
        else if ((m & wu) == wu)
                snprintf(out, n, "only its owner %s may %s it", owner, v);
        else
                snprintf(out, n, "its mode (%04o) lets no one %s it", (unsigned)(m & 07777), v);
}

void user_path_why(const char *path, int want, char *out, size_t n)
{
        struct stat sb;
        if (stat(path, &sb) == 0) {
                if (faccessat(AT_FDCWD, path, want, AT_EACCESS) < 0 && errno == EROFS)
                        snprintf(out, n, "the file system is read-only");
                else
                        user_access_why(&sb, want, out, n);
                return;
        }
        /* path cannot be reached: the nearest folder above it that cannot be
         * looked into says why */
        char *d = path_dirname(path);
        for (;;) {
                if (stat(d, &sb) == 0 && faccessat(AT_FDCWD, d, X_OK, AT_EACCESS) < 0) {
                        char why[256];
                        user_access_why(&sb, X_OK, why, sizeof why);
                        snprintf(out, n, "cannot look into %s: %s", text_safe(d), why);
                        break;
                }
                char *up = path_dirname(d);
                bool top = strcmp(up, d) == 0;
                free(d);
                d = up;
                if (top) {
                        snprintf(out, n, "%s", strerror(EACCES));
                        break;
                }
        }
        free(d);
}
