/*
 * test_unicode.c - the IDNA code's Unicode steps against Unicode's own
 * test files for the version its tables come from (17.0.0):
 *
 *   - NormalizationTest.txt, for the NFC step: for every line
 *     c2 == NFC(c1) == NFC(c2) == NFC(c3) and c4 == NFC(c4) == NFC(c5),
 *     and every code point that no line lists alone in c1 is its own NFC.
 *   - IdnaTestV2.txt, for ToASCII with the URL Standard's flags
 *     (nontransitional; CheckHyphens, UseSTD3ASCIIRules and
 *     VerifyDnsLength false): a line must fail when its toAsciiN status
 *     keeps an error after dropping the codes those flags turn off (V2,
 *     V3, U1, A4_1, A4_2 and X4_2, the empty-label code), else give its
 *     toAsciiN value.
 *
 * The NFC code is internal, so this test compiles src/idna.c itself
 * (with src/host.c, which it reads hosts through) instead of linking the
 * library. Lines that do not apply are counted and said: sources with an
 * unpaired surrogate (not UTF-8; UTS #46 lets such implementations skip
 * them), and results the URL Standard refuses after ToASCII (empty, or
 * holding a forbidden domain code point such as a space or '%'), which
 * redir's ToASCII fails with invalid-host.
 *
 * The data is read at run time from REDIR_SHARED_DIR/unicode/17.0.0/;
 * missing data fails under CI and is skipped otherwise.
 *
 * SPDX-License-Identifier: MIT
 */
#include "idna.c"

#define CONFORMANCE_PROGRAM "test_unicode"
#include "conformance.h"
#include "table.h"

#ifndef REDIR_SHARED_DIR
#error "REDIR_SHARED_DIR must name the shared data directory"
#endif

#define UNICODE_DIR REDIR_SHARED_DIR "/unicode/" IDNA_UNICODE_VERSION "/"
#define BLOCK_LINES 1000
#define DETAILS_MAX 20
#define MAX_CPS     64

/* ------------------------------------------------------------------ */
/* Lines of a UCD test file                                            */

typedef struct text_file {
    char *text;
    size_t len;
    size_t lines; /* data lines */
} text_file;

/* The next line of f from *at: its bounds, comment stripped. */
static bool next_line(const text_file *f, size_t *at, const char **s, size_t *n,
                      size_t *number, size_t *line_no)
{
    while (*at < f->len) {
        const char *p = f->text + *at;
        const char *nl = memchr(p, '\n', f->len - *at);
        size_t len = nl ? (size_t)(nl - p) : f->len - *at;
        *at += len + (nl != NULL);
        (*line_no)++;
        const char *hash = memchr(p, '#', len);
        if (hash != NULL)
            len = (size_t)(hash - p);
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\r'))
            len--;
        if (len == 0 || p[0] == '@')
            continue;
        *s = p;
        *n = len;
        (*number)++;
        return true;
    }
    return false;
}

/* Field k (0-based, ';'-separated) of a line, spaces trimmed. */
static void field(const char *s, size_t n, int k, const char **f, size_t *fn)
{
    size_t i = 0;
    for (int j = 0; j < k && i <= n; j++) {
        const char *semi = memchr(s + i, ';', n - i);
        i = semi ? (size_t)(semi - s) + 1 : n + 1;
    }
    if (i > n) {
        *f = s + n;
        *fn = 0;
        return;
    }
    const char *semi = memchr(s + i, ';', n - i);
    size_t e = semi ? (size_t)(semi - s) : n;
    while (i < e && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    *f = s + i;
    *fn = e - i;
}

/* Hex code points "0044 0307" into cps; returns how many. */
static size_t hex_cps(const char *s, size_t n, uint32_t *cps, size_t cap)
{
    size_t k = 0, i = 0;
    while (i < n && k < cap) {
        while (i < n && s[i] == ' ')
            i++;
        if (i == n)
            break;
        uint32_t v = 0;
        while (i < n && s[i] != ' ')
            v = v * 16 + (uint32_t)hex_value(s[i++]);
        cps[k++] = v;
    }
    return k;
}

/* ------------------------------------------------------------------ */
/* NormalizationTest.txt                                               */

static text_file norm_file, idna_file;
static size_t norm_passed, norm_failed, norm_shown;
static bool in_part1[0x110000];

static bool nfc_is(const uint32_t *in, size_t n, const uint32_t *want,
                   size_t want_n)
{
    uint32_t b[MAX_CPS];
    size_t got;
    memcpy(b, in, n * sizeof *b);
    if (!nfc(b, n, MAX_CPS, &got))
        return false;
    return got == want_n && memcmp(b, want, got * sizeof *b) == 0;
}

static bool norm_line(const char *s, size_t n)
{
    uint32_t c[5][MAX_CPS];
    size_t len[5];
    for (int k = 0; k < 5; k++) {
        const char *f;
        size_t fn;
        field(s, n, k, &f, &fn);
        len[k] = hex_cps(f, fn, c[k], MAX_CPS);
    }
    return nfc_is(c[0], len[0], c[1], len[1]) &&
           nfc_is(c[1], len[1], c[1], len[1]) &&
           nfc_is(c[2], len[2], c[1], len[1]) &&
           nfc_is(c[3], len[3], c[3], len[3]) &&
           nfc_is(c[4], len[4], c[3], len[3]);
}

static void test_norm_block(void **state)
{
    size_t block = (size_t)(uintptr_t)*state, at = 0, number = 0, no = 0;
    size_t bad = 0, n;
    const char *s;
    bool part1 = false;
    while (next_line(&norm_file, &at, &s, &n, &number, &no)) {
        /* Part 1 is the one whose lines hold a single code point in c1 */
        const char *f;
        size_t fn;
        field(s, n, 0, &f, &fn);
        part1 = memchr(f, ' ', fn) == NULL;
        if (part1) {
            uint32_t cp;
            hex_cps(f, fn, &cp, 1);
            in_part1[cp] = true;
        }
        if ((number - 1) / BLOCK_LINES != block)
            continue;
        if (norm_line(s, n)) {
            norm_passed++;
            continue;
        }
        norm_failed++, bad++;
        if (norm_shown++ < DETAILS_MAX)
            print_error("  NormalizationTest.txt line %zu: %.*s\n", no, (int)n,
                        s);
    }
    assert_int_equal(bad, 0);
}

/* Every code point Part 1 does not list is unchanged by NFC. */
static void test_norm_others(void **state)
{
    (void)state;
    size_t checked = 0, bad = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        if (in_part1[cp] || (cp >= 0xD800 && cp < 0xE000))
            continue;
        checked++;
        if (!nfc_is(&cp, 1, &cp, 1) && bad++ < DETAILS_MAX)
            print_error("  U+%04X is not its own NFC\n", (unsigned)cp);
    }
    print_message("code points outside Part 1, each its own NFC: %zu\n",
                  checked - bad);
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ */
/* IdnaTestV2.txt                                                      */

static size_t idna_passed, idna_failed, idna_surrogate, idna_url_refused,
    idna_shown;

/* Appends code point cp as UTF-8 to b; false for a surrogate. */
static bool put_utf8(sbuf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp >= 0xD800 && cp < 0xE000)
        return false;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_add(b, u, n);
    return true;
}

/* A field with \uXXXX and \x{XXXX} escapes, as UTF-8 (b->p set, maybe
 * empty); false when it holds a surrogate. "" stands for empty. */
static bool unescape_field(const char *s, size_t n, sbuf *b)
{
    bool ok = true;
    sb_str(b, "");
    if (n == 2 && s[0] == '"' && s[1] == '"')
        return true;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'u' || s[i + 1] == 'x')) {
            bool braces = s[i + 1] == 'x';
            i += braces ? 3 : 2;
            for (size_t k = 0; i < n && (braces ? s[i] != '}' : k < 4); k++)
                cp = cp * 16 + (uint32_t)hex_value(s[i++]);
            i += braces;
            ok = put_utf8(b, cp) && ok;
            continue;
        }
        sb_add(b, s + i, 1);
        i++;
    }
    return ok;
}

/* Whether a status list like "[B1, V3]" keeps an error that the URL
 * Standard's flags do not turn off. Blank is `fallback`. */
static bool has_error(const char *s, size_t n, bool fallback)
{
    static const char *const off[] = {"V2", "V3", "U1", "A4_1", "A4_2", "X4_2"};
    if (n == 0)
        return fallback;
    for (size_t i = 0; i < n;) {
        while (i < n &&
               (s[i] == '[' || s[i] == ']' || s[i] == ' ' || s[i] == ','))
            i++;
        size_t j = i;
        while (j < n && s[j] != ',' && s[j] != ']' && s[j] != ' ')
            j++;
        if (j == i)
            break;
        bool ignored = false;
        for (size_t k = 0; k < sizeof off / sizeof off[0]; k++)
            if (j - i == strlen(off[k]) && memcmp(s + i, off[k], j - i) == 0)
                ignored = true;
        if (!ignored)
            return true;
        i = j;
    }
    return false;
}

/* Whether the URL Standard refuses ToASCII's result `r`. */
static bool url_refuses(const char *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)r[i] < 0x80 &&
            redir_forbidden_domain((unsigned char)r[i]))
            return true;
    return n == 0;
}

enum { IDNA_PASS, IDNA_FAIL, IDNA_SURROGATE, IDNA_URL_REFUSED };

static int idna_line(const char *s, size_t n, size_t no)
{
    const char *f[5];
    size_t fn[5];
    for (int k = 0; k < 5; k++)
        field(s, n, k, &f[k], &fn[k]);
    sbuf src = {NULL, 0, 0}, want = {NULL, 0, 0};
    bool well_formed = unescape_field(f[0], fn[0], &src);
    int k = fn[3] > 0 ? 3 : fn[1] > 0 ? 1 : 0; /* blank: the column before */
    well_formed = unescape_field(f[k], fn[k], &want) && well_formed;
    bool error = has_error(f[4], fn[4], has_error(f[2], fn[2], false));
    int verdict = IDNA_FAIL;
    char out[1024];
    size_t len = 0;
    redir_status st = REDIR_E_INVALID_ARGUMENT;
    if (!well_formed) {
        verdict = IDNA_SURROGATE;
    } else {
        st = redir_idna_to_ascii(src.p, 0, src.n, false, out, sizeof out, &len);
        if (error)
            verdict = st != REDIR_OK ? IDNA_PASS : IDNA_FAIL;
        else if (st == REDIR_E_INVALID_HOST && url_refuses(want.p, want.n))
            verdict = IDNA_URL_REFUSED;
        else if (st == REDIR_OK && len == want.n &&
                 memcmp(out, want.p, len) == 0)
            verdict = IDNA_PASS;
    }
    if (verdict == IDNA_FAIL && idna_shown++ < DETAILS_MAX) {
        print_error("  IdnaTestV2.txt line %zu: %.*s\n", no, (int)n, s);
        print_error("    expected %s \"%.*s\", got %s \"%.*s\"\n",
                    error ? "failure" : "success", (int)want.n, want.p,
                    redir_status_name(st), (int)(st == REDIR_OK ? len : 0),
                    out);
    }
    free(src.p);
    free(want.p);
    return verdict;
}

static void test_idna_block(void **state)
{
    size_t block = (size_t)(uintptr_t)*state, at = 0, number = 0, no = 0;
    size_t bad = 0, n;
    const char *s;
    while (next_line(&idna_file, &at, &s, &n, &number, &no)) {
        if ((number - 1) / BLOCK_LINES != block)
            continue;
        switch (idna_line(s, n, no)) {
        case IDNA_PASS:
            idna_passed++;
            break;
        case IDNA_SURROGATE:
            idna_surrogate++;
            break;
        case IDNA_URL_REFUSED:
            idna_url_refused++;
            break;
        default:
            idna_failed++, bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ */

static char *block_names[64];
static size_t block_count;

/* Loads a file and adds one test per block of its data lines. */
static bool load(test_list *list, text_file *f, const char *path,
                 const char *what, CMUnitTestFunction fn)
{
    f->text = read_file(path, &f->len);
    if (f->text == NULL)
        return !add_data_missing_test(list, what, "Unicode data", path);
    size_t at = 0, no = 0, n;
    const char *s;
    while (next_line(f, &at, &s, &n, &f->lines, &no))
        ;
    for (size_t b = 0; b * BLOCK_LINES < f->lines; b++) {
        char name[96];
        size_t last = (b + 1) * BLOCK_LINES;
        snprintf(name, sizeof name, "%s lines %zu-%zu", what,
                 b * BLOCK_LINES + 1, last < f->lines ? last : f->lines);
        if (block_count == sizeof block_names / sizeof block_names[0]) {
            fprintf(stderr, "test_unicode: too many blocks in %s\n", path);
            exit(1);
        }
        char *copy = xmalloc(strlen(name) + 1);
        memcpy(copy, name, strlen(name) + 1);
        block_names[block_count++] = copy;
        test_list_add(list, copy, fn, (void *)(uintptr_t)b);
    }
    return true;
}

int main(void)
{
    test_list list = {NULL, 0, 0};
    bool ok = load(&list, &norm_file, UNICODE_DIR "NormalizationTest.txt",
                   "NormalizationTest.txt", test_norm_block);
    if (norm_file.text != NULL)
        test_list_add(&list, "NFC leaves every code point outside Part 1",
                      test_norm_others, NULL);
    ok = load(&list, &idna_file, UNICODE_DIR "IdnaTestV2.txt", "IdnaTestV2.txt",
              test_idna_block) &&
         ok;
    int failed = test_list_run(&list, "unicode");
    if (norm_file.text != NULL)
        printf("NormalizationTest.txt (NFC): %zu lines passed, %zu failed "
               "(of %zu)\n",
               norm_passed, norm_failed, norm_file.lines);
    if (idna_file.text != NULL)
        printf("IdnaTestV2.txt (ToASCII, URL Standard flags): %zu passed, "
               "%zu failed, not applicable: %zu with a surrogate, %zu "
               "refused by the URL Standard after ToASCII (of %zu)\n",
               idna_passed, idna_failed, idna_surrogate, idna_url_refused,
               idna_file.lines);
    fflush(stdout);
    for (size_t i = 0; i < block_count; i++)
        free(block_names[i]);
    free(norm_file.text);
    free(idna_file.text);
    free(list.tests);
    if (failed != 0)
        return 1;
    return ok ? 0 : 77;
}
