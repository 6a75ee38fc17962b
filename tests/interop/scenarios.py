"""scenarios.py - the scenario matrix of the interop test.

A scenario is one first request (method, URL, body, headers) to the
redirect server; the URL's query tells the server how to answer, so the
whole redirect chain is fixed by the scenario. The same scenario is run
through curl, Node's fetch, the `follow` example and `redir follow`.

Scenario ids are stable names: known_differences.tsv refers to them.
Every URL is on loopback: 127.0.0.1 or localhost, on the server's ports.

Each scenario also says where it goes in README's compatibility table:
`row` is the row's label, a template in which "{v}" stands for the `var`
values (statuses, say) and "{item}" for the `item` values (methods, say)
of all the scenarios that share the template and have the same outcome
in every column; `show` says what a cell describes.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

# The request body of every scenario that has one, and its type.
BODY = "a=1"
CONTENT_TYPE = ("Content-Type", "text/plain")

# The headers of the cross-origin scenarios: credentials, a body header
# and a custom one.
ORIGIN_HEADERS = [
    ("Authorization", "Bearer t0ken"),
    ("Cookie", "c=1"),
    ("Proxy-Authorization", "Basic cHJveHk6cHc="),
    CONTENT_TYPE,
    ("X-Api-Key", "k3y"),
]

STATUSES = [300, 301, 302, 303, 304, 305, 306, 307, 308, 399]

# (label, method, body): the method variants of the status matrix.
METHODS = [
    ("GET", "GET", "none"),
    ("HEAD", "HEAD", "none"),
    ("POST", "POST", "none"),
    ("POST with body", "POST", "replayable"),
    ("PUT", "PUT", "none"),
    ("PUT with body", "PUT", "replayable"),
    ("DELETE", "DELETE", "none"),
    ("DELETE with body", "DELETE", "replayable"),
    ("PATCH", "PATCH", "none"),
    ("PATCH with body", "PATCH", "replayable"),
    ("OPTIONS", "OPTIONS", "none"),
    ("OPTIONS with body", "OPTIONS", "replayable"),
    ("PURGE (custom)", "PURGE", "none"),
    ("PURGE (custom) with body", "PURGE", "replayable"),
]



@dataclass
class Scenario:
    id: str
    group: str  # the table section
    row: str  # row label template: "{v}", "{item}" as said above
    method: str
    url: str
    body: str = "none"  # none | replayable | stream
    headers: list[tuple[str, str]] = field(default_factory=list)
    var: str = ""
    item: str = ""
    # What a table cell shows of each followed hop: any of "method" (the
    # method kept or changed, the body), "name" (the method's name and the
    # body), "url" (path and query), "origin", "headers" (the scenario's
    # headers that were dropped); or "count" (the number of redirects).
    show: tuple[str, ...] = ("method",)
    curl_extra: list[str] = field(default_factory=list)
    # curl sends Authorization and Cookie from its options (-u, -b)
    # instead of -H: curl 8.21 keeps those for the first origin too.
    curl_options: bool = False
    # Some request of the chain is https (the `follow` example cannot).
    tls: bool = False

    @property
    def header_names(self) -> list[str]:
        """The scenario's own header names, lowercased, in order."""
        return [name.lower() for name, _ in self.headers]


def enc(location: str) -> str:
    """Percent-encode a Location for the `loc` query parameter.

    Everything but '/' and ':' is encoded (non-ASCII as UTF-8), so the
    server's decoding gives back exactly these bytes.
    """
    return urllib.parse.quote(location.encode("utf-8"), safe="/:")


def r(status: int, location: str | None = None, base: str = "") -> str:
    """The URL (under `base`) that the server answers with `status` and
    `location` (None: no Location header)."""
    url = f"{base}/r?s={status}"
    if location is not None:
        url += "&loc=" + enc(location)
    return url


def rm(status: int, locations: list[str], base: str = "") -> str:
    """The URL that the server answers with `status` and one Location
    field per value of `locations`."""
    return f"{base}/r?s={status}" + "".join("&loc=" + enc(v)
                                           for v in locations)


def build(ports: dict[str, int]) -> list[Scenario]:
    """Every scenario, with the server's port numbers filled in."""
    a = f"http://127.0.0.1:{ports['plain1']}"  # the first origin
    b = f"http://127.0.0.1:{ports['plain2']}"  # another port
    h = f"http://localhost:{ports['plain1']}"  # another host
    s = f"https://127.0.0.1:{ports['tls']}"  # https
    dead = ports["dead"]
    out: list[Scenario] = []

    def add(**kw) -> None:
        out.append(Scenario(**kw))

    # --- statuses x methods --------------------------------------------------
    for st in STATUSES:
        for label, method, body in METHODS:
            add(id=f"status-{st}-{method}{'-body' if body != 'none' else ''}",
                group="Statuses and methods (Location: /end)",
                row="{item} on {v}", item=label, var=str(st), method=method,
                url=r(st, "/end", a), body=body,
                headers=[CONTENT_TYPE] if body != "none" else [],
                show=("method", "headers"))
    # Fetch uppercases only DELETE GET HEAD OPTIONS POST PUT; curl none.
    for st in (301, 302, 303, 307):
        for method in ("post", "patch"):
            add(id=f"case-{st}-{method}-body", group="Method names",
                row="lowercase {item} with body on {v}", item=f"`{method}`",
                var=str(st), method=method, url=r(st, "/end", a),
                body="replayable", headers=[CONTENT_TYPE],
                show=("name", "headers"))

    # --- origins and headers -------------------------------------------------
    targets = [
        ("same", "same origin", a, a + "/end", False),
        ("port", "other port", a, b + "/end", False),
        ("host", "other host (localhost)", a, h + "/end", False),
        ("https", "http -> https", a, s + "/end", True),
        ("downgrade", "https -> http", s, a + "/end", True),
        ("https-same", "https, same origin", s, s + "/end", True),
    ]
    for key, what, first, target, tls in targets:
        for st in (301, 302, 303, 307, 308):
            for method, body in (("GET", "none"), ("POST", "replayable")):
                add(id=f"origin-{key}-{st}-{method}",
                    group="Origins and headers (Authorization, Cookie, "
                    "Proxy-Authorization, Content-Type, X-Api-Key)",
                    row=f"{what}: {{item}} on {{v}}",
                    item=method + (" with body" if body != "none" else ""),
                    var=str(st), method=method, url=r(st, target, first),
                    body=body, headers=ORIGIN_HEADERS,
                    show=("method", "headers"), tls=tls)

    # --- chains that leave the first origin and come back --------------------
    chains = [
        ("port-back", "other port, back", a, [b, a], 302, False),
        ("host-back", "other host, back", a, [h, a], 302, False),
        ("same-port-back", "same origin, other port, back", a, [a, b, a],
         302, False),
        ("https-back", "http -> https -> http", a, [s, a], 302, True),
        ("down-up", "https -> http -> https", s, [a, s], 302, True),
        ("port-back-307", "other port, back", a, [b, a], 307, False),
        ("host-back-308", "other host, back", a, [h, a], 308, False),
    ]
    for key, what, first, hops, st, tls in chains:
        url = hops[-1] + "/end"
        for origin in reversed(hops[:-1]):
            url = r(st, url, origin)
        for method, body in (("GET", "none"), ("POST", "replayable")):
            add(id=f"chain-{key}-{method}", group="Chains",
                row=f"{what}, {st}: {{item}}",
                item=method + (" with body" if body != "none" else ""),
                method=method, url=r(st, url, first), body=body,
                headers=ORIGIN_HEADERS, show=("origin", "name", "headers"),
                tls=tls)

    # Credentials from curl's own options rather than -H.
    for key, what, hops in (("host-back", "other host, back", [h, a]),
                            ("port-back", "other port, back", [b, a])):
        url = hops[-1] + "/end"
        for origin in reversed(hops[:-1]):
            url = r(302, url, origin)
        add(id=f"chain-{key}-options-GET", group="Chains",
            row=f"{what} (curl: -u and -b), 302: GET",
            method="GET", url=r(302, url, a),
            headers=[("Authorization", "Basic dTpw"), ("Cookie", "c=1")],
            show=("origin", "name", "headers"), curl_options=True)

    # A method change to GET, then a 307: the body headers stay dropped.
    add(id="chain-get-then-307-POST", group="Chains",
        row="302 then 307: {item}", item="POST with body", method="POST",
        url=r(302, r(307, "/end"), a), body="replayable",
        headers=ORIGIN_HEADERS, show=("origin", "name", "headers"))

    # --- Location values -----------------------------------------------------
    port1 = ports["plain1"]
    locations = [
        # (id, row, status, Location or None, scenario headers)
        ("missing", "no Location, {v}", 302, None),
        ("missing-307", "no Location, {v}", 307, None),
        ("empty", "empty Location, {v}", 302, ""),
        ("empty-307", "empty Location, {v}", 307, ""),
        ("fragment-only", "`#frag`", 302, "#frag"),
        ("path-fragment", "`/end#frag`", 302, "/end#frag"),
        ("relative-path", "`end` (path-relative)", 302, "end"),
        ("dot-dot", "`../end`", 302, "../end"),
        ("query-only", "`?q=1`", 302, "?q=1"),
        ("scheme-relative", "`//localhost:P1/end`", 302,
         f"//localhost:{port1}/end"),
        ("no-path", "`http://127.0.0.1:P1` (no path)", 302,
         f"http://127.0.0.1:{port1}"),
        ("space-inside", "`/a b`", 302, "/a b"),
        ("space-query", "`/end?q=a b`", 302, "/end?q=a b"),
        ("space-around", "`  /end  ` (spaces around)", 302, "  /end  "),
        ("tab-inside", "`/e<TAB>nd`", 302, "/e\tnd"),
        ("tab-leading", "`<TAB>/end`", 302, "\t/end"),
        ("backslash-path", "`\\end`", 302, "\\end"),
        ("backslash-inside", "`/a\\b`", 302, "/a\\b"),
        ("backslash-authority", "`\\\\localhost:P1\\end`", 302,
         f"\\\\localhost:{port1}\\end"),
        ("utf8-path", "`/café` (raw UTF-8)", 302, "/café"),
        ("utf8-query", "`/end?q=é` (raw UTF-8)", 302, "/end?q=é"),
        ("percent", "`/%7euser` (percent-encoded)", 302, "/%7euser"),
        ("percent-query", "`/end?q=%7e` (percent-encoded)", 302,
         "/end?q=%7e"),
        ("dot-encoded", "`/a/%2e%2e/end` (encoded dots)", 302,
         "/a/%2e%2e/end"),
        ("dot-encoded-mixed", "`/a/.%2E/end` (encoded dots)", 302,
         "/a/.%2E/end"),
        ("ctrl-inside", "`/e<0x01>nd`", 302, "/e\x01nd"),
        ("del-inside", "`/e<DEL>nd`", 302, "/e\x7fnd"),
        ("tab-query", "`/end?q=a<TAB>b`", 302, "/end?q=a\tb"),
        ("tab-absolute", "`http://127.0.0.1:P1/e<TAB>nd`", 302,
         f"http://127.0.0.1:{ports['plain1']}/e\tnd"),
        ("bad-port-fetch", "`http://127.0.0.1:6667/end` (a Fetch bad port)",
         302, "http://127.0.0.1:6667/end"),
        ("upper-scheme-host", "`HTTP://LOCALHOST:P1/End`", 302,
         f"HTTP://LOCALHOST:{port1}/End"),
        ("upper-path", "`/END`", 302, "/END"),
        ("ipv4-short", "`http://127.1:P1/end`", 302,
         f"http://127.1:{port1}/end"),
        ("ipv4-hex", "`http://0x7f.0.0.1:P1/end`", 302,
         f"http://0x7f.0.0.1:{port1}/end"),
        ("ipv4-integer", "`http://2130706433:P1/end`", 302,
         f"http://2130706433:{port1}/end"),
        ("userinfo-same", "`http://u:p@127.0.0.1:P1/end` (userinfo)", 302,
         f"http://u:p@127.0.0.1:{port1}/end"),
        ("userinfo-host", "`http://u:p@localhost:P1/end` (userinfo)", 302,
         f"http://u:p@localhost:{port1}/end"),
        ("ftp", "`ftp://127.0.0.1:DEAD/x` (nothing listens)", 302,
         f"ftp://127.0.0.1:{dead}/x"),
        ("file", "`file:///nonexistent`", 302, "file:///nonexistent-interop"),
        ("mailto", "`mailto:a@localhost`", 302, "mailto:a@localhost"),
        ("data", "`data:,x`", 302, "data:,x"),
        ("bad-ipv6", "`http://[::1` (unparseable)", 302, "http://[::1"),
        ("bad-port", "`http://127.0.0.1:99999/end` (port too big)", 302,
         "http://127.0.0.1:99999/end"),
        ("http-colon-slash", "`http:/end`", 302, "http:/end"),
        ("http-colon-slash-host", "`http:/localhost:P1/end`", 302,
         f"http:/localhost:{port1}/end"),
    ]
    for key, row, st, loc in locations:
        extra = []
        if key == "http-colon-slash":
            # curl reads "http:/end" as host "end": point that name at the
            # dead port, so that no name is ever looked up off this host.
            extra = ["--connect-to", f"end:80:127.0.0.1:{dead}"]
        add(id=f"loc-{key}", group="Location values (GET, 302 unless said)",
            row=row, var=str(st), method="GET", url=r(st, loc, a),
            show=("url",), curl_extra=extra)
    # Several Location fields in one response.
    for key, row, locs in (
            ("different", "two Location fields, `/a` and `/end`",
             ["/a", "/end"]),
            ("same", "two Location fields, both `/end`", ["/end", "/end"]),
            ("empty-second", "two Location fields, `/end` and empty",
             ["/end", ""])):
        add(id=f"multi-{key}", group="Location values (GET, 302 unless said)",
            row=row, var="302", method="GET", url=rm(302, locs, a),
            show=("url",))
    # Userinfo with an Authorization header of the request's own.
    add(id="loc-userinfo-auth", group="Location values (GET, 302 unless said)",
        row="`http://u:p@127.0.0.1:P1/end` with Authorization", method="GET",
        url=r(302, f"http://u:p@127.0.0.1:{port1}/end", a),
        headers=[("Authorization", "Bearer t0ken")], show=("url", "headers"))

    # --- redirect limits and loops -------------------------------------------
    for n in (10, 11, 20, 21, 50, 51):
        add(id=f"limit-{n}", group="Limits", row=f"{n} redirects",
            method="GET", url=f"{a}/count?n={n}", show=("count",))
    add(id="limit-loop", group="Limits", row="a URL that redirects to itself",
        method="GET", url=f"{a}/loop", show=("count",))

    # --- a streamed body (cannot be sent again) ------------------------------
    for st in (302, 303, 307):
        add(id=f"stream-{st}-PUT", group="Streamed body",
            row="PUT with a streamed body on {v}", var=str(st), method="PUT",
            url=r(st, "/end", a), body="stream", headers=[CONTENT_TYPE],
            show=("method", "headers"))
    return out
