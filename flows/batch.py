"""The flows: one document, a batch over a folder or the inbox, and the check of the cases.

The batch fans the documents out as `extract-document` tasks, each of which reads its
file in a worker process of a pool capped at `settings.workers` (flows/workers.py: a
time and a memory limit per file; Prefect's threads only wait for the processes). Each
result is saved to the store as soon as it is done, and only then is its file moved out
of `processing/`, so a batch killed mid-way loses nothing: the next run finds the
finished files in the cache and the store, the rest still to do.

Names are data: every name is stored and shown escaped and masked (`display_name`),
and the folder parameter Prefect records is the masked one; the real path travels
beside it in `REAL_FOLDER`. A folder some watcher of this home watches is claimed from,
as the watcher does, rather than read in place.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from backtax.extractors.loader import sha256_of
from backtax.extractors.pipeline import display_name
from backtax.flows.inbox import (
    ClaimSession,
    check_inbox,
    claimed_refusal,
    client_label,
    inbox_marker,
    list_inputs,
    quarantine,
    sweep,
    watched_inboxes,
)
from backtax.flows.pdf import Printer
from backtax.flows.purge import expire_originals
from backtax.flows.reports import BatchReport, publish_artifacts, publish_tables, write_report
from backtax.flows.settings import Settings
from backtax.flows.store import Store
from backtax.flows.tasks import check_store, extract_document, extractor_version, with_source
from backtax.flows.workers import (
    ExtractorBug,
    FileVanished,
    LimitExceeded,
    OcrMissing,
    ReadFailure,
    Stopped,
    close_idle,
    worker_cap,
)

REAL_FOLDER: ContextVar[Path | None] = ContextVar("backtax_real_folder", default=None)
"""The folder `batch_flow` reads when its (masked) `folder` parameter names it."""

PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "backtax_progress", default=None
)
"""Set by the command line to draw a progress bar: called with (done, total)."""


@dataclass
class Job:
    """A file to read: where it is now, its name in reports, whether it was claimed, and why
    it is refused unread (a link leading outside its folder)."""

    path: Path
    source: str
    claimed: bool
    refused: str | None = None


def new_batch_id() -> str:
    run = flow_run.get_id() or uuid.uuid4().hex
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{str(run)[:8]}"


def task_runner(settings: Settings, jobs: int) -> TaskRunner[Any]:
    """Processes, one a worker; or threads, two a worker of the pool: while one thread
    records its task's end (result, states), the next file is already being read in the
    worker, which would otherwise wait for Prefect after every file."""
    workers = max(1, min(settings.workers, jobs))
    if settings.task_runner == "process" and workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=max(1, min(2 * settings.workers, jobs)))


def task_parameters(job: Job, sha: str, settings: Settings, ocr_workers: int) -> dict[str, Any]:
    extract = settings.extract_settings(ocr_workers=ocr_workers)
    limits = settings.work_limits()
    return {
        "path": str(job.path),
        "sha256": sha,
        "version": extractor_version(extract),
        "source": job.source,
        "home": str(settings.home),
        "dpi": extract.dpi,
        "lang": extract.lang,
        "ocr_workers": ocr_workers,
        "workers": worker_cap(settings.workers, limits),
        "limits": asdict(limits),
    }


STAGES = {
    LimitExceeded: "limit",
    FileVanished: "vanished",
    ReadFailure: "read",
    OcrMissing: "ocr",
}


def failed_result(job: Job, sha: str | None, exc: BaseException, stage: str) -> dict[str, Any]:
    """A file that could not be read this time: over a limit, gone, an I/O error, a bug."""
    stage = next((v for k, v in STAGES.items() if isinstance(exc, k)), stage)
    if isinstance(exc, FileNotFoundError):
        stage = "vanished"
    ours = isinstance(exc, (*STAGES, ExtractorBug)) or stage != "extract"
    reason = str(exc) if ours else f"{type(exc).__name__}: {exc}"
    return {
        "sha256": sha,
        "source": job.source,
        "records": [],
        "error": {"reason": display_name(reason), "stage": stage},
    }


class BatchRun:
    """Puts each finished file where it belongs: store, report, processed/ or quarantine/."""

    def __init__(self, settings: Settings, store: Store, report: BatchReport, session: Any):
        self.settings, self.store, self.report, self.session = settings, store, report, session
        self.doc_ids: list[str] = []

    def settle(self, job: Job, result: dict[str, Any]) -> None:
        if result.get("sha256"):
            result = with_source(
                result, job.source, client_label(job.source) if job.claimed else None
            )
        error = result.get("error")
        pair = (error["reason"], error["stage"]) if error else None
        if error:
            self.report.errors.append({"source": job.source, **error})
        if pair and pair[1] == "vanished":  # another claimer has it, or it was deleted
            return
        if not job.refused:
            self.doc_ids += self.store.save_result(result, self.report.batch_id)
        if job.claimed:
            self.session.finish(job.path, pair, job.source)
        elif pair:
            quarantine(
                self.settings.home, job.path, pair, job.source, move=False, copy=not job.refused
            )

    def duplicate(self, job: Job, sha: str) -> bool:
        """A claimed file whose bytes are stored already: kept in processed/, not read again."""
        known = self.store.file(sha) if job.claimed else None
        if not known or known["status"] != "ok":
            return False
        self.store.seen_again(sha)
        self.session.finish(job.path, None, job.source)
        self.report.duplicates.append({"source": job.source, "first_source": known["source"]})
        return True

    def extract_all(self, jobs: list[Job]) -> None:
        """Extract every job, identical files once, in parallel; settle each as it finishes."""
        progress, done = PROGRESS.get(), 0
        by_sha: dict[str, list[Job]] = {}
        for job in jobs:
            if job.refused:
                self.settle(job, failed_result(job, None, Exception(job.refused), "refused"))
                done += 1
                continue
            try:
                sha = sha256_of(job.path)
            except OSError as exc:
                self.settle(job, failed_result(job, None, exc, "open"))
                done += 1
                continue
            if self.duplicate(job, sha):
                done += 1
            else:
                by_sha.setdefault(sha, []).append(job)
        ocr_workers = 1 if len(by_sha) > 1 else 0
        with task_runner(self.settings, len(by_sha)) as runner:
            futures = {
                runner.submit(
                    extract_document,
                    task_parameters(group[0], sha, self.settings, ocr_workers),
                ): sha
                for sha, group in by_sha.items()
            }
            for future in as_completed(list(futures)):
                sha = futures[future]
                for job in by_sha[sha]:
                    try:
                        result = future.result()
                    except Stopped:
                        raise  # the file stays claimed (or in place) for the next start
                    except Exception as exc:  # one file's failure must not stop the batch
                        result = failed_result(job, sha, exc, "extract")
                    self.settle(job, result)
                    done += 1
                    if progress:
                        progress(done, len(jobs))


def folder_jobs(folder: Path, settings: Settings) -> list[Job]:
    return [
        Job(p, display_name(p), claimed=False, refused=refused)
        for p, refused in list_inputs(folder, settings.follow_links)
    ]


def inbox_jobs(settings: Settings, session: ClaimSession, inbox: Path | None = None) -> list[Job]:
    """Files of dead sessions first, then every finished file in the inbox, claimed."""
    jobs = []
    if inbox is None:
        inbox = check_inbox(settings)
        jobs += [Job(p, p.name, claimed=True) for p in session.take_over_orphans()]
    jobs += [
        Job(p, source, claimed=True, refused=claimed_refusal(p, settings.follow_links))
        for p, source in sweep(inbox, session, settings.settle_seconds, settings.stall_seconds)
    ]
    return jobs


def real_folder(folder: str) -> Path:
    """The folder a (masked) `folder` parameter stands for."""
    real = REAL_FOLDER.get()
    return real if real is not None and display_name(real) == folder else Path(folder)


@flow(name="backtax-batch", log_prints=False)
def batch_flow(
    folder: str | None = None, sweep_inbox: bool = False, as_of: str | None = None
) -> dict[str, Any]:
    """Process a folder (left as it was) or sweep the inbox (files claimed and moved out),
    save every document, re-check the cases and publish the batch report."""
    settings = Settings.load()
    report = BatchReport(new_batch_id())
    with Store(settings.database_path) as store, ClaimSession(settings.home) as session:
        store.start_batch(report.batch_id, "inbox" if sweep_inbox else "folder")
        jobs = []
        if folder:
            path = real_folder(folder)
            watched = inbox_marker(path) in watched_inboxes(settings.home)
            jobs = inbox_jobs(settings, session, path) if watched else folder_jobs(path, settings)
        if sweep_inbox:
            jobs += inbox_jobs(settings, session)
        report.files = len(jobs)
        run = BatchRun(settings, store, report, session)
        from backtax.flows.case_report import prepare

        # the reports' imports and templates loaded while the workers read the files
        warming = threading.Thread(target=prepare, name="backtax-warm", daemon=True)
        if jobs:
            warming.start()
        run.extract_all(jobs)
        close_idle()  # the workers' memory back before the check and the report
        # the browser starts on the idle core while the cases are checked on the other
        printer = Printer() if settings.report_pdf and (run.doc_ids or sweep_inbox) else None
        with printer or contextlib.nullcontext():
            try:
                checked = check_flow(None if sweep_inbox else run.doc_ids, as_of)
                report.cases, report.findings = checked["cases"], checked["findings"]
                report.assessment = checked.get("assessment") or {}
            except Exception as exc:  # the documents are saved; the report says it failed
                report.check_error = f"{type(exc).__name__}: {display_name(str(exc))}"
            records = store.records(run.doc_ids)
            report.documents = [
                {**records[i].to_json(), "doc_id": i} for i in run.doc_ids if i in records
            ]
            in_cases = {i for c in report.cases for i in c.get("documents", [])}
            report.all_documents = [
                {**r.to_json(), "doc_id": i} for i, r in store.records(in_cases).items()
            ]
            report.as_of = date.fromisoformat(as_of) if as_of else date.today()
            if warming.ident is not None:
                warming.join()
            folder_out = write_report(
                report,
                settings.reports_dir / report.batch_id,
                pdf=settings.report_pdf,
                printer=printer,
                while_printing=publish_tables,
            )
        publish_artifacts(report, folder_out)
        store.finish_batch(report.batch_id, report.counts(), str(folder_out))
    expire_originals(settings.home, settings.retention_days)
    return {
        "batch_id": report.batch_id,
        "report": str(folder_out),
        **report.counts(),
        "errors_detail": report.errors,
        "duplicates": report.duplicates,
        "check_error": report.check_error,
        "pdf_note": report.pdf_note,
        "candidates": len(report.candidates()),
    }


@flow(name="backtax-check", log_prints=False)
def check_flow(touched: list[str] | None = None, as_of: str | None = None) -> dict[str, Any]:
    """Re-check the store with the current rules: the cases the `touched` documents may
    belong to, or everything (None). Returns the cases holding the `touched` documents
    (None: all) with their findings, and the findings about those documents that belong
    to no case."""
    settings = Settings.load()
    checked = check_store(str(settings.database_path), as_of or date.today().isoformat(), touched)
    if touched is None:
        return checked
    wanted = set(touched)
    with Store(settings.database_path) as store:
        sources = store.sources(wanted)
    cases = [c for c in checked["cases"] if wanted & set(c.get("documents", []))]
    ids = {c["case_id"] for c in cases}
    people = {c.get("recipient_tin_last4") for c in cases}
    assessment = checked.get("assessment") or {}
    taxpayers = [
        t for t in assessment.get("taxpayers", []) if t.get("recipient_tin_last4") in people
    ]
    findings = [
        f
        for f in checked["findings"]
        if f.get("case_id") in ids
        or (not f.get("case_id") and any(e.get("source") in sources for e in f["evidence"]))
    ]
    return {
        "cases": cases,
        "findings": findings,
        "assessment": {**assessment, "taxpayers": taxpayers},
    }


@flow(name="backtax-document", log_prints=False)
def document_flow(path: str, source: str) -> dict[str, Any]:
    """Extract one file (cached) and save its documents; the caller moves the file."""
    settings = Settings.load()
    job = Job(Path(path), source, claimed=True)
    try:
        sha = sha256_of(job.path)
    except OSError as exc:
        return {
            "sha256": None,
            "doc_ids": [],
            "error": failed_result(job, None, exc, "open")["error"],
        }
    with Store(settings.database_path) as store:
        known = store.file(sha)
        if known and known["status"] == "ok":
            store.seen_again(sha)
            return {"sha256": sha, "doc_ids": [], "error": None, "duplicate_of": known["source"]}
    try:
        result = extract_document(**task_parameters(job, sha, settings, ocr_workers=0))
        result = with_source(result, source, client_label(source))
    except Stopped:
        raise
    except Exception as exc:  # not a verdict on the bytes: reported, never cached
        result = failed_result(job, sha, exc, "extract")
    if (result.get("error") or {}).get("stage") == "vanished":
        return {"sha256": sha, "doc_ids": [], "error": result["error"]}
    with Store(settings.database_path) as store:
        doc_ids = store.save_result(result)
    return {"sha256": sha, "doc_ids": doc_ids, "error": result.get("error")}
