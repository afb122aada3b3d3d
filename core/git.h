/* git.h — the git repository a workbook folder lives in, read without running
 * git (found by walking up for .git, its config read as INI), and what capbook
 * sets up in one: the sheets' merge attribute, the ignores, the merge driver and
 * the site tag. git itself is run only with a fixed argv, never through a shell. */
#ifndef CAPBOOK_GIT_H
#define CAPBOOK_GIT_H

#include "core/diag.h"
#include "core/text.h"

#include <stdbool.h>

struct git_repo {
        char *top;    /* the work tree's top folder (where .git is) */
        char *gitdir; /* its git folder (a worktree's own one, for a linked worktree) */
        char *common; /* the git folder holding the config (a worktree's main one) */
};

/* The repository holding folder dir: its .git a folder, or a file "gitdir: PATH"
 * (a linked worktree's, a submodule's), looked for in dir and each folder above.
 * 1 found (r filled; git_repo_free), 0 none. */
int git_repo_find(const char *dir, struct git_repo *r);
void git_repo_free(struct git_repo *r);

/* A key of the repository's own config ("capbook.site", "merge.capbook.driver";
 * the user's ~/.gitconfig is not read). Read as INI; only a config the INI reader
 * cannot take is asked of `git config --get`. 1 set (*value, caller frees; "" for
 * a key set empty), 0 not set, -1 cannot be told. */
int git_config_get(const struct git_repo *r, const char *key, char **value);

/* Runs git with argv (argv[0] is "git", found on PATH), stdin from /dev/null and
 * no shell. Its output goes into out (stdout, and stderr too when err_too) when
 * out is not NULL. The exit status, or -1 when git cannot be run (why in out). */
int git_run(const char *const *argv, struct buf *out, bool err_too);

/* The sheets a repository's .gitattributes gives to capbook's merge driver. */
#define GIT_DRIVER_NAME "capbook"

/* What git-setup does to PATH (see git_setup). */
struct git_setup_opts {
        const char *driver; /* the command git runs: "capbook" or an absolute path */
        const char *site;   /* the site tag to set; NULL: keep it, or choose one */
        /* asked for a tag when one is to be chosen (a clone's first set-up): gets
         * the suggestion, and why the last answer was refused (NULL the first
         * time); fills out ("" takes the suggestion); 0, or -1 to take the
         * suggestion. Asked again until the answer is a tag no id here carries.
         * May be NULL. */
        int (*ask_site)(const char *suggested, const char *refused, char *out, size_t n);
};

/* What git_setup did, for the command to say. */
struct git_setup_done {
        char *top;       /* the repository's top folder */
        bool created;    /* git init made it */
        char site[8];    /* the clone's tag now ("" : plain ids) */
        bool site_new;   /* the tag was set by this run */
        bool attributes; /* .gitattributes written or changed */
        bool ignores;    /* .gitignore written or changed */
};

/* Makes the folder path a repository if it is not inside one (git init; a new
 * repository is the first clone and keeps plain ids), writes the capbook part of
 * .gitattributes and .gitignore at its top (other lines kept), registers the
 * merge driver in its config and sets its site tag (capbook.site): the given
 * one; else the one it has; else plain for a repository with no remote, and for
 * a clone one asked for or made from the login, not used by the ids in the
 * sheets under path. Safe to run again. 0, or -1 (why in d). */
int git_setup(const char *path, const struct git_setup_opts *o, struct git_setup_done *done,
              struct diag *d);
void git_setup_done_free(struct git_setup_done *done);

/* For capbook check on folder dir: warns (.gitattributes:LINE) when the sheets
 * there are given to capbook's merge driver but this clone has none registered,
 * and when a clone with a remote has no site tag. */
void git_check(const char *dir, struct diag *d);

#endif
