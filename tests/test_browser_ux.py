"""The app as its users meet it, in Chromium at a 1366×768 desktop and a
390×844 phone (issue 12): the answer first, citations beside it (desktop)
or right under it (phone), clickable markers, Gradio's own texts in Chinese,
filters that say what they changed, a quote check that marks the changed
characters, readable contrast.

The server, browser and helper functions are those of test_browser.py. With
POLICYBOT_SCREENSHOTS=1 these tests overwrite docs/answer.png,
docs/phone.png and docs/quote-check.png.
"""

from __future__ import annotations

import re

import pytest
from test_browser import (  # noqa: F401 - browser, servers, server, fake_server are fixtures
    QUESTION,
    WAIT_MS,
    ask,
    browser,
    fake_server,
    field,
    open_app,
    open_desk,
    server,
    servers,
    shot,
    sign_in,
)

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
ENGLISH = re.compile(r"processing|Drop File Here|Click to Upload|\bError\b|\bLike\b|Dislike")
TWO_DOCS = "专精特新企业的培育目标是多少家？"  # the fake answers it from 济南 and 淄博


def _page(browser, options: dict):
    # en-US on purpose: the page must be Chinese whatever the browser's language
    context = browser.new_context(locale="en-US", **options)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    return context, pg


@pytest.fixture
def desktop(browser):
    context, pg = _page(browser, DESKTOP)
    yield pg
    context.close()


@pytest.fixture
def phone(browser):
    context, pg = _page(browser, PHONE)
    yield pg
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_page(request, browser):
    context, pg = _page(browser, DESKTOP if request.param == "desktop" else PHONE)
    pg.kind = request.param
    yield pg
    context.close()


def box(locator) -> dict:
    locator.wait_for()
    return locator.bounding_box()


def in_view(page, locator) -> bool:
    b, vp = box(locator), page.viewport_size
    return b["y"] >= -1 and b["y"] + min(b["height"], 40) <= vp["height"] + 1 and b["x"] + b["width"] <= vp["width"] + 1


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"] + 1


# --- 1. the answer is stated first --------------------------------------------------


def test_desktop_first_view_answer_beside_citations_and_markers(desktop, server):
    page = desktop
    open_app(page, server)
    for sel in ("#pb-question textarea", "#pb-send", "#pb-examples button"):
        assert in_view(page, page.locator(sel).first), f"{sel} is below the fold at 1366×768"

    ask(page, QUESTION, 1)
    answer = page.locator("#pb-chat .pb-answer").last
    headline = answer.locator(".pb-headline").first
    expected = server.api("/api/ask", {"question": QUESTION})
    first_line = expected["answer"].split("\n")[0].lstrip("·- ")
    assert re.sub(r"[《》〈〉\s]", "", first_line)[:12] in re.sub(r"[《》〈〉\s]", "", headline.inner_text())
    weight = headline.evaluate("e => parseInt(getComputedStyle(e).fontWeight)")
    size = headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body = answer.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert weight >= 600 and size > body
    # the answer and its citations are both in view, side by side
    card = page.locator("#pb-sources .pb-cite").first
    assert in_view(page, headline) and in_view(page, card)
    assert box(card)["x"] > box(headline)["x"] + box(headline)["width"] - 1
    if server.kind == "real":
        shot(page, "answer.png")

    # a marker opens its citation
    page.locator("#pb-chat .pb-answer .pb-mk").first.click()
    mark = page.locator("#pb-citation mark").first
    mark.wait_for()
    assert in_view(page, mark)

    # 「在全文中查看这一条」 opens the desk at that clause, in view
    page.locator("#pb-open-doc").click()
    focus = page.locator("#pb-doc-view .pb-focus")
    focus.wait_for()
    expect(focus).to_be_in_viewport()


def test_desktop_answer_from_two_documents_is_grouped(desktop, fake_server):
    page = desktop
    open_app(page, fake_server)
    ask(page, TWO_DOCS, 1)
    groups = page.locator("#pb-chat .pb-answer .pb-group")
    expect(groups).to_have_count(2)
    assert "济南" in groups.nth(0).locator(".pb-group-head").inner_text()
    assert "淄博" in groups.nth(1).locator(".pb-group-head").inner_text()
    assert groups.nth(1).locator(".pb-mk").count() >= 1


# --- 2. the phone ---------------------------------------------------------------------


def test_phone_citations_under_the_answer_and_markers_scroll(phone, server):
    page = phone
    open_app(page, server)
    ask(page, QUESTION, 1)
    answer = page.locator("#pb-chat .pb-answer").last
    card = page.locator("#pb-sources .pb-cite").first
    # citations come right after the chat, before the question box
    assert box(answer)["y"] < box(card)["y"] < box(page.locator("#pb-question"))["y"]
    assert in_view(page, answer.locator(".pb-headline").first)
    # the chat's own label does not sit on the text
    labels = page.locator("#pb-chat [data-testid='block-label']").locator("visible=true")
    assert labels.count() == 0
    no_sideways_scroll(page)
    if server.kind == "real":
        shot(page, "phone.png")

    page.evaluate("window.scrollTo(0, 0)")
    answer.locator(".pb-mk").first.tap()
    citation = page.locator("#pb-citation mark").first
    citation.wait_for()
    page.wait_for_timeout(300)  # the smooth part of the scroll
    assert in_view(page, card) or in_view(page, citation)


def test_phone_desk_tabs_table_and_feedback_log(phone, fake_server):
    page = phone
    open_app(page, fake_server)
    ask(page, "济南对智能化改造有什么补助？", 1)
    ask(page, "那数字化车间呢？", 2)
    page.locator("#pb-comment textarea").fill("追问的回答不完整")
    page.locator("#pb-rate-down").click()
    page.get_by_text("已记录你的评价").wait_for()

    page.get_by_role("tab", name="核对引用").click()
    for name in ("文件浏览", "条款检索", "引用核对", "反馈记录", "添加文件"):
        tab = page.get_by_role("tab", name=name)
        expect(tab).to_be_visible()
        assert in_view(page, tab)
    assert page.locator("button[aria-label='More tabs']").locator("visible=true").count() == 0
    validity = page.locator("#pb-doc-table th", has_text="效力")
    assert in_view(page, validity), "the 效力 column is cut off"

    sign_in(page)  # the log is for signed-in officials
    page.get_by_role("tab", name="反馈记录").click()
    page.locator("#pb-fb-refresh").click()
    card = page.locator("#pb-fb-table .pb-fb-card").first
    expect(card).to_contain_text("那数字化车间呢？")
    expect(card).to_contain_text("之前的问题")
    expect(card).to_contain_text("济南对智能化改造有什么补助？")
    assert box(card)["width"] <= 390
    page.locator("#pb-fb-export").click()
    link = page.locator("#pb-fb-csv a, #pb-fb-csv [download]").first
    link.wait_for()
    page.wait_for_timeout(300)
    assert in_view(page, link)
    no_sideways_scroll(page)


# --- 3. Chinese throughout -------------------------------------------------------------


def test_gradio_texts_are_chinese(desktop, fake_server):
    page = desktop
    open_app(page, fake_server)
    assert "英文" in page.locator("#pb-header").inner_text()  # the /docs link says the API docs are English
    ask(page, QUESTION, 1)
    like = page.locator("#pb-chat .message-buttons-bot button, #pb-chat [class*=message-buttons] button")
    labels = [like.nth(i).get_attribute("aria-label") or "" for i in range(like.count())]
    assert "赞" in labels and "Like" not in labels and "Dislike" not in labels, labels
    page.locator("#pb-send").click()  # an empty question: an error
    expect(page.locator("[data-testid='toast-text']").first).to_contain_text("问题是空的")
    page.wait_for_timeout(300)
    assert not ENGLISH.search(page.locator("body").inner_text()), ENGLISH.search(page.locator("body").inner_text())

    page.get_by_role("tab", name="核对引用").click()
    sign_in(page)
    drop = page.locator("#pb-upload-file")
    drop.locator("visible=true").wait_for()
    text = drop.inner_text()
    assert not ENGLISH.search(text) and re.search(r"[拖放上传]", text), text


# --- 5. filters and the quote check ----------------------------------------------------


def test_filters_say_what_they_changed(any_page, fake_server):
    page = any_page
    open_app(page, fake_server)
    page.locator("#pb-region input").click()
    page.get_by_role("option", name="淄博市", exact=True).click()
    ask(page, "济南对整体车间智能化改造项目给多少补助？", 1)
    note = page.locator("#pb-chat .pb-filter-note").last
    expect(note).to_contain_text("地区＝淄博市")
    expect(note).to_contain_text("济南")

    page.locator("#pb-region input").click()
    page.get_by_role("option", name="全部地区", exact=True).click()
    page.locator("#pb-doc-filter input").click()
    page.get_by_role("option", name=re.compile("关于加快先进制造业集群")).click()
    ask(page, "淄博专精特新小巨人企业培育目标是多少？", 2)
    note = page.locator("#pb-chat .pb-filter-note").last
    expect(note).to_contain_text("只看")
    expect(note).to_contain_text("没有找到依据")

    # a long title stops before the dropdown's arrow
    page.locator("#pb-doc-filter input").click()
    page.get_by_role("option", name=re.compile("济南市推进新型工业化三年行动计划")).click()
    gap = page.locator("#pb-doc-filter").evaluate(
        """el => { const i = el.querySelector('input'); const a = el.querySelector('.icon-wrap, svg');
                   const r = i.getBoundingClientRect(), s = getComputedStyle(i);
                   return a.getBoundingClientRect().left - (r.right - parseFloat(s.paddingRight)); }"""
    )
    assert gap >= -1, f"the text runs {-gap:.0f}px under the arrow"


# a real sentence with one figure changed (15% -> 10%), for each service
CHANGED = {
    "fake": "对整体车间智能化改造项目，按设备投资额的10%给予补助，最高不超过500万元。",
    "real": "对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、10% 和 20% 的奖补",
}


def test_quote_check_marks_changed_characters(any_page, server):
    page = any_page
    open_app(page, server)
    open_desk(page, "引用核对")
    page.locator("#pb-quote-in textarea").fill(CHANGED[server.kind])
    page.locator("#pb-quote-btn").click()
    view = page.locator("#pb-quote-view")
    view.locator(".pb-verdict").wait_for()
    expect(view.locator(".pb-diff del").first).to_have_text("0")
    expect(view.locator(".pb-diff ins").first).to_have_text("5")
    assert in_view(page, view.locator(".pb-diff ins").first)
    if page.kind == "desktop" and server.kind == "real":
        shot(page, "quote-check.png")


# --- 6. smaller -------------------------------------------------------------------------


def test_departments_by_region_and_hits_titled_by_document(desktop, fake_server):
    page = desktop
    open_app(page, fake_server)
    open_desk(page, "条款检索")
    page.locator("#pb-dept input").click()
    options = [o.strip() for o in page.get_by_role("option").all_inner_texts()]
    named = [o for o in options if " · " in o]
    assert named and all(o.split(" · ")[0] in {"济南市", "济南市市中区", "淄博市", "济宁市", "泛指"} for o in named), options
    vague = [i for i, o in enumerate(named) if o.startswith("泛指")]
    assert vague and vague == list(range(len(named) - len(vague), len(named))), "vague names go last"
    page.get_by_role("option", name="淄博市 · 市工业和信息化局").click()
    page.locator("#pb-search-btn").click()
    hits = page.locator("#pb-hits .pb-hit")
    hits.first.wait_for()
    for i in range(hits.count()):  # titled with the document, then where it stands
        title = hits.nth(i).locator(".pb-title").inner_text()
        where = hits.nth(i).locator(".pb-sub").first.inner_text()
        assert title.startswith("《") and title.endswith("》"), title
        assert where.startswith("淄博市 · ") and len(where) > len("淄博市 · "), where  # region · clause path


CONTRAST_JS = """
els => els.filter(e => e.offsetParent && e.textContent.trim()).map(e => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  let bg = null, n = e;
  while (n && n.nodeType === 1) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; } n = n.parentElement; }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(e).color).slice(0, 3);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return [e.className + ': ' + e.textContent.trim().slice(0, 20), (a + 0.05) / (b + 0.05)];
})
"""


def test_metadata_text_is_readable(desktop, fake_server):
    page = desktop
    open_app(page, fake_server)
    ask(page, QUESTION, 1)
    page.locator("#pb-sources .pb-cite").first.click()
    page.locator("#pb-citation .pb-path").wait_for()
    selectors = ".pb-sub, .pb-path, .pb-intro p, .pb-n, .pb-duties, .pb-source, .pb-badge, .pb-mk, .pb-understood, .pb-note"
    ratios = page.locator(selectors).evaluate_all(CONTRAST_JS)
    assert ratios
    low = [(what, round(r, 2)) for what, r in ratios if r < 4.5]
    assert not low, f"below WCAG AA 4.5:1: {low}"


def test_out_of_scope_city_lists_nothing_as_related(desktop, servers):
    server = servers("real")
    page = desktop
    open_app(page, server)
    ask(page, "青岛对企业整车间智能化改造补贴多少？", 1)
    expect(page.locator("#pb-chat .pb-answer").last).to_contain_text("青岛")
    expect(page.locator("#pb-sources")).to_contain_text("不作答")
    assert page.locator("#pb-sources .pb-related").count() == 0
    assert "可能相关" not in page.locator("#pb-chat").inner_text()
