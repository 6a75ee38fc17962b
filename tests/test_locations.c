/*
 * test_locations.c - REDIR_URL_WHATWG mode on 47,986 realistic redirects:
 * real web URLs as the current URL, Location values in the shapes
 * servers send, and the URL Standard's result for each.
 *
 * The data is not part of the repository: it is read at run time from
 * REDIR_SHARED_DIR/bench/locations.tsv (the build passes the path). Each
 * line is BASE<TAB>LOCATION<TAB>EXPECTED, fields escaping '\', tab, LF
 * and CR as \\ \t \n \r; EXPECTED "!" means the standard's parser fails
 * (then any failure status matches). When the file is missing the test
 * fails if the environment variable CI is set, and is skipped otherwise.
 *
 * One cmocka test per block of 1000 lines, failing when any line of the
 * block mismatches; the first 20 mismatches are printed in detail, then
 * a summary line with the counts.
 *
 * Every line must match. In a build without IDNA (REDIR_NO_IDNA) a line
 * that "needs IDNA" may instead fail with REDIR_E_IDNA_UNSUPPORTED
 * (counted apart): a host in the Location, the base or the expected URL
 * (special schemes only, userinfo excluded, percent-decoded) holds a
 * byte >= 0x80 or a label starting with "xn--". No other line may ever
 * report idna-unsupported.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_url.h"

#define CONFORMANCE_PROGRAM "test_locations"
#include "conformance.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

#ifndef REDIR_SHARED_DIR
#error "REDIR_SHARED_DIR must name the shared data directory"
#endif

#define LOCATIONS_PATH REDIR_SHARED_DIR "/bench/locations.tsv"
#define BLOCK_LINES    1000
#define DETAILS_MAX    20
#define BIG_CAP        ((size_t)64 * 1024)

/* ------------------------------------------------------------------ */
/* The lines                                                           */

/* One line; the fields point into the loaded file, unescaped in place
 * (unescaping only shortens). */
typedef struct line {
    size_t number; /* 1-based line number in the file */
    const char *field[3];
    size_t len[3];
} line;

enum { F_BASE, F_LOCATION, F_EXPECTED };

/* Unescapes s[0..n) in place; false on a backslash not followed by one
 * of \ t n r. */
static bool unescape(char *s, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (s[i] != '\\') {
            s[k++] = s[i];
            continue;
        }
        if (++i == *n)
            return false;
        switch (s[i]) {
        case '\\':
            s[k++] = '\\';
            break;
        case 't':
            s[k++] = '\t';
            break;
        case 'n':
            s[k++] = '\n';
            break;
        case 'r':
            s[k++] = '\r';
            break;
        default:
            return false;
        }
    }
    *n = k;
    return true;
}

/* Splits the file into lines of exactly three fields; on error fills
 * `why` and returns false. A final line without '\n' is accepted. */
static bool parse_lines(char *text, size_t len, line **out, size_t *count,
                        char *why, size_t why_cap)
{
    size_t cap = 1024, n = 0;
    line *v = xmalloc(cap * sizeof *v);
    size_t pos = 0, number = 0;
    while (pos < len) {
        char *start = text + pos;
        char *nl = memchr(start, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - start) : len - pos;
        pos += line_len + (nl ? 1 : 0);
        number++;
        if (n == cap) {
            cap *= 2;
            line *grown = realloc(v, cap * sizeof *grown);
            if (grown == NULL) {
                fprintf(stderr, "test_locations: out of memory\n");
                exit(1);
            }
            v = grown;
        }
        line *l = &v[n];
        l->number = number;
        size_t f = 0, from = 0;
        for (size_t i = 0; i <= line_len; i++) {
            if (i < line_len && start[i] != '\t')
                continue;
            if (f == 3)
                break;
            l->field[f] = start + from;
            l->len[f] = i - from;
            f++;
            from = i + 1;
        }
        if (f != 3 || memchr(start, '\t', line_len) == NULL ||
            l->field[2] + l->len[2] != start + line_len) {
            snprintf(why, why_cap,
                     "line %zu does not have exactly three "
                     "tab-separated fields",
                     number);
            free(v);
            return false;
        }
        for (f = 0; f < 3; f++)
            if (!unescape(start + (l->field[f] - start), &l->len[f])) {
                snprintf(why, why_cap,
                         "line %zu: a backslash not followed "
                         "by \\, t, n or r",
                         number);
                free(v);
                return false;
            }
        n++;
    }
    *out = v;
    *count = n;
    return true;
}

/* ------------------------------------------------------------------ */
/* Running the lines                                                   */

static size_t count_matched, count_mismatched, count_idna, details_shown;

typedef struct block {
    char *name;
    const line *first;
    size_t count;
} block;

static bool line_needs_idna(const line *l)
{
    size_t bs_len = 0;
    char *bs = scheme_of(l->field[F_BASE], l->len[F_BASE], &bs_len);
    bool need =
        url_needs_idna(l->field[F_BASE], l->len[F_BASE], NULL, 0) ||
        url_needs_idna(l->field[F_LOCATION], l->len[F_LOCATION], bs, bs_len) ||
        (!(l->len[F_EXPECTED] == 1 && l->field[F_EXPECTED][0] == '!') &&
         url_needs_idna(l->field[F_EXPECTED], l->len[F_EXPECTED], NULL, 0));
    free(bs);
    return need;
}

static void show_mismatch(const line *l, bool idna, redir_status st,
                          const char *out, size_t len, const char *why)
{
    if (details_shown == DETAILS_MAX)
        print_error("  (further mismatches are only counted)\n");
    if (details_shown++ >= DETAILS_MAX)
        return;
    print_error("  line %zu%s: %s\n", l->number, idna ? " (needs IDNA)" : "",
                why);
    show("base:    ", l->field[F_BASE], l->len[F_BASE]);
    show("location:", l->field[F_LOCATION], l->len[F_LOCATION]);
    show("expected:", l->field[F_EXPECTED], l->len[F_EXPECTED]);
    if (st == REDIR_OK)
        show("got:     ", out, len);
    else
        print_error("    got:      status %s (%d)\n", redir_status_name(st),
                    (int)st);
}

/* How redir_url_resolve_parsed() differs from the result (st, out, len)
 * of redir_url_resolve(base, loc), or NULL when it does not. The base is
 * first serialized (resolved with no base), then used parsed: a
 * serialization reads back as itself, so both must give the same. */
static const char *parsed_differs(const char *base, size_t base_len,
                                  const char *loc, size_t loc_len,
                                  redir_status st, const char *out, size_t len)
{
    static char text[BIG_CAP], got[BIG_CAP];
    size_t text_len, got_len;
    redir_url parts, u;
    if (redir_url_resolve(NULL, 0, base, base_len, REDIR_URL_WHATWG, text,
                          sizeof text, &text_len, &parts) != REDIR_OK)
        return st == REDIR_OK ? "a base that fails alone gave a result" : NULL;
    char *copy = xmalloc(text_len); /* exact size, for ASan */
    memcpy(copy, text, text_len);
    redir_status pst = redir_url_resolve_parsed(copy, text_len, &parts, loc,
                                                loc_len, REDIR_URL_WHATWG, got,
                                                sizeof got, &got_len, &u);
    free(copy);
    if (pst != st)
        return "redir_url_resolve_parsed gave another status";
    if (st == REDIR_OK && (got_len != len || memcmp(got, out, len) != 0))
        return "redir_url_resolve_parsed gave another URL";
    return NULL;
}

enum verdict { MATCHED, MISMATCHED, IDNA_UNSUPPORTED };

static enum verdict run_line(const line *l, char *out)
{
    bool idna = line_needs_idna(l) && !have_idna();
    bool want_failure =
        l->len[F_EXPECTED] == 1 && l->field[F_EXPECTED][0] == '!';
    /* Exact-size heap copies without a NUL, so ASan sees overreads. */
    char *base = xmalloc(l->len[F_BASE]);
    char *loc = xmalloc(l->len[F_LOCATION]);
    memcpy(base, l->field[F_BASE], l->len[F_BASE]);
    if (l->len[F_LOCATION] > 0)
        memcpy(loc, l->field[F_LOCATION], l->len[F_LOCATION]);
    size_t len = (size_t)-1;
    redir_url u;
    redir_status st =
        redir_url_resolve(base, l->len[F_BASE], loc, l->len[F_LOCATION],
                          REDIR_URL_WHATWG, out, BIG_CAP, &len, &u);
    const char *why = parsed_differs(base, l->len[F_BASE], loc,
                                     l->len[F_LOCATION], st, out, len);
    free(loc);
    free(base);
    if (why != NULL) {
        show_mismatch(l, idna, st, out, len, why);
        return MISMATCHED;
    }
    if (st != REDIR_OK && len != 0) {
        show_mismatch(l, idna, st, out, len,
                      "a failure that reports a length other than 0");
        return MISMATCHED;
    }
    if (st == REDIR_E_IDNA_UNSUPPORTED && !idna) {
        show_mismatch(l, idna, st, out, len,
                      "idna-unsupported, but the line needs no IDNA");
        return MISMATCHED;
    }
    if (want_failure) {
        if (st != REDIR_OK)
            return MATCHED;
        show_mismatch(l, idna, st, out, len, "expected failure, got success");
        return MISMATCHED;
    }
    if (st == REDIR_E_IDNA_UNSUPPORTED)
        return IDNA_UNSUPPORTED;
    if (st != REDIR_OK) {
        show_mismatch(l, idna, st, out, len, "expected success");
        return MISMATCHED;
    }
    if (len != l->len[F_EXPECTED] ||
        memcmp(out, l->field[F_EXPECTED], len) != 0) {
        show_mismatch(l, idna, st, out, len, "different result");
        return MISMATCHED;
    }
    return MATCHED;
}

static void test_block(void **state)
{
    const block *b = *state;
    char *out = xmalloc(BIG_CAP);
    size_t bad = 0;
    for (size_t i = 0; i < b->count; i++) {
        switch (run_line(&b->first[i], out)) {
        case MATCHED:
            count_matched++;
            break;
        case IDNA_UNSUPPORTED:
            count_idna++;
            break;
        case MISMATCHED:
            count_mismatched++;
            bad++;
            break;
        }
    }
    free(out);
    if (bad > 0) {
        print_error("%zu of %zu lines mismatched\n", bad, b->count);
        fail();
    }
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

int main(void)
{
    test_list list = {NULL, 0, 0};
    line *lines = NULL;
    size_t count = 0, nblocks = 0;
    block *blocks = NULL;
    bool loaded = false, skipped = false;
    size_t len = 0;
    char *text = read_file(LOCATIONS_PATH, &len);
    if (text == NULL) {
        skipped = add_data_missing_test(&list, "locations.tsv is readable",
                                        "locations data", LOCATIONS_PATH);
    } else {
        char why[256];
        if (!parse_lines(text, len, &lines, &count, why, sizeof why)) {
            snprintf(load_error, sizeof load_error, "%s: %s", LOCATIONS_PATH,
                     why);
            test_list_add(&list, "locations.tsv is well-formed",
                          test_data_malformed, NULL);
        } else if (count == 0) {
            snprintf(load_error, sizeof load_error, "%s: no lines",
                     LOCATIONS_PATH);
            test_list_add(&list, "locations.tsv has lines", test_data_malformed,
                          NULL);
        } else {
            loaded = true;
            nblocks = (count + BLOCK_LINES - 1) / BLOCK_LINES;
            blocks = xmalloc(nblocks * sizeof *blocks);
            for (size_t i = 0; i < nblocks; i++) {
                block *b = &blocks[i];
                b->first = lines + i * BLOCK_LINES;
                b->count = count - i * BLOCK_LINES < BLOCK_LINES
                               ? count - i * BLOCK_LINES
                               : BLOCK_LINES;
                char name[96];
                snprintf(name, sizeof name, "locations.tsv lines %zu-%zu",
                         b->first[0].number, b->first[b->count - 1].number);
                b->name = xmalloc(strlen(name) + 1);
                memcpy(b->name, name, strlen(name) + 1);
                test_list_add(&list, b->name, test_block, b);
            }
        }
    }
    int failed = test_list_run(&list, "locations");
    if (loaded)
        printf("locations.tsv: %zu matched, %zu mismatched, %zu "
               "idna-unsupported (of %zu)\n",
               count_matched, count_mismatched, count_idna, count);
    else
        printf("locations.tsv: not run (%s)\n", load_error);
    fflush(stdout);
    for (size_t i = 0; i < nblocks; i++)
        free(blocks[i].name);
    free(blocks);
    free(lines);
    free(text);
    if (failed != 0)
        return 1;
    return skipped ? 77 : 0; /* 77: ctest SKIP_RETURN_CODE */
}
