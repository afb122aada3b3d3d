/* user.h — who is running capbook (login, full name, groups) and, in words, why
 * a file's permissions stop them: the lock, the journal, the conflict record and
 * the history all name people through here. */
#ifndef CAPBOOK_USER_H
#define CAPBOOK_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* The login name of the user (the effective uid: the one whose files capbook
 * makes), or the uid's number ("4001") when the user database has no entry for
 * it. Never empty. */
void user_login(char *out, size_t n);
/* The full name: the user database's GECOS field up to its first comma ('&'
 * read as the login with a capital, control bytes dropped, trimmed), or the
 * login when that is empty. */
void user_full_name(char *out, size_t n);
/* The login as it goes into a file name (".capbook-journal-LOGIN.csv",
 * ".capbook-conflicts-LOGIN.csv"): the login when it is made of letters,
 * digits, '.', '_' and '-' only and does not start with '.', else the uid's
 * number. */
void user_login_for_file(char *out, size_t n);
/* The same rule for a given login (NULL or unusable: the uid's number). */
void user_login_for_file_of(const char *login, char *out, size_t n);
/* uid's login name, or its number. */
void user_name_of(uid_t uid, char *out, size_t n);
/* gid's group name, or its number. */
void user_group_name(gid_t gid, char *out, size_t n);
/* A group given by name or number: 0 and *gid, or -1 (no such group). A number
 * need not have a name. */
int user_group_parse(const char *spec, gid_t *gid);
/* True if the effective gid or a supplementary group is gid. */
bool user_in_group(gid_t gid);
/* The user's groups by name (numbers when nameless), ", " between them. Caller
 * frees. */
char *user_group_names(void);

/* Why the user may not do want (R_OK, W_OK, X_OK bits) to the file whose stat is
 * sb, in words, for after "permission denied": "you are not in group users",
 * "only its owner ann may write it". Judged from the mode bits alone. */
void user_access_why(const struct stat *sb, int want, char *out, size_t n);
/* The same for a path, looking up the folder on the way that stops the user
 * when path itself cannot be reached ("cannot look into /home/ann: ..."). */
void user_path_why(const char *path, int want, char *out, size_t n);

#endif
