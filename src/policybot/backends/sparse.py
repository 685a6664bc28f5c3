"""BM25 as sparse vectors, so any engine with a sparse inner-product search
(Milvus Lite or a Milvus server) scores exactly like the local bm25s index,
with policybot's own tokenizer (jieba + bigrams) on both sides.

score(q, d) = sum over query tokens t of idf(t) * tf(t, d) * (k1 + 1) /
(tf(t, d) + k1 * (1 - b + b * |d| / avgdl)); the document side holds the
fraction (no idf, so it does not change when other documents are added), the
query side ``idf(t)`` times the token's count in the query. Term ids are the
index's bm25s vocabulary ids, stable within an index version.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class SparseBM25:
    docs: sp.csr_matrix  # (n_chunks, vocab) float32: the BM25 term-frequency part
    idf: np.ndarray  # (vocab,) float32
    vocab: dict[str, int]

    @classmethod
    def from_bm25s(cls, model) -> "SparseBM25":
        """From a built or loaded ``bm25s.BM25`` (lucene variant): its score
        matrix holds idf * tf-part per (token, chunk); the idf is recomputed
        from the document frequencies and divided out."""
        s = model.scores
        indptr = np.asarray(s["indptr"], dtype=np.int64)
        n_docs, n_terms = int(s["num_docs"]), len(indptr) - 1
        df = np.diff(indptr).astype(np.float64)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        per_term = sp.csc_matrix((np.asarray(s["data"], dtype=np.float64), np.asarray(s["indices"]), indptr),
                                 shape=(n_docs, n_terms))
        tf_part = per_term @ sp.diags(1.0 / idf)
        return cls(sp.csr_matrix(tf_part, dtype=np.float32), idf.astype(np.float32), dict(model.vocab_dict))

    def query(self, tokens: Sequence[str]) -> dict[int, float]:
        """Term id -> idf * count, for the tokens the index knows."""
        counts = Counter(self.vocab[t] for t in tokens if t in self.vocab)
        return {i: float(self.idf[i] * n) for i, n in counts.items()}

    def doc(self, pos: int) -> dict[int, float]:
        row = self.docs[pos]
        return {int(i): float(v) for i, v in zip(row.indices, row.data) if v > 0}

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Every chunk's score (for checks; engines compute this themselves)."""
        q = self.query(tokens)
        if not q:
            return np.zeros(self.docs.shape[0], dtype=np.float32)
        ids = np.fromiter(q.keys(), dtype=np.int64)
        w = np.fromiter(q.values(), dtype=np.float32)
        return np.asarray(self.docs[:, ids] @ w).ravel()
