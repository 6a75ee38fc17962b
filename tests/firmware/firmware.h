/*
 * firmware.h - what startup.c gives the firmware images (tests only).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef REDIR_TESTS_FIRMWARE_H
#define REDIR_TESTS_FIRMWARE_H

#include <stddef.h>

/* Prints a NUL-terminated string on the emulator's console. */
void fw_puts(const char *s);

/* Ends the program: the emulator exits 0 for status 0, else 1. */
void fw_exit(int status);

void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
