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
 * IDNA (UTS 46) is not implemented by this build. A line "needs IDNA"
 * when a host in the Location, the base or the expected URL (special
 * schemes only, userinfo excluded, percent-decoded) holds a byte >= 0x80
 * or a label starting with "xn--". Such a line matches exactly or fails
 * with REDIR_E_IDNA_UNSUPPORTED (counted apart); no other line may ever
 * report idna-unsupported.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_url.h"

#include "table.h"

#include <stdbool.h>
#include <string.h>

#ifndef REDIR_SHARED_DIR
#error "REDIR_SHARED_DIR must name the shared data directory"
#endif

#define LOCATIONS_PATH REDIR_SHARED_DIR "/bench/locations.tsv"
#define BLOCK_LINES 1000
#define DETAILS_MAX 20
#define BIG_CAP ((size_t)64 * 1024)

/* ------------------------------------------------------------------ */
/* Heap helpers                                                        */

static void *xmalloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "test_locations: out of memory\n");
        exit(1);
    }
    return p;
}

/* Appends text to a growing heap string. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *grown = realloc(b->p, cap);
        if (grown == NULL) {
            fprintf(stderr, "test_locations: out of memory\n");
            exit(1);
        }
        b->p = grown;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Appends `s` with controls, '"' and '\' escaped; other bytes (UTF-8
 * included) as they are. */
static void sb_escaped(sbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[4];
        if (c == '"' || c == '\\') {
            e[0] = '\\';
            e[1] = (char)c;
            sb_add(b, e, 2);
        } else if (c == '\t') {
            sb_add(b, "\\t", 2);
        } else if (c == '\n') {
            sb_add(b, "\\n", 2);
        } else if (c == '\r') {
            sb_add(b, "\\r", 2);
        } else if (c < 0x20 || c == 0x7f) {
            e[0] = '\\';
            e[1] = 'x';
            e[2] = hex[c >> 4];
            e[3] = hex[c & 15];
            sb_add(b, e, 4);
        } else {
            e[0] = (char)c;
            sb_add(b, e, 1);
        }
    }
}

/* Prints `label: "text"` with escapes. */
static void show(const char *label, const char *s, size_t n)
{
    sbuf b = {NULL, 0, 0};
    sb_str(&b, "");
    sb_escaped(&b, s, n);
    print_error("    %s \"%s\"\n", label, b.p);
    free(b.p);
}

/* ------------------------------------------------------------------ */
/* Which lines need IDNA                                               */

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_special_scheme(const char *s, size_t n)
{
    static const char *const special[] = {"http", "https", "ws",
                                          "wss",  "ftp",   "file"};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
        size_t m = strlen(special[i]);
        if (m != n)
            continue;
        size_t k = 0;
        while (k < n && ascii_lower(s[k]) == special[i][k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Whether a host text (percent-decoded here) holds a byte >= 0x80 or a
 * label starting with "xn--" (ASCII case-insensitively). */
static bool host_text_needs_idna(const char *h, size_t n)
{
    char *d = xmalloc(n);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (h[i] == '%' && i + 2 < n && (hi = hex_value(h[i + 1])) >= 0 &&
            (lo = hex_value(h[i + 2])) >= 0) {
            d[m++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            d[m++] = h[i];
        }
    }
    bool need = false;
    size_t label = 0; /* start of the current label */
    for (size_t i = 0; i <= m && !need; i++) {
        if (i < m && (unsigned char)d[i] >= 0x80)
            need = true;
        else if (i == m || d[i] == '.') {
            if (i - label >= 4 && ascii_lower(d[label]) == 'x' &&
                ascii_lower(d[label + 1]) == 'n' && d[label + 2] == '-' &&
                d[label + 3] == '-')
                need = true;
            label = i + 1;
        }
    }
    free(d);
    return need;
}

/* Whether preprocessed URL string `s` starts with a scheme and ':'; if
 * so *scheme_len gets the scheme's length (the ':' is at that index). */
static bool split_scheme(const char *s, size_t n, size_t *scheme_len)
{
    if (n == 0 || !is_alpha(s[0]))
        return false;
    size_t i = 1;
    while (i < n && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                     s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i == n || s[i] != ':')
        return false;
    *scheme_len = i;
    return true;
}

/* `s` without leading/trailing C0 controls and spaces and without any
 * tab, LF or CR: what the URL parser reads. Heap copy. */
static char *preprocess(const char *s, size_t n, size_t *out_n)
{
    size_t a = 0, b = n;
    while (a < b && (unsigned char)s[a] <= 0x20)
        a++;
    while (b > a && (unsigned char)s[b - 1] <= 0x20)
        b--;
    char *t = xmalloc(b - a);
    size_t m = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            t[m++] = s[i];
    *out_n = m;
    return t;
}

/*
 * Whether the host written in URL string `s` needs IDNA. `base_scheme`
 * (may be NULL) is the scheme of the base the string is resolved
 * against. Only a special scheme's host is a domain (a non-special
 * URL's host is opaque and percent-encoded, never IDNA-processed). The
 * host is the text after the scheme's slashes (or, for a scheme-relative
 * "//host", after those) up to the next '/', '\', '?' or '#', without
 * any userinfo ("...@"); a special scheme other than file also takes a
 * host without slashes ("http:host") when there is no base of that
 * scheme.
 */
static bool url_needs_idna(const char *s0, size_t n0, const char *base_scheme,
                           size_t base_scheme_len)
{
    size_t n;
    char *s = preprocess(s0, n0, &n);
    const char *scheme = base_scheme;
    size_t scheme_len = base_scheme_len, i = 0;
    bool own_scheme = split_scheme(s, n, &i);
    if (own_scheme) {
        scheme = s;
        scheme_len = i;
        i++; /* the ':' */
    }
    bool need = false;
    if (scheme != NULL && is_special_scheme(scheme, scheme_len)) {
        size_t slashes = 0;
        while (i + slashes < n && (s[i + slashes] == '/' || s[i + slashes] == '\\'))
            slashes++;
        bool is_file = scheme_len == 4 && ascii_lower(scheme[0]) == 'f' &&
                       ascii_lower(scheme[1]) == 'i' &&
                       ascii_lower(scheme[2]) == 'l' &&
                       ascii_lower(scheme[3]) == 'e';
        bool same_as_base =
            own_scheme && base_scheme != NULL && base_scheme_len == scheme_len;
        for (size_t k = 0; same_as_base && k < scheme_len; k++)
            if (ascii_lower(scheme[k]) != ascii_lower(base_scheme[k]))
                same_as_base = false;
        bool has_host = slashes >= 2 ||
                        (own_scheme && !is_file && !same_as_base);
        if (has_host) {
            size_t h = i + slashes, e = h;
            while (e < n && s[e] != '/' && s[e] != '\\' && s[e] != '?' &&
                   s[e] != '#')
                e++;
            for (size_t k = e; k > h; k--)
                if (s[k - 1] == '@') {
                    h = k;
                    break;
                }
            need = host_text_needs_idna(s + h, e - h);
        }
    }
    free(s);
    return need;
}

/* The scheme of a base URL string, as a heap copy (NULL if none). */
static char *scheme_of(const char *s0, size_t n0, size_t *len)
{
    size_t n, i;
    char *s = preprocess(s0, n0, &n);
    if (!split_scheme(s, n, &i)) {
        free(s);
        *len = 0;
        return NULL;
    }
    *len = i;
    return s; /* the scheme is its first i bytes */
}

/* Reads a whole file; NULL if it cannot. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    sbuf b = {NULL, 0, 0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_add(&b, chunk, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(b.p);
        return NULL;
    }
    if (b.p == NULL)
        sb_str(&b, "");
    *len = b.n;
    return b.p;
}

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
        case '\\': s[k++] = '\\'; break;
        case 't': s[k++] = '\t'; break;
        case 'n': s[k++] = '\n'; break;
        case 'r': s[k++] = '\r'; break;
        default: return false;
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
            snprintf(why, why_cap, "line %zu does not have exactly three "
                     "tab-separated fields", number);
            free(v);
            return false;
        }
        for (f = 0; f < 3; f++)
            if (!unescape(start + (l->field[f] - start), &l->len[f])) {
                snprintf(why, why_cap, "line %zu: a backslash not followed "
                         "by \\, t, n or r", number);
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
        url_needs_idna(l->field[F_LOCATION], l->len[F_LOCATION], bs,
                       bs_len) ||
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

enum verdict { MATCHED, MISMATCHED, IDNA_UNSUPPORTED };

static enum verdict run_line(const line *l, char *out)
{
    bool idna = line_needs_idna(l);
    bool want_failure = l->len[F_EXPECTED] == 1 && l->field[F_EXPECTED][0] == '!';
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
    free(loc);
    free(base);
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

static char load_error[512];

static void test_data_missing(void **state)
{
    (void)state;
    if (getenv("CI") != NULL) {
        print_error("%s\n(CI is set, so missing data is a failure)\n",
                    load_error);
        fail();
    }
    print_message("skipped: %s\n", load_error);
    skip();
}

static void test_data_malformed(void **state)
{
    (void)state;
    print_error("%s\n", load_error);
    fail();
}

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
        snprintf(load_error, sizeof load_error,
                 "cannot read the locations data %s", LOCATIONS_PATH);
        test_list_add(&list, "locations.tsv is readable", test_data_missing,
                      NULL);
        skipped = getenv("CI") == NULL;
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
            test_list_add(&list, "locations.tsv has lines",
                          test_data_malformed, NULL);
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
