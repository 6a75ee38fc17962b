/*
 * rules.c - the built-in profiles as rows of redir_rules, and the check
 * that a row of the caller's is usable.
 *
 * Every rule of a profile is written here once. The decision code
 * (policy.c) reads the rows and never asks which profile it runs.
 *
 * Sources: the WHATWG Fetch standard ("HTTP-redirect fetch", "bad
 * port"); curl 8.21.0 and 7.88.1 as measured on the wire (tests/interop);
 * Chromium as measured; our own hardening for strict.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include <string.h>

#include "internal.h"

#define K REDIR_RW_KEEP
#define G REDIR_RW_GET
#define D REDIR_RW_DROP_BODY

/* The statuses Fetch calls redirect statuses: 301 302 303 307 308. */
#define FOLLOW_FETCH                                                           \
    {                                                                          \
        (1u << 1) | (1u << 2) | (1u << 3) | (1u << 7) | (1u << 8), 0u, 0u, 0u  \
    }
/* Every 3xx (curl): 100 bits. */
#define FOLLOW_3XX                                                             \
    {                                                                          \
        0xffffffffu, 0xffffffffu, 0xffffffffu, 0xfu                            \
    }

/* Method classes, in order: GET/HEAD, POST, POST+body, PUT, PUT+body,
 * other, other+body; status classes 301, 302, 303, other. */
/* clang-format off */
#define REWRITE_FETCH {                                                        \
    {K, G, G, K, K, K, K}, /* 301: POST becomes GET */                         \
    {K, G, G, K, K, K, K}, /* 302: the same */                                 \
    {K, G, G, G, G, G, G}, /* 303: all but GET and HEAD become GET */          \
    {K, K, K, K, K, K, K}}
/* curl -L: a POST with data becomes GET, and on 303 a PUT upload too; a
 * PUT upload keeps its body on 301/302; any other method keeps its name
 * but not its body. curl knows POST and PUT by their data (-d, -T):
 * without a body they are custom names (-X), kept as they are. */
#define REWRITE_CURL {                                                         \
    {K, D, G, K, K, D, D},                                                     \
    {K, D, G, K, K, D, D},                                                     \
    {K, D, G, D, G, D, D},                                                     \
    {K, K, K, K, K, K, K}}
/* curl --follow: as -L, but any method with a body (PUT uploads aside)
 * becomes GET on 301/302, and every method but GET and HEAD on 303. */
#define REWRITE_CURL_FOLLOW {                                                  \
    {K, D, G, K, K, D, G},                                                     \
    {K, D, G, K, K, D, G},                                                     \
    {K, G, G, G, G, G, G},                                                     \
    {K, K, K, K, K, K, K}}
/* clang-format on */

/* The two families of rows. Field order as in redir.h: follow, rewrite,
 * stream, credentials, credential_scope, cross_origin_headers,
 * content_headers, empty_location, userinfo, navigate_userinfo, schemes,
 * downgrade, bad_ports, fragment, normalize_method, loops, parser,
 * multiple_locations, max_redirects, navigate_max_redirects. */
#define WEB_SCHEMES (REDIR_SCHEME_HTTP | REDIR_SCHEME_HTTPS)
#define FETCH_ROW(cred, xo, empty, ui, nav_ui, down, loops, multi, max, nmax)  \
    {                                                                          \
        FOLLOW_FETCH, REWRITE_FETCH, REDIR_STREAM_UNLESS_303, cred,            \
            REDIR_SCOPE_UNTIL_CROSS, xo, 1, empty, ui, nav_ui, WEB_SCHEMES,    \
            down, REDIR_REFUSE, 1, 1, loops, REDIR_PARSE_WHATWG, multi, max,   \
            nmax                                                               \
    }
#define CURL_ROW(rewrite, parser, multi)                                       \
    {                                                                          \
        FOLLOW_3XX, rewrite, REDIR_STREAM_IF_RESENT, 0,                        \
            REDIR_SCOPE_FIRST_ORIGIN, REDIR_XO_ALL, 0, REDIR_EMPTY_STOP,       \
            REDIR_USERINFO_KEEP, REDIR_USERINFO_KEEP,                          \
            WEB_SCHEMES | REDIR_SCHEME_FTP | REDIR_SCHEME_FTPS, REDIR_ALLOW,   \
            REDIR_ALLOW, 0, 0, 0, parser, multi, 50, 50                        \
    }

/* The rows, indexed by redir_profile (CUSTOM has none). */
static const redir_rules rows[] = {
    [REDIR_PROFILE_FETCH] = FETCH_ROW(
        REDIR_CRED_PROXY_AUTHORIZATION, REDIR_XO_ALL, REDIR_EMPTY_FOLLOW,
        REDIR_USERINFO_ERROR, REDIR_USERINFO_STRIP, REDIR_ALLOW, 0,
        REDIR_MULTI_EQUAL, 20, 20),
    /* Chromium: an empty Location is handed back; navigations stop at 19
     * redirects (both measured, fetch() and navigations). */
    [REDIR_PROFILE_CHROME] =
        FETCH_ROW(REDIR_CRED_PROXY_AUTHORIZATION, REDIR_XO_ALL,
                  REDIR_EMPTY_STOP, REDIR_USERINFO_ERROR, REDIR_USERINFO_STRIP,
                  REDIR_ALLOW, 0, REDIR_MULTI_EQUAL, 20, 19),
    /* Our hardening: Referer is a credential, other headers need the
     * allow-list across origins, no https -> http, no userinfo even in
     * navigations, loops detected, any second Location refused. */
    [REDIR_PROFILE_STRICT] = FETCH_ROW(
        REDIR_CRED_PROXY_AUTHORIZATION | REDIR_CRED_REFERER,
        REDIR_XO_ALLOW_LIST, REDIR_EMPTY_STOP, REDIR_USERINFO_ERROR,
        REDIR_USERINFO_ERROR, REDIR_REFUSE, 1, REDIR_MULTI_ERROR, 10, 10),
    [REDIR_PROFILE_CURL] =
        CURL_ROW(REWRITE_CURL, REDIR_PARSE_CURL, REDIR_MULTI_SAME),
    [REDIR_PROFILE_CURL_FOLLOW] =
        CURL_ROW(REWRITE_CURL_FOLLOW, REDIR_PARSE_CURL, REDIR_MULTI_SAME),
    [REDIR_PROFILE_CURL_7_88] =
        CURL_ROW(REWRITE_CURL, REDIR_PARSE_CURL_7_88, REDIR_MULTI_FIRST),
};

const redir_rules *redir_builtin_rules(redir_profile profile)
{
    if ((unsigned)profile >= sizeof rows / sizeof rows[0])
        return NULL;
    return &rows[profile];
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
    if (rules == NULL || row == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    *rules = *row;
    return REDIR_OK;
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
