"""The eligibility check on the corpus: profile cases with the measures and
amounts expected (written from the text, tests/data/profiles.jsonl), and
every computed figure traceable to spans of its clause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policybot.errors import PolicybotError
from policybot.match import Profile, lines, match, money_wan

from conftest import TODAY

CASES = [json.loads(x) for x in (Path(__file__).parent / "data" / "profiles.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def corpus_measures(parsed_corpus):
    from policybot.measures import extract_all

    clauses = [c for d in parsed_corpus.values() for c in d.clauses]
    docs = {k: d.meta for k, d in parsed_corpus.items()}
    return extract_all(clauses, docs), docs, {c.clause_id: c for c in clauses}


def _find(results, exp):
    found = [e for e in results if exp["quote"] in e.measure.sentence.text.replace(" ", "") or exp["quote"] in e.measure.sentence.text]
    if "value" in exp:
        found = [e for e in found if e.measure.value is not None and e.measure.value.text.replace(" ", "") == exp["value"]]
    return found


def test_enough_profile_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_profile_case(case, corpus_measures):
    measures, docs, clauses = corpus_measures
    results = match(Profile.from_json(case["profile"]), measures, docs, TODAY, {k: c.text for k, c in clauses.items()})
    if case["empty"]:
        assert results == []
    for exp in case["expect"]:
        found = _find(results, exp)
        assert len(found) == 1, f"{exp} not found once in {lines(results)}"
        e = found[0]
        assert e.status == exp["status"], lines([e])
        assert e.amount == exp["amount"], lines([e])
        if e.status == "可能适用":
            assert e.to_check, "a 可能适用 measure says what to check"
    for ab in case["absent"]:
        assert not _find(results, ab), f"{ab} should not apply: {lines(results)}"
    for e in results:  # every figure comes from highlighted text of its clause
        text = clauses[e.measure.clause_id].text
        for s in e.spans:
            assert text[s.start:s.end] == s.text
        if e.amount and e.working:  # the figures the working multiplies are among the spans
            used = e.measure.rate or e.measure.amount
            assert used in e.spans and (e.measure.cap is None or e.measure.cap in e.spans)


def test_working_shows_rate_base_and_cap(corpus_measures):
    measures, docs, clauses = corpus_measures
    p = Profile.from_json({"region": "济南市", "projects": [{"kind": "整车间智能化改造", "investment": "3000万元"}]})
    e = _find(match(p, measures, docs, TODAY), {"quote": "对整生产线", "value": "15%"})[0]
    assert e.working == "设备投资（含软件）3000万元 × 15% = 450万元，未超过单个企业2000万元上限"
    assert e.validity  # the document's validity line travels with the result


def test_bad_profile_says_what_to_write():
    with pytest.raises(PolicybotError, match="investment"):
        Profile.from_json({"projects": [{"kind": "整车间", "investment": "三千万"}]})
    with pytest.raises(PolicybotError, match="profile"):
        Profile.from_json({"projects": [{"investment": "3000万元"}]})


@pytest.mark.parametrize("text,wan", [("3000万元", 3000), ("2亿元", 20000), ("500元", 0.05), (120, 120), ("0.5亿元", 5000)])
def test_money(text, wan):
    assert money_wan(text) == pytest.approx(wan)


def test_a_piece_from_the_middle_of_a_word_is_no_topic_word():
    from policybot.refusal import _straddles

    assert _straddles("政资", ["财政", "政资", "资金", "财政资金"])
    assert not _straddles("工业", ["新型", "工业", "工业化", "新型工业化"])  # begins 工业化: a word
    assert not _straddles("财政", ["财政", "政资", "资金", "财政资金"])
