/*
 * follow_cli.h - the command line of the two redirect-following examples,
 * follow.c (plain http over sockets) and curl_follow.c (libcurl):
 *
 *   PROGRAM [--profile P] [-k] [-X METHOD] [-d DATA]
 *           [-H 'Name: value']... [POLICY-OPTIONS] URL
 *
 * POLICY-OPTIONS are those of `redir follow`: --safe NAME,
 * --sensitive NAME, --trusted-origin O, --max-redirects N, --trusted,
 * --keep-post, --allow-downgrade, --deny-downgrade, --navigate; and the
 * SSRF guard, which is ON here (these programs are what users copy):
 * --allow-private turns it off.
 *
 * Sample code, like the programs: header-only, every function static,
 * included once by each program. A program describes what is its own in a
 * follow_cli - its name (the prefix of every message), its usage text,
 * whether it takes -k, the longest -H it accepts - and calls parse_args(),
 * which fills a request or says what is wrong with the command line.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_EXAMPLES_FOLLOW_CLI_H
#define REDIR_EXAMPLES_FOLLOW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redir.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define MAX_HEADERS 64 /* -H options on one command line */

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether s[0..n) is `lower` (a lowercase literal), ignoring ASCII case. */
static bool name_is(const char *s, size_t n, const char *lower)
{
    if (n != strlen(lower))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (ascii_lower(s[i]) != lower[i])
            return false;
    }
    return true;
}

/* An HTTP token character (RFC 9110, section 5.6.2). */
static bool is_tchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

/* ------------------------------------------------------------------ */
/* The command line                                                   */
/* ------------------------------------------------------------------ */

/* What one program makes of the shared command line. */
typedef struct follow_cli {
    const char *name;     /* "follow": the prefix of every message */
    const char *usage;    /* the --help text */
    bool insecure_option; /* whether -k is an option (else unknown) */
    size_t header_max;    /* longest -H argument in bytes; 0: no limit */
    /* The usage error for a -H naming Content-Length, Transfer-Encoding or
     * Connection, which the program (or its library) writes itself. */
    const char *framing_problem;
} follow_cli;

typedef struct header {
    const char *name; /* points into argv; name_len bytes */
    size_t name_len;
    const char *value; /* NUL-terminated, leading blanks skipped */
} header;

typedef struct request {
    redir_profile profile;
    bool insecure;      /* -k, where the program takes it */
    const char *method; /* -X, or NULL: POST with -d, else GET */
    const char *data;   /* -d, or NULL for no body */
    size_t data_len;
    header headers[MAX_HEADERS]; /* the original -H headers, in order */
    size_t header_count;
    const char *safe[MAX_HEADERS]; /* --safe names (strict) */
    size_t safe_count;
    const char *sensitive[MAX_HEADERS]; /* --sensitive names */
    size_t sensitive_count;
    const char *trusted[MAX_HEADERS]; /* --trusted-origin values */
    size_t trusted_count;
    uint32_t options;      /* REDIR_OPT_*: DENY_PRIVATE unless asked */
    int32_t max_redirects; /* --max-redirects, or -1 */
    const char *url;
} request;

/* The policy switches, as in `redir follow`; --allow-private clears the
 * SSRF guard that is on by default. */
static const struct {
    const char *name;
    uint32_t set, clear;
} policy_flags[] = {
    {"--trusted", REDIR_OPT_TRUSTED, 0},
    {"--keep-post", REDIR_OPT_KEEP_POST, 0},
    {"--allow-downgrade", REDIR_OPT_ALLOW_DOWNGRADE, 0},
    {"--deny-downgrade", REDIR_OPT_DENY_DOWNGRADE, 0},
    {"--navigate", REDIR_OPT_NAVIGATE, 0},
    {"--deny-private", REDIR_OPT_DENY_PRIVATE, 0},
    {"--allow-private", 0, REDIR_OPT_DENY_PRIVATE},
};

/* Appends a repeatable option's value; false when the list is full. */
static bool add_value(const char **list, size_t *count, const char *value)
{
    if (*count == MAX_HEADERS)
        return false;
    list[(*count)++] = value; /* checked by redir when the policy is made */
    return true;
}

static int usage(const follow_cli *cli, FILE *out, int status)
{
    fputs(cli->usage, out);
    return status;
}

static int usage_error(const follow_cli *cli, const char *problem,
                       const char *arg)
{
    fprintf(stderr, "%s: %s '%s'\n", cli->name, problem, arg);
    return usage(cli, stderr, EXIT_USAGE);
}

/* Splits "Name: value". The name must be a token; the value may not hold
 * CR or LF, which would let one -H smuggle in another header. */
static bool parse_header(const char *arg, header *h)
{
    const char *colon = strchr(arg, ':');
    if (colon == NULL || colon == arg || strpbrk(arg, "\r\n") != NULL)
        return false;
    for (const char *p = arg; p < colon; p++) {
        if (!is_tchar(*p))
            return false;
    }
    h->name = arg;
    h->name_len = (size_t)(colon - arg);
    h->value = colon + 1;
    while (*h->value == ' ' || *h->value == '\t')
        h->value++;
    return true;
}

/* The program (or libcurl) frames the body and the connection itself. */
static bool is_framing_header(const header *h)
{
    return name_is(h->name, h->name_len, "content-length") ||
           name_is(h->name, h->name_len, "transfer-encoding") ||
           name_is(h->name, h->name_len, "connection");
}

/* Fills `req` from argv. Returns EXIT_OK to go on, -1 after --help, or
 * EXIT_USAGE. */
/* Applies `arg` if it is one of policy_flags. */
static bool policy_flag(const char *arg, request *req)
{
    for (size_t k = 0; k < sizeof policy_flags / sizeof policy_flags[0]; k++) {
        if (strcmp(arg, policy_flags[k].name) == 0) {
            req->options |= policy_flags[k].set;
            req->options &= ~policy_flags[k].clear;
            return true;
        }
    }
    return false;
}

static int parse_args(const follow_cli *cli, int argc, char **argv,
                      request *req)
{
    memset(req, 0, sizeof *req);
    req->profile = REDIR_PROFILE_FETCH;
    req->options = REDIR_OPT_DENY_PRIVATE;
    req->max_redirects = -1;
    bool options_done = false;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool takes_value =
            !options_done &&
            (strcmp(arg, "--profile") == 0 || strcmp(arg, "-X") == 0 ||
             strcmp(arg, "-d") == 0 || strcmp(arg, "-H") == 0 ||
             strcmp(arg, "--safe") == 0 || strcmp(arg, "--sensitive") == 0 ||
             strcmp(arg, "--trusted-origin") == 0 ||
             strcmp(arg, "--max-redirects") == 0);
        if (takes_value && i + 1 >= argc)
            return usage_error(cli, "missing value for", arg);
        const char *value = takes_value ? argv[++i] : NULL;

        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (req->url != NULL)
                return usage_error(cli, "more than one URL:", arg);
            req->url = arg;
        } else if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(cli, stdout, EXIT_OK);
            return -1; /* help printed: exit 0 without doing anything */
        } else if (strcmp(arg, "--profile") == 0) {
            /* Every built-in profile, by its library name. */
            bool known = false;
            for (int p = 0; p <= REDIR_PROFILE_CHROME && !known; p++) {
                if (strcmp(value, redir_profile_name((redir_profile)p)) == 0) {
                    req->profile = (redir_profile)p;
                    known = true;
                }
            }
            if (!known)
                return usage_error(cli, "unknown profile", value);
        } else if (cli->insecure_option && strcmp(arg, "-k") == 0) {
            req->insecure = true;
        } else if (strcmp(arg, "-X") == 0) {
            req->method = value;
        } else if (strcmp(arg, "-d") == 0) {
            if (req->data != NULL)
                return usage_error(cli, "-d given twice:", value);
            req->data = value;
            req->data_len = strlen(value);
        } else if (strcmp(arg, "-H") == 0) {
            header *h = &req->headers[req->header_count];
            if (req->header_count == MAX_HEADERS)
                return usage_error(cli, "too many headers at", value);
            if (cli->header_max != 0 && strlen(value) > cli->header_max)
                return usage_error(cli, "-H value too long:", value);
            if (!parse_header(value, h))
                return usage_error(cli, "-H needs 'Name: value', not", value);
            if (is_framing_header(h))
                return usage_error(cli, cli->framing_problem, value);
            req->header_count++;
        } else if (strcmp(arg, "--safe") == 0) {
            if (!add_value(req->safe, &req->safe_count, value))
                return usage_error(cli, "too many --safe names at", value);
        } else if (strcmp(arg, "--sensitive") == 0) {
            if (!add_value(req->sensitive, &req->sensitive_count, value))
                return usage_error(cli, "too many --sensitive names at", value);
        } else if (strcmp(arg, "--trusted-origin") == 0) {
            if (!add_value(req->trusted, &req->trusted_count, value))
                return usage_error(cli, "too many --trusted-origin at", value);
        } else if (strcmp(arg, "--max-redirects") == 0) {
            char *end = NULL;
            long n = strtol(value, &end, 10);
            if (*value < '0' || *value > '9' || *end != '\0' || n < 0 ||
                n > INT32_MAX)
                return usage_error(
                    cli, "--max-redirects wants a count 0 to 2147483647, not",
                    value);
            req->max_redirects = (int32_t)n;
        } else if (policy_flag(arg, req)) {
            /* a switch of the policy, applied */
        } else {
            return usage_error(cli, "unknown option", arg);
        }
    }
    if (req->url == NULL) {
        fprintf(stderr, "%s: missing URL\n", cli->name);
        return usage(cli, stderr, EXIT_USAGE);
    }
    return EXIT_OK;
}

/* The policy of the request: its profile, the switches, the limit and
 * the names. Returns EXIT_OK or EXIT_USAGE. */
static int policy_of(const follow_cli *cli, const request *req,
                     redir_policy *policy)
{
    redir_policy_init(policy, req->profile);
    policy->options = req->options;
    policy->max_redirects = req->max_redirects;
    for (size_t i = 0; i < req->safe_count; i++) {
        const char *name = req->safe[i];
        if (redir_policy_add_safe(policy, name, strlen(name)) != REDIR_OK)
            return usage_error(cli, "--safe wants a header name, not", name);
    }
    for (size_t i = 0; i < req->sensitive_count; i++) {
        const char *name = req->sensitive[i];
        if (redir_policy_add_sensitive(policy, name, strlen(name)) != REDIR_OK)
            return usage_error(cli, "--sensitive wants a header name, not",
                               name);
    }
    for (size_t i = 0; i < req->trusted_count; i++) {
        const char *o = req->trusted[i];
        if (redir_policy_add_trusted(policy, o, strlen(o)) != REDIR_OK)
            return usage_error(
                cli,
                "--trusted-origin wants scheme://host[:port] or *.domain,"
                " not",
                o);
    }
    return EXIT_OK;
}

#endif /* REDIR_EXAMPLES_FOLLOW_CLI_H */
