/*
 * chain_rows.h - the multi-hop rows of the policy tests: a chain started
 * once, then several responses, each decision checked. Plain data, shared
 * by the unit tests (test_policy.c) and the emulated firmware run
 * (firmware/run_tables.c); hop_row.h has the shorthands.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_CHAIN_ROWS_H
#define REDIR_TESTS_CHAIN_ROWS_H

#include "hop_row.h"

typedef struct step {
    int status; /* 0 ends the row */
    const char *loc;
    redir_action action;
    redir_status reason;
    const char *method;
    const char *url;
    uint32_t flags;
} step;

#define MAX_STEPS 6

typedef struct chain_row {
    const char *name;
    redir_profile profile;
    uint32_t options;
    const char *method;
    redir_body body;
    const char *start;
    step steps[MAX_STEPS]; /* only the last may be other than a follow */
} chain_row;

/* What a step expects of hop number `hop` (from 1). */
static inline expect step_expect(const step *s, uint32_t hop)
{
    expect e = {s->status, hop,    s->action, s->reason,
                s->method, s->url, s->flags};
    return e;
}

#define STEPS(...)                                                             \
    {                                                                          \
        __VA_ARGS__                                                            \
    }

#define AX(path) "https://a.example" path
#define BX(path) "https://b.example" path

static const chain_row chain_rows[] = {
    /* strict loop detection. */
    {"strict A to B to A errors loop", STRICT, 0, "GET", NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)}, {302, "/a", FAILS(LOOP)})},
    {"strict A to B to C to B errors loop", STRICT, 0, "GET", NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/c", FOLLOWS("GET", AX("/c"), 0)}, {302, "/b", FAILS(LOOP)})},
    {"strict A to B to A on another host errors loop", STRICT, 0, "GET", NOBODY,
     A_P,
     STEPS({302, BX("/x"), FOLLOWS("GET", BX("/x"), XO)},
           {302, A_P, FAILS(LOOP)})},
    {"strict A to B to A#frag errors loop (fragment ignored)", STRICT, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/a#frag", FAILS(LOOP)})},
    {"strict A#top to B to A errors loop (start fragment ignored)", STRICT, 0,
     "GET", NOBODY, AX("/a#top"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b#top"), 0)},
           {302, "/a", FAILS(LOOP)})},
    {"strict A to A?x to A errors loop", STRICT, 0, "GET", NOBODY, AX("/a"),
     STEPS({302, "/a?x", FOLLOWS("GET", AX("/a?x"), 0)},
           {302, "/a", FAILS(LOOP)})},
    {"strict POST A 303 to A (GET) then 302 to A errors loop", STRICT, 0,
     "POST", REPLAY, AX("/a"),
     STEPS({303, "/a", FOLLOWS("GET", AX("/a"), MC | BD)},
           {302, "/a", FAILS(LOOP)})},
    {"strict POST A 307 B 303 A: GET A is new, GET B is new, then loop", STRICT,
     0, "POST", REPLAY, AX("/a"),
     STEPS({307, "/b", FOLLOWS("POST", AX("/b"), SB)},
           {303, "/a", FOLLOWS("GET", AX("/a"), MC | BD)},
           {307, "/b", FOLLOWS("GET", AX("/b"), 0)}, {302, "/a", FAILS(LOOP)})},
    {"strict PUT A 303 to A is not a loop", STRICT, 0, "PUT", REPLAY, AX("/a"),
     STEPS({303, "/a", FOLLOWS("GET", AX("/a"), MC | BD)})},
    {"strict empty Location after a hop stops empty-location", STRICT, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "", STOPS(EMPTY_LOCATION)})},
    {"fetch A to B to A is followed (no loop detection)", FETCH, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/a", FOLLOWS("GET", AX("/a"), 0)},
           {302, "/b", FOLLOWS("GET", AX("/b"), 0)})},
    {"curl A to B to A is followed (no loop detection)", CURL, 0, "GET", NOBODY,
     AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/a", FOLLOWS("GET", AX("/a"), 0)})},

    /* Method and body over several hops. */
    {"fetch PUT 302 keeps body, 303 makes GET, 307 sends no body", FETCH, 0,
     "PUT", REPLAY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("PUT", AX("/b"), SB)},
           {303, "/c", FOLLOWS("GET", AX("/c"), MC | BD)},
           {307, "/d", FOLLOWS("GET", AX("/d"), 0)})},
    {"fetch POST 307 and 308 keep the body, then 302 drops it", FETCH, 0,
     "POST", REPLAY, AX("/a"),
     STEPS({307, "/b", FOLLOWS("POST", AX("/b"), SB)},
           {308, "/c", FOLLOWS("POST", AX("/c"), SB | PM)},
           {302, "/d", FOLLOWS("GET", AX("/d"), MC | BD)},
           {308, "/e", FOLLOWS("GET", AX("/e"), PM)})},
    {"fetch POST stream 303 to GET, then 307 and 302 are fine", FETCH, 0,
     "POST", STREAM, AX("/a"),
     STEPS({303, "/b", FOLLOWS("GET", AX("/b"), MC | BD)},
           {307, "/c", FOLLOWS("GET", AX("/c"), 0)},
           {302, "/d", FOLLOWS("GET", AX("/d"), 0)})},
    {"fetch PUT stream 303 to GET, then 308 is fine", FETCH, 0, "PUT", STREAM,
     AX("/a"),
     STEPS({303, "/b", FOLLOWS("GET", AX("/b"), MC | BD)},
           {308, "/c", FOLLOWS("GET", AX("/c"), PM)})},
    {"strict POST stream 303 to GET, then 307 is fine", STRICT, 0, "POST",
     STREAM, AX("/a"),
     STEPS({303, "/b", FOLLOWS("GET", AX("/b"), MC | BD)},
           {307, "/c", FOLLOWS("GET", AX("/c"), 0)})},
    {"fetch POST without body 307 then 302: GET, nothing dropped", FETCH, 0,
     "POST", NOBODY, AX("/a"),
     STEPS({307, "/b", FOLLOWS("POST", AX("/b"), 0)},
           {302, "/c", FOLLOWS("GET", AX("/c"), MC)})},
    {"curl POST stream 302 to GET, then 307 is fine", CURL, 0, "POST", STREAM,
     AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), MC | BD)},
           {307, "/c", FOLLOWS("GET", AX("/c"), 0)})},
    {"curl PUT stream 303 to GET, then 302 is fine", CURL, 0, "PUT", STREAM,
     AX("/a"),
     STEPS({303, "/b", FOLLOWS("GET", AX("/b"), MC | BD)},
           {302, "/c", FOLLOWS("GET", AX("/c"), 0)})},
    {"curl DELETE 302 drops the body, then 307 sends none", CURL, 0, "DELETE",
     REPLAY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("DELETE", AX("/b"), BD)},
           {307, "/c", FOLLOWS("DELETE", AX("/c"), 0)})},
    {"curl PROPFIND stream 303 drops it, then 307 is fine", CURL, 0, "PROPFIND",
     STREAM, AX("/a"),
     STEPS({303, "/b", FOLLOWS("PROPFIND", AX("/b"), BD)},
           {307, "/c", FOLLOWS("PROPFIND", AX("/c"), 0)})},
    {"curl POST 307 keeps, 300 keeps, 301 drops", CURL, 0, "POST", REPLAY,
     AX("/a"),
     STEPS({307, "/b", FOLLOWS("POST", AX("/b"), SB)},
           {300, "/c", FOLLOWS("POST", AX("/c"), SB)},
           {301, "/d", FOLLOWS("GET", AX("/d"), MC | BD | PM)})},
    {"fetch POST stream 307 errors at hop 1", FETCH, 0, "POST", STREAM,
     AX("/a"), STEPS({307, "/b", FAILS(BODY_NOT_REPLAYABLE)})},
    {"fetch method post normalized, then 307 keeps POST", FETCH, 0, "post",
     REPLAY, AX("/a"),
     STEPS({307, "/b", FOLLOWS("POST", AX("/b"), SB)},
           {307, "/c", FOLLOWS("POST", AX("/c"), SB)})},

    /* Flags are relative to the previous request. */
    {"fetch cross-origin flag is per hop: A to B to B to A", FETCH, 0, "GET",
     NOBODY, A_P,
     STEPS({302, BX("/x"), FOLLOWS("GET", BX("/x"), XO)},
           {302, "/y", FOLLOWS("GET", BX("/y"), 0)},
           {302, AX("/z"), FOLLOWS("GET", AX("/z"), XO)})},
    {"fetch downgrade flag only on the https to http hop", FETCH, 0, "GET",
     NOBODY, A_P,
     STEPS({302, "http://b.example/x",
            FOLLOWS("GET", "http://b.example/x", DG | XO)},
           {302, "/y", FOLLOWS("GET", "http://b.example/y", 0)},
           {302, "https://c.example/z",
            FOLLOWS("GET", "https://c.example/z", XO)},
           {301, "http://c.example/w",
            FOLLOWS("GET", "http://c.example/w", DG | XO | PM)})},
    {"strict downgrade on the second hop errors", STRICT, 0, "GET", NOBODY, A_P,
     STEPS({302, BX("/x"), FOLLOWS("GET", BX("/x"), XO)},
           {302, "http://b.example/y", FAILS(DOWNGRADE)})},
    {"strict http to http, to https, then to http errors downgrade", STRICT, 0,
     "GET", NOBODY, "http://a.example/p",
     STEPS(
         {302, "http://b.example/x", FOLLOWS("GET", "http://b.example/x", XO)},
         {302, "https://b.example/y",
          FOLLOWS("GET", "https://b.example/y", XO)},
         {302, "http://b.example/z", FAILS(DOWNGRADE)})},

    /* Fragments and relative Locations follow the current URL. */
    {"fetch fragment carried over two hops", FETCH, 0, "GET", NOBODY,
     AX("/a#top"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b#top"), 0)},
           {302, "/c", FOLLOWS("GET", AX("/c#top"), 0)})},
    {"fetch a new fragment replaces the old one and is carried", FETCH, 0,
     "GET", NOBODY, AX("/a#top"),
     STEPS({302, "/b#new", FOLLOWS("GET", AX("/b#new"), 0)},
           {302, "/c", FOLLOWS("GET", AX("/c#new"), 0)})},
    {"curl fragment not carried over hops", CURL, 0, "GET", NOBODY,
     AX("/a#top"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/c#new", FOLLOWS("GET", AX("/c#new"), 0)},
           {302, "/d", FOLLOWS("GET", AX("/d"), 0)})},
    {"fetch relative Location resolves against the current URL", FETCH, 0,
     "GET", NOBODY, "https://a.example/d1/p",
     STEPS({302, BX("/d2/q"), FOLLOWS("GET", BX("/d2/q"), XO)},
           {302, "r", FOLLOWS("GET", BX("/d2/r"), 0)},
           {302, "../s", FOLLOWS("GET", BX("/s"), 0)})},
    {"fetch empty Location after a hop re-requests that hop's URL", FETCH, 0,
     "GET", NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "", FOLLOWS("GET", AX("/b"), 0)})},

    /* The end of a chain. */
    {"fetch 200 after a hop stops not-followed at hop 2", FETCH, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {200, NULL, STOPS(NOT_FOLLOWED)})},
    {"curl 302 without Location after a hop stops no-location", CURL, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, NULL, STOPS(NO_LOCATION)})},
    {"fetch 304 after two hops stops not-followed at hop 3", FETCH, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({301, "/b", FOLLOWS("GET", AX("/b"), PM)},
           {308, "/c", FOLLOWS("GET", AX("/c"), PM)},
           {304, "/d", STOPS(NOT_FOLLOWED)})},
    {"fetch unsafe Location after a hop errors at hop 2", FETCH, 0, "GET",
     NOBODY, AX("/a"),
     STEPS({302, "/b", FOLLOWS("GET", AX("/b"), 0)},
           {302, "/c\r\nX: y", FAILS(UNSAFE_LOCATION)})},
};

#endif /* REDIR_TESTS_CHAIN_ROWS_H */
