"""report.py - the known-differences list and README's compatibility table.

known_differences.tsv holds one difference per line (tab-separated):

    scenario <TAB> client <TAB> what differs <TAB> reason

`client` is the check's name (node, curl, follow-fetch, follow-curl,
follow-strict); `what differs` is exactly the text the harness prints for
the difference (port numbers as P1, P2, TLS, DEAD); `reason` says why it
is accepted: the client's own bug, or a documented choice of redir.
Lines starting with '#' and blank lines are ignored.

render() turns the results into the Markdown that goes between the
`<!-- compat:begin -->` and `<!-- compat:end -->` markers of README.md:
one table row per behaviour, then the known differences.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from clients import Hop, Outcome, split_url, symbolize
from scenarios import Scenario

BEGIN = "<!-- compat:begin -->"
END = "<!-- compat:end -->"

# The table's columns: (heading, the run it shows).
COLUMNS = [
    ("`redir fetch`", "redir-fetch"),
    ("Node fetch", "node"),
    ("`redir curl`", "redir-curl"),
    ("curl 8.21 -L", "curl"),
    ("`redir curl-follow`", "redir-curl-follow"),
    ("curl 8.21 --follow", "curl-follow"),
    ("`redir curl-7.88`", "redir-curl-7.88"),
    ("curl 7.88 -L", "curl-7.88"),
    ("`redir strict`", "redir-strict"),
    ("`redir chrome`", "redir-chromium"),
    ("Chromium fetch()", "chromium"),
    ("Firefox fetch()", "firefox"),
    ("Chromium iframe", "chromium-nav"),
    ("Firefox iframe", "firefox-nav"),
    ("Chromium top-level", "chromium-top"),
    ("Firefox top-level", "firefox-top"),
]

# Short names of the scenarios' headers in table cells.
SHORT_HEADER = {
    "authorization": "Auth",
    "cookie": "Cookie",
    "proxy-authorization": "Proxy-Auth",
    "content-type": "C-Type",
    "x-api-key": "X-Api-Key",
}


@dataclass
class Known:
    scenario: str
    client: str
    what: str
    reason: str


def load_known(path: str) -> dict[tuple[str, str], Known]:
    """The known differences, by (scenario, client)."""
    out: dict[tuple[str, str], Known] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4 or not all(fields):
                raise ValueError(f"{path}:{number}: want 4 tab-separated "
                                 "fields: scenario, client, what, reason")
            k = Known(*fields)
            if (k.scenario, k.client) in out:
                raise ValueError(f"{path}:{number}: {k.scenario} "
                                 f"{k.client} listed twice")
            out[(k.scenario, k.client)] = k
    return out


# --- table cells -------------------------------------------------------------

def _origin(url: str, ports: dict[str, int]) -> str:
    """A short name of a URL's origin: P1, P2, localhost, https."""
    scheme, host, port, _ = split_url(url)
    if scheme == "https":
        return "https"
    if host == "localhost":
        return "localhost"
    return "P2" if port == ports["plain2"] else "P1"


def _target(url: str) -> str:
    return split_url(url)[3]


def _hop(sc: Scenario, hop: Hop, first: Hop, ports: dict[str, int]) -> str:
    """One followed hop, as much of it as the scenario's row shows."""
    parts = []
    if "origin" in sc.show:
        parts.append(_origin(hop.url, ports))
    if "method" in sc.show:
        if hop.method != first.method:
            parts.append(hop.method + (" + body" if hop.body else ""))
        elif hop.body:
            parts.append("kept, with body")
        else:
            parts.append("kept, body dropped" if first.body else "kept")
    if "name" in sc.show:
        parts.append(hop.method + (" + body" if hop.body else ""))
    if "url" in sc.show:
        if hop.url == first.url:
            parts.append("same URL")
        elif _origin(hop.url, ports) == _origin(first.url, ports):
            parts.append(f"`{_target(hop.url)}`")
        else:
            parts.append(f"`{hop.url}`")
    if "headers" in sc.show:
        dropped = [SHORT_HEADER.get(n, n) for n in sc.header_names
                   if n in first.headers and n not in hop.headers]
        if dropped:
            parts.append("(drops " + " ".join(dropped) + ")")
    return " ".join(parts)


def _returns(sc: Scenario, end: str) -> str:
    """A final response handed to the application: "returns it" when it
    is the scenario's own status (so rows of several statuses merge)."""
    status = end[len("final "):]
    return "returns it" if status == sc.var else f"returns {status}"


def cell(sc: Scenario, out: Outcome | None, ports: dict[str, int]) -> str:
    """What a run did, in a few words."""
    if out is None:
        return "not run"
    if not out.hops:
        return "no request"
    first, hops = out.hops[0], out.hops[1:]
    end = out.end
    if "count" in sc.show:
        text = f"{len(hops)} redirects"
        return text + (", then error" if end == "error" else "")
    if not hops:
        if end.startswith("stopped "):
            return "stops"
        return "error" if end == "error" else _returns(sc, end)
    # Runs of identical hops (a loop) are written once with a count.
    words: list[str] = []
    i = 0
    while i < len(hops):
        j = i
        while j + 1 < len(hops) and hops[j + 1] == hops[i]:
            j += 1
        word = _hop(sc, hops[i], first, ports)
        words.append(word + (f" ×{j - i + 1}" if j > i else ""))
        i = j + 1
    text = " → ".join(words)
    if end.startswith("stopped "):
        text += " → stops at " + end[len("stopped "):]
    elif end == "error":
        text += " → error"
    elif end != "final 200":
        text += " → " + _returns(sc, end)
    return symbolize(text, ports)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render(scs: list[Scenario], outcomes: dict[str, dict[str, Outcome]],
           known: dict[tuple[str, str], Known],
           ports: dict[str, int]) -> str:
    """The compatibility section: tables by group, then the differences."""
    lines = [
        "Measured by the interop test (`tests/interop/`, run by",
        "`bash tests/run.sh`): each scenario is sent to a local redirect",
        "server by curl 8.21.0 (`curl -L` and `curl --follow`), Debian's",
        "curl 7.88.1 (`curl -L`), Node 20's `fetch()` (`redirect:",
        "'follow'`), and headless Chromium 156 and Firefox ESR 153 (a page's",
        "`fetch()`, and for plain GETs an iframe and a top-level",
        "navigation); what reached the server is compared hop by hop with",
        "`redir follow` (the profile modelling that client) given the same",
        "first request, and with the",
        "`follow` and `curl_follow` examples making the same chain on the",
        "wire with each profile. The test fails when this section is not",
        "what it measured; `tests/interop/harness.py --update-readme`",
        "rewrites it (`--help` lists the paths it needs).",
        "",
        "A cell says what the next request was: its method (`kept` when",
        "unchanged), whether the body was sent again, and which of the",
        "scenario's headers it dropped (Auth = Authorization, Cookie,",
        "Proxy-Auth = Proxy-Authorization, C-Type = Content-Type,",
        "X-Api-Key); `→` leads to the request after it. `returns it` means",
        "the 3xx was handed to the application as the final response,",
        "`error` that the transfer failed. P1 and P2 are the server's two",
        "plain ports on 127.0.0.1, `localhost` is P1 under its other name,",
        "`https` its TLS port, DEAD a port where nothing listens. Chains end",
        "with a 200 unless the cell says otherwise.",
    ]
    groups: list[str] = []
    for sc in scs:
        if sc.group not in groups:
            groups.append(sc.group)
    for group in groups:
        lines += ["", f"**{group}**", ""]
        lines.append("| behaviour | " + " | ".join(h for h, _ in COLUMNS)
                     + " |")
        lines.append("|---" * (len(COLUMNS) + 1) + "|")
        # Rows: scenarios with the same template and the same cells share
        # a row, first over their `var` values, then over their `item`s.
        by_var: dict[tuple, list[str]] = {}
        for sc in scs:
            if sc.group != group:
                continue
            res = outcomes[sc.id]
            cells = tuple(cell(sc, res.get(run), ports) for _, run in COLUMNS)
            by_var.setdefault((sc.row, sc.item, cells), []).append(sc.var)
        by_item: dict[tuple, list[str]] = {}
        for (row, item, cells), values in by_var.items():
            by_item.setdefault((row, tuple(values), cells), []).append(item)
        for (row, values, cells), items in by_item.items():
            label = (row.replace("{item}", ", ".join(items))
                     .replace("{v}", " ".join(values)))
            lines.append("| " + " | ".join(_escape(c) for c in
                                           (label,) + cells) + " |")
    lines += [
        "",
        "**Known differences** (`tests/interop/known_differences.tsv`):",
        "each is a bug of the client or a documented choice of redir; any",
        "other difference between a profile and the client it models is a",
        "bug in redir. The test fails when one of them stops happening or",
        "another one appears.",
        "",
    ]
    if not known:
        lines.append("None.")
    # One item per scenario and reason, with each check's difference.
    grouped: dict[tuple[str, str], list[Known]] = {}
    for k in known.values():
        grouped.setdefault((k.scenario, k.reason), []).append(k)
    for (scenario, reason), ks in sorted(grouped.items()):
        clients = ", ".join(k.client for k in ks)
        lines.append(f"- `{scenario}` ({clients}): {reason}")
        for k in ks:
            lines.append(f"  - {k.client}: `{k.what}`")
    return "\n".join(lines) + "\n"


def check_readme(path: str, text: str, update: bool = False) -> str:
    """Compare (or with update, rewrite) README's compatibility section.
    Returns "" when it is as it should be, else what is wrong."""
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    begin, end = readme.find(BEGIN), readme.find(END)
    if begin < 0 or end < begin:
        return f"{path} has no {BEGIN} ... {END} section"
    begin += len(BEGIN)
    current = readme[begin:end]
    wanted = "\n" + text
    if current == wanted:
        return ""
    if update:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(readme[:begin] + wanted + readme[end:])
        os.replace(tmp, path)
        return ""
    have, want = current.splitlines(), wanted.splitlines()
    for i, (x, y) in enumerate(zip(have, want)):
        if x != y:
            where = (f"first difference: README has {x!r}, the test "
                     f"measured {y!r}")
            break
    else:
        where = f"README has {len(have)} lines, the test made {len(want)}"
    return ("the compatibility section is not what the test measured ("
            f"{where}); run tests/interop/harness.py with --update-readme")
