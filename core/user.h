/* user.h — who is running capbook, as the sign-off and the audit trail record
 * it: the login name (the numeric uid when it has none) and the full name. */
#ifndef CAPBOOK_USER_H
#define CAPBOOK_USER_H

#include <stddef.h>

/* The login name from the passwd entry, or the numeric uid when there is none. */
void user_login(char *out, size_t n);
/* The full name: the passwd entry's GECOS field up to its first comma, or the
 * login name when that is empty. */
void user_full_name(char *out, size_t n);

#endif
