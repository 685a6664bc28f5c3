"""Understanding a question before retrieval: checks, clean-up, follow-ups.

- ``check_question``: empty or absurdly long input -> ``QuestionError``.
- ``sanitize``: traditional -> simplified, full-width -> half-width, English
  policy words -> Chinese, and instructions aimed at the assistant
  ("忽略之前的指令", "ignore previous instructions", a fake 【原文：…】) are
  cut out: they are never obeyed, only the question they carry is answered.
- ``resolve``: a follow-up ("那淄博呢？", "最高多少？", "这个归哪个部门管？")
  is rewritten into a standalone question from the earlier questions.
- ``analyze``: intents (amount, department, validity, …), places, years.

All pure: strings in, a frozen ``Query`` out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import QuestionError
from .limits import INVISIBLE, History, check_history, check_text  # noqa: F401 - re-exported
from .regions import Place, find_places

MAX_CHARS = 2000

# ---------------------------------------------------------------- clean-up

_INJECTION = [
    re.compile(
        r"(?:请)?(?:忽略|无视|忘记|忘掉|不要理会|不用管|跳过|抛开)(?:掉)?"
        r"(?:之前|以上|上面|前面|先前|此前|刚才|你的|系统|原有)?(?:的)?(?:所有|全部|一切)?(?:的)?"
        r"(?:指令|指示|规则|设定|要求|提示词?|约束|限制|规定|设置)[，,。.!！;；]?"
    ),
    re.compile(r"ignore\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)?\s*(?:instructions?|rules?|prompts?)[.,!;]*", re.I),
    re.compile(r"(?:and\s+)?(?:just|only)\s+(?:say|answer|reply|output)\s+['\"“]?[\w\s]{1,20}['\"”]?[.,!;]*", re.I),
    re.compile(r"(?:你现在是|从现在起你是|现在你是|扮演|假装你?是)[^，,。.!！？?]{0,30}[，,。.!！]?"),
    re.compile(r"(?:输出|打印|显示|告诉我)(?:你的)?(?:系统提示词?|system\s*prompt|提示词)[。.!！]?", re.I),
    re.compile(r"(?:不要|别|不用)(?:引用|查|看)(?:文件|原文|资料)[，,。.!！]?"),
    re.compile(r"[【\[［]\s*(?:系统|system)\s*(?:指令|提示|消息|prompt)?\s*[】\]］]", re.I),
    re.compile(r"(?:从现在起|现在起|接下来)?(?:你)?(?:必须|只能|一定要|务必)(?:回答|说|输出|回复)[“\"「『'][^”\"」』']{0,80}[”\"」』'][。.!！，,]?"),
    re.compile(r"(?:请)?(?:在回答(?:里|中)|回答时)(?:引用|写上|加上|说)[“\"「『'][^”\"」』']{0,80}[”\"」』'](?:这一?条|这句话?)?[。.!！，,]?"),
    re.compile(r"(?:问题|question)\s*[:：]\s*", re.I),
]
_FAKE_SOURCE = re.compile(r"[【\[［(（]\s*(?:文件)?(?:原文|条款|规定)\s*[:：][^】\]］)）]{0,200}[】\]］)）]")

# English (and pinyin) words users mix in -> the Chinese the documents use.
_GLOSSARY = {
    r"\bsubsid(?:y|ies|ise|ize)\b": "补贴",
    r"\bgrants?\b": "补助",
    r"\brewards?\b": "奖励",
    r"\bbonus\b": "奖励",
    r"\btax(?:es)?\b": "税",
    r"\bR\s*&\s*D\b": "研发",
    r"\brevenue\b": "营业收入",
    r"\btargets?\b": "目标",
    r"\bgoals?\b": "目标",
    r"\bdepartments?\b": "部门",
    r"\bsmart\s+manufacturing\b": "智能制造",
    r"\bdigital\s+transformation\b": "数字化转型",
    r"\bAI\b": "人工智能",
    r"\bgreen\s+factor(?:y|ies)\b": "绿色工厂",
    r"\bclusters?\b": "产业集群",
    r"\bpolic(?:y|ies)\b": "政策",
    r"\bSMEs?\b": "中小企业",
    r"\bunicorns?\b": "独角兽",
    r"\bgazelles?\b": "瞪羚",
    r"\btalents?\b": "人才",
    r"\bloans?\b": "贷款",
    r"\bEVs?\b": "新能源汽车",
    r"\bnew\s+energy\s+vehicles?\b": "新能源汽车",
    r"\bhydrogen\b": "氢能",
    r"\bchips?\b": "集成电路",
    r"\bsoftware\b": "软件",
    r"\bdata\s+cent(?:er|re)s?\b": "数据中心",
    r"\bcomputing\s+power\b": "算力",
    r"\bbase\s+stations?\b": "基站",
    r"\bupgrad(?:e|ing)\b": "改造",
    r"\bequipment\b": "设备",
    r"\bworkshops?\b": "车间",
    r"\bfactor(?:y|ies)\b": "工厂",
    r"\bstill\s+valid\b": "还有效吗",
    r"\bvalid\b": "有效",
    r"\bexpired?\b": "到期",
    r"\bjinan\b": "济南",
    r"\bjining\b": "济宁",
    r"\bzibo\b": "淄博",
    r"\bshizhong\b": "市中区",
    r"\bqingdao\b": "青岛",
    r"\bhow\s+much\b": "多少",
    r"\bhow\s+many\b": "多少",
    r"\bwho\s+is\s+responsible\b": "哪个部门负责",
    r"\bwhich\s+department\b": "哪个部门",
}
_GLOSSARY_RE = [
    (re.compile(k.replace(r"\b", r"(?<![A-Za-z])", 1).replace(r"\b", r"(?![A-Za-z])"), re.I), v)
    for k, v in _GLOSSARY.items()
]


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def _half_width(text: str) -> str:
    """Full-width letters, digits and %, and the ideographic space, to ASCII;
    Chinese punctuation stays as typed."""
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or ch in "％＋－．":
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def check_question(question: object, max_chars: int = MAX_CHARS) -> str:
    if question is None:
        question = ""
    q = check_text(question)
    if not INVISIBLE.sub("", q):
        raise QuestionError("问题是空的：请输入想问的政策问题，例如「济南整车间智能化改造能补多少？」。")
    q = q.strip()
    if len(q) > max_chars:
        raise QuestionError(
            f"问题太长（{len(q)} 字）：请把问题控制在 {max_chars} 字以内，只保留想问的内容。"
        )
    return q


def sanitize(question: str) -> tuple[str, bool]:
    """The question as text to search with, and whether instructions aimed
    at the assistant were found (and removed)."""
    q = _half_width(question)
    q = _t2s().convert(q)
    injected = False
    stripped = _FAKE_SOURCE.sub(" ", q)
    injected |= stripped != q
    q = stripped
    for pat in _INJECTION:
        new = pat.sub(" ", q)
        injected |= new != q
        q = new
    for pat, zh in _GLOSSARY_RE:
        q = pat.sub(zh, q)
    q = re.sub(r"\s+", " ", q).strip(" ，,。.;；")
    return q, injected


_QUESTION_WORDS = re.compile(
    r"[?？吗呢么]|多少|哪|什么|啥|怎么|怎样|如何|几|是否|有没有|能否|能不能|可不可以|是不是|对吧|对不对|谁|有无|何时|多久|多大|多高|多长"
)


def looks_like_question(text: str) -> bool:
    return bool(_QUESTION_WORDS.search(text))


# ---------------------------------------------------------------- intents

INTENTS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(r"多少钱|补多少|奖多少|给多少|能补|补贴|补助|奖补|奖励|资助|扶持|补多|报销|最高|上限|封顶|最多|多少万|额度|比例|几个点|百分之|给钱|钱"),
    "department": re.compile(r"哪个部门|哪些部门|什么部门|部门|哪些单位|哪个单位|什么单位|由谁|谁来|负责|谁负责|谁管|归谁|归哪|谁牵头|牵头|责任单位|找谁|联系谁|对接|主管|负责单位|管这|管的"),
    "validity": re.compile(r"有效|过期|到期|期限|执行期|还算数|还管用|还能用|还在执行|还执行|还适用|失效|哪年发|哪天|什么时候(?:发|出|印发|出台)|何时(?:发|出)|文号|发文|出台|印发|发的|出的|公开发布|现在还"),
    "target": re.compile(r"目标|达到|要到|突破|多少家|多少个|多少项|规模|到20\d\d|20\d\d年前|计划|任务|定了"),
    "list": re.compile(r"哪些|哪几|有什么|有啥|包括|都有|几个方面|重点|主要|分别|清单|列举|举措|措施"),
    "comparison": re.compile(r"比较|对比|区别|差别|不同|相比|哪个(?:多|高|大|早|先)|谁(?:多|高|大|早)|分别|各自|两地|两个城市|和.{1,8}(?:比|一样|相同)|\bvs\b", re.I),
    "condition": re.compile(r"条件|要求|门槛|资格|符合|怎么申请|如何申请|申报|认定"),
}


def detect_intents(text: str) -> frozenset[str]:
    return frozenset(name for name, pat in INTENTS.items() if pat.search(text))


# Colloquial words -> the words the documents use (BM25 side only).
_EXPANSIONS = [
    (re.compile(r"补贴|补助|补多少|报销|给钱|资助|能补"), "奖补 扶持 补贴 奖励"),
    (re.compile(r"奖"), "奖励"),
    (re.compile(r"技改|换设备|买设备|更新设备|老机器|新设备|设备更新|换新|机床|机器|设备|生产线|产线|车间"), "技术改造 设备投资 技改"),
    (re.compile(r"营收|收入"), "营业收入"),
    (re.compile(r"规上"), "规模以上"),
    (re.compile(r"研发投入|研发费|研发经费"), "研发经费 研发费用"),
    (re.compile(r"谁管|哪个部门|什么部门|哪些部门|找谁|联系谁|谁负责|主管|归口|归谁|归哪|牵头|负责单位|管这"), "责任单位 牵头单位"),
    (re.compile(r"上限|封顶|最多|最高"), "最高 不超过"),
    (re.compile(r"小巨人"), "专精特新"),
    (re.compile(r"贷款|融资|借钱"), "金融 信贷 贷款"),
    (re.compile(r"用地|土地|拿地"), "工业用地 用地"),
    (re.compile(r"厂房"), "标准厂房"),
    (re.compile(r"招人|引人|人才"), "人才 引进"),
    (re.compile(r"发电|屋顶|太阳能"), "光伏 储能"),
    (re.compile(r"电费|用电"), "电价 用电成本"),
    (re.compile(r"上云|数字化|智能化"), "数字化 智能化 改造"),
    (re.compile(r"绿色|环保|节能"), "绿色 节能"),
    (re.compile(r"有效|过期|到期|还算数|还管用"), "年 印发 发布"),
    (re.compile(r"公开|发到|发至|哪一级|范围"), "此件 公开发布 发至 县级"),
]


def expand(text: str) -> str:
    extra = [words for pat, words in _EXPANSIONS if pat.search(text)]
    return text + (" " + " ".join(extra) if extra else "")


# ---------------------------------------------------------------- follow-ups

_FOLLOWUP_HINT = re.compile(
    r"^(?:那|那么|那个|这个|这项|这些|这笔|这条|它|它们|该|上述|同样|还有|另外|再问|接着|然后)|呢[?？]?$|"
    r"^(?:最高|最多|上限|具体|分别|什么时候|哪年|归哪|谁管|哪个部门|有什么条件|条件|要求|怎么申请)"
)
_ANAPHORA = re.compile(r"这个|这项|这笔|这条|这些|它们?|该(?:政策|文件|项|条)|上述|那个|那份|这份")


def _content_len(text: str) -> int:
    """Characters left after removing question words, places and fillers."""
    t = re.sub(_QUESTION_WORDS, "", text)
    t = re.sub(r"那么?|这个|这项|这笔|它|呢|呀|啊|吧|的|了|是|还|也|和|与|又|再|请问|一下|现在|市里|区里|政府|文件|政策", "", t)
    for p in find_places(t):
        for name in {p.name, p.name.rstrip("市省"), p.name.replace(p.city or "", "")}:
            if name:
                t = t.replace(name, "")
    return len(re.sub(r"[\W\d_]", "", t))


def is_followup(question: str, history: tuple[str, ...]) -> bool:
    if not history:
        return False
    q = question.strip()
    if _FOLLOWUP_HINT.search(q) or _ANAPHORA.search(q):
        return True
    return _content_len(q) <= 4 or (len(q) <= 12 and not find_places(q))


def _replace_places(prev: str, new_places: list[Place]) -> str:
    old = find_places(prev)
    out = prev
    if old:
        # longest mention of the first old place -> the new place's short name
        first = old[0]
        mentions = sorted({first.name, first.name.rstrip("市"), (first.name.replace(first.city or "", "") or first.name)}, key=len, reverse=True)
        short = new_places[0].name
        if new_places[0].kind in ("区", "县") and new_places[0].city:
            short = new_places[0].name.replace(new_places[0].city, "")
        elif short.endswith("市"):
            short = short[:-1]
        for m in mentions:
            if m and m in out:
                out = out.replace(m, short, 1)
                break
        return out
    return new_places[0].name + out


def resolve(question: str, history: tuple[str, ...]) -> str:
    """A standalone form of ``question`` given the earlier questions."""
    standalone = ""
    for q in (*history, question):
        standalone = q if not standalone or not is_followup(q, (standalone,)) else _merge(standalone, q)
    return standalone


def _strip_ask(text: str) -> str:
    """The topic of a question: drop its trailing question part."""
    t = re.sub(r"[?？!！。]+$", "", text.strip())
    m = re.search(r"(?:能|可以|能够)?(?:补|奖|给|拿|有)?(?:多少|几|啥|什么)[^，,]*$", t)
    if m and len(t) - m.start() <= 6:
        t = t[: m.start()]
    return t.strip("，, ") or text


_FILLER = re.compile(r"^(?:那么?|那个|还有|另外|如果是|要是|换成)|的?(?:呢|吗)?[?？。!！]*$")


def _substitute(prev: str, q: str) -> str | None:
    """那市级的呢？ after ...国家级研发机构... -> ...市级研发机构...: replace the
    term of the same kind (the same ending) in the earlier question."""
    x = _FILLER.sub("", _FILLER.sub("", q.strip()))
    if not (1 < len(x) <= 8) or x in prev or looks_like_question(x):
        return None
    year = re.search(r"20\d{2}", x)
    if year:  # 到2023年呢？ -> the same question for that year
        old = re.search(r"20\d{2}", prev)
        return prev[: old.start()] + year.group(0) + prev[old.end():] if old else None
    for s in (2, 1):
        if len(x) <= s:
            continue
        suffix = x[-s:]
        m = re.search(rf"[^\W\d的个每上对在于和与及、]{{1,{max(1, len(x) - s + 1)}}}{re.escape(suffix)}", prev)
        if m and m.group(0) != x:
            return prev[: m.start()] + x + prev[m.end():]
    return None


def _only_place(body: str, places: list[Place]) -> bool:
    """那淄博呢？ / 淄博的呢 / 换成济宁呢：nothing but a place."""
    rest = body
    for p in places:
        for name in sorted({p.name, p.name.rstrip("市"), p.name.replace(p.city or "", "") or p.name}, key=len, reverse=True):
            rest = rest.replace(name, "")
    rest = re.sub(r"那么?|换成|如果是|要是|的|呢|吗|怎么样|如何|情况|那边|这边|[?？。!！，,\s]", "", rest)
    return len(rest) <= 1


def _merge(prev: str, q: str) -> str:
    places = [p for p in find_places(q)]
    body = q.strip()
    if not places:
        sub = _substitute(prev, body)
        if sub:
            return sub
    if places and _only_place(body, places):
        # 那淄博呢？ -> the earlier question asked about 淄博
        return _replace_places(prev, places)
    own_ask = looks_like_question(re.sub(r"[呢吗][?？]?$", "", body))
    topic = _strip_ask(prev) if own_ask else re.sub(r"[?？]+$", "", prev.strip())
    if places:
        topic = _replace_places(topic, places)
    body = re.sub(r"^(?:那么?|那个|还有|另外|再问一下?|接着|然后)[，,]?", "", body)
    return f"{topic}，{body}"


# ---------------------------------------------------------------- the query

_YEAR = re.compile(r"(20\d{2})\s*年?")


@dataclass(frozen=True)
class Query:
    original: str
    text: str  # cleaned
    standalone: str  # with the conversation resolved
    history: tuple[str, ...] = ()
    intents: frozenset[str] = frozenset()
    places: tuple[Place, ...] = ()
    years: tuple[int, ...] = ()
    followup: bool = False
    injected: bool = False
    asks: bool = True  # false when only instructions were found, no question
    extras: dict = field(default_factory=dict)

    @property
    def lexical(self) -> str:
        return expand(self.standalone)


def analyze(
    question: str, history: tuple[str, ...] | list[str] = (), *, today: dt.date | None = None, max_chars: int = MAX_CHARS
) -> Query:
    q = check_question(question, max_chars)
    hist = tuple(sanitize(h)[0] for h in history if h and str(h).strip())
    text, injected = sanitize(q)
    asks = bool(text) and (not injected or looks_like_question(text) or _content_len(text) >= 6 and not re.search(r"\d+\s*万|\d+\s*亿", text))
    if injected and text and not looks_like_question(text):
        asks = False
    followup = is_followup(text, hist) if text else False
    standalone = resolve(text, hist) if text else ""
    today = today or dt.date.today()
    years = [int(y) for y in _YEAR.findall(text)]
    own_places = find_places(text)
    if any(p.kind in ("区", "县") for p in own_places) and re.search(r"全市|市里|市级|市一级|整个市", text):
        city = next(p for p in own_places if p.kind in ("区", "县"))
        own_places = [Place(city.city, city.city, "市"), *own_places]
    places = own_places or (find_places(standalone) if followup else [])
    intents = detect_intents(text)
    if followup and hist and not (intents - {"list", "comparison"}):
        intents |= detect_intents(resolve(hist[-1], hist[:-1])) - {"comparison"}
    if len({p.city or p.name for p in places}) >= 2 and "comparison" not in intents and re.search(r"和|与|跟|及|、|还是", text):
        intents = intents | {"comparison"}
    sentences = [x for x in re.split(r"(?<=[。！？!?；;\n])", text) if x.strip()]
    asking = [x for x in sentences if looks_like_question(x)]
    ask = "".join(asking[-2:]) if len(text) > 60 and asking else text
    context_years = tuple(int(y) for y in re.findall(r"(?:现在|如今|今年|眼下|目前)(?:已经|都)?(?:是|到了|都)?\s*(20\d{2})", text))
    # "济南2020年那份意见": a year that names a document, not one asked about
    context_years += tuple(int(y) for y in re.findall(r"(20\d{2})\s*年?(?:的|那份|这份|那个|这个|出台的|印发的|发布的|定的)?[^，。？?,]{0,8}?(?:意见|方案|计划|报告|文件)", text))
    subsidy = bool(re.search(r"补|奖|扶持|资助|报销|资金|给钱|支持多少", ask if len(text) > 60 else (standalone or text)))
    return Query(
        original=q,
        text=text,
        standalone=standalone,
        history=hist,
        intents=frozenset(intents),
        places=tuple(places),
        years=tuple(dict.fromkeys(years)),
        followup=followup,
        injected=injected,
        asks=asks,
        extras={"subsidy": subsidy, "ask": ask, "context_years": context_years},
    )
