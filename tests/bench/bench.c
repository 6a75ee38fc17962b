/*
 * bench.c - how fast redir resolves Locations, beside other URL libraries,
 * on the real-world corpus ../shared/bench/locations.tsv (base, Location,
 * the URL Standard's result). A report program, not a test: it prints
 * numbers, and exits 1 only when redir's whatwg mode gets a pair other
 * than the expected column.
 *
 *   redir_bench [--rounds N] [--corpus FILE]   time (ns per pair)
 *   redir_bench --instructions [--corpus FILE] instructions per pair,
 *                                               under callgrind
 *
 * (build: cmake -DREDIR_BUILD_BENCH=ON; the program is
 * build/tests/bench/redir_bench.)
 *
 * Each library parses the base string, resolves the Location and writes
 * the href, per pair: redir in whatwg and rfc3986 modes, and, when built
 * with them, uriparser and curl's URL API. Rounds are interleaved (one
 * pass of each library per round), and the best and the median round
 * are shown, with the results resolved, the results equal to the
 * expected column, and the ratio to redir whatwg. Then the cost as the
 * Location grows (16 B to 4 KiB of path and query), and the policy:
 * redir_chain_start() and one hop (fetch profile), with
 * redir_chain_next() and with redir_chain_advance().
 *
 * --instructions runs this program again under `valgrind --tool=callgrind`
 * for every library (and length), once with a fixed subset of the pairs
 * and once without, and prints the difference per pair: a figure that,
 * unlike time, does not move with the machine's load.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include "redir.h"
#include "redir_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef REDIR_BENCH_URIPARSER
#include <uriparser/Uri.h>
#endif
#ifdef REDIR_BENCH_CURL
#include <curl/curl.h>
#endif

#ifndef REDIR_SHARED_DIR
#define REDIR_SHARED_DIR "../shared"
#endif

enum { OUT_CAP = 65536, SUBSET = 4000 };

typedef struct pair {
    char *base, *loc, *want; /* NUL-terminated copies */
    size_t base_len, loc_len, want_len;
    bool want_failure;
    char *parsed; /* the base serialized, NULL when it fails alone */
    size_t parsed_len;
    redir_url parts; /* its components */
} pair;

static pair *pairs;
static size_t npairs;
static char out[OUT_CAP];

/* ---- the corpus ------------------------------------------------------ */

static char *unescape_dup(const char *s, size_t n, size_t *len)
{
    char *d = malloc(n + 1);
    size_t o = 0;
    if (d == NULL)
        exit(2);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            c = s[++i];
            c = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        }
        d[o++] = c;
    }
    d[o] = '\0';
    *len = o;
    return d;
}

static bool load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return false;
    size_t cap = 65536;
    char line[1 << 16];
    pairs = malloc(cap * sizeof *pairs);
    while (pairs != NULL && fgets(line, sizeof line, f) != NULL) {
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (t2 == NULL)
            continue;
        size_t n3 = strcspn(t2 + 1, "\n");
        pair *p = &pairs[npairs];
        if (npairs == cap)
            break;
        memset(p, 0, sizeof *p);
        p->base = unescape_dup(line, (size_t)(t1 - line), &p->base_len);
        p->loc = unescape_dup(t1 + 1, (size_t)(t2 - t1 - 1), &p->loc_len);
        p->want = unescape_dup(t2 + 1, n3, &p->want_len);
        p->want_failure = p->want_len == 1 && p->want[0] == '!';
        if (redir_url_resolve(NULL, 0, p->base, p->base_len, REDIR_URL_WHATWG,
                              out, sizeof out, &p->parsed_len,
                              &p->parts) == REDIR_OK) {
            p->parsed = malloc(p->parsed_len + 1);
            if (p->parsed == NULL)
                exit(2);
            memcpy(p->parsed, out, p->parsed_len);
        }
        npairs++;
    }
    fclose(f);
    return npairs > 0;
}

/* ---- the libraries ---------------------------------------------------- */

/* Resolves pair p; returns the href's length, or -1 on failure. */
typedef long (*resolve_fn)(const pair *p);

static long redir_mode(const pair *p, redir_url_mode mode)
{
    size_t len;
    if (redir_url_resolve(p->base, p->base_len, p->loc, p->loc_len, mode, out,
                          sizeof out, &len, NULL) != REDIR_OK)
        return -1;
    return (long)len;
}

static long run_whatwg(const pair *p)
{
    return redir_mode(p, REDIR_URL_WHATWG);
}

/* The base as a client holds its current URL: already parsed. */
static long run_whatwg_parsed(const pair *p)
{
    size_t len;
    if (p->parsed == NULL ||
        redir_url_resolve_parsed(p->parsed, p->parsed_len, &p->parts, p->loc,
                                 p->loc_len, REDIR_URL_WHATWG, out, sizeof out,
                                 &len, NULL) != REDIR_OK)
        return -1;
    return (long)len;
}

static long run_rfc3986(const pair *p)
{
    return redir_mode(p, REDIR_URL_RFC3986);
}

#ifdef REDIR_BENCH_URIPARSER
static long run_uriparser(const pair *p)
{
    UriUriA base, rel, res;
    const char *err;
    long n = -1;
    int chars;
    if (uriParseSingleUriExA(&base, p->base, p->base + p->base_len, &err) !=
        URI_SUCCESS)
        return -1;
    if (uriParseSingleUriExA(&rel, p->loc, p->loc + p->loc_len, &err) ==
        URI_SUCCESS) {
        if (uriAddBaseUriExA(&res, &rel, &base, URI_RESOLVE_STRICTLY) ==
            URI_SUCCESS) {
            if (uriToStringCharsRequiredA(&res, &chars) == URI_SUCCESS &&
                chars < OUT_CAP &&
                uriToStringA(out, &res, chars + 1, NULL) == URI_SUCCESS)
                n = chars;
            uriFreeUriMembersA(&res);
        }
        uriFreeUriMembersA(&rel);
    }
    uriFreeUriMembersA(&base);
    return n;
}
#endif

#ifdef REDIR_BENCH_CURL
static long run_curl(const pair *p)
{
    CURLU *h = curl_url();
    char *href = NULL;
    long n = -1;
    if (h != NULL && curl_url_set(h, CURLUPART_URL, p->base, 0) == CURLUE_OK &&
        curl_url_set(h, CURLUPART_URL, p->loc, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_URL, &href, 0) == CURLUE_OK) {
        n = (long)strlen(href);
        if (n < OUT_CAP)
            memcpy(out, href, (size_t)n);
        curl_free(href);
    }
    curl_url_cleanup(h);
    return n;
}
#endif

static const struct library {
    const char *name;
    resolve_fn fn;
} libs[] = {
    {"redir whatwg", run_whatwg},
    {"redir whatwg, parsed base", run_whatwg_parsed},
    {"redir rfc3986", run_rfc3986},
#ifdef REDIR_BENCH_URIPARSER
    {"uriparser", run_uriparser},
#endif
#ifdef REDIR_BENCH_CURL
    {"curl urlapi", run_curl},
#endif
};
enum { NLIBS = sizeof libs / sizeof libs[0] };

/* ---- timing ------------------------------------------------------------ */

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One pass of library `l` over pairs [0, n); counts results. */
static double pass(const struct library *l, size_t n, size_t *resolved,
                   size_t *matched)
{
    size_t ok = 0, same = 0;
    double t0 = now_ns();
    for (size_t i = 0; i < n; i++) {
        long len = l->fn(&pairs[i]);
        if (len < 0) {
            same += pairs[i].want_failure;
            continue;
        }
        ok++;
        same += (size_t)len == pairs[i].want_len &&
                memcmp(out, pairs[i].want, (size_t)len) == 0;
    }
    double t = now_ns() - t0;
    *resolved = ok;
    *matched = same;
    return t / (double)n;
}

/* Prints the corpus table; returns how many pairs redir whatwg got
 * other than the expected column (which is the URL Standard's). */
static size_t corpus_table(int rounds)
{
    double *ns = calloc((size_t)rounds * NLIBS, sizeof *ns);
    size_t resolved[NLIBS], matched[NLIBS];
    double best[NLIBS], med[NLIBS];
    if (ns == NULL)
        exit(2);
    for (int r = 0; r < rounds; r++)
        for (size_t l = 0; l < NLIBS; l++)
            ns[l * (size_t)rounds + (size_t)r] =
                pass(&libs[l], npairs, &resolved[l], &matched[l]);
    printf("Corpus: %zu pairs, %d interleaved rounds\n\n", npairs, rounds);
    printf("| library | ns/pair best | ns/pair median | resolved | equal to "
           "expected | median / redir whatwg |\n|---|---|---|---|---|---|\n");
    for (size_t l = 0; l < NLIBS; l++) {
        best[l] = ns[l * (size_t)rounds];
        for (int r = 1; r < rounds; r++)
            if (ns[l * (size_t)rounds + (size_t)r] < best[l])
                best[l] = ns[l * (size_t)rounds + (size_t)r];
        med[l] = median(ns + l * (size_t)rounds, (size_t)rounds);
    }
    for (size_t l = 0; l < NLIBS; l++)
        printf("| %s | %.0f | %.0f | %zu | %zu | %.2f |\n", libs[l].name,
               best[l], med[l], resolved[l], matched[l], med[l] / med[0]);
    free(ns);
    return npairs - matched[0];
}

/* ---- length scaling ------------------------------------------------------ */

static const size_t lengths[] = {16, 64, 256, 1024, 4096};
enum { NLENGTHS = sizeof lengths / sizeof lengths[0] };
static pair long_pair;
static char long_loc[4096 + 1];

/* A Location of n bytes: "/" and path segments, then a query. */
static void make_long(size_t n)
{
    static const char seg[] = "abcdefg/", query[] = "q=value&";
    size_t i = 0, half = n / 2;
    long_loc[i++] = '/';
    while (i < half)
        long_loc[i] = seg[(i - 1) % 8], i++;
    if (i < n)
        long_loc[i++] = '?';
    while (i < n)
        long_loc[i] = query[i % 8], i++;
    long_loc[n] = '\0';
    long_pair.base = "https://example.com/a/b/c";
    long_pair.base_len = strlen(long_pair.base);
    long_pair.loc = long_loc;
    long_pair.loc_len = n;
}

/* Items the length and policy tables time, and --instructions counts:
 * child() runs `count` units of each. */
enum {
    ITEM_WHATWG_LEN = NLIBS,            /* + length index */
    ITEM_RFC_LEN = NLIBS + NLENGTHS,    /* + length index */
    ITEM_POLICY = NLIBS + 2 * NLENGTHS, /* start, 2 hops next, 2 advance */
    ITEM_EXACT_LEN = ITEM_POLICY + 5    /* + length index */
};
static void child(int what, size_t count);

/* The best of 5 rounds of `count` units of item `what`, in ns a unit. */
static double time_item(int what, size_t count)
{
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = now_ns();
        child(what, count);
        double t = (now_ns() - t0) / (double)count;
        best = t < best ? t : best;
    }
    return best;
}

static void length_table(void)
{
    printf("\nLocation length (path then query; best of 5):\n\n| bytes | "
           "whatwg ns | whatwg ns/byte | rfc3986 ns | rfc3986 ns/byte "
           "|\n|---|---|---|---|---|\n");
    for (size_t k = 0; k < NLENGTHS; k++) {
        make_long(lengths[k]);
        size_t reps = 2000000 / (lengths[k] + 64);
        double w = time_item(ITEM_WHATWG_LEN + (int)k, reps),
               r = time_item(ITEM_RFC_LEN + (int)k, reps);
        printf("| %zu | %.0f | %.2f | %.0f | %.2f |\n", lengths[k], w,
               w / (double)lengths[k], r, r / (double)lengths[k]);
    }
}

/* ---- policy ---------------------------------------------------------------- */

static redir_policy policy;
static redir_chain chain;

/* A start, then a hop to loc (none when NULL) with redir_chain_next(), or
 * with `advance` redir_chain_advance(). */
static void hop(const char *loc, bool advance)
{
    redir_decision d;
    static const char start[] = "https://a.example/x/y?z";
    redir_chain_start(&chain, &policy, "GET", 3, start, sizeof start - 1,
                      REDIR_BODY_NONE);
    if (loc != NULL && advance)
        redir_chain_advance(&chain, 302, loc, strlen(loc), &d);
    else if (loc != NULL)
        redir_chain_next(&chain, 302, loc, strlen(loc), out, sizeof out, &d);
}

static const char *const hop_locs[] = {"/next?page=2",
                                       "https://b.example/landing"};
static const char *const hop_calls[] = {"redir_chain_next",
                                        "redir_chain_advance"};

/* A hop is timed as a start and the hop, less a start: the two are
 * timed in turn, round after round, so that both see the same machine,
 * and the best of 21 rounds of each is kept. */
static void policy_table(void)
{
    double best[5];
    for (int k = 0; k < 5; k++)
        best[k] = 1e30;
    for (int r = 0; r < 21; r++) {
        for (int k = 0; k < 5; k++) {
            double t0 = now_ns();
            child(ITEM_POLICY + k, 50000);
            double t = (now_ns() - t0) / 50000.0;
            best[k] = t < best[k] ? t : best[k];
        }
    }
    printf("\nPolicy (fetch profile, best of 21 interleaved rounds):\n\n"
           "| call | ns |\n|---|---|\n| redir_chain_start | %.0f |\n",
           best[0]);
    for (size_t i = 0; i < 4; i++)
        printf("| %s, Location \"%s\" | %.0f |\n", hop_calls[i / 2],
               hop_locs[i % 2], best[1 + i] - best[0]);
}

/* ---- instructions (callgrind) --------------------------------------------- */

/* Runs `count` units of item `what`: one pair of the corpus with
 * library `what` (< NLIBS), or an ITEM_* (none when count is 0). */
static void child(int what, size_t count)
{
    size_t resolved, matched;
    if (what < NLIBS) {
        if (count > 0)
            pass(&libs[what], count, &resolved, &matched);
    } else if (what >= ITEM_EXACT_LEN) { /* whatwg, out_cap = the length */
        size_t len = 0;
        make_long(lengths[what - ITEM_EXACT_LEN]);
        redir_url_resolve(long_pair.base, long_pair.base_len, long_pair.loc,
                          long_pair.loc_len, REDIR_URL_WHATWG, NULL, 0, &len,
                          NULL);
        for (size_t i = 0; i < count; i++)
            redir_url_resolve(long_pair.base, long_pair.base_len, long_pair.loc,
                              long_pair.loc_len, REDIR_URL_WHATWG, out, len,
                              &len, NULL);
    } else if (what < ITEM_POLICY) {
        int k = (what - ITEM_WHATWG_LEN) % NLENGTHS;
        make_long(lengths[k]);
        for (size_t i = 0; i < count; i++)
            (what >= ITEM_RFC_LEN ? run_rfc3986 : run_whatwg)(&long_pair);
    } else {
        redir_policy_init(&policy, REDIR_PROFILE_FETCH);
        int h = what - ITEM_POLICY;
        for (size_t i = 0; i < count; i++)
            hop(h == 0 ? NULL : hop_locs[(h - 1) % 2], h > 2);
    }
}

/* Instructions callgrind counts for `self --child what count`. */
static double collected(const char *self, const char *corpus, int what,
                        size_t count)
{
    char cmd[4096], line[512];
    double n = -1;
    /* An empty environment: its size moves the stack, and with it how
     * many iterations callgrind counts in libc's string instructions. */
    snprintf(cmd, sizeof cmd,
             "env -i PATH=\"$PATH\" valgrind --tool=callgrind "
             "--callgrind-out-file=/dev/null '%s' --corpus '%s' --child %d "
             "%zu 2>&1",
             self, corpus, what, count);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    while (fgets(line, sizeof line, p) != NULL) {
        const char *c = strstr(line, "Collected : ");
        if (c != NULL)
            n = strtod(c + 12, NULL);
    }
    pclose(p);
    return n;
}

static double per_item(const char *self, const char *corpus, int what,
                       size_t count)
{
    double with = collected(self, corpus, what, count);
    double without = collected(self, corpus, what, 0);
    if (with < 0 || without < 0) {
        fprintf(stderr, "redir_bench: valgrind did not run\n");
        exit(1);
    }
    return (with - without) / (double)count;
}

static void instructions(const char *self, const char *corpus)
{
    size_t n = npairs < SUBSET ? npairs : SUBSET;
    printf("Instructions (callgrind), the first %zu pairs of the corpus:\n\n"
           "| library | instructions/pair |\n|---|---|\n",
           n);
    for (int l = 0; l < NLIBS; l++)
        printf("| %s | %.0f |\n", libs[l].name, per_item(self, corpus, l, n));
    printf("\n| Location bytes | whatwg instructions/byte | whatwg, out_cap "
           "= the length | rfc3986 instructions/byte |\n|---|---|---|---|\n");
    for (int k = 0; k < NLENGTHS; k++)
        printf("| %zu | %.1f | %.1f | %.1f |\n", lengths[k],
               per_item(self, corpus, ITEM_WHATWG_LEN + k, 200) /
                   (double)lengths[k],
               per_item(self, corpus, ITEM_EXACT_LEN + k, 200) /
                   (double)lengths[k],
               per_item(self, corpus, ITEM_RFC_LEN + k, 200) /
                   (double)lengths[k]);
    double start = per_item(self, corpus, ITEM_POLICY, 1000);
    printf("\n| policy call | instructions |\n|---|---|\n"
           "| redir_chain_start | %.0f |\n",
           start);
    for (int h = 0; h < 4; h++)
        printf("| %s, Location \"%s\" | %.0f |\n", hop_calls[h / 2],
               hop_locs[h % 2],
               per_item(self, corpus, ITEM_POLICY + 1 + h, 1000) - start);
}

int main(int argc, char **argv)
{
    const char *corpus = REDIR_SHARED_DIR "/bench/locations.tsv";
    int rounds = 11, what = -1;
    size_t count = 0;
    bool instr = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--instructions") == 0)
            instr = true;
        else if (strcmp(argv[i], "--child") == 0 && i + 2 < argc)
            what = atoi(argv[i + 1]), count = strtoul(argv[i + 2], NULL, 10),
            i += 2;
        else {
            fprintf(stderr, "usage: redir_bench [--rounds N] [--corpus FILE] "
                            "[--instructions]\n");
            return 2;
        }
    }
    if (rounds < 1)
        return 2;
    if (!load(corpus)) { /* 77: skipped, for ctest */
        fprintf(stderr, "redir_bench: cannot read the corpus %s\n", corpus);
        return getenv("CI") != NULL ? 1 : 77;
    }
    if (what >= 0) {
        child(what, count);
        return 0;
    }
    printf("redir %s, %s\n\n", redir_version(),
           instr ? "instructions" : "time");
    if (instr) {
        instructions(argv[0], corpus);
        return 0;
    }
    size_t wrong = corpus_table(rounds);
    length_table();
    policy_table();
    if (wrong > 0)
        fprintf(stderr,
                "redir_bench: redir whatwg differs from the expected "
                "URL on %zu pairs\n",
                wrong);
    return wrong > 0;
}
