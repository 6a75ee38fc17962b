/*
 * test_status.c - the status list: names, sentences, numbering.
 *
 * Everything in REDIR_STATUS_MAP is checked by iterating the X-macro, so a
 * status added later is covered without touching this file. The pinned
 * table at the end is the stability contract of redir_status.h written
 * out by hand: renumbering or renaming an existing status must fail here.
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_status.h"

#include "table.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------- */

static bool is_kebab_case(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return false;
        if (c == '-' && s[i + 1] == '-')
            return false;
    }
    return true;
}

static bool is_sentence(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[n - 1] == '.';
}

/* ---- one row per status in the map -------------------------------------- */

typedef struct map_row {
    const char *name;
    redir_status status;
    int value;
    const char *map_name;
    const char *map_sentence;
} map_row;

#define MAP_ROW_(suffix, value, name, sentence)                                \
    {"REDIR_" #suffix " (" name ")", REDIR_##suffix, value, name, sentence},
static const map_row map_rows[] = {REDIR_STATUS_MAP(MAP_ROW_)};
#undef MAP_ROW_

static void test_map_row(void **state)
{
    const map_row *r = TEST_ROW(map_row, state);

    /* The enum constant carries the value written in the map. */
    assert_int_equal((int)r->status, r->value);
    assert_true(r->value >= 0 && r->value < (int)REDIR_STATUS_END_);

    /* The functions return exactly the map's texts. */
    const char *name = redir_status_name(r->status);
    const char *sentence = redir_strerror(r->status);
    assert_non_null(name);
    assert_non_null(sentence);
    assert_string_equal(name, r->map_name);
    assert_string_equal(sentence, r->map_sentence);

    if (!is_kebab_case(name)) {
        print_error("name \"%s\" is not kebab-case ([a-z0-9-], no leading, "
                    "trailing or doubled '-')\n",
                    name);
        fail();
    }
    if (!is_sentence(sentence)) {
        print_error("sentence \"%s\" must start with an uppercase letter and "
                    "end with '.'\n",
                    sentence);
        fail();
    }
    /* Unknown-value texts are reserved for unknown values. */
    assert_string_not_equal(name, "unknown-status");
    assert_string_not_equal(sentence, redir_strerror((redir_status)-1));
}

/* ---- the list as a whole ------------------------------------------------ */

static void test_ok_is_zero(void **state)
{
    (void)state;
    assert_int_equal((int)REDIR_OK, 0);
    assert_string_equal(redir_status_name((redir_status)0), "ok");
}

static void test_values_dense(void **state)
{
    (void)state;
    size_t n = sizeof map_rows / sizeof map_rows[0];
    /* One entry per value 0 .. END_-1, each exactly once. */
    assert_int_equal(n, (size_t)REDIR_STATUS_END_);
    for (int v = 0; v < (int)REDIR_STATUS_END_; v++) {
        size_t seen = 0;
        for (size_t i = 0; i < n; i++)
            if (map_rows[i].value == v)
                seen++;
        if (seen != 1) {
            print_error("value %d appears %zu times in REDIR_STATUS_MAP\n", v,
                        seen);
            fail();
        }
    }
}

static void test_names_unique(void **state)
{
    (void)state;
    size_t n = sizeof map_rows / sizeof map_rows[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(map_rows[i].map_name, map_rows[j].map_name) == 0) {
                print_error("name \"%s\" used twice\n", map_rows[i].map_name);
                fail();
            }
            if (strcmp(map_rows[i].map_sentence, map_rows[j].map_sentence) ==
                0) {
                print_error("sentence \"%s\" used twice\n",
                            map_rows[i].map_sentence);
                fail();
            }
        }
}

/* ---- unknown values ------------------------------------------------------ */

typedef struct unknown_row {
    const char *name;
    int value;
} unknown_row;

static const unknown_row unknown_rows[] = {
    {"unknown value -1", -1},
    {"unknown value REDIR_STATUS_END_", (int)REDIR_STATUS_END_},
    {"unknown value REDIR_STATUS_END_ + 1", (int)REDIR_STATUS_END_ + 1},
    {"unknown value 1000", 1000},
    {"unknown value INT32_MIN", INT32_MIN},
};

static void test_unknown_row(void **state)
{
    const unknown_row *r = TEST_ROW(unknown_row, state);
    const char *name = redir_status_name((redir_status)r->value);
    const char *sentence = redir_strerror((redir_status)r->value);
    assert_non_null(name);
    assert_non_null(sentence);
    assert_string_equal(name, "unknown-status");
    if (!is_sentence(sentence)) {
        print_error("unknown-value sentence \"%s\" is not a sentence\n",
                    sentence);
        fail();
    }
    /* It must not pass for the text of a real status. */
    for (size_t i = 0; i < sizeof map_rows / sizeof map_rows[0]; i++)
        assert_string_not_equal(sentence, map_rows[i].map_sentence);
}

/* ---- pinned numbers and names (the stability contract) ------------------ */

typedef struct pinned_row {
    const char *name;
    redir_status status; /* the enum constant */
    int value;           /* its number, written out by hand */
    const char *status_name;
} pinned_row;

static const pinned_row pinned_rows[] = {
    {"pinned 0 ok", REDIR_OK, 0, "ok"},
    {"pinned 1 invalid-argument", REDIR_E_INVALID_ARGUMENT, 1,
     "invalid-argument"},
    {"pinned 2 no-space", REDIR_E_NOSPACE, 2, "no-space"},
    {"pinned 3 invalid-scheme", REDIR_E_INVALID_SCHEME, 3, "invalid-scheme"},
    {"pinned 4 invalid-character", REDIR_E_INVALID_CHARACTER, 4,
     "invalid-character"},
    {"pinned 5 invalid-percent-encoding", REDIR_E_INVALID_PERCENT, 5,
     "invalid-percent-encoding"},
    {"pinned 6 invalid-port", REDIR_E_INVALID_PORT, 6, "invalid-port"},
    {"pinned 7 invalid-ip-literal", REDIR_E_INVALID_IP_LITERAL, 7,
     "invalid-ip-literal"},
    {"pinned 8 base-not-absolute", REDIR_E_BASE_NOT_ABSOLUTE, 8,
     "base-not-absolute"},
    {"pinned 9 relative-without-base", REDIR_E_RELATIVE_WITHOUT_BASE, 9,
     "relative-without-base"},
    {"pinned 10 opaque-origin", REDIR_E_NO_ORIGIN, 10, "opaque-origin"},
    {"pinned 11 not-followed", REDIR_STOP_NOT_FOLLOWED, 11, "not-followed"},
    {"pinned 12 no-location", REDIR_STOP_NO_LOCATION, 12, "no-location"},
    {"pinned 13 empty-location", REDIR_STOP_EMPTY_LOCATION, 13,
     "empty-location"},
    {"pinned 14 unsafe-location", REDIR_E_UNSAFE_LOCATION, 14,
     "unsafe-location"},
    {"pinned 15 scheme-not-allowed", REDIR_E_SCHEME_NOT_ALLOWED, 15,
     "scheme-not-allowed"},
    {"pinned 16 too-many-redirects", REDIR_E_TOO_MANY_REDIRECTS, 16,
     "too-many-redirects"},
    {"pinned 17 body-not-replayable", REDIR_E_BODY_NOT_REPLAYABLE, 17,
     "body-not-replayable"},
    {"pinned 18 userinfo-in-location", REDIR_E_USERINFO_IN_LOCATION, 18,
     "userinfo-in-location"},
    {"pinned 19 downgrade", REDIR_E_DOWNGRADE, 19, "downgrade"},
    {"pinned 20 private-address", REDIR_E_PRIVATE_ADDRESS, 20,
     "private-address"},
    {"pinned 21 loop", REDIR_E_LOOP, 21, "loop"},
    {"pinned 22 url-too-long", REDIR_E_URL_TOO_LONG, 22, "url-too-long"},
    {"pinned 23 invalid-method", REDIR_E_INVALID_METHOD, 23, "invalid-method"},
    {"pinned 24 idna-unsupported", REDIR_E_IDNA_UNSUPPORTED, 24,
     "idna-unsupported"},
    {"pinned 25 invalid-host", REDIR_E_INVALID_HOST, 25, "invalid-host"},
    {"pinned 26 invalid-ipv4", REDIR_E_INVALID_IPV4, 26, "invalid-ipv4"},
    {"pinned 27 opaque-base", REDIR_E_OPAQUE_BASE, 27, "opaque-base"},
    {"pinned 28 unsafe-url", REDIR_E_UNSAFE_URL, 28, "unsafe-url"},
    {"pinned 29 chain-not-started", REDIR_E_CHAIN_NOT_STARTED, 29,
     "chain-not-started"},
    {"pinned 30 chain-failed", REDIR_E_CHAIN_FAILED, 30, "chain-failed"},
    {"pinned 31 chain-finished", REDIR_E_CHAIN_FINISHED, 31, "chain-finished"},
    {"pinned 32 abi-mismatch", REDIR_E_ABI_MISMATCH, 32, "abi-mismatch"},
    {"pinned 39 mode-unsupported", REDIR_E_MODE_UNSUPPORTED, 39,
     "mode-unsupported"},
    {"pinned 40 host-too-long", REDIR_E_HOST_TOO_LONG, 40, "host-too-long"},
    {"pinned 41 ssrf-unsupported", REDIR_E_SSRF_UNSUPPORTED, 41,
     "ssrf-unsupported"},
    {"pinned 42 file-unsupported", REDIR_E_FILE_UNSUPPORTED, 42,
     "file-unsupported"},
    {"pinned 43 profile-unsupported", REDIR_E_PROFILE_UNSUPPORTED, 43,
     "profile-unsupported"},
    {"pinned 44 scheme-unsupported", REDIR_E_SCHEME_UNSUPPORTED, 44,
     "scheme-unsupported"},
    {"pinned 45 ipv6-unsupported", REDIR_E_IPV6_UNSUPPORTED, 45,
     "ipv6-unsupported"},
};

static void test_pinned_row(void **state)
{
    const pinned_row *r = TEST_ROW(pinned_row, state);
    assert_int_equal((int)r->status, r->value);
    assert_string_equal(redir_status_name((redir_status)r->value),
                        r->status_name);
}

static void test_pinned_still_exist(void **state)
{
    (void)state;
    /* Statuses are only ever appended, never removed: every pinned value is
     * still below REDIR_STATUS_END_. (A new status need not be pinned for
     * this to pass, but should be added to the table above.) */
    size_t pinned = sizeof pinned_rows / sizeof pinned_rows[0];
    if ((size_t)REDIR_STATUS_END_ < pinned) {
        print_error("REDIR_STATUS_END_ is %d but %zu statuses are pinned: a "
                    "status was removed\n",
                    (int)REDIR_STATUS_END_, pinned);
        fail();
    }
}

/* The version: one string, one number, the same in the headers and the
 * library, and the same as CMake's project version. */
static void test_version(void **state)
{
    (void)state;
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", REDIR_VERSION_MAJOR,
             REDIR_VERSION_MINOR, REDIR_VERSION_PATCH);
    assert_string_equal(redir_version(), want);
    assert_string_equal(REDIR_VERSION_STRING, want);
    assert_string_equal(REDIR_PROJECT_VERSION, want);
    assert_int_equal(redir_version_number(), REDIR_VERSION_MAJOR * 10000 +
                                                 REDIR_VERSION_MINOR * 100 +
                                                 REDIR_VERSION_PATCH);
    assert_int_equal(REDIR_VERSION_NUMBER, redir_version_number());
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    TEST_LIST_ADD_TABLE(&list, test_map_row, map_rows);
    test_list_add(&list, "OK is 0", test_ok_is_zero, NULL);
    test_list_add(&list, "values are dense from 0", test_values_dense, NULL);
    test_list_add(&list, "names and sentences are unique", test_names_unique,
                  NULL);
    TEST_LIST_ADD_TABLE(&list, test_unknown_row, unknown_rows);
    TEST_LIST_ADD_TABLE(&list, test_pinned_row, pinned_rows);
    test_list_add(&list, "no pinned status was removed",
                  test_pinned_still_exist, NULL);
    test_list_add(&list, "version: string, number and CMake's agree",
                  test_version, NULL);
    return test_list_run(&list, "status") == 0 ? 0 : 1;
}
