/*
 * policy.c - the redirect decision and the header filter, driven by a
 * row of rules (rules.c). Nothing here asks which profile it runs: a
 * rule is a field of redir_rules, read where it applies.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include <string.h>

#include "internal.h"
#include "rows.h"

/* redir_chain.phase. Unlikely bit patterns, so that a chain never
 * started (zeroed, or stack garbage) reads as "not started". */
enum {
    PHASE_READY = 0x52445259,   /* started: hops may follow */
    PHASE_STOPPED = 0x52445354, /* a stop decision ended it */
    PHASE_FAILED = 0x52444641   /* its start or a decision failed */
};

/* redir_chain.state bits: facts about the whole chain so far. */
enum {
    ST_CROSSED = 0x1,        /* some hop changed origin (fetch, strict) */
    ST_METHOD_CHANGED = 0x2, /* the method became GET: body headers go */
    ST_BODY_DROPPED = 0x4    /* the body is no longer sent: framing goes */
};

/* ---------------------------------------------------------------------
 * Small helpers
 */

/* Equal ignoring ASCII case to the NUL-terminated literal `lit`. */
static bool is_name(const char *s, size_t n, const char *lit)
{
    return redir_equal_nocase(s, n, lit, strlen(lit));
}

/* is_name() with a string literal, whose length is known. */
#define IS_NAME_LIT(s, n, lit) redir_equal_nocase(s, n, lit, sizeof lit - 1)

static bool has_byte(const char *s, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == c)
            return true;
    return false;
}

static bool is_exactly(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && memcmp(s, lit, n) == 0;
}

/* Bit c % 32 of word c / 32 for each tchar c of RFC 9110 section 5.6.2:
 * "!#$%&'*+-.^_`|~", digits and letters. Non-ASCII bytes are none. */
static const uint32_t tchars[4] = {
    0, 0x03ff6cfau, /* ! # $ % & ' * + - . 0-9 */
    0xc7fffffeu,    /* A-Z ^ _ */
    0x57ffffffu     /* ` a-z | ~ */
};

static bool is_token(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x7f || !(tchars[c >> 5] >> (c & 31) & 1u))
            return false;
    }
    return true;
}

#define SCHEME_IS(text, u, lit)                                                \
    (((u)->flags & REDIR_URL_HAS_SCHEME) &&                                    \
     IS_NAME_LIT((text) + (u)->scheme.off, (u)->scheme.len, lit))

/* FNV-1a, 32 bits: a loop detector's fingerprint, not a security hash,
 * and 32-bit arithmetic, which every core has. A collision can only make
 * strict report a loop that is not one: about one chain in 10^7 with 16
 * slots and 20 hops. */
static uint32_t fnv1a(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x01000193u;
    }
    return h;
}

/* Fingerprint of a request: method and URL without its fragment, which
 * never reaches the server. */
static uint32_t request_hash(const char *method, size_t mlen, const char *url,
                             const redir_url *u, size_t ulen)
{
    if (u->flags & REDIR_URL_HAS_FRAGMENT)
        ulen = u->fragment.off - 1;
    uint32_t h = fnv1a(0x811c9dc5u, method, mlen);
    h = fnv1a(h, " ", 1);
    return fnv1a(h, url, ulen);
}

static bool seen_before(const redir_chain *c, uint32_t h)
{
    size_t n =
        c->seen_count < REDIR_LOOP_SLOTS ? c->seen_count : REDIR_LOOP_SLOTS;
    for (size_t i = 0; i < n; i++)
        if (c->seen[i] == h)
            return true;
    return false;
}

/* Remembers the most recent REDIR_LOOP_SLOTS requests, as a ring. */
static void remember(redir_chain *c, uint32_t h)
{
    c->seen[c->seen_count % REDIR_LOOP_SLOTS] = h;
    c->seen_count++;
}

/* ---------------------------------------------------------------------
 * Policy
 */

#ifdef REDIR_ONLY_PROFILE
/* The one profile of this build, as constants the compiler sees: what
 * its rules never reach is left out of the code. */
static const redir_rules only_rules = REDIR_ONLY_ROW;
/* rules_usable() compares rules whole: they have no padding. */
typedef char
    rules_unpadded[sizeof(redir_rules) ==
                               offsetof(redir_rules, navigate_max_redirects) +
                                   sizeof(int32_t) &&
                           offsetof(redir_rules, max_redirects) ==
                               offsetof(redir_rules, multiple_locations) + 1
                       ? 1
                       : -1];
#endif

/* The rules a policy, or a chain's copy of one, runs. */
static const redir_rules *rules_of(const redir_policy *p)
{
#ifdef REDIR_ONLY_PROFILE
    (void)p;
    return &only_rules;
#else
    return &p->rules;
#endif
}

/* The row of built-in profile `profile`, or NULL (see redir_no_row). */
static const redir_rules *builtin_row(redir_profile profile)
{
#ifdef REDIR_ONLY_PROFILE
    return profile == REDIR_ONLY_ID ? &only_rules : NULL;
#else
    return redir_builtin_rules(profile);
#endif
}

static redir_status init_policy(redir_policy *policy, redir_profile profile,
                                const redir_rules *rules)
{
    memset(policy, 0, sizeof *policy);
    policy->profile = profile;
    policy->rules = *rules;
    policy->max_redirects = -1;
    return REDIR_OK;
}

redir_status redir_policy_init_abi(redir_policy *policy, redir_profile profile,
                                   uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    const redir_rules *row = builtin_row(profile);
    if (policy == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    return row != NULL ? init_policy(policy, profile, row)
                       : redir_no_row(profile);
}

redir_status redir_policy_init_rules_abi(redir_policy *policy,
                                         const redir_rules *rules, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (policy == NULL || rules == NULL)
        return REDIR_E_INVALID_ARGUMENT;
#ifdef REDIR_ONLY_PROFILE
    return REDIR_E_PROFILE_UNSUPPORTED; /* the build's rules are constants */
#else
    if (!redir_rules_valid(rules))
        return REDIR_E_INVALID_RULES;
    return init_policy(policy, REDIR_PROFILE_CUSTOM, rules);
#endif
}

/* A table of names (redir_policy.sensitive, .safe, .trusted): `cap`
 * bytes, *used of them holding entries of a length byte and the
 * lowercased text (at most 255 bytes, checked by the caller). */
static redir_status store_entry(unsigned char *table, size_t cap,
                                uint32_t *used, const char *text, size_t len)
{
    if (*used > cap || cap - *used < 1 + len)
        return REDIR_E_NOSPACE;
    unsigned char *p = table + *used;
    *p = (unsigned char)len;
    redir_lower_copy((char *)p + 1, text, len);
    *used += (uint32_t)(1 + len);
    return REDIR_OK;
}

/* How many bytes of a table are read: a corrupt count stops at `cap`. */
static size_t table_used(uint32_t used, size_t cap)
{
    return used < cap ? used : cap;
}

/* The entry of such a table at *at, in *e and *n, moving *at past it.
 * False at the end, and at a corrupt entry (the rest counts as absent). */
static bool next_entry(const unsigned char *table, size_t cap, uint32_t used,
                       size_t *at, const char **e, size_t *n)
{
    size_t end = table_used(used, cap);
    if (*at >= end || table[*at] > end - *at - 1)
        return false;
    *n = table[*at];
    *e = (const char *)&table[*at + 1];
    *at += 1 + *n;
    return true;
}

/* A header name table: entries are HTTP tokens. */
static redir_status add_name(unsigned char *table, size_t cap, uint32_t *used,
                             const char *name, size_t len)
{
    if (name == NULL || len > 255 || !is_token(name, len))
        return REDIR_E_INVALID_ARGUMENT;
    return store_entry(table, cap, used, name, len);
}

static bool find_name(const unsigned char *table, size_t cap, uint32_t used,
                      const char *name, size_t len)
{
    size_t at = 0, n;
    const char *e;
    while (next_entry(table, cap, used, &at, &e, &n))
        if (redir_equal_nocase(name, len, e, n))
            return true;
    return false;
}

redir_status redir_policy_add_sensitive_abi(redir_policy *policy,
                                            const char *name, size_t len,
                                            uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (policy == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    return add_name(policy->sensitive, REDIR_SENSITIVE_MAX,
                    &policy->sensitive_len, name, len);
}

redir_status redir_policy_add_safe_abi(redir_policy *policy, const char *name,
                                       size_t len, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (policy == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    return add_name(policy->safe, REDIR_SAFE_MAX, &policy->safe_len, name, len);
}

static bool is_registered_sensitive(const redir_policy *p, const char *name,
                                    size_t len)
{
    return find_name(p->sensitive, REDIR_SENSITIVE_MAX, p->sensitive_len, name,
                     len);
}

/* Trusted origins: "scheme://host[:port]" (http, https) or "*.domain". */
static bool trusted_syntax(const char *s, size_t n)
{
    size_t i = 0;
    if (n > 2 && s[0] == '*' && s[1] == '.') {
        i = 2;
    } else {
        if (n >= 7 && redir_equal_nocase(s, 7, "http://", 7))
            i = 7;
        else if (n >= 8 && redir_equal_nocase(s, 8, "https://", 8))
            i = 8;
        else
            return false;
    }
    size_t host = i, colon = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':' && host > 2 && s[host] != '[')
            colon = i; /* a port follows (the last ':' outside brackets) */
        else if (c == ']' && s[host] == '[')
            colon = 0;
        else if (!(redir_is_alpha(c) || redir_is_digit(c) || c == '-' ||
                   c == '.' || c == '_' || c == '[' || c == ']' || c == ':'))
            return false;
    }
    if (colon == 0)
        return i > host;
    if (colon == host || colon + 1 == n || n - colon - 1 > 5)
        return false;
    uint32_t port = 0;
    for (size_t k = colon + 1; k < n; k++) {
        if (!redir_is_digit((unsigned char)s[k]))
            return false;
        port = port * 10u + (uint32_t)(s[k] - '0');
    }
    return port <= 65535u;
}

redir_status redir_policy_add_trusted_abi(redir_policy *policy,
                                          const char *origin, size_t len,
                                          uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (policy == NULL || origin == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    if (len > 255 || !trusted_syntax(origin, len))
        return REDIR_E_INVALID_TRUSTED;
    return store_entry(policy->trusted, REDIR_TRUSTED_MAX, &policy->trusted_len,
                       origin, len);
}

/* The policy's maximum; `p` already checked. */
static int32_t max_redirects(const redir_policy *p)
{
    if (p->max_redirects >= 0)
        return p->max_redirects;
    return (p->options & REDIR_OPT_NAVIGATE)
               ? rules_of(p)->navigate_max_redirects
               : rules_of(p)->max_redirects;
}

/* What the policy does with userinfo in a target; `p` already checked. */
static uint8_t userinfo_rule(const redir_policy *p)
{
    return (p->options & REDIR_OPT_NAVIGATE) ? rules_of(p)->navigate_userinfo
                                             : rules_of(p)->userinfo;
}

int32_t redir_policy_max_redirects_abi(const redir_policy *p, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG || p == NULL)
        return -1;
    return max_redirects(p);
}

/* ---------------------------------------------------------------------
 * Chain
 */

/* Runs the job set in the chain's work (redir_job_set, in WHATWG mode)
 * as the rules' client resolves: browsers parse Location with the WHATWG
 * URL Standard; curl resolves per RFC 3986, reading and encoding what
 * servers put in Location values as its version does. Against the
 * current URL, the base is the chain's own serialization, resolved
 * against as parsed, not read again. */
static redir_status resolve(redir_chain *c)
{
    const redir_rules *r = rules_of(&c->policy);
    redir_job *j = redir_job_of(&c->work);
    if (r->parser == REDIR_PARSE_WHATWG) {
        redir_status st = redir_checked_whatwg(&c->work);
#ifdef REDIR_ONLY_HTTP
        /* A URL of another scheme, which rules that allow no other would
         * refuse once parsed: the answer a full build gives it. */
        if (st == REDIR_E_SCHEME_UNSUPPORTED &&
            !(r->schemes & ~(REDIR_SCHEME_HTTP | REDIR_SCHEME_HTTPS)))
            st = REDIR_E_SCHEME_NOT_ALLOWED;
#endif
        return st;
    }
#ifdef REDIR_NO_CURL
    (void)j;
    return REDIR_E_MODE_UNSUPPORTED; /* curl's reading is left out */
#else
    j->mode = REDIR_URL_RFC3986;
    j->loose = REDIR_LOOSE_BYTES;
    if (r->parser == REDIR_PARSE_CURL)
        j->loose |= REDIR_LOOSE_CTRL | REDIR_LOOSE_DOTS | REDIR_LOOSE_UPPER;
    return redir_rfc3986_resolve(&c->work);
#endif
}

/* Fetch's "normalize a method": these six are matched case-insensitively
 * and uppercased; every other token keeps its spelling. */
static void normalize_method(char *m, size_t n)
{
    static const char *const known[] = {"delete",  "get",  "head",
                                        "options", "post", "put"};
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        if (is_name(m, n, known[k])) {
            for (size_t i = 0; i < n; i++)
                m[i] = (char)(known[k][i] - ('a' - 'A'));
            return;
        }
    }
}

/* The components of "scheme://host[:port]" as redir_url_origin() wrote
 * it for URL u, in `len` bytes. Not parsed again: a WHATWG domain may
 * hold bytes RFC 3986 refuses ("a{b}.example"). */
static void origin_parts(const redir_url *u, size_t len, redir_url *o)
{
    memset(o, 0, sizeof *o);
    o->flags = REDIR_URL_HAS_SCHEME | REDIR_URL_HAS_AUTHORITY;
    o->host_type = u->host_type;
    o->scheme.len = u->scheme.len;
    o->host.off = u->scheme.len + 3;
    o->host.len = u->host.len;
    o->port_number = -1;
    o->path.off = len;
    if (o->host.off + o->host.len < len) { /* ":port", not the default */
        o->flags |= REDIR_URL_HAS_PORT;
        o->port.off = o->host.off + o->host.len + 1;
        o->port.len = len - o->port.off;
        o->port_number = u->port_number;
    }
}

/* Whether s[0..n) (n >= 4) has a byte below `below` (<= 0x80) or above
 * `above` (< 0x7f; 0xff: no upper limit). Branch-free, since the answer
 * is nearly always no; the last word overlaps the one before it. */
static bool has_byte_outside(const char *s, size_t n, uint32_t below,
                             uint32_t above)
{
    uint32_t top = above < 0x7f ? REDIR_HIGHS : 0, found = 0, w;
    for (size_t i = 0; n - i > 4; i += 4) {
        w = redir_load4(s + i);
        found |= redir_bytes_below(w, below) |
                 (redir_bytes_above(w, above & 0x7f) & top);
    }
    w = redir_load4(s + n - 4);
    found |= redir_bytes_below(w, below) |
             (redir_bytes_above(w, above & 0x7f) & top);
    return found != 0;
}

/* Whether every byte can stand in a request line and a header: visible
 * ASCII, no space, no control, no DEL. The last line of defence of
 * every URL the chain takes in or hands out. */
static bool request_safe(const char *s, size_t n)
{
    if (n >= 4)
        return !has_byte_outside(s, n, 0x21, 0x7e);
    for (size_t i = 0; i < n; i++) /* one unsigned test: 0x21..0x7e */
        if ((unsigned char)((unsigned char)s[i] - 0x21u) > 0x7e - 0x21)
            return false;
    return true;
}

/* Whether s[0..n) holds CR, LF or NUL (and TAB, with `tab`): bytes that
 * can split or cut a request line or a header. All four are at most
 * '\r', so a text with no byte that low is passed four bytes a step. */
static bool splits_lines(const char *s, size_t n, bool tab)
{
    if (n >= 4 && !has_byte_outside(s, n, '\r' + 1, 0xff))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0' ||
            (tab && s[i] == '\t'))
            return true;
    return false;
}

/* A start URL holding CR, LF, NUL or TAB once the rules' parser has
 * trimmed it: refused like a Location with them, rather than silently
 * percent-encoded or (tabs, newlines) removed. */
static bool start_url_unsafe(const redir_rules *r, const char *url, size_t len)
{
    if (r->parser == REDIR_PARSE_WHATWG)
        redir_c0_trim(&url, &len);
    return splits_lines(url, len, true);
}

/* Whether the rules refuse a connection to URL u's port; `web` is its
 * redir_web_port(), which the caller has at hand. */
static bool bad_port(const redir_rules *r, const redir_url *u, int32_t web)
{
    return r->bad_ports == REDIR_REFUSE &&
           redir_bad_port(redir_port_of(u, web));
}

/* The chain's copy of a policy holds of each name table only the bytes
 * in use: the rest is never read (next_entry), and most policies have no
 * names, so the 860-byte policy costs a start only what it holds. */
static void copy_policy(redir_policy *to, const redir_policy *from)
{
    memcpy(to, from, offsetof(redir_policy, sensitive));
    memcpy(to->sensitive, from->sensitive,
           table_used(from->sensitive_len, sizeof to->sensitive));
    to->safe_len = from->safe_len;
    memcpy(to->safe, from->safe, table_used(from->safe_len, sizeof to->safe));
    to->trusted_len = from->trusted_len;
    memcpy(to->trusted, from->trusted,
           table_used(from->trusted_len, sizeof to->trusted));
}

/* Whether a chain may run the policy's rules: in range; in a build that
 * keeps one profile, that profile's row as it was made (the chain runs
 * the build's constants, so a policy changed since would not be run as
 * its caller thinks). */
static redir_status rules_usable(const redir_policy *p)
{
#ifdef REDIR_ONLY_PROFILE
    if (p->profile != REDIR_ONLY_ID ||
        memcmp(&p->rules, &only_rules, sizeof only_rules) != 0)
        return REDIR_E_PROFILE_UNSUPPORTED;
    return REDIR_OK;
#else
    return redir_rules_valid(&p->rules) ? REDIR_OK : REDIR_E_INVALID_ARGUMENT;
#endif
}

/* redir_chain_start's checks and work on a zeroed chain. */
static redir_status start(redir_chain *chain, const redir_policy *policy,
                          const char *method, size_t method_len,
                          const char *url, size_t url_len, redir_body body)
{
    if (policy == NULL || (url == NULL && url_len > 0) ||
        (body != REDIR_BODY_NONE && body != REDIR_BODY_REPLAYABLE &&
         body != REDIR_BODY_STREAM))
        return REDIR_E_INVALID_ARGUMENT;
    if (method == NULL && method_len > 0)
        return REDIR_E_INVALID_ARGUMENT;
    redir_status st = rules_usable(policy);
    if (st != REDIR_OK)
        return st;
    if (method == NULL || method_len > REDIR_METHOD_MAX ||
        !is_token(method, method_len))
        return REDIR_E_INVALID_METHOD;
#ifdef REDIR_NO_SSRF
    if (policy->options & REDIR_OPT_DENY_PRIVATE)
        return REDIR_E_SSRF_UNSUPPORTED; /* a guard asked for, not built */
#endif
    if (url_len > REDIR_URL_MAX)
        return REDIR_E_URL_TOO_LONG;
    const redir_rules *r = rules_of(policy);
    if (start_url_unsafe(r, url, url_len))
        return REDIR_E_UNSAFE_URL;

    copy_policy(&chain->policy, policy);
    chain->body = body;
    memcpy(chain->method, method, method_len);
    chain->method_len = (uint32_t)method_len;
    if (r->normalize_method)
        normalize_method(chain->method, method_len);

    /* Resolving with no base validates the URL and removes dot segments,
     * so the chain holds it in the form later hops are compared with. */
    redir_job_set(&chain->work, NULL, 0, NULL, url, url_len, REDIR_URL_WHATWG,
                  chain->url_text, sizeof chain->url_text, &chain->url_len,
                  &chain->url);
    st = resolve(chain);
    int32_t web =
        st == REDIR_OK ? redir_web_port(chain->url_text, &chain->url) : 0;
    if (st == REDIR_OK && web == 0)
        st = REDIR_E_SCHEME_NOT_ALLOWED;
    if (st == REDIR_OK && chain->url.host.len > REDIR_HOST_MAX)
        st = REDIR_E_HOST_TOO_LONG;
    if (st == REDIR_OK && !request_safe(chain->url_text, chain->url_len))
        st = REDIR_E_UNSAFE_URL;
    if (st == REDIR_OK && bad_port(r, &chain->url, web))
        st = REDIR_E_BAD_PORT;
    if (st == REDIR_OK)
        st = redir_url_origin(chain->url_text, &chain->url, chain->first_text,
                              sizeof chain->first_text, &chain->first_len);
    if (st != REDIR_OK) /* no room for the URL (the origin always fits) */
        return st == REDIR_E_NOSPACE ? REDIR_E_URL_TOO_LONG : st;
    origin_parts(&chain->url, chain->first_len, &chain->first);
    if (r->loops)
        remember(chain,
                 request_hash(chain->method, chain->method_len, chain->url_text,
                              &chain->url, chain->url_len));
    return REDIR_OK;
}

redir_status redir_chain_start_abi(redir_chain *chain,
                                   const redir_policy *policy,
                                   const char *method, size_t method_len,
                                   const char *url, size_t url_len,
                                   redir_body body, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH; /* the struct is not ours to write */
    if (chain == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    /* What a successful start() writes (the policy, whose name tables
     * are read only as far as they are used, the origin's text, the URL
     * and its buffer, read only up to url_len) needs no zeroing, and it
     * is most of the chain; a failed start zeroes it all. */
    memset(chain, 0, offsetof(redir_chain, policy));
    memset(&chain->body, 0,
           offsetof(redir_chain, first_text) - offsetof(redir_chain, body));
    redir_status st =
        start(chain, policy, method, method_len, url, url_len, body);
    if (st != REDIR_OK) {
        memset(chain, 0, sizeof *chain);
        chain->error = st;
    }
    chain->phase = st == REDIR_OK ? PHASE_READY : PHASE_FAILED;
    return st;
}

/* Whether the chain holds a request: started successfully, whatever
 * happened since. */
static bool has_request(const redir_chain *c)
{
    return (c->phase == PHASE_READY || c->phase == PHASE_STOPPED ||
            c->phase == PHASE_FAILED) &&
           c->url_len > 0 && c->url_len <= REDIR_URL_MAX &&
           c->method_len <= REDIR_METHOD_MAX;
}

const char *redir_chain_url_abi(const redir_chain *chain, size_t *len,
                                uint32_t abi)
{
    bool ok = abi == REDIR_ABI_TAG && chain != NULL && has_request(chain);
    if (len != NULL)
        *len = ok ? chain->url_len : 0;
    return ok ? chain->url_text : NULL;
}

const char *redir_chain_method_abi(const redir_chain *chain, size_t *len,
                                   uint32_t abi)
{
    bool ok = abi == REDIR_ABI_TAG && chain != NULL && has_request(chain);
    if (len != NULL)
        *len = ok ? chain->method_len : 0;
    return ok ? chain->method : NULL;
}

redir_status redir_chain_status_abi(const redir_chain *chain, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (chain == NULL)
        return REDIR_E_CHAIN_NOT_STARTED;
    switch (chain->phase) {
    case PHASE_READY:
        return REDIR_OK;
    case PHASE_STOPPED:
        return REDIR_E_CHAIN_FINISHED;
    case PHASE_FAILED:
        return chain->error != REDIR_OK ? chain->error : REDIR_E_CHAIN_FAILED;
    default:
        return REDIR_E_CHAIN_NOT_STARTED;
    }
}

/* ---------------------------------------------------------------------
 * The decision, in four steps run in this order (the first that does
 * not pass decides, so the order is the precedence of the reasons):
 *   1. pick_location   status not followed, unsafe bytes, no Location,
 *                      several Location fields, an empty one;
 *   2. resolve_target  the target URL, with the carried fragment and
 *                      stripped userinfo: parse errors, url-too-long,
 *                      no-space, unsafe-url;
 *   3. vet_target      scheme-not-allowed, no-origin, too-many-redirects,
 *                      userinfo-in-location, body-not-replayable,
 *                      downgrade, bad-port, private-address, loop;
 *   4. commit          fill the decision and advance the chain.
 * Each step returns REDIR_OK to go on, or the decision's reason.
 */

/* Each step reads the call's arguments and leaves its results in
 * c->hop (the target's components in d->url, the status in d->status),
 * so that little of the hop is on the stack while the target is
 * resolved: steps 1, 3 and 4 are not inlined, and only step 2's frame
 * is below the resolver's. */

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* A field value without the optional whitespace around it, which RFC
 * 9110 excludes from the value. */
static redir_field trim_ows(redir_field f)
{
    while (f.len > 0 && is_ows(f.value[0]))
        f.value++, f.len--;
    while (f.len > 0 && is_ows(f.value[f.len - 1]))
        f.len--;
    return f;
}

static redir_status decide(redir_decision *d, redir_action action,
                           redir_status reason)
{
    d->action = action;
    d->reason = reason;
    return reason;
}

/* Step 1: the Location value that counts, trimmed, in c->hop.loc. */
REDIR_NOINLINE static redir_status pick_location(redir_chain *c,
                                                 redir_decision *d)
{
    const redir_rules *r = rules_of(&c->policy);
    const redir_field *f = c->hop.fields;
    size_t n = c->hop.count;
    redir_field *loc = &c->hop.loc;
    if (!REDIR_RULES_FOLLOWS(r, d->status))
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_NOT_FOLLOWED);
    for (size_t i = 0; i < n; i++)
        if (splits_lines(f[i].value, f[i].len, false))
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_UNSAFE_LOCATION);
    if (n == 0)
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_NO_LOCATION);
    if (n > 1 && r->multiple_locations == REDIR_MULTI_ERROR)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_MULTIPLE_LOCATIONS);
    /* SAME skips empty values; EQUAL wants every value equal. */
    bool skip_empty = r->multiple_locations == REDIR_MULTI_SAME;
    *loc = trim_ows(f[0]);
    for (size_t i = 1; i < n && r->multiple_locations != REDIR_MULTI_FIRST;
         i++) {
        redir_field o = trim_ows(f[i]);
        if (skip_empty && loc->len == 0)
            *loc = o;
        else if ((o.len > 0 || !skip_empty) &&
                 (o.len != loc->len || memcmp(o.value, loc->value, o.len) != 0))
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_MULTIPLE_LOCATIONS);
    }
    if (loc->len == 0 && r->empty_location == REDIR_EMPTY_STOP)
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_EMPTY_LOCATION);
    return REDIR_OK;
}

/* A span at or after `at` moved `cut` bytes back. */
static void span_back(redir_span *s, size_t at, size_t cut)
{
    if (s->off >= at)
        s->off -= cut;
}

/* Removes "userinfo@" from the URL in out[0..*len). Rare, so kept out
 * of the hop's frame. */
REDIR_NOINLINE static void strip_userinfo(char *out, size_t *len, redir_url *t)
{
    size_t from = t->userinfo.off, at = t->host.off, cut = at - from;
    memmove(out + from, out + at, *len - at);
    *len -= cut;
    span_back(&t->host, at, cut);
    span_back(&t->port, at, cut);
    span_back(&t->path, at, cut);
    span_back(&t->query, at, cut);
    span_back(&t->fragment, at, cut);
    t->userinfo.off = t->userinfo.len = 0;
    t->flags &= ~(uint32_t)REDIR_URL_HAS_USERINFO;
}

/* Whether the hop carries the current URL's fragment to the target. */
static bool carries_fragment(const redir_chain *c, redir_field loc)
{
    return rules_of(&c->policy)->fragment &&
           (c->url.flags & REDIR_URL_HAS_FRAGMENT) &&
           !has_byte(loc.value, loc.len, '#');
}

/*
 * redir_chain_advance() writes the target into the chain: after the
 * current URL when it fits there, else over it. What a relative
 * reference takes from the current URL comes first in the target, at
 * the offsets it is read from (the URL is the resolver's own
 * serialization), and both resolvers write it there before anything
 * else can land on it. Before that, the fragment the hop carries (flen
 * bytes) moves to `stash` at the buffer's end, out of the target's way,
 * and the current origin is kept for the cross-origin test. This sets
 * the job up; rare, so kept out of the hop's frame.
 */
REDIR_NOINLINE static redir_status over_current(redir_chain *c, char *stash,
                                                size_t flen, redir_url *t)
{
    const redir_url *cur = &c->url;
    redir_status st = redir_url_origin(c->url_text, cur, c->prev_text,
                                       sizeof c->prev_text, &c->prev_len);
    if (st != REDIR_OK) /* never: the chain's URLs have tuple origins */
        return st;
    origin_parts(cur, c->prev_len, &c->prev);
    memmove(stash, c->url_text + cur->fragment.off, flen);
    redir_job_set(&c->work, c->url_text, c->url_len, cur, c->hop.loc.value,
                  c->hop.loc.len, REDIR_URL_WHATWG, c->url_text,
                  REDIR_URL_MAX - flen - (flen > 0), &c->hop.need, t);
    return REDIR_OK;
}

/* Step 2: the target in c->hop.out[0..need) and d->url; the buffer is
 * unchanged unless it returns REDIR_OK. With in_chain, out and out_cap
 * are set here (see over_current), and `over` tells whether the target
 * went over the current URL. */
static redir_status resolve_target(redir_chain *c, redir_decision *d)
{
    /* Fetch's location URL keeps the request's fragment when it has none.
     * The target has a fragment exactly when the Location has a '#' (RFC
     * 3986 5.2.2 and the URL Standard agree), so the room the carried
     * fragment needs is known before resolving: the URL is resolved into
     * what is left, and the buffer stays untouched when either does not
     * fit. */
    redir_hop_state *h = &c->hop;
    const redir_url *cur = &c->url;
    redir_url *t = &d->url;
    bool add_fragment = carries_fragment(c, h->loc);
    size_t flen = add_fragment ? cur->fragment.len : 0;
    size_t extra = add_fragment ? 1 + flen : 0;
    const char *frag = c->url_text + cur->fragment.off;
    redir_status st;
    if (h->in_chain) {
        h->out = c->url_text + c->url_len;
        h->out_cap = REDIR_URL_MAX - c->url_len;
    }
    bool room = h->out_cap > extra;
    redir_job_set(&c->work, c->url_text, c->url_len, cur, h->loc.value,
                  h->loc.len, REDIR_URL_WHATWG, room ? h->out : NULL,
                  room ? h->out_cap - extra : 0, &h->need, t);
    st = resolve(c);
    if (st == REDIR_E_NOSPACE && h->in_chain &&
        h->need + extra <= REDIR_URL_MAX) {
        char *stash = c->url_text + REDIR_URL_MAX - flen;
        bool moved = (st = over_current(c, stash, flen, t)) == REDIR_OK;
        if (moved && (st = resolve(c)) == REDIR_OK) {
            h->out = c->url_text;
            h->over = true;
            frag = stash;
        } else if (moved) { /* nothing written: the fragment back */
            memmove(c->url_text + cur->fragment.off, stash, flen);
        }
    }
    if (st != REDIR_OK && st != REDIR_E_NOSPACE)
        return decide(d, REDIR_ACTION_ERROR, st);
    size_t tlen = h->need;
    h->need += extra;
    d->url_len = h->need;
    if (h->need > REDIR_URL_MAX) /* no buffer would help: not NOSPACE */
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_URL_TOO_LONG);
    if (st == REDIR_E_NOSPACE)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_NOSPACE);
    if (add_fragment) {
        h->out[tlen] = '#';
        memmove(h->out + tlen + 1, frag, flen);
        t->flags |= REDIR_URL_HAS_FRAGMENT;
        t->fragment.off = tlen + 1;
        t->fragment.len = flen;
    }
    if ((t->flags & REDIR_URL_HAS_USERINFO) &&
        userinfo_rule(&c->policy) == REDIR_USERINFO_STRIP) {
        strip_userinfo(h->out, &h->need, t);
        d->url_len = h->need;
    }
    return REDIR_OK;
}

/* The rules' class of the chain's current method and body. */
static size_t method_class(const redir_chain *c)
{
    const char *m = c->method;
    size_t n = c->method_len;
    bool body = c->body != REDIR_BODY_NONE;
    if (is_exactly(m, n, "GET") || is_exactly(m, n, "HEAD"))
        return REDIR_MC_GET_HEAD;
    if (is_exactly(m, n, "POST"))
        return body ? REDIR_MC_POST_BODY : REDIR_MC_POST;
    if (is_exactly(m, n, "PUT"))
        return body ? REDIR_MC_PUT_BODY : REDIR_MC_PUT;
    return body ? REDIR_MC_OTHER_BODY : REDIR_MC_OTHER;
}

/* The rewrite for this status, with the KEEP_POST options applied. */
static unsigned rewrite(const redir_chain *c, int status)
{
    static const uint32_t keep_post[] = {REDIR_OPT_KEEP_POST_301,
                                         REDIR_OPT_KEEP_POST_302,
                                         REDIR_OPT_KEEP_POST_303};
    size_t sc = status >= 301 && status <= 303 ? (size_t)(status - 301)
                                               : REDIR_SC_OTHER;
    size_t mc = method_class(c);
    if (sc != REDIR_SC_OTHER && (c->policy.options & keep_post[sc]) &&
        (mc == REDIR_MC_POST || mc == REDIR_MC_POST_BODY))
        return REDIR_RW_KEEP;
    return rules_of(&c->policy)->rewrite[sc][mc];
}

/* `web` is redir_web_port(text, t): it tells http and https. */
static bool scheme_allowed(const redir_rules *r, const char *text,
                           const redir_url *t, int32_t web)
{
    if (web > 0)
        return (r->schemes & (web == 80 ? 1u : 2u)) != 0;
    return ((r->schemes & 4u) && SCHEME_IS(text, t, "ftp")) ||
           ((r->schemes & 8u) && SCHEME_IS(text, t, "ftps"));
}

/* The text and components of the current URL's origin (its scheme,
 * host and port), which c->hop.over moved to c->prev. */
static const char *current_origin(const redir_chain *c, const redir_url **u)
{
    bool over = c->hop.over;
    *u = over ? &c->prev : &c->url;
    return over ? c->prev_text : c->url_text;
}

/* Step 3: whether the target may be followed; what the hop does to
 * the request in c->hop. */
REDIR_NOINLINE static redir_status vet_target(redir_chain *c, redir_decision *d)
{
    const redir_policy *pol = &c->policy;
    const redir_rules *r = rules_of(pol);
    redir_hop_state *p = &c->hop;
    const char *out = p->out;
    const redir_url *t = &d->url;
    int status = d->status;
    int32_t web = redir_web_port(out, t);
    if (!scheme_allowed(r, out, t, web))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_SCHEME_NOT_ALLOWED);
    if (!(t->flags & REDIR_URL_HAS_AUTHORITY) || t->host.len == 0)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_NO_ORIGIN);
    if (t->host.len > REDIR_HOST_MAX)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_HOST_TOO_LONG);
    if (c->hops >= (uint32_t)max_redirects(pol))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_TOO_MANY_REDIRECTS);
    if ((t->flags & REDIR_URL_HAS_USERINFO) &&
        userinfo_rule(pol) == REDIR_USERINFO_ERROR)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_USERINFO_IN_LOCATION);

    unsigned rw = rewrite(c, status);
    p->to_get = rw == REDIR_RW_GET;
    p->drop_body = rw != REDIR_RW_KEEP;
    /* A body that cannot be sent again: refused when it would have to
     * go, and in Fetch whenever the status is not 303, before looking at
     * the method (its step "status is not 303 and body has no source"). */
    if (c->body == REDIR_BODY_STREAM &&
        (!p->drop_body ||
         (r->stream == REDIR_STREAM_UNLESS_303 && status != 303)))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_BODY_NOT_REPLAYABLE);

    const redir_url *cu;
    const char *ct = current_origin(c, &cu);
    p->downgrade = web == 80 && redir_web_port(ct, cu) == 443;
    bool deny = (pol->options & REDIR_OPT_DENY_DOWNGRADE) ||
                (r->downgrade == REDIR_REFUSE &&
                 !(pol->options & REDIR_OPT_ALLOW_DOWNGRADE));
    if (p->downgrade && deny)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_DOWNGRADE);
    if (bad_port(r, t, web))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_BAD_PORT);
    if (pol->options & REDIR_OPT_DENY_PRIVATE) {
#ifdef REDIR_NO_SSRF
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_SSRF_UNSUPPORTED);
#else
        redir_addr_class cls =
            redir_host_classify(out + t->host.off, t->host.len);
        if (cls != REDIR_ADDR_PUBLIC && cls != REDIR_ADDR_NAME)
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_PRIVATE_ADDRESS);
#endif
    }
    if (r->loops) {
        const char *m = p->to_get ? "GET" : c->method;
        size_t mlen = p->to_get ? 3 : c->method_len;
        p->hash = request_hash(m, mlen, out, t, p->need);
        if (seen_before(c, p->hash))
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_LOOP);
    }
    return REDIR_OK;
}

/* Step 4: fill the decision, then advance the chain. */
REDIR_NOINLINE static void commit(redir_chain *c, redir_decision *d)
{
    const redir_hop_state *p = &c->hop;
    const char *out = p->out;
    const redir_url *t = &d->url;
    const char *method = p->to_get ? "GET" : c->method;
    size_t method_len = p->to_get ? 3 : c->method_len;
    const redir_url *cu;
    const char *ct = current_origin(c, &cu);
    bool cross = !redir_url_same_origin(ct, cu, out, t);
    memcpy(d->method, method, method_len);
    d->method_len = (uint32_t)method_len;
    if (p->to_get)
        d->flags |= REDIR_HOP_METHOD_CHANGED;
    if (c->body != REDIR_BODY_NONE)
        d->flags |= p->drop_body ? REDIR_HOP_BODY_DROPPED : REDIR_HOP_SEND_BODY;
    if (cross)
        d->flags |= REDIR_HOP_CROSS_ORIGIN;
    if (p->downgrade)
        d->flags |= REDIR_HOP_DOWNGRADE;
    if (d->status == 301 || d->status == 308)
        d->flags |= REDIR_HOP_PERMANENT;

    memmove(c->method, method, method_len);
    c->method_len = (uint32_t)method_len;
    if (p->drop_body && c->body != REDIR_BODY_NONE) {
        c->body = REDIR_BODY_NONE;
        c->state |= ST_BODY_DROPPED;
    }
    if (p->to_get)
        c->state |= ST_METHOD_CHANGED;
    if (cross)
        c->state |= ST_CROSSED;
    memmove(c->url_text, out, p->need); /* out may lie in url_text */
    c->url_len = p->need;
    c->url = *t;
    c->hops++;
    if (rules_of(&c->policy)->loops)
        remember(c, p->hash);
}

/* The decision on a ready chain, arguments checked. With in_chain
 * (redir_chain_advance), the target goes into the chain: beside the
 * current URL when it fits, else over it, after which an error leaves
 * the chain without a request. */
static redir_status hop(redir_chain *c, redir_decision *d)
{
    redir_hop_state *h = &c->hop;
    redir_status st;
    d->hop = c->hops + 1;
    h->over = h->to_get = h->drop_body = h->downgrade = 0;
    if ((st = pick_location(c, d)) != REDIR_OK)
        return st;
    st = resolve_target(c, d);
    if (st == REDIR_OK && !request_safe(h->out, h->need))
        st = decide(d, REDIR_ACTION_ERROR, REDIR_E_UNSAFE_URL);
    if (st == REDIR_OK)
        st = vet_target(c, d);
    if (st != REDIR_OK) { /* the target's components: only kept on follow */
        memset(&d->url, 0, sizeof d->url);
        if (h->over) /* the last request's URL is gone */
            c->url_len = 0;
        return st;
    }
    commit(c, d);
    return decide(d, REDIR_ACTION_FOLLOW, REDIR_OK);
}

/* Whether p[0..n) and q[0..m) share a byte. */
static bool overlap(const void *p, size_t n, const void *q, size_t m)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)q;
    return n > 0 && m > 0 && a < b + m && b < a + n;
}

/* Whether a hop would write over what it reads: the buffer it writes
 * (`out`, or with in_chain the chain) holding a Location, or `out`
 * lying in the chain. */
static bool writes_over_input(const redir_chain *c)
{
    const redir_hop_state *h = &c->hop;
    const void *w = h->in_chain ? (const void *)c : (const void *)h->out;
    size_t wn = h->in_chain ? sizeof *c : h->out_cap;
    bool bad = !h->in_chain && overlap(h->out, h->out_cap, c, sizeof *c);
    for (size_t i = 0; i < h->count && !bad; i++)
        bad = overlap(h->fields[i].value, h->fields[i].len, w, wn);
    return bad;
}

/* Whether locations[0..count) are valid pointer/length pairs. */
static bool fields_ok(const redir_field *locations, size_t count)
{
    bool ok = locations != NULL || count == 0;
    for (size_t i = 0; ok && i < count; i++)
        ok = locations[i].value != NULL || locations[i].len == 0;
    return ok;
}

/* The string forms' Location as the chain's one field: NULL for a NULL
 * chain, which chain_next() refuses. */
static const redir_field *one_field(redir_chain *c, const char *value,
                                    size_t len)
{
    if (c == NULL)
        return NULL;
    c->hop.one.value = value;
    c->hop.one.len = len;
    return &c->hop.one;
}

/* The decision cleared and the call's arguments stored in the chain,
 * where chain_next() checks them. */
static void store_call(redir_chain *c, int status, const redir_field *f,
                       size_t n, char *out, size_t out_cap, bool in_chain,
                       redir_decision *d)
{
    memset(d, 0, sizeof *d);
    d->status = status;
    if (c == NULL)
        return;
    redir_hop_state *h = &c->hop;
    bool ok = fields_ok(f, n);
    h->fields = f;
    h->count = n; /* read only when ok */
    h->ok = ok;
    h->out = out;
    h->out_cap = out_cap;
    h->in_chain = in_chain;
}

/* redir_chain_next* and redir_chain_advance*: the argument and phase
 * checks around hop(). */
static redir_status chain_next(redir_chain *chain, redir_decision *d)
{
    const redir_hop_state *h = chain != NULL ? &chain->hop : NULL;
    if (h == NULL || !h->ok || (h->out == NULL && h->out_cap > 0) ||
        d->status < 100 || d->status > 999 || writes_over_input(chain))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_INVALID_ARGUMENT);
    switch (chain->phase) {
    case PHASE_READY:
        break;
    case PHASE_STOPPED:
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_CHAIN_FINISHED);
    case PHASE_FAILED:
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_CHAIN_FAILED);
    default:
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_CHAIN_NOT_STARTED);
    }
#ifndef REDIR_ONLY_PROFILE /* else the rules are constants */
    if (!redir_rules_valid(&chain->policy.rules)) /* a corrupt ready chain */
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_INVALID_ARGUMENT);
#endif

    redir_status st = hop(chain, d);
    /* Stops are final and errors sticky; only a short buffer may be
     * retried. */
    if (d->action == REDIR_ACTION_STOP) {
        chain->phase = PHASE_STOPPED;
    } else if (d->action == REDIR_ACTION_ERROR && st != REDIR_E_NOSPACE) {
        chain->phase = PHASE_FAILED;
        chain->error = st;
    }
    return st;
}

redir_status redir_chain_next_abi(redir_chain *chain, int status,
                                  const char *location, size_t location_len,
                                  char *out, size_t out_cap, redir_decision *d,
                                  uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH; /* `d` is not ours to write */
    if (d == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    store_call(chain, status, one_field(chain, location, location_len),
               location != NULL || location_len > 0, out, out_cap, false, d);
    return chain_next(chain, d);
}

redir_status redir_chain_next_fields_abi(redir_chain *chain, int status,
                                         const redir_field *locations,
                                         size_t count, char *out,
                                         size_t out_cap, redir_decision *d,
                                         uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (d == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    store_call(chain, status, locations, count, out, out_cap, false, d);
    return chain_next(chain, d);
}

redir_status redir_chain_advance_fields_abi(redir_chain *chain, int status,
                                            const redir_field *locations,
                                            size_t count, redir_decision *d,
                                            uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (d == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    store_call(chain, status, locations, count, NULL, 0, true, d);
    return chain_next(chain, d);
}

redir_status redir_chain_advance_abi(redir_chain *chain, int status,
                                     const char *location, size_t location_len,
                                     redir_decision *d, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (d == NULL)
        return REDIR_E_INVALID_ARGUMENT;
    store_call(chain, status, one_field(chain, location, location_len),
               location != NULL || location_len > 0, NULL, 0, true, d);
    return chain_next(chain, d);
}

/* ---------------------------------------------------------------------
 * Header filter
 */

static bool is_credential(const redir_chain *c, const char *name, size_t len)
{
    uint8_t cred = rules_of(&c->policy)->credentials;
    return IS_NAME_LIT(name, len, "authorization") ||
           IS_NAME_LIT(name, len, "cookie") ||
           is_registered_sensitive(&c->policy, name, len) ||
           ((cred & REDIR_CRED_PROXY_AUTHORIZATION) &&
            IS_NAME_LIT(name, len, "proxy-authorization")) ||
           ((cred & REDIR_CRED_REFERER) && IS_NAME_LIT(name, len, "referer"));
}

/* Whether the current URL's origin is one of the policy's trusted ones. */
static bool trusted_origin(const redir_chain *c)
{
    const redir_policy *p = &c->policy;
    const redir_url *u = &c->url;
    const char *host = c->url_text + u->host.off;
    char origin[REDIR_HOST_MAX + 16];
    size_t olen = 0;
    if (p->trusted_len == 0 ||
        redir_url_origin(c->url_text, u, origin, sizeof origin, &olen) !=
            REDIR_OK)
        return false;
    bool https = redir_web_port(c->url_text, u) == 443;
    size_t at = 0, n;
    const char *e;
    while (next_entry(p->trusted, REDIR_TRUSTED_MAX, p->trusted_len, &at, &e,
                      &n)) {
        if (e[0] == '*') { /* "*.domain": https hosts under domain */
            if (https && u->host.len > n - 1 &&
                redir_equal_nocase(host + u->host.len - (n - 1), n - 1, e + 1,
                                   n - 1))
                return true;
        } else if (redir_equal_nocase(origin, olen, e, n)) {
            return true;
        }
    }
    return false;
}

/* Same host and port as the first request: the authority a Host header
 * names. Hosts compare as written, ignoring case; a different spelling of
 * one IPv6 address counts as another host, which only drops the header. */
static bool same_host_as_first(const redir_chain *c)
{
    const redir_url *u = &c->url;
    const redir_url *f = &c->first;
    return redir_url_effective_port(c->url_text, u) ==
               redir_url_effective_port(c->first_text, f) &&
           redir_equal_nocase(c->url_text + u->host.off, u->host.len,
                              c->first_text + f->host.off, f->host.len);
}

/* What the allow-list rules send across origins besides body headers and
 * Host: headers that say how to answer, never who is asking. */
static bool allow_listed(const redir_policy *p, const char *name, size_t len)
{
    static const char *const allowed[] = {"accept",          "accept-encoding",
                                          "accept-language", "cache-control",
                                          "pragma",          "user-agent"};
    for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
        if (is_name(name, len, allowed[k]))
            return true;
    return find_name(p->safe, REDIR_SAFE_MAX, p->safe_len, name, len);
}

static bool is_content_header(const char *name, size_t len)
{
    return IS_NAME_LIT(name, len, "content-type") ||
           IS_NAME_LIT(name, len, "content-encoding") ||
           IS_NAME_LIT(name, len, "content-language") ||
           IS_NAME_LIT(name, len, "content-location");
}

bool redir_chain_send_header_abi(const redir_chain *chain, const char *name,
                                 size_t len, uint32_t abi)
{
    if (abi != REDIR_ABI_TAG || chain == NULL || name == NULL ||
        !is_token(name, len))
        return false;
    /* After a stop the last request stands; after a failure none may go. */
    if (chain->phase != PHASE_READY && chain->phase != PHASE_STOPPED)
        return false;
    const redir_rules *r = rules_of(&chain->policy);
    if (IS_NAME_LIT(name, len, "host"))
        return same_host_as_first(chain);
    if (IS_NAME_LIT(name, len, "content-length") ||
        IS_NAME_LIT(name, len, "transfer-encoding"))
        return !(chain->state & ST_BODY_DROPPED);
    if (r->content_headers && is_content_header(name, len))
        return !(chain->state & ST_METHOD_CHANGED);
    if (chain->policy.options & REDIR_OPT_TRUSTED)
        return true;
    /* A trusted origin is asked about only when the header would
     * otherwise be dropped: it can only add headers. */
    if (is_credential(chain, name, len)) {
        bool sent =
            r->credential_scope == REDIR_SCOPE_FIRST_ORIGIN
                ? redir_url_same_origin(chain->url_text, &chain->url,
                                        chain->first_text, &chain->first)
                : !(chain->state & ST_CROSSED);
        return sent || trusted_origin(chain);
    }
    if (r->cross_origin_headers == REDIR_XO_ALLOW_LIST &&
        (chain->state & ST_CROSSED))
        return allow_listed(&chain->policy, name, len) || trusted_origin(chain);
    return true;
}

/* ---------------------------------------------------------------------
 * Names
 */

const char *redir_profile_name(redir_profile profile)
{
    switch (profile) {
    case REDIR_PROFILE_FETCH:
        return "fetch";
    case REDIR_PROFILE_CURL:
        return "curl";
    case REDIR_PROFILE_STRICT:
        return "strict";
    case REDIR_PROFILE_CURL_7_88:
        return "curl-7.88";
    case REDIR_PROFILE_CURL_FOLLOW:
        return "curl-follow";
    case REDIR_PROFILE_CHROME:
        return "chrome";
    case REDIR_PROFILE_CUSTOM:
        return "custom";
    }
    return "unknown";
}

const char *redir_action_name(redir_action action)
{
    switch (action) {
    case REDIR_ACTION_FOLLOW:
        return "follow";
    case REDIR_ACTION_STOP:
        return "stop";
    case REDIR_ACTION_ERROR:
        return "error";
    }
    return "unknown";
}

const char *redir_body_name(redir_body body)
{
    switch (body) {
    case REDIR_BODY_NONE:
        return "none";
    case REDIR_BODY_REPLAYABLE:
        return "replayable";
    case REDIR_BODY_STREAM:
        return "stream";
    }
    return "unknown";
}
