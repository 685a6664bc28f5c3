"""Questions are routed to the documents of the place they name, anywhere in
China; a place no document covers is refused plainly. Documents without a
catalog entry, metadata read from their text; hash embeddings."""

from __future__ import annotations

import pytest

from conftest import TODAY
from policybot import index as ix
from policybot.answer import ExtractiveAnswerer
from policybot.chain import retrieve
from policybot.documents import parse_source
from policybot.query import analyze
from policybot.types import SourceText

DOCS = {
    "bj": "北京市人民政府办公厅关于支持中小微企业共渡难关的若干措施\n一、减免房租。对承租本市国有企业房产的中小微企业，免收2月份房租。\n二、降低融资成本。对中小微企业贷款给予贴息支持。\n",
    "sd": "山东省人民政府办公厅关于支持中小企业平稳健康发展的通知\n一、减免房租。对承租国有资产类经营用房的中小企业，免收3个月房租。\n二、稳定职工队伍。对不裁员的企业返还失业保险费。\n",
    "gj": "财政部关于支持小微企业融资的通知\n各省、自治区、直辖市财政厅（局）：\n一、对小微企业贷款给予贴息支持，贴息比例为50%。\n二、减免小微企业房租。\n",
}


def _index(hash_embeddings, ids, *, given=True):
    """The documents with their regions read from the text; ``given``: then
    confirmed as a catalog would (a region given is certain, one read is a guess)."""
    docs = [parse_source(SourceText(f"{d}.txt", "txt", DOCS[d]), d) for d in ids]
    if given:
        docs = [parse_source(d.source, d.meta.doc_id, {"region": d.meta.region}) for d in docs]
    return ix.build(docs, hash_embeddings)


@pytest.fixture(scope="module")
def three(hash_embeddings):
    return _index(hash_embeddings, ["bj", "sd", "gj"])


def test_inferred_regions(hash_embeddings):
    read = _index(hash_embeddings, ["bj", "sd", "gj"], given=False)
    assert {d: (m.region, m.province, m.level, m.region_inferred) for d, m in read.documents.items()} == {
        "bj": ("北京市", "北京市", "省", True), "sd": ("山东省", "山东省", "省", True), "gj": ("全国", "", "国家", True)}


def test_documents_whose_region_is_only_read_from_the_text_stay_reachable_after_the_places_own(hash_embeddings):
    """A region read from the text may be wrong (a news report names many places):
    a question about 北京 that 北京's and national documents answer ranks them
    first; the others follow by their score, not at every other place."""
    read = _index(hash_embeddings, ["bj", "sd", "gj"], given=False)
    hits = retrieve(read, hash_embeddings, analyze("北京市对中小微企业房租有什么减免？", today=TODAY), k=8)
    docs = [h.clause.doc_id for h in hits]
    assert docs[:2] == ["bj", "gj"] and "sd" in docs


def test_a_document_whose_region_is_a_guess_ranks_by_its_score(hash_embeddings):
    """Only the document read as 山东's says 返还失业保险费: asked of 北京, it
    comes first when its region is a guess; a region given keeps it out."""
    q = analyze("北京市对不裁员的企业返还失业保险费吗？", today=TODAY)
    read = _index(hash_embeddings, ["bj", "sd", "gj"], given=False)
    assert retrieve(read, hash_embeddings, q, k=8)[0].clause.doc_id == "sd"
    given = _index(hash_embeddings, ["bj", "sd", "gj"])
    assert "sd" not in {h.clause.doc_id for h in retrieve(given, hash_embeddings, q, k=8)}


def _docs_of(index, emb, question):
    return {h.clause.doc_id for h in retrieve(index, emb, analyze(question, today=TODAY), k=8)}


def test_a_question_about_beijing_goes_to_beijing_documents_and_national_ones(three, hash_embeddings):
    assert _docs_of(three, hash_embeddings, "北京市对中小微企业房租有什么减免？") == {"bj", "gj"}
    assert _docs_of(_index(hash_embeddings, ["bj", "sd"]), hash_embeddings, "北京市对中小微企业房租有什么减免？") == {"bj"}


def test_a_city_of_a_province_with_documents_goes_to_the_province(three, hash_embeddings):
    assert _docs_of(three, hash_embeddings, "济南的中小企业房租能免几个月？") == {"sd", "gj"}


def test_a_place_only_national_documents_cover_goes_to_them(three, hash_embeddings):
    assert _docs_of(three, hash_embeddings, "深圳的小微企业贷款有贴息吗？") == {"gj"}


def test_a_place_no_document_covers_is_refused_plainly(hash_embeddings):
    index = _index(hash_embeddings, ["bj", "sd"])
    q = analyze("深圳的小微企业贷款有贴息吗？", today=TODAY)
    answer = ExtractiveAnswerer(index, hash_embeddings, today=TODAY)(q, retrieve(index, hash_embeddings, q, k=8))
    assert answer.refused and not answer.citations
    assert "深圳" in answer.answer


def test_a_sentence_of_a_document_of_the_area_around_the_place_asked_counts_more(hash_embeddings):
    """Asked of 大理市, the same sentence in 云南省's notice scores above 贵州省's."""
    from policybot.embeddings import embed_array
    from policybot.evidence import score_segments
    from policybot.types import Hit

    text = "一、企业复工前要开展全员体温检测，建立员工健康台账。\n"
    docs = [parse_source(SourceText(f"{d}.txt", "txt", f"{head}人民政府办公厅关于企业复工的通知\n{text}"), d)
            for d, head in (("gz", "贵州省"), ("yn", "云南省"))]
    index = ix.build(docs, hash_embeddings)
    q = analyze("大理市对复工企业有什么要求？", today=TODAY)
    hits = [Hit(c, 1.0, 1, None, None, c.clause_id) for c in index.clauses if c.text.startswith("一、")]
    best = score_segments(index, q, embed_array(hash_embeddings, [q.standalone], query=True)[0], hits)[0]
    assert index.clauses[best.clause_pos].doc_id == "yn"


def test_a_sentence_of_another_places_document_scores_below_what_it_would_unasked(hash_embeddings):
    """Asked of 北京, a document read as 山东's stays in the running (its region
    is a guess), but its sentences lose OTHER_PLACE against 北京's own and
    national ones: quoted only when nothing nearer says it."""
    from policybot.embeddings import embed_array
    from policybot.evidence import OTHER_PLACE, score_segments

    read = _index(hash_embeddings, ["bj", "sd", "gj"], given=False)

    def score_of_sd(question):
        q = analyze(question, today=TODAY)
        ev = score_segments(read, q, embed_array(hash_embeddings, [q.standalone], query=True)[0], retrieve(read, hash_embeddings, q, k=8))
        return max(e.score for e in ev if read.clauses[e.clause_pos].doc_id == "sd" and "国有资产类" in e.text(read))

    assert score_of_sd("北京市承租国有资产类经营用房的中小企业，免收几个月房租？") <= \
        score_of_sd("承租国有资产类经营用房的中小企业，免收几个月房租？") - OTHER_PLACE
