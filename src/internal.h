/*
 * internal.h - helpers shared by the library's source files. Not part of
 * the API: names and signatures may change at any time.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_INTERNAL_H
#define REDIR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "redir.h"

/* ASCII character helpers: the grammars are ASCII and must not depend on
 * the C locale, so no <ctype.h>. */
static inline bool redir_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool redir_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline unsigned char redir_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Tab, LF and CR, which the URL Standard removes from its input. */
static inline bool redir_is_tabnl(unsigned char c)
{
    return c <= '\r' && ((1u << '\t' | 1u << '\n' | 1u << '\r') >> c & 1u);
}

/* Index of the first byte at or after i in s[..n) that is not one. */
static inline size_t redir_skip_tabnl(const char *s, size_t i, size_t n)
{
    while (i < n && redir_is_tabnl((unsigned char)s[i]))
        i++;
    return i;
}

/* The value of a hex digit, or -1. In host.c: one copy in an image. */
int redir_hexval(unsigned char c);

/* Four bytes at once, for the checks every URL of a chain goes through.
 * 32 bits, not 64: the small cores redir runs on have no 64-bit ALU. */
#define REDIR_ONES  0x01010101u
#define REDIR_HIGHS 0x80808080u

static inline uint32_t redir_load4(const char *s)
{
    uint32_t w;
    memcpy(&w, s, 4);
    return w;
}

/* The high bit of each byte of w below n (n <= 0x80), or above n (n <
 * 0x80), where some byte is; 0 where none is. A borrow or a carry only
 * starts at a byte that qualifies, so "0 or not" is exact, whichever
 * byte it is. */
static inline uint32_t redir_bytes_below(uint32_t w, uint32_t n)
{
    return (w - REDIR_ONES * n) & ~w & REDIR_HIGHS;
}

static inline uint32_t redir_bytes_above(uint32_t w, uint32_t n)
{
    return ((w + REDIR_ONES * (127u - n)) | w) & REDIR_HIGHS;
}

/* w with its ASCII capitals lowered: the seven low bits of a byte reach
 * 0x80 when added 0x3f from 'A' on, and 0x25 from '[' on, with no carry
 * out of the byte; bytes 0x80 and up stay as they are. */
static inline uint32_t redir_lower4(uint32_t w)
{
    uint32_t low7 = w & ~REDIR_HIGHS;
    uint32_t upper = (low7 + REDIR_ONES * 0x3fu) &
                     ~(low7 + REDIR_ONES * 0x25u) & ~w & REDIR_HIGHS;
    return w | upper >> 2;
}

/* 80 when s[0..n) is "http", 443 when it is "https", in any case; else
 * 0. The usual schemes, four bytes compared at once: | 0x20 lowers
 * exactly these letters, and turns nothing else into them. */
static inline int32_t redir_scheme_web_port(const char *s, size_t n)
{
    uint32_t http;
    memcpy(&http, "http", 4);
    if (n < 4 || n > 5 || (redir_load4(s) | 0x20202020u) != http)
        return 0;
    return n == 4 ? 80 : (s[4] | 0x20) == 's' ? 443 : 0;
}

/* The port a connection to URL u goes to: its own, else `web` (its
 * redir_web_port()) when that is a default port; -1 without either. */
static inline int32_t redir_port_of(const redir_url *u, int32_t web)
{
    return u->port_number >= 0 ? u->port_number : web > 0 ? web : -1;
}

/* Whether a[0..an) and b[0..bn) are equal ignoring ASCII case. In
 * host.c: one copy in an image. */
bool redir_equal_nocase(const char *a, size_t an, const char *b, size_t bn);

/* Forbidden host code points (URL Standard 3.1), ASCII only, and the
 * forbidden domain code points: those, C0 controls, '%' and DEL. Macros
 * too, for tables built at compile time. */
#define REDIR_FORBIDDEN_HOST(c)                                                \
    ((c) == 0x00 || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == ' ' || \
     (c) == '#' || (c) == '/' || (c) == ':' || (c) == '<' || (c) == '>' ||     \
     (c) == '?' || (c) == '@' || (c) == '[' || (c) == '\\' || (c) == ']' ||    \
     (c) == '^' || (c) == '|')
#define REDIR_FORBIDDEN_DOMAIN(c)                                              \
    (REDIR_FORBIDDEN_HOST(c) || (c) < 0x20 || (c) == '%' || (c) == 0x7f)

static inline bool redir_forbidden_host(unsigned char c)
{
    return REDIR_FORBIDDEN_HOST(c);
}

static inline bool redir_forbidden_domain(unsigned char c)
{
    return REDIR_FORBIDDEN_DOMAIN(c);
}

/* Trims leading and trailing C0 controls and spaces, as the URL
 * Standard's parser does first. */
static inline void redir_c0_trim(const char **s, size_t *n)
{
    while (*n > 0 && (unsigned char)(*s)[0] <= 0x20)
        (*s)++, (*n)--;
    while (*n > 0 && (unsigned char)(*s)[*n - 1] <= 0x20)
        (*n)--;
}

/* Delimiters that end a URL component, for redir_scan_to(), and the
 * other bytes an authority is split at (REDIR_STOPS, all of them). The
 * last bit is no delimiter but shares the table, which saves one of 256
 * bytes: a byte a domain cannot hold as it is written (not ASCII, or a
 * forbidden domain code point, which every delimiter is). */
enum {
    REDIR_STOP_COLON = 1,
    REDIR_STOP_SLASH = 2,
    REDIR_STOP_BACKSLASH = 4,
    REDIR_STOP_QUESTION = 8,
    REDIR_STOP_HASH = 16,
    REDIR_STOP_AT = 32,
    REDIR_STOP_BRACKET = 64, /* '[' or ']' */
    REDIR_STOPS = 127,
    REDIR_NOT_DOMAIN = 128
};

/* The REDIR_STOP_* bits of each byte (0 for most printable ASCII), and
 * REDIR_NOT_DOMAIN: one table for both URL modes, in host.c. */
extern const unsigned char redir_stop_bits[256];

/* Index of the first delimiter of `stops` (REDIR_STOP_* bits) in s[i..n),
 * or n. Inline: both URL modes call it on every component. */
static inline size_t redir_scan_to(const char *s, size_t i, size_t n,
                                   unsigned stops)
{
    while (i < n && !(redir_stop_bits[(unsigned char)s[i]] & stops))
        i++;
    return i;
}

/* Writes IPv4 address `a` in dotted decimal to out; returns its length
 * (at most 15). In host.c. */
size_t redir_ip4_format(uint32_t a, char out[16]);

/* Reads host text s[i..n) byte by byte, percent-decoded ("%41" is 'a'; a
 * '%' not followed by two hex digits stays '%'), lowercased, skipping
 * tabs and newlines as the URL Standard removes them. In host.c. */
typedef struct redir_hcursor {
    const char *s;
    size_t i, n;
} redir_hcursor;

/* The next byte, or -1 at the end. */
int redir_hc_next(redir_hcursor *h);

/* The URL Standard's IPv4 handling of a host s[a..b) (read through a
 * redir_hcursor): 0 when it does not end in a number (a domain), 1 and
 * the address in *out when it is a valid IPv4 address in any of the
 * forms inet_aton accepts, -1 when it ends in a number but is not one.
 * In host.c. */
int redir_ipv4_parse(const char *s, size_t a, size_t b, uint32_t *out);

/* RFC 3986 IPv4address: exactly four dec-octets, no leading zeros. Stores
 * the address when out is not NULL. In host.c. */
bool redir_ip4_dotted(const char *s, size_t n, uint8_t *out);

/* IPv6address text (RFC 3986 section 3.2.2, the same language as the
 * WHATWG URL Standard's IPv6 parser: no zone, "::" for at least one zero
 * piece) into 16 bytes, network order. In host.c. */
bool redir_ip6_parse(const char *s, size_t n, uint8_t out[16]);

/* redir_rfc3986_resolve()'s `loose` bits: how curl reads a Location. */
#define REDIR_LOOSE_BYTES                                                      \
    0x1u /* spaces and bytes >= 0x80 allowed and
                                  encoded, a query space as '+', any number
                                  of slashes after "http:", numeric hosts
                                  as dotted IPv4 (curl 7.88) */
#define REDIR_LOOSE_CTRL                                                       \
    0x2u                       /* controls in a relative reference encoded
                                  (curl 8.13) */
#define REDIR_LOOSE_DOTS  0x4u /* "%2e" is a dot in dot segments (8.13) */
#define REDIR_LOOSE_UPPER 0x8u /* escapes in upper case (8.15, 8.20) */

/* Keeps a function out of its one caller, where GCC would inline it:
 * its locals would then sit on the stack of every path through the
 * caller, not only of the paths that call it (a firmware stack is
 * counted by its deepest path). */
#if defined(__GNUC__)
#define REDIR_NOINLINE __attribute__((noinline))
#else
#define REDIR_NOINLINE
#endif

/* One resolution's arguments, as redir_url_resolve_with() takes them.
 * They open its redir_url_work (each resolver's working state starts
 * with them), so that the layers between a public function and the
 * resolver pass one pointer: on a core with four argument registers,
 * eleven arguments cost every layer's frame seven words. */
typedef struct redir_job {
    const char *base;
    size_t base_len;
    const redir_url *base_url; /* or NULL */
    const char *ref;
    size_t ref_len;
    char *out;
    size_t out_cap;
    size_t *out_len;
    redir_url *result; /* or NULL */
    redir_url_mode mode;
    unsigned loose; /* REDIR_LOOSE_*, RFC 3986 modes */
} redir_job;

static inline redir_job *redir_job_of(redir_url_work *work)
{
    return (redir_job *)(void *)work->opaque.bytes;
}

/* Writes a job into `work` (loose 0); inlined, so that no layer pushes
 * its arguments. */
static inline redir_job *
redir_job_set(redir_url_work *work, const char *base, size_t base_len,
              const redir_url *base_url, const char *ref, size_t ref_len,
              redir_url_mode mode, char *out, size_t out_cap, size_t *out_len,
              redir_url *result)
{
    redir_job *j = redir_job_of(work);
    j->base = base;
    j->base_len = base_len;
    j->base_url = base_url;
    j->ref = ref;
    j->ref_len = ref_len;
    j->out = out;
    j->out_cap = out_cap;
    j->out_len = out_len;
    j->result = result;
    j->mode = mode;
    j->loose = 0;
    return j;
}

/* Whether a module's working state of `size` bytes fits redir_url_work
 * (a negative array size stops the build when not). */
#define REDIR_WORK_FITS(name, size)                                            \
    typedef char name[(size) <= sizeof(redir_url_work) ? 1 : -1]

/* The job in `work` in an RFC 3986 mode, read as its `loose` says (0:
 * as the RFC says); mode-unsupported for WHATWG mode. */
redir_status redir_rfc3986_resolve(redir_url_work *work);

/* The job in `work` in WHATWG mode (base_url may be NULL): the policy's
 * call, which need not link the RFC 3986 resolver. */
redir_status redir_checked_whatwg(redir_url_work *work);

/* The row of a built-in profile, or NULL (rules.c). */
const redir_rules *redir_builtin_rules(redir_profile profile);

/* Why built-in profile `profile` has no row: profile-unsupported for one
 * a REDIR_ONLY_PROFILE build leaves out, else invalid-argument (rules.c). */
redir_status redir_no_row(redir_profile profile);

/* Whether every field of rules `r` is in its documented range. */
bool redir_rules_valid(const redir_rules *r);

/* 80 for an http URL, 443 for https (scheme in any case), 0 for any
 * other scheme or none. In url.c. */
int32_t redir_web_port(const char *text, const redir_url *u);

/* dst[0..n) = src[0..n) with ASCII capitals lowered; dst may be src,
 * not otherwise overlap it. Four bytes a step. In host.c. */
void redir_lower_copy(char *dst, const char *src, size_t n);

/* Whether `port` is one of the Fetch standard's bad ports. */
bool redir_bad_port(int32_t port);

/* The job in `work` in WHATWG mode, its arguments already checked
 * (out_len non-NULL, pointer/length pairs consistent, ref non-NULL,
 * base_url's spans within base). In whatwg.c. */
redir_status redir_whatwg_resolve(redir_url_work *work);

/* The URL Standard's "domain to ASCII" (beStrict false) of the
 * non-ASCII domain s[a..b): UTF-8, read through redir_hc_next() when
 * `url` (percent-decoded, tabs and newlines skipped). Writes what fits of
 * the ASCII form to out[0..cap) and its length to *len. Statuses:
 * REDIR_OK, REDIR_E_IDNA_INVALID, REDIR_E_IDNA_TOO_LONG (a label over
 * REDIR_IDNA_LABEL_MAX), REDIR_E_INVALID_HOST (empty result or a
 * forbidden domain code point). Without IDNA (REDIR_NO_IDNA) it is not
 * built. In idna.c. */
redir_status redir_idna_to_ascii(const char *s, size_t a, size_t b, bool url,
                                 char *out, size_t cap, size_t *len);

#endif /* REDIR_INTERNAL_H */
