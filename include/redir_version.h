/** \file
 * redir_version.h - which redir this is.
 *
 * The version is written here once; CMake reads it from this file for
 * the package version, the shared library's version and redir.pc.
 * Semantic versioning: before 1.0 a minor release may change the API or
 * the ABI (REDIR_ABI_VERSION in redir.h says when layouts changed), a
 * patch release never does. README.md's "Changes" section lists what
 * each version changed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_VERSION_H
#define REDIR_VERSION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** REDIR_API marks every public function: the only symbols a shared
 * libredir exports (the library is compiled with hidden visibility, so
 * internal helpers stay internal). Define it yourself before including
 * a redir header to export otherwise (a DLL, say). */
#ifndef REDIR_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define REDIR_API __attribute__((visibility("default")))
#else
#define REDIR_API
#endif
#endif

/** Incompatible changes (from 1.0 on). */
#define REDIR_VERSION_MAJOR 0
/** New features (before 1.0 they may break the API too). */
#define REDIR_VERSION_MINOR 2
/** Fixes only. */
#define REDIR_VERSION_PATCH 0

/* Stringizing helpers of REDIR_VERSION_STRING. */
#define REDIR_VERSION_STR_(x)  #x
#define REDIR_VERSION_XSTR_(x) REDIR_VERSION_STR_(x)
/** "MAJOR.MINOR.PATCH", from the three numbers above. */
#define REDIR_VERSION_STRING                                                   \
    REDIR_VERSION_XSTR_(REDIR_VERSION_MAJOR)                                   \
    "." REDIR_VERSION_XSTR_(REDIR_VERSION_MINOR) "." REDIR_VERSION_XSTR_(      \
        REDIR_VERSION_PATCH)

/** MAJOR * 10000 + MINOR * 100 + PATCH, for preprocessor comparisons. */
#define REDIR_VERSION_NUMBER                                                   \
    (REDIR_VERSION_MAJOR * 10000 + REDIR_VERSION_MINOR * 100 +                 \
     REDIR_VERSION_PATCH)

/**
 * redir_version - the version of the library linked at run time, as
 * REDIR_VERSION_STRING was when it was built ("0.2.0"): compare it with
 * the macro to see whether a program runs with the library it was
 * compiled against. The string is static. Never NULL.
 */
REDIR_API const char *redir_version(void);

/** redir_version_number - the library's REDIR_VERSION_NUMBER. */
REDIR_API uint32_t redir_version_number(void);

#ifdef __cplusplus
}
#endif

#endif /* REDIR_VERSION_H */
