/*
 * conformance.h - what test_wpt.c and test_locations.c share: they run
 * REDIR_URL_WHATWG mode over a data file from REDIR_SHARED_DIR, so both
 * read a whole file, escape and print byte strings, decide which URL
 * strings "need IDNA" (see each file's comment for the rule), and stand
 * in one failing or skipped test when the data is missing or malformed.
 *
 * Define CONFORMANCE_PROGRAM (the test program's name, a string literal,
 * for the out-of-memory message) before including this header.
 *
 * Test code only: it allocates and prints, the library never does.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_CONFORMANCE_H
#define REDIR_TESTS_CONFORMANCE_H

#include "redir_url.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CONFORMANCE_PROGRAM
#error "define CONFORMANCE_PROGRAM (the test's name) before conformance.h"
#endif

/* A build without IDNA (REDIR_NO_IDNA) has no Unicode data: only there
 * may a case that needs IDNA fail with REDIR_E_IDNA_UNSUPPORTED. */
static inline bool have_idna(void)
{
    return redir_unicode_version()[0] != '\0';
}

/* ------------------------------------------------------------------ */
/* Heap helpers                                                        */

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);
    if (p == NULL) {
        fprintf(stderr, CONFORMANCE_PROGRAM ": out of memory\n");
        exit(1);
    }
    return p;
}

/* Appends text to a growing heap string (for names and messages). */
typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static inline void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *grown = realloc(b->p, cap);
        if (grown == NULL) {
            fprintf(stderr, CONFORMANCE_PROGRAM ": out of memory\n");
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

static inline void sb_str(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Appends `s` with controls, '"' and '\' escaped; other bytes (UTF-8
 * included) as they are. */
static inline void sb_escaped(sbuf *b, const char *s, size_t n)
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
static inline void show(const char *label, const char *s, size_t n)
{
    sbuf b = {NULL, 0, 0};
    sb_str(&b, "");
    sb_escaped(&b, s, n);
    print_error("    %s \"%s\"\n", label, b.p);
    free(b.p);
}

/* ------------------------------------------------------------------ */
/* Which URL strings need IDNA                                         */

static inline char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static inline bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool is_special_scheme(const char *s, size_t n)
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

static inline int hex_value(char c)
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
static inline bool host_text_needs_idna(const char *h, size_t n)
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
static inline bool split_scheme(const char *s, size_t n, size_t *scheme_len)
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
static inline char *preprocess(const char *s, size_t n, size_t *out_n)
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
static inline bool url_needs_idna(const char *s0, size_t n0,
                                  const char *base_scheme,
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
        while (i + slashes < n &&
               (s[i + slashes] == '/' || s[i + slashes] == '\\'))
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
        bool has_host =
            slashes >= 2 || (own_scheme && !is_file && !same_as_base);
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
static inline char *scheme_of(const char *s0, size_t n0, size_t *len)
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

/* ------------------------------------------------------------------ */
/* Loading the data                                                    */

/* Reads a whole file; NULL if it cannot. */
static inline char *read_file(const char *path, size_t *len)
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

/* Why the data could not be used; the two tests below print it. */
static char load_error[512];

static inline void test_data_missing(void **state)
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

static inline void test_data_malformed(void **state)
{
    (void)state;
    print_error("%s\n", load_error);
    fail();
}

/* When the data file at `path` cannot be read: sets load_error to "cannot
 * read the `what` `path`" and adds the one test `test_name`, which fails
 * when CI is set and is skipped otherwise. Returns whether it will be
 * skipped (main then exits 77, ctest's SKIP_RETURN_CODE). */
static inline bool add_data_missing_test(test_list *list, const char *test_name,
                                         const char *what, const char *path)
{
    snprintf(load_error, sizeof load_error, "cannot read the %s %s", what,
             path);
    test_list_add(list, test_name, test_data_missing, NULL);
    return getenv("CI") == NULL;
}

#endif /* REDIR_TESTS_CONFORMANCE_H */
