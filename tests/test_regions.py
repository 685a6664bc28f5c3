"""The national gazetteer: places in questions and documents, and which
documents cover which places. Hand-made inputs."""

from __future__ import annotations

import pytest

from policybot.regions import NATIONAL, covers, find_places, lineage, nearest_with_documents, region_of_text, resolve, within


def names(text: str) -> list[str]:
    return [p.full for p in find_places(text)]


@pytest.mark.parametrize("text, expected", [
    ("南山区的房租减免政策？", ["广东省深圳市南山区"]),  # 深圳's, not 鹤岗's: the larger city
    ("余杭区有什么补贴", ["浙江省杭州市余杭区"]),
    ("鹤岗市南山区的政策", ["黑龙江省鹤岗市南山区"]),  # the city named decides
    ("广东省深圳市南山区的企业", ["广东省深圳市南山区"]),  # one place, not three
    ("杭州余杭的企业", ["浙江省杭州市余杭区"]),  # a district's short form beside its city
    ("北京市对中小企业有什么支持？", ["北京市"]),
    ("朝阳区的企业", ["北京市朝阳区"]),
    ("吉林的政策", ["吉林省"]),  # the province before the city of the same short name
    ("内蒙古和广西的稳岗补贴", ["内蒙古自治区", "广西壮族自治区"]),
    ("邹城有什么扶持政策？", ["山东省济宁市邹城市"]),  # a county-level city's short form is a name
    ("延边朝鲜族自治州", ["吉林省延边朝鲜族自治州"]),
    ("仙桃市", ["湖北省仙桃市"]),  # a county-level city directly under its province
    ("省、市和县级人民政府要加强领导", []),  # 和县 followed by 级: a level, not the county
    ("和县的企业", ["安徽省马鞍山市和县"]),
])
def test_places_anywhere_in_china(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "人力资源和社会保障部门负责",  # 资源 (资源县) is a word here
    "会同有关部门落实",  # 会同县
    "延长社会保险费缴纳期限",  # 延长县
    "新建项目给予补贴",  # 新建区
    "朝阳产业",
    "技改补贴有多少？",
])
def test_ordinary_words_are_not_places(text):
    assert find_places(text) == []


def test_a_province_document_does_not_cover_another_province():
    shenzhen = find_places("深圳")[0]
    assert not covers("山东省", shenzhen)
    assert not covers("济南市", shenzhen)
    assert covers("广东省", shenzhen)


def test_a_national_document_covers_every_place():
    for text in ("深圳", "北京", "余杭区", "西藏"):
        assert covers(NATIONAL, find_places(text)[0])


def test_a_province_covers_its_cities_and_a_city_its_districts():
    assert covers("山东省", find_places("济南")[0])
    assert covers("济南市", find_places("济南市市中区")[0])
    assert not covers("济南市市中区", find_places("济南市章丘区")[0])
    # a district's document is relevant when its city or province is asked about
    assert covers("济南市市中区", find_places("济南")[0])
    assert covers("济南市", find_places("山东")[0])


def test_a_document_of_unknown_region_covers_nothing():
    assert not covers("", find_places("济南")[0])


def test_within_follows_the_gazetteer_not_the_spelling():
    assert within("济南市市中区", "济南市") and within("济南市", "山东省") and within("北京市朝阳区", "北京市")
    assert not within("济南市", "济南市市中区") and not within("山东省", "广东省")
    assert within(NATIONAL, NATIONAL) and not within(NATIONAL, "北京市") and not within("北京市", NATIONAL)


def test_a_place_without_documents_goes_to_the_nearest_area_with_some():
    zhangqiu = find_places("济南市章丘区")[0]
    assert nearest_with_documents(zhangqiu, {"济南市", "济南市市中区"}) == "济南市"
    assert nearest_with_documents(zhangqiu, {"山东省", "广东省"}) == "山东省"
    assert nearest_with_documents(zhangqiu, {NATIONAL, "广东省"}) == NATIONAL
    assert nearest_with_documents(zhangqiu, {"广东省"}) is None
    assert nearest_with_documents(find_places("山东")[0], {"济南市"}) == "山东省"


def test_resolve_and_lineage():
    p = resolve("广东省深圳市南山区")
    assert p is not None and p.name == "深圳市南山区" and p.level == "区县"
    assert lineage(p) == ("广东省", "深圳市", "深圳市南山区")
    assert lineage(resolve("北京市朝阳区")) == ("北京市", "北京市朝阳区")
    assert resolve("不存在的地方") is None


def test_the_region_of_a_text_is_its_most_mentioned_smaller_place():
    text = "铁岭市人民政府：为支持铁岭市中小企业，会同有关部门，在辽宁省内……铁岭市将延长期限。"
    assert region_of_text(text).full == "辽宁省铁岭市"
    assert region_of_text("这里没有地名。") is None


def test_a_district_in_an_address_list_does_not_make_a_city_notice_the_districts():
    text = ("北京市水务局关于停征污水处理费的通知 市自来水集团，排水中心，海淀区节水中心：按照北京市政府要求，"
            "在北京注册的中小微企业停征污水处理费。北京市水务局负责中心城区的审批，北京市疫情结束后一个月内办理。")
    assert region_of_text(text).name == "北京市"
    # a district said about as often as its city is where the text is about
    assert region_of_text("朝阳区复工情况。北京市要求各区有序复工，朝阳区已有20家企业复工。").name == "北京市朝阳区"


def test_a_road_named_after_a_place_is_not_the_place():
    assert find_places("临汾路街道地处静安、宝山、虹口三区交界处") == []
    assert [p.name for p in find_places("山西临汾市的企业")] == ["临汾市"]


def test_a_citys_shi_that_opens_its_districts_name_is_the_districts():
    # 济南市中区 = 济南 + 市中区, the 市 written once; 枣庄 has a 市中区 of its own
    assert [p.name for p in find_places("济南市中区对总部企业落户有奖励吗？")] == ["济南市市中区"]
    assert [p.name for p in find_places("枣庄市中区的企业")] == ["枣庄市市中区"]
    assert [p.name for p in find_places("济南市中小企业")] == ["济南市"]  # 中小 opens no district


def test_a_short_name_inside_a_policy_term_is_the_term_not_the_place():
    assert [p.name for p in find_places("济宁几年内要建几个智能工厂、几个灯塔工厂？")] == ["济宁市"]
    assert [p.name for p in find_places("灯塔市的企业能拿多少补贴？")] == ["辽阳市灯塔市"]  # the full name is the place


def test_a_short_name_that_is_a_word_names_its_city_when_it_is_all_a_message_says():
    from policybot.regions import bare_place

    assert bare_place("东营").name == "东营市"
    assert bare_place("中山").name == "中山市"
    assert bare_place("泰山") is None  # a mountain, no city of that name
    assert bare_place("东营企业") is None  # in running words it is a word


def test_a_place_that_opens_a_bodys_name_says_whose_text_it_is():
    # 湖北 is only spoken of (its firms are exempted), 天津 names the bodies the text sends readers to
    text = ("关于服务企业复工复产的措施 对湖北省企业免除检验费用。对委托单位为湖北省的企业免除检测费用。"
            "详情可登陆天津市市场监督管理委员会网站查询，或咨询天津市标准化研究院。")
    assert region_of_text(text).name == "天津市"
    # a body's place said once does not outweigh a place the text is about throughout
    assert region_of_text("铁岭市人民政府：为支持铁岭市中小企业……铁岭市将延长期限；省财政厅另行通知。").name == "铁岭市"


def test_a_zone_named_after_a_lake_is_not_the_county_of_that_name():
    """文昌湖区 is 淄博's zone: its 文昌 is the lake's, not 海南's 文昌市, which is still named in full or alone."""
    from policybot.regions import find_places

    assert [p.name for p in find_places("淄博文昌湖区管委会负责哪些任务")] == ["淄博市"]
    assert "文昌市" in [p.name for p in find_places("海南文昌的企业能申请吗")]
    assert [p.name for p in find_places("青岛黄岛区")][-1] == "青岛市黄岛区"
