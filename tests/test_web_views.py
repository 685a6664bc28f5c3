"""The pure pieces of the web views: how an answer reads (headline, groups,
markers), what the filters changed, the quote check's character diff, book
titles, departments by region, the feedback log, the Chinese page."""

from __future__ import annotations

from policybot.service import QuoteMatch, Validity
from policybot.types import Answer, Citation
from policybot.web import render
from policybot.web.answer_view import answer_blocks, answer_html, filter_note
from policybot.web.desk_view import department_choices, feedback_html, is_vague, parse_department
from policybot.web.feedback import Feedback
from web_fakes import CLAUSES, DOCS

JINAN, SHIZHONG, ZIBO, JINING = DOCS
TWO_CITIES = (
    "济南最高补15%，淄博按项目定。\n"
    "【济南市】《济南市推进新型工业化三年行动计划（2023—2025年）》\n"
    "· 「按设备投资额的15%给予补助」[1]\n"
    "· 「最高不超过500万元」[1]\n"
    "【淄博市】《淄博市先进制造业强市实施方案（2023—2025年）》\n"
    "· 「培育省级以上专精特新中小企业600家」[2]\n"
    "所定目标截至2025年，该年份已过。"
)


def _cite(n: int, doc_index: int) -> Citation:
    doc = DOCS[doc_index]
    clause = next(c for c in CLAUSES[doc.doc_id] if c.kind != "heading")
    return Citation(n, clause, doc, clause.text[:10], 1.0)


def test_the_first_line_is_the_headline_and_quotes_group_by_document():
    blocks = answer_blocks(TWO_CITIES)
    assert [b.kind for b in blocks] == ["headline", "group", "group", "note"]
    assert blocks[0].text == "济南最高补15%，淄博按项目定。"
    assert blocks[1].text.startswith("【济南市】") and len(blocks[1].items) == 2
    assert blocks[2].text.startswith("【淄博市】") and blocks[2].items == ("「培育省级以上专精特新中小企业600家」[2]",)
    assert blocks[3].text.startswith("所定目标")


def test_a_headline_that_is_a_document_line_still_leads():
    blocks = answer_blocks("【济南市】《计划》\n· 「补助15%」[1]\n【淄博市】《方案》\n· 「600家」[2]")
    assert [(b.kind, b.lead) for b in blocks] == [("group", True), ("group", False)]
    assert blocks[0].text == "【济南市】《计划》" and blocks[0].items == ("「补助15%」[1]",)
    html = answer_html(Answer("问", "【济南市】《计划》\n· 「补助15%」[1]", False, (_cite(1, 0),)))
    assert '<h4 class="pb-group-head pb-headline">【济南市】《计划》</h4>' in html


def test_markers_become_buttons_only_for_real_citations():
    a = Answer("问", TWO_CITIES, False, (_cite(1, 0), _cite(2, 2)))
    html = answer_html(a)
    assert html.count('class="pb-mk pb-mk-1"') == 2 and html.count('class="pb-mk pb-mk-2"') == 1
    assert '<p class="pb-headline">济南最高补15%，淄博按项目定。</p>' in html
    assert html.count('<section class="pb-group">') == 2
    lone = answer_html(Answer("问", "答[7]", False, (_cite(1, 0),)))
    assert "[7]" in lone and "pb-mk-7" not in lone


def test_nested_book_titles_and_verbatim_quotes():
    assert render.book_title("《济南市工业强市三年行动计划》执行情况评估报告") == "《〈济南市工业强市三年行动计划〉执行情况评估报告》"
    assert render.book_titles("《a》和《b》") == "《a》和《b》"
    html = answer_html(Answer("问", "《《计划》评估报告》\n· 「依据《《x》》办理」[1]", False, (_cite(1, 0),)))
    assert "《〈计划〉评估报告》" in html
    assert "「依据《《x》》办理」" in html  # quotes are never altered


def test_filter_note_says_what_the_filter_left_out():
    jinan = Answer("q", "a[1]", False, (_cite(1, 0),))
    zibo = Answer("q", "a[1]", False, (_cite(1, 2),))
    note = filter_note(zibo, jinan, region="淄博市")
    assert "地区＝淄博市" in note and JINAN.title in note
    assert filter_note(zibo, zibo, region="淄博市") == ""
    assert filter_note(zibo, None) == ""


def test_a_refusal_names_the_active_document_filter():
    refused = Answer("q", "未能找到。", True)
    note = filter_note(refused, Answer("q", "a[1]", False, (_cite(1, 0),)), doc_title=ZIBO.title)
    assert ZIBO.title in note and "没有找到依据" in note and JINAN.title in note
    assert "没有找到依据" in filter_note(refused, refused, doc_title=ZIBO.title)


def test_char_diff_marks_the_changed_characters():
    yours, theirs = render.char_diff("按设备投资额的10%给予补助", "按设备投资额的15%给予补助")
    assert yours == "按设备投资额的1<del>0</del>%给予补助"
    assert theirs == "按设备投资额的1<ins>5</ins>%给予补助"
    clause = CLAUSES[JINAN.doc_id][1]
    start = clause.text.index("按设备")
    m = QuoteMatch(clause, JINAN, start, start + len("按设备投资额的15%给予补助"), False, 0.9)
    html = render.quote_match_html(m, Validity("unstated", "未写明"), pasted="按设备投资额的10%给予补助")
    assert "<del>0</del>" in html and "<ins>5</ins>" in html
    exact = render.quote_match_html(QuoteMatch(clause, JINAN, start, start + 5, True, 1.0), None, pasted="按设备投资")
    assert "<del>" not in exact and "<ins>" not in exact


def test_departments_grouped_by_region_with_vague_names_apart():
    pairs = [("淄博市", "市财政局"), ("济南市", "市财政局"), ("济南市", "功能区"), ("济宁市", "有关县市区"), ("济南市", "各区县政府")]
    choices = department_choices(pairs, ["济南市", "济宁市", "淄博市"])
    assert [label for label, _ in choices] == [
        "济南市 · 市财政局",
        "淄博市 · 市财政局",
        "泛指 · 功能区",
        "泛指 · 各区县政府",
        "泛指 · 有关县市区",
    ]
    assert parse_department(choices[1][1]) == ("淄博市", "市财政局")
    assert parse_department(choices[2][1]) == ("", "功能区")
    assert parse_department("市科技局") == ("", "市科技局")  # typed by hand
    assert not is_vague("人民银行济南分行营业管理部") and not is_vague("国网济南供电公司")


def test_documents_table_lets_minor_columns_give_way():
    html = render.documents_table_html(DOCS, lambda d: Validity("unstated", "未写明"))
    assert html.count('<th class="pb-opt">') == 3
    assert "<th class=\"\">效力</th>" in html


def test_feedback_log_shows_a_follow_up_with_its_conversation():
    f = Feedback(1, "2026-01-15T10:00:00", "这个归哪个部门管？", ("济南智能化改造补多少？",), "答<b>", (), "down", "<i>不对</i>", "v1")
    html = feedback_html([f])
    assert "之前的问题" in html and "济南智能化改造补多少？" in html
    assert "这个归哪个部门管？" in html and "&lt;i&gt;不对&lt;/i&gt;" in html and "<b>" not in html
    assert "之前的问题" not in feedback_html([Feedback(2, "2026-01-15T10:00:00", "问", (), "答", (), "up", "", "v1")])
    assert "还没有反馈" in feedback_html([])


def test_the_page_declares_chinese_before_gradio_runs():
    from policybot.web.app import with_zh_locale

    page = with_zh_locale(b"<!doctype html><html><head><script type=module src=x></script></head></html>")
    assert page.index(b"zh-CN") < page.index(b"type=module")
    assert with_zh_locale(b"no head") == b"no head"


def test_reader_errors_reach_the_page_in_chinese(tmp_path):
    import pytest

    from policybot.errors import QuestionError, ReadError
    from policybot.readers import read_bytes
    from policybot.web.messages import zh_message

    cases = {b"": "空文件", b"%PDF-1.4 garbage": "损坏", bytes([0xC4, 0xE3, 0xBA, 0xC3]) * 20: "UTF-8"}
    for data, expected in cases.items():
        with pytest.raises(ReadError) as info:
            read_bytes(data, "/srv/uploads/x1/通知.txt" if not data.startswith(b"%PDF") else "/srv/uploads/x1/通知.pdf")
        text = zh_message(info.value)
        assert expected in text and "通知." in text and "/srv" not in text, text
        assert not any(w in text for w in ("Check", "Convert", "Download")), text
    assert zh_message(QuestionError("问题是空的。")) == "问题是空的。"
