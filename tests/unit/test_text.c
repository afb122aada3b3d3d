/* test_text.c — the formula guard, the display sanitiser, UTF-8 checks, dates and
 * `;` lists: the string handling every value from a file goes through. */
#include "core/sheet.h"
#include "core/text.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

TestSuite(text, .timeout = 30);

/* The field exactly as sheet_encode_field writes it. */
static char *encoded(const char *v)
{
        struct buf b = {0};
        sheet_encode_field(&b, v);
        return buf_take(&b);
}

static char *sanitized(const char *s, size_t len, bool keep_newlines)
{
        struct buf b = {0};
        text_sanitize(&b, s, len, keep_newlines);
        buf_str(&b);
        return buf_take(&b);
}

#define GUARD(s)   guard_needed((s), strlen(s))
#define GUARDED(s) guard_present((s), strlen(s))

Test(text, guard_needed_on_spec_examples)
{
        cr_assert(GUARD("=1+2"));
        cr_assert(GUARD("'=1+2"));
        cr_assert(GUARD("''=1+2"));
        cr_assert(GUARD("-5"));
        cr_assert(GUARD("+44 1234"));
        cr_assert(GUARD("@SUM(A1)"));
        cr_assert(GUARD("\tx"));
        cr_assert(GUARD("\rx"));
        cr_assert(GUARD("'\rx"));
        cr_assert(!GUARD("'Tis"));
        cr_assert(!GUARD("'"));
        cr_assert(!GUARD("''"));
        cr_assert(!GUARD(""));
        cr_assert(!GUARD("plain"));
        cr_assert(!GUARD("1-2"));
        cr_assert(!GUARD(" =1"));
}

Test(text, guard_present_on_spec_examples)
{
        cr_assert(GUARDED("'=1+2"));
        cr_assert(GUARDED("''=1+2"));
        cr_assert(GUARDED("'-5"));
        cr_assert(GUARDED("'@x"));
        cr_assert(GUARDED("'\tx"));
        cr_assert(GUARDED("'\rx"));
        cr_assert(!GUARDED("=1+2"), "a value without a ' carries no guard");
        cr_assert(!GUARDED("-5"));
        cr_assert(!GUARDED("'Tis"));
        cr_assert(!GUARDED("'"));
        cr_assert(!GUARDED("''"));
        cr_assert(!GUARDED(""));
}

Test(text, guard_as_written)
{
        static const char *const cases[][2] = {
            {"=1+2", "'=1+2"},
            {"'=1+2", "''=1+2"},
            {"''=1+2", "'''=1+2"},
            {"-5", "'-5"},
            {"+5", "'+5"},
            {"@x", "'@x"},
            {"'Tis", "'Tis"},
            {"'", "'"},
            {"''", "''"},
            {"", ""},
            {"\tx", "\"'\tx\""}, /* a tab is quoted: a spreadsheet may split on it */
            {"A1.1; A1.2", "\"A1.1; A1.2\""},
            {"a\tb", "\"a\tb\""},
            {"\rx", "\"'\rx\""},
            {"=a,b", "\"'=a,b\""},
            {"=\"q\"", "\"'=\"\"q\"\"\""},
            {"a\"b", "\"a\"\"b\""},
            {"line\nbreak", "\"line\nbreak\""},
            {" spaced ", " spaced "},
        };
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
                char *got = encoded(cases[i][0]);
                cr_assert_str_eq(got, cases[i][1], "case %zu: encoded wrongly", i);
                free(got);
        }
}

Test(text, guard_round_trips_through_a_sheet)
{
        static const char *const values[] = {"=1+2", "'=1+2", "''=1+2", "-5",  "'-5", "'Tis",
                                             "'",    "''",    "'''",    "\tx", "\rx", "'\rx",
                                             "@",    "'@",    "+",      "-",   "=",   ""};
        const size_t n = sizeof values / sizeof *values;
        struct buf csv = {0};
        buf_adds(&csv, "v\n");
        for (size_t i = 0; i < n; i++) {
                if (!*values[i])
                        buf_adds(&csv, "\"\""); /* a lone empty field */
                else
                        sheet_encode_field(&csv, values[i]);
                buf_addc(&csv, '\n');
        }
        struct sheet sh;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&sh, "guard.csv", csv.s, csv.len, &d), 0);
        cr_assert_eq(d.n, 0, "no problems expected");
        cr_assert_eq(sh.nrows, n);
        for (size_t i = 0; i < n; i++)
                cr_assert_str_eq(sheet_get(&sh, i, 0), values[i], "value %zu", i);
        sheet_free(&sh);
        diag_free(&d);
        buf_free(&csv);
}

Test(text, sanitize_controls)
{
        char *s = sanitized("a\x1b[2Jb", 6, false);
        cr_assert_str_eq(s, "a^[[2Jb");
        free(s);
        s = sanitized("bell\a", 5, false);
        cr_assert_str_eq(s, "bell^G");
        free(s);
        s = sanitized("del\x7f", 4, false);
        cr_assert_str_eq(s, "del^?");
        free(s);
        s = sanitized("tab\there", 8, false);
        cr_assert_str_eq(s, "tab^Ihere");
        free(s);
        s = sanitized("cr\rx", 4, false);
        cr_assert_str_eq(s, "cr^Mx");
        free(s);
        s = sanitized("nul\0x", 5, false);
        cr_assert_str_eq(s, "nul^@x");
        free(s);
}

Test(text, sanitize_c1_bidi_and_invalid_bytes)
{
        char *s = sanitized("x\xc2\x9by", 4, false); /* U+009B, the 8-bit CSI */
        cr_assert_str_eq(s, "x<U+009B>y");
        free(s);
        s = sanitized("\xe2\x80\xae"
                      "abc",
                      6, false); /* U+202E RIGHT-TO-LEFT OVERRIDE */
        cr_assert_str_eq(s, "<U+202E>abc");
        free(s);
        s = sanitized("caf\xe9", 4, false); /* Windows-1252 é: not UTF-8 */
        cr_assert_str_eq(s, "caf\\xe9");
        free(s);
        s = sanitized("\x9b[2J", 4, false); /* a raw C1 byte */
        cr_assert_str_eq(s, "\\x9b[2J");
        free(s);
        s = sanitized("caf\xc3\xa9 \xe4\xbd\x9c \xf0\x9f\x98\x80", 14, false);
        cr_assert_str_eq(s, "caf\xc3\xa9 \xe4\xbd\x9c \xf0\x9f\x98\x80", "valid text is kept");
        free(s);
        s = sanitized("\xe2\x80\x8b", 3, false); /* zero-width space */
        cr_assert_str_eq(s, "<U+200B>");
        free(s);
}

Test(text, sanitize_newlines_only_when_asked)
{
        char *s = sanitized("a\nb", 3, false);
        cr_assert_str_eq(s, "a^Jb");
        free(s);
        s = sanitized("a\nb", 3, true);
        cr_assert_str_eq(s, "a\nb");
        free(s);
        s = sanitized("a\r\nb", 4, true);
        cr_assert_str_eq(s, "a^M\nb", "only the newline is let through");
        free(s);
}

Test(text, text_safe_is_sanitised)
{
        cr_assert_str_eq(text_safe("\x1b]52;c;aGk=\a"), "^[]52;c;aGk=^G");
        cr_assert_str_eq(text_safe(NULL), "");
}

#define VALID(s, n, bad) utf8_valid((s), (n), (bad))

Test(text, utf8_valid_rejects_bad_sequences)
{
        size_t bad = 99;
        cr_assert(VALID("plain ascii", 11, &bad));
        cr_assert(VALID("caf\xc3\xa9 \xe4\xbd\x9c \xf0\x9f\x98\x80", 14, NULL));
        cr_assert(VALID("\xf4\x8f\xbf\xbf", 4, NULL), "U+10FFFF is the last code point");
        cr_assert(VALID("", 0, NULL));

        bad = 99;
        cr_assert(!VALID("\xc0\x80", 2, &bad), "overlong NUL");
        cr_assert_eq(bad, 0);
        bad = 99;
        cr_assert(!VALID("ab\xe0\x80\xaf", 5, &bad), "overlong '/'");
        cr_assert_eq(bad, 2);
        bad = 99;
        cr_assert(!VALID("x\xed\xa0\x80", 4, &bad), "a UTF-16 surrogate");
        cr_assert_eq(bad, 1);
        bad = 99;
        cr_assert(!VALID("\xf4\x90\x80\x80", 4, &bad), "above U+10FFFF");
        cr_assert_eq(bad, 0);
        bad = 99;
        cr_assert(!VALID("ab\xe2\x82", 4, &bad), "truncated sequence at the end");
        cr_assert_eq(bad, 2);
        bad = 99;
        cr_assert(!VALID("ab\xe2\x82x", 5, &bad), "truncated sequence mid-text");
        cr_assert_eq(bad, 2);
        bad = 99;
        cr_assert(!VALID("caf\xe9", 4, &bad), "Latin-1");
        cr_assert_eq(bad, 3);
        cr_assert(!VALID("\x80", 1, NULL), "a lone continuation byte");
        cr_assert(!VALID("\xff", 1, NULL));
}

Test(text, date_valid_real_dates_only)
{
        cr_assert(date_valid("2024-02-29"));
        cr_assert(date_valid("2000-02-29"));
        cr_assert(date_valid("2026-01-15"));
        cr_assert(date_valid("2026-12-31"));
        cr_assert(!date_valid("2023-02-29"));
        cr_assert(!date_valid("1900-02-29"));
        cr_assert(!date_valid("2026-13-01"));
        cr_assert(!date_valid("2026-00-10"));
        cr_assert(!date_valid("2026-04-31"));
        cr_assert(!date_valid("2026-01-00"));
        cr_assert(!date_valid("2026-1-15"));
        cr_assert(!date_valid("15/01/2026"));
        cr_assert(!date_valid("2026-01-15 "));
        cr_assert(!date_valid(""));
}

Test(text, date_today_honours_capbook_today)
{
        char out[11];
        setenv("CAPBOOK_TODAY", "2026-01-15", 1);
        date_today(out);
        cr_assert_str_eq(out, "2026-01-15");
}

Test(text, strlist_split_trims_and_drops_empties)
{
        struct strlist l = {0};
        strlist_split(&l, "A1.1; D1.2 ;;  x ");
        cr_assert_eq(l.n, 3);
        cr_assert_str_eq(l.v[0], "A1.1");
        cr_assert_str_eq(l.v[1], "D1.2");
        cr_assert_str_eq(l.v[2], "x");
        cr_assert(strlist_has(&l, "D1.2"));
        cr_assert(!strlist_has(&l, "D1"));
        struct buf b = {0};
        strlist_join(&l, &b);
        cr_assert_str_eq(buf_str(&b), "A1.1; D1.2; x");
        buf_free(&b);
        strlist_free(&l);

        strlist_split(&l, " ; ;");
        cr_assert_eq(l.n, 0);
        strlist_split(&l, "");
        cr_assert_eq(l.n, 0);
        strlist_free(&l);
}

/* The lines text_wrap_line makes of s at width, joined with |. */
static char *wrapped(const char *s, int width)
{
        struct buf b = {0};
        for (const char *p = s;;) {
                const char *next;
                size_t len = text_wrap_line(p, width, &next);
                buf_add(&b, p, len);
                if (!p[len])
                        break;
                buf_addc(&b, '|');
                p = next;
        }
        buf_str(&b);
        return buf_take(&b);
}

Test(text, wrap_at_spaces_widths_and_newlines)
{
        setlocale(LC_ALL, "C.UTF-8");
        char *w = wrapped("the quick brown fox", 10);
        cr_assert_str_eq(w, "the quick |brown fox");
        free(w);
        /* no space to break at: cut at the width, at least one character */
        w = wrapped("abcdefghij", 4);
        cr_assert_str_eq(w, "abcd|efgh|ij");
        free(w);
        w = wrapped("\xe6\xbc\xa2\xe5\xad\x97x", 1); /* two wide characters */
        cr_assert_str_eq(w, "\xe6\xbc\xa2|\xe5\xad\x97|x");
        free(w);
        /* widths by display columns: a wide character takes two */
        w = wrapped("\xe6\xbc\xa2\xe5\xad\x97 caf\xc3\xa9 ok", 8);
        cr_assert_str_eq(w, "\xe6\xbc\xa2\xe5\xad\x97 |caf\xc3\xa9 ok");
        free(w);
        /* a newline ends a line, an empty one included */
        w = wrapped("one\n\ntwo words", 20);
        cr_assert_str_eq(w, "one||two words");
        free(w);
        const char *next;
        cr_assert_eq(text_wrap_line("", 5, &next), 0);
        cr_assert_eq(*next, '\0');
        setlocale(LC_ALL, "C");
}

/* A word that ends at the edge stays on its line (the space after it is where
 * the line breaks), as a terminal of that width would show it. */
Test(text, wrap_fills_the_width)
{
        char *w = wrapped("the quick brown fox", 9);
        cr_assert_str_eq(w, "the quick|brown fox");
        free(w);
        const char *next;
        cr_assert_eq(text_wrap_line("abc def", 3, &next), 3);
        cr_assert_str_eq(next, "def");
}

/* text_wrap_words breaks where text_wrap_line does, but never inside a word. */
Test(text, wrap_words_keeps_a_long_word_whole)
{
        const char *next;
        const char *s = "/a/very/long/path/to/a/file then more";
        size_t n = text_wrap_words(s, 10, &next);
        cr_assert_eq(n, strlen("/a/very/long/path/to/a/file"));
        cr_assert_str_eq(next, " then more");
        cr_assert_eq(text_wrap_words("the quick brown", 10, &next), strlen("the quick "));
        cr_assert_str_eq(next, "brown");
        cr_assert_eq(text_wrap_words("word\nnext", 2, &next), 4);
        cr_assert_str_eq(next, "next");
}

/* A reference list's items: trimmed, empty ones skipped, as every sheet reads
 * its lists. */
Test(text, list_items_trimmed_and_empty_ones_skipped)
{
        const char *p = " A1.1 ;;\tSLF.2 ; ;E1", *item;
        size_t n;
        const char *want[] = {"A1.1", "SLF.2", "E1"};
        for (int i = 0; i < 3; i++) {
                cr_assert(list_next(&p, &item, &n));
                cr_assert_eq(n, strlen(want[i]));
                cr_assert_eq(strncmp(item, want[i], n), 0);
        }
        cr_assert_not(list_next(&p, &item, &n));
        p = "";
        cr_assert_not(list_next(&p, &item, &n));
}
