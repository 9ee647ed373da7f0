"""Batch reports: a Markdown summary of findings and amended-return candidates, with tables.

The same summary goes to Prefect (artifacts, visible in the UI) and to
`<reports>/<batch>/` as `summary.md`, `summary.html` and CSV tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from markdown_it import MarkdownIt

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


@dataclass
class BatchReport:
    """What one batch did: files read or not, documents found, the cases it touched."""

    batch_id: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0
    check_error: str | None = None
    """Why the cross-checks could not run, when they could not."""

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
                "source": doc["source"],
                "pages": ",".join(map(str, doc["pages"])),
                "doc_type": doc["doc_type"],
                "tax_year": doc.get("tax_year"),
                "method": doc.get("method"),
                "payer": doc.get("payer_name") or "",
                "recipient_last4": doc.get("recipient_tin_last4") or "",
                "confidence": doc.get("confidence"),
                "corrected": ", ".join(f"{c['field']} by {c['who']}" for c in fixes),
            }
        )
    return rows


def finding_rows(report: BatchReport) -> list[dict[str, Any]]:
    ordered = sorted(
        report.findings,
        key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f.get("case_id") or "", f["rule"]),
    )
    return [
        {
            "case_id": f.get("case_id") or "",
            "severity": f["severity"],
            "rule": f["rule"],
            "amount": f.get("amount") or "",
            "message": f["message"],
        }
        for f in ordered
    ]


def candidate_rows(report: BatchReport) -> list[dict[str, Any]]:
    return [
        {
            "case_id": c["case_id"],
            "reasons": ", ".join(c["amended_return"].get("reasons", [])),
            "deadline": c["amended_return"].get("deadline") or "",
            "explanation": "; ".join(c["amended_return"].get("explanation", [])),
        }
        for c in report.candidates()
    ]


def markdown_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "_none_\n"
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for row in rows:
        cells = (str(row[c] if row[c] is not None else "").replace("|", "\\|") for c in cols)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def summary_markdown(report: BatchReport) -> str:
    """The human summary of a batch."""
    c = report.counts()
    corrected = sum(1 for d in report.documents if d.get("corrections"))
    parts = [
        f"# backtax batch {report.batch_id}\n",
        f"- files: {c['files']} ({c['errors']} unreadable)",
        f"- documents: {c['documents']} ({corrected} with corrected fields)",
        f"- cases touched: {len(report.cases)}, amended-return candidates: "
        f"{len(report.candidates())}",
        f"- findings: {c['findings']}\n",
        *([f"**The cross-checks failed: {report.check_error}**\n"] if report.check_error else []),
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


def write_report(report: BatchReport, folder: Path) -> Path:
    """`summary.md`, `summary.html` and one CSV per table in `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    text = summary_markdown(report)
    (folder / "summary.md").write_text(text)
    body = MarkdownIt("commonmark").enable("table").render(text)
    (folder / "summary.html").write_text(
        "<!doctype html><meta charset='utf-8'><title>backtax batch "
        f"{report.batch_id}</title><style>body{{font-family:sans-serif}}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>\n"
        + body
    )
    tables = {
        "documents": document_rows(report),
        "findings": finding_rows(report),
        "amended_candidates": candidate_rows(report),
        "errors": report.errors,
    }
    for name, rows in tables.items():
        pd.DataFrame(rows).to_csv(folder / f"{name}.csv", index=False)
    return folder


def publish_artifacts(report: BatchReport, key: str = "backtax-batch") -> None:
    """The summary and its tables as Prefect artifacts of the current flow run."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        summary_markdown(report), key=key, description=f"batch {report.batch_id}"
    )
    for name, rows in (
        ("findings", finding_rows(report)),
        ("amended-candidates", candidate_rows(report)),
        ("documents", document_rows(report)),
    ):
        if rows:
            create_table_artifact(rows, key=f"{key}-{name}", description=f"{name} of the batch")
