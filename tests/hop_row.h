/*
 * hop_row.h - the shape of a single-hop policy test row, the shorthands
 * rows are written in, and the check of a decision against what a row
 * expects, for test_policy.c, test_rules.c and firmware/run_tables.c.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_HOP_ROW_H
#define REDIR_TESTS_HOP_ROW_H

#include <stdbool.h>
#include <string.h>

#include "redir.h"

/* ---- shorthands for the tables ------------------------------------------- */

#define FETCH  REDIR_PROFILE_FETCH
#define CURL   REDIR_PROFILE_CURL
#define STRICT REDIR_PROFILE_STRICT

#define NOBODY REDIR_BODY_NONE
#define REPLAY REDIR_BODY_REPLAYABLE
#define STREAM REDIR_BODY_STREAM

#define SB REDIR_HOP_SEND_BODY
#define BD REDIR_HOP_BODY_DROPPED
#define MC REDIR_HOP_METHOD_CHANGED
#define XO REDIR_HOP_CROSS_ORIGIN
#define DG REDIR_HOP_DOWNGRADE
#define PM REDIR_HOP_PERMANENT

#define O_ALLOW_DG REDIR_OPT_ALLOW_DOWNGRADE
#define O_DENY_DG  REDIR_OPT_DENY_DOWNGRADE
#define O_KEEP301  REDIR_OPT_KEEP_POST_301
#define O_KEEP302  REDIR_OPT_KEEP_POST_302
#define O_KEEP303  REDIR_OPT_KEEP_POST_303
#define O_KEEP     REDIR_OPT_KEEP_POST
#define O_TRUSTED  REDIR_OPT_TRUSTED
#define O_PRIVATE  REDIR_OPT_DENY_PRIVATE

/* A Location value as (pointer, length). L() takes a string literal and
 * counts embedded NUL bytes too. */
#define L(s)   (s), (sizeof(s) - 1)
#define ABSENT NULL, 0
#define EMPTY  "", 0

/* The expected outcome of a decision: action, reason, next method, next
 * URL, flags. */
#define FOLLOWS(method, url, flags)                                            \
    REDIR_ACTION_FOLLOW, REDIR_OK, method, url, flags
#define STOPS(reason) REDIR_ACTION_STOP, REDIR_STOP_##reason, NULL, NULL, 0u
#define FAILS(reason) REDIR_ACTION_ERROR, REDIR_E_##reason, NULL, NULL, 0u
/* Any REDIR_E_* failure: for Locations that fail in RFC 3986 and WHATWG
 * alike but under different names. */
#define ANY_FAILURE REDIR_STATUS_END_
#define FAILS_ANY   REDIR_ACTION_ERROR, ANY_FAILURE, NULL, NULL, 0u

/* The usual start: https://a.example/p, so "/next" goes to A_NEXT. */
#define A_P    "https://a.example/p"
#define H_P    "http://a.example/p"
#define A_NEXT "https://a.example/next"

typedef struct hop_row {
    const char *name;
    redir_profile profile;
    uint32_t options;
    const char *method;
    redir_body body;
    const char *start;
    int status;
    const char *loc; /* NULL: no Location header */
    size_t loc_len;
    redir_action action;
    redir_status reason;
    const char *next_method;
    const char *next_url;
    uint32_t flags;
} hop_row;

/* The whole expected decision. */
typedef struct expect {
    int status;
    uint32_t hop;
    redir_action action;
    redir_status reason;
    const char *method; /* follow only */
    const char *url;    /* follow only */
    uint32_t flags;     /* follow only */
} expect;

/* What a single-hop row expects of its one hop. */
static inline expect hop_expect(const hop_row *r)
{
    expect e = {r->status,      1u,          r->action, r->reason,
                r->next_method, r->next_url, r->flags};
    return e;
}

/* Whether decision d, returned as `ret` with the next URL in `out`, is
 * the one e describes (ANY_FAILURE: any error). */
static inline bool decision_matches(const redir_decision *d, redir_status ret,
                                    const char *out, const expect *e)
{
    bool ok = d->action == e->action && ret == d->reason &&
              d->status == e->status && d->hop == e->hop;
    if (e->reason == ANY_FAILURE)
        ok = ok && d->reason != REDIR_OK &&
             d->reason != REDIR_STOP_NOT_FOLLOWED &&
             d->reason != REDIR_STOP_NO_LOCATION &&
             d->reason != REDIR_STOP_EMPTY_LOCATION;
    else
        ok = ok && d->reason == e->reason;
    if (ok && e->action == REDIR_ACTION_FOLLOW) {
        size_t ml = strlen(e->method), ul = strlen(e->url);
        ok = d->method_len == ml && memcmp(d->method, e->method, ml) == 0 &&
             d->url_len == ul && memcmp(out, e->url, ul) == 0 &&
             d->flags == e->flags;
    }
    return ok;
}

#endif
