#!/usr/bin/env bash
# run.sh - THE test command: bash tests/run.sh (from any directory).
#
# Installs missing build and test dependencies (as root; otherwise prints
# the command to run), then configures a fresh Debug build with warnings as
# errors and AddressSanitizer + UndefinedBehaviorSanitizer, builds it and
# runs every ctest test. If clang is installed, does the same again with
# clang, since the two compilers warn and sanitize differently. Any failure
# exits non-zero.
#
# Environment:
#   BUILD_DIR    build directory (default: <repo>/build-test); it is DELETED
#                first. The clang pass uses "$BUILD_DIR-clang".
#   REDIR_CLANG  0 skips the clang pass (default 1: run it if clang exists).
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
need python3 have python3
# The interop test (tests/interop/) runs the real curl and Node's fetch()
# against a local redirect server with a throwaway certificate.
need curl have curl
need openssl have openssl
need nodejs have node
# examples/curl_follow, which the interop test also checks, needs libcurl.
need libcurl4-openssl-dev pkg-config --exists libcurl

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

# --- Build and test -----------------------------------------------------------
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
sanitize+=" -fno-omit-frame-pointer"
export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# build_and_test <build-dir> <C compiler>
build_and_test() {
    local dir=$1 cc=$2
    # Refuse to delete anything that is obviously not a build directory.
    case $(realpath -m -- "$dir") in
    / | "$repo" | "$HOME" | "$repo"/src | "$repo"/tests | "$repo"/include | \
        "$repo"/examples | "$repo"/.git)
        echo "run.sh: refusing to use $dir as build directory" >&2
        exit 1
        ;;
    esac
    echo "=== $cc: $dir"
    rm -rf -- "$dir"
    CC=$cc cmake -S "$repo" -B "$dir" \
        -DCMAKE_BUILD_TYPE=Debug \
        -DREDIR_WERROR=ON \
        -DCMAKE_C_FLAGS="$sanitize" \
        -DCMAKE_EXE_LINKER_FLAGS="$sanitize" \
        -DCMAKE_SHARED_LINKER_FLAGS="$sanitize"
    cmake --build "$dir" -j2
    (cd -- "$dir" && ctest --output-on-failure)
}

build_and_test "$build_dir" "${CC:-cc}"
if [ "${REDIR_CLANG:-1}" != 0 ] && have clang >/dev/null; then
    build_and_test "$build_dir-clang" clang
fi
echo "run.sh: all tests passed"
