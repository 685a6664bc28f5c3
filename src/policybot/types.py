"""The small frozen records that travel between the stages of the pipeline.

read -> SourceText -> (clean, parse) -> Document + Clause -> Chunk -> index
query -> Hit -> Answer(Citation...)

Everything here is plain data: no I/O, no models. ``to_json`` methods give
the stable machine interface (``policybot ask --json``, ``/api/ask``).
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceText:
    """What a reader got out of a file, before any cleaning.

    ``text`` is the reference for offsets ("the original"): clause spans are
    mapped back into it. ``page_starts[i]`` is the offset in ``text`` where
    page ``i + 1`` begins (PDFs only). ``hints`` are metadata the file itself
    carries (an HTML title, a publication line), used when no catalog entry
    says otherwise.
    """

    path: str
    format: str  # "txt" | "md" | "pdf" | "html"
    text: str
    page_starts: tuple[int, ...] | None = None
    hints: dict[str, str] = field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts):
            if offset >= start:
                page = i + 1
            else:
                break
        return page


@dataclass(frozen=True)
class DocumentMeta:
    """A policy document as an official cites it."""

    doc_id: str
    title: str
    issuer: str
    date: str  # ISO date of issue (or publication)
    region: str  # e.g. 济南市, 济南市市中区, 浙江省, 全国 (a national document)
    level: str  # 国家 | 省 | 市 | 区县
    number: str | None = None  # 文号, e.g. 淄政字〔2023〕7号
    kind: str = ""  # 意见 | 行动计划 | 实施方案 | 评估报告 ...
    period: str | None = None  # as the document states it, e.g. 2023—2025年
    valid_from: str | None = None
    valid_until: str | None = None  # ISO date; None when the text sets no end
    horizon: int | None = None  # last target year the document sets
    source: str = ""  # where the text comes from (URL or description)
    file: str = ""  # path of the source file, relative to the corpus folder
    format: str = "txt"
    province: str = ""  # 山东省; "" for a national document or an unknown region
    region_inferred: bool = False  # the region was read from the text (a guess), not given by a catalog or an official

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "title": self.title,
            "number": self.number,
            "issuer": self.issuer,
            "date": self.date,
            "region": self.region,
            "province": self.province,
            "region_inferred": self.region_inferred,
            "level": self.level,
            "kind": self.kind,
            "period": self.period,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "horizon": self.horizon,
            "source": self.source,
            "file": self.file,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "DocumentMeta":
        return cls(
            doc_id=d["id"],
            title=d["title"],
            issuer=d["issuer"],
            date=d["date"],
            region=d["region"],
            level=d.get("level", ""),
            number=d.get("number"),
            kind=d.get("kind", ""),
            period=d.get("period"),
            valid_from=d.get("valid_from"),
            valid_until=d.get("valid_until"),
            horizon=d.get("horizon"),
            source=d.get("source", ""),
            file=d.get("file", ""),
            format=d.get("format", "txt"),
            province=d.get("province", ""),
            region_inferred=bool(d.get("region_inferred", False)),
        )


# Kinds of clause nodes. Only INDEXED_KINDS go into the retrieval index; the
# others stay in the clause store so a document can be shown whole.
CLAUSE = "clause"  # a numbered item, paragraph, 一是 or —— part with content
DUTY = "duty"  # a standalone 牵头单位/责任单位 line that closes a block
HEADING = "heading"  # a heading with no content of its own (一、总体要求)
PREAMBLE = "preamble"  # text before the first heading (notice, foreword)
FOOTER = "footer"  # 抄送, 印发, (此件公开发布)
MASTHEAD = "masthead"  # 红头, addressees, issue date and signature lines
INDEXED_KINDS = frozenset({CLAUSE, DUTY, PREAMBLE, MASTHEAD, FOOTER})


@dataclass(frozen=True, slots=True)
class Clause:
    """One node of a document's clause tree, with its own verbatim text.

    ``text`` is verbatim from the cleaned document (layout removed: hard line
    wraps, page footers, stray ``**``), and ``source_start``/``source_end``
    locate it in the reader's text. ``path`` is the heading path that makes
    the clause unique inside its document; ``label`` is the short form used
    in citations. ``lead`` and ``responsible`` are the 牵头单位 / 责任单位
    that apply (own, or inherited from the enclosing block).
    """

    clause_id: str
    doc_id: str
    ordinal: int
    kind: str
    path: tuple[str, ...]
    label: str
    text: str
    start: int
    end: int
    source_start: int
    source_end: int
    page: int | None = None
    page_end: int | None = None
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    parent_id: str | None = None

    @property
    def path_str(self) -> str:
        return " › ".join(self.path)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = list(self.path)
        d["lead"] = list(self.lead)
        d["responsible"] = list(self.responsible)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Clause":
        d = dict(d)  # names repeated across clauses are shared, not copied (a large index holds 100k+)
        for key in ("doc_id", "kind", "label", "parent_id"):
            if isinstance(d.get(key), str):
                d[key] = sys.intern(d[key])
        d["path"] = tuple(sys.intern(p) for p in d["path"])
        d["lead"] = tuple(d.get("lead", ()))
        d["responsible"] = tuple(d.get("responsible", ()))
        return cls(**d)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrieval unit: a verbatim piece of one clause (the whole clause when
    it is short). ``start``/``end`` are offsets inside ``Clause.text``."""

    chunk_id: str
    clause_id: str
    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A clause found for a query, with the scores that ranked it."""

    clause: Clause
    score: float
    rank: int
    dense: float | None = None
    lexical: float | None = None
    chunk_id: str | None = None


@dataclass(frozen=True)
class Citation:
    n: int
    clause: Clause
    document: DocumentMeta
    quote: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "clause_id": self.clause.clause_id,
            "label": self.clause.label,
            "path": list(self.clause.path),
            "text": self.clause.text,
            "quote": self.quote,
            "page": self.clause.page,
            "score": round(float(self.score), 6),
            "document": self.document.to_json(),
        }


@dataclass(frozen=True)
class Statement:
    """One verbatim quote in an answer: ``clause.text[start:end]``, cited as [n]."""

    n: int
    clause_id: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Block:
    """The part of an answer that rests on one document: its identification
    line, then its quotes in the order the document says them."""

    doc_id: str
    line: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Answer:
    """What the assistant says, and the clauses every statement rests on.

    ``standalone`` is the question as understood (a follow-up rewritten with
    its context). ``related`` lists the closest clauses when the answer is
    refused ("可能相关"), never used as support.

    The extractive answerer fills the structure — ``blocks`` (quotes with
    their citation numbers and offsets), ``notes``, ``refusal`` (what the
    documents do not give) — and ``answer`` is that structure rendered for a
    person (``answer.render``). An answerer that words its own text (the LLM
    answerer) leaves ``blocks`` empty.
    """

    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    standalone: str = ""
    related: tuple[Hit, ...] = ()
    notes: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    refusal: str | None = None
    figures: tuple[str, ...] = ()  # lines said before the quotes, each with its [n]: the figure that applies, or where a provision asked for sits
    lead: str = ""  # a refusal's first line when nothing is missing from the documents (no question asked)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "standalone_question": self.standalone or self.question,
            "citations": [c.to_json() for c in self.citations],
            "related": [
                {
                    "clause_id": h.clause.clause_id,
                    "label": h.clause.label,
                    "path": list(h.clause.path),
                    "doc_id": h.clause.doc_id,
                    "score": round(float(h.score), 6),
                }
                for h in self.related
            ],
            "notes": list(self.notes),
        }
