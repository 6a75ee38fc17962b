/*
 * rules.c - the built-in profiles as rows of redir_rules, and the check
 * that a row of the caller's is usable.
 *
 * Every rule of a profile is written once, in rows.h. The decision code
 * (policy.c) reads the rows and never asks which profile it runs.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include <string.h>

#include "internal.h"
#include "rows.h"

#ifndef REDIR_ONLY_PROFILE
/* The rows, indexed by redir_profile (CUSTOM has none). */
static const redir_rules rows[REDIR_PROFILE_COUNT] = {
    [REDIR_PROFILE_FETCH] = REDIR_ROW_FETCH,
    [REDIR_PROFILE_CHROME] = REDIR_ROW_CHROME,
    [REDIR_PROFILE_STRICT] = REDIR_ROW_STRICT,
    [REDIR_PROFILE_CURL] = REDIR_ROW_CURL,
    [REDIR_PROFILE_CURL_FOLLOW] = REDIR_ROW_CURL_FOLLOW,
    [REDIR_PROFILE_CURL_7_88] = REDIR_ROW_CURL_7_88,
};
#endif

const redir_rules *redir_builtin_rules(redir_profile profile)
{
#ifdef REDIR_ONLY_PROFILE
    static const redir_rules only = REDIR_ONLY_ROW;
    return profile == REDIR_ONLY_ID ? &only : NULL;
#else
    if ((unsigned)profile >= sizeof rows / sizeof rows[0])
        return NULL;
    return &rows[profile];
#endif
}

/* Whether every byte of p[0..n) is at most REDIR_RW_DROP_BODY, four at
 * a time, since each hop checks them. */

static bool rewrites_valid(const uint8_t *p, size_t n)
{
    uint32_t bad = 0;
    size_t i = 0;
    for (; n - i >= 4; i += 4)
        bad |= redir_bytes_above(redir_load4((const char *)p + i),
                                 REDIR_RW_DROP_BODY);
    for (; i < n; i++)
        bad |= p[i] > REDIR_RW_DROP_BODY;
    return bad == 0;
}

/* Whether every field of `r` is in its documented range. */
bool redir_rules_valid(const redir_rules *r)
{
    if ((r->content_headers | r->fragment | r->normalize_method | r->loops) > 1)
        return false; /* the booleans */
    if (!rewrites_valid(&r->rewrite[0][0], sizeof r->rewrite))
        return false;
    return (r->follow[3] >> 4) == 0 && r->stream <= REDIR_STREAM_UNLESS_303 &&
           r->credentials <=
               (REDIR_CRED_PROXY_AUTHORIZATION | REDIR_CRED_REFERER) &&
           r->credential_scope <= REDIR_SCOPE_FIRST_ORIGIN &&
           r->cross_origin_headers <= REDIR_XO_ALLOW_LIST &&
           r->empty_location <= REDIR_EMPTY_STOP &&
           r->userinfo <= REDIR_USERINFO_STRIP &&
           r->navigate_userinfo <= REDIR_USERINFO_STRIP && r->schemes != 0 &&
           r->schemes <= 0xf && r->downgrade <= REDIR_REFUSE &&
           r->bad_ports <= REDIR_REFUSE && r->parser <= REDIR_PARSE_CURL_7_88 &&
           r->multiple_locations <= REDIR_MULTI_EQUAL &&
           r->max_redirects >= 0 && r->navigate_max_redirects >= 0;
}

redir_status redir_rules_init_abi(redir_rules *rules, redir_profile profile,
                                  uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    const redir_rules *row = redir_builtin_rules(profile);
    if (rules == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    if (row == NULL)
        return redir_no_row(profile);
    *rules = *row;
    return REDIR_OK;
}

redir_status redir_no_row(redir_profile profile)
{
    return (unsigned)profile < REDIR_PROFILE_COUNT ? REDIR_E_PROFILE_UNSUPPORTED
                                                   : REDIR_E_INVALID_ARGUMENT;
}

/* The Fetch standard's bad ports (as of 2025: 0, 4190 and 6679 are the
 * latest additions), ascending. */
bool redir_bad_port(int32_t port)
{
    static const uint16_t bad[] = {
        0,    1,    7,    9,    11,   13,   15,   17,   19,   20,   21,   22,
        23,   25,   37,   42,   43,   53,   69,   77,   79,   87,   95,   101,
        102,  103,  104,  109,  110,  111,  113,  115,  117,  119,  123,  135,
        137,  139,  143,  161,  179,  389,  427,  465,  512,  513,  514,  515,
        526,  530,  531,  532,  540,  548,  554,  556,  563,  587,  601,  636,
        989,  990,  993,  995,  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
        5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080};
    size_t lo = 0, hi = sizeof bad / sizeof bad[0];
    if (port > 10080 || port == 80 || port == 443)
        return false; /* the usual ports, without a search */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bad[mid] == port)
            return true;
        if (bad[mid] < port)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}
