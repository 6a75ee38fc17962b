/*
 * test_policy.c - the policy core of redir.h: redir_chain_start,
 * redir_chain_next, redir_chain_send_header and their helpers, in the
 * fetch, curl and strict profiles.
 *
 * Every expected value was written down by hand from the rules of the
 * three profiles (redir.h, the README's table of rules, the Fetch
 * standard's "HTTP-redirect fetch", RFC 9110 section 15.4 and what
 * `curl -L` does), before the implementation was run; none was copied
 * from its output.
 *
 * Location values are chosen so that strict RFC 3986 resolution and the
 * WHATWG URL Standard give the same target (a path is always present,
 * hosts are lowercase, no default ports written out), so these rows keep
 * holding when fetch and strict move to WHATWG parsing. A Location that
 * must fail is one that fails in both; where the two would name the
 * failure differently the row accepts any failure (ANY_FAILURE).
 *
 * (Header rows check no URL text, only that each hop is followed; a few
 * of them use "https://A.EXAMPLE/" or an explicit default port on purpose,
 * to test origin comparison whatever the serialization.)
 *
 * Tables:
 *   hop_rows_*       one response after the original request: the decision
 *   hop_rows_ssrf    REDIR_OPT_DENY_PRIVATE through the chain
 *   header_rows_*    a chain of followed hops, then one header: sent or not
 *   chain_rows       several responses, each decision checked
 *   limit_rows       the redirect limits, exactly (plus loop functions)
 *   cve_*_rows       one named regression per published CVE
 *   init, sensitive, start, bad_status, nospace, name rows and functions:
 *                    the API's argument checks, buffers and names
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include "table.h"

#include <stdbool.h>
#include <string.h>

#include "chain_rows.h"
#include "cve_rows.h"
#include "header_rows.h"
#include "policy_rows.h"

/* Big enough for every URL a chain can hold, plus room for the
 * url-too-long rows. */
#define OUT_CAP (2 * REDIR_URL_MAX)

/* ---- helpers ------------------------------------------------------------- */

static const char *status_text(redir_status s)
{
    return s == ANY_FAILURE ? "(any failure)" : redir_status_name(s);
}

static void print_flags(const char *what, uint32_t f)
{
    print_error("%s 0x%02x%s%s%s%s%s%s\n", what, (unsigned)f,
                (f & SB) ? " send-body" : "", (f & BD) ? " body-dropped" : "",
                (f & MC) ? " method-changed" : "",
                (f & XO) ? " cross-origin" : "", (f & DG) ? " downgrade" : "",
                (f & PM) ? " permanent" : "");
}

static void print_decision(const redir_decision *d, redir_status ret,
                           const char *out)
{
    print_error("  got: action %s, reason %s (returned %s), status %d, "
                "hop %u\n",
                redir_action_name(d->action), redir_status_name(d->reason),
                redir_status_name(ret), d->status, (unsigned)d->hop);
    if (d->action == REDIR_ACTION_FOLLOW) {
        int ml = d->method_len <= REDIR_METHOD_MAX ? (int)d->method_len : 0;
        int ul = d->url_len <= OUT_CAP ? (int)d->url_len : 0;
        print_error("  got: method \"%.*s\", url \"%.*s\"\n", ml, d->method,
                    out ? ul : 0, out ? out : "");
        print_flags("  got: flags", d->flags);
    }
}

/* A started chain; every step must succeed. */
static void start_chain(redir_chain *chain, redir_profile profile,
                        uint32_t options, int32_t max_redirects,
                        const char *sensitive, const char *method,
                        redir_body body, const char *url)
{
    redir_policy policy;
    assert_int_equal(
        row_policy(&policy, profile, options, max_redirects, sensitive),
        REDIR_OK);
    redir_status st = redir_chain_start(chain, &policy, method, strlen(method),
                                        url, strlen(url), body);
    if (st != REDIR_OK) {
        print_error("redir_chain_start(%s, \"%s\", \"%s\") = %s, want ok\n",
                    redir_profile_name(profile), method, url,
                    redir_status_name(st));
        fail();
    }
}

/* Compares a span of `text` with the same span of `want_text`. */
static bool same_span(const char *text, redir_span got, const char *want_text,
                      redir_span want)
{
    return got.len == want.len &&
           memcmp(text + got.off, want_text + want.off, got.len) == 0;
}

/* The decision's components must be those of the expected URL. */
static void check_components(const redir_decision *d, const char *out,
                             const char *want_url)
{
    redir_url want;
    assert_int_equal(redir_url_parse(want_url, strlen(want_url), &want),
                     REDIR_OK);
    const redir_url *got = &d->url;
    bool ok = got->flags == want.flags &&
              got->port_number == want.port_number &&
              same_span(out, got->scheme, want_url, want.scheme) &&
              same_span(out, got->userinfo, want_url, want.userinfo) &&
              same_span(out, got->host, want_url, want.host) &&
              same_span(out, got->port, want_url, want.port) &&
              same_span(out, got->path, want_url, want.path) &&
              same_span(out, got->query, want_url, want.query) &&
              same_span(out, got->fragment, want_url, want.fragment);
    if (!ok) {
        print_error("decision->url components do not describe \"%s\" "
                    "(flags got 0x%x want 0x%x, host got %zu+%zu, path got "
                    "%zu+%zu)\n",
                    want_url, (unsigned)got->flags, (unsigned)want.flags,
                    got->host.off, got->host.len, got->path.off, got->path.len);
        fail();
    }
}

static void check_decision(const char *what, const redir_decision *d,
                           redir_status ret, const char *out, const expect *e)
{
    if (!decision_matches(d, ret, out, e)) {
        print_error("%s\n", what);
        print_error("  want: action %s, reason %s, status %d, hop %u\n",
                    redir_action_name(e->action), status_text(e->reason),
                    e->status, (unsigned)e->hop);
        if (e->action == REDIR_ACTION_FOLLOW) {
            print_error("  want: method \"%s\", url \"%s\"\n", e->method,
                        e->url);
            print_flags("  want: flags", e->flags);
        }
        print_decision(d, ret, out);
        fail();
    }
    if (e->action == REDIR_ACTION_FOLLOW)
        check_components(d, out, e->url);
}

/* The chain's current method and URL. */
static void check_current(const redir_chain *chain, const char *method,
                          const char *url)
{
    size_t len = 0;
    const char *got = redir_chain_url(chain, &len);
    if (got == NULL || len != strlen(url) || memcmp(got, url, len) != 0) {
        print_error("redir_chain_url: got \"%.*s\", want \"%s\"\n",
                    got ? (int)len : 0, got ? got : "", url);
        fail();
    }
    len = 0;
    got = redir_chain_method(chain, &len);
    if (got == NULL || len != strlen(method) || memcmp(got, method, len) != 0) {
        print_error("redir_chain_method: got \"%.*s\", want \"%s\"\n",
                    got ? (int)len : 0, got ? got : "", method);
        fail();
    }
}

/* ---- 1. single hops ------------------------------------------------------ */

/* The method a chain reports right after start: fetch and strict
 * uppercase the six methods Fetch normalizes. Only used for rows whose
 * method is already in its final spelling or is one of those six. */
static void upper_ascii(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; src[i] != '\0' && i + 1 < cap; i++)
        dst[i] =
            (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32) : src[i];
    dst[i] = '\0';
}

static const char *start_method(redir_profile profile, const char *method,
                                char *buf, size_t cap)
{
    static const char *const six[] = {"DELETE",  "GET",  "HEAD",
                                      "OPTIONS", "POST", "PUT"};
    redir_rules rules;
    if (redir_rules_init(&rules, profile) != REDIR_OK ||
        !rules.normalize_method)
        return method;
    upper_ascii(buf, method, cap);
    for (size_t i = 0; i < sizeof six / sizeof six[0]; i++)
        if (strcmp(buf, six[i]) == 0)
            return buf;
    return method;
}

static void test_hop_row(void **state)
{
    const hop_row *r = TEST_ROW(hop_row, state);
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    char mbuf[REDIR_METHOD_MAX + 1];

    start_chain(&chain, r->profile, r->options, -1, NULL, r->method, r->body,
                r->start);
    const char *method0 =
        start_method(r->profile, r->method, mbuf, sizeof mbuf);
    check_current(&chain, method0, r->start);

    memset(&d, 0xa5, sizeof d);
    redir_status ret = redir_chain_next(&chain, r->status, r->loc, r->loc_len,
                                        out, sizeof out, &d);
    expect e = hop_expect(r);
    check_decision(r->name, &d, ret, out, &e);
    if (r->action == REDIR_ACTION_FOLLOW)
        check_current(&chain, r->next_method, r->next_url);
    else
        check_current(&chain, method0, r->start); /* not advanced */
}

/* ---- 2. headers after a chain of hops ------------------------------------ */

/* Follows every hop of the row (each must be a follow). */
static void follow_hops(redir_chain *chain, const char *name,
                        const hop_spec *hops)
{
    static char out[OUT_CAP];
    for (size_t i = 0; i < MAX_HOPS && hops[i].status != 0; i++) {
        redir_decision d;
        const char *loc = hops[i].loc;
        redir_status ret =
            redir_chain_next(chain, hops[i].status, loc, loc ? strlen(loc) : 0,
                             out, sizeof out, &d);
        if (d.action != REDIR_ACTION_FOLLOW || ret != REDIR_OK) {
            print_error("%s: hop %zu (%d %s) was not followed\n", name, i + 1,
                        hops[i].status, loc ? loc : "(no Location)");
            print_decision(&d, ret, out);
            fail();
        }
    }
}

static void test_header_row(void **state)
{
    const header_row *r = TEST_ROW(header_row, state);
    redir_chain chain;

    start_chain(&chain, r->profile, r->options, -1, r->sensitive, r->method,
                r->body, r->start);
    follow_hops(&chain, r->name, r->hops);
    bool got = redir_chain_send_header(&chain, r->header, strlen(r->header));
    if (got != r->send) {
        print_error("redir_chain_send_header(\"%s\") = %s, want %s\n",
                    r->header, got ? "true" : "false",
                    r->send ? "true" : "false");
        fail();
    }
}

/* ---- 3. multi-hop chains, each decision checked -------------------------- */

static void test_chain_row(void **state)
{
    const chain_row *r = TEST_ROW(chain_row, state);
    redir_chain chain;
    static char out[OUT_CAP];
    char what[200];

    start_chain(&chain, r->profile, r->options, -1, NULL, r->method, r->body,
                r->start);
    for (size_t i = 0; i < MAX_STEPS && r->steps[i].status != 0; i++) {
        const step *st = &r->steps[i];
        redir_decision d;
        size_t cur_len = 0;
        char cur[OUT_CAP];
        const char *c = redir_chain_url(&chain, &cur_len);
        assert_non_null(c);
        assert_true(cur_len < sizeof cur);
        memcpy(cur, c, cur_len);
        cur[cur_len] = '\0';

        redir_status ret = redir_chain_next(&chain, st->status, st->loc,
                                            st->loc ? strlen(st->loc) : 0, out,
                                            sizeof out, &d);
        snprintf(what, sizeof what, "%s: step %zu (%d %s)", r->name, i + 1,
                 st->status, st->loc ? st->loc : "(no Location)");
        expect e = step_expect(st, (uint32_t)(i + 1));
        check_decision(what, &d, ret, out, &e);
        if (st->action == REDIR_ACTION_FOLLOW) {
            check_current(&chain, st->method, st->url);
        } else {
            /* not advanced: still the URL before this response */
            size_t len = 0;
            const char *now = redir_chain_url(&chain, &len);
            assert_non_null(now);
            assert_int_equal(len, cur_len);
            assert_memory_equal(now, cur, len);
            /* a row ends at its first decision that is not a follow */
            if (i + 1 < MAX_STEPS)
                assert_int_equal(r->steps[i + 1].status, 0);
        }
    }
}

/* ---- 3b. redirect limits ------------------------------------------------- */

typedef struct limit_row {
    const char *name;
    redir_profile profile;
    int32_t max_redirects; /* -1: the profile's */
    uint32_t follows;      /* how many redirects must succeed */
} limit_row;

static const limit_row limit_rows[] = {
    {"fetch limit: 20 redirects followed, the 21st errors", FETCH, -1, 20},
    {"curl limit: 50 redirects followed, the 51st errors", CURL, -1, 50},
    {"strict limit: 10 redirects followed, the 11th errors", STRICT, -1, 10},
    {"fetch max_redirects 0: the first redirect errors", FETCH, 0, 0},
    {"curl max_redirects 0: the first redirect errors", CURL, 0, 0},
    {"strict max_redirects 0: the first redirect errors", STRICT, 0, 0},
    {"fetch max_redirects -5 means the profile's 20", FETCH, -5, 20},
    {"strict max_redirects -2 means the profile's 10", STRICT, -2, 10},
    {"fetch max_redirects 1: one followed, the 2nd errors", FETCH, 1, 1},
    {"fetch max_redirects 3: three followed, the 4th errors", FETCH, 3, 3},
    {"curl max_redirects 3: three followed, the 4th errors", CURL, 3, 3},
    {"strict max_redirects 3: three followed, the 4th errors", STRICT, 3, 3},
    {"fetch max_redirects 25 raises the limit above 20", FETCH, 25, 25},
    {"curl max_redirects 60 raises the limit above 50", CURL, 60, 60},
    {"strict max_redirects 14 raises the limit above 10", STRICT, 14, 14},
};

/* Follows `n` redirects to distinct same-origin URLs, checking each. */
static void follow_distinct(redir_chain *chain, const char *name, uint32_t n,
                            int status_cycle)
{
    static const int statuses[] = {302, 301, 303, 307, 308};
    static char out[OUT_CAP];
    for (uint32_t i = 1; i <= n; i++) {
        char loc[32], want[64], what[160];
        int status = status_cycle ? statuses[i % 5] : 302;
        snprintf(loc, sizeof loc, "/r%u", (unsigned)i);
        snprintf(want, sizeof want, "https://a.example/r%u", (unsigned)i);
        snprintf(what, sizeof what, "%s: redirect %u", name, (unsigned)i);
        redir_decision d;
        redir_status ret = redir_chain_next(chain, status, loc, strlen(loc),
                                            out, sizeof out, &d);
        uint32_t flags = (status == 301 || status == 308) ? PM : 0u;
        expect e = {status, i,    REDIR_ACTION_FOLLOW, REDIR_OK, "GET",
                    want,   flags};
        check_decision(what, &d, ret, out, &e);
    }
}

static void test_limit_row(void **state)
{
    const limit_row *r = TEST_ROW(limit_row, state);
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    char want_url[64];

    start_chain(&chain, r->profile, 0, r->max_redirects, NULL, "GET", NOBODY,
                A_P);
    follow_distinct(&chain, r->name, r->follows, 1);

    /* One more redirect is too many. */
    redir_status ret =
        redir_chain_next(&chain, 302, L("/one-more"), out, sizeof out, &d);
    expect e = {302, r->follows + 1, FAILS(TOO_MANY_REDIRECTS)};
    check_decision(r->name, &d, ret, out, &e);
    if (r->follows == 0)
        snprintf(want_url, sizeof want_url, "%s", A_P);
    else
        snprintf(want_url, sizeof want_url, "https://a.example/r%u",
                 (unsigned)r->follows);
    check_current(&chain, "GET", want_url); /* not advanced */

    /* The error is sticky: the chain refuses even a final response. */
    ret = redir_chain_next(&chain, 200, ABSENT, out, sizeof out, &d);
    expect failed = {200, 0, FAILS(CHAIN_FAILED)};
    check_decision(r->name, &d, ret, out, &failed);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_TOO_MANY_REDIRECTS);

    /* The limit is on redirects: a final response after as many
     * redirects as allowed still stops normally. */
    start_chain(&chain, r->profile, 0, r->max_redirects, NULL, "GET", NOBODY,
                A_P);
    follow_distinct(&chain, r->name, r->follows, 1);
    ret = redir_chain_next(&chain, 200, ABSENT, out, sizeof out, &d);
    expect e200 = {200, r->follows + 1, STOPS(NOT_FOLLOWED)};
    check_decision(r->name, &d, ret, out, &e200);
}

/* fetch: an empty Location re-requests the same URL; the limit ends it. */
static void test_fetch_empty_location_self_loop(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    for (uint32_t i = 1; i <= 20; i++) {
        redir_status ret =
            redir_chain_next(&chain, 302, EMPTY, out, sizeof out, &d);
        expect e = {302, i, FOLLOWS("GET", A_P, 0)};
        check_decision("fetch empty Location self-loop", &d, ret, out, &e);
    }
    redir_status ret =
        redir_chain_next(&chain, 302, EMPTY, out, sizeof out, &d);
    expect e = {302, 21, FAILS(TOO_MANY_REDIRECTS)};
    check_decision("fetch empty Location self-loop, 21st", &d, ret, out, &e);
}

/* fetch and curl have no loop detection: A <-> B runs into the limit. */
static void ping_pong(redir_profile profile, uint32_t limit)
{
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, profile, 0, -1, NULL, "GET", NOBODY, AX("/a"));
    for (uint32_t i = 1; i <= limit; i++) {
        const char *loc = (i % 2) ? "/b" : "/a";
        const char *want = (i % 2) ? AX("/b") : AX("/a");
        redir_status ret = redir_chain_next(&chain, 307, loc, strlen(loc), out,
                                            sizeof out, &d);
        expect e = {307, i, FOLLOWS("GET", want, 0)};
        check_decision(redir_profile_name(profile), &d, ret, out, &e);
    }
    redir_status ret =
        redir_chain_next(&chain, 307, L("/b"), out, sizeof out, &d);
    expect e = {307, limit + 1, FAILS(TOO_MANY_REDIRECTS)};
    check_decision(redir_profile_name(profile), &d, ret, out, &e);
}

static void test_fetch_ping_pong_ends_at_limit(void **state)
{
    (void)state;
    ping_pong(FETCH, 20);
}

static void test_curl_ping_pong_ends_at_limit(void **state)
{
    (void)state;
    ping_pong(CURL, 50);
}

/* strict: a loop is reported as a loop even with room left in the limit,
 * and the limit is reported when every URL is new. */
static void test_strict_loop_before_limit(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    /* The chain remembers its last REDIR_LOOP_SLOTS requests: /r3, or
     * with fewer than 7 slots the oldest still remembered. */
    int back = REDIR_LOOP_SLOTS >= 7 ? 3 : 10 - REDIR_LOOP_SLOTS;
    char loc[8] = "/r0";
    loc[2] = (char)('0' + back);
    start_chain(&chain, STRICT, 0, -1, NULL, "GET", NOBODY, A_P);
    follow_distinct(&chain, "strict loop at hop 10", 9, 0);
    /* hop 10: back to it */
    redir_status ret =
        redir_chain_next(&chain, 302, loc, strlen(loc), out, sizeof out, &d);
    expect e = {302, 10, FAILS(LOOP)};
    check_decision("strict: back to an earlier URL after 9 redirects", &d, ret,
                   out, &e);
    /* the loop error is sticky: even a new URL is refused */
    ret = redir_chain_next(&chain, 302, L("/new"), out, sizeof out, &d);
    expect e2 = {302, 0, FAILS(CHAIN_FAILED)};
    check_decision("strict: new URL after a loop error", &d, ret, out, &e2);
    check_current(&chain, "GET", AX("/r9"));
}

/* ---- 6. API: policies ---------------------------------------------------- */

typedef struct init_row {
    const char *name;
    int profile;
    redir_status want;
    int32_t default_max; /* the profile's limit, on success */
} init_row;

static const init_row init_rows[] = {
    {"policy_init fetch", REDIR_PROFILE_FETCH, REDIR_OK, 20},
    {"policy_init curl", REDIR_PROFILE_CURL, REDIR_OK, 50},
    {"policy_init strict", REDIR_PROFILE_STRICT, REDIR_OK, 10},
    {"policy_init curl-7.88", REDIR_PROFILE_CURL_7_88, REDIR_OK, 50},
    {"policy_init curl-follow", REDIR_PROFILE_CURL_FOLLOW, REDIR_OK, 50},
    {"policy_init chrome", REDIR_PROFILE_CHROME, REDIR_OK, 20},
    {"policy_init profile 6 is invalid-argument", 6, REDIR_E_INVALID_ARGUMENT,
     0},
    {"policy_init custom is invalid-argument (init_rules makes it)",
     REDIR_PROFILE_CUSTOM, REDIR_E_INVALID_ARGUMENT, 0},
    {"policy_init profile -1 is invalid-argument", -1, REDIR_E_INVALID_ARGUMENT,
     0},
    {"policy_init profile 100 is invalid-argument", 100,
     REDIR_E_INVALID_ARGUMENT, 0},
};

static void test_init_row(void **state)
{
    const init_row *r = TEST_ROW(init_row, state);
    redir_policy policy;
    memset(&policy, 0x5a, sizeof policy);
    redir_status st = redir_policy_init(&policy, (redir_profile)r->profile);
    if (st != r->want) {
        print_error("redir_policy_init(%d) = %s, want %s\n", r->profile,
                    redir_status_name(st), redir_status_name(r->want));
        fail();
    }
    if (st == REDIR_OK) {
        assert_int_equal(policy.profile, r->profile);
        assert_int_equal(policy.options, 0);
        assert_int_equal(policy.sensitive_len, 0);
        /* "-1: the profile's" or the profile's number written out */
        assert_true(policy.max_redirects == -1 ||
                    policy.max_redirects == r->default_max);
    }
}

static void test_init_null(void **state)
{
    (void)state;
    assert_int_equal(redir_policy_init(NULL, REDIR_PROFILE_FETCH),
                     REDIR_E_INVALID_ARGUMENT);
}

typedef struct sensitive_row {
    const char *name;
    const char *header;
    size_t len;
    redir_status want;
} sensitive_row;

static const sensitive_row sensitive_rows[] = {
    {"add_sensitive X-Api-Key", L("X-Api-Key"), REDIR_OK},
    {"add_sensitive one letter", L("x"), REDIR_OK},
    {"add_sensitive every token symbol", L("!#$%&'*+-.^_`|~09Az"), REDIR_OK},
    {"add_sensitive name given by length (X-Api-Key, 5)", "X-Api-Key", 5,
     REDIR_OK},
    {"add_sensitive empty name is invalid-argument", EMPTY,
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive NULL name is invalid-argument", NULL, 0,
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive NULL name with a length is invalid-argument", NULL, 4,
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with a space is invalid-argument", L("X Api"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with a colon is invalid-argument", L("X-Api:"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with CRLF is invalid-argument", L("X\r\nY"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with a NUL is invalid-argument", L("X\0Y"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with parentheses is invalid-argument", L("(x)"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with @ is invalid-argument", L("x@y"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with / is invalid-argument", L("a/b"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with braces is invalid-argument", L("{x}"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive non-ASCII name is invalid-argument", L("caf\xc3\xa9"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_sensitive name with a tab is invalid-argument", L("X\tY"),
     REDIR_E_INVALID_ARGUMENT},
};

static void test_sensitive_row(void **state)
{
    const sensitive_row *r = TEST_ROW(sensitive_row, state);
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_FETCH), REDIR_OK);
    redir_status st = redir_policy_add_sensitive(&policy, r->header, r->len);
    if (st != r->want) {
        print_error("redir_policy_add_sensitive(len %zu) = %s, want %s\n",
                    r->len, redir_status_name(st), redir_status_name(r->want));
        fail();
    }
    if (st != REDIR_OK)
        assert_int_equal(policy.sensitive_len, 0); /* nothing stored */
}

static void test_sensitive_null_policy(void **state)
{
    (void)state;
    assert_int_equal(redir_policy_add_sensitive(NULL, L("X-Api-Key")),
                     REDIR_E_INVALID_ARGUMENT);
}

/* Stored lowercased, as a length byte and the name (redir.h). */
static void test_sensitive_stored_lowercase(void **state)
{
    (void)state;
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_STRICT),
                     REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, L("X-Api-KEY")),
                     REDIR_OK);
    assert_int_equal(policy.sensitive_len, 10);
    assert_int_equal(policy.sensitive[0], 9);
    assert_memory_equal(policy.sensitive + 1, "x-api-key", 9);
    assert_int_equal(redir_policy_add_sensitive(&policy, L("Ab")), REDIR_OK);
    assert_int_equal(policy.sensitive_len, 13);
    assert_int_equal(policy.sensitive[10], 2);
    assert_memory_equal(policy.sensitive + 11, "ab", 2);
}

static void test_sensitive_lengths(void **state)
{
    (void)state;
    redir_policy policy;
    char name[300];
    memset(name, 'k', sizeof name);

    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_FETCH), REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 256),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(policy.sensitive_len, 0);
    /* 1 + 255 bytes: exactly REDIR_SENSITIVE_MAX (256) */
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 255), REDIR_OK);
    assert_int_equal(policy.sensitive_len, 256);
    assert_int_equal(redir_policy_add_sensitive(&policy, L("a")),
                     REDIR_E_NOSPACE);
    assert_int_equal(policy.sensitive_len, 256);
}

/* Filling the policy keeps the names already registered working. */
static void test_sensitive_full_keeps_earlier(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    char name[120];
    memset(name, 'z', sizeof name);

    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_FETCH), REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, L("X-A")), REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 100), REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 100), REDIR_OK);
    /* 4 + 101 + 101 = 206 used; 51 more does not fit (52 > 50) */
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 51),
                     REDIR_E_NOSPACE);
    assert_int_equal(redir_policy_add_sensitive(&policy, L("X-B")), REDIR_OK);
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    assert_false(redir_chain_send_header(&chain, L("x-a")));
    assert_false(redir_chain_send_header(&chain, L("X-B")));
    assert_true(redir_chain_send_header(&chain, L("X-C")));
}

/* ---- 6b. API: redir_chain_start ------------------------------------------ */

typedef struct start_row {
    const char *name;
    redir_profile profile;
    const char *method;
    size_t method_len;
    const char *url;
    size_t url_len;
    int body;
    redir_status want;
    const char *want_method; /* redir_chain_method on success */
} start_row;

#define M32 "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF"

static const start_row start_rows[] = {
    {"start GET https", FETCH, L("GET"), L(A_P), NOBODY, REDIR_OK, "GET"},
    {"start GET http", FETCH, L("GET"), L(H_P), NOBODY, REDIR_OK, "GET"},
    {"start URL with port, query and fragment", FETCH, L("GET"),
     L("https://a.example:8443/p?q=1#f"), NOBODY, REDIR_OK, "GET"},
    {"start IPv6 literal URL", FETCH, L("GET"), L("http://[2001:db8::1]/"),
     NOBODY, REDIR_OK, "GET"},
    {"start IPv4 URL", CURL, L("GET"), L("http://192.0.2.1:8080/x"), NOBODY,
     REDIR_OK, "GET"},
    {"start POST replayable", FETCH, L("POST"), L(A_P), REPLAY, REDIR_OK,
     "POST"},
    {"start POST stream", STRICT, L("POST"), L(A_P), STREAM, REDIR_OK, "POST"},
    {"start fetch get is uppercased", FETCH, L("get"), L(A_P), NOBODY, REDIR_OK,
     "GET"},
    {"start fetch Delete is uppercased", FETCH, L("Delete"), L(A_P), NOBODY,
     REDIR_OK, "DELETE"},
    {"start fetch oPtIoNs is uppercased", FETCH, L("oPtIoNs"), L(A_P), NOBODY,
     REDIR_OK, "OPTIONS"},
    {"start fetch head is uppercased", FETCH, L("head"), L(A_P), NOBODY,
     REDIR_OK, "HEAD"},
    {"start fetch put is uppercased", FETCH, L("put"), L(A_P), REPLAY, REDIR_OK,
     "PUT"},
    {"start fetch post is uppercased", FETCH, L("post"), L(A_P), REPLAY,
     REDIR_OK, "POST"},
    {"start fetch patch keeps its spelling", FETCH, L("patch"), L(A_P), REPLAY,
     REDIR_OK, "patch"},
    {"start fetch Propfind keeps its spelling", FETCH, L("Propfind"), L(A_P),
     NOBODY, REDIR_OK, "Propfind"},
    {"start fetch getx is not GET", FETCH, L("getx"), L(A_P), NOBODY, REDIR_OK,
     "getx"},
    {"start strict head is uppercased", STRICT, L("head"), L(A_P), NOBODY,
     REDIR_OK, "HEAD"},
    {"start curl get keeps its spelling", CURL, L("get"), L(A_P), NOBODY,
     REDIR_OK, "get"},
    {"start curl Post keeps its spelling", CURL, L("Post"), L(A_P), REPLAY,
     REDIR_OK, "Post"},
    {"start method with every token symbol", FETCH, L("!#$%&'*+-.^_`|~09Az"),
     L(A_P), NOBODY, REDIR_OK, "!#$%&'*+-.^_`|~09Az"},
    {"start method of 32 bytes (REDIR_METHOD_MAX)", FETCH, L(M32), L(A_P),
     NOBODY, REDIR_OK, M32},
    {"start method given by length (GETX, 3)", FETCH, "GETX", 3, L(A_P), NOBODY,
     REDIR_OK, "GET"},
    {"start URL given by length (trailing bytes ignored)", FETCH, L("GET"),
     A_P "XYZ", sizeof(A_P) - 1, NOBODY, REDIR_OK, "GET"},

    {"start method of 33 bytes is invalid-method", FETCH, L(M32 "G"), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start empty method is invalid-method", FETCH, EMPTY, L(A_P), NOBODY,
     REDIR_E_INVALID_METHOD, NULL},
    {"start NULL method (length 0) is invalid-method", FETCH, NULL, 0, L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start NULL method with a length is invalid-argument", FETCH, NULL, 3,
     L(A_P), NOBODY, REDIR_E_INVALID_ARGUMENT, NULL},
    {"start method with a space is invalid-method", FETCH, L("GE T"), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with a trailing space is invalid-method", FETCH, L("GET "),
     L(A_P), NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with a leading tab is invalid-method", FETCH, L("\tGET"),
     L(A_P), NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with CRLF is invalid-method", FETCH, L("GET\r\n"), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with a NUL is invalid-method", FETCH, L("GET\0"), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with parentheses is invalid-method", FETCH, L("(GET)"),
     L(A_P), NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start method with / is invalid-method", FETCH, L("GET/1"), L(A_P), NOBODY,
     REDIR_E_INVALID_METHOD, NULL},
    {"start method with : is invalid-method", FETCH, L("GET:"), L(A_P), NOBODY,
     REDIR_E_INVALID_METHOD, NULL},
    {"start method with quotes is invalid-method", FETCH, L("\"GET\""), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start non-ASCII method is invalid-method", FETCH, L("G\xc3\x89T"), L(A_P),
     NOBODY, REDIR_E_INVALID_METHOD, NULL},
    {"start curl method with a space is invalid-method", CURL, L("GE T"),
     L(A_P), NOBODY, REDIR_E_INVALID_METHOD, NULL},

    {"start absolute-path URL is relative-without-base", FETCH, L("GET"),
     L("/p"), NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start relative-path URL is relative-without-base", FETCH, L("GET"),
     L("p"), NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start network-path URL is relative-without-base", FETCH, L("GET"),
     L("//a.example/p"), NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start query-only URL is relative-without-base", FETCH, L("GET"), L("?q"),
     NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start empty URL is relative-without-base", FETCH, L("GET"), EMPTY, NOBODY,
     REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start NULL URL (length 0) is relative-without-base", FETCH, L("GET"),
     NULL, 0, NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start NULL URL with a length is invalid-argument", FETCH, L("GET"), NULL,
     5, NOBODY, REDIR_E_INVALID_ARGUMENT, NULL},
    {"start curl relative URL is relative-without-base", CURL, L("GET"),
     L("/p"), NOBODY, REDIR_E_RELATIVE_WITHOUT_BASE, NULL},
    {"start fetch ftp URL is scheme-not-allowed", FETCH, L("GET"),
     L("ftp://a.example/f"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start curl ftp URL is scheme-not-allowed (start is http(s) only)", CURL,
     L("GET"), L("ftp://a.example/f"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED,
     NULL},
    {"start strict ftp URL is scheme-not-allowed", STRICT, L("GET"),
     L("ftp://a.example/f"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start file URL is scheme-not-allowed", FETCH, L("GET"),
     L("file:///etc/passwd"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start mailto URL is scheme-not-allowed", FETCH, L("GET"),
     L("mailto:a@b.example"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start ws URL is scheme-not-allowed", FETCH, L("GET"),
     L("ws://a.example/"), NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start data URL is scheme-not-allowed", FETCH, L("GET"), L("data:,x"),
     NOBODY, REDIR_E_SCHEME_NOT_ALLOWED, NULL},
    {"start URL with port 99999 is invalid-port", FETCH, L("GET"),
     L("http://a:99999/"), NOBODY, REDIR_E_INVALID_PORT, NULL},
    {"start URL with an unclosed IPv6 literal fails", FETCH, L("GET"),
     L("https://[::1/"), NOBODY, ANY_FAILURE, NULL},
    {"start URL with a space in the host fails", FETCH, L("GET"),
     L("http://a b/"), NOBODY, ANY_FAILURE, NULL},
    {"start URL with a zone in its IPv6 literal fails", FETCH, L("GET"),
     L("http://[fe80::1%25eth0]/"), NOBODY, ANY_FAILURE, NULL},
    {"start curl URL with port 99999 is invalid-port", CURL, L("GET"),
     L("https://a.example:99999/"), NOBODY, REDIR_E_INVALID_PORT, NULL},
    {"start body kind 3 is invalid-argument", FETCH, L("GET"), L(A_P), 3,
     REDIR_E_INVALID_ARGUMENT, NULL},
    {"start body kind -1 is invalid-argument", FETCH, L("GET"), L(A_P), -1,
     REDIR_E_INVALID_ARGUMENT, NULL},
};

static void test_start_row(void **state)
{
    const start_row *r = TEST_ROW(start_row, state);
    redir_policy policy;
    redir_chain chain;
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    redir_status st =
        redir_chain_start(&chain, &policy, r->method, r->method_len, r->url,
                          r->url_len, (redir_body)r->body);
    bool ok = r->want == ANY_FAILURE ? st != REDIR_OK : st == r->want;
    if (!ok) {
        print_error("redir_chain_start = %s, want %s\n", redir_status_name(st),
                    status_text(r->want));
        fail();
    }
    if (st == REDIR_OK) {
        char url[64];
        assert_true(r->url_len < sizeof url);
        memcpy(url, r->url, r->url_len);
        url[r->url_len] = '\0';
        check_current(&chain, r->want_method, url);
    }
}

static void test_start_null_chain(void **state)
{
    (void)state;
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(redir_chain_start(NULL, &policy, L("GET"), L(A_P), NOBODY),
                     REDIR_E_INVALID_ARGUMENT);
}

static void test_start_null_policy(void **state)
{
    (void)state;
    redir_chain chain;
    assert_int_equal(redir_chain_start(&chain, NULL, L("GET"), L(A_P), NOBODY),
                     REDIR_E_INVALID_ARGUMENT);
}

/* The policy is copied: changing it after start changes nothing. */
static void test_start_copies_policy(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    assert_int_equal(redir_policy_init(&policy, STRICT), REDIR_OK);
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    policy.options = O_ALLOW_DG | O_TRUSTED;
    policy.max_redirects = 0;
    redir_status ret = redir_chain_next(&chain, 302, L("http://a.example/x"),
                                        out, sizeof out, &d);
    expect e = {302, 1, FAILS(DOWNGRADE)};
    check_decision("strict after the caller's policy changed", &d, ret, out,
                   &e);
}

/* Start URLs up to REDIR_URL_MAX bytes; one more is url-too-long. */
static void test_start_url_lengths(void **state)
{
    (void)state;
    static char url[REDIR_URL_MAX + 2];
    redir_policy policy;
    redir_chain chain;
    size_t prefix = strlen("https://a.example/");
    memcpy(url, "https://a.example/", prefix);
    memset(url + prefix, 'a', sizeof url - prefix);

    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(redir_chain_start(&chain, &policy, L("GET"), url,
                                       REDIR_URL_MAX, NOBODY),
                     REDIR_OK);
    size_t len = 0;
    const char *got = redir_chain_url(&chain, &len);
    assert_non_null(got);
    assert_int_equal(len, REDIR_URL_MAX);
    assert_memory_equal(got, url, len);
    assert_int_equal(redir_chain_start(&chain, &policy, L("GET"), url,
                                       REDIR_URL_MAX + 1, NOBODY),
                     REDIR_E_URL_TOO_LONG);
}

/* ---- 6c. API: redir_chain_next misuse and buffers ------------------------ */

/* After a misuse the chain must be exactly where it was: the next proper
 * call is hop 1 and follows. */
static void expect_untouched_then_follow(redir_chain *chain, const char *what)
{
    redir_decision d;
    static char out[OUT_CAP];
    check_current(chain, "GET", A_P);
    redir_status ret =
        redir_chain_next(chain, 302, L("/next"), out, sizeof out, &d);
    expect e = {302, 1, FOLLOWS("GET", A_NEXT, 0)};
    check_decision(what, &d, ret, out, &e);
}

static void expect_error(const redir_decision *d, redir_status ret,
                         redir_status want)
{
    if (d->action != REDIR_ACTION_ERROR || d->reason != want || ret != want) {
        print_error("want an error decision %s\n", redir_status_name(want));
        print_decision(d, ret, "");
        fail();
    }
}

typedef struct bad_status_row {
    const char *name;
    int status;
} bad_status_row;

static const bad_status_row bad_status_rows[] = {
    {"next status 99 is invalid-argument", 99},
    {"next status 0 is invalid-argument", 0},
    {"next status -302 is invalid-argument", -302},
    {"next status 1000 is invalid-argument", 1000},
    {"next status 3020 is invalid-argument", 3020},
};

static void test_bad_status_row(void **state)
{
    const bad_status_row *r = TEST_ROW(bad_status_row, state);
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret =
        redir_chain_next(&chain, r->status, L("/next"), out, sizeof out, &d);
    expect_error(&d, ret, REDIR_E_INVALID_ARGUMENT);
    expect_untouched_then_follow(&chain, r->name);
}

static void test_next_null_decision(void **state)
{
    (void)state;
    redir_chain chain;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_int_equal(
        redir_chain_next(&chain, 302, L("/next"), out, sizeof out, NULL),
        REDIR_E_INVALID_ARGUMENT);
    expect_untouched_then_follow(&chain, "after a NULL decision");
}

static void test_next_null_chain(void **state)
{
    (void)state;
    redir_decision d;
    static char out[OUT_CAP];
    memset(&d, 0xa5, sizeof d);
    redir_status ret =
        redir_chain_next(NULL, 302, L("/next"), out, sizeof out, &d);
    expect_error(&d, ret, REDIR_E_INVALID_ARGUMENT);
}

static void test_next_null_location_with_length(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret =
        redir_chain_next(&chain, 302, NULL, 5, out, sizeof out, &d);
    expect_error(&d, ret, REDIR_E_INVALID_ARGUMENT);
    expect_untouched_then_follow(&chain, "after NULL Location with length 5");
}

static void test_next_null_out_with_capacity(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(&chain, 302, L("/next"), NULL, 10, &d);
    expect_error(&d, ret, REDIR_E_INVALID_ARGUMENT);
    expect_untouched_then_follow(&chain, "after NULL out with capacity 10");
}

/* out = NULL, out_cap = 0 asks for the length. */
static void test_next_length_query(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(&chain, 302, L("/next"), NULL, 0, &d);
    expect_error(&d, ret, REDIR_E_NOSPACE);
    assert_int_equal(d.url_len, strlen(A_NEXT));
    expect_untouched_then_follow(&chain, "after a length query");
}

/* Too small by `short_by` bytes: NOSPACE with the needed length, the
 * buffer untouched (never a truncated URL), the chain unchanged; the exact
 * size then follows. */
typedef struct nospace_row {
    const char *name;
    redir_profile profile;
    const char *start;
    const char *loc;
    size_t short_by;
    const char *want; /* the URL the exact size receives */
    uint32_t flags;
} nospace_row;

static const nospace_row nospace_rows[] = {
    {"fetch one byte short is nospace, out untouched, exact size follows",
     FETCH, A_P, "https://b.example/a/longer/path?q=1", 1,
     "https://b.example/a/longer/path?q=1", XO},
    {"strict one byte short is nospace, out untouched, exact size follows",
     STRICT, A_P, "https://b.example/a/longer/path?q=1", 1,
     "https://b.example/a/longer/path?q=1", XO},
    {"curl one byte short is nospace, out untouched, exact size follows", CURL,
     A_P, "https://b.example/a/longer/path?q=1", 1,
     "https://b.example/a/longer/path?q=1", XO},
    {"fetch half the size is nospace, out untouched", FETCH, A_P,
     "/a/longer/path", 20, "https://a.example/a/longer/path", 0},
    {"fetch room for the URL but not the carried fragment: nospace, out "
     "untouched",
     FETCH, "https://a.example/p#top", "/next", 4, "https://a.example/next#top",
     0},
    {"strict room for the URL but not the carried fragment: nospace, out "
     "untouched",
     STRICT, "https://a.example/p#top", "/next", 1,
     "https://a.example/next#top", 0},
};

static void test_nospace_row(void **state)
{
    const nospace_row *r = TEST_ROW(nospace_row, state);
    redir_chain chain;
    redir_decision d;
    char out[128];
    size_t need = strlen(r->want);
    assert_true(need + 1 < sizeof out && r->short_by <= need);
    start_chain(&chain, r->profile, 0, -1, NULL, "GET", NOBODY, r->start);

    memset(out, '#', sizeof out);
    redir_status ret = redir_chain_next(&chain, 302, r->loc, strlen(r->loc),
                                        out, need - r->short_by, &d);
    expect_error(&d, ret, REDIR_E_NOSPACE);
    assert_int_equal(d.url_len, need);
    for (size_t i = 0; i < sizeof out; i++)
        if (out[i] != '#') {
            print_error("out[%zu] was written on NOSPACE: \"%.*s\"\n", i,
                        (int)need, out);
            fail();
        }
    check_current(&chain, "GET", r->start);
    assert_true(redir_chain_send_header(&chain, L("Authorization")));

    ret = redir_chain_next(&chain, 302, r->loc, strlen(r->loc), out, need, &d);
    expect e = {302, 1, FOLLOWS("GET", r->want, r->flags)};
    check_decision(r->name, &d, ret, out, &e);
    assert_int_equal(out[need], '#'); /* nothing past url_len */
    assert_true(redir_chain_send_header(&chain, L("Authorization")) ==
                !(r->flags & XO));
}

/* A NOSPACE attempt does not count toward the limit. */
static void test_next_nospace_not_counted(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, 1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(&chain, 302, L("/next"), out, 3, &d);
    expect_error(&d, ret, REDIR_E_NOSPACE);
    ret = redir_chain_next(&chain, 302, L("/next"), out, sizeof out, &d);
    expect e = {302, 1, FOLLOWS("GET", A_NEXT, 0)};
    check_decision("max_redirects 1 after a NOSPACE", &d, ret, out, &e);
    ret = redir_chain_next(&chain, 302, L("/more"), out, sizeof out, &d);
    expect e2 = {302, 2, FAILS(TOO_MANY_REDIRECTS)};
    check_decision("max_redirects 1, second redirect", &d, ret, out, &e2);
}

/* strict: a NOSPACE attempt must not record its URL as seen. */
static void test_next_nospace_not_a_loop(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, STRICT, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(&chain, 302, L("/next"), out, 5, &d);
    expect_error(&d, ret, REDIR_E_NOSPACE);
    ret = redir_chain_next(&chain, 302, L("/next"), out, sizeof out, &d);
    expect e = {302, 1, FOLLOWS("GET", A_NEXT, 0)};
    check_decision("strict retry after NOSPACE", &d, ret, out, &e);
}

/* fetch: a NOSPACE attempt must not drop the body or change the method. */
static void test_next_nospace_keeps_body(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "POST", REPLAY, A_P);
    redir_status ret = redir_chain_next(&chain, 303, L("/next"), out, 1, &d);
    expect_error(&d, ret, REDIR_E_NOSPACE);
    check_current(&chain, "POST", A_P);
    assert_true(redir_chain_send_header(&chain, L("Content-Length")));
    ret = redir_chain_next(&chain, 303, L("/next"), out, sizeof out, &d);
    expect e = {303, 1, FOLLOWS("GET", A_NEXT, MC | BD)};
    check_decision("POST 303 retry after NOSPACE", &d, ret, out, &e);
}

/* A decision that is not a follow writes no URL and needs no buffer. */
static void test_next_stop_needs_no_buffer(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(&chain, 302, ABSENT, NULL, 0, &d);
    expect e = {302, 1, STOPS(NO_LOCATION)};
    check_decision("302 without Location, no buffer", &d, ret, NULL, &e);
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    ret = redir_chain_next(&chain, 200, L("/next"), NULL, 0, &d);
    expect e2 = {200, 1, STOPS(NOT_FOLLOWED)};
    check_decision("200, no buffer", &d, ret, NULL, &e2);
}

/* A Location resolving to more than REDIR_URL_MAX bytes: url-too-long. */
static void test_next_location_lengths(void **state)
{
    (void)state;
    static char loc[REDIR_URL_MAX + 2];
    static char out[OUT_CAP];
    static char want[REDIR_URL_MAX + 1];
    redir_chain chain;
    redir_decision d;
    /* "https://a.example" is 17 bytes: "/" + 7982 bytes gives 8000 */
    size_t path = REDIR_URL_MAX - 17;
    loc[0] = '/';
    memset(loc + 1, 'a', sizeof loc - 1);
    memcpy(want, "https://a.example", 17);
    memcpy(want + 17, loc, path);
    want[REDIR_URL_MAX] = '\0';

    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret =
        redir_chain_next(&chain, 302, loc, path + 1, out, sizeof out, &d);
    expect e = {302, 1, FAILS(URL_TOO_LONG)};
    check_decision("Location resolving to REDIR_URL_MAX + 1 bytes", &d, ret,
                   out, &e);
    check_current(&chain, "GET", A_P);
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    ret = redir_chain_next(&chain, 302, loc, path, out, sizeof out, &d);
    expect e2 = {302, 1, FOLLOWS("GET", want, 0)};
    check_decision("Location resolving to REDIR_URL_MAX bytes", &d, ret, out,
                   &e2);
    check_current(&chain, "GET", want);
}

/* A 32-byte method travels whole through a follow. */
static void test_next_long_method(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, CURL, 0, -1, NULL, M32, REPLAY, A_P);
    redir_status ret =
        redir_chain_next(&chain, 307, L("/next"), out, sizeof out, &d);
    expect e = {307, 1, FOLLOWS(M32, A_NEXT, SB)};
    check_decision("32-byte method through 307", &d, ret, out, &e);
}

/* ---- 6d. API: send_header arguments, accessors, snapshots, names --------- */

static void test_send_header_arguments(void **state)
{
    (void)state;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_false(redir_chain_send_header(NULL, L("Accept")));
    assert_false(redir_chain_send_header(NULL, L("Authorization")));
    assert_false(redir_chain_send_header(&chain, NULL, 0));
    assert_false(redir_chain_send_header(&chain, NULL, 13));
    assert_true(redir_chain_send_header(&chain, L("Accept")));
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    /* the name is the first name_len bytes */
    assert_false(
        redir_chain_send_header(&chain, "Authorization: Bearer t", 13));
    assert_false(redir_chain_send_header(&chain, "Cookie2", 6));
    assert_true(redir_chain_send_header(&chain, "Cookie2", 7));
    assert_true(redir_chain_send_header(&chain, "Accept-Language", 15));
    assert_true(redir_chain_send_header(&chain, "Accept-Language", 6));
}

/* The chain holds no pointers: a memcpy snapshot goes its own way. */
static void test_chain_snapshot(void **state)
{
    (void)state;
    redir_chain chain, copy;
    redir_decision d;
    static char out[OUT_CAP];
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_int_equal(
        redir_chain_next(&chain, 302, L("/x"), out, sizeof out, &d), REDIR_OK);
    memcpy(&copy, &chain, sizeof copy);

    redir_status ret =
        redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d);
    expect e = {302, 2, FOLLOWS("GET", B_X, XO)};
    check_decision("original goes to b.example", &d, ret, out, &e);
    assert_false(redir_chain_send_header(&chain, L("Authorization")));

    check_current(&copy, "GET", "https://a.example/x");
    assert_true(redir_chain_send_header(&copy, L("Authorization")));
    ret = redir_chain_next(&copy, 302, L("/y"), out, sizeof out, &d);
    expect e2 = {302, 2, FOLLOWS("GET", "https://a.example/y", 0)};
    check_decision("copy stays on a.example", &d, ret, out, &e2);
    assert_true(redir_chain_send_header(&copy, L("Authorization")));
    check_current(&chain, "GET", B_X);
}

typedef struct name_row {
    const char *name;
    int kind; /* 0 profile, 1 action, 2 body */
    int value;
    const char *want;
} name_row;

static const name_row name_rows[] = {
    {"profile name fetch", 0, REDIR_PROFILE_FETCH, "fetch"},
    {"profile name curl", 0, REDIR_PROFILE_CURL, "curl"},
    {"profile name strict", 0, REDIR_PROFILE_STRICT, "strict"},
    {"profile name curl-7.88", 0, REDIR_PROFILE_CURL_7_88, "curl-7.88"},
    {"profile name curl-follow", 0, REDIR_PROFILE_CURL_FOLLOW, "curl-follow"},
    {"profile name chrome", 0, REDIR_PROFILE_CHROME, "chrome"},
    {"profile name custom", 0, REDIR_PROFILE_CUSTOM, "custom"},
    {"profile name 6 is unknown", 0, 6, "unknown"},
    {"profile name -1 is unknown", 0, -1, "unknown"},
    {"action name follow", 1, REDIR_ACTION_FOLLOW, "follow"},
    {"action name stop", 1, REDIR_ACTION_STOP, "stop"},
    {"action name error", 1, REDIR_ACTION_ERROR, "error"},
    {"action name 3 is unknown", 1, 3, "unknown"},
    {"action name -1 is unknown", 1, -1, "unknown"},
    {"body name none", 2, REDIR_BODY_NONE, "none"},
    {"body name replayable", 2, REDIR_BODY_REPLAYABLE, "replayable"},
    {"body name stream", 2, REDIR_BODY_STREAM, "stream"},
    {"body name 3 is unknown", 2, 3, "unknown"},
    {"body name -1 is unknown", 2, -1, "unknown"},
};

static void test_name_row(void **state)
{
    const name_row *r = TEST_ROW(name_row, state);
    const char *got = r->kind == 0 ? redir_profile_name((redir_profile)r->value)
                      : r->kind == 1 ? redir_action_name((redir_action)r->value)
                                     : redir_body_name((redir_body)r->value);
    assert_non_null(got);
    assert_string_equal(got, r->want);
}

/* The enum and flag values are ABI: pinned by hand. */
static void test_values_pinned(void **state)
{
    (void)state;
    assert_int_equal(REDIR_PROFILE_FETCH, 0);
    assert_int_equal(REDIR_PROFILE_CURL, 1);
    assert_int_equal(REDIR_PROFILE_STRICT, 2);
    assert_int_equal(REDIR_PROFILE_CURL_7_88, 3);
    assert_int_equal(REDIR_PROFILE_CURL_FOLLOW, 4);
    assert_int_equal(REDIR_PROFILE_CHROME, 5);
    assert_int_equal(REDIR_PROFILE_CUSTOM, 255);
    assert_int_equal(REDIR_OPT_NAVIGATE, 0x80);
    assert_int_equal(REDIR_ACTION_FOLLOW, 0);
    assert_int_equal(REDIR_ACTION_STOP, 1);
    assert_int_equal(REDIR_ACTION_ERROR, 2);
    assert_int_equal(REDIR_BODY_NONE, 0);
    assert_int_equal(REDIR_BODY_REPLAYABLE, 1);
    assert_int_equal(REDIR_BODY_STREAM, 2);
    assert_int_equal(REDIR_HOP_SEND_BODY, 0x01);
    assert_int_equal(REDIR_HOP_BODY_DROPPED, 0x02);
    assert_int_equal(REDIR_HOP_METHOD_CHANGED, 0x04);
    assert_int_equal(REDIR_HOP_CROSS_ORIGIN, 0x08);
    assert_int_equal(REDIR_HOP_DOWNGRADE, 0x10);
    assert_int_equal(REDIR_HOP_PERMANENT, 0x20);
    assert_int_equal(REDIR_OPT_KEEP_POST, REDIR_OPT_KEEP_POST_301 |
                                              REDIR_OPT_KEEP_POST_302 |
                                              REDIR_OPT_KEEP_POST_303);
}

/* ---- main ---------------------------------------------------------------- */

/* Start URLs holding CR, LF, NUL or TAB after the profile's trimming. */
static const start_row unsafe_start_rows[] = {
#define UNSAFE_START_(P, p)                                                    \
    {"start " p " LF ending the host is unsafe-url",                           \
     P,                                                                        \
     L("GET"),                                                                 \
     L("https://ab\n/"),                                                       \
     NOBODY,                                                                   \
     REDIR_E_UNSAFE_URL,                                                       \
     NULL},                                                                    \
        {"start " p " CR ending the host is unsafe-url",                       \
         P,                                                                    \
         L("GET"),                                                             \
         L("https://tool\r/#x"),                                               \
         NOBODY,                                                               \
         REDIR_E_UNSAFE_URL,                                                   \
         NULL},                                                                \
        {"start " p " TAB before the port is unsafe-url",                      \
         P,                                                                    \
         L("GET"),                                                             \
         L("http://h\t:80/"),                                                  \
         NOBODY,                                                               \
         REDIR_E_UNSAFE_URL,                                                   \
         NULL},                                                                \
        {"start " p " CRLF in the path is unsafe-url",                         \
         P,                                                                    \
         L("GET"),                                                             \
         L("https://a.example/p\r\nX: y"),                                     \
         NOBODY,                                                               \
         REDIR_E_UNSAFE_URL,                                                   \
         NULL},                                                                \
        {"start " p " NUL in the path is unsafe-url",                          \
         P,                                                                    \
         L("GET"),                                                             \
         L("https://a.example/\0x"),                                           \
         NOBODY,                                                               \
         REDIR_E_UNSAFE_URL,                                                   \
         NULL},                                                                \
        {"start " p " TAB in the query is unsafe-url",                         \
         P,                                                                    \
         L("GET"),                                                             \
         L("https://a.example/?a\tb"),                                         \
         NOBODY,                                                               \
         REDIR_E_UNSAFE_URL,                                                   \
         NULL},
    UNSAFE_START_(FETCH, "fetch") UNSAFE_START_(STRICT, "strict")
        UNSAFE_START_(CURL, "curl")
#undef UNSAFE_START_
            {"start curl trailing CRLF is unsafe-url (curl does not trim)",
             CURL, L("GET"), L("https://a.example/p\r\n"), NOBODY,
             REDIR_E_UNSAFE_URL, NULL},
};

/* A CR, LF, NUL or TAB at any position of a start URL is unsafe-url,
 * whatever its place in the four-byte blocks the scan reads, and a
 * control next to them in value (VT, FF, SO, US) is not: curl's parser
 * refuses those as invalid characters instead. */
static void test_start_unsafe_every_position(void **state)
{
    (void)state;
    static const char url[] = "https://a.example/abcdefghijklmnop";
    static const char bad[] = {'\r', '\n', '\0', '\t'};
    static const char near[] = {0x0b, 0x0c, 0x0e, 0x1f};
    redir_policy policy;
    redir_chain chain;
    assert_int_equal(redir_policy_init(&policy, CURL), REDIR_OK);
    for (size_t at = 8; at < sizeof url - 1; at++) {
        for (size_t k = 0; k < sizeof bad; k++) {
            char u[sizeof url];
            memcpy(u, url, sizeof url);
            u[at] = bad[k];
            redir_status st = redir_chain_start(&chain, &policy, "GET", 3, u,
                                                sizeof url - 1, NOBODY);
            if (st != REDIR_E_UNSAFE_URL)
                print_error("byte 0x%02x at %zu gave %s\n", bad[k], at,
                            redir_status_name(st));
            assert_int_equal(st, REDIR_E_UNSAFE_URL);
            u[at] = near[k];
            st = redir_chain_start(&chain, &policy, "GET", 3, u, sizeof url - 1,
                                   NOBODY);
            if (st == REDIR_E_UNSAFE_URL)
                print_error("byte 0x%02x at %zu gave unsafe-url\n", near[k],
                            at);
            assert_int_not_equal(st, REDIR_E_UNSAFE_URL);
        }
    }
}

/* REDIR_HOST_MAX limits every host of a chain, the start's and each
 * target's, exactly: one more byte is host-too-long. Hosts are "h.hh...h"
 * of exactly n bytes; the URL stays well within REDIR_URL_MAX. */
static size_t host_url(char *buf, const char *prefix, size_t n)
{
    size_t p = strlen(prefix);
    memcpy(buf, prefix, p);
    buf[p] = 'h';
    buf[p + 1] = '.';
    memset(buf + p + 2, 'h', n - 2);
    memcpy(buf + p + n, "/x", 2);
    return p + n + 2;
}

typedef struct host_max_row {
    const char *name;
    redir_profile profile;
    size_t extra;  /* bytes over REDIR_HOST_MAX: 0 or 1 */
    bool at_start; /* the long host is the start URL's, else the target's */
    redir_status want;
} host_max_row;

static const host_max_row host_max_rows[] = {
    {"fetch start host of REDIR_HOST_MAX bytes is ok", FETCH, 0, true,
     REDIR_OK},
    {"fetch start host one byte over REDIR_HOST_MAX is host-too-long", FETCH, 1,
     true, REDIR_E_HOST_TOO_LONG},
    {"curl start host one byte over REDIR_HOST_MAX is host-too-long", CURL, 1,
     true, REDIR_E_HOST_TOO_LONG},
    {"fetch target host of REDIR_HOST_MAX bytes is followed", FETCH, 0, false,
     REDIR_OK},
    {"fetch target host one byte over REDIR_HOST_MAX is host-too-long", FETCH,
     1, false, REDIR_E_HOST_TOO_LONG},
    {"curl target host one byte over REDIR_HOST_MAX is host-too-long", CURL, 1,
     false, REDIR_E_HOST_TOO_LONG},
    {"strict target host one byte over REDIR_HOST_MAX is host-too-long", STRICT,
     1, false, REDIR_E_HOST_TOO_LONG},
};

static void test_host_max_row(void **state)
{
    const host_max_row *r = TEST_ROW(host_max_row, state);
    static char url[REDIR_HOST_MAX + 32], out[OUT_CAP];
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    size_t n = host_url(url, "https://", REDIR_HOST_MAX + r->extra);
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    redir_status st =
        redir_chain_start(&chain, &policy, "GET", 3, r->at_start ? url : A_P,
                          r->at_start ? n : strlen(A_P), NOBODY);
    if (!r->at_start) {
        assert_int_equal(st, REDIR_OK);
        st = redir_chain_next(&chain, 302, url, n, out, sizeof out, &d);
        if (st == REDIR_OK)
            assert_memory_equal(out, url, n);
    }
    if (st != r->want)
        print_error("%s: got %s\n", r->name, redir_status_name(st));
    assert_int_equal(st, r->want);
}

/* fetch and strict trim what the URL parser trims before looking. */
static void test_start_trimmed_crlf_ok(void **state)
{
    (void)state;
    redir_chain chain;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY,
                " https://a.example/p\r\n");
    check_current(&chain, "GET", A_P);
}

/* A name with a NUL inside is not a token either. */
static void test_send_header_nul_in_name(void **state)
{
    (void)state;
    redir_chain chain;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_false(redir_chain_send_header(&chain, "Accept\0X", 8));
    assert_true(redir_chain_send_header(&chain, "Accept\0X", 6));
}

/* What a refused call gives: an error decision, nothing else filled. */
static void expect_refused(redir_chain *chain, redir_status want)
{
    static char out[OUT_CAP];
    redir_decision d;
    memset(out, 0x5a, 8);
    redir_status ret =
        redir_chain_next(chain, 302, L("/x"), out, sizeof out, &d);
    expect e = {302, 0, REDIR_ACTION_ERROR, want, NULL, NULL, 0u};
    check_decision("refused call", &d, ret, out, &e);
    assert_int_equal(d.url_len, 0);
    assert_int_equal((unsigned char)out[0], 0x5a); /* out untouched */
}

static void expect_no_request(const redir_chain *chain)
{
    size_t len = 99;
    assert_null(redir_chain_url(chain, &len));
    assert_int_equal(len, 0);
    len = 99;
    assert_null(redir_chain_method(chain, &len));
    assert_int_equal(len, 0);
    assert_false(redir_chain_send_header(chain, L("Accept")));
}

static void test_never_started_chain(void **state)
{
    (void)state;
    static redir_chain chain;
    memset(&chain, 0, sizeof chain);
    expect_refused(&chain, REDIR_E_CHAIN_NOT_STARTED);
    expect_no_request(&chain);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_CHAIN_NOT_STARTED);
    memset(&chain, 0xa5, sizeof chain); /* stack garbage */
    expect_refused(&chain, REDIR_E_CHAIN_NOT_STARTED);
    expect_no_request(&chain);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_CHAIN_NOT_STARTED);
    assert_int_equal(redir_chain_status(NULL), REDIR_E_CHAIN_NOT_STARTED);
}

static void test_failed_start_is_sticky(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L("ftp://a/"), NOBODY),
        REDIR_E_SCHEME_NOT_ALLOWED);
    expect_refused(&chain, REDIR_E_CHAIN_FAILED);
    expect_no_request(&chain);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_SCHEME_NOT_ALLOWED);
    /* Started again, it works. */
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    assert_int_equal(redir_chain_status(&chain), REDIR_OK);
}

static void test_error_decision_is_sticky(void **state)
{
    (void)state;
    static char out[OUT_CAP];
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, O_PRIVATE, -1, NULL, "GET", NOBODY, A_P);
    redir_status ret = redir_chain_next(
        &chain, 302, L("http://169.254.169.254/latest/"), out, sizeof out, &d);
    assert_int_equal(ret, REDIR_E_PRIVATE_ADDRESS);
    expect_refused(&chain, REDIR_E_CHAIN_FAILED);
    expect_refused(&chain, REDIR_E_CHAIN_FAILED); /* and again */
    assert_int_equal(redir_chain_status(&chain), REDIR_E_PRIVATE_ADDRESS);
    assert_false(redir_chain_send_header(&chain, L("Accept")));
    check_current(&chain, "GET", A_P); /* the last request made */
}

static void test_stop_is_final(void **state)
{
    (void)state;
    static char out[OUT_CAP];
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    assert_int_equal(
        redir_chain_next(&chain, 200, NULL, 0, out, sizeof out, &d),
        REDIR_STOP_NOT_FOLLOWED);
    expect_refused(&chain, REDIR_E_CHAIN_FINISHED);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_CHAIN_FINISHED);
    /* The last request still stands and can be described. */
    check_current(&chain, "GET", B_X);
    assert_true(redir_chain_send_header(&chain, L("Accept")));
    assert_false(redir_chain_send_header(&chain, L("Authorization")));
}

/* Misuse leaves a chain usable: a NULL pointer with a length, a status
 * out of range, a short buffer. */
static void test_misuse_is_not_sticky(void **state)
{
    (void)state;
    static char out[OUT_CAP];
    redir_chain chain;
    redir_decision d;
    start_chain(&chain, FETCH, 0, -1, NULL, "GET", NOBODY, A_P);
    assert_int_equal(
        redir_chain_next(&chain, 302, NULL, 3, out, sizeof out, &d),
        REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(
        redir_chain_next(&chain, 1000, L("/x"), out, sizeof out, &d),
        REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_chain_next(&chain, 302, L("/x"), out, 3, &d),
                     REDIR_E_NOSPACE);
    assert_int_equal(redir_chain_status(&chain), REDIR_OK);
    assert_int_equal(
        redir_chain_next(&chain, 302, L("/x"), out, sizeof out, &d), REDIR_OK);
}

/* A sensitive-name table filled to its last byte still matches. */
static void test_sensitive_table_full_matches(void **state)
{
    (void)state;
#if REDIR_SENSITIVE_MAX == 256
    static char name[256];
    memset(name, 'x', 255);
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(redir_policy_add_sensitive(&policy, name, 255), REDIR_OK);
    assert_int_equal(policy.sensitive_len, REDIR_SENSITIVE_MAX);
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    assert_false(redir_chain_send_header(&chain, name, 255));
    assert_true(redir_chain_send_header(&chain, name, 254));
#else
    skip();
#endif
}

/* A corrupt table (an entry longer than what is used, or a used count
 * above the capacity) is read only within its bytes. */
static void test_sensitive_table_corrupt(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    static char out[OUT_CAP];
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    memcpy(policy.sensitive, "\4x-ab", 5);
    policy.sensitive_len = 4; /* the entry claims a byte beyond */
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    assert_true(redir_chain_send_header(&chain, L("X-Ab")));

    policy.sensitive_len = 100000; /* above the capacity: clamped */
    assert_int_equal(
        redir_chain_start(&chain, &policy, L("GET"), L(A_P), NOBODY), REDIR_OK);
    assert_int_equal(redir_chain_next(&chain, 302, L(B_X), out, sizeof out, &d),
                     REDIR_OK);
    assert_false(redir_chain_send_header(&chain, L("X-Ab")));
}

typedef struct safe_row {
    const char *name;
    const char *header;
    size_t len;
    redir_status want;
} safe_row;

static const safe_row safe_rows[] = {
    {"add_safe token", L("X-Trace"), REDIR_OK},
    {"add_safe empty name is invalid", L(""), REDIR_E_INVALID_ARGUMENT},
    {"add_safe name with ':' is invalid", L("X-Trace:"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_safe name with space is invalid", L("X Trace"),
     REDIR_E_INVALID_ARGUMENT},
    {"add_safe NULL name is invalid", NULL, 0, REDIR_E_INVALID_ARGUMENT},
};

static void test_safe_row(void **state)
{
    const safe_row *r = TEST_ROW(safe_row, state);
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, STRICT), REDIR_OK);
    assert_int_equal(redir_policy_add_safe(&policy, r->header, r->len),
                     r->want);
    assert_int_equal(policy.safe_len, r->want == REDIR_OK ? 1 + r->len : 0);
}

static void test_safe_full_is_nospace(void **state)
{
    (void)state;
    static char name[255];
    memset(name, 'a', sizeof name);
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, STRICT), REDIR_OK);
    assert_int_equal(redir_policy_add_safe(NULL, L("X")),
                     REDIR_E_INVALID_ARGUMENT);
    size_t used = 0;
    while (REDIR_SAFE_MAX - used >= 256) {
        assert_int_equal(redir_policy_add_safe(&policy, name, 255), REDIR_OK);
        used += 256;
    }
    assert_int_equal(redir_policy_add_safe(&policy, name, 255),
                     REDIR_E_NOSPACE);
    assert_int_equal(policy.safe_len, used);
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
    TEST_LIST_ADD_TABLE(&list, test_chain_row, chain_rows);
    TEST_LIST_ADD_TABLE(&list, test_limit_row, limit_rows);
    test_list_add(&list, "fetch empty Location self-loop ends at the limit",
                  test_fetch_empty_location_self_loop, NULL);
    test_list_add(&list, "fetch A to B to A ping-pong ends at the limit (20)",
                  test_fetch_ping_pong_ends_at_limit, NULL);
    test_list_add(&list, "curl A to B to A ping-pong ends at the limit (50)",
                  test_curl_ping_pong_ends_at_limit, NULL);
    test_list_add(&list, "strict loop at hop 10 is a loop, not the limit",
                  test_strict_loop_before_limit, NULL);
    TEST_LIST_ADD_TABLE(&list, test_header_row, cve_header_rows);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, cve_hop_rows);
    TEST_LIST_ADD_TABLE(&list, test_header_row, cve_header_rows2);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, cve_hop_rows2);
    TEST_LIST_ADD_TABLE(&list, test_header_row, fail_closed_header_rows);
    TEST_LIST_ADD_TABLE(&list, test_hop_row, fail_closed_hop_rows);
    TEST_LIST_ADD_TABLE(&list, test_start_row, unsafe_start_rows);
    test_list_add(&list, "start fetch trailing CRLF is trimmed, then ok",
                  test_start_trimmed_crlf_ok, NULL);
    test_list_add(&list,
                  "start curl CR LF NUL TAB at every position is unsafe-url",
                  test_start_unsafe_every_position, NULL);
    TEST_LIST_ADD_TABLE(&list, test_host_max_row, host_max_rows);
    test_list_add(&list, "send_header NUL inside a name is not a token",
                  test_send_header_nul_in_name, NULL);
    test_list_add(&list, "never-started chain refuses everything",
                  test_never_started_chain, NULL);
    test_list_add(&list, "failed start is sticky until started again",
                  test_failed_start_is_sticky, NULL);
    test_list_add(&list, "error decision is sticky",
                  test_error_decision_is_sticky, NULL);
    test_list_add(&list, "stop is final", test_stop_is_final, NULL);
    test_list_add(&list, "misuse and no-space are not sticky",
                  test_misuse_is_not_sticky, NULL);
    test_list_add(&list, "sensitive table full to REDIR_SENSITIVE_MAX matches",
                  test_sensitive_table_full_matches, NULL);
    test_list_add(&list, "sensitive table corrupt entries are ignored",
                  test_sensitive_table_corrupt, NULL);
    TEST_LIST_ADD_TABLE(&list, test_safe_row, safe_rows);
    test_list_add(&list, "add_safe full table is nospace, NULL is invalid",
                  test_safe_full_is_nospace, NULL);
    TEST_LIST_ADD_TABLE(&list, test_init_row, init_rows);
    test_list_add(&list, "policy_init NULL policy is invalid-argument",
                  test_init_null, NULL);
    TEST_LIST_ADD_TABLE(&list, test_sensitive_row, sensitive_rows);
    test_list_add(&list, "add_sensitive NULL policy is invalid-argument",
                  test_sensitive_null_policy, NULL);
    test_list_add(&list, "add_sensitive stores names lowercased with a length",
                  test_sensitive_stored_lowercase, NULL);
    test_list_add(&list,
                  "add_sensitive 255 fits, 256 is invalid, full is nospace",
                  test_sensitive_lengths, NULL);
    test_list_add(&list, "add_sensitive nospace keeps earlier names working",
                  test_sensitive_full_keeps_earlier, NULL);
    TEST_LIST_ADD_TABLE(&list, test_start_row, start_rows);
    test_list_add(&list, "start NULL chain is invalid-argument",
                  test_start_null_chain, NULL);
    test_list_add(&list, "start NULL policy is invalid-argument",
                  test_start_null_policy, NULL);
    test_list_add(&list, "start copies the policy", test_start_copies_policy,
                  NULL);
    test_list_add(&list, "start URL of REDIR_URL_MAX ok, one more url-too-long",
                  test_start_url_lengths, NULL);
    TEST_LIST_ADD_TABLE(&list, test_bad_status_row, bad_status_rows);
    test_list_add(&list, "next NULL decision is invalid-argument",
                  test_next_null_decision, NULL);
    test_list_add(&list, "next NULL chain is an invalid-argument decision",
                  test_next_null_chain, NULL);
    test_list_add(&list, "next NULL Location with a length is invalid-argument",
                  test_next_null_location_with_length, NULL);
    test_list_add(&list, "next NULL out with a capacity is invalid-argument",
                  test_next_null_out_with_capacity, NULL);
    test_list_add(&list, "next NULL out, capacity 0 reports the length",
                  test_next_length_query, NULL);
    TEST_LIST_ADD_TABLE(&list, test_nospace_row, nospace_rows);
    test_list_add(&list, "next nospace does not count toward the limit",
                  test_next_nospace_not_counted, NULL);
    test_list_add(&list, "next nospace does not record a URL (strict loop)",
                  test_next_nospace_not_a_loop, NULL);
    test_list_add(&list, "next nospace does not drop the body",
                  test_next_nospace_keeps_body, NULL);
    test_list_add(&list, "next stop decisions need no buffer",
                  test_next_stop_needs_no_buffer, NULL);
    test_list_add(&list,
                  "next Location to REDIR_URL_MAX ok, one more url-too-long",
                  test_next_location_lengths, NULL);
    test_list_add(&list, "next 32-byte method is kept whole",
                  test_next_long_method, NULL);
    test_list_add(&list, "send_header NULL arguments and names by length",
                  test_send_header_arguments, NULL);
    test_list_add(&list, "chain snapshot by memcpy is independent",
                  test_chain_snapshot, NULL);
    TEST_LIST_ADD_TABLE(&list, test_name_row, name_rows);
    test_list_add(&list, "enum and flag values are pinned", test_values_pinned,
                  NULL);
    return test_list_run(&list, "policy") == 0 ? 0 : 1;
}
