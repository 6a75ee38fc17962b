/** \file
 * redir_config.h - compile-time limits.
 *
 * Every limit has a default that suits a desktop or server client. A
 * firmware build may change any of them with -D, or point
 * REDIR_CONFIG_FILE at a header of its own (-DREDIR_CONFIG_FILE=
 * '"my_redir_config.h"'), which is included first. The limits size the
 * caller-owned structs of redir.h, so the library and every program
 * using it MUST be compiled with the same values. A mismatch is caught
 * at run time: every function of redir.h that takes a caller-owned
 * struct is given REDIR_ABI_TAG by its macro and returns
 * REDIR_E_ABI_MISMATCH (writing nothing) when it differs from the
 * library's. A library built with CMake and non-default limits
 * (-DREDIR_LIMITS="REDIR_URL_MAX=1024;...") passes them on to its users
 * through the installed CMake package and redir.pc.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_CONFIG_H
#define REDIR_CONFIG_H

#ifdef REDIR_CONFIG_FILE
#include REDIR_CONFIG_FILE
#endif

/** Longest URL a chain can hold, in bytes. A redirect to a longer URL is
 * an error (url-too-long). 8000 is what RFC 9110 asks clients to
 * support at least. */
#ifndef REDIR_URL_MAX
#define REDIR_URL_MAX 8000
#endif

/** Longest host a chain takes, in bytes (a DNS name has at most 253): a
 * start URL or a redirect target with a longer host is an error
 * (host-too-long). The chain keeps its first request's origin, to
 * compare later hops with it, in a buffer of this size. */
#ifndef REDIR_HOST_MAX
#define REDIR_HOST_MAX 255
#endif

/** Longest request method, in bytes. */
#ifndef REDIR_METHOD_MAX
#define REDIR_METHOD_MAX 32
#endif

/** Bytes for the extra sensitive header names of a policy, each name
 * stored with a one-byte length. */
#ifndef REDIR_SENSITIVE_MAX
#define REDIR_SENSITIVE_MAX 256
#endif

/** Bytes for the header names a policy marks safe to send across
 * origins in the strict profile (redir_policy_add_safe), each name
 * stored with a one-byte length. */
#ifndef REDIR_SAFE_MAX
#define REDIR_SAFE_MAX 256
#endif

/** Bytes for the origins a policy trusts with credentials
 * (redir_policy_add_trusted), each stored with a one-byte length. */
#ifndef REDIR_TRUSTED_MAX
#define REDIR_TRUSTED_MAX 256
#endif

/** How many (method, URL) hashes a chain remembers to detect loops (the
 * strict profile): the most recent ones. A loop longer than this is not
 * seen as one; the redirect limit still ends it. */
#ifndef REDIR_LOOP_SLOTS
#define REDIR_LOOP_SLOTS 16
#endif

/** Longest ASCII form of a host that needs IDNA (a non-ASCII domain),
 * in bytes: the URL parser keeps it on the stack. A longer one fails
 * with idna-too-long. 512 is twice what DNS resolves (253); the URL
 * Standard has no limit, and all-ASCII hosts have none here either. */
#ifndef REDIR_IDNA_MAX
#define REDIR_IDNA_MAX 512
#endif

/** Working space of IDNA processing for one label, in code points (4
 * bytes each, on the stack): a label must fit in it after mapping and
 * canonical decomposition; a Punycode ("xn--") label must fit twice,
 * decoded, since its normalization is checked on a copy. A label that
 * does not fails with idna-too-long. The work per label is bounded by
 * the square of this number. */
#ifndef REDIR_IDNA_LABEL_MAX
#define REDIR_IDNA_LABEL_MAX 256
#endif

/* Ten switches of the library's own build leave code out. They change
 * no struct, so a program need not be compiled with them (CMake:
 * -DREDIR_IDNA=OFF, -DREDIR_WHATWG=OFF, -DREDIR_CURL=OFF,
 * -DREDIR_FILE=OFF, -DREDIR_STATUS_TEXT=OFF, -DREDIR_SSRF=OFF,
 * -DREDIR_FAST_PATH=OFF, -DREDIR_ONLY_HTTP=ON, -DREDIR_IPV6=OFF,
 * -DREDIR_ONLY_PROFILE=FETCH).
 *
 * REDIR_NO_IDNA    hosts that need IDNA fail with idna-unsupported;
 *                  saves the Unicode tables (about 76 KB of flash).
 * REDIR_NO_WHATWG  the URL Standard's parser is left out: WHATWG
 *                  resolutions, and the starts of the profiles that parse
 *                  with it (fetch, chrome, strict), fail with
 *                  mode-unsupported; curl profiles and RFC 3986 work as
 *                  ever. Saves about 9.3 KB on a Cortex-M0+ (-Os).
 * REDIR_NO_CURL    curl's reading of Location values is left out: the
 *                  starts of the profiles that read with it (curl,
 *                  curl-follow, curl-7.88) fail with mode-unsupported;
 *                  RFC 3986 resolution (both modes) and the browser
 *                  profiles work as ever. Saves the loose reading in an
 *                  RFC 3986 image, and the whole RFC 3986 resolver in a
 *                  browser-profile chain (figures in README).
 * REDIR_NO_FILE    the WHATWG parser's file: handling (hosts, Windows
 *                  drive letters) is left out: a file: URL, or a file:
 *                  base, fails with file-unsupported. No profile follows
 *                  a redirect to one in any build. Saves about 1 KB.
 * REDIR_NO_STATUS_TEXT  redir_strerror() gives the status's name: saves
 *                  the sentences (about 3.5 KB) where it is called.
 * REDIR_NO_SSRF    the chain leaves the SSRF guard out: a chain whose
 *                  policy has REDIR_OPT_DENY_PRIVATE fails closed with
 *                  ssrf-unsupported (at its start, and at a hop if the
 *                  option is set later). The address classifiers stay
 *                  callable; a policy-only image saves the classifiers
 *                  and the host parsing they need (figures in README).
 * REDIR_NO_FAST_PATH  the WHATWG parser's speed paths are left out:
 *                  URLs already in serialized form
 *                  ("https://host/path?q", the usual Location) take the
 *                  full parser too, every path is written in two passes
 *                  (measured, then written right to left), and a buffer
 *                  below the rough bound is measured by a first
 *                  serialization. The same results, with about three
 *                  times the work. Saves about 2.1 KB on a Cortex-M0+
 *                  (-Os).
 * REDIR_ONLY_HTTP  the WHATWG parser reads only http and https URLs,
 *                  the ones a redirect chain can follow: in WHATWG mode a
 *                  URL or base of any other scheme (ws, ftp, file:,
 *                  mailto:, ...) fails with scheme-unsupported, even one
 *                  a full build would find malformed, and a base is read
 *                  even when the reference is absolute, as ever. A chain
 *                  answers a start URL or a redirect of another scheme
 *                  with scheme-not-allowed, as a full build does once it
 *                  has parsed it. Implies REDIR_NO_FILE. Results for http
 *                  and https are unchanged. Saves about 0.9 KB on a
 *                  Cortex-M0+ (-Os).
 * REDIR_NO_IPV6    IPv6 hosts are left out: in both URL modes a URL or
 *                  base whose host is in brackets (an IPv6 address, or
 *                  in RFC 3986 an IPvFuture literal) fails with
 *                  ipv6-unsupported, even one a full build would find
 *                  malformed. For clients on an IPv4-only network stack.
 *                  The address classifiers still read IPv6 addresses.
 *                  Saves about 0.9 KB on a Cortex-M0+ (-Os).
 * REDIR_ONLY_PROFILE=NAME  one built-in profile is kept, NAME as after
 *                  REDIR_PROFILE_ (FETCH, CHROME, STRICT, CURL,
 *                  CURL_FOLLOW, CURL_7_88): the chain runs its rules as
 *                  constants, and what they never reach is left out.
 *                  Every other profile (redir_policy_init,
 *                  redir_rules_init), rules of the caller's own
 *                  (redir_policy_init_rules), and a start with a policy
 *                  whose profile or rules were changed after it was made
 *                  fail with profile-unsupported; options work as ever.
 *                  Saves about 1.5 KB on a Cortex-M0+ (-Os) for FETCH. */

#endif /* REDIR_CONFIG_H */
