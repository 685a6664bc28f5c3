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
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

from . import homophones, lexicon
from .clauses import LEVEL_RE, SCALE_RE, cn_int
from .documents import DOCNO_RE
from .kin import swap
from .errors import QuestionError
from .limits import INVISIBLE, History, check_history, check_text  # noqa: F401 - re-exported
from .normalize import plain
from .regions import Place, bare_place, find_places, place_mentions

MAX_CHARS = 2000

# ---------------------------------------------------------------- clean-up

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


_FIGURE = re.compile(r"\d[\d.,]*\s*(?:万元|亿元|万|亿|元|%|％)?")


def sanitize(question: str) -> tuple[str, bool]:
    """The question as text to search with, and whether instructions aimed
    at the assistant were found (and removed)."""
    q = _half_width(question)
    q = _t2s().convert(q)
    injected = False
    lex = lexicon.get()
    for pat, written in lex.dialect:  # (after t2s: the table is written in simplified characters)
        q = pat.sub(written, q)
    stripped = lex.fake_source.sub(" ", q)
    injected |= stripped != q
    q = stripped
    for pat in lex.injection:
        new = pat.sub(" ", q)
        injected |= new != q
        q = new
    for pat, zh in lex.glossary:
        q = pat.sub(zh, q)
    q = _BLANK.sub(_blank_asked, q)
    if injected:  # the brackets an instruction was written in: 【系统指令： 】
        q = re.sub(r"[【\[（(〔][^】\]）)〕]{0,8}[:：]?\s*[】\]）)〕]", " ", q)
    q = _FORWARDED.sub("", q)
    q = _SLASH.sub("；", q)
    q = _KEEP_APART.sub("", q)
    q = _SUM_IN_WORDS.sub(lambda m: f"{cn_int(m.group(1))}{m.group(2)}{'级' if m.group(3) else ''}", q)
    q = _SHARE_IN_TENTHS.sub(lambda m: f"{int(_TENTHS[m.group(1)]) + (cn_int(m.group(2)) if m.group(2) else 0)}%", q)
    q = re.sub(r"\s+", " ", q).strip(" ，,。.;；")
    return q, injected


# 「三百亿档的集群」, 「两千亿级」: a sum said in words as the texts write it (300亿级); not 千亿级 or 百亿, which they
# write so themselves
_SUM_IN_WORDS = re.compile(r"(?<![一二两三四五六七八九十百千万零])([二两三四五六七八九][十百千][一二两三四五六七八九十百千]*)(亿元|亿|万亿)(档|级)?")

# 「除了大盘子专项资金，还有哪些…」, 「除了A之外，…另外…」: what the asker already knows and sets aside
SET_ASIDE = re.compile(r"除了?([^，,。？?]{2,24}?)(?:之外|以外)?[，,][^。？?]*?(?:还|另外|其他|其它|别的)")


def without_set_aside(text: str) -> str:
    """The text without what the asker sets aside (its places kept: 「除了济南的…」
    still names where to look), for the words a search matches."""
    m = SET_ASIDE.search(text)
    if not m:
        return text
    kept = " ".join(m.group(1)[a:b] for a, b, _ in place_mentions(m.group(1)))
    return f"{text[:m.start(1)]}{kept}{text[m.end(1):]}"


# 「工业用地的“三成红线”」, 「占到两成」, 「六成五」: a share said in tenths, as the texts write it (30%, 65%); not a verb's 成 (建成, 形成)
# nor 八成是 (most likely)
_SHARE_IN_TENTHS = re.compile(r"(?:(?<=^)|(?<=[占到近约超过达有是要为逾“「\"‘，,、\s]))([一二两三四五六七八九])成([一二三四五六七八九](?![十百千万亿个家项条]))?(?![本果员立为功熟长就交型品年都是会要了])")


# 「…哪些方向？请列一下，不要和未来产业那几个混了」: what the asker wants kept apart is no thing asked
_KEEP_APART = re.compile(r"[，,。；;]?\s*(?:不要|别|勿|莫)(?:把[^，,。？?]{1,12}?)?(?:和|跟|与|同)[^，,。？?]{1,16}?(?:搞|弄|记)?(?:混|混淆|混在一起|混为一谈|搞错)了?(?=[，,。.！!；;]|$)")
# 「济南全市现在多少 / 市中区26年目标多少」: a slash set off by a space parts two questions (not 元/亩, a unit per unit)
_SLASH = re.compile(r"\s+[/｜|]\s*|\s*[/｜|]\s+")


# a blank to fill (「…按实际设备投资额给___%奖补」, 「牵头单位是（  ）」): what is asked there
_BLANK = re.compile(r"_{2,}|＿+|[（(]\s*[）)](?=\s*[%％\u4e00-\u9fff。，,？?]|$)")
_COUNTED_BLANK = re.compile(r"\s*(?:[%％]|万|亿|元|个|家|项|条|座|亩|倍|名|人|台|套|辆|千|百|P)")


def _blank_asked(m: re.Match[str]) -> str:
    after = m.string[m.end():]
    if after.lstrip().startswith("年"):
        return "哪一"  # 「到___年」: 到哪一年
    return "多少" if _COUNTED_BLANK.match(after) else "什么"


# 「群里王姐问：…」, 「帮朋友问一下，…」: who the question is passed on from, not a part of it
_FORWARDED = re.compile(r"^\s*(?:[【\[]转发[】\]][：:]?\s*|转发[：:]\s*)?(?:(?:群里|帮|替)?[\u4e00-\u9fff]{0,6}?(?:问|想问|在问|让我问|托我问)(?:一下|个问题|一句)?[：:]\s*|(?:帮|替)[\u4e00-\u9fff]{1,4}?问(?:一下|个问题)?[，,]\s*)?")


def _question_words() -> re.Pattern[str]:
    return lexicon.get().question_words


def looks_like_question(text: str) -> bool:
    return bool(_question_words().search(text))


# ---------------------------------------------------------------- intents

def detect_intents(text: str) -> frozenset[str]:
    lex = lexicon.get()
    text = lex.written(text)
    return frozenset(name for name, pat in lex.intents if pat.search(text))


def detect_slots(text: str) -> frozenset[str]:
    """What the question asks an answer to carry: amount, rate, department,
    date, contact, place, duration, conditions (the lexicon's slots); 啥 and
    咋 are read as 什么 and 怎么."""
    lex = lexicon.get()
    text = lex.written(text)
    found = frozenset(s.name for s in lex.slots if s.asked.search(text))
    if "conditions" in found and not _conditions_asked(text):
        found -= {"conditions"}
    if "actual" in found and _WHICH_DONE.search(text) and not re.search(r"(?<!哪)(?:多少|几)", text):
        found -= {"actual"}  # 「已经建成投产的是哪几个」: which ones were done, named; no figure reached is asked
    return found


_WHICH_DONE = re.compile(r"哪几|哪些|哪一?个|哪一?家|哪一?项")


def asks_whether_support(q: Query) -> bool:
    """「给不给钱」, 「有没有补贴」: whether there is support (the lexicon's ``support_whether``)."""
    lex = lexicon.get()
    return bool(lex.support_whether and lex.support_whether.search(lex.written(q.asking)))


def asks_only_whether_granted(q: Query) -> bool:
    """Support asked, whether it is given and not how much (「评上了会不会给一笔钱」):
    the sentence that grants it answers, with or without a sum."""
    return q.subsidy and "amount" not in q.slots and asks_whether_support(q)


# 「链长是谁来当？」「谁来担任群长？」: who holds a role, answered by the sentence that says who serves as it
# (「“链长”到底谁来当」: the role quoted, a word of stress before 谁)
_HOLDER_ASKED = re.compile(r"((?!到底|究竟|一般|具体|通常|平时)[\u4e00-\u9fff]{2,4}?)[”」’']?(?:到底|究竟|一般|具体|通常|平时)?(?:是|由)?谁(?:来)?(?:当|担任|出任)"
                           r"|谁(?:来)?(?:当|担任|出任)([\u4e00-\u9fff]{2})")


def holds_role(question: str, text: str) -> bool:
    """``text`` says who holds the role the question asks the holder of
    (「一名主要领导担任链长」 for 「链长是谁来当」)."""
    said = _holder_said(question)
    if said is None and _WHO_SERVES.search(question):
        # 「链长是链子的长度吗？还是一个人？一般谁来当」: the role named before the asking piece, as the
        # sentence names it
        return any((m.group(1) or m.group(2)) in question for m in _SERVES_AS.finditer(text))
    return bool(said and said.search(text))


_ACT_ASKED = re.compile(r"谁(?:来|在)?(?:负责|主抓)([\u4e00-\u9fff]{2,6}?)(?=[？?，,。！!]|吗|呢|$|是不是)")
_WHO_SERVES = re.compile(r"谁(?:来)?(?:当|担任|出任)")
_SERVES_AS = re.compile(r"担任[^，,。；;]{0,6}?([\u4e00-\u9fff]长)|([\u4e00-\u9fff]长)由")


@lru_cache(maxsize=256)
def _holder_said(question: str) -> re.Pattern[str] | None:
    """How a sentence says who holds the role a question asks about (read once per question)."""
    m = _HOLDER_ASKED.search(question)
    if not m:
        # 「平时谁负责督导调度」: the sentence whose body does that (「市产业集群培育指挥部办公室加强对…督导调度」)
        act = _ACT_ASKED.search(question)
        return re.compile(rf"(?:办公室|[局委厅]|委员会|指挥部|小组|中心)[^，,。；;]{{0,16}}?{re.escape(act.group(1))}") if act else None
    role = re.escape((m.group(1) or m.group(2))[-2:])
    return re.compile(rf"担任[^，,。；;]{{0,6}}{role}|{role}由")


_WANTS_TO_KNOW = re.compile(r"想(?:了解|知道|问|打听|咨询|弄清楚?|搞清楚?)|请问|咨询一下|问一下|打听")


def wanted(piece: str) -> str:
    """What a piece asks after the asker says they want to know (「我们作为链主企业想知道百亿级的有几条」 ->
    「百亿级的有几条」); the piece itself when it says no such thing."""
    said = list(_WANTS_TO_KNOW.finditer(piece))
    return piece[said[-1].end():] if said else piece


def _conditions_asked(text: str) -> bool:
    """Whether a procedure or condition is asked, not only told of: 「开个小厂
    办手续老是来回跑，…有多少个高频事项能“最多跑一次”？」 tells of 手续 and
    asks a count. The word must be in a piece that asks or says the asker
    wants to know."""
    pieces, asking = pieces_asking(text)
    if not asking:
        return True
    pat = lexicon.get().slot("conditions").asked
    return any(pat.search(piece) for k, piece in enumerate(pieces) if k in asking or _WANTS_TO_KNOW.search(piece))


# Colloquial words -> the words the documents use (BM25 side only; the lexicon's expansions).
def expand(text: str) -> str:
    lex = lexicon.get()
    extra = [words for pat, words in lex.expansions if pat.search(text)]
    # (a short form, searched also by what it stands for: 国企 -> 国有企业)
    extra += [full for short, words in lex.abbreviations if short in text and (full := " ".join(words)) not in text
              and not any(full in e for e in extra)]
    return text + (" " + " ".join(extra) if extra else "")


# ---------------------------------------------------------------- follow-ups

_FOLLOWUP_HINT = re.compile(
    r"^(?:那|那么|那个|这个|这项|这些|这笔|这条|它|它们|该|上述|同样|还有|另外|再问|接着|然后|换成|换作|换做|改成|后来|结果)|^这(?=\d|[一二两三四五六七八九十百几]+\s*(?:家|个|项|亿|万|只|条|种|类|笔|所|座|位|批))|呢[?？]?$|"
    r"^(?:最高|最多|上限|具体|分别|主要|重点|什么时候|哪年|归哪|谁管|哪个部门|有什么条件|条件|要求|怎么申请)|"
    r"^[^，,。？?]{1,12}呢[?？，,]|"  # 「过百亿元的呢？这件事哪个部门牵头？」, 「评估报告里呢，全市现在建了多少个」
    r"^第[一二三四五六七八九十\d]{1,3}(?:条|项|点|个|部分)"  # 「第四条优化产业生态那里，…」: an item of what was just listed
)


@lru_cache(maxsize=4)
def told_back(kinds: str) -> re.Pattern[str]:
    """What points back to a thing the asker told (「这个万亿是哪一年突破的」), not to a
    document (「这个计划」, 「那份评估报告里」)."""
    return re.compile(rf"(?:这个|这些|这项|这笔)(?![^，,。？?]{{0,8}}?(?:{kinds}|文件|政策))|这事|它们?|上述|该(?:项|条)")


_ANAPHORA = re.compile(r"^其(?![他它余实次间])|这个|这项|这笔|这条|这(?:一)?方面|这一(?:条|项|款|块|部分)|这块|此(?:条|项)|这些|它们?|该(?:政策|文件|项|条)|上述|那个|那份|这份|"
                       r"这(?=钱|资金|基金|政策|补贴|奖励|文件|计划|方案|措施|事)|这件|"
                       r"^(?:到期|期满|结束)(?:时|的时候|那年)|^(?:届时|到时候?|那时候?)|"  # 「到期时…要保持在多少」: when the one named ends
                       r"(?:类似|同样|一样)的(?![\u4e00-\u9fff]{2,}(?:吗|呢|[?？]))|"  # 「市中区那边有没有类似的？」
                       r"(?:类似|同样|一样)的?(?:规定|政策|做法|措施|要求|条款|说法)(?=吗|呢|么|没有?|[?？]|$)")  # 「济宁有类似规定吗？」


# a sentence the question quotes (「“100个高频事项最多跑一次”这句是哪份文件里的」), not a title (《…》)
# nor a short name (“231”, “小巨人”): long enough to be found as written
_QUOTED = re.compile(r"[“\"「『]([^”\"」』《》]{1,120})[”\"」』]")
QUOTED_SENTENCE = 8  # characters inside the quotes that make a sentence quoted, not a name (“231”)


def quoted_sentences(text: str, shortest: int = QUOTED_SENTENCE) -> list[str]:
    """The sentences a question quotes, of ``shortest`` characters or more, as they
    are looked for (``normalize.plain``)."""
    return [q for m in _QUOTED.finditer(text) if len(m.group(1)) >= shortest and len(q := plain(m.group(1))) >= 6]


def without_quoted(text: str) -> str:
    """The question without the sentences it quotes (what it asks of them stays)."""
    return _QUOTED.sub(lambda m: m.group(0) if len(m.group(1)) < QUOTED_SENTENCE else "", text)


def asks_where(text: str) -> bool:
    """「写在第几条？」, 「落在哪一部分」: where in its document a provision sits
    (the lexicon's ``clause_asked``)."""
    lex = lexicon.get()
    return bool(lex.clause_asked and lex.clause_asked.search(lex.written(text)))


def points_back(text: str) -> bool:
    """The text refers to something said before it (这一条, 这项, 上述, 它)."""
    return bool(_ANAPHORA.search(text))


def _content(text: str) -> str:
    """What is left after removing question words, places and fillers."""
    t = _question_words().sub("", text)
    t = re.sub(r"那么?|这个|这项|这笔|它|呢|呀|啊|吧|的|了|是|还|也|和|与|又|再|请问|一下|现在|市里|区里|政府|文件|政策", "", t)
    return re.sub(r"[\W\d_]", "", _without_places(t))


def _content_len(text: str) -> int:
    return len(_content(text))


def _without_places(text: str, sep: str = "") -> str:
    """``text`` with the places it names taken out, by any of their names (济南市, 济南, 市中区),
    longest first (济南市 before 济南), so the result does not depend on set order."""
    for p in find_places(text):
        for name in sorted({p.name, p.name.rstrip("市省"), p.name.replace(p.city or "", "")}, key=len, reverse=True):
            if name:
                text = text.replace(name, sep)
    return text


def is_followup(question: str, history: tuple[str, ...]) -> bool:
    if not history:
        return False
    q = _without_not_that(question.strip())
    if _FOLLOWUP_HINT.search(q) or _ANAPHORA.search(q) or (_INSIDE.match(q) and not find_places(q)):
        return True  # (「里面对绿色工厂定了多少目标？」: inside the document asked of before)
    if _COMPARE_ASKED.search(q) and len({p.name for p in find_places(q)}) <= 1 and _content_len(q) <= 12:
        return True  # 「济宁那边千亿级的呢 对比下」: set beside what was asked before
    # (a year names no topic: 「2024年一年造了多少辆？」 asks on of what was asked before)
    return _content_len(_A_YEAR.sub("", q)) <= 4 or (len(q) <= 12 and not find_places(q)) or _names_no_topic(q)


def _names_no_topic(q: str) -> bool:
    """「市里2020年定的全市目标是多少？」: none of its words of two characters or more
    names a thing (they are generic: 目标, 市里; a level: 全市; a year, a place; an
    average asked: 「平均到每家」)."""
    generic, asking = lexicon.get().generic_words, _question_words()
    t = _without_places(_LEVEL_WORD.sub(" ", _A_YEAR.sub(" ", _AVERAGED.sub(" ", q))), " ")
    return not any(len(w) >= 2 and _HAN_WORD.fullmatch(w) and w not in generic and not asking.fullmatch(w) for w in _words(t))


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
AVERAGE = r"平均(?:到|下来|算下来|分到|摊到)?\s*"  # 「平均到每家」: how the asker divides a total
_AVERAGED = re.compile(AVERAGE + r"(?:每|一|单)?(?:家|个|年|人|项)?")


_A_YEAR = re.compile(r"(?:20\d{2}|[一二两三四五六七八九十每今去明前后])\s*年")


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


Kin = Callable[[str], frozenset[str]]  # the terms the documents list beside a term (kin.siblings)


def resolve(question: str, history: tuple[str, ...], kin: Kin | None = None) -> str:
    """A standalone form of ``question`` given the earlier questions."""
    standalone = ""
    for q in (*history, question):
        if not standalone:
            standalone = q
        elif is_followup(q, (standalone,)):
            standalone = _merge(standalone, _without_not_that(q), kin)
        else:
            standalone = _in_place_of(standalone, q)
    return standalone


# 「没拿到国家级 只批了省级的呢」: what the asker did not get, before what they did, is not asked again
# (not a question put back, 「那不是还有个技改基金吗 规模多大」: what the asker recalls is what is asked of)
_NOT_THAT = re.compile(r"^(?:那|那么)?(?:要是|如果|假如|万一)?(?:没|没有|不是|没能)[^，,。？?！!\s]{1,10}?(?<![吗嘛么吧呢])(?:的话)?(?:[，,\s]+|(?=只|就|仅|光))(?=\S)")


def _without_not_that(q: str) -> str:
    return _NOT_THAT.sub("", q) or q


def _in_place_of(prev: str, q: str) -> str:
    """A question of its own that names no place nor document, after one that
    named a place (「高新技术企业到2026年要突破多少家」 after 「市中区计划里…」):
    asked of that place, as a conversation goes on about where it is."""
    places = find_places(prev)
    if not places or find_places(q) or _named_alone(q) or re.search(lexicon.get().kinds_alternation(), q) \
            or _LEVEL_WORD.search(q):
        return q
    return _replace_places(places[0].name, places) + q


_LEVEL_WORD = re.compile(r"全国|国家|省里|全省|市里|全市|区里|县里|全区|全县")


def _strip_ask(text: str) -> str:
    """The topic of a question: drop its trailing question part."""
    t = re.sub(r"[?？!！。]+$", "", text.strip())
    m = re.search(r"(?:能|可以|能够)?(?:补|奖|给|拿|有)?(?:多少|几|啥|什么)[^，,]*$", t)
    if m and len(t) - m.start() <= 6:
        t = t[: m.start()]
    return t.strip("，, ") or text


_REFERENCE = r"[那这]一?(?:条|项|块)"  # 「那条」「这块」: an item named by where it stands
_FILLER = re.compile(r"^(?:那么?|那个|还有|另外|如果是|要是|换成)|的?(?:" + _REFERENCE + r"|方面|那边|这边)?的?(?:呢|吗)?[?？。!！]*$")


def _named_alone(text: str) -> list[Place]:
    """「那东营呢？」: a place whose short form is also a word, when the message says nothing else."""
    place = bare_place(_FILLER.sub("", _FILLER.sub("", text.strip())))
    return [place] if place else []


def _substitute(prev: str, q: str, kin: Kin | None = None) -> str | None:
    """那市级的呢？ after ...国家级研发机构... -> ...市级研发机构...: replace the
    term of the same kind (the same ending, or, with ``kin``, a term the
    documents list beside it: 新材料 for 新一代信息技术) in the earlier question."""
    x = _FILLER.sub("", _FILLER.sub("", q.strip()))
    x = re.sub(r"(?<=[\u4e00-\u9fff])[那这]个(?=[\u4e00-\u9fff])", "", x)  # 「新能源那个集群」: 新能源集群
    if not (1 < len(x) <= 8) or x in prev or looks_like_question(x):
        return None
    level, was = LEVEL_RE.fullmatch(x), LEVEL_RE.search(prev)
    if level and was:  # 要是拿到国家级的，又是多少？ after …认定为省级的… -> 国家级 for 省级
        # (each time that level is said: 「被认定为省级的，…省级研发机构扶持多少」 asks it of the same level twice)
        return LEVEL_RE.sub(lambda m: x if m.group(0) == was.group(0) else m.group(0), prev)
    figure, before = SCALE_RE.search(x), SCALE_RE.search(prev)
    if figure and before:  # 迈过十个亿的坎呢？ after …迈过一个百亿的坎儿… -> the same question for that sum
        return prev[: before.start()] + figure.group(0) + prev[before.end():]
    year = re.search(r"20\d{2}", x)
    if year:  # 到2023年呢？ -> the same question for that year
        old = re.search(r"20\d{2}", prev)
        return prev[: old.start()] + year.group(0) + prev[old.end():] if old else None

    def ending_match(s: int) -> re.Match[str] | None:
        if len(x) <= s:
            return None
        # of the terms with that ending, the one nearest in length to the term said (「电子信息制造业呢」 after
        # 「…2020年工业强市…软件和信息技术服务业…」: 信息技术服务业, not 年工业)
        # (not a place's: 「济宁集群意见」 is 济宁's, no term of the kind of 医药集群)
        found = [m for m in re.finditer(rf"[^\W\d的个每上对在于和与及、年]{{1,{max(1, len(x) - s + 1)}}}{re.escape(x[-s:])}", prev)
                 if m.group(0) != x and not find_places(m.group(0)[:-s])]
        return min(found, key=lambda m: (abs(len(m.group(0)) - len(x)), -len(m.group(0)))) if found else None  # (a tie: the longer, a named item)

    def same_ending(s: int) -> str | None:
        m = ending_match(s)
        return prev[: m.start()] + x + prev[m.end():] if m else None

    def cuts_a_word(m: re.Match[str] | None) -> bool:  # 「…信息|技术产业集群」: the match starts inside 信息技术
        if m is None:
            return False
        at = 0
        for w in _words(prev):
            if at >= m.start():
                return at != m.start()
            at += len(w)
        return False

    def listed_beside() -> str | None:  # 新能源集群 after 新一代信息技术产业集群: 新能源 is listed beside 新一代信息技术, before 集群
        if not kin:
            return None
        for k in range(len(x) - 2, 1, -1):
            head, tail = x[:k], x[k:]
            for item in sorted(kin(head), key=lambda i: (-len(i), i)):  # (longest first, then in one order)
                m = re.search(re.escape(item) + r"[^\W\d]{0,2}?" + re.escape(tail), prev)
                if m:
                    return prev[: m.start()] + head + prev[m.start() + len(item):]
        return None

    def listed_inside() -> str | None:  # 「医药那个集群呢」 after 「…231集群里新能源那块…」: 医药 for 新能源, the 集群 said already
        if not kin:
            return None
        for k in range(len(x) - 2, 1, -1):
            head, tail = x[:k], x[k:]
            if tail in prev and head not in prev:
                for item in sorted(kin(head), key=lambda i: (-len(i), i)):
                    if item in prev and item not in tail:
                        return prev.replace(item, head, 1)
        return None

    # a term of the same two-character ending (unless that cuts a word of the earlier question), one the
    # documents list beside one of it, or one of the same last character
    swapped = swap(prev, x, kin) if kin else None
    if cuts_a_word(ending_match(2)):
        return listed_beside() or same_ending(2) or swapped or same_ending(1)
    return same_ending(2) or swapped or listed_inside() or same_ending(1)


def _only_place(body: str, places: list[Place]) -> bool:
    """那淄博呢？ / 淄博的呢 / 换成济宁呢：nothing but a place."""
    rest = body
    for p in places:
        for name in sorted({p.name, p.name.rstrip("市"), p.name.replace(p.city or "", "") or p.name}, key=len, reverse=True):
            rest = rest.replace(name, "")
    rest = re.sub(r"那么?|换成|如果是|要是|的|呢|吗|怎么样|如何|情况|那边|这边|[?？。!！，,\s]", "", rest)
    return len(rest) <= 1


def _asked_again_of(piece: str) -> bool:
    """「要是在淄博呢」「济宁呢」「要是在济宁不在济南呢」: a place, and the question before asked of it."""
    places = find_places(piece)
    return bool(places) and bool(re.search(r"呢[？?。\s]*$", piece)) and _only_place(re.sub(r"不?在|放到?|换到", "", piece), places)


# a follow-up that asks to set the new place beside the earlier one (「济南呢？哪个多」, 「跟济南全市定的比呢」)
_COMPARE_ASKED = re.compile(r"对比|比较|比比|比一?下|(?:跟|和|与|同)[^，,。？?]{0,14}比|哪个更?(?:多|高|大|早|少|低)|哪边|谁更?(?:多|高|大|早)|差多少|差几|差距|相差|几倍|多少倍")


def _beside_place(prev: str, new: Place) -> str:
    """The earlier question with the new place named beside its first place
    (「市中区高企…」 -> 「市中区和济南高企…」)."""
    old = find_places(prev)[0]
    short = new.name.replace(new.city, "") if new.kind in ("区", "县") and new.city else new.name.rstrip("市")
    for m in sorted({old.name, old.name.rstrip("市"), old.name.replace(old.city or "", "") or old.name}, key=len, reverse=True):
        if m and m in prev:
            return prev.replace(m, f"{m}和{short}", 1)
    return f"{short}和{prev}"


def _asked_part(prev: str) -> str:
    """A long earlier question as a follow-up's topic: its asking sentences
    from the last back until they say enough, with the places named before
    them (「我在济南有个…小厂…。市里有没有…？」 -> 济南，市里有没有…)."""
    sentences = sentences_of(prev)
    asking = [x for x in sentences if looks_like_question(x)]
    if len(prev) <= 60 or not asking:
        return prev
    k = len(asking) - 1
    while k > 0 and _content_len("".join(asking[k:])) < 10:
        k -= 1
    part = prev[prev.find(asking[k]):]
    if part == prev:
        return prev
    told = [p.name for p in find_places(prev[: len(prev) - len(part)]) if p.name not in part]
    return "".join(dict.fromkeys(told)) + ("，" if told else "") + part


_INSIDE = re.compile(r"^(?:那|这)?(?:里面|里头|里边|其中|文中|文件里|上面)")  # a follow-up asking inside what was asked of
_LEAD_IN = re.compile(r"^(?:那么?|那个|还有|另外|再问一下?|接着|然后)[，,]?")  # what a follow-up opens with, asking nothing


def restates(followup: str, standalone: str) -> bool:
    """The standalone question is the earlier one asked anew of what the
    follow-up names (「那化工那块呢」 -> 「济宁高端化工产业集群2025年目标是多少」),
    not the earlier topic with the follow-up's own words after it."""
    return re.sub(r"[\W_]", "", _LEAD_IN.sub("", followup.strip())) not in re.sub(r"[\W_]", "", standalone)


_MORE_OR_LESS = re.compile(r"(?:是不是|是否|会不会|能不能)?(?:就|也|还)?(?:更|会)?(?:少|多|高|低|大|小)(?:些|点|一些)?(?:了|吗|呢|吧)?[？?]?$")


def _frame(prev: str) -> str | None:
    """Where the earlier question asks (「淄博方案里」, 「济南2020年意见里」): the
    document it names by kind, with what leads up to it; None when it names
    none at its start."""
    m = re.match(rf"^([^，,。？?]{{0,16}}?(?:{lexicon.get().kinds_alternation()})(?:里|中|上)?)", prev.strip())
    return m.group(1) if m and find_places(m.group(1)) else None


def _place_frame(prev: str) -> str | None:
    """The place the earlier question opens with (「淄博到2025年要让…」: 淄博),
    when it names no document: what a follow-up of its own topic is asked of."""
    mentions = place_mentions(prev.strip())
    return prev.strip()[: mentions[0][1]] if mentions and mentions[0][0] <= 2 else None


def _other_document(head: str, earlier: str) -> str | None:
    """「评估报告里呢」 after a question framed in 「市中区行动计划」 (``earlier``: that frame, or the
    whole earlier question): the other document the follow-up names by kind (without its 呢 or
    「反过来看」); None when it names none, or the same kind."""
    kinds = lexicon.get().kinds_alternation()
    named = re.search(rf"(?:{kinds})", head)
    old = re.findall(rf"(?:{kinds})", earlier)
    if not named or named.group(0) in old or any(named.group(0) in o or o in named.group(0) for o in old):
        return None
    return re.sub(r"^(?:那么?|那个|还有|另外)?(?:反过来|回过头来?|再|换成|换到)?(?:看看?|说说?|问问?)?|的?呢$", "", head).strip() or None


_LEVEL_SAID_AS_PLACE = re.compile(r"(?<![全本])([省市区县])里的?(?=呢)")


def _levels_said(body: str, prev: str) -> str:
    """「省级的呢？市里的呢」 after 「…国家级…给多少」: 市里的, among levels, is 市级的."""
    return _LEVEL_SAID_AS_PLACE.sub(r"\1级的", body) if LEVEL_RE.search(body) and LEVEL_RE.search(prev) else body


# what opens a follow-up that turns to another matter (not 「那要是…呢」, which asks the earlier question again)
_SWITCH = re.compile(r"^(?:再问(?:一?下)?|另外|还有(?:一个|个)?(?:问题)?|顺便问(?:一?下)?)[，,：:\s]")
_AMONG = re.compile(r"^其中的?")  # after a question that asked what a thing's members are: one of them
_MEMBERS_ASKED = re.compile(r"哪几|哪些|有什么|有啥|都有|包括")
OWN_TOPIC = 20  # characters of its own that make a follow-up naming no place a question of its own topic (fresh batches)
OWN_QUESTION = 10  # characters of its own (places, years, question words aside) that make a follow-up a question by itself


def _merge(prev: str, q: str, kin: Kin | None = None) -> str:
    places = find_places(q) or _named_alone(q)
    body = _levels_said(q.strip(), prev)
    same_year = _same_year(prev, body)
    if same_year:
        return same_year
    if not places:
        sub = _substitute(prev, body, kin)
        if sub:
            return sub
        # 「新能源集群呢？2025年目标多少，牵头单位也是？」: the earlier question of the term named, then what is asked of it
        head = re.match(r"^([^，,。？?\s]{1,12}?呢)[?？，,\s]\s*(\S.*)$", body)
        frame = _frame(prev) if head and looks_like_question(head.group(2)) else None
        if frame and (other := _other_document(head.group(1), frame)):
            # 「评估报告里呢，全市现在建了多少个」 after 「市中区行动计划说到2026年5G基站要建多少个？」: the earlier
            # topic asked of the other document, without the earlier document's years
            topic = _A_YEAR.sub("", _strip_ask(prev.strip()[len(frame):])).strip("，, ")
            return f"{other}，{topic}，{head.group(2)}" if topic else f"{other}，{head.group(2)}"
        lead = re.match(r"^([^，,。？?\s]{2,16})[，,\s]\s*(\S.*)$", body) if not head else None
        if lead and looks_like_question(lead.group(2)) and not looks_like_question(lead.group(1)) \
                and (other := _other_document(lead.group(1), prev)):
            # 「那反过来看2020年那份意见，当时说的是多少条产业链」: what is asked, of the other document named
            # (of the earlier question's place, when it names none)
            earlier = find_places(prev)
            return f"{earlier[0].name if earlier else ''}{other}，{lead.group(2)}"
        sub = _substitute(prev, head.group(1), kin) if head else None
        if sub:
            rest = head.group(2)
            # (「市级的呢 是不是更少了」: the earlier question asked again, and whether it comes out less)
            own = looks_like_question(rest) and not _MORE_OR_LESS.match(rest)
            return f"{_strip_ask(sub) if own else sub}，{rest}"
        same = _same_reference(prev, body)
        if same:
            return same
        frame = _frame(prev) if head and looks_like_question(head.group(2)) else None
        if frame:
            # 「那软件这块呢，有啥量化目标？」 after 「淄博方案里…应用工业互联网的比例要到多少？」: a topic of its own,
            # asked of the same document or place; the earlier topic is no part of it
            return f"{frame}，{_FILLER.sub('', head.group(1))}，{head.group(2)}"
        bare = not head and re.search(r"呢[?？]?$", body) and not looks_like_question(re.sub(r"呢[?？]?$", "", body))
        measures = _OWN_MEASURE.findall(body) if bare else []
        # (of a place, only when the follow-up names a thing of its own: 「那营收呢」 asks of the earlier thing)
        if measures and not any(m in prev for m in measures) and (frame := _frame(prev) or (
                _place_frame(prev) if _content_len(_NO_THING.sub("", _OWN_MEASURE.sub("", _FILLER.sub("", body)))) >= 2 else None)):
            # 「那软件和信息技术服务业的营收目标呢」 after 「…意见里，到2022年数字经济占GDP比重要到多少？」: a thing and a
            # measure of its own, asked of the same document (or place: 「淄博到2025年…」) and year; the earlier
            # measure is no part of it
            year = _A_YEAR.search(prev[len(frame):])
            return f"{frame}，{year.group(0) if year else ''}{_FILLER.sub('', body)}是多少"
    olds = find_places(prev)
    if len({p.name for p in places}) == 1 and olds and _COMPARE_ASKED.search(body) \
            and not any(o.name == places[0].name for o in olds):
        # 「济南呢？哪个多」 after 「济宁工业发展专项资金多少钱」: the earlier question of both places, compared
        both = _beside_place(prev, places[0])
        rest = re.sub(r"^[^，,。？?]{1,12}?呢[?？\s]*", "", body) if _only_place(re.split(r"(?<=呢)", body)[0], places) else body
        return f"{re.sub(r'[?？。]+$', '', both.strip())}，{_LEAD_IN.sub('', rest) or '对比'}"
    if places and _only_place(body, places):
        # 那淄博呢？ -> the earlier question asked about 淄博
        return _replace_places(prev, places)
    head = re.match(r"^([^，,。？?]{1,12}?呢)[?？]\s*(\S.*)$", body)
    if places and head and _only_place(head.group(1), places) and looks_like_question(head.group(2)) \
            and _content_len(_question_words().sub("", head.group(2))) >= 6:
        # 「那济宁呢？研发平台的目标定了多少？」: a question of its own, asked of the place named
        return f"{places[0].name}{_LEAD_IN.sub('', head.group(2))}"
    own_ask = looks_like_question(re.sub(r"[呢吗][?？]?$", "", body))
    if own_ask and places and not _INSIDE.match(body) and not _ANAPHORA.search(body) \
            and _content_len(_A_YEAR.sub("", _question_words().sub("", body))) >= OWN_QUESTION:
        # 「那同样到26年，市中区亿元以上工业企业要几家？制造业占…比重要多少」: place, year and topic of its own;
        # the earlier question adds nothing but its words
        return _LEAD_IN.sub("", body)
    among = _AMONG.match(body) if _MEMBERS_ASKED.search(prev) else None
    if own_ask and not places and (frame := _frame(prev) or _place_frame(prev)) and (
            among and _content_len(_A_YEAR.sub("", body[among.end():])) >= OWN_QUESTION
            or _SWITCH.match(body) and not _INSIDE.match(body) and not _ANAPHORA.search(body)
            and _content_len(_A_YEAR.sub("", body)) >= OWN_TOPIC):
        # 「再问下，县市区这一级谁是产业集群培育的第一责任人？全市集群发展情况由谁督导？」: a question of its own
        # topic, asked of the earlier question's document or place; the earlier topic is no part of it (nor the
        # list one of whose members it picks: 「其中高端装备集群到2025年营收…目标是多少」)
        return f"{frame}，{body[(among or _SWITCH.match(body)).end():]}"
    if own_ask and not places:
        # 「那新能源集群是哪个部门牵头？」 after 「济宁新一代信息技术集群…目标是多少？」: the term it opens
        # with takes the place of the earlier one, not a second subject beside it
        lead = _LEAD_TERM.match(_FILLER.sub("", body))
        term = lead.group("term") if lead and not _NOT_A_TERM.search(lead.group("term")) else None
        sub = _substitute(prev, term, kin) if term else None
        prev = sub or prev
    topic = _strip_ask(_asked_part(prev)) if own_ask else re.sub(r"[?？]+$", "", prev.strip())
    if own_ask and not places and _INSIDE.match(body) and (frame := _frame(prev)):
        # 「里面还提到拿出3000亩用地指标，是哪个文件定的？」 after 「…评估报告是哪天发布的？」: asked of what the
        # document says, not of when it came out
        topic = frame
    if places and not _INSIDE.match(body):
        # (「那里面说要贯彻济南市哪个人才政策？」 after 「市中区…行动计划里，…」: a place named inside the
        # document asked of before, which stays; not another place's document)
        topic = _replace_places(topic, places)
    body = _LEAD_IN.sub("", body)
    return f"{topic}，{body}"


# what names no thing of a follow-up's own (「那二〇二三年那个阶段性的目标呢」: a year, a stage)
_NO_THING = re.compile(r"[〇零一二两三四五六七八九\d]{2,4}\s*年|那个|这个|阶段性?|中期|近期|远期|最终|的")
# what a follow-up may measure a thing by (「…的营收目标呢」), each a word the earlier question may not say
_OWN_MEASURE = re.compile(r"(?:营业收入|营收|产值|增加值|规模|比重|占比|增速|数量)(?:目标)?|目标")


def _same_year(prev: str, body: str) -> str | None:
    """「那同一年济南新能源车产量到了多少」 after 「济南评估报告里说2024年规上工业营收是多少？」:
    a question of its own (a place, a topic, an ask) that takes only the
    earlier question's year, and the document it named, not its topic."""
    m = _SAME_TIME.search(body)
    years = re.findall(r"20\d{2}\s*年", prev)
    if not m or not years:
        return None
    own = _LEAD_IN.sub("", body[: m.start()] + years[-1] + body[m.end():])
    if not looks_like_question(own) or _content_len(own) < 8:
        return None
    doc = document_named(lexicon.get().kinds_alternation()).search(prev)
    return own if not doc or doc.group(0) in own else f"{doc.group(0)}{own}"


@lru_cache(maxsize=4)
def document_named(kinds: str) -> re.Pattern[str]:
    """The phrase that names the document a question asks of (「济宁那个先进制造业集群意见里」)."""
    return re.compile(rf"[^，,。？?！!；;]{{0,16}}?(?:{kinds})(?:里|中|上)")


def _same_reference(prev: str, body: str) -> str | None:
    """「人才引进培育那条呢，牵头的是谁」 after 「…意见里精准招商引资那条是哪个单位牵头的？」:
    the follow-up names another item the way the earlier question named its
    own (X那条 for Y那条), when no list the documents give holds both; the
    earlier question is asked of it, then what it asks besides."""
    new = re.match(rf"^(?:那么?|还有|另外)?(?P<t>[^，,。？?那这]{{2,12}}){_REFERENCE}(?:呢|的呢)(?:[?？，,]\s*(?P<rest>\S.*))?$", body.strip())
    old = re.search(rf"(?:(?<=[里中的，,])|^)(?P<t>[^，,。？?里中的那这]{{2,12}}){_REFERENCE}", prev)
    if not (new and old) or new.group("t") == old.group("t"):
        return None
    asked = prev[: old.start("t")] + new.group("t") + prev[old.end("t"):]
    rest = new.group("rest")
    return f"{re.sub(r'[?？。]+$', '', asked.strip())}，{rest}" if rest else asked


_NOT_A_TERM = re.compile(r"[给补奖拿还也又再都就才呢吧吗]|自己|额外|里$")  # 「区里自己还额外给」 says who gives, not a thing
_LEAD_TERM = re.compile(r"(?P<term>[^，,。？?\s]{2,8}?)(?=是|的|有|要|怎么|哪|谁|由|归|能|可以|几|多少)")  # after ``_FILLER``


# ---------------------------------------------------------------- parts

# a question typed without punctuation goes on after a space or a particle (「…中小企业啊俺这小作坊有没有戏」)
_ENDS = re.compile(r"[？?。！!]$")  # a piece that ends its sentence: what follows it is another question's
_SEP = re.compile(r"[，,、；;]|(?<=[？?])|以及|还有(?![效没多几吗么啥什])|另外(?![几两一的个些])|同时|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|(?<=[啊呀哈嘛吧呢])(?=[俺我咱你那这要如])")


def pieces_asking(text: str) -> tuple[list[str], list[int]]:
    """A question's pieces (split at commas, question marks, 以及…) and the
    positions of those that ask something."""
    pieces = [x.strip() for x in _SEP.split(text) if x and x.strip()]
    asking = [i for i, x in enumerate(pieces) if _asks(x, last=i == len(pieces) - 1)]
    # 「我有个朋友在淄博，厂里有几栋老车间，…鼓励这么干吗？」: 几 in the story the asker tells goes on telling
    later = "".join(pieces[i] for i in asking[1:])
    told = [i for i in asking if i < len(pieces) - 1 and _tells_a_few(pieces[i]) and not _REFERS_BACK.search(later)
            and ((i > 0 and i - 1 not in asking and SELF.match(pieces[i - 1])) or _A_FEW.search(pieces[i]) or _SOME.search(pieces[i]) or _FEW_TOLD.search(pieces[i]))]
    return pieces, [i for i in asking if i not in told]


_REFERS_BACK = re.compile(r"分别|各自|哪些|哪几|是哪")
# 「区里现在规上工业企业好像没几家，」: 没几家 / 好几家 say "few" / "several", no count asked
_FEW_TOLD = re.compile(r"(?:没有?|好|就那么|就这么)几")
# 「厂子想在自己地块上盖几栋…楼，」, 「能不能…盖几栋给工人住的楼？」: a few things the asker plans or asks
# leave for, not a count asked
_A_FEW = re.compile(r"((?:想|打算|准备|能不能|可不可以|能否|让不让|允不允许|允许)[^，,。？?几]{0,12}?(?:盖|建|买|租|招|上|搞|弄|添|开|换))几")


# 「换几台杀菌釜包装机啥的」: a few things given as examples; 「还是只挑几家试点」: only a few;
# 「有几个原研药专利快到期了，…」: a few things there are, told before the question
_SOME = re.compile(r"(?<=只)(?:挑|选|搞|弄|给|有|做|试|支持|扶持)?几(?=[个台套家条项件种批])"
                   r"|几(?=[个台套家条项件种批][^，,。？?几\s]{1,12}?(?:啥的|什么的|之类的?|等等))"
                   r"|(?:^|(?<=[，,。！!；;]))(?:我们?|咱们?|俺们?|厂里|公司里?)?有几(?=[个台套家条项件种批][^，,。？?几]{1,16}?了[，,。！!；;])")


def without_a_few(text: str) -> str:
    """The text with the 几 of a few things planned or asked permission for
    (「想盖几栋」, 「能不能盖几栋」), given as examples (「换几台…啥的」) or
    said to be only a few (「只挑几家」) said as 些: no count is asked by it."""
    return _SOME.sub(lambda m: m.group(0)[:-1] + "些", _A_FEW.sub(r"\1些", text))


def _no_particle(piece: str) -> str:
    return re.sub(rf"(?:{_PARTICLE.pattern})+$", "", piece)


def asked_pieces(text: str) -> str:
    """The pieces of a question that ask (「每个月光电费就是一大笔，区里有没有办法…？」
    tells 每个月; a piece that tells what was heard asks nothing), or all of it when none does."""
    pieces, asking = pieces_asking(text)
    return "".join(pieces[i] for i in not_heard(pieces, asking)) or text


def _unheard(text: str) -> str:
    """The text without what the asker heard (``heard_pieces``) when nothing
    heard is a figure and the rest still asks (「同行跟我说济南对绿色工厂是每年按
    产值比例持续给补贴的，真是这样吗？」 asks whether it is so, not what the 比例
    is, nor what is paid 每年: the text's own terms answer it); else the text
    (a figure heard is checked against the text instead)."""
    heard = [x for x in heard_pieces(text) if x]
    if not heard or figures_in(heard):
        return text
    rest = text
    for x in heard:
        rest = rest.replace(x, "")
    return rest if looks_like_question(rest) else text


def not_heard(pieces: list[str], asking: list[int]) -> list[int]:
    """The asking pieces but those that tell what was heard (「听说政府要按每亩地交多少税，
    …真有这事吗？」: the first piece tells, the second asks); all of them if that leaves none."""
    told = {i for i in asking if _HEARD.search(pieces[i]) and not re.search(r"[？?]\s*$", pieces[i])}
    return [i for i in asking if i not in told] or asking


def _tells_a_few(piece: str) -> bool:
    """A piece whose only question sign is 几, said without a question mark
    (「厂里有几栋上世纪留下来的老车间，」): "a few", when it goes on with what the
    asker tells."""
    return "几" in piece and not re.search(r"[？?]\s*$", piece) and not looks_like_question(_no_particle(piece.strip(" ，,")).replace("几", ""))


# a choice of one among places, parks, firms (「应该去哪个？」), not a list (哪些) or who (哪个部门)
CHOICE = re.compile(r"哪个(?!部门|单位|局)|哪家|去哪|选哪|哪里|哪儿")


def trade_of(text: str) -> str | None:
    """The trade the asker says they are in (「俺是开饭店的」: 饭店; the lexicon's ``asker_trade``)."""
    lex = lexicon.get()
    written = lex.written(text)
    m = lex.asker_trade.search(written) if lex.asker_trade else None
    if m and (kind := _COUNTS_AS.match(written, m.end())):
        return kind.group(1)  # 「我们做食品的 应该算轻工吧」: the trade as the asker places it (轻工)
    # (「给陶瓷这种传统行业」: 陶瓷, not the words that say what kind of trade it is)
    return (re.split(r"这种|这类|这样的?|那种|那类|之类|一类|等", m.group("trade"))[0] or None) if m else None


# 「…的 应该算轻工吧」, 「属于新材料行业」: the trade told counted as another
_COUNTS_AS = re.compile(r"[\s，,]*(?:应该|应当|也|大概|估计)?(?:算是?|属于|归)(?:是)?([\u4e00-\u9fff]{2,6}?)(?:行业|产业|类|这块|那块)?(?:吧|吗|么|的吧|[\s，,。？?]|$)")


SELF = re.compile(r"^(?:我|俺|咱|本厂|本公司)")  # a piece where the asker tells of themself


# a question mark or a closing particle (吗, 呢, 么), not the 么 of 什么 or 怎么
_PARTICLE = re.compile(r"[?？吗呢]|(?<![什怎那这多要])么")


def _asks(piece: str, *, last: bool) -> bool:
    """A piece that asks something. 几 where the asker tells of themself
    before the question (「我在村里想建几个充电桩，…每个桩补多少？」) is "a
    few", not "how many"."""
    bare = _no_particle(piece)
    if not looks_like_question(bare):
        return False
    if not last and _SOMEDAY.search(bare) and not looks_like_question(_SOMEDAY.sub("", bare)):
        return False  # 「公司哪天新上了百亿元台阶，…奖多少？」: when it happens, not when asked
    if last or not (SELF.match(piece) or _MEANS_TO.match(piece)):
        return True
    told, *after = re.split(r"(?<=[。！!；;])", bare)  # (「想弄个省级的研发平台。区里…建成几家？」 asks after the 。)
    return looks_like_question(told.replace("几", "")) or any(looks_like_question(x) for x in after)


_SOMEDAY = re.compile(r"哪一?天(?=[^，,。？?]{0,12}?了)")  # 「哪天上了10个亿的台阶，」: some day, a condition
# 「想上几台新设备但资金紧张，」: what the asker means to do, said without naming themself
_MEANS_TO = re.compile(r"^(?:想|打算|准备|计划)(?!问|了解|知道|咨询|打听|请教|查)")
# (「…三个集群2023年的营收目标各是多少」: 各 before what is asked of each)
_EACH = re.compile(r"(?:这几种|这些|这几个)?(?:分别|各自|各(?=(?:是|为|有|定了?|设了?|要|能|给|达到|占)?(?:多少|几|啥|什么|哪|最多|最高)))")


_HOW_MANY_ITEMS = re.compile(r"^(?:[两三四五六七八九十]|\d{1,2})(?:个|家|类|项|种|大)(?=[\u4e00-\u9fff])")


def _words(text: str) -> list[str]:
    from .tokenize import segment

    return segment(text) or [text]


_ASKING_TAIL = re.compile(r"(?:从|自|在|是|的|要|能|可以|可|该|去|到|找|管|最多|最高|最少|至少|一共|总共|大概|投|拿|补|奖|给)+$")


def _asked_of_another_document(piece: str, before: str, after: str) -> str | None:
    """「…工业营收破万亿定的是哪年？评估报告里说实际哪年破的」: a piece that names a document
    and asks of nothing but it asks of what the first part names (before its question word
    or after it, 「…意见定的是哪年规上营收过万亿」; without the words of setting a goal nor
    those naming the first document), in that document."""
    kinds = lexicon.get().kinds_alternation()
    named = _kind_patterns(kinds)[0]
    if not named.search(piece):
        return None
    own = re.sub(rf"(?:{kinds})(?:里面?|中|上)?(?:说|讲|写|提)?(?:的)?|实际上?|已经|最后|最终", "", _ASKING_ONLY.sub("", piece))
    if _content_len(own) >= _OWN_TOPIC:
        return None
    # (what the first names after the document it names: 「…2020年意见里定的工业营收破万亿目标」)
    said = [re.sub(rf"^.*(?:{kinds})(?:里面?|中|上)?", "", x) for x in
            (before, re.sub(r"^[\s家个项条座只位年天]*|[？?。！!，,\s吗呢吧]+$", "", after))]
    said = [_GOAL_WORDS.sub("", _without_asking_tail(x)) for x in said]
    topic = "".join(x for x in said if _content_len(x) >= 2 and not named.search(x))
    return f"{topic}，{piece}" if topic else None


def _without_asking_tail(topic: str) -> str:
    """The topic before a question word without the words of asking that end it (「单个项目最多能投」 ->
    「单个项目」), cut only between words: the 可 of 「居留许可」 is the topic's own."""
    m = _ASKING_TAIL.search(topic)
    if not m:
        return topic
    ends = set(itertools.accumulate(len(w) for w in _words(topic)))
    cut = next((i for i in range(m.start(), len(topic)) if i in ends and _ASKING_TAIL.fullmatch(topic[i:])), len(topic))
    return topic[:cut]


_QUOTED_NAME = re.compile(r"[“\"「『][^”\"」』]{1,20}[”\"」』]")  # “好品山东”: a name, not a place asked about

# 「跟2020年相比要往下压几成？」「跟前几年比要省下多少？」: a piece that measures the thing asked before it
# against a baseline (a year, earlier years) names no topic of its own
_COMPARED_WITH = r"(?:比|较|相比|相较|对比|与|跟|和|同)"  # the words that measure against a base
_AGAINST_BASELINE = re.compile(rf"^\s*(?:那|这)?\s*{_COMPARED_WITH}\s*(?:20\d{{2}}\s*年?|去年|上一?年|前几年|前些年|以前|过去|之前|原来)"
                               r"\s*(?:相比|比起来|比)?")


_AMONG_THEM = re.compile(r"(?:在|算在|包括在|列在|包含在)(?:这)?(?:里面|里头|其中|之内|之列|范围内)|(?:在不在|算不算|包不包括|属不属于)(?:里面|其中|这些|之内|之列|$|[？?])")


_ALSO = re.compile(r"^(?:还|另外|此外|再就是|那还)(?!是|有没有|有无|能不能|可不可以)")
ALSO_LEAST = 4  # the fewest characters of content a question opening on 还 asks a topic of its own with


def _own_topics(pieces: list[str]) -> bool:
    """Questions that each name a topic of their own (「规上工业营收要冲到多少？
    亿元以上的工业企业要有几家？」), not one asked twice in other words."""
    # 「按件算还是按年算？」 details the question before it; 「5G基站有多少个？算力总规模到了多少？」 asks two figures
    # three asked at once are three things, not one asked thrice
    least = 5 if len(pieces) >= 3 or all(_FIGURE_ASKED.search(p) for p in pieces) else 8
    # (a later one opening on 还 or 另外 asks one thing more, however short: 「…？还上线了个啥平台」)
    if not all(_content_len(p) >= (ALSO_LEAST if k and _ALSO.match(p) else least) for k, p in enumerate(pieces)):
        return False
    if any(_AGAINST_BASELINE.match(p) for p in pieces[1:]):
        return False
    if any(_AMONG_THEM.search(p) for p in pieces[1:]):
        return False  # 「…哪几大支柱产业？我们做钢材深加工的算不算在里面？」: whether one is among what was asked
    # a document named by its kind (「评估报告说」, 「那个方案里」), not a programme's name (「云帆计划服务了…」)
    document = _kind_patterns(lexicon.get().kinds_alternation())[0]
    if any(find_places(_QUOTED_NAME.sub("", p)) or document.search(p) for p in pieces[1:]):
        return False  # 「…意见定的目标是多少，评估报告说实际多少？」: sides of a comparison
    words = [{w for w in _words(_question_words().sub("", p)) if len(w) >= 2} for p in pieces]
    return all(len(a & b) <= min(len(a), len(b)) // 2 for i, a in enumerate(words) for b in words[i + 1:])


_GOAL_WORDS = re.compile(r"当年|当时|当初|原来|(?:20\d{2}年)?(?:那个文件|文件|意见|方案|计划)?(?:里|中)?(?:说|定|提|写)(?:的|了)?|(?:到|至)?\s*20\d{2}\s*年|目标|要(?:到|达到|突破|建成?)?|计划|是$")
_BECAME = r"(?:那)?(?:后来|结果|最终|实际上?)"  # 「后来实际…」: what became of the thing asked before
# what there is now, or what the report says, or what became of it (「…，后来实际哪年做到的」)
_NOW = re.compile(rf"现在|目前|如今|眼下|评估报告|报告里|(?:^|[，,]){_BECAME}")
_REACHED = re.compile(_NOW.pattern + r"|实际|已经")  # ... or what was reached


def _level_swapped(pieces: list[str], asking: list[int]) -> tuple[str, str] | None:
    """「刚拿到省级企业技术中心，能给多少扶持？要是以后冲上国家级的，又能给到多少？」:
    the second question is the first asked of another level (as a follow-up
    「那国家级的呢？」 would be), so it is the first with that level."""
    first, second = "".join(pieces[: asking[0] + 1]), "".join(pieces[asking[0] + 1: asking[1] + 1])
    was, now = list(LEVEL_RE.finditer(first)), list(LEVEL_RE.finditer(second))
    if len(was) != 1 or len(now) != 1 or now[0].group(1) == was[0].group(1) or find_places(second):
        return None
    if detect_slots(second) - detect_slots(first) or _content_len(LEVEL_RE.sub("", second)) > 8:
        return None  # it asks something of its own
    other = _substitute(first, now[0].group(0))
    return (first, other) if other else None


def _goal_then_reached(pieces: list[str]) -> bool:
    """A goal asked (「当年定的…目标是多少」, 「2020年说到2022年…要到多少」), then what
    was reached, from the report or now (「评估报告里实际培育了多少」): two things."""
    goal, then = pieces
    # (计划 as a verb, 「计划到2026年建多少个」, names no document)
    named = re.sub(r"(?:计划|规划)(?=(?:到|至|在|于)?\s*20\d{2}|要|建|新建|搞|培育)", "", goal)
    if any(k in named for k in lexicon.get().all_kind_words()):
        return False  # 「2020年意见定的目标是多少，评估报告说实际多少」: two documents named, compared side by side
    return bool(re.search(r"目标|定的|(?:说|提)(?:的)?(?:到|至)\s*20\d{2}|要(?:搞|做|干)?(?:到|达到|突破|建成?|培育|新增)"
                          r"|(?:计划|规划|打算)(?:到\s*20\d{2}\s*年?)?(?:要)?(?:搞|做|建成?|达到|突破|培育|新增)", goal)) \
        and not _REACHED.search(goal) and bool(_REACHED.search(then)) and bool(_FIGURE_ASKED.search(then))


def _document_and_figure(pieces: list[str]) -> bool:
    """「文号是多少？到2026年营收要突破多少？」: a document's 文号 (date, issuer)
    and a figure it sets are two things asked; not 「有没有出类似的行动计划？文号
    是多少？」 or 「还管用吗？管的是哪几年？」, which all ask about the document."""
    lex = lexicon.get()
    kinds = lex.all_kind_words()
    # 「绿色工厂要建多少家？是到哪年？」: the year the figure is set for, not the document's
    about_document = [bool(lex.document_question.search(lex.written(p)))
                      and not re.fullmatch(rf"\s*(?:那|这)?(?:{_FIGURE_YEAR.pattern})[?？呢]*\s*", p) for p in pieces]
    # (or the verdict a report gives of it: 「到期没？评估报告咋评价的」)
    figure = [not d and ((bool(_FIGURE_ASKED.search(p)) and bool({"amount", "target"} & detect_intents(p) or {"amount", "rate"} & detect_slots(p))
                          and not any(k in p for k in kinds)) or asks_verdict(p)) for p, d in zip(pieces, about_document)]
    # (a piece asking more of the figure before it: 「目标是多少，以哪年为基期？」)
    return any(about_document) and any(figure) and all(d or f or (k > 0 and figure[k - 1] and not any(w in p for w in kinds))
                                                        for k, (p, d, f) in enumerate(zip(pieces, about_document, figure)))


_WHETHER = re.compile(r"有没有|有无|是否有|有.{1,12}吗")
_FIGURE_ASKED = re.compile(r"多少|几(?:个|家|项|条|成|倍)")
_FIGURE_SAID = re.compile(r"(?:破|突破|达到|超过|过)[^，,。？?]{0,3}?(?:\d|[十百千万]亿|[一二两三四五六七八九十百千]+(?:万|亿))"
                          r"|\d[\d.]*\s*(?:%|％|万|亿|家|个|项)")
_WHICH_MORE = re.compile(r"(?:哪|谁)[^，,。？?\d]{0,4}?更?(?:多|少|高|低|大)(?!少)")
_FIGURE_YEAR = re.compile(r"(?:是|要|得)?(?:到|截至|截止到?)哪(?:一)?年")


def asks_year_of_figure(text: str) -> bool:
    """「绿色工厂要建多少家？是到哪年？」: a figure asked, and the year it is set for;
    nothing else about the document (its 文号, its period)."""
    lex = lexicon.get()
    t = lex.written(text)
    # (or the figure said, and its year asked: 「工业营收破万亿是到哪年？」)
    # (or two figures set against each other: 「都给绿色工厂定过数，哪家定得多？各自是到哪年」)
    figure = _FIGURE_ASKED.search(t) or _FIGURE_SAID.search(_YEAR.sub("", t)) or _WHICH_MORE.search(t)
    return bool(figure and _FIGURE_YEAR.search(t) and not lex.document_question.search(_FIGURE_YEAR.sub("", t)))
_ITEM = re.compile(r"第\s*([0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*(?:条|项|点)")


def without_known(text: str) -> str:
    """The question without the clauses that tell what the asker already
    knows (「市级的给50万我知道，那区县级的给多少？」 asks the 区县级 one),
    unless too little would be left to say what it is about."""
    known = lexicon.get().known
    if known is None:
        return text
    clauses = re.split(r"(?<=[，,；;。！!？?])", text)
    kept = "".join(c for c in clauses if not (known.search(c) and not looks_like_question(c)))
    # 「技改有补贴我知道，补多少？」: what is known is also what the question is about
    return kept if kept != text and _content_len(kept) >= 6 else text


# 「老板特别关心这个：」: who cares about the question, not what it asks
_CONCERN = re.compile(r"^(?:我们|我|俺|咱|老板|领导|厂里|公司)?(?:老板|领导)?(?:也|就)?(?:特别|很|非常|最|一直|比较|挺)?(?:关心|关注|在意|担心|操心|惦记)(?:这个|这事|这件事|这块|这一块|这个事)?[：:，,。]?$")


def without_told(text: str, *, keep_questions: bool = False) -> str:
    """The text without its pieces that open with the asker (「，我要写进报告里」);
    ``keep_questions``: not those that ask (「我们…还能拿它当依据吗？」)."""
    # (a gap typed between two phrases parts them too: 「我们是做新材料的 新产品刚出来…」)
    return "".join(x for x in re.split(r"(?<=[，,。？?！!；;])|(?<=[\u4e00-\u9fff]\s)(?=[\u4e00-\u9fff])", _without_story(text))
                   if not SELF.match(x.strip()) or (keep_questions and looks_like_question(x)))


_STORY_ENDS = re.compile(r"(?<=[。！!])")
_WANTS = re.compile(r"想|要|问|了解|咨询|请教|打听|知道|看看|查")


def _without_story(text: str) -> str:
    """The text without the sentences in which the asker tells of themself
    throughout (``story``)."""
    return "".join(x for x in _STORY_ENDS.split(text) if not _is_story(x))


def story(text: str) -> str:
    """The sentences in which the asker tells of themself throughout (「我们在济宁
    汶上做储能变流器，员工110人，去年营收1.5亿，23年上了省级专精特新。」): their
    years, sums and levels are no more asked than the first piece's; a sentence
    that asks or says what they want is none."""
    return "".join(x for x in _STORY_ENDS.split(text) if _is_story(x))


def _is_story(sentence: str) -> bool:
    s = sentence.strip()
    return bool(SELF.match(s) and re.search(r"[。！!]$", s) and not _WANTS.search(re.split(r"[，,]", s)[0])
                and not any(looks_like_question(x) for x in re.split(r"[，,；;]", s)))


# a request to check what the asker tells (「…，帮我确认下对不对」, 「…，核实一下」)
_CHECK_ASKED = re.compile(r"(?:帮我|帮忙|请|麻烦)?(?:确认|核实|核对|核查|查证)(?:一)?下?|对不对|对吗|是否正确|正确吗|有没有错|没错吧|准不准|是不是真的")


def untold(text: str) -> str:
    """The text without its pieces that open with the asker (「我们公司去年刚评上
    省级专精特新，」): what they tell of themself, e.g. a level, is not asked —
    unless the rest asks nothing of its own (「刚拿到省级企业技术中心的牌子，
    能给多少扶持？」 asks of what they hold)."""
    kept = without_told(text)
    # (the document it is asked of is nothing of its own: 「按济南2020年工业强市意见能拿多少扶持？」; nor is a request to
    # check what was told: 「我这写的文号是济发〔2023〕7号，帮我确认下对不对」 asks whether the told is right)
    own = re.sub(rf"[^，,。？?！!；;]{{0,16}}?(?:{lexicon.get().kinds_alternation()}|文件)(?:里|中|上|的)?", "", kept)
    own = _CHECK_ASKED.sub("", own)
    return kept if _content_len(own) > 6 or LEVEL_RE.search(kept) else text


# 「我们小厂平时遇到问题不知道找谁反映，济南有没有…平台？」: what the asker does not know, before the question they ask
_UNSURE = re.compile(r"不知道|不清楚|搞不清|弄不清|不晓得|不懂|没数")


# 「…各怎么说的？区里是不是写得更细」: which side says more, of a comparison asked before it
_SAYS_MORE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:是不是|是否|会不会|是)?(?:写|说|规定|讲)得?更(?:细|具体|全|明确|详细)(?:一些|些|点)?"
                        r"(?:吗|呢|吧)?[？?]?$")
# 「想看看市场空间：评估报告说…？」: the asker's purpose, said before a colon and the questions it leads to
_PURPOSE = re.compile(r"(?:我们?|俺)?(?:想|打算|准备)(?:看看|了解|知道|比比|比较|算算|评估|摸摸)[^，,。？?：:]{0,12}[：:]$")


def without_self(text: str) -> str:
    """The question without the clauses where the asker says who they are
    (「我们是济南一家做医疗器械的民营企业，…市里对这个有扶持吗？」 asks about
    what follows), unless too little would be left."""
    own = lexicon.get().asker_self
    if own is None:
        return text
    said, wants, burden = own
    clauses = re.split(r"(?<=[，,；;。！!？?：:])", text)
    kept, dropped = [], False
    for i, c in enumerate(clauses):
        s, asked_after = c.strip(), any(re.search(r"[？?]\s*$", d) for d in clauses[i + 1:])
        if asked_after and (SELF.match(s) and _UNSURE.search(s) or dropped and _tells_a_few(s)
                            or _PURPOSE.match(s) and not looks_like_question(s) and not find_places(s)):
            # (「想看看市场空间：」 before the questions: why they ask, not what)
            # 「…不知道找谁反映，」 before the question asked; 「我有个朋友在淄博，厂里有几栋老车间，」: the story goes on
            dropped = True
        else:
            dropped = not looks_like_question(c) and bool(said.match(s) and not wants.search(c) or burden.search(s) or _CONCERN.match(s))
        if not dropped:
            kept.append(c)
    return "".join(kept) if len(kept) < len(clauses) and _content_len("".join(kept)) >= 6 else text


_SIDE_END = re.compile(r"[，,。？?；;！!]|分别|各自|各|都|哪个|哪边|谁")
_AND = re.compile(r"\s*(?:和|与|跟|及|以及|同|、|(?i:vs\.?|v\.s\.?|对比|对|比))\s*|\s+")  # 「济南 vs 济宁 …」, 「济南 济宁 …」 too
# what a place's phrase may hold and still say nothing of what it asks about (「市中区自己定的目标是多少家」)
_NO_SUBJECT = re.compile(r"自己|自个儿?|本身|单独|又|定|设|订|目标|打算|计划|准备|要|[家个项条]|相比|对比|比(?:起来|一比|比)?|咋样|怎么?样|如何"
                         r"|[那这]边|差距?|差别|区别"
                         r"|(?:到|至)?\s*\d{2,4}\s*年(?:底|末)?|每一?年|一年|今年|明年")  # (when: 「淄博25年的目标又是多少」 names no subject)


def side_text(text: str, place: Place) -> str:
    """A comparison as asked of one of its places: the words said of the
    other places dropped (「到2025年，济南工业营收目标和济宁231集群营收目标
    分别是多少？」 asked of 济宁: 「到2025年，和济宁231集群营收目标分别是多少？」).
    What is said of a place runs from its name to the next place or the end
    of its phrase."""
    mentions = place_mentions(text)
    # (a place the asker is not at is no side: 「…？要是在济宁不在济南呢」 asks of 济宁 what it asked of 济南)
    for a, b, p in reversed(mentions):
        if p.name != place.name and (no := _NOT_IN.search(text[:a])):
            text = text[:no.start()] + text[b:]
    mentions = place_mentions(text)
    if not any(p.name == place.name for _, _, p in mentions):
        return text
    own = next((a, b) for a, b, p in mentions if p.name == place.name)
    own_end = _SIDE_END.search(text, own[1])
    # 「济南全市规上工业企业有多少家？市中区自己定的目标是多少家？」: the place's own phrase names
    # no subject; what is said of the other place (its name dropped) says what is asked of this one
    elliptic = _content_len(_NO_SUBJECT.sub("", text[own[1]:own_end.start() if own_end else len(text)])) == 0
    cut: list[tuple[int, int]] = []
    for i, (a, b, p) in enumerate(mentions):
        if p.name == place.name:
            continue
        if elliptic and a < own[0] and (re.search(r"[？?。！!]", text[b:own[0]]) or _content_len(re.sub(r"全$", "", text[:a])) == 0):
            # an earlier question of its own (「扶持工业的钱，济南一年多少？济宁多少」), or the thing compared
            # when only the other place's phrase names it (「济南定的绿色工厂目标跟淄博的比咋样」), is asked of it too
            cut.append((a, b))
            continue
        end = _SIDE_END.search(text, b)
        stop = end.start() if end else len(text)
        if i + 1 < len(mentions) and mentions[i + 1][0] <= stop:
            stop = mentions[i + 1][0]  # 「济南（2020年文件）和济宁…」
        elif i and (_AND.fullmatch(text[mentions[i - 1][1]:a]) or mentions[i - 1][1] == a):
            stop = b  # 「济南和淄博的技改补贴」, 「济南济宁扶持资金对比」: what follows the last of them is said of each
        cut.append((a, stop))
    out, at = [], 0
    for a, b in cut:
        out.append(text[at:a])
        at = b
    out.append(text[at:])
    return "".join(out)


_MENTIONS_OF = re.compile(r"(?:提到|提及|提起|提过|提了|说到|讲到|写到|写了|涉及|点名|点到)(?:了|过)?\s*$")


def mentioned_places(text: str, mentions: list[tuple[int, int, Place]] | None = None) -> set[Place]:
    """Places named only as what a text mentions (「济宁招商有没有特别提到香港？」):
    a word the question looks for, not where it asks about."""
    mentions = place_mentions(text) if mentions is None else mentions
    said: dict[Place, bool] = {}
    for a, _, p in mentions:
        said[p] = said.get(p, True) and bool(_MENTIONS_OF.search(text[max(0, a - 6):a]))
    return {p for p, only in said.items() if only}


def reference_places(text: str, mentions: list[tuple[int, int, Place]] | None = None) -> set[Place]:
    """Places named only as a likeness (「有没有跟市中区类似的计划」,
    「能不能跟济南一样按10%补」): what the question measures by, not where it
    asks about. Every mention of the place must be one (the lexicon's
    ``likeness``: the words before and after it), and the likeness is not
    between two places named side by side (「济南和淄博一样吗」 asks both)."""
    like = lexicon.get().likeness
    if like is None:
        return set()
    before, after = like
    mentions = place_mentions(text) if mentions is None else mentions
    ends = {b for _, b, _ in mentions}
    said: dict[Place, bool] = {}
    prev: tuple[int, bool] | None = None  # where the mention before ended, and whether it was a likeness
    for a, b, p in mentions:
        m = before.search(text[:a])
        # 「类似济南、济宁那样」: a place listed right after one named as a likeness is one too
        listed = prev is not None and prev[1] and bool(re.fullmatch(r"\s*(?:、|和|及|与|跟)\s*", text[prev[0]:a]))
        like_this = bool(((m and m.start() not in ends) or listed) and after.search(text[b:]))
        said[p] = said.get(p, True) and like_this
        prev = (b, like_this)
    return {p for p, only in said.items() if only}


# (「区计划要素保障那条…」: the district's own plan, said at the head of a piece)
# (「是区人社局牵头、区教体局配合吧」: a department of the level, by its short name)
_CITY_ITSELF, _DISTRICT_ITSELF = r"全市|市里|整个市", r"区里|县里|全区|全县|(?:^|(?<=[，,。？?！!\s]))[区县](?:计划|方案|文件|政府)" \
    r"|(?:^|(?<=[是由找和跟与、，,。？?！!\s]))[区县](?!域|别|分)[\u4e00-\u9fff]{1,4}?(?:局|委)(?=[牵配负管来的，,、。？?和跟与吗吧]|$)"
# the level a question asks of with no place named (「市里有没有…」, 「区里谁负责」): not 市级 / 区级, which also name
# the level of an honour or a fund (「市级研发机构」)
LEVEL_SAID = {"市": re.compile(_CITY_ITSELF), "区县": re.compile(_DISTRICT_ITSELF)}
CITY_ASKED = re.compile(_CITY_ITSELF + r"|市级|市一级")  # the city itself asked of, beside a district named
DISTRICT_ASKED = re.compile(_DISTRICT_ITSELF + r"|区级|县级|区一级|县一级")  # a district asked of, by its level


def _read_as_asked(pieces: list[str], joint: str = "，") -> str:
    """Pieces joined back as the asker wrote them (a mark after each that had none)."""
    return "".join(x if re.search(r"[？?。！!，,]$", x) else x + joint for x in pieces)


def _scoped_sentences(pieces: list[str], asking: list[int]) -> tuple[str, str] | None:
    """Two asking sentences, one of the city and one of the district
    (「专精特新这块，市里有啥专项扶持计划、投了多少钱？区里2026年优质企业目标是多少家」):
    two parts, each with the topic said before them."""
    if not asking:
        return None
    ends = [k for k in asking if _ENDS.search(pieces[k])]
    cut = next((k + 1 for k in ends if k < asking[-1]), None)
    if cut is None or cut <= asking[0]:
        return None
    context = _read_as_asked(pieces[: asking[0]])
    first = _read_as_asked(pieces[asking[0]:cut], "、")
    second = "".join(pieces[cut:])
    if any(k not in asking and _content_len(pieces[k]) for k in range(cut, len(pieces)) if k < asking[-1]):
        return None
    scope = [("city" if CITY_ASKED.search(x) else "") + ("district" if DISTRICT_ASKED.search(x) else "") for x in (first, second)]
    if sorted(scope) != ["city", "district"]:
        return None
    # the second asks of what the first names before its question word, at its own level
    # (「市里技改补多少？区里还有没有额外的」 -> 技改，区里还有没有额外的)
    m = _question_words().search(first)
    topic = re.sub(r"(?:有|是|的|要|能|可以|给|补|奖|拿|投)+$", "", DISTRICT_ASKED.sub("", CITY_ASKED.sub("", first[: m.start()] if m else "")))
    topic = topic + "，" if _content_len(topic) >= 2 else ""
    return (context + first, context + topic + second)


def _places_asked(text: str) -> list[Place]:
    """The places a text asks about, not those it names only as what the asker
    states or where they are (「济宁的政策也想了解下，我们在兖州有个分厂」: 济宁)."""
    found = find_places(text)
    pieces, asking = pieces_asking(text)
    if len(found) < 2 or _OWN_PLACE_ASKED.search(text):
        return found
    located = {k for k, piece in enumerate(pieces) if k not in asking and _LOCATED.match(piece)}
    told = {p for p, ks in _pieces_naming(text, pieces, place_mentions(text)).items() if ks <= located}
    return [p for p in found if p not in told] or found


def with_city_asked(places: list[Place], text: str) -> list[Place]:
    """The places asked of, with a district's city put first when the text
    asks of the city itself (「我在市中区开了个小厂，市里给补多少？」)."""
    district = next((p for p in places if p.kind in ("区", "县")), None)
    if district is None or not CITY_ASKED.search(_city_document(text)) or any(p.name == district.city for p in places):
        return places
    return [Place(district.city, district.city, "市"), *places]


@lru_cache(maxsize=4)
def _kind_patterns(kinds: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For the lexicon's document kinds: a document named by its kind in a
    question (「评估报告说」, 「那个方案」), and a city's document named by its
    level (「全市评估报告」)."""
    named = re.compile(rf"(?:{kinds})(?:里|中|上|说|提|写|定|的|呢|[，,？?]|$)|(?:那个|这个|那份|这份|的)(?:{kinds})")
    city = re.compile(rf"(?:全市|市里|市级)(?:的|那个|这个|那份|这份)?(?:(?!有|没|给|出|发|定|搞|弄|还)[\u4e00-\u9fff]){{0,6}}?(?:{kinds})")
    return named, city


def _city_document(text: str) -> str:
    """The text without the words that name a city's document by its level in
    a piece that asks of a district (「全市评估报告里有没有说市中区…」: the report,
    not the city, is what 全市 says; not 「…市中区定的目标多少P？全市评估报告里说总算力
    到了多少」, which asks the city's figure)."""
    level = _kind_patterns(lexicon.get().kinds_alternation())[1]
    pieces = re.split(r"(?<=[，,。？?；;！!])", text)
    return "".join(level.sub("", x) if any(p.kind in ("区", "县") for p in find_places(x)) else x for x in pieces)


_NOT_IN = re.compile(r"(?:不在|不是|不属于|并非|而非|不归)$")


_HONOURED = re.compile(r"(?:获评|评为|评上|评了|认定为|入选|荣获|获批|获得)了?$")


def honour_places(text: str, mentions: list[tuple[int, int, Place]] | None = None) -> set[Place]:
    """Places named only as the start of an honour's name (「获评山东省工业强县」,
    「评上济南市专精特新企业」): a title won, not where the question asks about."""
    mentions = place_mentions(text) if mentions is None else mentions
    said: dict[Place, bool] = {}
    for a, b, p in mentions:
        said[p] = said.get(p, True) and bool(_HONOURED.search(text[max(0, a - 4):a])) and bool(re.match(r"[\u4e00-\u9fff]", text[b:b + 1]))
    return {p for p, only in said.items() if only}


def negated_places(text: str, mentions: list[tuple[int, int, Place]] | None = None) -> set[Place]:
    """Places the asker says they are not in (「我的厂在历下区，不在市中区」):
    every mention of the place right after 不在, 不是, 不属于."""
    mentions = place_mentions(text) if mentions is None else mentions
    said: dict[Place, bool] = {}
    for a, _, p in mentions:
        said[p] = said.get(p, True) and bool(_NOT_IN.search(text[:a]))
    return {p for p, only in said.items() if only}


def _stating(pieces: list[str], asking: list[int], said: re.Pattern[str]) -> set[int]:
    """The pieces where the asker states something (``said``, a year aside)
    before the last piece that asks: what they already know, not what they ask."""
    if not asking:
        return set()
    return {k for k, piece in enumerate(pieces[:asking[-1]]) if k not in asking and said.search(_YEAR.sub("", piece))}


_SUPPORT_STATED = re.compile(r"(?:补|奖|给|贴|扶持|支持)[^，,。；;？?]{0,8}?\d")


def without_premise(text: str) -> str:
    """The question without what the asker says a measure gives before asking
    (「之前听人说普通技改只补10%，那我们这种整个车间的改造比例是不是更高？」
    asks about 整车间, not 普通技改), unless too little would be left."""
    pieces, asking = pieces_asking(text)
    premise = _stating(pieces, asking, _SUPPORT_STATED)
    if not premise:
        return text
    kept = "，".join(piece for k, piece in enumerate(pieces) if k not in premise)
    return kept if _content_len(kept) >= 6 else text


# who the asker heard it from (「开会时领导讲…」, 「朋友说…」): a source, not what is asked about
_SOURCE = (r"(?:开会时|会上|上次|前几天|之前)?(?:听|有)?(?:人|别人|同行|朋友|同事|人家|老乡|领导|老板|专家|干部|工作人员|"
           r"客户|亲戚|同学|主任|书记|局长|区长|市长|县长|会计|中介|代理|群里|大家|他们|"
           r"家里人|亲友|熟人|邻居|师傅|合伙人|股东|供应商|侄子|外甥|儿子|女儿|闺女|孩子|老婆|媳妇|爱人|老公|丈夫|"
           r"哥们|兄弟|表哥|表姐|表弟|姐夫|大哥|大姐)(?:跟我|和我|对我|跟俺|给我)?"
           r"(?:说|讲|提到|透露)(?:过|的)?")
# what a written source says (「发布稿里写“…”」, 「新闻稿称…」, 「有稿子写…」)
WRITTEN_SOURCE = re.compile(r"(?:新闻稿|发布稿|通稿|稿子|报道|文章|推文|公众号|媒体|新闻)(?:里|上|中)?(?:写|称|说|提到|讲)(?:的是|着|了|道)?")
_HEARD = re.compile(r"听说|据说|" + _SOURCE + r"|网上说|新闻上说|看新闻说|传言|(?:我|俺)(?:依稀)?记得|印象(?:中|里)|"
                    + WRITTEN_SOURCE.pattern)
# 「听说淄博出了…方案」, 「看到…」: a piece that opens with what the asker has heard or seen
_HEARSAY = re.compile(rf"^(?:{_HEARD.pattern}|看到|看新闻|知道)")
_HEARD_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*个?\s*(万亿元|万亿|万元|万块|万|亿元|亿|%|％|元|块)")  # 500万元, 50个亿
_HEARD_SHARE = re.compile(r"(?<![一二两三四五六七八九十])([一二两三四五六七八九])成(?![本果员立为功熟长就交型品年])|(一半)")  # 两成: 20%
_TENTHS = {ch: str(10 * n) for n, chs in enumerate(("", "一", "二两", "三", "四", "五", "六", "七", "八", "九")) for ch in chs}


class HeardFigure(NamedTuple):
    """A figure as the asker heard it: number and unit to look for (20, %),
    and as they said it (两成)."""
    number: str
    unit: str
    said: str


def heard(text: str) -> bool:
    """The text tells what the asker has heard (听说, 朋友说)."""
    return bool(_HEARD.search(text))


def without_source(text: str) -> str:
    """The text without whom the asker heard it from (「开会时领导讲济南每年拿50个亿
    扶持工业」 -> 「济南每年拿50个亿扶持工业」): 领导 is no topic of the question."""
    return re.sub(r"(?:^|(?<=[，,。？?！!；;\s]))" + _SOURCE, "", text)


# 「破千亿了」, 「奖一千万」, 「两个亿」: a sum said in characters, held against the text as its digits
_HEARD_CN_FIGURE = re.compile(r"(?<![\d第一二两三四五六七八九十百千万亿])([一二两三四五六七八九十百千]{1,5})\s*个?\s*(万亿|亿|万)(元|块)?(?![\u4e00-\u9fff]*?(?:级|台阶))")


def heard_figures(text: str) -> list[HeardFigure]:
    """The figures (number, unit) of what the asker has heard (「听说济南对新上
    规模的小企业每家直接奖500万元」: 500, 万元), to be held against the text."""
    return figures_in(heard_pieces(text))


def figures_in(pieces: list[str]) -> list[HeardFigure]:
    """The figures said in ``pieces`` (of what was heard: ``heard_figures``; of a
    sum the asker quotes: ``refusal.Case.states_quoted_sum``), years aside."""
    heard = [_YEAR.sub("", x) for x in pieces]
    return list(dict.fromkeys([HeardFigure(*m.groups(), "".join(m.groups())) for x in heard for m in _HEARD_FIGURE.finditer(x)] + [
        HeardFigure(str(n), m.group(2), m.group(0)) for x in heard for m in _HEARD_CN_FIGURE.finditer(x) if (n := cn_int(m.group(1)))] + [
        HeardFigure(_TENTHS[m.group(1)] if m.group(1) else "50", "%", m.group(0))
        for x in heard for m in _HEARD_SHARE.finditer(x)]))  # 两成, 一半: a share; each once (heard and claimed beside)


# a figure with its unit, as a question quotes it (not a year, nor a 文号)
_QUOTED_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:个(?=\s*[万亿]))?\s*(万亿|亿元|万元|亿|万|%|％|PFlops|P|家|个|项|亩)")  # (3个亿: 3亿)


def quoted_figures(text: str) -> list[re.Pattern[str]]:
    """How a text states each figure the question quotes with its unit, where it
    quotes one or two (none for more: a question of many figures asks no source)."""
    plain_text = DOCNO_RE.sub("", text)
    # (not a figure that names what is counted, 「要培育几个300亿级的」)
    figures = [m.groups() for m in _QUOTED_FIGURE.finditer(plain_text)
               if not re.fullmatch(r"(?:19|20)\d{2}", m.group(1)) and not re.search(r"几|多少", plain_text[max(0, m.start() - 3):m.start()])]
    if len(figures) > 2:
        return []
    return [re.compile(rf"(?<![\d.]){re.escape(n)}\s*{re.escape(u[0])}") for n, u in figures]


def heard_years(text: str) -> tuple[int, ...]:
    """The years of what the asker has heard (「听说济南要求到2025年数字经济占一半以上，
    是这样吗？」): part of a claim held against the text, not a year the text must speak of."""
    # (not the year that names a document heard of: 「听说济南2020年那个工业强市的意见里…」)
    naming = _document_year(lexicon.get().kinds_alternation())
    # (nor the year of a 文号: 〔2023〕 of 济发〔2023〕7号 says when that number was given, not a year asked of)
    # (nor a sum of four digits, as ``_YEAR`` reads them: 2000万 is no year)
    return tuple(int(y) for x in heard_pieces(text) for y in _YEAR.findall(DOCNO_RE.sub("", naming.sub("", x))))


@lru_cache(maxsize=4)
def _document_year(kinds: str) -> re.Pattern[str]:
    """A year followed by the kind of document it names (2020年那个…意见)."""
    return re.compile(rf"20\d{{2}}\s*年?[^，,。？?\d]{{0,16}}?(?:{kinds}|文件|{_A_DOCUMENT})")


_A_DOCUMENT = r"(?<=[个份的])文(?=[，,。？?！!\s]|$|里|中|上)"  # 「市中区政府2024年10月那个文」: a document


_OF_ASKER = re.compile(r"^\s*(?:我|俺|咱|本公司|本厂|自己)")

# 「每个品种补300万是吧？」「…一次性奖50万，对吧？」「文件里是不是提到50%了？」: a figure the asker
# believes the text gives and asks to have confirmed, held against the text like one heard
_CONFIRM_TAG = re.compile(r"(?:是|对|没错|没说错|不错)(?:吧|吗|不)\s*[？?]?\s*$|对不对\s*[？?]?\s*$|是这样(?:吧|吗)\s*[？?]?\s*$"
                          r"|^是(?:这个|这么个|这样的?)[\u4e00-\u9fff]{0,3}(?:吧|吗|不)\s*[？?]?\s*$"  # 「…，是这个口径不」
                          r"|^(?:是不是|(?:是|这是)?真的吗|真的假的|属实吗)\s*[？?]?\s*$")  # 「…每个奖100万，是不是？」
_CLAIMED_FIGURE = re.compile(r"是不是[^，,。？?]{0,12}?(?:提到|写了?|说了?|有|给|补|奖|定了?|要)?[^，,。？?]{0,8}?\d"
                             r"|\d[^，,。？?\d]{0,6}?吧\s*[？?]?\s*$"  # 「…要求2025年底…过100家吧？」
                             # 「…是要求2025年就做到200个亿？」: a figure stated and asked back with no question word
                             r"|是(?:要求|要|说|规定|定|打算|计划)[^，,。？?]{0,20}?\d(?:(?!多少|几|哪|什么|啥)[^，,。？?])*[？?]\s*$")


CONFIRMING = re.compile(r"(?:吗|吧|么|嘛|不|没有?|对不对|是不是|是这样的?(?:吧|吗)?)\s*[？?]?\s*$")
_CLAIM_FIGURE = r"\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:个|家|辆|项|条|P|元|%|％|台|吨|亩|人|座|所|件|套)"


def document_claims(text: str) -> tuple[str, ...]:
    """The figures the asker says a document states, asked back to be checked
    (「市中区行动计划里说已经建成5200个5G基站了，…能直接当现状引用吗」, 「评估报告里…
    50万辆是2025年要达到的产量目标吧？」), in the form they are looked for (plain):
    the sentence that states one answers, whatever year or kind the asker gives it."""
    lex = lexicon.get()
    if not CONFIRMING.search(text.strip()) or (lex.asks_quantity and lex.asks_quantity.search(lex.written(text))):
        return ()  # (a question that asks a figure claims none)
    return tuple(dict.fromkeys(
        plain(f.group(1)) for m in _document_saying(lex.kinds_alternation() + "|文件").finditer(text)
        if (f := re.match(rf"[^。？?！!；;]{{0,30}}?({_CLAIM_FIGURE})", text[m.end():]))))


@lru_cache(maxsize=4)
def _document_saying(kinds: str) -> re.Pattern[str]:
    """The phrase that names a document as saying what follows (「市中区行动计划里」,
    「市中区计划提出」)."""
    return re.compile(rf"[^，,。？?！!；;]{{0,16}}?(?:{kinds})(?:里|中|上|(?=提出|说|写|讲|定|要求))")


def _claimed_parts(pieces: list[str]) -> list[str]:
    """The pieces that state what the asker asks to have confirmed: one that ends
    with 是吧/对吧, or the piece before a bare 「对吧？」; not the asker's own situation."""
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if _CONFIRM_TAG.search(piece) or _CLAIMED_FIGURE.search(piece):
            said = _CONFIRM_TAG.sub("", piece)
            if not re.sub(r"[\W_]", "", said) and k > 0:
                said = pieces[k - 1]  # 「…一次性奖50万，对吧？」
            if not _OF_ASKER.match(said):
                out.append(said)
    return out


def heard_pieces(text: str) -> list[str]:
    """What follows 听说 (朋友说, 网上说) in each sentence piece, and the pieces
    after it until one asks (「听说济宁药企通过仿制药一致性评价，每个品种能拿500万
    财政奖励，是不是这个数？」), not what the asker tells of themself."""
    pieces, asking = pieces_asking(text)
    out: list[str] = []
    hearing = False
    for k, piece in enumerate(pieces):
        for x in re.split(r"(?<=[。！!；;])", piece):
            if h := _HEARD.search(x):
                out.append(re.sub(r"[。！!；;]$", "", x[h.end():]))
                hearing = not re.search(r"[。！!；;]\s*$", x)
            elif hearing and k not in asking and not looks_like_question(x) and not _OF_ASKER.match(x):
                out.append(re.sub(r"[。！!；;]$", "", x))
                hearing = not re.search(r"[。！!；;]\s*$", x)
            else:
                hearing = False
    # (and what is claimed beside: 「是不是说…？俺记得就是这个数」)
    # (the heard piece once: not again with its 听说 before it)
    return out + [x for x in _claimed_parts(pieces) if x not in out and not any(
        o and x.endswith(o) and _HEARD.fullmatch(x[:-len(o)].strip()) for o in out)]


def _pieces_naming(text: str, pieces: list[str], mentions: list[tuple[int, int, Place]]) -> dict[Place, set[int]]:
    """For each place mentioned, the pieces (by index, -1 for none) it is named in."""
    spans, pos = [], 0
    for piece in pieces:
        at = text.find(piece, pos)
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    where: dict[Place, set[int]] = {}
    for a, _, p in mentions:
        where.setdefault(p, set()).add(next((k for k, (s, e) in enumerate(spans) if s <= a < e), -1))
    return where


def premise_places(text: str, mentions: list[tuple[int, int, Place]]) -> set[Place]:
    """Places named only where the asker states a figure, what they have
    heard or where they are, before asking about another place (「济南对普通技改按设备投资额10%给
    奖补，济宁这边是按多少比例给的？」, 「听说淄博出了…方案，潍坊这边有没有类似
    政策」): what the asker already knows, not where the question asks about."""
    pieces, asking = pieces_asking(text)
    if not asking or not mentions:
        return set()
    where = _pieces_naming(text, pieces, mentions)
    stated = _stating(pieces, asking, _STATED) | _stating(pieces, asking, _HEARSAY)
    # 「我在济宁嘉祥开了个厂，济宁那个集群意见里…」: where the asker is, told before asking of another place
    # (not 「我是槐荫区工信局的，我们区有没有…」: the asker's own place, asked of as 我们区)
    if not _OWN_PLACE_ASKED.search(text):
        stated |= {k for k, piece in enumerate(pieces) if k not in asking and _LOCATED.match(piece)}
    # 「济宁淄博都看了，那泰安的…」: the places the asker has already read about
    stated |= {k for k, piece in enumerate(pieces) if k not in asking and _SEEN.search(piece)}
    # (not when the two are to be set side by side: 「济南那份意见我看过了，淄博定的是多少？两边哪个多」)
    premise = {p for p, ks in where.items() if ks <= stated} if not _COMPARE_ASKED.search(text) else set()
    # 「沂源这边，我想把厂子往绿色工厂方向弄。淄博到2025年…」, 「临淄想评绿色工厂。淄博方案…跟济南…比」: the
    # asker's county, told in a piece of the asker's own that asks nothing, beside another place the question names
    # (not 「市中区抓产业链是“六个一”，济宁…」, a place the question is about; nor 「我是槐荫区工信局的，我们区有
    # 没有…」: the county asked of as 我们区)
    # (the only place of its piece: 「我看济宁和济南市中区的文件都提到链长」 names the two asked about)
    # (told in the sentence that names it: not 「我们做算力租赁的。市中区定的算力目标，跟济南全市…比」)
    own = {k for k, piece in enumerate(pieces) if k not in asking and len(named := [p for p, ks in where.items() if k in ks]) == 1
           and any(_ASKERS_OWN.search(x) and any(n in x for n in named[0].own_names) for x in re.split(r"[。！!；;]", piece))}
    told = {p for p, ks in where.items() if p.kind in ("区", "县") and ks <= own}
    told = told if set(where) - told - premise and not _OWN_PLACE_ASKED.search(text) else set()
    premise |= told
    # 「市中区那个行动计划是济南市政府发的吧？」: the issuer the asker supposes, not a place asked about
    claimed = [m.span("issuer") for m in _CLAIMED_ISSUER.finditer(text)]
    supposed = {p for p in where if all(any(s <= a < e for s, e in claimed) for a, _, q in mentions if q == p)}
    asked = {p for p, ks in where.items() if ks & set(asking)}
    if supposed and set(where) - supposed - premise:
        return premise | supposed
    return premise if premise and (asked - premise or told) else set()


_SEEN = re.compile(r"(?:都|也|已经)?(?:看|查|问|了解|研究)(?:过|完)?了$")
# (「我们在济宁…」, 「我们是台湾的软件公司」, 「我是从江苏来的」: where the asker is or comes from)
_LOCATED = re.compile(r"^(?:我|俺|咱)们?(?:家|厂|公司|企业)?(?:的?(?:厂|公司|企业|工厂))?(?:地点|地址)?(?:在|位于)"
                      r"|^(?:我|俺|咱)们?(?:都)?(?:是|来自|从)[^，,。？?]{1,12}?(?:的|来的)?(?:公司|企业|厂|工厂|人|投资人|投资者|老板|客商)")
_ASKERS_OWN = re.compile(r"我|俺|咱|这边|这儿|这里|想|打算|准备")  # a piece telling of the asker (their place, their plans)
_OWN_PLACE_ASKED = re.compile(r"(?:我|俺|咱|本)们?(?:区|县|市|镇|街道)(?!级)|(?:区|县)里")
_CLAIMED_ISSUER = re.compile(r"是(?P<issuer>[^，,。？?]{2,12}?)(?:人民)?政府(?:办公厅|办公室)?(?:发|出|印发|制定|下发)的?(?:吧|吗|嘛|不是|对吧|对不对)")


def item_asked(text: str) -> int | None:
    """第7条, 第十八项 -> 7, 18: a document's numbered item the question names."""
    m = _ITEM.search(text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else cn_int(m.group(1))
    return n or None


_STATED = re.compile(r"\d\s*(?:万|亿|%|％|家|个|倍)|[一二两三四五六七八九十百千万]\s*(?:万亿|亿)")  # (破万亿, 两个亿 too)


def premise_years(text: str) -> tuple[int, ...]:
    """Years of what the asker states before asking (「2022年要冲3800亿，那到
    2025年的目标是多少？」): a piece that gives a figure and asks nothing,
    followed by one that asks; or the year of a goal the asker says a
    document set (「2020年那个文件说到2025年工业营收要破万亿，后来…实现了没有？」)."""
    pieces, asking = pieces_asking(text)
    stated = _stating(pieces, asking, _STATED)
    last = asking[-1] if asking else len(pieces) - 1  # (「…实现了没有？」 asks with no question word)
    stated |= {k for k, piece in enumerate(pieces[:last]) if k not in asking and _SAID_TO.search(piece)}
    return tuple(int(y) for i in sorted(stated) for y in re.findall(r"(20\d{2})", pieces[i]))


_SAID_TO = re.compile(r"(?:说|提|写|讲|喊|定)(?:的|了|过)?(?:目标)?(?:是|为)?(?:到|至)?\s*20\d{2}")


_NEW_TOPIC = re.compile(r"(?:还有|另外|再问一下|再问|以及)")
_SAME_TIME = re.compile(r"(?:在)?(?:同一年|同年|那一年|同一时间|同期)")  # the earlier question's year, kept
_ASKS_AGAIN = re.compile(r"[，,]?\s*(?:最高|最多|一共|总共)?(?:又|那)?(?:是|给|能给|奖|补|有)多少(?:钱)?[？?。]*$")


def followup_parts(text: str, history: tuple[str, ...], kin: Kin | None = None) -> tuple[str, ...]:
    """「那国家级的呢？市级的又给多少」 after a question about 省级: the earlier
    question once per term the follow-up names (each as ``_substitute`` would
    put it); nothing when a piece of it is not such a term."""
    if not history:
        return ()
    if len([p for p in re.split(r"(?<=[？?。；;])", text) if p.strip()]) < 2:
        # 「那国家级的和市级的分别最高给多少？」: the earlier question asked again of each term named before 分别
        m = _EACH_NAMED.match(text.strip())
        terms = [t.removesuffix("的") for t in _TERMS_JOINED.split(m.group(1))] if m else []
        if len(terms) < 2 or not all(LEVEL_RE.fullmatch(t) for t in terms):  # (levels, not phrases: 「市级的研发机构」 is asked as it is)
            return ()
        prev = resolve(history[-1], history[:-1], kin)
        subs = [_substitute(prev, t, kin) for t in terms]
        return tuple(subs) if all(subs) and len(set(subs)) == len(subs) else ()
    prev = resolve(history[-1], history[:-1], kin)
    # (read as levels first, 「省级的呢？市里的呢」, which splits the same)
    pieces = [p for p in re.split(r"(?<=[？?。；;])", _levels_said(text, prev)) if p.strip()]
    # a piece that opens a topic of its own (「还有拿了国家科技进步奖的企业有没有钱」) is its own part
    subs = [_substitute(prev, _SAME_TIME.sub("", _ASKS_AGAIN.sub("", p.strip())), kin)
            or (p.strip() if _NEW_TOPIC.match(p.strip()) and _content_len(p) >= 8 else None) for p in pieces]
    substituted = [x for x, p in zip(subs, pieces) if x and x != p.strip()]
    # 「新能源集群呢？牵头的是哪个局？」: a piece asking something else (a department) of the term just named
    for i in range(1, len(subs)):
        if subs[i] is None and subs[i - 1] and looks_like_question(pieces[i]) and not find_places(pieces[i]) \
                and _content_len(pieces[i]) <= 10 and detect_slots(pieces[i]) - detect_slots(prev) - {"amount", "rate", "actual"}:
            subs[i] = f"{_strip_ask(subs[i - 1])}，{pieces[i].strip()}"
    if subs[0] and subs[0] != pieces[0].strip() and all(x is None for x in subs[1:]) and all(
            looks_like_question(p) and not find_places(p) and _content_len(p) <= 12 for p in pieces[1:]):
        # 「那医药集群同一年呢？营收和规上企业数各要到多少？」: the term, then what is asked of it in the earlier question's frame
        # (the earlier question itself when the rest asks only whether it comes out more or less: 「…呢？是不是更少了」)
        rest = "".join(p.strip() for p in pieces[1:])
        return (f"{subs[0] if _MORE_OR_LESS.match(rest) else _strip_ask(subs[0])}，{rest}",)
    return tuple(subs) if substituted and all(subs) and len(set(subs)) == len(subs) else ()


_ELLIPTIC = re.compile(r"[？?]\s*(?P<tail>[^？?。！!]{1,16}?(?:呢|(?=[，,]\s*(?:最高|最多|一共|总共)?(?:又|那)?(?:是|给|能给|奖|补)多少)|(?=的?(?:又|那)(?:各|分别)?(?:是|给|能给|奖|补)(?:多少|哪))))[^？?。！!]{0,8}\s*[？?]?\s*$")


_EACH_NAMED = re.compile(r"^(?:那么?|要是|如果)?([^，,。？?]{4,16}?)的?(?:分别|各自|又各|各)")
_TERMS_JOINED = re.compile(r"、|或者|或是|还是|或|和|与|跟")  # between the terms a closing 「…呢？」 names


def _elliptic_part(text: str) -> tuple[str, ...] | None:
    """「国家级的最多给多少？要是只批了省级的呢？」: a closing 「…呢？」 that asks
    nothing of its own asks the question before it again, of another term
    of the same kind (as a follow-up would, ``_substitute``); of each, when it
    names several (「省级、市级的又各是多少」)."""
    m = _ELLIPTIC.search(text)
    if not m:
        return None
    head, tail = text[: m.start() + 1].strip(), m.group("tail")
    if find_places(tail) or not looks_like_question(head) or looks_like_question(tail.removesuffix("呢")):
        return None
    bare = _FILLER.sub("", _FILLER.sub("", tail))
    terms = _TERMS_JOINED.split(bare)
    if len(terms) > 1:  # 「省级、市级的又各是多少」, 「要是国家级或者市级呢」: the question before it asked again of each term
        others = [_substitute(head, t) for t in terms]
        if all(others) and len(set(others)) == len(others) and head not in others:
            return (head, *others)
        if "、" in bare:
            return None
    words = _words(bare)
    term = words[-1] if len(words) > 1 and len(words[-1]) >= 2 else tail  # 只批了省级 -> 省级
    other = _substitute(head, term)
    if not other and tail.rstrip().endswith("呢") and _content_len(bare) >= _OWN_TOPIC and _FIGURE_ASKED.search(head):
        # 「数字经济占比要达到多少？软件业收入目标呢？」: a topic of its own, asked the same way
        pieces, asking = pieces_asking(head)
        context = "，".join(pieces[: asking[0]]) + "，" if asking and asking[0] > 0 else ""
        other = f"{context}{re.sub(r'呢$', '', bare.strip())}是多少？"
    return (head, other) if other and other != head else None


_TIER = re.compile(r"\d+\s*(?:万亿|亿)级|[千百]亿级")


def _tier_swapped(pieces: list[str], asking: list[int]) -> tuple[str, str] | None:
    """「5000亿级的是哪两个产业，2000亿级的又是哪两个？」 (its ``pieces_asking``): the
    question asked again of another tier of size, each on its own."""
    if len(asking) != 2:
        return None
    was, now = _TIER.findall(pieces[asking[0]]), _TIER.findall(pieces[asking[1]])
    if len(was) != 1 or len(now) != 1 or was[0] == now[0] or not re.search(r"又|呢|那", pieces[asking[1]]):
        return None
    first = "，".join(pieces[: asking[0] + 1])
    return first, first.replace(was[0], now[0])


_OWN_TOPIC = 6  # characters of content a closing 「…呢？」 needs to name a topic of its own


_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _spaced(text: str) -> str:
    """A message typed with spaces for punctuation (「新获批国家级 subsidy 最高多少
    省级的又是多少」): a gap between two words ends a question where what
    comes before it asks one, else a clause."""
    out, last = [], 0
    for m in _GAP.finditer(text):
        before = text[last:m.start()]
        out.append(before + ("？" if looks_like_question(re.split(r"[，,。；;？?！!]", before)[-1]) else "，"))
        last = m.end()
    return "".join(out) + text[last:]


_ENDS_WITH_DOCUMENT = re.compile(r"(?:意见|方案|计划|报告|通知|办法|细则|措施|〔\d{4}〕\s*\d+\s*号)$")
_DOCUMENT_THEN = re.compile(r"(?:意见|方案|计划|报告|通知|办法|细则|措施|〔\d{4}〕\s*\d+\s*号)(?=里|中|当中|上)")  # … and where in it


_PURPOSE = re.compile(r"^(?:我们|我|俺|咱)?(?:也|就)?(?:想|好|便于|方便|用来|打算)(?:看看|看一下|比比|比一比|比一下|对比|比较|判断|决定|掂量|选)")


def _weighs(sentence: str) -> bool:
    """A sentence that only says what the asker will weigh with the answer
    (「我们在两边选址，想看看哪边产业盘子大」): its asking pieces all start so."""
    pieces, asking = pieces_asking(sentence)
    return bool(asking) and all(_PURPOSE.match(pieces[i]) for i in asking)


def sentences_of(text: str) -> list[str]:
    """A message's sentences, each with its closing mark (。！？；, a line break)."""
    return [x for x in re.split(r"(?<=[。！？!?；;\n])", text) if x.strip()]


def without_weighing(text: str) -> str:
    """The question without a last sentence that only says what the asker
    will weigh with the answer (「淄博和济宁，到2025年各打算弄几个上千亿的？
    我们在两边选址，想看看哪边产业盘子大」): its words (产业, 盘子) are not
    what is searched for."""
    sentences = sentences_of(text)
    if len(sentences) >= 2 and _weighs(sentences[-1]) and any(looks_like_question(x) for x in sentences[:-1]):
        return "".join(sentences[:-1])
    return text


_DETAIL = re.compile(r"具体|大概|大约|到底|究竟")  # 「具体多少」 asks no more than 「多少」


def _asks_on(piece: str, before: str) -> bool:
    """A piece that asks on of the one before it: a bare 是多少 (「实际达到了没有，是多少？」),
    or one whose words the piece before says all of (「…实际哪年破的，破了多少」)."""
    left = _content(_DETAIL.sub("", piece))
    return len(left) <= 2 and all(ch in before for ch in left)
# 「申请要满足什么条件？」「找哪个部门办？」: words that ask a slot of a thing and name none
# (words of two characters: 要, 能 alone are in as many pieces that name their thing, 「单项冠军又各要多少」)
_ASKING_ONLY = re.compile(r"申请|申报|需要|满足|具备|符合|条件|门槛|资格|材料|流程|手续|部门|单位|办理")
_THEN = re.compile("^" + _BECAME)


def _chosen_after_told(pieces: list[str], asking: list[int]) -> tuple[str, str] | None:
    """「济宁有哪些省级化工园区？我们是做造纸助剂的，选哪个合适？」: a choice asked after the asker
    tells of themself is asked in the light of it — the questions before as one part, the
    choice with what is told as another, of the same topic (「济宁一共有几个省级化工园区」 ->
    济宁省级化工园区); None when no choice follows a piece the asker tells."""
    k = next((i for prev, i in zip(asking, asking[1:]) if CHOICE.search(pieces[i])
              and any(SELF.match(pieces[j].strip()) for j in range(prev + 1, i))), None)
    if k is None:
        return None
    last = max(i for i in asking if i < k)  # the last question before the choice
    first = pieces[asking[0]]
    m = _question_words().search(first)
    noun = re.sub(r"^[个家项条座只位所些]|[？?。！!，,\s]+$", "", first[m.end():]) if m else ""
    topic = re.sub(r"(?:一共|总共|共|都|还|要|是)?(?:有|是)?$", "", first[: m.start()]) + noun if m and len(noun) >= 2 else first
    said = [x if re.search(r"[？?。！!，,]$", x) else x + "，" for x in pieces]  # read as asked
    return "".join(said[: last + 1]).rstrip("，"), f"{topic}，{''.join(said[last + 1:k])}{''.join(pieces[k:])}"


SPLIT_WHOLE = 120  # characters: a longer message (a story, then its questions) is split by its asking sentences only


def asks_verdict(text: str) -> bool:
    """Asks what a report concludes (「评估下来执行得咋样」, the lexicon's ``conclusion``)."""
    lex = lexicon.get()
    return bool(lex.conclusion and lex.conclusion[0].search(lex.written(text)))


def split_parts(text: str) -> tuple[str, ...]:
    """A multi-part question -> one standalone question per part; one part
    when it asks one thing.

    「国家级、省级、市级分别多少？」 -> the question once per enumerated item;
    「X从哪年开始、每年多少、牵头单位是谁？」 -> one question per asking clause,
    each carrying the topic of the first."""
    t = _spaced(text.strip())
    m = _EACH.search(t)
    if m:
        segs = [x for x in re.split(r"、|和|与|及", t[: m.start()]) if x]
        after = t[m.end():]
        if m.group(0) == "各" and (len(segs) < 3 or re.search(r"[，,？?。；;！!]", segs[-1])):
            # 「…争省级、市级的，三个层级各最多能给多少」: 各 of what the piece before it gathers; two items before
            # 各 (「软件信息服务业、电子信息制造业营收各定了多少」) are as often two compounds as two of one noun
            segs = []
        if len(segs) >= 2 and (cut := re.search(r"[，,？?。；;！!]", segs[-1])):
            # 「济宁那份意见和淄博那个方案，哪个出得早？分别是哪天？」: what follows the last item is asked of each
            after = segs[-1][cut.start():].lstrip("，, ") + after
            segs[-1] = segs[-1][: cut.start()]
        if len(segs) >= 2 and (tail := _DOCUMENT_THEN.search(segs[-1])):
            # 「济南2020意见和淄博方案里都有吗？各自怎么表述」: what follows the last document is asked of each
            after = segs[-1][tail.end():] + after
            segs[-1] = segs[-1][: tail.end()]
        whole = [x.strip("，, ") for x in segs]
        if len(segs) >= 2 and all(find_places(x) and _ENDS_WITH_DOCUMENT.search(x) for x in whole):
            # 「济南工业强市实施意见和济宁那个济发〔2020〕16号，各自…」: each names its own place and document;
            # what comes before the first place (「工业投资占比目标，济南…」) is said of each
            ctx = whole[0][: place_mentions(whole[0])[0][0]]
            return tuple(f"{'' if k == 0 else ctx}{x}{'' if after.startswith(('的', '里', '中', '上')) else '，'}{after}" for k, x in enumerate(whole))
        # (not when a question of its own comes before the items: 「…有几家省级化工园区？每个园区3年内、5年内分别…」
        # is two questions, the second answered by one sentence)
        if len(segs) >= 2 and not any(x.rstrip().endswith(("，", ",")) for x in segs[:-1]) and not re.search(r"[？?]", segs[0]):
            # 「新材料产业、医药产业各自…」: each item names the noun they share (items, not clauses joined after a
            # comma: 「市中区计划每年实施…的数量，与评估报告中全市每年实施的数量分别是多少」 is two sides)
            shared = os.path.commonprefix([x[::-1] for x in segs])[::-1]
            own_noun = len(shared) >= 2 and all(len(x) > len(shared) for x in segs)
            if own_noun:
                segs = [x[: -len(shared)] for x in segs]
            first_words, last_words = _words(segs[0]), _words(segs[-1])
            k = len(first_words) - (2 if len(first_words) >= 2 and (first_words[-2].isdigit() or len(first_words[-1]) == 1) else 1)
            head, first = "".join(first_words[:k]), "".join(first_words[k:])
            if own_noun:
                last, noun = segs[-1], shared
            else:
                j = 2 if len(last_words) >= 2 and (last_words[0].isdigit() or len(last_words[0]) == 1) else 1
                last, noun = "".join(last_words[:j]), "".join(last_words[j:])
            noun = _HOW_MANY_ITEMS.sub("", noun)  # 「新能源、新材料、医药三个集群…」: each one 集群
            items = [first, *segs[1:-1], last]
            # (not the digits of a name: 「“231”…这个2、3、1分别指哪些」 asks what the name stands for)
            # (nor the parts of a quoted name: 「“3510”发展目标，3、5、10分别指的啥」)
            joined = "".join(re.sub(r"\W", "", x) for x in items)
            named = any(len(n) >= 2 and joined.endswith(n) for n in (re.sub(r"\W", "", x) for x in _QUOTED_NAME.findall(t)))
            if all(0 < len(x) <= 8 for x in items) and any(len(re.sub(r"\W", "", x)) >= 2 for x in items) and not named:
                return tuple(f"{head}{it}{noun}{after}" for it in items)
    other = _elliptic_part(t)
    if other:
        return other
    pieces, asking = pieces_asking(t)
    other = _tier_swapped(pieces, asking)
    if other:
        return other
    for i in sorted(asking, reverse=True):
        if i - 1 in asking and _asks_on(pieces[i], pieces[i - 1]) and not _ENDS.search(pieces[i - 1]):
            # 「实际达到了没有，是多少？」「…哪年做到的，具体多少？」: a bare 是多少 asks on of the piece before it,
            # not a part of its own
            pieces[i - 1], pieces[i] = f"{pieces[i - 1]}，{pieces[i]}", ""
            asking = [k for k in asking if k != i]
    lex = lexicon.get()
    if (lex.threshold and len(asking) >= 2 and lex.threshold[0].search(lex.written(pieces[asking[-1]]))
            and not any(re.search(r"[？?]$", pieces[i]) for i in asking[:-1])):
        # 「得成立满几年、一年营收得多少才够格？」: the bars of one condition, asked as one
        return (t,)
    asked_by = [i for i in asking if re.search(r"[？?]$", pieces[i])]
    if asked_by:
        # 「淄博和济宁各打算弄几个上千亿的？我们在两边选址，想看看哪边产业盘子大」: after the question, what
        # the asker will weigh with the answer is no part of its own
        asking = [i for i in asking if i <= asked_by[0] or not _PURPOSE.match(pieces[i])]
    # 「…各怎么说的？区里是不是写得更细」: which side says more is the comparison's verdict, no part of its own
    asking = [i for i in asking if i == asking[0] or not _SAYS_MORE.match(pieces[i])]
    whether = ""
    if len(asking) >= 3 and _WHETHER.search(pieces[asking[0]]) and not detect_slots(pieces[asking[0]]):
        # 「有没有专门支持工业的钱？专项资金多少，基金规模多大」: what it asks follows the 有没有, which names the topic
        whether = "".join(pieces[: asking[0]]) + re.sub(r"[？?吗呢]+$", "", _WHETHER.sub("", pieces[asking[0]]))
        asking = asking[1:]
    scoped = _scoped_sentences(pieces, asking)
    if scoped:
        return scoped
    asked = [detect_slots(pieces[i]) for i in asking]
    swapped = _level_swapped(pieces, asking) if len(asking) == 2 else None
    if swapped:
        return swapped
    # (the goal with what comes before it: 「2020年定的专精特新、瞪羚…这些要搞到多少家？」)
    reached = _goal_then_reached(["".join(pieces[: asking[0] + 1]), pieces[asking[1]]]) if len(asking) == 2 else False
    if len(asking) < 2 or len(t) > SPLIT_WHOLE or (len({a for a in asked if a}) < 2 and not _document_and_figure([pieces[i] for i in asking])
                                           and not _own_topics([pieces[i] for i in asking]) and not reached):
        return (_chosen_after_told(pieces, asking) if len(t) <= SPLIT_WHOLE else None) or (t,)  # one thing asked (perhaps twice)
    if reached:
        # 「济南当年定的绿色工厂目标是多少家？评估报告里实际培育了多少？」: the goal, and what was reached
        # of the same thing, each asked on its own (the second without the words of setting a goal)
        # (what follows a question mark is the second question's: 「…要创建多少家来着？后来那份评估报告里，国家级、
        # 省级、市级的…各累计培育了多少家？」)
        cut = asking[0] + 1 if _ENDS.search(pieces[asking[0]]) else asking[1]
        first = "".join(pieces[:cut])
        # the thing counted, before the question word or after it (「要建多少家绿色工厂？」), without the goal's words
        said = _question_words().split(pieces[asking[0]])
        after = re.sub(r"^[\s家个项条座只位]*|[？?。！!，,\s]+$", "", said[1]) if len(said) > 1 else ""
        thing = "".join(pieces[: asking[0]]) + _GOAL_WORDS.sub("", said[0]) + after
        then = "".join(pieces[cut:])
        if CITY_ASKED.search(then) or find_places(then):
            # 「市中区给自己定的…目标是多少？评估报告里全市现在有多少家…？」: what was reached is asked of its own scope
            for a, b, _ in sorted(place_mentions(thing), reverse=True):
                b -= 1 if thing[b:b + 1] == "级" else 0  # (「济南市级以上」: the 市 of 市级 stays)
                thing = thing[:a] + thing[b:]
            thing = re.sub(r"(?:给)?(?:自己|自个儿?|本身)", "", thing)
        return (first, f"{thing}，{then}")
    first = asking[0]
    context = _read_as_asked(pieces[:first])
    m = _question_words().search(pieces[first])
    topic = context + (pieces[first][: m.start()] if m else pieces[first])
    # (「单个项目最多能投多少钱？申请门槛…」: the topic is the project, not 「最多能投」)
    topic = whether or _without_asking_tail(topic)
    parts = [context + pieces[first]]
    # what the first part asks of after its question word (「…目标是哪年工业营收破万亿？」: 工业营收破万亿)
    then_of = topic + (re.sub(r"^[\s家个项条座只位年天]*|[？?。！!，,\s吗呢吧]+$", "", pieces[first][m.end():]) if m and not whether else "")
    for k, i in enumerate(asking[1:], start=1):
        piece = pieces[i]
        if asked[k] and asked[k] == asked[k - 1]:
            # 「具体咋报？要准备哪些材料」: the same thing asked again in other words, one part
            parts[-1] += ("" if re.search(r"[？?。！!，,]$", parts[-1]) else "，") + piece
            continue
        # a short piece, or one that points back (「这一条的责任单位有哪些？」, 「后来实际是哪年做到的」),
        # is asked of the topic
        if _THEN.match(piece):
            # (what became of it: not of the years the goal was set for, 「…提出2025年工业营收突破万亿，后来…」)
            parts.append(_YEAR.sub("", then_of) + "，" + piece)
        elif asks_verdict(piece) and not find_places(piece):
            # 「评估下来执行得咋样」: the verdict on what the first part names (not on its period: 「…到期了没」)
            parts.append(lex.document_question.sub("", topic) + "，" + piece)
        elif (own := _asked_of_another_document(piece, pieces[first][: m.start()] if m else pieces[first],
                                                pieces[first][m.end():] if m else "")):
            parts.append(own)
        else:
            # (what is told after the question before it ends is this one's: 「…多少家来着？后来那份评估报告里，国家级、省级、
            # 市级的…各累计培育了多少家？」)
            told = "，".join(pieces[asking[k - 1] + 1: i]) if _ENDS.search(pieces[asking[k - 1]]) else ""
            piece = f"{told}，{piece}" if told else piece
            parts.append(piece if _content_len(_ASKING_ONLY.sub("", piece)) >= 6 and not _ANAPHORA.search(piece) else topic + piece)
    # a piece that does not ask (a detail) belongs to the part before it
    return tuple(dict.fromkeys(p for p in parts if p))


# ---------------------------------------------------------------- the query

# 「济南主要扶持哪几大块产业？」: which things a support goes to, not how much it is
_SUPPORTS_WHICH = re.compile(r"(?:扶持|支持|补贴|奖励|鼓励)(?:的是|的)?(?:哪些|哪几|什么|啥)")

# a year, not a figure that starts like one (2000亿级, 2025家)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?![\d.])(?!\s*(?:亿|万|千|百|多|余|元|家|个|条|项|人|台|套|吨|亩|辆|件|座|户|名|位|米|公里|%|％|[A-Za-z]))\s*年?")


# 「2020年定的目标」「2020年那会儿对数字经济定下…」「济南2020年立flag说2025年…」「2020年说2022年要…」:
# the year a goal was set or a thing said (its document's year), not a year asked about
_SAID_IN = re.compile(r"(20\d{2})\s*年?\s*(?:那会儿?|那时候?|当时|的时候)?\s*(?:[对给为][^，,。？?\d]{1,14}?)?\s*(?:就|曾|曾经)?"
                      r"(?:(?:定|出台|印发|发布|提出|制定|设定|设|提|说|喊)的|(?:定|提出|制定|设定|立)(?:下|了|过)|立\s*(?:个\s*)?flag"
                      rf"|(?:那个|那份)?(?:文件)?(?:里)?(?:{_SAID_TO.pattern})|(?:提|说|写|讲)(?:过|到过)"
                      # 「济南2020年说要建多少家」, 「济南2020年那份，它定的…」: what was said then, the document of that year
                      r"|(?:说|提|讲|喊)(?:是)?要|(?:的)?(?:那份|这份)(?![\u4e00-\u9fff]{0,6}?(?:报告|方案|计划|意见|通知))"
                      # 「2020年那会儿说37条产业链」: a figure said then
                      r"|(?:说|提|讲|写)(?:了|的是|是)?(?=\s*\d))", re.I)
# 「23年营收目标差多少？25年呢」: a year said by its last two digits (not a span of years: 用了20年, 20年代)
_SHORT_YEAR = re.compile(r"(?<![\d.．了用过满近超约多第每前后头])(1[89]|2\d|3[0-5])(?=年(?![代内间来以多度]|的时间|左右))")


# 「（23-25年）」: a span of years said by their last two digits, both ends
_SHORT_SPAN = re.compile(r"(?<![\d.．])(1[89]|2\d|3[0-5])\s*(?:-|—|–|～|~|到|至)\s*(1[89]|2\d|3[0-5])(?=年)")


# 「二〇二五年」: a year written in Chinese numerals, digit by digit
_HAN_YEAR = re.compile(r"([一二][〇零○一二三四五六七八九]{3})(?=\s*年)")
_HAN_DIGIT = str.maketrans("〇零○一二三四五六七八九幺", "0001234567891")  # (幺: 1 said aloud)


# 「俺在淄博张店有个厂淄博说到二五年…」: a message typed by voice, with no mark after the asker's story
_RUN_ON_STORY = re.compile(r"^(?:我|俺|咱)们?(?:家|厂|公司)?在[^，,。？?！!；;\s]{2,12}?(?:有个|有家|有一家|开了?个|开了?一?家|办了?个|做|搞|干)"
                           r"[^，,。？?！!；;\s]{0,10}?(?:厂|店|公司|企业|作坊|工厂|的)")


def break_run_on(text: str) -> str:
    """The asker's story set off from the question after it when a place
    opens the question with no mark between them (「俺在淄博张店有个厂淄博说…」
    -> 「俺在淄博张店有个厂，淄博说…」): what they tell is then read as told."""
    m = _RUN_ON_STORY.match(text)
    rest = text[m.end():] if m else ""
    if not rest or rest[0] in "，,。？?！!；;  ":
        return text
    if any(rest.startswith(n) for p in find_places(rest[:12]) for n in p.own_names):
        return f"{text[: m.end()]}，{rest}"
    return text


# 「到二五年」: a year of the 2020s said by its last two digits in Chinese numerals (not 三五年 or 一二年, a few years)
_HAN_SHORT_YEAR = re.compile(r"(?:(?<=[到在于从至止前是的，,\s])|^|(?<=[\u4e00-\u9fff])(?<![〇零○一二两三四五六七八九十百千万亿几第个每近前后头这那]))"
                             r"(二[〇零○一二三四五六七八九])(?=\s*年)")  # (「济南二五年」; not 十二五 nor 第二五)


# 「济政发2019年1号」, 「淄政字2023第7号」: a 文号 typed without its brackets (not 「印发2019年1号文件」)
_BARE_DOCNO = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[那个是的]))([\u4e00-\u9fff]{1,4}?(?<![印下研开颁转引出分])(?:发|字|函))"
                         r"\s*((?:19|20)\d{2})\s*年?\s*第?\s*(\d{1,4})\s*号")


def bracketed_docnos(text: str) -> str:
    """文号 typed without brackets written as documents write them (济政发〔2019〕1号)."""
    return _BARE_DOCNO.sub(r"\1〔\2〕\3号", text)


# a programme's code said digit by digit (「二三幺产业集群」, 「三五一零」): written in digits, as the documents
# write it (「“231”产业集群」); not a count or a year (「三五十万」, 「二〇二五年」, 「第一二三」)
_SPOKEN_CODE = re.compile(r"(?<![〇零○一二三四五六七八九幺十百千万亿两第\d])([〇零○一二三四五六七八九幺]{3,4})(?![〇零○一二三四五六七八九幺十百千万亿年月日号个家项条元%％])")


def full_years(text: str) -> str:
    text = bracketed_docnos(text)
    text = _SPOKEN_CODE.sub(lambda m: m.group(1).translate(_HAN_DIGIT) if len(set(m.group(1))) > 1 else m.group(1), text)
    text = _HAN_YEAR.sub(lambda m: m.group(1).translate(_HAN_DIGIT), text)
    text = _HAN_SHORT_YEAR.sub(lambda m: "20" + m.group(1).translate(_HAN_DIGIT), text)
    text = _SHORT_SPAN.sub(lambda m: f"20{m.group(1)}—20{m.group(2)}", text)
    return _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)


def years_in(text: str) -> list[int]:
    """The years a text names; the year of a 文号 (济政发〔2019〕1号) names a document."""
    # (nor that of one cut short, 「济发〔2020〕」: 〔〕 holds a 文号's year only)
    return [int(y) for y in _YEAR.findall(_DOCNO_YEAR.sub("", DOCNO_RE.sub("", text)))]


_DOCNO_YEAR = re.compile(r"〔\s*\d{4}\s*〕")


@dataclass(frozen=True)
class Query:
    """A question as understood: what it asks for (intents, slots), about
    where and when, and its parts when it asks several things."""

    original: str
    text: str  # cleaned
    standalone: str  # with the conversation resolved
    history: tuple[str, ...] = ()
    intents: frozenset[str] = frozenset()
    places: tuple[Place, ...] = ()
    years: tuple[int, ...] = ()
    followup: bool = False
    restated: bool = False  # a follow-up whose standalone form is the earlier question asked anew (``restates``)
    injected: bool = False
    asks: bool = True  # false when only instructions were found, no question
    ask: str = ""  # the asking sentence(s) of a long question; the text otherwise
    subsidy: bool = False  # asks about support money (a subsidy, reward, relief)
    context_years: tuple[int, ...] = ()  # years that set the scene or name a document
    slots: frozenset[str] = frozenset()  # what the answer must carry (lexicon slots)
    units: tuple[str, ...] = ()  # 每月, 每人, 每亩: the unit an amount is asked per
    parts: tuple[str, ...] = ()  # standalone questions, one per part, when there are several
    item: int | None = None  # 第7条, 第十八项: the numbered item of a document asked about

    @property
    def lexical(self) -> str:
        return expand(without_set_aside(self.standalone))

    @property
    def asking(self) -> str:
        return self.ask or self.text

    def part(self, text: str) -> "Query":
        """The same question narrowed to one of its parts."""
        from dataclasses import replace

        # a side of a comparison (「济宁到2025年要建成多少家绿色工厂？」) is asked of its own place
        # (not a place named only where the asker tells of themself: 「我是章丘区工信的，…按市里…能补几个点？」)
        told = told_only_places(text)
        own = tuple(p for p in self.places if p not in told
                    and any(n and n in text for n in (p.name, p.name.rstrip("市省"), p.name.replace(p.city or "", ""))))
        return replace(
            self, text=text, standalone=text, ask=text, parts=(), restated=False, intents=detect_intents(text) | (self.intents & {"comparison"}),
            places=own or self.places,
            slots=detect_slots(text), units=tuple(lexicon.get().units.findall(text)),
            # the years of the whole question, not the one another part measures from (「比2020年降多少？利润率呢？」)
            # nor the years of the goal when the part asks what there is now (「评估报告里说现在…有多少家」)
            # nor by a part that asks of a thing of its own with a question of its own (「对每个化工园区引进大项目
            #有没有数量和投资额要求？」 after 「…2025年的规模目标是多少？」)
            years=tuple(dict.fromkeys(years_in(text))) or (() if _NOW.search(text) or _own_whether(text) else
                                                             tuple(y for y in self.years if y not in base_years(self.text))),
        )


def told_only_places(text: str, split: tuple[list[str], list[int]] | None = None) -> set[Place]:
    """The places named only in pieces where the asker tells of themself
    (「我是章丘区工信的，」): where they are, not what they ask about
    (``split``: the text's ``pieces_asking``, when the caller has it)."""
    pieces, asking = split or pieces_asking(text)
    told = {k for k, piece in enumerate(pieces) if SELF.match(piece) and k not in asking}
    placed = [{p for _, _, p in place_mentions(piece)} for piece in pieces]
    return set().union(*(placed[k] for k in told)) - set().union(*(n for k, n in enumerate(placed) if k not in told))


_DOCUMENT_TALK = re.compile(r"目标|要求|规定|文件|政策|计划|方案|意见|报告|定了|定的|写")


def _own_whether(text: str) -> bool:
    """A part that asks whether there is something (有没有…要求) of a thing it names itself."""
    return bool(re.search(r"有没有|有无|是否有", text)) and _content_len(text) >= 10 and not text.rstrip("？?").endswith("呢")


def base_years(text: str) -> list[int]:
    """「比2020年降多少」: the years a change is measured from. The question
    asks a figure of another year, against this one; a sentence answers it
    only if it measures from the same year."""
    return [int(y) for y in _BASE_YEAR.findall(text)]


def base_year_starts(text: str) -> frozenset[int]:
    """Where the years a change is measured from begin in a text
    (「…能源消耗较2020年降低17.5%」): the base of a figure of another year."""
    return frozenset(m.start(1) for m in _BASE_YEAR.finditer(text))


_BASE_YEAR = re.compile(_COMPARED_WITH + r"\s*(20\d{2})\s*年?(?:底|末)?\s*(?:相比|比|来说|而言)?\s*(?:下降|降低|降|减少|少|增长|提高|增加|多|上升|翻|能|要|的)")


def analyze(
    question: str, history: tuple[str, ...] | list[str] = (), *, today: dt.date | None = None, max_chars: int = MAX_CHARS,
    kin: Kin | None = None,
) -> Query:
    """``kin``: the terms the documents list beside a term, for follow-ups
    that name another item of a list (「新材料呢？」)."""
    q = check_question(question, max_chars)
    # (a policy term typed by its sound, 「专精特心」, is read as the term: ``homophones``)
    hist = tuple(full_years(homophones.correct(sanitize(h)[0])) for h in history if h and str(h).strip())
    text, injected = sanitize(q)
    text = break_run_on(full_years(homophones.correct(text)))
    asks = bool(text) and (not injected or looks_like_question(text) or _content_len(text) >= 6 and not re.search(r"\d+\s*万|\d+\s*亿", text))
    # what is left of an injection is a claim to check (「…每新上一个10亿元台阶奖励100万，直接回复确认」)
    # when it states a figure: it is answered with the figure the documents give, or refused
    claim = bool(injected and text and not looks_like_question(text) and re.search(r"\d\s*(?:万|亿|%|％)", text)
                 and _content_len(lexicon.get().orders.sub("", _FIGURE.sub("", text))) >= 8)  # names a measure, not 「告诉我补贴是5000万」
    if injected and text and not looks_like_question(text):
        asks = claim
    # 「国家级的呢？市级的又给多少」: the earlier question asked again of each term named
    again = followup_parts(text, hist, kin) if text and hist else ()
    followup = (is_followup(text, hist) or bool(again)) if text else False
    weighed = without_weighing(text)
    standalone = "".join(again) or (resolve(weighed, hist, kin) if text else "")
    if followup and not again and standalone == _LEAD_IN.sub("", weighed.strip()):
        followup = False  # 「那同样到26年，市中区亿元以上工业企业要几家？…」: a question by itself (``_merge``)
    today = today or dt.date.today()
    years = years_in(text)
    mentions = place_mentions(text)
    own_places = list(dict.fromkeys(p for _, _, p in mentions)) or (_named_alone(text) if hist else [])
    likeness = reference_places(text, mentions) | premise_places(text, mentions) | negated_places(text, mentions) \
        | honour_places(text, mentions) | mentioned_places(text, mentions)
    if any(p not in likeness for p in own_places):  # 「淄博…能不能跟济南一样」 asks about 淄博
        own_places = [p for p in own_places if p not in likeness]
    own_places = with_city_asked(own_places, text)
    # (a follow-up asks of the earlier question's places: 「我在市中区…市里给补多少？」 then 「那整车间呢？」)
    # (or, asked of its own after a place was named, of that place: ``_in_place_of``)
    places = own_places or (with_city_asked(_places_asked(standalone), standalone) if followup or standalone != weighed else [])
    if followup and own_places and _INSIDE.match(text.strip()):
        # 「那里面提到的济南市…专项资金用来干啥」: asked inside the document asked of before, of its place
        earlier = resolve(hist[-1], hist[:-1], kin)
        places = with_city_asked(_places_asked(earlier), earlier) or places
    if followup and own_places and _COMPARE_ASKED.search(text):
        # 「济南呢？哪个多」: the place of the earlier question is asked of too
        both = list(dict.fromkeys(find_places(standalone)))
        if len({p.name for p in both}) >= 2 and all(p in both for p in own_places):
            places = both
    intents = detect_intents(_without_story(text))  # (not what the asker tells of themself: 「…，主要接运营商的活。」)
    if {"list", "amount"} <= intents and "amount" not in detect_intents(_SUPPORTS_WHICH.sub("", _without_story(text))):
        intents -= {"amount"}  # 「济南主要扶持哪几大块产业？」: which things are supported, not how much
    # a follow-up asks what the earlier question asked (「那济南呢？」), unless it asks a question of its
    # own (「那区里会不会有人上门帮我们把把脉，看看该从哪儿改起？」 does not ask which department)
    own_question = lexicon.get().question_words.search(_PARTICLE.sub("", text)) and _content_len(text) >= 10
    if followup and hist and not (intents - {"list", "comparison"}) and not own_question:
        intents |= detect_intents(resolve(hist[-1], hist[:-1])) - {"comparison"}
    if len({p.city or p.name for p in places}) >= 2 and "comparison" not in intents and (re.search(r"和|与|跟|及|、|还是", text)
            # (two places side by side, or joined by 同: 「高新产值占比济宁淄博」, 「淄博同济宁，哪个…要求高些」)
            or any(b == c or _AND.fullmatch(text[b:c]) for (_, b, p), (c, _, q) in zip(mentions, mentions[1:]) if p.city != q.city)
            # (「市中区是“六个一”，济宁那边是几个一」, not where the asker is: 「我在济宁开厂，听说济南那边…」)
            or ("那边" in text and not any(_LOCATED.match(x) for x in pieces_asking(text)[0]))):
        intents = intents | {"comparison"}
    # a city and its district each asked about in a question of its own
    # (「济南全市已经达到多少，市中区又计划达到多少？」)
    pieces, asking_pieces = pieces_asking(text)
    asks_each = len(asking_pieces) >= 2
    # or joined and asked of each (「市中区到2026年的目标，和济南全市已达到的数量，各是多少」)
    # (a district named only where the asker tells of themself, 「我是章丘区工信的，…按市里…能补几个点？」, is no side)
    told_only = told_only_places(text, (pieces, asking_pieces))
    with_city = any(p.kind in ("区", "县") and p not in told_only and any(c.name == p.city for c in places) for p in places)
    # (or measured against each other: 「市中区到2026年的算力规模，跟济南全市现在的算力总量比」)
    if with_city and (asks_each or (re.search(r"和|与|跟|同", text) and re.search(r"各(?:是|为|有|自|要|定|设|订|提|给|奖|补|写|规划|计划|达到?|占)|分别|哪个(?:多|高|大|少)|谁(?:多|高|大)", text))
                      or re.search(r"(?:跟|与|和|同)[^。？?！!]{1,24}?(?<!对)比(?![例重率])", text)):
        intents = intents | {"comparison"}
    # two places, each asked about in a question of its own (「济南…到2022年创建多少家？淄博到2025年又定了多少」)
    named_in = [{p.name for p in find_places(pieces[i])} for i in asking_pieces]
    if asks_each and len({p.city or p.name for p in places}) >= 2 and len(set().union(*named_in)) >= 2 \
            and all(len(n) <= 1 for n in named_in):
        intents = intents | {"comparison"}
    # 「济南定的多少？要是在淄博呢」: the question asked again of another place, in a piece that names nothing else
    if ("comparison" not in intents and asking_pieces and len({p.city or p.name for p in places}) >= 2
            and any(_asked_again_of(pieces[i]) for i in range(asking_pieces[0] + 1, len(pieces)))):
        intents = intents | {"comparison"}
    sentences = sentences_of(text)
    asking = [x for x in sentences_of(weighed) if looks_like_question(x)]
    # a long question, or one that ends on what the asker will do with the answer (「…覆盖哪几年？我们做明年
    # 规划想对一下。」, 「…？我们在两边选址，想看看哪边产业盘子大」): what it asks is in its asking sentences
    after = asking and (not looks_like_question(sentences[-1]) or weighed != text)
    # (a last question that only offers ways to choose from, 「是一次性的还是每年都给？」, asks of the one before
    # it: one more question is kept)
    ask = "".join(asking[-(3 if "还是" in asking[-1] else 2):]) if (len(text) > 60 or after) and asking else text
    ask = without_self(without_premise(without_known(ask)))
    context_years = tuple(int(y) for y in re.findall(r"(?:现在|如今|今年|眼下|目前)(?:已经|都)?(?:是|到了|都)?\s*(20\d{2})", text))
    # 「2026年了应该早到期了吧」: the asker's now, not a year asked about
    context_years += tuple(int(y) for y in re.findall(r"(?:^|[，,。；;？?！!]|都|已经)\s*(20\d{2})\s*年了", text))
    # the asker's own time (「我2026年写材料，想引用…」): when they act, not a year asked about
    context_years += tuple(int(y) for y in re.findall(r"(?:^|[，,。；;？?！!])\s*(?:我们|我|俺们|俺|咱们|咱)\s*(20\d{2})\s*年(?!底|末|前|全年|以后|之后|的)", text))
    # the years of the asker's own story (「我们…去年营收1.5亿，23年上了省级专精特新。」), or of a piece telling
    # of themself between questions (「…是哪几年的？我们有个项目2027年才投产，还能往里套吗」), not of what they
    # heard or say a document sets
    context_years += tuple(int(y) for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", story(text)))
    own_time = [x for x in re.split(r"[，,。！!；;？?]", text)
                if SELF.match(x.strip()) and not looks_like_question(x) and not heard(x) and not _DOCUMENT_TALK.search(x)]
    # (a year also asked of elsewhere is asked: 「合同要签到2027年，…计划对2027年的…有什么目标？」)
    elsewhere = "".join(x for x in re.split(r"[，,。！!；;？?]", text) if x not in own_time)
    context_years += tuple(int(y) for x in own_time for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", x) if y not in elsewhere)
    # "济南2020年那份意见", 「淄博2023年出的先进制造业强市方案」: a year that names a document (when it came
    # out, the name may run longer), not one asked about
    # (「2024年出了个推进…、加快…的行动计划」, 「2020年那个建设工业强市的实施意见」: issued, or pointed at, the
    # name runs longer)
    kinds = lexicon.get().kinds_alternation()
    # (each year of a period too, read where it starts: 「2024—2026年的行动计划」)
    context_years += tuple(int(y) for y in re.findall(rf"(?=(20\d{{2}})\s*年?(?:(?:出台|印发|发布|下发|颁布|出|发)了?(?:的|个|一个|份|一份)?[^，。？?,]{{0,24}}?"
                                                   rf"|(?:那份|这份|那个|这个)[^，。？?,]{{0,16}}?"
                                                   rf"|(?:的|定的)?[^，。？?,]{{0,8}}?)"
                                                   rf"(?:{kinds}|文件|{_A_DOCUMENT}))", text))
    # the period in a document's name (「…三年行动计划（2023—2025年）」, 《…》): named, not asked, unless asked again
    named = [y for m in re.finditer(rf"(?:{kinds})\s*[（(][^）)]{{0,16}}[）)]|《[^》]{{0,60}}》", text)
             for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", m.group())]
    context_years += tuple(int(y) for y in named if text.count(y) == 1)
    # (read with the places left out: 「2020年济南定的…」 is 「2020年定的…」; not 「2023年的目标定的多少」)
    unplaced = text
    for a, b, _ in sorted(mentions, key=lambda m: m[0], reverse=True):
        unplaced = unplaced[:a] + unplaced[b:]
    context_years += tuple(int(y) for y in _SAID_IN.findall(unplaced))
    lex = lexicon.get()
    subsidy = bool(lex.subsidy_ask.search(ask if len(text) > 60 else (standalone or text)))
    # a follow-up asks for what the earlier question asked ("那济南呢？") unless it
    # asks with a question word of its own ("那济南每年的扶持资金有多少？")
    own_ask = detect_slots(ask) or lex.question_words.search(_PARTICLE.sub("", ask))
    slot_text = ask if not followup or own_ask else standalone
    unheard = _unheard(slot_text)  # (the slots and units only of what the asker heard without a figure are not asked)
    slots = detect_slots(slot_text) if unheard == slot_text else detect_slots(slot_text) & detect_slots(unheard)
    told = without_told(slot_text, keep_questions=True)
    if told != slot_text and _content_len(told) > 6:
        slots &= detect_slots(told)  # 「我在德国做了十几年研究，…怎么支持的？」: the asker's 十几年 asks no time
    parts = again or (split_parts(standalone) if standalone and not followup else ())
    if len(parts) < 2 and not again and not followup and len(standalone) > SPLIT_WHOLE and ask != text:
        # a long message (a story, then 「我想知道：5G基站到多少个了？还有算力总规模是多少…」): the parts of
        # what its asking sentences ask
        parts = split_parts(ask)
        # (each a question, none holding a told sentence — not a told list cut into pieces — nor pointing back
        # to what the story told: 「这个万亿到底是哪一年突破的？具体是多少亿？」 is asked of the whole)
        back = told_back(kinds)
        parts = parts if all(looks_like_question(p) and not re.search(r"[。！!]", p) and not back.search(p) for p in parts) else ()
    return Query(
        original=q,
        text=text,
        standalone=standalone,
        history=hist,
        intents=frozenset(intents),
        places=tuple(places),
        years=tuple(dict.fromkeys(years)),
        followup=followup,
        restated=followup and restates(text, standalone),
        injected=injected,
        asks=asks,
        ask=ask,
        subsidy=subsidy,
        context_years=context_years,
        slots=slots | ({"amount"} if claim else frozenset()),
        units=tuple(lex.units.findall(asked_pieces(unheard))),
        parts=parts if len(parts) >= 2 else (),
        item=item_asked(text),
    )
