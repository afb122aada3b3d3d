/* actions.h — every action of the full-screen workbook, once: its name (used in
 * [keys] of capbook.ini), default keys, and help text. The help screen, the
 * status-line hints, the [keys] parser, the default config and the man page's
 * key list are all made from this table. */
#ifndef CAPBOOK_ACTIONS_H
#define CAPBOOK_ACTIONS_H

/* X(id, name, default keys (space separated), where, help) */
#define ACTIONS(X)                                                                                 \
        X(ACT_DOWN, "down", "Down j", "move", "next row")                                          \
        X(ACT_UP, "up", "Up k", "move", "previous row")                                            \
        X(ACT_PAGE_DOWN, "page-down", "PageDown ^F", "move", "next page")                          \
        X(ACT_PAGE_UP, "page-up", "PageUp ^B", "move", "previous page")                            \
        X(ACT_HOME, "first", "Home", "move", "first row")                                          \
        X(ACT_END, "last", "End G", "move", "last row")                                            \
        X(ACT_NEXT_PANE, "next-pane", "Tab", "move", "next pane")                                  \
        X(ACT_PREV_PANE, "prev-pane", "BackTab", "move", "previous pane")                          \
        X(ACT_OPEN, "open", "Enter Right l", "move", "expand, or open the selection")              \
        X(ACT_COLLAPSE, "collapse", "Left h", "move", "collapse")                                  \
        X(ACT_BACK, "back", "Esc", "move", "back to the previous screen")                          \
        X(ACT_ADD, "add", "a", "edit", "add an entry, pre-filled with the selection")              \
        X(ACT_EDIT, "edit", "e", "edit", "edit the selected entry")                                \
        X(ACT_REVAMP, "revamp", "r", "edit", "turn a planned entry into an actual one")            \
        X(ACT_XREF, "cross-reference", "c", "edit",                                                \
          "add the Capabilities/NOS selection to the selected entry")                              \
        X(ACT_STATUS, "status", "t", "edit",                                                       \
          "set the entry's status (n/a asks why); in NOS: the unit's status")                      \
        X(ACT_SIGN, "sign-off", "o", "edit", "sign the selected entry off (who, when)")            \
        X(ACT_UNDO, "undo", "u", "edit", "undo the last change")                                   \
        X(ACT_REDO, "redo", "^R", "edit", "redo")                                                  \
        X(ACT_SAVE, "save", "w", "edit", "save the workbook")                                      \
        X(ACT_SEARCH, "search", "/", "find", "search entries, indicators and elements")            \
        X(ACT_SEARCH_NEXT, "search-next", "n", "find", "next match")                               \
        X(ACT_SEARCH_PREV, "search-prev", "N", "find", "previous match")                           \
        X(ACT_LINKING, "linking", "m", "view", "linking on/off: filter Evidence by the selection") \
        X(ACT_ENTRY_DETAIL, "entry-detail", "i", "view",                                           \
          "detail area: the selected entry, or what Evidence is linked to")                        \
        X(ACT_STAGES, "stages", "s", "view", "show the indicator at every stage")                  \
        X(ACT_GRID, "grid", "g", "view", "mapping grid of the selected unit")                      \
        X(ACT_LOG, "log-sheet", "L", "view", "reference log sheet of the selected unit")           \
        X(ACT_GAPS, "gaps", "x", "view", "gap list at the target stage")                           \
        X(ACT_PLAN, "planner", "p", "view", "unit planner: optional units and what they add")      \
        X(ACT_SESSIONS, "sessions", "S", "view", "supervision sessions and agreed actions")        \
        X(ACT_COVERAGE, "coverage", "v", "view", "coverage picture: capabilities by stage")        \
        X(ACT_CASELOAD, "caseload", "b", "view", "back to the caseload list")                      \
        X(ACT_HELP, "help", "? F1", "view", "this help")                                           \
        X(ACT_REDRAW, "redraw", "^L", "view", "redraw the screen")                                 \
        X(ACT_QUIT, "quit", "q", "view", "quit (asks only if something is unsaved)")               \
        X(ACT_ADD_ACTION, "add-action", "A", "inview",                                             \
          "sessions: add an agreed action to the selected session")                                \
        X(ACT_TOGGLE, "toggle", "Space d", "inview",                                               \
          "sessions: the selected action done, or not; planner: the unit's next status")

enum action {
        ACT_NONE,
#define X(id, name, keys, where, help) id,
        ACTIONS(X)
#undef X
            ACT_COUNT
};

struct action_info {
        const char *name, *keys, *where, *help;
};
extern const struct action_info action_info[ACT_COUNT];

#endif
