"""The Prefect tasks: plain functions of extractors/ and validators/ with caching and retries.

Extraction is cached on the file's SHA-256, the extractor's version, the OCR settings
and the input limits (a key of our own: Prefect's default key includes the flow run),
with the result kept under `<home>/prefect/results` as JSON. Only a verdict about the
file's bytes is a result: records, or a reason such as corrupt, encrypted or too large.
Whatever could end otherwise next time (the file vanished or changed while read, an I/O
error, a time or memory limit, a bug in the extractor) is raised instead, so the task
fails, nothing is cached, and the same file dropped again is read again. Only the
records are kept (last four of TINs, masked sources), never the page words.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from prefect import task
from prefect.client.schemas.objects import TaskRun
from prefect.context import TaskRunContext
from prefect.states import State

from backtax import extractors
from backtax.extractors.settings import ExtractSettings
from backtax.flows.home import tin_secret
from backtax.flows.store import Store
from backtax.flows.workers import Job, Limits, ReadFailure, pool
from backtax.validators.api import check_records
from backtax.validators.assess import assess


@cache
def code_fingerprint() -> str:
    """A hash of the extractor's source: any fix to it changes every cache key."""
    return tree_digest(Path(extractors.__file__).parent)


def tree_digest(root: Path) -> str:
    """A hash of the names and bytes of the code and data files under `root`."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".csv", ".toml", ".yaml"}:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def extractor_version(settings: ExtractSettings) -> str:
    """The version part of a cache key: declared version, OCR settings and code fingerprint."""
    return f"{settings.cache_token()}-{code_fingerprint()}"


def extraction_key(_: TaskRunContext, parameters: dict[str, Any]) -> str:
    return f"extract-{parameters['sha256']}-{parameters['version']}"


def transient_failure(_task: Any, _run: TaskRun, state: State) -> bool:
    """Retry only what a second try can fix: an I/O error on a file that is still there."""
    try:
        state.result()
    except ReadFailure:
        return True
    except Exception:
        return False
    return False


@task(
    name="extract-document",
    cache_key_fn=extraction_key,
    persist_result=True,
    result_serializer="json",
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=transient_failure,
)
def extract_document(
    path: str,
    sha256: str,
    version: str,
    source: str,
    home: str,
    dpi: int,
    lang: str,
    ocr_workers: int,
    workers: int = 1,
    limits: dict[str, float] | None = None,
) -> dict[str, Any]:
    """One file's records (or the verdict why it cannot be read) as JSON-ready data, read
    in a worker process of the pool (`workers` at once, within `limits`)."""
    settings = ExtractSettings(dpi=dpi, lang=lang, ocr_workers=ocr_workers)
    job = Job(path, sha256, source, asdict(settings), tin_secret(Path(home)))
    result = pool(workers, Limits(**(limits or {}))).read(job)
    return {
        **result,
        "sha256": result["sha256"] or sha256,
        "extracted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "extractor_version": version,
    }


def with_source(result: dict[str, Any], source: str, client: str | None = None) -> dict[str, Any]:
    """A (possibly cached) result named after the file it now comes from (and the client
    whose inbox subfolder it came from, when it did)."""
    label = {"client": client} if client else {}
    records = [{**r, "source": source, **label} for r in result["records"]]
    return {**result, "source": source, "records": records}


@task(name="check-cases")
def check_store(database: str, as_of: str, touched: list[str] | None = None) -> dict[str, Any]:
    """Check the stored documents (corrections applied) and keep the cases and findings:
    every document (`touched` None: the nightly batch), or only those a check of the
    `touched` documents must look at (`Store.related`: same taxpayers, spouses, near
    matches), whose cases and findings are replaced; the other cases stay as they were."""
    with Store(Path(database)) as store:
        scope = None if touched is None else store.related(touched)
        records = store.records(scope)
        when = date.fromisoformat(as_of)
        checked = check_records(list(records.values()), when)
        cases, findings = checked["cases"], checked["findings"]
        store.replace_checks(cases, findings, scope)
    return {
        "cases": cases,
        "findings": findings,
        "assessment": assess(checked.tables, cases, findings, when),
    }
