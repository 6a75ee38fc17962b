/*
 * custom_profile.c - a redirect profile of your own: start from a
 * built-in row of rules, change what your client needs, and run it.
 *
 * This one is for an API client that talks to one service: it follows
 * the browser's method rules (fetch), but
 *   - a 307 or 308 after a POST becomes a GET: the service answers a
 *     POST with 307 to a status page, and re-posting there is wrong;
 *   - an empty Location stops instead of re-requesting the same URL;
 *   - https -> http is refused, and at most 5 redirects are followed;
 *   - Authorization may go to the service's other hosts under
 *     *.api.example (https only), but nowhere else.
 *
 * It decides a canned chain and prints each decision; the program exits
 * 0 when every decision is the one this file expects, so the test suite
 * runs it as a check.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "redir.h"

/* Builds the policy; returns REDIR_OK or why the rules were refused. */
static redir_status make_policy(redir_policy *policy)
{
    redir_rules rules;
    redir_status st = redir_rules_init(&rules, REDIR_PROFILE_FETCH);
    if (st != REDIR_OK)
        return st;
    rules.rewrite[REDIR_SC_OTHER][REDIR_MC_POST] = REDIR_RW_GET;
    rules.rewrite[REDIR_SC_OTHER][REDIR_MC_POST_BODY] = REDIR_RW_GET;
    rules.empty_location = REDIR_EMPTY_STOP;
    rules.downgrade = REDIR_REFUSE;
    rules.max_redirects = 5;
    st = redir_policy_init_rules(policy, &rules); /* checks every field */
    if (st != REDIR_OK)
        return st;
    return redir_policy_add_trusted(policy, "*.api.example", 13);
}

typedef struct step {
    int status;
    const char *location;
    const char *want; /* "follow METHOD URL", or the stop/error reason */
} step;

int main(void)
{
    static const step steps[] = {
        {307, "https://eu.api.example/status/7", /* POST becomes GET */
         "follow GET https://eu.api.example/status/7"},
        {302, "/done", "follow GET https://eu.api.example/done"},
        {302, "http://eu.api.example/plain", "downgrade"},
    };
    redir_policy policy;
    redir_chain chain; /* ~9 KiB: on the stack here; static or heap on
                          small stacks */
    redir_status st = make_policy(&policy);
    if (st == REDIR_OK)
        st = redir_chain_start(&chain, &policy, "POST", 4,
                               "https://api.example/jobs", 24,
                               REDIR_BODY_REPLAYABLE);
    if (st != REDIR_OK) {
        fprintf(stderr, "custom_profile: %s\n", redir_strerror(st));
        return 1;
    }

    int failures = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char url[REDIR_URL_MAX], got[REDIR_URL_MAX + 64];
        redir_decision d;
        redir_chain_next(&chain, steps[i].status, steps[i].location,
                         strlen(steps[i].location), url, sizeof url, &d);
        if (d.action == REDIR_ACTION_FOLLOW)
            snprintf(got, sizeof got, "follow %.*s %.*s", (int)d.method_len,
                     d.method, (int)d.url_len, url);
        else
            snprintf(got, sizeof got, "%s", redir_status_name(d.reason));
        bool auth = redir_chain_send_header(&chain, "Authorization", 13);
        printf("%d %s -> %s (Authorization %s)\n", steps[i].status,
               steps[i].location, got, auth ? "sent" : "dropped");
        if (strcmp(got, steps[i].want) != 0) {
            printf("  expected: %s\n", steps[i].want);
            failures++;
        }
    }
    return failures == 0 ? 0 : 1;
}
