/*
 * curl_follow.c - follow HTTP redirects with libcurl, deciding every hop
 * with redir instead of libcurl's CURLOPT_FOLLOWLOCATION.
 *
 *   curl_follow [--profile P] [-k] [-X METHOD] [-d DATA]
 *               [-H 'Name: value']... [--safe NAME]... URL
 *
 * Same command line and output as `follow` (examples/follow.c), plus -k
 * (do not verify the server's certificate, for self-signed test servers),
 * and https works because libcurl does the TLS:
 *
 *   $ curl_follow -H 'Authorization: Bearer t' https://a.example/old
 *   > GET https://a.example/old
 *   > GET https://b.example/new
 *   < HTTP/2 200
 *
 * Exit status: 0 when a final response arrived (a 3xx that the profile
 * does not follow is final too), 1 when redir decides the chain is an
 * error ("curl_follow: NAME: sentence" on stderr) or the transfer fails,
 * 2 for a wrong command line.
 *
 * Why not just CURLOPT_FOLLOWLOCATION? libcurl then applies curl's own
 * rules, all inside one curl_easy_perform(). Driving the chain yourself
 * lets you pick the rules (browser-like `fetch`, `curl`, or the hardened
 * `strict`), see and log each decision, and refuse a hop before any byte
 * is sent to it. The recipe, in main()'s loop:
 *
 *   1. Start a redir chain with the original method, URL and body kind.
 *   2. For each hop, configure the easy handle from scratch with what redir
 *      decided - method, body, filtered headers - and perform it with
 *      libcurl's following turned off, so every 3xx comes back to us.
 *   3. Capture the status and the raw Location header of the response and
 *      hand them to redir_chain_next(), which says follow, stop or error.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "redir.h"

#include "follow_cli.h" /* the command line, shared with the other example */

#define TIMEOUT_SECONDS 10L
#define HEADER_MAX      8192          /* longest -H argument, in bytes */
#define LOCATION_MAX    (64 * 1024)   /* Location bytes accepted in all */
#define LOCATIONS_MAX   8             /* Location fields accepted */
#define BODY_MAX        (1024 * 1024) /* body bytes read (and ignored) */

/* ------------------------------------------------------------------ */
/* The command line (parsed by follow_cli.h, as in follow.c, plus -k) */
/* ------------------------------------------------------------------ */

static const follow_cli cli = {
    .name = "curl_follow",
    .usage =
        "usage: curl_follow [--profile P] [-k] [-X METHOD]\n"
        "                   [-d DATA] [-H 'Name: value']...\n"
        "                   [POLICY-OPTIONS] URL\n"
        "Sends the request with libcurl and follows redirects as the\n"
        "profile (default fetch) decides. -d sends DATA as the body (POST\n"
        "unless -X says otherwise); -k skips certificate verification.\n"
        "Prints '> METHOD URL' per request and '< STATUS-LINE' for the\n"
        "final response. --safe lets the strict profile send header NAME\n"
        "to other origins too. P is fetch, curl, strict, curl-7.88,\n"
        "curl-follow or chrome.\n"
        "Policy options, as in `redir follow`: --sensitive NAME,\n"
        "--safe NAME, --trusted-origin O, --max-redirects N, --trusted,\n"
        "--keep-post, --allow-downgrade, --deny-downgrade, --navigate.\n"
        "The SSRF guard is on: a redirect to a loopback, private or other\n"
        "non-public address literal fails; --allow-private turns it off.\n"
        "Exit status: 0 final response, 1 failure, 2 usage error.\n",
    .insecure_option = true, /* request.insecure: see configure_hop() */
    .header_max = HEADER_MAX,
    .framing_problem = "libcurl writes this header itself:",
};

/* ------------------------------------------------------------------ */
/* What one hop's response told us                                    */
/* ------------------------------------------------------------------ */

typedef struct hop_response {
    char status_line[1024]; /* "HTTP/1.1 302 Found", for the output */
    size_t status_line_len;
    bool location_too_long; /* too many bytes or fields */
    size_t location_count;  /* Location fields, values in location[] */
    size_t location_off[LOCATIONS_MAX];
    size_t location_len[LOCATIONS_MAX];
    size_t location_used;
    char location[LOCATION_MAX];
    size_t body_bytes;
    bool body_capped; /* we stopped reading at BODY_MAX */
} hop_response;

/*
 * CURLOPT_HEADERFUNCTION: libcurl calls this once per header line, line
 * ending included. Why capture Location here rather than asking
 * CURLINFO_REDIRECT_URL? That gives the target already resolved by curl's
 * own rules; redir must see the bytes the server sent - it judges stray
 * spaces, controls and odd forms itself, per profile.
 *
 * A transfer can see several response heads (100 Continue, a proxy's
 * CONNECT answer) before the real one, so each status line starts over.
 */
static size_t on_header(char *line, size_t size, size_t count, void *userdata)
{
    hop_response *r = userdata;
    size_t total = size * count;
    size_t n = total;

    /* Strip the line ending: LF, or CR LF. A CR anywhere else stays, for
     * redir to refuse. */
    if (n > 0 && line[n - 1] == '\n')
        n--;
    if (n > 0 && line[n - 1] == '\r')
        n--;

    if (n >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        r->status_line_len =
            n < sizeof r->status_line ? n : sizeof r->status_line - 1;
        memcpy(r->status_line, line, r->status_line_len);
        r->location_too_long = false;
        r->location_count = 0;
        r->location_used = 0;
        return total;
    }

    /* "Location:" - any case (HTTP/2 sends it lowercase). Every one goes
     * to redir, untrimmed: the profile says what several mean. */
    const char *colon = memchr(line, ':', n);
    if (colon != NULL && name_is(line, (size_t)(colon - line), "location")) {
        size_t len = n - (size_t)(colon + 1 - line);
        if (r->location_count == LOCATIONS_MAX ||
            len > sizeof r->location - r->location_used) {
            r->location_too_long = true;
            return total;
        }
        memcpy(r->location + r->location_used, colon + 1, len);
        r->location_off[r->location_count] = r->location_used;
        r->location_len[r->location_count] = len;
        r->location_used += len;
        r->location_count++;
    }
    return total;
}

/* CURLOPT_WRITEFUNCTION: the body does not matter to the decision. Read
 * and drop it, but at most BODY_MAX bytes; returning less than was given
 * makes libcurl stop the transfer (CURLE_WRITE_ERROR). */
static size_t on_body(char *data, size_t size, size_t count, void *userdata)
{
    hop_response *r = userdata;
    (void)data;
    r->body_bytes += size * count;
    if (r->body_bytes > BODY_MAX) {
        r->body_capped = true;
        return 0;
    }
    return size * count;
}

/* ------------------------------------------------------------------ */
/* One hop                                                            */
/* ------------------------------------------------------------------ */

/*
 * Adds to *list every original header redir lets through on the current
 * hop: credentials are dropped across origins, Content-Type after a
 * change to GET, a caller-set Host on another host, as the profile says.
 * A new list per hop, because what passes changes from hop to hop.
 * Returns false when out of memory.
 */
static bool filtered_headers(const redir_chain *chain, const request *req,
                             struct curl_slist **list)
{
    char line[HEADER_MAX + 4]; /* the -H argument and ": " always fit */
    for (size_t i = 0; i < req->header_count; i++) {
        const header *h = &req->headers[i];
        if (!redir_chain_send_header(chain, h->name, h->name_len))
            continue;
        /* "Name: value"; libcurl reads "Name:" alone as "remove your own
         * Name header", so an empty value is written "Name;". */
        if (h->value[0] == '\0')
            snprintf(line, sizeof line, "%.*s;", (int)h->name_len, h->name);
        else
            snprintf(line, sizeof line, "%.*s: %s", (int)h->name_len, h->name,
                     h->value);
        struct curl_slist *longer = curl_slist_append(*list, line);
        if (longer == NULL)
            return false;
        *list = longer;
    }
    return true;
}

/*
 * Sets up the easy handle for the current hop. curl_easy_reset() first:
 * options of the previous hop (a POST body, a custom method) must not leak
 * into this one. It keeps open connections and caches, so a hop to the
 * same server reuses its connection.
 */
static void configure_hop(CURL *curl, const redir_chain *chain,
                          const request *req, bool send_body,
                          struct curl_slist *headers, hop_response *resp,
                          char *errors)
{
    /* The chain's URL and method are not NUL-terminated; libcurl wants C
     * strings. libcurl copies both, so these buffers may go away. */
    char url[REDIR_URL_MAX + 1];
    char method[REDIR_METHOD_MAX + 1];
    size_t len;
    const char *p = redir_chain_url(chain, &len);
    memcpy(url, p, len);
    url[len] = '\0';
    p = redir_chain_method(chain, &len);
    memcpy(method, p, len);
    method[len] = '\0';

    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url);

    /* The point of the exercise: every 3xx comes back to us. (Off is the
     * default; it is spelled out for the reader.) */
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    /* redir only follows to http and https here; make libcurl agree, in
     * case a profile (curl's allows ftp) or a bug says otherwise. */
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS,
                     (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif

    /* The method and body exactly as decided. libcurl has no single
     * "method" option, so each case takes its own: */
    if (strcmp(method, "HEAD") == 0) {
        /* NOBODY, not CUSTOMREQUEST "HEAD": libcurl must know that no
         * body follows the response head. */
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (send_body) {
        /* POSTFIELDS makes a POST with Content-Length (and, unless a
         * Content-Type header is given, a form Content-Type, like curl
         * -d); any other method name overrides just the request line. */
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)req->data_len);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req->data);
        if (strcmp(method, "POST") != 0)
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    } else if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        /* POST after the body was dropped, DELETE, PUT without a body... */
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    }

    /* Only the headers redir let through. If the list holds no Host,
     * libcurl writes one for the current URL. */
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    /* Capture the response; see on_header() and on_body(). */
    memset(resp, 0, sizeof *resp);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, resp);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, resp);

    /* Bounded waits: connect within 10 s, and give up when less than one
     * byte per second arrives for 10 s. */
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, TIMEOUT_SECONDS);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, TIMEOUT_SECONDS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);

    if (req->insecure) {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    /* Not set here, and worth knowing: with libcurl's cookie engine on,
     * cookies follow libcurl's rules, not redir's header filter. */
}

/* ------------------------------------------------------------------ */
/* The redirect loop                                                  */
/* ------------------------------------------------------------------ */

static int report_failure(redir_status status)
{
    fprintf(stderr, "curl_follow: %s: %s\n", redir_status_name(status),
            redir_strerror(status));
    return EXIT_FAILED;
}

static int follow_chain(CURL *curl, const request *req)
{
    static hop_response resp; /* static: large */
    char errors[CURL_ERROR_SIZE];

    /* 1. Start the chain at the original request. The body is replayable:
     *    it is a string we can hand to libcurl as often as redir asks. */
    const char *method = req->method; /* -X, else what curl would send */
    if (method == NULL)
        method = req->data != NULL ? "POST" : "GET";
    redir_policy policy;
    redir_chain chain;
    if (policy_of(&cli, req, &policy) != EXIT_OK)
        return EXIT_USAGE;
    redir_status st = redir_chain_start(
        &chain, &policy, method, strlen(method), req->url, strlen(req->url),
        req->data != NULL ? REDIR_BODY_REPLAYABLE : REDIR_BODY_NONE);
    if (st != REDIR_OK)
        return report_failure(st);
    bool send_body = req->data != NULL;

    for (;;) {
        size_t method_len, url_len;
        method = redir_chain_method(&chain, &method_len);
        const char *url = redir_chain_url(&chain, &url_len);
        printf("> %.*s %.*s\n", (int)method_len, method, (int)url_len, url);
        fflush(stdout); /* in order with stderr if what follows fails */

        /* 2. Make the request exactly as decided. The header list is
         *    rebuilt for every hop and freed once the hop is done. */
        struct curl_slist *headers = NULL;
        if (!filtered_headers(&chain, req, &headers)) {
            curl_slist_free_all(headers);
            fputs("curl_follow: out of memory\n", stderr);
            return EXIT_FAILED;
        }
        errors[0] = '\0';
        configure_hop(curl, &chain, req, send_body, headers, &resp, errors);
        CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(headers);

        /* Stopping at BODY_MAX was our own choice, not a failure. */
        if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && resp.body_capped)) {
            fprintf(stderr, "curl_follow: %s\n",
                    errors[0] != '\0' ? errors : curl_easy_strerror(rc));
            return EXIT_FAILED;
        }
        if (resp.location_too_long) {
            fprintf(stderr,
                    "curl_follow: the Location fields hold more than %d "
                    "bytes or are more than %d\n",
                    LOCATION_MAX, LOCATIONS_MAX);
            return EXIT_FAILED;
        }

        /* 3. Ask redir about the response. The Location goes in as
         *    received: NULL when there is none, empty when it is empty.
         *    On follow, the chain now holds the next URL and method, so
         *    the loop reads them from it; `next` is just a copy. */
        long code = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
        char next[REDIR_URL_MAX];
        redir_decision d;
        redir_field fields[LOCATIONS_MAX];
        for (size_t i = 0; i < resp.location_count; i++) {
            fields[i].value = resp.location + resp.location_off[i];
            fields[i].len = resp.location_len[i];
        }
        redir_chain_next_fields(&chain, (int)code, fields, resp.location_count,
                                next, sizeof next, &d);
        switch (d.action) {
        case REDIR_ACTION_FOLLOW:
            send_body = (d.flags & REDIR_HOP_SEND_BODY) != 0;
            continue;
        case REDIR_ACTION_STOP:
            printf("< %.*s\n", (int)resp.status_line_len, resp.status_line);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
        case REDIR_ACTION_ERROR:
            return report_failure(d.reason);
        }
        return report_failure(d.reason); /* not reached */
    }
}

int main(int argc, char **argv)
{
    static request req; /* static: large */
    int status = parse_args(&cli, argc, argv, &req);
    if (status != EXIT_OK)
        return status < 0 ? EXIT_OK : status;

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("curl_follow: libcurl failed to initialize\n", stderr);
        return EXIT_FAILED;
    }
    /* One easy handle for the whole chain, so that hops to the same
     * server can reuse its connection. */
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        fputs("curl_follow: libcurl failed to initialize\n", stderr);
        status = EXIT_FAILED;
    } else {
        status = follow_chain(curl, &req);
        curl_easy_cleanup(curl);
    }
    curl_global_cleanup();
    return status;
}
