"""Changing an index without redoing it: removing and replacing documents,
refusing a document that is already indexed, the embedding cache, the
stored token tables; and the loader's checks of every file (hash
embeddings: bookkeeping, not retrieval quality)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from policybot import index as ix
from policybot.cli import main
from policybot.documents import parse_file
from policybot.embedcache import EmbeddingCache
from policybot.errors import DuplicateDocumentError, IndexStateError, PolicybotError
from policybot.evidence import segment_similarities
from policybot.indexbuild import DENSE_CHARS, FULL_SCHEME_MAX_CHARS, embedding_plan
from policybot.tokenize import tokenize

from test_index import JINAN, ZIBO, Counting

ROOT = Path(__file__).resolve().parents[1]
JINING = "jining-2020-manufacturing-clusters-opinions"


@pytest.fixture(scope="module")
def three(parsed_corpus):
    return [parsed_corpus[JINAN], parsed_corpus[ZIBO], parsed_corpus[JINING]]


# the compact scheme of large corpora (these few documents alone would get the fuller one)
COMPACT = {"dense_chars": DENSE_CHARS, "sentence_vectors": False}


@pytest.fixture(scope="module")
def built3(three, hash_embeddings):
    return ix.build(three, hash_embeddings, embedding_spec="hash", **COMPACT)


# --- remove


def test_remove_gives_the_index_of_the_other_documents_without_embedding(built3, three, hash_embeddings, tmp_path):
    removed = ix.remove(built3, [ZIBO])
    rest = ix.build([three[0], three[2]], hash_embeddings, embedding_spec="hash", **COMPACT)

    assert removed.documents.keys() == {JINAN, JINING}
    assert removed.clauses == rest.clauses and removed.chunks == rest.chunks and removed.segments == rest.segments
    assert np.array_equal(removed.vectors, rest.vectors)
    assert removed.vocab == rest.vocab
    assert np.array_equal(removed.chunk_tokens.ids, rest.chunk_tokens.ids)
    assert np.array_equal(removed.segment_tokens.ids, rest.segment_tokens.ids)
    assert removed.token_df == rest.token_df
    assert ZIBO not in removed.manifest["document_fingerprints"]
    # the same files as a fresh build: the same content-addressed version
    assert ix.save(removed, tmp_path / "a").name == ix.save(rest, tmp_path / "b").name


def test_remove_an_unknown_document_says_which(built3):
    with pytest.raises(PolicybotError, match="no document 'nope'"):
        ix.remove(built3, ["nope"])


def test_cli_remove(built3, hash_embeddings, tmp_path, monkeypatch, capsys):
    ix.save(built3, tmp_path / "idx")
    monkeypatch.setenv("POLICYBOT_EMBEDDING", "hash")
    monkeypatch.setenv("POLICYBOT_STATE_DIR", str(tmp_path / "state"))

    assert main(["remove", ZIBO, "--index", str(tmp_path / "idx")]) == 0
    assert f"removed {ZIBO}" in capsys.readouterr().err
    assert ix.load(tmp_path / "idx", hash_embeddings).documents.keys() == {JINAN, JINING}
    assert main(["remove", ZIBO, "--index", str(tmp_path / "idx")]) == 2
    assert f"no document '{ZIBO}'" in capsys.readouterr().err


# --- duplicates and replacements


def test_the_same_text_again_is_refused_under_any_id(built3, parsed_corpus, hash_embeddings, tmp_path):
    text = (ROOT / "corpus" / f"{ZIBO}.txt").read_text("utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text, "utf-8")
    for doc_id in (ZIBO, "another-id"):
        counter = Counting(hash_embeddings)
        with pytest.raises(DuplicateDocumentError) as caught:
            ix.extend(built3, [parse_file(copy, doc_id=doc_id)], counter)
        assert caught.value.existing == ZIBO
        assert f"already in the index as '{ZIBO}'" in str(caught.value)
        assert counter.texts == []


def test_replacing_a_document_keeps_the_others_vectors_and_tokens(built3, three, hash_embeddings, tmp_path):
    text = (ROOT / "corpus" / f"{ZIBO}.txt").read_text("utf-8")
    edited = tmp_path / "zibo.txt"
    edited.write_text(text.replace("专精特新中小企业500家以上", "专精特新中小企业600家以上"), "utf-8")
    new = parse_file(edited, doc_id=ZIBO, overrides={"region": "淄博市"})

    replaced = ix.extend(built3, [new], hash_embeddings)
    full = ix.build([three[0], three[2], new], hash_embeddings, embedding_spec="hash", **COMPACT)

    assert replaced.documents.keys() == {JINAN, ZIBO, JINING}
    assert replaced.clauses == full.clauses and replaced.segments == full.segments
    assert np.array_equal(replaced.vectors, full.vectors)
    assert replaced.token_df == full.token_df
    assert replaced.manifest["document_fingerprints"][ZIBO] == new.fingerprint


# --- embedding cache


def test_a_second_build_with_the_cache_embeds_nothing(three, hash_embeddings, tmp_path):
    cache = EmbeddingCache(tmp_path / "cache", hash_embeddings.model_id)
    first = Counting(hash_embeddings)
    built = ix.build(three[:2], first, cache=cache)
    assert first.texts

    again = Counting(hash_embeddings)
    rebuilt = ix.build(three[:2], again, cache=EmbeddingCache(tmp_path / "cache", hash_embeddings.model_id))

    assert again.texts == []
    assert np.array_equal(rebuilt.vectors, built.vectors)
    files = sorted(p.suffix for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert set(files) == {".json", ".npy"}


def test_the_cache_is_per_model_and_skips_a_broken_shard(hash_embeddings, tmp_path):
    cache = EmbeddingCache(tmp_path, "model-a")
    cache.put(["甲", "乙"], np.eye(2, dtype=np.float32))
    cache.flush()
    assert [v is not None for v in EmbeddingCache(tmp_path, "model-a").get(["甲", "丙"])] == [True, False]
    assert EmbeddingCache(tmp_path, "model-b").get(["甲"]) == [None]

    shard = next((tmp_path / "model-a").glob("shard-*.npy"))
    shard.write_bytes(b"not an array")
    assert EmbeddingCache(tmp_path, "model-a").get(["甲"]) == [None]


def test_a_text_that_occurs_twice_is_embedded_once(hash_embeddings):
    from policybot.indexbuild import embed_missing

    counter = Counting(hash_embeddings)
    out = embed_missing(counter, ["同一句", "另一句", "同一句"], [None, None, None])
    assert sorted(counter.texts) == ["另一句", "同一句"]
    assert np.array_equal(out[0], out[2])


# --- what is stored so that questions do not recompute it


def test_token_tables_match_the_tokenizer(built3):
    b = built3
    for i in (0, len(b.segments) // 2, len(b.segments) - 1):
        cp, s, e = b.segments[i]
        assert b.segment_token_set(i) == set(tokenize(b.clauses[cp].text[s:e], b.tokenizer))
    df: dict[str, int] = {}
    for t in b.lexical_texts:
        for tok in set(tokenize(t, b.tokenizer)):
            df[tok] = df.get(tok, 0) + 1
    assert b.token_df == df


def test_without_sentence_vectors_a_sentence_scores_as_its_chunk(built3, hash_embeddings):
    b = built3
    assert b.segment_vectors is None
    q = hash_embeddings.embed_array(["专精特新企业培育"], query=True)[0]
    cp = next(p for p in range(len(b.clauses)) if len(b.chunks_of(p)) >= 2)
    seg_ids = b.segments_of(cp)
    sims = segment_similarities(b, cp, seg_ids, q)
    for sid, sim in zip(seg_ids, sims):
        a = b.segments[sid][1]
        chunk = next(c for c in b.chunks_of(cp) if b.chunks[c].start <= a < b.chunks[c].end)
        assert sim == pytest.approx(float(b.vectors[chunk] @ q))
    assert len(set(np.round(sims, 6))) >= 2  # not one score for the whole clause


# --- the loader checks every file


def _json_file(name, value):
    def damage(folder: Path):
        (folder / name).write_text(json.dumps(value), "utf-8")
    return damage


def _manifest_without(key):
    def damage(folder: Path):
        m = json.loads((folder / "manifest.json").read_text("utf-8"))
        del m[key]
        (folder / "manifest.json").write_text(json.dumps(m), "utf-8")
    return damage


def _array_file(name, value):
    def damage(folder: Path):
        np.save(folder / name, value, allow_pickle=False)
    return damage


def _line(name, text):
    def damage(folder: Path):
        with open(folder / name, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return damage


@pytest.mark.parametrize(
    "damage, name",
    [
        (_json_file("manifest.json", []), "manifest.json"),
        (_manifest_without("embedding"), "manifest.json"),
        (_manifest_without("tokenizer"), "manifest.json"),
        (_json_file("documents.json", {"x": 1}), "documents.json"),
        (_json_file("documents.json", [{"x": 1}]), "documents.json"),
        (_line("clauses.jsonl", "[1, 2]"), "clauses.jsonl"),
        (_line("chunks.jsonl", '{"clause_id": "nope", "start": 0, "end": 1}'), "chunks.jsonl"),
        (_array_file("segments.npy", np.zeros((4, 2), np.int64)), "segments.npy"),
        (_array_file("segments.npy", np.array([[10**6, 0, 1]], np.int64)), "segments.npy"),
        (_array_file("segment_vectors.npy", np.zeros((3, 7), np.float32)), "segment_vectors.npy"),
        (_json_file("vocab.json", {"a": 1}), "vocab.json"),
        (_array_file("token_df.npy", np.zeros(3, np.int32)), "token_df.npy"),
        (_array_file("chunk_token_offsets.npy", np.array([0, 1], np.int64)), "chunk_tokens.npy"),
        (_array_file("segment_tokens.npy", np.array([10**7], np.int32)), "segment_tokens.npy"),
    ],
    ids=["manifest-list", "no-embedding", "no-tokenizer", "documents-object", "document-without-fields",
         "clause-not-object", "chunk-of-unknown-clause", "segments-shape", "segment-outside", "segment-vectors-shape",
         "vocab-object", "token-df-shape", "chunk-token-rows", "segment-token-ids"],
)
def test_a_damaged_file_is_named_with_the_rebuild_command(built3, hash_embeddings, tmp_path, damage, name):
    folder = ix.save(built3, tmp_path / "idx")
    damage(folder)
    with pytest.raises(IndexStateError) as caught:
        ix.load(tmp_path / "idx", hash_embeddings)
    assert name in str(caught.value)
    assert f"policybot ingest --index {tmp_path / 'idx'}" in str(caught.value)


def test_leftovers_of_a_killed_save_are_removed_when_the_index_is_opened(built3, hash_embeddings, tmp_path):
    ix.save(built3, tmp_path / "idx")
    (tmp_path / "idx" / ".tmp-abc" / "bm25").mkdir(parents=True)
    (tmp_path / "idx" / ".CURRENT.tmp").write_text("v-half\n")

    ix.load(tmp_path / "idx", hash_embeddings)

    assert sorted(p.name for p in (tmp_path / "idx").iterdir()) == [".lock", "CURRENT", built3.version]


def test_cli_ingest_reports_a_duplicate_and_adds_the_other_files(built3, hash_embeddings, tmp_path, monkeypatch, capsys):
    ix.save(built3, tmp_path / "idx")
    monkeypatch.setenv("POLICYBOT_EMBEDDING", "hash")
    monkeypatch.setenv("POLICYBOT_STATE_DIR", str(tmp_path / "state"))
    other = ROOT / "corpus" / "shizhong-2024-transformation-action-plan.txt"

    code = main(["ingest", "--index", str(tmp_path / "idx"), str(ROOT / "corpus" / f"{ZIBO}.txt"), str(other)])

    err = capsys.readouterr().err
    assert code == 1
    assert f"already in the index as '{ZIBO}'" in err
    assert "indexed 1 document(s)" in err
    assert len(ix.load(tmp_path / "idx", hash_embeddings).documents) == 4


def test_what_is_embedded_follows_the_size_of_the_corpus(three, hash_embeddings):
    assert embedding_plan(FULL_SCHEME_MAX_CHARS) == (None, True)
    assert embedding_plan(FULL_SCHEME_MAX_CHARS + 1) == (DENSE_CHARS, False)
    small = ix.build(three, hash_embeddings)  # three documents: the fuller scheme
    assert small.manifest["dense"] == {"max_chars": None, "sentence_vectors": True}
    assert small.segment_vectors is not None and len(small.segment_vectors) == len(small.segments)
    # POLICYBOT_EMBED_SCHEME names one whatever the size
    assert embedding_plan(FULL_SCHEME_MAX_CHARS + 1, "full") == (None, True)
    assert embedding_plan(10, "compact") == (DENSE_CHARS, False)
    compact = ix.build(three, hash_embeddings, scheme="compact")
    assert compact.manifest["dense"] == {"max_chars": DENSE_CHARS, "sentence_vectors": False}
    assert compact.segment_vectors is None


def test_the_embedding_scheme_is_a_setting(monkeypatch, tmp_path):
    from policybot.errors import ConfigError
    from policybot.settings import Settings

    monkeypatch.delenv("POLICYBOT_EMBED_SCHEME", raising=False)
    assert Settings.from_env().embed_scheme == "auto"
    monkeypatch.setenv("POLICYBOT_EMBED_SCHEME", "every-sentence")
    with pytest.raises(ConfigError, match="POLICYBOT_EMBED_SCHEME='every-sentence'.*'full'.*'compact'"):
        Settings.from_env()
    monkeypatch.setenv("POLICYBOT_EMBED_SCHEME", "Compact")
    monkeypatch.setenv("POLICYBOT_EMBEDDING", "hash")
    monkeypatch.setenv("POLICYBOT_STATE_DIR", str(tmp_path / "state"))
    assert main(["ingest", "--index", str(tmp_path / "idx"), str(ROOT / "corpus" / f"{ZIBO}.txt")]) == 0
    assert json.loads((next((tmp_path / "idx").glob("v-*")) / "manifest.json").read_text("utf-8"))["dense"]["sentence_vectors"] is False


def test_the_fuller_scheme_keeps_sentence_vectors_through_changes(three, hash_embeddings, tmp_path):
    full = ix.build(three, hash_embeddings, dense_chars=None, sentence_vectors=True)
    assert full.segment_vectors.shape == (len(full.segments), hash_embeddings.dim)
    two = ix.remove(full, [ZIBO])
    back = ix.extend(two, [three[1]], hash_embeddings)
    assert back.segment_vectors.shape == (len(back.segments), hash_embeddings.dim)
    ix.save(back, tmp_path / "idx")
    loaded = ix.load(tmp_path / "idx", hash_embeddings)
    assert loaded.manifest["dense"] == {"max_chars": None, "sentence_vectors": True}
    assert np.array_equal(loaded.segment_vectors, back.segment_vectors)
