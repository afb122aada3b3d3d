/* user.c — the login and full name of the user running capbook, read from the
 * passwd entry of the real uid (never from $USER, which anyone can set). */
#include "core/user.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void user_login(char *out, size_t n)
{
        const struct passwd *pw = getpwuid(getuid());
        if (pw && pw->pw_name && *pw->pw_name)
                snprintf(out, n, "%s", pw->pw_name);
        else
                snprintf(out, n, "%lu", (unsigned long)getuid());
}

void user_full_name(char *out, size_t n)
{
        const struct passwd *pw = getpwuid(getuid());
        const char *g = pw && pw->pw_gecos ? pw->pw_gecos : "";
        size_t len = strcspn(g, ",");
        while (len && g[len - 1] == ' ')
                len--;
        while (len && *g == ' ')
                g++, len--;
        if (len)
                snprintf(out, n, "%.*s", (int)len, g);
        else
                user_login(out, n);
}
