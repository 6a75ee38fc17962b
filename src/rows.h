/*
 * rows.h - every rule of the built-in profiles, written once: rules.c
 * makes its table of rows from these, and a build that keeps one
 * profile (REDIR_ONLY_PROFILE) gives policy.c that profile's row as a
 * constant.
 *
 * Sources: the WHATWG Fetch standard ("HTTP-redirect fetch", "bad
 * port"); curl 8.21.0 and 7.88.1 as measured on the wire (tests/interop);
 * Chromium as measured; our own hardening for strict.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_ROWS_H
#define REDIR_ROWS_H

#include "redir.h"

#define ROW_K REDIR_RW_KEEP
#define ROW_G REDIR_RW_GET
#define ROW_D REDIR_RW_DROP_BODY

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
/* Fetch: on 301 and 302 POST becomes GET; on 303 all but GET and HEAD. */
#define REWRITE_FETCH {                                                        \
    {ROW_K, ROW_G, ROW_G, ROW_K, ROW_K, ROW_K, ROW_K},                         \
    {ROW_K, ROW_G, ROW_G, ROW_K, ROW_K, ROW_K, ROW_K},                         \
    {ROW_K, ROW_G, ROW_G, ROW_G, ROW_G, ROW_G, ROW_G},                         \
    {ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K}}
/* curl -L: a POST with data becomes GET, and on 303 a PUT upload too; a
 * PUT upload keeps its body on 301/302; any other method keeps its name
 * but not its body. curl knows POST and PUT by their data (-d, -T):
 * without a body they are custom names (-X), kept as they are. */
#define REWRITE_CURL {                                                         \
    {ROW_K, ROW_D, ROW_G, ROW_K, ROW_K, ROW_D, ROW_D},                         \
    {ROW_K, ROW_D, ROW_G, ROW_K, ROW_K, ROW_D, ROW_D},                         \
    {ROW_K, ROW_D, ROW_G, ROW_D, ROW_G, ROW_D, ROW_D},                         \
    {ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K}}
/* curl --follow: as -L, but any method with a body (PUT uploads aside)
 * becomes GET on 301/302, and every method but GET and HEAD on 303. */
#define REWRITE_CURL_FOLLOW {                                                  \
    {ROW_K, ROW_D, ROW_G, ROW_K, ROW_K, ROW_D, ROW_G},                         \
    {ROW_K, ROW_D, ROW_G, ROW_K, ROW_K, ROW_D, ROW_G},                         \
    {ROW_K, ROW_G, ROW_G, ROW_G, ROW_G, ROW_G, ROW_G},                         \
    {ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K, ROW_K}}
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

/* The built-in profiles are redir_profile 0 to REDIR_PROFILE_COUNT - 1. */
#define REDIR_PROFILE_COUNT 6

/* The rows, by the name that follows REDIR_PROFILE_ (CUSTOM has none). */
#define REDIR_ROW_FETCH                                                        \
    FETCH_ROW(REDIR_CRED_PROXY_AUTHORIZATION, REDIR_XO_ALL,                    \
              REDIR_EMPTY_FOLLOW, REDIR_USERINFO_ERROR, REDIR_USERINFO_STRIP,  \
              REDIR_ALLOW, 0, REDIR_MULTI_EQUAL, 20, 20)
/* Chromium: an empty Location is handed back; navigations stop at 19
 * redirects (both measured, fetch() and navigations). */
#define REDIR_ROW_CHROME                                                       \
    FETCH_ROW(REDIR_CRED_PROXY_AUTHORIZATION, REDIR_XO_ALL, REDIR_EMPTY_STOP,  \
              REDIR_USERINFO_ERROR, REDIR_USERINFO_STRIP, REDIR_ALLOW, 0,      \
              REDIR_MULTI_EQUAL, 20, 19)
/* Our hardening: Referer is a credential, other headers need the
 * allow-list across origins, no https -> http, no userinfo even in
 * navigations, loops detected, any second Location refused. */
#define REDIR_ROW_STRICT                                                       \
    FETCH_ROW(REDIR_CRED_PROXY_AUTHORIZATION | REDIR_CRED_REFERER,             \
              REDIR_XO_ALLOW_LIST, REDIR_EMPTY_STOP, REDIR_USERINFO_ERROR,     \
              REDIR_USERINFO_ERROR, REDIR_REFUSE, 1, REDIR_MULTI_ERROR, 10,    \
              10)
#define REDIR_ROW_CURL                                                         \
    CURL_ROW(REWRITE_CURL, REDIR_PARSE_CURL, REDIR_MULTI_SAME)
#define REDIR_ROW_CURL_FOLLOW                                                  \
    CURL_ROW(REWRITE_CURL_FOLLOW, REDIR_PARSE_CURL, REDIR_MULTI_SAME)
#define REDIR_ROW_CURL_7_88                                                    \
    CURL_ROW(REWRITE_CURL, REDIR_PARSE_CURL_7_88, REDIR_MULTI_FIRST)

#ifdef REDIR_ONLY_PROFILE
/* The one profile of such a build: REDIR_ONLY_PROFILE names it as
 * REDIR_PROFILE_ does (FETCH, STRICT, CURL_7_88, ...). */
#define REDIR_ONLY_(p, x) p##x
#define REDIR_ONLY(p, x)  REDIR_ONLY_(p, x)
#define REDIR_ONLY_ROW    REDIR_ONLY(REDIR_ROW_, REDIR_ONLY_PROFILE)
#define REDIR_ONLY_ID     REDIR_ONLY(REDIR_PROFILE_, REDIR_ONLY_PROFILE)
#endif

#endif /* REDIR_ROWS_H */
