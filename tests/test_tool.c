/*
 * test_tool.c - the `redir` command-line tool as a contract: exit
 * statuses, exact standard output, and standard error, for given
 * arguments and standard input.
 *
 * Each row runs the built program (REDIR_TOOL_PATH) directly with
 * posix_spawn - no shell, so arguments reach it byte for byte - feeding
 * its standard input and draining its output through pipes with poll(),
 * which lets a row push megabytes through without deadlock.
 *
 * Expected outputs are worked out by hand - from the WHATWG URL Standard
 * (url.spec.whatwg.org: basic URL parser, host parser, URL serializer)
 * for the whatwg mode, the tool's default; from RFC 3986 (section 5.4
 * for the examples with base "http://a/b/c/d;p?q") for rows that pass
 * --mode rfc3986 or rfc3986-compat; and, for `follow`, from the rules
 * of the redirect profiles (redir.h, README) - never copied from a run.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "redir_config.h"
#include "redir_version.h"
#include "table.h"

#ifndef REDIR_TOOL_PATH
#error "REDIR_TOOL_PATH must be defined as the path of the redir program"
#endif

extern char **environ;

/* The tool's batch line limit (bytes, LF excluded), as its help states. */
#define LINE_CAP 65536u

/* A run that makes no progress for this long is killed and fails. */
#define IDLE_TIMEOUT_MS 60000

/* ------------------------------------------------------------------ */
/* Growing byte buffers                                               */
/* ------------------------------------------------------------------ */

typedef struct buffer {
    char *data;
    size_t len;
    size_t cap;
} buffer;

static void buf_append(buffer *b, const void *data, size_t len)
{
    if (b->cap - b->len < len + 1) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < len + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            fprintf(stderr, "test_tool: out of memory\n");
            exit(1);
        }
        b->data = grown;
        b->cap = cap;
    }
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0'; /* handy for printing; not part of the data */
}

static void buf_puts(buffer *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

static void buf_repeat(buffer *b, char c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_append(b, &c, 1);
}

static void buf_free(buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* A growing NULL-terminated argument list; the strings are owned. */
typedef struct arg_list {
    char **args;
    size_t count;
} arg_list;

static void args_add(arg_list *l, const char *arg)
{
    char **grown = realloc(l->args, (l->count + 2) * sizeof *grown);
    assert_non_null(grown);
    l->args = grown;
    l->args[l->count] = strdup(arg);
    assert_non_null(l->args[l->count]);
    l->args[++l->count] = NULL;
}

static void args_free(arg_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->args[i]);
    free(l->args);
    l->args = NULL;
    l->count = 0;
}

/* ------------------------------------------------------------------ */
/* Running the tool                                                   */
/* ------------------------------------------------------------------ */

typedef struct run_result {
    int status; /* exit status, or -1 when killed by a signal */
    buffer out;
    buffer err;
} run_result;

/*
 * Everything a test allocates lives here, not on its stack: a failing
 * check leaves the test by longjmp, past its frees. free_scratch() runs
 * as the setup of every test, and once after the last, so a failed row
 * leaves nothing behind (no LeakSanitizer reports drowning the failure),
 * and every test starts with all of it empty.
 */
typedef struct scratch {
    arg_list argv;   /* run_tool: the spawned program's arguments */
    run_result res;  /* run_tool: what the tool did */
    arg_list args;   /* arguments a test builds */
    buffer input;    /* standard input a test builds */
    buffer want;     /* expected standard output a test builds */
    buffer location; /* check_long_url_case: the Location */
    buffer target;   /* check_long_url_case: the URL it leads to */
} scratch;

static scratch mem;

static void free_scratch_memory(void)
{
    args_free(&mem.argv);
    buf_free(&mem.res.out);
    buf_free(&mem.res.err);
    mem.res.status = 0;
    args_free(&mem.args);
    buf_free(&mem.input);
    buf_free(&mem.want);
    buf_free(&mem.location);
    buf_free(&mem.target);
}

static int free_scratch(void **state)
{
    (void)state;
    free_scratch_memory();
    return 0;
}

static void set_flag(int fd, int cmd_get, int cmd_set, int flag)
{
    int flags = fcntl(fd, cmd_get);
    assert_true(flags >= 0);
    assert_true(fcntl(fd, cmd_set, flags | flag) == 0);
}

/* Reads what is available on fd into b; returns false at end of file. */
static bool drain(int fd, buffer *b)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n > 0) {
            buf_append(b, chunk, (size_t)n);
            continue;
        }
        if (n == 0)
            return false;
        if (errno == EINTR)
            continue;
        assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
        return true;
    }
}

/*
 * Runs REDIR_TOOL_PATH with `args` (NULL-terminated, program name not
 * included) and input[0..input_len) on standard input; the outcome goes
 * to mem.res.
 */
static void run_tool(const char *const *args, const char *input,
                     size_t input_len)
{
    run_result *res = &mem.res;

    /* posix_spawn wants `char *const[]`: give it private copies. */
    args_free(&mem.argv);
    args_add(&mem.argv, REDIR_TOOL_PATH);
    for (size_t i = 0; args[i] != NULL; i++)
        args_add(&mem.argv, args[i]);

    int in[2], out[2], err[2];
    assert_true(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
    /* Only the dup2() copies below may reach the child. */
    int all[] = {in[0], in[1], out[0], out[1], err[0], err[1]};
    for (size_t i = 0; i < 6; i++)
        set_flag(all[i], F_GETFD, F_SETFD, FD_CLOEXEC);

    posix_spawn_file_actions_t actions;
    assert_true(posix_spawn_file_actions_init(&actions) == 0);
    assert_true(posix_spawn_file_actions_adddup2(&actions, in[0], 0) == 0);
    assert_true(posix_spawn_file_actions_adddup2(&actions, out[1], 1) == 0);
    assert_true(posix_spawn_file_actions_adddup2(&actions, err[1], 2) == 0);
    pid_t pid;
    int rc = posix_spawn(&pid, REDIR_TOOL_PATH, &actions, NULL, mem.argv.args,
                         environ);
    posix_spawn_file_actions_destroy(&actions);
    args_free(&mem.argv);
    if (rc != 0)
        fail_msg("cannot run %s: %s", REDIR_TOOL_PATH, strerror(rc));
    close(in[0]);
    close(out[1]);
    close(err[1]);

    set_flag(in[1], F_GETFL, F_SETFL, O_NONBLOCK);
    set_flag(out[0], F_GETFL, F_SETFL, O_NONBLOCK);
    set_flag(err[0], F_GETFL, F_SETFL, O_NONBLOCK);

    buf_free(&res->out);
    buf_free(&res->err);
    res->status = 0;
    buf_append(&res->out, "", 0);
    buf_append(&res->err, "", 0);

    int in_fd = in[1], out_fd = out[0], err_fd = err[0];
    size_t sent = 0;
    bool timed_out = false;
    while (out_fd >= 0 || err_fd >= 0) {
        if (in_fd >= 0 && sent == input_len) {
            close(in_fd); /* end of input for the tool */
            in_fd = -1;
        }
        struct pollfd fds[3] = {
            {.fd = in_fd, .events = POLLOUT},
            {.fd = out_fd, .events = POLLIN},
            {.fd = err_fd, .events = POLLIN},
        };
        int ready = poll(fds, 3, IDLE_TIMEOUT_MS);
        if (ready < 0 && errno == EINTR)
            continue;
        assert_true(ready >= 0);
        if (ready == 0) {
            timed_out = true;
            break;
        }
        if (in_fd >= 0 && fds[0].revents != 0) {
            size_t chunk = input_len - sent < 65536 ? input_len - sent : 65536;
            ssize_t n = write(in_fd, input + sent, chunk);
            if (n > 0) {
                sent += (size_t)n;
            } else if (errno == EPIPE) {
                /* The tool exited without reading everything; its output
                 * says whether that was right. */
                close(in_fd);
                in_fd = -1;
            } else {
                assert_true(errno == EAGAIN || errno == EWOULDBLOCK ||
                            errno == EINTR);
            }
        }
        if (out_fd >= 0 && fds[1].revents != 0 && !drain(out_fd, &res->out)) {
            close(out_fd);
            out_fd = -1;
        }
        if (err_fd >= 0 && fds[2].revents != 0 && !drain(err_fd, &res->err)) {
            close(err_fd);
            err_fd = -1;
        }
    }
    if (in_fd >= 0)
        close(in_fd);
    if (out_fd >= 0)
        close(out_fd);
    if (err_fd >= 0)
        close(err_fd);
    if (timed_out)
        kill(pid, SIGKILL);

    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0)
        assert_true(errno == EINTR);
    if (timed_out)
        fail_msg("the tool made no progress for %d ms", IDLE_TIMEOUT_MS);
    res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    if (WIFSIGNALED(wstatus))
        fail_msg("the tool was killed by signal %d", WTERMSIG(wstatus));
}

/* ------------------------------------------------------------------ */
/* Comparing outputs                                                  */
/* ------------------------------------------------------------------ */

typedef enum match {
    EXACT = 0, /* the whole stream equals the expectation */
    PREFIX,    /* the stream starts with it */
    CONTAINS   /* the stream contains it somewhere */
} match;

/* Prints up to 60 bytes of s[0..len) from `at`, control bytes escaped. */
static void print_excerpt(const char *label, const char *s, size_t len,
                          size_t at)
{
    buffer b = {0};
    for (size_t i = at; i < len && i < at + 60; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        if (c == '\n')
            buf_puts(&b, "\\n");
        else if (c < 0x20 || c >= 0x7f) {
            snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)c);
            buf_puts(&b, tmp);
        } else
            buf_append(&b, &s[i], 1);
    }
    print_error("  %s: \"%s\"%s\n", label, b.data ? b.data : "",
                len > at + 60 ? "..." : "");
    buf_free(&b);
}

static void check_stream(const char *stream, const buffer *got,
                         const char *want, size_t want_len, match how)
{
    if (how == CONTAINS) {
        for (size_t i = 0; i + want_len <= got->len; i++) {
            if (memcmp(got->data + i, want, want_len) == 0)
                return;
        }
        print_error("%s does not contain the expected text\n", stream);
        print_excerpt("wanted", want, want_len, 0);
        print_excerpt("got", got->data, got->len, 0);
        fail();
    }

    size_t common = got->len < want_len ? got->len : want_len;
    size_t at = 0;
    while (at < common && got->data[at] == want[at])
        at++;
    bool ok =
        how == PREFIX ? at == want_len : at == want_len && got->len == want_len;
    if (ok)
        return;

    /* Say where the first difference is, by line: some outputs are long. */
    size_t line = 1, line_start = 0;
    for (size_t i = 0; i < at; i++) {
        if (want[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    print_error("%s differs at byte %zu (line %zu); lengths: got %zu, "
                "wanted %s%zu\n",
                stream, at, line, got->len, how == PREFIX ? "a prefix of " : "",
                want_len);
    print_excerpt("wanted", want, want_len, line_start);
    print_excerpt("got   ", got->data, got->len, line_start);
    fail();
}

/* ------------------------------------------------------------------ */
/* Cases with literal input and output                                */
/* ------------------------------------------------------------------ */

/*
 * A row names only what it expects to differ from the usual: no input,
 * exit status 0, empty stdout and stderr, both compared exactly.
 */
typedef struct tool_case {
    const char *name;
    const char *args[24]; /* after the program name; ends at a NULL */
    const char *input;    /* standard input; NULL for none */
    int status;           /* expected exit status */
    const char *out;      /* expected standard output; NULL for none */
    const char *err;      /* expected standard error; NULL for none */
    match out_match;
    match err_match;
} tool_case;

#define B "http://a/b/c/d;p?q" /* the base of RFC 3986 section 5.4 */

#define USAGE "usage: redir resolve [--mode MODE] BASE REF\n"

/* The first line of a usage error, then the usage text. */
#define USAGE_ERROR(problem)                                                   \
    "redir: " problem "\nRun 'redir --help' for usage.\n"

/* parse output for a URL with only a scheme and a path. */
#define JSON_SCHEME_PATH(scheme, path)                                         \
    "{\"scheme\":\"" scheme "\",\"userinfo\":null,\"host\":null,"              \
    "\"host_type\":\"none\",\"port\":null,\"path\":\"" path "\","              \
    "\"query\":null,\"fragment\":null,\"origin\":null}\n"

static const tool_case tool_cases[] = {
    /* --- resolve, one URL ------------------------------------------ */
    {.name = "resolve: normal example g",
     .args = {"resolve", B, "g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve: normal example ../../g",
     .args = {"resolve", B, "../../g"},
     .out = "http://a/g\n"},
    {.name = "resolve: normal example ?y keeps the path",
     .args = {"resolve", B, "?y"},
     .out = "http://a/b/c/d;p?y\n"},
    {.name = "resolve: normal example #s keeps path and query",
     .args = {"resolve", B, "#s"},
     .out = "http://a/b/c/d;p?q#s\n"},
    {.name = "resolve: empty reference gives the base",
     .args = {"resolve", B, ""},
     .out = B "\n"},
    {.name = "resolve: network-path reference //g gains the path / (whatwg)",
     .args = {"resolve", B, "//g"},
     .out = "http://g/\n"},
    {.name = "resolve: network-path reference //g in rfc3986 mode",
     .args = {"resolve", "--mode", "rfc3986", B, "//g"},
     .out = "http://g\n"},
    {.name = "resolve: abnormal example ../../../g stops at the root",
     .args = {"resolve", B, "../../../g"},
     .out = "http://a/g\n"},
    {.name = "resolve: g;x?y#s",
     .args = {"resolve", B, "g;x?y#s"},
     .out = "http://a/b/c/g;x?y#s\n"},
    {.name = "resolve: base without path gains a slash",
     .args = {"resolve", "http://a", "g"},
     .out = "http://a/g\n"},
    {.name = "resolve: base fragment is dropped",
     .args = {"resolve", "http://a/b#frag", "c"},
     .out = "http://a/c\n"},
    {.name = "resolve: http:g in the default mode (whatwg) is relative",
     .args = {"resolve", B, "http:g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve: http:g with explicit --mode rfc3986",
     .args = {"resolve", "--mode", "rfc3986", B, "http:g"},
     .out = "http:g\n"},
    {.name = "resolve: http:g in rfc3986-compat mode is relative",
     .args = {"resolve", "--mode", "rfc3986-compat", B, "http:g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve: --mode=rfc3986-compat form",
     .args = {"resolve", "--mode=rfc3986-compat", B, "http:g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve: the last --mode wins",
     .args = {"resolve", "--mode=rfc3986-compat", "--mode", "rfc3986", B,
              "http:g"},
     .out = "http:g\n"},
    {.name = "resolve: compat mode leaves another scheme absolute",
     .args = {"resolve", "--mode", "rfc3986-compat", B, "https:g"},
     .out = "https:g\n"},
    {.name = "resolve: compat mode resolves ordinary references too",
     .args = {"resolve", "--mode", "rfc3986-compat", B, "../x?y"},
     .out = "http://a/b/x?y\n"},
    {.name = "resolve: empty base, absolute reference loses dot segments",
     .args = {"resolve", "", "http://x/a/./b/../c"},
     .out = "http://x/a/c\n"},
    {.name = "resolve: -- lets a reference start with '-'",
     .args = {"resolve", "--", B, "-g"},
     .out = "http://a/b/c/-g\n"},
    {.name = "resolve: lone '-' is an operand",
     .args = {"resolve", B, "-"},
     .out = "http://a/b/c/-\n"},

    /* --- resolve failures: exit 1, "redir: NAME: sentence" --------- */
    {.name = "resolve fails: empty base and relative reference",
     .args = {"resolve", "", "g"},
     .status = 1,
     .err = "redir: relative-without-base: The reference is relative and no "
            "base URL was given.\n"},
    {.name = "resolve fails: empty base and relative reference, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", "", "g"},
     .status = 1,
     .err = "redir: relative-without-base: The reference is relative and no "
            "base URL was given.\n"},
    {.name = "resolve fails: base without scheme, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", "a/b", "g"},
     .status = 1,
     .err = "redir: base-not-absolute: The base URL has no scheme, so "
            "nothing can be resolved against it.\n"},
    {.name = "resolve fails: bad port in base",
     .args = {"resolve", "http://a:x/", "g"},
     .status = 1,
     .err = "redir: invalid-port: The port is not a decimal number from 0 to "
            "65535.\n"},
    {.name = "resolve fails: space in reference, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", B, "a b"},
     .status = 1,
     .err = "redir: invalid-character: ",
     .err_match = PREFIX},
    {.name = "resolve fails: bad percent-encoding, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", B, "%zz"},
     .status = 1,
     .err = "redir: invalid-percent-encoding: ",
     .err_match = PREFIX},

    /* --- resolve, whatwg mode (the default) --------------------------- */
    {.name = "resolve whatwg: --mode whatwg is accepted",
     .args = {"resolve", "--mode", "whatwg", B, "g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve whatwg: --mode=whatwg reads http:g as relative",
     .args = {"resolve", "--mode=whatwg", B, "http:g"},
     .out = "http://a/b/c/g\n"},
    {.name = "resolve whatwg: the last --mode wins",
     .args = {"resolve", "--mode", "rfc3986", "--mode=whatwg", B, "a b"},
     .out = "http://a/b/c/a%20b\n"},
    {.name = "resolve whatwg: backslashes are slashes in an http URL",
     .args = {"resolve", B, "..\\x\\y"},
     .out = "http://a/b/x/y\n"},
    {.name = "resolve whatwg: \\\\g\\h is a network-path reference",
     .args = {"resolve", B, "\\\\g\\h"},
     .out = "http://g/h\n"},
    {.name = "resolve whatwg: a backslash stays in a non-special URL",
     .args = {"resolve", "", "sc:a\\b"},
     .out = "sc:a\\b\n"},
    {.name = "resolve whatwg: tabs, LF and CR inside are removed",
     .args = {"resolve", B, "g\th\ni\rj"},
     .out = "http://a/b/c/ghij\n"},
    {.name = "resolve whatwg: spaces and controls at both ends are trimmed",
     .args = {"resolve", " \x01http://a/b/c \x1f", " \t g\t \n"},
     .out = "http://a/b/g\n"},
    {.name = "resolve whatwg: DEL is not trimmed but percent-encoded",
     .args = {"resolve", B, "g\x7f"},
     .out = "http://a/b/c/g%7F\n"},
    {.name = "resolve whatwg: spaces are percent-encoded everywhere",
     .args = {"resolve", B, "a b?c d#e f"},
     .out = "http://a/b/c/a%20b?c%20d#e%20f\n"},
    {.name = "resolve whatwg: non-ASCII is percent-encoded as UTF-8",
     .args = {"resolve", B, "\xc3\xa9?\xc3\xa9#\xc3\xa9"},
     .out = "http://a/b/c/%C3%A9?%C3%A9#%C3%A9\n"},
    {.name = "resolve whatwg: '%' without two hex digits is kept",
     .args = {"resolve", B, "%zz"},
     .out = "http://a/b/c/%zz\n"},
    {.name = "resolve whatwg: http:/x/y with one slash still has a host",
     .args = {"resolve", "", "http:/x/y"},
     .out = "http://x/y\n"},
    {.name = "resolve whatwg: IPv4 in hex and short form",
     .args = {"resolve", "", "http://0x7f.1/"},
     .out = "http://127.0.0.1/\n"},
    {.name = "resolve whatwg: IPv4 in octal",
     .args = {"resolve", "", "http://0177.0.0.1/"},
     .out = "http://127.0.0.1/\n"},
    {.name = "resolve whatwg: IPv4 as one decimal number",
     .args = {"resolve", "", "http://2130706433/"},
     .out = "http://127.0.0.1/\n"},
    {.name = "resolve whatwg: IPv4 host 0 is 0.0.0.0",
     .args = {"resolve", "", "http://0/"},
     .out = "http://0.0.0.0/\n"},
    {.name = "resolve whatwg: IPv4 with a trailing dot",
     .args = {"resolve", "", "http://1.2.3.4./"},
     .out = "http://1.2.3.4/\n"},
    {.name = "resolve whatwg fails: IPv4 part above 255",
     .args = {"resolve", "", "http://1.2.3.256/"},
     .status = 1,
     .err = "redir: invalid-ipv4: ",
     .err_match = PREFIX},
    {.name = "resolve whatwg: IPv6 zeros compressed",
     .args = {"resolve", "", "http://[0:0:0:0:0:0:0:1]/"},
     .out = "http://[::1]/\n"},
    {.name = "resolve whatwg: IPv6 compresses the longest run of zeros",
     .args = {"resolve", "", "http://[1:0:0:2:0:0:0:3]/"},
     .out = "http://[1:0:0:2::3]/\n"},
    {.name = "resolve whatwg: IPv6 single zeros are not compressed",
     .args = {"resolve", "", "http://[1:0:1:0:1:0:1:0]/"},
     .out = "http://[1:0:1:0:1:0:1:0]/\n"},
    {.name = "resolve whatwg: IPv6 with IPv4 part, lowercased hex",
     .args = {"resolve", "", "http://[::FFFF:192.168.0.1]/"},
     .out = "http://[::ffff:c0a8:1]/\n"},
    {.name = "resolve whatwg: host percent-decoded and lowercased",
     .args = {"resolve", "", "HTTP://EX%41MPLE.COM/"},
     .out = "http://example.com/\n"},
    {.name = "resolve whatwg: default port 80 of http removed",
     .args = {"resolve", "", "http://a:80/"},
     .out = "http://a/\n"},
    {.name = "resolve whatwg: default port 443 of https removed",
     .args = {"resolve", "", "https://a:443/x"},
     .out = "https://a/x\n"},
    {.name = "resolve whatwg: port 0080 is 80, removed",
     .args = {"resolve", "", "http://a:0080/"},
     .out = "http://a/\n"},
    {.name = "resolve whatwg: port 443 of http is kept",
     .args = {"resolve", "", "http://a:443/"},
     .out = "http://a:443/\n"},
    {.name = "resolve whatwg: empty port removed",
     .args = {"resolve", "", "http://a:/"},
     .out = "http://a/\n"},
    {.name = "resolve whatwg: empty password removed",
     .args = {"resolve", "", "http://u:@a/"},
     .out = "http://u@a/\n"},
    {.name = "resolve whatwg: .. removes a segment",
     .args = {"resolve", B, ".."},
     .out = "http://a/b/\n"},
    {.name = "resolve whatwg: %2e%2e is ..",
     .args = {"resolve", B, "%2e%2e/g"},
     .out = "http://a/b/g\n"},
    {.name = "resolve whatwg: .%2E is ..",
     .args = {"resolve", B, ".%2E/g"},
     .out = "http://a/b/g\n"},
    {.name = "resolve whatwg: %2e and %2E%2e inside an absolute URL",
     .args = {"resolve", "", "http://a/b/%2e/c/%2E%2e/d"},
     .out = "http://a/b/d\n"},
    {.name = "resolve whatwg: file URL drive letter C| becomes C:",
     .args = {"resolve", "", "file:///C|/x"},
     .out = "file:///C:/x\n"},
    {.name = "resolve whatwg: file:c:\\x gets an empty host",
     .args = {"resolve", "", "file:c:\\x"},
     .out = "file:///c:/x\n"},
    {.name = "resolve whatwg: file URL host localhost becomes empty",
     .args = {"resolve", "", "file://LOCALHOST/x"},
     .out = "file:///x\n"},
    {.name = "resolve whatwg: file path-absolute keeps the base's drive",
     .args = {"resolve", "file:///C:/a/b", "/x"},
     .out = "file:///C:/x\n"},
    {.name = "resolve whatwg: .. never removes a file drive letter",
     .args = {"resolve", "file:///C:/a/b", "../../../x"},
     .out = "file:///C:/x\n"},
    {.name = "resolve whatwg: opaque path mailto:x",
     .args = {"resolve", "", "mailto:x"},
     .out = "mailto:x\n"},
    {.name = "resolve whatwg: opaque path keeps spaces, but not before '?'",
     .args = {"resolve", "", "mailto:a b ?c"},
     .out = "mailto:a b%20?c\n"},
    {.name = "resolve whatwg: a fragment against an opaque base",
     .args = {"resolve", "mailto:x", "#f"},
     .out = "mailto:x#f\n"},
    {.name = "resolve whatwg fails: a path against an opaque base",
     .args = {"resolve", "mailto:x", "y"},
     .status = 1,
     .err = "redir: opaque-base: ",
     .err_match = PREFIX},
    {.name = "resolve whatwg: opaque host percent-encodes non-ASCII",
     .args = {"resolve", "", "sc://\xc3\xa9/"},
     .out = "sc://%C3%A9/\n"},
    {.name = "resolve whatwg: an ASCII xn-- label needs no IDNA",
     .args = {"resolve", "", "http://XN--a.com/"},
     .out = "http://xn--a.com/\n"},
    {.name = "resolve whatwg: a non-ASCII host goes through IDNA",
     .args = {"resolve", "https://a/",
              "//b\xc3\xbc"
              "cher.example/"},
     .out = "https://xn--bcher-kva.example/\n"},
    {.name = "resolve whatwg: a percent-encoded non-ASCII host",
     .args = {"resolve", B, "//%C3%A9.com/"},
     .out = "http://xn--9ca.com/\n"},
    {.name = "resolve whatwg fails: a host that UTS 46 refuses",
     .args = {"resolve", "", "http://\xc3\xa9.xn--a/"},
     .status = 1,
     .err = "redir: idna-invalid: The host is not a valid "
            "internationalized domain name: UTS 46 processing (mapping, "
            "Punycode, normalization, or the joiner or bidi rules) refuses "
            "it.\n"},
    {.name = "resolve whatwg fails: forbidden host code point",
     .args = {"resolve", "", "http://a<b/"},
     .status = 1,
     .err = "redir: invalid-host: ",
     .err_match = PREFIX},
    {.name = "resolve whatwg fails: http URL without host",
     .args = {"resolve", "", "http:///"},
     .status = 1,
     .err = "redir: invalid-host: ",
     .err_match = PREFIX},

    /* --- usage errors: exit 2, usage on stderr --------------------- */
    {.name = "usage: no arguments",
     .args = {NULL},
     .status = 2,
     .err = USAGE_ERROR("missing command"),
     .err_match = PREFIX},
    {.name = "usage: unknown command",
     .args = {"fetch", B},
     .status = 2,
     .err = USAGE_ERROR("unknown command 'fetch'"),
     .err_match = PREFIX},
    {.name = "usage: unknown option",
     .args = {"resolve", "--fast", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown option '--fast'"),
     .err_match = PREFIX},
    {.name = "usage: unknown short option",
     .args = {"resolve", "-x", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown option '-x'"),
     .err_match = PREFIX},
    {.name = "usage: unknown mode",
     .args = {"resolve", "--mode", "rfc3987", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown mode 'rfc3987'"),
     .err_match = PREFIX},
    {.name = "usage: mode names are case-sensitive",
     .args = {"resolve", "--mode", "WHATWG", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown mode 'WHATWG'"),
     .err_match = PREFIX},
    {.name = "usage: empty mode in --mode=",
     .args = {"resolve", "--mode=", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown mode ''"),
     .err_match = PREFIX},
    {.name = "usage: --mode without value",
     .args = {"resolve", "--mode"},
     .status = 2,
     .err = USAGE_ERROR("missing value for option '--mode'"),
     .err_match = PREFIX},
    {.name = "usage: resolve with one operand",
     .args = {"resolve", B},
     .status = 2,
     .err = USAGE_ERROR("resolve needs two operands: BASE REF"),
     .err_match = PREFIX},
    {.name = "usage: resolve with three operands",
     .args = {"resolve", B, "g", "h"},
     .status = 2,
     .err = USAGE_ERROR("resolve needs two operands: BASE REF"),
     .err_match = PREFIX},
    {.name = "usage: options after operands are operands",
     .args = {"resolve", B, "g", "--batch"},
     .status = 2,
     .err = USAGE_ERROR("resolve needs two operands: BASE REF"),
     .err_match = PREFIX},
    {.name = "usage: resolve --batch with operands",
     .args = {"resolve", "--batch", B, "g"},
     .input = B "\tg\n",
     .status = 2,
     .err = USAGE_ERROR("resolve --batch takes no operands"),
     .err_match = PREFIX},
    {.name = "usage: parse --batch takes no operand",
     .args = {"parse", "--batch", "http://a/"},
     .status = 2,
     .err = USAGE_ERROR("parse --batch takes no operands"),
     .err_match = PREFIX},
    {.name = "parse --batch: JSON or !status per line, escapes undone",
     .args = {"parse", "--batch"},
     .input = "http://A/b?c#d\n"
              "http://[::1\n"
              "h\\ttp:x\n"
              "bad\\q\n"
              "http://a\\tb/\n",
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/b\","
            "\"query\":\"c\",\"fragment\":\"d\",\"origin\":\"http://a\"}\n"
            "!invalid-ip-literal\n" JSON_SCHEME_PATH(
                "htp",
                "x") "!bad-line\n"
                     "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"ab\","
                     "\"host_type\":\"domain\",\"port\":null,\"path\":\"/\","
                     "\"query\":null,\"fragment\":null,\"origin\":\"http://"
                     "ab\"}\n"},
    {.name = "usage: parse without operand",
     .args = {"parse"},
     .status = 2,
     .err = USAGE_ERROR("parse needs one operand: URL"),
     .err_match = PREFIX},
    {.name = "usage: parse with two operands",
     .args = {"parse", "http://a/", "b"},
     .status = 2,
     .err = USAGE_ERROR("parse needs one operand: URL"),
     .err_match = PREFIX},
    {.name = "usage: parse with unknown mode",
     .args = {"parse", "--mode", "x", "http://a/"},
     .status = 2,
     .err = USAGE_ERROR("unknown mode 'x'"),
     .err_match = PREFIX},
    {.name = "usage: help with an operand",
     .args = {"help", "resolve"},
     .status = 2,
     .err = USAGE_ERROR("help takes no operands"),
     .err_match = PREFIX},
    {.name = "usage: error ends by pointing to redir help",
     .args = {"resolve"},
     .status = 2,
     .err = "\nRun 'redir --help' for usage.\n",
     .err_match = CONTAINS},

    /* --- help: usage on stdout, exit 0 ----------------------------- */
    {.name = "help: redir help",
     .args = {"help"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "help: redir --help",
     .args = {"--help"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "help: redir resolve --help",
     .args = {"resolve", "--help"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "help: redir parse --help",
     .args = {"parse", "--help"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "help: lists the mode rfc3986-compat",
     .args = {"help"},
     .out = " rfc3986-compat ",
     .out_match = CONTAINS},
    {.name = "help: lists the mode whatwg as the default",
     .args = {"help"},
     .out = "\n                 whatwg          the WHATWG URL Standard "
            "(IDNA 17.0.0) (default)\n",
     .out_match = CONTAINS},
    {.name = "help: rfc3986 is no longer the default",
     .args = {"help"},
     .out = "\n                 rfc3986         strict RFC 3986\n",
     .out_match = CONTAINS},
    {.name = "help: documents !bad-line",
     .args = {"help"},
     .out = " bad-line ",
     .out_match = CONTAINS},
    {.name = "help: documents !line-too-long",
     .args = {"help"},
     .out = " line-too-long ",
     .out_match = CONTAINS},
    {.name = "help: states the batch line limit",
     .args = {"help"},
     .out = "at most 65536 bytes",
     .out_match = CONTAINS},

    /* Batch inputs keep one input line per source line. */
    /* clang-format off */
    /* --- resolve --batch -------------------------------------------- */
    {.name = "batch: successes and failures, one line each, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", "--batch"},
     .input = B "\tg\n"
              B "\t../../g\n"
              "\thttp://x/a/../b\n" /* empty base, absolute reference */
              "\tg\n"               /* empty base, relative reference */
              B "\ta b\n"
              "a/b\tg\n"
              B "\thttp:g\n",
     .out = "http://a/b/c/g\n"
            "http://a/g\n"
            "http://x/b\n"
            "!relative-without-base\n"
            "!invalid-character\n"
            "!base-not-absolute\n"
            "http:g\n"},
    {.name = "batch: rfc3986-compat mode",
     .args = {"resolve", "--mode", "rfc3986-compat", "--batch"},
     .input = B "\thttp:g\n" B "\thttps:g\n",
     .out = "http://a/b/c/g\nhttps:g\n"},
    {.name = "batch: empty input gives empty output",
     .args = {"resolve", "--batch"},
     .input = ""},
    {.name = "batch: last line without LF",
     .args = {"resolve", "--batch"},
     .input = B "\tg\n" B "\th",
     .out = "http://a/b/c/g\nhttp://a/b/c/h\n"},
    {.name = "batch: only line, without LF",
     .args = {"resolve", "--batch"},
     .input = "http://a/b\tc",
     .out = "http://a/c\n"},
    {.name = "batch: \\xHH escapes in the reference, either case",
     .args = {"resolve", "--batch"},
     .input = B "\t\\x41\n" B "\t\\x4a\\x4A\n",
     .out = "http://a/b/c/A\nhttp://a/b/c/JJ\n"},
    {.name = "batch: escapes in the base",
     .args = {"resolve", "--batch"},
     .input = "http:\\x2f\\x2fa/b\tc\n",
     .out = "http://a/c\n"},
    {.name = "batch: escaped special bytes reach the library, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", "--batch"},
     .input = B "\tg\\th\n"    /* TAB */
              B "\tg\\nh\n"    /* LF */
              B "\tg\\rh\n"    /* CR */
              B "\tg\\\\h\n"   /* backslash */
              B "\tg\\x00h\n"  /* NUL */
              B "\tg\\x7Fh\n"  /* DEL */
              B "\tg\\x5ch\n", /* backslash again, as \xHH */
     .out = "!invalid-character\n!invalid-character\n!invalid-character\n"
            "!invalid-character\n!invalid-character\n!invalid-character\n"
            "!invalid-character\n"},
    {.name = "batch: raw CR before LF belongs to the reference, rfc3986",
     .args = {"resolve", "--mode", "rfc3986", "--batch"},
     .input = B "\tg\r\n" B "\tg\n",
     .out = "!invalid-character\nhttp://a/b/c/g\n"},
    {.name = "batch: malformed lines are !bad-line, later lines still work",
     .args = {"resolve", "--batch"},
     .input = "no tab here\n"
              "\n"         /* empty line: no TAB either */
              B "\tg\th\n" /* a second raw TAB */
              B "\tg\\q\n" /* unknown escape */
              B "\tg\\\n"  /* '\' at the end of the reference */
              B "\\\tg\n"  /* '\' at the end of the base */
              B "\t\\x4\n" /* one hex digit */
              B "\t\\xg1\n" /* not hex */
              B "\tg\n",
     .out = "!bad-line\n!bad-line\n!bad-line\n!bad-line\n!bad-line\n"
            "!bad-line\n!bad-line\n!bad-line\nhttp://a/b/c/g\n"},
    {.name = "batch: last line without TAB and without LF",
     .args = {"resolve", "--batch"},
     .input = B "\tg\nhttp://a/",
     .out = "http://a/b/c/g\n!bad-line\n"},
    {.name = "batch whatwg: successes and failures, one line each",
     .args = {"resolve", "--batch"},
     .input = B "\tg\n"
              B "\t../../g\n"
              "\thttp://x/a/../b\n" /* empty base, absolute reference */
              "\tg\n"               /* empty base, relative reference */
              B "\ta b\n"
              B "\thttp:g\n"
              B "\t//g\n"
              "mailto:x\ty\n"
              "\thttp://1.2.3.256/\n"
              "\thttp://\xc3\xa9.xn--a/\n",
     .out = "http://a/b/c/g\n"
            "http://a/g\n"
            "http://x/b\n"
            "!relative-without-base\n"
            "http://a/b/c/a%20b\n"
            "http://a/b/c/g\n"
            "http://g/\n"
            "!opaque-base\n"
            "!invalid-ipv4\n"
            "!idna-invalid\n"},
    {.name = "batch whatwg: explicit --mode whatwg",
     .args = {"resolve", "--mode", "whatwg", "--batch"},
     .input = B "\thttp:g\n" B "\thttps:g\n",
     .out = "http://a/b/c/g\nhttps://g/\n"},
    {.name = "batch whatwg: empty BASE, non-ASCII percent-encoded",
     .args = {"resolve", "--batch"},
     .input = "\thttp://a/\xc3\xa9?\xc3\xa9#\xc3\xa9\n"
              "\tsc://\xc3\xa9/\xc3\xa9\n"
              "\thttp://a/\\xff\n" /* not UTF-8: U+FFFD */
              "http://a/\xc3\xa9/\tx\n"
              "\thttp://\xc3\xa9.com/\n",
     .out = "http://a/%C3%A9?%C3%A9#%C3%A9\n"
            "sc://%C3%A9/%C3%A9\n"
            "http://a/%EF%BF%BD\n"
            "http://a/%C3%A9/x\n"
            "http://xn--9ca.com/\n"},
    {.name = "batch whatwg: escaped TAB, LF and CR in a field are removed",
     .args = {"resolve", "--batch"},
     .input = B "\tg\\th\n"
              B "\tg\\nh\n"
              B "\tg\\rh\n"
              B "\t\\tg\\t\n"
              "\\thttp://x/\\t\t?y\n",
     .out = "http://a/b/c/gh\n"
            "http://a/b/c/gh\n"
            "http://a/b/c/gh\n"
            "http://a/b/c/g\n"
            "http://x/?y\n"},
    {.name = "batch whatwg: other escaped bytes",
     .args = {"resolve", "--batch"},
     .input = B "\tg\\\\h\n"      /* backslash: a slash here */
              B "\tg\\x5ch\n"     /* the same, as \xHH */
              B "\tg\\x00h\n"     /* NUL */
              B "\tg\\x7Fh\n"     /* DEL */
              B "\t\\x01g\\x1f\n" /* controls at both ends */
              B "\tg h\n",        /* raw space */
     .out = "http://a/b/c/g/h\n"
            "http://a/b/c/g/h\n"
            "http://a/b/c/g%00h\n"
            "http://a/b/c/g%7Fh\n"
            "http://a/b/c/g\n"
            "http://a/b/c/g%20h\n"},
    {.name = "batch whatwg: a backslash in a result is written \\\\",
     .args = {"resolve", "--batch"},
     .input = "\tsc:a\\\\b\n"
              "\tsc://h/a\\\\b\n"
              "\thttp://a/?x\\\\y#z\\\\w\n",
     .out = "sc:a\\\\b\n"
            "sc://h/a\\\\b\n"
            "http://a/?x\\\\y#z\\\\w\n"},
    {.name = "batch whatwg: raw CR before LF is trimmed",
     .args = {"resolve", "--batch"},
     .input = B "\tg\r\n" B "\th\n",
     .out = "http://a/b/c/g\nhttp://a/b/c/h\n"},
    {.name = "batch whatwg: hosts, ports, dot segments and drive letters",
     .args = {"resolve", "--batch"},
     .input = "\thttp://0x7f.1/\n"
              "\thttp://[0:0:0:0:0:0:0:1]/\n"
              "\thttps://a:443/x\n"
              "\thttp://a:0080/\n"
              "\tws://a:80/\n"
              "\tHTTP://EX%41MPLE.COM/\n"
              "\tfile:///C|/x\n"
              B "\t%2e%2e/g\n",
     .out = "http://127.0.0.1/\n"
            "http://[::1]/\n"
            "https://a/x\n"
            "http://a/\n"
            "ws://a/\n"
            "http://example.com/\n"
            "file:///C:/x\n"
            "http://a/b/g\n"},
    /* clang-format on */

    /* --- parse ------------------------------------------------------- */
    {.name = "parse rfc3986: every component present",
     .args = {"parse", "--mode", "rfc3986",
              "http://user:pw@Example.COM:8080/p/a;x?q=1&r#frag"},
     .out = "{\"scheme\":\"http\",\"userinfo\":\"user:pw\","
            "\"host\":\"Example.COM\",\"host_type\":\"reg-name\","
            "\"port\":\"8080\",\"path\":\"/p/a;x\",\"query\":\"q=1&r\","
            "\"fragment\":\"frag\",\"origin\":\"http://example.com:8080\"}\n"},
    {.name = "parse rfc3986: no authority, query or fragment",
     .args = {"parse", "--mode", "rfc3986", "mailto:joe@example.com"},
     .out = JSON_SCHEME_PATH("mailto", "joe@example.com")},
    {.name = "parse rfc3986: empty query is \"\"",
     .args = {"parse", "--mode", "rfc3986", "http://a/?"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/\","
            "\"query\":\"\",\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse rfc3986: no query is null",
     .args = {"parse", "--mode", "rfc3986", "http://a/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse rfc3986: empty userinfo, port and fragment are \"\"",
     .args = {"parse", "--mode", "rfc3986", "http://@a:/#"},
     .out = "{\"scheme\":\"http\",\"userinfo\":\"\",\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":\"\",\"path\":\"/\","
            "\"query\":null,\"fragment\":\"\",\"origin\":\"http://a\"}\n"},
    {.name = "parse rfc3986: default port left out of the origin",
     .args = {"parse", "--mode", "rfc3986", "HTTPS://A.example:443"},
     .out = "{\"scheme\":\"HTTPS\",\"userinfo\":null,\"host\":\"A.example\","
            "\"host_type\":\"reg-name\",\"port\":\"443\",\"path\":\"\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"https://a.example\"}\n"},
    {.name = "parse rfc3986: IPv6 host keeps its brackets",
     .args = {"parse", "--mode", "rfc3986", "http://[2001:db8::1]:8080/x"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,"
            "\"host\":\"[2001:db8::1]\",\"host_type\":\"ipv6\","
            "\"port\":\"8080\",\"path\":\"/x\",\"query\":null,"
            "\"fragment\":null,\"origin\":\"http://[2001:db8::1]:8080\"}\n"},
    {.name = "parse rfc3986: IPv4 host",
     .args = {"parse", "--mode", "rfc3986", "https://192.0.2.1/"},
     .out = "{\"scheme\":\"https\",\"userinfo\":null,\"host\":\"192.0.2.1\","
            "\"host_type\":\"ipv4\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"https://192.0.2.1\"}\n"},
    {.name = "parse rfc3986: IPvFuture host",
     .args = {"parse", "--mode", "rfc3986", "http://[v7.x:y]/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"[v7.x:y]\","
            "\"host_type\":\"ipvfuture\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"http://[v7.x:y]\"}\n"},
    {.name = "parse rfc3986: empty host of a file URL, no origin",
     .args = {"parse", "--mode", "rfc3986", "file:///etc/hosts"},
     .out = "{\"scheme\":\"file\",\"userinfo\":null,\"host\":\"\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/etc/hosts\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse rfc3986: non-http scheme has no origin",
     .args = {"parse", "--mode", "rfc3986", "ftp://ftp.example/f"},
     .out = "{\"scheme\":\"ftp\",\"userinfo\":null,\"host\":\"ftp.example\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/f\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse rfc3986: relative reference",
     .args = {"parse", "--mode", "rfc3986", "../a/b?x#y"},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":null,"
            "\"host_type\":\"none\",\"port\":null,\"path\":\"../a/b\","
            "\"query\":\"x\",\"fragment\":\"y\",\"origin\":null}\n"},
    {.name = "parse rfc3986: network-path reference",
     .args = {"parse", "--mode", "rfc3986", "//h/p"},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":\"h\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/p\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse rfc3986: empty reference",
     .args = {"parse", "--mode", "rfc3986", ""},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":null,"
            "\"host_type\":\"none\",\"port\":null,\"path\":\"\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse rfc3986-compat: parses as rfc3986 does",
     .args = {"parse", "--mode", "rfc3986-compat", "http:g"},
     .out = JSON_SCHEME_PATH("http", "g")},
    {.name = "parse rfc3986 fails: bad port",
     .args = {"parse", "--mode", "rfc3986", "http://a:port/"},
     .status = 1,
     .err = "redir: invalid-port: The port is not a decimal number from 0 to "
            "65535.\n"},
    {.name = "parse rfc3986 fails: port above 65535",
     .args = {"parse", "--mode", "rfc3986", "http://a:65536/"},
     .status = 1,
     .err = "redir: invalid-port: ",
     .err_match = PREFIX},
    {.name = "parse rfc3986 fails: bad scheme",
     .args = {"parse", "--mode", "rfc3986", "1a:x"},
     .status = 1,
     .err = "redir: invalid-scheme: ",
     .err_match = PREFIX},
    {.name = "parse rfc3986 fails: zone identifier in IPv6 literal",
     .args = {"parse", "--mode", "rfc3986", "http://[fe80::1%25eth0]/"},
     .status = 1,
     .err = "redir: invalid-ip-literal: ",
     .err_match = PREFIX},
    {.name = "parse rfc3986 fails: space",
     .args = {"parse", "--mode", "rfc3986", "http://a/ b"},
     .status = 1,
     .err = "redir: invalid-character: ",
     .err_match = PREFIX},

    /* --- parse, whatwg mode (the default) ------------------------------ */
    {.name = "parse whatwg: every component present, normalized",
     .args = {"parse", "HTTP://User:Pw@EXAMPLE.com:8080/p/./a/../b;x?q r#f g"},
     .out = "{\"scheme\":\"http\",\"userinfo\":\"User:Pw\","
            "\"host\":\"example.com\",\"host_type\":\"domain\","
            "\"port\":\"8080\",\"path\":\"/p/b;x\",\"query\":\"q%20r\","
            "\"fragment\":\"f%20g\",\"origin\":\"http://example.com:8080\"}\n"},
    {.name = "parse whatwg: --mode whatwg is accepted",
     .args = {"parse", "--mode", "whatwg", "http://a/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse whatwg: default port dropped, empty path becomes /",
     .args = {"parse", "HTTPS://A.example:443"},
     .out = "{\"scheme\":\"https\",\"userinfo\":null,\"host\":\"a.example\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"https://a.example\"}\n"},
    {.name = "parse whatwg: empty userinfo and port dropped, empty fragment "
             "kept",
     .args = {"parse", "http://@a:/#"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":\"\",\"origin\":\"http://a\"}\n"},
    {.name = "parse whatwg: empty query is \"\"",
     .args = {"parse", "http://a?"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/\","
            "\"query\":\"\",\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse whatwg: IPv4 host from hex and short form",
     .args = {"parse", "http://0x7f.1:81/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"127.0.0.1\","
            "\"host_type\":\"ipv4\",\"port\":\"81\",\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"http://127.0.0.1:81\"}\n"},
    {.name = "parse whatwg: IPv6 host compressed, brackets kept",
     .args = {"parse", "http://[0:0:0:0:0:0:0:1]/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"[::1]\","
            "\"host_type\":\"ipv6\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,\"origin\":\"http://[::1]\"}\n"},
    {.name = "parse whatwg: IPv6 host lowercased, default port dropped",
     .args = {"parse", "https://[2001:DB8::1]:443/x"},
     .out = "{\"scheme\":\"https\",\"userinfo\":null,"
            "\"host\":\"[2001:db8::1]\",\"host_type\":\"ipv6\","
            "\"port\":null,\"path\":\"/x\",\"query\":null,"
            "\"fragment\":null,\"origin\":\"https://[2001:db8::1]\"}\n"},
    {.name = "parse whatwg: opaque host of a non-special URL",
     .args = {"parse", "sc://h/"},
     .out = "{\"scheme\":\"sc\",\"userinfo\":null,\"host\":\"h\","
            "\"host_type\":\"opaque\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse whatwg: opaque host keeps case and percent-encoding",
     .args = {"parse", "sc://H%41:1/x"},
     .out = "{\"scheme\":\"sc\",\"userinfo\":null,\"host\":\"H%41\","
            "\"host_type\":\"opaque\",\"port\":\"1\",\"path\":\"/x\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse whatwg: empty host of a file URL",
     .args = {"parse", "file:///x"},
     .out = "{\"scheme\":\"file\",\"userinfo\":null,\"host\":\"\","
            "\"host_type\":\"empty\",\"port\":null,\"path\":\"/x\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse whatwg: file host localhost becomes empty",
     .args = {"parse", "file://localhost/etc"},
     .out = "{\"scheme\":\"file\",\"userinfo\":null,\"host\":\"\","
            "\"host_type\":\"empty\",\"port\":null,\"path\":\"/etc\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse whatwg: opaque path, no host",
     .args = {"parse", "mailto:joe@example.com"},
     .out = JSON_SCHEME_PATH("mailto", "joe@example.com")},
    {.name = "parse whatwg: non-special URL without host, dot segments",
     .args = {"parse", "sc:/a/../b"},
     .out = JSON_SCHEME_PATH("sc", "/b")},
    {.name = "parse whatwg: backslashes, tab and space",
     .args = {"parse", "http:\\\\a\\b c\t?d"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/b%20c\","
            "\"query\":\"d\",\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse whatwg: non-ASCII path, query and fragment",
     .args = {"parse", "http://a/\xc3\xa9?\xc3\xa9#\xc3\xa9"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"domain\",\"port\":null,\"path\":\"/%C3%A9\","
            "\"query\":\"%C3%A9\",\"fragment\":\"%C3%A9\","
            "\"origin\":\"http://a\"}\n"},
    {.name = "parse whatwg: '\"' and '\\' of an opaque path escaped in JSON",
     .args = {"parse", "sc:a\"b\\c"},
     .out = JSON_SCHEME_PATH("sc", "a\\\"b\\\\c")},
    {.name = "parse whatwg fails: relative reference",
     .args = {"parse", "../a/b?x#y"},
     .status = 1,
     .err = "redir: relative-without-base: The reference is relative and no "
            "base URL was given.\n"},
    {.name = "parse whatwg fails: 1a:x has no scheme",
     .args = {"parse", "1a:x"},
     .status = 1,
     .err = "redir: relative-without-base: ",
     .err_match = PREFIX},
    {.name = "parse whatwg fails: bad port",
     .args = {"parse", "http://a:port/"},
     .status = 1,
     .err = "redir: invalid-port: The port is not a decimal number from 0 to "
            "65535.\n"},
    {.name = "parse whatwg fails: port above 65535",
     .args = {"parse", "http://a:65536/"},
     .status = 1,
     .err = "redir: invalid-port: ",
     .err_match = PREFIX},
    {.name = "parse whatwg fails: zone identifier in IPv6 literal",
     .args = {"parse", "http://[fe80::1%25eth0]/"},
     .status = 1,
     .err = "redir: invalid-ip-literal: ",
     .err_match = PREFIX},
    {.name = "parse whatwg fails: IPv4 part above 255",
     .args = {"parse", "http://1.2.3.256/"},
     .status = 1,
     .err = "redir: invalid-ipv4: ",
     .err_match = PREFIX},
    {.name = "parse whatwg: an ASCII xn-- label is a domain",
     .args = {"parse", "http://xn--a.com/"},
     .out_match = PREFIX,
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"xn--a.com\","},
    {.name = "parse whatwg: a non-ASCII host in its ASCII form",
     .args = {"parse", "https://\xc3\xa9.com/"},
     .out_match = PREFIX,
     .out = "{\"scheme\":\"https\",\"userinfo\":null,"
            "\"host\":\"xn--9ca.com\","},
};

/* ------------------------------------------------------------------ */
/* follow                                                             */
/* ------------------------------------------------------------------ */

/*
 * Expected decisions are worked out from the rules of each profile (the
 * WHATWG Fetch standard's HTTP-redirect fetch, curl -L 7.88, strict as
 * redir.h describes it), never copied from a run.
 *
 * FOLLOWED is the line of a followed hop; `headers` is the inside of the
 * JSON array, written with Q(). ENDED is the line of the last decision.
 * The numbers and true/false are written as bare tokens.
 */
#define Q(name) "\"" name "\""
#define FOLLOWED(hop, status, method, url, body, headers, cross, down, perm)   \
    "{\"hop\":" #hop ",\"action\":\"follow\",\"status\":" #status              \
    ",\"method\":\"" method "\",\"url\":\"" url "\",\"body\":\"" body          \
    "\",\"headers\":[" headers "],\"cross_origin\":" #cross                    \
    ",\"downgrade\":" #down ",\"permanent\":" #perm "}\n"
#define ENDED(hop, action, status, reason)                                     \
    "{\"hop\":" #hop ",\"action\":\"" action "\",\"status\":" #status          \
    ",\"reason\":\"" reason "\"}\n"

#define A     "https://a.example"
#define BHOST "https://b.example"

/* The usage error of a bad RESPONSE operand. */
#define BAD_RESPONSE(arg)                                                      \
    USAGE_ERROR("a response is STATUS, STATUS= or STATUS=LOCATION, then "      \
                "+LOCATION for more Location fields, not '" arg "'")

/* 100 bytes of a header name, for the --sensitive space limit. */
#define NAME10 "abcdefghij"
#define NAME100                                                                \
    NAME10 NAME10 NAME10 NAME10 NAME10 NAME10 NAME10 NAME10 NAME10 NAME10

/* Rows concatenate FOLLOWED() lines, one hop per source line; clang-format
 * would run them together. */
/* clang-format off */
static const tool_case follow_cases[] = {
    /* --- one chain per profile ----------------------------------------- */
    {.name = "follow fetch: POST, 307, 303, cross-origin 302, 301 back, 200",
     .args = {"follow", "--body", "replayable", "-H", "Authorization: Bearer t",
              "-H", "Content-Type: text/plain", "-H", "X-Custom: 1", "-H",
              "Content-Length: 3", "POST", A "/form", "307=/form2", "303=/done",
              "302=" BHOST "/x", "301=" A "/back", "200"},
     /* 307 keeps everything; 303 makes a POST a GET without body, so the
      * body headers go; the first cross-origin hop drops Authorization,
      * and it stays dropped when the chain comes back to a.example. */
     .out = FOLLOWED(1, 307, "POST", A "/form2", "keep",
                     Q("authorization") "," Q("content-type") "," Q("x-custom")
                     "," Q("content-length"), false, false, false)
            FOLLOWED(2, 303, "GET", A "/done", "drop",
                     Q("authorization") "," Q("x-custom"), false, false, false)
            FOLLOWED(3, 302, "GET", BHOST "/x", "none", Q("x-custom"), true,
                     false, false)
            FOLLOWED(4, 301, "GET", A "/back", "none", Q("x-custom"), true,
                     false, true)
            ENDED(5, "stop", 200, "not-followed")},
    {.name = "follow curl: POST to another host and back, 304 with Location, "
             "empty Location",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "-H",
              "Authorization: Basic eDp5", "-H", "Cookie: a=b", "-H",
              "Content-Type: text/plain", "-H", "Proxy-Authorization: p",
              "POST", A "/form", "302=" BHOST "/p", "302=" A "/back", "304=/x",
              "302=", "200"},
     /* Credentials go only while scheme, host and port are the first
      * request's: gone on b.example, back on a.example. curl keeps
      * Content-Type and Proxy-Authorization; 304 with a Location is
      * followed; an empty Location stops. */
     .out = FOLLOWED(1, 302, "GET", BHOST "/p", "drop",
                     Q("content-type") "," Q("proxy-authorization"), true,
                     false, false)
            FOLLOWED(2, 302, "GET", A "/back", "none",
                     Q("authorization") "," Q("cookie") "," Q("content-type")
                     "," Q("proxy-authorization"), true, false, false)
            FOLLOWED(3, 304, "GET", A "/x", "none",
                     Q("authorization") "," Q("cookie") "," Q("content-type")
                     "," Q("proxy-authorization"), false, false, false)
            ENDED(4, "stop", 302, "empty-location")},
    {.name = "follow strict: same origin, cross-origin drops Referer and "
             "sensitive names for good, downgrade is an error",
     .args = {"follow", "--profile", "strict", "--sensitive", "X-Api-Key",
              "-H", "Referer: https://a.example/", "-H", "Authorization: t",
              "-H", "x-api-key: k", "-H", "Accept: */*", "GET", A "/",
              "302=/login", "302=" BHOST "/", "302=" A "/again",
              "302=http://a.example/plain"},
     .out = FOLLOWED(1, 302, "GET", A "/login", "none",
                     Q("referer") "," Q("authorization") "," Q("x-api-key")
                     "," Q("accept"), false, false, false)
            FOLLOWED(2, 302, "GET", BHOST "/", "none", Q("accept"), true,
                     false, false)
            FOLLOWED(3, 302, "GET", A "/again", "none", Q("accept"), true,
                     false, false)
            ENDED(4, "error", 302, "downgrade")},

    /* --- the exact line format --------------------------------------- */
    {.name = "follow: one follow line, spelled out",
     .args = {"follow", "-H", "X-Custom: 1", "GET", A "/", "302=/next"},
     .out = "{\"hop\":1,\"action\":\"follow\",\"status\":302,\"method\":"
            "\"GET\",\"url\":\"https://a.example/next\",\"body\":\"none\","
            "\"headers\":[\"x-custom\"],\"cross_origin\":false,"
            "\"downgrade\":false,\"permanent\":false}\n"},
    {.name = "follow: one stop line, spelled out",
     .args = {"follow", "GET", A "/", "304"},
     .out = "{\"hop\":1,\"action\":\"stop\",\"status\":304,"
            "\"reason\":\"not-followed\"}\n"},

    /* --- statuses and Location ---------------------------------------- */
    {.name = "follow fetch: 304 is not followed",
     .args = {"follow", "GET", A "/", "304=/x"},
     .out = ENDED(1, "stop", 304, "not-followed")},
    {.name = "follow fetch: 300 is not followed",
     .args = {"follow", "GET", A "/", "300=/x"},
     .out = ENDED(1, "stop", 300, "not-followed")},
    {.name = "follow curl: 300 and 399 with Location are followed",
     .args = {"follow", "--profile", "curl", "GET", A "/", "300=/x", "399=/y"},
     .out = FOLLOWED(1, 300, "GET", A "/x", "none", "", false, false, false)
            FOLLOWED(2, 399, "GET", A "/y", "none", "", false, false, false)},
    {.name = "follow curl: 200 with Location is not followed",
     .args = {"follow", "--profile", "curl", "GET", A "/", "200=/x"},
     .out = ENDED(1, "stop", 200, "not-followed")},
    {.name = "follow curl: 304 without Location stops",
     .args = {"follow", "--profile", "curl", "GET", A "/", "304"},
     .out = ENDED(1, "stop", 304, "no-location")},
    {.name = "follow fetch: 302 without Location stops no-location",
     .args = {"follow", "GET", A "/", "302"},
     .out = ENDED(1, "stop", 302, "no-location")},
    {.name = "follow strict: 307 without Location stops no-location",
     .args = {"follow", "--profile", "strict", "GET", A "/", "307"},
     .out = ENDED(1, "stop", 307, "no-location")},
    {.name = "follow fetch: empty Location requests the current URL again",
     .args = {"follow", "GET", A "/p?q", "302=", "302="},
     .out = FOLLOWED(1, 302, "GET", A "/p?q", "none", "", false, false, false)
            FOLLOWED(2, 302, "GET", A "/p?q", "none", "", false, false,
                     false)},
    {.name = "follow curl: empty Location stops empty-location",
     .args = {"follow", "--profile", "curl", "GET", A "/p", "302="},
     .out = ENDED(1, "stop", 302, "empty-location")},
    {.name = "follow strict: empty Location stops empty-location",
     .args = {"follow", "--profile", "strict", "GET", A "/p", "301="},
     .out = ENDED(1, "stop", 301, "empty-location")},
    {.name = "follow fetch: Location is trimmed of spaces and tabs",
     .args = {"follow", "GET", A "/", "302= \t/x \t"},
     .out = FOLLOWED(1, 302, "GET", A "/x", "none", "", false, false, false)},
    {.name = "follow fetch: Location of spaces only is empty",
     .args = {"follow", "GET", A "/p", "302=   "},
     .out = FOLLOWED(1, 302, "GET", A "/p", "none", "", false, false, false)},
    {.name = "follow curl: Location of spaces only stops empty-location",
     .args = {"follow", "--profile", "curl", "GET", A "/p", "302=   "},
     .out = ENDED(1, "stop", 302, "empty-location")},
    {.name = "follow: CR LF in Location is an error",
     .args = {"follow", "GET", A "/", "302=/a\r\nSet-Cookie: x=y"},
     .out = ENDED(1, "error", 302, "unsafe-location")},
    {.name = "follow: Location that does not parse is an error, exit 0",
     .args = {"follow", "GET", A "/", "302=https://b.example:99999/"},
     .out = ENDED(1, "error", 302, "invalid-port")},
    {.name = "follow: relative Location resolves against the current URL",
     .args = {"follow", "GET", A "/a/b/c?q", "302=../d?e", "302=//b.example/f",
              "302=?g"},
     .out = FOLLOWED(1, 302, "GET", A "/a/d?e", "none", "", false, false,
                     false)
            FOLLOWED(2, 302, "GET", BHOST "/f", "none", "", true, false,
                     false)
            FOLLOWED(3, 302, "GET", BHOST "/f?g", "none", "", false, false,
                     false)},

    /* --- methods and bodies ------------------------------------------ */
    {.name = "follow fetch: POST on 301 becomes GET, body dropped, permanent",
     .args = {"follow", "--body", "replayable", "POST", A "/", "301=/x"},
     .out = FOLLOWED(1, 301, "GET", A "/x", "drop", "", false, false, true)},
    {.name = "follow fetch: POST on 308 keeps method and body, permanent",
     .args = {"follow", "--body", "replayable", "POST", A "/", "308=/x"},
     .out = FOLLOWED(1, 308, "POST", A "/x", "keep", "", false, false, true)},
    {.name = "follow fetch: PUT on 302 keeps method and body",
     .args = {"follow", "--body", "replayable", "PUT", A "/", "302=/x"},
     .out = FOLLOWED(1, 302, "PUT", A "/x", "keep", "", false, false, false)},
    {.name = "follow fetch: DELETE on 303 becomes GET",
     .args = {"follow", "--body", "replayable", "DELETE", A "/", "303=/x"},
     .out = FOLLOWED(1, 303, "GET", A "/x", "drop", "", false, false, false)},
    {.name = "follow fetch: HEAD on 303 stays HEAD",
     .args = {"follow", "HEAD", A "/", "303=/x"},
     .out = FOLLOWED(1, 303, "HEAD", A "/x", "none", "", false, false, false)},
    {.name = "follow fetch: POST without a body on 303: GET, body none",
     .args = {"follow", "POST", A "/form", "303=/done"},
     .out = FOLLOWED(1, 303, "GET", A "/done", "none", "", false, false,
                     false)},
    {.name = "follow fetch: Content-* headers stay on 307, go after the GET",
     .args = {"follow", "--body", "replayable", "-H", "Content-Type: a/b", "-H",
              "Content-Encoding: gzip", "-H", "Content-Language: en", "-H",
              "Content-Location: /c", "-H", "Transfer-Encoding: chunked",
              "POST", A "/", "307=/a", "302=/b"},
     .out = FOLLOWED(1, 307, "POST", A "/a", "keep",
                     Q("content-type") "," Q("content-encoding") ","
                     Q("content-language") "," Q("content-location") ","
                     Q("transfer-encoding"), false, false, false)
            FOLLOWED(2, 302, "GET", A "/b", "drop", "", false, false, false)},
    {.name = "follow fetch: lowercase method names are normalized",
     .args = {"follow", "--body", "replayable", "post", A "/", "307=/x"},
     .out = FOLLOWED(1, 307, "POST", A "/x", "keep", "", false, false, false)},
    {.name = "follow fetch: an unknown method keeps its spelling",
     .args = {"follow", "patch", A "/", "307=/x"},
     .out = FOLLOWED(1, 307, "patch", A "/x", "none", "", false, false,
                     false)},
    {.name = "follow curl: method names keep their spelling",
     .args = {"follow", "--profile", "curl", "post", A "/", "307=/x"},
     .out = FOLLOWED(1, 307, "post", A "/x", "none", "", false, false, false)},
    {.name = "follow curl: PUT keeps its body on 301, becomes GET on 303",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "PUT",
              A "/r", "301=/s", "303=/t"},
     .out = FOLLOWED(1, 301, "PUT", A "/s", "keep", "", false, false, true)
            FOLLOWED(2, 303, "GET", A "/t", "drop", "", false, false,
                     false)},
    {.name = "follow curl: DELETE keeps its name, loses the body on 302",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "DELETE",
              A "/r", "302=/gone", "307=/z"},
     .out = FOLLOWED(1, 302, "DELETE", A "/gone", "drop", "", false, false,
                     false)
            FOLLOWED(2, 307, "DELETE", A "/z", "none", "", false, false,
                     false)},
    {.name = "follow curl: POST on 303 becomes GET",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "POST",
              A "/", "303=/x"},
     .out = FOLLOWED(1, 303, "GET", A "/x", "drop", "", false, false, false)},
    {.name = "follow curl: POST on 307 and 308 keeps method and body",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "POST",
              A "/", "307=/x", "308=/y"},
     .out = FOLLOWED(1, 307, "POST", A "/x", "keep", "", false, false, false)
            FOLLOWED(2, 308, "POST", A "/y", "keep", "", false, false,
                     true)},
    {.name = "follow curl: Content-Type stays after the change to GET, "
             "Content-Length goes",
     .args = {"follow", "--profile", "curl", "--body", "replayable", "-H",
              "Content-Type: a/b", "-H", "Content-Length: 3", "POST", A "/",
              "302=/x"},
     .out = FOLLOWED(1, 302, "GET", A "/x", "drop", Q("content-type"), false,
                     false, false)},
    {.name = "follow fetch: --keep-post keeps POST on 302",
     .args = {"follow", "--keep-post", "--body", "replayable", "POST", A "/",
              "302=/x"},
     .out = FOLLOWED(1, 302, "POST", A "/x", "keep", "", false, false, false)},
    {.name = "follow curl: --keep-post keeps POST on 301 and 303",
     .args = {"follow", "--profile", "curl", "--keep-post", "--body",
              "replayable", "POST", A "/", "301=/x", "303=/y"},
     .out = FOLLOWED(1, 301, "POST", A "/x", "keep", "", false, false, true)
            FOLLOWED(2, 303, "POST", A "/y", "keep", "", false, false,
                     false)},
    {.name = "follow fetch: stream body on 307 is an error",
     .args = {"follow", "--body", "stream", "POST", A "/", "307=/x"},
     .out = ENDED(1, "error", 307, "body-not-replayable")},
    {.name = "follow fetch: stream body on 302 is an error, even for POST",
     .args = {"follow", "--body", "stream", "POST", A "/", "302=/x"},
     .out = ENDED(1, "error", 302, "body-not-replayable")},
    {.name = "follow fetch: stream body on 303 is dropped, later 307 is fine",
     .args = {"follow", "--body", "stream", "POST", A "/", "303=/x", "307=/y"},
     .out = FOLLOWED(1, 303, "GET", A "/x", "drop", "", false, false, false)
            FOLLOWED(2, 307, "GET", A "/y", "none", "", false, false,
                     false)},
    {.name = "follow strict: stream body on 308 is an error",
     .args = {"follow", "--profile", "strict", "--body", "stream", "PUT", A "/",
              "308=/x"},
     .out = ENDED(1, "error", 308, "body-not-replayable")},
    {.name = "follow curl: stream POST on 302 is not resent: fine",
     .args = {"follow", "--profile", "curl", "--body", "stream", "POST", A "/",
              "302=/x"},
     .out = FOLLOWED(1, 302, "GET", A "/x", "drop", "", false, false, false)},
    {.name = "follow curl: stream POST on 307 must be resent: error",
     .args = {"follow", "--profile", "curl", "--body=stream", "POST", A "/",
              "307=/x"},
     .out = ENDED(1, "error", 307, "body-not-replayable")},

    /* --- headers ----------------------------------------------------- */
    {.name = "follow: -H names lowercased, in the order given",
     .args = {"follow", "-H", "X-B: 1", "-H", "accept: */*", "-H", "X-A:2",
              "-H", "X-Empty:", "-H", "X-Colon: a:b", "GET", A "/", "307=/x"},
     .out = FOLLOWED(1, 307, "GET", A "/x", "none",
                     Q("x-b") "," Q("accept") "," Q("x-a") "," Q("x-empty")
                     "," Q("x-colon"), false, false, false)},
    {.name = "follow: Host goes only to the first request's host and port",
     .args = {"follow", "-H", "Host: a.example", "GET", A "/", "302=/x",
              "302=" BHOST "/", "302=https://a.example:8443/",
              "302=https://a.example:443/y"},
     .out = FOLLOWED(1, 302, "GET", A "/x", "none", Q("host"), false, false,
                     false)
            FOLLOWED(2, 302, "GET", BHOST "/", "none", "", true, false, false)
            FOLLOWED(3, 302, "GET", "https://a.example:8443/", "none", "",
                     true, false, false)
            FOLLOWED(4, 302, "GET", "https://a.example/y", "none",
                     Q("host"), true, false, false)},
    {.name = "follow fetch: Cookie and Proxy-Authorization dropped "
             "cross-origin, Referer kept",
     .args = {"follow", "-H", "Cookie: a=b", "-H", "Proxy-Authorization: p",
              "-H", "Referer: https://a.example/", "GET", A "/",
              "302=" BHOST "/"},
     .out = FOLLOWED(1, 302, "GET", BHOST "/", "none", Q("referer"), true,
                     false, false)},
    {.name = "follow fetch: another port is another origin",
     .args = {"follow", "-H", "Authorization: t", "GET", A "/",
              "302=https://a.example:8443/"},
     .out = FOLLOWED(1, 302, "GET", "https://a.example:8443/", "none", "",
                     true, false, false)},
    {.name = "follow fetch: http to https is cross-origin, not a downgrade",
     .args = {"follow", "-H", "Authorization: t", "GET", "http://a.example/",
              "301=" A "/"},
     .out = FOLLOWED(1, 301, "GET", A "/", "none", "", true, false, true)},
    {.name = "follow fetch: host case and explicit default port: same origin, "
             "normalized as the URL Standard does",
     .args = {"follow", "-H", "Authorization: t", "GET", A "/",
              "302=https://A.EXAMPLE:443/x"},
     .out = FOLLOWED(1, 302, "GET", "https://a.example/x", "none",
                     Q("authorization"), false, false, false)},
    {.name = "follow fetch: --sensitive name dropped cross-origin",
     .args = {"follow", "--sensitive", "X-Api-Key", "-H", "X-API-KEY: k", "-H",
              "X-Other: o", "GET", A "/", "302=/same", "302=" BHOST "/"},
     .out = FOLLOWED(1, 302, "GET", A "/same", "none",
                     Q("x-api-key") "," Q("x-other"), false, false, false)
            FOLLOWED(2, 302, "GET", BHOST "/", "none", Q("x-other"), true,
                     false, false)},
    {.name = "follow strict: only allow-listed and --safe names cross origins",
     .args = {"follow", "--profile", "strict", "--safe", "X-Trace", "-H",
              "X-Trace: t", "-H", "X-Api-Key: k", "-H", "Accept: */*", "GET",
              A "/", "302=/same", "302=" BHOST "/"},
     .out = FOLLOWED(1, 302, "GET", A "/same", "none",
                     Q("x-trace") "," Q("x-api-key") "," Q("accept"), false,
                     false, false)
            FOLLOWED(2, 302, "GET", BHOST "/", "none",
                     Q("x-trace") "," Q("accept"), true, false, false)},
    {.name = "follow fetch: a TAB ending a Location host never reaches the URL",
     .args = {"follow", "GET", A "/", "302=https://evil.example\t/x"},
     .out = FOLLOWED(1, 302, "GET", "https://evil.example/x", "none", "", true,
                     false, false)},
    {.name = "follow curl: --sensitive name comes back with the first host",
     .args = {"follow", "--profile", "curl", "--sensitive=x-token", "-H",
              "X-Token: t", "GET", A "/", "302=" BHOST "/", "302=" A "/"},
     .out = FOLLOWED(1, 302, "GET", BHOST "/", "none", "", true, false, false)
            FOLLOWED(2, 302, "GET", A "/", "none", Q("x-token"), true, false,
                     false)},
    {.name = "follow curl: another scheme or port drops credentials",
     .args = {"follow", "--profile", "curl", "-H", "Authorization: t", "GET",
              A "/", "302=http://a.example/", "302=https://a.example:444/",
              "302=" A "/z"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/", "none", "", true,
                     true, false)
            FOLLOWED(2, 302, "GET", "https://a.example:444/", "none", "",
                     true, false, false)
            FOLLOWED(3, 302, "GET", A "/z", "none", Q("authorization"), true,
                     false, false)},
    {.name = "follow fetch: --trusted keeps credentials, not Host",
     .args = {"follow", "--trusted", "-H", "Authorization: t", "-H",
              "Cookie: c", "-H", "Host: a.example", "GET", A "/",
              "302=" BHOST "/"},
     .out = FOLLOWED(1, 302, "GET", BHOST "/", "none",
                     Q("authorization") "," Q("cookie"), true, false, false)},
    {.name = "follow strict: --trusted keeps Referer too",
     .args = {"follow", "--profile", "strict", "--trusted", "-H", "Referer: r",
              "GET", A "/", "302=" BHOST "/"},
     .out = FOLLOWED(1, 302, "GET", BHOST "/", "none", Q("referer"), true,
                     false, false)},

    /* --- downgrade, schemes, userinfo ------------------------------- */
    {.name = "follow fetch: https to http is followed, flagged downgrade",
     .args = {"follow", "GET", A "/", "302=http://b.example/"},
     .out = FOLLOWED(1, 302, "GET", "http://b.example/", "none", "", true,
                     true, false)},
    {.name = "follow strict: --allow-downgrade follows https to http",
     .args = {"follow", "--profile", "strict", "--allow-downgrade", "GET",
              A "/", "302=http://a.example/", "302=" A "/x"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/", "none", "", true,
                     true, false)
            FOLLOWED(2, 302, "GET", A "/x", "none", "", true, false, false)},
    {.name = "follow strict: downgrade is an error",
     .args = {"follow", "--profile", "strict", "GET", A "/",
              "301=http://a.example/"},
     .out = ENDED(1, "error", 301, "downgrade")},
    {.name = "follow curl: --deny-downgrade refuses https to http",
     .args = {"follow", "--profile", "curl", "--deny-downgrade", "GET", A "/",
              "302=http://a.example/"},
     .out = ENDED(1, "error", 302, "downgrade")},
    {.name = "follow fetch: --deny-downgrade wins over --allow-downgrade",
     .args = {"follow", "--allow-downgrade", "--deny-downgrade", "GET", A "/",
              "302=http://a.example/"},
     .out = ENDED(1, "error", 302, "downgrade")},
    {.name = "follow: --deny-downgrade leaves http to http alone",
     .args = {"follow", "--deny-downgrade", "GET", "http://a.example/",
              "302=http://b.example/"},
     .out = FOLLOWED(1, 302, "GET", "http://b.example/", "none", "", true,
                     false, false)},
    {.name = "follow fetch: ftp target is an error",
     .args = {"follow", "GET", A "/", "302=ftp://a.example/f"},
     .out = ENDED(1, "error", 302, "scheme-not-allowed")},
    {.name = "follow fetch: a Location with another scheme is an error",
     .args = {"follow", "GET", A "/", "302=mailto:x@a.example"},
     .out = ENDED(1, "error", 302, "scheme-not-allowed")},
    {.name = "follow curl: ftp target is followed",
     .args = {"follow", "--profile", "curl", "GET", A "/",
              "302=ftp://a.example/f"},
     .out = FOLLOWED(1, 302, "GET", "ftp://a.example/f", "none", "", true,
                     false, false)},
    {.name = "follow fetch: userinfo in Location is an error",
     .args = {"follow", "GET", A "/", "302=https://u:p@b.example/"},
     .out = ENDED(1, "error", 302, "userinfo-in-location")},
    {.name = "follow strict: userinfo in Location is an error",
     .args = {"follow", "--profile", "strict", "GET", A "/",
              "302=https://u@a.example/"},
     .out = ENDED(1, "error", 302, "userinfo-in-location")},
    {.name = "follow curl: userinfo in Location is followed",
     .args = {"follow", "--profile", "curl", "GET", A "/",
              "302=https://u:p@b.example/"},
     .out = FOLLOWED(1, 302, "GET", "https://u:p@b.example/", "none", "", true,
                     false, false)},

    /* --- fragments ----------------------------------------------------- */
    {.name = "follow fetch: Location without fragment keeps the current one",
     .args = {"follow", "GET", A "/p#sec", "302=/q", "302=/r#new", "302=/s"},
     .out = FOLLOWED(1, 302, "GET", A "/q#sec", "none", "", false, false,
                     false)
            FOLLOWED(2, 302, "GET", A "/r#new", "none", "", false, false,
                     false)
            FOLLOWED(3, 302, "GET", A "/s#new", "none", "", false, false,
                     false)},
    {.name = "follow curl: fragment is not carried over",
     .args = {"follow", "--profile", "curl", "GET", A "/p#sec", "302=/q"},
     .out = FOLLOWED(1, 302, "GET", A "/q", "none", "", false, false, false)},

    /* --- limits and loops ----------------------------------------------- */
    {.name = "follow: --max-redirects 1, the second 302 is an error",
     .args = {"follow", "--max-redirects", "1", "GET", A "/", "302=/a",
              "302=/b"},
     .out = FOLLOWED(1, 302, "GET", A "/a", "none", "", false, false, false)
            ENDED(2, "error", 302, "too-many-redirects")},
    {.name = "follow: --max-redirects=0 refuses the first redirect",
     .args = {"follow", "--max-redirects=0", "GET", A "/", "302=/a"},
     .out = ENDED(1, "error", 302, "too-many-redirects")},
    {.name = "follow: --max-redirects does not stop a non-redirect",
     .args = {"follow", "--max-redirects", "0", "GET", A "/", "200"},
     .out = ENDED(1, "stop", 200, "not-followed")},
    {.name = "follow strict: back to an earlier URL is a loop",
     .args = {"follow", "--profile", "strict", "GET", A "/a", "302=/b",
              "302=/a"},
     .out = FOLLOWED(1, 302, "GET", A "/b", "none", "", false, false, false)
            ENDED(2, "error", 302, "loop")},
    {.name = "follow strict: a redirect to itself is a loop",
     .args = {"follow", "--profile", "strict", "GET", A "/a", "307=/a"},
     .out = ENDED(1, "error", 307, "loop")},
    {.name = "follow strict: fragments do not hide a loop",
     .args = {"follow", "--profile", "strict", "GET", A "/a#x", "302=/b",
              "302=/a#y"},
     .out = FOLLOWED(1, 302, "GET", A "/b#x", "none", "", false, false, false)
            ENDED(2, "error", 302, "loop")},
    {.name = "follow strict: same URL with another method is not a loop",
     .args = {"follow", "--profile", "strict", "--body", "replayable", "POST",
              A "/form", "303=/form"},
     .out = FOLLOWED(1, 303, "GET", A "/form", "drop", "", false, false,
                     false)},
    {.name = "follow fetch: no loop detection",
     .args = {"follow", "GET", A "/a", "302=/b", "302=/a"},
     .out = FOLLOWED(1, 302, "GET", A "/b", "none", "", false, false, false)
            FOLLOWED(2, 302, "GET", A "/a", "none", "", false, false,
                     false)},

    /* --- SSRF guard --------------------------------------------------- */
    {.name = "follow: --deny-private refuses 127.1",
     .args = {"follow", "--deny-private", "GET", A "/", "302=http://127.1/"},
     .out = ENDED(1, "error", 302, "private-address")},
    {.name = "follow: --deny-private refuses [::1] and a private port form",
     .args = {"follow", "--deny-private", "GET", A "/", "302=/ok",
              "302=https://[::1]:8443/"},
     .out = FOLLOWED(1, 302, "GET", A "/ok", "none", "", false, false, false)
            ENDED(2, "error", 302, "private-address")},
    {.name = "follow: --deny-private refuses localhost",
     .args = {"follow", "--profile", "curl", "--deny-private", "GET", A "/",
              "302=http://localhost:8080/"},
     .out = ENDED(1, "error", 302, "private-address")},
    {.name = "follow: --deny-private refuses 10/8 in decimal form",
     .args = {"follow", "--deny-private", "GET", "http://a.example/",
              "302=http://167772161/"},
     .out = ENDED(1, "error", 302, "private-address")},
    {.name = "follow: --deny-private follows a public address literal",
     .args = {"follow", "--deny-private", "GET", "http://a.example/",
              "302=http://8.8.8.8/"},
     .out = FOLLOWED(1, 302, "GET", "http://8.8.8.8/", "none", "", true, false,
                     false)},
    {.name = "follow: without --deny-private 127.1 is followed, as 127.0.0.1",
     .args = {"follow", "GET", "http://a.example/", "302=http://127.1/"},
     .out = FOLLOWED(1, 302, "GET", "http://127.0.0.1/", "none", "", true,
                     false, false)},
    {.name = "follow curl: 127.1 and 0x7f.1 become dotted decimal, as curl "
             "writes them",
     .args = {"follow", "--profile", "curl", "GET", "http://a.example/",
              "302=http://127.1/", "302=http://u@0x7f.1:8080/x"},
     .out = FOLLOWED(1, 302, "GET", "http://127.0.0.1/", "none", "", true,
                     false, false)
            FOLLOWED(2, 302, "GET", "http://u@127.0.0.1:8080/x", "none", "",
                     true, false, false)},
    {.name = "follow fetch: backslashes, tabs and spaces in Location are read "
             "as the URL Standard reads them",
     .args = {"follow", "GET", "http://a.example/d/",
              "302=\\\\b.example\\p q\t/x"},
     .out = FOLLOWED(1, 302, "GET", "http://b.example/p%20q/x", "none", "",
                     true, false, false)},
    {.name = "follow curl: spaces and non-ASCII in Location are encoded as "
             "curl 8.21 does (upper case, space in the query as '+')",
     .args = {"follow", "--profile", "curl", "GET", "http://a.example/d/",
              "302=/p q/\xc3\xa9?x y#f g"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/p%20q/%C3%A9?x+y#f%20g",
                     "none", "", false, false, false)},
    {.name = "follow curl-7.88: spaces and non-ASCII in Location are encoded "
             "as curl 7.88 does (lower case)",
     .args = {"follow", "--profile", "curl-7.88", "GET", "http://a.example/d/",
              "302=/p q/\xc3\xa9?x y#f g"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/p%20q/%c3%a9?x+y#f%20g",
                     "none", "", false, false, false)},
    {.name = "follow curl: two different Location fields fail",
     .args = {"follow", "--profile", "curl", "GET", "http://a.example/",
              "302=/a", "+/b"},
     .out = "{\"hop\":1,\"action\":\"error\",\"status\":302,"
            "\"reason\":\"multiple-locations\"}\n"},
    {.name = "follow curl-7.88: of two Location fields the first counts",
     .args = {"follow", "--profile", "curl-7.88", "GET", "http://a.example/",
              "302=/a", "+/b"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/a", "none", "", false,
                     false, false)},
    {.name = "follow: a + operand adds a field to a response without one",
     .args = {"follow", "--profile", "curl", "GET", "http://a.example/", "302",
              "+/a"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/a", "none", "", false,
                     false, false)},
    {.name = "follow usage: a + operand before any response",
     .args = {"follow", "GET", "http://a.example/", "+/a"},
     .status = 2,
     .err = BAD_RESPONSE("+/a"),
     .err_match = PREFIX},
    {.name = "follow --summary: one more line with the chain",
     .args = {"follow", "--summary", "GET", "http://a.example/", "302=/b",
              "301=https://b.example/c", "200"},
     .out = FOLLOWED(1, 302, "GET", "http://a.example/b", "none", "", false,
                     false, false)
            FOLLOWED(2, 301, "GET", "https://b.example/c", "none", "", true,
                     false, true)
            "{\"hop\":3,\"action\":\"stop\",\"status\":200,"
            "\"reason\":\"not-followed\"}\n"
            "{\"summary\":{\"redirects\":2,\"end\":\"stop\",\"reason\":"
            "\"not-followed\",\"first\":\"http://a.example/\",\"last\":"
            "\"https://b.example/c\",\"method\":\"GET\"}}\n"},
    {.name = "follow --summary: responses run out while following",
     .args = {"follow", "--summary", "POST", "http://a.example/", "307=/b"},
     .out = FOLLOWED(1, 307, "POST", "http://a.example/b", "none", "", false,
                     false, false)
            "{\"summary\":{\"redirects\":1,\"end\":\"follow\",\"reason\":"
            "\"ok\",\"first\":\"http://a.example/\",\"last\":"
            "\"http://a.example/b\",\"method\":\"POST\"}}\n"},
    {.name = "follow --trusted-origin: credentials go to that origin",
     .args = {"follow", "-H", "Authorization: x", "--trusted-origin",
              "https://b.example", "GET", "https://a.example/",
              "302=https://b.example/x"},
     .out = FOLLOWED(1, 302, "GET", "https://b.example/x", "none",
                     "\"authorization\"", true, false, false)},
    {.name = "follow --trusted-origin: not to another",
     .args = {"follow", "-H", "Authorization: x", "--trusted-origin",
              "*.example.com", "GET", "https://a.example/",
              "302=https://b.example/x"},
     .out = FOLLOWED(1, 302, "GET", "https://b.example/x", "none", "", true,
                     false, false)},
    {.name = "follow usage: --trusted-origin with a path",
     .args = {"follow", "--trusted-origin", "https://b.example/"},
     .status = 2,
     .err = USAGE_ERROR("--trusted-origin wants scheme://host[:port] or "
                        "*.domain, not 'https://b.example/'"),
     .err_match = PREFIX},
    {.name = "follow --navigate: chrome strips userinfo",
     .args = {"follow", "--profile", "chrome", "--navigate", "GET",
              "https://a.example/", "302=https://u:p@b.example/x"},
     .out = FOLLOWED(1, 302, "GET", "https://b.example/x", "none", "", true,
                     false, false)},
    {.name = "follow chrome: an empty Location stops",
     .args = {"follow", "--profile", "chrome", "GET", "https://a.example/",
              "302="},
     .out = "{\"hop\":1,\"action\":\"stop\",\"status\":302,"
            "\"reason\":\"empty-location\"}\n"},
    {.name = "follow fetch: a redirect to port 25 is bad-port",
     .args = {"follow", "GET", "https://a.example/",
              "302=http://a.example:25/"},
     .out = "{\"hop\":1,\"action\":\"error\",\"status\":302,"
            "\"reason\":\"bad-port\"}\n"},
    {.name = "follow fetch: a domain RFC 3986 would refuse (a{b}.example) "
             "starts a chain and keeps its origin",
     .args = {"follow", "-H", "Authorization: x", "GET",
              "http://a{b}.example:8080/", "302=/x", "302=http://c.example/"},
     .out = FOLLOWED(1, 302, "GET", "http://a{b}.example:8080/x", "none",
                     Q("authorization"), false, false, false)
            FOLLOWED(2, 302, "GET", "http://c.example/", "none", "", true,
                     false, false)},
    {.name = "follow curl: http:/host reads as http://host, as curl does",
     .args = {"follow", "--profile", "curl", "GET", "http://a.example/d/",
              "302=http:/b.example/x"},
     .out = FOLLOWED(1, 302, "GET", "http://b.example/x", "none", "", true,
                     false, false)},

    /* --- how the output ends ------------------------------------------ */
    {.name = "follow: responses run out while following: exit 0",
     .args = {"follow", "GET", A "/", "302=/a", "307=/b"},
     .out = FOLLOWED(1, 302, "GET", A "/a", "none", "", false, false, false)
            FOLLOWED(2, 307, "GET", A "/b", "none", "", false, false,
                     false)},
    {.name = "follow: responses after a stop are not used",
     .args = {"follow", "GET", A "/", "200", "302=/a"},
     .out = ENDED(1, "stop", 200, "not-followed")},
    {.name = "follow: responses after an error are not used",
     .args = {"follow", "GET", A "/", "302=ftp://x/", "302=/a"},
     .out = ENDED(1, "error", 302, "scheme-not-allowed")},
    {.name = "follow: -- ends the options",
     .args = {"follow", "--", "GET", A "/", "302=/a"},
     .out = FOLLOWED(1, 302, "GET", A "/a", "none", "", false, false, false)},

    /* --- start failures: exit 1, "redir: NAME: sentence" ------------- */
    {.name = "follow fails: relative URL",
     .args = {"follow", "GET", "/form", "302=/x"},
     .status = 1,
     .err = "redir: relative-without-base: The reference is relative and no "
            "base URL was given.\n"},
    {.name = "follow fails: relative URL, also without responses",
     .args = {"follow", "GET", "form"},
     .status = 1,
     .err = "redir: relative-without-base: ",
     .err_match = PREFIX},
    {.name = "follow fails: ftp URL",
     .args = {"follow", "--profile", "curl", "GET", "ftp://a.example/",
              "302=/x"},
     .status = 1,
     .err = "redir: scheme-not-allowed: ",
     .err_match = PREFIX},
    {.name = "follow fails: URL that does not parse",
     .args = {"follow", "GET", "https://a.example:x/", "302=/x"},
     .status = 1,
     .err = "redir: invalid-port: ",
     .err_match = PREFIX},
    {.name = "follow fails: method that is not a token",
     .args = {"follow", "GE T", A "/", "302=/x"},
     .status = 1,
     .err = "redir: invalid-method: ",
     .err_match = PREFIX},
    {.name = "follow fails: empty method",
     .args = {"follow", "", A "/", "302=/x"},
     .status = 1,
     .err = "redir: invalid-method: ",
     .err_match = PREFIX},

    /* --- usage errors: exit 2, nothing on stdout ----------------------- */
    {.name = "follow usage: unknown option",
     .args = {"follow", "--fast", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("unknown option '--fast'"),
     .err_match = PREFIX},
    {.name = "follow usage: --mode is not an option of follow",
     .args = {"follow", "--mode", "rfc3986", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("unknown option '--mode'"),
     .err_match = PREFIX},
    {.name = "follow usage: unknown profile",
     .args = {"follow", "--profile", "firefox", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("unknown profile 'firefox'"),
     .err_match = PREFIX},
    {.name = "follow usage: profile names are case-sensitive",
     .args = {"follow", "--profile=Fetch"},
     .status = 2,
     .err = USAGE_ERROR("unknown profile 'Fetch'"),
     .err_match = PREFIX},
    {.name = "follow usage: --profile without value",
     .args = {"follow", "--profile"},
     .status = 2,
     .err = USAGE_ERROR("missing value for option '--profile'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects -1",
     .args = {"follow", "--max-redirects", "-1", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "'-1'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects abc",
     .args = {"follow", "--max-redirects=abc", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "'abc'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects with trailing junk",
     .args = {"follow", "--max-redirects", "3x", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "'3x'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects empty",
     .args = {"follow", "--max-redirects=", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "''"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects +1",
     .args = {"follow", "--max-redirects", "+1", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "'+1'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects above 2147483647",
     .args = {"follow", "--max-redirects", "2147483648", "GET", A "/",
              "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--max-redirects wants a non-negative integer, not "
                        "'2147483648'"),
     .err_match = PREFIX},
    {.name = "follow usage: --max-redirects without value",
     .args = {"follow", "--max-redirects"},
     .status = 2,
     .err = USAGE_ERROR("missing value for option '--max-redirects'"),
     .err_match = PREFIX},
    {.name = "follow usage: unknown body kind",
     .args = {"follow", "--body", "chunked", "POST", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("unknown body kind 'chunked'"),
     .err_match = PREFIX},
    {.name = "follow usage: -H without ':'",
     .args = {"follow", "-H", "Authorization", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("-H wants 'Name: value', not 'Authorization'"),
     .err_match = PREFIX},
    {.name = "follow usage: -H with an empty name",
     .args = {"follow", "-H", ": v", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("-H wants 'Name: value', not ': v'"),
     .err_match = PREFIX},
    {.name = "follow usage: -H with a space in the name",
     .args = {"follow", "-H", "X Y: v", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("-H wants 'Name: value', not 'X Y: v'"),
     .err_match = PREFIX},
    {.name = "follow usage: an option after the operands is a response",
     .args = {"follow", "GET", A "/", "-H"},
     .status = 2,
     .err = BAD_RESPONSE("-H"),
     .err_match = PREFIX},
    {.name = "follow usage: -H at the end of the options",
     .args = {"follow", "-H"},
     .status = 2,
     .err = USAGE_ERROR("missing value for option '-H'"),
     .err_match = PREFIX},
    {.name = "follow usage: --sensitive that is not a header name",
     .args = {"follow", "--sensitive", "X Y", "GET", A "/", "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--sensitive wants a header name, not 'X Y'"),
     .err_match = PREFIX},
    {.name = "follow usage: --safe that is not a header name",
     .args = {"follow", "--profile", "strict", "--safe", "X:", "GET", A "/",
              "302=/x"},
     .status = 2,
     .err = USAGE_ERROR("--safe wants a header name, not 'X:'"),
     .err_match = PREFIX},
    {.name = "follow usage: --sensitive names over REDIR_SENSITIVE_MAX",
     .args = {"follow", "--sensitive", "a" NAME100, "--sensitive", "b" NAME100,
              "--sensitive", "c" NAME100},
     .status = 2,
     .err = USAGE_ERROR("too many --sensitive names: no room for 'c" NAME100
                        "'"),
     .err_match = PREFIX},
    {.name = "follow usage: METHOD without URL",
     .args = {"follow", "GET"},
     .status = 2,
     .err = USAGE_ERROR("follow needs METHOD and URL before the responses"),
     .err_match = PREFIX},
    {.name = "follow usage: status with a letter",
     .args = {"follow", "GET", A "/", "30x=/a"},
     .status = 2,
     .err = BAD_RESPONSE("30x=/a"),
     .err_match = PREFIX},
    {.name = "follow usage: status of four digits",
     .args = {"follow", "GET", A "/", "1000=/a"},
     .status = 2,
     .err = USAGE_ERROR("a response status is 100 to 999, not '1000=/a'"),
     .err_match = PREFIX},
    {.name = "follow usage: status below 100",
     .args = {"follow", "GET", A "/", "099=/a"},
     .status = 2,
     .err = USAGE_ERROR("a response status is 100 to 999, not '099=/a'"),
     .err_match = PREFIX},
    {.name = "follow usage: status of two digits",
     .args = {"follow", "GET", A "/", "30"},
     .status = 2,
     .err = USAGE_ERROR("a response status is 100 to 999, not '30'"),
     .err_match = PREFIX},
    {.name = "follow usage: status without '=' before the Location",
     .args = {"follow", "GET", A "/", "302/a"},
     .status = 2,
     .err = BAD_RESPONSE("302/a"),
     .err_match = PREFIX},
    {.name = "follow usage: response without status",
     .args = {"follow", "GET", A "/", "=/a"},
     .status = 2,
     .err = BAD_RESPONSE("=/a"),
     .err_match = PREFIX},
    {.name = "follow usage: empty response",
     .args = {"follow", "GET", A "/", ""},
     .status = 2,
     .err = BAD_RESPONSE(""),
     .err_match = PREFIX},
    {.name = "follow usage: a bad response after a stop, nothing printed",
     .args = {"follow", "GET", A "/", "200", "30x"},
     .status = 2,
     .err = BAD_RESPONSE("30x"),
     .err_match = PREFIX},
    {.name = "follow usage: ends by pointing to redir help",
     .args = {"follow", "--profile", "x"},
     .status = 2,
     .err = "\nRun 'redir --help' for usage.\n",
     .err_match = CONTAINS},

    /* --- help -------------------------------------------------------- */
    {.name = "follow help: redir follow --help",
     .args = {"follow", "--help"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "follow help: usage names follow",
     .args = {"help"},
     .out = "\n       redir follow [FOLLOW-OPTIONS] METHOD URL RESPONSE...\n",
     .out_match = CONTAINS},
    {.name = "follow help: documents the response forms",
     .args = {"help"},
     .out = "  STATUS=LOCATION  ",
     .out_match = CONTAINS},
    {.name = "follow help: lists the profile strict",
     .args = {"help"},
     .out = "  strict  ",
     .out_match = CONTAINS},
    {.name = "follow help: lists the body kind replayable",
     .args = {"help"},
     .out = "  replayable  ",
     .out_match = CONTAINS},
    {.name = "follow help: documents --sensitive",
     .args = {"help"},
     .out = "  --sensitive NAME  ",
     .out_match = CONTAINS},
    {.name = "follow help: documents --trusted",
     .args = {"help"},
     .out = "  --trusted  ",
     .out_match = CONTAINS},
    {.name = "follow help: documents --deny-downgrade",
     .args = {"help"},
     .out = "  --deny-downgrade  ",
     .out_match = CONTAINS},
    {.name = "follow help: documents --keep-post",
     .args = {"help"},
     .out = "  --keep-post  ",
     .out_match = CONTAINS},

    {.name = "usage: an error is two lines, the problem and --help",
     .args = {"resolve"},
     .status = 2,
     .err = "redir: resolve needs two operands: BASE REF\n"
            "Run 'redir --help' for usage.\n"},
    {.name = "follow usage: a method longer than REDIR_METHOD_MAX says the "
             "number",
     .args = {"follow", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", A "/"},
     .status = 2,
     .err = USAGE_ERROR("METHOD is longer than 32 bytes, the most redir "
                        "keeps: 'MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM'")},
    {.name = "redir -h prints the help",
     .args = {"-h"},
     .out = USAGE,
     .out_match = PREFIX},
    {.name = "redir --version names the tool's and the library's version",
     .args = {"--version"},
     .out = "redir " REDIR_VERSION_STRING " (library " REDIR_VERSION_STRING
            ")\n"},

    /* --- explanations: a few key lines of each ------------------------ */
#define RULE(label) "\n  " label
    {.name = "follow explain: fetch is the default",
     .args = {"follow"},
     .out = "fetch: the WHATWG Fetch standard's HTTP-redirect fetch",
     .out_match = PREFIX},
    {.name = "follow explain: with METHOD and URL too",
     .args = {"follow", "--profile", "curl", "POST", A "/"},
     .out = "curl: what curl -L does (curl 8.21).\n",
     .out_match = PREFIX},
    {.name = "follow explain: every built-in profile has a summary",
     .args = {"follow", "--profile", "curl-follow"},
     .out = "curl-follow: what curl --follow does (curl 8.21",
     .out_match = PREFIX},
    {.name = "follow explain fetch: statuses",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("statuses     301 302 303 307 308 (any other status stops: "
                 "not-followed)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: empty Location",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("empty        requests the current URL again"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: 301",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("on 301       kept: GET, HEAD, PUT, other methods; to GET, "
                 "body dropped: POST\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: 303",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("on 303       kept: GET, HEAD; to GET, body dropped: POST, "
                 "PUT, other methods\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: other statuses",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("others       kept: every method\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: stream body",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("stream body  fails on every redirect but 303"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: credentials",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("credentials  Authorization, Cookie, Proxy-Authorization, "
                 "sensitive names:\n               dropped from the first "
                 "cross-origin hop on, for good; trusted"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: limit 20",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("limit        20 redirects;"),
     .out_match = CONTAINS},
    {.name = "follow explain chrome: limit 20, navigations 19",
     .args = {"follow", "--profile", "chrome"},
     .out = RULE("limit        20 redirects (navigations: 19);"),
     .out_match = CONTAINS},
    {.name = "follow explain chrome --navigate: limit 19",
     .args = {"follow", "--profile", "chrome", "--navigate"},
     .out = RULE("limit        19 redirects (a navigation);"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: downgrade followed",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("downgrade    https -> http is followed, flagged\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: bad ports",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("ports        a port on the Fetch standard's bad-port list"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: userinfo, navigations differ",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("userinfo     an error (userinfo-in-location); in "
                 "navigations followed without\n               the user name "
                 "and password\n"),
     .out_match = CONTAINS},
    {.name = "follow explain fetch: no loop detection",
     .args = {"follow", "--profile", "fetch"},
     .out = RULE("loops        not detected"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: statuses",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("statuses     every 3xx (300-399)"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: empty Location",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("empty        stops (empty-location)"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: 303",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("on 303       kept: GET, HEAD; to GET, body dropped: POST "
                 "with a body, PUT\n               with a body; name kept, "
                 "body dropped: POST without a body, PUT\n               "
                 "without a body, other methods\n"),
     .out_match = CONTAINS},
    {.name = "follow explain curl-follow: 303",
     .args = {"follow", "--profile", "curl-follow"},
     .out = RULE("on 303       kept: GET, HEAD; to GET, body dropped: POST, "
                 "PUT, other methods\n"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: credentials",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("credentials  Authorization, Cookie, sensitive names: sent "
                 "only while scheme,\n               host and port are the "
                 "first request's (again on return)"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: limit 50",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("limit        50 redirects;"),
     .out_match = CONTAINS},
    {.name = "follow explain curl: userinfo allowed",
     .args = {"follow", "--profile", "curl"},
     .out = RULE("userinfo     followed as it is\n"),
     .out_match = CONTAINS},
    {.name = "follow explain curl-7.88: how Location is read",
     .args = {"follow", "--profile", "curl-7.88"},
     .out = RULE("parser       RFC 3986 as curl 7.88 reads it:"),
     .out_match = CONTAINS},
    {.name = "follow explain curl-7.88: the first Location field counts",
     .args = {"follow", "--profile", "curl-7.88"},
     .out = RULE("several      the first Location field counts\n"),
     .out_match = CONTAINS},
    {.name = "follow explain strict: summary",
     .args = {"follow", "--profile", "strict"},
     .out = "strict: fetch's method and body rules, hardened",
     .out_match = PREFIX},
    {.name = "follow explain strict: empty Location stops",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("empty        stops (empty-location)"),
     .out_match = CONTAINS},
    {.name = "follow explain strict: Referer among credentials",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("credentials  Authorization, Cookie, Proxy-Authorization, "
                 "Referer, sensitive\n"),
     .out_match = CONTAINS},
    {.name = "follow explain strict: limit 10",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("limit        10 redirects;"),
     .out_match = CONTAINS},
    {.name = "follow explain strict: downgrade refused",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("downgrade    https -> http is an error (downgrade)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain strict: loops",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("loops        repeating the method and URL"),
     .out_match = CONTAINS},
    {.name = "follow explain: Host rule",
     .args = {"follow", "--profile", "strict"},
     .out = RULE("host         a Host header goes only to the first request's "
                 "host and port\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --max-redirects changes the limit",
     .args = {"follow", "--max-redirects", "3"},
     .out = RULE("limit        3 redirects; one more is an error "
                 "(too-many-redirects)\n               (--max-redirects; the "
                 "profile's limit is 20)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: the largest --max-redirects",
     .args = {"follow", "--max-redirects", "2147483647"},
     .out = RULE("limit        2147483647 redirects;"),
     .out_match = CONTAINS},
    {.name = "follow explain: --allow-downgrade on strict",
     .args = {"follow", "--profile", "strict", "--allow-downgrade"},
     .out = RULE("downgrade    https -> http is followed, flagged, by "
                 "--allow-downgrade\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --deny-downgrade on curl",
     .args = {"follow", "--profile", "curl", "--deny-downgrade"},
     .out = RULE("downgrade    https -> http is an error (downgrade), by "
                 "--deny-downgrade\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --trusted",
     .args = {"follow", "--trusted"},
     .out = RULE("credentials  kept on every hop, whatever the host "
                 "(trusted)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --sensitive names, lowercased",
     .args = {"follow", "--sensitive", "X-Api-Key", "--sensitive", "x-token"},
     .out = RULE("sensitive    x-api-key, x-token: handled like "
                 "Authorization\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --trusted-origin values",
     .args = {"follow", "--trusted-origin", "https://B.example",
              "--trusted-origin", "*.example.com"},
     .out = RULE("trusted      https://b.example, *.example.com: get "
                 "credentials\n               (--trusted-origin)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --keep-post",
     .args = {"follow", "--keep-post"},
     .out = RULE("keep post    POST keeps its method and body on 301, 302 and "
                 "303 (--keep-post)\n"),
     .out_match = CONTAINS},
    {.name = "follow explain: --deny-private",
     .args = {"follow", "--deny-private"},
     .out = "is an error (private-address,",
     .out_match = CONTAINS},
    {.name = "follow explain: addresses unchecked by default",
     .args = {"follow"},
     .out = RULE("addresses    not checked;"),
     .out_match = CONTAINS},
    {.name = "rules: a Markdown table with one column per profile",
     .args = {"rules"},
     .out = "| rule | `fetch` | `chrome` | `strict` | `curl` | `curl-follow` "
            "| `curl-7.88` |\n|---|---|---|---|---|---|---|\n| statuses "
            "followed | 301 302 303 307 308 (any other status stops: "
            "not-followed) |",
     .out_match = PREFIX},
    {.name = "rules usage: no operands",
     .args = {"rules", "x"},
     .status = 2,
     .err = USAGE_ERROR("rules takes no operands"),
     .err_match = PREFIX},
#undef RULE
};
/* clang-format on */

static void check_tool_case(void **state)
{
    const tool_case *c = TEST_ROW(tool_case, state);
    const char *out = c->out ? c->out : "";
    const char *err = c->err ? c->err : "";

    run_tool(c->args, c->input, c->input ? strlen(c->input) : 0);
    check_stream("stdout", &mem.res.out, out, strlen(out), c->out_match);
    check_stream("stderr", &mem.res.err, err, strlen(err), c->err_match);
    assert_int_equal(mem.res.status, c->status);
}

/* ------------------------------------------------------------------ */
/* follow with built arguments: redirect limits, long URLs            */
/* ------------------------------------------------------------------ */

/*
 * A chain of limit + 1 redirects "302=/1", "302=/2", ... from
 * https://a.example/0: the first `limit` are followed, the next one is
 * an error too-many-redirects. All URLs differ, so strict sees no loop.
 */
typedef struct limit_case {
    const char *name;
    const char *options[4]; /* before METHOD; ends at a NULL */
    unsigned limit;
} limit_case;

static const limit_case limit_cases[] = {
    {"follow fetch: 20 redirects, the 21st is an error",
     {"--profile=fetch"},
     20},
    {"follow curl: 50 redirects, the 51st is an error", {"--profile=curl"}, 50},
    {"follow strict: 10 redirects, the 11th is an error",
     {"--profile=strict"},
     10},
    {"follow: default profile allows 20 redirects", {NULL}, 20},
    {"follow fetch: --max-redirects 3 lowers the limit",
     {"--max-redirects", "3"},
     3},
    {"follow strict: --max-redirects 12 raises the limit",
     {"--profile", "strict", "--max-redirects=12"},
     12},
};

static void check_limit_case(void **state)
{
    const limit_case *c = TEST_ROW(limit_case, state);
    arg_list *args = &mem.args;
    buffer *want = &mem.want;
    char text[256];

    args_add(args, "follow");
    for (size_t i = 0; c->options[i] != NULL; i++)
        args_add(args, c->options[i]);
    args_add(args, "GET");
    args_add(args, "https://a.example/0");
    for (unsigned hop = 1; hop <= c->limit + 1; hop++) {
        snprintf(text, sizeof text, "302=/%u", hop);
        args_add(args, text);
    }
    for (unsigned hop = 1; hop <= c->limit; hop++) {
        snprintf(text, sizeof text,
                 "{\"hop\":%u,\"action\":\"follow\",\"status\":302,"
                 "\"method\":\"GET\",\"url\":\"https://a.example/%u\","
                 "\"body\":\"none\",\"headers\":[],"
                 "\"cross_origin\":false,\"downgrade\":false,"
                 "\"permanent\":false}\n",
                 hop, hop);
        buf_puts(want, text);
    }
    snprintf(text, sizeof text,
             "{\"hop\":%u,\"action\":\"error\",\"status\":302,"
             "\"reason\":\"too-many-redirects\"}\n",
             c->limit + 1);
    buf_puts(want, text);

    run_tool((const char *const *)args->args, NULL, 0);
    check_stream("stdout", &mem.res.out, want->data, want->len, EXACT);
    check_stream("stderr", &mem.res.err, "", 0, EXACT);
    assert_int_equal(mem.res.status, 0);
}

/*
 * A Location making the next URL exactly `target_len` bytes long:
 * "https://a.example/" (18 bytes) then 'x's. REDIR_URL_MAX (8000 by
 * default, the length RFC 9110 asks clients to support) fits; one byte
 * more is longer than a chain can hold: an error url-too-long, whatever
 * buffer the caller passed.
 */
#define URL_MAX ((size_t)REDIR_URL_MAX)

typedef struct long_url_case {
    const char *name;
    size_t target_len;
    const char *reason; /* NULL: followed */
} long_url_case;

static const long_url_case long_url_cases[] = {
    {"follow: next URL of exactly REDIR_URL_MAX bytes is followed", URL_MAX,
     NULL},
    {"follow: next URL one byte over REDIR_URL_MAX is url-too-long",
     URL_MAX + 1, "url-too-long"},
    {"follow: next URL far over REDIR_URL_MAX is url-too-long", 3 * URL_MAX,
     "url-too-long"},
};

static void check_long_url_case(void **state)
{
    const long_url_case *c = TEST_ROW(long_url_case, state);
    static const char start[] = "https://a.example/";
    size_t xs = c->target_len - (sizeof start - 1);
    buffer *location = &mem.location, *target = &mem.target, *want = &mem.want;

    buf_puts(location, "302=/");
    buf_repeat(location, 'x', xs);
    buf_puts(target, start);
    buf_repeat(target, 'x', xs);
    assert_int_equal(target->len, c->target_len);
    if (c->reason == NULL) {
        buf_puts(want, "{\"hop\":1,\"action\":\"follow\",\"status\":302,"
                       "\"method\":\"GET\",\"url\":\"");
        buf_append(want, target->data, target->len);
        buf_puts(want, "\",\"body\":\"none\",\"headers\":[],"
                       "\"cross_origin\":false,\"downgrade\":false,"
                       "\"permanent\":false}\n");
    } else {
        buf_puts(want, "{\"hop\":1,\"action\":\"error\",\"status\":302,"
                       "\"reason\":\"");
        buf_puts(want, c->reason);
        buf_puts(want, "\"}\n");
    }

    const char *args[] = {"follow", "GET", start, location->data, NULL};
    run_tool(args, NULL, 0);
    check_stream("stdout", &mem.res.out, want->data, want->len, EXACT);
    check_stream("stderr", &mem.res.err, "", 0, EXACT);
    assert_int_equal(mem.res.status, 0);
}

/* ------------------------------------------------------------------ */
/* Batch cases with built input: long lines, NUL bytes, volume        */
/* ------------------------------------------------------------------ */

/* Each of these must exit 0 with an empty stderr. */
typedef struct generated_case {
    const char *name;
    const char *args[6]; /* ends at a NULL */
    void (*make)(buffer *input, buffer *want_out);
} generated_case;

/* Line of exactly LINE_CAP bytes: "http://a/" TAB and LINE_CAP - 10 'x'. */
static void make_line_at_limit(buffer *in, buffer *want)
{
    buf_puts(in, "http://a/\t");
    buf_repeat(in, 'x', LINE_CAP - 10);
    buf_puts(in, "\n");
    buf_puts(want, "http://a/");
    buf_repeat(want, 'x', LINE_CAP - 10);
    buf_puts(want, "\n");
}

/* One byte more than the limit, then a normal line. */
static void make_line_over_limit(buffer *in, buffer *want)
{
    buf_puts(in, "http://a/\t");
    buf_repeat(in, 'x', LINE_CAP - 9);
    buf_puts(in, "\n" B "\tg\n");
    buf_puts(want, "!line-too-long\nhttp://a/b/c/g\n");
}

/* Lines far over the limit (a base or reference of any length); each is
 * read to its end, so the line after each is answered normally. */
static void make_long_lines_resync(buffer *in, buffer *want)
{
    buf_puts(in, "http://a/\t");
    buf_repeat(in, 'x', 3 * LINE_CAP);
    buf_puts(in, "\n" B "\tg\n");
    buf_puts(in, "http://a/");
    buf_repeat(in, 'y', LINE_CAP + 100);
    buf_puts(in, "\tz\n" B "\t?y\n");
    buf_puts(want, "!line-too-long\nhttp://a/b/c/g\n"
                   "!line-too-long\nhttp://a/b/c/d;p?y\n");
}

/* An over-long last line without LF still gets its answer. */
static void make_long_last_line(buffer *in, buffer *want)
{
    buf_puts(in, B "\tg\nhttp://a/\t");
    buf_repeat(in, 'x', 2 * LINE_CAP);
    buf_puts(want, "http://a/b/c/g\n!line-too-long\n");
}

/* A raw NUL byte is data inside the line, not its end: whatwg encodes
 * it, with the 'h' after it; rfc3986 refuses it. */
static const char nul_input[] = "http://a/b\tg\0h\n" B "\tg\n";

static void make_nul_byte(buffer *in, buffer *want)
{
    buf_append(in, nul_input, sizeof nul_input - 1); /* not the final NUL */
    buf_puts(want, "http://a/g%00h\nhttp://a/b/c/g\n");
}

static void make_nul_byte_rfc3986(buffer *in, buffer *want)
{
    buf_append(in, nul_input, sizeof nul_input - 1);
    buf_puts(want, "!invalid-character\nhttp://a/b/c/g\n");
}

/* 200000 lines, four kinds in turn, every answer checked. */
static void make_many_lines(buffer *in, buffer *want)
{
    char line[128];
    for (unsigned i = 0; i < 200000u; i++) {
        switch (i % 4) {
        case 0: /* plain merge */
            snprintf(line, sizeof line, B "\tg%u\n", i);
            buf_puts(in, line);
            snprintf(line, sizeof line, "http://a/b/c/g%u\n", i);
            break;
        case 1: /* dot segment and a new query */
            snprintf(line, sizeof line, B "\t../%u?x\n", i);
            buf_puts(in, line);
            snprintf(line, sizeof line, "http://a/b/%u?x\n", i);
            break;
        case 2: /* failure: no base */
            snprintf(line, sizeof line, "\tg%u\n", i);
            buf_puts(in, line);
            snprintf(line, sizeof line, "!relative-without-base\n");
            break;
        default: /* escaped "..", against a base with an empty path */
            snprintf(line, sizeof line, "http://h%u.example\t\\x2e\\x2e/p\n",
                     i);
            buf_puts(in, line);
            snprintf(line, sizeof line, "http://h%u.example/p\n", i);
            break;
        }
        buf_puts(want, line);
    }
}

/* A line at the limit whose whatwg result is three times as long: each
 * "\xc3\xa9" (U+00E9, 2 bytes) becomes "%C3%A9" (6 bytes). The next line
 * shows the tool still answers normally afterwards. */
static void make_result_over_limit(buffer *in, buffer *want)
{
    static const char head[] = "\thttp://a/";
    size_t n = (LINE_CAP - (sizeof head - 1)) / 2;
    assert_int_equal((sizeof head - 1) + 2 * n, LINE_CAP);
    buf_puts(in, head);
    buf_puts(want, "http://a/");
    for (size_t i = 0; i < n; i++) {
        buf_puts(in, "\xc3\xa9");
        buf_puts(want, "%C3%A9");
    }
    buf_puts(in, "\n" B "\tg\n");
    buf_puts(want, "\nhttp://a/b/c/g\n");
}

/* Bytes that are not UTF-8 each stand for U+FFFD, "%EF%BF%BD": nine
 * times the line. Raw bytes >= 0x80 need no escape in a batch line. */
static void make_result_nine_times(buffer *in, buffer *want)
{
    static const char head[] = "\thttp://a/";
    size_t n = LINE_CAP - (sizeof head - 1);
    buf_puts(in, head);
    buf_repeat(in, '\xff', n);
    buf_puts(in, "\n\thttp://a/\xc3\xa9\n");
    buf_puts(want, "http://a/");
    for (size_t i = 0; i < n; i++)
        buf_puts(want, "%EF%BF%BD");
    buf_puts(want, "\nhttp://a/%C3%A9\n");
}

static const generated_case generated_cases[] = {
    {"batch: line of exactly 65536 bytes is resolved",
     {"resolve", "--batch"},
     make_line_at_limit},
    {"batch: line of 65537 bytes is !line-too-long, next line resolved",
     {"resolve", "--batch"},
     make_line_over_limit},
    {"batch: resynchronises after each very long line",
     {"resolve", "--batch"},
     make_long_lines_resync},
    {"batch: very long last line without LF",
     {"resolve", "--batch"},
     make_long_last_line},
    {"batch: NUL byte stays inside the line",
     {"resolve", "--batch"},
     make_nul_byte},
    {"batch: NUL byte stays inside the line, rfc3986",
     {"resolve", "--mode=rfc3986", "--batch"},
     make_nul_byte_rfc3986},
    {"batch: 200000 lines, one answer each",
     {"resolve", "--batch"},
     make_many_lines},
    {"batch whatwg: result three times the line limit is answered",
     {"resolve", "--batch"},
     make_result_over_limit},
    {"batch whatwg: result nine times the line limit is answered",
     {"resolve", "--mode", "whatwg", "--batch"},
     make_result_nine_times},
};

static void check_generated_case(void **state)
{
    const generated_case *c = TEST_ROW(generated_case, state);
    c->make(&mem.input, &mem.want);

    run_tool(c->args, mem.input.data, mem.input.len);
    check_stream("stdout", &mem.res.out, mem.want.data, mem.want.len, EXACT);
    check_stream("stderr", &mem.res.err, "", 0, EXACT);
    assert_int_equal(mem.res.status, 0);
}

int main(void)
{
    /* Writing to a tool that has exited must give EPIPE, not kill us. */
    signal(SIGPIPE, SIG_IGN);

    test_list list = {0};
    TEST_LIST_ADD_TABLE(&list, check_tool_case, tool_cases);
    TEST_LIST_ADD_TABLE(&list, check_tool_case, follow_cases);
    TEST_LIST_ADD_TABLE(&list, check_limit_case, limit_cases);
    TEST_LIST_ADD_TABLE(&list, check_long_url_case, long_url_cases);
    TEST_LIST_ADD_TABLE(&list, check_generated_case, generated_cases);
    for (size_t i = 0; i < list.count; i++)
        list.tests[i].setup_func = free_scratch;
    int failed = test_list_run(&list, "tool");
    free_scratch_memory();
    return failed == 0 ? 0 : 1;
}
