"""The answering chain as a LangChain runnable:

    {"question", "history", "filters"} -> analyze -> retrieve -> answer -> Answer

Each step is a ``RunnableLambda``; the answer step is any callable
``(Query, list[Hit]) -> Answer`` — the extractive answerer by default, the
LLM answerer when an endpoint is configured — so one replaces the other
without touching retrieval.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Callable

from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from . import docqa, lexicon
from .clauses import item_number
from .index import IndexData
from .kin import siblings
from .query import MAX_CHARS, Kin, Query, analyze, expand, holds_role, quoted_sentences, reference_places, side_text
from .regions import NATIONAL, covers, nearest_with_documents, within
from .backends import SearchBackend
from .backends.base import region_matches
from .evidence import defined_terms, kind_claimed, listed_nouns, lists_members, subject_terms
from .retrieve import Filters, SearchSettings, compared_docs, named_docs, numbered_docs, search, titled_docs
from .types import DUTY, Answer, Clause, Hit

Answerer = Callable[[Query, list[Hit]], Answer]
OWN_PLACE = 0.1  # fused-score lead a place's own document has over one whose region is only guessed (0.05-0.15: the same corpus-ncp dev figures)
NAMED_FIRST = 3  # clauses of the one document a question names (「济南评估报告里」) put first (dev parts of the eval sets)


def retrieve(
    index: IndexData,
    embeddings,
    query: Query,
    *,
    k: int = 8,
    filters: Filters | None = None,
    settings: SearchSettings = SearchSettings(),
    backend: SearchBackend | None = None,
) -> list[Hit]:
    """Clauses for an analysed question. Places named in the question route it
    to their documents; a comparison retrieves for each place and merges; a
    numbered item asked for (第7条), or the sentence that defines the term a
    question asks the meaning of, comes first; so do the best clauses of the
    one document a question names by kind and place (「济南评估报告里…」) or
    by 文号 (「济发〔2020〕16号里…」); a
    question about a document (文号, date, issuer) has the clauses that state
    it first."""
    held = numbered_docs(index, query, citing=False)
    if held and query.places and "comparison" not in query.intents and not any(covers(index.documents[d].region, p) for d in held for p in query.places):
        # 「济南这份评估报告评估的是济发〔2020〕16号文吧？」: a 文号 of another place's document, put to the
        # document the question names by its place and kind, which answers
        # (by a kind word: 「济发〔2020〕16号是济南的文件吗」 asks whose the numbered one is)
        if any(k in query.text for k in lexicon.get().all_kind_words()) and [d for d in named_docs(index, query) if d not in held]:
            held = []
    titled = [] if held else titled_docs(index, query)
    by_kind = [] if held or titled else named_docs(index, query)
    # (with the documents citing a 文号 the library does not hold, unless the question names another document by
    # its title, or by its place and kind: 「淄博…实施方案的文号是不是济发〔2023〕7号？」 asks of 淄博's)
    numbered = numbered_docs(index, query) if held or not (titled or (query.places and by_kind)) else []
    if numbered and "comparison" not in query.intents and not (filters and filters.doc_ids):
        # 「济发〔2020〕16号里…」: a 文号 names its document and no other
        filters = dataclasses.replace(filters or Filters(), doc_ids=tuple(numbered))
    # documents the question names by 文号, by title, or by kind (and place); in a comparison each side may be
    # named its own way (「济南市委市政府2020年7月那份意见和淄政字〔2023〕7号，…各是多少」)
    named = numbered or titled or by_kind
    compared = compared_docs(index, query) if "comparison" in query.intents else []
    if len(compared) > len(named) and set(named) <= set(compared):
        named = compared
    hits = _retrieve(index, embeddings, query, named, k=k, filters=filters, settings=settings, backend=backend)
    # (a likeness, 「也跟济宁一样…吧」, compares nothing the question asks of: one place, one document named)
    compares = "comparison" in query.intents and (len(query.places) >= 2 or len(compared) >= 2 or not reference_places(query.text))
    if (len(named) == 1 and (query.places or numbered or _specific_kind(index, query, by_kind)) and len(query.parts) < 2 and not compares
            and not (filters and filters.doc_ids)):
        # 「济南评估报告里…」: the one document of that kind of the place named (or of the library: 「评估报告里…」)
        # comes first; what else was found follows (the question may lean on another)
        own = search(index, embeddings, query.standalone, k=NAMED_FIRST, filters=Filters(doc_ids=(named[0],)), settings=settings,
                     lexical_query=query.lexical, backend=backend)
        seen = {h.clause.clause_id for h in own}
        hits = _reranked((own + [h for h in hits if h.clause.clause_id not in seen])[:k])
    return by_document(index, query, by_quoted_text(index, query, by_definition(index, query, by_listing(
        index, query, by_holder(index, query, by_named_term(index, query, by_term_elsewhere(index, query, by_item(index, query, hits))))))))


def _specific_kind(index: IndexData, query: Query, docs: list[str]) -> bool:
    """The question names its documents by a kind word of three characters or
    more (评估报告, 实施方案), not one a sentence uses as a plain word
    (「是怎样规定的」, 「有什么意见」)."""
    said = lexicon.get().kind_words
    return bool(docs) and all(any(len(w) >= 3 and w in query.text for w in said(index.documents[d].kind)) for d in docs)


def by_term_elsewhere(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """A quoted or coded term said of a place (「淄博的“231”产业集群指哪些」)
    that no document of the places asked says and one other document of the
    library does: the asker has the place wrong. That document's clauses that
    say it come first; the answer says whose they are (``answer._elsewhere``)."""
    if not hits or not query.places or "comparison" in query.intents:
        return hits
    own = [cp for d, m in index.documents.items() if any(covers(m.region, p) for p in query.places) for cp in index.clauses_of(d)]
    for term in subject_terms(query):
        said = re.compile(rf"(?<!\d){re.escape(term)}(?!\d)" if term.isdigit() else re.escape(term))
        if any(index.clauses[cp].kind != DUTY and said.search(index.clauses[cp].text) for cp in own):
            continue  # the places asked say it (the usual case: their documents only are read)
        saying = [c for c in index.clauses if c.kind != DUTY and said.search(c.text)]
        if len({c.doc_id for c in saying}) == 1:
            return _first(saying[:TERM_ELSEWHERE_CLAUSES], hits)
    return hits


TERM_ELSEWHERE_CLAUSES = 2  # the clauses of the other place's document that say the term, put first


def _retrieve(
    index: IndexData,
    embeddings,
    query: Query,
    named: list[str],
    *,
    k: int,
    filters: Filters | None,
    settings: SearchSettings,
    backend: SearchBackend | None,
) -> list[Hit]:
    if not query.standalone:
        return []
    docs = list(index.documents.values())
    regions = {d.region for d in docs}
    places = [p for p in query.places if any(covers(r, p) for r in regions)]
    base = filters or Filters()

    def scope(p) -> str:
        """A place with documents of its own is searched alone; one without
        (章丘区) is governed by the nearest enclosing area that has documents
        (its city, its province, or national documents)."""
        return nearest_with_documents(p, regions) or p.name

    def run(f: Filters | None, kk: int, place=None) -> list[Hit]:
        if place is not None and len(query.parts) < 2:  # one side of a comparison: what is asked of it
            text = side_text(query.standalone, place)
            return search(index, embeddings, text, k=kk, filters=f, settings=settings, lexical_query=expand(text), backend=backend)
        if len(query.parts) >= 2:  # each part retrieved on its own, merged in turn
            per = [
                search(index, embeddings, part.standalone, k=max(4, kk // 2 + 1), filters=f, settings=settings, lexical_query=part.lexical,
                       backend=backend)
                for part in map(query.part, query.parts)
            ]
            return _interleave(per)[:kk]
        return search(index, embeddings, query.standalone, k=kk, filters=f, settings=settings, lexical_query=query.lexical,
                      backend=backend)

    several = named if len(named) >= 2 else []  # two documents named: each searched on its own
    if len({p.name for p in places}) >= 2 or several:

        def only(p) -> Filters:
            # a city compared with one of its districts: the city's own documents
            if any(q.city == p.name and q.kind in ("区", "县") for q in places):
                return Filters(doc_ids=tuple(d.doc_id for d in docs if d.region == p.name))
            return Filters(regions=(scope(p),), doc_ids=base.doc_ids)

        if several:
            return _interleave([run(Filters(doc_ids=(d,)), max(4, k // 2 + 1)) for d in several])
        # a comparison's side is retrieved for what is asked of it; two places
        # of one question (上海的医院驰援武汉) keep the question whole
        sided = "comparison" in query.intents
        return _interleave([run(only(p), max(4, k // 2 + 1), place=p if sided else None) for p in places])
    if places:
        # national documents apply to every place: searched beside the place's own
        national = (NATIONAL,) if NATIONAL in regions else ()
        scoped = tuple(dict.fromkeys([*(scope(p) for p in places), *national]))
        # a district without documents of its own is governed by its city's,
        # not by another district's (槐荫区 asked: not 市中区's plan)
        other = {r for r in regions if any(within(r, s) for s in scoped) and not any(covers(r, p) for p in places)}
        allowed = [d for d in docs if not base.doc_ids or d.doc_id in base.doc_ids]
        doc_ids = tuple(d.doc_id for d in allowed if d.region not in other) if other else base.doc_ids
        # a region read from a document's text is a guess: such documents of other
        # places stay in the running, searched with the place's own and ranked by
        # their score; the place's own come first when within OWN_PLACE of it
        inside = {r for r in regions if any(region_matches(r, s) for s in scoped)}
        guessed = {d.doc_id for d in allowed if d.region_inferred and d.region not in inside}
        if not guessed:
            return run(Filters(regions=scoped, doc_ids=doc_ids, year=base.year), k)
        own = {d.doc_id for d in allowed if d.region in inside and d.region not in other}
        hits = run(Filters(doc_ids=tuple(sorted(own | guessed)), year=base.year), 2 * k)
        return _reranked(sorted(hits, key=lambda h: -(h.score + (OWN_PLACE if h.clause.doc_id in own else 0.0))))[:k]
    # no place, or only places the corpus does not cover (the hits become 可能相关)
    return run(base if not base.is_empty() else None, k)


def by_document(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """A question about a document (when it was issued, its 文号, who issued
    it, what it cites): the clauses of the documents in play that state it
    (``docqa``: masthead, preamble, footer) first, then the other hits."""
    if not hits or not docqa.is_about_document(query, index):
        return hits
    stating = dict.fromkeys(e.clause_pos for e in docqa.answer(index, query, hits).spans)
    return _first([index.clauses[cp] for cp in stating], hits)


def by_item(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """第7条 asked: the documents' item 7 first (the documents the hits are
    from, in their order), then the other hits."""
    if query.item is None or not hits:
        return hits
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:3]))
    items = [index.clauses[cp] for d in docs for cp in index.clauses_of(d)
             if index.clauses[cp].kind != DUTY and item_number(index.clauses[cp].label) == query.item]

    def named(c: Clause) -> float:  # 「第13条加大金融支持服务力度」: the item 13 whose heading the question says
        heading = re.sub(r"^\W*\w{0,3}[.、．]\s*", "", c.path[-1]) if c.path else ""
        pairs = {heading[i:i + 2] for i in range(len(heading) - 1)}
        return sum(p in query.text for p in pairs) / len(pairs) if pairs else 0.0

    ranked = sorted(items, key=named, reverse=True)[:2]
    if len(ranked) == 2 and named(ranked[0]) > named(ranked[1]) and named(ranked[0]) >= ITEM_NAMED:
        ranked = ranked[:1]  # the one whose heading the question says, not another document's item of that number
    return _first(ranked, hits)


ITEM_NAMED = 0.25  # share of an item's heading (pairs of characters) a question says to name that item (fresh batches)


def by_quoted_text(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """A sentence the question quotes from a document: the clauses that say
    it (compared as ``normalize.plain``: quote marks and punctuation aside)
    first, in any document of the library; then the other hits."""
    quoted = quoted_sentences(query.text)
    if not quoted or not hits:
        return hits
    texts = index.plain_texts()
    found = [index.clauses[i] for i, t in enumerate(texts) if any(q in t for q in quoted) and index.clauses[i].kind != DUTY]
    return _first(found[:2], hits) if found else hits


def by_definition(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """What a quoted term means asked (「“231”产业集群指的是哪几个产业」): the
    clauses of the documents in play that define it (``defined_terms``) first.
    A question that says much about the asker can pull the retrieval away
    from the one clause that says what the term is."""
    defining = defined_terms(query)
    if not defining or not hits:
        return hits
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:3]))
    found = [index.clauses[cp] for d in docs for cp in index.clauses_of(d)
             if any(p.search(index.clauses[cp].text) for p in defining)]
    return _first(found[:2], hits)


def by_listing(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """The members of a kind asked (「济宁重点发展哪几个产业集群」): the clause
    of the documents in play that lists them (「“231”产业集群(高端装备、…)」,
    「A、B、C等重点产业链群」) first, when no best hit does and few clauses do.
    Each member's own clause shares the question's other words (重点发展) more."""
    nouns = ((listed_nouns(query.asking) if "list" in query.intents else []) or kind_claimed(query.asking)) if not query.parts else []
    # (not a kind any list may close with: 「哪些方向」 is answered by 「…等领域」 anywhere)
    if not nouns or set(nouns) <= lexicon.get().list_kinds or not hits or any(lists_members(nouns, h.clause.text) for h in hits[:3]):
        return hits
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:3]))
    found = [index.clauses[cp] for d in docs for cp in index.clauses_of(d)
             if index.clauses[cp].kind != DUTY and lists_members(nouns, index.clauses[cp].text)]
    return _first(found, hits) if 0 < len(found) <= LISTING_CLAUSES else hits


LISTING_CLAUSES = 2  # more clauses than this listing members of the kind asked pick none out


def by_named_term(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """A term the question quotes or codes (「济宁“231”产业集群的营业收入」) that
    few clauses of the documents in play say: those clauses join the hits,
    after them, where the search ranked them below clauses that share the
    rest of the question's words (each cluster's own 营业收入); the hits of
    the other side of a comparison stay."""
    terms = [t for t in subject_terms(query) if not re.fullmatch(r"(?:19|20)\d{2}", t)]  # (not 「“231”集群里…」: where to look)
    if not terms or not hits:
        return hits
    return _joined(index, hits, lambda text: any(t in text for t in terms))


def _joined(index: IndexData, hits: list[Hit], says: Callable[[str], bool]) -> list[Hit]:
    """The clauses of the documents in play that say what ``says`` looks for,
    after the hits; none when more than a few say it (it picks none out)."""
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:5]))
    found = [index.clauses[cp] for d in docs for cp in index.clauses_of(d)
             if index.clauses[cp].kind != DUTY and says(index.clauses[cp].text)]
    held = {h.clause.clause_id for h in hits}
    missing = [c for c in found if c.clause_id not in held]
    if not missing or len(found) > NAMED_TERM_CLAUSES:
        return hits
    last = hits[-1].score
    return hits + [Hit(c, last, r) for r, c in enumerate(missing, start=len(hits) + 1)]


NAMED_TERM_CLAUSES = 4  # a quoted term said in more clauses than this picks none out (fresh batches)


def by_holder(index: IndexData, query: Query, hits: list[Hit]) -> list[Hit]:
    """Who does a thing, asked by the thing (「平时谁负责督导调度」, 「链长谁来当」):
    the few clauses of the documents in play whose body does it, or who holds
    the role, join the hits, after them. Every 牵头/责任单位 line of a document
    answers "who" alike and can fill the hits before them."""
    if "department" not in query.intents or not hits:
        return hits
    return _joined(index, hits, lambda text: holds_role(query.asking, text))


def _first(clauses: list[Clause], hits: list[Hit]) -> list[Hit]:
    """``clauses`` at the top of ``hits`` (with the top score), then the other
    hits, renumbered; as many hits as before."""
    if not clauses:
        return hits
    top = hits[0].score
    taken = {c.clause_id for c in clauses}
    rest = [h for h in hits if h.clause.clause_id not in taken]
    ranked = [Hit(c, top, 0) for c in clauses] + rest
    return [Hit(h.clause, h.score, r, h.dense, h.lexical, h.chunk_id) for r, h in enumerate(ranked, start=1)][: len(hits)]


def _interleave(per: list[list[Hit]]) -> list[Hit]:
    """Several rankings merged in turn (first of each, then second, …), re-ranked."""
    merged: list[Hit] = []
    seen: set[str] = set()
    for i in range(max((len(h) for h in per), default=0)):
        for hs in per:
            if i < len(hs) and hs[i].clause.clause_id not in seen:
                seen.add(hs[i].clause.clause_id)
                merged.append(hs[i])
    return _reranked(merged)


def _reranked(hits: list[Hit]) -> list[Hit]:
    """``hits`` ranked anew in the order given."""
    return [Hit(h.clause, h.score, r, h.dense, h.lexical, h.chunk_id) for r, h in enumerate(hits, start=1)]


def asked_before(history) -> tuple[str, ...]:
    """The earlier questions of a conversation, oldest first, from a history
    given as the questions themselves, as chat messages (``{"role": "user",
    "content": …}``) or as LangChain messages: the assistant's turns are left out."""
    asked = []
    for turn in history:
        if isinstance(turn, str):
            asked.append(turn)
        elif isinstance(turn, BaseMessage):
            if turn.type == "human":
                asked.append(str(turn.content))
        elif isinstance(turn, dict) and "content" in turn:
            if turn.get("role", "user") in ("user", "human"):
                asked.append(str(turn["content"]))
        else:
            raise TypeError(f"history turn {turn!r} is neither a question, a chat message nor a LangChain message; "
                            'pass the earlier questions as strings or {"role": "user", "content": ...} messages')
    return tuple(asked)


def build_chain(
    index: IndexData,
    embeddings,
    answerer: Answerer,
    *,
    k: int = 8,
    today: dt.date | None = None,
    max_chars: int = MAX_CHARS,
    settings: SearchSettings = SearchSettings(),
    backend: SearchBackend | None = None,
) -> Runnable:
    @lru_cache(maxsize=1)
    def lists() -> Kin:  # the index's lists, read at the first follow-up that needs them, once per chain (per index)
        return siblings(c.text for c in index.clauses)

    def analyze_step(x: dict) -> Query:
        return analyze(x["question"], asked_before(x.get("history") or ()), today=today, max_chars=max_chars,
                       kin=lambda term: lists()(term))

    def retrieve_step(x: dict) -> list[Hit]:
        return retrieve(index, embeddings, x["query"], k=k, filters=x.get("filters"), settings=settings, backend=backend)

    def answer_step(x: dict) -> Answer:
        return answerer(x["query"], x["hits"])

    return (
        RunnablePassthrough.assign(query=RunnableLambda(analyze_step, name="analyze"))
        | RunnablePassthrough.assign(hits=RunnableLambda(retrieve_step, name="retrieve"))
        | RunnableLambda(answer_step, name="answer")
    )
