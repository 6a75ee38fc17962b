/*
 * test_rules.c - profiles as data: the rows of the profiles added with
 * redir_rules (curl 8.21 against curl 7.88, curl --follow, chrome, the
 * Fetch bad ports, navigations), profiles of the caller's own
 * (redir_rules_init, redir_policy_init_rules), trusted origins and
 * responses with several Location fields.
 *
 * The expected values are what the real clients did on the wire (curl
 * 8.21.0 and 7.88.1 against tests/interop's server, by hand; the
 * interop test repeats the chains that matter), or what the Fetch
 * standard says; none was copied from redir's output.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include "hop_row.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define CURL788 REDIR_PROFILE_CURL_7_88
#define FOLLOW  REDIR_PROFILE_CURL_FOLLOW
#define CHROME  REDIR_PROFILE_CHROME

#define NAV REDIR_OPT_NAVIGATE

#define A "http://a.example/r"

/* ---- helpers ------------------------------------------------------------- */

static void start(redir_chain *chain, const redir_policy *policy,
                  const char *method, redir_body body, const char *url)
{
    redir_status st = redir_chain_start(chain, policy, method, strlen(method),
                                        url, strlen(url), body);
    if (st != REDIR_OK) {
        print_error("redir_chain_start(%s, \"%s\") = %s, want ok\n", method,
                    url, redir_status_name(st));
        fail();
    }
}

typedef struct want {
    redir_action action;
    redir_status reason;
    const char *method; /* follow only */
    const char *url;    /* follow only */
    uint32_t flags;     /* follow only */
} want;

static void check(const char *name, const redir_decision *d, redir_status ret,
                  const char *out, const want *w)
{
    bool ok =
        d->action == w->action && d->reason == w->reason && ret == d->reason;
    if (ok && w->action == REDIR_ACTION_FOLLOW)
        ok = d->method_len == strlen(w->method) &&
             memcmp(d->method, w->method, d->method_len) == 0 &&
             d->url_len == strlen(w->url) &&
             memcmp(out, w->url, d->url_len) == 0 && d->flags == w->flags;
    if (!ok) {
        print_error("%s\n  want %s %s %s %s flags 0x%x\n", name,
                    redir_action_name(w->action), redir_status_name(w->reason),
                    w->method ? w->method : "", w->url ? w->url : "",
                    (unsigned)w->flags);
        print_error("  got  %s %s %.*s %.*s flags 0x%x\n",
                    redir_action_name(d->action), redir_status_name(d->reason),
                    d->action == REDIR_ACTION_FOLLOW ? (int)d->method_len : 0,
                    d->method,
                    d->action == REDIR_ACTION_FOLLOW ? (int)d->url_len : 0, out,
                    (unsigned)d->flags);
        fail();
    }
}

/* ---- 1. one hop of a built-in row ---------------------------------------- */

static const hop_row hop_rows[] = {
    /* curl 8.21 reads Locations as curl 8.13-8.21 do; 7.88 as before. */
    {"curl: #frag requests the current URL", CURL, 0, "GET", NOBODY, A, 302,
     L("#frag"), FOLLOWS("GET", A "#frag", 0)},
    {"curl: %2e%2e is a dot segment", CURL, 0, "GET", NOBODY, A, 302,
     L("/a/%2e%2e/b"), FOLLOWS("GET", "http://a.example/b", 0)},
    {"curl-7.88: %2e%2e is a name", CURL788, 0, "GET", NOBODY, A, 302,
     L("/a/%2e%2e/b"), FOLLOWS("GET", "http://a.example/a/%2e%2e/b", 0)},
    {"curl: %2E. is a dot segment", CURL, 0, "GET", NOBODY, A, 302,
     L("/a/%2E./b"), FOLLOWS("GET", "http://a.example/b", 0)},
    {"curl: .%2e is a dot segment", CURL, 0, "GET", NOBODY, A, 302,
     L("/a/.%2e/b"), FOLLOWS("GET", "http://a.example/b", 0)},
    {"curl: %2e alone is a dot segment", CURL, 0, "GET", NOBODY, A, 302,
     L("/x/%2e/y"), FOLLOWS("GET", "http://a.example/x/y", 0)},
    {"curl: a final %2e%2e leaves the root", CURL, 0, "GET", NOBODY, A, 302,
     L("/a/%2e%2e"), FOLLOWS("GET", "http://a.example/", 0)},
    {"curl: a final %2e%2e before a query", CURL, 0, "GET", NOBODY, A, 302,
     L("/a/%2e%2e?x"), FOLLOWS("GET", "http://a.example/?x", 0)},
    {"curl: %2e%2ex is a name, escapes uppercased", CURL, 0, "GET", NOBODY, A,
     302, L("/a/%2e%2ex/b"), FOLLOWS("GET", "http://a.example/a/%2E%2Ex/b", 0)},
    {"curl: a tab in a relative path is %09", CURL, 0, "GET", NOBODY, A, 302,
     L("/e\tnd"), FOLLOWS("GET", "http://a.example/e%09nd", 0)},
    {"curl-7.88: a tab in a relative path fails", CURL788, 0, "GET", NOBODY, A,
     302, L("/e\tnd"), FAILS(INVALID_CHARACTER)},
    {"curl: a tab in a path-relative reference is %09", CURL, 0, "GET", NOBODY,
     A, 302, L("e\tnd"), FOLLOWS("GET", "http://a.example/e%09nd", 0)},
    {"curl: a tab in an absolute Location fails", CURL, 0, "GET", NOBODY, A,
     302, L("http://a.example/e\tnd"), FAILS(INVALID_CHARACTER)},
    {"curl: a tab in the query is %09", CURL, 0, "GET", NOBODY, A, 302,
     L("/q?a=\tb"), FOLLOWS("GET", "http://a.example/q?a=%09b", 0)},
    {"curl: a tab after // is %09", CURL, 0, "GET", NOBODY, A, 302,
     L("//b.example/e\tnd"), FOLLOWS("GET", "http://b.example/e%09nd", XO)},
    {"curl: 0x01 is %01", CURL, 0, "GET", NOBODY, A, 302, L("/e\x01x"),
     FOLLOWS("GET", "http://a.example/e%01x", 0)},
    {"curl: DEL is %7F", CURL, 0, "GET", NOBODY, A, 302, L("/e\x7fx"),
     FOLLOWS("GET", "http://a.example/e%7Fx", 0)},
    {"curl: CR still fails unsafe-location", CURL, 0, "GET", NOBODY, A, 302,
     L("/e\rx"), FAILS(UNSAFE_LOCATION)},
    {"curl: %7e is written %7E", CURL, 0, "GET", NOBODY, A, 302, L("/%7euser"),
     FOLLOWS("GET", "http://a.example/%7Euser", 0)},
    {"curl-7.88: %7e stays %7e", CURL788, 0, "GET", NOBODY, A, 302,
     L("/%7euser"), FOLLOWS("GET", "http://a.example/%7euser", 0)},
    {"curl: %7e in the query is written %7E", CURL, 0, "GET", NOBODY, A, 302,
     L("/q?x=%7e"), FOLLOWS("GET", "http://a.example/q?x=%7E", 0)},
    {"curl: raw UTF-8 is encoded in upper case", CURL, 0, "GET", NOBODY, A, 302,
     L("/caf\xc3\xa9"), FOLLOWS("GET", "http://a.example/caf%C3%A9", 0)},
    {"curl-7.88: raw UTF-8 is encoded in lower case", CURL788, 0, "GET", NOBODY,
     A, 302, L("/caf\xc3\xa9"),
     FOLLOWS("GET", "http://a.example/caf%c3%a9", 0)},
    {"curl: a space in the path is %20, in the query +", CURL, 0, "GET", NOBODY,
     A, 302, L("/a b?q=a b"),
     FOLLOWS("GET", "http://a.example/a%20b?q=a+b", 0)},

    /* curl --follow: methods as curl 8.21 --follow sent them. */
    {"curl-follow: POST with body on 301 becomes GET", FOLLOW, 0, "POST",
     REPLAY, A, 301, L("/end"),
     FOLLOWS("GET", "http://a.example/end", MC | BD | PM)},
    {"curl-follow: PURGE with body on 302 becomes GET", FOLLOW, 0, "PURGE",
     REPLAY, A, 302, L("/end"),
     FOLLOWS("GET", "http://a.example/end", MC | BD)},
    {"curl: PURGE with body on 302 keeps its name", CURL, 0, "PURGE", REPLAY, A,
     302, L("/end"), FOLLOWS("PURGE", "http://a.example/end", BD)},
    {"curl-follow: DELETE with body on 301 becomes GET", FOLLOW, 0, "DELETE",
     REPLAY, A, 301, L("/end"),
     FOLLOWS("GET", "http://a.example/end", MC | BD | PM)},
    {"curl-follow: PUT upload on 302 stays PUT", FOLLOW, 0, "PUT", REPLAY, A,
     302, L("/end"), FOLLOWS("PUT", "http://a.example/end", SB)},
    {"curl-follow: PUT upload on 303 becomes GET", FOLLOW, 0, "PUT", REPLAY, A,
     303, L("/end"), FOLLOWS("GET", "http://a.example/end", MC | BD)},
    {"curl-follow: PURGE without body on 302 stays", FOLLOW, 0, "PURGE", NOBODY,
     A, 302, L("/end"), FOLLOWS("PURGE", "http://a.example/end", 0)},
    {"curl-follow: PURGE without body on 303 becomes GET", FOLLOW, 0, "PURGE",
     NOBODY, A, 303, L("/end"), FOLLOWS("GET", "http://a.example/end", MC)},
    {"curl: PURGE without body on 303 stays", CURL, 0, "PURGE", NOBODY, A, 303,
     L("/end"), FOLLOWS("PURGE", "http://a.example/end", 0)},
    {"curl-follow: POST without body on 303 becomes GET", FOLLOW, 0, "POST",
     NOBODY, A, 303, L("/end"), FOLLOWS("GET", "http://a.example/end", MC)},
    {"curl-follow: HEAD on 303 stays HEAD", FOLLOW, 0, "HEAD", NOBODY, A, 303,
     L("/end"), FOLLOWS("HEAD", "http://a.example/end", 0)},
    {"curl-follow: PURGE with body on 307 keeps everything", FOLLOW, 0, "PURGE",
     REPLAY, A, 307, L("/end"), FOLLOWS("PURGE", "http://a.example/end", SB)},

    /* chrome: fetch, except an empty Location, and navigations. */
    {"chrome: an empty Location is handed back", CHROME, 0, "GET", NOBODY, A,
     302, L(""), STOPS(EMPTY_LOCATION)},
    {"fetch: an empty Location requests the URL again", FETCH, 0, "GET", NOBODY,
     A, 302, L(""), FOLLOWS("GET", A, 0)},
    {"chrome: POST on 302 becomes GET", CHROME, 0, "POST", REPLAY, A, 302,
     L("/end"), FOLLOWS("GET", "http://a.example/end", MC | BD)},
    {"chrome fetch(): userinfo in Location fails", CHROME, 0, "GET", NOBODY, A,
     302, L("http://u:p@b.example/x"), FAILS(USERINFO_IN_LOCATION)},
    {"chrome navigation: userinfo is removed", CHROME, NAV, "GET", NOBODY, A,
     302, L("http://u:p@b.example/x?q#f"),
     FOLLOWS("GET", "http://b.example/x?q#f", XO)},
    {"fetch navigation: userinfo is removed", FETCH, NAV, "GET", NOBODY, A, 302,
     L("http://u@b.example:8080/x"),
     FOLLOWS("GET", "http://b.example:8080/x", XO)},
    {"strict navigation: userinfo still fails", STRICT, NAV, "GET", NOBODY, A,
     302, L("http://u:p@b.example/x"), FAILS(USERINFO_IN_LOCATION)},
    {"curl: userinfo is kept, navigation or not", CURL, NAV, "GET", NOBODY, A,
     302, L("http://u:p@b.example/x"),
     FOLLOWS("GET", "http://u:p@b.example/x", XO)},

    /* The Fetch standard's bad ports. */
    {"fetch: a redirect to port 25 is bad-port", FETCH, 0, "GET", NOBODY, A,
     302, L("http://a.example:25/"), FAILS(BAD_PORT)},
    {"fetch: port 6667 is bad-port", FETCH, 0, "GET", NOBODY, A, 302,
     L("http://a.example:6667/"), FAILS(BAD_PORT)},
    {"fetch: port 0 is bad-port (added 2025)", FETCH, 0, "GET", NOBODY, A, 302,
     L("http://a.example:0/"), FAILS(BAD_PORT)},
    {"fetch: port 4190 is bad-port (added 2024)", FETCH, 0, "GET", NOBODY, A,
     302, L("http://a.example:4190/"), FAILS(BAD_PORT)},
    {"fetch: port 6679 is bad-port (added 2024)", FETCH, 0, "GET", NOBODY, A,
     302, L("http://a.example:6679/"), FAILS(BAD_PORT)},
    {"fetch: port 10080, the last, is bad-port", FETCH, 0, "GET", NOBODY, A,
     302, L("http://a.example:10080/"), FAILS(BAD_PORT)},
    {"fetch: port 1, the first after 0, is bad-port", FETCH, 0, "GET", NOBODY,
     A, 302, L("http://a.example:1/"), FAILS(BAD_PORT)},
    {"fetch: port 8080 is followed", FETCH, 0, "GET", NOBODY, A, 302,
     L("http://a.example:8080/"), FOLLOWS("GET", "http://a.example:8080/", XO)},
    {"fetch: port 26 is followed", FETCH, 0, "GET", NOBODY, A, 302,
     L("http://a.example:26/"), FOLLOWS("GET", "http://a.example:26/", XO)},
    {"fetch: https on port 443 written out is followed", FETCH, 0, "GET",
     NOBODY, A, 302, L("https://a.example:443/"),
     FOLLOWS("GET", "https://a.example/", XO)},
    {"strict: port 25 is bad-port", STRICT, 0, "GET", NOBODY, A, 302,
     L("http://a.example:25/"), FAILS(BAD_PORT)},
    {"chrome: port 25 is bad-port", CHROME, 0, "GET", NOBODY, A, 302,
     L("http://a.example:25/"), FAILS(BAD_PORT)},
    {"curl: port 25 is followed", CURL, 0, "GET", NOBODY, A, 302,
     L("http://a.example:25/"), FOLLOWS("GET", "http://a.example:25/", XO)},
    {"strict: downgrade wins over bad-port", STRICT, 0, "GET", NOBODY,
     "https://a.example/", 302, L("http://a.example:25/"), FAILS(DOWNGRADE)},
    {"fetch: bad-port wins over private-address", FETCH, REDIR_OPT_DENY_PRIVATE,
     "GET", NOBODY, A, 302, L("http://127.0.0.1:25/"), FAILS(BAD_PORT)},
};

static void test_hop_row(void **state)
{
    const hop_row *r = TEST_ROW(hop_row, state);
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    static char out[2 * REDIR_URL_MAX];
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    policy.options = r->options;
    start(&chain, &policy, r->method, r->body, r->start);
    redir_status ret = redir_chain_next(&chain, r->status, r->loc, r->loc_len,
                                        out, sizeof out, &d);
    want w = {r->action, r->reason, r->next_method, r->next_url, r->flags};
    check(r->name, &d, ret, out, &w);
}

/* ---- 2. limits and the start URL --------------------------------------- */

typedef struct limit_row {
    const char *name;
    redir_profile profile;
    uint32_t options;
    int32_t max;
} limit_row;

static const limit_row limit_rows[] = {
    {"limit fetch 20", FETCH, 0, 20},
    {"limit fetch navigation 20", FETCH, NAV, 20},
    {"limit chrome fetch() 20", CHROME, 0, 20},
    {"limit chrome navigation 19", CHROME, NAV, 19},
    {"limit curl 50", CURL, 0, 50},
    {"limit curl-7.88 50", CURL788, 0, 50},
    {"limit curl-follow 50", FOLLOW, 0, 50},
    {"limit strict 10, navigation too", STRICT, NAV, 10},
};

static void test_limit_row(void **state)
{
    const limit_row *r = TEST_ROW(limit_row, state);
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[64];
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    policy.options = r->options;
    assert_int_equal(redir_policy_max_redirects(&policy), r->max);
    /* Exactly `max` hops follow, the next one fails. */
    start(&chain, &policy, "GET", NOBODY, "http://a.example/0");
    for (int32_t i = 0; i <= r->max; i++) {
        char loc[16];
        int n = snprintf(loc, sizeof loc, "/%d", (int)(i + 1));
        redir_status st =
            redir_chain_next(&chain, 302, loc, (size_t)n, out, sizeof out, &d);
        assert_int_equal(st,
                         i < r->max ? REDIR_OK : REDIR_E_TOO_MANY_REDIRECTS);
    }
}

typedef struct start_row {
    const char *name;
    redir_profile profile;
    const char *url;
    redir_status want;
} start_row;

static const start_row start_rows[] = {
    {"start fetch on port 25 is bad-port", FETCH, "http://a.example:25/",
     REDIR_E_BAD_PORT},
    {"start chrome on port 6697 is bad-port", CHROME, "https://a.example:6697/",
     REDIR_E_BAD_PORT},
    {"start strict on port 0 is bad-port", STRICT, "http://a.example:0/",
     REDIR_E_BAD_PORT},
    {"start curl on port 25 is ok", CURL, "http://a.example:25/", REDIR_OK},
    {"start fetch on port 8443 is ok", FETCH, "https://a.example:8443/",
     REDIR_OK},
    {"start curl-7.88 with %2e%2e keeps it", CURL788,
     "http://a.example/a/%2e%2e/b", REDIR_OK},
};

static void test_start_row(void **state)
{
    const start_row *r = TEST_ROW(start_row, state);
    redir_policy policy;
    redir_chain chain;
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    assert_int_equal(redir_chain_start(&chain, &policy, "GET", 3, r->url,
                                       strlen(r->url), NOBODY),
                     r->want);
    assert_int_equal(redir_chain_status(&chain), r->want);
}

/* ---- 3. several Location fields ------------------------------------------ */

typedef struct fields_row {
    const char *name;
    redir_profile profile;
    int status;
    size_t count;
    redir_field f[3];
    redir_action action;
    redir_status reason;
    const char *next_method;
    const char *next_url;
    uint32_t flags;
} fields_row;

#define F(s)                                                                   \
    {                                                                          \
        (s), sizeof(s) - 1                                                     \
    }

static const fields_row fields_rows[] = {
    {"fields curl: two different values fail",
     CURL,
     302,
     2,
     {F("/a"), F("/b")},
     FAILS(MULTIPLE_LOCATIONS)},
    {"fields curl: the same value twice is followed",
     CURL,
     302,
     2,
     {F("/a"), F("/a")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields curl: an empty second value is ignored",
     CURL,
     302,
     2,
     {F("/a"), F("")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields curl: an empty first value is ignored",
     CURL,
     302,
     2,
     {F(""), F("/b")},
     FOLLOWS("GET", "http://a.example/b", 0)},
    {"fields curl: whitespace around does not make values differ",
     CURL,
     302,
     2,
     {F(" /a"), F("/a ")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields curl: only empty values stop empty-location",
     CURL,
     302,
     2,
     {F(""), F("")},
     STOPS(EMPTY_LOCATION)},
    {"fields curl-7.88: the first of two counts",
     CURL788,
     302,
     2,
     {F("/a"), F("/b")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields fetch: two different values fail",
     FETCH,
     302,
     2,
     {F("/a"), F("/b")},
     FAILS(MULTIPLE_LOCATIONS)},
    {"fields fetch: the same value three times is followed",
     FETCH,
     302,
     3,
     {F("/a"), F("/a"), F("/a")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields fetch: an empty second value differs",
     FETCH,
     302,
     2,
     {F("/a"), F("")},
     FAILS(MULTIPLE_LOCATIONS)},
    {"fields chrome: an empty first value differs",
     CHROME,
     302,
     2,
     {F(""), F("/a")},
     FAILS(MULTIPLE_LOCATIONS)},
    {"fields chrome: two empty values stop empty-location",
     CHROME,
     302,
     2,
     {F(""), F("")},
     STOPS(EMPTY_LOCATION)},
    {"fields fetch: whitespace around does not make values differ",
     FETCH,
     302,
     2,
     {F("/a\t"), F(" /a")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields strict: the same value twice fails",
     STRICT,
     302,
     2,
     {F("/a"), F("/a")},
     FAILS(MULTIPLE_LOCATIONS)},
    {"fields strict: one value is followed",
     STRICT,
     302,
     1,
     {F("/a")},
     FOLLOWS("GET", "http://a.example/a", 0)},
    {"fields curl-7.88: a CR in the ignored value still fails",
     CURL788,
     302,
     2,
     {F("/a"), F("/b\r\nX: y")},
     FAILS(UNSAFE_LOCATION)},
    {"fields fetch: none is no-location",
     FETCH,
     302,
     0,
     {F("")},
     STOPS(NO_LOCATION)},
    {"fields fetch: a 200 with two values is not followed",
     FETCH,
     200,
     2,
     {F("/a"), F("/b")},
     STOPS(NOT_FOLLOWED)},
    {"fields fetch: NULL value with a length is invalid-argument",
     FETCH,
     302,
     2,
     {F("/a"), {NULL, 3}},
     FAILS(INVALID_ARGUMENT)},
};

static void test_fields_row(void **state)
{
    const fields_row *r = TEST_ROW(fields_row, state);
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[256];
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    start(&chain, &policy, "GET", NOBODY, A);
    redir_status ret = redir_chain_next_fields(&chain, r->status, r->f,
                                               r->count, out, sizeof out, &d);
    want w = {r->action, r->reason, r->next_method, r->next_url, r->flags};
    check(r->name, &d, ret, out, &w);
    /* Misuse leaves the chain ready. */
    redir_status want_status = r->reason == REDIR_E_INVALID_ARGUMENT ? REDIR_OK
                               : r->action == REDIR_ACTION_ERROR     ? r->reason
                               : r->action == REDIR_ACTION_STOP
                                   ? REDIR_E_CHAIN_FINISHED
                                   : REDIR_OK;
    assert_int_equal(redir_chain_status(&chain), want_status);
}

static void test_fields_null_array(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[64];
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    start(&chain, &policy, "GET", NOBODY, A);
    assert_int_equal(
        redir_chain_next_fields(&chain, 302, NULL, 1, out, sizeof out, &d),
        REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(
        redir_chain_next_fields(&chain, 302, NULL, 0, out, sizeof out, &d),
        REDIR_STOP_NO_LOCATION);
}

/* ---- 4. rules of the caller's own -------------------------------------- */

static void test_rows_are_the_profiles(void **state)
{
    (void)state;
    const redir_profile all[] = {FETCH, CURL, STRICT, CURL788, FOLLOW, CHROME};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        redir_rules rules;
        redir_policy a, b;
        assert_int_equal(redir_rules_init(&rules, all[i]), REDIR_OK);
        assert_int_equal(redir_policy_init(&a, all[i]), REDIR_OK);
        assert_int_equal(redir_policy_init_rules(&b, &rules), REDIR_OK);
        assert_memory_equal(&a.rules, &rules, sizeof rules);
        assert_int_equal(b.profile, REDIR_PROFILE_CUSTOM);
        assert_string_equal(redir_profile_name(b.profile), "custom");
    }
    redir_rules rules;
    assert_int_equal(redir_rules_init(&rules, REDIR_PROFILE_CUSTOM),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_rules_init(&rules, (redir_profile)6),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_rules_init(NULL, FETCH), REDIR_E_INVALID_ARGUMENT);
    redir_policy p;
    assert_int_equal(redir_policy_init_rules(&p, NULL),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_policy_init_rules(NULL, &rules),
                     REDIR_E_INVALID_ARGUMENT);
}

/* One field out of range: each must be refused. */
typedef struct bad_rules_row {
    const char *name;
    size_t offset; /* of a uint8_t field, or (size_t)-1 for the others */
    uint8_t value;
    int which; /* offset -1: 1 follow bit 100, 2 max, 3 navigate max,
                  4 rewrite, 5 schemes 0 */
} bad_rules_row;

#define AT(field) offsetof(redir_rules, field)

static const bad_rules_row bad_rules_rows[] = {
    {"invalid rules: stream 2", AT(stream), 2, 0},
    {"invalid rules: credentials 4", AT(credentials), 4, 0},
    {"invalid rules: credential_scope 2", AT(credential_scope), 2, 0},
    {"invalid rules: cross_origin_headers 2", AT(cross_origin_headers), 2, 0},
    {"invalid rules: content_headers 2", AT(content_headers), 2, 0},
    {"invalid rules: empty_location 2", AT(empty_location), 2, 0},
    {"invalid rules: userinfo 3", AT(userinfo), 3, 0},
    {"invalid rules: navigate_userinfo 3", AT(navigate_userinfo), 3, 0},
    {"invalid rules: schemes 0x10", AT(schemes), 0x10, 0},
    {"invalid rules: schemes 0", AT(schemes), 0, 0},
    {"invalid rules: downgrade 2", AT(downgrade), 2, 0},
    {"invalid rules: bad_ports 2", AT(bad_ports), 2, 0},
    {"invalid rules: fragment 2", AT(fragment), 2, 0},
    {"invalid rules: normalize_method 2", AT(normalize_method), 2, 0},
    {"invalid rules: loops 2", AT(loops), 2, 0},
    {"invalid rules: parser 3", AT(parser), 3, 0},
    {"invalid rules: multiple_locations 4", AT(multiple_locations), 4, 0},
    {"invalid rules: follow bit for status 400", (size_t)-1, 0, 1},
    {"invalid rules: max_redirects -1", (size_t)-1, 0, 2},
    {"invalid rules: navigate_max_redirects -1", (size_t)-1, 0, 3},
    {"invalid rules: rewrite 3", (size_t)-1, 0, 4},
    /* each byte of the table checked, whatever its high bits */
    {"invalid rules: first rewrite 0x83", AT(rewrite[0][0]), 0x83, 0},
    {"invalid rules: a middle rewrite 0x80", AT(rewrite[1][2]), 0x80, 0},
    {"invalid rules: last rewrite 255", AT(rewrite[3][6]), 255, 0},
    {"invalid rules: a rewrite 0x7f", AT(rewrite[2][5]), 0x7f, 0},
};

static void test_bad_rules_row(void **state)
{
    const bad_rules_row *r = TEST_ROW(bad_rules_row, state);
    redir_rules rules;
    redir_policy policy, before;
    assert_int_equal(redir_rules_init(&rules, FETCH), REDIR_OK);
    if (r->offset != (size_t)-1)
        ((uint8_t *)&rules)[r->offset] = r->value;
    else if (r->which == 1)
        rules.follow[3] |= 1u << 4;
    else if (r->which == 2)
        rules.max_redirects = -1;
    else if (r->which == 3)
        rules.navigate_max_redirects = -1;
    else
        rules.rewrite[REDIR_SC_303][REDIR_MC_OTHER] = 3;
    memset(&policy, 0x5a, sizeof policy);
    before = policy;
    assert_int_equal(redir_policy_init_rules(&policy, &rules),
                     REDIR_E_INVALID_RULES);
    assert_memory_equal(&policy, &before, sizeof policy);
}

/* A custom profile: fetch, but 307 turns POST into GET, 399 is followed,
 * empty Locations stop, three redirects. */
static void test_custom_profile(void **state)
{
    (void)state;
    redir_rules rules;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[128];
    assert_int_equal(redir_rules_init(&rules, FETCH), REDIR_OK);
    rules.rewrite[REDIR_SC_OTHER][REDIR_MC_POST_BODY] = REDIR_RW_GET;
    rules.follow[(399 - 300) / 32] |= 1u << ((399 - 300) % 32);
    rules.empty_location = REDIR_EMPTY_STOP;
    rules.max_redirects = 3;
    assert_true(REDIR_RULES_FOLLOWS(&rules, 399));
    assert_false(REDIR_RULES_FOLLOWS(&rules, 300));
    assert_int_equal(redir_policy_init_rules(&policy, &rules), REDIR_OK);
    assert_int_equal(redir_policy_max_redirects(&policy), 3);
    start(&chain, &policy, "POST", REPLAY, A);
    redir_status st =
        redir_chain_next(&chain, 307, L("/b"), out, sizeof out, &d);
    want w1 = {FOLLOWS("GET", "http://a.example/b", MC | BD)};
    check("custom: 307 POST becomes GET", &d, st, out, &w1);
    st = redir_chain_next(&chain, 399, L("/c"), out, sizeof out, &d);
    want w2 = {FOLLOWS("GET", "http://a.example/c", 0)};
    check("custom: 399 is followed", &d, st, out, &w2);
    st = redir_chain_next(&chain, 302, L("/d"), out, sizeof out, &d);
    want w3 = {FOLLOWS("GET", "http://a.example/d", 0)};
    check("custom: third redirect", &d, st, out, &w3);
    st = redir_chain_next(&chain, 302, L("/e"), out, sizeof out, &d);
    want w4 = {FAILS(TOO_MANY_REDIRECTS)};
    check("custom: fourth redirect", &d, st, out, &w4);

    start(&chain, &policy, "GET", NOBODY, A);
    st = redir_chain_next(&chain, 302, L(""), out, sizeof out, &d);
    want w5 = {STOPS(EMPTY_LOCATION)};
    check("custom: empty Location stops", &d, st, out, &w5);
}

/* Rules corrupted inside a started chain fail closed. */
static void test_corrupt_rules_in_chain(void **state)
{
    (void)state;
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[64];
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    start(&chain, &policy, "GET", NOBODY, A);
    chain.policy.rules.parser = 7;
    assert_int_equal(
        redir_chain_next(&chain, 302, L("/x"), out, sizeof out, &d),
        REDIR_E_INVALID_ARGUMENT);
    policy.rules.schemes = 0;
    assert_int_equal(redir_chain_start(&chain, &policy, "GET", 3, L(A), NOBODY),
                     REDIR_E_INVALID_ARGUMENT);
}

/* ---- 5. trusted origins ------------------------------------------------ */

typedef struct trusted_syntax_row {
    const char *name;
    const char *origin;
    redir_status want;
} trusted_syntax_row;

static const trusted_syntax_row trusted_syntax_rows[] = {
    {"trusted https origin", "https://api.example.com", REDIR_OK},
    {"trusted http origin with port", "http://127.0.0.1:8080", REDIR_OK},
    {"trusted domain pattern", "*.example.com", REDIR_OK},
    {"trusted IPv6 origin with port", "https://[::1]:8443", REDIR_OK},
    {"trusted IPv6 origin", "https://[::1]", REDIR_OK},
    {"trusted uppercase scheme", "HTTPS://A.EXAMPLE", REDIR_OK},
    {"trusted ftp is invalid", "ftp://a.example", REDIR_E_INVALID_TRUSTED},
    {"trusted no host is invalid", "https://", REDIR_E_INVALID_TRUSTED},
    {"trusted with a path is invalid", "https://a.example/",
     REDIR_E_INVALID_TRUSTED},
    {"trusted with userinfo is invalid", "https://u@a.example",
     REDIR_E_INVALID_TRUSTED},
    {"trusted *. alone is invalid", "*.", REDIR_E_INVALID_TRUSTED},
    {"trusted * alone is invalid", "*", REDIR_E_INVALID_TRUSTED},
    {"trusted port 65536 is invalid", "https://a.example:65536",
     REDIR_E_INVALID_TRUSTED},
    {"trusted empty port is invalid",
     "https://a.example:", REDIR_E_INVALID_TRUSTED},
    {"trusted bare host is invalid", "example.com", REDIR_E_INVALID_TRUSTED},
    {"trusted empty is invalid", "", REDIR_E_INVALID_TRUSTED},
    {"trusted with a space is invalid", "https://a .example",
     REDIR_E_INVALID_TRUSTED},
};

static void test_trusted_syntax_row(void **state)
{
    const trusted_syntax_row *r = TEST_ROW(trusted_syntax_row, state);
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(
        redir_policy_add_trusted(&policy, r->origin, strlen(r->origin)),
        r->want);
    assert_int_equal(policy.trusted_len,
                     r->want == REDIR_OK ? 1 + strlen(r->origin) : 0);
}

static void test_trusted_limits(void **state)
{
    (void)state;
    redir_policy policy;
    char name[300];
    assert_int_equal(redir_policy_init(&policy, FETCH), REDIR_OK);
    assert_int_equal(redir_policy_add_trusted(&policy, NULL, 0),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_policy_add_trusted(NULL, "*.a", 3),
                     REDIR_E_INVALID_ARGUMENT);
    memset(name, 'a', sizeof name);
    name[0] = '*';
    name[1] = '.';
    assert_int_equal(redir_policy_add_trusted(&policy, name, 256),
                     REDIR_E_INVALID_TRUSTED);
    assert_int_equal(redir_policy_add_trusted(&policy, name, 200), REDIR_OK);
    assert_int_equal(redir_policy_add_trusted(&policy, name, 60),
                     REDIR_E_NOSPACE);
    assert_int_equal(policy.trusted_len, 201u);
}

typedef struct trusted_row {
    const char *name;
    redir_profile profile;
    const char *trusted; /* NULL: none */
    const char *start;
    const char *loc;
    const char *header;
    bool sent;
} trusted_row;

static const trusted_row trusted_rows[] = {
    {"trusted origin gets Authorization", FETCH, "https://b.example",
     "https://a.example/", "https://b.example/x", "Authorization", true},
    {"untrusted origin does not", FETCH, "https://c.example",
     "https://a.example/", "https://b.example/x", "Authorization", false},
    {"trusted origin, other port, does not", FETCH, "https://b.example",
     "https://a.example/", "https://b.example:8443/x", "Authorization", false},
    {"trusted origin with its port gets it", FETCH, "https://b.example:8443",
     "https://a.example/", "https://b.example:8443/x", "Cookie", true},
    {"trusted origin, http instead of https, does not", FETCH,
     "https://b.example", "https://a.example/", "http://b.example/x",
     "Authorization", false},
    {"trusted domain pattern, https host under it", FETCH, "*.example.com",
     "https://a.example/", "https://api.example.com/x", "Authorization", true},
    {"trusted domain pattern, deeper host", FETCH, "*.EXAMPLE.com",
     "https://a.example/", "https://x.api.example.com/x", "Authorization",
     true},
    {"trusted domain pattern, not the domain itself", FETCH, "*.example.com",
     "https://a.example/", "https://example.com/x", "Authorization", false},
    {"trusted domain pattern, not a lookalike", FETCH, "*.example.com",
     "https://a.example/", "https://badexample.com/x", "Authorization", false},
    {"trusted domain pattern, never plain http", FETCH, "*.example.com",
     "https://a.example/", "http://api.example.com/x", "Authorization", false},
    {"trusted in curl: cross-origin gets Authorization", CURL,
     "http://b.example", "http://a.example/", "http://b.example/x",
     "Authorization", true},
    {"trusted in strict: a custom header crosses too", STRICT,
     "https://b.example", "https://a.example/", "https://b.example/x",
     "X-Api-Key", true},
    {"untrusted in strict: a custom header does not", STRICT,
     "https://c.example", "https://a.example/", "https://b.example/x",
     "X-Api-Key", false},
    {"trusted: Host still goes only to the first host", FETCH,
     "https://b.example", "https://a.example/", "https://b.example/x", "Host",
     false},
    {"trusted IPv6 origin", FETCH, "http://[::1]:8080", "https://a.example/",
     "http://[::1]:8080/x", "Authorization", true},
};

static void test_trusted_row(void **state)
{
    const trusted_row *r = TEST_ROW(trusted_row, state);
    redir_policy policy;
    redir_chain chain;
    redir_decision d;
    char out[256];
    assert_int_equal(redir_policy_init(&policy, r->profile), REDIR_OK);
    assert_int_equal(
        redir_policy_add_trusted(&policy, r->trusted, strlen(r->trusted)),
        REDIR_OK);
    start(&chain, &policy, "GET", NOBODY, r->start);
    assert_int_equal(redir_chain_next(&chain, 302, r->loc, strlen(r->loc), out,
                                      sizeof out, &d),
                     REDIR_OK);
    bool sent = redir_chain_send_header(&chain, r->header, strlen(r->header));
    if (sent != r->sent) {
        print_error("%s: %s sent %d, want %d\n", r->name, r->header, sent,
                    r->sent);
        fail();
    }
}

/* The sizes redir.h and README.md state, for the default limits on
 * x86-64 (elsewhere only their order is checked). */
static void test_documented_sizes(void **state)
{
    (void)state;
#if defined(__x86_64__) && REDIR_URL_MAX == 8000 && REDIR_HOST_MAX == 255
    assert_int_equal(sizeof(redir_chain), 10928);
    assert_int_equal(sizeof(redir_policy), 860);
    assert_int_equal(sizeof(redir_rules), 68);
#endif
    assert_true(sizeof(redir_chain) > REDIR_URL_MAX);
    assert_true(sizeof(redir_decision) < 512);
}

int main(void)
{
    test_list list = {0};
    TEST_LIST_ADD_TABLE(&list, test_hop_row, hop_rows);
    TEST_LIST_ADD_TABLE(&list, test_limit_row, limit_rows);
    TEST_LIST_ADD_TABLE(&list, test_start_row, start_rows);
    TEST_LIST_ADD_TABLE(&list, test_fields_row, fields_rows);
    test_list_add(&list, "fields NULL array: count 1 invalid, 0 no-location",
                  test_fields_null_array, NULL);
    test_list_add(&list, "rules_init gives each profile's row",
                  test_rows_are_the_profiles, NULL);
    TEST_LIST_ADD_TABLE(&list, test_bad_rules_row, bad_rules_rows);
    test_list_add(&list, "custom profile: a changed row is what runs",
                  test_custom_profile, NULL);
    test_list_add(&list, "rules corrupted in a chain fail closed",
                  test_corrupt_rules_in_chain, NULL);
    TEST_LIST_ADD_TABLE(&list, test_trusted_syntax_row, trusted_syntax_rows);
    test_list_add(&list, "trusted: NULL, 255 bytes, no space",
                  test_trusted_limits, NULL);
    TEST_LIST_ADD_TABLE(&list, test_trusted_row, trusted_rows);
    test_list_add(&list, "documented struct sizes", test_documented_sizes,
                  NULL);
    return test_list_run(&list, "rules") == 0 ? 0 : 1;
}
