"""server.py - the local redirect server of the interop test.

A small HTTP/1.1 server for loopback only. It serves three ports, each on
both 127.0.0.1 and ::1 (same port number, so "localhost" works whichever
address a client resolves it to):

    plain1  http, the first origin of most scenarios
    plain2  http, "another port"
    tls     https with a throwaway self-signed certificate

and keeps a fourth port "dead": bound on 127.0.0.1 but not listening, so a
connection to it is refused at once (a target no client can reach).

Every request is answered by respond(): `/r?s=STATUS&loc=LOCATION` gets
that status and a Location header whose value is LOCATION percent-decoded
to raw bytes (UTF-8 stays UTF-8 on the wire); without `loc` there is no
Location header, `loc=` sends an empty one; without `s` the status is 200.
Two more paths make long chains (see respond()); any other target gets
200.
Every response has an empty body and `Connection: close`, so a client
never waits for bytes and never reuses a connection across hops.

Every request is logged: port, scheme, method, Host, target, body length,
the headers as received, and what was answered. Requests carry the header
RUN_HEADER so that the harness can attribute them to one scenario run
even when many runs are in flight at once.

Python 3.11 standard library only. Run it alone to poke at it by hand:

    python3 server.py [CERT KEY]    # prints its ports, Ctrl-C stops it
"""

from __future__ import annotations

import errno
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass

# The header that tags each request with its scenario run (lowercase).
RUN_HEADER = "x-interop-run"

# Limits: a request line or header line, the number of headers, a body.
MAX_LINE = 16384
MAX_HEADERS = 100
MAX_BODY = 1 << 20
# Seconds a connection may stay idle (also bounds a TLS handshake).
IO_TIMEOUT = 5.0

REASONS = {
    200: "OK",
    300: "Multiple Choices",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    304: "Not Modified",
    305: "Use Proxy",
    306: "Switch Proxy",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
}


def respond(target: str) -> tuple[int, list[bytes]]:
    """The status and raw Location values (each one Location field; none:
    no header) for a request target. `loc` may be repeated: one field per
    `loc`, in order.

    A pure function of the target (path?query), so the harness can ask
    what the server would answer to a URL that redir chose, without making
    the request. Besides /r there are two chain makers:
      /count?n=N  redirects (302) to /count?n=N-1, down to n=0: 200
      /loop       redirects (302) to itself
    """
    path, _, query = target.partition("?")
    params: dict[str, bytes] = {}
    locs: list[bytes] = []
    for pair in query.split("&") if query else []:
        name, eq, value = pair.partition("=")
        if eq:
            # No '+' -> space here: the scenarios encode a space as %20.
            params[name] = urllib.parse.unquote_to_bytes(value)
            if name == "loc":
                locs.append(params[name])
    if path == "/r":
        return int(params.get("s", b"200")), locs
    if path == "/count":
        n = int(params.get("n", b"0"))
        return (302, [b"/count?n=%d" % (n - 1)]) if n > 0 else (200, [])
    if path == "/loop":
        return 302, [target.encode("latin-1")]
    return 200, []


@dataclass
class Request:
    """One request as the server saw it, and what it answered."""

    port_name: str  # "plain1", "plain2" or "tls"
    scheme: str  # "http" or "https"
    method: str
    host: str  # the Host header ("" when absent)
    target: str  # request-target as sent (path?query)
    body_len: int
    headers: list[tuple[str, str]]  # as received, names as sent
    status: int = 0
    location: bytes | None = None  # the first Location field, if any
    run: str = ""  # the RUN_HEADER value
    seq: int = 0  # arrival order over the whole server
    time: float = 0.0  # time.monotonic() at arrival

    def header_names(self) -> set[str]:
        """The lowercased names of the headers received."""
        return {name.lower() for name, _ in self.headers}


class ProtocolError(Exception):
    """The peer sent something this server does not parse."""


class _Conn:
    """Buffered reading of lines and bytes from a socket."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b""

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ProtocolError("connection closed early")
        self.buf += data

    def line(self) -> bytes:
        while b"\n" not in self.buf:
            if len(self.buf) > MAX_LINE:
                raise ProtocolError("line too long")
            self._fill()
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r")

    def exactly(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data


class RedirectServer:
    """The server: start() binds and serves, stop() ends every thread."""

    def __init__(self, cert: str | None = None, key: str | None = None):
        self.cert, self.key = cert, key
        self.ports: dict[str, int] = {}
        self.ipv6 = True  # whether ::1 is served too
        self.log: list[Request] = []
        self.errors: list[str] = []  # connections that failed to parse
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listeners: list[tuple[socket.socket, str]] = []
        self._dead: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._tls: ssl.SSLContext | None = None
        # The browsers' control side (browsers.Hub), when they take part.
        self.hub = None
        self.preflights = 0  # CORS preflights answered (not logged)

    # --- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        names = ["plain1", "plain2"]
        if self.cert:
            self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._tls.load_cert_chain(self.cert, self.key)
            names.append("tls")
        for name in names:
            self._bind(name, listen=True)
        self._bind("dead", listen=False)
        for sock, name in self._listeners:
            t = threading.Thread(
                target=self._accept_loop, args=(sock, name), daemon=True,
                name=f"accept-{name}")
            t.start()
            self._threads.append(t)

    def stop(self) -> None:
        self._stop.set()
        for sock, _ in self._listeners:
            sock.close()
        for sock in self._dead:
            sock.close()
        for t in self._threads:
            t.join(timeout=2)

    def __enter__(self) -> "RedirectServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _bind(self, name: str, listen: bool) -> None:
        """Bind one port number on 127.0.0.1 and (if possible) on ::1."""
        for _ in range(50):
            v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            v4.bind(("127.0.0.1", 0))
            port = v4.getsockname()[1]
            socks = [v4]
            if self.ipv6:
                v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                try:
                    v6.bind(("::1", port))
                    socks.append(v6)
                except OSError as e:
                    v6.close()
                    if e.errno == errno.EADDRINUSE:
                        v4.close()  # that number is taken on ::1: retry
                        continue
                    # No IPv6 loopback here: serve IPv4 only from now on.
                    self.ipv6 = False
            self.ports[name] = port
            for s in socks:
                if listen:
                    s.listen(64)
                    s.settimeout(0.2)
                    self._listeners.append((s, name))
                else:
                    self._dead.append(s)  # bound, never listening: refused
            return
        raise OSError(f"no free port pair for {name}")

    # --- serving -------------------------------------------------------------

    def _accept_loop(self, sock: socket.socket, name: str) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return  # closed by stop()
            t = threading.Thread(target=self._serve, args=(conn, name),
                                 daemon=True)
            t.start()

    def _serve(self, raw: socket.socket, name: str) -> None:
        raw.settimeout(IO_TIMEOUT)
        sock = raw
        try:
            if name == "tls":
                sock = self._tls.wrap_socket(raw, server_side=True)
            self._handle(sock, name)
        except (OSError, ProtocolError, ValueError, ssl.SSLError) as e:
            # Clients that give up on a connection (a curl error, a refused
            # certificate) end up here; only parse errors are worth noting.
            if isinstance(e, (ProtocolError, ValueError)):
                with self._lock:
                    self.errors.append(f"{name}: {e}")
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def _handle(self, sock: socket.socket, name: str) -> None:
        conn = _Conn(sock)
        line = conn.line()
        while not line:  # tolerate stray CRLF before the request line
            line = conn.line()
        parts = line.decode("latin-1").split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise ProtocolError(f"bad request line {line[:80]!r}")
        method, target, _ = parts
        headers: list[tuple[str, str]] = []
        while True:
            hline = conn.line()
            if not hline:
                break
            if len(headers) >= MAX_HEADERS:
                raise ProtocolError("too many headers")
            hname, colon, value = hline.decode("latin-1").partition(":")
            if not colon:
                raise ProtocolError(f"bad header line {hline[:80]!r}")
            headers.append((hname.strip(), value.strip()))
        lower = {k.lower(): v for k, v in headers}
        if lower.get("expect", "").lower() == "100-continue":
            sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        body_len = self._read_body(conn, lower)
        cors = self._cors(lower)
        if target.startswith("/__") and self.hub is not None:
            code, ctype, body = self.hub.control(target)
            sock.sendall(b"\r\n".join(
                [f"HTTP/1.1 {code} OK".encode(), b"Content-Type: " +
                 ctype.encode(), b"Content-Length: %d" % len(body)] + cors +
                [b"Connection: close", b"", b""]) + body)
            return
        if target == "/favicon.ico" or (
                method == "OPTIONS" and
                "access-control-request-method" in lower):
            # A browser's own request, not the scenario's: a favicon, or a
            # CORS preflight before a request with a method or header
            # outside the CORS safelist. Answered, counted, not logged.
            if method == "OPTIONS":
                with self._lock:
                    self.preflights += 1
            code = b"204 No Content" if method == "OPTIONS" else b"404 No"
            sock.sendall(b"\r\n".join([b"HTTP/1.1 " + code] + cors + [
                b"Content-Length: 0", b"Connection: close", b"", b""]))
            return
        run = lower.get(RUN_HEADER, "")
        if not run and self.hub is not None:
            run = self.hub.nav_tag(lower.get("user-agent", ""))

        status, locations = respond(target)
        location = locations[0] if locations else None
        req = Request(
            port_name=name, scheme="https" if name == "tls" else "http",
            method=method, host=lower.get("host", ""), target=target,
            body_len=body_len, headers=headers, status=status,
            location=location, run=run, time=time.monotonic())
        with self._lock:
            req.seq = len(self.log)
            self.log.append(req)

        head = [f"HTTP/1.1 {status} {REASONS.get(status, 'Redirect')}"
                .encode("ascii")]
        head += [b"Location: " + loc for loc in locations]
        head += cors + [b"Cache-Control: no-store", b"Content-Length: 0",
                        b"Connection: close", b"", b""]
        sock.sendall(b"\r\n".join(head))

    @staticmethod
    def _cors(lower: dict[str, str]) -> list[bytes]:
        """CORS headers that let every browser request through, so that a
        page's fetch() sees what the redirects do, not the CORS check:
        the request's Origin, method and headers are allowed back."""
        origin = lower.get("origin", "*")
        out = [b"Access-Control-Allow-Origin: " + origin.encode("latin-1"),
               b"Access-Control-Allow-Methods: " + lower.get(
                   "access-control-request-method", "*").encode("latin-1"),
               b"Access-Control-Allow-Headers: " + lower.get(
                   "access-control-request-headers", "*").encode("latin-1"),
               b"Access-Control-Max-Age: 0"]
        if origin != "*":
            out.append(b"Access-Control-Allow-Credentials: true")
        return out

    @staticmethod
    def _read_body(conn: _Conn, lower: dict[str, str]) -> int:
        """Read the request body; return its length."""
        if "chunked" in lower.get("transfer-encoding", "").lower():
            total = 0
            while True:
                size = int(conn.line().split(b";")[0].strip(), 16)
                if size == 0:
                    while conn.line():  # trailers
                        pass
                    return total
                total += size
                if total > MAX_BODY:
                    raise ProtocolError("body too large")
                conn.exactly(size)
                conn.line()
        length = int(lower.get("content-length", "0") or "0")
        if length < 0 or length > MAX_BODY:
            raise ProtocolError("bad Content-Length")
        conn.exactly(length)
        return length

    # --- the log -------------------------------------------------------------

    def requests_of(self, run: str) -> list[Request]:
        """The requests tagged with `run`, in arrival order."""
        with self._lock:
            return [r for r in self.log if r.run == run]

    def activity(self, run: str) -> tuple[int, float, int]:
        """(requests tagged `run`, seconds since the last, its status)."""
        reqs = self.requests_of(run)
        if not reqs:
            return 0, 0.0, 0
        return len(reqs), time.monotonic() - reqs[-1].time, reqs[-1].status

    def untagged(self) -> list[Request]:
        """Requests that carried no run tag (none should exist)."""
        with self._lock:
            return [r for r in self.log if not r.run]


def main() -> int:
    """Serve until Ctrl-C, printing each request as it is logged."""
    cert, key = (sys.argv[1:3] if len(sys.argv) == 3 else (None, None))
    with RedirectServer(cert, key) as server:
        print(f"ports {server.ports} ipv6={server.ipv6}", flush=True)
        shown = 0
        try:
            while True:
                time.sleep(0.5)
                for req in server.log[shown:]:
                    print(req, flush=True)
                shown = len(server.log)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
