"""The one object the web app, the API and the CLI talk to.

It owns a loaded index and the answering chain, and exposes what the three
kinds of users need: ask (entrepreneurs), look up / browse / check a quote
(officials), add a document (signed-in officials).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from .types import Answer, Clause, DocumentMeta, Hit


@dataclass(frozen=True)
class Validity:
    """Whether a document's period still runs, said for a person."""

    status: str  # "in_force" | "expired" | "unstated"
    text: str  # e.g. "有效期至2026年底" / "已到期（2023—2025年）"

    @property
    def expired(self) -> bool:
        return self.status == "expired"


@dataclass(frozen=True)
class QuoteMatch:
    """Where a pasted sentence stands in the corpus.

    ``start``/``end`` index ``clause.text``; ``exact`` is true when the
    sentence is there verbatim (after folding width, whitespace and
    traditional characters), ``similarity`` is in [0, 1].
    """

    clause: Clause
    document: DocumentMeta
    start: int
    end: int
    exact: bool
    similarity: float


class Service(Protocol):
    index_version: str

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        region: str | None = None,
        doc_id: str | None = None,
    ) -> Answer: ...

    def documents(self) -> list[DocumentMeta]: ...

    def document(self, doc_id: str) -> DocumentMeta: ...

    def document_clauses(self, doc_id: str) -> list[Clause]: ...

    def clause(self, clause_id: str) -> tuple[Clause, DocumentMeta]: ...

    def search_clauses(
        self,
        keyword: str = "",
        *,
        department: str = "",
        region: str | None = None,
        doc_id: str | None = None,
        k: int = 50,
    ) -> list[Hit]: ...

    def departments(self) -> list[str]: ...

    def regions(self) -> list[str]: ...

    def check_quote(self, text: str) -> QuoteMatch | None: ...

    def validity(self, doc: DocumentMeta) -> Validity: ...

    def add_document(self, path: Path, **meta: str) -> DocumentMeta: ...
