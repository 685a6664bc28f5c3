"""Bounded work per request and ingest off the request path (issue 11):
history and quote caps, the concurrency bound, time budgets, the
background ingest job that switches the index atomically, duplicates."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from policybot.errors import BudgetExceeded, BusyError, QuestionError
from policybot.limits import Budget, Slots, check_history
from policybot.query import check_question

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
JINAN = "我们在济南搞智能化改造，整个车间改造能补多少？"


# --- pure limits


def test_history_keeps_the_newest_turns_within_count_and_length():
    h = check_history([f"问题{i}" for i in range(30)], max_turns=5, max_chars=1000)
    assert h.turns == tuple(f"问题{i}" for i in range(25, 30))
    assert h.dropped == 25 and "最近 5 个" in h.note and "25 个" in h.note
    h = check_history(["早" * 40, "中" * 40, "晚" * 40], max_turns=10, max_chars=100)
    assert h.turns == ("中" * 40, "晚" * 40) and h.dropped == 1
    assert check_history(["短"], max_turns=5, max_chars=100).note == ""
    one = check_history(["长" * 50_000], max_turns=5, max_chars=100)
    assert one.turns == ("长" * 100,)  # one huge turn is cut to the cap, not carried whole
    assert one.cut == 1 and "过长" in one.note
    each = check_history(["早" * 10, "a" * 30 + "b" * 30], max_turns=5, max_chars=100, max_turn_chars=40)
    assert each.turns == ("早" * 10, "a" * 10 + "b" * 30) and each.cut == 1 and each.dropped == 0


@pytest.mark.parametrize("history", ["abc", 5, {"a": 1}, [1, 2], ["\ud800"]])
def test_history_that_is_not_a_list_of_text_is_refused(history):
    with pytest.raises(QuestionError):
        check_history(history, max_turns=5, max_chars=100)


@pytest.mark.parametrize("question", ["\u200b\u200c\u200d\ufeff", " \u2060 ", "\u3000"])
def test_invisible_questions_are_empty(question):
    with pytest.raises(QuestionError, match="问题是空的"):
        check_question(question)


@pytest.mark.parametrize("question", [12345, ["q"], "abc\ud800"])
def test_questions_that_are_not_valid_text_are_refused(question):
    with pytest.raises(QuestionError):
        check_question(question)


def test_slots_refuse_once_full_and_free_again():
    slots = Slots(limit=1, wait=0)
    with slots.hold():
        with pytest.raises(BusyError) as caught, slots.hold():
            pass
        assert caught.value.retry_after >= 1 and "请过几秒再试" in str(caught.value)
    with slots.hold():  # released
        assert slots.in_use == 1


def test_budget_stops_when_cancelled_or_spent():
    b = Budget(60)
    b.check()
    b.cancel()
    with pytest.raises(BudgetExceeded, match="连接已断开"):
        b.check()
    with pytest.raises(BudgetExceeded, match="POLICYBOT_REQUEST_SECONDS"):
        Budget(0).check()


# --- the real service


class TripAfter(Budget):
    """A budget that runs out after ``n`` checks: the work must stop there."""

    def __init__(self, n: int):
        super().__init__(60)
        self.n = n
        self.checks = 0

    def check(self) -> None:
        self.checks += 1
        if self.checks > self.n:
            raise BudgetExceeded("spent")


def test_long_history_is_capped_and_said_in_the_notes(service):
    answer = service.ask("那淄博呢？", [JINAN] * (service.settings.max_history_turns + 7))
    assert any("更早的 7 个没有参考" in n for n in answer.notes)


def test_a_spent_budget_stops_the_chain_between_steps(service):
    budget = TripAfter(2)  # the pre-check and the first step pass
    with pytest.raises(BudgetExceeded):
        service.ask(JINAN, budget=budget)
    assert budget.checks == 3


def test_quote_check_has_a_length_cap_and_a_budget(service):
    with pytest.raises(QuestionError, match="太长"):
        service.check_quote("对整车间智能化改造" * 1000)
    with pytest.raises(BudgetExceeded):
        service.check_quote("对整生产线、整车间和整工厂的智能化改造项目", budget=TripAfter(0))


def test_answers_beyond_the_bound_get_busy(service, monkeypatch):
    monkeypatch.setattr(service, "_slots", Slots(limit=1, wait=0))
    with service._slots.hold(), pytest.raises(BusyError):
        service.ask(JINAN)


# --- ingest as a background job


@pytest.fixture
def gated(tmp_path):
    """A service over two corpus documents whose document embedding waits
    for a gate, so a test can ask while an upload is being embedded."""
    from policybot import index as ix
    from policybot.documents import corpus_files, parse_file
    from policybot.embeddings import HashEmbeddings
    from policybot.service import PolicyService
    from policybot.settings import Settings

    class Gated(HashEmbeddings):
        def __init__(self):
            self.gate = threading.Event()
            self.gate.set()
            self.waiting = threading.Event()

        def embed_array(self, texts, *, query):
            if not query and not self.gate.is_set():
                self.waiting.set()
                assert self.gate.wait(30)
            return super().embed_array(texts, query=query)

    emb = Gated()
    items = [(p, e) for p, e in corpus_files(CORPUS) if e["id"].startswith(("jinan-2020", "jining"))]
    docs = [parse_file(p, doc_id=e["id"], overrides=e, file=p.name) for p, e in items]
    data = ix.build(docs, emb, tokenizer="bigram")
    settings = Settings(state_dir=tmp_path / "state", index_dir=tmp_path / "unused", embedding="hash", tokenizer="bigram")
    return PolicyService(settings, data, emb), emb


def test_questions_are_answered_from_the_current_index_while_a_document_is_embedded(gated):
    svc, emb = gated
    before = svc.index_version
    emb.gate.clear()
    job = svc.start_add_document(CORPUS / "zibo-2023-advanced-manufacturing-plan.txt", region="淄博市")
    assert emb.waiting.wait(30)
    status = svc.job(job)
    assert status.state == "进行中" and status.stage == "向量化"
    answer = svc.ask("淄博对专精特新企业有什么培育目标？")  # does not wait for the upload
    assert svc.index_version == before and answer.answer
    assert "zibo-2023-advanced-manufacturing-plan" not in {d.doc_id for d in svc.documents()}
    emb.gate.set()
    done = svc.jobs.wait(job, timeout=60)
    assert done.state == "完成" and done.progress == 1.0 and done.result.doc_id == "zibo-2023-advanced-manufacturing-plan"
    assert svc.index_version != before
    assert "zibo-2023-advanced-manufacturing-plan" in {d.doc_id for d in svc.documents()}


def test_a_duplicate_upload_is_reported_not_indexed_twice(gated, tmp_path):
    svc, _ = gated
    copy = tmp_path / "again.txt"
    copy.write_bytes((CORPUS / "jinan-2020-industrial-city-opinions.txt").read_bytes())
    n = len(svc.documents())
    st = svc.jobs.wait(svc.start_add_document(copy), timeout=60)
    assert st.state == "重复" and "已在索引中" in st.message and "jinan-2020-industrial-city-opinions" in st.message
    assert len(svc.documents()) == n


def test_a_bad_file_fails_its_job_with_the_message_and_keeps_the_index(gated, tmp_path):
    svc, _ = gated
    before = svc.index_version
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    st = svc.jobs.wait(svc.start_add_document(bad), timeout=60)
    assert st.state == "失败" and "empty" in st.message
    assert svc.index_version == before
    # the page words the same error in Chinese, naming only the file
    from policybot.web.messages import zh_message

    assert st.error is not None and "「empty.txt」是空文件" in zh_message(st.error)


def test_every_limit_has_an_env_override_and_bad_values_say_what_to_do(monkeypatch):
    from policybot.errors import ConfigError
    from policybot.settings import LIMIT_ENV, Settings

    for name, env in LIMIT_ENV.items():
        monkeypatch.setenv(env, "7")
    s = Settings.from_env()
    assert all(getattr(s, name) == 7 for name in LIMIT_ENV)
    monkeypatch.setenv("POLICYBOT_MAX_HISTORY_TURNS", "many")
    with pytest.raises(ConfigError, match="POLICYBOT_MAX_HISTORY_TURNS"):
        Settings.from_env()
    monkeypatch.setenv("POLICYBOT_MAX_HISTORY_TURNS", "0")
    with pytest.raises(ConfigError, match="greater than 0"):
        Settings.from_env()


def test_the_readme_documents_every_limit():
    from policybot.settings import LIMIT_ENV

    readme = (ROOT / "README.md").read_text("utf-8")
    assert [env for env in LIMIT_ENV.values() if f"`{env}`" not in readme] == []
