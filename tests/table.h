/*
 * table.h - table-driven tests on cmocka 1.1.5.
 *
 * cmocka's cmocka_unit_test() needs one function per case. Here a table
 * of cases (structs whose FIRST member is `const char *name`) becomes one
 * named cmocka test per row, all sharing one check function that reads
 * its row from *state. Several tables (and plain tests) can be gathered
 * into one group and run with test_list_run().
 *
 * Test code only: it allocates and prints, the library never does.
 */
#ifndef REDIR_TESTS_TABLE_H
#define REDIR_TESTS_TABLE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

typedef struct test_list {
    struct CMUnitTest *tests;
    size_t count;
    size_t cap;
} test_list;

static inline void test_list_add(test_list *list, const char *name,
                                 CMUnitTestFunction fn, void *state)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        struct CMUnitTest *grown = realloc(list->tests, cap * sizeof *grown);
        if (grown == NULL) {
            fprintf(stderr, "test_list_add: out of memory\n");
            exit(1);
        }
        list->tests = grown;
        list->cap = cap;
    }
    struct CMUnitTest *t = &list->tests[list->count++];
    t->name = name;
    t->test_func = fn;
    t->setup_func = NULL;
    t->teardown_func = NULL;
    t->initial_state = state;
}

/* Adds one test per row of `rows` (n rows of `size` bytes each). */
static inline void test_list_add_rows(test_list *list, CMUnitTestFunction fn,
                                      const void *rows, size_t n, size_t size)
{
    const char *row = rows;
    for (size_t i = 0; i < n; i++, row += size)
        test_list_add(list, *(const char *const *)(const void *)row, fn,
                      (void *)(uintptr_t)row);
}

#define TEST_LIST_ADD_TABLE(list, fn, table)                                   \
    test_list_add_rows((list), (fn), (table),                                  \
                       sizeof(table) / sizeof((table)[0]), sizeof((table)[0]))

/* The row a table test is running. */
#define TEST_ROW(type, state) ((const type *)(const void *)*(state))

/* Runs everything gathered; returns the number of failed tests. */
static inline int test_list_run(test_list *list, const char *group)
{
    int failed =
        _cmocka_run_group_tests(group, list->tests, list->count, NULL, NULL);
    free(list->tests);
    list->tests = NULL;
    list->count = list->cap = 0;
    return failed;
}

#endif /* REDIR_TESTS_TABLE_H */
