/*
 * test_advance.c - redir_chain_advance(): the next URL written into the
 * chain, checked against redir_chain_next() with a buffer of its own.
 *
 * Every hop is made twice, on two chains started alike: one with
 * redir_chain_next() and a large `out`, one with redir_chain_advance().
 * Both must decide the same (action, reason, hop, flags, method, URL and
 * its components), then agree on the current request and on which
 * headers go. redir_chain_next() is checked against expected values in
 * test_policy.c; here it is the reference.
 *
 *   1. the single-hop and header rows of test_policy.c, the CVE and
 *      fail-closed rows with them, where the target fits beside the
 *      current URL;
 *   2. long URLs, where it does not and the target is written over the
 *      current URL: relative references that pop, keep or replace the
 *      path, query and fragment, absolute ones, and refusals found
 *      after writing (the one case where the chains differ: the
 *      advanced chain is left without a request);
 *   3. the API: misuse, a Location inside the chain, limits.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "redir.h"

#include "cve_rows.h"
#include "header_rows.h"
#include "policy_rows.h"
#include "same_url.h"
#include "table.h"

/* A pair of chains; large, so never on the stack. */
typedef struct twin {
    redir_chain next; /* driven by redir_chain_next() */
    redir_chain adv;  /* driven by redir_chain_advance() */
    unsigned over;    /* hops whose target did not fit beside the URL */
    unsigned lost;    /* of those, errors that left no request */
} twin;

static twin tw;

/* Headers whose fate a hop can change. */
static const char *const probe_headers[] = {
    "Authorization", "Cookie",          "Proxy-Authorization", "Referer",
    "Host",          "Content-Length",  "Content-Type",        "Accept",
    "X-Api-Key",     "Content-Language"};

static void twin_fail(const char *what, const char *why)
{
    print_error("%s: %s\n", what, why);
    fail();
}

/* Starts both chains alike; both must give the same status. */
static redir_status twin_start(const char *what, redir_profile profile,
                               uint32_t options, const char *names,
                               const char *method, redir_body body,
                               const char *url, size_t url_len)
{
    redir_policy policy;
    assert_int_equal(row_policy(&policy, profile, options, -1, names),
                     REDIR_OK);
    redir_status a = redir_chain_start(&tw.next, &policy, method,
                                       strlen(method), url, url_len, body);
    redir_status b = redir_chain_start(&tw.adv, &policy, method, strlen(method),
                                       url, url_len, body);
    if (a != b)
        twin_fail(what, "the starts differ");
    return a;
}

/* Both chains describe the same request and send the same headers. */
static void twin_agree(const char *what)
{
    size_t la, lb, ma, mb;
    const char *ua = redir_chain_url(&tw.next, &la);
    const char *ub = redir_chain_url(&tw.adv, &lb);
    const char *ha = redir_chain_method(&tw.next, &ma);
    const char *hb = redir_chain_method(&tw.adv, &mb);
    if (la != lb || (la > 0 && memcmp(ua, ub, la) != 0) || ma != mb ||
        (ma > 0 && memcmp(ha, hb, ma) != 0))
        twin_fail(what, "the current requests differ");
    if (ua != NULL && !same_url(&tw.next.url, &tw.adv.url))
        twin_fail(what, "the current URLs' components differ");
    if (redir_chain_status(&tw.next) != redir_chain_status(&tw.adv))
        twin_fail(what, "the chains' states differ");
    for (size_t i = 0; i < sizeof probe_headers / sizeof probe_headers[0];
         i++) {
        const char *h = probe_headers[i];
        if (redir_chain_send_header(&tw.next, h, strlen(h)) !=
            redir_chain_send_header(&tw.adv, h, strlen(h)))
            twin_fail(what, h);
    }
}

/* The reasons found once the target is written (step 2's last, step 3). */
static bool found_after_writing(redir_status s)
{
    switch (s) {
    case REDIR_E_UNSAFE_URL:
    case REDIR_E_SCHEME_NOT_ALLOWED:
    case REDIR_E_NO_ORIGIN:
    case REDIR_E_HOST_TOO_LONG:
    case REDIR_E_TOO_MANY_REDIRECTS:
    case REDIR_E_USERINFO_IN_LOCATION:
    case REDIR_E_BODY_NOT_REPLAYABLE:
    case REDIR_E_DOWNGRADE:
    case REDIR_E_BAD_PORT:
    case REDIR_E_PRIVATE_ADDRESS:
    case REDIR_E_LOOP:
        return true;
    default:
        return false;
    }
}

/* One response to both chains; returns the decision's action. */
static redir_action twin_hop(const char *what, int status, const char *loc,
                             size_t loc_len)
{
    static char out[REDIR_URL_MAX + 64];
    redir_decision a, b;
    size_t cur_len = 0;
    (void)redir_chain_url(&tw.adv, &cur_len);
    memset(&a, 0xa5, sizeof a);
    memset(&b, 0x5a, sizeof b);
    redir_status ra =
        redir_chain_next(&tw.next, status, loc, loc_len, out, sizeof out, &a);
    redir_status rb = redir_chain_advance(&tw.adv, status, loc, loc_len, &b);
    if (ra != rb || a.action != b.action || a.reason != b.reason ||
        a.status != b.status || a.hop != b.hop) {
        print_error("%s: next %s (%s), advance %s (%s)\n", what,
                    redir_action_name(a.action), redir_status_name(ra),
                    redir_action_name(b.action), redir_status_name(rb));
        fail();
    }
    bool over = cur_len + a.url_len > REDIR_URL_MAX && a.url_len > 0;
    tw.over += over;
    if (a.action == REDIR_ACTION_FOLLOW) {
        size_t len;
        const char *now = redir_chain_url(&tw.adv, &len);
        if (a.flags != b.flags || a.method_len != b.method_len ||
            memcmp(a.method, b.method, a.method_len) != 0 ||
            a.url_len != b.url_len || !same_url(&a.url, &b.url))
            twin_fail(what, "the follow decisions differ");
        if (now == NULL || len != a.url_len || memcmp(now, out, len) != 0)
            twin_fail(what, "the chain's URL is not the decided one");
    } else if (redir_chain_url(&tw.adv, NULL) == NULL &&
               redir_chain_url(&tw.next, NULL) != NULL) {
        /* allowed only for a refusal found after writing over the URL */
        if (!over || !found_after_writing(a.reason))
            twin_fail(what, "the advanced chain lost its URL");
        tw.lost++;
        return a.action;
    }
    twin_agree(what);
    return a.action;
}

/* ---- 1. the rows of test_policy.c ------------------------------------ */

static void test_hop_row(void **state)
{
    const hop_row *r = TEST_ROW(hop_row, state);
    assert_int_equal(twin_start(r->name, r->profile, r->options, NULL,
                                r->method, r->body, r->start, strlen(r->start)),
                     REDIR_OK);
    twin_agree(r->name);
    redir_action act = twin_hop(r->name, r->status, r->loc, r->loc_len);
    if (act != r->action)
        twin_fail(r->name, "not the row's action");
}

static void test_header_row(void **state)
{
    const header_row *r = TEST_ROW(header_row, state);
    assert_int_equal(twin_start(r->name, r->profile, r->options, r->sensitive,
                                r->method, r->body, r->start, strlen(r->start)),
                     REDIR_OK);
    for (size_t i = 0; i < MAX_HOPS && r->hops[i].status != 0; i++) {
        const char *loc = r->hops[i].loc;
        if (twin_hop(r->name, r->hops[i].status, loc, loc ? strlen(loc) : 0) !=
            REDIR_ACTION_FOLLOW)
            twin_fail(r->name, "a hop of the row was not followed");
    }
    bool got = redir_chain_send_header(&tw.adv, r->header, strlen(r->header));
    if (got != r->send)
        twin_fail(r->name, "send_header is not the row's");
}

/* ---- 2. long URLs: the target written over the current one ----------- */

/* "{P}" in a template is replaced by `pad` bytes of "seg/" repeated. */
static size_t expand(char *dst, size_t cap, const char *tpl, size_t pad)
{
    size_t n = 0;
    for (const char *s = tpl; *s != '\0';) {
        if (strncmp(s, "{P}", 3) == 0) {
            for (size_t i = 0; i < pad && n < cap; i++)
                dst[n++] = "seg/"[i % 4];
            s += 3;
        } else if (n < cap) {
            dst[n++] = *s++;
        } else {
            s++;
        }
    }
    return n;
}

static const char *const long_starts[] = {
    "https://a.example/{P}x/y?q=1#frag",
    "https://user:pw@a.example:8443/{P}dir/file",
    "http://127.1/{P}p?a=b",
    "https://a.example/{P}#only-a-fragment",
    "https://[::1]/{P}a/b/c/d?b",
    "https://a.example/{P}",
    "HTTPS://A.EXAMPLE/{P}%7e/caf%C3%A9?%41",
};

typedef struct long_row {
    const char *name;
    const char *loc;  /* "{P}": padding, so that the target is long too */
    const char *loc2; /* a second hop after a follow, or NULL */
} long_row;

static const long_row long_rows[] = {
    {"long: empty Location re-requests the URL", "", "#f2"},
    {"long: fragment only", "#new", "x"},
    {"long: query only", "?newq", "../.."},
    {"long: one segment", "x", "?q"},
    {"long: dot-dot pops one segment", "../x", "../../y"},
    {"long: three dot-dots", "../../../x?y#z", ""},
    {"long: dots in the middle", "./x/./y/../z", "."},
    {"long: a final dot-dot", "..", ".."},
    {"long: a final dot", ".", "./"},
    {"long: more dot-dots than segments",
     "../../../../../../../../../../../../../../../../../../../../../../../../"
     "../../../../../../../../../../../../../../../../../../../../x",
     "a"},
    /* more ".." than the 16 segments a WHATWG path keeps while it looks
     * ahead, then short segments: written right to left over the popped
     * ones, with more separators than they had */
    {"long: twenty dot-dots, then sixty short segments",
     "../../../../../../../../../../../../../../../../../../../../"
     "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/"
     "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/z",
     "../../../../../../../../../../../../../../../../../../b/b/b/b/b/b/b/b/b/"
     "b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/"},
    {"long: encoded dots", "%2e%2e/x/%2E/y", "%2e"},
    {"long: a long relative path", "x/{P}end", "../../z"},
    {"long: a long relative path with dot-dots", "../../{P}../end?q", "w"},
    {"long: absolute path", "/abs/path?x", "rel"},
    {"long: a long absolute path", "/{P}tail#t", "../u"},
    {"long: scheme-relative to another host", "//b.example/{P}p", "q"},
    {"long: absolute to another host", "https://b.example/{P}p#f", "../x"},
    {"long: absolute with userinfo", "https://u:p@b.example/{P}p", "x"},
    {"long: downgrade to http", "http://a.example/{P}p", "/y"},
    {"long: scheme not allowed", "ftp://a.example/{P}p", NULL},
    {"long: a bad port", "https://a.example:25/{P}p", NULL},
    {"long: a private address", "https://10.0.0.1/{P}p", "x"},
    {"long: an IPv4 host in another spelling", "https://0x7f.1/{P}p", "x"},
    {"long: tabs in the reference", "x\t/{P}y\t", "\tz"},
    {"long: backslashes", "\\\\b.example\\{P}p", "..\\q"},
    {"long: a non-ASCII path", "caf\xc3\xa9/{P}\xe2\x82\xac", "x"},
    {"long: spaces and a query", "a b/{P}?c d#e f", "x y"},
    {"long: too long", "{P}{P}{P}", NULL},
};

static const struct {
    redir_profile profile;
    uint32_t options;
} long_profiles[] = {
    {FETCH, 0},         {CURL, 0},
    {STRICT, 0},        {REDIR_PROFILE_CHROME, O_PRIVATE},
    {FETCH, O_DENY_DG}, {REDIR_PROFILE_CURL_FOLLOW, O_PRIVATE}};

static void test_long_row(void **state)
{
    const long_row *r = TEST_ROW(long_row, state);
    static char url[REDIR_URL_MAX + 1], loc[3 * REDIR_URL_MAX];
    /* start URLs from half the limit to nearly all of it */
    const size_t lens[] = {REDIR_URL_MAX / 2 + 3, REDIR_URL_MAX * 2 / 3,
                           REDIR_URL_MAX - 80, REDIR_URL_MAX - 40};
    tw.over = tw.lost = 0;
    for (size_t p = 0; p < sizeof long_profiles / sizeof long_profiles[0]; p++)
        for (size_t s = 0; s < sizeof long_starts / sizeof long_starts[0]; s++)
            for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
                size_t base = expand(url, sizeof url, long_starts[s], 0);
                size_t n =
                    expand(url, sizeof url, long_starts[s], lens[k] - base);
                if (twin_start(r->name, long_profiles[p].profile,
                               long_profiles[p].options, "X-Api-Key", "POST",
                               REPLAY, url, n) != REDIR_OK)
                    continue;
                size_t m = expand(loc, sizeof loc, r->loc, REDIR_URL_MAX / 3);
                if (twin_hop(r->name, 307, loc, m) == REDIR_ACTION_FOLLOW &&
                    r->loc2 != NULL)
                    (void)twin_hop(r->name, 302, r->loc2, strlen(r->loc2));
            }
    /* the row must reach the path it is about */
    if (tw.over == 0)
        twin_fail(r->name, "no hop wrote over the current URL");
}

/* A loop found once the target is written over the URL: the chain fails
 * with loop, and has no current request left. */
static void test_over_loop_loses_url(void **state)
{
    (void)state;
    static char a[REDIR_URL_MAX], b[REDIR_URL_MAX];
    size_t la = expand(a, sizeof a, "https://a.example/{P}", REDIR_URL_MAX / 2);
    size_t lb = expand(b, sizeof b, "https://b.example/{P}", REDIR_URL_MAX / 2);
    assert_int_equal(twin_start("loop", STRICT, 0, NULL, "GET", NOBODY, a, la),
                     REDIR_OK);
    assert_int_equal(twin_hop("loop", 302, b, lb), REDIR_ACTION_FOLLOW);
    tw.lost = 0;
    assert_int_equal(twin_hop("loop", 302, a, la), REDIR_ACTION_ERROR);
    assert_int_equal(redir_chain_status(&tw.adv), REDIR_E_LOOP);
    assert_int_equal(tw.lost, 1);
    assert_null(redir_chain_url(&tw.adv, NULL));
    assert_null(redir_chain_method(&tw.adv, NULL));
    assert_false(redir_chain_send_header(&tw.adv, L("Accept")));
    assert_non_null(redir_chain_url(&tw.next, NULL));
}

/* A refusal found before writing keeps the URL, even on the long path. */
static void test_over_parse_error_keeps_url(void **state)
{
    (void)state;
    static char a[REDIR_URL_MAX], loc[REDIR_URL_MAX];
    size_t la =
        expand(a, sizeof a, "https://a.example/{P}#f", REDIR_URL_MAX - 50);
    size_t n = expand(loc, sizeof loc, "https://a b/{P}", REDIR_URL_MAX / 2);
    assert_int_equal(twin_start("parse", FETCH, 0, NULL, "GET", NOBODY, a, la),
                     REDIR_OK);
    assert_int_equal(twin_hop("parse", 302, loc, n), REDIR_ACTION_ERROR);
    size_t len;
    const char *now = redir_chain_url(&tw.adv, &len);
    assert_non_null(now);
    assert_int_equal(len, la);
    assert_memory_equal(now, a, la); /* the fragment is back in place */
}

/* ---- 3. the API -------------------------------------------------------- */

static void start_one(redir_chain *c, redir_profile profile, const char *url)
{
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, profile), REDIR_OK);
    assert_int_equal(
        redir_chain_start(c, &policy, L("GET"), url, strlen(url), NOBODY),
        REDIR_OK);
}

static void test_location_inside_chain(void **state)
{
    (void)state;
    redir_decision d;
    start_one(&tw.adv, FETCH, "https://a.example/p/q");
    size_t len;
    const char *u = redir_chain_url(&tw.adv, &len);
    redir_status st = redir_chain_advance(&tw.adv, 302, u + 17, 2, &d);
    assert_int_equal(st, REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(d.action, REDIR_ACTION_ERROR);
    assert_int_equal(d.hop, 0); /* refused, not decided */
    redir_field f[2] = {{"/x", 2}, {u, len}};
    st = redir_chain_advance_fields(&tw.adv, 302, f, 2, &d);
    assert_int_equal(st, REDIR_E_INVALID_ARGUMENT);
    /* misuse is not sticky: the chain goes on from where it was */
    assert_int_equal(redir_chain_advance(&tw.adv, 302, L("/next"), &d),
                     REDIR_OK);
    u = redir_chain_url(&tw.adv, &len);
    assert_int_equal(len, strlen("https://a.example/next"));
    assert_memory_equal(u, "https://a.example/next", len);
}

static void test_advance_misuse(void **state)
{
    (void)state;
    redir_decision d;
    start_one(&tw.adv, FETCH, "https://a.example/p");
    assert_int_equal(redir_chain_advance(&tw.adv, 302, L("/x"), NULL),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_advance_abi(&tw.adv, 302, L("/x"), &d, 0),
                     REDIR_E_ABI_MISMATCH);
    assert_int_equal(redir_chain_advance(NULL, 302, L("/x"), &d),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_advance(&tw.adv, 302, NULL, 3, &d),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_advance(&tw.adv, 99, L("/x"), &d),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_advance_fields(&tw.adv, 302, NULL, 1, &d),
                     REDIR_E_INVALID_ARGUMENT);
    /* redir_chain_next() writing over the chain or over its Location */
    assert_int_equal(
        redir_chain_next(&tw.adv, 302, L("/x"), tw.adv.url_text, 16, &d),
        REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(
        redir_chain_next(&tw.adv, 302, L("/x"), tw.adv.prev_text, 4, &d),
        REDIR_E_INVALID_ARGUMENT);
    char buf[64] = "/x";
    assert_int_equal(
        redir_chain_next(&tw.adv, 302, buf, 2, buf, sizeof buf, &d),
        REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_next(&tw.adv, 302, buf + 40, 2, buf, 41, &d),
                     REDIR_E_INVALID_ARGUMENT);
    /* none of it touched the chain */
    size_t len;
    const char *u = redir_chain_url(&tw.adv, &len);
    assert_int_equal(len, strlen("https://a.example/p"));
    assert_memory_equal(u, "https://a.example/p", len);
    assert_int_equal(redir_chain_advance(&tw.adv, 302, ABSENT, &d),
                     REDIR_STOP_NO_LOCATION);
    assert_int_equal(redir_chain_advance(&tw.adv, 302, L("/x"), &d),
                     REDIR_E_CHAIN_FINISHED);
    /* bytes just past `out` are not in it: past the misuse checks */
    assert_int_equal(redir_chain_next(&tw.adv, 302, buf + 41, 2, buf, 41, &d),
                     REDIR_E_CHAIN_FINISHED);
}

/* A target of exactly REDIR_URL_MAX bytes is followed, over the current
 * URL; one byte more is url-too-long (never no-space), and keeps it. */
static void test_advance_exact_limit(void **state)
{
    (void)state;
    static char loc[REDIR_URL_MAX + 2];
    const char *prefix = "https://a.example/";
    size_t plen = strlen(prefix);
    redir_decision d;
    for (int extra = 0; extra <= 1; extra++) {
        start_one(&tw.adv, FETCH, "https://a.example/p");
        memcpy(loc, prefix, plen);
        memset(loc + plen, 'z', REDIR_URL_MAX - plen + (size_t)extra);
        size_t n = REDIR_URL_MAX + (size_t)extra;
        redir_status st = redir_chain_advance(&tw.adv, 302, loc, n, &d);
        size_t len;
        const char *u = redir_chain_url(&tw.adv, &len);
        assert_int_equal(d.url_len, n);
        if (extra == 0) {
            assert_int_equal(st, REDIR_OK);
            assert_int_equal(len, n);
            assert_memory_equal(u, loc, n);
        } else {
            assert_int_equal(st, REDIR_E_URL_TOO_LONG);
            assert_int_equal(len, strlen("https://a.example/p"));
        }
    }
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_fetch);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_fetch2);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_fetch_target);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_curl);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_strict);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows_ssrf);
    TEST_LIST_ADD_TABLE(&list, test_header_row, header_rows_fetch);
    TEST_LIST_ADD_TABLE(&list, test_header_row, header_rows_curl);
    TEST_LIST_ADD_TABLE(&list, test_header_row, header_rows_strict);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, cve_hop_rows);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, cve_hop_rows2);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, fail_closed_hop_rows);
    TEST_LIST_ADD_TABLE(&list, test_header_row, cve_header_rows);
    TEST_LIST_ADD_TABLE(&list, test_header_row, cve_header_rows2);
    TEST_LIST_ADD_TABLE(&list, test_header_row, fail_closed_header_rows);
    TEST_LIST_ADD_TABLE(&list, test_long_row, long_rows);
    test_list_add(&list, "over: a loop found after writing leaves no URL",
                  test_over_loop_loses_url, NULL);
    test_list_add(&list, "over: a parse error keeps the URL and its fragment",
                  test_over_parse_error_keeps_url, NULL);
    test_list_add(&list, "advance: a Location inside the chain is misuse",
                  test_location_inside_chain, NULL);
    test_list_add(&list, "advance: misuse leaves the chain as it was",
                  test_advance_misuse, NULL);
    test_list_add(&list, "advance: REDIR_URL_MAX fits, one more is too long",
                  test_advance_exact_limit, NULL);
    return test_list_run(&list, "advance") ? 1 : 0;
}
