"""Benchmark (not a test): the batch flow against bare pdfplumber, Tesseract and OCRmyPDF.

    python bench/flow_bench.py [--docs 1000] [--scans 8] [--workers N] [--out bench/results.json]

Everything side by side in one run, each figure with the machine's load (1, 5, 15 min):

1. Text: bare pdfplumber (words and text of every page of the text samples, a process
   pool of the flow's size) against `batch_flow` over the same files (classify, extract,
   store, check, report; a fresh home, nothing cached).
2. Scans: bare Tesseract (every page rendered at 300 and at 200 dpi, psm 6, one thread a
   process, a pool of the flow's size); OCRmyPDF (`-j 2 --force-ocr`, then pdfplumber's
   words of its output; the `bench` extra, with Ghostscript: `bench/setup`); the batch
   flow over the same files.
3. Throughput: the batch flow over `--docs` text documents made distinct (none a cache
   hit): documents a minute, peak memory of this process and its children (proportional
   set size, and the sum of resident sizes, which counts a shared page in every process;
   sampled by `bench.peak_memory` in a process of its own), and the parts at the peak.
4. Fixed costs: `backtax --help`, `backtax extract` of one text page, and the watcher's
   first file (from `backtax watch` started to the file in processed/), best of three;
   Prefect's own cost per task run (a flow of tasks that do nothing).

Ratios are throughput ratios (the baseline's seconds over the flow's): above 1 the flow
is faster. CPU: `cpu_s` counts this process and the children it waited for, which
leaves out Chromium's renderers and helpers (killed with the browser, reaped by init);
`tree_cpu_s` counts every process started during the timing (`bench.tree_cpu`), and the
CPU ratio is taken from it. Sampled, it misses a process's last half second and any
process shorter than that: right for the text ratio (workers and Chromium end idle), low
for the scans' (a Tesseract process a page, ended busy; there `cpu_s` has them). Prefect's
server (kept under the bench's home, started before the timings) is in neither.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
BACKTAX = [sys.executable, "-m", "backtax.flows"]
TEXT_PAGE = SAMPLES / "w2" / "irs_2024_fillable_jane_acme.pdf"


def text_pdfs() -> list[Path]:
    return sorted(
        p for p in SAMPLES.rglob("*.pdf") if "scan" not in str(p) and "bad" not in p.parts
    )


def scans() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.pdf") if "scan" in p.name)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes), quoted with every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_seconds() -> float:
    """CPU of this process and its waited-for children so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def words_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_words()) + len(p.extract_text()) for p in pdf.pages)


def ocr_of(path: Path, dpi: int) -> int:
    import pypdfium2 as pdfium
    import pytesseract

    pdf = pdfium.PdfDocument(str(path))
    try:
        images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()
    return sum(
        len(pytesseract.image_to_data(i, config="--psm 6", output_type="dict")["text"])
        for i in images
    )


def ocrmypdf_command() -> str | None:
    """OCRmyPDF beside this interpreter (the `bench` extra) or on the PATH; None if neither."""
    beside = Path(sys.executable).with_name("ocrmypdf")
    return str(beside) if beside.is_file() else shutil.which("ocrmypdf")


def ocrmypdf_of(path: Path, out: Path) -> int:
    target = out / f"{path.stem}.ocr.pdf"
    subprocess.run(
        [str(ocrmypdf_command()), "-j", "2", "--force-ocr", "--output-type", "pdf", "-q", str(path),
         str(target)],
        check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )  # fmt: skip
    return words_of(target)


def timed(func: Any, *args: Any) -> dict[str, Any]:
    """Wall and CPU seconds of `func(*args)`: `cpu_s` this process and the children it
    waited for; `tree_cpu_s` this process and every process started under it meanwhile
    (`bench.tree_cpu`: Chromium's renderers too, which no one waits for)."""
    sampler = subprocess.Popen(
        [sys.executable, "-m", "bench.tree_cpu", str(os.getpid())],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sampler.stdout is not None
    sampler.stdout.readline()  # "ready": the processes running before are left out
    started, started_cpu = time.perf_counter(), cpu_seconds()
    own = resource.getrusage(resource.RUSAGE_SELF)
    func(*args)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
    after = resource.getrusage(resource.RUSAGE_SELF)
    out, _ = sampler.communicate()
    mine = after.ru_utime - own.ru_utime + after.ru_stime - own.ru_stime
    return {
        "s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "tree_cpu_s": round(mine + json.loads(out)["cpu_s"], 2),
        "load": load(),
    }


def bare(func: Any, files: list[Path], workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(func, files))


def ocrmypdf_all(files: list[Path], out: Path) -> None:
    for path in files:
        ocrmypdf_of(path, out)


class PeakMemory:
    """Peak memory of this process and all its children together (`bench.peak_memory`),
    sampled by a process of its own: a thread here would share the flow's interpreter
    (about a quarter of a 1,000-document run's profile samples were the sampler's)."""

    def __init__(self) -> None:
        self.peaks: dict[str, Any] = {}

    def __enter__(self) -> PeakMemory:
        self.sampler = subprocess.Popen(
            [sys.executable, "-m", "bench.peak_memory", str(os.getpid())],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self.sampler.communicate()  # its stdin closed: it prints the peaks
        self.peaks = json.loads(out)


def flow_over(files: list[Path], work: Path, name: str) -> dict[str, Any]:
    """The batch flow over copies of `files` into a store of its own."""
    from backtax.flows.batch import batch_flow

    folder = work / name
    folder.mkdir()
    for i, path in enumerate(files):
        shutil.copy2(path, folder / f"{i:04d}_{path.name}")
    os.environ["BACKTAX_DATABASE"] = str(work / f"{name}.sqlite")
    out: dict[str, Any] = {}
    out.update(timed(lambda: out.setdefault("summary", batch_flow(folder=str(folder)))))
    return out


def distinct_copies(sources: list[Path], count: int, folder: Path, tag: str = "") -> None:
    """`count` copies of `sources`, each new to the cache (a trailing PDF comment)."""
    folder.mkdir()
    for i in range(count):
        src = sources[i % len(sources)]
        data = src.read_bytes() + f"\n%backtax-bench-{tag}{i}\n".encode()
        (folder / f"{i:04d}_{src.name}").write_bytes(data)


def best_of(command: list[str], env: dict[str, str], times: int = 3) -> dict[str, Any]:
    """The fastest of `times` runs of a command: wall and CPU seconds."""
    runs = []
    for _ in range(times):
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, env=env, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        runs.append((time.perf_counter() - started, cpu))
    wall, cpu = min(runs)
    return {"s": round(wall, 2), "cpu_s": round(cpu, 2), "load": load()}


def watch_first_file(work: Path, env: dict[str, str]) -> dict[str, Any]:
    """Seconds from `backtax watch` started (a file already waiting) to the file processed."""
    home, inbox = work / "watch-home", work / "watch-inbox"
    inbox.mkdir()
    shutil.copy2(TEXT_PAGE, inbox / TEXT_PAGE.name)
    started = time.perf_counter()
    watcher = subprocess.Popen(
        [*BACKTAX, "watch", str(inbox), "--home", str(home), "--settle", "0.5"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while not any((home / "processed").rglob("*.pdf")):
            if watcher.poll() is not None or time.perf_counter() - started > 600:
                return {"s": None, "error": "the watcher stopped or took over 600 s"}
            time.sleep(0.2)
        return {"s": round(time.perf_counter() - started, 2), "load": load()}
    finally:
        watcher.terminate()
        watcher.wait(timeout=60)


def prefect_overhead(tasks: int = 100) -> dict[str, Any]:
    """Prefect's own cost of a task run (submitted, run in a thread, its states recorded by
    the server), from a flow of `tasks` tasks that do nothing against an empty flow."""
    from prefect import flow, task

    @task(name="bench-noop")
    def noop(i: int) -> int:
        return i

    @flow(name="bench-empty")
    def empty() -> None:
        return None

    @flow(name="bench-noops")
    def noops() -> list[int]:
        return [f.result() for f in [noop.submit(i) for i in range(tasks)]]

    empty()  # the first flow run of a process pays for setting up its client
    bare, many = timed(empty), timed(noops)
    return {
        "tasks": tasks, "empty_flow": bare, "flow_of_tasks": many,
        "s_per_task": round((many["s"] - bare["s"]) / tasks, 4),
        "cpu_s_per_task": round((many["cpu_s"] - bare["cpu_s"]) / tasks, 4),
    }  # fmt: skip


def fixed_costs(work: Path) -> dict[str, Any]:
    env = {**os.environ, "BACKTAX_HOME": str(work / "cli-home")}
    env.pop("BACKTAX_DATABASE", None)
    return {
        "help": best_of([*BACKTAX, "--help"], env),
        "extract_one_text_page": best_of([*BACKTAX, "extract", str(TEXT_PAGE), "--json"], env),
        "watch_first_file": watch_first_file(work, env),
        "prefect_task": prefect_overhead(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--scans", type=int, default=8, help="scanned files side by side")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip", nargs="*", default=[], choices=("text", "scans", "docs", "fixed"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    from backtax.flows import home_server, prefect_env
    from backtax.flows.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="backtax-bench-"))
    os.environ["BACKTAX_WORKERS"] = str(args.workers)
    settings = Settings.load(work / "home")
    prefect_env.configure(settings)
    home_server.connect(settings)  # the kept Prefect server, started outside the timings
    flow_over([text_pdfs()[0]], work, "warmup")
    results: dict[str, Any] = {"workers": args.workers, "cpus": os.cpu_count(), "load": load()}

    def report() -> None:
        print(json.dumps(results, indent=1), flush=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n")

    if "text" not in args.skip:
        texts = text_pdfs()
        plumber = timed(bare, words_of, texts, args.workers)
        flow = flow_over(texts, work, "text")
        results["text"] = {
            "files": len(texts), "pdfplumber": plumber, "flow": _without_summary(flow),
            "flow_throughput_vs_pdfplumber": round(plumber["s"] / flow["s"], 2),
            "flow_cpu_vs_pdfplumber": round(plumber["tree_cpu_s"] / flow["tree_cpu_s"], 2),
        }  # fmt: skip
        report()
    if "scans" not in args.skip:
        scanned = scans()[: args.scans]
        tess300 = timed(bare, partial(ocr_of, dpi=300), scanned, args.workers)
        tess200 = timed(bare, partial(ocr_of, dpi=200), scanned, args.workers)
        (work / "ocrmypdf").mkdir()
        ocrmypdf: dict[str, Any] = {"s": None, "error": "no ocrmypdf: run bench/setup"}
        if ocrmypdf_command():
            ocrmypdf = timed(ocrmypdf_all, scanned, work / "ocrmypdf")
        flow = flow_over(scanned, work, "scan")
        results["scans"] = {
            "files": len(scanned), "tesseract_300dpi": tess300, "tesseract_200dpi": tess200,
            "ocrmypdf_then_pdfplumber": ocrmypdf, "flow": _without_summary(flow),
            "flow_throughput_vs_tesseract_300dpi": round(tess300["s"] / flow["s"], 2),
            "flow_throughput_vs_tesseract_200dpi": round(tess200["s"] / flow["s"], 2),
            "flow_throughput_vs_ocrmypdf": ocrmypdf["s"] and round(ocrmypdf["s"] / flow["s"], 2),
        }  # fmt: skip
        report()
    if "docs" not in args.skip:
        distinct_copies(text_pdfs(), args.docs, work / "many_src")
        with PeakMemory() as memory:
            flow = flow_over(sorted((work / "many_src").iterdir()), work, "many")
        summary = flow["summary"]
        results["throughput"] = {
            "files": args.docs, "documents": summary["documents"], "s": flow["s"],
            "cpu_s": flow["cpu_s"], "load": flow["load"],
            "documents_per_minute": round(summary["documents"] / flow["s"] * 60, 1),
            "peak_memory_mb": memory.peaks["peak_pss_mb"],
            "peak_rss_sum_mb": memory.peaks["peak_rss_sum_mb"],
            "at_peak_mb": memory.peaks["at_peak_mb"],
            "check_error": summary["check_error"],
        }  # fmt: skip
        report()
    if "fixed" not in args.skip:
        results["fixed_costs"] = fixed_costs(work)
        report()
    home_server.stop(settings)
    shutil.rmtree(work, ignore_errors=True)


def _without_summary(flow: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in flow.items() if k != "summary"} | {
        "documents": flow["summary"]["documents"],
        "errors": flow["summary"]["errors"],
    }


if __name__ == "__main__":
    main()
