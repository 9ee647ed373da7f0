"""PDFs of the case reports, printed by a headless Chromium (Debian's `chromium` package).

Nothing downloads a browser: the one on the PATH prints the pages as they open from disk
(charts are inline SVG, so no network). One browser prints a batch's pages, in one tab
navigated from page to page (one renderer, not one started a page), driven over its
DevTools pipe (file descriptors 3 and 4, no port anyone else can reach): starting
Chromium costs seconds, a page in a running one a fraction of that. It prints
in a thread of its own (`Printer`), started before the first page is written, so that
the batch draws its next report while the browser prints the last one. A page that
fails or hangs costs that browser (it is killed); a failed one is tried once more in a
fresh browser, a hung one is not, and the next page starts another. Without
a browser, the HTML reports stay as they are and `print_pdfs` says in one line what to
install.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import select
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
    "--enable-low-end-device-mode",
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
)
"""Low-end device mode: Chromium's smaller caches and prompter purges keep the printing
renderer from growing page after page (25 report pages: 479 MB instead of 641-660 MB
for the browser's process tree, the PDFs identical pixel for pixel). The omnibox's popups
are WebUI pages a headless browser preloads in a renderer of their own (about 80 MB) that
nothing prints from."""
SECONDS_PER_PAGE = 120.0
TIMED_OUT = f"Chromium took more than {SECONDS_PER_PAGE:.0f} s"
TRIES = 2
"""A page that failed (not one that hung) is tried once more in a fresh browser: a
loaded machine's browser can lose a tab or its pipe."""
SECONDS_TO_CLOSE = 10.0
SECONDS_TO_OPEN_TAB = 15.0
SECONDS_TO_START = 5.0
HEADLESS_COMMAND = "chrome://headless/"
"""Headless Chromium's start-up page (its command-line handler): a tab opened while it runs
is often closed with it (a fresh browser's first tab, about half the time measured), and
then waits out `SECONDS_TO_OPEN_TAB`; so the first tab waits for it to go."""
"""A new browser's first tab sometimes never answers `Page.enable` (Chromium 156,
headless): past this, that tab is given up and the page tried in a new one, which has
answered every time seen, instead of waiting out `SECONDS_PER_PAGE`."""
GONE = ("Inspector.detached", "Inspector.targetCrashed")
"""A tab's events that say its renderer is gone ("Render process gone."): no load event
follows, and the page is tried again at once rather than at the time limit."""
PRINT = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}
"""`Page.printToPDF` as `--print-to-pdf --no-pdf-header-footer` prints."""
INSTALL_CHROMIUM = (
    "Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium; "
    "or run scripts/setup"
)


def find_browser() -> str | None:
    """The first Chromium-family browser on the PATH, or None."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdfs(pages: list[Path]) -> str | None:
    """Print each HTML page to a PDF beside it (`x.html` to `x.pdf`); None when every one
    was printed, else one line saying which were not and why."""
    if not pages:
        return None
    with Printer() as printer:
        for page in pages:
            printer.add(page)
    return printer.note


class Printer:
    """Prints pages to PDFs as they are handed in (`add`), in a thread of its own: the
    batch renders its next report while Chromium prints this one, and the browser starts
    with the printer, before the first page is written. On leaving the `with`, the last
    page is printed and `note` says which were not and why (None: every one was)."""

    def __init__(self) -> None:
        self.browser = find_browser()
        self.note: str | None = None
        self.added = 0
        self.failed: list[str] = []
        self.pages: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="backtax-pdf", daemon=True)
        self.finished = False

    def __enter__(self) -> Printer:
        """Start the browser; entering again (a printer handed on) changes nothing."""
        if self.browser and self.thread.ident is None:
            self.thread.start()
        return self

    def add(self, page: Path) -> None:
        self.added += 1
        if self.browser:
            self.pages.put(page)

    def __exit__(self, *exc: object) -> None:
        """Print the last page and close the browser; leaving again changes nothing."""
        if self.finished:
            return
        self.finished = True
        if self.browser is None:
            if self.added:
                self.note = (
                    "no PDF of the case reports: Chromium is not installed (no `chromium` on "
                    f"the PATH); the HTML reports are written. Install it ({INSTALL_CHROMIUM})."
                )
            return
        self.pages.put(None)
        self.thread.join()
        if self.failed:
            self.note = (
                f"no PDF of {len(self.failed)} case report(s), the HTML is written: "
                f"{'; '.join(self.failed)}"
            )

    def _run(self) -> None:
        assert self.browser is not None
        with tempfile.TemporaryDirectory(prefix="backtax-chromium-") as profile:
            session: Chromium | None = None
            try:
                with contextlib.suppress(OSError):  # the first page says why, if it fails
                    session = Chromium(self.browser, Path(profile))
                    session.open_tab()
                while (page := self.pages.get()) is not None:
                    for _ in range(TRIES):
                        try:
                            session = session or Chromium(self.browser, Path(profile))
                        except OSError as exc:
                            reason = f"Chromium could not start ({exc.strerror or exc})"
                            break
                        reason = session.print_pdf(page)
                        if reason:
                            session.kill()
                            session = None
                        if not reason or reason == TIMED_OUT:
                            break
                    if reason:
                        self.failed.append(f"{page.name} ({reason})")
            finally:
                if session:
                    session.close()


class BrowserError(Exception):
    """Chromium closed its pipe, or answered a command with an error (`TabError`)."""


class TabError(BrowserError):
    """Chromium answered a command about a tab with an error."""


class Chromium:
    """A headless Chromium in a session of its own, spoken to over `--remote-debugging-pipe`
    (commands in on fd 3, answers and events out on fd 4, each JSON ending in NUL)."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_browser, from_browser = _pipe(), _pipe()
        devnull = os.open(os.devnull, os.O_RDWR)
        try:
            self.pid = os.posix_spawn(
                browser,
                [browser, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}"],
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, devnull, 0),
                    (os.POSIX_SPAWN_DUP2, devnull, 1),
                    (os.POSIX_SPAWN_DUP2, devnull, 2),
                    (os.POSIX_SPAWN_DUP2, to_browser[0], 3),
                    (os.POSIX_SPAWN_DUP2, from_browser[1], 4),
                ],
                setsid=True,
            )
        except OSError:
            for fd in (*to_browser, *from_browser):
                os.close(fd)
            raise
        finally:
            os.close(devnull)
        os.close(to_browser[0])
        os.close(from_browser[1])
        self.writer, self.reader = to_browser[1], from_browser[0]
        self.buffer, self.last_id = b"", 0
        self.started = False
        self.events: list[dict[str, Any]] = []
        self.tab: dict[str, Any] | None = None
        self.session: str | None = None

    def print_pdf(self, page: Path) -> str | None:
        """Print `page` to the PDF beside it in the browser's printing tab; None, or why
        not. A tab that fails is closed and the page given one more try in a new one (a new
        browser's first tab often fails to print)."""
        target = page.with_suffix(".pdf")
        target.unlink(missing_ok=True)  # a stale PDF must not pass for this batch's
        deadline = time.monotonic() + SECONDS_PER_PAGE
        try:
            try:
                self._print(page, target, deadline)
            except TabError:
                self._print(page, target, deadline)
        except TimeoutError:
            return TIMED_OUT
        except BrowserError as exc:
            return str(exc)[:200]
        return None if target.stat().st_size else "Chromium printed an empty PDF"

    def _print(self, page: Path, target: Path, deadline: float) -> None:
        session = self._open_tab(deadline)
        try:
            went = self.call("Page.navigate", {"url": page.resolve().as_uri()}, deadline, session)
            if went.get("errorText"):
                raise TabError(f"Chromium could not open the page: {went['errorText']}")
            self.wait_for("Page.loadEventFired", session, deadline)
            data = self.call("Page.printToPDF", PRINT, deadline, session)["data"]
        except TabError:
            self._close_tab(deadline)
            raise
        finally:
            self.events.clear()
        target.write_bytes(base64.b64decode(data))

    def open_tab(self) -> None:
        """Open the printing tab now, while the batch still checks its cases, so that the
        first page does not wait for its renderer to start; if it fails, the first page
        opens another."""
        with contextlib.suppress(BrowserError, TimeoutError):
            self._open_tab(time.monotonic() + SECONDS_TO_OPEN_TAB)

    def _open_tab(self, deadline: float) -> str:
        """The session of the tab every page is printed in, opened on first use: the pages
        of a batch share its renderer instead of starting one each."""
        if self.session is None:
            if not self.started:
                self._await_start(min(deadline, time.monotonic() + SECONDS_TO_START))
            opening = min(deadline, time.monotonic() + SECONDS_TO_OPEN_TAB)
            try:
                self.tab = self.call("Target.createTarget", {"url": "about:blank"}, opening)
                attached = self.call(
                    "Target.attachToTarget", {**self.tab, "flatten": True}, opening
                )
                self.call("Page.enable", {}, opening, attached["sessionId"])
            except TimeoutError:
                self._close_tab(min(deadline, time.monotonic() + SECONDS_TO_CLOSE))
                if time.monotonic() >= deadline:
                    raise
                raise TabError(
                    f"Chromium: a new tab did not answer within {SECONDS_TO_OPEN_TAB:.0f} s"
                ) from None
            except TabError:
                self._close_tab(deadline)
                raise
            self.session = attached["sessionId"]
        return self.session

    def _await_start(self, deadline: float) -> None:
        """Wait, once a browser and at most until `deadline`, for its start-up page
        (`HEADLESS_COMMAND`) to be gone before the first tab opens."""
        self.started = True
        self.call("Target.setDiscoverTargets", {"discover": True}, deadline)
        try:
            targets = self.call("Target.getTargets", {}, deadline)["targetInfos"]
            running = {t["targetId"] for t in targets if t["url"].startswith(HEADLESS_COMMAND)}
            with contextlib.suppress(TimeoutError):
                while running:
                    running -= {
                        e["params"]["targetId"]
                        for e in self.events
                        if e.get("method") == "Target.targetDestroyed"
                    }
                    if running:
                        self.events.append(self.receive(deadline))
        finally:
            with contextlib.suppress(TimeoutError):
                stop = time.monotonic() + SECONDS_TO_CLOSE
                self.call("Target.setDiscoverTargets", {"discover": False}, stop)
            self.events.clear()

    def _close_tab(self, deadline: float) -> None:
        """Close the printing tab (after an error about it); the next page opens another."""
        if self.tab is not None:
            with contextlib.suppress(TabError):
                self.call("Target.closeTarget", self.tab, deadline)
        self.tab = self.session = None

    def call(
        self, method: str, params: dict[str, Any], deadline: float, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer (events meanwhile are kept)."""
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.writer, data) :]
        except OSError as exc:
            raise BrowserError(f"Chromium closed its pipe ({exc.strerror})") from exc
        while True:
            answer = self.receive(deadline)
            if answer.get("id") != self.last_id:
                self.events.append(answer)
                continue
            if "error" in answer:
                raise TabError(f"Chromium: {method}: {answer['error'].get('message')}")
            return answer.get("result", {})

    def wait_for(self, event: str, session: str, deadline: float) -> None:
        """Wait for the tab's `event`; TabError if the tab or its renderer goes first."""
        while True:
            for e in self.events:
                if e.get("sessionId") == session and e.get("method") in GONE:
                    raise TabError(f"Chromium: the tab's page was lost before {event}")
                if e.get("sessionId") == session and e.get("method") == event:
                    return
                if e.get("method") == "Target.detachedFromTarget" and (
                    e.get("params", {}).get("sessionId") == session
                ):
                    raise TabError(f"Chromium: the tab closed before {event}")
            self.events.append(self.receive(deadline))

    def receive(self, deadline: float) -> dict[str, Any]:
        """The next message from the browser."""
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.reader], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited ({self._status()})")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        """Ask the browser to quit; kill it if it does not within `SECONDS_TO_CLOSE`."""
        with contextlib.suppress(TimeoutError, BrowserError):
            self.call("Browser.close", {}, time.monotonic() + SECONDS_TO_CLOSE)
        deadline = time.monotonic() + SECONDS_TO_CLOSE
        while time.monotonic() < deadline and os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            time.sleep(0.05)
        self.kill()

    def kill(self) -> None:
        """Kill the browser and every process it started (its session), close the pipes."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        for fd in (self.writer, self.reader):
            os.close(fd)

    def _status(self) -> str:
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return "already reaped"
        return f"status {os.waitstatus_to_exitcode(status)}" if pid else "pipe closed"


def _pipe() -> tuple[int, int]:
    """A pipe whose ends are above 4 (so that duplicating them onto 3 and 4 is safe)."""
    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return ends[0], ends[1]
