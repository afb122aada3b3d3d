/* sheet.h — one CSV sheet on libcsv: columns by header name, unknown columns and
 * unparsable rows kept byte for byte, BOM and line ends kept, atomic saves. */
#ifndef CAPBOOK_SHEET_H
#define CAPBOOK_SHEET_H

#include "core/diag.h"
#include "core/fileio.h"
#include "core/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sheet_eol { EOL_LF, EOL_CRLF, EOL_CR };

/* The largest number of cells a row may have; a row with more is kept as it
 * is (bad). */
#define SHEET_MAX_CELLS ((1u << 22) - 1)

struct sheet_origin; /* sheet.c: a row's bytes on disk, when its cells cannot make them */

/* A row's cells are NUL-terminated values at cells + off[i]. A row as loaded
 * has them in sheet->data itself, decoded in place (the separators and closing
 * quotes made NULs, doubled quotes undone): the file is held once, and the
 * row's bytes as read are made again from its cells when they are needed (a
 * comparison with the disk, a merge, history). */
struct sheet_row {
        char *cells;
        const void *off;             /* uint16_t (narrow) or uint32_t offsets, ncells of them */
        struct sheet_origin *origin; /* NULL: the bytes on disk are made from the cells */
        unsigned line;               /* physical line the record starts on (1-based) */
        unsigned ncells : 22;
        unsigned bad : 1;       /* could not be parsed: only the bytes as read are kept */
        unsigned dirty : 1;     /* cells edited since load/save: written from the cells */
        unsigned old_style : 1; /* a ';' or a tab outside quotes: re-encoded (quoted) when
                                   the sheet is next written */
        unsigned narrow : 1;    /* the offsets are uint16 */
        unsigned inplace : 1;   /* the cells were decoded in place from the bytes as read */
        unsigned canon : 1;     /* the bytes on disk are the cells as capbook writes them */
        unsigned fresh : 1;     /* added since load or save: nothing on disk */
        unsigned own : 1;       /* cells is a block of its own (malloc), freed with the row */
        unsigned eol : 2;       /* inplace: the line end as read (enum sheet_eol) */
};

struct sheet_pool; /* the row blocks made by a load, in a few big chunks */

struct sheet {
        char *path;
        char *data; /* the file as read: the rows' cells decoded in place */
        size_t data_len;
        size_t len;              /* the length of the file as last read or written */
        struct file_stamp stamp; /* hash left 0: changes on disk are found by comparing bytes */
        bool loaded;             /* false: the file could not be read as a sheet; never written */
        bool exists;             /* false: new, not yet on disk */
        bool bom;
        enum sheet_eol eol;
        size_t sep_off, sep_len; /* a "sep=," line, kept */
        struct sheet_row header;
        bool header_dirty;
        char **cols; /* normalised header names (lower case, '_' for spaces) */
        unsigned ncols;
        struct sheet_row *rows;
        size_t nrows, cap;
        bool dirty;
        struct sheet_pool *pool;
        /* the bytes on disk of rows removed from the end (sheet_remove) */
        char *gone_tail;
        size_t gone_tail_len;
        /* A row capbook edited down to nothing but column bare_key (a units row
         * whose unit is no longer chosen) is not written: no row says it. */
        bool drop_bare_rows;
        unsigned bare_key;
};

/* Loads path. Problems go to d as FILE:LINE: messages; rows that cannot be parsed
 * are kept (bad) and reported. Returns 0, or -1 if the file cannot be used as a
 * sheet at all (unreadable, empty, UTF-16, XLSX, semicolons…): sh->loaded is false. */
int sheet_load(struct sheet *sh, const char *path, struct diag *d);
/* The same, opened as file_open_read's flags say: sheet_load is FILE_NOFOLLOW
 * (a sheet in the workbook folder that is a symbolic link is refused); 0 follows
 * links (the installed frameworks). Never blocks on a FIFO or device; refuses a
 * file over file_max_size. */
int sheet_load_flags(struct sheet *sh, const char *path, unsigned flags, struct diag *d);
/* The FILE: message for a file that could not be read (errno err; sb as
 * file_open_read left it). */
void sheet_read_error(const char *path, int err, const struct stat *sb, struct diag *d);
/* Loads from memory (tests, fuzzing); name is used in messages. */
int sheet_load_mem(struct sheet *sh, const char *name, const char *data, size_t len,
                   struct diag *d);
/* A new, empty sheet with these columns. excel: UTF-8 BOM and CRLF. */
void sheet_init_new(struct sheet *sh, const char *path, const char *const *cols, unsigned ncols,
                    bool excel);
void sheet_free(struct sheet *sh);

int sheet_col(const struct sheet *sh, const char *name);
int sheet_ensure_col(struct sheet *sh, const char *name);
const char *sheet_get(const struct sheet *sh, size_t row, int col);
const char *row_cell(const struct sheet_row *r, unsigned i);
/* The bytes of a row kept as it was read (a bad row): *len of them. */
const char *sheet_row_raw(const struct sheet *sh, const struct sheet_row *r, size_t *len);
/* Appends the row's bytes as last read or written (nothing for a row added
 * since): the header's too. */
void sheet_row_disk(const struct sheet *sh, const struct sheet_row *r, struct buf *out);
/* Appends the row's own bytes as last read or written, line end included
 * (nothing for a row added since; no removed rows): the header's too. */
void sheet_row_bytes(const struct sheet *sh, const struct sheet_row *r, struct buf *out);
/* The whole file as last read or written, made again (a merge's base). */
void sheet_disk_bytes(const struct sheet *sh, struct buf *out);
/* Loads into base the sheet as last read or written (a merge's base). */
int sheet_load_disk(struct sheet *base, const struct sheet *sh, struct diag *d);
/* Does the file as last read or written end with a line end (or is it empty)? */
bool sheet_ends_line(const struct sheet *sh);
void sheet_set(struct sheet *sh, size_t row, int col, const char *value);
size_t sheet_append(struct sheet *sh);
void sheet_remove(struct sheet *sh, size_t row);
/* The header name as normalised for lookups. */
void sheet_normalise_name(const char *in, size_t len, struct buf *out);

/* Rows in the old style (old_style), which the next save of the sheet quotes. */
size_t sheet_old_style_rows(const struct sheet *sh);
/* One field as written to a sheet: formula guard, RFC 4180 quoting, and quotes
 * round a field holding a ';' or a tab too, so a spreadsheet that splits on
 * either (LibreOffice's import ticks comma, semicolon and tab) reads it whole. */
void sheet_encode_field(struct buf *out, const char *value);
/* The bytes a save would write. */
void sheet_encode(struct sheet *sh, struct buf *out);
/* Writes atomically if anything changed (or force). Refuses when the file
 * changed on disk since it was read. 0 ok, -1 failed (reason in d). */
int sheet_save(struct sheet *sh, unsigned mode, bool force, struct diag *d);
/* True if the file on disk is no longer what was loaded or last saved. */
bool sheet_changed_on_disk(const struct sheet *sh);

#endif
