/*
 * rules_text.h - redir_rules in words, for the `redir` tool: the
 * explanation `redir follow` prints without responses, and the table of
 * `redir rules` that README.md carries. Both are written from the rows
 * themselves, so a rule is stated in one place (src/rules.c) and only
 * put into words here.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_RULES_TEXT_H
#define REDIR_RULES_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "redir.h"

/* Room for the longest rule text. */
#define RULE_TEXT_MAX 640

/* One rule put into words: its label, and text for rules `r` under
 * options `options` (REDIR_OPT_*), written to buf (always terminated). */
typedef struct rule_words {
    const char *label;   /* the explanation's label, at most 12 bytes */
    const char *heading; /* the table's row heading */
    void (*text)(const redir_rules *r, uint32_t options, char *buf, size_t cap);
} rule_words;

/* Every rule, in the order both outputs use; *count receives how many. */
const rule_words *rule_words_all(size_t *count);

/* The Markdown table of every built-in profile's rules, one column each
 * (what `redir rules` prints and README.md holds). */
void print_rules_table(FILE *out);

#endif /* REDIR_RULES_TEXT_H */
