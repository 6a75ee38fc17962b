"""browsers.py - headless Chromium and Firefox ESR in the interop test.

Each browser gets a fresh profile that trusts the test's throwaway CA
(through its NSS database: $HOME/.pki/nssdb for Chromium, the profile's
cert9.db for Firefox) and loads controller.html from the redirect server.
The page fetches its plan, runs each scenario with fetch() and, for the
plain GET ones, as an iframe navigation, and reports every result back;
the server keeps the requests, tagged per run as for the other clients.

The Hub is the server's side of that conversation: it answers the
control requests (/__ctl, /__plan, /__mark, /__report, /__done) and tags
the untagged requests of a navigation in progress.

Python 3.11 standard library only; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))

# Chromium's flags for a quiet, reproducible headless run (the issue's
# list), and the Firefox preferences to the same end.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-auto-reload",
    "--no-default-browser-check", "--disable-extensions",
    "--disable-popup-blocking",  # window.open from the page
]
FIREFOX_PREFS = {
    "app.update.auto": False, "app.update.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.proxy.type": 0, "browser.cache.disk.enable": False,
    "extensions.update.enabled": False,
    "dom.disable_open_during_load": False,  # window.open from the page
}

# Seconds a browser may take for its whole plan.
BROWSER_TIMEOUT = 200


def executable(name: str) -> str | None:
    """The browser's program, or None when it is not installed."""
    return shutil.which({"chromium": "chromium",
                         "firefox": "firefox-esr"}[name])


def browser_of(user_agent: str) -> str | None:
    if "Firefox/" in user_agent:
        return "firefox"
    if "Chrome/" in user_agent:
        return "chromium"
    return None


@dataclass
class Task:
    id: str  # "<scenario id>/<run name>": the run tag
    kind: str  # "fetch" or "iframe"
    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None


class Hub:
    """The control side of the server, for every browser at once."""

    def __init__(self, activity=None) -> None:
        # activity(tag) -> (requests, seconds since the last, last status)
        self.activity = activity
        self.plans: dict[str, list[Task]] = {}
        self.results: dict[str, dict[str, dict]] = {}
        self.done: dict[str, threading.Event] = {}
        self._nav: dict[str, str] = {}  # browser -> run tag in progress
        self._lock = threading.Lock()

    def add(self, browser: str, tasks: list[Task]) -> None:
        self.plans[browser] = tasks
        self.results[browser] = {}
        self.done[browser] = threading.Event()

    def nav_tag(self, user_agent: str) -> str:
        """The run tag of the navigation this browser is making, if any."""
        with self._lock:
            return self._nav.get(browser_of(user_agent) or "", "")

    def control(self, target: str) -> tuple[int, str, bytes]:
        """Answer /__NAME?...: (status, content type, body)."""
        path, _, query = target.partition("?")
        args = dict(urllib.parse.parse_qsl(query))
        b = args.get("b", "")
        if path == "/__ctl":
            with open(os.path.join(HERE, "controller.html"), "rb") as f:
                return 200, "text/html; charset=utf-8", f.read()
        if b not in self.plans:
            return 404, "text/plain", b"unknown browser"
        if path == "/__plan":
            plan = [t.__dict__ for t in self.plans[b]]
            return 200, "application/json", json.dumps(plan).encode()
        if path == "/__mark":
            with self._lock:
                if args.get("phase") == "start":
                    self._nav[b] = args.get("id", "")
                else:
                    self._nav.pop(b, None)
            return 200, "text/plain", b"ok"
        if path == "/__wait":
            self.wait_quiet(args.get("id", ""))
            return 200, "text/plain", b"ok"
        if path == "/__report":
            self.results[b][args.get("id", "")] = json.loads(args.get("r",
                                                                      "{}"))
            return 200, "text/plain", b"ok"
        if path == "/__done":
            self.done[b].set()
            return 200, "text/plain", b"ok"
        return 404, "text/plain", b"no such control path"


    def wait_quiet(self, tag: str) -> None:
        """Returns once the run's chain has ended, as far as the server
        can tell (a page cannot see into a cross-origin window): a 200
        came and nothing followed for 0.2 s, or nothing came for 0.6 s
        after the first request (2 s before it); at most 5 s."""
        start = time.monotonic()
        while time.monotonic() - start < 5:
            count, idle, status = self.activity(tag)
            if ((count and status == 200 and idle > 0.2) or
                    (count and idle > 0.6) or
                    (not count and time.monotonic() - start > 2)):
                return
            time.sleep(0.05)


def trust_ca(nssdb: str, ca: str) -> None:
    """An NSS database in `nssdb` that trusts the CA in file `ca`."""
    os.makedirs(nssdb, exist_ok=True)
    subprocess.run(["certutil", "-d", f"sql:{nssdb}", "-N",
                    "--empty-password"], check=True, capture_output=True,
                   timeout=60)
    subprocess.run(["certutil", "-d", f"sql:{nssdb}", "-A", "-t", "C,,",
                    "-n", "redir-interop-ca", "-i", ca], check=True,
                   capture_output=True, timeout=60)


def launch(browser: str, work: str, ca: str, url: str) -> subprocess.Popen:
    """Start the browser on `url` with a fresh profile under `work`."""
    home = os.path.join(work, f"{browser}-home")
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                                "no_proxy")}
    env["HOME"] = home
    if browser == "chromium":
        trust_ca(os.path.join(home, ".pki", "nssdb"), ca)
        args = [executable(browser)] + CHROMIUM_FLAGS + [
            f"--user-data-dir={os.path.join(home, 'profile')}", url]
    else:
        profile = os.path.join(home, "profile")
        trust_ca(profile, ca)
        with open(os.path.join(profile, "user.js"), "w") as f:
            for name, value in FIREFOX_PREFS.items():
                f.write(f"user_pref({json.dumps(name)}, "
                        f"{json.dumps(value)});\n")
        env["MOZ_HEADLESS"] = "1"
        args = [executable(browser), "--headless", "--no-remote",
                "--profile", profile, url]
    log = open(os.path.join(work, f"{browser}.log"), "wb")
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


def run(browser: str, hub: Hub, work: str, ca: str, url: str) -> str:
    """Run the browser's plan to the end; "" or what went wrong."""
    proc = launch(browser, work, ca, url)
    try:
        finished = hub.done[browser].wait(BROWSER_TIMEOUT)
    finally:
        try:
            os.killpg(proc.pid, 9)
        except OSError:
            pass
        proc.wait(timeout=30)
    if not finished:
        got = len(hub.results[browser])
        return (f"{browser} did not finish its plan in {BROWSER_TIMEOUT} s "
                f"({got} of {len(hub.plans[browser])} results)")
    return ""


def version(browser: str) -> str:
    exe = executable(browser)
    if exe is None:
        return "not installed"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True,
                             timeout=60, env=dict(os.environ,
                                                  MOZ_HEADLESS="1"))
        return out.stdout.decode(errors="replace").strip().splitlines()[-1]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"
