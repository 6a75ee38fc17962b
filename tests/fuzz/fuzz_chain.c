/*
 * fuzz_chain.c - libFuzzer target: a whole redirect chain.
 *
 * Input: profile, options, body kind, max_redirects, a sensitive and a
 * safe header name, the method and the start URL, then up to six
 * responses (status, Location or none, out_cap), then header names for
 * redir_chain_send_header, each with a length byte.
 *
 * Checks: a chain never started refuses everything; start and follow
 * give URLs of visible ASCII only (fuzz_check_request_safe) whose
 * components obey fuzz_check_url(), and the chain's current URL is the
 * one decided; no-space leaves the chain as it was (a retry with room
 * decides the same hop); a stop is final and an error sticky;
 * send_header is never true for a name that is not a token, nor on a
 * failed chain.
 *
 * A second chain makes the same hops with redir_chain_advance(), the
 * start URL optionally padded so that targets stop fitting beside it:
 * it must decide exactly the same, hold the same request, and send the
 * same headers, except that a refusal found after writing over the URL
 * may leave it with none.
 *
 * SPDX-License-Identifier: MIT
 */
#include "../same_url.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int redirect_codes[] = {301, 302, 303, 307, 308, 300, 304, 399};

static redir_chain shadow; /* the same hops, by redir_chain_advance() */

static void check_names(const redir_chain *chain, fuzz_reader *r, bool usable)
{
    while (r->n > 0) {
        size_t len;
        const char *name = fuzz_bytes(r, fuzz_u8(r) % 40, &len);
        bool send = redir_chain_send_header(chain, name, len);
        FUZZ_CHECK(!send || fuzz_is_token(name, len),
                   "send_header true for a non-token", name, len);
        FUZZ_CHECK(!send || usable, "send_header true on a failed chain", name,
                   len);
        FUZZ_CHECK(send == redir_chain_send_header(&shadow, name, len),
                   "an advanced chain sends another header set", name, len);
    }
}

/* The shadow chain's hop, checked against decision d of the main one
 * (whose URL is in out). Returns false once the shadow has no request
 * left, which only a refusal after writing over its URL may cause. */
static bool shadow_hop(int status, const char *loc, size_t loc_len,
                       const redir_decision *d, const char *out)
{
    redir_decision e;
    size_t before, len;
    (void)redir_chain_url(&shadow, &before);
    redir_status st = redir_chain_advance(&shadow, status, loc, loc_len, &e);
    FUZZ_CHECK(st == d->reason && e.action == d->action && e.hop == d->hop,
               "an advanced chain decided otherwise", redir_status_name(st),
               strlen(redir_status_name(st)));
    const char *now = redir_chain_url(&shadow, &len);
    if (e.action == REDIR_ACTION_FOLLOW) {
        FUZZ_CHECK(e.flags == d->flags && e.url_len == d->url_len &&
                       same_url(&e.url, &d->url) &&
                       e.method_len == d->method_len &&
                       memcmp(e.method, d->method, e.method_len) == 0,
                   "an advanced chain followed otherwise", now, len);
        FUZZ_CHECK(now != NULL && len == d->url_len &&
                       memcmp(now, out, len) == 0,
                   "an advanced chain holds another URL", now, len);
    } else if (now == NULL) {
        FUZZ_CHECK(e.action == REDIR_ACTION_ERROR &&
                       before + e.url_len > REDIR_URL_MAX,
                   "an advanced chain lost its URL", out, 0);
        return false;
    }
    return true;
}

static void check_refused(redir_chain *chain, redir_status want, char *out,
                          size_t cap)
{
    redir_decision d;
    redir_status st = redir_chain_next(chain, 302, "/x", 2, out, cap, &d);
    FUZZ_CHECK(st == want && d.action == REDIR_ACTION_ERROR && d.reason == want,
               "a finished or failed chain took another hop",
               redir_status_name(st), strlen(redir_status_name(st)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static redir_chain chain; /* large: not on the stack */
    static char out[REDIR_URL_MAX + 16];
    static char padded[2048 + REDIR_URL_MAX];
    fuzz_reader r = {data, size};
    redir_policy policy;
    redir_decision d;
    size_t len, mlen, ulen;

    memset(&chain, 0xa5, sizeof chain);
    check_refused(&chain, REDIR_E_CHAIN_NOT_STARTED, out, sizeof out);

    /* A built-in profile, or rules made of fuzz bytes: those that
     * redir_policy_init_rules() accepts must be as safe as the rows. */
    unsigned pick = fuzz_u8(&r);
    redir_policy_init(&policy, (redir_profile)(pick % 6));
    if (pick >= 0xc0) {
        redir_rules rules;
        size_t rlen;
        const char *raw = fuzz_bytes(&r, sizeof rules, &rlen);
        redir_rules_init(&rules, (redir_profile)(pick % 6));
        memcpy(&rules, raw, rlen);
        (void)redir_policy_init_rules(&policy, &rules);
    }
    policy.options = fuzz_u8(&r);
    redir_body body = (redir_body)(fuzz_u8(&r) % 3);
    unsigned max = fuzz_u8(&r);
    policy.max_redirects = max >= 0x80 ? -1 : (int32_t)(max % 12);
    const char *name = fuzz_bytes(&r, fuzz_u8(&r) % 24, &len);
    (void)redir_policy_add_sensitive(&policy, name, len);
    name = fuzz_bytes(&r, fuzz_u8(&r) % 24, &len);
    (void)redir_policy_add_safe(&policy, name, len);
    const char *method = fuzz_bytes(&r, fuzz_u8(&r) % 40, &mlen);
    const char *url = fuzz_bytes(&r, fuzz_u16(&r) % 2048, &ulen);
    unsigned pad = fuzz_u16(&r);
    if (pad & 0x8000) { /* long: a path of 'p' bytes after the URL */
        memcpy(padded, url, ulen);
        pad = (pad & 0x7fff) % REDIR_URL_MAX;
        memset(padded + ulen, 'p', pad);
        url = padded;
        ulen += pad;
    }

    memset(&shadow, 0x5a, sizeof shadow);
    redir_status st =
        redir_chain_start(&chain, &policy, method, mlen, url, ulen, body);
    FUZZ_CHECK(st == redir_chain_start(&shadow, &policy, method, mlen, url,
                                       ulen, body),
               "two starts alike differ", url, ulen);
    if (st != REDIR_OK) {
        check_refused(&chain, REDIR_E_CHAIN_FAILED, out, sizeof out);
        check_names(&chain, &r, false);
        return 0;
    }
    const char *cur = redir_chain_url(&chain, &len);
    fuzz_check_request_safe(cur, len);
    fuzz_check_url(cur, len, &chain.url);

    unsigned hops = fuzz_u8(&r) % 7;
    bool usable = true;
    for (unsigned i = 0; i < hops && usable; i++) {
        unsigned v = fuzz_u16(&r);
        int status =
            (v & 0x8000) ? redirect_codes[v % 8] : 100 + (int)(v % 900);
        unsigned flags = fuzz_u8(&r);
        size_t loc_len;
        const char *loc = fuzz_bytes(&r, fuzz_u16(&r) % 2048, &loc_len);
        if (flags & 1)
            loc = NULL, loc_len = 0; /* no Location header */
        size_t cap = (flags & 2) ? fuzz_u16(&r) % 256 : sizeof out;

        st = redir_chain_next(&chain, status, loc, loc_len, out, cap, &d);
        FUZZ_CHECK(st == d.reason, "return value is not the decision's reason",
                   out, 0);
        if (st == REDIR_E_NOSPACE) {
            FUZZ_CHECK(d.url_len > cap, "no-space with room enough", out, cap);
            st = redir_chain_next(&chain, status, loc, loc_len, out, sizeof out,
                                  &d);
            FUZZ_CHECK(st != REDIR_E_NOSPACE,
                       "no-space with a full-size buffer", out, 0);
        }
        bool kept = shadow_hop(status, loc, loc_len, &d, out);
        if (d.action == REDIR_ACTION_FOLLOW) {
            fuzz_check_request_safe(out, d.url_len);
            fuzz_check_url(out, d.url_len, &d.url);
            cur = redir_chain_url(&chain, &len);
            FUZZ_CHECK(len == d.url_len && memcmp(cur, out, len) == 0,
                       "the chain's URL is not the one decided", cur, len);
        } else if (d.action == REDIR_ACTION_STOP) {
            check_refused(&chain, REDIR_E_CHAIN_FINISHED, out, sizeof out);
            break;
        } else if (st != REDIR_E_INVALID_ARGUMENT) {
            check_refused(&chain, REDIR_E_CHAIN_FAILED, out, sizeof out);
            usable = false;
        }
        if (!kept)
            return 0;
    }
    check_names(&chain, &r, usable);
    return 0;
}
