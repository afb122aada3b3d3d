/* digest.c — SHA-256 through nettle (a well-kept library, Debian nettle-dev):
 * capbook holds no hash code of its own. */
#include "core/digest.h"

#include <ctype.h>
#include <nettle/sha2.h>
#include <string.h>

void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX])
{
        static const char hex[] = "0123456789abcdef";
        struct sha256_ctx ctx;
        uint8_t raw[SHA256_DIGEST_SIZE];
        sha256_init(&ctx);
        sha256_update(&ctx, len, data);
        sha256_digest(&ctx, sizeof raw, raw);
        for (size_t i = 0; i < sizeof raw; i++) {
                out[2 * i] = hex[raw[i] >> 4];
                out[2 * i + 1] = hex[raw[i] & 15];
        }
        out[2 * SHA256_DIGEST_SIZE] = '\0';
}

bool digest_hex_valid(const char *s)
{
        size_t n = 0;
        for (; s[n]; n++)
                if (!isxdigit((unsigned char)s[n]))
                        return false;
        return n == 2 * SHA256_DIGEST_SIZE;
}
