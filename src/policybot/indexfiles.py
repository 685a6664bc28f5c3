"""Reading one index version folder, checking every file on the way: its
schema (a manifest is an object with a format, an embedding and a
tokenizer; documents.json is a list of documents; every JSONL line a
record), and every array's shape against the counts it must match. A bad
file raises ``IndexStateError`` naming the file, what is wrong, and the
command that rebuilds the index."""

from __future__ import annotations

import json
import mmap
from pathlib import Path

import numpy as np

from .errors import IndexMismatchError, IndexStateError
from .index import FORMAT_VERSION, READABLE_FORMATS, IndexData
from .tokentable import TokenTable
from .types import Chunk, Clause, DocumentMeta


class _Bad(Exception):
    """A file of the folder is wrong: (file name, problem)."""


def _fail(folder: Path, name: str, problem: str, hint: str) -> IndexStateError:
    return IndexStateError(f"index file {folder / name} {problem}; {hint}.")


def _json(folder: Path, name: str):
    try:
        return json.loads((folder / name).read_text("utf-8"))
    except FileNotFoundError:
        raise _Bad(name, "is missing (the index is incomplete)")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _Bad(name, f"does not read as JSON ({e})")


def _jsonl(folder: Path, name: str) -> list[dict]:
    out = []
    try:
        with open(folder / name, encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise _Bad(name, f"line {n} does not read as JSON ({e})")
                if not isinstance(rec, dict):
                    raise _Bad(name, f"line {n} is a {type(rec).__name__}, not an object")
                out.append(rec)
    except FileNotFoundError:
        raise _Bad(name, "is missing (the index is incomplete)")
    except (OSError, UnicodeDecodeError) as e:
        raise _Bad(name, f"cannot be read ({e})")
    return out


def _array(folder: Path, name: str, *, mmap: bool = False) -> np.ndarray:
    try:
        return np.load(folder / name, allow_pickle=False, mmap_mode="r" if mmap else None)
    except FileNotFoundError:
        raise _Bad(name, "is missing (the index is incomplete)")
    except (OSError, ValueError) as e:
        raise _Bad(name, f"is not a readable array ({e})")


def _release(arr: np.ndarray) -> None:
    """Drop the pages of a memory-mapped array that the check just read: they
    are read again from the file when a row is needed, and a large index's
    token tables do not stay resident in the serving process."""
    mm = getattr(arr, "_mmap", None)
    if mm is not None and hasattr(mm, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        mm.madvise(mmap.MADV_DONTNEED)


def read_manifest(folder: Path, hint: str) -> dict:
    try:
        m = _json(folder, "manifest.json")
    except _Bad as e:
        raise _fail(folder, *e.args, hint) from None
    if not isinstance(m, dict):
        raise _fail(folder, "manifest.json", f"holds a {type(m).__name__}, not an object", hint)
    if m.get("format_version") not in READABLE_FORMATS:
        raise IndexMismatchError(
            f"index {folder} has format {m.get('format_version')}, this policybot reads format "
            f"{FORMAT_VERSION}; {hint}."
        )
    emb = m.get("embedding")
    if not isinstance(emb, dict) or not isinstance(emb.get("model"), str) or not isinstance(emb.get("dim"), int):
        raise _fail(folder, "manifest.json", "has no valid \"embedding\" entry ({\"model\": str, \"dim\": int})", hint)
    if not isinstance(m.get("tokenizer"), str):
        raise _fail(folder, "manifest.json", "has no \"tokenizer\" entry", hint)
    return m


def _documents(folder: Path) -> list[DocumentMeta]:
    raw = _json(folder, "documents.json")
    if not isinstance(raw, list) or not all(isinstance(d, dict) for d in raw):
        raise _Bad("documents.json", "is not a list of document objects")
    try:
        return [DocumentMeta.from_json(d) for d in raw]
    except (KeyError, TypeError, ValueError) as e:
        raise _Bad("documents.json", f"holds a document without a required field ({e.__class__.__name__}: {e})")


def _clauses(folder: Path, docs: set[str]) -> list[Clause]:
    out = []
    for n, rec in enumerate(_jsonl(folder, "clauses.jsonl"), start=1):
        try:
            c = Clause.from_json(rec)
        except (KeyError, TypeError, ValueError) as e:
            raise _Bad("clauses.jsonl", f"line {n} is not a clause ({e.__class__.__name__}: {e})")
        if c.doc_id not in docs:
            raise _Bad("clauses.jsonl", f"line {n} belongs to {c.doc_id!r}, which is not in documents.json")
        out.append(c)
    return out


def _chunks(folder: Path, by_id: dict[str, Clause]) -> tuple[list[Chunk], list[str]]:
    chunks, lex = [], []
    for n, d in enumerate(_jsonl(folder, "chunks.jsonl"), start=1):
        try:
            c = by_id[d["clause_id"]]
            a, b = int(d["start"]), int(d["end"])
            if not 0 <= a < b <= len(c.text):
                raise ValueError(f"span {a}:{b} outside its clause of {len(c.text)} characters")
            chunks.append(Chunk(str(d["chunk_id"]), c.clause_id, c.doc_id, a, b, c.text[a:b]))
            lex.append(str(d["lexical"]))
        except (KeyError, TypeError, ValueError) as e:
            raise _Bad("chunks.jsonl", f"line {n} is not a chunk of a known clause ({e.__class__.__name__}: {e})")
    return chunks, lex


def _segments(folder: Path, clauses: list[Clause]) -> list[tuple[int, int, int]]:
    arr = _array(folder, "segments.npy")
    if arr.ndim != 2 or arr.shape[1] != 3 or not np.issubdtype(arr.dtype, np.integer):
        raise _Bad("segments.npy", f"has shape {arr.shape} ({arr.dtype}), not (n, 3) integers")
    segs = [(int(c), int(a), int(b)) for c, a, b in arr.tolist()]
    for c, a, b in segs:
        if not (0 <= c < len(clauses) and 0 <= a < b <= len(clauses[c].text)):
            raise _Bad("segments.npy", f"holds a segment ({c}, {a}, {b}) outside the clauses")
    return segs


def _tables(folder: Path, n_chunks: int, n_segments: int):
    vocab = _json(folder, "vocab.json")
    if not isinstance(vocab, list) or not all(isinstance(w, str) for w in vocab):
        raise _Bad("vocab.json", "is not a list of tokens")
    df = _array(folder, "token_df.npy")
    if df.shape != (len(vocab),):
        raise _Bad("token_df.npy", f"has shape {df.shape}, not ({len(vocab)},) for the vocabulary")
    tables = []
    for name, rows in (("chunk", n_chunks), ("segment", n_segments)):
        t = TokenTable(_array(folder, f"{name}_tokens.npy", mmap=True), _array(folder, f"{name}_token_offsets.npy"))
        problem = t.check(len(vocab))
        if problem is None and len(t) != rows:
            problem = f"has {len(t)} rows for {rows} {name}s"
        if problem:
            raise _Bad(f"{name}_tokens.npy", problem)
        _release(t.ids)
        tables.append(t)
    return vocab, df, tables[0], tables[1]


def read_version(folder: Path, manifest: dict, hint: str) -> IndexData:
    import bm25s
    import faiss

    dim = manifest["embedding"]["dim"]
    try:
        docs = _documents(folder)
        clauses = _clauses(folder, {d.doc_id for d in docs})
        chunks, lex = _chunks(folder, {c.clause_id: c for c in clauses})
        try:
            dense = faiss.read_index(str(folder / "dense.faiss"))
        except RuntimeError as e:
            raise _Bad("dense.faiss", f"is not a FAISS index ({str(e).splitlines()[0][:200]})")
        if dense.ntotal != len(chunks) or (dense.ntotal and dense.d != dim):
            raise _Bad("dense.faiss", f"holds {dense.ntotal} vectors of {dense.d} dimensions for {len(chunks)} chunks of {dim}")
        vectors = dense.reconstruct_n(0, dense.ntotal) if dense.ntotal else np.zeros((0, dim), np.float32)
        segs = _segments(folder, clauses)
        seg_vecs = None
        if manifest["format_version"] == 1 or (folder / "segment_vectors.npy").exists():
            seg_vecs = _array(folder, "segment_vectors.npy")
            if seg_vecs.shape != (len(segs), dim):
                raise _Bad("segment_vectors.npy", f"has shape {seg_vecs.shape}, not ({len(segs)}, {dim})")
        vocab, df, chunk_tok, seg_tok = [], None, None, None
        if manifest["format_version"] >= 2:
            vocab, df, chunk_tok, seg_tok = _tables(folder, len(chunks), len(segs))
        try:
            bm = bm25s.BM25.load(str(folder / "bm25"), allow_pickle=False)
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
            raise _Bad("bm25", f"does not load ({e.__class__.__name__}: {e})")
        n_bm = int(bm.scores.get("num_docs", len(chunks))) if isinstance(bm.scores, dict) else len(chunks)
        if n_bm != max(len(chunks), 0) and chunks:
            raise _Bad("bm25", f"holds {n_bm} documents for {len(chunks)} chunks")
    except _Bad as e:
        raise _fail(folder, *e.args, hint) from None
    data = IndexData(manifest, {d.doc_id: d for d in docs}, clauses, chunks,
                     np.asarray(vectors, dtype=np.float32), manifest["tokenizer"], lex, segs, seg_vecs,
                     vocab=vocab, chunk_tokens=chunk_tok, segment_tokens=seg_tok)
    data._faiss = None  # the flat index is made from ``vectors`` when first needed: one copy, not two
    data._bm25 = bm
    data._df_array = df
    return data
