/* actions.h — every action of the full-screen workbook, once: its name (used in
 * [keys] of capbook.ini), the keymaps its default keys are bound in, its default
 * keys, what it needs, and help text. The help screens, the status-line hints,
 * the [keys] parser, the default config and the man page's key list are all
 * made from this table. */
#ifndef CAPBOOK_ACTIONS_H
#define CAPBOOK_ACTIONS_H

/* Where a key means an action. A view looks a key up in its own keymaps, then
 * in the generic one (a view that takes text keeps printable keys as text). */
enum keymap {
        KM_GENERIC,   /* every screen */
        KM_MAIN,      /* the three panes */
        KM_SESSIONS,  /* the sessions view */
        KM_PLANNER,   /* the unit planner */
        KM_CASELOAD,  /* the caseload list */
        KM_CONFLICTS, /* the conflict list */
        KM_SPEC,      /* the person management specification */
        KM_PDP,       /* the personal development plan */
        KM_CPD,       /* the CPD record */
        KM_FORM,      /* the entry form */
        KM_EDITOR,    /* any text being typed: a form's field, a prompt, a filter */
        KM_PICKER,    /* the pickers of references */
        KM_PROMPT,    /* questions on the status line */
        KM_COUNT
};
#define KEYMAP_NAMES                                                                               \
        {                                                                                          \
                "generic", "main", "sessions", "planner", "caseload", "conflicts", "spec", "pdp",  \
                    "cpd", "form", "editor", "picker", "prompt"                                    \
        }

#define G_  (1u << KM_GENERIC)
#define M_  (1u << KM_MAIN)
#define SE_ (1u << KM_SESSIONS)
#define PL_ (1u << KM_PLANNER)
#define CL_ (1u << KM_CASELOAD)
#define CO_ (1u << KM_CONFLICTS)
#define F_  (1u << KM_FORM)
#define E_  (1u << KM_EDITOR)
#define PI_ (1u << KM_PICKER)
#define PR_ (1u << KM_PROMPT)
#define SP_ (1u << KM_SPEC)
#define PD_ (1u << KM_PDP)
#define CP_ (1u << KM_CPD)

/* What an action needs: checked once, where keys are dispatched. */
enum action_flag {
        ACTF_CHANGES = 1 << 0,             /* changes the workbook: refused read-only */
        ACTF_ADDS = 1 << 1 | ACTF_CHANGES, /* adds to it (said so when refused) */
        ACTF_ENTRY = 1 << 2                /* works on the selected entry */
};
#define CH_ ACTF_CHANGES
#define AD_ ACTF_ADDS
#define EN_ ACTF_ENTRY

/* X(id, name, keymaps, default keys (space separated), flags, help group, help).
 * A name is written keymap.name for an action of one of the text keymaps. */
#define ACTIONS(X)                                                                                 \
        X(ACT_DOWN, "down", G_, "Down j", 0, "move", "next row")                                   \
        X(ACT_UP, "up", G_, "Up k", 0, "move", "previous row")                                     \
        X(ACT_PAGE_DOWN, "page-down", G_, "PageDown ^F", 0, "move", "next page")                   \
        X(ACT_PAGE_UP, "page-up", G_, "PageUp ^B", 0, "move", "previous page")                     \
        X(ACT_HOME, "first", G_, "Home", 0, "move", "first row")                                   \
        X(ACT_END, "last", G_, "End G", 0, "move", "last row")                                     \
        X(ACT_NEXT_PANE, "next-pane", M_, "Tab", 0, "move", "next pane")                           \
        X(ACT_PREV_PANE, "prev-pane", M_, "BackTab", 0, "move", "previous pane")                   \
        X(ACT_OPEN, "open", G_, "Enter Right l", 0, "move", "expand, or open the selection")       \
        X(ACT_COLLAPSE, "collapse", M_, "Left h", 0, "move", "collapse")                           \
        X(ACT_BACK, "back", G_, "Esc", 0, "move", "back to the previous screen")                   \
        X(ACT_ADD, "add", G_, "a", AD_, "edit",                                                    \
          "add an entry, pre-filled with the Capabilities and NOS selections; in sessions: a "     \
          "session; in the specification, plan and CPD record: a row")                             \
        X(ACT_EDIT, "edit", G_, "e", CH_, "edit",                                                  \
          "edit the selected entry; in NOS or the planner: the unit's notes; in sessions: the "    \
          "session or action; in the specification, plan and CPD record: the row")                 \
        X(ACT_DELETE, "delete", G_, "D Delete", CH_ | EN_, "edit",                                 \
          "delete the selected entry (asks first; u brings it back); in sessions: the session "    \
          "or action; in the specification, plan and CPD record: the row")                         \
        X(ACT_REVAMP, "revamp", G_, "r", AD_ | EN_, "edit",                                        \
          "turn a planned entry into an actual one")                                               \
        X(ACT_XREF, "cross-reference", M_, "c", CH_, "edit",                                       \
          "add the Capabilities or NOS selection to the entry selected in Evidence")               \
        X(ACT_STATUS, "status", G_, "t", CH_, "edit",                                              \
          "set the entry's status (n/a asks why); in NOS: the unit's status")                      \
        X(ACT_SIGN, "sign-off", M_, "o", CH_ | EN_, "edit",                                        \
          "sign the selected entry off: who, when, a digest of what was signed")                   \
        X(ACT_PROFILE, "profile", M_, "P", CH_, "edit",                                            \
          "the workbook's profile: candidate, pathway, stage, award, supervisor, assessor")        \
        X(ACT_UNDO, "undo", G_, "u", 0, "edit", "undo the last change")                            \
        X(ACT_REDO, "redo", G_, "^R", 0, "edit", "redo")                                           \
        X(ACT_SAVE, "save", G_, "w", 0, "edit", "save the workbook")                               \
        X(ACT_SEARCH, "search", G_, "/", 0, "find", "search entries, indicators and elements")     \
        X(ACT_SEARCH_NEXT, "search-next", G_, "n", 0, "find", "next match")                        \
        X(ACT_SEARCH_PREV, "search-prev", G_, "N", 0, "find", "previous match")                    \
        X(ACT_LINKING, "linking", M_, "m", 0, "view",                                              \
          "linking on/off: filter Evidence by the selection")                                      \
        X(ACT_ENTRY_DETAIL, "entry-detail", M_, "i", 0, "view",                                    \
          "detail area: the selected entry, or what Evidence is linked to")                        \
        X(ACT_STAGES, "stages", M_, "s", 0, "view", "show the indicator at every stage")           \
        X(ACT_GRID, "grid", G_, "g", 0, "view", "mapping grid of the selected unit")               \
        X(ACT_LOG, "log-sheet", G_, "L", 0, "view", "reference log sheet of the selected unit")    \
        X(ACT_GAPS, "gaps", M_, "x", 0, "view", "gap list at the target stage")                    \
        X(ACT_PLAN, "planner", M_, "p", 0, "view",                                                 \
          "unit planner: optional units and what they add")                                        \
        X(ACT_SESSIONS, "sessions", M_, "S", 0, "view", "supervision sessions and agreed actions") \
        X(ACT_COVERAGE, "coverage", M_, "v", 0, "view", "coverage picture: capabilities by stage") \
        X(ACT_SPEC, "specification", G_, "J", 0, "view",                                           \
          "person management specification: requirements, competences, the mix, the review")       \
        X(ACT_PDP, "development-plan", G_, "T", 0, "view",                                         \
          "personal development plan: targets by level, overdue ones flagged")                     \
        X(ACT_CPD, "cpd", G_, "K", 0, "view",                                                      \
          "CPD record: activities, the total against the minimum")                                 \
        X(ACT_MAP, "standards-map", G_, "M", 0, "view",                                            \
          "the 2004 map: areas, generic standards, their specialist and partnership standards")    \
        X(ACT_HISTORY, "history", G_, "H", EN_, "view",                                            \
          "the selected entry's history: each change, sign-off and void (history.csv)")            \
        X(ACT_REPORT, "report", M_, "R", 0, "view",                                                \
          "write the report to reports/ in the workbook folder (in NOS: the unit's log sheet)")    \
        X(ACT_CASELOAD, "caseload", M_, "b", 0, "view", "back to the caseload list")               \
        X(ACT_CONFLICTS, "conflicts", M_, "C", 0, "view",                                          \
          "conflict list: fields changed both here and on disk, to resolve")                       \
        X(ACT_HELP, "help", G_, "? F1", 0, "view", "this help (in a form or prompt: its keys)")    \
        X(ACT_REDRAW, "redraw", G_, "^L", 0, "view", "redraw the screen")                          \
        X(ACT_SUSPEND, "suspend", G_, "^Z", 0, "view", "suspend to the shell (fg returns)")        \
        X(ACT_QUIT, "quit", G_, "q ^C", 0, "view", "quit (asks only if something is unsaved)")     \
        X(ACT_ADD_ACTION, "add-action", SE_, "A", AD_, "inview",                                   \
          "sessions: add an agreed action to the selected session")                                \
        X(ACT_TOGGLE, "toggle", SE_ | PL_ | PD_, "Space d", CH_, "inview",                         \
          "sessions: the selected action done, or not; planner: the unit's next status; "          \
          "development plan: the selected target done, or not")                                    \
        X(ACT_NEW_WORKBOOK, "new-workbook", CL_, "a", 0, "inview",                                 \
          "caseload: a new workbook, with the choices of capbook new")                             \
        X(ACT_SORT, "sort", CL_, "s", 0, "inview",                                                 \
          "caseload: sort by name, stage, gaps, last session or overdue actions, in turn")         \
        X(ACT_FILTER, "filter", CL_, "f", 0, "inview",                                             \
          "caseload: show only the candidates whose line holds what is typed")                     \
        X(ACT_KEEP_MINE, "keep-mine", CO_, "m", CH_, "inview",                                     \
          "conflicts: keep your value (e edits it; u undoes)")                                     \
        X(ACT_KEEP_DISK, "keep-disk", CO_, "d", CH_, "inview",                                     \
          "conflicts: keep the value on disk")                                                     \
        X(ACT_REVIEW, "review", SP_, "R", CH_, "inview",                                           \
          "specification: record a review of the whole specification today (asks first)")          \
        X(ACT_FORM_SAVE, "form.save", F_, "^S F10", CH_, "form",                                   \
          "record the entry in the workbook (then w saves the workbook)")                          \
        X(ACT_FORM_CANCEL, "form.cancel", F_, "Esc ^C", 0, "form",                                 \
          "close the form (asks first when something was typed)")                                  \
        X(ACT_FORM_NEXT, "form.next-field", F_, "Tab", 0, "form", "next field")                    \
        X(ACT_FORM_PREV, "form.prev-field", F_, "BackTab", 0, "form", "previous field")            \
        X(ACT_FORM_EDITOR, "form.editor", F_, "^O", 0, "form", "edit the field in $EDITOR")        \
        X(ACT_FORM_PICK, "form.pick", F_, "F2 ^P", 0, "form",                                      \
          "on a field of codes (Elements, Competences, Kind...): pick from a list")                \
        X(ACT_ED_LEFT, "editor.left", E_, "Left", 0, "text",                                       \
          "previous character (on Status: the previous status)")                                   \
        X(ACT_ED_RIGHT, "editor.right", E_, "Right", 0, "text",                                    \
          "next character (on Status: the next status)")                                           \
        X(ACT_ED_WORD_LEFT, "editor.word-left", E_, "Ctrl-Left", 0, "text",                        \
          "previous word (Shift-Left too)")                                                        \
        X(ACT_ED_WORD_RIGHT, "editor.word-right", E_, "Ctrl-Right", 0, "text",                     \
          "next word (Shift-Right too)")                                                           \
        X(ACT_ED_LINE_START, "editor.line-start", E_, "Home ^A", 0, "text", "start of the line")   \
        X(ACT_ED_LINE_END, "editor.line-end", E_, "End ^E", 0, "text", "end of the line")          \
        X(ACT_ED_UP, "editor.up", E_, "Up", 0, "text",                                             \
          "line above; from the first line or a one-line field: the previous field or row")        \
        X(ACT_ED_DOWN, "editor.down", E_, "Down", 0, "text",                                       \
          "line below; from the last line or a one-line field: the next field or row")             \
        X(ACT_ED_NEW_LINE, "editor.new-line", E_, "Enter", 0, "text",                              \
          "a new line in Summary; in another field the next field")                                \
        X(ACT_ED_DELETE_BACK, "editor.delete-back", E_, "Backspace", 0, "text",                    \
          "delete the character before the cursor")                                                \
        X(ACT_ED_DELETE, "editor.delete", E_, "Delete ^D", 0, "text",                              \
          "delete the character under the cursor")                                                 \
        X(ACT_ED_KILL_START, "editor.delete-to-start", E_, "^U", 0, "text",                        \
          "delete to the start of the line")                                                       \
        X(ACT_ED_KILL_END, "editor.delete-to-end", E_, "^K", 0, "text",                            \
          "delete to the end of the line")                                                         \
        X(ACT_ED_KILL_WORD, "editor.delete-word", E_, "^W", 0, "text",                             \
          "delete the word before the cursor")                                                     \
        X(ACT_PICK_MARK, "picker.mark", PI_, "Space", 0, "picker", "mark or unmark the row")       \
        X(ACT_PICK_ACCEPT, "picker.accept", PI_, "Enter", 0, "picker",                             \
          "take the marked rows (or the selected one)")                                            \
        X(ACT_PICK_CANCEL, "picker.cancel", PI_, "Esc ^C", 0, "picker",                            \
          "close the list, the field unchanged")                                                   \
        X(ACT_PROMPT_ACCEPT, "prompt.accept", PR_, "Enter", 0, "prompt", "answer")                 \
        X(ACT_PROMPT_CANCEL, "prompt.cancel", PR_, "Esc ^G ^C", 0, "prompt", "cancel the question")

enum action {
        ACT_NONE,
#define X(id, name, keymaps, keys, flags, group, help) id,
        ACTIONS(X)
#undef X
            ACT_COUNT
};

struct action_info {
        const char *name;
        unsigned keymaps; /* bit (1 << keymap) for each keymap its default keys are in */
        const char *keys;
        unsigned flags; /* enum action_flag */
        const char *group, *help;
};
extern const struct action_info action_info[ACT_COUNT];
extern const char *const keymap_name[KM_COUNT];

#endif
