/*
 * fuzz_idna.c - libFuzzer target: redir_domain_to_ascii.
 *
 * Input: a domain. Checks: the status is one the function documents;
 * on success the result is ASCII, has no upper-case letter and no
 * forbidden domain code point, and is its own ASCII form (the function
 * is idempotent); a too-small buffer gives no-space with the same length
 * and leaves the buffer alone; and a URL with that domain as its host
 * has the same host, unless the URL parser reads it as an IPv4 address.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool forbidden(unsigned char c)
{
    return c < 0x21 || c == 0x7f || strchr("#%/:<>?@[\\]^|", c) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    char out[4096], again[4096];
    size_t len = 0, len2 = 0;
    redir_status st = redir_domain_to_ascii(in, size, out, sizeof out, &len);
    FUZZ_CHECK(st == REDIR_OK || st == REDIR_E_NOSPACE ||
                   st == REDIR_E_INVALID_HOST || st == REDIR_E_IDNA_INVALID ||
                   st == REDIR_E_IDNA_TOO_LONG,
               "undocumented status", in, size);
    if (st != REDIR_OK) {
        FUZZ_CHECK(st == REDIR_E_NOSPACE || len == 0,
                   "a failure reports a length", in, size);
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        FUZZ_CHECK(c < 0x80 && !(c >= 'A' && c <= 'Z') && !forbidden(c),
                   "result not lowercase ASCII without forbidden bytes", in,
                   size);
    }
    FUZZ_CHECK(redir_domain_to_ascii(out, len, again, sizeof again, &len2) ==
                       REDIR_OK &&
                   len2 == len && memcmp(again, out, len) == 0,
               "not idempotent", in, size);
    if (len > 0) {
        memset(again, 0x5a, sizeof again);
        FUZZ_CHECK(redir_domain_to_ascii(in, size, again, len - 1, &len2) ==
                           REDIR_E_NOSPACE &&
                       len2 == len && (unsigned char)again[0] == 0x5a,
                   "no-space contract", in, size);
    }

    /* The URL parser percent-decodes and drops tabs and newlines; the
     * input is a domain only if it has none of those and nothing that
     * ends a host. */
    if (size > 1000)
        return 0;
    for (size_t i = 0; i < size; i++)
        if (strchr("%\t\n\r/?#@\\:[]", in[i]) != NULL && in[i] != '\0')
            return 0;
    char url[1100], res[8192];
    redir_url u;
    memcpy(url, "http://", 7);
    memcpy(url + 7, in, size);
    url[7 + size] = '/';
    size_t rl = 0;
    st = redir_url_resolve(NULL, 0, url, size + 8, REDIR_URL_WHATWG, res,
                           sizeof res, &rl, &u);
    if (st == REDIR_E_INVALID_IPV4 ||
        (st == REDIR_OK && u.host_type == REDIR_HOST_IPV4))
        return 0;
    if (st == REDIR_E_IDNA_TOO_LONG && len > REDIR_IDNA_MAX)
        return 0;
    FUZZ_CHECK(st == REDIR_OK && u.host.len == len &&
                   memcmp(res + u.host.off, out, len) == 0,
               "the URL's host differs from redir_domain_to_ascii", in, size);
    return 0;
}
