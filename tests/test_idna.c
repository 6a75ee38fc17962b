/*
 * test_idna.c - redir_domain_to_ascii() and IDNA hosts in URLs: one row
 * per behaviour of the URL Standard's "domain to ASCII" (label
 * separators, mapping, ignored and disallowed code points, NFC,
 * Punycode, the joiner and bidi rules, the forbidden domain code points
 * after mapping), the capacity contract, and the limits of
 * redir_config.h (REDIR_IDNA_LABEL_MAX, REDIR_IDNA_MAX) at and past
 * their boundary. Expected ASCII forms are those of whatwg-url 17.3.0.
 *
 * Linked with a library built without IDNA (REDIR_NO_IDNA, the ctest
 * test_idna_off), the same rows check that build instead: every domain
 * with a non-ASCII byte fails with idna-unsupported, the ASCII ones are
 * as before, and redir_unicode_version() is "".
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"
#include "redir_url.h"
#define CONFORMANCE_PROGRAM "test_idna"
#include "conformance.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

typedef struct idna_row {
    const char *name;
    const char *in; /* UTF-8, NUL-terminated here for convenience */
    redir_status status;
    const char *out; /* on REDIR_OK */
} idna_row;

#define OK_(n, i, o)                                                           \
    {                                                                          \
        n, i, REDIR_OK, o                                                      \
    }
#define ERR(n, i, st)                                                          \
    {                                                                          \
        n, i, st, NULL                                                         \
    }

static const idna_row rows[] = {
    OK_("ASCII is lowercased", "WWW.Example.COM", "www.example.com"),
    OK_("ASCII with an invalid xn-- label is kept (2026 fallback)",
        "XN--a.example", "xn--a.example"),
    OK_("ASCII underscore is allowed (no STD3 rules)", "a_b.example",
        "a_b.example"),
    OK_("a non-ASCII label becomes Punycode",
        "b\xc3\xbc"
        "cher.example",
        "xn--bcher-kva.example"),
    OK_("upper case is mapped first",
        "B\xc3\x9c"
        "CHER.example",
        "xn--bcher-kva.example"),
    OK_("decomposed input is normalized to NFC",
        "bu\xcc\x88"
        "cher.example",
        "xn--bcher-kva.example"),
    OK_("U+3002 IDEOGRAPHIC FULL STOP separates labels",
        "a\xe3\x80\x82"
        "b",
        "a.b"),
    OK_("U+FF0E FULLWIDTH FULL STOP separates labels",
        "a\xef\xbc\x8e"
        "b",
        "a.b"),
    OK_("U+FF61 HALFWIDTH IDEOGRAPHIC FULL STOP separates labels",
        "a\xef\xbd\xa1"
        "b",
        "a.b"),
    OK_("circled letters map to ASCII",
        "\xe2\x93\x9b\xe2\x93\x9e\xe2\x93\x92"
        "\xe2\x93\x90\xe2\x93\x9b\xe2\x93\x97\xe2\x93\x9e\xe2\x93\xa2\xe2\x93"
        "\xa3",
        "localhost"),
    OK_("full-width digits map to ASCII (no IPv4 step here)",
        "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", "127.0.0.1"),
    OK_("sharp s is kept (nontransitional)", "fa\xc3\x9f.de", "xn--fa-hia.de"),
    OK_("final sigma: upper case maps to sigma", "\xce\xa3\xce\x91\xce\xa3.gr",
        "xn--mxa9ab.gr"),
    OK_("a ligature maps to its letters", "\xef\xac\x83.example",
        "ffi.example"),
    OK_("a title-case digraph maps to two letters", "\xc7\x85", "xn--d-toa"),
    OK_("soft hyphen is ignored",
        "a\xc2\xad"
        "b",
        "ab"),
    OK_("variation selector is ignored",
        "a\xef\xb8\x8f"
        "b",
        "ab"),
    OK_("CJK labels", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e.jp",
        "xn--wgv71a119e.jp"),
    OK_("ZWJ after a virama is allowed", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d",
        "xn--11b6iy14e"),
    OK_("ZWNJ after a virama is allowed",
        "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8c", "xn--11b6iv14e"),
    OK_("ZWNJ between dual-joining letters is allowed",
        "\xd8\xa8\xe2\x80\x8c\xd8\xa8", "xn--ngba799q"),
    OK_("an LTR label beside an RTL label", "a.\xd7\x90", "a.xn--4db"),
    OK_("a valid xn-- label beside a non-ASCII one", "\xc3\xa9.xn--9ca",
        "xn--9ca.xn--9ca"),
    OK_("a trailing dot is kept", "\xc3\xa9.", "xn--9ca."),
    OK_("an empty label is kept", "a..\xc3\xa9", "a..xn--9ca"),
    ERR("empty", "", REDIR_E_INVALID_HOST),
    ERR("only ignored code points leave it empty", "\xc2\xad",
        REDIR_E_INVALID_HOST),
    ERR("ASCII space is a forbidden domain code point", "a b",
        REDIR_E_INVALID_HOST),
    ERR("'%' is forbidden: the input is not percent-decoded", "%C3%A9",
        REDIR_E_INVALID_HOST),
    ERR("full-width '<' maps to a forbidden code point",
        "a\xef\xbc\x9c"
        "b",
        REDIR_E_INVALID_HOST),
    ERR("no-break space maps to a forbidden space", "a\xc2\xa0\xc3\xa9",
        REDIR_E_INVALID_HOST),
    ERR("a forbidden code point in a Punycode label's basic part", "a<\xc3\xa9",
        REDIR_E_INVALID_HOST),
    ERR("a C1 control is disallowed",
        "\xc2\x80"
        "a",
        REDIR_E_IDNA_INVALID),
    ERR("U+FFFD is disallowed", "\xef\xbf\xbd", REDIR_E_IDNA_INVALID),
    ERR("parenthesized digit with a full stop is disallowed",
        "\xe2\x92\x88"
        "b",
        REDIR_E_IDNA_INVALID),
    ERR("a truncated UTF-8 sequence", "\xc3", REDIR_E_IDNA_INVALID),
    ERR("an overlong UTF-8 sequence",
        "\xc0\xaf"
        "a",
        REDIR_E_IDNA_INVALID),
    ERR("a UTF-8 surrogate", "\xed\xa0\x80", REDIR_E_IDNA_INVALID),
    ERR("a code point above U+10FFFF", "\xf4\x90\x80\x80",
        REDIR_E_IDNA_INVALID),
    ERR("a label starting with a combining mark",
        "\xcc\x81"
        "a",
        REDIR_E_IDNA_INVALID),
    ERR("ZWJ without a virama",
        "a\xe2\x80\x8d"
        "b",
        REDIR_E_IDNA_INVALID),
    ERR("ZWNJ between Latin letters",
        "a\xe2\x80\x8c"
        "b",
        REDIR_E_IDNA_INVALID),
    ERR("bidi: an RTL label holding an L letter",
        "\xd7\x90"
        "a",
        REDIR_E_IDNA_INVALID),
    ERR("bidi: a digit label in an RTL domain", "1.\xd7\x90",
        REDIR_E_IDNA_INVALID),
    ERR("bidi: an RTL domain ending in a digit label", "\xd7\x90.1",
        REDIR_E_IDNA_INVALID),
    ERR("Punycode: invalid digits", "\xc3\xa9.xn--a", REDIR_E_IDNA_INVALID),
    ERR("Punycode: a bare xn-- label", "\xc3\xa9.xn--", REDIR_E_IDNA_INVALID),
    ERR("Punycode: decodes to ASCII only", "\xc3\xa9.xn--abc-",
        REDIR_E_IDNA_INVALID),
    ERR("Punycode: decodes to text not in NFC", "\xc3\xa9.xn--a-xbb",
        REDIR_E_IDNA_INVALID),
    ERR("Punycode: decodes to an upper-case letter", "\xc3\xa9.xn--wca",
        REDIR_E_IDNA_INVALID),
    ERR("Punycode: overflow", "\xc3\xa9.xn--99999999999", REDIR_E_IDNA_INVALID),
    ERR("Punycode: a non-ASCII code point in an xn-- label", "xn--\xc3\xa9",
        REDIR_E_IDNA_INVALID),
};

static void test_row(void **state)
{
    const idna_row *r = *state;
    size_t n = strlen(r->in), len = 1234;
    char out[512];
    /* Without IDNA, non-ASCII input is idna-unsupported, unless an ASCII
     * byte already makes it invalid-host. */
    redir_status want = r->status;
    bool non_ascii = false, forbidden = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)r->in[i];
        non_ascii = non_ascii || c >= 0x80;
        forbidden = forbidden || (c < 0x80 && (c <= 0x20 || c == 0x7f ||
                                               strchr("#%/:<>?@[\\]^|", c)));
    }
    if (!have_idna() && non_ascii && !forbidden)
        want = REDIR_E_IDNA_UNSUPPORTED;
    memset(out, 0x5a, sizeof out);
    redir_status st = redir_domain_to_ascii(r->in, n, out, sizeof out, &len);
    if (st != want)
        print_error("  status %s, expected %s\n", redir_status_name(st),
                    redir_status_name(want));
    assert_int_equal(st, want);
    if (st != REDIR_OK) {
        assert_int_equal(len, 0);
        assert_true((unsigned char)out[0] == 0x5a); /* untouched */
        return;
    }
    if (len != strlen(r->out) || memcmp(out, r->out, len) != 0)
        print_error("  got \"%.*s\", expected \"%s\"\n", (int)len, out, r->out);
    assert_int_equal(len, strlen(r->out));
    assert_memory_equal(out, r->out, len);
}

/* --- capacity and arguments ------------------------------------------- */

#define BUCHER                                                                 \
    "b\xc3\xbc"                                                                \
    "cher.example"

static void test_capacity(void **state)
{
    (void)state;
    char out[32];
    size_t len = 0;
    memset(out, 0x5a, sizeof out);
    /* 21 bytes needed: one short fails and writes nothing */
    assert_int_equal(
        redir_domain_to_ascii(BUCHER, strlen(BUCHER), out, 20, &len),
        REDIR_E_NOSPACE);
    assert_int_equal(len, 21);
    for (size_t i = 0; i < sizeof out; i++)
        assert_int_equal((unsigned char)out[i], 0x5a);
    assert_int_equal(
        redir_domain_to_ascii(BUCHER, strlen(BUCHER), NULL, 0, &len),
        REDIR_E_NOSPACE);
    assert_int_equal(len, 21);
    assert_int_equal(
        redir_domain_to_ascii(BUCHER, strlen(BUCHER), out, 21, &len), REDIR_OK);
    assert_memory_equal(out, "xn--bcher-kva.example", 21);
    assert_int_equal((unsigned char)out[21], 0x5a);
    /* ASCII: the same contract */
    assert_int_equal(redir_domain_to_ascii("AB", 2, out, 1, &len),
                     REDIR_E_NOSPACE);
    assert_int_equal(len, 2);
}

static void test_arguments(void **state)
{
    (void)state;
    char out[8];
    size_t len = 99;
    assert_int_equal(redir_domain_to_ascii("a", 1, out, sizeof out, NULL),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(redir_domain_to_ascii(NULL, 1, out, sizeof out, &len),
                     REDIR_E_INVALID_ARGUMENT);
    assert_int_equal(len, 0);
    assert_int_equal(redir_domain_to_ascii("a", 1, NULL, 4, &len),
                     REDIR_E_INVALID_ARGUMENT);
    /* a length, not a NUL, ends the input */
    assert_int_equal(redir_domain_to_ascii("ab\0c", 2, out, sizeof out, &len),
                     REDIR_OK);
    assert_int_equal(len, 2);
    assert_int_equal(redir_domain_to_ascii("a\0c", 3, out, sizeof out, &len),
                     REDIR_E_INVALID_HOST);
}

static void test_unicode_version(void **state)
{
    (void)state;
    assert_string_equal(redir_unicode_version(), have_idna() ? "17.0.0" : "");
}

/* Without IDNA a non-ASCII host fails in a URL too, and only such a host:
 * an ASCII "xn--" label is still a plain domain. */
static void test_without_idna(void **state)
{
    (void)state;
    char out[64];
    size_t len;
    assert_int_equal(redir_url_resolve(NULL, 0,
                                       "http://b\xc3\xbc"
                                       "cher/",
                                       13, REDIR_URL_WHATWG, out, sizeof out,
                                       &len, NULL),
                     REDIR_E_IDNA_UNSUPPORTED);
    assert_int_equal(redir_url_resolve(NULL, 0, "http://%C3%BC/", 14,
                                       REDIR_URL_WHATWG, out, sizeof out, &len,
                                       NULL),
                     REDIR_E_IDNA_UNSUPPORTED);
    assert_int_equal(redir_url_resolve(NULL, 0, "http://XN--a/", 13,
                                       REDIR_URL_WHATWG, out, sizeof out, &len,
                                       NULL),
                     REDIR_OK);
    assert_memory_equal(out, "http://xn--a/", 13);
    assert_int_equal(redir_host_classify("\xef\xbc\x91.1", 5),
                     REDIR_ADDR_RESERVED);
}

/* --- limits ----------------------------------------------------------- */

/* `count` copies of "é" (2 bytes each), then `tail`. */
static char *repeat_e(size_t count, const char *tail, size_t *n)
{
    size_t t = strlen(tail);
    char *s = malloc(2 * count + t + 1);
    assert_non_null(s);
    for (size_t i = 0; i < count; i++)
        memcpy(s + 2 * i, "\xc3\xa9", 2);
    memcpy(s + 2 * count, tail, t + 1);
    *n = 2 * count + t;
    return s;
}

/* A label must fit in REDIR_IDNA_LABEL_MAX code points decomposed: é is
 * two then (NFC composes it again), so half as many é fit, one more does
 * not. */
static void test_label_limit(void **state)
{
    (void)state;
    size_t n, len;
    static char out[8192];
    const size_t fits = REDIR_IDNA_LABEL_MAX / 2;
    char *s = repeat_e(fits, "", &n);
    assert_int_equal(redir_domain_to_ascii(s, n, out, sizeof out, &len),
                     REDIR_OK);
    free(s);
    s = repeat_e(fits + 1, "", &n);
    assert_int_equal(redir_domain_to_ascii(s, n, out, sizeof out, &len),
                     REDIR_E_IDNA_TOO_LONG);
    free(s);
    /* é (two code points decomposed) and REDIR_IDNA_LABEL_MAX - 2 ASCII
     * letters fill the working space exactly */
    char *a = malloc(REDIR_IDNA_LABEL_MAX + 2);
    assert_non_null(a);
    memset(a, 'a', REDIR_IDNA_LABEL_MAX + 1);
    memcpy(a, "\xc3\xa9", 2);
    assert_int_equal(
        redir_domain_to_ascii(a, REDIR_IDNA_LABEL_MAX, out, sizeof out, &len),
        REDIR_OK);
    assert_int_equal(redir_domain_to_ascii(a, REDIR_IDNA_LABEL_MAX + 1, out,
                                           sizeof out, &len),
                     REDIR_E_IDNA_TOO_LONG);
    free(a);
}

/* In a URL, the ASCII form of an IDNA host may be REDIR_IDNA_MAX bytes:
 * labels "xn--9ca." are 8 bytes, so REDIR_IDNA_MAX / 8 of them (the last
 * without its dot) fit and one more does not. */
static void test_host_limit(void **state)
{
    (void)state;
    size_t labels = REDIR_IDNA_MAX / 8, n, len;
    static char out[16384];
    for (int more = 0; more <= 1; more++) {
        size_t k = labels + (size_t)more;
        char *s = malloc(8 + 3 * k + 2);
        assert_non_null(s);
        memcpy(s, "http://", 7);
        n = 7;
        for (size_t i = 0; i < k; i++) {
            memcpy(s + n, i + 1 < k ? "\xc3\xa9." : "\xc3\xa9/", 3);
            n += 3;
        }
        redir_status st = redir_url_resolve(NULL, 0, s, n, REDIR_URL_WHATWG,
                                            out, sizeof out, &len, NULL);
        assert_int_equal(st, more ? REDIR_E_IDNA_TOO_LONG : REDIR_OK);
        if (!more)
            assert_int_equal(len, 7 + 8 * k); /* "http://" ... "/" */
        free(s);
    }
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_row, rows);
    test_list_add(&list, "bad arguments, and lengths instead of NUL",
                  test_arguments, NULL);
    test_list_add(&list, "the Unicode version of the tables",
                  test_unicode_version, NULL);
    if (have_idna()) {
        test_list_add(&list, "no-space reports the length and writes nothing",
                      test_capacity, NULL);
        test_list_add(&list, "REDIR_IDNA_LABEL_MAX at and past its boundary",
                      test_label_limit, NULL);
        test_list_add(&list, "REDIR_IDNA_MAX at and past its boundary in a URL",
                      test_host_limit, NULL);
    } else {
        test_list_add(&list, "without IDNA, non-ASCII hosts fail in URLs",
                      test_without_idna, NULL);
    }
    int failed = test_list_run(&list, "idna");
    free(list.tests);
    return failed != 0;
}
