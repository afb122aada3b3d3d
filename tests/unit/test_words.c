/* test_words.c — the status and link words: each file word reads back as its
 * status, each shown word fits its column, and they differ only where said. */
#include "core/text.h"
#include "core/words.h"
#include "core/workbook.h"

#include <criterion/criterion.h>
#include <string.h>

TestSuite(words, .timeout = 30);

Test(words, file_words_read_back)
{
        for (int s = ST_PLANNED; s < ST_UNKNOWN; s++)
                cr_expect_eq(ev_status_parse(ev_status_name[s]), (enum ev_status)s, "%s",
                             ev_status_name[s]);
        for (int s = US_PLANNED; s < US_UNKNOWN; s++)
                cr_expect_eq(unit_status_parse(unit_status_name[s]), (enum unit_status)s, "%s",
                             unit_status_name[s]);
        cr_expect_eq(unit_status_parse(unit_status_name[US_NONE]), US_NONE);
        /* the shown words read back too, so what a person sees can be typed */
        for (int s = ST_PLANNED; s < ST_UNKNOWN; s++)
                cr_expect_eq(ev_status_parse(ev_status_label[s]), (enum ev_status)s, "%s",
                             ev_status_label[s]);
        for (int s = US_PLANNED; s < US_UNKNOWN; s++)
                cr_expect_eq(unit_status_parse(unit_status_label[s]), (enum unit_status)s, "%s",
                             unit_status_label[s]);
}

Test(words, shown_words_fit_their_width)
{
        size_t widest = 0;
        for (int s = ST_PLANNED; s <= ST_UNKNOWN; s++) {
                cr_expect_leq(text_width(ev_status_label[s]), EV_STATUS_WIDTH, "%s",
                              ev_status_label[s]);
                widest = text_width(ev_status_label[s]) > widest ? text_width(ev_status_label[s])
                                                                 : widest;
        }
        cr_expect_eq(widest, EV_STATUS_WIDTH, "EV_STATUS_WIDTH is wider than any word");
        widest = 0;
        for (int s = US_NONE; s <= US_UNKNOWN; s++) {
                cr_expect_leq(text_width(unit_status_label[s]), UNIT_STATUS_WIDTH, "%s",
                              unit_status_label[s]);
                widest = text_width(unit_status_label[s]) > widest
                             ? text_width(unit_status_label[s])
                             : widest;
        }
        cr_expect_eq(widest, UNIT_STATUS_WIDTH, "UNIT_STATUS_WIDTH is wider than any word");
}

/* The file words are shown as they are: in-progress, credit-transfer and
 * needs-update, not shortened; na is shown n/a, no status "not chosen". */
Test(words, shown_as_written_but_two)
{
        cr_expect_str_eq(unit_status_label[US_IN_PROGRESS], "in-progress");
        cr_expect_str_eq(unit_status_label[US_CREDIT], "credit-transfer");
        cr_expect_str_eq(ev_status_label[ST_UPDATE], "needs-update");
        cr_expect_str_eq(ev_status_label[ST_NA], "n/a");
        cr_expect_str_eq(unit_status_label[US_NONE], "not chosen");
        for (int s = US_PLANNED; s <= US_UNKNOWN; s++)
                cr_expect_str_eq(unit_status_label[s], unit_status_name[s]);
        for (int s = ST_PLANNED; s <= ST_UNKNOWN; s++)
                if (s != ST_NA)
                        cr_expect_str_eq(ev_status_label[s], ev_status_name[s]);
}

Test(words, link_kinds)
{
        cr_expect_str_eq(link_kind_word(true), "direct");
        cr_expect_str_eq(link_kind_word(false), "indirect");
}
