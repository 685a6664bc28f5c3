"""Building an index in memory, and changing one: add, replace or remove
documents without embedding or tokenising the others again.

What is embedded depends on how much text there is (``embedding_plan``).
On 2 cores the model runs at about 1,200 tokens/s. A small corpus (up to
``FULL_SCHEME_MAX_CHARS`` of indexed text, about two minutes of embedding)
gets every chunk in full and every sentence its own vector: sentence vectors
sharpen quoting and refusals (on the five shipped documents the compact
scheme costs 0.03 Recall@1 and 0.045 of correct refusals). A larger one gets
one vector per retrieval chunk, of its context line and text cut to
``DENSE_CHARS`` characters (about 110 tokens of Chinese), a third of the
tokens: sentence scoring then uses the vector of the chunk a sentence sits
in plus its words (see ``evidence``), and BM25 still covers every character.
An index keeps its scheme when documents are added or removed.
"""

from __future__ import annotations

import time

import numpy as np

from . import lexicon
from .chunking import chunk_document, embed_text, segments
from .documents import ParsedDocument
from .embedcache import EmbeddingCache
from .embeddings import embed_array, model_id
from .errors import DuplicateDocumentError, IndexMismatchError, PolicybotError
from .index import FORMAT_VERSION, IndexData, Progress, _no_progress, lexical_text
from .tokenize import DEFAULT_TOKENIZER, tokenize
from .tokentable import TokenTable, compact
from .types import INDEXED_KINDS

DENSE_CHARS = 128  # characters of a chunk's embedded text (context line + chunk); 160 measured the same on corpus-ncp dev
FULL_SCHEME_MAX_CHARS = 250_000  # indexed text up to which chunks are embedded in full, and every sentence
AUTO = "auto"
BATCH = 64  # texts per call to the embedder
FLUSH_EVERY = 20  # batches between writes of the embedding cache


SCHEMES = (AUTO, "full", "compact")  # POLICYBOT_EMBED_SCHEME


def embedding_plan(indexed_chars: int, scheme: str = AUTO) -> tuple[int | None, bool]:
    """(characters embedded per chunk or None for all, whether sentences get
    vectors) for a corpus with this much indexed text: the fuller scheme up to
    ``FULL_SCHEME_MAX_CHARS`` (``auto``), or the one ``scheme`` names."""
    if scheme == "full" or (scheme == AUTO and indexed_chars <= FULL_SCHEME_MAX_CHARS):
        return None, True
    return DENSE_CHARS, False


def dense_text(doc, clause, chunk, max_chars: int | None = DENSE_CHARS) -> str:
    return embed_text(doc, clause, chunk)[:max_chars]


def embed_missing(embeddings, texts: list[str], have: list, *, progress: Progress = _no_progress,
                  batch: int = BATCH, cache: EmbeddingCache | None = None, desc: str = "embed") -> list[np.ndarray]:
    """Vectors for ``texts``: those in ``have`` or in ``cache`` are kept, the
    rest are embedded in batches (and added to the cache as they come)."""
    out = list(have)
    if cache is not None:
        todo = [i for i, v in enumerate(out) if v is None]
        for i, v in zip(todo, cache.get([texts[i] for i in todo])):
            out[i] = v
    first: dict[str, int] = {}  # a text that occurs twice is embedded once
    for i, v in enumerate(out):
        if v is None:
            first.setdefault(texts[i], i)
    todo = sorted(first.values(), key=lambda i: len(texts[i]))  # similar lengths batched together
    groups = [todo[i : i + batch] for i in range(0, len(todo), batch)]
    for n, g in enumerate(progress(groups, len(groups), desc), start=1):
        vecs = embed_array(embeddings, [texts[i] for i in g], query=False)
        for i, v in zip(g, vecs):
            out[i] = v
        if cache is not None:
            cache.put([texts[i] for i in g], vecs)
            if n % FLUSH_EVERY == 0:
                cache.flush()  # an interrupted ingest resumes from here
    if cache is not None:
        cache.flush()
    return [v if v is not None else out[first[texts[i]]] for i, v in enumerate(out)]


def build(
    docs: list[ParsedDocument],
    embeddings,
    *,
    tokenizer: str = DEFAULT_TOKENIZER,
    corpus_fingerprint: str = "",
    embedding_spec: str = "",
    progress: Progress = _no_progress,
    reuse: IndexData | None = None,
    batch: int = BATCH,
    cache: EmbeddingCache | None = None,
    dense_chars: int | None | str = AUTO,
    sentence_vectors: bool | str = AUTO,
    scheme: str = AUTO,
) -> IndexData:
    """An index over ``docs``. A text already embedded in ``reuse`` (same
    model) or in ``cache`` is not embedded again. ``dense_chars`` and
    ``sentence_vectors`` default to ``embedding_plan`` of the corpus size;
    ``dense_chars=None, sentence_vectors=True`` is the fuller scheme (every
    chunk in full and every sentence embedded), as is ``scheme="full"``."""
    documents = {d.meta.doc_id: d.meta for d in docs}
    clauses = [c for d in docs for c in d.clauses]
    planned = embedding_plan(sum(len(c.text) for c in clauses if c.kind in INDEXED_KINDS), scheme)
    dense_chars = planned[0] if dense_chars == AUTO else dense_chars
    sentence_vectors = planned[1] if sentence_vectors == AUTO else sentence_vectors
    by_id = {c.clause_id: c for c in clauses}
    chunks = [ch for d in docs for ch in chunk_document(d.clauses)]
    texts = [dense_text(documents[ch.doc_id], by_id[ch.clause_id], ch, dense_chars) for ch in chunks]
    lex = [lexical_text(documents[ch.doc_id], by_id[ch.clause_id], ch) for ch in chunks]
    segs = [(pos, a, b) for pos, c in enumerate(clauses) if c.kind in INDEXED_KINDS for a, b in segments(c.text)]

    mid = model_id(embeddings)
    known: dict[str, np.ndarray] = {}
    if reuse is not None and reuse.manifest["embedding"]["model"] == mid:
        known = dict(zip(reuse.dense_texts, reuse.vectors))
    vectors = embed_missing(embeddings, texts, [known.get(t) for t in texts], progress=progress,
                            batch=batch, cache=cache)
    seg_vecs = None
    if sentence_vectors:
        st = [clauses[p].text[a:b] for p, a, b in segs]
        have = dict(zip(reuse.segment_texts(), reuse.segment_vectors)) if (
            reuse is not None and reuse.segment_vectors is not None and reuse.manifest["embedding"]["model"] == mid) else {}
        sv = embed_missing(embeddings, st, [have.get(t) for t in st], progress=progress, batch=batch, cache=cache,
                           desc="sentences")
        seg_vecs = np.vstack(sv).astype(np.float32) if sv else np.zeros((0, int(getattr(embeddings, "dim", 1))), np.float32)
    dim = int(getattr(embeddings, "dim", 0) or 0)
    mat = np.vstack([np.asarray(v, dtype=np.float32) for v in vectors]) if vectors else np.zeros((0, dim or 1), np.float32)
    dim = int(mat.shape[1]) if len(mat) else dim

    vocab: dict[str, int] = {}
    chunk_tok = TokenTable.from_lists(
        [tokenize(t, tokenizer) for t in progress(lex, len(lex), "tokenize")], vocab)
    seg_tok = TokenTable.from_lists([tokenize(clauses[p].text[a:b], tokenizer) for p, a, b in segs], vocab)
    words, (chunk_tok, seg_tok) = compact(list(vocab), [chunk_tok, seg_tok])

    manifest = {
        "format_version": FORMAT_VERSION,
        "version": "unsaved",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "embedding": {"spec": embedding_spec or mid, "model": mid, "dim": dim},
        "tokenizer": tokenizer,
        "lexicon": lexicon.fingerprint(),  # the tokenizer's policy terms come from it
        "corpus_fingerprint": corpus_fingerprint,
        "documents": sorted(documents),
        "document_fingerprints": {d.meta.doc_id: d.fingerprint for d in docs},
        "counts": {"documents": len(documents), "clauses": len(clauses), "chunks": len(chunks), "segments": len(segs)},
        "dense": {"max_chars": dense_chars, "sentence_vectors": sentence_vectors},
    }
    return IndexData(manifest, documents, clauses, chunks, mat, tokenizer, lex, segs, seg_vecs,
                     vocab=words, chunk_tokens=chunk_tok, segment_tokens=seg_tok)


# ---------------------------------------------------------------- changes

def _check_model(base: IndexData, embeddings) -> None:
    if base.manifest["embedding"]["model"] != model_id(embeddings):
        raise IndexMismatchError(
            f"the index was built with {base.manifest['embedding']['model']!r}, not {model_id(embeddings)!r}; "
            "rebuild it before adding documents."
        )


def _tokens(data: IndexData) -> tuple[TokenTable, TokenTable]:
    """The token tables of ``data`` (made from its texts for an index saved
    before they were stored)."""
    if data.chunk_tokens is not None and data.segment_tokens is not None:
        return data.chunk_tokens, data.segment_tokens
    vocab = {w: i for i, w in enumerate(data.vocab)}
    ct = TokenTable.from_lists([tokenize(t, data.tokenizer) for t in data.lexical_texts], vocab)
    st = TokenTable.from_lists([tokenize(data.clauses[p].text[a:b], data.tokenizer) for p, a, b in data.segments], vocab)
    data.vocab = list(vocab)
    return ct, st


def _manifest_after(base: IndexData, documents: dict, fingerprints: dict, counts: dict) -> dict:
    manifest = dict(base.manifest)
    manifest["version"] = "unsaved"
    manifest["created"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    manifest["documents"] = sorted(documents)
    manifest["document_fingerprints"] = fingerprints
    manifest["counts"] = counts
    manifest["format_version"] = FORMAT_VERSION
    manifest["dense"] = {"max_chars": base.dense_chars, "sentence_vectors": base.segment_vectors is not None}
    return manifest


def remove(base: IndexData, doc_ids) -> IndexData:
    """``base`` without the documents ``doc_ids``. Nothing is embedded or
    tokenised again: vectors and tokens of the others are kept as they are."""
    gone = set(doc_ids)
    unknown = sorted(gone - base.documents.keys())
    if unknown:
        raise PolicybotError(
            f"no document {', '.join(map(repr, unknown))} in the index; `policybot search` or the desk's "
            "document list shows the ids it holds."
        )
    keep_c = [i for i, c in enumerate(base.clauses) if c.doc_id not in gone]
    new_pos = {old: new for new, old in enumerate(keep_c)}
    ch_keep = [i for i, ch in enumerate(base.chunks) if ch.doc_id not in gone]
    seg_keep = [i for i, (cp, _, _) in enumerate(base.segments) if cp in new_pos]
    ct, st = _tokens(base)
    words, (ct, st) = compact(base.vocab, [ct.take(ch_keep), st.take(seg_keep)])
    documents = {k: v for k, v in base.documents.items() if k not in gone}
    segs = [(new_pos[cp], a, b) for cp, a, b in (base.segments[i] for i in seg_keep)]
    seg_vecs = base.segment_vectors[seg_keep] if base.segment_vectors is not None else None
    manifest = _manifest_after(
        base, documents,
        {k: v for k, v in base.manifest.get("document_fingerprints", {}).items() if k not in gone},
        {"documents": len(documents), "clauses": len(keep_c), "chunks": len(ch_keep), "segments": len(segs)},
    )
    if "added" in manifest:
        manifest["added"] = sorted(set(manifest["added"]) - gone)
    if "uploads" in manifest:  # the service's record of uploaded files
        manifest["uploads"] = {k: v for k, v in manifest["uploads"].items() if k not in gone}
    return IndexData(
        manifest, documents, [base.clauses[i] for i in keep_c], [base.chunks[i] for i in ch_keep],
        base.vectors[ch_keep], base.tokenizer, [base.lexical_texts[i] for i in ch_keep], segs, seg_vecs,
        vocab=words, chunk_tokens=ct, segment_tokens=st,
    )


def duplicates(base: IndexData, docs: list[ParsedDocument]) -> None:
    """Raise ``DuplicateDocumentError`` for a document whose exact text is
    already in the index (under any id)."""
    have = {fp: doc_id for doc_id, fp in base.manifest.get("document_fingerprints", {}).items()}
    for d in docs:
        if d.fingerprint in have:
            existing = have[d.fingerprint]
            title = base.documents[existing].title if existing in base.documents else existing
            raise DuplicateDocumentError(
                f"{d.meta.file or d.meta.doc_id}: this document is already in the index as {existing!r} "
                f"(《{title}》), with the same text; nothing was added. To change it, upload the edited version "
                "under the same id; to add it again, remove the indexed one first.",
                existing=existing,
            )


def extend(base: IndexData, new_docs: list[ParsedDocument], embeddings, *, progress: Progress = _no_progress,
           cache: EmbeddingCache | None = None) -> IndexData:
    """``base`` plus ``new_docs``; a document whose id is already there
    replaces the old version. Only text not embedded before is embedded;
    the other documents' vectors and tokens are reused as they are.
    Raises ``DuplicateDocumentError`` for a document already indexed."""
    _check_model(base, embeddings)
    duplicates(base, new_docs)
    replaced = {d.meta.doc_id for d in new_docs} & base.documents.keys()
    kept = remove(base, replaced) if replaced else base
    fresh = build(new_docs, embeddings, tokenizer=base.tokenizer, progress=progress, reuse=base, cache=cache,
                  dense_chars=base.dense_chars, sentence_vectors=base.segment_vectors is not None)
    kc, ks = _tokens(kept)
    vocab = {w: i for i, w in enumerate(kept.vocab)}
    fc = TokenTable.from_lists([[fresh.vocab[i] for i in fresh.chunk_tokens.row(r)] for r in range(len(fresh.chunk_tokens))], vocab)
    fs = TokenTable.from_lists([[fresh.vocab[i] for i in fresh.segment_tokens.row(r)] for r in range(len(fresh.segment_tokens))], vocab)
    words, (ct, st) = compact(list(vocab), [kc.concat(fc), ks.concat(fs)])
    offset = len(kept.clauses)
    clauses = kept.clauses + fresh.clauses
    chunks = kept.chunks + fresh.chunks
    segs = kept.segments + [(cp + offset, a, b) for cp, a, b in fresh.segments]
    documents = {k: v for k, v in kept.documents.items()} | fresh.documents
    manifest = _manifest_after(
        kept, documents,
        dict(kept.manifest.get("document_fingerprints", {})) | fresh.manifest["document_fingerprints"],
        {"documents": len(documents), "clauses": len(clauses), "chunks": len(chunks), "segments": len(segs)},
    )
    manifest["added"] = sorted(set(base.manifest.get("added", [])) | {d.meta.doc_id for d in new_docs})
    vectors = np.vstack([kept.vectors, fresh.vectors]) if len(fresh.vectors) else kept.vectors
    seg_vecs = None
    if kept.segment_vectors is not None and fresh.segment_vectors is not None:
        seg_vecs = np.vstack([kept.segment_vectors, fresh.segment_vectors]).astype(np.float32)
    return IndexData(
        manifest, documents, clauses, chunks, vectors, base.tokenizer, kept.lexical_texts + fresh.lexical_texts,
        segs, seg_vecs, vocab=words, chunk_tokens=ct, segment_tokens=st,
    )
