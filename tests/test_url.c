/*
 * test_url.c - the URL module (redir_url.h) against RFC 3986.
 *
 * Every expected value in these tables was worked out by hand from RFC
 * 3986 (the grammar of section 3 and Appendix A, resolution in sections
 * 5.2-5.4) and from the contract in redir_url.h; none was taken from the
 * implementation's output.
 *
 * Every input is copied into a heap buffer of exactly its size with no NUL
 * terminator, so AddressSanitizer catches any read past the given length.
 * Output buffers are pre-filled with a sentinel byte to catch writes past
 * the reported length or into a buffer reported as too small.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_url.h"

#define LIVE_BUFFERS_MAX 64
#include "rfc3986_examples.h"
#include "support.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Shorthands for the tables                                           */

/* A string literal and its length (embedded NULs included). */
#define S(lit) (lit), (sizeof(lit) - 1)
/* "No base" for redir_url_resolve. */
#define NOBASE NULL, 0
/* An absent component. */
#define NO NULL

#define STRICT REDIR_URL_RFC3986
#define COMPAT REDIR_URL_RFC3986_COMPAT

#define HN REDIR_HOST_NONE
#define HR REDIR_HOST_REG_NAME
#define H4 REDIR_HOST_IPV4
#define H6 REDIR_HOST_IPV6
#define HF REDIR_HOST_IPVFUTURE

#define OK       REDIR_OK
#define E_ARG    REDIR_E_INVALID_ARGUMENT
#define E_SPACE  REDIR_E_NOSPACE
#define E_SCHEME REDIR_E_INVALID_SCHEME
#define E_CHAR   REDIR_E_INVALID_CHARACTER
#define E_PCT    REDIR_E_INVALID_PERCENT
#define E_PORT   REDIR_E_INVALID_PORT
#define E_IP     REDIR_E_INVALID_IP_LITERAL
#define E_BASE   REDIR_E_BASE_NOT_ABSOLUTE
#define E_NOBASE REDIR_E_RELATIVE_WITHOUT_BASE
#define E_ORIGIN REDIR_E_NO_ORIGIN

/* The base URI of RFC 3986 section 5.4. */
#define BASE RFC_BASE

#define OUT_CAP 512

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* Heap buffers, copies, the sentinel and the common checks are in
 * support.h. */

/* The buffer to hold a row's text: `len` bytes, or more when the literal
 * is longer (prefix rows: the bytes after `len` exist but must be
 * ignored). Embedded NULs make strlen shorter than len; len wins then. */
static char *copy_row_text(const char *s, size_t len)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s);
    return copy_exact(s, n > len ? n : len);
}

static void show(const char *label, const char *s, size_t n)
{
    if (s == NULL) {
        print_error("  %s: NULL\n", label);
        return;
    }
    show_bytes(label, s, n);
}

/* How support.h's checks fail here: just fail(). */
static void failed(void)
{
    fail();
}

/* ------------------------------------------------------------------ */
/* Expected components of a URL                                        */

/* NULL = absent. The path is always present. The flags and port_number
 * expected follow from these strings per redir_url.h. */
typedef struct comps {
    redir_host_type host_type;
    const char *scheme;
    const char *userinfo;
    const char *host;
    const char *port;
    const char *path;
    const char *query;
    const char *fragment;
} comps;

static uint32_t comps_flags(const comps *c)
{
    uint32_t f = 0;
    if (c->scheme)
        f |= REDIR_URL_HAS_SCHEME;
    if (c->host)
        f |= REDIR_URL_HAS_AUTHORITY;
    if (c->userinfo)
        f |= REDIR_URL_HAS_USERINFO;
    if (c->port)
        f |= REDIR_URL_HAS_PORT;
    if (c->query)
        f |= REDIR_URL_HAS_QUERY;
    if (c->fragment)
        f |= REDIR_URL_HAS_FRAGMENT;
    return f;
}

/* "no port digits" is -1; otherwise the decimal value (leading zeros ok). */
static int32_t comps_port_number(const comps *c)
{
    if (c->port == NULL || c->port[0] == '\0')
        return -1;
    int32_t v = 0;
    for (const char *p = c->port; *p; p++)
        v = v * 10 + (*p - '0');
    return v;
}

static void expect_span(const char *label, const char *text, size_t text_len,
                        redir_span sp, const char *want)
{
    if (want == NULL) {
        if (sp.off != 0 || sp.len != 0) {
            print_error("%s: absent, so its span must be {0, 0}, got {%zu, "
                        "%zu}\n",
                        label, sp.off, sp.len);
            fail();
        }
        return;
    }
    if (sp.off > text_len || sp.len > text_len - sp.off) {
        print_error("%s: span {%zu, %zu} lies outside the %zu-byte text\n",
                    label, sp.off, sp.len, text_len);
        fail();
    }
    expect_text(label, text + sp.off, sp.len, want, strlen(want));
}

static void expect_char_at(const char *text, size_t n, size_t pos, char c,
                           const char *what)
{
    if (pos < n && text[pos] == c)
        return;
    print_error("layout: expected '%c' %s at offset %zu\n", c, what, pos);
    show("text", text, n);
    fail();
}

static void expect_off(const char *what, redir_span sp, size_t want)
{
    if (sp.off == want)
        return;
    print_error("layout: %s should start at offset %zu, starts at %zu\n", what,
                want, sp.off);
    fail();
}

/*
 * The components of a URI reference are contiguous, in order, separated
 * by their delimiters (RFC 3986 section 3). Walking the text with the
 * reported lengths therefore fixes every offset, and must end exactly at
 * the end of the text. This checks where empty components point too.
 */
static void check_layout(const char *text, size_t n, const redir_url *u)
{
    size_t pos = 0;
    if (u->flags & REDIR_URL_HAS_SCHEME) {
        expect_off("scheme", u->scheme, 0);
        pos = u->scheme.len;
        expect_char_at(text, n, pos, ':', "after the scheme");
        pos++;
    }
    if (u->flags & REDIR_URL_HAS_AUTHORITY) {
        expect_char_at(text, n, pos, '/', "opening the authority");
        expect_char_at(text, n, pos + 1, '/', "opening the authority");
        pos += 2;
        if (u->flags & REDIR_URL_HAS_USERINFO) {
            expect_off("userinfo", u->userinfo, pos);
            pos += u->userinfo.len;
            expect_char_at(text, n, pos, '@', "after the userinfo");
            pos++;
        }
        expect_off("host", u->host, pos);
        pos += u->host.len;
        if (u->flags & REDIR_URL_HAS_PORT) {
            expect_char_at(text, n, pos, ':', "before the port");
            pos++;
            expect_off("port", u->port, pos);
            pos += u->port.len;
        }
    }
    expect_off("path", u->path, pos);
    pos += u->path.len;
    if (u->flags & REDIR_URL_HAS_QUERY) {
        expect_char_at(text, n, pos, '?', "before the query");
        pos++;
        expect_off("query", u->query, pos);
        pos += u->query.len;
    }
    if (u->flags & REDIR_URL_HAS_FRAGMENT) {
        expect_char_at(text, n, pos, '#', "before the fragment");
        pos++;
        expect_off("fragment", u->fragment, pos);
        pos += u->fragment.len;
    }
    if (pos != n) {
        print_error("layout: the components end at offset %zu, the text at "
                    "%zu\n",
                    pos, n);
        fail();
    }
}

static void check_url(const char *text, size_t n, const redir_url *u,
                      const comps *c)
{
    uint32_t want_flags = comps_flags(c);
    if (u->flags != want_flags) {
        print_error("flags: expected 0x%02x, got 0x%02x\n",
                    (unsigned)want_flags, (unsigned)u->flags);
        fail();
    }
    if (u->host_type != c->host_type) {
        print_error("host_type: expected %s, got %s (%d)\n",
                    redir_host_type_name(c->host_type),
                    redir_host_type_name(u->host_type), (int)u->host_type);
        fail();
    }
    int32_t want_port = comps_port_number(c);
    if (u->port_number != want_port) {
        print_error("port_number: expected %d, got %d\n", (int)want_port,
                    (int)u->port_number);
        fail();
    }
    expect_span("scheme", text, n, u->scheme, c->scheme);
    expect_span("userinfo", text, n, u->userinfo, c->userinfo);
    expect_span("host", text, n, u->host, c->host);
    expect_span("port", text, n, u->port, c->port);
    expect_span("path", text, n, u->path, c->path);
    expect_span("query", text, n, u->query, c->query);
    expect_span("fragment", text, n, u->fragment, c->fragment);
    check_layout(text, n, u);
}

static bool url_is_zero(const redir_url *u)
{
    static const redir_span z = {0, 0};
    return u->flags == 0 && u->host_type == REDIR_HOST_NONE &&
           u->port_number == 0 && span_equal(u->scheme, z) &&
           span_equal(u->userinfo, z) && span_equal(u->host, z) &&
           span_equal(u->port, z) && span_equal(u->path, z) &&
           span_equal(u->query, z) && span_equal(u->fragment, z);
}

/* Parses `text` (copied without a terminator); the test fails unless OK. */
static redir_url parse_ok(const char *text, size_t len)
{
    char *buf = copy_exact(text, len);
    redir_url u;
    redir_status st = redir_url_parse(buf, len, &u);
    release(buf);
    if (st != REDIR_OK) {
        print_error("setup: redir_url_parse failed with %s\n",
                    redir_status_name(st));
        show("text", text, len);
        fail();
    }
    return u;
}

/* ------------------------------------------------------------------ */
/* 1. Parsing: valid references                                        */

typedef struct parse_row {
    const char *name;
    const char *text;
    size_t len;
    comps want;
} parse_row;

static const parse_row parse_rows[] = {
    /* absolute URIs */
    {"parse: http URL with every component",
     S("http://user:pass@host:8080/p/a/t/h?query#frag"),
     {HR, "http", "user:pass", "host", "8080", "/p/a/t/h", "query", "frag"}},
    {"parse: RFC 5.4 base URI",
     S(BASE),
     {HR, "http", NO, "a", NO, "/b/c/d;p", "q", NO}},
    {"parse: host only, empty path",
     S("http://a"),
     {HR, "http", NO, "a", NO, "", NO, NO}},
    {"parse: host and root path",
     S("http://a/"),
     {HR, "http", NO, "a", NO, "/", NO, NO}},
    {"parse: empty query is present",
     S("http://a/?"),
     {HR, "http", NO, "a", NO, "/", "", NO}},
    {"parse: empty fragment is present",
     S("http://a/#"),
     {HR, "http", NO, "a", NO, "/", NO, ""}},
    {"parse: empty query and empty fragment",
     S("http://a/?#"),
     {HR, "http", NO, "a", NO, "/", "", ""}},
    {"parse: query without path",
     S("http://a?q"),
     {HR, "http", NO, "a", NO, "", "q", NO}},
    {"parse: fragment without path",
     S("http://a#f"),
     {HR, "http", NO, "a", NO, "", NO, "f"}},
    {"parse: '?' and '/' inside the query",
     S("http://a/b?c?d/e"),
     {HR, "http", NO, "a", NO, "/b", "c?d/e", NO}},
    {"parse: '?' and '/' inside the fragment",
     S("http://a/b#c?d/e"),
     {HR, "http", NO, "a", NO, "/b", NO, "c?d/e"}},
    {"parse: ':' and '@' in query and fragment",
     S("http://a/?x:y@z#u:v@w"),
     {HR, "http", NO, "a", NO, "/", "x:y@z", "u:v@w"}},
    {"parse: empty port",
     S("http://a:/"),
     {HR, "http", NO, "a", "", "/", NO, NO}},
    {"parse: empty port at the end",
     S("http://a:"),
     {HR, "http", NO, "a", "", "", NO, NO}},
    {"parse: empty port before query",
     S("http://a:?q"),
     {HR, "http", NO, "a", "", "", "q", NO}},
    {"parse: port 0",
     S("http://a:0/"),
     {HR, "http", NO, "a", "0", "/", NO, NO}},
    {"parse: port 65535",
     S("http://a:65535/"),
     {HR, "http", NO, "a", "65535", "/", NO, NO}},
    {"parse: port with a leading zero",
     S("http://a:080/"),
     {HR, "http", NO, "a", "080", "/", NO, NO}},
    {"parse: port with many leading zeros",
     S("http://a:0000000000000080/"),
     {HR, "http", NO, "a", "0000000000000080", "/", NO, NO}},
    {"parse: userinfo with ':'",
     S("http://user:pw@a/"),
     {HR, "http", "user:pw", "a", NO, "/", NO, NO}},
    {"parse: userinfo with several ':'",
     S("http://a:b:c@h/"),
     {HR, "http", "a:b:c", "h", NO, "/", NO, NO}},
    {"parse: userinfo ending in ':'",
     S("http://u:@h/"),
     {HR, "http", "u:", "h", NO, "/", NO, NO}},
    {"parse: empty userinfo",
     S("http://@a/"),
     {HR, "http", "", "a", NO, "/", NO, NO}},
    {"parse: userinfo with every allowed kind of byte",
     S("http://a!$&'()*+,;=-._~%41:@h/"),
     {HR, "http", "a!$&'()*+,;=-._~%41:", "h", NO, "/", NO, NO}},
    {"parse: userinfo, host, empty port",
     S("http://u@a:/"),
     {HR, "http", "u", "a", "", "/", NO, NO}},
    {"parse: reg-name with unreserved and sub-delims",
     S("http://a-b.c_d~e!$&'()*+,;=/"),
     {HR, "http", NO, "a-b.c_d~e!$&'()*+,;=", NO, "/", NO, NO}},
    {"parse: percent-encoded reg-name",
     S("http://%41%62c/"),
     {HR, "http", NO, "%41%62c", NO, "/", NO, NO}},
    {"parse: uppercase reg-name kept as written",
     S("http://Example.COM/"),
     {HR, "http", NO, "Example.COM", NO, "/", NO, NO}},
    {"parse: empty host file:///x",
     S("file:///x"),
     {HR, "file", NO, "", NO, "/x", NO, NO}},
    {"parse: empty authority at the end",
     S("file://"),
     {HR, "file", NO, "", NO, "", NO, NO}},
    {"parse: empty authority before query",
     S("http://?q"),
     {HR, "http", NO, "", NO, "", "q", NO}},
    {"parse: file://localhost",
     S("file://localhost/etc/hosts"),
     {HR, "file", NO, "localhost", NO, "/etc/hosts", NO, NO}},
    /* IPv4 */
    {"parse: IPv4 1.2.3.4",
     S("http://1.2.3.4/"),
     {H4, "http", NO, "1.2.3.4", NO, "/", NO, NO}},
    {"parse: IPv4 with port",
     S("http://192.168.0.1:80/x"),
     {H4, "http", NO, "192.168.0.1", "80", "/x", NO, NO}},
    {"parse: IPv4 255.255.255.255",
     S("http://255.255.255.255/"),
     {H4, "http", NO, "255.255.255.255", NO, "/", NO, NO}},
    {"parse: IPv4 0.0.0.0",
     S("http://0.0.0.0/"),
     {H4, "http", NO, "0.0.0.0", NO, "/", NO, NO}},
    {"parse: IPv4 at the end",
     S("http://10.0.0.1"),
     {H4, "http", NO, "10.0.0.1", NO, "", NO, NO}},
    {"parse: IPv4 with userinfo and port",
     S("http://u@1.2.3.4:1/"),
     {H4, "http", "u", "1.2.3.4", "1", "/", NO, NO}},
    {"parse: IPv4 in a network-path reference",
     S("//249.250.251.252"),
     {H4, NO, NO, "249.250.251.252", NO, "", NO, NO}},
    {"parse: 1.2.3.256 is a reg-name",
     S("http://1.2.3.256/"),
     {HR, "http", NO, "1.2.3.256", NO, "/", NO, NO}},
    {"parse: 01.2.3.4 is a reg-name (leading zero)",
     S("http://01.2.3.4/"),
     {HR, "http", NO, "01.2.3.4", NO, "/", NO, NO}},
    {"parse: 1.2.3.04 is a reg-name (leading zero)",
     S("http://1.2.3.04/"),
     {HR, "http", NO, "1.2.3.04", NO, "/", NO, NO}},
    {"parse: 1.2.3 is a reg-name (three parts)",
     S("http://1.2.3/"),
     {HR, "http", NO, "1.2.3", NO, "/", NO, NO}},
    {"parse: 1.2.3.4.5 is a reg-name (five parts)",
     S("http://1.2.3.4.5/"),
     {HR, "http", NO, "1.2.3.4.5", NO, "/", NO, NO}},
    {"parse: 1.2.3.4. is a reg-name (trailing dot)",
     S("http://1.2.3.4./"),
     {HR, "http", NO, "1.2.3.4.", NO, "/", NO, NO}},
    {"parse: 1..3.4 is a reg-name (empty part)",
     S("http://1..3.4/"),
     {HR, "http", NO, "1..3.4", NO, "/", NO, NO}},
    {"parse: 1.2.3.4a is a reg-name",
     S("http://1.2.3.4a/"),
     {HR, "http", NO, "1.2.3.4a", NO, "/", NO, NO}},
    {"parse: 1000.2.3.4 is a reg-name",
     S("http://1000.2.3.4/"),
     {HR, "http", NO, "1000.2.3.4", NO, "/", NO, NO}},
    /* IPv6 */
    {"parse: IPv6 [::]",
     S("http://[::]/"),
     {H6, "http", NO, "[::]", NO, "/", NO, NO}},
    {"parse: IPv6 [::1]",
     S("http://[::1]/"),
     {H6, "http", NO, "[::1]", NO, "/", NO, NO}},
    {"parse: IPv6 [::1] with port",
     S("http://[::1]:8080/x"),
     {H6, "http", NO, "[::1]", "8080", "/x", NO, NO}},
    {"parse: IPv6 with empty port",
     S("http://[::1]:/"),
     {H6, "http", NO, "[::1]", "", "/", NO, NO}},
    {"parse: IPv6 full 8 groups",
     S("http://[1:2:3:4:5:6:7:8]/"),
     {H6, "http", NO, "[1:2:3:4:5:6:7:8]", NO, "/", NO, NO}},
    {"parse: IPv6 full 8 groups of 4 digits",
     S("http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]/"),
     {H6, "http", NO, "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]", NO, "/", NO,
      NO}},
    {"parse: IPv6 embedded IPv4 ::ffff:1.2.3.4",
     S("http://[::ffff:1.2.3.4]/"),
     {H6, "http", NO, "[::ffff:1.2.3.4]", NO, "/", NO, NO}},
    {"parse: IPv6 ::1.2.3.4",
     S("http://[::1.2.3.4]/"),
     {H6, "http", NO, "[::1.2.3.4]", NO, "/", NO, NO}},
    {"parse: IPv6 six groups then IPv4",
     S("http://[1:2:3:4:5:6:1.2.3.4]/"),
     {H6, "http", NO, "[1:2:3:4:5:6:1.2.3.4]", NO, "/", NO, NO}},
    {"parse: IPv6 five groups :: IPv4",
     S("http://[1:2:3:4:5::1.2.3.4]/"),
     {H6, "http", NO, "[1:2:3:4:5::1.2.3.4]", NO, "/", NO, NO}},
    {"parse: IPv6 compression in the middle",
     S("http://[1:2::7:8]/"),
     {H6, "http", NO, "[1:2::7:8]", NO, "/", NO, NO}},
    {"parse: IPv6 2001:db8::1",
     S("http://[2001:db8::1]/"),
     {H6, "http", NO, "[2001:db8::1]", NO, "/", NO, NO}},
    {"parse: IPv6 compression at the end [1::]",
     S("http://[1::]/"),
     {H6, "http", NO, "[1::]", NO, "/", NO, NO}},
    {"parse: IPv6 seven groups then ::",
     S("http://[1:2:3:4:5:6:7::]/"),
     {H6, "http", NO, "[1:2:3:4:5:6:7::]", NO, "/", NO, NO}},
    {"parse: IPv6 :: then seven groups",
     S("http://[::2:3:4:5:6:7:8]/"),
     {H6, "http", NO, "[::2:3:4:5:6:7:8]", NO, "/", NO, NO}},
    {"parse: IPv6 one group :: six groups",
     S("http://[1::3:4:5:6:7:8]/"),
     {H6, "http", NO, "[1::3:4:5:6:7:8]", NO, "/", NO, NO}},
    {"parse: IPv6 six groups :: one group",
     S("http://[1:2:3:4:5:6::8]/"),
     {H6, "http", NO, "[1:2:3:4:5:6::8]", NO, "/", NO, NO}},
    {"parse: IPv6 uppercase hex",
     S("http://[ABCD:EF01::]/"),
     {H6, "http", NO, "[ABCD:EF01::]", NO, "/", NO, NO}},
    {"parse: IPv6 groups with leading zeros",
     S("http://[0001:0000::0001]/"),
     {H6, "http", NO, "[0001:0000::0001]", NO, "/", NO, NO}},
    {"parse: IPv6 with userinfo",
     S("http://u@[::1]/"),
     {H6, "http", "u", "[::1]", NO, "/", NO, NO}},
    {"parse: IPv6 at the end",
     S("http://[::1]"),
     {H6, "http", NO, "[::1]", NO, "", NO, NO}},
    {"parse: IPv6 then query",
     S("http://[::1]?q"),
     {H6, "http", NO, "[::1]", NO, "", "q", NO}},
    {"parse: IPv6 then fragment",
     S("http://[::1]#f"),
     {H6, "http", NO, "[::1]", NO, "", NO, "f"}},
    {"parse: IPv6 in a network-path reference",
     S("//[::1]:1"),
     {H6, NO, NO, "[::1]", "1", "", NO, NO}},
    /* IPvFuture */
    {"parse: IPvFuture [v1.x]",
     S("http://[v1.x]/"),
     {HF, "http", NO, "[v1.x]", NO, "/", NO, NO}},
    {"parse: IPvFuture with ':' [vF.a:b]",
     S("http://[vF.a:b]/"),
     {HF, "http", NO, "[vF.a:b]", NO, "/", NO, NO}},
    {"parse: IPvFuture with every allowed kind of byte",
     S("http://[v1A.!$&'()*+,;=-._~:]/"),
     {HF, "http", NO, "[v1A.!$&'()*+,;=-._~:]", NO, "/", NO, NO}},
    {"parse: IPvFuture uppercase V (ABNF strings are case-insensitive)",
     S("http://[V1.x]/"),
     {HF, "http", NO, "[V1.x]", NO, "/", NO, NO}},
    {"parse: IPvFuture with port",
     S("http://[v7.x]:81"),
     {HF, "http", NO, "[v7.x]", "81", "", NO, NO}},
    /* schemes */
    {"parse: scheme with + - . and digits",
     S("a+b-c.d1://h/"),
     {HR, "a+b-c.d1", NO, "h", NO, "/", NO, NO}},
    {"parse: uppercase scheme and host kept as written",
     S("HTTP://A/"),
     {HR, "HTTP", NO, "A", NO, "/", NO, NO}},
    {"parse: mixed-case scheme",
     S("HtTp://a/"),
     {HR, "HtTp", NO, "a", NO, "/", NO, NO}},
    {"parse: one-letter scheme g:h",
     S("g:h"),
     {HN, "g", NO, NO, NO, "h", NO, NO}},
    {"parse: scheme only", S("http:"), {HN, "http", NO, NO, NO, "", NO, NO}},
    {"parse: scheme and empty query",
     S("http:?"),
     {HN, "http", NO, NO, NO, "", "", NO}},
    {"parse: scheme and empty fragment",
     S("http:#"),
     {HN, "http", NO, NO, NO, "", NO, ""}},
    {"parse: http:g rootless path",
     S("http:g"),
     {HN, "http", NO, NO, NO, "g", NO, NO}},
    {"parse: http:/g absolute path without authority",
     S("http:/g"),
     {HN, "http", NO, NO, NO, "/g", NO, NO}},
    {"parse: mailto with '@' in the path",
     S("mailto:user@example.com"),
     {HN, "mailto", NO, NO, NO, "user@example.com", NO, NO}},
    {"parse: urn with ':' in the path",
     S("urn:isbn:0-486-27557-4"),
     {HN, "urn", NO, NO, NO, "isbn:0-486-27557-4", NO, NO}},
    {"parse: a:b:c", S("a:b:c"), {HN, "a", NO, NO, NO, "b:c", NO, NO}},
    /* relative references */
    {"parse: //host", S("//host"), {HR, NO, NO, "host", NO, "", NO, NO}},
    {"parse: //host/p?q#f",
     S("//host/p?q#f"),
     {HR, NO, NO, "host", NO, "/p", "q", "f"}},
    {"parse: // empty authority", S("//"), {HR, NO, NO, "", NO, "", NO, NO}},
    {"parse: ///x empty authority and path",
     S("///x"),
     {HR, NO, NO, "", NO, "/x", NO, NO}},
    {"parse: //u@h:1/p", S("//u@h:1/p"), {HR, NO, "u", "h", "1", "/p", NO, NO}},
    {"parse: /path", S("/path"), {HN, NO, NO, NO, NO, "/path", NO, NO}},
    {"parse: /", S("/"), {HN, NO, NO, NO, NO, "/", NO, NO}},
    {"parse: relative path", S("path"), {HN, NO, NO, NO, NO, "path", NO, NO}},
    {"parse: relative path with dot segments",
     S("../a/./b"),
     {HN, NO, NO, NO, NO, "../a/./b", NO, NO}},
    {"parse: ':' after the first segment",
     S("a/b:c"),
     {HN, NO, NO, NO, NO, "a/b:c", NO, NO}},
    {"parse: ./a:b", S("./a:b"), {HN, NO, NO, NO, NO, "./a:b", NO, NO}},
    {"parse: '@' in a relative path",
     S("a@b"),
     {HN, NO, NO, NO, NO, "a@b", NO, NO}},
    {"parse: ?q", S("?q"), {HN, NO, NO, NO, NO, "", "q", NO}},
    {"parse: ? empty query only", S("?"), {HN, NO, NO, NO, NO, "", "", NO}},
    {"parse: #f", S("#f"), {HN, NO, NO, NO, NO, "", NO, "f"}},
    {"parse: # empty fragment only", S("#"), {HN, NO, NO, NO, NO, "", NO, ""}},
    {"parse: ?# empty query and fragment",
     S("?#"),
     {HN, NO, NO, NO, NO, "", "", ""}},
    {"parse: empty reference", S(""), {HN, NO, NO, NO, NO, "", NO, NO}},
    {"parse: percent-encoded path",
     S("/%41%2f%aF"),
     {HN, NO, NO, NO, NO, "/%41%2f%aF", NO, NO}},
    {"parse: every pchar kind in a path",
     S("/a-._~!$&'()*+,;=:@%20"),
     {HN, NO, NO, NO, NO, "/a-._~!$&'()*+,;=:@%20", NO, NO}},
    {"parse: query with '/', '?', ':' and '@'",
     S("?/a?b:c@d"),
     {HN, NO, NO, NO, NO, "", "/a?b:c@d", NO}},
    {"parse: fragment with '/' and '?'",
     S("#/a?b"),
     {HN, NO, NO, NO, NO, "", NO, "/a?b"}},
    {"parse: path, query and fragment",
     S("g;x?y#s"),
     {HN, NO, NO, NO, NO, "g;x", "y", "s"}},
    /* prefixes: the bytes after `len` exist in the buffer but are ignored */
    {"parse prefix: \"http://a:80\" up to the ':'",
     "http://a:80",
     9,
     {HR, "http", NO, "a", "", "", NO, NO}},
    {"parse prefix: second '#' beyond the length",
     "http://a/#x#y",
     11,
     {HR, "http", NO, "a", NO, "/", NO, "x"}},
    {"parse prefix: space beyond the length",
     "http://a/b c",
     10,
     {HR, "http", NO, "a", NO, "/b", NO, NO}},
    {"parse prefix: '%' cut before its digits",
     "/a%41",
     2,
     {HN, NO, NO, NO, NO, "/a", NO, NO}},
    {"parse prefix: IPv6 literal and nothing after",
     "http://[::1]x",
     12,
     {H6, "http", NO, "[::1]", NO, "", NO, NO}},
    {"parse prefix: length 0",
     "http://a/",
     0,
     {HN, NO, NO, NO, NO, "", NO, NO}},
};

static void test_parse_row(void **state)
{
    const parse_row *r = TEST_ROW(parse_row, state);
    char *text = copy_row_text(r->text, r->len);
    redir_url u;
    memset(&u, SENTINEL, sizeof u);
    redir_status st = redir_url_parse(text, r->len, &u);
    expect_status("redir_url_parse", st, REDIR_OK);
    check_url(text, r->len, &u, &r->want);
    release(text);
}

/* ------------------------------------------------------------------ */
/* 2. Parsing: errors                                                  */

typedef struct parse_error_row {
    const char *name;
    const char *text;
    size_t len;
    redir_status status;
} parse_error_row;

static const parse_error_row parse_error_rows[] = {
    /* invalid-scheme */
    {"invalid-scheme: \":x\" empty scheme", S(":x"), E_SCHEME},
    {"invalid-scheme: \":\" alone", S(":"), E_SCHEME},
    {"invalid-scheme: \"://a\" empty scheme", S("://a"), E_SCHEME},
    {"invalid-scheme: \"1a:b\" leading digit", S("1a:b"), E_SCHEME},
    {"invalid-scheme: \"1:\" digit only", S("1:"), E_SCHEME},
    {"invalid-scheme: \"a_b:c\" underscore", S("a_b:c"), E_SCHEME},
    {"invalid-scheme: \"-a:b\" leading '-'", S("-a:b"), E_SCHEME},
    {"invalid-scheme: \"+a:b\" leading '+'", S("+a:b"), E_SCHEME},
    {"invalid-scheme: \".a:b\" leading '.'", S(".a:b"), E_SCHEME},
    {"invalid-scheme: \"a~b:c\" tilde", S("a~b:c"), E_SCHEME},
    {"invalid-scheme: \"a%41:b\" percent-encoding", S("a%41:b"), E_SCHEME},
    {"invalid-scheme: \"a!:b\" sub-delim", S("a!:b"), E_SCHEME},
    /* invalid-character: whitespace and controls */
    {"invalid-character: space in path", S("http://a/b c"), E_CHAR},
    {"invalid-character: space in query", S("http://a/?b c"), E_CHAR},
    {"invalid-character: space in fragment", S("http://a/#b c"), E_CHAR},
    {"invalid-character: space in host", S("http://a b/"), E_CHAR},
    {"invalid-character: space in userinfo", S("http://u v@a/"), E_CHAR},
    {"invalid-character: space in relative path", S("a b"), E_CHAR},
    {"invalid-character: leading space", S(" http://a/"), E_CHAR},
    {"invalid-character: trailing space", S("http://a/ "), E_CHAR},
    {"invalid-character: space only", S(" "), E_CHAR},
    {"invalid-character: tab in path", S("http://a/\tb"), E_CHAR},
    {"invalid-character: leading tab", S("\t/a"), E_CHAR},
    {"invalid-character: CR in path", S("http://a/\r"), E_CHAR},
    {"invalid-character: LF in path", S("http://a/\n"), E_CHAR},
    {"invalid-character: CRLF at the end", S("http://a/\r\n"), E_CHAR},
    {"invalid-character: LF in host", S("http://a\nb/"), E_CHAR},
    {"invalid-character: CR in query", S("?a\rb"), E_CHAR},
    {"invalid-character: NUL in path", S("http://a/\0b"), E_CHAR},
    {"invalid-character: NUL at the end", S("http://a/\0"), E_CHAR},
    {"invalid-character: NUL in host", S("http://a\0b/"), E_CHAR},
    {"invalid-character: NUL in query", S("?\0"), E_CHAR},
    {"invalid-character: NUL alone", S("\0"), E_CHAR},
    {"invalid-character: 0x01 in path", S("http://a/\x01"), E_CHAR},
    {"invalid-character: 0x1f in fragment", S("#\x1f"), E_CHAR},
    {"invalid-character: DEL 0x7f in path", S("http://a/\x7f"), E_CHAR},
    {"invalid-character: DEL 0x7f in host", S("http://a\x7f/"), E_CHAR},
    {"invalid-character: byte 0x80 in path", S("http://a/\x80"), E_CHAR},
    {"invalid-character: byte 0xff in path", S("http://a/\xff"), E_CHAR},
    {"invalid-character: UTF-8 in path", S("http://a/caf\xc3\xa9"), E_CHAR},
    {"invalid-character: UTF-8 in host", S("http://\xc3\xa9/"), E_CHAR},
    {"invalid-character: byte 0x80 in query", S("?\x80"), E_CHAR},
    {"invalid-character: byte 0xc0 in userinfo", S("http://\xc0@a/"), E_CHAR},
    /* invalid-character: the excluded printable characters */
    {"invalid-character: '\"' in path", S("http://a/\""), E_CHAR},
    {"invalid-character: '<' in path", S("http://a/<"), E_CHAR},
    {"invalid-character: '>' in path", S("http://a/>"), E_CHAR},
    {"invalid-character: '\\' in path", S("http://a/b\\c"), E_CHAR},
    {"invalid-character: '^' in path", S("http://a/^"), E_CHAR},
    {"invalid-character: '`' in path", S("http://a/`"), E_CHAR},
    {"invalid-character: '{' in path", S("http://a/{"), E_CHAR},
    {"invalid-character: '|' in path", S("http://a/|"), E_CHAR},
    {"invalid-character: '}' in path", S("http://a/}"), E_CHAR},
    {"invalid-character: '<' in query", S("http://a/?a<b"), E_CHAR},
    {"invalid-character: '\"' in query", S("?\""), E_CHAR},
    {"invalid-character: '|' in fragment", S("#a|b"), E_CHAR},
    {"invalid-character: '{' in fragment", S("http://a/#{"), E_CHAR},
    {"invalid-character: '<' in host", S("http://a<b/"), E_CHAR},
    {"invalid-character: '^' in host", S("http://a^b/"), E_CHAR},
    {"invalid-character: '\\' in host", S("http://a\\b/"), E_CHAR},
    {"invalid-character: '`' in userinfo", S("http://a`b@h/"), E_CHAR},
    {"invalid-character: '}' in relative path", S("a}"), E_CHAR},
    /* invalid-character: delimiters where they may not stand */
    {"invalid-character: second '#'", S("http://a/#b#c"), E_CHAR},
    {"invalid-character: \"##\"", S("##"), E_CHAR},
    {"invalid-character: '#' ending a fragment", S("#a#"), E_CHAR},
    {"invalid-character: '[' inside a reg-name", S("http://a[b/"), E_CHAR},
    {"invalid-character: ']' inside a reg-name", S("http://a]b/"), E_CHAR},
    {"invalid-character: IPv6 literal after reg-name text", S("http://a[::1]/"),
     E_CHAR},
    {"invalid-character: '@' twice in the authority", S("http://a@b@c/"),
     E_CHAR},
    {"invalid-character: \"//@@a\"", S("//@@a"), E_CHAR},
    {"invalid-character: '[' in path", S("http://a/[x]"), E_CHAR},
    {"invalid-character: '[' in query", S("http://a/?q[0]=1"), E_CHAR},
    {"invalid-character: ']' in fragment", S("#x]"), E_CHAR},
    {"invalid-character: '[' in userinfo", S("http://u[@h/"), E_CHAR},
    /* invalid-percent-encoding */
    {"invalid-percent: \"%\" at the end of the path", S("http://a/%"), E_PCT},
    {"invalid-percent: \"%4\" at the end of the path", S("http://a/%4"), E_PCT},
    {"invalid-percent: \"%zz\" in path", S("http://a/%zz"), E_PCT},
    {"invalid-percent: \"%4g\" in path", S("http://a/%4g"), E_PCT},
    {"invalid-percent: \"%g4\" in path", S("http://a/%g4/x"), E_PCT},
    {"invalid-percent: \"%\" then '/'", S("http://a/%/x"), E_PCT},
    {"invalid-percent: \"%\" in query", S("http://a/?%"), E_PCT},
    {"invalid-percent: \"%4\" in query", S("?%4"), E_PCT},
    {"invalid-percent: \"%zz\" in query", S("?a=%zz"), E_PCT},
    {"invalid-percent: \"%\" in fragment", S("http://a/#%"), E_PCT},
    {"invalid-percent: \"%4g\" in fragment", S("#%4g"), E_PCT},
    {"invalid-percent: \"%\" in userinfo", S("http://u%@a/"), E_PCT},
    {"invalid-percent: \"%zz\" in userinfo", S("http://u%zz@a/"), E_PCT},
    {"invalid-percent: \"%4\" in userinfo", S("http://%4@a/"), E_PCT},
    {"invalid-percent: \"%\" in host", S("http://a%/"), E_PCT},
    {"invalid-percent: \"%4\" in host", S("http://a%4/"), E_PCT},
    {"invalid-percent: \"%zz\" in host", S("http://%zz/"), E_PCT},
    {"invalid-percent: \"%\" alone", S("%"), E_PCT},
    {"invalid-percent: \"a%2\" relative path", S("a%2"), E_PCT},
    {"invalid-percent: \"%%41\"", S("%%41"), E_PCT},
    /* invalid-port */
    {"invalid-port: letter \"http://a:x/\"", S("http://a:x/"), E_PORT},
    {"invalid-port: 65536", S("http://a:65536/"), E_PORT},
    {"invalid-port: 65536 at the end", S("http://a:65536"), E_PORT},
    {"invalid-port: 100000", S("http://a:100000/"), E_PORT},
    {"invalid-port: digits then letter \"1x\"", S("http://a:1x"), E_PORT},
    {"invalid-port: negative \"-1\"", S("http://a:-1"), E_PORT},
    {"invalid-port: plus sign \"+80\"", S("http://a:+80/"), E_PORT},
    {"invalid-port: decimal point \"1.5\"", S("http://a:1.5/"), E_PORT},
    {"invalid-port: 2^32 + 81 must not wrap to 81", S("http://a:4294967377/"),
     E_PORT},
    {"invalid-port: 2^64 + 80 must not wrap to 80",
     S("http://a:18446744073709551696/"), E_PORT},
    {"invalid-port: 20 nines", S("http://a:99999999999999999999/"), E_PORT},
    {"invalid-port: IPv6 host, letter port", S("http://[::1]:x/"), E_PORT},
    {"invalid-port: IPv6 host, port 65536", S("http://[::1]:65536"), E_PORT},
    {"invalid-port: network-path reference", S("//a:x"), E_PORT},
    /* invalid-ip-literal */
    {"invalid-ip-literal: \"[::1\" unterminated at the end", S("http://[::1"),
     E_IP},
    {"invalid-ip-literal: \"[::1\" unterminated before path",
     S("http://[::1/x"), E_IP},
    {"invalid-ip-literal: \"[\" alone", S("http://["), E_IP},
    {"invalid-ip-literal: \"[]\" empty", S("http://[]/"), E_IP},
    {"invalid-ip-literal: two \"::\" [1::2::3]", S("http://[1::2::3]/"), E_IP},
    {"invalid-ip-literal: 5 hex digits [12345::]", S("http://[12345::]/"),
     E_IP},
    {"invalid-ip-literal: zone id [::1%25eth0]", S("http://[::1%25eth0]/"),
     E_IP},
    {"invalid-ip-literal: raw zone id [fe80::1%eth0]",
     S("http://[fe80::1%eth0]/"), E_IP},
    {"invalid-ip-literal: IPvFuture without version [v.x]", S("http://[v.x]/"),
     E_IP},
    {"invalid-ip-literal: IPvFuture non-hex version [vz.x]",
     S("http://[vz.x]/"), E_IP},
    {"invalid-ip-literal: IPvFuture without '.' [v1]", S("http://[v1]/"), E_IP},
    {"invalid-ip-literal: IPvFuture empty after '.' [v1.]", S("http://[v1.]/"),
     E_IP},
    {"invalid-ip-literal: IPvFuture without version [v.ab]",
     S("http://[v.ab]/"), E_IP},
    {"invalid-ip-literal: IPvFuture empty after '.' [v12.]",
     S("http://[v12.]/"), E_IP},
    {"invalid-ip-literal: IPv4 in brackets [1.2.3.4]", S("http://[1.2.3.4]/"),
     E_IP},
    {"invalid-ip-literal: 9 groups", S("http://[1:2:3:4:5:6:7:8:9]/"), E_IP},
    {"invalid-ip-literal: 7 groups without ::", S("http://[1:2:3:4:5:6:7]/"),
     E_IP},
    {"invalid-ip-literal: 8 groups then ::", S("http://[1:2:3:4:5:6:7:8::]/"),
     E_IP},
    {"invalid-ip-literal: :: then 8 groups", S("http://[::1:2:3:4:5:6:7:8]/"),
     E_IP},
    {"invalid-ip-literal: 1::2:3:4:5:6:7:8 (9 with ::)",
     S("http://[1::2:3:4:5:6:7:8]/"), E_IP},
    {"invalid-ip-literal: 6 groups :: IPv4",
     S("http://[1:2:3:4:5:6::1.2.3.4]/"), E_IP},
    {"invalid-ip-literal: 7 groups then IPv4",
     S("http://[1:2:3:4:5:6:7:1.2.3.4]/"), E_IP},
    {"invalid-ip-literal: text after ']' [::1]x", S("http://[::1]x/"), E_IP},
    {"invalid-ip-literal: single ':' [:]", S("http://[:]/"), E_IP},
    {"invalid-ip-literal: triple ':' [:::]", S("http://[:::]/"), E_IP},
    {"invalid-ip-literal: [1:::2]", S("http://[1:::2]/"), E_IP},
    {"invalid-ip-literal: leading single ':' [:1::]", S("http://[:1::]/"),
     E_IP},
    {"invalid-ip-literal: trailing single ':' [1::2:]", S("http://[1::2:]/"),
     E_IP},
    {"invalid-ip-literal: non-hex digit [::g]", S("http://[::g]/"), E_IP},
    {"invalid-ip-literal: IPv4 part with 3 octets [::1.2.3]",
     S("http://[::1.2.3]/"), E_IP},
    {"invalid-ip-literal: IPv4 part octet 256 [::1.2.3.256]",
     S("http://[::1.2.3.256]/"), E_IP},
    {"invalid-ip-literal: IPv4 part leading zero [::1.2.3.04]",
     S("http://[::1.2.3.04]/"), E_IP},
    {"invalid-ip-literal: IPv4 part not last [::1.2.3.4:5]",
     S("http://[::1.2.3.4:5]/"), E_IP},
    {"invalid-ip-literal: IPv4 part with 5 octets [::1.2.3.4.5]",
     S("http://[::1.2.3.4.5]/"), E_IP},
    {"invalid-ip-literal: unterminated in network-path reference", S("//[::1"),
     E_IP},
};

static void test_parse_error_row(void **state)
{
    const parse_error_row *r = TEST_ROW(parse_error_row, state);
    char *text = copy_row_text(r->text, r->len);

    redir_url u;
    memset(&u, SENTINEL, sizeof u);
    redir_status st = redir_url_parse(text, r->len, &u);
    expect_status("redir_url_parse", st, r->status);
    if (!url_is_zero(&u)) {
        print_error("redir_url_parse failed but did not zero the url\n");
        show_url("url", &u);
        fail();
    }

    /* The same text as the reference of a resolution against a valid base
     * gives the same status ("any status of redir_url_parse, for ... ref"),
     * writes nothing and reports length 0. */
    char *base = copy_exact(S(BASE));
    char out[64];
    memset(out, SENTINEL, sizeof out);
    size_t out_len = 12345;
    st = redir_url_resolve(base, strlen(BASE), text, r->len, STRICT, out,
                           sizeof out, &out_len, NULL);
    expect_status("redir_url_resolve with it as ref", st, r->status);
    expect_size("out_len after an error", out_len, 0);
    expect_untouched("out after an error", out, 0, sizeof out);
    release(base);
    release(text);
}

/* ------------------------------------------------------------------ */
/* 3. Resolution                                                       */

typedef struct resolve_row {
    const char *name;
    const char *base; /* NULL: no base (or a NULL pointer, see base_len) */
    size_t base_len;
    const char *ref;
    size_t ref_len;
    redir_url_mode mode;
    redir_status status;
    const char *want; /* the target, when status is OK */
} resolve_row;

#define RFC_STRICT_ROW_(sec, ref, strict, compat)                              \
    {"rfc3986 " sec " \"" ref "\"", S(BASE), S(ref), STRICT, OK, strict},
#define RFC_COMPAT_ROW_(sec, ref, strict, compat)                              \
    {"rfc3986-compat " sec " \"" ref "\"", S(BASE), S(ref), COMPAT, OK, compat},
static const resolve_row rfc_strict_rows[] = {RFC_EXAMPLES(RFC_STRICT_ROW_)};
static const resolve_row rfc_compat_rows[] = {RFC_EXAMPLES(RFC_COMPAT_ROW_)};
#undef RFC_STRICT_ROW_
#undef RFC_COMPAT_ROW_

/* More resolutions, each worked through RFC 3986 sections 5.2.2-5.2.4. */
static const resolve_row resolve_rows[] = {
    /* against the RFC base */
    {"resolve: ref authority with dot segments", S(BASE), S("//g/./h/../i"),
     STRICT, OK, "http://g/i"},
    {"resolve: ref authority then query", S(BASE), S("//g?y"), STRICT, OK,
     "http://g?y"},
    {"resolve: ref authority then fragment", S(BASE), S("//g#s"), STRICT, OK,
     "http://g#s"},
    {"resolve: ref authority with userinfo", S(BASE), S("//u:p@h/x"), STRICT,
     OK, "http://u:p@h/x"},
    {"resolve: ref authority with IPv6 and port", S(BASE), S("//[::1]:80/x"),
     STRICT, OK, "http://[::1]:80/x"},
    {"resolve: absolute ref with dot segments", S(BASE),
     S("http://x/a/./b/../c"), STRICT, OK, "http://x/a/c"},
    {"resolve: absolute ref keeps its case", S(BASE), S("HTTP://X/A"), STRICT,
     OK, "HTTP://X/A"},
    {"resolve: absolute ref, other scheme", S(BASE), S("ftp://x/y"), STRICT, OK,
     "ftp://x/y"},
    {"resolve: absolute ref, query dot segments kept", S(BASE),
     S("http://x/a?b/../c"), STRICT, OK, "http://x/a?b/../c"},
    {"resolve: empty query ref \"?\"", S(BASE), S("?"), STRICT, OK,
     "http://a/b/c/d;p?"},
    {"resolve: empty fragment ref \"#\"", S(BASE), S("#"), STRICT, OK,
     "http://a/b/c/d;p?q#"},
    {"resolve: \"?#\"", S(BASE), S("?#"), STRICT, OK, "http://a/b/c/d;p?#"},
    {"resolve: \"g?\" keeps the empty query", S(BASE), S("g?"), STRICT, OK,
     "http://a/b/c/g?"},
    {"resolve: \"g#\" keeps the empty fragment", S(BASE), S("g#"), STRICT, OK,
     "http://a/b/c/g#"},
    {"resolve: percent-encoded dots are not dot segments", S(BASE),
     S("%2e%2e/g"), STRICT, OK, "http://a/b/c/%2e%2e/g"},
    {"resolve: \"%2E\" is not a dot segment", S(BASE), S("%2E/g"), STRICT, OK,
     "http://a/b/c/%2E/g"},
    {"resolve: \"...\" is not a dot segment", S(BASE), S("..."), STRICT, OK,
     "http://a/b/c/..."},
    {"resolve: \"g//h\" keeps the empty segment", S(BASE), S("g//h"), STRICT,
     OK, "http://a/b/c/g//h"},
    {"resolve: \".//g\"", S(BASE), S(".//g"), STRICT, OK, "http://a/b/c//g"},
    {"resolve: \"g/..\"", S(BASE), S("g/.."), STRICT, OK, "http://a/b/c/"},
    {"resolve: \"/.\"", S(BASE), S("/."), STRICT, OK, "http://a/"},
    {"resolve: \"/..\"", S(BASE), S("/.."), STRICT, OK, "http://a/"},
    {"resolve: \"/a/b/../../..\"", S(BASE), S("/a/b/../../.."), STRICT, OK,
     "http://a/"},
    {"resolve: \"g/./../h/.\"", S(BASE), S("g/./../h/."), STRICT, OK,
     "http://a/b/c/h/"},
    {"resolve: \"./x:y\" colon in a later segment", S(BASE), S("./x:y"), STRICT,
     OK, "http://a/b/c/x:y"},
    {"resolve: \"?../x\" query is not dot-removed", S(BASE), S("?../x"), STRICT,
     OK, "http://a/b/c/d;p?../x"},
    {"resolve: percent-encoding is copied, not decoded", S(BASE),
     S("%41?%42#%43"), STRICT, OK, "http://a/b/c/%41?%42#%43"},
    {"resolve: https: ref with other scheme is absolute in compat", S(BASE),
     S("https:g"), COMPAT, OK, "https:g"},
    /* other bases */
    {"resolve: base with empty path merges with '/' (5.2.3)", S("http://a"),
     S("g"), STRICT, OK, "http://a/g"},
    {"resolve: base with empty path, empty ref", S("http://a"), S(""), STRICT,
     OK, "http://a"},
    {"resolve: base with empty path, query ref", S("http://a"), S("?y"), STRICT,
     OK, "http://a?y"},
    {"resolve: base with empty path, fragment ref", S("http://a"), S("#s"),
     STRICT, OK, "http://a#s"},
    {"resolve: base with empty path, \"../g\"", S("http://a"), S("../g"),
     STRICT, OK, "http://a/g"},
    {"resolve: base with empty path, \".\"", S("http://a"), S("."), STRICT, OK,
     "http://a/"},
    {"resolve: base with root path", S("http://a/"), S("g"), STRICT, OK,
     "http://a/g"},
    {"resolve: base ending in '/'", S("http://a/b/"), S("g"), STRICT, OK,
     "http://a/b/g"},
    {"resolve: base ending in '/', \"..\"", S("http://a/b/"), S(".."), STRICT,
     OK, "http://a/"},
    {"resolve: base userinfo and port kept for absolute path",
     S("http://u@a:8/b"), S("/x"), STRICT, OK, "http://u@a:8/x"},
    {"resolve: base userinfo and port kept for query", S("http://u@a:8/b"),
     S("?y"), STRICT, OK, "http://u@a:8/b?y"},
    {"resolve: base empty port kept as written", S("http://a:/b"), S("c"),
     STRICT, OK, "http://a:/c"},
    {"resolve: base fragment dropped for empty ref", S("http://a/b?q#f"), S(""),
     STRICT, OK, "http://a/b?q"},
    {"resolve: base fragment replaced", S("http://a/b#f"), S("#g"), STRICT, OK,
     "http://a/b#g"},
    {"resolve: base fragment dropped for path ref", S("http://a/b#f"), S("c"),
     STRICT, OK, "http://a/c"},
    {"resolve: empty ref keeps base dot segments (5.2.2)", S("http://a/b/../c"),
     S(""), STRICT, OK, "http://a/b/../c"},
    {"resolve: query ref keeps base dot segments (5.2.2)", S("http://a/b/../c"),
     S("?y"), STRICT, OK, "http://a/b/../c?y"},
    {"resolve: path ref removes merged dot segments", S("http://a/b/../c"),
     S("d"), STRICT, OK, "http://a/d"},
    {"resolve: IPv6 base", S("http://[::1]/a/b"), S("../c"), STRICT, OK,
     "http://[::1]/c"},
    {"resolve: IPvFuture base", S("http://[v1.x]/a"), S("b"), STRICT, OK,
     "http://[v1.x]/b"},
    {"resolve: base without authority (mailto)", S("mailto:x@y"), S("g"),
     STRICT, OK, "mailto:g"},
    {"resolve: rootless base path", S("foo:a/b"), S("c"), STRICT, OK,
     "foo:a/c"},
    {"resolve: rootless base path, \"../c\" gives \"/c\" (5.2.4)", S("foo:a/b"),
     S("../c"), STRICT, OK, "foo:/c"},
    {"resolve: base path-absolute without authority", S("foo:/a/b"),
     S("../../../c"), STRICT, OK, "foo:/c"},
    {"resolve: base with scheme only", S("foo:"), S("g"), STRICT, OK, "foo:g"},
    {"resolve: https base, network-path ref", S("https://a/"), S("//b"), STRICT,
     OK, "https://b"},
    {"resolve: NULL ref with length 0 is the empty ref", S("http://a/b?q#f"),
     NULL, 0, STRICT, OK, "http://a/b?q"},
    /* no base: the reference must be absolute */
    {"resolve: no base, dot segments removed", NOBASE, S("http://a/b/../c"),
     STRICT, OK, "http://a/c"},
    {"resolve: no base, trailing \".\"", NOBASE, S("http://a/./b/."), STRICT,
     OK, "http://a/b/"},
    {"resolve: no base, case kept", NOBASE, S("HTTP://A/./x"), STRICT, OK,
     "HTTP://A/x"},
    {"resolve: no base, \"g:h\"", NOBASE, S("g:h"), STRICT, OK, "g:h"},
    {"resolve: no base, \"http:g\" strict", NOBASE, S("http:g"), STRICT, OK,
     "http:g"},
    {"resolve: no base, \"http:g\" compat has nothing to match", NOBASE,
     S("http:g"), COMPAT, OK, "http:g"},
    {"resolve: no base, \"http:./g\"", NOBASE, S("http:./g"), STRICT, OK,
     "http:g"},
    {"resolve: no base, rootless \"foo:a/../b\" (5.2.4)", NOBASE,
     S("foo:a/../b"), STRICT, OK, "foo:/b"},
    {"resolve: no base, host only", NOBASE, S("http://a"), STRICT, OK,
     "http://a"},
    {"resolve: no base, query and fragment kept", NOBASE,
     S("http://a?q/../x#f/./y"), STRICT, OK, "http://a?q/../x#f/./y"},
    {"resolve: no base, IPv6 and port", NOBASE, S("http://[::1]:8/a/../b"),
     STRICT, OK, "http://[::1]:8/b"},
    /* remove_dot_segments (section 5.2.4), on paths only a no-base
     * resolution can hand it unmerged */
    {"dot segments: 5.2.4 example \"/a/b/c/./../../g\"", NOBASE,
     S("http://h/a/b/c/./../../g"), STRICT, OK, "http://h/a/g"},
    {"dot segments: 5.2.4 example \"mid/content=5/../6\"", NOBASE,
     S("foo:mid/content=5/../6"), STRICT, OK, "foo:mid/6"},
    {"dot segments: \"a/b/../c\"", NOBASE, S("foo:a/b/../c"), STRICT, OK,
     "foo:a/c"},
    {"dot segments: \"a/./b\"", NOBASE, S("foo:a/./b"), STRICT, OK, "foo:a/b"},
    {"dot segments: \"./a\"", NOBASE, S("foo:./a"), STRICT, OK, "foo:a"},
    {"dot segments: \"a/.\"", NOBASE, S("foo:a/."), STRICT, OK, "foo:a/"},
    {"dot segments: \"a/..\" leaves \"/\"", NOBASE, S("foo:a/.."), STRICT, OK,
     "foo:/"},
    {"dot segments: \"a/../../b\"", NOBASE, S("foo:a/../../b"), STRICT, OK,
     "foo:/b"},
    {"dot segments: \"./..\" leaves nothing", NOBASE, S("foo:./.."), STRICT, OK,
     "foo:"},
    {"dot segments: \"../a/..\"", NOBASE, S("foo:../a/.."), STRICT, OK,
     "foo:/"},
    {"dot segments: \".a/..\"", NOBASE, S("foo:.a/.."), STRICT, OK, "foo:/"},
    {"dot segments: \"/a/b/../../..\"", NOBASE, S("foo:/a/b/../../.."), STRICT,
     OK, "foo:/"},
    {"dot segments: \"/a/./b/../c/.\"", NOBASE, S("http://h/a/./b/../c/."),
     STRICT, OK, "http://h/a/c/"},
    {"dot segments: \"/..a/b..\" are not dot segments", NOBASE,
     S("http://h/..a/b../.../c"), STRICT, OK, "http://h/..a/b../.../c"},
    /* RFC 3986 section 3.3: without an authority a path cannot begin with
     * "//", yet remove_dot_segments can make one ("/.//g" gives "//g").
     * redir_url.h: such a path is written with "/." before it, so the
     * text never reads back as an authority ("http://evil.com"). */
    {"no authority: \"http:/.//evil.com/x\" keeps its \"/.\"", NOBASE,
     S("http:/.//evil.com/x"), STRICT, OK, "http:/.//evil.com/x"},
    {"no authority: \"foo:/..//g\" gets \"/.\"", NOBASE, S("foo:/..//g"),
     STRICT, OK, "foo:/.//g"},
    {"no authority: rootless \"foo:a/..//g\" gets \"/.\"", NOBASE,
     S("foo:a/..//g"), STRICT, OK, "foo:/.//g"},
    {"no authority: \"foo:/.//\"", NOBASE, S("foo:/.//"), STRICT, OK,
     "foo:/.//"},
    /* Rule A drops leading "./" and "../" of a relative path, which can
     * leave "//" in front (found by differential fuzzing). */
    {"no authority: rule A \"a:.///x\" gets \"/.\"", NOBASE, S("a:.///x"),
     STRICT, OK, "a:/.//x"},
    {"no authority: rule A \"a:..///x\" gets \"/.\"", NOBASE, S("a:..///x"),
     STRICT, OK, "a:/.//x"},
    {"no authority: rule A \"a:./..//x\" leaves \"/x\"", NOBASE, S("a:./..//x"),
     COMPAT, OK, "a:/x"},
    {"no authority: rule A \"a:././//x\" gets \"/.\"", NOBASE, S("a:././//x"),
     COMPAT, OK, "a:/.//x"},
    {"no authority: rule A base \"a:b\" + \".///x\" gets \"/.\"", S("a:b"),
     S(".///x"), STRICT, OK, "a:/.//x"},
    {"no authority: rule A base \"a:b\" + \"..///x\" gets \"/.\"", S("a:b"),
     S("..///x"), COMPAT, OK, "a:/.//x"},
    {"no authority: rule A \"a:.//x\" is one slash, no guard", NOBASE,
     S("a:.//x"), STRICT, OK, "a:/x"},
    {"no authority: rule A \"a:./\" leaves an empty path", NOBASE, S("a:./"),
     STRICT, OK, "a:"},
    {"no authority: with authority \"//h\" + \".///x\" needs no guard",
     S("http://h"), S(".///x"), STRICT, OK, "http://h///x"},
    {"path: %0A escape is kept", NOBASE, S("http://a/b%0Ac"), STRICT, OK,
     "http://a/b%0Ac"},
    {"no authority: query and fragment after the guarded path", NOBASE,
     S("http:/.//x?q#f"), STRICT, OK, "http:/.//x?q#f"},
    {"no authority: base \"http:/a/b\", ref \"..//evil.com\"", S("http:/a/b"),
     S("..//evil.com"), STRICT, OK, "http:/.//evil.com"},
    {"no authority: base \"foo:/a\", ref \"/.//g\"", S("foo:/a"), S("/.//g"),
     STRICT, OK, "foo:/.//g"},
    {"no authority: \"foo:.//g\" is only \"/g\"", NOBASE, S("foo:.//g"), STRICT,
     OK, "foo:/g"},
    {"authority: \"/.//g\" needs no guard", S("http://a/b"), S("/.//g"), STRICT,
     OK, "http://a//g"},
    {"authority: network-path ref \"//g\" on a base without authority",
     S("foo:/a"), S("//g"), STRICT, OK, "foo://g"},
    /* same-scheme references: strict vs compat (section 5.4.2) */
    {"resolve strict: \"http:\"", S(BASE), S("http:"), STRICT, OK, "http:"},
    {"resolve compat: \"http:\" is the empty ref", S(BASE), S("http:"), COMPAT,
     OK, "http://a/b/c/d;p?q"},
    {"resolve strict: \"http:?y\"", S(BASE), S("http:?y"), STRICT, OK,
     "http:?y"},
    {"resolve compat: \"http:?y\"", S(BASE), S("http:?y"), COMPAT, OK,
     "http://a/b/c/d;p?y"},
    {"resolve strict: \"http:#s\"", S(BASE), S("http:#s"), STRICT, OK,
     "http:#s"},
    {"resolve compat: \"http:#s\"", S(BASE), S("http:#s"), COMPAT, OK,
     "http://a/b/c/d;p?q#s"},
    {"resolve strict: \"http:/g\"", S(BASE), S("http:/g"), STRICT, OK,
     "http:/g"},
    {"resolve compat: \"http:/g\"", S(BASE), S("http:/g"), COMPAT, OK,
     "http://a/g"},
    {"resolve strict: \"http:../g\" removes the dots", S(BASE), S("http:../g"),
     STRICT, OK, "http:g"},
    {"resolve compat: \"http:../g\"", S(BASE), S("http:../g"), COMPAT, OK,
     "http://a/b/g"},
    {"resolve compat: \"http://x/g\" same either way", S(BASE), S("http://x/g"),
     COMPAT, OK, "http://x/g"},
    {"resolve compat: \"http:g?y#s\"", S(BASE), S("http:g?y#s"), COMPAT, OK,
     "http://a/b/c/g?y#s"},
};

/* Pointer + length: bytes after the given length exist but are ignored. */
static const resolve_row prefix_rows[] = {
    {"prefix: ref \"g?y#s\" with length 1", S(BASE), "g?y#s", 1, STRICT, OK,
     "http://a/b/c/g"},
    {"prefix: ref \"g?y#s\" with length 3", S(BASE), "g?y#s", 3, STRICT, OK,
     "http://a/b/c/g?y"},
    {"prefix: ref \"g?y#s\" with length 0", S(BASE), "g?y#s", 0, STRICT, OK,
     "http://a/b/c/d;p?q"},
    {"prefix: ref \"../g x\" with length 4 hides the space", S(BASE), "../g x",
     4, STRICT, OK, "http://a/b/g"},
    {"prefix: ref \"//g:80\" with length 3", S(BASE), "//g:80", 3, STRICT, OK,
     "http://g"},
    {"prefix: ref \"http:g\" with length 4 is the path \"http\"", S(BASE),
     "http:g", 4, STRICT, OK, "http://a/b/c/http"},
    {"prefix: ref \"%41\" with length 1 is an invalid '%'", S(BASE), "%41", 1,
     STRICT, E_PCT, NULL},
    {"prefix: base cut before \";p?q\"", "http://a/b/c/d;p?q", 14, S("?y"),
     STRICT, OK, "http://a/b/c/d?y"},
    {"prefix: base \"http://a/b c\" cut before the space", "http://a/b c", 10,
     S("c"), STRICT, OK, "http://a/c"},
    {"prefix: base cut before its query", "http://a/b?q", 10, S(""), STRICT, OK,
     "http://a/b"},
    {"prefix: base and ref both cut", "http://a/b/c#x", 12, "d?y#z", 3, STRICT,
     OK, "http://a/b/d?y"},
};

/* Every error of redir_url_resolve. */
static const resolve_row resolve_error_rows[] = {
    /* base-not-absolute */
    {"base-not-absolute: base \"/a/b\"", S("/a/b"), S("g"), STRICT, E_BASE,
     NULL},
    {"base-not-absolute: base \"//a/b\"", S("//a/b"), S("g"), STRICT, E_BASE,
     NULL},
    {"base-not-absolute: base \"a\"", S("a"), S("g"), STRICT, E_BASE, NULL},
    {"base-not-absolute: base \"?q\"", S("?q"), S("#f"), STRICT, E_BASE, NULL},
    {"base-not-absolute: empty base (non-NULL, length 0)", "", 0, S("g"),
     STRICT, E_BASE, NULL},
    {"base-not-absolute: relative base in compat mode", S("/a/b"), S("g"),
     COMPAT, E_BASE, NULL},
    {"base-not-absolute: relative base even for an absolute ref", S("/a/b"),
     S("http://x/"), STRICT, E_BASE, NULL},
    /* relative-without-base */
    {"relative-without-base: \"g\"", NOBASE, S("g"), STRICT, E_NOBASE, NULL},
    {"relative-without-base: \"/g\"", NOBASE, S("/g"), STRICT, E_NOBASE, NULL},
    {"relative-without-base: \"//g\"", NOBASE, S("//g"), STRICT, E_NOBASE,
     NULL},
    {"relative-without-base: \"?y\"", NOBASE, S("?y"), STRICT, E_NOBASE, NULL},
    {"relative-without-base: \"#s\"", NOBASE, S("#s"), STRICT, E_NOBASE, NULL},
    {"relative-without-base: empty ref", NOBASE, S(""), STRICT, E_NOBASE, NULL},
    {"relative-without-base: NULL ref, length 0", NOBASE, NULL, 0, STRICT,
     E_NOBASE, NULL},
    {"relative-without-base: compat mode", NOBASE, S("../g"), COMPAT, E_NOBASE,
     NULL},
    /* errors in the reference */
    {"ref error: space inside", S(BASE), S("g h"), STRICT, E_CHAR, NULL},
    {"ref error: leading space is not trimmed", S(BASE), S(" g"), STRICT,
     E_CHAR, NULL},
    {"ref error: trailing space is not trimmed", S(BASE), S("g "), STRICT,
     E_CHAR, NULL},
    {"ref error: leading space before an absolute URL", S(BASE),
     S(" http://x/"), STRICT, E_CHAR, NULL},
    {"ref error: trailing LF", S(BASE), S("g\n"), STRICT, E_CHAR, NULL},
    {"ref error: NUL inside", S(BASE), S("g\0h"), STRICT, E_CHAR, NULL},
    {"ref error: space in compat mode", S(BASE), S("g h"), COMPAT, E_CHAR,
     NULL},
    {"ref error: second '#'", S(BASE), S("g#a#b"), STRICT, E_CHAR, NULL},
    {"ref error: bad percent", S(BASE), S("%zz"), STRICT, E_PCT, NULL},
    {"ref error: bad port", S(BASE), S("//a:x"), STRICT, E_PORT, NULL},
    {"ref error: bad IP literal", S(BASE), S("//[::1"), STRICT, E_IP, NULL},
    {"ref error: \":x\"", S(BASE), S(":x"), STRICT, E_SCHEME, NULL},
    {"ref error: \"1a:b\"", S(BASE), S("1a:b"), STRICT, E_SCHEME, NULL},
    {"ref error: bad absolute ref with no base", NOBASE, S("http://a/ "),
     STRICT, E_CHAR, NULL},
    /* errors in the base are reported too */
    {"base error: space in base", S("http://a/b c"), S("g"), STRICT, E_CHAR,
     NULL},
    {"base error: trailing space in base", S("http://a/b "), S("g"), STRICT,
     E_CHAR, NULL},
    {"base error: NUL in base", S("http://a/\0"), S("g"), STRICT, E_CHAR, NULL},
    {"base error: bad port in base", S("http://a:x/"), S("g"), STRICT, E_PORT,
     NULL},
    {"base error: bad IP literal in base", S("http://[::1/"), S("g"), STRICT,
     E_IP, NULL},
    {"base error: bad percent in base", S("http://a/%zz"), S("g"), STRICT,
     E_PCT, NULL},
    {"base error: bad scheme in base", S("1a:b"), S("g"), STRICT, E_SCHEME,
     NULL},
    {"base error: space in base, compat mode", S("http://a/b c"), S("g"),
     COMPAT, E_CHAR, NULL},
    /* invalid-argument */
    {"invalid-argument: NULL ref with length 1", S(BASE), NULL, 1, STRICT,
     E_ARG, NULL},
    {"invalid-argument: NULL base with length 5", NULL, 5, S("g"), STRICT,
     E_ARG, NULL},
    {"invalid-argument: NULL base with length 5 and absolute ref", NULL, 5,
     S("http://a/"), STRICT, E_ARG, NULL},
    {"invalid-argument: mode 3", S(BASE), S("g"), (redir_url_mode)3, E_ARG,
     NULL},
    {"invalid-argument: mode 7", S(BASE), S("g"), (redir_url_mode)7, E_ARG,
     NULL},
    {"invalid-argument: mode -1", S(BASE), S("g"), (redir_url_mode)-1, E_ARG,
     NULL},
    {"invalid-argument: mode 7 with no base", NOBASE, S("http://a/"),
     (redir_url_mode)7, E_ARG, NULL},
};

/* redir_url_resolve_with() gives what redir_url_resolve() (base_url
 * NULL) or redir_url_resolve_parsed() gives, whatever its work area
 * held before: the target, its components and the status. */
static void check_with_work(const resolve_row *r, const char *base,
                            size_t base_len, const redir_url *base_url,
                            const char *ref)
{
    static redir_url_work work;
    char out[OUT_CAP];
    size_t out_len = 12345;
    redir_url result;
    memset(&work, SENTINEL, sizeof work);
    memset(out, SENTINEL, sizeof out);
    redir_status st =
        redir_url_resolve_with(&work, base, base_len, base_url, ref, r->ref_len,
                               r->mode, out, sizeof out, &out_len, &result);
    expect_status("redir_url_resolve_with", st, r->status);
    if (r->status != REDIR_OK) {
        expect_size("redir_url_resolve_with out_len", out_len, 0);
        return;
    }
    expect_text("target with a work area", out, out_len, r->want,
                strlen(r->want));
    check_layout(out, out_len, &result);
}

/* redir_url_resolve_parsed() with the base parsed (RFC modes) or
 * serialized (WHATWG) first gives what redir_url_resolve() gives with
 * the base as text. Rows whose base alone fails are not for it. */
static void check_parsed_base(const resolve_row *r, const char *base,
                              const char *ref)
{
    char text[OUT_CAP], out[OUT_CAP];
    size_t text_len = 0, out_len = 12345;
    redir_url parts, result;
    redir_status st;
    if (base == NULL)
        return;
    if (r->mode == REDIR_URL_WHATWG) {
        st = redir_url_resolve(NULL, 0, base, r->base_len, r->mode, text,
                               sizeof text, &text_len, &parts);
    } else {
        st = redir_url_parse(base, r->base_len, &parts);
        if (st == REDIR_OK && !(parts.flags & REDIR_URL_HAS_SCHEME))
            st = REDIR_E_BASE_NOT_ABSOLUTE;
        memcpy(text, base, r->base_len);
        text_len = r->base_len;
    }
    if (st != REDIR_OK)
        return;
    st = redir_url_resolve_parsed(text, text_len, &parts, ref, r->ref_len,
                                  r->mode, out, sizeof out, &out_len, &result);
    expect_status("redir_url_resolve_parsed", st, r->status);
    if (r->status == REDIR_OK)
        expect_text("target from the parsed base", out, out_len, r->want,
                    strlen(r->want));
    check_with_work(r, text, text_len, &parts, ref);
}

static void test_resolve_row(void **state)
{
    const resolve_row *r = TEST_ROW(resolve_row, state);
    char *base = copy_row_text(r->base, r->base_len);
    char *ref = copy_row_text(r->ref, r->ref_len);
    size_t want_len = r->want ? strlen(r->want) : 0;

    char out[OUT_CAP];
    redir_url result;
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    memset(&result, SENTINEL, sizeof result);
    redir_status st =
        redir_url_resolve(base, r->base_len, ref, r->ref_len, r->mode, out,
                          sizeof out, &out_len, &result);
    expect_status("redir_url_resolve", st, r->status);
    if (r->status == REDIR_OK) {
        expect_text("target", out, out_len, r->want, want_len);
        expect_untouched("out past the target", out, want_len, sizeof out);
        /* result points into out, laid out as RFC 3986 section 5.3 puts the
         * components together, and agrees with parsing the target. */
        check_layout(out, out_len, &result);
        redir_url parsed = parse_ok(r->want, want_len);
        if (!url_equal(&result, &parsed)) {
            print_error("result differs from redir_url_parse of the target\n");
            show_url("result", &result);
            show_url("parsed", &parsed);
            fail();
        }
    } else {
        expect_size("out_len after an error", out_len, 0);
        expect_untouched("out after an error", out, 0, sizeof out);
    }

    /* result is optional. */
    memset(out, SENTINEL, sizeof out);
    out_len = 12345;
    st = redir_url_resolve(base, r->base_len, ref, r->ref_len, r->mode, out,
                           sizeof out, &out_len, NULL);
    expect_status("redir_url_resolve with result NULL", st, r->status);
    if (r->status == REDIR_OK)
        expect_text("target with result NULL", out, out_len, r->want, want_len);
    else
        expect_untouched("out after an error", out, 0, sizeof out);

    /* Length query: out NULL with out_cap 0. Errors win over no-space. */
    out_len = 12345;
    st = redir_url_resolve(base, r->base_len, ref, r->ref_len, r->mode, NULL, 0,
                           &out_len, NULL);
    if (r->status == REDIR_OK) {
        expect_status("length query", st, REDIR_E_NOSPACE);
        expect_size("length query out_len", out_len, want_len);
    } else {
        expect_status("length query", st, r->status);
        expect_size("length query out_len", out_len, 0);
    }
    check_with_work(r, base, r->base_len, NULL, ref);
    check_parsed_base(r, base, ref);
    release(base);
    release(ref);
}

/* ------------------------------------------------------------------ */
/* 4. The components of a resolved target, written out by hand         */

typedef struct resolve_comps_row {
    const char *name;
    const char *base;
    size_t base_len;
    const char *ref;
    size_t ref_len;
    redir_url_mode mode;
    const char *want;
    comps want_comps;
} resolve_comps_row;

static const resolve_comps_row resolve_comps_rows[] = {
    {"result spans: \"g;x?y#s\"",
     S(BASE),
     S("g;x?y#s"),
     STRICT,
     "http://a/b/c/g;x?y#s",
     {HR, "http", NO, "a", NO, "/b/c/g;x", "y", "s"}},
    {"result spans: \"#s\"",
     S(BASE),
     S("#s"),
     STRICT,
     "http://a/b/c/d;p?q#s",
     {HR, "http", NO, "a", NO, "/b/c/d;p", "q", "s"}},
    {"result spans: empty ref",
     S(BASE),
     S(""),
     STRICT,
     "http://a/b/c/d;p?q",
     {HR, "http", NO, "a", NO, "/b/c/d;p", "q", NO}},
    {"result spans: \"//g\" empty path",
     S(BASE),
     S("//g"),
     STRICT,
     "http://g",
     {HR, "http", NO, "g", NO, "", NO, NO}},
    {"result spans: \"g:h\" no authority",
     S(BASE),
     S("g:h"),
     STRICT,
     "g:h",
     {HN, "g", NO, NO, NO, "h", NO, NO}},
    {"result spans: \"http:g\" strict",
     S(BASE),
     S("http:g"),
     STRICT,
     "http:g",
     {HN, "http", NO, NO, NO, "g", NO, NO}},
    {"result spans: \"http:g\" compat",
     S(BASE),
     S("http:g"),
     COMPAT,
     "http://a/b/c/g",
     {HR, "http", NO, "a", NO, "/b/c/g", NO, NO}},
    {"result spans: \"../..\"",
     S(BASE),
     S("../.."),
     STRICT,
     "http://a/",
     {HR, "http", NO, "a", NO, "/", NO, NO}},
    {"result spans: \"?\" empty query",
     S(BASE),
     S("?"),
     STRICT,
     "http://a/b/c/d;p?",
     {HR, "http", NO, "a", NO, "/b/c/d;p", "", NO}},
    {"result spans: \"#\" empty fragment",
     S(BASE),
     S("#"),
     STRICT,
     "http://a/b/c/d;p?q#",
     {HR, "http", NO, "a", NO, "/b/c/d;p", "q", ""}},
    {"result spans: userinfo, IPv6 and port from the base",
     S("http://u:p@[::1]:8080/a"),
     S("b?x#y"),
     STRICT,
     "http://u:p@[::1]:8080/b?x#y",
     {H6, "http", "u:p", "[::1]", "8080", "/b", "x", "y"}},
    {"result spans: empty port from the base",
     S("http://a:/b"),
     S("c"),
     STRICT,
     "http://a:/c",
     {HR, "http", NO, "a", "", "/c", NO, NO}},
    {"result spans: IPv4 host",
     S("http://1.2.3.4/b"),
     S("c"),
     STRICT,
     "http://1.2.3.4/c",
     {H4, "http", NO, "1.2.3.4", NO, "/c", NO, NO}},
    {"result spans: IPvFuture host from the ref",
     S(BASE),
     S("//[v1.x]:9"),
     STRICT,
     "http://[v1.x]:9",
     {HF, "http", NO, "[v1.x]", "9", "", NO, NO}},
    {"result spans: base with empty path, empty ref",
     S("http://a"),
     S(""),
     STRICT,
     "http://a",
     {HR, "http", NO, "a", NO, "", NO, NO}},
    {"result spans: no base",
     NOBASE,
     S("http://x/./y?q"),
     STRICT,
     "http://x/y?q",
     {HR, "http", NO, "x", NO, "/y", "q", NO}},
    {"result spans: \"/.\" guard is part of the path",
     NOBASE,
     S("http:/.//evil.com/x?q"),
     STRICT,
     "http:/.//evil.com/x?q",
     {HN, "http", NO, NO, NO, "/.//evil.com/x", "q", NO}},
    {"result spans: empty host",
     S("file:///a/b"),
     S("c"),
     STRICT,
     "file:///a/c",
     {HR, "file", NO, "", NO, "/a/c", NO, NO}},
};

static void test_resolve_comps_row(void **state)
{
    const resolve_comps_row *r = TEST_ROW(resolve_comps_row, state);
    char *base = copy_row_text(r->base, r->base_len);
    char *ref = copy_row_text(r->ref, r->ref_len);
    char out[OUT_CAP];
    redir_url result;
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    memset(&result, SENTINEL, sizeof result);
    redir_status st =
        redir_url_resolve(base, r->base_len, ref, r->ref_len, r->mode, out,
                          sizeof out, &out_len, &result);
    expect_status("redir_url_resolve", st, REDIR_OK);
    expect_text("target", out, out_len, r->want, strlen(r->want));
    check_url(out, out_len, &result, &r->want_comps);
    release(base);
    release(ref);
}

/* ------------------------------------------------------------------ */
/* 5. Output capacity                                                  */

static const resolve_row capacity_rows[] = {
    {"capacity: \"g;x?y#s\"", S(BASE), S("g;x?y#s"), STRICT, OK,
     "http://a/b/c/g;x?y#s"},
    {"capacity: \"../../g\"", S(BASE), S("../../g"), STRICT, OK, "http://a/g"},
    {"capacity: empty ref", S(BASE), S(""), STRICT, OK, "http://a/b/c/d;p?q"},
    {"capacity: \"g:h\"", S(BASE), S("g:h"), STRICT, OK, "g:h"},
    {"capacity: compat \"http:g\"", S(BASE), S("http:g"), COMPAT, OK,
     "http://a/b/c/g"},
    {"capacity: no base, dot segments removed", NOBASE, S("http://x/a/../b"),
     STRICT, OK, "http://x/b"},
    {"capacity: IPv6 authority from the ref", S(BASE), S("//[::1]:80/x?y#z"),
     STRICT, OK, "http://[::1]:80/x?y#z"},
    {"capacity: \"/.\" guard counted in the length", NOBASE, S("foo:/..//g"),
     STRICT, OK, "foo:/.//g"},
};

static void test_capacity_row(void **state)
{
    const resolve_row *r = TEST_ROW(resolve_row, state);
    char *base = copy_row_text(r->base, r->base_len);
    char *ref = copy_row_text(r->ref, r->ref_len);
    size_t need = strlen(r->want);

    for (size_t cap = 0; cap <= need + 1; cap++) {
        /* cap + 1 bytes: the byte after the capacity is watched too. */
        char *out = alloc_tracked(cap + 1);
        memset(out, SENTINEL, cap + 1);
        redir_url result, untouched;
        memset(&result, SENTINEL, sizeof result);
        memset(&untouched, SENTINEL, sizeof untouched);
        size_t out_len = 12345;
        redir_status st =
            redir_url_resolve(base, r->base_len, ref, r->ref_len, r->mode, out,
                              cap, &out_len, &result);
        if (cap < need) {
            if (st != REDIR_E_NOSPACE || out_len != need) {
                print_error("capacity %zu of %zu needed: expected no-space "
                            "and out_len %zu, got %s and %zu\n",
                            cap, need, need, redir_status_name(st), out_len);
                fail();
            }
            expect_untouched("buffer reported too small", out, 0, cap + 1);
            if (memcmp(&result, &untouched, sizeof result) != 0) {
                print_error("capacity %zu: result was written although the "
                            "call failed (\"filled only on REDIR_OK\")\n",
                            cap);
                fail();
            }
        } else {
            if (st != REDIR_OK || out_len != need) {
                print_error("capacity %zu of %zu needed: expected ok and "
                            "out_len %zu, got %s and %zu\n",
                            cap, need, need, redir_status_name(st), out_len);
                fail();
            }
            expect_text("target", out, out_len, r->want, need);
            expect_untouched("bytes past the target", out, need, cap + 1);
            check_layout(out, out_len, &result);
        }
        release(out);
    }
    release(base);
    release(ref);
}

static void test_length_query_null_out(void **state)
{
    (void)state;
    char *base = copy_exact(S(BASE));
    char *ref = copy_exact(S("../g"));
    size_t out_len = 0;
    redir_status st = redir_url_resolve(base, strlen(BASE), ref, 4, STRICT,
                                        NULL, 0, &out_len, NULL);
    expect_status("length query", st, REDIR_E_NOSPACE);
    expect_size("needed length of \"http://a/b/g\"", out_len, 12);
    release(base);
    release(ref);
}

/* ------------------------------------------------------------------ */
/* 6. Arguments that cannot go in a row                                */

static void test_parse_null_url(void **state)
{
    (void)state;
    char *text = copy_exact(S("http://a/"));
    expect_status("redir_url_parse(url = NULL)", redir_url_parse(text, 9, NULL),
                  REDIR_E_INVALID_ARGUMENT);
    release(text);
}

static void test_parse_null_text_with_length(void **state)
{
    (void)state;
    redir_url u;
    memset(&u, SENTINEL, sizeof u);
    expect_status("redir_url_parse(NULL, 3)", redir_url_parse(NULL, 3, &u),
                  REDIR_E_INVALID_ARGUMENT);
    if (!url_is_zero(&u)) {
        print_error("url not zeroed on failure\n");
        show_url("url", &u);
        fail();
    }
}

static void test_parse_null_text_empty(void **state)
{
    (void)state;
    redir_url u;
    memset(&u, SENTINEL, sizeof u);
    expect_status("redir_url_parse(NULL, 0)", redir_url_parse(NULL, 0, &u),
                  REDIR_OK);
    static const comps empty = {HN, NO, NO, NO, NO, "", NO, NO};
    check_url("", 0, &u, &empty);
}

static void test_resolve_null_out_len(void **state)
{
    (void)state;
    char *base = copy_exact(S(BASE));
    char *ref = copy_exact(S("g"));
    char out[64];
    memset(out, SENTINEL, sizeof out);
    redir_status st = redir_url_resolve(base, strlen(BASE), ref, 1, STRICT, out,
                                        sizeof out, NULL, NULL);
    expect_status("out_len = NULL", st, REDIR_E_INVALID_ARGUMENT);
    expect_untouched("out", out, 0, sizeof out);
    release(base);
    release(ref);
}

/* A parsed base that does not fit its text: invalid-argument, out_len
 * 0 and out untouched, before any byte of the base is read. */
typedef struct parsed_arg_row {
    const char *name;
    redir_url_mode mode;
    int fault; /* which change to make to the base's components */
} parsed_arg_row;

enum {
    PA_NULL_URL,
    PA_NULL_TEXT,
    PA_PATH_PAST_END,
    PA_QUERY_OFF_PAST_END,
    PA_HUGE_LEN,
    PA_NO_SCHEME,
    PA_PATH_NOT_SERIALIZED
};

static const parsed_arg_row parsed_arg_rows[] = {
    {"invalid-argument: resolve_parsed with base_url NULL", STRICT,
     PA_NULL_URL},
    {"invalid-argument: resolve_parsed with base NULL", STRICT, PA_NULL_TEXT},
    {"invalid-argument: resolve_parsed path past the text", STRICT,
     PA_PATH_PAST_END},
    {"invalid-argument: resolve_parsed query offset past the text",
     REDIR_URL_WHATWG, PA_QUERY_OFF_PAST_END},
    {"invalid-argument: resolve_parsed span length that wraps",
     REDIR_URL_WHATWG, PA_HUGE_LEN},
    {"invalid-argument: resolve_parsed base without a scheme", STRICT,
     PA_NO_SCHEME},
    {"invalid-argument: resolve_parsed whatwg path not starting with /",
     REDIR_URL_WHATWG, PA_PATH_NOT_SERIALIZED},
};

static void test_parsed_arg_row(void **state)
{
    const parsed_arg_row *r = TEST_ROW(parsed_arg_row, state);
    char *base = copy_exact(S("http://a/b/c?q"));
    redir_url u = parse_ok(base, 14), *up = &u;
    const char *text = base;
    switch (r->fault) {
    case PA_NULL_URL:
        up = NULL;
        break;
    case PA_NULL_TEXT:
        text = NULL;
        break;
    case PA_PATH_PAST_END:
        u.path.len = 20;
        break;
    case PA_QUERY_OFF_PAST_END:
        u.query.off = 15;
        u.query.len = 0;
        break;
    case PA_HUGE_LEN:
        u.fragment.off = 3;
        u.fragment.len = (size_t)-2;
        break;
    case PA_NO_SCHEME:
        u.flags &= ~(uint32_t)REDIR_URL_HAS_SCHEME;
        break;
    default:
        u.path.off += 1; /* "b/c" */
        u.path.len -= 1;
        break;
    }
    char out[64];
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    redir_status st = redir_url_resolve_parsed(text, 14, up, "g", 1, r->mode,
                                               out, sizeof out, &out_len, NULL);
    expect_status("redir_url_resolve_parsed", st, REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len", out_len, 0);
    expect_untouched("out", out, 0, sizeof out);
    release(base);
}

/* redir_url_resolve_with() refuses a NULL work area, and a parsed base
 * without its text, before reading anything else. */
static void test_resolve_with_bad_arguments(void **state)
{
    (void)state;
    redir_url_work work;
    redir_url u = parse_ok(S("http://a/b"));
    char out[64];
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    redir_status st = redir_url_resolve_with(NULL, S("http://a/b"), NULL, "g",
                                             1, REDIR_URL_WHATWG, out,
                                             sizeof out, &out_len, NULL);
    expect_status("work NULL", st, REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len with work NULL", out_len, 0);
    out_len = 12345;
    st = redir_url_resolve_with(&work, NULL, 0, &u, "g", 1, STRICT, out,
                                sizeof out, &out_len, NULL);
    expect_status("base_url without base", st, REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len without base", out_len, 0);
    expect_untouched("out", out, 0, sizeof out);
    st = redir_url_resolve_with(&work, S("http://a/b"), NULL, "g", 1, STRICT,
                                out, sizeof out, NULL, NULL);
    expect_status("out_len NULL", st, REDIR_E_INVALID_ARGUMENT);
}

static void test_resolve_null_out_with_cap(void **state)
{
    (void)state;
    char *base = copy_exact(S(BASE));
    char *ref = copy_exact(S("g"));
    size_t out_len = 12345;
    redir_status st = redir_url_resolve(base, strlen(BASE), ref, 1, STRICT,
                                        NULL, 64, &out_len, NULL);
    expect_status("out = NULL with out_cap 64", st, REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len after an error", out_len, 0);
    release(base);
    release(ref);
}

/* Inputs with no NUL anywhere after them: exact-size heap buffers. Every
 * row already does this; this case spells it out once, for all four
 * functions that read text. */
static void test_no_terminator(void **state)
{
    (void)state;
    static const char b[] = {'h', 't', 't', 'p', ':', '/',
                             '/', 'a', '/', 'b', '/', 'c'};
    static const char g[] = {'.', '.', '/', 'g'};
    char *base = copy_exact(b, sizeof b);
    char *ref = copy_exact(g, sizeof g);
    char out[32];
    size_t out_len = 0;
    redir_url result;
    redir_status st = redir_url_resolve(base, sizeof b, ref, sizeof g, STRICT,
                                        out, sizeof out, &out_len, &result);
    expect_status("resolve", st, REDIR_OK);
    expect_text("target", out, out_len, "http://a/g", 10);

    redir_url u;
    expect_status("parse", redir_url_parse(base, sizeof b, &u), REDIR_OK);
    assert_int_equal(redir_url_effective_port(base, &u), 80);
    char origin[32];
    size_t origin_len = 0;
    expect_status(
        "origin",
        redir_url_origin(base, &u, origin, sizeof origin, &origin_len),
        REDIR_OK);
    expect_text("origin", origin, origin_len, "http://a", 8);
    assert_true(redir_url_same_origin(base, &u, out, &result));
    release(base);
    release(ref);
}

/* ------------------------------------------------------------------ */
/* 7. Origins                                                          */

typedef struct origin_row {
    const char *name;
    const char *text;
    redir_status status;
    const char *want;
} origin_row;

static const origin_row origin_rows[] = {
    {"origin: scheme and host lowercased, default port dropped",
     "HTTP://Example.COM:80/x", OK, "http://example.com"},
    {"origin: no port", "http://example.com", OK, "http://example.com"},
    {"origin: https default port 443 dropped", "https://a:443", OK,
     "https://a"},
    {"origin: https with port 80 keeps it", "https://a:80", OK, "https://a:80"},
    {"origin: http with port 443 keeps it", "http://a:443/", OK,
     "http://a:443"},
    {"origin: path, query and fragment dropped", "http://a:8080/x?y#z", OK,
     "http://a:8080"},
    {"origin: empty port is the default", "http://a:/", OK, "http://a"},
    {"origin: https empty port", "https://a:/", OK, "https://a"},
    {"origin: port 080 is the default port", "http://a:080/", OK, "http://a"},
    {"origin: port 0", "http://a:0/", OK, "http://a:0"},
    {"origin: port 65535", "http://a:65535", OK, "http://a:65535"},
    {"origin: IPv6 host with port", "http://[::1]:8080/", OK,
     "http://[::1]:8080"},
    {"origin: IPv6 host", "https://[::1]/", OK, "https://[::1]"},
    {"origin: IPv6 host lowercased", "http://[::ABCD]/", OK, "http://[::abcd]"},
    {"origin: IPv4 host with port", "http://1.2.3.4:81/", OK,
     "http://1.2.3.4:81"},
    {"origin: userinfo not included", "http://u:p@a/", OK, "http://a"},
    {"origin: uppercase HTTPS", "HTTPS://A.B/", OK, "https://a.b"},
    {"origin: opaque for ftp", "ftp://a/", E_ORIGIN, NULL},
    {"origin: opaque for ws", "ws://a/", E_ORIGIN, NULL},
    {"origin: opaque for httpx", "httpx://a/", E_ORIGIN, NULL},
    {"origin: opaque for mailto", "mailto:a@b", E_ORIGIN, NULL},
    {"origin: opaque for file", "file:///x", E_ORIGIN, NULL},
    {"origin: opaque for http without authority", "http:/x", E_ORIGIN, NULL},
    {"origin: opaque for http:x", "http:x", E_ORIGIN, NULL},
    {"origin: opaque for a relative path", "/x", E_ORIGIN, NULL},
    {"origin: opaque for a network-path reference (no scheme)", "//a/x",
     E_ORIGIN, NULL},
    {"origin: opaque for the empty reference", "", E_ORIGIN, NULL},
    {"origin: opaque for http with an empty host", "http:///x", E_ORIGIN, NULL},
};

static void test_origin_row(void **state)
{
    const origin_row *r = TEST_ROW(origin_row, state);
    size_t n = strlen(r->text);
    char *text = copy_exact(r->text, n);
    redir_url u = parse_ok(r->text, n);
    size_t want_len = r->want ? strlen(r->want) : 0;

    char out[OUT_CAP];
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    redir_status st = redir_url_origin(text, &u, out, sizeof out, &out_len);
    expect_status("redir_url_origin", st, r->status);
    if (r->status == REDIR_OK) {
        expect_text("origin", out, out_len, r->want, want_len);
        expect_untouched("out past the origin", out, want_len, sizeof out);
    } else {
        expect_size("out_len after an error", out_len, 0);
        expect_untouched("out after an error", out, 0, sizeof out);
    }

    out_len = 12345;
    st = redir_url_origin(text, &u, NULL, 0, &out_len);
    if (r->status == REDIR_OK) {
        expect_status("length query", st, REDIR_E_NOSPACE);
        expect_size("length query out_len", out_len, want_len);
    } else {
        expect_status("length query", st, r->status);
        expect_size("length query out_len", out_len, 0);
    }
    release(text);
}

static void test_origin_capacity(void **state)
{
    (void)state;
    static const char url[] = "HTTP://Example.COM:8080/x";
    static const char want[] = "http://example.com:8080";
    size_t need = sizeof want - 1;
    char *text = copy_exact(url, sizeof url - 1);
    redir_url u = parse_ok(url, sizeof url - 1);
    for (size_t cap = 0; cap <= need + 1; cap++) {
        char *out = alloc_tracked(cap + 1);
        memset(out, SENTINEL, cap + 1);
        size_t out_len = 12345;
        redir_status st = redir_url_origin(text, &u, out, cap, &out_len);
        if (cap < need) {
            if (st != REDIR_E_NOSPACE || out_len != need) {
                print_error("capacity %zu: expected no-space and %zu, got %s "
                            "and %zu\n",
                            cap, need, redir_status_name(st), out_len);
                fail();
            }
            expect_untouched("buffer reported too small", out, 0, cap + 1);
        } else {
            expect_status("origin", st, REDIR_OK);
            expect_text("origin", out, out_len, want, need);
            expect_untouched("bytes past the origin", out, need, cap + 1);
        }
        release(out);
    }
    release(text);
}

static void test_origin_of_resolved(void **state)
{
    (void)state;
    char *base = copy_exact(S("HTTPS://Host.Example:443/a/b"));
    char *ref = copy_exact(S("../c?d"));
    char out[64];
    size_t out_len = 0;
    redir_url result;
    expect_status("resolve",
                  redir_url_resolve(base, 28, ref, 6, STRICT, out, sizeof out,
                                    &out_len, &result),
                  REDIR_OK);
    expect_text("target", out, out_len, "HTTPS://Host.Example:443/c?d", 28);
    char origin[64];
    size_t origin_len = 0;
    expect_status(
        "origin of the result",
        redir_url_origin(out, &result, origin, sizeof origin, &origin_len),
        REDIR_OK);
    expect_text("origin", origin, origin_len, "https://host.example", 20);
    release(base);
    release(ref);
}

static void test_origin_bad_arguments(void **state)
{
    (void)state;
    char *text = copy_exact(S("http://a/"));
    redir_url u = parse_ok(S("http://a/"));
    char out[32];
    size_t out_len = 12345;
    memset(out, SENTINEL, sizeof out);
    expect_status("text NULL",
                  redir_url_origin(NULL, &u, out, sizeof out, &out_len),
                  REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len", out_len, 0);
    out_len = 12345;
    expect_status("url NULL",
                  redir_url_origin(text, NULL, out, sizeof out, &out_len),
                  REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len", out_len, 0);
    expect_status("out_len NULL",
                  redir_url_origin(text, &u, out, sizeof out, NULL),
                  REDIR_E_INVALID_ARGUMENT);
    out_len = 12345;
    expect_status("out NULL with out_cap 32",
                  redir_url_origin(text, &u, NULL, 32, &out_len),
                  REDIR_E_INVALID_ARGUMENT);
    expect_size("out_len", out_len, 0);
    expect_untouched("out", out, 0, sizeof out);
    release(text);
}

/* ------------------------------------------------------------------ */
/* 8. Same origin                                                      */

typedef struct same_origin_row {
    const char *name;
    const char *a;
    const char *b;
    bool same;
} same_origin_row;

static const same_origin_row same_origin_rows[] = {
    {"same-origin: identical", "http://a.com/x", "http://a.com/x", true},
    {"same-origin: different paths", "http://a.com/x", "http://a.com/y?z#w",
     true},
    {"same-origin: scheme and host case differ", "http://a.com/x",
     "HTTP://A.COM/y", true},
    {"same-origin: http default port vs explicit 80", "http://a.com/",
     "http://a.com:80/", true},
    {"same-origin: https default port vs explicit 443", "https://a.com/",
     "https://a.com:443/", true},
    {"same-origin: empty port is the default", "http://a.com:/",
     "http://a.com/", true},
    {"same-origin: port 0080 is 80", "http://a.com:0080/", "http://a.com/",
     true},
    {"same-origin: port 8080 vs 08080", "http://a.com:8080/",
     "http://a.com:08080/", true},
    {"same-origin: userinfo does not count", "http://u:p@a.com/",
     "http://a.com/", true},
    {"cross-origin: http vs https", "http://a.com/", "https://a.com/", false},
    {"cross-origin: http vs https, both port 80", "http://a.com:80/",
     "https://a.com:80/", false},
    {"cross-origin: other port", "http://a.com:81/", "http://a.com/", false},
    {"cross-origin: https 80 vs https default", "https://a.com:80/",
     "https://a.com/", false},
    {"cross-origin: evila.com vs a.com (suffix)", "http://evila.com/",
     "http://a.com/", false},
    {"cross-origin: a.com vs a.co (prefix)", "http://a.com/", "http://a.co/",
     false},
    {"cross-origin: a.com. vs a.com (trailing dot)", "http://a.com./",
     "http://a.com/", false},
    {"cross-origin: a.com vs b.com", "http://a.com/", "http://b.com/", false},
    {"same-origin: IPv6 [::1] vs [0:0::1]", "http://[::1]/", "http://[0:0::1]/",
     true},
    {"same-origin: IPv6 [::1] vs full form", "http://[::1]/",
     "http://[0:0:0:0:0:0:0:1]/", true},
    {"same-origin: IPv6 [::1] vs [::0001]", "http://[::1]/", "http://[::0001]/",
     true},
    {"same-origin: IPv6 hex case", "http://[::ABCD]/", "http://[::abcd]/",
     true},
    {"same-origin: IPv6 embedded IPv4 vs hex", "http://[::ffff:1.2.3.4]/",
     "http://[::ffff:102:304]/", true},
    {"same-origin: IPv6 with ports 80 and default", "http://[::1]:80/",
     "http://[::1]/", true},
    {"cross-origin: IPv6 [::1] vs [::2]", "http://[::1]/", "http://[::2]/",
     false},
    {"cross-origin: IPv6 [1::] vs [::1]", "http://[1::]/", "http://[::1]/",
     false},
    {"cross-origin: IPv6 literal vs IPv4 host", "http://[::ffff:1.2.3.4]/",
     "http://1.2.3.4/", false},
    {"cross-origin: IPv6 other port", "http://[::1]:8080/", "http://[::1]/",
     false},
    {"same-origin: IPv4", "http://1.2.3.4/", "http://1.2.3.4:80/", true},
    {"cross-origin: IPv4 vs reg-name 01.2.3.4", "http://1.2.3.4/",
     "http://01.2.3.4/", false},
    {"opaque: ftp is never same-origin, even with itself", "ftp://a/",
     "ftp://a/", false},
    {"opaque: ftp vs http", "ftp://a/", "http://a/", false},
    {"opaque: mailto with itself", "mailto:a@b", "mailto:a@b", false},
    {"opaque: relative reference with itself", "/x", "/x", false},
    {"opaque: network-path reference with itself", "//a/", "//a/", false},
    {"opaque: http without host with itself", "http:/x", "http:/x", false},
};

static bool same_origin_of(const char *a, const char *b)
{
    size_t an = strlen(a), bn = strlen(b);
    char *at = copy_exact(a, an);
    char *bt = copy_exact(b, bn);
    redir_url au = parse_ok(a, an);
    redir_url bu = parse_ok(b, bn);
    bool same = redir_url_same_origin(at, &au, bt, &bu);
    release(at);
    release(bt);
    return same;
}

static void test_same_origin_row(void **state)
{
    const same_origin_row *r = TEST_ROW(same_origin_row, state);
    bool ab = same_origin_of(r->a, r->b);
    bool ba = same_origin_of(r->b, r->a);
    if (ab != r->same || ba != r->same) {
        print_error("same_origin(\"%s\", \"%s\"): expected %s, got %s; "
                    "reversed: %s\n",
                    r->a, r->b, r->same ? "true" : "false",
                    ab ? "true" : "false", ba ? "true" : "false");
        fail();
    }
}

static void test_same_origin_null(void **state)
{
    (void)state;
    char *t = copy_exact(S("http://a/"));
    redir_url u = parse_ok(S("http://a/"));
    assert_true(redir_url_same_origin(t, &u, t, &u));
    assert_false(redir_url_same_origin(NULL, &u, t, &u));
    assert_false(redir_url_same_origin(t, NULL, t, &u));
    assert_false(redir_url_same_origin(t, &u, NULL, &u));
    assert_false(redir_url_same_origin(t, &u, t, NULL));
    release(t);
}

/* ------------------------------------------------------------------ */
/* 9. Effective port                                                   */

typedef struct port_row {
    const char *name;
    const char *text;
    int32_t port;
} port_row;

static const port_row port_rows[] = {
    {"effective port: http default", "http://a/", 80},
    {"effective port: https default", "https://a/", 443},
    {"effective port: HTTP uppercase", "HTTP://a/", 80},
    {"effective port: HtTpS mixed case", "HtTpS://a/", 443},
    {"effective port: explicit 8080", "http://a:8080/", 8080},
    {"effective port: https explicit 80", "https://a:80/", 80},
    {"effective port: explicit 0", "http://a:0/", 0},
    {"effective port: explicit 65535", "http://a:65535/", 65535},
    {"effective port: leading zero 080", "http://a:080/", 80},
    {"effective port: empty port is the default", "http://a:/", 80},
    {"effective port: https empty port", "https://a:/", 443},
    {"effective port: IPv6 with port", "http://[::1]:81/", 81},
    {"effective port: ftp without port", "ftp://a/", -1},
    {"effective port: ftp explicit 21", "ftp://a:21/", 21},
    {"effective port: ftp empty port", "ftp://a:/", -1},
    {"effective port: ws has no default here", "ws://a/", -1},
    {"effective port: httpx is not http", "httpx://a/", -1},
    {"effective port: htt is not http", "htt://a/", -1},
    {"effective port: relative reference", "/x", -1},
    {"effective port: network-path reference with port", "//a:99/", 99},
};

static void test_port_row(void **state)
{
    const port_row *r = TEST_ROW(port_row, state);
    size_t n = strlen(r->text);
    char *text = copy_exact(r->text, n);
    redir_url u = parse_ok(r->text, n);
    int32_t got = redir_url_effective_port(text, &u);
    if (got != r->port) {
        print_error("effective port of \"%s\": expected %d, got %d\n", r->text,
                    (int)r->port, (int)got);
        fail();
    }
    release(text);
}

static void test_port_null(void **state)
{
    (void)state;
    char *t = copy_exact(S("http://a/"));
    redir_url u = parse_ok(S("http://a/"));
    assert_int_equal(redir_url_effective_port(t, &u), 80);
    assert_int_equal(redir_url_effective_port(NULL, &u), -1);
    assert_int_equal(redir_url_effective_port(t, NULL), -1);
    release(t);
}

/* ------------------------------------------------------------------ */
/* 10. Names and stable values                                         */

typedef struct host_name_row {
    const char *name;
    redir_host_type type;
    const char *want;
} host_name_row;

static const host_name_row host_name_rows[] = {
    {"host type name: none", REDIR_HOST_NONE, "none"},
    {"host type name: reg-name", REDIR_HOST_REG_NAME, "reg-name"},
    {"host type name: ipv4", REDIR_HOST_IPV4, "ipv4"},
    {"host type name: ipv6", REDIR_HOST_IPV6, "ipv6"},
    {"host type name: ipvfuture", REDIR_HOST_IPVFUTURE, "ipvfuture"},
    {"host type name: domain", REDIR_HOST_DOMAIN, "domain"},
    {"host type name: opaque", REDIR_HOST_OPAQUE, "opaque"},
    {"host type name: empty", REDIR_HOST_EMPTY, "empty"},
    {"host type name: 8 is unknown", (redir_host_type)8, "unknown"},
    {"host type name: -1 is unknown", (redir_host_type)-1, "unknown"},
    {"host type name: 1000 is unknown", (redir_host_type)1000, "unknown"},
};

static void test_host_name_row(void **state)
{
    const host_name_row *r = TEST_ROW(host_name_row, state);
    const char *got = redir_host_type_name(r->type);
    assert_non_null(got);
    assert_string_equal(got, r->want);
}

typedef struct mode_name_row {
    const char *name;
    redir_url_mode mode;
    const char *want;
} mode_name_row;

static const mode_name_row mode_name_rows[] = {
    {"mode name: rfc3986", REDIR_URL_RFC3986, "rfc3986"},
    {"mode name: rfc3986-compat", REDIR_URL_RFC3986_COMPAT, "rfc3986-compat"},
    {"mode name: whatwg", REDIR_URL_WHATWG, "whatwg"},
    {"mode name: 3 is unknown", (redir_url_mode)3, "unknown"},
    {"mode name: 7 is unknown", (redir_url_mode)7, "unknown"},
    {"mode name: -1 is unknown", (redir_url_mode)-1, "unknown"},
};

static void test_mode_name_row(void **state)
{
    const mode_name_row *r = TEST_ROW(mode_name_row, state);
    const char *got = redir_url_mode_name(r->mode);
    assert_non_null(got);
    assert_string_equal(got, r->want);
}

/* The header calls these values stable. */
static void test_stable_values(void **state)
{
    (void)state;
    assert_int_equal(REDIR_URL_RFC3986, 0);
    assert_int_equal(REDIR_URL_RFC3986_COMPAT, 1);
    assert_int_equal(REDIR_HOST_NONE, 0);
    assert_int_equal(REDIR_HOST_REG_NAME, 1);
    assert_int_equal(REDIR_HOST_IPV4, 2);
    assert_int_equal(REDIR_HOST_IPV6, 3);
    assert_int_equal(REDIR_HOST_IPVFUTURE, 4);
    assert_int_equal(REDIR_URL_HAS_SCHEME, 0x01);
    assert_int_equal(REDIR_URL_HAS_AUTHORITY, 0x02);
    assert_int_equal(REDIR_URL_HAS_USERINFO, 0x04);
    assert_int_equal(REDIR_URL_HAS_PORT, 0x08);
    assert_int_equal(REDIR_URL_HAS_QUERY, 0x10);
    assert_int_equal(REDIR_URL_HAS_FRAGMENT, 0x20);
}

/* ------------------------------------------------------------------ */

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, rfc_strict_rows);
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, rfc_compat_rows);
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, resolve_rows);
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, prefix_rows);
    TEST_LIST_ADD_TABLE(&list, test_resolve_row, resolve_error_rows);
    TEST_LIST_ADD_TABLE(&list, test_resolve_comps_row, resolve_comps_rows);
    TEST_LIST_ADD_TABLE(&list, test_capacity_row, capacity_rows);
    test_list_add(&list, "capacity: out NULL, cap 0 reports the length",
                  test_length_query_null_out, NULL);
    TEST_LIST_ADD_TABLE(&list, test_parse_row, parse_rows);
    TEST_LIST_ADD_TABLE(&list, test_parse_error_row, parse_error_rows);
    test_list_add(&list, "invalid-argument: parse with url NULL",
                  test_parse_null_url, NULL);
    test_list_add(&list, "invalid-argument: parse NULL text with length 3",
                  test_parse_null_text_with_length, NULL);
    test_list_add(&list, "parse: NULL text with length 0 is the empty ref",
                  test_parse_null_text_empty, NULL);
    test_list_add(&list, "invalid-argument: resolve with out_len NULL",
                  test_resolve_null_out_len, NULL);
    test_list_add(&list, "invalid-argument: resolve out NULL with out_cap > 0",
                  test_resolve_null_out_with_cap, NULL);
    test_list_add(&list, "invalid-argument: resolve_with NULL work or base",
                  test_resolve_with_bad_arguments, NULL);
    test_list_add(&list, "inputs without any NUL terminator",
                  test_no_terminator, NULL);
    TEST_LIST_ADD_TABLE(&list, test_parsed_arg_row, parsed_arg_rows);
    TEST_LIST_ADD_TABLE(&list, test_origin_row, origin_rows);
    test_list_add(&list, "origin: every capacity up to the needed length",
                  test_origin_capacity, NULL);
    test_list_add(&list, "origin: of a resolved target",
                  test_origin_of_resolved, NULL);
    test_list_add(&list, "origin: invalid arguments", test_origin_bad_arguments,
                  NULL);
    TEST_LIST_ADD_TABLE(&list, test_same_origin_row, same_origin_rows);
    test_list_add(&list, "same-origin: NULL arguments are never same-origin",
                  test_same_origin_null, NULL);
    TEST_LIST_ADD_TABLE(&list, test_port_row, port_rows);
    test_list_add(&list, "effective port: NULL arguments give -1",
                  test_port_null, NULL);
    TEST_LIST_ADD_TABLE(&list, test_host_name_row, host_name_rows);
    TEST_LIST_ADD_TABLE(&list, test_mode_name_row, mode_name_rows);
    test_list_add(&list, "stable values of modes, host types and flags",
                  test_stable_values, NULL);
    int failed_count = run_tracked(&list, "url");
    return failed_count == 0 ? 0 : 1;
}
