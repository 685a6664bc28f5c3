"""The LLM answerer's reply protocol (``policybot.llm_protocol``): the JSON
form a small model fills, read back as marked text for the same checks, and
the request field that asks the endpoint to hold the model to it; and the
check that a number belongs to the place a sentence names.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY
from fake_openai import FakeOpenAI, Reply, messages, number_of, numbered_clauses

from policybot.answer import ExtractiveAnswerer, problems
from policybot.chain import build_chain
from policybot.errors import ConfigError
from policybot.llm import LLMAnswerer, Source, Untrusted, check_reply, narrow_citations
from policybot.llm_check import NUMBER_OF_ANOTHER_PLACE, place_names
from policybot.llm_protocol import JSON_SYSTEM_PROMPT, TEXT_SYSTEM_PROMPT, as_marked_text, response_format
from policybot.types import Clause, DocumentMeta

Q = "济南整车间智能化改造能补多少？"


def js(*items, **extra) -> str:
    return json.dumps({"sentences": [{"text": t, "sources": s} for t, s in items], **extra}, ensure_ascii=False)


# ---------------------------------------------------------------- reading a reply


def test_json_reply_becomes_one_marked_sentence_per_full_stop():
    reply = js(("整车间按「15%」奖补。最高不超过「2000 万元」", [1]), ("绿色工厂奖励「50 万元」。", [2, 1]))
    assert as_marked_text(reply) == "整车间按「15%」奖补[1]。最高不超过「2000 万元」[1]。\n绿色工厂奖励「50 万元」[2][1]。"


def test_full_stop_inside_a_quote_gets_no_marker():
    assert as_marked_text(js(("条款写「给予奖补。」", [1]))) == "条款写「给予奖补。」[1]。"


@pytest.mark.parametrize(
    "reply,text",
    [
        ('```json\n{"sentences": [{"text": "奖补「15%」", "sources": ["1"]}]}\n```', "奖补「15%」[1]。"),  # fenced, number as text
        ('{"sentences": []}', "无法回答"),  # the JSON way of saying it cannot answer
        ('{"sentences": [{"text": "奖补「15%」", "sources": []}]}', "奖补「15%」"),  # no sources: stays unmarked
        ('{"sentences": ["奖补「15%」"]}', "奖补「15%」"),
        ("整车间按「15%」奖补[1]。", "整车间按「15%」奖补[1]。"),  # free text: unchanged
        ('{"sentences": [{"text": "奖补「15%」", "sources": [1]}, {"text": "最高「2000', "奖补「15%」[1]。\n最高「2000"),  # cut off
        ('{"sentences": [{"text": "奖补「15%」", "sour', "奖补「15%」"),
        ('{"answer": "奖补「15%」"', '{"answer": "奖补「15%」"'),  # not the form asked: read as free text
    ],
    ids=["fenced", "empty list", "no sources", "bare strings", "free text", "cut off", "cut off in the first", "other JSON"],
)
def test_other_reply_shapes(reply, text):
    assert as_marked_text(reply) == text


def test_schema_allows_only_the_listed_numbers():
    fmt = response_format("json_schema", 3)
    item = fmt["json_schema"]["schema"]["properties"]["sentences"]["items"]
    assert item["properties"]["sources"]["items"]["enum"] == [1, 2, 3] and item["properties"]["sources"]["minItems"] == 1
    assert response_format("json_object", 3) == {"type": "json_object"} and response_format("text", 3) is None


# ---------------------------------------------------------------- the guards still judge a JSON reply


def _doc(doc_id: str, region: str) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=f"{region}绿色制造实施方案", issuer=f"{region}人民政府", date="2023-02-06", region=region, level="市")


def _clause(text: str, doc_id: str, i: int = 0) -> Clause:
    return Clause(f"{doc_id}:{i}", doc_id, i, "clause", ("二、目标",), "二、", text, 0, len(text), 0, len(text))


ZB, JN, SZ = _doc("zb", "淄博市"), _doc("jn", "济南市"), _doc("szq", "济南市市中区")
TWO_CITIES = [
    Source(_clause("力争到2025年，建成市级及以上绿色工厂190家左右。", "zb"), ZB, 0.9),
    Source(_clause("到 2022 年创建市级以上绿色工厂 200 家以上。", "jn"), JN, 0.8),
    Source(_clause("到2026年，全区培育绿色工厂 12 家。", "szq"), SZ, 0.7),
]


@pytest.mark.parametrize(
    "reply",
    [
        js(("整车间按「15%」奖补。", [9])),  # an endpoint that ignored the schema
        js(("绿色工厂「300 家」。", [1])),
        js(("绿色工厂是重点[4]。", [1])),  # a marker written into the text
    ],
    ids=["unknown source", "quote not verbatim", "marker in the text"],
)
def test_json_reply_meets_the_same_guards(reply):
    with pytest.raises(Untrusted):
        check_reply(as_marked_text(reply), TWO_CITIES)


# ---------------------------------------------------------------- a number of another place


def test_place_names():
    assert place_names("济南市") == {"济南市", "济南"}
    assert place_names("济南市市中区") == {"济南市市中区", "市中区"}  # no 市中: it stands in 「全市中小企业」


@pytest.mark.parametrize(
    "reply",
    [
        "淄博的目标是 200 家以上，而济南的目标是 200 家以上[1][2]。",  # the real reply's mistake (fixture)
        "济南到 2022 年创建 200 家以上，淄博也是 200 家以上[1][2]。",
        "淄博：190家左右，济南：190家左右[1][2]。",
    ],
)
def test_number_of_another_cited_place_is_rejected(reply):
    with pytest.raises(Untrusted) as e:
        check_reply(reply, TWO_CITIES)
    assert e.value.reason == NUMBER_OF_ANOTHER_PLACE


@pytest.mark.parametrize(
    "reply",
    [
        "淄博到2025年建成190家左右，济南到 2022 年创建 200 家以上[1][2]。",
        "淄博为190家左右[1]；济南为 200 家以上[2]。",
        "济南和淄博的目标分别是 200 家以上和 190 家左右[1][2]。",  # two places in one part: not judged
        "两地分别是 190 家左右和 200 家以上[1][2]。",  # no place named
        "济南到 2022 年创建 200 家以上，其中市中区到2026年培育 12 家[2][3]。",  # a district within the city named
        "济南培育 12 家[2][3]。",  # 市中区 is within 济南市
    ],
)
def test_numbers_of_the_place_named_are_accepted(reply):
    assert check_reply(reply, TWO_CITIES)


# ---------------------------------------------------------------- the request


@pytest.fixture(scope="module")
def server():
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def extractive(service):
    return ExtractiveAnswerer(service.index, service.embeddings, today=TODAY)


def ask(service, server, extractive, respond, fmt: str = ""):
    pytest.importorskip("langchain_openai", reason="the LLM client is the optional extra policybot[llm]")
    server.reset(respond)
    settings = service.settings.with_(llm_base_url=server.url, llm_model="fake-model", llm_response_format=fmt)
    chain = build_chain(service.index, service.embeddings, LLMAnswerer(settings, fallback=extractive, max_retries=0), today=TODAY)
    answer = chain.invoke({"question": Q, "history": []})
    (request,) = server.requests
    return answer, request["body"]


def test_json_reply_is_kept_and_the_request_carries_the_schema(service, server, extractive):
    def respond(body):
        a = number_of(body, "整车间和整工厂的智能化改造项目")
        return Reply(js(("济南对整车间智能化改造项目给予设备投资（含软件）「15%」的奖补，单个企业最高不超过「2000万元」。", [a])))

    answer, body = ask(service, server, extractive, respond)
    assert messages(body)["system"] == JSON_SYSTEM_PROMPT
    enum = body["response_format"]["json_schema"]["schema"]["properties"]["sentences"]["items"]["properties"]["sources"]["items"]["enum"]
    assert enum == sorted(numbered_clauses(body))
    assert not answer.refused and answer.notes == () and problems(answer) == []
    assert "「15%」[1]" in answer.answer and "「2000 万元」[1]" in answer.answer and len(answer.citations) == 1


def test_reply_cut_off_by_the_length_limit_keeps_its_complete_sentences(service, server, extractive):
    def respond(body):
        a = number_of(body, "整车间和整工厂的智能化改造项目")
        whole = js(("整车间智能化改造给予设备投资（含软件）「15%」的奖补。", [a]), ("单个企业最高不超过「2000万元」。", [a]))
        return Reply(whole[: whole.index("单个企业") + 4], finish_reason="length")

    answer, _ = ask(service, server, extractive, respond)
    assert not answer.notes and "「15%」[1]" in answer.answer and "单个企业" not in answer.answer


def test_empty_json_list_is_the_model_saying_it_cannot_answer(service, server, extractive):
    answer, _ = ask(service, server, extractive, lambda body: Reply('{"sentences": []}'))
    assert "无法回答" in answer.notes[0] and "已改用原文摘录" in answer.notes[0]


@pytest.mark.parametrize("fmt,system,expected", [("json_object", JSON_SYSTEM_PROMPT, {"type": "json_object"}), ("text", TEXT_SYSTEM_PROMPT, None)])
def test_other_protocols(service, server, extractive, fmt, system, expected):
    answer, body = ask(service, server, extractive, lambda body: Reply(f"整车间给予设备投资「15%」的奖补[{number_of(body, '整车间和整工厂')}]。"), fmt)
    assert messages(body)["system"] == system and body.get("response_format") == expected
    assert not answer.notes and "「15%」[1]" in answer.answer  # free text is read under every protocol


def test_unknown_protocol_is_a_config_error(service, extractive):
    pytest.importorskip("langchain_openai", reason="the LLM client is the optional extra policybot[llm]")
    settings = service.settings.with_(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_response_format="xml")
    with pytest.raises(ConfigError, match="json_schema"):
        LLMAnswerer(settings, fallback=extractive)


# ---------------------------------------------------------------- citations narrowed to the clauses drawn on


OTHER_TOPIC = [*TWO_CITIES, Source(_clause("对整车间的智能化改造项目，给予设备投资 15% 的奖补。", "jn", 1), JN, 0.6)]


@pytest.mark.parametrize(
    "reply,cited",
    [
        ("淄博力争到2025年建成市级及以上绿色工厂190家左右[1][4]。", [1]),  # [4] is about something else
        ("整车间按「15%」的比例奖补[1][4]。", [4]),  # the quoted clause stays
        ("济南和淄博分别是 200 家以上和 190 家左右[1][2]。", [1, 2]),  # a number from each
        ("绿色工厂与智能化都有支持政策[1][4]。", [1, 4]),  # neither alone: the model's markers stand
    ],
    ids=["one drawn on", "quoted", "a number from each", "neither alone"],
)
def test_citations_narrowed_to_the_clauses_a_sentence_draws_on(reply, cited):
    (s,) = check_reply(reply, OTHER_TOPIC)
    assert sorted(s.cited()) == sorted(dict.fromkeys(s.cites))  # the model's markers, before
    (narrowed,) = narrow_citations([s], OTHER_TOPIC)
    assert sorted(narrowed.cited()) == cited
