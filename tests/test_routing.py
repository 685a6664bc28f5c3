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


def _index(hash_embeddings, ids):
    docs = [parse_source(SourceText(f"{d}.txt", "txt", DOCS[d]), d) for d in ids]
    return ix.build(docs, hash_embeddings)


@pytest.fixture(scope="module")
def three(hash_embeddings):
    return _index(hash_embeddings, ["bj", "sd", "gj"])


def test_inferred_regions(three):
    assert {d: (m.region, m.province, m.level) for d, m in three.documents.items()} == {
        "bj": ("北京市", "北京市", "省"), "sd": ("山东省", "山东省", "省"), "gj": ("全国", "", "国家")}


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
