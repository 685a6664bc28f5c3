"""Search backends: the ``SearchBackend`` protocol, the embedded default
(FAISS + bm25s, ``local``) and Milvus (``milvus``, Milvus Lite or a server).

``make_backend(settings, index)`` picks one from ``POLICYBOT_BACKEND``.
"""

from __future__ import annotations

from .base import ChunkScope, Filters, Ranking, SearchBackend, doc_matches, doc_years, region_matches
from .local import DEFAULT_EXACT_MAX, LocalBackend, local_backend

BACKENDS = ("local", "milvus")

__all__ = [
    "BACKENDS", "ChunkScope", "DEFAULT_EXACT_MAX", "Filters", "LocalBackend", "Ranking", "SearchBackend",
    "doc_matches", "doc_years", "local_backend", "make_backend", "region_matches",
]


def make_backend(settings, index) -> SearchBackend:
    """The backend ``settings.backend`` names, over ``index``."""
    if settings.backend == "milvus":
        from .milvus import MilvusBackend

        return MilvusBackend(index, settings.milvus_uri_or_default)
    return LocalBackend(index, exact_max=settings.exact_max)
