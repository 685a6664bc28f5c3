"""What a search backend is: dense and lexical search over the chunks of one
index, with metadata filters, returning ranked ``(chunk position, score)``
lists. Fusion and the mapping from chunks to clauses stay in ``retrieve``.

``Filters`` and the per-document tables every backend can use to apply them
without looping over the corpus live here too (``retrieve`` re-exports them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from ..types import DocumentMeta

Ranking = list[tuple[int, float]]  # (chunk position, score), best first


@dataclass(frozen=True)
class Filters:
    """Restrict a search. ``regions`` are canonical names (济南市); a
    document matches when its region is the place or inside it, or the place
    is inside the document's region (a city's policy applies to its
    districts). ``levels``: 省, 市, 区, 县. ``year``: documents issued in or
    running through that year."""

    regions: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    year: int | None = None
    levels: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.regions or self.doc_ids or self.year or self.levels)


@runtime_checkable
class SearchBackend(Protocol):
    """Dense and lexical search over the chunks of one index version.

    ``dense``: the ``k`` chunks whose vectors have the highest inner product
    with ``qvec`` (a normalised query vector). ``lexical``: the ``k`` chunks
    with the highest BM25 score for ``tokens`` (the query tokenised with the
    index's tokenizer), only chunks scoring above zero. Both honour
    ``filters`` before the top ``k`` is cut."""

    name: str

    def dense(self, qvec: np.ndarray, k: int, filters: Filters | None = None) -> Ranking: ...

    def lexical(self, tokens: Sequence[str], k: int, filters: Filters | None = None) -> Ranking: ...


def region_matches(doc_region: str, wanted: str) -> bool:
    """济南市 asked: 济南市 and its districts' documents; 山东省 asked: the
    province's, its cities' and districts' documents. 济南市市中区 asked: that
    district's documents only (the city's policy is listed among the related
    clauses when the district's own documents do not answer)."""
    from ..regions import within

    return within(doc_region, wanted)


def doc_years(doc: DocumentMeta) -> tuple[int, int]:
    """(first, last) year a document is in force: issued (or valid from)
    to valid until, its horizon, or its first year alone."""
    start = int((doc.valid_from or doc.date or "0")[:4] or 0)
    end = int((doc.valid_until or "")[:4] or (doc.horizon or start))
    return start, max(end, start)


def doc_matches(doc: DocumentMeta, f: Filters) -> bool:
    if f.doc_ids and doc.doc_id not in f.doc_ids:
        return False
    if f.regions and not any(region_matches(doc.region, r) for r in f.regions):
        return False
    if f.levels and doc.level not in f.levels:
        return False
    if f.year:
        start, end = doc_years(doc)
        if not (start <= f.year <= end):
            return False
    return True


@dataclass(frozen=True)
class ChunkScope:
    """Per-document metadata as arrays and each document's chunk positions,
    built once per index: a filter is resolved over documents (vectorised),
    never over chunks."""

    doc_ids: np.ndarray  # (n_docs,) str
    regions: np.ndarray
    levels: np.ndarray
    year_from: np.ndarray  # (n_docs,) int
    year_to: np.ndarray
    order: np.ndarray  # chunk positions grouped by document
    bounds: np.ndarray  # (n_docs + 1,) slices of ``order`` per document
    n_chunks: int
    code: dict = field(default_factory=dict, compare=False)  # doc id -> its row in the arrays
    # the distinct regions, and each document's index into them: a region filter is
    # resolved once per distinct region (by the gazetteer), not per document
    region_names: tuple[str, ...] = field(default=(), compare=False)
    region_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), compare=False)

    @classmethod
    def of(cls, documents: dict[str, DocumentMeta], chunk_doc_ids: Sequence[str]) -> "ChunkScope":
        metas = list(documents.values())
        code = {d.doc_id: i for i, d in enumerate(metas)}
        doc_of = np.fromiter((code.get(d, -1) for d in chunk_doc_ids), dtype=np.int64, count=len(chunk_doc_ids))
        order = np.argsort(doc_of, kind="stable")
        counts = np.bincount(doc_of[doc_of >= 0], minlength=len(metas))
        skip = int((doc_of < 0).sum())  # chunks of no known document sort first; never selected
        bounds = np.concatenate([[skip], skip + np.cumsum(counts)]).astype(np.int64)
        years = np.array([doc_years(d) for d in metas], dtype=np.int64).reshape(-1, 2)
        regions = np.array([d.region for d in metas], dtype=str) if metas else np.array([], dtype=str)
        names, region_of = np.unique(regions, return_inverse=True)
        return cls(
            np.array([d.doc_id for d in metas], dtype=object),
            regions,
            np.array([d.level for d in metas], dtype=object),
            years[:, 0], years[:, 1], order.astype(np.int64), bounds, len(chunk_doc_ids), code,
            tuple(str(n) for n in names), region_of.astype(np.int64),
        )

    def docs(self, f: Filters) -> np.ndarray:
        """Boolean mask over documents."""
        ok = np.ones(len(self.doc_ids), dtype=bool)
        if f.doc_ids:  # by lookup: a filter may list thousands of documents
            named = np.zeros(len(self.doc_ids), dtype=bool)
            named[[self.code[d] for d in f.doc_ids if d in self.code]] = True
            ok &= named
        if f.regions and len(ok):
            # by the gazetteer, as doc_matches: 山东省 asked holds 济南市's documents
            hit = np.array([any(region_matches(n, r) for r in f.regions) for n in self.region_names], dtype=bool)
            ok &= hit[self.region_of]
        if f.levels:
            ok &= np.isin(self.levels, list(f.levels))
        if f.year:
            ok &= (self.year_from <= f.year) & (f.year <= self.year_to)
        return ok

    def chunks(self, f: Filters | None) -> np.ndarray | None:
        """Sorted positions of the chunks ``f`` allows; None when it allows all."""
        if f is None or f.is_empty():
            return None
        picked = np.flatnonzero(self.docs(f))
        if len(picked) == 0:
            return np.zeros(0, dtype=np.int64)
        parts = [self.order[self.bounds[i] : self.bounds[i + 1]] for i in picked]
        return np.sort(np.concatenate(parts))
