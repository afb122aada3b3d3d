/* test_git.c — sharing through git: the merge driver (rows added on both sides,
 * the result whichever side merges into which, conflicts keeping ours and going
 * into the record, removed rows, style and unknown columns kept, rows that cannot
 * be parsed carried), history.csv's union and its chain, the site tag (read from
 * a repository's config, a worktree's too) and the ids minted with it, and
 * check's word on a clone without the driver. */
#include "core/conflict.h"
#include "core/fileio.h"
#include "core/git.h"
#include "core/history.h"
#include "core/merge.h"
#include "core/sheet.h"
#include "core/site.h"
#include "core/text.h"
#include "core/workbook.h"

#include "tests/unit/helpers.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TestSuite(git, .init = tmp_setup, .fini = tmp_teardown, .timeout = 30);

static const char HEAD[] =
    "id,status,date,ref,summary,elements,indicators,revamps,rationale,signed_by,signed_on\n";

static char *put(const char *name, const char *text)
{
        char *p = path_join(tmpdir, name);
        char *dir = path_dirname(p);
        mkdir(dir, 0700);
        free(dir);
        FILE *f = fopen(p, "w");
        cr_assert_not_null(f, "cannot write %s", p);
        fputs(text, f);
        fclose(f);
        return p;
}

static char *slurp(const char *path)
{
        char *data;
        size_t len;
        cr_assert_eq(file_read(path, &data, &len, NULL), 0, "cannot read %s", path);
        return data;
}

/* Runs the driver on copies: ours is a fresh copy of ours_text; returns the
 * merged bytes (caller frees) and the status in *rc. */
static char *drive(const char *sheet, const char *base, const char *ours, const char *theirs,
                   int *rc, struct diag *d)
{
        char *b = put("O.csv", base), *o = put("A.csv", ours), *t = put("B.csv", theirs);
        char *wbdir = path_join(tmpdir, "wb");
        mkdir(wbdir, 0700);
        char *pathname = path_join(wbdir, sheet);
        *rc = merge_driver(b, o, t, pathname, d);
        char *out = slurp(o);
        free(b), free(o), free(t), free(wbdir), free(pathname);
        return out;
}

static bool said(const struct diag *d, const char *text)
{
        for (size_t i = 0; i < d->n; i++)
                if (strstr(d->v[i].msg, text))
                        return true;
        return false;
}

/* Both clones added entries (their own site tags) and changed different fields:
 * no conflict, every row once, base rows first and the added ones in id order;
 * and the same bytes whichever side merges into which. */
Test(git, both_sides_add_and_edit_order_independent)
{
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base,
                   "%sE1,actual,2026-01-10,P1,one,A1.1,,,,,\n"
                   "E2,planned,2026-01-11,P2,two,,,,,,\n",
                   HEAD);
        buf_printf(&a,
                   "%sE1,actual,2026-01-10,P1,\"one, edited at a\",A1.1,,,,,\n"
                   "E2,planned,2026-01-11,P2,two,,,,,,\n"
                   "E3a,actual,2026-01-12,P3,three a,A1.2,,,,,\n"
                   "E4a,actual,2026-01-13,P4,=four a,,,,,,\n",
                   HEAD);
        buf_printf(&b,
                   "%sE1,actual,2026-01-10,P1,one,A1.1,,,,,\n"
                   "E2,planned,2026-01-14,P2,two,,,,,,\n"
                   "E3b,actual,2026-01-12,P3,three b,,,E2,,,\n",
                   HEAD);
        struct diag d = {0};
        int rc;
        char *ab = drive("evidence.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 0, "a clean merge said %d: %s", rc, first_msg(&d));
        char *ba = drive("evidence.csv", base.s, b.s, a.s, &rc, &d);
        cr_assert_eq(rc, 0);
        cr_assert_str_eq(ab, ba, "the result depends on the direction:\n%s\n---\n%s", ab, ba);
        struct buf want = {0};
        buf_printf(&want,
                   "%sE1,actual,2026-01-10,P1,\"one, edited at a\",A1.1,,,,,\n"
                   "E2,planned,2026-01-14,P2,two,,,,,,\n"
                   "E3a,actual,2026-01-12,P3,three a,A1.2,,,,,\n"
                   "E3b,actual,2026-01-12,P3,three b,,,E2,,,\n"
                   "E4a,actual,2026-01-13,P4,=four a,,,,,,\n",
                   HEAD);
        cr_assert_str_eq(ab, want.s);
        char *dir = path_join(tmpdir, "wb"), *rec = conflict_path(dir);
        cr_assert_not(path_exists(rec), "a clean merge wrote a conflict record");
        free(rec), free(dir);
        free(ab), free(ba);
        buf_free(&base), buf_free(&a), buf_free(&b), buf_free(&want);
        diag_free(&d);
}

/* The same field changed on both sides: exit 1, the sheet still a valid CSV
 * without markers holding our value, theirs in the record (source "git merge"). */
Test(git, conflict_keeps_ours_and_is_recorded)
{
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base, "%sE1,actual,2026-01-10,P1,one,A1.1,,,,,\n", HEAD);
        buf_printf(&a, "%sE1,actual,2026-01-10,P1,ours,A1.1,,,,,\n", HEAD);
        buf_printf(&b, "%sE1,actual,2026-01-10,P1,theirs,A1.1,,,,,\n", HEAD);
        struct diag d = {0};
        int rc;
        char *out = drive("evidence.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 1, "a conflict was not said (%d)", rc);
        cr_assert_null(strstr(out, "<<<<<<<"));
        cr_assert_not_null(strstr(out, ",ours,"), "%s", out);
        struct sheet sh;
        cr_assert_eq(sheet_load_mem(&sh, "merged", out, strlen(out), &d), 0);
        cr_assert_eq(sh.nrows, 1);
        cr_assert_not(sh.rows[0].bad);
        sheet_free(&sh);
        char *dir = path_join(tmpdir, "wb");
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 1);
        cr_assert_str_eq(l.v[0].sheet, "evidence.csv");
        cr_assert_str_eq(l.v[0].id, "E1");
        cr_assert_str_eq(l.v[0].field, "summary");
        cr_assert_str_eq(l.v[0].base, "one");
        cr_assert_str_eq(l.v[0].on_disk, "ours", "on_disk is the value the sheet keeps");
        cr_assert_str_eq(l.v[0].mine, "theirs", "mine is the value set aside");
        cr_assert_str_eq(l.v[0].source, "git merge");
        conflict_list_free(&l);
        cr_assert(said(&d, "changed on both sides"));
        free(dir), free(out);
        buf_free(&base), buf_free(&a), buf_free(&b);
        diag_free(&d);
}

/* A row one side removed: gone when the other left it alone; kept with ours
 * (and recorded) when ours changed it; gone (and recorded) when only theirs
 * changed what ours removed. */
Test(git, removed_rows)
{
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base,
                   "%sE1,actual,,P1,one,,,,,,\nE2,actual,,P2,two,,,,,,\n"
                   "E3,actual,,P3,three,,,,,,\n",
                   HEAD);
        /* ours: E1 removed, E2 changed; theirs: E1 changed, E2 removed, E3 removed */
        buf_printf(&a, "%sE2,actual,,P2,two ours,,,,,,\nE3,actual,,P3,three,,,,,,\n", HEAD);
        buf_printf(&b, "%sE1,actual,,P1,one theirs,,,,,,\n", HEAD);
        struct diag d = {0};
        int rc;
        char *out = drive("evidence.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 1);
        struct buf want = {0};
        buf_printf(&want, "%sE2,actual,,P2,two ours,,,,,,\n", HEAD);
        cr_assert_str_eq(out, want.s);
        char *dir = path_join(tmpdir, "wb");
        struct conflict_list l = {0};
        cr_assert_eq(conflict_read_all(dir, &l, &d), 2);
        for (size_t i = 0; i < l.n; i++) {
                cr_assert_str_eq(l.v[i].field, "summary");
                if (strcmp(l.v[i].id, "E1") == 0) {
                        cr_assert_str_eq(l.v[i].on_disk, "");
                        cr_assert_str_eq(l.v[i].mine, "one theirs");
                } else {
                        cr_assert_str_eq(l.v[i].id, "E2");
                        cr_assert_str_eq(l.v[i].on_disk, "two ours");
                        cr_assert_str_eq(l.v[i].mine, "");
                }
        }
        conflict_list_free(&l);
        free(dir), free(out);
        buf_free(&base), buf_free(&a), buf_free(&b), buf_free(&want);
        diag_free(&d);
}

/* A spreadsheet's file: BOM, CRLF, a column capbook does not know, fields quoted
 * where capbook would not, a row that cannot be parsed added on their side. All
 * kept; the rows taken from the other side written as capbook writes a row. */
Test(git, style_unknown_columns_and_bad_rows_kept)
{
        const char *h = "\xEF\xBB\xBF"
                        "id,status,date,ref,summary,elements,indicators,revamps,rationale,"
                        "signed_by,signed_on,room\r\n";
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base, "%s\"E1\",\"actual\",,P1,one,,,,,,,blue\r\n", h);
        buf_printf(&a, "%s\"E1\",\"actual\",,P1,one,,,,,,,green\r\nE2a,actual,,P2,two,,,,,,,\r\n",
                   h);
        buf_printf(&b, "%s\"E1\",\"actual\",,P1,one,,,,,,,blue\r\nE7,bad\"quote,,,,,,,,,,\r\n", h);
        struct diag d = {0};
        int rc;
        char *ab = drive("evidence.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 0, "%s", first_msg(&d));
        char *ba = drive("evidence.csv", base.s, b.s, a.s, &rc, &d);
        cr_assert_eq(rc, 0);
        cr_assert_str_eq(ab, ba);
        cr_assert(strncmp(ab, h, strlen(h)) == 0, "BOM or header lost:\n%s", ab);
        cr_assert_not_null(strstr(ab, ",green\r\n"));
        cr_assert_not_null(strstr(ab, "E2a,actual,,P2,two,,,,,,,\r\n"));
        cr_assert_not_null(strstr(ab, "E7,bad\"quote,,,,,,,,,,\r\n"), "the bad row was lost");
        cr_assert_null(strstr(ab, "blue"));
        for (const char *p = ab; (p = strchr(p, '\n')); p++)
                cr_assert_eq(p[-1], '\r', "a line end is not CRLF:\n%s", ab);
        free(ab), free(ba);
        buf_free(&base), buf_free(&a), buf_free(&b);
        diag_free(&d);
}

/* The merged sheet is what capbook writes for its rows: every row encoded afresh
 * under the same header gives the same bytes. */
Test(git, result_is_what_capbook_writes)
{
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base, "%sE1,actual,,P1,one,,,,,,\n", HEAD);
        buf_printf(&a, "%sE1,actual,,P1,one,,,,,,\nE2a,actual,,P2,\"two, with a comma\",,,,,,\n",
                   HEAD);
        buf_printf(&b, "%sE1,actual,,P1,\"one; \"\"quoted\"\"\",,,,,,\nE2b,planned,,P3,'+3,,,,,,\n",
                   HEAD);
        struct diag d = {0};
        int rc;
        char *out = drive("evidence.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 0);
        struct sheet sh, fresh;
        cr_assert_eq(sheet_load_mem(&sh, "merged", out, strlen(out), &d), 0);
        sheet_init_new(&fresh, "fresh", (const char *const *)sh.cols, sh.ncols, false);
        for (size_t i = 0; i < sh.nrows; i++) {
                size_t r = sheet_append(&fresh);
                for (unsigned c = 0; c < sh.ncols; c++)
                        sheet_set(&fresh, r, (int)c, sheet_get(&sh, i, (int)c));
        }
        struct buf enc = {0};
        sheet_encode(&fresh, &enc);
        cr_assert_str_eq(out, buf_str(&enc));
        cr_assert_eq(sh.nrows, 3);
        buf_free(&enc);
        sheet_free(&sh), sheet_free(&fresh);
        free(out);
        buf_free(&base), buf_free(&a), buf_free(&b);
        diag_free(&d);
}

/* units.csv is merged by unit: the same unit chosen on both sides is one row. */
Test(git, units_by_unit)
{
        const char *h = "unit,status,notes\n";
        struct buf base = {0}, a = {0}, b = {0};
        buf_printf(&base, "%sA1,planned,\n", h);
        buf_printf(&a, "%sA1,achieved,\nB4,planned,\n", h);
        buf_printf(&b, "%sA1,planned,see P/3\nB4,planned,\nA2,planned,\n", h);
        struct diag d = {0};
        int rc;
        char *out = drive("units.csv", base.s, a.s, b.s, &rc, &d);
        cr_assert_eq(rc, 0, "%s", first_msg(&d));
        struct buf want = {0};
        buf_printf(&want, "%sA1,achieved,see P/3\nA2,planned,\nB4,planned,\n", h);
        cr_assert_str_eq(out, want.s);
        free(out);
        buf_free(&base), buf_free(&a), buf_free(&b), buf_free(&want);
        diag_free(&d);
}

/* A row of a history.csv with its chain following prev (updated). */
static void hist_row(struct buf *b, char prev[65], const char *when, const char *id,
                     const char *what)
{
        struct history_row r = {0, when, "ann", "evidence.csv", id, what, "", "", NULL};
        char chain[65];
        history_chain(prev, &r, chain);
        buf_printf(b, "%s,ann,evidence.csv,%s,%s,,,%s\n", when, id, what, chain);
        memcpy(prev, chain, 65);
}

static size_t chain_errors(const char *dir)
{
        struct workbook wb;
        struct diag d = {0};
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0, "%s", first_msg(&d));
        diag_free(&d);
        history_check(&wb, &d);
        size_t n = 0;
        for (size_t i = 0; i < d.n; i++)
                n += strstr(d.v[i].msg, "chain") != NULL;
        workbook_free(&wb);
        diag_free(&d);
        return n;
}

/* history.csv: both sides' rows once, in time order (zones told apart), the
 * chain re-made from the first row one side lacked, a "merged" row, and check
 * content; a row changed by hand on one side is still reported after. */
Test(git, history_union_rechained)
{
        const char *h = "when,login,sheet,id,what,digest,fields,chain\n";
        struct buf common = {0}, a = {0}, b = {0};
        char pc[65] = "", pa[65], pb[65];
        buf_adds(&common, h);
        hist_row(&common, pc, "2026-01-10T09:00:00+00:00", "E1", "added");
        buf_adds(&a, common.s);
        buf_adds(&b, common.s);
        memcpy(pa, pc, 65);
        memcpy(pb, pc, 65);
        hist_row(&a, pa, "2026-01-11T09:00:00+00:00", "E2a", "added");
        hist_row(&a, pa, "2026-01-11T12:00:00+00:00", "E2a", "changed summary");
        hist_row(&b, pb, "2026-01-11T11:30:00+01:00", "E2b", "added"); /* 10:30 UTC */
        struct sheet so, st;
        struct diag d = {0};
        cr_assert_eq(sheet_load_mem(&so, "a", a.s, a.len, &d), 0);
        cr_assert_eq(sheet_load_mem(&st, "b", b.s, b.len, &d), 0);
        struct buf out = {0}, back = {0};
        cr_assert_eq(merge_history(&so, &st, "2026-01-12T08:00:00+00:00", "ann", &out), 2);
        cr_assert_eq(merge_history(&st, &so, "2026-01-12T08:00:00+00:00", "ann", &back), 2);
        cr_assert_str_eq(out.s, back.s, "the union depends on the direction:\n%s\n---\n%s", out.s,
                         back.s);
        const char *e2a = strstr(out.s, ",E2a,added"), *e2b = strstr(out.s, ",E2b,added"),
                   *e2a2 = strstr(out.s, ",E2a,changed"), *merged = strstr(out.s, ",merged,");
        cr_assert(e2a && e2b && e2a2 && merged, "%s", out.s);
        cr_assert(e2a < e2b && e2b < e2a2 && e2a2 < merged, "not in time order:\n%s", out.s);
        cr_assert_not_null(strstr(merged, pa), "the merged row does not name our last chain");
        cr_assert_not_null(strstr(merged, pb), "the merged row does not name their last chain");
        /* check accepts the re-chained trail */
        struct workbook wb;
        char *dir = path_join(tmpdir, "wb");
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        char *hp = path_join(dir, HISTORY_FILE);
        FILE *f = fopen(hp, "w");
        fputs(out.s, f);
        fclose(f);
        cr_assert_eq(chain_errors(dir), 0, "check refuses the merged history:\n%s", out.s);
        /* a row changed by hand on their side (its chain not made again) */
        sheet_free(&st);
        char *tampered = xstrdup(b.s), *at = strstr(tampered, "E2b,added");
        memcpy(at, "E2b,adder", 9);
        cr_assert_eq(sheet_load_mem(&st, "b", tampered, strlen(tampered), &d), 0);
        buf_reset(&out);
        merge_history(&so, &st, "2026-01-12T08:00:00+00:00", "ann", &out);
        f = fopen(hp, "w");
        fputs(out.s, f);
        fclose(f);
        cr_assert_eq(chain_errors(dir), 1, "a changed row was laundered by the merge:\n%s", out.s);
        (void)wb;
        free(tampered), free(hp), free(dir);
        sheet_free(&so), sheet_free(&st);
        buf_free(&common), buf_free(&a), buf_free(&b), buf_free(&out), buf_free(&back);
        diag_free(&d);
}

Test(git, id_forms)
{
        cr_assert_eq(site_id_number("E16", "E"), 16);
        cr_assert_eq(site_id_number("E16b", "E"), 16);
        cr_assert_eq(site_id_number("AP3abc", "AP"), 3);
        cr_assert_eq(site_id_number("E16abcd", "E"), 0, "a tag is 3 letters at most");
        cr_assert_eq(site_id_number("E16B", "E"), 0);
        cr_assert_eq(site_id_number("E", "E"), 0);
        cr_assert_eq(site_id_number("S4b", "E"), 0);
        unsigned long n;
        cr_assert_eq(site_id_scan("E12c,actual", 11, "E", &n), 4);
        cr_assert_eq(n, 12);
        cr_assert_eq(site_id_scan("E12cx y", 7, "E", &n), 0);
        const char *sorted[] = {"E2", "E9", "E10", "E10a", "E10b", "E11", "S1"};
        for (size_t i = 0; i + 1 < sizeof sorted / sizeof *sorted; i++)
                cr_assert_lt(site_id_cmp(sorted[i], sorted[i + 1]), 0, "%s, %s", sorted[i],
                             sorted[i + 1]);
        cr_assert_lt(site_id_cmp("A2", "A10"), 0);
        cr_assert(site_tag_valid("b") && site_tag_valid("ann"));
        cr_assert_not(site_tag_valid("") || site_tag_valid("anne") || site_tag_valid("B") ||
                      site_tag_valid("a1"));
        struct strlist used = {0};
        char tag[SITE_TAG_MAX + 1];
        site_tag_suggest("bob", &used, tag);
        cr_assert_str_eq(tag, "b");
        strlist_push(&used, "b");
        site_tag_suggest("bob", &used, tag);
        cr_assert_str_eq(tag, "bo");
        site_tag_suggest("4001", &used, tag);
        cr_assert_str_eq(tag, "a");
        strlist_free(&used);
}

/* A repository made by hand (what git would leave), config as git writes it. */
static void fake_repo(const char *top, const char *config)
{
        char *g = path_join(top, ".git"), *objects = path_join(g, "objects");
        mkdir(top, 0700);
        mkdir(g, 0700);
        mkdir(objects, 0700);
        char *refs = path_join(g, "refs");
        mkdir(refs, 0700);
        free(refs);
        char *head = path_join(g, "HEAD"), *cfg = path_join(g, "config");
        FILE *f = fopen(head, "w");
        fputs("ref: refs/heads/main\n", f);
        fclose(f);
        f = fopen(cfg, "w");
        fputs(config, f);
        fclose(f);
        free(g), free(objects), free(head), free(cfg);
}

static const char CONFIG_B[] =
    "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
    "[remote \"origin\"]\n\turl = /srv/hub.git\n"
    "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
    "[merge \"capbook\"]\n\tdriver = 'capbook' merge-driver %O %A %B %P\n"
    "[capbook]\n\tsite = b\n";

/* Ids minted on a clone tagged b end with b; the number is past every id in
 * the sheet whatever its tag, a tombstone and a row that cannot be parsed too. */
Test(git, new_ids_carry_the_site_tag)
{
        char *top = path_join(tmpdir, "clone");
        fake_repo(top, CONFIG_B);
        char *dir = path_join(top, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        char *ev = path_join(dir, "evidence.csv");
        FILE *f = fopen(ev, "w");
        fprintf(f,
                "%sE7,deleted,2026-01-01,,,,,,,,\nE9c,actual,,P,s,,,,,,\n"
                "E12a,bad\"quote,,,,,,,,,\n",
                HEAD);
        fclose(f);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        char *id = wb_new_id(&wb, WB_EVIDENCE), *sid = wb_new_id(&wb, WB_SESSIONS);
        cr_assert_str_eq(id, "E13b");
        cr_assert_str_eq(sid, "S1b");
        struct new_entry ne = {"actual", NULL, "P", "new", NULL, NULL, NULL, NULL};
        char *added = wb_add_entry(&wb, &ne, &d);
        cr_assert_str_eq(added, "E13b");
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        workbook_free(&wb);
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        free(id);
        id = wb_new_id(&wb, WB_EVIDENCE);
        cr_assert_str_eq(id, "E14b");
        workbook_free(&wb);
        /* outside a repository: plain ids */
        char *plain = path_join(tmpdir, "plain");
        cr_assert_eq(workbook_create(plain, "T", "manager", "AC", NULL, NULL, &d), 0);
        cr_assert_eq(workbook_open(&wb, plain, NULL, &d), 0);
        free(id);
        id = wb_new_id(&wb, WB_EVIDENCE);
        cr_assert_str_eq(id, "E1");
        workbook_free(&wb);
        free(id), free(sid), free(added), free(ev), free(dir), free(top), free(plain);
        diag_free(&d);
}

/* A linked worktree: .git is a file naming its git folder, whose commondir names
 * the main one, where the config is; its own config.worktree wins. */
Test(git, site_tag_of_a_worktree)
{
        char *main_top = path_join(tmpdir, "main");
        fake_repo(main_top, CONFIG_B);
        char *wtgit = path_join(main_top, ".git/worktrees"), *wt1 = path_join(wtgit, "w1");
        mkdir(wtgit, 0700);
        mkdir(wt1, 0700);
        char *p = path_join(wt1, "HEAD");
        FILE *f = fopen(p, "w");
        fputs("ref: refs/heads/w1\n", f);
        fclose(f);
        free(p);
        p = path_join(wt1, "commondir");
        f = fopen(p, "w");
        fputs("../..\n", f);
        fclose(f);
        free(p);
        char *wt = path_join(tmpdir, "wt"), *wb = path_join(wt, "wb");
        mkdir(wt, 0700);
        mkdir(wb, 0700);
        p = path_join(wt, ".git");
        f = fopen(p, "w");
        fprintf(f, "gitdir: %s\n", wt1);
        fclose(f);
        free(p);
        char *tag = site_tag_of(wb);
        cr_assert_not_null(tag);
        cr_assert_str_eq(tag, "b");
        free(tag);
        p = path_join(wt1, "config.worktree");
        f = fopen(p, "w");
        fputs("[capbook]\n\tsite = w\n", f);
        fclose(f);
        free(p);
        tag = site_tag_of(wb);
        cr_assert_str_eq(tag, "w");
        free(tag);
        free(main_top), free(wtgit), free(wt1), free(wt), free(wb);
}

/* A config the INI reader refuses (a key without "=", as git allows) is read
 * by git itself; an empty tag is no tag. */
Test(git, config_read_by_git_when_not_ini)
{
        struct buf out = {0};
        const char *v[] = {"git", "--version", NULL};
        if (git_run(v, &out, false) != 0) {
                buf_free(&out);
                tmp_teardown();
                cr_skip_test("git is not installed");
        }
        buf_free(&out);
        char *top = path_join(tmpdir, "r");
        fake_repo(top, "[core]\n\tbare\n[capbook]\n\tsite = c\n");
        char *tag = site_tag_of(top);
        cr_assert_not_null(tag, "the tag was not found");
        cr_assert_str_eq(tag, "c");
        free(tag);
        char *cfg = path_join(top, ".git/config");
        FILE *f = fopen(cfg, "w");
        fputs("[capbook]\n\tsite =\n", f);
        fclose(f);
        cr_assert_null(site_tag_of(top));
        free(cfg), free(top);
}

/* check: the sheets are given to the driver but this clone has none. */
Test(git, check_says_when_no_driver)
{
        char *top = path_join(tmpdir, "clone");
        fake_repo(top, "[core]\n\tbare = false\n");
        char *ga =
            put("clone/.gitattributes", "# ours\n*.ini text\nevidence.csv merge=capbook -text\n");
        struct diag d = {0};
        git_check(top, &d);
        cr_assert_eq(d.n, 1, "%zu messages", d.n);
        cr_assert_str_eq(d.v[0].file, ga);
        cr_assert_eq(d.v[0].line, 3);
        cr_assert(said(&d, "capbook git-setup"));
        diag_free(&d);
        char *cfg = path_join(top, ".git/config");
        FILE *f = fopen(cfg, "a");
        fputs("[merge \"capbook\"]\n\tdriver = capbook merge-driver %O %A %B %P\n", f);
        fclose(f);
        git_check(top, &d);
        cr_assert_eq(d.n, 0, "%s", first_msg(&d));
        free(cfg), free(ga), free(top);
}

/* A save that meets rows a pull brought in (another site's E3b) while this
 * session added its own E3a: both kept, in id order, ours not renumbered. */
Test(git, save_after_a_pull_keeps_id_order)
{
        char *top = path_join(tmpdir, "clone");
        char cfg[] = "[capbook]\n\tsite = a\n";
        fake_repo(top, cfg);
        char *dir = path_join(top, "wb");
        struct diag d = {0};
        cr_assert_eq(workbook_create(dir, "T", "manager", "AC", NULL, NULL, &d), 0);
        struct workbook wb;
        cr_assert_eq(workbook_open(&wb, dir, NULL, &d), 0);
        struct new_entry ne = {"actual", NULL, "P", "ours", NULL, NULL, NULL, NULL};
        char *e1 = wb_add_entry(&wb, &ne, &d);
        cr_assert_eq(workbook_save(&wb, &d), 0);
        ne.summary = "ours too";
        char *e2 = wb_add_entry(&wb, &ne, &d);
        cr_assert_str_eq(e2, "E2a");
        char *ev = path_join(dir, "evidence.csv");
        FILE *f = fopen(ev, "a");
        fputs("E2b,actual,,P,from b,,,,,,\n", f);
        fclose(f);
        cr_assert_eq(workbook_save(&wb, &d), 0, "%s", first_msg(&d));
        cr_assert_not(said(&d, "is now"), "renumbered: %s", first_msg(&d));
        char *data = slurp(ev);
        char *a = strstr(data, "E2a,"), *b = strstr(data, "E2b,");
        cr_assert(a && b && a < b, "%s", data);
        workbook_free(&wb);
        cr_assert_eq(chain_errors(dir), 0);
        free(data), free(ev), free(e1), free(e2), free(dir), free(top);
        diag_free(&d);
}
