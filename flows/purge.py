"""Removing a taxpayer from a home: records, checks, cached results, reports, kept originals.

A taxpayer is known by the last four digits of their TIN (all backtax keeps). `purge`
deletes every document of theirs (optionally of one tax year) with its fields and
corrections, the cached extraction results and the kept originals (`processed/`,
`quarantine/`) of files that then hold no other document, and the per-taxpayer report
files named after their cases; the checks are left to the next batch.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from backtax.flows.files import sha256_or_none
from backtax.flows.settings import Settings


@dataclass
class Purged:
    """What was removed, for the one-line answer."""

    documents: int = 0
    files: list[str] = field(default_factory=list)
    cached_results: int = 0
    originals: int = 0
    reports: int = 0


def purge(settings: Settings, last4: str, year: int | None = None) -> Purged:
    out = Purged()
    if not settings.database_path.is_file():
        return out
    shas = _purge_store(settings.database_path, last4, year, out)
    out.cached_results = _purge_results(settings.home / "prefect" / "results", shas)
    out.originals = _purge_originals(settings.home, shas)
    out.reports = _purge_reports(settings.reports_dir, last4, year)
    return out


def _purge_store(database: Path, last4: str, year: int | None, out: Purged) -> set[str]:
    """Delete the documents; the SHA-256s of files that no longer hold any document."""
    where, args = "recipient_tin_last4=?", [last4]
    if year is not None:
        where, args = where + " AND tax_year=?", [last4, year]
    with sqlite3.connect(database, timeout=60) as db:
        rows = db.execute(f"SELECT doc_id, sha256, source FROM documents WHERE {where}", args)
        docs = rows.fetchall()
        ids = [(d[0],) for d in docs]
        for table in ("fields", "corrections", "case_documents"):
            db.executemany(f"DELETE FROM {table} WHERE doc_id=?", ids)
        db.executemany("DELETE FROM documents WHERE doc_id=?", ids)
        emptied = set()
        for sha in {d[1] for d in docs}:
            if not db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha,)).fetchone():
                emptied.add(sha)
                db.execute("DELETE FROM files WHERE sha256=?", (sha,))
                db.execute("DELETE FROM batch_files WHERE sha256=?", (sha,))
    out.documents = len(docs)
    out.files = sorted({d[2] for d in docs})
    return emptied


def _purge_results(results: Path, shas: set[str]) -> int:
    """Cached extraction results are stored under their key, `extract-<sha256>-<version>`."""
    removed = 0
    for sha in shas:
        for path in results.glob(f"extract-{sha}-*"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _purge_originals(home: Path, shas: set[str]) -> int:
    removed = 0
    for folder in (home / "processed", home / "quarantine"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and not path.is_symlink() and sha256_or_none(path) in shas:
                path.unlink()
                path.with_name(path.name + ".reason.json").unlink(missing_ok=True)
                removed += 1
    return removed


def _purge_reports(reports: Path, last4: str, year: int | None) -> int:
    """Report files and folders named after the taxpayer's cases (`1234-NAME-2023`)."""
    prefix = f"{last4}-"
    removed = 0
    for path in sorted(reports.rglob(f"{prefix}*"), reverse=True) if reports.is_dir() else []:
        if year is not None and str(year) not in path.name:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def expire_originals(home: Path, days: int | None) -> int:
    """Kept originals older than `days` removed from processed/ and quarantine/ (retention)."""
    if days is None:
        return 0
    cutoff = time.time() - days * 86400
    removed = 0
    for folder in (home / "processed", home / "quarantine"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and path.lstat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed
