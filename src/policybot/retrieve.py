"""Hybrid clause retrieval: dense + lexical (BM25) search from a
``SearchBackend`` (FAISS + bm25s by default, or Milvus), fused, with metadata
filters; and the LangChain retriever that wraps it.

Fusion is a pure function over rankings; ``search`` is the one entry point
the chain uses. ``Filters``, ``doc_matches`` and ``region_matches`` live in
``backends`` and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .backends import Filters, SearchBackend, doc_matches, local_backend, region_matches  # noqa: F401 (re-exported)
from . import lexicon
from .documents import DOCNO_RE, docno_key, fold_docno, typed_docno
from .embeddings import embed_array
from .index import IndexData
from .normalize import title_key
from .regions import place_mentions, within
from .tokenize import segment, tokenize
from .types import Hit

if TYPE_CHECKING:
    from .query import Query

MODES = ("hybrid", "dense", "bm25")
FUSIONS = ("rrf", "weighted")
DEFAULT_MODE = "hybrid"
DEFAULT_FUSION = "weighted"  # chosen by `policybot eval --ablation`: see README
RRF_K = 60




MAX_NAMED = 4  # a kind word that fits more documents than this names none of them


def mentioned_docs(index: IndexData, query: Query) -> list[str]:
    """Documents a question names by kind (意见, 评估报告, 行动计划, 方案),
    of the places it names, when it names two or more; used to compare two
    documents of one city."""
    out = _qualified(index, query.text, named_docs(index, query))
    return out if len(out) >= 2 else []


def compared_docs(index: IndexData, query: Query) -> list[str]:
    """The documents a comparison names, each side its own way (「济南市委市政府2020年7月
    那份意见和淄政字〔2023〕7号，…各是多少」: by place and kind, by 文号, by title),
    when they are two or more; else ``mentioned_docs``."""
    if "comparison" in query.intents:
        named = list(dict.fromkeys(numbered_docs(index, query, citing=False) + titled_docs(index, query)
                                   + _qualified(index, query.text, named_docs(index, query))))
        if 2 <= len(named) <= MAX_NAMED:
            return named
    return mentioned_docs(index, query)


def numbered_docs(index: IndexData, query: Query, *, citing: bool = True) -> list[str]:
    """Documents a question names by their 文号 (「济发〔2020〕16号里…」); with
    ``citing``, for a 文号 the library does not hold, the documents that cite
    it (an evaluation report of the plan it numbers)."""
    asked = {docno_key(m.group(0)) for m in DOCNO_RE.finditer(query.text)}
    yearless = _yearless_numbers(index, query.text)
    if not asked:
        return yearless
    mistyped = mistyped_numbers(index, query)
    held = [d.doc_id for d in index.documents.values() if d.number and docno_key(d.number) in asked]
    held += [doc for doc in yearless if doc not in held]
    held += [doc for doc in mistyped.values() if doc not in held]
    cited = [doc for key in sorted(unheld_numbers(index, query, mistyped)) for doc in index.cited_numbers().get(key, ())] if citing else []
    return list(dict.fromkeys([*held, *cited]))


# 「市中政字29号」: a 文号 typed without its year
_YEARLESS = re.compile(r"(?<![\u4e00-\u9fff〕\d])([\u4e00-\u9fff]{1,4}?(?:发|字|函))\s*第?\s*(\d{1,4})\s*号")


_DATED_NUMBER = re.compile(r"[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]\s*\d{1,4}\s*号")  # the year and number of a whole 文号


def _yearless_numbers(index: IndexData, text: str) -> list[str]:
    """The documents a 文号 typed without its year names (「市中政字29号」): the one held
    document of that series (the prefix's last two characters, as ``documents.docno_key``)
    and number; none where two years of the series share it."""
    out = []
    for m in _YEARLESS.finditer(_DATED_NUMBER.sub("〔〕", text)):
        series, number = m.group(1)[-2:], m.group(2)
        docs = [d.doc_id for d in index.documents.values()
                if d.number and (own := _NUMBER_PARTS.search(fold_docno(d.number))) and own.group(1).endswith(series) and own.group(3) == number]
        if len(docs) == 1 and docs[0] not in out:
            out += docs
    return out


def unheld_numbers(index: IndexData, query: Query, mistyped: dict[str, str] | None = None) -> set[str]:
    """The 文号 a question names (``documents.docno_key``) that no document of the library bears
    (nor one it was mistyped for, ``mistyped_numbers``, given when already worked out)."""
    asked = {docno_key(m.group(0)) for m in DOCNO_RE.finditer(query.text)}
    if not asked:
        return set()
    mistyped = mistyped_numbers(index, query) if mistyped is None else mistyped
    return asked - {docno_key(d.number) for d in index.documents.values() if d.number} - set(mistyped)


_NUMBER_PARTS = re.compile(r"(\D+)〔(\d{4})〕(\d+)号$")


def _within(short: str, long: str) -> bool:
    """``short`` is ``long`` with characters left out (济发 in 济宁发)."""
    it = iter(long)
    return all(ch in it for ch in short)


def mistyped_numbers(index: IndexData, query: Query) -> dict[str, str]:
    """文号 the library does not hold that are a held one with its place spelled
    out or shortened (济宁发〔2020〕16号 for 济发〔2020〕16号: the same year and
    number, one prefix the other with characters of the issuing place's name
    left out; 济政发 is another series): key -> document."""
    found: dict[str, str] = {}
    held = {docno_key(d.number) for d in index.documents.values() if d.number}
    for m in DOCNO_RE.finditer(query.text):
        typed = typed_docno(m.group(0))
        key, at = docno_key(typed), _NUMBER_PARTS.search(typed)
        if key in held or at is None:
            continue
        for d in index.documents.values():
            own = _NUMBER_PARTS.search(fold_docno(d.number)) if d.number else None
            if own is None or own.group(2, 3) != at.group(2, 3) or own.group(1) == at.group(1):
                continue
            short, long = sorted((own.group(1), at.group(1)), key=len)
            # (what one prefix has beyond the other is of the issuing place's name: 济宁发 for 济发, not 济政发)
            extra = set(long) - set(short)
            if len(short) >= 2 and _within(short, long) and extra and extra <= set(d.region or ""):
                found[key] = d.doc_id
                break
    return found


def titled_docs(index: IndexData, query: Query) -> list[str]:
    """Documents whose title the question quotes (「《关于加快建设工业强市的
    实施意见》里…」): that one, not every document of its kind."""
    quoted = [title_key(t) for t in re.findall(r"《([^》]{6,80})》", query.text)]
    if quoted:
        return [doc for doc, key in index.title_keys().items() if any(q in key or key in q for q in quoted)]
    # a held title written out without its marks (「关于加快先进制造业集群开放创新发展的意见，文号是啥」),
    # with or without its leading 关于 and its years
    said = title_key(query.text)
    return [doc for doc, key in index.title_keys().items()
            if any(len(k) >= UNQUOTED_TITLE and k in said for k in _title_forms(key))]


UNQUOTED_TITLE = 10  # characters of a title, written without 《》, that name it (not 「工业强市实施意见」)


def _title_forms(key: str) -> set[str]:
    """A title key as it may be written out: whole, without its leading 关于, without its years."""
    forms = {key, key.removeprefix("关于")}
    return forms | {re.sub(r"\d{4}\s*[—–-]+\s*\d{4}年?", "", f) for f in forms}


def named_docs(index: IndexData, query: Query) -> list[str]:
    """Documents a question names by kind, of the places it names (「济南的
    实施意见」: the city's one 意见). A kind word that fits many documents of
    a library (通知) names none."""
    text = query.text
    places = query.places
    named: dict[str, bool] = {}  # per document kind: does the question name it
    inside: dict[str, bool] = {}  # per region: is it one of the places asked about
    out = []
    years = {str(y) for y in query.context_years}  # 「2020年文件」 names that year's document
    mentions = place_mentions(text) if len({p.name for p in places}) >= 2 else []
    for d in index.documents.values():
        if d.kind not in named:
            named[d.kind] = any(w and w in text for w in lexicon.get().kind_words(d.kind))
        if not named[d.kind] and not (places and d.date[:4] in years):
            continue
        if places and d.region not in inside:  # the places' own documents, not national ones
            inside[d.region] = any(within(d.region, p.name) for p in places)
        if places and not inside[d.region]:
            continue
        if mentions and named[d.kind] and _said_of_another(text, mentions, lexicon.get().kind_words(d.kind), d.region):
            continue  # 「济南评估报告里…，济宁意见里…」: 济宁's 意见, not 济南's
        out.append(d.doc_id)
        if len(out) > MAX_NAMED:
            return []
    return out


def _qualified(index: IndexData, text: str, docs: list[str]) -> list[str]:
    """Of several documents set side by side that a kind word names (「2020年那个工业强市意见」: 济南's and 济宁's
    意见 of 2020), those whose title says the words the question puts right before it
    (工业强市); only where every such naming fits some of them (「济宁的集群意见和济南的
    工业强市意见」 names both, 「济宁的意见和…」 one by its place)."""
    lex = lexicon.get()
    fitting: dict[str, list[set[str]]] = {}  # per kind word: the documents each naming before it fits
    for kind_word, said in _namings(text):
        same = [d for d in docs if kind_word in lex.kind_words(index.documents[d].kind)]
        titles = [index.documents[d].title for d in same]
        # (the words some title of the kind says: not the asker's own, 搞, 跟, nor a place the title leaves out)
        words = [w for w in said if any(w in t for t in titles)]
        fitting.setdefault(kind_word, []).append({d for d, t in zip(same, titles) if words and all(w in t for w in words)})
    out = list(docs)
    for word, fits in fitting.items():
        same = [d for d in out if word in lex.kind_words(index.documents[d].kind)]
        if len(same) >= 2 and all(fits):
            fit = set().union(*fits)
            out = [d for d in out if d not in same or d in fit]
    return out


def fits_naming(index: IndexData, text: str, doc: str) -> bool:
    """Every naming of the document's kind in ``text`` (「济南工业强市三年行动计划」) says only
    words its title says: the text may mean it, not another of the kind it cites."""
    meta = index.documents[doc]
    titles = index.title_keys().values()
    kinds = lexicon.get().kind_words(meta.kind)
    # (the words some title of the library says: not 后来 of 「后来评估报告里说」)
    return all(w in meta.title for kind_word, said in _namings(text) if kind_word in kinds
               for w in said if any(w in t for t in titles))


def _namings(text: str) -> list[tuple[str, list[str]]]:
    """Each kind word of the text with the words it puts right before it (「2020年那个工业强市意见」 ->
    意见, [工业, 强市])."""
    return [(m.group(2), [w for w in segment(_QUALIFIER_FILLER.sub("", m.group(1))) if len(w) >= 2 and w not in _POINTING])
            for m in re.finditer(rf"([\u4e00-\u9fff]{{2,10}}?)(?:的)?({lexicon.get().kinds_alternation()})", text)]


_POINTING = frozenset({"那个", "这个", "那份", "这份", "一个", "一份", "那些", "这些"})
_QUALIFIER_FILLER = re.compile(r"^.*(?:那个|这个|那份|这份|那|这|年|的|说|里)(?=[\u4e00-\u9fff]{2})")


def _said_of_another(text: str, mentions: list, words, region: str) -> bool:
    """Every time the question says a kind word after a place, the place
    right before it is another than ``region``: the kind is named of that one.
    A district inside the region is none (「我是历城区工信局的，…市里2020年那个
    …意见」: the city's 意见 governs it)."""
    before = [next((p for a, b, p in reversed(mentions) if b <= m.start()), None)
              for w in words if w for m in re.finditer(re.escape(w), text)]
    bound = [p for p in before if p is not None]
    return bool(bound) and not any(within(region, p.name) or within(p.name, region) for p in bound)


def chunk_mask(index: IndexData, f: Filters | None) -> np.ndarray | None:
    """Boolean mask over chunks (None: no filter)."""
    ids = local_backend(index).scope.chunks(f)
    if ids is None:
        return None
    mask = np.zeros(len(index.chunks), dtype=bool)
    mask[ids] = True
    return mask


# ---------------------------------------------------------------- scoring
# The local backend's searches by mask, under their old names.

def dense_scores(index: IndexData, qvec: np.ndarray, n: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
    return local_backend(index).dense_in(qvec, n, None if mask is None else np.flatnonzero(mask))


def lexical_scores(index: IndexData, tokens: list[str], n: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
    return local_backend(index).lexical_in(tokens, n, None if mask is None else np.flatnonzero(mask))


def rrf(rankings: list[list[tuple[int, float]]], weights: list[float] | None = None, k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: sum of w / (k + rank)."""
    weights = weights or [1.0] * len(rankings)
    out: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for rank, (i, _) in enumerate(ranking, start=1):
            out[i] = out.get(i, 0.0) + w / (k + rank)
    return out


def weighted(rankings: list[list[tuple[int, float]]], weights: list[float]) -> dict[int, float]:
    """Min-max normalised scores, weighted and summed."""
    out: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        if not ranking:
            continue
        vals = np.array([s for _, s in ranking], dtype=np.float64)
        lo, hi = float(vals.min()), float(vals.max())
        for i, s in ranking:
            out[i] = out.get(i, 0.0) + w * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return out


def to_clauses(index: IndexData, chunk_scores: dict[int, float]) -> list[tuple[int, float, int]]:
    """Chunk scores -> (clause position, best score, best chunk), best first."""
    best: dict[int, tuple[float, int]] = {}
    cc = index.chunk_clause
    for i, s in chunk_scores.items():
        c = int(cc[i])
        if c not in best or s > best[c][0]:
            best[c] = (s, i)
    return sorted(((c, s, i) for c, (s, i) in best.items()), key=lambda t: -t[1])


# ---------------------------------------------------------------- search

@dataclass(frozen=True)
class SearchSettings:
    mode: str = DEFAULT_MODE
    fusion: str = DEFAULT_FUSION
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    depth: int = 60  # candidates taken from each side


def search(
    index: IndexData,
    embeddings,
    query: str,
    *,
    k: int = 10,
    filters: Filters | None = None,
    settings: SearchSettings = SearchSettings(),
    lexical_query: str | None = None,
    backend: SearchBackend | None = None,
) -> list[Hit]:
    """Ranked clauses for ``query``. ``lexical_query`` (e.g. the query with
    synonyms added) replaces the query on the BM25 side only. ``backend``
    searches the chunks of ``index`` (default: the local one)."""
    if settings.mode not in MODES:
        raise ValueError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
    backend = backend if backend is not None else local_backend(index)
    depth = max(settings.depth, k * 3)
    dense: list[tuple[int, float]] = []
    lexical: list[tuple[int, float]] = []
    if settings.mode in ("hybrid", "dense"):
        q = embed_array(embeddings, [query], query=True)[0]
        dense = backend.dense(q, depth, filters)
    if settings.mode in ("hybrid", "bm25"):
        lexical = backend.lexical(tokenize(lexical_query or query, index.tokenizer), depth, filters)
    if settings.mode == "dense":
        fused = {i: s for i, s in dense}
    elif settings.mode == "bm25":
        fused = {i: s for i, s in lexical}
    elif settings.fusion == "rrf":
        fused = rrf([dense, lexical], [settings.dense_weight, settings.lexical_weight])
    else:
        fused = weighted([dense, lexical], [settings.dense_weight, settings.lexical_weight])
    d_of = dict(dense)
    l_of = dict(lexical)
    # per clause: best dense and lexical among its chunks
    cc = index.chunk_clause
    best_d: dict[int, float] = {}
    best_l: dict[int, float] = {}
    for i, s in d_of.items():
        best_d[int(cc[i])] = max(best_d.get(int(cc[i]), -1.0), s)
    for i, s in l_of.items():
        best_l[int(cc[i])] = max(best_l.get(int(cc[i]), 0.0), s)
    hits = []
    for rank, (c, s, i) in enumerate(to_clauses(index, fused)[:k], start=1):
        hits.append(
            Hit(index.clauses[c], float(s), rank, best_d.get(c), best_l.get(c), index.chunks[i].chunk_id)
        )
    return hits


class ClauseRetriever(BaseRetriever):
    """LangChain retriever over the clause index.

    Returns one ``Document`` per clause: ``page_content`` is the clause text,
    ``metadata`` carries the clause id, path, label, page, document id and the
    scores.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any
    embeddings: Any
    k: int = 10
    filters: Filters | None = None
    settings: SearchSettings = SearchSettings()
    backend: Any = None  # a SearchBackend; None: the local one

    def search_hits(self, query: str, **kw: Any) -> list[Hit]:
        return search(
            self.index,
            self.embeddings,
            query,
            k=kw.pop("k", self.k),
            filters=kw.pop("filters", self.filters),
            settings=kw.pop("settings", self.settings),
            backend=kw.pop("backend", self.backend),
            **kw,
        )

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [hit_to_document(h) for h in self.search_hits(query)]


def hit_to_document(h: Hit) -> Document:
    c = h.clause
    return Document(
        page_content=c.text,
        metadata={
            "clause_id": c.clause_id,
            "doc_id": c.doc_id,
            "label": c.label,
            "path": list(c.path),
            "page": c.page,
            "score": h.score,
            "rank": h.rank,
            "dense": h.dense,
            "lexical": h.lexical,
        },
    )
