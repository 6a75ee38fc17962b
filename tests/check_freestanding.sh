#!/usr/bin/env bash
# check_freestanding.sh <repo-root> [<work-dir>] - the `freestanding` test.
#
# Compiles every src/*.c for a bare-metal Cortex-M0+ and fails when the
# library needs a symbol a freestanding target may lack. Allowed: memcpy,
# memmove, memset, memcmp, strlen, and libgcc's 32-bit helpers: the
# division functions of the run-time ABI (__aeabi_idiv, _uidiv and their
# *mod forms: the M0+ has no divide instruction) and __gnu_thumb1_case_*,
# which GCC calls for switch jump tables on Thumb-1 cores. Any 64-bit
# helper (__aeabi_lmul, _llsl, _llsr, _lasr, _uldivmod, _ldivmod) fails:
# the library does no 64-bit arithmetic, which small cores emulate. It also fails on writable static data
# (.data/.bss): the library keeps no mutable static state. It does all
# this twice: with IDNA, and without it (-DREDIR_NO_IDNA), printing each
# object's size and the totals of both as footprint records.
#
# Exit status: 0 pass, 1 fail, 77 skipped (no arm-none-eabi toolchain and the
# CI environment variable is unset; in CI a missing toolchain is a failure).
set -euo pipefail
exec 2>&1 # one stream keeps the ctest log in order
export LC_ALL=C # sort and comm must agree on the order

root=${1:?usage: check_freestanding.sh <repo-root> [<work-dir>]}
work=${2:-}

for tool in arm-none-eabi-gcc arm-none-eabi-nm arm-none-eabi-size; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        if [ -n "${CI:-}" ]; then
            echo "FAIL: $tool not found (CI is set, so this is an error);" \
                 "install gcc-arm-none-eabi" >&2
            exit 1
        fi
        echo "SKIP: $tool not found; install gcc-arm-none-eabi to run" \
             "the freestanding check"
        exit 77
    fi
done

if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf -- "$work"' EXIT
else
    rm -rf -- "$work"
    mkdir -p -- "$work"
fi

shopt -s nullglob
sources=("$root"/src/*.c)
if [ ${#sources[@]} -eq 0 ]; then
    echo "FAIL: no C files in $root/src" >&2
    exit 1
fi

cflags=(-std=c99 -mcpu=cortex-m0plus -mthumb -Os -ffreestanding
        -Wall -Wextra -Werror -I"$root/include")
allowed='^(memcpy|memmove|memset|memcmp|strlen|__aeabi_u?idiv(mod)?|__gnu_thumb1_case_.*)$'
status=0
totals=()

# check <name> [extra cflags...]: one configuration of the library.
check() {
    local name=$1 dir="$work/$1" src obj bad
    shift
    local objects=()
    mkdir -p -- "$dir"
    echo "== $name"
    for src in "${sources[@]}"; do
        obj="$dir/$(basename "${src%.c}").o"
        echo "arm-none-eabi-gcc ${cflags[*]} $* -c $src"
        if ! arm-none-eabi-gcc "${cflags[@]}" "$@" -c "$src" -o "$obj"; then
            echo "FAIL: $src does not compile freestanding ($name)" >&2
            status=1
            continue
        fi
        objects+=("$obj")
    done
    [ ${#objects[@]} -gt 0 ] || return 0

    # Symbols one library file takes from another are fine: only what the
    # library as a whole leaves undefined must come from the allowed list.
    local defined
    defined=$(arm-none-eabi-nm -g --defined-only "${objects[@]}" |
              awk 'NF == 3 {print $3}' | sort -u)
    for obj in "${objects[@]}"; do
        # nm -u prints "         U name" per undefined symbol.
        bad=$(arm-none-eabi-nm -u "$obj" | awk '{print $NF}' | sort -u |
              comm -23 - <(printf '%s\n' "$defined") |
              grep -Ev "$allowed" || true)
        if [ -n "$bad" ]; then
            echo "FAIL: $(basename "$obj" .o).c needs symbols a" \
                 "freestanding target may not have ($name):" >&2
            while IFS= read -r sym; do echo "    $sym"; done <<<"$bad"
            status=1
        fi
    done

    echo "Footprint $name (arm-none-eabi-size, Cortex-M0+ -Os; text" \
         "includes const data):"
    arm-none-eabi-size -t "${objects[@]}"
    totals+=("$name: $(arm-none-eabi-size -t "${objects[@]}" |
                       awk 'END {print $1}') bytes of text")
    # Writable static data is mutable static state (or a table that
    # should have been const); the library must have neither.
    local _ data bss n
    while read -r _ data bss _ _ n; do
        if [ "$data" != 0 ] || [ "$bss" != 0 ]; then
            echo "FAIL: $(basename "$n" .o).c has writable static data" \
                 "(data=$data bss=$bss, $name)" >&2
            status=1
        fi
    done < <(arm-none-eabi-size "${objects[@]}" | tail -n +2)
}

check "with IDNA"
check "without IDNA (REDIR_NO_IDNA)" -DREDIR_NO_IDNA
check "lean (REDIR_NO_WHATWG REDIR_NO_IDNA REDIR_NO_STATUS_TEXT)" \
    -DREDIR_NO_WHATWG -DREDIR_NO_IDNA -DREDIR_NO_STATUS_TEXT
echo "Footprint totals:"
printf '    %s\n' "${totals[@]}"

if [ "$status" -eq 0 ]; then
    echo "PASS: ${#sources[@]} file(s) build freestanding with only allowed" \
         "symbols, with and without IDNA, and lean"
fi
exit "$status"
