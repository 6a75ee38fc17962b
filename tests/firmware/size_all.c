/*
 * size_all.c - every public function in one image. Linked, not run.
 *
 * SPDX-License-Identifier: MIT
 */
#include "firmware.h"
#include "redir.h"

static redir_chain chain;
static char out[REDIR_URL_MAX];
static redir_url_work work;
static const char *volatile text = "http://a.example/b";
static volatile int pick = 1;

int main(void)
{
    redir_policy policy;
    redir_rules rules;
    redir_decision d;
    redir_url u, v;
    size_t n = 0, len = strlen(text);
    uint8_t addr[4] = {127, 0, 0, 1};
    redir_field field = {text, len};
    int sum = 0;
    redir_rules_init(&rules, REDIR_PROFILE_STRICT);
    redir_policy_init_rules(&policy, &rules);
    redir_policy_init(&policy, (redir_profile)pick);
    redir_policy_add_sensitive(&policy, "X-Key", 5);
    redir_policy_add_safe(&policy, "Accept", 6);
    redir_policy_add_trusted(&policy, text, len);
    sum += (int)redir_policy_max_redirects(&policy);
    redir_chain_start(&chain, &policy, "GET", 3, text, len, REDIR_BODY_NONE);
    redir_chain_next(&chain, 302, text, len, out, sizeof out, &d);
    redir_chain_next_fields(&chain, 302, &field, 1, out, sizeof out, &d);
    redir_chain_advance(&chain, 302, text, len, &d);
    redir_chain_advance_fields(&chain, 302, &field, 1, &d);
    sum += (int)redir_chain_send_header(&chain, "Cookie", 6);
    sum += (int)redir_chain_status(&chain);
    sum += redir_chain_url(&chain, &n) != NULL;
    sum += redir_chain_method(&chain, &n) != NULL;
    sum += (int)redir_addr_classify(addr, sizeof addr);
    sum += (int)redir_host_classify(text, len);
    sum += (int)redir_url_parse(text, len, &u);
    sum += (int)redir_url_resolve(text, len, text, len, (redir_url_mode)pick,
                                  out, sizeof out, &n, &v);
    sum += (int)redir_url_resolve_parsed(text, len, &u, text, len,
                                         (redir_url_mode)pick, out, sizeof out,
                                         &n, &v);
    sum += (int)redir_url_resolve_with(&work, text, len, &u, text, len,
                                       (redir_url_mode)pick, out, sizeof out,
                                       &n, &v);
    sum += (int)redir_url_origin(text, &u, out, sizeof out, &n);
    sum += (int)redir_url_same_origin(text, &u, text, &v);
    sum += (int)redir_url_effective_port(text, &u);
    sum += (int)redir_domain_to_ascii(text, len, out, sizeof out, &n);
    sum += (int)strlen(redir_status_name((redir_status)pick));
    sum += (int)strlen(redir_strerror((redir_status)pick));
    sum += (int)strlen(redir_profile_name((redir_profile)pick));
    sum += (int)strlen(redir_action_name((redir_action)pick));
    sum += (int)strlen(redir_body_name((redir_body)pick));
    sum += (int)strlen(redir_addr_class_name((redir_addr_class)pick));
    sum += (int)strlen(redir_host_type_name((redir_host_type)pick));
    sum += (int)strlen(redir_url_mode_name((redir_url_mode)pick));
    sum += (int)strlen(redir_unicode_version());
    sum += (int)strlen(redir_version()) + (int)redir_version_number();
    return sum;
}
