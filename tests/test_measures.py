"""Measures as data: hand-made clauses in, fields with their spans out; the
gold set scored (``policybot eval --measures``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybot.measures import extract
from policybot.types import Clause

ROOT = Path(__file__).resolve().parents[1]


def clause(text: str, lead=(), responsible=()) -> Clause:
    return Clause("d:1", "d", 0, "clause", ("1.",), "1.", text, 0, len(text), 0, len(text), lead=tuple(lead), responsible=tuple(responsible))


def fields(m):
    return {k: s.text for k, s in m.spans().items()}


def test_parallel_cases_align_with_rates_and_share_base_and_cap():
    c = clause("对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、15% 和 20% 的奖补，单个企业最高不超过 2000 万元。",
               responsible=("市工业和信息化局",))
    ms, ts = extract(c)
    assert [(m.case.text, m.rate.text) for m in ms] == [("整生产线", "12%"), ("整车间", "15%"), ("整工厂", "20%")]
    for m in ms:
        assert m.kind == "奖补" and m.base.text == "设备投资（含软件）" and m.cap.text == "2000 万元" and m.cap_scope.text == "单个企业"
        assert m.amount is None and not ts


def test_every_field_is_a_span_of_the_clause():
    c = clause("对开展确权融资业务的企业给予基准利率50%的贴息，对单家企业的补贴上限为50万元。自治区财政按照市县实际补贴金额的50%给予市县财政奖励。")
    ms, _ = extract(c)
    assert len(ms) == 2
    for m in ms:
        for name, s in m.spans().items():
            assert c.text[s.start:s.end] == s.text, name
    assert fields(ms[0])["cap"] == "50万元" and fields(ms[0])["base"] == "基准利率"
    assert [d.text for d in ms[1].departments] == ["自治区财政"]


def test_absent_fields_are_not_guessed():
    (m,), _ = extract(clause("对经市级以上认定的给予一次性奖补。"))
    assert m.kind == "奖补" and m.rate is None and m.amount is None and m.cap is None and m.base is None
    assert [s.text for s in m.conditions] == ["经市级以上认定"]


def test_cap_without_value_and_tiers():
    (m,), _ = extract(clause("新获批省级研发机构的企业，给予最高 100 万元扶持。"))
    assert m.cap.text == "100 万元" and m.value is None
    ms, _ = extract(clause("人数为50人(含)以上的，补助2.4万元；100人(含)以上的，补助4.5万元。"))
    assert [(m.amount.text, m.conditions[0].text) for m in ms] == [("2.4万元", "人数为50人(含)以上"), ("4.5万元", "100人(含)以上")]


@pytest.mark.parametrize("text", [
    "到 2022 年，全市工业固定资产投资在 2019 年的基础上实现翻番，工业投资占比提高到 25% 以上。",
    "每年设立不低于 20 亿元的工业发展扶持资金。",
    "据悉，阶段性降低用电成本政策涉及的所有减免电费预计6.92亿元。",
    "山东淄博第一批享受稳岗补贴政策企业共计737家，预计返还资金3900万元。",
])
def test_targets_funds_and_statistics_are_not_measures(text):
    assert extract(clause(text))[0] == []


def test_targets_kept_apart():
    ms, ts = extract(clause("到2025年，新能源重点企业达到100家，营业收入达到300亿元。"))
    assert ms == [] and ts and ts[0].year.text == "到2025年"


def test_deferral_durations():
    (m,), _ = extract(clause("受疫情影响暂时出现经营困难的，可缓缴6个月的失业保险费和工伤保险费。"))
    assert m.kind == "缓缴" and m.amount.text == "6个月"
    (m,), _ = extract(clause("可申请缓缴社会保险费，缓缴期限原则上不超过6个月，缓缴期间免收滞纳金。"))
    assert m.cap.text == "6个月" and m.amount is None


def test_gold_set_scores(parsed_corpus):
    from policybot import measures_eval as me

    result = me.run(me.load_gold(ROOT / "eval" / "measures.jsonl"), ROOT / "corpus", ROOT.parent / "shared" / "corpus-ncp" / "docs")
    gold = me.load_gold(ROOT / "eval" / "measures.jsonl")
    assert sum(len(g.measures) for g in gold) >= 80
    assert len({g.doc for g in gold if g.doc.startswith("ncp:")}) >= 20
    assert not [n for n in result["notes"] if "quote not found" in n]
    # tuned on dev: the target there; the held-out test split only guards against a collapse
    for split, floor in (("dev", 0.9), ("test", 0.8)):
        s = result["summary"].get(split)
        if s is None:
            continue  # corpus-ncp absent: only the corpus items ran
        for f in ("kind", "value", "cap"):
            if not s[f]["gold"] and not s[f]["predicted"]:
                continue  # (corpus-ncp absent: a part may hold no such field at all)
            assert s[f]["precision"] >= floor and s[f]["recall"] >= floor, (split, f, s[f])
