#!/usr/bin/env bash
# examples/redir.sh - build the `redir` tool if needed, then run it with the
# given arguments. The README's first command: it works on a fresh Debian or
# Ubuntu machine (installing cmake and a C compiler when run as root).
#
#   bash examples/redir.sh resolve 'http://a/b/c/d;p?q' '../g'
#   bash examples/redir.sh follow POST https://shop.example/cart 303=/checkout
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${REDIR_BUILD_DIR:-$root/build-release}

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "examples/redir.sh: missing ${missing[*]}; install with:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

# Configure once; rebuild every time (a no-op when nothing changed).
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DREDIR_BUILD_TESTS=OFF -DREDIR_BUILD_EXAMPLES=ON >/dev/null
fi
cmake --build "$build" --target redir_tool -j2 >/dev/null
exec "$build/examples/redir" "$@"
