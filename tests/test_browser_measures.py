"""The eligibility form and the desk's measures table in a real browser
(the fixtures and helpers of test_browser.py). With POLICYBOT_SCREENSHOTS=1
they write docs/match.png and docs/measures.png."""

from __future__ import annotations

import pytest
from test_browser import browser, fake_server, field, open_app, page, servers, shot  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]


def test_eligibility_form_shows_the_amount_and_its_working(page, fake_server):  # noqa: F811
    open_app(page, fake_server)
    page.get_by_role("tab", name="算一算").click()
    field(page, "pb-m-project").fill("整体车间智能化改造")
    field(page, "pb-m-investment").fill("6000")
    page.locator("#pb-m-go").click()
    results = page.locator("#pb-m-results")
    results.locator(".pb-working").first.wait_for()
    text = results.inner_text()
    assert "500万元" in text and "6000万元 × 15% = 900万元" in text, text
    marks = [m.inner_text() for m in results.locator("mark.pb-f-rate").all()]
    assert "15%" in marks  # the rate is shown where the clause says it
    shot(page, "match.png")


def test_measures_table_opens_a_clause_and_takes_a_wrong_mark(page, fake_server):  # noqa: F811
    from policybot.web.feedback import FeedbackStore

    open_app(page, fake_server)
    page.get_by_role("tab", name="核对引用").click()
    page.get_by_role("tab", name="支持措施").click()
    table = page.locator("#pb-ms-table")
    table.locator("[data-cite]").first.wait_for()
    rate_row = table.locator("tr", has_text="15%").locator("[data-cite]").first
    rate_row.click()
    detail = page.locator("#pb-ms-detail")
    detail.locator(".pb-measure-text mark.pb-f-rate").first.wait_for()
    assert detail.locator(".pb-measure-text mark.pb-f-rate").first.inner_text() == "15%"
    field(page, "pb-ms-comment").fill("上限应为500万元")
    page.locator("#pb-ms-wrong").click()
    page.locator("#pb-ms-status .pb-ok").wait_for()
    rows = FeedbackStore(fake_server.settings.feedback_db).list(rating="wrong_measure")
    assert rows and rows[0].comment == "上限应为500万元" and rows[0].citations[0]["measure"]["rate"]["text"] == "15%"
    shot(page, "measures.png")
