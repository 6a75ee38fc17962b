/*
 * test_addr.c - the SSRF guard's classifier: redir_addr_classify,
 * redir_host_classify and redir_addr_class_name.
 *
 * Every expected class comes from the ranges in redir.h and the IANA
 * special-purpose registries (RFC 6890), written down by hand; none was
 * obtained by running the code. Ranges are tested at their first and last
 * address and at the addresses just outside them.
 *
 * Each binary-address row is also spelled as text ("a.b.c.d", and the
 * full eight-group "[x:x:x:x:x:x:x:x]") and run through
 * redir_host_classify, which must agree.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include "table.h"

#include <stdbool.h>
#include <string.h>

#define PUB    REDIR_ADDR_PUBLIC
#define NAME   REDIR_ADDR_NAME
#define LOOP   REDIR_ADDR_LOOPBACK
#define PRIV   REDIR_ADDR_PRIVATE
#define LL     REDIR_ADDR_LINK_LOCAL
#define ULA    REDIR_ADDR_UNIQUE_LOCAL
#define UNSPEC REDIR_ADDR_UNSPECIFIED
#define META   REDIR_ADDR_METADATA
#define RES    REDIR_ADDR_RESERVED

static void expect_class(redir_addr_class got, redir_addr_class want,
                         const char *what)
{
    if (got != want) {
        print_error("%s: got %s (%d), want %s (%d)\n", what,
                    redir_addr_class_name(got), (int)got,
                    redir_addr_class_name(want), (int)want);
        fail();
    }
}

/* ---- binary addresses ------------------------------------------------- */

typedef struct addr_row {
    const char *name;
    uint8_t bytes[16];
    size_t len;
    redir_addr_class want;
} addr_row;

#define A4(a, b, c, d) {a, b, c, d}, 4
#define G_(x)          (uint8_t)((x) >> 8), (uint8_t)((x)&0xff)
#define A6(a, b, c, d, e, f, g, h)                                             \
    {G_(a), G_(b), G_(c), G_(d), G_(e), G_(f), G_(g), G_(h)}, 16

static const addr_row addr_rows[] = {
    /* 0.0.0.0/8 */
    {"v4 0.0.0.0 unspecified", A4(0, 0, 0, 0), UNSPEC},
    {"v4 0.255.255.255 unspecified (last of 0/8)", A4(0, 255, 255, 255),
     UNSPEC},
    {"v4 1.0.0.0 public (after 0/8)", A4(1, 0, 0, 0), PUB},
    /* 10/8 */
    {"v4 9.255.255.255 public (before 10/8)", A4(9, 255, 255, 255), PUB},
    {"v4 10.0.0.0 private (first of 10/8)", A4(10, 0, 0, 0), PRIV},
    {"v4 10.255.255.255 private (last of 10/8)", A4(10, 255, 255, 255), PRIV},
    {"v4 11.0.0.0 public (after 10/8)", A4(11, 0, 0, 0), PUB},
    /* 100.64/10 with 100.100.100.200 */
    {"v4 100.63.255.255 public (before 100.64/10)", A4(100, 63, 255, 255), PUB},
    {"v4 100.64.0.0 reserved (first of shared 100.64/10)", A4(100, 64, 0, 0),
     RES},
    {"v4 100.100.100.199 reserved (shared)", A4(100, 100, 100, 199), RES},
    {"v4 100.100.100.200 metadata (Alibaba)", A4(100, 100, 100, 200), META},
    {"v4 100.100.100.201 reserved (shared)", A4(100, 100, 100, 201), RES},
    {"v4 100.127.255.255 reserved (last of 100.64/10)", A4(100, 127, 255, 255),
     RES},
    {"v4 100.128.0.0 public (after 100.64/10)", A4(100, 128, 0, 0), PUB},
    /* 127/8 */
    {"v4 126.255.255.255 public (before 127/8)", A4(126, 255, 255, 255), PUB},
    {"v4 127.0.0.0 loopback (first of 127/8)", A4(127, 0, 0, 0), LOOP},
    {"v4 127.0.0.1 loopback", A4(127, 0, 0, 1), LOOP},
    {"v4 127.255.255.255 loopback (last of 127/8)", A4(127, 255, 255, 255),
     LOOP},
    {"v4 128.0.0.0 public (after 127/8)", A4(128, 0, 0, 0), PUB},
    /* 169.254/16 with 169.254.169.254 */
    {"v4 169.253.255.255 public (before 169.254/16)", A4(169, 253, 255, 255),
     PUB},
    {"v4 169.254.0.0 link-local (first of 169.254/16)", A4(169, 254, 0, 0), LL},
    {"v4 169.254.169.253 link-local", A4(169, 254, 169, 253), LL},
    {"v4 169.254.169.254 metadata", A4(169, 254, 169, 254), META},
    {"v4 169.254.169.255 link-local", A4(169, 254, 169, 255), LL},
    {"v4 169.254.255.255 link-local (last of 169.254/16)",
     A4(169, 254, 255, 255), LL},
    {"v4 169.255.0.0 public (after 169.254/16)", A4(169, 255, 0, 0), PUB},
    /* 172.16/12 */
    {"v4 172.15.255.255 public (before 172.16/12)", A4(172, 15, 255, 255), PUB},
    {"v4 172.16.0.0 private (first of 172.16/12)", A4(172, 16, 0, 0), PRIV},
    {"v4 172.31.255.255 private (last of 172.16/12)", A4(172, 31, 255, 255),
     PRIV},
    {"v4 172.32.0.0 public (after 172.16/12)", A4(172, 32, 0, 0), PUB},
    /* 192.0.0/24, 192.0.2/24 */
    {"v4 191.255.255.255 public (before 192.0.0/24)", A4(191, 255, 255, 255),
     PUB},
    {"v4 192.0.0.0 reserved (first of IETF 192.0.0/24)", A4(192, 0, 0, 0), RES},
    {"v4 192.0.0.255 reserved (last of 192.0.0/24)", A4(192, 0, 0, 255), RES},
    {"v4 192.0.1.0 public (between 192.0.0/24 and 192.0.2/24)",
     A4(192, 0, 1, 0), PUB},
    {"v4 192.0.1.255 public (before 192.0.2/24)", A4(192, 0, 1, 255), PUB},
    {"v4 192.0.2.0 reserved (first of TEST-NET-1)", A4(192, 0, 2, 0), RES},
    {"v4 192.0.2.255 reserved (last of TEST-NET-1)", A4(192, 0, 2, 255), RES},
    {"v4 192.0.3.0 public (after TEST-NET-1)", A4(192, 0, 3, 0), PUB},
    /* 192.168/16 */
    {"v4 192.167.255.255 public (before 192.168/16)", A4(192, 167, 255, 255),
     PUB},
    {"v4 192.168.0.0 private (first of 192.168/16)", A4(192, 168, 0, 0), PRIV},
    {"v4 192.168.255.255 private (last of 192.168/16)", A4(192, 168, 255, 255),
     PRIV},
    {"v4 192.169.0.0 public (after 192.168/16)", A4(192, 169, 0, 0), PUB},
    /* 198.18/15 */
    {"v4 198.17.255.255 public (before 198.18/15)", A4(198, 17, 255, 255), PUB},
    {"v4 198.18.0.0 reserved (first of benchmarking 198.18/15)",
     A4(198, 18, 0, 0), RES},
    {"v4 198.19.255.255 reserved (last of 198.18/15)", A4(198, 19, 255, 255),
     RES},
    {"v4 198.20.0.0 public (after 198.18/15)", A4(198, 20, 0, 0), PUB},
    /* 198.51.100/24 */
    {"v4 198.51.99.255 public (before TEST-NET-2)", A4(198, 51, 99, 255), PUB},
    {"v4 198.51.100.0 reserved (first of TEST-NET-2)", A4(198, 51, 100, 0),
     RES},
    {"v4 198.51.100.255 reserved (last of TEST-NET-2)", A4(198, 51, 100, 255),
     RES},
    {"v4 198.51.101.0 public (after TEST-NET-2)", A4(198, 51, 101, 0), PUB},
    /* 203.0.113/24 */
    {"v4 203.0.112.255 public (before TEST-NET-3)", A4(203, 0, 112, 255), PUB},
    {"v4 203.0.113.0 reserved (first of TEST-NET-3)", A4(203, 0, 113, 0), RES},
    {"v4 203.0.113.255 reserved (last of TEST-NET-3)", A4(203, 0, 113, 255),
     RES},
    {"v4 203.0.114.0 public (after TEST-NET-3)", A4(203, 0, 114, 0), PUB},
    /* 224/4, 240/4, broadcast */
    {"v4 223.255.255.255 public (before 224/4)", A4(223, 255, 255, 255), PUB},
    {"v4 224.0.0.0 reserved (first of multicast 224/4)", A4(224, 0, 0, 0), RES},
    {"v4 239.255.255.255 reserved (last of multicast)", A4(239, 255, 255, 255),
     RES},
    {"v4 240.0.0.0 reserved (first of 240/4)", A4(240, 0, 0, 0), RES},
    {"v4 255.255.255.254 reserved (240/4)", A4(255, 255, 255, 254), RES},
    {"v4 255.255.255.255 reserved (broadcast)", A4(255, 255, 255, 255), RES},
    /* Public samples */
    {"v4 8.8.8.8 public", A4(8, 8, 8, 8), PUB},
    {"v4 1.1.1.1 public", A4(1, 1, 1, 1), PUB},
    {"v4 93.184.216.34 public", A4(93, 184, 216, 34), PUB},

    /* ::/128, ::1/128, IPv4-compatible ::/96 */
    {"v6 :: unspecified", A6(0, 0, 0, 0, 0, 0, 0, 0), UNSPEC},
    {"v6 ::1 loopback", A6(0, 0, 0, 0, 0, 0, 0, 1), LOOP},
    {"v6 ::2 is IPv4-compatible 0.0.0.2: unspecified",
     A6(0, 0, 0, 0, 0, 0, 0, 2), UNSPEC},
    {"v6 ::127.0.0.1 (IPv4-compatible) loopback",
     A6(0, 0, 0, 0, 0, 0, 0x7f00, 1), LOOP},
    {"v6 ::10.1.2.3 (IPv4-compatible) private",
     A6(0, 0, 0, 0, 0, 0, 0x0a01, 0x0203), PRIV},
    {"v6 ::169.254.169.254 (IPv4-compatible) metadata",
     A6(0, 0, 0, 0, 0, 0, 0xa9fe, 0xa9fe), META},
    {"v6 ::8.8.8.8 (IPv4-compatible) public",
     A6(0, 0, 0, 0, 0, 0, 0x0808, 0x0808), PUB},
    {"v6 ::255.255.255.255 (IPv4-compatible) reserved",
     A6(0, 0, 0, 0, 0, 0, 0xffff, 0xffff), RES},
    /* ::ffff:0:0/96, IPv4-mapped */
    {"v6 ::ffff:0.0.0.0 (mapped) unspecified", A6(0, 0, 0, 0, 0, 0xffff, 0, 0),
     UNSPEC},
    {"v6 ::ffff:127.0.0.1 (mapped) loopback",
     A6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1), LOOP},
    {"v6 ::ffff:10.0.0.1 (mapped) private",
     A6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 1), PRIV},
    {"v6 ::ffff:172.31.255.255 (mapped) private",
     A6(0, 0, 0, 0, 0, 0xffff, 0xac1f, 0xffff), PRIV},
    {"v6 ::ffff:169.254.1.1 (mapped) link-local",
     A6(0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0x0101), LL},
    {"v6 ::ffff:169.254.169.254 (mapped) metadata",
     A6(0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe), META},
    {"v6 ::ffff:100.100.100.200 (mapped) metadata",
     A6(0, 0, 0, 0, 0, 0xffff, 0x6464, 0x64c8), META},
    {"v6 ::ffff:224.0.0.1 (mapped) reserved",
     A6(0, 0, 0, 0, 0, 0xffff, 0xe000, 1), RES},
    {"v6 ::ffff:8.8.8.8 (mapped) public",
     A6(0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0808), PUB},
    {"v6 ::fffe:7f00:1 public (before ::ffff:0:0/96)",
     A6(0, 0, 0, 0, 0, 0xfffe, 0x7f00, 1), PUB},
    {"v6 ::1:0:0:0 public (after ::ffff:0:0/96)", A6(0, 0, 0, 0, 1, 0, 0, 0),
     PUB},
    /* 64:ff9b::/96 and 64:ff9b:1::/48, NAT64 */
    {"v6 64:ff9b::7f00:1 (NAT64) loopback",
     A6(0x64, 0xff9b, 0, 0, 0, 0, 0x7f00, 1), LOOP},
    {"v6 64:ff9b::a9fe:a9fe (NAT64) metadata",
     A6(0x64, 0xff9b, 0, 0, 0, 0, 0xa9fe, 0xa9fe), META},
    {"v6 64:ff9b::c0a8:1 (NAT64) private",
     A6(0x64, 0xff9b, 0, 0, 0, 0, 0xc0a8, 1), PRIV},
    {"v6 64:ff9b::808:808 (NAT64) public",
     A6(0x64, 0xff9b, 0, 0, 0, 0, 0x0808, 0x0808), PUB},
    {"v6 64:ff9b::1:7f00:1 public (outside 64:ff9b::/96)",
     A6(0x64, 0xff9b, 0, 0, 0, 1, 0x7f00, 1), PUB},
    {"v6 64:ff9b:1::7f00:1 (local NAT64 /48) loopback",
     A6(0x64, 0xff9b, 1, 0, 0, 0, 0x7f00, 1), LOOP},
    {"v6 64:ff9b:1:ffff:ffff:ffff:a00:1 (last /48 bits set) private",
     A6(0x64, 0xff9b, 1, 0xffff, 0xffff, 0xffff, 0x0a00, 1), PRIV},
    {"v6 64:ff9b:1::808:808 (local NAT64) public",
     A6(0x64, 0xff9b, 1, 0, 0, 0, 0x0808, 0x0808), PUB},
    {"v6 64:ff9b:2::7f00:1 public (after 64:ff9b:1::/48)",
     A6(0x64, 0xff9b, 2, 0, 0, 0, 0x7f00, 1), PUB},
    {"v6 64:ff9a:ffff:ffff:ffff:ffff:7f00:1 public (before NAT64)",
     A6(0x64, 0xff9a, 0xffff, 0xffff, 0xffff, 0xffff, 0x7f00, 1), PUB},
    /* 2002::/16, 6to4 */
    {"v6 2002:7f00:1:: (6to4 of 127.0.0.1) loopback",
     A6(0x2002, 0x7f00, 1, 0, 0, 0, 0, 0), LOOP},
    {"v6 2002:a9fe:a9fe::1 (6to4) metadata",
     A6(0x2002, 0xa9fe, 0xa9fe, 0, 0, 0, 0, 1), META},
    {"v6 2002:c0a8:101:ffff:ffff:ffff:ffff:ffff (6to4) private",
     A6(0x2002, 0xc0a8, 0x0101, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), PRIV},
    {"v6 2002:0:0:1:: (6to4 of 0.0.0.0) unspecified",
     A6(0x2002, 0, 0, 1, 0, 0, 0, 0), UNSPEC},
    {"v6 2002:808:808:: (6to4) public",
     A6(0x2002, 0x0808, 0x0808, 0, 0, 0, 0, 0), PUB},
    {"v6 2002:808:808::7f00:1 (6to4 takes bits 16..47) public",
     A6(0x2002, 0x0808, 0x0808, 0, 0, 0, 0x7f00, 1), PUB},
    {"v6 2003:7f00:1:: public (after 2002::/16)",
     A6(0x2003, 0x7f00, 1, 0, 0, 0, 0, 0), PUB},
    {"v6 2001:ffff:7f00:1:: public (before 2002::/16)",
     A6(0x2001, 0xffff, 0x7f00, 1, 0, 0, 0, 0), PUB},
    /* fe80::/10 */
    {"v6 fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff public (before fe80::/10)",
     A6(0xfe7f, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), PUB},
    {"v6 fe80:: link-local (first of fe80::/10)",
     A6(0xfe80, 0, 0, 0, 0, 0, 0, 0), LL},
    {"v6 fe80::1 link-local", A6(0xfe80, 0, 0, 0, 0, 0, 0, 1), LL},
    {"v6 febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff link-local (last of /10)",
     A6(0xfebf, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), LL},
    {"v6 fec0:: public (after fe80::/10; site-local is deprecated)",
     A6(0xfec0, 0, 0, 0, 0, 0, 0, 0), PUB},
    /* fc00::/7 with fd00:ec2::254 */
    {"v6 fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff public (before fc00::/7)",
     A6(0xfbff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), PUB},
    {"v6 fc00:: unique-local (first of fc00::/7)",
     A6(0xfc00, 0, 0, 0, 0, 0, 0, 0), ULA},
    {"v6 fd12:3456:789a::1 unique-local",
     A6(0xfd12, 0x3456, 0x789a, 0, 0, 0, 0, 1), ULA},
    {"v6 fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff unique-local (last of /7)",
     A6(0xfdff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), ULA},
    {"v6 fe00:: public (after fc00::/7)", A6(0xfe00, 0, 0, 0, 0, 0, 0, 0), PUB},
    {"v6 fd00:ec2::254 metadata (AWS)",
     A6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x254), META},
    {"v6 fd00:ec2::253 unique-local", A6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x253),
     ULA},
    {"v6 fd00:ec2::255 unique-local", A6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x255),
     ULA},
    {"v6 fd00:ec2::1:254 unique-local",
     A6(0xfd00, 0x0ec2, 0, 0, 0, 0, 1, 0x254), ULA},
    /* ff00::/8 */
    {"v6 feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff public (before ff00::/8)",
     A6(0xfeff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), PUB},
    {"v6 ff00:: reserved (first of multicast ff00::/8)",
     A6(0xff00, 0, 0, 0, 0, 0, 0, 0), RES},
    {"v6 ff02::1 reserved (multicast)", A6(0xff02, 0, 0, 0, 0, 0, 0, 1), RES},
    {"v6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff reserved (last of ff00::/8)",
     A6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), RES},
    /* 2001:db8::/32 */
    {"v6 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff public (before 2001:db8::/32)",
     A6(0x2001, 0x0db7, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), PUB},
    {"v6 2001:db8:: reserved (first of documentation /32)",
     A6(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0), RES},
    {"v6 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff reserved (last of /32)",
     A6(0x2001, 0x0db8, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), RES},
    {"v6 2001:db9:: public (after 2001:db8::/32)",
     A6(0x2001, 0x0db9, 0, 0, 0, 0, 0, 0), PUB},
    /* Public samples */
    {"v6 2606:4700:4700::1111 public",
     A6(0x2606, 0x4700, 0x4700, 0, 0, 0, 0, 0x1111), PUB},
    {"v6 2001:4860:4860::8888 public",
     A6(0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888), PUB},
};

static void test_addr_row(void **state)
{
    const addr_row *r = TEST_ROW(addr_row, state);
    const uint8_t *b = r->bytes;
    expect_class(redir_addr_classify(b, r->len), r->want,
                 "redir_addr_classify");

    /* The same address written as a URL host must classify the same. */
    char text[64];
    int n;
    if (r->len == 4)
        n = snprintf(text, sizeof text, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    else
        n = snprintf(text, sizeof text, "[%x:%x:%x:%x:%x:%x:%x:%x]",
                     b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5],
                     b[6] << 8 | b[7], b[8] << 8 | b[9], b[10] << 8 | b[11],
                     b[12] << 8 | b[13], b[14] << 8 | b[15]);
    assert_true(n > 0 && (size_t)n < sizeof text);
    expect_class(redir_host_classify(text, (size_t)n), r->want, text);
}

/* ---- redir_addr_classify: pointer and length -------------------------- */

typedef struct addr_len_row {
    const char *name;
    bool null;  /* pass NULL instead of the bytes */
    size_t len; /* bytes are 127.0.0.1, then ::1 for a 16-byte read */
} addr_len_row;

static const addr_len_row addr_len_rows[] = {
    {"classify NULL, length 4 -> reserved", true, 4},
    {"classify NULL, length 16 -> reserved", true, 16},
    {"classify NULL, length 0 -> reserved", true, 0},
    {"classify length 0 -> reserved", false, 0},
    {"classify length 1 -> reserved", false, 1},
    {"classify length 3 -> reserved", false, 3},
    {"classify length 5 -> reserved", false, 5},
    {"classify length 6 -> reserved", false, 6},
    {"classify length 8 -> reserved", false, 8},
    {"classify length 15 -> reserved", false, 15},
    {"classify length 17 -> reserved", false, 17},
    {"classify length 32 -> reserved", false, 32},
    {"classify length SIZE_MAX -> reserved", false, SIZE_MAX},
};

static void test_addr_len_row(void **state)
{
    const addr_len_row *r = TEST_ROW(addr_len_row, state);
    /* Bytes that would be loopback if read as 4 bytes; ::1 if as 16. */
    uint8_t bytes[32] = {127, 0, 0, 1};
    uint8_t v6[32] = {0};
    v6[15] = 1;
    expect_class(redir_addr_classify(r->null ? NULL : bytes, r->len), RES,
                 "bytes 127.0.0.1...");
    expect_class(redir_addr_classify(r->null ? NULL : v6, r->len), RES,
                 "bytes ::1...");
}

/* The same buffer read with a valid length is classified: the rows above
 * fail only because of the length. */
static void test_addr_len_control(void **state)
{
    (void)state;
    uint8_t bytes[32] = {127, 0, 0, 1};
    uint8_t v6[32] = {0};
    v6[15] = 1;
    expect_class(redir_addr_classify(bytes, 4), LOOP, "127.0.0.1");
    expect_class(redir_addr_classify(v6, 16), LOOP, "::1");
}

/* ---- redir_host_classify ---------------------------------------------- */

typedef struct host_row {
    const char *name;
    const char *host; /* NUL-terminated; length by strlen */
    redir_addr_class want;
} host_row;

#define Z10  "0000000000"
#define Z100 Z10 Z10 Z10 Z10 Z10 Z10 Z10 Z10 Z10 Z10
#define A10  "aaaaaaaaaa"
#define A100 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10

static const host_row host_rows[] = {
    /* Dotted-decimal, one per class */
    {"127.0.0.1 loopback", "127.0.0.1", LOOP},
    {"10.0.0.1 private", "10.0.0.1", PRIV},
    {"172.16.0.1 private", "172.16.0.1", PRIV},
    {"192.168.1.1 private", "192.168.1.1", PRIV},
    {"169.254.1.1 link-local", "169.254.1.1", LL},
    {"169.254.169.254 metadata", "169.254.169.254", META},
    {"100.100.100.200 metadata", "100.100.100.200", META},
    {"0.0.0.0 unspecified", "0.0.0.0", UNSPEC},
    {"100.64.0.1 reserved (shared)", "100.64.0.1", RES},
    {"224.0.0.1 reserved (multicast)", "224.0.0.1", RES},
    {"255.255.255.255 reserved (broadcast)", "255.255.255.255", RES},
    {"240.0.0.1 reserved", "240.0.0.1", RES},
    {"192.0.0.8 reserved", "192.0.0.8", RES},
    {"192.0.2.1 reserved", "192.0.2.1", RES},
    {"198.18.0.1 reserved", "198.18.0.1", RES},
    {"198.51.100.7 reserved", "198.51.100.7", RES},
    {"203.0.113.9 reserved", "203.0.113.9", RES},
    {"8.8.8.8 public", "8.8.8.8", PUB},

    /* Short forms: the last part fills the remaining bytes */
    {"127.1 is 127.0.0.1: loopback", "127.1", LOOP},
    {"127.0.1 is 127.0.0.1: loopback", "127.0.1", LOOP},
    {"10.1 is 10.0.0.1: private", "10.1", PRIV},
    {"169.254.43518 is 169.254.169.254: metadata", "169.254.43518", META},
    {"169.16689662 is 169.254.169.254: metadata", "169.16689662", META},
    {"2130706433 is 127.0.0.1: loopback", "2130706433", LOOP},
    {"2852039166 is 169.254.169.254: metadata", "2852039166", META},
    {"0 is 0.0.0.0: unspecified", "0", UNSPEC},
    {"134744072 is 8.8.8.8: public", "134744072", PUB},
    {"4294967295 is 255.255.255.255: reserved", "4294967295", RES},
    {"1.16777215 is 1.255.255.255: public", "1.16777215", PUB},
    {"1.2.65535 is 1.2.255.255: public", "1.2.65535", PUB},

    /* Hex parts */
    {"0x7f.1 loopback", "0x7f.1", LOOP},
    {"0X7F.1 loopback", "0X7F.1", LOOP},
    {"0x7f000001 loopback", "0x7f000001", LOOP},
    {"0x7F.0x0.0x0.0x1 loopback", "0x7F.0x0.0x0.0x1", LOOP},
    {"0xa9fea9fe metadata", "0xa9fea9fe", META},
    {"0xA9.0xFE.0xA9FE metadata", "0xA9.0xFE.0xA9FE", META},
    {"0xffffffff reserved", "0xffffffff", RES},
    {"0x alone is 0: 0.0.0.0 unspecified", "0x", UNSPEC},
    {"0X alone is 0: unspecified", "0X", UNSPEC},
    {"0x.0x.0x.0x unspecified", "0x.0x.0x.0x", UNSPEC},
    {"0x7f.0x.0x.1 loopback", "0x7f.0x.0x.1", LOOP},
    {"0x followed by 300 zeros then 7f.1: loopback", "0x" Z100 Z100 Z100 "7f.1",
     LOOP},

    /* Octal parts */
    {"0177.0.0.1 loopback", "0177.0.0.1", LOOP},
    {"0177.1 loopback", "0177.1", LOOP},
    {"00000177.0.0.01 loopback", "00000177.0.0.01", LOOP},
    {"017700000001 is 127.0.0.1: loopback", "017700000001", LOOP},
    {"012.0.0.1 is 10.0.0.1: private", "012.0.0.1", PRIV},
    {"0127.0.0.1 is octal 87.0.0.1: public", "0127.0.0.1", PUB},
    {"010.0.0.1 is 8.0.0.1: public", "010.0.0.1", PUB},
    {"037777777777 is 255.255.255.255: reserved", "037777777777", RES},
    {"00 is 0.0.0.0: unspecified", "00", UNSPEC},
    {"300 zeros then 177.1 (octal) loopback", Z100 Z100 Z100 "177.1", LOOP},

    /* Mixed bases */
    {"0x7f.0.00.01 loopback", "0x7f.0.00.01", LOOP},
    {"0xa9.254.0251.0xfe metadata", "0xa9.254.0251.0xfe", META},

    /* One trailing dot */
    {"127.0.0.1. loopback", "127.0.0.1.", LOOP},
    {"127.1. loopback", "127.1.", LOOP},
    {"2130706433. loopback", "2130706433.", LOOP},
    {"0x7f.1. loopback", "0x7f.1.", LOOP},
    {"8.8.8.8. public", "8.8.8.8.", PUB},

    /* Percent-encoded */
    {"%31%32%37.0.0.1 loopback", "%31%32%37.0.0.1", LOOP},
    {"127%2E0%2E0%2E1 loopback", "127%2E0%2E0%2E1", LOOP},
    {"127%2e1 (lowercase hex) loopback", "127%2e1", LOOP},
    {"0%78%37%66.1 is 0x7f.1: loopback", "0%78%37%66.1", LOOP},
    {"%31%30.1 is 10.1: private", "%31%30.1", PRIV},
    {"%6Cocalhost loopback", "%6Cocalhost", LOOP},
    {"%6c%6f%63%61%6c%68%6f%73%74 loopback", "%6c%6f%63%61%6c%68%6f%73%74",
     LOOP},

    /* Numbers that are not addresses */
    {"1.2.3.4.5 (five parts) name", "1.2.3.4.5", NAME},
    {"1.2.3.4.5. (five parts, trailing dot) name", "1.2.3.4.5.", NAME},
    {"08.1.1.1 (8 is not octal) name", "08.1.1.1", NAME},
    {"09 (not octal) name", "09", NAME},
    {"1.1.1.08 (not octal) name", "1.1.1.08", NAME},
    {"1.2.3.256 (last part > 255) name", "1.2.3.256", NAME},
    {"1.256.3.4 (inner part > 255) name", "1.256.3.4", NAME},
    {"256.1 (first part > 255) name", "256.1", NAME},
    {"1.2.65536 (last of three > 65535) name", "1.2.65536", NAME},
    {"1.16777216 (last of two > 16777215) name", "1.16777216", NAME},
    {"4294967296 (> 32 bits) name", "4294967296", NAME},
    {"0x100000000 (> 32 bits) name", "0x100000000", NAME},
    {"040000000000 (> 32 bits, octal) name", "040000000000", NAME},
    {"99999999999999999999999 (overflow) name", "99999999999999999999999",
     NAME},
    {"0x1ffffffff7f000001 (overflow, low bits loopback) name",
     "0x1ffffffff7f000001", NAME},
    {"0xg name", "0xg", NAME},
    {"0x7g.1 name", "0x7g.1", NAME},
    {"0xx7f.1 name", "0xx7f.1", NAME},
    {"00x7f.1 name", "00x7f.1", NAME},
    {"0x0x7f.1 name", "0x0x7f.1", NAME},
    {"x7f.1 name", "x7f.1", NAME},
    {"7f.1 (hex without 0x) name", "7f.1", NAME},
    {"1e3 name", "1e3", NAME},
    {"-1 name", "-1", NAME},
    {"+127.0.0.1 name", "+127.0.0.1", NAME},
    {"127.-0.0.1 name", "127.-0.0.1", NAME},
    {"1..2 (empty part) name", "1..2", NAME},
    {".127.0.0.1 (leading dot) name", ".127.0.0.1", NAME},
    {"127.0.0.1.. (two trailing dots) name", "127.0.0.1..", NAME},
    {". name", ".", NAME},
    {".. name", "..", NAME},
    {"127.0.0.1 with a trailing space name", "127.0.0.1 ", NAME},
    {"127.0.0.1:80 (a port is not part of the host) name", "127.0.0.1:80",
     NAME},
    {"evil127.0.0.1.com name", "evil127.0.0.1.com", NAME},
    {"127.0.0.1.com name", "127.0.0.1.com", NAME},
    {"127.0.0.1.nip.io name", "127.0.0.1.nip.io", NAME},
    {"example.com name", "example.com", NAME},
    {"EXAMPLE.COM. name", "EXAMPLE.COM.", NAME},
    {"metadata.google.internal name", "metadata.google.internal", NAME},
    {"::1 without brackets name", "::1", NAME},

    /* Invalid percent-encoding makes a name */
    {"127.0.0.1% name", "127.0.0.1%", NAME},
    {"127.0.0.1%3 name", "127.0.0.1%3", NAME},
    {"127.0.0.%zz name", "127.0.0.%zz", NAME},
    {"% alone name", "%", NAME},
    {"%%31 name", "%%31", NAME},
    {"localhost%2 name", "localhost%2", NAME},
    {"%GGlocalhost name", "%GGlocalhost", NAME},
    {"127.0.0.1%00 (decoded NUL) name", "127.0.0.1%00", NAME},
    {"%20127.0.0.1 (decoded space) name", "%20127.0.0.1", NAME},

    /* Non-ASCII hosts are classified by their ASCII form (IDNA). */
    {"circled letters (IDNA: localhost) loopback",
     "\xe2\x93\x9b\xe2\x93\x9e\xe2\x93\x92\xe2\x93\x90\xe2\x93\x9b\xe2\x93"
     "\x97\xe2\x93\x9e\xe2\x93\xa2\xe2\x93\xa3",
     LOOP},
    {"full-width digits (IDNA: 127.0.0.1) loopback",
     "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", LOOP},
    {"full-width digits, percent-encoded, loopback",
     "%EF%BC%91%EF%BC%92%EF%BC%97.1", LOOP},
    {"ideographic full stops (IDNA: 10.0.0.1) private",
     "10\xe3\x80\x82"
     "0\xe3\x80\x82"
     "0\xe3\x80\x82"
     "1",
     PRIV},
    {"full-width hex (IDNA: 0xa9fea9fe) metadata",
     "\xef\xbc\x90\xef\xbd\x98"
     "a9fea9fe",
     META},
    {"a name under .localhost in full-width letters loopback",
     "a.\xef\xbd\x8c\xef\xbd\x8f\xef\xbd\x83\xef\xbd\x81\xef\xbd\x8c"
     "\xef\xbd\x88\xef\xbd\x8f\xef\xbd\x93\xef\xbd\x94",
     LOOP},
    {"an internationalized name name",
     "b\xc3\xbc"
     "cher.example",
     NAME},
    {"a host IDNA refuses reserved",
     "a\xe2\x80\x8d"
     "b",
     RES},
    {"ill-formed UTF-8 reserved", "\xff.example", RES},

    /* localhost (RFC 6761) */
    {"localhost loopback", "localhost", LOOP},
    {"LOCALHOST loopback", "LOCALHOST", LOOP},
    {"LocalHost loopback", "LocalHost", LOOP},
    {"localhost. loopback", "localhost.", LOOP},
    {"foo.localhost loopback", "foo.localhost", LOOP},
    {"FOO.LOCALHOST. loopback", "FOO.LOCALHOST.", LOOP},
    {"a.b.c.localhost loopback", "a.b.c.localhost", LOOP},
    {".localhost (ends in .localhost) loopback", ".localhost", LOOP},
    {"300-byte label .localhost loopback", A100 A100 A100 ".localhost", LOOP},
    {"127.0.0.1.localhost loopback", "127.0.0.1.localhost", LOOP},
    {"localhost.. (two trailing dots) name", "localhost..", NAME},
    {"localhost.com name", "localhost.com", NAME},
    {"localhost.example name", "localhost.example", NAME},
    {"notlocalhost name", "notlocalhost", NAME},
    {"xlocalhost. name", "xlocalhost.", NAME},
    {"localhos name", "localhos", NAME},
    {"localhost1 name", "localhost1", NAME},
    {"ocalhost name", "ocalhost", NAME},
    {"local name", "local", NAME},

    /* Bracketed IPv6 */
    {"[::1] loopback", "[::1]", LOOP},
    {"[::] unspecified", "[::]", UNSPEC},
    {"[0:0:0:0:0:0:0:1] loopback", "[0:0:0:0:0:0:0:1]", LOOP},
    {"[0000:0000:0000:0000:0000:0000:0000:0001] loopback",
     "[0000:0000:0000:0000:0000:0000:0000:0001]", LOOP},
    {"[0::0:1] loopback", "[0::0:1]", LOOP},
    {"[::0.0.0.1] is ::1: loopback", "[::0.0.0.1]", LOOP},
    {"[::ffff:127.0.0.1] loopback", "[::ffff:127.0.0.1]", LOOP},
    {"[::FFFF:7f00:1] loopback", "[::FFFF:7f00:1]", LOOP},
    {"[::ffff:7F00:0001] loopback", "[::ffff:7F00:0001]", LOOP},
    {"[0:0:0:0:0:ffff:127.0.0.1] loopback", "[0:0:0:0:0:ffff:127.0.0.1]", LOOP},
    {"[::ffff:0:0] is 0.0.0.0 mapped: unspecified", "[::ffff:0:0]", UNSPEC},
    {"[::ffff:10.0.0.1] private", "[::ffff:10.0.0.1]", PRIV},
    {"[::ffff:169.254.169.254] metadata", "[::ffff:169.254.169.254]", META},
    {"[::ffff:a9fe:a9fe] metadata", "[::ffff:a9fe:a9fe]", META},
    {"[::ffff:8.8.8.8] public", "[::ffff:8.8.8.8]", PUB},
    {"[::127.0.0.1] (IPv4-compatible) loopback", "[::127.0.0.1]", LOOP},
    {"[::192.168.0.1] (IPv4-compatible) private", "[::192.168.0.1]", PRIV},
    {"[::2] (IPv4-compatible 0.0.0.2) unspecified", "[::2]", UNSPEC},
    {"[64:ff9b::127.0.0.1] (NAT64) loopback", "[64:ff9b::127.0.0.1]", LOOP},
    {"[64:ff9b::8.8.8.8] (NAT64) public", "[64:ff9b::8.8.8.8]", PUB},
    {"[64:ff9b:1::a9fe:a9fe] (local NAT64) metadata", "[64:ff9b:1::a9fe:a9fe]",
     META},
    {"[2002:7f00:1::] (6to4) loopback", "[2002:7f00:1::]", LOOP},
    {"[2002:a00:1::1] (6to4) private", "[2002:a00:1::1]", PRIV},
    {"[fe80::1] link-local", "[fe80::1]", LL},
    {"[FE80::1] link-local", "[FE80::1]", LL},
    {"[fe80::1%25eth0] (zone stripped) link-local", "[fe80::1%25eth0]", LL},
    {"[FE80::1%25en0] link-local", "[FE80::1%25en0]", LL},
    {"[fe80::1%251] (numeric zone) link-local", "[fe80::1%251]", LL},
    {"[fe80::1%2525] (zone \"25\") link-local", "[fe80::1%2525]", LL},
    {"[::1%25lo] (zone stripped) loopback", "[::1%25lo]", LOOP},
    {"[::ffff:127.0.0.1%25x] loopback", "[::ffff:127.0.0.1%25x]", LOOP},
    {"[fc00::1] unique-local", "[fc00::1]", ULA},
    {"[fd12:3456::1] unique-local", "[fd12:3456::1]", ULA},
    {"[fd00:ec2::254] metadata", "[fd00:ec2::254]", META},
    {"[FD00:EC2::254] metadata", "[FD00:EC2::254]", META},
    {"[fd00:ec2:0:0:0:0:0:254] metadata", "[fd00:ec2:0:0:0:0:0:254]", META},
    {"[fd00:0ec2::0254] metadata", "[fd00:0ec2::0254]", META},
    {"[fd00:ec2::253] unique-local", "[fd00:ec2::253]", ULA},
    {"[ff02::1] reserved (multicast)", "[ff02::1]", RES},
    {"[2001:db8::1] reserved (documentation)", "[2001:db8::1]", RES},
    {"[2606:4700:4700::1111] public", "[2606:4700:4700::1111]", PUB},
    {"[1:2:3:4:5:6:7:8] public", "[1:2:3:4:5:6:7:8]", PUB},
    {"[1:2:3:4:5:6:1.2.3.4] public", "[1:2:3:4:5:6:1.2.3.4]", PUB},
    {"[1:2:3:4:5:6:7::] public", "[1:2:3:4:5:6:7::]", PUB},
    {"[::2:3:4:5:6:7:8] public", "[::2:3:4:5:6:7:8]", PUB},
    {"[1::8] public", "[1::8]", PUB},
    {"[2001:ffff:ffff:ffff:ffff:ffff:255.255.255.255] (45 bytes) public",
     "[2001:ffff:ffff:ffff:ffff:ffff:255.255.255.255]", PUB},
    {"[%3A%3A1] (percent-encoded) loopback", "[%3A%3A1]", LOOP},
    {"%5B::1%5D (encoded brackets) loopback", "%5B::1%5D", LOOP},
    {"%5bfe80::1%5d link-local", "%5bfe80::1%5d", LL},

    /* Invalid bracketed literals are reserved, never a name */
    {"[] reserved", "[]", RES},
    {"[ reserved", "[", RES},
    {"[::1 (no ]) reserved", "[::1", RES},
    {"[::1]x reserved", "[::1]x", RES},
    {"[::1]:80 reserved", "[::1]:80", RES},
    {"[::1]] reserved", "[::1]]", RES},
    {"[[::1]] reserved", "[[::1]]", RES},
    {"[ ::1] reserved", "[ ::1]", RES},
    {"[2606:4700:4700::1111 ] reserved", "[2606:4700:4700::1111 ]", RES},
    {"[:] reserved", "[:]", RES},
    {"[:::] reserved", "[:::]", RES},
    {"[:1::] reserved", "[:1::]", RES},
    {"[1:] reserved", "[1:]", RES},
    {"[::1:] reserved", "[::1:]", RES},
    {"[1::2::3] reserved", "[1::2::3]", RES},
    {"[1:2:3:4:5:6:7] (seven groups) reserved", "[1:2:3:4:5:6:7]", RES},
    {"[1:2:3:4:5:6:7:8:9] (nine groups) reserved", "[1:2:3:4:5:6:7:8:9]", RES},
    {"[1:2:3:4::5:6:7:8] (:: with eight groups) reserved", "[1:2:3:4::5:6:7:8]",
     RES},
    {"[1:2:3:4:5:6:7:8::] (:: after eight groups) reserved",
     "[1:2:3:4:5:6:7:8::]", RES},
    {"[::1:2:3:4:5:6:7:8] (:: before eight groups) reserved",
     "[::1:2:3:4:5:6:7:8]", RES},
    {"[12345::] (five hex digits) reserved", "[12345::]", RES},
    {"[2606:4700:4700::11111] (five hex digits) reserved",
     "[2606:4700:4700::11111]", RES},
    {"[g::1] reserved", "[g::1]", RES},
    {"[2606:4700:4700::111g] reserved", "[2606:4700:4700::111g]", RES},
    {"[127.0.0.1] reserved", "[127.0.0.1]", RES},
    {"[8.8.8.8] reserved", "[8.8.8.8]", RES},
    {"[::ffff:127.0.0.256] reserved", "[::ffff:127.0.0.256]", RES},
    {"[::ffff:8.8.8.08] (leading zero) reserved", "[::ffff:8.8.8.08]", RES},
    {"[::ffff:127.1] (short IPv4) reserved", "[::ffff:127.1]", RES},
    {"[::ffff:0x7f.0.0.1] (hex IPv4) reserved", "[::ffff:0x7f.0.0.1]", RES},
    {"[::ffff:8.8.8.8.8] reserved", "[::ffff:8.8.8.8.8]", RES},
    {"[::ffff:8.8.8.] reserved", "[::ffff:8.8.8.]", RES},
    {"[::8.8.8.8:1] (IPv4 not last) reserved", "[::8.8.8.8:1]", RES},
    {"[1:2:3:4:5:6:7:8.8.8.8] (too many groups) reserved",
     "[1:2:3:4:5:6:7:8.8.8.8]", RES},
    {"[1:2:3:4:5:6:7:1.2.3.4] (nine groups' worth) reserved",
     "[1:2:3:4:5:6:7:1.2.3.4]", RES},
    {"[::ab.1.1.1] reserved", "[::ab.1.1.1]", RES},
    {"[v1.fe80::a+en1] (IPvFuture) reserved", "[v1.fe80::a+en1]", RES},
    {"[fe80::1%25] (empty zone) reserved", "[fe80::1%25]", RES},
    {"[fe80::1%eth0] (raw %, invalid encoding) reserved", "[fe80::1%eth0]",
     RES},
    {"[fe80::1%] reserved", "[fe80::1%]", RES},
    {"[::1%2] reserved", "[::1%2]", RES},
    {"[2606:4700:4700::1111%zz] reserved", "[2606:4700:4700::1111%zz]", RES},
    {"[%25::1] (zone only) reserved", "[%25::1]", RES},
    {"[localhost] reserved", "[localhost]", RES},
    {"[example.com] reserved", "[example.com]", RES},
    {"[ + 300 zeros + ::1] reserved", "[" Z100 Z100 Z100 "::1]", RES},
    {"[2606:4700:4700:0000:0000:0000:0000:1111:0] (too long) reserved",
     "[2606:4700:4700:0000:0000:0000:0000:1111:0]", RES},
    {"%5B::1 (encoded, no ]) reserved", "%5B::1", RES},
};

static void test_host_row(void **state)
{
    const host_row *r = TEST_ROW(host_row, state);
    expect_class(redir_host_classify(r->host, strlen(r->host)), r->want,
                 r->host);
}

/* ---- redir_host_classify: pointer and length -------------------------- */

typedef struct host_len_row {
    const char *name;
    const char *host;
    size_t len;
    redir_addr_class want;
} host_len_row;

static const host_len_row host_len_rows[] = {
    {"empty host reserved", "", 0, RES},
    {"NULL, length 0 (empty) reserved", NULL, 0, RES},
    {"NULL, length 9 reserved", NULL, 9, RES},
    {"length 0 of 127.0.0.1 reserved", "127.0.0.1", 0, RES},
    {"first 8 bytes of 10.0.0.1x private", "10.0.0.1x", 8, PRIV},
    {"first 9 bytes of 127.0.0.1% loopback", "127.0.0.1%", 9, LOOP},
    {"first 5 bytes of [::1]x loopback", "[::1]x", 5, LOOP},
    {"first 9 bytes of localhost.com loopback", "localhost.com", 9, LOOP},
    {"first 2 bytes of %31 (cut %-sequence) name", "%31", 2, NAME},
    {"first 4 bytes of [::1] (no ]) reserved", "[::1]", 4, RES},
    {"127.0.0.1 then a NUL byte name", "127.0.0.1\0", 10, NAME},
    {"a NUL byte then 127.0.0.1 name",
     "\0"
     "127.0.0.1",
     10, NAME},
    {"[::1] with a NUL inside reserved", "[::1\0]", 6, RES},
};

static void test_host_len_row(void **state)
{
    const host_len_row *r = TEST_ROW(host_len_row, state);
    expect_class(redir_host_classify(r->host, r->len), r->want,
                 r->host ? r->host : "(null)");
}

/* ---- redir_addr_class_name -------------------------------------------- */

typedef struct class_name_row {
    const char *name;
    int value;
    const char *want;
} class_name_row;

static const class_name_row class_name_rows[] = {
    {"class name public", REDIR_ADDR_PUBLIC, "public"},
    {"class name name", REDIR_ADDR_NAME, "name"},
    {"class name loopback", REDIR_ADDR_LOOPBACK, "loopback"},
    {"class name private", REDIR_ADDR_PRIVATE, "private"},
    {"class name link-local", REDIR_ADDR_LINK_LOCAL, "link-local"},
    {"class name unique-local", REDIR_ADDR_UNIQUE_LOCAL, "unique-local"},
    {"class name unspecified", REDIR_ADDR_UNSPECIFIED, "unspecified"},
    {"class name metadata", REDIR_ADDR_METADATA, "metadata"},
    {"class name reserved", REDIR_ADDR_RESERVED, "reserved"},
    {"class name of 9 is unknown", 9, "unknown"},
    {"class name of -1 is unknown", -1, "unknown"},
    {"class name of 1000 is unknown", 1000, "unknown"},
};

static void test_class_name_row(void **state)
{
    const class_name_row *r = TEST_ROW(class_name_row, state);
    const char *got = redir_addr_class_name((redir_addr_class)r->value);
    assert_non_null(got);
    assert_string_equal(got, r->want);
}

/* The enum values are part of the ABI: pinned by hand. */
static void test_class_values(void **state)
{
    (void)state;
    assert_int_equal(REDIR_ADDR_PUBLIC, 0);
    assert_int_equal(REDIR_ADDR_NAME, 1);
    assert_int_equal(REDIR_ADDR_LOOPBACK, 2);
    assert_int_equal(REDIR_ADDR_PRIVATE, 3);
    assert_int_equal(REDIR_ADDR_LINK_LOCAL, 4);
    assert_int_equal(REDIR_ADDR_UNIQUE_LOCAL, 5);
    assert_int_equal(REDIR_ADDR_UNSPECIFIED, 6);
    assert_int_equal(REDIR_ADDR_METADATA, 7);
    assert_int_equal(REDIR_ADDR_RESERVED, 8);
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_addr_row, addr_rows);
    TEST_LIST_ADD_TABLE(&list, test_addr_len_row, addr_len_rows);
    test_list_add(&list, "classify the same buffers with lengths 4 and 16",
                  test_addr_len_control, NULL);
    TEST_LIST_ADD_TABLE(&list, test_host_row, host_rows);
    TEST_LIST_ADD_TABLE(&list, test_host_len_row, host_len_rows);
    TEST_LIST_ADD_TABLE(&list, test_class_name_row, class_name_rows);
    test_list_add(&list, "class values are pinned", test_class_values, NULL);
    return test_list_run(&list, "addr") == 0 ? 0 : 1;
}
