/*
 * test_abi.c - a program built with other redir_config.h limits than the
 * library (tests/CMakeLists.txt compiles it with -DREDIR_URL_MAX=1024
 * -DREDIR_METHOD_MAX=16) gets REDIR_E_ABI_MISMATCH from every function
 * that takes a caller-owned struct, and nothing is written: not the
 * struct, not a byte after it. Without the check the library would
 * write its own, larger layout into these smaller structs.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir.h"

#include "table.h"

#include <string.h>

#if REDIR_URL_MAX == 8000
#error "test_abi must be compiled with non-default limits"
#endif

#define GUARD 64

/* A struct followed by guard bytes, all filled with one pattern. */
static struct {
    redir_chain chain;
    unsigned char after[GUARD];
} c;
static struct {
    redir_policy policy;
    unsigned char after[GUARD];
} p;
static struct {
    redir_decision d;
    unsigned char after[GUARD];
} d;

static void fill(void)
{
    memset(&c, 0x5a, sizeof c);
    memset(&p, 0x5a, sizeof p);
    memset(&d, 0x5a, sizeof d);
}

static void expect_untouched(const void *mem, size_t n)
{
    const unsigned char *b = mem;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0x5a) {
            print_error("byte %zu of %zu was written\n", i, n);
            fail();
        }
}

static void expect_nothing_written(void)
{
    expect_untouched(&c, sizeof c);
    expect_untouched(&p, sizeof p);
    expect_untouched(&d, sizeof d);
}

static void test_policy_functions(void **state)
{
    (void)state;
    fill();
    assert_int_equal(redir_policy_init(&p.policy, REDIR_PROFILE_FETCH),
                     REDIR_E_ABI_MISMATCH);
    assert_int_equal(redir_policy_add_sensitive(&p.policy, "X-A", 3),
                     REDIR_E_ABI_MISMATCH);
    assert_int_equal(redir_policy_add_safe(&p.policy, "X-A", 3),
                     REDIR_E_ABI_MISMATCH);
    assert_int_equal(redir_policy_max_redirects(&p.policy), -1);
    expect_nothing_written();
}

static void test_chain_start(void **state)
{
    (void)state;
    fill();
    assert_int_equal(redir_chain_start(&c.chain, &p.policy, "GET", 3,
                                       "https://a.example/", 18,
                                       REDIR_BODY_NONE),
                     REDIR_E_ABI_MISMATCH);
    expect_nothing_written();
}

static void test_chain_next(void **state)
{
    (void)state;
    static char out[64];
    fill();
    memset(out, 0x5a, sizeof out);
    assert_int_equal(
        redir_chain_next(&c.chain, 302, "/x", 2, out, sizeof out, &d.d),
        REDIR_E_ABI_MISMATCH);
    expect_nothing_written();
    expect_untouched(out, sizeof out);
}

static void test_chain_readers(void **state)
{
    (void)state;
    size_t len = 7;
    fill();
    assert_false(redir_chain_send_header(&c.chain, "Accept", 6));
    assert_null(redir_chain_url(&c.chain, &len));
    assert_int_equal(len, 0);
    len = 7;
    assert_null(redir_chain_method(&c.chain, &len));
    assert_int_equal(len, 0);
    assert_int_equal(redir_chain_status(&c.chain), REDIR_E_ABI_MISMATCH);
    expect_nothing_written();
}

/* The status is named and explained like every other. */
static void test_status_named(void **state)
{
    (void)state;
    assert_string_equal(redir_status_name(REDIR_E_ABI_MISMATCH),
                        "abi-mismatch");
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    test_list_add(&list, "abi mismatch: policy functions write nothing",
                  test_policy_functions, NULL);
    test_list_add(&list, "abi mismatch: chain_start writes nothing",
                  test_chain_start, NULL);
    test_list_add(&list, "abi mismatch: chain_next writes nothing",
                  test_chain_next, NULL);
    test_list_add(&list,
                  "abi mismatch: send_header, url, method, status refuse",
                  test_chain_readers, NULL);
    test_list_add(&list, "abi mismatch: status name", test_status_named, NULL);
    return test_list_run(&list, "abi");
}
