"""Document metadata: what the text itself says (``infer_meta``), what the
catalog overrides, and documents the catalog does not list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policybot.documents import (
    corpus_files,
    corpus_fingerprint,
    infer_meta,
    load_catalog,
    parse_file,
    parse_source,
    slugify,
)
from policybot.errors import PolicybotError
from policybot.normalize import clean_layout
from policybot.readers import read_file
from policybot.types import SourceText

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

JINAN = "jinan-2020-industrial-city-opinions.txt"
REPORT = "jinan-2025-action-plan-evaluation.txt"
SHIZHONG = "shizhong-2024-transformation-action-plan.txt"
JINING = "jining-2020-manufacturing-clusters-opinions.txt"
ZIBO = "zibo-2023-advanced-manufacturing-plan.txt"
SHIZHONG_PDF = "shizhong-2024-action-plan.pdf"
ZIBO_PDF = "zibo-2023-implementation-plan.pdf"
REPORT_HTML = "jinan-2025-evaluation-report.html"


def inferred(path: Path) -> dict:
    source = read_file(path)
    return infer_meta(source, clean_layout(source.text), "d")


@pytest.fixture(scope="module")
def meta_of(fixtures):
    """infer_meta of each file, by file name (corpus .txt or tests/fixtures)."""
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            cache[name] = inferred(CORPUS / name if (CORPUS / name).exists() else fixtures / name)
        return cache[name]

    return get


def case(name, field, value, marks=()):
    return pytest.param(name, field, value, marks=marks, id=f"{name}-{field}")


# (file, field, value), each value read by hand in the document's head.
FROM_TEXT = [
    case(JINAN, "title", "关于加快建设工业强市的实施意见"),
    case(JINAN, "number", None),
    case(JINAN, "date", "2020-07-09"),
    case(JINAN, "issuer", "中共济南市委、济南市人民政府"),
    case(JINAN, "region", "济南市"),
    case(JINAN, "level", "市"),
    case(JINAN, "kind", "实施意见"),
    case(JINAN, "period", None),
    case(JINAN, "horizon", 2025),
    case(SHIZHONG, "title", "济南市市中区推进新型工业化加快产业转型升级行动计划（2024—2026年）"),
    case(SHIZHONG, "number", "市中政字〔2024〕29号"),
    case(SHIZHONG, "date", "2024-10-24"),
    case(SHIZHONG, "issuer", "济南市市中区人民政府"),
    case(SHIZHONG, "region", "济南市市中区"),
    case(SHIZHONG, "level", "区县"),
    case(SHIZHONG, "province", "山东省"),
    case(SHIZHONG, "kind", "行动计划"),
    case(SHIZHONG, "period", "2024—2026年"),
    case(SHIZHONG, "valid_until", "2026-12-31"),
    case(SHIZHONG, "horizon", 2026),
    case(ZIBO, "title", "先进制造业强市实施方案（2023—2025年）"),
    case(ZIBO, "number", "淄政字〔2023〕7号"),
    case(ZIBO, "date", "2023-02-06"),
    case(ZIBO, "issuer", "淄博市人民政府"),
    case(ZIBO, "region", "淄博市"),
    case(ZIBO, "kind", "实施方案"),
    case(ZIBO, "period", "2023—2025年"),
    case(ZIBO, "valid_until", "2025-12-31"),
    case(JINING, "title", "关于加快先进制造业集群开放创新发展的意见"),
    case(JINING, "number", "济发〔2020〕16号"),
    case(JINING, "date", "2020-08-15"),
    case(JINING, "issuer", "中共济宁市委、济宁市人民政府"),
    case(JINING, "region", "济宁市"),
    case(JINING, "kind", "意见"),
    case(JINING, "horizon", 2025),
    case(REPORT, "title", "《推进新型工业化加快建设工业强市三年行动计划(2023—2025年)》执行情况评估报告"),
    case(REPORT, "number", None),
    case(REPORT, "date", "2025-08-29"),  # 发布日期
    case(REPORT, "region", "济南市"),
    case(REPORT, "period", "2023—2025年"),
    case(REPORT, "kind", "评估报告"),
    # the same documents as real files
    case(SHIZHONG_PDF, "number", "市中政字〔2024〕29号"),
    case(SHIZHONG_PDF, "date", "2024-10-24"),
    case(SHIZHONG_PDF, "issuer", "济南市市中区人民政府"),
    case(SHIZHONG_PDF, "region", "济南市市中区"),
    case(SHIZHONG_PDF, "period", "2024—2026年"),
    case(ZIBO_PDF, "number", "淄政字〔2023〕7号"),
    case(ZIBO_PDF, "date", "2023-02-06"),
    case(ZIBO_PDF, "title", "先进制造业强市实施方案（2023—2025年）"),
    case(REPORT_HTML, "title", "《推进新型工业化加快建设工业强市三年行动计划(2023—2025年)》执行情况评估报告"),
    case(REPORT_HTML, "date", "2025-08-29"),
    case(REPORT_HTML, "issuer", "工业和信息化局"),  # the page's 来源
    case(REPORT_HTML, "region", "济南市"),
    case(REPORT_HTML, "number", None),
    case(REPORT_HTML, "kind", "评估报告"),
]


@pytest.mark.parametrize(
    "name, field, value",
    FROM_TEXT,
)
def test_metadata_read_from_the_text(meta_of, name, field, value):
    assert meta_of(name).get(field) == value


def test_infer_meta_prefers_the_readers_hints():
    text = "一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导。"
    source = SourceText("a.html", "html", text, hints={"title": "淄博市某某实施方案", "date": "2024-01-02", "source": "淄博市工业和信息化局"})
    meta = infer_meta(source, clean_layout(text), "a")
    assert (meta["title"], meta["date"], meta["issuer"], meta["region"], meta["kind"]) == (
        "淄博市某某实施方案",
        "2024-01-02",
        "淄博市工业和信息化局",
        "淄博市",
        "实施方案",
    )


def test_infer_meta_without_anything_to_go_on_names_the_file():
    text = "坚持创新驱动发展，推动高质量发展。"
    meta = infer_meta(SourceText("notes/plain.txt", "txt", text), clean_layout(text), "plain")
    assert meta["title"] == "plain"
    assert (meta["id"], meta["date"], meta["issuer"], meta["region"]) == ("plain", "", "", "")


# --- the catalog


@pytest.mark.parametrize("entry", load_catalog(CORPUS), ids=lambda e: e["id"])
def test_the_catalog_overrides_what_the_text_says(parsed_corpus, entry):
    meta = parsed_corpus[entry["id"]].meta.to_json()
    for key, value in entry.items():
        if key in meta and key != "file":
            assert meta[key] == value, key
    assert meta["file"] == entry["file"]


def test_a_null_in_the_catalog_clears_what_the_text_says(parsed_corpus):
    # the report's text cites 济发〔2023〕7号 (the plan it evaluates); the catalog says it has no number
    report = parsed_corpus["jinan-2025-action-plan-evaluation"].meta
    assert (report.number, report.kind, report.issuer) == (None, "评估报告", "济南市工业和信息化局")


def test_overrides_replace_only_the_fields_they_name():
    source = read_file(CORPUS / ZIBO)
    doc = parse_source(source, "zibo", {"title": "先进制造业强市实施方案", "region": "淄博市", "file": "ignored.txt"})
    assert doc.meta.title == "先进制造业强市实施方案"
    assert doc.meta.number == "淄政字〔2023〕7号"  # still from the text
    assert doc.meta.file == "zibo-2023-advanced-manufacturing-plan.txt"


# --- documents the catalog does not list


@pytest.fixture
def mixed_corpus(tmp_path):
    """A corpus folder whose catalog lists one of its two documents."""
    entry = next(e for e in load_catalog(CORPUS) if e["file"] == JINAN)
    (tmp_path / "catalog.json").write_text(json.dumps({"documents": [entry]}, ensure_ascii=False), "utf-8")
    shutil.copy(CORPUS / JINAN, tmp_path / JINAN)
    shutil.copy(CORPUS / ZIBO, tmp_path / "zibo-plan-copy.txt")
    (tmp_path / "README.md").write_text("# notes\n", "utf-8")
    (tmp_path / "figures.csv").write_text("a,b\n", "utf-8")
    return tmp_path


def test_corpus_files_lists_the_catalog_then_the_other_documents(mixed_corpus):
    files = corpus_files(mixed_corpus)
    assert [(p.name, e.get("id")) for p, e in files] == [
        (JINAN, "jinan-2020-industrial-city-opinions"),
        ("zibo-plan-copy.txt", None),
    ]


def test_a_document_without_a_catalog_entry_gets_an_id_and_region_from_its_text(mixed_corpus):
    path, entry = corpus_files(mixed_corpus)[1]
    assert entry == {}

    doc = parse_file(path)

    assert doc.meta.doc_id == "zibo-plan-copy"
    assert (doc.meta.region, doc.meta.level, doc.meta.number) == ("淄博市", "市", "淄政字〔2023〕7号")
    assert all(c.clause_id.startswith("zibo-plan-copy:") for c in doc.clauses)


def test_a_chinese_file_name_gets_a_stable_ascii_id(tmp_path):
    path = tmp_path / "淄博方案.txt"
    shutil.copy(CORPUS / ZIBO, path)

    first, second = parse_file(path), parse_file(path)

    assert first.meta.doc_id == second.meta.doc_id == slugify("淄博方案")
    assert first.meta.doc_id.startswith("doc-") and first.meta.doc_id.isascii()
    assert first.meta.region == "淄博市"


@pytest.mark.parametrize(
    "stem, slug",
    [("Zibo 2023 Plan", "zibo-2023-plan"), ("jinan_2020", "jinan-2020"), ("济南a", None), ("方案", None)],
)
def test_slugify(stem, slug):
    if slug is None:
        assert slugify(stem).startswith("doc-") and slugify(stem) == slugify(stem)
        assert slugify(stem) != slugify(stem + "2")
    else:
        assert slugify(stem) == slug


# --- the catalog file and the corpus fingerprint


def test_a_folder_without_a_catalog_lists_its_documents_in_name_order(tmp_path):
    for name in ("b.txt", "a.md", "c.pdf", "skip.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert load_catalog(tmp_path) == []
    assert [p.name for p, _ in corpus_files(tmp_path)] == ["a.md", "b.txt", "c.pdf"]


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", ["not valid JSON"]),
        (json.dumps({"documents": [{"id": "a", "file": "a.txt"}, {"id": "a", "file": "b.txt"}]}), ["unique 'id'"]),
        (json.dumps({"documents": [{"file": "a.txt"}]}), ["unique 'id'"]),
    ],
    ids=["bad-json", "duplicate-id", "missing-id"],
)
def test_a_bad_catalog_is_refused_naming_the_file(tmp_path, content, words):
    (tmp_path / "catalog.json").write_text(content, "utf-8")
    with pytest.raises(PolicybotError) as caught:
        load_catalog(tmp_path)
    assert str(tmp_path / "catalog.json") in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_the_corpus_fingerprint_changes_with_any_file_or_entry(mixed_corpus):
    base = corpus_fingerprint(corpus_files(mixed_corpus))
    assert corpus_fingerprint(corpus_files(mixed_corpus)) == base

    copy = mixed_corpus / "zibo-plan-copy.txt"
    copy.write_text(copy.read_text("utf-8").replace("力争到2025年", "力争到2026年", 1), "utf-8")
    edited_file = corpus_fingerprint(corpus_files(mixed_corpus))

    catalog = json.loads((mixed_corpus / "catalog.json").read_text("utf-8"))
    catalog["documents"][0]["date"] = "2020-07-10"
    (mixed_corpus / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")
    edited_entry = corpus_fingerprint(corpus_files(mixed_corpus))

    (mixed_corpus / "new.txt").write_text("一、总体要求\n坚持创新驱动发展。", "utf-8")
    added_file = corpus_fingerprint(corpus_files(mixed_corpus))

    assert len({base, edited_file, edited_entry, added_file}) == 4


# --- documents without a catalog entry, with little structure (notices and news)

def _inferred(text: str, name: str = "1c1e54cd0a.txt") -> dict:
    return infer_meta(SourceText(name, "txt", text), clean_layout(text), "1c1e54cd0a")


def test_a_flattened_notice_gets_title_issuer_number_date_and_region_from_its_text():
    text = ("北京市人民政府办公厅关于应对新型冠状病毒感染的肺炎疫情影响促进中小微企业持续健康发展的若干措施 "
            "京政办发〔2020〕7号 各区人民政府，市政府各委、办、局： 为全力做好疫情防控工作，现提出如下措施。"
            "一、减免房租。对承租市、区属国有企业房产的中小微企业，免收2月份房租。 北京市人民政府办公厅 2020年2月5日")
    meta = _inferred(text)
    assert meta["title"] == "北京市人民政府办公厅关于应对新型冠状病毒感染的肺炎疫情影响促进中小微企业持续健康发展的若干措施"
    assert (meta["issuer"], meta["number"], meta["date"]) == ("北京市人民政府办公厅", "京政办发〔2020〕7号", "2020-02-05")
    assert (meta["region"], meta["province"], meta["level"]) == ("北京市", "北京市", "省")


def test_a_news_report_gets_its_headline_as_title_never_the_file_id():
    text = ("浙江温州设立2亿元稳岗专项资金 新华社杭州2月12日电（记者 张三） 温州市日前出台政策，"
            "设立2亿元稳岗专项资金，对不裁员或少裁员的企业给予补助。 温州市人社局表示……")
    meta = _inferred(text)
    assert meta["title"] == "浙江温州设立2亿元稳岗专项资金"
    assert (meta["region"], meta["province"], meta["level"]) == ("温州市", "浙江省", "市")


@pytest.mark.parametrize("text, issuer", [
    ("财政部 海关总署 税务总局关于防控新型冠状病毒感染的肺炎疫情进口物资免税政策的公告 为支持新型冠状病毒感染的肺炎疫情防控工作，现将有关政策公告如下。", "财政部、海关总署、税务总局"),
    ("工业和信息化部组织开展负压救护车重点生产企业督导检查 2020年2月4日，为做好疫情防控物资保障工作，工业和信息化部赴北京开展督导。", "工业和信息化部"),
    ("关于阶段性减免企业社会保险费的通知 各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）、财政厅（局）： 为减轻企业负担，现就有关事项通知如下。", ""),
])
def test_a_national_body_makes_a_national_document(text, issuer):
    meta = _inferred(text)
    assert (meta["region"], meta["province"], meta["level"]) == ("全国", "", "国家")
    assert meta["issuer"] == issuer


@pytest.mark.parametrize("text, region", [
    ("国家税务总局深圳市税务局关于发布疫情期间办税清单的通告 为减少人员聚集，现将办税清单通告如下。", "深圳市"),
    ("疫情防控期间税费优惠政策汇编 国家税务总局辽宁省税务局 2020年2月14日 为方便纳税人了解政策，现汇编如下。", "辽宁省"),
])
def test_a_national_bodys_office_in_one_place_makes_a_document_of_that_place(text, region):
    meta = _inferred(text)
    assert meta["region"] == region  # 国家税务总局 + 深圳市税务局: the city's office, not the nation's
    assert _inferred("国家税务总局关于优化纳税缴费服务的通知 各省、自治区、直辖市和计划单列市税务局：")["region"] == "全国"


def test_a_district_notice_gets_its_city_and_province():
    meta = _inferred("海陵区审批服务公告 为全面贯彻落实区委、区政府对疫情防控决策部署，泰州市海陵区行政审批局推行网上办理。")
    assert (meta["region"], meta["province"], meta["level"]) == ("泰州市海陵区", "江苏省", "区县")


def test_a_word_that_is_also_a_county_name_gives_no_region():
    meta = _inferred("关于做好人力资源服务的通知 会同有关部门延长办理期限。")
    assert (meta["region"], meta["province"], meta["level"]) == ("", "", "")


def test_a_catalog_region_gets_its_province_and_keeps_its_level():
    doc = parse_source(read_file(CORPUS / ZIBO), "zibo", {"region": "淄博市", "level": "市"})
    assert (doc.meta.region, doc.meta.province, doc.meta.level) == ("淄博市", "山东省", "市")


@pytest.mark.parametrize("field, text, value", [
    # a deadline or a start in the text is not the day the notice was issued
    ("date", "天津市A级旅游景区今年对全国医务工作者免门票 新华社天津2月16日电 天津市所有A级旅游景区将于疫情结束恢复营业后至2020年12月31日，"
     "对全国医务工作者实行免门票。", ""),
    ("date", "关于缓缴住房公积金的通知 企业可申请在2020年6月30日前缓缴住房公积金。 市住房公积金管理中心 2020年2月12日", "2020-02-12"),
    ("date", "关于减免企业社保费的通知 自2020年2月1日起，免征中小微企业三项社会保险单位缴费部分。", ""),
    # a title from the text, never the file id
    ("title", "各部门强化疫情防控助力企业复工复产 新华社北京2月16日电（记者 樊曦）春运返程运输启动以来，各地客流保持低位运行。", "各部门强化疫情防控助力企业复工复产"),
    ("title", "铜川市人民政府 各区县人社局，新区人社局，各有关单位： 为做好疫情防控工作，现将《铜川市人力资源和社会保障局疫情防控期间业务网上办理指南》"
     "（以下简称《指南》）印发你们。", "铜川市人力资源和社会保障局疫情防控期间业务网上办理指南"),
    ("title", "紧急公告 广大市民朋友： 1月25日，青海省首例疑似病例确认为确诊病例。", "紧急公告"),
])
def test_a_notices_date_and_title_read_from_its_text(field, text, value):
    assert _inferred(text)[field] == value


def test_a_news_dateline_is_where_the_report_was_filed_not_whose_policy():
    text = ("国开行已发放超200亿元疫情防控应急贷款 新华社北京2月10日电（记者 许晟）记者从国家开发银行获悉，"
            "国开行累计完成疫情防控应急贷款授信350亿元。同时，国开行对湖北省小微企业给予优惠利率支持。")
    assert _inferred(text)["region"] == "湖北省"  # not 北京市
    local = "南昌推出减息免租降税措施 新华社南昌2月12日电 南昌市对承租国有资产类经营用房的企业免收1个月房租。"
    assert _inferred(local)["region"] == "南昌市"


def test_a_report_that_opens_with_a_national_body_acting_is_national():
    text = ("禁止各地“土政策”阻碍应急物资调运、快递这样收……权威发布！ 2月6日，国务院联防联控机制召开新闻发布会，"
            "介绍应急物资保障情况。武汉市所需物资优先调运，湖北武汉的医疗物资缺口正在缩小，武汉各医院收到首批物资。")
    assert _inferred(text)["region"] == "全国"  # not 武汉市, which it mentions most
    local = "武汉：社区团购保供应 2月6日，武汉市商务局召开会议，部署社区团购。武汉各区加快推进。"
    assert _inferred(local)["region"] == "武汉市"


def test_the_signature_at_the_end_gives_issuer_and_date():
    text = ("关于支持新型冠状病毒感染的肺炎疫情防控有关个人所得税政策的公告 为支持新型冠状病毒感染的肺炎疫情防控工作，现就有关个人所得税政策公告如下："
            "一、对参加疫情防治工作的医务人员按照政府规定标准取得的临时性工作补助和奖金，免征个人所得税。"
            "二、本公告自2020年1月1日起施行。 财政部 税务总局 2020年2月6日")
    meta = _inferred(text)
    assert (meta["issuer"], meta["date"], meta["region"]) == ("财政部、税务总局", "2020-02-06", "全国")
    # a last sentence that happens to end in a date is not a signature
    assert _inferred("关于延期开学的通知 学校开学时间推迟至2020年3月2日")["issuer"] == ""


def test_a_title_naming_two_places_is_of_the_first_unless_it_holds_the_second():
    assert _inferred("上海医疗队再驰援武汉：我们在一起 昨天中午，由本市六家医院组成的新一批医疗队出发。")["region"] == "上海市"
    assert _inferred("浙江温州设立2亿元稳岗专项资金 记者从浙江省温州市政府获悉。")["region"] == "温州市"
