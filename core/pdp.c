/* pdp.c — development plan targets: the levels of the strategy's plan, links to
 * the specification, and adding and checking targets through the agreed-target
 * code that actions use too. */
#include "core/pdp.h"
#include "core/spec.h"
#include "core/target.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

/* Leadership & Management – a strategy for the social care workforce (Topss
 * England 2004), 9.5 Personal development plan: "The plan should consider
 * three levels". */
const struct pdp_level_info pdp_levels[PDP_LEVEL_UNKNOWN] = {
    [PDP_BASICS] = {"basics", "Organisational basics and induction",
                    "Organisational basics for new managers, including induction and foundation "
                    "learning, to ensure that leaders and managers are prepared for new roles."},
    [PDP_QUALIFICATIONS] = {"qualifications", "Required qualifications",
                            "To achieve required qualifications essential to the management role "
                            "such as the Registered Manager Award, or to demonstrate learning to "
                            "match the competence profile, or other awards."},
    [PDP_DISCRETE] = {"discrete", "Discrete learning",
                      "Discrete learning and other development opportunities that are "
                      "organisation-specific for updating and further development and external "
                      "non-qualifying programmes."},
};

enum pdp_level pdp_level_parse(const char *s)
{
        if (!*s)
                return PDP_LEVEL_NONE;
        for (int i = PDP_BASICS; i <= PDP_DISCRETE; i++) {
                char num[16];
                snprintf(num, sizeof num, "%d", i);
                if (str_ieq(s, pdp_levels[i].code) || str_ieq(s, pdp_levels[i].name) ||
                    strcmp(s, num) == 0)
                        return (enum pdp_level)i;
        }
        return PDP_LEVEL_UNKNOWN;
}

/* The level as written in the sheet, and the link noted when outside the map;
 * NULL (reason in d) when n cannot be recorded. */
static const char *pdp_checked(struct workbook *wb, const struct pdp_new *n, struct diag *d)
{
        workbook_map(wb, d);
        if (!n->objective || !*n->objective) {
                diag_add(d, DIAG_ERROR, NULL, 0, "a target needs an objective");
                return NULL;
        }
        enum pdp_level lv = pdp_level_parse(n->level ? n->level : "");
        if (lv == PDP_LEVEL_UNKNOWN) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "level \"%s\" is not basics, qualifications or discrete",
                         text_safe(n->level));
                return NULL;
        }
        struct spec_link l;
        const char *link = n->link ? n->link : "";
        if (*link && !spec_link_resolve(wb, link, &l))
                diag_add(d, DIAG_NOTE, NULL, 0,
                         "link %s is neither a specification row nor a competence of the map "
                         "(kept as written)",
                         text_safe(link));
        return lv == PDP_LEVEL_NONE ? "" : pdp_levels[lv].code;
}

char *pdp_add(struct workbook *wb, const struct pdp_new *n, struct diag *d)
{
        const char *level = pdp_checked(wb, n, d);
        if (!level)
                return NULL;
        const char *cells[][2] = {{"objective", n->objective},
                                  {"measure", n->measure},
                                  {"agreed_with", n->agreed_with},
                                  {"link", n->link ? n->link : ""},
                                  {"level", level}};
        return target_add(wb, WB_PDP, n->due, cells, 5, d);
}

int pdp_edit(struct workbook *wb, const char *id, const struct pdp_new *n, const char *done,
             struct diag *d)
{
        if (wb_find(wb, WB_PDP, id) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, "no development target %s", text_safe(id));
                return -1;
        }
        const char *due = n->due ? n->due : "";
        done = done ? done : "";
        if (*due && !date_valid(due)) {
                diag_add(d, DIAG_ERROR, NULL, 0, "due date \"%s\" is not YYYY-MM-DD",
                         text_safe(due));
                return -1;
        }
        if (*done && !date_valid(done) && !str_ieq(done, "yes") && !str_ieq(done, "no")) {
                diag_add(d, DIAG_ERROR, NULL, 0,
                         "done \"%s\" is not a date (YYYY-MM-DD), yes, no or empty",
                         text_safe(done));
                return -1;
        }
        const char *level = pdp_checked(wb, n, d);
        if (!level)
                return -1;
        const char *cells[][2] = {{"objective", n->objective},
                                  {"measure", n->measure},
                                  {"agreed_with", n->agreed_with},
                                  {"due", due},
                                  {"done", done},
                                  {"link", n->link ? n->link : ""},
                                  {"level", level}};
        wb_set_row(wb, WB_PDP, id, cells, 7);
        return 0;
}

void pdp_check(const struct workbook *wb, struct diag *d)
{
        const struct sheet *sh = &wb->sheets[WB_PDP];
        for (size_t i = 0; i < sh->nrows; i++) {
                if (sh->rows[i].bad || wb_row_deleted(wb, WB_PDP, i))
                        continue;
                unsigned line = sh->rows[i].line;
                target_check_row(sh, i, d);
                const char *level = wb_get(wb, WB_PDP, i, "level");
                if (pdp_level_parse(level) == PDP_LEVEL_UNKNOWN)
                        diag_add(d, DIAG_WARN, sh->path, line,
                                 "level \"%s\" is not basics, qualifications or discrete",
                                 text_safe(level));
                /* a link outside the map is shown as such, and noted when added */
        }
}
