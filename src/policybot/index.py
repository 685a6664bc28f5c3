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
        segments.npy          # sentence spans (clause position, start, end)
        vocab.json            # the tokens of the two tables below, sorted
        chunk_tokens.npy      # + chunk_token_offsets.npy: BM25 tokens of every chunk
        segment_tokens.npy    # + segment_token_offsets.npy: tokens of every sentence
        token_df.npy          # document frequency of every token (IDF)

Tokens and IDF are computed once, at build time: questions do not
re-tokenise sentences, and adding or removing a document rebuilds BM25 from
the stored tokens without tokenising the other documents again.

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
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from . import lexicon
from .chunking import context_line
from .documents import DOCNO_RE, docno_key
from .embeddings import model_id
from .normalize import MARKER, plain, title_key
from .errors import IndexMismatchError, IndexMissingError, IndexStateError
from .tokenize import tokenize
from .tokentable import TokenTable
from .types import CLAUSE, HEADING, Chunk, Clause, DocumentMeta

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)  # format 1: sentence vectors, no token tables
PART_TAIL = 4  # a part of a document may be named by its heading's last characters
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
    segment_vectors: np.ndarray | None = None  # only in indexes of format 1
    vocab: list[str] = field(default_factory=list)  # token ids of the two tables below
    chunk_tokens: TokenTable | None = None  # BM25 tokens of every chunk
    segment_tokens: TokenTable | None = None  # tokens of every segment
    _faiss: object = None
    _bm25: object = None
    _by_id: dict[str, Clause] | None = None
    _chunk_clause: np.ndarray | None = None
    _token_df: dict[str, int] | None = None
    _df_array: np.ndarray | None = None  # per vocab id, as stored

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
    def dense_chars(self) -> int | None:
        """How much of a chunk's text its vector was made from (None: all)."""
        return (self.manifest.get("dense") or {}).get("max_chars")

    @property
    def dense_texts(self) -> list[str]:
        """The texts the chunk vectors were made from."""
        n = self.dense_chars
        return [t[:n] for t in self.lexical_texts]

    @property
    def token_df(self) -> dict[str, int]:
        """Document frequency of every token over the chunks (for IDF);
        stored with the index."""
        if self._token_df is None:
            if self._df_array is None and self.chunk_tokens is not None:
                self._df_array = self.chunk_tokens.document_frequency(len(self.vocab))
            if self._df_array is not None:
                self._token_df = {w: int(n) for w, n in zip(self.vocab, self._df_array.tolist()) if n}
            else:  # an index of format 1
                df: dict[str, int] = {}
                for t in self.lexical_texts:
                    for tok in set(tokenize(t, self.tokenizer)):
                        df[tok] = df.get(tok, 0) + 1
                self._token_df = df
        return self._token_df

    def segment_texts(self) -> list[str]:
        return [self.clauses[p].text[a:b] for p, a, b in self.segments]

    def segment_token_set(self, seg: int) -> set[str]:
        """The tokens of segment ``seg`` (precomputed at build time)."""
        if self.segment_tokens is None:
            cp, a, b = self.segments[seg]
            return set(tokenize(self.clauses[cp].text[a:b], self.tokenizer))
        return {self.vocab[i] for i in self.segment_tokens.row(seg).tolist()}

    @property
    def chunk_clause(self) -> np.ndarray:
        """For each chunk, the position of its clause in ``clauses``."""
        if self._chunk_clause is None:
            pos = self.pos_of
            self._chunk_clause = np.array([pos[ch.clause_id] for ch in self.chunks], dtype=np.int64)
        return self._chunk_clause

    def chunks_of(self, clause_pos: int) -> list[int]:
        """Positions (in ``chunks``) of the chunks of one clause."""
        if getattr(self, "_chunks_by_clause", None) is None:
            by: dict[int, list[int]] = {}
            for i, c in enumerate(self.chunk_clause.tolist()):
                by.setdefault(c, []).append(i)
            self._chunks_by_clause = by
        return self._chunks_by_clause.get(clause_pos, [])

    def _parents(self) -> dict[tuple[str, str | None], list[int]]:
        if getattr(self, "_by_parent", None) is None:
            by: dict[tuple[str, str | None], list[int]] = {}
            for i, c in enumerate(self.clauses):
                by.setdefault((c.doc_id, c.parent_id), []).append(i)
            self._by_parent = by
        return self._by_parent

    def children(self, clause_pos: int) -> list[int]:
        """Positions of the clauses directly under a clause, in document order."""
        c = self.clauses[clause_pos]
        return self._parents().get((c.doc_id, c.clause_id), [])

    def siblings(self, clause_pos: int) -> list[int]:
        """Positions of the clauses under the same parent (a block's parts and
        the 牵头/责任单位 line that closes it), in document order."""
        c = self.clauses[clause_pos]
        return self._parents().get((c.doc_id, c.parent_id), [clause_pos])

    def title_keys(self) -> dict[str, str]:
        """Each document's title as titles are compared (``normalize.title_key``), by id, once."""
        if getattr(self, "_title_keys", None) is None:
            self._title_keys = {d.doc_id: title_key(d.title) for d in self.documents.values()}
        return self._title_keys

    def part_names(self) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        """Each part of a document that holds two or more items (a heading of
        its first two levels, as a path), by the names it may be asked of: its
        heading without its number (``normalize.plain``), and that heading's
        last ``PART_TAIL`` characters (「对策建议」 of 「进一步推进政策落实的对策建议」), once."""
        if getattr(self, "_part_names", None) is None:
            kids: dict[tuple[str, tuple[str, ...]], dict[str, None]] = {}
            for c in self.clauses:
                if c.kind in (CLAUSE, HEADING):
                    for depth in (1, 2):
                        if len(c.path) > depth:
                            kids.setdefault((c.doc_id, c.path[:depth]), {})[c.path[depth]] = None
            names: dict[str, dict[tuple[str, tuple[str, ...]], None]] = {}
            for part, items in kids.items():
                core = plain(MARKER.sub("", part[1][-1]))
                if len(items) >= 2 and len(core) >= PART_TAIL:
                    for name in (core, core[-PART_TAIL:]):
                        names.setdefault(name, {})[part] = None
            # a name two parts of one document share names a kind of part (「产业集群」 of six), not one
            self._part_names = {k: tuple(v) for k, v in names.items()
                                if len({doc for doc, _ in v}) == len(v)}
        return self._part_names

    def cited_numbers(self) -> dict[str, tuple[str, ...]]:
        """Each 文号 the clauses write (``documents.docno_key``), with the
        documents that write it, in index order, once."""
        if getattr(self, "_cited_numbers", None) is None:
            cited: dict[str, dict[str, None]] = {}
            for c in self.clauses:
                for m in DOCNO_RE.finditer(c.text):
                    cited.setdefault(docno_key(m.group(0)), {})[c.doc_id] = None
            self._cited_numbers = {k: tuple(v) for k, v in cited.items()}
        return self._cited_numbers

    def plain_texts(self) -> list[str]:
        """Each clause's text as a quoted sentence is looked for in it
        (``normalize.plain``: letters and digits only), by position, once."""
        if getattr(self, "_plain", None) is None:
            self._plain = [plain(c.text) for c in self.clauses]
        return self._plain

    def issuer_names(self) -> frozenset[str]:
        """Each issuer the documents name (中共济南市委, 济南市人民政府), once."""
        if getattr(self, "_issuers", None) is None:
            self._issuers = frozenset(n for d in self.documents.values() for n in re.split(r"[、，,\s]+", d.issuer) if n)
        return self._issuers

    def clauses_of(self, doc_id: str) -> list[int]:
        """Positions of one document's clauses, in order."""
        if getattr(self, "_by_doc", None) is None:
            by: dict[str, list[int]] = {}
            for i, c in enumerate(self.clauses):
                by.setdefault(c.doc_id, []).append(i)
            self._by_doc = by
        return self._by_doc.get(doc_id, [])

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
            if self.chunk_tokens is not None:  # no re-tokenising
                rows = [[self.vocab[i] for i in self.chunk_tokens.row(r).tolist()] for r in range(len(self.chunk_tokens))]
            else:
                rows = [tokenize(t, self.tokenizer) for t in self.lexical_texts]
            self._bm25 = _build_bm25(rows)
        return self._bm25


def _build_bm25(corpus_tokens: list[list[str]]):
    import bm25s

    model = bm25s.BM25(k1=1.2, b=0.75)
    model.index([t if t else ["∅"] for t in corpus_tokens], show_progress=False)
    return model


def lexical_text(doc: DocumentMeta, clause: Clause, chunk: Chunk) -> str:
    return f"{context_line(doc, clause)}\n{chunk.text}"


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


def clean_leftovers(index_dir: Path) -> list[str]:
    """Remove what a killed save left behind (``.tmp-*`` folders, a
    half-written ``.CURRENT.tmp``), when no other process is saving. The
    ``.lock`` file itself is an ``flock``: the kernel releases it when its
    holder dies, so a lock left by a crash never blocks; it is only taken
    here without waiting to know no save is running."""
    index_dir = Path(index_dir)
    removed: list[str] = []
    if not index_dir.is_dir():
        return removed
    try:
        fh = open(index_dir / ".lock", "a")
    except OSError:
        return removed  # a read-only index: nothing can have been left by a save here
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return removed  # a save is running
        try:
            for p in index_dir.iterdir():
                if p.name.startswith(".tmp-") or p.name == ".CURRENT.tmp":
                    shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
                    removed.append(p.name)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return removed


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def _npy(path: Path, arr) -> None:
    np.save(path, arr, allow_pickle=False)


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
    _npy(folder / "segments.npy", np.asarray(data.segments, dtype=np.int64).reshape(-1, 3))
    if data.segment_vectors is not None:
        _npy(folder / "segment_vectors.npy", np.asarray(data.segment_vectors, dtype=np.float32))
    if data.chunk_tokens is None or data.segment_tokens is None:
        from .indexbuild import _tokens

        data.chunk_tokens, data.segment_tokens = _tokens(data)
    _write_json(folder / "vocab.json", data.vocab)
    _npy(folder / "token_df.npy", np.asarray(data.chunk_tokens.document_frequency(len(data.vocab)), dtype=np.int32))
    for name, table in (("chunk", data.chunk_tokens), ("segment", data.segment_tokens)):
        _npy(folder / f"{name}_tokens.npy", table.ids)
        _npy(folder / f"{name}_token_offsets.npy", table.offsets)
    data.bm25.save(str(folder / "bm25"), allow_pickle=False)
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
    clean_leftovers(index_dir)
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
    any_lexicon: bool = False,
) -> IndexData:
    """Load the live version. Every file is checked (schema, shapes, counts)
    and a bad one is named with the command that rebuilds the index. Refuses
    an index built with another embedding model, or (when ``expect_corpus``
    is given) for another corpus, or with another lexicon unless
    ``any_lexicon`` (its vectors reused by a rebuild, not its tokens)."""
    from .indexfiles import read_manifest, read_version

    index_dir = Path(index_dir)
    clean_leftovers(index_dir)
    name = _current_name(index_dir)
    if name is None:
        raise IndexMissingError(f"no index in {index_dir}/ (no CURRENT file); {rebuild_hint(index_dir)}.")
    hint = rebuild_hint(index_dir)
    folder = index_dir / name
    manifest = read_manifest(folder, hint)
    if embeddings is not None:
        want, have = model_id(embeddings), manifest["embedding"]["model"]
        if want != have:
            raise IndexMismatchError(
                f"index {index_dir} was built with the embedding model {have!r}, but the configured model is "
                f"{want!r}; {hint} (or set POLICYBOT_EMBEDDING={manifest['embedding'].get('spec', have)})."
            )
    built_with = manifest.get("lexicon")  # the policy terms the stored tokens were cut with
    if built_with is not None and built_with != lexicon.fingerprint() and not any_lexicon:
        raise IndexMismatchError(
            f"index {index_dir} was built with another lexicon (its policy terms decide how text is tokenised; "
            f"POLICYBOT_LEXICON or data/lexicon.json changed since); {hint}."
        )
    if expect_corpus is not None and manifest.get("corpus_fingerprint") != expect_corpus:
        raise IndexMismatchError(
            f"index {index_dir} was built for another version of the corpus (the files in corpus/ changed since); "
            f"{hint}."
        )
    return read_version(folder, manifest, hint)


# The builders live in indexbuild.py; ``ix.build``/``ix.extend``/``ix.remove`` stay where callers look.
from .indexbuild import build, duplicates, extend, remove  # noqa: E402,F401
