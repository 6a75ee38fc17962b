/*
 * idna.c - the URL Standard's "domain to ASCII": UTS #46 processing with
 * the URL Standard's flags (CheckHyphens, UseSTD3ASCIIRules and
 * VerifyDnsLength false; CheckBidi and CheckJoiners true;
 * nontransitional; invalid Punycode an error), then ToASCII.
 *
 * The domain is read code point by code point and mapped; each label is
 * collected in a code point buffer on the stack, normalized to NFC there,
 * decoded from Punycode when it starts with "xn--", checked against the
 * validity criteria and written out (Punycode-encoded when it is not
 * ASCII). Labels can be done one at a time because U+002E is a starter
 * that takes part in no composition, so NFC never crosses it. The one
 * rule that spans labels, the bidi rule of a "Bidi domain name", is kept
 * as two flags: some label has right-to-left text, some label breaks
 * RFC 5893; together they fail the domain.
 *
 * Every label is bounded by REDIR_IDNA_LABEL_MAX code points of working
 * space, so the work per label is bounded (reordering and Punycode are
 * quadratic in it); a label that needs more fails with idna-too-long.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#ifndef REDIR_NO_IDNA

#include <string.h>

#include "idna_tables.h"

enum { ST_VALID, ST_MAPPED, ST_IGNORED, ST_DISALLOWED };
enum { B_L, B_R, B_AL, B_AN, B_EN, B_ES, B_CS, B_ET, B_ON, B_BN, B_NSM };
enum { J_U, J_C, J_D, J_L, J_R, J_T };
enum {
    P_DECOMPOSES = 1u << 10, /* has a canonical decomposition */
    P_SECOND = 1u << 11      /* second of some primary composite */
};

/* ---------------------------------------------------------------------
 * Properties
 */

static unsigned class_of(uint32_t cp)
{
    enum { MID = IDNA_SHIFT1 - IDNA_SHIFT2 };
    unsigned m = idna_stage1[cp >> IDNA_SHIFT1];
    unsigned l =
        idna_stage2[m << MID | ((cp >> IDNA_SHIFT2) & ((1u << MID) - 1))];
    return idna_stage3[l << IDNA_SHIFT2 | (cp & ((1u << IDNA_SHIFT2) - 1))];
}

/* The class bits of cp (see idna_tables.h). Above the trie, only the
 * ignored variation selectors are not disallowed. */
static unsigned props(uint32_t cp)
{
    if (cp >= IDNA_TRIE_END)
        return cp >= IDNA_IGNORED_FIRST && cp <= IDNA_IGNORED_LAST
                   ? ST_IGNORED
                   : ST_DISALLOWED;
    return idna_class_bits[class_of(cp)];
}

static unsigned ccc(uint32_t cp)
{
    return cp >= IDNA_TRIE_END ? 0 : idna_class_ccc[class_of(cp)];
}

static unsigned status_of(unsigned p)
{
    return p & 3u;
}

static unsigned bidi_of(uint32_t cp)
{
    return props(cp) >> 2 & 15u;
}

static unsigned joining_of(uint32_t cp)
{
    return props(cp) >> 6 & 7u;
}

/* ---------------------------------------------------------------------
 * Reading the input: UTF-8, from the raw text or (for URLs) through the
 * host cursor, which percent-decodes and skips tabs and newlines.
 *
 * A URL is decoded from UTF-8 before its tabs and newlines are removed
 * and long before its host is percent-decoded, so a raw multi-byte
 * sequence must be whole in the input (a tab inside it, or a part of it
 * percent-encoded, makes U+FFFD), while a percent-encoded one may have
 * tabs between its triplets.
 */
typedef struct reader {
    redir_hcursor hc;
    bool url;
    bool pct;  /* the last byte was percent-decoded */
    size_t at; /* else its index */
} reader;

static int next_byte(reader *r)
{
    size_t j = r->hc.i;
    if (!r->url) {
        r->pct = false;
        r->at = j;
        return j < r->hc.n ? (unsigned char)r->hc.s[r->hc.i++] : -1;
    }
    j = redir_skip_tabnl(r->hc.s, j, r->hc.n);
    int c = redir_hc_next(&r->hc);
    r->pct = c >= 0 && r->hc.s[j] == '%' && r->hc.i > j + 1;
    r->at = j;
    return c;
}

/* The next code point, -1 at the end, -2 for ill-formed UTF-8 (which the
 * URL Standard decodes to U+FFFD, a disallowed code point: an error
 * either way). */
static int32_t next_cp(reader *r)
{
    int c = next_byte(r);
    if (c < 0x80)
        return c;
    int more;
    uint32_t cp, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        more = 1, cp = (uint32_t)c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        more = 2, cp = (uint32_t)c & 0x0f;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
        more = 3, cp = (uint32_t)c & 0x07;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else {
        return -2;
    }
    bool pct = r->pct;
    size_t at = r->at;
    while (more-- > 0) {
        int d = next_byte(r);
        if (d < 0 || (uint32_t)d < lo || (uint32_t)d > hi || r->pct != pct ||
            (!pct && r->at != ++at))
            return -2;
        cp = cp << 6 | ((uint32_t)d & 0x3f);
        lo = 0x80, hi = 0xbf;
    }
    return (int32_t)cp;
}

/* ---------------------------------------------------------------------
 * Normalization (NFC)
 */
enum {
    S_BASE = 0xAC00,
    L_BASE = 0x1100,
    V_BASE = 0x1161,
    T_BASE = 0x11A7,
    L_COUNT = 19,
    V_COUNT = 21,
    T_COUNT = 28,
    N_COUNT = V_COUNT * T_COUNT,
    S_COUNT = L_COUNT * N_COUNT
};

/* Decomposition entry i: code point, first, second (0: none). */
static void decomp_entry(size_t i, uint32_t e[3])
{
    for (int k = 0; k < 3; k++)
        e[k] = i < IDNA_DECOMP16
                   ? idna_decomp16[3 * i + (size_t)k]
                   : idna_decomp32[3 * (i - IDNA_DECOMP16) + (size_t)k];
}

/* The one-level decomposition of cp, which has one: *first, *second. */
static void decompose1(uint32_t cp, uint32_t *first, uint32_t *second)
{
    /* Two sorted runs: the 16-bit entries, then the 32-bit ones. */
    size_t runs[3] = {0, IDNA_DECOMP16,
                      IDNA_DECOMP16 +
                          sizeof idna_decomp32 / sizeof idna_decomp32[0] / 3};
    uint32_t e[3];
    for (int r = 0; r < 2; r++) {
        size_t lo = runs[r], hi = runs[r + 1];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            decomp_entry(mid, e);
            if (e[0] == cp) {
                *first = e[1];
                *second = e[2];
                return;
            }
            if (e[0] < cp)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    *first = cp, *second = 0; /* not reached: the trie said it has one */
}

/* Writes the full canonical decomposition of cp so that it ends just
 * before b[end] (or only counts it when b is NULL); returns its length.
 * A decomposition's second code point never decomposes (the generator
 * checks this), so the loop follows the first one. */
static size_t decompose_back(uint32_t cp, uint32_t *b, size_t end)
{
    size_t n = 0;
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        uint32_t s = cp - S_BASE, t = s % T_COUNT;
        uint32_t parts[3] = {L_BASE + s / N_COUNT,
                             V_BASE + s % N_COUNT / T_COUNT, T_BASE + t};
        for (size_t k = t != 0 ? 3 : 2; k > 0; k--, n++)
            if (b != NULL)
                b[end - n - 1] = parts[k - 1];
        return n;
    }
    while (props(cp) & P_DECOMPOSES) {
        uint32_t first, second;
        decompose1(cp, &first, &second);
        if (second != 0) {
            if (b != NULL)
                b[end - n - 1] = second;
            n++;
        }
        cp = first;
    }
    if (b != NULL)
        b[end - n - 1] = cp;
    return n + 1;
}

/* The primary composite of (a, c), or 0. */
static uint32_t compose(uint32_t a, uint32_t c)
{
    if (a >= L_BASE && a < L_BASE + L_COUNT && c >= V_BASE &&
        c < V_BASE + V_COUNT)
        return S_BASE + ((a - L_BASE) * V_COUNT + (c - V_BASE)) * T_COUNT;
    if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 &&
        c > T_BASE && c < T_BASE + T_COUNT)
        return a + (c - T_BASE);
    if (!(props(c) & P_SECOND))
        return 0;
    size_t lo = 0, hi = sizeof idna_comp / sizeof idna_comp[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t e[3];
        decomp_entry(idna_comp[mid], e);
        if (e[1] == a && e[2] == c)
            return e[0];
        if (e[1] < a || (e[1] == a && e[2] < c))
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Canonical ordering: a stable sort of each run of non-starters by
 * combining class. */
static void reorder(uint32_t *b, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t c = b[i];
        unsigned cc = ccc(c);
        size_t j = i;
        if (cc == 0)
            continue;
        while (j > 0 && ccc(b[j - 1]) > cc) {
            b[j] = b[j - 1];
            j--;
        }
        b[j] = c;
    }
}

/* The canonical composition of b[0..n) in place; returns its length. */
static size_t recompose(uint32_t *b, size_t n)
{
    if (n == 0)
        return 0;
    size_t starter = 0, o = 1;
    unsigned last = ccc(b[0]) == 0 ? 0 : 256; /* 256: no starter yet */
    for (size_t i = 1; i < n; i++) {
        uint32_t c = b[i], comp;
        unsigned cc = ccc(c);
        if (last != 256 && (last < cc || last == 0) &&
            (comp = compose(b[starter], c)) != 0) {
            b[starter] = comp;
            continue;
        }
        if (cc == 0)
            starter = o;
        last = cc;
        b[o++] = c;
    }
    return o;
}

/* NFC of b[0..n) in place, in a buffer of cap code points: false when
 * the decomposed form does not fit. */
static bool nfc(uint32_t *b, size_t n, size_t cap, size_t *out_n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += decompose_back(b[i], NULL, 0);
    if (d > cap)
        return false;
    /* Back to front: the decomposition of b[i] ends at or after i + 1,
     * so nothing unread is overwritten. */
    for (size_t i = n, end = d; i > 0; i--)
        end -= decompose_back(b[i - 1], b, end);
    reorder(b, d);
    *out_n = recompose(b, d);
    return true;
}

/* ---------------------------------------------------------------------
 * Punycode (RFC 3492), with its overflow checks on 32 bits.
 */
enum {
    PC_BASE = 36,
    PC_TMIN = 1,
    PC_TMAX = 26,
    PC_SKEW = 38,
    PC_DAMP = 700,
    PC_BIAS = 72,
    PC_N = 128
};
#define PC_MAXINT 0xFFFFFFFFu

static uint32_t adapt(uint32_t delta, uint32_t points, bool first)
{
    uint32_t k = 0;
    delta = first ? delta / PC_DAMP : delta / 2;
    delta += delta / points;
    while (delta > ((PC_BASE - PC_TMIN) * PC_TMAX) / 2) {
        delta /= PC_BASE - PC_TMIN;
        k += PC_BASE;
    }
    return k + (PC_BASE - PC_TMIN + 1) * delta / (delta + PC_SKEW);
}

static uint32_t threshold(uint32_t k, uint32_t bias)
{
    return k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
}

static int digit_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0') + 26;
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a');
    if (c >= 'A' && c <= 'Z')
        return (int)(c - 'A');
    return -1;
}

/* Decodes the ASCII code points b[at..n) into b[0..), in place: every
 * code point written has used at least one input code point, so the
 * output never overtakes the input. Returns false when they are not
 * valid Punycode. */
static bool puny_decode(uint32_t *b, size_t at, size_t n, size_t *out_n)
{
    size_t basic = 0, in, len;
    for (size_t j = at; j < n; j++)
        if (b[j] == '-')
            basic = j - at;
    for (size_t j = 0; j < basic; j++)
        b[j] = b[at + j];
    len = basic;
    in = at + (basic > 0 ? basic + 1 : 0);
    uint32_t i = 0, cp = PC_N, bias = PC_BIAS;
    while (in < n) {
        uint32_t old = i, w = 1;
        for (uint32_t k = PC_BASE;; k += PC_BASE) {
            int d = in < n ? digit_value(b[in++]) : -1;
            if (d < 0 || (uint32_t)d > (PC_MAXINT - i) / w)
                return false;
            i += (uint32_t)d * w;
            uint32_t t = threshold(k, bias);
            if ((uint32_t)d < t)
                break;
            if (w > PC_MAXINT / (PC_BASE - t))
                return false;
            w *= PC_BASE - t;
        }
        uint32_t points = (uint32_t)len + 1;
        bias = adapt(i - old, points, old == 0);
        if (i / points > 0x10FFFF - cp)
            return false;
        cp += i / points;
        i %= points;
        memmove(b + i + 1, b + i, (len - i) * sizeof *b);
        b[i++] = cp;
        len++;
    }
    *out_n = len;
    return true;
}

/* Output: stores what fits, counts everything. */
typedef struct sink {
    char *buf;
    size_t cap, len;
} sink;

static void emit(sink *o, char c)
{
    if (o->len < o->cap)
        o->buf[o->len] = c;
    o->len++;
}

static char digit_char(uint32_t d)
{
    return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

/* Writes "xn--" and the Punycode of b[0..n). */
static bool puny_encode(const uint32_t *b, size_t n, sink *o)
{
    uint32_t h = 0, basic, cp = PC_N, delta = 0, bias = PC_BIAS;
    emit(o, 'x'), emit(o, 'n'), emit(o, '-'), emit(o, '-');
    for (size_t j = 0; j < n; j++)
        if (b[j] < 0x80)
            emit(o, (char)b[j]), h++;
    basic = h;
    if (basic > 0)
        emit(o, '-');
    while (h < n) {
        uint32_t m = 0x10FFFF;
        for (size_t j = 0; j < n; j++)
            if (b[j] >= cp && b[j] < m)
                m = b[j];
        if (m - cp > (PC_MAXINT - delta) / (h + 1))
            return false;
        delta += (m - cp) * (h + 1);
        cp = m;
        for (size_t j = 0; j < n; j++) {
            if (b[j] < cp && ++delta == 0)
                return false;
            if (b[j] != cp)
                continue;
            uint32_t q = delta;
            for (uint32_t k = PC_BASE;; k += PC_BASE) {
                uint32_t t = threshold(k, bias);
                if (q < t)
                    break;
                emit(o, digit_char(t + (q - t) % (PC_BASE - t)));
                q = (q - t) / (PC_BASE - t);
            }
            emit(o, digit_char(q));
            bias = adapt(delta, h + 1, h == basic);
            delta = 0;
            h++;
        }
        delta++;
        cp++;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Validity criteria (UTS #46 section 4.1)
 */
typedef struct idna_work {
    uint32_t b[REDIR_IDNA_LABEL_MAX];
    size_t n;      /* code points of the current label */
    bool rtl;      /* some label has R, AL or AN: a Bidi domain name */
    bool bidi_bad; /* some label breaks RFC 5893 section 2 */
    sink out;
} idna_work;

/* RFC 5892 appendix A.1 and A.2 (CONTEXTJ) at b[k], a joiner. */
static bool joiner_ok(const uint32_t *b, size_t n, size_t k)
{
    if (k > 0 && ccc(b[k - 1]) == 9) /* after a virama */
        return true;
    if (b[k] == 0x200D)
        return false;
    size_t j = k;
    unsigned jt = J_U;
    while (j > 0 && (jt = joining_of(b[--j])) == J_T)
        ;
    if (j == k || (jt != J_L && jt != J_D))
        return false;
    jt = J_U;
    for (j = k + 1; j < n && (jt = joining_of(b[j])) == J_T; j++)
        ;
    return j < n && (jt == J_R || jt == J_D);
}

/* RFC 5893 section 2, rules 1 to 6, for one label. Also notes whether
 * the label makes the domain a Bidi domain name. */
static void bidi_check(idna_work *d, const uint32_t *b, size_t n)
{
    enum {
        RTL_OK = 1u << B_R | 1u << B_AL | 1u << B_AN | 1u << B_EN | 1u << B_ES |
                 1u << B_CS | 1u << B_ET | 1u << B_ON | 1u << B_BN |
                 1u << B_NSM,
        LTR_OK = 1u << B_L | 1u << B_EN | 1u << B_ES | 1u << B_CS | 1u << B_ET |
                 1u << B_ON | 1u << B_BN | 1u << B_NSM
    };
    unsigned seen = 0, last = B_NSM;
    for (size_t i = 0; i < n; i++) {
        unsigned c = bidi_of(b[i]);
        seen |= 1u << c;
        if (c != B_NSM)
            last = c;
    }
    if (seen & (1u << B_R | 1u << B_AL | 1u << B_AN))
        d->rtl = true;
    if (n == 0)
        return;
    unsigned first = bidi_of(b[0]);
    bool ok;
    if (first == B_R || first == B_AL)
        ok = !(seen & ~(unsigned)RTL_OK) &&
             (last == B_R || last == B_AL || last == B_EN || last == B_AN) &&
             !((seen & 1u << B_EN) && (seen & 1u << B_AN));
    else if (first == B_L)
        ok = !(seen & ~(unsigned)LTR_OK) && (last == B_L || last == B_EN);
    else
        ok = false;
    if (!ok)
        d->bidi_bad = true;
}

static bool starts_xn(const uint32_t *b, size_t n)
{
    return n >= 4 && b[0] == 'x' && b[1] == 'n' && b[2] == '-' && b[3] == '-';
}

/* Criteria 4 to 9 of a label in NFC (criterion 1 is the caller's). */
static bool label_valid(idna_work *d, const uint32_t *b, size_t n)
{
    if (starts_xn(b, n))
        return false;
    if (n > 0 && (props(b[0]) >> 9 & 1u)) /* begins with a mark */
        return false;
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '.' || status_of(props(b[i])) != ST_VALID)
            return false;
        if ((b[i] == 0x200C || b[i] == 0x200D) && !joiner_ok(b, n, i))
            return false;
    }
    bidi_check(d, b, n);
    return true;
}

/* An "xn--" label in d->b: decode it, check it is NFC on a copy, then
 * the other criteria. */
static redir_status ace_label(idna_work *d, size_t *n)
{
    size_t m, nf;
    for (size_t i = 0; i < d->n; i++)
        if (d->b[i] >= 0x80)
            return REDIR_E_IDNA_INVALID;
    if (!puny_decode(d->b, 4, d->n, &m))
        return REDIR_E_IDNA_INVALID;
    bool ascii = true;
    for (size_t i = 0; i < m; i++)
        ascii = ascii && d->b[i] < 0x80;
    if (m == 0 || ascii)
        return REDIR_E_IDNA_INVALID;
    if (2 * m > REDIR_IDNA_LABEL_MAX)
        return REDIR_E_IDNA_TOO_LONG;
    memcpy(d->b + m, d->b, m * sizeof d->b[0]);
    if (!nfc(d->b + m, m, REDIR_IDNA_LABEL_MAX - m, &nf))
        return REDIR_E_IDNA_TOO_LONG;
    if (nf != m || memcmp(d->b, d->b + m, m * sizeof d->b[0]) != 0)
        return REDIR_E_IDNA_INVALID;
    *n = m;
    return label_valid(d, d->b, m) ? REDIR_OK : REDIR_E_IDNA_INVALID;
}

/* The label collected in d->b: normalize, validate and write it. */
static redir_status end_label(idna_work *d)
{
    size_t n;
    if (!nfc(d->b, d->n, REDIR_IDNA_LABEL_MAX, &n))
        return REDIR_E_IDNA_TOO_LONG;
    d->n = n;
    if (starts_xn(d->b, n)) {
        redir_status st = ace_label(d, &n);
        if (st != REDIR_OK)
            return st;
    } else if (!label_valid(d, d->b, n)) {
        return REDIR_E_IDNA_INVALID;
    }
    /* The URL Standard refuses a forbidden domain code point in the
     * result, Punycode's basic code points included. */
    bool ascii = true;
    for (size_t i = 0; i < n; i++) {
        if (d->b[i] >= 0x80)
            ascii = false;
        else if (redir_forbidden_domain((unsigned char)d->b[i]))
            return REDIR_E_INVALID_HOST;
    }
    if (!ascii)
        return puny_encode(d->b, n, &d->out) ? REDIR_OK : REDIR_E_IDNA_INVALID;
    for (size_t i = 0; i < n; i++)
        emit(&d->out, (char)d->b[i]);
    return REDIR_OK;
}

/* Appends a mapped code point to the label, or ends the label at '.'. */
static redir_status add(idna_work *d, uint32_t cp)
{
    if (cp == '.') {
        redir_status st = end_label(d);
        d->n = 0;
        emit(&d->out, '.');
        return st;
    }
    if (d->n == REDIR_IDNA_LABEL_MAX)
        return REDIR_E_IDNA_TOO_LONG;
    d->b[d->n++] = cp;
    return REDIR_OK;
}

/* The UTS #46 mapping of cp, passed to add(). */
static redir_status map(idna_work *d, uint32_t cp)
{
    unsigned st = status_of(props(cp));
    if (st == ST_VALID)
        return add(d, cp);
    if (st == ST_IGNORED)
        return REDIR_OK;
    if (st == ST_DISALLOWED)
        return REDIR_E_IDNA_INVALID;
    size_t lo = 0, hi = sizeof idna_map_runs / sizeof idna_map_runs[0] / 2;
    while (hi - lo > 1) { /* the last run starting at or before cp */
        size_t mid = lo + (hi - lo) / 2;
        if (idna_map_runs[2 * mid] >> 11 <= cp)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t w0 = idna_map_runs[2 * lo], w1 = idna_map_runs[2 * lo + 1];
    if (!(w1 & 0x80000000u))
        return add(d, w1 + (cp - (w0 >> 11)));
    const uint16_t *u = idna_map_pool + (w1 & 0xFFFFu);
    size_t len = w1 >> 16 & 0x7FFFu;
    redir_status s = REDIR_OK;
    for (size_t i = 0; i < len && s == REDIR_OK; i++) {
        uint32_t c = u[i];
        if (c >= 0xD800 && c < 0xDC00)
            c = 0x10000 + ((c - 0xD800) << 10 | (u[++i] - 0xDC00u));
        s = add(d, c);
    }
    return s;
}

redir_status redir_idna_to_ascii(const char *s, size_t a, size_t b, bool url,
                                 char *out, size_t cap, size_t *len)
{
    idna_work d;
    reader r = {{s, a, b}, url, false, 0};
    redir_status st = REDIR_OK;
    int32_t cp;
    d.n = 0;
    d.rtl = d.bidi_bad = false;
    d.out.buf = out, d.out.cap = cap, d.out.len = 0;
    while (st == REDIR_OK && (cp = next_cp(&r)) != -1)
        st = cp < 0 ? REDIR_E_IDNA_INVALID : map(&d, (uint32_t)cp);
    if (st == REDIR_OK)
        st = end_label(&d);
    if (st == REDIR_OK && d.rtl && d.bidi_bad)
        st = REDIR_E_IDNA_INVALID;
    if (st == REDIR_OK && d.out.len == 0)
        st = REDIR_E_INVALID_HOST;
    *len = d.out.len;
    return st;
}

#endif /* REDIR_NO_IDNA */

redir_status redir_domain_to_ascii(const char *domain, size_t domain_len,
                                   char *out, size_t out_cap, size_t *out_len)
{
    bool ascii = true;
    if (out_len == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    *out_len = 0;
    if ((domain == NULL && domain_len > 0) || (out == NULL && out_cap > 0))
        return REDIR_E_INVALID_ARGUMENT;
    for (size_t i = 0; i < domain_len; i++) {
        unsigned char c = (unsigned char)domain[i];
        if (c >= 0x80)
            ascii = false;
        else if (redir_forbidden_domain(c))
            return REDIR_E_INVALID_HOST;
    }
    size_t need = domain_len;
    if (!ascii) {
#ifdef REDIR_NO_IDNA
        return REDIR_E_IDNA_UNSUPPORTED;
#else
        /* measure first, so that `out` is written only on success */
        redir_status st =
            redir_idna_to_ascii(domain, 0, domain_len, false, NULL, 0, &need);
        if (st != REDIR_OK)
            return st;
#endif
    } else if (domain_len == 0) {
        return REDIR_E_INVALID_HOST;
    }
    *out_len = need;
    if (need > out_cap)
        return REDIR_E_NOSPACE;
#ifndef REDIR_NO_IDNA
    if (!ascii)
        return redir_idna_to_ascii(domain, 0, domain_len, false, out, out_cap,
                                   &need);
#endif
    redir_lower_copy(out, domain, domain_len);
    return REDIR_OK;
}

const char *redir_unicode_version(void)
{
#ifdef REDIR_NO_IDNA
    return "";
#else
    return IDNA_UNICODE_VERSION;
#endif
}
