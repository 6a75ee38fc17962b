/** \file
 * redir.h - the redir policy core: decide every hop of an HTTP redirect
 * chain.
 *
 * An HTTP client that receives a 3xx response asks redir what to do:
 *
 *     redir_policy policy;
 *     static redir_chain chain;                // 10,928 bytes: see below
 *     redir_decision d;
 *     redir_policy_init(&policy, REDIR_PROFILE_FETCH);
 *     redir_chain_start(&chain, &policy, "POST", 4, url, url_len,
 *                       REDIR_BODY_REPLAYABLE);
 *     ... send the request, read the response ...
 *     redir_chain_next(&chain, 302, loc, loc_len, buf, sizeof buf, &d);
 *     switch (d.action) {
 *     case REDIR_ACTION_FOLLOW: // send d.method to buf[0..d.url_len),
 *                               // the body if d.flags & REDIR_HOP_SEND_BODY,
 *                               // each original header for which
 *                               // redir_chain_send_header() is true
 *     case REDIR_ACTION_STOP:   // hand this response to the application
 *     case REDIR_ACTION_ERROR:  // fail the transfer: d.reason says why
 *     }
 *
 * redir_chain_advance(&chain, 302, loc, loc_len, &d) decides the same
 * without `buf`: on follow, the next URL is redir_chain_url(&chain).
 *
 * Profiles (each one row of rules, see redir_rules below)
 *   REDIR_PROFILE_FETCH   the WHATWG Fetch standard's HTTP-redirect fetch,
 *                         as Node's fetch() and browsers' fetch() behave
 *                         (default), with its bad-port list.
 *   REDIR_PROFILE_CHROME  fetch as Chromium does it: an empty Location
 *                         is handed back, not followed.
 *   REDIR_PROFILE_CURL    what `curl -L` does (curl 8.21).
 *   REDIR_PROFILE_CURL_7_88  what `curl -L` of curl 7.88 does.
 *   REDIR_PROFILE_CURL_FOLLOW  what `curl --follow` does (8.21): like -L,
 *                         but any method with a body becomes GET on
 *                         301/302, every method but HEAD on 303.
 *   REDIR_PROFILE_STRICT  fetch's method and body rules, hardened: no
 *                         https->http, no userinfo, from the first
 *                         cross-origin hop on only allow-listed headers
 *                         sent, 10 redirects, loop detection.
 * README.md has the full side-by-side table of the rules, made from the
 * rows (`redir rules`).
 *
 * Sizes and placement. With the default limits of redir_config.h,
 * sizeof(redir_chain) is 10,928 bytes on x86-64 (8,000 of them the URL
 * buffer, REDIR_URL_MAX, and 904 the resolver's working memory, which
 * keeps the calls' stack small: 452 bytes on 32-bit cores),
 * redir_policy 860 and redir_decision 200;
 * smaller limits shrink them. That is too much for many thread and
 * firmware stacks: keep the chain static (as above, one per concurrent
 * transfer), in a struct of your own, or on the heap
 * (malloc(sizeof *chain)). Where it lives does not matter to redir.
 *
 * Ownership: every struct here is caller-owned, fixed-size, holds no
 * pointers that outlive a call and may be copied with memcpy (to
 * snapshot a chain, say). No function allocates or keeps state of its
 * own. A chain MUST NOT be used
 * from two threads at once; distinct chains are independent.
 *
 * Conventions of redir_url.h hold here too: pointer + length inputs (a
 * NULL pointer only with length 0), caller buffers, REDIR_E_NOSPACE with
 * the needed length, never a truncated URL.
 *
 * Fail closed. A chain is usable only after a successful
 * redir_chain_start(). Its errors are sticky: after an error decision
 * (or a failed start) every redir_chain_next() is refused with
 * REDIR_E_CHAIN_FAILED, after a stop with REDIR_E_CHAIN_FINISHED, and a
 * chain never started (zeroed or uninitialized memory) gets
 * REDIR_E_CHAIN_NOT_STARTED; redir_chain_send_header() then answers
 * false. Only REDIR_E_NOSPACE and argument misuse (NULL pointers, a
 * status outside 100-999) leave the chain as it was. No URL the chain
 * accepts or produces holds a byte outside 0x21-0x7E (REDIR_E_UNSAFE_URL
 * otherwise), so none can split a request line or a header.
 *
 * Build agreement. The structs are sized by redir_config.h. Each
 * function below that takes one of them is a macro (with the arguments
 * documented) passing
 * REDIR_ABI_TAG (a fingerprint of the limits and struct sizes this
 * program was compiled with) to the library, which returns
 * REDIR_E_ABI_MISMATCH, and writes nothing, when they differ from its
 * own (zlib's inflateInit_ pattern). Call them only through the macros.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_H
#define REDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redir_config.h"
#include "redir_status.h"
#include "redir_url.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Policy                                                              */

/** The built-in rows of rules (see "Profiles" above), and CUSTOM. */
typedef enum redir_profile {
    REDIR_PROFILE_FETCH = 0,       /**< the Fetch standard; Node, browsers */
    REDIR_PROFILE_CURL = 1,        /**< curl -L, curl 8.21 */
    REDIR_PROFILE_STRICT = 2,      /**< fetch, hardened */
    REDIR_PROFILE_CURL_7_88 = 3,   /**< curl -L, curl 7.88 (Debian 12) */
    REDIR_PROFILE_CURL_FOLLOW = 4, /**< curl --follow (CURLFOLLOW_OBEYCODE) */
    REDIR_PROFILE_CHROME = 5,      /**< fetch as Chromium does it */
    REDIR_PROFILE_CUSTOM = 255     /**< the caller's own redir_rules */
} redir_profile;

/**
 * Rules: a profile as data. Every built-in profile is one constant
 * redir_rules row, and the decision reads only the row (and the options
 * below), never the profile's name. To run a profile of your own, copy
 * the nearest row with redir_rules_init(), change fields, and make a
 * policy of it with redir_policy_init_rules(), which refuses a value
 * outside the ranges given here with REDIR_E_INVALID_RULES.
 */

/** redir_rules.rewrite: what a followed status does to the request, by
 * status class (first index) and method class (second index). */
enum {
    REDIR_SC_301 = 0,   /**< 301 Moved Permanently */
    REDIR_SC_302 = 1,   /**< 302 Found */
    REDIR_SC_303 = 2,   /**< 303 See Other */
    REDIR_SC_OTHER = 3, /**< every other followed status (307, 308, 300...) */
    REDIR_SC_COUNT = 4
};
/** Method classes: the names compare exactly (after the normalization
 * of redir_rules.normalize_method); "with body" means the chain's body
 * is not REDIR_BODY_NONE at this hop. */
enum {
    REDIR_MC_GET_HEAD = 0,   /**< GET or HEAD */
    REDIR_MC_POST = 1,       /**< POST without a body */
    REDIR_MC_POST_BODY = 2,  /**< POST with a body */
    REDIR_MC_PUT = 3,        /**< PUT without a body */
    REDIR_MC_PUT_BODY = 4,   /**< PUT with a body */
    REDIR_MC_OTHER = 5,      /**< any other method, without a body */
    REDIR_MC_OTHER_BODY = 6, /**< any other method, with a body */
    REDIR_MC_COUNT = 7
};
#define REDIR_RW_KEEP      0u /**< method and body stay */
#define REDIR_RW_GET       1u /**< the method becomes GET, the body goes */
#define REDIR_RW_DROP_BODY 2u /**< the method stays, the body goes */

/** redir_rules.stream: a body that cannot be sent again. */
#define REDIR_STREAM_IF_RESENT 0u /**< refused when the hop would resend it */
/** also refused on every status but 303 (Fetch's "body has no source") */
#define REDIR_STREAM_UNLESS_303 1u

/* redir_rules.credentials: which headers are credentials. Authorization
 * and Cookie are always among them; names added with
 * redir_policy_add_sensitive() too. */
#define REDIR_CRED_PROXY_AUTHORIZATION 0x01u /**< Proxy-Authorization too */
#define REDIR_CRED_REFERER             0x02u /**< Referer too */

/* redir_rules.credential_scope: when credentials are withheld. */
/** from the first cross-origin hop on, for the rest of the chain (Fetch) */
#define REDIR_SCOPE_UNTIL_CROSS 0u
/** whenever the current origin is not the first request's (curl: sent
 * again on return) */
#define REDIR_SCOPE_FIRST_ORIGIN 1u

/* redir_rules.cross_origin_headers: other headers after a cross. */
#define REDIR_XO_ALL 0u /**< every other header goes */
/** only the allow-list and the names added with redir_policy_add_safe()
 * (strict) */
#define REDIR_XO_ALLOW_LIST 1u

/** redir_rules.empty_location */
#define REDIR_EMPTY_FOLLOW 0u /**< resolve "" to the current URL (Fetch) */
#define REDIR_EMPTY_STOP   1u /**< hand the response back */

/** redir_rules.userinfo, .navigate_userinfo: a target with userinfo. */
#define REDIR_USERINFO_ERROR 0u /**< REDIR_E_USERINFO_IN_LOCATION */
#define REDIR_USERINFO_KEEP  1u /**< follow it as it is */
#define REDIR_USERINFO_STRIP 2u /**< follow it without the userinfo */

/* redir_rules.schemes: the schemes a redirect may go to (bits). */
#define REDIR_SCHEME_HTTP  0x01u /**< http */
#define REDIR_SCHEME_HTTPS 0x02u /**< https */
#define REDIR_SCHEME_FTP   0x04u /**< ftp */
#define REDIR_SCHEME_FTPS  0x08u /**< ftps */

/* redir_rules.downgrade, .bad_ports */
#define REDIR_ALLOW  0u /**< followed */
#define REDIR_REFUSE 1u /**< an error */

/** redir_rules.parser: how Location values and the start URL are read. */
#define REDIR_PARSE_WHATWG    0u /**< the URL Standard (browsers) */
#define REDIR_PARSE_CURL      1u /**< RFC 3986 as curl 8.21 reads it */
#define REDIR_PARSE_CURL_7_88 2u /**< RFC 3986 as curl 7.88 reads it */

/** redir_rules.multiple_locations: a response with several Location
 * fields (redir_chain_next_fields()). */
#define REDIR_MULTI_FIRST 0u /**< the first one counts (curl 7.88) */
/** empty ones are ignored; the others must be equal, else
 * REDIR_E_MULTIPLE_LOCATIONS (curl 8.21) */
#define REDIR_MULTI_SAME 1u
/** more than one is REDIR_E_MULTIPLE_LOCATIONS (the Fetch standard's
 * letter) */
#define REDIR_MULTI_ERROR 2u
/** all must be equal, empty ones too, else REDIR_E_MULTIPLE_LOCATIONS
 * (Chromium, Firefox) */
#define REDIR_MULTI_EQUAL 3u

/** A profile's rules: one row (see "Rules" above). Plain data: fill it
 * with redir_rules_init(), change fields, pass it to
 * redir_policy_init_rules(). */
typedef struct redir_rules {
    /** Statuses followed: bit (s - 300) % 32 of follow[(s - 300) / 32]
     * for status s in 300-399 (see REDIR_RULES_FOLLOWS); no other
     * status is ever followed. */
    uint32_t follow[4];
    uint8_t rewrite[REDIR_SC_COUNT][REDIR_MC_COUNT]; /**< REDIR_RW_* */
    uint8_t stream;                                  /**< REDIR_STREAM_* */
    uint8_t credentials;                             /**< REDIR_CRED_* bits */
    uint8_t credential_scope;                        /**< REDIR_SCOPE_* */
    uint8_t cross_origin_headers;                    /**< REDIR_XO_* */
    uint8_t content_headers;    /**< 1: Content-Type, -Encoding, -Language
                                     and -Location go only while the
                                     method has not changed (Fetch) */
    uint8_t empty_location;     /**< REDIR_EMPTY_* */
    uint8_t userinfo;           /**< REDIR_USERINFO_* */
    uint8_t navigate_userinfo;  /**< ... with REDIR_OPT_NAVIGATE */
    uint8_t schemes;            /**< REDIR_SCHEME_* bits, not 0 */
    uint8_t downgrade;          /**< https -> http: REDIR_ALLOW/REFUSE */
    uint8_t bad_ports;          /**< Fetch's bad ports: REDIR_ALLOW/REFUSE */
    uint8_t fragment;           /**< 1: a target without a fragment takes
                                     the request's (Fetch) */
    uint8_t normalize_method;   /**< 1: uppercase DELETE GET HEAD OPTIONS
                                     POST PUT given in any case (Fetch) */
    uint8_t loops;              /**< 1: a request repeated within the
                                     chain is REDIR_E_LOOP */
    uint8_t parser;             /**< REDIR_PARSE_* */
    uint8_t multiple_locations; /**< REDIR_MULTI_* */
    int32_t max_redirects;      /**< 0 or more */
    int32_t navigate_max_redirects; /**< ... with REDIR_OPT_NAVIGATE */
} redir_rules;

/** Whether rules `r` follow status `s` (an int). */
#define REDIR_RULES_FOLLOWS(r, s)                                              \
    ((s) >= 300 && (s) <= 399 &&                                               \
     (((r)->follow[((s)-300) / 32] >> (((s)-300) % 32)) & 1u) != 0)

/** Options: each overrides one rule of the profile. */
#define REDIR_OPT_ALLOW_DOWNGRADE                                              \
    0x01u /**< follow https->http (strict refuses) */
#define REDIR_OPT_DENY_DOWNGRADE                                               \
    0x02u /**< refuse https->http (wins over ALLOW) */
#define REDIR_OPT_KEEP_POST_301                                                \
    0x04u /**< POST stays POST with its body on 301 */
#define REDIR_OPT_KEEP_POST_302 0x08u /**< ... on 302 */
#define REDIR_OPT_KEEP_POST_303 0x10u /**< ... on 303 */
#define REDIR_OPT_KEEP_POST     0x1cu /**< all three: CURL_REDIR_POST_ALL */
/** keep credentials on every host (curl's --location-trusted) */
#define REDIR_OPT_TRUSTED 0x20u
/** SSRF guard: refuse non-public address literals as targets (in a
 * library built with REDIR_NO_SSRF, chains with it fail closed:
 * ssrf-unsupported) */
#define REDIR_OPT_DENY_PRIVATE 0x40u
/** a navigation, not fetch(): the rules' navigate_* fields apply */
#define REDIR_OPT_NAVIGATE 0x80u

/** What a chain follows: the rules, the options that override single
 * rules, and the caller's header names and trusted origins. Make it with
 * redir_policy_init() or redir_policy_init_rules(). */
typedef struct redir_policy {
    redir_profile profile; /**< the row the rules came from, or CUSTOM */
    redir_rules rules;     /**< what the decision reads */
    uint32_t options;      /**< REDIR_OPT_* */
    int32_t max_redirects; /**< -1: the rules' */
    /** Extra sensitive header names, lowercased, each as a length byte
     * and the name; set with redir_policy_add_sensitive(). */
    uint32_t sensitive_len;
    unsigned char sensitive[REDIR_SENSITIVE_MAX]; /**< see above */
    /** Header names strict may send across origins, stored the same way;
     * set with redir_policy_add_safe(). */
    uint32_t safe_len;
    unsigned char safe[REDIR_SAFE_MAX]; /**< see above */
    /** Origins trusted with credentials, stored the same way; set with
     * redir_policy_add_trusted(). */
    uint32_t trusted_len;
    unsigned char trusted[REDIR_TRUSTED_MAX]; /**< see above */
} redir_policy;

/**
 * redir_rules_init - copy the rules of built-in profile `profile` into
 * *rules, to change them and run them with redir_policy_init_rules().
 * Returns REDIR_OK, REDIR_E_ABI_MISMATCH, REDIR_E_INVALID_ARGUMENT
 * for a NULL rules or a profile that is not built in (CUSTOM included),
 * or REDIR_E_PROFILE_UNSUPPORTED for a built-in profile that a library
 * built with REDIR_ONLY_PROFILE leaves out.
 */
#define redir_rules_init(...) redir_rules_init_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_init_rules - a policy that runs `rules` (copied), with
 * profile REDIR_PROFILE_CUSTOM and no options. Returns REDIR_OK,
 * REDIR_E_ABI_MISMATCH, REDIR_E_INVALID_ARGUMENT (a NULL pointer),
 * REDIR_E_INVALID_RULES (a field outside its range: *policy untouched)
 * or REDIR_E_PROFILE_UNSUPPORTED (a library built with
 * REDIR_ONLY_PROFILE runs only its one row: *policy untouched).
 */
#define redir_policy_init_rules(...)                                           \
    redir_policy_init_rules_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_init - a policy with the built-in profile's rules and no
 * options. Returns REDIR_OK, REDIR_E_ABI_MISMATCH, or
 * REDIR_E_INVALID_ARGUMENT for a NULL policy or a profile that is not
 * built in (CUSTOM: use redir_policy_init_rules()), or
 * REDIR_E_PROFILE_UNSUPPORTED (*policy untouched) for one that a library
 * built with REDIR_ONLY_PROFILE leaves out.
 */
#define redir_policy_init(...) redir_policy_init_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_add_sensitive - treat header `name` (an HTTP token, any
 * case) like Authorization: dropped where the profile drops credentials.
 * Returns REDIR_OK, REDIR_E_ABI_MISMATCH, REDIR_E_INVALID_ARGUMENT (NULL
 * policy, empty name, not a token, longer than 255), or REDIR_E_NOSPACE
 * when the policy's REDIR_SENSITIVE_MAX bytes are used up (the names
 * added before stay).
 */
#define redir_policy_add_sensitive(...)                                        \
    redir_policy_add_sensitive_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_add_safe - let the strict profile send header `name` (an
 * HTTP token, any case) to other origins, besides its allow-list
 * (Accept, Accept-Encoding, Accept-Language, Cache-Control, Pragma,
 * User-Agent; body headers while the body goes). A name that is also
 * sensitive (Authorization, Cookie, Proxy-Authorization, Referer or one
 * added with redir_policy_add_sensitive) stays dropped: sensitive wins.
 * fetch and curl send every such header anyway, as their clients do.
 * Returns as redir_policy_add_sensitive, with REDIR_SAFE_MAX bytes.
 */
#define redir_policy_add_safe(...)                                             \
    redir_policy_add_safe_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_add_trusted - let credentials (redir_rules.credentials,
 * and names added with redir_policy_add_sensitive) go to `origin` too,
 * wherever the chain came from: curl's --location-trusted narrowed to a
 * list. `origin` is either an exact origin, "scheme://host[:port]" with
 * scheme http or https (compared with the target's origin as
 * serialized: "https://api.example.com", "http://127.0.0.1:8080"), or a
 * domain pattern "*.example.com", which matches the https origins of
 * every host under example.com (not example.com itself, and never
 * plain http, where the credentials would travel in the clear). Case
 * does not matter. Returns REDIR_OK, REDIR_E_ABI_MISMATCH,
 * REDIR_E_INVALID_ARGUMENT (NULL policy or origin), REDIR_E_INVALID_TRUSTED
 * (not of those forms, or longer than 255), or REDIR_E_NOSPACE when the
 * policy's REDIR_TRUSTED_MAX bytes are used up.
 */
#define redir_policy_add_trusted(...)                                          \
    redir_policy_add_trusted_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_policy_max_redirects - how many redirects the policy follows: its
 * max_redirects when that is 0 or more, else the rules' (their
 * navigate_max_redirects with REDIR_OPT_NAVIGATE). -1 for a NULL policy
 * or an ABI mismatch.
 */
#define redir_policy_max_redirects(...)                                        \
    redir_policy_max_redirects_abi(__VA_ARGS__, REDIR_ABI_TAG)

/* ------------------------------------------------------------------ */
/* Chain                                                               */

/** The first request's body, as redir_chain_start() is told. */
typedef enum redir_body {
    REDIR_BODY_NONE = 0,       /**< the request has no body */
    REDIR_BODY_REPLAYABLE = 1, /**< the client can send the body again */
    REDIR_BODY_STREAM = 2      /**< the body was streamed: it cannot be */
} redir_body;

/** One field value of a response, as received: `len` bytes at `value`
 * (NULL only with len 0). */
typedef struct redir_field {
    const char *value; /**< the bytes, not NUL-terminated */
    size_t len;        /**< how many */
} redir_field;

/**
 * The arguments and working state of the redir_chain_next() or
 * redir_chain_advance() call in progress, kept in the chain so that
 * they are not on the stack while the target is resolved. Private;
 * nothing in it is read before the call has written it, and a call
 * that fails on its arguments changes nothing else in the chain.
 */
typedef struct redir_hop_state {
    const redir_field *fields; /**< the Location field values */
    size_t count;              /**< how many */
    redir_field one;           /**< the string forms' one value */
    redir_field loc;           /**< the value that counts, trimmed */
    char *out;                 /**< where the target is written */
    size_t out_cap;            /**< the room there */
    size_t need;               /**< the target's length */
    uint32_t hash;             /**< its fingerprint, for loops */
    uint8_t ok;                /**< the fields are valid pairs */
    uint8_t in_chain;          /**< redir_chain_advance() */
    uint8_t over;              /**< the target went over the current URL */
    uint8_t to_get;            /**< the method becomes GET */
    uint8_t drop_body;         /**< the body is not sent again */
    uint8_t downgrade;         /**< https -> http */
} redir_hop_state;

/**
 * The state of one redirect chain. Read it only through the functions
 * below; its layout may change between versions.
 */
typedef struct redir_chain {
    uint32_t phase;      /**< started, stopped, failed; else not started */
    redir_status error;  /**< what failed the chain */
    redir_hop_state hop; /**< the call in progress */
    redir_policy policy; /**< a copy of the start's policy */
    redir_body body;     /**< the body still in flight */
    uint32_t hops;       /**< redirects followed so far */
    uint32_t state;      /**< internal flags */
    uint32_t method_len; /**< the current method's length */
    char method[REDIR_METHOD_MAX]; /**< the current method */
    uint32_t seen_count; /**< (method, URL) hashes recorded, for loops */
    uint32_t seen[REDIR_LOOP_SLOTS]; /**< the most recent of them */
    size_t first_len; /**< the first request's origin, serialized */
    redir_url first;  /**< its components */
    char first_text[REDIR_HOST_MAX + 16]; /**< "https://" host ":65535" */
    size_t prev_len; /**< the origin of a URL redir_chain_advance() wrote
                          over, for the cross-origin test */
    redir_url prev;  /**< its components */
    char prev_text[REDIR_HOST_MAX + 16]; /**< its text */
    size_t url_len;                      /**< the current URL */
    redir_url url;                       /**< its components */
    char url_text[REDIR_URL_MAX];        /**< its text */
    redir_url_work work; /**< the resolver's memory, off the stack */
} redir_chain;

/**
 * redir_chain_start - begin a chain at the original request.
 *
 * policy        copied into the chain; MUST NOT be NULL.
 * method        the request method: any HTTP token ("GET", "PROPFIND").
 *               With the rules' normalize_method (fetch, chrome, strict)
 *               the six methods Fetch normalizes (DELETE GET HEAD
 *               OPTIONS POST PUT) are uppercased, as fetch() does; the
 *               curl rows keep the spelling.
 * url           the request URL: absolute http or https, parsed with the
 *               rules' parser (REDIR_PARSE_WHATWG: the URL Standard; the
 *               curl parsers: RFC 3986, encoding as that curl does). Where
 *               the rules refuse userinfo, a URL with userinfo is
 *               accepted here, but a relative redirect from it inherits
 *               the userinfo and is then refused (userinfo-in-location);
 *               fetch() itself refuses such URLs outright. After the
 *               trimming the parser does (WHATWG: leading and trailing C0
 *               controls and spaces; curl: none), a URL holding CR, LF,
 *               NUL or TAB is refused (unsafe-url), as a Location holding
 *               CR, LF or NUL is. With the rules' bad_ports, a port on
 *               Fetch's bad-port list is refused (bad-port).
 * body          whether the request has a body and if it can be resent.
 *
 * Returns REDIR_OK, or REDIR_E_ABI_MISMATCH (nothing written),
 * REDIR_E_INVALID_ARGUMENT (NULL chain or policy, unknown body kind,
 * rules out of range), REDIR_E_INVALID_METHOD, REDIR_E_BAD_PORT,
 * REDIR_E_URL_TOO_LONG, REDIR_E_UNSAFE_URL, the URL's parse status,
 * REDIR_E_RELATIVE_WITHOUT_BASE (a relative URL),
 * REDIR_E_SCHEME_NOT_ALLOWED (not http or https), REDIR_E_HOST_TOO_LONG
 * (a host over REDIR_HOST_MAX bytes) or
 * REDIR_E_MODE_UNSUPPORTED (rules that parse with the URL Standard, in a
 * library built with REDIR_NO_WHATWG; rules that read as curl does, in
 * one built with REDIR_NO_CURL), REDIR_E_FILE_UNSUPPORTED (a file: URL,
 * in a library built with REDIR_NO_FILE), REDIR_E_PROFILE_UNSUPPORTED (in
 * a library built with REDIR_ONLY_PROFILE, a policy of another profile,
 * or whose rules differ from that profile's). On failure the chain is failed
 * (redir_chain_next() answers chain-failed, and redir_chain_status() the
 * reason) until started again.
 */
#define redir_chain_start(...) redir_chain_start_abi(__VA_ARGS__, REDIR_ABI_TAG)

/** What redir_chain_next() decided. */
typedef enum redir_action {
    REDIR_ACTION_FOLLOW = 0, /**< make the next request as decided */
    REDIR_ACTION_STOP = 1,   /**< do not follow: the response is final */
    REDIR_ACTION_ERROR = 2   /**< the transfer must fail */
} redir_action;

/** redir_decision.flags */
#define REDIR_HOP_SEND_BODY      0x01u /**< send the request body again */
#define REDIR_HOP_BODY_DROPPED   0x02u /**< there was a body; it is not sent */
#define REDIR_HOP_METHOD_CHANGED 0x04u /**< the method became GET */
/** scheme, host or port differ from the previous request's */
#define REDIR_HOP_CROSS_ORIGIN 0x08u
#define REDIR_HOP_DOWNGRADE    0x10u /**< https -> http */
#define REDIR_HOP_PERMANENT    0x20u /**< 301 or 308: clients may cache it */

/** One decision of redir_chain_next(): always filled. */
typedef struct redir_decision {
    redir_action action; /**< follow, stop or error */
    redir_status reason; /**< REDIR_OK on follow; REDIR_STOP_* on stop;
                              a REDIR_E_* failure on error */
    int status;          /**< the response status given */
    uint32_t hop;        /**< 1 for the first response of the chain;
                              0 when the chain refused the call */
    uint32_t flags;      /**< REDIR_HOP_*, on follow */
    size_t url_len;      /**< follow: length of the next URL in `out`
                              (redir_chain_advance: in the chain) */
    redir_url url;       /**< follow: its components, offsets into it */
    uint32_t method_len; /**< follow: the next method's length */
    char method[REDIR_METHOD_MAX]; /**< follow: the next method */
} redir_decision;

/**
 * redir_chain_next - decide what to do with a response of the chain.
 *
 * status        the response's status code (100-999).
 * location      the Location header's value as received (leading and
 *               trailing whitespace is trimmed here), or NULL when the
 *               response has no Location header. NULL with length 0 is
 *               "absent"; a non-NULL pointer with length 0 is "empty".
 * out, out_cap  receives the next URL on follow (no NUL is written).
 * decision      MUST NOT be NULL; always filled.
 *
 * Returns decision->reason: REDIR_OK on follow, the REDIR_STOP_* reason
 * on stop, the failure on error. On follow the chain advances (the next
 * URL and method become current).
 *
 * The checks run in this order, and the first that does not pass
 * decides (so this is the precedence of the reasons):
 *   1. the Location: status not followed (stop not-followed), CR, LF
 *      or NUL in any field (unsafe-location), none (stop no-location),
 *      several fields (multiple-locations), empty (stop empty-location,
 *      or followed);
 *   2. the target: parse errors, url-too-long, no-space, unsafe-url;
 *   3. the hop: scheme-not-allowed, no-origin, host-too-long,
 *      too-many-redirects, userinfo-in-location, body-not-replayable,
 *      downgrade, bad-port, private-address, loop.
 *
 * A stop is final: the response goes to the application, and later
 * calls get REDIR_E_CHAIN_FINISHED. An error is sticky: later calls get
 * REDIR_E_CHAIN_FAILED. Either way redir_chain_url(), _method() and
 * _send_header() still describe the last request made, and the chain can
 * be started again for a new request. A chain never started gets
 * REDIR_E_CHAIN_NOT_STARTED.
 *
 * Misuse does not advance or fail the chain and is reported as an error
 * decision: REDIR_E_INVALID_ARGUMENT (NULL chain, bad pointer/length
 * pair, status out of range, `out` overlapping the chain or the
 * Location: copy the chain's URL before using it as a Location),
 * REDIR_E_NOSPACE (out_cap <
 * decision->url_len: call again with a larger buffer). A NULL decision
 * gives REDIR_E_INVALID_ARGUMENT, an ABI mismatch REDIR_E_ABI_MISMATCH;
 * in both cases nothing is written.
 */
#define redir_chain_next(...) redir_chain_next_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_next_fields - redir_chain_next() for a response that may
 * carry several Location fields: locations[0..count) are their values in
 * the order received (count 0: no Location). The rules'
 * multiple_locations says which counts; a single field is exactly
 * redir_chain_next(). `locations` may be NULL only with count 0.
 * Returns and fills as redir_chain_next(), plus
 * REDIR_E_MULTIPLE_LOCATIONS, an error decision (sticky).
 */
#define redir_chain_next_fields(...)                                           \
    redir_chain_next_fields_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_advance - redir_chain_next() that writes the next URL into
 * the chain itself, for a client that can afford one URL buffer: the
 * chain's. (chain, status, location, location_len, decision): no `out`.
 *
 * On follow the next URL is redir_chain_url(chain), and decision->url's
 * offsets index that text; it stays valid until the chain changes, so
 * the request is made from it (or from a copy) before the next call.
 * Decisions, reasons and their precedence are exactly redir_chain_next()'s
 * with an unlimited buffer: REDIR_E_NOSPACE never happens, and a target
 * longer than REDIR_URL_MAX is REDIR_E_URL_TOO_LONG.
 *
 * The target is resolved into the room after the current URL when it
 * fits there, and every check runs before the chain changes. Only when
 * the two URLs together exceed REDIR_URL_MAX is the target written over
 * the current URL (both resolvers can, since a relative reference reuses
 * the current URL's leading bytes where they stand). An error decision
 * found after that point (unsafe-url, or a step-3 reason) leaves the
 * chain failed as always, but with no current request: redir_chain_url()
 * and redir_chain_method() give NULL. Every other error keeps them.
 *
 * Location text MUST NOT lie inside the chain (the chain's own URL as a
 * Location is misuse: copy it first); such a call gets an
 * REDIR_E_INVALID_ARGUMENT decision and leaves the chain as it was.
 */
#define redir_chain_advance(...)                                               \
    redir_chain_advance_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_advance_fields - redir_chain_advance() for several Location
 * fields, as redir_chain_next_fields() takes them: (chain, status,
 * locations, count, decision).
 */
#define redir_chain_advance_fields(...)                                        \
    redir_chain_advance_fields_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_send_header - whether a header of the ORIGINAL request is
 * sent on the current hop (the one last decided to follow; before any
 * redirect, the original request itself). Names compare ASCII
 * case-insensitively. A caller-set Host header is never sent to another
 * host or port; body headers (Content-Length, Transfer-Encoding, and
 * with the rules' content_headers Content-Type, -Encoding, -Language,
 * -Location) go when the body does; credentials as the rules'
 * credentials and credential_scope say, and always to an origin added
 * with redir_policy_add_trusted(). With REDIR_XO_ALLOW_LIST (strict),
 * from the first cross-origin hop on, any other header goes only if it
 * is on the allow-list, was added with redir_policy_add_safe(), or the
 * current origin is trusted.
 *
 * `name` is the bare field name, as RFC 9110 defines it: a token. Any
 * other text ("", "Authorization:", " Cookie", "X\r\nY", non-ASCII)
 * gives false, so a caller that split a raw header line carelessly
 * drops the header instead of leaking it. False too for a NULL chain or
 * name, an ABI mismatch, and a chain that was never started, whose start
 * failed or whose last decision was an error.
 */
#define redir_chain_send_header(...)                                           \
    redir_chain_send_header_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_url, redir_chain_method - the current URL and method (the
 * last request made: the original one, or the last followed) and, in
 * *len when len is not NULL, its length. NULL with *len = 0 for a NULL
 * chain, an ABI mismatch, or a chain that never started successfully.
 * The text lives in the chain: valid until the chain changes.
 */
#define redir_chain_url(...) redir_chain_url_abi(__VA_ARGS__, REDIR_ABI_TAG)
/** redir_chain_method: see redir_chain_url above. */
#define redir_chain_method(...)                                                \
    redir_chain_method_abi(__VA_ARGS__, REDIR_ABI_TAG)

/**
 * redir_chain_status - where the chain stands: REDIR_OK while it may go
 * on, REDIR_E_CHAIN_FINISHED after a stop, the error that failed it
 * (the start's failure or the error decision's reason),
 * REDIR_E_CHAIN_NOT_STARTED for a chain never started (or NULL), or
 * REDIR_E_ABI_MISMATCH.
 */
#define redir_chain_status(...)                                                \
    redir_chain_status_abi(__VA_ARGS__, REDIR_ABI_TAG)

/* ------------------------------------------------------------------ */
/** Build agreement (see "Build agreement" above)                       */

/** Bumped whenever a struct of this header changes layout. */
#define REDIR_ABI_VERSION 7u

/** One FNV-1a step over a 32-bit word: mixes the tag's inputs. */
#define REDIR_ABI_MIX_(h, v) ((((uint32_t)(h)) ^ (uint32_t)(v)) * 16777619u)

/** A fingerprint of the layout this program sees: the ABI version, every
 * limit and the size of every caller-owned struct. A constant
 * expression, the same in the library and in every program compiled
 * with the same redir_config.h. */
#define REDIR_ABI_TAG                                                          \
    REDIR_ABI_MIX_(                                                            \
        REDIR_ABI_MIX_(                                                        \
            REDIR_ABI_MIX_(                                                    \
                REDIR_ABI_MIX_(                                                \
                    REDIR_ABI_MIX_(                                            \
                        REDIR_ABI_MIX_(                                        \
                            REDIR_ABI_MIX_(                                    \
                                REDIR_ABI_MIX_(                                \
                                    REDIR_ABI_MIX_(                            \
                                        REDIR_ABI_MIX_(                        \
                                            REDIR_ABI_MIX_(                    \
                                                REDIR_ABI_MIX_(                \
                                                    2166136261u,               \
                                                    REDIR_ABI_VERSION),        \
                                                REDIR_URL_MAX),                \
                                            REDIR_HOST_MAX),                   \
                                        REDIR_METHOD_MAX),                     \
                                    REDIR_SENSITIVE_MAX),                      \
                                REDIR_SAFE_MAX),                               \
                            REDIR_TRUSTED_MAX),                                \
                        REDIR_LOOP_SLOTS),                                     \
                    sizeof(redir_rules)),                                      \
                sizeof(redir_policy)),                                         \
            sizeof(redir_chain)),                                              \
        sizeof(redir_decision))

/** \cond INTERNAL The functions behind the macros above: call the
 * macros instead. */
REDIR_API redir_status redir_policy_init_abi(redir_policy *policy,
                                             redir_profile profile,
                                             uint32_t abi);
REDIR_API redir_status redir_rules_init_abi(redir_rules *rules,
                                            redir_profile profile,
                                            uint32_t abi);
REDIR_API redir_status redir_policy_init_rules_abi(redir_policy *policy,
                                                   const redir_rules *rules,
                                                   uint32_t abi);
REDIR_API redir_status redir_policy_add_trusted_abi(redir_policy *policy,
                                                    const char *origin,
                                                    size_t len, uint32_t abi);
REDIR_API redir_status redir_policy_add_sensitive_abi(redir_policy *policy,
                                                      const char *name,
                                                      size_t len, uint32_t abi);
REDIR_API redir_status redir_policy_add_safe_abi(redir_policy *policy,
                                                 const char *name, size_t len,
                                                 uint32_t abi);
REDIR_API int32_t redir_policy_max_redirects_abi(const redir_policy *policy,
                                                 uint32_t abi);
REDIR_API redir_status redir_chain_start_abi(redir_chain *chain,
                                             const redir_policy *policy,
                                             const char *method,
                                             size_t method_len, const char *url,
                                             size_t url_len, redir_body body,
                                             uint32_t abi);
REDIR_API redir_status redir_chain_next_abi(
    redir_chain *chain, int status, const char *location, size_t location_len,
    char *out, size_t out_cap, redir_decision *decision, uint32_t abi);
REDIR_API redir_status redir_chain_next_fields_abi(
    redir_chain *chain, int status, const redir_field *locations, size_t count,
    char *out, size_t out_cap, redir_decision *decision, uint32_t abi);
REDIR_API redir_status redir_chain_advance_abi(redir_chain *chain, int status,
                                               const char *location,
                                               size_t location_len,
                                               redir_decision *decision,
                                               uint32_t abi);
REDIR_API redir_status redir_chain_advance_fields_abi(
    redir_chain *chain, int status, const redir_field *locations, size_t count,
    redir_decision *decision, uint32_t abi);
REDIR_API bool redir_chain_send_header_abi(const redir_chain *chain,
                                           const char *name, size_t name_len,
                                           uint32_t abi);
REDIR_API const char *redir_chain_url_abi(const redir_chain *chain, size_t *len,
                                          uint32_t abi);
REDIR_API const char *redir_chain_method_abi(const redir_chain *chain,
                                             size_t *len, uint32_t abi);
REDIR_API redir_status redir_chain_status_abi(const redir_chain *chain,
                                              uint32_t abi);
/** \endcond */

/* ------------------------------------------------------------------ */
/* SSRF guard                                                          */

/** What kind of address a host or an address is (the SSRF guard). */
typedef enum redir_addr_class {
    REDIR_ADDR_PUBLIC = 0,       /**< none of the below */
    REDIR_ADDR_NAME = 1,         /**< a host name, not an address literal:
                                  resolve it, then classify the address */
    REDIR_ADDR_LOOPBACK = 2,     /**< 127/8, ::1, "localhost" and *.localhost */
    REDIR_ADDR_PRIVATE = 3,      /**< 10/8, 172.16/12, 192.168/16 */
    REDIR_ADDR_LINK_LOCAL = 4,   /**< 169.254/16, fe80::/10 */
    REDIR_ADDR_UNIQUE_LOCAL = 5, /**< fc00::/7 */
    REDIR_ADDR_UNSPECIFIED = 6,  /**< 0.0.0.0/8, :: */
    REDIR_ADDR_METADATA = 7,     /**< cloud metadata: 169.254.169.254,
                                  100.100.100.200, fd00:ec2::254 */
    REDIR_ADDR_RESERVED = 8      /**< other non-public: shared 100.64/10,
                                  multicast, broadcast, 240/4, ... */
} redir_addr_class;

/**
 * redir_addr_classify - classify an address the caller resolved itself
 * (to close the gap between checking a name and connecting to it).
 * addr is 4 (IPv4) or 16 (IPv6) bytes in network order; IPv4-mapped,
 * IPv4-compatible and NAT64 IPv6 addresses are classified by their IPv4
 * part. Returns REDIR_ADDR_RESERVED for a NULL addr or another length.
 */
REDIR_API redir_addr_class redir_addr_classify(const uint8_t *addr, size_t len);

/**
 * redir_host_classify - classify a URL host as written: every IPv4 form
 * a resolver accepts ("127.1", "0x7f.1", "2130706433", "0177.0.0.1",
 * trailing dot), bracketed IPv6 ("[::ffff:127.0.0.1]"), "localhost" and
 * names under ".localhost"; anything else is REDIR_ADDR_NAME.
 */
REDIR_API redir_addr_class redir_host_classify(const char *host, size_t len);

/** Stable names: "public", "name", "loopback", "private", "link-local",
 * "unique-local", "unspecified", "metadata", "reserved"; "unknown". */
REDIR_API const char *redir_addr_class_name(redir_addr_class cls);

/** Stable names of the profiles, as the `redir` tool prints them:
 * "fetch" "curl" "strict" "curl-7.88" "curl-follow" "chrome" "custom";
 * "unknown" for other values. */
REDIR_API const char *redir_profile_name(redir_profile profile);
/** Stable names of the actions: "follow" "stop" "error"; "unknown". */
REDIR_API const char *redir_action_name(redir_action action);
/** Stable names of the body kinds: "none" "replayable" "stream";
 * "unknown". */
REDIR_API const char *redir_body_name(redir_body body);

#ifdef __cplusplus
}
#endif

#endif /* REDIR_H */
