/* words.h — the words for an evidence entry's status, a unit's status and a
 * link's kind: as written in the sheets, and as shown on screen and in reports. */
#ifndef CAPBOOK_WORDS_H
#define CAPBOOK_WORDS_H

#include <stdbool.h>

enum ev_status { ST_PLANNED, ST_ACTUAL, ST_UPDATE, ST_NA, ST_UNKNOWN };
enum unit_status { US_NONE, US_PLANNED, US_IN_PROGRESS, US_ACHIEVED, US_CREDIT, US_UNKNOWN };

/* As written in evidence.csv and units.csv, and typed on the command line
 * (US_NONE: no row, or an empty status; *_UNKNOWN: a word none of these). */
extern const char *const ev_status_name[];
extern const char *const unit_status_name[];

/* As shown: the sheets' own words, so what a person reads is what they would
 * type, except "n/a" for na (which the sheets accept too) and "not chosen" for
 * a unit without a status. None is wider than the width below, so a column of
 * them stays aligned. */
extern const char *const ev_status_label[];
extern const char *const unit_status_label[];
#define EV_STATUS_WIDTH   12 /* "needs-update" */
#define UNIT_STATUS_WIDTH 15 /* "credit-transfer" */

/* A mapping link's kind, as written in mapping.csv and shown. */
const char *link_kind_word(bool direct);

#endif
