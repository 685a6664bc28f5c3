"""The Milvus backend: one collection per index version, on Milvus Lite (a
file, in-process) or a Milvus server (``POLICYBOT_MILVUS_URI``).

Each row is one chunk: its position (primary key), chunk and document ids,
the document's region, level and years in force, the dense vector (inner
product on normalised vectors, i.e. cosine) and a sparse vector of BM25
term weights computed here with policybot's own tokenizer (see ``sparse``),
because Milvus Lite's built-in BM25 knows only the standard and plain jieba
analyzers. Dense and sparse are two searches; ``retrieve`` fuses them in
Python exactly as for the local backend. Filters become boolean expressions.

The collection is built from the loaded ``IndexData`` when it is missing:
rows go into a ``…__building`` collection that is renamed when complete, so
a crash never leaves a half-filled collection under the served name.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterable, Sequence

import numpy as np

from ..errors import ConfigError
from .base import Filters, Ranking, doc_years, region_matches
from .sparse import SparseBM25

DEFAULT_PREFIX = "policybot"
BATCH = 1000
MAX_TOPK = 16_384  # Milvus's limit per search


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError as e:
        raise ConfigError(
            "POLICYBOT_BACKEND=milvus needs pymilvus (and milvus-lite for a local file): "
            "pip install 'policybot[milvus]', or set POLICYBOT_BACKEND=local."
        ) from e
    return MilvusClient(uri)


def collection_name(index, prefix: str = DEFAULT_PREFIX) -> str:
    """``<prefix>_<index version>_<tokenizer>``; an unsaved index is named by
    its content. (The sparse vectors depend on the tokenizer, and an index can
    be re-tokenised in memory for an ablation.)"""
    version = index.manifest.get("version", "unsaved")
    if version == "unsaved":
        h = hashlib.sha256()
        for ch, lt in zip(index.chunks, index.lexical_texts):
            h.update(f"{ch.chunk_id}\t{lt}\n".encode())
        version = "u-" + h.hexdigest()[:12]
    return re.sub(r"[^0-9A-Za-z_]", "_", f"{prefix}_{version}_{index.tokenizer}")


def _lit(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def filter_expr(f: Filters | None, regions: Iterable[str] = ()) -> str:
    """A Milvus boolean expression for ``f`` ('' for no filter). ``regions``
    are the document regions of the index: a region filter becomes the list
    of those inside an asked area (``region_matches``, by the gazetteer)."""
    if f is None or f.is_empty():
        return ""
    parts = []
    if f.doc_ids:
        parts.append(f"doc_id in [{', '.join(_lit(d) for d in f.doc_ids)}]")
    if f.regions:
        inside = sorted({r for r in regions if any(region_matches(r, w) for w in f.regions)})
        parts.append(f"region in [{', '.join(_lit(r) for r in inside)}]" if inside else "pos < 0")
    if f.levels:
        parts.append(f"level in [{', '.join(_lit(x) for x in f.levels)}]")
    if f.year:
        parts.append(f"(year_from <= {int(f.year)} and year_to >= {int(f.year)})")
    return " and ".join(parts)


class MilvusBackend:
    name = "milvus"

    def __init__(self, index, uri: str, *, prefix: str = DEFAULT_PREFIX, keep_others: bool = False):
        self.index = index
        self.uri = uri
        self.client = _client(uri)
        self.collection = collection_name(index, prefix)
        self.sparse = SparseBM25.from_bm25s(index.bm25)
        self._regions = sorted({d.region for d in index.documents.values()})
        self.built = False
        if not self._complete():
            self._build()
            self.built = True
            if not keep_others:
                self._drop_others(prefix)
        self.client.load_collection(self.collection)

    # ---- the protocol
    def dense(self, qvec: np.ndarray, k: int, filters: Filters | None = None) -> Ranking:
        if k <= 0 or not self.index.chunks:
            return []
        q = np.asarray(qvec, dtype=np.float32).ravel().tolist()
        return self._search(q, "dense", k, filters)

    def lexical(self, tokens: Sequence[str], k: int, filters: Filters | None = None) -> Ranking:
        q = self.sparse.query(tokens)
        if k <= 0 or not q or not self.index.chunks:
            return []
        return [(i, s) for i, s in self._search(q, "sparse", k, filters) if s > 0]

    def _search(self, data, field: str, k: int, filters: Filters | None) -> Ranking:
        res = self.client.search(
            self.collection, data=[data], anns_field=field, limit=min(k, MAX_TOPK, len(self.index.chunks)),
            filter=filter_expr(filters, self._regions), search_params={"metric_type": "IP"}, output_fields=["pos"],
        )
        hits = [(int(h["pos"]), float(h["distance"])) for h in res[0]]
        return sorted(hits, key=lambda t: (-t[1], t[0]))

    # ---- the collection
    def _complete(self) -> bool:
        c = self.client
        if not c.has_collection(self.collection):
            return False
        return int(c.get_collection_stats(self.collection).get("row_count", -1)) == len(self.index.chunks)

    def _build(self) -> None:
        from pymilvus import DataType, MilvusClient

        c, name = self.client, self.collection
        tmp = name + "__building"
        for n in (tmp, name):
            if c.has_collection(n):
                c.drop_collection(n)
        idx = self.index
        dim = int(idx.vectors.shape[1]) if idx.vectors.ndim == 2 and idx.vectors.shape[1] else int(idx.manifest["embedding"]["dim"])
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False,
                                            description=f"policybot chunks of index {idx.manifest.get('version')}")
        schema.add_field("pos", DataType.INT64, is_primary=True)
        schema.add_field("chunk_id", DataType.VARCHAR, max_length=1024)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("region", DataType.VARCHAR, max_length=256)
        schema.add_field("level", DataType.VARCHAR, max_length=32)
        schema.add_field("year_from", DataType.INT32)
        schema.add_field("year_to", DataType.INT32)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        params = c.prepare_index_params()
        params.add_index("dense", index_type="FLAT", metric_type="IP")
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        c.create_collection(tmp, schema=schema, index_params=params, consistency_level="Strong")
        years = {d: doc_years(m) for d, m in idx.documents.items()}
        rows = []
        for pos, ch in enumerate(idx.chunks):
            meta = idx.documents.get(ch.doc_id)
            y0, y1 = years.get(ch.doc_id, (0, 0))
            rows.append({
                "pos": pos, "chunk_id": ch.chunk_id, "doc_id": ch.doc_id,
                "region": meta.region if meta else "", "level": meta.level if meta else "",
                "year_from": y0, "year_to": y1,
                "dense": idx.vectors[pos].astype(np.float32).tolist(),
                "sparse": self.sparse.doc(pos) or {0: 0.0},
            })
            if len(rows) >= BATCH:
                c.insert(tmp, rows)
                rows = []
        if rows:
            c.insert(tmp, rows)
        c.flush(tmp)
        c.rename_collection(tmp, name)

    def _drop_others(self, prefix: str) -> None:
        """Collections of older index versions (same prefix) are dropped."""
        for n in self.client.list_collections():
            if n.startswith(prefix + "_") and n != self.collection and not n.endswith("__building"):
                self.client.drop_collection(n)
