#!/usr/bin/env python3
r"""harness.py - the interop test: redir's profiles against real clients.

Starts the local redirect server (server.py), runs every scenario of
scenarios.py through the real clients - curl 8.21.0 (-L and --follow),
Debian's curl 7.88.1, Node's built-in fetch(), headless Chromium and
Firefox ESR (a page's fetch(); iframe and top-level navigations for the
plain GETs; browsers.py) - and the `follow` and `curl_follow` examples
(one run per profile), records what reached the server, and compares hop
by hop, each real client with the profile that models it:

    node          Node's fetch             with  redir follow --profile fetch
    curl          curl 8.21 -L             with  --profile curl
    curl-follow   curl 8.21 --follow       with  --profile curl-follow
    curl-7.88     curl 7.88 -L             with  --profile curl-7.88
    chromium      Chromium fetch()         with  --profile chrome
    firefox       Firefox fetch()          with  --profile fetch
    chromium-nav, chromium-top             with  --profile chrome --navigate
    firefox-nav, firefox-top               with  --profile fetch --navigate
    follow-fetch  follow --profile fetch   with  Node's fetch
    follow-curl   follow --profile curl    with  curl 8.21 -L
    follow-strict follow --profile strict  with  redir follow --profile strict

and the same for curl_follow (the libcurl example, which also does https)
as for follow (plain http only).

Per hop it compares the method, the URL (scheme, host:port, path?query),
whether a body was sent, and which of the scenario's own headers were
sent; then how the chain ended (the final status, or an error). For the
examples it also checks that their "> METHOD URL" lines and final
status match what the server logged for them.

Every difference must be listed in known_differences.tsv, with its
reason; a difference not listed, or listed but no longer seen, fails the
test. README.md's compatibility section (between the compat markers) is
generated from the results and the list; it must match, and
--update-readme rewrites it.

By hand, from a build directory `build` (ctest passes the same paths):

    python3 tests/interop/harness.py --redir build/examples/redir \
        --follow build/examples/follow \
        --curl-follow build/examples/curl_follow \
        --readme README.md [--update-readme] [--only 'loc-*']

Exit status: 0 all checks passed, 1 a failure, 77 skipped (curl, node or
openssl missing and the environment variable CI not set; with CI set
that is a failure).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import fnmatch
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import browsers  # noqa: E402
import clients  # noqa: E402
import report  # noqa: E402
import scenarios  # noqa: E402
from clients import FirstRequest, Outcome, symbolize  # noqa: E402
from server import RedirectServer  # noqa: E402

SKIP = 77
KNOWN_FILE = os.path.join(HERE, "known_differences.tsv")

# The examples that follow redirects through redir on the wire, each run
# with every profile: (name, option giving its path, speaks https).
FOLLOWERS = [("follow", "follow", False), ("curl_follow", "curl_follow", True)]
# What each profile's run of an example is compared with.
REFERENCE = {"fetch": "node", "curl": "curl", "strict": "redir-strict"}
REFERENCE_TITLE = {"fetch": "Node fetch", "curl": "curl 8.21 -L",
                   "strict": "redir --profile strict"}
# The real clients: (run name, the redir profile that models it, title).
# curl is curl 8.21.0 from ../shared/clients (--curl8), curl-7.88 is
# Debian's curl, curl-follow is curl 8.21.0 with --follow instead of -L.
REAL = [
    ("node", "fetch", "fetch: Node fetch vs redir --profile fetch"),
    ("curl", "curl", "curl: curl 8.21 -L vs redir --profile curl"),
    ("curl-follow", "curl-follow",
     "curl-follow: curl 8.21 --follow vs redir --profile curl-follow"),
    ("curl-7.88", "curl-7.88",
     "curl-7.88: curl 7.88 -L vs redir --profile curl-7.88"),
]
# The browsers' runs: (run name, browser, kind, the redir profile and
# options that model it, title). fetch() runs every scenario but the
# streamed bodies; the iframe navigations run the plain GET ones.
BROWSER_RUNS = [
    ("chromium", "chromium", "fetch", "chrome", [],
     "chrome: Chromium fetch() vs redir --profile chrome"),
    ("firefox", "firefox", "fetch", "fetch", [],
     "fetch: Firefox fetch() vs redir --profile fetch"),
    ("chromium-nav", "chromium", "iframe", "chrome", ["--navigate"],
     "chrome navigation: Chromium iframe vs redir --profile chrome "
     "--navigate"),
    ("firefox-nav", "firefox", "iframe", "fetch", ["--navigate"],
     "fetch navigation: Firefox iframe vs redir --profile fetch --navigate"),
    ("chromium-top", "chromium", "top", "chrome", ["--navigate"],
     "chrome navigation: Chromium top-level vs redir --profile chrome "
     "--navigate"),
    ("firefox-top", "firefox", "top", "fetch", ["--navigate"],
     "fetch navigation: Firefox top-level vs redir --profile fetch "
     "--navigate"),
]
REAL_RUNS = tuple(run for run, _, _ in REAL) + tuple(
    r[0] for r in BROWSER_RUNS)


def make_checks(followers: list[str]) -> list[tuple[str, str, str, str]]:
    """The checks: (name, the run compared, the reference it is compared
    with, a title for the counts). The check's name is its run's name."""
    checks = [(run, run, f"redir-{profile}", title)
              for run, profile, title in REAL]
    checks += [(run, run, f"redir-{run}", title)
               for run, _, _, _, _, title in BROWSER_RUNS]
    for name in followers:
        for profile, ref in REFERENCE.items():
            checks.append((f"{name}-{profile}", f"{name}-{profile}", ref,
                           f"{name} --profile {profile} vs "
                           f"{REFERENCE_TITLE[profile]}"))
    return checks


def nav_end(last_status: int | None) -> str:
    """How a navigation ended, as the server saw it: the final 200, or the
    status of the last response when it was not followed (a page cannot
    tell an error from a response handed back in a cross-origin frame)."""
    if last_status is None:
        return "error"
    return "final 200" if last_status == 200 else f"stopped {last_status}"


def make_certificates(work: str) -> tuple[str, str, str]:
    """A throwaway CA and a certificate it signed for localhost, 127.0.0.1
    and ::1: (CA file, certificate file, key file). The browsers trust
    the CA; curl and Node are told not to check."""
    ca, ca_key = os.path.join(work, "ca.pem"), os.path.join(work, "ca.key")
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    csr, ext = os.path.join(work, "cert.csr"), os.path.join(work, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n"
                "basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n")
    steps = [
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
         "-keyout", ca_key, "-out", ca, "-days", "2",
         "-subj", "/CN=redir interop test CA", "-addext",
         "basicConstraints=critical,CA:TRUE", "-addext",
         "keyUsage=critical,keyCertSign,cRLSign"],
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
         "-out", csr, "-subj", "/CN=localhost"],
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key,
         "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext],
    ]
    for args in steps:
        proc = subprocess.run(args, capture_output=True, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError("openssl could not make a certificate: "
                               + proc.stderr.decode(errors="replace"))
    return ca, cert, key


def short(run: str) -> str:
    """How a run is named in a difference's text."""
    if run.startswith("redir-"):
        return "redir"
    if run in REAL_RUNS:
        return run
    return run.rpartition("-")[0] if "-" in run else run


@dataclass
class Check:
    """One comparison of one scenario: a line of the closing count."""

    scenario: str
    name: str
    hops: int = 0  # hop positions compared
    agree: int = 0  # ... that agreed
    end_agree: bool = True
    diff: str = ""  # the difference, "" when none
    errors: list[str] = field(default_factory=list)  # hard failures
    failed: bool = False


# How many differing hops a difference's text spells out.
SHOWN_HOPS = 2


def compare(a: Outcome, b: Outcome, a_name: str, b_name: str,
            ports: dict[str, int]) -> tuple[int, int, bool, str]:
    """Compare two chains hop by hop: (hops, agreeing hops, end agrees,
    the differences as one line of text, "" when they agree)."""
    n = max(len(a.hops), len(b.hops))
    parts, agree, shown = [], 0, 0
    for i in range(n):
        ha = a.hops[i] if i < len(a.hops) else None
        hb = b.hops[i] if i < len(b.hops) else None
        if ha == hb:
            agree += 1
            continue
        shown += 1
        if shown > SHOWN_HOPS:
            continue  # the first ones are enough to recognize it
        if ha is None or hb is None:
            ta = ha.text() if ha else "no request"
            tb = hb.text() if hb else "no request"
            parts.append(f"hop {i}: {a_name} {ta} / {b_name} {tb}")
            continue
        if ha.method != hb.method:
            parts.append(f"hop {i} method: {a_name} {ha.method} / "
                         f"{b_name} {hb.method}")
        if ha.url != hb.url:
            parts.append(f"hop {i} url: {a_name} {ha.url} / {b_name} {hb.url}")
        if ha.body != hb.body:
            word = {True: "sent", False: "not sent"}
            parts.append(f"hop {i} body: {a_name} {word[ha.body]} / "
                         f"{b_name} {word[hb.body]}")
        if ha.headers != hb.headers:
            def hs(h):
                return "{" + ",".join(sorted(h.headers)) + "}"
            parts.append(f"hop {i} headers: {a_name} {hs(ha)} / "
                         f"{b_name} {hs(hb)}")
    if shown > SHOWN_HOPS:
        parts.append(f"{shown - SHOWN_HOPS} more hops differ")
    end_ok = a.end == b.end
    if not end_ok:
        parts.append(f"end: {a_name} {a.end} / {b_name} {b.end}")
    text = "; ".join(parts)
    text = text.replace("\t", "\\t").replace("\n", "\\n")
    return n, agree, end_ok, symbolize(text, ports)


def follow_consistency(name: str, out: Outcome,
                       ports: dict[str, int]) -> list[str]:
    """Whether an example printed what the server logged for it: one
    "> METHOD URL" line per logged request, in order (one more line, for a
    URL no server answers, may end a failed run), and when it succeeded,
    "< HTTP/1.1 STATUS" with the status of the last logged response."""
    errors = []
    printed = [(m, clients.norm_url(u)) for m, u in out.printed]
    logged = [(h.method, h.url) for h in out.hops]
    rest = printed[len(logged):]
    if (printed[:len(logged)] != logged
            or any(clients.served(u, ports) for _, u in rest)):
        errors.append(f"{name} printed {printed} but the server logged "
                      f"{logged}")
    elif rest and (out.end != "error" or len(rest) > 1):
        errors.append(f"{name} printed requests it did not make: {rest}")
    if out.end.startswith("final ") and out.printed_status != out.last_status:
        errors.append(f"{name} exited 0 and printed the status "
                      f"{out.printed_status}, but the server's last "
                      f"response was {out.last_status}")
    return errors


class Harness:
    def __init__(self, opts: argparse.Namespace):
        self.opts = opts
        self.server: RedirectServer | None = None
        self.ports: dict[str, int] = {}
        self.ipv4first = False
        self.work = opts.work
        self.body_file = os.path.join(self.work, "body.txt")
        self.fetch_script = os.path.join(HERE, "fetch.mjs")
        # The examples given on the command line: (name, path, https).
        self.followers = [(name, getattr(opts, opt), tls)
                          for name, opt, tls in FOLLOWERS
                          if getattr(opts, opt)]
        self.follower_paths = {n: (p, t) for n, p, t in self.followers}
        self.checks = make_checks([n for n, _, _ in self.followers])
        self.browsers = [b for b in opts.browsers.split(",") if b]
        self.hub: browsers.Hub | None = None
        # redir's decisions depend only on what it is given: many runs
        # (a browser's iframe and top-level navigation, Node's and
        # Firefox's fetch of a plain GET) ask for the same chain.
        self._sims: dict[tuple, Outcome] = {}
        self._sims_lock = threading.Lock()
        self.ca = ""

    # --- running -------------------------------------------------------------

    def run_scenario(self, sc: scenarios.Scenario) -> dict[str, Outcome]:
        """Run one scenario through every client; return the outcome of
        each run, real and simulated, by name."""
        out: dict[str, Outcome] = {}
        names = sc.header_names
        runs = [run for run, _, _ in REAL]
        for name, path, tls in self.followers:
            if sc.body != "stream" and (tls or not sc.tls):
                runs += [f"{name}-{p}" for p in REFERENCE]
        for client in runs:
            tag = f"{sc.id}/{client}"
            if client == "curl":
                o = clients.run_curl(sc, tag, self.body_file, self.opts.curl8)
            elif client == "curl-follow":
                o = clients.run_curl(sc, tag, self.body_file, self.opts.curl8,
                                     "--follow")
            elif client == "curl-7.88":
                o = clients.run_curl(sc, tag, self.body_file)
            elif client == "node":
                o = clients.run_node(sc, tag, self.fetch_script,
                                     self.ipv4first)
            else:
                name, _, profile = client.rpartition("-")
                path, tls = self.follower_paths[name]
                o = clients.run_follow(sc, tag, path, profile,
                                       ["-k"] if tls else [])
            reqs = self.server.requests_of(tag)
            o.hops = [clients.hop_of(r, names) for r in reqs]
            o.first = reqs[0] if reqs else None
            o.last_status = reqs[-1].status if reqs else None
            out[client] = o
        for profile, source in [(p, run) for run, p, _ in REAL] + [
                ("strict", None)]:
            first = FirstRequest.of_scenario(sc)
            src = out.get(source) if source else None
            if src is not None and src.first is not None:
                first = FirstRequest.of_request(src.first, sc)
            out[f"redir-{profile}"] = self.simulate(profile, first, names, [])
        return out

    # --- browsers ------------------------------------------------------------

    def browser_plan(self, scs: list[scenarios.Scenario], run: str,
                     kind: str) -> list[browsers.Task]:
        """The tasks of one browser run, one per scenario it takes."""
        tasks = []
        for sc in scs:
            if sc.body == "stream":
                continue  # a stream upload needs HTTP/2 in Chromium
            tag = f"{sc.id}/{run}"
            if kind == "fetch":
                headers = {clients.RUN_HEADER: tag}
                headers.update(dict(sc.headers))
                tasks.append(browsers.Task(
                    tag, "fetch", sc.url, sc.method, headers,
                    scenarios.BODY if sc.body != "none" else None))
            elif sc.method == "GET" and not sc.headers and (
                    sc.id.startswith(("loc-", "limit-", "multi-"))):
                tasks.append(browsers.Task(tag, kind, sc.url))
        return tasks

    def run_browsers(self, scs: list[scenarios.Scenario]) -> list[str]:
        """Every browser's plan, all browsers at once; the problems."""
        hub = browsers.Hub(self.server.activity)
        self.server.hub = hub
        self.hub = hub
        for name in self.browsers:
            tasks = []
            for run, b, kind, _, _, _ in BROWSER_RUNS:
                if b == name:
                    tasks += self.browser_plan(scs, run, kind)
            hub.add(name, tasks)
        url = f"http://127.0.0.1:{self.ports['plain1']}/__ctl?b="
        problems: list[str] = []
        threads = [threading.Thread(
            target=lambda n=n: problems.append(browsers.run(
                n, hub, self.work, self.ca, url + n)))
            for n in self.browsers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return [p for p in problems if p]

    def browser_outcomes(self, sc: scenarios.Scenario,
                         out: dict[str, Outcome]) -> None:
        """The browsers' runs of one scenario, and redir's decisions for
        the same first requests, into `out`."""
        names = sc.header_names
        for run, b, kind, profile, extra, _ in BROWSER_RUNS:
            tag = f"{sc.id}/{run}"
            if b not in self.browsers or not any(
                    t.id == tag for t in self.hub.plans[b]):
                continue
            r = self.hub.results[b].get(tag, {"result": "missing"})
            reqs = self.server.requests_of(tag)
            o = Outcome(hops=[clients.hop_of(q, names) for q in reqs],
                        detail=str(r))
            o.first = reqs[0] if reqs else None
            o.last_status = reqs[-1].status if reqs else None
            if kind == "fetch":
                o.end = (f"final {r['status']}" if r["result"] == "response"
                         else "error")
            else:
                o.end = nav_end(o.last_status)
            out[run] = o
            first = FirstRequest.of_scenario(sc)
            if o.first is not None:
                first = FirstRequest.of_request(o.first, sc)
            sim = self.simulate(profile, first, names, extra)
            if kind != "fetch":
                sim.end = nav_end(sim.last_status)
            out[f"redir-{run}"] = sim

    def check_guard(self) -> list[str]:
        """The examples' SSRF guard is on by default: a redirect to the
        cloud metadata address fails (private-address) and no request
        goes there; only the first request reaches the server."""
        problems = []
        p1 = self.ports["plain1"]
        url = scenarios.r(302, "http://169.254.169.254/latest/meta-data/",
                          f"http://127.0.0.1:{p1}")
        for name, path, _ in self.followers:
            tag = f"guard/{name}"
            proc = clients._run([path, "-H", f"{clients.RUN_HEADER}: {tag}",
                                 url], env=clients.client_env())
            err = proc.stderr.decode("utf-8", "replace")
            reqs = self.server.requests_of(tag)
            if (proc.returncode != 1 or "private-address" not in err
                    or len(reqs) != 1):
                problems.append(f"{name} without --allow-private: exit "
                                f"{proc.returncode}, {len(reqs)} requests, "
                                f"stderr {err.strip()!r}")
        print(f"interop: SSRF guard on by default in "
              f"{len(self.followers) - len(problems)} of "
              f"{len(self.followers)} examples")
        return problems

    def simulate(self, profile: str, first: FirstRequest, names: list[str],
                 extra: list[str]) -> Outcome:
        """clients.simulate(), once per distinct input; a copy each time,
        since callers adjust the outcome's end."""
        key = (profile, tuple(extra), first.method, first.url, first.body,
               tuple(first.headers), tuple(names))
        with self._sims_lock:
            known = self._sims.get(key)
        if known is None:
            known = clients.simulate(self.opts.redir, profile, first,
                                     self.ports, names, extra)
            with self._sims_lock:
                self._sims[key] = known
        return copy.copy(known)

    def start(self) -> None:
        os.makedirs(self.work, exist_ok=True)
        with open(self.body_file, "w") as f:
            f.write(scenarios.BODY)
        self.ca, cert, key = make_certificates(self.work)
        self.server = RedirectServer(cert, key)
        self.server.start()
        self.ports = dict(self.server.ports)
        if not self.server.ipv6:
            # Node 20 may try ::1 first for localhost; with no IPv6 loopback
            # it must be told to prefer IPv4.
            self.ipv4first = True
            print("interop: ::1 is not available: serving 127.0.0.1 only, "
                  "running node with --dns-result-order=ipv4first")

    def write_log(self, path: str) -> None:
        """Every request the server saw, one per line, for people."""
        with open(path, "w", encoding="utf-8") as f:
            for r in self.server.log:
                headers = "; ".join(f"{n}: {v}" for n, v in r.headers)
                location = ("-" if r.location is None else
                            r.location.decode("utf-8", "backslashreplace"))
                f.write(f"{r.seq}\t{r.run}\t{r.scheme}\t{r.method}\t"
                        f"{r.host}\t{r.target}\tbody={r.body_len}\t"
                        f"{r.status}\t{location!r}\t{headers}\n")
            for e in self.server.errors:
                f.write(f"# a connection was dropped: {e}\n")

    def expire(self) -> None:
        """The deadline passed: stop every client (the run then fails)."""
        print(f"interop: not done after {self.opts.deadline} s: stopping",
              flush=True)
        clients.kill_all()

    def stop(self) -> None:
        if self.server:
            self.server.stop()
            self.server = None

    # --- the whole test ------------------------------------------------------

    def run_all(self, scs: list[scenarios.Scenario]
                ) -> dict[str, dict[str, Outcome]]:
        """Run every scenario (several at once); outcomes by scenario id."""
        # A backstop for the whole run, on top of every client's own
        # timeout: past it, every subprocess is killed.
        watchdog = threading.Timer(self.opts.deadline, self.expire)
        watchdog.daemon = True
        watchdog.start()
        pool = concurrent.futures.ThreadPoolExecutor(self.opts.jobs)
        try:
            problems: list[str] = []
            runner = threading.Thread(
                target=lambda: problems.extend(self.run_browsers(scs)))
            if self.browsers:
                runner.start()
            results = list(pool.map(self.run_scenario, scs))
            if self.browsers:
                runner.join()
                self.browser_problems = problems
                list(pool.map(lambda a: self.browser_outcomes(*a),
                              zip(scs, results)))
        except BaseException:
            clients.kill_all()  # a signal, Ctrl-C or the deadline
            raise
        finally:
            watchdog.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
        return {sc.id: res for sc, res in zip(scs, results)}

    def evaluate(self, scs: list[scenarios.Scenario],
                 outcomes: dict[str, dict[str, Outcome]],
                 known: dict[tuple[str, str], report.Known]) -> list[Check]:
        """Every check, compared and matched with the known differences:
        a check fails on a difference not listed (or listed otherwise), on
        a listed one that did not happen, and on an example whose output
        does not match the server's log."""
        checks: list[Check] = []
        for sc in scs:
            res = outcomes[sc.id]
            for name, run, ref, _ in self.checks:
                if run not in res or ref not in res:
                    continue
                c = Check(sc.id, name)
                c.hops, c.agree, c.end_agree, c.diff = compare(
                    res[ref], res[run], short(ref), short(run), self.ports)
                if run not in REAL_RUNS:
                    c.errors += follow_consistency(short(run), res[run],
                                                   self.ports)
                want = known.get((sc.id, name))
                listed = want.what if want else ""
                c.failed = bool(c.errors) or c.diff != listed
                checks.append(c)
        return checks

    def print_failure(self, c: Check, res: dict[str, Outcome],
                      want: report.Known | None) -> None:
        """Why a check failed, and what each side did, hop by hop."""
        run = {n: (r, f) for n, r, f, _ in self.checks}[c.name]
        print(f"FAIL {c.scenario} [{c.name}]")
        for e in c.errors:
            print(f"    {symbolize(e, self.ports)}")
        if c.diff and want is None:
            print(f"    a new difference: {c.diff}")
        elif c.diff and want.what != c.diff:
            print(f"    differs: {c.diff}")
            print(f"    but the list has: {want.what}")
        elif want is not None and not c.diff:
            print(f"    listed, but no longer happens: {want.what}")
        for who in run:
            o = res[who]
            print(f"    {who}: {o.end} ({symbolize(o.detail, self.ports)})")
            for i, h in enumerate(o.hops):
                print(f"      {i} {symbolize(h.text(), self.ports)}")

    def main(self) -> int:
        opts = self.opts
        t0 = time.monotonic()
        curl = " ".join(tool_version(["curl", "--version"]).split()[:2])
        curl8 = " ".join(tool_version([opts.curl8, "--version"]).split()[:2])
        print(f"interop: {curl8} ({opts.curl8}), {curl}, node "
              f"{tool_version(['node', '--version'])}, "
              f"{len(self.followers)} redirect-following examples")
        for b in self.browsers:
            print(f"interop: {b}: {browsers.version(b)}")
        for name, opt, _ in FOLLOWERS:
            if not getattr(opts, opt):
                print(f"interop: the {name} example is not built: its "
                      "checks are skipped")
        known = report.load_known(opts.known)
        self.start()
        try:
            scs = scenarios.build(self.ports)
            if opts.only:
                scs = [s for s in scs if fnmatch.fnmatch(s.id, opts.only)]
            outcomes = self.run_all(scs)
            guard_problems = self.check_guard()
            untagged = self.server.untagged()
            self.write_log(os.path.join(self.work, "requests.log"))
        finally:
            self.stop()

        checks = self.evaluate(scs, outcomes, known)
        for c in checks:
            if c.failed:
                self.print_failure(c, outcomes[c.scenario],
                                   known.get((c.scenario, c.name)))
        # Failures that are not one scenario's check.
        other = 0
        ran = {(c.scenario, c.name) for c in checks}
        absent = [n + "-" for n, opt, _ in FOLLOWERS if not getattr(opts, opt)]
        skipped = {run for run, b, _, _, _, _ in BROWSER_RUNS
                   if b not in self.browsers}
        for k in known.values():
            if ((k.scenario, k.client) in ran or opts.only
                    or k.client in skipped
                    or any(k.client.startswith(a) for a in absent)):
                continue
            print(f"FAIL {k.scenario} [{k.client}]: listed in "
                  f"{os.path.basename(opts.known)}, but no such check ran")
            other += 1
        for problem in guard_problems:
            print(f"FAIL guard: {problem}")
            other += 1
        for problem in getattr(self, "browser_problems", []):
            print(f"FAIL browser: {problem}")
            other += 1
        if untagged:
            print(f"FAIL: {len(untagged)} requests reached the server "
                  "without the run header, e.g. "
                  f"{untagged[0].method} {untagged[0].target}")
            other += 1
        # README's compatibility section, generated from these results;
        # it has the browsers' columns, so only a run with them checks it.
        if opts.readme and skipped and not opts.only:
            print("interop: README's compatibility section not checked "
                  "(the browsers did not run)")
        elif opts.readme and not opts.only:
            text = report.render(scs, outcomes, known, self.ports)
            problem = report.check_readme(opts.readme, text,
                                          update=opts.update_readme)
            if problem:
                print(f"FAIL readme: {problem}")
                other += 1
            elif opts.update_readme:
                print("interop: wrote the compatibility section of "
                      f"{opts.readme}")

        # Agreement counts per comparison, then the closing line.
        print()
        for name, _, _, title in self.checks:
            cs = [c for c in checks if c.name == name]
            if not cs:
                continue
            line = (f"{title}: {sum(c.agree for c in cs)}/"
                    f"{sum(c.hops for c in cs)} hops agree, "
                    f"{sum(c.end_agree for c in cs)}/{len(cs)} chain ends "
                    "agree, " + plural(sum(bool(c.diff) and not c.failed
                                           for c in cs), "known difference"))
            unlisted = sum(bool(c.diff) and c.failed for c in cs)
            if unlisted:
                line += ", " + plural(unlisted, "unlisted difference")
            print(line)
        failed = sum(c.failed for c in checks)
        print(f"interop: {len(scs)} scenarios in "
              f"{time.monotonic() - t0:.1f} s")
        if failed or other:
            print("interop: each difference must be fixed, or listed in "
                  "tests/interop/known_differences.tsv with its reason "
                  "(measured with curl 8.21.0, curl 7.88.1 and Node 20)")
        print(f"{len(checks) - failed} passed, {failed + other} failed")
        return 1 if failed or other else 0


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def tool_version(args: list[str]) -> str:
    try:
        out = subprocess.run(args, capture_output=True, timeout=20)
        return out.stdout.decode(errors="replace").splitlines()[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--redir", required=True, help="the redir tool")
    p.add_argument("--follow", default="",
                   help="the follow example (its checks are skipped when "
                   "not given)")
    p.add_argument("--curl-follow", dest="curl_follow", default="",
                   help="the curl_follow example (likewise)")
    p.add_argument("--curl8", default=os.path.normpath(os.path.join(
        HERE, "..", "..", "..", "shared", "clients", "curl-8.21.0", "bin",
        "curl")), help="curl 8.21.0 (default: ../shared/clients beside the "
                   "checkout)")
    p.add_argument("--work", default=os.path.join(tempfile.gettempdir(),
                                                  "redir-interop-work"),
                   help="scratch directory (certificate, body file); "
                   "ctest passes one in the build tree")
    p.add_argument("--known", default=KNOWN_FILE,
                   help="the known differences (default: "
                   "known_differences.tsv here)")
    p.add_argument("--readme", default="",
                   help="README.md whose compatibility section to check")
    p.add_argument("--update-readme", action="store_true",
                   help="rewrite README's compatibility section instead")
    p.add_argument("--only", default="",
                   help="run only scenarios whose id matches this pattern "
                   "(README is then not checked)")
    p.add_argument("--browsers", default="chromium,firefox",
                   help="the browsers to run, comma-separated (chromium, "
                   "firefox; default both; \"\" for none)")
    p.add_argument("--jobs", type=int, default=6,
                   help="scenarios run at once (default 6)")
    p.add_argument("--deadline", type=float, default=420,
                   help="seconds after which the run is stopped and fails "
                   "(default 420)")
    opts = p.parse_args()

    missing = [t for t in ("curl", "node", "openssl", opts.curl8)
               if not shutil.which(t)]
    wanted = [b for b in opts.browsers.split(",") if b]
    absent = [b for b in wanted if browsers.executable(b) is None]
    if wanted and not shutil.which("certutil"):
        absent = wanted
    if absent and os.environ.get("CI"):
        missing += absent
    elif absent:
        print(f"interop: {', '.join(absent)} (or certutil) not found: "
              "their checks are skipped (bash tests/run.sh installs them)")
        opts.browsers = ",".join(b for b in wanted if b not in absent)
    if missing:
        msg = f"interop: {', '.join(missing)} not found"
        if os.environ.get("CI"):
            print(f"{msg}: failing, since CI is set "
                  "(tests/run.sh installs them)")
            print("0 passed, 1 failed")
            return 1
        print(f"{msg}: skipped (bash tests/run.sh installs them)")
        return SKIP

    # A terminating signal (a ctest timeout) unwinds through the finally
    # blocks, so the server's sockets close and no child outlives its
    # timeout.
    def on_signal(*_):
        raise clients.Stopped()
    signal.signal(signal.SIGTERM, on_signal)
    try:
        return Harness(opts).main()
    except (clients.Stopped, KeyboardInterrupt):
        print("interop: stopped before the end (a signal or the deadline)")
        print("0 passed, 1 failed")
        return 1


if __name__ == "__main__":
    sys.exit(main())
