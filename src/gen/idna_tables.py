#!/usr/bin/env python3
"""Generate src/idna_tables.h, the Unicode data of redir's IDNA (UTS #46)
and NFC code, from the Unicode Character Database files.

    python3 src/gen/idna_tables.py -o src/idna_tables.h ../shared/unicode/17.0.0

or `cmake --build BUILD --target idna_tables`. With --check FILE it
compares instead of writing and exits 1 when FILE differs (the ctest
`idna_tables`). A missing data directory exits 77 (skipped), or 1 when
the CI environment variable is set.

The output is deterministic: the same files give the same bytes.

Tables (all `static const`, read by src/idna.c only):
  - a three-stage trie from code point to a property class: UTS #46
    status, Bidi_Class (reduced), Joining_Type, General_Category=Mark,
    whether the code point decomposes and whether it is the second of a
    primary composite; the class table also gives the combining class;
  - the UTS #46 mappings as runs (a run maps start, start+stride, ... to
    target, target+stride, ...) or as sequences in a pool;
  - the canonical decompositions (one level) and the primary composites.

SPDX-License-Identifier: MIT
"""
import os
import sys

MAX_CP = 0x110000
# The trie covers code points below TRIE_END. Above it every code point is
# disallowed but for the variation selectors E0100..E01EF, which are
# ignored; src/idna.c knows this and the generator checks it.
TRIE_END = 0x40000
IGNORED_HIGH = (0xE0100, 0xE01EF)
UNICODE_FILES = [
    "IdnaMappingTable.txt",
    "UnicodeData.txt",
    "CompositionExclusions.txt",
    "DerivedNormalizationProps.txt",
    "DerivedBidiClass.txt",
    "DerivedJoiningType.txt",
    "DerivedCombiningClass.txt",
    "DerivedGeneralCategory.txt",
]

# Status values (2 bits). UTS #46 nontransitional processing treats
# deviation as valid.
ST_VALID, ST_MAPPED, ST_IGNORED, ST_DISALLOWED = range(4)
# Bidi classes the RFC 5893 rules name; everything else is OTHER.
BIDI = ["L", "R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM",
        "OTHER"]
BIDI_LONG = {"Left_To_Right": "L", "Right_To_Left": "R",
             "Arabic_Letter": "AL", "European_Terminator": "ET"}
# Joining types (RFC 5892 CONTEXTJ uses L, D, R and T).
JT = ["U", "C", "D", "L", "R", "T"]


def records(path):
    """Yield (first, last, [fields]) of a UCD file, comments stripped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            r = fields[0].split("..")
            first = int(r[0], 16)
            last = int(r[1], 16) if len(r) > 1 else first
            yield first, last, fields[1:]


def missing(path):
    """Yield (first, last, value) of a file's @missing lines, in order."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# @missing:"):
                rng, value = [x.strip() for x in line[11:].split(";")[:2]]
                a, b = rng.split("..")
                yield int(a, 16), int(b, 16), value


def fill(table, first, last, value):
    for cp in range(first, last + 1):
        table[cp] = value


def load(d):
    p = lambda name: os.path.join(d, name)
    status = [ST_DISALLOWED] * MAX_CP
    mapping = {}
    for a, b, f in records(p("IdnaMappingTable.txt")):
        kind = f[0]
        if kind in ("valid", "deviation"):
            fill(status, a, b, ST_VALID)
        elif kind == "ignored":
            fill(status, a, b, ST_IGNORED)
        elif kind == "mapped":
            fill(status, a, b, ST_MAPPED)
            target = [int(x, 16) for x in f[1].split()]
            for cp in range(a, b + 1):
                mapping[cp] = target
        elif kind == "disallowed":
            fill(status, a, b, ST_DISALLOWED)
        else:
            raise SystemExit("IdnaMappingTable: unknown status " + kind)

    bidi = ["L"] * MAX_CP
    for a, b, v in missing(p("DerivedBidiClass.txt")):
        fill(bidi, a, b, BIDI_LONG[v])
    for a, b, f in records(p("DerivedBidiClass.txt")):
        fill(bidi, a, b, f[0] if f[0] in BIDI else "OTHER")

    jt = ["U"] * MAX_CP
    for a, b, f in records(p("DerivedJoiningType.txt")):
        fill(jt, a, b, f[0])

    mark = [False] * MAX_CP
    for a, b, f in records(p("DerivedGeneralCategory.txt")):
        if f[0] in ("Mn", "Mc", "Me"):
            fill(mark, a, b, True)

    ccc = [0] * MAX_CP
    for a, b, f in records(p("DerivedCombiningClass.txt")):
        fill(ccc, a, b, int(f[0]))

    excluded = set()
    for a, b, f in records(p("DerivedNormalizationProps.txt")):
        if f[0] == "Full_Composition_Exclusion":
            excluded.update(range(a, b + 1))

    decomp = {}
    with open(p("UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            u = line.split(";")
            if u[5] and not u[5].startswith("<"):
                decomp[int(u[0], 16)] = [int(x, 16) for x in u[5].split()]
    # CompositionExclusions.txt is covered by Full_Composition_Exclusion;
    # read it to check that.
    for a, b, _ in records(p("CompositionExclusions.txt")):
        for cp in range(a, b + 1):
            assert cp in excluded, "exclusion %04X not derived" % cp
    return status, mapping, bidi, jt, mark, ccc, decomp, excluded


def mapping_runs(mapping):
    """Runs (start, count, stride, target) of single code point mappings
    with a constant offset, and sequences (start, 1, 1, [cps...])."""
    runs = []
    done = set()
    for cp in sorted(mapping):
        if cp in done:
            continue
        t = mapping[cp]
        if len(t) != 1:
            runs.append((cp, 1, 1, t))
            done.add(cp)
            continue
        best = (1, 1)
        for stride in (1, 2):
            n = 1
            while n < 1024:
                nxt = cp + n * stride
                tn = mapping.get(nxt)
                if nxt in done or tn is None or len(tn) != 1 or \
                        tn[0] - nxt != t[0] - cp:
                    break
                n += 1
            if n > best[0]:
                best = (n, stride)
        n, stride = best
        runs.append((cp, n, stride, t[0]))
        for k in range(n):
            done.add(cp + k * stride)
    assert len(done) == len(mapping)
    return runs


def trie(values, shifts):
    """Three-stage trie of `values` (one small int a code point): returns
    (stage1, stage2, leaves) with shifts (s1, s2): leaf blocks of 2**s2
    entries, middle blocks of 2**(s1-s2)."""
    s1, s2 = shifts
    leaf_size = 1 << s2
    leaves, leaf_index, leaf_ids = [], {}, []
    for base in range(0, TRIE_END, leaf_size):
        block = tuple(values[base:base + leaf_size])
        if block not in leaf_index:
            leaf_index[block] = len(leaves)
            leaves.append(block)
        leaf_ids.append(leaf_index[block])
    mid_size = 1 << (s1 - s2)
    mids, mid_index, stage1 = [], {}, []
    for i in range(0, len(leaf_ids), mid_size):
        block = tuple(leaf_ids[i:i + mid_size])
        if block not in mid_index:
            mid_index[block] = len(mids)
            mids.append(block)
        stage1.append(mid_index[block])
    return stage1, mids, leaves


def c_array(ctype, name, values, per_line=12, fmt="%d"):
    out = ["static const %s %s[%d] = {" % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        out.append("    " + ", ".join(fmt % v for v in values[i:i + per_line])
                   + ",")
    out.append("};")
    return "\n".join(out)


def main(argv):
    check = output = None
    args = list(argv[1:])
    while len(args) >= 2 and args[0] in ("--check", "-o"):
        if args[0] == "--check":
            check = args[1]
        else:
            output = args[1]
        args = args[2:]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    d = args[0]
    if not os.path.isfile(os.path.join(d, UNICODE_FILES[0])):
        sys.stderr.write("idna_tables: no Unicode data in %s\n" % d)
        return 1 if os.environ.get("CI") else 77
    status, mapping, bidi, jt, mark, ccc, decomp, excluded = load(d)

    # Canonical decompositions are at most two code points a level, and
    # the second never decomposes: a full decomposition is a loop on the
    # first (src/idna.c relies on both).
    for cp, t in decomp.items():
        assert 1 <= len(t) <= 2, "%04X" % cp
        assert len(t) == 1 or t[1] not in decomp, "%04X" % cp
    composites = sorted(cp for cp, t in decomp.items()
                        if len(t) == 2 and cp not in excluded)
    second_of = set(decomp[cp][1] for cp in composites)

    for cp in range(TRIE_END, MAX_CP):
        want = ST_IGNORED if IGNORED_HIGH[0] <= cp <= IGNORED_HIGH[1] \
            else ST_DISALLOWED
        assert status[cp] == want and cp not in decomp and ccc[cp] == 0, \
            "%04X" % cp
    classes, class_index, values = [], {}, []
    for cp in range(TRIE_END):
        key = (status[cp], BIDI.index(bidi[cp]), JT.index(jt[cp]),
               int(mark[cp]), int(cp in decomp), int(cp in second_of),
               ccc[cp])
        if key not in class_index:
            class_index[key] = len(classes)
            classes.append(key)
        values.append(class_index[key])
    assert len(classes) <= 256, len(classes)

    best = None
    for s1 in range(8, 15):
        for s2 in range(3, s1):
            st1, mids, leaves = trie(values, (s1, s2))
            mid_bytes = 1 if len(leaves) <= 256 else 2
            size = len(st1) * (1 if len(mids) <= 256 else 2) + \
                len(mids) * len(mids[0]) * mid_bytes + \
                len(leaves) * len(leaves[0])
            if best is None or size < best[0]:
                best = (size, s1, s2, st1, mids, leaves)
    size, s1, s2, st1, mids, leaves = best

    runs = mapping_runs(mapping)
    pool = []
    run_words = []
    for start, n, stride, target in runs:
        assert n <= 1024
        w0 = start << 11 | (n - 1) << 1 | (stride - 1)
        if isinstance(target, list):
            units = []
            for cp in target:
                if cp < 0x10000:
                    assert not 0xD800 <= cp < 0xE000
                    units.append(cp)
                else:
                    units += [0xD800 + ((cp - 0x10000) >> 10),
                              0xDC00 + ((cp - 0x10000) & 0x3FF)]
            assert len(units) < 32 and len(pool) < (1 << 16)
            w1 = 0x80000000 | len(units) << 16 | len(pool)
            pool.extend(units)
        else:
            w1 = target
        run_words.append((w0, w1))

    # One-level decompositions, sorted by code point: cp, first, second.
    # BMP-only entries first as 16-bit triples, then the others as 32-bit
    # ones; an index below IDNA_DECOMP16 is in the first table.
    bmp = lambda cp: cp < 0x10000 and all(x < 0x10000 for x in decomp[cp])
    dec = sorted(cp for cp in decomp if bmp(cp)) + \
        sorted(cp for cp in decomp if not bmp(cp))
    n16 = sum(1 for cp in decomp if bmp(cp))
    dec_words = []
    for cp in dec:
        t = decomp[cp] + [0]
        dec_words.append((cp, t[0], t[1]))
    comp_index = sorted(range(len(dec)),
                        key=lambda i: (dec_words[i][1], dec_words[i][2]))
    comp_index = [i for i in comp_index if dec[i] in composites]

    version = os.path.basename(os.path.normpath(d))
    files = ",\n * ".join(UNICODE_FILES[:-1]) + " and " + UNICODE_FILES[-1]
    h = []
    h.append("/*\n * idna_tables.h - Unicode %s data for src/idna.c. GENERATED "
             "by\n * src/gen/idna_tables.py from the Unicode Character "
             "Database files\n * %s.\n * Do not edit: regenerate with "
             "`cmake --build BUILD --target idna_tables`.\n *\n"
             " * Unicode data: Copyright (c) Unicode, Inc., under the Unicode "
             "License v3\n * (see ../shared/unicode/LICENSE-unicode.txt).\n"
             " */" % (version, files))
    h.append("#ifndef REDIR_IDNA_TABLES_H\n#define REDIR_IDNA_TABLES_H\n")
    h.append("/* clang-format off */")
    h.append("#define IDNA_UNICODE_VERSION \"%s\"" % version)
    h.append("#define IDNA_SHIFT1 %d\n#define IDNA_SHIFT2 %d" % (s1, s2))
    h.append("")
    h.append("/* Code points below IDNA_TRIE_END have a class in the trie. */")
    h.append("#define IDNA_TRIE_END 0x%X" % TRIE_END)
    h.append("#define IDNA_IGNORED_FIRST 0x%X\n#define IDNA_IGNORED_LAST 0x%X"
             % IGNORED_HIGH)
    h.append("/* Class bits: status 0-1, bidi 2-5, joining type 6-8, mark 9,"
             "\n * decomposes 10, second of a primary composite 11. */")
    bits = [k[0] | k[1] << 2 | k[2] << 6 | k[3] << 9 | k[4] << 10 |
            k[5] << 11 for k in classes]
    h.append(c_array("uint16_t", "idna_class_bits", bits, 10, "0x%04x"))
    h.append(c_array("uint8_t", "idna_class_ccc", [k[6] for k in classes],
                     16))
    t1 = "uint8_t" if len(mids) <= 256 else "uint16_t"
    t2 = "uint8_t" if len(leaves) <= 256 else "uint16_t"
    h.append(c_array(t1, "idna_stage1", st1, 16))
    h.append(c_array(t2, "idna_stage2", [x for m in mids for x in m], 16))
    h.append(c_array("uint8_t", "idna_stage3",
                     [x for b in leaves for x in b], 16))
    h.append("")
    h.append("/* Mappings: word 0 is start << 11 | (count - 1) << 1 | "
             "(stride - 1);\n * word 1 the first target, or 0x80000000 | "
             "length << 16 | offset\n * into idna_map_pool, which is UTF-16. */")
    h.append(c_array("uint32_t", "idna_map_runs",
                     [w for p in run_words for w in p], 6, "0x%08x"))
    h.append(c_array("uint16_t", "idna_map_pool", pool, 9, "0x%04x"))
    h.append("")
    h.append("/* Canonical decompositions, one level: code point, first, "
             "second (0: none). */")
    h.append("#define IDNA_DECOMP16 %d" % n16)
    h.append(c_array("uint16_t", "idna_decomp16",
                     [w for t in dec_words[:n16] for w in t], 9, "0x%04x"))
    h.append(c_array("uint32_t", "idna_decomp32",
                     [w for t in dec_words[n16:] for w in t], 6, "0x%05x"))
    h.append("/* Primary composites: indexes into idna_decomp, sorted by "
             "(first, second). */")
    h.append(c_array("uint16_t", "idna_comp", comp_index, 12))
    h.append("/* clang-format on */")
    h.append("\n#endif")
    text = "\n".join(h) + "\n"

    sys.stderr.write(
        "idna_tables: %d classes; trie %d+%d+%d entries (shifts %d/%d, "
        "%d bytes); %d mapping runs, pool %d; %d decompositions, "
        "%d composites\n" % (len(classes), len(st1), len(mids) * len(mids[0]),
                             len(leaves) * len(leaves[0]), s1, s2, size,
                             len(runs), len(pool), len(dec), len(comp_index)))
    if check is not None:
        with open(check, encoding="utf-8") as f:
            if f.read() != text:
                sys.stderr.write("idna_tables: %s differs from what the "
                                 "generator makes of %s\n" % (check, d))
                return 1
        sys.stderr.write("idna_tables: %s matches\n" % check)
        return 0
    if output is not None:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
