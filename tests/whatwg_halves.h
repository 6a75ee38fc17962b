/*
 * whatwg_halves.h - the two halves of the WHATWG resolver, called with
 * explicit arguments, for test_as_is.c and fuzz/fuzz_as_is.c: each
 * includes src/whatwg.c (its public function renamed) just before this.
 * Inputs are trimmed already, as redir_whatwg_resolve() trims them.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_WHATWG_HALVES_H
#define REDIR_TESTS_WHATWG_HALVES_H

/* Both halves' working memory (a test may keep state). */
static redir_url_work halves_work;

/* resolve_as_is(): false when the full parser must answer, else true
 * with *st, and *r. */
static inline bool fast_half(const char *base, size_t base_len,
                             const redir_url *base_url, const char *ref,
                             size_t ref_len, char *out, size_t out_cap,
                             size_t *out_len, redir_url *r, redir_status *st)
{
    const redir_job *j =
        redir_job_set(&halves_work, base, base_len, base_url, ref, ref_len,
                      REDIR_URL_WHATWG, out, out_cap, out_len, NULL);
    return resolve_as_is(j, r, st);
}

/* resolve_full(): its status, and in *r the components it wrote. */
static inline redir_status full_half(const char *base, size_t base_len,
                                     const redir_url *base_url, const char *ref,
                                     size_t ref_len, char *out, size_t out_cap,
                                     size_t *out_len, redir_url *r)
{
    redir_job_set(&halves_work, base, base_len, base_url, ref, ref_len,
                  REDIR_URL_WHATWG, out, out_cap, out_len, NULL);
    redir_status st = resolve_full(&halves_work);
    *r = work_of(&halves_work)->res;
    return st;
}

#endif
