/*
 * size_rfc.c - the RFC-3986-only image: one resolution, as a client that
 * resolves Location values itself and keeps its own policy. Linked, not
 * run.
 *
 * SPDX-License-Identifier: MIT
 */
#include "firmware.h"
#include "redir_url.h"

static char out[1024];
static const char *volatile location = "../g";

int main(void)
{
    size_t n = 0;
    redir_url u;
    redir_status st =
        redir_url_resolve("http://a/b/c/d;p?q", 18, location, strlen(location),
                          REDIR_URL_RFC3986, out, sizeof out, &n, &u);
    return st == REDIR_OK ? (int)n : 1;
}
