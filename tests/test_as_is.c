/*
 * test_as_is.c - the WHATWG resolver's fast path (URLs already in
 * serialized form, copied) must answer exactly as the full parser.
 *
 * This file compiles src/whatwg.c itself, its public function renamed so
 * that it does not clash with the library's, to reach the two static
 * halves: resolve_as_is(), the fast path, and resolve_full(), the URL
 * Standard's parser and serializer. For each seed (a base and a
 * reference) and for every mutation of it (each byte value written over
 * and inserted at each position of the reference, and of the base), the
 * entry point must give what resolve_full() gives: the status, the
 * length, the bytes and the components, with the base as a string, as a
 * parsed URL, and parsed and written over in place (what
 * redir_chain_advance() does); and with a buffer one byte short, the
 * same needed length and an untouched buffer.
 *
 * Each seed also says whether the fast path takes it: a fast path that
 * took nothing, or too much, fails here.
 *
 * SPDX-License-Identifier: MIT
 */
#define redir_whatwg_resolve tested_whatwg_resolve
#include "../src/whatwg.c"
#include "whatwg_halves.h"

#include "same_url.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

#define CAP 1024

/* redir_whatwg_resolve() (renamed) on these arguments. */
static redir_status whole(const char *base, size_t base_len,
                          const redir_url *base_url, const char *ref,
                          size_t ref_len, char *out, size_t out_cap,
                          size_t *out_len, redir_url *result)
{
    redir_job_set(&halves_work, base, base_len, base_url, ref, ref_len,
                  REDIR_URL_WHATWG, out, out_cap, out_len, result);
    return tested_whatwg_resolve(&halves_work);
}

typedef struct seed {
    const char *name;
    const char *base; /* NULL: none */
    const char *ref;
    bool fast; /* the fast path takes the seed itself */
} seed;

static const seed seeds[] = {
    {"absolute URL, path, query and fragment", NULL,
     "https://example.com/a/b.html?x=1&y=%41#top", true},
    {"absolute URL, empty path written as /", NULL, "http://a.example", true},
    {"absolute URL, empty path before a query", NULL, "http://a.example?q",
     true},
    {"absolute URL, a port that is not the default", NULL,
     "https://a.example:8443/p", true},
    {"absolute URL, the default port: full parser", NULL,
     "https://a.example:443/p", false},
    {"absolute URL, upper-case host: full parser", NULL, "http://A.example/",
     false},
    {"absolute URL, an IPv4 host: full parser", NULL, "http://10.0.0.1/x",
     false},
    {"absolute URL, a dot segment: full parser", NULL,
     "http://a.example/b/../c", false},
    {"absolute URL against a base", "http://b.example/d/e",
     "https://a.example/f?g", true},
    {"absolute URL against a base that fails: full parser", "http://[::1/",
     "https://a.example/f", false},
    {"path-absolute reference", "https://b.example:8080/d/e?f#g", "/h/i.j?k#l",
     true},
    {"path-absolute reference, its own empty query and fragment",
     "http://b.example/", "/?#", true},
    {"path-absolute reference, a percent-encoded segment: full parser",
     "http://b.example/", "/%2e%2E/x", false},
    {"path-absolute reference, an IPv6 base: full parser", "http://[::1]:81/a",
     "/b", false},
    {"scheme-relative reference: full parser", "http://b.example/",
     "//c.example/d", false},
    {"path-relative reference", "http://b.example/c/d", "e/f?g#h", true},
    {"path-relative reference against a base with a port, query, fragment",
     "https://b.example:81/c/d?x#y", "e", true},
    {"path-relative reference, a dot segment first: full parser",
     "http://b.example/c/d", "./e", false},
    {"path-relative reference, a colon in its first segment: full parser",
     "http://b.example/c/d", "e:f/g", false},
    {"query-only reference", "http://b.example/c/d?x#y", "?q=1#z", true},
    {"fragment-only reference keeps the base's query",
     "http://b.example/c/d?x#y", "#z", true},
    {"relative reference against a base without its '/': full parser",
     "http://b.example", "?q", false},
    {"relative reference against an opaque base: full parser", "mailto:x", "y",
     false},
};

typedef struct counts {
    size_t fast, full, compared;
} counts;

/* One resolution both ways into buffers of `cap` bytes that start as
 * copies of `init` (in place: base is then the buffer); false when they
 * differ. */
static bool same_both(const char *base, size_t base_len,
                      const redir_url *base_url, const char *ref,
                      size_t ref_len, size_t cap, bool in_place, counts *c)
{
    static char a[CAP], b[CAP];
    redir_url ua, ub;
    size_t la = 0, lb = 0;
    memset(a, '~', sizeof a);
    memset(b, '~', sizeof b);
    memset(&ua, 0x5a, sizeof ua);
    memset(&ub, 0x5a, sizeof ub);
    if (in_place) {
        memcpy(a, base, base_len);
        memcpy(b, base, base_len);
    }
    const char *ba = in_place ? a : base, *bb = in_place ? b : base;
    redir_status sa =
        whole(ba, base_len, base_url, ref, ref_len, a, cap, &la, &ua);
    const char *t = ref, *tb = bb;
    size_t tn = ref_len, tbn = base_len;
    redir_c0_trim(&t, &tn);
    if (base_url == NULL && tb != NULL)
        redir_c0_trim(&tb, &tbn);
    redir_status sb = full_half(tb, tbn, base_url, t, tn, b, cap, &lb, &ub);
    c->compared++;
    return sa == sb && la == lb && memcmp(a, b, sizeof a) == 0 &&
           (sa != REDIR_OK || same_url(&ua, &ub));
}

/* Whether the fast path takes base + ref (string base). */
static bool takes(const char *base, size_t base_len, const char *ref,
                  size_t ref_len)
{
    static char out[CAP];
    redir_url r;
    redir_status st;
    size_t len;
    redir_c0_trim(&ref, &ref_len);
    if (base != NULL)
        redir_c0_trim(&base, &base_len);
    return fast_half(base, base_len, NULL, ref, ref_len, out, sizeof out, &len,
                     &r, &st);
}

/* Every form of one input; false (and a message) on a difference. */
static bool check_input(const char *base, size_t base_len, const char *ref,
                        size_t ref_len, counts *c)
{
    static char parsed[CAP];
    redir_url pu;
    size_t plen = 0, need = 0;
    char probe[CAP];
    redir_url pr;
    bool ok = same_both(base, base_len, NULL, ref, ref_len, CAP, false, c);
    /* the needed length, then a buffer one byte short of it */
    if (whole(base, base_len, NULL, ref, ref_len, probe, sizeof probe, &need,
              &pr) == REDIR_OK &&
        need > 0)
        ok = ok &&
             same_both(base, base_len, NULL, ref, ref_len, need - 1, false, c);
    if (base != NULL && full_half(base, base_len, NULL, NULL, 0, parsed,
                                  sizeof parsed, &plen, &pu) == REDIR_OK) {
        ok = ok && same_both(parsed, plen, &pu, ref, ref_len, CAP, false, c);
        ok = ok && same_both(parsed, plen, &pu, ref, ref_len, CAP, true, c);
    }
    if (takes(base, base_len, ref, ref_len))
        c->fast++;
    else
        c->full++;
    if (!ok)
        print_error("differs: base \"%.*s\" ref \"%.*s\"\n",
                    base != NULL ? (int)base_len : 4,
                    base != NULL ? base : "NULL", (int)ref_len, ref);
    return ok;
}

/* Each byte value written over, and inserted at, each position of
 * text[0..n) (the reference, or with `in_base` the base). */
static size_t mutate(const seed *s, bool in_base, counts *c)
{
    const char *text = in_base ? s->base : s->ref;
    size_t n = strlen(text), bad = 0;
    char m[CAP];
    for (size_t at = 0; at <= n; at++) {
        for (int v = 0; v < 256; v++) {
            for (int insert = 0; insert < 2; insert++) {
                if (!insert && at == n)
                    continue;
                memcpy(m, text, at);
                m[at] = (char)v;
                size_t rest = insert ? at : at + 1;
                memcpy(m + at + 1, text + rest, n - rest);
                size_t mn = n - rest + at + 1;
                bool ok =
                    in_base
                        ? check_input(m, mn, s->ref, strlen(s->ref), c)
                        : check_input(s->base, s->base ? strlen(s->base) : 0, m,
                                      mn, c);
                bad += !ok && bad < 1000;
            }
        }
    }
    return bad;
}

static void check_seed(void **state)
{
    const seed *s = *state;
    size_t bl = s->base != NULL ? strlen(s->base) : 0, rl = strlen(s->ref);
    counts c = {0, 0, 0};
    assert_true(check_input(s->base, bl, s->ref, rl, &c));
    assert_int_equal(takes(s->base, bl, s->ref, rl), s->fast);
    size_t bad = mutate(s, false, &c);
    if (s->base != NULL)
        bad += mutate(s, true, &c);
    assert_int_equal(bad, 0);
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    test_list_add_rows(&list, check_seed, seeds, sizeof seeds / sizeof seeds[0],
                       sizeof seeds[0]);
    return test_list_run(&list, "as_is");
}
