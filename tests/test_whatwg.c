/*
 * test_whatwg.c - REDIR_URL_WHATWG mode of redir_url_resolve against the
 * WHATWG URL Standard (basic URL parser with an optional base, host
 * parser, IPv4/IPv6 parsers, percent-encode sets and URL serializer).
 *
 * Every expected value here was worked out by hand, state by state, from
 * the URL Standard's text; none was taken from running the code or from
 * the WPT data file (that file is run separately, as an exam).
 *
 * Each input and base is copied into a heap buffer of exactly its length
 * (no NUL), so AddressSanitizer catches reads past the given length. The
 * output buffer is pre-filled with a sentinel to catch writes past the
 * capacity, and past the result on success.
 *
 * Besides its text, every successful result is checked for:
 *   - the layout of its component spans (scheme ':' '//' userinfo '@'
 *     host ':' port, path, '?' query, '#' fragment, with the serializer's
 *     "/." allowed only before a host-less path starting with "//"),
 *   - the invariants of the standard (special URLs have a host and a
 *     path starting with '/'; which host kinds each scheme may have; the
 *     output is printable ASCII; a default port is never kept),
 *   - idempotence: parsing the output again, without a base, gives the
 *     same text and the same components (a goal the standard states).
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_url.h"

#define LIVE_BUFFERS_MAX 32
#include "support.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Shorthands                                                          */

/* A string literal and its length (embedded NULs included). */
#define S(lit) (lit), (sizeof(lit) - 1)

#define WHATWG REDIR_URL_WHATWG

#define OK       REDIR_OK
#define E_ARG    REDIR_E_INVALID_ARGUMENT
#define E_SPACE  REDIR_E_NOSPACE
#define E_PORT   REDIR_E_INVALID_PORT
#define E_IP6    REDIR_E_INVALID_IP_LITERAL
#define E_BASE   REDIR_E_BASE_NOT_ABSOLUTE
#define E_NOBASE REDIR_E_RELATIVE_WITHOUT_BASE
#define E_IDNAI  REDIR_E_IDNA_INVALID
#define E_HOST   REDIR_E_INVALID_HOST
#define E_IP4    REDIR_E_INVALID_IPV4
#define E_OPAQUE REDIR_E_OPAQUE_BASE

#define HN REDIR_HOST_NONE
#define HD REDIR_HOST_DOMAIN
#define H4 REDIR_HOST_IPV4
#define H6 REDIR_HOST_IPV6
#define HO REDIR_HOST_OPAQUE
#define HE REDIR_HOST_EMPTY

/* U+FFFD REPLACEMENT CHARACTER, UTF-8 percent-encoded. */
#define FFFD "%EF%BF%BD"

#define OUT_CAP 1024
#define GUARD   32

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

static void show(const char *label, const char *s, size_t n)
{
    if (s == NULL) {
        print_error("  %s: NULL (length %zu)\n", label, n);
        return;
    }
    show_bytes(label, s, n);
}

/* What the running test resolves, printed with every failure. */
static const char *ctx_base;
static size_t ctx_base_len;
static const char *ctx_input;
static size_t ctx_input_len;

static void set_context(const char *base, size_t base_len, const char *input,
                        size_t input_len)
{
    ctx_base = base;
    ctx_base_len = base_len;
    ctx_input = input;
    ctx_input_len = input_len;
}

static void show_context(void)
{
    show("input", ctx_input, ctx_input_len);
    if (ctx_base == NULL)
        print_error("  base: null\n");
    else
        show("base ", ctx_base, ctx_base_len);
}

/* How every check fails here, support.h's included: the context first. */
static void failed(void)
{
    show_context();
    fail();
}

static void structure_error(const char *msg, const char *t, size_t n,
                            size_t pos)
{
    print_error("structure: %s (at offset %zu)\n", msg, pos);
    show("output", t, n);
    failed();
}

/* ------------------------------------------------------------------ */
/* Generic checks of a successful result                               */

static bool span_is_zero(redir_span s)
{
    return s.off == 0 && s.len == 0;
}

static bool span_is(const char *t, redir_span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(t + s.off, lit, n) == 0;
}

/* The special scheme's default port, 0 for "file", -1 if not special. */
static int32_t special_default_port(const char *t, redir_span scheme)
{
    if (span_is(t, scheme, "http") || span_is(t, scheme, "ws"))
        return 80;
    if (span_is(t, scheme, "https") || span_is(t, scheme, "wss"))
        return 443;
    if (span_is(t, scheme, "ftp"))
        return 21;
    if (span_is(t, scheme, "file"))
        return 0;
    return -1;
}

static bool is_lower_alpha(char c)
{
    return c >= 'a' && c <= 'z';
}
static bool is_digit_char(char c)
{
    return c >= '0' && c <= '9';
}

/* An IPv4 serialization: four decimal numbers 0..255, no leading zeros. */
static bool is_dotted_quad(const char *s, size_t n)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
        size_t start = i;
        unsigned v = 0;
        while (i < n && is_digit_char(s[i]) && i - start < 4)
            v = v * 10 + (unsigned)(s[i++] - '0');
        size_t len = i - start;
        if (len == 0 || len > 3 || v > 255 || (len > 1 && s[start] == '0'))
            return false;
    }
    return i == n;
}

static void expect_at(const char *t, size_t n, size_t pos, const char *lit,
                      const char *what)
{
    size_t k = strlen(lit);
    if (pos <= n && k <= n - pos && memcmp(t + pos, lit, k) == 0)
        return;
    structure_error(what, t, n, pos);
}

static void expect_span_at(const char *t, size_t n, redir_span s, size_t pos,
                           const char *what)
{
    if (s.off != pos || s.off > n || s.len > n - s.off)
        structure_error(what, t, n, pos);
}

/*
 * The components tile the output in order, and the URL satisfies the
 * standard's invariants. See the file comment.
 */
static void check_structure(const char *t, size_t n, const redir_url *u)
{
    const uint32_t known = REDIR_URL_HAS_SCHEME | REDIR_URL_HAS_AUTHORITY |
                           REDIR_URL_HAS_USERINFO | REDIR_URL_HAS_PORT |
                           REDIR_URL_HAS_QUERY | REDIR_URL_HAS_FRAGMENT |
                           REDIR_URL_OPAQUE_PATH;
    const bool auth = (u->flags & REDIR_URL_HAS_AUTHORITY) != 0;
    const bool opaque = (u->flags & REDIR_URL_OPAQUE_PATH) != 0;

    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] < 0x20 || (unsigned char)t[i] > 0x7e)
            structure_error("output is not printable ASCII", t, n, i);
    if ((u->flags & ~known) != 0)
        structure_error("unknown flag bits", t, n, 0);
    if (!(u->flags & REDIR_URL_HAS_SCHEME))
        structure_error("no scheme flag", t, n, 0);

    /* scheme ':' */
    expect_span_at(t, n, u->scheme, 0, "scheme span");
    if (u->scheme.len == 0 || !is_lower_alpha(t[0]))
        structure_error("scheme must start with a lowercase letter", t, n, 0);
    for (size_t i = 1; i < u->scheme.len; i++)
        if (!is_lower_alpha(t[i]) && !is_digit_char(t[i]) && t[i] != '+' &&
            t[i] != '-' && t[i] != '.')
            structure_error("bad scheme character", t, n, i);
    size_t pos = u->scheme.len;
    expect_at(t, n, pos, ":", "':' after the scheme");
    pos++;

    const int32_t defport = special_default_port(t, u->scheme);
    const bool special = defport >= 0;
    const bool file = defport == 0;

    if (auth) {
        expect_at(t, n, pos, "//", "'//' before the host");
        pos += 2;
        if (u->flags & REDIR_URL_HAS_USERINFO) {
            expect_span_at(t, n, u->userinfo, pos, "userinfo span");
            if (u->userinfo.len == 0)
                structure_error("userinfo present but empty", t, n, pos);
            pos += u->userinfo.len;
            expect_at(t, n, pos, "@", "'@' after the userinfo");
            pos++;
        } else if (!span_is_zero(u->userinfo)) {
            structure_error("absent userinfo must be {0,0}", t, n, pos);
        }
        expect_span_at(t, n, u->host, pos, "host span");
        const char *h = t + u->host.off;
        size_t hl = u->host.len;
        switch (u->host_type) {
        case REDIR_HOST_EMPTY:
            if (hl != 0)
                structure_error("empty host with text", t, n, pos);
            if (special && !file)
                structure_error("special non-file URL with empty host", t, n,
                                pos);
            if (u->flags & (REDIR_URL_HAS_USERINFO | REDIR_URL_HAS_PORT))
                structure_error("credentials or port with empty host", t, n,
                                pos);
            break;
        case REDIR_HOST_DOMAIN:
            if (!special || hl == 0)
                structure_error("domain on a non-special URL or empty", t, n,
                                pos);
            for (size_t i = 0; i < hl; i++)
                if (h[i] >= 'A' && h[i] <= 'Z')
                    structure_error("domain not lowercased", t, n, pos + i);
            break;
        case REDIR_HOST_IPV4:
            if (!special || !is_dotted_quad(h, hl))
                structure_error("bad IPv4 host", t, n, pos);
            break;
        case REDIR_HOST_IPV6:
            if (hl < 4 || h[0] != '[' || h[hl - 1] != ']')
                structure_error("IPv6 host without brackets", t, n, pos);
            break;
        case REDIR_HOST_OPAQUE:
            if (special || hl == 0)
                structure_error("opaque host on a special URL or empty", t, n,
                                pos);
            break;
        default:
            structure_error("bad host_type with an authority", t, n, pos);
        }
        pos += hl;
        if (u->flags & REDIR_URL_HAS_PORT) {
            expect_at(t, n, pos, ":", "':' before the port");
            pos++;
            expect_span_at(t, n, u->port, pos, "port span");
            const char *p = t + u->port.off;
            int32_t v = 0;
            if (u->port.len == 0 || u->port.len > 5 ||
                (u->port.len > 1 && p[0] == '0'))
                structure_error("port not a serialized integer", t, n, pos);
            for (size_t i = 0; i < u->port.len; i++) {
                if (!is_digit_char(p[i]))
                    structure_error("port not digits", t, n, pos + i);
                v = v * 10 + (p[i] - '0');
            }
            if (v != u->port_number || v > 65535)
                structure_error("port_number disagrees with the port text", t,
                                n, pos);
            if (file || (special && v == defport))
                structure_error("default port (or file port) kept", t, n, pos);
            pos += u->port.len;
        } else if (u->port_number != -1 || !span_is_zero(u->port)) {
            structure_error("absent port must be {0,0} with port_number -1", t,
                            n, pos);
        }
    } else {
        if (u->host_type != REDIR_HOST_NONE || !span_is_zero(u->host) ||
            !span_is_zero(u->userinfo) || !span_is_zero(u->port) ||
            u->port_number != -1 ||
            (u->flags & (REDIR_URL_HAS_USERINFO | REDIR_URL_HAS_PORT)))
            structure_error("host-less URL with host parts", t, n, pos);
        if (special)
            structure_error("special URL without a host", t, n, pos);
    }

    /* path */
    if (opaque) {
        if (auth || special)
            structure_error("opaque path with a host or special scheme", t, n,
                            pos);
        if (pos < n && t[pos] == '/')
            structure_error("opaque path starting with '/'", t, n, pos);
    } else if (!auth && u->path.len >= 2 && u->path.off <= n &&
               u->path.len <= n - u->path.off && t[u->path.off] == '/' &&
               t[u->path.off + 1] == '/') {
        expect_at(t, n, pos, "/.", "'/.' before a host-less '//' path");
        pos += 2;
    }
    expect_span_at(t, n, u->path, pos, "path span");
    if (!opaque && u->path.len > 0 && t[pos] != '/')
        structure_error("hierarchical path not starting with '/'", t, n, pos);
    if (!opaque && !auth && u->path.len == 0)
        structure_error("host-less hierarchical URL with an empty path", t, n,
                        pos);
    if (special && u->path.len == 0)
        structure_error("special URL with an empty path", t, n, pos);
    pos += u->path.len;

    if (u->flags & REDIR_URL_HAS_QUERY) {
        expect_at(t, n, pos, "?", "'?' before the query");
        pos++;
        expect_span_at(t, n, u->query, pos, "query span");
        pos += u->query.len;
    } else if (!span_is_zero(u->query)) {
        structure_error("absent query must be {0,0}", t, n, pos);
    }
    if (u->flags & REDIR_URL_HAS_FRAGMENT) {
        expect_at(t, n, pos, "#", "'#' before the fragment");
        pos++;
        expect_span_at(t, n, u->fragment, pos, "fragment span");
        pos += u->fragment.len;
    } else if (!span_is_zero(u->fragment)) {
        structure_error("absent fragment must be {0,0}", t, n, pos);
    }
    if (pos != n)
        structure_error("components do not end where the output ends", t, n,
                        pos);
}

/* Parsing the serialization again gives it back unchanged. */
static void check_idempotent(const char *t, size_t n, const redir_url *u)
{
    char *again_in = copy_exact(t, n);
    char *out = alloc_tracked(n + GUARD);
    memset(out, SENTINEL, n + GUARD);
    size_t len = 0;
    redir_url v;
    redir_status st = redir_url_resolve(NULL, 0, again_in, n, WHATWG, out,
                                        n + GUARD, &len, &v);
    if (st != OK) {
        print_error("idempotence: reparsing the output failed with %s\n",
                    redir_status_name(st));
        show("output", t, n);
        failed();
    }
    expect_text("idempotence: reparsed output", out, len, t, n);
    if (!url_equal(u, &v)) {
        print_error("idempotence: components differ when reparsed\n");
        show_url("first ", u);
        show_url("second", &v);
        failed();
    }
}

/* ------------------------------------------------------------------ */
/* Rows: input (and base) -> href or failure                           */

typedef struct wrow {
    const char *name;
    const char *base; /* NULL = no base */
    size_t base_len;
    const char *input;
    size_t input_len;
    redir_status status;
    const char *want; /* href when status is OK */
    size_t want_len;
} wrow;

#define OK_(nm, in, out)                                                       \
    {                                                                          \
        nm, NULL, 0, S(in), OK, S(out)                                         \
    }
#define OKB(nm, b, in, out)                                                    \
    {                                                                          \
        nm, S(b), S(in), OK, S(out)                                            \
    }
#define ERR(nm, in, st)                                                        \
    {                                                                          \
        nm, NULL, 0, S(in), st, NULL, 0                                        \
    }
#define ERRB(nm, b, in, st)                                                    \
    {                                                                          \
        nm, S(b), S(in), st, NULL, 0                                           \
    }

/* The row against its base parsed first (serialized, then given as
 * components to redir_url_resolve_parsed): the same status and href.
 * Rows whose base alone fails are not for it. */
static void check_parsed_base(const wrow *r, const char *base, const char *in)
{
    char *text = alloc_tracked(OUT_CAP);
    size_t text_len = 0, len = 99999;
    redir_url parts, u;
    if (base == NULL ||
        redir_url_resolve(NULL, 0, base, r->base_len, WHATWG, text, OUT_CAP,
                          &text_len, &parts) != OK)
        return;
    char *exact = copy_exact(text, text_len);
    char *out = alloc_tracked(OUT_CAP + GUARD);
    memset(out, SENTINEL, OUT_CAP + GUARD);
    redir_status st =
        redir_url_resolve_parsed(exact, text_len, &parts, in, r->input_len,
                                 WHATWG, out, OUT_CAP, &len, &u);
    expect_status("resolve against the parsed base", st, r->status);
    if (st == OK)
        expect_text("href from the parsed base", out, len, r->want,
                    r->want_len);
}

static void test_row(void **state)
{
    const wrow *r = TEST_ROW(wrow, state);
    char *base = copy_exact(r->base, r->base_len);
    char *in = copy_exact(r->input, r->input_len);
    set_context(base, r->base_len, in, r->input_len);
    char *out = alloc_tracked(OUT_CAP + GUARD);
    memset(out, SENTINEL, OUT_CAP + GUARD);
    size_t len = 99999;
    redir_url u;
    memset(&u, 0x5a, sizeof u);
    redir_status st = redir_url_resolve(base, r->base_len, in, r->input_len,
                                        WHATWG, out, OUT_CAP, &len, &u);
    if (st != r->status && st == OK)
        show("output", out, len < OUT_CAP ? len : OUT_CAP);
    expect_status("resolve", st, r->status);
    check_parsed_base(r, base, in);
    if (st != OK) {
        expect_size("out_len after a failure", len, 0);
        expect_untouched("output past the capacity", out, OUT_CAP,
                         OUT_CAP + GUARD);
        return;
    }
    expect_text("href", out, len, r->want, r->want_len);
    expect_untouched("output past the result", out, len, OUT_CAP + GUARD);
    check_structure(out, len, &u);
    check_idempotent(out, len, &u);
}

/* --- input preprocessing ------------------------------------------ */
static const wrow pre_rows[] = {
    OK_("pre: leading spaces trimmed", "  http://h/", "http://h/"),
    OK_("pre: trailing spaces trimmed", "http://h/  ", "http://h/"),
    OK_("pre: leading C0 controls trimmed",
        "\x01\x02\x1f"
        "http://h/",
        "http://h/"),
    OK_("pre: trailing NUL, C0 and space trimmed", "http://h/\x00\x1f \x0b",
        "http://h/"),
    OK_("pre: leading NUL trimmed", "\x00http://h/", "http://h/"),
    OK_("pre: trailing form feed trimmed", "http://h/\x0c", "http://h/"),
    ERR("pre: leading DEL is not trimmed", "\x7fhttp://h/", E_NOBASE),
    OK_("pre: trailing DEL is kept and encoded", "http://h/a\x7f",
        "http://h/a%7F"),
    OK_("pre: tab removed in scheme", "ht\ttp://h/", "http://h/"),
    OK_("pre: tab, LF and CR in a scheme, 7 bytes with them", "h\tt\nt\rp://H/",
        "http://h/"),
    OK_("pre: tabs making https 8 bytes", "\tht\ttps\n://h/", "https://h/"),
    OK_("pre: LF removed between the slashes", "http:/\n/h/", "http://h/"),
    OK_("pre: CR removed in host", "http://ex\rample.com/",
        "http://example.com/"),
    OK_("pre: tab removed in port", "http://h:8\t1/", "http://h:81/"),
    OK_("pre: LF removed in port, giving the default", "http://h:8\n0/",
        "http://h/"),
    OK_("pre: tab removed in path", "http://h/a\tb", "http://h/ab"),
    OK_("pre: LF removed in query", "http://h/?a\nb", "http://h/?ab"),
    OK_("pre: CR removed in fragment", "http://h/#a\rb", "http://h/#ab"),
    OK_("pre: tab removed inside %XX", "http://h/%4\t1", "http://h/%41"),
    OK_("pre: LF inside %2e leaves a dot segment", "http://h/a/%2\ne/b",
        "http://h/a/b"),
    OK_("pre: tab inside '..' leaves a dot-dot segment", "http://h/a/b/.\t./c",
        "http://h/a/c"),
    OK_("pre: CR LF removed in userinfo", "http://u\r\n:p@h/", "http://u:p@h/"),
    OK_("pre: tab removed in IPv6 literal", "http://[::\t1]/", "http://[::1]/"),
    OK_("pre: tab removed in opaque path", "sc:a\tb", "sc:ab"),
    /* A tab or newline that ends a host (found by differential fuzzing:
     * the host was copied as written, tab included). */
    OK_("pre: LF ending a host removed", "https://ab\n/", "https://ab/"),
    OK_("pre: CR ending a host removed", "https://tool\r/#x",
        "https://tool/#x"),
    OK_("pre: tab ending a host before a port removed", "http://h\t:81/",
        "http://h:81/"),
    OK_("pre: tab ending a host after userinfo removed", "http://u@h\t/",
        "http://u@h/"),
    OK_("pre: LF ending a non-special URL's host", "ws:a\n/", "ws://a/"),
    OK_("pre: tabs ending a host before the end", "http://h\t\t", "http://h/"),
    OKB("pre: LF ending the base's host removed", "https://ab\n/x", "y",
        "https://ab/y"),
    OKB("pre: LF ending a host from a relative reference", "https://b/",
        "//ab\r/x", "https://ab/x"),
    OK_("path: %0A escape kept", "http://h/a%0Ab", "http://h/a%0Ab"),
    OK_("path: %0a escape kept in lowercase", "http://h/a%0ab",
        "http://h/a%0ab"),
    ERR("ipv6: IPvFuture [v.ab] is not IPv6", "http://[v.ab]/", E_IP6),
    ERR("ipv6: IPvFuture [v12.] is not IPv6", "http://[v12.]/", E_IP6),
    ERR("pre: only controls and spaces, no base", "  \t\x01 ", E_NOBASE),
    OK_("pre: inner space kept and encoded", "  http://h/a b  ",
        "http://h/a%20b"),
    OK_("pre: trailing space after opaque path trimmed", "sc:a  ", "sc:a"),
    OKB("pre: blank input with a base is the empty reference", "http://h/a?q#f",
        " \t ", "http://h/a?q"),
    OKB("pre: spaces around a relative reference", "http://h/a/b", "  c  ",
        "http://h/a/c"),
};

/* --- scheme start, scheme and no scheme states --------------------- */
static const wrow scheme_rows[] = {
    OK_("scheme: uppercase special scheme lowercased", "HTTP://h/",
        "http://h/"),
    OK_("scheme: mixed-case non-special scheme lowercased", "ScHeMe:X",
        "scheme:X"),
    OK_("scheme: '+', '-', '.' and digits allowed", "a+b-c.9:x", "a+b-c.9:x"),
    OK_("scheme: single letter scheme", "c:x", "c:x"),
    ERR("scheme: digit first is not a scheme (no base)", "1a:x", E_NOBASE),
    OKB("scheme: digit first is a relative path", "http://h/d/e", "1a:x",
        "http://h/d/1a:x"),
    ERR("scheme: '+' first is not a scheme", "+a:x", E_NOBASE),
    OKB("scheme: '_' makes it a relative path", "http://h/d/e", "a_b:x",
        "http://h/d/a_b:x"),
    ERR("scheme: empty scheme ':x' without base", ":x", E_NOBASE),
    OKB("scheme: empty scheme ':x' is a relative path", "http://h/d/e", ":x",
        "http://h/d/:x"),
    OKB("scheme: space inside scheme makes a relative path", "http://h/d/e",
        "ht tp://x", "http://h/d/ht%20tp://x"),
    OKB("scheme: non-ASCII before ':' makes a relative path", "http://h/d/e",
        "\xC3\xA9:x", "http://h/d/%C3%A9:x"),
    OK_("scheme: 'a:' is an empty opaque path", "a:", "a:"),
    OKB("scheme: absolute non-special input ignores the base", "http://h/",
        "a:x", "a:x"),
    OK_("scheme: ws without slashes", "ws:x", "ws://x/"),
    OK_("scheme: ftp with one slash", "ftp:/x", "ftp://x/"),
    OK_("scheme: https with backslashes", "https:\\\\x\\y", "https://x/y"),
    ERR("scheme: 'http:' alone without base has no host", "http:", E_HOST),
    OK_("scheme: mixed-case https", "hTtPs://h/", "https://h/"),
    OK_("scheme: uppercase HTTPS", "HTTPS://H/", "https://h/"),
    OK_("scheme: https with only its 's' uppercase", "httpS:/h", "https://h/"),
    OKB("scheme: 'HTTPS:c' matches an https base case-insensitively",
        "https://h/a/b", "HTTPS:c", "https://h/a/c"),
    OK_("scheme: httpx is not special", "httpx://h/", "httpx://h/"),
    OK_("scheme: http then a tab before ':'", "http\t://h/", "http://h/"),
    OK_("scheme: https then a tab before ':'", "https\t://h/", "https://h/"),
    ERR("scheme: 'https' and no colon is relative", "https@x/", E_NOBASE),
    OK_("scheme: HTTP: with a path only", "HTTP:/h", "http://h/"),
    OKB("scheme: 'http:' with an http base is the base", "http://h/a?q#f",
        "http:", "http://h/a?q"),
    ERRB("scheme: 'http:' with an https base has no host", "https://h/",
         "http:", E_HOST),
    OKB("scheme: 'HTTP:c' matches an http base case-insensitively",
        "http://h/a/b", "HTTP:c", "http://h/a/c"),
};

/* --- no base, opaque base -------------------------------------------- */
static const wrow nobase_rows[] = {
    ERR("no base: empty input", "", E_NOBASE),
    ERR("no base: path", "x", E_NOBASE),
    ERR("no base: absolute path", "/x", E_NOBASE),
    ERR("no base: scheme-relative", "//x", E_NOBASE),
    ERR("no base: query only", "?q", E_NOBASE),
    ERR("no base: fragment only", "#f", E_NOBASE),
    ERRB("opaque base: path input fails", "sc:a", "b", E_OPAQUE),
    ERRB("opaque base: empty input fails", "sc:a", "", E_OPAQUE),
    ERRB("opaque base: query input fails", "sc:a", "?q", E_OPAQUE),
    ERRB("opaque base: absolute path fails", "sc:a", "/b", E_OPAQUE),
    ERRB("opaque base: scheme-relative fails", "mailto:x", "//b", E_OPAQUE),
    OKB("opaque base: fragment", "sc:a", "#f", "sc:a#f"),
    OKB("opaque base: empty fragment", "sc:a", "#", "sc:a#"),
    OKB("opaque base: fragment keeps the base query", "mailto:x?y#z", "#f",
        "mailto:x?y#f"),
    OKB("opaque base: fragment keeps the base's inner space", "sc:a b", "#f",
        "sc:a b#f"),
    OKB("opaque base: base space before '?' is %20", "sc:a ?q", "#f",
        "sc:a%20?q#f"),
    OKB("opaque base: absolute non-special input", "sc:a", "b:c", "b:c"),
    OKB("opaque base: absolute special input", "sc:a", "http:x", "http://x/"),
};

/* --- relative, relative slash, special relative or authority -------- */
#define B1 "http://u:p@h:8/a/b?q#f"
static const wrow relative_rows[] = {
    OKB("relative: empty input is the base without fragment", B1, "",
        "http://u:p@h:8/a/b?q"),
    OKB("relative: '?' gives an empty query", B1, "?", "http://u:p@h:8/a/b?"),
    OKB("relative: query replaces the base query", B1, "?x",
        "http://u:p@h:8/a/b?x"),
    OKB("relative: '#' keeps the query", B1, "#", "http://u:p@h:8/a/b?q#"),
    OKB("relative: fragment keeps the query", B1, "#x",
        "http://u:p@h:8/a/b?q#x"),
    OKB("relative: segment replaces the last segment", B1, "c",
        "http://u:p@h:8/a/c"),
    OKB("relative: path, query and fragment", B1, "c?y#z",
        "http://u:p@h:8/a/c?y#z"),
    OKB("relative: ';x' segment", B1, ";x", "http://u:p@h:8/a/;x"),
    OKB("relative: '.' is the directory", B1, ".", "http://u:p@h:8/a/"),
    OKB("relative: './' is the directory", B1, "./", "http://u:p@h:8/a/"),
    OKB("relative: '..' is the parent", B1, "..", "http://u:p@h:8/"),
    /* The reference is parsed over the base's plan: what it replaces
     * must go, what it keeps must stay as the base had it. */
    OKB("relative: the base's encoded query stays encoded", "http://h/a?x y#f",
        "#g", "http://h/a?x%20y#g"),
    OKB("relative: the base's upper-case host stays lowered",
        "http://H.EXAMPLE:80/a", "b", "http://h.example/b"),
    OKB("relative slash: '//' over an IPv6 base host", "http://[::1]:8/a",
        "//h/b", "http://h/b"),
    OKB("relative slash: '//' with credentials of its own", B1, "//v@c",
        "http://v@c/"),
    OKB("relative slash: '/' over an IPv6 base host", "http://[1::]:8/a?q",
        "/b", "http://[1::]:8/b"),
    OKB("relative: '..' past the root", B1, "../../../c", "http://u:p@h:8/c"),
    OKB("relative slash: absolute path keeps credentials and port", B1, "/c",
        "http://u:p@h:8/c"),
    OKB("relative slash: '//' drops credentials and port", B1, "//c",
        "http://c/"),
    OKB("relative slash: backslash is a slash (special)", B1, "\\c",
        "http://u:p@h:8/c"),
    OKB("relative slash: two backslashes start an authority", B1, "\\\\c",
        "http://c/"),
    OKB("relative slash: slash then backslash", B1, "/\\c", "http://c/"),
    OKB("relative slash: backslash then slash", B1, "\\/c", "http://c/"),
    OKB("relative slash: many slashes are ignored", B1, "////c", "http://c/"),
    OKB("special relative or authority: http:g with http base is relative",
        "http://h/a/b", "http:g", "http://h/a/g"),
    OKB("special relative or authority: http:g with https base is a host",
        "https://h/a/b", "http:g", "http://g/"),
    OKB("special relative or authority: http:g with non-special base",
        "sc://h/a", "http:g", "http://g/"),
    OKB("special relative or authority: http:/g is an absolute path",
        "http://h/a/b", "http:/g", "http://h/g"),
    OKB("special relative or authority: http://g is an authority",
        "http://h/a/b", "http://g", "http://g/"),
    OKB("special relative or authority: http:\\\\g is an authority",
        "http://h/a/b", "http:\\\\g", "http://g/"),
    OKB("special relative or authority: http:?q replaces the query",
        "http://h/a/b?x", "http:?q", "http://h/a/b?q"),
    OKB("special relative or authority: http:#f keeps the query",
        "http://h/a/b?x#y", "http:#f", "http://h/a/b?x#f"),
    OK_("special authority slashes: 'http:/\\/x'", "http:/\\/x", "http://x/"),
    OK_("special authority slashes: 'http:x' without base", "http:x",
        "http://x/"),
    OK_("special authority slashes: 'https:/x'", "https:/x", "https://x/"),
    OK_("special authority ignore slashes: four slashes", "http:////x",
        "http://x/"),
    OK_("special authority ignore slashes: mixed slashes", "http:\\/\\/x/y",
        "http://x/y"),
};

/* --- authority state (userinfo) -------------------------------------- */
static const wrow authority_rows[] = {
    OK_("authority: user and password", "http://u:p@h/", "http://u:p@h/"),
    OK_("authority: user only", "http://u@h/", "http://u@h/"),
    OK_("authority: empty user with password", "http://:p@h/", "http://:p@h/"),
    OK_("authority: empty password dropped", "http://u:@h/", "http://u@h/"),
    OK_("authority: empty user and password dropped", "http://:@h/",
        "http://h/"),
    OK_("authority: lone '@' dropped", "http://@h", "http://h/"),
    OK_("authority: second ':' is encoded in the password", "http://u:p:q@h/",
        "http://u:p%3Aq@h/"),
    OK_("authority: two '@' give %40 in the user", "http://a@b@h/",
        "http://a%40b@h/"),
    OK_("authority: '@' and ':' twice", "http://a:b@c:d@h/",
        "http://a:b%40c%3Ad@h/"),
    OK_("authority: '@' before the first ':'", "http://a@b:c@h/",
        "http://a%40b:c@h/"),
    OK_("authority: '@@' after the user", "http://a@@h/", "http://a%40@h/"),
    OK_("authority: leading '@@'", "http://@@h/", "http://%40@h/"),
    OK_("authority: userinfo set (special)", "http://u{`}\"<> ^|@h/",
        "http://u%7B%60%7D%22%3C%3E%20%5E%7C@h/"),
    OK_("authority: userinfo set incl. backslash (non-special)",
        "sc://a;b=c[d]e\\f@x/", "sc://a%3Bb%3Dc%5Bd%5De%5Cf@x/"),
    OK_("authority: characters kept in userinfo", "http://!$&'()*+,-.~_%@h/",
        "http://!$&'()*+,-.~_%@h/"),
    OK_("authority: UTF-8 userinfo", "http://\xC3\xA9:\xE2\x82\xAC@h/",
        "http://%C3%A9:%E2%82%AC@h/"),
    OK_("authority: credentials and port", "http://u:p@h:81/x",
        "http://u:p@h:81/x"),
    OK_("authority: backslash ends a special authority", "http://u\\@h/",
        "http://u/@h/"),
    OK_("authority: '@' after '?' is query", "http://h?u@x", "http://h/?u@x"),
    OK_("authority: '@' in the path", "http://h/@x", "http://h/@x"),
    OK_("authority: non-special credentials", "sc://u:p@h", "sc://u:p@h"),
    ERR("authority: credentials without host before path", "http://u:p@/x",
        E_HOST),
    ERR("authority: credentials at the end", "http://u@", E_HOST),
    ERR("authority: non-special credentials without host", "sc://u@/x", E_HOST),
    ERR("authority: credentials and port without host", "http://u@:80/",
        E_HOST),
    ERR("authority: credentials on a file URL", "file://u@h/", E_HOST),
};

/* --- host state, port state ------------------------------------------ */
static const wrow hostport_rows[] = {
    OK_("host: '?' ends a special host", "http://h?q", "http://h/?q"),
    OK_("host: '#' ends a special host", "http://h#f", "http://h/#f"),
    OK_("host: backslash ends a special host", "http://h\\p", "http://h/p"),
    ERR("host: backslash in a non-special host", "sc://h\\p/", E_HOST),
    ERR("host: empty special host", "http://", E_HOST),
    ERR("host: empty special host, slashes only", "http:///", E_HOST),
    ERR("host: empty special host before a query", "https://?x", E_HOST),
    ERR("host: empty special host before a fragment", "ws://#x", E_HOST),
    ERR("host: port without host (special)", "http://:80/", E_HOST),
    ERR("host: port without host (non-special)", "sc://:80/", E_HOST),
    OK_("host: empty non-special host", "sc://", "sc://"),
    OK_("host: empty non-special host with a path", "sc:///x", "sc:///x"),
    OK_("host: empty non-special host with a query", "sc://?q", "sc://?q"),
    OK_("host: empty non-special host with a fragment", "sc://#f", "sc://#f"),
    OK_("host: non-special host, no path", "sc://h", "sc://h"),
    OK_("host: non-special host, query and no path", "sc://h?q", "sc://h?q"),
    OK_("port: non-default kept", "http://h:8080/", "http://h:8080/"),
    OK_("port: http default removed", "http://h:80/", "http://h/"),
    OK_("port: https default removed", "https://h:443/", "https://h/"),
    OK_("port: ws default removed", "ws://h:80/", "ws://h/"),
    OK_("port: wss default removed", "wss://h:443/", "wss://h/"),
    OK_("port: ftp default removed", "ftp://h:21/", "ftp://h/"),
    OK_("port: 443 kept for http", "http://h:443/", "http://h:443/"),
    OK_("port: 80 kept for https", "https://h:80/", "https://h:80/"),
    OK_("port: 21 kept for ws", "ws://h:21/", "ws://h:21/"),
    OK_("port: 80 kept for a non-special scheme", "sc://h:80/", "sc://h:80/"),
    OK_("port: leading zeros dropped", "http://h:00081/", "http://h:81/"),
    OK_("port: leading zeros, then default removed", "http://h:0080/",
        "http://h/"),
    OK_("port: very many leading zeros",
        "http://h:0000000000000000000000000081/", "http://h:81/"),
    OK_("port: zero", "http://h:0/", "http://h:0/"),
    OK_("port: all zeros is 0", "sc://h:000", "sc://h:0"),
    OK_("port: 65535", "http://h:65535/", "http://h:65535/"),
    ERR("port: 65536", "http://h:65536/", E_PORT),
    ERR("port: 65536 after leading zeros", "http://h:00065536/", E_PORT),
    ERR("port: twenty digits", "http://h:99999999999999999999/", E_PORT),
    ERR("port: letter", "http://h:8a/", E_PORT),
    ERR("port: minus sign", "http://h:-1/", E_PORT),
    ERR("port: inner space", "http://h:8 0/", E_PORT),
    ERR("port: second colon", "http://h:80:81/", E_PORT),
    OK_("port: empty port dropped", "http://h:/", "http://h/"),
    OK_("port: empty port, no path", "sc://h:", "sc://h"),
    OK_("port: backslash ends a special port", "http://h:81\\x",
        "http://h:81/x"),
    ERR("port: backslash in a non-special port", "sc://h:81\\x", E_PORT),
    OK_("port: '?' ends the port", "sc://h:81?q", "sc://h:81?q"),
    OK_("port: '#' ends the port", "http://h:81#f", "http://h:81/#f"),
    ERR("port: file host with a port", "file://h:80/", E_HOST),
    OK_("port: after an IPv6 literal", "http://[::1]:81/", "http://[::1]:81/"),
    OK_("port: default after an IPv6 literal", "https://[::1]:443/",
        "https://[::1]/"),
    OK_("port: empty after an IPv6 literal", "http://[::1]:/", "http://[::1]/"),
    ERR("port: letter after an IPv6 literal", "http://[::1]:x/", E_PORT),
    OK_("port: after an IPv4 address", "http://1.2.3.4:81/",
        "http://1.2.3.4:81/"),
};

/* --- path start state, path state ------------------------------------ */
static const wrow path_rows[] = {
    OK_("path start: special empty path becomes '/'", "http://h", "http://h/"),
    OK_("path start: non-special '/'", "sc://h/", "sc://h/"),
    OK_("path: '.' removed", "http://h/a/./b", "http://h/a/b"),
    OK_("path: '..' removes the previous segment", "http://h/a/../b",
        "http://h/b"),
    /* A path no segment of which starts with '.' or '%' (and with no '\'
     * or tab) is copied whole; one that does goes segment by segment. */
    OK_("path: dots and escapes inside segments are copied",
        "http://h/a.b/c%41/d.", "http://h/a.b/c%41/d."),
    OK_("path: '%2e' starting a segment is still a dot segment",
        "http://h/a/%2e/b/%2E%2e/c", "http://h/a/c"),
    OK_("path: '\\' in a special URL's path is a separator",
        "http://h/a\\b/../c", "http://h/a/c"),
    /* More segments than the one-pass walk holds: it writes the oldest
     * ones no remaining ".." can reach, or (too many "..") gives the
     * path to the two-pass walk. */
    OK_("path: 8 segments, '..' and a final '.'",
        "http://h/1/2/3/4/5/6/7/8/../.", "http://h/1/2/3/4/5/6/7/"),
    OK_("path: 9 segments, then seven '..'",
        "http://h/1/2/3/4/5/6/7/8/9/../../../../../../../x", "http://h/1/2/x"),
    OK_("path: 18 segments and '..'",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/../x",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/x"),
    OK_("path: 20 segments, then three '..'",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/../../"
        "../x",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/x"),
    OK_("path: '..' between long runs of segments",
        "http://h/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/../r/s/t/u/v/w/x/y/z/0/1/2/"
        "3/4/5/6/7/8/9/../..",
        "http://h/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/r/s/t/u/v/w/x/y/z/0/1/2/3/4/"
        "5/6/7/"),
    OK_("path: 20 segments, then seventeen '..'",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/../../"
        "../../../../../../../../../../../../../../../x",
        "http://h/1/2/3/x"),
    OK_("path: 16 segments, '..' and a final '.'",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/../.",
        "http://h/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/"),
    OK_("path: trailing '.' leaves a trailing slash", "http://h/a/.",
        "http://h/a/"),
    OK_("path: trailing '..' leaves a trailing slash", "http://h/a/b/..",
        "http://h/a/"),
    OK_("path: '..' above the root", "http://h/../../a", "http://h/a"),
    OK_("path: '..' alone", "http://h/..", "http://h/"),
    OK_("path: '.' alone", "http://h/.", "http://h/"),
    OK_("path: '%2e' is '.'", "http://h/a/%2e/b", "http://h/a/b"),
    OK_("path: '%2E' at the end", "http://h/a/%2E", "http://h/a/"),
    OK_("path: '.%2E' is '..' in the middle", "http://h/a/b/.%2E/c",
        "http://h/a/c"),
    OK_("path: '%2e.' is '..'", "http://h/a/b/%2e./c", "http://h/a/c"),
    OK_("path: '%2e%2E' at the end", "http://h/a/b/%2e%2E", "http://h/a/"),
    OK_("path: '%2e%2e' in the middle", "http://h/a/%2e%2e/b", "http://h/b"),
    OK_("path: '...' is a plain segment", "http://h/a/...", "http://h/a/..."),
    OK_("path: '%2e%2' is a plain segment", "http://h/a/%2e%2",
        "http://h/a/%2e%2"),
    OK_("path: '.a' is a plain segment", "http://h/.a/", "http://h/.a/"),
    OK_("path: '%252e' is a plain segment", "http://h/a/%252e",
        "http://h/a/%252e"),
    OK_("path: more '..' than segments", "http://h/a/b/../../../..",
        "http://h/"),
    OK_("path: trailing slash kept", "http://h/a/", "http://h/a/"),
    OK_("path: empty segments kept", "http://h/a//b//", "http://h/a//b//"),
    OK_("path: '..' followed by an empty segment", "http://h/a/..//b",
        "http://h//b"),
    OK_("path: backslash is a separator (special)", "http://h/a\\b\\..\\c",
        "http://h/a/c"),
    OK_("path: backslash is data (non-special)", "sc://h/a\\b\\..\\c",
        "sc://h/a\\b\\..\\c"),
    OK_("path: non-special dot segments", "sc://h/a/./b/../c", "sc://h/a/c"),
    OK_("path: non-special '..' to the root", "sc://h/a/..", "sc://h/"),
    OK_("path: host-less non-special dot segments", "sc:/a/./b/../c",
        "sc:/a/c"),
    OK_("path: host-less non-special trailing '.'", "sc:/a/.", "sc:/a/"),
    OK_("path: host-less '..' to the root", "sc:/a/..", "sc:/"),
    OK_("path: path set encodes space \" < > ` { } ^", "http://h/a b\"<>`{}^",
        "http://h/a%20b%22%3C%3E%60%7B%7D%5E"),
    OK_("path: path set keeps | [ ] ' and sub-delims",
        "http://h/|[]'!$&()*+,;=:@~_-", "http://h/|[]'!$&()*+,;=:@~_-"),
    OK_("path: non-special path uses the path set", "sc://h/a b^{}`",
        "sc://h/a%20b%5E%7B%7D%60"),
    OK_("path: host-less non-special path encoded", "sc:/a b\"",
        "sc:/a%20b%22"),
    OK_("path: lone '%' and bad escapes kept", "http://h/%/%zz/%4",
        "http://h/%/%zz/%4"),
    OK_("path: escapes are not decoded", "http://h/%41%2F", "http://h/%41%2F"),
    OK_("path: '%3F' stays encoded", "http://h/a%3Fb", "http://h/a%3Fb"),
    OK_("path: '?' starts the query", "http://h/a?b/c", "http://h/a?b/c"),
    OK_("path: NUL and C0 encoded",
        "http://h/a\x00"
        "b\x1f"
        "c",
        "http://h/a%00b%1Fc"),
    OK_("path: DEL encoded",
        "http://h/\x7f"
        "a",
        "http://h/%7Fa"),
};

/* --- opaque path state ----------------------------------------------- */
static const wrow opaque_rows[] = {
    OK_("opaque: mailto", "mailto:x@y.z", "mailto:x@y.z"),
    OK_("opaque: javascript", "javascript:alert(1)", "javascript:alert(1)"),
    OK_("opaque: data URL with an inner space", "data:text/plain,a b",
        "data:text/plain,a b"),
    OK_("opaque: only the C0 set is encoded", "sc:a\"<>`{}^|\\ b",
        "sc:a\"<>`{}^|\\ b"),
    OK_("opaque: C0 control encoded",
        "sc:a\x01"
        "b",
        "sc:a%01b"),
    OK_("opaque: DEL encoded",
        "sc:a\x7f"
        "b",
        "sc:a%7Fb"),
    OK_("opaque: UTF-8 encoded", "sc:\xC3\xA9", "sc:%C3%A9"),
    OK_("opaque: space before '?' is %20", "sc:a ?q", "sc:a%20?q"),
    OK_("opaque: space before '#' is %20", "sc:a #f", "sc:a%20#f"),
    OK_("opaque: only the last space before '?' is %20", "sc:a  ?q",
        "sc:a %20?q"),
    OK_("opaque: inner space kept before a query", "sc:a b?q", "sc:a b?q"),
    OK_("opaque: leading space kept", "sc: a", "sc: a"),
    OK_("opaque: space after '?' is query", "sc:a? q", "sc:a?%20q"),
    OK_("opaque: dot segments not processed", "sc:a/../b", "sc:a/../b"),
    OK_("opaque: '..' alone", "sc:..", "sc:.."),
    OK_("opaque: backslash first", "sc:\\x", "sc:\\x"),
    OK_("opaque: escapes kept", "sc:%zz%41", "sc:%zz%41"),
    OK_("opaque: query uses the query set", "sc:a?'\"", "sc:a?'%22"),
    OK_("opaque: fragment uses the fragment set", "sc:a#`", "sc:a#%60"),
    OK_("opaque: empty path with a query", "sc:?q", "sc:?q"),
};

/* --- query and fragment states --------------------------------------- */
static const wrow qf_rows[] = {
    OK_("query: special-query set encodes '", "http://h/?a'b",
        "http://h/?a%27b"),
    OK_("query: non-special keeps '", "sc://h/?a'b", "sc://h/?a'b"),
    OK_("query: ws is special for '", "ws://h/?'", "ws://h/?%27"),
    OK_("query: file is special for '", "file:///?'", "file:///?%27"),
    OK_("query: space \" < > encoded", "http://h/?a b\"<>",
        "http://h/?a%20b%22%3C%3E"),
    OK_("query: ` { } | ^ \\ kept", "http://h/?`{}|^\\", "http://h/?`{}|^\\"),
    OK_("query: '?' kept", "http://h/??a?", "http://h/??a?"),
    OK_("query: '#' starts the fragment", "http://h/?a#b?c", "http://h/?a#b?c"),
    OK_("query: empty", "http://h/?", "http://h/?"),
    OK_("query: empty query and empty fragment", "http://h/?#", "http://h/?#"),
    OK_("query: C0 and DEL encoded",
        "http://h/?a\x01"
        "b\x7f"
        "c",
        "http://h/?a%01b%7Fc"),
    OK_("query: escapes kept", "http://h/?%zz%4", "http://h/?%zz%4"),
    OK_("query: non-special space encoded", "sc://h?a b", "sc://h?a%20b"),
    OK_("fragment: set encodes space \" < > `", "http://h/#a b\"<>`",
        "http://h/#a%20b%22%3C%3E%60"),
    OK_("fragment: ' { } | ^ \\ # ? kept", "http://h/#'{}|^\\#?",
        "http://h/#'{}|^\\#?"),
    OK_("fragment: empty", "http://h/#", "http://h/#"),
    OK_("fragment: NUL encoded",
        "http://h/#a\x00"
        "b",
        "http://h/#a%00b"),
    OK_("fragment: DEL encoded",
        "http://h/#\x7f"
        "a",
        "http://h/#%7Fa"),
    OK_("fragment: non-special", "sc:a#b c", "sc:a#b%20c"),
};

/* --- file state, file slash state, file host state -------------------- */
#define FB "file:///C:/a/b?q#f"
static const wrow file_rows[] = {
    OK_("file: 'file:' alone", "file:", "file:///"),
    OK_("file: no slashes", "file:x", "file:///x"),
    OK_("file: one slash", "file:/x", "file:///x"),
    OK_("file: empty host", "file:///x", "file:///x"),
    OK_("file: host", "file://h/x", "file://h/x"),
    OK_("file: host only", "file://h", "file://h/"),
    OK_("file: four slashes keep an empty segment", "file:////x", "file:////x"),
    OK_("file: '/.//' needs no '/.' (host is empty, not null)", "file:/.//x",
        "file:////x"),
    OK_("file: backslashes", "file:\\\\h\\x", "file://h/x"),
    OK_("file: localhost becomes empty", "file://localhost/x", "file:///x"),
    OK_("file: LOCALHOST becomes empty", "file://LOCALHOST/x", "file:///x"),
    OK_("file: percent-encoded localhost", "file://loc%61lhost/x", "file:///x"),
    OK_("file: 'localhost.' is not localhost", "file://localhost./x",
        "file://localhost./x"),
    OK_("file: localhost alone", "file://localhost", "file:///"),
    OK_("file: IPv4 host", "file://0x7f.1/x", "file://127.0.0.1/x"),
    OK_("file: IPv6 host", "file://[::1]/x", "file://[::1]/x"),
    OK_("file: 'file:/.' is the root", "file:/.", "file:///"),
    OK_("file: query without path", "file:?q", "file:///?q"),
    OK_("file: fragment without path", "file:#f", "file:///#f"),
    OK_("file: 'C|' drive", "file:///C|/x", "file:///C:/x"),
    OK_("file: 'C|' drive alone", "file:///C|", "file:///C:"),
    OK_("file: lowercase drive kept", "file:///c:/x", "file:///c:/x"),
    OK_("file: drive without slashes", "file:C|/x", "file:///C:/x"),
    OK_("file: drive after one slash", "file:/C|/x", "file:///C:/x"),
    OK_("file: 'C:' in the host position", "file://C:/x", "file:///C:/x"),
    OK_("file: 'C|' in the host position", "file://C|/x", "file:///C:/x"),
    OK_("file: 'C:' in the host position, alone", "file://C:", "file:///C:"),
    OK_("file: '..' keeps the drive", "file:///C:/../..", "file:///C:/"),
    OK_("file: '..' past the drive, then a segment", "file:///C|/a/../../x",
        "file:///C:/x"),
    OK_("file: drive letter not first is kept", "file:///a/C|/x",
        "file:///a/C|/x"),
    OK_("file: three characters are not a drive", "file:///C:x/y",
        "file:///C:x/y"),
    OK_("file: digit is not a drive", "file:///1:/x", "file:///1:/x"),
    OK_("file: drive after a host", "file://h/C|/x", "file://h/C:/x"),
    OK_("file: '..' above the root without drive", "file:///a/../../x",
        "file:///x"),
    OK_("file: 'file:..'", "file:..", "file:///"),
    OK_("file: IDNA host", "file://\xC3\xA9/", "file://xn--9ca/"),
    OK_("file: ASCII 'xn--' host is lowercased", "file://XN--a/",
        "file://xn--a/"),
    ERR("file: host ending in a number", "file://a.1/", E_IP4),
    ERR("file: forbidden host code point", "file://a b/", E_HOST),
    OKB("file base: empty input", FB, "", "file:///C:/a/b?q"),
    OKB("file base: 'file:' alone", FB, "file:", "file:///C:/a/b?q"),
    OKB("file base: query", FB, "?x", "file:///C:/a/b?x"),
    OKB("file base: fragment", FB, "#x", "file:///C:/a/b?q#x"),
    OKB("file base: segment", FB, "x", "file:///C:/a/x"),
    OKB("file base: 'file:x' is relative", FB, "file:x", "file:///C:/a/x"),
    OKB("file base: '..' never removes the drive", FB, "../../..",
        "file:///C:/"),
    OKB("file base: '/x' keeps the drive", FB, "/x", "file:///C:/x"),
    OKB("file base: '/' keeps the drive", FB, "/", "file:///C:/"),
    OKB("file base: 'file:/x' keeps the drive", FB, "file:/x", "file:///C:/x"),
    OKB("file base: backslash keeps the drive", FB, "\\x", "file:///C:/x"),
    OKB("file base: '/D|/x' replaces the drive", FB, "/D|/x", "file:///D:/x"),
    OKB("file base: 'D|/x' replaces the path", FB, "D|/x", "file:///D:/x"),
    OKB("file base: 'D|' alone", FB, "D|", "file:///D:"),
    OKB("file base: 'C|x' is not a drive", FB, "C|x", "file:///C:/a/C|x"),
    OKB("file base: '//h/x' gives a new host", FB, "//h/x", "file://h/x"),
    OKB("file base: '//localhost/x'", FB, "//localhost/x", "file:///x"),
    OKB("file base: '//' is the empty host", FB, "//", "file:///"),
    OKB("file base: host kept for '/x'", "file://h/a/b", "/x", "file://h/x"),
    OKB("file base: host and drive kept for '/x'", "file://h/C:/a", "/x",
        "file://h/C:/x"),
    OKB("file base: drive-only base", "file:///C:", "x", "file:///C:/x"),
    OKB("file base: '..' against 'C:/demo'", "file:///C:/demo", "..",
        "file:///C:/"),
    OKB("file base: query kept for 'file:'", "file:///a?q#f",
        "file:", "file:///a?q"),
    OKB("file: drive-like input with an http base stays", "http://h/a", "C|/x",
        "http://h/C|/x"),
    OKB("file: file input with an http base", "http://h/a", "file:x",
        "file:///x"),
};

/* --- hosts: domains and IDNA ------------------------------------------ */
static const wrow domain_rows[] = {
    OK_("domain: lowercased", "http://ExAmPlE.CoM/", "http://example.com/"),
    OK_("domain: percent-decoded", "http://%41.com/", "http://a.com/"),
    OK_("domain: percent-decoded lowercase hex", "http://%6a.com/",
        "http://j.com/"),
    OK_("domain: percent-decoded dot", "http://a%2Eb/", "http://a.b/"),
    OK_("domain: trailing dot kept", "http://a.b./", "http://a.b./"),
    OK_("domain: empty labels kept", "http://a..b/", "http://a..b/"),
    OK_("domain: single dot", "http://./", "http://./"),
    OK_("domain: allowed ASCII punctuation", "http://a!$&'()*+,;=_`{}~-\"b/",
        "http://a!$&'()*+,;=_`{}~-\"b/"),
    OK_("domain: percent-decoded uppercase is lowercased", "http://%4A/",
        "http://j/"),
    ERR("domain: literal '%'", "http://a%b/", E_HOST),
    ERR("domain: %25 decodes to '%'", "http://a%25b/", E_HOST),
    ERR("domain: space", "http://a b/", E_HOST),
    ERR("domain: %20 decodes to space", "http://a%20b/", E_HOST),
    ERR("domain: %2F decodes to '/'", "http://a%2Fb/", E_HOST),
    ERR("domain: %3A decodes to ':'", "http://a%3Ab/", E_HOST),
    ERR("domain: %40 decodes to '@'", "http://a%40b/", E_HOST),
    ERR("domain: %3F decodes to '?'", "http://a%3Fb/", E_HOST),
    ERR("domain: %23 decodes to '#'", "http://a%23b/", E_HOST),
    ERR("domain: %5C decodes to backslash", "http://a%5Cb/", E_HOST),
    ERR("domain: '<'", "http://a<b/", E_HOST),
    ERR("domain: '>'", "http://a>b/", E_HOST),
    ERR("domain: '^'", "http://a^b/", E_HOST),
    ERR("domain: '|'", "http://a|b/", E_HOST),
    ERR("domain: '['", "http://a[b/", E_HOST),
    ERR("domain: ']'", "http://a]b/", E_HOST),
    ERR("domain: C0 control",
        "http://a\x01"
        "b/",
        E_HOST),
    ERR("domain: NUL",
        "http://a\x00"
        "b/",
        E_HOST),
    ERR("domain: %00", "http://a%00b/", E_HOST),
    ERR("domain: %09 decodes to tab", "http://a%09b/", E_HOST),
    ERR("domain: DEL",
        "http://a\x7f"
        "b/",
        E_HOST),
    ERR("domain: %7F", "http://a%7Fb/", E_HOST),
    OK_("idna: non-ASCII domain", "http://\xC3\xA9.com/",
        "http://xn--9ca.com/"),
    OK_("idna: percent-encoded UTF-8", "http://%C3%A9.com/",
        "http://xn--9ca.com/"),
    /* An all-ASCII domain is only lowercased, even where ToASCII would
     * fail (the URL Standard's 2026 fallback for ASCII domains). */
    OK_("idna: ASCII 'xn--' label lowercased", "http://xn--abc.com/",
        "http://xn--abc.com/"),
    OK_("idna: ASCII 'XN--' label lowercased", "http://a.XN--abc/",
        "http://a.xn--abc/"),
    OK_("idna: ASCII 'Xn--' label lowercased", "https://Xn--x/",
        "https://xn--x/"),
    OK_("idna: percent-encoded 'xn--' decoded", "http://%78n--a/",
        "http://xn--a/"),
    OK_("idna: bare 'xn--' label", "https://xn--/", "https://xn--/"),
    OK_("idna: invalid punycode label kept", "http://a.b.c.XN--pokxncvks",
        "http://a.b.c.xn--pokxncvks/"),
    ERR("idna: invalid UTF-8 byte", "http://\xFF/", E_IDNAI),
    ERR("idna: percent-encoded invalid UTF-8 byte", "http://%FF/", E_IDNAI),
    /* The input is UTF-8-decoded before tabs go and before the host is
     * percent-decoded: a raw sequence must be whole. */
    ERR("idna: a tab inside a raw UTF-8 sequence is U+FFFD",
        "http://\xC3\t\xA9.com/", E_IDNAI),
    ERR("idna: a raw lead byte, then a percent-encoded one",
        "http://\xC3%A9.com/", E_IDNAI),
    ERR("idna: a percent-encoded lead byte, then a raw one",
        "http://%C3\xA9.com/", E_IDNAI),
    OK_("idna: a tab between percent-encoded bytes is removed",
        "http://%C3\t%A9.com/", "http://xn--9ca.com/"),
    ERR("idna: an invalid 'xn--' label in a non-ASCII domain",
        "http://\xC3\xA9.xn--a/", E_IDNAI),
    OK_("idna: 'xn--' inside a label is fine", "http://axn--b.c/",
        "http://axn--b.c/"),
    OK_("idna: 'xn-' with one hyphen is fine", "http://xn-a/", "http://xn-a/"),
    OK_("opaque host: 'xn--' is not IDNA", "sc://xn--a/", "sc://xn--a/"),
    OK_("opaque host: non-ASCII encoded", "sc://\xC3\xA9/", "sc://%C3%A9/"),
    OK_("opaque host: not lowercased", "sc://EXAMPLE/", "sc://EXAMPLE/"),
    OK_("opaque host: '%' allowed, not decoded", "sc://a%b%41/",
        "sc://a%b%41/"),
    OK_("opaque host: C0 control encoded",
        "sc://a\x01"
        "b/",
        "sc://a%01b/"),
    OK_("opaque host: DEL encoded",
        "sc://a\x7f"
        "b/",
        "sc://a%7Fb/"),
    OK_("opaque host: \" ` { } kept", "sc://A\"b{}`/", "sc://A\"b{}`/"),
    OK_("opaque host: IPv4-like text stays opaque", "sc://0x7f.1/",
        "sc://0x7f.1/"),
    OK_("opaque host: 'a.1' is fine", "sc://a.1/", "sc://a.1/"),
    ERR("opaque host: space", "sc://a b/", E_HOST),
    ERR("opaque host: '<'", "sc://a<b/", E_HOST),
    ERR("opaque host: '>'", "sc://a>b/", E_HOST),
    ERR("opaque host: '^'", "sc://a^b/", E_HOST),
    ERR("opaque host: '|'", "sc://a|b/", E_HOST),
    ERR("opaque host: '['", "sc://a[b/", E_HOST),
    ERR("opaque host: ']'", "sc://a]b/", E_HOST),
    ERR("opaque host: NUL",
        "sc://a\x00"
        "b/",
        E_HOST),
};

/* --- hosts: IPv4 -------------------------------------------------------- */
static const wrow ipv4_rows[] = {
    OK_("ipv4: dotted decimal", "http://1.2.3.4/", "http://1.2.3.4/"),
    OK_("ipv4: octal part", "http://0177.0.0.1/", "http://127.0.0.1/"),
    OK_("ipv4: hex part", "http://0x7f.0.0.1/", "http://127.0.0.1/"),
    OK_("ipv4: uppercase 0X and hex digits", "http://0X7F.1/",
        "http://127.0.0.1/"),
    OK_("ipv4: '0x' alone is 0", "http://0x/", "http://0.0.0.0/"),
    OK_("ipv4: four '0x' parts", "http://0x.0x.0x.0x/", "http://0.0.0.0/"),
    OK_("ipv4: '0'", "http://0/", "http://0.0.0.0/"),
    OK_("ipv4: '00' parts are octal zero", "http://00.00.00.00/",
        "http://0.0.0.0/"),
    OK_("ipv4: one decimal part", "http://2130706433/", "http://127.0.0.1/"),
    OK_("ipv4: one hex part", "http://0x7F000001/", "http://127.0.0.1/"),
    OK_("ipv4: one octal part", "http://017700000001/", "http://127.0.0.1/"),
    OK_("ipv4: two parts", "http://1.16777215/", "http://1.255.255.255/"),
    OK_("ipv4: three parts", "http://1.2.65535/", "http://1.2.255.255/"),
    OK_("ipv4: two parts, 256 in the last", "http://1.256/", "http://1.0.1.0/"),
    OK_("ipv4: mixed notations", "http://0x1.02.3.0x4/", "http://1.2.3.4/"),
    OK_("ipv4: trailing dot", "http://1.2.3.4./", "http://1.2.3.4/"),
    OK_("ipv4: one part with a trailing dot", "http://1./", "http://0.0.0.1/"),
    OK_("ipv4: '0x.' is 0", "http://0x./", "http://0.0.0.0/"),
    OK_("ipv4: maximum", "http://255.255.255.255/", "http://255.255.255.255/"),
    OK_("ipv4: maximum as one hex part", "http://0xffffffff/",
        "http://255.255.255.255/"),
    OK_("ipv4: maximum as one octal part", "http://037777777777/",
        "http://255.255.255.255/"),
    OK_("ipv4: long hex with leading zeros", "http://0x0000000000000000000001/",
        "http://0.0.0.1/"),
    OK_("ipv4: long octal with leading zeros",
        "http://0000000000000000000000001/", "http://0.0.0.1/"),
    OK_("ipv4: uppercase hex value", "http://0xAbC/", "http://0.0.10.188/"),
    OK_("ipv4: percent-encoded digits", "http://%31%32%37.0.0.1/",
        "http://127.0.0.1/"),
    OK_("ipv4: percent-encoded hex prefix", "http://%30x7f.1/",
        "http://127.0.0.1/"),
    OK_("ipv4: percent-decoded uppercase hex prefix", "http://0X%37F.1/",
        "http://127.0.0.1/"),
    ERR("ipv4: non-last part over 255", "http://256.1.1.1/", E_IP4),
    ERR("ipv4: last of four over 255", "http://1.1.1.256/", E_IP4),
    ERR("ipv4: last of three over 65535", "http://1.2.65536/", E_IP4),
    ERR("ipv4: last of two over 16777215", "http://1.16777216/", E_IP4),
    ERR("ipv4: one part over 2^32-1", "http://4294967296/", E_IP4),
    ERR("ipv4: one hex part over 2^32-1", "http://0x100000000/", E_IP4),
    ERR("ipv4: one octal part over 2^32-1", "http://040000000000/", E_IP4),
    ERR("ipv4: 23 digits", "http://99999999999999999999999/", E_IP4),
    ERR("ipv4: five parts", "http://1.2.3.4.5/", E_IP4),
    ERR("ipv4: five parts and a trailing dot", "http://1.2.3.4.5./", E_IP4),
    ERR("ipv4: empty inner part", "http://1..2/", E_IP4),
    ERR("ipv4: empty first part", "http://.1/", E_IP4),
    ERR("ipv4: '08' is bad octal", "http://08/", E_IP4),
    ERR("ipv4: '09' last is bad octal", "http://1.2.3.09/", E_IP4),
    ERR("ipv4: 'a.1' ends in a number", "http://a.1/", E_IP4),
    ERR("ipv4: 'a.0x' ends in a number", "http://a.0x/", E_IP4),
    ERR("ipv4: 'a.0x1f' ends in a number", "http://a.0x1f/", E_IP4),
    ERR("ipv4: '0xg.1' has a bad hex part", "http://0xg.1/", E_IP4),
    ERR("ipv4: '1.2.3.4.5' as a file host", "file://1.2.3.4.5/", E_IP4),
    ERR("ipv4: percent-decoded last label is a number", "http://a.%31/", E_IP4),
    ERR("ipv4: 'a.1.' ends in a number", "http://a.1./", E_IP4),
    OK_("ipv4: '1.a' is a domain", "http://1.a/", "http://1.a/"),
    OK_("ipv4: '1.A' is a lowercased domain", "http://1.A/", "http://1.a/"),
    OK_("ipv4: '0x.a' is a domain", "http://0x.a/", "http://0x.a/"),
    OK_("ipv4: '0xg' is a domain", "http://0xg/", "http://0xg/"),
    OK_("ipv4: '1e1' is a domain", "http://1e1/", "http://1e1/"),
    OK_("ipv4: two trailing dots make a domain", "http://1.2.3.4../",
        "http://1.2.3.4../"),
};

/* --- hosts: IPv6 -------------------------------------------------------- */
static const wrow ipv6_rows[] = {
    OK_("ipv6: loopback", "http://[::1]/", "http://[::1]/"),
    OK_("ipv6: unspecified", "http://[::]/", "http://[::]/"),
    OK_("ipv6: full form is compressed", "http://[0:0:0:0:0:0:0:1]/",
        "http://[::1]/"),
    OK_("ipv6: leading zeros dropped", "http://[0001:0db8::0001]/",
        "http://[1:db8::1]/"),
    OK_("ipv6: uppercase lowercased", "http://[ABCD:EF01::]/",
        "http://[abcd:ef01::]/"),
    OK_("ipv6: '::' first, covering one piece", "http://[::1:2:3:4:5:6:7]/",
        "http://[0:1:2:3:4:5:6:7]/"),
    OK_("ipv6: '::' last, covering one piece", "http://[1:2:3:4:5:6:7::]/",
        "http://[1:2:3:4:5:6:7:0]/"),
    OK_("ipv6: '::' in the middle", "http://[1::8]/", "http://[1::8]/"),
    OK_("ipv6: '::' in the middle, covering one piece",
        "http://[1:2:3::5:6:7:8]/", "http://[1:2:3:0:5:6:7:8]/"),
    OK_("ipv6: two zeros at the end", "http://[1:2:3:4:5:6:0:0]/",
        "http://[1:2:3:4:5:6::]/"),
    OK_("ipv6: two zeros at the start", "http://[0:0:1:2:3:4:5:6]/",
        "http://[::1:2:3:4:5:6]/"),
    OK_("ipv6: first of two equal runs", "http://[1:0:0:2:0:0:3:4]/",
        "http://[1::2:0:0:3:4]/"),
    OK_("ipv6: longer later run", "http://[1:0:0:2:0:0:0:3]/",
        "http://[1:0:0:2::3]/"),
    OK_("ipv6: single zero not compressed", "http://[1:0:2:3:4:5:6:7]/",
        "http://[1:0:2:3:4:5:6:7]/"),
    OK_("ipv6: single trailing zero", "http://[1:2:3:4:5:6:7:0]/",
        "http://[1:2:3:4:5:6:7:0]/"),
    OK_("ipv6: input '::' position not kept", "http://[0:0::ABCD:0:0]/",
        "http://[::abcd:0:0]/"),
    OK_("ipv6: embedded IPv4 as hex", "http://[::ffff:1.2.3.4]/",
        "http://[::ffff:102:304]/"),
    OK_("ipv6: embedded IPv4 only", "http://[::127.0.0.1]/",
        "http://[::7f00:1]/"),
    OK_("ipv6: embedded IPv4 after six pieces", "http://[1:2:3:4:5:6:1.2.3.4]/",
        "http://[1:2:3:4:5:6:102:304]/"),
    OK_("ipv6: embedded IPv4 zeros", "http://[::0.0.0.0]/", "http://[::]/"),
    OK_("ipv6: first run of two kept before a later run of two",
        "http://[1:0:0:2:3:4:0:0]/", "http://[1::2:3:4:0:0]/"),
    OK_("ipv6: longest run at the start", "http://[0:0:0:0:1:0:0:0]/",
        "http://[::1:0:0:0]/"),
    OK_("ipv6: '::' then five pieces and IPv4", "http://[::1:2:3:4:5:1.2.3.4]/",
        "http://[0:1:2:3:4:5:102:304]/"),
    OK_("ipv6: non-special host", "sc://[::1]/", "sc://[::1]/"),
    OK_("ipv6: non-special host with port", "sc://[1::]:99", "sc://[1::]:99"),
    ERR("ipv6: empty brackets", "http://[]/", E_IP6),
    ERR("ipv6: single leading colon", "http://[:1]/", E_IP6),
    ERR("ipv6: single trailing colon", "http://[1:]/", E_IP6),
    ERR("ipv6: ':::'", "http://[:::]/", E_IP6),
    ERR("ipv6: two '::'", "http://[1::2::3]/", E_IP6),
    ERR("ipv6: nine pieces", "http://[1:2:3:4:5:6:7:8:9]/", E_IP6),
    ERR("ipv6: seven pieces, no '::'", "http://[1:2:3:4:5:6:7]/", E_IP6),
    ERR("ipv6: eight pieces and '::' after", "http://[1:2:3:4:5:6:7:8::]/",
        E_IP6),
    ERR("ipv6: '::' and eight pieces after", "http://[::1:2:3:4:5:6:7:8]/",
        E_IP6),
    ERR("ipv6: five hex digits", "http://[12345::]/", E_IP6),
    ERR("ipv6: non-hex digit", "http://[g::]/", E_IP6),
    ERR("ipv6: zone identifier", "http://[fe80::1%25eth0]/", E_IP6),
    ERR("ipv6: bare IPv4 in brackets", "http://[1.2.3.4]/", E_IP6),
    ERR("ipv6: embedded IPv4 with three parts", "http://[::1.2.3]/", E_IP6),
    ERR("ipv6: embedded IPv4 with five parts", "http://[::1.2.3.4.5]/", E_IP6),
    ERR("ipv6: embedded IPv4 part over 255", "http://[::1.2.3.256]/", E_IP6),
    ERR("ipv6: embedded IPv4 leading zero", "http://[::1.02.3.4]/", E_IP6),
    ERR("ipv6: embedded IPv4 empty part", "http://[::1..2.3]/", E_IP6),
    ERR("ipv6: embedded IPv4 after seven pieces",
        "http://[1:2:3:4:5:6:7:1.2.3.4]/", E_IP6),
    ERR("ipv6: piece after embedded IPv4", "http://[::1.2.3.4:5]/", E_IP6),
    ERR("ipv6: '.' without digits before", "http://[::.1]/", E_IP6),
    ERR("ipv6: unclosed", "http://[::1/", E_IP6),
    ERR("ipv6: unclosed, colon inside kept", "http://[::1:80/", E_IP6),
    ERR("ipv6: text after ']'", "http://[::1]x/", E_IP6),
    ERR("ipv6: extra ']'", "http://[::1]]/", E_IP6),
    ERR("ipv6: nested brackets", "http://[[::1]]/", E_IP6),
    ERR("ipv6: non-special bad literal", "sc://[x]/", E_IP6),
    ERR("ipv6: '[' not first is a forbidden domain code point",
        "http://x[::1]/", E_HOST),
};

/* --- UTF-8 -------------------------------------------------------------- */
static const wrow utf8_rows[] = {
    OK_("utf8: U+0080", "http://h/\xC2\x80", "http://h/%C2%80"),
    OK_("utf8: U+00E9 (2 bytes)", "http://h/\xC3\xA9", "http://h/%C3%A9"),
    OK_("utf8: U+07FF", "http://h/\xDF\xBF", "http://h/%DF%BF"),
    OK_("utf8: U+0800", "http://h/\xE0\xA0\x80", "http://h/%E0%A0%80"),
    OK_("utf8: U+20AC (3 bytes) in query", "http://h/?\xE2\x82\xAC",
        "http://h/?%E2%82%AC"),
    OK_("utf8: U+D7FF", "http://h/\xED\x9F\xBF", "http://h/%ED%9F%BF"),
    OK_("utf8: U+E000", "http://h/\xEE\x80\x80", "http://h/%EE%80%80"),
    OK_("utf8: U+FFFF", "http://h/\xEF\xBF\xBF", "http://h/%EF%BF%BF"),
    OK_("utf8: U+10000", "http://h/\xF0\x90\x80\x80", "http://h/%F0%90%80%80"),
    OK_("utf8: U+1F600 (4 bytes) in fragment", "http://h/#\xF0\x9F\x98\x80",
        "http://h/#%F0%9F%98%80"),
    OK_("utf8: U+10FFFF", "http://h/\xF4\x8F\xBF\xBF", "http://h/%F4%8F%BF%BF"),
    OK_("utf8: lone continuation byte", "http://h/\x80", "http://h/" FFFD),
    OK_("utf8: two continuation bytes", "http://h/\x80\xBF",
        "http://h/" FFFD FFFD),
    OK_("utf8: overlong C0 80", "http://h/\xC0\x80", "http://h/" FFFD FFFD),
    OK_("utf8: overlong C1 BF", "http://h/\xC1\xBF", "http://h/" FFFD FFFD),
    OK_("utf8: overlong E0 80 80", "http://h/\xE0\x80\x80",
        "http://h/" FFFD FFFD FFFD),
    OK_("utf8: overlong E0 9F BF", "http://h/\xE0\x9F\xBF",
        "http://h/" FFFD FFFD FFFD),
    OK_("utf8: overlong F0 8F BF BF", "http://h/\xF0\x8F\xBF\xBF",
        "http://h/" FFFD FFFD FFFD FFFD),
    OK_("utf8: surrogate ED A0 80", "http://h/\xED\xA0\x80",
        "http://h/" FFFD FFFD FFFD),
    OK_("utf8: surrogate ED BF BF", "http://h/\xED\xBF\xBF",
        "http://h/" FFFD FFFD FFFD),
    OK_("utf8: above U+10FFFF (F4 90 80 80)", "http://h/\xF4\x90\x80\x80",
        "http://h/" FFFD FFFD FFFD FFFD),
    OK_("utf8: F5 lead byte", "http://h/\xF5\x80\x80\x80",
        "http://h/" FFFD FFFD FFFD FFFD),
    OK_("utf8: FE byte", "http://h/\xFE", "http://h/" FFFD),
    OK_("utf8: FF byte", "http://h/\xFF", "http://h/" FFFD),
    OK_("utf8: truncated 2-byte at the end", "http://h/\xC3", "http://h/" FFFD),
    OK_("utf8: truncated 3-byte at the end", "http://h/\xE2\x82",
        "http://h/" FFFD),
    OK_("utf8: truncated 4-byte at the end", "http://h/\xF0\x9F\x98",
        "http://h/" FFFD),
    OK_("utf8: truncated before trailing space that is trimmed",
        "http://h/\xE2\x82 ", "http://h/" FFFD),
    OK_("utf8: truncated 3-byte before ASCII",
        "http://h/\xE2\x82"
        "x",
        "http://h/" FFFD "x"),
    OK_("utf8: truncated before a valid sequence", "http://h/\xC3\xC3\xA9",
        "http://h/" FFFD "%C3%A9"),
    OK_("utf8: truncated before '/'", "http://h/\xE2/x", "http://h/" FFFD "/x"),
    OK_("utf8: truncated before '?'", "http://h/\xF0\x9F?q",
        "http://h/" FFFD "?q"),
    OK_("utf8: truncated in query before '#'", "http://h/?\xE2#f",
        "http://h/?" FFFD "#f"),
    OK_("utf8: truncated in fragment at the end", "http://h/#\xF0\x9F\x98",
        "http://h/#" FFFD),
    OK_("utf8: invalid then valid", "http://h/\x80\xE2\x82\xAC",
        "http://h/" FFFD "%E2%82%AC"),
    OK_("utf8: invalid in query", "http://h/?\xFF", "http://h/?" FFFD),
    OK_("utf8: invalid in opaque path", "sc:\xED\xA0\x80",
        "sc:" FFFD FFFD FFFD),
    OK_("utf8: invalid in userinfo", "http://\xFF@h/", "http://" FFFD "@h/"),
    OK_("utf8: invalid in opaque host", "sc://\xC3/", "sc://" FFFD "/"),
    OK_("utf8: tab inside a sequence splits it", "http://h/\xC3\t\xA9",
        "http://h/" FFFD FFFD),
};

/* --- serializer ------------------------------------------------------- */
static const wrow serializer_rows[] = {
    OK_("serializer: '/.' kept before a '//' path", "web+demo:/.//not-a-host/",
        "web+demo:/.//not-a-host/"),
    OK_("serializer: '/.' after '..' leaves an empty first segment",
        "sc:/..//x", "sc:/.//x"),
    OK_("serializer: '/.' for 'sc:/a/..//b'", "sc:/a/..//b", "sc:/.//b"),
    OK_("serializer: '/.' before two empty segments", "sc:/.//", "sc:/.//"),
    OK_("serializer: one empty segment needs no '/.'", "sc:/./", "sc:/"),
    OK_("serializer: no '/.' with an empty host", "sc:////x", "sc:////x"),
    OK_("serializer: special URLs never need '/.'", "http://h/..//x",
        "http://h//x"),
    OKB("serializer: relative '..//c' against a host-less base", "sc:/a/b",
        "..//c", "sc:/.//c"),
    OKB("serializer: base with a '/.' prefix", "sc:/.//x", "y", "sc:/.//y"),
};

/* --- bases ------------------------------------------------------------ */
static const wrow base_rows[] = {
    ERRB("base failure: forbidden host", "http://a b/", "x", E_HOST),
    ERRB("base failure: port", "http://h:65536/", "x", E_PORT),
    ERRB("base failure: IPv4", "http://1.2.3.4.5/", "x", E_IP4),
    ERRB("base failure: IPv6", "http://[::1::]/", "x", E_IP6),
    ERRB("base failure: IDNA", "http://\xC3\xA9.xn--a/", "x", E_IDNAI),
    ERRB("base failure: no scheme", "/a", "x", E_BASE),
    ERRB("base failure: empty base", "", "x", E_BASE),
    ERRB("base failure: blank base", "  ", "x", E_BASE),
    ERRB("base failure: reported for an absolute input too", "http://a b/",
         "https://h/", E_HOST),
    OKB("base: parsed, not used as text", "HTTP://H/a/./b/../c", "d",
        "http://h/a/d"),
    OKB("base: path encoded", "http://h/{x}/y", "z", "http://h/%7Bx%7D/z"),
    OKB("base: spaces trimmed", "  http://h/a  ", "b", "http://h/b"),
    OKB("base: userinfo encoded", "http://a b@h/", "x", "http://a%20b@h/x"),
    OKB("base: IPv4 normalized", "http://0x7f.1/a", "b", "http://127.0.0.1/b"),
    OKB("base: default port removed", "http://h:80/a", "b", "http://h/b"),
    OKB("base: non-default port kept", "http://h:8080/a", "b",
        "http://h:8080/b"),
    OKB("base: IPv6 normalized", "http://[0:0::1]/a", "b", "http://[::1]/b"),
    OKB("base: fragment ignored", "http://h/a#f", "b", "http://h/b"),
    OKB("base: percent-decoded host", "http://%41/x", "y", "http://a/y"),
    OKB("base: query encoded with the special-query set", "http://h/?'", "#f",
        "http://h/?%27#f"),
    OKB("base: trailing slash, empty input", "http://h/a/b/", "",
        "http://h/a/b/"),
    OKB("base: trailing slash, '.'", "http://h/a/b/", ".", "http://h/a/b/"),
    OKB("base: trailing slash, '..'", "http://h/a/b/", "..", "http://h/a/"),
    OKB("base: trailing slash, '../..'", "http://h/a/b/", "../..", "http://h/"),
    OKB("base: trailing slash, segment", "http://h/a/b/", "c",
        "http://h/a/b/c"),
    OKB("base: '/' is the root", "http://h/a/b/", "/", "http://h/"),
    OKB("base: special backslash walk", "https://h/", "\\a\\..\\b/.\\",
        "https://h/b/"),
    OKB("base: special relative backslash", "http://h/a/b", "c\\d",
        "http://h/a/c/d"),
    OKB("base: non-special segment", "sc://h/a/b", "c", "sc://h/a/c"),
    OKB("base: non-special '..'", "sc://h/a/b", "../c", "sc://h/c"),
    OKB("base: non-special query", "sc://h/a?x#y", "?q", "sc://h/a?q"),
    OKB("base: non-special '//x'", "sc://h/a", "//x", "sc://x"),
    OKB("base: non-special '///x'", "sc://h/a", "///x", "sc:///x"),
    OKB("base: non-special base with an empty path", "sc://h", "x", "sc://h/x"),
    OKB("base: non-special backslash segment", "sc://h/a/b", "c\\d",
        "sc://h/a/c\\d"),
    OKB("base: non-special leading backslash", "sc://h/a", "\\b", "sc://h/\\b"),
    OKB("base: non-special base path with a backslash", "sc://h/a\\b", "c",
        "sc://h/c"),
    OKB("base: host-less base, segment", "sc:/a/b", "c", "sc:/a/c"),
    OKB("base: host-less base, absolute path", "sc:/a/b", "/c", "sc:/c"),
    OKB("base: tab inside the base removed", "http://h/a\t/b", "c",
        "http://h/a/c"),
    OKB("base: '%2e%2e' in the base path", "http://h/a/%2e%2e/b", "c",
        "http://h/c"),
    OKB("base: userinfo from the base re-encoded", "http://a b:c d@h/x", "y",
        "http://a%20b:c%20d@h/y"),
    OKB("base: empty base query kept", "http://h/a?", "", "http://h/a?"),
    OKB("base: '..' against the root", "http://h/", "../x", "http://h/x"),
    OKB("base: many '..' to the root", "http://h/a/b", "../../../..",
        "http://h/"),
    OKB("base: query set chosen by the base's scheme (special)", "http://h/",
        "?'", "http://h/?%27"),
    OKB("base: query set chosen by the base's scheme (non-special)", "sc://h/",
        "?'", "sc://h/?'"),
    OKB("base: fragment against a non-special base", "sc://h/", "#`",
        "sc://h/#%60"),
    OKB("base: same-scheme ftp relative", "ftp://h/a", "ftp:b", "ftp://h/b"),
    OKB("base: empty-host non-special base, segment", "sc:///a/b", "c",
        "sc:///a/c"),
    OKB("base: empty-host non-special base, absolute path", "sc:///a/b", "/c",
        "sc:///c"),
    OKB("base: '//' gives an empty non-special host", "sc://h/a", "//",
        "sc://"),
    OKB("base: non-special host-only base, query", "sc://h", "?q", "sc://h?q"),
    OKB("base: non-special host-only base, empty input", "sc://h#f", "",
        "sc://h"),
    OKB("base: non-special '..' from a directory", "sc://h/a/", "..",
        "sc://h/"),
    OKB("base: file base with a trailing slash, '..'", "file:///C:/", "..",
        "file:///C:/"),
    OKB("base: file '//C|/x' puts the drive in the path", "file:///a", "//C|/x",
        "file:///C:/x"),
};

/* ------------------------------------------------------------------ */
/* Components of the result                                            */

typedef struct crow {
    const char *name;
    const char *base; /* NULL = no base */
    size_t base_len;
    const char *input;
    size_t input_len;
    const char *want; /* href */
    redir_host_type host_type;
    bool opaque;
    /* NULL = absent; port as digits */
    const char *scheme, *userinfo, *host, *port, *path, *query, *fragment;
} crow;

#define C_(nm, in, out)    nm, NULL, 0, S(in), out
#define CB(nm, b, in, out) nm, S(b), S(in), out

static const crow comps_rows[] = {
    {C_("parts: every component", "http://u:p@H:81/a/b?q#f",
        "http://u:p@h:81/a/b?q#f"),
     HD, false, "http", "u:p", "h", "81", "/a/b", "q", "f"},
    {C_("parts: special host alone has path '/'", "http://h", "http://h/"), HD,
     false, "http", NULL, "h", NULL, "/", NULL, NULL},
    {C_("parts: default port absent, empty query and fragment",
        "http://h:80/?#", "http://h/?#"),
     HD, false, "http", NULL, "h", NULL, "/", "", ""},
    {C_("parts: IPv6 host keeps brackets, default port absent",
        "https://[0:0::1]:443/x", "https://[::1]/x"),
     H6, false, "https", NULL, "[::1]", NULL, "/x", NULL, NULL},
    {C_("parts: IPv4 host", "http://0x7f.1/", "http://127.0.0.1/"), H4, false,
     "http", NULL, "127.0.0.1", NULL, "/", NULL, NULL},
    {C_("parts: domain with maximum port", "HTTP://EXAMPLE.COM:65535",
        "http://example.com:65535/"),
     HD, false, "http", NULL, "example.com", "65535", "/", NULL, NULL},
    {C_("parts: ws keeps port 443", "ws://h:443/", "ws://h:443/"), HD, false,
     "ws", NULL, "h", "443", "/", NULL, NULL},
    {C_("parts: empty non-special host, empty path", "sc://", "sc://"), HE,
     false, "sc", NULL, "", NULL, "", NULL, NULL},
    {C_("parts: empty non-special host with a path", "sc:///x", "sc:///x"), HE,
     false, "sc", NULL, "", NULL, "/x", NULL, NULL},
    {C_("parts: opaque host, empty path", "sc://h", "sc://h"), HO, false, "sc",
     NULL, "h", NULL, "", NULL, NULL},
    {C_("parts: port 0 and query, empty path", "sc://h:0?q", "sc://h:0?q"), HO,
     false, "sc", NULL, "h", "0", "", "q", NULL},
    {C_("parts: opaque host percent-encoded", "sc://\xC3\xA9/", "sc://%C3%A9/"),
     HO, false, "sc", NULL, "%C3%A9", NULL, "/", NULL, NULL},
    {C_("parts: non-special userinfo, no path", "sc://u@h", "sc://u@h"), HO,
     false, "sc", "u", "h", NULL, "", NULL, NULL},
    {C_("parts: IPv6 on a non-special URL", "sc://[::1]:99/p",
        "sc://[::1]:99/p"),
     H6, false, "sc", NULL, "[::1]", "99", "/p", NULL, NULL},
    {C_("parts: opaque path with query and fragment", "sc:a b?q#f",
        "sc:a b?q#f"),
     HN, true, "sc", NULL, NULL, NULL, "a b", "q", "f"},
    {C_("parts: empty opaque path", "sc:", "sc:"), HN, true, "sc", NULL, NULL,
     NULL, "", NULL, NULL},
    {C_("parts: mailto", "mailto:x@y?subject=hi", "mailto:x@y?subject=hi"), HN,
     true, "mailto", NULL, NULL, NULL, "x@y", "subject=hi", NULL},
    {C_("parts: data URL", "data:,x", "data:,x"), HN, true, "data", NULL, NULL,
     NULL, ",x", NULL, NULL},
    {C_("parts: opaque path space before '?'", "sc:a ?q", "sc:a%20?q"), HN,
     true, "sc", NULL, NULL, NULL, "a%20", "q", NULL},
    {C_("parts: host-less hierarchical path", "sc:/a", "sc:/a"), HN, false,
     "sc", NULL, NULL, NULL, "/a", NULL, NULL},
    {C_("parts: host-less path '/'", "sc:/", "sc:/"), HN, false, "sc", NULL,
     NULL, NULL, "/", NULL, NULL},
    {C_("parts: path excludes the serializer's '/.'", "sc:/..//x", "sc:/.//x"),
     HN, false, "sc", NULL, NULL, NULL, "//x", NULL, NULL},
    {C_("parts: web+demo path excludes '/.'", "web+demo:/.//not-a-host/",
        "web+demo:/.//not-a-host/"),
     HN, false, "web+demo", NULL, NULL, NULL, "//not-a-host/", NULL, NULL},
    {C_("parts: '/.' before '//' only", "sc:/.//", "sc:/.//"), HN, false, "sc",
     NULL, NULL, NULL, "//", NULL, NULL},
    {C_("parts: file with a drive", "file:///C|/x", "file:///C:/x"), HE, false,
     "file", NULL, "", NULL, "/C:/x", NULL, NULL},
    {C_("parts: file localhost is the empty host", "file://localhost/x",
        "file:///x"),
     HE, false, "file", NULL, "", NULL, "/x", NULL, NULL},
    {C_("parts: file domain host", "file://h/x", "file://h/x"), HD, false,
     "file", NULL, "h", NULL, "/x", NULL, NULL},
    {C_("parts: file '//' path", "file:////x", "file:////x"), HE, false, "file",
     NULL, "", NULL, "//x", NULL, NULL},
    {C_("parts: 'file:' alone", "file:", "file:///"), HE, false, "file", NULL,
     "", NULL, "/", NULL, NULL},
    {C_("parts: empty user with password", "http://:p@h/", "http://:p@h/"), HD,
     false, "http", ":p", "h", NULL, "/", NULL, NULL},
    {C_("parts: empty password dropped", "http://u:@h/", "http://u@h/"), HD,
     false, "http", "u", "h", NULL, "/", NULL, NULL},
    {C_("parts: empty credentials absent", "http://:@h/", "http://h/"), HD,
     false, "http", NULL, "h", NULL, "/", NULL, NULL},
    {C_("parts: '@' in the user", "http://a@b@h/", "http://a%40b@h/"), HD,
     false, "http", "a%40b", "h", NULL, "/", NULL, NULL},
    {CB("parts: relative keeps the base's credentials and port",
        "http://u:p@h:8/a/b?q#f", "c?x", "http://u:p@h:8/a/c?x"),
     HD, false, "http", "u:p", "h", "8", "/a/c", "x", NULL},
    {CB("parts: fragment against an opaque base", "sc:a?q", "#f", "sc:a?q#f"),
     HN, true, "sc", NULL, NULL, NULL, "a", "q", "f"},
    {CB("parts: file drive kept from the base", "file:///C:/a/b", "/x",
        "file:///C:/x"),
     HE, false, "file", NULL, "", NULL, "/C:/x", NULL, NULL},
};

static void expect_component(const char *label, const char *t, size_t n,
                             bool present, redir_span sp, const char *want)
{
    if (want == NULL) {
        if (present || !span_is_zero(sp)) {
            print_error("%s: expected absent (flag clear, {0,0}), got "
                        "flag %d span {%zu,%zu}\n",
                        label, (int)present, sp.off, sp.len);
            failed();
        }
        return;
    }
    if (!present) {
        print_error("%s: expected present, its flag is clear\n", label);
        failed();
    }
    if (sp.off > n || sp.len > n - sp.off) {
        print_error("%s: span {%zu,%zu} lies outside the %zu-byte output\n",
                    label, sp.off, sp.len, n);
        failed();
    }
    expect_text(label, t + sp.off, sp.len, want, strlen(want));
}

static void test_comps_row(void **state)
{
    const crow *r = TEST_ROW(crow, state);
    char *base = copy_exact(r->base, r->base_len);
    char *in = copy_exact(r->input, r->input_len);
    set_context(base, r->base_len, in, r->input_len);
    char *out = alloc_tracked(OUT_CAP + GUARD);
    memset(out, SENTINEL, OUT_CAP + GUARD);
    size_t len = 0;
    redir_url u;
    memset(&u, 0x5a, sizeof u);
    redir_status st = redir_url_resolve(base, r->base_len, in, r->input_len,
                                        WHATWG, out, OUT_CAP, &len, &u);
    expect_status("resolve", st, OK);
    expect_text("href", out, len, r->want, strlen(r->want));

    const uint32_t f = u.flags;
    if (!(f & REDIR_URL_HAS_SCHEME)) {
        print_error("scheme flag clear\n");
        failed();
    }
    if (((f & REDIR_URL_OPAQUE_PATH) != 0) != r->opaque) {
        print_error("opaque-path flag: expected %d, flags 0x%02x\n",
                    (int)r->opaque, (unsigned)f);
        failed();
    }
    if (u.host_type != r->host_type) {
        print_error("host_type: expected %d, got %d\n", (int)r->host_type,
                    (int)u.host_type);
        failed();
    }
    int32_t want_port = -1;
    if (r->port != NULL) {
        want_port = 0;
        for (const char *p = r->port; *p; p++)
            want_port = want_port * 10 + (*p - '0');
    }
    if (u.port_number != want_port) {
        print_error("port_number: expected %d, got %d\n", (int)want_port,
                    (int)u.port_number);
        failed();
    }
    expect_component("scheme", out, len, true, u.scheme, r->scheme);
    expect_component("userinfo", out, len, (f & REDIR_URL_HAS_USERINFO) != 0,
                     u.userinfo, r->userinfo);
    expect_component("host", out, len, (f & REDIR_URL_HAS_AUTHORITY) != 0,
                     u.host, r->host);
    expect_component("port", out, len, (f & REDIR_URL_HAS_PORT) != 0, u.port,
                     r->port);
    expect_component("path", out, len, true, u.path, r->path);
    expect_component("query", out, len, (f & REDIR_URL_HAS_QUERY) != 0, u.query,
                     r->query);
    expect_component("fragment", out, len, (f & REDIR_URL_HAS_FRAGMENT) != 0,
                     u.fragment, r->fragment);
    check_structure(out, len, &u);
}

/* ------------------------------------------------------------------ */
/* Capacity: every capacity below the need gives NOSPACE and the need  */

typedef struct caprow {
    const char *name;
    const char *base;
    size_t base_len;
    const char *input;
    size_t input_len;
    const char *want;
    size_t want_len;
} caprow;

#define CAP_(nm, in, out)                                                      \
    {                                                                          \
        nm, NULL, 0, S(in), S(out)                                             \
    }
#define CAPB(nm, b, in, out)                                                   \
    {                                                                          \
        nm, S(b), S(in), S(out)                                                \
    }

static const caprow cap_rows[] = {
    CAP_("capacity: short URL", "http://h/", "http://h/"),
    CAP_("capacity: every component", "http://u:p@[::1]:81/a?b#c",
         "http://u:p@[::1]:81/a?b#c"),
    CAP_("capacity: IPv4 longer than its input", "http://0x7f.1/",
         "http://127.0.0.1/"),
    CAP_("capacity: IPv6 shorter than its input", "http://[1:0:0:2:0:0:0:3]/",
         "http://[1:0:0:2::3]/"),
    CAP_("capacity: decoded domain and encoded path", "http://%41.com/a b",
         "http://a.com/a%20b"),
    CAP_("capacity: '/.' prefix", "sc:/..//x", "sc:/.//x"),
    CAP_("capacity: userinfo with %40", "http://a@b@h/", "http://a%40b@h/"),
    CAP_("capacity: replacement characters", "http://h/\xFF\xC3\xA9",
         "http://h/" FFFD "%C3%A9"),
    CAP_("capacity: opaque path space before '?'", "sc:a ?q", "sc:a%20?q"),
    CAPB("capacity: file drive from the base", "file:///C:/a/b", "../x",
         "file:///C:/x"),
    CAPB("capacity: dot segments across base and input", "http://h/a/b/c/d",
         "../../x/./y/..", "http://h/a/x/"),
    CAPB("capacity: base query and new fragment", "http://h/p?q#f", "#g",
         "http://h/p?q#g"),
    /* the parser's measured bound must never fall short */
    CAP_("capacity: query and fragment to encode", "http://h/?a b\"#c d`",
         "http://h/?a%20b%22#c%20d%60"),
    CAP_("capacity: ill-formed UTF-8 in query and fragment",
         "http://h/?\xFF\xE2\x82#\xF0\x9F", "http://h/?" FFFD FFFD "#" FFFD),
    CAP_("capacity: tabs in every component", "ht\ttp://h\t/a\tb?c\td#e\tf",
         "http://h/ab?cd#ef"),
    CAP_("capacity: IDNA host",
         "http://b\xC3\xBC"
         "cher.de/",
         "http://xn--bcher-kva.de/"),
    CAP_("capacity: quote in a special query", "http://h/?'", "http://h/?%27"),
    CAP_("capacity: quote in a non-special query", "sc://h/?'", "sc://h/?'"),
    CAPB("capacity: encoded base path taken whole", "http://h/\xC3\xA9/x", "?q",
         "http://h/%C3%A9/x?q"),
};

static void test_capacity_row(void **state)
{
    const caprow *r = TEST_ROW(caprow, state);
    char *base = copy_exact(r->base, r->base_len);
    char *in = copy_exact(r->input, r->input_len);
    set_context(base, r->base_len, in, r->input_len);
    const size_t need = r->want_len;
    char *out = alloc_tracked(need + GUARD);
    for (size_t cap = 0; cap <= need; cap++) {
        memset(out, SENTINEL, need + GUARD);
        size_t len = 0;
        redir_url u;
        redir_status st = redir_url_resolve(base, r->base_len, in, r->input_len,
                                            WHATWG, out, cap, &len, &u);
        if (cap < need) {
            if (st != E_SPACE || len != need)
                print_error("at capacity %zu:\n", cap);
            expect_status("resolve below the needed length", st, E_SPACE);
            expect_size("reported length", len, need);
            expect_untouched("the buffer", out, 0, need + GUARD);
        } else {
            expect_status("resolve at exactly the needed length", st, OK);
            expect_text("href", out, len, r->want, r->want_len);
            expect_untouched("bytes past the result", out, need, need + GUARD);
            check_structure(out, len, &u);
        }
    }
    /* A pure length query. */
    size_t len = 0;
    redir_status st = redir_url_resolve(base, r->base_len, in, r->input_len,
                                        WHATWG, NULL, 0, &len, NULL);
    expect_status("length query with out NULL", st, E_SPACE);
    expect_size("length query", len, need);
}

/* ------------------------------------------------------------------ */
/* Arguments                                                           */

static void test_null_out_len(void **state)
{
    (void)state;
    char *in = copy_exact("http://h/", 9);
    set_context(NULL, 0, in, 9);
    char out[32];
    redir_status st =
        redir_url_resolve(NULL, 0, in, 9, WHATWG, out, sizeof out, NULL, NULL);
    expect_status("out_len NULL", st, E_ARG);
}

static void test_null_input_with_length(void **state)
{
    (void)state;
    set_context(NULL, 0, NULL, 3);
    char out[32];
    size_t len = 7;
    redir_status st = redir_url_resolve(NULL, 0, NULL, 3, WHATWG, out,
                                        sizeof out, &len, NULL);
    expect_status("input NULL with length 3", st, E_ARG);
    expect_size("out_len", len, 0);
}

static void test_null_base_with_length(void **state)
{
    (void)state;
    char *in = copy_exact("x", 1);
    set_context(NULL, 3, in, 1);
    char out[32];
    size_t len = 7;
    redir_status st =
        redir_url_resolve(NULL, 3, in, 1, WHATWG, out, sizeof out, &len, NULL);
    expect_status("base NULL with length 3", st, E_ARG);
    expect_size("out_len", len, 0);
}

static void test_null_out_with_capacity(void **state)
{
    (void)state;
    char *in = copy_exact("http://h/", 9);
    set_context(NULL, 0, in, 9);
    size_t len = 7;
    redir_status st =
        redir_url_resolve(NULL, 0, in, 9, WHATWG, NULL, 5, &len, NULL);
    expect_status("out NULL with capacity 5", st, E_ARG);
    expect_size("out_len", len, 0);
}

/* NULL with length 0 is the empty reference: the base minus fragment. */
static void test_null_input_empty(void **state)
{
    (void)state;
    char *base = copy_exact("http://h/a?q#f", 14);
    set_context(base, 14, NULL, 0);
    char *out = alloc_tracked(64);
    memset(out, SENTINEL, 64);
    size_t len = 0;
    redir_url u;
    redir_status st =
        redir_url_resolve(base, 14, NULL, 0, WHATWG, out, 64, &len, &u);
    expect_status("NULL input of length 0", st, OK);
    expect_text("href", out, len, "http://h/a?q", 12);
    check_structure(out, len, &u);
}

/* A failing input reports its failure, not NOSPACE, even at capacity 0. */
static void test_failure_beats_nospace(void **state)
{
    (void)state;
    char *in = copy_exact("http://a b/", 11);
    set_context(NULL, 0, in, 11);
    size_t len = 7;
    redir_status st =
        redir_url_resolve(NULL, 0, in, 11, WHATWG, NULL, 0, &len, NULL);
    expect_status("invalid host at capacity 0", st, E_HOST);
    expect_size("out_len", len, 0);
}

/* The result pointer is optional. */
static void test_result_optional(void **state)
{
    (void)state;
    char *in = copy_exact("HTTP://H:80/a/../b", 18);
    set_context(NULL, 0, in, 18);
    char *out = alloc_tracked(64);
    memset(out, SENTINEL, 64);
    size_t len = 0;
    redir_status st =
        redir_url_resolve(NULL, 0, in, 18, WHATWG, out, 64, &len, NULL);
    expect_status("result NULL", st, OK);
    expect_text("href", out, len, "http://h/b", 10);
}

/* The input bytes after input_len are not read (they would change it). */
static void test_prefix_only(void **state)
{
    (void)state;
    char *in = copy_exact("http://h/a b#c", 14);
    set_context(NULL, 0, in, 11);
    char *out = alloc_tracked(64);
    memset(out, SENTINEL, 64);
    size_t len = 0;
    redir_status st =
        redir_url_resolve(NULL, 0, in, 11, WHATWG, out, 64, &len, NULL);
    expect_status("prefix of the input", st, OK);
    /* Only "http://h/a " is the input; its trailing space is trimmed. */
    expect_text("href", out, len, "http://h/a", 10);
}

/*
 * 300 segments then 299 "..": the dot-dot segments must cancel exactly,
 * at every capacity around the result too.
 */
static void test_long_dot_dot_chain(void **state)
{
    (void)state;
    const char head[] = "http://h/";
    const size_t n = (sizeof head - 1) + 300 * 2 + 299 * 3 + 1;
    char *in = alloc_tracked(n);
    size_t k = 0;
    memcpy(in, head, sizeof head - 1);
    k += sizeof head - 1;
    for (int i = 0; i < 300; i++) {
        in[k++] = 'a';
        in[k++] = '/';
    }
    for (int i = 0; i < 299; i++) {
        in[k++] = '.';
        in[k++] = '.';
        in[k++] = '/';
    }
    in[k++] = 'x';
    if (k != n)
        abort();
    set_context(NULL, 0, in, n);
    static const char want[] = "http://h/a/x";
    const size_t need = sizeof want - 1;
    char *out = alloc_tracked(need + GUARD);
    for (size_t cap = 0; cap <= need; cap++) {
        memset(out, SENTINEL, need + GUARD);
        size_t len = 0;
        redir_url u;
        redir_status st =
            redir_url_resolve(NULL, 0, in, n, WHATWG, out, cap, &len, &u);
        expect_size("reported length", len, need);
        expect_untouched("bytes at and past the capacity", out, cap,
                         need + GUARD);
        if (cap < need) {
            expect_status("below the needed length", st, E_SPACE);
        } else {
            expect_status("at the needed length", st, OK);
            expect_text("href", out, len, want, need);
            check_structure(out, len, &u);
        }
    }
}

static void test_stable_values(void **state)
{
    (void)state;
    set_context(NULL, 0, NULL, 0);
    if (REDIR_URL_WHATWG != 2 || REDIR_HOST_DOMAIN != 5 ||
        REDIR_HOST_OPAQUE != 6 || REDIR_HOST_EMPTY != 7 ||
        REDIR_URL_OPAQUE_PATH != 0x40u || REDIR_E_IDNA_UNSUPPORTED != 24 ||
        REDIR_E_INVALID_HOST != 25 || REDIR_E_INVALID_IPV4 != 26 ||
        REDIR_E_OPAQUE_BASE != 27) {
        print_error("a WHATWG-mode constant changed its value\n");
        failed();
    }
}

/* ------------------------------------------------------------------ */

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_row, pre_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, scheme_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, nobase_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, relative_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, authority_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, hostport_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, path_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, opaque_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, qf_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, file_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, domain_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, ipv4_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, ipv6_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, utf8_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, serializer_rows);
    TEST_LIST_ADD_TABLE(&list, test_row, base_rows);
    TEST_LIST_ADD_TABLE(&list, test_comps_row, comps_rows);
    TEST_LIST_ADD_TABLE(&list, test_capacity_row, cap_rows);
    test_list_add(&list, "arguments: out_len NULL", test_null_out_len, NULL);
    test_list_add(&list, "arguments: input NULL with a length",
                  test_null_input_with_length, NULL);
    test_list_add(&list, "arguments: base NULL with a length",
                  test_null_base_with_length, NULL);
    test_list_add(&list, "arguments: out NULL with a capacity",
                  test_null_out_with_capacity, NULL);
    test_list_add(&list, "arguments: input NULL of length 0 is empty",
                  test_null_input_empty, NULL);
    test_list_add(&list, "arguments: a failure beats NOSPACE",
                  test_failure_beats_nospace, NULL);
    test_list_add(&list, "arguments: result pointer is optional",
                  test_result_optional, NULL);
    test_list_add(&list, "arguments: only input_len bytes are read",
                  test_prefix_only, NULL);
    test_list_add(&list, "path: 300 segments cancelled by 299 '..'",
                  test_long_dot_dot_chain, NULL);
    test_list_add(&list, "stable values of WHATWG-mode constants",
                  test_stable_values, NULL);
    int failed_count = run_tracked(&list, "whatwg");
    return failed_count == 0 ? 0 : 1;
}
