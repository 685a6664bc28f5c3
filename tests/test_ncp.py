"""corpus-ncp evaluation: the split by document, the span metrics, the cached
index, the textbook baseline. Hand-made inputs; the tests that read the real
corpus skip when ../shared/corpus-ncp is absent."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from policybot.errors import PolicybotError
from policybot.ncp import (NcpItem, answer_body, char_recall, default_dir, doc_ranking, fold_span, load_items,
                           open_index, run, score, summarize)
from policybot.settings import Settings

DOC_A = "关于支持中小企业共渡难关的若干措施\n2020年2月5日\n一、减免房租。对承租国有资产类经营用房的中小企业，免收1个月房租。\n二、加大信贷支持。对受疫情影响较大的企业给予贴息支持。\n"
DOC_B = "某市稳就业通知\n各单位：\n企业吸纳就业困难人员的，按每人1000元给予一次性吸纳就业补贴。\n"


def _corpus(tmp_path: Path, qa: list[dict]) -> Path:
    root = tmp_path / "ncp"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "aaaa1111.txt").write_text(DOC_A, encoding="utf-8")
    (root / "docs" / "bbbb2222.txt").write_text(DOC_B, encoding="utf-8")
    (root / "qa.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in qa), encoding="utf-8")
    return root


QA = [
    {"id": "q1", "question": "国有资产类经营用房免收几个月房租？", "answer": "免收1个月房租", "doc": "aaaa1111"},
    {"id": "q2", "question": "受疫情影响较大的企业有什么信贷支持？", "answer": "给予贴息支持", "doc": "aaaa1111"},
    {"id": "q3", "question": "吸纳就业困难人员补贴多少？", "answer": "按每人1000元给予一次性吸纳就业补贴", "doc": "bbbb2222"},
]


def _item(answer: str, doc: str = "d1") -> NcpItem:
    return NcpItem("x", "q", answer, doc, "dev")


def test_spans_are_compared_without_width_space_and_punctuation():
    assert fold_span("１，０００ 万元。") == fold_span("1000万元") == "1000万元"
    assert fold_span("貸款") == fold_span("贷款")


def test_the_answer_body_drops_document_headers_and_markers():
    text = "【《某文件》 已到期】\n免收1个月房租[1]；给予贴息支持[2]。"
    assert answer_body(text) == "免收1个月房租；给予贴息支持。"


def test_covers_needs_the_whole_folded_span_and_char_recall_gives_partial_credit():
    it = _item("免收1个月房租，给予贴息")
    full = score(it, ["d1"], body="对承租的企业免收 1 个月房租；给予贴息支持", cited_docs=["d1"], quotes=["q"], refused=False)
    assert full["covers"] == 1.0 and full["char_recall"] == 1.0
    part = score(it, ["d2", "d1"], body="免收1个月房租", cited_docs=["d2"], quotes=["免收1个月房租"], refused=False)
    assert part["covers"] == 0.0 and 0.5 < part["char_recall"] < 1.0
    assert part["doc_hit@1"] == 0.0 and part["doc_hit@5"] == 1.0 and part["gold_doc_cited"] == 0.0
    assert part["answer_chars"] == len("免收1个月房租")
    refused = score(it, ["d1"], body="免收1个月房租，给予贴息", cited_docs=[], quotes=[], refused=True)
    assert refused["covers"] == 0.0 and refused["answer_chars"] == 0.0 and refused["refused"] == 1.0


def test_char_recall_counts_in_order_matches_only():
    assert char_recall("甲乙丙丁", "丁丙乙甲") <= 0.25
    assert char_recall("甲乙丙丁", "甲乙x丙丁") == 1.0


def test_documents_ranked_by_first_appearance():
    assert doc_ranking(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_summary_gives_means_and_the_median_length_per_part():
    rows = [{"split": "dev", "metrics": {"covers": c, "answer_chars": n}, "latency": 0.1}
            for c, n in ((1.0, 10.0), (0.0, 30.0), (1.0, 200.0))]
    s = summarize(rows)
    assert list(s) == ["dev"] and s["dev"]["covers"] == pytest.approx(2 / 3, abs=1e-3) and s["dev"]["answer_chars"] == 30.0


def test_questions_are_split_by_document(tmp_path):
    items = load_items(_corpus(tmp_path, QA))
    by_doc: dict[str, set[str]] = {}
    for it in items:
        by_doc.setdefault(it.doc, set()).add(it.split)
    assert all(len(s) == 1 for s in by_doc.values())


def test_a_question_about_a_missing_document_is_reported(tmp_path):
    root = _corpus(tmp_path, QA + [{"id": "q4", "question": "?", "answer": "x", "doc": "cccc3333"}])
    with pytest.raises(PolicybotError, match="not in"):
        load_items(root)


def test_an_absent_corpus_says_how_to_point_at_it(tmp_path):
    with pytest.raises(PolicybotError, match="POLICYBOT_NCP"):
        load_items(tmp_path / "nowhere")


def test_the_index_is_cached_and_rebuilt_when_a_file_changes(tmp_path, hash_embeddings):
    root = _corpus(tmp_path, QA)
    s = Settings(state_dir=tmp_path / "state", embedding="hash")
    built: list[str] = []
    first = open_index(root, s, hash_embeddings, log=built.append)
    again = open_index(root, s, hash_embeddings, log=built.append)
    assert len(built) == 1 and again.version == first.version
    (root / "docs" / "bbbb2222.txt").write_text(DOC_B + "补贴资金由市财政负担。\n", encoding="utf-8")
    changed = open_index(root, s, hash_embeddings, log=built.append)
    assert len(built) == 2 and changed.version != first.version
    assert set(changed.documents) == {"aaaa1111", "bbbb2222"}


def test_every_question_runs_through_the_chain_and_is_scored(tmp_path, hash_embeddings):
    root = _corpus(tmp_path, QA)
    s = Settings(state_dir=tmp_path / "state", embedding="hash")
    index = open_index(root, s, hash_embeddings, log=lambda m: None)
    rows = run(load_items(root), index, hash_embeddings, s)
    assert [r["id"] for r in rows] == ["q1", "q2", "q3"]
    assert all(set(r["metrics"]) >= {"doc_hit@1", "doc_hit@5", "covers", "char_recall", "answer_chars", "refused"} for r in rows)
    assert all(r["metrics"]["doc_hit@5"] == 1.0 for r in rows)  # two documents: the gold one is always in the top 5


def test_textbook_baseline_answers_with_the_top_chunk(tmp_path):
    pytest.importorskip("langchain_text_splitters", reason="the textbook baseline needs langchain-text-splitters (extra 'bench')")
    from policybot.textbook import run_textbook

    root = _corpus(tmp_path, QA)
    rows = run_textbook(root, load_items(root))
    assert [r["metrics"]["doc_hit@1"] for r in rows] == [1.0, 1.0, 1.0]
    assert rows[2]["metrics"]["covers"] == 1.0 and rows[2]["metrics"]["answer_chars"] == len(DOC_B.strip())


@pytest.fixture(scope="module")
def real_ncp() -> Path:
    d = default_dir()
    if not (d / "qa.jsonl").exists():
        pytest.skip(f"corpus-ncp not found at {d} (set POLICYBOT_NCP to its folder to run these tests)")
    return d


def test_the_real_corpus_splits_about_half_of_its_documents_each_way(real_ncp):
    items = load_items(real_ncp)
    docs = {it.doc: it.split for it in items}
    count = Counter(docs.values())
    assert 0.4 < count["dev"] / len(docs) < 0.6
    assert all(it.split == docs[it.doc] for it in items)
