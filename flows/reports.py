"""Batch reports: the batch page, a case report per taxpayer, a Markdown summary, CSV tables.

`<reports>/<batch>/` holds `summary.html` (the batch page, linking every taxpayer's
report), `taxpayers/<last4>-<name control>.html` (see `flows.case_report`), `summary.md`
and the CSV tables. The summary, the tables and a link to the batch page go to Prefect
as artifacts of the flow run.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from backtax.flows.casefile import doc_index, evidence_rows, gather, payer_names, sort_findings

if TYPE_CHECKING:
    from backtax.flows.pdf import Printer

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    """What one batch did: files read or not, documents found, the cases it touched."""

    batch_id: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    """Claimed files whose bytes were stored already (source, first_source): not read again."""
    cases: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0
    check_error: str | None = None
    """Why the cross-checks could not run, when they could not."""
    assessment: dict[str, Any] = field(default_factory=dict)
    """`assess` of the taxpayers the batch touched (`{"taxpayers": [...]}`)."""
    all_documents: list[dict[str, Any]] = field(default_factory=list)
    """Every document of the touched cases, from this batch or earlier ones."""
    as_of: date = field(default_factory=date.today)
    pdf_note: str | None = None
    """Why some or all case reports have no PDF beside their HTML (`flows.pdf`), if so."""

    def counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "documents": len(self.documents),
            "errors": len(self.errors),
            "findings": len(self.findings),
        }

    def candidates(self) -> list[dict[str, Any]]:
        return [c for c in self.cases if (c.get("amended_return") or {}).get("candidate")]


def document_rows(report: BatchReport) -> list[dict[str, Any]]:
    rows = []
    for doc in report.documents:
        fixes = doc.get("corrections") or []
        rows.append(
            {
                "doc_id": doc.get("doc_id") or "",
                "source": doc["source"],
                "client": doc.get("client") or "",
                "pages": ",".join(map(str, doc["pages"])),
                "doc_type": doc["doc_type"],
                "tax_year": doc.get("tax_year"),
                "method": doc.get("method"),
                "payer": doc.get("payer_name") or "",
                "recipient_last4": doc.get("recipient_tin_last4") or "",
                "confidence": doc.get("confidence"),
                "corrected": ", ".join(
                    f"{c['field']} by {c['who']}: {c.get('original')!s} -> {c.get('value')!s} "
                    f"({c.get('why', '')})"
                    for c in fixes
                ),
            }
        )
    return rows


def finding_rows(report: BatchReport) -> list[dict[str, Any]]:
    """One row per finding and piece of evidence: document id, page, box, value and payer."""
    docs = list(doc_index(report.all_documents or report.documents).values())
    names = payer_names(docs)
    rows = []
    for number, f in enumerate(sort_findings(report.findings), start=1):
        base = {
            "finding": number,
            "case_id": f.get("case_id") or "",
            "severity": f.get("severity", ""),
            "rule": f.get("rule", ""),
            "amount": f.get("amount") or "",
            "message": f.get("message", ""),
        }
        evidence = evidence_rows(f, docs, names) or [{}]
        for ev in evidence:
            rows.append(
                {
                    **base,
                    "doc_id": ev.get("doc_id", ""),
                    "source": ev.get("source", ""),
                    "page": ev.get("page"),
                    "doc_type": ev.get("doc_type", ""),
                    "box": ev.get("box", ""),
                    "field": ev.get("field", ""),
                    "printed_value": ev.get("value"),
                    "payer": ev.get("payer", ""),
                }
            )
    return rows


def candidate_rows(report: BatchReport) -> list[dict[str, Any]]:
    rows = []
    for c in report.candidates():
        amended = c["amended_return"]
        rows.append(
            {
                "case_id": c["case_id"],
                "reasons": ", ".join(amended.get("reasons", [])),
                "direction": amended.get("direction") or "",
                "estimated_change": (amended.get("tax_estimate") or {}).get("change") or "",
                "deadline": amended.get("deadline") or "",
                "deadline_status": amended.get("deadline_status") or "",
                "explanation": "; ".join(amended.get("explanation", [])),
            }
        )
    return rows


def md_text(value: Any) -> str:
    """A table cell as Markdown text: no HTML or links from the documents (`<`, `|`, `[`)."""
    text = "" if value is None else str(value)
    return re.sub(r"([\\|\[\]])", r"\\\1", html.escape(text, quote=False))


def markdown_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "_none_\n"
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for row in rows:
        cells = (md_text(row[c]) for c in cols)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def summary_markdown(report: BatchReport, folder: Path | None = None) -> str:
    """The human summary of a batch (the Prefect artifact), pointing to the HTML reports."""
    c = report.counts()
    corrected = sum(1 for d in report.documents if d.get("corrections"))
    where = [f"- reports: `{md_text(folder / 'summary.html')}`"] if folder else []
    parts = [
        f"# backtax batch {md_text(report.batch_id)}\n",
        *where,
        f"- files: {c['files']} ({c['errors']} unreadable)",
        f"- documents: {c['documents']} ({corrected} with corrected fields)",
        f"- cases touched: {len(report.cases)}, amended-return candidates: "
        f"{len(report.candidates())}",
        f"- findings: {c['findings']}\n",
        *([f"_{md_text(report.pdf_note)}_\n"] if report.pdf_note else []),
        *(
            [f"**The cross-checks failed: {md_text(report.check_error)}**\n"]
            if report.check_error
            else []
        ),
        "## Amended-return candidates\n",
        markdown_table(candidate_rows(report)),
        "## Findings\n",
        markdown_table(finding_rows(report)),
        "## Unreadable files\n",
        markdown_table(report.errors),
        "## Documents\n",
        markdown_table(document_rows(report)),
    ]
    return "\n".join(parts)


def report_tables(report: BatchReport) -> dict[str, list[dict[str, Any]]]:
    """The batch's tables by name: documents, findings, amended candidates, errors."""
    return {
        "documents": document_rows(report),
        "findings": finding_rows(report),
        "amended_candidates": candidate_rows(report),
        "errors": report.errors,
    }


def write_report(
    report: BatchReport,
    folder: Path,
    *,
    pdf: bool = True,
    printer: Printer | None = None,
    while_printing: Callable[[dict[str, list[dict[str, Any]]]], None] | None = None,
) -> Path:
    """The batch page, a report per taxpayer (HTML, and a PDF of it when `pdf`), `summary.md`
    and the CSV tables; the folder. Why a PDF is missing goes to `report.pdf_note`. A
    `printer` handed in (its browser started while the cases were checked) prints the
    PDFs and is finished here. The tables, which need no PDF, are written (and handed to
    `while_printing`) while Chromium still prints the last pages; what `while_printing`
    raises is raised after the batch page and `summary.md` are written."""
    from backtax.flows.case_report import render_index, render_taxpayer
    from backtax.flows.pdf import Printer

    folder.mkdir(parents=True, exist_ok=True)
    checked = {
        "documents": report.all_documents or report.documents,
        "cases": report.cases,
        "findings": report.findings,
    }
    people = gather(checked, report.assessment)
    pages = folder / "taxpayers"
    links = {}
    printer = printer or (Printer() if pdf and people else None)
    failed: Exception | None = None
    with printer or contextlib.nullcontext():  # each page printed while the next is drawn
        for person in people:
            pages.mkdir(exist_ok=True)
            path = pages / f"{person.slug}.html"
            path.write_text(render_taxpayer(person, report.as_of, report.batch_id))
            links[person.key] = f"taxpayers/{path.name}"
            if printer:
                printer.add(path)
        tables = report_tables(report)
        for name, rows in tables.items():
            pd.DataFrame(rows).to_csv(folder / f"{name}.csv", index=False)
        if while_printing:
            try:
                while_printing(tables)
            except Exception as exc:  # raised once the batch page is written
                failed = exc
    if printer and printer.note:
        report.pdf_note = printer.note
        log.warning("%s", report.pdf_note)
    pdfs = {
        key: link.removesuffix(".html") + ".pdf"
        for key, link in links.items()
        if (folder / link).with_suffix(".pdf").is_file()
    }
    batch = {
        "batch_id": report.batch_id,
        **report.counts(),
        "check_error": report.check_error,
        "pdf_note": report.pdf_note,
        "error_rows": report.errors,
    }
    (folder / "summary.html").write_text(render_index(people, links, pdfs, report.as_of, batch))
    (folder / "summary.md").write_text(summary_markdown(report, folder))
    if failed:
        raise failed
    return folder


def publish_tables(tables: dict[str, list[dict[str, Any]]], key: str = "backtax-batch") -> None:
    """The batch's tables (`report_tables`) that have rows, errors among them, as table
    artifacts."""
    from prefect.artifacts import create_table_artifact

    for name, rows in tables.items():
        if rows:
            label = name.replace("_", "-")
            create_table_artifact(rows, key=f"{key}-{label}", description=f"{label} of the batch")


def publish_artifacts(
    report: BatchReport, folder: Path | None = None, key: str = "backtax-batch"
) -> None:
    """The summary and a link to the batch page as artifacts (the tables: `publish_tables`,
    while the PDFs print)."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact

    create_markdown_artifact(
        summary_markdown(report, folder), key=key, description=f"batch {report.batch_id}"
    )
    if folder is not None:
        create_link_artifact(
            (folder / "summary.html").resolve().as_uri(),
            link_text=f"batch {report.batch_id}: case reports",
            key=f"{key}-report",
            description="the batch page, linking each taxpayer's case report",
        )
