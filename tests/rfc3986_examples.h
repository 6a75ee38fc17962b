/*
 * rfc3986_examples.h - the examples of RFC 3986 section 5.4, shared by the
 * unit tests (test_url.c) and the emulated firmware run
 * (firmware/run_tables.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_RFC3986_EXAMPLES_H
#define REDIR_TESTS_RFC3986_EXAMPLES_H

/* The base URI of RFC 3986 section 5.4. */
#define RFC_BASE "http://a/b/c/d;p?q"

/*
 * RFC 3986 section 5.4: X(section, reference, strict result, compat result).
 * The compat result differs only for "http:g" (section 5.4.2).
 */
#define RFC_EXAMPLES(X)                                                        \
    X("5.4.1", "g:h", "g:h", "g:h")                                            \
    X("5.4.1", "g", "http://a/b/c/g", "http://a/b/c/g")                        \
    X("5.4.1", "./g", "http://a/b/c/g", "http://a/b/c/g")                      \
    X("5.4.1", "g/", "http://a/b/c/g/", "http://a/b/c/g/")                     \
    X("5.4.1", "/g", "http://a/g", "http://a/g")                               \
    X("5.4.1", "//g", "http://g", "http://g")                                  \
    X("5.4.1", "?y", "http://a/b/c/d;p?y", "http://a/b/c/d;p?y")               \
    X("5.4.1", "g?y", "http://a/b/c/g?y", "http://a/b/c/g?y")                  \
    X("5.4.1", "#s", "http://a/b/c/d;p?q#s", "http://a/b/c/d;p?q#s")           \
    X("5.4.1", "g#s", "http://a/b/c/g#s", "http://a/b/c/g#s")                  \
    X("5.4.1", "g?y#s", "http://a/b/c/g?y#s", "http://a/b/c/g?y#s")            \
    X("5.4.1", ";x", "http://a/b/c/;x", "http://a/b/c/;x")                     \
    X("5.4.1", "g;x", "http://a/b/c/g;x", "http://a/b/c/g;x")                  \
    X("5.4.1", "g;x?y#s", "http://a/b/c/g;x?y#s", "http://a/b/c/g;x?y#s")      \
    X("5.4.1", "", "http://a/b/c/d;p?q", "http://a/b/c/d;p?q")                 \
    X("5.4.1", ".", "http://a/b/c/", "http://a/b/c/")                          \
    X("5.4.1", "./", "http://a/b/c/", "http://a/b/c/")                         \
    X("5.4.1", "..", "http://a/b/", "http://a/b/")                             \
    X("5.4.1", "../", "http://a/b/", "http://a/b/")                            \
    X("5.4.1", "../g", "http://a/b/g", "http://a/b/g")                         \
    X("5.4.1", "../..", "http://a/", "http://a/")                              \
    X("5.4.1", "../../", "http://a/", "http://a/")                             \
    X("5.4.1", "../../g", "http://a/g", "http://a/g")                          \
    X("5.4.2", "../../../g", "http://a/g", "http://a/g")                       \
    X("5.4.2", "../../../../g", "http://a/g", "http://a/g")                    \
    X("5.4.2", "/./g", "http://a/g", "http://a/g")                             \
    X("5.4.2", "/../g", "http://a/g", "http://a/g")                            \
    X("5.4.2", "g.", "http://a/b/c/g.", "http://a/b/c/g.")                     \
    X("5.4.2", ".g", "http://a/b/c/.g", "http://a/b/c/.g")                     \
    X("5.4.2", "g..", "http://a/b/c/g..", "http://a/b/c/g..")                  \
    X("5.4.2", "..g", "http://a/b/c/..g", "http://a/b/c/..g")                  \
    X("5.4.2", "./../g", "http://a/b/g", "http://a/b/g")                       \
    X("5.4.2", "./g/.", "http://a/b/c/g/", "http://a/b/c/g/")                  \
    X("5.4.2", "g/./h", "http://a/b/c/g/h", "http://a/b/c/g/h")                \
    X("5.4.2", "g/../h", "http://a/b/c/h", "http://a/b/c/h")                   \
    X("5.4.2", "g;x=1/./y", "http://a/b/c/g;x=1/y", "http://a/b/c/g;x=1/y")    \
    X("5.4.2", "g;x=1/../y", "http://a/b/c/y", "http://a/b/c/y")               \
    X("5.4.2", "g?y/./x", "http://a/b/c/g?y/./x", "http://a/b/c/g?y/./x")      \
    X("5.4.2", "g?y/../x", "http://a/b/c/g?y/../x", "http://a/b/c/g?y/../x")   \
    X("5.4.2", "g#s/./x", "http://a/b/c/g#s/./x", "http://a/b/c/g#s/./x")      \
    X("5.4.2", "g#s/../x", "http://a/b/c/g#s/../x", "http://a/b/c/g#s/../x")   \
    X("5.4.2", "http:g", "http:g", "http://a/b/c/g")

#endif
