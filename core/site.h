/* site.h — ids that never collide across clones: a clone of a workbook's git
 * repository may carry a short site tag (capbook.site in its git config) that
 * the ids minted there end with, E16b being entry 16 minted on clone b. The
 * form of such ids: reading, ordering and finding them in raw bytes. */
#ifndef CAPBOOK_SITE_H
#define CAPBOOK_SITE_H

#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>

/* A tag is 1 to SITE_TAG_MAX lower-case letters: short enough to say aloud. */
#define SITE_TAG_MAX 3

bool site_tag_valid(const char *tag);
/* The number of id when it is prefix, digits and an optional tag ("E16",
 * "E16b" for prefix "E"); 0 when it is not of that form. */
unsigned site_id_number(const char *id, const char *prefix);
/* An id of that form at p, ending at len or at a delimiter of a CSV field (',',
 * '"', CR, LF): its length (*n its number), or 0. For raw rows that could not be
 * parsed, whose ids are still taken. */
size_t site_id_scan(const char *p, size_t len, const char *prefix, unsigned long *n);
/* Orders keys as people read them: ids by prefix, number and tag (the plain id
 * first: E9, E10, E10b, E11), unit codes alike (A2 before A10); others by bytes. */
int site_id_cmp(const char *a, const char *b);
/* The tag of the clone holding folder dir (capbook.site in its repository's
 * config); NULL outside a repository, or when its tag is unset or empty. */
char *site_tag_of(const char *dir);
/* The tags ids already carry in the sheets of the workbook, or of each workbook
 * of the caseload, at path, added to used. */
void site_tags_used(const char *path, struct strlist *used);
/* A tag from login not among used: its first letter, then its first two or
 * three letters, then another letter; into out. */
void site_tag_suggest(const char *login, const struct strlist *used, char out[SITE_TAG_MAX + 1]);

#endif
