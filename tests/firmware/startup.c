/*
 * startup.c - the bare-metal frame of the firmware images (tests only):
 * the Cortex-M vector table and reset code, ARM semihosting output and
 * exit for the emulator, and the five libc functions the library needs,
 * so that an image links with no C library at all (-nostdlib).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdint.h>

#include "firmware.h"

/* GCC turns copy and fill loops into memcpy and memset calls: inside
 * memcpy and memset themselves that would be endless recursion. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[];
int main(void);

#if defined(__arm__)
/* ARM semihosting: "bkpt 0xab" with the operation in r0 and its argument
 * in r1; QEMU (-semihosting-config enable=on) carries it out. */
static void semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

void fw_puts(const char *s)
{
    semihost(0x04, s); /* SYS_WRITE0 */
}

void fw_exit(int status)
{
    /* SYS_EXIT: ADP_Stopped_ApplicationExit ends QEMU with status 0,
     * ADP_Stopped_RunTimeErrorUnknown with 1. */
    semihost(0x18, (const void *)(uintptr_t)(status == 0 ? 0x20026 : 0x20023));
    for (;;) {
    }
}
#else
/* Size images for other cores are linked, never run. */
void fw_puts(const char *s)
{
    (void)s;
}

void fw_exit(int status)
{
    (void)status;
    for (;;) {
    }
}
#endif

void fw_reset(void);
void fw_reset(void)
{
    uint32_t *from = _sidata, *to = _sdata;
    while (to < _edata)
        *to++ = *from++;
    for (to = _sbss; to < _ebss;)
        *to++ = 0;
    fw_exit(main());
}

#if defined(__arm__)
static void fault(void)
{
    fw_puts("FAIL: hard fault\n");
    fw_exit(1);
}

/* Initial stack pointer, reset, NMI, hard fault: an M0 needs no more
 * when nothing enables an interrupt. */
__attribute__((section(".vectors"), used)) static const uintptr_t vectors[4] = {
    (uintptr_t)_estack, (uintptr_t)fw_reset, (uintptr_t)fault,
    (uintptr_t)fault};
#endif

/* The library's five libc functions, plainly: the images measure the
 * library, not a C library's tuned copies. */
void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
    unsigned char *to = d;
    const unsigned char *from = s;
    while (n--)
        *to++ = *from++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *to = d;
    const unsigned char *from = s;
    if (to < from) {
        while (n--)
            *to++ = *from++;
    } else {
        while (n--)
            to[n] = from[n];
    }
    return d;
}

void *memset(void *d, int c, size_t n)
{
    unsigned char *to = d;
    while (n--)
        *to++ = (unsigned char)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}
