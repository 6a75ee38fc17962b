/* consumer.c - a program using an installed redir; see consumer.cmake.
 * Resolves the first "normal example" of RFC 3986 section 5.4.1 and prints
 * the result, which must be "http://a/b/g"; then starts a chain, which
 * works only when this program and the library agree on the limits, and
 * prints "chain ok, REDIR_URL_MAX=N".
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include <redir.h>

int main(void)
{
    /* The library linked is the one these headers describe. */
    if (strcmp(redir_version(), REDIR_VERSION_STRING) != 0 ||
        redir_version_number() != REDIR_VERSION_NUMBER) {
        fprintf(stderr, "consumer: headers %s, library %s\n",
                REDIR_VERSION_STRING, redir_version());
        return 1;
    }
    static const char base[] = "http://a/b/c/d;p?q";
    static const char ref[] = "../g";
    char out[64];
    size_t len = 0;
    redir_status st =
        redir_url_resolve(base, sizeof base - 1, ref, sizeof ref - 1,
                          REDIR_URL_RFC3986, out, sizeof out, &len, NULL);

    if (st != REDIR_OK) {
        fprintf(stderr, "consumer: %s\n", redir_status_name(st));
        return 1;
    }
    printf("%.*s\n", (int)len, out);

    static redir_chain chain;
    redir_policy policy;
    st = redir_policy_init(&policy, REDIR_PROFILE_FETCH);
    if (st == REDIR_OK)
        st = redir_chain_start(&chain, &policy, "GET", 3, "https://a.example/",
                               18, REDIR_BODY_NONE);
    if (st != REDIR_OK) {
        fprintf(stderr, "consumer: chain: %s\n", redir_status_name(st));
        return 1;
    }
    printf("chain ok, REDIR_URL_MAX=%d\n", (int)REDIR_URL_MAX);
    return 0;
}
