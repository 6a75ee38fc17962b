/*
 * redir.c - the `redir` command-line tool: resolve and parse URLs and
 * decide redirect chains with the redir library.
 *
 *   redir resolve [--mode MODE] BASE REF
 *   redir resolve [--mode MODE] --batch      (lines on standard input)
 *   redir parse [--mode MODE] URL
 *   redir parse [--mode MODE] --batch        (lines on standard input)
 *   redir follow [OPTIONS] METHOD URL RESPONSE...
 *   redir follow [OPTIONS] [METHOD URL]      (explains the profile)
 *   redir help
 *
 * The tool is sample code for the library and, at the same time, an
 * interface that scripts and tests rely on: the output formats, the batch
 * line format and the exit statuses (0 success, 1 failure, 2 usage error)
 * are a contract, so change them only by adding.
 *
 * Layout, so that modes and subcommands are easy to add:
 *   - `modes` lists the URL modes; their names come from the library
 *     (redir_url_mode_name), so the tool and the library cannot disagree.
 *     `profiles` and `bodies` do the same for redirect profiles and body
 *     kinds, and `flag_options` maps follow's switches to REDIR_OPT_*.
 *   - `commands` maps a subcommand name to one cmd_* function.
 *   - parse_options() reads the options of all subcommands; a mask says
 *     which ones a subcommand accepts.
 *   - write_escaped() / unescape_in_place() implement the escaping of the
 *     batch line format, for any subcommand that reads or writes lines.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redir.h"
#include "redir_status.h"
#include "redir_url.h"
#include "rules_text.h"

/* Exit statuses: part of the tool's contract. */
enum {
    EXIT_OK = 0,     /* success; for --batch: all input was read */
    EXIT_FAILED = 1, /* the library (or I/O) failed; message on stderr */
    EXIT_USAGE = 2   /* the command line is wrong; usage on stderr */
};

/*
 * Batch lines hold at most this many bytes, LF excluded. The result
 * buffer starts with the same size. In the RFC 3986 modes a result is
 * never longer than its base and reference together plus one '/' (added
 * when the base has an authority and an empty path), which is at most
 * the length of the line, so it always fits. The whatwg mode can write
 * more than it reads: a space or non-ASCII byte becomes "%XX", a byte
 * that is not UTF-8 becomes "%EF%BF%BD" (U+FFFD), a host "0" becomes
 * "0.0.0.0". The buffer then grows to the length the library reports,
 * so every line within the limit gets its result; its size stays bounded
 * by the longest result of such a line, however many lines come.
 */
#define BATCH_LINE_CAP ((size_t)64 * 1024)

/* ------------------------------------------------------------------ */
/* Modes                                                              */
/* ------------------------------------------------------------------ */

typedef struct mode_info {
    redir_url_mode mode;
    const char *about; /* one line for the usage text */
} mode_info;

/* Every mode the tool offers. The name of each is redir_url_mode_name(). */
static const mode_info modes[] = {
    {REDIR_URL_WHATWG, "the WHATWG URL Standard"},
    {REDIR_URL_RFC3986, "strict RFC 3986"},
    {REDIR_URL_RFC3986_COMPAT,
     "also reads \"http:g\" as \"g\" (RFC 3986 5.4.2)"},
};

#define DEFAULT_MODE REDIR_URL_WHATWG

static bool mode_from_name(const char *name, redir_url_mode *mode)
{
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcmp(name, redir_url_mode_name(modes[i].mode)) == 0) {
            *mode = modes[i].mode;
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Redirect profiles, body kinds and policy switches (follow)         */
/* ------------------------------------------------------------------ */

/*
 * Every profile the tool offers (the name of each is redir_profile_name()).
 * Their rules are not written here: explain_policy() and `redir rules`
 * put the library's rows into words (rules_text.c).
 */
typedef struct profile_info {
    redir_profile profile;
    const char *about;   /* one line for the usage text */
    const char *summary; /* the explanation's first line */
} profile_info;

static const profile_info profiles[] = {
    {REDIR_PROFILE_FETCH, "the WHATWG Fetch standard (Node, browsers)",
     "fetch: the WHATWG Fetch standard's HTTP-redirect fetch, as browsers\n"
     "and Node's fetch() follow redirects.\n"},
    {REDIR_PROFILE_CHROME, "fetch as Chromium does it",
     "chrome: fetch as Chromium does it (an empty Location is handed\n"
     "back; navigations stop at 19 redirects).\n"},
    {REDIR_PROFILE_STRICT, "fetch's rules, hardened",
     "strict: fetch's method and body rules, hardened: no https -> http,\n"
     "no userinfo, only known-safe headers across origins, loop detection.\n"},
    {REDIR_PROFILE_CURL, "what curl -L does (curl 8.21)",
     "curl: what curl -L does (curl 8.21).\n"},
    {REDIR_PROFILE_CURL_FOLLOW, "what curl --follow does (curl 8.21)",
     "curl-follow: what curl --follow does (curl 8.21, libcurl's\n"
     "CURLFOLLOW_OBEYCODE).\n"},
    {REDIR_PROFILE_CURL_7_88, "what curl -L does (curl 7.88)",
     "curl-7.88: what curl -L of curl 7.88 does (Debian 12).\n"},
};

#define DEFAULT_PROFILE REDIR_PROFILE_FETCH

static const profile_info *profile_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        if (strcmp(name, redir_profile_name(profiles[i].profile)) == 0)
            return &profiles[i];
    }
    return NULL;
}

/* The body kinds of the first request; names are redir_body_name(). */
typedef struct body_info {
    redir_body body;
    const char *about; /* one line for the usage text */
} body_info;

static const body_info bodies[] = {
    {REDIR_BODY_NONE, "the request has no body"},
    {REDIR_BODY_REPLAYABLE, "a body that can be sent again"},
    {REDIR_BODY_STREAM, "a streamed body, which cannot"},
};

#define DEFAULT_BODY REDIR_BODY_NONE

static bool body_from_name(const char *name, redir_body *body)
{
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        if (strcmp(name, redir_body_name(bodies[i].body)) == 0) {
            *body = bodies[i].body;
            return true;
        }
    }
    return false;
}

/* follow's switches, each setting REDIR_OPT_* bits of the policy. */
typedef struct flag_option {
    const char *name;
    uint32_t bits;
    const char *about; /* for the usage text; '\n' continues it */
} flag_option;

static const flag_option flag_options[] = {
    {"--allow-downgrade", REDIR_OPT_ALLOW_DOWNGRADE,
     "Follow https -> http (strict refuses it)."},
    {"--deny-downgrade", REDIR_OPT_DENY_DOWNGRADE,
     "Refuse https -> http (wins over --allow-downgrade)."},
    {"--keep-post", REDIR_OPT_KEEP_POST,
     "POST stays POST with its body on 301, 302 and 303."},
    {"--trusted", REDIR_OPT_TRUSTED,
     "Send credentials to every host (as curl's\n"
     "--location-trusted)."},
    {"--deny-private", REDIR_OPT_DENY_PRIVATE,
     "Refuse targets whose host is a loopback, private or other\n"
     "non-public address literal (an SSRF guard)."},
    {"--navigate", REDIR_OPT_NAVIGATE,
     "A navigation, not fetch(): the browser profiles' navigation\n"
     "rules apply (userinfo, limit)."},
};

/* ------------------------------------------------------------------ */
/* Usage and error messages                                           */
/* ------------------------------------------------------------------ */

static void print_synopsis(FILE *out)
{
    fputs("usage: redir resolve [--mode MODE] BASE REF\n"
          "       redir resolve [--mode MODE] --batch\n"
          "       redir parse [--mode MODE] URL\n"
          "       redir parse [--mode MODE] --batch\n"
          "       redir follow [FOLLOW-OPTIONS] METHOD URL RESPONSE...\n"
          "       redir follow [FOLLOW-OPTIONS] [METHOD URL]\n"
          "       redir rules\n"
          "       redir help | --help | -h\n"
          "       redir --version\n",
          out);
}

/* Writes text[0..) with every line after the first indented by `indent`
 * spaces, and a final LF. */
static void print_indented(FILE *out, int indent, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        putc(*p, out);
        if (*p == '\n')
            fprintf(out, "%*s", indent, "");
    }
    putc('\n', out);
}

static void print_help(FILE *out)
{
    print_synopsis(out);
    fputs("\n"
          "Commands:\n"
          "  resolve   Resolve the reference REF against the URL BASE and\n"
          "            print the result. An empty BASE (\"\") means no base:\n"
          "            REF must then be absolute.\n"
          "  parse     Print the components of URL as one line of JSON:\n"
          "            {\"scheme\":S,\"userinfo\":S,\"host\":S,"
          "\"host_type\":\"T\",\"port\":S,\n"
          "             \"path\":S,\"query\":S,\"fragment\":S,"
          "\"origin\":S}\n"
          "            where S is a string, or null when the component is\n"
          "            absent (origin: unless the URL is http or https and\n"
          "            has a host). In the whatwg mode URL must be absolute:\n"
          "            it is parsed as with an empty BASE, and the components\n"
          "            are those of the URL that resolve prints; T is domain,\n"
          "            ipv4, ipv6, opaque, empty or none. In the rfc3986\n"
          "            modes URL may be a relative reference, components are\n"
          "            shown as written, and T is reg-name, ipv4, ipv6,\n"
          "            ipvfuture or none.\n"
          "  follow    Decide every hop of a redirect chain as the profile\n"
          "            says. METHOD URL is the first request; each RESPONSE\n"
          "            is the next response of the chain, in order:\n"
          "              STATUS=LOCATION  status 100-999 and its Location\n"
          "              STATUS=          an empty Location header\n"
          "              STATUS           no Location header\n"
          "            Prints one line of JSON per response, up to the first\n"
          "            that is not followed:\n"
          "              {\"hop\":N,\"action\":\"follow\",\"status\":N,"
          "\"method\":S,\"url\":S,\n"
          "               \"body\":\"keep|drop|none\",\"headers\":[S,...],"
          "\"cross_origin\":B,\n"
          "               \"downgrade\":B,\"permanent\":B}\n"
          "              {\"hop\":N,\"action\":\"stop|error\",\"status\":N,"
          "\"reason\":S}\n"
          "            url and method are the next request's; body says if\n"
          "            the request body is sent again (keep), left out\n"
          "            (drop), or there is none; headers lists the -H names\n"
          "            sent on that hop, lowercased, in the order given;\n"
          "            reason is a status name: a stop reason (not-followed,\n"
          "            no-location, empty-location) or the error. Responses\n"
          "            after the last decision are not used; when they run\n"
          "            out while the chain still follows, output just ends.\n"
          "            Without RESPONSEs, prints the rules of the profile\n"
          "            (as the options change them) instead; METHOD and URL,\n"
          "            when given, are still checked.\n"
          "            A RESPONSE may be followed by +LOCATION operands,\n"
          "            each one more Location field of that response.\n"
          "  rules     Print the rules of every profile as a Markdown\n"
          "            table (the one in README.md).\n"
          "  help      Print this text (also: redir --help).\n"
          "\n"
          "Options of resolve and parse:\n"
          "  --mode MODE  How URLs are parsed and resolved:\n",
          out);
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        bool whatwg = modes[i].mode == REDIR_URL_WHATWG;
        const char *unicode = redir_unicode_version();
        fprintf(out, "                 %-15s %s%s%s%s%s\n",
                redir_url_mode_name(modes[i].mode), modes[i].about,
                !whatwg      ? ""
                : unicode[0] ? " (IDNA "
                             : " (no IDNA",
                whatwg ? unicode : "", whatwg ? ")" : "",
                modes[i].mode == DEFAULT_MODE ? " (default)" : "");
    }
    fputs("               whatwg removes tabs and newlines, trims spaces and\n"
          "               controls at both ends, reads '\\' as '/' in http,\n"
          "               https, ws, wss, ftp and file URLs, normalizes hosts\n"
          "               and ports, and percent-encodes non-ASCII bytes, and\n"
          "               spaces but in an opaque path (\"mailto:a b\"). The\n"
          "               rfc3986 modes keep a URL as written and refuse\n"
          "               tabs, spaces, '\\' and non-ASCII bytes\n"
          "               (invalid-character).\n",
          out);
    fprintf(out,
            "  --batch      resolve only: read lines \"BASE<TAB>REF\" from\n"
            "               standard input and write one line per input\n"
            "               line: the resolved URL, or \"!NAME\" where NAME\n"
            "               names the error. In both directions '\\' is\n"
            "               written \\\\, TAB \\t, LF \\n, CR \\r, and other\n"
            "               bytes below 0x20 and 0x7F as \\xHH (input may\n"
            "               use either case of hex digit). An empty BASE\n"
            "               means no base. Lines hold at most %zu bytes.\n"
            "               Besides the library's status names, NAME can be:\n"
            "                 bad-line       no TAB, a second TAB, or a bad\n"
            "                                escape in the line\n"
            "                 line-too-long  the line is over the limit\n"
            "               parse --batch reads one escaped URL a line and\n"
            "               writes its JSON line or \"!NAME\".\n",
            BATCH_LINE_CAP);
    fputs("\n"
          "Options of follow (FOLLOW-OPTIONS):\n"
          "  --profile P        Whose redirect rules apply:\n",
          out);
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        fprintf(out, "                       %-7s %s%s\n",
                redir_profile_name(profiles[i].profile), profiles[i].about,
                profiles[i].profile == DEFAULT_PROFILE ? " (default)" : "");
    }
    fputs("  --max-redirects N  Follow at most N redirects (a non-negative\n"
          "                     integer; default: the profile's limit).\n"
          "  --body KIND        The first request's body:\n",
          out);
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        fprintf(out, "                       %-10s  %s%s\n",
                redir_body_name(bodies[i].body), bodies[i].about,
                bodies[i].body == DEFAULT_BODY ? " (default)" : "");
    }
    fputs("  -H 'Name: value'   A header of the first request; repeatable.\n"
          "                     Only the name (a token before ':') matters.\n"
          "  --sensitive NAME   Treat header NAME like Authorization;\n"
          "                     repeatable.\n"
          "  --safe NAME        strict: header NAME may go to other origins\n"
          "                     (a sensitive name still does not);\n"
          "                     repeatable.\n"
          "  --trusted-origin O Credentials may go to origin O:\n"
          "                     scheme://host[:port] (http, https) or\n"
          "                     *.domain (https hosts under it);\n"
          "                     repeatable.\n"
          "  --summary          End with one more JSON line,\n"
          "                     {\"summary\":{\"redirects\":N,\"end\":A,\n"
          "                     \"reason\":S,\"first\":URL,\"last\":URL,\n"
          "                     \"method\":M}}: the chain in one line.\n",
          out);
    for (size_t i = 0; i < sizeof flag_options / sizeof flag_options[0]; i++) {
        fprintf(out, "  %-18s ", flag_options[i].name);
        print_indented(out, 21, flag_options[i].about);
    }
    fputs("\n"
          "Options of every command:\n"
          "  --help       Print this text.\n"
          "  --           End of options (for an operand starting with '-').\n"
          "Options come before operands. A long option with a value may also\n"
          "be written --option=VALUE.\n"
          "\n"
          "Exit status: 0 success (--batch: all input was read; follow: the\n"
          "decisions were printed, even when the last is an error), 1 failure\n"
          "(\"redir: NAME: sentence\" on standard error), 2 usage error.\n",
          out);
}

/* Reports a wrong command line in two lines: what is wrong (`arg`, when
 * not NULL, is the culprit), and where the usage is. */
static int usage_error(const char *problem, const char *arg)
{
    if (arg != NULL)
        fprintf(stderr, "redir: %s '%s'\n", problem, arg);
    else
        fprintf(stderr, "redir: %s\n", problem);
    fputs("Run 'redir --help' for usage.\n", stderr);
    return EXIT_USAGE;
}

/* Reports a library failure in the documented "redir: NAME: sentence"
 * form: the name is stable for scripts, the sentence is for people. */
static int report_failure(redir_status status)
{
    fprintf(stderr, "redir: %s: %s\n", redir_status_name(status),
            redir_strerror(status));
    return EXIT_FAILED;
}

/* malloc that never returns NULL: a command-line tool that runs out of
 * memory can only say so and stop. A size of 0 still gives a buffer. */
static void *xmalloc(size_t size)
{
    void *p = malloc(size > 0 ? size : 1);
    if (p == NULL) {
        fputs("redir: out of memory\n", stderr);
        exit(EXIT_FAILED);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Options shared by the subcommands                                  */
/* ------------------------------------------------------------------ */

/* Which options a subcommand accepts. */
enum { OPT_MODE = 1u << 0, OPT_BATCH = 1u << 1, OPT_FOLLOW = 1u << 2 };

/* A header name given with -H: argv text, not NUL-terminated at len. */
typedef struct header_arg {
    const char *name;
    size_t len;
} header_arg;

typedef struct options {
    redir_url_mode mode;
    bool batch;
    bool help;
    /* follow */
    redir_profile profile;
    uint32_t policy_options; /* REDIR_OPT_* */
    int32_t max_redirects;   /* -1: the profile's */
    redir_body body;
    header_arg *headers; /* -H names, in the order given */
    size_t header_count;
    const char **sensitive; /* --sensitive names, in the order given */
    size_t sensitive_count;
    const char **safe; /* --safe names, in the order given */
    size_t safe_count;
    const char **trusted; /* --trusted-origin values, in the order given */
    size_t trusted_count;
    bool summary; /* --summary: end with the chain on one line */
} options;

static void free_options(options *opts)
{
    free(opts->headers);
    free(opts->sensitive);
    free(opts->safe);
    free(opts->trusted);
    opts->headers = NULL;
    opts->sensitive = NULL;
    opts->safe = NULL;
    opts->trusted = NULL;
    opts->header_count = opts->sensitive_count = opts->safe_count = 0;
    opts->trusted_count = 0;
}

/* What reading one option gave. */
typedef enum option_result {
    OPTION_UNKNOWN, /* not an option of this group */
    OPTION_TAKEN,   /* read and stored */
    OPTION_BAD      /* a usage error was reported */
} option_result;

/*
 * Whether argv[*i] is the option `name` that takes a value: "NAME VALUE"
 * (which moves *i to the value) or, for a long option, "NAME=VALUE". On
 * a match *value is the value, or NULL when NAME was the last argument.
 */
static bool value_option(char **argv, int *i, const char *name,
                         const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return false;
    if (arg[n] == '\0') {
        *value = argv[++*i]; /* argv[argc] is NULL */
        return true;
    }
    if (arg[n] == '=' && name[1] == '-') {
        *value = arg + n + 1;
        return true;
    }
    return false;
}

static option_result missing_value(const char *name)
{
    usage_error("missing value for option", name);
    return OPTION_BAD;
}

/* tchar of RFC 9110 section 5.6.2: the bytes of a header name. */
static bool is_tchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static bool is_token(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_tchar(s[i]))
            return false;
    }
    return len > 0;
}

/* A count for --max-redirects: decimal digits only, at most INT32_MAX. */
static bool parse_count(const char *s, int32_t *count)
{
    int32_t n = 0;
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return false;
        int digit = *s - '0';
        if (n > (INT32_MAX - digit) / 10)
            return false;
        n = n * 10 + digit;
    }
    *count = n;
    return true;
}

/* Reads argv[*i] if it is one of follow's options. */
static option_result follow_option(char **argv, int *i, options *opts)
{
    const char *arg = argv[*i];
    const char *value;

    for (size_t k = 0; k < sizeof flag_options / sizeof flag_options[0]; k++) {
        if (strcmp(arg, flag_options[k].name) == 0) {
            opts->policy_options |= flag_options[k].bits;
            return OPTION_TAKEN;
        }
    }
    if (value_option(argv, i, "--profile", &value)) {
        if (value == NULL)
            return missing_value("--profile");
        const profile_info *info = profile_from_name(value);
        if (info == NULL) {
            usage_error("unknown profile", value);
            return OPTION_BAD;
        }
        opts->profile = info->profile;
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "--max-redirects", &value)) {
        if (value == NULL)
            return missing_value("--max-redirects");
        if (!parse_count(value, &opts->max_redirects)) {
            usage_error("--max-redirects wants a non-negative integer, not",
                        value);
            return OPTION_BAD;
        }
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "--body", &value)) {
        if (value == NULL)
            return missing_value("--body");
        if (!body_from_name(value, &opts->body)) {
            usage_error("unknown body kind", value);
            return OPTION_BAD;
        }
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "--sensitive", &value)) {
        if (value == NULL)
            return missing_value("--sensitive");
        /* Checked by the library when the policy is built. */
        opts->sensitive[opts->sensitive_count++] = value;
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "--safe", &value)) {
        if (value == NULL)
            return missing_value("--safe");
        opts->safe[opts->safe_count++] = value;
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "--trusted-origin", &value)) {
        if (value == NULL)
            return missing_value("--trusted-origin");
        opts->trusted[opts->trusted_count++] = value;
        return OPTION_TAKEN;
    }
    if (strcmp(arg, "--summary") == 0) {
        opts->summary = true;
        return OPTION_TAKEN;
    }
    if (value_option(argv, i, "-H", &value)) {
        if (value == NULL)
            return missing_value("-H");
        const char *colon = strchr(value, ':');
        if (colon == NULL || !is_token(value, (size_t)(colon - value))) {
            usage_error("-H wants 'Name: value', not", value);
            return OPTION_BAD;
        }
        header_arg *h = &opts->headers[opts->header_count++];
        h->name = value;
        h->len = (size_t)(colon - value);
        return OPTION_TAKEN;
    }
    return OPTION_UNKNOWN;
}

/*
 * Reads the options in argv[1..argc) (argv[0] is the subcommand name).
 * Options come before operands, as POSIX utilities expect; "--" ends
 * them, so a reference such as "-x" can still be given. Returns the index
 * of the first operand, or -1 after reporting a usage error. With
 * OPT_FOLLOW it allocates: call free_options() afterwards in any case.
 */
static int parse_options(int argc, char **argv, unsigned allowed, options *opts)
{
    opts->mode = DEFAULT_MODE;
    opts->batch = false;
    opts->help = false;
    opts->profile = DEFAULT_PROFILE;
    opts->policy_options = 0;
    opts->max_redirects = -1;
    opts->body = DEFAULT_BODY;
    opts->headers = NULL;
    opts->header_count = 0;
    opts->sensitive = NULL;
    opts->sensitive_count = 0;
    opts->safe = NULL;
    opts->safe_count = 0;
    opts->trusted = NULL;
    opts->trusted_count = 0;
    opts->summary = false;
    if (allowed & OPT_FOLLOW) {
        /* Each argument is at most one name: argc entries suffice. */
        opts->headers = xmalloc((size_t)argc * sizeof *opts->headers);
        opts->sensitive = xmalloc((size_t)argc * sizeof *opts->sensitive);
        opts->safe = xmalloc((size_t)argc * sizeof *opts->safe);
        opts->trusted = xmalloc((size_t)argc * sizeof *opts->trusted);
    }

    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        const char *value;
        /* "-" alone and anything not starting with '-' are operands. */
        if (arg[0] != '-' || arg[1] == '\0')
            break;
        if (strcmp(arg, "--") == 0)
            return i + 1;

        if (strcmp(arg, "--help") == 0) {
            opts->help = true;
        } else if ((allowed & OPT_BATCH) && strcmp(arg, "--batch") == 0) {
            opts->batch = true;
        } else if ((allowed & OPT_MODE) &&
                   value_option(argv, &i, "--mode", &value)) {
            /* Both "--mode M" and "--mode=M" are accepted. */
            if (value == NULL) {
                missing_value("--mode");
                return -1;
            }
            if (!mode_from_name(value, &opts->mode)) {
                usage_error("unknown mode", value);
                return -1;
            }
        } else {
            option_result r = OPTION_UNKNOWN;
            if (allowed & OPT_FOLLOW)
                r = follow_option(argv, &i, opts);
            if (r == OPTION_BAD)
                return -1;
            if (r == OPTION_UNKNOWN) {
                usage_error("unknown option", arg);
                return -1;
            }
        }
    }
    return i;
}

/* ------------------------------------------------------------------ */
/* Escaping for line-oriented input and output                        */
/* ------------------------------------------------------------------ */

/*
 * Writes s[0..len) so that it holds no TAB, LF or other control byte:
 * a line stays one line and TAB stays a field separator. Bytes >= 0x80
 * are written unchanged (they may be UTF-8).
 */
static void write_escaped(FILE *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\\':
            fputs("\\\\", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                fprintf(out, "\\x%c%c", hex[c >> 4], hex[c & 0xf]);
            else
                putc(c, out);
            break;
        }
    }
}

/* The value of a hexadecimal digit of either case, or -1. */
static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Undoes write_escaped() in place: s[0..len) becomes s[0..*out_len).
 * Decoding never makes text longer, so no second buffer is needed.
 * Returns false for '\' at the end, before an unknown letter, or before
 * "x" without two hexadecimal digits.
 */
static bool unescape_in_place(char *s, size_t len, size_t *out_len)
{
    size_t r = 0, w = 0;

    while (r < len) {
        char c = s[r++];
        if (c == '\\') {
            if (r == len)
                return false;
            switch (s[r++]) {
            case '\\':
                c = '\\';
                break;
            case 't':
                c = '\t';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 'x': {
                if (len - r < 2)
                    return false;
                int hi = hex_value(s[r]);
                int lo = hex_value(s[r + 1]);
                if (hi < 0 || lo < 0)
                    return false;
                c = (char)(unsigned char)(hi * 16 + lo);
                r += 2;
                break;
            }
            default:
                return false;
            }
        }
        s[w++] = c;
    }
    *out_len = w;
    return true;
}

/* ------------------------------------------------------------------ */
/* resolve                                                            */
/* ------------------------------------------------------------------ */

/*
 * The library takes "no base" as base = NULL with length 0; an empty
 * non-NULL base would be a base without a scheme instead.
 */
static const char *base_or_null(const char *base, size_t len)
{
    return len == 0 ? NULL : base;
}

/* redir resolve BASE REF: one URL, printed on standard output. */
static int resolve_one(redir_url_mode mode, const char *base, const char *ref)
{
    size_t base_len = strlen(base);
    size_t ref_len = strlen(ref);
    size_t need = 0;

    /* Ask for the length first (no buffer), then resolve into a buffer
     * of exactly that size: the library never truncates a result. */
    redir_status st =
        redir_url_resolve(base_or_null(base, base_len), base_len, ref, ref_len,
                          mode, NULL, 0, &need, NULL);
    if (st != REDIR_OK && st != REDIR_E_NOSPACE)
        return report_failure(st);

    char *out = xmalloc(need);
    st = redir_url_resolve(base_or_null(base, base_len), base_len, ref, ref_len,
                           mode, out, need, &need, NULL);
    if (st == REDIR_OK) {
        fwrite(out, 1, need, stdout);
        putchar('\n');
    }
    free(out);
    return st == REDIR_OK ? EXIT_OK : report_failure(st);
}

typedef enum line_kind {
    LINE_READ,     /* a whole line is in the buffer */
    LINE_TOO_LONG, /* a line over the limit was read and dropped */
    LINE_END       /* no more input */
} line_kind;

/*
 * Reads the next line of `in`, without its LF, into buf[0..*len). A line
 * longer than `cap` is still read to its end, so that the next call
 * starts at the next line whatever happened. The last line may lack its
 * LF. Reading byte by byte keeps NUL bytes and needs no second buffer;
 * stdio buffers the actual reads.
 */
static line_kind read_line(FILE *in, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    bool too_long = false;
    int c;

    while ((c = getc(in)) != EOF && c != '\n') {
        if (n < cap)
            buf[n++] = (char)c;
        else
            too_long = true;
    }
    *len = n;
    if (c == EOF && n == 0)
        return LINE_END;
    return too_long ? LINE_TOO_LONG : LINE_READ;
}

/* The result buffer of --batch: `cap` bytes at `data`, grown on demand. */
typedef struct result_buffer {
    char *data;
    size_t cap;
} result_buffer;

/*
 * Resolves one batch line "BASE<TAB>REF" (escaped) into
 * out->data[0..*out_len), growing `out` when the result needs more room.
 * Returns NULL on success, else the name to print after '!'. The line is
 * unescaped in place.
 */
static const char *resolve_line(redir_url_mode mode, char *line, size_t len,
                                result_buffer *out, size_t *out_len)
{
    char *tab = memchr(line, '\t', len);
    if (tab == NULL)
        return "bad-line";

    char *base = line;
    size_t base_len = (size_t)(tab - line);
    char *ref = tab + 1;
    size_t ref_len = len - base_len - 1;

    /* A raw TAB inside a field is not allowed: fields escape it as \t. */
    if (memchr(ref, '\t', ref_len) != NULL)
        return "bad-line";
    if (!unescape_in_place(base, base_len, &base_len) ||
        !unescape_in_place(ref, ref_len, &ref_len))
        return "bad-line";

    redir_status st =
        redir_url_resolve(base_or_null(base, base_len), base_len, ref, ref_len,
                          mode, out->data, out->cap, out_len, NULL);
    if (st == REDIR_E_NOSPACE) {
        /* *out_len is the length needed; base and ref are still intact. */
        free(out->data);
        out->cap = *out_len;
        out->data = xmalloc(out->cap);
        st = redir_url_resolve(base_or_null(base, base_len), base_len, ref,
                               ref_len, mode, out->data, out->cap, out_len,
                               NULL);
    }
    return st == REDIR_OK ? NULL : redir_status_name(st);
}

/* How a --batch run ends: EXIT_OK when all input was read. */
static int batch_status(void)
{
    if (ferror(stdin)) {
        fprintf(stderr, "redir: cannot read standard input: %s\n",
                strerror(errno));
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

/*
 * redir resolve --batch: one output line per input line, in bounded
 * memory. The line buffer is static rather than on the stack because it
 * is large; the result buffer only grows (see BATCH_LINE_CAP), so neither
 * is allocated per line.
 */
static int resolve_batch(redir_url_mode mode)
{
    static char line[BATCH_LINE_CAP];
    result_buffer result = {xmalloc(BATCH_LINE_CAP), BATCH_LINE_CAP};

    for (;;) {
        size_t line_len;
        line_kind kind = read_line(stdin, line, sizeof line, &line_len);
        if (kind == LINE_END)
            break;

        const char *error = "line-too-long";
        size_t result_len = 0;
        if (kind == LINE_READ)
            error = resolve_line(mode, line, line_len, &result, &result_len);
        if (error == NULL) {
            write_escaped(stdout, result.data, result_len);
            putchar('\n');
        } else {
            printf("!%s\n", error);
        }
    }
    free(result.data);

    return batch_status();
}

static int cmd_resolve(int argc, char **argv)
{
    options opts;
    int first = parse_options(argc, argv, OPT_MODE | OPT_BATCH, &opts);
    if (first < 0)
        return EXIT_USAGE;
    if (opts.help) {
        print_help(stdout);
        return EXIT_OK;
    }

    int operands = argc - first;
    if (opts.batch) {
        if (operands != 0)
            return usage_error("resolve --batch takes no operands", NULL);
        return resolve_batch(opts.mode);
    }
    if (operands != 2)
        return usage_error("resolve needs two operands: BASE REF", NULL);
    return resolve_one(opts.mode, argv[first], argv[first + 1]);
}

/* ------------------------------------------------------------------ */
/* parse                                                              */
/* ------------------------------------------------------------------ */

/*
 * Splits `text` as `mode` reads it; *shown receives the text that the
 * components of *url are offsets into. Both RFC 3986 modes parse the
 * same way (they differ only in resolution) and describe `text` itself.
 * The whatwg mode parses with no base, as `resolve "" URL` does, and
 * describes the serialized result, in a new buffer (*shown, to be freed
 * by the caller; NULL on failure). A new mode adds a case here.
 */
static redir_status parse_url(redir_url_mode mode, const char *text, size_t len,
                              char **shown, redir_url *url)
{
    *shown = NULL;
    switch (mode) {
    case REDIR_URL_RFC3986:
    case REDIR_URL_RFC3986_COMPAT: {
        redir_status st = redir_url_parse(text, len, url);
        if (st == REDIR_OK) {
            *shown = xmalloc(len);
            memcpy(*shown, text, len);
        }
        return st;
    }
    case REDIR_URL_WHATWG: {
        /* Length first, then the text, as in resolve_one. */
        size_t need = 0;
        redir_status st =
            redir_url_resolve(NULL, 0, text, len, mode, NULL, 0, &need, NULL);
        if (st != REDIR_OK && st != REDIR_E_NOSPACE)
            return st;
        char *buf = xmalloc(need);
        st = redir_url_resolve(NULL, 0, text, len, mode, buf, need, &need, url);
        if (st != REDIR_OK) {
            free(buf);
            return st;
        }
        *shown = buf;
        return REDIR_OK;
    }
    }
    return REDIR_E_INVALID_ARGUMENT;
}

/* Writes byte c inside a JSON string. Bytes >= 0x80 pass through. */
static void write_json_char(FILE *out, unsigned char c)
{
    switch (c) {
    case '"':
        fputs("\\\"", out);
        break;
    case '\\':
        fputs("\\\\", out);
        break;
    case '\b':
        fputs("\\b", out);
        break;
    case '\f':
        fputs("\\f", out);
        break;
    case '\n':
        fputs("\\n", out);
        break;
    case '\r':
        fputs("\\r", out);
        break;
    case '\t':
        fputs("\\t", out);
        break;
    default:
        if (c < 0x20)
            fprintf(out, "\\u%04x", (unsigned)c);
        else
            putc(c, out);
        break;
    }
}

/* Writes s[0..len) as a JSON string. */
static void write_json_string(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    for (size_t i = 0; i < len; i++)
        write_json_char(out, (unsigned char)s[i]);
    putc('"', out);
}

/* Whether `url` has the component of REDIR_URL_HAS_* `flag`. */
static bool has(const redir_url *url, uint32_t flag)
{
    return (url->flags & flag) != 0;
}

/* Writes a component of `text` as a JSON string, or null when absent. */
static void write_json_span(FILE *out, const char *text, redir_span span,
                            bool present)
{
    if (present)
        write_json_string(out, text + span.off, span.len);
    else
        fputs("null", out);
}

/*
 * Computes the origin of a parsed URL into a new buffer (*origin, to be
 * freed). A URL without a tuple origin gives REDIR_OK and *origin NULL.
 */
static redir_status origin_of(const char *text, const redir_url *url,
                              char **origin, size_t *origin_len)
{
    *origin = NULL;
    *origin_len = 0;

    /* Same two steps as resolve_one: length first, then the text. */
    size_t need = 0;
    redir_status st = redir_url_origin(text, url, NULL, 0, &need);
    if (st == REDIR_E_NO_ORIGIN)
        return REDIR_OK;
    if (st != REDIR_OK && st != REDIR_E_NOSPACE)
        return st;

    char *buf = xmalloc(need);
    st = redir_url_origin(text, url, buf, need, origin_len);
    if (st != REDIR_OK) {
        free(buf);
        return st;
    }
    *origin = buf;
    return REDIR_OK;
}

/*
 * Parses text[0..len) as `mode` reads it and writes its components as
 * one JSON line. Returns the failure without writing anything.
 */
static redir_status print_parsed(redir_url_mode mode, const char *arg,
                                 size_t len)
{
    char *text;
    redir_url url;
    redir_status st = parse_url(mode, arg, len, &text, &url);
    if (st != REDIR_OK)
        return st;

    char *origin;
    size_t origin_len;
    st = origin_of(text, &url, &origin, &origin_len);
    if (st != REDIR_OK) {
        free(text);
        return st;
    }

    /* One member per component, in a fixed order; the flags tell an
     * absent component (null) from an empty one (""). */
    const char *host_type = redir_host_type_name(url.host_type);

    fputs("{\"scheme\":", stdout);
    write_json_span(stdout, text, url.scheme, has(&url, REDIR_URL_HAS_SCHEME));
    fputs(",\"userinfo\":", stdout);
    write_json_span(stdout, text, url.userinfo,
                    has(&url, REDIR_URL_HAS_USERINFO));
    fputs(",\"host\":", stdout);
    write_json_span(stdout, text, url.host, has(&url, REDIR_URL_HAS_AUTHORITY));
    fputs(",\"host_type\":", stdout);
    write_json_string(stdout, host_type, strlen(host_type));
    fputs(",\"port\":", stdout);
    write_json_span(stdout, text, url.port, has(&url, REDIR_URL_HAS_PORT));
    fputs(",\"path\":", stdout);
    write_json_span(stdout, text, url.path, true);
    fputs(",\"query\":", stdout);
    write_json_span(stdout, text, url.query, has(&url, REDIR_URL_HAS_QUERY));
    fputs(",\"fragment\":", stdout);
    write_json_span(stdout, text, url.fragment,
                    has(&url, REDIR_URL_HAS_FRAGMENT));
    fputs(",\"origin\":", stdout);
    write_json_span(stdout, origin, (redir_span){0, origin_len},
                    origin != NULL);
    fputs("}\n", stdout);

    free(origin);
    free(text);
    return REDIR_OK;
}

/*
 * redir parse --batch: one escaped URL per input line; one JSON line, or
 * "!" and the status name, per input line.
 */
static int parse_batch(redir_url_mode mode)
{
    static char line[BATCH_LINE_CAP];
    for (;;) {
        size_t len;
        line_kind kind = read_line(stdin, line, sizeof line, &len);
        if (kind == LINE_END)
            break;
        if (kind == LINE_TOO_LONG) {
            puts("!line-too-long");
        } else if (!unescape_in_place(line, len, &len)) {
            puts("!bad-line");
        } else {
            redir_status st = print_parsed(mode, line, len);
            if (st != REDIR_OK)
                printf("!%s\n", redir_status_name(st));
        }
    }
    return batch_status();
}

static int cmd_parse(int argc, char **argv)
{
    options opts;
    int first = parse_options(argc, argv, OPT_MODE | OPT_BATCH, &opts);
    if (first < 0)
        return EXIT_USAGE;
    if (opts.help) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (opts.batch) {
        if (argc - first != 0)
            return usage_error("parse --batch takes no operands", NULL);
        return parse_batch(opts.mode);
    }
    if (argc - first != 1)
        return usage_error("parse needs one operand: URL", NULL);

    const char *arg = argv[first];
    redir_status st = print_parsed(opts.mode, arg, strlen(arg));
    return st == REDIR_OK ? EXIT_OK : report_failure(st);
}

/* ------------------------------------------------------------------ */
/* follow                                                             */
/* ------------------------------------------------------------------ */

/* One response of the chain, read from a RESPONSE operand and the "+"
 * operands after it: its Location fields are fields[first..first+count). */
typedef struct response {
    int status;
    size_t first;
    size_t count; /* 0: no Location field */
} response;

/* Reads "STATUS", "STATUS=" or "STATUS=LOCATION", where STATUS is three
 * digits from 100 to 999 (the range of redir_chain_next). */
static bool parse_response(const char *arg, response *r, redir_field *field)
{
    for (int k = 0; k < 3; k++) {
        if (arg[k] < '0' || arg[k] > '9')
            return false; /* also stops at the NUL of a short one */
    }
    if (arg[0] == '0')
        return false;
    r->status = (arg[0] - '0') * 100 + (arg[1] - '0') * 10 + (arg[2] - '0');
    r->count = 0;
    if (arg[3] == '\0')
        return true; /* no Location header at all */
    if (arg[3] != '=')
        return false;
    field->value = arg + 4; /* possibly "", an empty Location */
    field->len = strlen(arg + 4);
    r->count = 1;
    return true;
}

/* Reads the RESPONSE operands: "+LOCATION" adds a Location field to the
 * response before it. Returns the number of responses, or -1 after a
 * usage error. */
static long parse_responses(char **ops, size_t n, response *responses,
                            redir_field *fields)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (ops[i][0] == '+' && count > 0) {
            response *r = &responses[count - 1];
            fields[r->first + r->count].value = ops[i] + 1;
            fields[r->first + r->count].len = strlen(ops[i] + 1);
            r->count++;
            continue;
        }
        responses[count].first = i;
        size_t digits = strspn(ops[i], "0123456789");
        if (digits > 0 && (digits != 3 || ops[i][0] == '0') &&
            (ops[i][digits] == '\0' || ops[i][digits] == '=')) {
            usage_error("a response status is 100 to 999, not", ops[i]);
            return -1;
        }
        if (ops[i][0] == '+' ||
            !parse_response(ops[i], &responses[count], &fields[i])) {
            usage_error("a response is STATUS, STATUS= or STATUS=LOCATION, "
                        "then +LOCATION for more Location fields, not",
                        ops[i]);
            return -1;
        }
        count++;
    }
    return (long)count;
}

/* The policy that the options describe. Returns EXIT_OK, or reports a
 * bad --sensitive or --safe name as a usage error. */
static int build_policy(const options *opts, redir_policy *policy)
{
    redir_status st = redir_policy_init(policy, opts->profile);
    if (st != REDIR_OK)
        return report_failure(st); /* not reached: profiles are valid */
    policy->options = opts->policy_options;
    policy->max_redirects = opts->max_redirects;
    for (size_t i = 0; i < opts->sensitive_count; i++) {
        const char *name = opts->sensitive[i];
        st = redir_policy_add_sensitive(policy, name, strlen(name));
        if (st == REDIR_E_NOSPACE)
            return usage_error("too many --sensitive names: no room for", name);
        if (st != REDIR_OK)
            return usage_error("--sensitive wants a header name, not", name);
    }
    for (size_t i = 0; i < opts->safe_count; i++) {
        const char *name = opts->safe[i];
        st = redir_policy_add_safe(policy, name, strlen(name));
        if (st == REDIR_E_NOSPACE)
            return usage_error("too many --safe names: no room for", name);
        if (st != REDIR_OK)
            return usage_error("--safe wants a header name, not", name);
    }
    for (size_t i = 0; i < opts->trusted_count; i++) {
        const char *origin = opts->trusted[i];
        st = redir_policy_add_trusted(policy, origin, strlen(origin));
        if (st == REDIR_E_NOSPACE)
            return usage_error("too many --trusted-origin values: no room for",
                               origin);
        if (st != REDIR_OK)
            return usage_error("--trusted-origin wants scheme://host[:port] "
                               "or *.domain, not",
                               origin);
    }
    return EXIT_OK;
}

/* Writes s[0..len) as a JSON string, ASCII letters lowercased. */
static void write_json_lower(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        write_json_char(out, c);
    }
    putc('"', out);
}

/* One rule of the explanation: a label, then the text wrapped at 79
 * columns, continued on lines indented to the text. */
static void print_rule(FILE *out, const char *label, const char *text)
{
    enum { INDENT = 15, WIDTH = 79 - 15 };
    fprintf(out, "  %-12s ", label);
    size_t col = 0;
    for (const char *p = text; *p != '\0';) {
        size_t word = strcspn(p, " ");
        if (col > 0 && col + 1 + word > WIDTH) {
            fprintf(out, "\n%*s", INDENT, "");
            col = 0;
        } else if (col > 0) {
            putc(' ', out);
            col++;
        }
        fwrite(p, 1, word, out);
        col += word;
        p += word;
        while (*p == ' ')
            p++;
    }
    putc('\n', out);
}

/* A list of names given on the command line, as one rule. */
static void print_names(FILE *out, const char *label, const char **names,
                        size_t count, bool lower, const char *what)
{
    char text[RULE_TEXT_MAX] = "";
    size_t at = 0;
    for (size_t i = 0; i < count && at + 1 < sizeof text; i++) {
        at +=
            (size_t)snprintf(text + at, sizeof text - at, "%s", i ? ", " : "");
        for (size_t k = 0; names[i][k] != '\0' && at + 1 < sizeof text; k++) {
            char c = names[i][k];
            text[at++] =
                lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        text[at] = '\0';
    }
    if (at + 1 < sizeof text)
        snprintf(text + at, sizeof text - at, ": %s", what);
    print_rule(out, label, text);
}

/* redir follow without responses: the policy's rules in words, made from
 * the library's row of the profile as the options change it. */
static void explain_policy(FILE *out, const options *opts,
                           const redir_policy *policy)
{
    const redir_rules *r = &policy->rules;
    uint32_t o = opts->policy_options;
    size_t count;
    const rule_words *w = rule_words_all(&count);
    char text[RULE_TEXT_MAX];

    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (profiles[i].profile == opts->profile)
            fputs(profiles[i].summary, out);
    for (size_t i = 0; i < count; i++) {
        text[0] = '\0';
        w[i].text(r, o, text, sizeof text);
        if (strcmp(w[i].label, "limit") == 0 && opts->max_redirects >= 0) {
            snprintf(text, sizeof text,
                     "%ld redirects; one more is an error "
                     "(too-many-redirects) (--max-redirects; the profile's "
                     "limit is %ld)",
                     (long)opts->max_redirects,
                     (long)((o & REDIR_OPT_NAVIGATE) ? r->navigate_max_redirects
                                                     : r->max_redirects));
        }
        print_rule(out, w[i].label, text);
        if (strcmp(w[i].label, "on 303") == 0 &&
            (o & REDIR_OPT_KEEP_POST) == REDIR_OPT_KEEP_POST)
            print_rule(out, "keep post",
                       "POST keeps its method and body on 301, 302 and 303 "
                       "(--keep-post)");
    }
    if (opts->sensitive_count > 0)
        print_names(out, "sensitive", opts->sensitive, opts->sensitive_count,
                    true, "handled like Authorization");
    if (opts->safe_count > 0 && r->cross_origin_headers == REDIR_XO_ALLOW_LIST)
        print_names(out, "safe", opts->safe, opts->safe_count, false,
                    "may go to other origins too");
    if (opts->trusted_count > 0)
        print_names(out, "trusted", opts->trusted, opts->trusted_count, true,
                    "get credentials (--trusted-origin)");
    print_rule(out, "host",
               "a Host header goes only to the first request's host and port");
    print_rule(out, "addresses",
               (o & REDIR_OPT_DENY_PRIVATE)
                   ? "a target host that is a loopback, private, link-local, "
                     "unique-local, unspecified, metadata or other non-public "
                     "address literal is an error (private-address, "
                     "--deny-private); names are not resolved"
                   : "not checked; --deny-private refuses non-public address "
                     "literals");
}

/* {"hop":N,"action":"follow",...}: the request to make next. */
static void print_follow(FILE *out, const redir_decision *d, const char *url,
                         const redir_chain *chain, const options *opts)
{
    const char *body = "none";
    if (d->flags & REDIR_HOP_SEND_BODY)
        body = "keep";
    else if (d->flags & REDIR_HOP_BODY_DROPPED)
        body = "drop";

    fprintf(out, "{\"hop\":%lu,\"action\":", (unsigned long)d->hop);
    write_json_string(out, redir_action_name(d->action),
                      strlen(redir_action_name(d->action)));
    fprintf(out, ",\"status\":%d,\"method\":", d->status);
    write_json_string(out, d->method, d->method_len);
    fputs(",\"url\":", out);
    write_json_string(out, url, d->url_len);
    fprintf(out, ",\"body\":\"%s\",\"headers\":[", body);
    bool first = true;
    for (size_t i = 0; i < opts->header_count; i++) {
        const header_arg *h = &opts->headers[i];
        /* After the decision the chain describes this hop's request. */
        if (!redir_chain_send_header(chain, h->name, h->len))
            continue;
        if (!first)
            putc(',', out);
        write_json_lower(out, h->name, h->len);
        first = false;
    }
    fprintf(out, "],\"cross_origin\":%s,\"downgrade\":%s,\"permanent\":%s}\n",
            (d->flags & REDIR_HOP_CROSS_ORIGIN) ? "true" : "false",
            (d->flags & REDIR_HOP_DOWNGRADE) ? "true" : "false",
            (d->flags & REDIR_HOP_PERMANENT) ? "true" : "false");
}

/* {"hop":N,"action":"stop"|"error",...,"reason":NAME}: the chain ends. */
static void print_end(FILE *out, const redir_decision *d)
{
    const char *action = redir_action_name(d->action);
    const char *reason = redir_status_name(d->reason);

    fprintf(out, "{\"hop\":%lu,\"action\":", (unsigned long)d->hop);
    write_json_string(out, action, strlen(action));
    fprintf(out, ",\"status\":%d,\"reason\":", d->status);
    write_json_string(out, reason, strlen(reason));
    fputs("}\n", out);
}

/* --summary: {"summary":{"redirects":N,"end":A,"reason":S,"first":U,
 * "last":U,"method":M}}, the chain in one line: how many redirects were
 * followed, how it ended ("follow" when the responses ran out first),
 * the first URL and the last request made. */
static void print_summary(FILE *out, const redir_chain *chain,
                          const redir_decision *last, const char *first_url)
{
    size_t ulen = 0, mlen = 0;
    const char *url = redir_chain_url(chain, &ulen);
    const char *method = redir_chain_method(chain, &mlen);
    const char *end = redir_action_name(last->action);
    const char *reason = last->action == REDIR_ACTION_FOLLOW
                             ? "ok"
                             : redir_status_name(last->reason);
    fputs("{\"summary\":{\"redirects\":", out);
    fprintf(out, "%lu,\"end\":",
            (unsigned long)(last->action == REDIR_ACTION_FOLLOW
                                ? last->hop
                                : last->hop - 1));
    write_json_string(out, end, strlen(end));
    fputs(",\"reason\":", out);
    write_json_string(out, reason, strlen(reason));
    fputs(",\"first\":", out);
    write_json_string(out, first_url, strlen(first_url));
    fputs(",\"last\":", out);
    write_json_string(out, url ? url : "", ulen);
    fputs(",\"method\":", out);
    write_json_string(out, method ? method : "", mlen);
    fputs("}}\n", out);
}

/* Feeds the responses to a started chain, printing each decision, up to
 * the first that is not "follow" or the last response. */
static void follow_chain(redir_chain *chain, const response *responses,
                         const redir_field *fields, size_t count,
                         const options *opts, const char *first_url)
{
    /* A chain never holds a URL longer than REDIR_URL_MAX, so this buffer
     * is always large enough for the next one. */
    char url[REDIR_URL_MAX];
    redir_decision d;
    memset(&d, 0, sizeof d);
    d.action = REDIR_ACTION_FOLLOW; /* no response: the chain is still on */

    for (size_t i = 0; i < count; i++) {
        const response *r = &responses[i];
        redir_chain_next_fields(chain, r->status, fields + r->first, r->count,
                                url, sizeof url, &d);
        /* A buffer too small is an error decision (no-space) of the
         * library, printed like any other; this check only guards the
         * read of `url` should a follow ever claim more than it holds. */
        if (d.action == REDIR_ACTION_FOLLOW && d.url_len > sizeof url) {
            d.action = REDIR_ACTION_ERROR;
            d.reason = REDIR_E_NOSPACE;
        }
        if (d.action != REDIR_ACTION_FOLLOW) {
            print_end(stdout, &d);
            break;
        }
        print_follow(stdout, &d, url, chain, opts);
    }
    if (opts->summary)
        print_summary(stdout, chain, &d, first_url);
}

/* redir follow, once the options are read. */
static int follow(int argc, char **argv, int first, const options *opts)
{
    if (first < 0)
        return EXIT_USAGE;
    if (opts->help) {
        print_help(stdout);
        return EXIT_OK;
    }
    char **operands = argv + first;
    int operand_count = argc - first;
    if (operand_count == 1)
        return usage_error("follow needs METHOD and URL before the responses",
                           NULL);

    if (operand_count >= 2 && strlen(operands[0]) > REDIR_METHOD_MAX) {
        char problem[80];
        snprintf(problem, sizeof problem,
                 "METHOD is longer than %d bytes, the most redir keeps:",
                 (int)REDIR_METHOD_MAX);
        return usage_error(problem, operands[0]);
    }
    redir_policy policy;
    int status = build_policy(opts, &policy);
    if (status != EXIT_OK)
        return status;

    /* Every response is checked before any is used: a usage error never
     * comes after output. */
    size_t ops = operand_count > 2 ? (size_t)(operand_count - 2) : 0;
    response *responses = xmalloc(ops * sizeof *responses);
    redir_field *fields = xmalloc(ops * sizeof *fields);
    long parsed = parse_responses(operands + 2, ops, responses, fields);
    if (parsed < 0) {
        free(responses);
        free(fields);
        return EXIT_USAGE;
    }
    size_t count = (size_t)parsed;

    if (operand_count == 0) {
        explain_policy(stdout, opts, &policy);
    } else {
        /* About 8.5 KiB with the default limits: fine on the stack. */
        redir_chain chain;
        const char *method = operands[0];
        const char *url = operands[1];
        redir_status st =
            redir_chain_start(&chain, &policy, method, strlen(method), url,
                              strlen(url), opts->body);
        if (st != REDIR_OK)
            status = report_failure(st);
        else if (count == 0)
            explain_policy(stdout, opts, &policy);
        else
            follow_chain(&chain, responses, fields, count, opts, url);
    }
    free(responses);
    free(fields);
    return status;
}

static int cmd_follow(int argc, char **argv)
{
    options opts;
    int first = parse_options(argc, argv, OPT_FOLLOW, &opts);
    int status = follow(argc, argv, first, &opts);
    free_options(&opts);
    return status;
}

/* ------------------------------------------------------------------ */
/* help and main                                                      */
/* ------------------------------------------------------------------ */

/* redir rules: the Markdown table of every built-in profile's rules. */
static int cmd_rules(int argc, char **argv)
{
    (void)argv;
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (argc != 1)
        return usage_error("rules takes no operands", NULL);
    print_rules_table(stdout);
    return EXIT_OK;
}

/* redir --version: the tool's and the linked library's version. */
static int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error("--version takes no operands", NULL);
    printf("redir %s (library %s)\n", REDIR_VERSION_STRING, redir_version());
    return EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error("help takes no operands", NULL);
    print_help(stdout);
    return EXIT_OK;
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} command;

static const command commands[] = {
    {"resolve", cmd_resolve},   /* URL resolution */
    {"parse", cmd_parse},       /* URL components */
    {"follow", cmd_follow},     /* redirect chains */
    {"rules", cmd_rules},       /* the profiles' rules, as a table */
    {"help", cmd_help},         /* this text */
    {"--help", cmd_help},       /* the same */
    {"-h", cmd_help},           /* the same */
    {"--version", cmd_version}, /* which redir */
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing command", NULL);

    const command *cmd = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            cmd = &commands[i];
    }
    if (cmd == NULL)
        return usage_error("unknown command", argv[1]);

    int status = cmd->run(argc - 1, argv + 1);

    /* Output is buffered: a write error (full disk, closed pipe) may only
     * show up now, and must not go unreported. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "redir: cannot write standard output: %s\n",
                strerror(errno));
        if (status == EXIT_OK)
            status = EXIT_FAILED;
    }
    return status;
}
