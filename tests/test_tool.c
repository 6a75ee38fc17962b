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
 * Expected outputs are worked out by hand from RFC 3986 (section 5.4 for
 * the examples with base "http://a/b/c/d;p?q"), never copied from a run.
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

/* ------------------------------------------------------------------ */
/* Running the tool                                                   */
/* ------------------------------------------------------------------ */

typedef struct run_result {
    int status; /* exit status, or -1 when killed by a signal */
    buffer out;
    buffer err;
} run_result;

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
 * included) and input[0..input_len) on standard input.
 */
static void run_tool(const char *const *args, const char *input,
                     size_t input_len, run_result *res)
{
    /* posix_spawn wants `char *const[]`: give it private copies. */
    char *argv[16];
    size_t argc = 0;
    argv[argc++] = strdup(REDIR_TOOL_PATH);
    for (; args[argc - 1] != NULL; argc++) {
        assert_true(argc < sizeof argv / sizeof argv[0] - 1);
        argv[argc] = strdup(args[argc - 1]);
    }
    argv[argc] = NULL;

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
    int rc = posix_spawn(&pid, REDIR_TOOL_PATH, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    for (size_t i = 0; i < argc; i++)
        free(argv[i]);
    if (rc != 0)
        fail_msg("cannot run %s: %s", REDIR_TOOL_PATH, strerror(rc));
    close(in[0]);
    close(out[1]);
    close(err[1]);

    set_flag(in[1], F_GETFL, F_SETFL, O_NONBLOCK);
    set_flag(out[0], F_GETFL, F_SETFL, O_NONBLOCK);
    set_flag(err[0], F_GETFL, F_SETFL, O_NONBLOCK);

    memset(res, 0, sizeof *res);
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
    const char *args[8]; /* after the program name; ends at a NULL */
    const char *input;   /* standard input; NULL for none */
    int status;          /* expected exit status */
    const char *out;     /* expected standard output; NULL for none */
    const char *err;     /* expected standard error; NULL for none */
    match out_match;
    match err_match;
} tool_case;

#define B "http://a/b/c/d;p?q" /* the base of RFC 3986 section 5.4 */

#define USAGE "usage: redir resolve [--mode MODE] BASE REF\n"

/* The first line of a usage error, then the usage text. */
#define USAGE_ERROR(problem) "redir: " problem "\n" USAGE

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
    {.name = "resolve: network-path reference //g",
     .args = {"resolve", B, "//g"},
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
    {.name = "resolve: http:g in rfc3986 mode is absolute",
     .args = {"resolve", B, "http:g"},
     .out = "http:g\n"},
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
    {.name = "resolve fails: base without scheme",
     .args = {"resolve", "a/b", "g"},
     .status = 1,
     .err = "redir: base-not-absolute: The base URL has no scheme, so "
            "nothing can be resolved against it.\n"},
    {.name = "resolve fails: bad port in base",
     .args = {"resolve", "http://a:x/", "g"},
     .status = 1,
     .err = "redir: invalid-port: The port is not a decimal number from 0 to "
            "65535.\n"},
    {.name = "resolve fails: space in reference",
     .args = {"resolve", B, "a b"},
     .status = 1,
     .err = "redir: invalid-character: ",
     .err_match = PREFIX},
    {.name = "resolve fails: bad percent-encoding",
     .args = {"resolve", B, "%zz"},
     .status = 1,
     .err = "redir: invalid-percent-encoding: ",
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
     .args = {"resolve", "--mode", "whatwg", B, "g"},
     .status = 2,
     .err = USAGE_ERROR("unknown mode 'whatwg'"),
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
    {.name = "usage: parse does not take --batch",
     .args = {"parse", "--batch", "http://a/"},
     .status = 2,
     .err = USAGE_ERROR("unknown option '--batch'"),
     .err_match = PREFIX},
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
     .err = "\nRun 'redir help' for details.\n",
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
    {.name = "batch: successes and failures, one line each",
     .args = {"resolve", "--batch"},
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
    {.name = "batch: escaped special bytes reach the library",
     .args = {"resolve", "--batch"},
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
    {.name = "batch: raw CR before LF belongs to the reference",
     .args = {"resolve", "--batch"},
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
    /* clang-format on */

    /* --- parse ------------------------------------------------------- */
    {.name = "parse: every component present",
     .args = {"parse", "http://user:pw@Example.COM:8080/p/a;x?q=1&r#frag"},
     .out = "{\"scheme\":\"http\",\"userinfo\":\"user:pw\","
            "\"host\":\"Example.COM\",\"host_type\":\"reg-name\","
            "\"port\":\"8080\",\"path\":\"/p/a;x\",\"query\":\"q=1&r\","
            "\"fragment\":\"frag\",\"origin\":\"http://example.com:8080\"}\n"},
    {.name = "parse: no authority, query or fragment",
     .args = {"parse", "mailto:joe@example.com"},
     .out = JSON_SCHEME_PATH("mailto", "joe@example.com")},
    {.name = "parse: empty query is \"\"",
     .args = {"parse", "http://a/?"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/\","
            "\"query\":\"\",\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse: no query is null",
     .args = {"parse", "http://a/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,\"origin\":\"http://a\"}\n"},
    {.name = "parse: empty userinfo, port and fragment are \"\"",
     .args = {"parse", "http://@a:/#"},
     .out = "{\"scheme\":\"http\",\"userinfo\":\"\",\"host\":\"a\","
            "\"host_type\":\"reg-name\",\"port\":\"\",\"path\":\"/\","
            "\"query\":null,\"fragment\":\"\",\"origin\":\"http://a\"}\n"},
    {.name = "parse: default port left out of the origin",
     .args = {"parse", "HTTPS://A.example:443"},
     .out = "{\"scheme\":\"HTTPS\",\"userinfo\":null,\"host\":\"A.example\","
            "\"host_type\":\"reg-name\",\"port\":\"443\",\"path\":\"\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"https://a.example\"}\n"},
    {.name = "parse: IPv6 host keeps its brackets",
     .args = {"parse", "http://[2001:db8::1]:8080/x"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,"
            "\"host\":\"[2001:db8::1]\",\"host_type\":\"ipv6\","
            "\"port\":\"8080\",\"path\":\"/x\",\"query\":null,"
            "\"fragment\":null,\"origin\":\"http://[2001:db8::1]:8080\"}\n"},
    {.name = "parse: IPv4 host",
     .args = {"parse", "https://192.0.2.1/"},
     .out = "{\"scheme\":\"https\",\"userinfo\":null,\"host\":\"192.0.2.1\","
            "\"host_type\":\"ipv4\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"https://192.0.2.1\"}\n"},
    {.name = "parse: IPvFuture host",
     .args = {"parse", "http://[v7.x:y]/"},
     .out = "{\"scheme\":\"http\",\"userinfo\":null,\"host\":\"[v7.x:y]\","
            "\"host_type\":\"ipvfuture\",\"port\":null,\"path\":\"/\","
            "\"query\":null,\"fragment\":null,"
            "\"origin\":\"http://[v7.x:y]\"}\n"},
    {.name = "parse: empty host of a file URL, no origin",
     .args = {"parse", "file:///etc/hosts"},
     .out = "{\"scheme\":\"file\",\"userinfo\":null,\"host\":\"\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/etc/hosts\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse: non-http scheme has no origin",
     .args = {"parse", "ftp://ftp.example/f"},
     .out = "{\"scheme\":\"ftp\",\"userinfo\":null,\"host\":\"ftp.example\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/f\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse: relative reference",
     .args = {"parse", "../a/b?x#y"},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":null,"
            "\"host_type\":\"none\",\"port\":null,\"path\":\"../a/b\","
            "\"query\":\"x\",\"fragment\":\"y\",\"origin\":null}\n"},
    {.name = "parse: network-path reference",
     .args = {"parse", "//h/p"},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":\"h\","
            "\"host_type\":\"reg-name\",\"port\":null,\"path\":\"/p\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse: empty reference",
     .args = {"parse", ""},
     .out = "{\"scheme\":null,\"userinfo\":null,\"host\":null,"
            "\"host_type\":\"none\",\"port\":null,\"path\":\"\","
            "\"query\":null,\"fragment\":null,\"origin\":null}\n"},
    {.name = "parse: rfc3986-compat mode parses the same",
     .args = {"parse", "--mode", "rfc3986-compat", "http:g"},
     .out = JSON_SCHEME_PATH("http", "g")},
    {.name = "parse fails: bad port",
     .args = {"parse", "http://a:port/"},
     .status = 1,
     .err = "redir: invalid-port: The port is not a decimal number from 0 to "
            "65535.\n"},
    {.name = "parse fails: port above 65535",
     .args = {"parse", "http://a:65536/"},
     .status = 1,
     .err = "redir: invalid-port: ",
     .err_match = PREFIX},
    {.name = "parse fails: bad scheme",
     .args = {"parse", "1a:x"},
     .status = 1,
     .err = "redir: invalid-scheme: ",
     .err_match = PREFIX},
    {.name = "parse fails: zone identifier in IPv6 literal",
     .args = {"parse", "http://[fe80::1%25eth0]/"},
     .status = 1,
     .err = "redir: invalid-ip-literal: ",
     .err_match = PREFIX},
    {.name = "parse fails: space",
     .args = {"parse", "http://a/ b"},
     .status = 1,
     .err = "redir: invalid-character: ",
     .err_match = PREFIX},
};

static void check_tool_case(void **state)
{
    const tool_case *c = TEST_ROW(tool_case, state);
    const char *out = c->out ? c->out : "";
    const char *err = c->err ? c->err : "";

    run_result res;
    run_tool(c->args, c->input, c->input ? strlen(c->input) : 0, &res);
    check_stream("stdout", &res.out, out, strlen(out), c->out_match);
    check_stream("stderr", &res.err, err, strlen(err), c->err_match);
    assert_int_equal(res.status, c->status);
    buf_free(&res.out);
    buf_free(&res.err);
}

/* ------------------------------------------------------------------ */
/* Batch cases with built input: long lines, NUL bytes, volume        */
/* ------------------------------------------------------------------ */

/* Each of these must exit 0 with an empty stderr. */
typedef struct generated_case {
    const char *name;
    const char *args[4];
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

/* A raw NUL byte is data inside the line, not its end. */
static void make_nul_byte(buffer *in, buffer *want)
{
    static const char input[] = "http://a/b\tg\0h\n" B "\tg\n";
    buf_append(in, input, sizeof input - 1); /* all but the final NUL */
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
    {"batch: 200000 lines, one answer each",
     {"resolve", "--batch"},
     make_many_lines},
};

static void check_generated_case(void **state)
{
    const generated_case *c = TEST_ROW(generated_case, state);
    buffer input = {0}, want = {0};
    c->make(&input, &want);

    run_result res;
    run_tool(c->args, input.data, input.len, &res);
    check_stream("stdout", &res.out, want.data, want.len, EXACT);
    check_stream("stderr", &res.err, "", 0, EXACT);
    assert_int_equal(res.status, 0);
    buf_free(&res.out);
    buf_free(&res.err);
    buf_free(&input);
    buf_free(&want);
}

int main(void)
{
    /* Writing to a tool that has exited must give EPIPE, not kill us. */
    signal(SIGPIPE, SIG_IGN);

    test_list list = {0};
    TEST_LIST_ADD_TABLE(&list, check_tool_case, tool_cases);
    TEST_LIST_ADD_TABLE(&list, check_generated_case, generated_cases);
    return test_list_run(&list, "tool") == 0 ? 0 : 1;
}
