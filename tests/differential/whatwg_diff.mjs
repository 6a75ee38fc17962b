// whatwg_diff.mjs - differential test of redir's WHATWG mode against the
// URL Standard's reference implementation, the npm package whatwg-url.
//
//   node whatwg_diff.mjs --redir PATH --shared DIR --npm-dir DIR
//                        [--count N] [--seed S] [--show K] [--only-http 1]
//                        [--no-ipv6 1]
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
// A third of the pairs are generated around internationalized hosts:
// labels from a palette of mixed scripts, right-to-left letters and
// digits, joiners after and without a virama, combining marks, full-width
// letters, digits and dots, ideographic full stops, deviation letters,
// ignored and disallowed code points, and "xn--" labels (valid Punycode
// of such text, and broken Punycode), raw or percent-encoded.
//
// redir's IDNA tables are Unicode 17.0.0 (../shared/unicode); whatwg-url's
// tr46 has those of its own Unicode version, and its NFC is Node's. The
// code points whose UTS 46 status or mapping, General_Category=Mark,
// virama class, Bidi_Class or Joining_Type differ between the two (as
// tr46's tables and regular expressions give them) are listed; a
// difference is accepted only for a pair whose text holds one of them
// (raw, percent-decoded, or inside an "xn--" label), and counted apart.
// In a build without IDNA, redir failing with idna-unsupported on an
// input whose host may need UTS 46 is accepted too. With --only-http 1
// (a build with REDIR_ONLY_HTTP), a pair whose input or base has a
// scheme other than http and https must fail with scheme-unsupported
// (counted apart), or with any status when its base fails to parse;
// every other pair is compared as ever. With --no-ipv6 1 (REDIR_NO_IPV6),
// ipv6-unsupported is accepted, and counted apart, for a pair that fails
// in whatwg-url or whose result or base has an IPv6 host.
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
import { domainToUnicode } from "node:url";

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
    o.only_http = o.only_http === "1";
    o.no_ipv6 = o.no_ipv6 === "1";
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

// ---- internationalized hosts ---------------------------------------------
const IDNA_PALETTE = [
    "a", "B", "z", "0", "9", "-", "é", "ü", "Ö", "ß", "ς", "Σ", "ı", "İ", "æ",
    "ж", "Д", "α", "Ω", "中", "文", "日本", "한", "글", "ㄱ", "ア", "ｱ", "ｶﾞ",
    "א", "ב", "ש", "ا", "ل", "ب", "ي", "٣", "۵", "१", "क", "्", "ष", "\u200c",
    "\u200d", "\u0301", "\u0308", "\u0323", "\u05b0", "\u064b", "\u093c",
    "e\u0301", "Ａ", "ｚ", "１", "０", "ⓛ", "①", "⒈", "ﬃ", "ǆ", "㌀", "℡",
    "\u00ad", "\u200b", "\ufe0f", "\u{e0100}", "\u034f", "\u2060", "\u0080",
    "\ufffd", "\u{1f600}", "\u{10fffd}", "\u{1d400}", "\u2488", "_", "~",
    "\u0640", "\u0628\u200c\u0628", "\u0915\u094d\u200d", "\u0660",
];
const IDNA_DOTS = [".", ".", ".", "\u3002", "\uff0e", "\uff61"];
const IDNA_ACE = ["bcher-kva", "fa-hia", "a", "", "-", "9ca", "zca", "mgb",
    "abc-", "ls8h", "xn--a", "a-ecp", "0ca", "99999999999"];

function encodeAce(r, punycode) {
    let label = "";
    for (let k = 1 + Math.floor(r() * 4); k > 0; k--)
        label += IDNA_PALETTE[Math.floor(r() * IDNA_PALETTE.length)];
    try {
        return punycode.encode(label.normalize("NFC").toLowerCase());
    } catch {
        return "a";
    }
}

function idnaHost(r, punycode) {
    let host = "";
    for (let n = 1 + Math.floor(r() * 3), i = 0; i < n; i++) {
        if (i > 0) host += IDNA_DOTS[Math.floor(r() * IDNA_DOTS.length)];
        const x = r();
        if (x < 0.15) {
            host += (r() < 0.2 ? "XN--" : "xn--") +
                (r() < 0.5 ? encodeAce(r, punycode) : IDNA_ACE[Math.floor(r() * IDNA_ACE.length)]);
        } else if (x < 0.3) {
            host += ["example", "com", "de", "local", "localhost", "127", "0x7f"][Math.floor(r() * 7)];
        } else {
            for (let k = 1 + Math.floor(r() * 5); k > 0; k--)
                host += IDNA_PALETTE[Math.floor(r() * IDNA_PALETTE.length)];
        }
    }
    if (r() < 0.2) host += ".";
    return host;
}

function idnaPairs(r, count, punycode) {
    const bases = ["https://a.example/b/c", "http://x/", "https://ü.example/p?q",
        "wss://h/x", "file:///C:/a", "sc://h/a", "ftp://h/"];
    const out = [];
    for (let i = 0; i < count; i++) {
        let host = Buffer.from(idnaHost(r, punycode), "utf8");
        if (r() < 0.15) // percent-encode the non-ASCII bytes
            host = Buffer.from([...host].map((c) => (c >= 0x80 ? "%" + c.toString(16).toUpperCase() : String.fromCharCode(c))).join(""), "latin1");
        const shape = r();
        const pre = shape < 0.5 ? ["https://", "http://", "ws://", "file://", "sc://"][Math.floor(r() * 5)] : "//";
        let input = Buffer.concat([Buffer.from(pre), host, Buffer.from(r() < 0.3 ? ":8080/p" : "/p")]);
        if (r() < 0.3) input = mutate(r, input);
        out.push([Buffer.from(bases[Math.floor(r() * bases.length)]), input]);
    }
    return out;
}

// ---- Unicode version differences ------------------------------------------
function* ucd(path) {
    for (const line of readFileSync(path, "utf8").split("\n")) {
        const l = line.split("#")[0].trim();
        if (!l) continue;
        const f = l.split(";").map((x) => x.trim());
        const [a, b] = f[0].split("..").map((x) => parseInt(x, 16));
        yield [a, b === undefined ? a : b, f.slice(1)];
    }
}

function* missing(path) {
    for (const line of readFileSync(path, "utf8").split("\n")) {
        const m = /^# @missing: ([0-9A-F]+)\.\.([0-9A-F]+); (\w+)/.exec(line);
        if (m) yield [parseInt(m[1], 16), parseInt(m[2], 16), m[3]];
    }
}

const BIDI_LONG = { Left_To_Right: "L", Right_To_Left: "R", Arabic_Letter: "AL", European_Terminator: "ET" };

// Per code point, in one version: the UTS 46 status/mapping and what the
// IDNA rules ask of its properties. `ours` reads the UCD files redir's
// tables come from; `theirs` asks tr46's tables and regular expressions.
function oursSignatures(dir) {
    const N = 0x110000, f = (n) => join(dir, n);
    const st = new Array(N).fill("d");
    for (const [a, b, x] of ucd(f("IdnaMappingTable.txt"))) {
        const v = x[0] === "valid" || x[0] === "deviation" ? "v" : x[0] === "ignored" ? "i"
            : x[0] === "mapped" ? "m" + String.fromCodePoint(...x[1].split(" ").map((h) => parseInt(h, 16))) : "d";
        for (let c = a; c <= b; c++) st[c] = v;
    }
    const bidi = new Array(N).fill("L");
    for (const [a, b, v] of missing(f("DerivedBidiClass.txt"))) for (let c = a; c <= b; c++) bidi[c] = BIDI_LONG[v];
    for (const [a, b, x] of ucd(f("DerivedBidiClass.txt"))) for (let c = a; c <= b; c++) bidi[c] = x[0];
    const jt = new Array(N).fill("U");
    for (const [a, b, x] of ucd(f("DerivedJoiningType.txt"))) for (let c = a; c <= b; c++) jt[c] = x[0];
    const mark = new Uint8Array(N), virama = new Uint8Array(N);
    for (const [a, b, x] of ucd(f("DerivedGeneralCategory.txt")))
        if (x[0][0] === "M") for (let c = a; c <= b; c++) mark[c] = 1;
    for (const [a, b, x] of ucd(f("DerivedCombiningClass.txt")))
        if (x[0] === "9") for (let c = a; c <= b; c++) virama[c] = 1;
    const sig = new Array(N);
    const inb = (c, set) => set.includes(bidi[c]);
    for (let c = 0; c < N; c++)
        sig[c] = [st[c], mark[c], virama[c], inb(c, ["R", "AL", "AN"]), bidi[c] === "L",
            inb(c, ["R", "AL"]), inb(c, ["R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"]),
            inb(c, ["R", "AL", "EN", "AN"]), inb(c, ["R", "AL", "EN", "AN", "NSM"]), bidi[c] === "EN",
            bidi[c] === "AN", inb(c, ["L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"]), inb(c, ["L", "EN"]),
            ["L", "D"].includes(jt[c]), ["R", "D"].includes(jt[c]), ["L", "D", "T"].includes(jt[c])].join("|");
    return sig;
}

function theirsSignatures(npmDir) {
    const req = createRequire(join(npmDir, "node_modules", "tr46", "index.js"));
    const table = req("./lib/mappingTable.json"), rx = req("./lib/regexes.js");
    const N = 0x110000, st = new Array(N).fill("d");
    for (const [range, status, mapping] of table) {
        const [a, b] = Array.isArray(range) ? range : [range, range];
        const v = status === 2 || status === 6 ? "v" : status === 7 ? "i" : status === 1 ? "m" + mapping : "d";
        for (let c = a; c <= b; c++) st[c] = v;
    }
    const sig = new Array(N);
    const B = "\u0628", H = "\u05d0"; // ARABIC LETTER BEH (joining D), HEBREW ALEF (R)
    for (let c = 0; c < N; c++) {
        if (c >= 0xd800 && c < 0xe000) { sig[c] = null; continue; }
        const s = String.fromCodePoint(c), t = (re, x) => (re.test(x) ? 1 : 0);
        sig[c] = [st[c], t(rx.combiningMarks, s), t(rx.combiningClassVirama, s), t(rx.bidiDomain, s) === 1,
            t(rx.bidiS1LTR, s) === 1, t(rx.bidiS1RTL, s) === 1, t(rx.bidiS2, s) === 1, t(rx.bidiS3, s) === 1,
            t(rx.bidiS3, H + s) === 1, t(rx.bidiS4EN, s) === 1, t(rx.bidiS4AN, s) === 1, t(rx.bidiS5, s) === 1,
            t(rx.bidiS6, s) === 1, t(rx.validZWNJ, s + "\u200c" + B) === 1, t(rx.validZWNJ, B + "\u200c" + s) === 1,
            t(rx.validZWNJ, B + s + "\u200c" + B) === 1].join("|");
    }
    return sig;
}

// The code points whose IDNA behaviour differs between the versions, and
// those that map to one of them.
function versionDifferences(shared, npmDir) {
    const ours = oursSignatures(join(shared, "unicode", "17.0.0"));
    const theirs = theirsSignatures(npmDir);
    const diff = new Set();
    // Code points disallowed in both differ in nothing that matters.
    for (let c = 0; c < 0x110000; c++)
        if (theirs[c] !== null && ours[c] !== theirs[c] && !(ours[c][0] === "d" && theirs[c][0] === "d"))
            diff.add(c);
    for (let c = 0; c < 0x110000; c++)
        for (const sig of [ours[c], theirs[c] ?? ""])
            if (sig.startsWith("m") && [...sig.split("|")[0].slice(1)].some((x) => diff.has(x.codePointAt(0))))
                diff.add(c);
    return diff;
}

function ranges(set) {
    const v = [...set].sort((x, y) => x - y), out = [];
    const hex = (c) => "U+" + c.toString(16).toUpperCase().padStart(4, "0");
    for (let i = 0; i < v.length;) {
        let j = i;
        while (j + 1 < v.length && v[j + 1] === v[j] + 1) j++;
        out.push(i === j ? hex(v[i]) : hex(v[i]) + ".." + hex(v[j]));
        i = j + 1;
    }
    return out;
}

// Whether the text of a pair holds a code point of `diff`: as written,
// percent-decoded, or inside an "xn--" label.
function touches(diff, pair) {
    for (const buf of pair) {
        if (buf === null) continue;
        const texts = [decoder.decode(buf)];
        try { texts.push(decoder.decode(Buffer.from(decodeURIComponent(buf.toString("latin1").replace(/%(?![0-9a-fA-F]{2})/g, "%25")), "latin1"))); } catch { /* not decodable */ }
        for (const t of [...texts]) texts.push(domainToUnicode(t.replace(/^([a-z]+:)?[/\\]*|[/\\?#:].*$/gi, "")));
        for (const t of texts)
            for (const ch of t.normalize("NFD"))
                if (diff.has(ch.codePointAt(0))) return true;
    }
    return false;
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

// Whether the URL Standard's parser finds in buf a scheme that is not
// http or https: C0 controls and spaces trimmed, tabs and newlines
// removed, as it does.
function otherScheme(buf) {
    if (buf === null) return false;
    const text = buf.toString("latin1").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "").replace(/[\t\n\r]/g, "");
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
    return m !== null && !["http", "https"].includes(m[1].toLowerCase());
}

function show(what, pair, a, b) {
    // ill-formed UTF-8 is shown as escaped bytes
    const f = (x) => (x === null ? "(no base)" : Buffer.from(decoder.decode(x)).equals(x)
        ? JSON.stringify(decoder.decode(x)) : JSON.stringify(escapeField(x)).replace(/[\x80-\xff]/g,
            (c) => "\\x" + c.charCodeAt(0).toString(16)));
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
    const punycode = createRequire(join(o.npm_dir, "node_modules", "tr46", "index.js"))("punycode/");
    const nIdna = Math.floor(o.count / 3);
    const pairs = generate(o.seed, o.count - nIdna, seeds).concat(idnaPairs(rng(o.seed ^ 0x1d4a), nIdna, punycode));
    console.log(`whatwg_diff: seed ${o.seed}, ${pairs.length} pairs from ${seeds.wptCount} WPT cases and ${seeds.pairs.length - seeds.wptCount} Locations, ${nIdna} of them around internationalized hosts; whatwg-url ${WHATWG_URL_VERSION}`);
    const diffCps = versionDifferences(o.shared, o.npm_dir);
    const diffRanges = ranges(diffCps);
    console.log(`Unicode 17.0.0 (redir) and tr46's data differ for ${diffCps.size} code points: ${diffRanges.join(" ")} (${diffRanges.length} ranges)`);

    const lines = pairs.map(([base, input]) => (base === null ? "" : escapeField(base)) + "\t" + escapeField(input));
    const got = runBatch(o.redir, ["resolve", "--mode", "whatwg", "--batch"], lines);

    let same = 0, bothFail = 0, idna = 0, version = 0, diffs = 0, idnaSame = 0, idnaFail = 0, other = 0, v6 = 0;
    const idnaFrom = pairs.length - nIdna;
    const agreed = []; // [pair, record, href]
    for (let i = 0; i < pairs.length; i++) {
        const rec = reference(w, pairs[i][0], pairs[i][1]);
        const href = rec === null ? null : w.serializeURL(rec);
        const g = got[i];
        if (o.no_ipv6 && g === "!ipv6-unsupported") {
            const b = pairs[i][0] === null ? null : reference(w, null, pairs[i][0]);
            if (rec === null || Array.isArray(rec.host) || (b !== null && Array.isArray(b.host))) { v6++; continue; }
        }
        if (o.only_http && (otherScheme(pairs[i][0]) || otherScheme(pairs[i][1]))) {
            // a base that fails fails first, whatever the input's scheme
            const badBase = pairs[i][0] !== null && reference(w, null, pairs[i][0]) === null;
            if (g === "!scheme-unsupported") { other++; continue; }
            if (badBase && g.startsWith("!")) { bothFail++; continue; }
            if (++diffs <= o.show) show("not refused (another scheme)", pairs[i], g, "!scheme-unsupported");
            continue;
        }
        if (g.startsWith("!")) {
            if (g === "!idna-unsupported" && (mayNeedIdna(pairs[i][0]) || mayNeedIdna(pairs[i][1]))) {
                idna++;
                continue;
            }
            if (href === null) { bothFail++; idnaFail += i >= idnaFrom; continue; }
        } else if (href !== null && unescapeLine(g).equals(Buffer.from(href, "utf8"))) {
            same++;
            idnaSame += i >= idnaFrom;
            agreed.push([pairs[i], rec, href]);
            continue;
        }
        if (touches(diffCps, pairs[i])) { version++; continue; }
        if (++diffs <= o.show) show("href differs", pairs[i], g, href === null ? "failure" : JSON.stringify(href));
    }
    console.log(`href: ${same} equal, ${bothFail} fail in both, ${idna} idna-unsupported (host may need IDNA), ${version} on code points the Unicode versions treat differently, ${diffs} differences`);
    if (o.only_http) console.log(`  scheme-unsupported, as required (input or base not http or https): ${other}`);
    if (o.no_ipv6) console.log(`  ipv6-unsupported (a failure, or an IPv6 host in the result or the base): ${v6}`);

    console.log(`  of which around internationalized hosts: ${idnaSame} equal, ${idnaFail} fail in both (of ${nIdna})`);

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

    const passed = same + bothFail + idna + version + compSame;
    console.log(`${passed} passed, ${diffs + compDiffs} failed`);
    process.exit(diffs + compDiffs === 0 ? 0 : 1);
}

main();
