"""The per-taxpayer case report, rendered in headless Chromium (Debian's `chromium` package).

The case is `sample_docs/cases/balance_due_2022` with its W-2 supplied a second time under
an HTML-shaped file name. Expected figures are the generator's inputs
(`sample_docs/generators/cases.py`, `owes()`): transactions 150 4,480.00, 806 -4,000.00,
166 180.00, 276 40.00, 196 60.00, 670 -500.00, 290 1,200.00, accrued interest 85.40 and
penalty 35.10. By hand: balance 1,460.00, with accruals 1,580.50; of it interest
60.00 + 85.40 = 145.40, penalties 180.00 + 40.00 + 35.10 = 255.10, tax the rest, 1,180.00
(= 4,480.00 + 1,200.00 - 4,500.00 paid).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from backtax.extractors.pipeline import extract_paths
from backtax.flows import pdf as printing
from backtax.flows.pdf import FLAGS
from backtax.flows.reports import BatchReport, write_report
from backtax.validators.api import check_records
from backtax.validators.assess import assess
from sample_docs.generators.people import ACME

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "sample_docs" / "cases" / "balance_due_2022"
HOSTILE = "<img src=x onerror=alert(1)>.pdf"
AS_OF = date(2026, 12, 1)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = list(FLAGS)  # the flags the report's PDF is printed with


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch folder written for the case (every document in it, the duplicate included)."""
    folder = tmp_path_factory.mktemp("case")
    for pdf in CASE.glob("*.pdf"):
        shutil.copy2(pdf, folder / pdf.name)
    shutil.copy2(CASE / "w2_acme.pdf", folder / HOSTILE)
    results = extract_paths(sorted(folder.iterdir()), tin_secret=b"k" * 32)
    records = [r for res in results for r in res.records]
    checked = check_records(records, AS_OF)
    batch = BatchReport(
        "test-batch",
        documents=checked.documents,
        all_documents=checked.documents,
        cases=checked.cases,
        findings=checked.findings,
        assessment=assess(checked.tables, checked.cases, checked.findings, AS_OF),
        files=len(results),
        as_of=AS_OF,
    )
    return write_report(batch, tmp_path_factory.mktemp("reports") / "test-batch")


def one_case_batch(name: str) -> BatchReport:
    """A batch of one case with no documents: one taxpayer's page to write and print."""
    case = {"case_id": "0303-2021", "recipient_tin_last4": "0303", "tax_year": 2021,
            "documents": []}  # fmt: skip
    return BatchReport(name, cases=[case], as_of=AS_OF)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run scripts/setup (apt-get install chromium)")
    return subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def taxpayer_page(report: Path) -> Path:
    [page] = (report / "taxpayers").glob("1111-*.html")
    return page


def test_the_browser_shows_the_figures_evidence_and_payer(report: Path, tmp_path: Path) -> None:
    dom = chromium("--dump-dom", taxpayer_page(report).as_uri(), profile=tmp_path).stdout
    assert "Tax case report: KARL OWENSBY" in dom
    for figure in ("1,460.00", "1,580.50", "220.00", "1,200.00", "85.40", "35.10"):
        assert figure in dom, figure
    assert "2025-02-24" in dom  # accruals as of, printed on the transcript
    assert "TC 290 Additional tax assessed" in dom  # the evidence's transaction, by its code
    assert "2033-08-21" in dom  # CSED: ten years after the TC 150 of 2023-08-21
    assert ACME.name in dom  # the duplicate's payer by name
    assert "Streamlined installment agreement" in dom
    # the split of the balance, by hand (module docstring)
    assert "tax 1,180.00, penalties 255.10, interest 145.40" in html.unescape(dom)


def test_an_html_shaped_file_name_is_text(report: Path, tmp_path: Path) -> None:
    dom = chromium("--dump-dom", taxpayer_page(report).as_uri(), profile=tmp_path).stdout
    assert html.escape(HOSTILE, quote=False) in dom
    assert 'src="x"' not in dom and "onerror=alert" not in dom.replace(
        html.escape(HOSTILE, quote=False), ""
    )
    index = (report / "summary.html").read_text()
    assert "<img src=x" not in index
    assert HOSTILE not in (report / "summary.md").read_text()


def test_the_charts_are_drawn_without_network(report: Path, tmp_path: Path) -> None:
    from PIL import Image

    page = taxpayer_page(report).read_text()
    assert "http://" not in page and "https://" not in page
    shot = tmp_path / "report.png"
    chromium(
        f"--screenshot={shot}",
        "--window-size=1100,1400",
        taxpayer_page(report).as_uri(),
        profile=tmp_path / "profile",
    )
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20) or []
    counts = {rgb: n for n, rgb in colours}
    assert counts.get((0xD0, 0x8C, 0x2E), 0) > 500  # the penalties bar, only in the chart


def test_the_batch_page_links_the_taxpayer_report(report: Path) -> None:
    index = (report / "summary.html").read_text()
    link = f'href="taxpayers/{taxpayer_page(report).name}"'
    assert link in index and "KARL OWENSBY" in index and "1,580.50" in index


def test_batch_tables_carry_evidence_and_document_ids(report: Path) -> None:
    import csv

    with (report / "findings.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    penalty = [r for r in rows if r["rule"] == "PENALTY_ASSESSED"]
    assert sorted(r["printed_value"] for r in penalty) == ["180.00", "40.00"]
    assert all(r["doc_id"] and r["page"] == "1" and r["box"].startswith("TC ") for r in penalty)


def test_a_transcript_entry_names_the_payer_as_the_paper_form_does() -> None:
    from backtax.flows.casefile import evidence_rows, payer_names

    paper = {"source": "w2.pdf", "pages": [1], "doc_type": "W-2", "payer_tin": "12-3456789",
             "payer_name": ACME.name, "doc_id": "a:1"}  # fmt: skip
    transcript = {"source": "wi.pdf", "pages": [1], "doc_type": "IRS-WAGE-INCOME-TRANSCRIPT",
                  "doc_id": "b:1", "entries": [{"doc_type": "W-2", "payer_tin": "XXXXX6789",
                                                "payer_name": "ACME"}]}  # fmt: skip
    finding = {"evidence": [{"source": "wi.pdf", "page": 1, "doc_type": transcript["doc_type"],
                             "field": "entries[0].box1_wages", "value": "52000.00"}]}  # fmt: skip
    docs = [paper, transcript]
    [row] = evidence_rows(finding, docs, payer_names(docs))
    assert (row["payer"], row["box"], row["doc_id"]) == (ACME.name, "W-2 box 1 (wages)", "b:1")


def test_an_amended_return_shows_direction_lines_and_a_passed_deadline() -> None:
    """The candidate's values are this test's inputs, shaped as `check --json` gives them."""
    from backtax.flows.case_report import render_taxpayer
    from backtax.flows.casefile import gather

    amended = {
        "candidate": True, "reasons": ["WITHHOLDING_NOT_CLAIMED"], "direction": "refund_due",
        "tax_estimate": {"change": "0.00"}, "deadline": "2025-04-18",
        "lines": [
            {"line": "12", "name": "federal_income_tax_withheld", "original": "3000.00",
             "change": "240.00", "corrected": "3240.00"},
            {"line": "22", "name": "refunded_to_you", "original": None, "change": None,
             "corrected": "240.00"},
        ],
        "explanation": ["Federal income tax withheld not claimed (+240.00)"],
    }  # fmt: skip
    checked = {"documents": [], "findings": [], "cases": [
        {"case_id": "0303-2021", "recipient_tin_last4": "0303", "tax_year": 2021,
         "documents": [], "amended_return": amended, "deadlines": [
             {"what": "respond to CP2000", "date": "2027-01-05"}]}]}  # fmt: skip
    [person] = gather(checked)
    page = render_taxpayer(person, AS_OF)
    assert "2025-04-18 (passed)" in page and "a refund (refund_due)" in page
    assert "C: corrected" in page and "3,240.00" in page and "3,000.00" in page
    assert "refunded to you (line 22)" in page and "a refund of about 240.00" in page
    assert "respond to CP2000" in page and "2027-01-05" in page  # a key newer validators add


def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_a_pdf_of_the_report_is_written_beside_it(report: Path) -> None:
    """The figures by hand (module docstring); the PDF is linked from the batch page."""
    pdf = taxpayer_page(report).with_suffix(".pdf")
    text = pdf_text(pdf)
    assert "Tax case report: KARL OWENSBY" in text
    assert "1,580.50 as of 2025-02-24" in text  # balance with accruals, as of the transcript
    for figure in ("1,460.00", "220.00", "85.40", "35.10", "1,200.00", "1,180.00"):
        assert figure in text, figure
    assert "2033-08-21" in text  # CSED: ten years after the TC 150 of 2023-08-21
    assert f"The W-2 from {ACME.name}" in text  # the duplicate's payer by name
    assert "<img src=x" in text  # the HTML-shaped file name, printed as text
    assert f'href="taxpayers/{pdf.name}"' in (report / "summary.html").read_text()


def test_without_chromium_the_html_is_written_and_one_line_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    batch = one_case_batch("no-browser")
    folder = write_report(batch, tmp_path / "out")
    assert [p.suffix for p in (folder / "taxpayers").iterdir()] == [".html"]
    assert batch.pdf_note and "\n" not in batch.pdf_note
    assert "Chromium is not installed" in batch.pdf_note
    assert "apt-get install chromium" in batch.pdf_note
    assert batch.pdf_note in html.unescape((folder / "summary.html").read_text())


MEASURE = (
    "<script>document.body.insertAdjacentHTML('beforeend', '<p id=\"measure\">' +"
    " document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth +"
    " '</p>')</script>"
)


@pytest.mark.parametrize("page", ["taxpayer", "batch"])
def test_no_horizontal_scrollbar_in_an_800_pixel_window(
    report: Path, tmp_path: Path, page: str
) -> None:
    """The page's scroll width, measured by the browser, is no wider than its window."""
    source = taxpayer_page(report) if page == "taxpayer" else report / "summary.html"
    probe = source.with_name(f"probe-{source.name}")
    probe.write_text(source.read_text().replace("</body>", f"{MEASURE}</body>"))
    dom = chromium("--window-size=800,900", "--dump-dom", probe.as_uri(), profile=tmp_path).stdout
    [(scroll, client)] = re.findall(r'id="measure">(\d+) (\d+)<', dom)
    assert int(client) > 700 and int(scroll) <= int(client)


def test_a_corrected_document_shows_old_and_new_value_who_and_why_and_its_client() -> None:
    """The correction and the client label (an inbox subfolder) are this test's inputs,
    shaped as the store gives them (`corrections`, `client`)."""
    from backtax.flows.case_report import render_taxpayer
    from backtax.flows.casefile import gather

    doc_id = "ab12cd34ef56" + "0" * 52 + ":1"
    fix = {
        "id": 7,
        "field": "box1_wages",
        "original": "49204.93",
        "value": "49300.00",
        "who": "ann",
        "why": "employer letter",
        "at": "2026-11-30T10:00:00+00:00",
    }
    document = {
        "doc_id": doc_id,
        "source": "w2.pdf",
        "pages": [1],
        "doc_type": "W-2",
        "tax_year": 2024,
        "payer_tin": "12-3456789",
        "payer_name": ACME.name,
        "recipient_tin_last4": "3456",
        "recipient_name": "JANE Q DOE",
        "fields": {"box1_wages": "49300.00"},
        "corrections": [fix],
        "client": "clientA",
    }
    case = {"case_id": "3456-2024", "recipient_tin_last4": "3456", "tax_year": 2024,
            "documents": [doc_id]}  # fmt: skip
    [person] = gather({"documents": [document], "cases": [case], "findings": []})
    page = html.unescape(render_taxpayer(person, AS_OF))
    assert "box1_wages: 49,204.93 → 49,300.00 by ann (employer letter, 2026-11-30" in page
    assert "ab12cd34ef56:1" in page  # the id `backtax correct` takes, on the document's row
    assert "client clientA" in page and "<td>clientA</td>" in page


@pytest.mark.parametrize(
    ("answers", "browsers", "printed"),
    [
        (["Chromium closed its pipe (Broken pipe)", None], 2, True),  # lost, then printed
        ([printing.TIMED_OUT], 1, False),  # a page that hangs is not tried again
        (["Chromium: the tab closed", "Chromium: the tab closed"], 2, False),
    ],
)
def test_a_failed_page_is_tried_once_more_in_a_fresh_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list, browsers: int, printed: bool
) -> None:
    started: list[object] = []

    class Browser:  # each start of Chromium takes the next answer
        def __init__(self, browser: str, profile: Path) -> None:
            started.append(self)

        def open_tab(self) -> None: ...

        def print_pdf(self, page: Path) -> str | None:
            return answers[len(started) - 1]

        def kill(self) -> None: ...

        def close(self) -> None: ...

    monkeypatch.setattr(printing, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(printing, "Chromium", Browser)
    said = printing.print_pdfs([tmp_path / "a.html"])
    assert len(started) == browsers
    assert (said is None) == printed
    if not printed:
        assert said.startswith("no PDF of 1 case report(s)") and answers[-1] in said


def test_a_tab_whose_renderer_is_gone_fails_at_once_not_at_the_time_limit() -> None:
    """Chromium's own event when a tab's renderer dies ("Render process gone."): no load
    event will follow, so the page is tried again now, not after SECONDS_PER_PAGE."""
    tab = object.__new__(printing.Chromium)  # no browser: the events are this test's
    tab.events = [
        {"method": "Inspector.detached", "params": {"reason": "Render process gone."},
         "sessionId": "s1"},
    ]  # fmt: skip
    with pytest.raises(printing.TabError):
        tab.wait_for("Page.loadEventFired", "s1", time.monotonic() + 1.0)


def test_a_new_tab_that_does_not_answer_is_given_up_in_seconds_not_at_the_limit() -> None:
    """A new browser's first tab sometimes never answers `Page.enable`: opening it waits
    `SECONDS_TO_OPEN_TAB`, then fails as a tab (the page is tried in a new one), not as a
    page that hung for `SECONDS_PER_PAGE`."""
    tab = object.__new__(printing.Chromium)  # no browser: the answers are this test's
    tab.tab = tab.session = None
    tab.started = True  # its start-up page is gone
    waited: list[float] = []

    def call(method: str, params: dict[str, Any], deadline: float, session: str | None = None):
        if method == "Target.createTarget":
            return {"targetId": "t1"}
        if method == "Target.attachToTarget":
            return {"sessionId": "s1"}
        if method == "Page.enable":
            waited.append(deadline - time.monotonic())
            raise TimeoutError  # what `receive` raises when the deadline passes
        return {}

    tab.call = call
    with pytest.raises(printing.TabError, match="did not answer"):
        tab._open_tab(time.monotonic() + printing.SECONDS_PER_PAGE)
    assert waited and waited[0] <= printing.SECONDS_TO_OPEN_TAB < printing.SECONDS_PER_PAGE
    assert tab.session is None and tab.tab is None


def test_a_printer_started_before_the_report_prints_it_and_is_finished_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch starts the browser while the cases are checked and hands it to
    `write_report`: that one browser prints the page, the PDF is linked, the printer ends."""
    started: list[object] = []

    class Browser:
        def __init__(self, browser: str, profile: Path) -> None:
            started.append(self)

        def print_pdf(self, page: Path) -> str | None:
            page.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n")
            return None

        def open_tab(self) -> None: ...

        def kill(self) -> None: ...

        def close(self) -> None: ...

    monkeypatch.setattr(printing, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(printing, "Chromium", Browser)
    batch = one_case_batch("early-browser")
    with printing.Printer() as printer:
        folder = write_report(batch, tmp_path / "out", printer=printer)
        assert not printer.thread.is_alive()  # finished by write_report, not by the `with`
    assert len(started) == 1
    [pdf] = (folder / "taxpayers").glob("*.pdf")
    assert f'href="taxpayers/{pdf.name}"' in (folder / "summary.html").read_text()
    assert batch.pdf_note is None


def sent_methods(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The DevTools methods the real browser is sent from now on, in order."""
    methods: list[str] = []
    call = printing.Chromium.call

    def recording(self: printing.Chromium, method: str, *args: Any) -> dict[str, Any]:
        methods.append(method)
        return call(self, method, *args)

    monkeypatch.setattr(printing.Chromium, "call", recording)
    return methods


def test_one_tab_prints_every_page_each_pdf_its_own_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five pages through one browser: one tab opened for all of them, not one a page (a
    second if a new browser loses its first tab, as it often does), and each PDF holds
    its own page's words, none left over from the page before."""
    methods = sent_methods(monkeypatch)
    words = ["alpha ledger", "bravo ledger", "charlie ledger", "delta ledger", "echo ledger"]
    pages = []
    for i, word in enumerate(words):
        pages.append(tmp_path / f"p{i}.html")
        pages[-1].write_text(f"<!doctype html><title>{i}</title><p>{word}</p>")
    assert printing.print_pdfs(pages) is None
    assert methods.count("Target.createTarget") <= 2
    for page, word in zip(pages, words, strict=True):
        text = pdf_text(page.with_suffix(".pdf"))
        assert word in text and all(w not in text for w in words if w != word)


def test_a_new_browser_opens_its_first_tab_after_its_start_up_page_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headless Chromium starts with a page of its own (`chrome://headless/...`, its
    command-line handler); a tab opened while that runs is often closed with it and waits
    out `SECONDS_TO_OPEN_TAB`. In the real browser, the printing tab is asked for only once
    the browser's targets hold no such page, and it prints."""
    present: list[list[str]] = []
    call = printing.Chromium.call

    def recording(self: printing.Chromium, method: str, *args: Any) -> dict[str, Any]:
        if method == "Target.createTarget":
            deadline = time.monotonic() + printing.SECONDS_PER_PAGE
            targets = call(self, "Target.getTargets", {}, deadline)["targetInfos"]
            present.append([t["url"] for t in targets])
        return call(self, method, *args)

    monkeypatch.setattr(printing.Chromium, "call", recording)
    page = tmp_path / "p.html"
    page.write_text("<!doctype html><title>p</title><p>alpha ledger</p>")
    browser = printing.Chromium(str(CHROMIUM), tmp_path / "profile")
    try:
        assert browser.print_pdf(page) is None
    finally:
        browser.close()
    assert present and not any(url.startswith(printing.HEADLESS_COMMAND) for url in present[0]), (
        present
    )
    assert "alpha ledger" in pdf_text(page.with_suffix(".pdf"))


def test_the_browser_prints_in_low_end_device_mode(tmp_path: Path) -> None:
    """The printing browser is started with Chromium's low-end device mode (its smaller
    caches keep the renderer from growing over a batch's pages): a stand-in browser
    records the command line it was started with."""
    args = tmp_path / "args"
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {args}\n")
    fake.chmod(0o755)
    browser = printing.Chromium(str(fake), tmp_path / "profile")
    deadline = time.monotonic() + 30
    while not (args.exists() and args.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    browser.kill()
    started_with = args.read_text().split("\n")
    assert "--enable-low-end-device-mode" in started_with
    assert "--headless" in started_with and "--remote-debugging-pipe" in started_with


def test_the_printing_browser_keeps_no_omnibox_popup(tmp_path: Path) -> None:
    """A page printed in the real Chromium leaves no WebUI page of its own open beside it
    (the omnibox's popups, preloaded in a renderer of their own): the browser's targets
    after printing are the printed page alone."""
    page = tmp_path / "p.html"
    page.write_text("<!doctype html><title>p</title><p>alpha ledger</p>")
    browser = printing.Chromium(str(CHROMIUM), tmp_path / "profile")
    try:
        assert browser.print_pdf(page) is None
        deadline = time.monotonic() + printing.SECONDS_PER_PAGE
        targets = browser.call("Target.getTargets", {}, deadline)["targetInfos"]
    finally:
        browser.close()
    assert [t["type"] for t in targets] == ["page"]
    assert targets[0]["url"] == page.resolve().as_uri()


def test_the_printer_opens_its_tab_before_the_first_page_is_handed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch starts the printer before it checks the cases: the real browser opens its
    printing tab then, not when the first report is written (its renderer's start is off
    the tail), and that tab prints the page handed in later."""
    methods = sent_methods(monkeypatch)
    page = tmp_path / "p.html"
    page.write_text("<!doctype html><title>p</title><p>alpha ledger</p>")
    with printing.Printer() as printer:
        deadline = time.monotonic() + printing.SECONDS_PER_PAGE
        while "Page.enable" not in methods and time.monotonic() < deadline:
            time.sleep(0.05)
        opened_before_the_page = list(methods)
        printer.add(page)
    assert "Page.enable" in opened_before_the_page
    assert "alpha ledger" in pdf_text(page.with_suffix(".pdf"))
    assert methods.count("Target.createTarget") <= 2  # a new browser's first tab may fail


class WaitingBrowser:
    """A stand-in browser whose page waits (up to 30 s) until `ready()` holds before its
    PDF is written, recording whether it came: what the batch does while a page prints."""

    ready: ClassVar[Any] = staticmethod(lambda page: True)
    seen: ClassVar[list[bool]] = []

    def __init__(self, browser: str, profile: Path) -> None: ...

    def open_tab(self) -> None: ...

    def print_pdf(self, page: Path) -> str | None:
        deadline = time.monotonic() + 30
        while not self.ready(page) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.seen.append(bool(self.ready(page)))
        page.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n")
        return None

    def kill(self) -> None: ...

    def close(self) -> None: ...


def test_the_csv_tables_are_written_while_the_last_page_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables need no PDF: they are written while Chromium prints the last page, not
    after it (the page waits for them here; before, they came after every PDF)."""
    monkeypatch.setattr(printing, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(printing, "Chromium", WaitingBrowser)
    monkeypatch.setattr(WaitingBrowser, "seen", [])
    monkeypatch.setattr(
        WaitingBrowser,
        "ready",
        staticmethod(lambda page: (page.parents[1] / "errors.csv").exists()),
    )
    folder = write_report(one_case_batch("tables-first"), tmp_path / "out")
    assert WaitingBrowser.seen == [True]
    assert {p.name for p in folder.glob("*.csv")} == {
        "documents.csv",
        "findings.csv",
        "amended_candidates.csv",
        "errors.csv",
    }
    assert len(list(folder.glob("taxpayers/*.pdf"))) == 1


def test_the_tables_are_handed_on_while_the_last_page_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`while_printing` (the batch publishes its table artifacts there) gets the tables
    while the page still prints: the page waits for them."""
    handed: list[dict[str, list[dict[str, Any]]]] = []
    monkeypatch.setattr(printing, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(printing, "Chromium", WaitingBrowser)
    monkeypatch.setattr(WaitingBrowser, "seen", [])
    monkeypatch.setattr(WaitingBrowser, "ready", staticmethod(lambda page: bool(handed)))
    batch = one_case_batch("tables-handed")
    batch.errors.append({"source": "x.pdf", "reason": "corrupt", "stage": "open"})
    write_report(batch, tmp_path / "out", while_printing=handed.append)
    assert WaitingBrowser.seen == [True]
    [tables] = handed
    assert sorted(tables) == ["amended_candidates", "documents", "errors", "findings"]
    assert tables["errors"] == [{"source": "x.pdf", "reason": "corrupt", "stage": "open"}]


def test_a_failure_handing_the_tables_on_still_writes_the_batch_page(tmp_path: Path) -> None:
    """What `while_printing` raises (the batch's table artifacts: Prefect's API gone) is
    raised after the batch page and `summary.md` are written, not instead of them."""

    def gone(tables: dict[str, list[dict[str, Any]]]) -> None:
        raise ConnectionError("Prefect's API is gone")

    folder = tmp_path / "out"
    with pytest.raises(ConnectionError, match="is gone"):
        write_report(one_case_batch("tables-lost"), folder, pdf=False, while_printing=gone)
    assert (folder / "summary.html").is_file() and (folder / "summary.md").is_file()
    assert len(list(folder.glob("taxpayers/*.html"))) == 1
    assert (folder / "errors.csv").is_file()


def test_each_chart_is_the_svg_matplotlib_saves_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawn once (`charts.OnceDrawnFigure`), a chart is the SVG matplotlib's own
    `savefig(bbox_inches="tight")` of a plain figure gives (which draws it twice). The
    case's figures (module docstring): the 2022 transactions and their balance split."""
    import base64
    import io
    from decimal import Decimal

    from matplotlib.figure import Figure

    from backtax.flows import charts

    moves = [("150", "4480.00"), ("806", "-4000.00"), ("166", "180.00"), ("276", "40.00")]
    moves += [("196", "60.00"), ("670", "-500.00"), ("290", "1200.00")]
    running, history = Decimal(0), []
    for month, (_code, amount) in enumerate(moves, start=4):
        running += Decimal(amount)
        history.append((date(2023, month, 15), running))
    split = charts.BalanceSplit(2022, Decimal("1180.00"), Decimal("255.10"), Decimal("145.40"))
    drawn = charts.history_chart({2022: history}), charts.balance_chart([split])

    def plain_figure(width: float = 6.4, height: float = 3.0) -> tuple[Any, Any]:
        figure = Figure(figsize=(width, height))
        return figure, figure.subplots()

    def plain_svg(figure: Any) -> str:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()

    monkeypatch.setattr(charts, "_figure", plain_figure)
    monkeypatch.setattr(charts, "_svg", plain_svg)
    saved = charts.history_chart({2022: history}), charts.balance_chart([split])
    assert all(b"<path" in base64.b64decode(uri.partition(",")[2]) for uri in saved)
    assert drawn == saved
