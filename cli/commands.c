/* commands.c — the table of commands: name, synopsis, what it does, its options
 * with a line each, and what it runs. capbook --help, COMMAND --help, the
 * parser and the shell completion all read it. */
#include "cli/cli.h"

#include <string.h>

/* Options that several commands take, worded once. */
#define OPT_STAGE                                                                                  \
        {                                                                                          \
                "stage", "EM|ES|AC",                                                               \
                    "the stage to measure against (default: the workbook's target stage)"          \
        }
#define OPT_FORMAT                                                                                 \
        {                                                                                          \
                "format", "text|csv", "text to read (the default), or CSV for a spreadsheet"       \
        }
#define OPT_DATE                                                                                   \
        {                                                                                          \
                "date", "YYYY-MM-DD", "the date (default: today)"                                  \
        }
#define OPT_END                                                                                    \
        {                                                                                          \
                NULL, NULL, NULL                                                                   \
        }

static const struct cli_option o_new[] = {
    {"candidate", "NAME", "the candidate's name"},
    {"pathway", "ID", "the indicator set (sil/pathways.csv): manager (the default), frontline, …"},
    {"stage", "EM|ES|AC", "the target stage (default: AC)"},
    {"units", "A1,A2", "optional units to plan, besides the mandatory ones"},
    {"git", NULL, "share it through git: set it up as git-setup does"},
    OPT_END};
static const struct cli_option o_none[] = {OPT_END};
static const struct cli_option o_add[] = {
    {"ref", "REF", "the portfolio reference, e.g. P/014"},
    {"summary", "TEXT", "what the evidence is"},
    {"elements", "LIST", "NOS units or elements it counts for, separated by ; (A1.1; D1.2)"},
    {"indicators", "LIST", "capabilities, themes or indicators it counts for (SLF.2.AC)"},
    {"status", "planned|actual|needs-update|na", "the entry's status (default: actual)"},
    OPT_DATE,
    {"rationale", "TEXT", "why an na entry does not apply"},
    {"revamps", "ID", "the planned entry this actual one grew from"},
    OPT_END};
static const struct cli_option o_revamp[] = {
    {"summary", "TEXT", "the new entry's summary (default: the planned entry's)"},
    OPT_DATE,
    OPT_END};
static const struct cli_option o_sign[] = {
    {"by", "NAME", "who signed the entry off"}, OPT_DATE, OPT_END};
static const struct cli_option o_unit[] = {
    {"status", "planned|in-progress|achieved|credit-transfer",
     "the unit's status (default: planned for a unit not chosen yet)"},
    {"notes", "TEXT", "notes, e.g. the award a credit transfer came from"},
    OPT_END};
static const struct cli_option o_session[] = {
    {"focus", "TEXT", "what the session concentrated on"},
    {"date", "D", "the session's date, YYYY-MM-DD (default: today)"},
    {"participants", "P", "who took part, separated by ;"},
    {"notes", "TEXT", "the session record"},
    OPT_END};
static const struct cli_option o_action[] = {
    {"objective", "TEXT", "what is to be done"},
    {"session", "ID", "the session that agreed it"},
    {"success", "TEXT", "the success indicator: how everyone will know it is done"},
    {"due", "D", "the due date, YYYY-MM-DD"},
    {"who", "P", "who does it"},
    OPT_END};
static const struct cli_option o_done[] = {OPT_DATE, OPT_END};
static const struct cli_option o_stage_format[] = {OPT_STAGE, OPT_FORMAT, OPT_END};
static const struct cli_option o_format[] = {OPT_FORMAT, OPT_END};
static const struct cli_option o_report[] = {
    OPT_STAGE,
    {"format", "text|csv|html", "text to read (the default), CSV, or an HTML page"},
    {"o", "FILE", "write the report to FILE (replaced whole) instead of stdout"},
    OPT_END};
static const struct cli_option o_git_setup[] = {
    {"site", "TAG",
     "this clone's site tag, 1 to 3 letters new ids end with (\"\" for plain ids; default: "
     "kept, or asked, or made from your login on a clone; none on the first)"},
    OPT_END};
static const struct cli_option o_frameworks[] = {
    {"codes", NULL, "with ID: the framework's codes alone, one a line, for scripts"}, OPT_END};

const struct command commands[] = {
    {"new", "new PATH --candidate NAME [--pathway ID] [--stage EM|ES|AC] [--units A1,A2] [--git]",
     "create a workbook folder (mandatory units are added as planned)", o_new, "candidate", 1, 1,
     cmd_new, NULL},
    {"git-setup", "git-setup PATH [--site TAG]",
     "share a workbook or caseload through git: make PATH a repository if it is in none, have "
     "capbook merge its sheets, ignore its private files, give this clone its site tag; run once "
     "in each clone",
     o_git_setup, "", 1, 1, cmd_git_setup, NULL},
    {"check", "check PATH", "validate every sheet: FILE:LINE: message per problem", o_none, "", 1,
     1, cmd_check, NULL},
    {"add",
     "add PATH --ref REF --summary TEXT [--elements LIST] [--indicators LIST] "
     "[--status planned|actual|needs-update|na] [--date YYYY-MM-DD] [--rationale TEXT]",
     "log an evidence entry; prints the new id", o_add, "ref summary", 1, 1, NULL, cmd_add},
    {"link", "link PATH ID REF...", "cross-reference an entry to more elements or indicators",
     o_none, "", 3, 8, NULL, cmd_link},
    {"revamp", "revamp PATH ID [--summary TEXT] [--date YYYY-MM-DD]",
     "turn a planned entry into a new actual one that points to it", o_revamp, "", 2, 2, NULL,
     cmd_revamp},
    {"sign", "sign PATH ID --by NAME [--date YYYY-MM-DD]",
     "record who signed an entry off, and when", o_sign, "by", 2, 2, NULL, cmd_sign},
    {"unit",
     "unit PATH UNIT [--status planned|in-progress|achieved|credit-transfer] [--notes TEXT]",
     "choose a unit or set its status", o_unit, "", 2, 2, NULL, cmd_unit},
    {"session", "session PATH --focus TEXT [--date D] [--participants P] [--notes TEXT]",
     "record a supervision session; prints its id", o_session, "focus", 1, 1, NULL, cmd_session},
    {"action", "action PATH --objective TEXT [--session ID] [--success TEXT] [--due D] [--who P]",
     "record an agreed action; prints its id", o_action, "objective", 1, 1, NULL, cmd_action},
    {"done", "done PATH ACTION [--date YYYY-MM-DD]", "mark an agreed action done", o_done, "", 2, 2,
     NULL, cmd_done},
    {"gaps", "gaps PATH [--stage EM|ES|AC] [--format text|csv]",
     "capabilities and themes without actual evidence, and units that could fill them",
     o_stage_format, "", 1, 1, cmd_gaps, NULL},
    {"grid", "grid PATH UNIT [--format text|csv]",
     "the mapping grid of a unit: elements by capabilities, links and evidence", o_format, "", 2, 2,
     cmd_grid, NULL},
    {"plan", "plan PATH [--stage EM|ES|AC] [--format text|csv]",
     "what each optional unit would add", o_stage_format, "", 1, 1, cmd_plan, NULL},
    {"transfer", "transfer PATH [ID]",
     "NOS elements that evidence logged against capabilities could also count for", o_none, "", 1,
     2, cmd_transfer, NULL},
    {"report", "report PATH [--stage S] [--format text|csv|html] [-o FILE]",
     "the workbook (or a caseload) as a report", o_report, "", 1, 1, cmd_report, NULL},
    {"frameworks", "frameworks [PATH] [ID [--codes]]",
     "list the frameworks found, where, and their counts; with ID, that framework's units and "
     "elements (or capabilities and themes) with their full titles",
     o_frameworks, "", 0, 2, cmd_frameworks, NULL},
    {"merge-driver", "merge-driver BASE OURS THEIRS PATHNAME",
     "what git runs to merge a sheet (%O %A %B %P): row by row into OURS; a field changed on "
     "both sides keeps ours and goes into the conflict record (exit 1)",
     o_none, "", 4, 4, cmd_merge_driver, NULL},
};
const size_t ncommands = sizeof commands / sizeof *commands;

const struct command *command_find(const char *name)
{
        for (size_t i = 0; i < ncommands; i++)
                if (strcmp(commands[i].name, name) == 0)
                        return &commands[i];
        return NULL;
}
