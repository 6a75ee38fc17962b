/*
 * size_policy.c - the policy-core image: a client following redirects
 * with the fetch profile (start, advance, the header filter), or the
 * profile SIZE_PROFILE names. The next URL is written into the chain
 * (redir_chain_advance), so the chain is the only URL buffer. Linked, not run: tests/firmware/firmware.py
 * reports the library's share of it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "firmware.h"
#include "redir.h"

static redir_chain chain;
static const char *volatile location = "/next";

#ifndef SIZE_PROFILE
#define SIZE_PROFILE REDIR_PROFILE_FETCH
#endif

int main(void)
{
    redir_policy policy;
    redir_decision d;
    redir_policy_init(&policy, SIZE_PROFILE);
    redir_chain_start(&chain, &policy, "GET", 3, "http://a.example/", 17,
                      REDIR_BODY_NONE);
    redir_chain_advance(&chain, 302, location, strlen(location), &d);
    return redir_chain_send_header(&chain, "Cookie", 6) ? 1 : (int)d.url_len;
}
