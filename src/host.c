/*
 * host.c - host text shared by the URL modes and the SSRF guard: a
 * percent-decoding reader, the IPv4 parser of the WHATWG URL Standard
 * (the forms inet_aton accepts: "127.1", "0x7f.1", "2130706433",
 * "0177.0.0.1"), the IPv6address parser, and the ASCII lowering that
 * hosts, origins and header names share.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

int redir_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = redir_lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Byte by byte: what it compares (schemes, hosts, header names) is
 * short, and in every image. */
bool redir_equal_nocase(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (a[i] != b[i] && redir_lower((unsigned char)a[i]) !=
                                redir_lower((unsigned char)b[i]))
            return false;
    return true;
}

/* Declared in internal.h, for redir_scan_to() and the domain checks. */
#define STOP(c)                                                                \
    (((c) == ':') * REDIR_STOP_COLON | ((c) == '/') * REDIR_STOP_SLASH |       \
     ((c) == '\\') * REDIR_STOP_BACKSLASH |                                    \
     ((c) == '?') * REDIR_STOP_QUESTION | ((c) == '#') * REDIR_STOP_HASH |     \
     ((c) == '@') * REDIR_STOP_AT |                                            \
     ((c) == '[' || (c) == ']') * REDIR_STOP_BRACKET |                         \
     ((c) >= 0x80 || REDIR_FORBIDDEN_DOMAIN(c)) * REDIR_NOT_DOMAIN)
#define STOP4(c)  STOP(c), STOP((c) + 1), STOP((c) + 2), STOP((c) + 3)
#define STOP16(c) STOP4(c), STOP4((c) + 4), STOP4((c) + 8), STOP4((c) + 12)
#define STOP64(c)                                                              \
    STOP16(c), STOP16((c) + 16), STOP16((c) + 32), STOP16((c) + 48)
const unsigned char redir_stop_bits[256] = {STOP64(0), STOP64(64), STOP64(128),
                                            STOP64(192)};
#undef STOP64
#undef STOP16
#undef STOP4
#undef STOP

int redir_hc_next(redir_hcursor *h)
{
    h->i = redir_skip_tabnl(h->s, h->i, h->n);
    if (h->i >= h->n)
        return -1;
    unsigned char c = (unsigned char)h->s[h->i++];
    if (c == '%') {
        size_t j = redir_skip_tabnl(h->s, h->i, h->n);
        size_t k = j < h->n ? redir_skip_tabnl(h->s, j + 1, h->n) : h->n;
        int x, y;
        if (j < h->n && k < h->n &&
            (x = redir_hexval((unsigned char)h->s[j])) >= 0 &&
            (y = redir_hexval((unsigned char)h->s[k])) >= 0) {
            h->i = k + 1;
            return redir_lower((unsigned char)(x * 16 + y));
        }
    }
    return redir_lower(c);
}

/* One dot-separated label of a host as the URL Standard's IPv4 number
 * parser reads it, a byte at a time: its radix is known from its first
 * two bytes ("0x": 16, another leading "0": 8), so one value is kept. */
typedef struct label {
    uint32_t v;    /* its value, while not big */
    uint32_t len;  /* bytes, counted to 2 */
    uint8_t radix; /* 10, 8 or 16 */
    bool digits;   /* ASCII digits only */
    bool ok;       /* the number parser accepts it (digits of its radix) */
    bool big;      /* its value is 2^32 or more (v is then not it) */
} label;

static void label_start(label *l)
{
    l->v = 0;
    l->len = 0;
    l->radix = 10;
    l->digits = true;
    l->ok = true;
    l->big = false;
}

/* l->v = l->v * radix + d, or l->big once that reaches 2^32: 32-bit
 * arithmetic only, since small cores have no 64-bit multiply. Not
 * inlined, so that its divisions' temporaries are not in the frame of
 * the IPv4 parser, which is on the deepest path of a resolution. */
REDIR_NOINLINE static void label_add(label *l, unsigned char c)
{
    int d = redir_hexval(c);
    l->digits = l->digits && redir_is_digit(c);
    if (l->len == 1 && l->radix == 10 && l->ok && l->v == 0) {
        l->radix = c == 'x' ? 16 : 8; /* after a leading '0' */
        if (c == 'x') {
            l->len = 2;
            return;
        }
    }
    l->len += l->len < 2;
    if (d < 0 || (unsigned)d >= l->radix) {
        l->ok = false;
        return;
    }
    uint32_t most = 0xffffffffu / l->radix; /* v * radix + d fits to here */
    if (l->v > most || (l->v == most && (uint32_t)d > 0xffffffffu % l->radix))
        l->big = true;
    else
        l->v = l->v * l->radix + (uint32_t)d;
}

/* Adds label `l`, part i of an IPv4 address but not its last, to *v;
 * false when it cannot be such a part. */
static bool ipv4_part(const label *l, uint32_t i, uint32_t *v)
{
    if (i > 2 || l->len == 0 || !l->ok || l->big || l->v > 255)
        return false;
    *v += l->v << (8 * (3 - i));
    return true;
}

/* The host parser's "ends in a number", then its IPv4 parser, in one
 * pass over the labels: each label a '.' ends is a part, added as it
 * ends, but for a '.' with nothing after it (a trailing dot, which ends
 * no part of its own), so only the label in progress is kept. */
int redir_ipv4_parse(const char *s, size_t a, size_t b, uint32_t *out)
{
    redir_hcursor h = {s, a, b};
    label cur;
    uint32_t count = 0, v = 0; /* parts before the last */
    bool parts_ok = true;
    label_start(&cur);
    for (;;) {
        int c = redir_hc_next(&h);
        if (c >= 0 && c != '.') {
            label_add(&cur, (unsigned char)c);
            continue;
        }
        if (c < 0 || redir_skip_tabnl(s, h.i, b) == b)
            break; /* cur is the last part */
        parts_ok = parts_ok && ipv4_part(&cur, count++, &v);
        label_start(&cur);
    }
    if (cur.len == 0 || !(cur.digits || cur.ok))
        return 0; /* does not end in a number: a domain */
    /* The last number fills the 4 - count bytes the others leave. */
    if (!parts_ok || count > 3 || !cur.ok || cur.big ||
        (count > 0 && cur.v >> (8 * (4 - count)) != 0))
        return -1;
    *out = v + cur.v;
    return 1;
}

/* dec-octet "." dec-octet "." dec-octet "." dec-octet, where dec-octet
 * is 0-255 without leading zeros. Stores the address when out != NULL. */
bool redir_ip4_dotted(const char *s, size_t n, uint8_t *out)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
        size_t begin = i;
        unsigned value = 0;
        while (i < n && redir_is_digit((unsigned char)s[i]) && i - begin < 3)
            value = value * 10u + (unsigned)(s[i++] - '0');
        size_t digits = i - begin;
        if (digits == 0 || value > 255 || (digits > 1 && s[begin] == '0'))
            return false;
        if (out != NULL)
            out[part] = (uint8_t)value;
    }
    return i == n;
}

/* IPv6address of RFC 3986 section 3.2.2 (no zone identifier), into 16
 * bytes. Where "::" is used the grammar allows at most 7 explicit
 * groups, so "::" always stands for at least one zero group. */
bool redir_ip6_parse(const char *s, size_t n, uint8_t out[16])
{
    uint16_t groups[8];
    int count = 0;
    int gap = -1; /* index in groups where "::" stands */
    size_t i = 0;

    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && s[0] == ':') {
        return false;
    }
    while (i < n) {
        if (count == 8)
            return false;
        size_t begin = i;
        unsigned value = 0;
        int h;
        while (i < n && i - begin < 4 &&
               (h = redir_hexval((unsigned char)s[i])) >= 0) {
            value = value * 16u + (unsigned)h;
            i++;
        }
        if (i < n && s[i] == '.') { /* ls32 as an IPv4 address: the end */
            uint8_t v4[4];
            if (count > 6 || !redir_ip4_dotted(s + begin, n - begin, v4))
                return false;
            groups[count++] = (uint16_t)(v4[0] << 8 | v4[1]);
            groups[count++] = (uint16_t)(v4[2] << 8 | v4[3]);
            i = n;
            break;
        }
        if (i == begin || (i < n && s[i] != ':'))
            return false; /* empty group, fifth hex digit or stray byte */
        groups[count++] = (uint16_t)value;
        if (i == n)
            break;
        i++; /* ':' */
        if (i < n && s[i] == ':') {
            if (gap >= 0)
                return false;
            gap = count;
            i++;
        } else if (i == n) {
            return false; /* trailing single ':' */
        }
    }
    if (gap < 0 ? count != 8 : count > 7)
        return false;
    int zeros = 8 - count;
    for (int g = 0, src = 0; g < 8; g++) {
        uint16_t v = 0;
        if (gap >= 0 && g >= gap && g < gap + zeros)
            v = 0;
        else
            v = groups[src++];
        out[2 * g] = (uint8_t)(v >> 8);
        out[2 * g + 1] = (uint8_t)(v & 0xff);
    }
    return true;
}

size_t redir_ip4_format(uint32_t a, char out[16])
{
    size_t n = 0;
    for (int shift_by = 24; shift_by >= 0; shift_by -= 8) {
        unsigned b = (a >> shift_by) & 0xffu;
        if (b >= 100)
            out[n++] = (char)('0' + b / 100);
        if (b >= 10)
            out[n++] = (char)('0' + b / 10 % 10);
        out[n++] = (char)('0' + b % 10);
        if (shift_by > 0)
            out[n++] = '.';
    }
    return n;
}

void redir_lower_copy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; n - i >= 4; i += 4) {
        uint32_t w = redir_lower4(redir_load4(src + i));
        memcpy(dst + i, &w, 4);
    }
    for (; i < n; i++)
        dst[i] = (char)redir_lower((unsigned char)src[i]);
}
