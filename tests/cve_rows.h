/*
 * cve_rows.h - the security-regression rows of the policy tests (one or
 * more per CVE or known client bug) and the fail-closed rows (names that
 * are not tokens, unsafe bytes, strict's allow-list). Plain data, shared
 * by the unit tests (test_policy.c, test_advance.c) and the emulated
 * firmware run (firmware/run_tables.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_CVE_ROWS_H
#define REDIR_TESTS_CVE_ROWS_H

#include "header_rows.h"
#include "hop_row.h"

/* ---- 4. security regressions, one per CVE -------------------------------- */

#define ACOM "https://a.com/"

static const header_row cve_header_rows[] = {
    /* curl CVE-2018-1000007: a custom Authorization followed to another
     * host. */
    {"CVE-2018-1000007 custom Authorization not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2018-1000007 custom Authorization not sent to other host (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2018-1000007 custom Authorization not sent to other host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2018-1000007 curl --location-trusted sends it on purpose (curl)",
     CURL, O_TRUSTED, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Authorization", SENT},
    /* node-fetch CVE-2022-0235: Authorization and Cookie to another host. */
    {"CVE-2022-0235 node-fetch Authorization not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({301, B_X}), "authorization",
     NOT_SENT},
    {"CVE-2022-0235 node-fetch Cookie not sent to other host (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({301, B_X}), "cookie", NOT_SENT},
    {"CVE-2022-0235 node-fetch Cookie not sent to other host (strict)", STRICT,
     0, NULL, "GET", NOBODY, A_P, HOPS({301, B_X}), "cookie", NOT_SENT},
    {"CVE-2022-0235 node-fetch Cookie not sent to other host (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({301, B_X}), "cookie", NOT_SENT},
    /* curl CVE-2022-27774: credentials to the same host on another port or
     * scheme. */
    {"CVE-2022-27774 Authorization not sent to same host other port (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P,
     HOPS({302, "https://a.example:8443/x"}), "Authorization", NOT_SENT},
    {"CVE-2022-27774 Authorization not sent to same host other port (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P,
     HOPS({302, "https://a.example:8443/x"}), "Authorization", NOT_SENT},
    {"CVE-2022-27774 Authorization not sent to same host other port (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2022-27774 Authorization not sent to same host other scheme (curl)",
     CURL, 0, NULL, "GET", NOBODY, "http://a.example/p",
     HOPS({302, "https://a.example/x"}), "Authorization", NOT_SENT},
    {"CVE-2022-27774 Authorization not sent to same host other scheme (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, "http://a.example/p",
     HOPS({302, "https://a.example/x"}), "Authorization", NOT_SENT},
    /* curl CVE-2022-27776: Authorization and Cookie to the same host on
     * another port or protocol. */
    {"CVE-2022-27776 Cookie not sent to same host other port (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Cookie", NOT_SENT},
    {"CVE-2022-27776 Cookie not sent to same host other scheme (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}), "Cookie",
     NOT_SENT},
    {"CVE-2022-27776 Cookie not sent to same host other port (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Cookie", NOT_SENT},
    {"CVE-2022-27776 Cookie not sent to same host other port (strict)", STRICT,
     0, NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Cookie", NOT_SENT},
    /* requests CVE-2018-18074: Authorization kept on https -> http. */
    {"CVE-2018-18074 requests Authorization not sent https to http (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2018-18074 requests Authorization not sent https to http (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2018-18074 requests Authorization not sent https to http "
     "(strict, ALLOW_DOWNGRADE)",
     STRICT, O_ALLOW_DG, NULL, "GET", NOBODY, A_P,
     HOPS({302, "http://a.example/x"}), "Authorization", NOT_SENT},
    /* urllib3 CVE-2023-43804, undici CVE-2023-45143: Cookie cross-origin. */
    {"CVE-2023-43804 urllib3 Cookie not sent cross-origin (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2023-43804 urllib3 Cookie not sent cross-origin (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2023-43804 urllib3 Cookie not sent cross-origin (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2023-45143 undici Cookie not sent cross-origin (fetch)", FETCH, 0,
     NULL, "POST", REPLAY, A_P, HOPS({307, B_X}), "Cookie", NOT_SENT},
    {"CVE-2023-45143 undici Cookie not sent cross-origin (strict)", STRICT, 0,
     NULL, "POST", REPLAY, A_P, HOPS({307, B_X}), "Cookie", NOT_SENT},
    {"CVE-2023-45143 undici Cookie not sent cross-origin (curl)", CURL, 0, NULL,
     "POST", REPLAY, A_P, HOPS({307, B_X}), "Cookie", NOT_SENT},
    /* urllib3 CVE-2024-37891, undici CVE-2024-24758: Proxy-Authorization
     * cross-origin. curl keeps it: it is meant for the proxy. */
    {"CVE-2024-37891 urllib3 Proxy-Authorization not sent cross-origin "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2024-37891 urllib3 Proxy-Authorization not sent cross-origin "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2024-37891 urllib3 Proxy-Authorization kept cross-origin (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Proxy-Authorization",
     SENT},
    {"CVE-2024-24758 undici Proxy-Authorization not sent cross-origin (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({303, B_X}),
     "proxy-authorization", NOT_SENT},
    {"CVE-2024-24758 undici Proxy-Authorization not sent cross-origin "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({303, B_X}),
     "proxy-authorization", NOT_SENT},
    /* urllib3 CVE-2023-45803: the body (and its headers) kept after the
     * change to GET. */
    {"CVE-2023-45803 urllib3 Content-Length not sent after 303 to GET (fetch)",
     FETCH, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}), "Content-Length",
     NOT_SENT},
    {"CVE-2023-45803 urllib3 Content-Type not sent after 303 to GET (fetch)",
     FETCH, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}), "Content-Type",
     NOT_SENT},
    {"CVE-2023-45803 urllib3 Content-Length not sent after 303 to GET "
     "(strict)",
     STRICT, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}), "Content-Length",
     NOT_SENT},
    {"CVE-2023-45803 urllib3 Content-Length not sent after 303 to GET (curl)",
     CURL, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}), "Content-Length",
     NOT_SENT},
    {"CVE-2023-45803 urllib3 Content-Type still sent after 303 to GET (curl)",
     CURL, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}), "Content-Type",
     SENT},
    {"CVE-2023-45803 urllib3 Transfer-Encoding not sent after 302 to GET "
     "(fetch)",
     FETCH, 0, NULL, "POST", REPLAY, A_P, HOPS({302, "/x"}),
     "Transfer-Encoding", NOT_SENT},
    {"CVE-2023-45803 urllib3 body headers stay dropped after 303 then 307 "
     "(fetch)",
     FETCH, 0, NULL, "POST", REPLAY, A_P, HOPS({303, "/x"}, {307, "/y"}),
     "Content-Length", NOT_SENT},
    /* Go CVE-2024-45336: a.com -> b.com/1 (302) -> b.com/2 (307) sent the
     * credentials again to b.com/2. */
    {"CVE-2024-45336 Go Authorization not sent to b.com/2 (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, ACOM,
     HOPS({302, "https://b.com/1"}, {307, "https://b.com/2"}), "Authorization",
     NOT_SENT},
    {"CVE-2024-45336 Go Authorization not sent to b.com/2 (strict)", STRICT, 0,
     NULL, "GET", NOBODY, ACOM,
     HOPS({302, "https://b.com/1"}, {307, "https://b.com/2"}), "Authorization",
     NOT_SENT},
    {"CVE-2024-45336 Go Authorization not sent to b.com/2 (curl)", CURL, 0,
     NULL, "GET", NOBODY, ACOM,
     HOPS({302, "https://b.com/1"}, {307, "https://b.com/2"}), "Authorization",
     NOT_SENT},
    {"CVE-2024-45336 Go Cookie not sent to b.com/2 (fetch)", FETCH, 0, NULL,
     "GET", NOBODY, ACOM,
     HOPS({302, "https://b.com/1"}, {307, "https://b.com/2"}), "Cookie",
     NOT_SENT},
    {"CVE-2024-45336 Go relative 307 /2 on b.com: Authorization not sent "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, ACOM,
     HOPS({302, "https://b.com/1"}, {307, "/2"}), "Authorization", NOT_SENT},
    /* Go CVE-2023-45289: "evila.com" is not a subdomain of "a.com". */
    {"CVE-2023-45289 Go evila.com is not a.com: Authorization not sent "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, ACOM, HOPS({302, "https://evila.com/"}),
     "Authorization", NOT_SENT},
    {"CVE-2023-45289 Go evila.com is not a.com: Authorization not sent "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, ACOM, HOPS({302, "https://evila.com/"}),
     "Authorization", NOT_SENT},
    {"CVE-2023-45289 Go evila.com is not a.com: Authorization not sent (curl)",
     CURL, 0, NULL, "GET", NOBODY, ACOM, HOPS({302, "https://evila.com/"}),
     "Authorization", NOT_SENT},
    {"CVE-2023-45289 Go a.com.evil.com is not a.com: Cookie not sent (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, ACOM,
     HOPS({302, "https://a.com.evil.com/"}), "Cookie", NOT_SENT},
    {"CVE-2023-45289 Go sub.a.com is another origin: Authorization not sent "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, ACOM, HOPS({302, "https://sub.a.com/"}),
     "Authorization", NOT_SENT},
};

/* The CVEs of other clients' redirect handling that the fail-closed
 * issue lists, each for the three profiles. Where the CVE is about a
 * feature redir does not have (netrc, a cookie jar, curl's -u), the row
 * tests the header that feature would send. */
static const header_row cve_header_rows2[] = {
    /* curl CVE-2024-11053: a netrc password sent to the redirect's host
     * (redir has no netrc: the Authorization it would produce). */
    {"CVE-2024-11053 curl netrc: Authorization not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2024-11053 curl netrc: Authorization not sent to other host "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2024-11053 curl netrc: Authorization not sent to other host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    /* curl's 2026 fix: "Authorization :" with a blank before the colon
     * slipped past the cross-host drop. Not a token: never sent. */
    {"curl 2026 blank-padded 'Authorization ' not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization ",
     NOT_SENT},
    {"curl 2026 blank-padded 'Authorization ' not sent to other host (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization ",
     NOT_SENT},
    {"curl 2026 blank-padded 'Authorization ' not sent to other host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization ",
     NOT_SENT},
    {"curl 2026 blank-padded 'Authorization ' not sent even same-origin "
     "(curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "/x"}), "Authorization ",
     NOT_SENT},
    /* requests CVE-2023-32681: Proxy-Authorization sent on to the
     * destination after a redirect. curl sends it to its proxy only, so
     * the curl profile keeps it (as curl -L does). */
    {"CVE-2023-32681 requests Proxy-Authorization not sent cross-origin "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2023-32681 requests Proxy-Authorization not sent cross-origin "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2023-32681 requests Proxy-Authorization kept for the proxy (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Proxy-Authorization",
     SENT},
    /* aiohttp CVE-2026-34518: Authorization dropped cross-origin, but
     * Cookie and Proxy-Authorization kept. */
    {"CVE-2026-34518 aiohttp Cookie not sent cross-origin (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2026-34518 aiohttp Cookie not sent cross-origin (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2026-34518 aiohttp Cookie not sent cross-origin (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2026-34518 aiohttp Proxy-Authorization not sent cross-origin "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    /* Go CVE-2025-4673: Proxy-Authorization and Proxy-Authenticate kept
     * across origins. Proxy-Authenticate is a response header; strict
     * drops it like any header off its allow-list. */
    {"CVE-2025-4673 Go Proxy-Authorization not sent cross-origin (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2025-4673 Go Proxy-Authorization not sent cross-origin (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2025-4673 Go Proxy-Authorization kept for the proxy (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Proxy-Authorization", SENT},
    {"CVE-2025-4673 Go Proxy-Authenticate not sent cross-origin (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authenticate", NOT_SENT},
    /* undici CVE-2023-45143 and node-fetch CVE-2022-0235 for strict and
     * curl as well (fetch rows above). */
    {"CVE-2022-0235 node-fetch Authorization not sent to other host (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2022-0235 node-fetch Authorization not sent to other host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2024-24758 undici Proxy-Authorization kept for the proxy (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Proxy-Authorization",
     SENT},
    /* follow-redirects CVE-2022-0155: Cookie to a third-party host. */
    {"CVE-2022-0155 follow-redirects Cookie not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2022-0155 follow-redirects Cookie not sent to other host (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2022-0155 follow-redirects Cookie not sent to other host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    /* follow-redirects CVE-2024-28849: Proxy-Authorization cross-domain. */
    {"CVE-2024-28849 follow-redirects Proxy-Authorization not sent "
     "cross-origin (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2024-28849 follow-redirects Proxy-Authorization not sent "
     "cross-origin (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Proxy-Authorization", NOT_SENT},
    {"CVE-2024-28849 follow-redirects Proxy-Authorization kept for the proxy "
     "(curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Proxy-Authorization",
     SENT},
    /* follow-redirects CVE-2026-40895: custom credential headers kept.
     * strict drops every header off its allow-list; fetch and curl send
     * them as the real clients do, unless registered as sensitive. */
    {"CVE-2026-40895 X-Api-Key not sent to other host (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key", NOT_SENT},
    {"CVE-2026-40895 X-Auth-Token not sent to other host (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Auth-Token", NOT_SENT},
    {"CVE-2026-40895 Private-Token not sent to other host (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Private-Token", NOT_SENT},
    {"CVE-2026-40895 X-Api-Key sent to other host as browsers do (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key", SENT},
    {"CVE-2026-40895 X-Api-Key sent to other host as curl does (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key", SENT},
    {"CVE-2026-40895 registered X-Api-Key not sent to other host (fetch)",
     FETCH, 0, "X-Api-Key", "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key",
     NOT_SENT},
    {"CVE-2026-40895 registered X-Api-Key not sent to other host (curl)", CURL,
     0, "X-Api-Key", "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key",
     NOT_SENT},
    /* libsoup CVE-2025-46421: Authorization to another host. */
    {"CVE-2025-46421 libsoup Authorization not sent to other host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2025-46421 libsoup Authorization not sent to other host (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2025-46421 libsoup Authorization not sent to other host (curl)", CURL,
     0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization", NOT_SENT},
    /* Guzzle CVE-2022-31042: Cookie kept on a change of host or an https
     * to http downgrade (strict refuses the downgrade: hop rows). */
    {"CVE-2022-31042 Guzzle Cookie not sent to other host (fetch)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2022-31042 Guzzle Cookie not sent to other host (strict)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2022-31042 Guzzle Cookie not sent to other host (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Cookie", NOT_SENT},
    {"CVE-2022-31042 Guzzle Cookie not sent https to http same host (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Cookie", NOT_SENT},
    {"CVE-2022-31042 Guzzle Cookie not sent https to http same host (curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Cookie", NOT_SENT},
    {"CVE-2022-31042 Guzzle Cookie not sent https to http when allowed "
     "(strict)",
     STRICT, O_ALLOW_DG, NULL, "GET", NOBODY, A_P,
     HOPS({302, "http://a.example/x"}), "Cookie", NOT_SENT},
    /* Guzzle CVE-2022-31043: Authorization kept on an https downgrade. */
    {"CVE-2022-31043 Guzzle Authorization not sent https to http (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2022-31043 Guzzle Authorization not sent https to http (curl)", CURL,
     0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2022-31043 Guzzle Authorization not sent https to http when "
     "allowed (strict)",
     STRICT, O_ALLOW_DG, NULL, "GET", NOBODY, A_P,
     HOPS({302, "http://a.example/x"}), "Authorization", NOT_SENT},
    /* Guzzle CVE-2022-31090: curl's HTTPAUTH credentials kept on a change
     * of origin (redir has no -u: the Authorization it sends). */
    {"CVE-2022-31090 Guzzle HTTPAUTH: Authorization not sent to other host "
     "(fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2022-31090 Guzzle HTTPAUTH: Authorization not sent to other host "
     "(strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    {"CVE-2022-31090 Guzzle HTTPAUTH: Authorization not sent to other host "
     "(curl)",
     CURL, 0, NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Authorization",
     NOT_SENT},
    /* Guzzle CVE-2022-31091: a change of port is a change of origin. */
    {"CVE-2022-31091 Guzzle Authorization not sent to other port (fetch)",
     FETCH, 0, NULL, "GET", NOBODY, A_P,
     HOPS({302, "https://a.example:8443/x"}), "Authorization", NOT_SENT},
    {"CVE-2022-31091 Guzzle Authorization not sent to other port (strict)",
     STRICT, 0, NULL, "GET", NOBODY, A_P,
     HOPS({302, "https://a.example:8443/x"}), "Authorization", NOT_SENT},
    {"CVE-2022-31091 Guzzle Authorization not sent to other port (curl)", CURL,
     0, NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Authorization", NOT_SENT},
    {"CVE-2022-31091 Guzzle Cookie not sent to other port (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, "https://a.example:8443/x"}),
     "Cookie", NOT_SENT},
    /* reqwest: sensitive headers kept from https to http on one host. */
    {"reqwest same host https to http: Authorization not sent (fetch)", FETCH,
     0, NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"reqwest same host https to http: Authorization not sent (curl)", CURL, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, "http://a.example/x"}),
     "Authorization", NOT_SENT},
    {"reqwest same host https to http: Cookie not sent when allowed (strict)",
     STRICT, O_ALLOW_DG, NULL, "GET", NOBODY, A_P,
     HOPS({302, "http://a.example/x"}), "Cookie", NOT_SENT},
};

static const hop_row cve_hop_rows2[] = {
    /* Guzzle CVE-2022-31042/31043, reqwest: strict refuses the downgrade
     * itself. */
    {"CVE-2022-31043 Guzzle https to http downgrade refused (strict)", STRICT,
     0, "GET", NOBODY, A_P, 302, L("http://a.example/x"), FAILS(DOWNGRADE)},
    /* axios CVE-2024-39338: a path-relative URL read as protocol-relative.
     * "/evil.example/x" is a path on the same host in every profile. */
    {"CVE-2024-39338 axios /evil.example/x stays on the host (fetch)", FETCH, 0,
     "GET", NOBODY, A_P, 302, L("/evil.example/x"),
     FOLLOWS("GET", "https://a.example/evil.example/x", 0)},
    {"CVE-2024-39338 axios /evil.example/x stays on the host (strict)", STRICT,
     0, "GET", NOBODY, A_P, 302, L("/evil.example/x"),
     FOLLOWS("GET", "https://a.example/evil.example/x", 0)},
    {"CVE-2024-39338 axios /evil.example/x stays on the host (curl)", CURL, 0,
     "GET", NOBODY, A_P, 302, L("/evil.example/x"),
     FOLLOWS("GET", "https://a.example/evil.example/x", 0)},
    /* got CVE-2022-33987: a redirect to a non-network scheme (unix:). */
    {"CVE-2022-33987 got unix: Location refused (fetch)", FETCH, 0, "GET",
     NOBODY, A_P, 302, L("unix:/var/run/docker.sock:/x"),
     FAILS(SCHEME_NOT_ALLOWED)},
    {"CVE-2022-33987 got unix: Location refused (strict)", STRICT, 0, "GET",
     NOBODY, A_P, 302, L("unix:/var/run/docker.sock:/x"),
     FAILS(SCHEME_NOT_ALLOWED)},
    {"CVE-2022-33987 got unix: Location refused (curl)", CURL, 0, "GET", NOBODY,
     A_P, 302, L("unix:/var/run/docker.sock:/x"), FAILS(SCHEME_NOT_ALLOWED)},
    {"CVE-2022-33987 got file: Location refused (curl)", CURL, 0, "GET", NOBODY,
     A_P, 302, L("file:///etc/passwd"), FAILS(SCHEME_NOT_ALLOWED)},
    /* Ruby uri CVE-2025-27221: userinfo kept when the host changes. */
    {"CVE-2025-27221 Ruby uri userinfo dropped on another host (fetch)", FETCH,
     0, "GET", NOBODY, "https://u:pw@a.example/p", 302, L("//b.example/x"),
     FOLLOWS("GET", "https://b.example/x", XO)},
    {"CVE-2025-27221 Ruby uri userinfo dropped on another host (strict)",
     STRICT, 0, "GET", NOBODY, "https://u:pw@a.example/p", 302,
     L("//b.example/x"), FOLLOWS("GET", "https://b.example/x", XO)},
    {"CVE-2025-27221 Ruby uri userinfo dropped on another host (curl)", CURL, 0,
     "GET", NOBODY, "https://u:pw@a.example/p", 302, L("//b.example/x"),
     FOLLOWS("GET", "https://b.example/x", XO)},
};

static const hop_row cve_hop_rows[] = {

    {"CVE-2018-18074 requests https to http is refused (strict)", STRICT, 0,
     "GET", NOBODY, A_P, 302, L("http://a.example/x"), FAILS(DOWNGRADE)},
    {"CVE-2018-18074 requests https to http is followed, flagged (fetch)",
     FETCH, 0, "GET", NOBODY, A_P, 302, L("http://a.example/x"),
     FOLLOWS("GET", "http://a.example/x", DG | XO)},
    {"CVE-2023-45803 urllib3 POST 303 body not resent (fetch)", FETCH, 0,
     "POST", REPLAY, A_P, 303, L("/x"),
     FOLLOWS("GET", "https://a.example/x", MC | BD)},
    {"CVE-2023-45803 urllib3 POST 303 body not resent (strict)", STRICT, 0,
     "POST", REPLAY, A_P, 303, L("/x"),
     FOLLOWS("GET", "https://a.example/x", MC | BD)},
    {"CVE-2023-45803 urllib3 POST 303 body not resent (curl)", CURL, 0, "POST",
     REPLAY, A_P, 303, L("/x"), FOLLOWS("GET", "https://a.example/x", MC | BD)},
    {"CVE-2023-45803 urllib3 POST 301 body not resent (fetch)", FETCH, 0,
     "POST", REPLAY, A_P, 301, L("/x"),
     FOLLOWS("GET", "https://a.example/x", MC | BD | PM)},
    {"CVE-2023-45803 urllib3 POST 302 body not resent (curl)", CURL, 0, "POST",
     REPLAY, A_P, 302, L("/x"), FOLLOWS("GET", "https://a.example/x", MC | BD)},
    {"CVE-2023-45289 Go [::1%25.a.com] Location is an error (fetch)", FETCH, 0,
     "GET", NOBODY, ACOM, 302, L("https://[::1%25.a.com]/"), FAILS_ANY},
    {"CVE-2023-45289 Go [::1%25.a.com] Location is an error (strict)", STRICT,
     0, "GET", NOBODY, ACOM, 302, L("https://[::1%25.a.com]/"), FAILS_ANY},
    {"CVE-2023-45289 Go [::1%25.a.com] Location is an error (curl)", CURL, 0,
     "GET", NOBODY, ACOM, 302, L("https://[::1%25.a.com]/"), FAILS_ANY},
    {"CVE-2023-45289 Go [::1%25.a.com] relative Location is an error (fetch)",
     FETCH, 0, "GET", NOBODY, ACOM, 302, L("//[::1%25.a.com]/x"), FAILS_ANY},
};

/* ---- 9. fail closed ------------------------------------------------------ */

/* Names that are not RFC 9110 tokens are never sent, whatever they
 * spell; strict sends only its allow-list across origins. */
static const header_row fail_closed_header_rows[] = {
#define NOT_TOKEN_ROWS_(P, p)                                                  \
    {p " 'Authorization:' (colon) not sent cross-origin",                      \
     P,                                                                        \
     0,                                                                        \
     NULL,                                                                     \
     "GET",                                                                    \
     NOBODY,                                                                   \
     A_P,                                                                      \
     HOPS({302, B_X}),                                                         \
     "Authorization:",                                                         \
     NOT_SENT},                                                                \
        {p " 'Authorization ' (trailing space) not sent cross-origin",         \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, B_X}),                                                     \
         "Authorization ",                                                     \
         NOT_SENT},                                                            \
        {p " ' Authorization' (leading space) not sent cross-origin",          \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, B_X}),                                                     \
         " Authorization",                                                     \
         NOT_SENT},                                                            \
        {p " '' (empty name) not sent cross-origin",                           \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, B_X}),                                                     \
         "",                                                                   \
         NOT_SENT},                                                            \
        {p " 'Cookie\\r\\nX' (CRLF) not sent cross-origin",                    \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, B_X}),                                                     \
         "Cookie\r\nX",                                                        \
         NOT_SENT},                                                            \
        {p " non-ASCII name not sent cross-origin",                            \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, B_X}),                                                     \
         "Authorizati\xc3\xb3n",                                               \
         NOT_SENT},                                                            \
        {p " 'X Api' (inner space) not sent same-origin",                      \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         HOPS({302, "/x"}),                                                    \
         "X Api",                                                              \
         NOT_SENT},                                                            \
        {p " 'Accept:' not sent before any redirect",                          \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         NO_HOPS,                                                              \
         "Accept:",                                                            \
         NOT_SENT},                                                            \
        {p " 'Host ' not sent before any redirect",                            \
         P,                                                                    \
         0,                                                                    \
         NULL,                                                                 \
         "GET",                                                                \
         NOBODY,                                                               \
         A_P,                                                                  \
         NO_HOPS,                                                              \
         "Host ",                                                              \
         NOT_SENT},
    NOT_TOKEN_ROWS_(FETCH, "fetch") NOT_TOKEN_ROWS_(CURL, "curl")
        NOT_TOKEN_ROWS_(STRICT, "strict")
#undef NOT_TOKEN_ROWS_
#define STRICT_SENT_(h)                                                        \
    {"strict other host sends allow-listed " h,                                \
     STRICT,                                                                   \
     0,                                                                        \
     NULL,                                                                     \
     "GET",                                                                    \
     NOBODY,                                                                   \
     A_P,                                                                      \
     HOPS({302, B_X}),                                                         \
     h,                                                                        \
     SENT},
            STRICT_SENT_("Accept") STRICT_SENT_("Accept-Encoding")
                STRICT_SENT_("Accept-Language") STRICT_SENT_("User-Agent")
                    STRICT_SENT_("Cache-Control") STRICT_SENT_("Pragma")
                        STRICT_SENT_("ACCEPT-LANGUAGE")
#undef STRICT_SENT_
                            {"strict other host drops X-Auth-Token", STRICT, 0,
                             NULL, "GET", NOBODY, A_P, HOPS({302, B_X}),
                             "X-Auth-Token", NOT_SENT},
    {"strict other host drops If-None-Match (not allow-listed)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "If-None-Match", NOT_SENT},
    {"strict other host drops Accept-Encodings (not a prefix match)", STRICT, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "Accept-Encodings", NOT_SENT},
    {"strict same origin sends an unknown header", STRICT, 0, NULL, "GET",
     NOBODY, A_P, HOPS({302, "/x"}), "X-Api-Key", SENT},
    {"strict before any redirect sends an unknown header", STRICT, 0, NULL,
     "GET", NOBODY, A_P, NO_HOPS, "X-Api-Key", SENT},
    {"strict A to B to A still drops an unknown header", STRICT, 0, NULL, "GET",
     NOBODY, A_P, HOPS({302, B_X}, {302, "https://a.example/y"}), "X-Trace",
     NOT_SENT},
    {"strict add_safe X-Trace is sent to other host", STRICT, 0, "safe:X-Trace",
     "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Trace", SENT},
    {"strict add_safe compares any case", STRICT, 0, "safe:X-Trace", "GET",
     NOBODY, A_P, HOPS({302, B_X}), "x-TRACE", SENT},
    {"strict add_safe Authorization is still dropped (sensitive wins)", STRICT,
     0, "safe:Authorization", "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Authorization", NOT_SENT},
    {"strict add_safe Referer is still dropped (sensitive wins)", STRICT, 0,
     "safe:Referer", "GET", NOBODY, A_P, HOPS({302, B_X}), "Referer", NOT_SENT},
    {"strict safe and sensitive X-Trace is dropped (sensitive wins)", STRICT, 0,
     "both:X-Trace", "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Trace", NOT_SENT},
    {"strict TRUSTED sends an unknown header to other host", STRICT, O_TRUSTED,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Api-Key", SENT},
    {"strict POST 307 to other host keeps Content-Type", STRICT, 0, NULL,
     "POST", REPLAY, A_P, HOPS({307, B_X}), "Content-Type", SENT},
    {"strict POST 307 to other host keeps Content-Length", STRICT, 0, NULL,
     "POST", REPLAY, A_P, HOPS({307, B_X}), "Content-Length", SENT},
    {"strict other host does not send Host", STRICT, 0, "safe:Host", "GET",
     NOBODY, A_P, HOPS({302, B_X}), "Host", NOT_SENT},
    {"fetch add_safe changes nothing: Authorization dropped", FETCH, 0,
     "safe:Authorization", "GET", NOBODY, A_P, HOPS({302, B_X}),
     "Authorization", NOT_SENT},
    {"fetch other host keeps an unknown header (as fetch() does)", FETCH, 0,
     NULL, "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Trace", SENT},
    {"curl other host keeps an unknown header (as curl -L does)", CURL, 0, NULL,
     "GET", NOBODY, A_P, HOPS({302, B_X}), "X-Trace", SENT},
};

static const hop_row fail_closed_hop_rows[] = {
    /* A TAB, CR or LF in a Location never reaches the next URL: WHATWG
     * removes tabs (CR and LF are refused before parsing); curl's RFC
     * 3986 reading refuses it. */
    {"fetch TAB ending a Location host is removed", FETCH, 0, "GET", NOBODY,
     A_P, 302, L("https://evil.example\t/x"),
     FOLLOWS("GET", "https://evil.example/x", XO)},
    {"strict TAB before a Location port is removed", STRICT, 0, "GET", NOBODY,
     A_P, 302, L("https://b.example\t:8443/x"),
     FOLLOWS("GET", "https://b.example:8443/x", XO)},
    {"fetch TAB after Location userinfo is removed, userinfo refused", FETCH, 0,
     "GET", NOBODY, A_P, 302, L("https://u@\tb.example/x"),
     FAILS(USERINFO_IN_LOCATION)},
    {"curl TAB ending a Location host fails", CURL, 0, "GET", NOBODY, A_P, 302,
     L("https://evil.example\t/x"), FAILS_ANY},
    {"fetch CR ending a Location host is unsafe-location", FETCH, 0, "GET",
     NOBODY, A_P, 302, L("https://evil.example\r/x"), FAILS(UNSAFE_LOCATION)},
    /* curl writes a numeric host dotted-decimal; the port span follows. */
    {"curl 0x7f.1:8080 becomes 127.0.0.1:8080, port span exact", CURL, 0, "GET",
     NOBODY, H_P, 302, L("http://0x7f.1:8080/x"),
     FOLLOWS("GET", "http://127.0.0.1:8080/x", XO)},
    {"curl 1.1:8 becomes 1.0.0.1:8, port span inside the URL", CURL, 0, "GET",
     NOBODY, H_P, 302, L("http://1.1:8"),
     FOLLOWS("GET", "http://1.0.0.1:8", XO)},
    {"curl u@0x7f.1:81 keeps userinfo and port", CURL, 0, "GET", NOBODY, H_P,
     302, L("http://u@0x7f.1:81/"),
     FOLLOWS("GET", "http://u@127.0.0.1:81/", XO)},
    /* ASCII "xn--" hosts are plain domains (no IDNA needed). */
    {"fetch Location to an ASCII xn-- host follows", FETCH, 0, "GET", NOBODY,
     A_P, 302, L("https://XN--bcher-kva.example/"),
     FOLLOWS("GET", "https://xn--bcher-kva.example/", XO)},
    {"fetch Location to an internationalized host follows its ASCII form",
     FETCH, 0, "GET", NOBODY, A_P, 302,
     L("https://B\xc3\xbc"
       "cher.example/p"),
     FOLLOWS("GET", "https://xn--bcher-kva.example/p", XO)},
    {"strict Location to an internationalized host follows its ASCII form",
     STRICT, 0, "GET", NOBODY, A_P, 302,
     L("//b\xc3\xbc"
       "cher.example/"),
     FOLLOWS("GET", "https://xn--bcher-kva.example/", XO)},
    {"fetch Location to a host UTS 46 refuses is idna-invalid", FETCH, 0, "GET",
     NOBODY, A_P, 302,
     L("https://a\xe2\x80\x8d"
       "b.example/"),
     FAILS(IDNA_INVALID)},
};

#endif /* REDIR_TESTS_CVE_ROWS_H */
