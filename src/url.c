/*
 * url.c - RFC 3986 parsing, reference resolution and origins.
 *
 * Everything is a single forward scan over pointer+length input, except
 * remove_dot_segments, which runs backwards (see rds_walk) so that it
 * needs no stack of segments and can report the exact output length
 * before a byte is written.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

/* ---------------------------------------------------------------------
 * Character classes of RFC 3986 Appendix A. Explicit comparisons, not
 * <ctype.h>: the grammar is ASCII and must not depend on the locale.
 */
enum {
    CH_UNRESERVED = 0x01, /* ALPHA DIGIT - . _ ~ */
    CH_SUB_DELIM = 0x02,  /* ! $ & ' ( ) * + , ; = */
    CH_COLON = 0x04,
    CH_AT = 0x08,
    CH_SLASH = 0x10,
    CH_QUESTION = 0x20,
    CH_LOOSE = 0x40, /* space and bytes >= 0x80: allowed only when loose */
    CH_CTRL = 0x80   /* C0 controls and DEL: allowed only in a relative
                        reference read with REDIR_LOOSE_CTRL */
};

/* What each component may hold besides percent-encoded octets. */
#define ALLOW_REG_NAME (CH_UNRESERVED | CH_SUB_DELIM)
#define ALLOW_USERINFO (ALLOW_REG_NAME | CH_COLON)
#define ALLOW_PCHAR    (ALLOW_USERINFO | CH_AT)
#define ALLOW_PATH     (ALLOW_PCHAR | CH_SLASH)
#define ALLOW_QUERY    (ALLOW_PATH | CH_QUESTION) /* fragment too */

#define CHC(c)                                                                 \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||               \
             ((c) >= '0' && (c) <= '9') || (c) == '-' || (c) == '.' ||         \
             (c) == '_' || (c) == '~'                                          \
         ? CH_UNRESERVED                                                       \
     : (c) == '!' || (c) == '$' || (c) == '&' || (c) == '\'' || (c) == '(' ||  \
             (c) == ')' || (c) == '*' || (c) == '+' || (c) == ',' ||           \
             (c) == ';' || (c) == '='                                          \
         ? CH_SUB_DELIM                                                        \
     : (c) == ':'                ? CH_COLON                                    \
     : (c) == '@'                ? CH_AT                                       \
     : (c) == '/'                ? CH_SLASH                                    \
     : (c) == '?'                ? CH_QUESTION                                 \
     : (c) == ' ' || (c) >= 0x80 ? CH_LOOSE                                    \
     : (c) < 0x20 || (c) == 0x7f ? CH_CTRL                                     \
                                 : 0)
#define CHC4(c)  CHC(c), CHC((c) + 1), CHC((c) + 2), CHC((c) + 3)
#define CHC16(c) CHC4(c), CHC4((c) + 4), CHC4((c) + 8), CHC4((c) + 12)
#define CHC64(c) CHC16(c), CHC16((c) + 16), CHC16((c) + 32), CHC16((c) + 48)
static const unsigned char char_classes[256] = {CHC64(0), CHC64(64), CHC64(128),
                                                CHC64(192)};
#undef CHC64
#undef CHC16
#undef CHC4
#undef CHC

static unsigned char_class(unsigned char c)
{
    return char_classes[c];
}

/* Whether s[i] ends an RFC 3986 component: '#', or a byte of the classes
 * `stops` (CH_COLON, CH_SLASH, CH_QUESTION). The character classes serve
 * as the delimiter table here (not redir_stop_bits), so that an
 * RFC-3986-only image holds one 256-byte table, not two. */
static bool ends_at(const char *s, size_t i, unsigned stops)
{
    return s[i] == '#' || (char_class((unsigned char)s[i]) & stops);
}

/* Index of the first byte at or after i in s[..n) that ends_at(), or n. */
static size_t scan_to(const char *s, size_t i, size_t n, unsigned stops)
{
    while (i < n && !ends_at(s, i, stops))
        i++;
    return i;
}

/* Index of the first byte at or after i in s[..n) that is neither in
 * `allowed` nor the start of a percent-encoded octet, or n. A '%' there
 * without two hex digits sets *st to REDIR_E_INVALID_PERCENT. A
 * component is checked and its end found in this one scan: the byte
 * that ends it ('?', '#') is in no class it allows. */
static size_t scan_allowed(const char *s, size_t i, size_t n, unsigned allowed,
                           redir_status *st)
{
    for (;;) {
        while (i < n && (char_class((unsigned char)s[i]) & allowed))
            i++; /* '%' is in no class */
        if (i == n || s[i] != '%')
            return i;
        if (n - i < 3 || redir_hexval((unsigned char)s[i + 1]) < 0 ||
            redir_hexval((unsigned char)s[i + 2]) < 0) {
            *st = REDIR_E_INVALID_PERCENT;
            return i;
        }
        i += 3;
    }
}

/* Checks s[0..n) against a component's allowed set. */
static redir_status check_chars(const char *s, size_t n, unsigned allowed)
{
    redir_status st = REDIR_OK;
    size_t e = scan_allowed(s, 0, n, allowed, &st);
    return st != REDIR_OK ? st : e < n ? REDIR_E_INVALID_CHARACTER : REDIR_OK;
}

/* Checks the component at s[i..), which ends at n or where ends_at()
 * with `stops`; sets *end there. */
static redir_status check_to(const char *s, size_t i, size_t n,
                             unsigned allowed, unsigned stops, size_t *end)
{
    redir_status st = REDIR_OK;
    size_t e = scan_allowed(s, i, n, allowed, &st);
    *end = e;
    if (st != REDIR_OK)
        return st;
    if (e < n && !ends_at(s, e, stops))
        return REDIR_E_INVALID_CHARACTER;
    return REDIR_OK;
}

/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
static bool is_scheme(const char *s, size_t n)
{
    if (n == 0 || !redir_is_alpha((unsigned char)s[0]))
        return false;
    for (size_t i = 1; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!redir_is_alpha(c) && !redir_is_digit(c) && c != '+' && c != '-' &&
            c != '.')
            return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Hosts
 */

/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
static bool is_ipvfuture(const char *s, size_t n)
{
    size_t i = 1;
    if (n < 4 || (s[0] != 'v' && s[0] != 'V'))
        return false;
    while (i < n && redir_hexval((unsigned char)s[i]) >= 0)
        i++;
    if (i == 1 || i >= n - 1 || s[i] != '.')
        return false;
    for (i++; i < n; i++)
        if ((char_class((unsigned char)s[i]) & (ALLOW_REG_NAME | CH_COLON)) ==
            0)
            return false;
    return true;
}

/* Index of the first `c` in s[i..n), or n. */
static size_t find_byte(const char *s, size_t i, size_t n, char c)
{
    while (i < n && s[i] != c)
        i++;
    return i;
}

/* authority = [ userinfo "@" ] host [ ":" port ], in s[begin..end). */
static redir_status rfc_authority(const char *s, size_t begin, size_t end,
                                  redir_url *u)
{
    size_t h = begin;
    size_t at = find_byte(s, begin, end, '@');
    redir_status st;

    u->flags |= REDIR_URL_HAS_AUTHORITY;
    if (at < end) {
        size_t a = at;
        if ((st = check_chars(s + begin, a - begin, ALLOW_USERINFO)) !=
            REDIR_OK)
            return st;
        u->flags |= REDIR_URL_HAS_USERINFO;
        u->userinfo.off = begin;
        u->userinfo.len = a - begin;
        h = a + 1;
    }

    size_t host_end;
    if (h < end && s[h] == '[') {
        size_t close = find_byte(s, h, end, ']');
        uint8_t addr[16];
        if (close == end)
            return REDIR_E_INVALID_IP_LITERAL;
#ifdef REDIR_NO_IPV6 /* IPvFuture too: every IP literal */
        return REDIR_E_IPV6_UNSUPPORTED;
#endif
        host_end = close + 1;
        if (redir_ip6_parse(s + h + 1, host_end - h - 2, addr))
            u->host_type = REDIR_HOST_IPV6;
        else if (is_ipvfuture(s + h + 1, host_end - h - 2))
            u->host_type = REDIR_HOST_IPVFUTURE;
        else
            return REDIR_E_INVALID_IP_LITERAL;
        if (host_end < end && s[host_end] != ':')
            return REDIR_E_INVALID_IP_LITERAL;
    } else {
        host_end = find_byte(s, h, end, ':');
        if ((st = check_chars(s + h, host_end - h, ALLOW_REG_NAME)) != REDIR_OK)
            return st;
        u->host_type = redir_ip4_dotted(s + h, host_end - h, NULL)
                           ? REDIR_HOST_IPV4
                           : REDIR_HOST_REG_NAME;
    }
    u->host.off = h;
    u->host.len = host_end - h;

    if (host_end < end) { /* s[host_end] == ':' */
        uint32_t value = 0;
        u->flags |= REDIR_URL_HAS_PORT;
        u->port.off = host_end + 1;
        u->port.len = end - host_end - 1;
        for (size_t i = host_end + 1; i < end; i++) {
            if (!redir_is_digit((unsigned char)s[i]))
                return REDIR_E_INVALID_PORT;
            value = value * 10u + (uint32_t)(s[i] - '0');
            if (value > 65535u)
                return REDIR_E_INVALID_PORT;
        }
        if (u->port.len > 0)
            u->port_number = (int32_t)value;
    }
    return REDIR_OK;
}

/* `loose` is CH_LOOSE to let spaces and bytes >= 0x80 stand in the path,
 * query and fragment (to be percent-encoded on output), else 0. */
static redir_status parse_reference(const char *s, size_t n, redir_url *u,
                                    unsigned loose)
{
    redir_status st;
    size_t i = scan_to(s, 0, n, CH_COLON | CH_SLASH | CH_QUESTION);

    /* A ':' before any '/', '?' or '#' ends a scheme: a relative
     * reference may not hold one in its first segment (path-noscheme). */
    if (i < n && s[i] == ':') {
        if (!is_scheme(s, i)) {
            st = check_chars(s, i, ALLOW_PCHAR);
            return st != REDIR_OK ? st : REDIR_E_INVALID_SCHEME;
        }
        u->flags |= REDIR_URL_HAS_SCHEME;
        u->scheme.len = i;
        i++;
    } else {
        i = 0;
    }

    /* "//" starts the authority. curl reads any number of slashes after
     * "http:" or "https:" that way ("http:/host/x"), and so does loose. */
    size_t slashes = 0;
    while (i + slashes < n && s[i + slashes] == '/')
        slashes++;
    bool web = loose && (u->flags & REDIR_URL_HAS_SCHEME) &&
               (redir_equal_nocase(s, u->scheme.len, "http", 4) ||
                redir_equal_nocase(s, u->scheme.len, "https", 5));
    size_t at = (web && slashes > 0) ? i + slashes : slashes >= 2 ? i + 2 : 0;
    if (at > 0) {
        size_t end = scan_to(s, at, n, CH_SLASH | CH_QUESTION);
        if ((st = rfc_authority(s, at, end, u)) != REDIR_OK)
            return st;
        i = end;
    }

    size_t end;
    if ((st = check_to(s, i, n, ALLOW_PATH | loose, CH_QUESTION, &end)) !=
        REDIR_OK)
        return st;
    u->path.off = i;
    u->path.len = end - i;
    i = end;

    if (i < n && s[i] == '?') {
        if ((st = check_to(s, i + 1, n, ALLOW_QUERY | loose, 0, &end)) !=
            REDIR_OK)
            return st;
        u->flags |= REDIR_URL_HAS_QUERY;
        u->query.off = i + 1;
        u->query.len = end - i - 1;
        i = end;
    }
    if (i < n) { /* s[i] == '#' */
        if ((st = check_chars(s + i + 1, n - i - 1, ALLOW_QUERY | loose)) !=
            REDIR_OK)
            return st;
        u->flags |= REDIR_URL_HAS_FRAGMENT;
        u->fragment.off = i + 1;
        u->fragment.len = n - i - 1;
    }
    return REDIR_OK;
}

static redir_status rfc_parse(const char *text, size_t len, redir_url *url,
                              unsigned loose)
{
    redir_status st;
    if (url == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    memset(url, 0, sizeof *url);
    if (text == NULL && len > 0)
        return REDIR_E_INVALID_ARGUMENT;
    if (text == NULL)
        text = ""; /* NULL + 0 is undefined behaviour; "" is not */
    url->port_number = -1;
    st = parse_reference(text, len, url, loose);
    if (st != REDIR_OK)
        memset(url, 0, sizeof *url);
    return st;
}

redir_status redir_url_parse(const char *text, size_t len, redir_url *url)
{
    return rfc_parse(text, len, url, 0);
}

/* How loose bytes are written, as curl writes them in a Location:
 * spaces, bytes >= 0x80 (and controls, where allowed) as %xx, except that
 * a space in the query becomes '+'; LOOSE_UPPER writes the hex in upper
 * case and uppercases the escapes already there (curl 8.15 and later),
 * else lower case, the escapes kept (curl 7.88). */
enum {
    LOOSE_NONE = 0,
    LOOSE_PCT = 1,
    LOOSE_QUERY = 2,
    LOOSE_UPPER = 4,
    LOOSE_DOTS = 8 /* read by dot_kind() only */
};

/* The LOOSE_* bits a build can be asked for: none without curl's reading
 * (REDIR_NO_CURL), so that the code for them is dead and left out. */
#ifdef REDIR_NO_CURL
#define LOOSE_BUILT 0
#else
#define LOOSE_BUILT 0xf
#endif

static bool encoded_loose(unsigned char c, int how)
{
    return (char_class(c) & (CH_LOOSE | CH_CTRL)) != 0 &&
           !((how & LOOSE_QUERY) && c == ' ');
}

/* Length of s[0..n) with loose bytes encoded as `how` says. */
static size_t loose_len(const char *s, size_t n, int how)
{
    size_t len = n;
    if ((how &= LOOSE_BUILT) != LOOSE_NONE)
        for (size_t i = 0; i < n; i++)
            if (encoded_loose((unsigned char)s[i], how))
                len += 2;
    return len;
}

/* Copies s[0..n) to dst, encoding loose bytes as `how` says; returns the
 * length written (loose_len). An escape never straddles two calls: each
 * copies a whole segment or component. */
static size_t loose_copy(char *dst, const char *s, size_t n, int how)
{
    const char *hex =
        (how & LOOSE_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t at = 0;
    if ((how &= LOOSE_BUILT) == LOOSE_NONE) {
        if (n > 0)
            memmove(dst, s, n);
        return n;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (encoded_loose(c, how)) {
            dst[at++] = '%';
            dst[at++] = hex[c >> 4];
            dst[at++] = hex[c & 15];
        } else if ((how & LOOSE_QUERY) && c == ' ') {
            dst[at++] = '+';
        } else if ((how & LOOSE_UPPER) && c == '%' && n - i > 2 &&
                   redir_hexval((unsigned char)s[i + 1]) >= 0 &&
                   redir_hexval((unsigned char)s[i + 2]) >= 0) {
            dst[at++] = '%';
            dst[at++] = hex[redir_hexval((unsigned char)s[i + 1])];
            dst[at++] = hex[redir_hexval((unsigned char)s[i + 2])];
            i += 2;
        } else {
            dst[at++] = (char)c;
        }
    }
    return at;
}

/* ---------------------------------------------------------------------
 * remove_dot_segments (RFC 3986 section 5.2.4)
 *
 * The path is the concatenation of two pieces (base directory and
 * reference path, see merge in 5.2.3); the first piece is empty or
 * ends in '/', so no segment straddles them.
 *
 * The section's string-rewriting loop is equivalent to a stack of
 * segments: a normal segment is pushed, ".." pops, "." does nothing.
 * Walking the segments from the right with a count of pending ".."
 * gives the same survivors without the stack: a normal segment
 * survives unless a later ".." is still unmatched. Two details of the
 * loop are kept exactly:
 *   - in a relative path, leading "." and ".." segments vanish (rule A)
 *     and the first segment left is written without a '/', while every
 *     later one carries its '/' ("a/../b" gives "/b");
 *   - a final "." or ".." leaves a trailing '/' ("/a/b/.." gives "/a/").
 * The first walk counts; the second writes right to left into a region
 * of exactly that length.
 */
typedef struct vpath {
    const char *p1;
    size_t n1;
    const char *p2;
    size_t n2;
    int loose;   /* LOOSE_* bits */
    size_t over; /* p1 is the base's own text, written over: n1, else 0 */
} vpath;

static char vp_at(const vpath *v, size_t i)
{
    return i < v->n1 ? v->p1[i] : v->p2[i - v->n1];
}

static const char *vp_ptr(const vpath *v, size_t i)
{
    return i < v->n1 ? v->p1 + i : v->p2 + (i - v->n1);
}

/* 0 for a normal segment, 1 for ".", 2 for "..". With LOOSE_DOTS a
 * dot may also be written "%2e" or "%2E" (curl 8.13 and later). */
static int dot_kind(const vpath *v, size_t a, size_t len)
{
    int dots = 0;
    for (size_t i = 0; i < len && dots < 3; dots++) {
        if (vp_at(v, a + i) == '.') {
            i++;
        } else if ((v->loose & LOOSE_DOTS & LOOSE_BUILT) && len - i >= 3 &&
                   vp_at(v, a + i) == '%' && vp_at(v, a + i + 1) == '2' &&
                   redir_lower((unsigned char)vp_at(v, a + i + 2)) == 'e') {
            i += 3;
        } else {
            return 0;
        }
    }
    return dots <= 2 ? dots : 0;
}

/* Whether a segment of s[0..n) starts with '.' (or with '%', when
 * LOOSE_DOTS lets "%2e" spell a dot). A path with none has no dot
 * segment: remove_dot_segments leaves it as it is. */
static bool may_dot(const char *s, size_t n, int loose)
{
    char pct = (loose & LOOSE_DOTS & LOOSE_BUILT) ? '%' : '.';
    for (size_t i = 0; i < n; i++)
        if ((s[i] == '.' || s[i] == pct) && (i == 0 || s[i - 1] == '/'))
            return true;
    return false;
}

/* Counts (dst == NULL) or writes dst[0..total) right to left. When
 * `lead` is not NULL it tells whether the result starts with "//" (an
 * empty first segment, written with its '/' in an absolute path or
 * without it after rule A has removed leading dot segments from a
 * relative one: ".///x" gives "//x"). */
static size_t rds_walk(const vpath *v, char *dst, size_t total, bool *lead)
{
    /* What the output written so far (a suffix of the result) starts
     * with: '/', and "//". A segment's text never holds '/'. */
    bool slash_first = false, two_slashes = false;
    size_t n = v->n1 + v->n2;
    size_t start = 0;
    bool absolute = n > 0 && vp_at(v, 0) == '/';

    if (lead != NULL)
        *lead = false;
    if (n == 0)
        return 0;
    if (absolute) {
        start = 1;
    } else {
        for (;;) { /* rule A and D: drop leading dot segments */
            size_t e = start;
            while (e < n && vp_at(v, e) != '/')
                e++;
            if (dot_kind(v, start, e - start) == 0)
                break;
            if (e == n)
                return 0;
            start = e + 1;
        }
    }

    size_t len = 0;
    size_t pending = 0;
    size_t end = n;
    size_t w = total;
    for (bool last = true;; last = false) {
        /* In place, p1's segments are left as they stand: every one is a
         * plain segment, those a ".." pops lie right of those kept, and
         * what was written right to left may have covered them. */
        if (dst != NULL && end < v->over)
            break;
        size_t a = end;
        while (a > start && vp_at(v, a - 1) != '/')
            a--;
        int kind = dot_kind(v, a, end - a);
        if (kind != 0 && last) { /* trailing '/' */
            len++;
            slash_first = true;
            if (dst != NULL)
                dst[--w] = '/';
        }
        if (kind == 2) {
            pending++;
        } else if (kind == 0) {
            if (pending > 0) {
                pending--;
            } else {
                bool slash = absolute || a != start;
                size_t seg = loose_len(vp_ptr(v, a), end - a, v->loose);
                if (end > a) {
                    slash_first = slash;
                    two_slashes = false;
                } else if (slash) {
                    two_slashes = slash_first;
                    slash_first = true;
                } /* an empty segment without '/' adds nothing */
                len += seg + (slash ? 1u : 0u);
                if (dst != NULL) {
                    w -= seg;
                    loose_copy(dst + w, vp_ptr(v, a), end - a, v->loose);
                    if (slash)
                        dst[--w] = '/';
                }
            }
        }
        if (a == start)
            break;
        end = a - 1;
    }
    if (lead != NULL)
        *lead = two_slashes;
    return len;
}

/* ---------------------------------------------------------------------
 * Resolution (RFC 3986 section 5.2.2) and recomposition (5.3)
 */

/* A part of the target: bytes from the base or the reference. */
typedef struct part {
    const char *src;
    redir_span span;
} part;

/* The authority's span: from userinfo (or host) to the end of the port. */
static redir_span authority_span(const redir_url *u)
{
    redir_span s;
    s.off = (u->flags & REDIR_URL_HAS_USERINFO) ? u->userinfo.off : u->host.off;
    size_t end = (u->flags & REDIR_URL_HAS_PORT) ? u->port.off + u->port.len
                                                 : u->host.off + u->host.len;
    s.len = end - s.off;
    return s;
}

/* Moves, not copies, here and in loose_copy(): a hop may write a URL
 * over the one it reads (redir_chain_advance). */
static void put_bytes(char *out, size_t *at, const char *src, size_t len)
{
    if (len > 0)
        memmove(out + *at, src, len);
    *at += len;
}

/* Moves a span of the source URL's authority into the output. */
static redir_span shift(redir_span s, size_t from, size_t to)
{
    redir_span r;
    r.off = s.off - from + to;
    r.len = s.len;
    return r;
}

static redir_status resolve_mode(redir_url_work *work);

redir_status redir_url_resolve(const char *base, size_t base_len,
                               const char *ref, size_t ref_len,
                               redir_url_mode mode, char *out, size_t out_cap,
                               size_t *out_len, redir_url *result)
{
    redir_url_work work;
    return redir_url_resolve_with(&work, base, base_len, NULL, ref, ref_len,
                                  mode, out, out_cap, out_len, result);
}

/* Whether span s lies within n bytes. */
static bool span_in(redir_span s, size_t n)
{
    return s.off <= n && s.len <= n - s.off;
}

/* Whether the components of a parsed URL lie within its n bytes of
 * text and it has a scheme: the one check a parsed base gets, so that no
 * span can reach outside it. */
static bool spans_ok(const redir_url *u, size_t n)
{
    return span_in(u->scheme, n) && span_in(u->userinfo, n) &&
           span_in(u->host, n) && span_in(u->port, n) && span_in(u->path, n) &&
           span_in(u->query, n) && span_in(u->fragment, n) &&
           (u->flags & REDIR_URL_HAS_SCHEME) && u->scheme.len > 0;
}

redir_status redir_url_resolve_parsed(const char *base, size_t base_len,
                                      const redir_url *base_url,
                                      const char *ref, size_t ref_len,
                                      redir_url_mode mode, char *out,
                                      size_t out_cap, size_t *out_len,
                                      redir_url *result)
{
    if (base_url == NULL) { /* the rest is redir_url_resolve_with()'s */
        if (out_len != NULL)
            *out_len = 0;
        return REDIR_E_INVALID_ARGUMENT;
    }
    redir_url_work work;
    return redir_url_resolve_with(&work, base, base_len, base_url, ref, ref_len,
                                  mode, out, out_cap, out_len, result);
}

redir_status redir_url_resolve_with(redir_url_work *work, const char *base,
                                    size_t base_len, const redir_url *base_url,
                                    const char *ref, size_t ref_len,
                                    redir_url_mode mode, char *out,
                                    size_t out_cap, size_t *out_len,
                                    redir_url *result)
{
    if (out_len != NULL)
        *out_len = 0;
    if (work == NULL || (base_url != NULL && base == NULL))
        return REDIR_E_INVALID_ARGUMENT;
    redir_job_set(work, base, base_len, base_url, ref, ref_len, mode, out,
                  out_cap, out_len, result);
    return resolve_mode(work);
}

REDIR_NOINLINE static redir_status rfc3986_resolve(redir_url_work *work);

/* The argument checks of every resolution (*out_len = 0 first); a NULL
 * ref (length 0) becomes "". */
static bool args_ok(redir_job *j)
{
    if (j->out_len == NULL)
        return false;
    *j->out_len = 0;
    /* Not a "" literal: GCC would put it in a mergeable string section,
     * to which the linker's map then credits every string merged into
     * it, the program's too (firmware.py counts library sections). */
    static const char empty[1] = {0};
    if (j->ref == NULL && j->ref_len == 0)
        j->ref = empty;
    return !((j->base == NULL && j->base_len > 0) || j->ref == NULL ||
             (j->out == NULL && j->out_cap > 0) ||
             (j->mode != REDIR_URL_RFC3986 &&
              j->mode != REDIR_URL_RFC3986_COMPAT &&
              j->mode != REDIR_URL_WHATWG) ||
             (j->base_url != NULL && !spans_ok(j->base_url, j->base_len)));
}

/* A WHATWG resolution: the arguments checked, then mode-unsupported in
 * a build without the URL Standard's parser. */
redir_status redir_checked_whatwg(redir_url_work *work)
{
    if (!args_ok(redir_job_of(work)))
        return REDIR_E_INVALID_ARGUMENT;
#ifdef REDIR_NO_WHATWG
    return REDIR_E_MODE_UNSUPPORTED;
#else
    return redir_whatwg_resolve(work);
#endif
}

/* Every public resolution: the mode's resolver, arguments checked. */
static redir_status resolve_mode(redir_url_work *work)
{
#ifndef REDIR_NO_WHATWG /* else the next call answers mode-unsupported */
    if (redir_job_of(work)->mode == REDIR_URL_WHATWG)
        return redir_checked_whatwg(work);
#endif
    return redir_rfc3986_resolve(work);
}

/* The argument checks of an RFC 3986 resolution, then its resolver. The
 * public functions reach the URL Standard's through resolve_mode(), so
 * that the policy's curl rows, which call this, never do. */
redir_status redir_rfc3986_resolve(redir_url_work *work)
{
    redir_job *j = redir_job_of(work);
    if (!args_ok(j))
        return REDIR_E_INVALID_ARGUMENT;
    if (j->mode == REDIR_URL_WHATWG) /* the policy never asks for it */
        return REDIR_E_MODE_UNSUPPORTED;
#ifdef REDIR_NO_CURL
    j->loose = 0; /* curl's reading is left out: the code for it is dead */
#endif
    return rfc3986_resolve(work);
}

/* What an RFC 3986 resolution keeps while it runs: its job, and the
 * components of the base, the reference and the target. */
typedef struct rfc_work {
    redir_job job;     /* first: see redir_job */
    redir_url b, r, t; /* base, reference, target */
} rfc_work;
REDIR_WORK_FITS(rfc_work_fits, sizeof(rfc_work));

/* RFC 3986 resolution, arguments checked. A function of its own, apart
 * from the checks: its frame is large, and a WHATWG resolution (most of
 * a chain's) need not set it up. */
static redir_status rfc3986_resolve(redir_url_work *work)
{
    rfc_work *rw = (rfc_work *)(void *)work->opaque.bytes;
    const redir_job *j = &rw->job;
    const char *base = j->base, *ref = j->ref;
    size_t base_len = j->base_len, ref_len = j->ref_len, out_cap = j->out_cap;
    const redir_url *base_url = j->base_url;
    redir_url_mode mode = j->mode;
    unsigned loose = j->loose;
    char *out = j->out;
    redir_url *b = &rw->b, *r = &rw->r;
    unsigned lflag = (loose & REDIR_LOOSE_BYTES) ? CH_LOOSE : 0;
    unsigned ctrl = (loose & REDIR_LOOSE_CTRL) ? CH_CTRL : 0;
    redir_status st;
    bool has_base = base != NULL;

    if (base_url != NULL) {
        *b = *base_url;
    } else if (has_base) {
        if ((st = rfc_parse(base, base_len, b, lflag)) != REDIR_OK)
            return st;
        if (!(b->flags & REDIR_URL_HAS_SCHEME))
            return REDIR_E_BASE_NOT_ABSOLUTE;
    }
    if ((st = rfc_parse(ref, ref_len, r, lflag | ctrl)) != REDIR_OK)
        return st;
    /* curl encodes controls only in a relative reference. */
    if (ctrl && (r->flags & REDIR_URL_HAS_SCHEME))
        for (size_t i = 0; i < ref_len; i++)
            if (char_class((unsigned char)ref[i]) == CH_CTRL)
                return REDIR_E_INVALID_CHARACTER;

    bool ref_scheme = (r->flags & REDIR_URL_HAS_SCHEME) != 0;
    if (ref_scheme && has_base && mode == REDIR_URL_RFC3986_COMPAT &&
        redir_equal_nocase(ref + r->scheme.off, r->scheme.len,
                           base + b->scheme.off, b->scheme.len))
        ref_scheme = false; /* section 5.4.2: "http:g" read as "g" */
    if (!ref_scheme && !has_base)
        return REDIR_E_RELATIVE_WITHOUT_BASE;

    /* Section 5.2.2, choosing for each target component its source. */
    const char *asrc;      /* URL whose authority the target takes */
    const redir_url *auth; /* its components, or NULL for none */
    part scheme, query = {NULL, {0, 0}};
    bool has_query;
    int up = (loose & REDIR_LOOSE_UPPER) ? LOOSE_UPPER : 0;
    int how = lflag ? LOOSE_PCT | up : LOOSE_NONE;
    vpath path = {
        NULL, 0, NULL, 0, how | ((loose & REDIR_LOOSE_DOTS) ? LOOSE_DOTS : 0),
        0};
    bool dots = true;

    if (ref_scheme) {
        scheme.src = ref;
        scheme.span = r->scheme;
        asrc = ref;
        auth = r;
    } else {
        scheme.src = base;
        scheme.span = b->scheme;
        asrc = (r->flags & REDIR_URL_HAS_AUTHORITY) ? ref : base;
        auth = (r->flags & REDIR_URL_HAS_AUTHORITY) ? r : b;
    }
    if (!(auth->flags & REDIR_URL_HAS_AUTHORITY))
        auth = NULL;

    has_query = (r->flags & REDIR_URL_HAS_QUERY) != 0;
    query.src = ref;
    query.span = r->query;
    path.p2 = ref + r->path.off;
    path.n2 = r->path.len;
    if (!ref_scheme && !(r->flags & REDIR_URL_HAS_AUTHORITY)) {
        if (r->path.len == 0) {
            path.p2 = base + b->path.off;
            path.n2 = b->path.len;
            dots = false;
            if (!has_query) {
                has_query = (b->flags & REDIR_URL_HAS_QUERY) != 0;
                query.src = base;
                query.span = b->query;
            }
        } else if (ref[r->path.off] != '/') {
            /* merge (section 5.2.3) */
            if ((b->flags & REDIR_URL_HAS_AUTHORITY) && b->path.len == 0) {
                path.p1 = "/";
                path.n1 = 1;
            } else {
                size_t keep = b->path.len;
                while (keep > 0 && base[b->path.off + keep - 1] != '/')
                    keep--;
                path.p1 = base + b->path.off;
                path.n1 = keep;
                path.over = out == base ? keep : 0;
            }
        }
    }

    /* Lengths first: nothing is written unless everything fits. */
    redir_span auth_in = {0, 0};
    bool lead = false;
    if (dots && !may_dot(path.p1, path.n1, path.loose) &&
        !may_dot(path.p2, path.n2, path.loose)) {
        dots = false; /* the merged path as it is, p1 first */
        lead = path.n1 + path.n2 >= 2 && vp_at(&path, 0) == '/' &&
               vp_at(&path, 1) == '/';
    }
    size_t path_len = dots ? rds_walk(&path, NULL, 0, &lead)
                           : loose_len(path.p1, path.n1, how) +
                                 loose_len(path.p2, path.n2, how);
    /* Without an authority a path may not start with "//" (section 3.3),
     * yet remove_dot_segments can make one ("/.//g"); written as is it
     * would read back as an authority. Like the WHATWG URL serializer,
     * put "/." before it: the path keeps its meaning and stays a path. */
    bool guard = lead && auth == NULL;
    size_t total = scheme.span.len + 1 + path_len + (guard ? 2u : 0u);
    /* curl writes a numeric host in any inet_aton form ("127.1",
     * "0x7f.1", "2130706433") as dotted decimal; so does loose mode. */
    char v4[16];
    size_t v4_len = 0;
    if (auth != NULL) {
        uint32_t addr;
        auth_in = authority_span(auth);
        total += 2 + auth_in.len;
        if (lflag && auth->host_type == REDIR_HOST_REG_NAME &&
            redir_ipv4_parse(asrc, auth->host.off,
                             auth->host.off + auth->host.len, &addr) > 0) {
            v4_len = redir_ip4_format(addr, v4);
            total = total - auth->host.len + v4_len;
        }
    }
    int qhow = lflag ? LOOSE_PCT | LOOSE_QUERY | up : LOOSE_NONE;
    size_t query_len =
        loose_len(query.src + query.span.off, query.span.len, qhow);
    size_t frag_len = loose_len(ref + r->fragment.off, r->fragment.len, how);
    if (has_query)
        total += 1 + query_len;
    if (r->flags & REDIR_URL_HAS_FRAGMENT)
        total += 1 + frag_len;
    *j->out_len = total;
    if (total > out_cap)
        return REDIR_E_NOSPACE;

    redir_url *t = &rw->t;
    size_t at = 0;
    memset(t, 0, sizeof *t);
    t->port_number = -1;
    t->flags = REDIR_URL_HAS_SCHEME;
    t->scheme.len = scheme.span.len;
    put_bytes(out, &at, scheme.src + scheme.span.off, scheme.span.len);
    out[at++] = ':';
    if (auth != NULL) {
        out[at++] = '/';
        out[at++] = '/';
        t->flags |= auth->flags & (REDIR_URL_HAS_AUTHORITY |
                                   REDIR_URL_HAS_USERINFO | REDIR_URL_HAS_PORT);
        t->host_type = auth->host_type;
        t->port_number = auth->port_number;
        if (auth->flags & REDIR_URL_HAS_USERINFO)
            t->userinfo = shift(auth->userinfo, auth_in.off, at);
        t->host = shift(auth->host, auth_in.off, at);
        if (v4_len == 0) {
            if (auth->flags & REDIR_URL_HAS_PORT)
                t->port = shift(auth->port, auth_in.off, at);
            put_bytes(out, &at, asrc + auth_in.off, auth_in.len);
        } else { /* userinfo@, the dotted host, :port */
            size_t host_end = auth->host.off + auth->host.len;
            put_bytes(out, &at, asrc + auth_in.off,
                      auth->host.off - auth_in.off);
            put_bytes(out, &at, v4, v4_len);
            t->host.len = v4_len;
            t->host_type = REDIR_HOST_IPV4;
            if (auth->flags & REDIR_URL_HAS_PORT)
                t->port = shift(auth->port, host_end, at);
            put_bytes(out, &at, asrc + host_end,
                      auth_in.off + auth_in.len - host_end);
        }
    }
    t->path.off = at;
    t->path.len = path_len + (guard ? 2u : 0u);
    if (guard)
        put_bytes(out, &at, "/.", 2);
    if (dots)
        rds_walk(&path, out + at, path_len, NULL);
    else
        loose_copy(out + at + loose_copy(out + at, path.p1, path.n1, how),
                   path.p2, path.n2, how);
    at += path_len;
    if (has_query) {
        out[at++] = '?';
        t->flags |= REDIR_URL_HAS_QUERY;
        t->query.off = at;
        t->query.len = query_len;
        at += loose_copy(out + at, query.src + query.span.off, query.span.len,
                         qhow);
    }
    if (r->flags & REDIR_URL_HAS_FRAGMENT) {
        out[at++] = '#';
        t->flags |= REDIR_URL_HAS_FRAGMENT;
        t->fragment.off = at;
        t->fragment.len = frag_len;
        at += loose_copy(out + at, ref + r->fragment.off, r->fragment.len, how);
    }
    if (j->result != NULL)
        *j->result = *t;
    return REDIR_OK;
}

/* ---------------------------------------------------------------------
 * Ports and origins
 */

/* Declared in internal.h. */
int32_t redir_web_port(const char *text, const redir_url *u)
{
    if (!(u->flags & REDIR_URL_HAS_SCHEME))
        return 0;
    return redir_scheme_web_port(text + u->scheme.off, u->scheme.len);
}

int32_t redir_url_effective_port(const char *text, const redir_url *url)
{
    if (text == NULL || url == NULL)
        return -1;
    return redir_port_of(url, redir_web_port(text, url));
}

/* The effective port of a URL with a tuple origin (an http(s) URL with
 * a non-empty host, the only kind that has one), `web` being its
 * redir_web_port(); -1 without one. */
static int32_t tuple_port(const redir_url *u, int32_t web)
{
    if (web == 0 || !(u->flags & REDIR_URL_HAS_AUTHORITY) || u->host.len == 0)
        return -1;
    return redir_port_of(u, web);
}

static bool has_tuple_origin(const char *text, const redir_url *u)
{
    return tuple_port(u, redir_web_port(text, u)) >= 0;
}

redir_status redir_url_origin(const char *text, const redir_url *url, char *out,
                              size_t out_cap, size_t *out_len)
{
    if (out_len == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    *out_len = 0;
    if (text == NULL || url == NULL || (out == NULL && out_cap > 0))
        return REDIR_E_INVALID_ARGUMENT;
    if (!has_tuple_origin(text, url))
        return REDIR_E_NO_ORIGIN;

    char digits[5];
    size_t ndigits = 0;
    int32_t port = url->port_number;
    if (port >= 0 && port != redir_web_port(text, url)) {
        uint32_t p = (uint32_t)port;
        do {
            digits[ndigits++] = (char)('0' + p % 10u);
            p /= 10u;
        } while (p > 0);
    }
    size_t total =
        url->scheme.len + 3 + url->host.len + (ndigits ? 1 + ndigits : 0);
    *out_len = total;
    if (total > out_cap)
        return REDIR_E_NOSPACE;

    size_t at = url->scheme.len;
    redir_lower_copy(out, text + url->scheme.off, at);
    memcpy(out + at, "://", 3);
    redir_lower_copy(out + at + 3, text + url->host.off, url->host.len);
    at += 3 + url->host.len;
    if (ndigits > 0) {
        out[at++] = ':';
        while (ndigits > 0)
            out[at++] = digits[--ndigits];
    }
    return REDIR_OK;
}

/* A registered name (RFC 3986) and a domain (WHATWG) are the same kind
 * of host, so URLs from either mode compare. */
static redir_host_type name_kind(redir_host_type t)
{
    return t == REDIR_HOST_DOMAIN ? REDIR_HOST_REG_NAME : t;
}

bool redir_url_same_origin(const char *a_text, const redir_url *a,
                           const char *b_text, const redir_url *b)
{
    if (a_text == NULL || a == NULL || b_text == NULL || b == NULL)
        return false;
    /* The default ports tell the schemes apart: only http and https
     * URLs have a tuple origin. */
    int32_t web = redir_web_port(a_text, a);
    int32_t port = tuple_port(a, web);
    if (port < 0 || web != redir_web_port(b_text, b) ||
        port != tuple_port(b, web) ||
        name_kind(a->host_type) != name_kind(b->host_type))
        return false;
#ifndef REDIR_NO_IPV6 /* else only a URL made by hand has an IPv6 host,
                       * and compares as written */
    if (a->host_type == REDIR_HOST_IPV6) { /* "[::1]" is "[0:0::1]" */
        uint8_t x[16], y[16];
        return redir_ip6_parse(a_text + a->host.off + 1, a->host.len - 2, x) &&
               redir_ip6_parse(b_text + b->host.off + 1, b->host.len - 2, y) &&
               memcmp(x, y, sizeof x) == 0;
    }
#endif
    return redir_equal_nocase(a_text + a->host.off, a->host.len,
                              b_text + b->host.off, b->host.len);
}

const char *redir_host_type_name(redir_host_type type)
{
    switch (type) {
    case REDIR_HOST_NONE:
        return "none";
    case REDIR_HOST_REG_NAME:
        return "reg-name";
    case REDIR_HOST_IPV4:
        return "ipv4";
    case REDIR_HOST_IPV6:
        return "ipv6";
    case REDIR_HOST_IPVFUTURE:
        return "ipvfuture";
    case REDIR_HOST_DOMAIN:
        return "domain";
    case REDIR_HOST_OPAQUE:
        return "opaque";
    case REDIR_HOST_EMPTY:
        return "empty";
    }
    return "unknown";
}

const char *redir_url_mode_name(redir_url_mode mode)
{
    switch (mode) {
    case REDIR_URL_RFC3986:
        return "rfc3986";
    case REDIR_URL_RFC3986_COMPAT:
        return "rfc3986-compat";
    case REDIR_URL_WHATWG:
        return "whatwg";
    }
    return "unknown";
}
