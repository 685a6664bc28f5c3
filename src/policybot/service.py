"""The one object the web app, the API and the CLI talk to.

It owns a loaded index and the answering chain, and exposes what the three
kinds of users need: ask (entrepreneurs), look up / browse / check a quote
(officials), add a document (signed-in officials).
"""

from __future__ import annotations

import difflib
import hashlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, Sequence

from .errors import DuplicateDocumentError, PolicybotError, QuestionError
from .jobs import JobRegistry, JobStatus, Reporter
from .limits import Budget, Slots, budget_callback
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
        budget: Budget | None = None,
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

    def check_quote(self, text: str, *, budget: Budget | None = None) -> QuoteMatch | None: ...

    def validity(self, doc: DocumentMeta) -> Validity: ...

    def measures(self) -> list: ...  # list[measures.Measure]

    def match(self, profile) -> list: ...  # match.Profile -> list[match.Eligibility]

    def add_document(self, path: Path, **meta: str) -> DocumentMeta: ...

    def start_add_document(self, path: Path, **meta: str) -> str: ...

    def job(self, job_id: str) -> JobStatus: ...


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
        self._ingest_lock = threading.Lock()  # one writer at a time; readers never wait on it
        self._slots = Slots(settings.max_concurrent_answers, settings.busy_wait_seconds)
        self.jobs = JobRegistry()
        self._measures = None  # (index, its measures), computed on first use (pure, fast)
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
        """Build everything that depends on the index, then switch to it with
        one assignment: a request holds the snapshot it started with."""
        from .backends import make_backend
        from .chain import build_chain

        answerer = make_answerer(self.settings, index, self.embeddings)
        backend = make_backend(self.settings, index)
        # folded text of every clause, for the quote check (built once per index)
        folded = tuple((c, fold_text(c.text)) for c in index.clauses if c.kind != HEADING)
        chain = build_chain(
            index, self.embeddings, answerer, today=self.settings.today, max_chars=self.settings.max_question_chars,
            backend=backend,
        )
        self._snap = _Snapshot(index, chain, folded, _fingerprints(folded), backend)

    @property
    def index(self):
        return self._snap.index

    @property
    def chain(self):
        return self._snap.chain

    @property
    def backend(self):
        return self._snap.backend

    @property
    def index_version(self) -> str:
        return self.index.version

    def _budget(self, budget: Budget | None) -> Budget:
        return budget if budget is not None else Budget(self.settings.request_seconds)

    # ---- entrepreneurs
    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        region: str | None = None,
        doc_id: str | None = None,
        budget: Budget | None = None,
    ) -> Answer:
        """Answer from the index current when the call starts. History is
        capped (the oldest turns dropped, said in the notes); at most
        ``max_concurrent_answers`` run at once (else :class:`BusyError`);
        the work stops at the next step once ``budget`` is spent."""
        from .limits import check_history
        from .query import check_question
        from .retrieve import Filters

        s = self.settings
        check_question(question, s.max_question_chars)
        hist = check_history(
            history, max_turns=s.max_history_turns, max_chars=s.max_history_chars, max_turn_chars=s.max_question_chars
        )
        filters = Filters(regions=(region,) if region else (), doc_ids=(doc_id,) if doc_id else ())
        budget = self._budget(budget)
        chain = self._snap.chain
        with self._slots.hold():
            budget.check()
            answer = chain.invoke(
                {"question": question, "history": list(hist.turns), "filters": filters},
                config={"callbacks": [budget_callback(budget)]},
            )
        if hist.note:
            answer = replace(answer, notes=(*answer.notes, hist.note))
        return answer

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

        if len(keyword) > self.settings.max_question_chars:
            raise QuestionError(f"关键词太长（{len(keyword)} 字）：请控制在 {self.settings.max_question_chars} 字以内。")
        if keyword.strip():
            snap = self._snap
            hits = search(snap.index, self.embeddings, keyword.strip(), k=max(k, 50), filters=f, backend=snap.backend)
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

    def check_quote(self, text: str, *, budget: Budget | None = None) -> QuoteMatch | None:
        from .limits import check_text

        text = check_text(text, "要核对的句子")
        limit = self.settings.max_quote_chars
        if len(text.strip()) > limit:
            raise QuestionError(
                f"要核对的句子太长（{len(text.strip())} 字）：一次最多核对 {limit} 字，请只粘贴要核对的那一两句。"
            )
        budget = self._budget(budget)
        with self._slots.hold("核对"):
            return self._check_quote(text, budget)

    def _check_quote(self, text: str, budget: Budget) -> QuoteMatch | None:
        from .retrieve import search

        snap = self._snap
        needle = fold_text(text)
        if len(needle) < 4:
            return None
        exact: list[QuoteMatch] = []
        for n, (c, folded) in enumerate(snap.folded):
            if n % 256 == 0:
                budget.check()
            if needle in folded:  # map back to the verbatim span only for the matches
                f = fold(c.text)
                i = f.text.find(needle)
                a, b = f.span_to_parent(i, i + len(needle))
                exact.append(QuoteMatch(c, snap.index.documents[c.doc_id], a, b, True, 1.0))
        if exact:
            return min(exact, key=lambda m: len(m.clause.text))
        best: QuoteMatch | None = None
        for h in search(snap.index, self.embeddings, text, k=8, backend=snap.backend):
            budget.check()
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
                best = QuoteMatch(h.clause, snap.index.documents[h.clause.doc_id], a, b, False, round(sim, 3))
        return best if best is not None and best.similarity >= 0.5 else None

    def measures(self):
        """Every support measure of the loaded index (``measures.extract_all``)."""
        from .measures import extract_all

        index = self.index  # one snapshot; a new index gets its own measures
        cached = self._measures
        if cached is None or cached[0] is not index:
            cached = self._measures = (index, extract_all(index.clauses, index.documents))
        return cached[1]

    def match(self, profile):
        """The eligibility check (``match.match``) against the loaded index."""
        from .match import match

        index = self.index
        texts = {c.clause_id: c.text for c in index.clauses}
        return match(profile, self.measures(), index.documents, self.settings.today, texts)

    def validity(self, doc: DocumentMeta) -> Validity:
        from .validity import validity

        return validity(doc, self.settings.today)

    # ---- signed-in officials
    def add_document(self, path: Path, **meta: str) -> DocumentMeta:
        """Ingest one file into the live index and wait for it. A bad file
        raises a ``PolicybotError`` and the index stays as it was."""
        st = self.jobs.wait(self.start_add_document(path, **meta))
        if st.result is None:
            if st.state == "重复":
                raise DuplicateDocumentError(st.message, existing="")
            raise PolicybotError(st.message)
        return st.result

    def start_add_document(self, path: Path, **meta: str) -> str:
        """Start adding one file as a background job; returns its id (see
        :meth:`job`). Questions are answered from the current index until the
        new one is switched in."""
        path = Path(path)
        return self.jobs.submit(path.name, lambda report: self._ingest(path, meta, report))

    def job(self, job_id: str) -> JobStatus:
        return self.jobs.get(job_id)

    def _ingest(self, path: Path, meta: dict, report: Reporter) -> DocumentMeta:
        from . import index as ix
        from .documents import parse_file, slugify

        meta = {k: v for k, v in meta.items() if v not in (None, "")}
        doc_id = meta.pop("id", None) or slugify(path.stem)
        password = meta.pop("password", None)
        with self._ingest_lock:  # writers queue here; readers keep the current snapshot
            report.stage("读取")
            parsed = parse_file(path, doc_id=doc_id, overrides=meta, password=password)
            report.stage("分条", 1.0)
            base = self._snap
            fp = document_fingerprint(parsed.clauses)
            same = base.fingerprints.get(fp)
            if same is not None:
                title = base.index.documents[same].title
                raise DuplicateDocumentError(
                    f"这份文件已在索引中：《{title}》（编号 {same}），内容相同，没有重复添加。"
                    "如需更新，请上传修改后的文件。",
                    existing=same,
                )
            data = ix.extend(base.index, [parsed], self.embeddings, progress=report.progress("向量化"))
            report.stage("写入索引")
            uploads = dict(base.index.manifest.get("uploads", {}))
            uploads[doc_id] = {"path": str(path.resolve()), "meta": meta}
            data.manifest["uploads"] = uploads
            ix.save(data, self.settings.live_index_dir)
            self._set_index(data)  # the switch: one assignment
            report.stage("写入索引", 1.0)
        return parsed.meta


@dataclass(frozen=True)
class _Snapshot:
    """Everything one index version needs to answer; replaced whole."""

    index: object
    chain: object
    folded: tuple
    fingerprints: dict  # content fingerprint -> doc_id
    backend: object = None  # the SearchBackend over ``index``


def _digest_folded(texts) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update("".join(t.split()).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def document_fingerprint(clauses) -> str:
    """The content of a document, independent of its file and layout: its
    clause texts, folded, without whitespace."""
    return _digest_folded(fold_text(c.text) for c in clauses if c.kind != HEADING)


def _fingerprints(folded) -> dict:
    by_doc: dict[str, list[str]] = {}
    for c, text in folded:
        by_doc.setdefault(c.doc_id, []).append(text)
    return {_digest_folded(texts): doc_id for doc_id, texts in by_doc.items()}
