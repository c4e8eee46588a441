"""Benchmark the event coder: sentences per second, end to end and by stage, and peak memory.

    .venv/bin/python benchmarks/bench_coder.py                      # the shipped corpus
    .venv/bin/python benchmarks/bench_coder.py --limit 200 --processes 1 2 --json

Measured, after loading the model and the dictionaries once and warming up:

- spaCy parse alone: `dyad.nlp.parse_documents` over the corpus (text in, parsed docs out);
- coding alone: `EventCoder.code_parsed` over the documents parsed above (no spaCy);
- end to end, 1 process: `EventCoder.code` (text in, event records out) in this process;
- end to end, N processes: a `multiprocessing` pool (spawn) of N workers, each loading the
  model and dictionaries once in its initializer and warming up; the documents are split into
  chunks and every event record comes back to the parent. Timed from the moment all workers
  are ready until the last record is back;
- after loading, `prepare_for_bulk_coding` prepares the garbage collector as the CLI does;
- peak resident memory (ru_maxrss) of this process after the end-to-end run and after holding
  the whole parsed corpus, and of every worker; and the load times of model and dictionaries.

Sentences are spaCy's sentences, the ones the coder codes (blank ones excluded).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyad.coding.coder import EventCoder, prepare_for_bulk_coding
from dyad.dictionaries.defaults import load_dictionaries
from dyad.nlp import ParsedDocument, load_pipeline, parse_documents
from dyad.record import Document, EventRecord

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "corpus" / "news-5000.jsonl"
FLOORS = {"end_to_end_1": 250.0, "end_to_end_2": 450.0, "coding_only": 3000.0}
WARMUP_DOCUMENTS = 8


# ------------------------------------------------------------------ helpers


def load_corpus(path: Path, limit: int | None = None) -> list[Document]:
    """Documents of a JSONL corpus ({"id", "text", "date"}), the first `limit` of them."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            day = date.fromisoformat(record["date"]) if record.get("date") else None
            documents.append(Document(id=str(record["id"]), text=record["text"], date=day))
            if limit is not None and len(documents) >= limit:
                break
    return documents


def count_sentences(parsed: ParsedDocument) -> tuple[int, int]:
    """(sentences, tokens) of a parsed document, counting the sentences the coder codes."""
    sentences = tokens = 0
    for paragraph in parsed.paragraphs:
        for sent in paragraph.doc.sents:
            if sent.text.strip():
                sentences += 1
                tokens += len(sent)
    return sentences, tokens


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    Linux: VmHWM of /proc/self/status. Not ru_maxrss, which a spawned worker inherits from
    the parent it was forked from before its exec (so every worker would show at least the
    parent's peak). Elsewhere: ru_maxrss.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def machine() -> dict[str, Any]:
    """Cores, CPU model, memory, and the versions that matter."""
    info: dict[str, Any] = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:
        pass
    return info


@dataclass
class Stage:
    """One timed measurement."""

    name: str
    sentences: int
    seconds: float  # wall clock
    events: int = 0
    floor: float | None = None
    cpu_seconds: float = 0.0  # CPU time of the busiest process (see cpu_rate)

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else 0.0

    @property
    def cpu_rate(self) -> float:
        """Sentences per CPU second of the busiest process: the rate on an otherwise idle
        machine with a core per process, whatever else was running during the measurement."""
        return self.sentences / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentences_per_second"] = round(self.rate, 1)
        data["sentences_per_cpu_second"] = round(self.cpu_rate, 1)
        data["seconds"] = round(self.seconds, 3)
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        data["meets_floor"] = None if self.floor is None else self.rate >= self.floor
        return data


@dataclass
class Report:
    documents: int
    sentences: int = 0
    tokens: int = 0
    load: dict[str, float] = field(default_factory=dict)
    stages: list[Stage] = field(default_factory=list)
    memory_mb: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "sentences": self.sentences, "tokens": self.tokens,
            "load_seconds": {k: round(v, 3) for k, v in self.load.items()},
            "stages": [s.as_dict() for s in self.stages],
            "peak_rss_mb": self.memory_mb, "settings": self.settings, "machine": self.machine,
        }


# ------------------------------------------------------------------ the measurements


def load_coder() -> tuple[Any, EventCoder, dict[str, float]]:
    """Load the spaCy pipeline and the dictionaries once, timing each."""
    start = time.perf_counter()
    nlp = load_pipeline()
    model = time.perf_counter()
    coder = EventCoder(load_dictionaries(), nlp=nlp)
    done = time.perf_counter()
    prepare_for_bulk_coding(nlp)  # as `dyad code`, `dyad ingest` and their workers do
    return nlp, coder, {"model": model - start, "dictionaries": done - model}


def warm_up(coder: EventCoder, documents: Sequence[Document], batch_size: int) -> None:
    """Code a few documents so that lazy loading and caches do not count."""
    for _ in coder.code(list(documents[:WARMUP_DOCUMENTS]), batch_size=batch_size):
        pass


def bench_parse(nlp: Any, documents: Sequence[Document], batch_size: int
                ) -> tuple[Stage, list[ParsedDocument], int]:
    """spaCy alone: parse every document; returns the stage, the parses and the token count."""
    start, cpu = time.perf_counter(), time.process_time()
    parsed = list(parse_documents(documents, nlp=nlp, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    sentences = tokens = 0
    for p in parsed:
        s, t = count_sentences(p)
        sentences += s
        tokens += t
    return Stage("spaCy parse only", sentences, seconds, cpu_seconds=cpu), parsed, tokens


def bench_coding(coder: EventCoder, parsed: Sequence[ParsedDocument]) -> Stage:
    """The coding stages alone: `code_parsed` over documents parsed beforehand."""
    sentences = events = 0
    start, cpu = time.perf_counter(), time.process_time()
    for p in parsed:
        coded = coder.code_parsed(p)
        sentences += len(coded.sentences)
        events += len(coded.events)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Stage("coding only (after spaCy)", sentences, seconds, events, FLOORS["coding_only"],
                 cpu)


def bench_end_to_end(coder: EventCoder, documents: Sequence[Document], batch_size: int
                     ) -> Stage:
    """Text in, event records out, in this process."""
    sentences = events = 0
    start, cpu = time.perf_counter(), time.process_time()
    for coded in coder.code(documents, batch_size=batch_size):
        sentences += len(coded.sentences)
        events += len(coded.events)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Stage("end to end, 1 process", sentences, seconds, events, FLOORS["end_to_end_1"],
                 cpu)


# -- worker processes

_WORKER: dict[str, Any] = {}


def _init_worker(batch_size: int, ready: Any, warmup: list[Document]) -> None:
    """Pool initializer: load model and dictionaries once, warm up, then report ready."""
    _, coder, load = load_coder()
    warm_up(coder, warmup, batch_size)
    _WORKER.update(coder=coder, batch_size=batch_size)
    ready.put((os.getpid(), load["model"], load["dictionaries"], peak_rss_mb()))


def _code_chunk(documents: list[Document]
                ) -> tuple[int, int, list[EventRecord], float, float]:
    """Worker task: code a chunk; returns (pid, sentences, events, peak RSS MB, CPU s)."""
    coder: EventCoder = _WORKER["coder"]
    cpu = time.process_time()
    sentences = 0
    events: list[EventRecord] = []
    for coded in coder.code(documents, batch_size=_WORKER["batch_size"]):
        sentences += len(coded.sentences)
        events.extend(coded.events)
    return os.getpid(), sentences, events, peak_rss_mb(), time.process_time() - cpu


def chunked(documents: Sequence[Document], size: int) -> list[list[Document]]:
    return [list(documents[i : i + size]) for i in range(0, len(documents), size)]


def bench_processes(documents: Sequence[Document], processes: int, *, chunk_size: int,
                    batch_size: int, start_method: str = "spawn", repeat: int = 1
                    ) -> tuple[Stage, dict[str, Any]]:
    """End to end in a pool of `processes` workers (best of `repeat` runs in one pool);
    returns the stage and the workers' load times, CPU time and peak memory."""
    context = mp.get_context(start_method)
    ready = context.Queue()
    warmup = list(documents[:WARMUP_DOCUMENTS])
    started = time.perf_counter()
    with context.Pool(processes, initializer=_init_worker,
                      initargs=(batch_size, ready, warmup)) as pool:
        workers = {}
        for _ in range(processes):
            pid, model, dicts, rss = ready.get(timeout=600)
            workers[pid] = {"model_s": round(model, 3), "dictionaries_s": round(dicts, 3),
                            "rss_after_load_mb": round(rss, 1), "peak_rss_mb": round(rss, 1),
                            "cpu_s": 0.0}
        ready_at = time.perf_counter()
        name = f"end to end, {processes} processes"
        floor = FLOORS.get(f"end_to_end_{processes}")
        best: Stage | None = None
        for _ in range(max(repeat, 1)):
            start = time.perf_counter()
            sentences = events = 0
            cpu: dict[int, float] = {}
            for pid, n, records, rss, used in pool.imap_unordered(
                    _code_chunk, chunked(documents, chunk_size)):
                sentences += n
                events += len(records)
                cpu[pid] = cpu.get(pid, 0.0) + used
                worker = workers.setdefault(pid, {})
                worker["peak_rss_mb"] = round(max(rss, worker.get("peak_rss_mb", 0.0)), 1)
            stage = Stage(name, sentences, time.perf_counter() - start, events, floor,
                          max(cpu.values(), default=0.0))
            if best is None or stage.seconds < best.seconds:
                best = stage
                for pid, used in cpu.items():
                    workers[pid]["cpu_s"] = round(used, 3)
    assert best is not None
    return best, {"startup_s": round(ready_at - started, 3), "workers": list(workers.values())}


def best_of(repeat: int, measure: Callable[[], Stage]) -> Stage:
    """The fastest (wall clock) of `repeat` runs: the one least disturbed by other load."""
    runs = [measure() for _ in range(max(repeat, 1))]
    return min(runs, key=lambda stage: stage.seconds)


# ------------------------------------------------------------------ the run


def run(documents: Sequence[Document], *, processes: Sequence[int] = (1, 2),
        batch_size: int = 64, chunk_size: int = 32, start_method: str = "spawn",
        repeat: int = 1, quiet: bool = True) -> Report:
    """All the measurements on `documents`, each the best of `repeat` runs."""

    def say(message: str) -> None:
        if not quiet:
            print(message, file=sys.stderr, flush=True)

    report = Report(len(documents), machine=machine(), settings={
        "batch_size": batch_size, "chunk_size": chunk_size, "start_method": start_method,
        "processes": list(processes), "repeat": repeat})
    report.machine["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    say("loading model and dictionaries ...")
    nlp, coder, report.load = load_coder()
    report.memory_mb["main_after_load"] = round(peak_rss_mb(), 1)
    warm_up(coder, documents, batch_size)
    if 1 in processes:
        say("end to end, 1 process ...")
        report.stages.append(best_of(repeat, lambda: bench_end_to_end(coder, documents,
                                                                      batch_size)))
        report.memory_mb["main_after_end_to_end"] = round(peak_rss_mb(), 1)
    say("spaCy parse only ...")
    parse_stage, parsed, report.tokens = bench_parse(nlp, documents, batch_size)
    report.sentences = parse_stage.sentences
    say("coding only ...")
    coding_stage = best_of(repeat, lambda: bench_coding(coder, parsed))
    report.memory_mb["main_holding_parsed_corpus"] = round(peak_rss_mb(), 1)
    parsed = []  # free the parses before more parsing and the worker processes
    if repeat > 1:
        again = best_of(repeat - 1, lambda: bench_parse(nlp, documents, batch_size)[0])
        parse_stage = min(parse_stage, again, key=lambda stage: stage.seconds)
    report.stages[:0] = [parse_stage, coding_stage]
    for n in processes:
        if n > 1:
            say(f"end to end, {n} processes ...")
            stage, details = bench_processes(documents, n, chunk_size=chunk_size,
                                             batch_size=batch_size, start_method=start_method,
                                             repeat=repeat)
            report.stages.append(stage)
            report.memory_mb[f"workers_{n}"] = details["workers"]
            report.load[f"pool_{n}_startup"] = details["startup_s"]
    report.machine["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


def format_table(report: Report) -> str:
    """A plain-text table of the report."""
    lines = [
        f"{report.documents} documents, {report.sentences} sentences, {report.tokens} tokens "
        f"({report.tokens / max(report.sentences, 1):.1f} tokens/sentence)",
        "",
        f"{'stage':<30} {'sentences':>9} {'seconds':>8} {'sent/s':>8} {'CPU s':>7} "
        f"{'sent/CPU s':>10} {'floor':>6} {'events':>7}",
    ]
    for s in report.stages:
        floor = f"{s.floor:.0f}" if s.floor else "-"
        mark = "" if s.floor is None else ("  ok" if s.rate >= s.floor else "  BELOW")
        lines.append(f"{s.name:<30} {s.sentences:>9} {s.seconds:>8.2f} {s.rate:>8.1f} "
                     f"{s.cpu_seconds:>7.2f} {s.cpu_rate:>10.1f} {floor:>6} {s.events:>7}{mark}")
    lines.append("")
    load = ", ".join(f"{k} {v:.2f} s" for k, v in report.load.items())
    lines.append(f"load: {load}")
    memory = report.memory_mb
    main = ", ".join(f"{k.removeprefix('main_').replace('_', ' ')} {v:.0f} MB"
                     for k, v in memory.items() if k.startswith("main_"))
    lines.append(f"peak RSS, main process: {main}")
    for key, workers in memory.items():
        if key.startswith("workers_"):
            peaks = ", ".join(f"{w.get('peak_rss_mb', 0):.0f} MB" for w in workers)
            lines.append(f"peak RSS, {key.removeprefix('workers_')} workers: {peaks}")
    m = report.machine
    lines.append(f"machine: {m.get('cores')} cores, {m.get('cpu', '?')}, "
                 f"{m.get('ram_gb', '?')} GB RAM, Python {m.get('python')}, "
                 f"spaCy {m.get('spacy', '?')}; load average before "
                 f"{m.get('load_average_before')}, after {m.get('load_average_after')}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="JSONL corpus of {id, text, date} (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N documents (about 5 sentences each)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2],
                        help="process counts to measure end to end (default: 1 2)")
    parser.add_argument("--batch-size", type=int, default=128, help="nlp.pipe batch size")
    parser.add_argument("--chunk-size", type=int, default=64,
                        help="documents per task in the multi-process run")
    parser.add_argument("--start-method", default="spawn", choices=["spawn", "forkserver",
                                                                     "fork"])
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement N times and keep the fastest (default 1)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"{args.corpus} not found: run benchmarks/make_corpus.py first")
    documents = load_corpus(args.corpus, args.limit)
    report = run(documents, processes=args.processes, batch_size=args.batch_size,
                 chunk_size=args.chunk_size, start_method=args.start_method,
                 repeat=args.repeat, quiet=args.json)
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
