"""The domain vocabulary is data: one JSON file, loaded once, fingerprinted,
replaceable with POLICYBOT_LEXICON, and refused with a clear message when
broken."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from policybot import lexicon
from policybot.errors import ConfigError
from policybot.settings import Settings


def bundled() -> dict:
    return json.loads(resources.files("policybot").joinpath("data/lexicon.json").read_text("utf-8"))


def test_the_bundled_lexicon_loads_with_every_slot():
    lex = lexicon.load()
    assert {s.name for s in lex.slots} >= {"amount", "rate", "department", "date", "contact", "place", "duration", "conditions"}
    assert len(lex.fingerprint) == 16
    assert lexicon.load() is lex  # parsed once


def test_an_override_file_is_used_and_changes_the_fingerprint(tmp_path, monkeypatch):
    d = bundled()
    d["expansions"].append(["测试词", "替换词"])
    f = tmp_path / "lex.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(lexicon.ENV, str(f))
    assert lexicon.get().source == str(f)
    assert lexicon.fingerprint() != lexicon.load().fingerprint
    from policybot.query import expand

    assert "替换词" in expand("测试词有补贴吗")
    assert Settings.from_env().lexicon == f


@pytest.mark.parametrize(
    "content, words",
    [("{not json", ["not UTF-8 JSON", "POLICYBOT_LEXICON"]), ("{}", ["no 'injection' section"])],
)
def test_a_broken_lexicon_is_refused_with_what_to_do(tmp_path, content, words):
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        lexicon.load(str(f))
    for w in words:
        assert w in str(e.value)


def test_a_bad_pattern_names_its_section(tmp_path):
    d = bundled()
    d["slots"]["amount"]["asked"] = "多少("
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ConfigError, match="slots.amount.asked"):
        lexicon.load(str(f))


def test_how_to_apply_is_asked_in_the_ways_people_ask_it():
    asked, said = lexicon.get().procedure
    for q in ("这个补贴怎么申请？", "要准备什么材料？", "申报流程是什么？", "需要哪些手续？"):
        assert asked.search(q), q
    assert not asked.search("能补多少？") and said.search("申报材料：营业执照复印件") and not said.search("给予最高500万元扶持")


def test_what_is_counted_must_be_a_named_group():
    d = bundled()
    d["counted"] = "多少(家|天)"
    with pytest.raises(ConfigError, match=r"counted.*\(\?P<unit>"):
        lexicon.parse(json.dumps(d, ensure_ascii=False).encode(), "t")


def test_a_missing_file_says_which_variable(tmp_path):
    with pytest.raises(ConfigError, match="POLICYBOT_LEXICON"):
        lexicon.load(str(tmp_path / "nope.json"))


def test_an_index_built_with_another_lexicon_is_refused_with_the_rebuild_command(tmp_path, monkeypatch, parsed_corpus,
                                                                               hash_embeddings):
    from policybot import index as ix
    from policybot.errors import IndexMismatchError

    doc = next(iter(parsed_corpus.values()))
    ix.save(ix.build([doc], hash_embeddings, embedding_spec="hash"), tmp_path / "idx")
    ix.load(tmp_path / "idx", hash_embeddings)  # the same lexicon: fine
    d = bundled()
    d["expansions"].append(["测试词", "替换词"])
    f = tmp_path / "lex.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(lexicon.ENV, str(f))
    with pytest.raises(IndexMismatchError, match="another lexicon.*policybot ingest"):
        ix.load(tmp_path / "idx", hash_embeddings)
    # a rebuild reuses its vectors (they do not depend on the lexicon), not its tokens
    assert len(ix.load(tmp_path / "idx", hash_embeddings, any_lexicon=True).vectors) > 0


def test_a_kind_of_money_is_a_noun_not_a_verb():
    kinds = lexicon.get().money_kinds
    assert all(kinds.search(w) for w in ("房租", "增值税", "电费", "贴息", "社保费"))
    assert not any(kinds.search(w) for w in ("先租", "再租"))  # 先租着用: lease first, not rent
    # 征税 / 缴费 name the act, not which tax or fee; 税务局 and a typo's 税有 name none
    assert not any(kinds.search(w) for w in ("征税", "缴费", "税务局", "税务", "税有"))
    assert all(kinds.search(w) for w in ("出口退税", "租金", "税收", "费率"))
    # words that only end like one: information, evaluation, risk, consumption
    assert not any(kinds.search(w) for w in ("信息", "消息", "评价", "风险", "消费", "浪费"))
    assert all(kinds.search(w) for w in ("保险", "失业保险", "利息", "电价", "工资"))


def test_a_department_named_as_the_subject_is_not_a_department_question():
    from policybot.query import detect_intents

    assert "department" not in detect_intents("国家如何要求各地交通运输部门强化人员培训？")
    assert "department" not in detect_intents("税务部门为纳税人出台了哪些举措？")
    for asked in ("这事归哪个部门管？", "受理部门是哪个？", "申报找什么部门？", "主管部门呢？", "对接部门是？"):
        assert "department" in detect_intents(asked), asked


def test_a_date_word_inside_another_word_is_not_a_validity_question():
    from policybot.query import detect_intents

    assert "validity" not in detect_intents("北京市研发的信息采集平台在哪里试运行？")  # 研发的, not 发的
    assert "validity" not in detect_intents("重庆市税务局出台的减免政策具体指什么？")  # 出台的 names the policy
    for asked in ("这个文件是哪年发的？", "这个政策什么时候出台的？", "这个通知还有效吗？"):
        assert "validity" in detect_intents(asked), asked


def test_a_rate_named_as_a_topic_is_not_asked():
    from policybot.query import detect_slots

    assert "rate" not in detect_slots("农发行将对哪些企业实行优惠利率政策？")
    for asked in ("贷款利率是多少？", "担保费率能降到多少？", "按什么税率交？", "利率呢？"):
        assert "rate" in detect_slots(asked), asked


def test_a_share_compared_or_set_aside_is_a_rate_asked():
    from policybot.query import detect_slots

    # 「哪个…比例高」 compares two rates; 「有多少是留给…」 asks the share of a whole (每年新批的地), per nothing
    for asked in ("济宁和淄博，哪个给技改补贴的比例高？", "每年新批下来的地，有多少是留给大项目的？"):
        assert "rate" in detect_slots(asked), asked
    assert "rate" not in detect_slots("这笔钱有多少？")


def test_a_fragment_is_written_once_and_used_by_every_pattern_that_names_it():
    d = json.loads(resources.files("policybot").joinpath("data/lexicon.json").read_text(encoding="utf-8"))
    assert "出台(?!{=asks_what}" in d["intents"]["validity"]  # the bundled file shares the phrase
    lex = lexicon.get()
    validity = dict(lex.intents)["validity"]
    assert validity.search("这个政策什么时候出台的") and not validity.search("济南出台了哪些政策")
    d["fragments"]["asks_what"] = "了?什么"
    assert not dict(lexicon.parse(json.dumps(d).encode(), "t").intents)["validity"].search("出台了什么政策")
    d["intents"]["validity"] = "出台(?!{=nowhere})"
    with pytest.raises(ConfigError, match="fragment .*nowhere.* does not define"):
        lexicon.parse(json.dumps(d).encode(), "t")


def test_a_fragment_is_one_group_so_what_follows_it_holds_for_each_alternative():
    d = json.loads(resources.files("policybot").joinpath("data/lexicon.json").read_text(encoding="utf-8"))
    d["fragments"]["goal_horizon"] = "截止哪年|管到哪年"  # (no group of its own in the file)
    d["intents"]["validity"] = "{=goal_horizon}(?!投产)"
    validity = dict(lexicon.parse(json.dumps(d).encode(), "t").intents)["validity"]
    assert validity.search("截止哪年") and validity.search("管到哪年")
    assert not validity.search("截止哪年投产") and not validity.search("管到哪年投产")


def test_how_far_goals_reach_is_asked_as_the_year_they_are_set_for():
    horizon = lexicon.get().goal_horizon
    assert horizon.search("各项指标都是按哪一年作为节点的")
    assert not dict(lexicon.get().intents)["validity"].search("那个基地计划哪年投产")


def test_a_day_asked_is_not_the_number_of_a_文号():
    asked, said = lexicon.get().day
    assert asked.search("2023年11月几号印发的") and asked.search("具体哪一天发的")
    assert not asked.search("文号是济发2022几号来着") and not asked.search("济发〔2022〕几号")
    assert said.search("2024年10月24日印发") and not said.search("2023年11月制定出台")


def test_spoken_question_words_ask_what_their_written_forms_ask():
    from policybot import docqa
    from policybot.query import analyze, detect_intents, detect_slots

    assert detect_slots("这个意见啥时候发的？") == detect_slots("这个意见什么时候发的？") == {"date"}
    assert "conditions" in detect_slots("这个补贴咋申请？") and "procedure" in detect_intents("这个补贴咋申请？")
    assert docqa.facets(analyze("那份意见文号是啥，啥时候发的？")) == {"number", "date"}
    assert docqa.is_about_document(analyze("这两个文件哪个在前？")) and docqa.facets(analyze("哪份更早？各是几号？")) == {"date"}
    assert docqa.facets(analyze("这个意见是几号文？")) != {"date"}  # 几号文 asks its 文号
    assert docqa.facets(analyze("这份方案是发给哪些单位的？")) == {"addressees"}
    assert "addressees" not in docqa.facets(analyze("有没有啥奖励？是哪一级出钱？"))  # who pays is not whom it is sent to
    assert lexicon.get().written("有啥用") == "有什么用"


@pytest.mark.parametrize(
    "question, kind, name",
    [
        ("外地来的员工可以通过哪种方式申领补助？", "intent", "procedure"),
        ("这个服务平台包含什么板块？", "intent", "list"),
        ("窗口的受理时间是几点到几点？", "slot", "date"),
        ("厂房的租金是多少一平？", "slot", "amount"),
        ("离2025年的目标还差多少？", "slot", "actual"),
    ],
)
def test_question_forms_ask_what_they_ask(question, kind, name):
    from policybot.query import detect_intents, detect_slots

    assert name in (detect_intents(question) if kind == "intent" else detect_slots(question))


def test_a_size_word_asks_money_only_where_money_is_named():
    from policybot.query import detect_slots

    assert "amount" in detect_slots("每年那笔扶持资金是多大的盘子？")
    assert "amount" not in detect_slots("全市的算力总盘子有多大？")


def test_the_asker_telling_of_themself_and_the_kinds_of_an_address_are_lexicon_data(monkeypatch):
    from dataclasses import replace

    from policybot import lexicon, query

    lex = lexicon.get()
    said, wants, burden = lex.asker_self
    assert said.match("我们是济南一家做医疗器械的民营企业") and wants.search("想上一条生产线") and burden.search("一年水费不少")
    web, web_said = lex.slot("contact").kinds[0]
    assert web.search("网址是啥") and not web_said.search("“济企通”服务企业云平台")
    # a lexicon without the entry leaves the question whole
    monkeypatch.setattr(lexicon, "get", lambda: replace(lex, asker_self=None))
    text = "我们是济南一家做医疗器械的民营企业，上个月企业技术中心刚被认定为省级的，市里对这个有扶持吗？"
    assert query.without_self(text) == text


def test_a_fragment_may_use_another_but_not_itself_in_a_circle():
    d = json.loads(resources.files("policybot").joinpath("data/lexicon.json").read_text(encoding="utf-8"))
    assert "{=bar_end}" in d["fragments"]["threshold"]  # the bundled file: a bar asked and one supposed share its end
    asked, supposed = lexicon.get().threshold
    assert asked.search("营收多少才够格？") and supposed.search("得是规上企业才能报")
    d["fragments"]["bar_end"] = "才(?:行|{=threshold})"
    with pytest.raises(ConfigError, match="circle"):
        lexicon.parse(json.dumps(d).encode(), "t")
