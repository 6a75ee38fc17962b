/** \file
 * redir_url.h - the redir URL module: parse a URL, resolve a Location
 * value against the current URL, and compare origins.
 *
 * Modes
 *   REDIR_URL_RFC3986         strict RFC 3986: the generic syntax of
 *                             section 3 and the resolution of section 5.2,
 *                             recomposed per section 5.3. Anything outside
 *                             the grammar is an error, never "fixed".
 *   REDIR_URL_RFC3986_COMPAT  the same, plus the backward-compatible
 *                             reading of section 5.4.2: a reference whose
 *                             scheme equals the base's ("http:g") is read
 *                             as relative ("http://a/b/c/g").
 *   REDIR_URL_WHATWG          the WHATWG URL Standard's basic URL parser
 *                             and serializer, as browsers read Location:
 *                             backslashes are slashes, tabs and newlines
 *                             vanish, spaces and non-ASCII are
 *                             percent-encoded, "0x7f.1" is "127.0.0.1".
 *                             A non-ASCII host goes through IDNA (UTS 46,
 *                             as redir_domain_to_ascii); in a build without
 *                             it (REDIR_NO_IDNA) it fails with
 *                             idna-unsupported.
 *
 * Conventions (all functions)
 *   - Input is pointer + length; no NUL terminator is needed or read.
 *     A NULL pointer is allowed only with length 0.
 *   - Output goes into a caller buffer. The length needed is always
 *     reported; a buffer that is too small gives REDIR_E_NOSPACE and the
 *     buffer is left untouched (never a truncated URL). No NUL is written.
 *   - Components are reported as redir_span offsets into the text they
 *     describe, so a caller never parses a URL twice. redir_url holds no
 *     pointers: it may be copied with memcpy and stored next to its text.
 *   - No function allocates, keeps state between calls or reads outside
 *     the spans it is given. All are safe to call from several threads.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_URL_H
#define REDIR_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redir_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How references are parsed and resolved. The zero value is strict. */
typedef enum redir_url_mode {
    REDIR_URL_RFC3986 = 0,
    REDIR_URL_RFC3986_COMPAT = 1,
    REDIR_URL_WHATWG = 2
} redir_url_mode;

/** What the host of an authority is. Values are stable. */
typedef enum redir_host_type {
    REDIR_HOST_NONE = 0,      /**< no authority at all */
    REDIR_HOST_REG_NAME = 1,  /**< registered name, possibly empty */
    REDIR_HOST_IPV4 = 2,      /**< dotted-decimal IPv4address */
    REDIR_HOST_IPV6 = 3,      /**< "[...]" IPv6address */
    REDIR_HOST_IPVFUTURE = 4, /**< "[v...]" IPvFuture */
    /** WHATWG mode only: */
    REDIR_HOST_DOMAIN = 5, /**< ASCII domain of a special URL, lowercased */
    REDIR_HOST_OPAQUE = 6, /**< opaque host of a non-special URL */
    REDIR_HOST_EMPTY = 7   /**< the empty host ("file:///x") */
} redir_host_type;

/** A component: `len` bytes starting at byte `off` of the URL text. */
typedef struct redir_span {
    size_t off; /**< where the component starts, in bytes */
    size_t len; /**< its length in bytes */
} redir_span;

/** redir_url.flags: which components are present. A present component
 * may be empty: "http://a/?" has an empty query, "http://a/" has none. */
#define REDIR_URL_HAS_SCHEME    0x01u /**< "scheme:" seen */
#define REDIR_URL_HAS_AUTHORITY 0x02u /**< "//" seen; host is then present */
#define REDIR_URL_HAS_USERINFO  0x04u /**< "userinfo@" before the host */
#define REDIR_URL_HAS_PORT      0x08u /**< ":" after host, digits may be empty */
#define REDIR_URL_HAS_QUERY     0x10u /**< "?" seen; query may be empty */
#define REDIR_URL_HAS_FRAGMENT  0x20u /**< "#" seen; fragment may be empty */
#define REDIR_URL_OPAQUE_PATH                                                  \
    0x40u /**< WHATWG: the path is opaque
                                         ("mailto:x", "data:,x") */

/**
 * The components of a parsed URL, as offsets into its text. Delimiters
 * are not part of a component: scheme excludes ':', userinfo excludes
 * '@', port excludes ':', query excludes '?', fragment excludes '#'.
 * An IP-literal host keeps its brackets ("[::1]"). The path is always
 * present, possibly empty. Absent components have off = len = 0.
 */
typedef struct redir_url {
    uint32_t flags;            /**< REDIR_URL_HAS_* */
    redir_host_type host_type; /**< REDIR_HOST_NONE without authority */
    int32_t port_number;       /**< 0..65535, or -1 when no port digits */
    redir_span scheme;         /**< without ':' */
    redir_span userinfo;       /**< without '@' */
    redir_span host;           /**< IP literals with their brackets */
    redir_span port;           /**< without ':' */
    redir_span path;           /**< always present, possibly empty */
    redir_span query;          /**< without '?' */
    redir_span fragment;       /**< without '#' */
} redir_url;

/**
 * redir_url_parse - split a URI-reference (RFC 3986 section 4.1: an
 * absolute URI or a relative reference) into its components, checking
 * it against the strict grammar. Nothing is normalized: the spans point
 * into `text` exactly as written.
 *
 * text, len  the reference; `text` is only read, and only within `len`.
 * url        receives the components (offsets into `text`). MUST NOT be
 *            NULL. On failure it is zeroed.
 *
 * Returns REDIR_OK, or
 *   REDIR_E_INVALID_ARGUMENT   url is NULL, or text is NULL with len > 0;
 *   REDIR_E_INVALID_SCHEME     ':' ends a first segment that is not a
 *                              scheme (":x", "1a:x", "a_b:x");
 *   REDIR_E_INVALID_CHARACTER  a byte the grammar does not allow where it
 *                              stands (space, control, byte >= 0x80,
 *                              one of "<>\^`{|}, a second '#', '[' or
 *                              '@' in a host, ...);
 *   REDIR_E_INVALID_PERCENT    '%' not followed by two hex digits;
 *   REDIR_E_INVALID_PORT       port not all digits, or above 65535;
 *   REDIR_E_INVALID_IP_LITERAL "[...]" that is neither IPv6address nor
 *                              IPvFuture (zone identifiers included).
 */
REDIR_API redir_status redir_url_parse(const char *text, size_t len,
                                       redir_url *url);

/**
 * redir_url_resolve - resolve reference `ref` against URL `base` (RFC
 * 3986 section 5.2.2, with remove_dot_segments of section 5.2.4) and
 * write the recomposed target (section 5.3) into `out`.
 *
 * base, base_len  the base URL: it MUST have a scheme. Its fragment, if
 *                 any, is ignored. base = NULL with base_len = 0 means
 *                 "no base": `ref` must then be absolute, and the result
 *                 is `ref` with its dot segments removed. A non-NULL
 *                 base of length 0 is an empty base, which has no
 *                 scheme (REDIR_E_BASE_NOT_ABSOLUTE).
 * ref, ref_len    the reference, for example a Location header value.
 *                 Leading or trailing spaces are not trimmed: strict
 *                 modes reject them as invalid characters.
 * mode            REDIR_URL_RFC3986, REDIR_URL_RFC3986_COMPAT or
 *                 REDIR_URL_WHATWG. In WHATWG mode, base and ref are
 *                 parsed by the standard's parser (base with no base of
 *                 its own), leading and trailing C0 controls and spaces
 *                 are trimmed, and input bytes are read as UTF-8 (an
 *                 ill-formed sequence stands for U+FFFD). The result is
 *                 the standard's serialization; `result` reports its
 *                 host type (domain, ipv4, ipv6, opaque or empty), no
 *                 port when it is the scheme's default, the pathname
 *                 (without the "/." the serializer may put before a
 *                 host-less path), and REDIR_URL_OPAQUE_PATH.
 * out, out_cap    caller buffer; `out` may be NULL when out_cap is 0 (a
 *                 query for the length). It MUST NOT overlap base or ref.
 * out_len         MUST NOT be NULL. Receives the length of the result
 *                 when REDIR_OK or REDIR_E_NOSPACE is returned, else 0.
 * result          optional (may be NULL): receives the components of
 *                 the result as offsets into `out`. Filled only on
 *                 REDIR_OK.
 *
 * remove_dot_segments can leave a path that starts with "//" in a target
 * without authority ("foo:/a/..//g" gives the path "//g"); such a path
 * is written with "/." before it ("foo:/.//g"), as the WHATWG URL
 * serializer does, so that the text never reads back as an authority.
 *
 * Returns REDIR_OK, or
 *   REDIR_E_NOSPACE            out_cap < *out_len; `out` is untouched;
 *   REDIR_E_INVALID_ARGUMENT   bad pointer/length pair, NULL out_len, or
 *                              unknown mode;
 *   REDIR_E_BASE_NOT_ABSOLUTE  base has no scheme;
 *   REDIR_E_RELATIVE_WITHOUT_BASE  no base and `ref` has no scheme;
 *   any status of redir_url_parse, for base or ref;
 *   in WHATWG mode: REDIR_E_OPAQUE_BASE (the base has an opaque path and
 *   ref is not a fragment), REDIR_E_INVALID_HOST, REDIR_E_INVALID_IPV4,
 *   REDIR_E_INVALID_IP_LITERAL, REDIR_E_INVALID_PORT, and for a host
 *   that needs IDNA the statuses of redir_domain_to_ascii
 *   (REDIR_E_IDNA_INVALID, REDIR_E_IDNA_TOO_LONG for a label or for an
 *   ASCII form over REDIR_IDNA_MAX bytes, REDIR_E_IDNA_UNSUPPORTED
 *   without IDNA); REDIR_E_MODE_UNSUPPORTED for WHATWG mode in a library
 *   built with REDIR_NO_WHATWG; REDIR_E_FILE_UNSUPPORTED for a file: URL
 *   or base in WHATWG mode, in a library built with REDIR_NO_FILE;
 *   REDIR_E_SCHEME_UNSUPPORTED for a URL or base of a scheme other than
 *   http and https in WHATWG mode, in a library built with
 *   REDIR_ONLY_HTTP; REDIR_E_IPV6_UNSUPPORTED for a host in brackets in
 *   a library built with REDIR_NO_IPV6.
 */
REDIR_API redir_status redir_url_resolve(const char *base, size_t base_len,
                                         const char *ref, size_t ref_len,
                                         redir_url_mode mode, char *out,
                                         size_t out_cap, size_t *out_len,
                                         redir_url *result);

/**
 * redir_url_resolve_parsed - redir_url_resolve() against a base that is
 * already parsed: the base is not read again, which saves about a
 * quarter of a typical resolution when one URL is the base of several (a
 * redirect chain's current URL, a page's links).
 * base, base_len  the base URL's text. It MUST be a result of
 *                 redir_url_resolve() or redir_url_resolve_parsed() in
 *                 the same mode (the serialized form), or in an RFC 3986
 *                 mode any text redir_url_parse() accepted, and MUST NOT
 *                 be NULL.
 * base_url        its components exactly as that call reported them; MUST
 *                 NOT be NULL. Only their bounds are checked: components
 *                 that do not describe `base` give an unspecified result,
 *                 but never a read outside `base` or a write past
 *                 out_cap.
 * ref, ..., result  as for redir_url_resolve().
 * The result is the same as redir_url_resolve(base, base_len, ref, ...).
 * Returns what redir_url_resolve() returns, and
 *   REDIR_E_INVALID_ARGUMENT   base or base_url NULL, a component outside
 *                              base_len, no scheme, or in WHATWG mode a
 *                              path that is not in serialized form.
 */
REDIR_API redir_status redir_url_resolve_parsed(
    const char *base, size_t base_len, const redir_url *base_url,
    const char *ref, size_t ref_len, redir_url_mode mode, char *out,
    size_t out_cap, size_t *out_len, redir_url *result);

/** Size of redir_url_work in pointer-sized words: room for what a
 *  resolution keeps while it runs (its arguments, one parsed URL, the
 *  path's surviving segments), on every target the library builds for;
 *  the library refuses to build when its working state does not fit.
 *  Not a setting: the library and its users must see the same value. */
#define REDIR_URL_WORK_WORDS 113

/**
 * The working memory of one resolution. redir_url_resolve() and
 * redir_url_resolve_parsed() keep it on the stack; on a small stack
 * (firmware), give it with redir_url_resolve_with() from memory of your
 * own, and the call's stack stays within 512 bytes on a Cortex-M0+
 * (without IDNA; README, Embedding). Its content means nothing between
 * calls: one may serve any number of resolutions, one at a time, and
 * may be moved or copied freely.
 */
typedef struct redir_url_work {
    union {
        void *align_p;
        size_t align_z;
        unsigned char bytes[REDIR_URL_WORK_WORDS * sizeof(void *)];
    } opaque; /**< no part of it is for the caller */
} redir_url_work;

/**
 * redir_url_resolve_with - redir_url_resolve() (base_url NULL) or
 * redir_url_resolve_parsed() (base_url not NULL), working in `work`
 * instead of on the stack.
 * work            caller memory, used only during the call; MUST NOT be
 *                 NULL and MUST NOT overlap any other argument.
 * base, ..., result  as for those two functions.
 * Returns what they return, and REDIR_E_INVALID_ARGUMENT for a NULL
 * work (*out_len set to 0).
 */
REDIR_API redir_status redir_url_resolve_with(redir_url_work *work,
                                              const char *base, size_t base_len,
                                              const redir_url *base_url,
                                              const char *ref, size_t ref_len,
                                              redir_url_mode mode, char *out,
                                              size_t out_cap, size_t *out_len,
                                              redir_url *result);

/**
 * redir_domain_to_ascii - the URL Standard's "domain to ASCII" (with
 * beStrict false): the name to put in a Host header, an SNI extension or
 * a DNS query for a domain as a user or a document wrote it. A domain
 * that is all ASCII is lowercased. Any other goes through UTS #46 as the
 * URL Standard sets it (nontransitional, CheckBidi and CheckJoiners on,
 * CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength off), with the
 * Unicode data this library was generated from (redir_unicode_version),
 * and each non-ASCII label becomes "xn--" and its Punycode.
 *
 * domain, domain_len  the domain as UTF-8, already percent-decoded; no
 *                 NUL needed. It is not a URL host: no brackets, no port,
 *                 and an IPv4 address is not recognized or normalized
 *                 (redir_url_resolve does that for URLs).
 * out, out_cap    caller buffer for the ASCII form, not NUL-terminated;
 *                 `out` may be NULL when out_cap is 0.
 * out_len         MUST NOT be NULL. Receives the length of the ASCII form
 *                 on REDIR_OK and REDIR_E_NOSPACE, else 0.
 *
 * `out` is written only on REDIR_OK. Returns REDIR_OK, or
 *   REDIR_E_NOSPACE            out_cap < *out_len;
 *   REDIR_E_INVALID_ARGUMENT   NULL out_len or a bad pointer/length pair;
 *   REDIR_E_INVALID_HOST       empty, or the ASCII form holds a forbidden
 *                              domain code point (a space, '%', '/', ...);
 *   REDIR_E_IDNA_INVALID       UTS #46 refuses it (a disallowed code
 *                              point, ill-formed UTF-8, bad Punycode, a
 *                              label not in NFC, a joiner or bidi rule);
 *   REDIR_E_IDNA_TOO_LONG      a label over REDIR_IDNA_LABEL_MAX code
 *                              points of working space;
 *   REDIR_E_IDNA_UNSUPPORTED   non-ASCII input in a build without IDNA
 *                              (REDIR_NO_IDNA).
 */
REDIR_API redir_status redir_domain_to_ascii(const char *domain,
                                             size_t domain_len, char *out,
                                             size_t out_cap, size_t *out_len);

/**
 * redir_unicode_version - the Unicode version of the IDNA and NFC data
 * built in ("17.0.0"), or "" in a build without IDNA. Static storage.
 */
REDIR_API const char *redir_unicode_version(void);

/**
 * redir_url_effective_port - the port a connection to `url` would use:
 * its explicit port, else 80 for http and 443 for https (scheme compared
 * case-insensitively). Returns -1 when there is neither, or when `text`
 * or `url` is NULL.
 */
REDIR_API int32_t redir_url_effective_port(const char *text,
                                           const redir_url *url);

/**
 * redir_url_origin - serialize the origin of an http or https URL as
 * "scheme://host" or "scheme://host:port": scheme and host lowercased,
 * the port omitted when it is the scheme's default (an empty port too).
 *
 * text, url  a URL and its components (from redir_url_parse or
 *            redir_url_resolve).
 * out, out_cap, out_len  as for redir_url_resolve.
 *
 * Returns REDIR_OK, REDIR_E_NOSPACE, REDIR_E_INVALID_ARGUMENT, or
 * REDIR_E_NO_ORIGIN when the scheme is not http/https or there is no
 * host (such URLs have an opaque origin, equal to no other).
 */
REDIR_API redir_status redir_url_origin(const char *text, const redir_url *url,
                                        char *out, size_t out_cap,
                                        size_t *out_len);

/**
 * redir_url_same_origin - whether two http(s) URLs have the same origin:
 * same scheme and host (ASCII case-insensitive; IPv6 literals compared
 * as addresses) and same effective port. False whenever either URL has
 * an opaque origin (see redir_url_origin) or an argument is NULL.
 */
REDIR_API bool redir_url_same_origin(const char *a_text, const redir_url *a,
                                     const char *b_text, const redir_url *b);

/**
 * redir_host_type_name - stable lowercase name of a host type: "none",
 * "reg-name", "ipv4", "ipv6", "ipvfuture", "domain", "opaque", "empty";
 * "unknown" for other values.
 */
REDIR_API const char *redir_host_type_name(redir_host_type type);

/**
 * redir_url_mode_name - stable name of a mode as the `redir` tool spells
 * it: "rfc3986", "rfc3986-compat", "whatwg"; "unknown" for other values.
 */
REDIR_API const char *redir_url_mode_name(redir_url_mode mode);

#ifdef __cplusplus
}
#endif

#endif /* REDIR_URL_H */
