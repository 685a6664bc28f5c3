"""The one object the web app, the API and the CLI talk to.

It owns a loaded index and the answering chain, and exposes what the three
kinds of users need: ask (entrepreneurs), look up / browse / check a quote
(officials), add a document (signed-in officials).
"""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from .errors import PolicybotError
from .normalize import fold, fold_text
from .settings import Settings
from .types import HEADING, Answer, Clause, DocumentMeta, Hit
from .validity import Validity


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


# ---------------------------------------------------------------- the real service

def make_answerer(settings: Settings, index, embeddings):
    """The answerer ``PolicyService.ask`` uses (the eval runner uses it too):
    the extractive one, wrapped by the LLM answerer when an endpoint is set."""
    from .answer import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(index, embeddings, today=settings.today)
    if settings.llm_enabled:
        from .llm import LLMAnswerer

        answerer = LLMAnswerer(settings, fallback=answerer)
    return answerer




class PolicyService:
    """A loaded index, the answering chain and the officials' look-ups.

    Open it with ``PolicyService.open(settings)``. The shipped index is used
    until an official adds a document; from then on the app serves a live
    copy under ``settings.state_dir`` (the shipped index is never written by
    the app).
    """

    def __init__(self, settings: Settings, index, embeddings):
        self.settings = settings
        self.embeddings = embeddings
        self._lock = threading.RLock()
        self._set_index(index)

    # ---- opening
    @classmethod
    def open(cls, settings: Settings | None = None) -> "PolicyService":
        from . import index as ix
        from .documents import corpus_files, corpus_fingerprint
        from .embeddings import make_embeddings

        settings = settings or Settings.from_env()
        emb = make_embeddings(settings.embedding)
        expect = None
        built_from_corpus = settings.index_dir.resolve() == Settings().index_dir.resolve()
        if built_from_corpus and (settings.corpus_dir / "catalog.json").exists():
            expect = corpus_fingerprint(corpus_files(settings.corpus_dir))
        shipped = ix.load(settings.index_dir, emb, expect_corpus=expect)
        live_dir = settings.live_index_dir
        if (live_dir / "CURRENT").exists():
            try:
                live = ix.load(live_dir, emb)
                if live.manifest.get("corpus_fingerprint") == shipped.manifest.get("corpus_fingerprint"):
                    return cls(settings, live, emb)
                return cls(settings, cls._replay_uploads(shipped, live, emb, live_dir), emb)
            except PolicybotError:
                pass  # a damaged live copy: fall back to the shipped index
        return cls(settings, shipped, emb)

    @staticmethod
    def _replay_uploads(shipped, live, emb, live_dir: Path):
        """The shipped index changed: re-add the officials' documents to it."""
        from . import index as ix
        from .documents import parse_file

        added = live.manifest.get("uploads", {})
        docs = []
        for doc_id, rec in added.items():
            p = Path(rec["path"])
            if p.exists():
                docs.append(parse_file(p, doc_id=doc_id, overrides=rec.get("meta", {})))
        if not docs:
            return shipped
        data = ix.extend(shipped, docs, emb)
        data.manifest["uploads"] = added
        ix.save(data, live_dir)
        return data

    def _set_index(self, index) -> None:
        from .chain import build_chain

        answerer = make_answerer(self.settings, index, self.embeddings)
        self.index = index
        # folded text of every clause, for the quote check (built once per index)
        self._folded = [(c, fold_text(c.text)) for c in index.clauses if c.kind != HEADING]
        self.chain = build_chain(
            index, self.embeddings, answerer, today=self.settings.today, max_chars=self.settings.max_question_chars
        )

    @property
    def index_version(self) -> str:
        return self.index.version

    # ---- entrepreneurs
    def ask(self, question: str, history: Sequence[str] = (), *, region: str | None = None, doc_id: str | None = None) -> Answer:
        from .retrieve import Filters

        filters = Filters(regions=(region,) if region else (), doc_ids=(doc_id,) if doc_id else ())
        with self._lock:
            chain = self.chain
        return chain.invoke({"question": question, "history": list(history), "filters": filters})

    # ---- officials
    def documents(self) -> list[DocumentMeta]:
        return sorted(self.index.documents.values(), key=lambda d: (d.region, d.date))

    def document(self, doc_id: str) -> DocumentMeta:
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise PolicybotError(f"没有编号为 {doc_id} 的文件。") from None

    def document_clauses(self, doc_id: str) -> list[Clause]:
        self.document(doc_id)
        return [c for c in self.index.clauses if c.doc_id == doc_id]

    def clause(self, clause_id: str) -> tuple[Clause, DocumentMeta]:
        c = self.index.by_id.get(clause_id)
        if c is None:
            raise PolicybotError(f"没有编号为 {clause_id} 的条款（索引版本 {self.index_version}）。")
        return c, self.index.documents[c.doc_id]

    def regions(self) -> list[str]:
        return sorted({d.region for d in self.index.documents.values()})

    def departments(self) -> list[str]:
        count: dict[str, int] = {}
        for c in self.index.clauses:
            for name in (*c.lead, *c.responsible):
                count[name] = count.get(name, 0) + 1
        return sorted(count, key=lambda n: (-count[n], n))

    def search_clauses(
        self, keyword: str = "", *, department: str = "", region: str | None = None, doc_id: str | None = None, k: int = 50
    ) -> list[Hit]:
        from .retrieve import Filters, doc_matches, search
        from .types import INDEXED_KINDS

        f = Filters(regions=(region,) if region else (), doc_ids=(doc_id,) if doc_id else ())

        def has_dept(c: Clause) -> bool:
            return not department or any(department == n or department in n for n in (*c.lead, *c.responsible))

        if keyword.strip():
            hits = search(self.index, self.embeddings, keyword.strip(), k=max(k, 50), filters=f)
            hits = [h for h in hits if has_dept(h.clause)]
            return [Hit(h.clause, h.score, r, h.dense, h.lexical, h.chunk_id) for r, h in enumerate(hits[:k], 1)]
        if department:
            found = [
                c for c in self.index.clauses
                if c.kind in INDEXED_KINDS and has_dept(c) and doc_matches(self.index.documents[c.doc_id], f)
            ]
            # a block's duty is inherited by its parts: list the block once
            ids = {c.clause_id for c in found}
            found = [c for c in found if c.parent_id not in ids]
            return [Hit(c, 1.0, r) for r, c in enumerate(found[:k], 1)]
        return []

    def check_quote(self, text: str) -> QuoteMatch | None:
        from .retrieve import search

        needle = fold_text(text)
        if len(needle) < 4:
            return None
        exact: list[QuoteMatch] = []
        for c, folded in self._folded:
            if needle in folded:  # map back to the verbatim span only for the matches
                f = fold(c.text)
                i = f.text.find(needle)
                a, b = f.span_to_parent(i, i + len(needle))
                exact.append(QuoteMatch(c, self.index.documents[c.doc_id], a, b, True, 1.0))
        if exact:
            return min(exact, key=lambda m: len(m.clause.text))
        best: QuoteMatch | None = None
        for h in search(self.index, self.embeddings, text, k=8):
            f = fold(h.clause.text)
            sm = difflib.SequenceMatcher(None, needle, f.text, autojunk=False)
            blocks = [bl for bl in sm.get_matching_blocks() if bl.size >= 2]
            if not blocks:
                continue
            matched = sum(bl.size for bl in blocks)
            lo, hi = blocks[0].b, blocks[-1].b + blocks[-1].size
            sim = matched / max(len(needle), hi - lo)
            if best is None or sim > best.similarity:
                a, b = f.span_to_parent(lo, hi)
                best = QuoteMatch(h.clause, self.index.documents[h.clause.doc_id], a, b, False, round(sim, 3))
        return best if best is not None and best.similarity >= 0.5 else None

    def validity(self, doc: DocumentMeta) -> Validity:
        from .validity import validity

        return validity(doc, self.settings.today)

    # ---- signed-in officials
    def add_document(self, path: Path, **meta: str) -> DocumentMeta:
        """Ingest one file into the live index. A bad file raises a
        ``PolicybotError`` and the index stays as it was."""
        from . import index as ix
        from .documents import parse_file, slugify

        meta = {k: v for k, v in meta.items() if v not in (None, "")}
        path = Path(path)
        doc_id = meta.pop("id", None) or slugify(path.stem)
        parsed = parse_file(path, doc_id=doc_id, overrides=meta, password=meta.pop("password", None))
        with self._lock:
            data = ix.extend(self.index, [parsed], self.embeddings)
            uploads = dict(self.index.manifest.get("uploads", {}))
            uploads[doc_id] = {"path": str(path.resolve()), "meta": meta}
            data.manifest["uploads"] = uploads
            ix.save(data, self.settings.live_index_dir)
            self._set_index(data)
        return parsed.meta
