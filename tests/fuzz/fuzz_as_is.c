/*
 * fuzz_as_is.c - libFuzzer target: the WHATWG resolver's fast path
 * against its full parser (test_as_is's check, on generated inputs).
 *
 * Input: as fuzz_resolve's (its seeds serve): a mode byte (ignored), the
 * buffer size (2), the base length (2; 0xffff = no base), the base, then
 * the reference. Compiles src/whatwg.c itself, its public function
 * renamed, to reach resolve_as_is() and resolve_full(). Checks: whenever
 * the fast path answers, with the base as a string and as a parsed URL
 * (the full parser's serialization of it), and with the buffer given,
 * the full parser gives the same status, length, bytes and components,
 * and the fast path wrote nothing on no-space.
 *
 * SPDX-License-Identifier: MIT
 */
#define redir_whatwg_resolve fuzzed_whatwg_resolve
#include "../../src/whatwg.c"
#include "../whatwg_halves.h"

#include "../same_url.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* When the fast path answers ref against base, the full parser agrees. */
static void compare(const char *base, size_t base_len,
                    const redir_url *base_url, const char *ref, size_t ref_len,
                    size_t cap)
{
    char *fast = malloc(cap + 1), *full = malloc(cap + 1);
    redir_url uf, uv;
    size_t lf = 0, lv = 0;
    redir_status sf, sv;
    memset(fast, 0xa5, cap + 1);
    memset(full, 0xa5, cap + 1);
    redir_c0_trim(&ref, &ref_len);
    if (base_url == NULL && base != NULL)
        redir_c0_trim(&base, &base_len);
    if (fast_half(base, base_len, base_url, ref, ref_len, fast, cap, &lf, &uf,
                  &sf)) {
        sv = full_half(base, base_len, base_url, ref, ref_len, full, cap, &lv,
                       &uv);
        FUZZ_CHECK(sf == sv && lf == lv, "the fast path gives another status",
                   ref, ref_len);
        FUZZ_CHECK(memcmp(fast, full, cap + 1) == 0,
                   "the fast path writes other bytes", fast, lf);
        FUZZ_CHECK(sf != REDIR_OK || same_url(&uf, &uv),
                   "the fast path gives other components", fast, lf);
    }
    free(fast);
    free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_resolve_input in = fuzz_resolve_read(data, size);
    size_t cap = in.cap, base_len = in.base_len, ref_len = in.ref_len;
    const char *base = in.base, *ref = in.ref;

    compare(base, base_len, NULL, ref, ref_len, cap);
    if (base != NULL) {
        size_t text_cap = 16 * base_len + 256, text_len = 0;
        char *text = malloc(text_cap);
        redir_url parts;
        if (full_half(NULL, 0, NULL, base, base_len, text, text_cap, &text_len,
                      &parts) == REDIR_OK)
            compare(text, text_len, &parts, ref, ref_len, cap);
        free(text);
    }
    return 0;
}
