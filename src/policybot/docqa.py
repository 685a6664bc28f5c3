"""Questions about the documents themselves — their 文号, issuer, date,
validity, how far they were sent, and the documents they cite or evaluate —
answered from each document's masthead, preamble and footer and from the
text's own references (《…》（…〔20xx〕x号）).

Which facet a question asks about comes from the lexicon
(``document_facets``). A period asked of a thing the text gives one for
(「临时号牌有效期限是多少天」) is a question about what the text says. Pure
functions over the loaded index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicon
from .completion import head_end
from .evidence import Evidence, overlap, question_terms, topic_words, under_goal
from .index import PART_TAIL, IndexData
from .normalize import MARKER, plain, title_key
from .query import CONFIRMING, Query, quoted_figures, quoted_sentences, asks_year_of_figure, detect_intents, detect_slots, pieces_asking, untold, without_told
from .regions import covers, find_places, within
from .documents import DOCNO_RE, docno_key, typed_docno
from .retrieve import compared_docs, named_docs, numbered_docs, titled_docs, unheld_numbers
from .types import CLAUSE, FOOTER, HEADING, MASTHEAD, PREAMBLE, Hit

REFERENCE = re.compile(r"《[^》]{2,80}》\s*[（(][^）)]{0,30}〔\d{4}〕\s*\d+\s*号[）)]|《[^》]{2,80}》")
DOCNO = re.compile(r"〔\d{4}〕\s*\d+\s*号")
DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|发布日期|\d{4}-\d{2}-\d{2}")
PERIOD = re.compile(r"(?:19|20)\d{2}\s*[—–-]\s*(?:19|20)\d{2}")
TERM = re.compile(r"有效期限?|有效时间|期限|到期|过期|失效")  # words that name a period of validity


@dataclass(frozen=True)
class Finding:
    spans: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()  # what the documents do not say of what is asked
    refusal: str | None = None
    corrections: tuple[str, ...] = ()  # what the question states of the document that the document does not (another 文号)
    lead: tuple[str, ...] = ()  # what is said of the quotes together (how many items a part holds)


@lru_cache(maxsize=64)
def _asked(query: Query) -> str:
    """What is asked: a follow-up that asks nothing of its own (「济宁的呢？」
    after 「淄博的方案什么时候到期？」) asks what the question before it did."""
    elliptic = query.followup and not detect_intents(query.asking) and not detect_slots(query.asking)
    # not what the asker tells of themself (「…文号是啥，我写BP要引用」 asks no references;
    # 「…文号是多少，我要写进报告里」 asks of no report) when the rest still asks of a document
    text = query.standalone if elliptic else query.asking
    rest = without_told(text, keep_questions=True)
    lex = lexicon.get()
    if rest != text and any(p.search(lex.written(rest)) for _, p in lex.document_facets):
        return rest
    return untold(text)


_NUMBER_CLAIMED = re.compile(rf"(?:{DOCNO_RE.pattern})\s*(?:就|应该|应当)?是(?!不是|哪|什么|啥)|是[^，,。？?]{{0,24}}?(?:{DOCNO_RE.pattern})(?=\s*(?:吗|吧|么|嘛|对吧|对吗|不|[？?]|$))")


# 「…方案我记得是市委办公室发的，淄办发〔2023〕7号，23年3月份？」: a 文号 the asker recalls, put to be checked
_NUMBER_RECALLED = re.compile(rf"(?:记得|印象中|印象里|好像|听说|应该)[^。！!]{{0,30}}?(?:{DOCNO_RE.pattern})[^。！!]*[？?]\s*$")


def number_claimed(asking: str) -> bool:
    """A 文号 said to be a document's, to be confirmed (「济发〔2023〕7号是济宁那个意见吧」,
    「…方案，是…发的淄政发〔2023〕7号吗？」, 「我记得是…，淄办发〔2023〕7号？」)."""
    return bool(_NUMBER_CLAIMED.search(asking) and CONFIRMING.search(asking)) or bool(_NUMBER_RECALLED.search(asking))


_RUNS_TO = re.compile(r"(?:管|定|冲|覆盖|执行|有效)?到哪(?:一)?年")


def facets(query: Query) -> frozenset[str]:
    lex = lexicon.get()
    asking = lex.written(_asked(query))
    pats = dict(lex.document_facets)
    found = {name for name, pat in pats.items() if pat.search(asking)}
    if number_claimed(asking):
        found.add("number")  # 「济发〔2023〕7号是济宁那个意见吧」: whose the number is, put to be confirmed
    if {"validity", "date"} <= found and not pats["date"].search(_RUNS_TO.sub("", asking)):
        found.discard("date")  # 「管到哪年」: how far it runs, not when it was issued
    return frozenset(found)


def is_about_document(query: Query, index: IndexData | None = None) -> bool:
    """Asked about a document (when issued, 文号, issuer, still in force, what
    it cites), not about what it says."""
    lex = lexicon.get()
    asked = lex.written(_asked(query))
    if index is not None and named_part(index, query):
        return True  # 「保障措施一共几条」: what a document holds, by its own headings
    if not lex.document_question.search(asked) and not number_claimed(asked):
        return False
    if index is not None and names_programme(index, asked):
        return False  # 「“云帆计划”是哪一年启动的？要搞到哪年？」: a programme the text runs, not a document
    if asks_year_of_figure(asked):
        return False  # 「绿色工厂要建多少家？是到哪年？」: the year the figure is set for
    f = facets(query)
    if index is not None and "outline" in f and names_run_plan(index, asked):
        return False  # 「碳达峰…出了个啥方案，分几大块在推」: the parts of a plan the text speaks of
    if f == {"references"} and _TOPIC_PART.search(asked):
        return False  # 「淄博方案讲安全管理那块落实的是啥要求」: what a part of it says, not what the document follows
    if {"amount", "list"} & query.intents and not ({"references", "number", "addressees", "outline"} & f) \
            and not _horizon_asked(asked):  # (「各项目标分别设定到哪一年」: how far its goals reach, of all of them)
        return False
    return not ("department" in query.intents and not ({"issuer", "number", "references", "addressees"} & f))


_PROGRAMME = re.compile(r"([\u4e00-\u9fff]{2,10}?)(行动计划|计划|行动|工程)")


_TOPIC_PART = re.compile(r"[\u4e00-\u9fff]{2,8}(?:那块|这块|那一块|这一块|方面|那部分|这部分|那条|这条)")


def names_programme(index: IndexData, text: str) -> bool:
    """The text names a programme (「云帆计划」, 「新一轮信贷扩容计划」) by words a
    held document's body uses and no held title does: a thing the documents
    run, not one of them (「那个三年行动计划」 is a title's)."""
    titles = [plain(d.title) for d in index.documents.values()]
    for m in _PROGRAMME.finditer(plain(re.sub(r"《[^》]*》", "", text))):  # (a cited title names a document)
        run, kind = m.group(1), m.group(2)
        phrases = [run[-n:] + kind for n in range(2, len(run) + 1)]
        if any(p in t for p in phrases for t in titles):
            continue
        # its shortest form (扩容计划) in a clause, as quoted sentences are looked for (spaces and marks aside)
        if any(phrases[0] in t for t in index.plain_texts()):
            return True
    return False


def _horizon_asked(text: str) -> bool:
    """How far a document's goals reach asked (「目标定到哪年」, 「目标最远看到哪年」: the lexicon's ``goal_horizon``)."""
    horizon = lexicon.get().goal_horizon
    return bool(horizon and horizon.search(text))


_KIND_SAID = re.compile(r"方案|计划|意见|规划|办法")


def names_run_plan(index: IndexData, text: str) -> bool:
    """The question asks of a plan the held texts name by a word of its topic
    (「碳达峰…出了个啥方案，分几大块」: 「“1+3”工业领域碳达峰工作方案」 in a
    report's body) and no held title says: one the documents speak of, not one
    of them."""
    kinds = set(_KIND_SAID.findall(text))
    if not kinds:
        return False
    # (not a word of a held title or heading: 「重点任务按几个行动排的」 asks of the document's own parts)
    named = [plain(d.title) for d in index.documents.values()] + list({plain(h) for c in index.clauses for h in c.path})
    generic = lexicon.get().generic_words
    words = [w for w in topic_words(index, text) if w not in generic and not _KIND_SAID.search(w) and not any(w in t for t in named)]
    return any(re.search(re.escape(w) + r"[^，,。；;：:]{0,8}?(?:" + "|".join(kinds) + ")", t)
               for w in words for t in index.plain_texts())


# 「…评估报告，评的就是…《关于加快建设工业强市的实施意见》吧？」: the title is what is said of the report
# (or its 文号: 「那份执行情况评估报告评的就是济宁的济发〔2020〕16号文件吧？」)
_CLAIMED_TITLE = re.compile(r"(?:评估|评|引用|依据|根据|落实)的(?:是|就是)[^，,。？?《]{0,16}《")
_CLAIMED_NUMBER = re.compile(r"(?:评估|评|引用|依据|根据|落实)的(?:是|就是)[^，,。？?《]{0,16}?" + DOCNO_RE.pattern)


def _docs_in_play(index: IndexData, query: Query, hits: list[Hit]) -> list[str]:
    titled = titled_docs(index, query)
    claim = (_CLAIMED_TITLE.search(query.text) if titled else None) or _CLAIMED_NUMBER.search(query.text)
    said = (titled or numbered_docs(index, query, citing=False)) if claim else []
    if claim and said:  # the document claimed to be the one the other is of, named before the claim
        head = query.text[:claim.start()]
        other = [d for d in named_docs(index, replace(query, text=head, places=tuple(find_places(head)))) if d not in said]
        if len(other) == 1:
            return other
    if titled:  # 「《关于加快建设工业强市的实施意见》是哪两家发的」: that one, not every 意见 of the places
        return titled
    quoting = _quoting_docs(index, query.text)
    if len(quoting) == 1:  # 「文件里写着“数字经济占全市GDP比重达到47%以上”，…那份意见本身是啥时候发的」: the one that says it
        return quoting
    stating = _stating_docs(index, untold(query.text))
    if len(stating) == 1:  # 「5.6万个5G基站这个数出自谁发的什么材料」: the one that states it (whatever place is said)
        return stating
    one = named_docs(index, query)
    citing = [d for d in one if _named_as_citing(index, d, _asked(query))]
    if len(citing) == 1:  # 「评估报告里提到的…」, 「评估报告里说行动计划出台后…」: the report, not the plan it names
        return citing
    named = compared_docs(index, query)
    if named:
        return named
    if len(one) == 1 and query.places:  # 「济南的实施意见还有效吗」: that document, not the city's first hit
        return one
    if query.places:
        near = [h.clause.doc_id for h in hits if any(covers(index.documents[h.clause.doc_id].region, p) for p in query.places)]
        if near:
            return [near[0]]
    return [hits[0].clause.doc_id]


def _quoting_docs(index: IndexData, text: str) -> list[str]:
    """The documents whose text says, word for word (letters and digits), a
    sentence the question quotes; none when no quote is found in any."""
    said = quoted_sentences(text, shortest=6)  # (a short phrase too: 「结论说“得到有效执行”」)
    return list(dict.fromkeys(index.clauses[i].doc_id for i, t in enumerate(index.plain_texts()) if any(q in t for q in said))) if said else []


def _cites_another(seg: str, own_title: str) -> bool:
    """The sentence names a document other than its own (「现将《本方案》印发给
    你们」 cites nothing)."""
    own = re.sub(r"\s", "", own_title)
    return any(re.sub(r"\s", "", m.group(0)).find(own) < 0 for m in REFERENCE.finditer(seg)) if own else bool(REFERENCE.search(seg))


# 「为深入贯彻…，按照…的工作要求，…，制定本行动计划。」: the document's own statement of what it follows
_OWN_BASIS = re.compile(r"(?:按照|根据|依据|贯彻|落实)[^。]{2,120}?(?:制定本|特制定|现提出|提出如下|制定如下)")
_ADDRESSEES = re.compile(r"\s*各[^。；;\n]{1,60}[：:]\s*$")  # 「各街道办事处，区政府各部门：」: whom it is sent to


def _score(seg: str, facet: frozenset[str], terms: dict[str, float], tokenizer: str, own_title: str = "") -> float:
    s = 2.0 * overlap(terms, seg, tokenizer)
    s += 1.0 if "date" in facet and DATE.search(seg) else 0.0
    s += 1.5 if "number" in facet and DOCNO.search(seg) else 0.0
    s += 2.0 if "scope" in facet and re.search(r"此件|发至", seg) else 0.0
    s += 2.0 if "addressees" in facet and _ADDRESSEES.match(seg) else 0.0
    s += 2.0 if "references" in facet and _cites_another(seg, own_title) else 0.0
    # the citation that gives the cited document's full title and 文号 (「…《…三年行动计划(2023—2025年)》(济发〔2023〕7号,
    # 以下简称《行动计划》)」) before the sentences that use its short name
    s += 0.5 if "references" in facet and _cites_another(seg, own_title) and (DOCNO.search(seg) or "简称" in seg) else 0.0
    s += 1.5 if "references" in facet and _OWN_BASIS.search(seg) else 0.0
    s += 0.5 if "validity" in facet and PERIOD.search(seg) and not _cites_another(seg, own_title) else 0.0  # its own period
    s += 1.0 if "issuer" in facet and re.search(r"(?:人民政府|办公厅|办公室|委员会|局|厅|部)(?:\s|$|\n|印发|关于|）)", seg) else 0.0
    return s


_OWN_KINDS = (MASTHEAD, PREAMBLE, FOOTER)  # where a document states its own 文号, date, issuer, period


def _stating(index: IndexData, doc: str, asked: frozenset[str], terms: dict[str, float]) -> tuple[float, Evidence] | None:
    """The best sentence of a document's masthead, preamble or footer (or,
    for its references, any clause citing a title) stating ``asked``."""
    title = index.documents[doc].title
    best: tuple[float, Evidence] | None = None
    for cp in index.clauses_of(doc):
        c = index.clauses[cp]
        if c.kind not in _OWN_KINDS and not ("references" in asked and "《" in c.text):
            continue
        for sid in index.segments_of(cp):
            _, a, b = index.segments[sid]
            score = _score(c.text[a:b], asked, terms, index.tokenizer, title)
            if score > 0.3 and (best is None or score > best[0]):
                best = (score, Evidence(cp, a, b, score, 1.0, 1.0, 1))
    return best


_ALL_ASKED = re.compile(r"哪些|哪几|都有|都引用|都提到|有几个|有多少")
MAX_CITATIONS = 4  # the sentences citing other documents an answer to 「引用了哪些文件」 quotes, at most


def _other_citations(index: IndexData, doc: str, shown: Evidence) -> list[Evidence]:
    """The document's other sentences that cite a title it has not cited yet, in order."""
    title = index.documents[doc].title
    seen = {title_key(m.group(0)) for m in REFERENCE.finditer(shown.text(index))}
    out: list[Evidence] = []
    for cp, a, b, seg in _titled_segments(index, doc):
        if len(out) >= MAX_CITATIONS - 1:
            break
        cited = {title_key(m.group(0)) for m in REFERENCE.finditer(seg)}
        if _cites_another(seg, title) and cited - seen:
            seen |= cited
            out.append(Evidence(cp, a, b, 0.0, 1.0, 1.0, 1))
    return out


def _titled_segments(index: IndexData, doc: str) -> Iterator[tuple[int, int, int, str]]:
    """(clause position, start, end, text) of each sentence of a clause of the document that names a title (《…》)."""
    for cp in index.clauses_of(doc):
        text = index.clauses[cp].text
        if "《" not in text:
            continue
        for sid in index.segments_of(cp):
            _, a, b = index.segments[sid]
            yield cp, a, b, text[a:b]


def _whole_line(index: IndexData, e: Evidence) -> Evidence:
    """A masthead's title broken over lines (「关于印发先进制造业强市实施方案」
    「（2023—2025年）的通知」): the piece that opens with a parenthesis is
    quoted with the line before it."""
    c = index.clauses[e.clause_pos]
    if c.kind != MASTHEAD or not c.text[e.start:e.end].lstrip().startswith(("（", "(")):
        return e
    before = [a for _, a, b in (index.segments[s] for s in index.segments_of(e.clause_pos)) if b <= e.start]
    return replace(e, start=before[-1]) if before else e


def period_of_content(index: IndexData, query: Query, hits: list[Hit]) -> bool:
    """「临时号牌有效期限是多少天」 asks the period of a thing the text itself
    gives one for (「临时号牌有效期为15天」), not how long the document runs:
    the word right before the period word is a topic word (not a place, a
    document kind or filler) that a sentence of a found clause states a period
    of."""
    lex = lexicon.get()
    asked = lex.written(_asked(query))
    m = TERM.search(asked)
    words = topic_words(index, asked[: m.start()]) if m else []
    if not words:
        return False
    subject = words[-1]
    if any(subject in w or w in subject for _, kinds in lex.document_kinds for w in kinds):
        return False  # 「这个方案的期限」: the document's own
    for h in hits[:5]:
        if h.clause.kind in (MASTHEAD, FOOTER):
            continue
        if any(subject in s and TERM.search(s) for s in re.split(r"[。；;！？!?\n]", h.clause.text)):
            return True
    return False


_PERIOD_ASKED = re.compile(r"有效期|期限|几年|多久|多长时间|到哪年|管到|哪几年")  # how long, not whether still in force

_GOAL_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年")


def _goal_sentences(index: IndexData, doc: str) -> list[tuple[int, int, int, set[int]]]:
    """(clause, start, end, the years it sets goals for) of each sentence
    under a goal heading that names a 到20xx年, in the document's order."""
    out = []
    for cp in index.clauses_of(doc):
        if under_goal(index.clauses[cp].path):
            for sid in index.segments_of(cp):
                _, a, b = index.segments[sid]
                years = {int(y) for y in _GOAL_YEAR.findall(index.clauses[cp].text[a:b])}
                if years:
                    out.append((cp, a, b, years))
    return out


def _horizon(index: IndexData, doc: str) -> tuple[float, Evidence] | None:
    """A sentence under a goal heading that sets a goal for the document's
    furthest year (its ``horizon``, else the latest 到20xx年 its goals name):
    how far its goals reach, and by which steps."""
    found = _goal_sentences(index, doc)
    if not found:
        return None
    year = index.documents[doc].horizon or max(max(ys) for *_, ys in found)
    # of those that reach it, the first that names the most of the goal years (「到2023年,…;到2025年,…」)
    reach = [x for x in found if year in x[3]] or found[-1:]
    cp, a, b, _ = max(reach, key=lambda x: len(x[3]))
    return 1.0, Evidence(cp, a, b, 1.0, 1.0, 1.0, 1)


def _milestone(index: IndexData, doc: str, shown: Evidence) -> Evidence | None:
    """The first goal sentence for an earlier year than the one shown, when
    the document sets goals in steps (济宁's clusters: 「到2023年,…」 before
    「到2025年,…」): how far its goals reach, and by which steps."""
    said = {int(y) for y in _GOAL_YEAR.findall(shown.text(index))}
    earlier = next(((cp, a, b) for cp, a, b, years in _goal_sentences(index, doc) if said and max(years) < min(said)), None)
    return Evidence(*earlier, 1.0, 1.0, 1.0, 1) if earlier else None


_FACET_SAID = {"date": DATE, "number": DOCNO, "validity": PERIOD}
NAMES_CITED = 0.6  # share of the question's (IDF-weighted) terms a cited title must hold to be the one asked about


def cited_document(index: IndexData, query: Query, docs: list[str], facet: frozenset[str],
                   terms: dict[str, float]) -> Evidence | None:
    """「那个三年行动计划是啥时候出台的」 asks about a document the library does
    not hold, which one of its documents cites or evaluates (「2023年11月制定出台
    了《推进新型工业化…三年行动计划(2023—2025年)》(济发〔2023〕7号…)」): the
    sentence citing it that states what is asked (its date, 文号, period).
    Not when the question names the citing document by its kind (评估报告),
    nor a place the citing document is not of."""
    said = [_FACET_SAID[f] for f in sorted(facet) if f in _FACET_SAID]
    # a 文号 the library does not hold (「济发〔2023〕7号到底是个啥文件」) names the cited document whatever place
    # the asker guesses for it; the sentence citing it by that 文号 is what the library knows of it
    # (a 文号 no held text cites either names nothing: the asker's guess, 「…三年行动计划，文号是济政发〔2023〕7号吧」,
    # checked against the document the question's words name)
    numbers = {n for n in unheld_numbers(index, query) if n in index.cited_numbers()}
    if not facet or (not numbers and (not said or len(said) < len(facet))):
        return None
    # the question's words the library uses (not 那个, 啥时候), without its character pairs
    # or its single characters (人, 提 of 老听人提), which name no title
    # (nor the words that ask the facet: 出台, 印发, 文号 name no title)
    # (nor the words inside what asks it: 执行 of 执行期, 覆盖 of 覆盖哪几年)
    asked = _asked(query)
    # the kind a held document bears that the question names (「济南工业强市实施意见的文号」): a cited
    # document of another kind (a 行动计划 the report evaluates) is not the one asked about
    kinds = _kinds_named(index, asked)
    # (the pieces that name the kind, where some do: not the asker's trade told before, 「济南做电子元器件的，」)
    naming = "，".join(x for x in pieces_asking(asked)[0] if any(k in x for k in kinds)) or asked
    for _, p in lexicon.get().document_facets:
        naming = p.sub(" ", naming)
    terms = {t: w for t, w in terms.items() if not t.startswith("#") and len(t) > 1 and index.token_df.get(t, 0) > 0
             and t in naming}
    held = set(index.title_keys().values())
    # 「评估报告里提到的那些配套政策…」: the documents the one named as citing them cites, not another's
    citing = [d for d in named_docs(index, query) if _named_as_citing(index, d, asked)]
    best: tuple[tuple[float, bool, bool], Evidence, str] | None = None
    for doc in citing or docs:
        meta = index.documents[doc]
        by_number = any(doc in index.cited_numbers().get(n, ()) for n in numbers)
        if query.places and not by_number and not any(within(meta.region, p.name) for p in query.places):
            continue  # 「历下区有没有类似的计划」: not the one a 济南 document cites
        if any(w in asked for w in _own_kind_words(meta.title, meta.kind)) and not _named_as_citing(index, doc, asked):
            continue  # 「评估报告是哪个部门做的」: the report itself (not 「意见里提的那个…计划」, a document it cites)
        for cp, a, b, seg in _titled_segments(index, doc):
            for m in REFERENCE.finditer(seg):
                title = title_key(m.group(0).split("》")[0].lstrip("《"))
                number = DOCNO_RE.search(seg[m.end():m.end() + 24])
                by_number = bool(number) and docno_key(number.group(0)) in numbers
                if title in held or not (by_number or said and all(p.search(_without_titles(seg)) or p.search(m.group(0)) for p in said)):
                    continue
                if numbers and not by_number:
                    continue  # (the 文号 asked names the document: not another the sentence cites)
                if kinds and not any(k in title for k in kinds):
                    continue
                # (with the 文号 the citation gives right after the title: 「《…》(济发〔2023〕7号,以下简称…)」)
                share = 1.0 if by_number else overlap(terms, title + (number.group(0) if number else ""), index.tokenizer)
                # (of citations naming it as well, the one that also gives its 文号 and date: 「2023年11月制定出台了
                # 《…》(济发〔2023〕7号…)」, not a title that only quotes it, 「《…》执行情况评估报告」)
                rank = (share, bool(number), bool(DATE.search(_without_titles(seg))))
                if share >= NAMES_CITED and (best is None or rank > best[0]):
                    best = (rank, Evidence(cp, a, b, share, 1.0, 1.0, 1), title + meta.region)
    if best is None:
        return None
    # 「济南那个说要搞工业强市的文件是啥时候发的」: a held document of the places asked whose title (with its
    # place) names it as well as the cited one does (with the place of the text citing it) is the one meant,
    # when the question names no kind of document (「那这个行动计划本身…」 names the one cited)
    named = overlap(terms, best[2], index.tokenizer)
    # (its own words, not a title it quotes: 「《…三年行动计划》执行情况评估报告」 is no 三年行动计划)
    if not numbers and not kinds and any(overlap(terms, _own_title(index.documents[d].title) + index.documents[d].region, index.tokenizer) >= named
                           for d in docs if not query.places or any(within(index.documents[d].region, p.name) for p in query.places)):
        return None
    return best[1]


def _named_as_citing(index: IndexData, doc: str, asked: str) -> bool:
    """The question names the document by its kind as the one that mentions
    what is asked (「评估报告里提到的…」, 「意见里提的那个…计划」)."""
    meta = index.documents[doc]
    return any(re.search(rf"{re.escape(w)}(?:里|中|上)?(?:提到?|说|讲|引用|提及)(?:了|过)?的", asked)
               for w in _own_kind_words(meta.title, meta.kind))


def _own_kind_words(title: str, kind: str) -> list[str]:
    """The kind words a document's own title uses, not a title it quotes (执行情况评估报告, not the 行动计划 it evaluates)."""
    own = _own_title(title)
    return [w for w in lexicon.get().kind_words(kind) if w and w in own]


def _own_title(title: str) -> str:
    """A title without the titles it quotes (「《…三年行动计划》执行情况评估报告」 -> 执行情况评估报告)."""
    return re.sub(r"《[^》]*》", "", title)


def _kinds_named(index: IndexData, asked: str) -> set[str]:
    """The kind words of held documents' titles that what is asked says (实施意见, 行动计划)."""
    return {w for d in index.documents.values() for w in lexicon.get().kind_words(d.kind)
            if w and len(w) >= 2 and w in asked and w in d.title}


MAX_LOCAL = 200  # the documents of the places asked a cited title is looked for in, at most

_FACET_NAME = {"number": "文号", "date": "日期", "issuer": "发文单位", "validity": "有效期"}


def _unheld_title(index: IndexData, query: Query) -> str | None:
    """A title the question quotes (《…》) that no held document bears."""
    held = list(index.title_keys().values())
    for m in re.finditer(r"《([^》]{4,80})》", query.asking):
        name = title_key(m.group(1))
        if not any(name in h or h in name for h in held):
            return m.group(1)
    return None


def _without_titles(seg: str) -> str:
    return re.sub(r"《[^》]*》", "", seg)


_BETWEEN = re.compile(r"(?:里面?|中|下面?|部分|这块|这部分|一共|总共|共|就|都|只|写|提|列|分|设|有|包括|包含|了|的|是|[，,]|下一步|主要|要|干|做|搞|讲|说)*")
COUNT_BEFORE = 6  # 「提了几条下一步的对策建议」: the most characters between how many and the part named
LONGEST_PART = 40  # the longest heading a question is looked through for


def named_part(index: IndexData, query: Query, docs: list[str] | None = None) -> tuple[str, tuple[str, ...]] | None:
    """A part of a document named beside how many items it holds or what they
    are called (「保障措施一共几条」, 「提了几条下一步的对策建议」, 「重点任务下面分了几个
    “行动”」): its document and heading path (of ``docs`` where given, in their
    order). Only words of filling may stand between the two (「重点任务里专精特新
    要培育几个」 counts firms, not items)."""
    pat = lexicon.get().parts_counted
    if pat is None:
        return None
    asking = re.sub(r"[\s“”\"「」『』‘’]", "", _asked(query))
    names = index.part_names()
    found: dict[tuple[str, tuple[str, ...]], None] = {}
    for m in pat.finditer(asking):
        a, b = m.span()
        ends = [e for e in range(max(0, a - 12), a + 1) if _BETWEEN.fullmatch(asking[e:a])]  # 「保障措施一共几条」
        starts = [s for s in range(b, min(len(asking), b + COUNT_BEFORE) + 1) if not re.search(r"[\d，,。？?；;]", asking[b:s])]
        pieces = [asking[e - n:e] for e in ends for n in range(PART_TAIL, min(e, LONGEST_PART) + 1)]
        pieces += [asking[s:s + n] for s in starts for n in range(PART_TAIL, LONGEST_PART + 1) if s + n <= len(asking)]
        for piece in pieces:
            found.update(dict.fromkeys(names.get(piece, ())))
    if docs is not None:
        return next(((d, path) for d in docs for doc, path in found if doc == d), None)
    return next(iter(found), None)


def _heading_lines(index: IndexData, first: dict[str, int]) -> list[Evidence]:
    """Each heading quoted from its own line (the clause it opens, by position)."""
    spans = []
    for heading, cp in first.items():
        text = index.clauses[cp].text
        end = head_end(text, 0, len(text), heading.replace(" ", ""))
        if end is not None:
            spans.append(Evidence(cp, 0, end, 1.0, 1.0, 1.0, 1))
    return spans


def part_items(index: IndexData, doc: str, path: tuple[str, ...]) -> Finding:
    """The items of a part of a document, each quoted from its own heading
    line, and how many there are."""
    first: dict[str, int] = {}
    for cp in index.clauses_of(doc):
        p = index.clauses[cp].path
        if index.clauses[cp].kind in (CLAUSE, HEADING) and len(p) > len(path) and p[:len(path)] == path:
            first.setdefault(p[len(path)], cp)
    spans = _heading_lines(index, first)
    if len(spans) < 2:
        return Finding()
    title = index.documents[doc].title
    return Finding(tuple(spans), lead=(f"注：《{title}》「{path[-1]}」下共{len(first)}项，以上按原文顺序引出各项标题。",))


def outline(index: IndexData, query: Query, hits: list[Hit]) -> Finding:
    """「…一共几大部分」, 「重点任务分成哪几大行动」: the headings of the document
    asked about in order, or those under the part of it the question names,
    each quoted from its own line; with how many numbered items the parts
    hold when that is asked (「一共多少条」). Not of a document the library
    does not hold, named by its 文号 (the one citing it has its own parts)."""
    unheld = unheld_numbers(index, query)
    if unheld and not number_claimed(query.asking) and not titled_docs(index, query):
        typed = next(typed_docno(m.group(0)) for m in DOCNO_RE.finditer(query.text) if docno_key(m.group(0)) in unheld)
        return Finding(refusal=f"文号为「{typed}」的文件的结构（文件库中没有这份文件）")
    doc = _docs_in_play(index, query, hits)[0]
    asking = plain(_asked(query))
    body = [cp for cp in index.clauses_of(doc) if index.clauses[cp].kind in (CLAUSE, HEADING) and index.clauses[cp].path]
    tops = list(dict.fromkeys(index.clauses[cp].path[0] for cp in body))
    named = [t for t in tops if len(plain(MARKER.sub("", t))) >= 2 and plain(MARKER.sub("", t)) in asking]
    if not named and (unit := _UNIT_COUNTED.search(asking)):
        # 「…是不是也是按几个“行动”排的」: the part whose headings are of the kind counted (「二、重点任务」's
        # 「（一）实施产业赋能行动…」), where no part is named
        named = [t for t in tops if sum(1 for h in dict.fromkeys(index.clauses[cp].path[1] for cp in body
                                                            if index.clauses[cp].path[0] == t and len(index.clauses[cp].path) > 1)
                                        if unit.group(1) in h) >= 2][:1]
    # (where a part stands, guessed: 「“保障措施”是放在第二部分吧」 is answered by the parts in order)
    placed_at = lexicon.get().placed_at
    depth = 1 if len(named) == 1 and not (placed_at and placed_at.search(asking)) else 0
    first: dict[str, int] = {}
    for cp in body:
        path = index.clauses[cp].path
        if len(path) > depth and (not depth or path[0] == named[0]):
            first.setdefault(path[depth], cp)
    spans = _heading_lines(index, first)
    if len(spans) < 2:
        return Finding()
    # the numbered items (「1.」 … 「19.」) its parts hold, at whatever depth they stand
    items = {h for cp in body for h in index.clauses[cp].path[depth:] if _NUMBERED.match(h)
             and (not depth or index.clauses[cp].path[0] == named[0])}
    if _ITEMS_COUNTED.search(asking) and len(items) >= 2:
        title = index.documents[doc].title
        return Finding(tuple(spans), lead=(f"注：《{title}》{'「' + named[0] + '」' if depth else '正文'}共{len(first)}个部分，其中带编号的条目共{len(items)}条，以上按原文顺序引出各部分标题。",))
    return Finding(tuple(spans))


_ITEMS_COUNTED = re.compile(r"(?:多少|几)条")
_UNIT_COUNTED = re.compile(r"(?:几|哪几)(?:大|个)?[“\"]?([\u4e00-\u9fff]{2})(?![\u4e00-\u9fff]*(?:计划|方案))")  # 几个“行动”: 行动
_NUMBERED = re.compile(r"\s*\d{1,2}\s*[.．、]")


def answer(index: IndexData, query: Query, hits: list[Hit]) -> Finding:
    """The sentence of each document in play that states what is asked."""
    facet = facets(query)
    part = named_part(index, query, _docs_in_play(index, query, hits))
    if part:
        found = part_items(index, *part)
        if found.spans:
            return found
    if "outline" in facet:
        found = outline(index, query, hits)
        if found.spans or found.refusal:
            return found
    if facet == {"validity"} and period_of_content(index, query, hits):
        return Finding()  # what the text says, not the document's period
    terms = question_terms(index, query)
    # a follow-up that names the document it asks about (「那市里配套出的那个…方案管到哪一年？」): its own words
    # (or without what the asker tells of themself: 「…，我要写进报告里」)
    asking = _asked(query)
    named = question_terms(index, query.part(asking)) if query.followup or query.ask != query.text or asking != query.asking else terms
    # (the documents retrieved, then the other documents of the places asked: the one citing it may not be
    # retrieved when a held title reads much the same, 「济南…三年行动计划」 beside 市中区's 行动计划)
    local = [d for d, m in index.documents.items() if any(within(m.region, p.name) for p in query.places)]
    cited = cited_document(index, query, list(dict.fromkeys([h.clause.doc_id for h in hits[:5]] + local[:MAX_LOCAL])), facet, named)
    if cited is None:
        in_play = _docs_in_play(index, query, hits)
    else:
        # 「济南那个三年行动计划和淄博的方案，谁先出台」: the one the library does not hold by the sentence citing
        # it, a held one named of another place by its own
        region = index.documents[index.clauses[cited.clause_pos].doc_id].region
        # (of the same place or below it only when the question names that very place: 「市中区那份…行动计划，
        # 是…济发〔2023〕7号吧」 asks of 市中区's own plan, 「济南…三年行动计划」 not of it)
        in_play = [d for d in dict.fromkeys(numbered_docs(index, query) + named_docs(index, query))
                   if not within(index.documents[d].region, region)
                   or (index.documents[d].region != region and any(p.name == index.documents[d].region for p in query.places))]
        if not in_play:
            day = _day_unsaid(index, query, cited) if "date" in facet else None
            if day:
                return Finding(refusal=day)
            return Finding((cited,), corrections=_cited_number_told(index, query, cited) if "number" in facet else ())
    unheld = _unheld_title(index, query)
    if unheld and facet & set(_FACET_NAME) and facet <= set(_FACET_NAME) | {"references"}:
        # 「《济南市工业投资倍增三年行动计划》的文号是多少」: a document the library does not hold,
        # and no sentence citing it states what is asked
        what = "、".join(_FACET_NAME[f] for f in sorted(facet) if f in _FACET_NAME)
        return Finding(refusal=f"《{unheld}》的{what}（文件库中没有这份文件，引用它的文件也没有写明）")
    spans: list[Evidence] = [cited] if cited is not None else []
    unsaid: list[str] = []
    for doc in in_play:
        meta = index.documents[doc]
        own = facet
        if "number" in facet and not meta.number and "references" not in facet:
            told = _numbers_told(index, query, in_play)
            if not facet - {"number", "date"} and not told:  # (a year the question names reads as a date asked too)
                return Finding(refusal=f"《{meta.title}》的文号（文件文本中没有载明文号）")
            if not facet - {"number", "date"}:
                # 「…实施意见的文号是济发〔2023〕7号吧」: the document's own line (what it is and when), that
                # it carries no 文号, and whose the number told is
                return Finding(tuple(_whole_line(index, b[1]) for b in [_stating(index, doc, frozenset({"date"}), terms)] if b),
                               (f"《{meta.title}》的文号（文件文本中没有载明文号）",), corrections=told)
            # 「发文机关和文号是什么」: the issuer stated, the 文号 named as not (of the document asked about,
            # not of a report whose sentence states another's: 「那个三年行动计划…文号多少」)
            kinds = _kinds_named(index, asking)
            if not kinds or any(k in meta.title.split("》")[-1] for k in kinds):
                unsaid.append(f"《{meta.title}》的文号（文件文本中没有载明文号）")
            own = facet - {"number"}
        # 文号多少？依据哪个文件？ — the sentence that states each facet asked
        for asked in [frozenset({f}) for f in sorted(own)] or [own]:
            best = _stating(index, doc, asked, terms)
            if best is None and asked == {"validity"} and not (query.intents - {"validity", "comparison"}):
                # still in force? No period stated (「未载明有效期」, said in the
                # document line): when it was issued. A question that also asks
                # what the document says (「目标定到哪一年」) is answered from that.
                best = _stating(index, doc, frozenset({"date"}), terms)
                if not meta.valid_until and _PERIOD_ASKED.search(asking):  # how long asked: say it is not set
                    unsaid.append(f"《{meta.title}》的有效期（文件没有载明有效期或施行期限，以下是它的印发日期）")
            steps: list[Evidence] = []
            if asked == {"validity"} and _horizon_asked(asking):
                horizon = _horizon(index, doc)  # 「济宁那个意见的目标定到哪一年」: the goal, not the period
                if horizon:
                    best, step = horizon, _milestone(index, doc, horizon[1])
                    steps = [step] if step else []
            if asked == {"references"} and _ALL_ASKED.search(asking) and best is not None:
                steps = _other_citations(index, doc, best[1])  # 「引用了哪些…文件」: each one it cites
            if best is not None:
                for e in (_whole_line(index, best[1]), *steps):
                    if not any(x.clause_pos == e.clause_pos and x.start == e.start for x in spans):
                        spans.append(e)
    if spans:  # (and the sentence stating a figure the question asks the source of: 「5290PFlops这个数，是谁发的什么材料里说的」)
        spans += [e for e in _figure_sentences(index, query.text, in_play)
                  if not any(x.clause_pos == e.clause_pos and x.start <= e.start < x.end for x in spans)]
    if not spans:
        return Finding()
    return Finding(tuple(spans), tuple(unsaid), corrections=_numbers_told(index, query, in_play) if "number" in facet else ())


def _day_unsaid(index: IndexData, query: Query, cited: Evidence) -> str | None:
    """「…那个三年行动计划具体是2023年11月几号印发的」: the day asked of a
    document the library knows only by a sentence citing it that gives no day
    (「2023年11月制定出台了《…》」)."""
    day = lexicon.get().day
    text = DOCNO_RE.sub("", cited.text(index))  # (济发〔2023〕7号 gives no day)
    if day is None or not day[0].search(untold(query.asking)) or day[1].search(text):
        return None
    return "这份文件具体哪一天印发（引用它的文件没有写到日）"


def _figure_sentences(index: IndexData, text: str, docs: list[str]) -> list[Evidence]:
    """The sentences of ``docs`` that state a figure the question quotes with its unit (at most
    ``FIGURE_SENTENCES``), where it names one or two."""
    said = quoted_figures(text)
    out = []
    for doc in docs:
        for cp in index.clauses_of(doc):
            for sid in index.segments_of(cp):
                _, a, b = index.segments[sid]
                if any(f.search(index.clauses[cp].text[a:b]) for f in said):
                    out.append(Evidence(cp, a, b, 0.0, 0.0, 0.0, 0))
    return out[:FIGURE_SENTENCES]


def _stating_docs(index: IndexData, text: str) -> list[str]:
    """The documents whose text states every figure the question quotes
    (「5.6万个5G基站这个数出自谁发的什么材料」); none when it quotes none."""
    said = quoted_figures(text)
    if not said:
        return []
    return [d for d in index.documents if all(any(f.search(index.clauses[cp].text) for cp in index.clauses_of(d)) for f in said)]


FIGURE_SENTENCES = 2  # the sentences stating a quoted figure added to a document's answer


def _numbers_told(index: IndexData, query: Query, docs: list[str]) -> tuple[str, ...]:
    """「…那个意见，我这写的文号是济发〔2023〕7号，帮我确认下对不对」: a 文号 the
    question gives the one document asked about that is not its own: the
    answer says so, rather than leaving the asker to compare, and says whose
    it is where the library knows (a held document's, or one a held text cites
    with it)."""
    if len(docs) != 1:
        return ()
    meta = index.documents[docs[0]]
    out = []
    for t in dict.fromkeys(typed_docno(m.group(0)) for m in DOCNO_RE.finditer(query.text)):
        if meta.number and docno_key(t) == docno_key(meta.number):
            continue
        whose = _whose_number(index, docno_key(t))
        if meta.number:
            out.append(f"注：《{meta.title}》的文号是{meta.number}，不是问题中的{t}。{f'{t}是{whose}的文号。' if whose else ''}")
        elif whose:
            out.append(f"注：{t}是{whose}的文号，不是《{meta.title}》的。")
    return tuple(out)


def _cited_number_told(index: IndexData, query: Query, cited: Evidence) -> tuple[str, ...]:
    """「…三年行动计划，文号是济政发〔2023〕7号吧」, answered by the sentence citing it with
    another 文号: the answer says the number told is not the one cited."""
    seg = index.clauses[cited.clause_pos].text[cited.start:cited.end]
    ref, number = REFERENCE.search(seg), DOCNO_RE.search(seg)
    if not ref or not number:
        return ()
    title = ref.group(0).split("》")[0] + "》"
    return tuple(f"注：{title}的文号是{typed_docno(number.group(0))}（据所引），不是问题中的{t}。"
                 for t in dict.fromkeys(typed_docno(m.group(0)) for m in DOCNO_RE.finditer(query.text))
                 if docno_key(t) != docno_key(number.group(0)))


def _whose_number(index: IndexData, key: str) -> str | None:
    """The document a 文号 belongs to, by its title: a held one (with its
    issuer), or one a held text cites with it (「《…三年行动计划(2023—2025年)》
    (济发〔2023〕7号)」, and which text cites it)."""
    held = next((m for m in index.documents.values() if m.number and docno_key(m.number) == key), None)
    if held:
        return f"《{held.title}》（{held.issuer}）"
    for doc in index.cited_numbers().get(key, ()):
        for cp in index.clauses_of(doc):
            text = index.clauses[cp].text
            for m in DOCNO_RE.finditer(text):
                # the title just before it: 「《…(2023—2025年)》(济发〔2023〕7号，以下简称…)」
                title = re.search(r"(《[^》]{2,80}》)[^《》。；;]{0,6}$", text[max(0, m.start() - 90):m.start()])
                if title and docno_key(m.group(0)) == key:
                    return f"{title.group(1)}（据《{index.documents[doc].title}》所引）"
    return None
