/*
 * run_tables.c - unit tables on the emulated micro:bit (Cortex-M0, 16 KiB
 * of RAM), built with the small configuration (no IDNA, REDIR_URL_MAX
 * 512, REDIR_HOST_MAX 64, REDIR_LOOP_SLOTS 4):
 *   - the RFC 3986 section 5.4 examples, strict and compat
 *     (rfc3986_examples.h);
 *   - the WPT URL cases whose input and base are ASCII (wpt_cases.h,
 *     which firmware.py writes from ../shared/conformance/urltestdata.json);
 *   - the single-hop policy rows of fetch, curl, strict and the SSRF guard
 *     (policy_rows.h) and the CVE and fail-closed rows (cve_rows.h), with
 *     redir_chain_next() and again with redir_chain_advance();
 *   - the multi-hop rows (chain_rows.h: loops, limits of a row's own,
 *     method and body changes across hops), every step checked, the same
 *     two ways;
 *   - the header-filter rows of fetch, curl and strict: hops followed
 *     with redir_chain_advance() (the one-buffer way), then whether a
 *     header of the first request is sent (header_rows.h).
 * Every call runs on a painted stack, and the deepest stack any call of
 * each function used is printed. Ends with PASS, or FAIL and the cases.
 *
 * Built with FW_KEPT_PROFILE (a library that keeps one profile,
 * REDIR_ONLY_PROFILE), the rows of that profile run as ever, and every
 * row of another must be refused at its policy with profile-unsupported.
 * Built with REDIR_ONLY_HTTP, a WPT case whose input or base is of a
 * scheme other than http and https must be refused with
 * scheme-unsupported, and every other case gives its href as ever.
 * Built with REDIR_NO_IPV6, a WPT case whose href or base has an IPv6
 * host must be refused with ipv6-unsupported, and so may a policy row
 * whose Location has a '['.
 *
 * SPDX-License-Identifier: MIT
 */
#include "chain_rows.h"
#include "cve_rows.h"
#include "firmware.h"
#include "header_rows.h"
#include "policy_rows.h"
#include "redir.h"
#include "rfc3986_examples.h"
#include "wpt_cases.h"

#define OUT_CAP (2 * REDIR_URL_MAX)

static char out[OUT_CAP];
static redir_chain chain;
static unsigned failures;

/* ---- printing, without printf ------------------------------------------- */

static void put_num(size_t n)
{
    char b[24];
    size_t i = sizeof b;
    b[--i] = '\0';
    do {
        b[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0 && i > 0);
    fw_puts(b + i);
}

static void put_n(const char *s, size_t n)
{
    char b[65];
    while (n > 0) {
        size_t k = n < 64 ? n : 64;
        memcpy(b, s, k);
        b[k] = '\0';
        fw_puts(b);
        s += k;
        n -= k;
    }
}

static void fail_case(const char *what, const char *name, const char *detail)
{
    failures++;
    fw_puts("FAIL: ");
    fw_puts(what);
    fw_puts(" \"");
    fw_puts(name);
    fw_puts("\": ");
    fw_puts(detail);
    fw_puts("\n");
}

/* ---- stack painting ------------------------------------------------------ */

/* Free RAM runs from the end of .bss up to the stack. Before a call the
 * harness fills it with a pattern up to just below its own frame; after
 * it, the lowest word no longer holding the pattern is as deep as the
 * call went. The figure includes the part of the harness's frame below
 * `mark` (a few words). */
extern uint32_t _ebss[];
#define PAINT 0xa5c3a5c3u

enum { FN_RFC, FN_WHATWG, FN_START, FN_NEXT, FN_ADVANCE, FN_COUNT };
static const char *const fn_names[FN_COUNT] = {
    "redir_url_resolve_with (RFC 3986)", "redir_url_resolve_with (WHATWG)",
    "redir_chain_start", "redir_chain_next", "redir_chain_advance"};
static size_t deepest[FN_COUNT];

static void paint(const volatile uint32_t *mark)
{
    uintptr_t top = (uintptr_t)mark - 128; /* below the harness's frame */
    for (uint32_t *p = _ebss; (uintptr_t)p < top; p++)
        *p = PAINT;
}

static void record(int fn, const volatile uint32_t *mark)
{
    const uint32_t *p = _ebss;
    while ((uintptr_t)p < (uintptr_t)mark && *p == PAINT)
        p++;
    size_t used = (size_t)((uintptr_t)mark - (uintptr_t)p);
    if (used > deepest[fn])
        deepest[fn] = used;
}

/* As firmware resolves: the work area static, out of the stack. */
static redir_url_work work;

static redir_status resolve(int fn, const char *base, size_t base_len,
                            const char *ref, size_t ref_len,
                            redir_url_mode mode, size_t *len)
{
    volatile uint32_t mark = 0;
    redir_url u;
    paint(&mark);
    redir_status st =
        redir_url_resolve_with(&work, base, base_len, NULL, ref, ref_len, mode,
                               out, sizeof out, len, &u);
    record(fn, &mark);
    return st;
}

/* ---- RFC 3986 ------------------------------------------------------------ */

typedef struct rfc_case {
    const char *ref, *strict, *compat;
} rfc_case;

#define RFC_CASE_(sec, ref, strict, compat) {ref, strict, compat},
static const rfc_case rfc_cases[] = {RFC_EXAMPLES(RFC_CASE_)};

static bool equal(const char *got, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(got, want, n) == 0;
}

static size_t run_rfc(void)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof rfc_cases / sizeof rfc_cases[0]; i++) {
        const rfc_case *c = &rfc_cases[i];
        for (int compat = 0; compat < 2; compat++, n++) {
            size_t len = 0;
            redir_status st = resolve(
                FN_RFC, RFC_BASE, strlen(RFC_BASE), c->ref, strlen(c->ref),
                compat ? REDIR_URL_RFC3986_COMPAT : REDIR_URL_RFC3986, &len);
            if (st != REDIR_OK ||
                !equal(out, len, compat ? c->compat : c->strict))
                fail_case(compat ? "rfc3986-compat" : "rfc3986", c->ref,
                          st != REDIR_OK ? redir_status_name(st)
                                         : "wrong target");
        }
    }
    return n;
}

/* ---- WPT ----------------------------------------------------------------- */

/* WPT cases a library built with REDIR_ONLY_HTTP or REDIR_NO_IPV6
 * refused, as it must. */
static size_t other_schemes, ipv6_hosts;

static size_t run_wpt(size_t *idna)
{
    size_t n = sizeof wpt_cases / sizeof wpt_cases[0];
    for (size_t i = 0; i < n; i++) {
        const wpt_case *c = &wpt_cases[i];
        size_t len = 0;
        redir_status st =
            resolve(FN_WHATWG, c->base, c->base ? strlen(c->base) : 0, c->input,
                    c->input_len, REDIR_URL_WHATWG, &len);
#ifdef REDIR_ONLY_HTTP
        if (c->other_scheme) {
            if (st == REDIR_E_SCHEME_UNSUPPORTED)
                other_schemes++;
            else
                fail_case("wpt, another scheme", c->input,
                          redir_status_name(st));
            continue;
        }
#endif
#ifdef REDIR_NO_IPV6
        if (c->ipv6_host) {
            if (st == REDIR_E_IPV6_UNSUPPORTED)
                ipv6_hosts++;
            else
                fail_case("wpt, an IPv6 host", c->input, redir_status_name(st));
            continue;
        }
#endif
        if (st == REDIR_E_IDNA_UNSUPPORTED && c->maybe_idna) {
            (*idna)++;
        } else if (c->href == NULL
                       ? st == REDIR_OK
                       : st != REDIR_OK || !equal(out, len, c->href)) {
            fail_case("wpt", c->input,
                      st != REDIR_OK    ? redir_status_name(st)
                      : c->href == NULL ? "succeeded, failure expected"
                                        : "wrong href");
            if (st == REDIR_OK) {
                fw_puts("    got ");
                put_n(out, len);
                fw_puts("\n");
            }
        }
    }
    return n;
}

/* ---- policy -------------------------------------------------------------- */

/* Whether a row is of a profile the library leaves out (FW_KEPT_PROFILE
 * set), where `st` is its policy's status: then it must be
 * profile-unsupported, and the row goes no further. */
static size_t left_out_rows;

static bool left_out(const char *name, redir_profile profile, redir_status st)
{
#ifdef FW_KEPT_PROFILE
    if (profile != FW_KEPT_PROFILE) {
        if (st != REDIR_E_PROFILE_UNSUPPORTED)
            fail_case("left-out profile", name, redir_status_name(st));
        left_out_rows++;
        return true;
    }
#else
    (void)name, (void)profile, (void)st;
#endif
    return false;
}

/* A function of its own, so that its frame stays out of the stack
 * figures of run_hop(). */
static bool row_matches(const hop_row *r, redir_status st,
                        const redir_decision *d, const char *url)
{
    expect e = hop_expect(r);
    return decision_matches(d, st, url, &e);
}

/* Without IDNA a row whose host needs it fails closed with
 * idna-unsupported; allowed where the row expects an error anyway, or
 * where its Location holds a non-ASCII byte. */
static size_t idna_hops;

/* Without IPv6 hosts, a row whose Location names one fails closed with
 * ipv6-unsupported; allowed where the Location has a '['. */
static size_t ipv6_hops;

static bool non_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

#ifdef REDIR_NO_IPV6
static bool has_bracket(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '[')
            return true;
    return false;
}
#endif

/* A row with redir_chain_next(), or with `advance` redir_chain_advance(),
 * whose next URL is the chain's. */
static void run_hop(const hop_row *r, bool advance)
{
    volatile uint32_t mark = 0;
    redir_policy policy;
    redir_decision d;
    redir_status st = row_policy(&policy, r->profile, r->options, -1, NULL);
    if (left_out(r->name, r->profile, st))
        return;
    paint(&mark);
    if (st == REDIR_OK)
        st = redir_chain_start(&chain, &policy, r->method, strlen(r->method),
                               r->start, strlen(r->start), r->body);
    record(FN_START, &mark);
    if (st != REDIR_OK) {
        fail_case("policy", r->name, redir_status_name(st));
        return;
    }
    paint(&mark);
    if (advance)
        st = redir_chain_advance(&chain, r->status, r->loc, r->loc_len, &d);
    else
        st = redir_chain_next(&chain, r->status, r->loc, r->loc_len, out,
                              sizeof out, &d);
    record(advance ? FN_ADVANCE : FN_NEXT, &mark);
    const char *url = advance ? redir_chain_url(&chain, NULL) : out;
    if (st == REDIR_E_IDNA_UNSUPPORTED &&
        (r->action == REDIR_ACTION_ERROR || non_ascii(r->loc, r->loc_len)))
        idna_hops += !advance;
#ifdef REDIR_NO_IPV6
    else if (st == REDIR_E_IPV6_UNSUPPORTED && has_bracket(r->loc, r->loc_len))
        ipv6_hops += !advance;
#endif
    else if (!row_matches(r, st, &d, url))
        fail_case(advance ? "advance" : "policy", r->name,
                  redir_status_name(d.reason));
}

#define ROWS(t)                                                                \
    {                                                                          \
        t, sizeof t / sizeof t[0]                                              \
    }
static const struct {
    const hop_row *rows;
    size_t n;
} hop_tables[] = {
    ROWS(hop_rows_fetch), ROWS(hop_rows_fetch2), ROWS(hop_rows_fetch_target),
    ROWS(hop_rows_curl),  ROWS(hop_rows_strict), ROWS(hop_rows_ssrf),
    ROWS(cve_hop_rows),   ROWS(cve_hop_rows2),   ROWS(fail_closed_hop_rows)};

static size_t run_policy(void)
{
    size_t n = 0;
    for (size_t t = 0; t < sizeof hop_tables / sizeof hop_tables[0]; t++)
        for (size_t i = 0; i < hop_tables[t].n; i++, n++) {
            run_hop(&hop_tables[t].rows[i], false);
            run_hop(&hop_tables[t].rows[i], true);
        }
    return n;
}

/* ---- multi-hop chains ---------------------------------------------------- */

/* One row, every step with redir_chain_next(), or with `advance`
 * redir_chain_advance(); the row's first wrong decision fails it. */
static void run_chain(const chain_row *r, bool advance)
{
    redir_policy policy;
    redir_status st = row_policy(&policy, r->profile, r->options, -1, NULL);
    if (left_out(r->name, r->profile, st))
        return;
    if (st == REDIR_OK)
        st = redir_chain_start(&chain, &policy, r->method, strlen(r->method),
                               r->start, strlen(r->start), r->body);
    if (st != REDIR_OK) {
        fail_case("chain", r->name, redir_status_name(st));
        return;
    }
    for (size_t i = 0; i < MAX_STEPS && r->steps[i].status != 0; i++) {
        const step *s = &r->steps[i];
        size_t n = s->loc != NULL ? strlen(s->loc) : 0;
        redir_decision d;
        st = advance ? redir_chain_advance(&chain, s->status, s->loc, n, &d)
                     : redir_chain_next(&chain, s->status, s->loc, n, out,
                                        sizeof out, &d);
        expect e = step_expect(s, (uint32_t)(i + 1));
        if (!decision_matches(
                &d, st, advance ? redir_chain_url(&chain, NULL) : out, &e)) {
            fail_case(advance ? "chain, advance" : "chain", r->name,
                      redir_status_name(d.reason));
            return;
        }
    }
}

static size_t run_chains(void)
{
    size_t n = sizeof chain_rows / sizeof chain_rows[0];
    for (size_t i = 0; i < n; i++) {
        run_chain(&chain_rows[i], false);
        run_chain(&chain_rows[i], true);
    }
    return n;
}

/* ---- headers after hops -------------------------------------------------- */

static void run_header(const header_row *r)
{
    redir_policy policy;
    redir_decision d;
    redir_status st =
        row_policy(&policy, r->profile, r->options, -1, r->sensitive);
    if (left_out(r->name, r->profile, st))
        return;
    if (st == REDIR_OK)
        st = redir_chain_start(&chain, &policy, r->method, strlen(r->method),
                               r->start, strlen(r->start), r->body);
    for (size_t i = 0; st == REDIR_OK && i < MAX_HOPS && r->hops[i].status;
         i++) {
        const char *loc = r->hops[i].loc;
        st = redir_chain_advance(&chain, r->hops[i].status, loc,
                                 loc ? strlen(loc) : 0, &d);
    }
    if (st != REDIR_OK)
        fail_case("headers", r->name, redir_status_name(st));
    else if (redir_chain_send_header(&chain, r->header, strlen(r->header)) !=
             r->send)
        fail_case("headers", r->name, r->send ? "not sent" : "sent");
}

static const struct {
    const header_row *rows;
    size_t n;
} header_tables[] = {ROWS(header_rows_fetch),  ROWS(header_rows_curl),
                     ROWS(header_rows_strict), ROWS(cve_header_rows),
                     ROWS(cve_header_rows2),   ROWS(fail_closed_header_rows)};

static size_t run_headers(void)
{
    size_t n = 0;
    for (size_t t = 0; t < sizeof header_tables / sizeof header_tables[0]; t++)
        for (size_t i = 0; i < header_tables[t].n; i++, n++)
            run_header(&header_tables[t].rows[i]);
    return n;
}

int main(void)
{
    size_t idna = 0;
    size_t rfc = run_rfc();
    size_t wpt = run_wpt(&idna);
    size_t policy = run_policy();
    size_t chains = run_chains();
    size_t headers = run_headers();
    fw_puts("rfc3986 cases: ");
    put_num(rfc);
    fw_puts("\nWPT cases: ");
    put_num(wpt);
    fw_puts(" (idna-unsupported, allowed: ");
    put_num(idna);
    fw_puts("; scheme-unsupported, as required: ");
    put_num(other_schemes);
    fw_puts("; ipv6-unsupported, as required: ");
    put_num(ipv6_hosts);
    fw_puts(")\npolicy rows, each with next and advance: ");
    put_num(policy);
    fw_puts(" (idna-unsupported where an error is expected or the Location "
            "is not ASCII, allowed: ");
    put_num(idna_hops);
    fw_puts("; ipv6-unsupported where the Location has a '[', allowed: ");
    put_num(ipv6_hops);
    fw_puts(")\nmulti-hop rows, each with next and advance: ");
    put_num(chains);
    fw_puts("\nheader rows: ");
    put_num(headers);
    fw_puts("\nruns of rows of a left-out profile, refused as they must be: ");
    put_num(left_out_rows);
    fw_puts("\nDeepest stack measured (bytes):\n");
    for (int f = 0; f < FN_COUNT; f++) {
        fw_puts("  ");
        fw_puts(fn_names[f]);
        fw_puts(": ");
        put_num(deepest[f]);
        fw_puts("\n");
    }
    fw_puts(failures == 0 ? "PASS\n" : "FAIL\n");
    return failures == 0 ? 0 : 1;
}
