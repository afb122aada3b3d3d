/* fuzz_ini.c — the INI wrapper and the config loader on any bytes: never crash
 * (iniparser 4.1's typed getters do, on section names: CVE-2023-33461), never
 * print anything themselves, and every message is safe to print. */
#include "core/config.h"
#include "core/ini.h"
#include "fuzz/fuzz_common.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static bool any_key(const char *section, const char *key)
{
        (void)section, (void)key;
        return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        int fd = memfd_create("fuzz-ini", MFD_CLOEXEC);
        FUZZ_ASSERT(fd >= 0);
        FUZZ_ASSERT(fchmod(fd, 0600) == 0);
        size_t done = 0;
        while (done < size) {
                ssize_t w = write(fd, data + done, size - done);
                FUZZ_ASSERT(w > 0);
                done += (size_t)w;
        }
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

        struct diag d = {0};
        struct ini ini;
        if (ini_load(&ini, path, false, &d) == 0) {
                for (size_t i = 0; i < ini.nkeys; i++) {
                        const char *k = ini.keys[i].name;
                        (void)ini_get(&ini, k);
                        (void)ini_line(&ini, k);
                        (void)ini_get_long(&ini, k, 7, -5, 5, &d);
                        (void)ini_get_bool(&ini, k, true, &d);
                        static const char *const ch[] = {"a", "b", NULL};
                        (void)ini_get_choice(&ini, k, ch, 1, &d);
                }
        }
        ini_free(&ini);
        fuzz_check_diag(&d);
        diag_free(&d);

        struct config c;
        struct diag d2 = {0};
        config_load(&c, path, NULL, &d2);
        config_free(&c);
        config_load(&c, path, any_key, &d2);
        for (int i = 0; i < OPT_COUNT; i++)
                FUZZ_ASSERT(c.str[i] != NULL);
        config_free(&c);
        fuzz_check_diag(&d2);
        diag_free(&d2);
        close(fd);
        return 0;
}
