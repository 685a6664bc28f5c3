"""The sides of a comparison: which scored sentences speak for which
document or place, and which side does not say what is asked.

「济南和淄博的技改补贴哪个高？」 is answered side by side: one group of
sentences per place (a city beside its own district: the city's documents on
one side, the district's on the other), or per document when the question
names documents (「2020年意见定的目标…评估报告说实际…」). Pure functions over
the loaded index.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from . import lexicon
from .evidence import Evidence
from .index import IndexData
from .normalize import fold_text
from .query import LEVEL_SAID, Query, detect_slots, side_text
from .refusal import Case, Thresholds, absent_from_documents, asks_quantity, figure_absent_from_side, says_quantity, slot_missing
from .regions import Place, covers, within
from .retrieve import compared_docs
from .types import DocumentMeta, Hit


def asks_own_measure(query: Query) -> bool:
    """A place's own measure asked (「区里有没有额外的配套奖补」, 「张店区有没有自己出台的政策」:
    the lexicon's ``own_measure``), not its city's."""
    lex = lexicon.get()
    return bool(lex.own_measure and lex.own_measure.search(lex.written(query.asking)))


def area_figure(query: Query, place: Place, docs: list[DocumentMeta]) -> str | None:
    """A target or an achieved figure asked of a place (「槐荫区到2026年规上工业
    营收定的多少」) that only documents of areas around it answer (济南's): the
    city's figure is not the district's. A measure's amount or rate is the
    area's rule and holds inside it, so it is not held back; nor is anything
    when a document's region is only read from its text (a guess). A
    measure of the place's own asked (「区里有没有额外的配套奖补」, 「县里单独的
    补贴」) is not its city's either; nor is a district's figure the whole
    city's (「济南全市…」)."""
    own = asks_own_measure(query)
    figure = asks_quantity(query) and not {"amount", "rate"} & query.slots  # 「那历下区有多少？」 after the city's 算力
    if not own and (query.subsidy or not ("target" in query.intents or "actual" in query.slots or figure)):
        return None
    if any(d.region_inferred for d in docs):
        return None
    regions = {d.region for d in docs}
    if (not own and place.kind == "市" and LEVEL_SAID["市"].search(query.asking) and regions
            and all(r and r != place.name and within(r, place.name) for r in regions)):
        # 「济南全市2026年的算力规模目标」: the whole city asked, only a district's document says a figure
        return f"{place.name}全市的目标或数据——相关条款说的是{'、'.join(sorted(regions))}的"
    if not regions or "" in regions or any(within(r, place.name) for r in regions):
        return None  # the place's own documents (or a guessed region) answer
    if not all(covers(r, place) for r in regions):
        return None  # other places' documents: said in a note
    return f"{place.name}自己的{'政策' if own else '目标或数据'}——相关条款说的是{'、'.join(sorted(regions))}的"


def sides(index: IndexData, query: Query, ev: list[Evidence]) -> list[list[Evidence]]:
    """One group per side of a comparison (document or place), else one."""
    return [g for _, g in _sides(index, query, ev)]


def _sides(index: IndexData, query: Query, ev: list[Evidence]) -> list[tuple[Place | None, list[Evidence]]]:
    """The sides with the place each is of (None: a document named, or no comparison)."""

    def doc_of(e: Evidence) -> str:
        return index.clauses[e.clause_pos].doc_id

    named = compared_docs(index, query)
    if "comparison" not in query.intents and not named:
        return [(None, ev)]
    if named:
        groups = [[e for e in ev if doc_of(e) == d] for d in named]
        return [(None, g) for g in groups if g] or [(None, ev)]
    places = list({p.name: p for p in query.places if any(covers(d.region, p) for d in index.documents.values())}.values())
    if len(places) < 2:
        return [(None, ev)]
    years = {str(y) for y in query.context_years}
    groups = []
    for p in places:
        district_too = any(q.city == p.name and q.kind in ("区", "县") for q in places)
        city_too = p.kind in ("区", "县") and any(q.name == p.city for q in places)
        if district_too:  # 济南 beside its 市中区: the city's own documents
            mine = [e for e in ev if index.documents[doc_of(e)].region == p.name]
        elif city_too:  # 市中区 beside 济南: the district's own, not the city's
            mine = [e for e in ev if within(index.documents[doc_of(e)].region, p.name)]
        else:
            mine = [e for e in ev if covers(index.documents[doc_of(e)].region, p)]
        # 济南（2020年文件）: the side's document of that year, where it has one
        mine = [e for e in mine if index.documents[doc_of(e)].date[:4] in years] or mine
        if mine:
            groups.append((p, mine))
    return groups or [(None, ev)]


class Verdict(NamedTuple):
    """A side's sentences; (the side, what it does not give) where it does not
    answer; and whether it answers the rest of what is asked of it (its
    sentences are then kept beside the note)."""

    sentences: list[Evidence]
    missing: tuple[str, str] | None
    partial: bool = False


def _verdicts(index: IndexData, query: Query, ev: list[Evidence], hits: list[Hit], t: Thresholds) -> list[Verdict]:
    """Each side's verdict: what it gives of what is asked of it."""
    placed = _sides(index, query, ev)
    groups = [g for _, g in placed]
    if len(groups) < 2:
        return []
    out: list[Verdict] = []
    regions = [index.documents[index.clauses[g[0].clause_pos].doc_id].region for g in groups]
    places = len(set(regions)) == len(regions)  # sides are places, not two documents of one place
    for k, (place, g) in enumerate(placed):
        # each place is held to what is asked of it (济南 an actual figure, 市中区 its target); a document
        # named (「市中区行动计划里…目标是多少？济南市评估报告中…已建成…多少？」) is held to what is asked of its place
        own = place or next((p for p in query.places if p.name == regions[k]), None)
        mine = side_text(query.asking, own) if places and own else ""
        others = [p for p in query.places if own and p.name != own.name]
        if mine == query.asking and others:  # (the other side named by its level only: 「市里…全市已经建了多少，市中区…要建多少」)
            mine = _pieces_of(query.asking, own, others) or mine
        asked = replace(query, slots=query.slots & detect_slots(mine)) if mine else query
        if not places:  # two documents of a place: each held to what the piece naming it asks
            doc = index.documents[index.clauses[g[0].clause_pos].doc_id]
            said = _naming_piece(query.asking, doc)
            asked = replace(query, slots=query.slots & detect_slots(said)) if said else query
            if doc.date[:4] in {str(y) for y in query.context_years}:
                # the document of the year the goal was set (「2020年定的目标…后来实际做到多少」): it sets, another reports
                asked = replace(asked, slots=asked.slots - {"actual"})
        case = Case(index, asked, tuple(g), tuple(hits), t)
        around = area_figure(asked, place, [index.documents[index.clauses[e.clause_pos].doc_id] for e in g]) \
            if places and place else None
        if around:
            out.append(Verdict(g, (f"{place.name}的情况", around)))
            continue
        partial = False
        if asked.slots:
            why = slot_missing(case)
            # 「济宁那笔专项资金多大规模？跟济南比差多少，从哪年开始设的」: 济南's sum is given, its start year not
            partial = bool(why) and asks_quantity(replace(asked, ask=mine) if mine else asked) and says_quantity(g[0].text(index)) \
                and case.on_subject(g[0], near=True) and slot_missing(replace(case, query=replace(asked, slots=frozenset()))) is None
        elif places:
            others = "".join(fold_text(e.text(index)) for j, o in enumerate(groups) if j != k for e in o[:3])
            # (a word of the subject it lacks is one said of it: 「济南是按设备投资给补贴，济宁是搞基金吗？两边各是
            # 啥力度」 asks 济宁 of 基金, not of 设备投资)
            said = Case(index, replace(asked, ask=mine), tuple(g), tuple(hits), t) if mine else case
            why = absent_from_documents(said, others) or figure_absent_from_side(case, mine)
        else:
            why = None
        # a side that is one of two documents of a place is named by its title, not by the place the other answers for
        side = f"{regions[k]}的情况" if places else f"《{index.documents[index.clauses[g[0].clause_pos].doc_id].title}》"
        out.append(Verdict(g, (side, why) if why else None, partial))
    return out


def _pieces_of(text: str, place: Place, others: list[Place]) -> str:
    """The pieces of a question that name one place and none of the others
    (「市中区自己的计划到2026年…要建多少？」); "" when none does alone."""
    pieces = [p for p in re.split(r"(?<=[，,。？?；;！!])", text) if p.strip()]
    own = [p for p in pieces if any(n in p for n in place.own_names) and not any(n in p for o in others for n in o.own_names)]
    return "".join(own) if 0 < len(own) < len(pieces) else ""


def _naming_piece(text: str, doc: DocumentMeta) -> str | None:
    """The piece of the question that names the document by its kind
    (「…意见里2025年工业营收目标多少」, 「后来评估报告里实际做到了没」), when
    one piece alone does."""
    words = [w for w in lexicon.get().kind_words(doc.kind) if w]
    pieces = [p for p in re.split(r"[，,。？?；;！!]", text) if any(w in p for w in words)]
    return pieces[0] if len(pieces) == 1 else None


def a_side_answers(index: IndexData, query: Query, ev: list[Evidence], hits: list[Hit], t: Thresholds) -> bool:
    """A comparison of which at least one side gives what is asked of it."""
    return any(v.missing is None for v in _verdicts(index, query, ev, hits, t))


def sides_that_answer(
    index: IndexData, query: Query, ev: list[Evidence], hits: list[Hit], t: Thresholds
) -> tuple[list[Evidence], list[tuple[str, str]]]:
    """The sentences of the sides that carry what is asked, and (the side,
    what it does not give) for the others: 淄博's rate, when only 济南's
    document states one, is named as not given rather than quoted beside the
    other side's figure; when no figure is asked, a place whose documents
    never use the subject's word (济宁 and 专精特新) is named the same way."""
    verdicts = _verdicts(index, query, ev, hits, t)
    keep = [e for v in verdicts if v.missing is None or v.partial for e in v.sentences]
    missing = [v.missing for v in verdicts if v.missing is not None]
    if not keep:
        return ev, []
    kept = {(e.clause_pos, e.start) for e in keep}
    return [e for e in ev if (e.clause_pos, e.start) in kept], missing
