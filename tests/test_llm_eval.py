"""``eval --answerer llm``: the fixed sample and the table of outcomes."""

from __future__ import annotations

from policybot.evaluate import Item, RunResult
from policybot.llm_eval import outcome_counts, sample, table


def items(n: int) -> list[Item]:
    return [Item(id=f"q{i}", question=f"问题{i}", type="fact") for i in range(n)]


def test_sample_is_fixed_and_spread_over_the_set():
    chosen = sample(items(100), 10)
    assert [it.id for it in chosen] == [f"q{i}" for i in range(0, 100, 10)]
    assert sample(items(100), 10) == chosen
    assert len(sample(items(5), 30)) == 5


def row(status: str, reason: str = "", dropped: int = 0, kf: float = 1.0, latency: float = 1.0) -> dict:
    return {"id": "x", "type": "fact", "metrics": {"key_facts": kf, "key_facts_all": float(kf == 1.0)}, "latency": latency,
            "llm": {"status": status, "reason": reason, "dropped": dropped, "seconds": latency}}


def test_outcomes_count_kept_dropped_and_each_fallback_reason():
    rows = [row("kept"), row("kept", dropped=1), row("fallback", "number_not_in_clause"), row("fallback", "number_not_in_clause"),
            row("fallback", "no_marker"), row("not_asked", "refused")]
    c = outcome_counts(rows)
    assert (c["items"], c["asked"], c["kept"], c["kept_with_dropped_sentence"], c["fallback"]) == (6, 5, 2, 1, 3)
    assert c["reasons"] == {"number_not_in_clause": 2, "no_marker": 1}
    summary = {"overall": {"n": 6, "key_facts": 0.9, "latency_p50": 20.0, "latency_p95": 40.0}}
    md = table(RunResult(summary, []), RunResult(summary, rows))
    assert "| local LLM | 6 | 5 | 2/5 (40%) | 1/5 (20%) | 3/5 (60%) |" in md
    assert "a number not in the cited clause 2" in md and "no marker at all" in md
