/*
 * rules_text.c - redir_rules in words (see rules_text.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "rules_text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Appends to the text in buf[0..cap), which stays terminated. */
static void add(char *buf, size_t cap, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
}

static void statuses(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    int count = 0;
    for (int s = 300; s <= 399; s++)
        count += REDIR_RULES_FOLLOWS(r, s) ? 1 : 0;
    if (count == 100) {
        add(buf, cap, "every 3xx (300-399)");
    } else {
        for (int s = 300, first = 1; s <= 399; s++) {
            if (REDIR_RULES_FOLLOWS(r, s)) {
                add(buf, cap, first ? "%d" : " %d", s);
                first = 0;
            }
        }
        if (count == 0)
            add(buf, cap, "none");
    }
    add(buf, cap, " (any other status stops: not-followed)");
}

static void empty(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->empty_location == REDIR_EMPTY_FOLLOW
            ? "requests the current URL again (the limit ends the "
              "loop)"
            : "stops (empty-location): the response is handed back");
}

static void several(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    static const char *const text[] = {
        "the first Location field counts",
        "Location fields must be equal, empty ones aside, else "
        "multiple-locations",
        "more than one Location field is an error (multiple-locations)",
        "Location fields must be equal, empty ones too, else "
        "multiple-locations"};
    add(buf, cap, "%s", text[r->multiple_locations]);
}

static void parser(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    switch (r->parser) {
    case REDIR_PARSE_WHATWG:
        add(buf, cap,
            "the WHATWG URL Standard (tabs and newlines removed, "
            "'\\' read as '/')");
        break;
    case REDIR_PARSE_CURL:
        add(buf, cap,
            "RFC 3986 as curl 8.21 reads it: spaces, non-ASCII bytes and, in "
            "a relative reference, controls percent-encoded (a query space "
            "as '+'), escapes in upper case, %%2e a dot in dot segments, "
            "numeric hosts made dotted-decimal, `http:/host` read as "
            "`http://host`; a raw '\\' refused");
        break;
    default:
        add(buf, cap,
            "RFC 3986 as curl 7.88 reads it: spaces and non-ASCII bytes "
            "percent-encoded in lower case (a query space as '+'), numeric "
            "hosts made dotted-decimal, `http:/host` read as `http://host`; "
            "controls and a raw '\\' refused");
        break;
    }
}

static void schemes(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    static const char *const names[] = {"http", "https", "ftp", "ftps"};
    int n = 0, total = 0;
    for (int i = 0; i < 4; i++)
        total += (r->schemes >> i) & 1;
    for (int i = 0; i < 4; i++) {
        if (!((r->schemes >> i) & 1))
            continue;
        n++;
        add(buf, cap, "%s%s",
            n == 1       ? ""
            : n == total ? " or "
                         : ", ",
            names[i]);
    }
    add(buf, cap, " (any other: scheme-not-allowed)");
}

/* The method classes in words, paired when the body does not matter. */
static void method_groups(const redir_rules *r, size_t sc, char *buf,
                          size_t cap)
{
    static const char *const verbs[] = {"kept", "to GET, body dropped",
                                        "name kept, body dropped"};
    static const char *const pair[] = {"POST", "PUT", "other methods"};
    bool first_group = true;
    const uint8_t *row = r->rewrite[sc];
    for (unsigned action = 0; action < 3; action++) {
        char list[160] = "";
        if (row[REDIR_MC_GET_HEAD] == action)
            add(list, sizeof list, "GET, HEAD");
        for (size_t p = 0; p < 3; p++) {
            uint8_t plain = row[1 + 2 * p], body = row[2 + 2 * p];
            const char *sep = list[0] ? ", " : "";
            if (plain == action && body == action)
                add(list, sizeof list, "%s%s", sep, pair[p]);
            else if (body == action)
                add(list, sizeof list, "%s%s with a body", sep, pair[p]);
            else if (plain == action)
                add(list, sizeof list, "%s%s without a body", sep, pair[p]);
        }
        if (list[0] == '\0')
            continue;
        if (strcmp(list, "GET, HEAD, POST, PUT, other methods") == 0)
            snprintf(list, sizeof list, "every method");
        add(buf, cap, "%s%s: %s", first_group ? "" : "; ", verbs[action], list);
        first_group = false;
    }
}

#define STATUS_TEXT(fn, sc)                                                    \
    static void fn(const redir_rules *r, uint32_t o, char *buf, size_t cap)    \
    {                                                                          \
        (void)o;                                                               \
        method_groups(r, sc, buf, cap);                                        \
    }
STATUS_TEXT(on_301, REDIR_SC_301)
STATUS_TEXT(on_302, REDIR_SC_302)
STATUS_TEXT(on_303, REDIR_SC_303)
STATUS_TEXT(on_other, REDIR_SC_OTHER)

static void stream(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->stream == REDIR_STREAM_UNLESS_303
            ? "fails on every redirect but 303 (body-not-replayable)"
            : "fails when it must be sent again "
              "(body-not-replayable)");
}

static void body_headers(const redir_rules *r, uint32_t o, char *buf,
                         size_t cap)
{
    (void)o;
    add(buf, cap,
        "Content-Length and Transfer-Encoding go only with the "
        "body; ");
    add(buf, cap,
        r->content_headers ? "Content-Type, -Encoding, -Language and -Location "
                             "only until the method changes"
                           : "other Content-* headers always go");
}

static void credentials(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    if (o & REDIR_OPT_TRUSTED) {
        add(buf, cap, "kept on every hop, whatever the host (trusted)");
        return;
    }
    add(buf, cap, "Authorization, Cookie, ");
    if (r->credentials & REDIR_CRED_PROXY_AUTHORIZATION)
        add(buf, cap, "Proxy-Authorization, ");
    if (r->credentials & REDIR_CRED_REFERER)
        add(buf, cap, "Referer, ");
    add(buf, cap, "sensitive names: ");
    add(buf, cap,
        r->credential_scope == REDIR_SCOPE_UNTIL_CROSS
            ? "dropped from the first cross-origin hop on, for good"
            : "sent only while scheme, host and port are the first "
              "request's (again on return)");
    add(buf, cap, "; trusted origins always get them");
}

static void other_headers(const redir_rules *r, uint32_t o, char *buf,
                          size_t cap)
{
    (void)o;
    add(buf, cap,
        r->cross_origin_headers == REDIR_XO_ALL
            ? "sent on every hop, as the client sends them"
            : "from the first cross-origin hop on only Accept, "
              "Accept-Encoding, Accept-Language, Cache-Control, "
              "Pragma, User-Agent, body headers, safe names and "
              "(to trusted origins) all");
}

static void limit(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    if (o & REDIR_OPT_NAVIGATE)
        add(buf, cap, "%ld redirects (a navigation)",
            (long)r->navigate_max_redirects);
    else if (r->navigate_max_redirects != r->max_redirects)
        add(buf, cap, "%ld redirects (navigations: %ld)",
            (long)r->max_redirects, (long)r->navigate_max_redirects);
    else
        add(buf, cap, "%ld redirects", (long)r->max_redirects);
    add(buf, cap, "; one more is an error (too-many-redirects)");
}

static void downgrade(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    bool deny =
        (o & REDIR_OPT_DENY_DOWNGRADE) ||
        (r->downgrade == REDIR_REFUSE && !(o & REDIR_OPT_ALLOW_DOWNGRADE));
    add(buf, cap, "https -> http %s",
        deny ? "is an error (downgrade)" : "is followed, flagged");
    if (o & REDIR_OPT_DENY_DOWNGRADE)
        add(buf, cap, ", by --deny-downgrade");
    else if (r->downgrade == REDIR_REFUSE && (o & REDIR_OPT_ALLOW_DOWNGRADE))
        add(buf, cap, ", by --allow-downgrade");
}

static void ports(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->bad_ports == REDIR_REFUSE
            ? "a port on the Fetch standard's bad-port list (0, 25, "
              "6667, ...) is an error (bad-port)"
            : "any port");
}

static const char *userinfo_words(uint8_t v)
{
    static const char *const text[] = {
        "an error (userinfo-in-location)", "followed as it is",
        "followed without the user name and password"};
    return text[v];
}

static void userinfo(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    if (o & REDIR_OPT_NAVIGATE) {
        add(buf, cap, "%s (a navigation)",
            userinfo_words(r->navigate_userinfo));
        return;
    }
    add(buf, cap, "%s", userinfo_words(r->userinfo));
    if (r->navigate_userinfo != r->userinfo)
        add(buf, cap, "; in navigations %s",
            userinfo_words(r->navigate_userinfo));
}

static void loops(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->loops ? "repeating the method and URL (fragment aside) "
                   "of an earlier request of the chain is an "
                   "error (loop)"
                 : "not detected; the limit ends them");
}

static void fragment(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->fragment ? "a Location without a fragment keeps the "
                      "current URL's fragment"
                    : "not carried over from the current URL");
}

static void names(const redir_rules *r, uint32_t o, char *buf, size_t cap)
{
    (void)o;
    add(buf, cap,
        r->normalize_method
            ? "DELETE GET HEAD OPTIONS POST PUT uppercased in any "
              "case (`post` is POST); others as given"
            : "as given (`post` is not POST)");
}

static const rule_words words[] = {
    {"statuses", "statuses followed", statuses},
    {"empty", "empty Location", empty},
    {"several", "several Location fields", several},
    {"parser", "how Location is read", parser},
    {"schemes", "target schemes", schemes},
    {"on 301", "301", on_301},
    {"on 302", "302", on_302},
    {"on 303", "303", on_303},
    {"others", "other followed statuses (307, 308, ...)", on_other},
    {"stream body", "a streamed body", stream},
    {"body headers", "body headers", body_headers},
    {"credentials", "credentials", credentials},
    {"others hdrs", "other headers", other_headers},
    {"limit", "redirect limit", limit},
    {"downgrade", "https -> http", downgrade},
    {"ports", "ports", ports},
    {"userinfo", "userinfo in the target", userinfo},
    {"loops", "repeated method + URL", loops},
    {"fragment", "fragment", fragment},
    {"names", "method names", names},
};

const rule_words *rule_words_all(size_t *count)
{
    *count = sizeof words / sizeof words[0];
    return words;
}

void print_rules_table(FILE *out)
{
    static const redir_profile cols[] = {
        REDIR_PROFILE_FETCH,       REDIR_PROFILE_CHROME,
        REDIR_PROFILE_STRICT,      REDIR_PROFILE_CURL,
        REDIR_PROFILE_CURL_FOLLOW, REDIR_PROFILE_CURL_7_88};
    const size_t ncols = sizeof cols / sizeof cols[0];
    fputs("| rule |", out);
    for (size_t c = 0; c < ncols; c++)
        fprintf(out, " `%s` |", redir_profile_name(cols[c]));
    fputs("\n|---|", out);
    for (size_t c = 0; c < ncols; c++)
        fputs("---|", out);
    fputc('\n', out);
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        fprintf(out, "| %s |", words[w].heading);
        for (size_t c = 0; c < ncols; c++) {
            redir_rules r;
            char text[RULE_TEXT_MAX] = "";
            if (redir_rules_init(&r, cols[c]) == REDIR_OK)
                words[w].text(&r, 0, text, sizeof text);
            fprintf(out, " %s |", text);
        }
        fputc('\n', out);
    }
}
