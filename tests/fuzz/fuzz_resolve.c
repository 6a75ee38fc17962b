/*
 * fuzz_resolve.c - libFuzzer target: redir_url_resolve in every mode.
 *
 * Input: mode (1 byte), out_cap (2), base length (2; 0xffff = no base),
 * the base, then the reference. Checks: the status and result do not
 * depend on the buffer size; on no-space the buffer is untouched and the
 * reported length is what a retry needs; every result obeys
 * fuzz_check_url(); a WHATWG result resolves to itself again, and an RFC
 * 3986 result parses back with the same host; the base parsed first
 * (serialized in WHATWG mode) and given to redir_url_resolve_parsed()
 * gives the same status and result.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parsed-base form agrees with the string-base one (want, big). */
static void check_parsed(const char *base, size_t base_len, const char *ref,
                         size_t ref_len, redir_url_mode mode, redir_status want,
                         const char *big, size_t big_len)
{
    size_t cap = 16 * (base_len + ref_len) + 256, text_len = 0, len = 0;
    char *text = malloc(cap), *out = malloc(cap);
    redir_url parts;
    redir_status st;
    if (mode == REDIR_URL_WHATWG) {
        st = redir_url_resolve(NULL, 0, base, base_len, mode, text, cap,
                               &text_len, &parts);
    } else {
        st = redir_url_parse(base, base_len, &parts);
        if (st == REDIR_OK && !(parts.flags & REDIR_URL_HAS_SCHEME))
            st = REDIR_E_BASE_NOT_ABSOLUTE;
        memcpy(text, base, base_len);
        text_len = base_len;
    }
    if (st == REDIR_OK) {
        st = redir_url_resolve_parsed(text, text_len, &parts, ref, ref_len,
                                      mode, out, cap, &len, NULL);
        FUZZ_CHECK(st == want, "the parsed base gives another status", ref,
                   ref_len);
        FUZZ_CHECK(st != REDIR_OK ||
                       (len == big_len && memcmp(out, big, len) == 0),
                   "the parsed base gives another result", out, len);
    }
    free(text);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_resolve_input in = fuzz_resolve_read(data, size);
    redir_url_mode mode = (redir_url_mode)(in.mode_byte % 3);
    size_t cap = in.cap, base_len = in.base_len, ref_len = in.ref_len;
    const char *base = in.base, *ref = in.ref;

    size_t big_cap = 16 * size + 256, big_len = 0, len = 0;
    char *big = malloc(big_cap), *out = malloc(cap + 1);
    redir_url parts, again;
    redir_status want = redir_url_resolve(base, base_len, ref, ref_len, mode,
                                          big, big_cap, &big_len, &parts);
    FUZZ_CHECK(want != REDIR_E_NOSPACE, "no-space with a worst-case buffer",
               ref, ref_len);

    memset(out, 0xa5, cap + 1);
    redir_status st = redir_url_resolve(base, base_len, ref, ref_len, mode, out,
                                        cap, &len, NULL);
    if (want != REDIR_OK) {
        FUZZ_CHECK(st == want, "status depends on the buffer size", ref,
                   ref_len);
    } else if (big_len > cap) {
        FUZZ_CHECK(st == REDIR_E_NOSPACE && len == big_len,
                   "short buffer: not no-space with the needed length", ref,
                   ref_len);
        for (size_t i = 0; i <= cap; i++)
            FUZZ_CHECK((unsigned char)out[i] == 0xa5,
                       "no-space wrote into the buffer", out, cap);
    } else {
        FUZZ_CHECK(st == REDIR_OK && len == big_len &&
                       memcmp(out, big, len) == 0 &&
                       (unsigned char)out[len] == 0xa5,
                   "result depends on the buffer size", out, len);
    }

    if (base != NULL)
        check_parsed(base, base_len, ref, ref_len, mode, want, big, big_len);
    if (want == REDIR_OK) {
        fuzz_check_url(big, big_len, &parts);
        size_t len2 = 0;
        if (mode == REDIR_URL_WHATWG) {
            st = redir_url_resolve(NULL, 0, big, big_len, mode, out, cap, &len2,
                                   &again);
            FUZZ_CHECK(st == REDIR_OK || st == REDIR_E_NOSPACE,
                       "a WHATWG result does not parse again", big, big_len);
            FUZZ_CHECK(len2 == big_len &&
                           (st != REDIR_OK || memcmp(out, big, len2) == 0),
                       "a WHATWG result is not idempotent", big, big_len);
        } else {
            st = redir_url_parse(big, big_len, &again);
            FUZZ_CHECK(st == REDIR_OK, "an RFC 3986 result does not parse", big,
                       big_len);
            FUZZ_CHECK((again.flags & REDIR_URL_HAS_AUTHORITY) ==
                               (parts.flags & REDIR_URL_HAS_AUTHORITY) &&
                           again.host.off == parts.host.off &&
                           again.host.len == parts.host.len,
                       "an RFC 3986 result reads back with another host", big,
                       big_len);
        }
    }
    free(big);
    free(out);
    return 0;
}
