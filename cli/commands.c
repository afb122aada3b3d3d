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
    {"group", "GROUP",
     "share it with this group (a name or number you are in): the folder the group's and "
     "setgid, its files 0660 (default: [workbook] group; \"\" for a private one)"},
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
    {"by", "NAME",
     "the name to record (default: your full name, else your login; the login is recorded too)"},
    OPT_DATE,
    OPT_END};
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
    {"format", "text|csv|html", "text to read (the default), CSV tables, or an HTML page to print"},
    {"o", "FILE|DIR",
     "write to FILE (replaced whole) instead of stdout; CSV: to the folder DIR, a file a table "
     "(unless FILE ends in .csv); a caseload: to DIR, its page index.html and each candidate's "
     "report beside it"},
    {"unit", "UNIT", "that unit's reference log sheet and mapping grid alone"},
    {"history", NULL, "with each entry's history from history.csv"},
    OPT_END};
static const struct cli_option o_standards[] = {
    {"search", "WORDS", "the standards whose code or words hold every one of WORDS"},
    {"kinds", NULL, "the kinds of CPD activity, code and name (cpd-add --kind)"},
    OPT_END};
static const struct cli_option o_show_plan[] = {
    {"format", "text|csv|html", "text to read (the default), CSV, or an HTML page"}, OPT_END};
static const struct cli_option o_spec_add[] = {
    {"requirement", "TEXT", "the requirement of the job, in the job description's words"},
    {"competences", "LIST",
     "the competences that meet it, separated by ; (MSC A1; RMA:RG6; NHSKSF Dimension 2; 14; "
     "A1.1; SLF.2; ORG: words)"},
    {"learning", "TEXT",
     "the learning opportunities to meet it (as above: the whole "
     "specification's)"},
    {"training", "TEXT", "the organisational training (as above: the whole specification's)"},
    OPT_END};
static const struct cli_option o_pdp_add[] = {
    {"objective", "TEXT", "what is to be achieved"},
    {"measure", "TEXT", "how it is measured: how everyone will know it is done"},
    {"agreed-with", "P", "who it was agreed with"},
    {"due", "D", "the due date, YYYY-MM-DD"},
    {"link", "REF", "the requirement (R3, whole) or competence it is for"},
    {"level", "basics|qualifications|discrete",
     "organisational basics and induction, required qualifications, or discrete learning"},
    OPT_END};
static const struct cli_option o_cpd_add[] = {
    OPT_DATE,
    {"activity", "TEXT", "what the activity was"},
    {"kind", "KIND", "its kind: course, seminar, shadowing, mentoring … (standards --kinds)"},
    {"days", "N", "its time in days (7.5 hours unless [cpd] hours_per_day says otherwise)"},
    {"hours", "N", "its time in hours"},
    {"refs", "LIST", "requirements or competences it relates to, separated by ;"},
    {"learnt", "TEXT", "what was learnt"},
    {"evidence", "LIST", "evidence entries it points at, separated by ;"},
    OPT_END};
static const struct cli_option o_git_setup[] = {
    {"site", "TAG",
     "this clone's site tag, 1 to 3 letters new ids end with (\"\" for plain ids; default: "
     "kept, or asked, or made from your login on a clone; none on the first)"},
    OPT_END};
static const struct cli_option o_frameworks[] = {
    {"codes", NULL, "with ID: the framework's codes alone, one a line, for scripts"}, OPT_END};

const struct command commands[] = {
    {"new",
     "new PATH --candidate NAME [--pathway ID] [--stage EM|ES|AC] [--units A1,A2] "
     "[--group GROUP] [--git]",
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
    {"sign", "sign PATH ID [--by NAME] [--date YYYY-MM-DD]",
     "sign an entry off: who, when, and a digest of what was signed", o_sign, "", 2, 2, NULL,
     cmd_sign},
    {"unsign", "unsign PATH ID", "void an entry's sign-off (history.csv records it)", o_none, "", 2,
     2, NULL, cmd_unsign},
    {"unit",
     "unit PATH UNIT [--status planned|in-progress|achieved|credit-transfer] [--notes TEXT]",
     "choose a unit or set its status", o_unit, "", 2, 2, NULL, cmd_unit},
    {"session", "session PATH --focus TEXT [--date D] [--participants P] [--notes TEXT]",
     "record a supervision session; prints its id", o_session, "focus", 1, 1, NULL, cmd_session},
    {"action", "action PATH --objective TEXT [--session ID] [--success TEXT] [--due D] [--who P]",
     "record an agreed action; prints its id", o_action, "objective", 1, 1, NULL, cmd_action},
    {"done", "done PATH ACTION|TARGET [--date YYYY-MM-DD]",
     "mark an agreed action (AP3) or a development target (T2) done", o_done, "", 2, 2, NULL,
     cmd_done},
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
    {"report",
     "report PATH [--stage S] [--format text|csv|html] [-o FILE|DIR] [--unit UNIT] [--history]",
     "the assessor's pack: cover, coverage, mapping summary tables, each capability's indicators "
     "and evidence, gaps, sessions, sign-offs, and each unit's log sheet and mapping grid (or a "
     "caseload's page)",
     o_report, "", 1, 1, cmd_report, NULL},
    {"frameworks", "frameworks [PATH] [ID [--codes]]",
     "list the frameworks found, where, and their counts; with ID, that framework's units and "
     "elements (or capabilities and themes) with their full titles",
     o_frameworks, "", 0, 2, cmd_frameworks, NULL},
    {"standards", "standards [CODE | AREA | --search WORDS | --kinds]",
     "the 2004 map of leadership and management standards: areas, generic standards and the "
     "specialist and partnership standards listed against them, and the legend; or one area, "
     "standard, related standard (RMA:RG6), earlier-numbered standard (14) or category",
     o_standards, "", 0, 1, cmd_standards, NULL},
    {"spec", "spec PATH [--format text|csv|html]",
     "the person management specification: requirements and their competences, the mix against "
     "the guidance for the manager's level, revisions and the review due",
     o_show_plan, "", 1, 1, cmd_spec, NULL},
    {"spec-add",
     "spec-add PATH --requirement TEXT --competences LIST [--learning TEXT] [--training TEXT]",
     "add a requirement to the specification; prints its id", o_spec_add, "requirement competences",
     1, 1, NULL, cmd_spec_add},
    {"spec-review", "spec-review PATH [--date YYYY-MM-DD]",
     "record a review of the whole specification; prints when the next is due", o_done, "", 1, 1,
     NULL, cmd_spec_review},
    {"pdp", "pdp PATH [--format text|csv|html]",
     "the personal development plan: targets by level, done, open and overdue", o_show_plan, "", 1,
     1, cmd_pdp, NULL},
    {"pdp-add",
     "pdp-add PATH --objective TEXT [--measure TEXT] [--agreed-with P] [--due D] [--link REF] "
     "[--level basics|qualifications|discrete]",
     "add a target to the development plan; prints its id (done PATH T1 marks it done)", o_pdp_add,
     "objective", 1, 1, NULL, cmd_pdp_add},
    {"cpd", "cpd PATH [--format text|csv|html]",
     "the CPD record: activities, and the total over the window of the minimum ending today, "
     "the shortfall and when the oldest counted activity leaves it",
     o_show_plan, "", 1, 1, cmd_cpd, NULL},
    {"cpd-add",
     "cpd-add PATH [--date D] --activity TEXT --kind KIND (--days N | --hours N) [--refs LIST] "
     "[--learnt TEXT] [--evidence LIST]",
     "record a CPD activity; prints its id", o_cpd_add, "activity kind", 1, 1, NULL, cmd_cpd_add},
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
