/*
 * same_url.h - whether two parsed URLs have the same components (flags,
 * host type, port number and every span), for the tests that compare
 * two ways of getting one URL: test_wpt.c (parsed again), test_advance.c
 * and fuzz/fuzz_chain.c (redir_chain_advance against redir_chain_next),
 * test_as_is.c and fuzz/fuzz_as_is.c (the WHATWG fast path against the
 * full parser).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_SAME_URL_H
#define REDIR_TESTS_SAME_URL_H

#include <stdbool.h>

#include "redir_url.h"

static inline bool same_span(redir_span a, redir_span b)
{
    return a.off == b.off && a.len == b.len;
}

static inline bool same_url(const redir_url *a, const redir_url *b)
{
    return a->flags == b->flags && a->host_type == b->host_type &&
           a->port_number == b->port_number &&
           same_span(a->scheme, b->scheme) &&
           same_span(a->userinfo, b->userinfo) && same_span(a->host, b->host) &&
           same_span(a->port, b->port) && same_span(a->path, b->path) &&
           same_span(a->query, b->query) && same_span(a->fragment, b->fragment);
}

#endif /* REDIR_TESTS_SAME_URL_H */
