/*
 * fuzz_host.c - libFuzzer target: the SSRF guard's classifiers.
 *
 * Input: host text. Checks: redir_host_classify and redir_addr_classify
 * give a known class; a host the WHATWG parser accepts as written (no
 * percent sign, tab or newline, which the classifier does not decode)
 * classifies as its serialized form does, so that the guard cannot be
 * passed by spelling an address another way.
 *
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *host = (const char *)data;
    redir_addr_class raw = redir_host_classify(host, size);
    FUZZ_CHECK(strcmp(redir_addr_class_name(raw), "unknown") != 0,
               "host class out of range", host, size);
    redir_addr_class a = redir_addr_classify(data, size >= 16  ? 16
                                                   : size >= 4 ? 4
                                                               : size);
    FUZZ_CHECK(size < 4 || strcmp(redir_addr_class_name(a), "unknown") != 0,
               "address class out of range", host, size);

    if (size > 200 || memchr(host, '%', size) || memchr(host, '\t', size) ||
        memchr(host, '\n', size) || memchr(host, '\r', size))
        return 0;
    char url[256], out[4096];
    size_t len = 0;
    redir_url u;
    memcpy(url, "http://", 7);
    memcpy(url + 7, host, size);
    url[7 + size] = '/';
    if (redir_url_resolve(NULL, 0, url, size + 8, REDIR_URL_WHATWG, out,
                          sizeof out, &len, &u) != REDIR_OK)
        return 0;
    fuzz_check_url(out, len, &u);
    /* The parse must have taken exactly our host (no '/', '?', '#', '@',
     * '\' or ':' cut it short) for the comparison to mean anything. */
    if (memchr(host, '/', size) || memchr(host, '?', size) ||
        memchr(host, '#', size) || memchr(host, '@', size) ||
        memchr(host, '\\', size) ||
        (memchr(host, ':', size) && (host[0] != '[' || host[size - 1] != ']')))
        return 0;
    redir_addr_class ser = redir_host_classify(out + u.host.off, u.host.len);
    FUZZ_CHECK(ser == raw, "a host classifies otherwise than its serialization",
               host, size);
    return 0;
}
