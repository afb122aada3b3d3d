/* test_sheet.c — CSV sheets: exact round trips, spreadsheet quirks (BOM, CRLF,
 * sep=, lone CR, trailing empty columns), unknown columns and malformed rows
 * kept byte for byte, file sniffing, big cells, and refusing to overwrite a
 * file that changed on disk. */
#include "core/fileio.h"
#include "core/sheet.h"
#include "core/text.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

TestSuite(sheet, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static char *tpath(const char *name)
{
        return path_join(tmpdir, name);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f, "cannot write %s", path);
        cr_assert_eq(fwrite(data, 1, len, f), len);
        cr_assert_eq(fclose(f), 0);
}

static char *read_bytes(const char *path, size_t *len)
{
        char *data;
        cr_assert_eq(file_read(path, &data, len, NULL), 0, "cannot read %s", path);
        return data;
}

/* Writes data to a file in the temp folder and loads it as a sheet. */
static char *load_file(struct sheet *sh, const char *name, const char *data, size_t len,
                       struct diag *d, int want_rc)
{
        char *p = tpath(name);
        write_bytes(p, data, len);
        cr_assert_eq(sheet_load(sh, p, d), want_rc, "sheet_load(%s)", name);
        return p;
}

static const struct diag_item *diag_at(const struct diag *d, unsigned line)
{
        for (size_t i = 0; i < d->n; i++)
                if (d->v[i].line == line)
                        return &d->v[i];
        return NULL;
}

static bool diag_mentions(const struct diag *d, const char *what)
{
        for (size_t i = 0; i < d->n; i++)
                if (strstr(d->v[i].msg, what))
                        return true;
        return false;
}

static long row_with_id(const struct sheet *sh, const char *id)
{
        int c = sheet_col(sh, "id");
        for (size_t i = 0; i < sh->nrows; i++)
                if (!sh->rows[i].bad && strcmp(sheet_get(sh, i, c), id) == 0)
                        return (long)i;
        return -1;
}

/* --- round trip ------------------------------------------------------------ */

static const char *const pieces[] = {
    "\"",
    ",",
    "\r",
    "\n",
    "\r\n",
    "=",
    "+",
    "-",
    "@",
    "'",
    "''",
    "\t",
    "\xc3\xa9",
    "\xe4\xbd\x9c",
    "\xf0\x9f\x98\x80",
    " ",
    "abc",
    "x y",
    "1+2",
    "\"\"",
    ";",
    "A1.1; D1.2",
    "''=",
    "\r\r",
    "\n\n",
    "sep=,",
    "0",
    "\xef\xbb\xbf",
};
static const char *const leads[] = {"=",  "+",   "-",   "@",  "'",   "''", "'''",
                                    "'=", "''-", "'\r", "\t", "'\t", " ",  ""};

static char *random_value(void)
{
        struct buf b = {0};
        int kind = rand() % 10;
        if (kind == 0)
                return xstrdup("");
        if (kind <= 4)
                buf_adds(&b, leads[rand() % (int)(sizeof leads / sizeof *leads)]);
        int n = rand() % 7;
        for (int i = 0; i < n; i++)
                buf_adds(&b, pieces[rand() % (int)(sizeof pieces / sizeof *pieces)]);
        if (rand() % 6 == 0)
                buf_adds(&b, "  ");
        return buf_take(&b);
}

Test(sheet, round_trip_10000_random_values)
{
        enum { ROWS = 1000, COLS = 10 };
        static const char *const cols[COLS] = {"id",      "status",   "date",       "ref",
                                               "summary", "elements", "indicators", "extra one",
                                               "x",       "y"};
        srand(1);
        char **vals = xcalloc(ROWS * COLS, sizeof *vals);
        char *p = tpath("rt.csv");
        struct sheet sh;
        struct diag d = {0};
        sheet_init_new(&sh, p, cols, COLS, false);
        for (size_t r = 0; r < ROWS; r++) {
                size_t row = sheet_append(&sh);
                cr_assert_eq(row, r);
                for (int c = 0; c < COLS; c++) {
                        vals[r * COLS + c] = random_value();
                        sheet_set(&sh, row, c, vals[r * COLS + c]);
                }
        }
        /* the values in memory are what was set */
        for (size_t r = 0; r < ROWS; r++)
                for (int c = 0; c < COLS; c++)
                        cr_assert_str_eq(sheet_get(&sh, r, c), vals[r * COLS + c]);
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0, "save: %s", d.n ? d.v[0].msg : "");
        sheet_free(&sh);

        struct sheet back;
        cr_assert_eq(sheet_load(&back, p, &d), 0);
        cr_assert_eq(d.n, 0, "problems on reload: %s (line %u)", d.n ? d.v[0].msg : "",
                     d.n ? d.v[0].line : 0);
        cr_assert_eq(back.ncols, COLS);
        cr_assert_eq(back.nrows, ROWS);
        for (int c = 0; c < COLS; c++)
                cr_assert_eq(sheet_col(&back, c == 7 ? "extra_one" : cols[c]), c);
        for (size_t r = 0; r < ROWS; r++) {
                cr_assert(!back.rows[r].bad, "row %zu bad", r);
                cr_assert_eq(back.rows[r].ncells, COLS, "row %zu has %u cells", r,
                             back.rows[r].ncells);
                for (int c = 0; c < COLS; c++)
                        cr_assert(strcmp(sheet_get(&back, r, c), vals[r * COLS + c]) == 0,
                                  "row %zu col %d: got \"%s\", wanted \"%s\"", r, c,
                                  text_safe(sheet_get(&back, r, c)), text_safe(vals[r * COLS + c]));
        }

        size_t len1, len2, len3;
        char *first = read_bytes(p, &len1);
        /* a forced save of the unchanged sheet writes the same bytes */
        cr_assert_eq(sheet_save(&back, 0600, true, &d), 0);
        char *second = read_bytes(p, &len2);
        cr_assert_eq(len1, len2);
        cr_assert(memcmp(first, second, len1) == 0, "a second save changed the file");
        /* rows re-encoded from their cells give the same bytes too: no growth */
        for (size_t r = 0; r < ROWS; r++) {
                char *keep = xstrdup(sheet_get(&back, r, 4));
                sheet_set(&back, r, 4, "changed");
                sheet_set(&back, r, 4, keep);
                free(keep);
        }
        cr_assert_eq(sheet_save(&back, 0600, false, &d), 0);
        char *third = read_bytes(p, &len3);
        cr_assert_eq(len1, len3, "re-encoding changed the length: %zu → %zu", len1, len3);
        cr_assert(memcmp(first, third, len1) == 0, "re-encoding changed the bytes");

        struct stat sb;
        cr_assert_eq(stat(p, &sb), 0);
        cr_assert_eq(sb.st_mode & 0777, 0600);

        free(first), free(second), free(third);
        sheet_free(&back);
        for (size_t i = 0; i < ROWS * COLS; i++)
                free(vals[i]);
        free(vals);
        free(p);
        diag_free(&d);
}

Test(sheet, encode_matches_save)
{
        static const char *const cols[] = {"id", "summary"};
        struct sheet sh;
        char *p = tpath("enc.csv");
        sheet_init_new(&sh, p, cols, 2, true);
        size_t r = sheet_append(&sh);
        sheet_set(&sh, r, 0, "E1");
        sheet_set(&sh, r, 1, "=HYPERLINK(\"x\")");
        struct buf b = {0};
        sheet_encode(&sh, &b);
        cr_assert_str_eq(buf_str(&b),
                         "\xef\xbb\xbfid,summary\r\nE1,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
        struct diag d = {0};
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *got = read_bytes(p, &len);
        cr_assert_eq(len, b.len);
        cr_assert(memcmp(got, b.s, len) == 0);
        free(got);
        buf_free(&b);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* --- spreadsheet quirks ------------------------------------------------------ */

Test(sheet, bom_crlf_sep_line_kept_on_edit)
{
        const char *in = "\xef\xbb\xbfsep=,\r\n"
                         " ID ,Status,Signed By,Summary,Assessor-Note\r\n"
                         "E1,actual,Ann,\"one, with comma\",kept\r\n"
                         "E2,planned,,two,\r\n"
                         "E3,actual,Bob,\"multi\r\nline\",\"x \"\"q\"\"\"\r\n";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "excel.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        cr_assert(sh.bom);
        cr_assert_eq(sh.eol, EOL_CRLF);
        cr_assert_gt(sh.sep_len, 0);
        cr_assert_eq(sheet_col(&sh, "id"), 0);
        cr_assert_eq(sheet_col(&sh, "status"), 1);
        cr_assert_eq(sheet_col(&sh, "signed_by"), 2);
        cr_assert_eq(sheet_col(&sh, "summary"), 3);
        cr_assert_eq(sheet_col(&sh, "assessor_note"), 4);
        cr_assert_eq(sh.nrows, 3);
        cr_assert_eq(sh.header.line, 2);
        cr_assert_eq(sh.rows[0].line, 3);
        cr_assert_eq(sh.rows[1].line, 4);
        cr_assert_eq(sh.rows[2].line, 5);
        cr_assert_str_eq(sheet_get(&sh, 0, 3), "one, with comma");
        cr_assert_str_eq(sheet_get(&sh, 2, 3), "multi\r\nline");
        cr_assert_str_eq(sheet_get(&sh, 2, 4), "x \"q\"");

        sheet_set(&sh, 1, 3, "two, edited");
        size_t r = sheet_append(&sh);
        sheet_set(&sh, r, 0, "E4");
        sheet_set(&sh, r, 3, "new\nrow");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        const char *want = "\xef\xbb\xbfsep=,\r\n"
                           " ID ,Status,Signed By,Summary,Assessor-Note\r\n"
                           "E1,actual,Ann,\"one, with comma\",kept\r\n"
                           "E2,planned,,\"two, edited\",\r\n"
                           "E3,actual,Bob,\"multi\r\nline\",\"x \"\"q\"\"\"\r\n"
                           "E4,,,\"new\nrow\",\r\n";
        cr_assert_eq(len, strlen(want), "got: %s", text_safe(out));
        cr_assert_str_eq(out, want);
        free(out);
        sheet_free(&sh);

        /* and it loads again, the edit in place */
        cr_assert_eq(sheet_load(&sh, p, &d), 0);
        cr_assert_str_eq(sheet_get(&sh, 1, sheet_col(&sh, "summary")), "two, edited");
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, lone_cr_line_ends)
{
        const char *in = "id,status\rE1,actual\rE2,planned\r";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "cr.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(sh.eol, EOL_CR);
        cr_assert_eq(sh.nrows, 2);
        cr_assert_eq(sh.rows[1].line, 3);
        cr_assert_str_eq(sheet_get(&sh, 1, 1), "planned");
        sheet_set(&sh, 0, 1, "needs-update");
        size_t r = sheet_append(&sh);
        sheet_set(&sh, r, 0, "E3");
        sheet_set(&sh, r, 1, "na");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "id,status\rE1,needs-update\rE2,planned\rE3,na\r");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, lf_line_ends_and_missing_final_newline)
{
        const char *in = "id,status\nE1,actual\nE2,planned";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "lf.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(sh.eol, EOL_LF);
        cr_assert_eq(sh.nrows, 2);
        cr_assert_str_eq(sheet_get(&sh, 1, 1), "planned");
        size_t r = sheet_append(&sh);
        sheet_set(&sh, r, 0, "E3");
        sheet_set(&sh, r, 1, "actual");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "id,status\nE1,actual\nE2,planned\nE3,actual\n");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, trailing_empty_columns)
{
        const char *in = "id,status,,\nE1,actual,,\nE2,planned,,\n";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "trail.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(sh.ncols, 4);
        cr_assert_eq(sheet_col(&sh, "id"), 0);
        cr_assert_eq(sheet_col(&sh, "status"), 1);
        cr_assert_eq(sh.nrows, 2);
        cr_assert_str_eq(sheet_get(&sh, 1, 1), "planned");
        sheet_set(&sh, 0, 1, "na");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "id,status,,\nE1,na,,\nE2,planned,,\n");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, unknown_columns_kept_after_edit)
{
        const char *in = "id,assessor_note,status,summary,zz\n"
                         "E1,note one,actual,s1,=1+2\n"
                         "E2,\"note, two\",planned,s2,'keep\n"
                         "E3,,actual,s3,\n";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "unknown.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        int st = sheet_col(&sh, "status");
        cr_assert_eq(st, 2);
        sheet_set(&sh, 0, st, "needs-update");
        sheet_set(&sh, 2, sheet_col(&sh, "summary"), "s3 edited");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        /* E1 re-encoded from its cells: its unparsed =1+2 comes back guarded */
        cr_assert_str_eq(out, "id,assessor_note,status,summary,zz\n"
                              "E1,note one,needs-update,s1,'=1+2\n"
                              "E2,\"note, two\",planned,s2,'keep\n"
                              "E3,,actual,s3 edited,\n");
        free(out);
        sheet_free(&sh);
        cr_assert_eq(sheet_load(&sh, p, &d), 0);
        cr_assert_str_eq(sheet_get(&sh, 0, 1), "note one");
        cr_assert_str_eq(sheet_get(&sh, 0, 4), "=1+2");
        cr_assert_str_eq(sheet_get(&sh, 1, 1), "note, two");
        cr_assert_str_eq(sheet_get(&sh, 1, 4), "'keep");
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, quoting_differences)
{
        /* LibreOffice with "quote all text cells": same values, rows kept as written */
        const char *in = "\"id\",\"status\",\"summary\"\n"
                         "\"E1\",\"actual\",\"'=1+2\"\n"
                         "\"E2\",\"planned\",\"plain\"\n"
                         "E3,actual,\"\"\n";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "quoted.csv", in, strlen(in), &d, 0);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(sheet_col(&sh, "summary"), 2);
        cr_assert_str_eq(sheet_get(&sh, 0, 2), "=1+2");
        cr_assert_str_eq(sheet_get(&sh, 1, 2), "plain");
        cr_assert_str_eq(sheet_get(&sh, 2, 2), "");
        sheet_set(&sh, 2, 1, "na");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "\"id\",\"status\",\"summary\"\n"
                              "\"E1\",\"actual\",\"'=1+2\"\n"
                              "\"E2\",\"planned\",\"plain\"\n"
                              "E3,na,\n");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* --- malformed rows ---------------------------------------------------------- */

Test(sheet, malformed_rows_reported_and_kept)
{
        const char *in = "id,status,summary\n"        /* 1 */
                         "E1,actual,ok\n"             /* 2 */
                         "E2,actual,\"multi\n"        /* 3 */
                         "line\"\n"                   /* 4 */
                         "E3,bad\"quote,x\n"          /* 5 */
                         "E4,actual,fine\n"           /* 6 */
                         "E5,actual,\"unterminated\n" /* 7 */
                         "E6,actual,after\n"          /* 8 */
                         "E7,actual,last\n";          /* 9 */
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "bad.csv", in, strlen(in), &d, 0);
        cr_assert_eq(diag_count(&d, DIAG_ERROR), 2, "want two errors, got %zu", d.n);
        const struct diag_item *it = diag_at(&d, 5);
        cr_assert_not_null(it, "no problem reported at line 5 (the stray quote)");
        cr_assert_eq(it->level, DIAG_ERROR);
        cr_assert_str_eq(it->file, p);
        it = diag_at(&d, 7);
        cr_assert_not_null(it, "no problem reported at line 7 (the unterminated quote)");
        cr_assert_eq(it->level, DIAG_ERROR);

        static const char *const ids[] = {"E1", "E2", "E4", "E6", "E7"};
        static const unsigned lines[] = {2, 3, 6, 8, 9};
        for (size_t i = 0; i < 5; i++) {
                long r = row_with_id(&sh, ids[i]);
                cr_assert_geq(r, 0, "%s did not load", ids[i]);
                cr_assert_eq(sh.rows[r].line, lines[i], "%s on line %u", ids[i], sh.rows[r].line);
        }
        cr_assert_str_eq(sheet_get(&sh, (size_t)row_with_id(&sh, "E2"), 2), "multi\nline");
        cr_assert_str_eq(sheet_get(&sh, (size_t)row_with_id(&sh, "E7"), 2), "last");
        size_t nbad = 0;
        for (size_t i = 0; i < sh.nrows; i++)
                nbad += sh.rows[i].bad;
        cr_assert_eq(nbad, 2);

        /* edit a good row, save: the bad rows come back byte for byte */
        sheet_set(&sh, (size_t)row_with_id(&sh, "E4"), 1, "planned");
        sheet_set(&sh, (size_t)row_with_id(&sh, "E7"), 2, "last, edited");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "id,status,summary\n"
                              "E1,actual,ok\n"
                              "E2,actual,\"multi\n"
                              "line\"\n"
                              "E3,bad\"quote,x\n"
                              "E4,planned,fine\n"
                              "E5,actual,\"unterminated\n"
                              "E6,actual,after\n"
                              "E7,actual,\"last, edited\"\n");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* An unterminated quote followed by rows that themselves hold quoted fields:
 * the problem is where the quote was opened, and the later rows are rows. */
Test(sheet, unterminated_quote_before_quoted_rows)
{
        const char *in = "id,status,summary\n"          /* 1 */
                         "E1,actual,\"unterminated\n"   /* 2 */
                         "E2,actual,\"quoted, fine\"\n" /* 3 */
                         "E3,actual,last\n";            /* 4 */
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "unterm.csv", in, strlen(in), &d, 0);
        cr_assert_not_null(diag_at(&d, 2),
                           "the unterminated quote opened on line 2 is not reported "
                           "at line 2 (reported: %s at line %u)",
                           d.n ? d.v[0].msg : "nothing", d.n ? d.v[0].line : 0);
        cr_assert_geq(row_with_id(&sh, "E3"), 0, "E3 did not load");
        cr_assert_geq(row_with_id(&sh, "E2"), 0,
                      "E2 (a well-formed row after the bad one) did not load");
        size_t len;
        sheet_set(&sh, (size_t)row_with_id(&sh, "E3"), 1, "planned");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, "id,status,summary\n"
                              "E1,actual,\"unterminated\n"
                              "E2,actual,\"quoted, fine\"\n"
                              "E3,planned,last\n");
        free(out);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, invalid_utf8_row_is_bad_others_fine)
{
        const char *in = "id,summary\nE1,ok\nE2,caf\xe9\nE3,fine\n";
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&sh, "cp1252.csv", in, strlen(in), &d), 0);
        cr_assert_eq(d.n, 1);
        cr_assert_eq(d.v[0].line, 3);
        cr_assert_str_eq(d.v[0].file, "cp1252.csv");
        cr_assert(strstr(d.v[0].msg, "Windows-1252"), "message: %s", d.v[0].msg);
        cr_assert_eq(sh.nrows, 3);
        cr_assert(!sh.rows[0].bad);
        cr_assert(sh.rows[1].bad);
        cr_assert(!sh.rows[2].bad);
        cr_assert_str_eq(sheet_get(&sh, 2, 1), "fine");
        struct buf out = {0};
        sheet_set(&sh, 2, 1, "fine too");
        sheet_encode(&sh, &out);
        cr_assert_str_eq(buf_str(&out), "id,summary\nE1,ok\nE2,caf\xe9\nE3,fine too\n");
        buf_free(&out);
        sheet_free(&sh);
        diag_free(&d);
}

/* --- sniffing ------------------------------------------------------------------ */

static void refused(const char *data, size_t len, const char *what)
{
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&sh, "sniff.csv", data, len, &d), -1, "%s accepted", what);
        cr_assert(!sh.loaded);
        cr_assert_geq(d.n, 1);
        cr_assert(diag_mentions(&d, what), "no message naming %s (got: %s)", what,
                  d.n ? d.v[0].msg : "nothing");
        cr_assert_str_eq(d.v[0].file, "sniff.csv");
        sheet_free(&sh);
        diag_free(&d);
}

Test(sheet, sniff_refuses_what_is_not_csv)
{
        refused("", 0, "empty");
        refused("\xff\xfei\0d\0,\0s\0\r\0\n\0", 14, "UTF-16");
        refused("\xfe\xff\0i\0d", 6, "UTF-16");
        refused("PK\3\4\x14\0\6\0", 8, "ZIP");
        refused("id,status\nE1,a\0b\n", 17, "NUL");
        refused("i\0d\0,\0s\0", 8, "NUL");
        refused("sep=;\nid;status\nE1;actual\n", 26, "separator");
        refused("id;status;summary\nE1;actual;x\n", 30, "semicolon");
        refused("\n\r\n\n", 4, "header");
        refused("\xef\xbb\xbf", 3, "header");
}

Test(sheet, header_only_and_blank_lines)
{
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&sh, "h.csv", "id,status\n", 10, &d), 0);
        cr_assert_eq(sh.nrows, 0);
        cr_assert_eq(sh.ncols, 2);
        sheet_free(&sh);
        const char *in = "id,status\n\nE1,actual\n\n";
        cr_assert_eq(sheet_load_mem(&sh, "b.csv", in, strlen(in), &d), 0);
        cr_assert_eq(sh.nrows, 1);
        cr_assert_eq(sh.rows[0].line, 3);
        struct buf out = {0};
        sheet_encode(&sh, &out);
        cr_assert_str_eq(buf_str(&out), in, "blank lines are kept");
        buf_free(&out);
        sheet_free(&sh);
        diag_free(&d);
}

/* --- big cells ----------------------------------------------------------------- */

Test(sheet, five_megabyte_cell)
{
        const size_t cell = 5u * 1000u * 1000u - 64;
        struct buf in = {0};
        buf_adds(&in, "id,summary\nE1,\"");
        buf_grow(&in, cell + 64);
        for (size_t i = 0; i < cell; i++)
                in.s[in.len + i] = (i % 1000 == 999) ? ',' : (char)('a' + i % 26);
        in.len += cell;
        buf_adds(&in, "\"\nE2,small\n");
        cr_assert_leq(in.len, 5u * 1000u * 1000u);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&sh, "big.csv", in.s, in.len, &d), 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        cr_assert_lt(secs, 10.0, "loading a 5 MB cell took %.1f s", secs);
        cr_assert_eq(d.n, 0);
        cr_assert_eq(sh.nrows, 2);
        cr_assert_eq(strlen(sheet_get(&sh, 0, 1)), cell);
        cr_assert_eq(memcmp(sheet_get(&sh, 0, 1), in.s + strlen("id,summary\nE1,\""), cell), 0);
        cr_assert_str_eq(sheet_get(&sh, 1, 1), "small");
        sheet_free(&sh);
        buf_free(&in);
        diag_free(&d);
}

/* --- changed on disk ------------------------------------------------------------- */

Test(sheet, save_refuses_when_changed_on_disk)
{
        const char *in = "id,status\nE1,actual\n";
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "race.csv", in, strlen(in), &d, 0);
        cr_assert(!sheet_changed_on_disk(&sh));
        sheet_set(&sh, 0, 1, "planned");
        /* a spreadsheet saves the file meanwhile: same length, different bytes */
        const char *theirs = "id,status\nE1,ACTUAL\n";
        write_bytes(p, theirs, strlen(theirs));
        cr_assert(sheet_changed_on_disk(&sh));
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), -1);
        cr_assert_geq(d.n, 1);
        cr_assert(diag_mentions(&d, "changed on disk"), "message: %s", d.n ? d.v[0].msg : "");
        size_t len;
        char *out = read_bytes(p, &len);
        cr_assert_str_eq(out, theirs, "the changed file was touched");
        free(out);
        /* a longer change is refused too, even when forced */
        const char *more = "id,status\nE1,actual\nE2,planned\n";
        write_bytes(p, more, strlen(more));
        cr_assert_eq(sheet_save(&sh, 0600, true, &d), -1);
        out = read_bytes(p, &len);
        cr_assert_str_eq(out, more);
        free(out);
        /* and a deleted file is not silently re-created */
        cr_assert_eq(unlink(p), 0);
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), -1);
        cr_assert(!path_exists(p));
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

Test(sheet, new_file_mode_and_existing_mode_kept)
{
        static const char *const cols[] = {"id"};
        struct sheet sh;
        struct diag d = {0};
        char *p = tpath("mode.csv");
        sheet_init_new(&sh, p, cols, 1, false);
        sheet_set(&sh, sheet_append(&sh), 0, "E1");
        umask(022);
        cr_assert_eq(sheet_save(&sh, 0666, false, &d), 0);
        struct stat sb;
        cr_assert_eq(stat(p, &sb), 0);
        cr_assert_eq(sb.st_mode & 0007, 0, "world bits set: %o", sb.st_mode & 0777);
        sheet_free(&sh);
        cr_assert_eq(chmod(p, 0640), 0);
        cr_assert_eq(sheet_load(&sh, p, &d), 0);
        sheet_set(&sh, 0, 0, "E2");
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        cr_assert_eq(stat(p, &sb), 0);
        cr_assert_eq(sb.st_mode & 0777, 0640, "an existing sheet keeps its mode");
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* --- separators a spreadsheet may split on ------------------------------------ */

/* Is there a ';' or a tab outside quotes in the text? */
static bool bare_sep(const char *s, size_t len)
{
        bool in = false;
        for (size_t i = 0; i < len; i++) {
                if (s[i] == '"')
                        in = !in;
                else if (!in && (s[i] == ';' || s[i] == '\t'))
                        return true;
        }
        return false;
}

/* Every field capbook writes that holds a ';' or a tab is quoted: split on
 * comma, semicolon and tab, the file reads the same. */
Test(sheet, semicolons_and_tabs_are_quoted)
{
        static const char *const cols[] = {"id", "v"};
        struct sheet sh;
        char *p = tpath("semi.csv");
        sheet_init_new(&sh, p, cols, 2, false);
        srand(7);
        for (int i = 0; i < 2000; i++) {
                size_t r = sheet_append(&sh);
                char id[16];
                snprintf(id, sizeof id, "E%d", i);
                sheet_set(&sh, r, 0, id);
                char *v = random_value();
                sheet_set(&sh, r, 1, v);
                free(v);
        }
        sheet_set(&sh, sheet_append(&sh), 1, "A1.1; A1.2\tB1");
        struct buf b = {0};
        sheet_encode(&sh, &b);
        cr_assert_not(bare_sep(b.s, b.len), "a ';' or a tab outside quotes");
        cr_assert(strstr(b.s, ",\"A1.1; A1.2\tB1\"\n"));
        struct diag d = {0};
        struct sheet again;
        cr_assert_eq(sheet_load_mem(&again, "again.csv", b.s, b.len, &d), 0);
        cr_assert_eq(again.nrows, sh.nrows);
        for (size_t i = 0; i < sh.nrows; i++)
                cr_assert_str_eq(sheet_get(&again, i, 1), sheet_get(&sh, i, 1), "row %zu", i);
        cr_assert_eq(sheet_old_style_rows(&again), 0);
        sheet_free(&again);
        buf_free(&b);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* Rows written before: an unquoted ';' or tab marks the row old-style; the
 * encoder writes those rows again (quoted) and copies every other row as read. */
Test(sheet, old_style_rows_reencoded_once)
{
        const char *in = "id,elements,notes\n"
                         "E1,A1.1; A1.2,plain\n"                  /* old style */
                         "\"E2\",\"A1.1; A1.2\",\"all quoted\"\n" /* quoted: kept as is */
                         "E3,A1.1,a\ttab\n"                       /* old style */
                         "E4,A1.1,\"x; y\",\n";                   /* quoted, extra cell */
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "old.csv", in, strlen(in), &d, 0);
        cr_assert_eq(sheet_old_style_rows(&sh), 2);
        cr_assert(sh.rows[0].old_style && !sh.rows[1].old_style && sh.rows[2].old_style);
        struct buf b = {0};
        sheet_encode(&sh, &b);
        const char *want = "id,elements,notes\n"
                           "E1,\"A1.1; A1.2\",plain\n"
                           "\"E2\",\"A1.1; A1.2\",\"all quoted\"\n"
                           "E3,A1.1,\"a\ttab\"\n"
                           "E4,A1.1,\"x; y\",\n";
        cr_assert_str_eq(buf_str(&b), want);
        sh.dirty = true; /* a save that writes the sheet */
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0);
        cr_assert_eq(sheet_old_style_rows(&sh), 0);
        size_t len;
        char *got = read_bytes(p, &len);
        cr_assert_str_eq(got, want);
        free(got);
        buf_reset(&b);
        sheet_encode(&sh, &b);
        cr_assert_str_eq(buf_str(&b), want, "a second save is the same bytes");
        buf_free(&b);
        sheet_free(&sh);
        free(p);
        diag_free(&d);
}

/* --- cells decoded in place ------------------------------------------------ */

/* One field as some other program might write v: the formula guard's ' where
 * capbook's reader takes one off, quoted when it must be and at random when it
 * need not be. */
static void write_field_any_style(struct buf *out, const char *v)
{
        struct buf t = {0};
        if (guard_needed(v, strlen(v)))
                buf_addc(&t, '\'');
        buf_adds(&t, v);
        const char *s = buf_str(&t);
        bool must = strpbrk(s, ",\"\r\n;\t") != NULL || strncmp(s, "\xEF\xBB\xBF", 3) == 0 ||
                    strncasecmp(s, "sep=", 4) == 0;
        if (must || rand() % 3 == 0) {
                buf_addc(out, '"');
                for (const char *p = s; *p; p++) {
                        if (*p == '"')
                                buf_addc(out, '"');
                        buf_addc(out, *p);
                }
                buf_addc(out, '"');
        } else {
                buf_adds(out, s);
        }
        buf_free(&t);
}

enum { INPLACE_COLS = 4 };

/* A file of rows in every style a reader meets: quoted or not, doubled quotes,
 * guards, LF, CRLF and CR line ends, blank lines, malformed rows, records over
 * several lines, no line end at the end. vals gets the good rows' values
 * (NULL for a malformed row), nrows their number. */
static char *any_style_file(size_t want_bytes, bool with_bad, char ***vals, size_t *nrows,
                            size_t *len)
{
        static const char *const eols[] = {"\n", "\r\n", "\r"};
        struct buf f = {0};
        buf_adds(&f, "id,summary,elements,extra\n");
        size_t cap = 64, n = 0;
        *vals = xcalloc(cap * INPLACE_COLS, sizeof **vals);
        const char *prev_eol = "\n";
        while (f.len < want_bytes) {
                if (n == cap) {
                        *vals = xrealloc(*vals, cap * 2 * INPLACE_COLS * sizeof **vals);
                        memset(*vals + cap * INPLACE_COLS, 0, cap * INPLACE_COLS * sizeof **vals);
                        cap *= 2;
                }
                char **row = *vals + n * INPLACE_COLS;
                if (strcmp(prev_eol, "\r") != 0 && rand() % 40 == 0)
                        buf_adds(&f, prev_eol); /* a blank line before the row */
                int kind = with_bad ? rand() % 60 : 2;
                if (kind == 0) {
                        buf_adds(&f, "Ebad,x\"y,z"); /* a quote inside an unquoted field */
                } else if (kind == 1) {
                        buf_adds(&f, "Ebad,caf\xe9,z"); /* not UTF-8 */
                } else {
                        char id[32];
                        snprintf(id, sizeof id, "E%zu", n + 1);
                        row[0] = xstrdup(id);
                        for (int c = 1; c < INPLACE_COLS; c++)
                                row[c] = random_value();
                        for (int c = 0; c < INPLACE_COLS; c++) {
                                if (c)
                                        buf_addc(&f, ',');
                                write_field_any_style(&f, row[c]);
                        }
                }
                prev_eol = eols[rand() % 3];
                buf_adds(&f, prev_eol);
                n++;
        }
        if (rand() % 2) /* the last row without its line end */
                f.len -= strlen(prev_eol);
        *nrows = n;
        *len = f.len;
        return buf_take(&f);
}

static void assert_disk_bytes(const struct sheet *sh, const char *file, size_t len,
                              const char *when)
{
        struct buf b = {0};
        sheet_disk_bytes(sh, &b);
        cr_assert_eq(b.len, len, "%s: the bytes on disk made again: %zu bytes, not %zu", when,
                     b.len, len);
        cr_assert(memcmp(b.s, file, len) == 0, "%s: the bytes on disk made again differ", when);
        buf_free(&b);
}

/* The first nrows rows of sh are those of vals. */
static void assert_rows(const struct sheet *sh, char **vals, size_t nrows, const char *when)
{
        cr_assert_geq(sh->nrows, nrows, "%s: %zu rows, not %zu", when, sh->nrows, nrows);
        for (size_t r = 0; r < nrows; r++) {
                char **row = vals + r * INPLACE_COLS;
                cr_assert_eq(sh->rows[r].bad, row[0] == NULL, "%s: row %zu", when, r);
                for (int c = 0; row[0] && c < INPLACE_COLS; c++)
                        cr_assert(strcmp(sheet_get(sh, r, c), row[c]) == 0,
                                  "%s: row %zu col %d: \"%s\", wanted \"%s\"", when, r, c,
                                  text_safe(sheet_get(sh, r, c)), text_safe(row[c]));
        }
}

/* Cells decoded where they lie in the bytes read: the values are right, the
 * file as read is made again from them exactly (unchanged, after edits, after
 * rows are removed), a merge's base loads as it was, and a save writes what the
 * sheet encodes. */
static void inplace_round_trip(size_t want_bytes, bool with_bad, unsigned seed)
{
        srand(seed);
        char **vals;
        size_t nrows, len;
        char *file = any_style_file(want_bytes, with_bad, &vals, &nrows, &len);
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "inplace.csv", file, len, &d, 0);
        cr_assert_eq(sh.nrows, nrows);
        cr_assert(with_bad || d.n == 0, "%s at line %u", d.n ? d.v[0].msg : "",
                  d.n ? d.v[0].line : 0);
        assert_rows(&sh, vals, nrows, "as loaded");
        assert_disk_bytes(&sh, file, len, "as loaded");
        struct buf enc = {0};
        sheet_encode(&sh, &enc);
        cr_assert_eq(enc.len, len, "an unchanged sheet encodes as it was read");
        cr_assert(memcmp(enc.s, file, len) == 0, "an unchanged sheet encodes as it was read");
        cr_assert(!sheet_changed_on_disk(&sh));

        /* edits and removals: the disk's bytes stay known until the save */
        for (size_t r = 0; r < sh.nrows; r++)
                if (!sh.rows[r].bad && rand() % 7 == 0)
                        sheet_set(&sh, r, 1 + rand() % (INPLACE_COLS - 1), "edited, \"here\"");
        for (int k = 0; k < 30 && sh.nrows > 2; k++) {
                size_t at = k % 3 == 0 ? sh.nrows - 1 : (size_t)rand() % sh.nrows;
                sheet_remove(&sh, at);
                if (rand() % 2)
                        sheet_remove(&sh, at < sh.nrows ? at : sh.nrows - 1); /* and the next */
        }
        size_t added = sheet_append(&sh);
        sheet_set(&sh, added, 0, "Enew");
        assert_disk_bytes(&sh, file, len, "after edits");
        cr_assert(!sheet_changed_on_disk(&sh), "an edited sheet thinks its file changed");
        struct sheet base;
        struct diag quiet = {0};
        cr_assert_eq(sheet_load_disk(&base, &sh, &quiet), 0);
        cr_assert_eq(base.nrows, nrows);
        assert_rows(&base, vals, nrows, "the merge's base");
        sheet_free(&base);
        diag_free(&quiet);

        buf_reset(&enc);
        sheet_encode(&sh, &enc);
        cr_assert_eq(sheet_save(&sh, 0600, false, &d), 0, "save: %s", d.n ? d.v[d.n - 1].msg : "");
        size_t slen;
        char *saved = read_bytes(p, &slen);
        cr_assert_eq(slen, enc.len, "the save wrote %zu bytes, the sheet encodes %zu", slen,
                     enc.len);
        cr_assert(memcmp(saved, enc.s, slen) == 0, "the save wrote what the sheet does not encode");
        assert_disk_bytes(&sh, saved, slen, "after the save");
        cr_assert(!sheet_changed_on_disk(&sh), "just saved, yet changed on disk");
        /* and the saved file reads back as the same rows */
        struct sheet back;
        diag_free(&quiet);
        cr_assert_eq(sheet_load(&back, p, &quiet), 0);
        cr_assert_eq(back.nrows, sh.nrows);
        for (size_t r = 0; r < sh.nrows; r++)
                for (int c = 0; !sh.rows[r].bad && c < INPLACE_COLS; c++)
                        cr_assert_str_eq(sheet_get(&back, r, c), sheet_get(&sh, r, c));
        sheet_free(&back);
        diag_free(&quiet);

        free(saved);
        buf_free(&enc);
        sheet_free(&sh);
        for (size_t i = 0; i < nrows * INPLACE_COLS; i++)
                free(vals[i]);
        free(vals);
        free(file);
        free(p);
        diag_free(&d);
}

Test(sheet, decoded_in_place_made_again_exactly)
{
        for (unsigned seed = 1; seed <= 8; seed++)
                inplace_round_trip(40000, seed % 2 == 0, seed);
}

/* Over the size parsed in two halves at once: well formed (the halves kept),
 * and with malformed rows (parsed again in one pass). */
Test(sheet, decoded_in_place_two_halves)
{
        inplace_round_trip((size_t)9 << 20, false, 11);
        inplace_round_trip((size_t)9 << 20, true, 12);
}

/* A big file parsed in two halves whose second half has an unterminated quote:
 * parsed again in one pass, the rows of the first attempt put back as read. */
Test(sheet, two_halves_given_up_puts_bytes_back)
{
        srand(5);
        char **vals;
        size_t nrows, len;
        char *file = any_style_file((size_t)9 << 20, false, &vals, &nrows, &len);
        /* the unterminated quote: the last row's id opens a quote on its own line */
        struct buf f = {0};
        buf_add(&f, file, len);
        if (f.len && f.s[f.len - 1] != '\n' && f.s[f.len - 1] != '\r')
                buf_addc(&f, '\n');
        buf_adds(&f, "\"Eopen,never closed\nE99999999,last\n");
        struct sheet sh;
        struct diag d = {0};
        char *p = load_file(&sh, "halves.csv", f.s, f.len, &d, 0);
        cr_assert(diag_mentions(&d, "unterminated quoted field"));
        cr_assert_eq(sh.nrows, nrows + 2);
        assert_rows(&sh, vals, nrows, "reparsed");
        cr_assert_str_eq(sheet_get(&sh, nrows + 1, 0), "E99999999");
        assert_disk_bytes(&sh, f.s, f.len, "reparsed");
        sheet_free(&sh);
        for (size_t i = 0; i < nrows * INPLACE_COLS; i++)
                free(vals[i]);
        free(vals);
        free(file);
        buf_free(&f);
        free(p);
        diag_free(&d);
}
