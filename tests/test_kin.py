"""Follow-ups that name another item of a list the documents give."""

from __future__ import annotations

from policybot.kin import siblings, swap
from policybot.query import analyze

TEXTS = [
    "实施“三新”产业集群(新一代信息技术、新能源、新材料)倍增计划。",
    "重点发展智能终端、工业机器人、第三代半导体等细分行业。",
    "到2025年,营业收入达到300亿元。",
]


def test_the_items_of_a_list_are_each_others_kin():
    kin = siblings(TEXTS)
    assert kin("新材料") == {"新一代信息技术", "新能源"}
    assert "重点发展智能终端" in kin("工业机器人")  # a first item carries the words before it...
    assert "新一代信息技术" in kin("新能源") and kin("营业收入") == frozenset()


def test_a_follow_up_naming_another_item_swaps_it_into_the_question_before():
    kin = siblings(TEXTS)
    assert swap("济宁新一代信息技术集群2025年营收目标多少？", "新材料", kin) == "济宁新材料集群2025年营收目标多少？"
    assert swap("济宁智能终端产业有哪些企业？", "工业机器人", kin) == "济宁工业机器人产业有哪些企业？"  # ...its ending stands for it
    assert swap("济宁的营收目标多少？", "新材料", kin) is None  # nothing of the list in the question before
    # a word the list has only as the end of an item stands for that item (化工 for 高端化工)
    assert swap("济宁高端装备集群目标多少？", "化工", siblings(["培育千亿级产业集群2个(高端装备、高端化工)"])) == "济宁高端化工集群目标多少？"
    q = analyze("新材料呢？", ["济宁新一代信息技术集群2025年营收目标多少？"], kin=kin)
    assert q.standalone == "济宁新材料集群2025年营收目标多少？"
    plain = analyze("新材料呢？", ["济宁新一代信息技术集群2025年营收目标多少？"])  # without the documents' lists
    assert "新一代信息技术" in plain.standalone


def test_the_follow_up_is_answered_for_the_item_it_names(ask):
    a = ask("新材料呢？", "济宁新一代信息技术集群2025年营收目标多少？")
    assert "300 亿元" in a.answer and "新材料" in a.answer, a.answer


def test_a_swap_does_not_depend_on_the_order_a_set_gives_its_items_in():
    # the same answer on every run: two items of one length, both said in the question before, in either order
    prev = "淄博要培育多少家专精特新中小企业？"
    first = swap(prev, "单项冠军", lambda t: ["专精特新", "中小企业"])
    assert first == swap(prev, "单项冠军", lambda t: ["中小企业", "专精特新"]), first
