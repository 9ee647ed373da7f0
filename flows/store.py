"""The results store: one SQLite file with files, documents, fields, corrections, cases, findings.

SQLite rather than DuckDB: `backtax serve` (watcher and nightly batch), a `backtax run`
and a `backtax correct` from other shells write to the same file at the same time.
SQLite in WAL mode lets several processes share one database (readers never block,
writers queue on a lock for a moment); DuckDB lets one process at a time open a file
for writing. The tables are small; pandas does the analysis and the exports.

Everything is idempotent on a file's SHA-256: saving a file again replaces its
documents and fields. Corrections are kept apart, keyed by document, so they survive
every re-extraction and are applied whenever records are read back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backtax.extractors.record import DocumentRecord
from backtax.validators.cases import linking_keys

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY, source TEXT NOT NULL, status TEXT NOT NULL,
  reason TEXT, stage TEXT, documents INTEGER NOT NULL DEFAULT 0,
  extractor_version TEXT, extracted_at TEXT, first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL, times_seen INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, seq INTEGER NOT NULL, source TEXT NOT NULL,
  pages TEXT NOT NULL, doc_type TEXT NOT NULL, tax_year INTEGER, method TEXT,
  corrected_form INTEGER, payer_tin TEXT, payer_name TEXT, recipient_tin_last4 TEXT,
  recipient_name TEXT, confidence REAL, warnings TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS fields (
  doc_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT, kind TEXT NOT NULL,
  PRIMARY KEY (doc_id, field));
CREATE TABLE IF NOT EXISTS document_keys (
  key TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id));
CREATE INDEX IF NOT EXISTS document_keys_doc ON document_keys(doc_id);
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, field TEXT NOT NULL,
  original TEXT, value TEXT NOT NULL, who TEXT NOT NULL, why TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS undone_corrections (
  correction_id INTEGER PRIMARY KEY, who TEXT NOT NULL, why TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
  batch_id TEXT PRIMARY KEY, trigger TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
  files INTEGER, documents INTEGER, errors INTEGER, findings INTEGER, report TEXT);
CREATE TABLE IF NOT EXISTS batch_files (
  batch_id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (batch_id, sha256));
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY, recipient_tin_last4 TEXT, tax_year INTEGER,
  amended_return_candidate INTEGER NOT NULL, deadline TEXT, "case" TEXT NOT NULL,
  checked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_documents (
  case_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (case_id, doc_id));
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT, rule TEXT NOT NULL,
  severity TEXT NOT NULL, message TEXT NOT NULL, amount TEXT,
  amended_return_candidate INTEGER NOT NULL, evidence TEXT NOT NULL, checked_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS case_documents_doc ON case_documents(doc_id);
CREATE INDEX IF NOT EXISTS findings_case ON findings(case_id);
"""

TABLES = ("documents", "fields", "corrections", "cases", "findings", "files", "batches")
TOP_LEVEL_FIELDS = (
    "doc_type",
    "tax_year",
    "payer_tin",
    "payer_name",
    "recipient_tin_last4",
    "recipient_name",
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def doc_id(sha256: str, pages: list[int]) -> str:
    """`sha256:page-range`, as cases list their documents (`abc:1`, `abc:2-3`)."""
    first, last = (min(pages), max(pages)) if pages else (0, 0)
    return f"{sha256}:{first}" if first == last else f"{sha256}:{first}-{last}"


def document_id(record: DocumentRecord, seq: int, taken: list[str]) -> str:
    """The id of a file's `seq`-th document; `#seq` added when another one has its pages
    (two sections of a consolidated form)."""
    ident = doc_id(record.sha256, record.pages)
    return f"{ident}#{seq}" if ident in taken else ident


def encode(value: Any) -> tuple[str | None, str]:
    """A field value as stored text and its kind."""
    if isinstance(value, bool):
        return json.dumps(value), "bool"
    if isinstance(value, str):
        return value, "text"
    if isinstance(value, int | float):
        return json.dumps(value), "number"
    return json.dumps(value, ensure_ascii=False), "list"


def decode(text: str | None, kind: str) -> Any:
    return text if kind == "text" or text is None else json.loads(text)


class Store:
    """The results database at `path`; safe to open from several processes at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA busy_timeout=60000")
        self.db.executescript(SCHEMA)
        self._fill_keys()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is saved, or none (a kill mid-way loses nothing)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # files and documents

    def save_result(self, result: dict[str, Any], batch_id: str | None = None) -> list[str]:
        """Save one file's extraction (see `flows.tasks.extract_document`); its doc ids.

        Idempotent on the SHA-256: the file's previous documents and fields are replaced.
        """
        sha, stamp = result["sha256"], now()
        if sha is None:
            return []
        ids: list[str] = []
        with self.transaction() as db:
            for table in ("fields", "document_keys"):
                db.execute(
                    f"DELETE FROM {table} WHERE doc_id IN "
                    "(SELECT doc_id FROM documents WHERE sha256=?)",
                    (sha,),
                )
            db.execute("DELETE FROM documents WHERE sha256=?", (sha,))
            for seq, data in enumerate(result["records"]):
                ids.append(self._insert_document(db, seq, data, ids))
            error = result.get("error") or {}
            db.execute(
                """INSERT INTO files (sha256, source, status, reason, stage, documents,
                   extractor_version, extracted_at, first_seen, last_seen)
                   VALUES (?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(sha256) DO UPDATE SET source=excluded.source,
                   status=excluded.status, reason=excluded.reason, stage=excluded.stage,
                   documents=excluded.documents, extractor_version=excluded.extractor_version,
                   extracted_at=excluded.extracted_at, last_seen=excluded.last_seen,
                   times_seen=times_seen+1""",
                (
                    sha,
                    result["source"],
                    "error" if error else "ok",
                    error.get("reason"),
                    error.get("stage"),
                    len(ids),
                    result.get("extractor_version"),
                    result.get("extracted_at"),
                    stamp,
                    stamp,
                ),
            )
            if batch_id:
                db.execute("INSERT OR IGNORE INTO batch_files VALUES (?,?)", (batch_id, sha))
        return ids

    @staticmethod
    def _insert_document(
        db: sqlite3.Connection, seq: int, data: dict[str, Any], taken: list[str]
    ) -> str:
        record = DocumentRecord.from_json(data)
        ident = document_id(record, seq, taken)
        db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ident,
                record.sha256,
                seq,
                record.source,
                json.dumps(record.pages),
                record.doc_type,
                record.tax_year,
                record.method,
                int(record.corrected),
                record.payer_tin,
                record.payer_name,
                record.recipient_tin_last4,
                record.recipient_name,
                record.confidence,
                json.dumps(record.warnings),
                json.dumps(data, ensure_ascii=False),
            ),
        )
        db.executemany(
            "INSERT INTO fields VALUES (?,?,?,?)",
            [(ident, name, *encode(value)) for name, value in record.fields.items()],
        )
        _set_keys(db, ident, record)
        return ident

    def _fill_keys(self) -> None:
        """Index the documents of a store made before `document_keys` (once)."""
        if self.db.execute("SELECT 1 FROM document_keys LIMIT 1").fetchone() is not None:
            return
        if self.db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            return
        records = self.records()
        with self.transaction() as db:
            for ident, record in records.items():
                _set_keys(db, ident, record)

    def seen_again(self, sha256: str) -> None:
        """A file already stored arrived again: counted, its first source kept."""
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET last_seen=?, times_seen=times_seen+1 WHERE sha256=?",
                (now(), sha256),
            )

    def file(self, sha256: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM files WHERE sha256=?", (sha256,)).fetchone()
        return dict(row) if row else None

    def sources(self, doc_ids: Iterable[str]) -> set[str]:
        wanted = list(doc_ids)
        marks = ",".join("?" * len(wanted))
        rows = self.db.execute(f"SELECT source FROM documents WHERE doc_id IN ({marks})", wanted)
        return {r[0] for r in rows}

    def records(self, doc_ids: Iterable[str] | None = None) -> dict[str, DocumentRecord]:
        """The stored documents by doc id (all, or those of `doc_ids`), corrections applied
        (listed in `corrections`)."""
        where, args = "", []
        if doc_ids is not None:
            args = sorted(set(doc_ids))
            where = "WHERE doc_id IN (SELECT value FROM json_each(?))"
        query = f"SELECT doc_id, record FROM documents {where} ORDER BY sha256, seq"
        params = (json.dumps(args),) if doc_ids is not None else ()
        out: dict[str, DocumentRecord] = {}
        for row in self.db.execute(query, params):
            out[row["doc_id"]] = DocumentRecord.from_json(json.loads(row["record"]))
        for fix in self.corrections(None if doc_ids is None else args):
            record = out.get(fix["doc_id"])
            if record is not None:
                apply_correction(record, fix)
        return out

    def related(self, doc_ids: Iterable[str]) -> set[str]:
        """`doc_ids` and every document grouping could put in a case with them, directly or
        through others (`validators.cases.linking_keys`), and the documents of cases that
        list a document no longer stored (its file was read again): what a check of these
        documents must look at to give what a check of everything would give for them."""
        corrected = [r[0] for r in self.db.execute("SELECT DISTINCT doc_id FROM corrections")]
        if corrected:
            with self.transaction() as db:  # a corrected TIN or name may regroup a document
                for ident, record in self.records(corrected).items():
                    _set_keys(db, ident, record)
        found = set(doc_ids)
        found |= {
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT cd.doc_id FROM case_documents cd WHERE cd.case_id IN ("
                " SELECT case_id FROM case_documents WHERE doc_id NOT IN"
                " (SELECT doc_id FROM documents) OR doc_id IN (SELECT value FROM json_each(?)))",
                (json.dumps(sorted(found)),),
            )
        }
        frontier = found
        while frontier:
            rows = self.db.execute(
                "SELECT DISTINCT k2.doc_id FROM document_keys k1"
                " JOIN document_keys k2 ON k2.key = k1.key"
                " WHERE k1.doc_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(frontier)),),
            )
            frontier = {r[0] for r in rows} - found
            found |= frontier
        return found

    def corrections(
        self, doc_ids: Iterable[str] | None = None, *, undone: bool = False
    ) -> list[dict[str, Any]]:
        """The corrections in force (with `undone`: every one, undone ones marked), oldest first."""
        rows = self.db.execute(
            "SELECT c.*, u.who AS undone_by, u.at AS undone_at, u.why AS undone_why "
            "FROM corrections c LEFT JOIN undone_corrections u ON u.correction_id = c.id "
            "ORDER BY c.id"
        )
        wanted = set(doc_ids) if doc_ids is not None else None
        return [
            dict(r)
            for r in rows
            if (undone or r["undone_at"] is None) and (wanted is None or r["doc_id"] in wanted)
        ]

    def undo_correction(self, correction_id: int, *, who: str, why: str | None) -> dict[str, Any]:
        """Take a correction back (it stays listed as undone); LookupError if none in force."""
        fix = next((c for c in self.corrections() if c["id"] == correction_id), None)
        if fix is None:
            raise LookupError(f"no correction {correction_id} in force (see `backtax corrections`)")
        with self.transaction() as db:
            db.execute(
                "INSERT INTO undone_corrections VALUES (?,?,?,?)", (correction_id, who, why, now())
            )
        return fix

    # corrections

    def resolve_document(self, ref: str) -> str:
        """A doc id from a full id, an unambiguous prefix of the SHA-256 (like git), or such a
        prefix with the pages (`15f924ab12cd:1-2`, as reports print it)."""
        sha, _, pages = ref.strip().partition(":")
        if len(sha) < 4 or not re.fullmatch(r"[0-9a-fA-F]+", sha):
            raise LookupError(f"{ref!r} is no document id: give at least 4 hex digits of one")
        ids = [r[0] for r in self.db.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
        rows = [
            i
            for i in ids
            if i.startswith(sha.lower())
            and (not pages or i.partition(":")[2] == pages or i == ref or i.startswith(ref + "#"))
        ]
        if ref in rows:
            return ref
        if len(rows) != 1:
            listed = ", ".join(rows[:10]) or "none"
            raise LookupError(f"document {ref!r} matches {len(rows)} documents: {listed}")
        return rows[0]

    def add_correction(
        self, ref: str, field: str, value: Any, *, who: str, why: str
    ) -> dict[str, Any]:
        """Record a person's fix of one field; returns the correction as stored."""
        ident = self.resolve_document(ref)
        record = self.records()[ident]
        original = current_value(record, field)
        fix = {
            "doc_id": ident,
            "field": field,
            "original": json.dumps(original),
            "value": json.dumps(value),
            "who": who,
            "why": why,
            "at": now(),
        }
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO corrections (doc_id, field, original, value, who, why, at) "
                "VALUES (:doc_id, :field, :original, :value, :who, :why, :at)",
                fix,
            )
        return {"id": cursor.lastrowid, **fix}

    # cases and findings

    def replace_checks(
        self,
        cases: list[dict[str, Any]],
        findings: list[dict[str, Any]],
        checked: set[str] | None = None,
    ) -> None:
        """Put the result of a check in place of the previous one: of everything, or of the
        `checked` documents (see `related`): their cases, and the findings outside any case
        whose evidence names one of their files."""
        stamp = now()
        with self.transaction() as db:
            if checked is None:
                for table in ("cases", "case_documents", "findings"):
                    db.execute(f"DELETE FROM {table}")
            else:
                self._forget_checks(db, checked)
            for case in cases:
                amended = case.get("amended_return") or {}
                db.execute(
                    "INSERT OR REPLACE INTO cases VALUES (?,?,?,?,?,?,?)",
                    (
                        case["case_id"],
                        case.get("recipient_tin_last4"),
                        case.get("tax_year"),
                        int(bool(amended.get("candidate"))),
                        amended.get("deadline"),
                        json.dumps(case, ensure_ascii=False),
                        stamp,
                    ),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO case_documents VALUES (?,?)",
                    [(case["case_id"], d) for d in case.get("documents", [])],
                )
            db.executemany(
                "INSERT INTO findings (case_id, rule, severity, message, amount, "
                "amended_return_candidate, evidence, checked_at) VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        f.get("case_id"),
                        f["rule"],
                        f["severity"],
                        f["message"],
                        f.get("amount"),
                        int(bool(f.get("amended_return_candidate"))),
                        json.dumps(f.get("evidence", []), ensure_ascii=False),
                        stamp,
                    )
                    for f in findings
                ],
            )

    @staticmethod
    def _forget_checks(db: sqlite3.Connection, checked: set[str]) -> None:
        docs = json.dumps(sorted(checked))
        db.execute("CREATE TEMP TABLE IF NOT EXISTS forget (case_id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM forget")
        db.execute(
            "INSERT OR IGNORE INTO forget SELECT case_id FROM case_documents"
            " WHERE doc_id IN (SELECT value FROM json_each(?))"
            " OR doc_id NOT IN (SELECT doc_id FROM documents)",
            (docs,),
        )
        for table in ("cases", "case_documents", "findings"):
            db.execute(f"DELETE FROM {table} WHERE case_id IN (SELECT case_id FROM forget)")
        db.execute(
            "DELETE FROM findings WHERE case_id IS NULL AND EXISTS ("
            " SELECT 1 FROM json_each(findings.evidence) e"
            " WHERE json_extract(e.value, '$.source') IN (SELECT substr(key, 6)"
            "  FROM document_keys WHERE key LIKE 'file:%'"
            "  AND doc_id IN (SELECT value FROM json_each(?))))",
            (docs,),
        )

    def cases(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute('SELECT "case" FROM cases')]

    def findings(self) -> list[dict[str, Any]]:
        """The stored findings, evidence decoded, as `check --json` gives them."""
        out = []
        for row in self.db.execute("SELECT * FROM findings ORDER BY id"):
            finding = dict(row)
            del finding["id"], finding["checked_at"]
            finding["evidence"] = json.loads(row["evidence"])
            finding["amended_return_candidate"] = bool(row["amended_return_candidate"])
            out.append(finding)
        return out

    # batches

    def start_batch(self, batch_id: str, trigger: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO batches (batch_id, trigger, started) VALUES (?,?,?)",
                (batch_id, trigger, now()),
            )

    def finish_batch(self, batch_id: str, counts: dict[str, int], report: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE batches SET finished=?, files=?, documents=?, errors=?, findings=?, "
                "report=? WHERE batch_id=?",
                (
                    now(),
                    counts.get("files"),
                    counts.get("documents"),
                    counts.get("errors"),
                    counts.get("findings"),
                    report,
                    batch_id,
                ),
            )

    # tables and exports

    def rows(self, name: str) -> tuple[list[str], list[dict[str, Any]]]:
        """One table's columns and rows with SQLite's own types (integers stay integers)."""
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
        query = FIELDS_VIEW if name == "fields" else f"SELECT * FROM {name}"
        cursor = self.db.execute(query)
        columns = [d[0] for d in cursor.description]
        return columns, [dict(zip(columns, row, strict=True)) for row in cursor]

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame; `fields` with corrections applied and marked."""
        import pandas as pd

        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
        query = FIELDS_VIEW if name == "fields" else f"SELECT * FROM {name}"
        with closing(sqlite3.connect(self.path, timeout=60)) as conn:
            return pd.read_sql_query(query, conn)


FIELDS_VIEW = """
SELECT f.doc_id, d.source, d.doc_type, d.tax_year, d.recipient_tin_last4, f.field,
  COALESCE(json_extract(c.value, '$'), f.value) AS value, f.kind,
  CASE WHEN c.id IS NULL THEN 0 ELSE 1 END AS corrected,
  CASE WHEN c.id IS NULL THEN NULL ELSE f.value END AS extracted_value,
  c.who AS corrected_by, c.why AS correction_reason, c.at AS corrected_at
FROM fields f JOIN documents d USING (doc_id)
LEFT JOIN corrections c ON c.id = (
  SELECT MAX(id) FROM corrections WHERE doc_id = f.doc_id AND field = f.field
  AND id NOT IN (SELECT correction_id FROM undone_corrections))
ORDER BY f.doc_id, f.field
"""


def _set_keys(db: sqlite3.Connection, ident: str, record: DocumentRecord) -> None:
    """Add the record's linking keys (kept until its file is saved again: the keys of the
    values as read and as corrected, so an undone correction still finds its case)."""
    db.executemany(
        "INSERT OR IGNORE INTO document_keys VALUES (?,?)",
        [(key, ident) for key in sorted(linking_keys(record))],
    )


def current_value(record: DocumentRecord, field: str) -> Any:
    if field in TOP_LEVEL_FIELDS:
        return getattr(record, field)
    return record.fields.get(field)


def apply_correction(record: DocumentRecord, fix: dict[str, Any]) -> None:
    """Set the corrected value on `record` and list the correction in `extra["corrections"]`."""
    value = json.loads(fix["value"])
    if fix["field"] in TOP_LEVEL_FIELDS:
        setattr(record, fix["field"], value)
    else:
        record.fields[fix["field"]] = value
    record.extra.setdefault("corrections", []).append(
        {
            "id": fix.get("id"),
            "field": fix["field"],
            "original": json.loads(fix["original"]),
            "value": value,
            "who": fix["who"],
            "why": fix["why"],
            "at": fix["at"],
        }
    )
