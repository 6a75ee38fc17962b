/*
 * fuzz_check.h - invariants the libFuzzer targets check on every output,
 * and a reader that takes the fuzz input apart. A violated invariant
 * prints what it saw and aborts, which libFuzzer reports as a crash.
 *
 * Test code only.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_FUZZ_CHECK_H
#define REDIR_FUZZ_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redir.h"

static inline void fuzz_fail(const char *what, const char *s, size_t n)
{
    fprintf(stderr, "invariant violated: %s\n  text (%zu bytes): \"", what, n);
    for (size_t i = 0; i < n && s != NULL; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputs("\"\n", stderr);
    abort();
}

#define FUZZ_CHECK(cond, what, s, n)                                           \
    do {                                                                       \
        if (!(cond))                                                           \
            fuzz_fail(what, s, n);                                             \
    } while (0)

/* A span lies inside a text of n bytes. */
static inline bool fuzz_span_ok(redir_span s, size_t n)
{
    return s.off <= n && s.len <= n - s.off;
}

/*
 * What every URL redir writes must satisfy: no CR, LF or NUL anywhere, no
 * byte below 0x21 or DEL in the host, and every component inside the
 * text.
 */
static inline void fuzz_check_url(const char *s, size_t n, const redir_url *u)
{
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(s[i] != '\r' && s[i] != '\n' && s[i] != '\0',
                   "CR, LF or NUL in a URL redir wrote", s, n);
    if (u == NULL)
        return;
    const redir_span *spans[] = {&u->scheme,  &u->userinfo, &u->host,
                                 &u->port,    &u->path,     &u->query,
                                 &u->fragment};
    for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++)
        FUZZ_CHECK(fuzz_span_ok(*spans[k], n), "component outside the URL", s,
                   n);
    for (size_t i = 0; i < u->host.len; i++) {
        unsigned char c = (unsigned char)s[u->host.off + i];
        FUZZ_CHECK(c > 0x20 && c != 0x7f, "control or space in a host", s, n);
    }
    if (u->flags & REDIR_URL_HAS_PORT) {
        for (size_t i = 0; i < u->port.len; i++)
            FUZZ_CHECK(s[u->port.off + i] >= '0' && s[u->port.off + i] <= '9',
                       "port span holds a non-digit", s, n);
    }
}

/* Bytes of a request target and header value: visible ASCII only. */
static inline void fuzz_check_request_safe(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7f,
                   "a followed URL holds a byte outside 0x21-0x7E", s, n);
}

/* tchar of RFC 9110, written again here on purpose: the fuzzer checks
 * the library against its own reading of the grammar. */
static inline bool fuzz_is_token(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') ||
              (c != 0 && strchr("!#$%&'*+-.^_`|~", c))))
            return false;
    }
    return true;
}

/* Takes the fuzz input apart front to back. */
typedef struct fuzz_reader {
    const uint8_t *p;
    size_t n;
} fuzz_reader;

static inline unsigned fuzz_u8(fuzz_reader *r)
{
    if (r->n == 0)
        return 0;
    r->n--;
    return *r->p++;
}

static inline unsigned fuzz_u16(fuzz_reader *r)
{
    unsigned lo = fuzz_u8(r);
    return lo | fuzz_u8(r) << 8;
}

/* The next `want` bytes (fewer at the end). */
static inline const char *fuzz_bytes(fuzz_reader *r, size_t want, size_t *got)
{
    const char *s = (const char *)r->p;
    *got = want < r->n ? want : r->n;
    r->p += *got;
    r->n -= *got;
    return s;
}

/* fuzz_resolve's input, which fuzz_as_is reads too: a mode byte, the
 * buffer size (2), the base length (2; 0xffff = no base), the base, then
 * the reference. */
typedef struct fuzz_resolve_input {
    unsigned mode_byte;
    size_t cap;
    const char *base, *ref; /* base NULL: none */
    size_t base_len, ref_len;
} fuzz_resolve_input;

static inline fuzz_resolve_input fuzz_resolve_read(const uint8_t *data,
                                                   size_t size)
{
    fuzz_reader r = {data, size};
    fuzz_resolve_input in;
    in.mode_byte = fuzz_u8(&r);
    in.cap = fuzz_u16(&r);
    size_t base_want = fuzz_u16(&r);
    in.base_len = 0;
    in.base =
        base_want == 0xffff ? NULL : fuzz_bytes(&r, base_want, &in.base_len);
    in.ref = fuzz_bytes(&r, r.n, &in.ref_len);
    return in;
}

#endif /* REDIR_FUZZ_CHECK_H */
