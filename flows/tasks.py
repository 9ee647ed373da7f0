"""The Prefect tasks: plain functions of extractors/ and validators/ with caching and retries.

Extraction is cached on the file's SHA-256, the extractor's version and the OCR settings
(a key of our own: Prefect's default key includes the flow run), with the result kept
under `<home>/prefect/results` as JSON. A document is therefore never extracted twice
by the same code, and is again once the extractor's code changes. Only the records are
kept (last four of TINs, masked sources), never the page words, which hold full SSNs.
"""

from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from prefect import task
from prefect.client.schemas.objects import TaskRun
from prefect.context import TaskRunContext
from prefect.states import State

import extractors
from extractors.pipeline import extract_file
from extractors.settings import ExtractSettings
from flows.home import tin_secret
from flows.store import Store
from validators.api import check_records
from validators.assess import assess


@cache
def code_fingerprint() -> str:
    """A hash of the extractor's source: any fix to it changes every cache key."""
    root = Path(extractors.__file__).parent
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
    """Retry only what a second try can fix: I/O hiccups (network shares), a killed OCR process."""
    try:
        state.result()
    except (OSError, TimeoutError, subprocess.SubprocessError):
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
) -> dict[str, Any]:
    """One file's records (or why it could not be read) as JSON-ready data."""
    settings = ExtractSettings(dpi=dpi, lang=lang, ocr_workers=ocr_workers)
    result = extract_file(
        path, settings=settings, tin_secret=tin_secret(Path(home)), display_source=source
    )
    return {
        "sha256": result.sha256 or sha256,
        "source": result.source,
        "records": [r.to_json() for r in result.records],
        "error": (
            {"reason": result.error.reason, "stage": result.error.stage} if result.error else None
        ),
        "extracted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "extractor_version": version,
    }


def with_source(result: dict[str, Any], source: str) -> dict[str, Any]:
    """A (possibly cached) result named after the file it now comes from."""
    records = [{**r, "source": source} for r in result["records"]]
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
