#!/usr/bin/env python3
"""firmware.py - the firmware tests: link bare-metal images of the library
and report (and bound) what the library takes in them, or run one in QEMU.

  firmware.py size ROOT WORK   link the size images for a Cortex-M0+ and
                               for RV32IMC; print the library's bytes in
                               each; fail when an ARM figure is above its
                               ceiling
  firmware.py run ROOT WORK    link tests/firmware/run_tables.c for the
                               micro:bit and run it in qemu-system-arm;
                               fail on a wrong answer, a fault or a hang
  firmware.py stack ROOT WORK  the worst-case stack of every public
                               function on a Cortex-M0+, from GCC's call
                               graph (-fcallgraph-info=su); fail above a
                               ceiling, on recursion, an indirect call or
                               a frame of dynamic size

ROOT is the repository, WORK a scratch directory (emptied). Exit status:
0 pass, 1 fail, 77 skipped (a tool is missing and CI is unset; under CI a
missing tool fails).

The library's share of an image is the sum of the .text and .rodata input
sections that came from its objects (the linker's map), after
--gc-sections: what a firmware that calls those functions pays in flash.
"""
import json
import os
import re
import shutil
import subprocess
import sys

# The library as a firmware build takes it: no IDNA, small limits.
SMALL = ["-DREDIR_NO_IDNA", "-DREDIR_URL_MAX=512", "-DREDIR_HOST_MAX=64",
         "-DREDIR_LOOP_SLOTS=4"]

# target: (compiler, code flags, flags that find libc's headers: Debian's
# RISC-V compiler has them only through picolibc's specs).
TARGETS = {
    "arm": ("arm-none-eabi-gcc", ["-mcpu=cortex-m0plus", "-mthumb"], []),
    "riscv": ("riscv64-unknown-elf-gcc", ["-march=rv32imc", "-mabi=ilp32"],
              ["--specs=picolibc.specs"]),
}

# image: (main source, extra flags, ARM ceiling in bytes, goal). A
# ceiling is today's size plus a little: a change that grows an image
# past it must lower something else or raise the ceiling in the open.
# A goal is an int (bytes of the whole image) or GOAL_SPLIT, and an image
# above its goal fails as one above its ceiling does.
#
# GOAL_SPLIT: the goal of the smallest fetch image. The firmware issue
# asked for 8 KiB in all; the URL Standard's parser alone, exact for
# http and https, takes 5.6 KB of it, and no trimming brought the whole
# below 12.5 KB. So the policy core's own code (every object but
# whatwg.o) is held to the 8 KiB, and the parser it needs to its own
# 6 KiB (README, Embedding).
GOAL_SPLIT = {"whatwg": 6144, "rest": 8192}
IMAGES = [
    ("policy core, fetch", "size_policy.c", [], 24300, None),
    ("policy core, fetch, no SSRF guard", "size_policy.c",
     ["-DREDIR_NO_SSRF"], 23800, None),
    ("policy core, fetch, no fast path", "size_policy.c",
     ["-DREDIR_NO_FAST_PATH"], 22500, None),
    ("policy core, fetch, no curl", "size_policy.c", ["-DREDIR_NO_CURL"],
     20700, None),
    ("policy core, fetch, no file:", "size_policy.c", ["-DREDIR_NO_FILE"],
     23800, None),
    ("policy core, fetch, every switch", "size_policy.c",
     ["-DREDIR_NO_CURL", "-DREDIR_NO_FILE", "-DREDIR_NO_SSRF",
      "-DREDIR_NO_STATUS_TEXT", "-DREDIR_NO_FAST_PATH"], 16400, None),
    ("policy core, fetch only, every switch", "size_policy.c",
     ["-DREDIR_ONLY_PROFILE=FETCH", "-DREDIR_NO_CURL", "-DREDIR_NO_FILE",
      "-DREDIR_NO_SSRF", "-DREDIR_NO_STATUS_TEXT", "-DREDIR_NO_FAST_PATH"],
     14800, None),
    ("policy core, fetch only, http only, every switch", "size_policy.c",
     ["-DREDIR_ONLY_PROFILE=FETCH", "-DREDIR_ONLY_HTTP", "-DREDIR_NO_CURL",
      "-DREDIR_NO_FILE", "-DREDIR_NO_SSRF", "-DREDIR_NO_STATUS_TEXT",
      "-DREDIR_NO_FAST_PATH"], 13900, None),
    ("policy core, fetch only, http only, no IPv6, every switch",
     "size_policy.c",
     ["-DREDIR_ONLY_PROFILE=FETCH", "-DREDIR_ONLY_HTTP", "-DREDIR_NO_IPV6",
      "-DREDIR_NO_CURL", "-DREDIR_NO_FILE", "-DREDIR_NO_SSRF",
      "-DREDIR_NO_STATUS_TEXT", "-DREDIR_NO_FAST_PATH"], 12900, GOAL_SPLIT),
    ("policy core, curl, no WHATWG", "size_policy.c",
     ["-DSIZE_PROFILE=REDIR_PROFILE_CURL", "-DREDIR_NO_WHATWG"], 13800, None),
    ("RFC 3986 resolver", "size_rfc.c", [], 16200, None),
    ("RFC 3986 resolver, no WHATWG", "size_rfc.c", ["-DREDIR_NO_WHATWG"],
     5700, None),
    ("RFC 3986 resolver, no WHATWG, no curl", "size_rfc.c",
     ["-DREDIR_NO_WHATWG", "-DREDIR_NO_CURL"], 4050, 4096),
    ("every API", "size_all.c", [], 31900, None),
    ("every API, no WHATWG, no status text", "size_all.c",
     ["-DREDIR_NO_WHATWG", "-DREDIR_NO_STATUS_TEXT"], 17100, None),
    ("every API, with IDNA", "size_all.c", ["-UREDIR_NO_IDNA"], 108000, None),
]

CFLAGS = ["-std=c99", "-Os", "-ffunction-sections", "-fdata-sections",
          "-ffreestanding", "-Wall", "-Wextra", "-Werror"]


def tool_or_skip(name):
    if shutil.which(name):
        return True
    if os.environ.get("CI"):
        print(f"FAIL: {name} not found (CI is set, so this is an error)")
        sys.exit(1)
    print(f"SKIP: {name} not found")
    sys.exit(77)


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if r.returncode != 0:
        print(" ".join(cmd))
        print(r.stdout)
        raise SystemExit(f"FAIL: {cmd[0]} exited {r.returncode}")
    return r.stdout


def link(root, work, target, name, main, extra):
    """Compiles the library and `main` for `target`, links them; returns
    the image's and the map file's paths."""
    cc, arch, headers = TARGETS[target]
    fw = os.path.join(root, "tests", "firmware")
    out = os.path.join(work, f"{target}-{name}")
    os.makedirs(out, exist_ok=True)
    flags = (CFLAGS + arch + headers + SMALL + extra +
             ["-I" + os.path.join(root, "include"), "-I" + fw,
              "-I" + os.path.join(root, "tests"), "-I" + work])
    objs = []
    srcs = sorted(os.path.join(root, "src", f)
                  for f in os.listdir(os.path.join(root, "src"))
                  if f.endswith(".c"))
    for src in srcs:
        obj = os.path.join(out, "lib_" + os.path.basename(src)[:-2] + ".o")
        run([cc] + flags + ["-c", src, "-o", obj])
        objs.append(obj)
    for src in (os.path.join(fw, "startup.c"), os.path.join(fw, main)):
        obj = os.path.join(out, "fw_" + os.path.basename(src)[:-2] + ".o")
        run([cc] + flags + ["-c", src, "-o", obj])
        objs.append(obj)
    elf = os.path.join(out, "image.elf")
    mapf = os.path.join(out, "image.map")
    run([cc] + arch + ["-nostdlib", "-T", os.path.join(fw, "microbit.ld"),
                       "-Wl,--gc-sections", "-Wl,-Map=" + mapf, "-o", elf]
        + objs + ["-lgcc"])
    return elf, mapf


def library_bytes(mapf):
    """Bytes of .text*/.rodata* input sections from lib_*.o in a map, by
    object ("whatwg" for lib_whatwg.o)."""
    by_obj, pending, on = {}, None, False
    for line in open(mapf):
        if line.startswith("Linker script and memory map"):
            on = True
            continue
        if not on:
            continue
        f = line.split()
        if len(f) == 1 and f[0].startswith("."):
            pending = f[0]
            continue
        if pending and len(f) == 3 and f[0].startswith("0x"):
            sect, size, obj = pending, f[1], f[2]
        elif len(f) == 4 and f[0].startswith(".") and f[1].startswith("0x"):
            sect, size, obj = f[0], f[2], f[3]
        else:
            pending = None
            continue
        pending = None
        m = re.search(r"lib_([a-z]+)\.o$", obj)
        if m and re.match(r"\.(text|rodata|srodata)", sect):
            by_obj[m.group(1)] = by_obj.get(m.group(1), 0) + int(size, 16)
    return by_obj


def goal_check(goal, by_obj):
    """(text for the goal column, whether the image misses its goal)."""
    if goal is None:
        return "-", False
    if isinstance(goal, int):
        return str(goal), sum(by_obj.values()) > goal
    w = by_obj.get("whatwg", 0)
    rest = sum(by_obj.values()) - w
    over = w > goal["whatwg"] or rest > goal["rest"]
    return (f"{goal['rest']} without whatwg.o ({rest}), whatwg.o "
            f"{goal['whatwg']} ({w})"), over


def struct_sizes(root, work, target, defines,
                 names=("redir_chain", "redir_policy", "redir_decision")):
    """sizeof of the caller-owned structs `names` for `target`, from a
    probe object's symbol sizes (nothing is linked or run)."""
    cc, arch, headers = TARGETS[target]
    probe = os.path.join(work, f"probe-{target}-{len(defines)}-{len(names)}.c")
    with open(probe, "w") as f:
        f.write('#include "redir.h"\n')
        for n in names:
            f.write(f"const char probe_{n}[sizeof({n})] = {{0}};\n")
    obj = probe[:-2] + ".o"
    run([cc] + arch + headers + defines +
        ["-I" + os.path.join(root, "include"), "-c", probe, "-o", obj])
    nm = cc.replace("-gcc", "-nm")
    sizes = {}
    for line in run([nm, "-S", obj]).splitlines():
        f = line.split()
        if len(f) == 4 and f[3].startswith("probe_"):
            sizes[f[3][6:]] = int(f[1], 16)
    return [sizes[n] for n in names]


def ram(root, work):
    """Prints the RAM a client gives redir: its structs, per target and
    configuration (the URL buffer it passes to redir_chain_next() is
    REDIR_URL_MAX bytes more)."""
    print("\nRAM: sizeof the caller-owned structs, bytes\n")
    print("| configuration | target | redir_chain | redir_policy | "
          "redir_decision |")
    print("|---|---|---|---|---|")
    for label, defines in (("default limits", []), ("small (URL 512, "
                           "host 64, 4 loop slots)", SMALL[1:])):
        for target in TARGETS:
            c, p, d = struct_sizes(root, work, target, defines)
            print(f"| {label} | {target} | {c} | {p} | {d} |")


def size(root, work):
    for cc, _, _ in TARGETS.values():
        tool_or_skip(cc)
    failed = False
    print("Library bytes in each image (gcc -Os, --gc-sections; no IDNA, "
          "REDIR_URL_MAX=512, REDIR_HOST_MAX=64, REDIR_LOOP_SLOTS=4)\n")
    print("| image | Cortex-M0+ | ceiling | goal | RV32IMC |")
    print("|---|---|---|---|---|")
    for name, main, extra, ceiling, goal in IMAGES:
        tag = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        by_obj = library_bytes(link(root, work, "arm", tag, main, extra)[1])
        arm = sum(by_obj.values())
        rv = sum(library_bytes(link(root, work, "riscv", tag, main,
                                    extra)[1]).values())
        over = arm > ceiling
        goal_text, missed = goal_check(goal, by_obj)
        failed |= over or missed
        print(f"| {name} | {arm} | {ceiling}{' OVER' if over else ''} | "
              f"{goal_text}{' MISSED' if missed else ''} | {rv} |")
    ram(root, work)
    if failed:
        print("\nFAIL: an image is above its ceiling or misses its goal")
        return 1
    print("\nPASS: every image within its ceiling and its goal")
    return 0


def c_string(s):
    """A C string literal of ASCII text (no trigraphs: '?' is escaped)."""
    return '"' + "".join("\\" + ch if ch in '\\"?' else ch for ch in s) + '"'


def write_wpt_cases(root, work):
    """wpt_cases.h: the WPT URL cases whose input, base and href are
    printable ASCII and whose href fits the small REDIR_URL_MAX. A case
    may end in idna-unsupported when it names an "xn--" label or holds a
    '%' (a percent-encoded host may decode to non-ASCII). A case whose
    input or base has a scheme other than http and https is marked: a
    library built with REDIR_ONLY_HTTP must refuse it; so is one whose
    href or base has an IPv6 host, which REDIR_NO_IPV6 must refuse."""
    path = os.path.join(root, "..", "shared", "conformance",
                        "urltestdata.json")
    if not os.path.exists(path):
        if os.environ.get("CI"):
            print(f"FAIL: {path} missing (CI is set)")
            sys.exit(1)
        print(f"SKIP: {path} missing")
        sys.exit(77)
    with open(path, encoding="utf-8") as f:
        cases = [c for c in json.load(f) if isinstance(c, dict)]

    def ascii(s):
        return s is None or all(32 <= ord(ch) < 127 for ch in s)

    def other_scheme(url):
        """Whether the URL Standard's parser finds in `url` a scheme that
        is not http or https (C0 controls and spaces trimmed, tabs and
        newlines removed, as it does)."""
        if url is None:
            return False
        url = re.sub(r"[\t\n\r]", "",
                     url.strip("".join(map(chr, range(0x21)))))
        m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
        return m is not None and m.group(1).lower() not in ("http", "https")

    def ipv6_host(url):
        """Whether a serialized URL's host is in brackets."""
        return url is not None and re.match(
            r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#@]*@)?\[", url) is not None

    rows = []
    for c in cases:
        inp, base, href = c["input"], c.get("base"), c.get("href")
        if "failure" in c:
            href = None
        if not (ascii(inp) and ascii(base) and ascii(href)):
            continue
        if href is not None and len(href) > 400:
            continue
        text = (inp + (base or "") + (href or "")).lower()
        maybe_idna = "xn--" in text or "%" in inp + (base or "")
        other = other_scheme(inp) or other_scheme(base)
        v6 = ipv6_host(href) or ipv6_host(base)
        rows.append("    {%s, %d, %s, %s, %d, %d, %d}," % (
            c_string(inp), len(inp),
            c_string(base) if base is not None else "NULL",
            c_string(href) if href is not None else "NULL",
            1 if maybe_idna else 0, 1 if other else 0, 1 if v6 else 0))
    with open(os.path.join(work, "wpt_cases.h"), "w") as f:
        f.write("/* Written by tests/firmware/firmware.py from "
                "urltestdata.json. */\n"
                "typedef struct wpt_case {\n"
                "    const char *input;\n    size_t input_len;\n"
                "    const char *base; /* NULL: none */\n"
                "    const char *href; /* NULL: failure */\n"
                "    int maybe_idna;\n"
                "    int other_scheme; /* input or base not http(s) */\n"
                "    int ipv6_host; /* href or base with an IPv6 host */\n"
                "} wpt_case;\n"
                "static const wpt_case wpt_cases[] = {\n")
        f.write("\n".join(rows) + "\n};\n")


# The emulated runs: the small configuration, and the same with the
# library keeping only the fetch profile and http and https URLs and
# leaving out curl's reading, the fast path and the sentences (the
# switches of the 8 KiB image whose answers the tables expect; the SSRF
# guard is left out in test_lean_browser).
RUNS = [
    ("run", []),
    ("run-fetch-only", ["-DREDIR_ONLY_PROFILE=FETCH",
                        "-DFW_KEPT_PROFILE=REDIR_PROFILE_FETCH",
                        "-DREDIR_ONLY_HTTP", "-DREDIR_NO_IPV6",
                        "-DREDIR_NO_CURL", "-DREDIR_NO_FAST_PATH",
                        "-DREDIR_NO_STATUS_TEXT"]),
]


def run_tables(root, work):
    tool_or_skip("arm-none-eabi-gcc")
    tool_or_skip("qemu-system-arm")
    write_wpt_cases(root, work)
    failed = 0
    for name, extra in RUNS:
        print(f"== {name}: {' '.join(SMALL + extra)}")
        elf, _ = link(root, work, "arm", name, "run_tables.c", extra)
        failed |= run_image(elf)
    return failed


def run_image(elf):
    cmd = ["qemu-system-arm", "-M", "microbit", "-nographic", "-monitor",
           "none", "-serial", "none", "-semihosting-config",
           "enable=on,target=native", "-kernel", elf]
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        print("FAIL: the emulated run did not end in 120 s")
        return 1
    print(r.stdout, end="")
    if r.returncode != 0 or "\nPASS" not in "\n" + r.stdout:
        print(f"FAIL: the emulated run exited {r.returncode}")
        return 1
    return 0


# Worst-case stack in bytes (default limits, no IDNA). The goal is 512
# for every public function. Two keep a redir_url_work on the stack: that
# is what they are for (the same resolution with the caller's work is
# redir_url_resolve_with(), held to 512), so their goal is 512 and the
# work's size. Ceilings are today's figure plus a little, as for sizes.
STACK_GOAL = 512
STACK_WORK_FUNCTIONS = ("redir_url_resolve", "redir_url_resolve_parsed")
STACK_CEILING = {
    "redir_url_resolve": 900,
    "redir_url_resolve_parsed": 950,
}


def public_functions(root):
    names = set()
    for h in os.listdir(os.path.join(root, "include")):
        text = open(os.path.join(root, "include", h)).read()
        for m in re.finditer(r"REDIR_API\s+[^;(]*?\b(redir_[a-z0-9_]+)\s*\(",
                             text):
            names.add(m.group(1))
    return sorted(names)


def call_graph(ci_files):
    """Frames and callees from GCC's .ci files (VCG). Static functions
    have unique names across the library (the single-file build needs
    that), so names identify functions."""
    frame, calls, bad = {}, {}, []
    node = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
    edge = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
    for ci in ci_files:
        for line in open(ci):
            m = node.match(line)
            if m:
                title, label = m.groups()
                s = re.search(r"\\n(\d+) bytes \((\w+)\)", label)
                if s:
                    frame[title] = int(s.group(1))
                    if s.group(2) != "static":
                        bad.append(f"{title}: {s.group(2)} frame")
                continue
            m = edge.match(line)
            if m:
                calls.setdefault(m.group(1), set()).add(m.group(2))
    return frame, calls, bad


def worst(fn, frame, calls):
    """The deepest path from fn, walked with an explicit stack; raises
    on a cycle or an indirect call. Functions outside the library (libc,
    libgcc helpers) count 0: a few words each."""
    memo, state = {}, {}
    todo = [(fn, False)]
    while todo:
        f, done = todo.pop()
        if done:
            memo[f] = frame.get(f, 0) + max(
                (memo[c] for c in calls.get(f, ())), default=0)
            state[f] = "done"
            continue
        if state.get(f) == "done":
            continue
        if state.get(f) == "open":
            raise ValueError(f"recursion through {f}")
        if f == "__indirect_call":
            raise ValueError("an indirect call")
        state[f] = "open"
        todo.append((f, True))
        for c in calls.get(f, ()):
            if state.get(c) == "open":
                raise ValueError(f"recursion through {c}")
            if state.get(c) != "done":
                todo.append((c, False))
    return memo[fn]


def stack(root, work):
    tool_or_skip("arm-none-eabi-gcc")
    cc, arch, _ = TARGETS["arm"]
    failed = False
    results = {}
    for label, extra in (("no IDNA", ["-DREDIR_NO_IDNA"]), ("IDNA", [])):
        out = os.path.join(work, label.replace(" ", "-"))
        os.makedirs(out)
        cis = []
        for f in sorted(os.listdir(os.path.join(root, "src"))):
            if f.endswith(".c"):
                obj = os.path.join(out, f[:-2] + ".o")
                run([cc] + CFLAGS + arch + extra +
                    ["-I" + os.path.join(root, "include"),
                     "-fcallgraph-info=su", "-c", os.path.join(root, "src", f),
                     "-o", obj])
                cis.append(obj[:-2] + ".ci")
        frame, calls, bad = call_graph(cis)
        for b in bad:
            print(f"FAIL: {b} ({label})")
            failed = True
        for fn in public_functions(root):
            try:
                results.setdefault(fn, {})[label] = worst(fn, frame, calls)
            except ValueError as e:
                print(f"FAIL: {fn}: {e} ({label})")
                failed = True
    work_size = struct_sizes(root, work, "arm", [], ("redir_url_work",))[0]
    print("Worst-case stack per public function, bytes (Cortex-M0+, gcc -Os,"
          " default limits; from -fcallgraph-info=su, libc and libgcc "
          "helpers not counted)\n")
    print(f"| function | no IDNA | ceiling | goal | with IDNA |")
    print("|---|---|---|---|---|")
    for fn, r in sorted(results.items(), key=lambda x: -x[1].get("no IDNA", 0)):
        n = r.get("no IDNA", 0)
        goal = STACK_GOAL + (work_size if fn in STACK_WORK_FUNCTIONS else 0)
        ceiling = min(STACK_CEILING.get(fn, goal), goal)
        over = n > ceiling
        failed |= over
        print(f"| {fn} | {n} | {ceiling}{' OVER' if over else ''} | "
              f"{goal} | {r.get('IDNA', 0)} |")
    print("\nFAIL: see above" if failed else
          "\nPASS: every public function within its ceiling")
    return 1 if failed else 0


def main():
    modes = {"size": size, "run": run_tables, "stack": stack}
    if len(sys.argv) != 4 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    mode, root, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sys.exit(modes[mode](root, work))


if __name__ == "__main__":
    main()
