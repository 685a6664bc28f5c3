"""The clause index on disk: dense vectors (FAISS), BM25 state (bm25s), the
clause store and a manifest. No pickle anywhere: JSON, JSONL, ``.npy`` and
FAISS's own format.

Layout::

    index/
      CURRENT                 # name of the live version folder (atomic switch)
      v-<hash>/
        manifest.json         # format, embedding model + dim, tokenizer, corpus fingerprint
        documents.json        # DocumentMeta of every document
        clauses.jsonl         # every clause node, in document order
        chunks.jsonl          # retrieval chunks -> clause
        dense.faiss           # inner-product index over normalised chunk vectors
        bm25/                 # bm25s state (npy + json)

A build writes a new version folder beside the live one and then replaces
``CURRENT`` with ``os.replace``: a failure or a kill midway leaves the previous
version in use. Older versions are removed after the switch.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from .chunking import chunk_document, context_line, embed_text, segments
from .documents import ParsedDocument
from .embeddings import embed_array, model_id
from . import lexicon
from .errors import IndexMismatchError, IndexMissingError, IndexStateError
from .tokenize import DEFAULT_TOKENIZER, tokenize
from .types import Chunk, Clause, DocumentMeta

FORMAT_VERSION = 1
Progress = Callable[[Iterable, int, str], Iterable]


def _no_progress(it: Iterable, total: int, desc: str) -> Iterable:
    return it


@dataclass
class IndexData:
    """An index in memory, as built or as loaded."""

    manifest: dict
    documents: dict[str, DocumentMeta]
    clauses: list[Clause]
    chunks: list[Chunk]
    vectors: np.ndarray  # (n_chunks, dim) float32, L2-normalised
    tokenizer: str
    lexical_texts: list[str] = field(default_factory=list)
    # sentence-level segments of every indexed clause: (clause position, start, end)
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    segment_vectors: np.ndarray | None = None
    _faiss: object = None
    _bm25: object = None
    _by_id: dict[str, Clause] | None = None
    _chunk_clause: np.ndarray | None = None

    # ---- lookups
    @property
    def by_id(self) -> dict[str, Clause]:
        if self._by_id is None:
            self._by_id = {c.clause_id: c for c in self.clauses}
        return self._by_id

    @property
    def pos_of(self) -> dict[str, int]:
        """Clause id -> position in ``clauses``."""
        if getattr(self, "_pos_of", None) is None:
            self._pos_of = {c.clause_id: i for i, c in enumerate(self.clauses)}
        return self._pos_of

    @property
    def token_df(self) -> dict[str, int]:
        """Document frequency of every token over the chunks (for IDF)."""
        if getattr(self, "_token_df", None) is None:
            df: dict[str, int] = {}
            for t in self.lexical_texts:
                for tok in set(tokenize(t, self.tokenizer)):
                    df[tok] = df.get(tok, 0) + 1
            self._token_df = df
        return self._token_df

    @property
    def chunk_clause(self) -> np.ndarray:
        """For each chunk, the position of its clause in ``clauses``."""
        if self._chunk_clause is None:
            pos = self.pos_of
            self._chunk_clause = np.array([pos[ch.clause_id] for ch in self.chunks], dtype=np.int64)
        return self._chunk_clause

    def segments_of(self, clause_pos: int) -> list[int]:
        """Positions (in ``segments``) of the segments of one clause."""
        if not hasattr(self, "_seg_by_clause"):
            by: dict[int, list[int]] = {}
            for i, (c, _, _) in enumerate(self.segments):
                by.setdefault(c, []).append(i)
            self._seg_by_clause = by
        return self._seg_by_clause.get(clause_pos, [])

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def faiss(self):
        if self._faiss is None:
            import faiss

            idx = faiss.IndexFlatIP(self.vectors.shape[1])
            if len(self.vectors):
                idx.add(np.ascontiguousarray(self.vectors, dtype=np.float32))
            self._faiss = idx
        return self._faiss

    @property
    def bm25(self):
        if self._bm25 is None:
            self._bm25 = _build_bm25([tokenize(t, self.tokenizer) for t in self.lexical_texts])
        return self._bm25


def _build_bm25(corpus_tokens: list[list[str]]):
    import bm25s

    model = bm25s.BM25(k1=1.2, b=0.75)
    model.index([t if t else ["∅"] for t in corpus_tokens], show_progress=False)
    return model


def lexical_text(doc: DocumentMeta, clause: Clause, chunk: Chunk) -> str:
    return f"{context_line(doc, clause)}\n{chunk.text}"


# ---------------------------------------------------------------- build

def build(
    docs: list[ParsedDocument],
    embeddings,
    *,
    tokenizer: str = DEFAULT_TOKENIZER,
    corpus_fingerprint: str = "",
    embedding_spec: str = "",
    progress: Progress = _no_progress,
    reuse: IndexData | None = None,
    batch: int = 32,
) -> IndexData:
    """Build an index over ``docs``. Vectors of chunks already in ``reuse``
    (same chunk id and text, same model) are copied, not recomputed."""
    documents = {d.meta.doc_id: d.meta for d in docs}
    clauses: list[Clause] = [c for d in docs for c in d.clauses]
    chunks: list[Chunk] = [ch for d in docs for ch in chunk_document(d.clauses)]
    by_id = {c.clause_id: c for c in clauses}
    texts = [embed_text(documents[ch.doc_id], by_id[ch.clause_id], ch) for ch in chunks]
    lex = [lexical_text(documents[ch.doc_id], by_id[ch.clause_id], ch) for ch in chunks]

    mid = model_id(embeddings)
    known: dict[tuple[str, str], np.ndarray] = {}
    if reuse is not None and reuse.manifest["embedding"]["model"] == mid:
        for ch, v, t in zip(reuse.chunks, reuse.vectors, reuse.lexical_texts):
            known[(ch.chunk_id, t)] = v
    dim = getattr(embeddings, "dim", None)
    vectors = _embed_missing(embeddings, texts, [known.get((ch.chunk_id, lt)) for ch, lt in zip(chunks, lex)],
                             progress, batch, "embedding")
    segs, seg_vecs = _segment_vectors(clauses, embeddings, reuse if reuse is not None and reuse.manifest["embedding"]["model"] == mid else None, progress, batch)
    if vectors:
        mat = np.vstack([np.asarray(v, dtype=np.float32) for v in vectors])
    else:
        mat = np.zeros((0, dim or 1), dtype=np.float32)
    dim = int(mat.shape[1]) if len(mat) else int(dim or 0)

    manifest = {
        "format_version": FORMAT_VERSION,
        "version": "unsaved",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "embedding": {"spec": embedding_spec or mid, "model": mid, "dim": dim},
        "tokenizer": tokenizer,
        "lexicon": lexicon.fingerprint(),  # the tokenizer's policy terms come from it
        "corpus_fingerprint": corpus_fingerprint,
        "documents": sorted(documents),
        "document_fingerprints": {d.meta.doc_id: d.fingerprint for d in docs},
        "counts": {"documents": len(documents), "clauses": len(clauses), "chunks": len(chunks)},
    }
    manifest["counts"]["segments"] = len(segs)
    return IndexData(manifest, documents, clauses, chunks, mat, tokenizer, lex, segs, seg_vecs)


def _embed_missing(embeddings, texts: list[str], have: list, progress, batch: int, desc: str) -> list[np.ndarray]:
    """Vectors for ``texts``: the ones in ``have`` are kept, the missing (None)
    ones are embedded in batches."""
    out = list(have)
    todo = [i for i, v in enumerate(out) if v is None]
    groups = [todo[i : i + batch] for i in range(0, len(todo), batch)]
    for g in progress(groups, len(groups), desc):
        for i, v in zip(g, embed_array(embeddings, [texts[i] for i in g], query=False)):
            out[i] = v
    return out


def _segment_vectors(clauses, embeddings, reuse, progress, batch):
    from .types import INDEXED_KINDS

    segs: list[tuple[int, int, int]] = []
    texts: list[str] = []
    keys: list[tuple[str, str]] = []
    for pos, c in enumerate(clauses):
        if c.kind not in INDEXED_KINDS:
            continue
        for a, b in segments(c.text):
            segs.append((pos, a, b))
            texts.append(c.text[a:b])
            keys.append((c.clause_id, c.text[a:b]))
    known: dict[tuple[str, str], np.ndarray] = {}
    if reuse is not None and reuse.segment_vectors is not None:
        for (cp, a, b), v in zip(reuse.segments, reuse.segment_vectors):
            c = reuse.clauses[cp]
            known[(c.clause_id, c.text[a:b])] = v
    dim = getattr(embeddings, "dim", None)
    out = _embed_missing(embeddings, texts, [known.get(k) for k in keys], progress, batch, "sentences")
    if not out:
        return segs, np.zeros((0, dim or 1), dtype=np.float32)
    return segs, np.vstack([np.asarray(v, dtype=np.float32) for v in out])


# ---------------------------------------------------------------- save / load

@contextlib.contextmanager
def _lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def _write_version(data: IndexData, folder: Path) -> None:
    import faiss

    folder.mkdir(parents=True)
    _write_json(folder / "documents.json", [d.to_json() for d in data.documents.values()])
    with open(folder / "clauses.jsonl", "w", encoding="utf-8") as fh:
        for c in data.clauses:
            fh.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
    with open(folder / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for ch, lt in zip(data.chunks, data.lexical_texts):
            fh.write(
                json.dumps(
                    {"chunk_id": ch.chunk_id, "clause_id": ch.clause_id, "doc_id": ch.doc_id,
                     "start": ch.start, "end": ch.end, "lexical": lt},
                    ensure_ascii=False,
                )
                + "\n"
            )
    faiss.write_index(data.faiss, str(folder / "dense.faiss"))
    np.save(folder / "segments.npy", np.asarray(data.segments, dtype=np.int64).reshape(-1, 3), allow_pickle=False)
    np.save(folder / "segment_vectors.npy", np.asarray(data.segment_vectors, dtype=np.float32), allow_pickle=False)
    bm = data.bm25
    bm.save(str(folder / "bm25"), allow_pickle=False)
    _write_json(folder / "manifest.json", data.manifest)  # last: marks the folder complete
    for p in folder.rglob("*"):
        if p.is_file():
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())


def _digest(folder: Path, manifest: dict) -> str:
    """Content address of a written version: its files and its manifest
    (less the fields that name or date it)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name != "manifest.json":
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    stable = {k: v for k, v in manifest.items() if k not in ("version", "created")}
    h.update(json.dumps(stable, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:12]


def save(data: IndexData, index_dir: Path) -> Path:
    """Write ``data`` as a new version and switch ``CURRENT`` to it atomically.

    Versions are content-addressed: rebuilding an unchanged corpus writes the
    same folder name, so nothing changes on disk (or in git)."""
    index_dir = Path(index_dir)
    with _lock(index_dir):
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=index_dir))
        tmp.rmdir()
        try:
            _write_version(data, tmp)
            version = "v-" + _digest(tmp, data.manifest)
            data.manifest["version"] = version
            _write_json(tmp / "manifest.json", data.manifest)
            final = index_dir / version
            if final.exists():
                shutil.rmtree(tmp)  # the same content is already there
            else:
                os.replace(tmp, final)
            pointer = index_dir / ".CURRENT.tmp"
            pointer.write_text(version + "\n", encoding="utf-8")
            with open(pointer, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(pointer, index_dir / "CURRENT")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _collect_garbage(index_dir, version)
    return index_dir / version


def _current_name(index_dir: Path) -> str | None:
    p = index_dir / "CURRENT"
    return p.read_text(encoding="utf-8").strip() if p.exists() else None


def _collect_garbage(index_dir: Path, live: str) -> None:
    for p in index_dir.iterdir():
        if p.is_dir() and p.name != live and p.name.startswith(("v-", ".tmp-")):
            shutil.rmtree(p, ignore_errors=True)


def rebuild_hint(index_dir: Path) -> str:
    default = str(index_dir) in ("index", "index/")
    return "rebuild it with `policybot ingest" + ("" if default else f" --index {index_dir}") + "`"


def load(
    index_dir: Path,
    embeddings=None,
    *,
    expect_corpus: str | None = None,
) -> IndexData:
    """Load the live version. Refuses an index built with another embedding
    model, or (when ``expect_corpus`` is given) for another corpus."""
    import bm25s
    import faiss

    index_dir = Path(index_dir)
    name = _current_name(index_dir)
    if name is None:
        raise IndexMissingError(f"no index in {index_dir}/ (no CURRENT file); {rebuild_hint(index_dir)}.")
    folder = index_dir / name
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise IndexStateError(f"index {folder} is incomplete or damaged ({e}); {rebuild_hint(index_dir)}.") from e
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index {folder} has format {manifest.get('format_version')}, this policybot reads format "
            f"{FORMAT_VERSION}; {rebuild_hint(index_dir)}."
        )
    if embeddings is not None:
        want, have = model_id(embeddings), manifest["embedding"]["model"]
        if want != have:
            raise IndexMismatchError(
                f"index {index_dir} was built with the embedding model {have!r}, but the configured model is "
                f"{want!r}; {rebuild_hint(index_dir)} (or set POLICYBOT_EMBEDDING={manifest['embedding']['spec']})."
            )
    if expect_corpus is not None and manifest.get("corpus_fingerprint") != expect_corpus:
        raise IndexMismatchError(
            f"index {index_dir} was built for another version of the corpus (the files in corpus/ changed since); "
            f"{rebuild_hint(index_dir)}."
        )
    try:
        docs = [DocumentMeta.from_json(d) for d in json.loads((folder / "documents.json").read_text("utf-8"))]
        clauses = [Clause.from_json(json.loads(l)) for l in open(folder / "clauses.jsonl", encoding="utf-8")]
        by_id = {c.clause_id: c for c in clauses}
        chunks, lex = [], []
        for line in open(folder / "chunks.jsonl", encoding="utf-8"):
            d = json.loads(line)
            c = by_id[d["clause_id"]]
            chunks.append(Chunk(d["chunk_id"], d["clause_id"], d["doc_id"], d["start"], d["end"], c.text[d["start"]:d["end"]]))
            lex.append(d["lexical"])
        dense = faiss.read_index(str(folder / "dense.faiss"))
        vectors = dense.reconstruct_n(0, dense.ntotal) if dense.ntotal else np.zeros((0, manifest["embedding"]["dim"]), np.float32)
        bm = bm25s.BM25.load(str(folder / "bm25"), allow_pickle=False)
        segs = [tuple(int(x) for x in row) for row in np.load(folder / "segments.npy", allow_pickle=False)]
        seg_vecs = np.load(folder / "segment_vectors.npy", allow_pickle=False)
    except (OSError, KeyError, ValueError, RuntimeError, json.JSONDecodeError) as e:
        raise IndexStateError(f"index {folder} is damaged ({e.__class__.__name__}: {e}); {rebuild_hint(index_dir)}.") from e
    if len(chunks) != dense.ntotal:
        raise IndexStateError(f"index {folder} is inconsistent ({len(chunks)} chunks, {dense.ntotal} vectors); {rebuild_hint(index_dir)}.")
    data = IndexData(manifest, {d.doc_id: d for d in docs}, clauses, chunks,
                     np.asarray(vectors, dtype=np.float32), manifest["tokenizer"], lex, segs, seg_vecs)
    data._faiss = dense
    data._bm25 = bm
    return data


# ---------------------------------------------------------------- add documents

def extend(base: IndexData, new_docs: list[ParsedDocument], embeddings, *, progress: Progress = _no_progress) -> IndexData:
    """``base`` plus ``new_docs`` (a document with an id already present
    replaces it). Only the new documents are embedded."""
    if base.manifest["embedding"]["model"] != model_id(embeddings):
        raise IndexMismatchError(
            f"the index was built with {base.manifest['embedding']['model']!r}, not {model_id(embeddings)!r}; "
            "rebuild it before adding documents."
        )
    replaced = {d.meta.doc_id for d in new_docs}
    fresh = build(new_docs, embeddings, tokenizer=base.tokenizer, progress=progress)
    keep_c = [c for c in base.clauses if c.doc_id not in replaced]
    keep_pos = {c.clause_id: i for i, c in enumerate(keep_c)}
    ch_keep = [i for i, ch in enumerate(base.chunks) if ch.doc_id not in replaced]
    seg_keep = [i for i, (cp, _, _) in enumerate(base.segments) if base.clauses[cp].doc_id not in replaced]
    offset = len(keep_c)
    clauses = keep_c + fresh.clauses
    chunks = [base.chunks[i] for i in ch_keep] + fresh.chunks
    lex = [base.lexical_texts[i] for i in ch_keep] + fresh.lexical_texts
    vectors = np.vstack([base.vectors[ch_keep], fresh.vectors]) if len(fresh.vectors) else base.vectors[ch_keep]
    segs = [(keep_pos[base.clauses[cp].clause_id], a, b) for cp, a, b in (base.segments[i] for i in seg_keep)]
    segs += [(cp + offset, a, b) for cp, a, b in fresh.segments]
    seg_vecs = np.vstack([base.segment_vectors[seg_keep], fresh.segment_vectors])
    documents = {k: v for k, v in base.documents.items() if k not in replaced} | fresh.documents
    manifest = dict(base.manifest)
    manifest["version"] = "unsaved"
    manifest["created"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    manifest["documents"] = sorted(documents)
    manifest["document_fingerprints"] = {
        k: v for k, v in base.manifest.get("document_fingerprints", {}).items() if k not in replaced
    } | fresh.manifest["document_fingerprints"]
    manifest["added"] = sorted(set(base.manifest.get("added", [])) | replaced)
    manifest["counts"] = {"documents": len(documents), "clauses": len(clauses), "chunks": len(chunks), "segments": len(segs)}
    return IndexData(manifest, documents, clauses, chunks, vectors, base.tokenizer, lex, segs, seg_vecs)
