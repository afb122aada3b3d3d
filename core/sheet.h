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

struct sheet_row {
        unsigned line; /* physical line the record starts on (1-based) */
        unsigned ncells;
        size_t raw_off, raw_len; /* the bytes as read, terminator included, in sheet->data */
        char *raw_own;           /* raw bytes not in sheet->data (NULL normally) */
        bool bad;                /* could not be parsed: only the raw bytes are kept */
        bool dirty;              /* cells edited since load/save: written from the cells */
        bool pooled;             /* block lives in the sheet's pool: not freed on its own */
        bool narrow;             /* the block's offsets are uint16 (a block under 64 KiB) */
        bool old_style;          /* a ';' or a tab outside quotes: re-encoded (quoted) when
                                    the sheet is next written */
        char *block; /* uint32 (narrow: uint16) offsets[ncells + 1], then the NUL-terminated
                        values */
};

struct sheet_pool; /* the row blocks made by a load, in a few big chunks */

struct sheet {
        char *path;
        char *data; /* the file as last read or written */
        size_t len;
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
/* The bytes of a row as read (raw_len of them), for rows kept verbatim. */
const char *sheet_row_raw(const struct sheet *sh, const struct sheet_row *r);
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
