"""The textbook pipeline of issue 8, for side-by-side figures on corpus-ncp:
LangChain's RecursiveCharacterTextSplitter (500 characters, overlap 50) over
each document, BM25 over plain jieba words, the top chunk as the answer.
No answerer, no refusals. Needs ``langchain-text-splitters`` (the ``bench``
extra).
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

from .errors import ConfigError
from .ncp import NcpItem, answer_body, doc_ranking, score

CHUNK_SIZE, CHUNK_OVERLAP = 500, 50


def words(text: str) -> list[str]:
    """Plain jieba words (no policy dictionary), punctuation and spaces dropped."""
    import jieba

    return [w for w in jieba.lcut(text) if any(unicodedata.category(ch)[0] in "LN" for ch in w)]


def chunks_of(docs: dict[str, str]) -> list[tuple[str, str]]:
    """(doc id, chunk text) for every chunk of every document."""
    try:
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError as e:
        raise ConfigError("the textbook baseline needs langchain-text-splitters: pip install '.[bench]'") from e
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return [(d, c) for d, text in docs.items() for c in splitter.split_text(text)]


class TextbookRetriever:
    def __init__(self, docs: dict[str, str]):
        import bm25s

        self.chunks = chunks_of(docs)
        self.bm25 = bm25s.BM25()  # Okapi defaults, as rank_bm25 / LangChain's BM25Retriever
        self.bm25.index([words(c) or ["∅"] for _, c in self.chunks], show_progress=False)

    def search(self, question: str, k: int = 10) -> list[tuple[str, str]]:
        q = words(question)
        if not q:
            return []
        ids, _ = self.bm25.retrieve([q], k=min(k, len(self.chunks)), show_progress=False)
        return [self.chunks[int(i)] for i in ids[0]]


def run_textbook(root: Path, items: list[NcpItem], k: int = 10) -> list[dict]:
    """The textbook pipeline over every document of ``root/docs`` (dev and test
    together, as policybot's index), scored like policybot's answers."""
    docs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(root, "docs").glob("*.txt"))}
    retriever = TextbookRetriever(docs)
    rows = []
    for it in items:
        t0 = time.perf_counter()
        hits = retriever.search(it.question, k)
        top = hits[0][1] if hits else ""
        m = score(it, doc_ranking([d for d, _ in hits]), body=answer_body(top), cited_docs=[d for d, _ in hits[:1]],
                  quotes=[top] if top else [], refused=not hits)
        rows.append({"id": it.id, "split": it.split, "metrics": m, "latency": round(time.perf_counter() - t0, 4)})
    return rows
