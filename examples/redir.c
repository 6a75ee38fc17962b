/*
 * redir.c - the `redir` command-line tool: resolve and parse URLs with the
 * redir library.
 *
 *   redir resolve [--mode MODE] BASE REF
 *   redir resolve [--mode MODE] --batch      (lines on standard input)
 *   redir parse [--mode MODE] URL
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
 *   - `commands` maps a subcommand name to one cmd_* function.
 *   - parse_options() reads the options shared by all subcommands.
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

#include "redir_status.h"
#include "redir_url.h"

/* Exit statuses: part of the tool's contract. */
enum {
    EXIT_OK = 0,     /* success; for --batch: all input was read */
    EXIT_FAILED = 1, /* the library (or I/O) failed; message on stderr */
    EXIT_USAGE = 2   /* the command line is wrong; usage on stderr */
};

/*
 * Batch lines hold at most this many bytes, LF excluded. The result
 * buffer has the same size. In the RFC 3986 modes a result is never
 * longer than its base and reference together plus one '/' (added when
 * the base has an authority and an empty path), which is at most the
 * length of the line, so it always fits; a mode that percent-encodes
 * could need more, and then the line is answered "!no-space".
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
    {REDIR_URL_RFC3986, "strict RFC 3986"},
    {REDIR_URL_RFC3986_COMPAT,
     "also reads \"http:g\" as \"g\" (RFC 3986 5.4.2)"},
};

#define DEFAULT_MODE REDIR_URL_RFC3986

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
/* Usage and error messages                                           */
/* ------------------------------------------------------------------ */

static void print_synopsis(FILE *out)
{
    fputs("usage: redir resolve [--mode MODE] BASE REF\n"
          "       redir resolve [--mode MODE] --batch\n"
          "       redir parse [--mode MODE] URL\n"
          "       redir help\n",
          out);
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
          "            absent (origin: when the URL has no tuple origin).\n"
          "            URL may be a relative reference.\n"
          "  help      Print this text (also: redir --help).\n"
          "\n"
          "Options:\n"
          "  --mode MODE  How URLs are parsed and resolved:\n",
          out);
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        fprintf(out, "                 %-15s %s%s\n",
                redir_url_mode_name(modes[i].mode), modes[i].about,
                modes[i].mode == DEFAULT_MODE ? " (default)" : "");
    }
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
            "  --help       Print this text.\n"
            "  --           End of options (for a REF that starts with '-').\n"
            "\n"
            "Exit status: 0 success (--batch: all input was read), 1 failure\n"
            "(\"redir: NAME: sentence\" on standard error), 2 usage error.\n",
            BATCH_LINE_CAP);
}

/* Reports a wrong command line. `arg`, when not NULL, is the culprit. */
static int usage_error(const char *problem, const char *arg)
{
    if (arg != NULL)
        fprintf(stderr, "redir: %s '%s'\n", problem, arg);
    else
        fprintf(stderr, "redir: %s\n", problem);
    print_synopsis(stderr);
    fputs("Run 'redir help' for details.\n", stderr);
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
enum { OPT_MODE = 1u << 0, OPT_BATCH = 1u << 1 };

typedef struct options {
    redir_url_mode mode;
    bool batch;
    bool help;
} options;

/*
 * Reads the options in argv[1..argc) (argv[0] is the subcommand name).
 * Options come before operands, as POSIX utilities expect; "--" ends
 * them, so a reference such as "-x" can still be given. Returns the index
 * of the first operand, or -1 after reporting a usage error.
 */
static int parse_options(int argc, char **argv, unsigned allowed, options *opts)
{
    opts->mode = DEFAULT_MODE;
    opts->batch = false;
    opts->help = false;

    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        /* "-" alone and anything not starting with '-' are operands. */
        if (arg[0] != '-' || arg[1] == '\0')
            break;
        if (strcmp(arg, "--") == 0)
            return i + 1;

        if (strcmp(arg, "--help") == 0) {
            opts->help = true;
        } else if ((allowed & OPT_BATCH) && strcmp(arg, "--batch") == 0) {
            opts->batch = true;
        } else if ((allowed & OPT_MODE) && (strcmp(arg, "--mode") == 0 ||
                                            strncmp(arg, "--mode=", 7) == 0)) {
            /* Both "--mode M" and "--mode=M" are accepted. */
            const char *name = arg[6] == '=' ? arg + 7 : argv[++i];
            if (name == NULL) {
                usage_error("missing value for option", "--mode");
                return -1;
            }
            if (!mode_from_name(name, &opts->mode)) {
                usage_error("unknown mode", name);
                return -1;
            }
        } else {
            usage_error("unknown option", arg);
            return -1;
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

/*
 * Resolves one batch line "BASE<TAB>REF" (escaped) into out[0..*out_len).
 * Returns NULL on success, else the name to print after '!'. The line is
 * unescaped in place.
 */
static const char *resolve_line(redir_url_mode mode, char *line, size_t len,
                                char *out, size_t out_cap, size_t *out_len)
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
                          mode, out, out_cap, out_len, NULL);
    return st == REDIR_OK ? NULL : redir_status_name(st);
}

/*
 * redir resolve --batch: one output line per input line, in constant
 * memory. The two buffers are static rather than on the stack because
 * they are large; they are allocated once, never per line.
 */
static int resolve_batch(redir_url_mode mode)
{
    static char line[BATCH_LINE_CAP];
    static char result[BATCH_LINE_CAP];

    for (;;) {
        size_t line_len;
        line_kind kind = read_line(stdin, line, sizeof line, &line_len);
        if (kind == LINE_END)
            break;

        const char *error = "line-too-long";
        size_t result_len = 0;
        if (kind == LINE_READ)
            error = resolve_line(mode, line, line_len, result, sizeof result,
                                 &result_len);
        if (error == NULL) {
            write_escaped(stdout, result, result_len);
            putchar('\n');
        } else {
            printf("!%s\n", error);
        }
    }

    if (ferror(stdin)) {
        fprintf(stderr, "redir: cannot read standard input: %s\n",
                strerror(errno));
        return EXIT_FAILED;
    }
    return EXIT_OK;
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

/* Splits `text` as `mode` reads it. Both RFC 3986 modes parse the same
 * way (they differ only in resolution); a new mode adds a case here. */
static redir_status parse_url(redir_url_mode mode, const char *text, size_t len,
                              redir_url *url)
{
    switch (mode) {
    case REDIR_URL_RFC3986:
    case REDIR_URL_RFC3986_COMPAT:
        return redir_url_parse(text, len, url);
    }
    return REDIR_E_INVALID_ARGUMENT;
}

/* Writes s[0..len) as a JSON string. Bytes >= 0x80 pass through. */
static void write_json_string(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
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

static int cmd_parse(int argc, char **argv)
{
    options opts;
    int first = parse_options(argc, argv, OPT_MODE, &opts);
    if (first < 0)
        return EXIT_USAGE;
    if (opts.help) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (argc - first != 1)
        return usage_error("parse needs one operand: URL", NULL);

    const char *text = argv[first];
    redir_url url;
    redir_status st = parse_url(opts.mode, text, strlen(text), &url);
    if (st != REDIR_OK)
        return report_failure(st);

    char *origin;
    size_t origin_len;
    st = origin_of(text, &url, &origin, &origin_len);
    if (st != REDIR_OK)
        return report_failure(st);

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
    return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* help and main                                                      */
/* ------------------------------------------------------------------ */

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
    {"resolve", cmd_resolve},
    {"parse", cmd_parse},
    {"help", cmd_help},
    {"--help", cmd_help},
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
