/* digest.h — SHA-256 (nettle's) as lowercase hex: the one hash the sign-off
 * digest and the audit trail's chain use. */
#ifndef CAPBOOK_DIGEST_H
#define CAPBOOK_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_HEX 65 /* 64 hex digits and a NUL */

/* SHA-256 of len bytes at data, as 64 lowercase hex digits. */
void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX]);
/* True if s is 64 hex digits (either case), as a stored digest must be. */
bool digest_hex_valid(const char *s);

#endif
