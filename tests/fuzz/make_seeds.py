#!/usr/bin/env python3
"""make_seeds.py SHARED OUT - seed corpora for the fuzz targets.

Writes OUT/<target>/<n> files in each target's input format (see the
target's header comment) from ../shared: the WPT urltestdata cases and a
deterministic sample of the Location corpus. Does nothing when OUT
already holds them.
"""
import json
import os
import struct
import sys


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def b(s):
    return s.encode("utf-8", "surrogatepass").replace(b"\xed\xa0\x80", b"\xef\xbf\xbd") \
        if isinstance(s, str) else s


def main():
    shared, out = sys.argv[1], sys.argv[2]
    done = os.path.join(out, ".done")
    if os.path.exists(done):
        return
    wpt = [c for c in json.load(open(os.path.join(shared, "conformance", "urltestdata.json"),
                                     encoding="utf-8")) if isinstance(c, dict) and "input" in c]
    locs = []
    with open(os.path.join(shared, "bench", "locations.tsv"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            fields = line.rstrip("\n").split("\t")
            if i % 40 == 0 and len(fields) >= 2:
                locs.append((unescape(fields[0]), unescape(fields[1])))

    seeds = {"fuzz_resolve": [], "fuzz_parse": [], "fuzz_chain": [], "fuzz_host": [],
             "fuzz_idna": []}
    for name in ("toascii.json", "IdnaTestV2.json"):
        with open(os.path.join(shared, "conformance", name), encoding="utf-8") as f:
            for c in json.load(f):
                if isinstance(c, dict) and c.get("input"):
                    seeds["fuzz_idna"].append(b(c["input"]))
    for k, c in enumerate(wpt):
        base = c.get("base")
        inp = b(c["input"])
        bb = b"" if base is None else b(base)
        seeds["fuzz_resolve"].append(bytes([2]) + struct.pack("<HH", 0x2000,
                                     0xFFFF if base is None else len(bb)) + bb + inp)
        seeds["fuzz_parse"].append(inp)
        if c.get("hostname"):
            seeds["fuzz_host"].append(b(c["hostname"]))
    for k, (base, loc) in enumerate(locs):
        bb, lb = b(base), b(loc)
        seeds["fuzz_resolve"].append(bytes([k % 3]) + struct.pack("<HH", 0x2000 if k % 4 else 40,
                                     len(bb)) + bb + lb)
        seeds["fuzz_parse"].append(lb)
        start = bytes([k % 3, 0x40 if k % 5 == 0 else 0, k % 3, 0xFF, 9]) + b"X-Api-Key" + \
            bytes([7]) + b"X-Trace" + bytes([4]) + (b"POST" if k % 2 else b"GET ") [:4]
        start += struct.pack("<H", len(bb)) + bb + bytes([3])
        hop = struct.pack("<H", 0x8000 | (k % 5)) + bytes([0]) + struct.pack("<H", len(lb)) + lb
        final = struct.pack("<H", 200) + bytes([1]) + struct.pack("<H", 0)
        names = b"".join(bytes([len(n)]) + n for n in (b"Authorization", b"X-Trace", b"Accept",
                                                       b"Cookie:", b" Host", b"X-Api-Key"))
        seeds["fuzz_chain"].append(start + hop + final + names)
    for h in ("127.0.0.1", "0x7f.1", "2130706433", "0177.0.0.1", "[::1]", "[::ffff:10.0.0.1]",
              "169.254.169.254", "localhost", "a.localhost", "100.100.100.200",
              "[fd00:ec2::254]", "192.168.0.1.", "10.1", "example.com"):
        seeds["fuzz_host"].append(h.encode())

    for target, items in seeds.items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for i, data in enumerate(items):
            with open(os.path.join(d, "%05d" % i), "wb") as f:
                f.write(data)
    open(done, "w").close()


if __name__ == "__main__":
    main()
