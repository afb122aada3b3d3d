/* cmd_edit.c — the commands that change a workbook: add, link, revamp,
 * sign, unsign, unit, session, action, done (of an action or a development
 * target). Each checks its arguments and makes its change; cli_edit opens,
 * saves (lock, journal check, atomic write) and prints. */
#include "cli/cli.h"
#include "core/signoff.h"
#include "core/target.h"
#include "core/user.h"

#include <stdlib.h>
#include <string.h>

/* A sheet that could not be read is not changed (a save never writes over it):
 * said, rather than reporting a change that is never saved. 0 or EXIT_USAGE. */
static int sheet_ready(struct args *a, const struct workbook *wb, enum wb_sheet s)
{
        if (wb->sheets[s].loaded)
                return 0;
        diag_add(&a->d, DIAG_ERROR, wb->sheets[s].path ? wb->sheets[s].path : wb->dir, 0,
                 "cannot be read, so it cannot be changed; nothing saved");
        return EXIT_USAGE;
}

/* A cell that could not be set after all: nothing is saved. */
static int not_set(struct args *a, const struct workbook *wb, enum wb_sheet s, const char *id)
{
        diag_add(&a->d, DIAG_ERROR, wb->sheets[s].path ? wb->sheets[s].path : wb->dir, 0,
                 "%s could not be changed; nothing saved", text_safe(id));
        return EXIT_PROBLEMS;
}

int cmd_add(struct args *a, struct workbook *wb, struct buf *out)
{
        struct new_entry ne = {arg_get(a, "status"),   arg_get(a, "date"),
                               arg_get(a, "ref"),      arg_get(a, "summary"),
                               arg_get(a, "elements"), arg_get(a, "indicators"),
                               arg_get(a, "revamps"),  arg_get(a, "rationale")};
        (void)out;
        char *id = wb_add_entry(wb, &ne, &a->d);
        if (!id)
                return EXIT_PROBLEMS;
        a->made = (struct made){WB_EVIDENCE, id};
        return 0;
}

int cmd_link(struct args *a, struct workbook *wb, struct buf *out)
{
        struct buf refs = {0};
        for (int i = 2; i < a->npos; i++)
                buf_printf(&refs, "%s;", a->pos[i]);
        int rc = wb_link(wb, a->pos[1], buf_str(&refs), &a->d) < 0 ? EXIT_PROBLEMS : 0;
        buf_free(&refs);
        if (rc == 0) {
                const struct entry *e = &wb->entries[wb_entry_by_id(wb, a->pos[1])];
                buf_printf(out, "%s: elements %s; indicators %s\n", text_safe(a->pos[1]),
                           text_safe(entry_get(wb, e, "elements")),
                           text_safe(entry_get(wb, e, "indicators")));
        }
        return rc;
}

int cmd_revamp(struct args *a, struct workbook *wb, struct buf *out)
{
        (void)out;
        char *id = wb_revamp(wb, a->pos[1], arg_get(a, "summary"), arg_get(a, "date"), &a->d);
        if (!id)
                return EXIT_PROBLEMS;
        a->made = (struct made){WB_EVIDENCE, id};
        return 0;
}

int cmd_sign(struct args *a, struct workbook *wb, struct buf *out)
{
        const char *id = a->pos[1], *by = arg_get(a, "by");
        if (by && !*by) {
                cli_fail(a, "--by is empty: give a name, or leave it out to sign as yourself",
                         NULL);
                return EXIT_USAGE;
        }
        /* the date is checked first: a bad one is a usage error, not a refusal */
        char today[11];
        const char *date = arg_date(a, today);
        if (!date)
                return EXIT_USAGE;
        char login[64];
        user_login(login, sizeof login);
        bool own = *wb->login && strcmp(login, wb->login) == 0;
        switch (signoff_sign(wb, id, by, date, &a->d)) {
        case SIGN_OK: break;
        case SIGN_BAD_DATE: return EXIT_USAGE;
        case SIGN_REFUSED:
                if (own)
                        diag_add(&a->d, DIAG_NOTE, NULL, 0,
                                 "%s is the candidate's own login ([candidate] login)",
                                 text_safe(login));
                return EXIT_PROBLEMS;
        default: return EXIT_PROBLEMS;
        }
        long e = wb_entry_by_id(wb, id);
        buf_printf(out, "%s signed off by %s on %s", text_safe(id),
                   text_safe(entry_get(wb, &wb->entries[e], "signed_by")), date);
        /* a sign-off from the candidate's own login is worth saying so */
        if (own)
                buf_printf(out, " (from the candidate's own login, %s)", text_safe(login));
        buf_addc(out, '\n');
        return 0;
}

int cmd_unsign(struct args *a, struct workbook *wb, struct buf *out)
{
        if (signoff_void(wb, a->pos[1], &a->d) < 0)
                return EXIT_PROBLEMS;
        buf_printf(out, "%s: sign-off voided (history.csv records it)\n", text_safe(a->pos[1]));
        return 0;
}

int cmd_unit(struct args *a, struct workbook *wb, struct buf *out)
{
        struct ref r;
        const char *status = arg_get(a, "status");
        if (!ref_parse(&wb->fw, a->pos[1], &r) || r.kind != REF_UNIT) {
                cli_fail(a, "unknown unit %s", a->pos[1]);
                return EXIT_PROBLEMS;
        }
        if (status &&
            (unit_status_parse(status) == US_UNKNOWN || unit_status_parse(status) == US_NONE)) {
                cli_fail(
                    a,
                    "unit status is planned, in-progress, achieved or credit-transfer, not \"%s\"",
                    status);
                return EXIT_USAGE;
        }
        const char *code = wb->fw.units[r.unit].code;
        int rc = sheet_ready(a, wb, WB_UNITS);
        if (rc)
                return rc;
        wb_begin(wb);
        if (status)
                rc |= wb_set(wb, WB_UNITS, code, "status",
                             unit_status_name[unit_status_parse(status)]);
        else if (wb_find(wb, WB_UNITS, code) < 0)
                rc |= wb_set(wb, WB_UNITS, code, "status", unit_status_name[US_PLANNED]);
        if (arg_get(a, "notes"))
                rc |= wb_set(wb, WB_UNITS, code, "notes", arg_get(a, "notes"));
        wb_end(wb);
        if (rc)
                return not_set(a, wb, WB_UNITS, code);
        buf_printf(out, "%s %s\n", code, unit_status_name[wb_unit_status(wb, r.unit)]);
        return 0;
}

int cmd_session(struct args *a, struct workbook *wb, struct buf *out)
{
        (void)out;
        char today[11];
        const char *date = arg_date(a, today);
        if (!date)
                return EXIT_PROBLEMS;
        int rc = sheet_ready(a, wb, WB_SESSIONS);
        if (rc)
                return rc;
        char *id = wb_new_id(wb, WB_SESSIONS);
        const char *row[][2] = {{"date", date},
                                {"focus", arg_get(a, "focus")},
                                {"participants", arg_get(a, "participants")},
                                {"notes", arg_get(a, "notes")}};
        if (wb_set_row(wb, WB_SESSIONS, id, row, 4) < 0) {
                rc = not_set(a, wb, WB_SESSIONS, id);
                free(id);
                return rc;
        }
        a->made = (struct made){WB_SESSIONS, id};
        return 0;
}

int cmd_action(struct args *a, struct workbook *wb, struct buf *out)
{
        (void)out;
        const char *sess = arg_or(a, "session", "");
        if (*sess && wb_find(wb, WB_SESSIONS, sess) < 0) {
                cli_fail(a, "no session %s", sess);
                return EXIT_PROBLEMS;
        }
        int rc = sheet_ready(a, wb, WB_ACTIONS);
        if (rc)
                return rc;
        const char *row[][2] = {{"session", sess},
                                {"objective", arg_get(a, "objective")},
                                {"success_indicator", arg_get(a, "success")},
                                {"responsibility", arg_get(a, "who")}};
        char *id = target_add(wb, WB_ACTIONS, arg_get(a, "due"), row, 4, &a->d);
        if (!id)
                return EXIT_PROBLEMS;
        a->made = (struct made){WB_ACTIONS, id};
        return 0;
}

/* An agreed action (AP…) or a development target (T…): the same due and done. */
int cmd_done(struct args *a, struct workbook *wb, struct buf *out)
{
        char today[11];
        const char *date, *id = a->pos[1];
        enum wb_sheet s = wb_find(wb, WB_PDP, id) >= 0 ? WB_PDP : WB_ACTIONS;
        int rc = sheet_ready(a, wb, s);
        if (rc)
                return rc;
        if (wb_find(wb, s, id) < 0) {
                cli_fail(a, "no action or development target %s", id);
                return EXIT_PROBLEMS;
        }
        if (!(date = arg_date(a, today)) || target_mark_done(wb, s, id, date, &a->d) < 0)
                return EXIT_PROBLEMS;
        buf_printf(out, "%s done on %s\n", text_safe(id), date);
        return 0;
}
