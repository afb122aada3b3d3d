/* bench.c — timings of the core on one workbook, for tools/bench.sh: load + index
 * (cold, in a fresh child process, and warm), check, coverage + gaps, a linked-selection
 * change, a save (to a copy beside it, never the original) and peak memory; and, as
 * floors, read() of evidence.csv into fresh memory and libcsv alone parsing it.
 *
 * usage: build/bench WORKBOOK_DIR [RUNS]
 * Prints one "name value" line per measure (times are medians of RUNS, default 5;
 * CLOCK_MONOTONIC). Exit status 0; 1 the save failed; 2 the workbook cannot be used. */
#include "core/coverage.h"
#include "core/diag.h"
#include "core/fileio.h"
#include "core/text.h"
#include "core/workbook.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

static double now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

static double median(double *v, int n)
{
        qsort(v, (size_t)n, sizeof *v, cmp_double);
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long maxrss_kb(void)
{
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return ru.ru_maxrss; /* kilobytes on Linux */
}

static void die(const char *what, const char *path)
{
        fprintf(stderr, "bench: %s: %s: %s\n", path, what, strerror(errno));
        exit(2);
}

static void copy_file(const char *from, const char *to)
{
        char *data;
        size_t len;
        struct file_stamp st;
        if (file_read(from, &data, &len, &st) < 0)
                die("cannot read", from);
        int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
                die("cannot create", to);
        for (size_t off = 0; off < len;) {
                ssize_t w = write(fd, data + off, len - off);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        die("cannot write", to);
                }
                off += (size_t)w;
        }
        if (close(fd) < 0)
                die("cannot write", to);
        free(data);
}

/* Copies the regular files of dir into a new hidden folder beside it. */
static char *copy_workbook(const char *dir)
{
        char *parent = path_dirname(dir);
        char *tmpl = path_join(parent, ".bench-save-XXXXXX");
        free(parent);
        if (!mkdtemp(tmpl))
                die("cannot make a temporary folder", tmpl);
        DIR *dp = opendir(dir);
        if (!dp)
                die("cannot list", dir);
        struct dirent *de;
        while ((de = readdir(dp))) {
                if (de->d_name[0] == '.')
                        continue;
                char *from = path_join(dir, de->d_name);
                struct stat sb;
                if (stat(from, &sb) == 0 && S_ISREG(sb.st_mode)) {
                        char *to = path_join(tmpl, de->d_name);
                        copy_file(from, to);
                        free(to);
                }
                free(from);
        }
        closedir(dp);
        return tmpl;
}

static void remove_folder(const char *dir)
{
        DIR *dp = opendir(dir);
        if (!dp)
                return;
        struct dirent *de;
        while ((de = readdir(dp))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                char *p = path_join(dir, de->d_name);
                if (unlink(p) < 0)
                        fprintf(stderr, "bench: %s: cannot remove: %s\n", p, strerror(errno));
                free(p);
        }
        closedir(dp);
        if (rmdir(dir) < 0)
                fprintf(stderr, "bench: %s: cannot remove: %s\n", dir, strerror(errno));
}

static int open_or_die(struct workbook *wb, const char *dir, struct diag *d)
{
        if (workbook_open(wb, dir, NULL, d) < 0) {
                diag_print(d, stderr);
                fprintf(stderr, "bench: %s: cannot open the workbook\n", dir);
                exit(2);
        }
        return 0;
}

static volatile size_t sink;

struct load_result {
        double ms;
        long maxrss_kb;
        size_t ndiag;
        int rc;
};

/* One workbook_open in a child process: its time, peak RSS and problem count. */
static struct load_result load_in_child(const char *dir)
{
        struct load_result res = {0, 0, 0, -1};
        int fds[2];
        if (pipe(fds) < 0)
                die("cannot make a pipe", dir);
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
                die("cannot fork", dir);
        if (pid == 0) {
                close(fds[0]);
                struct diag d = {0};
                struct workbook wb;
                double t0 = now_ms();
                res.rc = workbook_open(&wb, dir, NULL, &d);
                res.ms = now_ms() - t0;
                res.maxrss_kb = maxrss_kb();
                res.ndiag = d.n;
                _exit(write(fds[1], &res, sizeof res) == (ssize_t)sizeof res ? 0 : 1);
        }
        close(fds[1]);
        ssize_t n = read(fds[0], &res, sizeof res);
        close(fds[0]);
        int status;
        waitpid(pid, &status, 0);
        if (n != (ssize_t)sizeof res || res.rc < 0) {
                fprintf(stderr, "bench: %s: the workbook could not be loaded\n", dir);
                exit(2);
        }
        return res;
}

/* Repeats fn until at least min_ms have passed; returns ms per call. */
static double per_call_ms(size_t (*fn)(const struct workbook *, const int *),
                          const struct workbook *wb, const int *args, double min_ms)
{
        size_t calls = 0;
        double t0 = now_ms(), t;
        do {
                sink += fn(wb, args);
                calls++;
                t = now_ms() - t0;
        } while (t < min_ms);
        return t / (double)calls;
}

/* The entries linked to capability args[0] (theme args[1]) at stage args[2]. */
static size_t select_capability(const struct workbook *wb, const int *args)
{
        size_t hits = 0;
        for (size_t i = 0; i < wb->nentries; i++)
                hits += entry_counts_for(wb, &wb->entries[i], args[0], args[1], args[2]) != 0;
        return hits;
}

/* The entries linked to unit args[0], element args[1]. */
static size_t select_element(const struct workbook *wb, const int *args)
{
        size_t hits = 0;
        for (size_t i = 0; i < wb->nentries; i++)
                hits += entry_counts_for_nos(wb, &wb->entries[i], args[0], args[1]) != 0;
        return hits;
}

struct csv_count {
        size_t fields, records;
};

static void count_field(void *s, size_t len, void *ctx)
{
        (void)s, (void)len;
        ((struct csv_count *)ctx)->fields++;
}

static void count_record(int c, void *ctx)
{
        (void)c;
        ((struct csv_count *)ctx)->records++;
}

/* The floor under a loader that holds the file: read() into fresh memory, as
 * sheet_load does in a new process (2 MiB-aligned and offered to transparent huge
 * pages, page faults included; a malloc'd buffer could be recycled from the heap
 * between runs), then libcsv alone parsing those bytes in one call, configured as
 * capbook configures it. Times in *read_ms, *parse_ms. */
static void libcsv_once(const char *path, struct csv_count *n, double *read_ms, double *parse_ms)
{
        double t0 = now_ms();
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) < 0)
                die("cannot read", path);
        size_t len = (size_t)sb.st_size;
        size_t huge = (size_t)2 << 20, cap = (len + 2 + huge - 1) & ~(huge - 1);
        void *mem;
        if (posix_memalign(&mem, huge, cap) != 0)
                die("cannot allocate memory for", path);
        char *data = mem;
#ifdef MADV_HUGEPAGE
        (void)madvise(data, cap, MADV_HUGEPAGE);
#endif
        for (size_t off = 0; off < len;) {
                ssize_t r = read(fd, data + off, len - off);
                if (r <= 0)
                        die("cannot read", path);
                off += (size_t)r;
        }
        close(fd);
        double t1 = now_ms();
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
        csv_set_blk_size(&p, 1u << 20);
        memset(n, 0, sizeof *n);
        if (csv_parse(&p, data, len, count_field, count_record, n) != len)
                fprintf(stderr, "bench: %s: libcsv: %s\n", path, csv_strerror(csv_error(&p)));
        csv_fini(&p, count_field, count_record, n);
        csv_free(&p);
        *parse_ms = now_ms() - t1;
        *read_ms = t1 - t0;
        free(data);
}

int main(int argc, char **argv)
{
        if (argc < 2 || argc > 3) {
                fprintf(stderr, "usage: %s WORKBOOK_DIR [RUNS]\n", argv[0]);
                return 2;
        }
        const char *dir = argv[1];
        int runs = argc > 2 ? atoi(argv[2]) : 5;
        if (runs < 1 || runs > MAX_RUNS) {
                fprintf(stderr, "bench: RUNS must be 1..%d\n", MAX_RUNS);
                return 2;
        }
        double t[MAX_RUNS];
        struct diag d = {0};
        struct workbook wb;
        long rss_base = maxrss_kb();

        /* load + index, cold: workbook_open in a fresh child process each run, as a
         * user's start pays it (every page of the heap faulted in); the peak memory
         * is the child's. Then warm: again in this process, where freed memory may
         * be recycled, which leaves mostly the CPU cost. */
        long rss_loaded = 0;
        size_t load_diags = 0;
        for (int r = 0; r < runs; r++) {
                struct load_result res = load_in_child(dir);
                t[r] = res.ms;
                rss_loaded = res.maxrss_kb > rss_loaded ? res.maxrss_kb : rss_loaded;
                load_diags = res.ndiag;
        }
        double load_cold = median(t, runs);
        for (int r = 0; r < runs; r++) {
                diag_clear(&d);
                double t0 = now_ms();
                open_or_die(&wb, dir, &d);
                t[r] = now_ms() - t0;
                if (r < runs - 1)
                        workbook_free(&wb);
        }
        const struct sheet *ev = &wb.sheets[WB_EVIDENCE];
        printf("workbook %s\n", dir);
        printf("entries %zu\n", wb.nentries);
        printf("evidence_bytes %zu\n", ev->len);
        printf("runs %d\n", runs);
        printf("load_ms %.3f\n", load_cold);
        printf("load_warm_ms %.3f\n", median(t, runs));
        if (load_diags) {
                fprintf(stderr, "bench: %zu problems reported on load, e.g.:\n", load_diags);
                diag_clear(&d);
                struct workbook w2;
                open_or_die(&w2, dir, &d);
                for (size_t i = 0; i < d.n && i < 5; i++) {
                        char *m = diag_format(&d.v[i]);
                        fprintf(stderr, "  %s\n", m);
                        free(m);
                }
                workbook_free(&w2);
        }

        /* check */
        size_t check_diags = 0;
        for (int r = 0; r < runs; r++) {
                diag_clear(&d);
                double t0 = now_ms();
                workbook_check(&wb, &d);
                t[r] = now_ms() - t0;
                check_diags = d.n;
        }
        printf("check_ms %.3f\n", median(t, runs));

        /* coverage + gaps at the workbook's stage */
        size_t ngaps = 0;
        for (int r = 0; r < runs; r++) {
                double t0 = now_ms();
                struct coverage c;
                struct gap *g;
                coverage_compute(&wb, wb.stage_index, &c);
                ngaps = coverage_gaps(&wb, &c, &g);
                t[r] = now_ms() - t0;
                gaps_free(g, ngaps);
                coverage_free(&c);
        }
        printf("gaps_ms %.3f\n", median(t, runs));

        /* a linked-selection change: which entries count for SLF, and for A1.1 */
        struct ref cap_ref, el_ref;
        if (!ref_parse(&wb.fw, "SLF", &cap_ref) || !ref_parse(&wb.fw, "A1.1", &el_ref)) {
                fprintf(stderr, "bench: SLF or A1.1 is not in the frameworks\n");
                return 2;
        }
        int cap_args[3] = {cap_ref.cap, -1, wb.stage_index};
        int el_args[2] = {el_ref.unit, el_ref.element};
        size_t cap_hits = select_capability(&wb, cap_args);
        size_t el_hits = select_element(&wb, el_args);
        for (int r = 0; r < runs; r++)
                t[r] = per_call_ms(select_capability, &wb, cap_args, 20) * 1e3;
        printf("select_cap_us %.3f\n", median(t, runs));
        for (int r = 0; r < runs; r++)
                t[r] = per_call_ms(select_element, &wb, el_args, 20) * 1e3;
        printf("select_element_us %.3f\n", median(t, runs));
        workbook_free(&wb);

        /* save: one changed cell in the last row of each sheet, written to a copy */
        char *copy = copy_workbook(dir);
        diag_clear(&d);
        open_or_die(&wb, copy, &d);
        size_t save_bytes = 0;
        int save_failed = 0;
        for (int r = 0; r < runs; r++) {
                char value[64];
                snprintf(value, sizeof value, "Bench Signer %d", r + 1);
                for (int s = 0; s < WB_NSHEETS; s++) {
                        struct sheet *sh = &wb.sheets[s];
                        if (!sh->loaded || !sh->nrows)
                                continue;
                        int col =
                            s == WB_EVIDENCE ? sheet_col(sh, "signed_by") : (int)sh->ncols - 1;
                        sheet_set(sh, sh->nrows - 1, col, value);
                }
                diag_clear(&d);
                double t0 = now_ms();
                if (workbook_save(&wb, &d) < 0)
                        save_failed = 1;
                t[r] = now_ms() - t0;
                save_bytes = wb.sheets[WB_EVIDENCE].len;
        }
        if (save_failed)
                diag_print(&d, stderr);
        printf("save_ms %.3f\n", median(t, runs));
        printf("save_bytes %zu\n", save_bytes);
        workbook_free(&wb);
        remove_folder(copy);
        free(copy);

        /* libcsv alone on the same bytes */
        char *evpath = path_join(dir, "evidence.csv");
        struct csv_count n;
        double t2[MAX_RUNS];
        for (int r = 0; r < runs; r++)
                libcsv_once(evpath, &n, &t2[r], &t[r]);
        free(evpath);
        printf("read_ms %.3f\n", median(t2, runs));
        printf("libcsv_ms %.3f\n", median(t, runs));

        printf("select_cap_hits %zu\n", cap_hits);
        printf("select_element_hits %zu\n", el_hits);
        printf("gaps %zu\n", ngaps);
        printf("load_problems %zu\n", load_diags);
        printf("check_problems %zu\n", check_diags);
        printf("libcsv_records %zu\n", n.records);
        printf("rss_base_kb %ld\n", rss_base);
        printf("peak_rss_kb %ld\n", rss_loaded);
        printf("save_failed %d\n", save_failed);
        diag_free(&d);
        return save_failed ? 1 : 0;
}
