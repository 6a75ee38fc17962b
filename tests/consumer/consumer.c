/* consumer.c - a program using an installed redir; see consumer.cmake.
 * Resolves the first "normal example" of RFC 3986 section 5.4.1 and prints
 * the result, which must be "http://a/b/g".
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include <redir_url.h>

int main(void)
{
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
    return 0;
}
