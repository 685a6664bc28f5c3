"""The default answerer: no LLM, only verbatim quotes with citations.

question + retrieved clauses -> ``Answer``, in separate steps:

1. *refusal* (``refusal.py``): named predicates decide whether the documents
   answer what the question asks for;
2. *selection*: which sentences answer, per part of a multi-part question
   and per side of a comparison;
3. *composition*: the selected spans -> a structured answer (blocks per
   document, statements with citation numbers and offsets, notes);
4. *rendering* (``render``): the structure -> the text a person reads.

Every quote is checked to be a verbatim span of its clause (``verify``); a
citation is only made for a clause the answer quotes. Questions about the
documents themselves are answered from their metadata (``docqa.py``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace

from . import arithmetic, docqa, duties, lexicon, superlative
from .completion import (CLOSING, head_end, BUDGET, PASSAGE, answer_start, asked_count, complete, enumeration, other_section, passage_question,
                         named_part, names_section, run_on, section, section_name, widen)
from .embeddings import embed_array
from .measure_parse import TARGET
from .errors import PolicybotError
from .evidence import (CHOSEN, DUTY_TEXT, LISTS, Evidence, asks, asks_goal, its_year, chosen_by, counted, defined_terms, duty_span, fund_asked, kind_claimed, listed_nouns, lists_members, measure_of, quoted_terms, money, number, support, score_segments, sets_fund,
                       clause_goal_year, states_goal, topic_words, idf)
from .figures import BY_CASE, figure_lines, figure_values
from .index import IndexData
from .normalize import fold_text
from .query import CITY_ASKED, Query, asks_only_whether_granted, asks_where, asks_whether_support, heard, heard_figures, heard_pieces, pieces_asking, points_back, untold
from .refusal import (Case, Thresholds, says_exact, absent_from_documents, known, asked_years, asks_quantity, figure_absent_from_side, heard_unsaid, support_without_amount, amount_asked_whether_written, unit_claimed_beside, lists_department, named_departments, reason,
                      says_heard, says_quantity, selection_notes, selection_reason, slot_missing)
from .regions import Place, covers, find_places, within
from .retrieve import compared_docs, fits_naming, named_docs, numbered_docs, titled_docs
from .sides import a_side_answers, area_figure, asks_own_measure, sides, sides_that_answer
from .types import DUTY, FOOTER, MASTHEAD, PREAMBLE, Answer, Block, Citation, Hit, Statement
from .validity import document_line, past_target_note

__all__ = ["ExtractiveAnswerer", "Thresholds", "UnverifiedQuoteError", "problems", "render", "verify"]


LEAD_CHARS = 120  # a document's opening: where a notice names its issuer and place
SHORT_ANSWER = 150  # characters of quotes for a one-fact question (set on the dev parts of both eval sets)
TIE = 0.06  # a further sentence scoring this close to the best joins a one-fact answer up to twice its length
PASSAGE_DROP = 1.6  # a passage stops at a sentence scoring this far below its best one (corpus-ncp dev: 0.3-1.6 tried; 1.6 keeps every covered span)
# a sentence that says what the question asks for and the best one does not (a number for how many, a step for how
# to apply) joins it when it holds this share of the best one's question words: 100% left
# 「邮政业…承运了多少抗疫救援物资」 refused beside its count sentence (0.43 of them); 0 and 0.4 give the same answers
# on the dev parts of corpus-ncp and both eval sets, and 0 moves two fresh-batch answers (one each way), 0.4 none
SUPPORT_SHARE = 0.4
# how to apply asked and the best sentence says no step of it: the sentence that does, looked for further down than a
# figure is (the first ten sentences, three margins below the best: the alternative is to decline the question; two
# margins left 「…发票寄递业务的流程是什么」 declined, its step sentence 2.5 below)
HOW_DEPTH = 10
HOW_MARGINS = 3
SHORT_QUOTE = 10  # a quote whose headline would leave less than this is quoted whole


# what an asker follows an answer up with (where to call, how to apply, by when, whether two can be had together): not given, noted, not refused
FOLLOW_UP_SLOTS = frozenset({"contact", "conditions", "deadline", "duration", "place", "person", "stacking"})
MISSING_NOTE = "文件没有写明："  # a note naming a part of the question the documents do not answer
UNCOVERED_NOTE = "未收录"  # a note naming a place no document is about


def names_missing(answer: Answer) -> bool:
    """The answer says that a part of the question is not answered (a part,
    a side of a comparison, a place without documents)."""
    return any(n.startswith((MISSING_NOTE, UNCOVERED_NOTE)) for n in answer.notes)


class UnverifiedQuoteError(PolicybotError):
    """A quote that is not verbatim in its clause reached the answer text."""


_YEAR_IN = re.compile(r"(?<!\d)(20\d{2})\s*年")


@dataclass(frozen=True)
class Selection:
    """The spans chosen to answer, and the parts the documents do not cover."""

    spans: tuple[Evidence, ...]
    missing: tuple[tuple[str, str], ...] = ()  # (part of the question, what is not there)
    unsaid: tuple[str, ...] = ()  # what the chosen spans answer only in part (a group's count for one member's)
    extremes: tuple[tuple[tuple[superlative.Ranked, ...], int], ...] = ()  # figures ranked for 「哪个最高」, and which way
    duty_lists: tuple[tuple[str, tuple[duties.Duty, ...]], ...] = ()  # the measures a unit asked of is listed for
    worked: tuple[arithmetic.Worked, ...] = ()  # a share, difference or multiple of two quoted figures, worked out


class ExtractiveAnswerer:
    def __init__(self, index: IndexData, embeddings, *, today: dt.date | None = None, thresholds: Thresholds = Thresholds()):
        self.index = index
        self.embeddings = embeddings
        self.today = today or dt.date.today()
        self.t = thresholds
        self._lead: dict[str, str] | None = None

    # ------------------------------------------------------------ entry
    def __call__(self, query: Query, hits: list[Hit]) -> Answer:
        if not query.asks:
            return self.refuse(query, hits, "", lead="没有识别到需要查询的政策问题：只看到对助手的指令，这类指令不会被执行。请直接写出想问的政策问题。")
        places = [p for p in query.places if p.kind != "省" or p.name != "山东省"]
        uncovered = [p for p in places if not self._covered(p, hits)]
        if places and len(uncovered) == len(places):
            names = "、".join(p.name for p in uncovered)
            # clauses about other places are no lead for this one: no 可能相关 list
            return self.refuse(query, [], f"关于{names}的政策文件（目前收录：{self._regions()}）")
        if not hits:
            return self.refuse(query, hits, "与这个问题相关的条款")
        if docqa.is_about_document(query, self.index) and not query.parts:
            if own := self._own_document_unheld(query, places):
                return self.refuse(query, hits, own)
            found = docqa.answer(self.index, query, hits)
            if found.refusal:
                return self.refuse(query, hits, found.refusal)
            if found.spans:
                return self.compose(query, Selection(tuple(found.spans)), found.lead + found.corrections + tuple(f"{MISSING_NOTE}{n}" for n in found.notes))
        selection = self.select_parts(query, hits)
        if (not selection.spans and not query.parts and "validity" in docqa.facets(query)
                and docqa.is_about_document(replace(query, intents=query.intents & {"validity"}), self.index)):
            # 「市中区那个奖励政策到啥时候结束」: nothing of what the policy gives is asked, but how long it runs
            # (not a programme the text runs, 「“云帆计划”从哪年搞到哪年」, nor the year a figure is set for)
            found = docqa.answer(self.index, query, hits)
            if found.spans and not found.refusal:
                return self.compose(query, Selection(tuple(found.spans)), tuple(f"{MISSING_NOTE}{n}" for n in found.notes))
        if not selection.spans:
            why = "；".join(dict.fromkeys(w for _, w in selection.missing)) or "与这个问题相关的条款"
            return self.refuse(query, hits, why)
        area = self._area_figure(query, places, selection)
        if area:
            return self.refuse(query, hits, area)
        notes = tuple(f"{MISSING_NOTE}{part}（未找到{what}）" for part, what in selection.missing)
        notes += tuple(f"{MISSING_NOTE}{what}" for what in selection.unsaid)
        notes += self._elsewhere(query, places, uncovered, selection)
        notes += self._other_years(query, selection)
        how = self._no_procedure(query, selection)
        if how and self._asks_only_how(query, selection):
            return self.refuse(query, hits, lexicon.get().slot("conditions").what)
        notes += how
        if uncovered:
            notes += (f"{UNCOVERED_NOTE}{'、'.join(p.name for p in uncovered)}的政策文件，以下只回答其余地区。",)
        return self.compose(query, selection, notes)

    def _area_figure(self, query: Query, places: list[Place], selection: Selection) -> str | None:
        """One place asked, a target or an achieved figure (``sides.area_figure``);
        a county named inside its city (「泗水县在济宁…」) is the one asked, unless
        the city is asked of too (「市里给了…，市中区的计划里有没有…」); what
        the city gives, named as what the district's is besides (「在市里200万之外
        还配套多少」), is not asked."""
        # 「我们是济宁兖州一家小纺织厂…听说济宁市县一起出钱弄了个基金，…多大规模？」: where the asker is,
        # told before the question, is not what it asks about when the question names a place of its own
        if query.asking != query.text:  # (the asker told of themself first)
            named = {p.name for p in find_places(query.asking)}
            places = [p for p in places if p.name in named] or places
        pieces, _ = pieces_asking(_BESIDES.sub("", query.text))
        # 「淄博方案里…190家的目标，分解到张店区是多少家？」: the district's share of the city's figure
        shared = [p for p in places if p.kind in ("区", "县") and re.search(rf"{_SHARED_TO}\s*{re.escape(p.name.removeprefix(p.city or ''))}", query.text)]
        if len(shared) == 1:
            places = shared
        # (「济南全市算力听说有…，那历下区有多少？」: the city's figure heard, not asked; 「他听说市里对每个化工园区…
        # 定了硬指标」 tells no figure: the city is asked)
        elif not any(CITY_ASKED.search(x) and not (heard(x) and (heard_figures(x) or re.search(r"\d", x))) for x in pieces):
            places = [p for p in places if not any(o != p and within(o.name, p.name) for o in places)]
        if len(places) != 1 or query.parts or "comparison" in query.intents:
            return None
        docs = [self.index.documents[self.index.clauses[e.clause_pos].doc_id] for e in selection.spans]
        if (_OWN_DISTRICT.search(query.asking) and not _TO_DISTRICT.search(query.asking) and (query.subsidy or "amount" in query.slots)
                and places[0].kind not in ("区", "县") and docs and not any(d.region_inferred for d in docs)
                and not any(d.region.endswith(("区", "县")) for d in docs)):
            # 「区里自己还额外给多少？」 of no district named: the city's documents say what the city gives
            return f"区县自己的政策——相关条款说的是{'、'.join(sorted({d.region for d in docs}))}的"
        return area_figure(query, places[0], docs)

    def _elsewhere(self, query: Query, places: list[Place], uncovered: list[Place], selection: Selection) -> tuple[str, ...]:
        """Every quote is from documents of other places than the ones asked
        (a region read from a notice's text is a guess, so such documents stay
        in the running): say so, rather than let 济南's rate pass for 淄博's."""
        asked = [p for p in places if p not in uncovered]
        regions = {self.index.documents[self.index.clauses[e.clause_pos].doc_id].region for e in selection.spans}
        if not asked or not regions or "" in regions:
            return ()
        said = [p for p in asked if any(covers(r, p) for r in regions)]
        if said:
            # 「槐荫区有没有类似市中区这样的…」: 市中区's document answers, 槐荫区 is not in it
            # (a comparison names its missing side itself; 济南 around 市中区 is no other place)
            if "comparison" in query.intents:
                return ()
            # only for the place the question opens with, what it is about (not 「重庆市为湖北支援了多少血液」)
            asked = [p for p in asked[:1] if p not in said and not any(within(q.name, p.name) or within(p.name, q.name) for q in said)]
            if not asked:
                return ()
        names = "、".join(p.name for p in asked)
        return (f"{MISSING_NOTE}{names}的情况（以下条款出自{'、'.join(sorted(regions))}的文件，不是{names}的）",)

    def _other_years(self, query: Query, selection: Selection) -> tuple[str, ...]:
        """A year asked (「市中区2024年规上工业营收是多少」) that no quote
        mentions, when the quotes speak of other years (the plan's 2026
        target): say so, rather than let the other year's figure pass for it.
        A year that names a document (「2024年的行动计划」) or when a target
        was set (「2020年定的目标」) is not asked."""
        idx = self.index
        said = " ".join(e.text(idx) for e in selection.spans)
        others = sorted({int(y) for y in _YEAR_IN.findall(said)})
        missing = [y for y in asked_years(query) if str(y) not in said]
        if not missing:
            return ()
        asked = "、".join(f"{y}年" for y in missing)
        if others:
            return (f"{MISSING_NOTE}{asked}的情况（以下条款说的是{'、'.join(f'{y}年' for y in others)}）",)
        # no year said at all, and what is quoted is a goal (「工业增加值占GDP比重提高到30%以上」
        # under 「发展目标」), not what the asked year came to
        paths = [h for e in selection.spans for h in idx.clauses[e.clause_pos].path]
        if (asks_quantity(query) and not asks_goal(query.asking) and states_goal(said, paths)
                and not _YEAR_IN.search(" ".join(paths))):
            return (f"{MISSING_NOTE}{asked}的实际情况（以下条款是文件定下的目标，没有写{asked}的数字）",)
        return ()

    def _no_procedure(self, query: Query, selection: Selection) -> tuple[str, ...]:
        """How to apply asked (「技改补贴怎么申请」) and no quote says how (no
        材料, 流程, 提交, 受理…): say so, rather than let the rate and the
        责任单位 pass for the procedure."""
        if not self._how_asked(query):
            return ()
        if any(self._says_how(e) for e in selection.spans):
            return ()  # a quote says how, itself or under its heading (一、办理流程 › 1、…)
        return (f"{MISSING_NOTE}申请的流程和所需材料（以下条款没有写如何申请）",)

    def _how_asked(self, query: Query) -> bool:
        """How to apply is asked (怎么申请, 流程, 要准备什么材料: the lexicon's ``procedure``)."""
        proc = lexicon.get().procedure
        return proc is not None and bool(proc[0].search(lexicon.get().written(query.asking)))

    def _says_how(self, e: Evidence) -> bool:
        """The sentence says a step of how to apply (登录, 提交, 受理, 材料…), itself or under its heading."""
        proc = lexicon.get().procedure
        idx = self.index
        return proc is not None and bool(proc[1].search(" ".join((*idx.clauses[e.clause_pos].path, e.text(idx)))))

    def _subject_of(self, words: list[str], top: Evidence) -> str | None:
        """The rarest of the question's ``words`` that the best sentence says: a sum
        beside it is taken only from a sentence of that (「济南对绿色工厂给补贴吗」: 绿色工厂,
        not the 技改 rate nearby; ``_speaks_of``)."""
        said = [w for w in words if w in top.text(self.index)]
        return max(said, key=lambda w: idf(self.index, w)) if said else None

    def _speaks_of(self, word: str | None, e: Evidence) -> bool:
        """``e`` says ``word``, itself or under its heading (any sentence when there is none)."""
        idx = self.index
        return word is None or word in e.text(idx) or word in " ".join(idx.clauses[e.clause_pos].path)

    def _heard_beside(self, query: Query, selection: Selection) -> tuple[Evidence, ...]:
        """A figure the asker has heard (「同行跟我说…省级研发机构最高给500万」)
        that the chosen sentences do not say and another sentence of their
        clause does (「新获批国家级…的企业，给予最高500万元扶持」): that
        sentence too, so the answer shows what the figure is of."""
        heard = heard_figures(query.text)
        # the same for a thing heard of by name (「金融这块有啥具体动作？听说有个信贷扩容」): the sentence of the
        # clause quoted that names it, by four characters of what was heard that few clauses share (a name,
        # not 集群企业 or 先进制造)
        grams = {fold_text(m.group(0))[i:i + 4] for x in heard_pieces(query.text) for m in _RUN.finditer(x)
                 for i in range(len(m.group(0)) - 3)}
        if not (heard or grams) or not selection.spans:
            return ()
        idx = self.index
        chosen = fold_text(" ".join(e.text(idx) for e in selection.spans))
        named = [g for g in grams if g not in chosen and sum(g in t for t in idx.plain_texts()) <= HEARD_NAME_CLAUSES]
        out: list[Evidence] = []
        for says in [lambda t, f=f: says_heard(f, t) for f in heard if not says_heard(f, chosen)] + \
                [lambda t, g=g: g in t for g in sorted(named)]:
            for cp in dict.fromkeys(e.clause_pos for e in selection.spans):
                text = idx.clauses[cp].text
                seg = next(((a, b) for sid in idx.segments_of(cp) for _, a, b in [idx.segments[sid]]
                            if says(fold_text(text[a:b]))), None)
                if seg:
                    if not any(o.clause_pos == cp and o.start == seg[0] for o in out):
                        out.append(Evidence(cp, seg[0], seg[1], 0.0, 0.0, 0.0, 1))
                    break
        return tuple(out)

    def _asks_only_how(self, query: Query, selection: Selection) -> bool:
        """The question asks nothing but how to apply (流程, 材料, where to
        file: 「具体咋报？要准备哪些材料，去哪个系统或窗口报？」) and no quote
        says where to file either: the measure quoted answers none of it."""
        # (of the parts the documents answer at all: 「…要准备啥材料，每年几月份截止？」 with no date written
        # asks nothing else they answer)
        missing = {part for part, _ in selection.missing}
        parts = [p for p in ([query.part(x) for x in query.parts] or [query]) if p.standalone not in missing] or [query]
        slots = frozenset().union(*(p.slots for p in parts)) or query.slots
        if slots - {"conditions", "contact"} or not slots:
            return False
        said = " ".join(e.text(self.index) for e in selection.spans)
        return not ("contact" in slots and lexicon.get().slot("contact").carried.search(said))

    def _own_document_unheld(self, query: Query, places: list[Place]) -> str | None:
        """「张店区有没有自己出台的配套政策？文号多少？」: a district's or county's own
        document asked where the library holds none of that place (its city's
        document is not the district's)."""
        local = [p for p in places if p.kind in ("区", "县")]
        if len(local) != 1 or not asks_own_measure(query):
            return None
        place = local[0]
        if any(d.region_inferred or within(d.region, place.name) for d in self.index.documents.values()):
            return None
        return f"{place.name}自己出台的政策文件（目前收录：{self._regions()}）"

    def _covered(self, place: Place, hits: list[Hit]) -> bool:
        """A place some document is about: by its region, or by naming it in
        its title or its opening lines (a notice names its issuer and place
        first; documents ingested without a catalog entry may have no region)."""
        docs = self.index.documents
        if any(covers(d.region, place) for d in docs.values()):
            return True
        names = {place.name, place.name.rstrip("市省区县")} - {""}
        for h in hits:
            d = docs[h.clause.doc_id]
            lead = self._leads().get(d.doc_id, "")
            if any(n in d.title or n in lead for n in names):
                return True
        return False

    def _leads(self) -> dict[str, str]:
        """The opening characters of every document (built once per index)."""
        if self._lead is None:
            first: dict[str, tuple[int, str]] = {}
            for c in self.index.clauses:
                if c.doc_id not in first or c.ordinal < first[c.doc_id][0]:
                    first[c.doc_id] = (c.ordinal, c.text[:LEAD_CHARS])
            self._lead = {d: t for d, (_, t) in first.items()}
        return self._lead

    def _regions(self) -> str:
        return "、".join(sorted({d.region for d in self.index.documents.values() if d.region}))

    # ------------------------------------------------------------ selection
    def evidence(self, query: Query, hits: list[Hit]) -> list[Evidence]:
        qvec = embed_array(self.embeddings, [query.standalone], query=True)[0]
        return _by_named_department(self.index, query, score_segments(self.index, query, qvec, hits))

    def _region(self, e: Evidence) -> str:
        return self.index.documents[self.index.clauses[e.clause_pos].doc_id].region

    def _own_side(self, query: Query, part: Query, ev: list[Evidence], compared: list[str]) -> tuple[list[Evidence], str]:
        """A side of a comparison (a part that names its own place, or its own one of the ``compared``
        documents): its sentences from the documents of that place (or of none read) or that document,
        and the first of the other sides' sentences, folded; else all, ""."""
        if part.places == query.places:
            if not compared:
                return ev, ""
            # (a side named by its document, 「…意见定的是哪年？评估报告里说实际哪年破的」: that document's sentences)
            own = [d for d in numbered_docs(self.index, part) or titled_docs(self.index, part) or named_docs(self.index, part)
                   if d in compared and fits_naming(self.index, part.text, d)]
            if not own or set(own) == set(compared):
                return ev, ""
            mine = [e for e in ev if self.index.clauses[e.clause_pos].doc_id in own]
            return mine, "".join(fold_text(e.text(self.index)) for e in [e for e in ev if e not in mine][:3])
        mine = [e for e in ev if not self._region(e) or any(covers(self._region(e), p) for p in part.places)]
        if any(p.kind in ("区", "县") and any(q.name == p.city for q in query.places) for p in part.places):
            # 市中区 beside 济南: the district's own documents, not the city's that hold inside it
            mine = [e for e in mine if any(within(self._region(e), p.name) for p in part.places)]
        return mine, "".join(fold_text(e.text(self.index)) for e in [e for e in ev if e not in mine][:3])

    def _workable(self, query: Query, ev: list[Evidence]) -> list[Evidence]:
        """The best sentences two figures may be worked with: of the best one's document, unless the
        question sets places or documents side by side (not 市中区's 350亿 less 济宁's 300亿 for
        「评估报告里…和2024年比多了多少」)."""
        if not ev or len({p.name for p in query.places}) >= 2 or len(compared_docs(self.index, query)) >= 2:
            return ev[:WORKED_FROM]
        doc = self.index.clauses[ev[0].clause_pos].doc_id
        return [e for e in ev[:WORKED_FROM] if self.index.clauses[e.clause_pos].doc_id == doc]

    def _side_missing(self, part: Query, case: Case, others: str) -> str | None:
        """A side answered only by the documents of the area around it (历城区 by 济南's)."""
        if not others or not case.evidence or len(part.places) != 1:
            return None
        return area_figure(part, part.places[0], [self.index.documents[self.index.clauses[e.clause_pos].doc_id] for e in case.evidence])

    def select_parts(self, query: Query, hits: list[Hit]) -> Selection:
        """Each part of the question answered on its own; the parts the
        documents do not cover are named."""
        parts = [query.part(p) for p in query.parts] or [query]
        spans: list[Evidence] = []
        missing: list[tuple[str, str]] = []  # parts the documents do not answer
        sides: list[tuple[str, str]] = []  # sides of a comparison they do not
        unsaid: list[str] = []
        extremes: list[tuple[tuple[superlative.Ranked, ...], int]] = []
        listings: list[tuple[str, tuple[duties.Duty, ...]]] = []
        worked: list[arithmetic.Worked] = []
        # the clauses that state the document asked about, put first by the chain (``chain.by_document``), are
        # not what a part about its content was retrieved with (「…到期了没？评估报告的结论是啥」): they follow its hits
        stating = ({e.clause_pos for e in docqa.answer(self.index, query, hits).spans}
                   if len(parts) > 1 and docqa.is_about_document(query, self.index) else set())
        content_hits = [replace(h, rank=r) for r, h in enumerate(
            sorted(hits, key=lambda h: self.index.pos_of[h.clause.clause_id] in stating), start=1)] if stating else hits
        compared = compared_docs(self.index, query) if len(query.parts) >= 2 else []  # (once, for every side)
        for part in parts:
            if len(parts) > 1 and docqa.is_about_document(part, self.index):  # 「哪天出的？目标是多少？」: the date from the document
                found = docqa.answer(self.index, part, hits)
                if found.spans:
                    spans.extend(e for e in found.spans if not any(_overlap(s, e) for s in spans))
                    unsaid.extend(found.notes)
                    continue
                if found.refusal:
                    missing.append((part.standalone, found.refusal))
                    continue
            if len(parts) > 1 and not part.slots - {"place"} and asks_where(part.asking):
                continue  # 「规定在哪一部分」: said by the 出处 line of the part that is answered
            if part.slots == frozenset({"department"}) and (unheard := self._unheard_of(missing)):
                # 「…工作签证和居留许可怎么办理，要找哪一个部门？」: who handles what no document speaks of, once how to
                # apply for it is not found either, is not the 牵头单位 of a measure about something else
                missing.append((part.standalone, f"办理「{'、'.join(unheard)}」的部门"))
                continue
            if spans and part.slots == frozenset({"department"}) and points_back(part.text) and "comparison" not in part.intents:
                # 「…专项资金是多少？这一块的牵头单位是谁？」: the 牵头/责任单位 of the clause the part before was answered from
                # (not a side of a comparison, which carries the words before the sides: 「组建创新联合体这个事，济南…和淄博…」)
                at = duty_span(self.index, spans[0].clause_pos)
                if at:
                    if not any(s.clause_pos == at[0] and s.start <= at[1] < s.end for s in spans):
                        spans.append(replace(spans[0], clause_pos=at[0], start=at[1], end=at[2]))
                    continue
            ev, others = self._own_side(query, part, self.evidence(part, content_hits), compared)
            # 「六个集群里，2025年营收目标最高的是哪个？」: the figures of that kind side by side, the highest first (a
            # follow-up, 「那2023年的呢」, as restated; the members named, 「新能源、医药…哪个最高」, of the whole question)
            extreme = part.standalone if part.followup else part.asking
            if (way := superlative.asked(extreme)) and (ranked := superlative.rank(
                    self.index, extreme, ev, asked_years(part), way, members=query.standalone if part.followup else query.asking)):
                spans.extend(r.evidence for r in ranked if not any(_overlap(s, r.evidence) for s in spans))
                if (ranked, way) not in extremes:
                    extremes.append((ranked, way))
                continue
            if ev and (unit := duties.asked(part.asking)) and (found := duties.listed(
                    self.index, unit, [self.index.clauses[ev[0].clause_pos].doc_id])):
                # 「哪几项任务把各街道办事处列成了责任单位」: each measure that lists it, by its duty line
                spans.extend(d.line for d in found if not any(_overlap(s, d.line) for s in spans))
                listings.append((unit, found))
                continue
            # 「…总共多少？智算占几成」: a share the text does not write, of two figures it does, worked out below
            # (the figures named anywhere in the question: 「全市算力总规模多少？智能算力占百分之几」)
            whole = query.standalone if part.followup else query.asking
            workings = arithmetic.worked(self.index, whole, self._workable(query, ev)) if arithmetic.asked(part.asking) else ()
            if any(w.kind == arithmetic.SHARE for w in workings):
                part = replace(part, slots=part.slots - {"rate"})
            case = Case(self.index, part, tuple(ev), tuple(content_hits), self.t)  # one per part: its subject is worked out once
            granted = support_without_amount(case)
            if granted or amount_asked_whether_written(case):
                # 「给不给钱？能给多少？」 of a grant the text makes with no figure, or 「…各怎么提的？有没有写具体补多少
                # 钱？」: what the text says, and a note that it gives no sum (no support is asked in the second)
                part = replace(part, slots=part.slots - {"amount"}, subsidy=part.subsidy and granted)
                case = Case(self.index, part, tuple(ev), tuple(content_hits), self.t)
                unsaid.append(f"具体金额或标准（相关条款{'写了给予支持，' if granted else ''}没有写{'金额' if granted else ''}）")
            if unit := unit_claimed_beside(case):
                # 「是不是每年有5个亿的…资金？从哪年开始的？」: what the text says, and a note on the unit it never states
                part = replace(part, units=tuple(u for u in part.units if u != unit))
                case = Case(self.index, part, tuple(ev), tuple(content_hits), self.t)
                unsaid.append(f"按「{unit}」计的数额（相关条款没有写{unit}）")
            if (follow := self._without_follow_up_detail(case)) is not None:
                # 「归哪些部门负责，我们好打电话去问？」: what the documents say (the department), and a note on
                # the follow-up detail they do not (a phone number), rather than nothing
                case, note = follow
                part = case.query
                unsaid.extend(note)
            why = self._side_missing(part, case, others) or reason(case) \
                or ((absent_from_documents(case, others) or figure_absent_from_side(case)) if others and not part.slots else None)
            if why and "comparison" in part.intents and why == slot_missing(case) and a_side_answers(self.index, part, ev, content_hits, self.t):
                why = None  # 「市中区到2026年建多少？济南现在已经有多少？」: each side is held to what is asked of it
            if why:
                missing.append((part.standalone, why))
                continue
            ev, sides_missing = sides_that_answer(self.index, part, ev, content_hits, self.t)
            sides.extend(sides_missing)
            chosen = self.select(part, ev, one_of=len(parts) > 1)
            why = selection_reason(case, chosen)
            if why:
                missing.append((part.standalone, why))
                continue
            unsaid.extend(selection_notes(case, chosen))
            if workings:  # (the sentences of both figures quoted)
                both = (workings[0].larger, workings[0].smaller)
                chosen = list(chosen) + [Evidence(m.clause_pos, m.start, m.end, 0.0, 0.0, 0.0, 0) for m in both
                                         if not any(e.clause_pos == m.clause_pos and e.start <= m.start < e.end for e in chosen)]
                worked.extend(w for w in workings if w not in worked)
            for e in chosen:
                at = next((i for i, s in enumerate(spans) if _overlap(s, e)), None)
                if at is None:
                    spans.append(e)
                else:  # a part's span that runs into another part's (「…培育10家左右…」 into its 牵头单位 line): one span
                    s = spans[at]
                    spans[at] = replace(s, start=min(s.start, e.start), end=max(s.end, e.end))
        if len(parts) == 1 and missing:
            return Selection((), tuple(missing))
        return Selection(tuple(spans), tuple(dict.fromkeys(missing + sides)),  # a side missing for two parts is named once
                         tuple(dict.fromkeys(unsaid)), tuple(extremes), tuple(listings), tuple(worked))

    def _unheard_of(self, missing: list[tuple[str, str]]) -> list[str]:
        """The words, of a part asking how to apply that was declined, that no document
        uses (签证, 居留 of 「那工作签证和居留许可怎么办理」; not the words of asking
        how, 申请 being one the documents do not use either)."""
        proc = lexicon.get().procedure
        out: list[str] = []
        for text, _ in missing:
            # (the piece that asks how: 「工作签证和居留许可怎么办理」, not 「外籍技术人员来淄博工作」 told before it)
            pieces = [x for x in re.split(r"[，,。？?！!；;]", lexicon.get().written(untold(text))) if proc and proc[0].search(x)]
            if not pieces:
                continue
            asked = proc[0].sub(" ", " ".join(pieces))
            out += [w for w in topic_words(self.index, asked) if not known(self.index, w) and w not in out]
        return out

    def _without_follow_up_detail(self, case: Case) -> tuple[Case, tuple[str, ...]] | None:
        """A question asking a department, sum or share and a follow-up detail
        (``FOLLOW_UP_SLOTS``) that the close sentences do not carry, while they
        answer the rest: the case without that slot, and the note naming it
        (none for how to apply, which ``_no_procedure`` names)."""
        part = case.query
        lacking = slot_missing(case) if part.slots - FOLLOW_UP_SLOTS - {"date"} else None
        name = next((n for n in part.slots if lexicon.get().slot(n).what == lacking), None) if lacking else None
        if name not in FOLLOW_UP_SLOTS:
            return None
        rest = Case(self.index, replace(part, slots=part.slots - {name}), case.evidence, case.hits, self.t)
        if reason(rest) is not None:
            return None
        proc = lexicon.get().procedure
        if name == "conditions" and proc and proc[0].search(lexicon.get().written(part.asking)):
            return rest, ()
        return rest, (re.sub(r"^写明|的条款$", "", lacking),)

    def select(self, query: Query, ev: list[Evidence], *, one_of: bool = False) -> list[Evidence]:
        """The spans that answer ``query`` (``one_of``: a part of a multi-part question)."""
        idx = self.index
        chosen: list[Evidence] = []

        def add(e: Evidence) -> None:
            if not any(_overlap(c, e) for c in chosen):
                chosen.append(e)

        # a question that names a section (「有哪些使用要求」): the section's items;
        # not one that asks a figure of it (「医药产业集群到2025年营收目标是多少」)
        quantity = lexicon.get().asks_quantity
        # nor one whose best sentences say what the term it asks about is (「231到底啥意思，俺做新材料的算不算里头」)
        defining = defined_terms(query)
        if (not one_of and not (query.slots - {"conditions"}) and not ({"amount", "department", "comparison"} & query.intents)
                and not (quantity and quantity.search(lexicon.get().written(query.asking)))
                and not any(d.search(e.text(idx)) for e in ev[:3] for d in defining)):
            # (a section of a sentence near the best one: not another document's 「（一）捐赠要求…」 far below it)
            items = section(idx, [e for e in ev if e.score >= ev[0].score - 2 * self.t.margin] if ev else ev, query.asking)
            if items:
                return items
        # preferred among the close ones (in choosing, not in judging what the close ones say): for
        # 「…重点产业链群有哪些」 a sentence that lists its members (「A、B、C等重点产业链群」); for 「我们是做
        # 涂料的，应该去哪个？」 the one that names the trade (「梁山涂料产业园,…」)
        listed = (listed_nouns(query.asking) if "list" in query.intents else []) or kind_claimed(query.asking)
        trade = chosen_by(query)
        if listed or trade:
            # (the sentence that lists the members, close to the best, first: 「区里重点的链群都有哪些」 is answered by
            # 「…A、B、C等重点产业链群」 before a sentence about one of them that the question's other words match better)
            near = ev[0].score - 2 * self.t.margin if ev else 0.0

            def preferred(e: Evidence) -> tuple[bool, float]:
                members = bool(listed) and lists_members(listed, e.text(idx))
                return (not (members and e.score >= near),
                        -(e.score + (LISTS if members else 0.0) + (CHOSEN if trade and trade in e.text(idx) else 0.0)))

            ev = sorted(ev, key=preferred)
        groups = sides(self.index, query, ev)
        # a one-fact question (not a list, a passage, a figure or a side of a comparison) is answered short
        short = len(groups) == 1 and not one_of and not (
            {"list", "procedure", "amount", "department", "comparison", "target"} & query.intents)
        limit = 3 if "list" in query.intents or "comparison" in query.intents else 2
        counting = counted(query.asking)
        # what the answer must state: a figure (amount asked), a share (占比多少), a count (多少家)
        rate = lexicon.get().slot("rate").carried.search if "rate" in query.slots else None
        # an achieved figure (实际做到多少): the sentence that reports it, beside the target the question recalls
        actual = lexicon.get().slot("actual").carried.search if "actual" in query.slots else None
        # (what the sentence must say, the share of the best one's question words it must hold)
        # (whether support is given, no sum asked: 「评上了有没有奖励」: a sentence that grants it)
        figure = support if asks_only_whether_granted(query) else money
        must = [(says, 0.5) for says in (figure if {"amount"} & (query.intents | query.slots) else None, rate, counting.search if counting else None,
                                         actual) if says]
        if not must and "department" not in query.intents and asks_quantity(query):
            # how many asked, and none of the figures above: some number, from a sentence nearly as much about the
            # question as the best one (「邮政业…承运了多少抗疫救援物资」: 「…累计承运寄递疫情防控物资2448车次…」), not
            # a figure of another subject nearby; not when who is asked too (the best line is then a 责任单位 line, about
            # nothing else). Without it the answer is refused for want of a number (``refusal.figure_not_selected``).
            # (「具体是多少」 after a figure heard in words, 「过一万亿了？」: the sentence that gives it in digits)
            exact = lexicon.get().exact_asked
            must = [(says_exact if exact and exact.search(query.asking) else says_quantity, SUPPORT_SHARE)]
        # how to apply asked (「…业务的流程是什么」): a sentence that says a step of it (「登录…电子税务局，…提交…申请」),
        # else the question is declined for want of one (``_asks_only_how``) when the best one is about the thing only
        how = self._how_asked(query)
        words = topic_words(idx, query.asking) if {"amount"} & (query.intents | query.slots) else []
        for group in groups:
            top = group[0]
            subject = self._subject_of(words, top)
            add(top)
            taken = 1
            if how and not self._says_how(top):
                steps = [e for e in group[1:HOW_DEPTH] if self._says_how(e) and e.score >= top.score - HOW_MARGINS * self.t.margin
                         and e.overlap >= top.overlap * SUPPORT_SHARE]
                if steps:  # the best of them (a how question's scores are about what it asks)
                    add(steps[0])
                    taken += 1
            for says, share in must:
                if says(top.text(idx)):
                    continue
                if says is actual and len(groups) > 1 and states_goal(top.text(idx), idx.clauses[top.clause_pos].path):
                    continue  # the side of the goal recalled (2020年定的目标…后来实际做到多少): the goal; what was reached is another side's
                # from a sentence about what the best one is about, not any figure nearby
                more = [e for e in group[1:6] if says(e.text(idx)) and e.score >= top.score - self.t.margin * 2
                        and e.overlap >= top.overlap * share and (says is not figure or self._speaks_of(subject, e))]
                if more:  # the one most about the question (研发投入占比: the 研发 share, not the 工业 share)
                    add(max(more, key=lambda e: e.overlap))
                    taken += 1
            for e in group[1:]:
                if taken >= limit or e.score < top.score - self.t.margin:
                    break
                if len(groups) == 1 and query.places and idx.clauses[e.clause_pos].doc_id != idx.clauses[top.clause_pos].doc_id:
                    continue  # the question named its place: stay there
                if "target" in query.intents and not number(e.text(idx)):
                    continue
                if other_section(idx, query.asking, top, e):
                    continue  # the section the question names, not its neighbour
                if "amount" in query.intents and e.clause_pos != top.clause_pos and (e.overlap < top.overlap / 2 or not self._speaks_of(subject, e)):
                    continue  # an amount asked: another measure's figure only if it is about the question too
                so_far = sum(c.end - c.start for c in chosen) + e.end - e.start
                tie = e.score >= top.score - TIE and so_far <= 2 * SHORT_ANSWER  # as good as the best: both may be the answer
                if short and so_far > SHORT_ANSWER and not tie:
                    continue  # a one-fact question: a further sentence only while the answer stays short
                before = len(chosen)
                add(e)
                taken += len(chosen) - before
        # 「有没有提电商平台或者开拓国内外市场的」: whether either is said; each one's own sentence, near the best,
        # where the chosen ones say only the other
        for word in alternatives_named(idx, query.asking):
            if not any(word in fold_text(c.text(idx)) for c in chosen):
                said = [e for g in groups for e in g[1:ALTERNATIVE_DEPTH]
                        if e.score >= g[0].score - 2 * self.t.margin and word in fold_text(e.text(idx))]
                if said:
                    add(said[0])
        # 「济宁文件说“揭榜组阁”，淄博文件说“揭榜挂帅”，这俩各拿来干啥用？」: each term the question quotes that the
        # documents say, in its own best sentence, where the chosen ones do not say it
        for term in terms_quoted(query.asking):
            if not any(term in fold_text(c.text(idx)) for c in chosen):
                said = [e for e in ev[:OWN_DEPTH] if term in fold_text(e.text(idx))]
                if said:
                    add(said[0])
        # 「办公室设在哪个部门」: the sentence that says the kind of who asked by name, where none chosen does
        for asked, said in lexicon.get().slot("department").kinds if "department" in query.slots else ():
            if asked.search(query.asking) and not any(said.search(c.text(idx)) for c in chosen):
                found = [e for e in ev[:OWN_DEPTH] if said.search(e.text(idx))]
                if found:
                    add(found[0])
        # a 责任单位 segment of a line that opens with its 牵头单位 (「牵头单位:市财政局;责任单位:…」): the whole line
        for i, e in enumerate(chosen):
            line = duty_span(idx, e.clause_pos) if DUTY_TEXT.search(e.text(idx)) else None
            if line and line[0] == e.clause_pos and line[1] < e.start <= line[2]:
                whole = replace(e, start=line[1])
                if not any(_overlap(c, whole) for c in chosen if c is not e):
                    chosen[i] = whole
        # a 责任单位 line says who, not what: the sentence of its clause it stands for comes with it
        for e in list(chosen):
            if DUTY_TEXT.search(e.text(idx)):
                said = next((x for x in ev if x.clause_pos == e.clause_pos and not DUTY_TEXT.search(x.text(idx))), None)
                if said is None and (named_departments(query.asking) or query.intents - {"department", "list"} or one_of
                                     or _LIST_OF_OTHER.search(query.asking) or asks_whether_support(query)):
                    # a 牵头/责任单位 clause of its own, with the measure it closes, when more than who is asked
                    # (which measure a named department leads; 「奖多少？向哪个部门报？」, asked in two parts; 「能帮着贴息吗？归哪个部门」, whether it is given)
                    said = measure_of(idx, ev, e)
                if said is not None and not any(_overlap(c, said) for c in chosen):
                    chosen.insert(chosen.index(e), said)
        completed: list[Evidence] = []
        passage = passage_question(query.intents)
        for k, e in enumerate(chosen):  # a heading or a lead-in runs on into what it announces
            if k == 0:  # the best sentence: a passage, or not left standing too short, from where its answer begins
                if passage:
                    scores = {x.start: x.score for x in ev if x.clause_pos == e.clause_pos}
                    # a passage runs on while its sentences stay about the question; the steps of
                    # how to apply (如何办理) are all the answer, however little each repeats it
                    floor = e.score - PASSAGE_DROP if "conditions" not in query.slots else -math.inf
                    # (a news text's headline and dateline, which the quote leaves out, take none of its length)
                    e = answer_start(idx, widen(idx, e, PASSAGE + self._headline(e), keep=lambda at: scores.get(at, floor) >= floor),
                                     PASSAGE)
                elif "definition" in query.intents:  # what a term means: the sentence and what it goes on to say
                    e = answer_start(idx, widen(idx, e, BUDGET))
                else:
                    e = answer_start(idx, run_on(idx, e))
            elif passage and (begun := answer_start(idx, e, PASSAGE)) is not e:
                # a further sentence of a text of questions and answers (an FAQ's): its answer, as the best
                # sentence's is, from where it begins to the next question
                e = widen(idx, begun, PASSAGE, keep=lambda at, asked=_questions(idx, e.clause_pos): at not in asked)
            for part in complete(idx, named_part(idx, e, query.asking)):
                at = next((i for i, c in enumerate(completed) if _overlap(c, part)), None)
                if at is None:
                    completed.append(part)
                else:  # 「牵头单位：…；」 runs on into the 责任单位 already taken: one span, not lost
                    c = completed[at]
                    completed[at] = replace(c, start=min(c.start, part.start), end=max(c.end, part.end))
        # "which four" (not which departments, dates, amounts): the name of every
        # part of the numbered run the best sentence is in
        names = len(groups) == 1 and chosen and not query.slots and not ({"amount", "comparison", "department"} & query.intents)
        count = asked_count(query.asking) if names else None
        if count is not None:
            for part in enumeration(idx, chosen[0], count, topic_words(idx, query.asking)):
                if not any(_overlap(c, part) for c in completed):
                    completed.append(part)
        return completed

    def _headline(self, e: Evidence) -> int:
        """The characters a quote from ``e`` leaves out at its start (a news
        text's headline and dateline, ``past_headline``)."""
        clause = self.index.clauses[e.clause_pos]
        if clause.kind == MASTHEAD:
            return 0
        return past_headline(clause.text, e.start, e.end, self.index.documents[clause.doc_id].title) - e.start

    # ------------------------------------------------------------ composition
    def compose(self, query: Query, selection: Selection, notes: tuple[str, ...] = ()) -> Answer:
        """Selected spans -> blocks per document (with the 责任单位 line when
        asked for), citations numbered in order of appearance; a figure the
        asker has heard that no span says is named in a note."""
        idx = self.index
        want_duty = bool({"department", "amount"} & query.intents) or "department" in query.slots
        by_doc: dict[str, list[tuple[int, int, int]]] = {}
        for e in (*selection.spans, *self._heard_beside(query, selection)):
            by_doc.setdefault(idx.clauses[e.clause_pos].doc_id, []).append((e.clause_pos, e.start, e.end))
        for doc, spans in by_doc.items():
            # the 责任单位 line of the first span's own measure (another measure's line beside it says
            # who does that one: 「白名单…」 of 13. is not led by the departments of 17. 加强组织领导)
            first = spans[0]
            span = duty_span(idx, first[0]) if want_duty and not DUTY_TEXT.search(idx.clauses[first[0]].text[first[1]:first[2]]) else None
            if span and not any(cp == span[0] and a <= span[1] < b for cp, a, b in spans):
                spans.append(span)
            spans.sort(key=lambda t: (idx.clauses[t[0]].ordinal, t[1]))  # in the order the document says them
            by_doc[doc] = _join_adjacent(idx, spans)
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        blocks: list[Block] = []
        said: dict[str, str] = {}  # a sentence two notices share (a reprint) is quoted once (of one document: each clause's)
        set_for: dict[str, list[int]] = {}  # the year a quoted figure's sentence set before it, and the quotes
        clause_set_for: dict[str, list[int]] = {}  # ... its clause set before it, when the year is asked
        for doc_id, spans in by_doc.items():
            meta = idx.documents[doc_id]
            statements = []
            for cp, a, b in spans:
                clause = idx.clauses[cp]
                a, b = _trim(clause.text, a, b)
                if clause.kind != MASTHEAD:  # the title line quoted for what document it is stays whole
                    a = past_headline(clause.text, a, b, meta.title)
                if a >= b or said.get(clause.text[a:b], doc_id) != doc_id:
                    continue
                said[clause.text[a:b]] = doc_id
                n = numbers.get(clause.clause_id)
                if n is None:
                    n = numbers[clause.clause_id] = len(numbers) + 1
                    score = max((e.score for e in selection.spans if e.clause_pos == cp), default=0.0)
                    citations.append(Citation(n, clause, meta, clause.text[a:b], score))
                statements.append(Statement(n, clause.clause_id, a, b, clause.text[a:b]))
                year = its_year(clause.text, a, b)
                if year and not any(st.clause_id == clause.clause_id and st.start <= year.start() < st.end for st in statements):
                    set_for.setdefault(year.group(0), []).append(n)  # (unless a quote of its clause says it)
                elif (not year and "date" in query.slots and not _YEAR_IN.search(clause.text[a:b])
                      and (opening := clause_goal_year(clause, a, clause.text[a:b]))
                      and not any(st.clause_id == clause.clause_id and st.start <= opening.start() < st.end for st in statements)):
                    # 「哪年」 of a goal whose sentence names none: the year its clause opens with
                    clause_set_for.setdefault(opening.group(0), []).append(n)
            if statements:
                blocks.append(Block(doc_id, document_line(meta, self.today), tuple(statements)))
        past = past_target_note("\n".join([s.quote for b in blocks for s in b.statements] + list(set_for) + list(clause_set_for)), self.today)
        # (「到 2022 年，…47% 以上；软件…营业收入达到 3800 亿元以上」: the year read with the figure quoted after it)
        year_notes = tuple(f"注：[{'、'.join(map(str, dict.fromkeys(ns)))}]所引目标，{where}写明「{y}」。"
                           for where, by_year in (("原句", set_for), ("所在条款开头", clause_set_for)) for y, ns in by_year.items())
        # held against what the answer quotes, not the whole sentence a quote was cut from (and the year its
        # clause sets its goals for before it: 「到2025年,集群能级显著提升…。…本地配套率提升到50%以上」)
        goal_years = [m.group(0) for b in blocks for st in b.statements
                      if (m := clause_goal_year(idx.by_id[st.clause_id], st.start, st.quote))]
        heard = heard_unsaid(query.text, [st.quote for b in blocks for st in b.statements] + goal_years, named=query.context_years)
        all_notes = year_notes + ((past,) if past else ()) + tuple(notes) + ((f"{MISSING_NOTE}{heard}",) if heard else ())
        # an amount question: the figure that applies, before the quotes (figures.py)
        figures = tuple(figure_lines(query.standalone, citations)) if "amount" in query.intents and not _fund_said(query, citations) else ()
        if figures and query.parts:
            # 「国家级的呢？市级的又给多少」: a part's figure the lines above leave out, after them; read per quote,
            # as two quotes of one clause may answer two parts
            quoted = [Citation(st.n, idx.by_id[st.clause_id], idx.documents[b.doc_id], st.quote, 0.0) for b in blocks for st in b.statements]
            own = tuple(dict.fromkeys(x for part in query.parts for x in figure_lines(part, quoted, limit=1) if not x.startswith(BY_CASE)))
            if len({frozenset(figure_values(x)) for x in own}) == len(query.parts):
                # each part its own figure, in the order asked (「省级能给多少？…国家级的，又能给到多少？」)
                figures = own + tuple(f for f in figures if not figure_values(f) <= {v for x in own for v in figure_values(x)})
            else:
                figures += tuple(x for x in own if not figure_values(x) <= {v for f in figures for v in figure_values(f)})
        if asks_where(query.asking):
            figures += _located(blocks, citations)
        at = {idx.pos_of[c.clause.clause_id]: c.n for c in citations}
        figures = tuple(x for ranked, way in selection.extremes for x in superlative.headline(ranked, way, at)) \
            + tuple(duties.headline(found, unit, at) for unit, found in selection.duty_lists) \
            + tuple(w.line(at) for w in selection.worked if {w.larger.clause_pos, w.smaller.clause_pos} <= at.keys()) + figures
        answer = Answer(query.original, "", False, tuple(citations), query.standalone, (), all_notes, tuple(blocks),
                        figures=figures)
        return verify(answer)

    def refuse(self, query: Query, hits: list[Hit], what: str, *, lead: str = "") -> Answer:
        """``what`` was not found; ``lead`` is said instead when the reason is
        not something missing from the documents (only instructions, no question)."""
        related = tuple(hits[:3])
        answer = Answer(query.original, "", True, (), query.standalone, related, (), (), what, lead=lead)
        return replace(answer, answer=render(answer, self.index.documents))


WORKED_FROM = 5  # the best sentences two figures to be worked with are looked for in
NAMED_DEPARTMENT = 0.15  # what a clause whose 牵头/责任单位 list the departments a question names adds (0.3 took a question naming its topic to another measure)


_SHARED_TO = r"(?:分解|落实|分配|摊|分|具体|细化)到"  # a city's figure taken down to one of its districts
_OWN_DISTRICT = re.compile(r"(?:区里|县里|区级|县级|区政府|县政府|区县)[^，,。？?]{0,6}?(?:自己|额外|另外|单独|配套)")  # a district's own measure, no district named
# 「对干得好的区县另外有没有激励」: the districts are given to, not giving
_TO_DISTRICT = re.compile(r"(?:对|给|向)[^，,。？?]{0,10}?(?:区里|县里|区县)")
_BESIDES = re.compile(r"(?:在|除了?)(?:全市|市里|市级|市一级)[^，,。？?]{0,12}?(?:之外|以外|外|基础上)")


def _by_named_department(idx: IndexData, query: Query, ev: list[Evidence]) -> list[Evidence]:
    """「市应急局跟市工信局一起负责的是哪一项保障措施」: which measure those
    departments are listed for, before measures that only read like the
    question. Not when the question names the measure itself (「严格安全管理
    这一条里，市市场监管局负责哪一块」): that measure's list decides."""
    named = named_departments(query.asking)
    if not named:
        return ev
    asked = fold_text(query.asking)
    for pos in dict.fromkeys(e.clause_pos for e in ev):  # each clause once, not each of its sentences
        heads = [h for h in idx.clauses[pos].path if "责任单位" not in h]
        if heads and names_section(section_name(heads[-1]), asked, idx.tokenizer):
            return ev

    def share(e: Evidence) -> float:
        clause = idx.clauses[e.clause_pos]
        return sum(lists_department(clause, n) for n in named) / len(named)
    return sorted((replace(e, score=e.score + NAMED_DEPARTMENT * share(e)) for e in ev), key=lambda e: -e.score)


# a list asked of something other than who (「主要能用在哪些地方？牵头的是哪个部门？」): more than who is asked
_LIST_OF_OTHER = re.compile(r"哪些(?!部门|单位|机构|局|委|办)[\u4e00-\u9fff]{0,4}?(?:地方|方面|用途|事|项目|领域|内容|措施)")


def _located(blocks: list[Block], citations: list[Citation]) -> tuple[str, ...]:
    """Where the first quoted provision of each of the first two documents sits,
    as an 出处 line with its [n]; not a masthead, preamble or footer."""
    by_n = {c.n: c for c in citations}
    out = []
    for b in blocks[:2]:
        c = next((by_n[s.n] for s in b.statements if by_n[s.n].clause.kind not in (MASTHEAD, PREAMBLE, FOOTER)), None)
        if c is not None:
            out.append(f"出处：《{c.document.title}》{c.clause.path_str} [{c.n}]")
    return tuple(out)


def _fund_said(query: Query, citations: list[Citation]) -> bool:
    """Money set aside asked (「每年拿出来扶持工业的钱」) and the best quote
    (not one beside it) sets a fund's size: that is the figure, not what
    one firm is granted."""
    return bool(citations) and fund_asked(query) and sets_fund(max(citations, key=lambda c: c.score).quote)


_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")  # a run of Chinese characters long enough to name a thing
HEARD_NAME_CLAUSES = 2  # clauses at most that may share four characters of a thing heard of for them to name it


# 「有没有提A或者B」: whether any of the things named is said
_ALTERNATIVES = re.compile(r"(?:有没有|是否|有无|提没提|讲没讲|说没说)(?:提到?|提及|说到?|讲到?|涉及|写到?)?([^，,。？?]{2,20}?)"
                           r"(?:或者|或是|还是|或)([^，,。？?]{2,20}?)(?:的|这类|之类|方面)?(?:这[块些方面]*)?(?=[？?吗呢。]|$)")
ALTERNATIVE_DEPTH = 8  # how far down its side's sentences an alternative's own sentence is looked for


def alternatives_named(idx: IndexData, asking: str) -> list[str]:
    """The rarest topic word of each thing a question asks whether any of is
    said (「有没有提电商平台或者开拓国内外市场的？」: 电商; 开拓 or 国内外)."""
    m = _ALTERNATIVES.search(asking)
    if m is None:
        return []
    # (each by its rarest word: 电商 of 电商平台, not the 平台 any sentence has)
    each = [max(topic_words(idx, x), key=lambda w: idf(idx, w), default=None) for x in m.groups()]
    return [fold_text(w) for w in each] if all(each) else []


OWN_DEPTH = 30  # how far down the scored sentences a quoted term's, or an asked kind's, own sentence is looked for


def terms_quoted(asking: str) -> list[str]:
    """The terms a question quotes, folded, when it quotes two or more
    (「“工赋泉城”和“工赋淄博”」); none when it quotes one (the search ranks by it)."""
    quoted = list(dict.fromkeys(fold_text(t) for t in quoted_terms(asking)))
    return quoted if len(quoted) >= 2 else []


def _overlap(a: Evidence, b: Evidence) -> bool:
    """Two spans of one clause that share characters."""
    return a.clause_pos == b.clause_pos and a.start < b.end and b.start < a.end


def _questions(idx: IndexData, clause_pos: int) -> frozenset[int]:
    """Where the sentences of a clause that ask (an FAQ's questions) begin."""
    text = idx.clauses[clause_pos].text
    return frozenset(a for _, a, b in (idx.segments[s] for s in idx.segments_of(clause_pos)) if asks(text[a:b]))


def _join_adjacent(idx: IndexData, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sentences that follow each other in one clause are one quote."""
    out: list[tuple[int, int, int]] = []
    for cp, a, b in spans:
        if out and out[-1][0] == cp and out[-1][2] <= a and not idx.clauses[cp].text[out[-1][2]:a].strip():
            out[-1] = (cp, out[-1][1], max(b, out[-1][2]))
        else:
            out.append((cp, a, b))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """A span without surrounding blanks and trailing ，；."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "；;，,"):
        b -= 1
    return a, b


_DATELINE = re.compile(r"\s*(?:(?:新华社|中新社|中新网|人民网|央视网|本报|本网)[^。，,；;（(]{0,16}?(?:电|讯)\s*)?[（(]\s*(?:记者|通讯员)[^）)]{0,24}[）)]"
                       r"|\s*(?:新华社|中新社|中新网|人民网|央视网|本报|本网)[^。，,；;（(]{0,16}?(?:电|讯)")


def past_headline(text: str, a: int, b: int, title: str) -> int:
    """Where the content of a quote begins: a news text's first sentence
    opens with its own headline, once or twice or the rest of it after its
    own ！ (「天津防复工后…定制班车新华社天津2月15日电（记者栗雅婷）为了减少…」),
    and a dateline; the quote starts after them. ``a`` itself when what is
    left would be too short to say anything."""
    whole = re.sub(r"\s", "", title)
    heads = [whole] + [whole[m.end():].lstrip(CLOSING) for m in re.finditer(r"[！？!?。]", whole)]
    start = a
    for head in (h for h in heads if len(h) >= 6):
        end = head_end(text, start, b, head)
        while end is not None:
            start = end
            end = head_end(text, start, b, head)
    if start > a or a == 0:  # a dateline opens the body, right after the headline
        m = _DATELINE.match(text, start, b)
        if m:
            start = m.end()
    while start < b and text[start].isspace():
        start += 1
    return start if b - start >= SHORT_QUOTE else a


# ---------------------------------------------------------------- rendering


def render(answer: Answer, documents=None) -> str:
    """The text a person reads, from the structure: one identification line
    per document, its quotes each followed by [n], then the notes; or the
    refusal with the closest clauses as 可能相关."""
    if answer.refused:
        lines = [answer.lead or f"未能在现有政策文件中找到{answer.refusal or '可以逐字引用的条款'}，因此不作回答。"]
        if answer.related:
            lines.append("可能相关（仅供参考，不作为答案依据）：")
            for h in answer.related:
                doc = documents[h.clause.doc_id] if documents is not None else None
                title = f"《{doc.title}》" if doc is not None else ""
                lines.append(f"- {title}{h.clause.path_str}")  # the path starts with the label already
        return "\n".join(lines)
    lines = list(answer.figures)
    for b in answer.blocks:
        lines.append(b.line)
        lines.extend(f"· 「{s.quote}」[{s.n}]" for s in b.statements)
    lines.extend(answer.notes)
    return "\n".join(lines)


# ---------------------------------------------------------------- checks


def verify(answer: Answer) -> Answer:
    """Drop any quote that is not a verbatim span of its clause, and any
    citation no statement uses; re-render. An answer left with nothing
    verifiable is refused. (Answers worded by an LLM carry no blocks: their
    text is checked quote by quote.)"""
    if not answer.blocks:
        return _verify_text(answer)
    by_n = {c.n: c for c in answer.citations}
    blocks = []
    for b in answer.blocks:
        ok = tuple(
            s for s in b.statements
            if s.n in by_n and s.clause_id == by_n[s.n].clause.clause_id and by_n[s.n].clause.text[s.start:s.end] == s.quote and s.quote
        )
        if ok:
            blocks.append(Block(b.doc_id, b.line, ok))
    used = {s.n for b in blocks for s in b.statements}
    kept = tuple(c for c in answer.citations if c.n in used and c.quote and c.quote in c.clause.text)
    if not kept and not answer.refused:
        return _nothing_verifiable(answer)
    # a figure line stands only on citations that are kept
    ok_n = {c.n for c in kept}
    figures = tuple(f for f in answer.figures if {int(n) for n in re.findall(r"\[(\d+)\]", f)} <= ok_n)
    out = replace(answer, citations=kept, blocks=tuple(blocks), figures=figures)
    return replace(out, answer=render(out))


def _nothing_verifiable(answer: Answer) -> Answer:
    out = Answer(answer.question, "", True, (), answer.standalone, (), (), (), "可以逐字引用的条款")
    return replace(out, answer=render(out))


def _verify_text(answer: Answer) -> Answer:
    kept: list[Citation] = []
    lines = answer.answer.split("\n")
    for c in answer.citations:
        if c.quote and c.quote in c.clause.text:
            kept.append(c)
        else:  # never show an unverified quote
            lines = [ln for ln in lines if f"[{c.n}]" not in ln]
    text = "\n".join(lines)
    used = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    kept = [c for c in kept if c.n in used]
    for ln in lines:
        for q, n in re.findall(r"「([^「」]*)」\[(\d+)\]", ln):
            cit = next((c for c in kept if c.n == int(n)), None)
            if cit is None or q not in cit.clause.text:
                raise UnverifiedQuoteError(f"unverified quote for [{n}]: {q[:30]}")
    if not kept and not answer.refused:
        return _nothing_verifiable(answer)
    return replace(answer, answer=text, citations=tuple(kept))


def problems(answer: Answer) -> list[str]:
    """What is wrong with an answer's citations (empty when all is well)."""
    out = []
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    ns = [c.n for c in answer.citations]
    if sorted(ns) != list(range(1, len(ns) + 1)):
        out.append(f"citation numbers not 1..n: {ns}")
    for c in answer.citations:
        if c.quote not in c.clause.text:
            out.append(f"[{c.n}] quote not verbatim in clause {c.clause.clause_id}")
        if c.n not in markers:
            out.append(f"[{c.n}] cited but not used in the text")
    for m in markers - set(ns):
        out.append(f"[{m}] used in the text but has no citation")
    for b in answer.blocks:
        for s in b.statements:
            c = next((c for c in answer.citations if c.n == s.n), None)
            if c is None or c.clause.text[s.start:s.end] != s.quote:
                out.append(f"[{s.n}] statement offsets do not give its quote")
    if answer.refused and answer.citations:
        out.append("a refused answer carries citations")
    return out
