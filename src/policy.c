/*
 * policy.c - the redirect decision of the fetch, curl and strict
 * profiles, and the header filter.
 *
 * Sources of the rules: the WHATWG Fetch standard ("HTTP-redirect
 * fetch"), curl 7.88's behaviour as measured on the wire (issue text
 * and README), and our own hardening for strict.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include <string.h>

#include "internal.h"

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

/* tchar of RFC 9110 section 5.6.2. */
static bool is_token(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9');
        if (!ok) {
            switch (c) {
            case '!': case '#': case '$': case '%': case '&': case '\'':
            case '*': case '+': case '-': case '.': case '^': case '_':
            case '`': case '|': case '~':
                ok = true;
                break;
            default:
                break;
            }
        }
        if (!ok)
            return false;
    }
    return true;
}

static bool scheme_is(const char *text, const redir_url *u, const char *lit)
{
    return (u->flags & REDIR_URL_HAS_SCHEME) &&
           is_name(text + u->scheme.off, u->scheme.len, lit);
}

static bool is_http_s(const char *text, const redir_url *u)
{
    return scheme_is(text, u, "http") || scheme_is(text, u, "https");
}

/* FNV-1a, 64 bits: a loop detector's fingerprint, not a security hash.
 * A collision can only make strict report a loop that is not one. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* Fingerprint of a request: method and URL without its fragment, which
 * never reaches the server. */
static uint64_t request_hash(const char *method, size_t mlen, const char *url,
                             const redir_url *u, size_t ulen)
{
    if (u->flags & REDIR_URL_HAS_FRAGMENT)
        ulen = u->fragment.off - 1;
    uint64_t h = fnv1a(0xcbf29ce484222325u, method, mlen);
    h = fnv1a(h, " ", 1);
    return fnv1a(h, url, ulen);
}

static bool seen_before(const redir_chain *c, uint64_t h)
{
    size_t n = c->seen_count < REDIR_LOOP_SLOTS ? c->seen_count : REDIR_LOOP_SLOTS;
    for (size_t i = 0; i < n; i++)
        if (c->seen[i] == h)
            return true;
    return false;
}

/* Remembers the most recent REDIR_LOOP_SLOTS requests, as a ring. */
static void remember(redir_chain *c, uint64_t h)
{
    c->seen[c->seen_count % REDIR_LOOP_SLOTS] = h;
    c->seen_count++;
}

/* ---------------------------------------------------------------------
 * Policy
 */

static bool profile_valid(redir_profile p)
{
    return p == REDIR_PROFILE_FETCH || p == REDIR_PROFILE_CURL ||
           p == REDIR_PROFILE_STRICT;
}

redir_status redir_policy_init_abi(redir_policy *policy, redir_profile profile,
                                   uint32_t abi)
{
    if (abi != REDIR_ABI_TAG)
        return REDIR_E_ABI_MISMATCH;
    if (policy == NULL || !profile_valid(profile))
        return REDIR_E_INVALID_ARGUMENT;
    memset(policy, 0, sizeof *policy);
    policy->profile = profile;
    policy->max_redirects = -1;
    return REDIR_OK;
}

/* A table of header names (redir_policy.sensitive, .safe): `cap` bytes,
 * *used of them holding entries of a length byte and the lowercased
 * name. */
static redir_status add_name(unsigned char *table, size_t cap, uint32_t *used,
                             const char *name, size_t len)
{
    if (name == NULL || len > 255 || !is_token(name, len))
        return REDIR_E_INVALID_ARGUMENT;
    if (*used > cap || cap - *used < 1 + len)
        return REDIR_E_NOSPACE;
    unsigned char *p = table + *used;
    *p++ = (unsigned char)len;
    for (size_t i = 0; i < len; i++)
        *p++ = redir_lower((unsigned char)name[i]);
    *used += (uint32_t)(1 + len);
    return REDIR_OK;
}

static bool find_name(const unsigned char *table, size_t cap, uint32_t used,
                      const char *name, size_t len)
{
    size_t at = 0;
    size_t end = used <= cap ? used : cap;
    while (at < end) {
        size_t n = table[at];
        if (n > end - at - 1)
            break; /* corrupt: treat the rest as absent */
        if (redir_equal_nocase(name, len, (const char *)&table[at + 1], n))
            return true;
        at += 1 + n;
    }
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

/* The policy's maximum; `p` already checked. */
static int32_t max_redirects(const redir_policy *p)
{
    if (p->max_redirects >= 0)
        return p->max_redirects;
    switch (p->profile) {
    case REDIR_PROFILE_CURL: return 50;
    case REDIR_PROFILE_STRICT: return 10;
    case REDIR_PROFILE_FETCH: break;
    }
    return 20;
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

/* Resolves as the profile's client does: browsers parse Location with the
 * WHATWG URL Standard; curl resolves per RFC 3986 but percent-encodes
 * the spaces and bytes >= 0x80 servers put in Location values. */
static redir_status resolve(redir_profile prof, const char *base, size_t base_len,
                            const char *ref, size_t ref_len, char *out,
                            size_t out_cap, size_t *out_len, redir_url *parts)
{
    if (prof == REDIR_PROFILE_CURL)
        return redir_rfc3986_resolve(base, base_len, ref, ref_len,
                                     REDIR_URL_RFC3986, true, out, out_cap,
                                     out_len, parts);
    return redir_url_resolve(base, base_len, ref, ref_len, REDIR_URL_WHATWG, out,
                             out_cap, out_len, parts);
}

/* Fetch's "normalize a method": these six are matched case-insensitively
 * and uppercased; every other token keeps its spelling. */
static void normalize_method(char *m, size_t n)
{
    static const char *const known[] = {"delete", "get", "head", "options",
                                        "post", "put"};
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

/* Whether every byte can stand in a request line and a header: visible
 * ASCII, no space, no control, no DEL. The last line of defence of
 * every URL the chain takes in or hands out. */
static bool request_safe(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            return false;
    return true;
}

/* Whether s[0..n) holds CR, LF or NUL (and TAB, with `tab`): bytes that
 * can split or cut a request line or a header. */
static bool splits_lines(const char *s, size_t n, bool tab)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0' ||
            (tab && s[i] == '\t'))
            return true;
    return false;
}

/* A start URL holding CR, LF, NUL or TAB once the profile's parser has
 * trimmed it: refused like a Location with them, rather than silently
 * percent-encoded or (tabs, newlines) removed. */
static bool start_url_unsafe(redir_profile prof, const char *url, size_t len)
{
    if (prof != REDIR_PROFILE_CURL)
        redir_c0_trim(&url, &len);
    return splits_lines(url, len, true);
}

/* redir_chain_start's checks and work on a zeroed chain. */
static redir_status start(redir_chain *chain, const redir_policy *policy,
                          const char *method, size_t method_len,
                          const char *url, size_t url_len, redir_body body)
{
    if (policy == NULL || !profile_valid(policy->profile) ||
        (url == NULL && url_len > 0) ||
        (body != REDIR_BODY_NONE && body != REDIR_BODY_REPLAYABLE &&
         body != REDIR_BODY_STREAM))
        return REDIR_E_INVALID_ARGUMENT;
    if (method == NULL && method_len > 0)
        return REDIR_E_INVALID_ARGUMENT;
    if (method == NULL || method_len > REDIR_METHOD_MAX || !is_token(method, method_len))
        return REDIR_E_INVALID_METHOD;
    if (url_len > REDIR_URL_MAX)
        return REDIR_E_URL_TOO_LONG;
    if (start_url_unsafe(policy->profile, url, url_len))
        return REDIR_E_UNSAFE_URL;

    chain->policy = *policy;
    chain->body = body;
    memcpy(chain->method, method, method_len);
    chain->method_len = (uint32_t)method_len;
    if (policy->profile != REDIR_PROFILE_CURL)
        normalize_method(chain->method, method_len);

    /* Resolving with no base validates the URL and removes dot segments,
     * so the chain holds it in the form later hops are compared with. */
    redir_status st =
        resolve(policy->profile, NULL, 0, url, url_len, chain->url_text,
                sizeof chain->url_text, &chain->url_len, &chain->url);
    if (st == REDIR_OK && !is_http_s(chain->url_text, &chain->url))
        st = REDIR_E_SCHEME_NOT_ALLOWED;
    if (st == REDIR_OK && !request_safe(chain->url_text, chain->url_len))
        st = REDIR_E_UNSAFE_URL;
    if (st == REDIR_OK)
        st = redir_url_origin(chain->url_text, &chain->url, chain->first_text,
                              sizeof chain->first_text, &chain->first_len);
    if (st != REDIR_OK) /* no room for the URL or its origin */
        return st == REDIR_E_NOSPACE ? REDIR_E_URL_TOO_LONG : st;
    origin_parts(&chain->url, chain->first_len, &chain->first);
    remember(chain, request_hash(chain->method, chain->method_len, chain->url_text,
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
    memset(chain, 0, sizeof *chain);
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

/* Which statuses a profile treats as redirects. */
static bool follows_status(redir_profile p, int status)
{
    if (p == REDIR_PROFILE_CURL)
        return status >= 300 && status <= 399;
    return status == 301 || status == 302 || status == 303 || status == 307 ||
           status == 308;
}

static bool keeps_post(uint32_t options, int status)
{
    switch (status) {
    case 301: return (options & REDIR_OPT_KEEP_POST_301) != 0;
    case 302: return (options & REDIR_OPT_KEEP_POST_302) != 0;
    case 303: return (options & REDIR_OPT_KEEP_POST_303) != 0;
    default: return false;
    }
}

/* How the hop treats the request: method becomes GET and/or body dropped.
 * Sets *to_get and *drop_body. */
static void method_rule(const redir_chain *c, int status, bool *to_get,
                        bool *drop_body)
{
    const char *m = c->method;
    size_t n = c->method_len;
    bool post = is_exactly(m, n, "POST");
    bool see_other = status == 303;
    bool moved = status == 301 || status == 302;

    *to_get = false;
    *drop_body = false;
    if (post && keeps_post(c->policy.options, status))
        return;
    if (c->policy.profile != REDIR_PROFILE_CURL) {
        /* Fetch: POST on 301/302, anything but GET/HEAD on 303. */
        *to_get = (moved && post) ||
                  (see_other && !is_exactly(m, n, "GET") && !is_exactly(m, n, "HEAD"));
        *drop_body = *to_get;
        return;
    }
    /* curl: a POST with data and (on 303) a PUT upload become GET; HEAD
     * and GET stay; any other method keeps its name but not its body on
     * 301/302/303. curl knows a POST or PUT by its body (-d, -T): a POST
     * or PUT without one is only a custom method name (-X), kept as is. */
    if (!moved && !see_other)
        return;
    if (is_exactly(m, n, "GET") || is_exactly(m, n, "HEAD"))
        return;
    bool has_body = c->body != REDIR_BODY_NONE;
    bool put = is_exactly(m, n, "PUT");
    if (has_body && (post || (see_other && put)))
        *to_get = true;
    *drop_body = !put || see_other;
}

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

static redir_status decide(redir_decision *d, redir_action action, redir_status reason)
{
    d->action = action;
    d->reason = reason;
    return reason;
}

/* The decision on a ready chain, arguments checked. */
static redir_status hop(redir_chain *chain, int status, const char *location,
                        size_t location_len, char *out, size_t out_cap,
                        redir_decision *d)
{
    const redir_policy *pol = &chain->policy;
    redir_profile prof = pol->profile;
    d->hop = chain->hops + 1;

    if (!follows_status(prof, status))
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_NOT_FOLLOWED);
    if (location == NULL)
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_NO_LOCATION);
    if (splits_lines(location, location_len, false))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_UNSAFE_LOCATION);
    /* Header values reach us with their optional whitespace; RFC 9110
     * excludes it from the value. */
    while (location_len > 0 && is_ows(location[0]))
        location++, location_len--;
    while (location_len > 0 && is_ows(location[location_len - 1]))
        location_len--;
    /* Fetch resolves "" to the current URL and follows it; curl returns
     * the response, and so does strict (a redirect to itself is a loop). */
    if (location_len == 0 && prof != REDIR_PROFILE_FETCH)
        return decide(d, REDIR_ACTION_STOP, REDIR_STOP_EMPTY_LOCATION);

    /* Fetch's location URL keeps the request's fragment when it has none.
     * The target has a fragment exactly when the Location has a '#' (RFC
     * 3986 5.2.2 and the URL Standard agree), so the room the carried
     * fragment needs is known before resolving: the URL is resolved into
     * what is left, and `out` stays untouched when either does not fit. */
    const redir_url *cur = &chain->url;
    bool add_fragment = prof != REDIR_PROFILE_CURL &&
                        (cur->flags & REDIR_URL_HAS_FRAGMENT) &&
                        !has_byte(location, location_len, '#');
    size_t extra = add_fragment ? 1 + cur->fragment.len : 0;
    redir_url t;
    size_t tlen;
    redir_status st = resolve(prof, chain->url_text, chain->url_len, location,
                              location_len, out_cap > extra ? out : NULL,
                              out_cap > extra ? out_cap - extra : 0, &tlen, &t);
    if (st != REDIR_OK && st != REDIR_E_NOSPACE)
        return decide(d, REDIR_ACTION_ERROR, st);
    size_t need = tlen + extra;
    d->url_len = need;
    if (need > REDIR_URL_MAX) /* no buffer would help: not NOSPACE */
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_URL_TOO_LONG);
    if (st == REDIR_E_NOSPACE)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_NOSPACE);
    if (add_fragment) {
        out[tlen] = '#';
        memcpy(out + tlen + 1, chain->url_text + cur->fragment.off, cur->fragment.len);
        t.flags |= REDIR_URL_HAS_FRAGMENT;
        t.fragment.off = tlen + 1;
        t.fragment.len = cur->fragment.len;
    }
    if (!request_safe(out, need))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_UNSAFE_URL);

    bool allowed = is_http_s(out, &t) ||
                   (prof == REDIR_PROFILE_CURL &&
                    (scheme_is(out, &t, "ftp") || scheme_is(out, &t, "ftps")));
    if (!allowed)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_SCHEME_NOT_ALLOWED);
    if (!(t.flags & REDIR_URL_HAS_AUTHORITY) || t.host.len == 0)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_NO_ORIGIN);
    if (chain->hops >= (uint32_t)max_redirects(pol))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_TOO_MANY_REDIRECTS);

    if ((t.flags & REDIR_URL_HAS_USERINFO) && prof != REDIR_PROFILE_CURL)
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_USERINFO_IN_LOCATION);

    bool to_get, drop_body;
    method_rule(chain, status, &to_get, &drop_body);
    if (chain->body == REDIR_BODY_STREAM) {
        /* Fetch refuses whenever the status is not 303, before looking at
         * the method (its step "status is not 303 and body has no source");
         * every profile refuses when the body would have to go again. */
        bool resend = !drop_body;
        if (resend || (prof != REDIR_PROFILE_CURL && status != 303))
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_BODY_NOT_REPLAYABLE);
    }

    bool downgrade = scheme_is(chain->url_text, cur, "https") &&
                     scheme_is(out, &t, "http");
    if (downgrade) {
        bool deny = (pol->options & REDIR_OPT_DENY_DOWNGRADE) ||
                    (prof == REDIR_PROFILE_STRICT &&
                     !(pol->options & REDIR_OPT_ALLOW_DOWNGRADE));
        if (deny)
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_DOWNGRADE);
    }
    if (pol->options & REDIR_OPT_DENY_PRIVATE) {
        redir_addr_class cls = redir_host_classify(out + t.host.off, t.host.len);
        if (cls != REDIR_ADDR_PUBLIC && cls != REDIR_ADDR_NAME)
            return decide(d, REDIR_ACTION_ERROR, REDIR_E_PRIVATE_ADDRESS);
    }

    const char *method = to_get ? "GET" : chain->method;
    size_t method_len = to_get ? 3 : chain->method_len;
    uint64_t h = request_hash(method, method_len, out, &t, need);
    if (prof == REDIR_PROFILE_STRICT && seen_before(chain, h))
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_LOOP);

    /* Follow: fill the decision, then advance the chain. */
    bool cross = !redir_url_same_origin(chain->url_text, cur, out, &t);
    d->url = t;
    memcpy(d->method, method, method_len);
    d->method_len = (uint32_t)method_len;
    if (to_get)
        d->flags |= REDIR_HOP_METHOD_CHANGED;
    if (chain->body != REDIR_BODY_NONE)
        d->flags |= drop_body ? REDIR_HOP_BODY_DROPPED : REDIR_HOP_SEND_BODY;
    if (cross)
        d->flags |= REDIR_HOP_CROSS_ORIGIN;
    if (downgrade)
        d->flags |= REDIR_HOP_DOWNGRADE;
    if (status == 301 || status == 308)
        d->flags |= REDIR_HOP_PERMANENT;

    memcpy(chain->method, method, method_len);
    chain->method_len = (uint32_t)method_len;
    if (drop_body && chain->body != REDIR_BODY_NONE) {
        chain->body = REDIR_BODY_NONE;
        chain->state |= ST_BODY_DROPPED;
    }
    if (to_get)
        chain->state |= ST_METHOD_CHANGED;
    if (cross)
        chain->state |= ST_CROSSED;
    memcpy(chain->url_text, out, need);
    chain->url_len = need;
    chain->url = t;
    chain->hops++;
    remember(chain, h);
    return decide(d, REDIR_ACTION_FOLLOW, REDIR_OK);
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
    memset(d, 0, sizeof *d);
    d->status = status;
    if (chain == NULL || (location == NULL && location_len > 0) ||
        (out == NULL && out_cap > 0) || status < 100 || status > 999)
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
    if (!profile_valid(chain->policy.profile)) /* a corrupt ready chain */
        return decide(d, REDIR_ACTION_ERROR, REDIR_E_INVALID_ARGUMENT);

    redir_status st =
        hop(chain, status, location, location_len, out, out_cap, d);
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

/* ---------------------------------------------------------------------
 * Header filter
 */

static bool is_credential(const redir_chain *c, const char *name, size_t len)
{
    if (is_name(name, len, "authorization") || is_name(name, len, "cookie") ||
        is_registered_sensitive(&c->policy, name, len))
        return true;
    switch (c->policy.profile) {
    case REDIR_PROFILE_CURL: return false; /* curl keeps Proxy-Authorization */
    case REDIR_PROFILE_STRICT:
        if (is_name(name, len, "referer"))
            return true;
        break;
    case REDIR_PROFILE_FETCH: break;
    }
    return is_name(name, len, "proxy-authorization");
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

/* What strict sends across origins besides body headers and Host:
 * headers that say how to answer, never who is asking. */
static bool strict_allowed(const redir_policy *p, const char *name, size_t len)
{
    static const char *const allowed[] = {"accept",          "accept-encoding",
                                          "accept-language", "cache-control",
                                          "pragma",          "user-agent"};
    for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
        if (is_name(name, len, allowed[k]))
            return true;
    return find_name(p->safe, REDIR_SAFE_MAX, p->safe_len, name, len);
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
    if (is_name(name, len, "host"))
        return same_host_as_first(chain);
    if (is_name(name, len, "content-length") || is_name(name, len, "transfer-encoding"))
        return !(chain->state & ST_BODY_DROPPED);
    if (chain->policy.profile != REDIR_PROFILE_CURL &&
        (is_name(name, len, "content-type") || is_name(name, len, "content-encoding") ||
         is_name(name, len, "content-language") ||
         is_name(name, len, "content-location")))
        return !(chain->state & ST_METHOD_CHANGED);
    if (chain->policy.options & REDIR_OPT_TRUSTED)
        return true;
    if (is_credential(chain, name, len)) {
        if (chain->policy.profile == REDIR_PROFILE_CURL)
            return redir_url_same_origin(chain->url_text, &chain->url,
                                         chain->first_text, &chain->first);
        return !(chain->state & ST_CROSSED);
    }
    if (chain->policy.profile == REDIR_PROFILE_STRICT &&
        (chain->state & ST_CROSSED))
        return strict_allowed(&chain->policy, name, len);
    return true;
}

/* ---------------------------------------------------------------------
 * Names
 */

const char *redir_profile_name(redir_profile profile)
{
    switch (profile) {
    case REDIR_PROFILE_FETCH: return "fetch";
    case REDIR_PROFILE_CURL: return "curl";
    case REDIR_PROFILE_STRICT: return "strict";
    }
    return "unknown";
}

const char *redir_action_name(redir_action action)
{
    switch (action) {
    case REDIR_ACTION_FOLLOW: return "follow";
    case REDIR_ACTION_STOP: return "stop";
    case REDIR_ACTION_ERROR: return "error";
    }
    return "unknown";
}

const char *redir_body_name(redir_body body)
{
    switch (body) {
    case REDIR_BODY_NONE: return "none";
    case REDIR_BODY_REPLAYABLE: return "replayable";
    case REDIR_BODY_STREAM: return "stream";
    }
    return "unknown";
}
