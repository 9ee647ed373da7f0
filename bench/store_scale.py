"""Benchmark (not a test): a batch into an empty store against one into a store of 10,000.

    python bench/store_scale.py [--stored 10000] [--files 100] [--out bench/store_scale.json]

For each store size, in one run and against one Prefect server: a fresh home whose store
is filled with `--stored` documents (the records of the text samples, each copy given its
own file, taxpayer and name, so there are about `stored / 4` taxpayers, as in a practice's
store) and checked once as the nightly batch does; then the batch flow over `--files`
text PDFs that are new to the cache (distinct copies), timed whole, and its post-batch
check (`check_store` over the batch's documents) timed again on its own (CPU seconds of
this process: steadier than wall time on a shared machine). The empty store
is measured before and after the full one, so drift in the machine's load shows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from flow_bench import distinct_copies, load, text_pdfs


def surname(n: int) -> str:
    """A distinct last name (so a distinct name control) for each synthetic taxpayer."""
    letters = ""
    for _ in range(5):
        n, k = divmod(n, 26)
        letters += chr(65 + k)
    return letters


def synthetic_results(stored: int) -> list[dict[str, Any]]:
    """`stored` documents as saved results: the samples' records, each copy its own person
    (a spread TIN last four, as unrelated people share some, and no spouse)."""
    from backtax.extractors.pipeline import extract_file

    records = [r.to_json() for p in text_pdfs()[:40] for r in extract_file(p).records]
    out = []
    for i in range(stored):
        record = json.loads(json.dumps(records[i % len(records)]))
        person = i // 4  # a few documents a taxpayer
        sha = f"{i:064x}"
        record["fields"] = {k: v for k, v in record["fields"].items() if "spouse" not in k}
        record["extra"] = {k: v for k, v in record.get("extra", {}).items() if "spouse" not in k}
        record.update(
            sha256=sha,
            source=f"stored/{i:05d}.pdf",
            recipient_tin_last4=f"{person * 7919 % 10_000:04d}",
            recipient_name=f"PAT {surname(person)}",
        )
        out.append({"sha256": sha, "source": record["source"], "records": [record]})
    return out


def measure(work: Path, name: str, stored: list[dict[str, Any]], files: list[Path]) -> dict:
    from backtax.flows import prefect_env
    from backtax.flows.batch import batch_flow
    from backtax.flows.settings import Settings
    from backtax.flows.store import Store
    from backtax.flows.tasks import check_store

    home = work / name
    settings = Settings.load(home)
    os.environ["BACKTAX_HOME"] = str(home)
    os.environ.pop("BACKTAX_DATABASE", None)
    with Store(settings.database_path) as store:
        for result in stored:
            store.save_result(result)
    today = date.today().isoformat()
    if stored:
        check_store.fn(str(settings.database_path), today)  # the nightly full check
    folder = work / f"{name}-in"
    distinct_copies(files, len(files), folder, tag=name)
    prefect_env.refresh()
    started, started_cpu = time.perf_counter(), time.process_time()
    summary = batch_flow(folder=str(folder))
    batch_s, batch_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    with Store(settings.database_path) as store:
        ids = [r[0] for r in store.db.execute(
            "SELECT doc_id FROM documents WHERE source LIKE ?", (f"%{name}-in%",))]  # fmt: skip
    started = time.process_time()
    check_store.fn(str(settings.database_path), today, ids)
    check_cpu = time.process_time() - started
    return {
        "stored_documents": len(stored), "batch_files": len(files),
        "batch_documents": summary["documents"], "batch_s": round(batch_s, 1),
        "batch_cpu_s": round(batch_cpu, 1), "post_batch_check_cpu_s": round(check_cpu, 2),
        "load": load(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("store_scale.json"))
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from backtax.flows import home_server, prefect_env
    from backtax.flows.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="backtax-store-"))
    server_home = Settings.load(work / "server")
    prefect_env.configure(server_home)
    home_server.connect(server_home)  # one Prefect server for every home of the run
    texts = text_pdfs()
    files = [texts[i % len(texts)] for i in range(args.files)]
    stored = synthetic_results(args.stored)
    runs = [
        measure(work, "empty1", [], files),
        measure(work, "full", stored, files),
        measure(work, "empty2", [], files),
    ]
    print(json.dumps(runs, indent=1), flush=True)
    args.out.write_text(json.dumps(runs, indent=1) + "\n")
    home_server.stop(server_home)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
