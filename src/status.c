/* status.c - names and sentences of redir_status, generated from one list.
 * SPDX-License-Identifier: MIT */
#include "redir_status.h"

#include <stddef.h>

typedef struct status_text {
    const char *name;
    const char *sentence;
} status_text;

/* REDIR_NO_STATUS_TEXT leaves the sentences out (about 3.5 KB): firmware
 * that logs statuses by name need not carry them. */
#ifdef REDIR_NO_STATUS_TEXT
#define REDIR_SENTENCE_(sentence) NULL
#else
#define REDIR_SENTENCE_(sentence) sentence
#endif

/* Indexed by value; REDIR_STATUS_MAP keeps values dense from 0. */
static const status_text status_texts[] = {
#define REDIR_STATUS_TEXT_(suffix, value, name, sentence)                      \
    [value] = {name, REDIR_SENTENCE_(sentence)},
    REDIR_STATUS_MAP(REDIR_STATUS_TEXT_)
#undef REDIR_STATUS_TEXT_
};

static const status_text *lookup(redir_status status)
{
    size_t i = (size_t)status;
    if (i >= sizeof status_texts / sizeof status_texts[0] ||
        status_texts[i].name == NULL)
        return NULL;
    return &status_texts[i];
}

const char *redir_status_name(redir_status status)
{
    const status_text *t = lookup(status);
    return t ? t->name : "unknown-status";
}

const char *redir_strerror(redir_status status)
{
    const status_text *t = lookup(status);
    if (t == NULL)
        return "Unknown status value.";
    return t->sentence != NULL ? t->sentence : t->name;
}

const char *redir_version(void)
{
    return REDIR_VERSION_STRING;
}

uint32_t redir_version_number(void)
{
    return REDIR_VERSION_NUMBER;
}
