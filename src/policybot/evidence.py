"""Which sentences of the retrieved clauses answer the question.

Every quotable segment (a sentence, or a closing 责任单位 line) of the
retrieved clauses is scored by: its meaning against the question (the
segment vectors stored in the index), the question's terms it contains
(IDF-weighted), what the question asks for (an amount, a department, a year)
and the rank of its clause. Pure functions over the loaded index.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

import numpy as np

from . import lexicon
from .clauses import LEVEL_RE, within_item
from .documents import DOCNO_RE, docno_key
from .index import IndexData
from .measure_parse import TARGET
from .normalize import fold_text
from .query import CHOICE, LEVEL_SAID, SELF, SET_ASIDE, Query, asks_only_whether_granted, detect_intents, holds_role, mentioned_places, pieces_asking, sentences_of, trade_of, untold, without_a_few
from .regions import NATIONAL, covers, place_mentions, resolve, within
from .tokenize import STOPWORDS, tokenize
from .types import DUTY, FOOTER, MASTHEAD, Hit

DUTY_TEXT = re.compile(r"(?:牵头单位|责任单位)\s*[:：]")
DUTY_LINE = re.compile(r"[（(]?" + DUTY_TEXT.pattern + r"[^）)\n]*[）)]?")  # the whole 「（责任单位：…）」

OTHER_PLACE = 0.3  # what a sentence of another place's document loses when the question names a place (dev part of corpus-ncp)
TITLE_LEAD = 0.4  # a sentence that holds its document's title (a news lead, a notice's opening) only repeats the topic (dev part of corpus-ncp)
OTHER_LEVEL = 0.15  # what a sentence of a district's document loses when 市里 is asked and no place (or a city's, 区里)
PLACE_NAMED = 0.2  # a place inside the document's area asked: a sentence that names it
DUTY_OF_MEASURE = 0.3  # who asked: a measure sentence whose clause names its 牵头/责任单位 (less than the line itself)
GRANT_SAID = 0.1  # support asked, no sum: a sentence that grants some
NO_GRANT = 0.2  # support asked (奖多少): a sentence whose sum is granted by no one
ON_TOPIC = 0.2  # a sentence holding this share of the question's terms is about it


# a programme's code name typed without its quotes (「231到底啥意思」, 「1+6+N平台」); not a year or a figure
_CODE = re.compile(r"(?<![\d.])((?!19\d\d|20\d\d)\d{3,4}|\d+(?:\+(?:\d+|[A-Za-z]))+)(?![\d.%％年月日万亿元个家项])")
_QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’'\s]{1,12})[”\"」』’']")
SLOT_KIND = 0.15  # what a sentence that carries the very kind of a slot asked (电话: a number) adds more (dev parts)
ITEM_NAMED = 0.3  # a sentence of the item the question names by its heading's words (「金融支持那条」)
BLOCK_HEADING = 0.6  # the share of the question's words a sentence has with its block's heading counts for this much (dev parts)
DEFINES = 0.5  # what a sentence that defines the term asked about adds (dev parts of the eval sets)
LISTS = 0.3  # what a sentence that lists the members of the thing a list question asks adds (fresh batches)
CHOSEN = 0.5  # what a sentence that names the trade a choice is asked by adds (「我们是做涂料的，应该去哪个？」)
NAMED_TERM = 0.2  # what a sentence that says the term a question asks of (“231”) adds (fresh batches)
NAMED_TERM_SHARE = 1 / 3  # ... when no more than this share of the retrieved clauses say it
QUOTED_TERM = 0.4  # ... when the asker puts it in quotes (「国网“火石”平台」): a name, the surest mark of what is asked (fresh batches)


def asked_terms(query: Query) -> list[str]:
    """The terms a question names as terms: quoted (「“231”产业集群」), or a
    programme's code typed without its quotes (「231到底啥意思」)."""
    return list(dict.fromkeys([*(m.group(1) for m in _QUOTED.finditer(query.asking)),
                               *(m.group(1) for m in _CODE.finditer(_QUOTED.sub("", query.asking)))]))


def subject_terms(query: Query) -> list[str]:
    """The quoted or coded terms a question asks something of (「济宁“231”产业集群
    的营业收入」), not those that only say where to look (「“231”集群里高端装备
    这块」: 高端装备 is asked of)."""
    out = []
    for t in asked_terms(query):
        at = query.asking.find(t)
        scope = _SCOPE_AFTER.match(query.asking, at + len(t))
        if scope and scope.group(0).endswith("中") and any(a < scope.end() <= b for a, b, _ in place_mentions(query.asking)):
            scope = None  # (「“火石”平台在市中区…」: the 中 of a place's name)
        if len(t) >= 2 and not scope:
            out.append(t)
    return out


_SCOPE_AFTER = re.compile(r"[”\"」』’']?[^，,。；;？?]{0,6}?(?:里|当中|之中|中(?!心|小|型|国|央|期|标))")


_COUNTED_TERM = re.compile(r"^[两二三四五六七八九十]([个条项大张])(.+)$")


def _defining(term: str) -> re.Pattern[str]:
    """How a sentence defines a term: the term followed by a parenthesis, a
    colon, 是指, 即, 包括 or 就是; a counted term (「两条线」, 「三大行动」) also
    by what each of its parts is (「“一条线”是…，“另一条线”就是…」)."""
    said = re.escape(term) + r"[”\"」』’']?\s*(?:[^，,。；;（(]{0,6}?)[，,]?\s*(?:[（(:：]|是指|即|包括|指的是|就是)"
    if m := _COUNTED_TERM.match(term):
        said += rf"|(?:另一|[一二三四五六七八九十第]+){re.escape(m.group(1) + m.group(2))}[”\"」』’']?\s*(?:是|就是|[:：])"
    return re.compile(said)


def defines(term: str, text: str) -> bool:
    """The text says what the term is: as ``_defining``, by a 、-list closed
    by 等 or 的 just before it (「一名链长负责、…、一套支持政策的“六个一”」), or
    by a quoted 、-list right before it (「“千项技改、千企转型”双千工程」)."""
    return bool(_defining(term).search(text) or re.search(r"、[^。；;]{0,80}(?:等|的)\s*[“\"「『]?" + re.escape(term), text)
                or re.search(r"[“\"「『][^”\"」』。；;]{0,40}、[^”\"」』。；;]{0,40}[”\"」』]\s*[“\"「『]?" + re.escape(term), text))


# 「…着力打造的重点产业链群有哪些」「…产业链群，都是哪几个」「主攻哪些产业」: the thing a list question
# asks the members of, before 有哪些 / 是哪几个 or after 哪些
_LISTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{3,10}?)[，,\s]?(?:到底|究竟)?(?:都|主要|具体|分别)?(?:有|是|包括|包含|指)?(?:哪一?些|哪几(?:个|条|类|项|种|家|大))")
_LISTED_AFTER = re.compile(r"(?:哪一?些|哪几(?:个|条|类|项|种|家|大))(?:块|类|项|个)?([\u4e00-\u9fff]{2,6})")
# 「把那几条产业链群给我列一列」: the thing whose members the asker wants listed
_LISTED_WANTED = re.compile(r"几(?:个|条|类|项|种|大)([\u4e00-\u9fff]{2,6}?)(?:都|全)?(?:给我|帮我|跟我|帮忙)?(?:列|罗列)")


_WON = re.compile(r"评上|获评|入选|被评|列入|上榜|拿到|评为")


def listed_nouns(question: str) -> list[str]:
    """The forms (longest first, down to four characters) of what a list question asks
    the members of: 「重点产业链群有哪些」 -> 重点产业链群, 点产业链群, 产业链群; 「哪些产业」 -> 产业;
    「哪几家企业」 -> none (a generic word)."""
    if (m := _LISTED_AFTER.search(question)) and len(noun := re.split(r"的|了|呢|吗|啊", m.group(1))[0]) >= 2:
        # (not a word any sentence may close a list with: 「哪几家企业」 -> 「…等企业」;
        # 「哪几个方向」 is answered by 「…等领域」)
        lex = lexicon.get()
        if noun in lex.list_kinds:
            return sorted(lex.list_kinds)
        # (or its beginning, where the words after it say what the members won: 「哪几个区县评上了」 -> 区县)
        if noun in lex.generic_words:
            return []
        won = _WON.search(noun, 2)
        return [noun] if won is None or noun[:won.start()] in lex.generic_words | lex.list_kinds else [noun, noun[:won.start()]]
    if m := _LISTED_BEFORE.search(question) or _LISTED_WANTED.search(question):
        noun = re.sub(r"(?:到底|究竟|一共|总共|共计|共)$", "", re.split(r"的|了|要|在|里|几个|几条", m.group(1))[-1])
        if len(noun) >= 3:
            # (and, of a long one, its ends without its middle: 「算力中心项目有哪几个」 is listed as 「…等算力项目」)
            return [noun[k:] for k in range(0, max(1, len(noun) - 3))] + ([noun[:2] + noun[-2:]] if len(noun) >= 6 else [])
        if len(noun) == 2 and noun not in lexicon.get().generic_words:  # 「区里重点的链群都有哪些」: 链群
            return [noun]
    return []


# 「是不是也把新材料、化工当重点产业链？」, 「“231”产业集群里有个陶瓷建材集群，是真的吗」: a thing claimed to be a
# member of a kind, whose list of members settles it
_PUT_AMONG = re.compile(r"把[^，,。？?]{1,24}?(?:当成?|当作|作为|列为|列成|列入|列进|定为|确定为)了?(?:区里|市里|全市)?的?([\u4e00-\u9fff]{3,10})")
_HELD_IN = re.compile(r"((?:[“\"「][^”\"」]{1,8}[”\"」])?[\u4e00-\u9fff]{2,8}?)(?:里|中|当中)(?:是不是|是否)?(?:专门|还|也)?(?:有没有|有|包括|包含)(?:个|一个)?"
                      r"([\u4e00-\u9fff]{2,10})")
_WHETHER = re.compile(r"是不是|是否|是真的|对吗|对不对|吗|有没有|听说")


def kind_claimed(question: str) -> list[str]:
    """The forms (longest first, down to four characters) of the kind a thing
    is asked or claimed to be one of (「…把生物医药列成重点产业链群了」 -> 重点产业链群 …),
    when the question asks whether."""
    if not _WHETHER.search(question):
        return []
    m = _PUT_AMONG.search(question)
    # (a member of the same kind as the one it is said to be in: 「“231”产业集群里…有个陶瓷建材集群」)
    m = m or next((h for h in _HELD_IN.finditer(question) if h.group(2).endswith(h.group(1)[-2:])), None)
    noun = re.sub(r"(?:了|吗|呢|啊|吧)+$", "", m.group(1)) if m else ""
    return [noun[k:] for k in range(0, max(1, len(noun) - 3))] if len(noun) >= 4 else []


def chosen_by(query: Query) -> str | None:
    """The trade a choice is asked by (「我们是做涂料的，应该去哪个（化工园区）？」: 涂料)."""
    return trade_of(query.text) if CHOICE.search(query.asking) else None


def lists_members(nouns: list[str], text: str) -> bool:
    """The text lists members of the thing asked: 「A、B、C等重点产业链群，」 or
    「A、B两大链主企业的」 (the list closed by it, not by a thing of it: 「…等产业链群关键
    领域」), or 「“231”产业集群(A、B…)」 (the thing, then its members in brackets)."""
    return any(n in text and (re.search(r"、[^。；;]{0,120}?等[\u4e00-\u9fff]{0,4}?" + re.escape(n) + r"(?=[\u4e00-\u9fff]?(?:[^\u4e00-\u9fff]|$)|发展|建设|企业|的|合作|对接)", text)
                             # (counted, the list is closed whatever follows: 「A、B、C3个区县获评…」)
                             or re.search(r"、[^。；;]{0,120}?[两二三四五六七八九十\d]+(?:大|个|家|条|项)[\u4e00-\u9fff]{0,4}?" + re.escape(n), text)
                             or re.search(re.escape(n) + r"\s*[（(][^（()）]{0,160}、[^（()）]{0,160}[）)]", text))
               for n in nouns)


def defines_named(question: str, seg: str) -> bool:
    """The sentence defines a term it quotes that the question names without
    quotes (「…出台的减免政策具体指什么」: 「“减免”，即通过减免房产税…」)."""
    return any(t in question and _defining(t).search(seg) for t in quoted_terms(seg))


def quoted_terms(text: str) -> list[str]:
    """The terms a text puts in quotes (“揭榜挂帅”, “231”), two characters or more."""
    return [t for m in _QUOTED.finditer(text) if len(t := m.group(1)) >= 2]


def defined_terms(query: Query) -> list[re.Pattern[str]]:
    """For a question asking what a term means or holds (「“231”产业集群
    指的是哪几个产业」, 「231都有啥」): how a sentence defines it (``_defining``)."""
    # (a list asked of the term itself, 「231都有啥」, is what it holds; not of one of its parts, 「“231”集群里…有哪些」)
    terms = asked_terms(query) if "definition" in query.intents else subject_terms(query) if "list" in query.intents else []
    return [_defining(t) for t in terms if len(t) >= 2]  # (not the “一” of 「哪六个“一”」)


_CLOSED_LIST = re.compile(r"、[^。；;，,、]{1,20}等")
ASPECTS = re.compile(r"(?:哪些|哪几个|几个|什么)方面")  # 「在哪些方面进行了升级」: the aspects, said as a list


def enumerates(seg: str, aspects: bool = False) -> bool:
    """The sentence lists things: four or more (three 、); where the aspects
    of something are asked (``ASPECTS``), also three closed by 等
    (「对页面设计、内容服务、功能开发等进行全面整合」)."""
    return seg.count("、") >= 3 or (aspects and seg.count("、") >= 2 and bool(_CLOSED_LIST.search(seg)))


def asks(seg: str) -> bool:
    """A sentence that ends in a question mark (an FAQ's question)."""
    return bool(re.search(r"[？?]\s*[」”\"]?\s*$", seg))


def money(text: str) -> bool:
    """An amount, a rate or a multiple (the lexicon's money pattern)."""
    return bool(lexicon.get().money.search(text))


def support(text: str) -> bool:
    """Words that grant support (给予, 补贴, 减免, …)."""
    return bool(lexicon.get().support_words.search(text))


LEVEL_RANK = {"国家": 3, "省": 2, "市": 1, "区县": 0, "区": 0, "县": 0}  # 国家级 3 … 区县级 0


_BY_LEVEL = re.compile(r"(国家|省|市|区县|区|县)(?:里|上)?(?:刚|新)?(?=认定|认下来|认的|评上|评的|批下来|批的|授牌)")  # 被省里认下来: 省级

LEVEL_PAIR = re.compile(r"(国家|省|市)级?[和及与、](省|市|区县|区|县)级")  # 国家和省级研发平台: two levels counted together
# a level named before an honour or platform without 级 (建设省制造业创新中心2家, 省重点实验室126家);
# not one of a pair (国家和省级研发平台500家: the two together)
HONOUR_LEVEL = re.compile(r"(?:^|(?<=[建设创争评定获批增育造为、，,（(\s个家和及]))(国家|省|市)(?!级|[和及与、](?:省|市|区|县))"
                           r"(?=[\u4e00-\u9fff“”]{0,10}?(?:创新中心|技术中心|工程(?:研究|技术)?中心|实验室|工厂|园区|基地|示范|冠军|平台|品牌|特色产业集群))")


def levels(text: str) -> frozenset[int]:
    """The administrative levels a text names (国家级 3 … 区县级 0); 市级以上
    names 市, 省 and 国家; 国家和省级 both; 「被省里认下来」 and 「省制造业创新中心」 say 省级."""
    out: set[int] = set()
    for m in LEVEL_RE.finditer(text):
        r = LEVEL_RANK[m.group(1)]
        out |= set(range(r, 4)) if m.group(2) else {r}
    out |= {LEVEL_RANK[m.group(1)] for pat in (_BY_LEVEL, HONOUR_LEVEL, LEVEL_PAIR) for m in pat.finditer(text)}
    return frozenset(out)


def other_level(asked: frozenset[int], text: str | frozenset[int]) -> bool:
    """The text (or the levels it names) names levels, and none of those
    asked (a 国家级 reward for a 省级 question)."""
    said = levels(text) if isinstance(text, str) else text
    return bool(asked and said and not asked & said)


def number(text: str) -> bool:
    return bool(lexicon.get().number.search(text))


FUND = 0.15  # what a sentence that sets a fund's size adds when the question asks about money set aside
BESIDES = 0.5  # what a sentence of the thing the asker sets aside (「除了专项资金，还有哪些…」) loses (fresh batches)
VERDICT = 0.3  # what a sentence that gives a verdict (评估认为…) adds when the question asks for one (dev parts)
CHANGE = 0.15  # what a sentence that says what a thing becomes (延长至…) adds when the question asks how it changed
NEXT_STEPS = 0.2  # what a sentence of a part headed or opened by 建议/下一步 adds when the question asks what comes next (fresh batches)
TAXED = 0.2  # what a sentence that says how a thing is taxed (免征…) adds when the question asks it


# 「…可拨打服务热线（86512345）或通过微信公众号…」: the sentence offers another way beside what is set aside
_OFFERS_ANOTHER = re.compile(r"[^。；;，,]{0,20}?(?:或者?|或是|以及|也可|还可)")


def set_aside(index: IndexData, query: Query) -> list[str]:
    """The words of what the asker sets aside (「除了专项资金里的贷款贴息，…还…」:
    专项, 资金, 贷款, 贴息); a sentence saying all of them is what they know, not
    what they ask. Places and generic words aside (「除了全市的…」 names a scope)."""
    m = SET_ASIDE.search(query.asking)
    if not m:
        return []
    generic = lexicon.get().generic_words
    phrase = m.group(1)
    for a, b, _ in sorted(place_mentions(phrase), reverse=True):
        phrase = phrase[:a] + " " + phrase[b:]
    return [w for w in dict.fromkeys(tokenize(phrase, index.tokenizer))
            if len(w) >= 2 and not w.startswith("#") and w not in generic and w not in STOPWORDS and index.token_df.get(w, 0) > 0
            and not re.fullmatch(r"[\d.]+|市里|市级|全市", w)]


def fund_asked(query: Query) -> bool:
    """An amount asked of money set aside (「每年拿出来扶持工业的钱」, 基金规模)."""
    fund = lexicon.get().fund
    return bool(fund and "amount" in query.intents and fund[1].search(query.asking))


def sets_fund(text: str) -> bool:
    """The sentence sets a fund's size (「每年设立不低于20亿元的工业发展扶持资金」)."""
    fund = lexicon.get().fund
    return bool(fund and fund[0].search(text))
COUNTED = 0.3  # what a sentence that states the count asked for adds, on topic (dev parts of corpus-ncp and the eval sets)
_NUMERAL = r"(?:\d[\d,.]*|[〇零一二三四五六七八九十百千两]+)"


_ANY_THING = ("项", "家", "条", "所", "座", "处", "台", "套", "件", "种", "类", "只")


def counted(question: str) -> re.Pattern[str] | None:
    """For a question that asks how many of something (多少家, 几方面, 多少天;
    the lexicon's ``counted``): a number said with that unit (28家, 四个方面,
    15天, 2万余户); None when it asks no count."""
    pat = lexicon.get().counted
    units = list(dict.fromkeys(m.group("unit") for m in pat.finditer(lexicon.get().written(without_a_few(question))))) if pat else []
    if not units:
        return None
    if "个" in units:  # 「多少个项目」: 个 counts anything, written in the thing's own measure (30项, 6家)
        units += [u for u in _ANY_THING if u not in units]
    said = [re.escape(u) for u in units]
    if "个" not in units and any(u in _ANY_THING for u in units):
        # 「建多少家智能工厂」: counted as 个 too where the thing is named before the number (「智能工厂 16 个,」),
        # not 个 of another thing (「28个项目」)
        said.append("个(?![\u4e00-\u9fff])")
    return re.compile(rf"{_NUMERAL}\s*(?:万|亿)?\s*(?:余|多)?\s*个?\s*(?:{'|'.join(said)})")


@dataclass(frozen=True)
class Evidence:
    clause_pos: int
    start: int  # in clause.text
    end: int
    score: float
    dense: float
    overlap: float
    hit_rank: int

    def text(self, index: IndexData) -> str:
        return index.clauses[self.clause_pos].text[self.start:self.end]


_SENTENCE_END = re.compile(r"[。！？!?]")


def its_year(text: str, a: int, b: int) -> re.Match[str] | None:
    """The year a quoted figure with no year of its own is set for, when its
    sentence says it before the quote (「到 2022 年，数字经济占…47% 以上；软件和信息
    技术服务业营业收入达到 3800 亿元以上」 -> 到 2022 年), as the text writes it."""
    quote = text[a:b]
    if _YEAR_SAID.search(quote) or not re.search(r"\d", quote):
        return None
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, a)), default=0)
    found = list(TARGET.finditer(text, start, a))
    return found[-1] if found else None


_YEAR_SAID = re.compile(r"(?<!\d)20\d{2}\s*年")


def idf(index: IndexData, token: str) -> float:
    n = max(1, len(index.lexical_texts))
    return math.log(1 + (n + 1) / (index.token_df.get(token, 0) + 0.5))


@lru_cache(maxsize=4)
def _long_generic(generic: frozenset[str]) -> tuple[str, ...]:
    """The lexicon's generic words of three or more characters (第一次), longest first; not stopwords (有没有)."""
    return tuple(sorted((w for w in generic if len(w) >= 3 and w not in STOPWORDS), key=len, reverse=True))


def query_terms(index: IndexData, text: str) -> dict[str, float]:
    """Weighted terms of a question, without places, stopwords and filler."""
    names = set()
    mentions = place_mentions(text)
    mentioned = mentioned_places(text, mentions)  # (「有没有提到香港」: 香港 is a word to look for)
    for p in dict.fromkeys(p for _, _, p in mentions):
        if p in mentioned:
            continue
        names |= {fold_text(p.name), fold_text(p.name.rstrip("市区县省")), fold_text(p.name.replace(p.city or "", ""))}
    generic = lexicon.get().generic_words
    for w in _long_generic(generic):  # (not read for the words inside it: 第一 of 第一次)
        text = text.replace(w, "，")
    out: dict[str, float] = {}
    for tok in tokenize(text, index.tokenizer):
        bare = tok.lstrip("#")
        if bare in STOPWORDS or bare in generic or any(bare and bare in n for n in names if len(bare) >= 2):
            continue
        w = idf(index, tok) * (0.5 if tok.startswith("#") else 1.0)
        out[tok] = max(out.get(tok, 0.0), w)
    return out


def topic_words(index: IndexData, text: str) -> list[str]:
    """The question's own words (jieba, no bigrams) that name its topic."""
    return [t for t in query_terms(index, text) if not t.startswith("#") and len(t) >= 2 and not t.isdigit()]


def overlap(terms: dict[str, float], text: str, tokenizer: str) -> float:
    return overlap_tokens(terms, set(tokenize(text, tokenizer)))


def with_short_forms(tokens: set[str]) -> set[str]:
    """A sentence's tokens with the short forms of the full ones it says
    (规模以上 工业 -> 规上, 规上工业) and the full forms of the short ones
    (营收 -> 营业收入): the question may use either."""
    out = set(tokens)
    for short, full in lexicon.get().abbreviations:
        if all(w in tokens for w in full):
            out.add(short)
        if short in tokens:
            out.update(full)
    return out


def overlap_tokens(terms: dict[str, float], have: set[str]) -> float:
    """IDF-weighted share of ``terms`` among the tokens ``have``."""
    if not terms:
        return 0.0
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in have) / total


def segment_similarities(index: IndexData, clause_pos: int, seg_ids: list[int], qvec: np.ndarray) -> np.ndarray:
    """Cosine of each segment to the question: its own vector where the
    index stores sentence vectors, else the vector of the chunk it sits in."""
    if index.segment_vectors is not None and len(index.segment_vectors) == len(index.segments):
        return index.segment_vectors[seg_ids] @ qvec
    chunk_ids = index.chunks_of(clause_pos)
    if not chunk_ids:
        return np.zeros(len(seg_ids), dtype=np.float32)
    sims = index.vectors[chunk_ids] @ qvec
    out = np.empty(len(seg_ids), dtype=np.float32)
    for j, sid in enumerate(seg_ids):
        a = index.segments[sid][1]
        k = next((n for n, c in enumerate(chunk_ids) if index.chunks[c].start <= a < index.chunks[c].end), None)
        if k is None:  # between chunks (a blank line): the chunk before it
            k = max([n for n, c in enumerate(chunk_ids) if index.chunks[c].start <= a] or [0])
        out[j] = sims[k]
    return out


def coverage(index: IndexData, words: list[str], text: str) -> float:
    """Share of topic words (IDF-weighted) that occur in ``text`` (folded)."""
    if not words:
        return 1.0
    f = fold_text(text)
    total = sum(idf(index, w) for w in words)
    return sum(idf(index, w) for w in words if w in f) / total


_CHOICE = re.compile(r"哪个(?!部门|单位|局)|哪家|哪里|哪儿|去哪|哪些(?!部门|单位|局)")  # a choice among places, parks, firms
EXPANDED = 0.2  # what a term counts for that only the lexicon's expansion of a spoken word says
UNHEARD = 0.5  # the same, when the spoken words are mostly ones the documents never use
TOLD_AFTER = 0.5  # what a term said after a message's asking sentences counts for when they name no topic
SELF_TOLD = 0.5  # what a term counts for that only the asker's telling of themself says


def _weighed_terms(index: IndexData, text: str) -> dict[str, float]:
    """A question's terms, those said only where the asker tells of themself
    (「我们小厂想找个能“工业上楼”的厂子，区里在厂房和产业用地上有啥说法没？」)
    counting less than those of the pieces that ask or name the topic."""
    pieces, asking = pieces_asking(text)
    told = [p for k, p in enumerate(pieces) if k not in asking and SELF.match(p)]
    if not told or len(told) == len(pieces):
        return query_terms(index, text)
    rest = query_terms(index, "，".join(p for p in pieces if p not in told))
    out = dict(rest)
    for t, w in query_terms(index, "，".join(told)).items():
        out.setdefault(t, SELF_TOLD * w)
    return out


def written_for_spoken(text: str) -> list[tuple[str, list[str]]]:
    """The spoken words of ``text`` the lexicon's expansions know, each with
    the written words they give (给部队配套 -> 军工), without words of support
    or amounts (给钱 -> 奖补 扶持, 最多 -> 最高 would draw every sum) and
    without a word that only spells out what was said (规上 -> 规模以上, 电费 -> 电费)."""
    lex = lexicon.get()
    out = []
    for pat, ws in lex.expansions:
        if (m := pat.search(text)) and not any(_names_support(w) for w in ws.split()) and "amount" not in detect_intents(ws):
            if words := [w for w in ws.split() if not all(ch in w for ch in m.group(0))]:
                out.append((m.group(0), words))
    return out


def _names_support(word: str) -> bool:
    """The word is a kind of support (奖补, 培训补贴, 稳岗返还), not a word that
    only holds one (本地配套率)."""
    return any(m.end() == len(word) for m in lexicon.get().support_words.finditer(word))


def question_terms(index: IndexData, query: Query) -> dict[str, float]:
    """Terms to look for in a sentence: a follow-up's own words count more
    than the ones it inherits from the earlier question. The 文号 of a
    document the library does not hold (「济发〔2023〕7号执行得咋样」) names
    what is asked about, not words a sentence should say: only the sentence
    citing it does."""
    terms = _question_terms(index, query)
    named = [t for t in terms if DOCNO_RE.fullmatch(t)]
    if not named:
        return terms
    held = {docno_key(d.number) for d in index.documents.values() if d.number}
    # (nor, of a held one, when the question asks what the document says, not of the document: 「市中政字〔2024〕29号里
    # 让大厂把设备…拿出来给小厂用的那个活动叫啥」 is not answered by the masthead that bears the number)
    return {t: w for t, w in terms.items() if t not in named or (docno_key(t) in held and asks_of_document(query))}


def asks_of_document(query: Query) -> bool:
    """The question's words ask of a document (its date, 文号, issuer, term) by the
    lexicon's ``document_question``; ``docqa.is_about_document`` decides it whole."""
    lex = lexicon.get()
    return bool(lex.document_question.search(lex.written(query.asking)))


_WHO_DOES = re.compile(r"\s*(?:来|去)?(?:负责|牵头|主管|管|抓|办|落实)?")


def _without_who_asked(query: Query, text: str) -> str:
    """``text`` without the words that ask who (「这个是哪个部门负责」): they say
    what is asked, not what it is asked of."""
    if "department" not in query.slots:
        return text
    asked = lexicon.get().slot("department").asked
    return re.sub(f"(?:{asked.pattern}){_WHO_DOES.pattern}", "，", text)


def _question_terms(index: IndexData, query: Query) -> dict[str, float]:
    # what the asker tells of themself counts, for less, where it is what a choice is made by (「我是做有机颜料
    # 的，…应该去哪个化工园区？」)
    said = query.text if len(query.text) <= 60 and not query.followup and _CHOICE.search(query.asking) else query.asking
    # (a follow-up's words that only ask who, 「这个是哪个部门负责」, are no words of its own: what it inherits counts whole)
    own = _weighed_terms(index, _without_who_asked(query, said) if query.followup else said)
    first = sentences_of(said)[0] if said != query.text else ""
    if first and first in query.text and len(topic_words(index, said)) <= 1:
        # asking sentences that name no topic of their own ask of what the message names after them, for less
        # (「…主要目标是啥？规上工业营收、制造业占比这些」), not of the story told before them
        for t, w in _weighed_terms(index, query.text[query.text.index(first):]).items():
            own.setdefault(t, TOLD_AFTER * w)
    if "validity" not in query.intents:  # (到期 asks of the document, not of what it says)
        for spoken, written in written_for_spoken(said):
            # words the documents mostly never use (厂子之间互相供货, 卖给老外) are asked only as what they are written as
            words = topic_words(index, spoken)
            unheard = 2 * sum(not index.token_df.get(t, 0) for t in words) > len(words)
            for t, w in query_terms(index, " ".join(written)).items():
                own[t] = own.get(t, (UNHEARD if unheard else EXPANDED) * w)
    if not query.followup:
        return own
    inherited = query_terms(index, query.standalone)
    if query.restated:  # the earlier question asked anew of what the follow-up names: all its words are asked
        return inherited
    return {t: (w if t in own else 0.4 * w) for t, w in (inherited | own).items()}


HOLDS_ROLE = 0.5  # what a sentence saying who holds the role asked gains over a 牵头/责任单位 line
MASTHEAD_LINE = 0.3  # what a masthead line (文号, addressees) loses where the question names a 文号 but does not ask of the document
DUTY_TOPIC = 1.2  # what a duty line's block words add again when who is asked (its closeness says little)
UNIT_SAID = 0.15  # what a sentence gains that says the unit an amount is asked per (每年, 每亩)
GOAL = 0.2  # what a figure set as a goal adds, and one reached takes away, when the question asks the goal
_GOAL_ASKED = re.compile(r"目标|(?:要|打算|计划|准备|规划)(?:要)?(?:搞|弄)?(?:新)?(?:培育|添|增|达到|做到|实现|建成?|引进|突破|到)|(?:怎么|如何)定"
                         r"|定(?:了|的)[^，,。？?]{0,20}?(?:多少|几)|计划(?:要|到)|力争")
_REACHED_ASKED = re.compile(r"实际|已经|现在|目前|如今|评估|完成了|达到了|达没达到|做到了")
# a target year or the words of a goal: all that makes an evaluation report's sentence a goal (「每年实施…超过900项」
# in a report tells what was done)
_GOAL_WORDS = r"(?:到|至)\s*20\d{2}\s*年|目标|力争|争取"
_GOAL_SAID_IN_REPORT = re.compile(_GOAL_WORDS)
_GOAL_SAID = re.compile(_GOAL_WORDS + r"|确保|每年(?:新增|培育|新培育|引进|实施|新建)|(?:提高|提升|增长|增加|扩大|降低|下降)到")


def asks_goal(question: str) -> bool:
    """The question asks what was set (要新培育多少家, 怎么定的, 目标), not what was reached (实际, 目前, 评估)."""
    return bool(_GOAL_ASKED.search(question)) and not _REACHED_ASKED.search(question)


def under_goal(path: tuple[str, ...] | list[str]) -> bool:
    """A clause under a heading that names a goal (「(三)发展目标」): what it says is set, not reached."""
    return any("目标" in h for h in path)


def goal_year_carried(query: Query, clause, start: int, seg: str) -> bool:
    """「哪年」 of a goal (not of what was reached, 「实际哪年达到」): a goal
    sentence that names no year carries the one its clause opens with."""
    return "actual" not in query.slots and clause_goal_year(clause, start, seg) is not None


def clause_goal_year(clause, start: int, seg: str) -> re.Match[str] | None:
    """The year a goal sentence that names none is set for: the last one its
    clause names before it (「到2025年,集群能级显著提升…。…本地配套率提升到50%以上」)."""
    if not states_goal(seg, clause.path):
        return None
    found = list(TARGET.finditer(clause.text, 0, start))
    return found[-1] if found else None


def states_goal(text: str, path: tuple[str, ...] | list[str] = (), *, report: bool = False) -> bool:
    """The sentence states a goal (到2025年, 力争, 提高到, 每年培育…), itself or by its heading;
    in a report (``report``), only by a target year or the words of a goal."""
    return bool((_GOAL_SAID_IN_REPORT if report else _GOAL_SAID).search(text)) or under_goal(path)


def _is_heading(seg: str, path: tuple[str, ...]) -> bool:
    """The sentence is its clause's heading, and no more than a heading: a heading read off a
    whole sentence (「五、对违反上述规定，造成疫情传播的，将依照…严肃处理。」), or one that lays
    down a rule (「（二）受理举报的部门应对举报人信息严格保密。」), says something."""
    return ("，" not in seg and not _RULE.search(seg)
            and seg.rstrip("。：:").replace(" ", "") in {p.replace(" ", "") for p in path})


_RULE = re.compile(r"应(?!对|急|用|届)|应对(?!疫情|新冠|突发|风险)|必须|须|不得|严禁|禁止|一律")  # 应对举报人…保密, not 应对疫情


def _glued_heading(seg: str, title: str) -> bool:
    """The document's title on the line of its first sentence (「…督导检查 2020年2月4日，…赴北京北铃…」):
    a heading glued to a lead that says what happened, not a sentence that only restates the title."""
    return seg.startswith(title) and seg[len(title):len(title) + 1].isspace() and len(seg) - len(title) >= 30


def _block_tokens(index: IndexData, cp: int) -> set[str]:
    """The tokens of the block a standalone 牵头/责任单位 clause closes: its parent and its siblings."""
    c = index.clauses[cp]
    parts = [i for i in index.siblings(cp) if i != cp and index.clauses[i].kind != DUTY]
    parent = index.pos_of.get(c.parent_id) if c.parent_id else None
    out: set[str] = set()
    for i in parts + ([parent] if parent is not None else []):
        for sid in index.segments_of(i):
            out |= index.segment_token_set(sid)
    return out


def _level_term(query: Query, region: str) -> float:
    """No place named, but the level asked of (「市里有没有…」, 「区里谁负责」): a sentence
    of a document of the other level (a district's, a city's) loses ``OTHER_LEVEL``."""
    if query.places or not region or region == NATIONAL:
        return 0.0
    said = [level for level, words in LEVEL_SAID.items() if words.search(query.standalone)]
    place = resolve(region) if len(said) == 1 else None
    return -OTHER_LEVEL if place is not None and place.level in LEVEL_SAID and place.level != said[0] else 0.0


@lru_cache(maxsize=64)
def _named_regions(text: str) -> frozenset[str]:
    """The places a text names."""
    return frozenset(p.name for _, _, p in place_mentions(text))


def _place_term(query: Query, exact: set[str], region: str) -> float:
    """What a sentence gains or loses for the place of its document, the same for all of its clause."""
    if not query.places:
        return _level_term(query, region)
    if exact and region in exact:
        return 0.3  # 济南 asked: the city's own documents before its districts'
    if exact and region != NATIONAL and any(within(p.name, region) for p in query.places):
        return 0.15  # 大理市 asked: 大理州's or 云南省's documents before another place's that scored higher
    if "comparison" in query.intents and exact and region and any(within(region, p.name) for p in query.places) \
            and region not in _named_regions(query.original):
        # 济南 set beside 淄博 (not beside its own 市中区): a district's own figure is the district's, the city's
        # side only when nothing else says it
        return -OTHER_LEVEL
    if query.places and region and not any(covers(region, p) for p in query.places):
        return -OTHER_PLACE  # 北京 asked: a sentence of 山西's document only when nothing nearer says it
    return 0.0


def _last_year(text: str) -> str | None:
    """The last year said in ``text`` (what the sentences after it are of, until another)."""
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", text)
    return years[-1] if years else None


_ITEM_SAID = re.compile(r"([\u4e00-\u9fff]{2,10}?)[”\"」』’']?的?[那这]一?[条项](?![\u4e00-\u9fff]*?(?:政策|措施|规定|意见|文件|计划|方案))")


def item_by_words(text: str) -> str | None:
    """The words an item is named by before 那条/这一项 (「意见里金融支持那条…」: 金融支持),
    folded; None when the question names no item so."""
    m = _ITEM_SAID.search(text)
    if not m:
        return None
    words = re.split(r"[里中的说讲]", m.group(1))[-1]
    return fold_text(words) if len(words) >= 2 else None


def score_segments(index: IndexData, query: Query, qvec: np.ndarray, hits: list[Hit]) -> list[Evidence]:
    """All segments of the hit clauses, scored, best first."""
    terms = question_terms(index, query)
    intents = query.intents
    # each slot asked, with the kinds of it asked by name (电话 asked: a sentence with a number carries it)
    slots = [(sl, [carried for asked, carried in sl.kinds if asked.search(query.asking)])
             for sl in lexicon.get().slots if sl.name in query.slots and sl.name not in ("amount", "department")]
    exact_regions = {p.name for p in query.places}
    asked_levels = levels(untold(query.asking))  # (not the level the asker tells they hold)
    defining = defined_terms(query)
    # a term the question asks of that picks out one or two of the clauses (“231”), not one they all say (“非接触式”)
    named = [t for t in subject_terms(query) if sum(t in h.clause.text for h in hits) <= NAMED_TERM_SHARE * len(hits)]
    # (quoted where the question asks, not where the asker tells of themself: 「我们小厂想“升规”，…」)
    asked = untold(query.asking) if named else ""
    quoted = [t for t in named if re.search(rf"[“\"「『]{re.escape(t)}[”\"」』]", asked)]
    count = counted(query.asking)
    item = item_by_words(query.text)
    money_set_aside = fund_asked(query)
    aspects = bool(ASPECTS.search(query.asking))
    # what the question asks of (a verdict, a change, how a thing is taxed): the sentence that says it adds its bonus
    lex = lexicon.get()
    said_as_asked = [(pair[1], bonus) for pair, bonus in ((lex.conclusion, VERDICT), (lex.change, CHANGE), (lex.taxed, TAXED))
                     if pair and pair[0].search(query.asking)]
    # what comes next asked (「评估完了，下一步…提了哪些要求」): the sentences of the part that says it
    next_said = lex.next_steps[1] if lex.next_steps and lex.next_steps[0].search(query.asking) else None
    goal_asked = asks_goal(query.asking) and "actual" not in query.slots
    whether_support = asks_only_whether_granted(query)
    # (a 文号 named, 「市中政字〔2024〕29号里…那个活动叫啥」: the masthead bearing it is no answer, unless the document is asked of)
    masthead_named = bool(DOCNO_RE.search(query.text)) and not asks_of_document(query)
    besides = set_aside(index, query)
    out: list[Evidence] = []
    n = max(1, len(hits))
    for hit in hits:
        cp = index.pos_of[hit.clause.clause_id]
        clause = index.clauses[cp]
        seg_ids = index.segments_of(cp)
        if not seg_ids:
            continue
        sims = segment_similarities(index, cp, seg_ids, qvec)
        clause_sim = float(hit.dense) if hit.dense is not None else float(max(sims))
        prior = 1.0 - (hit.rank - 1) / n  # 1 for the top clause
        region = index.documents[clause.doc_id].region
        place_term = _place_term(query, exact_regions, region)
        # a place inside the document's area (嘉祥县 in 济宁's document): the sentences that name it
        inside = [n for p in query.places if p.name != region and within(p.name, region) for n in p.own_names]
        # (the part that says what comes next, when that is asked: 「三、…对策建议」, 「下一步,…」)
        next_part = bool(next_said and (next_said.search(" ".join(clause.path)) or next_said.match(clause.text)))
        doc_title = index.documents[clause.doc_id].title
        # a document's opening (its first two clauses) may repeat its title in a lead sentence
        fold_title = fold_text(doc_title) if len(doc_title) >= 6 and cp in index.clauses_of(clause.doc_id)[:2] else ""
        has_duty = bool(clause.lead or clause.responsible)
        title = clause.path[-1] if clause.path else ""
        title_tokens = set(tokenize(title, index.tokenizer))
        # 「金融支持那条」: the item whose heading says those words (13. 加大金融支持服务力度, and its 一是…)
        item_term = ITEM_NAMED if item and any(item in fold_text(h) for h in clause.path) else 0.0
        # 「(二)高端化工产业集群 › 1. 发展目标」: the block's heading names the topic too, less surely
        block_tokens = title_tokens | set(tokenize(clause.path[-2], index.tokenizer)) if len(clause.path) >= 2 else title_tokens
        if clause.kind == DUTY:  # a 牵头/责任单位 line speaks of the block it closes: its words count as the line's
            title_tokens |= _block_tokens(index, cp)
        mine: list[Evidence] = []
        duty_at: list[int] = []
        asked_before: float | None = None
        tier_before: set[str] | frozenset[str] = frozenset()
        for sid, sim in zip(seg_ids, sims):
            _, a, b = index.segments[sid]
            seg = clause.text[a:b]
            is_duty = bool(DUTY_TEXT.search(seg)) or clause.kind == DUTY
            sim = clause_sim if is_duty else float(sim)
            # the topic of a sentence is often only in its clause's heading (17.优化营商环境)
            have = with_short_forms(index.segment_token_set(sid))
            said_levels = levels(seg) if asked_levels else frozenset()
            if said_levels and not other_level(asked_levels, said_levels) and tier_before:
                # 「新获批国家级…企业技术中心…500万元；新获批省级研发机构的企业，100万元」: the tier
                # asked names its subject in the tier before it
                have = have | tier_before
            tier_before = tier_before | have if said_levels and other_level(asked_levels, said_levels) else frozenset()
            ov = max(overlap_tokens(terms, have), 0.7 * overlap_tokens(terms, have | title_tokens),
                     BLOCK_HEADING * overlap_tokens(terms, have | block_tokens))
            s = 2.6 * sim + 1.6 * clause_sim + 1.2 * ov + 0.35 * prior + item_term
            if "amount" in intents:
                if not money(seg):
                    # 「评上了会不会给一笔钱」: whether support is given; the sentence that grants it answers
                    # (how much support asked: a sentence that grants nothing at all is no more its answer
                    # than one whose sum no one grants)
                    s += GRANT_SAID if whether_support and support(seg) else (
                        -NO_GRANT if query.subsidy and "amount" in query.slots and not support(seg) else -0.05)
                elif query.subsidy and not support(seg):
                    s -= NO_GRANT  # support asked (「奖多少」): a sum no one grants (营业收入…达到10189.4亿元) is not its answer
                else:  # a figure counts as much as the sentence is about what is asked
                    s += 0.3 * min(1.0, ov / ON_TOPIC)
            elif query.subsidy and support(seg):
                s += GRANT_SAID  # 「这个奖是一次给完还是每年都有」: support asked, not how much: the sentence that grants it
            if said_levels:  # 省级 asked: the sentence of that level
                s += -0.3 if other_level(asked_levels, said_levels) else 0.2
            for slot, kinds in slots:  # what the question asks for, said in this sentence
                # (or, the year a goal is set for, by its clause before it: 「到2025年,集群能级显著提升…。…本地配套率
                # 提升到50%以上」)
                if slot.carried.search(seg) or (slot.name == "date" and goal_year_carried(query, clause, a, seg)):
                    s += 0.15 + (SLOT_KIND if any(carried.search(seg) for carried in kinds) else 0.0)
            if besides and all(w in seg for w in besides) and not _OFFERS_ANOTHER.match(seg, max(seg.rfind(w) + len(w) for w in besides)):
                s -= BESIDES  # 「除了专项资金，还有哪些…」: what the asker sets aside is not what they ask
            if money_set_aside and sets_fund(seg):
                s += FUND  # 「每年拿出来扶持工业的钱」: the sentence that sets the fund's size
            # 「评估报告的结论是什么」: 「评估认为,…」; 「纳税期限有何变化」: 「…延长至2月24日」; 「…补助如何征税」: 「…免征个人所得税」
            for said, bonus in said_as_asked:
                if said.search(seg):
                    s += bonus
            if count and count.search(seg):
                s += COUNTED * min(1.0, ov / ON_TOPIC)  # 「多少家」: the sentence that says how many, if it is about them
            if any(d.search(seg) for d in defining) or ("definition" in intents and defines_named(query.asking, seg)):
                s += DEFINES  # 「“231”产业集群(高端装备、…)」 says what the term asked about is
            elif any(t in seg for t in named):
                # 「济宁“231”产业集群的营业收入」: the sentence that says “231”
                s += QUOTED_TERM if any(t in seg for t in quoted) else NAMED_TERM
            if "target" in intents and number(seg):
                s += 0.1
            if any(u in seg for u in query.units):
                s += UNIT_SAID  # 「每年打算培育多少家」: the sentence that says 每年培育…
            if next_part:
                s += NEXT_STEPS
            if goal_asked and number(seg):  # 「每年要新培育多少家…怎么定的」: the goal, not what was reached
                s += GOAL if states_goal(seg, clause.path) else -GOAL
            if "list" in intents and enumerates(seg, aspects):
                s += 0.2
            if "department" in intents and is_duty:
                # duty lines all read alike (「牵头单位:…;责任单位:…」): which one answers is what its block is about
                s += DUTY_TOPIC * ov
            if "department" in intents:  # (「群长由谁担任」: the sentence that says who serves as it, like a 责任单位 line)
                # (a measure whose clause names its departments: its own line says who, shown beside it)
                # (and one that says who holds the role asked more: 「链长…谁来当」 is 「一名主要领导担任链长」, no 牵头单位)
                s += 0.45 + HOLDS_ROLE if holds_role(query.asking, seg) else 0.45 if is_duty else (DUTY_OF_MEASURE if has_duty else -0.2)
            elif is_duty:
                s -= 0.3  # a duty line answers "who", nothing else
            if "validity" in intents and clause.kind in (MASTHEAD, FOOTER):
                s += 0.2
            elif clause.kind == MASTHEAD and masthead_named:
                s -= MASTHEAD_LINE  # 红头, 文号, addressees: what a document is, not what it says
            if query.item is not None and within_item(clause.label, query.item):
                s += 1.0  # 第9项 asked: what item 9 says
            s += place_term
            if inside and any(n in seg for n in inside):
                s += PLACE_NAMED
            for y in query.years:
                # a year that names a document (「2024到2026年的行动计划」) points to that
                # document, not to any sentence that mentions the year
                if y in query.context_years and query.text.count(str(y)) == 1:
                    s += 0.2 if str(y) in doc_title else 0.0
                elif str(y) in seg or (not _last_year(seg) and _last_year(clause.text[:a]) == str(y)):
                    s += 0.2  # (a sentence of no year of its own: 「到2025年,…。…。支撑作用持续增强,…4300亿元」 is of 2025)
            if (_is_heading(seg, clause.path) or len(seg) <= 12) and not money(seg) and not is_duty:  # a bare heading sentence
                s -= 0.3
            if fold_title and fold_title in fold_text(seg) and not _glued_heading(seg, doc_title):
                s -= TITLE_LEAD  # the lead that repeats the title: the question's words, not its answer
            if asks(seg):  # a sentence that asks (an FAQ's heading) is not an answer...
                s -= 2.0
            elif asked_before is not None:  # ...but the sentence after it is where its answer starts
                s += 0.5 * max(0.0, asked_before)
            asked_before = ov if asks(seg) else None
            if is_duty and clause.kind != DUTY:
                duty_at.append(len(mine))
            mine.append(Evidence(cp, a, b, s, float(sim), ov, hit.rank))
        # a closing 责任单位 line is as relevant as what its clause says, no more
        content = [e.score for i, e in enumerate(mine) if i not in duty_at]
        if content:
            for i in duty_at:
                e = mine[i]
                bonus = 0.05 if "department" in intents else -0.3
                mine[i] = Evidence(e.clause_pos, e.start, e.end, max(content) + bonus, e.dense, e.overlap, e.hit_rank)
        out.extend(mine)
    out.sort(key=lambda e: -e.score)
    return out


def duty_span(index: IndexData, clause_pos: int) -> tuple[int, int, int] | None:
    """Where the 牵头/责任单位 of a clause are written: (clause position,
    start, end) — in the clause itself, the last part of its parent (一是…
    三是…（责任单位：…）), or the block's standalone duty line."""
    clause = index.clauses[clause_pos]

    def tail(pos: int) -> tuple[int, int, int] | None:
        c = index.clauses[pos]
        m = re.search(r"(?:牵头单位|责任单位)\s*[:：][^）)〕\]\n]*", c.text)
        return (pos, m.start(), m.end()) if m else None

    found = tail(clause_pos)
    if found:
        return found
    if not (clause.lead or clause.responsible):
        return None
    # nearest clause of the same document that carries these departments
    best = None
    for i in index.clauses_of(clause.doc_id):
        c = index.clauses[i]
        if (c.lead, c.responsible) != (clause.lead, clause.responsible):
            continue
        t = tail(i)
        if t and (best is None or abs(i - clause_pos) < abs(best[0] - clause_pos)):
            best = t
    return best


def measure_of(idx: IndexData, ev: Sequence[Evidence], e: Evidence) -> Evidence | None:
    """The measure a 牵头/责任单位 clause of its own stands for (「市科技局作为
    牵头单位负责的是哪一项」 answered with the duty line alone says who, not
    what): the best sentence of the clause it hangs under, else that
    clause's opening sentence."""
    clause = idx.clauses[e.clause_pos]
    if clause.kind != DUTY or clause.parent_id is None or clause.parent_id not in idx.pos_of:
        return None
    pos = idx.pos_of[clause.parent_id]
    block = {pos, *(i for i in idx.siblings(e.clause_pos) if idx.clauses[i].kind != DUTY)}
    best = next((x for x in ev if x.clause_pos in block and not DUTY_TEXT.search(x.text(idx))), None)
    if best is not None:
        return best
    segs = idx.segments_of(pos)
    if not segs:
        return None
    _, a, b = idx.segments[segs[0]]
    return replace(e, clause_pos=pos, start=a, end=b)
