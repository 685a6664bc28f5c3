"""The HTML of the eligibility results and the measures table (pure
renderers, fed by hand); the wrong mark goes into the feedback store."""

from __future__ import annotations

from policybot.measures import extract
from policybot.types import Clause
from policybot.web.feedback import RATINGS, FeedbackStore, write_csv
from policybot.web.measures_ui import WRONG, highlighted, measure_detail_html, measures_table_html

TEXT = "对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、15% 和 20% 的<b>奖补</b>，单个企业最高不超过 2000 万元。"


def clause() -> Clause:
    return Clause("d:1", "d", 0, "clause", ("7.",), "7.", TEXT, 0, len(TEXT), 0, len(TEXT))


def test_every_field_is_marked_and_the_text_is_escaped():
    ms, _ = extract(clause())
    html = measure_detail_html(ms[1], TEXT, "标题", "四、 › 7.")
    assert '<mark class="pb-f pb-f-rate" title="比例">15%</mark>' in html
    assert '<mark class="pb-f pb-f-case" title="情形">整车间</mark>' in html
    assert '<mark class="pb-f pb-f-cap" title="上限">2000 万元</mark>' in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_highlight_keeps_the_text_whole():
    ms, _ = extract(clause())
    import re

    plain = re.sub(r"<[^>]+>", "", highlighted(TEXT, ms[0].spans()))
    assert plain.replace("&lt;", "<").replace("&gt;", ">") == TEXT


def test_table_rows_open_their_measure():
    ms, _ = extract(clause())
    html = measures_table_html([(m, "济南市", "标题", "") for m in ms])
    assert html.count("data-cite=") == 3 and "共 3 项" in html
    assert measures_table_html([]).startswith('<div class="pb-empty">')


def test_wrong_mark_is_stored_and_exported(tmp_path):
    assert WRONG in RATINGS
    store = FeedbackStore(tmp_path / "fb.sqlite")
    store.add(question="措施核对：奖补 整车间", history=[], answer="…", citations=[{"n": 1, "clause_id": "d:1"}], rating=WRONG, comment="应为15%")
    rows = store.list(rating=WRONG)
    assert len(rows) == 1 and rows[0].rating_label == "措施有误"
    path = write_csv(rows, tmp_path / "out")
    assert "措施有误" in path.read_text(encoding="utf-8-sig")


def test_form_values_become_a_profile():
    import pytest

    from policybot.errors import PolicybotError
    from policybot.web.measures_ui import profile_of

    p = profile_of("济南市", "", "", "", "整车间智能化改造", "3000", "企业技术中心", "国家级", True, "不裁员，参保企业", "25亿元", "18亿元")
    assert p.projects[0].investment == 3000 and p.certifications[0].new and p.facts == ("不裁员", "参保企业")
    assert (p.revenue, p.revenue_before) == (250000, 180000)
    with pytest.raises(PolicybotError, match="计划投资"):
        profile_of("", "", "", "", "改造", "很多", "", "", False, "")
