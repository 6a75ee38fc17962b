/*
 * fuzz_parse.c - libFuzzer target: redir_url_parse, the WHATWG parser
 * without a base, origins and the host classifier on what they give.
 *
 * Input: the URL text. Checks: components inside the text; the WHATWG
 * result obeys fuzz_check_url(); a URL with an origin is same-origin
 * with itself, and its serialized origin obeys fuzz_check_url() too.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_origin(const char *text, size_t n, const redir_url *u)
{
    char origin[REDIR_URL_MAX];
    size_t len = 0;
    redir_status st = redir_url_origin(text, u, origin, sizeof origin, &len);
    if (st == REDIR_OK) {
        fuzz_check_url(origin, len, NULL);
        FUZZ_CHECK(redir_url_same_origin(text, u, text, u),
                   "a URL is not same-origin with itself", text, n);
    } else {
        FUZZ_CHECK(!redir_url_same_origin(text, u, text, u),
                   "same-origin without an origin", text, n);
    }
    if (u->flags & REDIR_URL_HAS_AUTHORITY)
        (void)redir_host_classify(text + u->host.off, u->host.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    redir_url u;
    if (redir_url_parse(text, size, &u) == REDIR_OK) {
        const redir_span *spans[] = {&u.scheme,  &u.userinfo, &u.host,
                                     &u.port,    &u.path,     &u.query,
                                     &u.fragment};
        for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++)
            FUZZ_CHECK(fuzz_span_ok(*spans[k], size),
                       "component outside the text", text, size);
        check_origin(text, size, &u);
    }

    size_t cap = 9 * size + 64, len = 0;
    char *out = malloc(cap);
    if (redir_url_resolve(NULL, 0, text, size, REDIR_URL_WHATWG, out, cap, &len,
                          &u) == REDIR_OK) {
        fuzz_check_url(out, len, &u);
        check_origin(out, len, &u);
    }
    free(out);
    return 0;
}
