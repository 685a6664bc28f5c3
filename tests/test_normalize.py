"""Text layers with offsets: ``clean_layout`` (layout out, characters kept)
and ``fold`` (the matching form). Hand-made texts for each rule; the offset
map is checked as a property over the whole corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybot.normalize import clean_layout, find_folded, fold, fold_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Two paragraphs of a government document, as a PDF's text layer gives them:
# a fixed line width, the last line of each paragraph short,
# a stray leading space where a page began.
PARAGRAPH_1 = (
    "坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，"
    "加快构建新发展格局，以新型工业化为引领，以工业经济高质量发展为主线，因地制宜发展新质生产力，"
    "推动都市工业转型升级和创新发展，推进工业高端化、智能化、绿色化、轻型化发展，"
    "着力打造新一代信息技术、先进电网、能源储运销、电力装备及电力电子、新能源汽车等重点产业链群，"
    "实现都市工业链式集群发展。"
)
PARAGRAPH_2 = (
    "到 2026 年，工业增加值占 GDP 比重不断提升，规模以上工业营业收入突破 350 亿元；"
    "信息传输、软件和信息技术服务业以及先进制造业、电力热力燃气及水生产和供应业等重点产业规模总量超过 550 亿元；"
    "制造业占规模以上工业比重达到 50%以上；亿元以上工业企业达到 20 家以上，"
    "培育壮大一批创新能力强、成长速度快的优质企业。"
)
COLUMNS = 58  # an A4 line of 29 Chinese characters


def hard_wrap(paragraph: str, columns: int = COLUMNS) -> list[str]:
    """Cut lines as a PDF does: by printed width (a Chinese character or
    mark takes two columns, an ASCII character one)."""
    lines, line, used = [], "", 0
    for ch in paragraph:
        w = 1 if ch.isascii() else 2
        if used + w > columns:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    return [*lines, line] if line else lines


def pdf_like(separator: str) -> str:
    lines = ["一、总体要求", *hard_wrap(PARAGRAPH_1), "二、发展目标", *hard_wrap(PARAGRAPH_2)]
    lines[3] = " " + lines[3]  # a page started here
    return separator.join(lines)


# --- clean_layout: hard wraps


@pytest.mark.parametrize(
    "separator",
    [
        pytest.param("\n", id="one-line-per-line"),
        pytest.param("\n\n", id="blank-line-between-lines"),  # as in corpus/shizhong-…txt
    ],
)
def test_hard_wrapped_lines_are_joined_into_paragraphs_and_headings_keep_their_line(separator):
    assert len(hard_wrap(PARAGRAPH_1)) + len(hard_wrap(PARAGRAPH_2)) >= 12  # enough lines to look wrapped

    clean = clean_layout(pdf_like(separator))

    assert clean.text == f"一、总体要求\n{PARAGRAPH_1}\n二、发展目标\n{PARAGRAPH_2}"


def test_numbered_items_in_a_wrapped_text_start_their_own_paragraph():
    item_1 = "1.优化产业规划布局。把握新一轮科技革命和产业变革新机遇，着眼抢抓产业新赛道、打造产业新生态，依托区位优势和人才资源，加快建设先进制造业经济区。"
    item_2 = "2.提升企业创新能力。立足辖区产业基础，发挥技术研发优势，重点培育一批重点实验室、产业创新中心、工程研究中心等高水平研发平台。"
    lines = ["（一）实施制造业转型升级行动。", *hard_wrap(item_1), *hard_wrap(item_2), *hard_wrap(PARAGRAPH_1)]

    clean = clean_layout("\n".join(lines))

    assert clean.text.split("\n") == ["（一）实施制造业转型升级行动。", item_1, item_2, PARAGRAPH_1]


def test_a_mid_sentence_break_in_a_paragraph_file_is_joined():
    # corpus/jinan-2020-…txt: "…“走在前列、全面开创”目标\n\n定位，按照…"
    text = (
        "一、总体要求\n\n"
        "1. 总体要求。坚持以习近平新时代中国特色社会主义思想为指导，对标对表“走在前列、全面开创”目标\n\n"
        "定位，按照省委省政府打造“智造济南”工作要求，坚持新发展理念。\n\n"
        "二、发展目标\n\n"
        "2. 发展目标。逐年提升工业对全市经济的基础支撑作用。\n\n"
        "——先进制造业发展能级显著提升。打造先进制造业集群。"
    )

    assert clean_layout(text).text.split("\n") == [
        "一、总体要求",
        (
            "1. 总体要求。坚持以习近平新时代中国特色社会主义思想为指导，对标对表“走在前列、全面开创”目标"
            "定位，按照省委省政府打造“智造济南”工作要求，坚持新发展理念。"
        ),
        "二、发展目标",
        "2. 发展目标。逐年提升工业对全市经济的基础支撑作用。",
        "——先进制造业发展能级显著提升。打造先进制造业集群。",
    ]


def test_the_real_mid_sentence_break_is_joined():
    clean = clean_layout((CORPUS / "jinan-2020-industrial-city-opinions.txt").read_text("utf-8"))
    assert "“走在前列、全面开创”目标定位，按照" in clean.text
    assert "一、总体要求\n1. 总体要求。" in clean.text


@pytest.mark.parametrize(
    "file, title",
    [
        ("jinan-2025-action-plan-evaluation.txt", "《推进新型工业化加快建设工业强市三年行动计划(2023—2025年)》执行情况评估报告"),
        ("jining-2020-manufacturing-clusters-opinions.txt", "中共济宁市委济宁市人民政府关于加快先进制造业集群开放创新发展的意见"),
    ],
    ids=["report", "jining"],
)
def test_a_document_title_keeps_its_own_line(file, title):
    lines = clean_layout((CORPUS / file).read_text("utf-8")).text.split("\n")
    assert title in lines


def test_a_full_wrapped_line_with_chinese_quotes_is_joined():
    lines = hard_wrap(PARAGRAPH_1) + hard_wrap(PARAGRAPH_2) + ["8.实施“碳均论英雄”，大力推进节能降碳。加强“三线一", "单”实施应用，认真落实要求。"]

    clean = clean_layout("\n".join(lines))

    assert clean.text.split("\n")[-1] == "8.实施“碳均论英雄”，大力推进节能降碳。加强“三线一单”实施应用，认真落实要求。"


# --- clean_layout: characters


@pytest.mark.parametrize(
    "raw, clean",
    [
        pytest.param("2. **发展目标。**逐年提升工业对全市经济的基础支撑作用。", "2. 发展目标。逐年提升工业对全市经济的基础支撑作用。", id="bold"),
        pytest.param("牵头单位:市科技局;**责任单位:**市工业和信息化局", "牵头单位:市科技局;责任单位:市工业和信息化局", id="bold-inside"),
        pytest.param(" 济 南 市 市 中 区 人 民 政 府", "济南市市中区人民政府", id="spaced-masthead"),
        pytest.param("加大工业项目谋划招引力 度。", "加大工业项目谋划招引力度。", id="space-in-a-word"),
        pytest.param("加强　高技能人才队伍建设。", "加强高技能人才队伍建设。", id="ideographic-space"),
        pytest.param("到 2026 年，达到 1000 万元，占 2 %。", "到 2026 年，达到 1000 万元，占 2 %。", id="spaces-beside-ascii-kept"),
        pytest.param("招引 ToG、ToB  行业应用", "招引 ToG、ToB 行业应用", id="ascii-spaces-collapsed"),
    ],
)
def test_layout_characters_are_removed_and_the_rest_is_kept(raw, clean):
    assert clean_layout(raw).text == clean


@pytest.mark.parametrize("widget", ["分享：", "分享到：微信 微博", "【打印此页】 【关闭窗口】", "【关闭窗口】", "字号：默认 超大", "字号: 大 中 小", "访问:", "打印本页"])
def test_web_widgets_are_dropped(widget):
    text = f"（五）产业发展生态持续优化。打造优质发展环境。\n{widget}\n三、进一步推进政策落实的对策建议"
    assert clean_layout(text).text == "（五）产业发展生态持续优化。打造优质发展环境。\n三、进一步推进政策落实的对策建议"


def test_the_reports_page_widgets_are_gone():
    clean = clean_layout((CORPUS / "jinan-2025-action-plan-evaluation.txt").read_text("utf-8")).text
    for widget in ("分享", "【打印此页】", "【关闭窗口】", "字号", "访问:"):
        assert widget not in clean
    assert clean.endswith("开展融链固链行动,助力企业降本增效。")


def test_a_line_starting_with_the_word_share_is_text_not_a_widget():
    text = "二、主要任务\n支持数字经济和平台经济健康发展，鼓励发展共享制造、\n分享经济等新业态新模式。"
    assert clean_layout(text).text == "二、主要任务\n支持数字经济和平台经济健康发展，鼓励发展共享制造、分享经济等新业态新模式。"


def test_empty_and_widget_only_texts_clean_to_nothing():
    assert clean_layout("").text == ""
    assert clean_layout("\n \n分享：\n").text == ""


# --- the offset map


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_clean_character_is_the_source_character_it_maps_to(path):
    source = path.read_text("utf-8")
    clean = clean_layout(source)

    assert len(clean.src) == len(clean.text)
    assert all(a < b for a, b in zip(clean.src, clean.src[1:]))  # order kept
    mismatches = [(i, clean.text[i], source[j]) for i, j in enumerate(clean.src) if source[j] != clean.text[i]]
    assert mismatches == []


@pytest.mark.parametrize(
    "raw",
    [
        "2. **发展目标。**逐年提升工业增加值占GDP比重。",
        " 济 南 市 市 中 区 人 民 政 府\n市中政字〔2024〕29号",
        pdf_like("\n\n"),
    ],
    ids=["bold", "spaced", "wrapped"],
)
def test_spans_of_the_clean_text_map_back_to_the_same_characters(raw):
    clean = clean_layout(raw)
    for i, ch in enumerate(clean.text):
        if ch != "\n":  # a paragraph break stands for the layout it replaced
            assert raw[clean.src[i]] == ch
    a, b = clean.span_to_parent(0, len(clean.text))
    assert fold_text(raw[a:b]) == fold_text(clean.text)


# --- fold


@pytest.mark.parametrize(
    "text, folded",
    [
        pytest.param("ＡＢＣ１２３％", "abc123%", id="full-width"),
        pytest.param("（一）", "(一)", id="full-width-parens"),
        pytest.param("國家級研發機構", "国家级研发机构", id="traditional"),
        pytest.param("濟南對新獲批的", "济南对新获批的", id="traditional-2"),
        pytest.param("济发〔2023〕7号", "济发〔2023〕7号", id="docno"),
        pytest.param("济发[2023]7号", "济发〔2023〕7号", id="docno-square"),
        pytest.param("济发【2023】7号", "济发〔2023〕7号", id="docno-lenticular"),
        pytest.param("济发［2023］7号", "济发〔2023〕7号", id="docno-full-width-square"),
        pytest.param("济发(2023)7号", "济发〔2023〕7号", id="docno-parens"),
        pytest.param("济发（2023）7号", "济发〔2023〕7号", id="docno-full-width-parens"),
        pytest.param("市中政字〔2024〕29 号", "市中政字〔2024〕29号", id="docno-spaced"),
        pytest.param(" 到 2026\t年\n\u3000规模 ", "到2026年规模", id="whitespace"),
        pytest.param("**发展目标。**", "发展目标。", id="bold"),
    ],
)
def test_fold(text, folded):
    assert fold(text).text == folded


def test_fold_keeps_parentheses_that_are_not_a_docno():
    assert fold_text("(2020年7月9日)") == "(2020年7月9日)"
    assert fold_text("规模(2023)以上") == "规模(2023)以上"


def test_fold_maps_every_character_to_its_origin():
    text = "濟發（2023） 7號"
    folded = fold(text)
    assert folded.text == "济发〔2023〕7号"
    assert [text[i] for i in folded.src] == list("濟發（2023）7號")


@pytest.mark.parametrize(
    "needle, verbatim",
    [
        ("济发[2023]7号", "济发〔2023〕7号"),
        ("整车间改造", "整车间 改造"),
        ("２０％ 奖补", "20% 奖补"),
        ("國家級", "国家级"),
    ],
)
def test_find_folded_returns_the_verbatim_span(needle, verbatim):
    haystack = "根据济发〔2023〕7号文件，对国家级项目和 整车间 改造给予 20% 奖补。"
    span = find_folded(haystack, needle)
    assert span is not None
    assert haystack[span[0] : span[1]] == verbatim


@pytest.mark.parametrize("needle", ["淄政字〔2023〕7号", "", "   "])
def test_find_folded_returns_none_when_absent_or_empty(needle):
    assert find_folded("根据济发〔2023〕7号文件执行。", needle) is None


def test_english_lines_joined_keep_a_space():
    from policybot.normalize import clean_layout

    text = "Jinan supports the intelligent upgrade of whole workshops,\nthe subsidy is 15% of the equipment investment"
    assert clean_layout(text).text == text.replace("\n", " ")
    assert clean_layout("整个车间智能化改造项目按设备投资额的十五给予补\n助最高五百万元").text == "整个车间智能化改造项目按设备投资额的十五给予补助最高五百万元"
