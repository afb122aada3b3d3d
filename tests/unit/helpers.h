/* helpers.h — what the unit tests share: a temp folder of their own for each
 * test, with HOME, XDG_DATA_HOME and XDG_CONFIG_HOME inside it (never the
 * user's), no CAPBOOK_CONFIG and a fixed date; removed, whole, after the test. */
#ifndef CAPBOOK_TEST_HELPERS_H
#define CAPBOOK_TEST_HELPERS_H

#include "core/diag.h"

extern char tmpdir[64];

/* For TestSuite(name, .init = tmp_setup, .fini = tmp_teardown). A test that
 * skips itself calls tmp_teardown first (a skipped test does not run .fini). */
void tmp_setup(void);
void tmp_teardown(void);
/* The first message in d, or "". */
const char *first_msg(const struct diag *d);

#endif
