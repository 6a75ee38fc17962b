/*
 * size_policy.c - the policy-core image: a client following redirects
 * with the fetch profile (start, next, the header filter). Linked, not
 * run: tests/firmware/firmware.py reports the library's share of it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "firmware.h"
#include "redir.h"

static redir_chain chain;
static char out[REDIR_URL_MAX];
static const char *volatile location = "/next";

int main(void)
{
    redir_policy policy;
    redir_decision d;
    redir_policy_init(&policy, REDIR_PROFILE_FETCH);
    redir_chain_start(&chain, &policy, "GET", 3, "http://a.example/", 17,
                      REDIR_BODY_NONE);
    redir_chain_next(&chain, 302, location, strlen(location), out, sizeof out,
                     &d);
    return redir_chain_send_header(&chain, "Cookie", 6) ? 1 : (int)d.url_len;
}
