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

#include "redir_url.h"

/* IPv6address text (RFC 3986 section 3.2.2, the same language as the
 * WHATWG URL Standard's IPv6 parser: no zone, "::" for at least one zero
 * piece) into 16 bytes, network order. In url.c. */
bool redir_ip6_parse(const char *s, size_t n, uint8_t out[16]);

/* redir_url_resolve() in an RFC 3986 mode; with `loose`, spaces and bytes
 * >= 0x80 are accepted in the path, query and fragment and written
 * percent-encoded, as curl does with a Location. In url.c. */
redir_status redir_rfc3986_resolve(const char *base, size_t base_len,
                                   const char *ref, size_t ref_len,
                                   redir_url_mode mode, bool loose, char *out,
                                   size_t out_cap, size_t *out_len,
                                   redir_url *result);

/* WHATWG URL Standard mode of redir_url_resolve(); arguments already
 * checked (out_len non-NULL, pointer/length pairs consistent, ref
 * non-NULL). In whatwg.c. */
redir_status redir_whatwg_resolve(const char *base, size_t base_len,
                                  const char *ref, size_t ref_len, char *out,
                                  size_t out_cap, size_t *out_len,
                                  redir_url *result);

#endif /* REDIR_INTERNAL_H */
