/*
 * test_lean.c - a library built with the switches that leave code out,
 * REDIR_NO_WHATWG, REDIR_NO_STATUS_TEXT and REDIR_NO_SSRF (the ctest
 * test_lean): RFC
 * 3986 resolution is whole (the section 5.4 examples, both modes), a
 * WHATWG resolution fails with mode-unsupported leaving the buffer
 * untouched, the profiles that parse with the URL Standard fail at their
 * start with it, the curl profiles follow redirects as ever, a chain
 * that asks for the SSRF guard fails closed with ssrf-unsupported while
 * the address classifiers still answer, and redir_strerror() gives each
 * status's name.
 *
 * Built with LEAN_BROWSER (test_lean_browser), the library is the other
 * way round: REDIR_NO_CURL instead of REDIR_NO_WHATWG (and REDIR_NO_FILE,
 * REDIR_NO_FAST_PATH). WHATWG resolution works but for file: URLs, which
 * fail with file-unsupported as a URL and as a base, the browser
 * profiles follow, and the curl profiles fail at their start with
 * mode-unsupported; the rest is as above.
 *
 * Built with LEAN_FETCH_ONLY as well (test_lean_fetch), the library also
 * keeps only the fetch profile (REDIR_ONLY_PROFILE=FETCH), as the
 * smallest fetch firmware image does: every other profile, rules of the
 * caller's own, and a fetch policy changed after it was made are
 * profile-unsupported.
 *
 * Built with LEAN_ONLY_HTTP too (test_lean_fetch), the library's WHATWG
 * parser reads only http and https (REDIR_ONLY_HTTP): a URL or base of
 * another scheme, file: among them, is scheme-unsupported, and a chain
 * refuses one with scheme-not-allowed, as a full build does. With
 * LEAN_NO_IPV6 (test_lean_fetch too, REDIR_NO_IPV6), a host in brackets
 * is ipv6-unsupported in both URL modes, as a URL and as a base.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include "rfc3986_examples.h"
#include "table.h"

#include <string.h>

#define SENTINEL 0x5a

/* ---- resolution ---------------------------------------------------------- */

typedef struct rfc_row {
    const char *name;
    redir_url_mode mode;
    const char *ref, *want;
} rfc_row;

#define RFC_STRICT_(sec, ref, strict, compat)                                  \
    {"rfc3986 " sec " \"" ref "\"", REDIR_URL_RFC3986, ref, strict},
#define RFC_COMPAT_(sec, ref, strict, compat)                                  \
    {"rfc3986-compat " sec " \"" ref "\"", REDIR_URL_RFC3986_COMPAT, ref,      \
     compat},
static const rfc_row rfc_rows[] = {RFC_EXAMPLES(RFC_STRICT_)
                                       RFC_EXAMPLES(RFC_COMPAT_)};

static void test_rfc_row(void **state)
{
    const rfc_row *r = TEST_ROW(rfc_row, state);
    char out[128];
    size_t len = 0;
    redir_status st =
        redir_url_resolve(RFC_BASE, strlen(RFC_BASE), r->ref, strlen(r->ref),
                          r->mode, out, sizeof out, &len, NULL);
    assert_int_equal(st, REDIR_OK);
    assert_int_equal(len, strlen(r->want));
    assert_memory_equal(out, r->want, len);
}

#ifdef LEAN_BROWSER
/* The URL Standard's parser is there, without its fast path. */
static void test_whatwg_works(void **state)
{
    (void)state;
    static const char base[] = "http://a/b/c", want[] = "http://a/b/d";
    char out[64];
    size_t len = 0;
    assert_int_equal(redir_url_resolve(base, sizeof base - 1, "d", 1,
                                       REDIR_URL_WHATWG, out, sizeof out, &len,
                                       NULL),
                     REDIR_OK);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(out, want, len);
}

/* file: URLs are left out on their own (REDIR_NO_FILE), or with every
 * scheme but http and https (REDIR_ONLY_HTTP). */
#ifdef LEAN_ONLY_HTTP
#define NO_FILE_STATUS REDIR_E_SCHEME_UNSUPPORTED
#else
#define NO_FILE_STATUS REDIR_E_FILE_UNSUPPORTED
#endif

typedef struct file_row {
    const char *name;
    const char *base, *ref; /* base NULL: none */
    redir_status want;
} file_row;

static const file_row file_rows[] = {
    {"file: URL, no base: no file:", NULL, "file:///etc/passwd",
     NO_FILE_STATUS},
    {"file: host form: no file:", NULL, "file://host/share", NO_FILE_STATUS},
    {"drive letter against a file: base: no file:", "file:///C:/a", "/D:/b",
     NO_FILE_STATUS},
    {"absolute file: URL against an http base: no file:", "http://a/b",
     "file:c", NO_FILE_STATUS},
    {"http URL against a file: base: no file:", "file:///a", "http://b/c",
     NO_FILE_STATUS},
    {"an http URL still resolves", "http://a/b", "c", REDIR_OK},
};

static void test_file_row(void **state)
{
    const file_row *r = TEST_ROW(file_row, state);
    char out[64];
    size_t len = 99;
    memset(out, SENTINEL, sizeof out);
    redir_status st = redir_url_resolve(
        r->base, r->base != NULL ? strlen(r->base) : 0, r->ref, strlen(r->ref),
        REDIR_URL_WHATWG, out, sizeof out, &len, NULL);
    assert_int_equal(st, r->want);
    if (st != REDIR_OK)
        assert_int_equal((unsigned char)out[0], SENTINEL);
    assert_string_equal(redir_status_name(REDIR_E_FILE_UNSUPPORTED),
                        "file-unsupported");
}

#if defined(LEAN_ONLY_HTTP) || defined(LEAN_NO_IPV6)
/* A resolution in a lean parser: base NULL, none; parsed, the base given
 * as redir_url_parse() reads it. On a failure no length is given and the
 * buffer is untouched. */
typedef struct resolve_row {
    const char *name;
    redir_url_mode mode;
    const char *base, *ref;
    bool parsed;
    redir_status want;
    const char *href; /* on REDIR_OK */
} resolve_row;

static void test_resolve_row(void **state)
{
    const resolve_row *r = TEST_ROW(resolve_row, state);
    char out[64];
    size_t len = 99, blen = r->base != NULL ? strlen(r->base) : 0;
    redir_url base;
    redir_status st;
    memset(out, SENTINEL, sizeof out);
    if (r->parsed) {
        assert_int_equal(redir_url_parse(r->base, blen, &base), REDIR_OK);
        st = redir_url_resolve_parsed(r->base, blen, &base, r->ref,
                                      strlen(r->ref), r->mode, out, sizeof out,
                                      &len, NULL);
    } else {
        st = redir_url_resolve(r->base, blen, r->ref, strlen(r->ref), r->mode,
                               out, sizeof out, &len, NULL);
    }
    assert_int_equal(st, r->want);
    if (st != REDIR_OK) {
        assert_int_equal(len, 0);
        assert_int_equal((unsigned char)out[0], SENTINEL);
        return;
    }
    assert_int_equal(len, strlen(r->href));
    assert_memory_equal(out, r->href, len);
}

/* A chain of the fetch profile: its start (location NULL) or its first
 * hop gives `want`. */
typedef struct chain_row {
    const char *name;
    const char *start, *location;
    redir_status want; /* of the start, else of the hop */
} chain_row;

static void test_chain_row(void **state)
{
    const chain_row *r = TEST_ROW(chain_row, state);
    static redir_chain chain;
    redir_policy policy;
    redir_decision d;
    char out[64];
    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_FETCH), REDIR_OK);
    redir_status st = redir_chain_start(&chain, &policy, "GET", 3, r->start,
                                        strlen(r->start), REDIR_BODY_NONE);
    if (r->location == NULL) {
        assert_int_equal(st, r->want);
        return;
    }
    assert_int_equal(st, REDIR_OK);
    assert_int_equal(redir_chain_next(&chain, 302, r->location,
                                      strlen(r->location), out, sizeof out, &d),
                     r->want);
    assert_int_equal(d.action, r->want == REDIR_OK ? REDIR_ACTION_FOLLOW
                                                   : REDIR_ACTION_ERROR);
}

/* The statuses these switches add have their names. */
static void test_switch_status_names(void **state)
{
    (void)state;
#ifdef LEAN_ONLY_HTTP
    assert_string_equal(redir_status_name(REDIR_E_SCHEME_UNSUPPORTED),
                        "scheme-unsupported");
#endif
#ifdef LEAN_NO_IPV6
    assert_string_equal(redir_status_name(REDIR_E_IPV6_UNSUPPORTED),
                        "ipv6-unsupported");
#endif
}
#endif

#ifdef LEAN_ONLY_HTTP
/* Resolutions in a parser that reads only http and https. */
static const resolve_row scheme_rows[] = {
    {"ws URL: scheme-unsupported", REDIR_URL_WHATWG, NULL, "ws://a/b", false,
     REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"ftp URL against an http base: scheme-unsupported", REDIR_URL_WHATWG,
     "http://a/b", "ftp://c/d", false, REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"mailto: URL (opaque path): scheme-unsupported", REDIR_URL_WHATWG, NULL,
     "mailto:a@b", false, REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"non-special URL with a bad host: scheme-unsupported", REDIR_URL_WHATWG,
     NULL, "foo://[x/", false, REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"relative reference against a non-special base: scheme-unsupported",
     REDIR_URL_WHATWG, "foo:/a/b", "c", false, REDIR_E_SCHEME_UNSUPPORTED,
     NULL},
    {"absolute http URL against an about: base: the base is still read",
     REDIR_URL_WHATWG, "about:blank", "http://a/", false,
     REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"absolute http URL against a parsed ftp base: scheme-unsupported",
     REDIR_URL_WHATWG, "ftp://a/b", "http://c/", true,
     REDIR_E_SCHEME_UNSUPPORTED, NULL},
    {"relative reference against a parsed https base", REDIR_URL_WHATWG,
     "https://a/b/c", "d", true, REDIR_OK, "https://a/b/d"},
    {"scheme with a tab and capitals is https", REDIR_URL_WHATWG, NULL,
     "HT\tTPS://A/b", false, REDIR_OK, "https://a/b"},
    {"https:b against an https base is relative", REDIR_URL_WHATWG,
     "https://a/c/d", "https:b", false, REDIR_OK, "https://a/c/b"},
    {"backslashes separate segments", REDIR_URL_WHATWG, "http://a/",
     "\\\\b\\c\\..\\d", false, REDIR_OK, "http://b/d"},
    {"default port dropped, query encoded as special", REDIR_URL_WHATWG, NULL,
     "http://a:80/?'x", false, REDIR_OK, "http://a/?%27x"},
};

/* A start URL or a redirect of another scheme is scheme-not-allowed, as
 * in a full build. */
static const chain_row chain_scheme_rows[] = {
    {"start at a ws URL: scheme-not-allowed", "ws://a/", NULL,
     REDIR_E_SCHEME_NOT_ALLOWED},
    {"redirect to ftp: scheme-not-allowed", "http://a/", "ftp://b/",
     REDIR_E_SCHEME_NOT_ALLOWED},
    {"redirect to data: scheme-not-allowed", "http://a/", "data:,x",
     REDIR_E_SCHEME_NOT_ALLOWED},
    {"redirect to file: scheme-not-allowed", "https://a/", "file:///etc",
     REDIR_E_SCHEME_NOT_ALLOWED},
    {"redirect to https follows", "http://a/", "https://b/c", REDIR_OK},
};

#endif

#ifdef LEAN_NO_IPV6
/* Hosts in brackets, in both modes; brackets elsewhere are no host. */
static const resolve_row ipv6_rows[] = {
    {"whatwg IPv6 host: ipv6-unsupported", REDIR_URL_WHATWG, NULL,
     "http://[::1]/", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"whatwg unclosed bracket: ipv6-unsupported", REDIR_URL_WHATWG, NULL,
     "http://[::1", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"whatwg IPv6 base: ipv6-unsupported", REDIR_URL_WHATWG, "http://[::1]/a",
     "b", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"whatwg brackets in path, query, fragment resolve", REDIR_URL_WHATWG, NULL,
     "http://a/[x]?[y]#[z]", false, REDIR_OK, "http://a/[x]?[y]#[z]"},
    {"rfc3986 IPv6 host: ipv6-unsupported", REDIR_URL_RFC3986, NULL,
     "http://[::1]/", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"rfc3986 IPvFuture host: ipv6-unsupported", REDIR_URL_RFC3986, NULL,
     "http://[v1.x]/", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"rfc3986 IPv6 base: ipv6-unsupported", REDIR_URL_RFC3986, "http://[::1]/a",
     "g", false, REDIR_E_IPV6_UNSUPPORTED, NULL},
    {"rfc3986 IPv4 host resolves", REDIR_URL_RFC3986, "http://10.0.0.1/a", "g",
     false, REDIR_OK, "http://10.0.0.1/g"},
};

/* A chain refuses to go to one. */
static const chain_row ipv6_chain_rows[] = {
    {"redirect to an IPv6 host: ipv6-unsupported", "http://a/", "http://[::1]/",
     REDIR_E_IPV6_UNSUPPORTED},
};

/* Parsing refuses one; the classifier still reads IPv6 addresses. */
static void test_ipv6_parse_and_classify(void **state)
{
    (void)state;
    static const char url[] = "http://[::1]/";
    redir_url u;
    assert_int_equal(redir_url_parse(url, sizeof url - 1, &u),
                     REDIR_E_IPV6_UNSUPPORTED);
    assert_int_equal(redir_host_classify("[::1]", 5), REDIR_ADDR_LOOPBACK);
}
#endif
#else
/* Both forms of a WHATWG resolution fail, writing nothing. */
static void test_whatwg_unsupported(void **state)
{
    (void)state;
    static const char base[] = "http://a/b/c";
    char out[64];
    size_t len = 99;
    redir_url u;
    memset(out, SENTINEL, sizeof out);
    assert_int_equal(redir_url_resolve(base, sizeof base - 1, "d", 1,
                                       REDIR_URL_WHATWG, out, sizeof out, &len,
                                       NULL),
                     REDIR_E_MODE_UNSUPPORTED);
    assert_int_equal(len, 0);
    assert_int_equal(redir_url_parse(base, sizeof base - 1, &u), REDIR_OK);
    len = 99;
    assert_int_equal(redir_url_resolve_parsed(base, sizeof base - 1, &u, "d", 1,
                                              REDIR_URL_WHATWG, out, sizeof out,
                                              &len, NULL),
                     REDIR_E_MODE_UNSUPPORTED);
    assert_int_equal(len, 0);
    for (size_t i = 0; i < sizeof out; i++)
        assert_int_equal((unsigned char)out[i], SENTINEL);
    assert_string_equal(redir_status_name(REDIR_E_MODE_UNSUPPORTED),
                        "mode-unsupported");
}
#endif

/* ---- the chain ----------------------------------------------------------- */

typedef struct profile_row {
    const char *name;
    redir_profile profile;
    redir_status start; /* what redir_policy_init(), else
                           redir_chain_start(), gives */
} profile_row;

#ifdef LEAN_FETCH_ONLY
static const profile_row profile_rows[] = {
    {"fetch follows", REDIR_PROFILE_FETCH, REDIR_OK},
    {"chrome is left out: profile-unsupported", REDIR_PROFILE_CHROME,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"strict is left out: profile-unsupported", REDIR_PROFILE_STRICT,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"curl is left out: profile-unsupported", REDIR_PROFILE_CURL,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"curl 7.88 is left out: profile-unsupported", REDIR_PROFILE_CURL_7_88,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"curl-follow is left out: profile-unsupported", REDIR_PROFILE_CURL_FOLLOW,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"no such profile: invalid-argument", (redir_profile)6,
     REDIR_E_INVALID_ARGUMENT},
};
#define LEAN_PROFILE REDIR_PROFILE_FETCH /* one that starts */
#elif defined(LEAN_BROWSER)
static const profile_row profile_rows[] = {
    {"fetch follows", REDIR_PROFILE_FETCH, REDIR_OK},
    {"chrome follows", REDIR_PROFILE_CHROME, REDIR_OK},
    {"strict follows", REDIR_PROFILE_STRICT, REDIR_OK},
    {"curl cannot start: mode-unsupported", REDIR_PROFILE_CURL,
     REDIR_E_MODE_UNSUPPORTED},
    {"curl 7.88 cannot start: mode-unsupported", REDIR_PROFILE_CURL_7_88,
     REDIR_E_MODE_UNSUPPORTED},
    {"curl-follow cannot start: mode-unsupported", REDIR_PROFILE_CURL_FOLLOW,
     REDIR_E_MODE_UNSUPPORTED},
};
#define LEAN_PROFILE REDIR_PROFILE_FETCH /* one that starts */
#else
static const profile_row profile_rows[] = {
    {"fetch cannot start: mode-unsupported", REDIR_PROFILE_FETCH,
     REDIR_E_MODE_UNSUPPORTED},
    {"chrome cannot start: mode-unsupported", REDIR_PROFILE_CHROME,
     REDIR_E_MODE_UNSUPPORTED},
    {"strict cannot start: mode-unsupported", REDIR_PROFILE_STRICT,
     REDIR_E_MODE_UNSUPPORTED},
    {"curl follows", REDIR_PROFILE_CURL, REDIR_OK},
    {"curl 7.88 follows", REDIR_PROFILE_CURL_7_88, REDIR_OK},
    {"curl-follow follows", REDIR_PROFILE_CURL_FOLLOW, REDIR_OK},
};
#define LEAN_PROFILE REDIR_PROFILE_CURL
#endif

static void test_profile_row(void **state)
{
    const profile_row *r = TEST_ROW(profile_row, state);
    static const char start[] = "https://a.example/p/q";
    static const char want[] = "https://a.example/p/next";
    static redir_chain chain;
    redir_policy policy;
    redir_decision d;
    char out[64];
    redir_status st = redir_policy_init(&policy, r->profile);
    if (st != REDIR_OK) { /* a profile the build leaves out */
        assert_int_equal(st, r->start);
        return;
    }
    assert_int_equal(redir_chain_start(&chain, &policy, "GET", 3, start,
                                       sizeof start - 1, REDIR_BODY_NONE),
                     r->start);
    assert_int_equal(redir_chain_status(&chain), r->start);
    if (r->start != REDIR_OK) {
        assert_int_equal(
            redir_chain_next(&chain, 302, "next", 4, out, sizeof out, &d),
            REDIR_E_CHAIN_FAILED);
        return;
    }
    assert_int_equal(
        redir_chain_next(&chain, 302, "next", 4, out, sizeof out, &d),
        REDIR_OK);
    assert_int_equal(d.url_len, sizeof want - 1);
    assert_memory_equal(out, want, d.url_len);
}

#ifdef LEAN_FETCH_ONLY
/* ---- one profile kept ---------------------------------------------------- */

/* What is done to a fetch policy between redir_policy_init() and
 * redir_chain_start(). */
enum { AS_MADE, RULE_CHANGED, PROFILE_CHANGED, OPTION_SET };

typedef struct only_row {
    const char *name;
    int change;
    redir_status start;
} only_row;

static const only_row only_rows[] = {
    {"fetch policy as made starts", AS_MADE, REDIR_OK},
    {"fetch policy with an option starts", OPTION_SET, REDIR_OK},
    {"fetch policy with a rule changed: profile-unsupported", RULE_CHANGED,
     REDIR_E_PROFILE_UNSUPPORTED},
    {"fetch policy renamed chrome: profile-unsupported", PROFILE_CHANGED,
     REDIR_E_PROFILE_UNSUPPORTED},
};

static void test_only_row(void **state)
{
    const only_row *r = TEST_ROW(only_row, state);
    static const char start[] = "https://a.example/p";
    static redir_chain chain;
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, REDIR_PROFILE_FETCH), REDIR_OK);
    if (r->change == RULE_CHANGED)
        policy.rules.max_redirects = 3;
    else if (r->change == PROFILE_CHANGED)
        policy.profile = REDIR_PROFILE_CHROME;
    else if (r->change == OPTION_SET)
        policy.options = REDIR_OPT_DENY_DOWNGRADE;
    assert_int_equal(redir_chain_start(&chain, &policy, "GET", 3, start,
                                       sizeof start - 1, REDIR_BODY_NONE),
                     r->start);
    assert_int_equal(redir_chain_status(&chain), r->start);
}

/* Rules of the caller's own cannot run; the kept row can be read. */
static void test_custom_rules_unsupported(void **state)
{
    (void)state;
    redir_rules rules;
    redir_policy policy;
    memset(&policy, SENTINEL, sizeof policy);
    assert_int_equal(redir_rules_init(&rules, REDIR_PROFILE_FETCH), REDIR_OK);
    assert_int_equal(rules.max_redirects, 20);
    assert_int_equal(redir_policy_init_rules(&policy, &rules),
                     REDIR_E_PROFILE_UNSUPPORTED);
    assert_int_equal(((unsigned char *)&policy)[0], SENTINEL);
    assert_int_equal(redir_rules_init(&rules, REDIR_PROFILE_STRICT),
                     REDIR_E_PROFILE_UNSUPPORTED);
    assert_int_equal(redir_rules_init(&rules, (redir_profile)6),
                     REDIR_E_INVALID_ARGUMENT);
    assert_string_equal(redir_status_name(REDIR_E_PROFILE_UNSUPPORTED),
                        "profile-unsupported");
}
#endif

/* ---- the SSRF guard, left out -------------------------------------------- */

static void start_lean(redir_chain *chain, uint32_t options, redir_status want)
{
    static const char start[] = "https://a.example/p";
    redir_policy policy;
    assert_int_equal(redir_policy_init(&policy, LEAN_PROFILE), REDIR_OK);
    policy.options = options;
    assert_int_equal(redir_chain_start(chain, &policy, "GET", 3, start,
                                       sizeof start - 1, REDIR_BODY_NONE),
                     want);
}

/* Asked for at the start: the chain does not start. */
static void test_ssrf_start_unsupported(void **state)
{
    (void)state;
    static redir_chain chain;
    start_lean(&chain, REDIR_OPT_DENY_PRIVATE, REDIR_E_SSRF_UNSUPPORTED);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_SSRF_UNSUPPORTED);
    assert_null(redir_chain_url(&chain, NULL));
}

/* Set in a started chain's copy of the policy: the next hop fails
 * closed, even to a public host. */
static void test_ssrf_hop_unsupported(void **state)
{
    (void)state;
    static redir_chain chain;
    redir_decision d;
    start_lean(&chain, 0, REDIR_OK);
    chain.policy.options |= REDIR_OPT_DENY_PRIVATE;
    assert_int_equal(
        redir_chain_advance(&chain, 302, "https://b.example/", 18, &d),
        REDIR_E_SSRF_UNSUPPORTED);
    assert_int_equal(d.action, REDIR_ACTION_ERROR);
    assert_int_equal(redir_chain_status(&chain), REDIR_E_SSRF_UNSUPPORTED);
    assert_string_equal(redir_status_name(REDIR_E_SSRF_UNSUPPORTED),
                        "ssrf-unsupported");
}

/* The classifiers are the caller's to use still. */
static void test_classifiers_answer(void **state)
{
    (void)state;
    assert_int_equal(redir_host_classify("127.1", 5), REDIR_ADDR_LOOPBACK);
    assert_int_equal(redir_host_classify("a.example", 9), REDIR_ADDR_NAME);
    const uint8_t ten[4] = {10, 0, 0, 1};
    assert_int_equal(redir_addr_classify(ten, 4), REDIR_ADDR_PRIVATE);
}

/* ---- status texts -------------------------------------------------------- */

static void test_strerror_is_name(void **state)
{
    (void)state;
    for (int s = 0; s < REDIR_STATUS_END_; s++)
        assert_string_equal(redir_strerror((redir_status)s),
                            redir_status_name((redir_status)s));
    assert_string_equal(redir_strerror(REDIR_STATUS_END_),
                        "Unknown status value.");
}

int main(void)
{
    test_list list = {0};
    TEST_LIST_ADD_TABLE(&list, test_rfc_row, rfc_rows);
#ifdef LEAN_BROWSER
    test_list_add(&list, "whatwg resolutions work", test_whatwg_works, NULL);
    TEST_LIST_ADD_TABLE(&list, test_file_row, file_rows);
#ifdef LEAN_ONLY_HTTP
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, scheme_rows);
    TEST_LIST_ADD_TABLE(&list, test_chain_row, chain_scheme_rows);
#endif
#ifdef LEAN_NO_IPV6
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, ipv6_rows);
    TEST_LIST_ADD_TABLE(&list, test_chain_row, ipv6_chain_rows);
    test_list_add(&list, "ipv6: the parser refuses, the classifier reads",
                  test_ipv6_parse_and_classify, NULL);
#endif
#if defined(LEAN_ONLY_HTTP) || defined(LEAN_NO_IPV6)
    test_list_add(&list, "the switches' statuses have their names",
                  test_switch_status_names, NULL);
#endif
#else
    test_list_add(&list, "whatwg resolutions are mode-unsupported",
                  test_whatwg_unsupported, NULL);
#endif
    TEST_LIST_ADD_TABLE(&list, test_profile_row, profile_rows);
#ifdef LEAN_FETCH_ONLY
    TEST_LIST_ADD_TABLE(&list, test_only_row, only_rows);
    test_list_add(&list, "custom rules are profile-unsupported",
                  test_custom_rules_unsupported, NULL);
#endif
    test_list_add(&list, "ssrf guard asked at the start: ssrf-unsupported",
                  test_ssrf_start_unsupported, NULL);
    test_list_add(&list, "ssrf guard set in a started chain: the hop fails",
                  test_ssrf_hop_unsupported, NULL);
    test_list_add(&list, "the address classifiers still answer",
                  test_classifiers_answer, NULL);
    test_list_add(&list, "strerror gives the status name",
                  test_strerror_is_name, NULL);
    return test_list_run(&list, "lean") == 0 ? 0 : 1;
}
