/* test_signoff.c — the sign-off and the audit trail: SHA-256 against the FIPS
 * 180-2 vectors, the canonical form, signing, voiding and verifying, who may
 * sign, and history.csv (rows appended per save, the chain, an entry's history). */
#include "core/digest.h"
#include "core/fileio.h"
#include "core/history.h"
#include "core/journal.h"
#include "core/sheet.h"
#include "core/signoff.h"
#include "core/text.h"
#include "core/user.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

TestSuite(signoff, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

/* --- SHA-256 ------------------------------------------------------------------ */

Test(signoff, sha256_standard_vectors)
{
        char hex[DIGEST_HEX];
        digest_sha256_hex("abc", 3, hex);
        cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        digest_sha256_hex("", 0, hex);
        cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        cr_assert_eq(strlen(m448), 56); /* 448 bits */
        digest_sha256_hex(m448, strlen(m448), hex);
        cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        char *million = xmalloc(1000000);
        memset(million, 'a', 1000000);
        digest_sha256_hex(million, 1000000, hex);
        free(million);
        cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        cr_assert(digest_hex_valid(hex));
        cr_assert(
            digest_hex_valid("CDC76E5C9914FB9281A1C7E284D73E67F1809A48A497200E046D39CCC7112CD0"));
        cr_assert_not(digest_hex_valid("cdc76e5c"));
        cr_assert_not(digest_hex_valid(""));
        hex[10] = 'g';
        cr_assert_not(digest_hex_valid(hex));
}

/* --- helpers -------------------------------------------------------------------- */

static char *new_workbook(struct workbook *wb)
{
        char *dir = path_join(tmpdir, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, NULL, &d), 0,
                     "workbook_create: %s", first_msg(&d));
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0, "workbook_open: %s", first_msg(&d));
        diag_free(&d);
        return dir;
}

static void reopen(struct workbook *wb, const char *dir)
{
        workbook_free(wb);
        struct diag d = {0};
        cr_assert_eq(workbook_open(wb, dir, NULL, &d), 0, "workbook_open: %s", first_msg(&d));
        diag_free(&d);
}

static char *add(struct workbook *wb, const char *summary)
{
        struct new_entry ne = {"actual", "2025-12-01", "P/014", summary,
                               "A1.1",   "SLF.2.AC",   NULL,    NULL};
        struct diag d = {0};
        char *id = wb_add_entry(wb, &ne, &d);
        cr_assert_not_null(id, "wb_add_entry: %s", first_msg(&d));
        diag_free(&d);
        return id;
}

static void save(struct workbook *wb)
{
        struct diag d = {0};
        cr_assert_eq(workbook_save(wb, &d), 0, "workbook_save: %s", first_msg(&d));
        diag_free(&d);
}

static const char *cell(const struct workbook *wb, const char *id, const char *col)
{
        long e = wb_entry_by_id(wb, id);
        cr_assert_geq(e, 0, "no entry %s", id);
        return entry_get(wb, &wb->entries[e], col);
}

static void sign(struct workbook *wb, const char *id, const char *by)
{
        struct diag d = {0};
        cr_assert_eq(signoff_sign(wb, id, by, NULL, &d), SIGN_OK, "signoff_sign: %s",
                     first_msg(&d));
        diag_free(&d);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
        char *p = path_join(dir, name), *data;
        size_t n;
        cr_assert_eq(file_read(p, &data, &n, NULL), 0, "cannot read %s", p);
        free(p);
        if (len)
                *len = n;
        return data;
}

static void spit(const char *dir, const char *name, const char *text)
{
        char *p = path_join(dir, name);
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f);
        fputs(text, f);
        fclose(f);
        free(p);
}

/* Sets one cell of evidence.csv on disk, as a spreadsheet or a script would. */
static void edit_on_disk(const char *dir, const char *id, const char *col, const char *value)
{
        char *p = path_join(dir, "evidence.csv");
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load(&sh, p, &d), 0);
        for (size_t i = 0; i < sh.nrows; i++)
                if (strcmp(sheet_get(&sh, i, sheet_col(&sh, "id")), id) == 0)
                        sheet_set(&sh, i, sheet_col(&sh, col), value);
        cr_assert_eq(sheet_save(&sh, 0600, true, &d), 0, "%s", first_msg(&d));
        sheet_free(&sh);
        diag_free(&d);
        free(p);
}

/* The messages of a check, one per line. */
static char *check_text(struct workbook *wb)
{
        struct diag d = {0};
        workbook_check(wb, &d);
        struct buf b = {0};
        for (size_t i = 0; i < d.n; i++) {
                char *m = diag_format(&d.v[i]);
                buf_printf(&b, "%s\n", m);
                free(m);
        }
        diag_free(&d);
        return buf_take(&b);
}

/* The "what" of entry id's history rows, joined by " | ". */
static char *whats(struct workbook *wb, const char *id)
{
        struct history_row *rows;
        size_t n = history_of(wb, WB_EVIDENCE, id, &rows);
        struct buf b = {0};
        for (size_t i = 0; i < n; i++)
                buf_printf(&b, "%s%s", i ? " | " : "", rows[i].what);
        free(rows);
        return buf_take(&b);
}

/* --- the canonical form ------------------------------------------------------------- */

Test(signoff, canonical_form_as_documented)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "x"));
        const char *cells[][2] = {
            {"status", "Actual"},
            {"date", "2026-01-15"},
            {"ref", "=P/1"},
            {"summary", "line one\r\nline two\rthree"},
            {"elements", " a1.1 ;;  A1.2;Zz 9 "},
            {"indicators", "slf.2.ac"},
            {"rationale", ""},
        };
        wb_set_row(&wb, WB_EVIDENCE, "E1", cells, 7);
        struct buf c = {0};
        signoff_canonical(&wb, wb.entries[0].row, &c);
        const char want[] = "actual\x1f"
                            "2026-01-15\x1f"
                            "=P/1\x1f"
                            "line one\nline two\nthree\x1f"
                            "A1.1; A1.2; Zz 9\x1f"
                            "SLF.2.AC\x1f";
        cr_assert_eq(c.len, sizeof want - 1, "%s", buf_str(&c));
        cr_assert_eq(memcmp(c.s, want, c.len), 0, "%s", buf_str(&c));
        char hex[DIGEST_HEX], dg[DIGEST_HEX];
        digest_sha256_hex(want, sizeof want - 1, hex);
        signoff_digest(&wb, wb.entries[0].row, dg);
        cr_assert_str_eq(dg, hex);
        buf_free(&c);

        /* saved with the formula guard, read back: the same digest */
        save(&wb);
        size_t len;
        char *ev = slurp(dir, "evidence.csv", &len);
        cr_assert(strstr(ev, ",'=P/1,"), "%s", ev);
        free(ev);
        reopen(&wb, dir);
        signoff_digest(&wb, wb.entries[0].row, dg);
        cr_assert_str_eq(dg, hex);

        /* field digests: the first 16 hex digits of each field's own SHA-256 */
        struct buf f = {0};
        signoff_field_digests(&wb, wb.entries[0].row, &f);
        digest_sha256_hex("2026-01-15", 10, hex);
        char part[64];
        snprintf(part, sizeof part, "; date:%.16s; ", hex);
        cr_assert(strstr(buf_str(&f), part), "%s", buf_str(&f));
        cr_assert(strncmp(buf_str(&f), "status:", 7) == 0);
        cr_assert(strstr(buf_str(&f), "; rationale:e3b0c44298fc1c14"), "%s", buf_str(&f));
        buf_free(&f);
        workbook_free(&wb);
        free(dir);
}

/* --- signing ---------------------------------------------------------------------- */

Test(signoff, sign_records_who_when_and_digest_as_one_step)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        size_t before = wb.undo_pos;
        sign(&wb, "E1", "Joseph Bloggs");
        char login[64], dg[DIGEST_HEX];
        user_login(login, sizeof login);
        signoff_digest(&wb, wb.entries[0].row, dg);
        cr_assert_str_eq(cell(&wb, "E1", "signed_by"), "Joseph Bloggs");
        cr_assert_str_eq(cell(&wb, "E1", "signed_on"), "2026-01-15");
        cr_assert_str_eq(cell(&wb, "E1", "signed_login"), login);
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), dg);
        cr_assert(signoff_present(&wb, 0));

        /* one undo step takes all four back, one redo brings them again */
        cr_assert(wb_undo(&wb));
        cr_assert_eq(wb.undo_pos, before);
        cr_assert_str_eq(cell(&wb, "E1", "signed_by"), "");
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), "");
        cr_assert_str_eq(cell(&wb, "E1", "signed_login"), "");
        cr_assert_not(signoff_present(&wb, 0));
        cr_assert(wb_redo(&wb));
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), dg);

        /* no name: the user's full name (GECOS), else the login */
        free(add(&wb, "Second"));
        sign(&wb, "E2", NULL);
        char full[256];
        user_full_name(full, sizeof full);
        cr_assert_str_eq(cell(&wb, "E2", "signed_by"), full);
        cr_assert_str_eq(cell(&wb, "E2", "signed_login"), login);

        /* an explicit date; a bad date and a missing entry are refused */
        struct diag d = {0};
        cr_assert_eq(signoff_sign(&wb, "E2", "A", "2026-01-02", &d), SIGN_OK);
        cr_assert_str_eq(cell(&wb, "E2", "signed_on"), "2026-01-02");
        cr_assert_eq(signoff_sign(&wb, "E2", "A", "2026-13-02", &d), SIGN_BAD_DATE);
        cr_assert_eq(signoff_sign(&wb, "E9", "A", NULL, &d), SIGN_NO_ENTRY);
        diag_free(&d);

        /* the columns are added to a sheet that lacks them, and kept */
        save(&wb);
        char *ev = slurp(dir, "evidence.csv", NULL);
        const char *header = "id,status,date,ref,summary,elements,indicators,revamps,rationale,"
                             "signed_by,signed_on,signed_login,signed_digest\n";
        cr_assert(strncmp(ev, header, strlen(header)) == 0, "%s", ev);
        free(ev);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, assessors_decide_who_may_sign)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        char login[64];
        user_login(login, sizeof login);
        char *ini = slurp(dir, "workbook.ini", NULL);
        struct buf b = {0};
        buf_printf(&b, "%s", ini);
        char *at = strstr(b.s, "[frameworks]");
        cr_assert_not_null(at);
        struct buf nb = {0};
        buf_add(&nb, b.s, (size_t)(at - b.s));
        buf_adds(&nb, "assessors = nobody-here, someone-else\n\n");
        buf_adds(&nb, at);
        spit(dir, "workbook.ini", buf_str(&nb));
        save(&wb);
        reopen(&wb, dir);
        cr_assert_eq(wb.assessors.n, 2);
        cr_assert_str_eq(wb.assessors.v[1], "someone-else");
        cr_assert_not(signoff_may_sign(&wb, login));
        cr_assert(signoff_may_sign(&wb, "someone-else"));

        struct diag d = {0};
        cr_assert_eq(signoff_sign(&wb, "E1", "Joseph", NULL, &d), SIGN_REFUSED);
        cr_assert(strstr(first_msg(&d), "names only nobody-here, someone-else"), "%s",
                  first_msg(&d));
        cr_assert(strstr(first_msg(&d), login));
        cr_assert_str_eq(cell(&wb, "E1", "signed_by"), "");
        cr_assert_not(workbook_dirty(&wb));
        diag_clear(&d);

        /* through wb_set_row (the command line's sign): refused, and the next save
         * says so and fails, so the command cannot report success */
        const char *row[][2] = {{"signed_by", "Joseph"}, {"signed_on", "2026-01-15"}};
        wb_set_row(&wb, WB_EVIDENCE, "E1", row, 2);
        cr_assert_str_eq(cell(&wb, "E1", "signed_by"), "");
        cr_assert_eq(workbook_save(&wb, &d), -1);
        cr_assert(strstr(first_msg(&d), "E1 not signed off"), "%s", first_msg(&d));
        diag_clear(&d);
        cr_assert_eq(workbook_save(&wb, &d), 0, "the refusal is said once: %s", first_msg(&d));

        /* the login named: signing works */
        buf_reset(&nb);
        buf_add(&nb, b.s, (size_t)(at - b.s));
        buf_printf(&nb, "assessors = nobody-here,%s\n\n%s", login, at);
        spit(dir, "workbook.ini", buf_str(&nb));
        reopen(&wb, dir);
        cr_assert_eq(signoff_sign(&wb, "E1", "Joseph", NULL, &d), SIGN_OK, "%s", first_msg(&d));
        diag_free(&d);
        buf_free(&b);
        buf_free(&nb);
        free(ini);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, a_sign_off_by_the_candidate_is_flagged)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        sign(&wb, "E1", "Me");
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_SIGNED);
        cr_assert_not(st.by_candidate, "no [candidate] login: nothing to compare");
        char login[64];
        user_login(login, sizeof login);
        free(wb.login);
        wb.login = xstrdup(login); /* as [candidate] login = LOGIN would set it */
        signoff_verify(&wb, 0, &st);
        cr_assert(st.by_candidate);
        struct buf b = {0};
        signoff_describe(&st, &b);
        char want[256];
        snprintf(want, sizeof want,
                 "signed off by Me on 2026-01-15 (from the candidate's own login, %s)", login);
        cr_assert_str_eq(buf_str(&b), want);
        buf_free(&b);
        workbook_free(&wb);
        free(dir);
}

/* --- verifying --------------------------------------------------------------------- */

Test(signoff, verify_says_which_fields_changed)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        sign(&wb, "E1", "Joseph");
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_SIGNED);

        /* in this session: the memo of the sign-off says which */
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Rewritten after signing");
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_CHANGED);
        cr_assert(st.fields_known);
        cr_assert_eq(st.changed, 1u << SF_SUMMARY);
        wb_undo(&wb);
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_SIGNED, "undone: as signed again");

        /* saved, then changed in a spreadsheet: history.csv's record says which */
        save(&wb);
        workbook_free(&wb);
        edit_on_disk(dir, "E1", "summary", "Changed in a spreadsheet");
        edit_on_disk(dir, "E1", "date", "2025-11-30");
        edit_on_disk(dir, "E1", "elements", "a1.1"); /* the same code: not a change */
        reopen(&wb, dir);
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_CHANGED);
        cr_assert(st.fields_known);
        cr_assert_eq(st.changed, (1u << SF_SUMMARY) | (1u << SF_DATE));
        struct buf b = {0};
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b),
                         "signed off by Joseph on 2026-01-15; changed since: date, summary");
        buf_free(&b);
        char *msgs = check_text(&wb);
        cr_assert(strstr(msgs, "evidence.csv:2: E1 was signed off by Joseph on 2026-01-15; changed "
                               "since: date, summary\n"),
                  "%s", msgs);
        free(msgs);

        /* with no record of the sign-off: changed, fields not known */
        workbook_free(&wb);
        char *h = path_join(dir, "history.csv");
        cr_assert_eq(remove(h), 0);
        free(h);
        reopen(&wb, dir);
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_CHANGED);
        cr_assert_not(st.fields_known);
        msgs = check_text(&wb);
        cr_assert(strstr(msgs, "E1 was signed off by Joseph on 2026-01-15; changed since (no "
                               "record in history.csv says which fields)"),
                  "%s", msgs);
        free(msgs);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, a_spreadsheet_re_save_leaves_it_signed)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Two lines,\nwith \"quotes\" and a comma"));
        wb_set(&wb, WB_EVIDENCE, "E1", "rationale", "-5 =1+2");
        sign(&wb, "E1", "Joseph");
        save(&wb);
        workbook_free(&wb);
        /* as Excel writes it: a BOM, CRLF everywhere (inside the summary too) */
        size_t len;
        char *ev = slurp(dir, "evidence.csv", &len);
        struct buf b = {0};
        buf_adds(&b, "\xEF\xBB\xBF");
        for (size_t i = 0; i < len; i++) {
                if (ev[i] == '\n')
                        buf_addc(&b, '\r');
                buf_addc(&b, ev[i]);
        }
        spit(dir, "evidence.csv", buf_str(&b));
        buf_free(&b);
        free(ev);
        reopen(&wb, dir);
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_SIGNED);
        char *msgs = check_text(&wb);
        cr_assert_str_eq(msgs, "");
        free(msgs);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, signed_by_typed_in_is_a_sign_off_taken_when_the_group_ends)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "First"));
        /* as the entry form does: every field, then signed_by, in one group */
        wb_begin(&wb);
        wb_set(&wb, WB_EVIDENCE, "E1", "signed_by", "Joseph");
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Typed in the same form");
        wb_end(&wb);
        char dg[DIGEST_HEX];
        signoff_digest(&wb, 0, dg);
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), dg, "the digest covers the group");
        cr_assert_str_eq(cell(&wb, "E1", "signed_on"), "2026-01-15");
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_SIGNED);
        /* emptied: the sign-off is voided, all of it */
        wb_set(&wb, WB_EVIDENCE, "E1", "signed_by", "");
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), "");
        cr_assert_str_eq(cell(&wb, "E1", "signed_login"), "");
        cr_assert_str_eq(cell(&wb, "E1", "signed_on"), "");
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_VOIDED);
        workbook_free(&wb);
        free(dir);
}

/* --- voiding, and editing a signed entry --------------------------------------------- */

Test(signoff, void_is_recorded_not_silently_cleared)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        struct diag d = {0};
        cr_assert_eq(signoff_void(&wb, "E1", &d), -1, "not signed: nothing to void");
        diag_clear(&d);
        sign(&wb, "E1", "Joseph");
        save(&wb);
        cr_assert(signoff_present(&wb, 0));
        cr_assert(signoff_edit_voids(&wb, "E1", "summary"));
        cr_assert(signoff_edit_voids(&wb, "E1", "indicators"));
        cr_assert_not(signoff_edit_voids(&wb, "E1", "revamps"));
        cr_assert_not(signoff_edit_voids(&wb, "E9", "summary"));

        /* a front end asked, the user went on: void, then the edit */
        cr_assert_eq(signoff_void(&wb, "E1", &d), 0, "%s", first_msg(&d));
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Rewritten");
        cr_assert_not(signoff_edit_voids(&wb, "E1", "summary"));
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_VOIDED);
        char login[64];
        user_login(login, sizeof login);
        cr_assert_str_eq(st.voided_login, login);
        save(&wb);
        reopen(&wb, dir);
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_VOIDED, "from history.csv");
        cr_assert_str_eq(st.voided_login, login);
        cr_assert_eq(strlen(st.voided_when), 25, "%s", st.voided_when);
        struct buf b = {0};
        signoff_describe(&st, &b);
        cr_assert(strncmp(buf_str(&b), "sign-off voided on ", 19) == 0, "%s", buf_str(&b));
        buf_free(&b);
        char *w = whats(&wb, "E1");
        cr_assert_str_eq(w, "added | signed | sign-off voided | changed summary");
        /* voided, changed and signed again in one save: all three said */
        sign(&wb, "E1", "Joseph");
        save(&wb);
        cr_assert_eq(signoff_void(&wb, "E1", &d), 0);
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Rewritten again");
        sign(&wb, "E1", "Joseph");
        save(&wb);
        free(w);
        w = whats(&wb, "E1");
        cr_assert_str_eq(w, "added | signed | sign-off voided | changed summary | signed | "
                            "sign-off voided | changed summary | signed");
        free(w);
        char *msgs = check_text(&wb);
        cr_assert_str_eq(msgs, "");
        free(msgs);

        /* a sign-off cleared outside capbook, with no void recorded: check says so */
        sign(&wb, "E1", "Joseph");
        save(&wb);
        workbook_free(&wb);
        edit_on_disk(dir, "E1", "signed_by", "");
        edit_on_disk(dir, "E1", "signed_digest", "");
        reopen(&wb, dir);
        msgs = check_text(&wb);
        cr_assert(strstr(msgs, "evidence.csv:2: warning: E1 was signed off (history.csv:"), "%s",
                  msgs);
        cr_assert(strstr(msgs, "and no longer is, with no void recorded"), "%s", msgs);
        free(msgs);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, describe_each_state)
{
        struct signoff_status st = {SO_NONE, "Joseph", "2026-01-15", "jo", false, 0, false, "", ""};
        struct buf b = {0};
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b), "");
        st.state = SO_SIGNED;
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b), "signed off by Joseph on 2026-01-15");
        buf_reset(&b);
        st.state = SO_NO_DIGEST;
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b), "signed off by Joseph on 2026-01-15 (no digest: whether it "
                                      "changed since cannot be told)");
        buf_reset(&b);
        st.state = SO_CHANGED;
        st.fields_known = true;
        st.changed = (1u << SF_RATIONALE) | (1u << SF_STATUS);
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b),
                         "signed off by Joseph on 2026-01-15; changed since: status, rationale");
        buf_reset(&b);
        st.state = SO_VOIDED;
        st.voided_when = "2026-01-20T10:00:00+00:00";
        st.voided_login = "ann";
        signoff_describe(&st, &b);
        cr_assert_str_eq(buf_str(&b), "sign-off voided on 2026-01-20T10:00:00+00:00 by ann");
        buf_free(&b);
}

/* --- history.csv ---------------------------------------------------------------------- */

Test(signoff, history_grows_on_every_save_and_is_never_rewritten)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        size_t len0;
        char *h0 = slurp(dir, "history.csv", &len0);
        cr_assert(strncmp(h0, "when,login,sheet,id,what,digest,fields,chain\n", 45) == 0, "%s", h0);
        cr_assert(strstr(h0, ",units.csv,A1,added,,,"), "%s", h0);

        free(add(&wb, "Reflective account"));
        save(&wb);
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Better words");
        wb_set(&wb, WB_EVIDENCE, "E1", "ref", "P/015");
        save(&wb);
        wb_set(&wb, WB_EVIDENCE, "E1", "status", "needs-update");
        wb_set(&wb, WB_UNITS, "A1", "status", "achieved");
        save(&wb);
        sign(&wb, "E1", "Joseph");
        char *signed_digest = xstrdup(cell(&wb, "E1", "signed_digest"));
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Changed after signing");
        save(&wb);
        save(&wb);    /* nothing changed: nothing appended */
        wb_undo(&wb); /* the summary as signed */
        save(&wb);
        char *msgs = check_text(&wb);
        cr_assert_str_eq(msgs, "");
        free(msgs);
        struct diag dd = {0};
        cr_assert_eq(wb_delete(&wb, WB_EVIDENCE, "E1", &dd), 0);
        diag_free(&dd);
        save(&wb);

        size_t len;
        char *h = slurp(dir, "history.csv", &len);
        cr_assert_gt(len, len0);
        cr_assert_eq(memcmp(h, h0, len0), 0, "the rows written before are as they were");
        reopen(&wb, dir);
        char *w = whats(&wb, "E1");
        cr_assert_str_eq(w, "added | changed ref,summary | status needs-update | signed | changed "
                            "summary | changed summary | deleted");
        free(w);
        struct history_row *rows;
        size_t n = history_of(&wb, WB_UNITS, "A1", &rows);
        cr_assert_eq(n, 2);
        cr_assert_str_eq(rows[1].what, "status achieved");
        cr_assert_str_eq(rows[1].digest, "");
        free(rows);

        /* the signed row holds the digest signed, and each field's; the change after
         * it the digest after the change */
        n = history_of(&wb, WB_EVIDENCE, "E1", &rows);
        cr_assert_eq(n, 7);
        cr_assert_str_eq(rows[3].digest, signed_digest);
        free(signed_digest);
        cr_assert(strncmp(rows[3].fields, "status:", 7) == 0, "%s", rows[3].fields);
        char login[64];
        user_login(login, sizeof login);
        cr_assert_str_eq(rows[3].login, login);
        cr_assert_str_eq(rows[3].sheet, "evidence.csv");
        cr_assert_neq(strcmp(rows[4].digest, rows[3].digest), 0);
        cr_assert_eq(strlen(rows[0].when), 25, "%s", rows[0].when);
        cr_assert_eq(rows[0].when[10], 'T');
        cr_assert_str_eq(rows[5].digest, rows[3].digest, "changed back to what was signed");
        free(rows);
        msgs = check_text(&wb);
        cr_assert_null(strstr(msgs, "signed off"), "a tombstone's sign-off is not checked: %s",
                       msgs);
        free(msgs);
        free(h);
        free(h0);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, check_finds_a_history_row_changed_or_removed)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "One"));
        free(add(&wb, "Two"));
        save(&wb);
        sign(&wb, "E1", "Joseph");
        save(&wb);
        workbook_free(&wb);
        size_t len;
        char *h = slurp(dir, "history.csv", &len);
        /* lines: 1 header, 2-5 units, 6 E1 added, 7 E2 added, 8 E1 signed */

        /* a row edited: that row is named */
        struct buf b = {0};
        buf_adds(&b, h);
        char *e2 = strstr(b.s, ",E2,added,");
        cr_assert_not_null(e2);
        memcpy(e2 + 1, "E3", 2);
        spit(dir, "history.csv", buf_str(&b));
        reopen(&wb, dir);
        char *msgs = check_text(&wb);
        cr_assert(strstr(msgs, "history.csv:7: this row was changed, or a row before it removed"),
                  "%s", msgs);
        cr_assert_eq(strstr(msgs, "history.csv:8"), NULL, "only the row changed: %s", msgs);
        free(msgs);
        workbook_free(&wb);

        /* a row removed: the row after it is named */
        buf_reset(&b);
        char *line7 = strstr(h, ",E2,added,");
        while (line7[-1] != '\n')
                line7--;
        buf_add(&b, h, (size_t)(line7 - h));
        buf_adds(&b, strchr(line7, '\n') + 1);
        spit(dir, "history.csv", buf_str(&b));
        reopen(&wb, dir);
        msgs = check_text(&wb);
        cr_assert(strstr(msgs, "history.csv:7: this row was changed, or a row before it removed"),
                  "%s", msgs);
        free(msgs);
        workbook_free(&wb);

        /* the sign-off's own row removed (the last one): the entry says so */
        buf_reset(&b);
        char *last = strstr(h, ",E1,signed,");
        while (last[-1] != '\n')
                last--;
        buf_add(&b, h, (size_t)(last - h));
        spit(dir, "history.csv", buf_str(&b));
        reopen(&wb, dir);
        msgs = check_text(&wb);
        cr_assert(strstr(msgs, "evidence.csv:2: warning: E1's sign-off by Joseph on 2026-01-15 is "
                               "not recorded in history.csv"),
                  "%s", msgs);
        free(msgs);

        /* the next save goes on appending after what is there */
        wb_set(&wb, WB_EVIDENCE, "E2", "summary", "Two, again");
        save(&wb);
        char *after = slurp(dir, "history.csv", NULL);
        cr_assert(strncmp(after, buf_str(&b), b.len) == 0);
        free(after);
        buf_free(&b);
        free(h);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, a_torn_last_row_stays_a_row_of_its_own)
{
        struct workbook wb;
        char *dir = new_workbook(&wb);
        size_t len;
        char *h = slurp(dir, "history.csv", &len);
        struct buf b = {0};
        buf_add(&b, h, len);
        buf_adds(&b, "2026-01-15T10:00:00+00:00,roo"); /* a crash mid-write */
        spit(dir, "history.csv", buf_str(&b));
        free(add(&wb, "After the crash"));
        save(&wb);
        char *now = slurp(dir, "history.csv", NULL);
        cr_assert(strstr(now, ",roo\n"), "%s", now);
        reopen(&wb, dir);
        char *w = whats(&wb, "E1");
        cr_assert_str_eq(w, "added");
        free(w);
        free(now);
        buf_free(&b);
        free(h);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, history_chain_recomputes_as_documented)
{
        struct history_row r = {
            2, "2026-01-15T10:00:00+00:00", "ann", "evidence.csv", "E1", "added", "abc", "", ""};
        char got[65], want[65];
        history_chain("", &r, got);
        const char plain[] = "\x1f"
                             "2026-01-15T10:00:00+00:00\x1f"
                             "ann\x1f"
                             "evidence.csv\x1f"
                             "E1\x1f"
                             "added\x1f"
                             "abc\x1f";
        digest_sha256_hex(plain, sizeof plain - 1, want);
        cr_assert_str_eq(got, want);
}

static int journal_hook(void *ctx, const struct wb_edit *e)
{
        return journal_edit(ctx, e, e->removes_row);
}

Test(signoff, journal_replay_keeps_the_digest_signed)
{
        /* a sign-off, then an edit after it, journalled and replayed: the digest
         * is the one signed, not one taken again over the later edit */
        struct workbook wb;
        char *dir = new_workbook(&wb);
        free(add(&wb, "Reflective account"));
        save(&wb);
        struct journal j;
        journal_init(&j, dir, 0600);
        wb.before_edit = journal_hook;
        wb.before_edit_ctx = &j;
        sign(&wb, "E1", "Joseph");
        char signed_dg[DIGEST_HEX];
        snprintf(signed_dg, sizeof signed_dg, "%s", cell(&wb, "E1", "signed_digest"));
        wb_set(&wb, WB_EVIDENCE, "E1", "summary", "Changed after signing");
        journal_close(&j);
        workbook_free(&wb); /* the crash */

        struct diag d = {0};
        struct journal_pending p;
        cr_assert(journal_pending_read(dir, &p, &d));
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        journal_replay(&wb, &p, &d);
        journal_pending_free(&p);
        cr_assert_str_eq(cell(&wb, "E1", "summary"), "Changed after signing");
        cr_assert_str_eq(cell(&wb, "E1", "signed_digest"), signed_dg);
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_CHANGED);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}

Test(signoff, one_evidence_csv_is_signed_without_a_trail)
{
        /* an evidence CSV opened on its own has no workbook folder: no history.csv
         * is written beside it, and check asks for none */
        char *dir = path_join(tmpdir, "loose");
        cr_assert_eq(mkdir(dir, 0700), 0);
        spit(dir, "evidence.csv",
             "id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,"
             "signed_on\nE1,actual,2026-01-02,P/1,One,A1.1,,,,,\n");
        char *path = path_join(dir, "evidence.csv");
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, path, NULL, &d), 0);
        sign(&wb, "E1", "Joseph");
        save(&wb);
        char *h = path_join(dir, "history.csv");
        cr_assert_not(path_exists(h), "history.csv written beside a loose sheet");
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, path, NULL, &d), 0);
        char *msgs = check_text(&wb);
        cr_assert_str_eq(msgs, "");
        free(msgs);
        wb_set(&wb, WB_EVIDENCE, "E1", "ref", "P/2");
        struct signoff_status st;
        signoff_verify(&wb, 0, &st);
        cr_assert_eq(st.state, SO_CHANGED);
        cr_assert_not(st.fields_known, "no trail to say which");
        diag_free(&d);
        workbook_free(&wb);
        free(h);
        free(path);
        free(dir);
}

Test(signoff, an_excel_style_trail_keeps_its_style_and_its_chain)
{
        char *dir = path_join(tmpdir, "xl");
        struct wb_options opt = {0600, true};
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "Test Candidate", "manager", "AC", NULL, &opt, &d), 0,
                     "%s", first_msg(&d));
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, &opt, &d), 0);
        free(add(&wb, "One"));
        sign(&wb, "E1", "Joseph");
        save(&wb);
        size_t len;
        char *h = slurp(dir, "history.csv", &len);
        cr_assert(strncmp(h, "\xEF\xBB\xBFwhen,login,", 14) == 0, "%s", h);
        cr_assert(len > 2 && h[len - 2] == '\r' && h[len - 1] == '\n');
        for (size_t i = 0; i < len; i++)
                cr_assert(h[i] != '\n' || (i > 0 && h[i - 1] == '\r'), "a bare LF at %zu", i);
        reopen(&wb, dir);
        char *msgs = check_text(&wb);
        cr_assert_str_eq(msgs, "");
        free(msgs);
        free(h);
        diag_free(&d);
        workbook_free(&wb);
        free(dir);
}
