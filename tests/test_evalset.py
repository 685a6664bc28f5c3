"""The eval set's frozen dev/test split and the part-by-part gate (no index needed)."""

from __future__ import annotations

import json
from collections import Counter

from conftest import ROOT
from policybot.evalset import Item, assign_splits
from policybot.evaluate import compare

SET = ROOT / "eval" / "questions.jsonl"


def _items(n: int, type_: str = "fact", split: str = "") -> list[Item]:
    return [Item(id=f"{type_}-{i:03d}", question="q", type=type_, split=split) for i in range(n)]


def test_every_stored_item_has_a_split_about_half_per_type():
    raw = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all(d.get("split") in ("dev", "test") for d in raw), "run `policybot eval --validate --fix`"
    count = Counter((d["type"], d["split"]) for d in raw)
    for t in {d["type"] for d in raw}:
        assert abs(count[(t, "dev")] - count[(t, "test")]) <= 1, t


def test_new_items_are_balanced_within_their_type_and_deterministic():
    items = _items(9, "fact") + _items(5, "number")
    a = assign_splits(items)
    b = assign_splits(list(reversed(items)))
    assert {i.id: i.split for i in a} == {i.id: i.split for i in b}
    for t, n in (("fact", 9), ("number", 5)):
        c = Counter(i.split for i in a if i.type == t)
        assert c["dev"] + c["test"] == n and abs(c["dev"] - c["test"]) <= 1


def test_stored_splits_never_move_and_new_items_fill_the_smaller_part():
    stored = _items(4, "fact", split="dev")
    new = [Item(id="fact-new-1", question="q", type="fact"), Item(id="fact-new-2", question="q", type="fact")]
    out = assign_splits(stored + new)
    assert [i.split for i in out[:4]] == ["dev"] * 4
    assert [i.split for i in out[4:]] == ["test", "test"]


def _summary(dev: float, test: float) -> dict:
    return {"overall": {"recall@5": (dev + test) / 2, "invalid_citations": 0.0},
            "parts": {"dev": {"overall": {"recall@5": dev}}, "test": {"overall": {"recall@5": test}}}}


def test_the_gate_fails_on_a_regression_of_either_part():
    base = _summary(0.95, 0.95)
    assert compare(_summary(0.95, 0.95), base)[1] == []
    _, reg = compare(_summary(0.99, 0.90), base)  # the whole set would hide it
    assert reg and reg[0].startswith("test recall@5")
    _, reg = compare(_summary(0.90, 0.99), base)
    assert reg and reg[0].startswith("dev recall@5")


def test_a_baseline_without_parts_is_compared_on_the_whole_set():
    base = {"overall": {"recall@5": 0.95}}
    assert compare(_summary(0.99, 0.90), base)[1] == []
    assert compare(_summary(0.90, 0.90), base)[1]


def test_the_runner_answers_from_what_the_service_would_retrieve(hash_embeddings, tmp_path):
    """The eval runner hands the answerer the hits the production chain
    retrieves (the chain's k, not a slice of a deeper retrieval)."""
    import inspect

    from policybot import index as ix
    from policybot.chain import build_chain, retrieve
    from policybot.documents import parse_source
    from policybot.evaluate import run
    from policybot.query import analyze
    from policybot.types import Answer, SourceText

    nums = "一二三四五六七八九十"
    text = "某市支持企业发展的若干措施\n" + "".join(
        f"{n}、第{i}类项目\n对企业技术改造项目给予第{i}档补贴，最高{i}00万元。\n" for i, n in enumerate(nums, 1))
    index = ix.build([parse_source(SourceText("a.txt", "txt", text), "a")], hash_embeddings)
    seen = []

    def answerer(q, hits):
        seen.append([h.clause.clause_id for h in hits])
        return Answer(question=q.text, answer="", refused=True)

    item = Item(id="x", question="技术改造项目补贴最高多少？", type="number", answerable=False, split="dev")
    run([item], index, hash_embeddings, answerer=answerer)
    k = inspect.signature(build_chain).parameters["k"].default
    expected = [h.clause.clause_id for h in retrieve(index, hash_embeddings, analyze(item.question), k=k)]
    assert seen == [expected] and len(expected) == k


def test_a_date_key_fact_counts_in_the_form_documents_write_it():
    from policybot.evaluate import fact_present

    assert fact_present("2025-08-29", "济南市工业和信息化局，2025年8月29日")
    assert fact_present("2025-08-29", "发布日期 2025-08-29")
    assert not fact_present("2025-08-29", "2025年8月2日")
    assert not fact_present("2025-08-29", "2025年8月28日")


def test_history_takes_earlier_questions_as_strings_or_chat_turns(tmp_path):
    from policybot.errors import PolicybotError
    from policybot.evalset import load_set

    chat = [{"role": "user", "content": "济南技改补多少？"}, {"role": "assistant", "content": "10%"}]
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "a", "question": "那上限呢？", "type": "followup", "history": chat}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "b", "question": "那上限呢？", "type": "followup", "history": ["济南技改补多少？"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert [it.history for it in load_set(path)] == [("济南技改补多少？",), ("济南技改补多少？",)]
    path.write_text(json.dumps({"id": "c", "question": "那上限呢？", "type": "followup", "history": [{"text": "x"}]}) + "\n", encoding="utf-8")
    try:
        load_set(path)
    except PolicybotError as e:
        assert "set.jsonl:1" in str(e) and "history turn" in str(e)
    else:
        raise AssertionError("a history turn of an unknown shape must be refused")


def test_an_unanswerable_question_answered_in_part_counts_as_declined_only_where_it_says_so():
    from policybot.answer import MISSING_NOTE, UNCOVERED_NOTE
    from policybot.evaluate import answer_metrics
    from policybot.types import Answer

    item = Item(id="u-1", question="淄博的技改补贴比例是多少？跟济南比哪个高？", type="unanswerable", answerable=False)
    plain = Answer(item.question, "…", False)
    named = Answer(item.question, "…", False, notes=(f"{MISSING_NOTE}淄博市的情况（未找到写明这一比例的条款）",))
    place = Answer(item.question, "…", False, notes=(f"{UNCOVERED_NOTE}江苏省的政策文件，以下只回答其余地区。",))
    refused = Answer(item.question, "未能在现有政策文件中找到…", True)
    m = {k: answer_metrics(item, a, [], set()) for k, a in
         (("plain", plain), ("named", named), ("place", place), ("refused", refused))}
    assert [m[k]["refusal_correct"] for k in m] == [0.0, 0.0, 0.0, 1.0]  # the strict figure: refused or not
    assert [m[k]["declined_or_named"] for k in m] == [0.0, 1.0, 1.0, 1.0]


def test_a_figure_in_a_note_of_what_the_documents_do_not_give_claims_nothing():
    from policybot.answer import MISSING_NOTE
    from policybot.evaluate import answer_metrics
    from policybot.types import Answer

    item = Item(id="a-1", question="听说新增煤耗指标60%用于集群项目？", type="number", answerable=True)
    noted = Answer(item.question, f"相关条款见下。\n{MISSING_NOTE}听说的「60%」（相关条款中没有这一数额）", False)
    said = Answer(item.question, "相关条款见下。\n60%", False)
    assert "numeric_fidelity" not in answer_metrics(item, noted, [], set())  # the asker's figure, named as not given
    assert answer_metrics(item, said, [], set())["numeric_fidelity"] == 0.0  # a figure the answer states, unsupported
