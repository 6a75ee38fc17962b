/*
 * test_wpt.c - REDIR_URL_WHATWG mode against the WHATWG URL Standard's
 * conformance cases from web-platform-tests: url/resources/
 * urltestdata.json, and the host tests toascii.json and IdnaTestV2.json
 * (WPT's selection from Unicode's IdnaTestV2.txt).
 *
 * The data is not part of the repository: it is read at run time from
 * REDIR_SHARED_DIR/conformance/ (the build passes the path). When a file
 * is missing the test fails if the environment variable CI is set, and
 * is skipped otherwise.
 *
 * Each case becomes one cmocka test: `input` is resolved against `base`
 * (NULL for a null base) and the href and every component the case lists
 * are compared with the URL API's view of the result (see components()).
 * A host test is run as WPT runs it: "https://" + input + "/x" with no
 * base must fail when `output` is null, and otherwise have `output` as
 * its host and hostname. A passing case is run again with an output
 * buffer of exactly the reported length, one byte shorter, and none at
 * all.
 *
 * Every case must pass exactly. In a build without IDNA (REDIR_NO_IDNA:
 * redir_unicode_version() is "") a case that "needs IDNA" may instead
 * fail with REDIR_E_IDNA_UNSUPPORTED: a host in the input or the base
 * (special schemes only, userinfo excluded, percent-decoded) holds a
 * byte >= 0x80 or a label starting with "xn--", or the expected hostname
 * holds "xn--" or a byte >= 0x80. No other case may ever report
 * idna-unsupported (not even when failure is expected).
 *
 * SPDX-License-Identifier: MIT
 */
#include "redir_url.h"

#define CONFORMANCE_PROGRAM "test_wpt"
#include "conformance.h"
#include "same_url.h"
#include "table.h"

#include <stdbool.h>
#include <string.h>

#ifndef REDIR_SHARED_DIR
#error "REDIR_SHARED_DIR must name the shared data directory"
#endif

#define WPT_PATH REDIR_SHARED_DIR "/conformance/urltestdata.json"
#define BIG_CAP  ((size_t)64 * 1024)
#define SENTINEL 0xA5

/* ------------------------------------------------------------------ */
/* Owned byte strings                                                  */

/* `n` bytes at `p` (heap, NUL-terminated for convenience only: every
 * use goes by `n`, and the text may hold NULs). */
typedef struct bytes {
    char *p;
    size_t n;
} bytes;

static bool bytes_eq(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static bool bytes_eq_lit(const char *a, size_t an, const char *lit)
{
    return bytes_eq(a, an, lit, strlen(lit));
}

/* ------------------------------------------------------------------ */
/* A small JSON reader (just enough for urltestdata.json)              */

typedef struct json {
    const char *p, *end;
    const char *error; /* first error, or NULL */
    size_t error_at;   /* byte offset of the error */
    const char *start;
} json;

static bool json_fail(json *j, const char *what)
{
    if (j->error == NULL) {
        j->error = what;
        j->error_at = (size_t)(j->p - j->start);
    }
    return false;
}

static void json_ws(json *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static bool json_lit(json *j, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
        return json_fail(j, "unexpected token");
    j->p += n;
    return true;
}

/* Four hex digits at j->p (after "\u"). */
static bool json_hex4(json *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return json_fail(j, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = j->p[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return json_fail(j, "bad hex digit in \\u escape");
        v = v * 16 + d;
    }
    j->p += 4;
    *out = v;
    return true;
}

static size_t utf8_put(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at j->p (which is '"'); `out` may be NULL to skip it. Escapes
 * never make the text longer, so the raw length bounds the result. A
 * surrogate pair becomes one code point; a lone surrogate U+FFFD. */
static bool json_string(json *j, bytes *out)
{
    if (j->p >= j->end || *j->p != '"')
        return json_fail(j, "expected a string");
    j->p++;
    const char *q = j->p;
    while (q < j->end && *q != '"')
        q += (*q == '\\' && q + 1 < j->end) ? 2 : 1;
    if (q >= j->end)
        return json_fail(j, "unterminated string");
    char *buf = xmalloc((size_t)(q - j->p) + 1);
    size_t n = 0;
    while (j->p < q) {
        char c = *j->p++;
        if (c != '\\') {
            buf[n++] = c;
            continue;
        }
        c = *j->p++;
        switch (c) {
        case '"':
            buf[n++] = '"';
            break;
        case '\\':
            buf[n++] = '\\';
            break;
        case '/':
            buf[n++] = '/';
            break;
        case 'b':
            buf[n++] = '\b';
            break;
        case 'f':
            buf[n++] = '\f';
            break;
        case 'n':
            buf[n++] = '\n';
            break;
        case 'r':
            buf[n++] = '\r';
            break;
        case 't':
            buf[n++] = '\t';
            break;
        case 'u': {
            unsigned cp;
            if (!json_hex4(j, &cp)) {
                free(buf);
                return false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (q - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                    const char *save = j->p;
                    j->p += 2;
                    if (!json_hex4(j, &lo)) {
                        free(buf);
                        return false;
                    }
                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else {
                        cp = 0xFFFD; /* lone high surrogate */
                        j->p = save; /* the next escape stands alone */
                    }
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* lone low surrogate */
            }
            n += utf8_put(buf + n, cp);
            break;
        }
        default:
            free(buf);
            return json_fail(j, "bad escape in string");
        }
    }
    j->p = q + 1;
    buf[n] = '\0';
    if (out != NULL) {
        out->p = buf;
        out->n = n;
    } else {
        free(buf);
    }
    return true;
}

/* Skips any value (recursion is fine in test code). */
static bool json_skip(json *j)
{
    json_ws(j);
    if (j->p >= j->end)
        return json_fail(j, "expected a value");
    char c = *j->p;
    if (c == '"')
        return json_string(j, NULL);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        json_ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                json_ws(j);
                if (!json_string(j, NULL))
                    return false;
                json_ws(j);
                if (!json_lit(j, ":"))
                    return false;
            }
            if (!json_skip(j))
                return false;
            json_ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            return json_lit(j, close == '}' ? "}" : "]");
        }
    }
    if (c == 't')
        return json_lit(j, "true");
    if (c == 'f')
        return json_lit(j, "false");
    if (c == 'n')
        return json_lit(j, "null");
    if (c == '-' || (c >= '0' && c <= '9')) {
        while (j->p < j->end && strchr("+-.eE0123456789", *j->p) != NULL)
            j->p++;
        return true;
    }
    return json_fail(j, "unexpected character");
}

/* ------------------------------------------------------------------ */
/* The cases                                                           */

enum field {
    F_HREF,
    F_ORIGIN,
    F_PROTOCOL,
    F_USERNAME,
    F_PASSWORD,
    F_HOST,
    F_HOSTNAME,
    F_PORT,
    F_PATHNAME,
    F_SEARCH,
    F_HASH,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
    "href",     "origin", "protocol", "username", "password", "host",
    "hostname", "port",   "pathname", "search",   "hash"};

typedef struct wpt_case {
    char *name;       /* the cmocka test name */
    const char *file; /* "urltestdata", "toascii" or "IdnaTestV2" */
    bool empty_host;  /* a host test of the empty string */
    size_t number;    /* 1-based among the cases (comments not counted) */
    bytes input;
    bool has_input;
    bool has_base_key;
    bool base_null;
    bytes base;
    bool failure;
    bool has[F_COUNT];
    bytes want[F_COUNT];
} wpt_case;

static void case_free(wpt_case *c)
{
    free(c->name);
    free(c->input.p);
    free(c->base.p);
    for (int f = 0; f < F_COUNT; f++)
        free(c->want[f].p);
}

/* Sets *slot to "https://" + host + "/x", as WPT's host tests build
 * their URL. */
static void host_url(bytes *slot, const bytes *host)
{
    sbuf b = {NULL, 0, 0};
    sb_str(&b, "https://");
    sb_add(&b, host->p, host->n);
    sb_str(&b, "/x");
    free(slot->p);
    slot->p = b.p;
    slot->n = b.n;
}

/* A case of toascii.json or IdnaTestV2.json ({"input", "output"}, output
 * null for a failure) as the URL case WPT makes of it: "https://" +
 * input + "/x" parsed with no base must fail, or have output as its host
 * and hostname, "/x" as its path. */
static bool host_case(wpt_case *c, bool has_output, bytes *output)
{
    if (!c->has_input || !has_output) {
        free(output->p);
        return false;
    }
    c->has_base_key = c->base_null = true;
    c->empty_host = c->input.n == 0;
    bytes in = c->input;
    c->input.p = NULL;
    host_url(&c->input, &in);
    free(in.p);
    if (output->p == NULL) {
        c->failure = true;
        return true;
    }
    host_url(&c->want[F_HREF], output);
    c->want[F_HOST] = *output;
    c->want[F_HOSTNAME].p = xmalloc(output->n + 1);
    memcpy(c->want[F_HOSTNAME].p, output->p, output->n + 1);
    c->want[F_HOSTNAME].n = output->n;
    c->want[F_PATHNAME].p = xmalloc(3);
    memcpy(c->want[F_PATHNAME].p, "/x", 3);
    c->want[F_PATHNAME].n = 2;
    c->has[F_HREF] = c->has[F_HOST] = c->has[F_HOSTNAME] = true;
    c->has[F_PATHNAME] = true;
    return true;
}

/* One object of the array, at j->p (which is '{'); `hosts` for the
 * host-test files. */
static bool json_case(json *j, wpt_case *c, bool hosts)
{
    bytes output = {NULL, 0};
    bool has_output = false;
    memset(c, 0, sizeof *c);
    if (!json_lit(j, "{"))
        return false;
    json_ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return true;
    }
    for (;;) {
        bytes key = {NULL, 0};
        json_ws(j);
        if (!json_string(j, &key))
            return false;
        json_ws(j);
        if (!json_lit(j, ":")) {
            free(key.p);
            return false;
        }
        json_ws(j);
        bool is_string = j->p < j->end && *j->p == '"';
        bytes *slot = NULL;
        bool *flag = NULL;
        if (bytes_eq_lit(key.p, key.n, "input")) {
            slot = &c->input;
            flag = &c->has_input;
        } else if (hosts && bytes_eq_lit(key.p, key.n, "output")) {
            free(key.p);
            has_output = true;
            if (!is_string) {
                if (!json_lit(j, "null"))
                    return json_fail(j, "output is neither a string nor null");
                goto next;
            }
            free(output.p);
            output.p = NULL;
            if (!json_string(j, &output))
                return false;
            goto next;
        } else if (hosts) {
            /* comment */
        } else if (bytes_eq_lit(key.p, key.n, "base")) {
            c->has_base_key = true;
            if (!is_string) {
                free(key.p);
                if (!json_lit(j, "null"))
                    return json_fail(j, "base is neither a string nor null");
                c->base_null = true;
                goto next;
            }
            slot = &c->base;
        } else if (bytes_eq_lit(key.p, key.n, "failure")) {
            free(key.p);
            if (j->p < j->end && *j->p == 't') {
                if (!json_lit(j, "true"))
                    return false;
                c->failure = true;
            } else if (!json_lit(j, "false")) {
                return json_fail(j, "failure is not a boolean");
            }
            goto next;
        } else {
            for (int f = 0; f < F_COUNT; f++)
                if (bytes_eq_lit(key.p, key.n, field_names[f])) {
                    slot = &c->want[f];
                    flag = &c->has[f];
                }
        }
        free(key.p);
        if (slot != NULL) {
            if (!is_string)
                return json_fail(j, "a URL field is not a string");
            free(slot->p);
            if (!json_string(j, slot))
                return false;
            if (flag != NULL)
                *flag = true;
        } else if (!json_skip(j)) { /* comment, relativeTo, searchParams */
            return false;
        }
    next:
        json_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (!json_lit(j, "}"))
            return false;
        break;
    }
    if (hosts && !host_case(c, has_output, &output))
        return json_fail(j, "a case lacks input or output");
    if (!c->has_input || !c->has_base_key)
        return json_fail(j, "a case lacks input or base");
    if (!c->failure && !c->has[F_HREF])
        return json_fail(j, "a case expects success but has no href");
    return true;
}

typedef struct case_list {
    wpt_case *v;
    size_t n, cap;
} case_list;

static void case_list_free(case_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        case_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Host tests of the empty string: "https:///x" is not a URL with an
 * empty host (the parser skips the slashes), so WPT's harness leaves
 * them out, and so does this test. */
static size_t not_applicable;

/* Parses the whole file; on error fills `why` and returns false. */
static bool parse_file(const char *text, size_t len, bool hosts, case_list *out,
                       char *why, size_t why_cap)
{
    size_t first = out->n;
    json j = {text, text + len, NULL, 0, text};
    json_ws(&j);
    if (!json_lit(&j, "["))
        goto bad;
    json_ws(&j);
    if (j.p < j.end && *j.p == ']') {
        j.p++;
    } else {
        for (;;) {
            json_ws(&j);
            if (j.p < j.end && *j.p == '"') {
                if (!json_string(&j, NULL)) /* a comment */
                    goto bad;
            } else {
                if (out->n == out->cap) {
                    size_t cap = out->cap ? out->cap * 2 : 1024;
                    wpt_case *grown = realloc(out->v, cap * sizeof *grown);
                    if (grown == NULL) {
                        fprintf(stderr, "test_wpt: out of memory\n");
                        exit(1);
                    }
                    out->v = grown;
                    out->cap = cap;
                }
                wpt_case *c = &out->v[out->n];
                if (!json_case(&j, c, hosts)) {
                    case_free(c);
                    goto bad;
                }
                if (c->empty_host) { /* see not_applicable */
                    case_free(c);
                    not_applicable++;
                } else {
                    out->n++;
                    c->number = out->n - first;
                }
            }
            json_ws(&j);
            if (j.p < j.end && *j.p == ',') {
                j.p++;
                continue;
            }
            if (!json_lit(&j, "]"))
                goto bad;
            break;
        }
    }
    json_ws(&j);
    if (j.p != j.end) {
        json_fail(&j, "text after the array");
        goto bad;
    }
    return true;
bad:
    snprintf(why, why_cap, "%s at byte %zu",
             j.error != NULL ? j.error : "malformed JSON", j.error_at);
    return false;
}

/* ------------------------------------------------------------------ */
/* Which cases need IDNA                                               */

static bool case_needs_idna(const wpt_case *c)
{
    bool need = false;
    size_t bs_len = 0;
    char *bs = NULL;
    if (!c->base_null) {
        bs = scheme_of(c->base.p, c->base.n, &bs_len);
        need = url_needs_idna(c->base.p, c->base.n, NULL, 0);
    }
    if (url_needs_idna(c->input.p, c->input.n, bs, bs_len))
        need = true;
    free(bs);
    if (c->has[F_HOSTNAME]) {
        const bytes *h = &c->want[F_HOSTNAME];
        for (size_t i = 0; i < h->n; i++)
            if ((unsigned char)h->p[i] >= 0x80 ||
                (i + 4 <= h->n && ascii_lower(h->p[i]) == 'x' &&
                 ascii_lower(h->p[i + 1]) == 'n' && h->p[i + 2] == '-' &&
                 h->p[i + 3] == '-'))
                need = true;
    }
    return need;
}

/* ------------------------------------------------------------------ */
/* The URL API's view of a result                                      */

typedef struct view {
    sbuf v[F_COUNT];
} view;

static void view_free(view *w)
{
    for (int f = 0; f < F_COUNT; f++)
        free(w->v[f].p);
}

static bool span_in(redir_span s, size_t len)
{
    return s.off <= len && s.len <= len - s.off;
}

/* Checks the spans of `u` against `len` and the flags; prints and
 * returns false on an inconsistency. */
static bool spans_sane(const redir_url *u, size_t len)
{
    static const struct {
        const char *name;
        size_t offset;
        uint32_t flag;
    } spans[] = {
        {"scheme", offsetof(redir_url, scheme), REDIR_URL_HAS_SCHEME},
        {"userinfo", offsetof(redir_url, userinfo), REDIR_URL_HAS_USERINFO},
        {"host", offsetof(redir_url, host), REDIR_URL_HAS_AUTHORITY},
        {"port", offsetof(redir_url, port), REDIR_URL_HAS_PORT},
        {"path", offsetof(redir_url, path), 0},
        {"query", offsetof(redir_url, query), REDIR_URL_HAS_QUERY},
        {"fragment", offsetof(redir_url, fragment), REDIR_URL_HAS_FRAGMENT},
    };
    bool ok = true;
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        redir_span s;
        memcpy(&s, (const char *)u + spans[i].offset, sizeof s);
        if (!span_in(s, len)) {
            print_error("    %s span {%zu, %zu} is outside the %zu-byte "
                        "result\n",
                        spans[i].name, s.off, s.len, len);
            ok = false;
        } else if (spans[i].flag != 0 && !(u->flags & spans[i].flag) &&
                   (s.off != 0 || s.len != 0)) {
            print_error("    %s is absent (flags 0x%02x) but its span is "
                        "{%zu, %zu}, not {0, 0}\n",
                        spans[i].name, (unsigned)u->flags, s.off, s.len);
            ok = false;
        }
    }
    if (!(u->flags & REDIR_URL_HAS_SCHEME)) {
        print_error("    the result has no scheme (flags 0x%02x)\n",
                    (unsigned)u->flags);
        ok = false;
    }
    return ok;
}

static bool is_lit(const char *text, redir_span s, const char *lit)
{
    return bytes_eq_lit(text + s.off, s.len, lit);
}

static void origin_of(const char *text, const redir_url *u, sbuf *out,
                      int depth);

/* href, protocol, ..., hash and origin of a result (spans checked). */
static void components(const char *text, size_t len, const redir_url *u,
                       view *w)
{
    memset(w, 0, sizeof *w);
    for (int f = 0; f < F_COUNT; f++)
        sb_str(&w->v[f], "");
    sb_add(&w->v[F_HREF], text, len);
    sb_add(&w->v[F_PROTOCOL], text + u->scheme.off, u->scheme.len);
    sb_str(&w->v[F_PROTOCOL], ":");
    if (u->flags & REDIR_URL_HAS_USERINFO) {
        const char *ui = text + u->userinfo.off;
        const char *colon = memchr(ui, ':', u->userinfo.len);
        size_t user = colon ? (size_t)(colon - ui) : u->userinfo.len;
        sb_add(&w->v[F_USERNAME], ui, user);
        if (colon)
            sb_add(&w->v[F_PASSWORD], colon + 1, u->userinfo.len - user - 1);
    }
    if (u->flags & REDIR_URL_HAS_AUTHORITY)
        sb_add(&w->v[F_HOSTNAME], text + u->host.off, u->host.len);
    sb_add(&w->v[F_PORT], text + u->port.off, u->port.len);
    sb_add(&w->v[F_HOST], w->v[F_HOSTNAME].p, w->v[F_HOSTNAME].n);
    if (w->v[F_PORT].n > 0) {
        sb_str(&w->v[F_HOST], ":");
        sb_add(&w->v[F_HOST], w->v[F_PORT].p, w->v[F_PORT].n);
    }
    sb_add(&w->v[F_PATHNAME], text + u->path.off, u->path.len);
    if (u->query.len > 0) {
        sb_str(&w->v[F_SEARCH], "?");
        sb_add(&w->v[F_SEARCH], text + u->query.off, u->query.len);
    }
    if (u->fragment.len > 0) {
        sb_str(&w->v[F_HASH], "#");
        sb_add(&w->v[F_HASH], text + u->fragment.off, u->fragment.len);
    }
    origin_of(text, u, &w->v[F_ORIGIN], 0);
}

/* The origin's serialization: scheme://host[:port] for http, https, ws,
 * wss and ftp; for blob, the origin of the path parsed as a URL if that
 * is http or https; otherwise "null". */
static void origin_of(const char *text, const redir_url *u, sbuf *out,
                      int depth)
{
    static const char *const tuple[] = {"http", "https", "ws", "wss", "ftp"};
    for (size_t i = 0; i < sizeof tuple / sizeof tuple[0]; i++)
        if (is_lit(text, u->scheme, tuple[i])) {
            sb_add(out, text + u->scheme.off, u->scheme.len);
            sb_str(out, "://");
            if (u->flags & REDIR_URL_HAS_AUTHORITY)
                sb_add(out, text + u->host.off, u->host.len);
            if (u->port.len > 0) {
                sb_str(out, ":");
                sb_add(out, text + u->port.off, u->port.len);
            }
            return;
        }
    if (depth == 0 && is_lit(text, u->scheme, "blob")) {
        char *path = xmalloc(u->path.len);
        if (u->path.len > 0)
            memcpy(path, text + u->path.off, u->path.len);
        char *inner = xmalloc(BIG_CAP);
        size_t inner_len = 0;
        redir_url iu;
        memset(&iu, 0, sizeof iu);
        redir_status st =
            redir_url_resolve(NULL, 0, path, u->path.len, REDIR_URL_WHATWG,
                              inner, BIG_CAP, &inner_len, &iu);
        if (st == REDIR_OK && span_in(iu.scheme, inner_len) &&
            span_in(iu.host, inner_len) && span_in(iu.port, inner_len) &&
            (is_lit(inner, iu.scheme, "http") ||
             is_lit(inner, iu.scheme, "https"))) {
            origin_of(inner, &iu, out, depth + 1);
        } else {
            sb_str(out, "null");
        }
        free(inner);
        free(path);
        return;
    }
    sb_str(out, "null");
}

/* ------------------------------------------------------------------ */
/* Running one case                                                    */

/* Counts per file: urltestdata, toascii, IdnaTestV2. */
enum { FILE_COUNT = 3 };
static const char *const file_names[FILE_COUNT] = {"urltestdata", "toascii",
                                                   "IdnaTestV2"};
static size_t count_passed[FILE_COUNT], count_failed[FILE_COUNT],
    count_idna[FILE_COUNT], count_cases[FILE_COUNT];

static size_t file_index(const wpt_case *c)
{
    size_t f = 0;
    while (f + 1 < FILE_COUNT && strcmp(file_names[f], c->file) != 0)
        f++;
    return f;
}

/* Runs resolve into a heap buffer of exactly `cap` bytes (NULL if cap is
 * 0) filled with SENTINEL; the caller frees *buf. */
static redir_status run(const wpt_case *c, const char *input, const char *base,
                        size_t cap, char **buf, size_t *len, redir_url *u)
{
    *buf = cap > 0 ? xmalloc(cap) : NULL;
    if (cap > 0)
        memset(*buf, SENTINEL, cap);
    *len = (size_t)-1;
    memset(u, 0, sizeof *u);
    return redir_url_resolve(base, c->base_null ? 0 : c->base.n, input,
                             c->input.n, REDIR_URL_WHATWG, *buf, cap, len, u);
}

static void print_case(const wpt_case *c, bool idna)
{
    print_error("  case %zu%s:\n", c->number, idna ? " (needs IDNA)" : "");
    show("input:", c->input.p, c->input.n);
    if (c->base_null)
        print_error("    base:  null\n");
    else
        show("base: ", c->base.p, c->base.n);
}

/* Whether a successful result matches; prints the differences. */
static bool check_result(const wpt_case *c, bool idna, const char *out,
                         size_t len, const redir_url *u)
{
    if (!spans_sane(u, len)) {
        print_case(c, idna);
        show("href: ", out, len);
        return false;
    }
    view w;
    components(out, len, u, &w);
    bool ok = true;
    for (int f = 0; f < F_COUNT; f++) {
        if (!c->has[f])
            continue;
        const bytes *want = &c->want[f];
        if (bytes_eq(w.v[f].p, w.v[f].n, want->p, want->n))
            continue;
        if (ok)
            print_case(c, idna);
        ok = false;
        print_error("    %s differs:\n", field_names[f]);
        show("  expected", want->p, want->n);
        show("  got     ", w.v[f].p, w.v[f].n);
    }
    view_free(&w);
    return ok;
}

/* The capacity contract on a case that passed with a big buffer:
 * exactly `len` bytes succeeds with the same text and components; one
 * less, or none, gives REDIR_E_NOSPACE with the same length and leaves
 * the buffer untouched. */
static bool check_capacity(const wpt_case *c, const char *input,
                           const char *base, const char *out, size_t len,
                           const redir_url *u)
{
    bool ok = true;
    char *buf;
    size_t got_len;
    redir_url got;
    redir_status st = run(c, input, base, len, &buf, &got_len, &got);
    if (st != REDIR_OK || got_len != len || memcmp(buf, out, len) != 0 ||
        !same_url(&got, u)) {
        print_case(c, false);
        print_error("    with capacity = length (%zu): status %s, length "
                    "%zu, text/components %s\n",
                    len, redir_status_name(st), got_len,
                    st == REDIR_OK && got_len == len ? "differ" : "-");
        ok = false;
    }
    free(buf);
    for (size_t cap = len > 0 ? len - 1 : 0;; cap = 0) {
        st = run(c, input, base, cap, &buf, &got_len, &got);
        bool touched = false;
        for (size_t i = 0; i < cap; i++)
            if ((unsigned char)buf[i] != SENTINEL)
                touched = true;
        if (st != REDIR_E_NOSPACE || got_len != len || touched) {
            print_case(c, false);
            print_error("    with capacity %zu (length %zu): status %s "
                        "(expected no-space), length %zu%s\n",
                        cap, len, redir_status_name(st), got_len,
                        touched ? ", buffer written" : "");
            ok = false;
        }
        free(buf);
        if (cap == 0)
            break;
    }
    return ok;
}

enum verdict { PASSED, FAILED, IDNA_UNSUPPORTED };

static enum verdict run_case(const wpt_case *c)
{
    bool idna = case_needs_idna(c) && !have_idna();
    /* Exact-size heap copies without a NUL, so ASan sees overreads. */
    char *input = xmalloc(c->input.n);
    if (c->input.n > 0)
        memcpy(input, c->input.p, c->input.n);
    char *base = NULL;
    if (!c->base_null) {
        base = xmalloc(c->base.n);
        if (c->base.n > 0)
            memcpy(base, c->base.p, c->base.n);
    }
    char *out;
    size_t len;
    redir_url u;
    redir_status st = run(c, input, base, BIG_CAP, &out, &len, &u);
    if (st == REDIR_E_NOSPACE && len > BIG_CAP && len < ((size_t)1 << 28)) {
        free(out);
        st = run(c, input, base, len, &out, &len, &u);
    }
    enum verdict v;
    if (st != REDIR_OK) {
        if (len != 0) {
            print_case(c, idna);
            print_error("    failed with %s but reported length %zu, not 0\n",
                        redir_status_name(st), len);
            v = FAILED;
        } else if (st == REDIR_E_IDNA_UNSUPPORTED && !idna) {
            print_case(c, idna);
            print_error("    failed with idna-unsupported, but the case "
                        "needs no IDNA\n");
            v = FAILED;
        } else if (c->failure) {
            v = PASSED;
        } else if (st == REDIR_E_IDNA_UNSUPPORTED) {
            v = IDNA_UNSUPPORTED;
        } else {
            print_case(c, idna);
            print_error("    expected success, got status %s (%d)\n",
                        redir_status_name(st), (int)st);
            show("  expected href", c->want[F_HREF].p, c->want[F_HREF].n);
            v = FAILED;
        }
    } else if (c->failure) {
        print_case(c, idna);
        print_error("    expected failure, got success\n");
        show("  got href", out, len);
        v = FAILED;
    } else if (!check_result(c, idna, out, len, &u)) {
        v = FAILED;
    } else {
        v = check_capacity(c, input, base, out, len, &u) ? PASSED : FAILED;
    }
    free(out);
    free(base);
    free(input);
    return v;
}

static void test_case(void **state)
{
    const wpt_case *c = *state;
    size_t f = file_index(c);
    switch (run_case(c)) {
    case PASSED:
        count_passed[f]++;
        break;
    case IDNA_UNSUPPORTED:
        count_idna[f]++;
        break;
    case FAILED:
        count_failed[f]++;
        fail();
    }
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static char *make_name(const wpt_case *c)
{
    sbuf b = {NULL, 0, 0};
    char num[32];
    snprintf(num, sizeof num, "%s %zu: \"",
             strcmp(c->file, "urltestdata") == 0 ? "wpt" : c->file, c->number);
    sb_str(&b, num);
    sb_escaped(&b, c->input.p, c->input.n);
    if (c->base_null) {
        sb_str(&b, "\" with no base");
    } else {
        sb_str(&b, "\" against \"");
        sb_escaped(&b, c->base.p, c->base.n);
        sb_str(&b, "\"");
    }
    if (c->failure)
        sb_str(&b, " fails");
    return b.p;
}

/* Loads one data file into `cases` and adds a test per case (or one
 * failing or skipped test); returns false when it is missing. */
static bool load(test_list *list, case_list *cases, size_t f, bool *loaded)
{
    static char paths[FILE_COUNT][320], names[FILE_COUNT][3][96];
    snprintf(paths[f], sizeof paths[f], "%s/conformance/%s.json",
             REDIR_SHARED_DIR, file_names[f]);
    snprintf(names[f][0], sizeof names[f][0], "%s.json is readable",
             file_names[f]);
    snprintf(names[f][1], sizeof names[f][1], "%s.json is well-formed",
             file_names[f]);
    snprintf(names[f][2], sizeof names[f][2], "%s.json has cases",
             file_names[f]);
    size_t len = 0, first = cases->n;
    char *text = read_file(paths[f], &len);
    *loaded = false;
    if (text == NULL)
        return !add_data_missing_test(list, names[f][0], "WPT data", paths[f]);
    char why[160];
    if (!parse_file(text, len, f > 0, cases, why, sizeof why)) {
        snprintf(load_error, sizeof load_error, "%s: %s", paths[f], why);
        test_list_add(list, names[f][1], test_data_malformed, NULL);
    } else if (cases->n == first) {
        snprintf(load_error, sizeof load_error, "%s: no cases", paths[f]);
        test_list_add(list, names[f][2], test_data_malformed, NULL);
    } else {
        *loaded = true;
        count_cases[f] = cases->n - first;
        for (size_t i = first; i < cases->n; i++)
            cases->v[i].file = file_names[f];
    }
    free(text);
    return true;
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    case_list cases = {NULL, 0, 0};
    bool loaded[FILE_COUNT], skipped = false;
    for (size_t f = 0; f < FILE_COUNT; f++)
        if (!load(&list, &cases, f, &loaded[f]))
            skipped = true;
    /* names last: the case array no longer moves */
    for (size_t i = 0; i < cases.n; i++) {
        cases.v[i].name = make_name(&cases.v[i]);
        test_list_add(&list, cases.v[i].name, test_case, &cases.v[i]);
    }
    int failed = test_list_run(&list, "wpt");
    for (size_t f = 0; f < FILE_COUNT; f++) {
        if (loaded[f])
            printf("WPT %s: %zu passed, %zu failed, %zu idna-unsupported "
                   "(of %zu)\n",
                   file_names[f], count_passed[f], count_failed[f],
                   count_idna[f], count_cases[f]);
        else
            printf("WPT %s: not run\n", file_names[f]);
    }
    if (not_applicable > 0)
        printf("WPT host tests of the empty string, left out as WPT's "
               "harness does: %zu\n",
               not_applicable);
    fflush(stdout);
    case_list_free(&cases);
    if (failed != 0)
        return 1;
    return skipped ? 77 : 0; /* 77: ctest SKIP_RETURN_CODE */
}
