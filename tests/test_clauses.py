"""The clause tree of each corpus document, checked by hand against the
text; 牵头单位/责任单位 extraction on hand-made strings; clause ids; offsets
back into the clean and the source text; the PDF and HTML fixtures."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from policybot.clauses import parse_clauses, parse_duties, split_departments
from policybot.documents import parse_file, parse_source
from policybot.normalize import clean_layout, fold_text
from policybot.types import CLAUSE, DUTY, FOOTER, HEADING, MASTHEAD, PREAMBLE, SourceText

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

JINAN = "jinan-2020-industrial-city-opinions"
REPORT = "jinan-2025-action-plan-evaluation"
SHIZHONG = "shizhong-2024-transformation-action-plan"
JINING = "jining-2020-manufacturing-clusters-opinions"
ZIBO = "zibo-2023-advanced-manufacturing-plan"
DOCS = (JINAN, REPORT, SHIZHONG, JINING, ZIBO)

NUMBERED = re.compile(r"^(\d{1,2})\. ")


def clause_at(doc, *path):
    found = [c for c in doc.clauses if c.path == path]
    assert len(found) == 1, f"{len(found)} clauses at {' › '.join(path)}"
    return found[0]


def numbered_items(doc):
    """The 1. 2. 3. … items (third level), in document order."""
    return [c for c in doc.clauses if NUMBERED.match(c.path[-1])]


def mini_doc(text: str, doc_id: str = "t"):
    """A hand-made document parsed as a .txt file would be."""
    source = SourceText(path="t.txt", format="txt", text=text)
    return parse_clauses(doc_id, clean_layout(text), source)


# --- each document: how many nodes of each kind


@pytest.mark.parametrize(
    "doc_id, kinds",
    [
        # 19 numbered items; 5./6./13./15. are only a title before their 一是…; 2. has four —— parts;
        # 18 一是…四是 parts (3.: 2, 4.: 4, 5.: 3, 6.: 3, 13.: 3, 15.: 3); 五 一、… headings.
        (JINAN, {MASTHEAD: 1, PREAMBLE: 1, HEADING: 5 + 4, CLAUSE: 15 + 4 + 18, FOOTER: 1}),
        # 一、 and 三、 have text of their own; (一)…(五) under 二、; 一是…四是 under 三、.
        # the title, the publication line, the opening paragraph; 一、 and 三、 have text
        (REPORT, {PREAMBLE: 2, MASTHEAD: 1, HEADING: 1, CLAUSE: 2 + 5 + 4}),
        # the notice (红头, 文号, addressees / signature, date, 此件公开发布) around the plan; 17 items;
        # 一、 and 二、 have text; 三、 (一)…(五) and 四、 are headings; the 抄送 footer.
        (SHIZHONG, {MASTHEAD: 2, PREAMBLE: 2, HEADING: 7, CLAUSE: 2 + 17, FOOTER: 1}),
        # 一、: (一) (三) and five —— principles under (二); six clusters × 3 items, each closed by a
        # 牵头单位 line; 三、 (一)…(七) each with its 牵头单位 line; 四、 (一)…(三).
        (JINING, {MASTHEAD: 1, PREAMBLE: 1, HEADING: 11, CLAUSE: 2 + 5 + 18 + 7 + 3, DUTY: 6 + 7, FOOTER: 1}),
        # the notice; 一、 has text; 二、 (一)…(五) headings over 16 items; 三、 (一)…(五).
        (ZIBO, {MASTHEAD: 2, PREAMBLE: 2, HEADING: 7, CLAUSE: 1 + 16 + 5}),
    ],
)
def test_clause_kinds_per_document(parsed_corpus, doc_id, kinds):
    assert Counter(c.kind for c in parsed_corpus[doc_id].clauses) == kinds


@pytest.mark.parametrize("doc_id, count", [(JINAN, 19), (SHIZHONG, 17), (ZIBO, 16)])
def test_numbered_items_run_from_one_without_gaps(parsed_corpus, doc_id, count):
    numbers = [int(NUMBERED.match(c.path[-1]).group(1)) for c in numbered_items(parsed_corpus[doc_id])]
    assert numbers == list(range(1, count + 1))


@pytest.mark.parametrize("doc_id", DOCS)
def test_paths_are_unique_inside_a_document_except_for_the_unnumbered_parts(parsed_corpus, doc_id):
    paths = Counter(c.path for c in parsed_corpus[doc_id].clauses)
    assert {p for p, n in paths.items() if n > 1} <= {("文头",), ("前言",), ("附注",)}


@pytest.mark.parametrize("doc_id", DOCS)
def test_parents_are_the_clauses_one_level_up(parsed_corpus, doc_id):
    by_id = {c.clause_id: c for c in parsed_corpus[doc_id].clauses}
    for c in parsed_corpus[doc_id].clauses:
        if c.parent_id is None:
            assert len(c.path) == 1
        else:
            assert by_id[c.parent_id].path == c.path[:-1]


# --- 济南 2020


def test_jinan_numbered_items_sit_under_the_five_headings(parsed_corpus):
    items = numbered_items(parsed_corpus[JINAN])
    assert Counter(c.path[0] for c in items) == {
        "一、总体要求": 1,
        "二、发展目标": 1,
        "三、重点任务": 2,
        "四、政策措施": 12,
        "五、保障措施": 3,
    }


def test_jinan_item_7(parsed_corpus):
    c = clause_at(parsed_corpus[JINAN], "四、政策措施", "7. 加大投资支持力度")
    assert c.kind == CLAUSE
    assert c.label == "四、7."
    assert "对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、15% 和 20% 的奖补" in c.text
    assert c.text.endswith("（责任单位：市工业和信息化局、市发展改革委、市投资促进局）")
    assert c.responsible == ("市工业和信息化局", "市发展改革委", "市投资促进局")
    assert c.lead == ()


def test_jinan_goals_have_four_dash_parts(parsed_corpus):
    doc = parsed_corpus[JINAN]
    goals = clause_at(doc, "二、发展目标", "2. 发展目标")
    parts = [c for c in doc.clauses if c.parent_id == goals.clause_id]
    assert [c.path[-1] for c in parts] == [
        "——先进制造业发展能级显著提升",
        "——数字经济发展能级显著提升",
        "——企业发展能级显著提升",
        "——绿色发展能级显著提升",
    ]
    assert [c.label for c in parts] == ["二、2.——1", "二、2.——2", "二、2.——3", "二、2.——4"]
    assert goals.text.startswith("2. 发展目标。逐年提升工业")  # the ** are gone
    assert "——" not in goals.text


def test_jinan_item_6_is_split_into_its_three_parts(parsed_corpus):
    doc = parsed_corpus[JINAN]
    item = clause_at(doc, "四、政策措施", "6. 加大空间要素保障力度")
    parts = [c for c in doc.clauses if c.parent_id == item.clause_id]

    assert item.kind == HEADING
    assert item.text == "6. 加大空间要素保障力度。"
    assert [c.path[-1] for c in parts] == ["一是强化工业发展空间保障", "二是深化“亩产效益”评价改革", "三是加大市域产业统筹力度"]
    assert [c.label for c in parts] == ["四、6.一是", "四、6.二是", "四、6.三是"]
    assert parts[0].text.startswith("一是强化工业发展空间保障，划定不低于全市建设用地总面积 30% 的工业用地保障红线。")
    assert "每年新出让的工业用地（含新型产业用地）" in parts[0].text  # joined over the blank line
    # the duty closing the last part applies to the item and every part
    for c in (item, *parts):
        assert c.responsible == ("市自然资源和规划局", "市工业和信息化局", "市发展改革委", "市投资促进局")


def test_jinan_research_institutions_clause(parsed_corpus):
    c = clause_at(parsed_corpus[JINAN], "四、政策措施", "10. 加大创新驱动激励力度")
    assert "新获批市级研发机构的企业，给予最高 50 万元扶持" in c.text
    assert c.responsible == ("市科技局", "市工业和信息化局", "市发展改革委")  # half-width (…)


def test_jinan_item_3_keeps_the_parts_and_drops_the_aside_from_the_departments(parsed_corpus):
    doc = parsed_corpus[JINAN]
    item = clause_at(doc, "三、重点任务", "3. 聚焦智造济南建设，构筑制造业和数字经济高质量发展的现代工业产业体系")
    parts = [c for c in doc.clauses if c.parent_id == item.clause_id]
    assert item.kind == CLAUSE  # text of its own before 一是
    assert [c.path[-1] for c in parts] == ["一是明晰发展领域，推动产业链式集群发展", "二是着力发展智能制造、绿色制造、服务型制造"]
    assert parts[-1].text.endswith("〔责任单位：市工业和信息化局、各有关部门，各区县政府（含各功能区管委会，下同）〕")
    assert item.responsible == ("市工业和信息化局", "各有关部门", "各区县政府")


# --- the evaluation report (a web page)


def test_report_structure(parsed_corpus):
    doc = parsed_corpus[REPORT]
    assert [c.path[-1] for c in doc.clauses if len(c.path) == 2] == [
        "(一)制造业优化升级不断加快",
        "(二)数字经济发展优势持续稳固",
        "(三)优质企业梯度培育稳步推进",
        "(四)绿色发展能级有序提升",
        "(五)产业发展生态持续优化",
        "一是进一步构建优势互补产业结构",
        "二是进一步推动数实深度融合",
        "三是进一步加大企业梯度培育力度",
        "四是进一步优化产业发展生态",
    ]
    assert clause_at(doc, "一、政策实施总体情况").text.endswith("取得了初步成效,实现了预期目的。")


@pytest.mark.parametrize("boilerplate", ["分享", "打印", "关闭窗口", "字号", "访问", "抄送"])
def test_report_clauses_carry_no_page_boilerplate(parsed_corpus, boilerplate):
    assert [c.label for c in parsed_corpus[REPORT].clauses if boilerplate in c.text] == []


def test_report_has_no_departments(parsed_corpus):
    assert all(c.lead == c.responsible == () for c in parsed_corpus[REPORT].clauses)


# --- 市中区 (text from a PDF)


def test_shizhong_item_6(parsed_corpus):
    c = clause_at(parsed_corpus[SHIZHONG], "三、重点任务", "（二）实施数字经济赋能工业转型行动", "6. 夯实算网数字底座")
    assert c.label == "三、（二）6."
    assert c.responsible[0] == "区政府办公室"
    assert c.responsible == ("区政府办公室", "区发展改革局", "区工业和信息化局", "市中城投集团", "市中财金集团")
    assert "\n" not in c.text  # the wrapped lines are one paragraph again


def test_shizhong_items_sit_under_the_five_actions(parsed_corpus):
    items = numbered_items(parsed_corpus[SHIZHONG])
    assert Counter(c.path[1] for c in items if c.path[0] == "三、重点任务") == {
        "（一）实施制造业转型升级行动": 3,
        "（二）实施数字经济赋能工业转型行动": 3,
        "（三）实施优质企业倍增升级行动": 3,
        "（四）实施绿色发展提档升级行动": 3,
        "（五）实施产业生态优化升级行动": 3,
    }
    assert [c.path for c in items if c.path[0] == "四、保障措施"] == [
        ("四、保障措施", "16. 加强组织领导"),
        ("四、保障措施", "17. 优化营商环境"),
    ]


def test_shizhong_notice_and_footer_are_not_clauses_of_the_plan(parsed_corpus):
    doc = parsed_corpus[SHIZHONG]
    mastheads = [c for c in doc.clauses if c.kind == MASTHEAD]
    footers = [c for c in doc.clauses if c.kind == FOOTER]
    assert mastheads[0].text.startswith("济南市市中区人民政府\n市中政字〔2024〕29号")  # 济 南 市 … re-joined
    assert "（此件公开发布）" in mastheads[1].text
    assert [c.text[:3] for c in footers] == ["抄送："]
    assert footers[0].text.endswith("2024 年 10 月 24 日印发")
    assert all("抄送" not in c.text for c in doc.clauses if c.kind != FOOTER)


def test_shizhong_item_1_departments_span_wrapped_lines(parsed_corpus):
    c = clause_at(parsed_corpus[SHIZHONG], "三、重点任务", "（一）实施制造业转型升级行动", "1. 优化产业规划布局")
    assert c.responsible[-2:] == ("市生态环境局市中分局", "各街道办事处")
    assert len(c.responsible) == 12


# --- 济宁: clusters with their own 牵头单位 lines

CLUSTERS = {
    "(一)高端装备产业集群": "市工业和信息化局",
    "(二)高端化工产业集群": "市工业和信息化局",
    "(三)新一代信息技术产业集群": "市工业和信息化局",
    "（四）新能源产业集群": "市能源局",
    "(五)新材料产业集群": "市工业和信息化局",
    "(六)医药产业集群": "市工业和信息化局",
}


@pytest.mark.parametrize("cluster, lead", CLUSTERS.items(), ids=list(CLUSTERS))
def test_jining_every_cluster_has_goals_directions_path_and_its_lead(parsed_corpus, cluster, lead):
    doc = parsed_corpus[JINING]
    parts = [c for c in doc.clauses if c.path[:2] == ("二、重点任务", cluster) and len(c.path) == 3]

    assert [c.path[2] for c in parts] == ["1. 发展目标", "2. 主攻方向", "3. 实施路径", "牵头/责任单位"]
    assert [c.kind for c in parts] == [CLAUSE, CLAUSE, CLAUSE, DUTY]
    duty = parts[-1]
    assert duty.text.startswith(("牵头单位:", "牵头单位："))
    assert duty.lead == (lead,)
    assert parts[2].lead == (lead,)  # 3. 实施路径 answers "who is in charge" through its cluster
    assert clause_at(doc, "二、重点任务", cluster).lead == (lead,)


def test_jining_new_energy_departments(parsed_corpus):
    duty = clause_at(parsed_corpus[JINING], "二、重点任务", "（四）新能源产业集群", "牵头/责任单位")
    assert duty.responsible == ("市工业和信息化局", "市发展改革委", "有关县市区", "功能区")
    assert duty.label == "二、（四）牵头/责任单位"


@pytest.mark.parametrize(
    "measure, lead",
    [
        ("(一)扩大对外开放合作", "市商务局"),
        ("(二)加强科技创新能力", "市科技局"),
        ("(三)加快数字化改造", "市工业和信息化局"),
        ("(四)精准开展招商引资", "市投资促进局"),
        ("(五)加强人才引进培育", "市委组织部"),
        ("(六)加大政策支持力度", "市财政局"),
        ("(七)优化资源要素配置", "市发展改革委"),
    ],
)
def test_jining_support_measures_have_their_lead(parsed_corpus, measure, lead):
    doc = parsed_corpus[JINING]
    assert clause_at(doc, "三、保障支撑", measure).lead == (lead,)
    assert clause_at(doc, "三、保障支撑", measure, "牵头/责任单位").lead == (lead,)


def test_jining_duty_line_wrapped_over_a_blank_line_and_bold_marks(parsed_corpus):
    doc = parsed_corpus[JINING]
    resources = clause_at(doc, "三、保障支撑", "(七)优化资源要素配置", "牵头/责任单位")
    assert resources.responsible[-3:] == ("市税务局", "各县市区", "功能区")  # 市\n\n税务局
    science = clause_at(doc, "三、保障支撑", "(二)加强科技创新能力", "牵头/责任单位")
    assert science.text == "牵头单位:市科技局;责任单位:市工业和信息化局、市大数据中心、市财政局,各县市区、功能区"


def test_jining_principles_and_leadership_part(parsed_corpus):
    doc = parsed_corpus[JINING]
    principles = [c.path[-1] for c in doc.clauses if c.path[:2] == ("一、总体要求", "(二)基本原则") and len(c.path) == 3]
    assert principles == [
        "——坚持市场主导、政府引导",
        "——坚持开放合作、改革创新",
        "——坚持市县一体、统筹推进",
        "——坚持一群一策、分类指导",
        "——坚持龙头引领、梯次培育",
    ]
    leadership = [c for c in doc.clauses if c.path[0] == "四、组织领导" and len(c.path) == 2]
    assert [c.path[1] for c in leadership] == ["(一)建立群链长体系", "(二)提升产业谋划能力", "(三)强化考核评价奖惩"]
    assert all(c.lead == c.responsible == () for c in leadership)


# --- 淄博


@pytest.mark.parametrize(
    "path, lead, responsible",
    [
        (
            ("二、重点任务", "（二）实施数智赋能行动，加快制造业智能化改造", "6. 实施数字经济跃升工程，优化提升数字产业"),
            ("市工业和信息化局",),
            ("市发展改革委", "市科技局", "市大数据局"),
        ),
        (
            ("二、重点任务", "（一）实施产业赋能行动，推动制造业高端化提升", "1. 实施创新平台扩量提升工程，增强产业创新能力"),
            (),
            ("市发展改革委", "市科技局", "市工业和信息化局"),
        ),
        (
            ("二、重点任务", "（三）实施绿色制造行动，支持制造业绿色化转型", "8. 实施“碳均论英雄”，大力推进节能降碳"),
            ("市发展改革委", "市工业和信息化局", "市生态环境局"),
            ("市住房城乡建设局", "市水利局"),
        ),
        (
            ("二、重点任务", "（五）实施产业体系建设行动，促进制造业生态化集聚", "13. 实施企业梯度培育工程，构建优质企业梯度培育格局"),
            ("市工业和信息化局",),
            ("市科技局",),
        ),
        (
            ("三、保障措施", "（三）保障要素供给"),
            ("市发展改革委", "市自然资源和规划局", "市交通运输局", "市大数据局"),
            ("市生态环境局", "市商务局", "市物流产业发展中心"),
        ),
        (("三、保障措施", "（一）加强组织领导"), (), ("市直相关部门单位",)),
    ],
    ids=["item-6", "item-1", "item-8", "item-13", "measure-3", "measure-1"],
)
def test_zibo_departments(parsed_corpus, path, lead, responsible):
    c = clause_at(parsed_corpus[ZIBO], *path)
    assert (c.lead, c.responsible) == (lead, responsible)


def test_zibo_items_sit_under_the_five_actions(parsed_corpus):
    items = numbered_items(parsed_corpus[ZIBO])
    assert Counter(c.path[1] for c in items) == {
        "（一）实施产业赋能行动，推动制造业高端化提升": 3,
        "（二）实施数智赋能行动，加快制造业智能化改造": 3,
        "（三）实施绿色制造行动，支持制造业绿色化转型": 3,
        "（四）实施价值提升行动，鼓励制造业服务化延伸": 3,
        "（五）实施产业体系建设行动，促进制造业生态化集聚": 4,
    }


# --- 牵头单位 / 责任单位 on hand-made strings


@pytest.mark.parametrize(
    "text, lead, responsible",
    [
        ("牵头单位:市能源局;责任单位:市工业和信息化局", ("市能源局",), ("市工业和信息化局",)),
        (
            "牵头单位：市工业和信息化局；责任单位：市科技局、市大数据中心等，有关县市区、功能区",
            ("市工业和信息化局",),
            ("市科技局", "市大数据中心", "有关县市区", "功能区"),
        ),
        ("牵头单位：市工业和信息化局，责任单位：市科技局", ("市工业和信息化局",), ("市科技局",)),
        ("责任单位：市发展改革委、市自然资源和规划局牵头，市生态环境局、市商务局分工负责", ("市发展改革委", "市自然资源和规划局"), ("市生态环境局", "市商务局")),
        ("责任单位：市财政局、市发展改革委，各区县政府", (), ("市财政局", "市发展改革委", "各区县政府")),
        ("责任单位：市工业和信息化局、各有关部门，各区县政府（含各功能区管委会，下同）", (), ("市工业和信息化局", "各有关部门", "各区县政府")),
        ("责任单位：市直相关部门单位分工负责", (), ("市直相关部门单位",)),
        ("责任单位：市工业和信息化局、市工业和信息化局", (), ("市工业和信息化局",)),
        ("没有写明单位的一句话。", (), ()),
    ],
)
def test_parse_duties(text, lead, responsible):
    assert parse_duties(text) == (lead, responsible)


def test_split_departments_drops_asides_and_endings():
    assert split_departments("市科技局、教育局等，有关县市区、功能区（含高新区）") == ("市科技局", "教育局", "有关县市区", "功能区")


@pytest.mark.parametrize(
    "closing, lead, responsible",
    [
        ("（责任单位：市工业和信息化局、市发展改革委，各区县政府）", (), ("市工业和信息化局", "市发展改革委", "各区县政府")),
        ("(责任单位：市科技局、市工业和信息化局)", (), ("市科技局", "市工业和信息化局")),
        ("〔责任单位：区政府办公室、区发展改革局〕", (), ("区政府办公室", "区发展改革局")),
        ("〔责任单位：市工业和信息化局、各有关部门，各区县政府（含各功能区管委会，下同）〕", (), ("市工业和信息化局", "各有关部门", "各区县政府")),
        ("（牵头单位：市工业和信息化局，责任单位：市科技局）", ("市工业和信息化局",), ("市科技局",)),
        ("（责任单位：市发展改革委、市交通运输局牵头，市商务局分工负责）", ("市发展改革委", "市交通运输局"), ("市商务局",)),
    ],
)
def test_a_closing_bracket_gives_the_clause_its_departments(closing, lead, responsible):
    clauses = mini_doc(f"一、重点任务\n1. 加大投资支持力度。对普通技改项目给予实际设备投资额 10% 的奖补。{closing}")
    item = clauses[-1]
    assert item.path == ("一、重点任务", "1. 加大投资支持力度")
    assert (item.lead, item.responsible) == (lead, responsible)


def test_a_standalone_duty_line_closes_the_block_above_it():
    clauses = mini_doc(
        "二、重点任务\n（一）新能源产业集群\n1. 发展目标\n到2025年，营业收入达到300亿元。\n"
        "2. 实施路径\n积极招引氢燃料电池项目。\n牵头单位：市能源局；责任单位：市工业和信息化局\n"
        "（二）新材料产业集群\n1. 发展目标\n到2025年，营业收入达到300亿元。"
    )
    by_path = {c.path: c for c in clauses}
    duty = by_path[("二、重点任务", "（一）新能源产业集群", "牵头/责任单位")]
    assert duty.kind == DUTY
    assert by_path[("二、重点任务", "（一）新能源产业集群", "2. 实施路径")].lead == ("市能源局",)
    assert by_path[("二、重点任务", "（二）新材料产业集群", "1. 发展目标")].lead == ()  # not carried over


def test_inline_parts_only_split_at_the_start_of_a_sentence():
    clauses = mini_doc("一、重点任务\n1. 优化服务。一是完善机制，做到一是一、二是二。二是强化保障，提升效率。")
    assert [c.path[-1] for c in clauses] == ["一、重点任务", "1. 优化服务", "一是完善机制，做到一是一、二是二", "二是强化保障，提升效率"]
    assert [c.text for c in clauses[2:]] == ["一是完善机制，做到一是一、二是二。", "二是强化保障，提升效率。"]


# --- clause ids


def test_clause_ids_are_stable_across_parses():
    path = CORPUS / "jinan-2020-industrial-city-opinions.txt"
    first = parse_file(path, doc_id=JINAN)
    second = parse_file(path, doc_id=JINAN)
    assert [c.clause_id for c in first.clauses] == [c.clause_id for c in second.clauses]


def test_clause_ids_are_unique_and_name_their_document(parsed_corpus):
    for doc_id, doc in parsed_corpus.items():
        ids = [c.clause_id for c in doc.clauses]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(rf"{doc_id}:[0-9a-f]{{10}}", i) for i in ids)


def test_a_clause_id_changes_with_its_text_and_no_other_does(tmp_path):
    original = (CORPUS / "jinan-2020-industrial-city-opinions.txt").read_text("utf-8")
    edited = original.replace("对普通技改项目给予实际设备投资额 10% 的奖补", "对普通技改项目给予实际设备投资额 12% 的奖补")
    assert edited != original
    (tmp_path / "a.txt").write_text(original, "utf-8")
    (tmp_path / "b.txt").write_text(edited, "utf-8")

    before = {c.path: c.clause_id for c in parse_file(tmp_path / "a.txt", doc_id=JINAN).clauses if c.kind != MASTHEAD}
    after = {c.path: c.clause_id for c in parse_file(tmp_path / "b.txt", doc_id=JINAN).clauses if c.kind != MASTHEAD}

    changed = {p for p in before if before[p] != after[p]}
    assert changed == {("四、政策措施", "7. 加大投资支持力度")}


def test_a_clause_id_does_not_change_with_layout():
    text = "一、总体要求\n1. 总体要求。坚持以习近平新时代中国特色社会主义思想为指导，对标对表目标定位。"
    relaid = "一、总体要求\n\n1. **总体要求。**坚持以习近平新时代中国特色社会主义思想为指导，对标对表目标\n\n定位。"
    assert [c.clause_id for c in mini_doc(text)] == [c.clause_id for c in mini_doc(relaid)]


def test_the_same_clause_twice_gets_two_ids():
    clauses = mini_doc("一、总体要求\n坚持创新驱动发展。\n一、总体要求\n坚持创新驱动发展。")
    assert len({c.clause_id for c in clauses}) == 2


# --- offsets into the clean and the source text

OFFSET_CASES = [pytest.param(CORPUS / f"{d}.txt", id=d, marks=()) for d in DOCS]


@pytest.mark.parametrize(
    "path",
    [
        *OFFSET_CASES,
        pytest.param("shizhong-2024-action-plan.pdf", id="shizhong-pdf"),
        pytest.param("zibo-2023-implementation-plan.pdf", id="zibo-pdf"),
        pytest.param("jinan-2025-evaluation-report.html", id="report-html"),
    ],
)
def test_every_clause_is_its_clean_text_and_locates_in_the_source(request, path):
    path = path if isinstance(path, Path) else request.getfixturevalue("fixtures") / path
    doc = parse_file(path, doc_id="d")

    for c in doc.clauses:
        assert doc.clean.text[c.start : c.end] == c.text, c.label
        assert c.text == c.text.strip() and c.text
    misplaced = [
        c.label
        for c in doc.clauses
        if fold_text(doc.source.text[c.source_start : c.source_end]) != fold_text(c.text)
    ]
    assert misplaced == []


@pytest.mark.parametrize("doc_id", DOCS)
def test_clauses_cover_the_document_in_order(parsed_corpus, doc_id):
    doc = parsed_corpus[doc_id]
    assert [c.ordinal for c in doc.clauses] == list(range(len(doc.clauses)))
    assert all(a.end <= b.start for a, b in zip(doc.clauses, doc.clauses[1:]))
    covered = "".join(doc.clean.text[c.start : c.end] for c in doc.clauses)
    assert fold_text(covered) == fold_text(doc.clean.text)  # nothing of the text is lost


# --- the PDF and HTML fixtures

PAIRS = [
    ("shizhong-2024-action-plan.pdf", SHIZHONG),
    ("zibo-2023-implementation-plan.pdf", ZIBO),
    ("jinan-2025-evaluation-report.html", REPORT),
]


@pytest.fixture(scope="module")
def fixture_docs(fixtures):
    return {name: parse_file(fixtures / name, doc_id=doc_id) for name, doc_id in PAIRS}


@pytest.mark.parametrize("name, doc_id", PAIRS, ids=["shizhong-pdf", "zibo-pdf", "report-html"])
def test_fixture_parses_into_the_same_clause_paths_as_the_text(fixture_docs, parsed_corpus, name, doc_id):
    # the web page gives its publication line as metadata, the scraped text as a line: mastheads may differ
    def paths(doc):
        return {c.path for c in doc.clauses if c.kind != MASTHEAD}

    assert paths(fixture_docs[name]) == paths(parsed_corpus[doc_id])


@pytest.mark.parametrize("name, doc_id", PAIRS, ids=["shizhong-pdf", "zibo-pdf", "report-html"])
def test_fixture_structural_clauses_match_the_text_and_keep_their_ids(fixture_docs, parsed_corpus, name, doc_id):
    def structure(doc):
        return [(c.clause_id, c.path, c.kind, c.lead, c.responsible) for c in doc.clauses if c.kind in (CLAUSE, HEADING, DUTY)]

    assert structure(fixture_docs[name]) == structure(parsed_corpus[doc_id])


def test_pdf_footer_is_two_nodes_where_the_text_has_one(fixture_docs, parsed_corpus):
    # In the PDF the 印发 line stands on the last page, alone; in the .txt it is
    # wrapped into the 抄送 paragraph. Both are footers, neither is a clause.
    pdf = [c.text for c in fixture_docs["shizhong-2024-action-plan.pdf"].clauses if c.kind == FOOTER]
    txt = [c.text for c in parsed_corpus[SHIZHONG].clauses if c.kind == FOOTER]
    assert (len(pdf), len(txt)) == (2, 1)
    assert pdf[1] == "济南市市中区人民政府办公室 2024 年 10 月 24 日印发"
    assert fold_text("".join(pdf)) == fold_text(txt[0])


@pytest.mark.parametrize(
    "name, path, page, page_end",
    [
        # checked with pypdf: the page whose text holds the clause's first and last sentence
        ("shizhong-2024-action-plan.pdf", ("三、重点任务", "（一）实施制造业转型升级行动", "1. 优化产业规划布局"), 2, 3),
        ("shizhong-2024-action-plan.pdf", ("三、重点任务", "（二）实施数字经济赋能工业转型行动", "6. 夯实算网数字底座"), 6, 6),
        ("shizhong-2024-action-plan.pdf", ("四、保障措施", "16. 加强组织领导"), 12, 12),
        ("zibo-2023-implementation-plan.pdf", ("一、总体目标",), 1, 2),
        ("zibo-2023-implementation-plan.pdf", ("二、重点任务", "（二）实施数智赋能行动，加快制造业智能化改造", "6. 实施数字经济跃升工程，优化提升数字产业"), 5, 5),
        ("zibo-2023-implementation-plan.pdf", ("二、重点任务", "（五）实施产业体系建设行动，促进制造业生态化集聚", "13. 实施企业梯度培育工程，构建优质企业梯度培育格局"), 8, 9),
        ("zibo-2023-implementation-plan.pdf", ("三、保障措施", "（五）严格安全管理"), 12, 13),
    ],
)
def test_pdf_clauses_carry_their_pages(fixture_docs, name, path, page, page_end):
    c = clause_at(fixture_docs[name], *path)
    assert (c.page, c.page_end) == (page, page_end)


def test_text_clauses_have_no_pages(parsed_corpus):
    assert all(c.page is None and c.page_end is None for d in parsed_corpus.values() for c in d.clauses)


def test_zibo_pdf_item_8_reads_as_one_paragraph(fixture_docs):
    c = clause_at(
        fixture_docs["zibo-2023-implementation-plan.pdf"],
        "二、重点任务",
        "（三）实施绿色制造行动，支持制造业绿色化转型",
        "8. 实施“碳均论英雄”，大力推进节能降碳",
    )
    assert "加强“三线一单”实施应用" in c.text


def test_html_report_is_the_reports_clauses(fixture_docs, parsed_corpus):
    html = fixture_docs["jinan-2025-evaluation-report.html"]
    assert [c.path for c in html.clauses if c.kind != MASTHEAD] == [
        c.path for c in parsed_corpus[REPORT].clauses if c.kind != MASTHEAD
    ]
    assert html.source.format == "html"
    for boilerplate in ("分享", "打印", "关闭窗口"):
        assert all(boilerplate not in c.text for c in html.clauses)


def test_parse_source_refuses_a_text_with_nothing_left():
    from policybot.errors import PolicybotError

    with pytest.raises(PolicybotError, match="no text left after cleaning"):
        parse_source(SourceText(path="w.html", format="html", text="分享：\n【打印此页】"), "w")


# ---------------------------------------------------------------- headings inside one line

ONE_LINE = ("关于支持企业复工复产的若干措施为帮助企业渡过难关，现提出如下措施：一、减免房租。对承租国有资产类经营用房的中小企业，"
            "免收2个月房租。二、稳定就业。（一）返还失业保险费。对不裁员的企业返还50%。（二）发放招工补贴。每人补贴1000元。"
            "三、加强服务。各部门要收入增长2.5亿元。请遵照执行。")


def test_inline_headings_need_a_numbered_run():
    from policybot.clauses import inline_headings

    cuts = inline_headings(ONE_LINE)
    assert [ONE_LINE[c:c + 3] for c in cuts] == ["一、减", "二、稳", "（一）", "（二）", "三、加"]
    assert inline_headings("今年收入增长。2.5亿元已到位。3．其余") == []  # no run 1, 2: no heading
    assert inline_headings("目标：二、三季度完成。") == []  # a run must start at one


RUN_IN = ("关于做好返程运输保障工作的通知各地交通运输部门：现就有关事项通知如下。"
          "一、做好准备工作（一）做好客流预测。各地要及时掌握复工时间安排。（二）保障装备精良。各地要做好运输工具的检测维护。"
          "二、严格防控措施（三）严格落实场站消毒。各地要督促经营者做好消毒。（四）加强乘客测温。体温超过37.3度的，移交卫生健康部门。"
          "三、税收政策指引。1.免征个人所得税。2.免征增值税。"
          "一、免征个人所得税：1.享受主体为医务人员。2.优惠内容为免征。按照《办法》第三条（一）项执行。")


def test_a_run_in_part_after_its_section_heading_opens_a_clause():
    from policybot.clauses import inline_headings

    cuts = [RUN_IN[c:c + 3] for c in inline_headings(RUN_IN)]
    # （一） glued to its section's heading phrase starts a part; （三） goes on counting under 二、
    assert cuts[:7] == ["一、做", "（一）", "（二）", "二、严", "（三）", "（四）", "三、税"], cuts
    # a second list (a summary's details) starts again at one; an item referred to (第三条（一）项) is no heading
    assert cuts[7:] == ["1.免", "2.免", "一、免", "1.享", "2.优"], cuts
    labels = [c.label for c in mini_doc(RUN_IN)]
    assert "一、（二）" in labels and "二、（四）" in labels, labels
    assert inline_headings("依照《办法》第三条（一）项和（二）项执行。") == []  # references, not parts


def test_a_notice_without_line_breaks_gets_its_clause_tree():
    clauses = mini_doc(ONE_LINE)
    labels = [c.label for c in clauses]
    assert labels[1:] == ["一、", "二、", "二、（一）", "二、（二）", "三、"]
    first = clauses[1]
    assert first.path[-1] == "一、减免房租" and first.text.endswith("免收2个月房租。")
    assert clauses[3].parent_id == clauses[2].clause_id
    assert all(ONE_LINE[c.source_start:c.source_end] == c.text for c in clauses)


def test_a_sentence_is_not_cut_inside_its_bracketed_note():
    from policybot.chunking import segments

    text = (
        "对研发疫苗的企业，给予不高于300万元的研发支持。（对接部门：区科信局；联系人：赵某；联系电话：88490000）"
        "对科研团队给予奖励。（二）减免房租；按月执行。（责任单位：区国资委；区财政局）"
    )
    assert [text[a:b] for a, b in segments(text)] == [
        "对研发疫苗的企业，给予不高于300万元的研发支持。（对接部门：区科信局；联系人：赵某；联系电话：88490000）",
        "对科研团队给予奖励。",  # an enumerator （二） starts the next sentence
        "（二）减免房租；",
        "按月执行。",
        "（责任单位：区国资委；区财政局）",  # a closing duty line stays a segment of its own
    ]
    # a bracket that does not close on its line is no note: the sentence ends are kept
    open_bracket = "这是（未闭合；后面。\n继续"
    assert [open_bracket[a:b] for a, b in segments(open_bracket)] == ["这是（未闭合；", "后面。", "继续"]
