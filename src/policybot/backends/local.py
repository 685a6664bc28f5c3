"""The embedded default backend: FAISS (dense) + bm25s (lexical) over an
``IndexData`` in this process.

Dense search is exact (``IndexFlatIP``) up to ``exact_max`` chunks and
approximate above (HNSW over 8-bit vectors, inner product; the candidates'
scores are then computed exactly from the float vectors); the approximate index's recall@10
against the exact one is measured in the tests and in
``benchmarks/backends.py``. A filtered search over at most ``exact_max``
chunks is always exact: the allowed vectors are scored directly.
"""

from __future__ import annotations

import contextlib
import weakref
from typing import Sequence

import numpy as np

from .base import ChunkScope, Filters, Ranking

DEFAULT_EXACT_MAX = 20_000  # chunks; above it dense search is approximate (HNSW)
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first (ties: lower position first)."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return top[np.lexsort((top, -scores[top]))]


@contextlib.contextmanager
def one_thread():
    """FAISS on one OpenMP thread while the calling thread searches: one query
    is too small to share, and on a busy 2-core machine OpenMP's waiting
    threads cost 100 times the search (158 ms against 1 ms measured at 10k
    vectors). The setting is per calling thread; concurrent requests still
    use both cores."""
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def hnsw_index(vectors: np.ndarray, *, m: int = HNSW_M, ef_construction: int = HNSW_EF_CONSTRUCTION,
               ef_search: int = HNSW_EF_SEARCH):
    import faiss

    # the graph keeps its own copy of the vectors: 8-bit (a quarter of float32), the
    # flat vectors stay beside it for exact and filtered scoring
    idx = faiss.IndexHNSWSQ(vectors.shape[1], faiss.ScalarQuantizer.QT_8bit, m, faiss.METRIC_INNER_PRODUCT)
    idx.hnsw.efConstruction = ef_construction
    idx.hnsw.efSearch = ef_search
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    if len(data):
        idx.train(data)
    idx.add(data)
    return idx


class LocalBackend:
    """FAISS + bm25s over one loaded index (``IndexData``)."""

    name = "local"

    def __init__(self, index, *, exact_max: int = DEFAULT_EXACT_MAX):
        self.index = index
        self.exact_max = exact_max
        self.approximate = len(index.chunks) > exact_max
        self._prepared = _prepared(index)

    @property
    def scope(self) -> ChunkScope:
        return self._prepared.scope

    @property
    def faiss(self):
        """The dense index searched without a filter: the index's own flat
        index, or an HNSW graph built once per index over its vectors."""
        if not self.approximate:
            return self.index.faiss
        if self._prepared.ann is None:
            self._prepared.ann = hnsw_index(self.index.vectors)
        return self._prepared.ann

    # ---- the protocol
    def dense(self, qvec: np.ndarray, k: int, filters: Filters | None = None) -> Ranking:
        return self.dense_in(qvec, k, self.scope.chunks(filters))

    def lexical(self, tokens: Sequence[str], k: int, filters: Filters | None = None) -> Ranking:
        return self.lexical_in(tokens, k, self.scope.chunks(filters))

    # ---- by chunk positions (None: all chunks)
    def dense_in(self, qvec: np.ndarray, k: int, ids: np.ndarray | None) -> Ranking:
        import faiss

        n = len(self.index.chunks)
        if n == 0 or k <= 0 or (ids is not None and len(ids) == 0):
            return []
        q = np.ascontiguousarray(np.asarray(qvec, dtype=np.float32).reshape(1, -1))
        with one_thread():
            if ids is None:
                D, I = self.faiss.search(q, min(k, n))
            elif len(ids) <= self.exact_max:  # the allowed vectors, scored exactly
                D, I = faiss.knn(q, self.index.vectors[ids], min(k, len(ids)), metric=faiss.METRIC_INNER_PRODUCT)
                I = np.where(I >= 0, ids[np.maximum(I, 0)], -1)
            else:
                params = faiss.SearchParametersHNSW(sel=faiss.IDSelectorBatch(ids), efSearch=max(HNSW_EF_SEARCH, k))
                D, I = self.faiss.search(q, min(k, len(ids)), params=params)
        found = [int(i) for i in I[0] if i >= 0]
        if self.approximate and found:  # the graph's 8-bit scores, made exact again (and re-ordered)
            exact = self.index.vectors[found] @ q[0]
            return sorted(zip(found, map(float, exact)), key=lambda t: -t[1])
        return [(int(i), float(d)) for i, d in zip(I[0], D[0]) if i >= 0]

    def lexical_in(self, tokens: Sequence[str], k: int, ids: np.ndarray | None) -> Ranking:
        bm25 = self.index.bm25
        vocab = bm25.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known or not self.index.chunks or k <= 0 or (ids is not None and len(ids) == 0):
            return []
        scores = np.asarray(bm25.get_scores(known), dtype=np.float32)
        pos = np.arange(len(scores)) if ids is None else ids
        if ids is not None:
            scores = scores[ids]
        top = top_k(scores, k)
        return [(int(pos[i]), float(scores[i])) for i in top if scores[i] > 0]


class _Prepared:
    """What a backend derives from one index once: the filter tables and the
    approximate dense index. Holds no reference to the index."""

    def __init__(self, scope: ChunkScope):
        self.scope = scope
        self.ann = None


_CACHE: dict[int, tuple[weakref.ref, _Prepared]] = {}


def _prepared(index) -> _Prepared:
    key = id(index)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is index:
        return hit[1]
    prep = _Prepared(ChunkScope.of(index.documents, [ch.doc_id for ch in index.chunks]))
    _CACHE[key] = (weakref.ref(index, lambda _r, key=key: _CACHE.pop(key, None)), prep)
    return prep


def local_backend(index, *, exact_max: int = DEFAULT_EXACT_MAX) -> LocalBackend:
    """The local backend over ``index`` (cheap: what it derives is cached per index)."""
    return LocalBackend(index, exact_max=exact_max)
