"""When the documents do not answer: small named predicates.

Each predicate looks at one question (or one part of it) and the scored
sentences of its retrieved clauses, and returns what the documents do not
give (a reason, shown as 「未能在现有政策文件中找到{reason}」) or None. The
first reason wins. Nothing here names a question: what a question asks for
(its *slots*: an amount, a rate, a department, a date, a channel, a place, a
duration, conditions) and how a sentence carries it come from the lexicon;
the refusal is decided by whether the sentences selected for the question's
subject carry that slot.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Iterable

from . import lexicon
from .lexicon import alternatives
from .clauses import LEVEL_RE, cn_int, SCALE_RE, item_number, scales, within_item
from .completion import asked_count
from .docqa import number_claimed
from .documents import DOCNO_RE, docno_key, typed_docno
from .evidence import (its_year, quoted_terms, DUTY_LINE, HONOUR_LEVEL, LEVEL_PAIR, LEVEL_RANK, Evidence, asked_terms, counted, coverage, defines, idf, levels, measure_of, money as money_in, other_level, sets_fund, support, topic_words,
                       asks_goal, goal_year_carried, states_goal, under_goal, written_for_spoken)
from .index import IndexData
from .normalize import char_pairs, fold_text, plain, title_key
from .query import AVERAGE, CONFIRMING, WRITTEN_SOURCE, HeardFigure, Query, asked_pieces, heard_pieces, document_claims, document_named, figures_in, asks_where, asks_whether_support, heard, holds_role, not_heard, detect_slots, trade_of, without_a_few, quoted_sentences, untold, without_told, wanted, points_back, base_years, base_year_starts, heard_figures, heard_years, looks_like_question, pieces_asking, premise_years, sentences_of, without_source
from .regions import Place, covers, find_places, within
from .retrieve import named_docs, unheld_numbers
from .tokenize import segment
from .types import DUTY, FOOTER, MASTHEAD, Hit


@dataclass(frozen=True)
class Thresholds:
    """When the evidence is too weak to answer (cosines on the e5 scale,
    coverage as a share of the question's IDF-weighted topic words). Coarse
    on purpose; measured on the dev parts (``policybot eval``)."""

    min_dense: float = 0.84  # best sentence's cosine to the question
    min_coverage: float = 0.1  # share of the question's topic words in the best clause
    loose_dense: float = 0.86  # a sentence this close with no shared words: off topic...
    strong_dense: float = 0.88  # ...unless its clause as a whole is closer than this
    min_clause_dense: float = 0.85  # the closest clause, as a whole, to an on-topic question
    margin: float = 0.22  # a further sentence must score within this of the best
    on_subject: float = 0.3  # share of the subject's words a clause must hold to speak of it


_BUILDS_ON = re.compile(r"在(?:深入)?(?:落实|执行|实施|贯彻|用好)?《[^》]{2,60}》[^，。；;]{0,40}?基础上")


@dataclass(frozen=True)
class Case:
    """What a predicate looks at: the question (or one part), its scored
    sentences, best first, and the retrieved clauses."""

    index: IndexData
    query: Query
    evidence: tuple[Evidence, ...]
    hits: tuple[Hit, ...]
    t: Thresholds

    def text(self, e: Evidence) -> str:
        return e.text(self.index)

    def clause_text(self, e: Evidence) -> str:
        """The clause with its heading path; a standalone 牵头/责任单位 line
        speaks of what the block it closes says, so it brings that text."""
        idx = self.index
        c = idx.clauses[e.clause_pos]
        if c.kind != DUTY:
            return f"{' '.join(c.path)} {c.text}"
        parent = idx.by_id.get(c.parent_id) if c.parent_id else None
        block = " ".join([parent.text if parent else "", *(idx.clauses[i].text for i in idx.siblings(e.clause_pos))])
        return f"{' '.join(c.path)} {block}"

    def close(self, factor: float = 2.0) -> list[Evidence]:
        """The sentences that could be selected: near the best one (none when
        no sentence is left: a part whose own side holds none)."""
        if not self.evidence:
            return []
        best = self.evidence[0].score
        return [e for e in self.evidence if e.score >= best - self.t.margin * factor][:8]

    def subject(self) -> list[str]:
        """The question's topic words that the documents use, without the
        words that only say what is asked (补贴, 多少, 最高) or per what (每年:
        ``unit_missing`` holds an amount to its unit)."""
        return self._subject

    @cached_property
    def _subject(self) -> list[str]:
        lex = lexicon.get()
        asked = [s.asked for s in lex.slots] + [lex.subsidy_ask, lex.units] + [p for _, p in lex.intents]
        text = without_source(self.query.standalone if self.query.followup else self.query.asking)
        # 「济宁那个先进制造业集群意见里，…数字经济占GDP比重…」: the words that name the document a figure is asked of
        # are no topic of the figure (unless they are all it names); a period asked is the document's own
        unnamed = document_named(lex.kinds_alternation()).sub("", text)
        # (what is left must still ask: not only the asker's own words, 「我在核对评估报告，24年…营收报告里写的是多少亿」)
        if {"amount", "rate"} & self.query.slots and len(topic_words(self.index, without_told(unnamed))) >= 2:
            text = unnamed
        tokens = topic_words(self.index, text)
        words = [
            w for w in tokens
            if known(self.index, w) and not any(p.search(lex.written(w)) for p in asked) and not _FIGURE_WORD.fullmatch(w)
            and not _straddles(w, tokens) and not DOCNO_RE.fullmatch(w)  # 济发〔2020〕16号 names a document, no topic
        ]
        # 比重 is the rate asked, of the topic (not when it is near all the question names: 「…互相供货的比重」)
        shares = [w for w in words if "rate" in self.query.slots and _SHARE_WORD.fullmatch(w)]
        if len(words) - len(shares) >= 2:
            words = [w for w in words if w not in shares]
        # a one-character word of the question that the lexicon expands (这个坎 -> 台阶), or one the tokenizer
        # cuts apart (冲上10个亿 -> 冲, 上10), is no topic word of its own, but what it expands to is
        cut = cut_spoken(text, tokens)
        short = [x for _, said in cut for x in said]
        words += [w for w in dict.fromkeys(short) if w not in words and known(self.index, w)
                  and not any(p.search(lex.written(w)) for p in asked)]  # 奖 -> 奖励 says what is asked
        # a spoken phrase (「收入从九十几个亿冲过一百个亿」) is what it is written as (台阶), not its own words
        phrases = [spoken for spoken, said in cut if len(spoken) >= PHRASE and any(x in words for x in said)]
        words = [w for w in words if not any(w in p for p in phrases) or w in short]
        # 「我们是做机械加工的，技改能补多少」: the asker's trade says who asks, the measure what is asked
        # (unless the question asks of the trade again: 「我们是生物医药企业，…给生物医药定的目标是多少」)
        told_only = bool(self.trade) and self.query.text.count(self.trade) <= 1
        asked_of = [w for w in words if not (told_only and w in self.trade)]
        # 「中共济南市委、济南市人民政府…的实施意见，要求…」: the issuer and kind that name the document
        naming = self._naming(text)
        asked_of = [w for w in asked_of if not any(w in n for n in naming)] or asked_of
        # 「…的钱至少有多少？是每年都有还是一次性的？」: the ways offered to choose from are what is asked, not
        # the topic (unless they are all of it: 「技改还是智能化改造补得多」)
        offered, outside = "".join(_OFFERED.findall(text)), _OFFERED.sub("", text)
        asked_of = [w for w in asked_of if w not in offered or w in outside] or asked_of
        # (the bar the asker supposes is what the answer checks, not what the support is for)
        if lex.threshold:
            supposed = lex.threshold[1]
            bar, unbarred = "".join(supposed.findall(text)), supposed.sub("", text)
            asked_of = [w for w in asked_of if w not in bar or w in unbarred] or asked_of
        return asked_of or words

    def _naming(self, text: str) -> list[str]:
        """The issuers of held documents and the document kinds (实施意见) the text names."""
        # (by the short forms askers use too: 「济南市委市政府那份意见」)
        issuers = {f for n in self.index.issuer_names() for f in issuer_forms(n) if len(f) >= 3 and f in text}
        kinds = {w for _, ws in lexicon.get().document_kinds for w in ws if len(w) >= 3 and w in text}
        return sorted(issuers | kinds)

    @cached_property
    def claim_stated(self) -> bool:
        """A figure the asker says a document states (``query.document_claims``:
        「方案里说已经建成190家了，这是2022年底的实际数吗」) is stated by one of the
        sentences: that sentence answers, with the year and kind it gives the
        figure, whatever year or kind the asker gives it. (A figure with its unit
        is precise: any sentence the question is near, not only the closest few.)"""
        return states_claim(self.query, [self.text(e) for e in self.evidence[:COMPARED]])

    @cached_property
    def trade(self) -> str | None:
        """The trade the asker says they are in (「俺是开饭店的」: 饭店)."""
        return trade_of(self.query.standalone)

    @cached_property
    def counted(self) -> str | None:
        """The thing a how-many question counts (``counted_thing``), read once per case."""
        return counted_thing(self)

    @cached_property
    def money_words(self) -> list[str]:
        """The kinds of money the question names (增值税, 电费, 房租)."""
        lex = lexicon.get()
        # of the sentences that ask, not of one that tells (「…电费一个月好几万。…这电是给谁用的？」)
        asked = "".join(x for x in sentences_of(self.query.asking) if looks_like_question(x)) or self.query.asking
        # (not a word inside a spoken phrase the lexicon writes as no money: 「用租的方式」 is 以租代购)
        spoken = [said for said, written in written_for_spoken(asked) if not any(lex.money_kinds.search(w) for w in written)]
        return [w for w in topic_words(self.index, asked) if lex.money_kinds.search(w) and not lex.question_words.search(w)
                and not any(w in said and w != said for said in spoken)]

    def near_text(self, e: Evidence) -> str:
        """The sentence under its headings, with the sentence before it: what
        a figure in it is said of."""
        idx = self.index
        c = idx.clauses[e.clause_pos]
        before = [idx.segments[s] for s in idx.segments_of(e.clause_pos) if idx.segments[s][2] <= e.start]
        # the sentence before, and the whole sentence of a ；-series (「新获批国家级…企业技术中心…的企业，
        # 给予最高500万元扶持；新获批市级研发机构的企业，给予最高50万元扶持」): its parts share a subject
        opens = max(c.text.rfind("。", 0, e.start), c.text.rfind("\n", 0, e.start)) + 1
        prev = c.text[min(opens, before[-1][1]) if before else opens:e.start]
        # 「在落实《…》首次突破奖励政策基础上，进一步…奖励200万元」: what another document
        # grants is named, not what this sentence's figure is for
        return _BUILDS_ON.sub("", f"{' '.join(c.path)} {prev} {self.text(e)}")

    def on_subject(self, e: Evidence, near: bool = False) -> bool:
        """The sentence's clause speaks of the question's subject: enough of
        its words (or the lexicon's expansions of them) are there. ``near``:
        the sentence itself does (``near_text``), not only its clause."""
        return self.speaks_of_subject(self.near_text(e) if near else self.clause_text(e))

    def states_quoted_sum(self, e: Evidence) -> bool:
        """The sentence states a sum the asker quotes (20亿元 of 「规定每年…最多20亿元，
        超过就不合规了吧」): whatever else the question's words, it is that sum's sentence."""
        return any(re.search(rf"(?<![\d.]){re.escape(n)}\s*{u}", fold_text(self.text(e))) for n, u in self._quoted_sums)

    @cached_property
    def _quoted_sums(self) -> list[tuple[str, str]]:
        return [(f.number, f.unit[0]) for f in figures_in([self.query.text]) if f.unit[0] in "万亿"]

    def speaks_of_subject(self, text: str) -> bool:
        """Enough of the subject's words (IDF-weighted, or the lexicon's
        expansions of them) are in ``text``; true when the question has none."""
        words = self.subject()
        if not words:
            return True
        folded = fold_text(text)
        total = sum(idf(self.index, w) for w in words)
        have = sum(idf(self.index, w) for w in words if any(x in folded for x in alternatives(w)))
        return have / total >= self.t.on_subject


def issuer_forms(name: str) -> set[str]:
    """An issuer's name and the short forms askers use of it: 中共济南市委 -> 济南市委;
    济南市人民政府 -> 济南市政府, 市政府; 济南市市中区人民政府 -> 区政府."""
    full = name.removeprefix("中共")
    own = re.sub(r"^[\u4e00-\u9fff]+?(?=[省市区县](?:人民政府|政府|委员会|委))", "", full)
    return {name, full, full.replace("人民政府", "政府"), own, own.replace("人民政府", "政府")}


_OFFERED = re.compile(r"[^，,。？?！!；;]*还是[^，,。？?！!；;]*")  # a piece offering ways to choose from


def _straddles(w: str, tokens: list[str]) -> bool:
    """``w`` is a piece from the middle of a longer word of the question that
    no other word begins or ends with (政资 of 财政资金, beside 财政 and 资金):
    the tokenizer's by-product, not a word the asker used (工业 of 新型工业化
    begins 工业化: a word)."""
    def inside(t: str) -> bool:
        at = t.find(w)
        return len(t) > len(w) and at > 0 and at + len(w) < len(t)
    return any(inside(t) for t in tokens) and not any(t != w and (t.startswith(w) or t.endswith(w)) for t in tokens)


_SHARE_WORD = re.compile(r"比重|占比|比例|比率|份额|占")
_FIGURE_WORD = re.compile(r"[\d.零〇一二三四五六七八九十百千万亿两几多]+[个家项条只位年元万亿档类种批]?")  # 九个(多亿): a figure the asker states


def longest(words: list[str]) -> list[str]:
    """The words, in order, without those inside another (最低价, not 低价、最低价)."""
    return [w for w in words if not any(w != v and w in v for v in words)]


def known(index: IndexData, word: str) -> bool:
    """The documents use the word, or a word the lexicon expands it to."""
    return any(index.token_df.get(x, 0) > 0 for x in alternatives(word))


Predicate = Callable[[Case], "str | None"]


def off_topic(c: Case) -> str | None:
    """Far from every clause, or sharing no words and only loosely close."""
    idx, best = c.index, c.evidence[0]
    if c.query.item is not None and c.hits and within_item(c.hits[0].clause.label, c.query.item):
        return None  # 「市中区计划第13条讲的是啥」: the item asked for is there
    if any(q in plain(h.clause.text) for q in quoted_sentences(c.query.text) for h in c.hits[:2]):
        return None  # 「“100个高频事项最多跑一次”是哪个文件里的」: the sentence quoted is there
    words = topic_words(idx, c.query.standalone)
    top_text = "\n".join(h.clause.text for h in c.hits[:3])
    cov = max(coverage(idx, words, c.clause_text(best)), coverage(idx, words, top_text) * 0.9)
    # (or the question with its spoken phrases in the words they are written as: 「能源消费额度…从别家手里买」
    # is 用能权…交易)
    written = c.query.standalone
    for spoken, said in written_for_spoken(written):
        written = written.replace(spoken, " ".join(said))
    if written != c.query.standalone:
        cov = max(cov, coverage(idx, topic_words(idx, written), c.clause_text(best)))
    # (of the retrieved clauses: not the ones that state a document's date or period, put first without a score)
    clause_dense = max([h.dense for h in c.hits if h.dense is not None][:3], default=0.0)
    rare = _names_rare_term(c) or _spelled_out(c) or _names_quoted_term(c)
    if not rare and (best.dense < c.t.min_dense or (cov < c.t.min_coverage and best.dense < c.t.loose_dense and clause_dense < c.t.strong_dense)):
        return "能回答这个问题的条款"
    # 「每干出一块钱…少用多少电和煤」: words the documents never use, but the written words they stand for
    # (单位工业增加值, 能源消耗) they do
    if not rare and (clause_dense < c.t.min_clause_dense
                     or (words and not any(known(idx, w) for w in words) and not _spoken_known(c))):
        return "相关的政策条款（这个问题不在收录的政策文件范围内）"
    return None


def _spelled_out(c: Case) -> bool:
    """「整工厂智改补几个点」: a short form the documents never use (智改), whose
    full form (智能化改造) a top clause says: the question is on topic, however
    far its short words sit from every clause."""
    texts = _top_texts(c)
    return any(short in c.query.asking and c.index.token_df.get(short, 0) == 0 and len(full := "".join(words)) >= 4
               and any(full in t for t in texts) for short, words in lexicon.get().abbreviations)


def _top_texts(c: Case) -> list[str]:
    """The top five clauses, spaces and marks aside (as quoted sentences are looked for)."""
    return [plain(h.clause.text) for h in c.hits[:5]]


RARE_DF = 3  # a word this few chunks of the library use: a term of its own (揭榜, 组阁), not a plain word


def _names_rare_term(c: Case) -> bool:
    """「揭榜组阁那条谁牵头」: a short question, far from every clause as a
    whole, that names a term of two words of which one is rare in the library
    (揭榜组阁), and one of the top five clauses says that term as written: it is on topic."""
    tokens = [w for w in segment(c.query.asking) if _HAN.search(w)]
    texts = _top_texts(c)
    for a, b in zip(tokens, tokens[1:]):
        rarer = min(c.index.token_df.get(a, 0), c.index.token_df.get(b, 0))
        if len(a + b) >= 4 and 0 < rarer <= RARE_DF and any(a + b in t for t in texts):
            return True
    return False


def _names_quoted_term(c: Case) -> bool:
    """「淄博提的揭榜挂帅是用在什么地方的」, 「济宁231到底啥意思」: a term that one
    of the top clauses puts in quotes (“揭榜挂帅”, “231”), named by the
    question with or without them: on topic, however far the rest of its words
    sit from every clause."""
    asked = plain(c.query.asking)
    return any(len(t := plain(term)) >= 2 and t in asked for h in c.hits[:3] for term in quoted_terms(h.clause.text))


def _spoken_known(c: Case) -> bool:
    """The written words the question's spoken ones stand for are the documents' (a written word the
    tokenizer keeps in pieces, 监督检查, by its pieces)."""
    idx = c.index
    return any(known(idx, w) or all(known(idx, x) for x in compound_words(w)) for w in alternatives(c.query.standalone)[1:])


def document_not_held(c: Case) -> str | None:
    """A document named by its 文号 (「济发〔2023〕7号三年行动计划定的目标」) that
    the library does not hold: answered only from a document that cites it,
    never from another one that happens to be close."""
    unheld = unheld_numbers(c.index, c.query)
    for m in DOCNO_RE.finditer(c.query.asking):
        key = docno_key(m.group(0))
        if key not in unheld:
            continue
        # (retrieval brings the documents that cite it: ``retrieve.numbered_docs``)
        docs = {c.index.clauses[e.clause_pos].doc_id for e in c.close()} | {h.clause.doc_id for h in c.hits}
        if any(d in docs for d in c.index.cited_numbers().get(key, ())):
            continue
        if c.index.cited_numbers().get(key) and named_docs(c.index, c.query):
            continue  # 「济发〔2023〕7号是济宁那个意见吧」: told of a held document, whose it is a held text says (``docqa``)
        if number_claimed(c.query.asking) and len(named_docs(c.index, c.query)) == 1:
            continue  # 「淄博…方案，是…淄政发〔2023〕7号吗？」: a held document's 文号 to confirm (``docqa`` corrects it)
        return f"文号为「{typed_docno(m.group(0))}」的文件（未收录，收录的文件中也没有引用它的条款）"
    return None


_TITLE_CONTENT = re.compile(r"《([^》]{4,80})》\s*(?:的)?(?:正文|原文|全文)?\s*(?:里|中|内|上|规定|提到|提出|写|说|明确|要求|对|关于|第)")
HELD_LIKENESS = 0.6  # share of a quoted title's character pairs a held document's title and place must have


def title_not_held(c: Case) -> str | None:
    """What a document the question quotes by title says (「《济南市工业强市促进
    条例》里，…要不要退钱？」), when the library does not hold it: no held
    document's title (with its place) is like the one quoted, and no
    retrieved document opens by naming it (a notice or news item about it
    does; a passing citation deep in another text, 「在深入实施《济南市工业投资
    倍增三年行动计划（2020—2022年）》基础上」, does not). Never answered from
    whatever else is close."""
    idx = c.index
    for m in _TITLE_CONTENT.finditer(c.query.asking):
        name = m.group(1)
        pairs = char_pairs(fold_text(name))
        kinds = [w for w in lexicon.get().all_kind_words() if w and name.endswith(w)]
        # a held document of the kind it ends with (条例 is no 意见), whose title and place share its character pairs
        like = max((len(pairs & char_pairs(fold_text(d.title + d.region))) / len(pairs) for d in idx.documents.values()
                    if not kinds or any(k in d.title for k in kinds)), default=0.0) if pairs else 1.0
        if like >= HELD_LIKENESS:
            continue
        key = title_key(name)
        docs = dict.fromkeys(h.clause.doc_id for h in c.hits)
        if any(key in title_key(" ".join(idx.clauses[cp].text for cp in idx.clauses_of(d)[:2])) for d in docs):
            continue  # 「山东省出台《关于统筹抓好…的指导意见》…」: a text about it
        return f"《{name}》里的规定（文件库中没有这份文件）"
    return None


_YEAR_AT = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_STAMP = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}")  # 发布日期：2025-08-29


_CLAUSE_END = re.compile(r"[，,；;：:]")


def year_said_of(c: Case, e: Evidence, year: int) -> bool:
    """The sentence gives something for that year. Where it runs through
    several years and gives the question's subject for another one
    (「2023年获评…，2024年全市规上工业营业收入…」), it does not give it for
    this one unless the words around this year speak of the subject too."""
    t = c.text(e)
    clause = c.index.clauses[e.clause_pos]
    if clause.kind in (MASTHEAD, FOOTER):
        return False
    if not _YEAR_AT.search(_NAMED.sub("", t)):
        # a sentence without a year of its own speaks of the year its clause last named
        # (「到2025年,集群能级显著提升…。…“231”产业集群规上企业个数超过1500家」)
        before = [int(m.group()) for m in _YEAR_AT.finditer(_NAMED.sub("", clause.text[:e.start]))]
        if before and before[-1] == year:
            return True
    if str(year) not in _STAMP.sub("", _NAMED.sub("", t)):
        return False  # a title's span of years (《…(2023—2025年)》) or a date stamp gives nothing for the year
    # (a year a figure is measured from, 「力争到2025年，…能源消耗较2020年降低17.5%左右」, is said with the year it is
    # measured to, not of a thing of its own)
    base = base_year_starts(t)
    at = [(m.start(), int(m.group())) for m in _YEAR_AT.finditer(t) if m.start() not in base]
    if len({y for _, y in at}) < 2 or year not in {y for _, y in at} or not c.subject():
        return True
    # years in one clause (「规模前三的产业由2022年的…优化为2024年的…」) are said of one thing
    groups: list[list[tuple[int, int]]] = []
    for a, y in at:
        if groups and not _CLAUSE_END.search(t[groups[-1][-1][0]:a]):
            groups[-1].append((a, y))
        else:
            groups.append([(a, y)])
    ends = [g[0][0] for g in groups[1:]] + [len(t)]
    starts = [0] + [g[-1][0] for g in groups[:-1]]
    said: dict[int, bool] = {}
    for g, b, before in zip(groups, ends, starts):
        # from the start of the years' clause to the next year
        cut = max((m.end() for m in _CLAUSE_END.finditer(t[before:g[0][0]])), default=0)
        told = c.speaks_of_subject(t[before + cut:b])
        for _, y in g:
            said[y] = said.get(y, False) or told
    return said[year] or not any(said.values())


COMPARED = 12  # sentences of a comparison read for the years its sides are asked of


def states_claim(q: Query, texts: list[str]) -> bool:
    """One of ``texts`` states a figure the asker says a document states."""
    claims = document_claims(q.text)
    return bool(claims) and any(x in plain(t) for t in texts for x in claims)


def year_not_covered(c: Case) -> str | None:
    """A year asked about that the close sentences never mention (a 2025
    full-year figure when a report stops at 2024); years that name a
    document or set the scene do not count."""
    if c.claim_stated or not c.query.years:
        return None
    idx, q = c.index, c.query
    issued = {int(d.date[:4]) for d in idx.documents.values() if d.date[:4].isdigit()}
    # the years the documents of the places asked came out (a province's notices cover its districts)
    placed = {int(d.date[:4]) for d in idx.documents.values() if d.date[:4].isdigit() and q.places and any(covers(d.region, p) for p in q.places)}
    strong = c.close()
    if "comparison" in q.intents:  # each side's year in its own sentences, however far below the other side's best
        strong = strong + [e for e in c.evidence[:COMPARED] if e not in strong]
    elif (named := {idx.documents[d].region for d in named_docs(idx, q)}) and (own := [
            e for e in strong if any(within(idx.documents[idx.clauses[e.clause_pos].doc_id].region, r) for r in named)]):
        # 「评估报告里2025年全年…是多少」: the year in the sentences of the place of the document named, not in another
        # place's goal for it (济宁's 「到2025年,…营业收入达到300亿元」)
        strong = own
    answering = {int(d.date[:4]) for d in (idx.documents[idx.clauses[e.clause_pos].doc_id] for e in strong) if d.date[:4].isdigit()}
    base = base_years(q.text)
    # (a year heard is checked by what the text gives, in a note; years guessed for when a thing was reached)
    told = premise_years(q.text) + heard_years(q.text) + guessed_years(q)
    # 「是2023年还是2024年？」: years offered to choose from; the one the text says answers
    offered = offered_years(q.text)
    if len(set(offered)) >= 2 and any(year_said_of(c, e, y) for e in strong for y in offered):
        told += tuple(offered)
    kinds = lexicon.get().kinds_alternation()
    for y in q.years:
        # a document's year: the year the documents of the places asked or of the sentences answering came
        # out (「2020年，海陵区企业复工要什么材料」), or one a document word or issuing verb follows (「济南2020年
        # 建设工业强市那个实施意见」, 「2020年提出…」); not the year of a figure asked of, whichever other held
        # document came out that year (「评估报告里2023年全市规上工业营业收入是多少」, with Zibo's plan of 2023 held)
        names_doc = not re.search(rf"到\s*{y}|{y}\s*年?\s*(?:底|末|前|全年|以后|之后|的目标|目标|要|能|会)", q.text) and (y in answering | placed or (
            y in issued and bool(re.search(rf"(?<!\d)(?:{y // 100})?{y % 100:02d}\s*年?[^，,。？?；;！!]{{0,30}}?(?:{kinds}|文件|提出|出台|印发|发布|下发)", q.text))))
        if names_doc or y in q.context_years or y in told:  # (a year that sets the scene, or of what the asker states first)
            continue
        if y in base:  # 「比2020年降多少」: a sentence that measures from that year
            said = any(str(y) in c.text(e) for e in strong)
        else:
            said = any(year_said_of(c, e, y) for e in strong)
        if not said:
            docs = {idx.clauses[e.clause_pos].doc_id for e in strong}
            horizon = max((idx.documents[d].horizon or 0) for d in docs) if docs else 0
            later = f"（相关文件所定目标最远到{horizon}年）" if horizon and y > horizon else ""
            return f"关于{y}年的相关内容{later}"
    return None


_NAMED = re.compile(r"《[^》]{0,80}》|" + DOCNO_RE.pattern)  # a cited title or 文号
_PER_FIRM = re.compile(r"(?:一|每|单)(?:家|个)(?![说讲是])(?:企业|公司|厂)?|单个企业")  # (not 「一个说20亿，一个说2亿」)
_AVERAGED = re.compile(AVERAGE + r"(?:每|一|单)(?:家|个)")  # 「平均到每家大概多少」: a total the asker divides


def _per_firm_said(asking: str) -> bool:
    """One firm's sum asked in words (一家, 每个企业), not an average of a total."""
    return bool(_PER_FIRM.search(asking)) and not _AVERAGED.search(asking)


_FIRMS_COUNTED = re.compile(r"(?:多少|几)家(?!店)")
def _per_firm(q: Query) -> bool:
    """An amount asked for one firm: said so (一家, 单个企业), or support
    asked (奖励多少) without asking about a fund or a total (the lexicon's
    ``fund.asked``: 资金, 一共, 累计)."""
    fund = lexicon.get().fund
    if _FIRMS_COUNTED.search(q.asking) or _AVERAGED.search(q.asking):
        return False  # 「砸了多少钱、服务了多少家企业」, 「平均到每家大概多少」: a programme's totals (divided by the asker)
    return bool(_PER_FIRM.search(q.asking) or (q.subsidy and not (fund and fund[1].search(q.asking))))


_TALLY = re.compile(r"\d+\s*(?:余|多)?\s*家(?!以上)[^。；]{0,30}?(?:累计|共|总|合计|超|近)|(?:累计|共|总|合计)[^。；]{0,20}?\d+\s*(?:余|多)?\s*家")


_ROLE_SAID = re.compile(r"由[^。；;]{2,30}?(?:担任|任)[^。；;，,]{0,8}?(?:组长|副组长|群长|链长|召集人|主任|负责人)|(?:组长|群长|链长|召集人)由[^。；;]{2,30}?担任"
                        r"|[\u4e00-\u9fff、]{2,16}(?:担任|任)[^。；;，,]{0,8}?(?:组长|群长|链长|召集人)")  # (「一名主要领导担任链长」)
_NAME_ASKED = re.compile(r"名字|姓名|叫(?:什么|啥)")
_ROLE = re.compile(r"副?(?:组长|群长|链长|召集人)|主任")
# 「群长具体是哪位市领导」: a holder said only as the kind of leader asked of (「由市级领导同志分别担任」) names no one
_LEADER_ASKED = re.compile(r"哪(?:几)?位(?:市|区|县|省)?领导|哪些(?:市|区|县|省)?领导")
_ANY_LEADER = re.compile(r"由(?:市|区|县|省)级?领导(?:同志)?(?:分别)?(?:担任|任)")


def _role_said(asking: str, text: str) -> bool:
    """``text`` says who holds a role (「由市委、市政府主要领导同志任组长」), the
    one asked of when the question names one (副组长 asked: not the 组长)."""
    said = [m.group(0) for m in _ROLE_SAID.finditer(text)]
    asked = set(_ROLE.findall(asking))
    if asked:
        said = [x for x in said if any(re.search(r if r.startswith("副") else rf"(?<!副){r}", x) for r in asked)]
    return bool(said) and not (_LEADER_ASKED.search(asking) and all(_ANY_LEADER.search(x) for x in said))


_GRANT = re.compile(r"给予|奖励|奖补|补贴|补助|扶持|资助|贴息")  # support given, in a sentence that sets a goal


def _goal_figures(text: str) -> bool:
    """Every figure of the text is in a sentence that sets a goal (「力争到2025年…降低17.5%左右」)."""
    carried = lexicon.get().slot("amount").carried
    said = [x for x in re.split(r"(?<=[。；;])", text) if carried.search(x)]
    return bool(said) and all(states_goal(x) for x in said)


def _carries(c: Case, e: Evidence, slot_name: str) -> bool:
    lex = lexicon.get()
    t = c.text(e)
    kinds = c.money_words if slot_name in ("amount", "rate") else []
    said = fold_text(" ".join((*c.index.clauses[e.clause_pos].path, t)))  # the sentence under its headings
    if kinds and not any(x in said for w in kinds for x in alternatives(w)):
        return False  # 增值税税率: a rate said of that tax, not of electricity
    if slot_name in ("amount", "rate") and other_level(levels(c.query.asking), t):
        return False  # 省级 asked, the figure is the 国家级 one
    if slot_name == "amount" and c.query.subsidy and not (_GRANT.search(t) if _goal_figures(t) else support(t) or support(c.clause_text(e))):
        return False  # a support amount: said where support is given, not in a goal (「能耗…降低17.5%」)
    if slot_name == "rate" and c.query.subsidy and not (_GRANT.search(t) if _goal_figures(t) else support(t)):
        return False  # 「按什么比例奖补」: not the share of land quotas that goes to such projects, nor a goal's 「降低17.5%」
    if slot_name == "amount" and _per_firm(c.query) and _TALLY.search(t):
        return False  # 一家能拿多少, 新认定的企业奖多少: not the total given to 800 firms
    # (a follow-up asks of the fund the conversation is about: 「济南每年拿多少财政资金扶持工业？」「那济宁呢？多少钱？」)
    fund_text = c.query.standalone if c.query.followup else c.query.asking
    if slot_name == "amount" and lex.fund and (not lex.fund[1].search(fund_text) or _per_firm_said(c.query.asking)):
        # 奖励多少, 一个区县能拿多少 asked: not the size of the fund it may come from
        t = lex.fund[0].sub("", t)
    if slot_name == "amount" and (unit := re.search(r"多少\s*(万|亿)", c.query.asking)) \
            and not re.search(rf"(?:\d|[一二三四五六七八九十百千两])\s*(?:余|多)?\s*{unit.group(1)}", t):
        return False  # 「要达到多少亿元」: a sum in 亿, not a growth rate of 8%
    if slot_name == "amount":  # 多少亩, 多少个: a quantity in the measure asked
        m = re.search(r"多少\s*([^\s钱万元亿块？?，,。的])", c.query.asking)
        if m and re.search(rf"\d\s*(?:万|亿)?\s*{re.escape(m.group(1))}", t):
            return True
    if slot_name == "date" and goal_year_carried(c.query, c.index.clauses[e.clause_pos], e.start, t):
        return True  # 「哪年」 of a goal: the year its clause opens with (「到2025年,集群能级显著提升…。…本地配套率…」)
    if slot_name == "duration" and _HOW_OFTEN.search(c.query.asking) and _OFTEN_SAID.search(t):
        return True  # 「多久评一次」: how often, said as 每年, 按年度
    if slot_name == "department" and any(asked.search(c.query.asking) and not said.search(t) for asked, said in lex.slot(slot_name).kinds):
        return False  # 「解释权归哪个部门」: said where 解释 is, not by the departments a measure names
    if slot_name == "department" and holds_role(c.query.asking, t):
        return True  # 「链长是谁来当？」: 「一名主要领导担任链长」 says who
    if slot_name == "department":  # a clause's own 牵头/责任单位 count, unless they name no one (「市直相关部门单位」)
        clause = c.index.clauses[e.clause_pos]
        named = [d for d in (*clause.lead, *clause.responsible) if not _NO_ONE.match(d)]
        kind = _asked_kind(c.query.asking)
        if named and (kind is None or any(d.endswith((kind, kind[-1])) for d in named)):
            return True
        if kind:  # 「交给哪家基金管理公司运营」: one of that kind named, not the departments that lead
            return bool(re.search(rf"[\u4e00-\u9fff]{{2,16}}(?:{re.escape(kind)}|{re.escape(kind[-1])})(?![\u4e00-\u9fff]{{0,2}}(?:牵头|负责))",
                                  DUTY_LINE.sub("", t)))
        if clause.lead or clause.responsible:
            t = DUTY_LINE.sub("", t)
        t = _COLLECTIVE_UNIT.sub("", t)  # 「市相关部门各司其职」 names no department
    if slot_name == "place":
        # a district or county of the document's own place by its short form (「加快提升兖州农机研发检测」 in 济宁's)
        region = c.index.documents[c.index.clauses[e.clause_pos].doc_id].region
        if region and any(p.kind in ("区", "县") and p.name != region and within(p.name, region) for p in find_places(region + "，" + t)):
            return True
    if slot_name == "place" and re.search(r"哪个?(?:区|县|区县|县区)(?!域)", c.query.asking):
        # 「落在哪个区」: 主城区 names no district (「放在哪里」, 「设在哪个区域」: it says where)
        t = re.sub(r"(?:主|中心|老|新)城区", "", t)
    if slot_name == "actual":  # a part cut at ； of a sentence that opens 「到2026年，」 states a target too
        text = c.index.clauses[e.clause_pos].text
        t = text[max(text.rfind("。", 0, e.start), text.rfind("\n", 0, e.start)) + 1:e.end]
        report = "报告" in c.index.documents[c.index.clauses[e.clause_pos].doc_id].kind
        if under_goal(c.index.clauses[e.clause_pos].path) or states_goal(t, report=report):
            return False  # a sentence under 「(三)发展目标」, or one that sets a goal (提高到30%以上), is no figure reached
    if slot_name == "conditions":
        # 「符合条件的顶尖人才」 refers to conditions it does not state; 标准厂房 is a kind of building
        t = re.sub(r"符合(?:相关|有关|规定|一定)?条件的?|标准(?=厂房|化)", "", t)
    if slot_name == "conditions" and lex.eligibility and lex.eligibility[1].search(c.query.asking) \
            and not (lex.procedure and lex.procedure[0].search(c.query.asking)) and lex.eligibility[0].search(t):
        return True  # who qualifies asked: 「对经市推荐的…的企业（第一完成单位），给予…」 says it
    if slot_name == "person" and _role_said(c.query.asking, t) and not _NAME_ASKED.search(c.query.asking):
        return True  # 「组长是谁担任」: 「由市委、市政府主要领导同志任组长」 says who, by office
    if any(asked.search(c.query.asking) and not said.search(t) for asked, said in lex.slot(slot_name).kinds):
        return False  # 网址是啥 asked: a platform's name (「“济企通”服务企业云平台」) is not its address
    if slot_name in ("date", "duration"):
        # the years in 《…行动计划（2020—2022年）》 or 济政发〔2019〕1号 name a document, not a date; unless a
        # document of that kind is what is asked of (「有没有专门的数字化转型方案，管几年」)
        kinds = [w for w in lex.all_kind_words() if len(w) >= 2 and w in c.query.asking]
        t = _NAMED.sub(lambda m: m.group(0) if m.group(0).startswith("《") and any(k in m.group(0) for k in kinds) else "", t)
    return bool(lex.slot(slot_name).carried.search(t))


_ANY_OF = r"(?:市直|省直|区直|县直|市|区|县|省)?(?:相关|有关|各)"  # 「市直相关部门单位」, 「各有关部门」: no department named
_NO_ONE = re.compile("^" + _ANY_OF)
_COLLECTIVE_UNIT = re.compile(_ANY_OF + "(?:部门|单位|机构)+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_COUNTING = set("几多少哪啥何一二三四五六七八九十百千万亿两零半")  # 分几个时间段 / 分三个时间段: asked and answered


def sibling_term(c: Case) -> str | None:
    """A figure is asked of a term the close sentences never use, and the
    best of them say a sibling of it in the same words around it (新增能耗指标
    asked, 「新增煤耗指标65%」 found): one character apart, and both words
    the documents use, so a different thing, not a typo of it."""
    if not {"amount", "rate"} & c.query.slots:
        return None  # a figure of the sibling would be given as the answer
    idx = c.index
    q = fold_text(c.query.asking)
    texts = [fold_text(c.text(e)) for e in c.close()]
    for w in c.subject():
        if any(w in t for t in texts):
            continue
        for m in re.finditer(re.escape(w), q):
            left, right = q[max(0, m.start() - 2):m.start()], q[m.end():m.end() + 2]
            if not (_HAN.fullmatch(left[-1:] or "x") and _HAN.fullmatch(right[:1] or "x")):
                continue  # only a word inside its phrase (新增|用水|指标) is compared
            for k in range(len(w)):
                if w[k] in _COUNTING:
                    continue
                pat = re.compile(re.escape(left + w[:k]) + f"({_HAN.pattern})" + re.escape(w[k + 1:] + right))
                for t in texts[:3]:
                    hit = pat.search(t)
                    if hit and hit.group(1) not in _COUNTING and idx.token_df.get(w[:k] + hit.group(1) + w[k + 1:], 0) > 0:
                        return f"关于「{left}{w}{right}」的规定（文件写的是「{hit.group(0)}」）"
    return None


def slot_missing(c: Case) -> str | None:
    """Each slot the question asks for must be carried by a close sentence
    about the question's subject."""
    close = _close_with_measures(c)
    for name in sorted(c.query.slots):
        if name in ("actual", "date", "duration") and c.claim_stated:
            continue  # (the sentence that states the figure the asker gives a document says when and whether reached)
        # a figure is said of what its own sentence speaks of, not of its clause
        said_of = [e for e in close if c.on_subject(e, near=True)] if name in ("amount", "rate", "actual", "place") else close
        if name == "department":  # (a place's kinds, 哪个区, are said by any sentence naming a district: not looked for further down)
            said_of = said_of + [e for e in kind_said(c, name) if e not in said_of]
        if name in ("amount", "rate") and "actual" in c.query.slots:
            said_of = [e for e in said_of if _carries(c, e, "actual")]  # 「比重现在到多少了」: a share reached, not one set
        if not any(_carries(c, e, name) for e in said_of):
            return lexicon.get().slot(name).what
    return None


def kind_said(c: Case, slot_name: str) -> list[Evidence]:
    """The sentences, of the first few, that say the kind of a slot the question
    asks by name (「办公室设在哪个部门」: 「…办公室设在市工业和信息化局」), about its subject;
    however far below the best they rank (the question's other words match the
    sentences beside them better)."""
    kinds = [said for asked, said in lexicon.get().slot(slot_name).kinds if asked.search(c.query.asking)]
    return [e for e in c.evidence[:COMPARED] if any(k.search(c.text(e)) for k in kinds) and c.on_subject(e)] if kinds else []


def _close_with_measures(c: Case) -> list[Evidence]:
    """The close sentences of the subject; with who asked too, the measures the
    牵头/责任单位 lines among them close (「归哪个部门牵头？奖多少？」: the line
    ranks first for saying who, the measure it closes says the rest)."""
    close = [e for e in c.close() if c.on_subject(e)]
    return close + _measures_closed(c, close)


def _measures_closed(c: Case, close: list[Evidence]) -> list[Evidence]:
    """With who asked, the measures of the subject that the 牵头/责任单位 lines among ``close`` close."""
    if "department" not in c.query.slots:
        return []
    out: list[Evidence] = []
    for e in close:
        m = measure_of(c.index, c.evidence, e)
        if m is not None and m not in close and m not in out and c.on_subject(m):
            out.append(m)
    return out


def _more_than_how_much(q: Query) -> bool:
    """How much asked beside whether there is support, or beside who to turn to
    (「归哪个部门？奖多少？」): the grant and who answer those, a note the sum."""
    return asks_whether_support(q) or "department" in q.slots


def support_without_amount(c: Case) -> bool:
    """Whether there is support asked beside how much (「市里给不给钱？能给多少？」),
    and a close sentence of the subject grants it with no figure (「对通过仿制药
    一致性评价的品种进行财政扶持」): the grant answers the first, and the
    answer says the documents give no amount, rather than refusing both."""
    if "amount" not in c.query.slots or not (_more_than_how_much(c.query) or _WRITTEN_ASKED.search(c.query.asking)):
        return False
    return any(support(c.text(e)) and not money_in(c.text(e)) for e in _close_with_measures(c) if c.on_subject(e, near=True))


# (「有没有哪边写了补多少」, 「有没有具体金额」: whether a sum is written)
_WRITTEN_ASKED = re.compile(r"(?:有没有|是否|有无)[^，,。？?]{0,4}?(?:写|提|规定|明确|说)|写(?:没写|了没|明了?吗)|提没提"
                            r"|(?:有没有|是否有|有无)(?:具体|明确)?的?(?:金额|数额|数字|标准)"
                            # 「奖励有固定金额标准吗」, 「金额是固定的吗」: whether a set sum is written
                            r"|有(?:没有)?(?:固定|具体|明确|统一)的?(?:金额|数额|数字|标准)+(?:吗|么|没有?)|(?:金额|数额|标准)(?:是)?(?:固定|定死)的(?:吗|么)")


def amount_asked_whether_written(c: Case) -> bool:
    """「…各怎么提的？有没有写具体补多少钱？」: whether the documents write a sum is
    asked beside something else, and no close sentence gives one: what they say
    answers, and the answer says no sum is written, rather than refusing both."""
    if "amount" not in c.query.slots or not _WRITTEN_ASKED.search(c.query.asking):
        return False
    pieces, asking = pieces_asking(c.query.asking)
    whether = [i for i in asking if _WRITTEN_ASKED.search(pieces[i]) and detect_slots(pieces[i]) & {"amount"}]
    return bool(whether) and any(i not in whether for i in asking) and slot_missing(c) is not None


def absent_from_documents(c: Case, others: str) -> str | None:
    """A side of a comparison whose documents never use a word of the
    question's subject that the other sides' sentences do (济宁's document
    never mentions 专精特新, 淄博's sets a target for them): that side is not
    answered with whatever its closest sentences happen to say."""
    idx = c.index
    text = _documents_text(idx, {idx.clauses[e.clause_pos].doc_id for e in c.evidence})
    words = set(c.subject())
    for w in sorted(words, key=lambda w: -idf(idx, w)):
        # a word of three characters or more: a shorter one (每年, 工业) is too plain to say a document lacks the
        # topic; the whole word, not a piece of it the tokenizer also gives (工业用 of 工业用地)
        # (not a figure the asker states: 「都把…占比目标定成58%？」 checks 58%, names no topic)
        if len(w) >= 3 and not re.search(r"\d", w) and w in others and not any(x in text for x in alternatives(w)) \
                and not any(w != v and w in v and v in others for v in words):
            return f"关于「{w}」的内容"
    return None


_NOT_A_QUANTITY = re.compile(r"(?:19|20)\d{2}\s*年|“[^”]{0,30}”|(?<![\dA-Za-z.])\d[A-Za-z]+|" + _NAMED.pattern)  # a year, a name (“30佳”, 5G), a title or 文号


def figure_not_selected(c: Case, selected: list[Evidence]) -> str | None:
    """A figure asked (amount, rate) that none of the sentences chosen to
    answer carries: the close sentence that carried it was about something
    else than the ones the answer quotes (「首次进入全国500强…奖多少」 answered
    with how many projects reached the top 500). The answer would show no
    figure; say the documents give none for it."""
    for name in ("amount", "rate"):
        if name in c.query.slots and selected and not any(_carries(c, e, name) for e in selected):
            return lexicon.get().slot(name).what
    # 「“云帆计划”是哪一年启动的？」: only when asked, and the chosen sentences say no time at all (the close
    # one that did was another sentence of the clause: 「截至目前,累计培育…」)
    timing = c.query.slots & {"date", "duration"}
    if timing and c.query.slots <= {"date", "duration"} and selected \
            and not any(_carries(c, e, name) for e in selected for name in timing):
        return lexicon.get().slot(sorted(timing)[0]).what
    # 「这几年到底引进了多少高层次人才」: how many asked, and no chosen sentence says any number
    # (not how much money beside whether any is given, answered by the grant: ``support_without_amount``)
    if asks_quantity(c.query) and selected and not _grant_asked(c.query) and not any(says_quantity(c.text(e)) for e in selected):
        return "写明具体数字的条款"
    return None


def _grant_asked(q: Query) -> bool:
    """How much beside whether support is given, or whether a sum is written: the grant
    answers (``support_without_amount``), not a number."""
    return "amount" in q.intents and "amount" not in q.slots and (_more_than_how_much(q) or bool(_WRITTEN_ASKED.search(q.asking)))


def figure_only_told(c: Case, selected: list[Evidence]) -> str | None:
    """How many asked, and the only numbers the chosen sentences say are ones
    the question itself tells (「济南那3000亩市级统筹用地指标，分给章丘区的有多少
    亩？」): that is no answer to it."""
    told = told_pieces(c.query.asking)
    if not asks_quantity(c.query) or not selected or _grant_asked(c.query) or not _NUMBER.search(told) or asks_where(c.query.asking):
        return None  # (「写在第几条？」 asks where a provision sits, no number)
    if any(says_quantity(without_numbers(c.text(e), told)) for e in selected):
        return None
    return "写明具体数字的条款"


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def told_pieces(text: str) -> str:
    """The pieces of the question that ask nothing (「济南那3000亩市级统筹用地指标，」), not a
    claim asked to be confirmed (「济南是不是每年不低于20亿」) nor one heard (「会上领导说…20个亿…」)."""
    pieces, asking = pieces_asking(text)
    # (nor one put back to be checked: 「…是市财政自己一家出5个亿吧？」)
    return "".join(x for i, x in enumerate(pieces) if i not in asking and not heard(x) and not CONFIRMING.search(x))


def without_numbers(text: str, said: str) -> str:
    """The text without the numbers ``said`` holds, years aside (3000 of 「那3000亩…」)."""
    numbers = {m.group(0) for m in _NUMBER.finditer(_NOT_A_QUANTITY.sub("", said))}
    return _NUMBER.sub(lambda m: "" if m.group(0) in numbers else m.group(0), text) if numbers else text


def asks_quantity(q: Query) -> bool:
    """How many or how much asked (多少, 几家), in a piece that asks: 「那几个集群大多
    是工信局牵头，…牵头的是哪个部门」 asks no number."""
    lex = lexicon.get()
    pieces, asking = pieces_asking(without_a_few(q.asking))
    return bool(lex.asks_quantity) and any(lex.asks_quantity.search(lex.written(pieces[i])) for i in not_heard(pieces, asking))


def says_quantity(text: str) -> bool:
    """A number said (the lexicon's numbers, amounts and shares; 万亿元), not a
    year or one inside a name (“30佳”, 《…（2023—2025年）》)."""
    return _quantity_in(_NOT_A_QUANTITY.sub("", text))


def says_exact(text: str) -> bool:
    """A figure said in digits (「10189.4亿元」), not only in words of scale
    (「突破万亿元大关」), a year or a name."""
    t = _NOT_A_QUANTITY.sub("", text)
    return bool(re.search(r"\d", t)) and _quantity_in(t)


def _quantity_in(t: str) -> bool:
    lex = lexicon.get()
    return bool(lex.number.search(t) or SCALE_RE.search(t) or lex.slot("amount").carried.search(t)
                or lex.slot("rate").carried.search(t))


def asked_years(q: Query) -> list[int]:
    """The years a question asks about: not those that set the scene or
    name a document, nor when a target was set or a thing said (「2020年定的目标」,
    ``query._SAID_IN``), nor the year of what the asker states before asking
    (「2022年要冲3800亿，那…」)."""
    told = premise_years(q.text) + heard_years(q.text) + guessed_years(q)
    return [y for y in q.years if y not in q.context_years and y not in told]


def guessed_years(q: Query) -> tuple[int, ...]:
    """Years offered as guesses of when a thing was reached (「破万亿是2025年还是
    2026年破的？」): the year the text says it was reached answers, whichever it is."""
    offered = offered_years(q.text) if "actual" in q.slots else []
    return tuple(offered) if len(set(offered)) >= 2 else ()


def offered_years(text: str) -> list[int]:
    """The years of the pieces that offer ways to choose from (「是2023年还是2024年」)."""
    return [int(y) for piece in _OFFERED.findall(text) for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", piece)]


def year_not_selected(c: Case, selected: list[Evidence]) -> str | None:
    """A figure asked for a year (「到2025年软件业收入目标是多少」) and the
    sentences chosen to answer give it for other years only (the 2022 one):
    the other year's figure would pass for it. Not for a support measure,
    whose sentence seldom names the year it is asked for."""
    q = c.query
    years = asked_years(q)
    if "actual" in q.slots:  # 「2025年…目标多少，后来…实际做到了没」: the goal's year, not the one of what was reached
        # (nor one the question only tells: 「…提出2025年工业营收突破万亿，后来…实际哪年突破的」)
        told = told_pieces(q.asking)
        years = [y for y in years if not re.search(rf"{y}\s*年?[^，,。？?；;]{{0,12}}?目标", q.text) and str(y) not in told]
    if not years or q.subsidy or not selected:
        return None
    if states_claim(q, [c.text(e) for e in selected]):
        return None  # 「…50万辆是2025年要达到的…目标吧？」: the sentence that states it says its own year (2024年)
    def dated(e: Evidence) -> str:
        """The sentence, with the year its sentence sets a quoted goal for before it (「到2022年，…研发费用支出
        占业务收入比重达到2%以上」)."""
        y = its_year(c.index.clauses[e.clause_pos].text, e.start, e.end)
        return f"{y.group(0)} {c.text(e)}" if y else c.text(e)

    # (read so where a goal's year is asked, 「到2025年要达到多少」; not the year a goal was set, 「2020年给…定的目标」)
    target = any(re.search(rf"(?:到|至)\s*{y}\s*年", q.text) for y in years)
    said = " ".join(map(dated, selected)) if target else " ".join(c.text(e) for e in selected)
    # a share or sum asked for that year: the year of the sentence that states it (「到2025年…占比目标」, not
    # a 2025 sentence beside the 2022 one that states the share)
    figured = [e for e in selected if any(_carries(c, e, n) for n in q.slots & {"rate", "amount"})]
    if any(str(y) in (" ".join(map(dated if target else c.text, figured)) if figured else said) for y in years):
        return None
    if not _YEAR_AT.search(said):
        # 「济南2024年工业增加值占GDP比重是多少」 and only a goal of no year (「…提高到30%以上」
        # under 发展目标): the goal is no figure of that year
        paths = [h for e in selected for h in c.index.clauses[e.clause_pos].path]
        if (asks_quantity(q) and not asks_goal(q.asking) and states_goal(said, paths)
                and not _YEAR_AT.search(" ".join(paths)) and not re.search(r"目标|要求|计划|规划|打算|定(?:的|了)|要|将|争取|力争|(?:到|至)\s*20\d{2}", q.asking)):
            return f"{'、'.join(f'{y}年' for y in years)}的实际数字（相关条款只有文件定下的目标）"
        return None
    return f"关于{'、'.join(f'{y}年' for y in years)}的相关内容"


_NAME = r"[^\d、，,。；;：:（）()《》\s]{2,16}"  # a thing named, not a figure
_LIST = re.compile(rf"{_NAME}(?:、{_NAME})*(?:(?:、|和|及|与){_NAME})")  # two or more of them
_DUTY_NOTE = re.compile(r"[（(][^（()）]*(?:牵头单位|责任单位)[^（()）]*[）)]")
_PART = re.compile(r"(?:^|(?<=[。；;\s]))([一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[）)])")  # 一是…, （一）…


_MEASURES = "家个所项只座位条大类块种"  # the measure words a count of named things is said in


def _names_some_of(said: str, count: int) -> int:
    """How many names a 、-list gives that closes with 等 and the count asked
    (「信息技术创新、集成电路、…、防疫物资等 17 条重点产业链」: 10 of 17); 0 when none does."""
    for m in re.finditer(rf"((?:[^、，,。；;：:（）()\s]{{2,12}}、){{2,}}[^、，,。；;：:（）()\s]{{2,12}})等\s*{count}\s*(?:余|多)?\s*[{_MEASURES}]", said):
        named = len(m.group(1).split("、"))
        if named < count:
            return named
    return 0


def names_partly_given(c: Case, selected: list[Evidence]) -> str | None:
    """「到底是哪17条？」 and the sentence names ten of them before 「等17条」: the
    answer quotes them and says the rest are not named."""
    count = asked_count(c.query.asking)
    if count is None and "list" in c.query.intents:  # 「要突破的17条重点产业链都有哪些」: the count the question says
        m = re.search(rf"(\d+)\s*[{_MEASURES}]", c.query.asking)
        count = int(m.group(1)) if m else None
    if count is None or count < 2 or not selected:
        return None
    said = _DUTY_NOTE.sub("", " ".join(c.text(e) for e in selected))
    named = _names_some_of(said, count)
    return f"其余的名称（条文只列出{count}个中的{named}个）" if named else None


def names_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """「具体是哪两个行业」: things asked for by name, and no chosen sentence
    names as many (a 、-list of names, not of figures; the 责任单位 note
    aside), nor does the answer run through the parts of a numbered run
    (一是…，二是…). A sentence that only says how many there are (「培育2条过
    千亿元、15条过百亿元产业链」), or a shorter list of other things beside
    「13条标志性产业链」, restates the question; say the documents do not name
    them. Not for departments: who is responsible is said in a 责任单位 line."""
    count = asked_count(c.query.asking)
    if count is None or count == 1 or not selected:
        return None
    if "department" in c.query.intents or "department" in c.query.slots:
        return None
    said = _DUTY_NOTE.sub("", " ".join(c.text(e) for e in selected))
    # the sentence that counts them (「4家省级经济开发区在全省考核中获评一等」) is where they are named,
    # not a list of other things further on in the passage
    # (of the thing asked, where the question names it: 「哪三个行业」 is not counted by 「省实验室3家」)
    noun = re.search(r"哪\s*(?:[几两二三四五六七八九十]|\d{1,2})\s*[家个所项只座位条大类块种]\s*([\u4e00-\u9fff]{2})", c.query.asking)
    of_noun = rf"[^，,。；;]{{0,8}}?{noun.group(1)}" if noun else ""
    counting = [x for x in re.split(r"(?<=[。；;！!？?])", said)
                if count >= 2 and re.search(rf"(?<!\d){count}\s*(?:余|多)?\s*(?:家|个|所|项|只|座|位|条|大|类|块|种){of_noun}", x)]
    said = " ".join(counting) or said
    if len(set(_PART.findall(said))) >= 2:
        return None  # the parts of a numbered run, each named (一是…，二是…)
    if _names_some_of(said, count):
        return None  # 「A、B、…J等17条重点产业链」: named in part, which ``names_partly_given`` notes
    if not counting and _names_all_of_another_count(said):
        return None  # 「有5个区县评上了，是哪5个」 and 「A、B、C3个区县获评…」: all named, by the count the text gives
    kind = _asked_kind(c.query.asking)
    lists = [m for m in _LIST.finditer(said) if kind is None or _names_kind(said, m, kind)]
    most = max((len(re.findall(r"、|和|及|与", m.group(0))) + 1 for m in lists), default=0)
    # 「“231”产业集群(高端装备、高端化工优势产业集群,新一代信息技术、…,医药产业集群)」: a bracketed run of
    # groups names them all
    if kind is None:
        most = max([most, *(len(re.split(r"[、，,]|和|及|与", m.group(1))) for m in _BRACKETED.finditer(said))])
    return None if most >= max(count, 2) else f"写明具体是哪些{kind or ''}的条款"


_COUNTED_LIST = re.compile(rf"({_NAME}(?:、{_NAME})+)(\d+|[两二三四五六七八九十])\s*(?:个|家|所|项|条|大|类|座|位)")


def _names_all_of_another_count(said: str) -> bool:
    """A list the text closes with its own count, naming as many as it counts
    (「章丘区、莱芜区、历城区3个区县」)."""
    for m in _COUNTED_LIST.finditer(said):
        n = int(m.group(2)) if m.group(2).isdigit() else cn_int(m.group(2))
        if n >= 2 and len(m.group(1).split("、")) == n:
            return True
    return False


_BRACKETED = re.compile(r"[（(]([^（()）]{4,160})[）)]")


def _asked_kind(question: str) -> str | None:
    """The kind of institution asked for by name (「哪几家银行」, 「哪几家服务商」; the
    lexicon's ``institutions``: not 企业 or 行业, whose names seldom end in the word)."""
    kinds = lexicon.get().institutions
    m = re.search(rf"哪(?:几|些|[二三四五六七八九十两\d]{{1,2}})?\s*(?:家|个|所)?\s*({kinds.pattern})", question) if kinds else None
    return m.group(1) if m else None


def _names_kind(text: str, m: re.Match[str], kind: str) -> bool:
    """The list names things of the kind asked: its items are of it (工商银行、建设银行 for 银行)
    or it stands by the word (「服务商：甲、乙」, 「甲、乙等服务商」)."""
    items = re.split(r"、|和|及|与", m.group(0))
    return (sum(x.endswith((kind, kind[-1])) for x in items) >= 2
            or bool(re.search(re.escape(kind) + r"\s*(?:[：:（(]|包括|有|为|是)\s*$", text[max(0, m.start() - 12):m.start()]))
            or bool(re.match(r"\s*等?\s*(?:\d+\s*[家个所])?\s*" + re.escape(kind), text[m.end():])))


_COUNT_WORD = re.compile(r"数量|数目|个数|家数")


# the money a level word names (市级…资金: the city's own), with nothing it is given for between them
_LEVEL_OF_MONEY = re.compile(r"(?:(?!创新中心|中心|实验室|工厂|园区|基地|示范|冠军|平台|品牌|集群|企业|项目|机构|人才)[^，,。？?]){0,10}?"
                             r"(?:资金|基金|财政|预算|经费)")


def level_not_counted(c: Case, selected: list[Evidence]) -> str | None:
    """How many of one level asked (「国家级单项冠军培育多少个」), and the chosen
    sentences count only a range of levels (「省级以上制造业单项冠军企业120家」:
    the 国家级 ones among them) or other levels: that level's own count is
    not given. A measure for 省级以上 does hold for 国家级; a count of them
    does not, but it does count 省级 ones when 省级 is asked (the range starts
    there: 「想弄个省级的研发平台…建成几家」)."""
    # the level asked, not one the asker tells of themself (「我们公司去年刚评上省级专精特新，…算不算在里面」)
    asking = untold(c.query.asking)
    asked = list(LEVEL_RE.finditer(asking))
    money_asked = "amount" in c.query.intents  # 「区县级认定的研发机构，有没有钱拿」
    if len(asked) != 1 or asked[0].group(2) or not selected \
            or not (counted(c.query.asking) or _COUNT_WORD.search(c.query.asking) or money_asked
                    or ("target" in c.query.intents and not CONFIRMING.search(c.query.asking))):
        # (「…平台，规划里写的是省级…平台对吧？」: a level to confirm, not a target's count asked)
        return None
    if LEVEL_PAIR.search(c.query.asking):
        return None  # 「国家和省级研发平台要达到多少家」: the pair is what is asked
    if _COUNTS_TOO.search(asking[asked[0].end():]):
        return None  # 「区里认定的算不算数」: whether that level counts, which the levels the text names answer
    if money_asked and _LEVEL_OF_MONEY.match(asking[asked[0].end():]):
        return None  # 「两边市级每年的工业发展扶持资金多大规模」: whose money it is, not a level of what it is given for
    level = asked[0].group(1)
    said = " ".join(c.text(e) for e in selected)
    thing = None if money_asked else c.counted
    if thing:
        # the phrases that name the thing counted (「…创新平台总数超过900家,每年实施山东省技术创新项目超过900项」:
        # 省级以上 is said of the 平台, not of the 项目 asked)
        own = [p for e in selected for p in _PHRASE.split(c.text(e)) if any(x in p for x in alternatives(thing))]
        said = " ".join(own) or said
    # (level, 以上 or not, as written): 省级以上, and 省 of 「建设省制造业创新中心2家」
    pairs = list(LEVEL_PAIR.finditer(said))  # 国家和省级研发平台: the two together
    named = [(m.group(1), bool(m.group(2)), m.group(0)) for m in LEVEL_RE.finditer(said)
             if not any(p.start() <= m.start() < p.end() for p in pairs)] + \
            [(m.group(2), True, m.group(0)) for m in pairs] + \
            [(m.group(1), False, f"{m.group(1)}级") for m in HONOUR_LEVEL.finditer(said)]
    if not named or any(lv == level for lv, _, _ in named):
        return None  # 省级 asked, 「省级及以上…6家」 said: a range that starts at the level asked counts it
    if money_asked and any(up and LEVEL_RANK[lv] <= LEVEL_RANK[level] for lv, up, _ in named):
        return None  # 市级以上 holds for 国家级
    what = "扶持标准" if money_asked else "数量" if not _GOAL_ONLY.search(c.query.asking) else "目标"
    return f"单列{level}级的{what}（相关条款给的是{'、'.join(dict.fromkeys(w for _, _, w in named))}的）"


_GOAL_ONLY = re.compile(r"目标(?!.*(?:多少|几))")
_COUNTS_TOO = re.compile(r"^[^，,。？?]{0,8}?(?:算不算|算数|也算|能不能算|可不可以算|算吗|行不行|认不认)")


# (no verb or measure word inside: 「在市中区建个智算中心」 names no department)
DEPARTMENT_NAMED = re.compile(r"(?:市|区|县|省)(?:(?![个建搞做弄开办想要在把给的了])[\u4e00-\u9fff]){2,10}?(?:局|委员会|委|办公室|办|厅|中心)")
_ROLE_ASKED = re.compile(r"负责|职责|分工|承担|管(?:哪|什么|啥)|干(?:什么|啥)|做(?:什么|啥)|哪(?:一)?(?:块|部分|些工作)")
_COLLECTIVE = re.compile(r"有关|相关|各")
_DEPT_KIND = re.compile(r"^(?:市|区|县|省)|(?:局|委员会|委|办公室|办|厅|中心)$")


def _same_department(asked: str, listed: str) -> bool:
    """市发改委 is 市发展改革委, 市工信局 市工业和信息化局: the asked name's
    characters, without its level and kind, in order in the listed one."""
    core, it = _DEPT_KIND.sub("", asked), iter(_DEPT_KIND.sub("", listed))
    return bool(core) and all(ch in it for ch in core)


def named_departments(question: str) -> list[str]:
    """The departments a question names and asks the part of (「市应急局跟市工信局
    一起负责的是哪一项」); [] when it asks no department's role."""
    found = list(DEPARTMENT_NAMED.finditer(question))
    if not found or not _ROLE_ASKED.search(question[found[-1].end():]):
        return []
    return [m.group(0) for m in found]


def lists_department(clause, asked: str) -> bool:
    """The clause's 牵头/责任单位 include the department ``asked``."""
    return any(_same_department(asked, d) for d in (*clause.lead, *clause.responsible))


def department_not_listed(c: Case, selected: list[Evidence]) -> str | None:
    """What a named department does under a measure (「市税务局承担哪些具体职责」),
    and the chosen clauses list their 牵头/责任单位 without it (and without a
    collective 各有关部门 that may hold it): the documents give it no part there."""
    m = DEPARTMENT_NAMED.search(c.query.asking)
    if not m or not _ROLE_ASKED.search(c.query.asking[m.end():]) or not selected:
        return None
    idx = c.index
    listed = [d for e in selected for d in (*idx.clauses[e.clause_pos].lead, *idx.clauses[e.clause_pos].responsible)]
    if not listed or any(_COLLECTIVE.search(d) for d in listed) or any(_same_department(m.group(0), d) for d in listed):
        return None
    return f"{m.group(0)}在这项工作中的分工（该条列出的责任单位是{'、'.join(dict.fromkeys(listed))}）"


_HOW_MANY = re.compile(r"(?<![好哪那这十二三四五六七八九百千万两一\d“「『\x22])(?:多少|(?<![他它的外第])几)\s*(?:个(?!\s*(?:亿|万|百分点))|家|座|台|辆|项|所|户|条|P|p|人|名|位|栋|套|只)")  # 几个亿: a sum
_SCOPE = re.compile(r"全市|全省|全区|全县|全国|现在|目前|如今|当时")
_COUNT_FILLER = re.compile(r"(?:要|能|可以|计划|目标|具体|单独|一共|总共|到底|大概|预计|累计|实际上?|已经|已|合计|总计|建成|建设|建|打造|培育|培养|准备|打算|达到|认定|引进|新增|"
                           r"想|弄|搞|冒出来|冒出|出来|整|造|生产|卖|销售|落地|落实|实施|推进|完成|开工|投产|上马|获批|入选|评上|"
                           r"有|是|定了|定|要求|做到|突破|到|了|的|数量|总数|个数|规模|(?:到|至)?\s*20\d{2}\s*年(?:底|前)?|\s)+$")


_CLEARS = r"\s*(?:过|超过?|超出|达到?|破|上)\s*(?:[一二两三四五六七八九十百千万亿]|\d)"  # 营收过亿: a bar cleared
_ASKS_WHETHER_SET = re.compile(r"(?:定|给|提|写|设)(?:了)?(?:数量|数|目标|指标)(?:了)?(?:没|吗|没有|么)")
_DESCRIBED = re.compile(r"(?:那种|这种|那类|这类|那样的|这样的|那些|这些)")  # a kind described after 多少家
_COUNT_GOAL = re.compile(r"^的?(?:培育|发展|建设|引进|认定)?(?:目标|任务|计划|指标)(?:数)?(?:是|为)?")


PHRASE = 8  # a spoken match this long is a phrase that stands for its written words (not a word beside others)


def cut_spoken(text: str, tokens: list[str]) -> list[tuple[str, list[str]]]:
    """The spoken words of ``text`` that the lexicon expands and the tokenizer
    does not keep whole (冲上10个亿 -> 冲, 上10; a one-character 奖), each with
    the written words it expands to."""
    return [(m.group(0), said.split()) for pat, said in lexicon.get().expansions for m in pat.finditer(text)
            if len(m.group(0)) == 1 or m.group(0) not in tokens]


_HOW_OFTEN = re.compile(r"(?:多久|多长时间|几年|几个月)[^，,。？?]{0,4}?一次|频率|频次|多频繁")
_OFTEN_SAID = re.compile(r"每(?:年|季度?|月|半年|周)|按(?:年度?|季度?|月)")  # (not 定期, which says no how often)


def counted_thing(c: Case) -> str | None:
    """The thing a how-many question counts (「淄博到2025年5G基站要建多少个」:
    基站), as the rarest word of the words right before 多少个 that the
    documents use; None when the question counts nothing it names there."""
    pieces, asking = pieces_asking(lexicon.get().written(without_a_few(c.query.asking)))
    at = next((i for i in asking if _HOW_MANY.search(pieces[i])), None)
    if at is None:
        return None
    piece = pieces[at]
    m = _HOW_MANY.search(piece)

    def named(text: str) -> list[str]:
        # (not a word for the count itself: 「规上工业企业个数呢」 counts the firms)
        tokens = [w for w in topic_words(c.index, text) if not _FIGURE_WORD.fullmatch(w) and not _COUNT_WORD.fullmatch(w)]
        # 「信号站一共铺了多少个」: a spoken word the tokenizer cuts apart (信号, 站) counts what it is written as (基站)
        cut = {said: written for said, written in cut_spoken(text, tokens)}
        replaced = {said: [w for w in tokens if w in said and w != said] for said in cut}
        words = [w for w in tokens if not any(w in ws for ws in replaced.values())]
        words += [x for said, written in cut.items() if replaced[said] for x in written if x not in words and known(c.index, x)]
        words = [w for w in words if any(known(c.index, x) for x in alternatives(w))]
        kinds = lexicon.get().all_kind_words()  # 「评估报告里…多少家」: the document named counts nothing
        return [w for w in words if not _SCOPE.fullmatch(w) and not any(w in p.name for p in c.query.places)
                and not any(w in k for k in kinds if len(k) >= 2)]

    def head(text: str) -> str:
        # 「营收过亿的企业」: what follows 的 is the thing (a closing 呢 aside: 「那规上工业企业个数呢」)
        return _COUNT_FILLER.sub("", re.sub(r"[呢吗吧啊呀]+$", "", text)).rsplit("的", 1)[-1]
    # 「多少家国家级绿色工厂」: the thing after the count; 「5G基站要建多少个」: before it
    after = re.split(r"[？?！!。]", piece[m.end():])[0]
    # 「…企业定了多少家的培育目标」: what follows is the count's goal, not the thing counted
    after = _COUNT_GOAL.sub("", after)
    if _DESCRIBED.match(after):
        # 「多少家那种规模不大、但在某一行特别专业的小公司」: a kind described to its end, whose head is the thing
        written = "".join(pieces[at:])
        after = head(re.split(r"[？?！!。]", written[written.index(after):])[0])
    # 「几条产业链的规模上千亿」: the thing is what comes before 的, the rest says which of them
    # (not a spoken phrase the lexicon knows as one thing: 「电动的汽车」 is 新能源汽车, not 电动)
    head_noun = after.split("的")[0]
    if "的" in after and len(_HAN.findall(head_noun)) >= 2 and not any("的" in spoken for spoken, _ in written_for_spoken(after)):
        after = head_noun
    if len(_HAN.findall(after)) >= 2:
        words = named(after)  # 「多少家企业」: a plain word counts nothing in particular
    else:
        before = re.split(r"[。；;！!？?]", piece[:m.start()])
        # (what the asker says of themself before 想知道 is not counted: 「我们作为链主企业想知道百亿级的有几条」)
        before[-1] = wanted(before[-1])
        words = named(head(before[-1]))[-2:]
        own = _HAN.search(_COUNT_FILLER.sub("", before[-1]))  # 「营收过亿的企业要有几家」: a plain thing, not one named before
        if not words and not own and len(before) == 1 and at > 0 and (at - 1 not in asking or _ASKS_WHETHER_SET.search(pieces[at - 1])):
            # 「济南的高企数量，到2022年要达到多少家」: named in the clause before (or in a question before it whether a
            # number was set at all: 「淄博方案给5G基站定数量了没？到2025年要建多少个」)
            words = named(head(pieces[at - 1]))[-2:]
    if not words:
        return None
    thing = max(words, key=lambda w: idf(c.index, w))
    return max((w for w in words if thing in w), key=len)  # 小巨人, not 巨人 of it


def _count_asked(c: Case, selected: list[Evidence], *, side: bool = False) -> str | None:
    """The thing a how-many question counts, when the count checks apply:
    not to amounts or rates; to a comparison only as one ``side`` of it (a
    part that names one place: 「济宁到2025年要建成多少家绿色工厂」)."""
    q = c.query
    if not selected or {"amount", "rate"} & q.slots or ("comparison" in q.intents) != side:
        return None
    if side and len({p.name for p in find_places(q.asking)}) != 1:
        return None
    return c.counted


def count_absent_from_side(c: Case, selected: list[Evidence]) -> str | None:
    """A side of a comparison asked how many of a thing (「济宁到2025年要建成多少家
    绿色工厂」) whose documents never name that thing: the side is not answered
    with the other side's count or a count of something else."""
    thing = _count_asked(c, selected, side=True)
    if thing is None or _COUNT_FILLER.fullmatch(thing):
        return None  # (数量 of 「…的数量目标上是多少家」 names no thing)
    idx = c.index
    text = _documents_text(idx, {idx.clauses[e.clause_pos].doc_id for e in selected})
    # the word itself or its full form (高企: 高新技术企业), not the looser words the lexicon expands it to;
    # a name is said with or without its quotes (专精特新“小巨人”)
    names = [thing] + ["".join(full) for short, full in lexicon.get().abbreviations if short == thing]
    if any(fold_text(x) in text or fold_text(x) in _QUOTES.sub("", text) for x in names):
        return None
    return f"关于「{thing}」数量的条款"


def figure_absent_from_side(c: Case, said: str = "") -> str | None:
    """A side of a comparison asked how many or what share it sets (「绿色工厂
    创建数量目标分别定了多少」, 「工业投资占比目标分别定了多少」; ``said``: the
    question as asked of this side) of which no close sentence puts a number
    in the phrase that names the subject's rarest word: 济宁's document never
    speaks of 绿色工厂, 市中区's says its 工业投资 share 「逐步提高」 and counts
    projects in the next phrase. The side is named as not giving it, not
    quoted with a figure of something else. Sums of money are held to their
    own slots."""
    q = c.query
    # (of the side's own piece: 「…表彰了多少企业？济宁又设了哪些称号？」 asks 济宁 no number)
    if {"amount", "rate"} & q.slots or "amount" in q.intents or not asks_quantity(replace(q, ask=said) if said else q) or not c.evidence:
        return None
    asked = fold_text(untold(said or q.asking))  # (not 「我们营收刚过亿。」: what the asker tells of themself)
    # not a word of a document's name (「淄博先进制造业强市方案」: 制造业 names the document)
    titles = [m.group(0) for k in _KINDS.findall(asked) for m in re.finditer(rf"[\u4e00-\u9fff]{{2,12}}{k}", asked)]
    # a word of three characters or more: a thing named (绿色工厂), not a verb or measure of it (创建, 数量)
    # (not a word of counting: 个数 of 「5G基站的个数」)
    named = [w for w in c.subject() if known(c.index, w) and w in asked and not any(w in t for t in titles) and not _COUNT_FILLER.fullmatch(w)]
    # (not the measure of a bar the thing clears: 营收 of 「营收过亿的工业企业」 says which firms are counted)
    named = [w for w in named if not re.search(re.escape(w) + _CLEARS, asked)] or named
    # else a two-character name of a thing, the question's only words for it (「5G基站目标是多少」: 基站), not a scope (全市)
    words = [w for w in named if len(w) >= 3] or [w for w in named if re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and not w.startswith(("全", "各"))]
    if not words:
        return None
    key = max(words, key=lambda w: idf(c.index, w))
    # (its short forms, and what the lexicon gives as the same thing: 研发平台 for 创新平台; and, of the key said
    # together with another of its words, what the lexicon writes that as: 研发投入, written 研发费用)
    said_with = [a + b for a in named for b in named if a != b and key in (a, b) and a + b in asked]
    names = list(dict.fromkeys([key, *("".join(full) for short, full in lexicon.get().abbreviations if short == key),
                                *(x for x in alternatives(key) if len(x) >= len(key)), *(x for w in said_with for x in alternatives(w))]))
    # a two-character word that qualifies the thing named after it (专项 of 「专项资金」): the thing is named by
    # that word too (「工业发展扶持资金」 is a 资金 the side sets a sum for)
    head = re.search(re.escape(key) + r"([\u4e00-\u9fff]{2})", asked) if len(key) == 2 else None
    if head and head.group(1) not in lexicon.get().generic_words:
        names.append(head.group(1))
    # a compound said with words between its parts (医药产业 in 「生物医药和大健康产业规模…」)
    pieces = compound_words(key) if len(key) >= 4 else []
    split = re.compile(".{0,8}?".join(map(re.escape, pieces))) if len(pieces) >= 2 else None
    unit = counted(q.asking)  # 「分别定了多少家」: a count in 家, not a profit rate of 6%
    def names_it(text: str) -> bool:
        return any(x in text for x in names) or bool(split and split.search(text))

    for e in c.close():
        heading = fold_text(" ".join(c.index.clauses[e.clause_pos].path))
        if names_it(heading) and (unit.search(fold_text(c.text(e))) if unit else says_quantity(fold_text(c.text(e)))):
            return None  # 「(六)医药产业集群 › 1. 发展目标」: what its sentences set is of the thing it names
        phrases = _PHRASE.split(fold_text(c.text(e)))
        for k, phrase in enumerate(phrases):
            # its own phrase or the next (「…四大支柱产业集群，规模总量达到万亿级」)
            said_of = phrase + "，" + (phrases[k + 1] if k + 1 < len(phrases) else "")
            if names_it(phrase) and (unit.search(said_of) if unit else says_quantity(said_of)):
                return None
    return f"关于「{key}」数量的条款" if unit else f"关于「{key}」的具体数字"


_PHRASE = re.compile(r"[，,。；;：:\n]")  # 「创建市级以上绿色工厂 200 家以上」 is one phrase
_KINDS = re.compile("方案|意见|计划|报告|通知|办法|细则|措施")  # a document named by its kind


def count_not_of_subject(c: Case, selected: list[Evidence]) -> str | None:
    """How many of a thing asked (「高新技术企业…目标多少家」), and no chosen
    sentence that states a number speaks of that thing (the answer would be
    the count of 专精特新 or of 创新中心): the documents do not give it."""
    thing = _count_asked(c, selected)
    if thing is None:
        return None
    # a name the question quotes (专精特新“小巨人”企业) is that name, not the words the lexicon gives for it
    # (and only the lexicon's words as specific as it: 绿色工厂 is not counted by a sentence under 「绿色发展…行动」)
    names = (thing,) if re.search(rf"[“\"「『]{re.escape(thing)}[”\"」』]", c.query.asking) else \
        tuple(x for x in alternatives(thing) if len(x) >= min(len(thing), 3))
    for e in selected:
        # (专精特新小巨人 asked, 专精特新“小巨人”企业 written: the name with its quotes)
        text, own = _QUOTES.sub("", fold_text(c.near_text(e))), _QUOTES.sub("", fold_text(c.text(e)))
        if not _counts(own) or not (any(x in text for x in names) or _split_name(thing, own)) or _listed_apart(own, names):
            continue
        if not any(x in own for x in names) and _listed_apart(text, names) and _counts_its_own(own):
            continue  # 「大力培育…、专精特新“小巨人”企业。…累计培育专精特新中小企业500家」: named before, another thing counted
        return None  # a count near it: whether it is its own is ``count_only_of_group``'s to say
    return f"关于「{thing}」数量的条款"


_QUOTES = re.compile(r"[“”\"「」『』‘’]")


def _split_name(thing: str, text: str) -> bool:
    """A four-character thing said with a word between its halves (数字骨干企业 asked,
    「重点骨干数字企业40家」 written)."""
    return len(thing) == 4 and bool(re.search(re.escape(thing[:2]) + r"[\u4e00-\u9fff]{1,4}?" + re.escape(thing[2:]), text))


def _counts_its_own(sentence: str) -> bool:
    """A clause of the sentence names what its figure counts (「累计培育…中小企业500家」),
    rather than counting what the sentence before named (「到2026年累计达到15个」)."""
    for clause in re.split(r"[，,；;。]", sentence):
        m = re.search(r"\d", clause)
        if m and _counts(clause) and _HAN.search(_COUNT_FILLER.sub("", re.sub(r"(?:到|至)?\s*20\d{2}\s*年", "", clause[:m.start()]))):
            return True
    return False


def _listed_apart(sentence: str, names: tuple[str, ...]) -> bool:
    """The thing is named in the sentence only in a 、-list with no figure, and the
    sentence's figure is in another of its clauses (「商用车、乘用车并驾齐驱,2024年全市
    新能源汽车产量达到50万辆」 for 乘用车): the figure counts something else."""
    mine = [cl for cl in re.split(r"[，,；;。]", sentence) if any(x in cl for x in names)]
    return bool(mine) and all("、" in cl and not says_quantity(cl) for cl in mine)


_PERIODIC = re.compile(r"每(?:年|个?月|季度?|天|日)")


def heard_unsaid(question: str, quoted: list[str], named: tuple[int, ...] = ()) -> str | None:
    """A figure the asker has heard (「听说…每家直接奖500万元」) that none of
    the quoted sentences says (the 500万元 of another measure elsewhere does
    not bear it out): the answer stands on what the text gives, with a note
    that the text does not give that figure. Years in ``named`` name a
    document (「听说区政府2024年出了个…行动计划」), not a figure's year."""
    figures = heard_figures(question)
    years = [y for y in heard_years(question) if y not in named]
    # how often it is paid, heard (「…以后每年都能领一笔补贴」), that no quoted sentence says
    units = list(dict.fromkeys(u for x in heard_pieces(question) for u in _PERIODIC.findall(x)))
    if not (figures or years or units) or not quoted:
        return None
    said = "".join(fold_text(t) for t in quoted)
    unsaid = [f.said if f.said == f"{f.number}{f.unit}" else f"{f.said}（{f.number}{f.unit}）" for f in figures if not says_heard(f, said)]
    # a year heard (「听说…到2025年…」) that the quoted sentences do not set it for
    years_unsaid = [f"{y}年" for y in dict.fromkeys(years) if str(y) not in said.replace(" ", "")]
    # (「…补300万是吧？」: what the asker says, not heard; 「报道称…」: what a text says)
    how = "听说的" if heard(question) and not WRITTEN_SOURCE.search(question) else "所说的"
    units_unsaid = [u for u in units if u not in said and f"/{u[1:]}" not in said]
    notes = ([f"{how}「{'、'.join(unsaid)}」（相关条款中没有这一数额）"] if unsaid else []) + \
        ([f"{how}「{'、'.join(years_unsaid)}」（相关条款没有写这一年份）"] if years_unsaid else []) + \
        ([f"{how}「{'、'.join(units_unsaid)}」（相关条款没有写按{'、'.join(u[1:] for u in units_unsaid)}给）"] if units_unsaid else [])
    return "；".join(notes) or None


_UNIT_OF = {"万亿元": "万亿", "万亿": "万亿", "万元": "万(?!亿)", "万块": "万(?!亿)", "万": "万(?!亿)", "亿元": "亿", "亿": "亿", "%": "%|％", "％": "%|％", "元": "元", "块": "元"}


def says_heard(f: HeardFigure, text: str) -> bool:
    """``text`` (folded) says the figure the asker heard, in its unit (500万 as 500 万元)."""
    if re.search(rf"(?<![\d.]){re.escape(f.number)}(?:{_UNIT_OF[f.unit]})", text.replace(" ", "")):
        return True
    # (a sum the text writes in characters: 千亿元 for 1000亿, 十亿元 for 10个亿)
    scale = {"万亿": 10**12, "万亿元": 10**12, "亿": 10**8, "亿元": 10**8}.get(f.unit)
    return bool(scale and f.number.isdigit() and int(f.number) * scale in scales(text))


def count_only_of_group(c: Case, selected: list[Evidence]) -> str | None:
    """The thing counted is in a chosen sentence that states a number, but
    only as one item of a 、-list with no figure of its own (「专精特新企业、
    创新型中小企业、瞪羚、…等优质企业达到300家以上」 for 瞪羚): the answer
    stands, with a note that the documents count the group, not the thing."""
    thing = _count_asked(c, selected)
    if thing is None or _GROUP_ASKED.search(c.query.asking):
        return None  # 「专精特新、瞪羚这些优质企业」: the group's count is what is asked
    names = alternatives(thing)
    counting = [e for e in selected if _counts(c.text(e)) and any(x in fold_text(c.near_text(e)) for x in names)]
    if counting and all(_only_listed(fold_text(c.text(e)), names) for e in counting):
        return f"「{thing}」单独的数量（以下条款给出的是与其他项合计的数字）"
    return None


_GENERATION = re.compile(r"\d+\s*[Gg](?![A-Za-z])")  # 5G names a network, counts nothing


def _counts(text: str) -> bool:
    """The text states a number of something (not 5G)."""
    return says_quantity(_GENERATION.sub("", text))


_GROUP_ASKED = re.compile(r"、|这些|这几类|等(?:企业|单位|项目)|合计|加起来|一共|总共")


def _only_listed(sentence: str, names: tuple[str, ...]) -> bool:
    """The thing is named in the sentence only as one item of a 、-list that
    holds no figure of its own (「打造工业互联网标杆工厂、晨星工厂、5G全连接工厂」;
    「专精特新企业、…、单项冠军等优质企业达到300家以上」: the count is the
    group's), and the items are not given their figures in turn (分别)."""
    if "分别" in sentence:
        return False
    seen = False
    for clause in re.split(r"[，,；;。]", sentence):
        if not any(x in clause for x in names) or not says_quantity(clause):
            continue  # a mention without a figure says nothing either way
        items = clause.split("、")
        if len(items) < 2:
            return False  # named outside a list: its clause speaks of it
        for item in items:
            if any(x in item for x in names):
                if _counts(item):
                    return False  # 「国家级绿色工厂31家、省级41家」: its own figure
                seen = True
    return seen


_PART_OF = re.compile(r"(?P<whole>[^，,。？?！!；;]{2,24}?)(?:里|里面|里头|[，,]?\s*(?:当中|其中|之中))[，,\s]*(?:(?P<part>[^？?。！!，,\s]{2,24})"
                      r"(?:占|有|是|给|切|分|拿)[^？?。！!，,\s]{0,4}?(?:多少|几|多大|多高)"
                      # 「…专项资金里，多少钱专门用于贷款贴息」: how much first, then the part
                      r"|(?:有)?多少(?:钱|资金)?(?:是)?(?:专门)?(?:用于|用在|用来|给|投向|投入)(?P<part2>[^？?。！!，,\s]{2,24})"
                      # 「…基金里，给新材料企业留多少额度」: the part after 给, then how much
                      r"|(?:专门)?(?:给|划给|分给|留给)(?P<part3>[^？?。！!，,\s]{2,16}?)(?:留|分|划|拨|安排|切)(?:出)?(?:了)?(?:多少|几))")
def _part(m: re.Match[str]) -> str:
    return m.group("part") or m.group("part2") or m.group("part3")


def _said_part(m: re.Match[str]) -> str:
    """The part as the question names it, without the words that only hedge (大概, 能)."""
    return re.sub(r"(?:能|要|会|得|可以|大概|大约)+$", "", _part(m))


_A_WHOLE = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+(?:个|万|亿)|资金|基金|总|盘子|产量|规模")


def share_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """One party's share of a fund asked (「市级财政要出资多少」, 「市里跟县里各出多少」)
    where the chosen sentences say only that the parties fund it together (市县共同出资,
    a total of 5亿元): the documents give the whole, not each one's part."""
    lex = lexicon.get()
    if not lex.joint_fund or not selected or not lex.joint_fund[0].search(lex.written(c.query.asking)):
        return None
    _, together, split = lex.joint_fund
    texts = [c.text(e) for e in selected]
    if len({p.city or p.name for p in c.query.places}) >= 2 and any(money_in(t) and not together.search(t) for t in texts):
        return None  # 「济南和济宁，每年各拿多少钱」: 各 is each city, and a sum one of them gives alone answers
    if money_in(texts[0]) and not together.search(texts[0]):
        return None  # 「那济宁呢，市里拿出来多少？」: the best sentence is a sum the city gives alone (2亿元专项资金)
    if any(together.search(t) for t in texts) and not any(split.search(t) for t in texts):
        return "各出资方分别出资的数额（条文只写共同出资及总规模）"
    return None


def part_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """A part of a whole asked (「济宁那2亿元专项资金里，给技术改造的有多少」,
    「几十万辆新能源车里，乘用车有多少辆」) where the chosen sentences name the
    part only in a list of what the whole covers (「主要用于技术改造、贷款贴息、
    …」), with no figure of its own: the documents give the whole, not the part."""
    written = lexicon.get().written
    # 「其中乘用车有多少」 after 「…新能源汽车产量多少辆」: the whole is in the question before
    m = _PART_OF.search(written(c.query.asking)) or (_PART_OF.search(written(c.query.standalone)) if c.query.followup else None)
    if not m or not selected:
        return None
    # 「济南2020年那个实施意见里，…给多少」 names a document, not a whole to share out
    kinds = [*lexicon.get().all_kind_words(), "文件"]
    whole = re.sub(r"(?<!\d)20\d{2}\s*年?", "", m.group("whole"))
    if not _A_WHOLE.search(whole) or any(whole.rstrip("的中内").endswith(k) for k in kinds):
        return None
    said = fold_text(" ".join(c.text(e) for e in selected))
    words = [w for w in topic_words(c.index, _part(m)) if known(c.index, w) and not _FIGURE_WORD.fullmatch(w)
             and any(x in said for x in alternatives(w))]
    if not words:
        # 「那300亿营收里，石墨烯能占多少」: the chosen sentences give the whole asked (its figure)
        # and never name the part, a thing the documents do speak of elsewhere
        named = [w for w in topic_words(c.index, _part(m) or "") if known(c.index, w)
                 and not _FIGURE_WORD.fullmatch(w) and len(w) >= 2]
        figures = re.findall(r"\d+(?:\.\d+)?", whole)
        # (or a fund named, 「那个技改投资基金里」, whose size the chosen sentences state)
        fund = bool(re.search(r"资金|基金", whole)) and any(sets_fund(c.text(e)) for e in selected)
        if named and (fund or (figures and any(f in said for f in figures))):
            return f"「{_said_part(m)}」单独的数额（条文只给出总数）"
        return None  # the part is not in the chosen sentences at all: another check's business
    in_money = bool(re.search(r"元|资金|基金|钱", m.group("whole")))
    part = max(words, key=lambda w: (idf(c.index, w), len(w)))
    part = max((w for w in words if part in w), key=len)  # 数字 of 数字经济: named by the whole word
    if "rate" in c.query.slots and in_money:
        # 「每年那20亿…资金里，技改奖补占多大比例」: a share of the money, said where the part and the money are
        # both named (not the 10% of its equipment investment a 技改 project gets)
        marks = [rf"(?<![\d.]){re.escape(n)}(?![\d.])" for n in re.findall(r"\d+(?:\.\d+)?", whole)] + re.findall(r"资金|基金", whole)
        rate = lexicon.get().slot("rate").carried
        if not any(any(x in t for x in alternatives(part)) and any(re.search(w, t) for w in marks) and rate.search(t)
                   for t in (fold_text(c.text(e)) for e in selected)):
            return f"「{_said_part(m)}」占这笔资金的比例（条文没有写）"
    listed = False
    for e in selected:
        text = c.text(e)
        if "分别" in text:
            return None  # 「…分别给予12%、15%和20%」: each item its figure
        for clause in re.split(r"[，,；;。]", fold_text(text)):
            if not any(x in clause for x in alternatives(part)):
                continue
            if says_quantity(clause) and (not in_money or money_in(clause)):
                return None  # 「其中智能算力4599PFlops」; of a sum of money, a sum (not 「小巨人企业162家」)
            listed = listed or bool(re.search(r"、", clause))
    return f"「{part}」单独的数额（条文只给出总数）" if listed else None


def place_not_listed(c: Case, selected: list[Evidence]) -> str | None:
    """A district or county asked (长清区) that the chosen sentences of its
    city's documents leave out of the places of that city they name
    (「章丘区、莱芜区、历城区3个区县获评山东省工业强县」): the documents do not
    say it of the place asked."""
    local = [p for p in c.query.places if p.kind in ("区", "县") and p.city]
    if len(local) != 1 or "comparison" in c.query.intents or not selected:
        return None
    place = local[0]
    if not all(p == place or within(place.name, p.name) for p in c.query.places):
        return None  # another place asked too (not 山东省 of 「山东省工业强县」 around it)
    idx = c.index
    around = [e for e in selected if (r := idx.documents[idx.clauses[e.clause_pos].doc_id].region) != place.name
              and within(place.name, r)]  # a document of the city around it, not the place's own
    said = " ".join(c.text(e) for e in around)
    named = find_places(said)
    # (or by its short form, which a document of its own city uses without the city: 「嘉祥化工产业园」)
    if any(q.name == place.name for q in named) or any(f in said for f in _short_forms(place) if len(f) >= 2):
        return None
    others = [q.name.removeprefix(q.city or "") for q in named if q.kind in ("区", "县") and q.city == place.city]
    if not others or _places_asked_beside(c, _short_forms(place)):
        return None
    return f"关于{place.name.removeprefix(place.city)}的内容（相关条文列出的是{'、'.join(others)}）"


def unit_missing(c: Case) -> str | None:
    """An amount asked per unit (每月, 每人, 每亩) the close sentences never
    state per that unit."""
    u = _unit_unsaid(c)
    return f"按「{u}」计的标准" if u else None


_CLAIM = re.compile(r"是不是|是否|对不对|对吗|真的|是[^，,。？?]{1,30}吗")


def unit_claimed_beside(c: Case) -> str | None:
    """「济宁是不是每年有5个亿的…专项资金？…从哪年开始的？」: the unit is part of
    a claim checked (是不是…) beside something else asked, and no close sentence
    states it per that unit: what the text says answers, with a note on the unit,
    rather than refusing both."""
    u = _unit_unsaid(c)
    if not u:
        return None
    pieces, asking = pieces_asking(c.query.asking)
    claimed = [i for i in asking if u in pieces[i] and _CLAIM.search(pieces[i])]
    return u if claimed and any(i not in claimed and u not in pieces[i] for i in asking) else None


def _unit_unsaid(c: Case) -> str | None:
    """The unit an amount is asked per (每年) that no close sentence of the subject states it per."""
    if not c.query.units or ("rate" in c.query.slots and "amount" not in c.query.slots):
        return None  # a share is per nothing: 每年新增指标的多大比例
    if "comparison" in c.query.intents:
        return None  # 「济南和济宁每年拿出来的钱分别多大」: the asker's framing of both sides; each side's sum answers
    if asks_where(c.query.asking):
        return None  # 「每年20亿元的扶持资金，写在第几条」: the unit names the provision asked for
    if c.query.slots and not c.query.slots & {"amount", "rate", "duration", "actual", "date", "deadline"}:
        return None  # 「提高每亩地产出的那项任务由哪个部门牵头」: the unit names the subject, not what is asked per it
    if not c.query.slots and "amount" not in c.query.intents and not asks_quantity(c.query):
        return None  # 「是不是要求每家都得做」: nothing is asked per firm
    texts = [c.text(e) for e in c.close() if c.on_subject(e) or c.states_quoted_sum(e)]
    for u in c.query.units:
        per = u[0] if u.endswith("均") else u[1:]  # (亩均: per 亩)
        if re.search(rf"{u}[^，,。？?]*还是|还是[^，,。？?]*{u}", c.query.asking):
            continue  # 「是每年给还是给一次？」: one way the question offers, which the answer tells
        if re.search(AVERAGE + u, c.query.asking):
            continue  # 「平均到每家大概多少」: a sum divided by the asker, not a sum the text gives per firm
        if not any(u in t or f"/{per}" in t or f"每{per}" in t or any(w in t for w in _PER_SAID.get(per, ())) for t in texts):
            return u
    return None


# a unit said the way a measure writes it (每家 as 「单个企业最高不超过2000万元」)
_PER_SAID = {"家": ("单个企业", "单家企业", "每个企业", "每户", "单户"), "个": ("单个",), "项": ("单个项目", "每个项目", "单项"),
             "年": ("年均",)}  # (「每年平均增长多少」: 「年均增长8%左右」)


def no_support_on_subject(c: Case) -> str | None:
    """有没有技改补贴？ — a support measure on this very subject, or say
    there is none."""
    q = c.query
    if not (q.subsidy and "amount" in q.intents) or "amount" in q.slots or counted(q.asking):
        return None  # (「要扶持一批骨干企业，准备培养多少家」 asks how many firms, not how much support)
    if "department" in q.slots and points_back(q.asking):
        return None  # 「济宁这笔钱是哪个部门牵头的」: who handles the money the earlier question found
    words = c.subject()
    close = c.close()
    close = close + _measures_closed(c, [e for e in close if c.on_subject(e)])
    if words and not any(support(c.text(e)) and (c.on_subject(e) or c.states_quoted_sum(e)) for e in close):
        # named by the words the close clauses never say (「上市」), not the ones they do (「鼓励」)
        said = [fold_text(c.clause_text(e)) for e in close]
        unsaid = [w for w in words if not any(x in t for t in said for x in alternatives(w))]
        return f"关于「{'、'.join(longest(unsaid or words)[:3])}」的补贴、奖励或扶持规定"
    return None


def money_kind_absent(c: Case) -> str | None:
    """The question is about a kind of money (a tax, a fee, rent, interest,
    insurance, a price) that no retrieved clause mentions, by that word or
    the document words the lexicon gives for it (电费 -> 电价): the
    documents do not set it."""
    words = c.money_words
    if not words:
        return None
    texts = [fold_text(h.clause.text) for h in c.hits]
    # the words the lexicon gives for it that are kinds of money too (电费 -> 电价, 用电成本), not the
    # thing priced (地价 -> 用地: land is spoken of, its price not)
    kinds = lexicon.get().money_kinds
    absent = [w for w in words
              if not any(x in t for x in alternatives(w) if x == w or kinds.search(x) or "成本" in x for t in texts)]
    if not absent or len(absent) < len(words):
        return None
    return f"关于「{'、'.join(longest(absent))}」的规定"


def rate_unspoken(c: Case) -> str | None:
    """A rate asked by its name (「这种地容积率能给多高」) that the documents
    never use, nor the quantity it measures (容积): a share they give of
    something else is no answer. (增长率 asked of documents that say 增长
    is held to the rate checks.)"""
    if "rate" not in c.query.slots:
        return None
    words = segment(c.query.asking)
    for k, w in enumerate(words):
        stem = w[:-1]
        if len(w) < 3 or not w.endswith("率") or not _RATE_ASKED.match("".join(words[k + 1:k + 6])):
            continue
        if not known(c.index, w) and not known(c.index, stem):
            return f"关于「{w}」的规定（收录的政策文件没有提到{w}）"
    # 「加计扣除比例给提到了多少」: the share of a thing named by words none of which the documents use
    topic: set[str] = set()
    for k, w in enumerate(words):
        if w not in ("比例", "比率") or k < 1 or not _RATE_ASKED.match("".join(words[k + 1:k + 6])):
            continue
        topic = topic or set(topic_words(c.index, c.query.asking))
        # (「拿出多大比例」: a question word before 比例 names no thing)
        named = list(itertools.takewhile(lambda x: len(x) >= 2 and x in topic and not known(c.index, x) and not _POINTING.match(x)
                                         and not looks_like_question(x), reversed(words[:k])))
        if named:
            thing = "".join(reversed(named))
            return f"关于「{thing}{w}」的规定（收录的政策文件没有提到{thing}）"
    return None


_POINTING = re.compile(r"[这那哪该此其每各本]|两边|双方|两地|两家|两个|三地|三家|几家|几个")  # 这个比例, 两边比例 name no thing
_RATE_ASKED = re.compile(r"[^。？?！!，,]{0,6}?(?:多少|几|多高|多大)")


def item_absent(c: Case) -> str | None:
    """第18项 asked of documents whose numbered items stop before it."""
    n = c.query.item
    if n is None:
        return None
    idx = c.index
    docs = list(dict.fromkeys(h.clause.doc_id for h in c.hits[:3]))
    numbers = {d: [x for cp in idx.clauses_of(d) if (x := item_number(idx.clauses[cp].label)) is not None] for d in docs}
    if not any(numbers.values()) or any(n in ns for ns in numbers.values()):
        return None
    d = next(d for d in docs if numbers[d])
    return f"第{n}项（《{idx.documents[d].title}》的编号只到第{max(numbers[d])}项）"


def trade_unmentioned(c: Case) -> str | None:
    """「俺是开饭店的，有给餐饮的补贴吗」: the asker's trade is one no document
    of the library speaks of, and the question names nothing else they do
    (a measure, a sector): the documents say nothing of that trade. With a
    measure they do speak of (「开饭店的，技改能补多少」), the question is
    answered from it."""
    trade = c.trade
    if trade is None:
        return None
    words = [w for w in segment(trade) if len(w) >= 2] or [trade]
    # every word of it (食品加工: 加工 is said of much, 食品 of nothing here), or the trade whole
    if known(c.index, trade) or all(known(c.index, w) for w in words) or _something_done(c):
        return None
    return f"关于「{trade}」这一行业的规定（收录的政策文件没有提到{trade}）"


def trade_absent_from_named_document(c: Case) -> str | None:
    """「我们是生物医药企业，淄博先进制造业强市方案里对生物医药产业定了什么
    目标？」: the asker's trade, asked of again, in the one document the question
    names, which never speaks of it (nor of any word of it): that document
    says nothing of the trade, whatever other documents of the library say."""
    trade = c.trade
    if trade is None:
        return None
    words = compound_words(trade) or [trade]
    asked = untold(c.query.asking)
    # asked of again, whole or by its last word, the head of the compound (「做生物医药的，…给医药产业定了
    # 啥目标」; not the 汽车 of 汽车线束 in 「…新能源汽车产业…目标」)
    if trade not in asked and words[-1] not in asked:
        return None
    named = named_docs(c.index, c.query)
    if len(named) != 1:
        return None
    idx = c.index
    text = _documents_text(idx, named)
    # the trade whole, or every word of it (生物 of 生物基材料 alone is not 生物医药); or, when only its head is
    # asked, the head (「我做食品电商的，…对工厂跟电商平台合作有啥说法」 asks of 电商, which the document speaks of)
    if any(fold_text(x) in text for x in alternatives(trade)) or all(any(fold_text(x) in text for x in alternatives(w)) for w in words) \
            or (trade not in asked and any(fold_text(x) in text for x in alternatives(words[-1]))):
        return None
    return f"关于「{trade}」的内容（《{idx.documents[named[0]].title}》没有提到{trade}）"


def _something_done(c: Case) -> bool:
    """The question names something the asker would do that the documents
    speak of (技改 of 「开饭店的，技改能补多少」), beyond the words that name
    the document asked about (「先进制造业强市方案里」) and the support asked
    for (补贴, 贷款贴息)."""
    lex = lexicon.get()
    asked = c.query.asking
    titles = [c.index.documents[d].title for d in dict.fromkeys(h.clause.doc_id for h in c.hits)]
    titled = [asked[m.a:m.a + m.size] for t in titles
              for m in [difflib.SequenceMatcher(None, asked, t, autojunk=False).find_longest_match(0, len(asked), 0, len(t))]
              if m.size >= 4]
    support = [w for w in c.subject() if lex.support_words.search(w)]
    # the trade as said, with the kind of shop it names (「做外卖、社区零售的小店」)
    at = asked.find(c.trade) if c.trade else -1
    said = re.split(r"[，,。？?；;！!]|有没有|能不能|可不可以|是否|能否|怎么|如何|哪些|什么|多少", asked[at:])[0] if at >= 0 else ""
    return any(not any(w in t for t in titled) and not any(w in s for s in support) and w not in said for w in c.subject())


def place_unlisted(c: Case) -> str | None:
    """「济宁7家省级化工园区里，曲阜那个主攻什么方向？」: a county or district
    asked about, without documents of its own, and the passage that answers
    goes through others of its city (金乡、邹城、汶上…) but not it: the
    documents say nothing of it there."""
    counties = [p for p in c.query.places if p.kind in ("区", "县") and p.city]
    if not counties:
        return None
    regions = {d.region for d in c.index.documents.values()}
    pieces, asking = pieces_asking(c.query.asking)
    for p in counties:
        if any(within(r, p.name) for r in regions):
            continue
        short = p.name.replace(p.city, "")
        forms = _short_forms(p)
        if not any(f in pieces[i] for i in asking for f in forms):
            continue  # where the asker is (「俺们在济宁曲阜做储能电池」), not what is asked about
        if _places_asked_beside(c, forms):
            continue
        for e in c.close()[:3]:
            text = c.clause_text(e)
            others = {x.name for x in find_places(text) if x.kind in ("区", "县") and x.city == p.city and x.name != p.name}
            if len(others) >= 2 and not any(f in text for f in forms):
                listed = "、".join(x.replace(p.city, "") for x in sorted(others)[:4])
                return f"关于{short}的内容（相关条款列出的是{listed}等，没有{short}）"
    return None


_WHICH_PLACES = re.compile(r"哪(?:几|些)(?:个)?(?:区|县|区县|县区|市|地方)")


def _short_forms(p: Place) -> set[str]:
    """A county or district named without its city, with or without its suffix (曲阜市: 曲阜市, 曲阜)."""
    short = p.name.removeprefix(p.city or "")
    return {short, short[:-1] if len(short) > 2 else short}


def _places_asked_beside(c: Case, forms: set[str]) -> bool:
    """「听说历下区评上了？报告里是哪几个区？」: which places is asked too, in a piece
    that does not name the place (``forms``): the list answers it."""
    pieces, asking = pieces_asking(c.query.asking)
    return any(_WHICH_PLACES.search(pieces[i]) and not any(f in pieces[i] for f in forms) for i in asking)


def _documents_text(idx: IndexData, docs: Iterable[str]) -> str:
    """The folded text of every clause of ``docs``: what a word is looked for in when a document is asked
    whether it speaks of it at all."""
    return "".join(fold_text(idx.clauses[cp].text) for d in docs for cp in idx.clauses_of(d))


def compound_words(term: str) -> list[str]:
    """The words of a compound term (two characters or more), and the halves of a four-character one the
    tokenizer keeps whole (a policy term: 生物医药 -> 生物, 医药)."""
    words = [w for w in segment(term) if len(w) >= 2]
    return [term[:2], term[2:]] if len(words) == 1 and len(term) == 4 else words


def place_choice_unnamed(c: Case) -> str | None:
    """「陶琉产业重点放在博山还是淄川？」: a choice among districts or counties
    that have no documents of their own, and the documents that answer never
    name any of them: which one is not said."""
    local = [p for p in c.query.places if p.kind in ("区", "县") and p.city]
    asked = asked_pieces(c.query.asking)  # (「…放在博山还是淄川」 asks with no question mark: all of it)
    if len(local) < 2 or "还是" not in asked:
        return None
    regions = {d.region for d in c.index.documents.values()}
    shorts = [p.name.replace(p.city, "") for p in local]
    if any(within(r, p.name) for r in regions for p in local) or not all(s in asked or s[:-1] in asked for s in shorts):
        return None
    idx = c.index
    text = _documents_text(idx, {idx.clauses[e.clause_pos].doc_id for e in c.close()[:5]})
    if any(s in text or (len(s) > 2 and s[:-1] in text) for s in shorts):
        return None
    return f"关于{'还是'.join(shorts)}的内容（相关文件没有提到这些地方）"


# a sum's tier: 「每新上一个千亿元台阶」 (a step of revenue, an amount's 档)
_TIER = re.compile(rf"(?P<sum>{SCALE_RE.pattern})\s*元?\s*(?:个|一个)?\s*(?P<tier>台阶|档次?|关口|坎儿?)")


def tier_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """A reward asked for a tier of a sum (「每新上一个千亿元台阶奖励多少」) that
    the chosen sentences set for other tiers only (「每新上一个百亿元台阶奖励200万元，
    每新上一个10亿元台阶奖励50万元」): the documents do not give that tier's."""
    if not {"amount", "rate"} & c.query.slots or not selected:
        return None
    asked = _TIER.search(c.query.asking)
    if not asked:
        return None
    want = scales(asked.group("sum"))
    said = [(scales(m.group("sum")), m.group("tier")) for e in selected
            for m in _TIER.finditer(c.text(e))]
    tiers = [v for v, t in said if t[:1] == asked.group("tier")[:1]]
    if not tiers or any(v & want for v in tiers):
        return None
    return f"「{asked.group(0).strip()}」的标准"


_MEANING_ASKED = re.compile(r"指的?是|是指|意思|含义|代表|指的?(?:啥|什么)|是(?:啥|什么)(?:意思)?[？?]?$|具体是|到底是")


def _unexplained_term(c: Case, selected: list[Evidence]) -> str | None:
    """The term whose meaning is asked (「老提“3510”发展目标，这个3510具体指啥」) that
    the chosen sentences use but none says what it is (``evidence.defines``)."""
    if "definition" not in c.query.intents or c.query.slots or not selected or not _MEANING_ASKED.search(c.query.asking):
        return None
    said = " ".join(c.text(e) for e in selected)
    return next((t for t in asked_terms(c.query) if len(t) >= 2 and t in said and not defines(t, said)), None)


def meaning_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """What a term means asked where the chosen sentences use the term but do
    not explain it: the documents do not explain it (a note beside the answer)."""
    term = _unexplained_term(c, selected)
    return f"「{term}」的具体含义" if term else None


_MONEY_OF_FUNDS = re.compile(r"资金[^，,。；;]{0,8}?\d")  # a sum said of the money itself (资金支持超50亿元)
_FUND_SIZE_ASKED = re.compile(r"基金[^，,。？?]{0,6}?(?:规模|总额|总量|盘子|多大)|资金[^，,。？?]{0,4}?(?:规模|总额|总量|盘子)")


def fund_size_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """The size of a fund asked (「那只生物医药引导母基金规模是多少亿」) where no
    chosen sentence sets a fund's size (``evidence.sets_fund``): a sum of something
    else (the industry's 2000亿级) is not the fund's (money a programme has given,
    「提供资金支持超50亿元」, is not asked by 「…资金…多少」)."""
    if not selected or c.query.parts or not (m := _FUND_SIZE_ASKED.search(c.query.asking)):
        return None
    if any(sets_fund(c.text(e)) for e in selected) or not any(money_in(c.text(e)) for e in selected):
        return None  # (no sum at all: the amount check says so, and the fund's count is no wrong sum)
    if m.group(0).startswith("资金") and any(_MONEY_OF_FUNDS.search(c.text(e)) for e in selected):
        return None  # 「…服务企业数量和资金总额」: 「资金支持超50亿元」 is the sum of money asked
    # (named by the words before it, not the 那只 that points at it)
    name = re.split(r"[那这只个笔支的里，,\s]", c.query.asking[max(0, m.start() - 10):m.start()])[-1] + m.group(0)[:2]
    return f"「{name}」的规模"


_PARTS_OF_NUMBER = re.compile(r"\d\s*[、,，和]\s*\d|(?:哪|几)几?个数|每个数|(?:各|分别)(?:是|指|代表|对应)")


def number_name_not_explained(c: Case, selected: list[Evidence]) -> str | None:
    """What each number of a name made of numbers stands for (「“3510”发展目标，
    3、5、10分别代表啥」), where no chosen sentence explains the name: all that is
    asked is not given, so the sentence that only uses the name answers nothing."""
    term = _unexplained_term(c, selected)
    return f"「{term}」的具体含义" if term and re.search(r"\d", term) and _PARTS_OF_NUMBER.search(c.query.asking) else None


# In order: the first reason is the one given.
PREDICATES: tuple[Predicate, ...] = (off_topic, document_not_held, title_not_held, trade_unmentioned, trade_absent_from_named_document, item_absent, money_kind_absent, rate_unspoken, year_not_covered, place_unlisted, place_choice_unnamed, sibling_term, slot_missing, unit_missing, no_support_on_subject)


def reason(case: Case, predicates: tuple[Predicate, ...] = PREDICATES) -> str | None:
    if not case.evidence:
        return "与这个问题相关的条款"
    for p in predicates:
        r = p(case)
        if r:
            return r
    return None


# What the chosen sentences must say, checked once they are chosen.
SelectionCheck = Callable[[Case, list[Evidence]], str | None]
# 「动力电池产量多少GWh」, 「装机多少万千瓦」: a quantity asked in a unit of measure
# (units of energy, power, computing and data, not an English word for what 多少 asks: 多少percent is a rate)
_MEASURE_ASKED = re.compile(r"多少\s*(?:个)?\s*((?:[kKMGT]?W[hH]?|[PE](?:FLOPS|Flops|flops)?|[TGP]B|[MG]bps)(?![A-Za-z])|万?千瓦时?|兆瓦|吨|公里|平方米|立方米)")


def measure_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """A quantity asked in a unit of measure (GWh, 吨, 千瓦) that no chosen
    sentence states a figure in: a figure in another unit (50万辆) is another
    quantity."""
    m = _MEASURE_ASKED.search(c.query.asking)
    if m is None or not selected:
        return None
    unit = m.group(1)
    figure = re.compile(rf"\d\s*(?:万|亿)?\s*{re.escape(unit)}", re.IGNORECASE)
    return None if any(figure.search(c.text(e)) for e in selected) else f"以「{unit}」计的数字"


def indicator_not_given(c: Case, selected: list[Evidence]) -> str | None:
    """A figure asked of a measure named (「2024年全市工业增加值是多少」,
    「出口额多少」, 「万元产值能耗要降到多少」) where no chosen sentence speaks of
    that measure: the 营业收入 or 产值 they state is another measure, not it."""
    indicators = lexicon.get().indicators
    if not selected or not any(asked.search(c.query.asking) for _, asked, _ in indicators):
        return None  # (read on every answer: the pieces only when one is named)
    pieces, asking = pieces_asking(c.query.asking)
    for i in asking:
        if not asks_quantity(replace(c.query, ask=pieces[i])):
            continue
        for _, asked, said in indicators:
            m = asked.search(pieces[i])
            if m and not any(said.search(c.text(e)) for e in selected):
                return f"「{m.group(0)}」的数字（相关条款说的是其他指标）"
    return None


SELECTION_CHECKS: tuple[SelectionCheck, ...] = (figure_not_selected, year_not_selected, names_not_given, level_not_counted,
                                                 place_not_listed, department_not_listed, count_not_of_subject, share_not_given, part_not_given,
                                                 tier_not_given, count_absent_from_side, figure_only_told, measure_not_given,
                                                 number_name_not_explained, fund_size_not_given, indicator_not_given)


# What the chosen sentences leave unsaid that the answer still stands with, named in a note.
SELECTION_NOTES: tuple[SelectionCheck, ...] = (count_only_of_group, meaning_not_given, names_partly_given)


# Checks that, on a question asked to be answered yes or no (「被认定为区级绿色工厂…能拿一次性奖补吗？」),
# note what the measure does not cover instead of refusing: the measure and whom it is for (市级以上) answer it.
NOTES_ON_YES_NO: tuple[SelectionCheck, ...] = (level_not_counted,)
_YES_NO = re.compile(r"[吗么嘛][？?！!。\s]*$")


def _yes_no(case: Case) -> bool:
    return bool(_YES_NO.search(case.query.asking.strip()))


def selection_notes(case: Case, chosen: list[Evidence]) -> list[str]:
    """What the documents do not say of what is asked, though the chosen sentences answer in part."""
    return [r for check in SELECTION_NOTES + (NOTES_ON_YES_NO if _yes_no(case) else ()) if (r := check(case, chosen))]


def selection_reason(case: Case, chosen: list[Evidence], checks: tuple[SelectionCheck, ...] | None = None) -> str | None:
    """What the documents do not say, judged on the sentences chosen to answer."""
    for check in SELECTION_CHECKS if checks is None else checks:
        if check in NOTES_ON_YES_NO and _yes_no(case):
            continue
        r = check(case, chosen)
        if r:
            return r
    return None
