/*
 * support.h - helpers shared by the hand-written URL tests (test_url.c and
 * test_whatwg.c): heap buffers that are freed even when a check longjmps
 * out of a test, exact-size copies without a terminator, a sentinel byte
 * for watching output buffers, the common checks, and printing.
 *
 * Before including it, define LIVE_BUFFERS_MAX: how many tracked buffers
 * a test may hold at once (more is a bug in the test: abort()).
 *
 * The checks report through two functions the including file defines,
 * because each test file prints and fails in its own way:
 *   show(label, s, n)  prints one byte string (s may be NULL);
 *   failed()           prints whatever the file adds, then fail()s.
 *
 * Test code only: it allocates and prints, the library never does.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_SUPPORT_H
#define REDIR_TESTS_SUPPORT_H

#include "redir_url.h"

#include "table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIVE_BUFFERS_MAX
#error "define LIVE_BUFFERS_MAX before including support.h"
#endif

/* Output buffers and result structs are pre-filled with this byte. */
#define SENTINEL 0xA5

/* Defined by the including test file; see above. */
static void show(const char *label, const char *s, size_t n);
static void failed(void);

/* ------------------------------------------------------------------ */
/* Heap buffers, freed even when a check longjmps out of a test        */

/*
 * A failing check leaves the test by longjmp, past its release() calls,
 * so every buffer is also recorded here and whatever a failed test left
 * behind is freed before the next test starts (release_leftovers is every
 * test's setup, see run_tracked) and at exit: failures then do not drown
 * in LeakSanitizer reports.
 */
static void *live_buffers[LIVE_BUFFERS_MAX];
static size_t live_count;

static inline char *alloc_tracked(size_t n)
{
    char *p = malloc(n > 0 ? n : 1);
    if (p == NULL || live_count == sizeof live_buffers / sizeof live_buffers[0])
        abort();
    live_buffers[live_count++] = p;
    return p;
}

static inline void release(void *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < live_count; i++)
        if (live_buffers[i] == p) {
            live_buffers[i] = live_buffers[--live_count];
            free(p);
            return;
        }
    abort(); /* not ours */
}

static inline void release_all(void)
{
    while (live_count > 0)
        free(live_buffers[--live_count]);
}

static inline int release_leftovers(void **state)
{
    (void)state;
    release_all();
    return 0;
}

/* Runs the tests gathered in `list` with release_leftovers as the setup of
 * each, then frees what the last one left. Returns the number of failed
 * tests. */
static inline int run_tracked(test_list *list, const char *group)
{
    for (size_t i = 0; i < list->count; i++)
        list->tests[i].setup_func = release_leftovers;
    int failed_count = test_list_run(list, group);
    release_all();
    return failed_count;
}

/* A heap copy of exactly n bytes, no terminator. NULL stays NULL. */
static inline char *copy_exact(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *p = alloc_tracked(n);
    if (n > 0)
        memcpy(p, s, n);
    else
        p[0] = '\0'; /* the one byte malloc(0) is given; never read */
    return p;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

/* Prints `  label: "text" (n bytes)`, with '"' and '\' escaped and every
 * byte outside printable ASCII as \xHH. `s` must not be NULL (each file's
 * show() says how it prints NULL). */
static inline void show_bytes(const char *label, const char *s, size_t n)
{
    char *buf = malloc(n * 4 + 1);
    if (buf == NULL)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            buf[k++] = '\\';
            buf[k++] = (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            static const char hex[] = "0123456789abcdef";
            buf[k++] = '\\';
            buf[k++] = 'x';
            buf[k++] = hex[c >> 4];
            buf[k++] = hex[c & 15];
        } else {
            buf[k++] = (char)c;
        }
    }
    buf[k] = '\0';
    print_error("  %s: \"%s\" (%zu bytes)\n", label, buf, n);
    free(buf);
}

static inline void show_url(const char *label, const redir_url *u)
{
    print_error("  %s: flags 0x%02x host_type %d port_number %d scheme "
                "{%zu,%zu} userinfo {%zu,%zu} host {%zu,%zu} port {%zu,%zu} "
                "path {%zu,%zu} query {%zu,%zu} fragment {%zu,%zu}\n",
                label, (unsigned)u->flags, (int)u->host_type,
                (int)u->port_number, u->scheme.off, u->scheme.len,
                u->userinfo.off, u->userinfo.len, u->host.off, u->host.len,
                u->port.off, u->port.len, u->path.off, u->path.len,
                u->query.off, u->query.len, u->fragment.off, u->fragment.len);
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */

static inline void expect_status(const char *what, redir_status got,
                                 redir_status want)
{
    if (got == want)
        return;
    print_error("%s: expected status %s, got %s (%d)\n", what,
                redir_status_name(want), redir_status_name(got), (int)got);
    failed();
}

static inline void expect_size(const char *what, size_t got, size_t want)
{
    if (got == want)
        return;
    print_error("%s: expected %zu, got %zu\n", what, want, got);
    failed();
}

static inline void expect_text(const char *what, const char *got,
                               size_t got_len, const char *want,
                               size_t want_len)
{
    if (got_len == want_len &&
        (want_len == 0 || memcmp(got, want, want_len) == 0))
        return;
    print_error("%s differs\n", what);
    show("expected", want, want_len);
    show("got     ", got, got_len);
    failed();
}

/* Every byte of buf[from, to) still holds the sentinel. */
static inline void expect_untouched(const char *what, const char *buf,
                                    size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if ((unsigned char)buf[i] != SENTINEL) {
            print_error("%s: byte %zu was written (0x%02x)\n", what, i,
                        (unsigned)(unsigned char)buf[i]);
            failed();
        }
}

static inline bool span_equal(redir_span a, redir_span b)
{
    return a.off == b.off && a.len == b.len;
}

/* Field by field (padding may differ). */
static inline bool url_equal(const redir_url *a, const redir_url *b)
{
    return a->flags == b->flags && a->host_type == b->host_type &&
           a->port_number == b->port_number &&
           span_equal(a->scheme, b->scheme) &&
           span_equal(a->userinfo, b->userinfo) &&
           span_equal(a->host, b->host) && span_equal(a->port, b->port) &&
           span_equal(a->path, b->path) && span_equal(a->query, b->query) &&
           span_equal(a->fragment, b->fragment);
}

#endif /* REDIR_TESTS_SUPPORT_H */
