// whatwg_diff.mjs - differential test of redir's WHATWG mode against the
// URL Standard's reference implementation, the npm package whatwg-url.
//
//   node whatwg_diff.mjs --redir PATH --shared DIR --npm-dir DIR
//                        [--count N] [--seed S] [--show K]
//
// Generates a deterministic set of (base, input) pairs from the seed:
// mutations of the WPT urltestdata inputs and of the Location corpus
// (../shared/bench/locations.tsv), with bases mutated or swapped for
// non-special, file:, blob: and data: URLs. Every pair is resolved by
// `redir resolve --batch --mode whatwg` and by whatwg-url in this one
// process; the hrefs (or failure against failure) must agree. Then every
// href both agree on is parsed again by `redir parse --batch` and its
// components are compared with whatwg-url's URL record, so that a wrong
// component cannot hide behind a right href.
//
// The only accepted difference: redir failing with idna-unsupported on
// an input whose host may need UTS 46 (a byte >= 0x80 or a percent-
// encoded one in the base or input), until redir has IDNA.
//
// whatwg-url is installed, pinned, into --npm-dir on first use. Exit 0
// when there is no difference, 1 otherwise, 77 when whatwg-url cannot be
// had outside CI (skipped).
//
// SPDX-License-Identifier: MIT

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const WHATWG_URL_VERSION = "17.3.0";

function parseArgs(argv) {
    const o = { count: 200000, seed: 1, show: 20 };
    for (let i = 2; i < argv.length; i += 2) {
        const k = argv[i].replace(/^--/, "").replace(/-/g, "_");
        o[k] = argv[i + 1];
    }
    for (const k of ["redir", "shared", "npm_dir"])
        if (!o[k]) {
            console.error(`whatwg_diff: --${k.replace("_", "-")} is required`);
            process.exit(2);
        }
    o.count = Number(o.count);
    o.seed = Number(o.seed) >>> 0;
    o.show = Number(o.show);
    return o;
}

// Loads whatwg-url from the build tree, installing the pinned version
// there when it is missing.
function loadWhatwgUrl(dir) {
    const pkg = join(dir, "node_modules", "whatwg-url", "package.json");
    const have = existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).version;
    if (have !== WHATWG_URL_VERSION) {
        try {
            execFileSync("npm", ["install", "--prefix", dir, "--no-save",
                "--no-audit", "--no-fund", "--loglevel=error",
                `whatwg-url@${WHATWG_URL_VERSION}`], { stdio: "inherit" });
        } catch (e) {
            console.log(`whatwg_diff: cannot install whatwg-url@${WHATWG_URL_VERSION}: ${e.message}`);
            process.exit(process.env.CI ? 1 : 77);
        }
    }
    return createRequire(join(dir, "package.json"))("whatwg-url");
}

// ---- deterministic randomness (mulberry32) ---------------------------------
function rng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

// ---- seeds -----------------------------------------------------------------
function unescapeTsv(s) {
    return s.replace(/\\(.)/g, (_, c) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c);
}

function loadSeeds(shared) {
    const pairs = [];
    const wpt = JSON.parse(readFileSync(join(shared, "conformance", "urltestdata.json"), "utf8"));
    for (const c of wpt)
        if (typeof c === "object" && typeof c.input === "string")
            pairs.push([c.base === null || c.base === undefined ? null : Buffer.from(c.base),
                Buffer.from(c.input)]);
    const wptCount = pairs.length;
    const tsv = readFileSync(join(shared, "bench", "locations.tsv"), "utf8").split("\n");
    for (const line of tsv) {
        const f = line.split("\t");
        if (f.length >= 2) pairs.push([Buffer.from(unescapeTsv(f[0])), Buffer.from(unescapeTsv(f[1]))]);
    }
    return { pairs, wptCount };
}

const EXTRA_BASES = [
    "sc://host/a/b?q#f", "sc:/a/b", "sc:opaque?q", "file:///C:/a/b", "file://host/dir/f",
    "file:///", "blob:https://a.example/uuid", "data:text/plain,hi", "about:blank",
    "mailto:x@y", "non-spec:/a/b", "ws://h:1/x", "wss://h/x/", "ftp://u:p@h/a/b",
    "http://[::1]:8080/a/b", "https://0x7f.1/p?q", "http://a.example/%2e%2E/x",
].map((s) => Buffer.from(s));

const b = (...x) => Buffer.from(x);
const TOKENS = [
    "/", "\\", ".", "..", "%2e", "%2E", ".%2e", "?", "#", "@", ":", "[", "]", "^", "`",
    "{", "}", "|", "<", ">", "\"", "'", "\t", "\n", "\r", "\0", " ", "0", "1", "7",
    "9", "255", "256", "0x", "0X1", "xn--", "XN--a", "%", "%25", "%00", "%0a", "%41",
    "%zz", "//", "http:", "https://", "file:", "a", "A", "-", "+", ":80", ":65536",
    ":0", "[::1]", "[v1.a]", "1.2.3.4", "0x7f.1", "localhost", "C:", "c|", "é",
    "€", "\u{1d518}", "Ａ", "%C3%A9", "\u00ad", "\x7f", "\x01", "\x1f",
].map((s) => Buffer.from(s)).concat([
    b(0xff), b(0xc3), b(0xe2, 0x82), b(0xed, 0xa0, 0x80), b(0xf4, 0x90, 0x80, 0x80),
    b(0xc0, 0xaf), b(0x80),
]);

function mutate(r, s) {
    const pos = () => Math.floor(r() * (s.length + 1));
    const tok = () => TOKENS[Math.floor(r() * TOKENS.length)];
    const k = Math.floor(r() * 6);
    const p = pos();
    switch (k) {
    case 0: case 1: // insert
        return Buffer.concat([s.subarray(0, p), tok(), s.subarray(p)]);
    case 2: { // delete 1-3 bytes
        const n = 1 + Math.floor(r() * 3);
        return Buffer.concat([s.subarray(0, p), s.subarray(p + n)]);
    }
    case 3: { // replace 1-2 bytes with a token
        const n = 1 + Math.floor(r() * 2);
        return Buffer.concat([s.subarray(0, p), tok(), s.subarray(p + n)]);
    }
    case 4: { // duplicate a piece
        const q = pos(), a = Math.min(p, q), e = Math.max(p, q);
        return Buffer.concat([s.subarray(0, e), s.subarray(a, e), s.subarray(e)]);
    }
    default: { // flip the case of one byte
        if (s.length === 0) return s;
        const t = Buffer.from(s), i = Math.min(p, s.length - 1);
        if ((t[i] | 0x20) >= 0x61 && (t[i] | 0x20) <= 0x7a) t[i] ^= 0x20;
        return t;
    }
    }
}

function generate(seed, count, seeds) {
    const r = rng(seed);
    const out = [];
    for (let i = 0; i < count; i++) {
        const fromWpt = r() < 0.4;
        const idx = fromWpt ? Math.floor(r() * seeds.wptCount)
            : seeds.wptCount + Math.floor(r() * (seeds.pairs.length - seeds.wptCount));
        let [base, input] = seeds.pairs[idx];
        const m = 1 + Math.floor(r() * 3);
        for (let j = 0; j < m; j++) input = mutate(r, input);
        const x = r();
        if (x < 0.1) base = null;
        else if (x < 0.25) base = EXTRA_BASES[Math.floor(r() * EXTRA_BASES.length)];
        else if (x < 0.45 && base !== null) base = mutate(r, base);
        if (base !== null && base.length === 0) base = null; // "" is no base for the tool
        out.push([base, input]);
    }
    return out;
}

// ---- the two implementations ----------------------------------------------
function escapeField(buf) {
    let s = "";
    for (const c of buf) {
        if (c === 0x5c) s += "\\\\";
        else if (c === 0x09) s += "\\t";
        else if (c === 0x0a) s += "\\n";
        else if (c === 0x0d) s += "\\r";
        else if (c < 0x20 || c === 0x7f) s += "\\x" + c.toString(16).padStart(2, "0");
        else s += String.fromCharCode(c); // latin1: bytes kept as they are
    }
    return s;
}

function unescapeLine(line) { // the tool's escapes back to bytes (latin1)
    return Buffer.from(line.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, c) =>
        c[0] === "x" && c.length === 3 ? String.fromCharCode(parseInt(c.slice(1), 16))
            : ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c]), "latin1");
}

function runBatch(redir, args, lines) {
    const input = Buffer.from(lines.join("\n") + "\n", "latin1");
    const res = spawnSync(redir, args, { input, maxBuffer: 1 << 30 });
    if (res.status !== 0) {
        console.log(`whatwg_diff: ${redir} ${args.join(" ")} exited ${res.status}: ${res.stderr}`);
        process.exit(1);
    }
    const out = res.stdout.toString("latin1").split("\n");
    out.pop();
    if (out.length !== lines.length) {
        console.log(`whatwg_diff: ${lines.length} lines in, ${out.length} out`);
        process.exit(1);
    }
    return out;
}

const decoder = new TextDecoder("utf-8"); // the Encoding Standard's decoder

function reference(w, base, input) {
    let baseURL;
    if (base !== null) {
        baseURL = w.parseURL(decoder.decode(base));
        if (baseURL === null) return null;
    }
    return w.parseURL(decoder.decode(input), baseURL === undefined ? {} : { baseURL });
}

function mayNeedIdna(buf) {
    if (buf === null) return false;
    for (let i = 0; i < buf.length; i++) {
        if (buf[i] >= 0x80) return true;
        if (buf[i] === 0x25 && i + 2 < buf.length && /[89a-fA-F]/.test(String.fromCharCode(buf[i + 1])))
            return true;
    }
    return false;
}

function show(what, pair, a, b) {
    const f = (x) => (x === null ? "(no base)" : JSON.stringify(decoder.decode(x)));
    console.log(`  ${what}: base ${f(pair[0])} input ${f(pair[1])}\n    redir:      ${a}\n    whatwg-url: ${b}`);
}

// Components of a URL record as `redir parse` names them.
function components(w, rec) {
    const user = rec.username + (rec.password !== "" ? ":" + rec.password : "");
    const c = {
        scheme: rec.scheme,
        userinfo: rec.username === "" && rec.password === "" ? null : user,
        host: rec.host === null ? null : w.serializeHost(rec.host),
        port: rec.port === null ? null : String(rec.port),
        path: w.serializePath(rec),
        query: rec.query,
        fragment: rec.fragment,
    };
    if (rec.scheme === "http" || rec.scheme === "https")
        c.origin = w.serializeURLOrigin(rec);
    return c;
}

function main() {
    const o = parseArgs(process.argv);
    const w = loadWhatwgUrl(o.npm_dir);
    const seeds = loadSeeds(o.shared);
    const pairs = generate(o.seed, o.count, seeds);
    console.log(`whatwg_diff: seed ${o.seed}, ${pairs.length} pairs from ${seeds.wptCount} WPT cases and ${seeds.pairs.length - seeds.wptCount} Locations; whatwg-url ${WHATWG_URL_VERSION}`);

    const lines = pairs.map(([base, input]) => (base === null ? "" : escapeField(base)) + "\t" + escapeField(input));
    const got = runBatch(o.redir, ["resolve", "--mode", "whatwg", "--batch"], lines);

    let same = 0, bothFail = 0, idna = 0, diffs = 0;
    const agreed = []; // [pair, record, href]
    for (let i = 0; i < pairs.length; i++) {
        const rec = reference(w, pairs[i][0], pairs[i][1]);
        const href = rec === null ? null : w.serializeURL(rec);
        const g = got[i];
        if (g.startsWith("!")) {
            if (g === "!idna-unsupported" && (mayNeedIdna(pairs[i][0]) || mayNeedIdna(pairs[i][1]))) {
                idna++;
                continue;
            }
            if (href === null) { bothFail++; continue; }
        } else if (href !== null && unescapeLine(g).equals(Buffer.from(href, "utf8"))) {
            same++;
            agreed.push([pairs[i], rec, href]);
            continue;
        }
        if (++diffs <= o.show) show("href differs", pairs[i], g, href === null ? "failure" : JSON.stringify(href));
    }
    console.log(`href: ${same} equal, ${bothFail} fail in both, ${idna} idna-unsupported (host may need IDNA), ${diffs} differences`);

    // Components of every agreed href, parsed again by redir.
    const parsed = runBatch(o.redir, ["parse", "--mode", "whatwg", "--batch"],
        agreed.map(([, , href]) => escapeField(Buffer.from(href, "utf8"))));
    let compSame = 0, compDiffs = 0;
    for (let i = 0; i < agreed.length; i++) {
        const [pair, rec] = agreed[i];
        const want = components(w, rec);
        let ok = !parsed[i].startsWith("!");
        let have = parsed[i];
        if (ok) {
            const j = JSON.parse(parsed[i]);
            for (const k of Object.keys(want)) if (j[k] !== want[k]) ok = false;
            have = JSON.stringify(j);
        }
        if (ok) { compSame++; continue; }
        if (++compDiffs <= o.show) show("components differ", pair, have, JSON.stringify(want));
    }
    console.log(`components: ${compSame} equal, ${compDiffs} differences (of ${agreed.length} agreed hrefs)`);

    const passed = same + bothFail + idna + compSame;
    console.log(`${passed} passed, ${diffs + compDiffs} failed`);
    process.exit(diffs + compDiffs === 0 ? 0 : 1);
}

main();
