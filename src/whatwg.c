/*
 * whatwg.c - the WHATWG URL Standard's basic URL parser (with a base) and
 * its serializer (IDNA is idna.c's), in two steps:
 *
 *   1. parse: walk the input once and record a plan - for every component
 *      the span of input text it comes from (or of the base's text) and
 *      what kind it is. Nothing is copied or allocated; tabs and newlines
 *      are skipped wherever text is read.
 *   2. write: serialize the plan into the caller's buffer, percent-encoding,
 *      decoding hosts and removing dot segments on the fly.
 *
 * The base is parsed into a plan of its own, and a relative reference
 * takes the base's components from the base's text through the same
 * writers, so a base that is not in serialized form needs no scratch
 * copy. The path is the one component whose shape depends on what comes
 * later (".." removes a segment already seen); it is measured walking its
 * segments right to left with a count of pending "..", then written right
 * to left into a region of exactly that size.
 *
 * Before both steps, a fast path recognises the usual Location (an
 * absolute http(s) URL, or a relative reference against such a base,
 * with nothing to lowercase, decode, encode or remove) and copies it;
 * REDIR_NO_FAST_PATH leaves it out, and test_as_is holds it to the full
 * parser's answers. The switch also leaves out two other speed paths of
 * the writer: a one-pass path writer for paths with a host (path_ring),
 * and the tight length bound (plan_bound) that spares a measuring
 * serialization when the buffer is below the rough one.
 *
 * REDIR_NO_WHATWG leaves all of it out (RFC 3986 users then pay for none
 * of it): url.c answers a WHATWG resolution with mode-unsupported.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

#ifndef REDIR_NO_WHATWG

/* A parser that reads only http and https has no file: handling to keep
 * (a file: URL is refused as scheme-unsupported before it is reached). */
#if defined(REDIR_ONLY_HTTP) && !defined(REDIR_NO_FILE)
#define REDIR_NO_FILE
#endif

/* ---------------------------------------------------------------------
 * Characters
 */

/* Percent-encode sets (URL Standard section 1.3), a bit per set, for
 * every byte: each set includes the C0 control set (C0, 0x7F and every
 * byte of UTF-8), so a tab or newline stops every scan too. Two more bits
 * mark what the path scan must look at: '\\' (a separator in special
 * URLs) and '.' and '%' (which may spell a dot segment). */
enum {
    EC_C0 = 0x01,
    EC_FRAGMENT = 0x02,
    EC_QUERY = 0x04,
    EC_SPECIAL_QUERY = 0x08,
    EC_PATH = 0x10,
    EC_USERINFO = 0x20,
    EC_BACKSLASH = 0x40,
    EC_DOTPCT = 0x80
};

#define EC_IS_C0(c)    ((c) < 0x20 || (c) > 0x7e)
#define EC_IN(c, a, b) ((c) == (a) || (c) == (b))
#define EC_IS_Q(c)                                                             \
    (EC_IS_C0(c) || EC_IN(c, ' ', '"') || EC_IN(c, '#', '<') || (c) == '>')
#define EC_IS_P(c)                                                             \
    (EC_IS_Q(c) || EC_IN(c, '?', '^') || EC_IN(c, '`', '{') || (c) == '}')
#define EC_IS_U(c)                                                             \
    (EC_IS_P(c) || EC_IN(c, '/', ':') || EC_IN(c, ';', '=') ||                 \
     EC_IN(c, '@', '[') || EC_IN(c, '\\', ']') || (c) == '|')
#define EC(c)                                                                  \
    (EC_IS_C0(c) * EC_C0 |                                                     \
     (EC_IS_C0(c) || EC_IN(c, ' ', '"') || EC_IN(c, '<', '>') || (c) == '`') * \
         EC_FRAGMENT |                                                         \
     EC_IS_Q(c) * EC_QUERY | (EC_IS_Q(c) || (c) == '\'') * EC_SPECIAL_QUERY |  \
     EC_IS_P(c) * EC_PATH | EC_IS_U(c) * EC_USERINFO |                         \
     ((c) == '\\') * EC_BACKSLASH | EC_IN(c, '.', '%') * EC_DOTPCT)
#define EC4(c)  EC(c), EC((c) + 1), EC((c) + 2), EC((c) + 3)
#define EC16(c) EC4(c), EC4((c) + 4), EC4((c) + 8), EC4((c) + 12)
#define EC64(c) EC16(c), EC16((c) + 16), EC16((c) + 32), EC16((c) + 48)
static const unsigned char encode_set[256] = {EC64(0), EC64(64), EC64(128),
                                              EC64(192)};
#undef EC64
#undef EC16
#undef EC4
#undef EC
#undef EC_IS_U
#undef EC_IS_P
#undef EC_IS_Q
#undef EC_IN
#undef EC_IS_C0

/*
 * One step of the Encoding Standard's UTF-8 decoder at s[i..n): returns
 * how many bytes it takes and sets *valid. An ill-formed sequence takes
 * its maximal subpart (at least one byte) and stands for one U+FFFD.
 */
static size_t utf8_step(const char *s, size_t i, size_t n, bool *valid)
{
    unsigned char c = (unsigned char)s[i];
    unsigned lo = 0x80, hi = 0xbf;
    size_t need;

    *valid = true;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        *valid = false;
        return 1;
    }
    size_t k = 1;
    for (; k <= need; k++) {
        unsigned char d;
        if (i + k >= n || (d = (unsigned char)s[i + k]) < lo || d > hi) {
            *valid = false;
            return k;
        }
        lo = 0x80;
        hi = 0xbf;
    }
    return k;
}

/* ---------------------------------------------------------------------
 * Output: a writer that stores what fits and counts everything, so one
 * serialization gives the exact length even when the buffer is short.
 */
typedef struct writer {
    char *buf;
    size_t cap;
    size_t len;
} writer;

static void put(writer *w, char c)
{
    if (w->len < w->cap)
        w->buf[w->len] = c;
    w->len++;
}

/* A move, not a copy: a hop may write a URL over the one it reads
 * (redir_chain_advance), the copied bytes then lying at or after their
 * destination. */
static void put_n(writer *w, const char *s, size_t n)
{
    if (w->len < w->cap)
        memmove(w->buf + w->len, s, w->cap - w->len < n ? w->cap - w->len : n);
    w->len += n;
}

static void put_pct(writer *w, unsigned char b)
{
    static const char hex[] = "0123456789ABCDEF";
    put(w, '%');
    put(w, hex[b >> 4]);
    put(w, hex[b & 15]);
}

static void put_dec(writer *w, uint32_t v)
{
    char d[10];
    size_t n = 0;
    do {
        d[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v > 0);
    while (n > 0)
        put(w, d[--n]);
}

/* Index of the first byte at or after i in s[..n) with a bit of `set`
 * in encode_set, or n. Four bytes a step: most runs hold none. */
static size_t scan_set(const char *s, size_t i, size_t n, unsigned set)
{
    const unsigned char *p = (const unsigned char *)s;
    while (n - i >= 4 && !((encode_set[p[i]] | encode_set[p[i + 1]] |
                            encode_set[p[i + 2]] | encode_set[p[i + 3]]) &
                           set))
        i += 4;
    while (i < n && !(encode_set[p[i]] & set))
        i++;
    return i;
}

/* UTF-8 percent-encode s[a..b) with `set`, skipping tabs and newlines. */
static void put_encoded(writer *w, const char *s, size_t a, size_t b,
                        unsigned set)
{
    size_t i = a;
    while (i < b) {
        /* a run that needs no encoding is copied at once */
        size_t run = scan_set(s, i, b, set);
        put_n(w, s + i, run - i);
        if ((i = run) == b)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!redir_is_tabnl(c)) {
                if (encode_set[c] & set)
                    put_pct(w, c);
                else
                    put(w, (char)c);
            }
            i++;
            continue;
        }
        bool valid;
        size_t k = utf8_step(s, i, b, &valid);
        if (valid) {
            for (size_t j = 0; j < k; j++)
                put_pct(w, (unsigned char)s[i + j]);
        } else { /* U+FFFD */
            put_pct(w, 0xef);
            put_pct(w, 0xbf);
            put_pct(w, 0xbd);
        }
        i += k;
    }
}

/* What put_encoded() adds to the character at s[*i], one it encodes
 * (not a tab or newline): 2 bytes per byte, or for ill-formed UTF-8 the
 * 9 of "%EF%BF%BD" less the bytes it replaces. *i is left on the
 * character's last byte. */
static size_t enc_grow(const char *s, size_t *i, size_t n)
{
    bool valid;
    if ((unsigned char)s[*i] < 0x80)
        return 2;
    size_t k = utf8_step(s, *i, n, &valid);
    *i += k - 1;
    return valid ? 2 * k : 9 - k;
}

/* s[a..b) as put_encoded() writes it with `set`, or copied whole when
 * the parser saw nothing in it to encode or skip (`encode` false). */
static void put_text(writer *w, const char *s, size_t a, size_t b, unsigned set,
                     bool encode)
{
    if (encode)
        put_encoded(w, s, a, b, set);
    else
        put_n(w, s + a, b - a);
}

/* Scans s[i..n) as put_encoded() will write it with `set`, up to the
 * byte `stop` (one of the set; -1 for none): sets *encode to whether
 * there is something to encode or skip, *grow to what encoding adds, and
 * returns where it stopped. */
static size_t scan_encoded(const char *s, size_t i, size_t n, unsigned set,
                           int stop, bool *encode, size_t *grow)
{
    *encode = false;
    *grow = 0;
    while ((i = scan_set(s, i, n, set)) < n && (unsigned char)s[i] != stop) {
        *encode = true;
        if (!redir_is_tabnl((unsigned char)s[i]))
            *grow += enc_grow(s, &i, n);
        i++;
    }
    return i;
}

/* The byte at s[i] (after skipping), or -1 at the end. */
static int peek(const char *s, size_t i, size_t n)
{
    i = redir_skip_tabnl(s, i, n);
    return i < n ? (unsigned char)s[i] : -1;
}

/* Advances past the byte at (skipped) position i. */
static size_t next(const char *s, size_t i, size_t n)
{
    i = redir_skip_tabnl(s, i, n);
    return i < n ? i + 1 : n;
}

/* ---------------------------------------------------------------------
 * Schemes
 */
enum {
    SCHEME_OTHER = 0,
    SCHEME_HTTP,
    SCHEME_HTTPS,
    SCHEME_WS,
    SCHEME_WSS,
    SCHEME_FTP,
    SCHEME_FILE
};

/* The special schemes, by SCHEME_* - 1, as the serializer writes them.
 * With REDIR_ONLY_HTTP the parser reads only the first two. */
static const char *const scheme_names[] = {"http", "https", "ws",
                                           "wss",  "ftp",   "file"};

/*
 * REDIR_ONLY_HTTP: parse_url() and redir_whatwg_resolve() refuse every scheme
 * but http and https, so every URL the parser goes on with is special
 * and has no opaque path. SPECIAL(x) and OPAQUE(x) say so as constants,
 * which lets the compiler leave out the non-special branches (opaque
 * paths and hosts, '/'-only paths).
 */
#ifdef REDIR_ONLY_HTTP
#define SPECIAL(x) ((void)(x), true)
#define OPAQUE(x)  ((void)(x), false)
#define KINDS_READ 2
#else
#define SPECIAL(x) (x)
#define OPAQUE(x)  (x)
#define KINDS_READ 6
#endif

/* SCHEME_HTTP or SCHEME_HTTPS when s[0..n) is "http" or "https" in any
 * case, else SCHEME_OTHER. */
static int http_kind(const char *s, size_t n)
{
    int32_t port = redir_scheme_web_port(s, n);
    return port == 80 ? SCHEME_HTTP : port == 443 ? SCHEME_HTTPS : SCHEME_OTHER;
}

/* Which special scheme s[a..b) is (case-insensitive, tabs skipped). */
static int scheme_kind(const char *s, size_t a, size_t b)
{
    int http = http_kind(s + a, b - a);
    if (http != SCHEME_OTHER)
        return http;
#ifndef REDIR_ONLY_HTTP
    /* the other short ones, without tabs: compare the lowercased text */
    char t[5];
    size_t n = b - a;
    for (size_t i = 0; i < n && n <= 5; i++)
        if (redir_is_tabnl((unsigned char)(t[i] = (char)redir_lower(
                                               (unsigned char)s[a + i]))))
            n = 6;
    switch (n) { /* fixed-size compares, which compile to a load or two */
    case 2:
        return memcmp(t, "ws", 2) == 0 ? SCHEME_WS : SCHEME_OTHER;
    case 3:
        return memcmp(t, "wss", 3) == 0   ? SCHEME_WSS
               : memcmp(t, "ftp", 3) == 0 ? SCHEME_FTP
                                          : SCHEME_OTHER;
    case 4:
        return memcmp(t, "file", 4) == 0 ? SCHEME_FILE : SCHEME_OTHER;
    case 5: /* "https" is http_kind()'s */
        return SCHEME_OTHER;
    default:
        if (n < 6)
            return SCHEME_OTHER;
    } /* longer, or with a tab or newline (n = 6): skip them */
#endif
    size_t tab = a;
    while (tab < b && !redir_is_tabnl((unsigned char)s[tab]))
        tab++;
    if (tab == b) /* no special scheme is that long */
        return SCHEME_OTHER;
    for (int k = 0; k < KINDS_READ; k++) {
        const char *nm = scheme_names[k];
        size_t i = redir_skip_tabnl(s, a, b), j = 0;
        while (nm[j] != '\0' && i < b &&
               redir_lower((unsigned char)s[i]) == (unsigned char)nm[j]) {
            i = redir_skip_tabnl(s, i + 1, b);
            j++;
        }
        if (nm[j] == '\0' && i == b)
            return k + 1;
    }
    return SCHEME_OTHER;
}

static int32_t default_port(int kind)
{
    switch (kind) {
    case SCHEME_HTTP:
    case SCHEME_WS:
        return 80;
    case SCHEME_HTTPS:
    case SCHEME_WSS:
        return 443;
    case SCHEME_FTP:
        return 21;
    default:
        return -1;
    }
}

/* ---------------------------------------------------------------------
 * Hosts
 */

typedef struct host {
    redir_host_type type; /* NONE: no host */
    size_t a, b;          /* its text (domain, opaque) */
    const char *s;
    union { /* by type */
        uint32_t v4;
        uint8_t v6[16];
    } ip;
    bool plain; /* domain text holds no %XX and no tab/newline */
    bool upper; /* plain text with an upper-case letter to lower */
    bool as_is; /* s[a..b) is the serialized host (a parsed base's) */
} host;

/* The first byte of the label "ends in a number" looks at in the domain
 * text s[a..b) (no escapes, no tabs): the last label, or the one before
 * a trailing dot; 0 when that label is empty. */
static unsigned char last_label_first(const char *s, size_t a, size_t b)
{
    size_t end = b - (b - a > 1 && s[b - 1] == '.'), k = end;
    while (k > a && s[k - 1] != '.')
        k--;
    return k < end ? (unsigned char)s[k] : 0;
}

/* How many bytes from s[i..n) on are of a domain as it is serialized:
 * ASCII, no forbidden domain code point, no upper-case letter. */
static inline size_t plain_lower_run(const char *s, size_t i, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = i;
    for (; n - k >= 4; k += 4) { /* four bytes a step */
        uint32_t w = redir_load4(s + k);
        if (((redir_stop_bits[p[k]] | redir_stop_bits[p[k + 1]] |
              redir_stop_bits[p[k + 2]] | redir_stop_bits[p[k + 3]]) &
             REDIR_NOT_DOMAIN) ||
            w != redir_lower4(w))
            break;
    }
    while (k < n && !(redir_stop_bits[p[k]] & REDIR_NOT_DOMAIN) &&
           (unsigned)(p[k] - 'A') >= 26u)
        k++;
    return k - i;
}

/* Whether s[a..b), non-empty, is a domain that needs no decoding: ASCII,
 * and no forbidden domain code point (so no '%'); *upper says whether it
 * has an upper-case letter. */
static bool plain_domain(const char *s, size_t a, size_t b, bool *upper)
{
    size_t i = a + plain_lower_run(s, a, b), stop = i;
    for (; i < b; i++) /* from an upper-case letter on (or a bad byte) */
        if (redir_stop_bits[(unsigned char)s[i]] & REDIR_NOT_DOMAIN)
            return false;
    *upper = stop < b;
    return a < b;
}

/* A domain's type once its ASCII form is h->s[h->a..h->b): an IPv4
 * address when it ends in a number. Every IPv4 number starts with a
 * digit (`last_first` is the first byte of the last non-empty label):
 * only then is the (slower) IPv4 parser asked. */
static redir_status domain_type(host *h, unsigned char last_first)
{
    int v4 = redir_is_digit(last_first)
                 ? redir_ipv4_parse(h->s, h->a, h->b, &h->ip.v4)
                 : 0;
    if (v4 < 0)
        return REDIR_E_INVALID_IPV4;
    h->type = v4 > 0 ? REDIR_HOST_IPV4 : REDIR_HOST_DOMAIN;
    return REDIR_OK;
}

#ifndef REDIR_NO_IDNA
/* A domain with non-ASCII code points (after percent-decoding): its
 * ASCII form from UTS 46 goes to `idna` (REDIR_IDNA_MAX bytes), and the
 * host becomes that text. */
static redir_status idna_host(const char *s, size_t a, size_t b, char *idna,
                              host *h)
{
    size_t len;
    redir_status st =
        redir_idna_to_ascii(s, a, b, true, idna, REDIR_IDNA_MAX, &len);
    if (st == REDIR_OK && len > REDIR_IDNA_MAX)
        st = REDIR_E_IDNA_TOO_LONG;
    if (st != REDIR_OK)
        return st;
    h->s = idna;
    h->a = 0;
    h->b = len;
    h->plain = true;
    h->upper = false;
    return domain_type(h, last_label_first(idna, 0, len));
}
#endif

/* "[" IPv6 "]" at s[f..b) (tabs skipped): an IPv6 host. */
enum { LIT_MAX = 48 }; /* an IPv6 address's text, without its tabs */

/* "[" IPv6 "]" at s[f..b) (tabs skipped): an IPv6 host; its text goes
 * to lit[0..LIT_MAX) without the tabs, then to the parser. */
static redir_status ip_literal(const char *s, size_t f, size_t b, char *lit,
                               host *h)
{
#ifdef REDIR_NO_IPV6 /* every host in brackets, as the URL Standard reads it */
    (void)s, (void)f, (void)b, (void)lit, (void)h;
    return REDIR_E_IPV6_UNSUPPORTED;
#else
    size_t n = 0, last = b;
    while (last > f && redir_is_tabnl((unsigned char)s[last - 1]))
        last--;
    if (last - f < 2 || s[last - 1] != ']')
        return REDIR_E_INVALID_IP_LITERAL;
    for (size_t i = f + 1; i < last - 1; i++) {
        if (redir_is_tabnl((unsigned char)s[i]))
            continue;
        if (n == LIT_MAX)
            return REDIR_E_INVALID_IP_LITERAL;
        lit[n++] = s[i];
    }
    if (!redir_ip6_parse(lit, n, h->ip.v6))
        return REDIR_E_INVALID_IP_LITERAL;
    h->type = REDIR_HOST_IPV6;
    return REDIR_OK;
#endif
}

enum { DOMAIN_INVALID = -1, DOMAIN_NOT_ASCII = -2 };

/* A special URL's domain h->s[h->a..h->b) read decoded (tabs skipped,
 * %XX decoded) in one pass, which checks every byte and finds the start
 * of each label: the first byte of the label "ends in a number" looks
 * at (0 when empty), DOMAIN_INVALID for a forbidden code point or no
 * byte, or DOMAIN_NOT_ASCII. Sets h->plain and h->upper. Apart from
 * parse_host(), so that its state is off the stack while an IPv4
 * address is parsed. */
REDIR_NOINLINE static int decoded_domain(host *h)
{
    redir_hcursor hc = {h->s, h->a, h->b};
    size_t len = 0, label_len = 0;
    bool forbidden = false;
    unsigned char first = 0, first_before = 0; /* of the last two labels */
    int c;
    h->plain = true;
    h->upper = true; /* maybe: lowered byte by byte */
    for (;;) {
        size_t at = hc.i;
        c = redir_hc_next(&hc);
        /* A tab or newline skipped (trailing ones too, or they would be
         * copied into the host) or a %XX decoded: the text is not the
         * host as written. */
        if (hc.i != at + (size_t)(c >= 0))
            h->plain = false;
        if (c < 0)
            break;
        if (c >= 0x80)
            return DOMAIN_NOT_ASCII;
        forbidden = forbidden || redir_forbidden_domain((unsigned char)c);
        if (c == '.') {
            first_before = first;
            first = 0;
            label_len = 0;
        } else {
            if (label_len == 0)
                first = (unsigned char)c;
            label_len++;
        }
        len++;
    }
    if (len == 0 || forbidden)
        return DOMAIN_INVALID;
    return label_len > 0 ? first : first_before;
}

/*
 * The URL Standard's host parser on s[a..b) (tabs included, skipped).
 * A special URL's domain that is ASCII after percent-decoding is only
 * lowercased: since the URL Standard's 2026 fallback for ASCII domains
 * that fail ToASCII, that is exactly what "domain to ASCII" gives for
 * them. A non-ASCII one goes through UTS 46 into `idna`, or fails with
 * idna-unsupported in a build without IDNA.
 */
static redir_status parse_host(const char *s, size_t a, size_t b, bool special,
                               char *idna, char *lit, host *h)
{
    size_t f = redir_skip_tabnl(s, a, b);
    h->s = s;
    h->a = a;
    h->b = b;
    if (f < b && s[f] == '[')
        return ip_literal(s, f, b, lit, h);
    if (!SPECIAL(special)) {
        for (size_t i = a; i < b; i++)
            if (!redir_is_tabnl((unsigned char)s[i]) &&
                redir_forbidden_host((unsigned char)s[i]))
                return REDIR_E_INVALID_HOST;
        h->type = f < b ? REDIR_HOST_OPAQUE : REDIR_HOST_EMPTY;
        return REDIR_OK;
    }

    /* Fast path: a domain with nothing to decode, skip or refuse (the
     * usual case) is checked on its bytes as they are. */
    if (plain_domain(s, a, b, &h->upper)) {
        h->plain = true;
        return domain_type(h, last_label_first(s, a, b));
    }

    int first = decoded_domain(h);
    if (first == DOMAIN_NOT_ASCII) {
#ifdef REDIR_NO_IDNA
        (void)idna;
        return REDIR_E_IDNA_UNSUPPORTED;
#else
        return idna_host(s, a, b, idna, h);
#endif
    }
    if (first < 0)
        return REDIR_E_INVALID_HOST;
    return domain_type(h, (unsigned char)first);
}

#ifndef REDIR_NO_FILE /* for file: hosts */
/* True when the domain's text is "localhost" (decoded, any case). */
static bool is_localhost(const host *h)
{
    static const char lh[] = "localhost";
    redir_hcursor hc = {h->s, h->a, h->b};
    size_t i = 0;
    int c;
    while ((c = redir_hc_next(&hc)) >= 0) {
        if (i >= 9 || c != lh[i])
            return false;
        i++;
    }
    return i == 9;
}
#endif

/* IPv6 serializer: lowercase hex, the first longest run of two or more
 * zero pieces compressed to "::". */
#ifndef REDIR_NO_IPV6
static void put_ipv6(writer *w, const uint8_t a[16])
{
    uint16_t p[8];
    int best = -1, best_len = 1;
    for (int i = 0; i < 8; i++)
        p[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && p[j] == 0)
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    put(w, '[');
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            put_n(w, i == 0 ? "::" : ":", i == 0 ? 2 : 1);
            i += best_len - 1;
            continue;
        }
        static const char hex[] = "0123456789abcdef";
        bool started = false;
        for (int sh = 12; sh >= 0; sh -= 4) {
            unsigned d = (unsigned)(p[i] >> sh) & 15u;
            if (d != 0 || started || sh == 0) {
                put(w, hex[d]);
                started = true;
            }
        }
        if (i < 7)
            put(w, ':');
    }
    put(w, ']');
}
#endif

static void put_host(writer *w, const host *h)
{
    if (h->as_is) {
        put_n(w, h->s + h->a, h->b - h->a);
        return;
    }
    switch (h->type) {
    case REDIR_HOST_DOMAIN: {
        redir_hcursor hc = {h->s, h->a, h->b};
        int c;
        if (h->plain && !h->upper) {
            put_n(w, h->s + h->a, h->b - h->a);
            break;
        }
        if (h->plain) {
            for (size_t i = h->a; i < h->b; i++)
                put(w, (char)redir_lower((unsigned char)h->s[i]));
            break;
        }
        while ((c = redir_hc_next(&hc)) >= 0)
            put(w, (char)c);
        break;
    }
    case REDIR_HOST_IPV4: {
        char v4[16];
        put_n(w, v4, redir_ip4_format(h->ip.v4, v4));
        break;
    }
#ifndef REDIR_NO_IPV6 /* else only a parsed base's, written as it is */
    case REDIR_HOST_IPV6:
        put_ipv6(w, h->ip.v6);
        break;
#endif
    case REDIR_HOST_OPAQUE:
        put_encoded(w, h->s, h->a, h->b, EC_C0);
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------------
 * Paths
 *
 * A path is a list of pieces: spans of text to split into segments at
 * '/' (and '\' for special URLs), plus two virtual tokens: an empty
 * segment and "pop" (shorten the path, as ".." does). A relative
 * reference's path is the base's path text, then pop, then its own text.
 */
enum { PK_TEXT, PK_EMPTY, PK_POP };

/* What the parser saw in a text piece, so the writer can skip work: a
 * byte to percent-encode, a segment that starts with '.' or '%' (maybe a
 * dot segment), a '\' separator or a tab or newline (segment by segment
 * then). */
enum { PF_ENCODE = 1, PF_DOT = 2, PF_SLOW = 4 };

typedef struct piece {
    uint8_t kind;  /* PK_* */
    uint8_t flags; /* PF_*, for PK_TEXT */
    const char *s;
    size_t a, b;
} piece;

typedef struct pathplan {
    int n;
    size_t grow;  /* bytes percent-encoding adds to the pieces' text */
    bool special; /* '\' separates segments too */
    bool file;    /* Windows drive letter rules */
    /* The text the output is written over (the base's, in place), or
     * NULL: its segments are already where they go. */
    const char *over;
#ifndef REDIR_NO_FAST_PATH
    struct ring *ring; /* the forward writer's memory (see path_ring) */
#endif
    piece p[5]; /* last: only p[0..n) is ever read */
} pathplan;

/* A segment: piece index and its text span (empty for tokens). */
typedef struct seg {
    int piece;
    size_t a, b;
} seg;

static bool is_sep(const pathplan *pp, char c)
{
    return (redir_stop_bits[(unsigned char)c] &
            (REDIR_STOP_SLASH |
             (SPECIAL(pp->special) ? REDIR_STOP_BACKSLASH : 0u))) != 0;
}

static void add_piece(pathplan *pp, int kind, const char *s, size_t a, size_t b)
{
    pp->p[pp->n].kind = (uint8_t)kind;
    pp->p[pp->n].flags = PF_ENCODE | PF_DOT | PF_SLOW; /* unknown */
    pp->p[pp->n].s = s;
    pp->p[pp->n].a = a;
    pp->p[pp->n].b = b;
    pp->n++;
}

#if !defined(REDIR_NO_FAST_PATH) || !defined(REDIR_NO_FILE)
/* First segment of the path; false when there is none (the forward
 * writer's and the drive letter's walks). */
static bool seg_first(const pathplan *pp, seg *g)
{
    if (pp->n == 0)
        return false;
    g->piece = 0;
    g->a = pp->p[0].a;
    g->b = g->a;
    if (pp->p[0].kind == PK_TEXT)
        while (g->b < pp->p[0].b && !is_sep(pp, pp->p[0].s[g->b]))
            g->b++;
    return true;
}

static bool seg_next(const pathplan *pp, seg *g)
{
    const piece *pc = &pp->p[g->piece];
    if (pc->kind == PK_TEXT && g->b < pc->b) { /* past the separator */
        g->a = g->b + 1;
    } else {
        if (g->piece + 1 >= pp->n)
            return false;
        g->piece++;
        pc = &pp->p[g->piece];
        g->a = pc->a;
    }
    g->b = g->a;
    if (pc->kind == PK_TEXT)
        while (g->b < pc->b && !is_sep(pp, pc->s[g->b]))
            g->b++;
    return true;
}
#endif

/* Last segment of the path; false when there is none. */
static bool seg_last(const pathplan *pp, seg *g)
{
    if (pp->n == 0)
        return false;
    g->piece = pp->n - 1;
    const piece *pc = &pp->p[g->piece];
    g->b = pc->b;
    g->a = g->b;
    if (pc->kind == PK_TEXT)
        while (g->a > pc->a && !is_sep(pp, pc->s[g->a - 1]))
            g->a--;
    return true;
}

static bool seg_prev(const pathplan *pp, seg *g)
{
    const piece *pc = &pp->p[g->piece];
    if (pc->kind == PK_TEXT && g->a > pc->a) { /* before the separator */
        g->b = g->a - 1;
    } else {
        if (g->piece == 0)
            return false;
        g->piece--;
        pc = &pp->p[g->piece];
        g->b = pc->b;
    }
    g->a = g->b;
    if (pc->kind == PK_TEXT)
        while (g->a > pc->a && !is_sep(pp, pc->s[g->a - 1]))
            g->a--;
    return true;
}

enum { SEG_NORMAL, SEG_DOT, SEG_DOTDOT };

/* "." and ".." in any of their spellings ("%2e", ".%2E", ...). */
static int seg_kind(const pathplan *pp, const seg *g)
{
    const piece *pc = &pp->p[g->piece];
    if (pc->kind == PK_POP)
        return SEG_DOTDOT;
    if (pc->kind == PK_EMPTY || !(pc->flags & (PF_DOT | PF_SLOW)))
        return SEG_NORMAL;
    /* most segments are ruled out by their first byte */
    size_t first = redir_skip_tabnl(pc->s, g->a, g->b);
    if (first == g->b || (pc->s[first] != '.' && pc->s[first] != '%'))
        return SEG_NORMAL;
    char t[7];
    size_t n = 0;
    for (size_t i = first; i < g->b; i++) {
        if (redir_is_tabnl((unsigned char)pc->s[i]))
            continue;
        if (n == 6)
            return SEG_NORMAL;
        t[n++] = (char)redir_lower((unsigned char)pc->s[i]);
    }
    int dots = 0;
    for (size_t i = 0; i < n;) {
        if (t[i] == '.') {
            i++;
        } else if (n - i >= 3 && t[i] == '%' && t[i + 1] == '2' &&
                   t[i + 2] == 'e') {
            i += 3;
        } else {
            return SEG_NORMAL;
        }
        dots++;
    }
    return dots == 1 ? SEG_DOT : dots == 2 ? SEG_DOTDOT : SEG_NORMAL;
}

#ifndef REDIR_NO_FILE
/* Whether a segment is a Windows drive letter ("C:" or "C|"). */
static bool seg_drive(const pathplan *pp, const seg *g)
{
    const piece *pc = &pp->p[g->piece];
    unsigned char t[2];
    size_t n = 0;
    if (pc->kind != PK_TEXT)
        return false;
    for (size_t i = g->a; i < g->b; i++) {
        if (redir_is_tabnl((unsigned char)pc->s[i]))
            continue;
        if (n == 2)
            return false;
        t[n++] = (unsigned char)pc->s[i];
    }
    return n == 2 && redir_is_alpha(t[0]) && (t[1] == ':' || t[1] == '|');
}
#endif

static size_t seg_encoded_len(const pathplan *pp, const seg *g)
{
    const piece *pc = &pp->p[g->piece];
    writer counter = {NULL, 0, 0};
    if (pc->kind == PK_TEXT)
        put_encoded(&counter, pc->s, g->a, g->b, EC_PATH);
    return counter.len;
}

/* Writes "/" + the segment at w->buf[at..); a drive root becomes "X:". */
static void seg_put(writer *w, size_t at, const pathplan *pp, const seg *g,
                    bool root)
{
    writer sub = {at < w->cap ? w->buf + at : NULL,
                  at < w->cap ? w->cap - at : 0, 0};
    const piece *pc = &pp->p[g->piece];
    put(&sub, '/');
    if (root) {
        size_t i = redir_skip_tabnl(pc->s, g->a, g->b);
        put(&sub, pc->s[i]);
        put(&sub, ':');
    } else if (pc->kind == PK_TEXT) {
        put_encoded(&sub, pc->s, g->a, g->b, EC_PATH);
    }
}

/* The shape of a serialized path. */
typedef struct pathinfo {
    size_t len;
    size_t count;     /* segments in the resulting list */
    bool first_empty; /* its first segment is "" */
} pathinfo;

/*
 * The path state's segment loop over the whole list, as the URL Standard
 * runs it (push; "." ignored; ".." pops; a final "." or ".." leaves an
 * empty segment), computed right to left: a segment survives unless a
 * later ".." is still unmatched. In a file URL, the first drive letter
 * pushed onto an empty list is never popped ("shorten" spares it): a
 * forward pass finds it, and the right-to-left walk stops there.
 * Counts when w is NULL, else writes the `info->len` bytes at w[at..).
 */
static void path_walk(const pathplan *pp, writer *w, size_t at, pathinfo *info)
{
    seg g, root;
    bool has_root = false;
    size_t pending = 0, len = 0, count = 0;
    size_t end = 0;

    if (w == NULL)
        memset(info, 0, sizeof *info);
    else
        end = at + info->len;
#ifndef REDIR_NO_FILE
    if (pp->file && seg_first(pp, &g)) {
        size_t depth = 0;
        do {
            int k = seg_kind(pp, &g);
            if (k == SEG_DOTDOT) {
                if (depth > 0)
                    depth--;
            } else if (k == SEG_NORMAL) {
                if (depth == 0 && seg_drive(pp, &g)) {
                    root = g;
                    has_root = true;
                    break;
                }
                depth++;
            }
        } while (seg_next(pp, &g));
    }
#endif
    if (!seg_last(pp, &g))
        return;

    bool first_empty = false;
    if (seg_kind(pp, &g) != SEG_NORMAL) { /* a final dot segment */
        len++;
        count++;
        first_empty = true;
        if (w != NULL && --end < w->cap)
            w->buf[end] = '/';
    }
    for (;;) {
        /* In place, the base's segments are left as they stand: every one
         * is a plain segment, those a ".." pops lie right of those kept,
         * and what was written right to left may have covered them. */
        if (w != NULL && pp->over != NULL && pp->p[g.piece].s == pp->over)
            break;
        bool at_root =
            has_root && g.piece == root.piece && g.a == root.a && g.b == root.b;
        int k = at_root ? SEG_NORMAL : seg_kind(pp, &g);
        if (k == SEG_DOTDOT) {
            pending++;
        } else if (k == SEG_NORMAL) {
            if (pending > 0 && !at_root) {
                pending--;
            } else {
                size_t n = at_root ? 2 : seg_encoded_len(pp, &g);
                len += 1 + n;
                count++;
                first_empty = n == 0;
                if (w != NULL) {
                    end -= 1 + n;
                    seg_put(w, end, pp, &g, at_root);
                }
            }
        }
        if (at_root || !seg_prev(pp, &g))
            break;
    }
    if (w == NULL) {
        info->len = len;
        info->count = count;
        info->first_empty = first_empty;
    }
}

#ifndef REDIR_NO_FAST_PATH
/*
 * The same loop as one forward pass, for the usual path (not file:, so
 * no drive letter to spare): the segments that survive are kept on a
 * small ring as they come ("." skipped, ".." pops, a final dot segment
 * pushes an empty one) and written in order. A segment is written only
 * once no later ".." can reach it: when the ring is full, its oldest
 * entry is safe if more segments are kept than ".." segments remain,
 * which `pops` counts (SIZE_MAX: not counted yet, so nothing is written
 * before the end). Returns false, having written nothing, when the ring
 * overflows before anything can be written.
 */
enum { PATH_RING = 8 };

typedef struct ring {
    seg e[PATH_RING];
    size_t lo, depth;
} ring;

static void ring_write(const pathplan *pp, writer *w, const seg *g)
{
    put(w, '/');
    if (g->piece < 0 || pp->p[g->piece].kind != PK_TEXT)
        return;
    put_text(w, pp->p[g->piece].s, g->a, g->b, EC_PATH,
             (pp->p[g->piece].flags & (PF_ENCODE | PF_SLOW)) != 0);
}

static bool path_ring(const pathplan *pp, writer *w, size_t pops)
{
    ring *r = pp->ring;
    seg g, nx;
    bool more = seg_first(pp, &g);
    r->lo = r->depth = 0;
    while (more) {
        nx = g;
        more = seg_next(pp, &nx);
        int k = seg_kind(pp, &g);
        if (k == SEG_DOTDOT) {
            pops -= pops != SIZE_MAX;
            if (r->depth > 0)
                r->depth--;
        }
        if (k == SEG_NORMAL || !more) {
            if (r->depth == PATH_RING) {
                if (pops == SIZE_MAX || r->depth <= pops)
                    return false; /* only before a first write */
                ring_write(pp, w, &r->e[r->lo]);
                r->lo = (r->lo + 1) % PATH_RING;
                r->depth--;
            }
            seg *top = &r->e[(r->lo + r->depth++) % PATH_RING];
            *top = g;
            top->piece = k == SEG_NORMAL ? g.piece : -1;
        }
        g = nx;
    }
    for (size_t i = 0; i < r->depth; i++)
        ring_write(pp, w, &r->e[(r->lo + i) % PATH_RING]);
    return true;
}

/* path_ring(), counting the ".." segments first when the ring is too
 * small without; false when it still is. Sets *span to the path. */
static bool path_forward(const pathplan *pp, writer *w, redir_span *span)
{
    span->off = w->len;
    const piece *pc = &pp->p[0];
    if (pp->n == 1 && pc->kind == PK_TEXT &&
        !(pc->flags & (PF_DOT | PF_SLOW))) {
        /* no dot segment, no '\' and no tab: the text is the path */
        put(w, '/');
        put_text(w, pc->s, pc->a, pc->b, EC_PATH, (pc->flags & PF_ENCODE) != 0);
    } else if (!path_ring(pp, w, SIZE_MAX)) {
        size_t pops = 0;
        seg g;
        bool more = seg_first(pp, &g);
        for (; more; more = seg_next(pp, &g))
            pops += seg_kind(pp, &g) == SEG_DOTDOT;
        if (!path_ring(pp, w, pops))
            return false;
    }
    span->len = w->len - span->off;
    return true;
}
#endif /* REDIR_NO_FAST_PATH */

/* ---------------------------------------------------------------------
 * The plan of a parsed URL
 */
typedef struct plan {
    char *idna;     /* REDIR_IDNA_MAX bytes for a host's ASCII form */
    char *lit;      /* LIT_MAX bytes for an IPv6 address's text */
    const char *s;  /* the input: fragment, and all spans of its own */
    const char *ss; /* text of the scheme (input or base) */
    size_t scheme_a, scheme_b;
    int kind; /* SCHEME_* */
    host h;
    const char *cs; /* text of the credentials (input or base) */
    size_t user_a, user_b, pass_a, pass_b;
    int32_t port;   /* -1: none */
    const char *ps; /* an opaque path's text: ps[pa..pb) */
    size_t pa, pb;
    const char *qs;
    size_t qa, qb;
    size_t q_grow; /* bytes percent-encoding adds to the query */
    size_t fa, fb; /* always in s */
    size_t f_grow; /* the same for the fragment */
    /* together, so that they take a byte each */
    bool has_host, has_creds, has_pass, opaque, has_query, has_frag;
    bool q_encode; /* the query holds a byte to percent-encode */
    bool f_encode; /* the same for the fragment */
    pathplan path; /* last, with its pieces last */
} plan;

/* What a resolution keeps while it runs (in the caller's
 * redir_url_work): one plan, the base's and then, over it, the
 * reference's; the text of an IPv6 host while it is parsed, and the
 * forward path writer's ring once the URL is written, in one place; the
 * result's components. */
typedef struct whatwg_work {
    redir_job job; /* first: see redir_job */
    plan u;
    union {
        char lit[LIT_MAX];
#ifndef REDIR_NO_FAST_PATH
        ring r;
#endif
    } scratch;
    redir_url res;
} whatwg_work;
REDIR_WORK_FITS(whatwg_work_fits, sizeof(whatwg_work));

/* Whether u's scheme is special (with REDIR_ONLY_HTTP, always). */
static bool is_special(const plan *u)
{
    return SPECIAL(u->kind != SCHEME_OTHER);
}

static whatwg_work *work_of(redir_url_work *w)
{
    return (whatwg_work *)(void *)w->opaque.bytes;
}

/* A new plan: all zero but its buffers and the path's pieces, which are
 * written before they are read, and are most of it; no port. */
static void plan_clear(plan *u)
{
    memset(&u->s, 0,
           offsetof(plan, path) + offsetof(pathplan, p) - offsetof(plan, s));
    u->port = -1;
}

#ifndef REDIR_NO_FILE
/* Windows drive letter at the start of s[i..n) followed by nothing or
 * one of / \ ? # ("starts with a Windows drive letter"). */
static bool starts_with_drive(const char *s, size_t i, size_t n)
{
    int c0 = peek(s, i, n);
    size_t j = next(s, i, n);
    int c1 = peek(s, j, n);
    int c2 = peek(s, next(s, j, n), n);
    if (c0 < 0 || !redir_is_alpha((unsigned char)c0) ||
        (c1 != ':' && c1 != '|'))
        return false;
    return c2 < 0 || c2 == '/' || c2 == '\\' || c2 == '?' || c2 == '#';
}
#endif

/*
 * A relative reference is parsed over its base's plan: what the
 * reference does not give stays the base's. These drop what it
 * replaces, each with what follows it in a URL (the fragment is never
 * the base's: see ref_begin).
 */
static void drop_query(plan *u)
{
    u->has_query = false;
}

static void drop_path(plan *u)
{
    u->path.n = 0;
    u->path.grow = 0;
    u->opaque = false;
    drop_query(u);
}

static void drop_authority(plan *u)
{
    memset(&u->h, 0, sizeof u->h);
    u->has_host = u->has_creds = u->has_pass = false;
    u->port = -1;
    drop_path(u);
}

/* The reference's text, over a base's plan or a cleared one. */
static void ref_begin(plan *u, const char *s)
{
    u->s = s;
    u->has_frag = false;
}

/* "shorten": a pop token, after an empty segment when the base's path
 * ends in a dot segment (whose empty segment the pop then takes). */
static void shorten(plan *u)
{
    seg g;
    if (u->path.n > 0 && seg_last(&u->path, &g) &&
        seg_kind(&u->path, &g) != SEG_NORMAL)
        add_piece(&u->path, PK_EMPTY, NULL, 0, 0);
    add_piece(&u->path, PK_POP, NULL, 0, 0);
}

/* Parses the query and fragment from s[i..n) (at '?' or '#' or end). */
static void parse_tail(plan *u, const char *s, size_t i, size_t n)
{
    if (i < n && s[i] == '?') {
        unsigned set = is_special(u) ? EC_SPECIAL_QUERY : EC_QUERY;
        /* '#' is in both sets, so the scan stops at it */
        size_t e =
            scan_encoded(s, i + 1, n, set, '#', &u->q_encode, &u->q_grow);
        u->has_query = true;
        u->qs = s;
        u->qa = i + 1;
        u->qb = e;
        i = e;
    }
    if (i < n && s[i] == '#') {
        u->has_frag = true;
        u->fa = i + 1;
        u->fb = n;
        scan_encoded(s, i + 1, n, EC_FRAGMENT, -1, &u->f_encode, &u->f_grow);
    }
}

/* Path state from s[i..n): segments up to '?' or '#', with the PF_*
 * flags of what the scan passed. */
static size_t parse_path(plan *u, const char *s, size_t i, size_t n)
{
    unsigned set =
        EC_PATH | EC_DOTPCT | (SPECIAL(u->path.special) ? EC_BACKSLASH : 0u);
    unsigned flags = 0;
    size_t e = i, grow = 0;
    for (;; e++) {
        e = scan_set(s, e, n, set);
        if (e == n || s[e] == '?' || s[e] == '#')
            break;
        unsigned bits = encode_set[(unsigned char)s[e]];
        if (bits & EC_DOTPCT) {
            flags |= e == i || s[e - 1] == '/' ? PF_DOT : 0u;
        } else if (bits & EC_BACKSLASH || redir_is_tabnl((unsigned char)s[e])) {
            flags |= PF_SLOW;
        } else {
            flags |= PF_ENCODE;
            grow += enc_grow(s, &e, n);
        }
    }
    add_piece(&u->path, PK_TEXT, s, i, e);
    u->path.p[u->path.n - 1].flags = (uint8_t)flags;
    u->path.grow += grow;
    return e;
}

/* Credentials s[a..at): the username up to `colon`, the password after
 * it (none when colon == at). */
static void set_creds(plan *u, const char *s, size_t a, size_t colon, size_t at)
{
    u->has_creds = true;
    u->cs = s;
    u->user_a = a;
    u->user_b = colon;
    u->has_pass = colon < at;
    u->pass_a = colon < at ? colon + 1 : at;
    u->pass_b = at;
}

/* Authority state from s[i..n) for a special or non-special URL, then
 * the path start state. Returns the index where the path begins. */
static redir_status parse_authority(plan *u, const char *s, size_t i, size_t n,
                                    size_t *path_at)
{
    bool special = is_special(u);
    unsigned stops = REDIR_STOP_SLASH | REDIR_STOP_QUESTION | REDIR_STOP_HASH |
                     (special ? REDIR_STOP_BACKSLASH : 0u);
    /* One pass finds the end, the last '@', the first ':' (of the
     * userinfo) and the host's ':' (after the last '@', outside
     * brackets). */
    size_t e = i, at = n, colon = n, he = n;
    bool inside = false;
    const unsigned char *p = (const unsigned char *)s;
    for (; e < n; e++) {
        while (n - e >= 4 &&
               !((redir_stop_bits[p[e]] | redir_stop_bits[p[e + 1]] |
                  redir_stop_bits[p[e + 2]] | redir_stop_bits[p[e + 3]]) &
                 REDIR_STOPS))
            e += 4; /* most of an authority: four bytes a step */
        if (e == n)
            break;
        unsigned bits = redir_stop_bits[p[e]] & REDIR_STOPS;
        if (bits == 0)
            continue;
        if (bits & stops)
            break;
        if (bits == REDIR_STOP_COLON) {
            colon = colon < e ? colon : e;
            he = inside || he < e ? he : e;
        } else if (bits == REDIR_STOP_AT) {
            at = e;
            he = n;
            inside = false;
        } else if (bits == REDIR_STOP_BRACKET) {
            inside = s[e] == '[';
        }
    }
    if (at > e)
        at = e;
    if (he > e)
        he = e;
    size_t hs = i;
    if (at < e) {
        set_creds(u, s, i, colon < at ? colon : at, at);
        hs = at + 1;
        if (redir_skip_tabnl(s, hs, e) == e)
            return REDIR_E_INVALID_HOST; /* credentials without a host */
    }
    /* host [":" port]; ':' inside brackets belongs to the host */
    if (he < e && redir_skip_tabnl(s, hs, he) == he)
        return REDIR_E_INVALID_HOST; /* ":port" without a host */
    if (special && redir_skip_tabnl(s, hs, he) == he)
        return REDIR_E_INVALID_HOST;
    redir_status st = parse_host(s, hs, he, special, u->idna, u->lit, &u->h);
    if (st != REDIR_OK)
        return st;
    u->has_host = true;
    u->port = -1;
    if (he < e) {
        uint32_t v = 0;
        bool any = false;
        for (size_t k = he + 1; k < e; k++) {
            unsigned char c = (unsigned char)s[k];
            if (redir_is_tabnl(c))
                continue;
            if (!redir_is_digit(c))
                return REDIR_E_INVALID_PORT;
            v = v * 10u + (uint32_t)(c - '0');
            if (v > 65535u)
                return REDIR_E_INVALID_PORT;
            any = true;
        }
        if (any && (int32_t)v != default_port(u->kind))
            u->port = (int32_t)v;
    }
    *path_at = e;
    return REDIR_OK;
}

/* Path start state at s[i..n) after a host (or none). */
static void path_start(plan *u, const char *s, size_t i, size_t n)
{
    int c = peek(s, i, n);
    if (is_special(u)) {
        if (c == '/' || c == '\\')
            i = next(s, i, n);
        i = parse_path(u, s, i, n);
    } else if (c == '/') {
        i = parse_path(u, s, next(s, i, n), n);
    } else if (c >= 0 && c != '?' && c != '#') {
        i = parse_path(u, s, i, n);
    }
    parse_tail(u, s, redir_skip_tabnl(s, i, n), n);
}

/* Authority state at s[i..n), then the path start state. */
static redir_status authority_and_path(plan *u, const char *s, size_t i,
                                       size_t n)
{
    size_t p;
    redir_status st = parse_authority(u, s, i, n, &p);
    if (st == REDIR_OK)
        path_start(u, s, p, n);
    return st;
}

#ifdef REDIR_NO_FILE
/* file: URLs are left out of this build, as a URL and as a base. */
static redir_status parse_file(plan *u, const char *s, size_t i, size_t n,
                               bool file_base)
{
    (void)u, (void)s, (void)i, (void)n, (void)file_base;
    return REDIR_E_FILE_UNSUPPORTED;
}
#else
/* File host state: s[i..n) after "file://". */
static redir_status parse_file_host(plan *u, const char *s, size_t i, size_t n)
{
    size_t e = redir_scan_to(s, i, n,
                             REDIR_STOP_SLASH | REDIR_STOP_BACKSLASH |
                                 REDIR_STOP_QUESTION | REDIR_STOP_HASH);
    u->has_host = true;
    u->h.type = REDIR_HOST_EMPTY;
    if (starts_with_drive(s, i, n) &&
        redir_skip_tabnl(s, next(s, next(s, i, n), n), e) == e) {
        /* "file://C:/x": the drive letter starts the path */
        parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, i, n), n), n);
        return REDIR_OK;
    }
    if (redir_skip_tabnl(s, i, e) < e) {
        redir_status st = parse_host(s, i, e, true, u->idna, u->lit, &u->h);
        if (st != REDIR_OK)
            return st;
        if (u->h.type == REDIR_HOST_DOMAIN && is_localhost(&u->h))
            u->h.type = REDIR_HOST_EMPTY;
    }
    path_start(u, s, e, n);
    return REDIR_OK;
}

/* The first segment of a plan's path when it is a Windows drive letter
 * that the path keeps as its first segment. */
static bool base_drive(const plan *base, seg *out)
{
    seg g;
    size_t depth = 0;
    if (!seg_first(&base->path, &g))
        return false;
    do {
        int k = seg_kind(&base->path, &g);
        if (k == SEG_DOTDOT) {
            if (depth > 0)
                depth--;
        } else if (k == SEG_NORMAL) {
            if (depth == 0 && seg_drive(&base->path, &g)) {
                *out = g;
                return true;
            }
            depth++;
        }
    } while (seg_next(&base->path, &g));
    return false;
}

/* File state at s[i..n), over the plan of a file: base (file_base) or
 * a cleared plan. */
static redir_status parse_file(plan *u, const char *s, size_t i, size_t n,
                               bool file_base)
{
    int c = peek(s, i, n);
    u->path.file = true;
    u->path.special = true;
    if (!file_base) {
        u->has_host = true;
        u->h.type = REDIR_HOST_EMPTY;
    }
    if (c == '/' || c == '\\') { /* file slash state */
        i = next(s, i, n);
        c = peek(s, i, n);
        if (c == '/' || c == '\\') {
            drop_authority(u);
            return parse_file_host(u, s, next(s, i, n), n);
        }
        if (file_base) {
            seg d;
            bool drive = !starts_with_drive(s, i, n) && base_drive(u, &d);
            const char *ds = drive ? u->path.p[d.piece].s : NULL;
            drop_path(u);
            if (drive)
                add_piece(&u->path, PK_TEXT, ds, d.a, d.b);
        }
        parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, i, n), n), n);
        return REDIR_OK;
    }
    if (file_base) {
        if (c < 0 || c == '?' || c == '#') {
            parse_tail(u, s, redir_skip_tabnl(s, i, n), n);
            return REDIR_OK;
        }
        drop_query(u);
        if (starts_with_drive(s, i, n))
            u->path.n = 0;
        else
            shorten(u);
    }
    parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, i, n), n), n);
    return REDIR_OK;
}
#endif /* REDIR_NO_FILE */

/* Relative state: s[i..n) over the plan of a base of the same scheme. */
static redir_status parse_relative(plan *u, const char *s, size_t i, size_t n)
{
    bool special = is_special(u);
    int c = peek(s, i, n);
    if (c == '/' || (special && c == '\\')) { /* relative slash state */
        size_t j = next(s, i, n);
        int d = peek(s, j, n);
        if (special && (d == '/' || d == '\\')) {
            while (d == '/' ||
                   d == '\\') { /* special authority ignore slashes */
                j = next(s, j, n);
                d = peek(s, j, n);
            }
            drop_authority(u);
            return authority_and_path(u, s, j, n);
        }
        if (!special && d == '/') {
            drop_authority(u);
            return authority_and_path(u, s, next(s, j, n), n);
        }
        drop_path(u);
        parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, j, n), n), n);
        return REDIR_OK;
    }
    if (c < 0 || c == '?' || c == '#') {
        parse_tail(u, s, redir_skip_tabnl(s, i, n), n);
        return REDIR_OK;
    }
    drop_query(u);
    shorten(u);
    parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, i, n), n), n);
    return REDIR_OK;
}

/*
 * Scheme start and scheme states on s[i..n): the index of the ':' that
 * ends a scheme, or n when there is none, and in *kind its SCHEME_*.
 * "http:" and "https:" (in any case, without a tab) are told by two
 * fixed-size compares, without a loop: nearly every URL starts so. A
 * letter's 0x20 bit is its case, and only 'H' and 'h' give 'h' with it
 * set (the same for t, p and s).
 */
static size_t scheme_end(const char *s, size_t i, size_t n, int *kind)
{
    if (n - i >= 5 && s[i + 4] == ':' && http_kind(s + i, 4)) {
        *kind = SCHEME_HTTP;
        return i + 4;
    }
    if (n - i >= 6 && s[i + 5] == ':' && http_kind(s + i, 5)) {
        *kind = SCHEME_HTTPS;
        return i + 5;
    }
    if (i < n && redir_is_alpha((unsigned char)s[i])) {
        for (size_t k = i; k < n; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c == ':') {
                *kind = scheme_kind(s, i, k);
                return k;
            }
            if (!redir_is_tabnl(c) && !redir_is_alpha(c) &&
                !redir_is_digit(c) && c != '+' && c != '-' && c != '.')
                break;
        }
    }
    return n;
}

/*
 * The basic URL parser, without state override, on s[0..n) already
 * trimmed of leading and trailing C0 controls and spaces. With `based`,
 * u holds the base URL's plan, and the reference is parsed over it;
 * else u holds nothing yet but its buffers.
 */
static redir_status parse_url(plan *u, const char *s, size_t n, bool based)
{
    size_t i = redir_skip_tabnl(s, 0, n);
    int kind;
    size_t colon = scheme_end(s, i, n, &kind);
    if (colon == n) { /* no scheme state */
        if (!based)
            return REDIR_E_RELATIVE_WITHOUT_BASE;
        ref_begin(u, s);
        if (OPAQUE(u->opaque)) {
            if (peek(s, i, n) != '#')
                return REDIR_E_OPAQUE_BASE;
            parse_tail(u, s, redir_skip_tabnl(s, i, n), n);
            return REDIR_OK;
        }
        if (u->kind == SCHEME_FILE)
            return parse_file(u, s, i, n, true);
        return parse_relative(u, s, i, n);
    }

#ifdef REDIR_ONLY_HTTP /* both kinds named: the compiler then drops the rest */
    if (kind != SCHEME_HTTP && kind != SCHEME_HTTPS)
        return REDIR_E_SCHEME_UNSUPPORTED;
#endif
    size_t a = i;
    i = colon + 1;
    int c = peek(s, i, n);
    /* special relative or authority state: "http:g" is relative */
    bool same = based && u->kind == kind && SPECIAL(kind != SCHEME_OTHER);
    bool relative = same && (kind == SCHEME_FILE ||
                             !(c == '/' && peek(s, next(s, i, n), n) == '/'));
    if (!relative)
        plan_clear(u);
    ref_begin(u, s);
    u->ss = s;
    u->scheme_a = a;
    u->scheme_b = colon;
    u->kind = kind;
    if (kind == SCHEME_FILE)
        return parse_file(u, s, i, n, relative);
    if (relative)
        return parse_relative(u, s, i, n);
    if (is_special(u)) {
        u->path.special = true;
        while (c == '/' || c == '\\') { /* special authority (ignore) slashes */
            i = next(s, i, n);
            c = peek(s, i, n);
        }
        return authority_and_path(u, s, i, n);
    }
    if (c == '/') { /* path or authority state */
        size_t j = next(s, i, n);
        if (peek(s, j, n) == '/') {
            return authority_and_path(u, s, next(s, j, n), n);
        }
        parse_tail(u, s, redir_skip_tabnl(s, parse_path(u, s, j, n), n), n);
        return REDIR_OK;
    }
    /* opaque path state */
    size_t e = redir_scan_to(s, i, n, REDIR_STOP_QUESTION | REDIR_STOP_HASH);
    u->opaque = true;
    u->ps = s;
    u->pa = i;
    u->pb = e;
    parse_tail(u, s, e, n);
    return REDIR_OK;
}

/* ---------------------------------------------------------------------
 * Serializer
 */

/* An opaque path: C0-control percent-encoded. A space right before '?'
 * or '#' (or at the end of a path that has a query or fragment after
 * it) is written %20 so the URL survives reparsing unchanged. */
static void put_opaque_path(writer *w, const plan *u)
{
    size_t b = u->pb;
    size_t last = b;
    while (last > u->pa && redir_is_tabnl((unsigned char)u->ps[last - 1]))
        last--;
    bool followed = u->has_query || u->has_frag;
    if (followed && last > u->pa && u->ps[last - 1] == ' ') {
        put_encoded(w, u->ps, u->pa, last - 1, EC_C0);
        put_pct(w, ' ');
    } else {
        put_encoded(w, u->ps, u->pa, b, EC_C0);
    }
}

/* A plan's path (not opaque): in one pass when it can be, else in two. */
static void put_path(const plan *u, writer *w, redir_span *span)
{
#ifndef REDIR_NO_FAST_PATH
    if (u->has_host && !u->path.file && path_forward(&u->path, w, span))
        return;
#endif
    pathinfo pi;
    path_walk(&u->path, NULL, 0, &pi);
    /* A path that starts with an empty segment, in a URL without a
     * host, would read back as an authority: "/." keeps it a path. */
    if (!u->has_host && pi.count > 1 && pi.first_empty)
        put_n(w, "/.", 2);
    span->off = w->len;
    span->len = pi.len;
    path_walk(&u->path, w, w->len, &pi);
    w->len += pi.len;
}

static redir_status serialize(const plan *u, writer *w, redir_url *r)
{
    memset(r, 0, sizeof *r);
    r->port_number = -1;
    r->flags = REDIR_URL_HAS_SCHEME;

    r->scheme.off = w->len;
    if (is_special(u))
        put_n(w, scheme_names[u->kind - 1], strlen(scheme_names[u->kind - 1]));
    else
        for (size_t i = u->scheme_a; i < u->scheme_b; i++)
            if (!redir_is_tabnl((unsigned char)u->ss[i]))
                put(w, (char)redir_lower((unsigned char)u->ss[i]));
    r->scheme.len = w->len - r->scheme.off;
    put(w, ':');

    if (u->has_host) {
        put_n(w, "//", 2);
        r->flags |= REDIR_URL_HAS_AUTHORITY;
        size_t mark = w->len;
        if (u->has_creds) {
            put_encoded(w, u->cs, u->user_a, u->user_b, EC_USERINFO);
            if (u->has_pass) {
                put(w, ':');
                size_t pass_at = w->len;
                put_encoded(w, u->cs, u->pass_a, u->pass_b, EC_USERINFO);
                if (w->len == pass_at)
                    w->len--; /* empty password: no ':' */
            }
            if (w->len > mark) {
                r->flags |= REDIR_URL_HAS_USERINFO;
                r->userinfo.off = mark;
                r->userinfo.len = w->len - mark;
                put(w, '@');
            }
        }
        r->host_type = u->h.type;
        r->host.off = w->len;
        put_host(w, &u->h);
        r->host.len = w->len - r->host.off;
        if (u->port >= 0) {
            put(w, ':');
            r->flags |= REDIR_URL_HAS_PORT;
            r->port.off = w->len;
            put_dec(w, (uint32_t)u->port);
            r->port.len = w->len - r->port.off;
            r->port_number = u->port;
        }
    }

    if (OPAQUE(u->opaque)) {
        r->flags |= REDIR_URL_OPAQUE_PATH;
        r->path.off = w->len;
        put_opaque_path(w, u);
        r->path.len = w->len - r->path.off;
    } else {
        put_path(u, w, &r->path);
    }

    if (u->has_query) {
        put(w, '?');
        r->flags |= REDIR_URL_HAS_QUERY;
        r->query.off = w->len;
        put_text(w, u->qs, u->qa, u->qb,
                 is_special(u) ? EC_SPECIAL_QUERY : EC_QUERY, u->q_encode);
        r->query.len = w->len - r->query.off;
    }
    if (u->has_frag) {
        put(w, '#');
        r->flags |= REDIR_URL_HAS_FRAGMENT;
        r->fragment.off = w->len;
        put_text(w, u->s, u->fa, u->fb, EC_FRAGMENT, u->f_encode);
        r->fragment.len = w->len - r->fragment.off;
    }
    return REDIR_OK;
}

#ifndef REDIR_NO_FAST_PATH
/* How long put_host() writes a host: its text's length when that is
 * written as it stands or only lowercased, else counted. */
static size_t host_len(const host *h)
{
    if (h->as_is || (h->type == REDIR_HOST_DOMAIN && h->plain))
        return h->b - h->a;
    writer c = {NULL, 0, 0};
    put_host(&c, h);
    return c.len;
}

/* How long serialize() writes the authority after "//". */
static size_t authority_len(const plan *u)
{
    size_t n = host_len(&u->h);
    if (u->has_creds) { /* rare: counted */
        writer user = {NULL, 0, 0}, pass = {NULL, 0, 0};
        put_encoded(&user, u->cs, u->user_a, u->user_b, EC_USERINFO);
        put_encoded(&pass, u->cs, u->pass_a, u->pass_b, EC_USERINFO);
        n += user.len + (pass.len > 0 ? 1 + pass.len : 0) +
             (user.len + pass.len > 0);
    }
    if (u->port >= 0) /* ':' and the digits */
        n += 2u + (u->port >= 10) + (u->port >= 100) + (u->port >= 1000) +
             (u->port >= 10000);
    return n;
}

/*
 * At most how long serialize() makes the plan, from what the parser
 * measured: exact but for the tabs and newlines the path and query drop,
 * the segments ".." or a relative reference's "shorten" take away (the
 * path's pieces are counted whole), and the "/." a host-less path may
 * get.
 */
REDIR_NOINLINE static size_t plan_bound(const plan *u)
{
    size_t n = (is_special(u) ? strlen(scheme_names[u->kind - 1])
                              : u->scheme_b - u->scheme_a) +
               1;
    if (u->has_host)
        n += 2 + authority_len(u);
    if (OPAQUE(u->opaque)) {
        writer c = {NULL, 0, 0};
        put_opaque_path(&c, u);
        n += c.len;
    } else {
        n += (u->has_host ? 0u : 2u) + u->path.grow; /* "/." */
        for (int i = 0; i < u->path.n; i++) {
            const piece *pc = &u->path.p[i];
            n += pc->kind == PK_TEXT ? pc->b - pc->a + 1
                                     : (size_t)(pc->kind == PK_EMPTY);
        }
    }
    if (u->has_query)
        n += 1 + u->qb - u->qa + u->q_grow;
    if (u->has_frag)
        n += 1 + u->fb - u->fa + u->f_grow;
    return n;
}
#else
/* Without the speed paths, a buffer below the rough bound is measured. */
static size_t plan_bound(const plan *u)
{
    (void)u;
    return SIZE_MAX;
}
#endif

/*
 * The plan of a URL this serializer wrote, from its components: what
 * parsing it again would give, without reading it again. Every
 * component is already in serialized form, so none needs encoding,
 * lowercasing or dot-segment removal (the piece flags are 0), the host
 * is written as it stands, and the userinfo splits at its first ':'
 * (a ':' in the username is written %3A). The spans were checked by
 * redir_rfc3986_resolve().
 */
static redir_status plan_from_url(plan *u, const char *s, const redir_url *p)
{
    plan_clear(u);
    u->s = u->ss = u->cs = u->ps = u->qs = s;
    u->scheme_a = p->scheme.off;
    u->scheme_b = p->scheme.off + p->scheme.len;
    u->kind = scheme_kind(s, u->scheme_a, u->scheme_b);
    u->path.special = u->kind != SCHEME_OTHER;
    u->path.file = u->kind == SCHEME_FILE;
    u->port = (p->flags & REDIR_URL_HAS_PORT) ? p->port_number : -1;
    if (p->flags & REDIR_URL_HAS_AUTHORITY) {
        u->has_host = true;
        u->h.type = p->host_type;
        u->h.s = s;
        u->h.a = p->host.off;
        u->h.b = p->host.off + p->host.len;
        u->h.as_is = true;
    }
    if (p->flags & REDIR_URL_HAS_USERINFO) {
        size_t a = p->userinfo.off, b = a + p->userinfo.len;
        set_creds(u, s, a, redir_scan_to(s, a, b, REDIR_STOP_COLON), b);
    }
    size_t pa = p->path.off, pb = pa + p->path.len;
    if (p->flags & REDIR_URL_OPAQUE_PATH) {
        u->opaque = true;
        u->pa = pa;
        u->pb = pb;
    } else if (pb > pa) {
        if (s[pa] != '/')
            return REDIR_E_INVALID_ARGUMENT; /* not a serialized path */
        add_piece(&u->path, PK_TEXT, s, pa + 1, pb);
        u->path.p[0].flags = 0;
    }
    u->has_query = (p->flags & REDIR_URL_HAS_QUERY) != 0;
    u->qa = p->query.off;
    u->qb = p->query.off + p->query.len;
    return REDIR_OK;
}

#ifndef REDIR_NO_FAST_PATH
/* ---------------------------------------------------------------------
 * URLs already in serialized form
 *
 * Most Locations, and nearly every URL a chain starts from, are
 * "http(s)://domain[:port]/path[?query][#fragment]" with nothing to
 * lowercase, decode, encode or remove: the parser would write them back
 * byte for byte (an empty path as "/"). One scan recognises them, and
 * they are copied; anything else, or anything in doubt, takes the full
 * parser.
 */

/* Where the path segments at s[i..n) end ('?', '#' or n) when they are
 * in serialized form (i starts the first: after its '/', or a relative
 * reference's first byte): no byte needs encoding and no segment may be
 * a dot segment (none starts with '.' or '%'). Else 0. */
static size_t as_is_path(const char *s, size_t i, size_t n)
{
    size_t first = i;
    for (;; i++) {
        i = scan_set(s, i, n, EC_PATH | EC_BACKSLASH | EC_DOTPCT);
        if (i == n || s[i] == '?' || s[i] == '#')
            return i;
        if (encode_set[(unsigned char)s[i]] != EC_DOTPCT || i == first ||
            s[i - 1] == '/')
            return 0;
    }
}

/* The length of the URL whose query and fragment are s[e..n) (from a
 * '?', a '#' or nothing) when they are in serialized form and are
 * written from output offset `at`, their spans set in *r; else 0. */
static size_t as_is_rest(const char *s, size_t e, size_t n, size_t at,
                         redir_url *r)
{
    if (e < n && s[e] == '?') {
        size_t q = scan_set(s, e + 1, n, EC_SPECIAL_QUERY);
        if (q < n && s[q] != '#')
            return 0;
        r->flags |= REDIR_URL_HAS_QUERY;
        r->query.off = at + 1;
        r->query.len = q - e - 1;
        at += q - e;
        e = q;
    }
    if (e < n) {
        if (s[e] != '#' || scan_set(s, e + 1, n, EC_FRAGMENT) < n)
            return 0;
        r->flags |= REDIR_URL_HAS_FRAGMENT;
        r->fragment.off = at + 1;
        r->fragment.len = n - e - 1;
        at += n - e;
    }
    return at;
}

/* The same for a path, query and fragment s[i..n), the path written
 * from `at` (an empty one as "/"). */
static size_t as_is_tail(const char *s, size_t i, size_t n, size_t at,
                         redir_url *r)
{
    size_t e = i < n && s[i] == '/' ? as_is_path(s, i + 1, n) : i;
    if (e == 0)
        return 0;
    r->path.off = at;
    r->path.len = e > i ? e - i : 1; /* "" is written "/" */
    return as_is_rest(s, e, n, at + r->path.len, r);
}

/* What ends an authority, or a relative reference's first segment, in
 * serialized form ('\\' does not: the full parser reads it as '/'). */
#define AS_IS_DELIMS (REDIR_STOP_SLASH | REDIR_STOP_QUESTION | REDIR_STOP_HASH)

/* Where the path of s[0..n) starts when its scheme and authority are in
 * serialized form: "http://" or "https://", a lowercase ASCII domain
 * that is not a number, a port other than the default with no leading
 * zero; r is set to them. Else 0. */
static size_t as_is_authority(const char *s, size_t n, redir_url *r)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t a = n > 8 && memcmp(s, "https://", 8) == 0  ? 8
               : n > 7 && memcmp(s, "http://", 7) == 0 ? 7
                                                       : 0;
    size_t i = a;
    if (a == 0)
        return 0;
    i += plain_lower_run(s, i, n);
    if (i == a || redir_is_digit(last_label_first(s, a, i)) ||
        (i < n && !(redir_stop_bits[p[i]] & (AS_IS_DELIMS | REDIR_STOP_COLON))))
        return 0;
    memset(r, 0, sizeof *r);
    r->flags = REDIR_URL_HAS_SCHEME | REDIR_URL_HAS_AUTHORITY;
    r->host_type = REDIR_HOST_DOMAIN;
    r->port_number = -1;
    r->scheme.len = a - 3;
    r->host.off = a;
    r->host.len = i - a;
    if (i == n || s[i] != ':')
        return i;
    size_t d = ++i;
    uint32_t port = 0;
    while (i < n && i - d < 6 && redir_is_digit(p[i]))
        port = port * 10 + (uint32_t)(p[i++] - '0');
    if (i == d || (p[d] == '0' && i - d > 1) || port > 65535 ||
        port == (a == 8 ? 443u : 80u) ||
        (i < n && !(redir_stop_bits[p[i]] & AS_IS_DELIMS)))
        return 0;
    r->flags |= REDIR_URL_HAS_PORT;
    r->port.off = d;
    r->port.len = i - d;
    r->port_number = (int32_t)port;
    return i;
}

/* The length of base[0..n) when it is a URL in serialized form (r set
 * to it), else 0. */
static size_t as_is_url(const char *s, size_t n, redir_url *r)
{
    size_t e = as_is_authority(s, n, r);
    return e > 0 ? as_is_tail(s, e, n, e, r) : 0;
}

/* The shapes of reference the fast path takes. */
enum { AS_ABSOLUTE, AS_PATH_ABSOLUTE, AS_PATH_RELATIVE, AS_QUERY, AS_FRAGMENT };

/* Which of them ref[0..n) (non-empty) may be, or -1: a scheme-relative
 * reference, or a first segment with a ':' (a scheme, maybe). */
static int as_is_shape(const char *ref, size_t n)
{
    switch (ref[0]) {
    case '/':
        return n > 1 && ref[1] == '/' ? -1 : AS_PATH_ABSOLUTE;
    case '?':
        return AS_QUERY;
    case '#':
        return AS_FRAGMENT;
    default: {
        if (n > 7 && memcmp(ref, "http", 4) == 0)
            return AS_ABSOLUTE;
        size_t i = redir_scan_to(ref, 0, n, AS_IS_DELIMS | REDIR_STOP_COLON);
        return i < n && ref[i] == ':' ? -1 : AS_PATH_RELATIVE;
    }
    }
}

/* How much of the base a relative reference of `shape` keeps, with *r
 * (the base's components) cut to it; 0 when the fast path cannot tell.
 * The base's text must hold its serialized path ("http://a" does not). */
static size_t as_is_base_head(const char *base, size_t base_len, int shape,
                              redir_url *r)
{
    size_t path_end = r->path.off + r->path.len, head = r->path.off;
    if (!(r->flags & REDIR_URL_HAS_AUTHORITY) ||
        http_kind(base + r->scheme.off, r->scheme.len) == SCHEME_OTHER ||
        path_end > base_len || r->path.len == 0 || base[r->path.off] != '/')
        return 0;
    if (shape ==
        AS_PATH_RELATIVE) /* the base's directory: up to its last '/' */
        for (head = path_end; base[head - 1] != '/';)
            head--;
    else if (shape == AS_QUERY)
        head = path_end;
    else if (shape == AS_FRAGMENT)
        head = (r->flags & REDIR_URL_HAS_QUERY) ? r->query.off + r->query.len
                                                : path_end;
    r->flags &= ~(uint32_t)REDIR_URL_HAS_FRAGMENT;
    r->fragment.off = r->fragment.len = 0;
    if (shape != AS_FRAGMENT) {
        r->flags &= ~(uint32_t)REDIR_URL_HAS_QUERY;
        r->query.off = r->query.len = 0;
    }
    return head;
}

/* The fast path of redir_whatwg_resolve() (arguments trimmed): when ref
 * is absolute, or relative (not scheme-relative) against a base, and
 * all of it is in serialized form, the result is ref's own scheme and
 * authority, or what the base keeps, and ref's tail, copied. *r receives
 * its components (it is the base's first). Returns false when the full
 * parser must answer, else true with *st. */
static bool resolve_as_is(const redir_job *j, redir_url *r, redir_status *st)
{
    const char *base = j->base, *ref = j->ref;
    size_t base_len = j->base_len, ref_len = j->ref_len;
    int shape = ref_len > 0 ? as_is_shape(ref, ref_len) : -1;
    size_t head_len = 0, len = 0;
    if (shape < 0 || (shape != AS_ABSOLUTE && base == NULL))
        return false;
    /* A base that is not in serialized form may fail: not known here. */
    if (j->base_url != NULL)
        *r = *j->base_url;
    else if (base != NULL && as_is_url(base, base_len, r) == 0)
        return false;
    if (shape == AS_ABSOLUTE) {
        if ((head_len = as_is_authority(ref, ref_len, r)) > 0)
            len = as_is_tail(ref, head_len, ref_len, head_len, r);
    } else if ((head_len = as_is_base_head(base, base_len, shape, r)) > 0) {
        size_t e = 0;
        if (shape == AS_PATH_ABSOLUTE || shape == AS_PATH_RELATIVE) {
            e = as_is_path(ref, shape == AS_PATH_ABSOLUTE, ref_len);
            r->path.len = head_len - r->path.off + e;
        }
        len = e > 0 || shape >= AS_QUERY
                  ? as_is_rest(ref, e, ref_len, head_len + e, r)
                  : 0;
    }
    if (len == 0)
        return false;
    *j->out_len = len;
    *st = len > j->out_cap ? REDIR_E_NOSPACE : REDIR_OK;
    if (*st == REDIR_OK) {
        char *out = j->out;
        const char *head = shape == AS_ABSOLUTE ? ref : base;
        size_t tail = shape == AS_ABSOLUTE ? head_len : 0;
        memmove(out, head, head_len);
        if (len - head_len > ref_len - tail) /* an empty path, as "/" */
            out[head_len++] = '/';
        memmove(out + head_len, ref + tail, ref_len - tail);
    }
    return true;
}

#endif /* REDIR_NO_FAST_PATH */

/* The second half of resolve_full() (below): the reference's plan
 * serialized into the job's buffer, or only measured. Apart, so that its
 * writers are not on the stack while the URLs are parsed. */
REDIR_NOINLINE static redir_status write_result(whatwg_work *ww,
                                                const char *idna)
{
    const redir_job *j = &ww->job;
    const plan *u = &ww->u;
    size_t out_cap = j->out_cap;
    redir_url *r = &ww->res;

    /* The buffer is left untouched when the result does not fit. When it
     * holds the rough bound (percent-encoding makes at most 9 bytes of
     * one, an IP host at most 41, separators a few, an IDNA host what it
     * measured) or else the parser's tight one, the URL is written at
     * once; only a buffer below both is measured first, by a
     * serialization that counts. (So are inputs so long that nine times
     * them does not fit a size_t.) */
    writer w = {j->out, out_cap, 0};
    size_t total = j->ref_len + j->base_len;
    bool huge = total > (SIZE_MAX - 1024) / 9;
    size_t rough = 9 * total + 64 + (u->h.s == idna ? u->h.b : 0);
    if (huge || (rough > out_cap && plan_bound(u) > out_cap)) {
        writer counter = {NULL, 0, 0};
        serialize(u, &counter, r);
        *j->out_len = counter.len;
        if (counter.len > out_cap)
            return REDIR_E_NOSPACE;
    }
    serialize(u, &w, r);
    *j->out_len = w.len;
    if (w.len > out_cap) /* a bound too low: never report a cut URL */
        return REDIR_E_NOSPACE;
    return REDIR_OK;
}

/* The URL Standard's parser and serializer, for redir_whatwg_resolve()
 * (the job's base and ref trimmed): the result's components go to the
 * work's `res`. */
static redir_status resolve_full(redir_url_work *work)
{
    whatwg_work *ww = work_of(work);
    const redir_job *j = &ww->job;
    const char *base = j->base;
    plan *u = &ww->u;
    redir_status st;
    /* One buffer serves both URLs: the result uses the reference's host
     * when it has one, and otherwise the base's. */
#ifdef REDIR_NO_IDNA
    char *idna = NULL;
#else
    char idna[REDIR_IDNA_MAX];
#endif

    u->idna = idna;
    u->lit = ww->scratch.lit;
    if (j->base_url != NULL) {
        if ((st = plan_from_url(u, base, j->base_url)) != REDIR_OK)
            return st;
    } else if (base != NULL) {
        if ((st = parse_url(u, base, j->base_len, false)) != REDIR_OK)
            return st == REDIR_E_RELATIVE_WITHOUT_BASE
                       ? REDIR_E_BASE_NOT_ABSOLUTE
                       : st;
    }
    if ((st = parse_url(u, j->ref, j->ref_len, base != NULL)) != REDIR_OK)
        return st;
#ifndef REDIR_NO_FAST_PATH
    u->path.ring = &ww->scratch.r;
#endif
    if (j->out == base) /* redir_chain_advance: a parsed base, in place */
        u->path.over = base;
    return write_result(ww, idna);
}

redir_status redir_whatwg_resolve(redir_url_work *work)
{
    whatwg_work *ww = work_of(work);
    redir_job *j = &ww->job;
    redir_status st = REDIR_OK;
    bool done = false;
    redir_c0_trim(&j->ref, &j->ref_len);
    if (j->base_url == NULL && j->base != NULL)
        redir_c0_trim(&j->base, &j->base_len);
#ifdef REDIR_ONLY_HTTP /* a parsed base here, a text one as it is parsed */
    if (j->base_url != NULL &&
        http_kind(j->base + j->base_url->scheme.off, j->base_url->scheme.len) ==
            SCHEME_OTHER)
        return REDIR_E_SCHEME_UNSUPPORTED;
#endif
#ifndef REDIR_NO_FAST_PATH
    done = resolve_as_is(j, &ww->res, &st); /* one `res` for both paths */
#endif
    if (!done)
        st = resolve_full(work);
    if (st == REDIR_OK && j->result != NULL)
        *j->result = ww->res;
    return st;
}

#endif /* REDIR_NO_WHATWG */
