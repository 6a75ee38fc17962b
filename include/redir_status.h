/** \file
 * redir_status.h - status codes shared by every redir module.
 *
 * One list (REDIR_STATUS_MAP) generates the enum, the stable kebab-case
 * names and the human sentences, so the three can never drift apart.
 *
 * Stability contract: a status keeps its number and its name forever.
 * New statuses are appended with new numbers; none is ever renumbered,
 * renamed or reused. Programs may store and compare the numbers or the
 * names (the `redir` tool prints the names).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_STATUS_H
#define REDIR_STATUS_H

#include "redir_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** X(SUFFIX, VALUE, NAME, SENTENCE) */
#define REDIR_STATUS_MAP(X)                                                    \
    X(OK, 0, "ok", "Success.")                                                 \
    X(E_INVALID_ARGUMENT, 1, "invalid-argument",                               \
      "An argument is invalid: a NULL pointer with a non-zero length, or an "  \
      "unknown mode or option.")                                               \
    X(E_NOSPACE, 2, "no-space",                                                \
      "The output buffer is too small; the length needed was reported.")       \
    X(E_INVALID_SCHEME, 3, "invalid-scheme",                                   \
      "The scheme is empty, does not start with a letter, or holds a "         \
      "character other than letters, digits, '+', '-' and '.'.")               \
    X(E_INVALID_CHARACTER, 4, "invalid-character",                             \
      "The URL holds a character that is not allowed where it stands (a "      \
      "space, a control, a non-ASCII byte, or one of \" < > \\ ^ ` { | }).")   \
    X(E_INVALID_PERCENT, 5, "invalid-percent-encoding",                        \
      "A '%' is not followed by two hexadecimal digits.")                      \
    X(E_INVALID_PORT, 6, "invalid-port",                                       \
      "The port is not a decimal number from 0 to 65535.")                     \
    X(E_INVALID_IP_LITERAL, 7, "invalid-ip-literal",                           \
      "A bracketed host is not a valid IPv6 address or IPvFuture literal.")    \
    X(E_BASE_NOT_ABSOLUTE, 8, "base-not-absolute",                             \
      "The base URL has no scheme, so nothing can be resolved against it.")    \
    X(E_RELATIVE_WITHOUT_BASE, 9, "relative-without-base",                     \
      "The reference is relative and no base URL was given.")                  \
    X(E_NO_ORIGIN, 10, "opaque-origin",                                        \
      "The URL has no tuple origin: its scheme is not http or https, or it "   \
      "has no host.")                                                          \
    /** Outcomes of a redirect decision that are not failures: "stop". */      \
    X(STOP_NOT_FOLLOWED, 11, "not-followed",                                   \
      "The profile does not follow responses with this status; the "           \
      "response goes to the application.")                                     \
    X(STOP_NO_LOCATION, 12, "no-location",                                     \
      "The response has no Location header; it goes to the application.")      \
    X(STOP_EMPTY_LOCATION, 13, "empty-location",                               \
      "The Location header is empty; the response goes to the application.")   \
    /** Failures of a redirect decision: the transfer must fail. */            \
    X(E_UNSAFE_LOCATION, 14, "unsafe-location",                                \
      "The Location value holds CR, LF or NUL, which can split or cut "        \
      "headers.")                                                              \
    X(E_SCHEME_NOT_ALLOWED, 15, "scheme-not-allowed",                          \
      "The redirect target's scheme is not one this profile may follow.")      \
    X(E_TOO_MANY_REDIRECTS, 16, "too-many-redirects",                          \
      "The chain already followed as many redirects as the policy allows.")    \
    X(E_BODY_NOT_REPLAYABLE, 17, "body-not-replayable",                        \
      "The redirect needs the request body again, but it was a stream that "   \
      "cannot be sent twice.")                                                 \
    X(E_USERINFO_IN_LOCATION, 18, "userinfo-in-location",                      \
      "The redirect target holds a user name or password, which this "         \
      "profile refuses.")                                                      \
    X(E_DOWNGRADE, 19, "downgrade",                                            \
      "The redirect goes from https to http, which the policy refuses.")       \
    X(E_PRIVATE_ADDRESS, 20, "private-address",                                \
      "The redirect target is a loopback, private, link-local, unique-local, " \
      "unspecified, metadata or otherwise non-public address.")                \
    X(E_LOOP, 21, "loop",                                                      \
      "The redirect repeats a method and URL already requested in this "       \
      "chain.")                                                                \
    X(E_URL_TOO_LONG, 22, "url-too-long",                                      \
      "The URL is longer than the chain can hold (REDIR_URL_MAX).")            \
    X(E_INVALID_METHOD, 23, "invalid-method",                                  \
      "The request method is empty, not an HTTP token, or longer than "        \
      "REDIR_METHOD_MAX.")                                                     \
    X(E_IDNA_UNSUPPORTED, 24, "idna-unsupported",                              \
      "The host needs IDNA (UTS 46) processing: it holds non-ASCII code "      \
      "points (raw or percent-encoded), which this build does not support.")   \
    X(E_INVALID_HOST, 25, "invalid-host",                                      \
      "The host is missing where the scheme needs one, or holds a forbidden "  \
      "code point.")                                                           \
    X(E_INVALID_IPV4, 26, "invalid-ipv4",                                      \
      "The host ends in a number but is not a valid IPv4 address.")            \
    X(E_OPAQUE_BASE, 27, "opaque-base",                                        \
      "The base URL has an opaque path (like \"mailto:x\"), so only a "        \
      "fragment can be resolved against it.")                                  \
    /** Fail-closed states of a chain and of the build. */                     \
    X(E_UNSAFE_URL, 28, "unsafe-url",                                          \
      "The URL holds a byte that could split a request line or a header "      \
      "(CR, LF, NUL, TAB, space, DEL or another control), or the target "      \
      "would hold one.")                                                       \
    X(E_CHAIN_NOT_STARTED, 29, "chain-not-started",                            \
      "The chain was never started successfully: call redir_chain_start() "    \
      "first.")                                                                \
    X(E_CHAIN_FAILED, 30, "chain-failed",                                      \
      "An earlier decision of this chain was an error; it refuses every "      \
      "further hop until it is started again.")                                \
    X(E_CHAIN_FINISHED, 31, "chain-finished",                                  \
      "The chain already ended with a stop decision: its last response is "    \
      "final; start a new chain for a new request.")                           \
    X(E_ABI_MISMATCH, 32, "abi-mismatch",                                      \
      "The program was compiled with other redir_config.h limits or another "  \
      "redir version than the library; build both with the same settings.")    \
    /** Profiles as data (redir_rules). */                                     \
    X(E_INVALID_RULES, 33, "invalid-rules",                                    \
      "A field of the redirect rules holds a value outside its documented "    \
      "range, so the rules cannot be used.")                                   \
    X(E_BAD_PORT, 34, "bad-port",                                              \
      "The URL's port is on the Fetch standard's list of bad ports (SMTP, "    \
      "IRC and other services a browser must not reach).")                     \
    X(E_MULTIPLE_LOCATIONS, 35, "multiple-locations",                          \
      "The response has more than one Location field with different "          \
      "values, so where it points is ambiguous.")                              \
    X(E_INVALID_TRUSTED, 36, "invalid-trusted",                                \
      "A trusted origin must be \"scheme://host[:port]\" (http or https) "     \
      "or \"*.domain\".")                                                      \
    X(E_IDNA_INVALID, 37, "idna-invalid",                                      \
      "The host is not a valid internationalized domain name: UTS 46 "         \
      "processing (mapping, Punycode, normalization, or the joiner or bidi "   \
      "rules) refuses it.")                                                    \
    X(E_IDNA_TOO_LONG, 38, "idna-too-long",                                    \
      "The host needs IDNA processing but is longer than this build allows "   \
      "(REDIR_IDNA_MAX bytes, or REDIR_IDNA_LABEL_MAX code points a label).")  \
    X(E_MODE_UNSUPPORTED, 39, "mode-unsupported",                              \
      "This build leaves out the URL mode asked for (REDIR_NO_WHATWG: the "    \
      "URL Standard's parser, which the fetch, chrome and strict profiles "    \
      "use; REDIR_NO_CURL: curl's reading, which the curl profiles use).")     \
    X(E_HOST_TOO_LONG, 40, "host-too-long",                                    \
      "The URL's host is longer than a chain takes (REDIR_HOST_MAX bytes).")   \
    X(E_SSRF_UNSUPPORTED, 41, "ssrf-unsupported",                              \
      "This build leaves out the SSRF guard (REDIR_NO_SSRF), so a policy "     \
      "that asks for it (REDIR_OPT_DENY_PRIVATE) cannot be honoured.")         \
    X(E_FILE_UNSUPPORTED, 42, "file-unsupported",                              \
      "This build leaves out file: URLs (REDIR_NO_FILE), and the URL or its "  \
      "base is one.")                                                          \
    X(E_PROFILE_UNSUPPORTED, 43, "profile-unsupported",                        \
      "This build keeps one profile (REDIR_ONLY_PROFILE), and the policy "     \
      "asks "                                                                  \
      "for another one or for rules of its own.")                              \
    X(E_SCHEME_UNSUPPORTED, 44, "scheme-unsupported",                          \
      "This build's URL Standard parser reads only http and https URLs "       \
      "(REDIR_ONLY_HTTP), and the URL or its base is of another scheme.")      \
    X(E_IPV6_UNSUPPORTED, 45, "ipv6-unsupported",                              \
      "This build leaves out IPv6 hosts (REDIR_NO_IPV6), and the URL or its "  \
      "base has a host in brackets.")

/** Every outcome of a redir call: REDIR_OK, the REDIR_STOP_* reasons of
 * a stop decision, and the REDIR_E_* failures, with the numbers, names
 * and sentences of REDIR_STATUS_MAP above. */
typedef enum redir_status {
#define REDIR_STATUS_ENUM_(suffix, value, name, sentence)                      \
    REDIR_##suffix = value,
    REDIR_STATUS_MAP(REDIR_STATUS_ENUM_)
#undef REDIR_STATUS_ENUM_
        REDIR_STATUS_END_ /**< one past the largest value; not a status */
} redir_status;

/**
 * redir_status_name - the stable kebab-case identifier of a status
 * ("invalid-port"). Never NULL: an unknown value gives "unknown-status".
 * The string is static and must not be freed.
 */
REDIR_API const char *redir_status_name(redir_status status);

/**
 * redir_strerror - one human sentence describing a status, ending in a
 * full stop. Never NULL: an unknown value gives a sentence saying so.
 * The string is static and must not be freed. In a library built with
 * REDIR_NO_STATUS_TEXT it is the status's name (redir_status_name()).
 */
REDIR_API const char *redir_strerror(redir_status status);

#ifdef __cplusplus
}
#endif

#endif /* REDIR_STATUS_H */
