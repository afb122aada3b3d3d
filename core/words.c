/* words.c — the status and link words, each list in one place: the sheets are
 * read and written with them, and every front end shows them. */
#include "core/words.h"

const char *const ev_status_name[] = {"planned", "actual", "needs-update", "na", "unknown"};
const char *const unit_status_name[] = {"",         "planned",         "in-progress",
                                        "achieved", "credit-transfer", "unknown"};

const char *const ev_status_label[] = {"planned", "actual", "needs-update", "n/a", "unknown"};
const char *const unit_status_label[] = {"not chosen", "planned",         "in-progress",
                                         "achieved",   "credit-transfer", "unknown"};

const char *link_kind_word(bool direct)
{
        return direct ? "direct" : "indirect";
}
