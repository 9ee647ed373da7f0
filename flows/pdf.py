"""PDFs of the case reports, printed by a headless Chromium (Debian's `chromium` package).

Nothing downloads a browser: the one on the PATH prints each page as it opens from disk
(charts are inline SVG, so no network). Without one, the HTML reports stay as they are and
`print_pdfs` says in one line what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

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
)
SECONDS_PER_PAGE = 120.0
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
    browser = find_browser()
    if browser is None:
        return (
            "no PDF of the case reports: Chromium is not installed (no `chromium` on the "
            f"PATH); the HTML reports are written. Install it ({INSTALL_CHROMIUM})."
        )
    failed = []
    with tempfile.TemporaryDirectory(prefix="backtax-chromium-") as profile:
        for page in pages:
            reason = _print_one(browser, page, Path(profile))
            if reason:
                failed.append(f"{page.name} ({reason})")
    if failed:
        return f"no PDF of {len(failed)} case report(s), the HTML is written: {'; '.join(failed)}"
    return None


def _print_one(browser: str, page: Path, profile: Path) -> str | None:
    target = page.with_suffix(".pdf")
    target.unlink(missing_ok=True)  # a stale PDF must not pass for this batch's
    try:
        done = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
             page.resolve().as_uri()],
            capture_output=True, text=True, timeout=SECONDS_PER_PAGE, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"Chromium took more than {SECONDS_PER_PAGE:.0f} s"
    except OSError as exc:
        return f"Chromium could not start: {exc.strerror or exc}"
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"Chromium exited with {done.returncode}: {last[:200]}"
    return None
