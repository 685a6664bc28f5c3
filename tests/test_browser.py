"""The web app in a real browser (headless Debian Chromium via Playwright).

A uvicorn server runs the app in a background thread on a free port, with the
fake service by default; the flows that do not depend on the fake's content
run against the real ``PolicyService`` too, when it exists and its committed
index loads (or always, failing loudly, with POLICYBOT_BROWSER_REAL=1).

With POLICYBOT_SCREENSHOTS=1 the tests overwrite docs/upload.png, docs/chat.png,
docs/citation.png and docs/desk.png. test_browser_ux.py imports the fixtures
and helpers from here.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip with a reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(os.environ.get("POLICYBOT_FIXTURES", ROOT / "tests" / "fixtures"))
SCREENSHOTS = os.environ.get("POLICYBOT_SCREENSHOTS") == "1"
ADMIN = ("official", "correct-horse-battery")
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 20_000  # the longest any single step may take (the real service answers in seconds)

QUESTION = "我们在济南搞智能化改造，整个车间改造能补多少？"
FOLLOW_UP = "那数字化车间呢？"


# --- the server -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, kind: str, service, settings):
        import uvicorn

        from policybot.web import create_app

        self.kind, self.service, self.settings = kind, service, settings
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(service, settings)
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, name=f"uvicorn-{kind}", daemon=True)

    def start(self) -> Server:
        self._thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._server.started:
                try:
                    urllib.request.urlopen(self.url + "/api/health", timeout=2).read()
                    return self
                except OSError:
                    pass
            if not self._thread.is_alive():
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the {self.kind} server did not start on {self.url}")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def api(self, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())


def _real_service(settings):
    """The real service, or the reason it cannot be used."""
    try:
        from policybot.service import PolicyService
    except ImportError:
        return None, "policybot.service.PolicyService does not exist yet"
    try:
        return PolicyService.open(settings), ""
    except Exception as e:  # noqa: BLE001 - any failure to load means: no real run
        return None, f"PolicyService.open failed: {e}"


# Other browser test modules import these fixtures; pytest then holds one copy
# per module, so the session's browser and servers live here, shared.
_SHARED: dict = {}


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (no browser download needed)")
    started: dict[str, Server] = _SHARED.setdefault("servers", {})
    _SHARED["server_users"] = _SHARED.get("server_users", 0) + 1

    def get(kind: str) -> Server:
        if kind in started:
            return started[kind]
        from policybot.settings import Settings

        state = tmp_path_factory.mktemp(f"state-{kind}")
        settings = Settings.from_env(state_dir=state, admin_user=ADMIN[0], admin_password=ADMIN[1], port=0)
        if kind == "fake":
            from web_fakes import FakeService

            service = FakeService(hostile=True)
        else:
            service, why = _real_service(settings)
            if service is None:
                if os.environ.get("POLICYBOT_BROWSER_REAL") == "1":
                    pytest.fail(f"POLICYBOT_BROWSER_REAL=1 but {why}")
                pytest.skip(f"real service not available: {why}")
        started[kind] = Server(kind, service, settings).start()
        return started[kind]

    yield get
    _SHARED["server_users"] -= 1
    if not _SHARED["server_users"]:
        for s in started.values():
            s.stop()
        started.clear()


@pytest.fixture(params=["fake", "real"])
def server(request, servers) -> Server:
    return servers(request.param)


@pytest.fixture
def fake_server(servers) -> Server:
    return servers("fake")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    if "browser" not in _SHARED:  # one Playwright per process: a second one fails inside the first one's loop
        from playwright.sync_api import sync_playwright

        _SHARED["playwright"] = p = sync_playwright().start()
        _SHARED["browser"] = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS, timeout=30_000)
    _SHARED["browser_users"] = _SHARED.get("browser_users", 0) + 1
    yield _SHARED["browser"]
    _SHARED["browser_users"] -= 1
    if not _SHARED["browser_users"]:
        _SHARED.pop("browser").close()
        _SHARED.pop("playwright").stop()


@pytest.fixture
def page(browser, request):
    """A fresh page that fails the test on any dialog (alert = script ran) and
    on any request that leaves this machine (the app must work offline)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    dialogs: list[str] = []
    outside: list[str] = []

    def on_dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    def on_request(r):
        if not re.match(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/", r.url) and not r.url.startswith(("data:", "blob:")):
            outside.append(r.url)

    pg.on("dialog", on_dialog)
    pg.on("request", on_request)
    yield pg
    context.close()
    assert not dialogs, f"a dialog fired, so injected script ran: {dialogs}"
    assert not outside, f"the page tried to reach the internet: {outside}"


# --- helpers ----------------------------------------------------------------------


def open_app(page, server: Server) -> None:
    page.goto(server.url + "/", wait_until="domcontentloaded")
    page.locator("#pb-question textarea").wait_for()


def ask(page, question: str, n_answers: int) -> None:
    page.locator("#pb-question textarea").fill(question)
    page.locator("#pb-send").click()
    answers = page.locator("#pb-chat .pb-answer")  # not the 「正在查找」 message shown meanwhile
    answers.nth(n_answers - 1).wait_for()
    page.locator("#pb-question textarea").and_(page.locator(":not([disabled])")).wait_for()


def field(page, elem_id: str):
    """The text entry of a gr.Textbox (a textarea, or an input for passwords)."""
    return page.locator(f"#{elem_id} textarea, #{elem_id} input").first


def open_desk(page, subtab: str) -> None:
    page.get_by_role("tab", name="核对引用").click()
    page.get_by_role("tab", name=subtab).click()


def sign_in(page) -> None:
    page.get_by_role("tab", name="添加文件").click()
    field(page, "pb-user").fill(ADMIN[0])
    field(page, "pb-password").fill(ADMIN[1])
    page.locator("#pb-signin-btn").click()
    page.locator("#pb-upload-btn").locator("visible=true").wait_for()


def fake_server_feedback(server: Server):
    from policybot.web.feedback import FeedbackStore

    return FeedbackStore(server.settings.feedback_db).list()


def shot(page, name: str, locator=None) -> None:
    if SCREENSHOTS:
        target = locator or page
        target.screenshot(path=str(ROOT / "docs" / name))


# --- the flows --------------------------------------------------------------------


def test_ask_open_citation_and_follow_up(page, server):
    expected = server.api("/api/ask", {"question": QUESTION})
    assert expected["citations"], "the service should cite a clause for the example question"
    open_app(page, server)
    ask(page, QUESTION, 1)
    answer = page.locator("#pb-chat").inner_text()
    assert re.search(r"\[\d+\]", answer), answer
    first = page.locator("#pb-sources .pb-cite").first
    first.wait_for()
    assert expected["citations"][0]["document"]["title"] in page.locator("#pb-sources").inner_text()
    shot(page, "chat.png")

    first.click()
    mark = page.locator("#pb-citation mark").first
    mark.wait_for()
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - a line break inside the quote may differ
    assert squeeze(mark.inner_text()) == squeeze(expected["citations"][0]["quote"])
    shot(page, "citation.png")

    # the whole document, at that clause
    page.locator("#pb-open-doc").click()
    focus = page.locator("#pb-doc-view .pb-focus")
    focus.wait_for()
    assert expected["citations"][0]["label"] in focus.inner_text() or focus.locator("mark").count() == 1

    page.get_by_role("tab", name="问政策").click()
    ask(page, FOLLOW_UP, 2)
    bots = page.locator("#pb-chat [data-testid='bot']")
    second = bots.nth(1).inner_text()
    assert second.strip(), "the follow-up got no answer"
    follow = server.api("/api/ask", {"question": FOLLOW_UP, "history": [QUESTION]})
    if follow["standalone_question"] != FOLLOW_UP:
        assert "理解为" in second


def test_feedback_reaches_the_log(page, fake_server):
    open_app(page, fake_server)
    ask(page, "淄博对专精特新企业有什么培育目标？", 1)
    like = "#pb-chat button[aria-label='Like'], #pb-chat button[aria-label='赞']"  # labels follow the locale
    page.locator(like).first.click()  # the chat's own thumbs
    expect(page.locator("#pb-feedback-status")).to_contain_text("已记录")
    assert fake_server_feedback(fake_server)[0].rating == "up"
    comment = "引用的条款不对 <img src=x onerror=alert(5)>"
    page.locator("#pb-comment textarea").fill(comment)
    page.locator("#pb-rate-wrong_citation").click()
    page.get_by_text("已记录你的评价").wait_for()

    open_desk(page, "反馈记录")
    expect(page.locator("#pb-fb-locked")).to_contain_text("请先在「添加文件」页登录")  # the log needs sign-in
    assert page.locator("#pb-fb-table").locator("visible=true").count() == 0
    sign_in(page)
    page.get_by_role("tab", name="反馈记录").click()
    table = page.locator("#pb-fb-table")
    expect(table).to_contain_text(comment, timeout=WAIT_MS)  # the comment, as text
    assert table.locator("img").count() == 0
    page.locator("#pb-fb-export").click()
    page.locator("#pb-fb-csv a, #pb-fb-csv [download]").first.wait_for()


def test_sign_in_upload_and_find_clauses(page, server):
    pdf = FIXTURES / "zibo-2023-implementation-plan.pdf"
    if not pdf.exists():
        pytest.skip(f"fixture {pdf} is missing (set POLICYBOT_FIXTURES)")
    open_app(page, server)
    open_desk(page, "添加文件")
    field(page, "pb-user").fill(ADMIN[0])
    field(page, "pb-password").fill("wrong")
    page.locator("#pb-signin-btn").click()
    page.get_by_text("用户名或密码不对").wait_for()
    assert page.locator("#pb-upload-btn").locator("visible=true").count() == 0

    field(page, "pb-password").fill(ADMIN[1])
    page.locator("#pb-signin-btn").click()
    page.locator("#pb-upload-btn").locator("visible=true").wait_for()
    # no file: a message that stays until dismissed, and nothing blocks the drop area
    page.locator("#pb-upload-btn").click()
    result = page.locator("#pb-upload-result")
    expect(result).to_contain_text("请先选择要上传的文件", timeout=WAIT_MS)
    page.wait_for_timeout(1500)
    expect(result).to_contain_text("请先选择要上传的文件")
    page.locator("#pb-upload-dismiss").click()
    expect(result).not_to_contain_text("请先选择要上传的文件")
    page.locator("#pb-upload-file").click(trial=True)  # clickable: no layer over it

    page.locator("#pb-upload-file input[type=file]").set_input_files(str(pdf))
    # the widget shows the name once Gradio has received the file (slow on a loaded machine)
    page.locator("#pb-upload-file").get_by_text("zibo-2023-implementation-plan.pdf").first.wait_for(timeout=60_000)
    page.locator("#pb-upload-btn").click()
    if server.kind == "real":  # the PDF holds the same text as the shipped zibo document
        result.get_by_text("已在索引中").wait_for(timeout=120_000)
        doc_id = "zibo-2023-advanced-manufacturing-plan"
    else:
        # under way: the stages with the current one marked, a bar and an estimate
        expect(result.locator(".pb-stage-now")).to_have_text("向量化", timeout=WAIT_MS)
        expect(result).to_contain_text("添加期间仍可正常提问")
        result.scroll_into_view_if_needed()
        shot(page, "upload.png")
        result.get_by_text("已添加").wait_for(timeout=60_000)
        assert "淄政字〔2023〕7号" in result.inner_text()
        doc_id = "zibo-2023-implementation-plan"
    # the header counts every document, the new one included, and never a duplicate twice
    expect(page.locator("#pb-doc-list")).to_contain_text(f"全部文件（{len(server.service.documents())}）")
    page.get_by_role("tab", name="文件浏览").click()
    page.locator(f'#pb-doc-table [data-doc="{doc_id}"]').click()
    expect(page.locator("#pb-doc-view .pb-tree")).to_contain_text("创新平台扩量提升工程")

    page.get_by_role("tab", name="条款检索").click()
    field(page, "pb-keyword").fill("创新平台扩量提升工程")
    page.locator("#pb-search-btn").click()
    hits = page.locator("#pb-hits .pb-hit")
    hits.first.wait_for()
    assert "先进制造业强市实施方案" in page.locator("#pb-hits").inner_text()


def test_script_in_question_and_clause_stays_text(page, fake_server):
    open_app(page, fake_server)
    question = "<script>alert(1)</script><img src=x onerror=alert(6)> 脚本测试条款是什么？"
    ask(page, question, 1)
    chat = page.locator("#pb-chat")
    assert "<script>alert(1)</script>" in chat.inner_text()
    assert chat.locator("img[src=x]").count() == 0
    page.locator("#pb-sources .pb-cite").first.click()
    citation = page.locator("#pb-citation")
    citation.locator("mark").first.wait_for()
    assert "<script>alert(1)</script>" in citation.inner_text()
    assert "${alert(3)}" in citation.inner_text()
    assert citation.locator("script, img").count() == 0
    page.wait_for_timeout(300)  # give any injected handler a chance to fire


def test_quote_check_and_desk(page, server):
    open_app(page, server)
    open_desk(page, "文件浏览")
    tree = page.locator("#pb-doc-view .pb-tree")
    tree.wait_for()
    nodes = page.locator("#pb-doc-view .pb-node:not(.pb-heading)")
    nodes.first.wait_for()
    with_duties = nodes.filter(has_text="责任单位")
    (with_duties.first if with_duties.count() else nodes.first).click()
    page.locator("#pb-clause-view .pb-clause-text").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "desk.png")

    clause_text = page.locator("#pb-clause-view .pb-clause-text").inner_text().strip()
    sentence = clause_text.split("。")[0][-40:]
    page.get_by_role("tab", name="引用核对").click()
    page.locator("#pb-quote-in textarea").fill(sentence)
    page.locator("#pb-quote-btn").click()
    page.locator("#pb-quote-view .pb-verdict").wait_for()
    assert "原文一致" in page.locator("#pb-quote-view").inner_text()
    assert sentence in page.locator("#pb-quote-view mark").inner_text()

    page.locator("#pb-quote-in textarea").fill("所有企业每年无条件领取一亿元补贴并免征全部税款")
    page.locator("#pb-quote-btn").click()
    page.get_by_text("未在任何文件中找到这句话").wait_for()


def test_refusal_shows_related_clauses_and_filters_reach_the_service(page, fake_server):
    open_app(page, fake_server)
    page.locator("#pb-region input").click()
    page.get_by_role("option", name="济南市", exact=True).click()
    ask(page, "青岛对智能工厂有补贴吗？海洋牧场渔业养殖怎么申请", 1)
    # the filtered question (the app also asks it unfiltered, to say what the filter changed)
    assert "济南市" in [a[2] for a in fake_server.service.asked[-2:]]
    assert "没有找到能回答这个问题的条款" in page.locator("#pb-chat").inner_text()
    sources = page.locator("#pb-sources")
    expect(sources).to_contain_text("可能相关")
    assert sources.locator(".pb-cite").count() == 0  # related clauses are not citations
    sources.locator(".pb-related").first.click()
    expect(page.locator("#pb-citation")).to_contain_text("不是回答的依据")


def test_errors_reach_the_user_as_messages(page, fake_server):
    open_app(page, fake_server)
    page.locator("#pb-send").click()
    toast = page.locator("[data-testid='toast-text']")
    expect(toast.first).to_contain_text("问题是空的")
    assert "Traceback" not in page.content()
    assert page.locator("#pb-chat [data-testid='bot']").count() == 0


def test_new_conversation_forgets_the_history(page, fake_server):
    asked = fake_server.service.asked
    open_app(page, fake_server)
    ask(page, QUESTION, 1)
    ask(page, FOLLOW_UP, 2)
    assert asked[-1][:2] == (FOLLOW_UP, (QUESTION,))
    page.locator("#pb-reset").click()
    expect(page.locator("#pb-chat [data-testid='bot']")).to_have_count(0)
    ask(page, "济宁新能源产业集群归哪个部门牵头？", 1)
    assert asked[-1][:2] == ("济宁新能源产业集群归哪个部门牵头？", ())


def test_api_docs_work_offline(page, fake_server):
    page.goto(fake_server.url + "/docs", wait_until="networkidle")
    expect(page.locator("body")).to_contain_text("/api/ask")
