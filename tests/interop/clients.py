"""clients.py - run a scenario through each client and describe the chain.

Every client's run ends up as an Outcome: the list of requests of the
chain (hop 0 is the first request) and how the chain ended. For the real
clients (curl, Node's fetch, the follow examples) the hops are what the
redirect server logged for the run; for redir they are the decisions of
`redir follow`, fed with what the server answers to each URL redir picks.

Every subprocess has a timeout; nothing here waits without bound.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from dataclasses import dataclass, field

from scenarios import BODY, Scenario
from server import RUN_HEADER, Request, respond

# Seconds: one client run (curl's --max-time, fetch's abort signal), and
# the hard limit on any subprocess (a little more, so the client's own
# timeout is what normally fires).
CLIENT_TIMEOUT = 10
PROCESS_TIMEOUT = 25


@dataclass(frozen=True)
class Hop:
    """One request of a chain, reduced to what the comparison looks at."""

    method: str
    url: str  # scheme://host:port/path?query, scheme and host lowercased
    body: bool  # a request body was sent
    headers: frozenset[str]  # which of the scenario's headers were sent

    def text(self) -> str:
        extra = " +body" if self.body else ""
        if self.headers:
            extra += " {" + ",".join(sorted(self.headers)) + "}"
        return f"{self.method} {self.url}{extra}"


@dataclass
class Outcome:
    """A chain as one client made it (or redir decided it)."""

    hops: list[Hop] = field(default_factory=list)
    end: str = "error"  # "final NNN" or "error"
    detail: str = ""  # why it ended so, for people (not compared)
    # The follow examples only: their "> METHOD URL" lines, final status.
    printed: list[tuple[str, str]] = field(default_factory=list)
    printed_status: int | None = None
    # A real client's first request as the server logged it, if any, and
    # the status of the last response the server sent it.
    first: Request | None = None
    last_status: int | None = None


def symbolize(text: str, ports: dict[str, int]) -> str:
    """Replace the server's port numbers by their names (P1, P2, TLS,
    DEAD) so that texts do not change from run to run."""
    names = {"plain1": "P1", "plain2": "P2", "tls": "TLS", "dead": "DEAD"}
    for key, port in ports.items():
        text = re.sub(rf"(?<![0-9]){port}(?![0-9])", names[key], text)
    return text


def norm_url(url: str) -> str:
    """scheme://host:port/path?query of an absolute URL: no userinfo, no
    fragment, scheme and host lowercased, "/" for an empty path."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    m = re.match(r"[^/?#]*", rest)
    authority = m.group(0).rpartition("@")[2]
    target = rest[m.end():].partition("#")[0]
    if not target.startswith("/"):
        target = "/" + target
    # Escapes are compared as sent: %c3%a9 and %C3%A9 are the same URI
    # (RFC 3986 6.2.2.1), but curl 7.88 writes the first and curl 8.21 the
    # second, and each redir profile must write what its client writes.
    return f"{scheme.lower()}://{authority.lower()}{target}"


def split_url(url: str) -> tuple[str, str, int | None, str]:
    """(scheme, host, port, target) of a normalized URL."""
    scheme, _, rest = url.partition("://")
    m = re.match(r"[^/?#]*", rest)
    hostport, target = m.group(0), rest[m.end():] or "/"
    port = None
    pm = re.match(r"^(.*):(\d+)$", hostport)
    if pm:
        hostport, port = pm.group(1), int(pm.group(2))
    return scheme, hostport, port, target


def served(url: str, ports: dict[str, int]) -> bool:
    """Whether a (normalized) URL reaches the redirect server."""
    scheme, host, port, _ = split_url(url)
    if host not in ("127.0.0.1", "localhost", "[::1]"):
        return False
    if scheme == "http":
        return port in (ports["plain1"], ports["plain2"])
    return scheme == "https" and port == ports["tls"]


def hop_of(req: Request, names: list[str]) -> Hop:
    """The Hop of a logged request; `names` are the scenario's headers."""
    sent = req.header_names()
    return Hop(method=req.method,
               url=norm_url(f"{req.scheme}://{req.host}{req.target}"),
               body=req.body_len > 0,
               headers=frozenset(n for n in names if n in sent))


def client_env(tls_insecure: bool = False) -> dict[str, str]:
    """The environment of a client: no proxy settings, no user config."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                                "no_proxy", "curl_home", "node_options")}
    if tls_insecure:
        env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"
    return env


# Every subprocess still running, so that a stopping harness (a signal,
# its deadline) can kill them all at once; after that no new one starts.
_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()


class Stopped(Exception):
    """The harness is stopping: no more subprocesses."""


def kill_all() -> None:
    """Kill every running subprocess and refuse to start new ones."""
    _stopping.set()
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        try:
            proc.kill()
        except OSError:
            pass


def _run(args: list, env: dict[str, str] | None = None,
         stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run a subprocess with the hard timeout; a timeout is an exit 124."""
    if _stopping.is_set():
        raise Stopped()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    with _live_lock:
        _live.add(proc)
    try:
        try:
            out, err = proc.communicate(stdin, timeout=PROCESS_TIMEOUT)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            code, err = 124, err + b"[timeout]"
    finally:
        with _live_lock:
            _live.discard(proc)
    if _stopping.is_set():
        raise Stopped()
    return subprocess.CompletedProcess(args, code, out, err)


# --- curl --------------------------------------------------------------------

def run_curl(sc: Scenario, run: str, body_file: str, curl: str = "curl",
             follow: str = "-L") -> Outcome:
    """`curl -L` (or `curl --follow`, with follow="--follow") as a user
    would type it for the scenario, with the curl binary `curl`.

    GET: nothing; HEAD: -I (curl's HEAD); a body: --data-binary for POST,
    -T for PUT (curl's upload, from a file, or from stdin for a stream),
    else -X METHOD --data-binary; no body: -X METHOD. The returned Outcome
    has no hops yet (the harness takes them from the server's log).
    """
    args = [curl, "-q", "-sS", follow, "-k", "--noproxy", "*",
            "--max-time", str(CLIENT_TIMEOUT), "--connect-timeout", "5",
            "-o", os.devnull, "-w", "%{http_code}",
            "-H", f"{RUN_HEADER}: {run}"]
    for name, value in sc.headers:
        if sc.curl_options and name == "Authorization":
            args += ["-u", "u:p"]  # Basic dTpw
        elif sc.curl_options and name == "Cookie":
            args += ["-b", value]
        else:
            args += ["-H", f"{name}: {value}"]
    stdin = None
    if sc.method == "HEAD":
        args.append("-I")
    elif sc.body == "stream":
        args += ["-T", "-"]  # PUT from stdin: a stream curl cannot rewind
        stdin = BODY.encode()
    elif sc.body == "replayable" and sc.method == "PUT":
        args += ["-T", body_file]
    elif sc.body == "replayable" and sc.method == "POST":
        args += ["--data-binary", BODY]
    elif sc.body == "replayable":
        args += ["-X", sc.method, "--data-binary", BODY]
    elif sc.method != "GET":
        args += ["-X", sc.method]
    args += sc.curl_extra + [sc.url]
    proc = _run(args, env=client_env(), stdin=stdin)
    code = proc.stdout.decode("latin-1").strip()
    if proc.returncode == 0:
        return Outcome(end=f"final {code}", detail=f"exit 0, {code}")
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return Outcome(end="error",
                   detail=f"exit {proc.returncode}: {err[-1] if err else ''}")


# --- Node's fetch ------------------------------------------------------------

def run_node(sc: Scenario, run: str, script: str, ipv4first: bool) -> Outcome:
    """fetch(url, {method, headers, body, redirect: 'follow'}) in Node."""
    spec = {
        "url": sc.url,
        "method": sc.method,
        "headers": [[RUN_HEADER, run]] + [[n, v] for n, v in sc.headers],
        "body": BODY if sc.body != "none" else None,
        "stream": sc.body == "stream",
        "timeout_ms": CLIENT_TIMEOUT * 1000,
    }
    args = ["node"]
    if ipv4first:
        args.append("--dns-result-order=ipv4first")
    args += [script, json.dumps(spec)]
    proc = _run(args, env=client_env(tls_insecure=True))
    try:
        out = json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return Outcome(end="error", detail=f"node crashed (exit "
                       f"{proc.returncode}): {err[-1] if err else ''}")
    if out["result"] == "response":
        return Outcome(end=f"final {out['status']}",
                       detail=f"response {out['status']}")
    return Outcome(end="error", detail=f"{out['message']}: {out['cause']}")


# --- the follow example ------------------------------------------------------

def run_follow(sc: Scenario, run: str, follow: str, profile: str,
               extra: list[str]) -> Outcome:
    """examples/follow (or curl_follow, with the same command line):
    `follow --profile P [-X M] [-d DATA] [-H 'Name: value']... URL`."""
    # The examples refuse loopback targets by default (the SSRF guard);
    # the test server is on loopback.
    args = [follow, "--profile", profile, "--allow-private"] + extra
    if profile == "strict":
        # strict sends only allow-listed headers across origins: the run
        # header must be marked safe to reach the server.
        args += ["--safe", RUN_HEADER]
    if sc.method != "GET":
        args += ["-X", sc.method]
    if sc.body != "none":
        args += ["-d", BODY]
    args += ["-H", f"{RUN_HEADER}: {run}"]
    for name, value in sc.headers:
        args += ["-H", f"{name}: {value}"]
    args.append(sc.url)
    proc = _run(args, env=client_env())
    printed, status = [], None
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("> "):
            method, _, url = line[2:].partition(" ")
            printed.append((method, url))
        elif line.startswith("< "):
            m = re.match(r"< HTTP/[0-9.]+ (\d{3})", line)
            status = int(m.group(1)) if m else -1
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode == 0:
        end, detail = f"final {status}", f"exit 0, {status}"
    else:
        end = "error"
        detail = f"exit {proc.returncode}: {err[-1] if err else ''}"
    return Outcome(end=end, detail=detail, printed=printed,
                   printed_status=status)


# --- redir follow ------------------------------------------------------------

@dataclass
class FirstRequest:
    """The first request of a chain, as given to `redir follow`."""

    method: str
    url: str
    body: str  # none | replayable | stream
    headers: list[tuple[str, str]]

    @staticmethod
    def of_request(req: Request, sc: Scenario) -> "FirstRequest":
        """The first request as the server saw it: its method, URL, body,
        and those of the scenario's headers that it carried."""
        names = set(sc.header_names)
        body = "none"
        if req.body_len > 0:
            body = "stream" if sc.body == "stream" else "replayable"
        return FirstRequest(
            method=req.method, url=f"{req.scheme}://{req.host}{req.target}",
            body=body,
            headers=[(n, v) for n, v in req.headers if n.lower() in names])

    @staticmethod
    def of_scenario(sc: Scenario) -> "FirstRequest":
        """The first request as the scenario declares it."""
        return FirstRequest(method=sc.method, url=sc.url, body=sc.body,
                            headers=list(sc.headers))


# The methods that fetch() - and redir's fetch and strict profiles -
# uppercase; curl sends every method as given.
FETCH_NORMALIZED = ("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT")


def response_args(status: int, locations: list[bytes]) -> list[bytes]:
    """The RESPONSE operands of `redir follow`, exactly as the server sent
    them: STATUS=LOCATION, STATUS= (empty Location) or STATUS (none), then
    +LOCATION for each further Location field."""
    if not locations:
        return [b"%d" % status]
    return [b"%d=" % status + locations[0]] + [b"+" + v for v in locations[1:]]


def simulate(redir: str, profile: str, first: FirstRequest,
             ports: dict[str, int], names: list[str],
             extra: list[str] | None = None) -> Outcome:
    """What `redir follow --profile PROFILE` decides for the chain.

    The tool takes all responses at once, so it is run again with one
    more response each time it follows: the response is what the server
    answers to the URL redir chose (respond() is the server's own rule).
    A follow to a URL the server does not serve (another scheme, a port
    nothing listens on) ends the chain as an error: no client can get a
    response there.
    """
    base = [redir, "follow", "--profile", profile, "--body", first.body]
    base += extra or []
    for name, value in first.headers:
        base += ["-H", f"{name}: {value}"]
    base += ["--", first.method, first.url]
    base = [a.encode("utf-8") if isinstance(a, str) else a for a in base]
    method = first.method
    if not profile.startswith("curl") and method.upper() in FETCH_NORMALIZED:
        method = method.upper()  # as redir_chain_start() does (redir.h)
    hops = [Hop(method, norm_url(first.url), first.body != "none",
                frozenset(n.lower() for n, _ in first.headers))]
    responses: list[bytes] = []
    count = 0
    url = norm_url(first.url)
    limit = 200  # more than any profile's redirect limit
    while count < limit:
        responses += response_args(*respond(split_url(url)[3]))
        count += 1
        proc = _run(base + responses)
        if proc.returncode != 0:
            return Outcome(hops, "error", "redir failed: " + proc.stderr
                           .decode("utf-8", "replace").strip())
        lines = proc.stdout.decode("utf-8").splitlines()
        if len(lines) != count:
            return Outcome(hops, "error", "redir: unexpected output")
        d = json.loads(lines[-1])
        last = d["status"]  # the response the chain ends on, if it ends
        if d["action"] == "stop":
            return Outcome(hops, f"final {d['status']}", f"stop {d['reason']}",
                           last_status=last)
        if d["action"] == "error":
            return Outcome(hops, "error", f"error {d['reason']}",
                           last_status=last)
        url = norm_url(d["url"])
        if not served(url, ports):
            return Outcome(hops, "error", f"follow to {d['url']}, which "
                           "no server answers", last_status=last)
        hops.append(Hop(d["method"], url, d["body"] == "keep",
                        frozenset(h for h in d["headers"] if h in names)))
    return Outcome(hops, "error", "redir followed more than 200 redirects")
