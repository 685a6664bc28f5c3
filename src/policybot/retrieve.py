"""Hybrid clause retrieval: dense (FAISS) + lexical (BM25), fused, with
metadata filters; and the LangChain retriever that wraps it.

Scoring and fusion are pure functions over arrays; ``search`` is the one
entry point the chain uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from . import lexicon
from .embeddings import embed_array
from .index import IndexData
from .regions import covers
from .tokenize import tokenize
from .types import Hit

MODES = ("hybrid", "dense", "bm25")
FUSIONS = ("rrf", "weighted")
DEFAULT_MODE = "hybrid"
DEFAULT_FUSION = "weighted"  # chosen by `policybot eval --ablation`: see README
RRF_K = 60


@dataclass(frozen=True)
class Filters:
    """Restrict a search. ``regions`` are canonical names (济南市); a
    document matches when its region is the place or inside it, or the place
    is inside the document's region (a city's policy applies to its
    districts). ``year``: documents issued in or running through that year."""

    regions: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    year: int | None = None

    def is_empty(self) -> bool:
        return not (self.regions or self.doc_ids or self.year)


def region_matches(doc_region: str, wanted: str) -> bool:
    """济南市 asked: 济南市 and its districts' documents. 济南市市中区 asked:
    that district's documents only (the city's policy is listed among the
    related clauses when the district's own documents do not answer)."""
    return doc_region.startswith(wanted)


def doc_matches(doc, f: Filters) -> bool:
    if f.doc_ids and doc.doc_id not in f.doc_ids:
        return False
    if f.regions and not any(region_matches(doc.region, r) for r in f.regions):
        return False
    if f.year:
        start = int((doc.valid_from or doc.date or "0")[:4] or 0)
        end = int((doc.valid_until or "")[:4] or (doc.horizon or start))
        if not (start <= f.year <= max(end, start)):
            return False
    return True


def mentioned_docs(index: IndexData, query) -> list[str]:
    """Documents a question names by kind (意见, 评估报告, 行动计划, 方案),
    within the places it names; used to compare two documents of one city."""
    text = query.text
    places = query.places
    out = []
    for d in index.documents.values():
        if places and not any(covers(d.region, p) for p in places):
            continue
        words = lexicon.get().kind_words(d.kind)
        if any(w and w in text for w in words):
            out.append(d.doc_id)
    return out if len(out) >= 2 else []


def chunk_mask(index: IndexData, f: Filters | None) -> np.ndarray | None:
    if f is None or f.is_empty():
        return None
    ok = {d for d, meta in index.documents.items() if doc_matches(meta, f)}
    return np.array([ch.doc_id in ok for ch in index.chunks], dtype=bool)


# ---------------------------------------------------------------- scoring

def dense_scores(index: IndexData, qvec: np.ndarray, n: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
    import faiss

    total = len(index.chunks)
    if total == 0:
        return []
    n = min(n, total)
    q = np.ascontiguousarray(qvec.reshape(1, -1), dtype=np.float32)
    if mask is not None:
        ids = np.flatnonzero(mask).astype(np.int64)
        if len(ids) == 0:
            return []
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
        D, I = index.faiss.search(q, min(n, len(ids)), params=params)
    else:
        D, I = index.faiss.search(q, n)
    return [(int(i), float(d)) for i, d in zip(I[0], D[0]) if i >= 0]


def lexical_scores(index: IndexData, tokens: list[str], n: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
    vocab = index.bm25.vocab_dict
    known = [t for t in tokens if t in vocab]
    if not known or not index.chunks:
        return []
    scores = np.asarray(index.bm25.get_scores(known), dtype=np.float32)
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    n = min(n, len(scores))
    top = np.argpartition(-scores, n - 1)[:n]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def rrf(rankings: list[list[tuple[int, float]]], weights: list[float] | None = None, k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: sum of w / (k + rank)."""
    weights = weights or [1.0] * len(rankings)
    out: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for rank, (i, _) in enumerate(ranking, start=1):
            out[i] = out.get(i, 0.0) + w / (k + rank)
    return out


def weighted(rankings: list[list[tuple[int, float]]], weights: list[float]) -> dict[int, float]:
    """Min-max normalised scores, weighted and summed."""
    out: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        if not ranking:
            continue
        vals = np.array([s for _, s in ranking], dtype=np.float64)
        lo, hi = float(vals.min()), float(vals.max())
        for i, s in ranking:
            out[i] = out.get(i, 0.0) + w * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return out


def to_clauses(index: IndexData, chunk_scores: dict[int, float]) -> list[tuple[int, float, int]]:
    """Chunk scores -> (clause position, best score, best chunk), best first."""
    best: dict[int, tuple[float, int]] = {}
    cc = index.chunk_clause
    for i, s in chunk_scores.items():
        c = int(cc[i])
        if c not in best or s > best[c][0]:
            best[c] = (s, i)
    return sorted(((c, s, i) for c, (s, i) in best.items()), key=lambda t: -t[1])


# ---------------------------------------------------------------- search

@dataclass(frozen=True)
class SearchSettings:
    mode: str = DEFAULT_MODE
    fusion: str = DEFAULT_FUSION
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    depth: int = 60  # candidates taken from each side


def search(
    index: IndexData,
    embeddings,
    query: str,
    *,
    k: int = 10,
    filters: Filters | None = None,
    settings: SearchSettings = SearchSettings(),
    lexical_query: str | None = None,
) -> list[Hit]:
    """Ranked clauses for ``query``. ``lexical_query`` (e.g. the query with
    synonyms added) replaces the query on the BM25 side only."""
    if settings.mode not in MODES:
        raise ValueError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
    mask = chunk_mask(index, filters)
    depth = max(settings.depth, k * 3)
    dense: list[tuple[int, float]] = []
    lexical: list[tuple[int, float]] = []
    if settings.mode in ("hybrid", "dense"):
        q = embed_array(embeddings, [query], query=True)[0]
        dense = dense_scores(index, q, depth, mask)
    if settings.mode in ("hybrid", "bm25"):
        lexical = lexical_scores(index, tokenize(lexical_query or query, index.tokenizer), depth, mask)
    if settings.mode == "dense":
        fused = {i: s for i, s in dense}
    elif settings.mode == "bm25":
        fused = {i: s for i, s in lexical}
    elif settings.fusion == "rrf":
        fused = rrf([dense, lexical], [settings.dense_weight, settings.lexical_weight])
    else:
        fused = weighted([dense, lexical], [settings.dense_weight, settings.lexical_weight])
    d_of = dict(dense)
    l_of = dict(lexical)
    # per clause: best dense and lexical among its chunks
    cc = index.chunk_clause
    best_d: dict[int, float] = {}
    best_l: dict[int, float] = {}
    for i, s in d_of.items():
        best_d[int(cc[i])] = max(best_d.get(int(cc[i]), -1.0), s)
    for i, s in l_of.items():
        best_l[int(cc[i])] = max(best_l.get(int(cc[i]), 0.0), s)
    hits = []
    for rank, (c, s, i) in enumerate(to_clauses(index, fused)[:k], start=1):
        hits.append(
            Hit(index.clauses[c], float(s), rank, best_d.get(c), best_l.get(c), index.chunks[i].chunk_id)
        )
    return hits


class ClauseRetriever(BaseRetriever):
    """LangChain retriever over the clause index.

    Returns one ``Document`` per clause: ``page_content`` is the clause text,
    ``metadata`` carries the clause id, path, label, page, document id and the
    scores.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any
    embeddings: Any
    k: int = 10
    filters: Filters | None = None
    settings: SearchSettings = SearchSettings()

    def search_hits(self, query: str, **kw: Any) -> list[Hit]:
        return search(
            self.index,
            self.embeddings,
            query,
            k=kw.pop("k", self.k),
            filters=kw.pop("filters", self.filters),
            settings=kw.pop("settings", self.settings),
            **kw,
        )

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [hit_to_document(h) for h in self.search_hits(query)]


def hit_to_document(h: Hit) -> Document:
    c = h.clause
    return Document(
        page_content=c.text,
        metadata={
            "clause_id": c.clause_id,
            "doc_id": c.doc_id,
            "label": c.label,
            "path": list(c.path),
            "page": c.page,
            "score": h.score,
            "rank": h.rank,
            "dense": h.dense,
            "lexical": h.lexical,
        },
    )
