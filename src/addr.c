/*
 * addr.c - the SSRF guard's address classifier.
 *
 * redir_addr_classify() sorts a binary IPv4 or IPv6 address into the
 * classes of redir.h; redir_host_classify() first reads a URL host the
 * way resolvers and URL parsers do, so that every spelling of an address
 * ("127.1", "0x7f.1", "2130706433", "[::ffff:127.0.0.1]") lands in the
 * class of the address it means.
 *
 * Hosts are percent-decoded on the fly, one byte at a time (decode_next),
 * and never copied whole: an IPv4 literal may carry any number of leading
 * zeros ("0x000...07f.1" is 127.0.0.1 for inet_aton and the WHATWG URL
 * parser alike), so no fixed buffer could hold every host that is an
 * address. Only the inside of a bracketed IPv6 literal is copied, and a
 * valid one has at most 45 bytes.
 *
 * Sources of the facts: the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (RFC 6890), RFC 1918, RFC 6598, RFC 3927, RFC 4291, RFC 4193,
 * RFC 6052, RFC 8215, RFC 3056, RFC 6761, RFC 6874, and the WHATWG URL
 * Standard's IPv4 parser.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "redir.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * IPv4 address ranges. The first range that holds an address gives its
 * class, so the single metadata addresses come before the blocks around
 * them.
 */

#define V4(a, b, c, d)                                                         \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |          \
     (uint32_t)(d))

typedef struct v4_range {
    uint32_t base;
    uint8_t prefix; /* 1..32 */
    uint8_t cls;    /* redir_addr_class */
} v4_range;

static const v4_range v4_ranges[] = {
    /* Cloud metadata services: AWS, GCP, Azure, ... and Alibaba. */
    {V4(169, 254, 169, 254), 32, REDIR_ADDR_METADATA},
    {V4(100, 100, 100, 200), 32, REDIR_ADDR_METADATA},
    {V4(0, 0, 0, 0), 8, REDIR_ADDR_UNSPECIFIED}, /* "this network" */
    {V4(127, 0, 0, 0), 8, REDIR_ADDR_LOOPBACK},
    {V4(10, 0, 0, 0), 8, REDIR_ADDR_PRIVATE},     /* RFC 1918 */
    {V4(172, 16, 0, 0), 12, REDIR_ADDR_PRIVATE},  /* RFC 1918 */
    {V4(192, 168, 0, 0), 16, REDIR_ADDR_PRIVATE}, /* RFC 1918 */
    {V4(169, 254, 0, 0), 16, REDIR_ADDR_LINK_LOCAL},
    {V4(100, 64, 0, 0), 10, REDIR_ADDR_RESERVED},   /* shared, CGNAT */
    {V4(192, 0, 0, 0), 24, REDIR_ADDR_RESERVED},    /* IETF assignments */
    {V4(192, 0, 2, 0), 24, REDIR_ADDR_RESERVED},    /* TEST-NET-1 */
    {V4(198, 18, 0, 0), 15, REDIR_ADDR_RESERVED},   /* benchmarking */
    {V4(198, 51, 100, 0), 24, REDIR_ADDR_RESERVED}, /* TEST-NET-2 */
    {V4(203, 0, 113, 0), 24, REDIR_ADDR_RESERVED},  /* TEST-NET-3 */
    {V4(224, 0, 0, 0), 4, REDIR_ADDR_RESERVED},     /* multicast */
    {V4(240, 0, 0, 0), 4, REDIR_ADDR_RESERVED},     /* future use, broadcast */
};

static redir_addr_class classify_v4(uint32_t a)
{
    for (size_t i = 0; i < sizeof v4_ranges / sizeof v4_ranges[0]; i++) {
        const v4_range *r = &v4_ranges[i];
        uint32_t mask = UINT32_C(0xffffffff) << (32u - r->prefix);
        if ((a & mask) == r->base)
            return (redir_addr_class)r->cls;
    }
    return REDIR_ADDR_PUBLIC;
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* ---------------------------------------------------------------------
 * IPv6 addresses.
 */

/* fd00:ec2::254, the AWS instance metadata service over IPv6. */
static const uint8_t aws_metadata_v6[16] = {
    0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

static redir_addr_class classify_v6(const uint8_t a[16])
{
    uint32_t last32 = load_be32(a + 12);

    /* ::/96: "::", "::1", and IPv4-compatible ::a.b.c.d (RFC 4291). */
    if (all_zero(a, 12)) {
        if (last32 == 0)
            return REDIR_ADDR_UNSPECIFIED;
        if (last32 == 1)
            return REDIR_ADDR_LOOPBACK;
        return classify_v4(last32);
    }
    /* ::ffff:0:0/96, IPv4-mapped. */
    if (all_zero(a, 10) && a[10] == 0xff && a[11] == 0xff)
        return classify_v4(last32);
    /* 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215), NAT64: the
     * IPv4 address is taken from the last 32 bits in both. */
    if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b) {
        if (all_zero(a + 4, 8))
            return classify_v4(last32);
        if (a[4] == 0x00 && a[5] == 0x01)
            return classify_v4(last32);
    }
    /* 2002::/16, 6to4 (RFC 3056): the IPv4 address is bits 16..47. */
    if (a[0] == 0x20 && a[1] == 0x02)
        return classify_v4(load_be32(a + 2));
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) /* fe80::/10 */
        return REDIR_ADDR_LINK_LOCAL;
    if ((a[0] & 0xfe) == 0xfc) /* fc00::/7 */
        return memcmp(a, aws_metadata_v6, 16) == 0 ? REDIR_ADDR_METADATA
                                                   : REDIR_ADDR_UNIQUE_LOCAL;
    if (a[0] == 0xff) /* ff00::/8, multicast */
        return REDIR_ADDR_RESERVED;
    if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
        return REDIR_ADDR_RESERVED; /* 2001:db8::/32, documentation */
    return REDIR_ADDR_PUBLIC;
}

redir_addr_class redir_addr_classify(const uint8_t *addr, size_t len)
{
    if (addr == NULL)
        return REDIR_ADDR_RESERVED;
    if (len == 4)
        return classify_v4(load_be32(addr));
    if (len == 16)
        return classify_v6(addr);
    return REDIR_ADDR_RESERVED;
}

/* ---------------------------------------------------------------------
 * Reading hosts.
 */

enum { DECODE_END = -1, DECODE_BAD = -2 };

/* The next byte of s[*pos..n) after percent-decoding (0..255), advancing
 * *pos past it; DECODE_END at the end, DECODE_BAD at a '%' that is not
 * followed by two hexadecimal digits. */
static int decode_next(const char *s, size_t n, size_t *pos)
{
    size_t i = *pos;
    if (i >= n)
        return DECODE_END;
    unsigned char c = (unsigned char)s[i];
    if (c != '%') {
        *pos = i + 1;
        return c;
    }
    if (n - i < 3)
        return DECODE_BAD;
    int hi = redir_hexval((unsigned char)s[i + 1]);
    int lo = redir_hexval((unsigned char)s[i + 2]);
    if (hi < 0 || lo < 0)
        return DECODE_BAD;
    *pos = i + 3;
    return hi * 16 + lo;
}

/* Longest valid IPv6 text: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255". */
#define IPV6_TEXT_MAX 45

/* A host whose first decoded byte is '['; pos is just past it. The
 * decoded text must be "[" IPv6 [ "%" zone ] "]" and end there. The
 * zone (any non-empty bytes but ']') is dropped and the address itself
 * classified: "[fe80::1%25eth0]" is link-local, "[::1%25lo]" loopback.
 * Anything invalid is RESERVED, never NAME or PUBLIC. */
static redir_addr_class classify_bracketed(const char *host, size_t len,
                                           size_t pos)
{
    char text[IPV6_TEXT_MAX];
    size_t n = 0;
    bool in_zone = false;
    bool zone_empty = true;

    for (;;) {
        int c = decode_next(host, len, &pos);
        if (c < 0)
            return REDIR_ADDR_RESERVED; /* no ']', or a bad %-sequence */
        if (c == ']')
            break;
        if (in_zone) {
            zone_empty = false;
        } else if (c == '%') {
            in_zone = true;
        } else {
            if (n == sizeof text)
                return REDIR_ADDR_RESERVED;
            text[n++] = (char)c;
        }
    }
    if (pos != len || (in_zone && zone_empty))
        return REDIR_ADDR_RESERVED;

    uint8_t a[16];
    if (!redir_ip6_parse(text, n, a))
        return REDIR_ADDR_RESERVED;
    return classify_v6(a);
}

/* ---------------------------------------------------------------------
 * Hosts.
 */

/* Bytes of ".localhost." */
#define LOCALHOST_TAIL 11

/* Whether a decoded host of `total` bytes whose last (up to) 11 bytes,
 * lowercased, end `tail` is "localhost" or ends in ".localhost", with
 * one optional trailing dot (RFC 6761 section 6.3). */
static bool is_localhost_name(const unsigned char tail[LOCALHOST_TAIL],
                              size_t total)
{
    size_t end = LOCALHOST_TAIL;
    if (total > 0 && tail[end - 1] == '.') {
        end--;
        total--;
    }
    if (total == 9 && memcmp(tail + end - 9, "localhost", 9) == 0)
        return true;
    return total >= 10 && memcmp(tail + end - 10, ".localhost", 10) == 0;
}

/* The classifier proper, for a host whose decoded bytes are ASCII. */
static redir_addr_class classify_ascii(const char *host, size_t len)
{
    size_t pos = 0;
    int c = decode_next(host, len, &pos);
    if (c == '[')
        return classify_bracketed(host, len, pos);

    uint32_t a;
    if (redir_ipv4_parse(host, 0, len, &a) > 0)
        return classify_v4(a);

    unsigned char tail[LOCALHOST_TAIL];
    memset(tail, 0, sizeof tail);
    size_t total = 0;
    for (; c != DECODE_END; c = decode_next(host, len, &pos)) {
        if (c == DECODE_BAD)
            return REDIR_ADDR_NAME;
        memmove(tail, tail + 1, sizeof tail - 1);
        tail[sizeof tail - 1] = redir_lower((unsigned char)c);
        total++;
    }
    if (is_localhost_name(tail, total))
        return REDIR_ADDR_LOOPBACK;
    return REDIR_ADDR_NAME;
}

/* A host with non-ASCII bytes (raw or percent-encoded) means its ASCII
 * form from IDNA, as a URL parser reads it: "\u24db\u24de..." is
 * localhost, full-width digits are an IPv4 address. One that IDNA
 * refuses, or whose ASCII form is longer than the URL parser takes
 * (REDIR_IDNA_MAX), is RESERVED; so is every such host in a build
 * without IDNA. */
redir_addr_class redir_host_classify(const char *host, size_t len)
{
    if (host == NULL || len == 0)
        return REDIR_ADDR_RESERVED;
    size_t pos = 0;
    int c;
    while ((c = decode_next(host, len, &pos)) >= 0 && c < 0x80)
        ;
    if (c < 0) /* the end, or a '%' that is not an escape */
        return classify_ascii(host, len);
#ifdef REDIR_NO_IDNA
    return REDIR_ADDR_RESERVED;
#else
    char ascii[REDIR_IDNA_MAX];
    size_t n;
    if (redir_idna_to_ascii(host, 0, len, true, ascii, sizeof ascii, &n) !=
            REDIR_OK ||
        n > sizeof ascii)
        return REDIR_ADDR_RESERVED;
    return classify_ascii(ascii, n);
#endif
}

const char *redir_addr_class_name(redir_addr_class cls)
{
    switch (cls) {
    case REDIR_ADDR_PUBLIC:
        return "public";
    case REDIR_ADDR_NAME:
        return "name";
    case REDIR_ADDR_LOOPBACK:
        return "loopback";
    case REDIR_ADDR_PRIVATE:
        return "private";
    case REDIR_ADDR_LINK_LOCAL:
        return "link-local";
    case REDIR_ADDR_UNIQUE_LOCAL:
        return "unique-local";
    case REDIR_ADDR_UNSPECIFIED:
        return "unspecified";
    case REDIR_ADDR_METADATA:
        return "metadata";
    case REDIR_ADDR_RESERVED:
        return "reserved";
    }
    return "unknown";
}
