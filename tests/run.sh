#!/usr/bin/env bash
# run.sh - THE test command: bash tests/run.sh (from any directory).
#
# Installs missing build and test dependencies (as root; otherwise prints
# the command to run), then, each in a fresh build directory with warnings
# as errors:
#   1. gcc, Debug, AddressSanitizer + UndefinedBehaviorSanitizer: every
#      ctest test (unit, conformance, differential against whatwg-url,
#      interop with real clients, packaging, freestanding, the single-file
#      build, the firmware sizes and the emulated micro:bit run);
#   2. clang, the same (the interop test without the browsers, which do
#      not depend on the compiler; not the firmware tests, which use the
#      cross compilers), plus the libFuzzer targets (REDIR_FUZZ_SECONDS
#      each) and the differential test on another seed, since the two
#      compilers warn and sanitize differently;
#   3. gcc, Release (-O2), no sanitizers: the unit and conformance tests
#      again, so that mutants and warnings that only an optimized build
#      shows cannot hide (two at a time, as in pass 4);
#   4. gcc, Debug, sanitizers, the small configuration of a firmware
#      build (REDIR_URL_MAX=512, REDIR_HOST_MAX=64, REDIR_LOOP_SLOTS=4)
#      without the WHATWG fast path: the unit and conformance tests, which
#      take their limits from it, and so see every URL the full parser's
#      way too.
# Before the builds, every C file must be clang-format 14 clean.
# Any failure exits non-zero.
#
# Environment:
#   BUILD_DIR           build directory (default: <repo>/build-test); it is
#                       DELETED first. The other passes use "$BUILD_DIR-clang"
#                       "$BUILD_DIR-release" and "$BUILD_DIR-small".
#   REDIR_CLANG         0 skips the clang pass (default 1).
#   REDIR_FUZZ_SECONDS  seconds each fuzz target runs (default 30).
set -euo pipefail

repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build-test}

# --- Dependencies -------------------------------------------------------------
# Debian/Ubuntu package for each missing tool.
missing=()
need() { # need <package> <test command...>
    local pkg=$1
    shift
    if ! "$@" >/dev/null 2>&1; then
        missing+=("$pkg")
    fi
}
have() { command -v "$1"; }
need cmake have cmake
need pkg-config have pkg-config
need libcmocka-dev pkg-config --exists cmocka
if [ -n "${CC:-}" ]; then
    need "$(basename -- "$CC")" have "$CC" # e.g. CC=clang-14 -> clang-14
else
    need build-essential have cc
fi
need make have make
need gcc-arm-none-eabi have arm-none-eabi-gcc
# The freestanding check includes <string.h>, which newlib provides.
need libnewlib-arm-none-eabi \
    sh -c 'echo "#include <string.h>" | arm-none-eabi-gcc -E -x c - '
# The firmware tests (tests/firmware/): RV32IMC sizes beside the ARM ones
# (Debian's RISC-V compiler finds libc headers through picolibc), and the
# emulated micro:bit run.
need gcc-riscv64-unknown-elf have riscv64-unknown-elf-gcc
need picolibc-riscv64-unknown-elf sh -c 'echo "#include <string.h>" |
    riscv64-unknown-elf-gcc --specs=picolibc.specs -E -x c - '
need qemu-system-arm have qemu-system-arm
need python3 have python3
# The interop test (tests/interop/) runs the real curl (Debian's 7.88 and
# the 8.21.0 build in ../shared/clients), Node's fetch() and headless
# Chromium and Firefox ESR against a local redirect server, with a
# throwaway CA that the browsers trust through NSS (certutil).
need curl have curl
need openssl have openssl
need nodejs have node
need chromium have chromium
need firefox-esr have firefox-esr
need libnss3-tools have certutil
# The differential test installs the pinned whatwg-url with npm.
need npm have npm
# The clang pass and its libFuzzer targets.
if [ "${REDIR_CLANG:-1}" != 0 ]; then
    need clang have clang
    need libclang-rt-dev sh -c 'echo "int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d[0] & (int)n; }" | clang -fsanitize=fuzzer -x c - -o /dev/null'
fi
# The API reference (ctest `docs`) is built with Doxygen.
need doxygen have doxygen
# The format check (below) is pinned to Debian 12's clang-format 14.
need clang-format have clang-format
# examples/curl_follow, which the interop test also checks, needs libcurl.
need libcurl4-openssl-dev pkg-config --exists libcurl
# The benchmark (tests/bench, built in the Release pass) compares with
# uriparser and curl's URL API; its --instructions mode runs callgrind.
need liburiparser-dev pkg-config --exists liburiparser
need valgrind have valgrind

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && have apt-get >/dev/null; then
        echo "run.sh: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y "${missing[@]}"
    else
        echo "run.sh: missing build dependencies; install them with:" >&2
        echo "    sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

# --- Format -----------------------------------------------------------------
# Every C file must be as clang-format 14 writes it with .clang-format:
# another version formats differently, so it is refused, not used.
if ! clang-format --version | grep -q ' version 14\.'; then
    echo "run.sh: the format check needs clang-format 14 (Debian 12's)," \
        "not: $(clang-format --version)" >&2
    exit 1
fi
(
    cd -- "$repo"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -z -- '*.c' '*.h'
    else
        find src include tests examples -name '*.[ch]' -print0
    fi | xargs -0 clang-format --dry-run --Werror
) || {
    echo "run.sh: files above are not clang-format clean; run:" >&2
    echo "    git ls-files '*.c' '*.h' | xargs clang-format -i" >&2
    exit 1
}
echo "run.sh: every C file is clang-format clean"

# --- Build and test -----------------------------------------------------------
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
sanitize+=" -fno-omit-frame-pointer"
export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# build_and_test <build-dir> <C compiler> <build type> <C flags> <ctest args>
#                [<cmake args>...]
build_and_test() {
    local dir=$1 cc=$2 type=$3 flags=$4 ctest_args=$5
    shift 5
    # Refuse to delete anything that is obviously not a build directory.
    case $(realpath -m -- "$dir") in
    / | "$repo" | "$HOME" | "$repo"/src | "$repo"/tests | "$repo"/include | \
        "$repo"/examples | "$repo"/.git)
        echo "run.sh: refusing to use $dir as build directory" >&2
        exit 1
        ;;
    esac
    echo "=== $cc $type: $dir"
    rm -rf -- "$dir"
    CC=$cc cmake -S "$repo" -B "$dir" \
        -DCMAKE_BUILD_TYPE="$type" \
        -DREDIR_WERROR=ON \
        -DCMAKE_C_FLAGS="$flags" \
        -DCMAKE_EXE_LINKER_FLAGS="$flags" \
        -DCMAKE_SHARED_LINKER_FLAGS="$flags" "$@"
    cmake --build "$dir" -j2
    # shellcheck disable=SC2086 # ctest_args is a list of words
    (cd -- "$dir" && ctest --output-on-failure $ctest_args)
}

# The firmware tests build their own images with the cross compilers:
# the first pass runs them, the others need not.
build_and_test "$build_dir" "${CC:-cc}" Debug "$sanitize" ""
if [ "${REDIR_CLANG:-1}" != 0 ]; then
    build_and_test "$build_dir-clang" clang Debug "$sanitize" \
        "-E ^firmware_" \
        -DREDIR_BUILD_FUZZERS=ON \
        -DREDIR_FUZZ_SECONDS="${REDIR_FUZZ_SECONDS:-30}" -DREDIR_DIFF_SEED=2 \
        -DREDIR_INTEROP_BROWSERS= # the browsers ran in the first pass
fi
# The interop and differential tests check the tool's behaviour, which
# the sanitized passes already saw; here only the library code matters.
# Without the interop test (real browsers and servers) the tests do not
# contend for anything, so these two passes run them two at a time.
build_and_test "$build_dir-release" "${CC:-cc}" Release "" \
    "-j2 -E ^(interop|whatwg_diff.*|firmware_.*)$" -DREDIR_BUILD_BENCH=ON
# The small configuration a firmware build uses: every unit test takes
# its limits from redir_config.h, so the suite runs unchanged. Without
# the fast path, the full parser answers every URL of every table.
build_and_test "$build_dir-small" "${CC:-cc}" Debug "$sanitize" \
    "-j2 -E ^(interop|whatwg_diff.*|firmware_.*|docs|exports|freestanding)$" \
    "-DREDIR_LIMITS=REDIR_URL_MAX=512,REDIR_HOST_MAX=64,REDIR_LOOP_SLOTS=4" \
    -DREDIR_FAST_PATH=OFF
echo "run.sh: all tests passed"
