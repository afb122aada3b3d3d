/* render.c — what the report's renderers share: the walk through a coverage
 * table, each capability followed by its themes. */
#include "cli/render.h"

bool cov_row_next(const struct framework *fw, const struct coverage *c, struct cov_row *r)
{
        /* place 0: not started; then the capability's themes count from 1 */
        if (r->place == 0) {
                r->cap = 0;
                r->place = 1;
        } else if (r->place++ > (int)fw->caps[r->cap].nthemes) {
                r->cap++;
                r->place = 1;
        }
        if ((size_t)r->cap >= fw->ncaps)
                return false;
        const struct fw_capability *cap = &fw->caps[r->cap];
        r->theme = r->place == 1 ? -1 : cap->themes[r->place - 2];
        r->code = r->theme < 0 ? cap->code : fw->themes[r->theme].code;
        r->name = r->theme < 0 ? cap->name : fw->themes[r->theme].name;
        r->cov = r->theme < 0 ? &c->caps[r->cap] : &c->themes[r->theme];
        return true;
}
