"""Sign-in guards the feedback log, its export and uploads on the server:
through Gradio's queue API and its upload route, not only by hiding parts
of the page; sign-in lockout; no internal reprs in errors; the API's
400/503 answers (issue 11)."""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
from web_fakes import FakeService

from policybot.errors import BusyError
from policybot.settings import Settings

ADMIN = ("official", "correct-horse-battery")
QUESTION = "我们在济南搞智能化改造，整个车间改造能补多少？"


@pytest.fixture(scope="module")
def app_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from policybot.web import create_app
    from policybot.web.feedback import FeedbackStore

    settings = Settings(state_dir=tmp_path_factory.mktemp("state"), admin_user=ADMIN[0], admin_password=ADMIN[1])
    FeedbackStore(settings.feedback_db).add(
        question="私人问题：我们公司营收8000万", history=["之前的问题"], answer="答", citations=[], rating="down",
        comment="用户的评论",
    )
    with TestClient(create_app(FakeService(), settings), raise_server_exceptions=False) as c:
        c.fn = {d["api_name"]: i for i, d in enumerate(c.get("/config").json()["dependencies"])}
        yield c


def call(client, api_name: str, data: list, session: str | None = None, cookies: dict | None = None) -> dict:
    """One call through /gradio_api/queue/join, as any script could make it."""
    session = session or uuid.uuid4().hex[:11]
    body = {"data": data, "fn_index": client.fn[api_name], "session_hash": session, "event_data": None, "trigger_id": None}
    r = client.post("/gradio_api/queue/join", json=body, cookies=cookies)
    assert r.status_code == 200, r.text
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}, cookies=cookies) as resp:
        for line in resp.iter_lines():
            if '"process_completed"' in line:
                return json.loads(line.removeprefix("data:"))
    raise AssertionError("no result")


def sign_in(client) -> tuple[str, str]:
    session = uuid.uuid4().hex[:11]
    out = call(client, "on_signin", list(ADMIN), session)
    assert out["success"], out
    token = out["output"]["data"][4]
    assert token
    return session, token


def test_the_feedback_log_is_not_readable_through_the_queue_without_signing_in(app_client):
    out = call(app_client, "on_feedback", ["", ""])
    assert "私人问题" not in json.dumps(out, ensure_ascii=False)
    assert out["output"]["data"][0] == ""  # the log (HTML cards) stays empty


def test_the_export_and_an_upload_are_refused_through_the_queue_without_signing_in(app_client):
    for name, data in [("on_export", ["", ""]), ("on_add", [None, "", "", "", "", "", ""])]:
        out = call(app_client, name, data)
        assert out["success"] is False and "请先登录" in out["output"]["error"]


def test_a_signed_in_session_reads_the_log(app_client):
    session, _ = sign_in(app_client)
    out = call(app_client, "on_feedback", ["", ""], session)
    assert "私人问题" in json.dumps(out, ensure_ascii=False)


def test_gradio_upload_route_needs_the_sign_in_cookie(app_client):
    r = app_client.post("/gradio_api/upload", files={"files": ("a.txt", b"hello")})
    assert r.status_code == 401 and "请先登录" in r.json()["error"]
    r = app_client.post("/gradio_api/upload", files={"files": ("a.txt", b"hello")}, cookies={"pb_official": "guessed"})
    assert r.status_code == 401
    _, token = sign_in(app_client)
    r = app_client.post("/gradio_api/upload", files={"files": ("a.txt", b"hello")}, cookies={"pb_official": token})
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [("on_add", [{"path": "/etc/passwd"}, "", "", "", "", "", ""]), ("rate_message", [[], ""]), ("ask", [None, "x", None, None])],
)
def test_a_malformed_queue_call_returns_no_internal_reprs(app_client, name, data):
    out = json.dumps(call(app_client, name, data), ensure_ascii=False)
    for leak in ("input_value", "NoneType", "Traceback", "pydantic", "/etc/passwd", "object at 0x"):
        assert leak not in out


# --- sign-in lockout


def test_failed_sign_ins_lock_out_that_client_only_and_nobody_sleeps(monkeypatch):
    from policybot.web.auth import Officials
    from policybot.web.uploads import UploadError

    sleep, caller = time.sleep, threading.get_ident()

    def no_sleep_here(seconds):  # other threads (a test server's) may sleep; this one must not
        if threading.get_ident() == caller:
            pytest.fail("sign-in must not sleep")
        sleep(seconds)

    monkeypatch.setattr(time, "sleep", no_sleep_here)
    now = [1000.0]
    settings = Settings(admin_user=ADMIN[0], admin_password=ADMIN[1], signin_max_failures=3, signin_lockout_seconds=300)
    officials = Officials(settings, clock=lambda: now[0])
    for _ in range(2):
        with pytest.raises(UploadError, match="用户名或密码不对"):
            officials.sign_in("10.0.0.9", ADMIN[0], "guess", "s1")
    with pytest.raises(UploadError, match="暂停登录"):
        officials.sign_in("10.0.0.9", ADMIN[0], "guess", "s1")
    with pytest.raises(UploadError, match="暂停登录"):  # even the right password, while locked
        officials.sign_in("10.0.0.9", *ADMIN, "s1")
    assert officials.sign_in("10.0.0.7", *ADMIN, "s2")  # another client is not affected
    now[0] += 301
    assert officials.sign_in("10.0.0.9", *ADMIN, "s1")


def test_signing_out_ends_the_session():
    from policybot.web.auth import COOKIE, Officials

    officials = Officials(Settings(admin_user=ADMIN[0], admin_password=ADMIN[1]))
    token = officials.sign_in("c", *ADMIN, "sess")

    class Req:
        session_hash = "sess"
        cookies = {COOKIE: token}

    assert officials.signed_in(Req())
    officials.sign_out(token=token, session_hash="sess")
    assert not officials.signed_in(Req())


# --- the API: bad input is a 400 with the message, busy is a 503 with Retry-After


@pytest.fixture
def api(tmp_path):
    from fastapi.testclient import TestClient

    from policybot.web import create_app

    def make(service):
        return TestClient(create_app(service, Settings(state_dir=tmp_path)), raise_server_exceptions=False)

    return make


def test_a_lone_surrogate_is_a_400_with_the_message(api):
    with api(FakeService()) as c:
        r = c.post("/api/ask", content=b'{"question": "\\ud800abc"}', headers={"content-type": "application/json"})
        assert r.status_code == 400 and "UTF-8" in r.json()["error"]
        r = c.post("/api/ask", content=b'{"question": "q", "history": ["\\udc00"]}', headers={"content-type": "application/json"})
        assert r.status_code == 400 and "UTF-8" in r.json()["error"]


def test_a_zero_width_question_is_a_400(api):
    with api(FakeService()) as c:
        r = c.post("/api/ask", json={"question": "\u200b\u200b"})
    assert r.status_code == 400 and "问题是空的" in r.json()["error"]


def test_busy_is_a_503_with_retry_after(api):
    class Busy(FakeService):
        def ask(self, *a, **kw):
            raise BusyError("服务器正忙：请过几秒再试。", retry_after=3)

    with api(Busy()) as c:
        r = c.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 503
    assert r.headers["Retry-After"] == "3" and "请过几秒再试" in r.json()["error"]


def test_the_api_passes_a_time_budget_to_the_service(api):
    seen = []

    class Records(FakeService):
        def ask(self, *a, budget=None, **kw):
            seen.append(budget)
            return super().ask(*a, **kw)

    with api(Records()) as c:
        assert c.post("/api/ask", json={"question": QUESTION}).status_code == 200
    assert seen and seen[0] is not None and seen[0].seconds == Settings().request_seconds


# --- the upload progress


def test_upload_progress_shows_the_stages_and_an_estimate():
    from policybot.jobs import JobStatus
    from policybot.web.officials import progress_html

    html = progress_html(JobStatus("j", "a.pdf", "进行中", "向量化", 0.45, 20.0, 24.0), "<b>a.pdf</b>")
    for stage in ("读取", "分条", "向量化", "写入索引"):
        assert stage in html
    assert 'class="pb-stage-now">向量化' in html and "✓ 读取" in html
    assert "第 3 步，共 4 步" in html and "24 秒" in html and "45%" in html
    assert "<b>" not in html
