"""The JSON API (FastAPI TestClient over the fake service) and the HTML
rendering that every page goes through."""

from __future__ import annotations

import re

import pytest
from web_fakes import HOSTILE_CLAUSES, HOSTILE_DOC, XSS, FakeService

from policybot.service import QuoteMatch, Validity
from policybot.types import Answer, Citation, Hit

QUESTION = "我们在济南搞智能化改造，整个车间改造能补多少？"


@pytest.fixture(scope="module")
def service() -> FakeService:
    return FakeService(hostile=True)


@pytest.fixture(scope="module")
def client(service, tmp_path_factory):
    from fastapi.testclient import TestClient

    from policybot.settings import Settings
    from policybot.web import create_app

    settings = Settings(state_dir=tmp_path_factory.mktemp("state"))
    with TestClient(create_app(service, settings), raise_server_exceptions=False) as c:
        yield c


# --- /api/ask


def test_ask_returns_exactly_the_answer_json(client, service):
    r = client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200
    assert r.json() == service.ask(QUESTION).to_json()
    body = r.json()
    assert set(body) == {"question", "answer", "refused", "standalone_question", "citations", "related", "notes"}
    assert body["citations"][0]["document"]["title"].startswith("济南市")
    assert re.search(r"\[1\]", body["answer"])


def test_ask_passes_history_and_filters(client, service):
    r = client.post(
        "/api/ask", json={"question": "那数字化车间呢？", "history": [QUESTION], "region": "济南市", "doc_id": "jinan-demo-2023-plan"}
    )
    assert r.status_code == 200
    assert service.asked[-1] == ("那数字化车间呢？", (QUESTION,), "济南市", "jinan-demo-2023-plan")
    assert r.json()["standalone_question"] != "那数字化车间呢？"


def test_ask_by_get_matches_post(client):
    got = client.get("/api/ask", params={"question": QUESTION})
    posted = client.post("/api/ask", json={"question": QUESTION})
    assert got.status_code == 200
    assert got.json() == posted.json()


def test_ask_by_get_takes_repeated_history(client, service):
    client.get("/api/ask", params=[("question", "那呢？"), ("history", "第一问"), ("history", "第二问")])
    assert service.asked[-1][1] == ("第一问", "第二问")


def test_refused_answer_lists_related_clauses(client):
    body = client.post("/api/ask", json={"question": "青岛的海洋牧场有什么补贴政策"}).json()
    assert body["refused"] is True
    assert body["citations"] == []


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_a_400_with_the_message(client, question):
    r = client.post("/api/ask", json={"question": question})
    assert r.status_code == 400
    assert set(r.json()) == {"error"} and r.json()["error"].startswith("问题是空的：请输入")


def test_too_long_question_is_a_400(client):
    from policybot.settings import Settings

    limit = Settings().max_question_chars
    r = client.post("/api/ask", json={"question": "长" * (limit + 1)})
    assert r.status_code == 400
    assert str(limit) in r.json()["error"]


@pytest.mark.parametrize("body", [{}, {"question": 3}, {"question": "x", "history": "not a list"}])
def test_malformed_request_is_a_422_json_error(client, body):
    r = client.post("/api/ask", json=body)
    assert r.status_code == 422
    assert set(r.json()) == {"error"}
    assert "Traceback" not in r.text


def test_missing_get_question_is_a_422(client):
    r = client.get("/api/ask")
    assert r.status_code == 422
    assert "question" in r.json()["error"]


def test_unexpected_failure_is_a_500_without_traceback(service, tmp_path):
    from fastapi.testclient import TestClient

    from policybot.settings import Settings
    from policybot.web import create_app

    class Broken(FakeService):
        def ask(self, *a, **kw):
            raise RuntimeError("secret internal detail /srv/index")

    with TestClient(create_app(Broken(), Settings(state_dir=tmp_path)), raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 500
    assert "secret" not in r.text and "Traceback" not in r.text
    assert set(r.json()) == {"error"}


# --- /api/clauses, /api/documents


def test_clause_with_colon_in_id(client, service):
    clause, doc = service.clause("jinan-demo-2023-plan:0001")
    r = client.get("/api/clauses/jinan-demo-2023-plan:0001")
    assert r.status_code == 200
    body = r.json()
    assert body["clause"] == clause.to_json()
    assert body["document"] == doc.to_json()
    assert body["validity"] == {"status": "expired", "text": "已到期（2023—2025年）", "expired": True}


def test_clause_id_url_encoded_colon(client):
    assert client.get("/api/clauses/jinan-demo-2023-plan%3A0001").status_code == 200


@pytest.mark.parametrize("clause_id", ["nope:0001", "jinan-demo-2023-plan:9999", "a/b:c"])
def test_unknown_clause_is_a_404_json_message(client, clause_id):
    r = client.get(f"/api/clauses/{clause_id}")
    assert r.status_code == 404
    assert "no clause" in r.json()["error"]


def test_documents_list_with_validity(client, service):
    body = client.get("/api/documents").json()
    assert [d["id"] for d in body] == [d.doc_id for d in service.documents()]
    by_id = {d["id"]: d for d in body}
    assert by_id["jinan-demo-2023-plan"]["validity"]["expired"] is True
    assert by_id["shizhong-demo-2024-plan"]["validity"]["status"] == "in_force"
    assert by_id["jining-demo-2020-opinions"]["number"] == "济发〔2020〕16号"


def test_openapi_and_docs_are_served(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/clauses/{clause_id}", "/api/documents"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()  # served from this machine


def test_plain_docs_page_without_fastapi_offline(monkeypatch):
    import sys

    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from policybot.web.api import api_router, install_docs

    monkeypatch.setitem(sys.modules, "fastapi_offline", None)  # import fails
    app = FastAPI(docs_url=None, redoc_url=None)
    install_docs(app, "policybot")
    app.include_router(api_router(FakeService()))
    r = TestClient(app).get("/docs")
    assert r.status_code == 200
    assert "POST /api/ask" in r.text
    assert "<script" not in r.text.lower()


def test_the_ui_is_mounted_at_root(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "<html" in r.text.lower()


# --- rendering: nothing from a question, a document or a comment runs


def test_esc_escapes_markup_and_template_syntax():
    from policybot.web.render import esc

    out = esc(XSS)
    assert "<" not in out and ">" not in out and '"' not in out
    assert "${" not in out and "{{" not in out
    assert esc("`x`\\") == "&#96;x&#96;&#92;"


def test_md_text_escapes_html_and_markdown_but_keeps_markers():
    from policybot.web.render import md_text

    out = md_text("<script>alert(1)</script> [a](javascript:alert(1)) 补助500万元[1]，另见[2]。\n# 标题")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "](" not in out  # no link syntax survives
    assert "[1]" in out and "[2]" in out
    assert "\n\\# 标题" in out
    assert md_text("[1]: http://x").startswith("\\[1\\]")  # no link definitions


def test_highlight_marks_the_quote_and_escapes_the_rest():
    from policybot.web.render import highlight

    text = "一、<b>目标</b>。到2025年，培育专精特新企业600家。其他。"
    out = highlight(text, "到2025年，培育专精特新企业600家。")
    assert out == "一、&lt;b&gt;目标&lt;/b&gt;。<mark>到2025年，培育专精特新企业600家。</mark>其他。"
    assert highlight("到2025年，\n培育企业", "到2025年，培育企业") == "<mark>到2025年，\n培育企业</mark>"
    assert highlight("abc", "zzz") == "abc"


def test_hostile_clause_and_document_render_as_text():
    from policybot.web import render

    v = Validity("unstated", "文件未写明有效期<img src=x>")
    clause = HOSTILE_CLAUSES[0]
    outputs = [
        render.clause_html(clause, HOSTILE_DOC, v, quote="脚本测试条款"),
        render.document_html(HOSTILE_DOC, v, HOSTILE_CLAUSES, focus_id=clause.clause_id, quote=XSS),
        render.hits_html([Hit(clause, 1.0, 1)], lambda _id: HOSTILE_DOC),
        render.quote_match_html(QuoteMatch(clause, HOSTILE_DOC, 0, 6, False, 0.7), v),
        render.sources_html(
            Answer(XSS, XSS, False, (Citation(1, clause, HOSTILE_DOC, XSS, 1.0),)), lambda d: v, lambda _id: HOSTILE_DOC
        ),
        render.sources_html(Answer(XSS, XSS, True, related=(Hit(clause, 0.1, 1),)), lambda d: v, lambda _id: HOSTILE_DOC),
        render.notice_html(XSS, kind='"><script>'),
        render.answer_markdown(Answer(XSS, f"{XSS}\n{XSS}\n· {XSS}[1]", False, (Citation(1, clause, HOSTILE_DOC, XSS, 1.0),), XSS), XSS),
        render.quote_match_html(QuoteMatch(clause, HOSTILE_DOC, 0, 6, False, 0.7), v, pasted=XSS),
    ]
    for html in outputs:
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
        assert "<b>" not in html and "<i>" not in html
        assert "${" not in html and "{{" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs[0]


def test_answer_markdown_shows_the_rewrite_and_the_refusal():
    from policybot.web.render import answer_markdown

    a = Answer("那数字化车间呢？", "给予50万元奖励[1]。", False, standalone="济南数字化车间有什么奖励？")
    out = answer_markdown(a)
    assert '<p class="pb-understood">理解为：济南数字化车间有什么奖励？</p>' in out
    assert "[1]" in out
    assert "\n\n" not in out  # one HTML block: the chat's Markdown leaves it alone
    assert "理解为" not in answer_markdown(Answer("问", "答", False, standalone="问"))
    assert "没有找到" in answer_markdown(Answer("问", "现有文件中没有依据。", True))


def test_expired_documents_say_so_in_the_sources():
    from policybot.web.render import sources_html

    svc = FakeService()
    answer = svc.ask(QUESTION)
    html = sources_html(answer, svc.validity, svc.document)
    assert "已到期（2023—2025年）" in html
    assert 'data-cite="1"' in html


@pytest.mark.parametrize(("admin", "shown"), [(("", ""), "上传已关闭"), (("official", "pw"), "查看反馈记录需要登录")])
def test_upload_section_says_whether_uploads_are_on(tmp_path, admin, shown):
    from fastapi.testclient import TestClient

    from policybot.settings import Settings
    from policybot.web import create_app

    settings = Settings(state_dir=tmp_path, admin_user=admin[0], admin_password=admin[1])
    with TestClient(create_app(FakeService(), settings)) as c:
        config = c.get("/config")
    assert config.status_code == 200
    assert shown in config.text
    assert "pw" not in config.text.replace("pwa", "")  # the password never reaches the page


# --- /api/match


def test_match_computes_the_amount_with_its_working_and_spans(client, service):
    profile = {"region": "济南市", "projects": [{"kind": "整体车间智能化改造", "investment": "6000万元"}]}
    r = client.post("/api/match", json=profile)
    assert r.status_code == 200
    body = r.json()
    hit = next(e for e in body if e["measure"]["rate"] and e["measure"]["rate"]["text"] == "15%")
    assert hit["amount"] == "500万元" and "6000万元 × 15% = 900万元" in hit["working"] and "500万元上限" in hit["working"]
    clause, _ = service.clause(hit["citation"]["clause_id"])
    for s in hit["citation"]["spans"]:
        assert clause.text[s["start"]:s["end"]] == s["text"]


def test_match_with_a_bad_profile_says_what_to_fix(client):
    r = client.post("/api/match", json={"projects": [{"kind": "整体车间", "investment": "很多"}]})
    assert r.status_code == 400
    assert "3000万元" in r.json()["error"]
