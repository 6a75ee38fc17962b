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

/* Declared in internal.h, for redir_scan_to(). */
const unsigned char redir_stop_bits[256] = {
    [':'] = REDIR_STOP_COLON,      ['/'] = REDIR_STOP_SLASH,
    ['\\'] = REDIR_STOP_BACKSLASH, ['?'] = REDIR_STOP_QUESTION,
    ['#'] = REDIR_STOP_HASH,       ['@'] = REDIR_STOP_AT,
    ['['] = REDIR_STOP_BRACKET,    [']'] = REDIR_STOP_BRACKET,
};

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

/* What is known about one dot-separated label of a host, for the IPv4
 * parser and its "ends in a number" test. */
typedef struct label {
    size_t len;
    bool digits; /* only ASCII digits */
    bool dec_ok, oct_ok, hex_ok;
    uint32_t dec, oct, hex; /* the label's value in each base */
    unsigned big;           /* B_*: that value is 2^32 or more */
    unsigned char c0, c1;
} label;

enum { B_DEC = 1, B_OCT = 2, B_HEX = 4 };

static void label_start(label *l)
{
    memset(l, 0, sizeof *l);
    l->digits = l->dec_ok = l->oct_ok = l->hex_ok = true;
}

/* *v = *v * base + d, or `bit` in l->big once that reaches 2^32: 32-bit
 * arithmetic only, since small cores have no 64-bit multiply. Inlined
 * with a constant base, the limits are constants. */
static inline void acc(label *l, unsigned bit, uint32_t *v, uint32_t base,
                       uint32_t d)
{
    uint32_t most = 0xffffffffu / base; /* *v * base + d fits up to this */
    if (*v > most || (*v == most && d > 0xffffffffu % base))
        l->big |= bit;
    else
        *v = *v * base + d;
}

static void label_add(label *l, unsigned char c)
{
    int hv = redir_hexval(c);
    if (l->len == 0)
        l->c0 = c;
    else if (l->len == 1)
        l->c1 = c;
    l->digits = l->digits && redir_is_digit(c);
    if (redir_is_digit(c))
        acc(l, B_DEC, &l->dec, 10, (uint32_t)(c - '0'));
    else
        l->dec_ok = false;
    if (l->len >= 1) { /* octal digits follow a leading '0' */
        if (c >= '0' && c <= '7')
            acc(l, B_OCT, &l->oct, 8, (uint32_t)(c - '0'));
        else
            l->oct_ok = false;
    }
    if (l->len >= 2) { /* hex digits follow "0x" */
        if (hv >= 0)
            acc(l, B_HEX, &l->hex, 16, (uint32_t)hv);
        else
            l->hex_ok = false;
    }
    l->len++;
}

/* The URL Standard's IPv4 number parser on a finished label: returns
 * false on failure, else the value in *v, and in *big whether it is 2^32
 * or more (*v is then not the value). */
static bool label_number(const label *l, uint32_t *v, bool *big)
{
    unsigned bit = B_DEC;
    bool ok = l->dec_ok;
    *v = l->dec;
    if (l->len == 0)
        return false;
    if (l->len >= 2 && l->c0 == '0' && l->c1 == 'x') {
        bit = B_HEX, ok = l->hex_ok, *v = l->hex;
    } else if (l->len >= 2 && l->c0 == '0') {
        bit = B_OCT, ok = l->oct_ok, *v = l->oct;
    }
    *big = (l->big & bit) != 0;
    return ok;
}

/* What the parsers need of a finished label: a label in progress takes
 * all three bases, a finished one only its number, so that the seven
 * kept below cost the stack 8 bytes each. */
typedef struct label_sum {
    uint32_t v;  /* its IPv4 number, when ok and not big */
    bool empty;  /* no byte */
    bool digits; /* one or more ASCII digits, nothing else */
    bool ok;     /* the IPv4 number parser accepts it */
    bool big;    /* ... with a value of 2^32 or more */
} label_sum;

static void label_end(const label *l, label_sum *s)
{
    s->empty = l->len == 0;
    s->digits = l->len > 0 && l->digits;
    s->ok = label_number(l, &s->v, &s->big);
}

/* Labels of a host: the first five (enough for IPv4) and the last two
 * (enough for "ends in a number"). */
typedef struct labels {
    size_t count;
    label_sum first[5];
    label_sum last[2]; /* last[1] is the final label */
} labels;

static void scan_labels(const char *s, size_t a, size_t b, labels *ls)
{
    redir_hcursor h = {s, a, b};
    label cur;
    int c;
    ls->count = 0;
    label_start(&cur);
    for (;;) {
        c = redir_hc_next(&h);
        if (c == '.' || c < 0) {
            label_sum done;
            label_end(&cur, &done);
            if (ls->count < 5)
                ls->first[ls->count] = done;
            ls->last[0] = ls->last[1];
            ls->last[1] = done;
            ls->count++;
            if (c < 0)
                break;
            label_start(&cur);
        } else {
            label_add(&cur, (unsigned char)c);
        }
    }
}

/* "ends in a number" of the URL Standard's host parser. */
static bool ends_in_number(const labels *ls)
{
    const label_sum *last = &ls->last[1];
    if (last->empty) {
        if (ls->count == 1)
            return false;
        last = &ls->last[0];
    }
    return !last->empty && (last->digits || last->ok);
}

/* The URL Standard's IPv4 parser, on labels already scanned. */
static bool ipv4_from_labels(const labels *ls, uint32_t *out)
{
    size_t n = ls->count;
    const label_sum *f = ls->first;
    if (n > 1 && ls->last[1].empty)
        n--;
    if (n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!f[i].ok || (i + 1 < n && (f[i].big || f[i].v > 255)))
            return false;
    /* The last number fills the 5 - n bytes the others leave. */
    if (f[n - 1].big || (n > 1 && f[n - 1].v >> (8 * (5 - n)) != 0))
        return false;
    uint32_t v = f[n - 1].v;
    for (size_t i = 0; i + 1 < n; i++)
        v += f[i].v << (8 * (3 - i));
    *out = v;
    return true;
}

int redir_ipv4_parse(const char *s, size_t a, size_t b, uint32_t *out)
{
    labels ls;
    scan_labels(s, a, b, &ls);
    if (!ends_in_number(&ls))
        return 0;
    return ipv4_from_labels(&ls, out) ? 1 : -1;
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
