"""Place names: which region a question or a document is about.

A small gazetteer (provinces, prefecture-level cities, and the districts and
counties of Shandong's cities) lets policybot tell "济南" from "青岛" in a
question, route it to the documents of that region, and refuse plainly when
the corpus has nothing for the place asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()

# Prefecture-level cities outside Shandong (short names).
CITIES = (
    "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 "
    "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 "
    "长春 吉林 四平 辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 "
    "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 "
    "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 "
    "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 "
    "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 "
    "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 "
    "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 三沙 儋州 "
    "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 "
    "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 拉萨 日喀则 昌都 林芝 山南 那曲 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 "
    "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 西宁 海东 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 "
    "雄安 浦东 滨海新区 两江新区"
).split()

# Shandong: city -> districts and counties (short and full forms are matched).
SHANDONG: dict[str, tuple[str, ...]] = {
    "济南": ("历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区", "莱芜区", "钢城区", "平阴县", "商河县", "济南高新区", "起步区"),
    "青岛": ("市南区", "市北区", "黄岛区", "崂山区", "李沧区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市", "西海岸新区"),
    "淄博": ("淄川区", "张店区", "博山区", "临淄区", "周村区", "桓台县", "高青县", "沂源县", "文昌湖区"),
    "枣庄": ("薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市"),
    "东营": ("东营区", "河口区", "垦利区", "利津县", "广饶县"),
    "烟台": ("芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区", "龙口市", "莱阳市", "莱州市", "招远市", "栖霞市", "海阳市"),
    "潍坊": ("潍城区", "寒亭区", "坊子区", "奎文区", "临朐县", "昌乐县", "青州市", "诸城市", "寿光市", "安丘市", "高密市", "昌邑市"),
    "济宁": ("任城区", "兖州区", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县", "梁山县", "曲阜市", "邹城市"),
    "泰安": ("泰山区", "岱岳区", "宁阳县", "东平县", "新泰市", "肥城市"),
    "威海": ("环翠区", "文登区", "荣成市", "乳山市"),
    "日照": ("东港区", "岚山区", "五莲县", "莒县"),
    "临沂": ("兰山区", "罗庄区", "河东区", "沂南县", "郯城县", "沂水县", "兰陵县", "费县", "平邑县", "莒南县", "蒙阴县", "临沭县"),
    "德州": ("德城区", "陵城区", "宁津县", "庆云县", "临邑县", "齐河县", "平原县", "夏津县", "武城县", "乐陵市", "禹城市"),
    "聊城": ("东昌府区", "茌平区", "阳谷县", "莘县", "东阿县", "冠县", "高唐县", "临清市"),
    "滨州": ("滨城区", "沾化区", "惠民县", "阳信县", "无棣县", "博兴县", "邹平市"),
    "菏泽": ("牡丹区", "定陶区", "曹县", "单县", "成武县", "巨野县", "郓城县", "鄄城县", "东明县"),
}

# Ambiguous short names that are also ordinary words: only their full form counts.
_FULL_ONLY = {"吉林", "朝阳", "白山", "黄山", "山南", "中山", "河源", "通化", "开封", "白城", "永州", "铜仁", "新余", "来宾", "中卫", "海东", "资阳", "三明", "松原", "随州", "宣城"}


# District and county names whose short form is an ordinary word or another place.
_NO_SHORT = {"市中", "市南", "市北", "河东", "泰山", "东港", "黄岛", "济南高新", "西海岸新", "起步", "东营", "平原", "单", "冠", "费", "莒", "莘", "文昌湖", "高新"}


@dataclass(frozen=True)
class Place:
    name: str  # canonical: 济南市, 济南市市中区, 青岛市, 浙江省
    city: str | None  # prefecture-level city it belongs to (济南市)
    kind: str  # 省 | 市 | 区 | 县


def _city_full(short: str) -> str:
    return short if short.endswith(("市", "区")) else short + "市"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], Place]]:
    entries: list[tuple[str, Place]] = []
    for p in PROVINCES:
        place = Place(p + ("省" if p not in ("北京", "天津", "上海", "重庆", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "台湾") else ""), None, "省")
        entries.append((p, place))
    for c in list(CITIES) + list(SHANDONG):
        full = _city_full(c)
        place = Place(full, full, "市")
        entries.append((full, place))
        if c not in _FULL_ONLY and not c.endswith("区"):
            entries.append((c, place))
    for city, districts in SHANDONG.items():
        cfull = _city_full(city)
        for d in districts:
            kind = "区" if d.endswith("区") else "县"
            place = Place(cfull + d, cfull, kind)
            entries.append((d, place))
            base = d[:-1]
            if len(base) >= 2 and base not in _NO_SHORT and base not in SHANDONG:
                entries.append((base, place))  # 邹城, 章丘, 金乡
    # longest names first so 市中区 wins over 中区, 济南市 over 济南
    entries.sort(key=lambda e: -len(e[0]))
    return [(re.compile(re.escape(name)), place) for name, place in entries]


def find_places(text: str) -> list[Place]:
    """Places named in ``text``, in order of first mention, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Place]] = []
    for pat, place in _patterns():
        for m in pat.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            # "市中区" inside "济南市市中区" is fine; "省" after a province is part of it
            taken.append((a, b))
            found.append((a, place))
    found.sort(key=lambda f: f[0])
    # 济南市市中区: the city named right before one of its own districts is not a second place
    spans = {id(p): a for a, p in found}
    found = [
        (a, p) for a, p in found
        if not (p.kind == "市" and any(q.city == p.name and q.kind in ("区", "县") and 0 < spans[id(q)] - a <= len(p.name) for _, q in found))
    ]
    out: list[Place] = []
    for _, p in found:
        if p not in out:
            out.append(p)
    return out


def region_of_text(text: str) -> Place | None:
    """The most mentioned city-or-district in a document's text."""
    counts: dict[Place, int] = {}
    for pat, place in _patterns():
        if place.kind == "省":
            continue
        n = len(pat.findall(text))
        if n:
            counts[place] = counts.get(place, 0) + n
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0].name)))[0]


def covers(doc_region: str, place: Place) -> bool:
    """Does a document of ``doc_region`` (济南市, 济南市市中区) apply to ``place``?

    A city's document applies to its districts; a district's document applies
    to the district only (and is relevant when the city is asked about).
    """
    if place.kind == "省":
        return doc_region.startswith(place.name.rstrip("省")) or place.name == "山东省"
    return doc_region.startswith(place.name) or place.name.startswith(doc_region)
