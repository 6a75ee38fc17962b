/*
 * follow.c - a small HTTP/1.1 client that follows redirects the way the
 * redir library decides. Plain http over POSIX sockets, libc only, no TLS.
 *
 *   follow [--profile P] [-X METHOD] [-d DATA]
 *          [-H 'Name: value']... [--safe NAME]... URL
 *
 * It prints "> METHOD URL" before each request and "< STATUS-LINE" for the
 * final response, for example:
 *
 *   $ follow -d a=1 http://127.0.0.1:8080/form
 *   > POST http://127.0.0.1:8080/form
 *   > GET http://127.0.0.1:8080/done
 *   < HTTP/1.1 200 OK
 *
 * Exit status: 0 when a final response arrived (a 3xx that the profile
 * does not follow is final too), 1 when redir decides the chain is an
 * error ("follow: NAME: sentence" on stderr), the network fails, or a hop
 * needs TLS, 2 for a wrong command line.
 *
 * The part worth copying is main()'s loop: start a chain, and for every
 * response ask redir_chain_next() what to do, then send exactly what the
 * decision says - its method, the body only with REDIR_HOP_SEND_BODY, and
 * each of the caller's headers only when redir_chain_send_header() agrees.
 * The rest is a deliberately plain HTTP/1.1 client: one connection per
 * request ("Connection: close"), 10 s socket timeouts, bounded reads.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <netdb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#include "redir.h"

#include "follow_cli.h" /* the command line, shared with the other example */

#define TIMEOUT_SECONDS 10
#define HEAD_MAX        (64 * 1024)   /* status line and header fields */
#define BODY_MAX        (1024 * 1024) /* body bytes read (and ignored) */

/* ------------------------------------------------------------------ */
/* The command line (parsed by follow_cli.h)                          */
/* ------------------------------------------------------------------ */

static const follow_cli cli = {
    .name = "follow",
    .usage =
        "usage: follow [--profile P] [-X METHOD] [-d DATA]\n"
        "              [-H 'Name: value']... [POLICY-OPTIONS] URL\n"
        "Sends the request over plain http and follows redirects as the\n"
        "profile (default fetch) decides. -d sends DATA as the body (POST\n"
        "unless -X says otherwise). Prints '> METHOD URL' per request and\n"
        "'< STATUS-LINE' for the final response. --safe lets the strict\n"
        "profile send header NAME to other origins too. P is fetch, curl,\n"
        "strict, curl-7.88, curl-follow or chrome.\n"
        "Policy options, as in `redir follow`: --sensitive NAME,\n"
        "--safe NAME, --trusted-origin O, --max-redirects N, --trusted,\n"
        "--keep-post, --allow-downgrade, --deny-downgrade, --navigate.\n"
        "The SSRF guard is on: a redirect to a loopback, private or other\n"
        "non-public address literal fails; --allow-private turns it off.\n"
        "Exit status: 0 final response, 1 failure, 2 usage error.\n",
    .insecure_option = false, /* no TLS here, so nothing to skip */
    .header_max = 0,          /* -H is as long as the command line allows */
    .framing_problem = "follow writes this header itself:",
};

/* ------------------------------------------------------------------ */
/* Sending                                                            */
/* ------------------------------------------------------------------ */

/* Sends all of p[0..n). MSG_NOSIGNAL: a closed peer is an error, not a
 * SIGPIPE that kills the program. */
static bool send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t sent = send(fd, p, n, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0) {
            fprintf(stderr, "follow: cannot send the request: %s\n",
                    errno == EAGAIN || errno == EWOULDBLOCK ? "timed out"
                                                            : strerror(errno));
            return false;
        }
        p += sent;
        n -= (size_t)sent;
    }
    return true;
}

/* A write buffer, so that the request head goes out in few packets. */
typedef struct writer {
    int fd;
    bool ok;
    size_t len;
    char buf[4096];
} writer;

static void flush(writer *w)
{
    if (w->ok && w->len > 0)
        w->ok = send_all(w->fd, w->buf, w->len);
    w->len = 0;
}

static void put(writer *w, const char *p, size_t n)
{
    if (n > sizeof w->buf - w->len)
        flush(w);
    if (n > sizeof w->buf) { /* a large body: send it as it is */
        if (w->ok)
            w->ok = send_all(w->fd, p, n);
        return;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_str(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void put_span(writer *w, const char *text, redir_span span)
{
    put(w, text + span.off, span.len);
}

/*
 * Writes the request for the current hop. `url` and `parts` are the hop's
 * URL and its components; `send_body` is the decision's REDIR_HOP_SEND_BODY
 * (for the first request: whether there is a body at all).
 */
static bool send_request(int fd, const redir_chain *chain, const request *req,
                         const char *url, const redir_url *parts,
                         bool send_body)
{
    writer w = {.fd = fd, .ok = true, .len = 0};
    size_t method_len;
    const char *method = redir_chain_method(chain, &method_len);
    char number[32];

    /* Request line in origin-form: path and query, never the fragment. */
    put(&w, method, method_len);
    put_str(&w, " ");
    if (parts->path.len == 0)
        put_str(&w, "/");
    put_span(&w, url, parts->path);
    if (parts->flags & REDIR_URL_HAS_QUERY) {
        put_str(&w, "?");
        put_span(&w, url, parts->query);
    }
    put_str(&w, " HTTP/1.1\r\n");

    /* Host: the caller's own Host header only while redir keeps it (never
     * to another host or port); otherwise the current URL's host, with the
     * port when it is not http's 80, as curl writes it. */
    const header *host = NULL;
    for (size_t i = 0; i < req->header_count && host == NULL; i++) {
        const header *h = &req->headers[i];
        if (name_is(h->name, h->name_len, "host") &&
            redir_chain_send_header(chain, h->name, h->name_len))
            host = h;
    }
    put_str(&w, "Host: ");
    if (host != NULL) {
        put_str(&w, host->value);
    } else {
        int32_t port = redir_url_effective_port(url, parts);
        put_span(&w, url, parts->host); /* "[::1]" keeps its brackets */
        if (port != 80) {
            snprintf(number, sizeof number, ":%ld", (long)port);
            put_str(&w, number);
        }
    }
    put_str(&w, "\r\n");

    /* Every other original header, if redir says it goes on this hop:
     * credentials are dropped across origins, Content-Type after a change
     * to GET, and so on, as the profile says. */
    bool content_type = false;
    for (size_t i = 0; i < req->header_count; i++) {
        const header *h = &req->headers[i];
        if (name_is(h->name, h->name_len, "host") ||
            !redir_chain_send_header(chain, h->name, h->name_len))
            continue;
        if (name_is(h->name, h->name_len, "content-type"))
            content_type = true;
        put(&w, h->name, h->name_len);
        put_str(&w, ": ");
        put_str(&w, h->value);
        put_str(&w, "\r\n");
    }

    /* The body and the headers that describe it go together. Like curl,
     * -d data without a Content-Type of its own is a form. */
    if (send_body) {
        if (!content_type)
            put_str(&w, "Content-Type: application/x-www-form-urlencoded\r\n");
        snprintf(number, sizeof number, "%zu", req->data_len);
        put_str(&w, "Content-Length: ");
        put_str(&w, number);
        put_str(&w, "\r\n");
    }
    put_str(&w, "Connection: close\r\n\r\n");
    if (send_body)
        put(&w, req->data, req->data_len);
    flush(&w);
    return w.ok;
}

/* ------------------------------------------------------------------ */
/* Receiving                                                          */
/* ------------------------------------------------------------------ */

/* The most Location fields one response may have: the profile decides
 * what several mean; more than this many is refused. */
#define LOCATIONS_MAX 8

typedef struct response {
    char head[HEAD_MAX];
    size_t len;      /* bytes received into head[] */
    size_t head_len; /* the final response's head, blank line included */
    int status;
    const char *status_line; /* without its line ending */
    size_t status_line_len;
    redir_field locations[LOCATIONS_MAX]; /* the Location values */
    size_t location_count; /* how many; more than LOCATIONS_MAX: too many */
} response;

/*
 * Finds the line starting at buf[*pos] (before `end`): sets *line and
 * *line_len (CR LF or LF removed) and moves *pos past it. Returns false
 * when no complete line is left.
 */
static bool next_line(const char *buf, size_t end, size_t *pos,
                      const char **line, size_t *line_len)
{
    const char *start = buf + *pos;
    const char *lf = memchr(start, '\n', end - *pos);
    if (lf == NULL)
        return false;
    size_t n = (size_t)(lf - start);
    *pos += n + 1;
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *line = start;
    *line_len = n;
    return true;
}

/* The length of the head at the start of buf[0..len) - up to and
 * including its empty line - or 0 when it is not complete yet. */
static size_t head_end(const char *buf, size_t len)
{
    size_t pos = 0;
    const char *line;
    size_t line_len;
    while (next_line(buf, len, &pos, &line, &line_len)) {
        if (line_len == 0)
            return pos;
    }
    return 0;
}

/* Parses the complete head resp->head[0..end). Returns false if the status
 * line is not "HTTP/1.x NNN[ reason]". */
static bool parse_head(response *resp, size_t end)
{
    size_t pos = 0;
    const char *line;
    size_t n;

    if (!next_line(resp->head, end, &pos, &line, &n) || n < 12 ||
        memcmp(line, "HTTP/1.", 7) != 0 || line[7] < '0' || line[7] > '9' ||
        line[8] != ' ' || line[9] < '1' || line[9] > '9' || line[10] < '0' ||
        line[10] > '9' || line[11] < '0' || line[11] > '9' ||
        (n > 12 && line[12] != ' '))
        return false;
    resp->status =
        (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    resp->status_line = line;
    resp->status_line_len = n;
    resp->location_count = 0;

    while (next_line(resp->head, end, &pos, &line, &n) && n > 0) {
        const char *colon = memchr(line, ':', n);
        /* Skip continuation lines (obsolete line folding) and lines that
         * are not fields. Every Location field goes to redir, whose
         * profile says what several of them mean. */
        if (line[0] == ' ' || line[0] == '\t' || colon == NULL)
            continue;
        if (name_is(line, (size_t)(colon - line), "location")) {
            /* The value exactly as received: redir trims the blanks and
             * refuses control characters itself. */
            if (resp->location_count < LOCATIONS_MAX) {
                redir_field *f = &resp->locations[resp->location_count];
                f->value = colon + 1;
                f->len = n - (size_t)(colon + 1 - line);
            }
            resp->location_count++;
        }
    }
    return true;
}

/* Reads up to the final response's head into resp. */
static bool read_response(int fd, response *resp)
{
    resp->len = 0;
    for (;;) {
        size_t end = head_end(resp->head, resp->len);
        if (end == 0) {
            if (resp->len == sizeof resp->head) {
                fprintf(stderr,
                        "follow: the response head is longer than "
                        "%d bytes\n",
                        HEAD_MAX);
                return false;
            }
            ssize_t got = recv(fd, resp->head + resp->len,
                               sizeof resp->head - resp->len, 0);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                fprintf(stderr, "follow: cannot read the response: %s\n",
                        errno == EAGAIN || errno == EWOULDBLOCK
                            ? "timed out"
                            : strerror(errno));
                return false;
            }
            if (got == 0) {
                fputs("follow: the connection closed before the response "
                      "head was complete\n",
                      stderr);
                return false;
            }
            resp->len += (size_t)got;
            continue;
        }
        if (!parse_head(resp, end)) {
            fputs("follow: the response does not start with an HTTP/1.x "
                  "status line\n",
                  stderr);
            return false;
        }
        /* 100 Continue, 103 Early Hints: interim responses, the real one
         * follows on the same connection. */
        if (resp->status < 200 && resp->status != 101) {
            memmove(resp->head, resp->head + end, resp->len - end);
            resp->len -= end;
            continue;
        }
        resp->head_len = end;
        return true;
    }
}

/* Reads and ignores the body until the server closes, at most BODY_MAX
 * bytes. The decision does not depend on the body, so a read error here
 * only ends the reading. */
static void drain_body(int fd, const response *resp)
{
    char scratch[16384];
    size_t total = resp->len - resp->head_len;
    while (total < BODY_MAX) {
        ssize_t got = recv(fd, scratch, sizeof scratch, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        total += (size_t)got;
    }
}

/* ------------------------------------------------------------------ */
/* Connecting                                                         */
/* ------------------------------------------------------------------ */

/* Connects to host:port (a name or an address without brackets) with
 * the timeouts set. Returns the socket, or -1 after saying why. */
static int open_connection(const char *host, int32_t port)
{
    struct addrinfo hints;
    struct addrinfo *list;
    char service[16];
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(service, sizeof service, "%ld", (long)port);

    int rc = getaddrinfo(host, service, &hints, &list);
    if (rc != 0) {
        fprintf(stderr, "follow: cannot resolve %s: %s\n", host,
                gai_strerror(rc));
        return -1;
    }

    /*
     * With REDIR_OPT_DENY_PRIVATE, redir refuses address literals, but a
     * name can still resolve to 127.0.0.1: this is where an SSRF-careful
     * client checks each ai_addr with redir_addr_classify() before it
     * connects.
     */
    int fd = -1;
    int error = 0;
    for (struct addrinfo *ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            error = errno;
            continue;
        }
        /* SO_SNDTIMEO also bounds connect() on Linux (it then fails with
         * EINPROGRESS); SO_RCVTIMEO bounds every recv(). */
        struct timeval tv = {.tv_sec = TIMEOUT_SECONDS, .tv_usec = 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            error = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    if (fd < 0) {
        fprintf(stderr, "follow: cannot connect to %s port %ld: %s\n", host,
                (long)port,
                error == EINPROGRESS || error == EAGAIN ? "timed out"
                                                        : strerror(error));
    }
    return fd;
}

/*
 * One request and its response: connect to the URL's host, send, read
 * the head, drain the body. `resp` keeps the head for the decision.
 */
static bool exchange(const redir_chain *chain, const request *req,
                     const char *url, const redir_url *parts, bool send_body,
                     response *resp)
{
    const char *scheme = url + parts->scheme.off;
    if (!name_is(scheme, parts->scheme.len, "http")) {
        if (name_is(scheme, parts->scheme.len, "https"))
            fputs("follow: cannot fetch an https URL: this client speaks "
                  "plain http only, it has no TLS (curl_follow has)\n",
                  stderr);
        else
            fprintf(stderr,
                    "follow: cannot fetch %.*s URLs: this client "
                    "speaks http only\n",
                    (int)parts->scheme.len, scheme);
        return false;
    }

    /* getaddrinfo wants the host without the brackets of an IPv6 literal,
     * NUL-terminated. */
    char host[REDIR_URL_MAX + 1];
    redir_span h = parts->host;
    if (parts->host_type == REDIR_HOST_IPV6 && h.len >= 2) {
        h.off++;
        h.len -= 2;
    }
    if (h.len == 0) {
        fputs("follow: the URL has no host\n", stderr);
        return false;
    }
    memcpy(host, url + h.off, h.len);
    host[h.len] = '\0';

    int fd = open_connection(host, redir_url_effective_port(url, parts));
    if (fd < 0)
        return false;
    bool ok = send_request(fd, chain, req, url, parts, send_body) &&
              read_response(fd, resp);
    if (ok)
        drain_body(fd, resp);
    close(fd);
    return ok;
}

/* ------------------------------------------------------------------ */
/* The redirect loop                                                  */
/* ------------------------------------------------------------------ */

static int report_failure(redir_status status)
{
    fprintf(stderr, "follow: %s: %s\n", redir_status_name(status),
            redir_strerror(status));
    return EXIT_FAILED;
}

int main(int argc, char **argv)
{
    static request req;   /* static: large, and lives as long as main */
    static response resp; /* the same */
    int status = parse_args(&cli, argc, argv, &req);
    if (status != EXIT_OK)
        return status < 0 ? EXIT_OK : status;

    /* 1. Start the chain at the original request. The body is replayable:
     *    it is a string we can send as often as redir asks. */
    const char *method = req.method; /* -X, else what curl would send */
    if (method == NULL)
        method = req.data != NULL ? "POST" : "GET";
    redir_policy policy;
    redir_chain chain;
    if (policy_of(&cli, &req, &policy) != EXIT_OK)
        return EXIT_USAGE;
    redir_status st = redir_chain_start(
        &chain, &policy, method, strlen(method), req.url, strlen(req.url),
        req.data != NULL ? REDIR_BODY_REPLAYABLE : REDIR_BODY_NONE);
    if (st != REDIR_OK)
        return report_failure(st);

    /* The current URL and its components. The chain holds the URL as the
     * profile's parser wrote it (WHATWG for fetch and strict, RFC 3986 for
     * curl); parsing that text in the same mode gives its parts. Later
     * hops need no parsing: each decision carries the next URL's parts. */
    char url[REDIR_URL_MAX];
    size_t url_len;
    redir_url parts;
    size_t start_len;
    const char *start = redir_chain_url(&chain, &start_len);
    redir_rules rules; /* which parser the profile reads URLs with */
    redir_rules_init(&rules, req.profile);
    st = redir_url_resolve(NULL, 0, start, start_len,
                           rules.parser == REDIR_PARSE_WHATWG
                               ? REDIR_URL_WHATWG
                               : REDIR_URL_RFC3986,
                           url, sizeof url, &url_len, &parts);
    if (st != REDIR_OK)
        return report_failure(st);
    bool send_body = req.data != NULL;

    for (;;) {
        size_t method_len;
        method = redir_chain_method(&chain, &method_len);
        printf("> %.*s %.*s\n", (int)method_len, method, (int)url_len, url);
        fflush(stdout); /* in order with stderr if what follows fails */

        /* 2. Make the request exactly as decided. */
        if (!exchange(&chain, &req, url, &parts, send_body, &resp))
            return EXIT_FAILED;

        /* 3. Ask redir about the response. The Location values go in as
         *    received (none, one, empty, or several). On follow, the next
         *    URL is written into `url`. */
        if (resp.location_count > LOCATIONS_MAX) {
            fprintf(stderr, "follow: more than %d Location fields\n",
                    LOCATIONS_MAX);
            return EXIT_FAILED;
        }
        redir_decision d;
        redir_chain_next_fields(&chain, resp.status, resp.locations,
                                resp.location_count, url, sizeof url, &d);
        switch (d.action) {
        case REDIR_ACTION_FOLLOW:
            url_len = d.url_len;
            parts = d.url;
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
